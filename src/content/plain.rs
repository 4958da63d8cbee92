//! Plain text of Markdown texts, for summaries, descriptions and search:
//! made from pulldown-cmark's text events, never by stripping tags from
//! HTML.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::markdown::Piece;

/// Which plain text is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlainOf {
    /// The whole text, for search: images' alt texts included.
    Text,
    /// A summary, for descriptions and feeds: what a reader sees of it,
    /// images left out.
    Summary,
}

/// The text of a parsed Markdown text, words separated by single spaces:
/// only the text and code of its events, so that nothing of raw HTML (its
/// tags, attributes, comments) or of kette's own HTML ends up in it. Block
/// ends and line breaks separate words; inline markup (`*x*`) does not.
pub(crate) fn plain_text(pieces: &[Piece<'_>], of: PlainOf) -> String {
    // Whitespace is collapsed as the text is put together: a gap is
    // written only before the next word.
    let mut plain = String::new();
    let mut gap = false;
    let mut in_image = 0usize;
    for piece in pieces {
        let Piece::Md(event) = piece else { continue };
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(_) | Event::Code(_) if in_image > 0 && of == PlainOf::Summary => {}
            Event::Text(t) | Event::Code(t) => {
                for (i, word) in t.split(char::is_whitespace).enumerate() {
                    gap |= i > 0;
                    if word.is_empty() {
                        continue;
                    }
                    if gap && !plain.is_empty() {
                        plain.push(' ');
                    }
                    gap = false;
                    plain.push_str(word);
                }
            }
            Event::SoftBreak | Event::HardBreak => gap = true,
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => gap = true,
            _ => {}
        }
    }
    plain
}

/// The first `n` words of `text`, with " …" when there were more. Only
/// the words needed are looked at (texts can be long).
pub(crate) fn first_words(text: &str, n: usize) -> String {
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
}
