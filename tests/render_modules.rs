//! The render layer's modules form no cycles: no module of `src/render/`
//! uses a module that uses it back (directly or through others), so that
//! the page kinds depend on shared leaves (`job`, `data`, `values`) and not
//! on each other. Read from the sources: every `super::name` outside a
//! module's tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The modules each module of `src/render/` names through `super::`.
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
    let mut graph = BTreeMap::new();
    let mut modules = BTreeSet::new();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let (name, file) = if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, path.join("mod.rs"))
        } else {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            (name, path)
        };
        if name != "mod" && file.is_file() {
            modules.insert(name.clone());
            files.push((name, file));
        }
    }
    for (name, file) in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Tests may use anything; comments name modules without using them.
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut used = BTreeSet::new();
        for (i, _) in code.match_indices("super::") {
            let rest = &code[i + "super::".len()..];
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(&word) && word != name {
                used.insert(word);
            }
        }
        // `use super::{a, b}` lists.
        for (i, _) in code.match_indices("super::{") {
            let rest = &code[i + "super::{".len()..];
            let list = &rest[..rest.find('}').unwrap_or(0)];
            for word in list.split(',') {
                let word = word
                    .trim()
                    .split("::")
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if modules.contains(&word) && word != name {
                    used.insert(word);
                }
            }
        }
        graph.insert(name, used);
    }
    graph
}

#[test]
fn no_render_module_uses_a_module_that_uses_it_back() {
    let graph = uses();
    assert!(
        graph.contains_key("pages") && graph.contains_key("job"),
        "{graph:?}"
    );
    // Every module reachable from each module's uses; none may reach itself.
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(m) = todo.pop() {
            if m == start {
                panic!("{start} uses a module that uses {start} back: {graph:#?}");
            }
            if seen.insert(m.clone()) {
                todo.extend(graph.get(m).into_iter().flatten());
            }
        }
    }
}

#[test]
fn the_page_kinds_depend_on_the_shared_leaves_not_on_each_other() {
    let graph = uses();
    let kinds = ["pages", "archive", "chain", "search_index", "feeds", "ical"];
    for kind in kinds {
        for other in kinds {
            // The municipality and topic pages link their feeds.
            let allowed = kind == "pages" && (other == "feeds" || other == "ical");
            assert!(
                allowed || !graph[kind].contains(other),
                "{kind} uses {other}: {graph:#?}"
            );
        }
    }
    for leaf in ["job", "data", "fragments"] {
        assert!(graph[leaf].is_empty(), "{leaf} uses {:?}", graph[leaf]);
    }
}
