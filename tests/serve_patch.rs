//! After an edit of Markdown bodies alone, `serve` patches the new bodies
//! into its last model instead of making the model again from every
//! source. Whether it patches or refuses to, it serves what a full render
//! of the site makes.

#[path = "common/serve_site.rs"]
mod serve_site;

use kette::build::render_files;
use kette::serve::state::Outcome;
use serve_site::{append, replace, Site};

const TRANSITIONS: &str = "content/news/2022-09-01-school-transitions.md";
const FIRST_STEPS: &str = "content/news/2022-02-14-first-steps.md";
const PHOTO_REPORT: &str = "content/news/2023-05-10-photo-report/index.md";
const EVENT: &str = "content/events/2024-05-27-learning-week.md";
const PAGE: &str = "content/pages/about.md";

/// True when the rebuild patched the model; panics when it failed.
fn was_patched(outcome: Outcome, what: &str) -> bool {
    match outcome {
        Outcome::Built { patched, .. } => patched,
        Outcome::Failed { problems, .. } => panic!("after {what}: {problems:?}"),
    }
}

/// Applies `edit` to `path`, rebuilds, checks the result against a full
/// render and says whether the model was patched.
fn edited(site: &mut Site, what: &str, path: &str, edit: impl Fn(&str) -> Option<String>) -> bool {
    let patched = was_patched(site.rebuilt(&[(path, &edit)]), what);
    site.assert_served_as_full(what);
    patched
}

#[test]
fn body_edits_are_patched_into_the_model_and_serve_what_a_full_build_makes() {
    let mut site = Site::new();
    // The summary of this article is its first paragraph: lists, feeds
    // and the search index show the new one.
    assert!(edited(
        &mut site,
        "the first paragraph of an article",
        TRANSITIONS,
        replace("Children move from", "Pupils move from"),
    ));
    assert!(site
        .page("news/school-transitions/index.html")
        .contains("Pupils move from"));
    for list in [
        "topics/transitions/index.html",
        "atom.xml",
        "search-index.json",
    ] {
        assert!(site.page(list).contains("Pupils move from"), "{list}");
    }

    let edits: Vec<(&str, &str, Box<serve_site::Edit>)> = vec![
        (
            "a heading added",
            FIRST_STEPS,
            Box::new(append("## What was agreed\n\nA second section.")),
        ),
        (
            "an @/ link added",
            FIRST_STEPS,
            Box::new(append(
                "See the [annual report](@/news/2024-03-05-annual-report.md).",
            )),
        ),
        (
            "text beside a picture",
            PHOTO_REPORT,
            Box::new(replace("every Wednesday", "every Thursday")),
        ),
        (
            "an event's body",
            EVENT,
            Box::new(append("One more workshop.")),
        ),
        (
            "a page's first words",
            PAGE,
            Box::new(replace("The network joins", "Our network joins")),
        ),
    ];
    for (what, path, edit) in edits {
        assert!(edited(&mut site, what, path, edit), "{what} is patched");
    }
    assert!(site
        .page("news/first-steps/index.html")
        .contains("href=\"/sub/site/news/annual-report/\""));
    assert!(site.page("about/index.html").contains("Our network joins"));
}

#[test]
fn bodies_of_several_files_saved_together_are_patched_together() {
    let mut site = Site::new();
    let article = append("A line for the article.");
    let event = append("A line for the event.");
    let outcome = site.rebuilt(&[(FIRST_STEPS, &article), (EVENT, &event)]);
    assert!(was_patched(outcome, "two bodies"));
    site.assert_served_as_full("two bodies");
    assert!(site
        .page("news/first-steps/index.html")
        .contains("A line for the article."));
    assert!(site
        .page("events/learning-week/index.html")
        .contains("A line for the event."));
}

#[test]
fn edits_a_patch_cannot_follow_make_the_model_again() {
    let mut site = Site::new();
    let edits: Vec<(&str, &str, Box<serve_site::Edit>)> = vec![
        (
            "a title",
            FIRST_STEPS,
            Box::new(replace("First steps of the network", "First steps, retold")),
        ),
        (
            "a draft's body",
            "content/news/2024-05-30-draft.md",
            Box::new(append("Still unfinished.")),
        ),
        (
            "a municipality record",
            "content/municipalities/nordstadt.yaml",
            Box::new(replace(
                "Nordstadt started the network.",
                "Nordstadt founded the network.",
            )),
        ),
        (
            "a new article",
            "content/news/2024-01-15-new.md",
            Box::new(|_: &str| Some("---\ntitle: \"A new one\"\n---\nFresh news.\n".into())),
        ),
    ];
    for (what, path, edit) in edits {
        assert!(
            !edited(&mut site, what, path, edit),
            "{what} is not patched"
        );
        // The model made again is the one the next body edit patches.
        assert!(
            edited(&mut site, what, TRANSITIONS, append("One more line.")),
            "a body edit after {what} is patched"
        );
    }
}

/// The site's pictures are planned for the whole model: a body that shows
/// a picture no text showed before needs the model made again, or the
/// picture's sizes would not be published.
#[test]
fn a_picture_new_to_the_site_makes_the_model_again() {
    let mut site = Site::new();
    std::fs::copy(
        site.root
            .join("content/news/2023-05-10-photo-report/pixel.png"),
        site.root.join("static/banner.png"),
    )
    .unwrap();
    let outcome = site.builder.rebuild(&["static/banner.png".into()]).0;
    assert!(!was_patched(outcome, "a new static file"));
    assert!(!edited(
        &mut site,
        "a picture new to the site",
        TRANSITIONS,
        append("![A banner](/sub/site/banner.png)"),
    ));
    let files = &site.builder.snapshot().files;
    assert!(
        files.keys().any(|p| p.starts_with("banner-")),
        "the sizes are published"
    );
}

#[test]
fn a_broken_link_in_a_body_is_reported_as_a_full_build_reports_it() {
    let mut site = Site::new();
    let broken = append("See [the missing report](@/news/missing.md).");
    let Outcome::Failed { problems, .. } = site.rebuilt(&[(FIRST_STEPS, &broken)]) else {
        panic!("a link to a missing file is an error");
    };
    let served: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    let full: Vec<String> = match render_files(&site.options) {
        Err(problems) => problems
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect(),
        Ok(_) => panic!("the full build fails too"),
    };
    assert_eq!(served, full);
    assert!(served[0].contains("news/missing.md"), "{served:?}");

    let fixed = replace("@/news/missing.md", "@/news/2024-03-05-annual-report.md");
    assert!(
        !was_patched(site.rebuilt(&[(FIRST_STEPS, &fixed)]), "the fix"),
        "after a failed build the model is made again"
    );
    site.assert_served_as_full("the fix");
    assert!(edited(
        &mut site,
        "a body edit after the fix",
        FIRST_STEPS,
        append("All is well.")
    ));
}

#[test]
fn a_site_in_several_languages_makes_its_models_again() {
    let mut site = Site::of_fixture("languages", 0);
    assert!(!edited(
        &mut site,
        "a body on a multilingual site",
        "content/news/2024-02-01-fachtag.md",
        append("Ein Satz mehr."),
    ));
}
