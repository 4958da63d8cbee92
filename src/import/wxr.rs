//! Reading a WordPress export (WXR 1.0–1.2, the RSS file of Tools → Export)
//! as a stream of XML events with quick-xml.
//!
//! Only what the import needs is kept: per `<item>` its fields, categories,
//! tags, post meta and the number of comments (whose texts are never held).
//! The reader never expands entities beyond the five of XML and character
//! references: a `<!DOCTYPE>` (which WordPress never writes, and which is
//! where entity bombs and external entities live) is refused outright, and
//! every text is bounded, so a hostile file gets an error, not a hang.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::{self, ExportProblem, Text};

/// The largest post content or excerpt accepted, in bytes.
pub(crate) const MAX_CONTENT: usize = 16 << 20;
/// The largest other text (title, slug, meta value …) accepted, in bytes.
pub(crate) const MAX_FIELD: usize = 64 << 10;
/// The deepest nesting accepted (WXR needs five levels).
pub(crate) const MAX_DEPTH: usize = 64;
/// The most items accepted: far beyond any site kette is made for, and a
/// bound on the memory a file of empty `<item/>`s could ask for.
pub(crate) const MAX_ITEMS: usize = 500_000;

/// What the import uses of an export.
#[derive(Debug, Default)]
pub(crate) struct Export {
    /// `<wp:wxr_version>`.
    pub version: String,
    /// The blog's address (`<wp:base_blog_url>`, else the channel's `<link>`).
    pub blog_url: String,
    /// Every `<item>`, in file order.
    pub items: Vec<Item>,
}

/// One `<item>`: a post, page, attachment, event, venue, menu entry …
#[derive(Debug, Default, Clone)]
#[allow(missing_docs)]
pub(crate) struct Item {
    /// The line of the export the item starts on.
    pub line: usize,
    pub title: String,
    pub link: String,
    pub guid: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub id: u64,
    pub date: String,
    pub date_gmt: String,
    pub modified: String,
    pub name: String,
    pub status: String,
    pub post_type: String,
    pub password: String,
    pub parent: u64,
    pub attachment_url: String,
    /// Categories and tags: (domain, nicename, name).
    pub terms: Vec<(String, String, String)>,
    /// `<wp:postmeta>` pairs.
    pub meta: Vec<(String, String)>,
    pub comments: usize,
}

impl Item {
    /// The value of post meta `key`, if any.
    pub(crate) fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A `BufRead` that counts the lines its reader consumed, so errors and
/// items know their line without keeping the file.
struct Lines<R> {
    inner: R,
    line: usize,
}

impl<R: BufRead> std::io::Read for Lines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.inner.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        // The bytes are still in the buffer: asking again reads nothing.
        if let Ok(buf) = self.inner.fill_buf() {
            let seen = &buf[..amt.min(buf.len())];
            self.line += memchr::memchr_iter(b'\n', seen).count();
        }
        self.inner.consume(amt);
    }
}

/// Reads the export at `path`; the first problem is the error, with its line.
pub(crate) fn read(path: &Path) -> Result<Export, Diagnostic> {
    let file = File::open(path).map_err(|e| {
        let e = e.to_string();
        Diagnostic::file(path, problem(ExportProblem::CannotRead(&e)))
    })?;
    read_from(BufReader::with_capacity(1 << 16, file), path)
}

/// Reads an export from `input`; `path` names it in messages.
pub(crate) fn read_from(input: impl BufRead, path: &Path) -> Result<Export, Diagnostic> {
    let mut reader = Reader::from_reader(Lines {
        inner: input,
        line: 1,
    });
    reader.config_mut().check_end_names = true;
    let mut wxr = Wxr {
        reader,
        path,
        export: Export::default(),
        channel_link: String::new(),
        stack: Vec::new(),
        text: String::new(),
        item: None,
        term: None,
        meta_key: String::new(),
        saw_rss: false,
    };
    // The events borrow `buf`, so it lives outside the reader's state.
    let mut buf = Vec::new();
    loop {
        let event = match wxr.reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                let e = e.to_string();
                return Err(wxr.at(problem(ExportProblem::NotXml(&e))));
            }
        };
        match event {
            Event::DocType(_) => return Err(wxr.at(problem(ExportProblem::DocType))),
            Event::Start(start) => wxr.start(&start)?,
            Event::End(_) => {
                if !wxr.end() {
                    break;
                }
            }
            Event::Empty(start) => {
                // `<category …/>` and `<wp:post_password/>` carry nothing.
                if start.name().as_ref() == b"rss" && wxr.stack.is_empty() {
                    wxr.saw_rss = true;
                }
            }
            Event::Text(t) => {
                let s = t.decode().map_err(|e| wxr.not_utf8(&e))?;
                wxr.push(&s)?;
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| wxr.not_utf8(&e))?;
                wxr.push(&s)?;
            }
            Event::GeneralRef(r) => {
                let resolved = wxr.resolve(&r)?;
                wxr.push(&resolved)?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
        buf.clear();
    }
    wxr.finish()
}

/// The reader's state between XML events: where in the tree it is, the
/// text of the element open now, and the item being filled.
struct Wxr<'p, R> {
    reader: Reader<Lines<R>>,
    /// The export's path, for messages.
    path: &'p Path,
    export: Export,
    /// The channel's `<link>`, the blog's address if there is no other.
    channel_link: String,
    /// The names of the open elements, outermost first.
    stack: Vec<Vec<u8>>,
    /// The text of the innermost open element so far.
    text: String,
    /// The `<item>` open now.
    item: Option<Item>,
    /// The domain and nicename of the `<category>` open now.
    term: Option<(String, String)>,
    /// The `<wp:meta_key>` of the `<wp:postmeta>` open now.
    meta_key: String,
    saw_rss: bool,
}

impl<R: BufRead> Wxr<'_, R> {
    /// An error at the line the reader has come to.
    fn at(&self, message: Text) -> Diagnostic {
        Diagnostic::at(
            self.path,
            Location::new(self.reader.get_ref().line, 1),
            message,
        )
    }

    /// A text that is not UTF-8.
    fn not_utf8(&self, e: &impl std::fmt::Display) -> Diagnostic {
        self.at(problem(ExportProblem::NotUtf8(&e.to_string())))
    }

    /// An element opens: an item, a category with its attributes or a
    /// comment begins, within the bounds of depth and item count.
    fn start(&mut self, start: &BytesStart<'_>) -> Result<(), Diagnostic> {
        let name = start.name().as_ref().to_vec();
        if self.stack.is_empty() {
            if name != b"rss" {
                return Err(self.at(problem(ExportProblem::NotAnExport)));
            }
            self.saw_rss = true;
        }
        match name.as_slice() {
            b"item" if self.stack.len() == 2 => {
                self.item = Some(Item {
                    line: self.reader.get_ref().line,
                    ..Item::default()
                })
            }
            b"category" if self.item.is_some() && self.stack.len() == 3 => {
                self.term = Some(self.category(start)?);
            }
            b"wp:comment" if self.stack.len() == 3 => {
                if let Some(item) = self.item.as_mut() {
                    item.comments += 1;
                }
            }
            _ => {}
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.at(problem(ExportProblem::TooDeep(MAX_DEPTH))));
        }
        if self.export.items.len() >= MAX_ITEMS {
            return Err(self.at(problem(ExportProblem::TooManyItems(MAX_ITEMS))));
        }
        self.stack.push(name);
        self.text.clear();
        Ok(())
    }

    /// The domain and nicename attributes of an item's `<category>`.
    fn category(&self, start: &BytesStart<'_>) -> Result<(String, String), Diagnostic> {
        let mut domain = String::new();
        let mut nicename = String::new();
        let decoder = self.reader.decoder();
        for attr in start.attributes().flatten() {
            let value = attr
                .decoded_and_normalized_value(XmlVersion::Implicit1_0, decoder)
                .map_err(|e| self.at(problem(ExportProblem::CategoryAttribute(&e.to_string()))))?
                .into_owned();
            match attr.key.as_ref() {
                b"domain" => domain = value,
                b"nicename" => nicename = value,
                _ => {}
            }
        }
        Ok((domain, nicename))
    }

    /// An element closes: its text goes where it belongs. `false` when
    /// nothing was open (the end of the document).
    fn end(&mut self) -> bool {
        let Some(name) = self.stack.pop() else {
            return false;
        };
        let value = std::mem::take(&mut self.text);
        if self.stack.len() == 2 && self.stack[1] == b"channel" {
            self.end_in_channel(&name, value);
        } else if let Some(item) = self.item.as_mut() {
            if self.stack.len() == 3 {
                store(item, &name, value, &mut self.term);
            } else if self.stack.len() == 4 && self.stack[3] == b"wp:postmeta" {
                match name.as_slice() {
                    b"wp:meta_key" => self.meta_key = value,
                    b"wp:meta_value" => {
                        let key = std::mem::take(&mut self.meta_key);
                        if is_used_meta(&key) {
                            item.meta.push((key, value));
                        }
                    }
                    _ => {}
                }
            }
        }
        true
    }

    /// An element directly inside `<channel>` closes: the export's fields,
    /// or an item done.
    fn end_in_channel(&mut self, name: &[u8], value: String) {
        match name {
            b"wp:wxr_version" => self.export.version = value.trim().to_string(),
            b"wp:base_blog_url" => self.export.blog_url = value.trim().to_string(),
            b"link" => self.channel_link = value.trim().to_string(),
            b"item" => {
                if let Some(mut done) = self.item.take() {
                    // Only posts, pages and events need their texts;
                    // revisions and the like can be large.
                    if !matches!(done.post_type.as_str(), "post" | "page" | "tribe_events") {
                        done.content = String::new();
                        done.excerpt = String::new();
                    }
                    self.export.items.push(done);
                }
            }
            _ => {}
        }
    }

    /// A character reference or one of XML's five entities, as text; any
    /// other entity is an error.
    fn resolve(&self, r: &BytesRef<'_>) -> Result<String, Diagnostic> {
        match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c.to_string()),
            Ok(None) => {
                let name = r.decode().map_err(|e| self.not_utf8(&e))?;
                match name.as_ref() {
                    "amp" => Ok("&".into()),
                    "lt" => Ok("<".into()),
                    "gt" => Ok(">".into()),
                    "quot" => Ok("\"".into()),
                    "apos" => Ok("'".into()),
                    other => {
                        Err(self.at(problem(ExportProblem::UnknownEntity(truncate(other, 40)))))
                    }
                }
            }
            Err(e) => {
                let e = e.to_string();
                Err(self.at(problem(ExportProblem::CharacterReference(&e))))
            }
        }
    }

    /// Appends text to the current element's, within its bound.
    fn push(&mut self, piece: &str) -> Result<(), Diagnostic> {
        // Comment texts are never kept.
        if self.stack.iter().any(|n| n == b"wp:comment") {
            return Ok(());
        }
        let name = self.stack.last().map(Vec::as_slice).unwrap_or_default();
        let limit = match name {
            b"content:encoded" | b"excerpt:encoded" | b"wp:meta_value" => MAX_CONTENT,
            _ => MAX_FIELD,
        };
        if self.text.len() + piece.len() > limit {
            return Err(self.at(problem(ExportProblem::TooLong(
                &String::from_utf8_lossy(name),
                limit >> 10,
            ))));
        }
        self.text.push_str(piece);
        Ok(())
    }

    /// The export read: it must have been one, and the blog's address
    /// falls back to the channel's link.
    fn finish(mut self) -> Result<Export, Diagnostic> {
        if !self.saw_rss || self.export.version.is_empty() {
            return Err(Diagnostic::file(
                self.path,
                problem(ExportProblem::NotAnExport),
            ));
        }
        if self.export.blog_url.is_empty() {
            self.export.blog_url = self.channel_link;
        }
        Ok(self.export)
    }
}

/// Post meta the import uses; the rest (page builders keep megabytes there)
/// is not kept.
fn is_used_meta(key: &str) -> bool {
    matches!(key, "_thumbnail_id" | "_wp_attachment_image_alt")
        || key.starts_with("_Event")
        || key.starts_with("_Venue")
}

/// The message of an export that cannot be read.
fn problem(what: ExportProblem<'_>) -> Text {
    messages::export_problem(what)
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Puts the text of an element directly inside `<item>` into its field.
fn store(item: &mut Item, name: &[u8], value: String, term: &mut Option<(String, String)>) {
    let number = |v: &str| v.trim().parse::<u64>().unwrap_or(0);
    match name {
        b"title" => item.title = value,
        b"link" => item.link = value.trim().to_string(),
        b"guid" => item.guid = value.trim().to_string(),
        b"dc:creator" => item.creator = value,
        b"content:encoded" => item.content = value,
        b"excerpt:encoded" => item.excerpt = value,
        b"wp:post_id" => item.id = number(&value),
        b"wp:post_date" => item.date = value.trim().to_string(),
        b"wp:post_date_gmt" => item.date_gmt = value.trim().to_string(),
        b"wp:post_modified" => item.modified = value.trim().to_string(),
        b"wp:post_name" => item.name = value.trim().to_string(),
        b"wp:status" => item.status = value.trim().to_string(),
        b"wp:post_type" => item.post_type = value.trim().to_string(),
        b"wp:post_password" => item.password = value,
        b"wp:post_parent" => item.parent = number(&value),
        b"wp:attachment_url" => item.attachment_url = value.trim().to_string(),
        b"category" => {
            if let Some((domain, nicename)) = term.take() {
                item.terms
                    .push((domain, nicename, value.trim().to_string()));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Export, Diagnostic> {
        read_from(text.as_bytes(), Path::new("export.xml"))
    }

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\">\n<channel>\n<link>https://alt.example.org</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n";

    #[test]
    fn items_with_terms_and_meta() {
        let x = format!("{HEAD}<item>\n<title>A &amp; B &#8211; C</title>\n<wp:post_id>7</wp:post_id>\n<wp:post_type>post</wp:post_type>\n<content:encoded><![CDATA[<p>x]]]]><![CDATA[>y</p>]]></content:encoded>\n<category domain=\"post_tag\" nicename=\"eltern\"><![CDATA[Eltern]]></category>\n<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta>\n<wp:comment><wp:comment_content>hi</wp:comment_content></wp:comment>\n</item>\n</channel></rss>");
        let e = read_text(&x).unwrap();
        assert_eq!(e.blog_url, "https://alt.example.org");
        let i = &e.items[0];
        assert_eq!(i.title, "A & B – C");
        assert_eq!(i.id, 7);
        assert_eq!(i.line, 6);
        assert_eq!(i.content, "<p>x]]>y</p>");
        assert_eq!(
            i.terms[0],
            ("post_tag".into(), "eltern".into(), "Eltern".into())
        );
        assert_eq!(i.meta("_thumbnail_id"), Some("9"));
        assert_eq!(i.comments, 1);
    }

    #[test]
    fn hostile_files_are_errors() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<rss><channel><title>&b;</title></channel></rss>";
        assert!(read_text(bomb).unwrap_err().message.contains("DOCTYPE"));
        let unknown = format!("{HEAD}<item><title>&nbsp;</title></item></channel></rss>");
        assert!(read_text(&unknown)
            .unwrap_err()
            .message
            .contains("unknown entity"));
        let long = format!(
            "{HEAD}<item><title>{}</title></item></channel></rss>",
            "x".repeat(MAX_FIELD + 1)
        );
        assert!(read_text(&long)
            .unwrap_err()
            .message
            .contains("longer than"));
        let mut bad = format!("{HEAD}<item><title>").into_bytes();
        bad.extend_from_slice(b"\xff\xfe</title></item></channel></rss>");
        let e = read_from(bad.as_slice(), Path::new("x.xml")).unwrap_err();
        assert!(e.message.contains("UTF-8"), "{}", e.message);
        assert!(read_text("<html></html>").is_err());
        let deep = format!("{HEAD}{}", "<a>".repeat(MAX_DEPTH * 2));
        assert!(read_text(&deep).unwrap_err().message.contains("nested"));
        assert!(read_text(&format!("{HEAD}<item><title>x</item>")).is_err());
    }
}
