//! The report's CSV and workbook and the bulletin follow the assessment pack (`--pack`): the
//! pack's columns, score, rank, floors (and the adjusted figures where exemptions apply), the
//! workbook's native charts, the bulletin's 红黑榜 and the DOCX's chart pictures. Every
//! expected figure is read from `hotline report --pack … --format json` on the same database.

use calamine::{Data, Reader, Xlsx};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn hotline(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(["--operator", "测试员"])
        .args(args)
        .env_remove("HOTLINE_DB")
        .env_remove("HOTLINE_NOW")
        .env("HOTLINE_LOG", "off")
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

struct Demo {
    dir: tempfile::TempDir,
    db: PathBuf,
    /// The demo with one of 住建局's orders exempted (无理诉求), which beijing honours.
    exempt: PathBuf,
}

const EXEMPTED: &str = "201710270002";

fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        ok(&db, &["demo"]);
        let exempt = dir.path().join("exempt.db");
        ok(&exempt, &["demo"]);
        ok(
            &exempt,
            &[
                "exempt",
                EXEMPTED,
                "--kind",
                "unreasonable",
                "--reason",
                "诉求无理",
            ],
        );
        Demo { dir, db, exempt }
    })
}

const PERIOD: [&str; 6] = [
    "--from",
    "2017-10-27",
    "--to",
    "2017-12-31",
    "--as-of",
    "2017-12-31T23:59:59",
];

fn report(db: &Path, pack: &str, format: &str) -> String {
    let mut args = vec!["report", "--pack", pack, "--format", format];
    args.extend(PERIOD);
    ok(db, &args)
}

fn json(db: &Path, pack: &str) -> serde_json::Value {
    serde_json::from_str(&report(db, pack, "json")).unwrap()
}

fn unit<'a>(j: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    j["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
}

fn xlsx(db: &Path, pack: Option<&str>, name: &str) -> PathBuf {
    let out = demo().dir.path().join(name);
    let mut args = vec!["report", "--format", "xlsx", "--out", s(&out)];
    if let Some(p) = pack {
        args.extend(["--pack", p]);
    }
    args.extend(PERIOD);
    ok(db, &args);
    out
}

fn part(file: &Path, name: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut f = zip.by_name(name).ok()?;
    let mut v = Vec::new();
    f.read_to_end(&mut v).unwrap();
    Some(v)
}

fn text(file: &Path, name: &str) -> String {
    String::from_utf8(part(file, name).unwrap_or_else(|| panic!("{name} missing"))).unwrap()
}

fn header(file: &Path, sheet: &str) -> Vec<String> {
    let mut wb: Xlsx<_> = calamine::open_workbook(file).unwrap();
    let r = wb.worksheet_range(sheet).unwrap();
    let row: Vec<String> = r
        .rows()
        .nth(3)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    row
}

/// The row of a unit on a sheet, by its name in column 单位.
fn sheet_row(file: &Path, sheet: &str, unit: &str) -> Vec<Data> {
    let mut wb: Xlsx<_> = calamine::open_workbook(file).unwrap();
    let r = wb.worksheet_range(sheet).unwrap();
    r.rows()
        .find(|row| row.get(1).map(|c| c.to_string()).as_deref() == Some(unit))
        .unwrap_or_else(|| panic!("no row {unit}"))
        .to_vec()
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_workbook_follows_the_pack_and_charts_its_cells() {
    let d = demo();
    let file = xlsx(&d.db, Some("beijing"), "beijing.xlsx");
    let head = header(&file, "表一（县直单位）");
    assert_eq!(
        head,
        [
            "排名",
            "单位",
            "承办量",
            "有效回访",
            "响应率",
            "解决率",
            "满意率",
            "超期30天以上",
            "得分",
            "未达底线"
        ]
    );
    // The figures are the report's.
    let j = json(&d.db, "beijing");
    for name in ["住建局", "教体局", "贾塘乡"] {
        let sheet = if name == "贾塘乡" {
            "表二（乡镇区）"
        } else {
            "表一（县直单位）"
        };
        let row = sheet_row(&file, sheet, name);
        let u = unit(&j, name);
        assert_eq!(num(&row[0]), u["rank"].as_f64().unwrap(), "{name} rank");
        assert_eq!(num(&row[2]), u["assigned"].as_f64().unwrap());
        let close = |a: f64, b: f64| (a - b).abs() < 1e-4;
        assert!(close(
            num(&row[6]),
            u["satisfaction_rate"].as_f64().unwrap()
        ));
        assert!(close(num(&row[8]), u["score"].as_f64().unwrap()), "{name}");
        let floors = u["floors_failed"].as_array().unwrap();
        assert_eq!(row[9].to_string().is_empty(), floors.is_empty(), "{name}");
    }
    // Native charts: each refers to the sheet's cells (units and a figure's column).
    let chart = text(&file, "xl/charts/chart1.xml");
    assert!(
        chart.contains("'表一（县直单位）'!$B$6:$B$"),
        "categories: {chart}"
    );
    assert!(
        chart.contains("'表一（县直单位）'!$H$6:$H$"),
        "超期30天以上"
    );
    assert!(chart.contains("县直单位超期工单"));
    let rates = text(&file, "xl/charts/chart2.xml");
    for col in ["$E$6", "$F$6", "$G$6"] {
        assert!(
            rates.contains(&format!("'表一（县直单位）'!{col}")),
            "{col}"
        );
    }
    assert!(part(&file, "xl/charts/chart4.xml").is_some(), "both tiers");
    let drawing = text(&file, "xl/drawings/_rels/drawing1.xml.rels");
    assert!(drawing.contains("charts/chart1.xml"));

    // A pack without an overdue figure gets both as chart data, at the end.
    let file = xlsx(&d.db, Some("shanghai"), "shanghai.xlsx");
    let head = header(&file, "表二（乡镇区）");
    assert_eq!(head[head.len() - 2..], ["超期30天以上", "现超期"]);
    assert!(head.contains(&"先行联系率".to_string()));

    // The seed workbook keeps its cells, and charts its 超期30天以上 column.
    let file = xlsx(&d.db, None, "seed.xlsx");
    assert_eq!(header(&file, "表一（县直单位）")[4], "超期30天以上工单数");
    let chart = text(&file, "xl/charts/chart1.xml");
    assert!(chart.contains("'表一（县直单位）'!$E$6:$E$27"), "{chart}");
}

#[test]
fn csv_follows_the_pack_and_the_seed_csv_is_unchanged() {
    let d = demo();
    let csv = report(&d.db, "beijing", "csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("表,层级,排名,单位,承办量,有效回访,响应率,解决率,满意率,超期30天以上,得分,未达底线")
    );
    let j = json(&d.db, "beijing");
    let row = csv
        .lines()
        .find(|l| l.split(',').nth(3) == Some("住建局"))
        .unwrap();
    let cells: Vec<&str> = row.split(',').collect();
    let u = unit(&j, "住建局");
    assert_eq!(cells[2], u["rank"].to_string());
    assert_eq!(cells[10], format!("{:.2}", u["score"].as_f64().unwrap()));
    assert_eq!(cells[11], "满意率");
    // Each tier ranked, its 合计 last.
    let ranks: Vec<usize> = csv
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("1,") && !l.contains(",合计,"))
        .filter_map(|l| l.split(',').nth(2).and_then(|r| r.parse().ok()))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert!(csv.lines().any(|l| l.starts_with("1,县直单位,,合计,208,")));
    // The default and seed-2017 print the same CSV as before packs existed.
    let mut args = vec!["report", "--format", "csv"];
    args.extend(PERIOD);
    let plain = ok(&d.db, &args);
    assert_eq!(plain, report(&d.db, "seed-2017", "csv"));
    assert!(plain.starts_with("table,no,kind,unit,assigned,closed,overdue_30d,supervisions,"));
}

#[test]
fn exemptions_give_adjusted_columns() {
    let d = demo();
    let j = json(&d.exempt, "beijing");
    let u = unit(&j, "住建局");
    let adj = &u["adjusted"];
    assert_eq!(
        adj["assigned"].as_u64().unwrap() + 1,
        u["assigned"].as_u64().unwrap()
    );
    let csv = report(&d.exempt, "beijing", "csv");
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let at = |t: &str| head.iter().position(|h| *h == t).unwrap();
    let row: Vec<&str> = csv
        .lines()
        .find(|l| l.split(',').nth(3) == Some("住建局"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(row[at("剔除后承办量")], adj["assigned"].to_string());
    assert_eq!(
        row[at("剔除后得分")],
        format!("{:.2}", adj["score"].as_f64().unwrap())
    );
    assert_eq!(row[at("剔除后排名")], adj["rank"].to_string());
    let file = xlsx(&d.exempt, Some("beijing"), "exempt.xlsx");
    let head = header(&file, "表一（县直单位）");
    for t in ["剔除后承办量", "剔除后得分", "剔除后排名", "剔除后未达底线"] {
        assert!(head.contains(&t.to_string()), "{t}: {head:?}");
    }
    let md = bulletin(&d.exempt, &["--pack", "beijing"], "exempt.md");
    assert!(md.contains("| 得分 | 剔除后得分 | 未达底线 |"), "{md}");
    // The exempted order is out of the assessment: the 红黑榜 follow the adjusted figures,
    // and say so; the lists are `red_black` of the adjusted ranks.
    assert!(
        md.contains("以下按剔除后得分排名（剔除工单1件，不计入所属单位考核）"),
        "{md}"
    );
    let adjusted = serde_json::json!({
        "units": j["units"].as_array().unwrap().iter().map(|u| {
            let mut a = u["adjusted"].clone();
            a["unit"] = u["unit"].clone();
            a["kind"] = u["kind"].clone();
            a
        }).collect::<Vec<_>>()
    });
    let (_, black) = red_black(&adjusted, "department", 3);
    assert!(!black.is_empty(), "{adjusted}");
    let line = md.lines().find(|l| l.starts_with("黑榜")).unwrap();
    for name in &black {
        let short = name.split('（').next().unwrap();
        assert!(
            line.contains(short),
            "{name} on the adjusted black list: {line}"
        );
    }
}

fn bulletin(db: &Path, extra: &[&str], name: &str) -> String {
    let out = demo().dir.path().join(name);
    let mut args = vec!["bulletin", "--out", s(&out)];
    args.extend(PERIOD);
    args.extend(extra);
    ok(db, &args);
    std::fs::read_to_string(out).unwrap_or_default()
}

/// 红黑榜 as the report's JSON gives it: the tier's ranked units by rank (ties in the
/// table's order), the first n and the last n.
fn red_black(j: &serde_json::Value, kind: &str, n: usize) -> (Vec<String>, Vec<String>) {
    let mut ranked: Vec<(u64, String)> = j["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["kind"] == kind && u["rank"].is_u64())
        .map(|u| {
            (
                u["rank"].as_u64().unwrap(),
                u["unit"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    ranked.sort_by_key(|(r, _)| *r);
    // The README's rule: rank ≤ n is red, fewer than n ranked below is black (ties at either
    // boundary named whole), and a unit on both is on neither.
    let n = n.min(ranked.len() / 2) as u64;
    let below = |r: u64| ranked.iter().filter(|(x, _)| *x > r).count() as u64;
    let red_all: Vec<&String> = ranked
        .iter()
        .filter(|(r, _)| *r <= n)
        .map(|(_, u)| u)
        .collect();
    let black_all: Vec<&String> = ranked
        .iter()
        .filter(|(r, _)| below(*r) < n)
        .map(|(_, u)| u)
        .collect();
    let red = red_all
        .iter()
        .filter(|u| !black_all.contains(u))
        .map(|u| u.to_string())
        .collect();
    let black = black_all
        .iter()
        .filter(|u| !red_all.contains(u))
        .map(|u| u.to_string())
        .collect();
    (red, black)
}

#[test]
fn the_bulletin_follows_the_pack_with_red_and_black_lists() {
    let d = demo();
    let md = bulletin(&d.db, &["--pack", "beijing"], "beijing.md");
    assert!(
        md.contains(
            "| 排名 | 单位 | 承办量 | 有效回访 | 响应率 | 解决率 | 满意率 | 超期30天以上 | 得分 | 未达底线 |"
        ),
        "{md}"
    );
    assert!(md.contains("## 二、考核排名（红黑榜）"));
    assert!(md.contains("## 三、存在问题") && md.contains("## 四、下一步工作要求"));
    let j = json(&d.db, "beijing");
    let line = |prefix: &str| {
        md.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line {prefix}: {md}"))
            .to_string()
    };
    let red = line("红榜");
    let black = line("黑榜");
    for (kind, tier) in [("department", "县直单位"), ("township", "乡镇区")] {
        let (r, b) = red_black(&j, kind, 3);
        assert!(!r.is_empty(), "{kind}: {r:?}");
        let listed = |l: &str, names: &[String]| {
            let part = l.split(tier).nth(1).unwrap().split('；').next().unwrap();
            let got: Vec<String> = part
                .trim_end_matches('。')
                .split('、')
                .map(|x| x.split("（").next().unwrap().to_string())
                .collect();
            // A name with parentheses (公安局（交警队）) is cut at them above; compare so.
            let want: Vec<String> = names
                .iter()
                .map(|n| n.split('（').next().unwrap().to_string())
                .collect();
            assert_eq!(got, want, "{l}");
        };
        listed(&red, &r);
        listed(&black, &b);
        // Each with its score, as the report has it.
        let first = unit(&j, &r[0]);
        assert!(
            red.contains(&format!(
                "{}（{:.2}分）",
                r[0],
                first["score"].as_f64().unwrap()
            )),
            "{red}"
        );
    }
    // The seed's bulletin has no 红黑榜 and its own table.
    let seed = bulletin(&d.db, &[], "seed.md");
    assert!(!seed.contains("红黑榜") && seed.contains("## 二、存在问题"));
    assert!(seed.contains("| 序号 | 单位 | 承办量 | 办结量 | 超期30天以上工单数 | 督办次数 |"));
    assert_eq!(seed, bulletin(&d.db, &["--pack", "seed-2017"], "seed2.md"));
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let dec = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()));
    let r = dec.read_info().expect("a PNG");
    (r.info().width, r.info().height)
}

#[test]
fn the_docx_embeds_chart_pictures() {
    let d = demo();
    for (pack, images) in [(None, 2), (Some("beijing"), 4)] {
        let out = d
            .dir
            .path()
            .join(format!("{}.docx", pack.unwrap_or("seed")));
        let mut args = vec!["bulletin", "--out", s(&out)];
        args.extend(PERIOD);
        if let Some(p) = pack {
            args.extend(["--pack", p]);
        }
        ok(&d.db, &args);
        let doc = text(&out, "word/document.xml");
        let rels = text(&out, "word/_rels/document.xml.rels");
        assert!(
            text(&out, "[Content_Types].xml")
                .contains("Extension=\"png\" ContentType=\"image/png\"")
        );
        for n in 1..=images {
            let png = part(&out, &format!("word/media/image{n}.png"))
                .unwrap_or_else(|| panic!("{pack:?}: image{n}.png"));
            assert!(
                png.len() > 2000,
                "a picture, not a dot: {} bytes",
                png.len()
            );
            let (w, h) = png_size(&png);
            assert!(w >= 800 && h >= 100, "{w}×{h}");
            let rid = format!("rId{}", 100 + n);
            assert!(
                rels.contains(&format!("Id=\"{rid}\""))
                    && rels.contains(&format!("Target=\"media/image{n}.png\"")),
                "{rels}"
            );
            assert!(
                doc.contains(&format!("r:embed=\"{rid}\"")),
                "document refers to {rid}"
            );
        }
        assert!(part(&out, &format!("word/media/image{}.png", images + 1)).is_none());
        assert_eq!(doc.matches("<w:drawing>").count(), images);
        // The key names the bars' units in Word's text: 住建局 has the most overdue orders.
        assert!(doc.contains("图1　县直单位超期工单（件）"));
        assert!(doc.contains("注：图中编号为 1\u{a0}住建局"), "{pack:?}");
    }
}

#[test]
fn explain_leaves_an_exempted_order_out_and_explains_the_adjusted_score() {
    let d = demo();
    let explained = |db: &Path| -> serde_json::Value {
        serde_json::from_str(&ok(
            db,
            &[
                "explain",
                "--unit",
                "住建局",
                "--pack",
                "beijing",
                "--format",
                "json",
            ],
        ))
        .unwrap()
    };
    let nos = |e: &serde_json::Value| -> Vec<String> {
        e["orders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["order_no"].as_str().unwrap().to_string())
            .collect()
    };
    // With the exemption the order is left out, named apart, and the score explained is the
    // adjusted one (as the lists follow it).
    let before = explained(&d.db);
    assert_eq!(before["adjusted"], false);
    assert_eq!(before["exempted"], serde_json::json!([]));
    let after = explained(&d.exempt);
    assert!(!nos(&after).contains(&EXEMPTED.to_string()), "{after}");
    assert_eq!(after["adjusted"], true);
    assert_eq!(after["exempted"], serde_json::json!([EXEMPTED]));
    let report = json(&d.exempt, "beijing");
    let adj = &unit(&report, "住建局")["adjusted"];
    assert_eq!(after["score"], adj["score"], "{after}");
    let text = ok(
        &d.exempt,
        &["explain", "--unit", "住建局", "--pack", "beijing"],
    );
    assert!(
        text.contains(&format!("剔除，不计入): {EXEMPTED}")),
        "{text}"
    );
    // In Chinese on request.
    let zh = ok(
        &d.exempt,
        &[
            "explain",
            "--unit",
            "住建局",
            "--pack",
            "beijing",
            "--lang",
            "zh",
        ],
    );
    assert!(
        zh.contains("住建局（规则包 beijing）：剔除后得分")
            && zh.contains(&format!("剔除，不计入: {EXEMPTED}")),
        "{zh}"
    );
}

#[test]
fn the_json_totals_are_the_packs_figures_as_the_csv_prints_them() {
    let d = demo();
    let j = json(&d.db, "beijing");
    let csv = report(&d.db, "beijing", "csv");
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let at = |t: &str| head.iter().position(|h| *h == t).unwrap();
    let total: Vec<&str> = csv
        .lines()
        .find(|l| l.contains("县直单位") && l.contains("合计"))
        .unwrap()
        .split(',')
        .collect();
    let t = &j["table_totals"][0];
    for (code, title) in [
        ("satisfaction_rate", "满意率"),
        ("response_rate", "响应率"),
        ("valid_callbacks", "有效回访"),
    ] {
        let want: f64 = total[at(title)].parse().unwrap();
        assert!(
            (t[code].as_f64().unwrap() - want).abs() < 1e-9,
            "{code}: json {} csv {want}",
            t[code]
        );
    }
}
