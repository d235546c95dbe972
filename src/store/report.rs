//! What the scorecard needs from the database: orders as they stood at `as_of`, and the
//! counted events. The definitions themselves live in `domain::scorecard`.

use super::Store;
use super::orders::event_from_row;
use crate::domain::scorecard::{CountedEvent, Period};
use crate::domain::time::FORMAT;
use crate::domain::{Order, workflow};
use crate::error::{Error, Result};

impl Store {
    /// Orders received by the end of the period, each as it stood at `p.as_of`: the stored state
    /// when nothing happened after `as_of`, else the replay of its events up to `as_of`.
    pub fn orders_as_of(&self, p: &Period) -> Result<Vec<Order>> {
        let to_end = format!("{}T23:59:59", p.to);
        let latest = self.last_event_at()?;
        if latest.is_none_or(|l| l <= p.as_of) {
            let all = self.list_orders(&super::OrderFilter::default())?;
            let cut = p.as_of.min(p.to.and_time(crate::domain::time::end_time()));
            return Ok(all.into_iter().filter(|o| o.received_at <= cut).collect());
        }
        let as_of = p.as_of.format(FORMAT).to_string();
        let mut stmt = self.conn.prepare(
            "SELECT o.order_no, e.at, e.operator, u.name, e.data FROM events e
             JOIN orders o ON o.id = e.order_id LEFT JOIN units u ON u.id = e.unit_id
             WHERE o.received_at <= ?1 AND e.at <= ?2 ORDER BY e.order_id, e.id",
        )?;
        let mut rows = stmt.query([&to_end, &as_of])?;
        let mut out = Vec::new();
        let mut current: Option<(String, Option<Order>)> = None;
        while let Some(r) = rows.next()? {
            let no = super::text::read_opt(r, 0, &mut false)?.unwrap_or_default();
            let e = event_from_row(r, 1)?;
            if current.as_ref().is_none_or(|(n, _)| *n != no) {
                if let Some((_, Some(o))) = current.take() {
                    out.push(o);
                }
                current = Some((no.clone(), None));
            }
            if let Some((n, state)) = current.as_mut() {
                *state = Some(workflow::evolve(n, state.take(), &e).map_err(Error::Store)?);
            }
        }
        if let Some((_, Some(o))) = current {
            out.push(o);
        }
        Ok(out)
    }

    /// The histories of the orders ever exempted from assessment (few: an admin decides each).
    pub fn exempted_histories(&self) -> Result<Vec<(String, Vec<crate::domain::Event>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT o.id, o.order_no FROM events e INDEXED BY events_exempted
             JOIN orders o ON o.id = e.order_id
             WHERE e.kind = 'exempted'",
        )?;
        let ids: Vec<(i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|(id, no)| Ok((no, self.events_of(id)?)))
            .collect()
    }

    /// Urges, supervisions, redos and callbacks on dates in the period (up to `as_of`), with
    /// the unit each concerned.
    pub fn counted_events(&self, p: &Period) -> Result<Vec<CountedEvent>> {
        let kinds: Vec<String> = super::tally::COUNTED_KINDS
            .iter()
            .map(|k| format!("'{k}'"))
            .collect();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.at, e.operator, u.name, e.data FROM events e
             LEFT JOIN units u ON u.id = e.unit_id
             WHERE e.kind IN ({}) AND e.at >= ?1 AND e.at <= ?2",
            kinds.join(", ")
        ))?;
        let from = format!("{}T00:00:00", p.from);
        let to = p
            .as_of
            .min(p.to.and_time(crate::domain::time::end_time()))
            .format(FORMAT)
            .to_string();
        let rows = stmt.query_map([from, to], |r| event_from_row(r, 0))?;
        let mut out = Vec::new();
        for e in rows {
            if let Some(c) = super::tally::counted(&e?) {
                out.push(c);
            }
        }
        Ok(out)
    }
}
