//! Messages about the files of a site: what is not content, links that
//! lead nowhere, slugs and paths that cannot be made, static files in the
//! way of pages.

use super::{t, Text};

/// A file or folder that cannot be read; `cause` is the system's reason.
pub fn cannot_read(cause: &str) -> Text {
    t!("kann nicht gelesen werden: {cause}", "cannot read: {cause}")
}

/// A symbolic link whose target does not exist.
pub fn link_nowhere() -> Text {
    t!(
        "der symbolische Link zeigt ins Leere; ihm wird nicht gefolgt",
        "symbolic link points nowhere; it is not followed"
    )
}

/// A symbolic link that leaves the site's folder.
pub fn link_outside() -> Text {
    t!(
        "der symbolische Link zeigt aus dem Ordner der Website hinaus; ihm wird nicht gefolgt",
        "symbolic link points outside the site; it is not followed"
    )
}

/// A symbolic link that leads back into a folder it is in.
pub fn link_loop() -> Text {
    t!(
        "der symbolische Link führt im Kreis; ihm wird nicht gefolgt",
        "symbolic link loop; it is not followed"
    )
}

/// What belongs in a content folder.
#[derive(Debug, Clone, Copy)]
pub enum ContentKind {
    /// `content/news/`.
    Article,
    /// `content/events/`.
    Event,
    /// `content/municipalities/`.
    Record,
    /// `content/pages/`.
    Page,
}

/// A file in a content folder that is not content.
pub fn not_content(section: &str, kind: ContentKind) -> Text {
    let (de, en) = match kind {
        ContentKind::Article => (
            "ein Artikel: eine .md-Datei oder eine Datei neben einer index.md in ihrem eigenen Ordner",
            "an article: a .md file, or a file beside an index.md in its own folder",
        ),
        ContentKind::Event => ("ein Termin: eine .md-Datei", "an event: a .md file"),
        ContentKind::Record => (
            "ein Eintrag: eine .yaml- oder .yml-Datei",
            "a record: a .yaml or .yml file",
        ),
        ContentKind::Page => ("eine Seite: eine .md-Datei", "a page: a .md file"),
    };
    t!(
        "kein Inhalt: jede Datei in content/{section}/ muss {de} sein",
        "not content: every file in content/{section}/ must be {en}"
    )
}

/// `content/news/index.md`, which would be an article without a date.
pub fn news_index_not_article() -> Text {
    t!(
        "content/news/index.md ist kein Artikel; eine Einleitung zu den Neuigkeiten gehört nach content/pages/ oder in die Vorlage",
        "content/news/index.md is not an article; put a news introduction in content/pages/ or the template"
    )
}

/// Help for [`not_content`].
pub fn move_or_rename() -> Text {
    t!(
        "verschieben oder benennen Sie die Datei um; Sicherungsdateien (name~, .swp, .name) werden übergangen",
        "move or rename it; backup files (name~, .swp, .name) are ignored"
    )
}

/// A `slug:` with characters a slug cannot have.
pub fn slug_characters(given: &str) -> Text {
    t!(
        "der slug `{given}` darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten",
        "slug `{given}` may only contain lowercase letters a–z, digits and single dashes"
    )
}

/// Neither file name nor title give a slug (only punctuation, say).
pub fn no_slug() -> Text {
    t!(
        "aus Dateiname und Titel lässt sich kein slug (Adressteil) machen",
        "cannot make a slug from the file name or title"
    )
}

/// Help for [`no_slug`].
pub fn add_slug() -> Text {
    t!(
        "ergänzen Sie `slug: …` in den Kopfdaten",
        "add `slug: …` to the front matter"
    )
}

/// Help when a page's address makes a path too long.
pub fn shorter_slug() -> Text {
    t!(
        "setzen Sie einen kürzeren `slug: …` (oder kürzen Sie den Namen, aus dem er entsteht)",
        "set a shorter `slug: …` (or shorten the name it is made from)"
    )
}

/// Help when a file beside an article makes a path too long.
pub fn shorter_file_name() -> Text {
    t!(
        "geben Sie der Datei (oder dem Artikel) einen kürzeren Namen",
        "give the file (or the article) a shorter name"
    )
}

/// A topic whose address makes a path too long; `why` says which part.
pub fn topic_too_long(why: &Text) -> Text {
    Text::new(
        format!("das Thema ist zu lang: {}", why.de()),
        format!("topic too long: {}", why.en()),
    )
}

/// Help for [`topic_too_long`].
pub fn shorten_topic() -> Text {
    t!(
        "kürzen Sie den Namen des Themas",
        "shorten the topic's name"
    )
}

/// A static file of the theme or site at the address of a generated page.
pub fn static_replaces_page(url: &str) -> Text {
    t!(
        "diese statische Datei würde die Seite /{url} ersetzen, die kette erzeugt",
        "this static file would replace the page /{url}, which kette generates"
    )
}

/// Help for [`static_replaces_page`].
pub fn rename_static() -> Text {
    t!(
        "benennen Sie die statische Datei um oder entfernen Sie sie",
        "rename or remove the static file"
    )
}

/// An alias or page at the address of another page.
pub fn address_taken(url: &str) -> Text {
    t!(
        "/{url} ist schon eine Seite der Website; ein Alias oder eine Seite kann sie nicht ersetzen",
        "/{url} is already a page of the site; an alias or page cannot replace it"
    )
}
