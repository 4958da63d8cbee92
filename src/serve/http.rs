//! The HTTP side of `kette serve`, on axum and tokio (kept behind this module):
//! answers requests from the in-memory site, refuses what is not the site's,
//! and streams rebuild notices to open pages as Server-Sent Events.

use std::convert::Infallible;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::watch;

use super::connections::{self, Limits};
use super::inject::{self, EVENTS_PATH};
use super::paths::{self, HostPolicy, Target};
use super::state::{Change, Snapshot};
use crate::config::Language;
use crate::messages::{self, PathRefusal, Text};

/// Hands new states of the site to the server (and so to open pages).
#[derive(Debug)]
pub(crate) struct Publisher {
    sender: watch::Sender<Arc<Snapshot>>,
}

impl Publisher {
    /// A publisher whose first state is `initial`.
    pub(crate) fn new(initial: Snapshot) -> Self {
        Publisher {
            sender: watch::Sender::new(Arc::new(initial)),
        }
    }

    /// Makes `snapshot` the state served from now on.
    pub(crate) fn publish(&self, snapshot: Snapshot) {
        self.sender.send_replace(Arc::new(snapshot));
    }

    /// A handle for the server to read the current state from.
    pub(crate) fn subscribe(&self) -> Subscription {
        Subscription {
            receiver: self.sender.subscribe(),
        }
    }
}

/// The server's view of the published states.
#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    receiver: watch::Receiver<Arc<Snapshot>>,
}

/// Everything a request handler needs.
#[derive(Clone)]
struct App {
    site: watch::Receiver<Arc<Snapshot>>,
    hosts: Arc<HostPolicy>,
    stop: watch::Receiver<bool>,
}

/// A running server: answering from [`start`] on, until [`Server::wait`]
/// sees Ctrl-C (or SIGTERM).
pub(crate) struct Server {
    runtime: tokio::runtime::Runtime,
    task: tokio::task::JoinHandle<io::Result<()>>,
    stop: watch::Sender<bool>,
    signals: Signals,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").finish_non_exhaustive()
    }
}

/// Starts serving the site on `listener`, its connections bounded by
/// `limits`. Ctrl-C is caught from here on, so that it stops the server
/// cleanly even when pressed right away.
pub(crate) fn start(
    listener: std::net::TcpListener,
    site: Subscription,
    hosts: HostPolicy,
    limits: Limits,
) -> io::Result<Server> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    listener.set_nonblocking(true)?;
    let (stop, stopping) = watch::channel(false);
    let (signals, task) = {
        let _context = runtime.enter();
        let signals = Signals::catch()?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = App {
            site: site.receiver,
            hosts: Arc::new(hosts),
            stop: stopping.clone(),
        };
        let server = connections::serve(listener, limits, stopping, move |request| {
            handle(app.clone(), request)
        });
        (signals, runtime.spawn(server))
    };
    Ok(Server {
        runtime,
        task,
        stop,
        signals,
    })
}

impl Server {
    /// Serves until Ctrl-C (or SIGTERM); then open event streams are closed,
    /// running requests get up to 3 s to finish, and the server stops.
    pub(crate) fn wait(self) -> io::Result<()> {
        let Server {
            runtime,
            mut task,
            stop,
            mut signals,
        } = self;
        let result = runtime.block_on(async move {
            tokio::select! {
                _ = signals.recv() => {}
                finished = &mut task => return finished.map_err(io::Error::other)?,
            }
            stop.send_replace(true);
            match tokio::time::timeout(Duration::from_secs(3), task).await {
                Ok(Ok(result)) => result,
                Ok(Err(join)) => Err(io::Error::other(join)),
                Err(_) => Ok(()),
            }
        });
        runtime.shutdown_timeout(Duration::from_secs(1));
        result
    }
}

/// The signals that stop the server, caught from the moment they are made.
struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
}

impl Signals {
    /// Catches Ctrl-C (and SIGTERM); needs the runtime's context.
    fn catch() -> io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(windows)]
        {
            Ok(Signals {
                ctrl_c: tokio::signal::windows::ctrl_c()?,
            })
        }
    }

    /// Resolves when one of the signals arrives.
    async fn recv(&mut self) {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => {}
                _ = self.terminate.recv() => {}
            }
        }
        #[cfg(windows)]
        {
            self.ctrl_c.recv().await;
        }
    }
}

/// Resolves once the stop flag is set (or its sender is gone).
pub(super) async fn stopped(mut stop: watch::Receiver<bool>) {
    while !*stop.borrow_and_update() {
        if stop.changed().await.is_err() {
            return;
        }
    }
}

/// Answers one request.
async fn handle(app: App, request: Request) -> Response {
    // The site's language also for refusals: they are read in a browser.
    let language = app.site.borrow().language;
    let say = |status, message: Text| text(status, &format!("{}\n", message.get(language)));
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let host = hosts.next().and_then(|h| h.to_str().ok());
    // Two Host headers are malformed (RFC 9110, 7.2); taking either one
    // would let a request name one host to this check and another to a proxy.
    if hosts.next().is_some() {
        return say(StatusCode::BAD_REQUEST, messages::two_host_headers());
    }
    let authority = request.uri().authority().map(|a| a.as_str());
    // Both the Host header and an absolute-form request target must name us.
    let allowed = app.hosts.allows(host)
        && match authority {
            Some(authority) => app.hosts.allows(Some(authority)),
            None => true,
        };
    if !allowed {
        return say(StatusCode::FORBIDDEN, messages::wrong_host());
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = say(
            StatusCode::METHOD_NOT_ALLOWED,
            messages::only_get_and_head(),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = request.uri().path();
    if path == EVENTS_PATH {
        return events(&app).into_response();
    }
    let snapshot = app.site.borrow().clone();
    match paths::resolve(path) {
        Err(refusal) => say(StatusCode::BAD_REQUEST, refusal.message()),
        Ok(target) => serve(&snapshot, target, request.uri().query()),
    }
}

/// The response for a resolved path.
fn serve(snapshot: &Snapshot, target: Target, query: Option<&str>) -> Response {
    if !snapshot.built {
        let page = inject::error_page(&snapshot.problems, snapshot.generation, snapshot.language);
        return respond(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/html; charset=utf-8",
            Bytes::from(page),
        );
    }
    let requested = match &target {
        Target::File(file) | Target::MaybeFolder { file, .. } => file.clone(),
    };
    let found = match target {
        Target::File(file) => snapshot.files.get(&file).map(|bytes| (file, bytes)),
        Target::MaybeFolder {
            file,
            index,
            location,
        } => match snapshot.files.get(&file) {
            Some(bytes) => Some((file, bytes)),
            None if snapshot.files.contains_key(&index) => {
                return redirect(&location, query, snapshot.language)
            }
            None => None,
        },
    };
    // A draft is not built: say so instead of a bare "not found".
    let draft = found
        .is_none()
        .then(|| super::drafts::draft_for(&snapshot.root, &requested))
        .flatten();
    if let Some(draft) = draft {
        let notice = inject::draft_notice(&draft, snapshot.language);
        let base = snapshot.files.get("404.html").map_or(&[][..], |b| &b[..]);
        let mut addition = notice;
        addition.push_str(&inject::live_script(snapshot.generation));
        let html = if base.is_empty() {
            inject::inject(b"<!DOCTYPE html>\n<html><body></body></html>\n", &addition)
        } else {
            inject::inject(base, &addition)
        };
        return respond(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            Bytes::from(html),
        );
    }
    match found {
        Some((file, bytes)) => page(snapshot, StatusCode::OK, &file, bytes),
        None => match snapshot.files.get("404.html") {
            Some(bytes) => page(snapshot, StatusCode::NOT_FOUND, "404.html", bytes),
            None => text(
                StatusCode::NOT_FOUND,
                &format!("{}\n", messages::not_found().get(snapshot.language)),
            ),
        },
    }
}

/// A file of the site; HTML gets the live-reload script and the overlay.
fn page(snapshot: &Snapshot, status: StatusCode, file: &str, bytes: &Arc<[u8]>) -> Response {
    let content_type = paths::content_type(file);
    if paths::is_html(content_type) {
        let mut addition = if snapshot.problems.is_empty() {
            inject::links_overlay(&snapshot.links, snapshot.language)
        } else {
            inject::overlay(&snapshot.problems, snapshot.language)
        };
        addition.push_str(&inject::live_script(snapshot.generation));
        return respond(
            status,
            content_type,
            Bytes::from(inject::inject(bytes, &addition)),
        );
    }
    respond(
        status,
        content_type,
        Bytes::from_owner(SharedBytes(Arc::clone(bytes))),
    )
}

/// Lends an `Arc<[u8]>` to a response body without copying it.
struct SharedBytes(Arc<[u8]>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

fn respond(status: StatusCode, content_type: &'static str, body: Bytes) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    (status, headers, Body::from(body)).into_response()
}

fn text(status: StatusCode, message: &str) -> Response {
    respond(
        status,
        "text/plain; charset=utf-8",
        Bytes::copy_from_slice(message.as_bytes()),
    )
}

/// A permanent redirect to `location` (a checked path), keeping the query.
fn redirect(location: &str, query: Option<&str>, language: Language) -> Response {
    let with_query = match query {
        Some(q) => format!("{location}?{q}"),
        None => location.to_string(),
    };
    let value = HeaderValue::from_str(&with_query).or_else(|_| HeaderValue::from_str(location));
    match value {
        Ok(value) => {
            let moved = format!("{}\n", messages::moved().get(language));
            let mut response = text(StatusCode::PERMANENT_REDIRECT, &moved);
            response.headers_mut().insert(header::LOCATION, value);
            response
        }
        Err(_) => text(
            StatusCode::BAD_REQUEST,
            &format!(
                "{}\n",
                messages::path_refused(PathRefusal::BadPath).get(language)
            ),
        ),
    }
}

/// The event stream of one open page: `hello` with the current build, then
/// `reload` or `css` after every rebuild that changed something.
fn events(app: &App) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut site = app.site.clone();
    let current = site.borrow_and_update().generation;
    let hello = Event::default().event("hello").data(current.to_string());
    let updates = stream::unfold(
        (site, app.stop.clone(), current),
        |(mut site, stop, seen)| async move {
            let changed = tokio::select! {
                changed = site.changed() => changed.is_ok(),
                _ = stopped(stop.clone()) => false,
            };
            if !changed {
                return None;
            }
            let snapshot = Arc::clone(&site.borrow_and_update());
            let event = notice(&snapshot, seen);
            Some((Ok(event), (site, stop, snapshot.generation)))
        },
    );
    Sse::new(stream::once(async move { Ok(hello) }).chain(updates)).keep_alive(KeepAlive::default())
}

/// What a page that saw build `seen` must do about `snapshot`.
fn notice(snapshot: &Snapshot, seen: u64) -> Event {
    let generation = snapshot.generation;
    match &snapshot.change {
        Change::Stylesheets(paths) if generation == seen + 1 => Event::default()
            .event("css")
            .data(format!("{generation}\n{}", paths.join("\n"))),
        _ => Event::default()
            .event("reload")
            .data(generation.to_string()),
    }
}
