//! Messages about how the items of a site fit together: images, links,
//! URLs, drafts.

use super::{t, Text};

/// `image:` or a Markdown image that cannot be processed: `why` is one of
/// the image messages below.
pub fn image_unusable(written: &str, why: &Text) -> Text {
    t!(
        "das Bild `{written}` kann nicht verwendet werden:",
        "image `{written}` cannot be used:"
    )
    .then(" ", why)
}

/// A photo in a format kette cannot process (TIFF, BMP, HEIC …), by its
/// extension.
pub fn image_format_unsupported(extension: &str) -> Text {
    t!(
        "kette kann keine {extension}-Bilder verarbeiten; speichern Sie es als JPEG (Fotos) oder PNG (Grafiken)",
        "kette cannot process {extension} images; save it as JPEG (photos) or PNG (graphics)"
    )
}

/// An image file that cannot be read; `cause` is the system's reason.
pub fn image_file_unreadable(path: &str, cause: &str) -> Text {
    t!(
        "{path} kann nicht gelesen werden: {cause}",
        "cannot read {path}: {cause}"
    )
}

/// A file named like a photo whose header is not one: `why` is one of the
/// reasons below, or the decoder's own words (untranslated).
pub fn image_not_an_image(path: &str, why: &Text) -> Text {
    t!(
        "{path} lässt sich nicht als Bild lesen:",
        "{path} cannot be read as an image:"
    )
    .then(" ", why)
}

/// A file whose first bytes are no image at all.
pub fn image_not_a_photo() -> Text {
    t!(
        "dies ist kein JPEG-, PNG- oder WebP-Bild (seine ersten Bytes sagen etwas anderes)",
        "this is not a JPEG, PNG or WebP image (its first bytes say otherwise)"
    )
}

/// An image in a format other than JPEG, PNG and WebP (by its contents).
pub fn image_other_format(format: &str) -> Text {
    t!(
        "dies ist eine {format}-Datei; kette verarbeitet JPEG, PNG und WebP",
        "this is a {format} file; kette processes JPEG, PNG and WebP"
    )
}

/// An image without pixels.
pub fn image_no_pixels() -> Text {
    t!("das Bild hat keine Pixel", "the image has no pixels")
}

/// An image beyond the limits, by its size.
pub fn image_too_large(width: u32, height: u32, max_side: u32, megapixels: u64) -> Text {
    t!(
        "es ist {width} × {height} Pixel groß, zu groß zum Verarbeiten (höchstens {max_side} Pixel je Seite und {megapixels} Megapixel)",
        "it is {width} × {height} pixels, too large to process (at most {max_side} pixels a side and {megapixels} megapixels)"
    )
}

/// An image the decoder refused for its limits.
pub fn image_over_limits(max_side: u32, megapixels: u64) -> Text {
    t!(
        "es ist zu groß zum Verarbeiten (höchstens {max_side} Pixel je Seite und {megapixels} Megapixel)",
        "it is too large to process (at most {max_side} pixels a side and {megapixels} megapixels)"
    )
}

/// Resizing failed; `cause` is the resizer's reason.
pub fn image_cannot_resize(cause: &str) -> Text {
    t!(
        "die Größe lässt sich nicht ändern: {cause}",
        "cannot resize: {cause}"
    )
}

/// Encoding failed; `cause` is the encoder's reason.
pub fn image_cannot_encode(cause: &str) -> Text {
    t!(
        "kann nicht gespeichert werden: {cause}",
        "cannot encode: {cause}"
    )
}

/// A photo whose sizes could not be made: `why` is
/// [`image_file_unreadable`], one of the reasons above, or the decoder's
/// own words (untranslated).
pub fn image_cannot_process(path: &str, why: &Text) -> Text {
    t!(
        "das Bild {path} kann nicht verarbeitet werden:",
        "image {path} cannot be processed:"
    )
    .then(" ", why)
}

/// `/bilder/x.jpg` with no such file in static/.
pub fn image_not_in_static(written: &str, site_path: &str) -> (Text, Text) {
    (
        t!(
            "das Bild `{written}` gibt es nicht: static/{site_path} fehlt",
            "image `{written}` not found: there is no static/{site_path}"
        ),
        t!(
            "ein Pfad mit `/` am Anfang meint eine Datei im Ordner static/",
            "a path starting with `/` names a file in static/"
        ),
    )
}

/// A lead image of an article kept in a folder, with no such file in it.
pub fn image_not_in_folder(written: &str, folder: &str) -> (Text, Text) {
    (
        t!(
            "das Bild `{written}` liegt nicht im Ordner {folder} dieses Artikels",
            "image `{written}` is not a file in this article's folder {folder}"
        ),
        t!(
            "legen Sie das Bild in den Ordner {folder} neben index.md, oder schreiben Sie den Dateinamen genau so wie dort (auch Groß- und Kleinschreibung)",
            "put the image into {folder} beside index.md, or write its file name exactly as it is there, capitals included"
        ),
    )
}

/// A lead image of an article that is a single file (no folder).
pub fn image_article_without_folder(written: &str) -> (Text, Text) {
    (
        t!(
            "das Bild `{written}` liegt nicht neben diesem Artikel: der Artikel ist eine einzelne Datei, kein Ordner",
            "image `{written}` is not a file beside this article"
        ),
        t!(
            "legen Sie einen Ordner mit index.md an und das Bild daneben, oder legen Sie das Bild in static/ und schreiben Sie `image: /{written}`",
            "put the article in a folder with index.md and the image beside it, or put the image in static/ and write `image: /{written}`"
        ),
    )
}

/// A relative lead image of an event.
pub fn image_event_without_folder(written: &str) -> (Text, Text) {
    (
        t!(
            "das Bild `{written}` gibt es nicht: Termine haben keinen Ordner für Bilder",
            "image `{written}` not found: events have no folder for images"
        ),
        t!(
            "legen Sie es in static/ und schreiben Sie `image: /{written}`",
            "put it in static/ and write `image: /{written}`"
        ),
    )
}

/// A Markdown image whose file is published nowhere.
pub fn image_not_published(written: &str, site_path: &str) -> (Text, Text) {
    (
        t!(
            "das Bild `{written}` gibt es nicht: unter /{site_path} veröffentlicht die Seite keine Datei",
            "image `{written}` not found: no file of the site is published at /{site_path}"
        ),
        t!(
            "Bilder eines Artikels gehören in seinen Ordner neben index.md, Bilder für mehrere Seiten in static/",
            "put images of an article beside its index.md in the article's folder, images used anywhere in static/"
        ),
    )
}

/// A Markdown image without alt text.
pub fn image_without_alt(written: &str) -> (Text, Text) {
    (
        t!(
            "das Bild `{written}` hat keinen Alternativtext",
            "image `{written}` has no alt text"
        ),
        t!(
            "beschreiben Sie in den eckigen Klammern, was es zeigt, für Menschen, die es nicht sehen: `![Kinder beim Sommerfest](foto.jpg)`",
            "say what it shows in the brackets, `![Kinder beim Sommerfest](foto.jpg)`, for people who cannot see it"
        ),
    )
}

/// A link or image whose URL the URL policy refuses.
pub fn url_not_published(image: bool, url: &str, why: &Text, allowed: &Text) -> (Text, Text) {
    let (why_de, why_en) = (why.de(), why.en());
    let message = if image {
        t!(
            "das Bild `{url}` wird nicht veröffentlicht: {why_de}",
            "image `{url}` is not published: {why_en}"
        )
    } else {
        t!(
            "der Link auf `{url}` wird nicht veröffentlicht: {why_de}",
            "link to `{url}` is not published: {why_en}"
        )
    };
    let (allowed_de, allowed_en) = (allowed.de(), allowed.en());
    (
        message,
        t!(
            "erlaubt sind für Links und Bilder: {allowed_de}",
            "links and images may be {allowed_en}"
        ),
    )
}

/// An `@/` link to a draft.
pub fn link_to_draft(target: &str) -> (Text, Text) {
    (
        t!(
            "der Link auf `{target}` führt zu einem Entwurf, der nicht veröffentlicht wird",
            "link to `{target}`, which is a draft and not built"
        ),
        t!(
            "entfernen Sie dort `draft: true`, um die Seite zu veröffentlichen, oder bauen Sie mit --drafts",
            "publish it by removing `draft: true`, or build with --drafts"
        ),
    )
}

/// An `@/` link to a file that does not exist.
pub fn link_to_missing_file(target: &str) -> Text {
    t!(
        "der Link auf `{target}` führt ins Leere: diese Datei gibt es in content/ nicht",
        "link to `{target}`, but there is no such file in content/"
    )
}

/// A plain link to a page the site does not have.
pub fn link_not_in_site(target: &str) -> Text {
    t!(
        "der Link auf `{target}` führt zu keiner Seite dieser Website",
        "link to `{target}`, which is not part of the site"
    )
}

/// Two items with one URL.
pub fn url_taken(url: &str, other: &str) -> (Text, Text) {
    (
        t!(
            "die Adresse /{url} hat auch {other}",
            "the URL /{url} is also the URL of {other}"
        ),
        t!(
            "geben Sie einer der beiden Dateien einen anderen `slug`",
            "give one of them a different `slug`"
        ),
    )
}

/// An item whose URL is one of kette's own pages.
pub fn url_generated(url: &str, what_en: &str) -> (Text, Text) {
    let what_de = match what_en {
        "the home page" => "die Startseite",
        "the news list" => "die Nachrichtenliste",
        "the events list" => "die Terminliste",
        "the municipality list" => "die Liste der Kommunen",
        "the topic list" => "die Themenliste",
        "the archive" => "das Archiv",
        "the calendar" => "der Kalender",
        "the search page" => "die Suchseite",
        "the offer directory" => "das Angebotsverzeichnis",
        "the prevention chain overview" => "die Übersicht der Präventionskette",
        other => other,
    };
    (
        t!(
            "die Adresse /{url} ist {what_de}, die kette selbst erzeugt",
            "the URL /{url} is {what_en}, which kette generates"
        ),
        t!("wählen Sie einen anderen `slug`", "choose another `slug`"),
    )
}

/// A request in the preview for the page of a draft.
pub fn draft_page(file: &str) -> (Text, Text) {
    (
        t!(
            "Diese Seite ist ein Entwurf ({file}): entfernen Sie `draft: true`, um sie zu veröffentlichen",
            "This page is a draft ({file}): remove `draft: true` to publish it"
        ),
        t!(
            "Oder starten Sie die Vorschau mit `kette serve --drafts`, um Entwürfe zu sehen.",
            "Or start the preview with `kette serve --drafts` to see drafts."
        ),
    )
}

/// An `<img>` without `alt` attribute on a rendered page.
pub fn img_without_alt_attribute(src: &str) -> (Text, Text) {
    (
        t!(
            "das Bild `{src}` hat kein alt-Attribut",
            "image `{src}` has no alt attribute"
        ),
        t!(
            "beschreiben Sie das Bild in alt=\"…\" (alt=\"\" nur für reine Dekoration)",
            "describe the image in alt=\"…\" (alt=\"\" only for decoration)"
        ),
    )
}

/// Where a problem of a rendered page comes from when no source line has it.
pub fn from_template(page: &str, image: bool) -> Text {
    if image {
        t!(
            "auf /{page}; es kommt aus einer Vorlage",
            "on /{page}; it comes from a template"
        )
    } else {
        t!(
            "auf /{page}; der Link kommt aus einer Vorlage",
            "on /{page}; the link comes from a template"
        )
    }
}

/// An offer of a municipality record without `stages:`.
pub fn offer_without_stage(offer: &str, ids: &str) -> (Text, Text) {
    (
        t!(
            "das Angebot `{offer}` nennt keine Stufe der Präventionskette",
            "offer `{offer}` names no stage"
        ),
        t!(
            "ergänzen Sie `stages: [...]` mit Stufen aus: {ids}",
            "add `stages: [...]` with ids from: {ids}"
        ),
    )
}

/// A stage id in an offer that site.yaml does not define.
pub fn unknown_stage(stage: &str, offer: &str, ids: &str) -> (Text, Text) {
    (
        t!(
            "die Stufe `{stage}` im Angebot `{offer}` gibt es nicht",
            "unknown stage `{stage}` in offer `{offer}`"
        ),
        t!("die Stufen sind: {ids}", "stages are: {ids}"),
    )
}

/// A stage written by its label (`0 bis 3 Jahre`) instead of its id.
pub fn stage_label_not_id(label: &str, id: &str) -> Text {
    t!(
        "„{label}“ ist der Name einer Stufe; schreiben Sie ihre Kennung `{id}`",
        "`{label}` is the name of a stage; write its id `{id}`"
    )
}

/// `municipality:` or `municipalities:` naming no record.
pub fn unknown_municipality(slug: &str, known: &str) -> (Text, Text) {
    (
        t!(
            "die Kommune `{slug}` gibt es nicht",
            "unknown municipality `{slug}`"
        ),
        t!(
            "bekannte Kommunen (Dateinamen in content/municipalities/ ohne .yaml): {known}",
            "known municipalities (file names in content/municipalities/ without .yaml): {known}"
        ),
    )
}

/// An event whose `end` lies before its `start`.
pub fn event_ends_before_start() -> (Text, Text) {
    (
        t!(
            "der Termin endet, bevor er beginnt",
            "the event ends before it starts"
        ),
        t!(
            "`end` darf nicht vor `start` liegen: prüfen Sie Datum und Uhrzeit von beiden",
            "`end` must not be before `start`: check the date and time of both"
        ),
    )
}

/// Municipalities whose `parent:` chain comes back to where it started.
pub fn parent_cycle(name: &str) -> Text {
    t!(
        "`parent` von {name} führt im Kreis zu sich selbst zurück: entfernen Sie eines der `parent:`",
        "`parent` of {name} leads back to itself: remove one of the `parent:` entries"
    )
}
