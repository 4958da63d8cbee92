//! Slugs: the lowercase ASCII names in URLs (docs/urls.md, "Slugs and clashes"). German umlauts and ß
//! are spelled out (ä → ae), other letters transliterated, anything else
//! becomes `-`. Ukrainian sites transliterate Cyrillic by Ukraine's
//! official romanisation (2010), Arabic letters follow a simple table
//! of their own (deunicode gives punctuation for several of them), and
//! everything else is deunicode's.

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
    let ukrainian = language == Language::Uk;
    let mut spelled = String::with_capacity(text.len());
    let mut previous = ' ';
    for c in text.nfc() {
        match c {
            'ä' | 'Ä' if german => spelled.push_str("ae"),
            'ö' | 'Ö' if german => spelled.push_str("oe"),
            'ü' | 'Ü' if german => spelled.push_str("ue"),
            'ß' | 'ẞ' => spelled.push_str("ss"),
            // The apostrophe inside a Ukrainian word (м'ята) is not spelled,
            // nor does the letter after it start a word.
            '\'' | '’' | 'ʼ' if ukrainian && is_cyrillic(previous) => continue,
            c if c.is_ascii() => spelled.push(c),
            c if ukrainian && is_cyrillic(c) => {
                let word_start = !previous.is_alphanumeric();
                spelled.push_str(ukrainian_letter(c, previous, word_start));
            }
            c if is_arabic(c) => spelled.push_str(arabic_letter(c)),
            c => spelled.push_str(deunicode::deunicode_char(c).unwrap_or("-")),
        }
        previous = c;
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

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4ff}')
}

/// A Ukrainian letter in Latin letters, by the official table of 2010:
/// є ї й ю я are spelled ye yi y yu ya at the start of a word, and зг is zgh.
fn ukrainian_letter(c: char, previous: char, word_start: bool) -> &'static str {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let after_z = matches!(previous, 'з' | 'З');
    match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if after_z => "gh",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' if word_start => "ye",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' if word_start => "yi",
        'ї' => "i",
        'й' if word_start => "y",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ь' => "",
        'ю' if word_start => "yu",
        'ю' => "iu",
        'я' if word_start => "ya",
        'я' => "ia",
        other => deunicode::deunicode_char(other).unwrap_or("-"),
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{600}'..='\u{6ff}')
}

/// An Arabic letter in Latin letters: consonants and long vowels as they
/// are written (short vowels are not), the article ال as "al"; hamza and
/// vowel marks are not spelled, Arabic-Indic digits become digits.
fn arabic_letter(c: char) -> &'static str {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    match c {
        'ا' | 'أ' | 'آ' | 'ٱ' | 'ى' | 'ة' | 'ع' => "a",
        'إ' | 'ئ' => "i",
        'ؤ' => "u",
        'ب' => "b",
        'ت' | 'ط' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' => "h",
        'خ' => "kh",
        'د' | 'ض' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' | 'ظ' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'و' => "w",
        'ي' | 'ی' => "y",
        'پ' => "p",
        'چ' => "ch",
        'ژ' => "zh",
        'گ' => "g",
        // Hamza, tatweel and the vowel marks.
        'ء' | 'ـ' | '\u{64b}'..='\u{65f}' | '\u{670}' => "",
        '٠'..='٩' => DIGITS[c as usize - '٠' as usize],
        '۰'..='۹' => DIGITS[c as usize - '۰' as usize],
        // Arabic punctuation (، ؛ ؟) and the rest.
        _ => "-",
    }
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
    fn turkish_letters_slug_without_their_marks() {
        assert_eq!(
            slugify_for(
                "Çocuk ve aile desteği: Şişli, Iğdır, İstanbul, Ödemiş, Üsküdar",
                Language::Tr
            ),
            "cocuk-ve-aile-destegi-sisli-igdir-istanbul-odemis-uskudar"
        );
    }

    #[test]
    fn ukrainian_follows_the_official_romanisation() {
        assert_eq!(
            slugify_for("Підтримка сімей", Language::Uk),
            "pidtrymka-simei"
        );
        assert_eq!(
            slugify_for(
                "Щастя, Їжак, Єва, Юля, Яблуко, Згорани, м’ята, Харків",
                Language::Uk
            ),
            "shchastia-yizhak-yeva-yulia-yabluko-zghorany-miata-kharkiv"
        );
        assert_eq!(slugify_for("Ґанок і Київ", Language::Uk), "ganok-i-kyiv");
    }

    #[test]
    fn arabic_letters_are_spelled_in_latin_letters() {
        assert_eq!(slugify_for("دعم الأسرة", Language::Ar), "dam-alasra");
        assert_eq!(
            slugify_for("مركز العائلة ٢٠١٧", Language::Ar),
            "mrkz-alaaila-2017"
        );
        assert_eq!(slugify("مَرْحَبًا"), "mrhba");
    }

    #[test]
    fn other_letters_are_transliterated_and_the_rest_dashed() {
        assert_eq!(slugify("Café «Łódź» 2017!"), "cafe-lodz-2017");
        assert_eq!(slugify("../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("0-3"), "0-3");
    }
}
