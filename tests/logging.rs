//! The log (`HOTLINE_LOG`, see src/log.rs): a command leaves its start, its writes and its
//! failure in the file; the TUI's scripted mode shows nothing of it; a log that cannot be
//! written never stops the program.

mod common;

use common::cli::cmd;
use std::path::Path;

const NOW: &str = "2017-11-02T10:00:00";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn a_command_logs_its_start_its_writes_and_its_failure() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let log = dir.path().join("logs/hotline.log");
    let out = cmd(&db, NOW, &["init"])
        .env("HOTLINE_LOG", &log)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = read(&log);
    let start = text.lines().next().unwrap_or("");
    assert!(
        start.contains("start") && start.contains("command=\"init\"") && start.contains("h.db"),
        "{text}"
    );
    assert!(start.contains(env!("CARGO_PKG_VERSION")), "{start}");
    assert!(text.contains("database opened"), "{text}");
    assert!(text.contains("write committed ms="), "{text}");

    // A citizen's data on the command line stays out of the log; a refused write is logged
    // with its error, and so is the error that ends the command.
    let add = cmd(
        &db,
        NOW,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "供暖不热",
            "--phone",
            "13800001111",
        ],
    )
    .env("HOTLINE_LOG", &log)
    .output()
    .unwrap();
    assert!(add.status.success());
    let out = cmd(&db, NOW, &["urge", "99"])
        .env("HOTLINE_LOG", &log)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = read(&log);
    assert!(text.contains("command=\"order add\""), "{text}");
    assert!(
        !text.contains("13800001111") && !text.contains("供暖不热"),
        "{text}"
    );
    assert!(text.contains("write rolled back: no order '99'"), "{text}");
    assert!(text.contains("command failed: no order '99'"), "{text}");
    assert!(
        text.lines().last().unwrap_or("").contains("end ms="),
        "{text}"
    );
}

#[test]
fn off_and_an_unwritable_log_never_stop_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let data = dir.path().join("data");
    // Without HOTLINE_LOG the log is in the data directory; `off` writes none.
    let out = cmd(&db, NOW, &["init"])
        .env_remove("HOTLINE_LOG")
        .env("XDG_DATA_HOME", &data)
        .output()
        .unwrap();
    assert!(out.status.success());
    let default = data.join("hotline/hotline.log");
    assert!(
        read(&default).contains("command=\"init\""),
        "no log at {}",
        default.display()
    );
    let before = read(&default);
    let out = cmd(&db, NOW, &["check"])
        .env("HOTLINE_LOG", "off")
        .env("XDG_DATA_HOME", &data)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(read(&default), before);

    // A log asked for that cannot be written: the command works, with one warning line.
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let out = cmd(&db, NOW, &["check"])
        .env("HOTLINE_LOG", blocker.join("hotline.log"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("integrity: ok"));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("warning: cannot write the log"), "{err}");
}

#[test]
fn the_tui_script_mode_prints_nothing_of_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let log = dir.path().join("hotline.log");
    let made = cmd(&db, NOW, &["demo"])
        .env("HOTLINE_LOG", "off")
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let keys = dir.path().join("keys.txt");
    // Urge the first overdue order: a write, logged.
    std::fs::write(&keys, "2 u \"请今日回复\" <Enter>").unwrap();
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"));
    let out = c
        .arg("--db")
        .arg(&db)
        .arg("tui")
        .arg("--keys")
        .arg(&keys)
        .arg("--dump")
        .env("HOTLINE_LOG", &log)
        .env_remove("HOTLINE_NOW")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("催办"), "{stdout}");
    assert!(stderr.is_empty(), "stderr: {stderr}");
    for marker in ["pid=", "INFO", "hotline::store", "write committed"] {
        assert!(!stdout.contains(marker), "«{marker}» on stdout: {stdout}");
    }
    let text = read(&log);
    assert!(text.contains("command=\"tui\""), "{text}");
    assert!(text.contains("write committed"), "{text}");
}
