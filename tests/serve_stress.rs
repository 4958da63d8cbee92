//! `kette serve` under stress (issue 9): a real server process on loopback,
//! hit with bounded amounts of concurrent, oversized, badly encoded, HEAD,
//! garbage and half-sent requests. Every answer must be a sensible status
//! (2xx/3xx/4xx, never a 5xx or a dead server), and afterwards a normal GET
//! must still succeed quickly. Everything has a deadline; the test stays well
//! under 20 seconds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long starting the server or any single request may take.
const DEADLINE: Duration = Duration::from_secs(10);

/// A running `kette serve`, killed when dropped (also when the test fails).
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kette"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kette serve");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let (lines, received) = mpsc::channel();
        thread::spawn(move || {
            // Keep reading after the address: a closed pipe would make the
            // server's next line fail.
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let collected = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&collected);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&line);
                    s.push('\n');
                }
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            stderr: collected,
        };
        server.addr = server.wait_for_address(&received);
        server
    }

    fn wait_for_address(&mut self, lines: &Receiver<String>) -> String {
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            match lines.recv_timeout(Duration::from_millis(200)) {
                Ok(line) => {
                    if let Some(rest) = line.split("http://").nth(1) {
                        if line.starts_with("Serving") {
                            return rest.split('/').next().unwrap_or_default().to_string();
                        }
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        panic!("kette serve printed no address; stderr:\n{}", self.stderr());
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Sends `GET target` with a proper Host header.
    fn get(&self, target: &str) -> Response {
        self.send(
            format!(
                "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr
            )
            .as_bytes(),
        )
    }

    /// Sends raw bytes and reads the answer until the server closes.
    fn send(&self, raw: &[u8]) -> Response {
        send(&self.addr, raw)
    }

    /// Panics (with the server's log) unless the process is still running.
    fn assert_alive(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("kette serve exited ({status}); stderr:\n{}", self.stderr());
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed answer; `status` is 0 when the server closed without one.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One raw exchange. A write the server cut short (it may answer and close
/// before a huge request is fully sent) still reads whatever came back.
fn send(addr: &str, raw: &[u8]) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(DEADLINE)).expect("timeout");
    stream.set_write_timeout(Some(DEADLINE)).expect("timeout");
    let _ = stream.write_all(raw);
    let mut data = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => data.extend_from_slice(&chunk[..n]),
            // A reset after the answer (unread request bytes) ends it too.
            Err(e)
                if e.kind() != std::io::ErrorKind::WouldBlock
                    && e.kind() != std::io::ErrorKind::TimedOut =>
            {
                break
            }
            Err(e) => panic!("no answer within {DEADLINE:?}: {e}"),
        }
    }
    parse(&data)
}

fn parse(data: &[u8]) -> Response {
    let end = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(data.len(), |p| p + 4);
    let head = String::from_utf8_lossy(&data[..end]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: data[end..].to_vec(),
    }
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A small site in `dir/site`, a secret file beside it in `dir`.
fn fixture(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    write(dir, "secret.txt", "TOP-SECRET\n");
    write(
        &root,
        "site.yaml",
        "title: \"Testnetz\"\nbase_url: \"https://example.org/sub/\"\nlanguage: de\n",
    );
    write(
        &root,
        "content/municipalities/ahlen.yaml",
        "name: Ahlen\nkind: Stadt\njoined: 2017\n",
    );
    write(
        &root,
        "content/news/2024-05-02-hallo.md",
        "---\ntitle: \"Hallo Netz\"\nmunicipalities: [ahlen]\n---\nText des Artikels.\n",
    );
    root
}

/// 2xx, 3xx or 4xx: anything but a server error or no answer.
fn sensible(status: u16) -> bool {
    (200..500).contains(&status)
}

#[test]
fn serve_survives_concurrency_huge_and_broken_requests_and_slow_clients() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path());
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
            !String::from_utf8_lossy(&answer.body).contains("TOP-SECRET"),
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
        let length = get.body.len().to_string();
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
    assert!(String::from_utf8_lossy(&after.body).contains("Text des Artikels"));
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
