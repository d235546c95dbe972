//! Schema migrations, versioned with `PRAGMA user_version`. Append a step; never edit one.

use crate::error::{Error, Result};
use rusqlite::Connection;

const STEPS: &[&str] = &[
    // 1: units, orders (current state), events (append-only history), settings.
    "CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('department', 'township')),
        active INTEGER NOT NULL DEFAULT 1,
        position INTEGER NOT NULL
    );
    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        order_no TEXT NOT NULL UNIQUE,
        category TEXT NOT NULL,
        status TEXT NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        citizen TEXT NOT NULL,
        phone TEXT NOT NULL,
        address TEXT NOT NULL,
        received_at TEXT NOT NULL,
        unit_id INTEGER REFERENCES units(id),
        assigned_at TEXT,
        deadline TEXT,
        accepted_at TEXT,
        reply TEXT,
        replied_at TEXT,
        ext_until TEXT,
        ext_reason TEXT,
        callback TEXT,
        closed_at TEXT,
        urges INTEGER NOT NULL DEFAULT 0,
        supervisions INTEGER NOT NULL DEFAULT 0,
        redos INTEGER NOT NULL DEFAULT 0,
        returns INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX orders_open_by_deadline ON orders(deadline) WHERE status <> 'closed';
    CREATE INDEX orders_by_unit ON orders(unit_id, assigned_at);
    CREATE INDEX orders_by_received ON orders(received_at);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        order_id INTEGER REFERENCES orders(id),
        unit_id INTEGER REFERENCES units(id),
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX events_by_order ON events(order_id, id);
    CREATE INDEX events_by_time ON events(at);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 2: operators and their roles (an empty table = access control off, e.g. the demo).
    "CREATE TABLE operators (
        user TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'unit')),
        unit_id INTEGER REFERENCES units(id),
        CHECK ((role = 'unit') = (unit_id IS NOT NULL))
    );",
    // 3: the scorecard's running sums (see store::tally), by day and by month (`day` holds
    // YYYY-MM there), kept in the same transaction as each event; and a covering index for
    // open orders by deadline (the overdue figures).
    "CREATE TABLE unit_tally (
        unit_id INTEGER NOT NULL REFERENCES units(id),
        day TEXT NOT NULL,
        assigned INTEGER NOT NULL DEFAULT 0,
        closed INTEGER NOT NULL DEFAULT 0,
        closed_on_time INTEGER NOT NULL DEFAULT 0,
        closed_late30 INTEGER NOT NULL DEFAULT 0,
        urges INTEGER NOT NULL DEFAULT 0,
        supervisions INTEGER NOT NULL DEFAULT 0,
        redos INTEGER NOT NULL DEFAULT 0,
        callbacks_reached INTEGER NOT NULL DEFAULT 0,
        satisfied INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, day)
    ) WITHOUT ROWID;
    CREATE TABLE total_tally (
        day TEXT NOT NULL,
        category TEXT NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        closed INTEGER NOT NULL DEFAULT 0,
        closed_late30 INTEGER NOT NULL DEFAULT 0,
        redone INTEGER NOT NULL DEFAULT 0,
        unassigned INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, category)
    ) WITHOUT ROWID;
    CREATE TABLE unit_tally_month (
        unit_id INTEGER NOT NULL REFERENCES units(id),
        day TEXT NOT NULL,
        assigned INTEGER NOT NULL DEFAULT 0,
        closed INTEGER NOT NULL DEFAULT 0,
        closed_on_time INTEGER NOT NULL DEFAULT 0,
        closed_late30 INTEGER NOT NULL DEFAULT 0,
        urges INTEGER NOT NULL DEFAULT 0,
        supervisions INTEGER NOT NULL DEFAULT 0,
        redos INTEGER NOT NULL DEFAULT 0,
        callbacks_reached INTEGER NOT NULL DEFAULT 0,
        satisfied INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, day)
    ) WITHOUT ROWID;
    CREATE TABLE total_tally_month (
        day TEXT NOT NULL,
        category TEXT NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        closed INTEGER NOT NULL DEFAULT 0,
        closed_late30 INTEGER NOT NULL DEFAULT 0,
        redone INTEGER NOT NULL DEFAULT 0,
        unassigned INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, category)
    ) WITHOUT ROWID;
    DROP INDEX orders_open_by_deadline;
    CREATE INDEX orders_open_by_deadline
        ON orders(deadline, unit_id, assigned_at, received_at, status) WHERE status <> 'closed';
    INSERT INTO settings(key, value) VALUES ('tally_rebuild', '1')
        ON CONFLICT(key) DO UPDATE SET value = '1';",
    // 4: who recorded each event and when, as observed by the program (never by a flag): the
    // OS account of the process and SQLite's wall clock at the insert. Older events have ''
    // and NULL (not known).
    "ALTER TABLE events ADD COLUMN account TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN recorded_at TEXT;",
    // 5: the assessment's facts of an order: the current unit's first contact (先行联系), its
    // last callback that reached the citizen (JSON: time, satisfaction, answers), an
    // exemption (JSON) and a pending return request (JSON); the running sums grow the
    // assessment's columns (see store::tally), rebuilt once from the events.
    "ALTER TABLE orders ADD COLUMN first_contact_at TEXT;
    ALTER TABLE orders ADD COLUMN last_callback TEXT;
    ALTER TABLE orders ADD COLUMN exemption TEXT;
    ALTER TABLE orders ADD COLUMN return_request TEXT;
    ALTER TABLE unit_tally ADD COLUMN replied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN signed_2h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN signed_4h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN signed_8h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN signed_12h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN signed_24h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN signed_48h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN signed_72h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN contact_2h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN contact_4h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN contact_8h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN contact_12h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN contact_24h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN contact_48h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN contact_72h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN dispatches INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN returns INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN late_returns INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_valid INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_contact_answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_contacted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_solve_answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_solved INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_explained INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_satisfied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_basic INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN lc_unsatisfied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN ev_contact_answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN ev_contacted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN ev_solve_answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN ev_solved INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN ev_explained INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN ev_satisfied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN ev_basic INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally ADD COLUMN ev_unsatisfied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN replied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN signed_2h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN signed_4h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN signed_8h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN signed_12h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN signed_24h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN signed_48h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN signed_72h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN contact_2h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN contact_4h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN contact_8h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN contact_12h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN contact_24h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN contact_48h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN contact_72h INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN dispatches INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN returns INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN late_returns INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_valid INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_contact_answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_contacted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_solve_answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_solved INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_explained INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_satisfied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_basic INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN lc_unsatisfied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN ev_contact_answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN ev_contacted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN ev_solve_answered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN ev_solved INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN ev_explained INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN ev_satisfied INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN ev_basic INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE unit_tally_month ADD COLUMN ev_unsatisfied INTEGER NOT NULL DEFAULT 0;
    INSERT INTO settings(key, value) VALUES ('tally_rebuild', '1')
        ON CONFLICT(key) DO UPDATE SET value = '1';",
    // 6: an urgent order's limit in clock hours keeps its time (`Order::due_at`).
    "ALTER TABLE orders ADD COLUMN due_at TEXT",
    // 7: the exempted orders' events found without scanning every event (`report --pack`
    // looks them up for the adjusted figures on every call).
    "CREATE INDEX events_exempted ON events(order_id) WHERE kind = 'exempted'",
];

pub const LATEST: i64 = STEPS.len() as i64;

/// Refuse, without writing, a file that is not a hotline database or is newer than this program.
pub fn check_version(conn: &Connection) -> Result<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| Error::Store(e.to_string()))?;
    if version > LATEST {
        return Err(Error::Store(format!(
            "the database was written by a newer hotline (schema {version}; this program knows up to {LATEST}): upgrade hotline"
        )));
    }
    if version == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(Error::Store(
                "this SQLite file is not a hotline database (it has other tables): pass another --db".into(),
            ));
        }
    }
    Ok(())
}

/// Whether the schema is this program's (nothing to migrate).
pub fn is_current(conn: &Connection) -> Result<bool> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(version == LATEST)
}

pub fn migrate(conn: &Connection) -> Result<()> {
    check_version(conn)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, step) in STEPS.iter().enumerate().skip(version as usize) {
        let v = i as i64 + 1;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {step}; PRAGMA user_version = {v}; COMMIT;"
        ))
        .map_err(|e| {
            let _ = conn.execute_batch("ROLLBACK");
            Error::Store(format!("migration to schema {v} failed: {e}"))
        })?;
    }
    Ok(())
}
