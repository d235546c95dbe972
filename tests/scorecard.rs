//! Each scorecard definition on small hand-built cases, driven through the real operations
//! and store, so the figures follow from stored events exactly as in production.

use chrono::{NaiveDate, NaiveDateTime};
use hotline::domain::scorecard::Period;
use hotline::domain::{Action, CallbackResult, Category, Intake, UnitKind};
use hotline::ops::{self, Ctx, DeadlineSpec, NewOrder};
use hotline::report;
use hotline::store::Store;

fn t(s: &str) -> NaiveDateTime {
    hotline::domain::time::parse_datetime(s, false).unwrap()
}
fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct World {
    s: Store,
}

impl World {
    fn new() -> World {
        let s = Store::in_memory().unwrap();
        s.add_unit("住建局", UnitKind::Department).unwrap();
        s.add_unit("教体局", UnitKind::Department).unwrap();
        s.add_unit("贾塘乡", UnitKind::Township).unwrap();
        World { s }
    }
    fn order(&self, at: &str, category: Category) -> String {
        ops::intake(
            &self.s,
            &Ctx::new(t(at), "op"),
            &NewOrder {
                intake: Intake {
                    category: Some(category),
                    title: "测试工单".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .unwrap()
        .order_no
    }
    fn act(&self, no: &str, at: &str, a: Action) {
        ops::act(&self.s, &Ctx::new(t(at), "op"), no, &a, None).unwrap();
    }
    fn dispatch(&self, no: &str, at: &str, unit: &str, deadline: &str) {
        ops::dispatch(
            &self.s,
            &Ctx::new(t(at), "op"),
            no,
            unit,
            DeadlineSpec::Date(d(deadline)),
            None,
        )
        .unwrap();
    }
    /// Reply, review, callback, close at `at` (all the same minute).
    fn finish(&self, no: &str, at: &str, result: CallbackResult) {
        self.act(no, at, Action::Accept);
        self.act(
            no,
            at,
            Action::Reply {
                text: "已于当日安排人员处理完毕。".into(),
            },
        );
        self.act(no, at, Action::ReviewAccept);
        self.act(
            no,
            at,
            Action::Callback {
                result,
                answers: Default::default(),
            },
        );
        self.act(
            no,
            at,
            Action::Close {
                reason: "政策不允许，已解释".into(),
            },
        );
    }
    fn card(&self, from: &str, to: &str, as_of: &str) -> hotline::domain::scorecard::Scorecard {
        report::scorecard(
            &self.s,
            Period {
                from: d(from),
                to: d(to),
                as_of: t(as_of),
            },
        )
        .unwrap()
    }
}

fn row<'a>(
    c: &'a hotline::domain::scorecard::Scorecard,
    unit: &str,
) -> &'a hotline::domain::scorecard::UnitRow {
    c.units.iter().find(|r| r.unit == unit).unwrap()
}

#[test]
fn overdue_30d_counts_open_and_closed_late_but_not_30_days_exactly() {
    let w = World::new();
    // Deadline 11-01. As of 12-02: 31 days past → overdue.
    let open_late = w.order("2017-10-27T09:00:00", Category::Request);
    w.dispatch(&open_late, "2017-10-27T10:00:00", "住建局", "2017-11-01");
    // Deadline 11-02: as of 12-02 exactly 30 days → not overdue_30d.
    let open_30 = w.order("2017-10-27T09:00:00", Category::Request);
    w.dispatch(&open_30, "2017-10-27T10:00:00", "住建局", "2017-11-02");
    // Closed 31 days after its deadline 11-01 (closed 12-02): overdue_30d though closed.
    let closed_late = w.order("2017-10-27T09:00:00", Category::Request);
    w.dispatch(&closed_late, "2017-10-27T10:00:00", "住建局", "2017-11-01");
    w.finish(
        &closed_late,
        "2017-12-02T09:00:00",
        CallbackResult::Satisfied,
    );
    // Closed on time.
    let on_time = w.order("2017-10-27T09:00:00", Category::Request);
    w.dispatch(&on_time, "2017-10-27T10:00:00", "住建局", "2017-11-01");
    w.finish(&on_time, "2017-10-30T09:00:00", CallbackResult::Satisfied);

    let c = w.card("2017-10-01", "2017-12-31", "2017-12-02T12:00:00");
    let r = row(&c, "住建局");
    assert_eq!((r.assigned, r.closed, r.overdue_30d), (4, 2, 2));
    assert_eq!(r.closed_on_time, 1);
    assert_eq!(r.closure_rate, Some(0.5));
    assert_eq!(r.on_time_rate, Some(0.5));
    assert_eq!(c.totals.overdue_30d, 2);
    assert_eq!(c.totals.open_overdue_30d, 1);
    // One day later the order at exactly 30 days crosses the line.
    let c = w.card("2017-10-01", "2017-12-31", "2017-12-03T12:00:00");
    assert_eq!(row(&c, "住建局").overdue_30d, 3);
}

#[test]
fn open_late_counts_open_orders_past_their_deadline_by_any_days() {
    let w = World::new();
    // Deadline 12-01: as of 12-02 one day late.
    let one_day = w.order("2017-11-27T09:00:00", Category::Request);
    w.dispatch(&one_day, "2017-11-27T10:00:00", "住建局", "2017-12-01");
    // Deadline 12-02: due today, not late.
    let due_today = w.order("2017-11-27T09:00:00", Category::Request);
    w.dispatch(&due_today, "2017-11-27T10:00:00", "住建局", "2017-12-02");
    // 31 days late: late, and overdue_30d too.
    let long_late = w.order("2017-10-27T09:00:00", Category::Request);
    w.dispatch(&long_late, "2017-10-27T10:00:00", "住建局", "2017-11-01");
    // Closed late: overdue_30d, but not open and late now.
    let closed_late = w.order("2017-10-27T09:00:00", Category::Request);
    w.dispatch(&closed_late, "2017-10-27T10:00:00", "教体局", "2017-10-30");
    w.finish(
        &closed_late,
        "2017-12-02T09:00:00",
        CallbackResult::Satisfied,
    );
    // A township's order late by a day, dispatched before the period: not the period's.
    let before = w.order("2017-09-27T09:00:00", Category::Request);
    w.dispatch(&before, "2017-09-27T10:00:00", "贾塘乡", "2017-12-01");

    // After the last event: the store's running sums and its index scan.
    let c = w.card("2017-10-01", "2017-12-31", "2017-12-02T12:00:00");
    let r = row(&c, "住建局");
    assert_eq!((r.open_late, r.overdue_30d), (2, 1));
    assert_eq!(row(&c, "教体局").open_late, 0);
    assert_eq!(row(&c, "贾塘乡").open_late, 0);
    let total = c.table_total(UnitKind::Department).unwrap();
    assert_eq!(total.open_late, 2);
    // As of an earlier time: the replay, which must agree with its own day. On 12-01 the
    // order due 12-01 is not late yet, and the closed one was still open and late.
    let c = w.card("2017-10-01", "2017-12-31", "2017-12-01T12:00:00");
    assert_eq!(row(&c, "住建局").open_late, 1);
    assert_eq!(row(&c, "教体局").open_late, 1);
    // The same facts by both paths.
    let p = Period {
        from: d("2017-10-01"),
        to: d("2017-12-31"),
        as_of: t("2017-12-03T12:00:00"),
    };
    assert_eq!(
        w.s.fast_tallies(&p).unwrap(),
        report::replayed_tallies(&w.s, &p).unwrap()
    );
}

#[test]
fn as_of_counts_things_as_they_stood_then() {
    let w = World::new();
    let no = w.order("2017-11-01T09:00:00", Category::Request);
    w.dispatch(&no, "2017-11-01T10:00:00", "教体局", "2017-11-15");
    w.finish(&no, "2017-11-10T09:00:00", CallbackResult::Satisfied);
    let before = w.card("2017-11-01", "2017-11-30", "2017-11-05T00:00:00");
    let after = w.card("2017-11-01", "2017-11-30", "2017-11-30T23:59:59");
    assert_eq!(
        (
            row(&before, "教体局").assigned,
            row(&before, "教体局").closed
        ),
        (1, 0)
    );
    assert_eq!(
        (row(&after, "教体局").assigned, row(&after, "教体局").closed),
        (1, 1)
    );
    assert_eq!(before.totals.open, 1);
    assert_eq!(after.totals.closed, 1);
}

#[test]
fn assigned_means_dispatched_in_the_period_and_held_now() {
    let w = World::new();
    let a = w.order("2017-11-01T09:00:00", Category::Request);
    w.dispatch(&a, "2017-11-01T10:00:00", "住建局", "2017-11-15");
    w.act(
        &a,
        "2017-11-02T10:00:00",
        Action::Return {
            reason: "属乡镇职责".into(),
        },
    );
    w.act(&a, "2017-11-02T10:30:00", Action::ApproveReturn);
    w.dispatch(&a, "2017-11-02T11:00:00", "贾塘乡", "2017-11-16");
    // Dispatched before the period: not assigned in it.
    let b = w.order("2017-10-20T09:00:00", Category::Request);
    w.dispatch(&b, "2017-10-20T10:00:00", "贾塘乡", "2017-11-03");
    // Still with the office.
    let _c = w.order("2017-11-03T09:00:00", Category::Inquiry);
    let c = w.card("2017-11-01", "2017-11-30", "2017-11-30T23:59:59");
    assert_eq!(row(&c, "住建局").assigned, 0);
    assert_eq!(row(&c, "贾塘乡").assigned, 1);
    assert_eq!(c.totals.received, 2);
    assert_eq!(c.totals.inquiry, 1);
    assert_eq!(c.totals.request, 1);
    assert_eq!(c.totals.unassigned, 1);
    let t2 = c.table_total(UnitKind::Township).unwrap();
    assert_eq!(t2.assigned, 1);
}

#[test]
fn supervisions_urges_redos_and_satisfaction() {
    let w = World::new();
    let no = w.order("2017-11-01T09:00:00", Category::Request);
    w.dispatch(&no, "2017-11-01T10:00:00", "住建局", "2017-11-15");
    w.act(
        &no,
        "2017-11-16T09:00:00",
        Action::Urge {
            note: "请尽快".into(),
        },
    );
    w.act(
        &no,
        "2017-11-17T09:00:00",
        Action::Urge {
            note: String::new(),
        },
    );
    w.act(
        &no,
        "2017-11-20T09:00:00",
        Action::Supervise {
            note: String::new(),
            on_site: None,
        },
    );
    ops::supervise_unit(
        &w.s,
        &Ctx::new(t("2017-11-21T09:00:00"), "op"),
        "住建局",
        "整改超期工单",
        None,
    )
    .unwrap();
    // A supervision outside the period does not count.
    ops::supervise_unit(
        &w.s,
        &Ctx::new(t("2017-12-01T09:00:00"), "op"),
        "住建局",
        "",
        None,
    )
    .unwrap();
    w.act(&no, "2017-11-22T09:00:00", Action::Accept);
    w.act(
        &no,
        "2017-11-22T10:00:00",
        Action::Reply {
            text: "已安排维修，11月22日完成。".into(),
        },
    );
    w.act(&no, "2017-11-22T11:00:00", Action::ReviewAccept);
    w.act(
        &no,
        "2017-11-23T09:00:00",
        Action::Callback {
            result: CallbackResult::Unsatisfied,
            answers: Default::default(),
        },
    );
    ops::redo(
        &w.s,
        &Ctx::new(t("2017-11-23T09:10:00"), "op"),
        &no,
        "群众反映未修好",
        DeadlineSpec::Days(5),
        None,
    )
    .unwrap();
    w.act(
        &no,
        "2017-11-24T10:00:00",
        Action::Reply {
            text: "已于11月24日再次维修，经群众确认已修好。".into(),
        },
    );
    w.act(&no, "2017-11-24T11:00:00", Action::ReviewAccept);
    w.act(
        &no,
        "2017-11-27T09:00:00",
        Action::Callback {
            result: CallbackResult::BasicallySatisfied,
            answers: Default::default(),
        },
    );
    let other = w.order("2017-11-01T09:00:00", Category::Request);
    w.dispatch(&other, "2017-11-01T10:00:00", "住建局", "2017-11-15");
    w.finish(&other, "2017-11-02T09:00:00", CallbackResult::Unreachable);

    let c = w.card("2017-11-01", "2017-11-30", "2017-11-30T23:59:59");
    let r = row(&c, "住建局");
    assert_eq!(r.urges, 2);
    assert_eq!(r.supervisions, 2);
    assert_eq!(r.redos, 1);
    // Callbacks that reached the citizen: unsatisfied + basically satisfied (unreachable is out).
    assert_eq!(r.callbacks_reached, 2);
    assert_eq!(r.satisfied, 1);
    assert_eq!(r.satisfaction_rate, Some(0.5));
    assert_eq!(c.totals.redone, 1);
    assert_eq!(c.totals.redo_rate, Some(0.5));
    assert_eq!(row(&c, "教体局").supervisions, 0);
}

#[test]
fn totals_rows_add_up_and_rates_have_no_base_when_empty() {
    let w = World::new();
    let c = w.card("2017-11-01", "2017-11-30", "2017-11-30T23:59:59");
    assert_eq!(c.totals.received, 0);
    assert_eq!(c.totals.closure_rate, None);
    assert_eq!(c.totals.closure_percent(), "—");
    assert_eq!(c.table_totals.len(), 2);
}
