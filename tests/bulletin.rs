//! `hotline bulletin`: the demo's bulletin reproduces the source document's figures and
//! named units from the data; the DOCX is a valid WordprocessingML package with real
//! tables; the wording comes from a template the office can replace.

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
}

fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        ok(&db, &["demo"]);
        Demo { dir, db }
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

fn bulletin(name: &str, extra: &[&str]) -> PathBuf {
    let d = demo();
    let out = d.dir.path().join(name);
    let mut args = vec!["bulletin"];
    args.extend(PERIOD);
    args.extend(extra);
    args.extend(["--out", s(&out)]);
    ok(&d.db, &args);
    out
}

fn report_json(extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "--format", "json"];
    args.extend(extra);
    serde_json::from_str(&ok(&demo().db, &args)).unwrap()
}

#[test]
fn the_markdown_bulletin_says_what_the_data_says() {
    let md = std::fs::read_to_string(bulletin("b.md", &["--doc-no", "〔2018〕2号"])).unwrap();
    for want in [
        "〔2018〕2号",
        "# 关于“12345”政务服务热线工作情况的通报",
        "各乡镇人民政府，甘盐池管委会，海城街道办，政府各部门、各直属事业单位：",
        "## 一、热线承办情况",
        "县热线办自2017年10月27日至12月31日共受理市“12345”呼叫中心群众来电574件。其中，咨询类3件，建议类2件，诉求类569件。",
        "已办结366件，办结率为63.8%；正在办理208件（其中尚在热线办待转办8件）",
        // The source's heavy-load sentence, unit for unit.
        "如住建局87件，教体局27件，公安局（交警队）22件，人社局14件，贾塘乡54件，李旺镇36件，高崖乡33件。",
        "超期30天以上工单共80件",
        "## 二、存在问题",
        // The source names 住建局 and 贾塘乡 for chronic delay: the two with most overdue orders.
        "尤其是住建局、贾塘乡等单位",
        "依次为住建局20件、贾塘乡16件、红羊乡6件",
        "重新办理工单39件，占6.8%",
        "## 三、下一步工作要求",
        "### 承办单位办件情况表一（县直单位）",
        "| 序号 | 单位 | 承办量 | 办结量 | 超期30天以上工单数 | 督办次数 |",
        "|  | 合计 | 208 | 119 | 36 | 24 |",
        "| 1 | 住建局 | 87 | 31 | 20 | 2 |",
        "|  | 合计 | 358 | 247 | 44 | 30 |",
        "| 20 | 关庄乡 | 0 | 0 | 0 | 0 |",
        "备注：此表统计截止于2017年12月31日，以交办量为统计口径",
    ] {
        assert!(md.contains(want), "missing: {want}\n{md}");
    }
    // Every figure is the report's.
    let r = report_json(&PERIOD);
    let t = &r["totals"];
    for (k, text) in [
        ("open_overdue_30d", "其中超期30天以上{}件"),
        ("open_overdue_30d", "超期30天以上未办理回复的共{}件"),
    ] {
        let want = text.replace("{}", &t[k].to_string());
        assert!(md.contains(&want), "{want}");
    }
    let sup: u64 = r["table_totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["supervisions"].as_u64().unwrap())
        .sum();
    assert!(md.contains(&format!("督办{sup}次")), "supervisions {sup}");
    assert!(!md.contains("{{"), "no placeholder left");
    // Vague replies are counted from the replies' text (see src/bulletin/model.rs).
    assert!(
        md.contains("条回复不具体、不明确（含有“正在办理中”"),
        "{md}"
    );
}

/// The text of a WordprocessingML part: the runs' text, paragraphs on their own lines.
fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let j = rest[i..].find('>').unwrap() + i;
        let tag = &rest[i + 1..j];
        if tag == "/w:p" {
            out.push('\n');
        }
        if tag.starts_with("w:t ") || tag == "w:t" {
            let end = rest[j..].find("</w:t>").unwrap() + j;
            out.push_str(
                &rest[j + 1..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
            rest = &rest[end..];
            continue;
        }
        rest = &rest[j + 1..];
    }
    out
}

/// Tags open and close in order (a well-formedness check without an XML library).
fn balanced(xml: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let j = rest[i..].find('>').ok_or("unclosed <")? + i;
        let tag = &rest[i + 1..j];
        rest = &rest[j + 1..];
        if tag.starts_with('?') || tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name = tag.split_whitespace().next().unwrap_or("");
        if let Some(close) = name.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == close => {}
                other => return Err(format!("</{close}> closes {other:?}")),
            }
        } else {
            stack.push(name.to_string());
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed: {stack:?}"))
    }
}

#[test]
fn the_docx_is_a_word_document_with_real_tables() {
    let path = bulletin("b.docx", &[]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let types = part("[Content_Types].xml");
    assert!(
        types.contains("/word/document.xml")
            && types.contains("wordprocessingml.document.main+xml")
    );
    assert!(types.contains("/word/styles.xml"));
    let rels = part("_rels/.rels");
    assert!(rels.contains("Target=\"word/document.xml\"") && rels.contains("officeDocument"));
    assert!(part("word/_rels/document.xml.rels").contains("Target=\"styles.xml\""));
    let styles = part("word/styles.xml");
    let doc = part("word/document.xml");
    for (name, xml) in [
        ("styles", &styles),
        ("document", &doc),
        ("types", &types),
        ("rels", &rels),
    ] {
        balanced(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    // East-Asian font hints: 宋体 body, 黑体 headings.
    assert!(styles.contains("w:eastAsia=\"宋体\"") && styles.contains("w:eastAsia=\"zh-CN\""));
    assert!(doc.contains("w:eastAsia=\"黑体\""));
    // A4 with the official margins.
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    // Two real tables with borders and a repeated header row.
    let tables: Vec<&str> = doc.split("<w:tbl>").skip(1).collect();
    assert_eq!(tables.len(), 2);
    for (t, units) in tables.iter().zip([22, 20]) {
        let t = &t[..t.find("</w:tbl>").unwrap()];
        assert!(t.contains("<w:tblBorders>") && t.contains("w:val=\"single\""));
        assert!(t.contains("<w:tblHeader/>"));
        assert_eq!(
            t.matches("<w:tr>").count(),
            1 + 1 + units,
            "header, 合计, units"
        );
        assert_eq!(t.matches("<w:gridCol ").count(), 6);
    }
    let text = docx_text(&doc);
    for want in [
        "〔2017〕　号",
        "关于“12345”政务服务热线工作情况的通报",
        "一、热线承办情况",
        "共受理市“12345”呼叫中心群众来电574件",
        "办结率为63.8%",
        "二、存在问题",
        "尤其是住建局、贾塘乡等单位",
        "三、下一步工作要求",
        "海原县人民政府办公室",
        "附件1",
        "承办单位办件情况表一",
        "（县直单位）",
        "承办单位办件情况表二",
        "（乡镇区）",
        "单位：件",
        "超期30天以上工单数",
        "合计\n208\n119\n36\n24\n",
        "合计\n358\n247\n44\n30\n",
        "备注：此表统计截止于2017年12月31日",
    ] {
        assert!(text.contains(want), "missing: {want}");
    }
    assert!(!text.contains("{{"));
}

#[test]
fn a_month_and_the_office_own_template() {
    let d = demo();
    // --month: the month's days, counted at its end.
    let md = std::fs::read_to_string(bulletin_month("m.md", "2017-12")).unwrap();
    let r = report_json(&[
        "--from",
        "2017-12-01",
        "--to",
        "2017-12-31",
        "--as-of",
        "2017-12-31T23:59:59",
    ]);
    let received = r["totals"]["received"].as_u64().unwrap();
    assert!(received > 0 && received < 574);
    assert!(
        md.contains(&format!(
            "县热线办自2017年12月1日至12月31日共受理市“12345”呼叫中心群众来电{received}件"
        )),
        "{md}"
    );
    // The office's own wording.
    let tpl = d.dir.path().join("t.md");
    std::fs::write(
        &tpl,
        "<!-- ours -->\n# 热线月报\n本月受理{{received}}件{{?unassigned}}，待转办{{unassigned}}件{{/}}。\n@tables\n",
    )
    .unwrap();
    let out = bulletin("own.md", &["--template", s(&tpl)]);
    let own = std::fs::read_to_string(out).unwrap();
    assert!(
        own.starts_with("# 热线月报\n\n本月受理574件，待转办8件。\n\n### 承办单位办件情况表一"),
        "{own}"
    );
    // A mistake in a template: one clear error naming the line and the placeholder.
    std::fs::write(&tpl, "# 月报\n\n共{{recieved}}件\n").unwrap();
    let mut args = vec!["bulletin", "--template", s(&tpl), "--out"];
    let bad = d.dir.path().join("bad.md");
    args.push(s(&bad));
    let e = hotline(&d.db, &args);
    assert!(!e.status.success());
    let err = String::from_utf8(e.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("line 3") && err.contains("{{recieved}}") && err.contains("received"),
        "{err}"
    );
    assert!(!bad.exists());
    let e = hotline(&d.db, &["bulletin", "--month", "2017-13", "--out", s(&bad)]);
    assert!(String::from_utf8_lossy(&e.stderr).contains("not a month"));
}

fn bulletin_month(name: &str, month: &str) -> PathBuf {
    let d = demo();
    let out = d.dir.path().join(name);
    ok(&d.db, &["bulletin", "--month", month, "--out", s(&out)]);
    out
}

#[test]
fn the_seed_bulletin_gains_its_hotspots_only_with_the_flag() {
    let plain = std::fs::read_to_string(bulletin("plain.md", &[])).unwrap();
    assert!(!plain.contains("重复诉求和热点问题"), "{plain}");
    let md = std::fs::read_to_string(bulletin("hot.md", &["--hotspots"])).unwrap();
    for want in [
        "## 二、重复诉求和热点问题",
        // The same groups as `hotline hotspots` over the period, hottest first.
        "（一）贾塘乡田堡村一组水窖补助未兑现。共32件，来电群众32人",
        "（五）",
        "## 三、存在问题",
        "## 四、下一步工作要求",
    ] {
        assert!(md.contains(want), "missing: {want}\n{md}");
    }
    assert!(!md.contains("（六）"), "at most five groups");
    // The rest of the text is the seed's.
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("## "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (a, b) = (strip(&plain), strip(&md));
    assert!(b.len() > a.len() && b.contains(&a[..a.find("存在问题").unwrap_or(0)]));
}
