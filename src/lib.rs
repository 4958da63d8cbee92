//! `kette`: a static site generator for a network of municipalities and the
//! initiative that joins them.
//!
//! The pipeline runs in one direction, one module a step:
//! [`config`] → [`content`] (loading, parsing) → [`model`] (the site, its
//! links and validation, with the [`catalog`] of its pictures) →
//! [`images`] (photos processed, cached) → [`render`] (Tera) → [`output`]
//! (writing files). [`build()`] runs it all; `serve` and `check` sit on top
//! of the same steps.
//!
//! The modules depend on each other in one direction only, in this order:
//! each uses only modules before it (`tests/module_order.rs` reads the
//! sources and fails on a module that names a later one, or on a cycle).
//!
//! Order: [`language`] → [`messages`] → [`diagnostics`] → [`sync`]
//! → [`timing`] → [`stamp`] → [`escape`] → [`url_policy`] → [`yaml`] → [`source`] → [`checked`]
//! → [`slug`] → [`output`] → [`config`] → [`content`] → [`translations`] → [`catalog`]
//! → [`model`] → [`images`] → [`render`] → [`build`] → [`check`]
//! → [`scaffold`] → [`import`] → [`serve`]
//!
//! - The leaves first: the [`messages`] (every text kette shows an
//!   editor, in German and English), problems, locks and timers, file
//!   stamps, escaping, the URL policy, the YAML reader, and things that
//!   used to sit inside later modules and made cycles: the [`language`]
//!   (once in `config`, needed by messages, slugs and Markdown), the
//!   [`source`] reader that makes bytes trusted text and the [`checked`] field readers (once in
//!   `content`, needed by `config` for `site.yaml`).
//! - [`output`] (writing files) sits low although the pipeline ends with
//!   it: it knows files, paths and folders, nothing of sites, so every step
//!   that makes files can hand them to it — [`images`] and [`render`] its
//!   [`output::Sink`] — and the model can check before anything is
//!   written that every URL fits the file system's limits
//!   ([`output::NAME_MAX`]). Writing depending on nothing but the leaves is
//!   what lets `serve` and `check` swap sinks (memory, a staging folder).
//! - Pictures are split in two: the [`catalog`] (which files, which names
//!   and sizes; headers only) before the model, which needs names and sizes
//!   for pages; [`images`] (decoding, resizing, encoding, the cache) after
//!   it, handing files to [`output`].
//! - [`translations`] sits between loading and the model: it gives each
//!   language of the site its view of the loaded content, and the model is
//!   built from each view alone.
//! - The commands on top: [`build`] runs the steps; `check`, `scaffold`
//!   (`init`, `new`), `import` and `serve` use it.

#![warn(missing_docs)]

pub mod build;
pub mod catalog;
pub mod check;
pub mod checked;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod escape;
pub mod images;
pub mod import;
pub mod language;
pub mod messages;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod source;
pub mod stamp;
pub mod sync;
pub mod timing;
pub mod translations;
pub mod url_policy;
mod yaml;

pub use build::{build, load_site, BuildOptions, BuildReport};
pub use diagnostics::{Diagnostic, Diagnostics};
