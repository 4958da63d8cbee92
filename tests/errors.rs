//! Every kind of error, planted in one site: the build exits 1 and names
//! each of them with file and line in a single run. (The same corpus in
//! German and English: tests/messages.rs.)

mod common;

use std::process::Command;

use common::{planted, Fixture};

#[test]
fn every_planted_error_is_reported_with_file_and_line_in_one_run() {
    let site = planted();
    let out = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["build", "--lang", "en", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");

    let expected = [
        (
            "content/news/2017-01-01-bad-yaml.md:2:8:",
            "the quote \" on line 2 is never closed",
        ),
        ("content/news/2017-01-02-wrong-type.md:4:", "wrong type"),
        (
            "content/news/2017-01-03-unknown-key.md:3:1:",
            "unknown field `sumary` (did you mean `summary`?)",
        ),
        (
            "content/news/2017-01-04-unknown-municipality.md:3:18:",
            "unknown municipality `ahlenn` (did you mean `ahlen`?)",
        ),
        (
            "content/municipalities/beckum.yaml:3:9:",
            "unknown municipality `kreis-warendorff`",
        ),
        (
            "content/municipalities/irgendwo.yaml:3:",
            "latitude 151.2 is out of range",
        ),
        (
            "content/news/impossible-date.md:3:",
            "`2017-02-30` is not a date that exists",
        ),
        (
            "content/events/backwards.md:4:1:",
            "the event ends before it starts",
        ),
        (
            "content/news/2017-01-05-twice.md:1:1:",
            "the URL /news/twice/ is also the URL of content/news/twice.md",
        ),
        (
            "content/news/2017-01-07-link.md:6:7:",
            "link to `@/news/2017-01-99-missing.md`, but there is no such file",
        ),
    ];
    for (position, message) in expected {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(position) && l.contains(message)),
            "expected `{position} … {message}` in:\n{stderr}"
        );
    }
    assert!(stderr.contains("error: 10 problems"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert!(!site.output().exists(), "nothing is written");
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = Fixture::new().with_small_network();
    site.build();
    let before = common::snapshot(&site.output());
    site.write(
        "content/news/2017-01-03-unknown-key.md",
        "---\ntitle: Unknown key\nsumary: x\n---\nText\n",
    );
    let problems = site.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(common::snapshot(&site.output()), before);
}

#[test]
fn config_errors_name_site_yaml_with_a_suggestion() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguge: de\n",
    );
    let problems = site.problems();
    assert_eq!(
        problems,
        ["site.yaml:3:1: unknown field `languge` (did you mean `language`?)"]
    );
}

#[test]
fn wrong_usage_exits_with_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_kette"))
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
