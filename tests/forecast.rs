//! `hotline forecast --by D` names exactly the orders that later cross 30 days overdue when
//! the clock is moved to D: (overdue more than 30 days at the end of D) − (overdue more than
//! 30 days now), as the order list shows them at each time. An order closed in between is
//! no longer forecast; one only urged still is.

mod common;
use common::cli::{cmd, ok};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// After the demo's last event (2017-12-31), so that acting now is in time order.
const NOW: &str = "2018-01-02T09:00:00";
const BY: &str = "2018-01-20";
const BY_END: &str = "2018-01-20T23:59:59";

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, NOW, &["demo"]);
    (dir, db)
}

fn json(db: &Path, now: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, now, args)).unwrap()
}

fn forecast(db: &Path) -> BTreeSet<String> {
    let f = json(db, NOW, &["forecast", "--by", BY, "--format", "json"]);
    assert_eq!(f["by"], BY);
    let nos: BTreeSet<String> = f["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            assert!(o["days_overdue_now"].as_i64().unwrap() <= 30, "{o}");
            assert!(o["days_overdue_by"].as_i64().unwrap() > 30, "{o}");
            o["order_no"].as_str().unwrap().to_string()
        })
        .collect();
    let per_unit: u64 = f["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["orders"].as_u64().unwrap())
        .sum();
    assert_eq!(per_unit as usize, nos.len(), "the units' counts add up");
    nos
}

/// The open orders more than 30 days overdue at `now`, as `order list --overdue` shows them.
fn late30(db: &Path, now: &str) -> BTreeSet<String> {
    json(db, now, &["order", "list", "--overdue", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["days_overdue"].as_i64().unwrap() > 30)
        .map(|o| o["order_no"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn forecast_names_exactly_the_orders_that_later_cross_30_days_when_the_clock_is_moved() {
    let (_dir, db) = demo();
    let f = forecast(&db);
    let later = late30(&db, BY_END);
    let now = late30(&db, NOW);
    assert!(!f.is_empty(), "the demo has orders that cross by {BY}");
    assert!(
        !now.is_empty(),
        "and orders over 30 days already, not forecast"
    );
    let expected: BTreeSet<String> = later.difference(&now).cloned().collect();
    assert_eq!(f, expected);
    // One day earlier names fewer orders (none of them more than by BY).
    let earlier = json(
        &db,
        NOW,
        &["forecast", "--by", "2018-01-10", "--format", "json"],
    );
    let earlier: BTreeSet<String> = earlier["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["order_no"].as_str().unwrap().to_string())
        .collect();
    assert!(earlier.is_subset(&f) && earlier.len() < f.len());
}

/// The order's status now.
fn status(db: &Path, no: &str) -> String {
    json(db, NOW, &["order", "show", no, "--format", "json"])["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn an_order_closed_in_between_is_no_longer_forecast_an_urged_one_still_is() {
    let (_dir, db) = demo();
    let before = forecast(&db);
    // One in the unit's hands (not returned to the office) to close, another to urge.
    let closed = before
        .iter()
        .find(|no| status(&db, no) != "returned")
        .unwrap()
        .clone();
    let urged = before.iter().find(|no| **no != closed).unwrap().clone();
    ok(&db, NOW, &["urge", &urged, "--note", "请尽快办理"]);
    // Through the workflow to closed, whatever step it is at.
    for _ in 0..6 {
        match status(&db, &closed).as_str() {
            "closed" => break,
            "dispatched" => ok(&db, NOW, &["accept", &closed]),
            "handling" => ok(
                &db,
                NOW,
                &["reply", &closed, "--text", "已处理完毕，已告知来电人。"],
            ),
            "replied" => ok(&db, NOW, &["review", &closed, "--accept"]),
            "awaiting_callback" => {
                ok(&db, NOW, &["callback", &closed, "--result", "satisfied"]);
                ok(&db, NOW, &["close", &closed])
            }
            other => panic!("{closed}: unexpected status {other}"),
        };
    }
    assert_eq!(status(&db, &closed), "closed");
    let after = forecast(&db);
    assert!(!after.contains(&closed), "a closed order never crosses");
    assert!(after.contains(&urged), "an urge changes no deadline");
    let mut expected = before.clone();
    expected.remove(&closed);
    assert_eq!(after, expected);
    // Still exactly the orders that cross when the clock is moved.
    let crossed: BTreeSet<String> = late30(&db, BY_END)
        .difference(&late30(&db, NOW))
        .cloned()
        .collect();
    assert_eq!(after, crossed);
}

#[test]
fn a_bad_or_past_date_is_one_clear_error_in_the_users_language() {
    let (_dir, db) = demo();
    for (lang, by, says) in [
        ("en", "2017-12-01", "before today"),
        ("zh", "2017-12-01", "早于今天"),
        ("en", "next week", "is not a date"),
        ("zh", "下周", "不是日期"),
    ] {
        let out = cmd(&db, NOW, &["--lang", lang, "forecast", "--by", by])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{by}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(says) && err.contains("--by"),
            "{lang} {by}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_text_names_the_date_and_counts_and_a_unit_narrows_it() {
    let (_dir, db) = demo();
    let all = forecast(&db);
    let text = ok(&db, NOW, &["forecast", "--by", BY]);
    let first = text.lines().next().unwrap();
    assert!(
        first.contains(BY) && first.contains(&format!("{} order(s)", all.len())),
        "{first}"
    );
    for no in &all {
        assert!(text.contains(no.as_str()), "{no} in\n{text}");
    }
    let f = json(&db, NOW, &["forecast", "--by", BY, "--format", "json"]);
    let unit = f["units"][0]["unit"].as_str().unwrap().to_string();
    let n = f["units"][0]["orders"].as_u64().unwrap();
    let one = json(
        &db,
        NOW,
        &["forecast", "--by", BY, "--unit", &unit, "--format", "json"],
    );
    assert_eq!(one["orders"].as_array().unwrap().len() as u64, n);
    assert!(
        one["orders"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["unit"] == unit.as_str())
    );
}
