//! Every language has every word; dates and numbers per language.

use chrono::TimeZone;

use super::*;

/// Words that are the same in a language and in English on purpose.
const SAME_AS_ENGLISH: &[(Language, &str)] = &[
    // German uses the English word.
    (Language::De, "website"),
    // The compass letter for north is N in both.
    (Language::De, "north"),
];

fn keys<'a>(words: &[(&'a str, &str)]) -> Vec<&'a str> {
    words.iter().map(|(k, _)| *k).collect()
}

#[test]
fn every_language_has_every_word_and_none_is_empty() {
    let english = locale(Language::En);
    for language in Language::ALL {
        let l = locale(language);
        assert_eq!(
            keys(l.words),
            keys(english.words),
            "{language:?} theme keys"
        );
        assert_eq!(
            keys(l.search),
            keys(english.search),
            "{language:?} search keys"
        );
        for (key, text) in l.words.iter().chain(l.search) {
            assert!(!text.trim().is_empty(), "{language:?} `{key}` is empty");
        }
    }
}

#[test]
fn no_word_is_english_by_accident() {
    let english = locale(Language::En);
    for language in Language::ALL {
        if language == Language::En {
            continue;
        }
        let l = locale(language);
        let pairs = l.words.iter().zip(english.words);
        let search = l.search.iter().zip(english.search);
        for ((key, text), (_, en)) in pairs.chain(search) {
            let allowed = SAME_AS_ENGLISH.contains(&(language, key));
            assert_eq!(
                text == en,
                allowed,
                "{language:?} `{key}` is {text:?}: the same as in English{}",
                if allowed { " was expected" } else { "" }
            );
        }
    }
}

#[test]
fn the_new_keys_are_there() {
    let t = strings(Language::De);
    assert_eq!(t["language_switcher"], "Sprache");
    assert_eq!(
        t["in_default_language"],
        "Noch nicht übersetzt – hier im Original."
    );
    assert_eq!(strings(Language::En)["language_switcher"], "Language");
    assert_eq!(strings(Language::Tr)["offer"], "hizmet");
}

#[test]
fn only_german_and_english_are_checked() {
    for language in Language::ALL {
        let checked = matches!(language, Language::De | Language::En);
        assert_eq!(
            locale(language).review == Review::Checked,
            checked,
            "{language:?}"
        );
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(h: u32, min: u32) -> When {
    When {
        at: chrono_tz::Europe::Berlin
            .with_ymd_and_hms(2017, 3, 8, h, min, 0)
            .unwrap(),
        all_day: false,
    }
}

#[test]
fn german_and_english_dates() {
    assert_eq!(long_date(Language::De, d(2017, 3, 8)), "8. März 2017");
    assert_eq!(long_date(Language::Ls, d(2017, 3, 8)), "8. März 2017");
    assert_eq!(long_date(Language::En, d(2017, 3, 8)), "8 March 2017");
    assert_eq!(month_year(Language::De, 2017, 3), "März 2017");
    assert_eq!(
        weekday_names(Language::De).join(" "),
        "Mo Di Mi Do Fr Sa So"
    );
    assert_eq!(
        display_when(Language::De, &at(10, 0)),
        "8. März 2017, 10:00 Uhr"
    );
    assert_eq!(
        display_when(Language::En, &at(18, 30)),
        "8 March 2017, 18:30"
    );
}

#[test]
fn turkish_dates() {
    assert_eq!(long_date(Language::Tr, d(2017, 3, 8)), "8 Mart 2017");
    assert_eq!(long_date(Language::Tr, d(2017, 8, 31)), "31 Ağustos 2017");
    assert_eq!(month_year(Language::Tr, 2017, 12), "Aralık 2017");
    assert_eq!(display_when(Language::Tr, &at(18, 30)), "8 Mart 2017 18:30");
    assert_eq!(
        weekday_names(Language::Tr).join(" "),
        "Pzt Sal Çar Per Cum Cmt Paz"
    );
}

#[test]
fn arabic_dates() {
    assert_eq!(long_date(Language::Ar, d(2017, 3, 8)), "8 مارس 2017");
    assert_eq!(month_year(Language::Ar, 2017, 5), "مايو 2017");
    assert_eq!(
        display_when(Language::Ar, &at(18, 30)),
        "8 مارس 2017، 18:30"
    );
    assert_eq!(weekday_names(Language::Ar)[0], "إثنين");
}

#[test]
fn ukrainian_dates_use_the_genitive_in_a_date_and_the_nominative_alone() {
    assert_eq!(
        long_date(Language::Uk, d(2017, 3, 8)),
        "8 березня 2017\u{202f}р."
    );
    assert_eq!(month_year(Language::Uk, 2017, 3), "Березень 2017\u{202f}р.");
    assert_eq!(month_name(Language::Uk, 11), "Листопад");
    assert_eq!(
        display_when(Language::Uk, &at(9, 5)),
        "8 березня 2017\u{202f}р., 09:05"
    );
    assert_eq!(
        weekday_names(Language::Uk).join(" "),
        "Пн Вт Ср Чт Пт Сб Нд"
    );
}

#[test]
fn numbers_are_grouped_as_each_language_writes_them() {
    assert_eq!(number(Language::De, 52000), "52.000");
    assert_eq!(number(Language::Ls, 1234567), "1.234.567");
    assert_eq!(number(Language::En, 52000), "52,000");
    assert_eq!(number(Language::Tr, 52000), "52.000");
    assert_eq!(number(Language::Ar, 52000), "52,000");
    assert_eq!(number(Language::Uk, 52000), "52\u{a0}000");
    assert_eq!(number(Language::De, 999), "999");
    assert_eq!(number(Language::De, 0), "0");
}

#[test]
fn every_counted_word_has_exactly_the_forms_of_its_language() {
    let english = locale(Language::En);
    let english_keys: Vec<&str> = english.counts.iter().map(|(k, _)| *k).collect();
    for language in Language::ALL {
        let l = locale(language);
        let counted: Vec<&str> = l.counts.iter().map(|(k, _)| *k).collect();
        assert_eq!(counted, english_keys, "{language:?} count keys");
        for (key, forms) in l.counts {
            let categories: Vec<Category> = forms.iter().map(|(c, _)| *c).collect();
            assert_eq!(
                categories,
                plural::categories(language),
                "{language:?} `{key}`"
            );
            for (category, text) in *forms {
                assert!(!text.trim().is_empty(), "{language:?} `{key}` {category:?}");
            }
        }
    }
}

#[test]
fn a_number_and_its_word_agree_in_every_language() {
    assert_eq!(count(Language::De, "gaps", 1), "1 Lücke");
    assert_eq!(count(Language::De, "gaps", 3), "3 Lücken");
    assert_eq!(count(Language::De, "articles", 1200), "1.200 Artikel");
    assert_eq!(count(Language::Ls, "articles", 1), "1 Nachricht");
    assert_eq!(count(Language::En, "offers", 1), "1 offer");
    assert_eq!(count(Language::En, "gaps", 2), "2 gaps");
    assert_eq!(count(Language::Tr, "offers", 2), "2 hizmet");
    let uk: Vec<String> = [1, 3, 5, 11, 21, 22]
        .iter()
        .map(|&n| count(Language::Uk, "gaps", n))
        .collect();
    assert_eq!(
        uk,
        [
            "1 прогалина",
            "3 прогалини",
            "5 прогалин",
            "11 прогалин",
            "21 прогалина",
            "22 прогалини"
        ]
    );
    let ar: Vec<String> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|&n| count(Language::Ar, "gaps", n))
        .collect();
    assert_eq!(
        ar,
        [
            "لا توجد فجوات",
            "فجوة واحدة",
            "فجوتان",
            "3 فجوات",
            "11 فجوةً",
            "100 فجوة"
        ]
    );
}

#[test]
fn counted_words_reach_templates_with_their_language() {
    let t = strings(Language::Uk);
    assert_eq!(t["counts"]["gaps"]["language"], "uk");
    assert_eq!(t["counts"]["gaps"]["few"], "{n} прогалини");
    assert!(t["counts"]["gaps"].get("two").is_none());
    assert_eq!(t["gaps"], "Прогалини");
}
