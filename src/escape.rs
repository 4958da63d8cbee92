//! Escaping text for HTML and XML: for the templates (Tera is set to use
//! it) and for the few places that write markup outside them.

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in HTML and XML
/// text and in quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_pieces(text, |piece| out.push_str(piece));
    out
}

/// [`escape_html`], written into `out`: how the templates escape what they
/// show (Tera's own escaping also turns every `/` into `&#x2F;`, which no
/// browser needs and which made URLs, the most common thing on a page, six
/// times as long).
pub fn write_escaped_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_pieces(text, |piece| {
        if result.is_ok() {
            result = out.write_all(piece.as_bytes());
        }
    });
    result
}

/// `text` escaped, handed to `put` in pieces: the runs between characters
/// to escape whole (all five are ASCII, so every cut is at a character
/// boundary), each escaped character as its entity.
fn escape_pieces<'a>(text: &'a str, mut put: impl FnMut(&'a str)) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        put(&text[start..i]);
        put(entity);
        start = i + 1;
    }
    put(&text[start..]);
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
    fn written_the_same_as_returned() {
        for text in ["", "plain", "<a href=\"/x?a=1&b='2'\">ä</a>", "&&"] {
            let mut out = Vec::new();
            write_escaped_html(text, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), escape_html(text));
        }
    }
}
