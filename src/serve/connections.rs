//! The connections of `kette serve`: accepted here and spoken to with hyper's
//! HTTP/1 server (kept behind this module), because axum's own `serve` sets
//! no timeouts and no bound, so idle and half-sent connections pile up until
//! the process runs out of file descriptors and stops answering.
//!
//! Two defences:
//! - a deadline for every request head: a connection that sends no complete
//!   request head within [`Limits::head_timeout`] is closed. hyper starts
//!   that clock whenever it waits for a request, so it ends idle keep-alive
//!   connections as well as slow or silent senders, and never a response in
//!   progress (an open live-reload stream is a response in progress);
//! - a bound on open connections ([`Limits::max_connections`]): beyond it,
//!   and whenever accepting fails (out of file descriptors), the connection
//!   idle the longest is closed to make room; when none is idle, new ones
//!   wait in the listen queue until one ends.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::response::Response;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify, OwnedSemaphorePermit, Semaphore};

use super::http::stopped;

/// The environment variable that sets [`Limits::head_timeout`] in
/// milliseconds (for tests; undocumented).
const HEAD_TIMEOUT_VARIABLE: &str = "KETTE_SERVE_HEAD_TIMEOUT_MS";

/// The environment variable that sets [`Limits::max_connections`] (for
/// tests; undocumented).
const MAX_CONNECTIONS_VARIABLE: &str = "KETTE_SERVE_MAX_CONNECTIONS";

/// How long to wait, after accepting failed, for a closed connection to give
/// its file descriptor back before trying again.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// How the server bounds its connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// How long a connection may take to send a complete request head,
    /// counted from when the server starts waiting for one (on a new
    /// connection, or after the previous response on a kept-alive one).
    pub head_timeout: Duration,
    /// How many connections may be open at once.
    pub max_connections: usize,
}

impl Default for Limits {
    /// 20 seconds for a request head (browsers reopen idle connections as
    /// they need them); 1,000 connections (well below the usual limit of
    /// open files, and more than any browser opens).
    fn default() -> Self {
        Limits {
            head_timeout: Duration::from_secs(20),
            max_connections: 1000,
        }
    }
}

impl Limits {
    /// The defaults, unless the (undocumented, for tests) environment
    /// variables `KETTE_SERVE_HEAD_TIMEOUT_MS` and
    /// `KETTE_SERVE_MAX_CONNECTIONS` give positive numbers.
    pub(crate) fn from_env() -> Self {
        let number = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|&n| n > 0)
        };
        let default = Limits::default();
        Limits {
            head_timeout: number(HEAD_TIMEOUT_VARIABLE)
                .map_or(default.head_timeout, Duration::from_millis),
            max_connections: number(MAX_CONNECTIONS_VARIABLE)
                .and_then(|n| usize::try_from(n).ok())
                .map_or(default.max_connections, |n| {
                    n.min(Semaphore::MAX_PERMITS).min(u32::MAX as usize)
                }),
        }
    }
}

/// Accepts connections on `listener` and answers their requests with
/// `handler`, until `stop` is set; then open connections finish their
/// current response and close, and this returns once all are closed.
pub(crate) async fn serve<H, F>(
    listener: TcpListener,
    limits: Limits,
    stop: watch::Receiver<bool>,
    handler: H,
) -> io::Result<()>
where
    H: Fn(Request) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head_timeout)
        .keep_alive(true);
    let builder = Arc::new(builder);
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let open = Arc::new(Open::default());
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = stopped(stop.clone()) => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // The client gave up before it was accepted: nothing to do.
            Err(e) if is_connection_error(&e) => continue,
            // Most likely out of file descriptors: free one and try again.
            Err(_) => {
                let closed = open.closed.notified();
                let mut closed = pin!(closed);
                closed.as_mut().enable();
                open.shed_longest_idle();
                tokio::select! {
                    () = closed => {}
                    () = tokio::time::sleep(ACCEPT_RETRY) => {}
                    () = stopped(stop.clone()) => break,
                }
                continue;
            }
        };
        let permit = match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                open.shed_longest_idle();
                let waited = loop {
                    tokio::select! {
                        permit = Arc::clone(&permits).acquire_owned() => break permit.ok(),
                        // The chosen one became busy before it closed, or
                        // none was idle: look again.
                        () = tokio::time::sleep(ACCEPT_RETRY) => open.shed_longest_idle(),
                        () = stopped(stop.clone()) => break None,
                    }
                };
                match waited {
                    Some(permit) => permit,
                    None => break,
                }
            }
        };
        tokio::spawn(connection(
            stream,
            permit,
            Arc::clone(&open),
            Arc::clone(&builder),
            stop.clone(),
            handler.clone(),
        ));
    }
    // Stopping: wait until every connection has finished and given back its
    // permit (the caller bounds how long).
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = permits.acquire_many(all).await;
    Ok(())
}

/// Accept errors that concern only the connection being accepted.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Serves one connection until it ends, is shed, or the server stops.
async fn connection<H, F>(
    stream: TcpStream,
    permit: OwnedSemaphorePermit,
    open: Arc<Open>,
    builder: Arc<http1::Builder>,
    stop: watch::Receiver<bool>,
    handler: H,
) where
    H: Fn(Request) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    // Declared before the connection, so dropped after it: the socket is
    // closed before the permit and the entry are given back.
    let _permit = permit;
    let entry = open.register();
    let activity = Arc::clone(&entry.activity);
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let busy = Busy::start(&activity);
        let response = handler(request.map(Body::new));
        async move {
            let response = response.await;
            Ok::<_, Infallible>(response.map(|body| Tracked { body, _busy: busy }))
        }
    });
    let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), service));
    loop {
        tokio::select! {
            _ = conn.as_mut() => return,
            () = entry.activity.shed.notified() => {
                if entry.activity.is_idle() {
                    return;
                }
                // A request began in the meantime: it may be chosen again.
                entry.activity.shedding.store(false, Ordering::SeqCst);
            }
            () = stopped(stop.clone()) => break,
        }
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// The open connections, each with what it is doing.
#[derive(Default)]
struct Open {
    /// By a number counting up from the first connection.
    connections: Mutex<HashMap<u64, Arc<Activity>>>,
    next: AtomicU64,
    /// Told whenever a connection closes.
    closed: Notify,
    /// The zero of [`Activity::idle_since`].
    epoch: Epoch,
}

/// An instant to count milliseconds from.
struct Epoch(Instant);

impl Default for Epoch {
    fn default() -> Self {
        Epoch(Instant::now())
    }
}

impl Epoch {
    fn millis(&self) -> u64 {
        u64::try_from(self.0.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

impl Open {
    /// Records a new connection until the returned entry is dropped.
    fn register(self: &Arc<Self>) -> Entry {
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        let activity = Arc::new(Activity {
            busy: AtomicUsize::new(0),
            idle_since: AtomicU64::new(self.epoch.millis()),
            shedding: AtomicBool::new(false),
            shed: Notify::new(),
            open: Arc::clone(self),
        });
        self.lock().insert(id, Arc::clone(&activity));
        Entry { id, activity }
    }

    /// Tells the connection that has been idle the longest (no request in
    /// progress, none asked for yet) to close, if one is.
    fn shed_longest_idle(&self) {
        let connections = self.lock();
        let victim = connections
            .values()
            .filter(|a| a.is_idle() && !a.shedding.load(Ordering::SeqCst))
            .min_by_key(|a| a.idle_since.load(Ordering::SeqCst));
        if let Some(activity) = victim {
            activity.shedding.store(true, Ordering::SeqCst);
            activity.shed.notify_one();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Activity>>> {
        self.connections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// One open connection, listed in [`Open`] while it lives.
struct Entry {
    id: u64,
    activity: Arc<Activity>,
}

impl Drop for Entry {
    fn drop(&mut self) {
        let open = &self.activity.open;
        open.lock().remove(&self.id);
        open.closed.notify_waiters();
    }
}

/// What one connection is doing.
struct Activity {
    /// Requests in progress, until their response is sent in full.
    busy: AtomicUsize,
    /// When the last response ended (or the connection opened), in
    /// milliseconds since [`Open::epoch`].
    idle_since: AtomicU64,
    /// Chosen to close, not yet closed.
    shedding: AtomicBool,
    /// Tells the connection to close if it is still idle.
    shed: Notify,
    open: Arc<Open>,
}

impl Activity {
    fn is_idle(&self) -> bool {
        self.busy.load(Ordering::SeqCst) == 0
    }
}

/// Marks its connection busy from a request's start until its response has
/// been sent (or abandoned).
struct Busy(Arc<Activity>);

impl Busy {
    fn start(activity: &Arc<Activity>) -> Self {
        activity.busy.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(activity))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let activity = &self.0;
        activity
            .idle_since
            .store(activity.open.epoch.millis(), Ordering::SeqCst);
        activity.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its connection marked busy until hyper has
/// sent it all and drops it (an event stream stays busy while it is open).
struct Tracked {
    body: Body,
    _busy: Busy,
}

impl HttpBody for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
