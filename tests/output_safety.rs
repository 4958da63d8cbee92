//! The promises of docs/publishing.md ("Output safety: where kette writes",
//! "Reproducible builds and the build date"): what a build may write and
//! replace, and that the same input gives the same bytes.

mod common;

use common::{snapshot, Fixture};

fn build_into(site: &Fixture, output: &std::path::Path) -> Result<kette::BuildReport, Vec<String>> {
    let mut options = site.options();
    options.output = Some(output.to_path_buf());
    kette::build(&options).map_err(|p| p.into_sorted().iter().map(|d| d.to_string()).collect())
}

#[test]
fn refuses_the_site_root_source_folders_and_the_file_system_root() {
    let site = Fixture::new().with_small_network();
    for bad in [
        site.root().to_path_buf(),
        site.root().join("content"),
        site.root().join("content/news/out"),
        "/".into(),
    ] {
        let err = build_into(&site, &bad).expect_err(&format!("{} must be refused", bad.display()));
        assert!(err[0].contains("refusing to use"), "{err:?}");
    }
    // Nothing was written into the sources.
    assert!(!site.root().join("content/news/out").exists());
    assert!(!site.root().join("content/index.html").exists());
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_create_and_leaves_it_alone() {
    let site = Fixture::new().with_small_network();
    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("precious.txt"), "keep me").unwrap();
    let err = build_into(&site, foreign.path()).unwrap_err();
    assert!(
        err[0].contains("not empty and kette did not create it"),
        "{err:?}"
    );
    assert_eq!(
        std::fs::read_to_string(foreign.path().join("precious.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(std::fs::read_dir(foreign.path()).unwrap().count(), 1);
}

#[test]
fn an_empty_folder_is_accepted_and_later_rebuilds_replace_it() {
    let site = Fixture::new().with_small_network();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("site");
    std::fs::create_dir(&out).unwrap();
    build_into(&site, &out).unwrap();
    assert!(out.join("news/alt/index.html").is_file());

    // A removed article disappears from the next build; nothing is left over.
    std::fs::remove_file(site.root().join("content/news/2016-01-01-alt.md")).unwrap();
    build_into(&site, &out).unwrap();
    assert!(!out.join("news/alt").exists());
    let siblings: Vec<_> = std::fs::read_dir(parent.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings,
        [std::ffi::OsString::from("site")],
        "no staging folders remain"
    );
}

/// Someone put a link into the output; replacing the output removes the
/// link, never what it points to.
#[cfg(unix)]
#[test]
fn links_in_the_old_output_are_removed_not_followed() {
    let site = Fixture::new().with_small_network();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("site");
    build_into(&site, &out).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("precious.txt"), "keep me").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), out.join("news/linked-folder")).unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("precious.txt"),
        out.join("news/linked-file"),
    )
    .unwrap();

    build_into(&site, &out).unwrap();
    assert!(out.join("news/alt/index.html").is_file());
    assert!(std::fs::symlink_metadata(out.join("news/linked-folder")).is_err());
    assert!(std::fs::symlink_metadata(out.join("news/linked-file")).is_err());
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("precious.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 1);
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let site = Fixture::new().with_small_network();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build_into(&site, &a.path().join("out")).unwrap();
    build_into(&site, &b.path().join("out")).unwrap();
    let (sa, sb) = (
        snapshot(&a.path().join("out")),
        snapshot(&b.path().join("out")),
    );
    assert!(sa.len() > 10);
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (path, bytes) in &sa {
        assert!(bytes == &sb[path], "{path} differs between two builds");
    }
}
