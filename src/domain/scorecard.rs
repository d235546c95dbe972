//! The scorecard (承办单位办件情况表): every figure the program prints about units and totals
//! is defined here, once. The README quotes these definitions; tests check each one on
//! hand-built cases.
//!
//! Inputs are the orders *as they stood at `as_of`* (the replay of their events up to then)
//! and the counted events (urge, supervise, redo, callback) with the unit they concerned.

use super::event::{Event, EventKind};
use super::order::{
    Answers, CallbackResult, Category, LastCallback, Order, Solved, Unit, UnitKind, late_on,
};
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
    Callback(CallbackResult, Answers),
    /// A dispatch to the unit (the base of the 回退率).
    Dispatch,
    /// A return approved from the unit; `late` when asked for after the deadline (迟退单).
    Return {
        late: bool,
    },
}

/// The clock hours an assessment pack may use as a limit for signing (签收) or the first
/// contact (先行联系): the running sums count, for each mark, the orders signed (contacted)
/// within that many hours of their dispatch. A pack naming another limit is refused.
pub const HOUR_MARKS: [i64; 7] = [2, 4, 8, 12, 24, 48, 72];

/// For each of `HOUR_MARKS`: 1 if `hours` is within it.
fn within_marks(hours: Option<i64>) -> [u64; HOUR_MARKS.len()] {
    HOUR_MARKS.map(|m| u64::from(hours.is_some_and(|h| h <= m)))
}

/// Whole clock hours from `a` to `b`, rounded up (a sign 61 minutes after dispatch took 2 h).
pub fn hours_between(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    let s = (b - a).num_seconds().max(0);
    (s + 3599) / 3600
}

/// The counts of valid callbacks (those that reached the citizen) and their answers. A
/// callback recorded before the three questions answers only the satisfaction: it counts in
/// `valid` but not in `contact_answered` or `solve_answered`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CallbackCounts {
    pub valid: u64,
    pub contact_answered: u64,
    pub contacted: u64,
    pub solve_answered: u64,
    pub solved: u64,
    pub explained: u64,
    /// 满意
    pub satisfied: u64,
    /// 基本满意
    pub basic: u64,
    /// 不满意
    pub unsatisfied: u64,
}

impl CallbackCounts {
    /// One callback's counts (all zero when it did not reach the citizen).
    pub fn of(result: CallbackResult, a: Answers) -> CallbackCounts {
        if !result.reached() {
            return CallbackCounts::default();
        }
        CallbackCounts {
            valid: 1,
            contact_answered: u64::from(a.contacted.is_some()),
            contacted: u64::from(a.contacted == Some(true)),
            solve_answered: u64::from(a.solved.is_some()),
            solved: u64::from(a.solved == Some(Solved::Yes)),
            explained: u64::from(a.solved == Some(Solved::Explained)),
            satisfied: u64::from(result == CallbackResult::Satisfied),
            basic: u64::from(result == CallbackResult::BasicallySatisfied),
            unsatisfied: u64::from(result == CallbackResult::Unsatisfied),
        }
    }
    /// Take out what `o` added (never below zero).
    pub fn sub(&mut self, o: &CallbackCounts) {
        for (a, b) in [
            (&mut self.valid, o.valid),
            (&mut self.contact_answered, o.contact_answered),
            (&mut self.contacted, o.contacted),
            (&mut self.solve_answered, o.solve_answered),
            (&mut self.solved, o.solved),
            (&mut self.explained, o.explained),
            (&mut self.satisfied, o.satisfied),
            (&mut self.basic, o.basic),
            (&mut self.unsatisfied, o.unsatisfied),
        ] {
            *a = a.saturating_sub(b);
        }
    }
    pub fn add(&mut self, o: &CallbackCounts) {
        self.valid += o.valid;
        self.contact_answered += o.contact_answered;
        self.contacted += o.contacted;
        self.solve_answered += o.solve_answered;
        self.solved += o.solved;
        self.explained += o.explained;
        self.satisfied += o.satisfied;
        self.basic += o.basic;
        self.unsatisfied += o.unsatisfied;
    }
}

/// The assessment's counts of a unit in a period, beside the bulletin's (see
/// `domain::assessment` for the rates and scores made of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AssessCounts {
    /// Of the assigned, replied at least once.
    pub replied: u64,
    /// Of the assigned, signed within each of `HOUR_MARKS` hours of the dispatch.
    pub signed_within: [u64; HOUR_MARKS.len()],
    /// Of the assigned, first contact (先行联系) within each of `HOUR_MARKS` hours.
    pub contacted_within: [u64; HOUR_MARKS.len()],
    /// Dispatch events to the unit in the period.
    pub dispatches: u64,
    /// Returns from the unit approved in the period, and of those the late ones (迟退单).
    pub returns: u64,
    pub late_returns: u64,
    /// Each order's last valid callback, on the day it was made, for the unit holding the
    /// order (a second callback after a redo replaces the first).
    pub latest: CallbackCounts,
    /// Every valid callback in the period.
    pub every: CallbackCounts,
}

impl AssessCounts {
    /// Take out what `o` added (never below zero).
    pub fn sub(&mut self, o: &AssessCounts) {
        self.replied = self.replied.saturating_sub(o.replied);
        for i in 0..HOUR_MARKS.len() {
            self.signed_within[i] = self.signed_within[i].saturating_sub(o.signed_within[i]);
            self.contacted_within[i] =
                self.contacted_within[i].saturating_sub(o.contacted_within[i]);
        }
        self.dispatches = self.dispatches.saturating_sub(o.dispatches);
        self.returns = self.returns.saturating_sub(o.returns);
        self.late_returns = self.late_returns.saturating_sub(o.late_returns);
        self.latest.sub(&o.latest);
        self.every.sub(&o.every);
    }
    pub fn add(&mut self, o: &AssessCounts) {
        self.replied += o.replied;
        for i in 0..HOUR_MARKS.len() {
            self.signed_within[i] += o.signed_within[i];
            self.contacted_within[i] += o.contacted_within[i];
        }
        self.dispatches += o.dispatches;
        self.returns += o.returns;
        self.late_returns += o.late_returns;
        self.latest.add(&o.latest);
        self.every.add(&o.every);
    }
}

/// The counted kind of an event, if it is one the scorecard counts (the store lists their kind codes in `store::tally::COUNTED_KINDS`).
pub fn counted(e: &Event) -> Option<CountedEvent> {
    let what = match e.kind {
        EventKind::Urged { .. } => Counted::Urge,
        EventKind::Supervised { .. } => Counted::Supervision,
        EventKind::Redone { .. } => Counted::Redo,
        EventKind::CalledBack { result, answers } => Counted::Callback(result, answers),
        // A reassignment is a dispatch to the new unit (the old one is charged no return).
        EventKind::Dispatched { .. } | EventKind::Reassigned { .. } => Counted::Dispatch,
        EventKind::Returned { late, .. } => Counted::Return { late },
        _ => return None,
    };
    Some(CountedEvent {
        at: e.at,
        unit: e.unit.clone(),
        what,
    })
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

/// **on time**: closed, and the unit's last reply was not past due (`Order::past_due`: by the
/// end of the deadline day, or by the time due of a limit in clock hours).
pub fn is_closed_on_time(order: &Order, as_of: NaiveDateTime) -> bool {
    is_closed(order, as_of) && replied_on_time(order) == Some(true)
}

/// Whether the last reply came in time (the TUI's callback shows it;
/// `is_closed_on_time` counts it); `None` before any reply.
pub fn replied_on_time(order: &Order) -> Option<bool> {
    // Not past due (`Order::past_due`): by the end of the deadline day, or by the time due of
    // a limit in clock hours; answered by the office itself (no unit deadline): on time.
    order.replied_at.map(|r| !order.past_due(r))
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
    /// The assessment's counts (see `domain::assessment`).
    pub assess: AssessCounts,
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
            assess: AssessCounts::default(),
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
        self.assess.add(&r.assess);
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
    /// Replied at least once (by the unit holding it).
    pub replied: bool,
    /// Hours from the dispatch to the signing, and to the first contact (when they happened).
    pub sign_hours: Option<i64>,
    pub contact_hours: Option<i64>,
    /// The last valid callback and its day (counted for `unit`'s unit).
    pub callback: Option<(NaiveDate, LastCallback)>,
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
        // A merged order is the lead's work, not the office's to dispatch.
        unassigned: o.is_open() && o.unit.is_none() && o.merged_into.is_none(),
        replied: o.unit.is_some() && o.replied_at.is_some(),
        sign_hours: o
            .assigned_at
            .zip(o.accepted_at)
            .map(|(a, b)| hours_between(a, b)),
        contact_hours: o
            .assigned_at
            .zip(o.first_contact_at)
            .map(|(a, b)| hours_between(a, b)),
        callback: o
            .last_callback
            .filter(|_| o.unit.is_some())
            .map(|c| (c.at.date(), c)),
    }
}

impl Contribution {
    /// What the order adds to its unit's assessment counts on the day it was assigned.
    pub fn assigned_counts(&self) -> AssessCounts {
        AssessCounts {
            replied: u64::from(self.replied),
            signed_within: within_marks(self.sign_hours),
            contacted_within: within_marks(self.contact_hours),
            ..AssessCounts::default()
        }
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
    pub assess: AssessCounts,
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
            u.assess.add(&c.assigned_counts());
        }
        if let (Some((unit, _)), Some((day, cb))) = (&c.unit, &c.callback)
            && p.from <= *day
            && *day <= p.to
        {
            let u = self.units.entry(unit.clone()).or_default();
            u.assess
                .latest
                .add(&CallbackCounts::of(cb.result, cb.answers));
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

    /// Take out of the units' sums what `other`'s orders and events added: the adjusted
    /// figures of an assessment are the raw ones less the exempted orders' own tally. The
    /// office's totals are left as they are (an exemption judges a unit, not the intake).
    pub fn subtract_units(&mut self, other: &Tallies) {
        for (name, o) in &other.units {
            let Some(u) = self.units.get_mut(name) else {
                continue;
            };
            for (a, b) in [
                (&mut u.assigned, o.assigned),
                (&mut u.closed, o.closed),
                (&mut u.closed_on_time, o.closed_on_time),
                (&mut u.closed_late30, o.closed_late30),
                (&mut u.open_late30, o.open_late30),
                (&mut u.open_late, o.open_late),
                (&mut u.urges, o.urges),
                (&mut u.supervisions, o.supervisions),
                (&mut u.redos, o.redos),
                (&mut u.callbacks_reached, o.callbacks_reached),
                (&mut u.satisfied, o.satisfied),
            ] {
                *a = a.saturating_sub(b);
            }
            u.assess.sub(&o.assess);
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
            Counted::Callback(r, a) => {
                u.callbacks_reached += u64::from(r.reached());
                u.satisfied += u64::from(r.reached() && r.satisfied());
                u.assess.every.add(&CallbackCounts::of(r, a));
            }
            Counted::Dispatch => u.assess.dispatches += 1,
            Counted::Return { late } => {
                u.assess.returns += 1;
                u.assess.late_returns += u64::from(late);
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
                r.assess = x.assess;
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
