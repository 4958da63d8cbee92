//! Messages about the form of YAML and front matter: what the parser
//! refused, said as the likely cause and what to change.

use super::{t, Text};

/// The label of the closing line of a report ("Fehler: 2 Probleme; …").
pub fn error_label() -> Text {
    t!("Fehler", "error")
}

/// "did you mean `x`?"
pub fn did_you_mean(suggestion: &str) -> Text {
    t!(
        "meinten Sie `{suggestion}`?",
        "did you mean `{suggestion}`?"
    )
}

/// A tab where YAML wants spaces.
pub fn yaml_tab(line: usize, column: usize) -> (Text, Text) {
    (
        t!(
            "Zeile {line} enthält in Spalte {column} ein Tabulatorzeichen; YAML erlaubt zum Einrücken nur Leerzeichen",
            "line {line} has a tab character in column {column}; YAML allows only spaces for indentation"
        ),
        t!(
            "ersetzen Sie den Tabulator durch Leerzeichen; viele Editoren zeigen ihn nicht an",
            "replace the tab with spaces; many editors do not show it"
        ),
    )
}

/// `title: Treffen: Eltern`.
pub fn yaml_unquoted_colon(key: &str, fixed: &str) -> (Text, Text) {
    (
        t!(
            "der Wert von `{key}` enthält einen Doppelpunkt mit Leerzeichen danach; YAML liest ihn als neuen Schlüssel",
            "the value of `{key}` contains a colon followed by a space; YAML reads it as a new key"
        ),
        t!(
            "setzen Sie den Wert in Anführungszeichen: {fixed}",
            "put the value in quotes: {fixed}"
        ),
    )
}

/// `title: "Fachtag "Übergänge" mit Eltern"`.
pub fn yaml_quote_in_quotes(key: &str, typographic: &str, single: &str) -> (Text, Text) {
    (
        t!(
            "der Wert von `{key}` enthält Anführungszeichen innerhalb von Anführungszeichen; das zweite beendet den Wert zu früh",
            "the value of `{key}` has quotes inside quotes; the second one ends the value too early"
        ),
        t!(
            "schreiben Sie innen typografische Anführungszeichen: {typographic} – oder umschließen Sie den Wert mit einfachen: {single}",
            "use typographic quotes inside: {typographic} – or enclose the value in single quotes: {single}"
        ),
    )
}

/// A text after a closing quote that is no quote inside quotes.
pub fn yaml_text_after_quote(key: &str) -> (Text, Text) {
    (
        t!(
            "nach dem schließenden Anführungszeichen des Werts von `{key}` steht noch Text",
            "there is text after the closing quote of the value of `{key}`"
        ),
        t!(
            "setzen Sie den ganzen Wert in die Anführungszeichen",
            "put the whole value inside the quotes"
        ),
    )
}

/// A quote opened and never closed.
pub fn yaml_unclosed_quote(line: usize, quote: char) -> (Text, Text) {
    (
        t!(
            "das Anführungszeichen {quote} in Zeile {line} wird nicht geschlossen",
            "the quote {quote} on line {line} is never closed"
        ),
        t!(
            "setzen Sie ans Ende des Werts, in derselben Zeile, ein zweites {quote}",
            "add a second {quote} at the end of the value, on the same line"
        ),
    )
}

/// A `[` or `{` never closed.
pub fn yaml_unclosed_bracket(line: usize, open: char, close: char) -> (Text, Text) {
    (
        t!(
            "die Klammer `{open}` in Zeile {line} wird nicht geschlossen",
            "the bracket `{open}` on line {line} is never closed"
        ),
        t!(
            "schließen Sie die Liste mit `{close}` in derselben Zeile, z. B. [ahlen, beckum]",
            "close the list with `{close}` on the same line, e.g. [ahlen, beckum]"
        ),
    )
}

/// A line indented differently from the lines it belongs to.
pub fn yaml_indentation(line: usize) -> (Text, Text) {
    (
        t!(
            "Zeile {line} ist anders eingerückt als die Zeilen, zu denen sie gehört",
            "line {line} is indented differently from the lines it belongs to"
        ),
        t!(
            "rücken Sie die Zeile mit Leerzeichen genau so weit ein wie die anderen Schlüssel derselben Ebene; oberste Schlüssel stehen ganz links",
            "indent the line with spaces exactly as far as the other keys of its level; top-level keys start at the left edge"
        ),
    )
}

/// A line inside a list indented differently.
pub fn yaml_list_indentation(line: usize) -> (Text, Text) {
    (
        t!(
            "Zeile {line} ist anders eingerückt als die Einträge der Liste darüber",
            "line {line} is indented differently from the entries of the list above"
        ),
        t!(
            "beginnen Sie jeden Eintrag mit `- ` in derselben Spalte und rücken Sie seine weiteren Schlüssel bündig unter den ersten ein",
            "start each entry with `- ` in the same column and align its further keys under the first one"
        ),
    )
}

/// A line without the colon of `key: value`.
pub fn yaml_half_key(line: usize, words: &str) -> (Text, Text) {
    (
        t!(
            "in Zeile {line} fehlt der Doppelpunkt: `{words}` ist weder `Schlüssel: Wert` noch ein Listeneintrag",
            "line {line} has no colon: `{words}` is neither `key: value` nor a list entry"
        ),
        t!(
            "schreiben Sie `schlüssel: wert`, also Doppelpunkt und Leerzeichen nach dem Schlüssel, oder löschen Sie die Zeile",
            "write `key: value`, a colon and a space after the key, or delete the line"
        ),
    )
}

/// `title: @home`.
pub fn yaml_reserved_start(key: &str, c: char) -> (Text, Text) {
    (
        t!(
            "der Wert von `{key}` beginnt mit `{c}`; so darf ein Wert in YAML nicht anfangen",
            "the value of `{key}` starts with `{c}`, which YAML does not allow"
        ),
        t!(
            "setzen Sie den Wert in Anführungszeichen",
            "put the value in quotes"
        ),
    )
}

/// A character YAML refuses (control characters and the like).
pub fn yaml_bad_character() -> (Text, Text) {
    (
        t!(
            "hier steht ein Zeichen, das YAML nicht erlaubt (ein unsichtbares Steuerzeichen)",
            "there is a character here that YAML does not allow (an invisible control character)"
        ),
        t!(
            "löschen Sie das Zeichen und schreiben Sie die Stelle neu",
            "delete the character and type the text again"
        ),
    )
}

/// Any other syntax error of the parser.
pub fn yaml_other() -> (Text, Text) {
    (
        t!(
            "die YAML-Angaben sind hier nicht lesbar",
            "the YAML cannot be read here"
        ),
        t!(
            "prüfen Sie in dieser Zeile und der davor Anführungszeichen, Klammern, Doppelpunkte und die Einrückung, die nur aus Leerzeichen bestehen darf",
            "check quotes, brackets, colons and indentation, which must be spaces only, on this line and the one before"
        ),
    )
}

/// `sumary: x`.
pub fn unknown_key(key: &str) -> Text {
    t!("unbekannter Schlüssel `{key}`", "unknown field `{key}`")
}

/// The keys allowed where an unknown one was found.
pub fn allowed_keys(keys: &str) -> Text {
    t!("erlaubt sind: {keys}", "allowed keys: {keys}")
}

/// A required key missing.
pub fn missing_key(key: &str) -> (Text, Text) {
    (
        t!("der Schlüssel `{key}` fehlt", "missing field `{key}`"),
        t!("ergänzen Sie `{key}: …`", "add `{key}: …`"),
    )
}

/// A key written twice.
pub fn duplicate_key(key: &str) -> (Text, Text) {
    (
        t!(
            "der Schlüssel `{key}` steht zweimal da",
            "duplicate field `{key}`"
        ),
        t!(
            "löschen Sie eine der beiden Zeilen",
            "delete one of the two lines"
        ),
    )
}

/// `topics: 5` where a list belongs; `expected` and `found` are
/// already [`Text`]s from [`kind`].
pub fn wrong_type(expected: &Text, found: &Text) -> Text {
    let (ed, ee, fd, fe) = (expected.de(), expected.en(), found.de(), found.en());
    t!(
        "falscher Typ: kette erwartet hier {ed}, nicht {fd}",
        "wrong type: expected {ee}, found {fe}"
    )
}

/// A value not among the allowed words (`kind: Dorf`).
pub fn unknown_variant(value: &str, allowed: &str) -> (Text, Text) {
    (
        t!("unbekannter Wert `{value}`", "unknown value `{value}`"),
        t!("erlaubt sind: {allowed}", "allowed: {allowed}"),
    )
}

/// A file that should be a map of keys is something else.
pub fn not_a_map(found: &Text) -> (Text, Text) {
    let (fd, fe) = (found.de(), found.en());
    (
        t!(
            "die Datei enthält {fd} statt `Schlüssel: Wert`-Zeilen",
            "the file holds {fe} instead of `key: value` lines"
        ),
        t!(
            "schreiben Sie je Zeile `schlüssel: wert`",
            "write one `key: value` per line"
        ),
    )
}

/// What serde calls a kind of value, in plain words ("a sequence" → "a
/// list"); `None` for words it does not know.
pub fn kind(serde: &str) -> Option<Text> {
    let serde = serde.trim();
    let (de, en) = match serde {
        "a sequence" | "sequence" | "a list" => ("eine Liste", "a list"),
        "a map" | "map" => (
            "eine Zuordnung aus `Schlüssel: Wert`-Zeilen",
            "a map of `key: value` lines",
        ),
        "a string" | "string" => ("einen Text", "a text"),
        "a boolean" | "boolean" => ("true oder false", "true or false"),
        "u64" | "u32" | "u16" | "u8" | "i64" | "i32" | "usize" => {
            ("eine ganze Zahl", "a whole number")
        }
        "f64" | "f32" | "a number" => ("eine Zahl", "a number"),
        "unit value" => ("einen leeren Wert", "an empty value"),
        "a text" => ("einen Text", "a text"),
        "a URL" => ("eine Adresse (URL)", "a URL"),
        "an e-mail address" => ("eine E-Mail-Adresse", "an e-mail address"),
        "a phone number" => ("eine Telefonnummer", "a phone number"),
        "a date such as 2017-03-08 or 2017-03-08T10:00" => (
            "ein Datum wie 2017-03-08 oder 2017-03-08T10:00",
            "a date such as 2017-03-08 or 2017-03-08T10:00",
        ),
        "a latitude in degrees" => ("einen Breitengrad", "a latitude in degrees"),
        "a longitude in degrees" => ("einen Längengrad", "a longitude in degrees"),
        "a time zone such as Europe/Berlin" => (
            "eine Zeitzone wie Europe/Berlin",
            "a time zone such as Europe/Berlin",
        ),
        other => {
            if let Some(name) = other.strip_prefix("struct ") {
                let _ = name;
                (
                    "eine Zuordnung aus `Schlüssel: Wert`-Zeilen",
                    "a map of `key: value` lines",
                )
            } else if let Some(rest) = other
                .strip_prefix("integer ")
                .or_else(|| other.strip_prefix("floating point "))
            {
                return Some(t!("die Zahl {rest}", "the number {rest}"));
            } else if let Some(rest) = other.strip_prefix("string ") {
                return Some(t!("den Text {rest}", "the text {rest}"));
            } else if let Some(rest) = other.strip_prefix("boolean ") {
                return Some(t!("den Wahrheitswert {rest}", "the boolean {rest}"));
            } else {
                return None;
            }
        }
    };
    Some(Text::new(de, en))
}

/// A front matter file that is empty.
pub fn front_matter_empty() -> (Text, Text) {
    (
        t!(
            "die Datei ist leer; sie braucht Angaben zwischen zwei `---`-Zeilen",
            "the file is empty; it needs front matter between `---` lines"
        ),
        front_matter_start_help(),
    )
}

/// A file that does not start with `---`.
pub fn front_matter_missing() -> (Text, Text) {
    (
        t!(
            "die Datei beginnt nicht mit den Angaben (eine Zeile `---`, dann `title: …` usw., dann wieder `---`)",
            "the file does not start with front matter (a `---` line, YAML, and a closing `---` line)"
        ),
        front_matter_start_help(),
    )
}

fn front_matter_start_help() -> Text {
    t!(
        "beginnen Sie die Datei mit einer Zeile `---`, dann `title: …`, dann wieder `---`",
        "begin the file with `---`, then `title: …`, then `---`"
    )
}

/// Front matter without its closing `---`.
pub fn front_matter_unclosed() -> (Text, Text) {
    (
        t!(
            "die Angaben, die hier beginnen, werden nie mit `---` abgeschlossen",
            "the front matter that starts here is never closed"
        ),
        t!(
            "fügen Sie nach dem letzten Schlüssel eine Zeile ein, in der nur `---` steht",
            "add a line with only `---` after the last front matter key"
        ),
    )
}

/// A fence line that is almost `---` (`--`, `----`, `–––`).
pub fn front_matter_bad_fence(written: &str) -> (Text, Text) {
    (
        t!(
            "die Angaben werden hier mit `{written}` statt `---` abgeschlossen",
            "the front matter is closed with `{written}` instead of `---`"
        ),
        t!(
            "schreiben Sie genau drei Bindestriche: `---`",
            "write exactly three hyphens: `---`"
        ),
    )
}

/// A value the reader refuses for a reason kette does not recognise: the
/// reader's own words, quoted, inside a sentence in the editor's language.
pub fn value_refused(cause: &str) -> Text {
    t!(
        "dieser Wert passt hier nicht (der Leser sagt: „{cause}“)",
        "{cause}"
    )
}
