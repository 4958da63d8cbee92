//! `kette init` and `kette new`: a new site, and new content files with
//! their front matter filled in. Never overwrites anything.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::config::CONFIG_FILE;
use crate::content::dates::{iso_date, DateValue};
use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostic;
use crate::messages::{self, FileAction};
use crate::slug::slugify;

mod translation;
pub use translation::new_translation;

/// What `kette new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// A news article in `content/news/`.
    Article,
    /// An event in `content/events/`.
    Event,
    /// A municipality record in `content/municipalities/`.
    Municipality,
    /// A standalone page in `content/pages/`.
    Page,
}

/// Today in the time zone of the site at `root` (Europe/Berlin when there
/// is no readable site.yaml), honouring `SOURCE_DATE_EPOCH`.
pub fn today_for(root: &Path) -> NaiveDate {
    let zone = crate::config::Config::load(root, None)
        .map(|c| c.timezone)
        .unwrap_or(chrono_tz::Europe::Berlin);
    crate::build::build_date(zone)
}

/// Creates a new site in `dir` (which must not exist or be empty).
pub fn init(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .map_err(|e| {
                Diagnostic::file(
                    dir,
                    messages::cannot(FileAction::ReadFolder, &e.to_string()),
                )
            })?;
        if !empty {
            return Err(Diagnostic::file(dir, messages::folder_not_empty()));
        }
    }
    let date = iso_date(today);
    let year = today.year();
    let files: Vec<(String, String)> = vec![
        (
            CONFIG_FILE.into(),
            "title: \"Unser Netzwerk\"\n\
             description: \"Nachrichten und Profile der Kommunen im Netzwerk\"\n\
             base_url: \"https://example.org/\"\n\
             language: de\n\
             timezone: Europe/Berlin\n\
             theme: default\n\
             paginate: 10\n"
                .into(),
        ),
        (
            format!("{CONTENT_DIR}/news/{date}-willkommen.md"),
            format!(
                "---\ntitle: \"Willkommen\"\ndate: {date}\nmunicipalities: [musterstadt]\ntopics: [Netzwerk]\n---\n\
                 Dies ist der erste Artikel der neuen Website. Er nennt die Kommune\n\
                 [Musterstadt](@/municipalities/musterstadt.yaml).\n\n\
                 <!-- more -->\n\n## Wie es weitergeht\n\nNeue Artikel legt `kette new article \"Titel\"` an.\n"
            ),
        ),
        (
            format!("{CONTENT_DIR}/events/{date}-netzwerktreffen.md"),
            format!(
                "---\ntitle: \"Netzwerktreffen\"\nstart: {date}T10:00\nend: {date}T13:00\nlocation: \"Rathaus Musterstadt\"\nmunicipalities: [musterstadt]\n---\n\
                 Ein erstes Treffen aller Beteiligten.\n"
            ),
        ),
        (
            format!("{CONTENT_DIR}/municipalities/musterstadt.yaml"),
            format!(
                "name: Musterstadt\nkind: Stadt\njoined: {year}\nfocus: [Netzwerk]\ndescription: |\n  \
                 Musterstadt ist eine Beispielkommune. Ersetzen Sie diesen Text.\n\
                 offers:\n  - name: \"Familienbüro\"\n    stages: [schwangerschaft, \"0-3\"]\n    topics: [Frühe Hilfen]\n"
            ),
        ),
        (
            format!("{CONTENT_DIR}/pages/impressum.md"),
            "---\ntitle: \"Impressum\"\nmenu: 1\n---\nAngaben gemäß § 5 DDG: bitte ergänzen.\n".into(),
        ),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(&path);
        write_new(&target, &text)?;
        written.push(target);
    }
    Ok(written)
}

/// `--date` of `kette new` (also a German date, which gets its ISO form
/// as a hint): the day, or the problem.
pub fn date_argument(text: &str) -> Result<NaiveDate, Diagnostic> {
    match DateValue::parse(text) {
        Ok(DateValue::Date(day)) => Ok(day),
        Ok(_) => Err(Diagnostic::file("--date", messages::not_a_date(text))),
        Err(message) => Err(Diagnostic::file("--date", message)),
    }
}

/// `--time` of `kette new event`: `HH:MM`.
pub fn time_argument(text: &str) -> Result<NaiveTime, Diagnostic> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| Diagnostic::file("--time", messages::not_a_time(text)))
}

/// A new article, event or page titled `title` (`kette new`), for the day
/// `date` (the file name's date, an article's `date`, an event's `start`)
/// and, for an event, its start `time`
/// (10:00 when not given; the end, commented out, two hours later).
pub fn new_item_at(
    root: &Path,
    kind: NewKind,
    title: &str,
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> Result<PathBuf, Diagnostic> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Diagnostic::file(
            root.join(CONFIG_FILE),
            messages::not_a_site_here(),
        ));
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Diagnostic::file(root, messages::no_file_name(title)));
    }
    let today = date;
    let quoted = yaml_quote(title);
    let date = iso_date(today);
    let start = time.unwrap_or(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default());
    let end = start + chrono::Duration::hours(2);
    let (start, end) = (start.format("%H:%M"), end.format("%H:%M"));
    let (path, text) = match kind {
        NewKind::Article => (
            format!("news/{date}-{slug}.md"),
            format!(
                "---\ntitle: {quoted}\ndate: {date}\n# place: Ort\nmunicipalities: []\ntopics: []\n# summary: \"Ein Satz für Listen und Suchmaschinen\"\ndraft: true\n---\n\
                 Erster Absatz: das Wichtigste in zwei, drei Sätzen.\n\n<!-- more -->\n\nWeiterer Text.\n"
            ),
        ),
        NewKind::Event => (
            format!("events/{date}-{slug}.md"),
            format!(
                "---\ntitle: {quoted}\nstart: {date}T{start}\n# end: {date}T{end}\n# location: \"Ort\"\nmunicipalities: []\ntopics: []\ndraft: true\n---\n\
                 Worum es geht, für wen, und wie man teilnimmt.\n"
            ),
        ),
        NewKind::Municipality => (
            format!("municipalities/{slug}.yaml"),
            format!(
                "name: {quoted}\nkind: Stadt\n# parent: kreis-slug\njoined: {}\n# cohort: \"{}\"\nfocus: []\npartners: []\n# website: https://www.example.org/\n# location: {{ lat: 51.5, lon: 7.5 }}\ndescription: |\n  Beschreibung der Kommune.\noffers: []\n",
                today.year(),
                today.year()
            ),
        ),
        NewKind::Page => (
            format!("pages/{slug}.md"),
            format!("---\ntitle: {quoted}\n# menu: 1\n---\nText der Seite.\n"),
        ),
    };
    let target = root.join(CONTENT_DIR).join(path);
    write_new(&target, &text)?;
    Ok(target)
}

fn yaml_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::file(
                parent,
                messages::cannot(FileAction::CreateFolder, &e.to_string()),
            )
        })?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::file(path, messages::file_exists())
            } else {
                Diagnostic::file(path, messages::cannot(FileAction::Create, &e.to_string()))
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Diagnostic::file(path, messages::cannot(FileAction::Write, &e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            yaml_quote("Ein \"Titel\": mit Doppelpunkt"),
            "\"Ein \\\"Titel\\\": mit Doppelpunkt\""
        );
    }
}
