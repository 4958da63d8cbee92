//! `kette`: a static site generator for a network of municipalities and the
//! initiative that joins them.
//!
//! The pipeline runs in one direction, one module a step:
//! [`config`] → [`content`] (loading, parsing) → [`model`] (the site, its
//! links and validation) → [`images`] (photos processed, cached) →
//! [`render`] (Tera) → [`output`] (writing files).
//! [`build()`] runs it all; `serve` and `check` sit on top of the same steps.

#![warn(missing_docs)]

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod escape;
pub mod images;
pub mod import;
pub mod messages;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod stamp;
pub mod sync;
pub mod timing;
pub mod url_policy;
mod yaml;

pub use build::{build, load_site, BuildOptions, BuildReport};
pub use diagnostics::{Diagnostic, Diagnostics};
