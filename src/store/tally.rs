//! The scorecard's running sums. Each order's `scorecard::Contribution` is added to
//! `unit_tally` (by the day it was assigned) and `total_tally` (by the day it was received,
//! per category); each urge, supervision, redo and callback to `unit_tally` by its own day.
//! When an event changes an order, its old contribution is taken out and the new one put in,
//! in the same transaction. So a report "as of now" reads a few thousand small rows instead of
//! grouping every order, and `check` proves the sums equal the replay of the events.

use super::Store;
use crate::domain::scorecard::{
    self, Contribution, Counted, CountedEvent, Period, Tallies, TotalTally, UnitTally,
};
use crate::domain::{Event, EventKind, Order};
use crate::error::{Error, Result};
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

impl Store {
    /// Add the deltas to the tables. Call inside `write`.
    pub(crate) fn apply_tally(&self, rows: &TallyRows) -> Result<()> {
        let set: Vec<String> = UNIT_COLS
            .iter()
            .map(|c| format!("{c} = {c} + excluded.{c}"))
            .collect();
        let sql = format!(
            "INSERT INTO unit_tally(unit_id, day, {cols}) VALUES ((SELECT id FROM units WHERE name = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(unit_id, day) DO UPDATE SET {set}",
            cols = UNIT_COLS.join(", "),
            set = set.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        for ((unit, day), v) in &rows.units {
            if v.iter().all(|x| *x == 0) {
                continue;
            }
            stmt.execute(params![
                unit, day, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]
            ])?;
        }
        let set: Vec<String> = TOTAL_COLS
            .iter()
            .map(|c| format!("{c} = {c} + excluded.{c}"))
            .collect();
        let sql = format!(
            "INSERT INTO total_tally(day, category, {cols}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(day, category) DO UPDATE SET {set}",
            cols = TOTAL_COLS.join(", "),
            set = set.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        for ((day, cat), v) in &rows.totals {
            if v.iter().all(|x| *x == 0) {
                continue;
            }
            stmt.execute(params![day, cat, v[0], v[1], v[2], v[3], v[4]])?;
        }
        Ok(())
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
        self.apply_tally(&rows)
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
            s.conn
                .execute_batch("DELETE FROM unit_tally; DELETE FROM total_tally;")?;
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
        let (from, to) = (p.from.to_string(), p.to.to_string());
        let sql = format!(
            "SELECT u.name, {} FROM unit_tally t JOIN units u ON u.id = t.unit_id
             WHERE t.day >= ?1 AND t.day <= ?2 GROUP BY t.unit_id",
            UNIT_COLS
                .iter()
                .map(|c| format!("sum(t.{c})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut q = stmt.query([&from, &to])?;
        while let Some(r) = q.next()? {
            let g = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, i64>(i)?.max(0) as u64) };
            t.units.insert(
                r.get(0)?,
                UnitTally {
                    assigned: g(1)?,
                    closed: g(2)?,
                    closed_on_time: g(3)?,
                    closed_late30: g(4)?,
                    open_late30: 0,
                    urges: g(5)?,
                    supervisions: g(6)?,
                    redos: g(7)?,
                    callbacks_reached: g(8)?,
                    satisfied: g(9)?,
                },
            );
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT category, sum(received), sum(closed), sum(closed_late30), sum(redone), sum(unassigned)
             FROM total_tally WHERE day >= ?1 AND day <= ?2 GROUP BY category",
        )?;
        let mut q = stmt.query([&from, &to])?;
        let mut tt = TotalTally::default();
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
        // Open and more than 30 days late at as_of: a range of the covering partial index.
        let bound = scorecard::late30_deadline_bound(p.as_of).to_string();
        let start = format!("{from}T00:00:00");
        let end = format!("{to}T23:59:59");
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.name, count(*) FROM orders o INDEXED BY orders_open_by_deadline
             JOIN units u ON u.id = o.unit_id
             WHERE o.status <> 'closed' AND o.deadline <= ?1 AND o.assigned_at >= ?2 AND o.assigned_at <= ?3
             GROUP BY o.unit_id",
        )?;
        let mut q = stmt.query([&bound, &start, &end])?;
        while let Some(r) = q.next()? {
            let n: i64 = r.get(1)?;
            t.units.entry(r.get(0)?).or_default().open_late30 = n as u64;
        }
        tt.open_late30 = self.conn.prepare_cached(
            "SELECT count(*) FROM orders INDEXED BY orders_open_by_deadline
             WHERE status <> 'closed' AND deadline <= ?1 AND received_at >= ?2 AND received_at <= ?3",
        )?
        .query_row([&bound, &start, &end], |r| r.get::<_, i64>(0))? as u64;
        t.totals = tt;
        Ok(t.without_empty_units())
    }
}
