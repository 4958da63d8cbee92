//! Words for the search index: how text is folded for matching
//! ([`normalize`], which `normalize` in the theme's `search.js` mirrors),
//! split into words, and which words are worth indexing.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use unicode_normalization::UnicodeNormalization;

/// Shorter words are left out of the index (and out of queries).
pub const MIN_WORD_CHARS: usize = 3;

/// Frequent German and English words, [normalized](normalize), left out of
/// the index; the index carries the list (`"stop"`) so that the script
/// leaves them out of queries too. Sorted, as the index lists them.
pub const STOP_WORDS: &[&str] = &[
    "aber", "alle", "als", "also", "am", "an", "and", "are", "auch", "auf", "aus", "bei", "bis",
    "but", "das", "dass", "dem", "den", "der", "des", "die", "dies", "diese", "dieser", "durch",
    "ein", "eine", "einem", "einen", "einer", "eines", "for", "from", "fur", "has", "hat", "have",
    "ich", "ihr", "ihre", "im", "in", "ist", "its", "mit", "nach", "nicht", "noch", "not", "oder",
    "sein", "sich", "sie", "sind", "so", "that", "the", "their", "this", "uber", "um", "und",
    "uns", "von", "vor", "war", "was", "were", "wie", "wir", "wird", "with", "zu", "zum", "zur",
];

/// Folds text for matching: lowercase, `ä ö ü ß` to `ae oe ue ss`, other
/// accents removed (NFD, combining marks U+0300–U+036F dropped), then
/// `ae oe ue` to `a o u`. "Übergänge", "Uebergaenge" and "ubergange" all
/// become "ubergange".
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return fold_digraphs(text.to_ascii_lowercase());
    }
    let lower: String = text.nfc().collect::<String>().to_lowercase();
    let mut spelled = String::with_capacity(lower.len() + 8);
    for c in lower.chars() {
        match c {
            'ä' => spelled.push_str("ae"),
            'ö' => spelled.push_str("oe"),
            'ü' => spelled.push_str("ue"),
            'ß' => spelled.push_str("ss"),
            c => spelled.push(c),
        }
    }
    let stripped: String = spelled
        .nfd()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .collect();
    fold_digraphs(stripped)
}

/// `ae oe ue` to `a o u`, left to right, in one pass and in place (as
/// replacing them one after the other would: no replacement makes a new
/// pair).
fn fold_digraphs(text: String) -> String {
    let mut bytes = text.into_bytes();
    let (mut read, mut write) = (0, 0);
    while read < bytes.len() {
        let b = bytes[read];
        bytes[write] = b;
        write += 1;
        read += if matches!(b, b'a' | b'o' | b'u') && bytes.get(read + 1) == Some(&b'e') {
            2
        } else {
            1
        };
    }
    bytes.truncate(write);
    // Only ASCII bytes were dropped, each after an ASCII letter: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The normalized words of `text`: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut folded = String::new();
    for raw in raw_words(text) {
        each_word(raw, &mut folded, |word| words.push(word.to_string()));
    }
    words
}

/// Calls `f` with each normalized word of `raw`, one word as
/// [`raw_words`] yields it (mostly one; `folded` is a reusable buffer).
/// Most words need none of the Unicode passes of [`normalize`].
pub(super) fn each_word(raw: &str, folded: &mut String, mut f: impl FnMut(&str)) {
    if fold_word(raw, folded) {
        f(folded);
    } else {
        normalized_words(raw).iter().for_each(|word| f(word));
    }
}

/// The words of `text` as written: runs of letters, digits and combining
/// accents (which [`normalize`] drops or joins to their letter).
pub(super) fn raw_words(text: &str) -> RawWords<'_> {
    RawWords { rest: text }
}

/// The iterator of [`raw_words`]. It runs over every text of the site, so
/// ASCII, nearly all of it, is told apart by byte; only other characters
/// are decoded.
pub(super) struct RawWords<'a> {
    rest: &'a str,
}

impl<'a> Iterator for RawWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.rest;
        let start = next_boundary(text, 0, false);
        let end = next_boundary(text, start, true);
        self.rest = &text[end..];
        (end > start).then(|| &text[start..end])
    }
}

/// The first byte from `at` on where a character is (`in_word == false`)
/// or is not (`in_word == true`) part of a word, or the end of `text`.
#[inline]
fn next_boundary(text: &str, mut at: usize, in_word: bool) -> usize {
    let bytes = text.as_bytes();
    let same = if in_word {
        ByteKind::Word
    } else {
        ByteKind::Other
    };
    loop {
        // ASCII, nearly all text, in a tight loop.
        while at < bytes.len() && WORD_BYTES[usize::from(bytes[at])] == same {
            at += 1;
        }
        let Some(&byte) = bytes.get(at) else {
            return bytes.len();
        };
        if WORD_BYTES[usize::from(byte)] != ByteKind::NonAscii {
            return at;
        }
        // À–ÿ but × and ÷ (0xC3 0x80–0xBF): letters, among them the
        // umlauts and ß of every German text, told without decoding.
        if byte == 0xC3 {
            if let Some(&next) = bytes.get(at + 1) {
                if (0x80..=0xBF).contains(&next) && next != 0x97 && next != 0xB7 {
                    if !in_word {
                        return at;
                    }
                    at += 2;
                    continue;
                }
            }
        }
        match text[at..].chars().next() {
            Some(c)
                if (c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c)) == in_word =>
            {
                at += c.len_utf8()
            }
            _ => return at,
        }
    }
}

/// What a byte of UTF-8 says about the character it starts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteKind {
    /// An ASCII letter or digit.
    Word,
    /// Any other ASCII character.
    Other,
    /// Part of a longer character, which must be decoded.
    NonAscii,
}

/// [`ByteKind`] of every byte.
static WORD_BYTES: [ByteKind; 256] = {
    let mut table = [ByteKind::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            ByteKind::Word
        } else {
            ByteKind::Other
        };
        b += 1;
    }
    table
};

/// The words of `text` after [`normalize`] (for text that [`fold_word`]
/// cannot fold).
fn normalized_words(text: &str) -> Vec<String> {
    normalize(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// [`normalize`] of one word made only of ASCII letters and digits and
/// `ä ö ü ß` (most words), into `out`, without the Unicode passes; false
/// (and `out` unusable) for any other word. The digraphs are folded as the
/// word is spelled: an `e` right after an `a`, `o` or `u` it did not
/// already follow is left out, as [`fold_digraphs`] does.
fn fold_word(raw: &str, out: &mut String) -> bool {
    out.clear();
    let mut after_vowel = false;
    let mut put = |out: &mut String, b: u8| {
        if after_vowel && b == b'e' {
            after_vowel = false;
        } else {
            after_vowel = matches!(b, b'a' | b'o' | b'u');
            out.push(char::from(b));
        }
    };
    for c in raw.chars() {
        let spelled: &[u8] = match c {
            'ä' | 'Ä' => b"ae",
            'ö' | 'Ö' => b"oe",
            'ü' | 'Ü' => b"ue",
            'ß' => b"ss",
            c if c.is_ascii_alphanumeric() => {
                put(out, c.to_ascii_lowercase() as u8);
                continue;
            }
            _ => return false,
        };
        spelled.iter().for_each(|&b| put(out, b));
    }
    true
}

/// Words worth a place in the index: three letters or more, no stop word.
pub(super) fn is_indexed(word: &str) -> bool {
    word.chars().count() >= MIN_WORD_CHARS
        && (word.len() > LONGEST_STOP_WORD || !STOP_WORD_SET.contains(word))
}

/// The length of the longest stop word in bytes: most words are longer and
/// need no look-up.
const LONGEST_STOP_WORD: usize = 6;

/// [`STOP_WORDS`] for looking up (most words of a text are looked up).
static STOP_WORD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_and_never_indexed() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            STOP_WORDS.iter().map(|w| w.len()).max(),
            Some(LONGEST_STOP_WORD)
        );
        assert!(STOP_WORDS.iter().all(|w| !is_indexed(w)));
        assert!(is_indexed("kind") && is_indexed("armut") && !is_indexed("zu"));
    }

    #[test]
    fn digraphs_fold_as_three_replacements_would() {
        for text in [
            "aee",
            "oee",
            "uoee",
            "aoe",
            "oue",
            "quaestio",
            "Übergänge",
            "ae",
            "e",
            "",
            "äe",
        ] {
            let by_replacing = text
                .replace("ae", "a")
                .replace("oe", "o")
                .replace("ue", "u");
            assert_eq!(fold_digraphs(text.to_string()), by_replacing, "{text}");
        }
    }

    #[test]
    fn german_spellings_meet() {
        let n = normalize("Übergänge");
        assert_eq!(n, "ubergange");
        assert_eq!(normalize("Uebergaenge"), n);
        assert_eq!(normalize("ubergange"), n);
        assert_eq!(
            normalize("U\u{0308}berga\u{0308}nge"),
            n,
            "decomposed input"
        );
        assert_eq!(normalize("Straße"), normalize("STRASSE"));
        assert_eq!(normalize("Café"), "cafe");
    }

    #[test]
    fn folding_a_word_is_normalizing_it() {
        let mut out = String::new();
        for word in [
            "Übergänge",
            "STRASSE",
            "Straße",
            "Kita2025",
            "quaeoeue",
            "ÄÖÜäöü",
            "aee",
            "äe",
            "Äee",
            "uEe",
            "ueue",
            "ßae",
            "x",
            "",
        ] {
            assert!(fold_word(word, &mut out), "{word}");
            assert_eq!(out, normalize(word), "{word}");
        }
        for word in ["Café", "ẞ", "U\u{0308}ber", "naïve", "İ"] {
            assert!(
                !fold_word(word, &mut out),
                "{word} needs the Unicode passes"
            );
        }
    }

    #[test]
    fn words_are_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            words("Kein Kind zurücklassen! 2017/18"),
            ["kein", "kind", "zuruecklassen", "2017", "18"].map(normalize)
        );
        let raw: Vec<&str> = raw_words("  „Café“—U\u{0308}ber…naïve 2017 ").collect();
        assert_eq!(raw, ["Café", "U\u{0308}ber", "naïve", "2017"]);
        assert_eq!(raw_words("").count(), 0);
        assert_eq!(raw_words(" – ").count(), 0);
        assert_eq!(raw_words("ß").collect::<Vec<_>>(), ["ß"]);
    }

    #[test]
    fn latin_letters_told_by_byte_split_as_decoded_ones() {
        // Every character of U+00A0–U+024F, alone and between letters:
        // the 0xC3 shortcut must agree with `is_alphanumeric`.
        for c in (0xA0u32..0x250).filter_map(char::from_u32) {
            let text = format!("a{c}b {c} x{c}");
            let by_decoding: Vec<String> = text
                .split(|x: char| !(x.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&x)))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            let raw: Vec<String> = raw_words(&text).map(str::to_string).collect();
            assert_eq!(raw, by_decoding, "{c:?}");
        }
    }
}
