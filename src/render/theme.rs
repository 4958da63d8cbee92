//! The theme: Tera templates and static assets. The theme `default` is
//! built into the binary (source in `themes/default/`); a site may bring its
//! own `themes/<name>/`, and override single templates in `templates/`.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use std::sync::Arc;

pub(crate) use super::errors::TemplateSource;
use super::errors::{template_error, tera1_syntax};
use super::fragments::FragmentCache;
use crate::config::{Config, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A static file of the theme or site, copied to the output.
#[derive(Debug, Clone)]
pub(crate) enum StaticFile {
    /// Built into the binary.
    Embedded {
        /// Output path.
        path: String,
        /// The bytes.
        bytes: &'static [u8],
    },
    /// A file of the site.
    OnDisk {
        /// Output path.
        path: String,
        /// Absolute source path.
        source: PathBuf,
    },
}

impl StaticFile {
    /// The output path, relative to the output root.
    pub(crate) fn path(&self) -> &str {
        match self {
            StaticFile::Embedded { path, .. } | StaticFile::OnDisk { path, .. } => path,
        }
    }
}

/// The loaded theme.
pub(crate) struct Theme {
    /// The template engine with every template parsed.
    pub tera: Arc<tera::Tera>,
    /// The fragments rendered once per build (`fragment(component=…)`).
    pub fragments: Arc<FragmentCache>,
    /// Where each template came from.
    pub sources: Vec<TemplateSource>,
    /// Static files in copy order (later ones replace earlier ones).
    pub statics: Vec<StaticFile>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("sources", &self.sources)
            .field("statics", &self.statics.len())
            .finish_non_exhaustive()
    }
}

impl Theme {
    /// Loads the theme named in the configuration, with the site's overrides.
    pub(crate) fn load(config: &Config) -> Result<Theme, Diagnostics> {
        let root = &config.root;
        let mut problems = Diagnostics::new();
        let mut templates: Vec<(String, String, PathBuf)> = Vec::new();
        let mut statics: Vec<StaticFile> = Vec::new();

        let builtin = Path::new("(built-in theme)");
        if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
            for file in dir.files() {
                let name = file.path().strip_prefix("templates").unwrap_or(file.path());
                let name = name.to_string_lossy().replace('\\', "/");
                let text = file.contents_utf8().unwrap_or_default().to_string();
                templates.push((name.clone(), text, builtin.join("templates").join(&name)));
            }
            // Nested template folders (partials/).
            for sub in dir.dirs() {
                collect_embedded_templates(sub, builtin, &mut templates);
            }
        }
        if let Some(dir) = DEFAULT_THEME.get_dir("static") {
            collect_embedded_statics(dir, &mut statics);
        }

        let theme_dir = root.join("themes").join(&config.theme);
        if theme_dir.is_dir() {
            read_templates(
                root,
                &theme_dir.join("templates"),
                &mut templates,
                &mut problems,
            );
            read_statics(&theme_dir.join("static"), &mut statics);
        } else if config.theme != "default" {
            let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
            let at = crate::yaml::locate_key(&text, "theme").unwrap_or(Location::new(1, 1));
            let (message, help) = crate::messages::theme_not_found(&config.theme);
            problems.push(Diagnostic::at(CONFIG_FILE, at, message).with_help(help));
        }
        read_templates(root, &root.join("templates"), &mut templates, &mut problems);
        read_statics(&root.join("static"), &mut statics);

        // Later entries of one name replace earlier ones.
        let mut chosen: Vec<(String, String, PathBuf)> = Vec::new();
        for t in templates {
            if let Some(existing) = chosen.iter_mut().find(|c| c.0 == t.0) {
                *existing = t;
            } else {
                chosen.push(t);
            }
        }
        chosen.sort_by(|a, b| a.0.cmp(&b.0));

        let sources: Vec<TemplateSource> = chosen
            .into_iter()
            .map(|(name, text, file)| TemplateSource { name, file, text })
            .collect();
        // Templates of the site or its theme still in Tera 1's syntax
        // (macros, imports, `{% cache %}`): said plainly, with the way out,
        // instead of the parser's first complaint.
        let builtin_file = |s: &TemplateSource| s.file.starts_with(builtin);
        problems.extend(
            sources
                .iter()
                .filter(|s| !builtin_file(s))
                .flat_map(tera1_syntax),
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        let fragments = Arc::new(FragmentCache::default());
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(crate::escape::write_escaped_html);
        fragments.register(&mut tera);
        tera.register_function("count", count_function);
        let raw = sources.iter().map(|s| (s.name.as_str(), s.text.as_str()));
        if let Err(e) = tera.add_raw_templates(raw) {
            problems.extend(template_error(&e, &sources));
            return Err(problems);
        }
        let tera = Arc::new(tera);
        fragments.attach(&tera);
        Ok(Theme {
            tera,
            fragments,
            sources,
            statics,
        })
    }

    /// True when a template of that name exists.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.sources.iter().any(|s| s.name == name)
    }
}

/// `count(n=…, forms=t.counts.<key>)`: the number with the word in the
/// form the number takes in the forms' language ("1 Lücke", "3 Lücken",
/// "فجوتان"; docs/templates.md, "Counted words").
fn count_function(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let n: i64 = kwargs.must_get("n")?;
    let forms: &tera::Map = kwargs.must_get("forms")?;
    let n = u64::try_from(n)
        .map_err(|_| tera::Error::message(format!("count: n must not be negative, is {n}")))?;
    let text = |key: &'static str| {
        forms
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .and_then(|(_, v)| v.as_str())
            .map(str::to_string)
    };
    let language = text("language")
        .as_deref()
        .and_then(super::i18n::language_of_key)
        .ok_or_else(|| tera::Error::message("count: forms without a known `language`"))?;
    super::i18n::count_with(language, n, |category| text(category.key()))
        .ok_or_else(|| tera::Error::message("count: forms without an `other` form"))
}

fn collect_embedded_templates(
    dir: &'static Dir<'static>,
    builtin: &Path,
    out: &mut Vec<(String, String, PathBuf)>,
) {
    for file in dir.files() {
        let name = file.path().strip_prefix("templates").unwrap_or(file.path());
        let name = name.to_string_lossy().replace('\\', "/");
        let text = file.contents_utf8().unwrap_or_default().to_string();
        out.push((name.clone(), text, builtin.join("templates").join(&name)));
    }
    for sub in dir.dirs() {
        collect_embedded_templates(sub, builtin, out);
    }
}

fn collect_embedded_statics(dir: &'static Dir<'static>, out: &mut Vec<StaticFile>) {
    for file in dir.files() {
        let path = file.path().strip_prefix("static").unwrap_or(file.path());
        out.push(StaticFile::Embedded {
            path: path.to_string_lossy().replace('\\', "/"),
            bytes: file.contents(),
        });
    }
    for sub in dir.dirs() {
        collect_embedded_statics(sub, out);
    }
}

fn files_below(dir: &Path, skip: fn(&str) -> bool) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn read_templates(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, String, PathBuf)>,
    problems: &mut Diagnostics,
) {
    for path in files_below(dir, crate::content::is_ignored_name) {
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let file = crate::diagnostics::relative_to(&path, root);
        match std::fs::read(&path)
            .map_err(|e| {
                Diagnostic::file(&file, crate::messages::cannot_read_template(&e.to_string()))
            })
            .and_then(|b| crate::content::source_text(b, &file))
        {
            Ok(text) => out.push((name, text, file)),
            Err(d) => problems.push(d),
        }
    }
}

fn read_statics(dir: &Path, out: &mut Vec<StaticFile>) {
    for source in files_below(dir, crate::content::is_editor_junk) {
        let path = source
            .strip_prefix(dir)
            .unwrap_or(&source)
            .to_string_lossy()
            .replace('\\', "/");
        out.push(StaticFile::OnDisk { path, source });
    }
}
