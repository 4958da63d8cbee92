//! Writing the pieces of a text as HTML, through pulldown-cmark's own HTML
//! writer. kette writes only what differs, from the events: the start tags
//! of code blocks and tables (and so the rest of each table's tags), which
//! get `tabindex="0"` because they may scroll sideways on a phone and
//! keyboard users can only scroll what takes focus (WCAG 2.1.1); and raw
//! HTML, which with `raw_html: false` is written as text. Everything else,
//! raw HTML included, is written by pulldown-cmark as it always is.

use std::cell::Cell;
use std::fmt;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::Piece;
use crate::escape::escape_html;

/// The HTML of `pieces`; raw HTML passed through when `raw_html`, else
/// shown as text.
pub(super) fn write(pieces: &[Piece<'_>], raw_html: bool) -> String {
    let mut html = String::with_capacity(pieces.len() * 16);
    // Whether what was written so far ends a line, as pulldown-cmark's
    // writer keeps it: a code block starts on a line of its own.
    let line_start = Cell::new(true);
    let events = Events {
        pieces: pieces.iter(),
        raw_html,
        line_start: &line_start,
        table: Table::default(),
    };
    let out = Tracking {
        html: &mut html,
        line_start: &line_start,
    };
    // Writing into a `String` cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(out, events);
    html
}

/// The output, noting whether it ends a line.
struct Tracking<'w> {
    html: &'w mut String,
    line_start: &'w Cell<bool>,
}

impl fmt::Write for Tracking<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(&last) = s.as_bytes().last() {
            self.line_start.set(last == b'\n');
        }
        self.html.push_str(s);
        Ok(())
    }
}

/// Where the writer is in a table.
#[derive(Default)]
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
}

/// The events handed to pulldown-cmark's writer.
struct Events<'p, 'a> {
    pieces: std::slice::Iter<'p, Piece<'a>>,
    raw_html: bool,
    line_start: &'p Cell<bool>,
    table: Table,
}

impl<'a> Iterator for Events<'_, 'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = match self.pieces.next()? {
            Piece::Md(event) => self.markdown(event),
            Piece::Raw(html) if self.raw_html => Event::Html(html.clone()),
            Piece::Raw(html) => Event::Text(html.clone()),
            Piece::Made(html) => Event::InlineHtml(CowStr::from(html.clone())),
        };
        Some(event)
    }
}

impl<'a> Events<'_, 'a> {
    /// A Markdown event, with the tags of code blocks and tables written
    /// here: as pulldown-cmark writes them, plus `tabindex` on the first.
    fn markdown(&mut self, event: &Event<'a>) -> Event<'a> {
        let html = |s: &'static str| Event::Html(CowStr::Borrowed(s));
        let table = &mut self.table;
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut tag = String::from(if self.line_start.get() { "" } else { "\n" });
                tag.push_str("<pre tabindex=\"0\"><code");
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split(' ').next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                if !language.is_empty() {
                    tag.push_str(" class=\"language-");
                    tag.push_str(&escape_html(language));
                    tag.push('"');
                }
                tag.push('>');
                Event::Html(CowStr::from(tag))
            }
            Event::Start(Tag::Table(alignments)) => {
                table.alignments.clone_from(alignments);
                html("<table tabindex=\"0\">")
            }
            Event::Start(Tag::TableHead) => {
                table.in_head = true;
                table.cell = 0;
                html("<thead><tr>")
            }
            Event::Start(Tag::TableRow) => {
                table.cell = 0;
                html("<tr>")
            }
            Event::Start(Tag::TableCell) => {
                let alignment = table.alignments.get(table.cell);
                html(match (table.in_head, alignment) {
                    (true, Some(Alignment::Left)) => "<th style=\"text-align: left\">",
                    (true, Some(Alignment::Center)) => "<th style=\"text-align: center\">",
                    (true, Some(Alignment::Right)) => "<th style=\"text-align: right\">",
                    (true, _) => "<th>",
                    (false, Some(Alignment::Left)) => "<td style=\"text-align: left\">",
                    (false, Some(Alignment::Center)) => "<td style=\"text-align: center\">",
                    (false, Some(Alignment::Right)) => "<td style=\"text-align: right\">",
                    (false, _) => "<td>",
                })
            }
            Event::End(TagEnd::TableCell) => {
                table.cell += 1;
                html(if table.in_head { "</th>" } else { "</td>" })
            }
            Event::End(TagEnd::TableHead) => {
                table.in_head = false;
                html("</tr></thead><tbody>\n")
            }
            Event::End(TagEnd::TableRow) => html("</tr>\n"),
            Event::End(TagEnd::Table) => html("</tbody></table>\n"),
            other => other.clone(),
        }
    }
}
