//! Messages about the languages of a site: `languages:` in `site.yaml`,
//! translation files and the translations of municipality records.

use super::{t, Text};

/// The default language listed again under `languages:`.
pub fn language_is_default(key: &str) -> Text {
    t!(
        "`{key}` ist schon die Hauptsprache der Website (`language:`); unter languages: stehen nur die weiteren Sprachen",
        "`{key}` is already the site's default language (`language:`); languages: lists only the others"
    )
}

/// Two languages with one URL prefix.
pub fn prefix_twice(prefix: &str) -> Text {
    t!(
        "das Präfix `{prefix}` haben zwei Sprachen; jede Sprache braucht ihr eigenes",
        "prefix `{prefix}` is used by two languages; each needs its own"
    )
}

/// A language prefix that is a section's path.
pub fn prefix_is_section(prefix: &str, section: &str) -> Text {
    t!(
        "das Präfix `{prefix}` ist schon der Pfad des Bereichs {section} (paths:)",
        "prefix `{prefix}` is already the path of the section {section} (paths:)"
    )
}

/// A language prefix that is no URL segment.
pub fn prefix_characters(prefix: &str) -> Text {
    t!(
        "das Präfix `{prefix}` muss ein Adressteil aus Kleinbuchstaben, Ziffern, `-` und `_` sein",
        "prefix `{prefix}` must be one URL segment of lowercase letters, digits, `-` and `_`"
    )
}

/// A language tag with characters a BCP 47 tag does not have.
pub fn tag_characters(tag: &str) -> Text {
    t!(
        "`{tag}` ist kein Sprach-Tag (BCP 47, z. B. `en` oder `de-x-ls`)",
        "`{tag}` is not a language tag (BCP 47, such as `en` or `de-x-ls`)"
    )
}

/// A translation whose original does not exist; and what to do.
pub fn translation_without_original(original: &str) -> (Text, Text) {
    (
        t!(
            "diese Übersetzung gehört zu `{original}`, aber die Datei gibt es nicht",
            "this translation belongs to `{original}`, which does not exist"
        ),
        t!(
            "benennen Sie die Datei wie das Original, mit dem Sprachkürzel vor `.md` (z. B. `2017-03-08-planungsworkshops.en.md`)",
            "name the file as its original with the language key before `.md` (such as `2017-03-08-planungsworkshops.en.md`)"
        ),
    )
}

/// A translation into a language `site.yaml` does not list (`configured`:
/// the ones it lists, empty for a site with one language).
pub fn language_not_configured(key: &str, configured: &str) -> (Text, Text) {
    let message = if configured.is_empty() {
        t!(
            "die Sprache `{key}` steht nicht unter languages: in site.yaml (die Website hat nur eine Sprache)",
            "language `{key}` is not listed under languages: in site.yaml (the site has one language)"
        )
    } else {
        t!(
            "die Sprache `{key}` steht nicht unter languages: in site.yaml (dort stehen: {configured})",
            "language `{key}` is not listed under languages: in site.yaml (listed: {configured})"
        )
    };
    (
        message,
        t!(
            "tragen Sie `{key}:` unter languages: in site.yaml ein",
            "add `{key}:` under languages: in site.yaml"
        ),
    )
}

/// Two translations of one original into one language.
pub fn translation_twice(key: &str, other: &str) -> (Text, Text) {
    (
        t!(
            "für diese Sprache ({key}) gibt es schon eine Übersetzung: {other}",
            "there is already a translation into this language ({key}): {other}"
        ),
        t!(
            "löschen Sie eine der beiden Dateien",
            "delete one of the two files"
        ),
    )
}

/// A record's `translations:` names an offer the record does not have.
pub fn translated_offer_unknown(name: &str, known: &str) -> (Text, Text) {
    (
        t!(
            "das Angebot `{name}` gibt es in diesem Eintrag nicht",
            "this record has no offer `{name}`"
        ),
        t!(
            "schreiben Sie den Namen wie unter offers: (dort stehen: {known})",
            "write the name as under offers: (there are: {known})"
        ),
    )
}

/// The comment above the shared fields in a new translation file.
pub fn translation_shared_fields() -> Text {
    t!(
        "Diese Angaben kommen immer aus dem Original (hier nur zur Übersicht):",
        "These fields always come from the original (shown here for reference):"
    )
}

/// The hint in the body of a new translation file.
pub fn translation_body_hint() -> Text {
    t!(
        "Hier den übersetzten Text schreiben.",
        "Write the translated text here."
    )
}

/// `--translation-of` without `--lang`.
pub fn translation_needs_language() -> Text {
    t!(
        "--translation-of braucht --lang mit der Sprache der Übersetzung (z. B. --lang en)",
        "--translation-of needs --lang with the translation's language (such as --lang en)"
    )
}

/// The original of `kette new --translation-of` cannot be read.
pub fn original_unreadable(error: &str) -> Text {
    t!(
        "das Original kann nicht gelesen werden: {error}",
        "cannot read the original: {error}"
    )
}
