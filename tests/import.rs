//! `hotline import`: the real message-board data set (all 2,816 rows, every reply and its
//! time, figures checked against counts made here straight from the workbook), a GB18030 CSV
//! from a city platform with a user's mapping, re-import, --skip-bad, --dry-run, unknown
//! units, and a corpus of broken files that each give one clear error and change nothing.

mod common;

use hotline::domain::scorecard::Period;
use hotline::domain::time::parse_datetime;
use hotline::domain::{Order, Status};
use hotline::store::{OrderFilter, Store};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TAIDI: &str = "tests/fixtures/taidi2020-c-attachment4.xlsx";
const NOW: &str = "2020-06-30T12:00:00";

fn hotline(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(["--operator", "导入员", "--now", NOW])
        .args(args)
        .env_remove("HOTLINE_DB")
        .env_remove("HOTLINE_NOW")
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

/// A command that must fail: its last stderr line, which must be the one `error:` line.
fn fails(db: &Path, args: &[&str]) -> String {
    let out = hotline(db, args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{args:?}: one error line: {err}");
    assert_eq!(err.lines().last(), Some(errors[0]), "{args:?}: {err}");
    errors[0].to_string()
}

struct Db {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        ok(&path, &["init"]);
        Db { dir, path }
    }
    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn store(&self) -> Store {
        Store::open(&self.path).unwrap()
    }
    fn orders(&self) -> HashMap<String, Order> {
        self.store()
            .list_orders(&OrderFilter::default())
            .unwrap()
            .into_iter()
            .map(|o| (o.order_no.clone(), o))
            .collect()
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---------------------------------------------------------------------------------------
// The real data set, read here independently with calamine.

struct Message {
    id: String,
    title: String,
    received: chrono::NaiveDateTime,
    reply: String,
    replied: chrono::NaiveDateTime,
    replied_date_only: bool,
}

fn serial(v: f64) -> chrono::NaiveDateTime {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    base + chrono::Duration::seconds((v * 86400.0).round() as i64)
}

/// `2019/4/25 9:32:09`, a date alone, or an Excel serial: parsed here with chrono directly.
fn cell_time(d: &calamine::Data) -> (chrono::NaiveDateTime, bool) {
    match d {
        calamine::Data::Float(v) => (serial(*v), v.fract() == 0.0),
        calamine::Data::Int(v) => (serial(*v as f64), true),
        calamine::Data::DateTime(x) => (serial(x.as_f64()), x.as_f64().fract() == 0.0),
        calamine::Data::String(s) => {
            let s = s.trim();
            match chrono::NaiveDateTime::parse_from_str(s, "%Y/%m/%d %H:%M:%S") {
                Ok(t) => (t, false),
                Err(_) => (
                    chrono::NaiveDate::parse_from_str(s, "%Y/%m/%d")
                        .unwrap_or_else(|e| panic!("{s}: {e}"))
                        .and_hms_opt(0, 0, 0)
                        .unwrap(),
                    true,
                ),
            }
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

fn messages() -> Vec<Message> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(TAIDI).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "留言编号",
            "留言用户",
            "留言主题",
            "留言时间",
            "留言详情",
            "答复意见",
            "答复时间"
        ]
    );
    rows.map(|r| {
        let id = match &r[0] {
            calamine::Data::Float(v) => format!("{}", *v as i64),
            calamine::Data::Int(v) => v.to_string(),
            other => other.to_string(),
        };
        let (received, _) = cell_time(&r[3]);
        let (replied, replied_date_only) = cell_time(&r[6]);
        Message {
            id,
            title: r[2].to_string(),
            received,
            reply: r[5].to_string(),
            replied,
            replied_date_only,
        }
    })
    .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The Nth working day after `start`, from the holiday files, computed here on its own.
fn working_days_after(start: chrono::NaiveDate, n: u32) -> chrono::NaiveDate {
    use chrono::Datelike;
    static SPECIAL: std::sync::OnceLock<HashMap<chrono::NaiveDate, bool>> =
        std::sync::OnceLock::new();
    let special = SPECIAL.get_or_init(|| {
        let mut special = HashMap::new();
        for y in 2007..=2027 {
            let text = std::fs::read_to_string(format!("data/holidays-cn/{y}.json")).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            for d in v["days"].as_array().unwrap() {
                let date =
                    chrono::NaiveDate::parse_from_str(d["date"].as_str().unwrap(), "%Y-%m-%d")
                        .unwrap();
                special.insert(date, d["isOffDay"].as_bool().unwrap());
            }
        }
        special
    });
    let workday = |d: chrono::NaiveDate| match special.get(&d) {
        Some(off) => !off,
        None => d.weekday().num_days_from_monday() < 5,
    };
    let mut d = start;
    let mut left = n;
    while left > 0 {
        d = d.succ_opt().unwrap();
        if workday(d) {
            left -= 1;
        }
    }
    d
}

#[test]
fn the_real_message_board_data_set() {
    let db = Db::new();
    let err = fails(&db.path, &["import", TAIDI]);
    assert!(
        err.contains("unknown unit")
            && err.contains("留言板承办单位")
            && err.contains("--create-units"),
        "{err}"
    );
    let out = ok(&db.path, &["import", TAIDI, "--create-units"]);
    assert!(
        out.contains("read 2816 rows")
            && out.contains("imported 2816, skipped 0, duplicates 0")
            && out.contains("mapping taidi-message-board"),
        "{out}"
    );
    let check = ok(&db.path, &["check"]);
    assert!(
        check.contains("2816 orders") && check.contains("replay = stored state: yes"),
        "{check}"
    );

    // Every message is an order with its reply and reply time.
    let msgs = messages();
    assert_eq!(msgs.len(), 2816);
    let orders = db.orders();
    assert_eq!(orders.len(), 2816);
    let mut date_only_replies = 0;
    for m in &msgs {
        let o = &orders[&format!("LY{}", m.id)];
        assert_eq!(squeeze(&o.title), squeeze(&m.title), "{}", m.id);
        assert_eq!(o.received_at, m.received, "{}", m.id);
        assert_eq!(o.status, Status::Closed, "{}", m.id);
        assert_eq!(o.unit.as_deref(), Some("留言板承办单位"));
        assert_eq!(
            squeeze(o.reply.as_deref().unwrap_or("")),
            squeeze(&m.reply),
            "{}",
            m.id
        );
        // A reply dated without a time on the message's own day counts from the message.
        let want = if m.replied_date_only && m.replied.date() == m.received.date() {
            m.received
        } else {
            m.replied
        };
        date_only_replies += usize::from(m.replied_date_only);
        assert_eq!(o.replied_at, Some(want), "{}", m.id);
        assert_eq!(o.closed_at, Some(want), "{}", m.id);
        assert!(!o.content.starts_with(['\n', '\t']), "{}", m.id);
    }
    assert_eq!(
        date_only_replies, 1,
        "the data set has one date-only reply time"
    );

    // Replies later than 30 days after the message: counted from the workbook and from the
    // database.
    let late =
        |a: chrono::NaiveDateTime, b: chrono::NaiveDateTime| (b.date() - a.date()).num_days() > 30;
    let want = msgs.iter().filter(|m| late(m.received, m.replied)).count();
    let got = orders
        .values()
        .filter(|o| late(o.received_at, o.replied_at.unwrap()))
        .count();
    assert_eq!(got, want);
    assert_eq!(want, 455);

    // The report's "overdue more than 30 days": the reply more than 30 days after the end of
    // the 10th working day after the message — computed here from the holiday files.
    let want_overdue = msgs
        .iter()
        .filter(|m| {
            let replied = if m.replied_date_only && m.replied.date() == m.received.date() {
                m.received
            } else {
                m.replied
            };
            (replied.date() - working_days_after(m.received.date(), 10)).num_days() > 30
        })
        .count() as u64;
    let period = Period {
        from: chrono::NaiveDate::from_ymd_opt(2011, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2020, 6, 30).unwrap(),
        as_of: parse_datetime(NOW, false).unwrap(),
    };
    let card = hotline::report::scorecard(&db.store(), period).unwrap();
    assert_eq!(card.totals.received, 2816);
    assert_eq!(card.totals.request, 2816);
    assert_eq!(card.totals.closed, 2816);
    assert_eq!(card.totals.overdue_30d, want_overdue);
    let row = card
        .units
        .iter()
        .find(|r| r.unit == "留言板承办单位")
        .unwrap();
    assert_eq!(
        (row.assigned, row.closed, row.overdue_30d),
        (2816, 2816, want_overdue)
    );
    assert_eq!(row.satisfaction_rate, None, "no callback reached anyone");

    // Again: nothing added, and it says so.
    let before = db.store().count_events().unwrap();
    let again = ok(&db.path, &["import", TAIDI]);
    assert!(
        again.contains("imported 0, skipped 0, duplicates 2816")
            && again.contains("already in the database"),
        "{again}"
    );
    assert_eq!(db.store().count_events().unwrap(), before);
}

// ---------------------------------------------------------------------------------------
// A city platform's CSV in GB18030, with a user's mapping.

const CITY_MAPPING: &str = r#"
name = "city-platform"
[columns]
order_no = "工单编号"
received_at = "来电时间"
category = "诉求类型"
title = "标题"
content = "诉求内容"
citizen = "来电人"
phone = "联系电话"
address = "地址"
unit = "承办单位"
deadline = "办理时限"
reply = "办理结果"
replied_at = "回复时间"
callback = "回访"
status = "工单状态"
closed_at = "办结时间"
[defaults]
callback = "unreachable"
[values.category]
"投诉" = "request"
[values.status]
"已归档" = "closed"
"#;

fn city_csv() -> String {
    [
        "工单编号,来电时间,诉求类型,标题,诉求内容,来电人,联系电话,地址,承办单位,办理时限,办理结果,回复时间,回访,工单状态,办结时间",
        "C001,2019/4/25 9:32:09,投诉,小区路灯不亮,\"\t\t小区东门路灯坏了一个月\n\t\t\",王某,13800000001,海城镇,住建局,2019/5/9,已安排维修人员更换灯泡，路灯已恢复。,2019/4/28 10:00:00,满意,已归档,2019/4/29 9:00:00",
        "C002,03/01/2019 02:27:57 PM,咨询,社保卡办理,如何补办社保卡,李某,13800000002,七营镇,,,,,,待转办,",
        "C003,43563.359259259261,建议,增设公交站,建议在医院门口增设公交站,赵某,13800000003,三河镇,交通运输局,,,,,办理中,",
        "C004,2019-04-01T08:00:00,诉求,道路积水,雨后积水,钱某,13800000004,贾塘乡,贾塘乡,2019-04-15,已疏通排水沟。,2019-04-10 16:00,,已回复,",
    ]
    .join("\r\n")
}

#[test]
fn a_gb18030_csv_from_a_city_platform() {
    let db = Db::new();
    let text = city_csv();
    let (bytes, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let csv = db.file("city.csv");
    std::fs::write(&csv, &bytes).unwrap();
    let mapping = db.file("city.toml");
    std::fs::write(&mapping, CITY_MAPPING).unwrap();
    // Without the mapping, the layout is unknown: one clear error.
    let err = fails(&db.path, &["import", s(&csv)]);
    assert!(err.contains("--mapping"), "{err}");
    let out = ok(&db.path, &["import", s(&csv), "--mapping", s(&mapping)]);
    assert!(
        out.contains("csv, gb18030") && out.contains("imported 4"),
        "{out}"
    );
    let o = db.orders();
    let c1 = &o["C001"];
    assert_eq!(c1.status, Status::Closed);
    assert_eq!(c1.content, "小区东门路灯坏了一个月");
    assert_eq!(c1.deadline.unwrap().to_string(), "2019-05-09");
    assert_eq!(c1.callback.map(|c| c.code()), Some("satisfied"));
    assert_eq!(c1.closed_at.unwrap().to_string(), "2019-04-29 09:00:00");
    let c2 = &o["C002"];
    assert_eq!(
        (c2.status, c2.category.code()),
        (Status::Received, "inquiry")
    );
    assert_eq!(c2.received_at.to_string(), "2019-03-01 14:27:57");
    let c3 = &o["C003"];
    assert_eq!(c3.status, Status::Handling);
    assert_eq!(c3.received_at.to_string(), "2019-04-08 08:37:20");
    assert_eq!(c3.unit.as_deref(), Some("交通运输局"));
    let c4 = &o["C004"];
    assert_eq!(c4.status, Status::Replied);
    assert_eq!(c4.replied_at.unwrap().to_string(), "2019-04-10 16:00:00");
    assert!(ok(&db.path, &["check"]).contains("replay = stored state: yes"));
    // --encoding utf-8 on a GB18030 file: refused clearly.
    let e = fails(
        &db.path,
        &[
            "import",
            s(&csv),
            "--mapping",
            s(&mapping),
            "--encoding",
            "utf-8",
        ],
    );
    assert!(
        e.contains("not valid UTF-8") && e.contains("gb18030"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------
// --skip-bad, --dry-run, unknown units.

#[test]
fn skip_bad_writes_the_rejects_and_dry_run_writes_nothing() {
    let db = Db::new();
    let file = "tests/fixtures/import/broken/bad-dates.csv";
    let before = db.store().count_events().unwrap();
    let dry = ok(
        &db.path,
        &[
            "import",
            file,
            "--create-units",
            "--dry-run",
            "--skip-bad",
            s(&db.file("r0.csv")),
        ],
    );
    assert!(
        dry.starts_with("dry run, nothing recorded") && dry.contains("imported 1, skipped 2"),
        "{dry}"
    );
    assert_eq!(db.store().count_events().unwrap(), before);
    assert_eq!(
        db.store().units().unwrap().len(),
        42,
        "no unit created by a dry run"
    );

    let rejects = db.file("rejects.csv");
    let out = hotline(
        &db.path,
        &["import", file, "--create-units", "--skip-bad", s(&rejects)],
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("imported 1, skipped 2, duplicates 0"),
        "{stdout}"
    );
    assert!(
        stderr.contains("row 3, column 留言时间: '2019/13/45 9:32:09' is not a date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 4, column 答复时间: '昨天下午' is not a date"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&rejects).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header.last().map(String::as_str), Some("reason"));
    let recs: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 2);
    assert_eq!(&recs[0][0], "9002");
    assert!(recs[0][8].contains("留言时间") && recs[0][8].contains("not a date"));
    assert_eq!(&recs[1][7], "4");
    // The rejects file re-imports (its extra columns are ignored) and fails on the same rows.
    let again = ok(
        &db.path,
        &["import", file, "--skip-bad", s(&db.file("r2.csv"))],
    );
    assert!(
        again.contains("imported 0, skipped 2, duplicates 1"),
        "{again}"
    );
}

#[test]
fn units_are_created_by_kind_only_when_asked() {
    let db = Db::new();
    let csv = db.file("u.csv");
    let mapping = db.file("u.toml");
    std::fs::write(&mapping, CITY_MAPPING).unwrap();
    std::fs::write(
        &csv,
        [
            "工单编号,来电时间,诉求类型,标题,承办单位,工单状态",
            "U1,2019-05-01 09:00,投诉,甲,新建镇,已转办",
            "U2,2019-05-01 09:10,投诉,乙,新区管委会,已转办",
            "U3,2019-05-01 09:20,投诉,丙,数据局,已转办",
            "U4,2019-05-01 09:30,投诉,丁,住建局,已转办",
        ]
        .join("\n"),
    )
    .unwrap();
    let err = fails(&db.path, &["import", s(&csv), "--mapping", s(&mapping)]);
    assert!(
        err.contains("3 unknown unit(s): 新建镇, 新区管委会, 数据局"),
        "{err}"
    );
    assert_eq!(db.store().count_orders().unwrap(), 0);
    let out = ok(
        &db.path,
        &[
            "import",
            s(&csv),
            "--mapping",
            s(&mapping),
            "--create-units",
        ],
    );
    assert!(
        out.contains("created units: 新建镇, 新区管委会, 数据局"),
        "{out}"
    );
    let kinds: HashMap<String, String> = db
        .store()
        .units()
        .unwrap()
        .into_iter()
        .map(|u| (u.name, u.kind.code().to_string()))
        .collect();
    assert_eq!(kinds["新建镇"], "township");
    assert_eq!(kinds["新区管委会"], "township");
    assert_eq!(kinds["数据局"], "department");
    assert_eq!(db.orders()["U1"].status, Status::Dispatched);
}

// ---------------------------------------------------------------------------------------
// The broken corpus: one clear error each, and the database exactly as it was.

fn fingerprint(db: &Db) -> (Vec<u8>, u64, u64, usize) {
    let store = db.store();
    let counts = (
        store.count_orders().unwrap(),
        store.count_events().unwrap(),
        store.units().unwrap().len(),
    );
    drop(store);
    (
        std::fs::read(&db.path).unwrap(),
        counts.0,
        counts.1,
        counts.2,
    )
}

#[test]
fn every_broken_file_gives_one_clear_error_and_changes_nothing() {
    let db = Db::new();
    // Something in the database to keep: a few orders of the real data set.
    let seed = db.file("seed.csv");
    std::fs::write(
        &seed,
        "留言编号,留言用户,留言主题,留言时间,留言详情,答复意见,答复时间\n1,A,路灯不亮,2019/4/25 9:32:09,路灯坏了,已修复路灯并安排专人巡查。,2019/5/10 14:56:53\n",
    )
    .unwrap();
    ok(&db.path, &["import", s(&seed), "--create-units"]);
    let before = fingerprint(&db);
    let expect: &[(&str, &[&str])] = &[
        (
            "truncated.xlsx",
            &["cannot be read as a workbook", "damaged or truncated"],
        ),
        ("empty.csv", &["is empty"]),
        ("header-only.csv", &["no rows"]),
        (
            "wrong-columns.csv",
            &["cannot tell the layout", "编号, 姓名, 金额", "--mapping"],
        ),
        ("junk.bin", &["binary"]),
        ("junk.xlsx", &["cannot be read as a workbook"]),
        ("not-a-workbook.xlsx", &["not a spreadsheet workbook"]),
        (
            "bad-dates.csv",
            &[
                "2 of 3 rows have problems",
                "row 3, column 留言时间",
                "nothing was imported",
                "--skip-bad",
            ],
        ),
        (
            "reply-before-message.csv",
            &[
                "1 of 2 rows have problems",
                "row 3, column 答复时间",
                // The workflow's own refusal, not a second wording of its rule.
                "never go back in time",
            ],
        ),
        (
            "repeated-order.csv",
            &["row 3, column 留言编号", "appears again (first in row 2)"],
        ),
        (
            "missing-title.csv",
            &["row 2, column 留言主题: the title is empty"],
        ),
        ("future.csv", &["in the future"]),
        ("unknown-unit.csv", &["unknown unit(s): 不存在局"]),
        (
            "bad-history.csv",
            &["row 2, column 办理过程", "history line 2", "damaged"],
        ),
        (
            "bad-category.csv",
            &["row 2, column 类别", "unknown category '表扬'"],
        ),
        (
            "history-breaks-rules.csv",
            &["row 2, column 办理过程", "cannot close"],
        ),
    ];
    let dir = Path::new("tests/fixtures/import/broken");
    let mut seen = HashSet::new();
    for (name, needles) in expect {
        let path = dir.join(name);
        let err = fails(&db.path, &["import", s(&path)]);
        for n in *needles {
            assert!(err.contains(n), "{name}: expected '{n}' in: {err}");
        }
        assert!(!err.contains('\n'));
        assert_eq!(fingerprint(&db), before, "{name} changed the database");
        seen.insert(name.to_string());
    }
    // Every file of the corpus is covered above.
    for e in std::fs::read_dir(dir).unwrap() {
        let n = e.unwrap().file_name().into_string().unwrap();
        assert!(seen.contains(&n), "{n} is in the corpus but not tested");
    }
    // A missing file and a missing sheet.
    let e = fails(&db.path, &["import", "tests/fixtures/import/nope.csv"]);
    assert!(e.contains("no file"), "{e}");
    let e = fails(&db.path, &["import", TAIDI, "--sheet", "工单"]);
    assert!(e.contains("no sheet '工单'") && e.contains("Sheet1"), "{e}");
    assert_eq!(fingerprint(&db), before);
}

// ---------------------------------------------------------------------------------------
// Who may import: the office (admin, operator); adding units: an admin.

#[test]
fn only_the_office_imports_and_only_an_admin_adds_units() {
    // Real OS accounts: the role comes from the process's account (see tests/common/accounts.rs).
    let Some(a) = common::accounts::Accounts::new("import::only_the_office_imports") else {
        return;
    };
    let db = a.path("roles.db");
    let file = a.path("bad-dates.csv");
    std::fs::copy("tests/fixtures/import/broken/bad-dates.csv", &file).unwrap();
    let file = file.to_str().unwrap().to_string();
    let run = |user: &str, args: &[&str]| {
        let out = a.run(user, &db, args);
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert!(run("hl-boss", &["init"]).0);
    assert!(
        run(
            "hl-boss",
            &["operator", "add", "hl-clerk", "--role", "operator"]
        )
        .0
    );
    assert!(
        run(
            "hl-boss",
            &["operator", "add", "hl-leader", "--role", "viewer"]
        )
        .0
    );
    let (ok1, err) = run("hl-leader", &["import", &file]);
    assert!(!ok1 && err.contains("may not import orders"), "{err}");
    let (ok2, err) = run("hl-clerk", &["import", &file, "--create-units"]);
    assert!(!ok2 && err.contains("may not add units"), "{err}");
    let out = a.path("x.csv");
    let (ok3, err) = run("hl-leader", &["export", "--out", out.to_str().unwrap()]);
    assert!(!ok3 && err.contains("may not export orders"), "{err}");
    let rejects = a.path("r.csv");
    let (ok4, err) = run(
        "hl-boss",
        &[
            "import",
            &file,
            "--create-units",
            "--skip-bad",
            rejects.to_str().unwrap(),
        ],
    );
    assert!(ok4, "{err}");
    let bulletin = a.path("b.md");
    let (ok5, err) = run(
        "hl-leader",
        &["bulletin", "--out", bulletin.to_str().unwrap()],
    );
    assert!(ok5, "a viewer reads the bulletin: {err}");
}

/// Row numbers in problems are the rows a spreadsheet shows: a cell of several lines (a
/// message's 留言详情, an export's 办理过程) is one row, not several. And every problem is
/// listed, of whatever kind.
#[test]
fn problems_name_the_spreadsheet_row_after_multi_line_cells() {
    let db = Db::new();
    let file = db.file("multi-line.csv");
    std::fs::write(
        &file,
        "留言编号,留言用户,留言主题,留言时间,留言详情,答复意见,答复时间\n\
         9101,A1,路灯不亮,2019/4/25 9:32:09,\"第一行\n第二行\n第三行\",已修复,2019/5/10 14:56:53\n\
         9102,A2,道路积水,2019/13/45 9:32:09,积水,已疏通,2019/5/10 14:56:53\n\
         9103,A3,噪音扰民,2019/4/26 10:00:00,\"夜间\r\n施工\",已处理,昨天下午\n\
         9104,A4,,2019/4/26 10:00:00,无标题,已处理,2019/5/10 14:56:53\n",
    )
    .unwrap();
    let err = fails(&db.path, &["import", s(&file), "--create-units"]);
    assert!(err.contains("3 of 4 rows have problems"), "{err}");
    let out = hotline(&db.path, &["import", s(&file), "--create-units"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    for want in [
        "row 3, column 留言时间",
        "row 4, column 答复时间",
        "row 5, column 留言主题",
    ] {
        assert!(stderr.contains(want), "{want}: {stderr}");
    }
}

// ---------------------------------------------------------------------------------------
// Mappings (issue 11, item 16).

/// The data set's attachment 3 layout: the messages without the government's replies
/// (留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 点赞数, 反对数), four rows.
const ATTACHMENT3: &str = "tests/fixtures/import/taidi2020-attachment3-sample.xlsx";

#[test]
fn a_shipped_mapping_by_name_and_the_mapping_commands() {
    let db = Db::new();
    let list = ok(&db.path, &["mapping", "list"]);
    for name in ["hotline", "taidi-message-board"] {
        assert!(list.lines().any(|l| l.starts_with(name)), "{list}");
    }
    let shown = ok(&db.path, &["mapping", "show", "taidi-message-board"]);
    assert_eq!(
        shown,
        std::fs::read_to_string("data/mappings/taidi-message-board.toml").unwrap()
    );
    let e = fails(&db.path, &["mapping", "show", "city"]);
    assert!(e.contains("hotline, taidi-message-board"), "{e}");
    // --mapping NAME: the shipped mapping, as if its file were given.
    let out = ok(
        &db.path,
        &[
            "import",
            ATTACHMENT3,
            "--mapping",
            "taidi-message-board",
            "--create-units",
        ],
    );
    assert!(out.contains("imported 4"), "{out}");
    // A name that is neither a file nor a shipped mapping says both.
    let e = fails(
        &db.path,
        &["import", ATTACHMENT3, "--mapping", "city-platform"],
    );
    assert!(
        e.contains("city-platform") && e.contains("hotline mapping list"),
        "{e}"
    );
}

#[test]
fn every_problem_of_a_mapping_in_one_run() {
    let db = Db::new();
    let csv = db.file("c.csv");
    std::fs::write(&csv, "编号,时间,标题\nA1,2020-01-02 09:00,路灯不亮\n").unwrap();
    let m = db.file("m.toml");
    std::fs::write(
        &m,
        "name = 'city'\n[columns]\norder_no = '编号'\nreceived_at = '时间'\nsubject = '标题'\n\
         [defaults]\ndeadline_days = 0\ncallback = 'happy'\n[values.category]\n'投诉' = 'complaint'\n",
    )
    .unwrap();
    let e = fails(&db.path, &["import", s(&csv), "--mapping", s(&m)]);
    for part in [
        "[columns] subject",
        "[columns] title is required",
        "deadline_days",
        "[defaults] callback",
        "complaint",
    ] {
        assert!(e.contains(part), "{part} missing from: {e}");
    }
    let zh = hotline(
        &db.path,
        &["--lang", "zh", "import", s(&csv), "--mapping", s(&m)],
    );
    let zh = String::from_utf8(zh.stderr).unwrap();
    assert!(zh.contains("映射文件") && zh.contains("处问题"), "{zh}");
}

#[test]
fn a_field_the_file_lacks_is_named_as_ours_with_how_to_supply_it() {
    let db = Db::new();
    let csv = db.file("c.csv");
    std::fs::write(&csv, "编号,时间,标题\nA1,2020-01-02 09:00,路灯不亮\n").unwrap();
    let m = db.file("m.toml");
    std::fs::write(
        &m,
        "name = 'city'\n[columns]\norder_no = '编号'\nreceived_at = '时间'\ntitle = '标题'\ncategory = '类别'\n",
    )
    .unwrap();
    let e = fails(&db.path, &["import", s(&csv), "--mapping", s(&m)]);
    assert!(
        !e.contains("column 类别:"),
        "a column the file does not have: {e}"
    );
    assert!(
        e.contains("category")
            && e.contains("[columns] category")
            && e.contains("[defaults] category"),
        "{e}"
    );
    let zh = hotline(
        &db.path,
        &["--lang", "zh", "import", s(&csv), "--mapping", s(&m)],
    );
    let zh = String::from_utf8(zh.stderr).unwrap();
    assert!(
        zh.contains("没有") && zh.contains("[defaults] category"),
        "{zh}"
    );
    // A row whose status needs a unit, in a file without a unit column: the row's problem
    // names our field unit and how to give it, not a column 承办单位 the file lacks.
    let csv = db.file("d.csv");
    std::fs::write(
        &csv,
        "编号,时间,标题,状态\nA1,2020-01-02 09:00,路灯不亮,已办结\n",
    )
    .unwrap();
    std::fs::write(
        &m,
        "name = 'city'\n[columns]\norder_no = '编号'\nreceived_at = '时间'\ntitle = '标题'\nstatus = '状态'\nunit = '承办单位'\n[defaults]\ncategory = 'request'\n",
    )
    .unwrap();
    let e = fails(&db.path, &["import", s(&csv), "--mapping", s(&m)]);
    assert!(!e.contains("column 承办单位:"), "{e}");
    assert!(
        e.contains("row 2: the order is closed")
            && e.contains("our field unit")
            && e.contains("[columns] unit")
            && e.contains("[defaults] unit"),
        "{e}"
    );
    let zh = hotline(
        &db.path,
        &["--lang", "zh", "import", s(&csv), "--mapping", s(&m)],
    );
    let zh = String::from_utf8(zh.stderr).unwrap();
    assert!(
        zh.contains("行有问题") && zh.contains("未导入任何内容"),
        "{zh}"
    );
}

#[test]
fn a_header_short_of_a_shipped_layout_names_it_and_the_missing_columns() {
    let db = Db::new();
    let e = fails(&db.path, &["import", ATTACHMENT3]);
    assert!(e.contains("taidi-message-board"), "{e}");
    assert!(e.contains("答复意见") && e.contains("答复时间"), "{e}");
    assert!(e.contains("--mapping taidi-message-board"), "{e}");
    assert_eq!(db.orders().len(), 0);
}

#[test]
fn the_summary_counts_rows_whose_deadline_was_defaulted() {
    let db = Db::new();
    let out = ok(
        &db.path,
        &[
            "import",
            ATTACHMENT3,
            "--mapping",
            "taidi-message-board",
            "--create-units",
        ],
    );
    assert!(out.contains("4 deadlines defaulted"), "{out}");
    let zh = ok(
        &db.path,
        &[
            "--lang",
            "zh",
            "import",
            ATTACHMENT3,
            "--mapping",
            "taidi-message-board",
            "--dry-run",
        ],
    );
    // All duplicates now: nothing dispatched, nothing defaulted.
    assert!(zh.contains("重复 4") && !zh.contains("默认时限"), "{zh}");
    // Our own export gives every deadline: none defaulted.
    let csv = db.file("export.csv");
    ok(&db.path, &["export", "--format", "csv", "--out", s(&csv)]);
    let other = Db::new();
    let out = ok(&other.path, &["import", s(&csv), "--create-units"]);
    assert!(
        out.contains("imported 4") && !out.contains("defaulted"),
        "{out}"
    );
}

#[test]
fn the_message_board_without_replies_goes_to_the_boards_unit() {
    let db = Db::new();
    ok(
        &db.path,
        &[
            "import",
            ATTACHMENT3,
            "--mapping",
            "taidi-message-board",
            "--create-units",
        ],
    );
    let orders = db.orders();
    assert_eq!(orders.len(), 4);
    for o in orders.values() {
        assert_eq!(o.unit.as_deref(), Some("留言板承办单位"), "{}", o.order_no);
        assert_eq!(o.status, Status::Handling, "{}", o.order_no);
        assert_eq!(o.assigned_at, Some(o.received_at), "{}", o.order_no);
        assert_eq!(o.accepted_at, Some(o.received_at), "{}", o.order_no);
        assert!(o.deadline.is_some(), "{}", o.order_no);
    }
    let o = &orders["LY188006"];
    assert_eq!(
        o.deadline,
        Some(working_days_after(o.received_at.date(), 10))
    );
    assert!(o.content.starts_with("学院要求学生"), "{:?}", o.content);
}

/// A command that must fail under `--lang zh`: its one `错误:` line, the last of stderr.
fn fails_zh(db: &Path, args: &[&str]) -> String {
    let out = hotline(db, args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("错误:")).collect();
    assert_eq!(errors.len(), 1, "{args:?}: one error line: {err}");
    assert_eq!(err.lines().last(), Some(errors[0]), "{args:?}: {err}");
    errors[0].to_string()
}

/// With `--lang zh`, every problem of a row is said in Chinese: the row, the column and why,
/// on the screen and in the rejects file (before, only the summary line was Chinese).
#[test]
fn row_problems_are_in_chinese_under_lang_zh() {
    let db = Db::new();
    let file = "tests/fixtures/import/broken/bad-dates.csv";
    let rejects = db.file("rejects.csv");
    let out = hotline(
        &db.path,
        &[
            "--lang",
            "zh",
            "import",
            file,
            "--create-units",
            "--skip-bad",
            s(&rejects),
        ],
    );
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("第 3 行，留言时间 列：“2019/13/45 9:32:09”不是日期"),
        "{stderr}"
    );
    assert!(
        stderr.contains("第 4 行，答复时间 列：“昨天下午”不是日期"),
        "{stderr}"
    );
    assert!(!stderr.contains("is not a date"), "{stderr}");
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        text.contains("留言时间：“2019/13/45 9:32:09”不是日期"),
        "{text}"
    );
    // Without --skip-bad: the one error line, its first problem in Chinese too.
    let e = fails_zh(
        &db.path,
        &["--lang", "zh", "import", file, "--create-units"],
    );
    assert!(
        e.contains("第一处：第 3 行，留言时间 列：“2019/13/45 9:32:09”不是日期"),
        "{e}"
    );
    // A history cell that is not hotline's, and an unknown status word.
    let csv = db.file("h.csv");
    std::fs::write(
        &csv,
        "编号,时间,标题,类别,状态\nA1,2020-01-02 09:00,路灯不亮,诉求,半办结\n",
    )
    .unwrap();
    let m = db.file("m.toml");
    std::fs::write(
        &m,
        "name = 'city'\n[columns]\norder_no = '编号'\nreceived_at = '时间'\ntitle = '标题'\ncategory = '类别'\nstatus = '状态'\n",
    )
    .unwrap();
    let e = fails_zh(
        &db.path,
        &["--lang", "zh", "import", s(&csv), "--mapping", s(&m)],
    );
    assert!(e.contains("第 2 行，状态 列：未知的状态“半办结”"), "{e}");
}
