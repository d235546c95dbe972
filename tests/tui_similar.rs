//! The TUI's faces of `hotline similar` and `hotline suggest`: the detail's 可能重复, the
//! dispatch picker's candidates after an intake, and its 建议 — found by the worker with the
//! CLI's functions, on a small database built through the CLI.

mod common;

use common::cli::ok;
use hotline::context::Options as Global;
use hotline::domain::Lang;
use hotline::store::Store;
use hotline::tui::dialog::Dialog;
use hotline::tui::session::Session;
use hotline::tui::theme::Theme;
use hotline::tui::{run_script, script};
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

fn session(db: &Path, lang: Lang) -> Session {
    let g = Global {
        db: Some(db.to_path_buf()),
        now: Some(NOW.into()),
        operator: Some("测试员".into()),
        lang,
    };
    let theme = Theme {
        color: true,
        ascii: false,
    };
    Session::new(Store::open(db).unwrap(), g, theme, false).unwrap()
}

fn run(s: &mut Session, text: &str) -> String {
    run_script(s, &script::parse(text).unwrap(), 100, 30).unwrap()
}

fn leak(db: &Path) -> String {
    add(
        db,
        "2024-05-02T09:00:00",
        "锦绣华府10号楼楼顶漏水",
        "锦绣华府10号楼顶楼住户家中天花板漏水，下雨更严重",
        "13812345678",
    )
}

#[test]
fn the_detail_of_a_second_call_shows_the_first_as_a_possible_duplicate() {
    let (_d, db) = new_db();
    let first = leak(&db);
    let other = add(
        &db,
        "2024-05-03T09:00:00",
        "红旗路夜间施工噪音扰民",
        "红旗路工地每天夜里施工到凌晨",
        "13900001111",
    );
    let again = add(
        &db,
        "2024-05-10T15:00:00",
        "锦绣华府10栋漏水还没修",
        "上次反映的锦绣华府10栋楼顶漏水，至今没有维修",
        "138-1234-5678",
    );
    let mut s = session(&db, Lang::Zh);
    let screen = run(&mut s, &format!(":order <Space> {again} <Enter>"));
    let line = screen
        .lines()
        .find(|l| l.contains("可能重复"))
        .unwrap_or_else(|| panic!("no 可能重复 line:\n{screen}"));
    assert!(line.contains(&first) && line.contains("同一电话"), "{line}");
    assert!(line.contains("同一小区 锦绣华府10栋"), "{line}");
    assert!(!screen.contains(&other), "{screen}");
    // The same in English, from the same function.
    let mut s = session(&db, Lang::En);
    let screen = run(&mut s, &format!(":order <Space> {again} <Enter>"));
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Possible duplicate") && l.contains(&first)),
        "{screen}"
    );
    // An order with no candidate shows no such line.
    let mut s = session(&db, Lang::Zh);
    let screen = run(&mut s, &format!(":order <Space> {other} <Enter>"));
    assert!(screen.contains(&other), "{screen}");
    assert!(!screen.contains("可能重复"), "{screen}");
}

#[test]
fn intake_of_a_second_call_shows_the_first_above_the_picker() {
    let (_d, db) = new_db();
    let first = leak(&db);
    let mut s = session(&db, Lang::Zh);
    run(&mut s, "i 3");
    run(
        &mut s,
        "锦绣华府10栋漏水还没修 <Tab> 上次反映的锦绣华府10栋楼顶漏水，至今没有维修 <Tab> 张先生 <Tab> 13812345678 <Tab> 锦绣华府 <C-s>",
    );
    let screen = run(&mut s, "y");
    assert!(
        matches!(s.app.overlay.dialog, Some(Dialog::Picker(_))),
        "the picker opens for the new order:\n{screen}"
    );
    let line = screen
        .lines()
        .find(|l| l.contains("可能重复"))
        .unwrap_or_else(|| panic!("no 可能重复 line:\n{screen}"));
    assert!(line.contains(&first) && line.contains("同一电话"), "{line}");
}

#[test]
fn the_picker_suggests_the_unit_that_got_similar_orders_without_selecting_it() {
    let (_d, db) = new_db();
    for (title, unit) in [
        ("小区路灯不亮", "住建局"),
        ("路灯损坏晚上不亮", "住建局"),
        ("学校食堂收费过高", "教体局"),
        ("幼儿园乱收费", "教体局"),
    ] {
        let no = add(&db, "2024-05-01T09:00:00", title, "", "");
        ok(
            &db,
            "2024-05-01T10:00:00",
            &["dispatch", &no, "--unit", unit],
        );
    }
    let new = add(&db, "2024-05-15T09:00:00", "我家门口路灯不亮", "", "");
    let mut s = session(&db, Lang::Zh);
    let screen = run(&mut s, &format!(":order <Space> {new} <Enter> d"));
    let Some(Dialog::Picker(p)) = &s.app.overlay.dialog else {
        panic!("no picker:\n{screen}");
    };
    // Shown, not preselected: the picker's own rule decides what is selected.
    assert_eq!(p.selected, None, "{screen}");
    let lines: Vec<&str> = screen.lines().filter(|l| l.contains("建议：")).collect();
    assert!(!lines.is_empty(), "no 建议 line:\n{screen}");
    assert!(
        lines[0].contains("住建局") && lines[0].contains('%') && lines[0].contains("路灯"),
        "{lines:?}"
    );
}
