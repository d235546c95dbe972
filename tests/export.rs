//! Exports: the demo's orders round-trip through CSV (UTF-8, and re-encoded as GB18030, as
//! Chinese Excel would save it) and XLSX into an empty database — every event comes back, so
//! the report is the same figure for figure; and the report workbook reads back with the
//! bulletin's layout and the scorecard's numbers.

use hotline::domain::EventKind;
use hotline::domain::UnitKind;
use hotline::domain::scorecard::{Period, Scorecard};
use hotline::domain::time::{parse_date, parse_datetime};
use hotline::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const REPORT: [&str; 9] = [
    "report",
    "--from",
    "2017-10-27",
    "--to",
    "2017-12-31",
    "--as-of",
    "2017-12-31T23:59:59",
    "--format",
    "json",
];

fn hotline(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(["--operator", "测试员"])
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

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The demo database, built once, and its CSV and XLSX exports.
struct Demo {
    dir: tempfile::TempDir,
    db: PathBuf,
    csv: PathBuf,
    xlsx: PathBuf,
}

fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        ok(&db, &["demo"]);
        let csv = dir.path().join("orders.csv");
        let xlsx = dir.path().join("orders.xlsx");
        let out = ok(&db, &["export", "--format", "csv", "--out", s(&csv)]);
        assert!(out.contains("574 orders and 9 unit supervisions"), "{out}");
        ok(&db, &["export", "--format", "xlsx", "--out", s(&xlsx)]);
        Demo { dir, db, csv, xlsx }
    })
}

/// Every event of every order and every unit supervision, in a comparable form.
fn all_events(db: &Path) -> Vec<String> {
    let store = Store::open(db).unwrap();
    let mut v: Vec<String> = store
        .recent_events(1 << 40)
        .unwrap()
        .into_iter()
        // An export's audit record belongs to the database it was made from, not to the history.
        .filter(|e| !matches!(e.event.kind, EventKind::Exported { .. }))
        .map(|e| {
            format!(
                "{:?} {} {} {:?} {}",
                e.order_no,
                e.event.at,
                e.event.operator,
                e.event.unit,
                serde_json::to_string(&e.event.kind).unwrap()
            )
        })
        .collect();
    v.sort();
    v
}

fn orders_json(db: &Path) -> serde_json::Value {
    let out = ok(
        db,
        &[
            "--now",
            "2017-12-31T23:59:59",
            "order",
            "list",
            "--format",
            "json",
        ],
    );
    serde_json::from_str(&out).unwrap()
}

fn round_trip(file: &Path, expect_source: &str) {
    let d = demo();
    let db = d.dir.path().join(format!(
        "{}.db",
        file.file_name().unwrap().to_str().unwrap()
    ));
    ok(&db, &["init"]);
    let out = ok(&db, &["import", s(file)]);
    assert!(
        out.contains(expect_source)
            && out.contains("mapping hotline")
            && out.contains("imported 574, skipped 0, duplicates 0")
            && out.contains("9 unit supervisions"),
        "{out}"
    );
    assert!(ok(&db, &["check"]).contains("replay = stored state: yes"));
    // The same report, figure for figure.
    assert_eq!(ok(&db, &REPORT), ok(&d.db, &REPORT));
    // The same orders and the same history, event for event.
    assert_eq!(orders_json(&db), orders_json(&d.db));
    assert_eq!(all_events(&db), all_events(&d.db));
    // Importing again adds nothing.
    let again = ok(&db, &["import", s(file)]);
    assert!(
        again.contains("imported 0, skipped 0, duplicates 583") && again.contains("nothing added"),
        "{again}"
    );
    assert_eq!(all_events(&db), all_events(&d.db));
}

#[test]
fn csv_round_trip() {
    round_trip(&demo().csv, "csv, utf-8");
}

#[test]
fn xlsx_round_trip() {
    round_trip(&demo().xlsx, "workbook, sheet 工单");
}

#[test]
fn gb18030_csv_round_trip() {
    // As Chinese Excel saves a CSV: GB18030, no BOM, CRLF.
    let d = demo();
    let text = std::fs::read_to_string(&d.csv).unwrap();
    let text = text.trim_start_matches('\u{feff}').replace('\n', "\r\n");
    let (bytes, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    let gb = d.dir.path().join("orders-gb18030.csv");
    std::fs::write(&gb, &bytes).unwrap();
    round_trip(&gb, "csv, gb18030");
}

#[test]
fn the_export_itself() {
    let d = demo();
    let text = std::fs::read_to_string(&d.csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, hotline::export::orders::COLUMNS);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 583);
    assert_eq!(rows.iter().filter(|r| &r[2] == "单位督办").count(), 9);
    // The count columns agree with the history column.
    for r in rows.iter().filter(|r| &r[2] != "单位督办") {
        let history = &r[21];
        let urges = history.lines().filter(|l| l.contains(" 催办 ")).count();
        assert_eq!(r[17].parse::<usize>().unwrap(), urges, "{}", &r[0]);
    }
    // --from/--to select by the received day.
    let part = d.dir.path().join("december.csv");
    let out = ok(
        &d.db,
        &[
            "export",
            "--from",
            "2017-12-01",
            "--to",
            "2017-12-31",
            "--out",
            s(&part),
        ],
    );
    let n: usize = out.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(n > 0 && n < 574, "{out}");
    // --mask hides names and phones.
    let masked = d.dir.path().join("masked.csv");
    ok(&d.db, &["export", "--mask", "--out", s(&masked)]);
    let m = std::fs::read_to_string(&masked).unwrap();
    assert!(m.contains("****"));
    let e = hotline(&d.db, &["export", "--out", s(&d.dir.path().join("x.txt"))]);
    assert!(!e.status.success());
    assert!(String::from_utf8_lossy(&e.stderr).contains("--format csv|xlsx"));
}

// ---------------------------------------------------------------------------------------
// `hotline report --format xlsx`

fn card() -> Scorecard {
    let store = Store::open(&demo().db).unwrap();
    hotline::report::scorecard(
        &store,
        Period {
            from: parse_date("2017-10-27").unwrap(),
            to: parse_date("2017-12-31").unwrap(),
            as_of: parse_datetime("2017-12-31T23:59:59", false).unwrap(),
        },
    )
    .unwrap()
}

fn text(d: &calamine::Data) -> String {
    match d {
        calamine::Data::Float(v) => format!("{v}"),
        other => other.to_string(),
    }
}

#[test]
fn report_workbook_reads_back_like_the_bulletin() {
    use calamine::{DataType, Reader};
    let d = demo();
    let out = d.dir.path().join("report.xlsx");
    let mut args: Vec<&str> = REPORT[..7].to_vec();
    args.extend(["--format", "xlsx", "--out", s(&out)]);
    ok(&d.db, &args);
    let card = card();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["表一（县直单位）", "表二（乡镇区）"]);
    for (kind, sheet, title, sub, total) in [
        (
            UnitKind::Department,
            "表一（县直单位）",
            "承办单位办件情况表一",
            "（县直单位）",
            [208.0, 119.0, 36.0, 24.0],
        ),
        (
            UnitKind::Township,
            "表二（乡镇区）",
            "承办单位办件情况表二",
            "（乡镇区）",
            [358.0, 247.0, 44.0, 30.0],
        ),
    ] {
        let r = wb.worksheet_range(sheet).unwrap();
        let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or_default();
        assert_eq!(text(&at(0, 0)), title);
        assert_eq!(text(&at(1, 0)), sub);
        assert_eq!(text(&at(2, 0)), "单位：件");
        let header: Vec<String> = (0..6).map(|c| text(&at(3, c))).collect();
        assert_eq!(
            header,
            [
                "序号",
                "单位",
                "承办量",
                "办结量",
                "超期30天以上工单数",
                "督办次数"
            ]
        );
        // 合计 first, as in the bulletin, with the computed totals.
        assert_eq!(text(&at(4, 1)), "合计");
        let got: Vec<f64> = (2..6).map(|c| at(4, c).as_f64().unwrap()).collect();
        assert_eq!(got, total);
        let t = card.table_total(kind).unwrap();
        assert_eq!(at(4, 2).as_f64(), Some(t.assigned as f64));
        // Every unit in order, with its figures and rates.
        let rows: Vec<_> = card.table(kind).collect();
        for (i, u) in rows.iter().enumerate() {
            let row = 5 + i as u32;
            assert_eq!(text(&at(row, 0)), (i + 1).to_string());
            assert_eq!(text(&at(row, 1)), u.unit);
            assert_eq!(at(row, 2).as_f64(), Some(u.assigned as f64), "{}", u.unit);
            assert_eq!(at(row, 3).as_f64(), Some(u.closed as f64), "{}", u.unit);
            assert_eq!(
                at(row, 4).as_f64(),
                Some(u.overdue_30d as f64),
                "{}",
                u.unit
            );
            assert_eq!(
                at(row, 5).as_f64(),
                Some(u.supervisions as f64),
                "{}",
                u.unit
            );
            match u.closure_rate {
                Some(v) => assert_eq!(at(row, 6).as_f64(), Some(v)),
                None => assert_eq!(text(&at(row, 6)), "—"),
            }
        }
        let remark = text(&at(5 + rows.len() as u32 + 1, 0));
        assert_eq!(remark, hotline::report::remark(&card));
        assert!(remark.starts_with("备注：此表统计截止于2017年12月31日，以交办量为统计口径"));
    }
    // Column widths and number formats are set.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(
        sheet.contains("<cols>") && sheet.contains("customWidth=\"1\""),
        "widths"
    );
    assert!(sheet.contains("<mergeCell "), "the title spans the table");
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(
        styles.contains("formatCode=\"0.0%\""),
        "rates as percentages"
    );
    // Without --out: a clear error.
    let e = hotline(
        &d.db,
        &REPORT[..7]
            .iter()
            .copied()
            .chain(["--format", "xlsx"])
            .collect::<Vec<_>>(),
    );
    assert!(String::from_utf8_lossy(&e.stderr).contains("--out"));
}

/// Issue 16: an export without --mask wrote every phone and recorded nothing. Every export is
/// now in the record: who, when, how many, masked or not.
#[test]
fn an_export_is_in_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, &["--now", "2017-11-01T08:00:00", "init"]);
    for t in ["路灯不亮", "噪音扰民"] {
        ok(
            &db,
            &[
                "--now",
                "2017-11-02T09:00:00",
                "order",
                "add",
                "--category",
                "request",
                "--title",
                t,
                "--phone",
                "13912345678",
            ],
        );
    }
    let out = dir.path().join("o.csv");
    ok(
        &db,
        &["--now", "2017-11-03T10:00:00", "export", "--out", s(&out)],
    );
    ok(
        &db,
        &[
            "--now",
            "2017-11-03T11:00:00",
            "export",
            "--mask",
            "--out",
            s(&out),
        ],
    );
    let store = Store::open(&db).unwrap();
    let exports: Vec<_> = store
        .recent_events(100)
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.event.kind {
            EventKind::Exported { orders, masked } => Some((
                e.event.at.to_string(),
                e.event.operator,
                orders,
                masked,
                e.stamp.account,
            )),
            _ => None,
        })
        .collect();
    let account = hotline::store::os_account();
    assert_eq!(
        exports,
        [
            (
                "2017-11-03 11:00:00".to_string(),
                "测试员".to_string(),
                2,
                true,
                account.clone()
            ),
            (
                "2017-11-03 10:00:00".to_string(),
                "测试员".to_string(),
                2,
                false,
                account
            ),
        ]
    );
    // It belongs to no order: the orders' histories and `check` are untouched by it.
    assert!(ok(&db, &["check"]).contains("replay = stored state: yes"));
}
