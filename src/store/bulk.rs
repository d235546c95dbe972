//! Loading many orders at once (the synthetic generator): the same rows as `insert_order` +
//! `append`, with prepared statements in one transaction and the running sums applied once.

use super::Store;
use super::TallyRows;
use crate::domain::{Event, Order, scorecard};
use crate::error::{Error, Result};
use std::collections::HashSet;

impl Store {
    /// Insert orders with their whole histories. `order` must be the replay of `events`
    /// (the caller builds both with `workflow`). Call inside `write`.
    pub fn bulk_insert(&self, batch: &[(Order, Vec<Event>)]) -> Result<()> {
        let mut tally = TallyRows::default();
        for (o, events) in batch {
            let Some(first) = events.first() else {
                continue;
            };
            // insert_order writes the intake and its state; the rest are appended with the
            // final state written once at the end (the state is the replay of all of them).
            self.insert_order_row(o)?;
            let id = self.conn.last_insert_rowid();
            for e in std::iter::once(first).chain(events.iter().skip(1)) {
                self.insert_event(Some(id), e)?;
                if let Some(c) = super::tally::counted(e) {
                    tally.add_event(&c);
                }
            }
            self.update_state(id, o)?;
            tally.add_contribution(&scorecard::contribution(o), 1);
        }
        self.apply_tally(&tally)
    }
}

impl Store {
    /// Which of these order numbers the database has: one query for many (an import's
    /// duplicates), through the unique index on order_no.
    pub fn existing_orders(&self, order_nos: &[&str]) -> Result<HashSet<String>> {
        let mut out = HashSet::new();
        if order_nos.is_empty() {
            return Ok(out);
        }
        let list = serde_json::to_string(order_nos)
            .map_err(|e| Error::Store(format!("cannot encode order numbers: {e}")))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT order_no FROM orders WHERE order_no IN (SELECT value FROM json_each(?1))",
        )?;
        let mut rows = stmt.query([list])?;
        while let Some(r) = rows.next()? {
            out.insert(r.get(0)?);
        }
        Ok(out)
    }
}
