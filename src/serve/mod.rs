//! `kette serve`: builds the site in memory, serves it over HTTP on loopback,
//! rebuilds on every change of its sources and reloads open pages.
//!
//! The parts, each in its own module:
//! - [`state`]: the last good build held in memory and what a rebuild changed
//!   (nothing is written to disk; the real output `public/` is never touched);
//! - `links`: the internal links that lead nowhere, followed again only
//!   where an edit changed a page;
//! - [`watch`]: notify, debounced, filtered to the site's sources;
//! - `http`: axum on tokio, the request checks of `paths` and the
//!   Server-Sent Events stream at `/__kette/events`;
//! - `connections`: hyper's HTTP/1 server under it, with a deadline for
//!   request heads and a bound on open connections;
//! - [`inject`]: the live-reload script and the error overlay, added to HTML
//!   responses only.
//!
//! The site is built with `base_url = http://<address>/`, so every link works
//! on the local server at its root, whatever (sub-path included) `site.yaml`
//! says.

pub(crate) mod connections;
pub(crate) mod drafts;
pub(crate) mod http;
#[doc(hidden)]
pub mod inject;
pub(crate) mod links;
pub(crate) mod paths;
#[doc(hidden)]
pub mod state;
#[doc(hidden)]
pub mod watch;

use std::fmt;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use crate::build::BuildOptions;
use crate::config::Language;
use crate::diagnostics::{terminal_safe, terminal_safe_path};
use crate::messages::{self, Text};

use self::http::Publisher;
use self::paths::HostPolicy;
use self::state::{Builder, Outcome};
use self::watch::{Next, Watcher};

/// Prints a line to stdout; a closed stdout (the terminal went away) is no
/// reason to stop serving, so write errors are ignored (`println!` would panic).
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stdout(), $($arg)*);
    }};
}

/// Like [`say!`], to stderr.
macro_rules! warn {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), $($arg)*);
    }};
}

/// The port tried first when none is given.
pub(crate) const DEFAULT_PORT: u16 = 1111;

/// How many ports after [`DEFAULT_PORT`] are tried when it is taken.
const PORT_TRIES: u16 = 20;

/// How long after a folder appeared the site is scanned once more.
const RESCAN_AFTER: Duration = Duration::from_millis(500);

/// What to serve and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (the folder with `site.yaml`).
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// The port; `None`: `DEFAULT_PORT` or the next free one; `Some(0)`:
    /// any free port.
    pub port: Option<u16>,
    /// Build drafts too.
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Messages in this language whatever the site says (`--lang`).
    pub language: Option<Language>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: None,
            drafts: false,
            open: false,
            language: None,
        }
    }
}

/// Why `kette serve` could not run.
#[derive(Debug)]
pub enum ServeError {
    /// The root has no `site.yaml`.
    NotASite(PathBuf),
    /// The port asked for is taken.
    PortInUse(SocketAddr),
    /// No port of the default range was free.
    NoFreePort(IpAddr),
    /// The address cannot be listened on (not an address of this machine,
    /// a privileged port…).
    Bind(SocketAddr, io::Error),
    /// The file watcher could not start.
    Watch(Text),
    /// The server failed while running.
    Server(io::Error),
}

impl ServeError {
    /// The exit status for this error: 2 for what the command line asked
    /// wrongly (address, port), 1 for the site and the rest.
    pub fn exit_code(&self) -> u8 {
        match self {
            ServeError::PortInUse(_) | ServeError::NoFreePort(_) | ServeError::Bind(..) => 2,
            ServeError::NotASite(_) | ServeError::Watch(_) | ServeError::Server(_) => 1,
        }
    }
}

impl ServeError {
    /// What went wrong, in both languages (file names made safe for a
    /// terminal).
    pub fn message(&self) -> Text {
        match self {
            ServeError::NotASite(root) => messages::serve_not_a_site(&terminal_safe_path(root)),
            ServeError::PortInUse(addr) => {
                messages::port_in_use(addr.port(), &addr.ip().to_string())
            }
            ServeError::NoFreePort(ip) => {
                messages::no_free_port(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES - 1, &ip.to_string())
            }
            ServeError::Bind(addr, e) => messages::cannot_listen(&addr.to_string(), &e.to_string()),
            ServeError::Watch(message) => Text::new(
                terminal_safe(message.de()).into_owned(),
                terminal_safe(message.en()).into_owned(),
            ),
            ServeError::Server(e) => messages::server_stopped(&e.to_string()),
        }
    }
}

/// The English message ([`ServeError::message`]), for logs.
impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message().en())
    }
}

impl std::error::Error for ServeError {}

/// Serves the site until Ctrl-C. Prints the address, every rebuild (with its
/// time) and every problem; problems of the site do not stop the server.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    if !crate::build::is_site_root(&options.root) {
        return Err(ServeError::NotASite(options.root));
    }
    // The start lines in the language at start; each rebuild asks again.
    let language = messages::choose_language(options.language, &options.root);
    let (listener, addr) = listen(options.bind, options.port, language)?;
    let url = format!(
        "http://{}/",
        paths::host_port(link_ip(addr.ip()), addr.port())
    );

    // Watch before the first build, so that no change after it is missed.
    let watcher = Watcher::start(&options.root).map_err(ServeError::Watch)?;
    let build = BuildOptions {
        root: options.root.clone(),
        base_url: Some(url.clone()),
        drafts: options.drafts,
        ..Default::default()
    };
    let mut builder = Builder::new(build);
    builder.set_language(options.language);
    let (outcome, _) = builder.rebuild(&[]);
    report(&outcome, Cause::Initial, builder.language());
    let publisher = Publisher::new(builder.snapshot().clone());
    let server = http::start(
        listener,
        publisher.subscribe(),
        HostPolicy::for_address(addr),
        connections::Limits::from_env(),
    )
    .map_err(ServeError::Server)?;

    let stop = Arc::new(AtomicBool::new(false));
    let rebuilding = {
        let stop = Arc::clone(&stop);
        thread::Builder::new()
            .name("kette-rebuild".into())
            .spawn(move || rebuild_loop(watcher, builder, publisher, &stop))
            .map_err(ServeError::Server)?
    };

    if addr.ip().is_unspecified() {
        say!(
            "{}",
            messages::listening_everywhere(addr.port()).get(language)
        );
    } else if !addr.ip().is_loopback() {
        say!(
            "{}",
            messages::listening_on(&addr.to_string()).get(language)
        );
    }
    say!("{}", messages::serving_at(&url).get(language));
    let _ = io::stdout().flush();
    if options.open {
        if let Err(e) = open_browser(&url) {
            let text = messages::cannot_open_browser(&e.to_string());
            warning(&text, language);
        }
    }

    let served = server.wait();
    stop.store(true, Ordering::SeqCst);
    let _ = rebuilding.join();
    say!("{}", messages::serve_stopped().get(language));
    served.map_err(ServeError::Server)
}

/// The address to put into links: loopback for a server on all interfaces.
fn link_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        other => other,
    }
}

/// Listens on `ip` and the port asked for, or on the first free port from
/// [`DEFAULT_PORT`] on when none was asked for (saying so when it moved on).
fn listen(
    ip: IpAddr,
    port: Option<u16>,
    language: Language,
) -> Result<(TcpListener, SocketAddr), ServeError> {
    let bind = |port: u16| {
        let addr = SocketAddr::new(ip, port);
        TcpListener::bind(addr)
            .and_then(|l| Ok((l.local_addr()?, l)))
            .map(|(a, l)| (l, a))
            .map_err(|e| (addr, e))
    };
    match port {
        Some(port) => bind(port).map_err(|(addr, e)| match e.kind() {
            io::ErrorKind::AddrInUse => ServeError::PortInUse(addr),
            _ => ServeError::Bind(addr, e),
        }),
        None => {
            for port in DEFAULT_PORT..DEFAULT_PORT + PORT_TRIES {
                match bind(port) {
                    Ok(bound) => {
                        if port != DEFAULT_PORT {
                            let moved = messages::port_moved(DEFAULT_PORT, port);
                            say!("{}", moved.get(language));
                        }
                        return Ok(bound);
                    }
                    Err((_, e)) if e.kind() == io::ErrorKind::AddrInUse => continue,
                    Err((addr, e)) => return Err(ServeError::Bind(addr, e)),
                }
            }
            Err(ServeError::NoFreePort(ip))
        }
    }
}

/// Waits for changes, rebuilds, publishes; until `stop` is set.
fn rebuild_loop(
    mut watcher: Watcher,
    mut builder: Builder,
    publisher: Publisher,
    stop: &AtomicBool,
) {
    let mut rescan_at: Option<Instant> = None;
    while !stop.load(Ordering::SeqCst) {
        match watcher.next(Duration::from_millis(200)) {
            Next::Closed => {
                warning(&messages::watcher_stopped(), builder.language());
                return;
            }
            Next::Idle => {
                if rescan_at.is_some_and(|at| Instant::now() >= at) {
                    rescan_at = None;
                    let (outcome, snapshot) = builder.rebuild(&[]);
                    if let Some(snapshot) = snapshot {
                        report(&outcome, Cause::Rescan, builder.language());
                        publisher.publish(snapshot);
                    }
                }
            }
            Next::Changes(batch) => {
                for problem in &batch.errors {
                    warning(problem, builder.language());
                }
                if batch.folders_created {
                    rescan_at = Some(Instant::now() + RESCAN_AFTER);
                }
                // Lost events: read everything (an empty list rescans).
                let sources: &[PathBuf] = if batch.events_lost {
                    &[]
                } else if batch.sources.is_empty() {
                    continue;
                } else {
                    &batch.sources
                };
                let (outcome, snapshot) = builder.rebuild(sources);
                let language = builder.language();
                report(&outcome, Cause::Files(sources), language);
                if let Some(snapshot) = snapshot {
                    publisher.publish(snapshot);
                }
            }
        }
    }
}

/// `warning: …` on stderr, in `language`, safe for the terminal.
fn warning(text: &Text, language: Language) {
    warn!(
        "{}: {}",
        messages::warning_label().get(language),
        terminal_safe(text.get(language))
    );
}

/// Why a build ran, for the start of its line.
#[derive(Debug, Clone, Copy)]
enum Cause<'a> {
    /// The first build.
    Initial,
    /// Everything read again (folders appeared, events were lost).
    Rescan,
    /// These sources changed (none: everything was read again).
    Files(&'a [PathBuf]),
}

impl Cause<'_> {
    /// "content/news/a.md" or "content/news/a.md and 2 more", made safe for
    /// the terminal (file names are the site's).
    fn describe(self, language: Language) -> String {
        match self {
            Cause::Initial => messages::initial_build().get(language).to_string(),
            Cause::Rescan | Cause::Files([]) => messages::rescan().get(language).to_string(),
            Cause::Files([one]) => terminal_safe_path(one),
            Cause::Files([first, rest @ ..]) => {
                messages::and_more(language, &terminal_safe_path(first), rest.len())
            }
        }
    }
}

/// Prints what a (re)build did: its time and changed files, or its
/// problems, in `language`.
fn report(outcome: &Outcome, cause: Cause<'_>, language: Language) {
    let initial = matches!(cause, Cause::Initial);
    let cause = cause.describe(language);
    let clock = chrono::Local::now().format("%H:%M:%S");
    match outcome {
        Outcome::Built {
            render,
            total,
            changed,
            files,
            kept,
            fixed,
            links,
            ..
        } => {
            let changed: Vec<String> = changed
                .iter()
                .map(|c| terminal_safe(c).into_owned())
                .collect();
            let what = messages::serve_changed(language, initial, *fixed, &changed);
            say!(
                "[{clock}] {cause}: {}",
                messages::serve_built(
                    language,
                    *files,
                    total.as_millis(),
                    render.as_millis(),
                    *kept,
                    &what
                )
            );
            if !links.is_empty() {
                let stderr = io::stderr();
                let mut err = stderr.lock();
                for p in links {
                    let _ = writeln!(err, "{}", p.line_in(language));
                }
                let _ = writeln!(
                    err,
                    "[{clock}] {}",
                    messages::serve_links(language, links.len())
                );
            }
        }
        Outcome::Failed {
            problems,
            kept,
            total,
        } => {
            let stderr = io::stderr();
            let mut err = stderr.lock();
            for p in problems {
                let _ = writeln!(err, "{}", p.line_in(language));
            }
            let _ = writeln!(
                err,
                "[{clock}] {cause}: {}",
                messages::serve_failed(language, problems.len(), total.as_millis(), *kept)
            );
        }
    }
    let _ = io::stdout().flush();
}

/// Opens `url` in the desktop's default browser.
fn open_browser(url: &str) -> io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = command.spawn()?;
    // Reap the opener when it exits; its status does not matter.
    thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
