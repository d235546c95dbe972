//! A unit's return is a request the office decides (派单异议审核), and exemptions from
//! assessment (剔除), through the real binary. The test's user ran `init`: an admin, whose
//! `--now` places every step in time.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn hotline(db: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(["--operator", "测试员", "--now", now])
        .args(args)
        .env_remove("HOTLINE_DB")
        .env_remove("HOTLINE_NOW")
        .env_remove("HOTLINE_LANG")
        .output()
        .unwrap()
}

fn ok(db: &Path, now: &str, args: &[&str]) -> String {
    let out = hotline(db, now, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A command that must fail with one line on stderr.
fn fails(db: &Path, now: &str, args: &[&str]) -> String {
    let out = hotline(db, now, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    err
}

fn new_db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    ok(&path, "2017-11-01T08:00:00", &["init"]);
    Db { _dir: dir, path }
}

/// A request dispatched to 住建局 on Thu 2017-11-02 (10 working days: deadline 11-16).
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

#[test]
fn a_units_return_is_a_request_until_the_office_approves_it() {
    let db = new_db();
    let p = db.path.as_path();
    let a = dispatched(p, "供暖不热");
    let b = dispatched(p, "村道损坏");
    let out = ok(
        p,
        "2017-11-03T10:00:00",
        &["return", &a, "--reason", "不属本单位职责"],
    );
    assert!(out.contains("the office approves or refuses"), "{out}");
    // The unit keeps it, its deadline runs; the request is shown.
    let v = show(p, "2017-11-03T11:00:00", &a);
    assert_eq!(v["status"], "dispatched");
    assert_eq!(v["unit"], "住建局");
    assert_eq!(v["deadline"], "2017-11-16");
    assert_eq!(v["return_request"]["reason"], "不属本单位职责");
    assert_eq!(v["return_request"]["late"], false);
    assert_eq!(v["return_request"]["at"], "2017-11-03T10:00:00");
    let text = ok(p, "2017-11-03T11:00:00", &["order", "show", &a]);
    assert!(
        text.contains("退单申请") && text.contains("待办公室审核"),
        "{text}"
    );
    // The list of pending requests has it, not the other order.
    let list = ok(
        p,
        "2017-11-03T11:00:00",
        &["order", "list", "--return-pending", "--format", "json"],
    );
    assert!(list.contains(&a) && !list.contains(&b), "{list}");
    // Deciding it: the same request cannot be asked twice; --approve and --refuse conflict.
    fails(
        p,
        "2017-11-03T11:00:00",
        &["return", &a, "--reason", "再次申请"],
    );
    let both = hotline(
        p,
        "2017-11-03T11:00:00",
        &["return", &a, "--approve", "--refuse"],
    );
    assert_eq!(both.status.code(), Some(2));
    let out = ok(p, "2017-11-03T12:00:00", &["return", &a, "--approve"]);
    assert!(out.contains("back with the office"), "{out}");
    let v = show(p, "2017-11-03T12:30:00", &a);
    assert_eq!(v["status"], "returned");
    assert_eq!(v["unit"], Value::Null);
    assert_eq!(v["return_request"], Value::Null);
    let k = kinds(&v);
    assert!(
        k.ends_with(&["return_requested".into(), "returned".into()]),
        "{k:?}"
    );
    // Nothing pending now: approving again is refused.
    let err = fails(p, "2017-11-03T13:00:00", &["return", &a, "--approve"]);
    assert!(err.contains("cannot return --approve|--refuse"), "{err}");
    assert!(ok(p, "2017-11-03T13:00:00", &["check"]).contains("replay = stored state: yes"));
}

#[test]
fn a_refused_return_leaves_the_order_with_the_unit_and_needs_a_reason() {
    let db = new_db();
    let p = db.path.as_path();
    let a = dispatched(p, "供暖不热");
    ok(p, "2017-11-03T10:00:00", &["accept", &a]);
    ok(
        p,
        "2017-11-03T11:00:00",
        &["return", &a, "--reason", "不属本单位职责"],
    );
    let before = kinds(&show(p, "2017-11-03T11:30:00", &a)).len();
    let err = fails(p, "2017-11-03T12:00:00", &["return", &a, "--refuse"]);
    assert!(err.contains("--refuse needs --reason"), "{err}");
    let err = fails(
        p,
        "2017-11-03T12:00:00",
        &["return", &a, "--refuse", "--reason", "  "],
    );
    assert!(err.contains("reason is required"), "{err}");
    assert_eq!(kinds(&show(p, "2017-11-03T12:00:00", &a)).len(), before);
    let out = ok(
        p,
        "2017-11-03T12:00:00",
        &["return", &a, "--refuse", "--reason", "属住建局职责"],
    );
    assert!(out.contains("keeps it"), "{out}");
    let v = show(p, "2017-11-03T12:30:00", &a);
    assert_eq!(v["status"], "handling");
    assert_eq!(v["unit"], "住建局");
    assert_eq!(v["return_request"], Value::Null);
    let k = kinds(&v);
    assert!(
        k.ends_with(&["return_requested".into(), "return_refused".into()]),
        "{k:?}"
    );
    // The unit may ask again.
    ok(
        p,
        "2017-11-06T09:00:00",
        &["return", &a, "--reason", "确属乡镇"],
    );
}

#[test]
fn a_request_after_the_deadline_day_is_marked_late() {
    let db = new_db();
    let p = db.path.as_path();
    let a = dispatched(p, "供暖不热");
    // The deadline 11-16 has ended.
    ok(
        p,
        "2017-11-17T09:00:00",
        &["return", &a, "--reason", "不属本单位职责"],
    );
    let v = show(p, "2017-11-17T10:00:00", &a);
    assert_eq!(v["return_request"]["late"], true);
    let text = ok(p, "2017-11-17T10:00:00", &["order", "show", &a]);
    assert!(text.contains("迟退单"), "{text}");
    ok(p, "2017-11-17T11:00:00", &["return", &a, "--approve"]);
    let v = show(p, "2017-11-17T12:00:00", &a);
    let returned = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "returned")
        .cloned()
        .unwrap();
    assert!(
        returned["text"].as_str().unwrap().contains("期限已过"),
        "{returned}"
    );
    // On the day itself it is not late.
    let b = dispatched(p, "村道损坏");
    ok(
        p,
        "2017-11-16T17:00:00",
        &["return", &b, "--reason", "不属本单位职责"],
    );
    assert_eq!(
        show(p, "2017-11-16T18:00:00", &b)["return_request"]["late"],
        false
    );
}

#[test]
fn an_admin_exempts_and_unexempts_with_a_kind_and_a_reason() {
    let db = new_db();
    let p = db.path.as_path();
    let a = dispatched(p, "供暖不热");
    let now = "2017-11-05T09:00:00";
    let err = fails(p, now, &["exempt", &a, "--kind", "whim", "--reason", "x"]);
    for k in [
        "unreasonable",
        "litigation",
        "arbitration",
        "reconsideration",
        "petition",
    ] {
        assert!(err.contains(k), "{err}");
    }
    assert!(err.contains("'whim'"), "{err}");
    let zh = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(p)
        .args(["--now", now, "--lang", "zh"])
        .args(["exempt", &a, "--kind", "whim", "--reason", "x"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&zh.stderr).contains("没有“whim”这种剔除类别"),
        "{}",
        String::from_utf8_lossy(&zh.stderr)
    );
    let err = fails(
        p,
        now,
        &["exempt", &a, "--kind", "litigation", "--reason", " "],
    );
    assert!(err.contains("reason is required"), "{err}");
    assert_eq!(show(p, now, &a)["exemption"], Value::Null);

    let out = ok(
        p,
        now,
        &[
            "exempt",
            &a,
            "--kind",
            "litigation",
            "--reason",
            "已起诉至法院",
        ],
    );
    assert!(out.contains("exempted"), "{out}");
    let v = show(p, now, &a);
    assert_eq!(v["exemption"]["kind"], "litigation");
    assert_eq!(v["exemption"]["reason"], "已起诉至法院");
    assert_eq!(v["exemption"]["at"], now);
    let text = ok(p, now, &["order", "show", &a]);
    assert!(
        text.contains("涉诉") && text.contains("已起诉至法院"),
        "{text}"
    );
    let err = fails(
        p,
        now,
        &["exempt", &a, "--kind", "petition", "--reason", "x"],
    );
    assert!(err.contains("already exempted"), "{err}");

    ok(
        p,
        "2017-11-06T09:00:00",
        &["unexempt", &a, "--reason", "已撤诉"],
    );
    let v = show(p, "2017-11-06T09:00:00", &a);
    assert_eq!(v["exemption"], Value::Null);
    assert!(kinds(&v).ends_with(&["exempted".into(), "unexempted".into()]));
    let err = fails(p, "2017-11-06T09:00:00", &["unexempt", &a]);
    assert!(err.contains("not exempted"), "{err}");
    // The Chinese name is a kind too, and a closed or returned order may be exempted.
    ok(
        p,
        "2017-11-06T10:00:00",
        &["return", &a, "--reason", "不属本单位职责"],
    );
    ok(p, "2017-11-06T10:30:00", &["return", &a, "--approve"]);
    ok(
        p,
        "2017-11-06T11:00:00",
        &["exempt", &a, "--kind", "信访", "--reason", "转信访渠道"],
    );
    assert_eq!(
        show(p, "2017-11-06T11:00:00", &a)["exemption"]["kind"],
        "petition"
    );
}
