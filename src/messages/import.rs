//! Messages of `kette import wordpress`: its report (what was brought, what
//! was not, what needs a look by hand) and why an export cannot be read.

use super::{t, Language, Text};

/// Why the URL policy refuses a URL (its refusals, as the import reports
/// them).
#[derive(Debug, Clone, Copy)]
pub enum UrlRefused<'a> {
    /// A scheme outside the policy, lower-cased.
    Scheme(&'a str),
    /// `mailto:` without an address.
    MailAddress,
    /// `tel:` without a number.
    PhoneNumber,
    /// Control characters, or empty.
    Malformed,
}

/// The first line of the import's report. `imported` holds the kinds as
/// the report counts them (`posts`, `pages`, `events`) with their numbers.
pub fn imported_line(
    language: Language,
    imported: &[(&str, usize)],
    drafts: usize,
    already: usize,
    files: usize,
) -> String {
    let de = language.is_german();
    let what: Vec<String> = imported
        .iter()
        .map(|(kind, n)| {
            let (one, many) = match (de, *kind) {
                (true, "posts") => ("Beitrag", "Beiträge"),
                (true, "pages") => ("Seite", "Seiten"),
                (true, "events") => ("Termin", "Termine"),
                (false, "posts") => ("post", "posts"),
                (false, "pages") => ("page", "pages"),
                (false, "events") => ("event", "events"),
                (_, other) => (other, other),
            };
            format!("{n} {}", if *n == 1 { one } else { many })
        })
        .collect();
    let what = match (what.is_empty(), de) {
        (true, true) => "nichts".to_string(),
        (true, false) => "nothing".to_string(),
        (false, _) => what.join(", "),
    };
    let file_word = |n: usize| match (de, n) {
        (true, 1) => "Datei",
        (true, _) => "Dateien",
        (false, 1) => "file",
        (false, _) => "files",
    };
    let files = format!("{files} {}", file_word(files));
    match de {
        true => format!(
            "Importiert: {what} (davon {drafts} als Entwurf); {already} schon früher importiert; {files} geschrieben."
        ),
        false => format!(
            "Imported: {what} ({drafts} of them drafts); {already} already imported before; {files} written."
        ),
    }
}

/// The headings of the report's lists: not imported, skipped, by hand.
pub fn report_heading(language: Language, list: ReportList, n: usize) -> String {
    match (language.is_german(), list) {
        (true, ReportList::NotImported) => "Nicht importiert:".to_string(),
        (true, ReportList::Skipped) => format!("Übersprungen ({n}):"),
        (true, ReportList::ByHand) => format!("Bitte von Hand prüfen ({n}):"),
        (false, ReportList::NotImported) => "Not imported:".to_string(),
        (false, ReportList::Skipped) => format!("Skipped ({n}):"),
        (false, ReportList::ByHand) => format!("Needs a look by hand ({n}):"),
    }
}

/// The lists of the import's report, for [`report_heading`].
#[derive(Debug, Clone, Copy)]
pub enum ReportList {
    /// Kinds of items read but not imported.
    NotImported,
    /// Items left out, with the reason.
    Skipped,
    /// What needs a look by hand.
    ByHand,
}

/// What of the export is not imported, by kind.
#[derive(Debug, Clone, Copy)]
pub enum NotImported<'a> {
    /// Attachments (their files come with the items that use them).
    Attachments,
    /// Menu entries.
    MenuEntries,
    /// Venues of The Events Calendar.
    Venues,
    /// Comments.
    Comments,
    /// Another post type.
    Other(&'a str),
}

/// One line of "not imported" (after its count).
pub fn not_imported(what: NotImported<'_>) -> Text {
    match what {
        NotImported::Attachments => t!(
            "Anhänge (ihre Dateien kommen mit den Einträgen, die sie verwenden)",
            "attachments (their files come with the items that use them)"
        ),
        NotImported::MenuEntries => t!(
            "Menüeinträge (setzen Sie stattdessen `menu:` in den Seiten)",
            "menu entries (set `menu:` in pages instead)"
        ),
        NotImported::Venues => t!(
            "Veranstaltungsorte (stehen im `location` ihrer Termine)",
            "venues (written into their events' `location`)"
        ),
        NotImported::Comments => t!(
            "Kommentare (kette-Websites haben keine)",
            "comments (kette sites have none)"
        ),
        NotImported::Other(kind) => t!("Einträge vom Typ `{kind}`", "items of type `{kind}`"),
    }
}

/// Why an item of the export is skipped.
#[derive(Debug, Clone, Copy)]
pub enum SkipReason<'a> {
    /// Protected by a password.
    Password,
    /// Private.
    Private,
    /// In the trash.
    Trash,
    /// An automatic draft.
    AutoDraft,
    /// Another status.
    Status(&'a str),
}

/// The reason an item is skipped.
pub fn skip_reason(why: SkipReason<'_>) -> Text {
    match why {
        SkipReason::Password => t!("durch ein Passwort geschützt", "protected by a password"),
        SkipReason::Private => t!("privat", "private"),
        SkipReason::Trash => t!("im Papierkorb", "in the trash"),
        SkipReason::AutoDraft => t!(
            "ein automatischer Entwurf, den WordPress nie gezeigt hat",
            "an automatic draft WordPress never showed"
        ),
        SkipReason::Status(status) => t!("Status `{status}`", "status `{status}`"),
    }
}

/// One skipped item: where it is in the export, what it is, why.
pub fn skipped(at: &str, kind: &str, id: u64, title: &str, why: &Text) -> Text {
    t!(
        "{at}: {kind} {id} „{title}“: ",
        "{at}: {kind} {id} “{title}”: "
    )
    .then("", why)
}

/// `--uploads` that is not a folder.
pub fn uploads_not_a_folder() -> Text {
    t!(
        "--uploads muss einen Ordner nennen: eine Kopie des Ordners wp-content/uploads der WordPress-Website",
        "--uploads must name a folder: a copy of the WordPress site's wp-content/uploads"
    )
}

/// A file the import would write exists already.
pub fn import_file_exists() -> (Text, Text) {
    (
        t!(
            "der Import würde diese Datei schreiben, doch es gibt sie schon",
            "the import would write this file, but it exists already"
        ),
        t!(
            "kette import überschreibt nie eine Datei; verschieben Sie sie oder lassen Sie diesen Eintrag weg",
            "kette import never overwrites a file; move it away, or leave this item out"
        ),
    )
}

/// Writing failed half-way; what was written is gone again.
pub fn import_cannot_write(error: &str) -> Text {
    t!(
        "die Datei kann nicht geschrieben werden: {error}; die bis dahin geschriebenen Dateien wurden wieder entfernt",
        "cannot write: {error}; the files written so far were removed again"
    )
}

/// Why an export cannot be read.
#[derive(Debug, Clone, Copy)]
pub enum ExportProblem<'a> {
    /// The file cannot be opened (the system's error).
    CannotRead(&'a str),
    /// Not well-formed XML (the parser's error).
    NotXml(&'a str),
    /// A category's attribute (the parser's error).
    CategoryAttribute(&'a str),
    /// Nested more than this deep.
    TooDeep(usize),
    /// More items than this.
    TooManyItems(usize),
    /// Not UTF-8 (the decoder's error).
    NotUtf8(&'a str),
    /// An entity other than XML's own.
    UnknownEntity(&'a str),
    /// A character reference (the parser's error).
    CharacterReference(&'a str),
    /// No `<rss>` with `<wp:wxr_version>`.
    NotAnExport,
    /// A `<!DOCTYPE>`, whose entity declarations kette does not read.
    DocType,
    /// An element's text longer than this many KiB.
    TooLong(&'a str, usize),
}

/// An export that cannot be read.
pub fn export_problem(problem: ExportProblem<'_>) -> Text {
    match problem {
        ExportProblem::CannotRead(e) => t!(
            "der Export kann nicht gelesen werden: {e}",
            "cannot read the export: {e}"
        ),
        ExportProblem::NotXml(e) => t!(
            "der Export ist kein wohlgeformtes XML: {e}",
            "the export is not well-formed XML: {e}"
        ),
        ExportProblem::CategoryAttribute(e) => t!(
            "ein Attribut einer Kategorie kann nicht gelesen werden: {e}",
            "a category's attribute cannot be read: {e}"
        ),
        ExportProblem::TooDeep(max) => t!(
            "Elemente sind tiefer als {max} Ebenen verschachtelt; diesen Export kann kette nicht lesen",
            "elements are nested more than {max} deep; this is not an export kette can read"
        ),
        ExportProblem::TooManyItems(max) => t!(
            "der Export hat mehr als {max} Einträge",
            "the export has more than {max} items"
        ),
        ExportProblem::NotUtf8(e) => t!(
            "der Export ist kein gültiger UTF-8-Text: {e}",
            "the export is not valid UTF-8 text: {e}"
        ),
        ExportProblem::UnknownEntity(name) => t!(
            "unbekannte Entität `&{name}`; gelesen werden nur &amp; &lt; &gt; &quot; &apos; und Zeichenreferenzen",
            "unknown entity `&{name}`; only &amp; &lt; &gt; &quot; &apos; and character references are read"
        ),
        ExportProblem::CharacterReference(e) => t!(
            "eine Zeichenreferenz kann nicht gelesen werden: {e}",
            "a character reference cannot be read: {e}"
        ),
        ExportProblem::NotAnExport => t!(
            "das ist kein WordPress-Export: es fehlt <rss> mit <wp:wxr_version> (erstellen Sie ihn in WordPress unter Werkzeuge → Daten exportieren)",
            "not a WordPress export: no <rss> with <wp:wxr_version> (make one under Tools → Export in WordPress)"
        ),
        ExportProblem::DocType => t!(
            "der Export enthält eine DOCTYPE-Deklaration; WordPress schreibt keine, und kette liest keine Entitäten-Deklarationen",
            "the export declares a DOCTYPE; WordPress never writes one, and kette does not read entity declarations"
        ),
        ExportProblem::TooLong(name, kib) => t!(
            "<{name}> ist länger als {kib} KiB; diesen Export kann kette nicht lesen",
            "<{name}> is longer than {kib} KiB; this is not an export kette can read"
        ),
    }
}

/// Why a URL (of content or of an export) is refused by the URL policy.
pub fn url_refusal(why: UrlRefused<'_>) -> Text {
    match why {
        UrlRefused::Scheme(s) => t!(
            "Links mit `{s}:` sind nicht erlaubt",
            "`{s}:` links are not allowed"
        ),
        UrlRefused::MailAddress => t!(
            "`mailto:` braucht eine E-Mail-Adresse",
            "`mailto:` needs an e-mail address"
        ),
        UrlRefused::PhoneNumber => t!(
            "`tel:` braucht eine Telefonnummer",
            "`tel:` needs a phone number"
        ),
        UrlRefused::Malformed => t!("keine brauchbare Adresse", "not a usable URL"),
    }
}

/// Why an old address cannot be kept as an alias.
pub fn alias_impossible(link: &str, query: bool) -> Text {
    match query {
        false => t!(
            "`{link}` ist keine Adresse der WordPress-Website",
            "`{link}` is not an address of the WordPress site"
        ),
        true => t!(
            "`{link}` hat einen Query-String (?…), den ein statischer Server nicht umleiten kann",
            "`{link}` has a query string, which a static host cannot redirect"
        ),
    }
}

/// An old address that is no plain path; `why` is the English reason the
/// URL rules give.
pub fn alias_not_a_path(alias: &str, why: &str) -> Text {
    t!(
        "`{alias}` taugt nicht als Alias: ein Alias ist ein einfacher Pfad wie /2017/03/start/, ohne leere, `.`- oder `..`-Abschnitte",
        "{why}"
    )
}

/// Something in an imported item that needs a look by hand.
#[derive(Debug, Clone)]
pub enum ByHand<'a> {
    /// An unknown shortcode removed: its name, how often, whether the
    /// text it enclosed was kept, its first use.
    Shortcode(&'a str, usize, bool, &'a str),
    /// An element Markdown has no place for (`<script>`, …), removed.
    TagRemoved(&'a str),
    /// An embedded frame (`<iframe>`, …) made a link.
    FrameLinked(&'a str),
    /// A table with merged cells.
    MergedCells,
    /// A link refused by the URL policy; its text kept.
    LinkRemoved(&'a str, Text),
    /// An image without alt text.
    ImageWithoutAlt(&'a str),
    /// An image refused by the URL policy.
    ImageRemoved(&'a str, Text),
    /// An embedded object refused by the URL policy.
    EmbedRemoved(&'a str, Text),
    /// Inline HTML without Markdown form while `raw_html` is off.
    InlineHtml(&'a str),
    /// An image that is not an upload, left at the old site (its URL
    /// there).
    ImageNotUpload(&'a str, &'a str),
    /// A link to a draft.
    LinkToDraft(&'a str),
    /// A link to the old site, to nothing the import brings.
    LinkToOldSite(&'a str),
    /// No title.
    NoTitle,
    /// The old address is another item's.
    AliasTaken(&'a str),
    /// The old address cannot be an alias.
    AliasNotKept(Text),
    /// An event that ends (first) before it starts (second).
    EndBeforeStart(&'a str, &'a str),
    /// A page's featured image.
    PageImage,
    /// An upload kette cannot process.
    UnsupportedImage(&'a str),
    /// An upload left at the old site: no `--uploads`.
    NoUploads(&'a str),
    /// An upload not found in the uploads folder.
    NotInUploads(&'a str),
    /// An upload whose place in static/ is taken (the path).
    StaticTaken(&'a str, &'a str),
}

/// One note of "needs a look by hand". Long because it is a table: one
/// arm of both languages per kind of note, read one at a time.
pub fn by_hand(note: ByHand<'_>) -> Text {
    match note {
        ByHand::Shortcode(name, times, kept, first) => {
            let (times_de, times_en) = match times {
                1 => (String::new(), String::new()),
                n => (format!(" ({n}-mal)"), format!(" ({n} times)")),
            };
            let (kept_de, kept_en) = match kept {
                true => (", der umschlossene Text bleibt", ", the text it enclosed kept"),
                false => ("", ""),
            };
            t!(
                "unbekannter Shortcode [{name}] entfernt{times_de}{kept_de}: bauen Sie von Hand nach, was `{first}` getan hat",
                "unknown shortcode [{name}] removed{times_en}{kept_en}: redo by hand what `{first}` did"
            )
        }
        ByHand::TagRemoved(tag) => t!(
            "<{tag}>: entfernt, Markdown hat keinen Platz dafür",
            "<{tag}>: removed: Markdown has no place for it"
        ),
        ByHand::FrameLinked(tag) => t!(
            "<{tag}>: ein eingebetteter Rahmen wurde zu einem einfachen Link",
            "<{tag}>: an embedded frame became a plain link"
        ),
        ByHand::MergedCells => t!(
            "eine Tabelle mit verbundenen Zellen wurde eine einfache Markdown-Tabelle: prüfen Sie sie",
            "a table with merged cells became a simple Markdown table: check it"
        ),
        ByHand::LinkRemoved(href, why) => {
            let (de, en) = (why.de(), why.en());
            t!(
                "Link `{href}` entfernt ({de}); sein Text bleibt",
                "link `{href}` removed ({en}); its text is kept"
            )
        }
        ByHand::ImageWithoutAlt(src) => t!(
            "Bild `{src}` hat keine Beschreibung (Alternativtext)",
            "image `{src}` has no description (alt text)"
        ),
        ByHand::ImageRemoved(src, why) => {
            let (de, en) = (why.de(), why.en());
            t!(
                "Bild `{src}` entfernt ({de})",
                "image `{src}` removed ({en})"
            )
        }
        ByHand::EmbedRemoved(src, why) => {
            let (de, en) = (why.de(), why.en());
            t!(
                "eingebettetes `{src}` entfernt ({de})",
                "embedded `{src}` removed ({en})"
            )
        }
        ByHand::InlineHtml(tag) => t!(
            "<{tag}> hat keine Markdown-Form, und `raw_html` ist aus: nur sein Text bleibt",
            "<{tag}> has no Markdown form and `raw_html` is off: only its text is kept"
        ),
        ByHand::ImageNotUpload(url, absolute) => t!(
            "Bild `{url}` ist kein Upload; es bleibt auf der alten Website als {absolute}",
            "image `{url}` is not an upload; it stays at the old site as {absolute}"
        ),
        ByHand::LinkToDraft(url) => t!(
            "Link `{url}` führt zu einem Entwurf; er bleibt bei seiner alten Adresse",
            "link `{url}` goes to a draft; it stays at its old address"
        ),
        ByHand::LinkToOldSite(url) => t!(
            "Link `{url}` führt zur alten Website, zu nichts, was dieser Import bringt",
            "link `{url}` goes to the old site, to nothing this import brings"
        ),
        ByHand::NoTitle => t!(
            "der Eintrag hat keinen Titel; einer wurde erfunden",
            "the item has no title; one was made up"
        ),
        ByHand::AliasTaken(alias) => t!(
            "die alte Adresse {alias} gehört schon einem anderen Eintrag; sie wird nicht umgeleitet",
            "the old address {alias} is taken by another item; it is not redirected"
        ),
        ByHand::AliasNotKept(why) => {
            let (de, en) = (why.de(), why.en());
            t!(
                "die alte Adresse bleibt nicht als Alias: {de}; siehe die Umleitungstabelle",
                "old address not kept as an alias: {en}; see the redirect map"
            )
        }
        ByHand::EndBeforeStart(end, start) => t!(
            "der Termin endet ({end}), bevor er beginnt ({start}); das Ende wurde weggelassen",
            "the event ends ({end}) before it starts ({start}); the end was left out"
        ),
        ByHand::PageImage => t!(
            "das Beitragsbild der Seite wurde weggelassen: Seiten haben kein Titelbild",
            "the page's featured image was left out: pages have no lead image"
        ),
        ByHand::UnsupportedImage(url) => t!(
            "`{url}` hat ein Format, das kette nicht verarbeiten kann; es bleibt bei seiner alten Adresse (speichern Sie es als JPEG oder PNG)",
            "`{url}` is in a format kette cannot process; it stays at its old address (save it as JPEG or PNG)"
        ),
        ByHand::NoUploads(url) => t!(
            "`{url}` bleibt bei seiner alten Adresse (importieren Sie mit --uploads, um die Datei mitzunehmen)",
            "`{url}` stays at its old address (import with --uploads to bring the file)"
        ),
        ByHand::NotInUploads(url) => t!(
            "`{url}` liegt nicht im Ordner der Uploads; es bleibt bei seiner alten Adresse",
            "`{url}` is not in the uploads folder; it stays at its old address"
        ),
        ByHand::StaticTaken(path, url) => t!(
            "{path} gibt es schon mit anderem Inhalt; `{url}` bleibt bei seiner alten Adresse",
            "{path} exists with other contents; `{url}` stays at its old address"
        ),
    }
}
