//! Operators and roles through the real binary, run as real OS accounts: the account of the
//! process's uid decides the role (USER does not); every
//! refusal says why and changes nothing.

mod common;

use common::accounts::Accounts;
use std::path::Path;
use std::process::Output;
use std::sync::OnceLock;

/// The folder and binary every account may use (one per test binary).
fn accounts() -> Option<&'static Accounts> {
    static A: OnceLock<Option<Accounts>> = OnceLock::new();
    A.get_or_init(|| Accounts::new("roles (real OS accounts)"))
        .as_ref()
}

/// The binary run as OS account `user` (the role comes from the account, never from USER).
fn run(db: &Path, user: &str, args: &[&str]) -> Output {
    let a = accounts().expect("checked by the test");
    a.run(user, db, args)
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
    let Some(a) = accounts() else { return };
    let db = a.path(&format!("{}.db", line!()));
    // The first init makes its user admin.
    assert!(ok(&db, "hl-boss", &["init"]).contains("hl-boss is its admin"));
    let no = ok(
        &db,
        "hl-boss",
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
    ok(&db, "hl-boss", &["dispatch", &no, "--unit", "住建局"]);
    let other = ok(
        &db,
        "hl-boss",
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
    ok(&db, "hl-boss", &["dispatch", &other, "--unit", "贾塘乡"]);

    // Unknown users get nothing, not even reading.
    denied(
        &db,
        "hl-stranger",
        &["order", "list"],
        "not an operator of this database",
    );
    denied(
        &db,
        "hl-stranger",
        &["report"],
        "hotline operator add hl-stranger",
    );

    ok(
        &db,
        "hl-boss",
        &["operator", "add", "hl-clerk", "--role", "operator"],
    );
    ok(
        &db,
        "hl-boss",
        &["operator", "add", "hl-leader", "--role", "viewer"],
    );
    ok(
        &db,
        "hl-boss",
        &[
            "operator",
            "add",
            "hl-zjj",
            "--role",
            "unit",
            "--unit",
            "住建局",
        ],
    );
    let list = ok(&db, "hl-boss", &["operator", "list"]);
    assert!(
        list.contains("hl-zjj\tunit (住建局)") && list.contains("hl-leader\tviewer"),
        "{list}"
    );

    // Viewer: reads, never writes.
    assert!(ok(&db, "hl-leader", &["order", "list"]).contains("2 orders"));
    ok(&db, "hl-leader", &["report"]);
    denied(
        &db,
        "hl-leader",
        &["urge", &no],
        "viewer account is read-only",
    );
    denied(
        &db,
        "hl-leader",
        &["order", "add", "--category", "request", "--title", "x"],
        "office's work",
    );
    denied(
        &db,
        "hl-leader",
        &["operator", "add", "x", "--role", "admin"],
        "ask an admin",
    );

    // Operator: every action, but not operators or units.
    ok(&db, "hl-clerk", &["urge", &no, "--note", "请尽快"]);
    denied(
        &db,
        "hl-clerk",
        &["unit", "add", "--name", "新单位", "--kind", "department"],
        "may not add units",
    );
    denied(
        &db,
        "hl-clerk",
        &["operator", "remove", "hl-boss"],
        "ask an admin",
    );

    // A unit account: its own orders only, and only the unit's actions.
    let mine = ok(&db, "hl-zjj", &["order", "list"]);
    assert!(
        mine.contains(&no) && !mine.contains(&other) && mine.contains("1 orders"),
        "{mine}"
    );
    denied(
        &db,
        "hl-zjj",
        &["order", "show", &other],
        "may not see order",
    );
    denied(
        &db,
        "hl-zjj",
        &["order", "list", "--unit", "贾塘乡"],
        "may see only 住建局's orders",
    );
    ok(&db, "hl-zjj", &["accept", &no]);
    ok(
        &db,
        "hl-zjj",
        &["contact", &no, "--note", "已电话联系诉求人"],
    );
    ok(
        &db,
        "hl-zjj",
        &["reply", &no, "--text", "已于11月2日安排维修人员更换阀门。"],
    );
    denied(
        &db,
        "hl-zjj",
        &["urge", &no],
        "may accept, return, record its first contact, ask for an extension and reply, not urge",
    );
    denied(
        &db,
        "hl-zjj",
        &["accept", &other],
        "only on 住建局's orders",
    );
    denied(&db, "hl-zjj", &["review", &no, "--accept"], "not review");
    // 先行联系 on another unit's order: the policy's refusal (the order is 贾塘乡's).
    denied(
        &db,
        "hl-zjj",
        &["contact", &other, "--note", "已联系"],
        "only on 住建局's orders",
    );

    // Nothing the refusals touched changed: the order has intake, dispatch, urge, accept,
    // contact, reply.
    let v: serde_json::Value = serde_json::from_str(&ok(
        &db,
        "hl-boss",
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
        [
            "received",
            "dispatched",
            "urged",
            "accepted",
            "contacted",
            "replied"
        ]
    );
    // Events record the acting operator.
    assert_eq!(v["events"][3]["operator"], "hl-zjj");
    assert_eq!(v["events"][4]["operator"], "hl-zjj");

    // The last admin cannot be removed.
    denied(
        &db,
        "hl-boss",
        &["operator", "remove", "hl-boss"],
        "last admin",
    );
}

#[test]
fn contact_is_masked_unless_revealed_and_revealing_is_recorded() {
    let Some(a) = accounts() else { return };
    let db = a.path(&format!("{}.db", line!()));
    ok(&db, "hl-boss", &["init"]);
    let no = ok(
        &db,
        "hl-boss",
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
    let masked = ok(&db, "hl-boss", &["order", "show", &no]);
    assert!(
        masked.contains("马** 138****5678") && !masked.contains("13812345678"),
        "{masked}"
    );
    let list = ok(&db, "hl-boss", &["order", "list", "--format", "json"]);
    assert!(!list.contains("13812345678") && !list.contains("马建国"));
    let shown = ok(&db, "hl-boss", &["order", "show", &no, "--reveal"]);
    assert!(shown.contains("马建国 13812345678"), "{shown}");
    assert!(shown.contains("查看联系方式"), "{shown}");
    assert!(ok(&db, "hl-boss", &["check"]).contains("replay = stored state: yes"));
}

/// Issue 16, defect 1: no flag or environment variable lets an account record an event under
/// another account or at another time; an admin's `--now` is a back-entry that keeps both times.
#[test]
fn nobody_can_back_date_or_impersonate() {
    let Some(a) = accounts() else { return };
    let db = a.path("forge.db");
    ok(&db, "hl-boss", &["init"]);
    ok(
        &db,
        "hl-boss",
        &[
            "operator",
            "add",
            "hl-zjj",
            "--role",
            "unit",
            "--unit",
            "住建局",
        ],
    );
    ok(
        &db,
        "hl-boss",
        &["operator", "add", "hl-clerk", "--role", "operator"],
    );
    let no = ok(
        &db,
        "hl-boss",
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
    ok(&db, "hl-boss", &["dispatch", &no, "--unit", "住建局"]);
    let events = |db: &Path| -> serde_json::Value {
        let v: serde_json::Value = serde_json::from_str(&ok(
            db,
            "hl-boss",
            &["order", "show", &no, "--format", "json"],
        ))
        .unwrap();
        v["events"].clone()
    };
    let before = events(&db);

    // A unit account may not choose the time: by flag, by environment, for any action.
    denied(
        &db,
        "hl-zjj",
        &["--now", "2017-01-01T09:00:00", "accept", &no],
        "may not record at a time of their choosing",
    );
    let out = a
        .cmd("hl-zjj", &db, &["accept", &no])
        .env("HOTLINE_NOW", "2017-01-01T09:00:00")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "HOTLINE_NOW must be refused to a unit account"
    );
    // Nor may an operator (the office): back-entries are an admin's.
    denied(
        &db,
        "hl-clerk",
        &["--now", "2099-12-31T00:00:00", "urge", &no],
        "back-entries (补录) are an admin's",
    );
    // Reading as of another time stays open.
    ok(
        &db,
        "hl-clerk",
        &["--now", "2017-12-31T00:00:00", "order", "list"],
    );
    assert_eq!(
        events(&db),
        before,
        "a refused back-dating recorded something"
    );

    // USER does not make an account someone else: hl-zjj claiming to be hl-boss is still a
    // unit account (no operator administration) and is recorded as hl-zjj.
    let out = a
        .cmd(
            "hl-zjj",
            &db,
            &["operator", "add", "hl-zjj", "--role", "admin"],
        )
        .env("USER", "hl-boss")
        .env("LOGNAME", "hl-boss")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "USER=hl-boss made a unit account an admin"
    );
    let out = a
        .cmd("hl-zjj", &db, &["--operator", "hl-boss", "accept", &no])
        .env("USER", "hl-boss")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = events(&db);
    let accepted = ev.as_array().unwrap().last().unwrap().clone();
    assert_eq!(accepted["kind"], "accepted");
    // --operator is the name shown; the account is the one that acted.
    assert_eq!(accepted["operator"], "hl-boss");
    assert_eq!(accepted["account"], "hl-zjj");
    assert_eq!(accepted["back_entry"], false);
    let text = ok(&db, "hl-boss", &["order", "show", &no]);
    assert!(text.contains("recorded by account hl-zjj"), "{text}");

    // An admin's --now is accepted and recorded as a back-entry with both times and who.
    // (Later than the last event: an order's history never goes back in time.)
    let claimed = (chrono::Local::now().naive_local() + chrono::Duration::days(2))
        .format("%Y-%m-%dT09:00:00")
        .to_string();
    ok(
        &db,
        "hl-boss",
        &["--now", &claimed, "urge", &no, "--note", "补录的催办"],
    );
    let ev = events(&db);
    let urged = ev.as_array().unwrap().last().unwrap().clone();
    assert_eq!(urged["kind"], "urged");
    assert_eq!(urged["at"], claimed.as_str());
    assert_eq!(urged["account"], "hl-boss");
    assert_eq!(urged["back_entry"], true);
    let recorded = urged["recorded_at"].as_str().unwrap_or("");
    let wall = chrono::Local::now()
        .naive_local()
        .format("%Y-%m-%d")
        .to_string();
    assert!(
        recorded.starts_with(&wall),
        "recorded_at {recorded} is not today's wall clock"
    );
    let text = ok(&db, "hl-boss", &["order", "show", &no]);
    assert!(
        text.contains("补录 back-entry: recorded by account hl-boss at"),
        "{text}"
    );
}

/// Issue 16, item 9: a database in a folder the account may not enter is not "no database".
#[test]
fn an_untraversable_folder_is_not_a_missing_database() {
    let Some(a) = accounts() else { return };
    let dir = a.path("locked-away");
    std::fs::create_dir(&dir).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let db = dir.join("h.db");
    ok(&db, "hl-boss", &["init"]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    // hl-boss made it; the folder is root's (created by the test), mode 0700: hl-clerk cannot
    // enter it (nor can hl-boss now).
    let out = run(&db, "hl-clerk", &["order", "list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("permission denied") && !err.contains("no database"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // A file the account may not read, in a folder it may enter: said so, not SQLite's
    // "unable to open database file".
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = run(&db, "hl-clerk", &["order", "list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("do not let this account (hl-clerk) read it")
            && !err.contains("unable to open"),
        "{err}"
    );
}

/// 剔除 is an admin's: an operator is refused with the role's reason, nothing recorded.
#[test]
fn only_an_admin_exempts_an_order() {
    let Some(a) = accounts() else { return };
    let db = a.path(&format!("{}.db", line!()));
    ok(&db, "hl-boss", &["init"]);
    let no = ok(
        &db,
        "hl-boss",
        &["order", "add", "--category", "request", "--title", "噪音"],
    )
    .trim()
    .to_string();
    ok(
        &db,
        "hl-boss",
        &["operator", "add", "hl-clerk", "--role", "operator"],
    );
    for args in [
        &["exempt", &no, "--kind", "petition", "--reason", "信访"][..],
        &["unexempt", &no][..],
    ] {
        denied(&db, "hl-clerk", args, "only an admin may exempt");
    }
    assert!(!ok(&db, "hl-boss", &["order", "show", &no]).contains("剔除"));
    ok(
        &db,
        "hl-boss",
        &["exempt", &no, "--kind", "petition", "--reason", "转信访"],
    );
    assert!(ok(&db, "hl-clerk", &["order", "show", &no]).contains("信访 (petition)"));
}
