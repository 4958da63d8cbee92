//! A running `kette serve` for tests: started on a free loopback port,
//! its address read from its output, raw HTTP/1.1 exchanges (so that `/../`
//! reaches the server as written), killed when dropped.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long starting the server or one exchange may take.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// A running `kette serve`, killed when dropped (also when a test fails).
pub struct Server {
    pub child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    pub stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `kette serve --port 0` on the site at `root`.
    pub fn start(root: &Path) -> Server {
        Server::start_with(root, &[], None)
    }

    /// Like [`Server::start`], with environment variables set and, when
    /// `open_files` is given (Unix), the process's open-file limit lowered
    /// to it (through `sh -c 'ulimit -n N'`).
    pub fn start_with(root: &Path, env: &[(&str, &str)], open_files: Option<u64>) -> Server {
        let bin = env!("CARGO_BIN_EXE_kette");
        let mut command = match open_files {
            Some(n) => {
                let mut c = Command::new("sh");
                c.arg("-c")
                    .arg(format!("ulimit -n {n} && exec \"$0\" \"$@\""))
                    .arg(bin);
                c
            }
            None => Command::new(bin),
        };
        let mut child = command
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kette serve");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let (lines, received) = mpsc::channel();
        thread::spawn(move || {
            // Read to the end, also after the address was found: a closed
            // pipe would make the server's next line fail.
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
                        // English or German ("Vorschau unter …").
                        if line.starts_with("Serving") || line.starts_with("Vorschau") {
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

    /// What the server wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// `GET target` with the served address as Host.
    pub fn get(&self, target: &str) -> Response {
        request(&self.addr, target, &self.addr)
    }

    /// Sends raw bytes and reads the answer until the server closes.
    pub fn send(&self, raw: &[u8]) -> Response {
        send(&self.addr, raw)
    }

    /// Panics (with the server's log) unless the process is still running.
    pub fn assert_alive(&mut self) {
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
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as text (invalid UTF-8 replaced).
    pub body: String,
    /// The body as sent.
    pub bytes: Vec<u8>,
}

impl Response {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// `GET target` with the given Host header; the target is sent as written.
pub fn request(addr: &str, target: &str, host: &str) -> Response {
    send(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// One raw exchange. A write the server cut short (it may answer and close
/// before a huge request is fully sent) still reads whatever came back.
pub fn send(addr: &str, raw: &[u8]) -> Response {
    let mut stream = connect(addr);
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

/// A connection to `addr`, or a panic when none is made within [`DEADLINE`]
/// (a server that accepts nothing more must fail a test, not hang it).
pub fn connect(addr: &str) -> TcpStream {
    let addr = addr
        .to_socket_addrs()
        .expect("address")
        .next()
        .expect("an address");
    TcpStream::connect_timeout(&addr, DEADLINE)
        .unwrap_or_else(|e| panic!("cannot connect to {addr} within {DEADLINE:?}: {e}"))
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
    let bytes = data[end..].to_vec();
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

/// Writes a file below `root`, creating folders.
pub fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A small site in `dir/site` with one record and one article whose body is
/// `text`, and a secret file beside it in `dir` (for traversal tests).
pub fn fixture(dir: &Path, text: &str) -> PathBuf {
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
    write(&root, "content/news/2024-05-02-hallo.md", &article(text));
    root
}

/// The article of [`fixture`] with the given text.
pub fn article(text: &str) -> String {
    format!("---\ntitle: \"Hallo Netz\"\nmunicipalities: [ahlen]\n---\n{text} des Artikels.\n")
}
