//! Crash safety of a large import (issue 6, item 3): `kill -9` in the middle of importing a
//! file of many orders leaves a database that passes `hotline check`, holding either none or
//! all of that file's orders — an import is one transaction.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2020-06-30T12:00:00";
/// Orders per file: enough that an import is still running when it is killed.
const ROWS: usize = 12_000;

fn cmd(db: &Path, args: &[&str]) -> Command {
    let args = [&["--operator", "导入员"][..], args].concat();
    common::cli::cmd(db, NOW, &args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    let args = [&["--operator", "导入员"][..], args].concat();
    common::cli::ok(db, NOW, &args)
}

/// A message-board file (`data/mappings/taidi-message-board.toml`) of `ROWS` messages whose
/// numbers start with `prefix`: each becomes an order with a whole history (received,
/// dispatched, accepted, replied, reviewed, called back, closed).
fn board_file(dir: &Path, prefix: u32) -> PathBuf {
    let mut text = String::from("留言编号,留言用户,留言主题,留言时间,留言详情,答复意见,答复时间\n");
    for i in 0..ROWS {
        let day = 1 + i % 28;
        let minute = i % 60;
        text.push_str(&format!(
            "{prefix}{i:06},A{i:06},小区路灯不亮第{i}号,2019/4/{day} 9:{minute:02}:09,\"\t小区东门的路灯坏了一个月，晚上出行不便。\n\t请尽快修复。\",已安排维修人员更换灯泡，路灯已恢复照明。,2019/5/{day} 14:56:53\n"
        ));
    }
    let p = dir.join(format!("board-{prefix}.csv"));
    std::fs::write(&p, text).unwrap();
    p
}

/// The orders of one file the database holds.
fn orders_of(db: &Path, prefix: u32) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM orders WHERE order_no GLOB ?1",
        [format!("LY{prefix}*")],
        |r| r.get::<_, i64>(0),
    )
    .unwrap() as usize
}

fn assert_sound(db: &Path) {
    let check = ok(db, &["check"]);
    assert!(
        check.contains("integrity: ok")
            && check.contains("replay = stored state: yes")
            && check.contains("scorecard sums = events: yes"),
        "{check}"
    );
}

/// When to kill an import.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// After this long.
    After(u64),
    /// Once the write-ahead log holds this many bytes: in the middle of writing.
    WalBytes(u64),
}

#[test]
fn kill_9_during_a_large_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let wal = dir.path().join("h.db-wal");
    ok(&db, &["init"]);
    let mut killed_writing = 0;
    let rounds = [
        Kill::After(300),
        Kill::WalBytes(256 << 10),
        Kill::After(900),
        Kill::WalBytes(2 << 20),
    ];
    for (round, kill) in rounds.into_iter().enumerate() {
        let prefix = 10 + round as u32;
        let file = board_file(dir.path(), prefix);
        let wal_before = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        let mut child = cmd(&db, &["import", file.to_str().unwrap(), "--create-units"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        match kill {
            Kill::After(ms) => std::thread::sleep(Duration::from_millis(ms)),
            Kill::WalBytes(n) => {
                while child.try_wait().unwrap().is_none()
                    && started.elapsed() < Duration::from_secs(120)
                {
                    let len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
                    if len > wal_before + n {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        }
        let running = child.try_wait().unwrap().is_none();
        let writing = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > wal_before;
        if running && writing {
            killed_writing += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let n = orders_of(&db, prefix);
        assert!(
            n == 0 || n == ROWS,
            "round {round} ({kill:?}): killed after {:?}, the database holds {n} of the file's {ROWS} orders",
            started.elapsed()
        );
        assert_sound(&db);
    }
    assert!(
        killed_writing > 0,
        "no import was killed while writing: nothing was tested (make the files larger)"
    );
    // Undisturbed, the same kind of file goes in whole, and the database is still sound.
    let file = board_file(dir.path(), 20);
    let out = ok(&db, &["import", file.to_str().unwrap(), "--create-units"]);
    assert!(out.contains(&format!("imported {ROWS}")), "{out}");
    assert_eq!(orders_of(&db, 20), ROWS);
    assert_sound(&db);
}
