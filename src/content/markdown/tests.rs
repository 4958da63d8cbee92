use super::*;

fn opts() -> RenderOptions {
    RenderOptions {
        raw_html: true,
        language: Language::De,
        eager_first_image: false,
    }
}

fn render(
    text: &str,
    options: RenderOptions,
    page_base: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    super::render(text, options, page_base, resolve, &images_as_is)
}

#[test]
fn at_links_resolve_or_are_reported() {
    let r = render(
        "See [a](@/news/a.md#x) and [b](@/news/missing.md).",
        opts(),
        "/sub/news/x/",
        &|p| (p == "news/a.md").then(|| "/news/a/".to_string()),
    );
    assert!(r.html.contains(r#"href="/news/a/#x""#), "{}", r.html);
    assert_eq!(r.broken_links, vec![(27, "@/news/missing.md".to_string())]);
}

#[test]
fn relative_links_and_images_become_absolute() {
    let r = render(
        "![Bild](bild.png) [x](../y/) [m](mailto:a@b.de) [h](https://e.org/) [f](#top)",
        opts(),
        "/sub/news/x/",
        &|_| None,
    );
    assert!(
        r.html.contains(r#"src="/sub/news/x/bild.png""#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r#"href="/sub/news/x/../y/""#), "{}", r.html);
    assert!(
        r.html.contains(r#"href="mailto:a@b.de""#)
            && r.html.contains(r#"href="https://e.org/""#)
            && r.html.contains(r##"href="#top""##)
    );
}

#[test]
fn headings_get_ids_and_quotes_are_german() {
    let r = render(
        "## Über uns\n\n## Über uns\n\n\"Hallo\" und „Tschüss!“",
        opts(),
        "",
        &|_| None,
    );
    assert!(r.html.contains(r#"<h2 id="ueber-uns">"#), "{}", r.html);
    assert!(r.html.contains(r#"<h2 id="ueber-uns-1">"#));
    assert!(r.html.contains("„Hallo“ und „Tschüss!“"), "{}", r.html);
}

#[test]
fn summary_is_before_more_or_first_paragraph() {
    let r = render("One.\n\nTwo.\n", opts(), "", &|_| None);
    assert_eq!(&*r.summary_html, "<p>One.</p>\n");
    let r = render(
        "One.\n\nTwo.\n\n<!-- more -->\n\nThree.",
        opts(),
        "",
        &|_| None,
    );
    assert!(r.summary_html.contains("Two."));
    assert!(!r.summary_html.contains("Three."));
    assert_eq!(&*r.plain, "One. Two. Three.");
}

#[test]
fn plain_text_has_single_spaces_between_words() {
    let r = render(
            "# Ein  Titel\n\nText mit *Betonung*und `Code`  \nund\u{a0}Umbruch.\n\n- eins\n- zwei\n\n| a | b |\n|---|---|\n| c | d |\n",
            opts(),
            "/",
            &|_| None,
        );
    assert_eq!(
        &*r.plain,
        "Ein Titel Text mit Betonungund Code und Umbruch. eins zwei a b c d"
    );
}

/// pulldown-cmark's own HTML for `markdown`, with kette's parser options.
fn pulldown(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, parser_options()));
    html
}

/// kette's writer over the plain events: only the tags of code blocks
/// and tables are its own.
fn written(markdown: &str) -> String {
    let pieces: Vec<Piece<'_>> = Parser::new_ext(markdown, parser_options())
        .map(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => Piece::Raw(h),
            other => Piece::Md(other),
        })
        .collect();
    html::write(&pieces, true)
}

#[test]
fn pre_and_table_take_focus_and_nothing_else_changes() {
    let spec: Vec<serde_json::Value> = serde_json::from_str(include_str!(
        "../../../tests/fixtures/commonmark/spec-0.31.2.json"
    ))
    .unwrap();
    let extra = [
        "- a\n  ```rust\n  x\n  ```\n",
        "- ```\n  x\n  ```\n",
        "> ```\n> x\n",
        "x[^1]\n\n[^1]:\n    code\n",
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| 4 |\n\n| x |\n|---|\n| y |\n",
        "- [ ] x\n\n      code\n",
        "```a\"b<c d\n```\n<span title=\"<pre>\"><!-- <table> --></span>\n",
    ];
    let examples = spec
        .iter()
        .map(|e| e["markdown"].as_str().unwrap())
        .chain(extra);
    let mut with_tabindex = 0;
    for markdown in examples {
        let ours = written(markdown);
        with_tabindex += usize::from(ours.contains("tabindex"));
        let theirs = pulldown(markdown);
        assert_eq!(
            ours.replace("<pre tabindex=\"0\">", "<pre>")
                .replace("<table tabindex=\"0\">", "<table>"),
            theirs,
            "{markdown:?}"
        );
        let scrollable = Parser::new_ext(markdown, parser_options())
            .filter(|e| matches!(e, Event::Start(Tag::CodeBlock(_) | Tag::Table(_))))
            .count();
        assert_eq!(
            ours.matches(" tabindex=\"0\"").count(),
            scrollable,
            "{markdown:?}"
        );
    }
    assert!(with_tabindex > 80, "{with_tabindex}");
}

#[test]
fn raw_html_is_written_as_it_is() {
    let markdown = "<span title=\"<pre>\">x</span> <!-- <table> -->\n\n<div title='<pre>'>\n<!-- <pre> -->\n</div>\n";
    let r = render(markdown, opts(), "", &|_| None);
    assert_eq!(
            &*r.html,
            "<p><span title=\"<pre>\">x</span> <!-- <table> --></p>\n<div title='<pre>'>\n<!-- <pre> -->\n</div>\n"
        );
}

#[test]
fn plain_text_leaves_raw_html_out() {
    for raw_html in [true, false] {
        let r = render(
            "Ein <b title=\"x > y\">fettes</b> <!-- a > b --> Wort.\n\n<div title=\"z\">\nblock\n</div>\n",
            RenderOptions { raw_html, ..opts() },
            "",
            &|_| None,
        );
        assert_eq!(&*r.plain, "Ein fettes Wort.");
        assert_eq!(&*r.summary_text, "Ein fettes Wort.");
    }
}

#[test]
fn raw_html_can_be_escaped() {
    let r = render(
        "<script>x</script>",
        RenderOptions {
            raw_html: false,
            language: Language::En,
            eager_first_image: false,
        },
        "",
        &|_| None,
    );
    assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    let r = render(
        "A\n\n<!-- more -->\n\nB",
        RenderOptions {
            raw_html: false,
            language: Language::En,
            eager_first_image: false,
        },
        "",
        &|_| None,
    );
    assert!(
        !r.html.contains("more"),
        "the summary marker never shows: {}",
        r.html
    );
}

#[test]
fn known_images_become_responsive_and_are_noted() {
    let hook = |image: &ImageRef<'_>| {
        if image.written == "foto.jpg" {
            ImageLookup::Responsive(ResponsiveImage {
                src: format!("{}-960.jpg", image.url.trim_end_matches(".jpg")),
                srcset: "a-480.jpg 480w, a-960.jpg 960w".into(),
                sizes: "100vw".into(),
                width: 960,
                height: 1280,
            })
        } else {
            ImageLookup::AsIs
        }
    };
    let r = super::render(
        "Text\n\n![Ein \"Foto\"](foto.jpg \"Titel\") ![](x.svg) ![Noch eins](foto.jpg)",
        RenderOptions {
            eager_first_image: true,
            ..opts()
        },
        "/sub/news/x/",
        &|_| None,
        &hook,
    );
    assert!(
            r.html.contains(r#"<img src="/sub/news/x/foto-960.jpg" srcset="a-480.jpg 480w, a-960.jpg 960w" sizes="100vw" width="960" height="1280" alt="Ein „Foto“" title="Titel" decoding="async">"#),
            "{}",
            r.html
        );
    assert!(
        r.html.contains(r#"<img src="/sub/news/x/x.svg" alt="" />"#),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(r#"alt="Noch eins" loading="lazy""#),
        "{}",
        r.html
    );
    let alts: Vec<(&str, &str)> = r
        .images
        .iter()
        .map(|i| (i.written.as_str(), i.alt.as_str()))
        .collect();
    assert_eq!(
        alts,
        [
            ("foto.jpg", "Ein „Foto“"),
            ("x.svg", ""),
            ("foto.jpg", "Noch eins")
        ]
    );
    assert_eq!(r.images[0].offset, 6);
}

#[test]
fn control_characters_from_character_references_are_replaced() {
    let r = render("A&#1;B&#x1b;C&#127;D&#133;E\tF `&#1;`", opts(), "", &|_| {
        None
    });
    assert_eq!(
        &*r.html,
        "<p>A\u{fffd}B\u{fffd}C\u{fffd}D\u{fffd}E\tF <code>&amp;#1;</code></p>\n"
    );
    assert!(!r.plain.chars().any(|c| c.is_control() && c != '\t'));
}
