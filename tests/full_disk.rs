//! A full disk (issue 16, item 6): on a real, small file system (a 4 MiB tmpfs, mounted by the
//! test: it needs root, as the tests run in CI) filled up by a file, reading still works —
//! `order list`, `check`, `backup` elsewhere, the TUI — and a write fails with one clear line
//! in the UI's language, recording nothing.

mod common;

use common::cli;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "2018-01-02T10:00:00";

/// A tmpfs mounted on a folder, unmounted when dropped.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// A 4 MiB tmpfs at `dir`; `None` (skipped loudly, a failure under CI) where mounting is refused.
fn small_fs(test: &str, dir: &Path) -> Option<Mount> {
    std::fs::create_dir_all(dir).unwrap();
    let why = match Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(dir)
        .output()
    {
        Ok(o) if o.status.success() => return Some(Mount(dir.to_path_buf())),
        Ok(o) => format!(
            "cannot mount a tmpfs (the test needs root): {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(e) => format!("cannot run mount: {e}"),
    };
    assert!(!common::tools::can_run(test, Some(&why)));
    None
}

/// Fill the file system holding `dir` with one file, to the last byte.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("fill");
    let mut f = std::fs::File::create(&path).unwrap();
    for size in [1 << 16, 1] {
        let buf = vec![0u8; size];
        while f.write(&buf).is_ok_and(|n| n > 0) {}
    }
    let _ = f.sync_all();
    path
}

fn side_file(db: &Path, suffix: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = cli::cmd(db, NOW, args).output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail: {out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}

const FULL_EN: &str = "the disk holding the database is full: nothing was recorded";
const FULL_ZH: &str = "数据库所在磁盘已满：未记录任何内容";

#[test]
fn a_full_disk_still_reads_and_refuses_writes_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(_mount) = small_fs("full_disk", &tmp.path().join("fs")) else {
        return;
    };
    let db = tmp.path().join("fs").join("hotline.db");
    cli::ok(&db, NOW, &["init"]);
    let mut nos = Vec::new();
    for t in ["路灯不亮", "井盖缺失"] {
        let no = cli::ok(
            &db,
            NOW,
            &["order", "add", "--category", "request", "--title", t],
        );
        nos.push(no.trim().to_string());
    }
    // As between two commands: no -shm yet, which SQLite must create (and size) to read.
    assert!(!side_file(&db, "-shm").exists());
    let filler = fill(db.parent().unwrap());

    let list = cli::ok(&db, NOW, &["order", "list"]);
    for no in &nos {
        assert!(list.contains(no.as_str()), "{list}");
    }
    let check = cli::ok(&db, NOW, &["check"]);
    assert!(check.contains("integrity: ok; 2 orders"), "{check}");
    let copy = tmp.path().join("elsewhere").join("copy.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    cli::ok(&db, NOW, &["backup", copy.to_str().unwrap()]);
    let copied = cli::ok(&copy, NOW, &["order", "list"]);
    assert!(copied.contains(nos[1].as_str()), "{copied}");

    // The TUI shows the orders, and says it may only look.
    let keys = tmp.path().join("keys.txt");
    std::fs::write(&keys, "").unwrap();
    let screen = cli::ok(
        &db,
        NOW,
        &[
            "tui",
            "--keys",
            keys.to_str().unwrap(),
            "--dump",
            "--size",
            "100x24",
        ],
    );
    assert!(screen.contains(nos[0].as_str()), "{screen}");
    assert!(screen.contains("数据库所在磁盘已满：只能查看"), "{screen}");

    // A write: one line, in the UI's language.
    let add = ["order", "add", "--category", "request", "--title", "新的"];
    let err = fails(&db, &add);
    assert!(err.contains(FULL_EN), "{err}");
    let zh: Vec<&str> = ["--lang", "zh"].into_iter().chain(add).collect();
    let err = fails(&db, &zh);
    assert!(err.starts_with("错误: "), "{err}");
    assert!(err.contains(FULL_ZH), "{err}");

    // With the -shm already there (another program has the database open), SQLite itself
    // meets the full disk at the write: the same line.
    std::fs::remove_file(&filler).unwrap();
    let other = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = other
        .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    assert!(side_file(&db, "-shm").exists());
    let filler = fill(db.parent().unwrap());
    let err = fails(&db, &add);
    assert!(err.contains(FULL_EN), "{err}");
    let err = fails(&db, &zh);
    assert!(err.contains(FULL_ZH), "{err}");

    // Nothing lost, nothing half written.
    drop(other);
    std::fs::remove_file(&filler).unwrap();
    let check = cli::ok(&db, NOW, &["check"]);
    assert!(check.contains("integrity: ok; 2 orders"), "{check}");
    assert!(check.contains("replay = stored state: yes"), "{check}");
    let no = cli::ok(&db, NOW, &add);
    assert!(!no.trim().is_empty());
}
