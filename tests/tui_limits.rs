//! The time limit's warnings (预警) at 60 / 80 / 90 % of the working days used, in the Pending
//! list and the detail (`domain::limits::limit_warning`): none before 60 %, none once late.

mod common;
use common::cli::ok;
use hotline::context::Options as Global;
use hotline::domain::Lang;
use hotline::store::Store;
use hotline::tui::session::Session;
use hotline::tui::theme::Theme;
use hotline::tui::{run_script, script};
use std::path::Path;

/// Monday; November 2017 has no holiday, so 10 working days end on Monday 11-20.
const DISPATCH: &str = "2017-11-06T09:00:00";

fn db() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, DISPATCH, &["init"]);
    let no = ok(
        &db,
        DISPATCH,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "路灯不亮",
        ],
    )
    .trim()
    .to_string();
    ok(
        &db,
        DISPATCH,
        &["dispatch", &no, "--unit", "住建局", "--days", "10"],
    );
    (dir, db, no)
}

/// The Pending list's row of the order, and the detail's deadline line, at `now`.
fn screens(db: &Path, no: &str, now: &str) -> (String, String) {
    let store = Store::open(db).unwrap();
    let g = Global {
        db: Some(db.to_path_buf()),
        now: Some(now.into()),
        operator: Some("测试员".into()),
        lang: Lang::Zh,
    };
    let theme = Theme {
        color: true,
        ascii: false,
    };
    let mut s = Session::new(store, g, theme, true).unwrap();
    let list = run_script(&mut s, &script::parse("").unwrap(), 120, 40).unwrap();
    let row = list
        .lines()
        .find(|l| l.contains(no))
        .unwrap_or_else(|| panic!("{no} not listed:\n{list}"))
        .to_string();
    let detail = run_script(&mut s, &script::parse("<Enter>").unwrap(), 120, 40).unwrap();
    let line = detail
        .lines()
        .find(|l| l.contains("2017-11-20"))
        .unwrap_or_else(|| panic!("no deadline line:\n{detail}"))
        .to_string();
    (row, line)
}

#[test]
fn the_pending_list_warns_at_60_80_and_90_percent_of_the_limit() {
    let (_d, db, no) = db();
    for (now, mark) in [
        // Day 5 of 10: 50 %, no warning yet.
        ("2017-11-13T10:00:00", None),
        // Day 6: 60 %; day 8: 80 %; day 9: 90 %; the deadline day: 100 % (the 90 % mark).
        ("2017-11-14T10:00:00", Some("已用60%")),
        ("2017-11-16T10:00:00", Some("已用80%")),
        ("2017-11-17T10:00:00", Some("已用90%")),
        ("2017-11-20T10:00:00", Some("已用90%")),
        // Late: overdue, not a warning.
        ("2017-11-21T10:00:00", None),
    ] {
        let (row, detail) = screens(&db, &no, now);
        match mark {
            Some(m) => {
                assert!(row.contains(m), "{now}: {m} in the list row: {row}");
                if !now.starts_with("2017-11-20") {
                    assert!(detail.contains(m), "{now}: {m} in the detail: {detail}");
                }
            }
            None => {
                assert!(!row.contains("已用"), "{now}: no warning: {row}");
                assert!(!detail.contains("已用"), "{now}: no warning: {detail}");
            }
        }
    }
}

#[test]
fn a_signed_order_still_warns_a_replied_one_does_not() {
    let (_d, db, no) = db();
    let now = "2017-11-16T10:00:00";
    ok(&db, now, &["accept", &no]);
    assert!(screens(&db, &no, now).0.contains("已用80%"));
    ok(
        &db,
        now,
        &["reply", &no, "--text", "已安排维修，今日修复。"],
    );
    // With the office for review: the unit's clock no longer runs.
    assert!(!screens(&db, &no, now).0.contains("已用"));
}
