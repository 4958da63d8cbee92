//! Which form a word takes after a number: CLDR's cardinal plural
//! categories (one/other in German, English and Turkish; one/few/many/other
//! in Ukrainian; zero/one/two/few/many/other in Arabic) for whole numbers,
//! the only numbers kette counts.
//!
//! The rules are written out here rather than taken from the
//! `intl_pluralrules` crate: its 7.0.2 (CLDR 37) drops the `n % 100` of
//! Arabic's rules, so that 103 is `other` instead of `few` and 111 `other`
//! instead of `many`. A test compares these rules with the ones of ICU in
//! Node.js (`Intl.PluralRules`, which the search script uses).

use crate::config::Language;

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Arabic 0.
    Zero,
    /// 1 (and in Ukrainian 21, 31, …).
    One,
    /// Arabic 2.
    Two,
    /// Ukrainian 2–4, 22–24 …; Arabic 3–10, 103–110 ….
    Few,
    /// Ukrainian 0, 5–20, 25–30 …; Arabic 11–99, 111–199 ….
    Many,
    /// Everything else.
    Other,
}

impl Category {
    /// Every category, in CLDR's order.
    pub const ALL: [Category; 6] = [
        Category::Zero,
        Category::One,
        Category::Two,
        Category::Few,
        Category::Many,
        Category::Other,
    ];

    /// CLDR's name, as in `Intl.PluralRules` and the theme's count forms.
    pub fn key(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }
}

/// The language whose plural rules `language` follows, as CLDR names it
/// (Leichte Sprache counts as German does).
pub(crate) fn rules_tag(language: Language) -> &'static str {
    match language {
        Language::De | Language::Ls => "de",
        Language::En => "en",
        Language::Tr => "tr",
        Language::Ar => "ar",
        Language::Uk => "uk",
    }
}

/// The category of the count `n` in `language` (public for the test that
/// compares it with the search script's), after CLDR 47's
/// `plurals.xml`.
pub fn category(language: Language, n: u64) -> Category {
    let (last, last_two) = (n % 10, n % 100);
    match language {
        // one: i = 1 and v = 0 (de, en); n = 1 (tr).
        Language::De | Language::Ls | Language::En | Language::Tr => {
            if n == 1 {
                Category::One
            } else {
                Category::Other
            }
        }
        // one: i % 10 = 1 and i % 100 != 11; few: i % 10 = 2..4 and
        // i % 100 != 12..14; many: the other whole numbers.
        Language::Uk => {
            if last == 1 && last_two != 11 {
                Category::One
            } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                Category::Few
            } else {
                Category::Many
            }
        }
        // zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10;
        // many: n % 100 = 11..99.
        Language::Ar => match (n, last_two) {
            (0, _) => Category::Zero,
            (1, _) => Category::One,
            (2, _) => Category::Two,
            (_, 3..=10) => Category::Few,
            (_, 11..=99) => Category::Many,
            _ => Category::Other,
        },
    }
}

/// The categories `language` has, in CLDR's order: those its whole
/// numbers take, and `other` (which Ukrainian keeps for fractions).
#[cfg(test)]
pub(crate) fn categories(language: Language) -> &'static [Category] {
    use Category::*;
    match language {
        Language::De | Language::Ls | Language::En | Language::Tr => &[One, Other],
        Language::Uk => &[One, Few, Many, Other],
        Language::Ar => &[Zero, One, Two, Few, Many, Other],
    }
}

#[cfg(test)]
mod tests {
    use super::Category::*;
    use super::*;

    fn of(language: Language, numbers: &[u64]) -> Vec<Category> {
        numbers.iter().map(|&n| category(language, n)).collect()
    }

    #[test]
    fn german_english_turkish_have_one_and_other() {
        for language in [Language::De, Language::Ls, Language::En, Language::Tr] {
            assert_eq!(
                of(language, &[0, 1, 2, 11, 21, 101]),
                [Other, One, Other, Other, Other, Other],
                "{language:?}"
            );
        }
    }

    #[test]
    fn ukrainian_has_one_few_many() {
        assert_eq!(
            of(
                Language::Uk,
                &[1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 0, 111, 1001]
            ),
            [One, Few, Few, Many, Many, Many, Many, One, Few, Many, Many, Many, One]
        );
    }

    #[test]
    fn arabic_has_six_categories() {
        assert_eq!(
            of(
                Language::Ar,
                &[0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 1000]
            ),
            [Zero, One, Two, Few, Few, Many, Many, Other, Other, Few, Many, Other]
        );
    }

    #[test]
    fn whole_numbers_take_only_the_listed_categories() {
        for language in Language::ALL {
            let listed = categories(language);
            for n in 0..2000 {
                assert!(listed.contains(&category(language, n)), "{language:?} {n}");
            }
        }
    }
}
