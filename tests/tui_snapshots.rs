//! Snapshots of every tab, the detail and the dialogs, at 80×24 and 120×40, on the demo
//! database (its own clock: 2017-12-31 23:59, so the screens never change by themselves).
//! Update with `INSTA_UPDATE=always cargo test --test tui_snapshots`, then review the .snap files.

use hotline::context::Options as Global;
use hotline::domain::Lang;
use hotline::store::Store;
use hotline::tui::session::Session;
use hotline::tui::theme::Theme;
use hotline::tui::{run_script, script};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

fn demo_copy() -> (TempDir, PathBuf) {
    static DEMO: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, src) = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        hotline::demo::create(&path, "测试").unwrap();
        (dir, path)
    });
    let dir = tempfile::tempdir().unwrap();
    let dst = dir.path().join("demo.db");
    std::fs::copy(src, &dst).unwrap();
    (dir, dst)
}

fn screen_with(keys: &str, w: u16, h: u16, lang: Lang, theme: Theme) -> String {
    let (_dir, path) = demo_copy();
    let g = Global {
        db: Some(path.clone()),
        now: None,
        operator: Some("测试员".into()),
        lang,
    };
    let mut s = Session::new(Store::open(Path::new(&path)).unwrap(), g, theme, true).unwrap();
    run_script(&mut s, &script::parse(keys).unwrap(), w, h).unwrap()
}

const COLOR: Theme = Theme {
    color: true,
    ascii: false,
};

fn screen(keys: &str, w: u16, h: u16) -> String {
    screen_with(keys, w, h, Lang::Zh, COLOR)
}

/// One snapshot per size.
fn both(name: &str, keys: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(keys, w, h));
    }
}

#[test]
fn tab_pending() {
    both("pending", "");
}

#[test]
fn tab_overdue_with_marks() {
    both("overdue", "2 <Space> <Space>");
}

/// Marks on the pending list: the `*` column appears, the title counts them; `u` then names
/// the marked orders in the urge's form.
#[test]
fn pending_with_marks_and_the_urge_for_them() {
    both("pending_marked", "1 <Space> <Space> <Space>");
    // Three marked orders the office has dispatched, one returned (left out).
    insta::assert_snapshot!(
        "pending_marked_urge_80x24",
        screen("1 <Space> j j j j j j j <Space> <Space> <Space> u", 80, 24)
    );
}

#[test]
fn tab_overdue_grouped_by_unit() {
    insta::assert_snapshot!("overdue_by_unit_80x24", screen("2 o", 80, 24));
}

#[test]
fn tab_units() {
    both("units", "3");
}

/// The Units tab at 160 columns: every figure, the names uncut (公安局（交警队）), the chart
/// beside the tables.
#[test]
fn tab_units_wide() {
    insta::assert_snapshot!("units_160x48", screen("3", 160, 48));
}

/// Sorted by 办结率: named with its arrow (▼: the largest first) in the title and the header,
/// the first row selected.
#[test]
fn tab_units_sorted() {
    insta::assert_snapshot!("units_sorted_80x24", screen("3 j j o o", 80, 24));
    insta::assert_snapshot!("units_sorted_160x48", screen("3 o o o o o", 160, 48));
}

/// The Units tab judged by the beijing pack (`P`, then beijing): its columns, the score, the
/// rank within the tier and the floor failed (满意率 below 85 %), the pack in the title.
#[test]
fn tab_units_beijing() {
    both("units_beijing", "3 P j <Enter>");
}

/// The pack chooser: the shipped packs with their titles, the one in force marked.
#[test]
fn pack_chooser() {
    insta::assert_snapshot!("pack_chooser_80x24", screen("3 P", 80, 24));
}

/// Enter on 住建局 under beijing: what cost it points, largest first, as `hotline explain`.
#[test]
fn explain_screen() {
    both("explain", "3 P j <Enter> <Enter>");
}

/// Scrolled into table 2, whose title is off the screen: the header names the table.
#[test]
fn tab_units_townships_keep_their_label() {
    let s = screen("3 G", 80, 24);
    let header = s.lines().nth(3).unwrap_or_default();
    assert!(header.contains("表2 乡镇区"), "{s}");
    insta::assert_snapshot!("units_townships_80x24", s);
}

/// The pending list sorted by the time received, a column the 80-column list does not show:
/// the title names it.
#[test]
fn pending_sorted_on_a_hidden_column() {
    insta::assert_snapshot!("pending_sorted_80x24", screen("G o", 80, 24));
}

#[test]
fn tab_units_chart_on_a_narrow_screen() {
    insta::assert_snapshot!("units_chart_80x24", screen("3 b", 80, 24));
}

#[test]
fn tab_activity() {
    both("activity", "4");
}

#[test]
fn detail() {
    both("detail", "2 <Enter>");
}

#[test]
fn detail_history() {
    both("detail_history", "2 <Enter> G");
}

#[test]
fn unit_orders() {
    both("unit_orders", "3 <Enter>");
}

#[test]
fn help() {
    both("help", "?");
}

#[test]
fn filter() {
    both("filter", "2 / zjj");
}

#[test]
fn dialog_reply_editor() {
    both(
        "reply_editor",
        "2 r \"经核实，已于12月5日安排施工单位覆盖土方并洒水降尘，已电话告知诉求人。\" <Enter> \"联系人：马科长\"",
    );
}

#[test]
fn dialog_urge() {
    both("urge", "2 u \"请今日回复\"");
}

#[test]
fn dialog_bulk_urge() {
    both("bulk_urge", "3 U");
}

#[test]
fn dialog_dispatch_picker() {
    both("dispatch", "d zjj");
}

#[test]
fn dialog_dispatch_picker_ambiguous_selects_nothing() {
    both("dispatch_ambiguous", "d 海城 <Enter>");
}

#[test]
fn dialog_dispatch_time_limit() {
    both("dispatch_limit", "d 海城镇 <Enter>");
}

#[test]
fn dialog_intake() {
    both("intake", "i 3 路灯不亮");
}

#[test]
fn dialog_callback() {
    // The console of an order awaiting its callback: contact masked, reply, deadline, and
    // the three questions with the answers so far (y: contacted; the second one asked).
    both("callback", ": \"order 201711180005\" <Enter> c y");
}

#[test]
fn dialog_confirm_callback() {
    // The one confirmation: what will be recorded, asked once.
    both(
        "callback_confirm",
        ": \"order 201711180005\" <Enter> c n 2 3",
    );
}

#[test]
fn dialog_review_of_a_vague_reply() {
    both("review_vague", "2 r \"正在办理中\" <C-s> <Enter> v");
}

#[test]
fn dialog_on_site_supervision() {
    both(
        "supervise_on_site",
        "2 s <Tab> <Space> <Tab> \"住建局会议室\"",
    );
}

#[test]
fn dialog_period() {
    both("period", "3 p");
}

#[test]
fn refusal_message() {
    both("refused_accept", "2 a");
}

#[test]
fn done_message_after_urging() {
    both("urged", "2 u <Enter>");
}

#[test]
fn too_small() {
    insta::assert_snapshot!("too_small_60x20", screen("", 60, 20));
}

#[test]
fn english() {
    insta::assert_snapshot!(
        "english_detail_80x24",
        screen_with("2 <Enter>", 80, 24, Lang::En, COLOR)
    );
}

/// The Units tab in English: whole words in one style (Assigned, Supervisions, Redos, …).
#[test]
fn english_units() {
    insta::assert_snapshot!(
        "english_units_80x24",
        screen_with("3", 80, 24, Lang::En, COLOR)
    );
    insta::assert_snapshot!(
        "english_units_160x48",
        screen_with("3 o", 160, 48, Lang::En, COLOR)
    );
}

#[test]
fn ascii_borders_and_no_color() {
    let plain = Theme {
        color: false,
        ascii: true,
    };
    insta::assert_snapshot!(
        "ascii_units_80x24",
        screen_with("3", 80, 24, Lang::Zh, plain)
    );
}

/// ASCII mode draws no East Asian ambiguous-width symbol anywhere: separators, sort marks,
/// ellipses, bars, boxes all come from the theme.
#[test]
fn ascii_mode_draws_no_ambiguous_symbol() {
    let plain = Theme {
        color: false,
        ascii: true,
    };
    let ambiguous = ['·', '…', '—', '▲', '▼', '│', '█', '─', '┌', '└'];
    for keys in [
        "",
        "o",
        "G o",
        "2",
        "2 o",
        "2 O",
        "3",
        "3 G",
        "3 o o",
        "3 b",
        "4",
        "2 <Enter>",
        "2 <Enter> G",
        "?",
        "2 u",
        ":",
    ] {
        for (w, h) in [(80, 24), (160, 48)] {
            let s = screen_with(keys, w, h, Lang::Zh, plain);
            let bad: Vec<char> = s.chars().filter(|c| ambiguous.contains(c)).collect();
            assert!(
                bad.is_empty(),
                "keys {keys:?} at {w}x{h} draw {bad:?}:\n{s}"
            );
            let s = screen_with(keys, w, h, Lang::En, plain);
            let bad: Vec<char> = s.chars().filter(|c| ambiguous.contains(c)).collect();
            assert!(
                bad.is_empty(),
                "English, keys {keys:?} at {w}x{h} draw {bad:?}:\n{s}"
            );
        }
    }
}

/// A unit's late return request (迟退单) awaiting the office: the detail's 退单申请 line.
const RETURN_ASKED: &str = ":order <Space> 201710270003 <Enter> b \"不属本单位职责\" <Enter> y";

#[test]
fn detail_with_a_return_request() {
    both("detail_return_request", RETURN_ASKED);
}

#[test]
fn pending_return_requests_are_marked_in_the_list() {
    insta::assert_snapshot!(
        "pending_return_marker_80x24",
        screen(
            &format!("{RETURN_ASKED} <Esc> 1 / \"return:pending\" <Enter>"),
            80,
            24
        )
    );
}

#[test]
fn dialog_decide_return() {
    both("dialog_decide_return", &format!("{RETURN_ASKED} b"));
}

#[test]
fn dialog_exempt_kind() {
    insta::assert_snapshot!(
        "dialog_exempt_kind_80x24",
        screen(":order <Space> 201710270003 <Enter> X", 80, 24)
    );
}
