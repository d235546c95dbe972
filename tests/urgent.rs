//! Urgent orders: a limit in clock hours (`dispatch --hours N`) keeps its time. A reply after
//! the hour is not on time (按时办结率), a return asked for after it is late (迟退单), the order
//! shows its hours left or over, and warnings come at 60 / 80 / 90 % of the hours.

mod common;
use common::cli::{cmd, ok};
use serde_json::Value;
use std::path::Path;

/// Monday 2017-11-06, 09:00.
const T0: &str = "2017-11-06T09:00:00";

fn json(db: &Path, now: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, now, args)).unwrap()
}

fn new_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, T0, &["init"]);
    (dir, db)
}

fn add(db: &Path, title: &str) -> String {
    ok(
        db,
        T0,
        &["order", "add", "--category", "request", "--title", title],
    )
    .trim()
    .to_string()
}

fn show(db: &Path, now: &str, no: &str) -> Value {
    json(db, now, &["order", "show", no, "--format", "json"])
}

/// Accept and reply at `at`, accept the reply, a satisfied callback, close.
fn finish(db: &Path, no: &str, at: &str) {
    ok(db, at, &["accept", no]);
    ok(db, at, &["reply", no, "--text", "已抢修完毕，已恢复供水。"]);
    ok(db, at, &["review", no, "--accept"]);
    ok(db, at, &["callback", no, "--result", "satisfied"]);
    ok(db, at, &["close", no]);
}

fn unit_row(db: &Path, now: &str, unit: &str) -> Value {
    json(db, now, &["report", "--format", "json"])["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == unit)
        .unwrap()
        .clone()
}

#[test]
fn an_urgent_order_is_due_at_its_hour_and_a_reply_after_it_is_not_on_time() {
    let (_d, db) = new_db();
    let late = add(&db, "自来水主管道爆裂");
    let in_time = add(&db, "小区停水");
    let out = ok(
        &db,
        T0,
        &["dispatch", &late, "--unit", "水务局", "--hours", "2"],
    );
    assert!(out.contains("due 2017-11-06 11:00"), "{out}");
    ok(
        &db,
        T0,
        &["dispatch", &in_time, "--unit", "水务局", "--hours", "24"],
    );
    let o = show(&db, "2017-11-06T10:00:00", &late);
    assert_eq!(o["deadline"], "2017-11-06");
    assert_eq!(o["due_at"], "2017-11-06T11:00:00");
    assert_eq!(o["hours_left"], 1);
    // 60 of 120 minutes gone: no warning yet; at 10:48, 90 %.
    assert_eq!(o["limit_warning"], Value::Null);
    assert_eq!(show(&db, "2017-11-06T10:12:00", &late)["limit_warning"], 60);
    assert_eq!(show(&db, "2017-11-06T10:48:00", &late)["limit_warning"], 90);
    // At 14:00 the same day: 3 hours over (超时), though not yet a day late (超期).
    let o = show(&db, "2017-11-06T14:00:00", &late);
    assert_eq!(o["hours_left"], -3);
    assert_eq!(o["days_overdue"], 0);
    assert_eq!(o["limit_warning"], Value::Null);
    // Replied at 14:00: late by hours. The other replied within its 24 hours.
    finish(&db, &late, "2017-11-06T14:00:00");
    finish(&db, &in_time, "2017-11-07T08:00:00");
    // 按时办结率 = closed on time / closed = 1 / 2 (the README's definition).
    let r = unit_row(&db, "2017-11-07T09:00:00", "水务局");
    assert_eq!(r["closed"], 2);
    assert_eq!(r["closed_on_time"], 1);
    assert_eq!(r["on_time_rate"], 0.5);
    // The record is sound: every order's state is the replay of its events.
    ok(&db, "2017-11-07T09:00:00", &["check"]);
}

#[test]
fn a_return_asked_for_after_the_hour_is_late() {
    let (_d, db) = new_db();
    let no = add(&db, "燃气泄漏");
    ok(
        &db,
        T0,
        &["dispatch", &no, "--unit", "住建局", "--hours", "2"],
    );
    // 12:00, same day: after the hour, before the day's end.
    ok(
        &db,
        "2017-11-06T12:00:00",
        &[
            "return",
            &no,
            "--reason",
            "不属于本单位职责，应由燃气公司处理",
        ],
    );
    let o = show(&db, "2017-11-06T12:00:00", &no);
    assert_eq!(o["return_request"]["late"], true, "{o}");
}

#[test]
fn hours_are_checked_and_an_extension_replaces_the_hour_with_a_day() {
    let (_d, db) = new_db();
    let no = add(&db, "供暖中断");
    for bad in ["0", "169"] {
        let out = cmd(
            &db,
            T0,
            &["dispatch", &no, "--unit", "住建局", "--hours", bad],
        )
        .output()
        .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--hours") && err.contains("1 to 168"), "{err}");
    }
    let out = cmd(
        &db,
        T0,
        &[
            "dispatch",
            &no,
            "--unit",
            "住建局",
            "--hours",
            "2",
            "--days",
            "3",
        ],
    )
    .output()
    .unwrap();
    assert!(!out.status.success(), "--hours with --days is refused");
    ok(
        &db,
        T0,
        &["dispatch", &no, "--unit", "住建局", "--hours", "24"],
    );
    ok(
        &db,
        "2017-11-06T10:00:00",
        &[
            "extend",
            &no,
            "--until",
            "2017-11-10",
            "--reason",
            "需更换管道",
        ],
    );
    ok(&db, "2017-11-06T10:30:00", &["extend", &no, "--approve"]);
    let o = show(&db, "2017-11-08T10:00:00", &no);
    assert_eq!(o["deadline"], "2017-11-10");
    assert_eq!(o["due_at"], Value::Null);
    assert_eq!(o["hours_left"], Value::Null);
    ok(&db, "2017-11-08T10:00:00", &["check"]);
}

#[test]
fn late_by_hours_costs_the_floor_a_day_limit_would_not() {
    let (_d, db) = new_db();
    // 水务局: an urgent order (2 h) replied 5 hours after dispatch, the same day; and an order
    // of 10 working days replied the same day. 教体局: the same two replies, both on a
    // working-day limit.
    let urgent = add(&db, "自来水主管道爆裂");
    let plain = add(&db, "水表读数异常");
    let other1 = add(&db, "校门口积水");
    let other2 = add(&db, "校车时间调整建议");
    ok(
        &db,
        T0,
        &["dispatch", &urgent, "--unit", "水务局", "--hours", "2"],
    );
    ok(&db, T0, &["dispatch", &plain, "--unit", "水务局"]);
    ok(&db, T0, &["dispatch", &other1, "--unit", "教体局"]);
    ok(&db, T0, &["dispatch", &other2, "--unit", "教体局"]);
    for no in [&urgent, &plain, &other1, &other2] {
        finish(&db, no, "2017-11-06T14:00:00");
    }
    let now = "2017-11-07T09:00:00";
    let rows = json(
        &db,
        now,
        &["report", "--pack", "deduction", "--format", "json"],
    )["units"]
        .as_array()
        .unwrap()
        .clone();
    let row = |u: &str| rows.iter().find(|r| r["unit"] == u).unwrap().clone();
    // 按时办结率 = on time / closed: 水务局 1/2 = 50 % < the pack's 60 % floor; 教体局 2/2.
    let w = row("水务局");
    assert_eq!(
        (w["closed"].as_u64(), w["closed_on_time"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        w["floors_failed"],
        serde_json::json!(["on_time_rate"]),
        "{w}"
    );
    let j = row("教体局");
    assert_eq!(j["closed_on_time"], 2);
    assert_eq!(j["floors_failed"], serde_json::json!([]), "{j}");
    // Nothing late by days: the deductions (over 30 days, late now, supervisions, redos,
    // late returns) are all 0, so both score 100 and share rank 1 in their tier.
    assert_eq!(
        (w["score"].as_f64(), w["rank"].as_u64()),
        (Some(100.0), Some(1))
    );
    assert_eq!(
        (j["score"].as_f64(), j["rank"].as_u64()),
        (Some(100.0), Some(1))
    );
}

#[test]
fn order_show_says_the_time_due_and_the_hours_left_or_over() {
    let (_d, db) = new_db();
    let no = add(&db, "暖气管道爆裂");
    ok(
        &db,
        T0,
        &["dispatch", &no, "--unit", "住建局", "--hours", "2"],
    );
    let text = ok(&db, "2017-11-06T10:40:00", &["order", "show", &no]);
    assert!(
        text.contains("2017-11-06 11:00 (剩余 1 小时 / 1 h left; 已用 80% / 80% used)"),
        "{text}"
    );
    let text = ok(&db, "2017-11-06T13:10:00", &["order", "show", &no]);
    assert!(
        text.contains("2017-11-06 11:00 (超时 3 小时 / 3 h over)"),
        "{text}"
    );
}
