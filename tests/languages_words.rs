//! A site in Turkish, Arabic, Ukrainian or Leichte Sprache shows the
//! theme's words, dates and numbers in that language, and none of the
//! theme's English words.

mod common;

use common::{attrs, files, texts, Fixture};
use kette::language::Language;
use kette::render::i18n;
use scraper::{Html, Selector};

/// The small network in `language`, with an offer and a heading in the
/// language's script.
fn site(language: Language, heading: &str, offer: &str) -> Fixture {
    let f = Fixture::new().with_small_network();
    f.write(
        "site.yaml",
        &format!(
            "title: \"Testnetz\"\nbase_url: \"https://example.org/sub/\"\nlanguage: {}\npaginate: 2\nsearch: true\n",
            language.key()
        ),
    );
    f.write(
        "content/municipalities/ahlen.yaml",
        &format!(
            "name: Ahlen\nkind: Stadt\nparent: kreis-warendorf\ncohort: 2017\njoined: 2017\npopulation: 52000\nlocation: {{ lat: 51.76, lon: 7.89 }}\noffers:\n  - name: \"{offer}\"\n    stages: [\"0-3\"]\n"
        ),
    );
    f.write(
        "content/news/2017-03-20-abschnitt.md",
        &format!("---\ntitle: \"Ein Abschnitt\"\n---\nText.\n\n## {heading}\n\nMehr.\n"),
    );
    f.build();
    f
}

/// True when `needle` stands in `text` as words of its own (not inside a
/// longer word).
fn contains_words(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every text a reader meets on a page: its text and the attributes that
/// are read out or shown (labels, titles, the search script's words).
fn readable(html: &Html) -> Vec<String> {
    let mut out = Vec::new();
    let all = Selector::parse("*").unwrap();
    for element in html.select(&all) {
        // Scripts hold data (JSON-LD), not words.
        if !matches!(element.value().name(), "script" | "style") {
            let own = element.children().filter_map(|n| n.value().as_text());
            out.extend(own.map(|t| t.to_string()));
        }
        for (name, value) in element.value().attrs() {
            if matches!(name, "aria-label" | "title" | "placeholder" | "alt")
                || name.starts_with("data-")
            {
                out.push(value.to_string());
            }
        }
    }
    out
}

/// Asserts that no page of the site shows one of the theme's English words
/// (words of three letters or more; the fixture's content is German).
fn no_english_words(f: &Fixture, language: Language) {
    let english = i18n::locale(Language::En);
    let own = i18n::locale(language);
    let own_texts: Vec<&str> = own
        .words()
        .iter()
        .chain(own.search_words())
        .map(|(_, t)| *t)
        .collect();
    let words: Vec<&str> = english
        .words()
        .iter()
        .chain(english.search_words())
        .map(|(_, t)| *t)
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|t| !own_texts.contains(t))
        .collect();
    let mut leaks = Vec::new();
    for (path, file) in files(&f.output()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&std::fs::read_to_string(file).unwrap());
        for text in readable(&html) {
            for word in &words {
                if contains_words(&text, word) {
                    leaks.push(format!("{path}: {word:?} in {text:?}"));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "English words on a {language:?} site:\n{}",
        leaks.join("\n")
    );
}

/// The texts of the elements `selector` selects on `page`, with white
/// space kept as it is (a no-break space is part of a Ukrainian date).
fn text_of(f: &Fixture, page: &str, selector: &str) -> String {
    let s = Selector::parse(selector).unwrap();
    let html = f.page(page);
    let found: Vec<String> = html.select(&s).map(|e| e.text().collect()).collect();
    found.join(" | ")
}

#[test]
fn a_turkish_site_is_in_turkish() {
    let f = site(Language::Tr, "Çocuk ve aile desteği", "Aile ofisi");
    assert!(text_of(&f, "news/start/index.html", "time").contains("8 Mart 2017"));
    let event = text_of(&f, "events/workshop/index.html", "dd");
    assert!(event.contains("27 Mart 2017 09:00 – 16:00"), "{event}");
    assert_eq!(
        text_of(&f, "calendar/2017/03/index.html", "h1"),
        "Mart 2017"
    );
    assert_eq!(
        texts(&f.page("calendar/2017/03/index.html"), "thead th").join(" "),
        "Pzt Sal Çar Per Cum Cmt Paz"
    );
    let ahlen = text_of(&f, "municipalities/ahlen/index.html", "dl.facts");
    assert!(
        ahlen.contains("Nüfus") && ahlen.contains("52.000"),
        "{ahlen}"
    );
    assert!(
        attrs(&f.page("municipalities/ahlen/index.html"), "[id]", "id")
            .contains(&"hizmet-aile-ofisi".to_string())
    );
    assert!(attrs(&f.page("news/abschnitt/index.html"), "h2[id]", "id")
        .contains(&"cocuk-ve-aile-destegi".to_string()));
    assert!(text_of(&f, "chain/index.html", "h1").contains("Önleme zinciri"));
    assert!(text_of(&f, "chain/index.html", "thead").contains("0–3 yaş"));
    assert_eq!(
        attrs(
            &f.page("index.html"),
            "meta[property='og:locale']",
            "content"
        ),
        ["tr_TR"]
    );
    no_english_words(&f, Language::Tr);
}

#[test]
fn an_arabic_site_is_in_arabic() {
    let f = site(Language::Ar, "دعم الأسرة", "مكتب الأسرة");
    assert!(text_of(&f, "news/start/index.html", "time").contains("8 مارس 2017"));
    let event = text_of(&f, "events/workshop/index.html", "dd");
    assert!(event.contains("27 مارس 2017، 09:00 حتى 16:00"), "{event}");
    assert_eq!(
        text_of(&f, "calendar/2017/03/index.html", "h1"),
        "مارس 2017"
    );
    let ahlen = text_of(&f, "municipalities/ahlen/index.html", "dl.facts");
    assert!(
        ahlen.contains("عدد السكان") && ahlen.contains("52,000"),
        "{ahlen}"
    );
    assert!(
        attrs(&f.page("municipalities/ahlen/index.html"), "[id]", "id")
            .contains(&"khidma-mktb-alasra".to_string())
    );
    assert!(attrs(&f.page("news/abschnitt/index.html"), "h2[id]", "id")
        .contains(&"dam-alasra".to_string()));
    no_english_words(&f, Language::Ar);
}

#[test]
fn a_ukrainian_site_is_in_ukrainian() {
    let f = site(Language::Uk, "Підтримка сімей", "Сімейний офіс");
    let date = text_of(&f, "news/start/index.html", "time");
    assert!(date.contains("8 березня 2017\u{202f}р."), "{date:?}");
    let event = text_of(&f, "events/workshop/index.html", "dd");
    assert!(
        event.contains("27 березня 2017\u{202f}р., 09:00 – 16:00"),
        "{event}"
    );
    assert_eq!(
        text_of(&f, "calendar/2017/03/index.html", "h1"),
        "Березень 2017\u{202f}р."
    );
    let months = texts(&f.page("archive/2017/index.html"), "main a");
    assert!(
        months.iter().any(|t| t.starts_with("Березень")),
        "{months:?}"
    );
    let ahlen = text_of(&f, "municipalities/ahlen/index.html", "dl.facts");
    assert!(
        ahlen.contains("Населення") && ahlen.contains("52\u{a0}000"),
        "{ahlen}"
    );
    assert!(
        attrs(&f.page("municipalities/ahlen/index.html"), "[id]", "id")
            .contains(&"posluha-simeinyi-ofis".to_string())
    );
    assert!(attrs(&f.page("news/abschnitt/index.html"), "h2[id]", "id")
        .contains(&"pidtrymka-simei".to_string()));
    no_english_words(&f, Language::Uk);
}

#[test]
fn a_leichte_sprache_site_is_in_leichte_sprache() {
    let f = site(Language::Ls, "Hilfe für Familien", "Familien-Büro");
    assert!(text_of(&f, "news/start/index.html", "time").contains("8. März 2017"));
    assert!(text_of(&f, "chain/index.html", "h1").contains("Präventions-Kette"));
    let home = readable(&f.page("index.html")).join(" ");
    assert!(home.contains("Direkt zum Text") && home.contains("Neue Nachrichten"));
    assert!(!home.contains("Hauptnavigation") && !home.contains("Aktuelle Nachrichten"));
    assert!(
        attrs(&f.page("municipalities/ahlen/index.html"), "[id]", "id")
            .contains(&"angebot-familien-buero".to_string())
    );
    no_english_words(&f, Language::Ls);
}

/// The word tables of docs/languages.md, made from the catalogue.
fn word_tables() -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let header = |out: &mut String| {
        out.push_str("| Key |");
        for language in Language::ALL {
            out.push_str(&format!(" {} |", language.key()));
        }
        out.push_str("\n|---|");
        for _ in Language::ALL {
            out.push_str("---|");
        }
        out.push('\n');
    };
    let mut out = String::from("| Language | Tag | Words |\n|---|---|---|\n");
    for language in Language::ALL {
        let status = match i18n::locale(language).review {
            i18n::Review::Checked => "checked by a reader of the language",
            i18n::Review::Draft => "draft, awaiting a native reader",
        };
        out.push_str(&format!(
            "| {} | `{}` | {status} |\n",
            language.native_name(),
            language.code()
        ));
    }
    for (title, pick) in [
        (
            "Theme strings `t.*`",
            i18n::Locale::words as fn(&i18n::Locale) -> _,
        ),
        ("Search page `search.strings.*`", i18n::Locale::search_words),
    ] {
        out.push_str(&format!("\n### {title}\n\n"));
        header(&mut out);
        let rows = pick(i18n::locale(Language::En));
        for (i, (key, _)) in rows.iter().enumerate() {
            out.push_str(&format!("| `{key}` |"));
            for language in Language::ALL {
                out.push_str(&format!(" {} |", cell(pick(i18n::locale(language))[i].1)));
            }
            out.push('\n');
        }
    }
    out.push_str("\n### Counted words `t.counts.*`\n\n");
    header(&mut out);
    let counts = i18n::locale(Language::En).counts();
    for (i, (key, _)) in counts.iter().enumerate() {
        out.push_str(&format!("| `{key}` |"));
        for language in Language::ALL {
            let forms = i18n::locale(language).counts()[i].1;
            let cells: Vec<String> = forms
                .iter()
                .map(|(category, text)| format!("{}: {}", category.key(), cell(text)))
                .collect();
            out.push_str(&format!(" {} |", cells.join("<br>")));
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_languages_page_lists_every_word_as_the_catalogue_has_it() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/languages.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- words:begin -->\n", "<!-- words:end -->");
    let start = page.find(begin).expect("begin marker") + begin.len();
    let stop = page.find(end).expect("end marker");
    let wanted = word_tables();
    if std::env::var_os("KETTE_BLESS").is_some() {
        let updated = format!("{}{wanted}{}", &page[..start], &page[stop..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &page[start..stop],
        wanted,
        "docs/languages.md is out of date; run with KETTE_BLESS=1 to rewrite the tables"
    );
}
