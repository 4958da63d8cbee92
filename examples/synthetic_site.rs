//! Writes a deterministic synthetic kette site for benchmarks:
//! N articles of German text with headings, lists, tables and links,
//! N/25 municipalities (at most 400, every tenth a Kreis with members),
//! N/20 events, topics from a pool of 40, dates over ten years.
//!
//! Usage: `cargo run --release --example synthetic_site -- N DIR [--hugo HUGODIR]`
//! With `--hugo`, the same articles are also written as a Hugo site.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "Kinder",
    "Jugendliche",
    "Familien",
    "Kommune",
    "Prävention",
    "Übergang",
    "Schule",
    "Kita",
    "Elternarbeit",
    "Netzwerk",
    "Gesundheit",
    "Bildung",
    "Jugendhilfe",
    "Beratung",
    "Förderung",
    "Angebot",
    "Stadtteil",
    "Koordination",
    "Planung",
    "Workshop",
    "Zusammenarbeit",
    "Träger",
    "Verwaltung",
    "Landesinitiative",
    "Präventionskette",
    "Sprachbildung",
    "Frühe",
    "Hilfen",
    "gemeinsam",
    "nachhaltig",
    "wirksam",
    "früh",
    "vernetzt",
    "sozialräumlich",
    "stärken",
    "begleiten",
    "unterstützen",
    "entwickeln",
    "gestalten",
    "verbessern",
    "Qualität",
    "Lebenslagen",
    "Teilhabe",
    "Chancengleichheit",
    "Armut",
    "Folgen",
    "mildern",
    "Fachkräfte",
    "Ehrenamt",
    "Gesundheitsamt",
    "Jobcenter",
    "Wohlfahrtsverbände",
    "Sportverein",
    "Bibliothek",
    "Familienzentrum",
    "Grundschule",
    "Berufseinstieg",
    "Ausbildung",
    "Lernnetzwerk",
    "Strategie",
    "Ziele",
    "Leitbild",
    "Steuerung",
    "Daten",
    "Monitoring",
    "Bericht",
    "Veranstaltung",
    "Konferenz",
    "Austausch",
    "über",
    "für",
    "mit",
    "und",
    "der",
    "die",
    "das",
    "in",
    "von",
    "zu",
    "auf",
    "im",
    "am",
    "dem",
    "den",
    "ein",
    "eine",
    "wird",
    "werden",
    "hat",
    "haben",
    "sind",
    "ist",
    "bei",
    "nach",
    "aus",
    "durch",
    "Straße",
    "Größe",
];

const TOPICS: &[&str] = &[
    "Präventionskette",
    "Übergänge gestalten",
    "Elternarbeit",
    "Frühe Hilfen",
    "Sprachbildung",
    "Vernetzung",
    "Bildung",
    "Gesundheit",
    "Jugendhilfe",
    "Kita",
    "Grundschule",
    "Ausbildung",
    "Berufseinstieg",
    "Ehrenamt",
    "Sport",
    "Kultur",
    "Stadtteilarbeit",
    "Armut",
    "Teilhabe",
    "Inklusion",
    "Migration",
    "Qualitätsentwicklung",
    "Monitoring",
    "Planungsworkshop",
    "Lernnetzwerk",
    "Fachkräfte",
    "Beratung",
    "Familienzentren",
    "Schulsozialarbeit",
    "Jugendarbeit",
    "Gesundheitsförderung",
    "Ernährung",
    "Bewegung",
    "Medienbildung",
    "Lesen",
    "Mathematik",
    "Naturwissenschaft",
    "Digitalisierung",
    "Wohnen",
    "Mobilität",
];

const STAGES: &[&str] = &["schwangerschaft", "0-3", "3-6", "6-10", "10-16", "16-27"];

/// A small deterministic generator (xorshift64*), so every run writes the
/// same site without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
    fn sentence(&mut self) -> String {
        let n = 6 + self.below(12);
        let mut s = String::new();
        for i in 0..n {
            let w = self.word();
            if i == 0 {
                let mut c = w.chars();
                let first = c
                    .next()
                    .map(|f| f.to_uppercase().collect::<String>())
                    .unwrap_or_default();
                s.push_str(&first);
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }
    fn paragraph(&mut self) -> String {
        let n = 3 + self.below(5);
        (0..n)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct Municipality {
    slug: String,
    name: String,
}

#[allow(dead_code)] // benches/ include this file for `generate` only.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: synthetic_site N DIR [--hugo HUGODIR]");
        std::process::exit(2);
    }
    let n: usize = args[1].parse().expect("N must be a number");
    let dir = PathBuf::from(&args[2]);
    let hugo = args
        .iter()
        .position(|a| a == "--hugo")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    generate(n, &dir, hugo.as_deref());
    println!(
        "wrote {n} articles, {} municipalities, {} events to {}",
        (n / 25).clamp(2, 400),
        (n / 20).max(1),
        dir.display()
    );
}

/// Writes the site of `n` articles to `dir` (replacing it), and the Hugo
/// site of the same articles to `hugo` if given.
pub fn generate(n: usize, dir: &Path, hugo: Option<&Path>) {
    if dir.exists() {
        fs::remove_dir_all(dir).expect("clear the target folder");
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64);

    write(&dir.join("site.yaml"), &format!(
        "title: \"Synthetisches Netzwerk ({n})\"\ndescription: \"Benchmark-Site\"\nbase_url: \"https://example.org/bench/\"\nlanguage: de\npaginate: 10\n"
    ));

    let municipality_count = (n / 25).clamp(2, 400);
    let mut municipalities = Vec::new();
    for i in 0..municipality_count {
        let is_kreis = i % 10 == 0;
        let name = if is_kreis {
            format!("Kreis Musterland {i}")
        } else {
            format!("Musterstadt {i}")
        };
        let slug = if is_kreis {
            format!("kreis-musterland-{i}")
        } else {
            format!("musterstadt-{i}")
        };
        let parent = if is_kreis {
            None
        } else {
            Some(format!("kreis-musterland-{}", i / 10 * 10))
        };
        let mut text = format!(
            "name: \"{name}\"\nkind: {}\n",
            if is_kreis { "Kreis" } else { "Stadt" }
        );
        if let Some(p) = &parent {
            let _ = writeln!(text, "parent: {p}");
        }
        let _ = writeln!(
            text,
            "joined: {}\ncohort: \"{}\"",
            2012 + i % 6,
            2012 + i % 6
        );
        let _ = writeln!(
            text,
            "focus: [{}, {}]",
            TOPICS[rng.below(40)],
            TOPICS[rng.below(40)]
        );
        let _ = writeln!(
            text,
            "location: {{ lat: {:.3}, lon: {:.3} }}",
            50.5 + rng.below(1500) as f64 / 1000.0,
            6.0 + rng.below(3000) as f64 / 1000.0
        );
        let _ = writeln!(text, "population: {}", 5000 + rng.below(300_000));
        let _ = writeln!(text, "description: |\n  {}", rng.paragraph());
        text.push_str("offers:\n");
        for o in 0..rng.below(6) {
            let first = rng.below(STAGES.len());
            let last = (first + rng.below(3)).min(STAGES.len() - 1);
            let stages: Vec<String> = STAGES[first..=last]
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect();
            let _ = writeln!(
                text,
                "  - name: \"Angebot {o} {}\"\n    stages: [{}]\n    topics: [{}]\n    description: \"{}\"",
                rng.word(), stages.join(", "), TOPICS[rng.below(40)], rng.sentence()
            );
        }
        write(
            &dir.join(format!("content/municipalities/{slug}.yaml")),
            &text,
        );
        municipalities.push(Municipality { slug, name });
    }

    let mut article_paths = Vec::with_capacity(n);
    for i in 0..n {
        let day = rng.below(3650);
        let date = chrono_like_date(day);
        let path = format!("news/{date}-artikel-{i}.md");
        let title = format!("{} {} {} ({i})", rng.word(), rng.word(), rng.word());
        let m1 = &municipalities[rng.below(municipalities.len())];
        let m2 = &municipalities[rng.below(municipalities.len())];
        let topics = [
            TOPICS[rng.below(40)],
            TOPICS[rng.below(40)],
            TOPICS[rng.below(40)],
        ];
        let mut body = String::new();
        let _ = writeln!(body, "{}\n\n<!-- more -->\n", rng.paragraph());
        let _ = writeln!(
            body,
            "## {} {}\n\n{}\n",
            rng.word(),
            rng.word(),
            rng.paragraph()
        );
        for _ in 0..4 {
            let _ = writeln!(body, "- {}", rng.sentence());
        }
        let _ = writeln!(body, "\n| Bereich | Angebote | Anteil |\n|---|---:|---:|");
        for _ in 0..3 {
            let _ = writeln!(
                body,
                "| {} | {} | {} % |",
                rng.word(),
                rng.below(50),
                rng.below(100)
            );
        }
        let _ = writeln!(body, "\n### {}\n\n{}", rng.word(), rng.paragraph());
        let _ = writeln!(
            body,
            "\nMehr dazu bei [{}](@/municipalities/{}.yaml).",
            m1.name, m1.slug
        );
        if let Some(prev) = article_paths.last() {
            let _ = writeln!(body, "Siehe auch [den vorigen Bericht](@/{prev}).");
        }
        let front =
            format!(
            "---\ntitle: \"{title}\"\nplace: \"{}\"\nmunicipalities: [{}, {}]\ntopics: [{}]\n---\n",
            m1.name, m1.slug, m2.slug, topics.join(", ")
        );
        write(&dir.join("content").join(&path), &format!("{front}{body}"));
        if let Some(h) = &hugo {
            let hugo_front = format!(
                "---\ntitle: \"{title}\"\ndate: {date}\ntags: [{}]\n---\n",
                topics.join(", ")
            );
            let hugo_body = body
                .replace("(@/municipalities/", "(/municipalities/")
                .replace("(@/news/", "(/news/");
            write(
                &h.join("content").join(&path),
                &format!("{hugo_front}{hugo_body}"),
            );
        }
        article_paths.push(path);
    }

    for i in 0..(n / 20).max(1) {
        let day = rng.below(3650);
        let date = chrono_like_date(day);
        let m = &municipalities[rng.below(municipalities.len())];
        let timed = i % 3 != 0;
        let start = if timed {
            format!("{date}T{:02}:00", 8 + rng.below(10))
        } else {
            date.clone()
        };
        write(
            &dir.join(format!("content/events/{date}-termin-{i}.md")),
            &format!(
                "---\ntitle: \"Termin {i}: {}\"\nstart: {start}\nlocation: \"Rathaus {}\"\nmunicipalities: [{}]\ntopics: [{}]\n---\n{}\n",
                rng.word(), m.name, m.slug, TOPICS[rng.below(40)], rng.paragraph()
            ),
        );
    }
    write(
        &dir.join("content/pages/ueber-uns.md"),
        "---\ntitle: \"Über uns\"\nmenu: 1\n---\nEin synthetisches Netzwerk.\n",
    );

    if let Some(h) = &hugo {
        write(
            &h.join("hugo.toml"),
            "baseURL = \"https://example.org/bench/\"\nlanguageCode = \"de\"\ntitle = \"Synthetisch\"\n[pagination]\npagerSize = 10\n[markup.goldmark.renderer]\nunsafe = true\n",
        );
        // A minimal theme of the same shape: list pages, single pages, taxonomies.
        write(&h.join("layouts/_default/baseof.html"), "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n");
        write(&h.join("layouts/_default/single.html"), "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format \"2. January 2006\" }}</time>{{ .Content }}<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul></article>{{ end }}\n");
        write(&h.join("layouts/_default/list.html"), "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2>{{ .Summary }}</article>{{ end }}{{ end }}\n");
        write(&h.join("layouts/index.html"), "{{ define \"main\" }}{{ range first 6 (where .Site.RegularPages \"Section\" \"news\") }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n");
    }
}

/// Day `n` after 2015-01-01 as YYYY-MM-DD, without a date library.
fn chrono_like_date(n: usize) -> String {
    let mut days = n as i64;
    let mut year = 2015;
    loop {
        let len = if is_leap(year) { 366 } else { 365 };
        if days < len {
            break;
        }
        days -= len;
        year += 1;
    }
    let months = [
        31,
        if is_leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut month = 0;
    while days >= months[month] {
        days -= months[month];
        month += 1;
    }
    format!("{year:04}-{:02}-{:02}", month + 1, days + 1)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}
