//! The scorecard's running sums. Each order's `scorecard::Contribution` is added to
//! `unit_tally` (by the day it was assigned) and `total_tally` (by the day it was received,
//! per category); each urge, supervision, redo and callback to `unit_tally` by its own day.
//! When an event changes an order, its old contribution is taken out and the new one put in,
//! in the same transaction. So a report "as of now" reads a few thousand small rows instead of
//! grouping every order, and `check` proves the sums equal the replay of the events.

use super::Store;
use crate::domain::scorecard::{
    self, Contribution, Counted, CountedEvent, Period, Tallies, TotalTally,
};
use crate::domain::{Event, EventKind, Order};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use std::collections::BTreeMap;

/// The counted kind of an event, if it is one the scorecard counts.
pub(crate) fn counted(e: &Event) -> Option<CountedEvent> {
    let what = match e.kind {
        EventKind::Urged { .. } => Counted::Urge,
        EventKind::Supervised { .. } => Counted::Supervision,
        EventKind::Redone { .. } => Counted::Redo,
        EventKind::CalledBack { result } => Counted::Callback(result),
        _ => return None,
    };
    Some(CountedEvent {
        at: e.at,
        unit: e.unit.clone(),
        what,
    })
}

/// Keyed sums, as stored: for comparing the tables with a replay.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TallyRows {
    pub units: BTreeMap<(String, String), [i64; 9]>,
    pub totals: BTreeMap<(String, String), [i64; 5]>,
}

impl TallyRows {
    /// Add `other`'s changes to these.
    pub fn merge(&mut self, other: TallyRows) {
        for (k, v) in other.units {
            let r = self.units.entry(k).or_default();
            r.iter_mut().zip(v).for_each(|(a, b)| *a += b);
        }
        for (k, v) in other.totals {
            let r = self.totals.entry(k).or_default();
            r.iter_mut().zip(v).for_each(|(a, b)| *a += b);
        }
    }

    pub fn add_contribution(&mut self, c: &Contribution, sign: i64) {
        if let Some((unit, day)) = &c.unit {
            let r = self
                .units
                .entry((unit.clone(), day.to_string()))
                .or_default();
            r[0] += sign;
            r[1] += sign * i64::from(c.closed);
            r[2] += sign * i64::from(c.closed_on_time);
            r[3] += sign * i64::from(c.closed_late30);
        }
        let t = self
            .totals
            .entry((c.received_day.to_string(), c.category.code().to_string()))
            .or_default();
        t[0] += sign;
        t[1] += sign * i64::from(c.closed);
        t[2] += sign * i64::from(c.closed_late30);
        t[3] += sign * i64::from(c.redone);
        t[4] += sign * i64::from(c.unassigned);
    }

    pub fn add_event(&mut self, e: &CountedEvent) {
        let Some(unit) = &e.unit else { return };
        let r = self
            .units
            .entry((unit.clone(), e.at.date().to_string()))
            .or_default();
        match e.what {
            Counted::Urge => r[4] += 1,
            Counted::Supervision => r[5] += 1,
            Counted::Redo => r[6] += 1,
            Counted::Callback(res) => {
                r[7] += i64::from(res.reached());
                r[8] += i64::from(res.reached() && res.satisfied());
            }
        }
    }

    fn without_zeros(mut self) -> Self {
        self.units.retain(|_, v| v.iter().any(|x| *x != 0));
        self.totals.retain(|_, v| v.iter().any(|x| *x != 0));
        self
    }
}

const UNIT_COLS: [&str; 9] = [
    "assigned",
    "closed",
    "closed_on_time",
    "closed_late30",
    "urges",
    "supervisions",
    "redos",
    "callbacks_reached",
    "satisfied",
];
const TOTAL_COLS: [&str; 5] = [
    "received",
    "closed",
    "closed_late30",
    "redone",
    "unassigned",
];

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
        for (table, key_len) in [("unit_tally", 10), ("unit_tally_month", 7)] {
            let set: Vec<String> = UNIT_COLS
                .iter()
                .map(|c| format!("{c} = {c} + excluded.{c}"))
                .collect();
            let sql = format!(
                "INSERT INTO {table}(unit_id, day, {cols}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT(unit_id, day) DO UPDATE SET {set}",
                cols = UNIT_COLS.join(", "),
                set = set.join(", ")
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            for ((unit, day), v) in &rows.units {
                if v.iter().all(|x| *x == 0) {
                    continue;
                }
                let key = &day[..key_len.min(day.len())];
                let Some(unit_id) = self.unit_id(unit)? else {
                    return Err(Error::NotFound(format!("unknown unit '{unit}'")));
                };
                stmt.execute(params![
                    unit_id, key, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]
                ])?;
            }
        }
        for (table, key_len) in [("total_tally", 10), ("total_tally_month", 7)] {
            let set: Vec<String> = TOTAL_COLS
                .iter()
                .map(|c| format!("{c} = {c} + excluded.{c}"))
                .collect();
            let sql = format!(
                "INSERT INTO {table}(day, category, {cols}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(day, category) DO UPDATE SET {set}",
                cols = TOTAL_COLS.join(", "),
                set = set.join(", ")
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            for ((day, cat), v) in &rows.totals {
                if v.iter().all(|x| *x == 0) {
                    continue;
                }
                let key = &day[..key_len.min(day.len())];
                stmt.execute(params![key, cat, v[0], v[1], v[2], v[3], v[4]])?;
            }
        }
        Ok(())
    }

    /// Do the month rollups equal the sums of their days? (Part of `check`.)
    pub fn month_rollups_agree(&self) -> Result<bool> {
        let cols = |cols: &[&str], p: &str| {
            cols.iter()
                .map(|c| format!("{p}{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sums = |cols: &[&str]| {
            cols.iter()
                .map(|c| format!("sum({c})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut bad = 0i64;
        for (day, month, key, c) in [
            ("unit_tally", "unit_tally_month", "unit_id", &UNIT_COLS[..]),
            (
                "total_tally",
                "total_tally_month",
                "category",
                &TOTAL_COLS[..],
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
                sums = sums(c),
                plain = cols(c, ""),
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
            UNIT_COLS.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let mut v = [0i64; 9];
            for (i, x) in v.iter_mut().enumerate() {
                *x = r.get(2 + i)?;
            }
            out.units.insert((r.get(0)?, r.get(1)?), v);
        }
        let sql = format!(
            "SELECT day, category, {} FROM total_tally",
            TOTAL_COLS.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let mut v = [0i64; 5];
            for (i, x) in v.iter_mut().enumerate() {
                *x = r.get(2 + i)?;
            }
            out.totals.insert((r.get(0)?, r.get(1)?), v);
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
        let mut stmt = self.conn.prepare(
            "SELECT e.at, e.operator, u.name, e.data FROM events e LEFT JOIN units u ON u.id = e.unit_id
             WHERE e.kind IN ('urged', 'supervised', 'redone', 'called_back')",
        )?;
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
        // Open and more than 30 days late at as_of: one scan of the covering partial index
        // (status is in it so no table row is read), per unit and for the totals.
        let bound = scorecard::late30_deadline_bound(p.as_of).to_string();
        let start = format!("{from}T00:00:00");
        let end = format!("{to}T23:59:59");
        let names: std::collections::HashMap<i64, String> =
            self.units()?.into_iter().map(|u| (u.id, u.name)).collect();
        // Summed here rather than by GROUP BY: SQLite would sort the rows by unit in a temporary
        // b-tree first (a third of the time at 1M orders).
        let mut stmt = self.conn.prepare_cached(
            "SELECT unit_id, assigned_at >= ?2 AND assigned_at <= ?3,
                    received_at >= ?2 AND received_at <= ?3
             FROM orders INDEXED BY orders_open_by_deadline
             WHERE status <> 'closed' AND deadline <= ?1",
        )?;
        let mut by_unit: std::collections::HashMap<i64, u64> = Default::default();
        let mut q = stmt.query([&bound, &start, &end])?;
        while let Some(r) = q.next()? {
            let unit: Option<i64> = r.get(0)?;
            let assigned: Option<bool> = r.get(1)?;
            let received: Option<bool> = r.get(2)?;
            tt.open_late30 += u64::from(received == Some(true));
            if let (Some(id), Some(true)) = (unit, assigned) {
                *by_unit.entry(id).or_default() += 1;
            }
        }
        for (id, n) in by_unit {
            if let Some(name) = names.get(&id) {
                t.units.entry(name.clone()).or_default().open_late30 = n;
            }
        }
        t.totals = tt;
        Ok(t.without_empty_units())
    }

    fn sum_unit_rows(&self, table: &str, a: &str, b: &str, t: &mut Tallies) -> Result<()> {
        let sql = format!(
            "SELECT u.name, {} FROM {table} t JOIN units u ON u.id = t.unit_id
             WHERE t.day >= ?1 AND t.day <= ?2 GROUP BY t.unit_id",
            UNIT_COLS
                .iter()
                .map(|c| format!("sum(t.{c})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut q = stmt.query([a, b])?;
        while let Some(r) = q.next()? {
            let g = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, i64>(i)?.max(0) as u64) };
            let u = t.units.entry(r.get(0)?).or_default();
            u.assigned += g(1)?;
            u.closed += g(2)?;
            u.closed_on_time += g(3)?;
            u.closed_late30 += g(4)?;
            u.urges += g(5)?;
            u.supervisions += g(6)?;
            u.redos += g(7)?;
            u.callbacks_reached += g(8)?;
            u.satisfied += g(9)?;
        }
        Ok(())
    }

    fn sum_total_rows(&self, table: &str, a: &str, b: &str, tt: &mut TotalTally) -> Result<()> {
        let sql = format!(
            "SELECT category, sum(received), sum(closed), sum(closed_late30), sum(redone), sum(unassigned)
             FROM {table} WHERE day >= ?1 AND day <= ?2 GROUP BY category"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut q = stmt.query([a, b])?;
        while let Some(r) = q.next()? {
            let g = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, i64>(i)?.max(0) as u64) };
            let cat: String = r.get(0)?;
            let received = g(1)?;
            match cat.as_str() {
                "inquiry" => tt.inquiry += received,
                "suggestion" => tt.suggestion += received,
                _ => tt.request += received,
            }
            tt.received += received;
            tt.closed += g(2)?;
            tt.closed_late30 += g(3)?;
            tt.redone += g(4)?;
            tt.unassigned += g(5)?;
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
