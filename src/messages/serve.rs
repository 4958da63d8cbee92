//! Messages of the preview server (`kette serve`) that are not about the
//! site: its start and stop lines, why it cannot start, the file watcher's
//! troubles, and the short answers to requests it refuses.

use super::{t, Text};

/// "warning", before a line of the server that is not an error.
pub fn warning_label() -> Text {
    t!("Warnung", "warning")
}

/// The root given to `kette serve` has no site.yaml.
pub fn serve_not_a_site(root: &str) -> Text {
    t!(
        "in {root} gibt es keine site.yaml: das ist kein Ordner einer kette-Website (geben Sie ihn mit --root an)",
        "{root} has no site.yaml: not a kette site (give the site folder with --root)"
    )
}

/// `--port N` is taken.
pub fn port_in_use(port: u16, ip: &str) -> Text {
    t!(
        "Port {port} auf {ip} ist schon belegt (läuft schon ein kette serve?); wählen Sie einen anderen mit --port oder einen beliebigen freien mit --port 0",
        "port {port} on {ip} is already in use (another kette serve?); choose another with --port, or --port 0 for any free port"
    )
}

/// Every port of the default range is taken.
pub fn no_free_port(first: u16, last: u16, ip: &str) -> Text {
    t!(
        "die Ports {first} bis {last} auf {ip} sind alle belegt; wählen Sie einen mit --port oder einen beliebigen freien mit --port 0",
        "ports {first} to {last} on {ip} are all in use; choose one with --port, or --port 0 for any free port"
    )
}

/// The address cannot be listened on.
pub fn cannot_listen(address: &str, error: &str) -> Text {
    t!(
        "auf {address} kann der Server nicht lauschen: {error}",
        "cannot listen on {address}: {error}"
    )
}

/// A folder the watcher cannot watch.
pub fn cannot_watch(path: &str, error: &str) -> Text {
    t!(
        "{path} kann nicht beobachtet werden: {error}",
        "cannot watch {path}: {error}"
    )
}

/// The file watcher does not start.
pub fn cannot_start_watcher(error: &str) -> Text {
    t!(
        "die Beobachtung der Dateien startet nicht: {error}",
        "cannot start the file watcher: {error}"
    )
}

/// A problem the file watcher reports while running.
pub fn watcher_problem(error: &str) -> Text {
    t!("Beobachtung der Dateien: {error}", "file watcher: {error}")
}

/// The file watcher ended.
pub fn watcher_stopped() -> Text {
    t!(
        "die Beobachtung der Dateien ist beendet; Änderungen werden nicht mehr bemerkt",
        "the file watcher stopped; changes are no longer seen"
    )
}

/// The server failed while running.
pub fn server_stopped(error: &str) -> Text {
    t!(
        "der Server wurde beendet: {error}",
        "the server stopped: {error}"
    )
}

/// The default port is taken and the next free one is used.
pub fn port_moved(taken: u16, port: u16) -> Text {
    t!(
        "Port {taken} ist belegt; kette nimmt stattdessen Port {port}.",
        "Port {taken} is in use; using port {port} instead."
    )
}

/// The server listens on every interface.
pub fn listening_everywhere(port: u16) -> Text {
    t!(
        "Der Server lauscht auf allen Netzwerkschnittstellen, Port {port}: andere Rechner können ihn erreichen.",
        "Listening on all interfaces, port {port}: other machines can reach this server."
    )
}

/// The server listens on an address other machines can reach.
pub fn listening_on(address: &str) -> Text {
    t!(
        "Der Server lauscht auf {address}: andere Rechner können ihn erreichen.",
        "Listening on {address}: other machines can reach this server."
    )
}

/// The address of the preview (tests and scripts read the URL from it).
pub fn serving_at(url: &str) -> Text {
    t!(
        "Vorschau unter {url} (beenden mit Strg+C)",
        "Serving the site at {url} (Ctrl-C to stop)"
    )
}

/// `--open` found no browser.
pub fn cannot_open_browser(error: &str) -> Text {
    t!(
        "der Browser lässt sich nicht öffnen: {error}",
        "cannot open a browser: {error}"
    )
}

/// After Ctrl-C.
pub fn serve_stopped() -> Text {
    t!("Beendet.", "Stopped.")
}

/// Why a build ran, at the start of its line: the first one.
pub fn initial_build() -> Text {
    t!("erster Lauf", "initial build")
}

/// Why a build ran: folders appeared, or events were lost.
pub fn rescan() -> Text {
    t!("alles neu gelesen", "rescan")
}

/// A request with two `Host` headers.
pub fn two_host_headers() -> Text {
    t!(
        "abgelehnt: die Anfrage hat mehr als einen Host-Header",
        "refused: more than one Host header"
    )
}

/// A request for another host name (DNS rebinding).
pub fn wrong_host() -> Text {
    t!(
        "abgelehnt: dieser Server antwortet nur unter der Adresse, mit der er gestartet wurde (der Host-Header nennt eine andere; ein Schutz gegen DNS-Rebinding). Starten Sie kette serve mit --bind, um andere Namen zu bedienen.",
        "refused: this server answers only to the address it was started on (the Host header names another; a DNS-rebinding protection). Start kette serve with --bind to serve other names."
    )
}

/// A request that is neither GET nor HEAD.
pub fn only_get_and_head() -> Text {
    t!(
        "nur GET und HEAD werden beantwortet",
        "only GET and HEAD are served"
    )
}

/// Why a request path is refused, for the response body.
#[derive(Debug, Clone, Copy)]
pub enum PathRefusal {
    /// Not starting with `/`.
    NotOriginForm,
    /// A malformed percent-escape or not UTF-8.
    BadEncoding,
    /// `..`, backslashes, absolute paths.
    Traversal,
    /// A path that cannot be a redirect target.
    BadPath,
}

/// A request path the server refuses.
pub fn path_refused(why: PathRefusal) -> Text {
    match why {
        PathRefusal::NotOriginForm => t!(
            "abgelehnt: der Pfad der Anfrage muss mit / beginnen",
            "refused: the request path must start with /"
        ),
        PathRefusal::BadEncoding => t!(
            "abgelehnt: der Pfad der Anfrage ist kein gültig %-kodiertes UTF-8",
            "refused: the request path is not valid percent-encoded UTF-8"
        ),
        PathRefusal::Traversal => t!(
            "abgelehnt: der Pfad der Anfrage will die Website verlassen (.., Backslash, absoluter Pfad)",
            "refused: the request path tries to leave the site (.., backslash, absolute path)"
        ),
        PathRefusal::BadPath => t!("abgelehnt: ungültiger Pfad", "refused: bad path"),
    }
}

/// Nothing at this address (and the site has no 404 page).
pub fn not_found() -> Text {
    t!("nicht gefunden", "not found")
}

/// The body of a redirect.
pub fn moved() -> Text {
    t!("verschoben", "moved")
}
