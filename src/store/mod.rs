//! The only place with SQL. One SQLite file: units, orders (current state, for fast queries)
//! and the append-only event history. Every write runs in `BEGIN IMMEDIATE` (see `write`).

mod bulk;
mod lists;
pub use lists::{ListKey, OpenScan, day_num};
mod migrations;
mod operators;
mod orders;
mod report;
mod tally;
mod text;
pub use tally::TallyRows;
mod units;

pub use orders::{OrderFilter, OrderSort, StoredEvent};

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// SQLite's profile callback: a statement that ran `log::SLOW` or more is logged with its SQL
/// (the text with `?` parameters, never their values).
fn log_slow_statement(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Profile(stmt, took) = event
        && took >= crate::log::SLOW
    {
        let sql = stmt.sql();
        let sql: Vec<&str> = sql.split_whitespace().collect();
        tracing::warn!(ms = crate::log::ms(took), sql = %sql.join(" "), "slow statement");
    }
}

/// How long a writer waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The settings key under which a database keeps its own clock.
const CLOCK_KEY: &str = "clock";

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Nesting depth of `write`: the outermost is BEGIN IMMEDIATE, inner ones are savepoints,
    /// so a batch (the demo, an import) can wrap many operations in one transaction.
    depth: Cell<u32>,
    /// Unit name → id (see `unit_id`).
    unit_ids: std::cell::RefCell<std::collections::HashMap<String, i64>>,
    /// While `batch_tally` runs: the running sums' changes, summed and applied once at its end
    /// (a bulk urge of 1,000 orders writes the few day rows once, not 1,000 times).
    tally_batch: std::cell::RefCell<Option<TallyRows>>,
}

impl Store {
    /// Open an existing database, migrating it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::NotFound(format!(
                "no database at {}: create one with `hotline init` (empty, with the county's units) or `hotline demo`, or pass --db PATH",
                path.display()
            )));
        }
        Self::open_with(path)
    }

    /// Create (or open) a database file.
    pub fn create(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Io(format!("cannot create folder {}: {e}", dir.display())))?;
        }
        Self::open_with(path)
    }

    fn open_with(path: &Path) -> Result<Store> {
        let started = Instant::now();
        let mut conn = Connection::open(path)
            .map_err(|e| Error::Store(format!("cannot open database {}: {e}", path.display())))?;
        if tracing::enabled!(tracing::Level::WARN) {
            // SQLite times every statement it runs: the one place that sees every slow read
            // and write, whichever function issued it. Only while a log is on.
            let _ = conn.trace_v2(
                rusqlite::trace::TraceEventCodes::SQLITE_TRACE_PROFILE,
                Some(log_slow_statement),
            );
        }
        let store = Store {
            conn,
            path: Some(path.to_path_buf()),
            depth: Cell::new(0),
            unit_ids: Default::default(),
            tally_batch: Default::default(),
        };
        store
            .setup()
            .map_err(|e| match e {
                Error::Store(m) => Error::Store(format!("{}: {m}", path.display())),
                other => other,
            })
            .inspect_err(
                |e| tracing::warn!(db = %path.display(), "cannot open the database: {e}"),
            )?;
        tracing::info!(
            db = %std::fs::canonicalize(path).as_deref().unwrap_or(path).display(),
            ms = crate::log::ms(started.elapsed()),
            "database opened"
        );
        Ok(store)
    }

    pub fn in_memory() -> Result<Store> {
        let store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            depth: Cell::new(0),
            unit_ids: Default::default(),
            tally_batch: Default::default(),
        };
        store.setup()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn setup(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Look before writing anything: a file that is not ours, or is newer, stays untouched.
        migrations::check_version(&self.conn).map_err(|e| match e {
            Error::Store(m) if m.contains("file is not a database") => Error::Store(
                "not a hotline database (the file is not SQLite or is corrupt): restore it from a backup or pass another --db".into(),
            ),
            Error::Store(m) if m.contains("malformed") => Error::Store(
                "the database file is corrupt (not a hotline database any more): restore it from a backup (see README) or pass another --db".into(),
            ),
            other => other,
        })?;
        // journal_mode answers with a row ("memory" for in-memory databases).
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
        )?;
        migrations::migrate(&self.conn)?;
        if self.setting("tally_rebuild")?.is_some() {
            self.rebuild_tally()?;
        }
        Ok(())
    }

    /// Run `f` in a write transaction: `BEGIN IMMEDIATE` takes the write lock up front (so two
    /// writers queue on the busy timeout instead of failing half way), nested calls become
    /// savepoints. Commits when `f` returns Ok, rolls back otherwise.
    ///
    /// The outermost transaction is logged (see `crate::log`): committed or rolled back (with
    /// the error), how long it waited for the lock (`wait_ms`) and took in all (`ms`); at warn level
    /// when it took `log::SLOW` or more.
    pub fn write<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let depth = self.depth.get();
        if depth > 0 {
            self.begin_with_retry("SAVEPOINT w")?;
            return self.finish(depth, "RELEASE w", "ROLLBACK TO w; RELEASE w", f);
        }
        let started = Instant::now();
        if let Err(e) = self.begin_with_retry("BEGIN IMMEDIATE") {
            let ms = crate::log::ms(started.elapsed());
            tracing::warn!(ms, "write could not start: {e}");
            return Err(e);
        }
        let wait_ms = crate::log::ms(started.elapsed());
        let out = self.finish(0, "COMMIT", "ROLLBACK", f);
        let took = started.elapsed();
        let ms = crate::log::ms(took);
        match (&out, took >= crate::log::SLOW) {
            (Ok(_), false) => tracing::info!(ms, wait_ms, "write committed"),
            (Ok(_), true) => tracing::warn!(ms, wait_ms, "slow write committed"),
            (Err(e), false) => tracing::info!(ms, wait_ms, "write rolled back: {e}"),
            (Err(e), true) => tracing::warn!(ms, wait_ms, "slow write rolled back: {e}"),
        }
        out
    }

    /// Run `f` inside the transaction or savepoint just begun at `depth`, then commit or roll
    /// back.
    fn finish<T>(
        &self,
        depth: u32,
        commit: &str,
        rollback: &str,
        f: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<T> {
        self.depth.set(depth + 1);
        let out = f(self);
        self.depth.set(depth);
        match out {
            Ok(v) => {
                self.conn.execute_batch(commit)?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch(rollback);
                // A unit added in the rolled-back part is gone: forget cached ids.
                self.unit_ids.borrow_mut().clear();
                Err(e)
            }
        }
    }

    /// BEGIN IMMEDIATE waits `BUSY_TIMEOUT` for the lock; a few more tries cover a crowd of
    /// writers so that "database is locked" never reaches an operator in normal use.
    fn begin_with_retry(&self, begin: &str) -> Result<()> {
        let mut tries = 0;
        loop {
            match self.conn.execute_batch(begin) {
                Ok(()) => return Ok(()),
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == rusqlite::ErrorCode::DatabaseBusy && tries < 3 =>
                {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50 * tries));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Changes whenever another connection commits: polled by the TUI to refresh live.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The database's own clock (the demo's 2017-12-31), if it keeps one: the `now` of every
    /// command on it unless `--now` says otherwise.
    pub fn clock(&self) -> Result<Option<String>> {
        self.setting(CLOCK_KEY)
    }

    pub fn set_clock(&self, value: &str) -> Result<()> {
        self.set_setting(CLOCK_KEY, value)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.write(|s| {
            s.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
            Ok(())
        })
    }

    /// `PRAGMA integrity_check`: "ok" or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("; "))
    }

    /// A consistent copy of the database while others keep working (SQLite online backup).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        use rusqlite::backup::Backup;
        let mut out = Connection::open(dest)
            .map_err(|e| Error::Io(format!("cannot write backup {}: {e}", dest.display())))?;
        let backup = Backup::new(&self.conn, &mut out)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        Ok(())
    }
}
