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

/// `check` (the README's restore step) on a file that is not a hotline database fails and
/// says so; a 0-byte file is refused by every command but `init`, which may create the
/// database there.
#[test]
fn an_empty_or_foreign_file_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    for args in [&["check"][..], &["order", "list"], &["backup", "x.db"]] {
        let err = fails(&empty, args);
        assert!(
            err.contains("is empty (0 bytes): not a hotline database"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(
        std::fs::metadata(&empty).unwrap().len(),
        0,
        "left as it was"
    );
    let out = cmd(&empty, &["--lang", "zh", "check"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("是空文件（0 字节）：不是热线数据库"));
    // An SQLite file with nothing in it (what an interrupted copy rolls back to).
    let bare = dir.path().join("bare.db");
    rusqlite::Connection::open(&bare)
        .unwrap()
        .execute_batch("PRAGMA page_size = 4096; VACUUM;")
        .unwrap();
    assert!(std::fs::metadata(&bare).unwrap().len() > 0);
    let err = fails(&bare, &["check"]);
    assert!(
        err.contains("an empty SQLite file: not a hotline database"),
        "{err}"
    );
    // Text is not SQLite.
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "这不是数据库\n".repeat(100)).unwrap();
    let err = fails(&text, &["check"]);
    assert!(err.contains("not a hotline database"), "{err}");
    // `init` makes the database in the empty file.
    ok(&empty, &["init"]);
    assert!(ok(&empty, &["check"]).contains("integrity: ok; 0 orders"));
}

/// A database of a few megabytes (the online backup copied 1 MB per step and started over
/// whenever another process committed in between).
fn big_db(orders: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    ok(&db, &["gen", "--orders", &orders.to_string()]);
    (dir, db)
}

fn orders_in(db: &Path) -> String {
    let check = ok(db, &["check"]);
    let n = check
        .split("; ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap_or_default()
        .to_string();
    assert!(check.contains("integrity: ok"), "{check}");
    assert!(check.contains("replay = stored state: yes"), "{check}");
    n
}

#[test]
fn a_backup_finishes_while_another_process_writes_continuously() {
    use std::io::Write;
    use std::time::{Duration, Instant};
    let (dir, db) = big_db(1500);
    assert!(std::fs::metadata(&db).unwrap().len() > 2 << 20);
    // A writer committing one new order per line, hundreds a second, for longer than the
    // test waits.
    let lines = dir.path().join("w.txt");
    let mut f = std::fs::File::create(&lines).unwrap();
    for i in 0..200_000 {
        writeln!(f, "order add --category request --title 写入{i}").unwrap();
    }
    drop(f);
    let mut writer = cmd(&db, &["batch"])
        .arg(&lines)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let copy = dir.path().join("copy.db");
    let mut backup = cmd(&db, &["backup", copy.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = backup.try_wait().unwrap() {
            break Some(s);
        }
        if started.elapsed() > Duration::from_secs(8) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let writing = writer.try_wait().unwrap().is_none();
    let _ = writer.kill();
    let _ = writer.wait();
    let _ = backup.kill();
    let _ = backup.wait();
    assert!(
        writing,
        "the writer stopped before the backup ended: the test proves nothing"
    );
    let status = status.expect("the backup did not finish in 8 s under continuous writes");
    assert!(status.success());
    let n: u32 = orders_in(&copy).parse().unwrap();
    assert!(n >= 1500, "{n}");
}

/// `kill -9` of a backup at any moment leaves nothing at the destination (or, if it had
/// finished, the whole copy); what it leaves elsewhere is refused by `check`.
#[test]
fn an_interrupted_backup_leaves_no_file_that_passes_check() {
    use std::time::Duration;
    let (dir, db) = big_db(3000);
    let whole = orders_in(&db);
    let mut interrupted = 0;
    for (round, ms) in [20u64, 40, 60, 90, 130, 180].into_iter().enumerate() {
        let dest = dir.path().join(format!("b{round}.db"));
        let mut child = cmd(&db, &["backup", dest.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
        if dest.exists() {
            assert_eq!(
                orders_in(&dest),
                whole,
                "{}: an incomplete copy",
                dest.display()
            );
        } else {
            interrupted += 1;
        }
    }
    assert!(
        interrupted > 0,
        "no backup was interrupted: make the database bigger"
    );
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("big.db") || (name.starts_with('b') && name.ends_with(".db")) {
            continue;
        }
        // A leftover temporary file (hidden, `.partial`) is no backup.
        assert!(name.starts_with('.'), "{name}");
        assert!(!run(&p, &["check"]).status.success(), "{name} passes check");
    }
}

/// One demo database built per test binary, copied for each case (building takes seconds).
fn demo_copy(dir: &Path, name: &str) -> PathBuf {
    static DEMO: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, built) = DEMO.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("demo.db");
        ok(&p, &["demo"]);
        (d, p)
    });
    let p = dir.join(name);
    std::fs::copy(built, &p).unwrap();
    p
}

fn orders_of(db: &Path) -> usize {
    ok(db, &["order", "list", "--format", "csv"])
        .lines()
        .count()
        - 1
}

#[test]
fn demo_force_replaces_only_a_demo_database() {
    let dir = tempfile::tempdir().unwrap();
    // A real database: init and one order taken in.
    let (_real_dir, real) = setup();
    let err = fails(&real, &["demo", "--force"]);
    assert!(err.contains("is not a demo database"), "{err}");
    assert!(sound(&real), "the real database was touched");
    let out = cmd(&real, &["--lang", "zh", "demo", "--force"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是演示数据库"));
    // Another program's file, and a file that is not SQLite: left alone.
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "备忘\n").unwrap();
    let err = fails(&text, &["demo", "--force"]);
    assert!(err.contains("is not a demo database"), "{err}");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "备忘\n");
    // A demo database into which a real order was taken: no longer only the demo.
    let used = demo_copy(dir.path(), "used.db");
    let demo_orders = orders_of(&used);
    ok(
        &used,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "真实来电",
        ],
    );
    let err = fails(&used, &["demo", "--force"]);
    assert!(
        err.contains(&format!(
            "it holds {} orders, the demo made {demo_orders}",
            demo_orders + 1
        )),
        "{err}"
    );
    assert_eq!(orders_of(&used), demo_orders + 1);
    // A demo as the demo made it (urges and replies tried on it are the demo's to lose).
    let demo = demo_copy(dir.path(), "demo.db");
    common::cli::ok(
        &demo,
        "2017-12-31T23:59:00",
        &["urge", "201710270002", "--note", "试一试"],
    );
    let replaced = ok(&demo, &["demo", "--force"]);
    assert!(
        replaced.contains(&format!("{demo_orders} orders")),
        "{replaced}"
    );
    let shown = ok(&demo, &["order", "show", "201710270002"]);
    assert!(!shown.contains("试一试"), "the demo was not replaced");
    // Only the demo's file: no temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn demo_force_is_for_an_admin_of_the_demo() {
    // Real OS accounts: the role comes from the process's account, never from USER.
    let Some(a) = common::accounts::Accounts::new("files::demo_force_is_for_an_admin_of_the_demo")
    else {
        return;
    };
    let demo = demo_copy(a.dir.path(), "demo.db");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&demo, std::fs::Permissions::from_mode(0o666)).unwrap();
    }
    let as_user = |user: &str, args: &[&str]| a.run(user, &demo, args);
    // Access control off (no operators): anyone makes the first admin, then it is on.
    for (user, role) in [("hl-boss", "admin"), ("hl-clerk", "operator")] {
        let out = as_user("hl-boss", &["operator", "add", user, "--role", role]);
        assert!(out.status.success(), "{out:?}");
    }
    let out = as_user("hl-clerk", &["demo", "--force"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("may not replace the demo database: ask an admin"),
        "{err}"
    );
    let out = as_user("hl-stranger", &["demo", "--force"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("not an operator of this database"),
        "{err}"
    );
    assert_eq!(
        String::from_utf8_lossy(&as_user("hl-boss", &["operator", "list"]).stdout)
            .lines()
            .count(),
        2,
        "the refused replacements changed the database"
    );
    let out = as_user("hl-boss", &["demo", "--force"]);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn demo_force_is_refused_while_a_tui_has_the_database_open() {
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_copy(dir.path(), "demo.db");
    let mut tui = common::pty::Tui::start(&demo);
    tui.wait_for("待办", Duration::from_secs(20));
    let err = fails(&demo, &["demo", "--force"]);
    assert!(err.contains("is open in another hotline session"), "{err}");
    let out = cmd(&demo, &["--lang", "zh", "demo", "--force"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("正被其他 hotline 会话"));
    // The session goes on writing to the database that is still there.
    tui.keys("2");
    tui.wait_for("超期天数", Duration::from_secs(5));
    tui.keys("u");
    tui.wait_for("催办说明", Duration::from_secs(5));
    tui.keys("界面里的催办\r");
    tui.wait_for("已催办", Duration::from_secs(5));
    tui.keys("q");
    assert!(tui.wait_exit(Duration::from_secs(5)).success());
    let shown = ok(&demo, &["order", "show", "201710270002"]);
    assert!(shown.contains("界面里的催办"), "{shown}");
    // Once it is closed, the demo may be replaced.
    ok(&demo, &["demo", "--force"]);
}
