//! Template errors name the template file that holds the error (a site's
//! override, its parent `base.html` or the file of a component), with line
//! and column, Tera's message with its list of the fields there are, and
//! the line of the template — in `build`, in `check`, and in `serve`'s
//! overlay, which lists the same diagnostics.

mod common;

use common::Fixture;

const DEFAULT_THEME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/");

fn default_template(name: &str) -> String {
    std::fs::read_to_string(format!("{DEFAULT_THEME}{name}")).unwrap()
}

/// The problems of a build, of `check` and the text of the overlay.
fn reported(f: &Fixture) -> (Vec<String>, Vec<String>, String) {
    let build = match kette::build(&f.options()) {
        Ok(_) => panic!("the build succeeded"),
        Err(p) => p.into_sorted(),
    };
    let check = match kette::check::check(&f.options()) {
        Ok(_) => panic!("check found nothing"),
        Err(p) => p.into_sorted(),
    };
    let overlay = kette::serve::inject::overlay(&build, kette::language::Language::En);
    let text = |d: &[kette::Diagnostic]| d.iter().map(|d| d.to_string()).collect();
    (text(&build), text(&check), overlay)
}

fn assert_reported(f: &Fixture, position: &str, message: &str, line: &str) {
    let (build, check, overlay) = reported(f);
    for (what, problems) in [("build", &build), ("check", &check)] {
        let found = problems.iter().find(|p| p.starts_with(position));
        let Some(found) = found else {
            panic!("{what} names no problem at {position}: {problems:#?}");
        };
        assert!(found.contains(message), "{what}: {found}");
        assert!(found.contains(line), "{what}: no snippet in {found}");
    }
    assert!(
        overlay.contains(position.trim_end_matches(": ")),
        "{overlay}"
    );
    assert!(
        overlay.contains(&message.replace('`', "&#96;")) || overlay.contains(message),
        "{overlay}"
    );
}

#[test]
fn a_typo_in_a_site_override_of_article_html_names_that_file_line_and_column() {
    let f = Fixture::new().with_small_network();
    f.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.titel }}</h1>\n{% endblock content %}\n",
    );
    assert_reported(
        &f,
        "templates/article.html:3:16: ",
        "Field `titel` is not defined. Available fields: ",
        "<h1>{{ article.titel }}</h1>",
    );
    // The hint lists the real fields.
    let (build, _, _) = reported(&f);
    assert!(build[0].contains(" title, "), "{}", build[0]);
}

#[test]
fn a_typo_in_base_html_names_base_html_not_the_child() {
    let f = Fixture::new().with_small_network();
    let base = default_template("base.html").replace(
        "<meta property=\"og:site_name\" content=\"{{ site.title }}\">",
        "<meta property=\"og:site_name\" content=\"{{ site.titel }}\">",
    );
    assert!(base.contains("site.titel"));
    f.write("templates/base.html", &base);
    assert_reported(
        &f,
        "templates/base.html:9:48: ",
        "Field `titel` is not defined. Available fields: ",
        "{{ site.titel }}",
    );
}

#[test]
fn a_typo_in_a_component_rendered_once_per_build_names_the_component_file() {
    let f = Fixture::new().with_small_network();
    let components = default_template("components.html").replace(
        "{% endif %}>{{ article.title }}</a>",
        "{% endif %}>{{ article.titel }}</a>",
    );
    assert!(components.contains("article.titel"));
    f.write("templates/components.html", &components);
    assert_reported(
        &f,
        "templates/components.html:7:158: ",
        "Field `titel` is not defined.",
        "{{ article.titel }}",
    );
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let f = Fixture::new().with_small_network();
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n{% endblock content %}\n",
    );
    let problems = f.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("templates/page.html:4:")),
        "{problems:#?}"
    );
}

#[test]
fn an_override_in_tera_1_syntax_is_named_with_the_way_to_migrate() {
    let f = Fixture::new().with_small_network();
    f.write(
        "templates/news_list.html",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n{% block content %}{% for a in articles %}{{ m::article_card(article=a, t=t) }}{% endfor %}{% endblock content %}\n",
    );
    let problems = f.problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("templates/news_list.html:2:1: ")
            && problems[0].contains("no `import`"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("templates/news_list.html:3:")
            && problems[1].contains("component calls"),
        "{problems:#?}"
    );
    for p in &problems {
        assert!(p.contains("docs/templates.md"), "{p}");
        assert!(p.contains("Moving a theme from Tera 1"), "{p}");
    }
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/templates.md")).unwrap();
    assert!(
        docs.contains("## Moving a theme from Tera 1"),
        "docs/templates.md has no migration section"
    );
}
