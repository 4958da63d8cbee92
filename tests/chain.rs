//! The prevention chain (issue 10): offers in their stages on profiles, gaps
//! marked, the network overview's counts, the offer directory, and errors for
//! unknown stages.

mod common;

use common::{attrs, texts, Fixture};

fn network() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/municipalities/kreis-recklinghausen.yaml",
        r#"name: Kreis Recklinghausen
kind: Kreis
offers:
  - name: "Kinder psychisch kranker Eltern"
    stages: ["0-3", "3-6", "6-10", "10-16"]
    provider: "Kreis Recklinghausen"
    topics: [Kinder psychisch kranker Eltern]
  - name: "Sprachbildung"
    stages: ["0-3", "3-6", "6-10"]
    topics: [Sprachbildung]
"#,
    );
    site.write(
        "content/municipalities/gladbeck.yaml",
        r#"name: Gladbeck
kind: Stadt
parent: kreis-recklinghausen
offers:
  - name: "Familienbüro"
    stages: [schwangerschaft, "0-3"]
    topics: [Frühe Hilfen]
    description: "Beratung für [Familien](@/municipalities/kreis-recklinghausen.yaml)."
"#,
    );
    site.write(
        "content/municipalities/ahlen.yaml",
        "name: Ahlen\nkind: Stadt\n",
    );
    site
}

#[test]
fn a_profile_shows_each_stage_with_its_offers_and_marks_gaps() {
    let site = network();
    site.build();
    let page = site.page("municipalities/kreis-recklinghausen/index.html");
    let stage_names = texts(&page, "ol.chain > li.stage > h3");
    assert_eq!(
        stage_names,
        [
            "Schwangerschaft und Geburt",
            "0 bis 3 Jahre",
            "3 bis 6 Jahre",
            "6 bis 10 Jahre",
            "10 bis 16 Jahre",
            "16 bis 27 Jahre"
        ]
    );
    let gaps = attrs(&page, "ol.chain > li.stage.gap", "id");
    assert_eq!(gaps, ["stage-schwangerschaft", "stage-16-27"]);
    assert_eq!(
        texts(&page, "#stage-0-3 li"),
        ["Kinder psychisch kranker Eltern", "Sprachbildung"]
    );
    assert_eq!(
        texts(&page, "#stage-10-16 li"),
        ["Kinder psychisch kranker Eltern"]
    );
    assert!(texts(&page, "#stage-16-27 .gap-note")[0].contains("Lücke"));
    // Offers are listed with their details and link targets exist.
    let anchors = attrs(&page, "#stage-0-3 li a", "href");
    for a in anchors {
        let id = a.trim_start_matches('#');
        assert_eq!(
            attrs(&page, &format!("article.offer[id='{id}']"), "id").len(),
            1,
            "{id}"
        );
    }
}

#[test]
fn the_overview_counts_offers_per_cell_and_marks_gaps() {
    let site = network();
    site.build();
    let page = site.page("chain/index.html");
    let rows = texts(&page, ".chain-table tbody th[scope=row] a");
    assert_eq!(rows, ["Ahlen", "Gladbeck", "Kreis Recklinghausen"]);
    let cells = |row: usize| -> Vec<String> {
        texts(&page, &format!(".chain-table tbody tr:nth-child({row}) td"))
    };
    // Ahlen: no offers anywhere, six gaps.
    assert_eq!(
        attrs(&page, ".chain-table tbody tr:nth-child(1) td.gap", "class").len(),
        6
    );
    assert_eq!(cells(1).last().unwrap(), "0");
    // Gladbeck: 1 in pregnancy, 1 in 0-3.
    assert_eq!(
        cells(2)[..2]
            .iter()
            .map(|c| c.chars().next().unwrap())
            .collect::<String>(),
        "11"
    );
    // The Kreis counts its own offers and, separately, its member's.
    let kreis = cells(3);
    assert!(kreis[0].contains("+1 in Mitgliedskommunen"), "{kreis:?}");
    assert!(kreis[1].starts_with("2 +1"), "{kreis:?}");
    assert!(
        kreis[6].starts_with('2') && kreis[6].contains("+1"),
        "{kreis:?}"
    );
    // Totals per stage.
    let totals = texts(&page, ".chain-table tfoot td");
    assert!(
        totals[0].starts_with('1') && totals[1].starts_with('3') && totals[5].starts_with('0'),
        "{totals:?}"
    );
    assert_eq!(totals[6], "3");
    // Screen readers hear the count in the right number.
    let labels = attrs(
        &page,
        ".chain-table tbody tr:nth-child(2) td a",
        "aria-label",
    );
    assert!(labels[0].starts_with("1 Angebot: Gladbeck, "), "{labels:?}");
}

#[test]
fn the_directory_lists_every_offer_by_stage_with_filter_keys() {
    let site = network();
    site.build();
    let all = site.page("offers/index.html");
    assert_eq!(
        texts(&all, "#stage-0-3 ~ ul > li.offer > a:first-child"),
        [
            "Familienbüro",
            "Kinder psychisch kranker Eltern",
            "Sprachbildung"
        ]
    );
    assert_eq!(
        attrs(&all, "li.offer[data-municipality=gladbeck]", "data-topics"),
        ["fruehe-hilfen", "fruehe-hilfen"]
    );
    let stage = site.page("offers/16-27/index.html");
    assert_eq!(texts(&stage, "h2"), ["16 bis 27 Jahre"]);
    assert_eq!(texts(&stage, "li.offer").len(), 0);
    // Offers appear on topic pages.
    let topic = site.page("topics/sprachbildung/index.html");
    assert_eq!(
        texts(&topic, "#topic-offers ~ ul a"),
        ["Sprachbildung", "Kreis Recklinghausen"]
    );
}

#[test]
fn an_unknown_stage_is_an_error_at_its_line_with_a_suggestion() {
    let site = network();
    site.write(
        "content/municipalities/ahlen.yaml",
        "name: Ahlen\noffers:\n  - name: Familienbüro\n    stages: [\"0-3\"]\n  - name: Elternschule\n    stages: [\"0-3\", \"3-7\"]\n  - name: Ohne Phase\n",
    );
    let problems = site.problems();
    assert!(
        problems.contains(&"content/municipalities/ahlen.yaml:6:22: unknown stage `3-7` in offer `Elternschule` (did you mean `3-6`?)".to_string()),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/municipalities/ahlen.yaml:7:")
                && p.contains("offer `Ohne Phase` names no stage")),
        "{problems:?}"
    );
}
