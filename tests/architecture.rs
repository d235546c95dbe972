//! The layering, stated and checked (in the spirit of rust-analyzer's ARCHITECTURE.md
//! invariants). Every `crate::…` path and every `super::…` that climbs out of a top-level
//! module counts as an arrow from the file's layer to another. The table below is the whole
//! of what is allowed; ARCHITECTURE.md says the same in prose.
//!
//! - `domain` imports nothing of the crate: pure types and rules.
//! - `store` imports `domain` (and the error type): the only SQL.
//! - `ops` imports `store` and `domain`: the one pipeline and the one access policy.
//! - `context` imports `ops`, `store`, `domain`: the options every face shares.
//! - the faces (`tui`, `import`, `export`, `bulletin`, `report`, `demo`, `synth`, `bench`)
//!   import the layers below and the few other faces named in `ALLOWED`.
//! - nobody imports `cli` but `main.rs` (which calls `cli` and `log` only); `rusqlite` is named only in `store/` and `error.rs`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Layer → the top-level modules it may name (besides itself).
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("log", &[]),
    ("error", &["domain"]),
    ("store", &["domain", "error"]),
    ("ops", &["domain", "error", "store"]),
    ("context", &["domain", "error", "ops", "store"]),
    ("report", &["domain", "error", "ops", "store"]),
    ("demo", &["domain", "error", "ops", "store"]),
    ("synth", &["domain", "error", "ops", "store", "demo"]),
    ("import", &["domain", "error", "ops", "store", "context"]),
    (
        "export",
        &[
            "domain", "error", "ops", "store", "context", "import", "report",
        ],
    ),
    (
        "bulletin",
        &["domain", "error", "ops", "store", "context", "report"],
    ),
    (
        "tui",
        &["domain", "error", "ops", "store", "context", "report"],
    ),
    (
        "bench",
        &[
            "domain", "error", "ops", "store", "context", "export", "import", "report", "synth",
            "tui",
        ],
    ),
    (
        "cli",
        &[
            "domain", "error", "ops", "store", "context", "report", "demo", "synth", "import",
            "export", "bulletin", "tui", "bench",
        ],
    ),
];

/// Crates that only some layers may name.
const RESTRICTED_CRATES: &[(&str, &[&str])] = &[("rusqlite", &["store", "error"])];

/// The module path of a file below `src/`: `src/tui/views/units.rs` → [tui, views, units].
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments (line comments and doc comments), so that prose
/// naming a module is not an arrow.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every top-level module a file names (not its own).
fn arrows(module: &[String], text: &str) -> BTreeSet<String> {
    let code = code_of(text);
    let mut out = BTreeSet::new();
    let own = module.first().cloned().unwrap_or_default();
    let bytes = code.as_bytes();
    for (i, _) in code.match_indices("crate::") {
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
            continue; // e.g. `hotline_crate::`
        }
        let rest = &code[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && name != own {
            out.insert(name);
        }
    }
    // `super::` chains that climb to the crate root from a top-level module.
    for (i, _) in code.match_indices("super::") {
        if i > 0
            && (bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':')
        {
            continue; // counted with the first `super::` of the chain
        }
        let mut rest = &code[i..];
        let mut depth = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            depth += 1;
            rest = r;
        }
        // A file's own module is `module`; `super` of a `mod.rs` or of `a/b.rs` is one up.
        if depth >= module.len() {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != own {
                out.insert(name);
            }
        }
    }
    out
}

/// The violations of one file's text, as `file: layer → target`.
fn violations(rel: &Path, text: &str) -> Vec<String> {
    let module = module_path(rel);
    let Some(layer) = module.first().cloned() else {
        return vec![];
    };
    let mut out = Vec::new();
    if layer == "main" {
        // The binary: the library's `cli` and nothing below it.
        for (i, _) in text.match_indices("hotline::") {
            let name: String = text[i + 9..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != "cli" && name != "log" {
                out.push(format!(
                    "{}: main → {name} (main.rs calls cli and log only)",
                    rel.display()
                ));
            }
        }
        return out;
    }
    if layer == "lib" {
        return out;
    }
    let allowed = ALLOWED.iter().find(|(l, _)| *l == layer).map(|(_, a)| *a);
    let Some(allowed) = allowed else {
        return vec![format!(
            "{}: the layer `{layer}` is not in tests/architecture.rs: say what it may import",
            rel.display()
        )];
    };
    for target in arrows(&module, text) {
        // `log` is a leaf every layer but the pure domain may write to.
        let leaf = target == "log" && layer != "domain";
        if !leaf && !allowed.contains(&target.as_str()) {
            out.push(format!("{}: {layer} → {target}", rel.display()));
        }
    }
    let code = code_of(text);
    for (krate, layers) in RESTRICTED_CRATES {
        if !layers.contains(&layer.as_str())
            && (code.contains(&format!("{krate}::")) || code.contains(&format!("use {krate}")))
        {
            out.push(format!("{}: {layer} names {krate}", rel.display()));
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_import_goes_the_right_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(
        files.len() > 50,
        "found only {} files under src/",
        files.len()
    );
    let mut all = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap_or(f);
        let text = std::fs::read_to_string(f).unwrap_or_default();
        all.extend(violations(rel, &text));
    }
    assert!(
        all.is_empty(),
        "imports against the layering:\n{}",
        all.join("\n")
    );
}

#[test]
fn an_arrow_the_wrong_way_is_caught() {
    // The checker itself: each of these must be reported.
    let cases = [
        ("domain/order.rs", "use crate::store::Store;\n"),
        ("domain/order.rs", "use crate::cli::args::Global;\n"),
        ("domain/order.rs", "fn f() { crate::log::ms(d); }\n"),
        ("store/orders.rs", "fn f() { crate::ops::act(); }\n"),
        ("ops/mod.rs", "use super::tui::App;\n"),
        ("tui/views/units.rs", "use crate::cli::args::Lang;\n"),
        ("import/mod.rs", "use rusqlite::Connection;\n"),
        ("export/mod.rs", "use crate::bulletin::TEMPLATE;\n"),
        ("main.rs", "fn main() { hotline::store::Store::open(); }\n"),
        ("newlayer/mod.rs", "fn f() {}\n"),
    ];
    for (file, text) in cases {
        assert!(
            !violations(Path::new(file), text).is_empty(),
            "{file}: `{}` was not caught",
            text.trim()
        );
    }
    // And these are fine: a layer's own modules, allowed arrows, prose in comments.
    let fine = [
        (
            "tui/views/units.rs",
            "use super::super::app::App;\nuse crate::tui::theme;\n",
        ),
        (
            "store/orders.rs",
            "use super::Store;\nuse crate::domain::Order;\n",
        ),
        (
            "ops/mod.rs",
            "// see crate::cli for the flags\nuse crate::store::Store;\n",
        ),
        ("cli/mod.rs", "use crate::tui;\n"),
        ("main.rs", "fn main() { hotline::cli::run(); }\n"),
    ];
    for (file, text) in fine {
        let v = violations(Path::new(file), text);
        assert!(v.is_empty(), "{file}: wrongly reported {v:?}");
    }
}
