//! Plain text from rendered HTML: for summaries, descriptions and search.

/// The text of an HTML fragment: tags removed, block ends as spaces (inline
/// tags like `<em>` leave no gap), common entities decoded, whitespace
/// collapsed. One pass: it runs for every summary of the site.
pub fn strip_tags(html: &str) -> String {
    const BLOCKS: [&str; 12] = [
        "p",
        "br",
        "li",
        "ul",
        "ol",
        "div",
        "td",
        "th",
        "tr",
        "table",
        "blockquote",
        "pre",
    ];
    const ENTITIES: [(&str, &str); 5] = [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&amp;", "&"),
    ];
    let mut out = String::with_capacity(html.len());
    let mut space = false;
    // Text after a gap gets one space before it (none at the start).
    fn push(out: &mut String, space: &mut bool, text: &str) {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push_str(text);
    }
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        // Text up to the next tag, entity or space is copied in one piece.
        let run = rest
            .find(|c: char| c == '<' || c == '&' || c.is_whitespace())
            .unwrap_or(rest.len());
        if run > 0 {
            push(&mut out, &mut space, &rest[..run]);
            rest = &rest[run..];
        } else if c == '<' {
            let Some(close) = rest.find('>') else {
                break;
            };
            let tag = rest[1..close].trim_start_matches('/');
            let name_len = tag
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(tag.len());
            let name = &tag[..name_len];
            let heading = name.len() == 2 && name.as_bytes()[0].eq_ignore_ascii_case(&b'h');
            if heading || BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
                space = true;
            }
            rest = &rest[close + 1..];
        } else if c == '&' {
            match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((entity, decoded)) => {
                    push(&mut out, &mut space, decoded);
                    rest = &rest[entity.len()..];
                }
                None => {
                    push(&mut out, &mut space, "&");
                    rest = &rest[1..];
                }
            }
        } else {
            space = true;
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The first `n` words of `text`, with " …" when there were more. Only
/// the words needed are looked at (texts can be long).
pub fn first_words(text: &str, n: usize) -> String {
    let mut out = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i == n {
            out.push_str(" …");
            break;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_cut_long_texts() {
        assert_eq!(first_words("  eins\tzwei \n drei ", 3), "eins zwei drei");
        assert_eq!(first_words("eins zwei drei vier", 2), "eins zwei …");
        assert_eq!(first_words("eins", 0), " …");
        assert_eq!(first_words("", 0), "");
        assert_eq!(first_words("   ", 5), "");
    }

    #[test]
    fn inline_tags_leave_no_gap() {
        assert_eq!(
            strip_tags("<p>Alpha (<em>one</em> two)</p><p>B&amp;C</p>"),
            "Alpha (one two) B&C"
        );
        assert_eq!(
            strip_tags("<h2>Title</h2>\n<P>a &amp;lt; b &quot;c&quot;</P><br>d<unclosed"),
            "Title a &lt; b \"c\" d"
        );
        assert_eq!(strip_tags("  a\u{a0}b&x;<br>c&amp;"), "a b&x; c&");
        assert_eq!(strip_tags("<p>Ä<em>ö</em></p> \n<p>ü</p>"), "Äö ü");
    }
}
