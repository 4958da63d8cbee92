//! The one URL policy for every URL that comes from content: Markdown links
//! and images, and the URL fields of records and front matter (`website`,
//! an offer's or event's `url`, `image`, contact e-mail addresses).
//!
//! Allowed are relative links (`bild.jpg`, `../x/`, `/news/…`, `?q`),
//! fragments (`#kontakt`), `http:`, `https:`, `mailto:` with a real address
//! and `tel:`. Everything else (`javascript:`, `vbscript:`, `data:`, `file:`,
//! unknown schemes) is refused, so that no page of a site publishes a link
//! or image source that runs script. The scheme is read as a browser reads
//! it: case-insensitive, after dropping leading spaces and control
//! characters and every tab and line break (`java\tscript:` is
//! `javascript:` to a browser). Raw HTML in Markdown is not covered: it is
//! the site owner's choice (`markdown.raw_html`, docs/security.md).

use crate::messages::{self, Text, UrlRefused};
use std::fmt;

/// The forms of URL the policy allows, for messages.
pub const ALLOWED_FORMS: &str =
    "a relative link (bild.jpg, /news/…), #anchor, http:, https:, mailto: with an address, or tel:";

/// What kind of allowed URL a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlKind {
    /// No scheme: a path relative to the page or the site (`bild.jpg`,
    /// `../x/`, `/news/`, `?q=1`, `//host/` excluded, see [`check`]).
    Relative,
    /// Only a fragment: `#kontakt`.
    Fragment,
    /// `http:` or `https:`.
    Web,
    /// `mailto:` with an address.
    Mail,
    /// `tel:` with a number.
    Phone,
}

/// Why a URL is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlRefusal {
    /// A scheme outside the policy (`javascript`, `data`, …), lower-cased.
    Scheme(String),
    /// `mailto:` without a usable address.
    MailAddress,
    /// `tel:` without a usable number.
    PhoneNumber,
    /// Control characters (other than the tab and line breaks a browser
    /// drops) or an empty URL.
    Malformed,
}

impl fmt::Display for UrlRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlRefusal::Scheme(s) => write!(f, "`{s}:` links are not allowed"),
            UrlRefusal::MailAddress => f.write_str("`mailto:` needs an e-mail address"),
            UrlRefusal::PhoneNumber => f.write_str("`tel:` needs a phone number"),
            UrlRefusal::Malformed => f.write_str("not a usable URL"),
        }
    }
}

impl UrlRefusal {
    /// The refusal in both languages, for messages to editors.
    pub fn text(&self) -> Text {
        messages::url_refusal(match self {
            UrlRefusal::Scheme(s) => UrlRefused::Scheme(s),
            UrlRefusal::MailAddress => UrlRefused::MailAddress,
            UrlRefusal::PhoneNumber => UrlRefused::PhoneNumber,
            UrlRefusal::Malformed => UrlRefused::Malformed,
        })
    }
}

/// Checks a URL from content against the policy.
///
/// A protocol-relative `//host/path` is a link to another site; it counts
/// as [`UrlKind::Web`].
pub fn check(url: &str) -> Result<UrlKind, UrlRefusal> {
    if url
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(UrlRefusal::Malformed);
    }
    // What a browser parses: leading and trailing spaces cut, tabs and
    // line breaks removed wherever they are.
    let seen: String = url
        .trim_matches(|c: char| c == ' ' || c.is_ascii_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if seen.is_empty() {
        return Err(UrlRefusal::Malformed);
    }
    if seen.starts_with('#') {
        return Ok(UrlKind::Fragment);
    }
    if seen.starts_with("//") || seen.starts_with("\\\\") {
        return Ok(UrlKind::Web);
    }
    let Some(scheme) = scheme_of(&seen) else {
        return Ok(UrlKind::Relative);
    };
    let rest = &seen[scheme.len() + 1..];
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => Ok(UrlKind::Web),
        "mailto" => {
            let addresses = rest.split('?').next().unwrap_or("");
            let ok = !addresses.is_empty()
                && addresses
                    .split(',')
                    .all(|a| is_email(&percent_decoded_ascii(a)));
            if ok {
                Ok(UrlKind::Mail)
            } else {
                Err(UrlRefusal::MailAddress)
            }
        }
        "tel" => {
            if is_phone(&percent_decoded_ascii(rest)) {
                Ok(UrlKind::Phone)
            } else {
                Err(UrlRefusal::PhoneNumber)
            }
        }
        other => Err(UrlRefusal::Scheme(other.to_string())),
    }
}

/// The scheme of `url` (without `:`), when it has one: letters, digits,
/// `+`, `-`, `.` starting with a letter, before the first `/`, `?` or `#`.
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// True for text that looks like one e-mail address: `local@domain.tld`,
/// no spaces, no scheme, no markup.
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    local_ok && domain_ok
}

/// True for text that looks like a phone number: digits with the spaces,
/// `+`, `-`, `/`, `.` and brackets people write between them.
pub(crate) fn is_phone(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-/.()".contains(c))
}

/// `%XX` escapes of ASCII decoded, so that `mailto:a%40b.de` is checked as
/// the address a mail program sees.
fn percent_decoded_ascii(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(v) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .filter(u8::is_ascii)
            {
                out.push(v as char);
                i += 3;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allowed_forms_are_the_messages_english() {
        assert_eq!(crate::messages::allowed_forms().en(), ALLOWED_FORMS);
    }

    #[test]
    fn allowed_forms() {
        for (url, kind) in [
            ("bild.jpg", UrlKind::Relative),
            ("../x/", UrlKind::Relative),
            ("/news/a/", UrlKind::Relative),
            ("?q=1", UrlKind::Relative),
            ("ordner/a:b", UrlKind::Relative),
            ("#kontakt", UrlKind::Fragment),
            ("https://www.ahlen.de/", UrlKind::Web),
            ("HTTP://x.org", UrlKind::Web),
            ("//cdn.example.org/x.js", UrlKind::Web),
            ("mailto:info@ahlen.de", UrlKind::Mail),
            ("mailto:a@b.de,c@d.de?subject=Hallo", UrlKind::Mail),
            ("mailto:info%40ahlen.de", UrlKind::Mail),
            ("tel:+49 2382 59-0", UrlKind::Phone),
        ] {
            assert_eq!(check(url), Ok(kind), "{url}");
        }
    }

    #[test]
    fn script_and_data_urls_are_refused_however_written() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JavaScript:alert(1)", "javascript"),
            ("  javascript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("java\nscript:alert(1)", "javascript"),
            ("vbscript:msgbox", "vbscript"),
            ("data:text/html;base64,PHNjcmlwdD4=", "data"),
            ("data:image/png;base64,AAAA", "data"),
            ("file:///etc/passwd", "file"),
        ] {
            assert_eq!(check(url), Err(UrlRefusal::Scheme(scheme.into())), "{url}");
        }
        assert_eq!(check("\u{1}javascript:x"), Err(UrlRefusal::Malformed));
        assert_eq!(check(""), Err(UrlRefusal::Malformed));
        assert_eq!(check(" \t"), Err(UrlRefusal::Malformed));
    }

    #[test]
    fn mailto_and_tel_need_an_address_and_a_number() {
        assert_eq!(
            check("mailto:javascript:alert(1)"),
            Err(UrlRefusal::MailAddress)
        );
        assert_eq!(check("mailto:"), Err(UrlRefusal::MailAddress));
        assert_eq!(check("tel:javascript"), Err(UrlRefusal::PhoneNumber));
        assert!(is_email("vorname.nachname+kkz@kreis-warendorf.de"));
        assert!(is_email("info@städte.de"));
        assert!(!is_email("javascript:alert(1)"));
        assert!(!is_email("a b@c.de"));
        assert!(!is_email("a@localhost"));
        assert!(!is_email("<a@b.de>"));
        assert!(is_phone("02382 59-0"));
        assert!(!is_phone("call me"));
    }
}
