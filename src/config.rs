//! The site configuration, `site.yaml` (docs/configuration.md): read, checked and
//! completed with defaults. Everything later in the pipeline reads it from
//! here.

mod languages;
mod stages;
mod topics;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::checked;
use crate::diagnostics::{Diagnostic, Diagnostics};
pub(crate) use crate::language::Language;
use crate::messages::{self, Text};
use crate::yaml::{self, Embedding};
pub(crate) use languages::{Fallback, SiteLanguage};
use stages::StageNames;
use topics::TopicNames;

/// The name of the configuration file in a site's root.
pub(crate) const CONFIG_FILE: &str = "site.yaml";

/// URL segments of the generated sections.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct Paths {
    pub news: String,
    pub events: String,
    pub municipalities: String,
    pub topics: String,
    pub archive: String,
    pub calendar: String,
    pub search: String,
    pub offers: String,
    pub chain: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            news: "news".into(),
            events: "events".into(),
            municipalities: "municipalities".into(),
            topics: "topics".into(),
            archive: "archive".into(),
            calendar: "calendar".into(),
            search: "search".into(),
            offers: "offers".into(),
            chain: "chain".into(),
        }
    }
}

impl Paths {
    fn entries(&self) -> [(&'static str, &str); 9] {
        [
            ("news", &self.news),
            ("events", &self.events),
            ("municipalities", &self.municipalities),
            ("topics", &self.topics),
            ("archive", &self.archive),
            ("calendar", &self.calendar),
            ("search", &self.search),
            ("offers", &self.offers),
            ("chain", &self.chain),
        ]
    }
}

/// Markdown options.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownOptions {
    /// When false, raw HTML in Markdown is escaped instead of passed through.
    pub raw_html: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions { raw_html: true }
    }
}

/// How photos and other raster images of the content are published
/// (`images:` in site.yaml; see src/images/).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct ImageOptions {
    /// The widths in pixels each image is made in (never wider than the
    /// image itself), smallest first after loading.
    pub widths: Vec<u32>,
    /// JPEG quality, 1 to 100.
    pub quality: u8,
    /// Publish the original files too (with all their metadata, GPS
    /// positions included). Off by default.
    pub publish_originals: bool,
    /// The `sizes` attribute of images in Markdown text and lead images: how
    /// wide the image is shown, so browsers pick the right width.
    #[serde(deserialize_with = "checked::text")]
    pub sizes: String,
}

impl Default for ImageOptions {
    fn default() -> Self {
        ImageOptions {
            widths: vec![480, 960, 1600],
            quality: 80,
            publish_originals: false,
            sizes: "(min-width: 46rem) 42rem, 100vw".into(),
        }
    }
}

/// One link of the prevention chain, e.g. "0 bis 3 Jahre".
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable id used in records' `offers[].stages` and in URLs.
    #[serde(deserialize_with = "checked::text")]
    pub id: String,
    /// Display name.
    #[serde(deserialize_with = "checked::text")]
    pub name: String,
    /// The name in further languages of the site (`translations:`, see
    /// `stages.rs`); a language without one shows `name`.
    #[serde(default, deserialize_with = "stages::names")]
    pub translations: StageNames,
}

/// The default stages (docs/configuration.md) in the site's language.
pub(crate) fn default_stages(language: Language) -> Vec<Stage> {
    const IDS: [&str; 6] = ["schwangerschaft", "0-3", "3-6", "6-10", "10-16", "16-27"];
    let names: [&str; 6] = match language {
        Language::De | Language::Ls => [
            "Schwangerschaft und Geburt",
            "0 bis 3 Jahre",
            "3 bis 6 Jahre",
            "6 bis 10 Jahre",
            "10 bis 16 Jahre",
            "16 bis 27 Jahre",
        ],
        Language::En => [
            "Pregnancy and birth",
            "0 to 3 years",
            "3 to 6 years",
            "6 to 10 years",
            "10 to 16 years",
            "16 to 27 years",
        ],
        Language::Tr => [
            "Hamilelik ve doğum",
            "0–3 yaş",
            "3–6 yaş",
            "6–10 yaş",
            "10–16 yaş",
            "16–27 yaş",
        ],
        Language::Ar => [
            "الحمل والولادة",
            "من 0 إلى 3 سنوات",
            "من 3 إلى 6 سنوات",
            "من 6 إلى 10 سنوات",
            "من 10 إلى 16 سنة",
            "من 16 إلى 27 سنة",
        ],
        Language::Uk => [
            "Вагітність і народження",
            "Від 0 до 3 років",
            "Від 3 до 6 років",
            "Від 6 до 10 років",
            "Від 10 до 16 років",
            "Від 16 до 27 років",
        ],
    };
    IDS.iter()
        .zip(names)
        .map(|(id, name)| Stage {
            id: (*id).into(),
            name: name.into(),
            translations: StageNames::new(),
        })
        .collect()
}

/// A time zone name checked against the tz database.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TimeZone(pub chrono_tz::Tz);

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor, so that the error is raised while the parser still
        // knows the value's line and column.
        struct ZoneVisitor;
        impl serde::de::Visitor<'_> for ZoneVisitor {
            type Value = TimeZone;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a time zone such as Europe/Berlin")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<TimeZone, E> {
                name.parse::<chrono_tz::Tz>()
                    .map(TimeZone)
                    .map_err(|_| E::custom(crate::messages::unknown_time_zone(name).pack()))
            }
        }
        d.deserialize_str(ZoneVisitor)
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone(chrono_tz::Europe::Berlin)
    }
}

/// `site.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(deserialize_with = "checked::text")]
    title: String,
    #[serde(default, deserialize_with = "checked::text")]
    description: String,
    #[serde(deserialize_with = "checked::text")]
    base_url: String,
    #[serde(default)]
    language: Language,
    #[serde(default)]
    timezone: TimeZone,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_paginate")]
    paginate: usize,
    #[serde(default)]
    paths: Paths,
    #[serde(default)]
    markdown: MarkdownOptions,
    #[serde(default)]
    images: ImageOptions,
    #[serde(default = "yes")]
    feeds: bool,
    #[serde(default = "yes")]
    search: bool,
    #[serde(default)]
    stages: Option<Vec<Stage>>,
    #[serde(default)]
    languages: languages::LanguageEntries,
    #[serde(default, deserialize_with = "topics::entries")]
    topic_names: topics::TopicEntries,
    #[serde(default)]
    fallback: Fallback,
    #[serde(default, deserialize_with = "checked::extra")]
    extra: serde_json::Value,
}

fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    10
}
fn yes() -> bool {
    true
}

/// The base URL split into what pages need: the absolute form for feeds and
/// canonical links, and the path prefix for links inside the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Absolute, ending in `/`: `https://example.org/praevention/`.
    pub absolute: String,
    /// The path part, starting and ending in `/`: `/praevention/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses an absolute http(s) URL, or explains what is wrong with it.
    pub fn parse(url: &str) -> Result<BaseUrl, Text> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| messages::base_url_scheme(url))?;
        if rest.contains(['?', '#', ' ', '\\']) || rest.contains(char::is_control) {
            return Err(messages::base_url_characters(
                &url.escape_debug().to_string(),
            ));
        }
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() {
            return Err(messages::base_url_host(url));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        if path.split('/').any(|s| s == ".." || s == ".") {
            return Err(messages::base_url_dots(url));
        }
        let scheme = if url.starts_with("https://") {
            "https://"
        } else {
            "http://"
        };
        Ok(BaseUrl {
            absolute: format!("{scheme}{host}{path}"),
            path,
        })
    }

    /// The in-site link for a site-relative path (`news/x/` → `/praevention/news/x/`).
    pub fn link(&self, relative: &str) -> String {
        [self.path.as_str(), relative].concat()
    }

    /// The absolute URL for a site-relative path.
    pub fn permalink(&self, relative: &str) -> String {
        [self.absolute.as_str(), relative].concat()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.absolute)
    }
}

/// The checked configuration of a site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's root folder.
    pub root: PathBuf,
    /// Site title.
    pub title: String,
    /// One-sentence description, for meta tags and feeds.
    pub description: String,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// The language of the pages being built: UI strings, dates, `lang`
    /// (the default language, or one of `languages`; see
    /// [`Config::for_language`]).
    pub language: Language,
    /// The site's default language (`language:`), whose pages live at the
    /// root: slugs and the editors' messages follow it in every language.
    pub default_language: Language,
    /// Every language of the site, the default first (just it when
    /// `languages:` is absent).
    pub languages: Vec<SiteLanguage>,
    /// What a language shows of an item not translated into it.
    pub fallback: Fallback,
    /// The site's root URL: where static files and processed images live,
    /// shared by every language (`base_url` is the current language's).
    pub root_url: BaseUrl,
    /// Time zone for dates without an offset.
    pub timezone: chrono_tz::Tz,
    /// The theme's name.
    pub theme: String,
    /// Items per list page.
    pub paginate: usize,
    /// URL segments of the sections.
    pub paths: Paths,
    /// Markdown options.
    pub markdown: MarkdownOptions,
    /// How images are processed and published.
    pub images: ImageOptions,
    /// Whether Atom feeds are written.
    pub feeds: bool,
    /// Whether the search page and index are written.
    pub search: bool,
    /// The links of the prevention chain, in order.
    pub stages: Vec<Stage>,
    /// Topics' names in further languages, by the topic's slug
    /// (`topic_names:`); see [`Config::topic_name`].
    pub topic_names: TopicNames,
    /// Free data for templates.
    pub extra: serde_json::Value,
}

impl Config {
    /// Reads and checks `site.yaml` in `root`; `base_url` replaces the file's
    /// value when given (for previews and staging builds).
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let file = PathBuf::from(CONFIG_FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => match crate::source::source_text(bytes, &file) {
                Ok(t) => t,
                Err(d) => return Err(Diagnostics::from_iter([d])),
            },
            Err(e) => {
                let message = if e.kind() == std::io::ErrorKind::NotFound {
                    messages::no_site_yaml(&root.display().to_string())
                } else {
                    messages::cannot_read_site_yaml(&e.to_string())
                };
                return Err(Diagnostics::from_iter([Diagnostic::file(file, message)]));
            }
        };
        Self::from_text(root, &text, base_url)
    }

    /// Checks a configuration given as text (the file's content).
    pub fn from_text(
        root: &Path,
        text: &str,
        base_url: Option<&str>,
    ) -> Result<Config, Diagnostics> {
        let file = PathBuf::from(CONFIG_FILE);
        let mut raw: RawConfig = yaml::parse(text, &file, Embedding::default())
            .map_err(|d| Diagnostics::from_iter([d]))?;
        let mut problems = Diagnostics::new();
        let at = |key: &str| yaml::locate_key(text, key).unwrap_or_default();

        let base_url = checked_base_url(text, base_url, &raw.base_url, &mut problems);
        if raw.paginate == 0 {
            problems.push(Diagnostic::at(
                &file,
                at("paginate"),
                messages::paginate_zero(),
            ));
        }
        check_paths(text, &raw.paths, &mut problems);
        check_images(text, &raw.images, &mut problems);
        if raw.stages.as_ref().is_some_and(Vec::is_empty) {
            problems.push(Diagnostic::at(
                &file,
                at("stages"),
                messages::stages_empty(),
            ));
        }
        if !(raw.extra.is_null() || raw.extra.is_object()) {
            problems.push(Diagnostic::at(
                &file,
                at("extra"),
                messages::extra_not_a_map(),
            ));
        }
        let stages_written = raw.stages.is_some();
        let stages = raw
            .stages
            .take()
            .unwrap_or_else(|| stages::default_stages_everywhere(raw.language));
        let mut seen_stages: Vec<&str> = Vec::new();
        for stage in &stages {
            let valid = !stage.id.is_empty()
                && stage
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if !valid {
                problems.push(Diagnostic::at(
                    &file,
                    yaml::locate_value(text, "stages", &stage.id, 0),
                    messages::stage_id_characters(&stage.id),
                ));
            } else if seen_stages.contains(&stage.id.as_str()) {
                problems.push(Diagnostic::at(
                    &file,
                    yaml::locate_value(text, "stages", &stage.id, 0),
                    messages::stage_id_twice(&stage.id),
                ));
            }
            seen_stages.push(&stage.id);
        }
        let site_languages = languages::site_languages(
            text,
            raw.language,
            &raw.languages,
            &raw.paths,
            &mut problems,
        );
        if stages_written {
            stages::check_stage_languages(text, &stages, &site_languages, &mut problems);
        }
        let topic_names = topics::topic_names(
            text,
            std::mem::take(&mut raw.topic_names),
            raw.language,
            &site_languages,
            &mut problems,
        );
        if raw.title.trim().is_empty() {
            problems.push(Diagnostic::at(&file, at("title"), messages::title_empty()));
        }
        check_theme(text, &raw.theme, &mut problems);

        match base_url {
            Some(base_url) if problems.is_empty() => {
                Ok(raw.into_config(root, base_url, site_languages, stages, topic_names))
            }
            _ => Err(problems),
        }
    }
}

impl RawConfig {
    /// The configuration once every check has passed: `base_url`,
    /// `languages` and `topic_names` as checked, `stages` the site's or the
    /// default ones.
    fn into_config(
        self,
        root: &Path,
        base_url: BaseUrl,
        languages: Vec<SiteLanguage>,
        stages: Vec<Stage>,
        topic_names: TopicNames,
    ) -> Config {
        Config {
            root: root.to_path_buf(),
            title: self.title,
            description: self.description,
            root_url: base_url.clone(),
            base_url,
            language: self.language,
            default_language: self.language,
            languages,
            fallback: self.fallback,
            timezone: self.timezone.0,
            theme: self.theme,
            paginate: self.paginate,
            paths: self.paths,
            markdown: self.markdown,
            images: {
                let mut images = self.images;
                images.widths.sort_unstable();
                images.widths.dedup();
                images
            },
            feeds: self.feeds,
            search: self.search,
            stages,
            topic_names,
            extra: if self.extra.is_null() {
                serde_json::Value::Object(Default::default())
            } else {
                self.extra
            },
        }
    }
}

impl Config {
    /// True when the site has more languages than its default one.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The entry of the language being built.
    pub fn site_language(&self) -> &SiteLanguage {
        self.languages
            .iter()
            .find(|l| l.language == self.language)
            .unwrap_or(&self.languages[0])
    }

    /// The name of the topic `slug` in the language being built, if
    /// `topic_names:` gives one.
    pub fn topic_name(&self, slug: &str) -> Option<&str> {
        self.topic_names
            .get(slug)?
            .get(&self.language)
            .map(String::as_str)
    }

    /// The configuration for building the pages of `language` (one of
    /// [`Config::languages`]): its prefix in the base URL, its title and
    /// description; the root URL and the default language stay.
    pub fn for_language(&self, language: &SiteLanguage) -> Config {
        let mut config = self.clone();
        config.language = language.language;
        config.base_url = languages::prefixed(&self.root_url, &language.prefix);
        config.stages = stages::stages_in(&self.stages, language.language);
        if let Some(title) = &language.title {
            config.title = title.clone();
        }
        if let Some(description) = &language.description {
            config.description = description.clone();
        }
        config
    }
}

/// The narrowest and widest image widths `images.widths` may ask for.
pub(crate) const IMAGE_WIDTHS: std::ops::RangeInclusive<u32> = 16..=8192;

/// The base URL: `--base-url` when given (a problem there is the flag's),
/// else `written` in site.yaml.
fn checked_base_url(
    text: &str,
    flag: Option<&str>,
    written: &str,
    problems: &mut Diagnostics,
) -> Option<BaseUrl> {
    match (flag, BaseUrl::parse(flag.unwrap_or(written))) {
        (_, Ok(b)) => Some(b),
        (Some(_), Err(message)) => {
            problems.push(Diagnostic::file("--base-url", message));
            None
        }
        (None, Err(message)) => {
            problems.push(Diagnostic::at(
                CONFIG_FILE,
                yaml::locate_key(text, "base_url").unwrap_or_default(),
                message,
            ));
            None
        }
    }
}

/// The theme's name a folder name: letters, digits, `-`, `_`.
fn check_theme(text: &str, theme: &str, problems: &mut Diagnostics) {
    let valid = !theme.is_empty()
        && theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        problems.push(Diagnostic::at(
            CONFIG_FILE,
            yaml::locate_key(text, "theme").unwrap_or_default(),
            messages::theme_name(theme),
        ));
    }
}

/// Each folder name of `paths:` one URL segment (lower-case letters,
/// digits, `-`, `_`), and no two the same.
fn check_paths(text: &str, paths: &Paths, problems: &mut Diagnostics) {
    let file = PathBuf::from(CONFIG_FILE);
    let mut seen_paths: Vec<&str> = Vec::new();
    for (name, segment) in paths.entries() {
        let valid = !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && segment != "."
            && segment != "..";
        if !valid {
            problems.push(Diagnostic::at(
                &file,
                yaml::locate_value(text, "paths", segment, 0),
                messages::path_segment(name, segment),
            ));
        } else if seen_paths.contains(&segment) {
            problems.push(Diagnostic::at(
                &file,
                yaml::locate_value(text, "paths", segment, 0),
                messages::path_twice(name, segment),
            ));
        }
        seen_paths.push(segment);
    }
}

fn check_images(text: &str, images: &ImageOptions, problems: &mut Diagnostics) {
    let file = PathBuf::from(CONFIG_FILE);
    let at = |key: &str| {
        yaml::locate_key(text, key)
            .or_else(|| yaml::locate_key(text, "images"))
            .unwrap_or_default()
    };
    if images.widths.is_empty() {
        problems.push(Diagnostic::at(
            &file,
            at("widths"),
            messages::image_widths_empty(),
        ));
    }
    for w in &images.widths {
        if !IMAGE_WIDTHS.contains(w) {
            problems.push(Diagnostic::at(
                &file,
                yaml::locate_value(text, "widths", &w.to_string(), 0),
                messages::image_width_range(*w, *IMAGE_WIDTHS.start(), *IMAGE_WIDTHS.end()),
            ));
        }
    }
    if !(1..=100).contains(&images.quality) {
        problems.push(Diagnostic::at(
            &file,
            at("quality"),
            messages::image_quality(images.quality),
        ));
    }
    if images.sizes.contains('"') {
        problems.push(Diagnostic::at(
            &file,
            at("sizes"),
            messages::image_sizes_quote(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_their_sub_path() {
        let b = BaseUrl::parse("https://example.org/praevention").unwrap();
        assert_eq!(b.absolute, "https://example.org/praevention/");
        assert_eq!(b.path, "/praevention/");
        assert_eq!(b.link("news/"), "/praevention/news/");
        assert!(BaseUrl::parse("example.org").is_err());
    }

    #[test]
    fn unknown_keys_are_errors_with_a_suggestion() {
        let text = "title: T\nbase_url: https://e.org/\npaginat: 3\n";
        let errs = Config::from_text(Path::new("."), text, None)
            .unwrap_err()
            .into_sorted();
        assert_eq!(errs[0].line, 3);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `paginate`?"));
    }

    #[test]
    fn unknown_time_zones_are_located() {
        let text = "title: T\nbase_url: https://e.org/\ntimezone: Europe/Berln\n";
        let errs = Config::from_text(Path::new("."), text, None)
            .unwrap_err()
            .into_sorted();
        assert_eq!((errs[0].line, errs[0].column), (3, 11), "{}", errs[0]);
        assert!(errs[0].message.contains("unknown time zone `Europe/Berln`"));
        let errs = Config::from_text(
            Path::new("."),
            "title: T\nbase_url: https://e.org/\n",
            Some("ftp://x"),
        )
        .unwrap_err()
        .into_sorted();
        assert_eq!(errs[0].file, Path::new("--base-url"));
    }

    #[test]
    fn defaults_fill_the_rest() {
        let text = "title: T\nbase_url: https://e.org/\nlanguage: en\n";
        let c = Config::from_text(Path::new("."), text, None).unwrap();
        assert_eq!(c.paginate, 10);
        assert_eq!(c.stages[1].name, "0 to 3 years");
        assert_eq!(c.paths.news, "news");
    }
}
