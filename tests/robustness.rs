//! Many operators at once, kill -9 in the middle of a burst, online backup, and databases that
//! are newer, read-only or foreign: nothing lost, nothing half-written, one clear error.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const NOW: &str = "2017-11-03T10:00:00";

fn cmd(db: &Path, args: &[&str]) -> Command {
    common::cli::cmd(db, NOW, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::cli::ok(db, NOW, args)
}

fn new_order(db: &Path, unit: &str, accept: bool) -> String {
    let no = ok(
        db,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "测试工单",
        ],
    )
    .trim()
    .to_string();
    ok(db, &["dispatch", &no, "--unit", unit]);
    if accept {
        ok(db, &["accept", &no]);
    }
    no
}

fn write_batch(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let p = dir.join(name);
    let mut f = std::fs::File::create(&p).unwrap();
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
    p
}

fn events_of(db: &Path, no: &str) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&ok(db, &["order", "show", no, "--format", "json"])).unwrap();
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect()
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, &["init"]);
    (dir, db)
}

#[test]
fn eight_processes_lose_no_update() {
    let (dir, db) = setup();
    let shared: Vec<String> = (0..10).map(|_| new_order(&db, "住建局", false)).collect();
    let own: Vec<String> = (0..8).map(|_| new_order(&db, "贾塘乡", true)).collect();
    const ROUNDS: usize = 200;
    let children: Vec<Child> = (0..8)
        .map(|p| {
            let mut lines = Vec::new();
            for i in 0..ROUNDS {
                let s = &shared[(p + i) % shared.len()];
                lines.push(format!("urge {s} --note \"第{i}次催办\""));
                lines.push(format!("supervise {s} --note 督办"));
                lines.push(format!(
                    "reply {} --text \"已安排人员于11月3日处理\"",
                    own[p]
                ));
                lines.push(format!("review {} --reject --reason 回复不具体", own[p]));
            }
            let file = write_batch(dir.path(), &format!("p{p}.txt"), &lines);
            cmd(&db, &["--operator", &format!("op{p}"), "batch"])
                .arg(&file)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("locked"));
    }
    // Every event is there: 8 × 200 urges and supervisions spread over the shared orders.
    let mut urges = 0;
    let mut supervisions = 0;
    for s in &shared {
        let e = events_of(&db, s);
        urges += e.iter().filter(|k| *k == "urged").count();
        supervisions += e.iter().filter(|k| *k == "supervised").count();
        let v: serde_json::Value =
            serde_json::from_str(&ok(&db, &["order", "show", s, "--format", "json"])).unwrap();
        // The order's counters equal its events.
        assert_eq!(
            v["urges"].as_u64().unwrap() as usize,
            e.iter().filter(|k| *k == "urged").count()
        );
    }
    assert_eq!((urges, supervisions), (8 * ROUNDS, 8 * ROUNDS));
    for o in &own {
        let e = events_of(&db, o);
        assert_eq!(e.iter().filter(|k| *k == "replied").count(), ROUNDS);
        assert_eq!(e.iter().filter(|k| *k == "review_rejected").count(), ROUNDS);
    }
    let check = ok(&db, &["check"]);
    assert!(
        check.contains("integrity: ok") && check.contains("replay = stored state: yes"),
        "{check}"
    );
    // The scorecard counts the same urges.
    let report: serde_json::Value =
        serde_json::from_str(&ok(&db, &["report", "--format", "json"])).unwrap();
    let zj = report["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "住建局")
        .unwrap();
    assert_eq!(zj["urges"].as_u64().unwrap() as usize, 8 * ROUNDS);
    assert_eq!(zj["supervisions"].as_u64().unwrap() as usize, 8 * ROUNDS);
}

#[test]
fn kill_9_during_a_burst_leaves_a_sound_database() {
    let (dir, db) = setup();
    let orders: Vec<String> = (0..5).map(|_| new_order(&db, "住建局", false)).collect();
    let lines: Vec<String> = (0..20_000)
        .map(|i| format!("urge {} --note 第{i}次", orders[i % 5]))
        .collect();
    let file = write_batch(dir.path(), "burst.txt", &lines);
    for round in 0..3 {
        let mut child = cmd(&db, &["batch"])
            .arg(&file)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(300 + 200 * round));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let check = ok(&db, &["check"]);
        assert!(
            check.contains("integrity: ok") && check.contains("replay = stored state: yes"),
            "{check}"
        );
    }
    // Some urges got in, each whole: every stored urge has its event and counter.
    let total: usize = orders
        .iter()
        .map(|o| events_of(&db, o).iter().filter(|k| *k == "urged").count())
        .sum();
    assert!(
        total > 0,
        "the burst should have recorded some urges before the kill"
    );
}

#[test]
fn backup_is_consistent_while_others_write() {
    let (dir, db) = setup();
    let no = new_order(&db, "住建局", false);
    let lines: Vec<String> = (0..3000)
        .map(|i| format!("urge {no} --note n{i}"))
        .collect();
    let file = write_batch(dir.path(), "w.txt", &lines);
    let mut writer = cmd(&db, &["batch"]).arg(&file).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let copy = dir.path().join("copy.db");
    ok(&db, &["backup", copy.to_str().unwrap()]);
    assert!(writer.wait().unwrap().success());
    let check = ok(&copy, &["check"]);
    assert!(
        check.contains("integrity: ok") && check.contains("replay = stored state: yes"),
        "{check}"
    );
    // A backup never overwrites an existing file.
    let out = cmd(&db, &["backup", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

#[test]
fn newer_foreign_and_unreadable_databases() {
    let dir = tempfile::tempdir().unwrap();
    // A database from a newer hotline.
    let newer = dir.path().join("newer.db");
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    let out = cmd(&newer, &["order", "list"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("newer hotline") && err.contains("schema 99"),
        "{err}"
    );
    // Another program's SQLite file.
    let foreign = dir.path().join("foreign.db");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let out = cmd(&foreign, &["order", "list"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("not a hotline database"),
        "{err}"
    );
    let c = rusqlite::Connection::open(&foreign).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "the foreign file must be left as it was");
}

/// A database the user may read but not write (run as `nobody` through runuser, since root
/// ignores file modes). Skipped with a note where runuser or root is missing (fails under CI).
#[test]
fn read_only_database_refuses_writes_clearly() {
    let have_runuser = Command::new("runuser").arg("--help").output().is_ok();
    let is_root = std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false);
    let missing = if !have_runuser {
        Some("runuser is not installed (apt-get install util-linux)")
    } else if !is_root {
        Some("not running as root (needed to run hotline as the user nobody)")
    } else {
        None
    };
    if !common::tools::can_run(
        "robustness::read_only_database_refuses_writes_clearly",
        missing,
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo"]);
    ok(&db, &["check"]); // leaves the WAL checkpointed and files in place
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        std::fs::set_permissions(
            entry.unwrap().path(),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
    }
    let exe = env!("CARGO_BIN_EXE_hotline");
    // The binary must be reachable by nobody: copy it next to the database.
    let bin = dir.path().join("hotline");
    std::fs::copy(exe, &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = Command::new("runuser")
        .args(["-u", "nobody", "--"])
        .arg(&bin)
        .arg("--db")
        .arg(&db)
        .args(["urge", "201710270001"])
        .env("USER", "nobody")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a write as nobody should fail");
    assert!(
        err.contains("read-only") || err.contains("readonly") || err.contains("unable to open"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
