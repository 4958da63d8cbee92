//! The top-level modules of the library depend on each other in one
//! direction only: the order src/lib.rs states (its line beginning
//! `Order:`), each module using only modules before it. Read from the
//! sources: every `crate::` path (grouped ones too, `crate::{a, b}`) and
//! every `super::` path that leaves its top-level module, outside comments
//! and outside `#[cfg(test)]` modules (tests may reach further). A module
//! that names one later in the order, one missing from the order, or a
//! cycle fails the test.

use std::collections::{BTreeMap, BTreeSet};
#[path = "common/sources.rs"]
mod sources;

/// The order stated in src/lib.rs: the names after `Order:`, up to the
/// first line that does not continue it, separated by `→`.
fn stated_order() -> Vec<String> {
    let lib = include_str!("../src/lib.rs");
    let mut text = String::new();
    let mut inside = false;
    for line in lib.lines() {
        let doc = line.trim_start_matches("//!").trim();
        if let Some(rest) = doc.strip_prefix("Order:") {
            inside = true;
            text.push_str(rest);
        } else if inside && (doc.starts_with('→') || doc.starts_with('[')) {
            text.push(' ');
            text.push_str(doc);
        } else if inside {
            break;
        }
    }
    assert!(!text.is_empty(), "src/lib.rs states no `Order:`");
    text.split('→')
        .map(|name| {
            name.trim()
                .trim_start_matches('[')
                .trim_start_matches('`')
                .split(['`', ']', ' ', '('])
                .next()
                .unwrap_or("")
                .trim_end_matches("()")
                .to_string()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// Every `.rs` file of the library under src/, with its module path
/// (`src/model/identify/fits.rs` → `model::identify::fits`).
fn library_files() -> Vec<(Vec<String>, String)> {
    let mut files = Vec::new();
    for (relative, text) in sources::rust_files() {
        let mut module: Vec<String> = relative
            .with_extension("")
            .iter()
            .map(|c| c.to_string_lossy().to_string())
            .collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        // The crate root and the binary are not library modules.
        if module == ["lib"] || module == ["main"] {
            continue;
        }
        files.push((module, text));
    }
    files
}

/// The source without comments and without `#[cfg(test)]` items (a test
/// module from its attribute to its closing brace).
fn code_of(source: &str) -> String {
    let mut code = String::new();
    let mut skip_depth: Option<i64> = None;
    let mut depth: i64 = 0;
    let mut pending_test = false;
    for line in source.lines() {
        let line = line.split("//").next().unwrap_or("");
        if line.trim() == "#[cfg(test)]" {
            pending_test = true;
            continue;
        }
        let opens = line.matches('{').count() as i64;
        let closes = line.matches('}').count() as i64;
        if pending_test && skip_depth.is_none() {
            skip_depth = Some(depth);
            pending_test = false;
        }
        depth += opens - closes;
        if let Some(d) = skip_depth {
            // An item without a body (`#[cfg(test)] use …;`) ends at once.
            if depth <= d && (closes > 0 || opens == 0) {
                skip_depth = None;
            }
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The first name of each path in a `{a, b::c, d as e}` group.
fn group_names(group: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut start = true;
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                start = true;
                if !current.is_empty() {
                    names.push(std::mem::take(&mut current));
                }
            }
            c if depth == 0 && start && (c.is_alphanumeric() || c == '_') => current.push(c),
            c if depth == 0 && start && !current.is_empty() && !c.is_whitespace() => {
                start = false;
                names.push(std::mem::take(&mut current));
            }
            _ => {}
        }
    }
    if !current.is_empty() {
        names.push(current);
    }
    names
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The names that follow a path prefix ending at `at` in `code`: one, or
/// every name of a `{…}` group.
fn names_after(code: &str, at: usize) -> Vec<String> {
    let rest = &code[at..];
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 1;
        let end = group
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(group.len(), |(i, _)| i);
        group_names(&group[..end])
    } else {
        vec![ident(rest)]
    }
}

/// The top-level modules the file of module path `module` names.
fn uses_of(module: &[String], source: &str) -> BTreeSet<String> {
    let code = code_of(source);
    let mut used = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        // `$crate::` in macros is the crate too; `kette_crate::` is not.
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        used.extend(names_after(&code, at + "crate::".len()));
    }
    for (at, _) in code.match_indices("super::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // counted from the first `super::` of a chain
        }
        let mut ups = 0;
        let mut rest = &code[at..];
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        // `super` of a file's module is its parent; a path leaves the
        // top-level module when it climbs to the crate root.
        if ups >= module.len() {
            let after = code.len() - rest.len();
            used.extend(names_after(&code, after));
        }
    }
    used.retain(|name| !name.is_empty() && name != "self");
    used
}

/// Top-level module → the top-level modules it names.
fn graph(files: &[(Vec<String>, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, source) in files {
        let top = module[0].clone();
        let uses = uses_of(module, source);
        let entry = graph.entry(top.clone()).or_default();
        entry.extend(uses.into_iter().filter(|u| *u != top));
    }
    graph
}

/// What breaks the order: a module naming one after it or one the order
/// does not list, and every cycle.
fn problems(order: &[String], graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let place = |m: &str| order.iter().position(|o| o == m);
    let mut found = Vec::new();
    for (module, uses) in graph {
        let Some(here) = place(module) else {
            found.push(format!("{module} is not in the order of src/lib.rs"));
            continue;
        };
        for used in uses {
            match place(used) {
                // Names the crate has but the order leaves out (re-exports
                // of lib.rs such as `Diagnostic`) are not modules.
                None if graph.contains_key(used.as_str()) => {
                    found.push(format!("{used} is not in the order of src/lib.rs"))
                }
                None => {}
                Some(there) if there > here => {
                    found.push(format!("{module} uses {used}, which comes after it"))
                }
                Some(_) => {}
            }
        }
    }
    for cycle in cycles(graph) {
        found.push(format!("cycle: {}", cycle.join(" → ")));
    }
    found
}

/// The cycles of the graph, each once, as the modules along it.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for start in graph.keys() {
        // Paths from `start` that come back to it through modules after it
        // (alphabetically), so that each cycle is found from its first.
        let mut stack: Vec<Vec<String>> = vec![vec![start.clone()]];
        while let Some(path) = stack.pop() {
            let last = path.last().unwrap();
            for next in graph.get(last).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.push(start.clone());
                    found.push(cycle);
                } else if next > start && !path.contains(next) && graph.contains_key(next) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push(longer);
                }
            }
        }
    }
    found
}

#[test]
fn top_level_modules_depend_only_on_modules_before_them() {
    let order = stated_order();
    let files = library_files();
    let graph = graph(&files);
    let found = problems(&order, &graph);
    assert!(
        found.is_empty(),
        "order {order:?}\n{}\nuses: {graph:#?}",
        found.join("\n")
    );
}

#[test]
fn the_order_names_every_module_once() {
    let order = stated_order();
    let unique: BTreeSet<&String> = order.iter().collect();
    assert_eq!(unique.len(), order.len(), "{order:?}");
    let lib = include_str!("../src/lib.rs");
    let declared: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("pub(crate) mod "))
                .or_else(|| l.strip_prefix("mod "))
                .map(|m| m.trim_end_matches(';').to_string())
        })
        .collect();
    let listed: BTreeSet<String> = order.iter().cloned().collect();
    assert_eq!(declared, listed, "modules of lib.rs against its order");
}

// The checker itself, on small made-up sources: each of the cycles the
// library once had fails, as a later module and as a cycle.

fn check(files: &[(&str, &str)]) -> Vec<String> {
    let order = stated_order();
    let files: Vec<(Vec<String>, String)> = files
        .iter()
        .map(|(m, s)| (m.split("::").map(str::to_string).collect(), s.to_string()))
        .collect();
    problems(&order, &graph(&files))
}

fn assert_cycle(files: &[(&str, &str)], modules: &[&str]) {
    let found = check(files);
    let cycle = found
        .iter()
        .find(|p| p.starts_with("cycle:"))
        .unwrap_or_else(|| panic!("no cycle found: {found:?}"));
    for m in modules {
        assert!(cycle.contains(m), "{cycle}");
    }
    assert!(
        found.iter().any(|p| p.contains("which comes after it")),
        "{found:?}"
    );
}

#[test]
fn the_checker_finds_config_and_content_using_each_other() {
    assert_cycle(
        &[
            ("config", "let text = crate::content::source_text(path)?;"),
            ("content::markdown", "use crate::config::Language;"),
        ],
        &["config", "content"],
    );
}

#[test]
fn the_checker_finds_a_cycle_through_a_third_module() {
    // content → slug → config → content.
    assert_cycle(
        &[
            (
                "config",
                "use crate::{diagnostics::Diagnostic, content::source_text};",
            ),
            ("content::discover", "use crate::slug;"),
            ("slug", "use crate::config::Language;"),
        ],
        &["config", "content", "slug"],
    );
}

#[test]
fn the_checker_finds_model_and_images_using_each_other() {
    assert_cycle(
        &[
            ("model::pictures", "use crate::images::ImageSet;"),
            ("images", "fn f(site: &crate::model::Site) {}"),
        ],
        &["model", "images"],
    );
}

#[test]
fn the_checker_follows_super_out_of_a_module() {
    // `super::super::output` from images/process/x.rs names `output`.
    let found = check(&[
        (
            "images::process::x",
            "use super::super::super::output::OutputFile;",
        ),
        ("output", "use crate::images::Catalogue;"),
    ]);
    assert!(found.iter().any(|p| p.starts_with("cycle:")), "{found:?}");
    // Inside a module, `super::` is not a dependency.
    assert!(check(&[(
        "model::identify",
        "use super::Site; use super::super::model::x;"
    )])
    .is_empty());
}

#[test]
fn the_checker_ignores_comments_and_tests() {
    let found = check(&[(
        "config",
        "// crate::render::x\n/// [`crate::model::Site`]\n#[cfg(test)]\nmod tests {\n    use crate::model::Site;\n}\n",
    )]);
    assert!(found.is_empty(), "{found:?}");
}
