//! Finding orders in the TUI (issue 11, items 13 and 14): the `/` filter's words, status
//! names, pinyin and fields, `:find` over all orders, marks and saved views — by feeding keys
//! to the pure update and, where the database must answer, to the session.

use hotline::context::Options as Global;
use hotline::domain::{Lang, Status};
use hotline::store::Store;
use hotline::tui::app::ListId;
use hotline::tui::session::Session;
use hotline::tui::theme::Theme;
use hotline::tui::{run_script, script, update};
use ratatui::crossterm::event::KeyEvent;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// The demo database, built once per test binary and copied for each test.
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

fn global(path: &Path, lang: Lang) -> Global {
    Global {
        db: Some(path.to_path_buf()),
        now: None,
        operator: Some("测试员".into()),
        lang,
    }
}

fn session_lang(lang: Lang) -> (TempDir, Session) {
    let (dir, path) = demo_copy();
    let store = Store::open(&path).unwrap();
    let theme = Theme {
        color: true,
        ascii: false,
    };
    let s = Session::new(store, global(&path, lang), theme, true).unwrap();
    (dir, s)
}

fn session() -> (TempDir, Session) {
    session_lang(Lang::Zh)
}

fn keys(text: &str) -> Vec<KeyEvent> {
    script::parse(text).unwrap()
}

/// Feed keys to the pure update only.
fn feed(s: &mut Session, text: &str) {
    for k in keys(text) {
        let _ = update::on_key(&mut s.app, k);
    }
}

/// Feed keys through the session (effects run), drawing after each key as the app does.
fn run(s: &mut Session, text: &str) -> String {
    run_script(s, &keys(text), 80, 24).unwrap()
}

fn message(s: &Session) -> String {
    s.app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_filter_matches_status_names_and_pinyin_of_titles_and_units() {
    let (_d, mut s) = session();
    let all = s.app.len(ListId::Pending);
    feed(&mut s, "/ \"待审核\" <Enter>");
    let rows = s.app.pending_rows();
    assert!(!rows.is_empty() && rows.len() < all);
    assert!(rows.iter().all(|r| r.order.status == Status::Replied));
    feed(&mut s, "<Esc> / zhujianju <Enter>");
    let rows = s.app.pending_rows();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.order.unit.as_deref() == Some("住建局"))
    );
    // Pinyin initials of a title: every 路灯 order is found by `ld`.
    feed(&mut s, "<Esc> / \"路灯\" <Enter>");
    let by_name = s.app.pending_rows().len();
    assert!(by_name > 0);
    feed(&mut s, "<Esc> / ld <Enter>");
    let rows = s.app.pending_rows();
    assert!(rows.len() >= by_name, "{} {by_name}", rows.len());
    assert!(rows.len() < all);
}

#[test]
fn a_field_query_filters_and_a_bad_one_says_why_in_the_ui_language() {
    let (_d, mut s) = session();
    feed(&mut s, "2 / \"unit:zjj late:>30\" <Enter>");
    let rows = s.app.overdue_rows();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.order.unit.as_deref() == Some("住建局") && r.late > 30)
    );
    // Typing a bad value: the list shows nothing, the message says what and how.
    feed(&mut s, "/ \"late:>x\"");
    assert_eq!(s.app.len(ListId::Overdue), 0);
    let m = message(&s);
    assert!(m.contains("不是天数") && m.contains("late:>30"), "{m}");
    feed(&mut s, "<Esc>");
    assert!(s.app.len(ListId::Overdue) > 0);
    // English.
    let (_d, mut s) = session_lang(Lang::En);
    feed(&mut s, "/ \"colour:red\"");
    let m = message(&s);
    assert!(
        m.contains("unknown field 'colour:'") && m.contains("status:"),
        "{m}"
    );
    let _ = run(&mut s, "<Esc>");
}

#[test]
fn find_lists_every_order_closed_included_and_escape_returns() {
    use hotline::store::OrderFilter;
    use hotline::tui::app::{InputLine, Screen};
    let (_d, mut s) = session();
    run(&mut s, "/ \"路灯\" <Enter>");
    let open = s.app.len(ListId::Pending);
    let screen = run(&mut s, "<Esc> : \"find 路灯\" <Enter>");
    assert_eq!(s.app.screen(), Screen::Find);
    let expected = s
        .store()
        .list_orders(&OrderFilter {
            text: Some("路灯".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        expected.iter().any(|o| !o.is_open()),
        "the demo has closed 路灯 orders"
    );
    assert_eq!(s.app.len(ListId::Found), expected.len());
    assert!(expected.len() > open && open > 0);
    let rows = s.app.rows_of(ListId::Found);
    assert!(rows.iter().any(|r| !r.order.is_open()));
    assert!(
        rows.iter()
            .all(|r| r.order.title.contains("路灯") || r.order.content.contains("路灯"))
    );
    assert!(
        screen.contains("全部工单") && screen.contains("路灯"),
        "{screen}"
    );
    // Fields too, shared with the `/` filter.
    run(&mut s, ": \"find status:已办结 路灯\" <Enter>");
    assert_eq!(s.app.screen(), Screen::Find);
    let closed = expected.iter().filter(|o| !o.is_open()).count();
    assert_eq!(s.app.len(ListId::Found), closed);
    // Esc goes back to the list where `:find` was typed.
    run(&mut s, "<Esc>");
    assert_eq!(s.app.screen(), Screen::Tabs);
    assert_eq!(s.app.len(ListId::Pending), s.app.tab_counts().0);
    // A bad query opens nothing; the line comes back to be corrected.
    run(&mut s, ": \"find late:>x\" <Enter>");
    assert_eq!(s.app.screen(), Screen::Tabs);
    assert!(message(&s).contains("不是天数"), "{}", message(&s));
    let Some(InputLine::Command(i)) = &s.app.overlay.input else {
        panic!("{:?}", s.app.overlay.input)
    };
    assert_eq!(i.value(), "find late:>x");
}

#[test]
fn the_match_is_highlighted_in_the_visible_rows() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Modifier;
    let (_d, mut s) = session();
    run(&mut s, "/ \"路灯\" <Enter>");
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let done = term.draw(|f| s.draw(f)).unwrap();
    let buf = done.buffer;
    let (mut hit, mut plain) = (0, 0);
    // Below the frame's title and the header: the rows.
    for y in 3..buf.area.height - 3 {
        for x in 0..buf.area.width - 2 {
            if buf[(x, y)].symbol() == "路" && buf[(x + 2, y)].symbol() == "灯" {
                let lit = |x: u16| buf[(x, y)].modifier.contains(Modifier::UNDERLINED);
                if lit(x) && lit(x + 2) && !lit(x + 4) {
                    hit += 1;
                } else {
                    plain += 1;
                }
            }
        }
    }
    assert!(hit >= 3 && plain == 0, "{hit} highlighted, {plain} not");
}

#[test]
fn marks_all_a_range_and_inverted_and_bulk_urge_counts_them() {
    use hotline::tui::dialog::{Dialog, Purpose};
    let (_d, mut s) = session();
    feed(&mut s, "2 *");
    let n = s.app.len(ListId::Overdue);
    assert!(n > 10);
    assert_eq!(s.app.tabs.marks.len(), n);
    feed(&mut s, "~");
    assert!(s.app.tabs.marks.is_empty());
    // A range: from the order marked last to the cursor, either way.
    feed(&mut s, "j <Space> j j V");
    assert_eq!(s.app.tabs.marks.len(), 4);
    let rows: Vec<String> = s.app.overdue_rows()[1..5]
        .iter()
        .map(|r| r.order.order_no.clone())
        .collect();
    assert!(rows.iter().all(|no| s.app.tabs.marks.contains(no)));
    feed(&mut s, "g V");
    assert_eq!(
        s.app.tabs.marks.len(),
        5,
        "row 0 up to the last mark (row 1)"
    );
    // Inverted within a filter: only the orders listed change.
    feed(&mut s, "/ zjj <Enter> ~");
    let zjj = s.app.len(ListId::Overdue);
    let marked_zjj = s
        .app
        .overdue_rows()
        .iter()
        .filter(|r| s.app.tabs.marks.contains(&r.order.order_no))
        .count();
    assert!(zjj > 0 && marked_zjj > 0);
    feed(&mut s, "<Esc>");
    let total = s.app.tabs.marks.len();
    feed(&mut s, "U");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(f.title.contains(&format!("{total} 件工单")), "{}", f.title);
    let Purpose::BulkUrge { nos } = &f.purpose else {
        panic!()
    };
    assert_eq!(nos.len(), total);
    // V without a mark says how.
    let (_d, mut s) = session();
    feed(&mut s, "2 V");
    assert!(message(&s).contains("Space"), "{}", message(&s));
}

#[test]
fn views_are_saved_reopened_counted_and_deleted() {
    use hotline::tui::action::Tab;
    use hotline::tui::saved::Views;
    let (_d, mut s) = session();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("views.toml");
    s.app.env.views = Views::load(&path);
    feed(&mut s, ": \"views\" <Enter>");
    assert!(message(&s).contains("还没有保存的视图"), "{}", message(&s));
    // Save the overdue list filtered to 住建局, sorted by unit.
    feed(&mut s, "2 / zjj <Enter> o");
    let sort = s.app.tabs.list(ListId::Overdue).sort;
    assert_ne!(sort, 0);
    let n = s.app.len(ListId::Overdue);
    feed(&mut s, ": \"view save 住建局超期\" <Enter>");
    assert!(
        message(&s).contains("已保存视图“住建局超期”"),
        "{}",
        message(&s)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("住建局超期") && text.contains("zjj") && text.contains("unit"),
        "{text}"
    );
    // Elsewhere, reopened: the list, its filter and sort.
    feed(&mut s, "<Esc> 1 o");
    feed(&mut s, ": \"view 住建局超期\" <Enter>");
    assert_eq!(s.app.tabs.tab, Tab::Overdue);
    assert_eq!(s.app.tabs.list(ListId::Overdue).filter, "zjj");
    assert_eq!(s.app.tabs.list(ListId::Overdue).sort, sort);
    assert_eq!(s.app.len(ListId::Overdue), n);
    // Kept in the file: a new session (a fresh load) has it, with its live count.
    s.app.env.views = Views::load(&path);
    feed(&mut s, "<Esc> : \"views\" <Enter>");
    assert!(
        message(&s).contains(&format!("住建局超期（{n}）")),
        "{}",
        message(&s)
    );
    // A `:find` view.
    feed(
        &mut s,
        ": \"find 路灯\" <Enter> : \"view save 路灯全部\" <Enter> <Esc>",
    );
    feed(&mut s, ": \"view 路灯全部\" <Enter>");
    assert_eq!(s.app.tabs.list(ListId::Found).filter, "路灯");
    feed(&mut s, "<Esc>");
    // Deleted.
    feed(&mut s, ": \"view delete 住建局超期\" <Enter>");
    assert!(
        !std::fs::read_to_string(&path)
            .unwrap()
            .contains("住建局超期")
    );
    feed(&mut s, ": \"view 住建局超期\" <Enter>");
    let m = message(&s);
    assert!(
        m.contains("没有视图“住建局超期”") && m.contains("路灯全部"),
        "{m}"
    );
}

#[test]
fn a_bad_views_file_is_reported_in_both_languages_and_kept() {
    use hotline::tui::saved::Views;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("views.toml");
    let bad = "[[view]]\nname = \"a\"\nlist = \"overdue\"\nquery = \"zjj\n";
    std::fs::write(&path, bad).unwrap();
    for (lang, words) in [(Lang::Zh, "第 4 行"), (Lang::En, "line 4")] {
        let (_d, mut s) = session_lang(lang);
        s.app.env.views = Views::load(&path);
        feed(&mut s, "2 : \"view save b\" <Enter>");
        let m = message(&s);
        assert!(m.contains(words) && m.contains("views.toml"), "{m}");
        feed(&mut s, ": \"views\" <Enter>");
        assert!(message(&s).contains(words));
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        bad,
        "not overwritten"
    );
}

/// The message line is the input line while a filter is typed: a query that does not parse
/// says why inside the list, on the screen, while typing and after `Enter`.
#[test]
fn a_bad_filter_is_explained_on_the_screen_while_typing_and_after() {
    let (_d, mut s) = session();
    let screen = run(&mut s, "/ \"late:>x\"");
    assert!(screen.contains("不是天数"), "{screen}");
    let screen = run(&mut s, "<Enter>");
    assert!(screen.contains("不是天数"), "{screen}");
    // Corrected, the list is back and the explanation gone.
    let screen = run(&mut s, "/ <BS> 3 0 <Enter>");
    assert!(!screen.contains("不是天数"), "{screen}");
    assert!(s.app.len(ListId::Pending) > 0);
}
