//! The real binary: a scenario of hand-written actions gives exactly the figures the
//! definitions predict; bad input gives one clear error line, a non-zero exit, and changes
//! nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn hotline(db: &Path, now: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hotline"));
    cmd.arg("--db").arg(db).args(["--operator", "测试员"]);
    if !args.contains(&"--now") {
        cmd.args(["--now", now]);
    }
    cmd.args(args)
        .env_remove("HOTLINE_DB")
        .env_remove("HOTLINE_NOW")
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

/// Runs a command that must fail; returns its single stderr line.
fn fails(db: &Path, now: &str, args: &[&str]) -> String {
    let out = hotline(db, now, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    err
}

fn new_db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    ok(&path, "2017-11-01T08:00:00", &["init"]);
    Db { _dir: dir, path }
}

fn add(db: &Path, now: &str, title: &str) -> String {
    ok(
        db,
        now,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            title,
            "--phone",
            "13912345678",
        ],
    )
    .trim()
    .to_string()
}

#[test]
fn a_scenario_gives_the_predicted_figures() {
    let db = new_db();
    let p = db.path.as_path();
    // A: dispatched to 住建局 on Thu 11-02 with 10 working days → deadline 11-16; never answered.
    let a = add(p, "2017-11-02T09:00:00", "供暖不热");
    let out = ok(
        p,
        "2017-11-02T09:30:00",
        &["dispatch", &a, "--unit", "住建局"],
    );
    assert!(out.contains("deadline 2017-11-16"), "{out}");
    ok(
        p,
        "2017-11-20T09:00:00",
        &["urge", &a, "--note", "请尽快办理"],
    );
    ok(
        p,
        "2017-11-21T09:00:00",
        &["supervise", &a, "--note", "超期督办"],
    );
    // B: dispatched to 住建局 with 3 days, handled and closed on time.
    let b = add(p, "2017-11-02T10:00:00", "工地噪音扰民");
    ok(
        p,
        "2017-11-02T10:30:00",
        &["dispatch", &b, "--unit", "住建局", "--days", "3"],
    );
    ok(p, "2017-11-03T09:00:00", &["accept", &b]);
    ok(
        p,
        "2017-11-03T10:00:00",
        &[
            "reply",
            &b,
            "--text",
            "已于11月3日责令施工单位停止夜间施工。",
        ],
    );
    ok(p, "2017-11-03T11:00:00", &["review", &b, "--accept"]);
    ok(
        p,
        "2017-11-06T09:00:00",
        &["callback", &b, "--result", "satisfied"],
    );
    ok(p, "2017-11-06T09:05:00", &["close", &b]);
    // C: to 贾塘乡, unsatisfied callback, redo, still open.
    let c = add(p, "2017-11-03T09:00:00", "村道损坏");
    ok(
        p,
        "2017-11-03T09:30:00",
        &[
            "dispatch",
            &c,
            "--unit",
            "贾塘乡",
            "--deadline",
            "2017-11-10",
        ],
    );
    ok(p, "2017-11-06T09:00:00", &["accept", &c]);
    ok(
        p,
        "2017-11-07T09:00:00",
        &["reply", &c, "--text", "已安排施工队11月8日修补路面。"],
    );
    ok(p, "2017-11-07T10:00:00", &["review", &c, "--accept"]);
    ok(
        p,
        "2017-11-09T09:00:00",
        &["callback", &c, "--result", "unsatisfied"],
    );
    ok(
        p,
        "2017-11-09T09:10:00",
        &["redo", &c, "--reason", "路面仍未修补"],
    );
    ok(
        p,
        "2017-11-10T09:00:00",
        &["supervise", "--unit", "贾塘乡", "--note", "约谈"],
    );
    // D: received, still with the office.
    add(p, "2017-11-30T09:00:00", "咨询低保政策");

    let json = ok(
        p,
        "2017-12-31T23:00:00",
        &[
            "report",
            "--from",
            "2017-11-01",
            "--to",
            "2017-11-30",
            "--as-of",
            "2017-12-31T23:59:59",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let t = &v["totals"];
    assert_eq!(t["received"], 4);
    assert_eq!(t["closed"], 1);
    assert_eq!(t["open"], 3);
    // A: deadline 11-16, open at 12-31 → 45 days late. C: redo deadline from 11-09 + 10 wd = 11-23, 38 days → also late.
    assert_eq!(t["overdue_30d"], 2);
    assert_eq!(t["redone"], 1);
    assert_eq!(t["unassigned"], 1);
    let unit = |name: &str| {
        v["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"] == name)
            .unwrap()
            .clone()
    };
    let zj = unit("住建局");
    assert_eq!(
        (
            zj["assigned"].as_u64(),
            zj["closed"].as_u64(),
            zj["overdue_30d"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(
        (zj["supervisions"].as_u64(), zj["urges"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(zj["closure_rate"], 0.5);
    assert_eq!(zj["satisfaction_rate"], 1.0);
    let jt = unit("贾塘乡");
    assert_eq!(
        (
            jt["assigned"].as_u64(),
            jt["overdue_30d"].as_u64(),
            jt["supervisions"].as_u64(),
            jt["redos"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1))
    );
    assert_eq!(jt["satisfaction_rate"], 0.0);

    // The order JSON shape.
    let show: serde_json::Value = serde_json::from_str(&ok(
        p,
        "2017-12-31T23:00:00",
        &["order", "show", &a, "--format", "json"],
    ))
    .unwrap();
    assert_eq!(show["status"], "dispatched");
    assert_eq!(show["unit"], "住建局");
    assert_eq!(show["deadline"], "2017-11-16");
    assert_eq!(show["phone"], "139****5678");
    assert_eq!(show["events"].as_array().unwrap().len(), 4);
    assert_eq!(show["events"][0]["operator"], "测试员");
    let list: serde_json::Value = serde_json::from_str(&ok(
        p,
        "2017-12-31T23:00:00",
        &["order", "list", "--overdue", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    // Markdown: the bulletin's columns and a computed 合计 row.
    let md = ok(
        p,
        "2017-12-31T23:00:00",
        &[
            "report",
            "--from",
            "2017-11-01",
            "--to",
            "2017-11-30",
            "--as-of",
            "2017-12-31T23:59:59",
        ],
    );
    assert!(
        md.contains("| 序号 | 单位 | 承办量 | 办结量 | 超期30天以上工单数 | 督办次数 |"),
        "{md}"
    );
    assert!(md.contains("|  | 合计 | 2 | 1 | 1 | 1 |"), "{md}");
    assert!(ok(p, "2017-12-31T23:00:00", &["check"]).contains("replay = stored state: yes"));
}

#[test]
fn bad_input_gives_one_clear_line_and_changes_nothing() {
    let db = new_db();
    let p = db.path.as_path();
    let a = add(p, "2017-11-02T09:00:00", "供暖不热");
    let before = ok(
        p,
        "2017-11-02T09:00:00",
        &["order", "show", &a, "--format", "json"],
    );
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["accept", &a], "cannot accept (签收)"),
        (
            vec!["dispatch", &a, "--unit", "住建局长"],
            "--unit: unknown unit '住建局长': did you mean 住建局?",
        ),
        (
            vec![
                "dispatch",
                &a,
                "--unit",
                "住建局",
                "--deadline",
                "2017-13-01",
            ],
            "--deadline: '2017-13-01' is not a date",
        ),
        (
            vec!["dispatch", &a, "--unit", "住建局", "--days", "0"],
            "--days: must be at least 1",
        ),
        // Bounded at the edge: not 44 s of counting working days, nor a year 10000 stored.
        (
            vec!["dispatch", &a, "--unit", "住建局", "--days", "4294967295"],
            "--days: 4294967295 is out of range: give 1 to 365",
        ),
        (
            vec![
                "dispatch",
                &a,
                "--unit",
                "住建局",
                "--deadline",
                "2500-01-01",
            ],
            "--deadline: 2500-01-01: the year 2500 is out of range (1900–2199)",
        ),
        (
            vec!["--now", "2500-01-01T00:00:00", "urge", &a],
            "--now: 2500-01-01T00:00:00: the year 2500 is out of range",
        ),
        (
            vec!["--now", "+10000-01-01T00:00:00", "urge", &a],
            "--now: ",
        ),
        (vec!["urge", "NOPE"], "no order 'NOPE'"),
        (
            vec!["report", "--from", "2017-12-01", "--to", "2017-11-01"],
            "is after --to",
        ),
        (
            vec!["order", "list", "--status", "lost"],
            "unknown status 'lost'",
        ),
        (
            vec!["--now", "tomorrow", "urge", &a],
            "--now: 'tomorrow' is not a date and time",
        ),
        (
            vec!["unit", "add", "--name", "住建局", "--kind", "department"],
            "already exists",
        ),
        // Lookalikes: a zero-width space, full-width letters are the same name.
        (
            vec![
                "unit",
                "add",
                "--name",
                "住\u{200b}建局",
                "--kind",
                "department",
            ],
            "the existing unit '住建局'",
        ),
        (
            vec![
                "unit",
                "add",
                "--name",
                "\u{feff}住建局\u{2060}",
                "--kind",
                "department",
            ],
            "the existing unit '住建局'",
        ),
    ];
    for (args, expect) in cases {
        let err = fails(p, "2017-11-02T10:00:00", &args);
        assert!(err.contains(expect), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    assert_eq!(
        ok(
            p,
            "2017-11-02T09:00:00",
            &["order", "show", &a, "--format", "json"]
        ),
        before
    );
}

#[test]
fn missing_corrupt_and_foreign_databases() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let err = fails(&missing, "2017-11-02T10:00:00", &["order", "list"]);
    assert!(
        err.contains("no database at") && err.contains("hotline init"),
        "{err}"
    );
    assert!(!missing.exists());
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![0x42u8; 8192]).unwrap();
    let err = fails(&junk, "2017-11-02T10:00:00", &["order", "list"]);
    assert!(err.contains("not a hotline database"), "{err}");
    assert_eq!(std::fs::read(&junk).unwrap(), vec![0x42u8; 8192]);
}

/// `--demo` works for every command that reads a database, not only the TUI: the demo
/// database is made on first use in the user's data directory and used from then on.
#[test]
fn demo_flag_opens_the_demo_database_for_any_command() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_hotline"))
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env_remove("HOTLINE_DB")
            .env_remove("HOTLINE_NOW")
            .output()
            .unwrap()
    };
    let out = run(&["--demo", "report", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("住建局"), "{csv}");
    assert!(home.path().join("data/hotline/demo.db").exists());
    let out = run(&["order", "list", "--demo", "--unit", "住建局", "--overdue"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("201710270002"));
}

/// Units can be named by pinyin, as in the TUI: initials or full spelling, when they name one
/// unit only; two units with the same initials get a clear error naming both.
#[test]
fn units_by_pinyin_initials_in_the_cli() {
    let db = new_db();
    let p = db.path.as_path();
    let now = "2017-11-02T09:30:00";
    let a = add(p, "2017-11-02T09:00:00", "供暖不热");
    let out = ok(p, now, &["dispatch", &a, "--unit", "zjj"]);
    assert!(out.contains(&format!("dispatched {a} to 住建局")), "{out}");
    let listed = ok(p, now, &["order", "list", "--unit", "ZhuJianJu"]);
    assert!(listed.contains(&a), "{listed}");
    ok(
        p,
        now,
        &["unit", "add", "--name", "中介局", "--kind", "department"],
    );
    let err = fails(p, now, &["order", "list", "--unit", "zjj"]);
    assert!(
        err.contains("'zjj' could be any of") && err.contains("住建局") && err.contains("中介局"),
        "{err}"
    );
    let err = fails(p, now, &["order", "list", "--unit", "xyz"]);
    assert!(err.contains("unknown unit 'xyz'"), "{err}");
    // An empty name is said to be empty, not "did you mean" every unit.
    let err = fails(p, now, &["order", "list", "--unit", " "]);
    assert!(err.contains("--unit: no unit given"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn a_unit_wide_supervision_obeys_the_workflow_in_both_languages() {
    let db = new_db();
    let p = db.path.as_path();
    let now = "2017-12-01T09:00:00";
    let past = [
        "supervise",
        "--unit",
        "住建局",
        "--on-site",
        "--place",
        "住建局会议室",
        "--measures",
        "限期整改",
        "--due",
        "2017-01-01",
    ];
    // The same rule as on an order: a due date in the past is refused, nothing is recorded.
    let err = fails(p, now, &past);
    assert!(
        err.contains("cannot supervise (督办) unit 住建局")
            && err.contains("due date 2017-01-01 is in the past"),
        "{err}"
    );
    let mut zh = past.to_vec();
    zh.extend(["--lang", "zh"]);
    let err = fails(p, now, &zh);
    assert!(
        err.starts_with("错误：") || err.starts_with("错误: "),
        "{err}"
    );
    assert!(
        err.contains("不能督办承办单位 住建局")
            && err.contains("现场督办的完成期限 2017-01-01 已过"),
        "{err}"
    );
    let report = ok(p, now, &["report", "--format", "csv"]);
    assert!(
        !report
            .lines()
            .any(|l| l.contains("住建局") && l.ends_with(",1")),
        "a refused supervision was counted: {report}"
    );
    // A due date ahead is recorded.
    let mut good = past.to_vec();
    good[past.len() - 1] = "2017-12-08";
    ok(p, now, &good);
}

/// Every action command says what it recorded, not only the state the order is left in.
#[test]
fn urge_says_it_urged() {
    let db = new_db();
    let p = db.path.as_path();
    let a = add(p, "2017-11-02T09:00:00", "供暖不热");
    ok(
        p,
        "2017-11-02T09:30:00",
        &["dispatch", &a, "--unit", "住建局"],
    );
    ok(p, "2017-11-03T09:00:00", &["accept", &a]);
    let first = ok(p, "2017-11-20T09:00:00", &["urge", &a]);
    assert_eq!(
        first.trim(),
        format!("urged {a} (住建局, 1st urge); status handling (办理中)"),
    );
    let second = ok(p, "2017-11-21T09:00:00", &["urge", &a, "--note", "请尽快"]);
    assert!(
        second.starts_with(&format!("urged {a} (住建局, 2nd urge)")),
        "{second}"
    );
    let sup = ok(
        p,
        "2017-11-21T10:00:00",
        &["supervise", &a, "--note", "超期"],
    );
    assert!(
        sup.starts_with(&format!("supervised {a} (住建局, 1st supervision)")),
        "{sup}"
    );
}

/// `--help` of every command describes every argument: clap's Command is walked and every
/// argument (but clap's own --help/--version) has a help text.
#[test]
fn every_argument_has_help_text() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&hotline::cli::Cli::command(), "hotline", &mut missing);
    assert!(missing.is_empty(), "arguments without help: {missing:#?}");
}
