//! 并单: an order merged into a lead order leaves its unit's queue, follows the lead's reply,
//! and an unmerge gives it back its own state — through the real binary. The test's user ran
//! `init`: an admin, whose `--now` places every step in time.

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

fn add(db: &Path, title: &str, citizen: &str) -> String {
    ok(
        db,
        "2017-11-02T09:00:00",
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            title,
            "--citizen",
            citizen,
        ],
    )
    .trim()
    .to_string()
}

fn dispatched(db: &Path, title: &str, citizen: &str) -> String {
    let no = add(db, title, citizen);
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

/// The order's state as shown, less what every event moves (its version, its events).
fn state(db: &Path, now: &str, no: &str) -> Value {
    let mut v = show(db, now, no);
    let m = v.as_object_mut().unwrap();
    for k in ["version", "events"] {
        m.remove(k);
    }
    v
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

fn checked(db: &Path, now: &str) {
    let out = ok(db, now, &["check"]);
    assert!(
        out.contains("replay = stored state: yes") && out.contains("scorecard sums = events: yes"),
        "{out}"
    );
}

fn in_list(db: &Path, now: &str, unit: &str, no: &str) -> bool {
    ok(
        db,
        now,
        &["order", "list", "--unit", unit, "--format", "json"],
    )
    .contains(no)
}

#[test]
fn merge_then_unmerge_round_trips_with_check_passing() {
    let db = new_db();
    let p = db.path.as_path();
    let lead = dispatched(p, "小区停水", "马一");
    let a = dispatched(p, "小区停水（同一事项）", "李二");
    ok(p, "2017-11-03T09:00:00", &["accept", &a]);
    ok(p, "2017-11-03T09:10:00", &["urge", &a, "--note", "请尽快"]);
    assert_eq!(assigned(p, "住建局"), 2);
    let before = state(p, "2017-11-03T10:00:00", &a);

    let out = ok(p, "2017-11-03T10:00:00", &["merge", &a, "--into", &lead]);
    assert!(out.contains("merged") && out.contains(&lead), "{out}");
    let v = show(p, "2017-11-03T10:30:00", &a);
    assert_eq!(v["status"], "merged");
    assert_eq!(v["merged_into"], lead.as_str());
    assert_eq!(v["unit"], Value::Null);
    assert_eq!(v["deadline"], Value::Null);
    // Its own citizen stays.
    assert_eq!(v["citizen"], before["citizen"]);
    // Not the unit's work any more: not in its list, not its 承办量, not late.
    assert!(!in_list(p, "2017-11-03T10:30:00", "住建局", &a));
    assert!(in_list(p, "2017-11-03T10:30:00", "住建局", &lead));
    assert_eq!(assigned(p, "住建局"), 1);
    let late = ok(
        p,
        "2017-12-31T10:00:00",
        &["order", "list", "--overdue", "--format", "json"],
    );
    assert!(!late.contains(&a) && late.contains(&lead), "{late}");
    checked(p, "2017-11-03T10:30:00");

    let out = ok(
        p,
        "2017-11-04T09:00:00",
        &["unmerge", &a, "--reason", "并错了"],
    );
    assert!(out.contains("unmerged"), "{out}");
    // Its state as before the merge, by replay; two more events in its history.
    assert_eq!(state(p, "2017-11-03T10:00:00", &a), before);
    let k = kinds(&show(p, "2017-11-04T09:30:00", &a));
    assert!(k.ends_with(&["merged".into(), "unmerged".into()]), "{k:?}");
    assert!(in_list(p, "2017-11-04T09:30:00", "住建局", &a));
    assert_eq!(assigned(p, "住建局"), 2);
    checked(p, "2017-11-04T09:30:00");
    // It is the unit's again: it can reply.
    ok(
        p,
        "2017-11-05T09:00:00",
        &[
            "reply",
            &a,
            "--text",
            "已恢复供水，管道已更换完毕，经回访确认",
        ],
    );
}

#[test]
fn a_merged_order_follows_the_leads_reply_and_gets_its_own_callback() {
    let db = new_db();
    let p = db.path.as_path();
    let lead = dispatched(p, "路灯不亮", "马一");
    let a = add(p, "路灯坏了", "李二");
    let b = dispatched(p, "路灯损坏", "王三");
    ok(p, "2017-11-02T10:00:00", &["merge", &a, "--into", &lead]);
    ok(p, "2017-11-02T10:05:00", &["merge", &b, "--into", &lead]);
    ok(p, "2017-11-03T09:00:00", &["accept", &lead]);
    let text = "已更换路灯灯头三处，11月3日晚已恢复照明，经现场核实";
    ok(p, "2017-11-03T16:00:00", &["reply", &lead, "--text", text]);
    // Not until the lead's reply is accepted.
    assert_eq!(show(p, "2017-11-03T16:10:00", &a)["status"], "merged");
    ok(p, "2017-11-03T17:00:00", &["review", &lead, "--accept"]);
    for no in [&a, &b] {
        let v = show(p, "2017-11-03T17:10:00", no);
        assert_eq!(v["status"], "awaiting_callback", "{no}");
        assert_eq!(v["reply"], text, "{no}");
        assert_eq!(v["merged_into"], lead.as_str());
        assert!(kinds(&v).ends_with(&["lead_replied".into()]), "{no}");
    }
    let shown = ok(p, "2017-11-03T17:10:00", &["order", "show", &a]);
    assert!(shown.contains("随主单") && shown.contains(&lead), "{shown}");
    // Each citizen is called back on their own order, then it is closed.
    ok(
        p,
        "2017-11-04T09:00:00",
        &["callback", &a, "--result", "satisfied"],
    );
    ok(p, "2017-11-04T09:10:00", &["close", &a]);
    assert_eq!(show(p, "2017-11-04T09:20:00", &a)["status"], "closed");
    // The lead carries the unit's work: 住建局's 承办量 is the lead alone.
    assert_eq!(assigned(p, "住建局"), 1);
    // A followed order cannot be redone on its own: redo the lead.
    refused(
        p,
        "2017-11-04T10:00:00",
        &["redo", &b, "--reason", "不满意"],
        &["redo the lead order"],
        &["请重办主单"],
    );
    checked(p, "2017-11-04T10:00:00");
}

#[test]
fn merges_are_refused_with_reasons_in_both_languages() {
    let db = new_db();
    let p = db.path.as_path();
    let lead = dispatched(p, "噪音扰民", "马一");
    let a = dispatched(p, "噪音", "李二");
    let c = dispatched(p, "夜间施工", "王三");
    let now = "2017-11-03T09:00:00";
    refused(
        p,
        now,
        &["merge", &a, "--into", &a],
        &["cannot be merged into itself"],
        &["工单不能并入它自己"],
    );
    refused(
        p,
        now,
        &["merge", &a, "--into", "209901010001"],
        &["no order '209901010001'"],
        &["209901010001"],
    );
    ok(p, now, &["merge", &a, "--into", &lead]);
    // Into a merged order.
    refused(
        p,
        "2017-11-03T09:10:00",
        &["merge", &c, "--into", &a],
        &[&format!("is itself merged into {lead}")],
        &[&format!("本身已并入 {lead}")],
    );
    // A lead with orders merged into it.
    refused(
        p,
        "2017-11-03T09:10:00",
        &["merge", &lead, "--into", &c],
        &["a lead cannot be merged"],
        &["主单不能再并入他单"],
    );
    // Twice; and work on a merged order goes to the lead.
    refused(
        p,
        "2017-11-03T09:10:00",
        &["merge", &a, "--into", &c],
        &[&format!("merged into order {lead}")],
        &[&format!("已并入工单 {lead}")],
    );
    refused(
        p,
        "2017-11-03T09:10:00",
        &["urge", &a],
        &["act on the lead order"],
        &["请办理主单"],
    );
    // Unmerging an order that is not merged.
    refused(
        p,
        "2017-11-03T09:10:00",
        &["unmerge", &c],
        &["cannot unmerge (取消并单)"],
        &["不能取消并单工单"],
    );
    // A closed order, and into a lead whose reply was accepted.
    ok(p, "2017-11-03T10:00:00", &["accept", &c]);
    ok(
        p,
        "2017-11-03T10:10:00",
        &[
            "reply",
            &c,
            "--text",
            "已责令施工单位停止夜间施工，并处罚款，经复查",
        ],
    );
    ok(p, "2017-11-03T10:20:00", &["review", &c, "--accept"]);
    let d = dispatched(p, "施工噪音", "赵四");
    refused(
        p,
        "2017-11-03T10:30:00",
        &["merge", &d, "--into", &c],
        &["its reply was already accepted"],
        &["其答复已审核通过"],
    );
    ok(
        p,
        "2017-11-03T10:35:00",
        &["callback", &c, "--result", "satisfied"],
    );
    ok(p, "2017-11-03T10:40:00", &["close", &c]);
    refused(
        p,
        "2017-11-03T10:50:00",
        &["merge", &c, "--into", &d],
        &["cannot merge (并单)"],
        &["不能并单工单"],
    );
    checked(p, "2017-11-03T11:00:00");
}
