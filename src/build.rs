//! One build, start to finish: configuration, content, model, theme,
//! rendering and output, with every problem of every step collected.

mod languages;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::config::Config;
use crate::content::SourceCache;
use crate::diagnostics::Diagnostics;
use crate::images;
use crate::model::{ModelMemo, Site};
use crate::output::{MemorySink, OutputFile, Sink, Staging};
use crate::render::memo::PageMemos;
use crate::render::{self, RenderOptions, RenderReport, Theme};
use crate::timing::timed;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (the folder with `site.yaml`).
    pub root: PathBuf,
    /// The output folder; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Build drafts too.
    pub drafts: bool,
    /// The build date; from `SOURCE_DATE_EPOCH`, else today, when not given.
    pub today: Option<NaiveDate>,
}

impl BuildOptions {
    /// Options for the site at `root` with defaults for the rest.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            ..Default::default()
        }
    }

    /// The output folder these options write to.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Where the site was written.
    pub output: PathBuf,
    /// Number of articles.
    pub articles: usize,
    /// Number of events.
    pub events: usize,
    /// Number of municipalities.
    pub municipalities: usize,
    /// Number of standalone pages.
    pub pages: usize,
    /// Number of HTML pages written.
    pub html_pages: usize,
    /// Number of files written in all.
    pub files: usize,
    /// Wall time of the whole build.
    pub duration: Duration,
    /// Every file written, relative to the output folder, sorted.
    pub written: Vec<String>,
}

impl BuildReport {
    /// One line for people in English: "7 articles, 10 municipalities, 5
    /// events, 1 page → 52 HTML pages, 60 files in 84 ms".
    pub fn summary(&self) -> String {
        self.summary_in(crate::config::Language::En)
    }

    /// The summary line in `language`, each count in the right number.
    pub fn summary_in(&self, language: crate::config::Language) -> String {
        crate::messages::build_summary(
            language,
            self.articles,
            self.municipalities,
            self.events,
            self.pages,
            self.html_pages,
            self.files,
            self.duration.as_millis(),
        )
    }
}

/// The build date: `SOURCE_DATE_EPOCH` (for reproducible builds) or today,
/// in the site's time zone.
pub(crate) fn build_date(zone: chrono_tz::Tz) -> NaiveDate {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now);
    now.with_timezone(&zone).date_naive()
}

/// What `serve` keeps from one build to the next, so that a rebuild reads,
/// renders and writes only what an edit changed.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    /// Parsed source files, by path and modification time.
    pub sources: SourceCache,
    /// Rendered Markdown texts and the last model.
    pub model: ModelMemo,
    /// What each page was rendered from, in each language.
    pub pages: PageMemos,
    /// The source files (relative to the site root) changed since the last
    /// build, if known (from the file watcher).
    pub changed: Option<Vec<PathBuf>>,
    /// True when the last build patched the edit into the last model
    /// instead of making the model again.
    pub patched: bool,
    /// The theme of the last build.
    theme: Option<Arc<Theme>>,
}

impl Memo {
    /// An empty memo: the next build does everything.
    pub(crate) fn new() -> Self {
        Memo::default()
    }

    /// Forgets the theme and every page, for a change that content cannot
    /// explain: templates, static files, photos or `site.yaml`.
    pub(crate) fn forget_rendering(&mut self) {
        self.theme = None;
        self.pages.forget();
    }
}

/// Loads configuration and content and builds the model; every problem of
/// these steps is returned together.
pub fn load_site(options: &BuildOptions) -> Result<Site, Diagnostics> {
    match load_model(options, None, |_| ()) {
        (Some(site), _, problems, _) if problems.is_empty() => Ok(site),
        (_, _, problems, _) => Err(problems),
    }
}

/// Configuration, content and model, with every problem of these steps;
/// no site when `site.yaml` itself is broken (the content's problems are
/// reported all the same). `beside` runs with the configuration while the
/// content loads (the theme: loading it after the model left a core idle).
/// The site is the default language's; the models of a multilingual
/// site's further languages come last.
fn load_model<T: Send>(
    options: &BuildOptions,
    memo: Option<&mut Memo>,
    beside: impl FnOnce(&Config) -> T + Send,
) -> (
    Option<Site>,
    Option<T>,
    Diagnostics,
    Vec<languages::LanguageSite>,
) {
    let config = Config::load(&options.root, options.base_url.as_deref());
    let (sources, texts, changed) = match memo {
        Some(m) => (
            Some(&mut m.sources),
            Some(&mut m.model),
            m.changed.as_deref(),
        ),
        None => (None, None, None),
    };
    let ((content, mut problems), besides) = rayon::join(
        || {
            timed("load", || {
                crate::content::load_with(&options.root, sources, changed)
            })
        },
        || config.as_ref().ok().map(beside),
    );
    let config = match config {
        Ok(c) => c,
        Err(config_problems) => {
            problems.extend(config_problems);
            return (None, None, problems, Vec::new());
        }
    };
    let (views, view_problems) = crate::translations::views(&config, content);
    problems.extend(view_problems);
    let mut views = views.into_iter();
    let Some(default) = views.next() else {
        return (None, None, problems, Vec::new());
    };
    let others = config.clone();
    let (site, model_problems) = timed("model", || {
        Site::build_with(config, default.content, options.drafts, texts)
    });
    problems.extend(model_problems);
    let others = timed("model", || {
        languages::language_sites(&others, views.collect(), options.drafts, &mut problems)
    });
    (Some(site), besides, problems, others)
}

/// Loads, validates and renders the site without writing anything to the
/// output (processed images go into the image cache and are listed as
/// copies from there).
pub fn render_files(options: &BuildOptions) -> Result<(Site, Vec<OutputFile>), Diagnostics> {
    render_files_with(options, images::Mode::Publish)
}

/// [`render_files`], with images processed (`Publish`) or only checked
/// (`Validate`: every source decoded, nothing made or cached; for `check`).
pub(crate) fn render_files_with(
    options: &BuildOptions,
    images: images::Mode,
) -> Result<(Site, Vec<OutputFile>), Diagnostics> {
    let sink = MemorySink::default();
    let (site, _) = render_into_with(options, &sink, images, None)?;
    Ok((site, sink.into_files()))
}

/// [`render_files`] for `serve`: unchanged sources and texts are taken
/// from `memo`, and pages whose inputs are unchanged since its last build
/// are not rendered but listed in it as kept.
pub(crate) fn render_changed_files(
    options: &BuildOptions,
    memo: &mut Memo,
) -> Result<(Site, Vec<OutputFile>), Diagnostics> {
    let sink = MemorySink::default();
    let (site, _) = render_into_with(options, &sink, images::Mode::Publish, Some(memo))?;
    Ok((site, sink.into_files()))
}

/// Loads, validates and renders the site, handing each file to `sink` as
/// soon as it is made (a build writes while it renders, and never holds the
/// whole site in memory).
pub(crate) fn render_into(
    options: &BuildOptions,
    sink: &dyn Sink,
) -> Result<(Site, RenderReport), Diagnostics> {
    render_into_with(options, sink, images::Mode::Publish, None)
}

fn render_into_with(
    options: &BuildOptions,
    sink: &dyn Sink,
    image_mode: images::Mode,
    mut memo: Option<&mut Memo>,
) -> Result<(Site, RenderReport), Diagnostics> {
    let known_theme = memo.as_ref().and_then(|m| m.theme.clone());
    let patched = memo.as_deref_mut().and_then(|m| patched_model(options, m));
    if let Some(m) = memo.as_deref_mut() {
        m.patched = patched.is_some();
    }
    let (site, theme, mut problems, others) = match patched {
        Some((site, theme)) => (Some(site), Some(Ok(theme)), Diagnostics::new(), Vec::new()),
        None => load_model(options, memo.as_deref_mut(), |config| match known_theme {
            Some(theme) => Ok(theme),
            None => timed("theme", || Theme::load(config)).map(Arc::new),
        }),
    };
    let Some(site) = site else {
        return Err(problems);
    };
    let theme = match theme {
        Some(Ok(t)) => Some(t),
        Some(Err(p)) => {
            problems.extend(p);
            None
        }
        None => None,
    };
    let Some(theme) = theme.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let prefixes: Vec<String> = others.iter().map(languages::LanguageSite::prefix).collect();
    let pages = memo.map(|m| {
        m.theme = Some(Arc::clone(&theme));
        m.pages.prepare(&prefixes);
        &m.pages
    });
    let today = options
        .today
        .unwrap_or_else(|| build_date(site.config.timezone));
    if !others.is_empty() {
        let report = languages::render_all(&site, &others, &theme, today, image_mode, sink, pages)?;
        return Ok((site, report));
    }
    // Photos first, in parallel: made once, then copied from the cache.
    let published = timed("images", || images::publish(&site.images, image_mode, sink))?;
    let mut report = timed("render", || {
        let options = RenderOptions {
            today,
            languages: None,
        };
        let memo = pages.map(PageMemos::default_language);
        render::render_site(&site, &theme, options, sink, memo)
    })?;
    report.files += published.files;
    Ok((site, report))
}

/// The last model with the edit that `memo` knows of patched in, and the
/// last theme, if the edit changed only Markdown bodies (see
/// `model::ModelMemo::patched`); the sources it read are in the memo's
/// cache then.
fn patched_model(options: &BuildOptions, memo: &mut Memo) -> Option<(Site, Arc<Theme>)> {
    let theme = memo.theme.clone()?;
    let changed = memo.changed.as_deref().filter(|c| !c.is_empty())?;
    let edits = timed("patch.load", || {
        crate::content::body_edits(&options.root, &mut memo.sources, changed)
    })?;
    let site = timed("patch.model", || memo.model.patched(&edits))?;
    Some((site, theme))
}

/// Builds the site and replaces the output folder with it.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let output = options.output_dir();
    // Refuses a bad output folder before doing any work.
    let staging = Staging::create(&options.root, &output)?;
    // On error the staging folder is dropped, and with it what was written
    // (a full disk is one problem, not one per file).
    let (site, report) = render_into(options, &staging).map_err(|p| staging.explain(p))?;
    let written = staging.written();
    timed("swap", || staging.commit())?;
    let report = BuildReport {
        output,
        articles: site.articles.len(),
        events: site.events.len(),
        municipalities: site.municipalities.len(),
        pages: site.pages.len(),
        html_pages: report.html_pages,
        files: report.files + 1,
        duration: started.elapsed(),
        written,
    };
    // The model of a large site is millions of small allocations; freeing
    // them took the last tens of milliseconds of a build on one thread. They
    // are freed on the thread pool instead, or not at all when the program
    // ends first.
    rayon::spawn(move || drop(site));
    Ok(report)
}

/// True when `path` looks like a kette site root.
pub(crate) fn is_site_root(path: &Path) -> bool {
    path.join(crate::config::CONFIG_FILE).is_file()
}
