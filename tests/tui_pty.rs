//! End to end in a real pseudo-terminal: the built binary on a copy of the demo database,
//! driven by keys, its screen read back with a terminal emulator (vt100).

mod common;

use common::pty::Tui;
use hotline::domain::EventKind;
use hotline::store::Store;
use std::path::{Path, PathBuf};
use std::time::Duration;

const FIRST_OVERDUE: &str = "201710270002";

fn demo(dir: &Path) -> PathBuf {
    let path = dir.join("demo.db");
    hotline::demo::create(&path, "测试").unwrap();
    path
}

#[test]
fn urge_by_keys_in_a_real_terminal_then_quit_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut tui = Tui::start(&db);
    tui.wait_for("待办", Duration::from_secs(20));
    assert!(tui.parser().screen().alternate_screen());

    tui.keys("2");
    tui.wait_for("超期天数", Duration::from_secs(5));
    tui.keys("u");
    tui.wait_for("催办说明", Duration::from_secs(5));
    tui.keys("请今日回复");
    tui.keys("\r");
    let screen = tui.wait_for("已催办", Duration::from_secs(5));
    assert!(screen.contains(FIRST_OVERDUE), "{screen}");

    // Another process urges a second order: it shows up without a key press.
    tui.keys("4");
    tui.wait_for("最近", Duration::from_secs(5));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["--db", db.to_str().unwrap(), "--operator", "另一进程"])
        .args(["urge", "201710270007", "--note", "第二个进程的催办"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    tui.wait_for("第二个进程的催办", Duration::from_millis(1500));

    tui.keys("q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    tui.assert_restored();

    let store = Store::open(&db).unwrap();
    let last = store.events(FIRST_OVERDUE).unwrap().pop().unwrap();
    assert_eq!(
        last.kind,
        EventKind::Urged {
            note: "请今日回复".into()
        }
    );
    assert_eq!(last.operator, "pty测试");
}

#[test]
fn sigterm_exits_cleanly_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut tui = Tui::start(&db);
    tui.wait_for("待办", Duration::from_secs(20));
    let pid = tui.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tui.wait_exit(Duration::from_secs(3));
    assert!(status.success(), "{status:?}");
    tui.assert_restored();
}

#[test]
fn a_missing_database_is_a_clear_error_not_a_broken_screen() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["--db", dir.path().join("nope.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no database at"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}
