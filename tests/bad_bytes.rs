//! One invalid UTF-8 sequence in one stored text (written by another tool, a bad disk, an old
//! version) blocks nothing: lists, the order, export, the TUI and `check` still work, the bad
//! bytes show as U+FFFD, and `check` names the order and column that hold them.

mod common;

use common::cli::{cmd, ok};
use std::path::{Path, PathBuf};

const NOW: &str = "2017-11-02T10:00:00";

fn setup(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("h.db");
    ok(&db, NOW, &["init"]);
    let no = ok(
        &db,
        NOW,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "供暖不热",
        ],
    )
    .trim()
    .to_string();
    ok(&db, NOW, &["dispatch", &no, "--unit", "住建局"]);
    // "供暖" then a lone continuation byte and a truncated three-byte sequence.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE orders SET title = CAST(x'e4be9be69a9680e4be' AS TEXT) WHERE order_no = ?1",
            [&no],
        )
        .unwrap();
    (db, no)
}

#[test]
fn lists_show_export_and_tui_read_a_title_with_bad_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (db, no) = setup(dir.path());
    let list = ok(&db, NOW, &["order", "list"]);
    assert!(
        list.contains(&no) && list.contains("供暖\u{fffd}"),
        "{list}"
    );
    let show = ok(&db, NOW, &["order", "show", &no]);
    assert!(show.contains("供暖\u{fffd}"), "{show}");
    let out = dir.path().join("out.csv");
    ok(&db, NOW, &["export", "--out", out.to_str().unwrap()]);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains("供暖\u{fffd}"), "{csv}");
    let screen = ok(
        &db,
        NOW,
        &["tui", "--keys", "-", "--size", "120x30", "--dump"],
    );
    assert!(screen.contains(&no), "{screen}");
}

#[test]
fn check_names_the_order_and_column_with_bad_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (db, no) = setup(dir.path());
    let out = cmd(&db, NOW, &["check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stdout}");
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains(&no) && all.contains("title") && all.contains("UTF-8"),
        "{all}"
    );
    let store = hotline::store::Store::open(&db).unwrap();
    let rep = hotline::ops::check::check(&store).unwrap();
    assert!(
        rep.problems
            .contains(&hotline::ops::check::Problem::BadText {
                order_no: no.clone(),
                column: "title".into()
            }),
        "{:?}",
        rep.problems
    );
}

/// `hotline order list | head`: the reader goes away; the command ends quietly (no panic,
/// no exit 101, nothing on stderr).
#[test]
fn a_closed_pipe_ends_a_listing_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = setup(dir.path());
    let mut child = cmd(&db, NOW, &["order", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the command writes anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.trim().is_empty(), "{stderr}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert!(
            out.status.success() || out.status.signal() == Some(libc::SIGPIPE),
            "{:?}",
            out.status
        );
    }
}

/// A NUL in one cell of a CSV: the error names the line and field it is in.
#[test]
fn a_nul_byte_in_a_csv_is_reported_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = setup(dir.path());
    let file = dir.path().join("nul.csv");
    std::fs::write(
        &file,
        "留言编号,留言主题,留言时间\n1,供暖不热,2017-11-01\n2,路灯\0不亮,2017-11-01\n",
    )
    .unwrap();
    let out = cmd(&db, NOW, &["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("NUL") && err.contains("line 3, field 2"),
        "{err}"
    );
}

/// An operator's name from `--operator` is cleaned like all text: the event stores no ESC, BEL
/// or bidi control; a hostile `USER` changes nothing (it is not read).
#[test]
fn operator_names_lose_their_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let (db, no) = setup(dir.path());
    let hostile = "马丽\u{1b}]0;pwned\u{7}\u{202e}";
    ok(&db, NOW, &["--operator", hostile, "urge", &no]);
    // Access control off (no operators), so that `USER` names the operator.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("DELETE FROM operators", [])
        .unwrap();
    let out = cmd(&db, NOW, &["urge", &no])
        .env("USER", hostile)
        .env("LOGNAME", hostile)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let ops: Vec<String> = c
        .prepare("SELECT operator FROM events WHERE kind = 'urged'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // `--operator` is cleaned; `USER` is not read at all: the name shown without `--operator`
    // is the process's OS account.
    assert_eq!(
        ops,
        ["马丽]0;pwned".to_string(), hotline::store::os_account()]
    );
}
