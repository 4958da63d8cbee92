//! Each language's view of the content (docs/site-format.md,
//! "Translations"): the content is loaded once; for every language of
//! `site.yaml` this picks, item by item, its translation (a sibling file
//! `name.en.md`, or `index.en.md` in an article folder), else the original
//! (`fallback: show`) or nothing (`fallback: hide`). The model is then
//! built from each view as from a site of its own. A single-language site
//! has one view, the content as it is: no file name means a translation
//! there.
//!
//! A translation shares date, municipalities, topics, images, the event's
//! times and web address, and a page's menu place and template with its
//! original: those values are taken from the original, whatever the
//! translation says. Its title, summary, body, place or location, image
//! description and `slug:` are its own (the slug is the original's unless
//! it sets one).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use crate::config::{Config, Fallback, SiteLanguage};
use crate::content::records::{ArticleFront, EventFront, PageFront};
use crate::content::{Content, Document, RecordFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::language::Language;
use crate::messages;

/// The content as one language shows it.
#[derive(Debug)]
pub(crate) struct LanguageView {
    /// The language.
    pub language: SiteLanguage,
    /// Its articles, events, records and pages.
    pub content: Content,
    /// The files shown in the default language because they have no
    /// translation into this one (`fallback: show`).
    pub untranslated: HashSet<PathBuf>,
    /// For each translation file shown, its original's file: items are
    /// the same across languages by their original.
    pub originals: HashMap<PathBuf, PathBuf>,
}

/// The language a file name marks, and the name of its original:
/// `news/x.en.md` → (`news/x`, en); `news/x/index.en.md` → (`news/x`, en).
/// Any of kette's language keys counts, in any case, so that a file for a
/// language the site does not list is reported, not published.
fn marked(content_path: &str) -> Option<(String, Language)> {
    let stem = content_path.strip_suffix(".md")?;
    let (base, key) = stem.rsplit_once('.')?;
    let language = Language::ALL
        .into_iter()
        .find(|l| l.key().eq_ignore_ascii_case(key))?;
    Some((identity(base), language))
}

/// What names an item across its files: its content path without `.md`
/// and without the `/index` of an article folder.
fn identity(path: &str) -> String {
    let path = path.strip_suffix(".md").unwrap_or(path);
    path.strip_suffix("/index").unwrap_or(path).to_string()
}

/// The start of a file, where problems with its name are shown.
fn start() -> Location {
    Location::new(1, 1)
}

/// One kind of document split into originals and translations by
/// language, with the problems of the translations.
struct Split<F> {
    originals: Vec<Document<F>>,
    /// Translations by language and original's identity.
    translations: HashMap<(Language, String), Document<F>>,
}

fn split<F>(documents: Vec<Document<F>>, config: &Config, problems: &mut Diagnostics) -> Split<F> {
    let mut originals = Vec::new();
    let mut marked_files = Vec::new();
    for d in documents {
        match marked(&d.content_path) {
            Some((original, language)) => marked_files.push((original, language, d)),
            None => originals.push(d),
        }
    }
    // A folder article's `index.en.md` wins over a sibling `name.en.md`.
    marked_files.sort_by_key(|(_, _, d)| !d.content_path.contains("/index."));
    let known: HashSet<String> = originals
        .iter()
        .map(|d| identity(&d.content_path))
        .collect();
    let listed: Vec<&str> = config.languages[1..]
        .iter()
        .map(|l| l.language.key())
        .collect();
    let mut translations: HashMap<(Language, String), Document<F>> = HashMap::new();
    for (original, language, d) in marked_files {
        if !config.languages[1..].iter().any(|l| l.language == language) {
            let (message, help) =
                messages::language_not_configured(language.key(), &listed.join(", "));
            problems.push(Diagnostic::at(&d.file, start(), message).with_help(help));
        } else if !known.contains(&original) {
            let (message, help) =
                messages::translation_without_original(&[original.as_str(), ".md"].concat());
            problems.push(Diagnostic::at(&d.file, start(), message).with_help(help));
        } else if let Some(first) = translations.get(&(language, original.clone())) {
            let (message, help) =
                messages::translation_twice(language.key(), &first.file.display().to_string());
            problems.push(Diagnostic::at(&d.file, start(), message).with_help(help));
        } else {
            translations.insert((language, original), d);
        }
    }
    Split {
        originals,
        translations,
    }
}

/// The documents of a single-language site without the translations it
/// cannot have: a file marked with a language (`x.en.md`) whose original
/// exists is reported; one without an original is an item as any other
/// (as it was before sites had languages).
fn unlisted<F>(documents: Vec<Document<F>>, problems: &mut Diagnostics) -> Vec<Document<F>> {
    let known: HashSet<String> = documents
        .iter()
        .filter(|d| marked(&d.content_path).is_none())
        .map(|d| identity(&d.content_path))
        .collect();
    documents
        .into_iter()
        .filter(|d| match marked(&d.content_path) {
            Some((original, language)) if known.contains(&original) => {
                let (message, help) = messages::language_not_configured(language.key(), "");
                problems.push(Diagnostic::at(&d.file, start(), message).with_help(help));
                false
            }
            _ => true,
        })
        .collect()
}

impl<F: Clone> Split<F> {
    /// The documents of `language`: each original's translation made whole
    /// by `merge`, or the original itself (`Show`) or nothing (`Hide`).
    fn view(
        &mut self,
        language: Language,
        fallback: Fallback,
        untranslated: &mut HashSet<PathBuf>,
        originals: &mut HashMap<PathBuf, PathBuf>,
        merge: impl Fn(&Document<F>, Document<F>) -> Document<F>,
    ) -> Vec<Document<F>> {
        let mut out = Vec::with_capacity(self.originals.len());
        for original in &self.originals {
            let key = (language, identity(&original.content_path));
            match self.translations.remove(&key) {
                Some(t) => {
                    originals.insert(t.file.clone(), original.file.clone());
                    out.push(merge(original, t));
                }
                None if fallback == Fallback::Show => {
                    untranslated.insert(original.file.clone());
                    out.push(original.clone());
                }
                None => {}
            }
        }
        out
    }
}

/// The translation as its original's item: its name (for the slug and the
/// date) and content path (for `@/` links) are the original's.
fn as_original<F>(original: &Document<F>, mut t: Document<F>) -> Document<F> {
    t.stem = original.stem.clone();
    t.content_path = original.content_path.clone();
    t.assets = original.assets.clone();
    t
}

fn merge_article(o: &Document<ArticleFront>, t: Document<ArticleFront>) -> Document<ArticleFront> {
    let mut t = as_original(o, t);
    let (f, of) = (&mut t.front, &o.front);
    f.date = of.date;
    f.updated = of.updated;
    f.municipalities = of.municipalities.clone();
    f.topics = of.topics.clone();
    f.image = of.image.clone();
    f.draft |= of.draft;
    f.place = f.place.take().or_else(|| of.place.clone());
    f.author = f.author.take().or_else(|| of.author.clone());
    f.image_alt = f.image_alt.take().or_else(|| of.image_alt.clone());
    f.slug = f.slug.take().or_else(|| of.slug.clone());
    t
}

fn merge_event(o: &Document<EventFront>, t: Document<EventFront>) -> Document<EventFront> {
    let mut t = as_original(o, t);
    let (f, of) = (&mut t.front, &o.front);
    f.start = of.start;
    f.end = of.end;
    f.municipalities = of.municipalities.clone();
    f.topics = of.topics.clone();
    f.image = of.image.clone();
    f.url = of.url.clone();
    f.draft |= of.draft;
    f.location = f.location.take().or_else(|| of.location.clone());
    f.image_alt = f.image_alt.take().or_else(|| of.image_alt.clone());
    f.slug = f.slug.take().or_else(|| of.slug.clone());
    t
}

fn merge_page(o: &Document<PageFront>, t: Document<PageFront>) -> Document<PageFront> {
    let mut t = as_original(o, t);
    let (f, of) = (&mut t.front, &o.front);
    f.menu = of.menu;
    f.template = of.template.clone();
    f.draft |= of.draft;
    f.slug = f.slug.take().or_else(|| of.slug.clone());
    t
}

/// The records of `language`: prose fields from the record's
/// `translations:` entry for it, where it has one; an offer it names that
/// the record does not have is a problem.
fn records_in(
    records: &[RecordFile],
    language: Language,
    problems: &mut Diagnostics,
) -> Vec<RecordFile> {
    records
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let translation = r.record.translations.get(&language).cloned();
            r.record.mark_untranslated(translation.as_ref());
            if let Some(t) = translation {
                for name in r.record.translate(t) {
                    let mut known: Vec<&str> =
                        r.record.offers.iter().map(|o| o.name.as_str()).collect();
                    if known.is_empty() {
                        known.push("–");
                    }
                    let at = crate::yaml::locate_value(&r.text, "translations", &name, 0);
                    let (message, help) =
                        messages::translated_offer_unknown(&name, &known.join(", "));
                    problems.push(Diagnostic::at(&r.file, at, message).with_help(help));
                }
            }
            r
        })
        .collect()
}

/// Every language's view of `content`, the default language first; and the
/// problems of translation files (an unknown original or language, two
/// translations into one language). A site without `languages:` gets one
/// view: the content as loaded.
pub(crate) fn views(config: &Config, content: Content) -> (Vec<LanguageView>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let default = config.languages[0].clone();
    check_record_languages(config, &content.municipalities, &mut problems);
    if !config.is_multilingual() {
        let mut content = content;
        content.articles = unlisted(content.articles, &mut problems);
        content.events = unlisted(content.events, &mut problems);
        content.pages = unlisted(content.pages, &mut problems);
        let view = LanguageView {
            language: default,
            content,
            untranslated: HashSet::new(),
            originals: HashMap::new(),
        };
        return (vec![view], problems);
    }
    let mut articles = split(content.articles, config, &mut problems);
    let mut events = split(content.events, config, &mut problems);
    let mut pages = split(content.pages, config, &mut problems);
    let mut views = Vec::with_capacity(config.languages.len());
    for language in &config.languages[1..] {
        let (mut untranslated, mut originals) = (HashSet::new(), HashMap::new());
        let l = language.language;
        let fallback = config.fallback;
        let view = Content {
            articles: articles.view(
                l,
                fallback,
                &mut untranslated,
                &mut originals,
                merge_article,
            ),
            events: events.view(l, fallback, &mut untranslated, &mut originals, merge_event),
            pages: pages.view(l, fallback, &mut untranslated, &mut originals, merge_page),
            municipalities: records_in(&content.municipalities, l, &mut problems),
            unparsed: content.unparsed.clone(),
        };
        views.push(LanguageView {
            language: language.clone(),
            content: view,
            untranslated,
            originals,
        });
    }
    let default_view = LanguageView {
        language: default,
        content: Content {
            articles: articles.originals,
            events: events.originals,
            pages: pages.originals,
            municipalities: content.municipalities,
            unparsed: content.unparsed,
        },
        untranslated: HashSet::new(),
        originals: HashMap::new(),
    };
    views.insert(0, default_view);
    (views, problems)
}

/// Records translated into a language the site does not list.
fn check_record_languages(config: &Config, records: &[RecordFile], problems: &mut Diagnostics) {
    let listed: Vec<&str> = config.languages[1..]
        .iter()
        .map(|l| l.language.key())
        .collect();
    for r in records {
        let languages: BTreeMap<&Language, _> = r.record.translations.iter().collect();
        for language in languages.keys() {
            if !config.languages[1..]
                .iter()
                .any(|l| l.language == **language)
            {
                let at = crate::yaml::locate_value(&r.text, "translations", language.key(), 0);
                let (message, help) =
                    messages::language_not_configured(language.key(), &listed.join(", "));
                problems.push(Diagnostic::at(&r.file, at, message).with_help(help));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_mark_translations_of_their_original() {
        assert_eq!(
            marked("news/2017-03-08-x.en.md"),
            Some(("news/2017-03-08-x".to_string(), Language::En))
        );
        assert_eq!(
            marked("news/2017-03-08-x/index.AR.md"),
            Some(("news/2017-03-08-x".to_string(), Language::Ar))
        );
        assert_eq!(marked("news/2017-03-08-x.md"), None);
        assert_eq!(marked("pages/v1.2.md"), None);
        assert_eq!(identity("news/2017-03-08-x/index.md"), "news/2017-03-08-x");
        assert_eq!(identity("pages/ueber-uns.md"), "pages/ueber-uns");
    }
}
