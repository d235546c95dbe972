//! The TUI on a generated database, its lists as windows of the store's answer (the way it
//! runs at a million orders): paging reaches every order, the counts match `order list`, and
//! every screen is the same as when the same lists are held whole.

use hotline::context::Options as Global;
use hotline::domain::Lang;
use hotline::store::{OrderFilter, Store};
use hotline::synth::{GenOptions, generate};
use hotline::tui::app::ListId;
use hotline::tui::session::Session;
use hotline::tui::theme::Theme;
use hotline::tui::{run_script, script};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// 20,000 generated orders, built once per test binary.
fn db() -> &'static Path {
    static DB: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gen.db");
        generate(
            &path,
            &GenOptions {
                orders: 20_000,
                units: 42,
                years: 2,
                seed: 5,
                now: hotline::bench::bench_now(),
            },
        )
        .unwrap();
        (dir, path)
    });
    path
}

/// A session holding lists of at most `hold` orders whole (0: every list is a window).
fn session(hold: usize) -> Session {
    let path = db();
    let g = Global {
        db: Some(path.to_path_buf()),
        now: None,
        operator: Some("测试员".into()),
        lang: Lang::Zh,
    };
    let theme = Theme {
        color: true,
        ascii: false,
    };
    let mut s = Session::new(Store::open(path).unwrap(), g, theme, false).unwrap();
    s.app.data.hold = hold;
    s.reload().unwrap();
    s
}

fn run(s: &mut Session, keys: &str) -> String {
    run_script(s, &script::parse(keys).unwrap(), 120, 40).unwrap()
}

fn selected_no(s: &Session) -> String {
    s.app.current_order().unwrap().order.order_no.clone()
}

#[test]
fn pending_pages_to_the_last_order_and_counts_match_order_list() {
    let mut s = session(0);
    assert!(!s.app.data.open_held, "a window, not the whole list");
    let all = s
        .store()
        .list_orders(&OrderFilter {
            open_only: true,
            ..Default::default()
        })
        .unwrap();
    let n = s.app.len(ListId::Pending);
    assert_eq!(n, all.len());
    assert!(n > 200, "{n}");
    let loaded = s.app.data.window(ListId::Pending).unwrap().rows.len();
    assert!(loaded < n, "only a window is loaded: {loaded} of {n}");

    let screen = run(&mut s, "G");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, n - 1);
    assert_eq!(selected_no(&s), all[n - 1].order_no);
    assert!(screen.contains(&format!(" {n}/{n} ")), "{screen}");
    assert!(screen.contains(&all[n - 1].order_no));

    run(&mut s, "g");
    assert_eq!(selected_no(&s), all[0].order_no);
    let screen = run(&mut s, "<PageDown> <PageDown> <PageDown> j");
    let page = s.app.tabs.list(ListId::Pending).page();
    let at = 3 * page + 1;
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, at);
    assert_eq!(selected_no(&s), all[at].order_no);
    let waiting = |l: &str| l.trim_matches(['│', ' ']) == "…";
    assert!(
        !screen.lines().any(waiting),
        "every visible row loaded:\n{screen}"
    );

    // The overdue tab's count is `order list --overdue`'s.
    let today = s.app.env.now.date();
    let overdue = s
        .store()
        .list_orders(&OrderFilter {
            overdue_on: Some(today),
            ..Default::default()
        })
        .unwrap();
    run(&mut s, "2 G");
    assert_eq!(s.app.len(ListId::Overdue), overdue.len());
    assert_eq!(selected_no(&s), overdue[overdue.len() - 1].order_no);
}

/// A long list (a window of the store's scan) sorted anew starts at its top too: the store's
/// answer does not bring back the row selected before.
#[test]
fn a_new_sort_of_a_window_shows_its_top() {
    let mut s = session(0);
    assert!(!s.app.data.open_held, "a window, not the whole list");
    let n = s.app.len(ListId::Pending);
    run(&mut s, "G");
    let screen = run(&mut s, "o");
    let st = s.app.tabs.list(ListId::Pending);
    assert_eq!((st.sort, st.selected), (1, 0));
    assert!(screen.contains(&format!(" 1/{n} ")), "{screen}");
    assert!(screen.contains("受理时间▼"), "{screen}");
    // The latest received first, from the first row on.
    let w = s.app.data.window(ListId::Pending).unwrap();
    assert_eq!(w.start, 0);
    let times: Vec<_> = w.rows.iter().map(|r| r.order.received_at).collect();
    assert!(times.windows(2).all(|p| p[0] >= p[1]), "{times:?}");
    assert_eq!(s.app.current_order().unwrap().order.received_at, times[0]);
    run(&mut s, "j j j");
    run(&mut s, "O");
    assert_eq!(s.app.tabs.list(ListId::Pending).selected, 0);
}

#[test]
fn marks_are_kept_by_order_number_across_pages() {
    let mut s = session(0);
    run(&mut s, "2 <Space> <Space>");
    let marked: Vec<String> = s.app.tabs.marks.iter().cloned().collect();
    assert_eq!(marked.len(), 2);
    run(&mut s, "G k <Space> g");
    assert_eq!(s.app.tabs.marks.len(), 3);
    for m in &marked {
        assert!(s.app.tabs.marks.contains(m));
    }
    let screen = run(&mut s, "");
    assert!(screen.contains("已选 3 件"), "{screen}");
}

#[test]
fn bulk_urge_of_a_unit_asks_the_store_for_the_numbers() {
    let mut s = session(0);
    let today = s.app.env.now.date();
    run(&mut s, "3");
    let unit = s.app.selected_unit().unwrap().unit.clone();
    let expected: Vec<String> = s
        .store()
        .list_orders(&OrderFilter {
            overdue_on: Some(today),
            unit: Some(unit.clone()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|o| o.order_no)
        .collect();
    assert!(!expected.is_empty());
    run(&mut s, "U");
    let Some(hotline::tui::dialog::Dialog::Form(f)) = &s.app.overlay.dialog else {
        panic!("{:?}", s.app.message)
    };
    let hotline::tui::dialog::Purpose::BulkUrge { nos } = &f.purpose else {
        panic!()
    };
    let mut got = nos.clone();
    got.sort();
    let mut want = expected;
    want.sort();
    assert_eq!(got, want);
}

/// Every screen of these scripts is the same whether the lists are held whole (filtered and
/// sorted in memory) or are windows of the store's answer (filtered and sorted in SQL).
#[test]
fn windows_show_what_held_lists_show() {
    let scripts = [
        "",
        "j j <PageDown> j",
        "G k",
        "o",
        "o o",
        "o o o G",
        "O <PageDown>",
        "2",
        "2 G",
        "2 o",
        "2 o <PageDown> <PageDown>",
        "2 o o",
        "2 O j",
        "/ \"水\" <Enter>",
        "/ \"供暖\" <Enter> G",
        "/ zjj <Enter> <PageDown>",
        "2 / \"拖欠\" <Enter> o",
        "/ \"维修\" <Enter> o <PageDown>",
        "3 <Enter>",
        "3 <Enter> G",
        "3 <Enter> o",
        "3 <Enter> o o <PageDown>",
        "3 j <Enter> / \"小区\" <Enter> j",
        "2 j j o",
        "j j j o",
    ];
    let mut held = session(usize::MAX);
    let mut windowed = session(0);
    for keys in scripts {
        for s in [&mut held, &mut windowed] {
            // From the top of the Pending tab, default sorts, no filter.
            s.app.stack.clear();
            s.app.tabs.tab = hotline::tui::action::Tab::Pending;
            for id in ListId::ALL {
                let st = s.app.tabs.list_mut(id);
                st.sort = 0;
                st.reverse = false;
                st.filter.clear();
                st.selected = 0;
            }
        }
        let keys = format!("g {keys}");
        let a = run(&mut held, &keys);
        let b = run(&mut windowed, &keys);
        assert!(held.app.data.open_held && !windowed.app.data.open_held);
        if a != b {
            let diff: Vec<String> = a
                .lines()
                .zip(b.lines())
                .filter(|(x, y)| x != y)
                .map(|(x, y)| format!("held:     {x}\nwindowed: {y}"))
                .collect();
            panic!("after `{keys}`:\n{}", diff.join("\n"));
        }
    }
}

/// The tab counts the store gives without reading keys (`Store::open_counts`) are the counts
/// of `order list`: open orders, and those past their deadline day; for all and for one unit.
#[test]
fn open_counts_equal_the_order_lists() {
    let s = session(0);
    let store = s.store();
    let today = s.app.env.now.date();
    let count = |unit: Option<String>, overdue: bool| {
        store
            .list_orders(&OrderFilter {
                open_only: true,
                unit,
                overdue_on: overdue.then_some(today),
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(
        store.open_counts(today, None).unwrap(),
        (count(None, false), count(None, true))
    );
    let unit = store.units().unwrap().into_iter().next().unwrap();
    let (open, late) = store.open_counts(today, Some(unit.id)).unwrap();
    assert_eq!(
        (open, late),
        (
            count(Some(unit.name.clone()), false),
            count(Some(unit.name), true)
        )
    );
    assert!(open > 0 && late > 0 && late < open, "{open} {late}");
    // And the app's counts, read that way at the start, agree with the windows' lengths.
    assert_eq!(s.app.data.counts.0, s.app.len(ListId::Pending));
}

/// The two sources of a list answer every query alike, through the one trait: the orders held
/// in memory (`app::Held`, filtered and sorted by `domain::query`) and the store scanned
/// (`worker::Windowed`, filtered in SQL, sorted on keys): the same count and the same pages.
#[test]
fn held_and_windowed_sources_give_the_same_pages() {
    use hotline::domain::Role;
    use hotline::domain::query::{OrderQuery, OrderSource, Sort};
    use hotline::tui::app::{Held, OrderRow};
    use hotline::tui::worker::{Lists, Windowed};

    let store = Store::open(db()).unwrap();
    let now = hotline::bench::bench_now();
    let units = store.units().unwrap();
    let names = || units.iter().map(|u| u.name.as_str());
    use hotline::domain::units::Candidate;
    let spelled: Vec<(&str, String, String)> = units
        .iter()
        .map(|u| {
            let (i, s) = hotline::domain::text::pinyin_of(&u.name);
            (u.name.as_str(), i, s)
        })
        .collect();
    let open: Vec<OrderRow> = store
        .list_orders(&OrderFilter {
            open_only: true,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|o| OrderRow::new(o, now))
        .collect();
    // A unit's orders in the store's order (open by urgency, then closed, latest first).
    let unit = &units[0];
    let ids: Vec<i64> = store
        .unit_keys(unit.id, false, false)
        .unwrap()
        .iter()
        .map(|k| k.id)
        .collect();
    let of_unit: Vec<OrderRow> = store
        .orders_by_ids(&ids)
        .unwrap()
        .into_iter()
        .map(|(_, o)| OrderRow::new(o, now))
        .collect();
    assert!(of_unit.iter().any(|r| !r.order.is_open()));

    let mut lists = Lists::new(Role::Admin);
    let nos = |rows: &[&OrderRow]| -> Vec<String> {
        rows.iter().map(|r| r.order.order_no.clone()).collect()
    };
    let sorts = [
        Sort::Urgency,
        Sort::Received,
        Sort::Unit,
        Sort::OrderNo,
        Sort::DaysOver,
    ];
    let mut checked = 0;
    for (list, source, unit) in [
        (ListId::Pending, &open, None),
        (ListId::Overdue, &open, None),
        (ListId::UnitOrders, &of_unit, Some(unit.name.clone())),
    ] {
        // Words, status names, pinyin of units and titles (typed on: the worker narrows the
        // previous matches), fields.
        let texts = [
            "",
            "水",
            "zj",
            "小区",
            "待审核",
            "办理中 zj",
            "zhu",
            "zhujianju",
            "ld",
            "lud",
            "unit:zjj late:>30",
            "status:办理中 cat:诉求",
            "late:<10 水",
            "late:7",
        ];
        for (t, text) in texts.into_iter().enumerate() {
            for (k, sort) in sorts.into_iter().enumerate() {
                // Each sort both ways, over the texts.
                {
                    let reverse = (t + k) % 2 == 1;
                    let q = OrderQuery {
                        sort,
                        reverse,
                        unit: unit.clone(),
                        open_only: unit.is_none(),
                        late_only: list == ListId::Overdue,
                        ..OrderQuery::with_units(
                            text,
                            spelled.iter().map(|(name, initials, spelled)| Candidate {
                                name,
                                initials,
                                spelled,
                            }),
                        )
                    };
                    assert!(q.error.is_none(), "{text}: {:?}", q.error);
                    let mut held = Held::new(source, now, names());
                    let mut windowed = Windowed {
                        lists: &mut lists,
                        store: &store,
                        stamp: 1,
                        now,
                        id: list,
                    };
                    let total = held.count(&q).unwrap();
                    assert_eq!(windowed.count(&q).unwrap(), total, "{list:?} {q:?}");
                    if list == ListId::Pending {
                        assert!(total > 0, "{text} lists something");
                    }
                    for offset in [0, total / 2, total.saturating_sub(1)] {
                        let h = held.page(&q, offset, 30).unwrap();
                        let w = windowed.page(&q, offset, 30).unwrap();
                        let w_rows: Vec<&OrderRow> = w.rows.iter().collect();
                        assert_eq!(
                            (h.total, h.start, nos(&h.rows)),
                            (w.total, w.start, nos(&w_rows)),
                            "{list:?} {q:?} from {offset}"
                        );
                    }
                    checked += usize::from(total > 30);
                }
            }
        }
    }
    assert!(
        checked > 30,
        "most queries list more than a page: {checked}"
    );
}

/// `:find`'s list (every order, closed included) is always a window: the store's filter over
/// closed orders too agrees with the one matcher on every order held in memory — the same
/// count, and the same pages in a total order (by number, both ways).
#[test]
fn find_over_all_orders_agrees_with_the_matcher() {
    use hotline::domain::Role;
    use hotline::domain::query::{OrderQuery, OrderSource, Sort};
    use hotline::domain::units::Candidate;
    use hotline::tui::app::{Held, OrderRow};
    use hotline::tui::worker::{Lists, Windowed};

    let store = Store::open(db()).unwrap();
    let now = hotline::bench::bench_now();
    let units = store.units().unwrap();
    let spelled: Vec<(&str, String, String)> = units
        .iter()
        .map(|u| {
            let (i, s) = hotline::domain::text::pinyin_of(&u.name);
            (u.name.as_str(), i, s)
        })
        .collect();
    let all: Vec<OrderRow> = store
        .list_orders(&OrderFilter::default())
        .unwrap()
        .into_iter()
        .map(|o| OrderRow::new(o, now))
        .collect();
    assert!(all.iter().any(|r| !r.order.is_open()));
    let mut lists = Lists::new(Role::Admin);
    let nos = |rows: &[&OrderRow]| -> Vec<String> {
        rows.iter().map(|r| r.order.order_no.clone()).collect()
    };
    for text in [
        "",
        "水",
        "已办结",
        "status:已办结 zj",
        "ld",
        "unit:zjj",
        "late:>30 cat:诉求",
    ] {
        for reverse in [false, true] {
            let q = OrderQuery {
                sort: Sort::OrderNo,
                reverse,
                ..OrderQuery::with_units(
                    text,
                    spelled.iter().map(|(name, initials, spelled)| Candidate {
                        name,
                        initials,
                        spelled,
                    }),
                )
            };
            assert!(q.error.is_none(), "{text}");
            let mut held = Held::new(&all, now, units.iter().map(|u| u.name.as_str()));
            let mut windowed = Windowed {
                lists: &mut lists,
                store: &store,
                stamp: 1,
                now,
                id: ListId::Found,
            };
            let total = held.count(&q).unwrap();
            assert!(total > 0, "{text}");
            assert_eq!(windowed.count(&q).unwrap(), total, "{text}");
            for offset in [0, total / 2, total.saturating_sub(1)] {
                let h = held.page(&q, offset, 30).unwrap();
                let w = windowed.page(&q, offset, 30).unwrap();
                let w_rows: Vec<&OrderRow> = w.rows.iter().collect();
                assert_eq!(
                    (h.total, h.start, nos(&h.rows)),
                    (w.total, w.start, nos(&w_rows)),
                    "{text} from {offset}"
                );
            }
        }
    }
}

/// The `/` filter is no oracle for what the screen masks: a citizen's full name (shown as
/// 欧***) finds nothing, held or windowed; the surname shown does.
#[test]
fn the_filter_matches_a_citizen_only_as_shown() {
    use hotline::domain::Role;
    use hotline::domain::query::{OrderQuery, OrderSource};
    use hotline::tui::app::{Held, OrderRow};
    use hotline::tui::worker::{Lists, Windowed};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let now = "2017-11-02T10:00:00";
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"))
            .arg("--db")
            .arg(&path)
            .args(["--now", now])
            .args(args)
            .env_remove("HOTLINE_DB")
            .env_remove("HOTLINE_NOW")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["init"]);
    run(&[
        "order",
        "add",
        "--category",
        "request",
        "--title",
        "路灯不亮",
        "--citizen",
        "欧阳娜娜",
    ]);
    let store = Store::open(&path).unwrap();
    let now = hotline::domain::time::parse_datetime(now, false).unwrap();
    let units = store.units().unwrap();
    let open: Vec<OrderRow> = store
        .list_orders(&OrderFilter::default())
        .unwrap()
        .into_iter()
        .map(|o| OrderRow::new(o, now))
        .collect();
    let mut lists = Lists::new(Role::Admin);
    for (text, found) in [("欧阳娜娜", 0), ("阳娜", 0), ("欧", 1), ("路灯", 1)] {
        let q = OrderQuery {
            open_only: true,
            ..OrderQuery::new(text)
        };
        let mut held = Held::new(&open, now, units.iter().map(|u| u.name.as_str()));
        let mut windowed = Windowed {
            lists: &mut lists,
            store: &store,
            stamp: 1,
            now,
            id: ListId::Pending,
        };
        assert_eq!(held.count(&q).unwrap(), found, "held, {text}");
        assert_eq!(windowed.count(&q).unwrap(), found, "windowed, {text}");
    }
}
