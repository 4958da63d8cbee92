//! One example of every message an editor meets in content and
//! `site.yaml`, with its fix: the list in docs/redaktion.md is generated
//! from it (and checked by tests/messages.rs), so the guide shows the
//! words kette really prints.

use super::*;

/// (message, fix) of each message, with example values. Long because it
/// is a list, one entry a message, in the order of docs/redaktion.md.
pub fn samples() -> Vec<(Text, Option<Text>)> {
    let pair = |(m, h): (Text, Text)| (m, Some(h));
    let alone = |m: Text| (m, None);
    vec![
        pair(yaml_tab(3, 1)),
        pair(yaml_unquoted_colon("title", "title: \"Treffen: Eltern\"")),
        pair(yaml_quote_in_quotes(
            "title",
            "title: \"Fachtag „Übergänge“ mit Eltern\"",
            "title: 'Fachtag \"Übergänge\" mit Eltern'",
        )),
        pair(yaml_text_after_quote("title")),
        pair(yaml_unclosed_quote(2, '"')),
        pair(yaml_unclosed_bracket(4, '[', ']')),
        pair(yaml_indentation(4)),
        pair(yaml_list_indentation(5)),
        pair(yaml_half_key(3, "summ")),
        pair(yaml_reserved_start("title", '@')),
        pair(yaml_bad_character()),
        pair(yaml_other()),
        (unknown_key("sumary"), Some(did_you_mean("summary"))),
        pair(missing_key("title")),
        pair(duplicate_key("date")),
        alone(wrong_type(
            &kind("a sequence").unwrap_or_else(|| Text::new("", "")),
            &kind("string \"Elternarbeit\"").unwrap_or_else(|| Text::new("", "")),
        )),
        pair(unknown_variant("Dorf", "Stadt, Gemeinde, Kreis")),
        pair(front_matter_empty()),
        pair(front_matter_missing()),
        pair(front_matter_unclosed()),
        pair(front_matter_bad_fence("--")),
        alone(date_does_not_exist("2017-02-30")),
        alone(date_write_iso("3.4.2025", "2025-04-03")),
        alone(not_a_date("morgen")),
        alone(control_character(0x1b)),
        (file_control_character(0x7), Some(control_character_help())),
        pair(not_utf8()),
        alone(nul_byte()),
        alone(not_an_email("info(at)ahlen.de")),
        alone(not_a_phone("ruf an")),
        alone(out_of_range(true, 151.2, 90.0)),
        alone(unknown_time_zone("Europe/Berln")),
        alone(image_unusable(
            "bild.heic",
            &image_format_unsupported("HEIC"),
        )),
        pair(image_not_in_static("/bilder/foto.jpg", "bilder/foto.jpg")),
        (
            image_not_in_folder("foto.JPG", "content/news/2025-01-06-foto/").0,
            Some(did_you_mean("foto.jpg")),
        ),
        pair(image_article_without_folder("bild.jpg")),
        pair(image_event_without_folder("bild.jpg")),
        pair(image_not_published("foto.jpg", "news/x/foto.jpg")),
        pair(image_without_alt("foto.jpg")),
        pair(link_to_draft("@/news/2017-06-03-entwurf.md")),
        (
            link_to_missing_file("@/news/2017-04-03-lernnetzwerkk.md"),
            Some(did_you_mean("news/2017-04-03-lernnetzwerk.md")),
        ),
        alone(link_not_in_site("/news/gibt-es-nicht/")),
        pair(url_taken(
            "news/planungsworkshops/",
            "content/news/2017-06-05-doppelt.md",
        )),
        pair(url_generated("archive/", "the archive")),
        pair(draft_page("content/news/2018-01-01-entwurf.md")),
        pair(offer_without_stage("Familienbüro", "0-3, 3-6, 6-10")),
        pair(unknown_stage("0-2", "Familienbüro", "0-3, 3-6, 6-10")),
        (
            unknown_stage("0 bis 3 Jahre", "Familienbüro", "0-3, 3-6, 6-10").0,
            Some(stage_label_not_id("0 bis 3 Jahre", "0-3")),
        ),
        pair(unknown_municipality("warendorff", "ahlen, warendorf")),
        pair(event_ends_before_start()),
        alone(parent_cycle("Ahlen")),
        alone(no_site_yaml("meine-seite")),
        alone(base_url_scheme("example.org/praevention")),
        alone(base_url_characters("https://example.org/?x")),
        alone(base_url_host("https:///praevention")),
        alone(base_url_dots("https://example.org/../x")),
        alone(paginate_zero()),
        alone(path_segment("news", "Nachrichten")),
        alone(path_twice("events", "news")),
        alone(stages_empty()),
        alone(extra_not_a_map()),
        alone(stage_id_characters("0 bis 3")),
        alone(stage_id_twice("0-3")),
        alone(title_empty()),
        alone(theme_name("../x")),
        alone(image_widths_empty()),
        alone(image_width_range(10000, 16, 8192)),
        alone(image_quality(0)),
        alone(image_sizes_quote()),
        pair(theme_not_found("meins")),
        alone(no_template_in_theme("sonder.html")),
        alone(path_part_too_long(
            "news/ein-sehr-langer-titel…/index.html",
            312,
            "ein-sehr-langer-titel",
            255,
        )),
        (
            output_refused("public", OutputRefusal::NotKettes),
            Some(choose_empty_folder()),
        ),
        pair(disk_full(120, 48.5, 800, "/srv/www/public", "/srv/www")),
        alone(port_in_use(1111, "127.0.0.1")),
        alone(no_free_port(1111, 1130, "127.0.0.1")),
        alone(serve_not_a_site("meine-seite")),
        pair(import_file_exists()),
        alone(export_problem(ExportProblem::NotAnExport)),
        alone(export_problem(ExportProblem::DocType)),
        alone(news_index_not_article()),
        (
            not_content("events", ContentKind::Event),
            Some(move_or_rename()),
        ),
        alone(link_outside()),
        (
            slug_characters("Elterncafé 2024"),
            Some(did_you_mean("elterncafe-2024")),
        ),
        (no_slug(), Some(add_slug())),
        (static_replaces_page("news/"), Some(rename_static())),
        alone(address_taken("ueber-uns/")),
        alone(language_is_default("de")),
        alone(prefix_twice("en")),
        alone(prefix_is_section("news", "news")),
        alone(prefix_characters("EN")),
        alone(tag_characters("en us")),
        pair(translation_without_original(
            "news/2017-03-08-planungsworkshop.md",
        )),
        pair(language_not_configured("tr", "en, ar")),
        pair(translation_twice(
            "en",
            "content/news/2017-03-08-planungsworkshops/index.en.md",
        )),
        pair(translated_offer_unknown(
            "Familienbüro",
            "Elterncafé, Babylotsen",
        )),
    ]
}

/// The list of docs/redaktion.md in `language`: each message and its fix.
pub fn samples_markdown(language: Language) -> String {
    let fix = match language.is_german() {
        true => "Lösung",
        false => "Fix",
    };
    let mut out = String::new();
    for (message, help) in samples() {
        out.push_str(&format!("- {}", message.get(language)));
        if let Some(help) = help {
            out.push_str(&format!("  \n  {fix}: {}", help.get(language)));
        }
        out.push('\n');
    }
    out
}
