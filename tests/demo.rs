//! The demo database *is* the 2017 Haiyuan bulletin: every unit's row and the computed totals
//! come out of the scorecard over events recorded through the workflow's own actions.
//! The expected figures are the bulletin's, copied into tests/fixtures/seed-2017-scorecard.csv.

use hotline::domain::UnitKind;
use hotline::domain::scorecard::{Period, Scorecard};
use hotline::domain::time::{parse_date, parse_datetime};
use hotline::store::Store;
use std::sync::OnceLock;

fn demo() -> &'static (tempfile::TempDir, Scorecard) {
    static DEMO: OnceLock<(tempfile::TempDir, Scorecard)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        hotline::demo::create(&path, "test").unwrap();
        let store = Store::open(&path).unwrap();
        let card = hotline::report::scorecard(
            &store,
            Period {
                from: parse_date("2017-10-27").unwrap(),
                to: parse_date("2017-12-31").unwrap(),
                as_of: parse_datetime("2017-12-31T23:59:59", false).unwrap(),
            },
        )
        .unwrap();
        (dir, card)
    })
}

#[test]
fn every_unit_row_of_the_bulletin() {
    let card = &demo().1;
    let fixture = std::fs::read_to_string("tests/fixtures/seed-2017-scorecard.csv").unwrap();
    let mut n = 0;
    for line in fixture.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let row = card
            .units
            .iter()
            .find(|r| r.unit == f[3])
            .unwrap_or_else(|| panic!("no row for {}", f[3]));
        let got = [row.assigned, row.closed, row.overdue_30d, row.supervisions];
        let want: Vec<u64> = f[4..8].iter().map(|s| s.parse().unwrap()).collect();
        assert_eq!(got.to_vec(), want, "{}", f[3]);
        assert_eq!(row.table.to_string(), f[0], "{}", f[3]);
        n += 1;
    }
    assert_eq!(n, 42);
    assert_eq!(card.units.len(), 42);
}

#[test]
fn the_computed_totals_not_the_printed_ones() {
    let card = &demo().1;
    let t = &card.totals;
    assert_eq!(
        (t.received, t.inquiry, t.suggestion, t.request),
        (574, 3, 2, 569)
    );
    assert_eq!(
        (t.closed, t.open, t.overdue_30d, t.redone),
        (366, 208, 80, 39)
    );
    assert_eq!(t.unassigned, 8);
    let t1 = card.table_total(UnitKind::Department).unwrap();
    let t2 = card.table_total(UnitKind::Township).unwrap();
    // The bulletin prints 206 for table 1; its rows add up to 208.
    assert_eq!(
        (t1.assigned, t1.closed, t1.overdue_30d, t1.supervisions),
        (208, 119, 36, 24)
    );
    assert_eq!(
        (t2.assigned, t2.closed, t2.overdue_30d, t2.supervisions),
        (358, 247, 44, 30)
    );
    assert_eq!(t.closure_percent(), "63.8%");
    assert_eq!(t.redo_percent(), "6.8%");
}

#[test]
fn the_demo_is_sound_and_deterministic() {
    let dir = &demo().0;
    let store = Store::open(&dir.path().join("demo.db")).unwrap();
    let rep = hotline::ops::check::check(&store).unwrap();
    assert!(rep.ok(), "{:?}", rep.problems);
    assert!(rep.tallies_agree);
    // The running sums give the same figures as replaying every order.
    let p = demo().1.period;
    assert_eq!(
        store.fast_tallies(&p).unwrap(),
        hotline::report::replayed_tallies(&store, &p).unwrap()
    );
    assert_eq!(rep.orders, 574);
    // A second build gives the same history, event for event (only when it was recorded, the
    // stamp, differs).
    let other = Store::in_memory().unwrap();
    hotline::demo::build(&other).unwrap();
    let history = |s: &Store| -> Vec<_> {
        s.recent_events(100_000)
            .unwrap()
            .into_iter()
            .map(|e| (e.id, e.order_no, e.event))
            .collect()
    };
    assert_eq!(history(&store), history(&other));
}
