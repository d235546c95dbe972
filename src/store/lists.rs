//! The TUI's order lists at any size: one scan gives a list's order (ids and small sort keys,
//! never whole orders), and pages of whole orders are read by id. Open orders come from the
//! partial covering index `orders_open_by_deadline`; a unit's orders from `orders_by_unit`.
//! Text filters read the rows of the open orders only (a LIKE per field, no text index): the
//! SQL of `domain::query::OrderQuery::text_matches`, built once (`text_filter`).

use super::Store;
use crate::domain::{Category, Order, Status};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

/// What to scan: the open orders (of one unit, for a unit account), optionally filtered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenScan {
    /// Only this unit's orders (a unit account sees its own only).
    pub only_unit: Option<i64>,
    /// The list's filter (`ListFilter`), if any.
    pub filter: Option<ListFilter>,
    /// Read the order numbers too (to sort by them): costs reading every row.
    pub order_no: bool,
}

/// One order of a list, as much as sorting needs. Dates as numbers that sort like them:
/// `deadline` YYYYMMDD (0: none), `received` YYYYMMDDhhmmss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListKey {
    pub id: i64,
    pub deadline: i32,
    pub unit_id: Option<i64>,
    pub received: i64,
    pub open: bool,
    pub order_no: Option<Box<str>>,
}

impl crate::domain::query::SortFields for ListKey {
    type Day = i32;
    type Time = i64;
    fn open(&self) -> bool {
        self.open
    }
    fn deadline(&self) -> Option<i32> {
        (self.deadline != 0).then_some(self.deadline)
    }
    fn received(&self) -> i64 {
        self.received
    }
    fn order_no(&self) -> Option<&str> {
        self.order_no.as_deref()
    }
}

/// A parsed list filter (`domain::query::Find`) as the SQL takes it: the units and statuses
/// a word names are looked up by the caller with the domain's rules (`statuses_named`,
/// `unit_named`), so that the SQL only compares ids and codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Every free word must match.
    pub words: Vec<WordFilter>,
    /// `unit:` (-1: a unit not in the store: nothing).
    pub unit: Option<i64>,
    pub status: Option<Status>,
    pub category: Option<Category>,
    /// `late:`, as the deadlines it means: open, deadline in `from..=to` (from None: any).
    pub deadline: Option<(Option<NaiveDate>, NaiveDate)>,
    /// `return:pending`: a unit's return request awaits the office's decision.
    pub return_pending: bool,
}

/// One free word: lowercase text, and the units and statuses it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordFilter {
    pub text: String,
    pub units: Vec<i64>,
    pub statuses: Vec<Status>,
}

/// The SQL of a list's filter, for `orders o LEFT JOIN units u`, the same rule as
/// `domain::query::OrderQuery::text_matches`: for every word, one of order number, title,
/// content or unit name contains it (LIKE, its wildcards escaped) or the citizen's surname is
/// it (the rest of the name is masked on the screen: no oracle), or the order's unit or
/// status is one the word names, or the title's pinyin has it (`hl_title_pinyin`, the
/// domain's `title_pinyin_hit` as an SQL function); and every field. Its parameters are
/// pushed onto `args` and numbered after those already there.
pub(super) fn filter_sql(f: &ListFilter, args: &mut Vec<rusqlite::types::Value>) -> String {
    let mut parts = Vec::new();
    for w in &f.words {
        args.push(like_pattern(&w.text).into());
        let n = args.len();
        args.push(
            serde_json::to_string(&w.units)
                .unwrap_or_else(|_| "[]".into())
                .into(),
        );
        let m = args.len();
        let codes: Vec<&str> = w.statuses.iter().map(|s| s.code()).collect();
        args.push(
            serde_json::to_string(&codes)
                .unwrap_or_else(|_| "[]".into())
                .into(),
        );
        let k = args.len();
        args.push(w.text.clone().into());
        let t = args.len();
        parts.push(format!(
            "(o.order_no LIKE ?{n} ESCAPE '\\' OR o.title LIKE ?{n} ESCAPE '\\'
              OR o.content LIKE ?{n} ESCAPE '\\' OR substr(o.citizen, 1, 1) LIKE ?{n} ESCAPE '\\'
              OR u.name LIKE ?{n} ESCAPE '\\'
              OR o.unit_id IN (SELECT value FROM json_each(?{m}))
              OR o.status IN (SELECT value FROM json_each(?{k}))
              OR hl_title_pinyin(o.title, ?{t}))"
        ));
    }
    if let Some(u) = f.unit {
        args.push(u.into());
        parts.push(format!("o.unit_id = ?{}", args.len()));
    }
    if let Some(s) = f.status {
        args.push(s.code().to_string().into());
        parts.push(format!("o.status = ?{}", args.len()));
    }
    if let Some(c) = f.category {
        args.push(c.code().to_string().into());
        parts.push(format!("o.category = ?{}", args.len()));
    }
    if let Some((from, to)) = f.deadline {
        args.push(to.to_string().into());
        let t = args.len();
        args.push(from.map(|d| d.to_string()).into());
        let fr = args.len();
        parts.push(format!(
            "(o.status <> 'closed' AND o.deadline <= ?{t} AND (?{fr} IS NULL OR o.deadline >= ?{fr}))"
        ));
    }
    if f.return_pending {
        parts.push("o.return_request IS NOT NULL".to_string());
    }
    if parts.is_empty() {
        "1".to_string()
    } else {
        parts.join(" AND ")
    }
}

/// The SQL functions the filter uses, on every connection (`Store::setup`).
pub(super) fn register_functions(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "hl_title_pinyin",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            // Lossy, as every text read: a title with bad bytes is still looked at.
            let text = |i: usize| -> rusqlite::Result<String> {
                Ok(match ctx.get_raw(i) {
                    rusqlite::types::ValueRef::Text(b) => String::from_utf8_lossy(b).into_owned(),
                    _ => String::new(),
                })
            };
            Ok(crate::domain::query::title_pinyin_hit(&text(0)?, &text(1)?))
        },
    )
}

/// The SQL of a late order (`domain::order::late_on`) for `orders o`, today being parameter
/// `today` (YYYY-MM-DD): open, with a deadline before today (no deadline: never late).
pub(super) fn late_sql(today: usize) -> String {
    format!("(o.status <> 'closed' AND o.deadline < ?{today})")
}

/// `2017-11-10` → 20171110; anything else 0.
fn date_num(s: Option<&str>) -> i32 {
    s.map(|s| digits(s, 8) as i32).unwrap_or(0)
}

/// The first `n` digits of a date or time, as a number (separators skipped).
fn digits(s: &str, n: usize) -> i64 {
    let mut v = 0i64;
    let mut k = 0;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            v = v * 10 + i64::from(b - b'0');
            k += 1;
            if k == n {
                break;
            }
        }
    }
    v
}

/// `LIKE '%text%'` with the wildcards of the text escaped.
fn like_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The deadline as YYYYMMDD (for comparing with `ListKey::deadline`).
pub fn day_num(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.year() * 10000 + d.month() as i32 * 100 + d.day() as i32
}

impl Store {
    /// Run `f` in one read transaction, so that several queries see the same data.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if self.depth.get() > 0 {
            return f(self);
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = f(self);
        let _ = self
            .conn
            .execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        out
    }

    /// How many orders are open, and how many of those are past their deadline day at
    /// `today` (the tab titles' counts), without reading their keys: one scan of the covering
    /// partial index. `only_unit`: a unit account's own orders.
    pub fn open_counts(&self, today: NaiveDate, only_unit: Option<i64>) -> Result<(usize, usize)> {
        let (open, late): (i64, i64) = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*), count(CASE WHEN {} THEN 1 END)
                     FROM orders o INDEXED BY orders_open_by_deadline
                     WHERE o.status <> 'closed' AND (?2 IS NULL OR o.unit_id = ?2)",
                late_sql(1)
            ))?
            .query_row(rusqlite::params![today.to_string(), only_unit], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok((open.max(0) as usize, late.max(0) as usize))
    }

    /// The open orders, most urgent first: deadline (none first), then intake order.
    pub fn open_keys(&self, scan: &OpenScan) -> Result<Vec<ListKey>> {
        let mut sql =
            String::from("SELECT o.id, o.deadline, o.unit_id, o.received_at, o.status <> 'closed'");
        sql.push_str(if scan.order_no {
            ", o.order_no"
        } else {
            ", NULL"
        });
        sql.push_str(" FROM orders o");
        if scan.filter.is_some() {
            sql.push_str(" LEFT JOIN units u ON u.id = o.unit_id");
        }
        sql.push_str(" WHERE o.status <> 'closed'");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(u) = scan.only_unit {
            args.push(u.into());
            sql.push_str(&format!(" AND o.unit_id = ?{}", args.len()));
        }
        if let Some(f) = &scan.filter {
            sql.push_str(" AND ");
            sql.push_str(&filter_sql(f, &mut args));
        }
        sql.push_str(" ORDER BY o.deadline, o.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), key_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A unit's orders: the open ones most urgent first (deadline, none first, then time
    /// received), then the closed ones, the latest assigned first. From indexes alone unless
    /// `full` (the closed orders' deadline and time received, to sort by them) or `order_no`.
    pub fn unit_keys(&self, unit_id: i64, full: bool, order_no: bool) -> Result<Vec<ListKey>> {
        let no = if order_no { "o.order_no" } else { "NULL" };
        let mut keys: Vec<ListKey> = self
            .conn
            .prepare_cached(&format!(
                "SELECT o.id, o.deadline, o.unit_id, o.received_at, 1, {no} FROM orders o
                 WHERE o.status <> 'closed' AND o.unit_id = ?1
                 ORDER BY o.deadline, o.received_at, o.id"
            ))?
            .query_map([unit_id], key_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let open: std::collections::HashSet<i64> = keys.iter().map(|k| k.id).collect();
        let sql = if full || order_no {
            format!(
                "SELECT o.id, o.deadline, o.unit_id, o.received_at, 0, {no} FROM orders o
                 WHERE o.unit_id = ?1 ORDER BY o.assigned_at DESC, o.id DESC"
            )
        } else {
            "SELECT o.id, NULL, o.unit_id, '', 0, NULL FROM orders o
             WHERE o.unit_id = ?1 ORDER BY o.assigned_at DESC, o.id DESC"
                .to_string()
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([unit_id])?;
        while let Some(r) = rows.next()? {
            let k = key_from_row(r)?;
            if !open.contains(&k.id) {
                keys.push(k);
            }
        }
        Ok(keys)
    }

    /// The ids of a unit's orders (open or closed) that the filter lists.
    pub fn unit_matching(
        &self,
        unit_id: i64,
        filter: &ListFilter,
    ) -> Result<std::collections::HashSet<i64>> {
        let mut args = vec![unit_id.into()];
        let sql = format!(
            "SELECT o.id FROM orders o LEFT JOIN units u ON u.id = o.unit_id
             WHERE o.unit_id = ?1 AND {}",
            filter_sql(filter, &mut args)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every order the filter lists, closed included (`:find`): the open ones most urgent
    /// first (deadline, none first, then intake), then the closed ones, the latest closed
    /// first; and how many orders there are without the filter. `only_unit`: a unit
    /// account's own orders.
    pub fn all_keys(
        &self,
        only_unit: Option<i64>,
        filter: Option<&ListFilter>,
        order_no: bool,
    ) -> Result<(Vec<ListKey>, usize)> {
        let no = if order_no { "o.order_no" } else { "NULL" };
        let mut args: Vec<rusqlite::types::Value> = vec![only_unit.into()];
        let clause = match filter {
            Some(f) => filter_sql(f, &mut args),
            None => "1".to_string(),
        };
        let sql = format!(
            "SELECT o.id, o.deadline, o.unit_id, o.received_at, o.status <> 'closed', {no}
             FROM orders o LEFT JOIN units u ON u.id = o.unit_id
             WHERE (?1 IS NULL OR o.unit_id = ?1) AND {clause}
             ORDER BY o.status = 'closed',
                      CASE WHEN o.status <> 'closed' THEN o.deadline END,
                      o.closed_at DESC, o.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let keys = stmt
            .query_map(rusqlite::params_from_iter(args), key_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let all: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM orders o WHERE (?1 IS NULL OR o.unit_id = ?1)")?
            .query_row([only_unit], |r| r.get(0))?;
        Ok((keys, all.max(0) as usize))
    }

    /// Whole orders by id, with their ids, in the order given (ids not found are left out).
    pub fn orders_by_ids(&self, ids: &[i64]) -> Result<Vec<(i64, Order)>> {
        // One point query per id, by rowid (a page is 50 of them).
        let sql = format!(
            "SELECT {} FROM orders o LEFT JOIN units u ON u.id = o.unit_id WHERE o.id = ?1",
            super::orders::ORDER_COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(o) = stmt
                .query_row([id], super::orders::order_from_row)
                .optional()?
            {
                out.push((*id, o));
            }
        }
        Ok(out)
    }

    /// Of these ids (in their order), the orders the filter lists: a filter narrowed as it
    /// is typed looks at the previous matches only.
    pub fn matching_among(&self, ids: &[i64], filter: &ListFilter) -> Result<Vec<i64>> {
        let mut args = vec![rusqlite::types::Value::Null];
        let sql = format!(
            "SELECT o.unit_id FROM orders o LEFT JOIN units u ON u.id = o.unit_id
             WHERE o.id = ?1 AND {}",
            filter_sql(filter, &mut args)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::new();
        for id in ids {
            args[0] = (*id).into();
            let hit = stmt
                .query_row(rusqlite::params_from_iter(args.iter()), |_| Ok(()))
                .optional()?;
            if hit.is_some() {
                out.push(*id);
            }
        }
        Ok(out)
    }

    /// The id of an order by number.
    pub fn order_id_of(&self, order_no: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM orders WHERE order_no = ?1")?
            .query_row([order_no], |r| r.get(0))
            .optional()?)
    }

    /// The forecast's candidates (`domain::forecast`): the open orders with a deadline on or
    /// before `bound` (`forecast::deadline_bound`), of one unit if given, from the open
    /// orders' index (the list filter's `late:` clause, `filter_sql`), the earliest deadline
    /// first. Whole orders: the domain decides which cross.
    pub fn open_due_by(&self, unit: Option<&str>, bound: NaiveDate) -> Result<Vec<Order>> {
        let unit = match unit {
            Some(name) => Some(self.unit_id(name)?.unwrap_or(-1)),
            None => None,
        };
        let filter = ListFilter {
            unit,
            deadline: Some((None, bound)),
            ..Default::default()
        };
        let mut args = Vec::new();
        let clause = filter_sql(&filter, &mut args);
        let sql = format!(
            "SELECT {} FROM orders o INDEXED BY orders_open_by_deadline
                 LEFT JOIN units u ON u.id = o.unit_id
             WHERE o.status <> 'closed' AND {clause}
             ORDER BY o.deadline, o.id",
            super::orders::ORDER_COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params_from_iter(args),
            super::orders::order_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Numbers of a unit's open orders past their deadline on `today`, most overdue first.
    pub fn overdue_nos_of_unit(&self, unit: &str, today: NaiveDate) -> Result<Vec<String>> {
        let Some(uid) = self.unit_id(unit)? else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT o.order_no FROM orders o WHERE o.unit_id = ?1 AND {}
             ORDER BY o.deadline, o.id",
            late_sql(2)
        ))?;
        let rows = stmt.query_map(rusqlite::params![uid, today.to_string()], |r| {
            Ok(super::text::read_opt(r, 0, &mut false)?.unwrap_or_default())
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Of these order numbers, the ones open and past their deadline on `today`.
    pub fn still_overdue(&self, nos: &[String], today: NaiveDate) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT 1 FROM orders o WHERE o.order_no = ?1 AND {}",
            late_sql(2)
        ))?;
        let mut out = Vec::new();
        for no in nos {
            if stmt
                .query_row(rusqlite::params![no, today.to_string()], |_| Ok(()))
                .optional()?
                .is_some()
            {
                out.push(no.clone());
            }
        }
        Ok(out)
    }
}

fn key_from_row(r: &rusqlite::Row) -> rusqlite::Result<ListKey> {
    // Borrowed, not copied: a scan reads every open order's key.
    let text = |i: usize| -> rusqlite::Result<Option<&str>> {
        Ok(r.get_ref(i)?.as_str_or_null().ok().flatten())
    };
    Ok(ListKey {
        id: r.get(0)?,
        deadline: date_num(text(1)?),
        unit_id: r.get(2)?,
        received: text(3)?.map_or(0, |s| digits(s, 14)),
        open: r.get(4)?,
        // Lossy, as every text read (`store::text`): bad bytes show as U+FFFD.
        order_no: match r.get_ref(5)? {
            rusqlite::types::ValueRef::Text(b) => Some(String::from_utf8_lossy(b).into()),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_like_the_dates() {
        assert_eq!(date_num(Some("2017-11-10")), 20171110);
        assert_eq!(date_num(None), 0);
        assert_eq!(digits("2017-11-10T09:05:07", 14), 20171110090507);
        assert_eq!(
            day_num(NaiveDate::from_ymd_opt(2017, 1, 2).unwrap()),
            20170102
        );
        assert_eq!(like_pattern("5%_\\"), "%5\\%\\_\\\\%");
    }
}
