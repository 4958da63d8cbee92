//! CommonMark conformance: every example of the CommonMark spec 0.31.2
//! (tests/fixtures/commonmark/, CC-BY-SA 4.0) rendered through kette's
//! Markdown module and compared, after the spec's normalisation, with
//! pulldown-cmark's own output under the same parser options. Every
//! difference must be one of the intended ones listed in docs/markdown.md;
//! anything else fails.

#[path = "commonmark/normalize.rs"]
mod normalize;

use std::collections::{BTreeMap, BTreeSet};

use kette::content::markdown::{self, images_as_is, RenderOptions};
use kette::language::Language;
use kette::url_policy::{self, UrlKind};
use normalize::{normalize, Tok};

/// The page the examples are rendered for: relative links are made
/// absolute against it.
const PAGE_BASE: &str = "/base/page/";

/// The differences docs/markdown.md lists as intended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Intended {
    /// `tabindex="0"` on `<pre>` and `<table>`.
    Tabindex,
    /// An `id` on a heading that had none.
    HeadingId,
    /// A link or image relative to the page made absolute.
    RelativeUrl,
    /// A link or image outside the URL policy, published with an empty URL
    /// and reported as an error.
    RefusedUrl,
    /// German quotation marks on a German site.
    GermanQuotes,
}

/// The examples whose links the URL policy refuses (autolinks with schemes
/// other than http, https, mailto and tel).
const REFUSED: [u64; 4] = [596, 598, 599, 601];

struct Example {
    number: u64,
    markdown: String,
}

fn examples() -> Vec<Example> {
    let text = include_str!("fixtures/commonmark/spec-0.31.2.json");
    let json: Vec<serde_json::Value> = serde_json::from_str(text).expect("fixture parses");
    json.iter()
        .map(|e| Example {
            number: e["example"].as_u64().expect("number"),
            markdown: e["markdown"].as_str().expect("markdown").to_string(),
        })
        .collect()
}

fn pulldown(markdown: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(markdown, markdown::parser_options());
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// What explains the difference between one attribute as kette writes it
/// and as pulldown-cmark does, if anything.
fn attribute_difference(
    tag: &str,
    name: &str,
    ours: Option<&str>,
    theirs: Option<&str>,
) -> Option<Intended> {
    match (name, ours, theirs) {
        ("tabindex", Some("0"), None) if tag == "pre" || tag == "table" => Some(Intended::Tabindex),
        ("id", Some(_), None) if tag.len() == 2 && tag.starts_with('h') => {
            Some(Intended::HeadingId)
        }
        ("href" | "src", Some(ours), Some(theirs)) => {
            // The normaliser escaped both alike: compare as written.
            let relative = matches!(url_policy::check(theirs), Ok(UrlKind::Relative))
                && !theirs.starts_with(['/', '?', '\\']);
            if relative && ours == format!("{PAGE_BASE}{theirs}") {
                Some(Intended::RelativeUrl)
            } else if ours.is_empty() && url_policy::check(&unescape(theirs)).is_err() {
                Some(Intended::RefusedUrl)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn unescape(attribute: &str) -> String {
    attribute
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The intended differences between kette's tokens and pulldown-cmark's,
/// or the first one that is not intended.
fn explain(ours: &[Tok], theirs: &[Tok], german: bool) -> Result<BTreeSet<Intended>, String> {
    let mut found = BTreeSet::new();
    if ours.len() != theirs.len() {
        return Err(format!("{} tokens instead of {}", ours.len(), theirs.len()));
    }
    for (o, t) in ours.iter().zip(theirs) {
        match (o, t) {
            (a, b) if a == b => {}
            (
                Tok::Start { name, attrs },
                Tok::Start {
                    name: their_name,
                    attrs: their_attrs,
                },
            ) if name == their_name => {
                let ours: BTreeMap<&str, &str> = attrs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let theirs: BTreeMap<&str, &str> = their_attrs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let names: BTreeSet<&str> = ours.keys().chain(theirs.keys()).copied().collect();
                for attr in names {
                    let (a, b) = (ours.get(attr).copied(), theirs.get(attr).copied());
                    if a == b {
                        continue;
                    }
                    match attribute_difference(name, attr, a, b) {
                        Some(intended) => {
                            found.insert(intended);
                        }
                        None => return Err(format!("<{name} {attr}>: {a:?} instead of {b:?}")),
                    }
                }
            }
            (Tok::Text(a), Tok::Text(b)) if german && same_but_quotes(a, b) => {
                found.insert(Intended::GermanQuotes);
            }
            (a, b) => return Err(format!("{a} instead of {b}")),
        }
    }
    Ok(found)
}

/// Equal but for the kind of double quotation marks.
fn same_but_quotes(a: &str, b: &str) -> bool {
    let plain = |s: &str| s.replace(['„', '“', '”'], "\"");
    plain(a) == plain(b)
}

#[test]
fn every_difference_from_pulldown_cmark_is_intended() {
    let examples = examples();
    assert_eq!(examples.len(), 652);
    let mut unexplained = Vec::new();
    let mut by_kind: BTreeMap<(&str, Intended), Vec<u64>> = BTreeMap::new();
    let mut refused = BTreeSet::new();
    for language in [Language::En, Language::De] {
        let options = RenderOptions {
            raw_html: true,
            language,
            eager_first_image: false,
        };
        for example in &examples {
            let rendered = markdown::render(
                &example.markdown,
                options,
                PAGE_BASE,
                &|_| None,
                &images_as_is,
            );
            assert!(rendered.broken_links.is_empty(), "{}", example.number);
            if !rendered.refused_urls.is_empty() {
                refused.insert(example.number);
            }
            let ours = normalize(&rendered.html);
            let theirs = normalize(&pulldown(&example.markdown));
            match explain(&ours, &theirs, language == Language::De) {
                Ok(kinds) => {
                    for kind in kinds {
                        by_kind.entry((language.code(), kind)).or_default().push(example.number);
                    }
                }
                Err(why) => unexplained.push(format!(
                    "example {} ({language:?}): {why}\n  markdown: {:?}\n  kette:    {}\n  pulldown: {}",
                    example.number,
                    example.markdown,
                    normalize::show(&ours),
                    normalize::show(&theirs),
                )),
            }
        }
    }
    for ((language, kind), numbers) in &by_kind {
        println!(
            "{language} {kind:?}: {} examples {numbers:?}",
            numbers.len()
        );
    }
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
    // A refused URL is never published, and only the examples the docs
    // name are refused.
    assert_eq!(refused, BTreeSet::from(REFUSED));
    for language in [Language::En, Language::De] {
        let refused_kind: BTreeSet<u64> = by_kind
            .get(&(language.code(), Intended::RefusedUrl))
            .into_iter()
            .flatten()
            .copied()
            .collect();
        assert_eq!(refused_kind, BTreeSet::from(REFUSED));
        assert!(!by_kind.contains_key(&("en", Intended::GermanQuotes)));
    }
}

#[test]
fn email_autolinks_keep_mailto() {
    for number in [604, 605] {
        let example = &examples()[number - 1];
        let html = markdown::render(
            &example.markdown,
            RenderOptions {
                raw_html: true,
                language: Language::De,
                eager_first_image: false,
            },
            PAGE_BASE,
            &|_| None,
            &images_as_is,
        )
        .html;
        let address = example.markdown.trim().trim_matches(['<', '>']);
        assert_eq!(
            &*html,
            format!("<p><a href=\"mailto:{address}\">{address}</a></p>\n")
        );
    }
}

/// The normaliser is the spec's: its own examples hold.
#[test]
fn the_normaliser_does_what_the_spec_says() {
    for (html, normalized) in [
        ("<p>a  \t b</p>", "<p>a b</p>"),
        ("<p>a  \t\nb</p>", "<p>a b</p>"),
        (" <p>a  b</p>", "<p>a b</p>"),
        ("<p>a  b</p> ", "<p>a b</p>"),
        ("\n\t<p>\n\t\ta  b\t\t</p>\n\t", "<p>a b</p>"),
        ("<i>a  b</i> ", "<i>a b</i> "),
        ("<br />", "<br>"),
        (
            "<a title=\"bar\" HREF=\"foo\">x</a>",
            "<a href=\"foo\" title=\"bar\">x</a>",
        ),
        ("&forall;&amp;&gt;&lt;&quot;", "\u{2200}&amp;&gt;&lt;&quot;"),
    ] {
        assert_eq!(normalize::show(&normalize(html)), normalized, "{html:?}");
    }
}
