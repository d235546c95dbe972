//! One rule names a unit everywhere: the same typed names give the same unit (or the same
//! refusal) to the CLI's `--unit` and to the TUI's `:unit`, both run as the built binary on
//! the demo database.

mod common;

use common::cli::{cmd, ok};
use hotline::domain::units::resolve_names;
use hotline::store::Store;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

const NOW: &str = "2017-12-31T23:00:00";

fn demo() -> &'static Path {
    static DEMO: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        hotline::demo::create(&path, "测试").unwrap();
        (dir, path)
    });
    path
}

/// `:unit QUERY` typed in the TUI; the screen it leaves.
fn tui(db: &Path, lang: &str, query: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    let q = query.replace('"', "\\\"");
    std::fs::write(&keys, format!(": \"unit {q}\" <Enter>")).unwrap();
    let keys = keys.to_str().unwrap();
    ok(db, NOW, &["--lang", lang, "tui", "--keys", keys, "--dump"])
}

/// What a query should name: a unit, or a refusal containing this text.
enum Want {
    Unit(&'static str),
    Refused(&'static str),
}

const CASES: &[(&str, Want)] = &[
    ("住建局", Want::Unit("住建局")),
    // The start of the initials: the TUI took it, the CLI refused it.
    ("zj", Want::Unit("住建局")),
    ("zjj", Want::Unit("住建局")),
    ("ZhuJianJu", Want::Unit("住建局")),
    ("gq", Want::Unit("关桥乡")),
    ("供电", Want::Unit("海城供电公司")),
    (
        "hc",
        // Listed as the picker lists them: the shorter name (the nearer completion) first.
        Want::Refused("'hc' could be any of 海城镇, 海城供电公司"),
    ),
    ("火星局", Want::Refused("unknown unit '火星局'")),
    ("住建局长", Want::Refused("did you mean 住建局?")),
];

#[test]
fn the_cli_and_the_tui_name_the_same_unit() {
    let db = demo();
    let units: Vec<String> = Store::open(db)
        .unwrap()
        .units()
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    for (query, want) in CASES {
        let cli = cmd(db, NOW, &["order", "list", "--unit", query])
            .output()
            .unwrap();
        let cli_out = String::from_utf8_lossy(&cli.stdout).to_string();
        let cli_err = String::from_utf8_lossy(&cli.stderr).to_string();
        let zh = tui(db, "zh", query);
        match want {
            Want::Unit(name) => {
                assert!(cli.status.success(), "{query}: {cli_err}");
                let by_name = ok(db, NOW, &["order", "list", "--unit", name]);
                assert_eq!(cli_out, by_name, "{query}");
                assert!(cli_out.contains(name), "{query}: {cli_out}");
                assert!(
                    zh.contains(&format!("┌ {name}的工单 ")),
                    "{query} should open {name}:\n{zh}"
                );
            }
            Want::Refused(text) => {
                assert!(!cli.status.success(), "{query}: {cli_out}");
                // The one wording of the refusal, in each face's language.
                let msg = resolve_names(units.iter().map(String::as_str), query)
                    .unwrap_err()
                    .msg();
                assert!(msg.en.contains(text), "{query}: {}", msg.en);
                assert!(
                    cli_err.contains(&format!("error: --unit: {}", msg.en)),
                    "{query}: {cli_err}"
                );
                let zh_msg = msg.zh.unwrap();
                assert!(zh.contains(&zh_msg), "{query}: {zh_msg}\n{zh}");
                assert!(!zh.contains("的工单 "), "{query} opened a unit:\n{zh}");
                let en = tui(db, "en", query);
                assert!(en.contains(&msg.en), "{query}: {}\n{en}", msg.en);
            }
        }
    }
}

/// An empty name is its own refusal (the TUI's `:unit` alone asks for the argument).
#[test]
fn an_empty_unit_is_said_to_be_empty() {
    let db = demo();
    let out = cmd(db, NOW, &["order", "list", "--unit", "  "])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--unit: no unit given"), "{err}");
}
