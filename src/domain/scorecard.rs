//! The scorecard (承办单位办件情况表): every figure the program prints about units and totals
//! is defined here, once. The README quotes these definitions; tests check each one on
//! hand-built cases.
//!
//! Inputs are the orders *as they stood at `as_of`* (the replay of their events up to then)
//! and the counted events (urge, supervise, redo, callback) with the unit they concerned.

use super::order::{CallbackResult, Category, Order, Unit, UnitKind, late_on};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// The report's window: orders whose relevant time falls on a date in `[from, to]`, counted
/// as they stood at `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub as_of: NaiveDateTime,
}

impl Period {
    pub fn contains(&self, t: NaiveDateTime) -> bool {
        let d = t.date();
        self.from <= d && d <= self.to && t <= self.as_of
    }
}

/// A counted event: what the scorecard needs of urges, supervisions, redos and callbacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedEvent {
    pub at: NaiveDateTime,
    pub unit: Option<String>,
    pub what: Counted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Urge,
    Supervision,
    Redo,
    Callback(CallbackResult),
}

/// **overdue_30d**: an order is overdue more than 30 days at `as_of` when it has a deadline
/// and either is still open and `as_of` is more than 30 calendar days past the end of the
/// deadline day, or was closed more than 30 calendar days past it.
pub const OVERDUE_DAYS: i64 = 30;
pub fn is_overdue_30d(order: &Order, as_of: NaiveDateTime) -> bool {
    order.days_overdue(as_of) > OVERDUE_DAYS
}

/// **assigned** to unit U: dispatched to U on a date in the period and held by U at `as_of`
/// (an order returned and re-dispatched counts for the unit that holds it).
pub fn is_assigned_to(order: &Order, unit: &str, p: &Period) -> bool {
    order.unit.as_deref() == Some(unit) && order.assigned_at.is_some_and(|t| p.contains(t))
}

/// **closed**: in status closed at `as_of`.
pub fn is_closed(order: &Order, as_of: NaiveDateTime) -> bool {
    order.closed_at.is_some_and(|c| c <= as_of)
}

/// **on time**: closed, and the unit's last reply came by the end of the deadline day.
pub fn is_closed_on_time(order: &Order, as_of: NaiveDateTime) -> bool {
    is_closed(order, as_of) && replied_on_time(order) == Some(true)
}

/// Whether the last reply came by the end of the deadline day (the TUI's callback shows it;
/// `is_closed_on_time` counts it); `None` before any reply.
pub fn replied_on_time(order: &Order) -> Option<bool> {
    match (order.replied_at, order.deadline) {
        (Some(r), Some(d)) => Some(r.date() <= d),
        (Some(_), None) => Some(true), // answered by the office itself, no unit deadline
        _ => None,
    }
}

/// **open_late** (超期工单, now): open at `as_of` and past its deadline then, by any number of
/// days: the one rule of a late order, `order::late_on`, on the day of `as_of`.
pub fn is_open_late(order: &Order, as_of: NaiveDateTime) -> bool {
    late_on(!is_closed(order, as_of), order.deadline, as_of.date())
}

/// A ratio, or None when the base is zero (printed as “—”).
pub fn rate(part: u64, base: u64) -> Option<f64> {
    (base > 0).then(|| part as f64 / base as f64)
}

/// A rate as every face prints it: `part / base` in per cent with one decimal, rounded half
/// up from the counts themselves (13/16 = 81.25 % → `81.3%`; a float formatted with `{:.1}`
/// would give 81.2), or `—` when the base is zero.
pub fn percent(part: u64, base: u64) -> String {
    if base == 0 {
        return "—".to_string();
    }
    let (part, base) = (u128::from(part), u128::from(base));
    // A tie (exactly .x5) needs an even base, so base / 2 is exact there.
    let tenths = (1000 * part + base / 2) / base;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRow {
    pub table: u8,
    pub kind: UnitKind,
    pub unit: String,
    /// 承办量
    pub assigned: u64,
    /// 办结量
    pub closed: u64,
    /// 超期30天以上工单数
    pub overdue_30d: u64,
    /// 超期工单数 now: of the assigned, open and late at `as_of` (`is_open_late`).
    pub open_late: u64,
    /// 督办次数: supervise events in the period on the unit or on an order it held then.
    pub supervisions: u64,
    /// 催办次数: urge events in the period on orders the unit held then.
    pub urges: u64,
    /// 重办次数: redo events in the period on orders the unit held then.
    pub redos: u64,
    /// Callbacks in the period on the unit's orders that reached the citizen.
    pub callbacks_reached: u64,
    /// Of those, satisfied or basically satisfied.
    pub satisfied: u64,
    /// Closed orders replied by their deadline.
    pub closed_on_time: u64,
    /// closed / assigned
    pub closure_rate: Option<f64>,
    /// satisfied / callbacks_reached
    pub satisfaction_rate: Option<f64>,
    /// closed_on_time / closed
    pub on_time_rate: Option<f64>,
}

impl UnitRow {
    pub(crate) fn empty(kind: UnitKind, unit: &str) -> UnitRow {
        UnitRow {
            table: kind.table(),
            kind,
            unit: unit.to_string(),
            assigned: 0,
            closed: 0,
            overdue_30d: 0,
            open_late: 0,
            supervisions: 0,
            urges: 0,
            redos: 0,
            callbacks_reached: 0,
            satisfied: 0,
            closed_on_time: 0,
            closure_rate: None,
            satisfaction_rate: None,
            on_time_rate: None,
        }
    }
    /// 办结率, 满意率, 按时办结率 as printed (`percent`), from the same counts as the rates.
    pub fn closure_percent(&self) -> String {
        percent(self.closed, self.assigned)
    }
    pub fn satisfaction_percent(&self) -> String {
        percent(self.satisfied, self.callbacks_reached)
    }
    pub fn on_time_percent(&self) -> String {
        percent(self.closed_on_time, self.closed)
    }
    fn finish(mut self) -> UnitRow {
        self.closure_rate = rate(self.closed, self.assigned);
        self.satisfaction_rate = rate(self.satisfied, self.callbacks_reached);
        self.on_time_rate = rate(self.closed_on_time, self.closed);
        self
    }
    fn add(&mut self, r: &UnitRow) {
        self.assigned += r.assigned;
        self.closed += r.closed;
        self.overdue_30d += r.overdue_30d;
        self.open_late += r.open_late;
        self.supervisions += r.supervisions;
        self.urges += r.urges;
        self.redos += r.redos;
        self.callbacks_reached += r.callbacks_reached;
        self.satisfied += r.satisfied;
        self.closed_on_time += r.closed_on_time;
    }
}

/// Figures over every order *received* in the period, whether dispatched or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    /// received_at in the period
    pub received: u64,
    pub inquiry: u64,
    pub suggestion: u64,
    pub request: u64,
    /// of received, closed at as_of
    pub closed: u64,
    /// received − closed
    pub open: u64,
    /// of received, overdue_30d at as_of (open or closed late)
    pub overdue_30d: u64,
    /// of open, overdue_30d
    pub open_overdue_30d: u64,
    /// of received, with at least one redo by as_of
    pub redone: u64,
    /// of received, still with the office (no unit holds it)
    pub unassigned: u64,
    /// closed / received
    pub closure_rate: Option<f64>,
    /// open_overdue_30d / open
    pub open_overdue_rate: Option<f64>,
    /// redone / received
    pub redo_rate: Option<f64>,
}

impl Totals {
    /// 办结率, 未办结超期率 and 重办率 as printed (`percent`), from the rates' counts.
    pub fn closure_percent(&self) -> String {
        percent(self.closed, self.received)
    }
    pub fn open_overdue_percent(&self) -> String {
        percent(self.open_overdue_30d, self.open)
    }
    pub fn redo_percent(&self) -> String {
        percent(self.redone, self.received)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub period: Period,
    pub totals: Totals,
    /// Table 1 (县直单位) and table 2 (乡镇区), in the units' order.
    pub units: Vec<UnitRow>,
    /// The computed 合计 row of table 1 and of table 2.
    pub table_totals: Vec<UnitRow>,
}

impl Scorecard {
    pub fn table(&self, kind: UnitKind) -> impl Iterator<Item = &UnitRow> {
        self.units.iter().filter(move |r| r.kind == kind)
    }
    pub fn table_total(&self, kind: UnitKind) -> Option<&UnitRow> {
        self.table_totals.iter().find(|r| r.kind == kind)
    }
}

/// What one order, as it stands, adds to its unit's row and to the totals. These are the
/// facts that do not change with `as_of` (once closed, an order's lateness is fixed), so the
/// store can keep their sums per day; being open and late depends on `as_of` and is counted
/// separately (`is_open_late_30d`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    /// The unit row it counts in, and the day it was assigned there.
    pub unit: Option<(String, NaiveDate)>,
    pub received_day: NaiveDate,
    pub category: Category,
    pub closed: bool,
    pub closed_on_time: bool,
    /// Closed more than 30 days past the deadline.
    pub closed_late30: bool,
    pub redone: bool,
    /// Open and held by no unit.
    pub unassigned: bool,
}

/// An order's contribution, judged with everything it has recorded (as of its last event).
pub fn contribution(o: &Order) -> Contribution {
    let end = o.updated_at;
    let closed = is_closed(o, end);
    Contribution {
        unit: o
            .unit
            .clone()
            .zip(o.assigned_at)
            .map(|(u, at)| (u, at.date())),
        received_day: o.received_at.date(),
        category: o.category,
        closed,
        closed_on_time: is_closed_on_time(o, end),
        closed_late30: closed && is_overdue_30d(o, end),
        redone: o.redos > 0,
        unassigned: o.is_open() && o.unit.is_none(),
    }
}

/// Open at `as_of` and overdue more than 30 days then.
pub fn is_open_late_30d(o: &Order, as_of: NaiveDateTime) -> bool {
    !is_closed(o, as_of) && is_overdue_30d(o, as_of)
}

/// The last deadline an open order may have to be overdue more than 30 days at `as_of`:
/// the same rule as `is_overdue_30d`, as a date bound for an index scan.
pub fn late30_deadline_bound(as_of: NaiveDateTime) -> NaiveDate {
    as_of.date() - chrono::Duration::days(OVERDUE_DAYS + 1)
}

/// The sums the scorecard is assembled from, for one period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitTally {
    pub assigned: u64,
    pub closed: u64,
    pub closed_on_time: u64,
    pub closed_late30: u64,
    pub open_late30: u64,
    /// Open and late by any days at `as_of` (`is_open_late`).
    pub open_late: u64,
    pub urges: u64,
    pub supervisions: u64,
    pub redos: u64,
    pub callbacks_reached: u64,
    pub satisfied: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TotalTally {
    pub received: u64,
    pub inquiry: u64,
    pub suggestion: u64,
    pub request: u64,
    pub closed: u64,
    pub closed_late30: u64,
    pub open_late30: u64,
    pub redone: u64,
    pub unassigned: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallies {
    pub units: std::collections::BTreeMap<String, UnitTally>,
    pub totals: TotalTally,
}

impl Tallies {
    /// Add one order's contribution (if it falls in the period).
    pub fn add_contribution(&mut self, p: &Period, c: &Contribution) {
        if let Some((unit, day)) = &c.unit
            && p.from <= *day
            && *day <= p.to
        {
            let u = self.units.entry(unit.clone()).or_default();
            u.assigned += 1;
            u.closed += u64::from(c.closed);
            u.closed_on_time += u64::from(c.closed_on_time);
            u.closed_late30 += u64::from(c.closed_late30);
        }
        if p.from <= c.received_day && c.received_day <= p.to {
            let t = &mut self.totals;
            t.received += 1;
            match c.category {
                Category::Inquiry => t.inquiry += 1,
                Category::Suggestion => t.suggestion += 1,
                Category::Request => t.request += 1,
            }
            t.closed += u64::from(c.closed);
            t.closed_late30 += u64::from(c.closed_late30);
            t.redone += u64::from(c.redone);
            t.unassigned += u64::from(c.unassigned);
        }
    }

    /// Count an order that is open and late at `as_of` (see `is_open_late_30d`).
    pub fn add_open_late(&mut self, p: &Period, o: &Order) {
        if let (Some(u), Some(at)) = (&o.unit, o.assigned_at)
            && p.contains(at)
        {
            self.units.entry(u.clone()).or_default().open_late30 += 1;
        }
        if p.contains(o.received_at) {
            self.totals.open_late30 += 1;
        }
    }

    /// Count an order that is open and late by any days at `as_of` (see `is_open_late`)
    /// for the unit it was assigned to in the period.
    pub fn add_late_now(&mut self, p: &Period, o: &Order) {
        if let (Some(u), Some(at)) = (&o.unit, o.assigned_at)
            && p.contains(at)
        {
            self.units.entry(u.clone()).or_default().open_late += 1;
        }
    }

    /// Units with nothing to count are left out, so two tallies of the same facts are equal.
    pub fn without_empty_units(mut self) -> Tallies {
        self.units.retain(|_, u| *u != UnitTally::default());
        self
    }

    /// Count an urge, supervision, redo or callback in the period.
    pub fn add_event(&mut self, p: &Period, e: &CountedEvent) {
        let Some(unit) = e.unit.as_ref().filter(|_| p.contains(e.at)) else {
            return;
        };
        let u = self.units.entry(unit.clone()).or_default();
        match e.what {
            Counted::Urge => u.urges += 1,
            Counted::Supervision => u.supervisions += 1,
            Counted::Redo => u.redos += 1,
            Counted::Callback(r) => {
                u.callbacks_reached += u64::from(r.reached());
                u.satisfied += u64::from(r.reached() && r.satisfied());
            }
        }
    }
}

/// The tallies of a period from orders as they stood at `p.as_of` and the counted events:
/// the reference path (the store's counters must give the same, see `hotline check`).
pub fn tally(p: &Period, orders: &[Order], events: &[CountedEvent]) -> Tallies {
    let mut t = Tallies::default();
    for o in orders {
        t.add_contribution(p, &contribution(o));
        if is_open_late_30d(o, p.as_of) {
            t.add_open_late(p, o);
        }
        if is_open_late(o, p.as_of) {
            t.add_late_now(p, o);
        }
    }
    for e in events {
        t.add_event(p, e);
    }
    t.without_empty_units()
}

/// Compute the scorecard. `orders` must be the orders' states at `p.as_of`; `events` the
/// counted events (any period: they are filtered here).
pub fn compute(p: Period, units: &[Unit], orders: &[Order], events: &[CountedEvent]) -> Scorecard {
    assemble(p, units, &tally(&p, orders, events))
}

/// The scorecard from its tallies: rows in the units' order, totals, rates.
pub fn assemble(p: Period, units: &[Unit], t: &Tallies) -> Scorecard {
    let rows: Vec<UnitRow> = units
        .iter()
        .map(|u| {
            let mut r = UnitRow::empty(u.kind, &u.name);
            if let Some(x) = t.units.get(&u.name) {
                r.assigned = x.assigned;
                r.closed = x.closed;
                r.closed_on_time = x.closed_on_time;
                r.overdue_30d = x.closed_late30 + x.open_late30;
                r.open_late = x.open_late;
                r.supervisions = x.supervisions;
                r.urges = x.urges;
                r.redos = x.redos;
                r.callbacks_reached = x.callbacks_reached;
                r.satisfied = x.satisfied;
            }
            r.finish()
        })
        .collect();
    let table_totals = UnitKind::ALL
        .iter()
        .map(|k| {
            let mut total = UnitRow::empty(*k, "合计");
            for r in rows.iter().filter(|r| r.kind == *k) {
                total.add(r);
            }
            total.finish()
        })
        .collect();
    let x = &t.totals;
    let open = x.received - x.closed;
    let totals = Totals {
        received: x.received,
        inquiry: x.inquiry,
        suggestion: x.suggestion,
        request: x.request,
        closed: x.closed,
        open,
        overdue_30d: x.closed_late30 + x.open_late30,
        open_overdue_30d: x.open_late30,
        redone: x.redone,
        unassigned: x.unassigned,
        closure_rate: rate(x.closed, x.received),
        open_overdue_rate: rate(x.open_late30, open),
        redo_rate: rate(x.redone, x.received),
    };
    Scorecard {
        period: p,
        totals,
        units: rows,
        table_totals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_from_the_counts() {
        // 81.25 %, 1.25 %, 0.05 %, 99.95 %: exact ties, which `{:.1}` rounds to even (or
        // down, when the float is a little under) and these must not.
        assert_eq!(percent(13, 16), "81.3%");
        assert_eq!(percent(1, 80), "1.3%");
        assert_eq!(percent(1, 2000), "0.1%");
        assert_eq!(percent(1999, 2000), "100.0%");
        assert_eq!(percent(3, 16), "18.8%");
        assert_eq!(percent(7, 80), "8.8%");
        // Not ties: the nearest.
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(0, 7), "0.0%");
        assert_eq!(percent(7, 7), "100.0%");
        assert_eq!(percent(1, 0), "—");
        assert_eq!(percent(u64::MAX, u64::MAX), "100.0%");
    }

    #[test]
    fn a_rows_printed_rates_come_from_its_counts() {
        let mut r = UnitRow::empty(UnitKind::Department, "住建局");
        (r.assigned, r.closed, r.closed_on_time) = (16, 13, 0);
        (r.callbacks_reached, r.satisfied) = (16, 3);
        assert_eq!(r.closure_percent(), "81.3%");
        assert_eq!(r.satisfaction_percent(), "18.8%");
        assert_eq!(r.on_time_percent(), "0.0%");
        assert_eq!(
            UnitRow::empty(UnitKind::Township, "海城镇").closure_percent(),
            "—"
        );
    }
}
