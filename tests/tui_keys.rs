//! The TUI's key handling, tested by feeding keys to the pure update (`update::on_key`) and,
//! where the database must answer, to the session that runs the effects.

use hotline::context::Options as Global;
use hotline::domain::Lang;
use hotline::domain::{Action, EventKind, Status};
use hotline::store::Store;
use hotline::tui::action::{Effect, Submit, Tab};
use hotline::tui::app::{ListId, Screen};
use hotline::tui::dialog::{Dialog, Purpose};
use hotline::tui::keymap::{BINDINGS, Ctx};
use hotline::tui::session::Session;
use hotline::tui::theme::Theme;
use hotline::tui::{run_script, script, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
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

/// Feed keys to the pure update only; collect the effects.
fn feed(s: &mut Session, text: &str) -> Vec<Effect> {
    keys(text)
        .into_iter()
        .flat_map(|k| update::on_key(&mut s.app, k))
        .collect()
}

/// Feed keys through the session (effects run), drawing after each key as the app does.
fn run(s: &mut Session, text: &str) -> String {
    run_script(s, &keys(text), 80, 24).unwrap()
}

const FIRST_OVERDUE: &str = "201710270002"; // 住建局, handling, the most overdue

#[test]
fn number_keys_and_tab_switch_tabs() {
    let (_d, mut s) = session();
    assert_eq!(s.app.tabs.tab, Tab::Pending);
    feed(&mut s, "3");
    assert_eq!(s.app.tabs.tab, Tab::Units);
    feed(&mut s, "<Tab>");
    assert_eq!(s.app.tabs.tab, Tab::Activity);
    feed(&mut s, "<Tab>");
    assert_eq!(s.app.tabs.tab, Tab::Hotspots);
    feed(&mut s, "<Tab>");
    assert_eq!(s.app.tabs.tab, Tab::Pending);
    feed(&mut s, "<S-Tab>");
    assert_eq!(s.app.tabs.tab, Tab::Hotspots);
    feed(&mut s, "4");
    assert_eq!(s.app.tabs.tab, Tab::Activity);
    feed(&mut s, "2");
    assert_eq!(s.app.tabs.tab, Tab::Overdue);
}

#[test]
fn movement_stays_in_bounds() {
    let (_d, mut s) = session();
    let n = s.app.len(ListId::Pending);
    assert!(n > 100);
    feed(&mut s, "k k");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, 0);
    feed(&mut s, "j j <Down>");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, 3);
    feed(&mut s, "G");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, n - 1);
    feed(&mut s, "j");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, n - 1);
    feed(&mut s, "g");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, 0);
    // Pages are as tall as the list drawn last; before any drawing, a page is one row.
    run(&mut s, "");
    let page = s.app.tabs.list(ListId::Pending).page();
    feed(&mut s, "<PageDown>");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, page);
    feed(&mut s, "<C-u>");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, page - page / 2);
}

#[test]
fn key_release_events_are_ignored() {
    let (_d, mut s) = session();
    let mut k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    k.kind = KeyEventKind::Release;
    update::on_key(&mut s.app, k);
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, 0);
}

#[test]
fn filter_as_you_type_then_escape_clears() {
    let (_d, mut s) = session();
    let all = s.app.len(ListId::Pending);
    feed(&mut s, "/ \"住建局\"");
    let rows = s.app.pending_rows();
    assert!(!rows.is_empty() && rows.len() < all);
    assert!(
        rows.iter()
            .all(|r| r.order.unit.as_deref() == Some("住建局")
                || r.order.title.contains("住建局")
                || r.order.content.contains("住建局"))
    );
    feed(&mut s, "<Enter>");
    assert!(s.app.overlay.input.is_none());
    assert_eq!(s.app.tabs.list(ListId::Pending).filter, "住建局");
    feed(&mut s, "<Esc>");
    assert_eq!(s.app.len(ListId::Pending), all);
}

#[test]
fn filter_by_pinyin_initials_of_the_unit() {
    let (_d, mut s) = session();
    feed(&mut s, "2 / zjj <Enter>");
    let rows = s.app.overdue_rows();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.order.unit.as_deref() == Some("住建局"))
    );
}

#[test]
fn enter_opens_the_selected_order_and_escape_goes_back() {
    let (_d, mut s) = session();
    let fx = feed(&mut s, "2 <Enter>");
    assert_eq!(fx, vec![Effect::OpenDetail(FIRST_OVERDUE.into())]);
    run(&mut s, "<Enter>");
    assert_eq!(s.app.screen(), Screen::Detail);
    assert_eq!(
        s.app.detail.shown.as_ref().unwrap().row.order.order_no,
        FIRST_OVERDUE
    );
    assert!(s.app.detail.shown.as_ref().unwrap().events.len() >= 5);
    feed(&mut s, "<Esc>");
    assert_eq!(s.app.screen(), Screen::Tabs);
}

#[test]
fn urge_opens_a_note_and_enter_submits_with_the_version_seen() {
    let (_d, mut s) = session();
    feed(&mut s, "2");
    let version = s.app.current_order().unwrap().order.version;
    feed(&mut s, "u");
    assert!(matches!(s.app.overlay.dialog, Some(Dialog::Form(_))));
    let fx = feed(&mut s, "\"请尽快\" <Enter>");
    assert_eq!(
        fx,
        vec![Effect::Submit(Submit::Act {
            order_no: FIRST_OVERDUE.into(),
            version,
            action: Action::Urge {
                note: "请尽快".into()
            },
        })]
    );
}

#[test]
fn a_refused_action_quotes_the_workflow_and_names_the_keys_that_work() {
    let (_d, mut s) = session();
    feed(&mut s, "2 a");
    assert!(
        s.app.overlay.dialog.is_none(),
        "no dialog for a refused action"
    );
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("不能签收工单 201710270002"), "{m}");
    assert!(m.contains("现在可以：回复"), "{m}");
    assert!(m.contains("r 回复"), "{m}");
    // The same refusal in English, with the Chinese terms.
    let (_d, mut s) = session_lang(Lang::En);
    feed(&mut s, "2 a");
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("cannot accept (签收) order 201710270002"), "{m}");
    assert!(m.contains("allowed now: reply (回复)"), "{m}");
}

#[test]
fn reply_editor_takes_chinese_and_ctrl_s_submits() {
    let (_d, mut s) = session();
    feed(&mut s, "2 r");
    assert!(matches!(s.app.overlay.dialog, Some(Dialog::Editor(_))));
    // Empty: refused in the dialog, nothing to record.
    assert!(feed(&mut s, "<C-s>").is_empty());
    let fx = feed(&mut s, "\"已安排维修\" <Enter> \"次日修复\" <C-s>");
    match &fx[..] {
        [Effect::Submit(Submit::Act { action, .. })] => assert_eq!(
            action,
            &Action::Reply {
                text: "已安排维修\n次日修复".into()
            }
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn escape_in_the_editor_asks_before_discarding_text() {
    let (_d, mut s) = session();
    feed(&mut s, "2 r \"草稿\" <Esc>");
    assert!(s.app.overlay.dialog.is_some(), "first Esc only warns");
    feed(&mut s, "<Esc>");
    assert!(s.app.overlay.dialog.is_none());
}

#[test]
fn pasted_text_is_cleaned_of_control_characters() {
    let (_d, mut s) = session();
    feed(&mut s, "2 r");
    update::on_paste(&mut s.app, "维修\u{1b}[31m完成\u{202e}\r\n第二行");
    let Some(Dialog::Editor(e)) = &s.app.overlay.dialog else {
        panic!()
    };
    assert_eq!(e.text(), "维修[31m完成\n第二行");
}

#[test]
fn space_marks_and_bulk_urge_confirms_how_many() {
    let (_d, mut s) = session();
    feed(&mut s, "2 <Space> <Space> <Space>");
    assert_eq!(s.app.tabs.marks.len(), 3);
    feed(&mut s, "U");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(f.title.contains("3 件工单"), "{}", f.title);
    let Purpose::BulkUrge { nos } = f.purpose.clone() else {
        panic!()
    };
    // The confirmation says how many, then `y` records.
    assert!(feed(&mut s, "<Enter>").is_empty());
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(
        c.text.iter().any(|l| l.contains("3 件工单")),
        "{:?}",
        c.text
    );
    let fx = feed(&mut s, "y");
    assert_eq!(
        fx,
        vec![Effect::Submit(Submit::UrgeMany {
            order_nos: nos,
            note: String::new()
        })]
    );
}

#[test]
fn units_tab_urges_every_overdue_order_of_the_unit() {
    let (_d, mut s) = session();
    feed(&mut s, "3");
    assert_eq!(s.app.selected_unit().unwrap().unit, "住建局");
    let expected = s.app.overdue_of("住建局");
    assert!(expected.len() > 10);
    feed(&mut s, "U");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!()
    };
    assert!(
        f.title.contains(&format!("{} 件工单", expected.len())),
        "{}",
        f.title
    );
    assert_eq!(f.purpose, Purpose::BulkUrge { nos: expected });
}

#[test]
fn command_mode() {
    let (_d, mut s) = session();
    assert_eq!(
        feed(&mut s, ":unit <Space> zjj <Enter>"),
        vec![Effect::OpenUnit("住建局".into())]
    );
    assert_eq!(
        feed(&mut s, ": \"order 201710270009\" <Enter>"),
        vec![Effect::OpenDetail("201710270009".into())]
    );
    feed(&mut s, ": \"frobnicate\" <Enter>");
    assert!(s.app.message.as_ref().unwrap().text.contains("frobnicate"));
    feed(&mut s, ":q <Enter>");
    assert!(s.app.quit);
}

#[test]
fn dispatch_picker_filters_by_pinyin_initials() {
    let (_d, mut s) = session();
    // The first pending row is a returned order, waiting for the office to dispatch it again:
    // the pure update asks the session which unit returned it before the picker opens.
    let o = s.app.current_order().unwrap().order.clone();
    assert_eq!(o.status, Status::Returned);
    let fx = feed(&mut s, "d");
    assert_eq!(
        fx,
        vec![Effect::PickUnit {
            order_no: o.order_no.clone(),
            version: o.version,
            category: o.category,
        }]
    );
    // Through the session: hcz is 海城镇's initials alone, so it is selected; Enter, then
    // Enter on the default time limit, submits the dispatch.
    run(&mut s, "d hcz <Enter>");
    // Dispatching cannot be undone: it asks once, naming the unit, then records.
    assert!(feed(&mut s, "<Enter>").is_empty());
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.text.iter().any(|l| l.contains("海城镇")), "{:?}", c.text);
    let fx = feed(&mut s, "y");
    assert_eq!(
        fx,
        vec![Effect::Submit(Submit::Dispatch {
            order_no: o.order_no,
            version: o.version,
            unit: "海城镇".into(),
            // The category's limit, prefilled in the field.
            limit: hotline::ops::DeadlineSpec::Days(
                hotline::domain::TimeLimits::shipped().days(o.category)
            ),
            reassign: None,
        })]
    );
}

#[test]
fn reassign_reuses_the_dispatch_picker_then_asks_the_limit_and_a_reason() {
    let (_d, mut s) = session();
    feed(&mut s, "2");
    let o = s.app.current_order().unwrap().order.clone();
    let from = o.unit.clone().unwrap();
    let (to, typed) = if from == "贾塘乡" {
        ("海城镇", "hcz")
    } else {
        ("贾塘乡", "jtx")
    };
    run(&mut s, &format!("D {typed} <Enter>"));
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(
        f.title.contains("改派") && f.title.contains(to),
        "{}",
        f.title
    );
    // The limit prefilled, then the reason; it asks once, then records.
    run(&mut s, "<Tab> \"属乡镇职责\" <Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(
        c.text.iter().any(|l| l.contains("属乡镇职责")),
        "{:?}",
        c.text
    );
    let fx = feed(&mut s, "y");
    assert_eq!(
        fx,
        vec![Effect::Submit(Submit::Dispatch {
            order_no: o.order_no.clone(),
            version: o.version,
            unit: to.into(),
            limit: hotline::ops::DeadlineSpec::Days(
                hotline::domain::TimeLimits::shipped().days(o.category)
            ),
            reassign: Some("属乡镇职责".into()),
        })]
    );
    run(
        &mut s,
        &format!(
            ": \"order {}\" <Enter> D {typed} <Enter> <Tab> \"属乡镇职责\" <Enter> y",
            o.order_no
        ),
    );
    let now = s.store().require_order(&o.order_no).unwrap();
    assert_eq!(now.unit.as_deref(), Some(to));
    let last = s.store().events(&o.order_no).unwrap().pop().unwrap();
    assert!(
        matches!(&last.kind, EventKind::Reassigned { from: f, .. } if *f == from),
        "{last:?}"
    );
}

#[test]
fn a_new_sort_shows_the_list_from_its_top_with_its_arrow_in_the_title() {
    let (_d, mut s) = session();
    let screen = run(&mut s, "2");
    // The default: the most days late first, a descending column.
    assert!(screen.contains("排序：超期天数▼"), "{screen}");
    run(&mut s, "j j j");
    let screen = run(&mut s, "o");
    let st = s.app.tabs.list(ListId::Overdue);
    assert_eq!((st.sort, st.selected), (1, 0));
    let units: Vec<String> = s
        .app
        .overdue_rows()
        .iter()
        .map(|r| r.order.unit.clone().unwrap_or_default())
        .collect();
    // Grouped: each unit in one run, in the bulletin's order (住建局 first), seen from the top.
    let mut runs = units.clone();
    runs.dedup();
    let distinct: std::collections::BTreeSet<&String> = runs.iter().collect();
    assert_eq!(runs.len(), distinct.len(), "{runs:?}");
    assert_eq!(runs[0], "住建局");
    assert!(screen.contains("排序：承办单位▲"), "{screen}");
    assert!(screen.contains(" 1/165 "), "{screen}");
    assert_eq!(
        s.app.current_order().unwrap().order.unit.as_deref(),
        Some("住建局")
    );
    // Reversing is a new order too: the top again, the arrow turned.
    run(&mut s, "j j");
    let screen = run(&mut s, "O");
    assert_eq!(s.app.tabs.list(ListId::Overdue).selected, 0);
    assert!(screen.contains("排序：承办单位▼"), "{screen}");
    // A sort on a column the 80-column screen does not show is still named, and the
    // pending list goes to its top from the bottom.
    run(&mut s, "1 G");
    let screen = run(&mut s, "o");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, 0);
    assert!(screen.contains("排序：受理时间▼"), "{screen}");
    assert!(screen.contains(" 1/208 "), "{screen}");
    // Units: a figure's sort is the largest first (▼), named in the title and the header.
    let screen = run(&mut s, "3 j j o");
    assert_eq!(s.app.tabs.list(ListId::Units).selected, 0);
    assert!(screen.contains("排序：承办量▼"), "{screen}");
    assert!(screen.contains("承办量▼"), "{screen}");
}

#[test]
fn help_and_hint_bar_come_from_the_keymap() {
    let (_d, mut s) = session();
    let screen = run(&mut s, "?");
    assert!(s.app.overlay.help.is_some());
    // Every context's bindings are in the help text (at a width where nothing wraps).
    let help = hotline::tui::views::help_text(&s.app, 200);
    for b in BINDINGS {
        let label = b.label.get(Lang::Zh);
        assert!(help.contains(label), "help lacks {label}");
        assert!(
            help.contains(&b.keys_name()) || b.ctx == Ctx::Choice,
            "help lacks {}",
            b.keys_name()
        );
    }
    assert!(screen.contains("帮助"));
    feed(&mut s, "<Esc>");
    assert!(s.app.overlay.help.is_none());
}

#[test]
fn english_from_the_same_table() {
    let (_d, mut s) = session_lang(Lang::En);
    let screen = run(&mut s, "");
    assert!(screen.contains("Pending"), "{screen}");
    assert!(screen.contains("Days left"), "{screen}");
    assert!(!screen.contains("待办"));
}

// ---- Through the session: the database answers ------------------------------------------

#[test]
fn urging_by_keys_records_the_event_and_the_units_tab_counts_it() {
    let (_d, mut s) = session();
    let before = s
        .app
        .data
        .card
        .as_ref()
        .unwrap()
        .units
        .iter()
        .find(|r| r.unit == "住建局")
        .unwrap()
        .urges;
    run(&mut s, "2 u \"请今日回复\" <Enter>");
    assert!(s.app.overlay.dialog.is_none());
    assert!(s.app.message.as_ref().unwrap().text.contains("催办"));
    let events = s.store().events(FIRST_OVERDUE).unwrap();
    let last = events.last().unwrap();
    assert_eq!(
        last.kind,
        EventKind::Urged {
            note: "请今日回复".into()
        }
    );
    assert_eq!(last.operator, "测试员");
    let screen = run(&mut s, "3");
    let after = s
        .app
        .data
        .card
        .as_ref()
        .unwrap()
        .units
        .iter()
        .find(|r| r.unit == "住建局")
        .unwrap()
        .urges;
    assert_eq!(after, before + 1);
    assert!(screen.contains(&after.to_string()));
}

#[test]
fn reply_needs_handling_then_review_warns_when_vague() {
    let (_d, mut s) = session();
    run(&mut s, "2 r \"正在办理中\" <C-s>");
    assert_eq!(
        s.store().order(FIRST_OVERDUE).unwrap().unwrap().status,
        Status::Replied
    );
    // Review: the vague reply is flagged and rejecting is preselected.
    run(&mut s, "<Enter> v");
    let Some(Dialog::Choice(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.warn.as_deref().unwrap().contains("正在办理中"));
    assert_eq!(c.selected, 1);
    // Reject with the suggested reason, confirmed.
    run(&mut s, "<Enter> <Enter> y");
    let o = s.store().order(FIRST_OVERDUE).unwrap().unwrap();
    assert_eq!(o.status, Status::Handling);
}

/// Another operator, on another connection to the same file, urges an order.
fn urge_elsewhere(s: &Session, no: &str, note: &str) {
    let other = Store::open(s.store().path().unwrap()).unwrap();
    let ctx = hotline::ops::Ctx::new(s.app.env.now, "另一人");
    let urge = Action::Urge { note: note.into() };
    hotline::ops::act(&other, &ctx, no, &urge, None).unwrap();
}

#[test]
fn a_change_by_someone_else_is_a_conflict_and_the_text_is_kept() {
    let (_d, mut s) = session();
    run(&mut s, "2 u \"我的说明\"");
    let before = s.store().order(FIRST_OVERDUE).unwrap().unwrap().urges;
    // Another operator urges the same order meanwhile.
    urge_elsewhere(&s, FIRST_OVERDUE, "x");
    run(&mut s, "<Enter>");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("the dialog stays open")
    };
    assert!(f.error.as_deref().unwrap().contains("在您打开后已被改动"));
    assert_eq!(f.field(hotline::tui::i18n::S::DlgNoteOptional), "我的说明");
    // Having seen it, submitting again records it.
    run(&mut s, "<Enter>");
    assert!(s.app.overlay.dialog.is_none());
    let n = s.store().order(FIRST_OVERDUE).unwrap().unwrap().urges;
    assert_eq!(n, before + 2);
}

#[test]
fn another_process_change_is_picked_up_by_poll() {
    let (_d, mut s) = session();
    assert!(!s.poll().unwrap());
    let no = s.app.overdue_rows()[1].order.order_no.clone();
    urge_elsewhere(&s, &no, "第二个进程");
    assert!(s.poll().unwrap());
    let top = &s.app.data.activity[0];
    assert_eq!(top.order_no.as_deref(), Some(no.as_str()));
    assert_eq!(top.event.operator, "另一人");
    assert!(!s.poll().unwrap(), "nothing new the second time");
}

#[test]
fn period_selector_recomputes_the_scorecard() {
    let (_d, mut s) = session();
    let all = s.app.data.card.as_ref().unwrap().period;
    run(&mut s, "3 p 2");
    let month = s.app.data.card.as_ref().unwrap().period;
    assert_eq!(month.from.to_string(), "2017-12-01");
    assert!(month.from > all.from);
    run(
        &mut s,
        "p 4 <C-u> \"2017-11-01\" <Tab> <C-u> \"2017-11-30\" <Enter>",
    );
    let custom = s.app.data.card.as_ref().unwrap().period;
    assert_eq!(
        (custom.from.to_string(), custom.to.to_string()),
        ("2017-11-01".into(), "2017-11-30".into())
    );
}

#[test]
fn unit_screen_lists_the_units_orders_most_urgent_first() {
    let (_d, mut s) = session();
    run(&mut s, "3 <Enter>");
    assert_eq!(s.app.screen(), Screen::Unit);
    assert_eq!(s.app.data.unit.as_deref(), Some("住建局"));
    let rows = s.app.unit_order_rows();
    assert!(
        rows.iter()
            .all(|r| r.order.unit.as_deref() == Some("住建局"))
    );
    assert_eq!(rows[0].order.order_no, FIRST_OVERDUE);
}

#[test]
fn ctrl_s_submits_a_form_from_any_field_and_on_site_needs_its_fields() {
    let (_d, mut s) = session();
    let fx = feed(&mut s, "2 s \"加强督办\" <C-s>");
    match &fx[..] {
        [Effect::Submit(Submit::Act { action, .. })] => assert_eq!(
            action,
            &Action::Supervise {
                note: "加强督办".into(),
                on_site: None
            }
        ),
        other => panic!("{other:?}"),
    }
    // On site: place and measures are required; the form says which is missing.
    let (_d, mut s) = session();
    let fx = feed(&mut s, "2 s <Tab> <Space> <C-s>");
    assert!(fx.is_empty());
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!()
    };
    assert!(
        f.error.as_deref().unwrap().contains("地点"),
        "{:?}",
        f.error
    );
}

#[test]
fn the_last_unit_brings_its_tables_total_row_into_view() {
    let (_d, mut s) = session();
    // The units tab on 80x24 does not hold both tables: G goes to the last township, and the
    // townships' 合计 row under it is shown although it cannot be selected.
    let screen = run(&mut s, "3 G");
    let last = screen
        .lines()
        .rev()
        .find(|l| l.contains("合计"))
        .unwrap_or_else(|| panic!("no 合计 row after G:\n{screen}"));
    let card = s.app.data.card.as_ref().unwrap();
    let total = card
        .table_total(hotline::domain::UnitKind::Township)
        .unwrap();
    assert!(last.contains(&total.assigned.to_string()), "{last}");
    // And going up from there shows the departments' 合计 when their last unit is selected.
    let departments = s
        .app
        .unit_table(hotline::domain::UnitKind::Department)
        .len();
    let townships = s.app.unit_table(hotline::domain::UnitKind::Township).len();
    let up = "k ".repeat(townships);
    let screen = run(&mut s, up.trim());
    assert_eq!(
        s.app.tabs.list(hotline::tui::app::ListId::Units).selected,
        departments - 1
    );
    assert!(screen.contains("合计"), "{screen}");
}

#[test]
fn office_work_is_refused_to_a_unit_account_before_anything_is_typed() {
    let (_d, mut s) = session();
    s.app.env.role = hotline::domain::Role::Unit("住建局".into());
    for keys in ["2 U", "3 U", "3 s"] {
        s.app.overlay.dialog = None;
        s.app.message = None;
        feed(&mut s, keys);
        assert!(s.app.overlay.dialog.is_none(), "{keys}: a dialog opened");
        let m = s.app.message.clone().unwrap().text;
        assert!(m.contains("这是热线办的工作"), "{keys}: {m}");
    }
    // A unit account's own order refuses urging with the role's reason, in Chinese.
    feed(&mut s, "2 u");
    let m = s.app.message.clone().unwrap().text;
    assert!(
        m.contains("承办单位账号只能签收、退单、先行联系、申请延期和回复"),
        "{m}"
    );
}

#[test]
fn the_header_names_the_role_the_program_takes_the_operator_for() {
    let (_d, mut s) = session();
    // Outside the demo (which has no accounts), the header says who may do what.
    s.app.env.demo = false;
    s.app.env.role = hotline::domain::Role::Unit("住建局".into());
    let screen = run_script(&mut s, &keys("1"), 120, 40).unwrap();
    let top = screen.lines().next().unwrap_or_default().to_string();
    assert!(top.contains("测试员（住建局账号）"), "{top}");
    s.app.env.role = hotline::domain::Role::Admin;
    let screen = run_script(&mut s, &keys("1"), 120, 40).unwrap();
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or_default()
            .contains("（管理员）")
    );
    // Refusals name the role in Chinese, never as `unit (住建局)`.
    s.app.env.role = hotline::domain::Role::Unit("住建局".into());
    feed(&mut s, "2 U");
    let m = s.app.message.clone().unwrap().text;
    assert!(
        m.contains("测试员（住建局账号）不能") && !m.contains("unit ("),
        "{m}"
    );
}

#[test]
fn a_reply_in_the_detail_never_puts_closing_punctuation_at_a_line_start() {
    let (_d, mut s) = session();
    // 38 characters fill the detail's 76 columns at 80 wide: the comma that follows would start
    // the next line if lines broke between any two characters.
    let first = "经核实，该路段路灯线路老化导致故障，我单位已于十二月五日安排维修人员更换线路";
    assert_eq!(first.chars().count(), 38);
    let reply = format!(
        "{first}，已于次日恢复照明。请您再次确认，谢谢！如仍有问题，请拨打电话联系我们：我们将在三个工作日内答复；"
    );
    run(&mut s, &format!("2 r \"{reply}\" <C-s>"));
    assert_eq!(
        s.store()
            .order(FIRST_OVERDUE)
            .unwrap()
            .unwrap()
            .reply
            .as_deref(),
        Some(reply.as_str())
    );
    let screen = run_script(&mut s, &keys("<Enter>"), 80, 60).unwrap();
    let rows: Vec<&str> = screen
        .lines()
        .map(|l| l.trim_start_matches('│').trim_end_matches('│').trim())
        .collect();
    let at = rows
        .iter()
        .position(|r| r.starts_with("经核实"))
        .unwrap_or_else(|| panic!("{screen}"));
    let mut shown = String::new();
    for r in &rows[at..] {
        if r.is_empty() {
            break;
        }
        let c = r.chars().next().unwrap();
        assert!(
            !"。，、）：；！？".contains(c),
            "a line starts with {c}: {r}\n{screen}"
        );
        shown.push_str(r);
    }
    assert_eq!(shown, reply, "{screen}");
    // The break moved one character down with the comma rather than leave it alone.
    assert!(rows[at + 1].starts_with("路，"), "{screen}");
}

#[test]
fn below_the_minimum_size_no_key_acts_but_quit() {
    let (_d, mut s) = session();
    let before = s.store().events(FIRST_OVERDUE).unwrap().len();
    // At 70x20 only the note shows; urging by keys records nothing and opens nothing.
    let screen = run_script(&mut s, &keys("2 u \"请今日回复\" <Enter>"), 70, 20).unwrap();
    assert!(screen.contains("终端太小"), "{screen}");
    assert!(screen.contains("q 退出"), "{screen}");
    assert_eq!(s.store().events(FIRST_OVERDUE).unwrap().len(), before);
    assert!(s.app.overlay.dialog.is_none());
    assert_eq!(s.app.tabs.tab, Tab::Pending, "2 did not switch tabs either");
    // Enlarged, the same keys work.
    run(&mut s, "2 u \"请今日回复\" <Enter>");
    assert_eq!(s.store().events(FIRST_OVERDUE).unwrap().len(), before + 1);
    // A dialog open when the window shrinks keeps its text; quit waits for a larger window.
    run(&mut s, "u \"草稿\"");
    let screen = run_script(&mut s, &keys("q <Esc> <Esc>"), 70, 20).unwrap();
    assert!(!s.app.quit && s.app.overlay.dialog.is_some(), "{screen}");
    assert!(screen.contains("保留"), "{screen}");
    run(&mut s, "<Esc> <Esc>");
    assert!(s.app.overlay.dialog.is_none());
    // Quit works at any size.
    run_script(&mut s, &keys("q"), 70, 20).unwrap();
    assert!(s.app.quit);
}

/// What the user sees after some keys: the open dialog's error, else the status message.
fn shown_error(s: &Session) -> Option<String> {
    let from_dialog = match &s.app.overlay.dialog {
        Some(Dialog::Form(f)) => f.error.clone(),
        Some(Dialog::Picker(p)) => p.error.clone(),
        Some(Dialog::Choice(c)) => c.error.clone(),
        Some(Dialog::Confirm(c)) => c.error.clone(),
        Some(Dialog::Editor(e)) => e.error.clone(),
        Some(Dialog::Callback(c)) => c.error.clone(),
        None => None,
    };
    from_dialog.or_else(|| s.app.message.as_ref().map(|m| m.text.clone()))
}

fn has_cjk(t: &str) -> bool {
    t.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

/// An order the extension form opens on: handling, no pending request, deadline ahead.
fn extensible(s: &Session) -> String {
    let today = s.app.env.now.date();
    s.app
        .data
        .open
        .iter()
        .map(|r| &r.order)
        .find(|o| {
            o.status == Status::Handling
                && o.extension.is_none()
                && o.deadline.is_some_and(|d| d >= today)
        })
        .map(|o| o.order_no.clone())
        .expect("the demo has a handling order within its deadline")
}

#[test]
fn every_error_of_the_forms_and_commands_is_chinese_in_the_chinese_ui() {
    // (what is tried, keys through the session, the part the message must name)
    let (_d, s0) = session();
    let ext = extensible(&s0);
    drop(s0);
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "extension: bad date",
            format!(":order <Space> {ext} <Enter> e <C-u> 2018-13-01 <Tab> 理由 <C-s>"),
            "2018-13-01",
        ),
        (
            "extension: year out of range",
            format!(":order <Space> {ext} <Enter> e <C-u> 2300-01-01 <Tab> 理由 <C-s>"),
            "2300-01-01",
        ),
        ("extension: the deadline has passed", "2 e".into(), "已过"),
        (
            "close: no callback yet",
            format!("{} C", open_order("201711180005")),
            "回访",
        ),
        (
            "extension: empty reason",
            format!(":order <Space> {ext} <Enter> e <Enter> <Enter>"),
            "原因",
        ),
        (
            "on-site due date",
            "2 s <Tab> <Space> <Tab> 现场 <Tab> <Tab> 措施 <Tab> <C-u> 2017-02-30 <C-s>".into(),
            "2017-02-30",
        ),
        (
            "custom period: from",
            "3 p 4 <C-u> 2017-11-31 <C-s>".into(),
            "2017-11-31",
        ),
        ("custom period: to", "3 p 4 <Tab> <C-u> x <C-s>".into(), "x"),
        (
            "custom period: from after to",
            "3 p 4 <C-u> 2017-12-31 <Tab> <C-u> 2017-12-01 <C-s>".into(),
            "2017-12-31",
        ),
        (
            ":period with a bad date",
            ": \"period 2017-11-31 2017-12-01\" <Enter>".into(),
            "2017-11-31",
        ),
        (
            ":period with a bad end",
            ": \"period 2017-11-01 2017-12-32\" <Enter>".into(),
            "2017-12-32",
        ),
        (
            ":period reversed",
            ": \"period 2017-12-01 2017-11-01\" <Enter>".into(),
            "2017-12-01",
        ),
        (
            ":period nonsense",
            ": \"period soon\" <Enter>".into(),
            "period",
        ),
        (
            "unknown command",
            ": \"frobnicate\" <Enter>".into(),
            "frobnicate",
        ),
        (":unit with nothing", ": \"unit\" <Enter>".into(), "unit"),
        (
            ":unit unknown",
            ": \"unit 火星局\" <Enter>".into(),
            "火星局",
        ),
        (":unit ambiguous", ": \"unit 海城\" <Enter>".into(), "海城"),
        (":order with nothing", ": \"order\" <Enter>".into(), "order"),
        (":order unknown", ": \"order 999\" <Enter>".into(), "999"),
        ("dispatch: no unit matches", "d qqqqqq <Enter>".into(), ""),
        ("reply: empty", "2 r <C-s>".into(), "回复"),
    ];
    for (what, keys_text, names) in cases {
        let (_d, mut s) = session();
        run(&mut s, &keys_text);
        let shown = shown_error(&s).unwrap_or_else(|| panic!("{what}: no error shown"));
        assert!(has_cjk(&shown), "{what}: not Chinese: {shown}");
        assert!(
            shown.contains(names),
            "{what}: does not name {names:?}: {shown}"
        );
        // No sentence in it is English only.
        for line in shown.lines() {
            assert!(
                has_cjk(line),
                "{what}: an English-only line in the Chinese UI: {line}"
            );
        }
    }
}

/// Orders awaiting a callback (待回访) with none recorded yet, in the held open orders.
fn awaiting_callback(s: &Session) -> Vec<String> {
    s.app
        .data
        .open
        .iter()
        .map(|r| &r.order)
        .filter(|o| o.status == Status::AwaitingCallback && o.callback.is_none())
        .map(|o| o.order_no.clone())
        .collect()
}

fn open_order(no: &str) -> String {
    format!(":order <Space> {no} <Enter>")
}

#[test]
fn the_close_form_requires_a_reason_after_an_unsatisfied_callback() {
    use hotline::domain::CallbackResult;
    use hotline::tui::i18n::S;
    let (_d, mut s) = session();
    let no = awaiting_callback(&s)[0].clone();
    // Before any callback, closing is not offered: the workflow's reason, no form.
    run(&mut s, &format!("{} C", open_order(&no)));
    assert!(s.app.overlay.dialog.is_none());
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("尚未回访"), "{m}");
    // The citizen is unsatisfied: the close form's reason is required, and says so.
    run(&mut s, "c y 3 3 y");
    let o = s.store().order(&no).unwrap().unwrap();
    assert_eq!(o.callback, Some(CallbackResult::Unsatisfied));
    run(&mut s, "C");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert_eq!(f.fields[0].label, S::DlgReason, "not 原因（可不填）");
    assert!(f.fields[0].required);
    run(&mut s, "<Enter>");
    let e = shown_error(&s).unwrap();
    assert!(e.contains("原因"), "{e}");
    assert!(matches!(s.app.overlay.dialog, Some(Dialog::Form(_))));
    // Given, it asks once (closing cannot be undone), then closes.
    run(&mut s, "\"政策不允许\" <Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(
        c.text.iter().any(|l| l.contains("政策不允许")),
        "{:?}",
        c.text
    );
    run(&mut s, "y");
    assert_eq!(
        s.store().order(&no).unwrap().unwrap().status,
        Status::Closed
    );
}

#[test]
fn extension_is_not_offered_after_the_deadline_and_its_default_date_is_ahead() {
    use hotline::domain::ActionName;
    use hotline::tui::i18n::S;
    let (_d, mut s) = session();
    // The most overdue order: handling, its deadline long past.
    let screen = run(&mut s, "2 <Enter>");
    let allowed = screen
        .lines()
        .find(|l| l.contains("现在可以"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(allowed.contains("r 回复"), "{allowed}");
    assert!(
        !allowed.contains("延期"),
        "offered after the deadline: {allowed}"
    );
    let o = s.app.current_order().unwrap().order.clone();
    assert!(!s.app.env.allows(&o, ActionName::RequestExtension));
    // Refused with the workflow's reason before any form opens.
    run(&mut s, "e");
    assert!(s.app.overlay.dialog.is_none(), "{:?}", s.app.overlay.dialog);
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("已过") && m.contains("延期"), "{m}");
    // Within the deadline: the form's default date is later than it, never in the past.
    let ext = extensible(&s);
    run(&mut s, &format!("<Esc> {} e", open_order(&ext)));
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    let until = chrono::NaiveDate::parse_from_str(&f.field(S::DlgUntil), "%Y-%m-%d").unwrap();
    let deadline = s.app.current_order().unwrap().order.deadline.unwrap();
    assert!(until > deadline && until >= s.app.env.now.date(), "{until}");
}

#[test]
fn what_cannot_be_undone_is_shown_and_asked_once() {
    use hotline::tui::i18n::S;
    let (_d, mut s) = session();
    let o = s
        .app
        .data
        .open
        .iter()
        .map(|r| r.order.clone())
        .find(|o| o.status == Status::Dispatched)
        .unwrap();
    let no = o.order_no.clone();
    let unit = o.unit.clone().unwrap();
    let events = s.store().events(&no).unwrap().len();
    // 退单: the form, then what will be recorded — action, order, unit, reason — asked once.
    run(
        &mut s,
        &format!("{} b \"不属本单位职责\" <Enter>", open_order(&no)),
    );
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    let text = c.text.join("\n");
    assert!(
        c.title.contains("退单") && c.title.contains(&no),
        "{}",
        c.title
    );
    for part in [&unit[..], "不属本单位职责", "不可撤销"] {
        assert!(text.contains(part), "{part}: {text}");
    }
    // n: back to the form, the typed text kept; Esc in the confirmation cancels it all.
    run(&mut s, "n");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert_eq!(f.field(S::DlgReason), "不属本单位职责");
    run(&mut s, "<Enter> <Esc>");
    assert!(s.app.overlay.dialog.is_none());
    assert_eq!(
        s.store().events(&no).unwrap().len(),
        events,
        "nothing recorded"
    );
    // 签收 asks the same way (nothing to type first), and y records it.
    run(&mut s, "a");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.back.is_none() && c.title.contains("签收"), "{}", c.title);
    run(&mut s, "y");
    assert!(s.app.overlay.dialog.is_none());
    assert_eq!(
        s.store().order(&no).unwrap().unwrap().status,
        Status::Handling
    );
    // An urge is one step (a note and a count): no confirmation.
    let fx = feed(&mut s, "u <Enter>");
    assert!(matches!(&fx[..], [Effect::Submit(_)]), "{fx:?}");
}

#[test]
fn a_callback_without_a_phone_offers_nothing_to_reveal_and_records_nothing() {
    let (dir, mut s) = session();
    let db = dir.path().join("demo.db");
    // An order taken without a contact, through to awaiting its callback.
    let no = cli(
        &db,
        &[
            "order",
            "add",
            "--category",
            "request",
            "--title",
            "路灯不亮",
        ],
    )
    .trim()
    .to_string();
    cli(&db, &["dispatch", &no, "--unit", "住建局"]);
    cli(&db, &["accept", &no]);
    cli(&db, &["reply", &no, "--text", "已修复路灯。"]);
    cli(&db, &["review", &no, "--accept"]);
    s.reload().unwrap();
    let before = s.store().events(&no).unwrap().len();
    let screen = run(&mut s, &format!(":order <Space> {no} <Enter> c"));
    assert!(
        matches!(s.app.overlay.dialog, Some(Dialog::Callback(_))),
        "{screen}"
    );
    assert!(screen.contains("（未留联系方式）"), "{screen}");
    assert!(!screen.contains("按 p 显示"), "{screen}");
    run(&mut s, "p");
    assert_eq!(
        s.store().events(&no).unwrap().len(),
        before,
        "nothing recorded"
    );
}

#[test]
fn callbacks_as_a_console_reveal_choose_confirm_next() {
    use hotline::domain::CallbackResult;
    use hotline::domain::text::mask_phone;
    let (_d, mut s) = session();
    let waiting = awaiting_callback(&s);
    assert!(waiting.len() >= 2, "{waiting:?}");
    // From the Pending list, N selects the next order awaiting a callback and opens it.
    let screen = run(&mut s, "1 N");
    let Some(Dialog::Callback(c)) = &s.app.overlay.dialog else {
        panic!("{:?}\n{screen}", s.app.overlay.dialog)
    };
    let first = c.order.order_no.clone();
    let phone = c.order.phone.clone();
    assert!(waiting.contains(&first), "{first}");
    assert_eq!(s.app.current_order().unwrap().order.order_no, first);
    // The phone masked until asked for; the unit's reply and the deadline shown.
    assert!(!c.revealed);
    assert!(!screen.contains(&phone), "{screen}");
    assert!(screen.contains(&mask_phone(&phone)), "{screen}");
    for part in ["单位答复", "办理时限", "答复（", "按 p 显示"] {
        assert!(screen.contains(part), "{part}:\n{screen}");
    }
    // p: shown, and recorded as `order show --reveal` records it.
    let screen = run(&mut s, "p");
    assert!(screen.contains(&phone), "{screen}");
    let events = s.store().events(&first).unwrap();
    assert_eq!(
        events.last().map(|e| &e.kind),
        Some(&EventKind::ContactRevealed)
    );
    let Some(Dialog::Callback(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.revealed);
    // y 1 2: the three answers (已联系, 已解决, 基本满意), confirmed once, then recorded
    // (the version after the reveal).
    run(&mut s, "y 1 2");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.text.join("\n").contains("基本满意"), "{:?}", c.text);
    run(&mut s, "y");
    assert!(s.app.overlay.dialog.is_none(), "{:?}", s.app.message);
    let o = s.store().order(&first).unwrap().unwrap();
    assert_eq!(o.callback, Some(CallbackResult::BasicallySatisfied));
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("按 N 打开下一件待回访"), "{m}");
    // N again: the next order awaiting a callback, without leaving the screen.
    run(&mut s, "N");
    let Some(Dialog::Callback(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert_ne!(c.order.order_no, first);
    assert!(waiting.contains(&c.order.order_no));
}

/// The first pending row: an order a unit returned, waiting to be dispatched again; and the
/// unit that returned it.
fn returned_order(s: &Session) -> (String, String) {
    let o = s.app.current_order().unwrap().order.clone();
    assert_eq!(o.status, Status::Returned);
    let by = s
        .store()
        .events(&o.order_no)
        .unwrap()
        .into_iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::Returned { .. }))
        .and_then(|e| e.unit)
        .unwrap();
    (o.order_no, by)
}

fn dialog_title(s: &Session) -> String {
    match &s.app.overlay.dialog {
        Some(Dialog::Form(f)) => f.title.clone(),
        Some(Dialog::Picker(p)) => p.title.clone(),
        Some(Dialog::Choice(c)) => c.title.clone(),
        other => panic!("not a titled dialog: {other:?}"),
    }
}

#[test]
fn an_ambiguous_unit_selects_nothing_until_the_user_chooses() {
    let (_d, mut s) = session();
    let (no, by) = returned_order(&s);
    assert_ne!(by, "海城镇");
    // 海城 starts 海城镇 and 海城供电公司: Enter picks neither, and says to choose.
    run(&mut s, "d 海城 <Enter>");
    assert_eq!(
        s.store().order(&no).unwrap().unwrap().status,
        Status::Returned
    );
    assert!(
        matches!(s.app.overlay.dialog, Some(Dialog::Picker(_))),
        "the picker stays open"
    );
    let e = shown_error(&s).unwrap();
    assert!(e.contains("请用") && e.contains("选定"), "{e}");
    // The township is listed first; moving onto it and Enter goes on to the time limit.
    run(&mut s, "<Down> <Enter>");
    assert!(dialog_title(&s).contains("海城镇"), "{}", dialog_title(&s));
    assert_eq!(
        s.store().order(&no).unwrap().unwrap().status,
        Status::Returned
    );
    // The same in English.
    let (_d, mut s) = session_lang(Lang::En);
    run(&mut s, "d 海城 <Enter>");
    let e = shown_error(&s).unwrap();
    assert!(e.contains("choose one"), "{e}");
}

#[test]
fn an_exact_unit_name_is_selected_and_the_default_time_limit_is_shown() {
    let (_d, mut s) = session();
    let (no, _) = returned_order(&s);
    let o = s.store().order(&no).unwrap().unwrap();
    let days = hotline::domain::TimeLimits::shipped().days(o.category);
    let today = s.app.env.now.date();
    let deadline = hotline::ops::calendar().add_working_days(today, days);
    let screen = run(&mut s, "d 海城镇 <Enter>");
    // The time limit: the category's, with the deadline it gives, before anything is recorded.
    assert!(dialog_title(&s).contains("海城镇"), "{screen}");
    assert!(screen.contains(&deadline.to_string()), "{screen}");
    assert_eq!(
        s.store().order(&no).unwrap().unwrap().status,
        Status::Returned
    );
    run(&mut s, "<Enter> y");
    let o = s.store().order(&no).unwrap().unwrap();
    assert_eq!(o.status, Status::Dispatched);
    assert_eq!(o.unit.as_deref(), Some("海城镇"));
    assert_eq!(o.deadline, Some(deadline));
}

#[test]
fn the_unit_that_returned_the_order_is_not_preselected() {
    let (_d, mut s) = session();
    let (no, by) = returned_order(&s);
    // Its exact name typed: still not chosen for the user (it is listed, last).
    run(&mut s, &format!("d \"{by}\" <Enter>"));
    assert_eq!(
        s.store().order(&no).unwrap().unwrap().status,
        Status::Returned
    );
    assert!(matches!(s.app.overlay.dialog, Some(Dialog::Picker(_))));
    assert!(shown_error(&s).is_some_and(|e| e.contains("选定")));
    // Nothing typed: nothing selected either.
    run(&mut s, "<Esc> d <Enter>");
    assert_eq!(
        s.store().order(&no).unwrap().unwrap().status,
        Status::Returned
    );
    assert!(shown_error(&s).is_some_and(|e| e.contains("选定")));
}

#[test]
fn the_dispatch_time_limit_takes_working_days_or_a_date_and_refuses_a_bad_value() {
    let (_d, s0) = session();
    let (no, _) = returned_order(&s0);
    let today = s0.app.env.now.date();
    drop(s0);
    // Working days.
    let (_d, mut s) = session();
    let five = hotline::ops::calendar().add_working_days(today, 5);
    let screen = run(&mut s, "d 海城镇 <Enter> <C-u> 5");
    assert!(
        screen.contains(&five.to_string()),
        "the deadline shown: {screen}"
    );
    // The confirmation names the chosen limit, not the category's.
    run(&mut s, "<Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    let text = c.text.join("\n");
    assert!(text.contains(&format!("5 个工作日（至 {five}）")), "{text}");
    run(&mut s, "y");
    assert_eq!(s.store().order(&no).unwrap().unwrap().deadline, Some(five));
    // A date.
    let (_d, mut s) = session();
    let date = today + chrono::Duration::days(40);
    run(&mut s, &format!("d 海城镇 <Enter> <C-u> {date} <Enter>"));
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(
        c.text.join("\n").contains(&format!("至 {date}")),
        "{:?}",
        c.text
    );
    run(&mut s, "y");
    let o = s.store().order(&no).unwrap().unwrap();
    assert_eq!((o.status, o.deadline), (Status::Dispatched, Some(date)));
    // Bad values: said in Chinese, naming the value; nothing recorded, the form stays.
    for (bad, names) in [
        ("abc", "abc"),
        ("0", "1"),
        ("2017-13-01", "2017-13-01"),
        ("999", "999"),
    ] {
        let (_d, mut s) = session();
        run(&mut s, &format!("d 海城镇 <Enter> <C-u> {bad} <Enter>"));
        assert_eq!(
            s.store().order(&no).unwrap().unwrap().status,
            Status::Returned,
            "{bad}"
        );
        let e = shown_error(&s).unwrap_or_else(|| panic!("{bad}: no error"));
        assert!(has_cjk(&e) && e.contains(names), "{bad}: {e}");
        assert!(
            matches!(s.app.overlay.dialog, Some(Dialog::Form(_))),
            "{bad}"
        );
    }
}

#[test]
fn a_past_deadline_is_refused_in_the_form_before_any_confirmation() {
    let (_d, mut s) = session();
    let (no, _) = returned_order(&s);
    let past = s.app.env.now.date() - chrono::Duration::days(30);
    run(&mut s, &format!("d 海城镇 <Enter> <C-u> {past} <Enter>"));
    // The workflow's own refusal, in Chinese, with the form kept (no confirmation asked).
    let e = shown_error(&s).unwrap_or_else(|| panic!("no error"));
    assert!(e.contains("早于转办日期"), "{e}");
    assert!(
        matches!(s.app.overlay.dialog, Some(Dialog::Form(_))),
        "{:?}",
        s.app.overlay.dialog
    );
    assert_eq!(
        s.store().order(&no).unwrap().unwrap().status,
        Status::Returned
    );
    // Typing answers the error: it does not stand under the new text.
    run(&mut s, "<C-u> 5");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert_eq!(f.error, None);
    // Hours are taken too: an urgent order due in 2 hours.
    let (_d, mut s) = session();
    run(&mut s, "d 海城镇 <Enter> <C-u> 2小时 <Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.text.join("\n").contains("2 小时（至"), "{:?}", c.text);
    run(&mut s, "y");
    let o = s.store().order(&no).unwrap().unwrap();
    assert_eq!(
        o.due_at,
        Some(s.app.env.now + chrono::Duration::hours(2)),
        "{o:?}"
    );
}

#[test]
fn a_unit_account_is_not_offered_the_offices_keys() {
    let (_d, mut s) = session();
    // An order awaiting the office's review (待审核), as the unit that holds it.
    let o = s
        .store()
        .list_orders(&Default::default())
        .unwrap()
        .into_iter()
        .find(|o| o.status == Status::Replied && o.unit.is_some())
        .expect("the demo has a replied order");
    s.app.env.role = hotline::domain::Role::Unit(o.unit.clone().unwrap());
    run(&mut s, &format!(":order <Space> {} <Enter>", o.order_no));
    feed(&mut s, "d");
    let m = s.app.message.clone().unwrap().text;
    assert!(!m.contains("可按：v"), "the review key is not offered: {m}");
    assert!(m.contains("您现在对它没有可做的操作"), "{m}");
}

#[test]
fn intake_records_a_new_order_then_opens_the_dispatch_picker_for_it() {
    let (_d, mut s) = session();
    let before = s.store().list_orders(&Default::default()).unwrap().len();
    // `i`: the category first (3 = 诉求), then the form; Ctrl-S records.
    run(&mut s, "i 3");
    let confirm = run(
        &mut s,
        "路灯不亮 <Tab> 西关街路灯三天不亮 <Tab> 张先生 <Tab> 13800001111 <Tab> 西关街 <C-s>",
    );
    // The confirmation repeats what will be recorded, the content included.
    assert!(
        confirm.contains("内容") && confirm.contains("西关街路灯三天不亮"),
        "{confirm}"
    );
    run(&mut s, "y");
    let orders = s.store().list_orders(&Default::default()).unwrap();
    assert_eq!(orders.len(), before + 1, "{:?}", shown_error(&s));
    let new = orders
        .iter()
        .find(|o| o.title == "路灯不亮")
        .unwrap()
        .clone();
    assert_eq!(new.status, Status::Received);
    assert_eq!(new.category, hotline::domain::Category::Request);
    assert_eq!(new.phone, "13800001111");
    let ago = s.app.env.now - new.received_at;
    assert!(
        ago >= chrono::Duration::zero() && ago < chrono::Duration::minutes(1),
        "{ago}"
    );
    // The list shows it selected, and the dispatch picker is open for it.
    assert_eq!(
        s.app.current_order().map(|r| r.order.order_no.clone()),
        Some(new.order_no.clone())
    );
    assert!(
        dialog_title(&s).contains(&new.order_no),
        "{}",
        dialog_title(&s)
    );
    run(&mut s, "海城镇 <Enter> <Enter> y");
    let o = s.store().order(&new.order_no).unwrap().unwrap();
    assert_eq!(o.status, Status::Dispatched);
    assert_eq!(o.unit.as_deref(), Some("海城镇"));
}

#[test]
fn intake_refuses_a_bad_or_future_time_and_an_existing_number_in_both_languages() {
    // (keys after the title, the part the message must name)
    let cases = [
        ("<Tab> <Tab> <Tab> <Tab> <Tab> <C-u> 昨天 <C-s>", "昨天"),
        (
            "<Tab> <Tab> <Tab> <Tab> <Tab> <C-u> \"2099-01-01 08:00\" <C-s> y",
            "2099",
        ),
        (
            &format!("<Tab> <Tab> <Tab> <Tab> <Tab> <Tab> {FIRST_OVERDUE} <C-s> y"),
            FIRST_OVERDUE,
        ),
    ];
    for lang in [Lang::Zh, Lang::En] {
        for (keys_text, names) in &cases {
            let (_d, mut s) = session_lang(lang);
            let before = s.store().list_orders(&Default::default()).unwrap().len();
            run(&mut s, &format!("i 1 路灯不亮 {keys_text}"));
            let after = s.store().list_orders(&Default::default()).unwrap().len();
            assert_eq!(after, before, "{keys_text}: recorded");
            let e = shown_error(&s).unwrap_or_else(|| panic!("{keys_text}: no error"));
            assert!(e.contains(names), "{keys_text}: {e}");
            assert_eq!(
                has_cjk(&e.replace("昨天", "")),
                lang == Lang::Zh,
                "{keys_text}: {e}"
            );
            assert!(
                matches!(s.app.overlay.dialog, Some(Dialog::Form(_))),
                "{keys_text}: text kept"
            );
        }
    }
    // A unit account may not take in orders: refused before anything is typed.
    let (_d, mut s) = session();
    s.app.env.role = hotline::domain::Role::Unit("住建局".into());
    feed(&mut s, "i");
    assert!(s.app.overlay.dialog.is_none());
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("这是热线办的工作"), "{m}");
}

#[test]
fn intake_in_the_live_loop_selects_the_new_order_once_the_list_arrives() {
    let (_d, mut s) = session();
    s.set_live(true);
    for k in keys("i 3 路灯不亮 <C-s> y") {
        s.handle(&ratatui::crossterm::event::Event::Key(k));
    }
    let start = std::time::Instant::now();
    while s.busy() && start.elapsed() < std::time::Duration::from_secs(10) {
        s.pump();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let new = s
        .store()
        .list_orders(&Default::default())
        .unwrap()
        .into_iter()
        .find(|o| o.title == "路灯不亮")
        .unwrap();
    assert_eq!(
        s.app.current_order().map(|r| r.order.order_no.clone()),
        Some(new.order_no.clone())
    );
    assert!(matches!(s.app.overlay.dialog, Some(Dialog::Picker(_))));
}

/// A dispatched order of the demo, with no request pending.
fn dispatched_order(s: &Session) -> String {
    s.app
        .data
        .open
        .iter()
        .map(|r| &r.order)
        .find(|o| o.status == Status::Dispatched && o.return_request.is_none())
        .map(|o| o.order_no.clone())
        .expect("the demo has dispatched orders")
}

#[test]
fn b_asks_to_return_and_the_office_decides_with_the_same_key() {
    let (_d, mut s) = session();
    let no = dispatched_order(&s);
    // The unit's request: the order stays with the unit, the detail and the list say so.
    let screen = run(
        &mut s,
        &format!("{} b \"不属本单位职责\" <Enter> y", open_order(&no)),
    );
    let o = s.store().order(&no).unwrap().unwrap();
    assert_eq!(o.status, Status::Dispatched);
    assert!(o.unit.is_some() && o.return_request.is_some());
    assert!(screen.contains("退单申请"), "{screen}");
    let list = run(&mut s, "<Esc> 1 / \"return:pending\" <Enter>");
    let row = list
        .lines()
        .find(|l| l.contains(&no))
        .unwrap_or_else(|| panic!("{list}"));
    assert!(row.contains("待退单"), "{row}");
    assert_eq!(s.app.len(ListId::Pending), 1, "{list}");
    // A unit account may not decide it.
    let role = s.app.env.role.clone();
    s.app.env.role = hotline::domain::Role::Unit(o.unit.clone().unwrap());
    feed(&mut s, "b");
    assert!(s.app.overlay.dialog.is_none());
    s.app.env.role = role;
    // b now decides: refuse needs a reason, is confirmed, and the unit keeps the order.
    run(&mut s, "b");
    let Some(Dialog::Choice(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(matches!(c.purpose, Purpose::DecideReturn { .. }));
    assert!(c.title.contains("不属本单位职责"), "{}", c.title);
    run(&mut s, "2 <Enter>");
    let e = shown_error(&s).unwrap();
    assert!(e.contains("原因"), "{e}");
    run(&mut s, "\"属本单位职责\" <Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(
        c.text.iter().any(|l| l.contains("不同意退单")),
        "{:?}",
        c.text
    );
    run(&mut s, "y");
    let o = s.store().order(&no).unwrap().unwrap();
    assert!(o.return_request.is_none() && o.unit.is_some());
    assert_eq!(o.status, Status::Dispatched);
    // Asked again and approved: back with the office.
    run(
        &mut s,
        &format!(
            "<Esc> <Esc> {} b \"确属乡镇职责\" <Enter> y",
            open_order(&no)
        ),
    );
    run(&mut s, "b 1");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(
        c.text.iter().any(|l| l.contains("同意退单")),
        "{:?}",
        c.text
    );
    run(&mut s, "y");
    let o = s.store().order(&no).unwrap().unwrap();
    assert_eq!(o.status, Status::Returned);
    let events = s.store().events(&no).unwrap();
    let kinds: Vec<&str> = events.iter().rev().take(4).map(|e| e.kind.code()).collect();
    assert_eq!(
        kinds,
        [
            "returned",
            "return_requested",
            "return_refused",
            "return_requested"
        ]
    );
}

#[test]
fn x_exempts_an_order_with_a_kind_and_a_reason_and_lifts_it() {
    use hotline::domain::order::ExemptionKind;
    let (_d, mut s) = session();
    let no = dispatched_order(&s);
    // An operator is refused with the role's reason before anything opens.
    let role = s.app.env.role.clone();
    s.app.env.role = hotline::domain::Role::Operator;
    run(&mut s, &format!("{} X", open_order(&no)));
    assert!(s.app.overlay.dialog.is_none());
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("只有管理员可以剔除"), "{m}");
    s.app.env.role = role;
    // The kinds, then a required reason, then the confirmation.
    run(&mut s, "X");
    let Some(Dialog::Choice(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert_eq!(c.options.len(), 5, "{:?}", c.options);
    run(&mut s, "2 <Enter>");
    assert!(shown_error(&s).unwrap().contains("原因"));
    run(&mut s, "\"已起诉至法院\" <Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    let text = c.text.join("\n");
    assert!(
        text.contains("涉诉") && text.contains("已起诉至法院"),
        "{text}"
    );
    let screen = run(&mut s, "y");
    let o = s.store().order(&no).unwrap().unwrap();
    assert_eq!(
        o.exemption.as_ref().map(|e| e.kind),
        Some(ExemptionKind::Litigation)
    );
    assert!(
        screen.contains("剔除") && screen.contains("已起诉至法院"),
        "{screen}"
    );
    // X again lifts it (the reason optional), confirmed.
    run(&mut s, "X");
    assert!(matches!(
        &s.app.overlay.dialog,
        Some(Dialog::Form(f)) if matches!(f.purpose, Purpose::Unexempt { .. })
    ));
    run(&mut s, "<Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.title.contains("取消剔除"), "{}", c.title);
    run(&mut s, "y");
    assert!(s.store().order(&no).unwrap().unwrap().exemption.is_none());
}

#[test]
fn the_callback_console_asks_three_questions_and_records_the_answers() {
    use hotline::domain::CallbackResult;
    use hotline::domain::order::{Answers, Solved};
    let (_d, mut s) = session();
    let waiting = awaiting_callback(&s);
    let no = waiting[0].clone();
    let screen = run(&mut s, &format!("{} c", open_order(&no)));
    for part in [
        "单位是否联系过您",
        "诉求是否解决",
        "您是否满意",
        "4 未接通",
        "2 解释说明",
    ] {
        assert!(screen.contains(part), "{part}:\n{screen}");
    }
    // A digit before the first question is answered: it asks for y or n, nothing chosen.
    run(&mut s, "1");
    let e = shown_error(&s).unwrap();
    assert!(e.contains("y（是）"), "{e}");
    // n, then 2 (解释说明): the answers so far are shown; the third question is asked.
    let screen = run(&mut s, "n 2");
    assert!(
        screen.contains("未联系") && screen.contains("解释说明"),
        "{screen}"
    );
    let Some(Dialog::Callback(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert_eq!(
        (c.contacted, c.solved, c.question),
        (Some(false), Some(Solved::Explained), 2)
    );
    // Enter before the last answer names the question not answered.
    run(&mut s, "<Enter>");
    assert!(shown_error(&s).unwrap().contains("您是否满意"));
    // 3 (不满意): the confirmation shows the three answers; n goes back with them kept.
    let screen = run(&mut s, "3");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}\n{screen}", s.app.overlay.dialog)
    };
    let text = c.text.join("\n");
    for part in ["未联系", "解释说明", "不满意"] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert!(screen.contains("解释说明"), "{screen}");
    run(&mut s, "n");
    let Some(Dialog::Callback(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert_eq!(c.satisfaction, Some(CallbackResult::Unsatisfied));
    // y changes the first answer (已联系), back to the confirmation; y records it.
    run(&mut s, "y y");
    assert!(s.app.overlay.dialog.is_none(), "{:?}", s.app.message);
    let o = s.store().order(&no).unwrap().unwrap();
    assert_eq!(o.callback, Some(CallbackResult::Unsatisfied));
    let last = o.last_callback.unwrap();
    assert_eq!(
        last.answers,
        Answers {
            contacted: Some(true),
            solved: Some(Solved::Explained)
        }
    );
    // The detail shows the answers.
    let screen = run(&mut s, "");
    assert!(screen.contains("已联系，解释说明，不满意"), "{screen}");

    // 4: 未接通, whatever was answered: no answers recorded.
    let other = waiting[1].clone();
    run(&mut s, &format!("<Esc> {} c y 1 4", open_order(&other)));
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.text.join("\n").contains("不是有效回访"), "{:?}", c.text);
    run(&mut s, "y");
    let o = s.store().order(&other).unwrap().unwrap();
    assert_eq!(o.callback, Some(CallbackResult::Unreachable));
    assert_eq!(o.last_callback, None);
}

#[test]
fn t_records_the_units_first_contact_after_one_confirmation() {
    let (_d, mut s) = session();
    // 201710270002 is handling (住建局): t opens the note, then asks once.
    let before = s.store().events(FIRST_OVERDUE).unwrap().len();
    let screen = run(&mut s, &format!("{} t", open_order(FIRST_OVERDUE)));
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}\n{screen}", s.app.overlay.dialog)
    };
    assert!(f.title.contains("先行联系"), "{}", f.title);
    let screen = run(&mut s, "\"已电话联系诉求人\" <Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}\n{screen}", s.app.overlay.dialog)
    };
    assert!(
        c.text.join("\n").contains("已电话联系诉求人"),
        "{:?}",
        c.text
    );
    run(&mut s, "y");
    assert!(s.app.overlay.dialog.is_none(), "{:?}", s.app.message);
    let events = s.store().events(FIRST_OVERDUE).unwrap();
    assert_eq!(events.len(), before + 1);
    assert_eq!(
        events.last().map(|e| &e.kind),
        Some(&EventKind::Contacted {
            note: "已电话联系诉求人".into()
        })
    );
    let o = s.store().order(FIRST_OVERDUE).unwrap().unwrap();
    assert!(o.first_contact_at.is_some());
    // On an order awaiting its callback, t is refused with the workflow's words.
    let no = awaiting_callback(&s)[0].clone();
    run(&mut s, &format!("<Esc> {} t", open_order(&no)));
    assert!(s.app.overlay.dialog.is_none());
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("先行联系"), "{m}");
}

/// The orders `hotline forecast --by BY` names (the store's candidates, the domain's rule).
fn forecast_nos(s: &Session, by: &str) -> std::collections::BTreeSet<String> {
    use hotline::domain::forecast;
    let by = forecast::parse_by(by).unwrap();
    let candidates = s
        .store()
        .open_due_by(None, forecast::deadline_bound(by))
        .unwrap();
    forecast::forecast(&candidates, s.app.env.now, by)
        .unwrap()
        .order_nos()
        .into_iter()
        .collect()
}

#[test]
fn forecast_marks_exactly_its_orders_and_one_key_urges_them_all() {
    let (_d, mut s) = session();
    // The demo's clock is 2017-12-31: by 2018-02-15 orders not late yet cross too.
    let all = forecast_nos(&s, "2018-02-15");
    let now = s.app.env.now;
    // Of those, the ones the workflow lets be urged (a replied order waits for the office).
    let rows: Vec<_> = s
        .app
        .data
        .open
        .iter()
        .filter(|r| all.contains(&r.order.order_no))
        .filter(|r| {
            hotline::domain::workflow::precheck(&r.order, hotline::domain::ActionName::Urge, now)
                .is_ok()
        })
        .collect();
    let expected: std::collections::BTreeSet<String> =
        rows.iter().map(|r| r.order.order_no.clone()).collect();
    let not_late = rows.iter().filter(|r| !r.order.is_late(now)).count();
    assert!(
        expected.len() > 10 && expected.len() < all.len(),
        "{expected:?}"
    );
    assert!(not_late > 0);
    feed(&mut s, "1 : \"forecast 2018-02-15\" <Enter>");
    assert_eq!(s.app.tabs.tab, Tab::Overdue);
    assert_eq!(s.app.tabs.marks, expected);
    let m = s.app.message.clone().unwrap().text;
    assert!(
        m.contains(&format!("将有 {} 件工单", all.len()))
            && m.contains(&format!("可催办的 {} 件", expected.len()))
            && m.contains("2018-02-15")
            && m.contains(&format!("{not_late} 件尚未超期"))
            && m.contains(&format!("{} 件下一步在本中心", all.len() - expected.len())),
        "{m}"
    );
    // A reload keeps the marks on orders not late yet: they still cross.
    s.reload().unwrap();
    assert_eq!(s.app.tabs.marks, expected);
    // One key, the usual confirmation with how many, then every one is urged.
    feed(&mut s, "U");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    let n = format!("{} 件工单", expected.len());
    assert!(f.title.contains(&n), "{}", f.title);
    feed(&mut s, "<Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.overlay.dialog)
    };
    assert!(c.text.iter().any(|l| l.contains(&n)), "{:?}", c.text);
    let before: Vec<u32> = expected
        .iter()
        .map(|no| s.store().require_order(no).unwrap().urges)
        .collect();
    run(&mut s, "y");
    assert!(s.app.overlay.dialog.is_none(), "{:?}", s.app.message);
    for (no, b) in expected.iter().zip(before) {
        assert_eq!(s.store().require_order(no).unwrap().urges, b + 1, "{no}");
    }
    assert!(s.app.tabs.marks.is_empty() && s.app.tabs.forecast.is_none());
}

#[test]
fn forecast_refuses_a_bad_or_past_date_in_both_languages_and_says_when_too_long() {
    for (lang, arg, says) in [
        (Lang::Zh, "下周", "不是日期"),
        (Lang::En, "next-week", "is not a date"),
        (Lang::Zh, "2017-12-01", "早于今天"),
        (Lang::En, "2017-12-01", "before today"),
    ] {
        let (_d, mut s) = session_lang(lang);
        feed(&mut s, &format!(": \"forecast {arg}\" <Enter>"));
        let m = s.app.message.clone().unwrap().text;
        assert!(m.contains(says), "{arg}: {m}");
        assert!(s.app.tabs.marks.is_empty());
    }
    let (_d, mut s) = session();
    feed(&mut s, ":forecast <Enter>");
    assert!(s.app.message.clone().unwrap().text.contains(":forecast"));
    // Today: lateness is counted in days, so nothing crosses by today's end.
    feed(&mut s, ": \"fc 2017-12-31\" <Enter>");
    assert!(forecast_nos(&s, "2017-12-31").is_empty());
    let m = s.app.message.clone().unwrap().text;
    assert!(m.contains("没有新超期30天以上"), "{m}");
    assert!(s.app.tabs.marks.is_empty());
    // More open orders than the TUI holds: no marks, the command line named instead.
    feed(&mut s, "<Esc>");
    s.app.data.hold = 0;
    s.reload().unwrap();
    feed(&mut s, ": \"forecast 2018-01-15\" <Enter>");
    let m = s.app.message.clone().unwrap().text;
    assert!(
        m.contains("未结工单过多") && m.contains("hotline forecast --by 2018-01-15"),
        "{m}"
    );
    assert!(s.app.tabs.marks.is_empty());
}

/// Marks work on every order list, and an operation pressed with orders marked is filled
/// once and recorded on each marked order the workflow allows; the others are named in the
/// confirmation and left alone.
#[test]
fn marks_on_the_pending_list_and_one_urge_for_every_marked_order() {
    use hotline::domain::ActionName;
    let (_d, mut s) = session();
    // Every order of the pending list: some wait for the office (not to be supervised).
    feed(&mut s, "1 *");
    assert!(s.app.tabs.marks.len() > 100);
    let marked: Vec<String> = s.app.tabs.marks.iter().cloned().collect();
    let now = s.app.env.now;
    let (can, cannot): (Vec<String>, Vec<String>) = marked.iter().cloned().partition(|no| {
        let o = s.store().order(no).unwrap().unwrap();
        hotline::domain::workflow::precheck(&o, ActionName::Urge, now).is_ok()
    });
    assert!(!can.is_empty() && !cannot.is_empty());
    let before: Vec<u32> = marked
        .iter()
        .map(|no| s.store().order(no).unwrap().unwrap().urges)
        .collect();
    run(&mut s, "u \"本周内办结\"");
    let Some(Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("the urge's form: {:?}", s.app.overlay.dialog)
    };
    // The form names the marked orders, not the one under the cursor.
    assert!(
        f.title.contains(&format!("已选的 {} 件工单", can.len())),
        "{}",
        f.title
    );
    assert!(
        f.body[0].contains(&format!("另 {} 件不能办理", cannot.len())),
        "{:?}",
        f.body
    );
    run(&mut s, "<Enter>");
    let Some(Dialog::Confirm(c)) = &s.app.overlay.dialog else {
        panic!("a confirmation: {:?}", s.app.overlay.dialog)
    };
    let text = c.text.join("\n");
    assert!(
        c.title.contains(&format!("{} 件工单", can.len())),
        "{}",
        c.title
    );
    assert!(text.contains(can[0].as_str()), "{text}");
    assert!(text.contains(&format!("{} 件工单", cannot.len())), "{text}");
    assert!(text.contains("不能办理"), "{text}");
    run(&mut s, "y");
    assert!(s.app.overlay.dialog.is_none(), "{:?}", s.app.message);
    assert!(s.app.tabs.marks.is_empty(), "done: the marks are cleared");
    for (no, b) in marked.iter().zip(before) {
        let n = s.store().order(no).unwrap().unwrap().urges;
        let want = if can.contains(no) { b + 1 } else { b };
        assert_eq!(n, want, "{no}");
        let last = s.store().events(no).unwrap().pop().unwrap();
        if can.contains(no) {
            assert_eq!(
                last.kind,
                EventKind::Urged {
                    note: "本周内办结".into()
                }
            );
            assert_eq!(last.operator, "测试员");
        }
    }
}

/// An operation that needs each order's own text is refused with the marks set, before
/// anything is typed.
#[test]
fn with_orders_marked_a_reply_is_refused_before_anything_is_typed() {
    let (_d, mut s) = session();
    feed(&mut s, "1 <Space> <Space> k r");
    assert!(s.app.overlay.dialog.is_none());
    let m = s.app.message.as_ref().unwrap().text.clone();
    assert!(m.contains("分别填写"), "{m}");
    // Esc clears the marks on this list too; then the key acts on one order again.
    feed(&mut s, "<Esc>");
    assert!(s.app.tabs.marks.is_empty());
}

/// A batch is all or nothing: one marked order changed meanwhile so that the workflow
/// refuses it, and none is recorded; the message names the order.
#[test]
fn a_batch_with_one_refused_order_records_none_and_names_it() {
    let (_d, mut s) = session();
    run(&mut s, "2 <Space> <Space> k k u <Enter>");
    let marked: Vec<String> = s.app.tabs.marks.iter().cloned().collect();
    assert_eq!(marked.len(), 2);
    assert!(matches!(s.app.overlay.dialog, Some(Dialog::Confirm(_))));
    let urges: Vec<u32> = marked
        .iter()
        .map(|no| s.store().order(no).unwrap().unwrap().urges)
        .collect();
    // Meanwhile the office closes the second one's way to an urge: the unit replies.
    let other = Store::open(s.store().path().unwrap()).unwrap();
    let victim = &marked[1];
    let o = other.order(victim).unwrap().unwrap();
    let ctx = hotline::ops::Ctx::new(s.app.env.now, "另一人");
    if o.status == Status::Dispatched {
        hotline::ops::act(&other, &ctx, victim, &Action::Accept, None).unwrap();
    }
    let reply = Action::Reply {
        text: "已于本周完成维修，并电话告知来电人。".into(),
    };
    hotline::ops::act(&other, &ctx, victim, &reply, None).unwrap();
    run(&mut s, "y");
    let shown = format!(
        "{:?} {:?}",
        s.app.overlay.dialog.as_ref().map(|d| format!("{d:?}")),
        s.app.message
    );
    assert!(shown.contains(victim.as_str()), "{shown}");
    assert!(shown.contains("一件也未记录"), "{shown}");
    for (no, b) in marked.iter().zip(urges) {
        assert_eq!(s.store().order(no).unwrap().unwrap().urges, b, "{no}");
    }
}

// ---- Assessment packs on the Units tab (P) and the explain screen (Enter) -------------------

/// `hotline --db DB ARGS…`: the CLI's own answer, to compare the TUI with.
fn cli(db: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("HOTLINE_LOG", "off")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {:?}", out);
    String::from_utf8(out.stdout).unwrap()
}

/// The units `report --pack P` ranks, with their rank and the floors they fail.
fn cli_judged(db: &Path, pack: &str) -> Vec<(String, Option<u64>, Vec<String>)> {
    let json: serde_json::Value =
        serde_json::from_str(&cli(db, &["report", "--pack", pack, "--format", "json"])).unwrap();
    json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let floors = u["floors_failed"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|f| f.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            (
                u["unit"].as_str().unwrap_or_default().to_string(),
                u["rank"].as_u64(),
                floors,
            )
        })
        .collect()
}

/// The screen's line of a unit in the Units tab.
fn unit_line<'a>(screen: &'a str, unit: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.trim_start_matches('│').starts_with(unit))
        .unwrap_or_else(|| panic!("no line for {unit}:\n{screen}"))
}

#[test]
fn an_exemption_shows_the_adjusted_score_beside_the_raw_one_as_the_report_does() {
    let (dir, mut s) = session();
    let db = dir.path().join("demo.db");
    // One of 住建局's orders the office judges unreasonable (剔除).
    let no = s
        .store()
        .list_orders(&Default::default())
        .unwrap()
        .into_iter()
        .find(|o| o.unit.as_deref() == Some("住建局") && o.status == Status::Closed)
        .expect("a closed order of 住建局")
        .order_no;
    cli(
        &db,
        &[
            "exempt",
            &no,
            "--kind",
            "unreasonable",
            "--reason",
            "诉求明显不合理",
        ],
    );
    s.reload().unwrap();
    let screen = run_script(&mut s, &keys("3 P j <Enter>"), 160, 48).unwrap();
    assert!(screen.contains("剔除后得分"), "{screen}");
    let json: serde_json::Value = serde_json::from_str(&cli(
        &db,
        &["report", "--pack", "beijing", "--format", "json"],
    ))
    .unwrap();
    let u = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "住建局")
        .unwrap()
        .clone();
    let raw = u["score"].as_f64().unwrap();
    let adjusted = u["adjusted"]["score"].as_f64().unwrap();
    assert_ne!(raw, adjusted, "the exemption changes the score: {u}");
    let line = unit_line(&screen, "住建局");
    assert!(
        line.contains(&format!("{raw:.2}")) && line.contains(&format!("{adjusted:.2}")),
        "raw {raw:.2} and adjusted {adjusted:.2} in: {line}"
    );
    // Without exemptions in the period, no such column.
    let (_d, mut s) = session();
    let screen = run_script(&mut s, &keys("3 P j <Enter>"), 160, 48).unwrap();
    assert!(!screen.contains("剔除后得分"), "{screen}");
}

#[test]
fn at_80_columns_the_packs_floor_and_heaviest_terms_stay_whatever_the_sort() {
    let (_d, mut s) = session();
    run(&mut s, "3 P j <Enter>");
    // Every sort of the pack's columns, one after the other.
    for i in 0..8 {
        let screen = run(&mut s, "o");
        let header = screen.lines().nth(3).unwrap_or_default().to_string();
        // 满意率 is beijing's floor and 解决率 its heaviest term (50): they never give way.
        assert!(
            header.contains("满意率") && header.contains("解决率"),
            "sort {i}: {header}"
        );
    }
}

#[test]
fn p_chooses_a_pack_and_the_units_tab_shows_its_columns_rank_and_floors() {
    let (dir, mut s) = session();
    run(&mut s, "3 P");
    let Some(Dialog::Choice(c)) = &s.app.overlay.dialog else {
        panic!("no chooser: {:?}", s.app.overlay.dialog);
    };
    assert_eq!(c.purpose, Purpose::Pack);
    assert_eq!(c.selected, 0, "the pack in force is selected");
    assert!(
        c.options[0].starts_with("seed-2017（当前）"),
        "{:?}",
        c.options
    );
    assert!(
        c.options[1].starts_with("beijing") && c.options[1].contains("三率考核（北京式）"),
        "{:?}",
        c.options
    );
    assert_eq!(c.options.len(), 5);
    let screen = run(&mut s, "j <Enter>");
    assert!(s.app.overlay.dialog.is_none());
    assert_eq!(s.app.pack_name(), "beijing");
    // The title names the pack; the header has the pack's figures, the score and the rank.
    let title = screen.lines().nth(1).unwrap_or_default();
    assert!(title.contains("考核：三率考核（北京式）"), "{screen}");
    let header = screen.lines().nth(3).unwrap_or_default();
    for h in [
        "承办量",
        "有效回访",
        "响应率",
        "解决率",
        "满意率",
        "得分",
        "名次",
        "未达底线",
    ] {
        assert!(header.contains(h), "{h} missing from {header}");
    }
    // 住建局 is below the 85 % floor of 满意率 and 13th of the departments, as the CLI says.
    let judged = cli_judged(&dir.path().join("demo.db"), "beijing");
    let (_, rank, floors) = judged.iter().find(|(u, ..)| u == "住建局").unwrap();
    assert_eq!(floors, &["satisfaction_rate"]);
    let line = unit_line(&screen, "住建局");
    assert!(
        line.contains(&format!(" {} 满意率", rank.unwrap())),
        "{line}"
    );
    // A unit above the floor is not flagged, and a unit without a valid callback has no rank.
    let line = unit_line(&screen, "国环局");
    assert!(!line.contains("满意率"), "{line}");
    let line = unit_line(&screen, "市场监管局");
    assert!(line.contains("—    —"), "{line}");
    // Every rank on the screen is the CLI's rank within the unit's tier (never across).
    for (unit, rank, _) in &judged {
        let a = s.app.data.assessment.as_ref().unwrap().row(unit).unwrap();
        assert_eq!(a.rank.map(|r| r as u64), *rank, "{unit}");
    }
}

#[test]
fn the_pack_chooser_cancels_with_esc_and_seed_2017_looks_as_before() {
    let (_d, mut s) = session();
    let before = run(&mut s, "3 j k");
    run(&mut s, "P <Esc>");
    assert!(s.app.overlay.dialog.is_none());
    assert_eq!(s.app.pack_name(), "seed-2017");
    // Choosing beijing and then seed-2017 again gives back the bulletin's own tables.
    run(&mut s, "P j <Enter> P 1");
    assert_eq!(s.app.pack_name(), "seed-2017");
    assert!(s.app.data.assessment.is_none());
    assert_eq!(run(&mut s, "j k"), before);
    // Under the seed's view Enter still lists the unit's orders.
    assert!(matches!(
        feed(&mut s, "<Enter>").as_slice(),
        [Effect::OpenUnit(u)] if u == "住建局"
    ));
}

#[test]
fn o_sorts_by_the_packs_columns_and_then_by_the_score() {
    let (_d, mut s) = session();
    let screen = run(&mut s, "3 P j <Enter> o");
    assert!(
        screen.lines().nth(1).unwrap().contains("排序：承办量▼"),
        "{screen}"
    );
    assert_eq!(s.app.selected_unit().unwrap().unit, "住建局");
    // assigned, valid callbacks, response, solved, satisfied, >30d, then the score.
    let screen = run(&mut s, "o o o o o o");
    assert!(
        screen.lines().nth(1).unwrap().contains("排序：得分▼"),
        "{screen}"
    );
    let a = s.app.data.assessment.as_ref().unwrap();
    for kind in [
        hotline::domain::UnitKind::Department,
        hotline::domain::UnitKind::Township,
    ] {
        let ranks: Vec<Option<usize>> = s
            .app
            .unit_table(kind)
            .iter()
            .map(|r| a.row(&r.unit).and_then(|x| x.rank))
            .collect();
        assert_eq!(ranks.first(), Some(&Some(1)), "{kind:?}: {ranks:?}");
        let ranked: Vec<usize> = ranks.iter().flatten().copied().collect();
        assert!(ranked.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        // The unscored come last.
        let first_none = ranks
            .iter()
            .position(Option::is_none)
            .unwrap_or(ranks.len());
        assert!(ranks[first_none..].iter().all(Option::is_none), "{ranks:?}");
    }
    // O reverses; o goes round to the bulletin's order.
    run(&mut s, "O");
    assert!(s.app.tabs.list(ListId::Units).reverse);
    run(&mut s, "o");
    assert_eq!(s.app.tabs.list(ListId::Units).sort, 0);
}

#[test]
fn enter_under_a_pack_explains_the_unit_as_hotline_explain_does() {
    let (dir, mut s) = session();
    let db = dir.path().join("demo.db");
    let screen = run(&mut s, "3 P j <Enter> <Enter>");
    assert_eq!(s.app.screen(), Screen::Explain);
    // The CLI's explanation of the same unit and pack, over the same period.
    let text = cli(&db, &["explain", "--unit", "住建局", "--pack", "beijing"]);
    let first = text
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next());
    let first = first.unwrap().to_string();
    assert!(
        text.starts_with("住建局 under beijing: score 65.23, rank 13"),
        "{text}"
    );
    assert!(screen.contains(&first), "{first} not on\n{screen}");
    assert!(screen.contains("得分 65.23 · 组内第 13 名"), "{screen}");
    assert!(screen.contains("未达底线：满意率"), "{screen}");
    let listed: Vec<String> = s
        .app
        .explain_rows()
        .iter()
        .map(|c| c.order_no.clone())
        .collect();
    let cli_listed: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    assert_eq!(listed, cli_listed, "the same orders, in the same order");
    // Enter opens the selected order's detail; Esc comes back to the explanation, then to
    // the Units tab.
    run(&mut s, "<Enter>");
    assert_eq!(s.app.screen(), Screen::Detail);
    assert_eq!(
        s.app
            .detail
            .shown
            .as_ref()
            .map(|d| d.row.order.order_no.clone()),
        Some(first)
    );
    run(&mut s, "<Esc>");
    assert_eq!(s.app.screen(), Screen::Explain);
    run(&mut s, "<Esc>");
    assert_eq!(s.app.screen(), Screen::Tabs);
    assert_eq!(s.app.tabs.tab, Tab::Units);
    assert_eq!(
        s.app.pack_name(),
        "beijing",
        "the pack holds for the session"
    );
}

#[test]
fn the_pack_in_english_and_the_explain_screen_after_new_data() {
    let (_d, mut s) = session_lang(Lang::En);
    let screen = run(&mut s, "3 P j <Enter>");
    let header = screen.lines().nth(3).unwrap_or_default();
    for h in ["Response", "Solved", "Satisfaction", "Score", "Rank"] {
        assert!(header.contains(h), "{h} missing from {header}");
    }
    assert!(
        screen.lines().nth(1).unwrap().contains("pack: "),
        "{screen}"
    );
    let screen = run(&mut s, "<Enter>");
    assert!(screen.contains("What cost 住建局 points"), "{screen}");
    assert!(screen.contains("callback: unsatisfied"), "{screen}");
    // Another session closes nothing but urges: the explanation is loaded again, the same.
    let before = s.app.data.explained.clone();
    s.reload().unwrap();
    assert_eq!(s.app.data.explained, before);
    assert_eq!(s.app.screen(), Screen::Explain);
}

#[test]
fn the_pack_is_kept_in_views_toml_for_the_next_session() {
    let (dir, mut s) = session();
    let views = dir.path().join("views.toml");
    s.app.env.views = hotline::tui::saved::Views::load(&views);
    run(&mut s, "3 P j <Enter>");
    let text = std::fs::read_to_string(&views).unwrap();
    assert!(text.contains("pack = \"beijing\""), "{text}");
    // The next `hotline tui` starts with it.
    let tui = |script: &str| {
        let keys = dir.path().join("keys.txt");
        std::fs::write(&keys, script).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"))
            .arg("--db")
            .arg(dir.path().join("demo.db"))
            .args(["tui", "--size", "120x40", "--dump", "--keys"])
            .arg(&keys)
            .env("HOTLINE_VIEWS", &views)
            .env("HOTLINE_LOG", "off")
            .env_remove("HOTLINE_KEYS")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let screen = tui("3\n");
    assert!(screen.contains("考核：三率考核（北京式）"), "{screen}");
    assert!(
        screen.lines().nth(3).unwrap().contains("解决率"),
        "{screen}"
    );
    // A name that is no shipped pack is said at the start, and the seed's view used.
    std::fs::write(&views, "pack = \"nowhere\"\n").unwrap();
    let screen = tui("# nothing\n");
    assert!(screen.contains("“nowhere”不存在"), "{screen}");
    let screen = tui("3\n");
    assert!(
        screen.lines().nth(3).unwrap().contains("按时办结率"),
        "{screen}"
    );
}

#[test]
fn the_hotspot_tab_lists_groups_and_urges_a_group_after_one_confirmation() {
    let (_d, mut s) = session();
    // The worker computes the groups when the tab shows (the demo's last 30 days).
    let screen = run(&mut s, "5");
    assert_eq!(s.app.tabs.tab, Tab::Hotspots);
    assert!(s.app.data.hotspots_stamp > 0);
    let n = s.app.len(ListId::Hotspots);
    assert!(n > 3, "{screen}");
    assert!(
        screen.contains("5 热点") && screen.contains("热度"),
        "{screen}"
    );
    let first = s.app.selected_hotspot().unwrap().hotspot.clone();
    assert!(first.count >= 3);
    assert!(screen.contains(&first.label), "{screen}");
    // Hottest first.
    let heats: Vec<f64> = s
        .app
        .hotspot_rows()
        .iter()
        .map(|h| h.hotspot.heat)
        .collect();
    assert!(heats.windows(2).all(|w| w[0] >= w[1]), "{heats:?}");
    // Enter: the group's orders, those that may be urged marked.
    let screen = run(&mut s, "<Enter>");
    assert_eq!(s.app.screen(), Screen::Hotspot);
    assert_eq!(s.app.len(ListId::HotspotOrders), first.count);
    let marked: Vec<String> = s.app.tabs.marks.iter().cloned().collect();
    assert!(!marked.is_empty(), "{screen}");
    assert!(marked.iter().all(|m| first.order_nos.contains(m)));
    assert!(screen.contains(&marked[0]), "{screen}");
    assert!(
        s.app.message.as_ref().unwrap().text.contains("U 一并催办"),
        "{screen}"
    );
    // U, the note, one confirmation: every marked order urged.
    run(&mut s, "U \"热点集中催办\" <Enter> y");
    assert!(s.app.overlay.dialog.is_none(), "{:?}", s.app.overlay.dialog);
    assert!(s.app.tabs.marks.is_empty());
    for no in &marked {
        let events = s.store().events(no).unwrap();
        assert_eq!(
            events.last().unwrap().kind,
            EventKind::Urged {
                note: "热点集中催办".into()
            },
            "{no}"
        );
    }
    // Esc goes back to the groups.
    run(&mut s, "<Esc>");
    assert_eq!(s.app.screen(), Screen::Tabs);
    assert_eq!(s.app.tabs.tab, Tab::Hotspots);
}

#[test]
fn the_hotspot_tab_in_english() {
    let (_d, mut s) = session_lang(Lang::En);
    let screen = run(&mut s, "5");
    assert!(
        screen.contains("5 Hotspots") && screen.contains("Heat"),
        "{screen}"
    );
}
