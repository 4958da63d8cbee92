//! Hostile and broken input (issue 9): every case gives a correct site or an
//! error that names the file (and line where there is one) — never a panic,
//! never a write outside the output.

mod common;

use common::Fixture;

fn site_with(path: &str, bytes: &[u8]) -> Fixture {
    let site = Fixture::new();
    site.write_bytes(path, bytes);
    site
}

/// Builds and returns the problems as text, or "ok".
fn outcome(site: &Fixture) -> Vec<String> {
    match kette::build(&site.options()) {
        Ok(_) => vec!["ok".into()],
        Err(p) => p.into_sorted().iter().map(|d| d.to_string()).collect(),
    }
}

fn assert_error(site: &Fixture, prefix: &str, words: &str) {
    let problems = outcome(site);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(prefix) && p.contains(words)),
        "expected `{prefix}… {words}` in {problems:?}"
    );
}

#[test]
fn windows_line_endings_and_byte_order_marks_work() {
    let site = site_with(
        "content/news/2020-01-01-crlf.md",
        b"\xEF\xBB\xBF---\r\ntitle: \"CRLF\"\r\ntopics: [A]\r\n---\r\nText\r\n\r\n## Teil\r\n",
    );
    site.write(
        "content/municipalities/a.yaml",
        "name: A\r\nkind: Stadt\r\n",
    );
    assert_eq!(outcome(&site), ["ok"]);
    let page = site.page("news/crlf/index.html");
    assert_eq!(common::texts(&page, "h1"), ["CRLF"]);
}

#[test]
fn invalid_utf8_nul_bytes_and_empty_files_are_named() {
    let site = site_with(
        "content/news/2020-01-01-latin1.md",
        b"---\ntitle: \"Gr\xFC\xDFe\"\n---\n",
    );
    assert_error(
        &site,
        "content/news/2020-01-01-latin1.md:2:",
        "not valid UTF-8",
    );
    let site = site_with(
        "content/news/2020-01-01-nul.md",
        b"---\ntitle: x\n---\nA\0B",
    );
    assert_error(&site, "content/news/2020-01-01-nul.md:4:2:", "NUL byte");
    let site = site_with("content/news/2020-01-01-empty.md", b"");
    assert_error(
        &site,
        "content/news/2020-01-01-empty.md:1:1:",
        "the file is empty",
    );
    let site = site_with("content/municipalities/leer.yaml", b"");
    assert_error(
        &site,
        "content/municipalities/leer.yaml:1:1:",
        "missing field `name`",
    );
}

#[test]
fn front_matter_that_never_closes_is_named() {
    let site = site_with(
        "content/news/2020-01-01-open.md",
        b"---\ntitle: x\n\nText without end\n",
    );
    assert_error(
        &site,
        "content/news/2020-01-01-open.md:1:1:",
        "never closed",
    );
}

#[test]
fn yaml_alias_bombs_and_deep_nesting_end_quickly_with_an_error() {
    let mut bomb = String::from(
        "name: Bomb\nextra:\n  a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n",
    );
    for (i, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!("  {i}: &{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let site = site_with("content/municipalities/bomb.yaml", bomb.as_bytes());
    let started = std::time::Instant::now();
    let problems = outcome(&site);
    assert!(
        problems[0].starts_with("content/municipalities/bomb.yaml"),
        "{problems:?}"
    );
    assert!(started.elapsed().as_secs() < 30);

    let deep = format!(
        "name: Deep\nextra:\n  x: {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let site = site_with("content/municipalities/deep.yaml", deep.as_bytes());
    let problems = outcome(&site);
    assert!(
        problems[0].starts_with("content/municipalities/deep.yaml:"),
        "{problems:?}"
    );
}

#[test]
fn wrong_shapes_and_duplicate_keys_are_located() {
    let site = site_with(
        "content/municipalities/a.yaml",
        b"name: A\ncontacts:\n  name: x\n",
    );
    assert_error(&site, "content/municipalities/a.yaml:3:", "wrong type");
    let site = site_with(
        "content/news/2020-01-01-dup.md",
        b"---\ntitle: a\ntitle: b\n---\n",
    );
    assert_error(&site, "content/news/2020-01-01-dup.md:3:", "duplicate");
}

#[test]
fn slugs_and_aliases_cannot_leave_the_output() {
    let site = site_with(
        "content/news/2020-01-01-a.md",
        b"---\ntitle: a\nslug: ../../etc\n---\n",
    );
    assert_error(
        &site,
        "content/news/2020-01-01-a.md:3:7:",
        "slug `../../etc` may only contain",
    );
    let site = site_with(
        "content/news/2020-01-01-b.md",
        b"---\ntitle: b\naliases: [/../../outside/]\n---\n",
    );
    assert_error(
        &site,
        "content/news/2020-01-01-b.md:3:",
        "may not contain empty, `.` or `..` segments",
    );
    let site = site_with(
        "content/pages/c.md",
        b"---\ntitle: c\nslug: /etc/passwd\n---\n",
    );
    assert_error(&site, "content/pages/c.md:3:", "slug `/etc/passwd`");
    assert!(!site.root().parent().unwrap().join("outside").exists());
}

#[test]
fn file_names_with_spaces_and_umlauts_in_either_normal_form_give_one_slug() {
    let nfc = "content/news/2020-01-01-Grüße aus Köln.md";
    let site = site_with(nfc, b"---\ntitle: a\n---\n");
    assert_eq!(outcome(&site), ["ok"]);
    assert!(site
        .output()
        .join("news/gruesse-aus-koeln/index.html")
        .is_file());
    let nfd = "content/news/2020-01-01-Gru\u{308}ße aus Ko\u{308}ln.md";
    let site = site_with(nfd, b"---\ntitle: a\n---\n");
    assert_eq!(outcome(&site), ["ok"]);
    assert!(site
        .output()
        .join("news/gruesse-aus-koeln/index.html")
        .is_file());
    // Both at once are two items at one URL.
    site.write(nfc, "---\ntitle: b\n---\n");
    let problems = outcome(&site);
    assert!(
        problems.iter().any(|p| p.contains("is also the URL of")),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_and_loops_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret\n---\nGeheim\n",
    )
    .unwrap();
    let site = Fixture::new();
    std::fs::create_dir_all(site.root().join("content/news")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root().join("content/news/2020-01-01-secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/news/loop"),
    )
    .unwrap();
    let problems = outcome(&site);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/news/2020-01-01-secret.md")
                && p.contains("outside the site")),
        "{problems:?}"
    );
    assert!(problems.iter().all(|p| !p.contains("Geheim")));
}

#[test]
fn stray_files_and_a_news_index_are_errors_not_silence() {
    let site = Fixture::new().with_small_network();
    site.write("content/municipalities/notizen.txt", "x");
    site.write("content/news/index.md", "---\ntitle: Intro\n---\n");
    let problems = outcome(&site);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/municipalities/notizen.txt: not content")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(
            |p| p.starts_with("content/news/index.md: content/news/index.md is not an article")
        ),
        "{problems:?}"
    );
    // Backup and swap files are ignored.
    let site = Fixture::new().with_small_network();
    site.write("content/news/2016-01-01-alt.md~", "junk");
    site.write("content/news/.2016-01-01-alt.md.swp", "junk");
    site.write("content/municipalities/.#ahlen.yaml", "junk");
    assert_eq!(outcome(&site), ["ok"]);
}

#[test]
fn pages_aliases_and_static_files_cannot_replace_each_other() {
    let site = Fixture::new().with_small_network();
    site.write(
        "content/news/2020-01-01-x.md",
        "---\ntitle: x\naliases: [/news/page/2/]\n---\n",
    );
    assert_error(
        &site,
        "content/news/2020-01-01-x.md",
        "/news/page/2/ is already a page",
    );
    let site = Fixture::new().with_small_network();
    site.write("static/index.html", "<p>mine</p>");
    assert_error(&site, "static/index.html", "would replace the page /");
    let site = Fixture::new().with_small_network();
    site.write(
        "content/pages/sonder.md",
        "---\ntitle: S\ntemplate: sonder.html\n---\n",
    );
    assert_error(
        &site,
        "content/pages/sonder.md",
        "there is no template `sonder.html`",
    );
}

#[test]
fn hidden_static_files_are_published_but_editor_junk_is_not() {
    let site = Fixture::new();
    site.write("static/.htaccess", "ErrorDocument 404 /404.html\n");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:a@example.org\n",
    );
    site.write("static/logo.svg~", "backup");
    assert_eq!(outcome(&site), ["ok"]);
    assert!(site.output().join(".htaccess").is_file());
    assert!(site.output().join(".well-known/security.txt").is_file());
    assert!(!site.output().join("logo.svg~").exists());
}

#[test]
fn a_large_article_builds() {
    let mut body = String::from("---\ntitle: Groß\n---\n");
    let paragraph = "Ein Absatz über Prävention, Kinder und Familien in der Kommune. ".repeat(20);
    while body.len() < 8 * 1024 * 1024 {
        body.push_str(&paragraph);
        body.push_str("\n\n");
    }
    let site = site_with("content/news/2020-01-01-gross.md", body.as_bytes());
    assert_eq!(outcome(&site), ["ok"]);
}

/// A file that disappears between being found and being read (here: a link
/// whose target is gone, the same read failure) is named, not skipped.
#[cfg(unix)]
#[test]
fn a_file_deleted_during_the_build_is_named() {
    let site = Fixture::new().with_small_network();
    let gone = site.root().join("gone.md");
    std::fs::write(&gone, "---\ntitle: Weg\n---\n").unwrap();
    std::os::unix::fs::symlink(&gone, site.root().join("content/news/2020-01-01-weg.md")).unwrap();
    std::fs::remove_file(&gone).unwrap();
    let problems = outcome(&site);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/news/2020-01-01-weg.md")),
        "{problems:?}"
    );
}
