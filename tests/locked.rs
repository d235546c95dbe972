//! Another program holds the database's write lock (issue 16, item 7): here a second
//! connection in `BEGIN EXCLUSIVE`, as an sqlite3 shell would. The CLI waits at most the
//! store's busy timeout and says so in one line, in its language; the TUI shows the wait,
//! Esc abandons it with the typed text kept, and keys typed meanwhile are not applied.

mod common;

use common::cli;
use common::pty::Tui;
use hotline::domain::EventKind;
use hotline::store::{BUSY_TIMEOUT, Store};
use std::path::Path;
use std::time::{Duration, Instant};

const NOW: &str = "2018-01-02T10:00:00";

/// A second connection holding the write lock until dropped.
fn hold_lock(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch("BEGIN EXCLUSIVE").unwrap();
    c
}

#[test]
fn the_cli_waits_at_most_the_busy_timeout_and_says_why_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hotline.db");
    cli::ok(&db, NOW, &["init"]);
    cli::ok(
        &db,
        NOW,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "路灯不亮",
        ],
    );
    let lock = hold_lock(&db);
    let add = ["order", "add", "--category", "request", "--title", "新的"];
    let zh_args: Vec<&str> = ["--lang", "zh"].into_iter().chain(add).collect();
    // Both languages at once: one wait.
    let started = Instant::now();
    let spawn = |args: &[&str]| {
        cli::cmd(&db, NOW, args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (en, zh) = (spawn(&add), spawn(&zh_args));
    let (en, zh) = (
        en.wait_with_output().unwrap(),
        zh.wait_with_output().unwrap(),
    );
    let took = started.elapsed();
    assert!(
        took < BUSY_TIMEOUT + Duration::from_secs(4),
        "waited {took:?}, more than the busy timeout ({BUSY_TIMEOUT:?})"
    );
    for (out, start, nothing) in [
        (
            en,
            "error: the database is being used by another program",
            "nothing was recorded; try again",
        ),
        (zh, "错误: 数据库正被其他程序占用", "未记录任何内容"),
    ] {
        assert!(!out.status.success());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(start), "{err}");
        assert!(err.contains(nothing), "{err}");
    }

    drop(lock);
    let list = cli::ok(&db, NOW, &["order", "list"]);
    assert!(list.contains("1 orders"), "nothing recorded: {list}");
}

const FIRST_OVERDUE: &str = "201710270002";

#[test]
fn the_tui_shows_the_wait_esc_abandons_it_and_keys_typed_meanwhile_are_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    hotline::demo::create(&db, "测试").unwrap();
    let mut tui = Tui::start(&db);
    tui.wait_for("待办", Duration::from_secs(20));
    tui.keys("2");
    tui.wait_for("超期天数", Duration::from_secs(5));
    tui.keys("u");
    tui.wait_for("催办说明", Duration::from_secs(5));
    tui.keys("请今日回复");

    let lock = hold_lock(&db);
    tui.keys("\r");
    tui.wait_for("正在等待", Duration::from_secs(3));
    // Drawn while it waits (not frozen): the seconds move.
    tui.wait_for("（2 秒，最多", Duration::from_secs(4));
    // Typed while waiting: dropped, not typed into the note afterwards.
    tui.keys("5");
    tui.keys("\x1b");
    let screen = tui.wait_for("已放弃", Duration::from_secs(2));
    assert!(screen.contains("请今日回复"), "the note is kept:\n{screen}");
    assert!(!screen.contains("请今日回复5"), "{screen}");

    // The lock gone, submitting again records the note as typed.
    drop(lock);
    tui.keys("\r");
    tui.wait_for("已催办", Duration::from_secs(5));
    tui.keys("q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    tui.assert_restored();
    let store = Store::open(&db).unwrap();
    let events = store.events(FIRST_OVERDUE).unwrap();
    let urges: Vec<_> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Urged { .. }))
        .filter(|e| e.operator == "pty测试")
        .collect();
    assert_eq!(urges.len(), 1, "one urge, once: {urges:?}");
    assert_eq!(
        urges[0].kind,
        EventKind::Urged {
            note: "请今日回复".into()
        }
    );
}
