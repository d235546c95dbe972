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

    /// The dispatch history of the latest `limit` orders received up to `until` (through the
    /// index by time received): each order a unit holds (dispatched there and not sent back),
    /// and each approved return of those orders with the unit that sent it back.
    pub fn dispatch_history(&self, until: NaiveDateTime, limit: usize) -> Result<Vec<DispatchRow>> {
        let until = until.format(FORMAT).to_string();
        let mut out = Vec::new();
        let mut recent = self.conn.prepare_cached(&format!(
            "SELECT o.title, substr(o.content, 1, {CONTENT_CHARS}), u.name, o.received_at,
                    o.returns, o.id
             FROM orders o LEFT JOIN units u ON u.id = o.unit_id
             WHERE o.received_at <= ?1 ORDER BY o.received_at DESC LIMIT ?2"
        ))?;
        let mut returned = self.conn.prepare_cached(
            "SELECT u.name FROM events e JOIN units u ON u.id = e.unit_id
             WHERE e.order_id = ?1 AND e.kind = 'returned'",
        )?;
        let rows = recent.query_map(rusqlite::params![until, limit as i64], |r| {
            let mut t = Texts::new(r);
            Ok((
                t.get(0)?,
                t.get(1)?,
                t.opt(2)?,
                get_ts(r, 3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        for row in rows {
            let (title, content, unit, at, returns, id): (String, String, Option<String>, _, _, _) =
                row?;
            if returns > 0 {
                let units = returned.query_map([id], |r| Texts::new(r).get(0))?;
                for u in units {
                    out.push(DispatchRow {
                        title: title.clone(),
                        content: content.clone(),
                        unit: u?,
                        returned: true,
                        at,
                    });
                }
            }
            if let Some(unit) = unit {
                out.push(DispatchRow {
                    title,
                    content,
                    unit,
                    returned: false,
                    at,
                });
            }
        }
        Ok(out)
    }
}
