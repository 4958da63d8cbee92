//! Escaping text for HTML and XML: for the templates (Tera is set to use
//! it) and for the few places that write markup outside them.

use std::borrow::Cow;

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in HTML and XML
/// text and in quoted attributes.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_pieces(text, HTML_APOSTROPHE, |piece| out.push_str(piece));
    out
}

/// `text` escaped for XML text and attributes as XML writers usually do
/// it: like [`escape_html`], but `'` becomes `&apos;` (the Atom feeds
/// escape articles' HTML with it; see `render::feeds`), and characters XML
/// does not allow replaced as by [`xml_safe`].
pub(crate) fn push_escaped_xml(text: &str, out: &mut String) {
    let text = xml_safe(text);
    out.reserve(text.len() + text.len() / 8);
    escape_pieces(&text, "&apos;", |piece| out.push_str(piece));
}

/// `text` without the characters XML 1.0 does not allow (C0 control
/// characters but tab, line feed and carriage return; U+FFFE and U+FFFF),
/// each replaced by U+FFFD: one of them makes a whole Atom feed unreadable.
/// Content checks refuse them where editors write text, but Markdown's
/// character references (`&#1;`) still make them. Whole feeds pass
/// through here: the bytes are tested in blocks without branches (which
/// the compiler vectorises), and only a block with a suspect byte (a
/// control character, or 0xEF, which begins U+FFFE and U+FFFF) is looked
/// at by character.
pub(crate) fn xml_safe(text: &str) -> Cow<'_, str> {
    const BLOCK: usize = 64;
    let suspect = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0xEF;
    let bytes = text.as_bytes();
    let Some(block) = bytes
        .chunks(BLOCK)
        .position(|c| c.iter().fold(false, |any, &b| any | suspect(b)))
    else {
        return Cow::Borrowed(text);
    };
    // From the start of the block's line of characters (0xEF begins a
    // character; a control character is one).
    let start = block * BLOCK;
    let start = (0..=start)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let tail = &text[start..];
    if !tail.contains(not_xml) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.extend(
        tail.chars()
            .map(|c| if not_xml(c) { '\u{FFFD}' } else { c }),
    );
    Cow::Owned(out)
}

/// A character XML 1.0 does not allow in a document.
fn not_xml(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// [`escape_html`], written into `out`: how the templates escape what they
/// show (Tera's own escaping also turns every `/` into `&#x2F;`, which no
/// browser needs and which made URLs, the most common thing on a page, six
/// times as long).
pub(crate) fn write_escaped_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_pieces(text, HTML_APOSTROPHE, |piece| {
        if result.is_ok() {
            result = out.write_all(piece.as_bytes());
        }
    });
    result
}

/// How HTML escaping writes `'` (every browser reads it; `&apos;` is
/// XML's, and HTML's only since HTML 5).
const HTML_APOSTROPHE: &str = "&#39;";

/// `text` escaped, handed to `put` in pieces: the runs between characters
/// to escape whole (all five are ASCII, so every cut is at a character
/// boundary), each escaped character as its entity, `'` as `apostrophe`.
/// Every page's text goes through here, most of it with nothing to escape:
/// it is scanned eight bytes at a time, and only eight bytes with something
/// to escape are looked at one by one.
fn escape_pieces<'a>(text: &'a str, apostrophe: &'static str, mut put: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let (mut start, mut at) = (0, 0);
    while at < bytes.len() {
        let end = match bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
            Some(Ok(chunk)) if !any_to_escape(u64::from_ne_bytes(chunk)) => {
                at += 8;
                continue;
            }
            Some(_) => at + 8,
            None => bytes.len(),
        };
        for (i, &b) in bytes.iter().enumerate().take(end).skip(at) {
            if let Some(entity) = entity(b, apostrophe) {
                put(&text[start..i]);
                put(entity);
                start = i + 1;
            }
        }
        at = end;
    }
    put(&text[start..]);
}

/// The entity for a byte that must be escaped, `'` as `apostrophe`.
#[inline]
fn entity(byte: u8, apostrophe: &'static str) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some(apostrophe),
        _ => None,
    }
}

/// Whether any of the eight bytes in `word` must be escaped.
#[inline]
fn any_to_escape(word: u64) -> bool {
    // A byte of `word ^ repeated(b)` is zero where `word` has `b`; the
    // classic test for any zero byte is exact for "any".
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has = |b: u8| {
        let x = word ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    (has(b'&') | has(b'<') | has(b'>') | has(b'"') | has(b'\'')) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape_html(r#"a & <b> "c" 'd'"#),
            "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(escape_html("/ä/ü\u{1F600}"), "/ä/ü\u{1F600}");
    }

    #[test]
    fn every_position_of_every_character_is_escaped() {
        // Before, inside and after the eight-byte steps, beside multi-byte
        // characters.
        for len in 0..20 {
            for at in 0..len {
                for (c, entity) in [
                    ('&', "&amp;"),
                    ('<', "&lt;"),
                    ('>', "&gt;"),
                    ('"', "&quot;"),
                    ('\'', "&#39;"),
                ] {
                    let mut text: Vec<char> = "aä€bcdefghijklmnopqrst".chars().take(len).collect();
                    text[at] = c;
                    let text: String = text.into_iter().collect();
                    let expected: String = text
                        .chars()
                        .map(|x| {
                            if x == c {
                                entity.to_string()
                            } else {
                                x.to_string()
                            }
                        })
                        .collect();
                    assert_eq!(escape_html(&text), expected, "{text:?}");
                }
            }
        }
        assert_eq!(escape_html("&&&&&&&&&"), "&amp;".repeat(9));
        assert_eq!(escape_html("ÿÿÿÿ©©©©"), "ÿÿÿÿ©©©©");
    }

    #[test]
    fn xml_escapes_the_apostrophe_by_name() {
        let mut out = String::from("x");
        push_escaped_xml(r#"a & <b> "c" 'd' &#39;"#, &mut out);
        assert_eq!(
            out,
            "xa &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; &amp;#39;"
        );
    }

    #[test]
    fn xml_gets_no_character_it_forbids() {
        assert!(matches!(
            xml_safe("Präventionskette\t\n\r\u{FFFD}"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(xml_safe(&"Kette ".repeat(40)), Cow::Borrowed(_)));
        let long = format!("{}x\u{1}\u{1b}\u{FFFE}\u{FFFF}\0y", "ä".repeat(70));
        assert_eq!(
            xml_safe(&long),
            format!(
                "{}x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}y",
                "ä".repeat(70)
            )
        );
        let mut out = String::new();
        push_escaped_xml("<a>\u{8}</a>", &mut out);
        assert_eq!(out, "&lt;a&gt;\u{FFFD}&lt;/a&gt;");
    }

    #[test]
    fn written_the_same_as_returned() {
        for text in ["", "plain", "<a href=\"/x?a=1&b='2'\">ä</a>", "&&"] {
            let mut out = Vec::new();
            write_escaped_html(text, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), escape_html(text));
        }
    }
}
