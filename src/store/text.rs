//! Reading text columns tolerantly. SQLite stores whatever bytes a writer gave it (another
//! tool, an old version, a damaged disk); one invalid UTF-8 sequence must not stop every list,
//! the TUI, export and `check`. Every text column of orders, events, units and operators is read
//! here: bad bytes become U+FFFD, and the reader learns which columns held them so it can name
//! the order (`check` reports them through `Store::bad_text`).

use rusqlite::Row;
use rusqlite::types::ValueRef;

/// The text in column `i`, decoded lossily; `None` for NULL. `bad` is set when the stored bytes
/// were not UTF-8. A number or blob is read as its text (SQLite's own affinity would show it so).
pub(super) fn read_opt(r: &Row, i: usize, bad: &mut bool) -> rusqlite::Result<Option<String>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Null => None,
        ValueRef::Text(b) | ValueRef::Blob(b) => Some(match std::str::from_utf8(b) {
            Ok(s) => s.to_string(),
            Err(_) => {
                *bad = true;
                String::from_utf8_lossy(b).into_owned()
            }
        }),
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
    })
}

/// The reader of one row's text columns, remembering which held bad bytes.
pub(super) struct Texts<'a, 'r> {
    row: &'a Row<'r>,
    bad: Vec<usize>,
}

impl<'a, 'r> Texts<'a, 'r> {
    pub(super) fn new(row: &'a Row<'r>) -> Self {
        Texts {
            row,
            bad: Vec::new(),
        }
    }

    pub(super) fn opt(&mut self, i: usize) -> rusqlite::Result<Option<String>> {
        let mut bad = false;
        let s = read_opt(self.row, i, &mut bad)?;
        if bad {
            self.bad.push(i);
        }
        Ok(s)
    }

    /// A NOT NULL column (NULL reads as empty rather than failing the whole list).
    pub(super) fn get(&mut self, i: usize) -> rusqlite::Result<String> {
        Ok(self.opt(i)?.unwrap_or_default())
    }

    /// The names of the columns that held bad bytes.
    pub(super) fn bad_columns(&self) -> Vec<String> {
        let stmt = self.row.as_ref();
        self.bad
            .iter()
            .map(|&i| {
                stmt.column_name(i)
                    .map_or_else(|_| format!("column {i}"), str::to_string)
            })
            .collect()
    }

    /// Logs (once per row read) which columns of what held bad bytes: `what` names the order
    /// or unit. The text itself is never logged.
    pub(super) fn warn(&self, what: &str) {
        if !self.bad.is_empty() {
            tracing::warn!(row = %what, columns = ?self.bad_columns(), "invalid UTF-8 read as U+FFFD");
        }
    }
}

/// Whether the bytes in column `i` are text that is not valid UTF-8.
pub(super) fn is_bad(r: &Row, i: usize) -> rusqlite::Result<bool> {
    Ok(match r.get_ref(i)? {
        ValueRef::Text(b) => std::str::from_utf8(b).is_err(),
        _ => false,
    })
}
