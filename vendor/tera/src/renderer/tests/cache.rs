//! kette: `{% cache key, … %}…{% endcache %}` sections.

use crate::context::Context;
use crate::fragment_cache::FragmentCache;
use crate::tera::Tera;

fn render(tera: &Tera, name: &str, context: &Context, cache: Option<&FragmentCache>) -> String {
    let mut out = Vec::new();
    match cache {
        Some(cache) => tera
            .render_to_with_cache(name, context, &mut out, cache)
            .unwrap(),
        None => tera.render_to(name, context, &mut out).unwrap(),
    }
    String::from_utf8(out).unwrap()
}

fn context(pairs: &[(&str, &str)]) -> Context {
    let mut context = Context::new();
    for (k, v) in pairs {
        context.insert(*k, v);
    }
    context
}

#[test]
fn without_a_cache_the_section_renders_every_time() {
    let mut tera = Tera::default();
    tera.add_raw_template("t", "[{% cache key %}{{ shown }}{% endcache %}]")
        .unwrap();
    let cache = None;
    assert_eq!(
        render(&tera, "t", &context(&[("key", "k"), ("shown", "a")]), cache),
        "[a]"
    );
    assert_eq!(
        render(&tera, "t", &context(&[("key", "k"), ("shown", "b")]), cache),
        "[b]"
    );
}

#[test]
fn output_is_kept_for_the_same_keys() {
    let mut tera = Tera::default();
    tera.add_raw_template("t", "[{% cache key %}{{ shown }}{% endcache %}]")
        .unwrap();
    let cache = FragmentCache::new();
    let render = |key, shown| {
        render(
            &tera,
            "t",
            &context(&[("key", key), ("shown", shown)]),
            Some(&cache),
        )
    };
    assert_eq!(render("k", "a"), "[a]");
    // Same key: the kept output, although `shown` differs (the key is the
    // template's promise of what the section depends on).
    assert_eq!(render("k", "b"), "[a]");
    assert_eq!(render("other", "b"), "[b]");
    assert_eq!(cache.len(), 2);
}

#[test]
fn keys_that_escape_alike_stay_apart() {
    let mut tera = Tera::default();
    tera.add_raw_template("t.html", "{% cache key %}{{ shown }}{% endcache %}")
        .unwrap();
    let cache = FragmentCache::new();
    let render = |key, shown| {
        render(
            &tera,
            "t.html",
            &context(&[("key", key), ("shown", shown)]),
            Some(&cache),
        )
    };
    assert_eq!(render("a&b", "1"), "1");
    assert_eq!(render("a&amp;b", "2"), "2");
    assert_eq!(render("a&b", "3"), "1");
}

#[test]
fn several_keys_and_expressions() {
    let mut tera = Tera::default();
    tera.add_raw_template(
        "t",
        "{% for item in items %}{% cache item.id, level | upper, item.id ~ 'x' %}<{{ level }}>{{ item.name }}{% endcache %}{% endfor %}",
    )
    .unwrap();
    let cache = FragmentCache::new();
    let mut context = Context::new();
    context.insert("level", "h2");
    context.insert(
        "items",
        &serde_json::json!([{"id": 1, "name": "one"}, {"id": 2, "name": "two"}, {"id": 1, "name": "again"}]),
    );
    assert_eq!(
        render(&tera, "t", &context, Some(&cache)),
        "<h2>one<h2>two<h2>one"
    );
    context.insert("level", "h3");
    assert_eq!(
        render(&tera, "t", &context, Some(&cache)),
        "<h3>one<h3>two<h3>one"
    );
    assert_eq!(cache.len(), 4);
}

#[test]
fn sections_of_different_templates_and_escaping_do_not_share_output() {
    let mut tera = Tera::default();
    tera.add_raw_templates(vec![
        ("a.html", "{% cache key %}A{{ text }}{% endcache %}"),
        ("b.html", "{% cache key %}B{{ text }}{% endcache %}"),
        ("c.txt", "{% include 'part' %}"),
        ("d.html", "{% include 'part' %}"),
        ("part", "{% cache key %}{{ text }}{% endcache %}"),
    ])
    .unwrap();
    let cache = FragmentCache::new();
    let context = context(&[("key", "k"), ("text", "<&>")]);
    assert_eq!(
        render(&tera, "a.html", &context, Some(&cache)),
        "A&lt;&amp;&gt;"
    );
    assert_eq!(
        render(&tera, "b.html", &context, Some(&cache)),
        "B&lt;&amp;&gt;"
    );
    assert_eq!(render(&tera, "c.txt", &context, Some(&cache)), "<&>");
    assert_eq!(
        render(&tera, "d.html", &context, Some(&cache)),
        "&lt;&amp;&gt;"
    );
}

#[test]
fn a_section_in_a_macro_is_kept_across_templates() {
    let mut tera = Tera::default();
    tera.add_raw_templates(vec![
        (
            "macros.html",
            "{% macro card(item, heading='h3') %}{% cache item.url, heading %}<{{ heading }}>{{ item.title }}</{{ heading }}>{% endcache %}{% endmacro card %}",
        ),
        ("list.html", "{% import 'macros.html' as m %}{% for item in items %}{{ m::card(item=item) }}{% endfor %}"),
        ("page.html", "{% import 'macros.html' as m %}{{ m::card(item=items[0], heading='h2') }}|{{ m::card(item=items[0]) }}"),
    ])
    .unwrap();
    let cache = FragmentCache::new();
    let mut context = Context::new();
    context.insert(
        "items",
        &serde_json::json!([{"url": "/a/", "title": "A"}, {"url": "/b/", "title": "B"}]),
    );
    assert_eq!(
        render(&tera, "list.html", &context, Some(&cache)),
        "<h3>A</h3><h3>B</h3>"
    );
    assert_eq!(
        render(&tera, "page.html", &context, Some(&cache)),
        "<h2>A</h2>|<h3>A</h3>"
    );
    assert_eq!(cache.len(), 3);
}

#[test]
fn whitespace_control_and_nesting() {
    let mut tera = Tera::default();
    tera.add_raw_template(
        "t",
        "a {%- cache 1 -%} b {% cache 2 %}c{% endcache %} {%- endcache -%} d",
    )
    .unwrap();
    let cache = FragmentCache::new();
    assert_eq!(render(&tera, "t", &Context::new(), Some(&cache)), "ab cd");
    assert_eq!(render(&tera, "t", &Context::new(), Some(&cache)), "ab cd");
    assert_eq!(render(&tera, "t", &Context::new(), None), "ab cd");
}

#[test]
fn an_error_in_the_section_keeps_nothing() {
    let mut tera = Tera::default();
    tera.add_raw_template("t", "{% cache 1 %}{{ missing }}{% endcache %}")
        .unwrap();
    let cache = FragmentCache::new();
    let mut out = Vec::new();
    assert!(tera
        .render_to_with_cache("t", &Context::new(), &mut out, &cache)
        .is_err());
    assert!(cache.is_empty());
}

#[test]
fn a_cache_tag_needs_a_key_and_an_end() {
    let mut tera = Tera::default();
    assert!(tera
        .add_raw_template("a", "{% cache %}x{% endcache %}")
        .is_err());
    assert!(tera.add_raw_template("b", "{% cache k %}x").is_err());
}
