//! `cargo bench`: a full build and the `serve` rebuild after a one-article
//! edit, on a synthetic site (examples/synthetic_site.rs) of
//! `KETTE_BENCH_ARTICLES` articles (default 10,000), in `KETTE_BENCH_DIR`
//! (default: the temporary folder). Prints times; asserts
//! nothing about them. `scripts/bench.sh` adds Hugo, peak memory and the
//! time from saving to serving over HTTP; docs/performance.md has figures.

#[path = "../examples/synthetic_site.rs"]
mod synthetic_site;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kette::serve::state::{Builder, Outcome};
use kette::BuildOptions;

// As in the kette binary: allocation-heavy rendering on several threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // `cargo test --benches` runs this too: then a small site, once.
    let quick = std::env::args().any(|a| a == "--test" || a == "--list");
    let articles: usize = std::env::var("KETTE_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 100 } else { 10_000 });
    let rounds = if quick { 1 } else { 5 };
    // KETTE_BENCH_DIR: where to build (a RAM disk such as /dev/shm leaves
    // the file system's inode allocation out of the figures).
    let work = match std::env::var_os("KETTE_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(dir),
        None => tempfile::tempdir(),
    }
    .expect("a temporary folder");
    let site = work.path().join("site");
    synthetic_site::generate(articles, &site, None);

    let options = BuildOptions {
        output: Some(work.path().join("public")),
        ..BuildOptions::new(&site)
    };
    let full: Vec<Duration> = (0..rounds)
        .map(|_| {
            let started = Instant::now();
            kette::build(&options).expect("the synthetic site builds");
            started.elapsed()
        })
        .collect();
    report(&format!("full build, {articles} articles"), full);

    let mut builder = Builder::new(options.clone());
    let (first, _) = builder.rebuild(&[]);
    assert!(matches!(first, Outcome::Built { .. }), "{first:?}");
    let article = first_article(&site);
    let relative = article.strip_prefix(&site).unwrap().to_path_buf();
    let original = std::fs::read_to_string(&article).unwrap();
    let edits: Vec<Duration> = (0..rounds * 4)
        .map(|i| {
            std::fs::write(&article, format!("{original}\nEdit {i}.\n")).unwrap();
            let started = Instant::now();
            let (outcome, _) = builder.rebuild(std::slice::from_ref(&relative));
            let took = started.elapsed();
            assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
            took
        })
        .collect();
    report("serve rebuild after a one-article edit", edits);
}

fn first_article(site: &std::path::Path) -> PathBuf {
    let mut news: Vec<PathBuf> = std::fs::read_dir(site.join("content/news"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    news.sort();
    news.into_iter().next().expect("an article")
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: median {:.0} ms, min {:.0} ms, max {:.0} ms ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}
