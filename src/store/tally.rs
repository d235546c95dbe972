//! The scorecard's running sums. Each order's `scorecard::Contribution` is added to
//! `unit_tally` (by the day it was assigned) and `total_tally` (by the day it was received,
//! per category); each urge, supervision, redo and callback to `unit_tally` by its own day.
//! When an event changes an order, its old contribution is taken out and the new one put in,
//! in the same transaction. So a report "as of now" reads a few thousand small rows instead of
//! grouping every order, and `check` proves the sums equal the replay of the events.

use super::Store;
use crate::domain::scorecard::{
    self, AssessCounts, CallbackCounts, Contribution, Counted, CountedEvent, Period, Tallies,
    TotalTally, UnitTally,
};
use crate::domain::{Event, Order};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// The `kind` codes of the events `counted` counts (for a query's `IN` list).
pub(crate) const COUNTED_KINDS: &[&str] = &[
    "urged",
    "supervised",
    "redone",
    "called_back",
    "dispatched",
    "reassigned",
    "returned",
];

pub(crate) use crate::domain::scorecard::counted;

/// A row of running sums whose fields *are* the table's columns: the struct, its column list,
/// its SQL parameters and its reading from a row are generated from one list of names, so no
/// two places must agree on positions.
macro_rules! sums {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: i64,)+
        }

        impl $name {
            /// The columns of the table, named as the fields.
            pub const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];

            fn merge(&mut self, other: &Self) {
                $(self.$field += other.$field;)+
            }

            fn is_zero(&self) -> bool {
                *self == Self::default()
            }

            /// The values as named SQL parameters (`:assigned`, …).
            fn params(&self) -> Vec<(&'static str, i64)> {
                vec![$((concat!(":", stringify!($field)), self.$field)),+]
            }

            /// Read from a row whose columns are named as the fields (`sum(x) AS x`).
            fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                Ok(Self { $($field: r.get(stringify!($field))?,)+ })
            }
        }
    };
}

sums! {
    /// A unit's sums for a day (`unit_tally`) or a month (`unit_tally_month`): its orders by the
    /// day they were assigned there, its counted events by their own day.
    UnitSums {
        assigned,
        closed,
        closed_on_time,
        closed_late30,
        urges,
        supervisions,
        redos,
        callbacks_reached,
        satisfied,
        // The assessment's counts (`scorecard::AssessCounts`, flattened): see `add_assess`.
        replied,
        signed_2h,
        signed_4h,
        signed_8h,
        signed_12h,
        signed_24h,
        signed_48h,
        signed_72h,
        contact_2h,
        contact_4h,
        contact_8h,
        contact_12h,
        contact_24h,
        contact_48h,
        contact_72h,
        dispatches,
        returns,
        late_returns,
        lc_valid,
        lc_contact_answered,
        lc_contacted,
        lc_solve_answered,
        lc_solved,
        lc_explained,
        lc_satisfied,
        lc_basic,
        lc_unsatisfied,
        ev_contact_answered,
        ev_contacted,
        ev_solve_answered,
        ev_solved,
        ev_explained,
        ev_satisfied,
        ev_basic,
        ev_unsatisfied,
    }
}

sums! {
    /// A category's sums for a day (`total_tally`) or a month: its orders by the day received.
    TotalSums {
        received,
        closed,
        closed_late30,
        redone,
        unassigned,
    }
}

impl UnitSums {
    /// Into the scorecard's tally (negative sums, which a sound table never has, count 0).
    fn add_to(&self, u: &mut UnitTally) {
        let n = |x: i64| u64::try_from(x).unwrap_or(0);
        u.assigned += n(self.assigned);
        u.closed += n(self.closed);
        u.closed_on_time += n(self.closed_on_time);
        u.closed_late30 += n(self.closed_late30);
        u.urges += n(self.urges);
        u.supervisions += n(self.supervisions);
        u.redos += n(self.redos);
        u.callbacks_reached += n(self.callbacks_reached);
        u.satisfied += n(self.satisfied);
        let a = &mut u.assess;
        a.replied += n(self.replied);
        a.signed_within[0] += n(self.signed_2h);
        a.contacted_within[0] += n(self.contact_2h);
        a.signed_within[1] += n(self.signed_4h);
        a.contacted_within[1] += n(self.contact_4h);
        a.signed_within[2] += n(self.signed_8h);
        a.contacted_within[2] += n(self.contact_8h);
        a.signed_within[3] += n(self.signed_12h);
        a.contacted_within[3] += n(self.contact_12h);
        a.signed_within[4] += n(self.signed_24h);
        a.contacted_within[4] += n(self.contact_24h);
        a.signed_within[5] += n(self.signed_48h);
        a.contacted_within[5] += n(self.contact_48h);
        a.signed_within[6] += n(self.signed_72h);
        a.contacted_within[6] += n(self.contact_72h);
        a.dispatches += n(self.dispatches);
        a.returns += n(self.returns);
        a.late_returns += n(self.late_returns);
        a.latest.valid += n(self.lc_valid);
        a.latest.contact_answered += n(self.lc_contact_answered);
        a.latest.contacted += n(self.lc_contacted);
        a.latest.solve_answered += n(self.lc_solve_answered);
        a.latest.solved += n(self.lc_solved);
        a.latest.explained += n(self.lc_explained);
        a.latest.satisfied += n(self.lc_satisfied);
        a.latest.basic += n(self.lc_basic);
        a.latest.unsatisfied += n(self.lc_unsatisfied);
        a.every.contact_answered += n(self.ev_contact_answered);
        a.every.contacted += n(self.ev_contacted);
        a.every.solve_answered += n(self.ev_solve_answered);
        a.every.solved += n(self.ev_solved);
        a.every.explained += n(self.ev_explained);
        a.every.satisfied += n(self.ev_satisfied);
        a.every.basic += n(self.ev_basic);
        a.every.unsatisfied += n(self.ev_unsatisfied);
        a.every.valid += n(self.callbacks_reached);
    }

    /// Add `sign` × the assessment's counts (`every.valid` is `callbacks_reached`, kept by
    /// `add_event`).
    fn add_assess(&mut self, a: &AssessCounts, sign: i64) {
        let i = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
        let r = self;
        r.replied += sign * i(a.replied);
        r.signed_2h += sign * i(a.signed_within[0]);
        r.contact_2h += sign * i(a.contacted_within[0]);
        r.signed_4h += sign * i(a.signed_within[1]);
        r.contact_4h += sign * i(a.contacted_within[1]);
        r.signed_8h += sign * i(a.signed_within[2]);
        r.contact_8h += sign * i(a.contacted_within[2]);
        r.signed_12h += sign * i(a.signed_within[3]);
        r.contact_12h += sign * i(a.contacted_within[3]);
        r.signed_24h += sign * i(a.signed_within[4]);
        r.contact_24h += sign * i(a.contacted_within[4]);
        r.signed_48h += sign * i(a.signed_within[5]);
        r.contact_48h += sign * i(a.contacted_within[5]);
        r.signed_72h += sign * i(a.signed_within[6]);
        r.contact_72h += sign * i(a.contacted_within[6]);
        r.dispatches += sign * i(a.dispatches);
        r.returns += sign * i(a.returns);
        r.late_returns += sign * i(a.late_returns);
        r.lc_valid += sign * i(a.latest.valid);
        r.lc_contact_answered += sign * i(a.latest.contact_answered);
        r.lc_contacted += sign * i(a.latest.contacted);
        r.lc_solve_answered += sign * i(a.latest.solve_answered);
        r.lc_solved += sign * i(a.latest.solved);
        r.lc_explained += sign * i(a.latest.explained);
        r.lc_satisfied += sign * i(a.latest.satisfied);
        r.lc_basic += sign * i(a.latest.basic);
        r.lc_unsatisfied += sign * i(a.latest.unsatisfied);
        r.ev_contact_answered += sign * i(a.every.contact_answered);
        r.ev_contacted += sign * i(a.every.contacted);
        r.ev_solve_answered += sign * i(a.every.solve_answered);
        r.ev_solved += sign * i(a.every.solved);
        r.ev_explained += sign * i(a.every.explained);
        r.ev_satisfied += sign * i(a.every.satisfied);
        r.ev_basic += sign * i(a.every.basic);
        r.ev_unsatisfied += sign * i(a.every.unsatisfied);
    }
}

/// Keyed sums, as stored: for comparing the tables with a replay.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TallyRows {
    /// (unit, day) → sums
    pub units: BTreeMap<(String, String), UnitSums>,
    /// (day, category) → sums
    pub totals: BTreeMap<(String, String), TotalSums>,
}

impl TallyRows {
    /// Add `other`'s changes to these.
    pub fn merge(&mut self, other: TallyRows) {
        for (k, v) in other.units {
            self.units.entry(k).or_default().merge(&v);
        }
        for (k, v) in other.totals {
            self.totals.entry(k).or_default().merge(&v);
        }
    }

    pub fn add_contribution(&mut self, c: &Contribution, sign: i64) {
        if let Some((unit, day)) = &c.unit {
            let r = self
                .units
                .entry((unit.clone(), day.to_string()))
                .or_default();
            r.assigned += sign;
            r.closed += sign * i64::from(c.closed);
            r.closed_on_time += sign * i64::from(c.closed_on_time);
            r.closed_late30 += sign * i64::from(c.closed_late30);
            r.add_assess(&c.assigned_counts(), sign);
        }
        if let (Some((unit, _)), Some((day, cb))) = (&c.unit, &c.callback) {
            let latest = AssessCounts {
                latest: CallbackCounts::of(cb.result, cb.answers),
                ..AssessCounts::default()
            };
            self.units
                .entry((unit.clone(), day.to_string()))
                .or_default()
                .add_assess(&latest, sign);
        }
        let t = self
            .totals
            .entry((c.received_day.to_string(), c.category.code().to_string()))
            .or_default();
        t.received += sign;
        t.closed += sign * i64::from(c.closed);
        t.closed_late30 += sign * i64::from(c.closed_late30);
        t.redone += sign * i64::from(c.redone);
        t.unassigned += sign * i64::from(c.unassigned);
    }

    pub fn add_event(&mut self, e: &CountedEvent) {
        let Some(unit) = &e.unit else { return };
        let r = self
            .units
            .entry((unit.clone(), e.at.date().to_string()))
            .or_default();
        match e.what {
            Counted::Urge => r.urges += 1,
            Counted::Supervision => r.supervisions += 1,
            Counted::Redo => r.redos += 1,
            Counted::Callback(res, answers) => {
                r.callbacks_reached += i64::from(res.reached());
                r.satisfied += i64::from(res.reached() && res.satisfied());
                let mut every = CallbackCounts::of(res, answers);
                every.valid = 0; // kept as callbacks_reached
                r.add_assess(
                    &AssessCounts {
                        every,
                        ..AssessCounts::default()
                    },
                    1,
                );
            }
            Counted::Dispatch => r.dispatches += 1,
            Counted::Return { late } => {
                r.returns += 1;
                r.late_returns += i64::from(late);
            }
        }
    }

    fn without_zeros(mut self) -> Self {
        self.units.retain(|_, v| !v.is_zero());
        self.totals.retain(|_, v| !v.is_zero());
        self
    }
}

/// `cols` as `a, b, c` with each wrapped by `f`.
fn column_list(cols: &[&str], f: impl Fn(&str) -> String) -> String {
    cols.iter().map(|c| f(c)).collect::<Vec<_>>().join(", ")
}

/// `execute` with these named parameters (the key's, then the sums').
fn execute_named(
    stmt: &mut rusqlite::CachedStatement<'_>,
    key: &[(&str, &dyn rusqlite::ToSql)],
    sums: &[(&'static str, i64)],
) -> rusqlite::Result<usize> {
    let mut p: Vec<(&str, &dyn rusqlite::ToSql)> = key.to_vec();
    p.extend(sums.iter().map(|(n, v)| (*n, v as &dyn rusqlite::ToSql)));
    stmt.execute(p.as_slice())
}

/// Split `[from, to]` into the whole months inside it (read from the month rollups) and the
/// leftover days at either end (read from the day rows): (unit table, total table, first key,
/// last key).
fn tally_ranges(
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(&'static str, &'static str, String, String)> {
    let day =
        |a: NaiveDate, b: NaiveDate| ("unit_tally", "total_tally", a.to_string(), b.to_string());
    let month_start = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let next_month = |d: NaiveDate| {
        let s = month_start(d);
        (s + chrono::Duration::days(32)).with_day(1).unwrap_or(s)
    };
    // First whole month starts at `from` if it is a 1st, else the month after.
    let first = if from.day() == 1 {
        from
    } else {
        next_month(from)
    };
    // The day after the last whole month: `to`'s month's start, or the next if `to` ends it.
    let end = if next_month(to) - chrono::Duration::days(1) == to {
        next_month(to)
    } else {
        month_start(to)
    };
    if first >= end {
        return if from <= to {
            vec![day(from, to)]
        } else {
            vec![]
        };
    }
    let mut out = vec![(
        "unit_tally_month",
        "total_tally_month",
        first.format("%Y-%m").to_string(),
        (end - chrono::Duration::days(1))
            .format("%Y-%m")
            .to_string(),
    )];
    if from < first {
        out.push(day(from, first - chrono::Duration::days(1)));
    }
    if end <= to {
        out.push(day(end, to));
    }
    out
}

impl Store {
    /// Add the deltas to the tables, day rows and their month rollups. Call inside `write`.
    pub(crate) fn apply_tally(&self, rows: &TallyRows) -> Result<()> {
        let upsert = |table: &str, key: &str, cols: &[&str]| {
            format!(
                "INSERT INTO {table}({key}, {cols}) VALUES ({key_params}, {params})
                 ON CONFLICT({key}) DO UPDATE SET {set}",
                cols = cols.join(", "),
                key_params = column_list(&key.split(", ").collect::<Vec<_>>(), |c| format!(":{c}")),
                params = column_list(cols, |c| format!(":{c}")),
                set = column_list(cols, |c| format!("{c} = {c} + excluded.{c}")),
            )
        };
        for (table, key_len) in [("unit_tally", 10), ("unit_tally_month", 7)] {
            let mut stmt =
                self.conn
                    .prepare_cached(&upsert(table, "unit_id, day", UnitSums::COLUMNS))?;
            for ((unit, day), v) in &rows.units {
                if v.is_zero() {
                    continue;
                }
                let key = &day[..key_len.min(day.len())];
                let Some(unit_id) = self.unit_id(unit)? else {
                    return Err(Error::NotFound(format!("unknown unit '{unit}'")));
                };
                execute_named(
                    &mut stmt,
                    &[(":unit_id", &unit_id), (":day", &key)],
                    &v.params(),
                )?;
            }
        }
        for (table, key_len) in [("total_tally", 10), ("total_tally_month", 7)] {
            let mut stmt =
                self.conn
                    .prepare_cached(&upsert(table, "day, category", TotalSums::COLUMNS))?;
            for ((day, cat), v) in &rows.totals {
                if v.is_zero() {
                    continue;
                }
                let key = &day[..key_len.min(day.len())];
                execute_named(
                    &mut stmt,
                    &[(":day", &key), (":category", cat)],
                    &v.params(),
                )?;
            }
        }
        Ok(())
    }

    /// Do the month rollups equal the sums of their days? (Part of `check`.)
    pub fn month_rollups_agree(&self) -> Result<bool> {
        let mut bad = 0i64;
        for (day, month, key, c) in [
            (
                "unit_tally",
                "unit_tally_month",
                "unit_id",
                UnitSums::COLUMNS,
            ),
            (
                "total_tally",
                "total_tally_month",
                "category",
                TotalSums::COLUMNS,
            ),
        ] {
            let sql = format!(
                "SELECT count(*) FROM (
                   SELECT {key}, substr(day, 1, 7) AS day, {sums} FROM {day} GROUP BY 1, 2
                   EXCEPT SELECT {key}, day, {plain} FROM {month}
                 ) UNION ALL SELECT count(*) FROM (
                   SELECT {key}, day, {plain} FROM {month}
                   EXCEPT SELECT {key}, substr(day, 1, 7), {sums} FROM {day} GROUP BY 1, 2
                 )",
                sums = column_list(c, |c| format!("sum({c})")),
                plain = c.join(", "),
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                bad += r.get::<_, i64>(0)?;
            }
        }
        Ok(bad == 0)
    }

    /// Keep the sums current for one event: `prev` → `next` (prev None for a new order).
    pub(crate) fn tally_event(
        &self,
        prev: Option<&Order>,
        next: Option<&Order>,
        e: &Event,
    ) -> Result<()> {
        let mut rows = TallyRows::default();
        if let Some(p) = prev {
            rows.add_contribution(&scorecard::contribution(p), -1);
        }
        if let Some(n) = next {
            rows.add_contribution(&scorecard::contribution(n), 1);
        }
        if let Some(c) = counted(e) {
            rows.add_event(&c);
        }
        if let Some(batch) = self.tally_batch.borrow_mut().as_mut() {
            batch.merge(rows);
            return Ok(());
        }
        self.apply_tally(&rows)
    }

    /// Run `f` (inside `write`) with the running sums' changes summed in memory and applied
    /// once when it succeeds. Nothing in `f` may read the sums: they are behind until the end.
    pub(crate) fn batch_tally<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let outer = self.tally_batch.replace(Some(TallyRows::default()));
        let out = f(self);
        let batch = self.tally_batch.replace(outer);
        let v = out?;
        if let Some(rows) = batch {
            self.apply_tally(&rows)?;
        }
        Ok(v)
    }

    /// The tables as stored (zero rows left out).
    pub fn stored_tally(&self) -> Result<TallyRows> {
        let mut out = TallyRows::default();
        let sql = format!(
            "SELECT u.name, t.day, {} FROM unit_tally t JOIN units u ON u.id = t.unit_id",
            column_list(UnitSums::COLUMNS, |c| format!("t.{c} AS {c}"))
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            out.units.insert((r.get(0)?, r.get(1)?), UnitSums::read(r)?);
        }
        let sql = format!(
            "SELECT day, category, {} FROM total_tally",
            TotalSums::COLUMNS.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            out.totals
                .insert((r.get(0)?, r.get(1)?), TotalSums::read(r)?);
        }
        Ok(out.without_zeros())
    }

    /// The sums recomputed from the events: every order replayed, every counted event.
    pub fn replayed_tally(&self) -> Result<TallyRows> {
        let mut out = TallyRows::default();
        self.for_each_order_with_events(|stored, events| {
            let o =
                crate::domain::workflow::replay(&stored.order_no, events).map_err(Error::Store)?;
            out.add_contribution(&scorecard::contribution(&o), 1);
            Ok(())
        })?;
        let kinds: Vec<String> = COUNTED_KINDS.iter().map(|k| format!("'{k}'")).collect();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.at, e.operator, u.name, e.data FROM events e LEFT JOIN units u ON u.id = e.unit_id
             WHERE e.kind IN ({})",
            kinds.join(", ")
        ))?;
        let rows = stmt.query_map([], |r| super::orders::event_from_row(r, 0))?;
        for e in rows {
            if let Some(c) = counted(&e?) {
                out.add_event(&c);
            }
        }
        Ok(out.without_zeros())
    }

    /// Recompute the tables from the events (after a migration or a bulk load).
    pub fn rebuild_tally(&self) -> Result<()> {
        let rows = self.replayed_tally()?;
        self.write(|s| {
            s.conn.execute_batch(
                "DELETE FROM unit_tally; DELETE FROM total_tally;
                     DELETE FROM unit_tally_month; DELETE FROM total_tally_month;",
            )?;
            s.apply_tally(&rows)?;
            s.conn
                .execute("DELETE FROM settings WHERE key = 'tally_rebuild'", [])?;
            Ok(())
        })
    }

    /// The scorecard's tallies for a period from the running sums, valid when nothing happened
    /// after `p.as_of` (the caller checks); open-and-late orders come from the covering index.
    pub fn fast_tallies(&self, p: &Period) -> Result<Tallies> {
        let mut t = Tallies::default();
        let mut tt = TotalTally::default();
        // Whole months from the month rollups, the days at either end from the day rows.
        for (table_unit, table_total, a, b) in tally_ranges(p.from, p.to) {
            self.sum_unit_rows(table_unit, &a, &b, &mut t)?;
            self.sum_total_rows(table_total, &a, &b, &mut tt)?;
        }
        let (from, to) = (p.from.to_string(), p.to.to_string());
        // Open and late at as_of (`scorecard::is_open_late`: the deadline day before as_of's),
        // and of those the more than 30 days late: one scan of the covering partial index
        // (status is in it so no table row is read), per unit and for the totals.
        let bound = scorecard::late30_deadline_bound(p.as_of).to_string();
        let today = p.as_of.date().to_string();
        let start = format!("{from}T00:00:00");
        let end = format!("{to}T23:59:59");
        let names: std::collections::HashMap<i64, String> =
            self.units()?.into_iter().map(|u| (u.id, u.name)).collect();
        // Summed here rather than by GROUP BY: SQLite would sort the rows by unit in a temporary
        // b-tree first (a third of the time at 1M orders).
        let mut stmt = self.conn.prepare_cached(
            "SELECT unit_id, assigned_at >= ?2 AND assigned_at <= ?3,
                    received_at >= ?2 AND received_at <= ?3, deadline <= ?1
             FROM orders INDEXED BY orders_open_by_deadline
             WHERE status <> 'closed' AND deadline < ?4",
        )?;
        // Per unit: (open and late, of which more than 30 days).
        let mut by_unit: std::collections::HashMap<i64, (u64, u64)> = Default::default();
        let mut q = stmt.query([&bound, &start, &end, &today])?;
        while let Some(r) = q.next()? {
            let unit: Option<i64> = r.get(0)?;
            let assigned: Option<bool> = r.get(1)?;
            let received: Option<bool> = r.get(2)?;
            let late30 = r.get::<_, Option<bool>>(3)? == Some(true);
            tt.open_late30 += u64::from(late30 && received == Some(true));
            if let (Some(id), Some(true)) = (unit, assigned) {
                let e = by_unit.entry(id).or_default();
                e.0 += 1;
                e.1 += u64::from(late30);
            }
        }
        for (id, (late, late30)) in by_unit {
            if let Some(name) = names.get(&id) {
                let u = t.units.entry(name.clone()).or_default();
                u.open_late = late;
                u.open_late30 = late30;
            }
        }
        t.totals = tt;
        Ok(t.without_empty_units())
    }

    fn sum_unit_rows(&self, table: &str, a: &str, b: &str, t: &mut Tallies) -> Result<()> {
        let sql = format!(
            "SELECT u.name, {} FROM {table} t JOIN units u ON u.id = t.unit_id
             WHERE t.day >= ?1 AND t.day <= ?2 GROUP BY t.unit_id",
            column_list(UnitSums::COLUMNS, |c| format!("sum(t.{c}) AS {c}"))
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut q = stmt.query([a, b])?;
        while let Some(r) = q.next()? {
            UnitSums::read(r)?.add_to(t.units.entry(r.get(0)?).or_default());
        }
        Ok(())
    }

    fn sum_total_rows(&self, table: &str, a: &str, b: &str, tt: &mut TotalTally) -> Result<()> {
        let sql = format!(
            "SELECT category, {} FROM {table} WHERE day >= ?1 AND day <= ?2 GROUP BY category",
            column_list(TotalSums::COLUMNS, |c| format!("sum({c}) AS {c}"))
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut q = stmt.query([a, b])?;
        while let Some(r) = q.next()? {
            let cat: String = r.get(0)?;
            let v = TotalSums::read(r)?;
            let n = |x: i64| u64::try_from(x).unwrap_or(0);
            let received = n(v.received);
            match cat.as_str() {
                "inquiry" => tt.inquiry += received,
                "suggestion" => tt.suggestion += received,
                _ => tt.request += received,
            }
            tt.received += received;
            tt.closed += n(v.closed);
            tt.closed_late30 += n(v.closed_late30);
            tt.redone += n(v.redone);
            tt.unassigned += n(v.unassigned);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn keys(from: &str, to: &str) -> Vec<(String, String)> {
        tally_ranges(d(from), d(to))
            .into_iter()
            .map(|(u, _, a, b)| (format!("{u}:{a}"), b))
            .collect()
    }

    /// The sums' fields are the tables' columns besides the key: every one, in any order.
    #[test]
    fn the_sums_fields_are_the_tables_columns() {
        let s = Store::in_memory().unwrap();
        for (table, key, cols) in [
            ("unit_tally", ["unit_id", "day"], UnitSums::COLUMNS),
            ("unit_tally_month", ["unit_id", "day"], UnitSums::COLUMNS),
            ("total_tally", ["day", "category"], TotalSums::COLUMNS),
            ("total_tally_month", ["day", "category"], TotalSums::COLUMNS),
        ] {
            let mut stmt = s
                .conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap();
            let mut have: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            have.retain(|c| !key.contains(&c.as_str()));
            have.sort();
            let mut want: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
            want.sort();
            assert_eq!(have, want, "{table}");
        }
    }

    #[test]
    fn whole_months_from_rollups_days_at_the_ends() {
        assert_eq!(
            keys("2017-10-27", "2017-12-31"),
            vec![
                ("unit_tally_month:2017-11".into(), "2017-12".into()),
                ("unit_tally:2017-10-27".into(), "2017-10-31".into()),
            ]
        );
        assert_eq!(
            keys("2017-11-01", "2017-11-30"),
            vec![("unit_tally_month:2017-11".into(), "2017-11".into())]
        );
        assert_eq!(
            keys("2017-11-05", "2017-11-20"),
            vec![("unit_tally:2017-11-05".into(), "2017-11-20".into())]
        );
        assert_eq!(
            keys("2017-11-05", "2018-02-10"),
            vec![
                ("unit_tally_month:2017-12".into(), "2018-01".into()),
                ("unit_tally:2017-11-05".into(), "2017-11-30".into()),
                ("unit_tally:2018-02-01".into(), "2018-02-10".into()),
            ]
        );
        // February of a leap year ends on the 29th.
        assert_eq!(
            keys("2020-02-01", "2020-02-29"),
            vec![("unit_tally_month:2020-02".into(), "2020-02".into())]
        );
    }
}
