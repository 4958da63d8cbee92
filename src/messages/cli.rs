//! Messages of the commands themselves: summaries, consequences of a failed
//! run, the preview server's terminal lines and overlay, usage errors.

use super::{count, t, Language, Noun, Text};

/// After a failed build.
pub fn nothing_written() -> Text {
    t!(
        "nichts wurde geschrieben; die bisherige Ausgabe ist unverändert",
        "nothing was written; the previous output is unchanged"
    )
}

/// After a failed check.
pub fn site_has_problems() -> Text {
    t!(
        "korrigieren Sie sie und prüfen Sie noch einmal",
        "the site has problems"
    )
}

/// After a failed `init` or `new`.
pub fn nothing_created() -> Text {
    t!("nichts wurde angelegt", "nothing was created")
}

/// After a failed import.
pub fn nothing_imported() -> Text {
    t!("nichts wurde importiert", "nothing was imported")
}

/// The build summary line, counts in the right number.
#[allow(clippy::too_many_arguments)]
pub fn build_summary(
    language: Language,
    articles: usize,
    municipalities: usize,
    events: usize,
    pages: usize,
    html_pages: usize,
    files: usize,
    millis: u128,
) -> String {
    let c = |n, noun| count(language, n, noun);
    format!(
        "{}, {}, {}, {} → {}, {} in {millis} ms",
        c(articles, Noun::Article),
        c(municipalities, Noun::Municipality),
        c(events, Noun::Event),
        c(pages, Noun::Page),
        c(html_pages, Noun::HtmlPage),
        c(files, Noun::File),
    )
}

/// "Output: public/".
pub fn output_folder(path: &str) -> Text {
    t!("Ausgabe: {path}", "Output: {path}")
}

/// `kette check` found nothing.
pub fn check_passed(language: Language, items: usize, files: usize, links: usize) -> String {
    let (i, f, l) = (
        count(language, items, Noun::Item),
        count(language, files, Noun::File),
        count(language, links, Noun::Link),
    );
    match language.is_german() {
        true => format!("Keine Probleme: {i}, {f}, {l} geprüft."),
        false => format!("No problems: {i}, {f}, {l} checked."),
    }
}

/// `kette init` made a site.
pub fn site_created(dir: &str) -> Text {
    t!(
        "Neue Seite in {dir} angelegt. Bauen mit: kette build --root {dir}",
        "Created a new site in {dir}. Build it with: kette build --root {dir}"
    )
}

/// `kette new` made a file.
pub fn file_created(path: &str) -> Text {
    t!("Angelegt: {path}", "Created {path}")
}

/// The overlay's heading in the preview.
pub fn overlay_heading(language: Language, problems: usize) -> String {
    let n = count(language, problems, Noun::Problem);
    match language.is_german() {
        true => format!(
            "kette: Die Seite hat {n}; angezeigt wird der letzte fehlerfreie Stand. Speichern Sie eine Korrektur, dann lädt diese Seite neu."
        ),
        false => format!(
            "kette: the site has {n}; the last good version is shown. Save a fix and this page reloads."
        ),
    }
}

/// The label of the overlay's close button.
pub fn overlay_hide() -> Text {
    t!("Ausblenden", "Hide")
}

/// The preview's page while no build has succeeded: title, heading, text.
pub fn not_built_page() -> (Text, Text, Text) {
    (
        t!("kette: Die Seite hat Probleme", "kette: the site has problems"),
        t!(
            "Die Seite konnte nicht gebaut werden",
            "The site could not be built"
        ),
        t!(
            "Beheben Sie die Probleme unten und speichern Sie; diese Seite lädt dann von selbst neu.",
            "Fix the problems below and save; this page reloads by itself."
        ),
    )
}

/// The preview server's line after a failed rebuild.
pub fn serve_failed(language: Language, problems: usize, millis: u128, kept: bool) -> String {
    let n = count(language, problems, Noun::Problem);
    match (language.is_german(), kept) {
        (true, true) => format!(
            "{n} (nach {millis} ms); weiterhin wird der letzte fehlerfreie Stand gezeigt – korrigieren und speichern"
        ),
        (true, false) => format!(
            "{n} (nach {millis} ms); noch nichts zu zeigen, der Browser zeigt die Probleme – korrigieren und speichern"
        ),
        (false, true) => format!(
            "{n} (after {millis} ms); still serving the last good site — fix and save"
        ),
        (false, false) => format!(
            "{n} (after {millis} ms); nothing to serve yet; the browser shows the problems — fix and save"
        ),
    }
}

/// What a successful rebuild changed.
pub fn serve_changed(language: Language, initial: bool, fixed: bool, changed: &[String]) -> String {
    let de = language.is_german();
    let what = match changed.len() {
        _ if initial => (if de { "bereit" } else { "ready" }).to_string(),
        0 if fixed => (if de {
            "Probleme behoben, keine Ausgabe geändert"
        } else {
            "problems fixed, no output changed"
        })
        .to_string(),
        0 => (if de {
            "keine Ausgabe geändert"
        } else {
            "no output changed"
        })
        .to_string(),
        n => {
            let files = count(language, n, Noun::File);
            let verb = if de { "geändert" } else { "changed" };
            if n <= 3 {
                format!("{files} {verb} ({})", changed.join(", "))
            } else {
                format!("{files} {verb}")
            }
        }
    };
    if fixed && !changed.is_empty() {
        let fixed = if de {
            "Probleme behoben"
        } else {
            "problems fixed"
        };
        format!("{fixed}; {what}")
    } else {
        what
    }
}

/// The preview server's line after a successful rebuild.
pub fn serve_built(
    language: Language,
    files: usize,
    total: u128,
    render: u128,
    kept: usize,
    what: &str,
) -> String {
    let f = count(language, files, Noun::File);
    match language.is_german() {
        true => {
            let kept = if kept > 0 {
                format!(", {} unverändert", count(language, kept, Noun::Page))
            } else {
                String::new()
            };
            format!("{f} gebaut in {total} ms (Rendern {render} ms{kept}); {what}")
        }
        false => {
            let kept = if kept > 0 {
                format!(", {} unchanged", count(language, kept, Noun::Page))
            } else {
                String::new()
            };
            format!("built {f} in {total} ms (render {render} ms{kept}); {what}")
        }
    }
}

/// "content/news/a.md and 2 more".
pub fn and_more(language: Language, first: &str, more: usize) -> String {
    match language.is_german() {
        true => format!("{first} und {more} weitere"),
        false => format!("{first} and {more} more"),
    }
}

/// After a build whose internal links lead nowhere (terminal and overlay).
pub fn serve_links(language: Language, problems: usize) -> String {
    let n = count(language, problems, Noun::Problem);
    match language.is_german() {
        true => format!(
            "kette: {n} mit internen Links (wie `kette check` sie meldet); die Seite ist gebaut. Speichern Sie eine Korrektur, dann lädt diese Seite neu."
        ),
        false => format!(
            "kette: {n} with internal links (as `kette check` reports them); the site is built. Save a fix and this page reloads."
        ),
    }
}

/// `kette init` into a folder with files.
pub fn folder_not_empty() -> Text {
    t!(
        "der Ordner ist nicht leer; kette init schreibt nur in einen neuen oder leeren Ordner",
        "the folder is not empty; kette init only writes into a new or empty folder"
    )
}

/// A folder or file that cannot be read, made or written (`error` as the
/// system says it).
pub fn cannot(action: FileAction, error: &str) -> Text {
    match action {
        FileAction::ReadFolder => t!(
            "der Ordner kann nicht gelesen werden: {error}",
            "cannot read the folder: {error}"
        ),
        FileAction::CreateFolder => t!(
            "der Ordner kann nicht angelegt werden: {error}",
            "cannot create the folder: {error}"
        ),
        FileAction::Create => t!(
            "die Datei kann nicht angelegt werden: {error}",
            "cannot create: {error}"
        ),
        FileAction::Write => t!(
            "die Datei kann nicht geschrieben werden: {error}",
            "cannot write: {error}"
        ),
    }
}

/// What could not be done with a file, for [`cannot`].
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)]
pub enum FileAction {
    ReadFolder,
    CreateFolder,
    Create,
    Write,
}

/// `kette new` would overwrite a file.
pub fn file_exists() -> Text {
    t!(
        "die Datei gibt es schon; kette überschreibt sie nicht",
        "the file exists already; kette does not overwrite it"
    )
}

/// `kette new` outside a site.
pub fn not_a_site_here() -> Text {
    t!(
        "hier gibt es keine site.yaml: rufen Sie kette im Ordner der Website auf oder geben Sie ihn mit --root an",
        "no site.yaml here; run this inside a kette site or pass --root"
    )
}

/// `kette new` with a title that gives no file name.
pub fn no_file_name(title: &str) -> Text {
    t!(
        "aus dem Titel `{title}` lässt sich kein Dateiname machen",
        "cannot make a file name from the title `{title}`"
    )
}

/// `--time` that is no time.
pub fn not_a_time(text: &str) -> Text {
    t!(
        "`{text}` ist keine Uhrzeit: schreiben Sie HH:MM, z. B. 15:00",
        "`{text}` is not a time: write HH:MM, e.g. 15:00"
    )
}
