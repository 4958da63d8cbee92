//! The CommonMark spec's HTML normalisation (its `test/normalize.py`),
//! ported: HTML is tokenised (html5ever's tokenizer, as Python's
//! `HTMLParser` tokenises it: no tree is built, nothing is repaired), runs
//! of whitespace become one space outside `<pre>`, whitespace next to block
//! tags is dropped, attributes are sorted and escaped alike, self-closing
//! tags become start tags and references become characters (`<`, `>`, `&`
//! and `"` as entities). The tokens are kept apart, so that a test can say
//! which attribute differs.

use std::cell::RefCell;
use std::fmt;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// One token of normalised HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A start tag with its attributes, sorted, values escaped.
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    /// An end tag.
    End(String),
    /// Text, escaped.
    Text(String),
    /// A comment or declaration, as written out.
    Other(String),
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Start { name, attrs } => {
                write!(f, "<{name}")?;
                for (k, v) in attrs {
                    write!(f, " {k}=\"{v}\"")?;
                }
                f.write_str(">")
            }
            Tok::End(name) => write!(f, "</{name}>"),
            Tok::Text(t) | Tok::Other(t) => f.write_str(t),
        }
    }
}

/// The normalised form as one string, as normalize.py gives it.
pub fn show(toks: &[Tok]) -> String {
    toks.iter().map(Tok::to_string).collect()
}

/// `html` normalised.
pub fn normalize(html: &str) -> Vec<Tok> {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    state.flush();
    state.out
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Last {
    #[default]
    StartTag,
    EndTag,
    Data,
    Other,
}

#[derive(Default)]
struct State {
    out: Vec<Tok>,
    last: Last,
    last_tag: String,
    in_pre: bool,
    /// Characters not yet handled: one run of text is handled at once.
    pending: String,
}

fn is_block_tag(tag: &str) -> bool {
    [
        "article",
        "header",
        "aside",
        "hgroup",
        "blockquote",
        "hr",
        "iframe",
        "body",
        "li",
        "map",
        "button",
        "object",
        "canvas",
        "ol",
        "caption",
        "output",
        "col",
        "p",
        "colgroup",
        "pre",
        "dd",
        "progress",
        "div",
        "section",
        "dl",
        "table",
        "td",
        "dt",
        "tbody",
        "embed",
        "textarea",
        "fieldset",
        "tfoot",
        "figcaption",
        "th",
        "figure",
        "thead",
        "footer",
        "tr",
        "form",
        "ul",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "video",
        "script",
        "style",
    ]
    .contains(&tag)
}

fn escape(text: &str, quote: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if quote => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

impl State {
    /// `self.output = self.output.rstrip()`.
    fn rstrip(&mut self) {
        if let Some(Tok::Text(t)) = self.out.last_mut() {
            let kept = t.trim_end().len();
            t.truncate(kept);
            if t.is_empty() {
                self.out.pop();
            }
        }
    }

    /// `handle_data`, for the pending run of text.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut data = std::mem::take(&mut self.pending);
        let after_tag = matches!(self.last, Last::StartTag | Last::EndTag);
        let after_block_tag = after_tag && is_block_tag(&self.last_tag);
        if after_tag && self.last_tag == "br" {
            data = data.trim_start_matches('\n').to_string();
        }
        if !self.in_pre {
            data = collapse_whitespace(&data);
        }
        if after_block_tag && !self.in_pre {
            data = match self.last {
                Last::StartTag => data.trim_start().to_string(),
                _ => data.trim().to_string(),
            };
        }
        let data = escape(&data, false);
        match self.out.last_mut() {
            Some(Tok::Text(t)) => t.push_str(&data),
            _ if data.is_empty() => {}
            _ => self.out.push(Tok::Text(data)),
        }
        self.last = Last::Data;
    }

    fn start_tag(&mut self, tag: &Tag) {
        let name = tag.name.to_string();
        if name == "pre" {
            self.in_pre = true;
        }
        if is_block_tag(&name) {
            self.rstrip();
        }
        let mut attrs: Vec<(String, String)> = tag
            .attrs
            .iter()
            .map(|a| (a.name.local.to_string(), escape(&a.value, true)))
            .collect();
        attrs.sort();
        self.out.push(Tok::Start {
            name: name.clone(),
            attrs,
        });
        self.last_tag = name;
        self.last = if tag.self_closing {
            Last::EndTag
        } else {
            Last::StartTag
        };
    }

    fn end_tag(&mut self, tag: &Tag) {
        let name = tag.name.to_string();
        if name == "pre" {
            self.in_pre = false;
        } else if is_block_tag(&name) {
            self.rstrip();
        }
        self.out.push(Tok::End(name.clone()));
        self.last_tag = name;
        self.last = Last::EndTag;
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) => {
                state.pending.push_str(&text);
                return TokenSinkResult::Continue;
            }
            Token::NullCharacterToken => {
                state.pending.push('\0');
                return TokenSinkResult::Continue;
            }
            Token::ParseError(_) | Token::EOFToken => return TokenSinkResult::Continue,
            _ => state.flush(),
        }
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                state.start_tag(&tag);
                // Python's HTMLParser reads these as raw text, as browsers do.
                match &*tag.name {
                    "script" if !tag.self_closing => {
                        return TokenSinkResult::RawData(RawKind::ScriptData)
                    }
                    "style" if !tag.self_closing => {
                        return TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    _ => {}
                }
            }
            Token::TagToken(tag) => state.end_tag(&tag),
            Token::CommentToken(text) => {
                state.out.push(Tok::Other(format!("<!--{text}-->")));
                state.last = Last::Other;
            }
            Token::DoctypeToken(doctype) => {
                let name = doctype.name.map(|n| n.to_string()).unwrap_or_default();
                state.out.push(Tok::Other(format!("<!{name}>")));
                state.last = Last::Other;
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}
