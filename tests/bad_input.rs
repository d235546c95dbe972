//! A table of bad input for every command: bad arguments, bad dates, unknown orders or units,
//! and missing, corrupt or newer-version databases. Each case must give one `error:` line on
//! stderr, a non-zero exit, no panic, and leave the database exactly as it was.

use std::path::Path;
use std::process::Command;

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("HOTLINE_NOW", "2017-11-02T10:00:00")
        .env_remove("HOTLINE_DB")
        .output()
        .unwrap()
}

/// A fingerprint of everything stored: every table's rows, as text.
fn fingerprint(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut out = String::new();
    for table in [
        "units",
        "orders",
        "events",
        "settings",
        "operators",
        "unit_tally",
        "total_tally",
    ] {
        let mut stmt = c.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                out.push_str(&format!("{v:?}|"));
            }
            out.push('\n');
        }
    }
    out
}

fn assert_one_clear_error(db: &Path, args: &[&str], expect: &str) {
    let out = run(db, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{args:?}: not one line: {err}"
    );
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    assert!(
        err.contains(expect),
        "{args:?}: expected «{expect}» in: {err}"
    );
}

#[test]
fn every_command_refuses_bad_input_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    assert!(run(&db, &["init"]).status.success());
    let add = run(
        &db,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "供暖不热",
        ],
    );
    let no = String::from_utf8(add.stdout).unwrap().trim().to_string();
    assert!(
        run(&db, &["dispatch", &no, "--unit", "住建局"])
            .status
            .success()
    );
    let before = fingerprint(&db);
    let n = no.as_str();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["order", "add", "--category", "rumour", "--title", "x"],
            "invalid value 'rumour'",
        ),
        (vec!["order", "add", "--category", "request"], "--title"),
        (
            vec![
                "order",
                "add",
                "--category",
                "request",
                "--title",
                "x",
                "--received-at",
                "2017-02-30",
            ],
            "--received-at",
        ),
        (
            vec![
                "order",
                "add",
                "--category",
                "request",
                "--title",
                "x",
                "--received-at",
                "2017-12-01",
            ],
            "later than now",
        ),
        (
            vec!["order", "add", "--category", "request", "--title", "   "],
            "a title is required",
        ),
        (
            vec![
                "order",
                "add",
                "--category",
                "request",
                "--title",
                "x",
                "--order-no",
                n,
            ],
            "already exists",
        ),
        (vec!["order", "show", "NOPE"], "no order 'NOPE'"),
        (
            vec!["order", "show", n, "--format", "yaml"],
            "invalid value 'yaml'",
        ),
        (
            vec!["order", "list", "--unit", "火星局"],
            "unknown unit '火星局'",
        ),
        (
            vec!["order", "list", "--status", "lost"],
            "unknown status 'lost'",
        ),
        (vec!["dispatch", n, "--unit", "住建局"], "cannot dispatch"),
        (
            vec!["dispatch", "NOPE", "--unit", "住建局"],
            "no order 'NOPE'",
        ),
        (
            vec![
                "dispatch",
                n,
                "--unit",
                "住建局",
                "--days",
                "2",
                "--deadline",
                "2017-12-01",
            ],
            "cannot be used with",
        ),
        (vec!["accept", "NOPE"], "no order"),
        (vec!["return", n], "--reason"),
        (vec!["return", n, "--reason", "  "], "a reason is required"),
        (
            vec!["extend", n, "--until", "2017-11-40", "--reason", "x"],
            "--until: '2017-11-40' is not a date",
        ),
        (
            vec!["extend", n, "--until", "2017-11-03", "--reason", "x"],
            "not later than the deadline",
        ),
        (
            vec!["extend", n, "--approve"],
            "cannot extend --approve|--refuse",
        ),
        (vec!["extend", n], "give --until DATE --reason R"),
        (vec!["reply", n, "--text", "已处理"], "cannot reply"),
        (vec!["review", n, "--accept"], "cannot review"),
        (vec!["review", n, "--reject"], "--reason"),
        (vec!["urge", n, "--bogus"], "unexpected argument '--bogus'"),
        (vec!["supervise"], "required"),
        (
            vec!["supervise", "--unit", "火星局"],
            "unknown unit '火星局'",
        ),
        (
            vec!["supervise", n, "--on-site", "--place", "村委会"],
            "required",
        ),
        (
            vec![
                "supervise",
                n,
                "--on-site",
                "--place",
                "村委会",
                "--measures",
                "x",
                "--due",
                "2017-10-01",
            ],
            "in the past",
        ),
        (
            vec!["callback", n, "--result", "happy"],
            "'happy' is not a result",
        ),
        (
            vec!["callback", n, "--result", "satisfied"],
            "cannot callback",
        ),
        (vec!["redo", n, "--reason", "x"], "cannot redo"),
        (vec!["close", n], "cannot close"),
        (
            vec!["report", "--from", "2017-11-31"],
            "--from: '2017-11-31' is not a date",
        ),
        (vec!["report", "--as-of", "noon"], "--as-of"),
        (vec!["report", "--format", "pdf"], "invalid value 'pdf'"),
        (vec!["report", "--format", "xlsx"], "needs --out"),
        (
            vec!["unit", "add", "--name", "x", "--kind", "village"],
            "invalid value 'village'",
        ),
        (
            vec!["operator", "add", "x", "--role", "unit"],
            "--unit NAME",
        ),
        (vec!["operator", "remove", "nobody-here"], "no operator"),
        (
            vec!["backup", db.to_str().unwrap()],
            "writing there would destroy the database",
        ),
        (vec!["batch", "/nonexistent/file.txt"], "cannot read"),
        (vec!["init"], "already exists"),
        (vec!["demo"], "already exists"),
        (vec!["--now", "yesterday", "urge", n], "--now"),
        (vec!["frobnicate"], "unrecognized subcommand"),
    ];
    for (args, expect) in &cases {
        assert_one_clear_error(&db, args, expect);
        assert_eq!(fingerprint(&db), before, "{args:?} changed the database");
    }
}

#[test]
fn missing_corrupt_and_newer_databases_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let corrupt = dir.path().join("corrupt.db");
    std::fs::write(
        &corrupt,
        b"SQLite format 3\0 but then garbage follows, not a real page at all".repeat(100),
    )
    .unwrap();
    let newer = dir.path().join("newer.db");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 42;")
        .unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["order", "list"],
        vec!["order", "show", "1"],
        vec!["urge", "1"],
        vec!["report"],
        vec!["check"],
        vec!["unit", "list"],
        vec!["export", "--out", "/tmp/never-written.csv"],
        vec!["bulletin", "--out", "/tmp/never-written.md"],
    ];
    for (db, expect) in [
        (&missing, "no database at"),
        (&corrupt, "not a hotline database"),
        (&newer, "newer hotline"),
    ] {
        let before = std::fs::read(db).ok();
        for args in &commands {
            assert_one_clear_error(db, args, expect);
            assert_eq!(
                std::fs::read(db).ok(),
                before,
                "{args:?} changed {}",
                db.display()
            );
        }
    }
    assert!(!missing.exists());
}
