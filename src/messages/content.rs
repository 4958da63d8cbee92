//! Messages about values in front matter and records: dates, texts, URLs,
//! e-mail addresses, phone numbers, coordinates.

use super::{t, Text};

/// `2017-02-30`.
pub fn date_does_not_exist(text: &str) -> Text {
    t!(
        "`{text}` ist kein Datum, das es gibt",
        "`{text}` is not a date that exists"
    )
}

/// A German date (`3.4.2025`) or one without leading zeros, with the ISO
/// form kette reads.
pub fn date_write_iso(text: &str, iso: &str) -> Text {
    t!(
        "`{text}` ist nicht in der Form JJJJ-MM-TT geschrieben: schreiben Sie `{iso}`",
        "`{text}` is not written as YYYY-MM-DD: write `{iso}`"
    )
}

/// Anything else where a date belongs.
pub fn not_a_date(text: &str) -> Text {
    t!(
        "`{text}` ist kein Datum: schreiben Sie JJJJ-MM-TT (z. B. 2025-04-03) oder mit Uhrzeit JJJJ-MM-TTTHH:MM (z. B. 2025-04-03T15:00)",
        "`{text}` is not a date: write YYYY-MM-DD (e.g. 2025-04-03) or with a time YYYY-MM-DDTHH:MM (e.g. 2025-04-03T15:00)"
    )
}

/// A control character in a text.
pub fn control_character(code: u32) -> Text {
    t!(
        "der Text enthält das Steuerzeichen U+{code:04X}; erlaubt sind nur Tabulatoren und Zeilenumbrüche",
        "the text contains the control character U+{code:04X}; only tabs and line breaks are allowed"
    )
}

/// A URL refused by the URL policy; `why` and `allowed` as the policy says.
pub fn url_refused(why: &Text, allowed: &Text) -> Text {
    Text::new(
        format!(
            "diese Adresse ist nicht erlaubt: {} (erlaubt: {})",
            why.de(),
            allowed.de()
        ),
        format!("{} (allowed: {})", why.en(), allowed.en()),
    )
}

/// The forms of URL the policy allows (`url_policy::ALLOWED_FORMS` in
/// English).
pub fn allowed_forms() -> Text {
    t!(
        "ein relativer Link (bild.jpg, /news/…), #Anker, http:, https:, mailto: mit einer Adresse oder tel:",
        "a relative link (bild.jpg, /news/…), #anchor, http:, https:, mailto: with an address, or tel:"
    )
}

/// Not an e-mail address.
pub fn not_an_email(value: &str) -> Text {
    t!(
        "`{value}` ist keine E-Mail-Adresse: schreiben Sie sie als name@example.org, ohne `mailto:`",
        "`{value}` is not an e-mail address (write it as name@example.org, without `mailto:`)"
    )
}

/// Not a phone number.
pub fn not_a_phone(value: &str) -> Text {
    t!(
        "`{value}` ist keine Telefonnummer: erlaubt sind Ziffern, Leerzeichen, +, -, /, . und Klammern",
        "`{value}` is not a phone number (digits with spaces, +, -, /, . and brackets)"
    )
}

/// A latitude or longitude out of range.
pub fn out_of_range(latitude: bool, value: f64, limit: f64) -> Text {
    if latitude {
        t!(
            "Breitengrad {value} liegt außerhalb von −{limit} bis {limit}: vertauschte Werte von `lat` und `lon`?",
            "latitude {value} is out of range (−{limit} to {limit})"
        )
    } else {
        t!(
            "Längengrad {value} liegt außerhalb von −{limit} bis {limit}",
            "longitude {value} is out of range (−{limit} to {limit})"
        )
    }
}

/// An unknown time zone in site.yaml.
pub fn unknown_time_zone(name: &str) -> Text {
    t!(
        "unbekannte Zeitzone `{name}`: schreiben Sie einen Namen der tz-Datenbank wie `Europe/Berlin`",
        "unknown time zone `{name}` (use a tz database name such as `Europe/Berlin`)"
    )
}

/// A file that is not UTF-8.
pub fn not_utf8() -> (Text, Text) {
    (
        t!(
            "die Datei ist kein UTF-8-Text",
            "the file is not valid UTF-8 text"
        ),
        t!(
            "speichern Sie sie im Editor als „UTF-8“",
            "save it as UTF-8 in your editor"
        ),
    )
}

/// A NUL byte in a text file.
pub fn nul_byte() -> Text {
    t!(
        "die Datei enthält ein Nullbyte; ist sie eine Binärdatei?",
        "the file contains a NUL byte; is it a binary file?"
    )
}

/// How to remove a control character from a file.
pub fn control_character_help() -> Text {
    t!(
        "löschen Sie es; Editoren zeigen es, wenn überhaupt, als Kästchen, `^A` oder ähnlich",
        "delete it; editors show it as a box, `^A` or the like, if at all"
    )
}

/// A control character written raw in a file.
pub fn file_control_character(code: u32) -> Text {
    t!(
        "die Datei enthält das Steuerzeichen U+{code:04X}; erlaubt sind nur Tabulatoren und Zeilenumbrüche",
        "the file contains the control character U+{code:04X}; only tabs and line breaks are allowed"
    )
}
