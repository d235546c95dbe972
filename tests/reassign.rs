//! 改派: the office moves an order from the unit holding it straight to another, through the
//! real binary. The test's user ran `init`: an admin, whose `--now` places every step in time.

mod common;
use common::cli::{ok, refused};
use serde_json::Value;
use std::path::{Path, PathBuf};

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn new_db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    ok(&path, "2017-11-01T08:00:00", &["init"]);
    Db { _dir: dir, path }
}

fn dispatched(db: &Path, title: &str) -> String {
    let no = ok(
        db,
        "2017-11-02T09:00:00",
        &["order", "add", "--category", "request", "--title", title],
    )
    .trim()
    .to_string();
    ok(
        db,
        "2017-11-02T09:30:00",
        &["dispatch", &no, "--unit", "住建局"],
    );
    no
}

fn show(db: &Path, now: &str, no: &str) -> Value {
    serde_json::from_str(&ok(db, now, &["order", "show", no, "--format", "json"])).unwrap()
}

fn kinds(v: &Value) -> Vec<String> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect()
}

fn assigned(db: &Path, unit: &str) -> u64 {
    let json = ok(
        db,
        "2017-11-30T23:00:00",
        &[
            "report",
            "--from",
            "2017-11-01",
            "--to",
            "2017-11-30",
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == unit)
        .and_then(|u| u["assigned"].as_u64())
        .unwrap_or(0)
}

#[test]
fn reassign_moves_the_order_to_the_new_unit_without_a_return() {
    let db = new_db();
    let p = db.path.as_path();
    let a = dispatched(p, "路灯不亮");
    ok(p, "2017-11-03T09:00:00", &["accept", &a]);
    assert_eq!(assigned(p, "住建局"), 1);
    assert_eq!(assigned(p, "贾塘乡"), 0);
    let out = ok(
        p,
        "2017-11-06T10:00:00",
        &[
            "reassign",
            &a,
            "--unit",
            "贾塘乡",
            "--reason",
            "属乡镇职责",
            "--days",
            "5",
        ],
    );
    assert!(
        out.contains("reassigned") && out.contains("贾塘乡"),
        "{out}"
    );
    let v = show(p, "2017-11-06T11:00:00", &a);
    assert_eq!(v["status"], "dispatched");
    assert_eq!(v["unit"], "贾塘乡");
    assert_eq!(v["accepted_at"], Value::Null);
    // 5 working days from Mon 11-06.
    assert_eq!(v["deadline"], "2017-11-13");
    assert_eq!(v["returns"], 0);
    let k = kinds(&v);
    assert!(k.ends_with(&["reassigned".into()]), "{k:?}");
    assert!(!k.contains(&"returned".to_string()), "{k:?}");
    // 承办量 moves: the old unit no longer holds it, the new one does.
    assert_eq!(assigned(p, "住建局"), 0);
    assert_eq!(assigned(p, "贾塘乡"), 1);
    // The old unit's list no longer has it; the new one's does.
    let list = ok(
        p,
        "2017-11-06T11:00:00",
        &["order", "list", "--unit", "住建局", "--format", "json"],
    );
    assert!(!list.contains(&a), "{list}");
    let list = ok(
        p,
        "2017-11-06T11:00:00",
        &["order", "list", "--unit", "贾塘乡", "--format", "json"],
    );
    assert!(list.contains(&a), "{list}");
    // The new unit works it as any dispatched order.
    ok(p, "2017-11-07T09:00:00", &["accept", &a]);
    let check = ok(p, "2017-11-07T10:00:00", &["check"]);
    assert!(check.contains("replay = stored state: yes"), "{check}");
}

#[test]
fn reassign_is_refused_with_reasons_in_both_languages() {
    let db = new_db();
    let p = db.path.as_path();
    let a = dispatched(p, "路灯不亮");
    // The same unit.
    let at = "2017-11-03T09:00:00";
    refused(
        p,
        at,
        &["reassign", &a, "--unit", "住建局", "--reason", "再派"],
        &["already with 住建局"],
        &["不能改派", "已由住建局承办"],
    );
    // No reason.
    refused(
        p,
        at,
        &["reassign", &a, "--unit", "贾塘乡", "--reason", " "],
        &["reason is required"],
        &["须填写理由"],
    );
    // An order with the office (not held by a unit) is dispatched, not reassigned.
    let b = ok(
        p,
        at,
        &["order", "add", "--category", "request", "--title", "噪音"],
    )
    .trim()
    .to_string();
    refused(
        p,
        "2017-11-03T09:10:00",
        &["reassign", &b, "--unit", "贾塘乡", "--reason", "改"],
        &["cannot reassign (改派)"],
        &["不能改派工单"],
    );
    // Nothing was recorded.
    assert_eq!(kinds(&show(p, "2017-11-03T10:00:00", &a)).len(), 2);
}
