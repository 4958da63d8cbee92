//! Pure request checks of the preview server, kept apart from the HTTP crate
//! so that they can be tested alone: which file a request path names (and
//! which paths are refused), which `Host` headers are accepted, and which
//! `Content-Type` a file gets.

use std::net::{IpAddr, SocketAddr};

use crate::messages::{self, PathRefusal, Text};

/// What a request path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A file of the site, by its output path (`news/x/index.html`).
    File(String),
    /// A folder asked for without its trailing slash (`/news`): the file is
    /// `index` (`news/index.html`) and the browser should go to `location`.
    MaybeFolder {
        /// The output path to try first, as asked (`news`).
        file: String,
        /// The folder's index file (`news/index.html`).
        index: String,
        /// Where to redirect when only the index exists (`/news/`).
        location: String,
    },
}

/// Why a request path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The path does not start with `/` (absolute-form or `*`).
    NotOriginForm,
    /// A percent-escape is malformed or decodes to something that is not UTF-8.
    BadEncoding,
    /// The path has `..`, `.`, empty segments inside, backslashes, drive
    /// letters, control characters or NUL.
    Traversal,
}

impl Refusal {
    /// A short explanation for the response body.
    pub(crate) fn message(self) -> Text {
        messages::path_refused(match self {
            Refusal::NotOriginForm => PathRefusal::NotOriginForm,
            Refusal::BadEncoding => PathRefusal::BadEncoding,
            Refusal::Traversal => PathRefusal::Traversal,
        })
    }
}

/// Resolves the path of a request (without the query) to a site file.
///
/// The raw path is checked before and after percent-decoding, so `/../x`,
/// `/%2e%2e/x`, `/..%2fx`, `/..\x`, `//etc/passwd` and `/C:/x` are all
/// refused. The files are looked up in memory afterwards, so nothing outside
/// the site can be reached even by a path that slipped through.
pub(crate) fn resolve(raw_path: &str) -> Result<Target, Refusal> {
    if !raw_path.starts_with('/') {
        return Err(Refusal::NotOriginForm);
    }
    let decoded = percent_decode(raw_path)?;
    // Check the decoded path; checking the raw path too catches nothing more,
    // since decoding only ever adds `/`, `\`, `.` and `:`.
    let rest = &decoded[1..];
    let folder = rest.is_empty() || rest.ends_with('/');
    let trimmed = rest.strip_suffix('/').unwrap_or(rest);
    let mut segments = Vec::new();
    if !trimmed.is_empty() {
        for segment in trimmed.split('/') {
            if segment.is_empty() || segment == "." || segment == ".." {
                return Err(Refusal::Traversal);
            }
            if segment
                .chars()
                .any(|c| c == '\\' || c == ':' || c.is_control())
            {
                return Err(Refusal::Traversal);
            }
            segments.push(segment);
        }
    }
    let joined = segments.join("/");
    if folder {
        return Ok(Target::File(if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        }));
    }
    Ok(Target::MaybeFolder {
        index: format!("{joined}/index.html"),
        location: format!("{raw_path}/"),
        file: joined,
    })
}

/// Decodes `%XX` escapes; anything malformed or not UTF-8 is refused.
fn percent_decode(raw: &str) -> Result<String, Refusal> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Refusal::BadEncoding)?;
            let hex = std::str::from_utf8(hex).map_err(|_| Refusal::BadEncoding)?;
            let byte = u8::from_str_radix(hex, 16).map_err(|_| Refusal::BadEncoding)?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Refusal::BadEncoding)
}

/// Which `Host` headers the server answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostPolicy {
    /// Only these `host:port` names (lowercase): the loopback names of the
    /// bound port. Anything else is a DNS-rebinding attempt.
    Only(Vec<String>),
    /// Any syntactically valid host: the user bound a non-loopback address
    /// on purpose and other machines are meant to reach the server.
    Any,
}

impl HostPolicy {
    /// The policy for a server listening on `addr`.
    pub(crate) fn for_address(addr: SocketAddr) -> Self {
        if !addr.ip().is_loopback() {
            return HostPolicy::Any;
        }
        let port = addr.port();
        let mut names = vec![
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
            host_port(addr.ip(), port),
        ];
        if port == 80 {
            names.extend([
                "localhost".to_string(),
                "127.0.0.1".to_string(),
                "[::1]".to_string(),
                host_port(addr.ip(), port)
                    .trim_end_matches(":80")
                    .to_string(),
            ]);
        }
        names.sort();
        names.dedup();
        HostPolicy::Only(names)
    }

    /// True when a request with this `Host` header may be answered.
    pub(crate) fn allows(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return false };
        if !is_valid_host(host) {
            return false;
        }
        match self {
            HostPolicy::Any => true,
            HostPolicy::Only(names) => names.iter().any(|n| n.eq_ignore_ascii_case(host)),
        }
    }
}

/// `host:port` for an address, with IPv6 addresses in brackets.
pub(crate) fn host_port(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{v4}:{port}"),
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
    }
}

/// A `Host` value made only of the characters of names, IPv4 and bracketed
/// IPv6 addresses and a port.
fn is_valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// The `Content-Type` for an output file, by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// True when the `Content-Type` is HTML (the live-reload script goes in).
pub(crate) fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Result<Target, Refusal> {
        Ok(Target::File(path.to_string()))
    }

    #[test]
    fn site_paths_resolve_to_output_files() {
        assert_eq!(resolve("/"), file("index.html"));
        assert_eq!(resolve("/news/"), file("news/index.html"));
        assert_eq!(resolve("/news/a%C3%BC/"), file("news/aü/index.html"));
        assert_eq!(
            resolve("/atom.xml"),
            Ok(Target::MaybeFolder {
                file: "atom.xml".into(),
                index: "atom.xml/index.html".into(),
                location: "/atom.xml/".into()
            })
        );
        assert_eq!(
            resolve("/news"),
            Ok(Target::MaybeFolder {
                file: "news".into(),
                index: "news/index.html".into(),
                location: "/news/".into()
            })
        );
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        for path in [
            "/..",
            "/../etc/passwd",
            "/news/../../x",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/..%2fx",
            "/..%2Fx",
            "/%2e%2e%2f%2e%2e%2fetc",
            "/..\\x",
            "/%5c..%5cx",
            "/x/%2e/y",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows",
            "/c%3a/x",
            "/a%00b",
            "/a//b",
        ] {
            assert!(resolve(path).is_err(), "{path} was not refused");
        }
        assert_eq!(resolve("/%zz"), Err(Refusal::BadEncoding));
        assert_eq!(resolve("/%ff"), Err(Refusal::BadEncoding));
        assert_eq!(resolve("http://evil/"), Err(Refusal::NotOriginForm));
        assert_eq!(resolve("*"), Err(Refusal::NotOriginForm));
    }

    #[test]
    fn loopback_servers_answer_only_their_own_names() {
        let policy = HostPolicy::for_address("127.0.0.1:4000".parse().unwrap());
        assert!(policy.allows(Some("127.0.0.1:4000")));
        assert!(policy.allows(Some("LOCALHOST:4000")));
        assert!(policy.allows(Some("[::1]:4000")));
        assert!(!policy.allows(Some("evil.example:4000")));
        assert!(!policy.allows(Some("127.0.0.1:4001")));
        assert!(!policy.allows(Some("localhost")));
        assert!(!policy.allows(None));
        let open = HostPolicy::for_address("0.0.0.0:4000".parse().unwrap());
        assert_eq!(open, HostPolicy::Any);
        assert!(open.allows(Some("laptop.local:4000")));
        assert!(!open.allows(Some("a\"><script>")));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("events.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("search-index.json"), "application/json");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("fonts/a.woff2"), "font/woff2");
        assert_eq!(content_type("img/x.jpeg"), "image/jpeg");
        assert_eq!(content_type("a.dir/LICENSE"), "application/octet-stream");
    }
}
