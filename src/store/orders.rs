//! Orders and their events.

use super::Store;
use super::text::{self, Texts};
use crate::domain::event::Stamp;
use crate::domain::order::ExtensionRequest;
use crate::domain::time::FORMAT;
use crate::domain::{Event, EventKind, Order};
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};

/// Which orders to list.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub status: Option<crate::domain::Status>,
    pub unit: Option<String>,
    pub open_only: bool,
    /// Open and past the deadline on this date.
    pub overdue_on: Option<NaiveDate>,
    /// Substring of order number, title, content, citizen, address or unit.
    pub text: Option<String>,
    /// Only orders with a return request awaiting the office's decision (`return:pending`).
    pub return_pending: bool,
    pub sort: OrderSort,
    pub limit: Option<usize>,
    /// Rows to skip (paging).
    pub offset: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OrderSort {
    /// Most urgent first: earliest deadline, orders without one (with the office) first.
    #[default]
    Deadline,
    /// Newest first.
    Received,
    OrderNo,
}

/// An event with the order it belongs to (None for a unit-level supervision).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub id: i64,
    pub order_no: Option<String>,
    pub event: Event,
    /// Who recorded it and when, as the program observed (see `Stamp`).
    pub stamp: Stamp,
}

pub(super) const ORDER_COLUMNS: &str =
    "o.order_no, o.category, o.status, o.title, o.content, o.citizen,
    o.phone, o.address, o.received_at, u.name, o.assigned_at, o.deadline, o.accepted_at,
    o.reply, o.replied_at, o.ext_until, o.ext_reason, o.callback, o.closed_at, o.urges,
    o.supervisions, o.redos, o.returns, o.version, o.updated_at, o.first_contact_at,
    o.last_callback, o.exemption, o.return_request, o.due_at, o.merged_into, o.before_merge";

/// A time as stored (`FORMAT`), written directly: chrono's formatter reads the pattern on
/// every call, and bulk loads write millions of times.
fn ts(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    if (0..=9999).contains(&t.year()) && t.nanosecond() < 1_000_000_000 {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    } else {
        t.format(FORMAT).to_string()
    }
}

fn parse_err(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("bad {what} in the database").into(),
    )
}

pub(super) fn get_ts(r: &Row, i: usize) -> rusqlite::Result<NaiveDateTime> {
    get_ts_opt(r, i)?.ok_or_else(|| parse_err(i, "time"))
}
fn get_ts_opt(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    let s = text::read_opt(r, i, &mut false)?;
    s.map(|s| NaiveDateTime::parse_from_str(&s, FORMAT).map_err(|_| parse_err(i, "time")))
        .transpose()
}
fn get_date_opt(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s = text::read_opt(r, i, &mut false)?;
    s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| parse_err(i, "date")))
        .transpose()
}
/// A column holding JSON (NULL = none).
fn get_json<T: serde::de::DeserializeOwned>(
    r: &Row,
    i: usize,
    what: &str,
) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = r.get(i)?;
    s.map(|s| serde_json::from_str(&s).map_err(|_| parse_err(i, what)))
        .transpose()
}
fn get_parsed<T: std::str::FromStr>(r: &Row, i: usize, what: &str) -> rusqlite::Result<T> {
    let s = text::read_opt(r, i, &mut false)?.unwrap_or_default();
    s.parse().map_err(|_| parse_err(i, what))
}

/// An order from a row of `ORDER_COLUMNS`. Its text columns are read through `store::text`:
/// bad bytes show as U+FFFD (and are logged with the order and column), never fail the read.
pub(super) fn order_from_row(r: &Row) -> rusqlite::Result<Order> {
    let mut t = Texts::new(r);
    let ext_until = get_date_opt(r, 15)?;
    let ext_reason = t.opt(16)?;
    let callback = t.opt(17)?;
    let o = Order {
        order_no: t.get(0)?,
        category: get_parsed(r, 1, "category")?,
        status: get_parsed(r, 2, "status")?,
        title: t.get(3)?,
        content: t.get(4)?,
        citizen: t.get(5)?,
        phone: t.get(6)?,
        address: t.get(7)?,
        received_at: get_ts(r, 8)?,
        unit: t.opt(9)?,
        assigned_at: get_ts_opt(r, 10)?,
        deadline: get_date_opt(r, 11)?,
        accepted_at: get_ts_opt(r, 12)?,
        reply: t.opt(13)?,
        replied_at: get_ts_opt(r, 14)?,
        extension: ext_until.map(|until| ExtensionRequest {
            until,
            reason: ext_reason.unwrap_or_default(),
        }),
        callback: callback
            .map(|c| c.parse().map_err(|_| parse_err(17, "callback")))
            .transpose()?,
        closed_at: get_ts_opt(r, 18)?,
        urges: r.get(19)?,
        supervisions: r.get(20)?,
        redos: r.get(21)?,
        returns: r.get(22)?,
        version: r.get(23)?,
        updated_at: get_ts(r, 24)?,
        first_contact_at: get_ts_opt(r, 25)?,
        last_callback: get_json(r, 26, "last_callback")?,
        exemption: get_json(r, 27, "exemption")?,
        return_request: get_json(r, 28, "return_request")?,
        due_at: get_ts_opt(r, 29)?,
        merged_into: t.opt(30)?,
        before_merge: get_json(r, 31, "before_merge")?,
    };
    t.warn(&format!("order {}", o.order_no));
    Ok(o)
}

/// An event from the columns `at, operator, unit name, data` starting at `first`.
pub(super) fn event_from_row(r: &Row, first: usize) -> rusqlite::Result<Event> {
    let mut t = Texts::new(r);
    let data = t.get(first + 3)?;
    let kind: EventKind =
        serde_json::from_str(&data).map_err(|_| parse_err(first + 3, "event data"))?;
    let e = Event {
        at: get_ts(r, first)?,
        operator: t.get(first + 1)?,
        unit: t.opt(first + 2)?,
        kind,
    };
    t.warn("an event");
    Ok(e)
}

/// id, order_no, then `event_from_row`'s four columns, then account and recorded_at.
fn stored_event_from_row(r: &Row) -> rusqlite::Result<StoredEvent> {
    Ok(StoredEvent {
        id: r.get(0)?,
        order_no: text::read_opt(r, 1, &mut false)?,
        event: event_from_row(r, 2)?,
        stamp: Stamp {
            account: text::read_opt(r, 6, &mut false)?.unwrap_or_default(),
            recorded_at: get_ts_opt(r, 7)?,
        },
    })
}

impl Store {
    fn order_id(&self, order_no: &str) -> Result<i64> {
        self.conn
            .prepare_cached("SELECT id FROM orders WHERE order_no = ?1")?
            .query_row([order_no], |r| r.get(0))
            .optional()?
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "no order '{order_no}': see `hotline order list` for order numbers"
                ))
            })
    }

    pub fn order(&self, order_no: &str) -> Result<Option<Order>> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders o LEFT JOIN units u ON u.id = o.unit_id
             WHERE o.order_no = ?1"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([order_no], order_from_row)
            .optional()?)
    }

    pub fn require_order(&self, order_no: &str) -> Result<Order> {
        self.order(order_no)?.ok_or_else(|| {
            Error::NotFound(format!(
                "no order '{order_no}': see `hotline order list` for order numbers"
            ))
        })
    }

    /// The orders merged into `lead` and still following it (status merged).
    pub fn merged_followers(&self, lead: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT order_no FROM orders WHERE merged_into = ?1 AND status = 'merged' ORDER BY id",
        )?;
        let rows = stmt.query_map([lead], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn order_exists(&self, order_no: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM orders WHERE order_no = ?1")?
            .query_row([order_no], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The order's history, oldest first.
    pub fn events(&self, order_no: &str) -> Result<Vec<Event>> {
        self.events_of(self.order_id(order_no)?)
    }

    pub(super) fn events_of(&self, id: i64) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.at, e.operator, u.name, e.data FROM events e
             LEFT JOIN units u ON u.id = e.unit_id WHERE e.order_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([id], |r| event_from_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest events of all orders (and unit supervisions), newest first.
    pub fn recent_events(&self, limit: usize) -> Result<Vec<StoredEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, o.order_no, e.at, e.operator, u.name, e.data, e.account, e.recorded_at
             FROM events e
             LEFT JOIN orders o ON o.id = e.order_id LEFT JOIN units u ON u.id = e.unit_id
             ORDER BY e.at DESC, e.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], stored_event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The order's history with who recorded each event and when (`Stamp`), oldest first.
    pub fn history(&self, order_no: &str) -> Result<Vec<StoredEvent>> {
        let id = self.order_id(order_no)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, o.order_no, e.at, e.operator, u.name, e.data, e.account, e.recorded_at
             FROM events e
             LEFT JOIN orders o ON o.id = e.order_id LEFT JOIN units u ON u.id = e.unit_id
             WHERE e.order_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([id], stored_event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn unit_id_of(&self, unit: Option<&str>) -> Result<Option<i64>> {
        match unit {
            None => Ok(None),
            Some(name) => match self.unit_id(name)? {
                Some(id) => Ok(Some(id)),
                None => Err(Error::NotFound(format!(
                    "unknown unit '{name}': see `hotline unit list`"
                ))),
            },
        }
    }

    pub(super) fn insert_event(&self, order_id: Option<i64>, e: &Event) -> Result<()> {
        let unit_id = self.unit_id_of(e.unit.as_deref())?;
        let data = serde_json::to_string(&e.kind)
            .map_err(|err| Error::Store(format!("cannot encode event: {err}")))?;
        self.conn
            .prepare_cached(
                // `account` and `recorded_at` are observed here, never taken from the caller:
                // the process's OS account and SQLite's own wall clock.
                "INSERT INTO events(order_id, unit_id, at, operator, kind, text, data, account,
                                    recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                         strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))",
            )?
            .execute(params![
                order_id,
                unit_id,
                ts(e.at),
                e.operator,
                e.kind.code(),
                // A short summary for people reading the table with sqlite3; the event itself
                // is `data`.
                crate::domain::text::truncate(&crate::domain::text::one_line(&e.kind.text()), 40),
                data,
                self.account
            ])?;
        Ok(())
    }

    /// Record an order's first event and its state. Call inside `write`.
    pub(crate) fn insert_order(&self, o: &Order, first: &Event) -> Result<()> {
        self.insert_order_row(o)?;
        let id = self.conn.last_insert_rowid();
        self.insert_event(Some(id), first)?;
        self.update_state(id, o)?;
        self.tally_event(None, Some(o), first)
    }

    /// The order's row with its intake fields; the state columns follow in `update_state`.
    pub(super) fn insert_order_row(&self, o: &Order) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO orders(order_no, category, status, title, content, citizen, phone,
                 address, received_at, version, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?9)",
            )?
            .execute(params![
                o.order_no,
                o.category.code(),
                o.status.code(),
                o.title,
                o.content,
                o.citizen,
                o.phone,
                o.address,
                ts(o.received_at)
            ])?;
        Ok(())
    }

    /// Append an event and store the state it leads to (`prev` → `o`). Call inside `write`.
    pub(crate) fn append(&self, prev: &Order, o: &Order, e: &Event) -> Result<()> {
        let id = self.order_id(&o.order_no)?;
        self.insert_event(Some(id), e)?;
        self.update_changed(id, prev, o)?;
        self.tally_event(Some(prev), Some(o), e)
    }

    /// An event of no order: a supervision of a unit as a whole (督办 not tied to one order), an
    /// export's audit record. Call inside `write`.
    pub(crate) fn append_unit_event(&self, e: &Event) -> Result<()> {
        self.insert_event(None, e)?;
        self.tally_event(None, None, e)
    }

    pub(super) fn update_state(&self, id: i64, o: &Order) -> Result<()> {
        let cols = self.state_columns(o)?;
        self.set_columns(id, cols)
    }

    /// Write only the state columns that differ between `prev` and `o`: an urge changes
    /// `urges`, `version` and `updated_at`, and leaves the indexes on status, unit and deadline
    /// untouched (SQLite rewrites an index entry whenever its column is SET, same value or not).
    pub(super) fn update_changed(&self, id: i64, prev: &Order, o: &Order) -> Result<()> {
        let before = self.state_columns(prev)?;
        let after = self.state_columns(o)?;
        let changed: Vec<(&str, Value)> = after
            .into_iter()
            .zip(before)
            .filter(|((_, a), (_, b))| a != b)
            .map(|(a, _)| a)
            .collect();
        if changed.is_empty() {
            return Ok(());
        }
        self.set_columns(id, changed)
    }

    /// `UPDATE orders SET` these columns of order `id` (the statement is cached per column set).
    fn set_columns(&self, id: i64, cols: Vec<(&str, Value)>) -> Result<()> {
        let set: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("{c} = ?{}", i + 2))
            .collect();
        let sql = format!("UPDATE orders SET {} WHERE id = ?1", set.join(", "));
        let params: Vec<Value> = std::iter::once(Value::Integer(id))
            .chain(cols.into_iter().map(|(_, v)| v))
            .collect();
        self.conn
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(params))?;
        Ok(())
    }

    /// The order's state as the columns that hold it.
    fn state_columns(&self, o: &Order) -> Result<Vec<(&'static str, Value)>> {
        let text = |s: Option<String>| s.map_or(Value::Null, Value::Text);
        let int = |n: Option<i64>| n.map_or(Value::Null, Value::Integer);
        fn json<T: serde::Serialize>(v: &Option<T>) -> Result<Value> {
            Ok(match v {
                Some(v) => {
                    Value::Text(serde_json::to_string(v).map_err(|e| Error::Store(e.to_string()))?)
                }
                None => Value::Null,
            })
        }
        Ok(vec![
            ("status", Value::Text(o.status.code().into())),
            ("unit_id", int(self.unit_id_of(o.unit.as_deref())?)),
            ("assigned_at", text(o.assigned_at.map(ts))),
            ("deadline", text(o.deadline.map(|d| d.to_string()))),
            ("accepted_at", text(o.accepted_at.map(ts))),
            ("reply", text(o.reply.clone())),
            ("replied_at", text(o.replied_at.map(ts))),
            (
                "ext_until",
                text(o.extension.as_ref().map(|x| x.until.to_string())),
            ),
            (
                "ext_reason",
                text(o.extension.as_ref().map(|x| x.reason.clone())),
            ),
            ("callback", text(o.callback.map(|c| c.code().to_string()))),
            ("closed_at", text(o.closed_at.map(ts))),
            ("urges", Value::Integer(i64::from(o.urges))),
            ("supervisions", Value::Integer(i64::from(o.supervisions))),
            ("redos", Value::Integer(i64::from(o.redos))),
            ("returns", Value::Integer(i64::from(o.returns))),
            ("version", Value::Integer(i64::from(o.version))),
            ("updated_at", Value::Text(ts(o.updated_at))),
            ("first_contact_at", text(o.first_contact_at.map(ts))),
            ("last_callback", json(&o.last_callback)?),
            ("exemption", json(&o.exemption)?),
            ("return_request", json(&o.return_request)?),
            ("due_at", text(o.due_at.map(ts))),
            ("merged_into", text(o.merged_into.clone())),
            ("before_merge", json(&o.before_merge)?),
        ])
    }

    /// The next free order number for a day: `YYYYMMDD` + a 4-digit sequence.
    pub fn next_order_no(&self, day: NaiveDate) -> Result<String> {
        let prefix = day.format("%Y%m%d").to_string();
        let last: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT max(order_no) FROM orders WHERE order_no GLOB ?1 AND length(order_no) = 12",
            )?
            .query_row([format!("{prefix}[0-9][0-9][0-9][0-9]")], |r| r.get(0))?;
        let n = last.and_then(|s| s[8..].parse::<u32>().ok()).unwrap_or(0) + 1;
        Ok(format!("{prefix}{n:04}"))
    }

    pub fn list_orders(&self, f: &OrderFilter) -> Result<Vec<Order>> {
        let mut sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders o LEFT JOIN units u ON u.id = o.unit_id WHERE 1=1"
        );
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(s) = f.status {
            args.push(Box::new(s.code()));
            sql.push_str(&format!(" AND o.status = ?{}", args.len()));
        }
        if f.open_only {
            sql.push_str(" AND o.status <> 'closed'");
        }
        if let Some(u) = &f.unit {
            args.push(Box::new(u.clone()));
            sql.push_str(&format!(" AND u.name = ?{}", args.len()));
        }
        if let Some(d) = f.overdue_on {
            args.push(Box::new(d.to_string()));
            sql.push_str(&format!(" AND {}", super::lists::late_sql(args.len())));
        }
        if f.return_pending {
            // The lists' rule (`lists::filter_sql`), no parameters.
            let one = super::lists::ListFilter {
                return_pending: true,
                ..Default::default()
            };
            let clause = super::lists::filter_sql(&one, &mut Vec::new());
            sql.push_str(&format!(" AND {clause}"));
        }
        if let Some(t) = f.text.as_ref().filter(|t| !t.is_empty()) {
            // The lists' one filter (`lists::filter_sql`), the text one word, numbered after
            // these args.
            let mut vals = vec![rusqlite::types::Value::Null; args.len()];
            let word = super::lists::WordFilter {
                text: t.to_lowercase(),
                ..Default::default()
            };
            let one = super::lists::ListFilter {
                words: vec![word],
                ..Default::default()
            };
            let clause = super::lists::filter_sql(&one, &mut vals);
            args.extend(
                vals.into_iter()
                    .skip(args.len())
                    .map(|v| Box::new(v) as Box<dyn rusqlite::ToSql>),
            );
            sql.push_str(&format!(" AND {clause}"));
        }
        sql.push_str(match f.sort {
            // Open orders by deadline walk the partial index in order (with the office first:
            // no deadline sorts first), so a page costs the page, not the whole list.
            OrderSort::Deadline if f.open_only || f.overdue_on.is_some() => {
                " ORDER BY o.deadline, o.id"
            }
            OrderSort::Deadline => {
                " ORDER BY o.status = 'closed', o.deadline IS NOT NULL, o.deadline, o.received_at, o.order_no"
            }
            OrderSort::Received => " ORDER BY o.received_at DESC, o.order_no DESC",
            OrderSort::OrderNo => " ORDER BY o.order_no",
        });
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
            if let Some(o) = f.offset {
                sql.push_str(&format!(" OFFSET {o}"));
            }
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())),
            order_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every order number with its stored state and its history: for `check` (replay = state).
    pub fn for_each_order_with_events(
        &self,
        mut f: impl FnMut(&Order, &[Event]) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS}, o.id FROM orders o LEFT JOIN units u ON u.id = o.unit_id ORDER BY o.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let o = order_from_row(r)?;
            // By id: an order number with bad bytes reads lossily and would name no order.
            let events = self.events_of(r.get(32)?)?;
            f(&o, &events)?;
        }
        Ok(())
    }

    /// Where stored text is not valid UTF-8: (order number as read, column) for every text
    /// column of orders and of their events. `check` reports each; reading shows U+FFFD.
    pub fn bad_text(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut scan = |sql: &str| -> Result<()> {
            let mut stmt = self.conn.prepare(sql)?;
            let n = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                for i in 0..n {
                    if text::is_bad(r, i)? {
                        let no = text::read_opt(r, 0, &mut false)?.unwrap_or_default();
                        let col = r
                            .as_ref()
                            .column_name(i)
                            .map_or_else(|_| format!("column {i}"), |c| c.replace("__", "."));
                        out.push((no, col));
                    }
                }
            }
            Ok(())
        };
        scan(
            "SELECT order_no, title, content, citizen, phone, address, reply, ext_reason,
                    callback FROM orders ORDER BY id",
        )?;
        scan(
            "SELECT o.order_no, e.operator AS events__operator, e.text AS events__text,
                    e.data AS events__data
             FROM events e JOIN orders o ON o.id = e.order_id ORDER BY e.id",
        )?;
        Ok(out)
    }

    pub fn count_orders(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    pub fn count_events(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The time of the latest event in the database.
    pub fn last_event_at(&self) -> Result<Option<NaiveDateTime>> {
        let s: Option<String> = self
            .conn
            .query_row("SELECT max(at) FROM events", [], |r| r.get(0))?;
        Ok(s.and_then(|s| NaiveDateTime::parse_from_str(&s, FORMAT).ok()))
    }
}

impl Store {
    /// The day of the earliest received order (the default start of a report).
    pub fn earliest_received(&self) -> Result<Option<NaiveDate>> {
        let s: Option<String> =
            self.conn
                .query_row("SELECT min(received_at) FROM orders", [], |r| r.get(0))?;
        Ok(
            s.and_then(|s| NaiveDateTime::parse_from_str(&s, FORMAT).ok())
                .map(|t| t.date()),
        )
    }
}
