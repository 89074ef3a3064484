//! The crate's layering, read from its sources: arrows run one way (view → hook → `pay` →
//! backend and bindings), no two files import each other directly or around a loop, and no file
//! grows past what one reader can hold (here, and in the other library crates).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under this crate's `src/`, as a module path (`components::checkout`, `pay`,
/// `lib`).
fn modules() -> BTreeMap<String, String> {
    modules_of(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// Every `.rs` file under `crate_dir/src/`, as a module path.
fn modules_of(crate_dir: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = crate_dir.join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&src).expect("under src/");
            let mut name = relative
                .with_extension("")
                .to_string_lossy()
                .replace('/', "::");
            if let Some(parent) = name.strip_suffix("::mod") {
                name = parent.to_owned();
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            (name, text)
        })
        .collect()
}

/// The crate modules a file's `use` lines name (`crate::x::y` and `super::y`), reduced to the
/// modules that exist as files.
fn imports(module: &str, text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = match module.rsplit_once("::") {
        Some((parent, _)) => parent.to_owned(),
        None => String::new(),
    };
    let mut found = BTreeSet::new();
    for line in text.lines().map(str::trim) {
        let Some(path) = line
            .strip_prefix("use ")
            .or_else(|| line.strip_prefix("pub use "))
        else {
            continue;
        };
        let absolute = if let Some(rest) = path.strip_prefix("crate::") {
            rest.to_owned()
        } else if let Some(rest) = path.strip_prefix("super::") {
            if parent.is_empty() {
                rest.to_owned()
            } else {
                format!("{parent}::{rest}")
            }
        } else {
            continue;
        };
        // The longest prefix of the path that is a file of this crate.
        let segments: Vec<&str> = absolute
            .split("::")
            .map_while(|s| {
                let name = s.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
                (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
                    .then_some(name)
            })
            .collect();
        for n in (1..=segments.len()).rev() {
            let candidate = segments[..n].join("::");
            if known.contains(&candidate) && candidate != module {
                found.insert(candidate);
                break;
            }
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(name, text)| (name.clone(), imports(name, text, &known)))
        .collect()
}

#[test]
fn no_two_files_import_each_other_directly_or_around_a_loop() {
    let graph = graph();
    // Depth-first search for a back edge; the path to it is the circle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == node) {
            let mut circle = path[start..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(circle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("import circle: {}", circle.join(" → "));
        }
    }
}

#[test]
fn the_pay_flow_and_the_backend_know_nothing_of_the_components() {
    for (module, imports) in graph() {
        let lower = module == "backend" || module == "messages" || module.starts_with("pay");
        if lower {
            let upward: Vec<_> = imports
                .iter()
                .filter(|i| i.starts_with("components"))
                .collect();
            assert!(upward.is_empty(), "{module} imports {upward:?}");
        }
    }
    // And the machine itself is free of Leptos.
    let modules = modules();
    for (module, text) in modules.iter().filter(|(m, _)| m.starts_with("pay")) {
        assert!(!text.contains("leptos"), "{module} uses Leptos");
    }
}

#[test]
fn no_file_of_a_library_crate_is_over_five_hundred_lines() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for krate in [
        "stripe-checkout",
        "stripe-js",
        "stripe-checkout-wire",
        "stripe-checkout-embed",
    ] {
        let modules = modules_of(&workspace.join(krate));
        assert!(modules.contains_key("lib"), "{krate} has no src/lib.rs");
        for (module, text) in modules {
            let lines = text.lines().count();
            assert!(lines <= 500, "{krate}: {module} has {lines} lines");
        }
    }
}

#[test]
fn the_circle_check_finds_a_circle() {
    // The reader must see `use super::x` and `use crate::y::z` for the check above to mean
    // anything: two files that import each other are found.
    let known: BTreeSet<String> = ["components::a", "components::b", "pay"]
        .map(String::from)
        .into();
    let a = imports(
        "components::a",
        "use super::b::Thing;\nuse crate::pay::{x, y};",
        &known,
    );
    assert_eq!(a, ["components::b", "pay"].map(String::from).into());
    let b = imports("components::b", "    use super::a;", &known);
    assert_eq!(b, ["components::a"].map(String::from).into());
}
