//! Multilingual sites: the chain's stages and the topics are named in each
//! language — kette's default stages in its own words for every language,
//! a site's own stages by their `translations:` and topics by
//! `topic_names:` in site.yaml (docs/languages.md, "Names of stages and
//! topics"); ids, slugs and URLs stay one value; a name in a language the
//! site does not list is an error at its place.

mod common;

use common::{texts, Fixture};

/// The stage names of a language's chain table header.
fn stage_names(site: &Fixture, prefix: &str) -> Vec<String> {
    let page = site.page(&format!("{prefix}chain/index.html"));
    texts(&page, "thead th a")
}

#[test]
fn default_stages_are_named_in_every_language() {
    let site = Fixture::copy_of("languages");
    site.build();
    assert_eq!(stage_names(&site, "")[0], "Schwangerschaft und Geburt");
    assert_eq!(stage_names(&site, "en/")[0], "Pregnancy and birth");
    assert_eq!(stage_names(&site, "ar/")[1], "من 0 إلى 3 سنوات");
    // The offers page of a stage: its heading in the page's language, its
    // URL the same id in every language.
    let page = site.page("en/offers/0-3/index.html");
    assert_eq!(texts(&page, "h1"), ["Offers: 0 to 3 years"]);
    let profile = site.page("ar/municipalities/nordstadt/index.html");
    assert!(texts(&profile, "li.stage h3").contains(&"الحمل والولادة".to_string()));
}

const STAGES: &str = "stages:
  - id: fruehe-hilfen
    name: \"Frühe Hilfen\"
    translations:
      en: \"Early help\"
      ar: \"المساعدة المبكرة\"
  - id: schule
    name: \"Schule\"
    translations:
      en: \"School\"
";

/// The fixture with `stages` (and its records' offers in them).
fn with_stages(stages: &str) -> Fixture {
    let site = Fixture::copy_of("languages");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}{stages}"));
    for file in ["nordstadt", "suedheim"] {
        let path = format!("content/municipalities/{file}.yaml");
        let text = std::fs::read_to_string(site.root().join(&path)).unwrap();
        let text = text
            .replace("[schwangerschaft, \"0-3\"]", "[fruehe-hilfen]")
            .replace("[\"0-3\"]", "[fruehe-hilfen]")
            .replace("[\"3-6\"]", "[schule]");
        site.write(&path, &text);
    }
    site
}

#[test]
fn a_sites_own_stages_are_named_by_their_translations() {
    let site = with_stages(STAGES);
    site.build();
    assert_eq!(stage_names(&site, ""), ["Frühe Hilfen", "Schule"]);
    assert_eq!(stage_names(&site, "en/"), ["Early help", "School"]);
    // No Arabic name for "Schule": the name as written.
    assert_eq!(stage_names(&site, "ar/"), ["المساعدة المبكرة", "Schule"]);
    assert!(site
        .output()
        .join("en/offers/fruehe-hilfen/index.html")
        .is_file());
}

#[test]
fn a_stage_translated_into_an_unlisted_language_is_reported_at_its_place() {
    let site = with_stages(&STAGES.replace("      en: \"School\"", "      tr: \"Okul\""));
    let problems = site.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    // site.yaml has 20 lines before `stages:`; `tr:` is on its 11th line.
    assert!(problems[0].starts_with("site.yaml:30:7:"), "{problems:?}");
    assert!(problems[0].contains("`tr`"), "{problems:?}");
    let site = with_stages(&STAGES.replace("      en: \"School\"", "      fr: \"École\""));
    let problems = site.problems();
    assert!(problems[0].starts_with("site.yaml:30:7"), "{problems:?}");
    assert!(problems[0].contains("`fr`"), "{problems:?}");
}

const TOPIC_NAMES: &str = "topic_names:
  Eltern:
    en: \"Parents\"
    ar: \"الوالدان\"
  \"Frühe Hilfen\":
    en: \"Early help\"
";

#[test]
fn topics_are_named_by_topic_names_and_keep_their_slug() {
    let site = Fixture::copy_of("languages");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}{TOPIC_NAMES}"));
    site.build();
    let h1 = |page: &str| texts(&site.page(page), "h1").join(" ");
    assert!(h1("en/topics/eltern/index.html").contains("Parents"));
    assert!(h1("ar/topics/eltern/index.html").contains("الوالدان"));
    assert!(h1("topics/eltern/index.html").contains("Eltern"));
    assert!(h1("en/topics/fruehe-hilfen/index.html").contains("Early help"));
    // No English name given: the name as content writes it.
    assert!(h1("en/topics/uebergaenge/index.html").contains("Übergänge"));
    let list = texts(&site.page("en/topics/index.html"), "main li a");
    assert!(list.contains(&"Parents".to_string()), "{list:?}");
    assert!(!list.contains(&"Eltern".to_string()), "{list:?}");
    let article = texts(&site.page("en/news/elterncafe/index.html"), "main a");
    assert!(article.contains(&"Parents".to_string()), "{article:?}");
}

#[test]
fn a_topic_name_in_an_unlisted_language_is_reported_at_its_place() {
    let site = Fixture::copy_of("languages");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let names = TOPIC_NAMES.replace("    en: \"Early help\"", "    uk: \"Рання допомога\"");
    site.write("site.yaml", &format!("{yaml}{names}"));
    let problems = site.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    // site.yaml has 20 lines before `topic_names:`; `uk:` is on its 6th.
    assert!(problems[0].starts_with("site.yaml:26:5:"), "{problems:?}");
    assert!(problems[0].contains("`uk`"), "{problems:?}");
}
