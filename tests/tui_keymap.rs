//! A user's keys.toml (`HOTLINE_KEYS`): the new key acts, the hint bar and help show it, and a
//! bad file is refused before the screen is touched. Runs the built binary's scripted mode
//! (`hotline tui --keys FILE --dump`).

use hotline::domain::EventKind;
use hotline::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use tempfile::TempDir;

const FIRST_OVERDUE: &str = "201710270002";

/// The demo database, built once per test binary and copied for each test.
fn demo_copy() -> (TempDir, PathBuf) {
    static DEMO: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, src) = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        hotline::demo::create(&path, "测试").unwrap();
        (dir, path)
    });
    let dir = tempfile::tempdir().unwrap();
    let dst = dir.path().join("demo.db");
    std::fs::copy(src, &dst).unwrap();
    (dir, dst)
}

/// `hotline tui --keys SCRIPT --dump` with `HOTLINE_KEYS=keymap`.
fn tui(db: &Path, keymap: &Path, script: &str, extra: &[&str]) -> Output {
    tui_at(db, keymap, script, extra, "120x40")
}

fn tui_at(db: &Path, keymap: &Path, script: &str, extra: &[&str], size: &str) -> Output {
    let dir = db.parent().unwrap();
    let file = dir.join("script.keys");
    std::fs::write(&file, script).unwrap();
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(["--operator", "测试员"])
        .args(extra)
        .args(["tui", "--size", size, "--dump", "--keys"])
        .arg(&file)
        .env("HOTLINE_KEYS", keymap)
        .env_remove("HOTLINE_DB")
        .env_remove("HOTLINE_NOW")
        .output()
        .unwrap()
}

fn keymap(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("keys.toml");
    std::fs::write(&p, text).unwrap();
    p
}

fn urges(db: &Path) -> usize {
    Store::open(db)
        .unwrap()
        .events(FIRST_OVERDUE)
        .unwrap()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Urged { .. }))
        .count()
}

#[test]
fn an_override_makes_the_new_key_act_and_the_hint_bar_and_help_show_it() {
    let (dir, db) = demo_copy();
    let keys = keymap(dir.path(), "# urge with x\n[orders]\nurge = \"x\"\n");
    let before = urges(&db);

    // `u` no longer urges: nothing opens, nothing is recorded.
    let out = tui(&db, &keys, "2 u", &[]);
    assert!(out.status.success(), "{out:?}");
    let screen = String::from_utf8(out.stdout).unwrap();
    assert!(!screen.contains("催办说明"), "{screen}");
    assert_eq!(urges(&db), before);

    // `x` does, and the hint bar says so.
    let out = tui(&db, &keys, "2 x \"请今日回复\" <Enter>", &[]);
    assert!(out.status.success(), "{out:?}");
    let screen = String::from_utf8(out.stdout).unwrap();
    let hint_bar = screen.lines().rfind(|l| !l.trim().is_empty()).unwrap();
    assert!(hint_bar.contains("x 催办"), "{hint_bar}");
    assert!(!hint_bar.contains("u 催办"), "{hint_bar}");
    assert_eq!(urges(&db), before + 1);
    let store = Store::open(&db).unwrap();
    let last = store.events(FIRST_OVERDUE).unwrap().pop().unwrap();
    assert_eq!(
        last.kind,
        EventKind::Urged {
            note: "请今日回复".into()
        }
    );

    // The help screen lists x for urging, u nowhere in the order actions.
    let out = tui_at(&db, &keys, "?", &[], "120x120");
    let screen = String::from_utf8(out.stdout).unwrap();
    let urge_line = screen
        .lines()
        .find(|l| l.contains("催办") && !l.contains("批量") && !l.contains("超期"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(urge_line.contains(" x "), "{urge_line}");
}

#[test]
fn a_bad_keys_file_is_refused_before_the_screen_with_where_and_how_to_fix() {
    let (dir, db) = demo_copy();
    let before = urges(&db);
    let keys = keymap(dir.path(), "[orders]\nurge = \"x\"\nurgee = \"y\"\n");
    let out = tui(&db, &keys, "2 x <Enter>", &[]);
    assert!(!out.status.success());
    // Nothing drawn, nothing recorded.
    assert!(out.stdout.is_empty(), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(&keys.display().to_string()), "{err}");
    assert!(err.contains("第 3 行") && err.contains("urgee"), "{err}");
    assert!(err.contains("bulk_urge"), "the actions it could be: {err}");

    // In English with --lang en; a conflict and a syntax error are refused alike.
    let keys = keymap(dir.path(), "[orders]\nurge = \"a\"\n");
    let out = tui(&db, &keys, "", &["--lang", "en"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 2") && err.contains("urge") && err.contains("accept"),
        "{err}"
    );
    let keys = keymap(dir.path(), "[orders\nurge = \"x\"\n");
    let out = tui(&db, &keys, "", &[]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("TOML") && err.contains("第 1 行"), "{err}");

    // A file HOTLINE_KEYS names must exist.
    let out = tui(&db, &dir.path().join("nope.toml"), "", &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr).unwrap().contains("nope.toml"));
    assert_eq!(urges(&db), before);
}

#[test]
fn the_readme_lists_every_section_and_action_keys_toml_accepts() {
    use hotline::tui::keymap::BINDINGS;
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for b in BINDINGS {
        let section = format!("| `[{}]` |", b.ctx.name());
        let row = readme
            .lines()
            .find(|l| l.starts_with(&section))
            .unwrap_or_else(|| panic!("README lacks the row {section}"));
        assert!(
            row.contains(&format!("`{}` {}", b.name, b.keys_name())),
            "README's {section} row lacks `{}` {}",
            b.name,
            b.keys_name()
        );
    }
}
