//! Messages about `site.yaml`.

use super::{t, Text};

/// No site.yaml in the folder.
pub fn no_site_yaml(root: &str) -> Text {
    t!(
        "in {root} gibt es keine site.yaml: ist das der Ordner einer kette-Website?",
        "no site.yaml in {root} (is this a kette site?)"
    )
}

/// site.yaml cannot be read.
pub fn cannot_read_site_yaml(error: &str) -> Text {
    t!(
        "site.yaml kann nicht gelesen werden: {error}",
        "cannot read site.yaml: {error}"
    )
}

/// A `base_url` without its scheme.
pub fn base_url_scheme(url: &str) -> Text {
    t!(
        "base_url `{url}` muss mit https:// oder http:// beginnen",
        "base_url `{url}` must start with https:// or http://"
    )
}

/// A `base_url` with `?`, `#`, a space, a backslash or a control character.
pub fn base_url_characters(url: &str) -> Text {
    t!(
        "base_url `{url}` darf kein `?`, `#`, Leerzeichen, keinen Backslash und kein Steuerzeichen enthalten",
        "base_url `{url}` may not contain a query, fragment, space, backslash or control character"
    )
}

/// A `base_url` without host.
pub fn base_url_host(url: &str) -> Text {
    t!(
        "base_url `{url}` nennt keinen Rechner (z. B. https://example.org/)",
        "base_url `{url}` has no host"
    )
}

/// A `base_url` with `.` or `..`.
pub fn base_url_dots(url: &str) -> Text {
    t!(
        "base_url `{url}` darf keine Abschnitte `.` oder `..` enthalten",
        "base_url `{url}` may not contain `.` or `..` segments"
    )
}

/// `paginate: 0`.
pub fn paginate_zero() -> Text {
    t!(
        "paginate muss mindestens 1 sein",
        "paginate must be at least 1"
    )
}

/// A section path that is no URL segment.
pub fn path_segment(name: &str, segment: &str) -> Text {
    t!(
        "paths.{name} `{segment}` muss ein Adressteil aus Kleinbuchstaben, Ziffern, `-` und `_` sein",
        "paths.{name} `{segment}` must be one URL segment of lowercase letters, digits, `-` and `_`"
    )
}

/// Two sections at one path.
pub fn path_twice(name: &str, segment: &str) -> Text {
    t!(
        "paths.{name} `{segment}` ist schon der Pfad eines anderen Bereichs",
        "paths.{name} `{segment}` is used by two sections"
    )
}

/// `stages: []`.
pub fn stages_empty() -> Text {
    t!(
        "stages darf nicht leer sein; lassen Sie den Schlüssel weg, dann gelten die üblichen Lebensphasen",
        "stages may not be empty; leave the key out for the default stages"
    )
}

/// `extra:` that is no map.
pub fn extra_not_a_map() -> Text {
    t!(
        "extra muss aus `Schlüssel: Wert`-Zeilen bestehen",
        "extra must be a map of keys and values"
    )
}

/// A stage id with other characters.
pub fn stage_id_characters(id: &str) -> Text {
    t!(
        "die Lebensphasen-ID `{id}` darf nur Kleinbuchstaben a–z, Ziffern und `-` enthalten",
        "stage id `{id}` must be lowercase ASCII letters, digits and `-`"
    )
}

/// A stage id twice.
pub fn stage_id_twice(id: &str) -> Text {
    t!(
        "die Lebensphasen-ID `{id}` steht zweimal da",
        "stage id `{id}` is defined twice"
    )
}

/// `title: ""`.
pub fn title_empty() -> Text {
    t!("title darf nicht leer sein", "title may not be empty")
}

/// A theme name that is no folder name.
pub fn theme_name(theme: &str) -> Text {
    t!(
        "theme `{theme}` muss ein einfacher Ordnername sein",
        "theme `{theme}` must be a plain folder name"
    )
}

/// `images.widths: []`.
pub fn image_widths_empty() -> Text {
    t!(
        "images.widths darf nicht leer sein; lassen Sie den Schlüssel weg, dann gelten 480, 960 und 1600",
        "images.widths may not be empty; leave the key out for 480, 960 and 1600"
    )
}

/// An image width out of range.
pub fn image_width_range(width: u32, min: u32, max: u32) -> Text {
    t!(
        "die Bildbreite {width} liegt außerhalb von {min} bis {max} Pixeln",
        "image width {width} is out of range ({min} to {max} pixels)"
    )
}

/// A JPEG quality out of range.
pub fn image_quality(quality: u8) -> Text {
    t!(
        "images.quality {quality} muss zwischen 1 und 100 liegen",
        "images.quality {quality} must be 1 to 100"
    )
}

/// `images.sizes` with a quote.
pub fn image_sizes_quote() -> Text {
    t!(
        "images.sizes darf kein `\"` enthalten",
        "images.sizes may not contain `\"`"
    )
}
