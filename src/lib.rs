//! `kette`: a static site generator for a network of municipalities and the
//! initiative that joins them.
//!
//! The pipeline runs in one direction, one module a step:
//! `config` → `content` (loading, parsing) → `model` (the site, its
//! links and validation, with the `catalog` of its pictures) →
//! `images` (photos processed, cached) → `render` (Tera) → `output`
//! (writing files). [`build()`] runs it all; `serve` and `check` sit on top
//! of the same steps.
//!
//! The modules depend on each other in one direction only, in this order:
//! each uses only modules before it (`tests/module_order.rs` reads the
//! sources and fails on a module that names a later one, or on a cycle).
//!
//! Order: [`language`] → [`messages`] → [`diagnostics`] → `sync`
//! → `timing` → `stamp` → `escape` → [`url_policy`] → `yaml` → `source` → `checked`
//! → `slug` → `output` → `config` → `content` → `translations` → `catalog`
//! → `model` → `images` → `render` → [`build`](mod@build) → [`check`]
//! → [`scaffold`] → [`import`] → [`serve`]
//!
//! - The leaves first: the [`messages`] (every text kette shows an
//!   editor, in German and English), problems, locks and timers, file
//!   stamps, escaping, the URL policy, the YAML reader, and things that
//!   used to sit inside later modules and made cycles: the [`language`]
//!   (once in `config`, needed by messages, slugs and Markdown), the
//!   `source` reader that makes bytes trusted text and the `checked` field readers (once in
//!   `content`, needed by `config` for `site.yaml`).
//! - `output` (writing files) sits low although the pipeline ends with
//!   it: it knows files, paths and folders, nothing of sites, so every step
//!   that makes files can hand them to it — `images` and `render` its
//!   `output::Sink` — and the model can check before anything is
//!   written that every URL fits the file system's limits
//!   (`output::NAME_MAX`). Writing depending on nothing but the leaves is
//!   what lets `serve` and `check` swap sinks (memory, a staging folder).
//! - Pictures are split in two: the `catalog` (which files, which names
//!   and sizes; headers only) before the model, which needs names and sizes
//!   for pages; `images` (decoding, resizing, encoding, the cache) after
//!   it, handing files to `output`.
//! - `translations` sits between loading and the model: it gives each
//!   language of the site its view of the loaded content, and the model is
//!   built from each view alone.
//! - The commands on top: [`build()`] runs the steps; `check`, `scaffold`
//!   (`init`, `new`), `import` and `serve` use it.
//!
//! ## The public API
//!
//! Everything else is `pub(crate)`: `unreachable_pub` is warned here, and
//! CI's `cargo clippy -- -D warnings` turns the warning into a failure, so
//! an item cannot become public by accident. What the binary
//! (`src/main.rs`), the tests, benches and fuzz targets use:
//!
//! - building: [`build()`], [`BuildOptions`], [`BuildReport`],
//!   [`load_site`], [`build::render_files`]; problems as [`Diagnostic`],
//!   [`Diagnostics`], [`diagnostics::format_report`],
//!   [`diagnostics::terminal_safe`], [`diagnostics::terminal_safe_path`];
//! - the commands: [`check::check`], [`check::crawl`] ([`check::CheckReport`]);
//!   [`scaffold`] (`init`, `new_item_at`, `NewKind`, `today_for`,
//!   `date_argument`, `time_argument`); [`import::wordpress`]
//!   ([`import::ImportOptions`], [`import::ImportReport`]); [`serve::run`]
//!   ([`serve::ServeOptions`], [`serve::ServeError`]);
//! - words: [`language::Language`] and [`language::Direction`]; the
//!   [`messages`] catalogue, which the binary prints from;
//!   [`url_policy::check`] and [`url_policy::ALLOWED_FORMS`];
//! - hidden from the docs, for tests, benches and fuzzing only: `content`
//!   (`load`, the Markdown renderer, front matter, records), `output`
//!   (`OutputFile`, `Contents`), `render::search_index` (the index's word
//!   rules, which a test compares with `search.js`), `render::i18n` (the
//!   theme's words, which a test writes into docs/languages.md), and `serve::state`,
//!   `serve::watch`, `serve::inject` (the preview's incremental builder,
//!   watcher and overlay).

#![warn(missing_docs)]
#![warn(unreachable_pub)]

pub mod build;
pub(crate) mod catalog;
pub mod check;
pub(crate) mod checked;
pub(crate) mod config;
#[doc(hidden)]
pub mod content;
pub mod diagnostics;
pub(crate) mod escape;
pub(crate) mod images;
pub mod import;
pub mod language;
pub mod messages;
pub(crate) mod model;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod render;
pub mod scaffold;
pub mod serve;
pub(crate) mod slug;
pub(crate) mod source;
pub(crate) mod stamp;
pub(crate) mod sync;
pub(crate) mod timing;
pub(crate) mod translations;
pub mod url_policy;
mod yaml;

pub use build::{build, load_site, BuildOptions, BuildReport};
pub use diagnostics::{Diagnostic, Diagnostics};
