//! The template data of a multilingual site's pages: the language versions
//! of a page (`alternates`, `x_default`), the language switcher
//! (`languages`) and the note on an item shown untranslated
//! (`untranslated`). docs/templates.md, "Global variables", describes them.

#![allow(missing_docs)]

use serde::Serialize;

/// One language version of a page, or that language's home page when the
/// page has none (`exists: false`; switcher entries only).
#[derive(Serialize, Clone, Debug)]
pub(crate) struct LanguageLink {
    pub key: &'static str,
    pub tag: String,
    pub name: &'static str,
    pub dir: &'static str,
    pub url: String,
    pub permalink: String,
    pub exists: bool,
    pub current: bool,
}

/// The item of this page is shown in the default language: its tag and
/// direction for the element that holds it.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct Untranslated {
    pub tag: String,
    pub dir: &'static str,
}
