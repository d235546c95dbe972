//! What duplicate candidates, hotspots and dispatch suggestions read: orders' text, phone and
//! time over a window, and the dispatch history. Read only; the rules are
//! `domain::similar` and `domain::suggest`.

use super::Store;
use super::orders::get_ts;
use super::text::Texts;
use crate::domain::time::FORMAT;
use crate::error::Result;
use chrono::NaiveDateTime;
use rusqlite::Row;

/// How much of an order's content is compared: the start says what the problem is, and a
/// window of orders must be read within milliseconds.
pub const CONTENT_CHARS: usize = 300;

/// An order as the similarity rules read it.
#[derive(Debug, Clone)]
pub struct TextRow {
    pub order_no: String,
    pub title: String,
    /// The first `CONTENT_CHARS` characters.
    pub content: String,
    pub phone: String,
    pub citizen: String,
    pub received_at: NaiveDateTime,
    pub open: bool,
    /// The unit holding it (a unit account sees its own only).
    pub unit: Option<String>,
}

fn text_columns() -> String {
    format!(
        "o.order_no, o.title, substr(o.content, 1, {CONTENT_CHARS}), o.phone, o.citizen,
         o.received_at, o.status <> 'closed', u.name"
    )
}

fn text_row(r: &Row) -> rusqlite::Result<TextRow> {
    let mut t = Texts::new(r);
    let row = TextRow {
        order_no: t.get(0)?,
        title: t.get(1)?,
        content: t.get(2)?,
        phone: t.get(3)?,
        citizen: t.get(4)?,
        received_at: get_ts(r, 5)?,
        open: r.get(6)?,
        unit: t.opt(7)?,
    };
    t.warn(&row.order_no);
    Ok(row)
}

/// One dispatch of the history a suggestion learns from: the order's text and the unit, and
/// whether the unit sent it back (退单 approved).
#[derive(Debug, Clone)]
pub struct DispatchRow {
    pub title: String,
    pub content: String,
    pub unit: String,
    pub returned: bool,
    pub at: NaiveDateTime,
}

impl Store {
    /// The orders a new one is compared with: received in `[since, until]`, and every order
    /// still open received earlier (the open orders through their partial index).
    pub fn similar_window(
        &self,
        since: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Vec<TextRow>> {
        let cols = text_columns();
        let sql = format!(
            "SELECT {cols} FROM orders o LEFT JOIN units u ON u.id = o.unit_id
             WHERE o.received_at >= ?1 AND o.received_at <= ?2
             UNION ALL
             SELECT {cols} FROM orders o INDEXED BY orders_open_by_deadline
             LEFT JOIN units u ON u.id = o.unit_id
             WHERE o.status <> 'closed' AND o.received_at < ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            [
                since.format(FORMAT).to_string(),
                until.format(FORMAT).to_string(),
            ],
            text_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The orders received in `[from, to)` (hotspots: the window and the one before it).
    pub fn received_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> Result<Vec<TextRow>> {
        let cols = text_columns();
        let sql = format!(
            "SELECT {cols} FROM orders o LEFT JOIN units u ON u.id = o.unit_id
             WHERE o.received_at >= ?1 AND o.received_at < ?2 ORDER BY o.received_at, o.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            [
                from.format(FORMAT).to_string(),
                to.format(FORMAT).to_string(),
            ],
            text_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The dispatch history up to `until`, latest first, at most `limit` of each kind: every
    /// order a unit holds (it was dispatched there and not sent back), and every approved
    /// return with the unit that sent the order back.
    pub fn dispatch_history(&self, until: NaiveDateTime, limit: usize) -> Result<Vec<DispatchRow>> {
        let until = until.format(FORMAT).to_string();
        let mut out = Vec::new();
        let mut held = self.conn.prepare_cached(&format!(
            "SELECT o.title, substr(o.content, 1, {CONTENT_CHARS}), u.name, o.assigned_at FROM orders o
             JOIN units u ON u.id = o.unit_id
             WHERE o.assigned_at IS NOT NULL AND o.assigned_at <= ?1
             ORDER BY o.assigned_at DESC LIMIT ?2"
        ))?;
        let mut returned = self.conn.prepare_cached(&format!(
            "SELECT o.title, substr(o.content, 1, {CONTENT_CHARS}), u.name, e.at FROM events e
             JOIN orders o ON o.id = e.order_id JOIN units u ON u.id = e.unit_id
             WHERE e.kind = 'returned' AND e.at <= ?1 ORDER BY e.at DESC LIMIT ?2"
        ))?;
        for (stmt, was_returned) in [(&mut held, false), (&mut returned, true)] {
            let rows = stmt.query_map(rusqlite::params![until, limit as i64], |r| {
                let mut t = Texts::new(r);
                Ok(DispatchRow {
                    title: t.get(0)?,
                    content: t.get(1)?,
                    unit: t.get(2)?,
                    returned: was_returned,
                    at: get_ts(r, 3)?,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }
}
