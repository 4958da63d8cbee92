//! `fragment(component="…", …)`: a template function that renders a Tera
//! component once per build for the same arguments and writes the kept
//! HTML wherever the same call comes again.
//!
//! A card is on a dozen pages (news, archive, topic and municipality pages),
//! and the site-wide parts of `base.html` are on every page: rendering them
//! once is about a third of the page rendering work. What makes this safe is
//! that there is no key to get wrong: the kept HTML is found again only for
//! a call of the same component with arguments equal to the ones it was
//! rendered with (its declared `@implicit` parameters included, read from
//! the page), on a page escaped the same way. A component's output depends
//! on nothing else, so the HTML is byte for byte what rendering it again
//! would give. The arguments only choose a bucket through a cheap hash (a
//! map's `url` stands for it); within a bucket every argument is compared
//! in full, and the maps kette passes are shared, so equal ones are found
//! equal by their address.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use rustc_hash::{FxHashMap, FxHasher};
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// The name templates call the function by.
pub(crate) const FUNCTION: &str = "fragment";

/// The most entries one bucket keeps: a bucket is one component called with
/// arguments that hash alike, which only differ (say, a card with two
/// headings) in a few ways.
const BUCKET_LIMIT: usize = 8;

/// One rendered call.
struct Entry {
    component: Box<str>,
    escaped: bool,
    /// The arguments, explicit and implicit, sorted by name.
    args: Vec<(Box<str>, Value)>,
    /// The HTML, as a safe string (shared: cloning it copies no text).
    html: Value,
}

/// The kept fragments of one theme, and what the function needs to render
/// them: the engine (set once it is loaded) and each component's implicit
/// parameters.
#[derive(Default)]
pub(crate) struct FragmentCache {
    engine: OnceLock<Weak<Tera>>,
    implicits: OnceLock<FxHashMap<String, Vec<String>>>,
    buckets: Mutex<FxHashMap<u64, Vec<Entry>>>,
}

impl std::fmt::Debug for FragmentCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FragmentCache").finish_non_exhaustive()
    }
}

impl FragmentCache {
    /// Registers `fragment` with `tera`, which must be done before the
    /// templates are added (Tera checks that every called function exists).
    pub(crate) fn register(self: &Arc<Self>, tera: &mut Tera) {
        let cache = Arc::clone(self);
        tera.register_function(FUNCTION, move |kwargs: Kwargs, state: &State| {
            cache.call(&kwargs, state)
        });
    }

    /// Connects the cache with the loaded engine.
    pub(crate) fn attach(&self, tera: &Arc<Tera>) {
        let implicits = tera
            .get_component_names()
            .filter_map(|name| {
                let info = tera.get_component_definition(name)?;
                let names = info
                    .args()
                    .iter()
                    .filter(|a| a.is_implicit())
                    .map(|a| a.name().to_string())
                    .collect();
                Some((name.to_string(), names))
            })
            .collect();
        let _ = self.implicits.set(implicits);
        let _ = self.engine.set(Arc::downgrade(tera));
    }

    /// Forgets every kept fragment (at the start of a build: the data may
    /// have changed, and nothing else would ever free them).
    pub(crate) fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<u64, Vec<Entry>>> {
        // A panic while locked leaves complete entries or none: both fine.
        self.buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn call(&self, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
        let component = kwargs.must_get::<&str>("component")?;
        let engine = self
            .engine
            .get()
            .and_then(Weak::upgrade)
            .ok_or_else(|| tera::Error::message("the templates are not loaded yet"))?;
        let Some(implicit_names) = self.implicits.get().and_then(|i| i.get(component)) else {
            return Err(tera::Error::message(format!(
                "there is no component `{component}` to render with `{FUNCTION}`"
            )));
        };
        let mut args: Vec<(Box<str>, Value)> = kwargs
            .iter()
            .filter_map(|(key, value)| {
                let name = key.as_str()?;
                (name != "component").then(|| (name.into(), value.clone()))
            })
            .collect();
        let explicit = args.len();
        for name in implicit_names {
            if !args[..explicit].iter().any(|(n, _)| **n == **name) {
                if let Some(value) = state.get::<Value>(name)? {
                    args.push((name.as_str().into(), value));
                }
            }
        }
        args.sort_by(|a, b| a.0.cmp(&b.0));
        let escaped = state.autoescaping_enabled();
        let bucket = bucket_hash(component, escaped, &args);
        if let Some(html) = self.lock().get(&bucket).and_then(|entries| {
            entries
                .iter()
                .find(|e| *e.component == *component && e.escaped == escaped && e.args == args)
                .map(|e| e.html.clone())
        }) {
            return Ok(html);
        }
        let mut given = tera::Context::new();
        let mut implicit = tera::Context::new();
        for (name, value) in &args {
            let is_implicit = implicit_names.iter().any(|n| **n == **name)
                && !kwargs.iter().any(|(k, _)| k.as_str() == Some(name));
            let target = if is_implicit {
                &mut implicit
            } else {
                &mut given
            };
            target.insert_value(name.to_string(), value.clone());
        }
        let mut html = Vec::with_capacity(1024);
        let rendered = engine.render_component_with_implicits_to(
            component, &given, &implicit, None, escaped, &mut html,
        );
        if let Err(e) = rendered {
            inner_error::keep(e);
            return Err(tera::Error::message(format!(
                "component `{component}` failed to render"
            )));
        }
        let html = Value::safe_string(&String::from_utf8_lossy(&html));
        let mut buckets = self.lock();
        let entries = buckets.entry(bucket).or_default();
        if entries.len() < BUCKET_LIMIT {
            entries.push(Entry {
                component: component.into(),
                escaped,
                args,
                html: html.clone(),
            });
        }
        Ok(html)
    }
}

/// The error of a component that failed inside `fragment`: Tera reports
/// the failed function call at its place in the page, so the error that
/// names the component's own file, line and column is kept here for the
/// diagnostic (per thread: a page renders on one thread).
pub(crate) mod inner_error {
    use std::cell::RefCell;

    thread_local! {
        static INNER: RefCell<Option<tera::Error>> = const { RefCell::new(None) };
    }

    /// Keeps the error of a component rendered for the current page.
    pub(crate) fn keep(error: tera::Error) {
        INNER.with(|slot| {
            let mut slot = slot.borrow_mut();
            // The innermost (first) error is the one that says where.
            if slot.is_none() {
                *slot = Some(error);
            }
        });
    }

    /// Takes the kept error, if any (and clears it for the next page).
    pub(crate) fn take() -> Option<tera::Error> {
        INNER.with(|slot| slot.borrow_mut().take())
    }
}

/// The bucket of a call: the component, the escaping and a shallow hash
/// of each argument (maps by their `url` and size, lists by their size).
fn bucket_hash(component: &str, escaped: bool, args: &[(Box<str>, Value)]) -> u64 {
    let mut h = FxHasher::default();
    component.hash(&mut h);
    escaped.hash(&mut h);
    for (name, value) in args {
        name.hash(&mut h);
        shallow_hash(value, &mut h);
    }
    h.finish()
}

fn shallow_hash(value: &Value, h: &mut FxHasher) {
    if let Some(s) = value.as_str() {
        s.hash(h);
    } else if let Some(map) = value.as_map() {
        map.len().hash(h);
        if let Some(url) = map
            .get(&tera::value::Key::Str("url"))
            .and_then(Value::as_str)
        {
            url.hash(h);
        }
    } else if let Some(items) = value.as_array() {
        items.len().hash(h);
    } else if let Some(n) = value.as_i64() {
        n.hash(h);
    } else if let Some(b) = value.as_bool() {
        b.hash(h);
    } else {
        value.name().hash(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(components: &str, page: &str) -> (Arc<Tera>, Arc<FragmentCache>) {
        let cache = Arc::new(FragmentCache::default());
        let mut tera = Tera::default();
        cache.register(&mut tera);
        tera.add_raw_templates([("components.html", components), ("page.html", page)])
            .expect("templates load");
        let tera = Arc::new(tera);
        cache.attach(&tera);
        (tera, cache)
    }

    fn card(url: &str, title: &str) -> Value {
        let mut map = tera::Map::new();
        map.insert("url".into(), Value::from(url));
        map.insert("title".into(), Value::from(title));
        Value::from(map)
    }

    fn render(tera: &Tera, item: Value, label: &str) -> String {
        let mut context = tera::Context::new();
        context.insert_value("item", item);
        context.insert("label", label);
        tera.render("page.html", &context).expect("renders")
    }

    #[test]
    fn same_arguments_reuse_the_html_and_different_ones_never_do() {
        let (tera, _cache) = engine(
            "{% component card(item, @label) %}<a href=\"{{ item.url }}\">{{ item.title }}</a> {{ label }}{% endcomponent card %}",
            "{{ fragment(component=\"card\", item=item) }}",
        );
        assert_eq!(
            render(&tera, card("/a/", "A"), "x"),
            "<a href=\"/a/\">A</a> x"
        );
        assert_eq!(
            render(&tera, card("/a/", "A"), "x"),
            "<a href=\"/a/\">A</a> x"
        );
        // The same URL (the bucket) with another title: not the kept HTML.
        assert_eq!(
            render(&tera, card("/a/", "B"), "x"),
            "<a href=\"/a/\">B</a> x"
        );
        // Another value of an implicit parameter, read from the page.
        assert_eq!(
            render(&tera, card("/a/", "A"), "y"),
            "<a href=\"/a/\">A</a> y"
        );
        // Escaped like the rest of the page.
        assert_eq!(
            render(&tera, card("/a/", "<b>"), "x"),
            "<a href=\"/a/\">&lt;b&gt;</a> x"
        );
    }

    #[test]
    fn a_call_without_arguments_depends_on_its_implicit_parameters() {
        let (tera, _cache) = engine(
            "{% component head(@label) %}[{{ label }}]{% endcomponent head %}",
            "{{ fragment(component=\"head\") }}",
        );
        assert_eq!(render(&tera, card("/", ""), "one"), "[one]");
        assert_eq!(render(&tera, card("/", ""), "two"), "[two]");
    }

    #[test]
    fn an_unknown_component_is_an_error() {
        let (tera, _cache) = engine(
            "{% component head() %}x{% endcomponent head %}",
            "{{ fragment(component=\"haed\") }}",
        );
        let mut context = tera::Context::new();
        context.insert("label", "x");
        let error = tera.render("page.html", &context).unwrap_err().to_string();
        assert!(error.contains("there is no component `haed`"), "{error}");
    }
}
