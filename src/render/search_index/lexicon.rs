//! The words met while making the index, each [normalized](super::normalize)
//! once and numbered: an index entry is put together from numbers, and a
//! word that appears in thousands of texts is folded once, not in every one.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::stem::Stem;
use super::words::{each_word, is_indexed};

/// Normalized words by number, with their stems, and the raw words (as
/// written in the site's texts, which it borrows) they come from. One per
/// worker of the pool.
pub(super) struct Lexicon<'t> {
    /// The stemmer of the site's language.
    stemmer: Stem,
    /// A raw word → where its words' numbers are in `spelled` (mostly one
    /// number; none for a word that normalizes to nothing).
    raw: FxHashMap<&'t str, Range<usize>>,
    /// Numbers, each with whether its word is worth indexing and the
    /// number of its stem.
    spelled: Vec<(u32, bool, u32)>,
    /// A normalized word → its number.
    numbers: FxHashMap<Box<str>, u32>,
    /// A number → its word, and whether it is worth indexing.
    words: Vec<(Box<str>, bool)>,
    /// A number → the number of its word's stem.
    stems: Vec<u32>,
    /// Stems by number, and their numbers.
    stem_words: Vec<Box<str>>,
    stem_numbers: FxHashMap<Box<str>, u32>,
    /// Reused while folding.
    folded: String,
}

impl<'t> Lexicon<'t> {
    /// An empty lexicon that stems with `stemmer`.
    pub(super) fn new(stemmer: Stem) -> Self {
        Lexicon {
            stemmer,
            raw: FxHashMap::default(),
            spelled: Vec::new(),
            numbers: FxHashMap::default(),
            words: Vec::new(),
            stems: Vec::new(),
            stem_words: Vec::new(),
            stem_numbers: FxHashMap::default(),
            folded: String::new(),
        }
    }

    /// The numbers of the words of a raw word from the site's texts, each
    /// with whether its word is worth a place in the index, and the number
    /// of its stem.
    pub(super) fn numbers(&mut self, raw: &'t str) -> &[(u32, bool, u32)] {
        let range = match self.raw.get(raw) {
            Some(range) => range.clone(),
            None => {
                let start = self.spelled.len();
                let mut folded = std::mem::take(&mut self.folded);
                each_word(raw, &mut folded, |word| {
                    let number = self.number(word);
                    self.spelled
                        .push((number, self.is_indexed(number), self.stem_of(number)));
                });
                self.folded = folded;
                let range = start..self.spelled.len();
                self.raw.insert(raw, range.clone());
                range
            }
        };
        &self.spelled[range]
    }

    /// The word with `number`.
    #[cfg(test)]
    fn word(&self, number: u32) -> &str {
        &self.words[number as usize].0
    }

    /// The number of the stem of the word with `number`.
    pub(super) fn stem_of(&self, number: u32) -> u32 {
        self.stems[number as usize]
    }

    /// The stem with number `stem` (from [`Lexicon::stem_of`]).
    pub(super) fn stem(&self, stem: u32) -> &str {
        &self.stem_words[stem as usize]
    }

    /// Whether the word with `number` is worth a place in the index.
    pub(super) fn is_indexed(&self, number: u32) -> bool {
        self.words[number as usize].1
    }

    /// The number of a normalized word, given on first sight.
    fn number(&mut self, word: &str) -> u32 {
        if let Some(&number) = self.numbers.get(word) {
            return number;
        }
        let number = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.words.push((word.into(), is_indexed(word)));
        let stem = self.stemmer.stem(word);
        let stem_number = match self.stem_numbers.get(stem.as_str()) {
            Some(&n) => n,
            None => {
                let n = u32::try_from(self.stem_words.len()).unwrap_or(u32::MAX);
                self.stem_words.push(stem.as_str().into());
                self.stem_numbers.insert(stem.into(), n);
                n
            }
        };
        self.stems.push(stem_number);
        self.numbers.insert(word.into(), number);
        number
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_has_one_number_however_it_is_written() {
        let mut lexicon = Lexicon::new(Stem::new(crate::config::Language::De));
        let first = lexicon.numbers("Übergänge").to_vec();
        assert_eq!(lexicon.numbers("Uebergaenge"), first);
        let (number, indexed, stem) = first[0];
        assert_eq!(lexicon.word(number), "ubergange");
        assert_eq!(lexicon.stem(stem), "ubergang");
        assert_eq!(lexicon.stem_of(number), stem);
        assert!(indexed && lexicon.is_indexed(number));
        let (stop, indexed, _) = lexicon.numbers("und")[0];
        assert!(!indexed && !lexicon.is_indexed(stop));
        assert_ne!(stop, number);
    }
}
