//! `hotline callback` (the three answers, `--unreachable`, the older `--result`) and
//! `hotline contact` (先行联系) through the real binary: each form records what it says, each
//! refusal is one clear line in the message language, and records nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2017-11-06T10:00:00";

fn hotline(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(["--operator", "测试员", "--now", NOW])
        .args(args)
        .env_remove("HOTLINE_DB")
        .env_remove("HOTLINE_NOW")
        .env_remove("HOTLINE_LANG")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = hotline(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A command that must fail with one line on stderr, recording nothing.
fn fails(db: &Path, no: &str, args: &[&str]) -> String {
    let before = events(db, no);
    let out = hotline(db, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    assert_eq!(events(db, no), before, "{args:?} recorded something");
    err
}

fn show(db: &Path, no: &str) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["order", "show", no, "--format", "json"])).unwrap()
}

fn events(db: &Path, no: &str) -> usize {
    show(db, no)["events"].as_array().map_or(0, Vec::len)
}

/// An order of 住建局 that waits for its callback, its unit having contacted the citizen.
fn awaiting(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("h.db");
    ok(&db, &["init"]);
    let no = ok(
        &db,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "供暖不热",
            "--received-at",
            "2017-11-01T08:00:00",
        ],
    )
    .trim()
    .to_string();
    ok(&db, &["dispatch", &no, "--unit", "住建局"]);
    ok(&db, &["accept", &no]);
    let out = ok(
        &db,
        &["contact", &no, "--note", "已电话联系诉求人，约定上门"],
    );
    assert!(
        out.contains("住建局") && out.contains("first contact 2017-11-06T10:00:00"),
        "{out}"
    );
    ok(
        &db,
        &["reply", &no, "--text", "已于11月6日更换阀门，供暖恢复。"],
    );
    ok(&db, &["review", &no, "--accept"]);
    (db, no)
}

#[test]
fn three_answers_are_recorded_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (db, no) = awaiting(dir.path());
    let out = ok(
        &db,
        &[
            "callback",
            &no,
            "--contacted",
            "yes",
            "--solved",
            "explained",
            "--satisfaction",
            "basic",
        ],
    );
    for part in [
        "contacted yes",
        "solved explained (解释说明)",
        "satisfaction basically-satisfied (基本满意)",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    let v = show(&db, &no);
    assert_eq!(v["callback"], "basically-satisfied");
    assert_eq!(v["first_contact_at"], "2017-11-06T10:00:00");
    let last = &v["last_callback"];
    assert_eq!(last["result"], "basically-satisfied");
    assert_eq!(last["contacted"], true);
    assert_eq!(last["solved"], "explained");
    assert!(last["at"].is_string(), "{last}");
    // The older keys stay.
    for key in ["order_no", "status", "callback", "urges", "events"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let text = ok(&db, &["order", "show", &no]);
    assert!(text.contains("先行联系"), "{text}");
    assert!(text.contains("solved explained (解释说明)"), "{text}");
    assert!(text.contains("已联系，解释说明，基本满意"), "{text}");

    // Chinese values, as the enums read them: a second callback replaces the first.
    ok(
        &db,
        &[
            "callback",
            &no,
            "--contacted",
            "否",
            "--solved",
            "未解决",
            "--satisfaction",
            "不满意",
        ],
    );
    let last = &show(&db, &no)["last_callback"];
    assert_eq!(
        (&last["result"], &last["contacted"], &last["solved"]),
        (
            &serde_json::json!("unsatisfied"),
            &serde_json::json!(false),
            &serde_json::json!("no")
        )
    );
}

#[test]
fn unreachable_and_the_older_result_keep_their_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let (db, no) = awaiting(dir.path());
    let out = ok(&db, &["callback", &no, "--unreachable"]);
    assert!(
        out.contains("unreachable (未接通): not a valid callback"),
        "{out}"
    );
    let v = show(&db, &no);
    assert_eq!(v["callback"], "unreachable");
    assert!(v["last_callback"].is_null(), "{v}");
    // --result: satisfaction only, no answers.
    let out = ok(&db, &["callback", &no, "--result", "satisfied"]);
    assert!(out.contains("satisfaction satisfied (满意)"), "{out}");
    assert!(!out.contains("contacted"), "{out}");
    let last = &show(&db, &no)["last_callback"];
    assert_eq!(last["result"], "satisfied");
    assert!(
        last["contacted"].is_null() && last["solved"].is_null(),
        "{last}"
    );
    ok(&db, &["callback", &no, "--result", "unreachable"]);
    assert_eq!(show(&db, &no)["callback"], "unreachable");
}

#[test]
fn a_callback_that_mixes_or_misses_answers_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (db, no) = awaiting(dir.path());
    let cb = |extra: &[&str]| {
        let mut a = vec!["callback", no.as_str()];
        a.extend_from_slice(extra);
        fails(&db, &no, &a)
    };
    let e = cb(&["--contacted", "yes"]);
    assert!(
        e.contains("go together") && e.contains("--solved, --satisfaction missing"),
        "{e}"
    );
    let e = cb(&["--unreachable", "--contacted", "yes", "--solved", "yes"]);
    assert!(
        e.contains("no answers") && e.contains("--contacted, --solved"),
        "{e}"
    );
    let e = cb(&["--result", "satisfied", "--satisfaction", "satisfied"]);
    assert!(
        e.contains("--result") && e.contains("--satisfaction"),
        "{e}"
    );
    let e = cb(&["--result", "happy"]);
    assert!(e.contains("'happy' is not a result"), "{e}");
    let e = cb(&[]);
    assert!(
        e.contains("no answer given") && e.contains("--unreachable"),
        "{e}"
    );
    let all =
        |c: &str, s: &str, sat: &str| cb(&["--contacted", c, "--solved", s, "--satisfaction", sat]);
    let e = all("maybe", "yes", "satisfied");
    assert!(
        e.contains("--contacted: 'maybe'") && e.contains("yes or no"),
        "{e}"
    );
    let e = all("yes", "partly", "satisfied");
    assert!(
        e.contains("--solved: 'partly'") && e.contains("explained"),
        "{e}"
    );
    let e = all("yes", "yes", "ok");
    assert!(
        e.contains("--satisfaction: 'ok'") && e.contains("basic"),
        "{e}"
    );
    let e = all("yes", "yes", "unreachable");
    assert!(e.contains("is --unreachable"), "{e}");
    // In Chinese with --lang zh.
    let e = fails(
        &db,
        &no,
        &["--lang", "zh", "callback", &no, "--satisfaction", "满意"],
    );
    assert!(
        e.contains("三个答案须一起给出") && e.contains("--contacted"),
        "{e}"
    );
    let e = fails(
        &db,
        &no,
        &[
            "--lang",
            "zh",
            "callback",
            &no,
            "--unreachable",
            "--solved",
            "no",
        ],
    );
    assert!(e.contains("没有答案"), "{e}");
}

#[test]
fn contact_is_refused_once_the_order_is_not_with_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    let (db, no) = awaiting(dir.path());
    // Awaiting its callback: the unit no longer holds a running order.
    let e = fails(&db, &no, &["contact", &no]);
    assert!(e.contains("cannot contact (先行联系)"), "{e}");
    ok(
        &db,
        &[
            "callback",
            &no,
            "--contacted",
            "yes",
            "--solved",
            "yes",
            "--satisfaction",
            "satisfied",
        ],
    );
    ok(&db, &["close", &no]);
    let e = fails(&db, &no, &["contact", &no, "--note", "再次联系"]);
    assert!(
        e.contains("cannot contact (先行联系)") && e.contains("closed"),
        "{e}"
    );
    let e = fails(&db, &no, &["--lang", "zh", "contact", &no]);
    assert!(e.contains("不能先行联系工单"), "{e}");
}
