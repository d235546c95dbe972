//! The scorecard (承办单位办件情况表): every figure the program prints about units and totals
//! is defined here, once. The README quotes these definitions; tests check each one on
//! hand-built cases.
//!
//! Inputs are the orders *as they stood at `as_of`* (the replay of their events up to then)
//! and the counted events (urge, supervise, redo, callback) with the unit they concerned.

use super::order::{CallbackResult, Category, Order, Unit, UnitKind};
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
    is_closed(order, as_of)
        && match (order.replied_at, order.deadline) {
            (Some(r), Some(d)) => r.date() <= d,
            (Some(_), None) => true, // answered by the office itself, no unit deadline
            _ => false,
        }
}

/// A ratio, or None when the base is zero (printed as “—”).
pub fn rate(part: u64, base: u64) -> Option<f64> {
    (base > 0).then(|| part as f64 / base as f64)
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
    fn empty(kind: UnitKind, unit: &str) -> UnitRow {
        UnitRow {
            table: kind.table(),
            kind,
            unit: unit.to_string(),
            assigned: 0,
            closed: 0,
            overdue_30d: 0,
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

/// Compute the scorecard. `orders` must be the orders' states at `p.as_of`; `events` the
/// counted events (any period: they are filtered here).
pub fn compute(p: Period, units: &[Unit], orders: &[Order], events: &[CountedEvent]) -> Scorecard {
    let mut rows: Vec<UnitRow> = units
        .iter()
        .map(|u| UnitRow::empty(u.kind, &u.name))
        .collect();
    let index: std::collections::HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.name.as_str(), i))
        .collect();

    for o in orders {
        let Some(i) = o.unit.as_deref().and_then(|u| index.get(u)) else {
            continue;
        };
        let row = &mut rows[*i];
        if !is_assigned_to(o, &row.unit, &p) {
            continue;
        }
        row.assigned += 1;
        if is_closed(o, p.as_of) {
            row.closed += 1;
        }
        if is_closed_on_time(o, p.as_of) {
            row.closed_on_time += 1;
        }
        if is_overdue_30d(o, p.as_of) {
            row.overdue_30d += 1;
        }
    }
    for e in events {
        if !p.contains(e.at) {
            continue;
        }
        let Some(i) = e.unit.as_deref().and_then(|u| index.get(u)) else {
            continue;
        };
        let row = &mut rows[*i];
        match e.what {
            Counted::Urge => row.urges += 1,
            Counted::Supervision => row.supervisions += 1,
            Counted::Redo => row.redos += 1,
            Counted::Callback(r) => {
                if r.reached() {
                    row.callbacks_reached += 1;
                    if r.satisfied() {
                        row.satisfied += 1;
                    }
                }
            }
        }
    }
    let rows: Vec<UnitRow> = rows.into_iter().map(UnitRow::finish).collect();
    let table_totals = UnitKind::ALL
        .iter()
        .map(|k| {
            let mut t = UnitRow::empty(*k, "合计");
            for r in rows.iter().filter(|r| r.kind == *k) {
                t.add(r);
            }
            t.finish()
        })
        .collect();

    let mut t = Totals {
        received: 0,
        inquiry: 0,
        suggestion: 0,
        request: 0,
        closed: 0,
        open: 0,
        overdue_30d: 0,
        open_overdue_30d: 0,
        redone: 0,
        unassigned: 0,
        closure_rate: None,
        open_overdue_rate: None,
        redo_rate: None,
    };
    for o in orders.iter().filter(|o| p.contains(o.received_at)) {
        t.received += 1;
        match o.category {
            Category::Inquiry => t.inquiry += 1,
            Category::Suggestion => t.suggestion += 1,
            Category::Request => t.request += 1,
        }
        let closed = is_closed(o, p.as_of);
        let late = is_overdue_30d(o, p.as_of);
        if closed {
            t.closed += 1;
        } else {
            t.open += 1;
            if late {
                t.open_overdue_30d += 1;
            }
            if o.unit.is_none() {
                t.unassigned += 1;
            }
        }
        if late {
            t.overdue_30d += 1;
        }
        if o.redos > 0 {
            t.redone += 1;
        }
    }
    t.closure_rate = rate(t.closed, t.received);
    t.open_overdue_rate = rate(t.open_overdue_30d, t.open);
    t.redo_rate = rate(t.redone, t.received);

    Scorecard {
        period: p,
        totals: t,
        units: rows,
        table_totals,
    }
}
