//! The files around the database: an output file that is the database (or its -wal/-shm),
//! `demo --force` over a database that is not the demo's or that others have open, and
//! backups that are complete and checked or not there at all (issue 16, items 2–4).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2017-11-03T10:00:00";

fn cmd(db: &Path, args: &[&str]) -> Command {
    common::cli::cmd(db, NOW, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::cli::ok(db, NOW, args)
}

fn run(db: &Path, args: &[&str]) -> Output {
    cmd(db, args).output().unwrap()
}

/// A command that must fail, without a panic: its standard error.
fn fails(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "{args:?} should fail: {err}");
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    err
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, &["init"]);
    ok(
        &db,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "路灯不亮",
        ],
    );
    (dir, db)
}

fn sound(db: &Path) -> bool {
    let out = run(db, &["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    out.status.success() && text.contains("integrity: ok; 1 orders")
}

#[test]
fn an_output_file_that_is_the_database_is_refused() {
    let (dir, db) = setup();
    let db_s = db.to_str().unwrap();
    let wal = format!("{db_s}-wal");
    let shm = format!("{db_s}-shm");
    // The same file by another name: a symlink and a hard link.
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let hard = dir.path().join("hard.md");
    std::fs::hard_link(&db, &hard).unwrap();
    let dotted = format!("{}/./h.db", dir.path().display());
    let link_s = link.to_str().unwrap();
    let hard_s = hard.to_str().unwrap();
    let attempts: Vec<Vec<&str>> = vec![
        vec!["report", "--format", "md", "--out", db_s],
        vec!["report", "--format", "csv", "--out", &dotted],
        vec!["report", "--format", "json", "--out", hard_s],
        vec!["report", "--format", "xlsx", "--out", db_s],
        vec!["export", "--format", "csv", "--out", db_s],
        vec!["export", "--format", "xlsx", "--out", link_s],
        vec!["export", "--format", "csv", "--out", &wal],
        vec!["bulletin", "--format", "md", "--out", db_s],
        vec!["bulletin", "--format", "docx", "--out", &shm],
        vec!["backup", &wal],
    ];
    for args in &attempts {
        let err = fails(&db, args);
        assert!(
            err.contains("writing there would destroy the database"),
            "{args:?}: {err}"
        );
        assert!(sound(&db), "{args:?} damaged the database");
    }
    for f in [&wal, &shm] {
        assert!(!Path::new(f).exists(), "{f} was written");
    }
    // In Chinese with --lang zh.
    let out = cmd(
        &db,
        &["--lang", "zh", "export", "--format", "csv", "--out", db_s],
    )
    .output()
    .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("写入会毁掉数据库"), "{err}");
    // A file beside it is fine.
    ok(
        &db,
        &["report", "--format", "md", "--out", &format!("{db_s}.md")],
    );
}
