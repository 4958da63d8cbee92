//! One page to render — its URL, template and data — and what its data is
//! made from. Every page kind makes these; the renderer and `serve`'s memo
//! read them. A leaf: it uses no other module of the render layer, so the
//! page kinds depend on it and not on each other.

use serde::Serialize;
use tera::Value;

/// An item of the site that a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Shows {
    /// An article, by index.
    Article(usize),
    /// An event, by index.
    Event(usize),
    /// A municipality, by index.
    Municipality(usize),
}

/// What a lazily made page is made from, beyond the site-wide inputs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Inputs {
    /// Every item whose data the page shows.
    pub items: Vec<Shows>,
    /// Every number the page prints that no item holds: counts, page numbers.
    pub numbers: Vec<usize>,
}

/// One page to render.
pub(crate) struct PageJob<'a> {
    /// Site-relative URL (`news/x/`).
    pub url: String,
    /// Template name.
    pub template: String,
    /// Page-specific data, merged over the global data.
    pub data: PageData<'a>,
    /// The source file that asked for this page (a page or an alias), for
    /// errors; `None` for pages kette makes on its own.
    pub source: Option<std::path::PathBuf>,
    /// What lazily made data is made from, so that `serve` can tell whether
    /// the page needs rendering again; `None`: always render it.
    pub inputs: Option<Inputs>,
}

/// The data of a page, a map of Tera values made from the page kind's own
/// `Serialize` struct: made at once, or only when the page is rendered (for
/// kinds with many pages, so that memory holds the data of the pages being
/// rendered, not of all of them).
pub(crate) enum PageData<'a> {
    /// Data made already.
    Ready(Value),
    /// Data made on demand.
    Lazy(Box<dyn Fn() -> Value + Send + Sync + 'a>),
}

impl PageData<'_> {
    /// The data, made now if it was lazy.
    pub(crate) fn into_value(self) -> Value {
        match self {
            PageData::Ready(v) => v,
            PageData::Lazy(f) => f(),
        }
    }
}

impl<'a> PageJob<'a> {
    /// A job for `url` rendered with `template` and `data`.
    pub(crate) fn new(url: String, template: &str, data: &impl Serialize) -> Self {
        PageJob {
            url,
            template: template.to_string(),
            data: PageData::Ready(Value::from_serializable(data)),
            source: None,
            inputs: None,
        }
    }

    /// A job whose data is made only when the page is rendered.
    pub(crate) fn lazy<D: Serialize>(
        url: String,
        template: &str,
        data: impl Fn() -> D + Send + Sync + 'a,
    ) -> Self {
        PageJob {
            url,
            template: template.to_string(),
            data: PageData::Lazy(Box::new(move || Value::from_serializable(&data()))),
            source: None,
            inputs: None,
        }
    }

    /// The same job, with lazily made data made from `items` and printing
    /// `numbers` (see [`Inputs`]).
    pub(crate) fn made_from(
        mut self,
        items: impl IntoIterator<Item = Shows>,
        numbers: &[usize],
    ) -> Self {
        self.inputs = Some(Inputs {
            items: items.into_iter().collect(),
            numbers: numbers.to_vec(),
        });
        self
    }

    /// The same job, naming the source file it comes from.
    pub(crate) fn with_source(mut self, source: &std::path::Path) -> Self {
        self.source = Some(source.to_path_buf());
        self
    }
}
