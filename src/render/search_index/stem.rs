//! Stemming of index and query words: the Snowball stemmer of the site's
//! language (the `rust-stemmers` crate, used only here), applied to words
//! already [normalized](super::normalize), so that "Präventionsketten" and
//! "Präventionskette" both become `praventionskett`. The theme's
//! `search.js` carries a port of the same two algorithms; the test
//! `tests/search_stemmer.rs` runs one word list through both.

use rust_stemmers::{Algorithm, Stemmer};

use crate::config::Language;

/// The stemmer of one language.
pub struct Stem {
    stemmer: Option<Stemmer>,
}

impl Stem {
    /// The stemmer of `language`; none for a language whose algorithm
    /// `search.js` does not carry (words are then matched as written, after
    /// folding), since index and query must stem alike.
    pub fn new(language: Language) -> Self {
        let algorithm = match language {
            Language::De | Language::Ls => Some(Algorithm::German),
            Language::En => Some(Algorithm::English),
            Language::Tr | Language::Ar | Language::Uk => None,
        };
        Stem {
            stemmer: algorithm.map(Stemmer::create),
        }
    }

    /// The stem of a normalized word (lowercase; a word of digits stays as
    /// it is).
    pub fn stem(&self, word: &str) -> String {
        if word.bytes().all(|b| b.is_ascii_digit()) {
            return word.to_string();
        }
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(word).into_owned(),
            None => word.to_string(),
        }
    }
}

/// The term of a word of any text: its [normalized](super::normalize) form,
/// stemmed. Queries and index meet on these.
pub fn term(language: Language, word: &str) -> Vec<String> {
    let stem = Stem::new(language);
    super::words(word).iter().map(|w| stem.stem(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_and_plural_meet() {
        let de = Stem::new(Language::De);
        let n = super::super::normalize;
        for (a, b) in [
            ("Präventionskette", "Präventionsketten"),
            ("Gesundheitsamt", "Gesundheitsämter"),
            ("Kommune", "Kommunen"),
            ("Verband", "Verbände"),
        ] {
            assert_eq!(de.stem(&n(a)), de.stem(&n(b)), "{a} {b}");
        }
        let en = Stem::new(Language::En);
        assert_eq!(en.stem("municipalities"), en.stem("municipality"));
        assert_eq!(de.stem("2017"), "2017");
    }
}
