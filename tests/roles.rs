//! Operators and roles through the real binary: the OS user (USER) decides the role; every
//! refusal says why and changes nothing.

use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(["--now", "2017-11-02T10:00:00"])
        .args(args)
        .env("USER", user)
        .env_remove("HOTLINE_DB")
        .env_remove("HOTLINE_NOW")
        .output()
        .unwrap()
}

fn ok(db: &Path, user: &str, args: &[&str]) -> String {
    let out = run(db, user, args);
    assert!(
        out.status.success(),
        "{user} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn denied(db: &Path, user: &str, args: &[&str], why: &str) {
    let out = run(db, user, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{user} {args:?} should be refused");
    assert!(err.contains(why), "{user} {args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn each_role_can_do_what_it_should_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    // The first init makes its user admin.
    assert!(ok(&db, "boss", &["init"]).contains("boss is its admin"));
    let no = ok(
        &db,
        "boss",
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "供暖不热",
            "--phone",
            "13812345678",
            "--citizen",
            "马建国",
        ],
    )
    .trim()
    .to_string();
    ok(&db, "boss", &["dispatch", &no, "--unit", "住建局"]);
    let other = ok(
        &db,
        "boss",
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "村道损坏",
        ],
    )
    .trim()
    .to_string();
    ok(&db, "boss", &["dispatch", &other, "--unit", "贾塘乡"]);

    // Unknown users get nothing, not even reading.
    denied(
        &db,
        "stranger",
        &["order", "list"],
        "not an operator of this database",
    );
    denied(
        &db,
        "stranger",
        &["report"],
        "hotline operator add stranger",
    );

    ok(
        &db,
        "boss",
        &["operator", "add", "clerk", "--role", "operator"],
    );
    ok(
        &db,
        "boss",
        &["operator", "add", "leader", "--role", "viewer"],
    );
    ok(
        &db,
        "boss",
        &[
            "operator",
            "add",
            "zjj",
            "--role",
            "unit",
            "--unit",
            "住建局",
        ],
    );
    let list = ok(&db, "boss", &["operator", "list"]);
    assert!(
        list.contains("zjj\tunit (住建局)") && list.contains("leader\tviewer"),
        "{list}"
    );

    // Viewer: reads, never writes.
    assert!(ok(&db, "leader", &["order", "list"]).contains("2 orders"));
    ok(&db, "leader", &["report"]);
    denied(&db, "leader", &["urge", &no], "viewer account is read-only");
    denied(
        &db,
        "leader",
        &["order", "add", "--category", "request", "--title", "x"],
        "office's work",
    );
    denied(
        &db,
        "leader",
        &["operator", "add", "x", "--role", "admin"],
        "ask an admin",
    );

    // Operator: every action, but not operators or units.
    ok(&db, "clerk", &["urge", &no, "--note", "请尽快"]);
    denied(
        &db,
        "clerk",
        &["unit", "add", "--name", "新单位", "--kind", "department"],
        "may not add units",
    );
    denied(
        &db,
        "clerk",
        &["operator", "remove", "boss"],
        "ask an admin",
    );

    // A unit account: its own orders only, and only the unit's actions.
    let mine = ok(&db, "zjj", &["order", "list"]);
    assert!(
        mine.contains(&no) && !mine.contains(&other) && mine.contains("1 orders"),
        "{mine}"
    );
    denied(&db, "zjj", &["order", "show", &other], "may not see order");
    denied(
        &db,
        "zjj",
        &["order", "list", "--unit", "贾塘乡"],
        "may see only 住建局's orders",
    );
    ok(&db, "zjj", &["accept", &no]);
    ok(
        &db,
        "zjj",
        &["reply", &no, "--text", "已于11月2日安排维修人员更换阀门。"],
    );
    denied(
        &db,
        "zjj",
        &["urge", &no],
        "may accept, return, ask for an extension and reply, not urge",
    );
    denied(&db, "zjj", &["accept", &other], "only on 住建局's orders");
    denied(&db, "zjj", &["review", &no, "--accept"], "not review");

    // Nothing the refusals touched changed: the order has intake, dispatch, urge, accept, reply.
    let v: serde_json::Value = serde_json::from_str(&ok(
        &db,
        "boss",
        &["order", "show", &no, "--format", "json"],
    ))
    .unwrap();
    let kinds: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["received", "dispatched", "urged", "accepted", "replied"]
    );
    // Events record the acting operator.
    assert_eq!(v["events"][3]["operator"], "zjj");

    // The last admin cannot be removed.
    denied(&db, "boss", &["operator", "remove", "boss"], "last admin");
}

#[test]
fn contact_is_masked_unless_revealed_and_revealing_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, "boss", &["init"]);
    let no = ok(
        &db,
        "boss",
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "噪音",
            "--phone",
            "13812345678",
            "--citizen",
            "马建国",
        ],
    )
    .trim()
    .to_string();
    let masked = ok(&db, "boss", &["order", "show", &no]);
    assert!(
        masked.contains("马** 138****5678") && !masked.contains("13812345678"),
        "{masked}"
    );
    let list = ok(&db, "boss", &["order", "list", "--format", "json"]);
    assert!(!list.contains("13812345678") && !list.contains("马建国"));
    let shown = ok(&db, "boss", &["order", "show", &no, "--reveal"]);
    assert!(shown.contains("马建国 13812345678"), "{shown}");
    assert!(shown.contains("查看联系方式"), "{shown}");
    assert!(ok(&db, "boss", &["check"]).contains("replay = stored state: yes"));
}
