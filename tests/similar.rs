//! Duplicate candidates, hotspots and dispatch suggestions through the real binary.

mod common;

use common::cli::ok;
use std::path::{Path, PathBuf};

const NOW: &str = "2024-05-20T10:00:00";

fn new_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    ok(&path, NOW, &["init"]);
    (dir, path)
}

fn add(db: &Path, at: &str, title: &str, content: &str, phone: &str) -> String {
    ok(
        db,
        at,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            title,
            "--content",
            content,
            "--phone",
            phone,
            "--received-at",
            at,
        ],
    )
    .trim()
    .to_string()
}

#[test]
fn a_second_call_about_the_same_problem_lists_the_first_with_its_reasons() {
    let (_d, db) = new_db();
    let first = add(
        &db,
        "2024-05-02T09:00:00",
        "锦绣华府10号楼楼顶漏水",
        "锦绣华府10号楼顶楼住户家中天花板漏水，下雨更严重",
        "13812345678",
    );
    let other = add(
        &db,
        "2024-05-03T09:00:00",
        "红旗路夜间施工噪音扰民",
        "红旗路工地每天夜里施工到凌晨",
        "13900001111",
    );
    // The same phone, the building written another way.
    let again = add(
        &db,
        "2024-05-10T15:00:00",
        "锦绣华府10栋漏水还没修",
        "上次反映的锦绣华府10栋楼顶漏水，至今没有维修",
        "138-1234-5678",
    );
    let out = ok(&db, NOW, &["similar", &again]);
    assert!(out.contains(&first), "{out}");
    assert!(
        out.contains("同一电话") && out.contains("同一小区 锦绣华府10栋"),
        "{out}"
    );
    assert!(!out.contains(&other), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, NOW, &["similar", &again, "--format", "json"])).unwrap();
    let c = &json["candidates"][0];
    assert_eq!(c["order_no"], first.as_str());
    assert!(c["score"].as_f64().unwrap() >= 0.4);
    let reasons: Vec<&str> = c["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["same_phone", "same_place", "similar"]);
}

#[test]
fn a_neighbour_in_the_same_building_without_the_phone_is_a_candidate_too() {
    let (_d, db) = new_db();
    let first = add(
        &db,
        "2024-05-02T09:00:00",
        "阳光小区3栋电梯故障",
        "阳光小区3栋电梯经常停运，老人上下楼困难",
        "13812345678",
    );
    let second = add(
        &db,
        "2024-05-06T09:00:00",
        "阳光小区3号楼电梯又坏了",
        "阳光小区3号楼的电梯停运三天了",
        "13700002222",
    );
    let out = ok(&db, NOW, &["similar", &second]);
    assert!(
        out.contains(&first) && out.contains("同一小区 阳光3栋"),
        "{out}"
    );
    assert!(!out.contains("同一电话"), "{out}");
    // An order still open is compared whatever the window.
    let out = ok(&db, NOW, &["similar", &second, "--days", "1"]);
    assert!(out.contains(&first), "{out}");
}

#[test]
fn hotspots_of_the_message_board_list_its_largest_group() {
    let (_d, db) = new_db();
    ok(
        &db,
        NOW,
        &[
            "import",
            "tests/fixtures/taidi2020-c-attachment4.xlsx",
            "--create-units",
        ],
    );
    let args = [
        "hotspots",
        "--to",
        "2020-01-09",
        "--window",
        "3650",
        "--format",
        "json",
    ];
    let json: serde_json::Value = serde_json::from_str(&ok(&db, NOW, &args)).unwrap();
    let list = json.as_array().unwrap();
    let largest = list
        .iter()
        .max_by_key(|h| h["count"].as_u64().unwrap())
        .unwrap();
    // The board's most repeated problem: the planning of 泉星物流园 (four messages; a chain
    // of links would have joined them to the KTV noise of 泉星社区, another problem).
    assert_eq!(largest["count"], 4, "{largest}");
    assert!(
        largest["label"].as_str().unwrap().contains("物流园"),
        "{largest}"
    );
    assert_eq!(list[0]["order_nos"], largest["order_nos"], "the hottest");
    let table = ok(&db, NOW, &args[..5]);
    assert!(
        table.contains("LY17372") && table.contains("热度"),
        "{table}"
    );
}

#[test]
fn suggest_ranks_first_the_unit_that_got_similar_orders() {
    let (_d, db) = new_db();
    let dispatch = |no: &str, unit: &str| {
        ok(
            &db,
            "2024-05-01T10:00:00",
            &["dispatch", no, "--unit", unit],
        );
    };
    for (title, unit) in [
        ("小区路灯不亮", "住建局"),
        ("路灯损坏晚上不亮", "住建局"),
        ("学校食堂收费过高", "教体局"),
        ("幼儿园乱收费", "教体局"),
    ] {
        let no = add(&db, "2024-05-01T09:00:00", title, "", "");
        dispatch(&no, unit);
    }
    let new = add(&db, "2024-05-15T09:00:00", "我家门口路灯不亮", "", "");
    let out = ok(&db, NOW, &["suggest", &new]);
    let first = out.lines().nth(1).unwrap_or("");
    assert!(
        first.contains("1. 住建局") && first.contains("路灯"),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, NOW, &["suggest", &new, "--format", "json"])).unwrap();
    assert_eq!(json["suggestions"][0]["unit"], "住建局");
    assert_eq!(json["suggestions"][1]["unit"], "教体局");
}

#[test]
fn the_bulletin_with_hotspots_names_a_group_of_three_with_its_count() {
    let (d, db) = new_db();
    let mut nos = Vec::new();
    for (i, (day, phone)) in [
        ("2024-05-03", "13811110001"),
        ("2024-05-06", "13811110002"),
        ("2024-05-09", "13811110003"),
        ("2024-05-13", "13811110004"),
    ]
    .iter()
    .enumerate()
    {
        nos.push(add(
            &db,
            &format!("{day}T09:00:00"),
            &format!(
                "幸福家园5栋地下室污水外溢{}",
                ["", "，臭味大", "还没处理", "多次反映"][i]
            ),
            "幸福家园5栋地下室污水管道堵塞，污水外溢，臭味很大",
            phone,
        ));
    }
    add(
        &db,
        "2024-05-07T09:00:00",
        "红旗路夜间施工噪音扰民",
        "红旗路工地每天夜里施工到凌晨",
        "13900001111",
    );
    let out = d.path().join("b.md");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "bulletin",
            "--from",
            "2024-05-01",
            "--to",
            "2024-05-20",
            "--out",
            out.to_str().unwrap(),
        ];
        a.extend(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let a: Vec<String> = args(&["--hotspots"]);
    ok(&db, NOW, &a.iter().map(String::as_str).collect::<Vec<_>>());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("## 二、重复诉求和热点问题"), "{md}");
    assert!(
        md.contains("## 三、存在问题") && md.contains("## 四、下一步工作要求"),
        "{md}"
    );
    let line = md
        .lines()
        .find(|l| l.starts_with("（一）"))
        .unwrap_or_else(|| panic!("no group line:\n{md}"));
    assert!(line.contains("幸福家园5栋地下室污水外溢"), "{line}");
    assert!(line.contains("共4件，来电群众4人，尚未办结4件"), "{line}");
    for no in &nos {
        assert!(line.contains(no.as_str()), "{no}: {line}");
    }
    assert!(!md.contains("红旗路"), "one order is no hotspot: {md}");
    // Without the flag the bulletin is as before: no section, the numbers unchanged.
    let a: Vec<String> = args(&[]);
    ok(&db, NOW, &a.iter().map(String::as_str).collect::<Vec<_>>());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        !md.contains("热点问题") && md.contains("## 二、存在问题"),
        "{md}"
    );
}
