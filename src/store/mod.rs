//! The only place with SQL. One SQLite file: units, orders (current state, for fast queries)
//! and the append-only event history. Every write runs in `BEGIN IMMEDIATE` (see `write`).

mod bulk;
mod files;
use files::refuse_foreign;
pub use files::{in_use, is_empty_file, open_elsewhere, replace_file};
mod lists;
pub use lists::{ListFilter, ListKey, OpenScan, WordFilter, day_num};
mod migrations;
mod operators;
mod orders;
mod report;
mod similar;
mod tally;
mod text;
pub use tally::TallyRows;
mod units;

pub use crate::domain::event::Stamp;
pub use orders::{OrderFilter, OrderSort, StoredEvent};
pub use similar::{CONTENT_CHARS, DispatchRow, TextRow};

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

/// The account of this process's real uid, from the system's user database (NSS: files,
/// LDAP, …) through `getpwuid_r`. Not `USER` or `LOGNAME`, which anyone can set: this is who
/// the record says did something, and who the operators table gives a role. A uid without an
/// account is `uid N`.
pub fn os_account() -> String {
    // SAFETY: getuid cannot fail.
    let uid = unsafe { libc::getuid() };
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: an all-zero passwd is a valid value to be overwritten.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer points at memory we own, sized as passed; `out` is null or `&pwd`.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut out) };
    if rc != 0 || out.is_null() || pwd.pw_name.is_null() {
        return format!("uid {uid}");
    }
    // SAFETY: getpwuid_r succeeded, so pw_name is a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    match name.to_str() {
        Ok(n) if !n.is_empty() => n.to_string(),
        _ => format!("uid {uid}"),
    }
}

/// How long a writer waits for another process's write lock before giving up (`Error::Busy`).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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
    /// The OS account of this process (`os_account`), recorded with every event it writes.
    account: String,
    /// While `batch_tally` runs: the running sums' changes, summed and applied once at its end
    /// (a bulk urge of 1,000 orders writes the few day rows once, not 1,000 times).
    tally_batch: std::cell::RefCell<Option<TallyRows>>,
    /// Set when the database could be opened for reading only (see `connect`): every write
    /// fails with it before it starts.
    read_only: Option<ReadOnly>,
    /// How long `write` waits for another program's write lock in all (`BUSY_TIMEOUT`; the
    /// live TUI asks for short waits and tries again itself, see `set_lock_wait`).
    lock_wait: Cell<Duration>,
}

/// Why a store was opened for reading only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// The disk holding it is full.
    DiskFull,
    /// Nothing can be created beside it (a read-only folder, an I/O error): SQLite's words.
    Unwritable(String),
}

impl ReadOnly {
    /// What a write on such a store fails with.
    pub fn error(&self) -> Error {
        match self {
            ReadOnly::DiskFull => Error::DiskFull,
            ReadOnly::Unwritable(why) => Error::Store(format!(
                "the database could be opened for reading only ({why}): nothing was recorded; ask for write access to its folder (see README, Security), or work on a copy"
            )),
        }
    }
}

/// A first read: a WAL database needs its shared-memory file (`-shm`) for it, which SQLite
/// creates and sizes by writing.
fn probe(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
}

/// The errors of a first read that mean "nothing can be written beside the database".
fn wants_room(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode as C;
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, C::SystemIoFailure | C::DiskFull | C::CannotOpen))
}

/// Free bytes for an unprivileged user on the file system holding `dir`.
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a NUL-terminated path, `st` a statvfs we own.
    let rc = unsafe { libc::statvfs(c.as_ptr(), &mut st) };
    (rc == 0).then(|| (st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
}

/// Why reading only: the disk is full (SQLite said so, or under 1 MiB is left), else SQLite's
/// words.
fn read_only_reason(path: &Path, first: &rusqlite::Error) -> ReadOnly {
    let full = matches!(first, rusqlite::Error::SqliteFailure(f, _)
        if f.code == rusqlite::ErrorCode::DiskFull);
    if full || disk_full(path) {
        ReadOnly::DiskFull
    } else {
        ReadOnly::Unwritable(first.to_string())
    }
}

/// A connection on `path` that can at least read, and whether it may only read.
///
/// Normally read-write. When the first read fails because nothing can be written beside the
/// database — a full disk, typically: a WAL database needs its `-shm` file even to be read —
/// it falls back, in this order, to what needs no new file:
/// 1. SQLite's exclusive locking mode: the WAL index kept in this process's memory instead of
///    the `-shm` ("WAL databases can be read without shared memory if `locking_mode` is
///    EXCLUSIVE before the first access", sqlite.org/wal.html). It sees what the `-wal` holds,
///    and no other process can write while it is open (nor can it: `Store::write` refuses).
/// 2. When that lock cannot be had (another hotline holds it so, or not even an empty `-wal`
///    can be created) and the `-wal` is absent or empty, so that the main file is the whole
///    database: the file opened `immutable` (read only, no locks, no `-shm`).
fn connect(path: &Path) -> Result<(Connection, Option<ReadOnly>)> {
    // A file this account may not read (e.g. root's, mode 0600): said so, not SQLite's
    // "unable to open database file".
    if let Err(e) = std::fs::File::open(path)
        && e.kind() == std::io::ErrorKind::PermissionDenied
    {
        return Err(Error::Denied(crate::error::Msg::both(
            format!(
                "cannot read {}: its permissions do not let this account ({}) read it: ask for access (see README, Security)",
                path.display(),
                os_account()
            ),
            format!(
                "无法读取 {}：文件权限不允许本账号（{}）读取：请申请访问权限（见 README“Security”）",
                path.display(),
                os_account()
            ),
        )));
    }
    let cannot =
        |e: rusqlite::Error| Error::Store(format!("cannot open database {}: {e}", path.display()));
    let conn = Connection::open(path).map_err(cannot)?;
    // The first look does not wait for a lock (rusqlite's default would be 5 s): `setup`
    // waits, with the store's own patience, when it is only busy.
    conn.busy_timeout(Duration::ZERO).map_err(cannot)?;
    let first = match probe(&conn) {
        Err(e) if wants_room(&e) => e,
        // On a full disk, another hotline reading in exclusive mode (step 1 below, e.g. this
        // process's other connection) holds the file: read it immutable (step 2).
        Err(e) if is_busy(&e) && disk_full(path) => {
            if let Some(c) = open_immutable(path) {
                return Ok((c, Some(ReadOnly::DiskFull)));
            }
            return Ok((conn, None));
        }
        // Read, or failed otherwise: `setup` says what it is, in its words.
        _ => return Ok((conn, None)),
    };
    drop(conn);
    let why = read_only_reason(path, &first);
    if let Ok(c) = Connection::open(path)
        && c.busy_timeout(Duration::ZERO).is_ok()
        && c.execute_batch("PRAGMA locking_mode=EXCLUSIVE").is_ok()
        && probe(&c).is_ok()
    {
        return Ok((c, Some(why)));
    }
    if let Some(c) = open_immutable(path) {
        return Ok((c, Some(why)));
    }
    Err(match why {
        ReadOnly::DiskFull => Error::Store(format!(
            "cannot read database {}: its disk is full and SQLite needs room beside it for this database (its -wal file holds recent changes): free some space there (`df -h`) and try again",
            path.display()
        )),
        ReadOnly::Unwritable(_) => cannot(first),
    })
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseBusy)
}

/// The folder holding `path`.
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Under 1 MiB left where the database is.
fn disk_full(path: &Path) -> bool {
    free_bytes(folder(path)).is_some_and(|b| b < 1 << 20)
}

/// `path` opened immutable (read only, no locks, no `-shm`): only when its `-wal` is absent or
/// empty, so that the main file is the whole database.
fn open_immutable(path: &Path) -> Option<Connection> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_empty = match std::fs::metadata(&wal) {
        Ok(m) => m.len() == 0,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    };
    if !wal_empty {
        return None;
    }
    use rusqlite::OpenFlags as F;
    let c = Connection::open_with_flags(
        immutable_uri(path)?,
        F::SQLITE_OPEN_READ_ONLY | F::SQLITE_OPEN_URI | F::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    probe(&c).is_ok().then_some(c)
}

/// `file:/abs/path?immutable=1`, the path's `%`, `?` and `#` escaped as SQLite's URIs want.
fn immutable_uri(path: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(path).ok()?;
    let mut uri = String::from("file:");
    for c in abs.to_str()?.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

impl Store {
    /// Open an existing database, migrating it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        // A folder this account may not enter hides the file: say so, not "no database".
        if let Err(e) = std::fs::metadata(path)
            && e.kind() == std::io::ErrorKind::PermissionDenied
        {
            return Err(Error::Denied(crate::error::Msg::both(
                format!(
                    "cannot reach {}: permission denied on the file or a folder on its path: ask for access to it (see README, Security)",
                    path.display()
                ),
                format!(
                    "无法访问 {}：没有该文件或其所在文件夹的权限：请申请访问权限（见 README“Security”）",
                    path.display()
                ),
            )));
        }
        if !path.exists() {
            return Err(Error::NotFound(format!(
                "no database at {}: create one with `hotline init` (empty, with the county's units) or `hotline demo`, or pass --db PATH",
                path.display()
            )));
        }
        refuse_foreign(path, None)?;
        Self::open_with(path, true)
    }

    /// Create (or open) a database file.
    pub fn create(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Io(format!("cannot create folder {}: {e}", dir.display())))?;
        }
        Self::open_with(path, false)
    }

    /// `existing`: refuse a file that is not a hotline database (see `refuse_foreign`).
    fn open_with(path: &Path, existing: bool) -> Result<Store> {
        let started = Instant::now();
        let (mut conn, read_only) = connect(path)?;
        if existing {
            refuse_foreign(path, Some(&conn))?;
        }
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
            account: os_account(),
            tally_batch: Default::default(),
            read_only,
            lock_wait: Cell::new(BUSY_TIMEOUT),
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
        if let Some(why) = &store.read_only {
            tracing::warn!(db = %path.display(), "opened for reading only: {}", why.error());
        }
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
            account: os_account(),
            tally_batch: Default::default(),
            read_only: None,
            lock_wait: Cell::new(BUSY_TIMEOUT),
        };
        store.setup()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn setup(&self) -> Result<()> {
        self.conn.busy_timeout(self.lock_wait.get())?;
        lists::register_functions(&self.conn)?;
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
        self.conn.execute_batch(
            "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
        )?;
        if let Some(why) = &self.read_only {
            // Read as it is: a database that needs migrating cannot be read until it can be
            // written.
            return match migrations::is_current(&self.conn)? {
                true => Ok(()),
                false => Err(why.error()),
            };
        }
        // journal_mode answers with a row ("memory" for in-memory databases).
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
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
        if let Some(why) = &self.read_only {
            let e = why.error();
            tracing::warn!("write refused: {e}");
            return Err(e);
        }
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
        let out = out.and_then(|v| match self.conn.execute_batch(commit) {
            Ok(()) => Ok(v),
            // A commit that failed (a full disk: SQLITE_FULL) may leave the transaction open:
            // roll it back too (if SQLite already did, the ROLLBACK fails harmlessly).
            Err(e) => Err(e.into()),
        });
        if out.is_err() {
            let _ = self.conn.execute_batch(rollback);
            // A unit added in the rolled-back part is gone: forget cached ids.
            self.unit_ids.borrow_mut().clear();
        }
        out
    }

    /// BEGIN IMMEDIATE waits for another program's write lock: `lock_wait` in all (SQLite's
    /// busy handler, then a few short tries more for a crowd of writers, so that "database is
    /// locked" never reaches an operator in normal use), then fails with `Error::Busy`.
    fn begin_with_retry(&self, begin: &str) -> Result<()> {
        let limit = self.lock_wait.get();
        let started = Instant::now();
        let mut tries = 0;
        let out = loop {
            let left = limit.saturating_sub(started.elapsed());
            if let Err(e) = self.conn.busy_timeout(left) {
                break Err(e.into());
            }
            match self.conn.execute_batch(begin) {
                Ok(()) => break Ok(()),
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == rusqlite::ErrorCode::DatabaseBusy =>
                {
                    let pause = Duration::from_millis(50 * (tries + 1));
                    if tries >= 3 || started.elapsed() + pause >= limit {
                        break Err(Error::Busy {
                            secs: limit.as_secs_f64().round() as u64,
                        });
                    }
                    tries += 1;
                    std::thread::sleep(pause);
                }
                Err(e) => break Err(e.into()),
            }
        };
        // Reads and statements inside the transaction keep the whole wait.
        let _ = self.conn.busy_timeout(limit);
        out
    }

    /// How long a write waits for another program's lock before it fails with `Error::Busy`
    /// (`BUSY_TIMEOUT` unless set). The live TUI sets a short one and tries again between
    /// frames, so that the wait is shown and can be abandoned.
    pub fn set_lock_wait(&self, wait: Duration) {
        self.lock_wait.set(wait);
        let _ = self.conn.busy_timeout(wait);
    }

    /// Why this store may only read (see `connect`), if it may only read.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Changes whenever another connection commits: polled by the TUI to refresh live.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The OS account this store records events under (`os_account`).
    pub fn account(&self) -> &str {
        &self.account
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

    /// A consistent, compact copy of the database into `dest` (a new or empty file) while
    /// others keep working: `VACUUM INTO` reads in one read transaction, so writers (which
    /// WAL lets go on meanwhile) never make it start over, unlike the online backup API,
    /// which restarts on every commit by another process.
    pub fn copy_into(&self, dest: &Path) -> Result<()> {
        let name = dest.to_str().ok_or_else(|| {
            Error::Input(format!(
                "{}: the backup's path must be valid UTF-8",
                dest.display()
            ))
        })?;
        self.conn.execute("VACUUM INTO ?1", [name])?;
        Ok(())
    }

    /// Check a copy made by `copy_into` without changing it: SQLite's integrity check passes
    /// and it is a hotline database of this program's schema. The problem, if any.
    pub fn verify_copy(path: &Path) -> Result<()> {
        use rusqlite::OpenFlags;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != migrations::LATEST {
            return Err(Error::Store(format!(
                "the copy has schema {version}, not {}",
                migrations::LATEST
            )));
        }
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
             AND name IN ('units', 'orders', 'events', 'settings', 'operators')",
            [],
            |r| r.get(0),
        )?;
        if tables != 5 {
            return Err(Error::Store("the copy lacks hotline's tables".into()));
        }
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if rows != ["ok"] {
            return Err(Error::Store(format!(
                "the copy fails SQLite's integrity check: {}",
                rows.join("; ")
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_immutable_copy_reads_a_path_with_uri_characters_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a?b#c%d 办");
        std::fs::create_dir(&folder).unwrap();
        let db = folder.join("h.db");
        Store::create(&db)
            .unwrap()
            .set_clock("2017-12-31 23:59")
            .unwrap();
        let uri = immutable_uri(&db).unwrap();
        assert!(uri.contains("a%3fb%23c%25d 办/h.db?immutable=1"), "{uri}");
        let c = open_immutable(&db).unwrap();
        let clock: String = c
            .query_row("SELECT value FROM settings WHERE key = 'clock'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(clock, "2017-12-31 23:59");
    }
}
