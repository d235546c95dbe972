//! `hotline check` finds each kind of disagreement and says which (typed problems, printed
//! one per line): an order whose state is not the replay of its events, running sums that
//! differ from the events, month rollups that differ from their days.

mod common;

use common::cli::{cmd, ok};
use hotline::ops::check::{Problem, check};
use hotline::store::Store;
use std::path::Path;

const NOW: &str = "2017-11-02T10:00:00";

fn setup(dir: &Path) -> (std::path::PathBuf, String) {
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
    ok(&db, NOW, &["urge", &no]);
    (db, no)
}

fn tamper(db: &Path, sql: &str) {
    rusqlite::Connection::open(db)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
}

fn check_output(db: &Path) -> (bool, String) {
    let out = cmd(db, NOW, &["check"]).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_stored_state_that_is_not_the_replay() {
    let dir = tempfile::tempdir().unwrap();
    let (db, no) = setup(dir.path());
    tamper(&db, "UPDATE orders SET title = '改过的标题'");
    let rep = check(&Store::open(&db).unwrap()).unwrap();
    assert_eq!(
        rep.problems,
        vec![Problem::StateDiffers {
            order_no: no.clone(),
            events: 3
        }]
    );
    assert!(!rep.replay_agrees() && rep.tallies_agree && !rep.ok());
    let (success, out) = check_output(&db);
    assert!(!success);
    assert!(
        out.contains("replay = stored state: NO; scorecard sums = events: yes"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "  order {no}: stored state differs from the replay of its 3 events"
        )),
        "{out}"
    );
}

#[test]
fn running_sums_that_differ_from_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = setup(dir.path());
    tamper(
        &db,
        "UPDATE unit_tally SET urges = urges + 1; UPDATE unit_tally_month SET urges = urges + 1;",
    );
    let rep = check(&Store::open(&db).unwrap()).unwrap();
    assert_eq!(rep.problems, vec![Problem::SumsDiffer { rows: 1 }]);
    assert!(rep.replay_agrees() && !rep.tallies_agree);
    let (success, out) = check_output(&db);
    assert!(!success);
    assert!(
        out.contains("replay = stored state: yes; scorecard sums = events: NO"),
        "{out}"
    );
    assert!(
        out.contains("the scorecard's running sums differ from the events in 1 day rows"),
        "{out}"
    );
}

#[test]
fn month_rollups_that_differ_from_their_days() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = setup(dir.path());
    // The days are right, their month is not: said as such (it was "differ in 0 day rows").
    tamper(&db, "UPDATE total_tally_month SET received = received + 1;");
    let rep = check(&Store::open(&db).unwrap()).unwrap();
    assert_eq!(rep.problems, vec![Problem::RollupsDiffer]);
    assert!(rep.replay_agrees() && !rep.tallies_agree);
    assert_eq!(
        Problem::RollupsDiffer.zh(),
        "统计的月汇总与其各日之和不一致"
    );
    let (_, out) = check_output(&db);
    assert!(
        out.contains("month rollups differ from the sums of their days"),
        "{out}"
    );
}
