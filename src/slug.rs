//! Slugs: the lowercase ASCII names in URLs (docs/urls.md, "Slugs and clashes"). German umlauts and ß
//! are spelled out (ä → ae), other letters transliterated, anything else
//! becomes `-`.

use unicode_normalization::UnicodeNormalization;

use crate::language::Language;

/// The slug of `text` by German rules: `"Übergänge gestalten"` →
/// `"uebergaenge-gestalten"`.
pub(crate) fn slugify(text: &str) -> String {
    slugify_for(text, Language::De)
}

/// The slug of `text` by the rules of `language`: German spells umlauts out
/// (ä → ae), English drops their dots (ä → a); ß is ss in both.
pub(crate) fn slugify_for(text: &str, language: Language) -> String {
    let german = language.is_german();
    let mut spelled = String::with_capacity(text.len());
    for c in text.nfc() {
        match c {
            'ä' | 'Ä' if german => spelled.push_str("ae"),
            'ö' | 'Ö' if german => spelled.push_str("oe"),
            'ü' | 'Ü' if german => spelled.push_str("ue"),
            'ß' | 'ẞ' => spelled.push_str("ss"),
            c if c.is_ascii() => spelled.push(c),
            c => spelled.push_str(deunicode::deunicode_char(c).unwrap_or("-")),
        }
    }
    let mut slug = String::with_capacity(spelled.len());
    for c in spelled.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_letters_are_spelled_out() {
        assert_eq!(slugify("Übergänge gestalten"), "uebergaenge-gestalten");
        assert_eq!(slugify("Straße in Köln"), "strasse-in-koeln");
        assert_eq!(slugify("Kreis Warendorf"), "kreis-warendorf");
    }

    #[test]
    fn english_sites_drop_the_dots() {
        assert_eq!(
            slugify_for("Übergänge gestalten", Language::En),
            "ubergange-gestalten"
        );
        assert_eq!(slugify_for("Straße", Language::En), "strasse");
    }

    #[test]
    fn nfd_and_nfc_give_the_same_slug() {
        let nfd = "U\u{308}bergang";
        assert_eq!(slugify(nfd), slugify("Übergang"));
    }

    #[test]
    fn other_letters_are_transliterated_and_the_rest_dashed() {
        assert_eq!(slugify("Café «Łódź» 2017!"), "cafe-lodz-2017");
        assert_eq!(slugify("../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("0-3"), "0-3");
    }
}
