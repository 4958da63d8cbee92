//! `kette serve` end to end: a real server process on a free port, real file
//! edits, plain HTTP requests (raw, so that `/../` reaches the server as it
//! was written).

use std::io::{Read, Write};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

#[path = "common/server.rs"]
mod server;

use server::{article, fixture, request, write, Server, DEADLINE};

const RECORD: &str = "name: Ahlen\nkind: Stadt\njoined: 2017\n";

/// Polls `check` until it gives a value or the deadline passes.
fn eventually<T>(what: &str, log: &Mutex<String>, mut check: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        if started.elapsed() > DEADLINE {
            let log = log.lock().map(|s| s.clone()).unwrap_or_default();
            panic!("timed out waiting for {what}; stderr:\n{log}");
        }
        thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_rebuilds_keeps_the_last_good_site_and_refuses_traversal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Erste Fassung");
    let server = Server::start(&root);

    // The page, with the live-reload script, links on the local server.
    let page = server.get("/news/hallo/");
    assert_eq!(page.status, 200, "{page:?}\n{}", server.stderr());
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("Erste Fassung"));
    assert!(
        page.body.contains("__kette/events"),
        "no live-reload script"
    );
    assert!(!page.body.contains("__kette_overlay"));
    assert!(
        !page.body.contains("example.org/sub"),
        "links must point at the local server"
    );
    assert!(page.body.contains(&format!("http://{}/", server.addr)));
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains("href=\"/news/hallo/\""),
        "root-relative links"
    );

    // Content types and the theme's 404 page.
    assert_eq!(
        server.get("/atom.xml").header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    write(
        &root,
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    write(&root, "static/fonts/a.woff2", "wOF2");
    let calendar = server.get("/events.ics");
    if calendar.status == 200 {
        assert_eq!(
            calendar.header("content-type"),
            Some("text/calendar; charset=utf-8")
        );
    }
    let missing = server.get("/gibt-es-nicht/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(missing.body.contains("__kette/events"));
    assert_eq!(server.get("/news").status, 308);

    // Traversal in every spelling, and foreign Host names, are refused.
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/news/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/C:/Windows/win.ini",
        "/..%2f..%2fsite%2fsite.yaml",
    ] {
        let response = server.get(target);
        assert!(
            (400..500).contains(&response.status) && response.status != 404,
            "{target}: {response:?}"
        );
        assert!(
            !response.body.contains("TOP-SECRET") && !response.body.contains("base_url"),
            "{target} leaked"
        );
    }
    let port = server.addr.rsplit(':').next().unwrap_or_default();
    let rebinding = request(&server.addr, "/", &format!("attacker.example:{port}"));
    assert_eq!(rebinding.status, 403);
    assert_eq!(
        request(&server.addr, "/", &format!("localhost:{port}")).status,
        200
    );

    // An edit is served within seconds.
    write(
        &root,
        "content/news/2024-05-02-hallo.md",
        &article("Zweite Fassung"),
    );
    eventually("the edited article", &server.stderr, || {
        server
            .get("/news/hallo/")
            .body
            .contains("Zweite Fassung")
            .then_some(())
    });

    // New static files are served with their types.
    let svg = eventually("a new static file", &server.stderr, || {
        let r = server.get("/logo.svg");
        (r.status == 200).then_some(r)
    });
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert_eq!(
        server.get("/fonts/a.woff2").header("content-type"),
        Some("font/woff2")
    );

    // A broken record: the last good page stays, with the problem overlaid.
    write(
        &root,
        "content/municipalities/ahlen.yaml",
        &format!("{RECORD}einwohner: 52000\n"),
    );
    let broken = eventually("the error overlay", &server.stderr, || {
        let page = server.get("/news/hallo/");
        page.body.contains("__kette_overlay").then_some(page)
    });
    assert_eq!(broken.status, 200);
    assert!(
        broken.body.contains("Zweite Fassung"),
        "the last good page must stay served"
    );
    assert!(
        broken
            .body
            .contains("content/municipalities/ahlen.yaml:4:1"),
        "file and line of the problem:\n{}",
        broken.body
    );
    // The terminal shows the problem too (read from the pipe by a thread).
    eventually("the problem in the terminal", &server.stderr, || {
        server.stderr().contains("ahlen.yaml:4:1").then_some(())
    });

    // Fixing it clears the overlay.
    write(&root, "content/municipalities/ahlen.yaml", RECORD);
    eventually("the overlay to clear", &server.stderr, || {
        (!server.get("/news/hallo/").body.contains("__kette_overlay")).then_some(())
    });
    assert!(server.get("/news/hallo/").body.contains("Zweite Fassung"));

    // The real output folder is never written.
    assert!(
        !root.join("public").exists(),
        "serve must not write public/"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Erste Fassung");
    let mut server = Server::start(&root);
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(status.success());
    let log = Arc::clone(&server.stderr);
    let exit = eventually("the server to stop", &log, || {
        server.child.try_wait().ok().flatten()
    });
    assert!(
        exit.success(),
        "exit status {exit:?}; stderr:\n{}",
        server.stderr()
    );
}

#[test]
fn a_port_in_use_is_said_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Erste Fassung");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["serve", "--port", &port, "--root"])
        .arg(&root)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("Port {port} auf 127.0.0.1 ist schon belegt")),
        "{stderr}"
    );
}

#[test]
fn a_folder_without_site_yaml_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("site.yaml"));
}

#[test]
fn two_host_headers_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Erste Fassung");
    let server = Server::start(&root);
    let port = server.addr.rsplit(':').next().unwrap_or_default();
    for hosts in [
        // The first names this server, the second another.
        [server.addr.clone(), format!("attacker.example:{port}")],
        [format!("attacker.example:{port}"), server.addr.clone()],
        // Both name this server: still malformed.
        [server.addr.clone(), server.addr.clone()],
    ] {
        let raw = format!(
            "GET /news/hallo/ HTTP/1.1\r\nHost: {}\r\nHost: {}\r\nConnection: close\r\n\r\n",
            hosts[0], hosts[1]
        );
        let answer = server.send(raw.as_bytes());
        assert_eq!(
            answer.status,
            400,
            "{hosts:?}: {:?} {}",
            answer.headers,
            answer.body.chars().take(200).collect::<String>()
        );
        assert!(!answer.body.contains("Erste Fassung"), "{hosts:?}");
    }
    assert_eq!(server.get("/news/hallo/").status, 200);
}

/// An open live-reload stream is a response in progress, not an idle
/// connection: the deadline for request heads (here 1 s) does not cut it,
/// and an edit long after it still arrives on it.
#[test]
fn the_live_reload_stream_outlives_the_head_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Erste Fassung");
    let server = Server::start_with(&root, &[("KETTE_SERVE_HEAD_TIMEOUT_MS", "1000")], None);
    let mut stream = server::connect(&server.addr);
    stream.set_read_timeout(Some(DEADLINE)).expect("timeout");
    write!(
        stream,
        "GET /__kette/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .expect("send");
    let mut seen = Vec::new();
    let mut read_until = |stream: &mut std::net::TcpStream, what: &str| {
        let mut chunk = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains(what) {
            match stream.read(&mut chunk) {
                Ok(0) => panic!(
                    "the stream closed before `{what}`:\n{}",
                    String::from_utf8_lossy(&seen)
                ),
                Ok(n) => seen.extend_from_slice(&chunk[..n]),
                Err(e) => panic!("no `{what}` ({e}):\n{}", String::from_utf8_lossy(&seen)),
            }
        }
    };
    read_until(&mut stream, "event: hello");
    // Well past the head timeout, with nothing sent either way (the stream's
    // own keep-alive comes every 15 s).
    thread::sleep(Duration::from_millis(3000));
    write(
        &root,
        "content/news/2024-05-02-hallo.md",
        &article("Zweite Fassung"),
    );
    read_until(&mut stream, "event: reload");
}

#[test]
fn the_address_of_a_draft_says_it_is_a_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Erste Fassung");
    write(
        &root,
        "content/news/2024-05-03-entwurf.md",
        "---\ntitle: \"Entwurf\"\ndraft: true\n---\nNoch nicht fertig.\n",
    );
    let server = Server::start(&root);
    let page = server.get("/news/entwurf/");
    assert_eq!(page.status, 404, "{page:?}");
    assert!(
        page.body.contains(
            "Diese Seite ist ein Entwurf (content/news/2024-05-03-entwurf.md): entfernen Sie `draft: true`, um sie zu veröffentlichen"
        ),
        "{}",
        page.body
    );
    // Any other missing address stays a plain "not found".
    let missing = server.get("/news/gibt-es-nicht/");
    assert_eq!(missing.status, 404);
    assert!(!missing.body.contains("Entwurf"), "{}", missing.body);
}

#[test]
fn serve_reports_links_to_missing_pages_as_check_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture(dir.path(), "Siehe [dort](/news/gibt-es-nicht/)");
    let server = Server::start(&root);
    let page = server.get("/news/hallo/");
    assert_eq!(page.status, 200, "{page:?}");
    let message = "content/news/2024-05-02-hallo.md:5:14: der Link auf `/news/gibt-es-nicht/` führt zu keiner Seite dieser Website";
    let overlay = message.replacen(": der", "</code>: der", 1);
    assert!(page.body.contains(&overlay), "{}", page.body);
    eventually("the link in the terminal", &server.stderr, || {
        server.stderr().contains(message).then_some(())
    });
}
