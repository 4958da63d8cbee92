//! Titles and excerpts of an export as plain text: WordPress keeps them as
//! HTML (`Fachtag &#8211; <em>neu</em>`). They are read with html5ever's
//! tokenizer (so is the text of `<pre>`), so tags, comments and every entity are understood as a
//! browser would, never cut out by searching the text. This module is the
//! only user of `html5ever` in the library.

use std::cell::RefCell;

use html5ever::tokenizer::{
    BufferQueue, Tag, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements that separate words: text on either side gets a space.
const BLOCKS: [&str; 18] = [
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
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// `html` as text: tags and comments left out, entities decoded,
/// whitespace collapsed to single spaces, none at either end.
pub(super) fn plain_text(html: &str) -> String {
    let sink = Collector::default();
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let words = tokenizer.sink.text.take();
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the content of a `<pre>` as it shows: every character as
/// written (entities decoded), `<br>` a line break, other tags and comments
/// left out; the line break right after `<pre>` dropped, as browsers do.
pub(super) fn preformatted_text(html: &str) -> String {
    let sink = Collector {
        preformatted: true,
        ..Collector::default()
    };
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let text = tokenizer.sink.text.take();
    match text.strip_prefix('\n') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Gathers the text of the tokens.
#[derive(Default)]
struct Collector {
    text: RefCell<String>,
    /// For [`preformatted_text`]: `<br>` is a line break, no tag a space.
    preformatted: bool,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut text = self.text.borrow_mut();
        match token {
            Token::CharacterTokens(t) => text.push_str(&t),
            Token::TagToken(Tag { name, .. }) if self.preformatted && &*name == "br" => {
                text.push('\n')
            }
            Token::TagToken(_) if self.preformatted => {}
            Token::TagToken(Tag { name, .. }) if BLOCKS.contains(&&*name) => text.push(' '),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn tags_comments_and_entities() {
        assert_eq!(
            plain_text("Fachtag &#8211; <em>neu</em> &amp; <!-- x > y -->gut"),
            "Fachtag – neu & gut"
        );
        assert_eq!(
            plain_text("<p>Eins</p><p>Zwei<br>Drei</p>"),
            "Eins Zwei Drei"
        );
        assert_eq!(plain_text("<span title=\"a>b\">x</span>"), "x");
        assert_eq!(plain_text("&amp;lt;"), "&lt;");
        assert_eq!(plain_text("  "), "");
    }

    #[test]
    fn preformatted_text_keeps_every_space_and_line() {
        assert_eq!(
            super::preformatted_text("\n a  <b>b</b><br>&lt;c&gt;\n\n  d<br />"),
            " a  b\n<c>\n\n  d\n"
        );
    }
}
