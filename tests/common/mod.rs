//! Helpers shared by the integration tests: small fixture sites written into
//! temporary folders, builds, and reading the HTML back.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use scraper::{Html, Selector};

/// A site in a temporary folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// An empty site with a minimal site.yaml (German, sub-path base URL).
    pub fn new() -> Self {
        let f = Fixture {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        f.write(
            "site.yaml",
            "title: \"Testnetz\"\nbase_url: \"https://example.org/sub/\"\nlanguage: de\npaginate: 2\n",
        );
        f
    }

    /// A copy of the fixture site `tests/fixtures/<name>` in a temporary
    /// folder.
    pub fn copy_of(name: &str) -> Self {
        let f = Fixture {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        for (relative, path) in files(&source) {
            f.write_bytes(&relative, &std::fs::read(path).unwrap());
        }
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file below the site root, creating folders.
    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    /// Writes bytes below the site root, creating folders.
    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn options(&self) -> kette::BuildOptions {
        kette::BuildOptions {
            root: self.root().to_path_buf(),
            output: None,
            base_url: None,
            drafts: false,
            today: Some(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()),
        }
    }

    /// Builds with default options and panics with the problems if any.
    pub fn build(&self) -> kette::BuildReport {
        match kette::build(&self.options()) {
            Ok(r) => r,
            Err(p) => panic!(
                "build failed:\n{}",
                p.into_sorted()
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }

    /// Builds and returns the problems, which must exist.
    pub fn problems(&self) -> Vec<String> {
        match kette::build(&self.options()) {
            Ok(_) => panic!("build succeeded but problems were expected"),
            Err(p) => p.into_sorted().iter().map(|d| d.to_string()).collect(),
        }
    }

    /// The parsed HTML of an output file.
    pub fn page(&self, path: &str) -> Html {
        let text = std::fs::read_to_string(self.output().join(path))
            .unwrap_or_else(|e| panic!("cannot read output {path}: {e}"));
        Html::parse_document(&text)
    }

    /// Adds a few municipalities, articles, an event and a page.
    pub fn with_small_network(self) -> Self {
        self.write(
            "content/municipalities/kreis-warendorf.yaml",
            "name: Kreis Warendorf\nkind: Kreis\njoined: 2017\nfocus: [Übergänge gestalten]\n",
        );
        self.write(
            "content/municipalities/ahlen.yaml",
            "name: Ahlen\nkind: Stadt\nparent: kreis-warendorf\ncohort: 2017\nfocus: [Elternarbeit, Übergänge gestalten]\nlocation: { lat: 51.76, lon: 7.89 }\npopulation: 52000\ndescription: |\n  Stadt im [Kreis](@/municipalities/kreis-warendorf.yaml).\n",
        );
        self.write(
            "content/news/2017-03-08-start.md",
            "---\ntitle: \"Start in die Planungsworkshops\"\nplace: Gummersbach\nmunicipalities: [ahlen]\ntopics: [Planungsworkshop, Präventionskette]\n---\nErster Absatz über den Start.\n\n<!-- more -->\n\n## Ablauf\n\nSiehe [Ziele](@/news/ziele/index.md).\n",
        );
        self.write(
            "content/news/ziele/index.md",
            "---\ntitle: \"Ahlens Ziele\"\ndate: 2017-04-03T10:30:00\nmunicipalities: [ahlen, kreis-warendorf]\ntopics: [Übergänge gestalten]\nimage: bild.png\n---\nDie Stadt hat vier Ziele.\n",
        );
        std::fs::write(self.root().join("content/news/ziele/bild.png"), tiny_png()).unwrap();
        self.write(
            "content/news/2016-01-01-alt.md",
            "---\ntitle: \"Ein alter Bericht\"\n---\nAlt.\n",
        );
        self.write(
            "content/news/2018-01-01-entwurf.md",
            "---\ntitle: \"Entwurf\"\ndraft: true\n---\nNoch nicht fertig.\n",
        );
        self.write(
            "content/events/2017-03-27-workshop.md",
            "---\ntitle: \"Planungsworkshop Ahlen\"\nstart: 2017-03-27T09:00\nend: 2017-03-27T16:00\nlocation: Rathaus Ahlen\nmunicipalities: [ahlen]\n---\nGanztägig.\n",
        );
        self.write(
            "content/pages/ueber-uns.md",
            "---\ntitle: \"Über uns\"\nmenu: 1\n---\nWir sind ein Netzwerk.\n",
        );
        self
    }
}

/// A real 8 × 6 PNG (a colour gradient), small enough for every fixture.
pub fn tiny_png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(8, 6, |x, y| image::Rgb([x as u8 * 30, y as u8 * 40, 90]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

/// Selects all elements matching `selector` and returns their texts.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let s = Selector::parse(selector).unwrap();
    html.select(&s)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The values of `attr` on all elements matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let s = Selector::parse(selector).unwrap();
    html.select(&s)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every internal link and asset reference of every HTML page under `out`
/// that does not lead to an existing file, as (page, target).
pub fn broken_internal_links(out: &Path, base_path: &str) -> Vec<(String, String)> {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = entry.path();
        if p.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = Html::parse_document(&std::fs::read_to_string(p).unwrap());
        let page = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
        for (sel, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
        ] {
            for target in attrs(&html, sel, attr) {
                if let Some(local) = internal_path(&target, base_path) {
                    let file = if local.is_empty() || local.ends_with('/') {
                        out.join(&local).join("index.html")
                    } else {
                        out.join(&local)
                    };
                    if !file.is_file() {
                        broken.push((page.clone(), target));
                    }
                }
            }
        }
    }
    broken
}

/// The output-relative path of an in-site link, or None for external links.
fn internal_path(target: &str, base_path: &str) -> Option<String> {
    let target = target.split('#').next().unwrap_or("");
    if target.is_empty() || target.starts_with("mailto:") || target.starts_with("tel:") {
        return None;
    }
    if target.contains("://") {
        return None;
    }
    let rest = target.strip_prefix(base_path)?;
    Some(percent_decode(rest))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every file below `dir` by its path relative to it (with `/`), sorted.
pub fn files(dir: &Path) -> BTreeMap<String, PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                e.path().to_path_buf(),
            )
        })
        .collect()
}

/// Every file under `dir` with its bytes, for comparing outputs.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|(name, path)| (name, std::fs::read(path).unwrap()))
        .collect()
}

/// The corpus of broken input of tests/errors.rs and tests/messages.rs:
/// one of each kind of error, in a German site.
pub fn planted() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/municipalities/ahlen.yaml",
        "name: Ahlen\nkind: Stadt\n",
    );
    // Bad YAML: an unclosed quote.
    site.write(
        "content/news/2017-01-01-bad-yaml.md",
        "---\ntitle: \"Unclosed\nplace: x\n---\nText\n",
    );
    // Wrong type: topics must be a list.
    site.write(
        "content/news/2017-01-02-wrong-type.md",
        "---\ntitle: Wrong type\ntopics:\n  name: x\n---\nText\n",
    );
    // Unknown key.
    site.write(
        "content/news/2017-01-03-unknown-key.md",
        "---\ntitle: Unknown key\nsumary: x\n---\nText\n",
    );
    // Unknown municipality.
    site.write(
        "content/news/2017-01-04-unknown-municipality.md",
        "---\ntitle: Unknown municipality\nmunicipalities: [ahlenn]\n---\nText\n",
    );
    // Unknown parent.
    site.write(
        "content/municipalities/beckum.yaml",
        "name: Beckum\nkind: Stadt\nparent: kreis-warendorff\n",
    );
    // Coordinates out of range.
    site.write(
        "content/municipalities/irgendwo.yaml",
        "name: Irgendwo\nlocation:\n  lat: 151.2\n  lon: 7.8\n",
    );
    // Impossible date.
    site.write(
        "content/news/impossible-date.md",
        "---\ntitle: Impossible date\ndate: 2017-02-30\n---\nText\n",
    );
    // Event ending before it starts.
    site.write(
        "content/events/backwards.md",
        "---\ntitle: Backwards\nstart: 2017-05-02\nend: 2017-05-01\n---\nText\n",
    );
    // Two items with one URL.
    site.write(
        "content/news/2017-01-05-twice.md",
        "---\ntitle: Twice\n---\nText\n",
    );
    site.write(
        "content/news/twice.md",
        "---\ntitle: Twice again\ndate: 2017-01-06\n---\nText\n",
    );
    // A @/ link to a missing file, on line 6 of the file.
    site.write(
        "content/news/2017-01-07-link.md",
        "---\ntitle: Link\n---\nErster Absatz.\n\nSiehe [dort](@/news/2017-01-99-missing.md).\n",
    );
    site
}
