//! Multilingual sites: the files of an article folder (attachments beside
//! `index.md`) are copied below each language's article URL, so that a
//! translation's relative links (`[Flyer](flyer.pdf)`) resolve on its own
//! page even when its slug differs; photos are processed into the shared
//! root (docs/languages.md, "Files beside an article").

mod common;

use common::{attrs, broken_internal_links, Fixture};

const FOLDER: &str = "content/news/2024-03-05-fotobericht";

#[test]
fn links_to_an_article_folders_files_resolve_in_every_language() {
    let site = Fixture::copy_of("languages");
    site.write_bytes(&format!("{FOLDER}/flyer.pdf"), b"%PDF-1.4 flyer");
    for (file, extra) in [
        ("index.md", "\n[Flyer](flyer.pdf)\n"),
        // The English translation has a slug of its own.
        ("index.en.md", "\n[Flyer](flyer.pdf)\n"),
    ] {
        let path = site.root().join(FOLDER).join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen("title: \"Photo", "slug: photo-report\ntitle: \"Photo", 1);
        site.write(&format!("{FOLDER}/{file}"), &format!("{text}{extra}"));
    }
    site.build();
    let out = site.output();
    for (page, expected) in [
        (
            "news/fotobericht/index.html",
            "/netz/news/fotobericht/flyer.pdf",
        ),
        (
            "en/news/photo-report/index.html",
            "/netz/en/news/photo-report/flyer.pdf",
        ),
        (
            "ar/news/fotobericht/index.html",
            "/netz/ar/news/fotobericht/flyer.pdf",
        ),
    ] {
        let links: Vec<String> = attrs(&site.page(page), "main a[href$='.pdf']", "href");
        assert_eq!(links, [expected], "{page}");
        let file = out.join(expected.trim_start_matches("/netz/"));
        assert_eq!(std::fs::read(&file).unwrap(), b"%PDF-1.4 flyer", "{page}");
    }
    // Photos are processed into the shared root, not below a language's
    // prefix (at the translation's own path when its slug differs).
    let photos = |dir: &str| {
        std::fs::read_dir(out.join(dir))
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
                    .count()
            })
            .unwrap_or(0)
    };
    assert!(photos("news/fotobericht") > 0);
    assert_eq!(photos("en/news/photo-report"), 0);
    let images = attrs(
        &site.page("en/news/photo-report/index.html"),
        "main img",
        "src",
    );
    assert!(
        images
            .iter()
            .all(|s| s.starts_with("/netz/news/photo-report/")),
        "{images:?}"
    );
    assert_eq!(
        broken_internal_links(&out, "/netz/"),
        Vec::<(String, String)>::new()
    );
}
