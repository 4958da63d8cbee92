//! `kette serve` under stress (issue 9): a real server process on loopback,
//! hit with bounded amounts of concurrent, oversized, badly encoded, HEAD,
//! garbage and half-sent requests. Every answer must be a sensible status
//! (2xx/3xx/4xx, never a 5xx or a dead server), and afterwards a normal GET
//! must still succeed quickly. Everything has a deadline; the test stays well
//! under 20 seconds.

use std::io::Write;
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

#[path = "common/server.rs"]
mod server;

use server::{fixture, send, Server};

/// 2xx, 3xx or 4xx: anything but a server error or no answer.
fn sensible(status: u16) -> bool {
    (200..500).contains(&status)
}

#[test]
fn serve_survives_concurrency_huge_and_broken_requests_and_slow_clients() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Text");
    let mut server = Server::start(&root);
    let page = server.get("/news/hallo/");
    assert_eq!(page.status, 200, "{page:?}\n{}", server.stderr());

    // A slow-loris-ish client: half a request, then silence, held open for
    // the whole test. It must not block anyone else.
    let mut loris = TcpStream::connect(&server.addr).expect("connect");
    write!(
        loris,
        "GET /news/hallo/ HTTP/1.1\r\nHost: {}\r\nX-Slow: ",
        server.addr
    )
    .expect("send half");

    // 200 requests over 50 concurrent connections.
    let targets = [
        "/",
        "/news/hallo/",
        "/atom.xml",
        "/gibt-es-nicht/",
        "/news/hallo",
    ];
    let workers: Vec<_> = (0..50)
        .map(|worker| {
            let addr = server.addr.clone();
            thread::spawn(move || {
                (0..4)
                    .map(|round| {
                        let target = targets[(worker + round) % targets.len()];
                        let raw = format!(
                            "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
                        );
                        (target, send(&addr, raw.as_bytes()).status)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut answered = 0;
    for worker in workers {
        for (target, status) in worker.join().expect("worker thread") {
            let expected = match target {
                "/gibt-es-nicht/" => 404,
                "/news/hallo" => 308,
                _ => 200,
            };
            assert!(
                status == expected || (target == "/news/hallo" && (300..400).contains(&status)),
                "{target}: {status}\n{}",
                server.stderr()
            );
            answered += 1;
        }
    }
    assert_eq!(answered, 200);
    server.assert_alive();

    // A 100 KB path: refused (414/431/400) or simply not found.
    let huge = format!("/{}", "a".repeat(100 * 1024));
    let long = server.get(&huge);
    assert!(
        matches!(long.status, 400 | 404 | 414 | 431),
        "huge URL: {}",
        long.status
    );
    server.assert_alive();

    // Badly encoded targets: never a 5xx, never the secret beside the root.
    for target in [
        "/%",
        "/%zz",
        "/%ff%fe",
        "/%c0%af",
        "/%c0%ae%c0%ae/secret.txt",
        "/%00",
        "/news/%00/",
        "/news/hallo/%",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/news/%ed%a0%80/",
    ] {
        let answer = server.get(target);
        assert!(
            sensible(answer.status),
            "{target}: {}\n{}",
            answer.status,
            server.stderr()
        );
        assert!(
            !answer.body.contains("TOP-SECRET"),
            "{target} leaked the secret"
        );
    }
    server.assert_alive();

    // HEAD: the GET's headers, no body.
    for target in ["/news/hallo/", "/atom.xml", "/gibt-es-nicht/"] {
        let get = server.get(target);
        let head = server.send(
            format!(
                "HEAD {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                server.addr
            )
            .as_bytes(),
        );
        assert_eq!(head.status, get.status, "HEAD {target}");
        assert!(head.body.is_empty(), "HEAD {target} sent a body");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "HEAD {target}"
        );
        let length = get.bytes.len().to_string();
        assert_eq!(
            head.header("content-length"),
            Some(length.as_str()),
            "HEAD {target}: {head:?}"
        );
    }

    // Garbage request lines: a 400 or a closed connection, no crash. (Bare
    // empty lines alone are legally skipped while waiting for a request, so
    // they only appear before one here.)
    for raw in [
        &b"\x00\x01\x02 GARBAGE \xff\xfe\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"BREW /pot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: \x7f\r\nContent-Length: -1\r\n\r\n",
        b"\r\n\r\nGET /%zz HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n",
    ] {
        let answer = server.send(raw);
        assert!(
            answer.status == 0 || sensible(answer.status),
            "{:?}: {}",
            String::from_utf8_lossy(raw),
            answer.status
        );
        server.assert_alive();
    }

    // The slow client is still hanging; a normal GET is quick and correct.
    let quick = Instant::now();
    let after = server.get("/news/hallo/");
    assert_eq!(after.status, 200, "{}", server.stderr());
    assert!(after.body.contains("Text des Artikels"));
    assert!(
        quick.elapsed() < Duration::from_secs(2),
        "the GET after the stress took {:?}",
        quick.elapsed()
    );
    drop(loris);
    server.assert_alive();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}
