//! Import throughput: a large CSV in our own export layout (`data/mappings/hotline.toml`, the
//! 办理过程 column carrying every order's whole history), imported into a new database by
//! `import::import_file` — and the same file loaded by the sqlite3 CLI's `.import` into a
//! plain table, side by side.
//!
//! The file is made from a generated database (`synth`, the same histories as `hotline gen`):
//! up to `BASE` orders are generated and exported, then repeated under new order numbers until
//! the file holds `size` orders (each copy's numbers end in the copy's number, so they stay
//! unique). Every order therefore goes through the importer's whole work: reading, the
//! history's JSON, the workflow's checks for each event, and the rows written.

use super::{Row, bench_now, median};
use crate::error::{Error, Result};
use crate::import::{self, Options};
use crate::ops::Ctx;
use crate::store::Store;
use crate::synth::{self, GenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Orders generated for the file; larger files repeat them under new numbers.
const BASE: u64 = 50_000;

/// Import throughput at `size` orders: our import (orders/s, the median of `runs`, each into a
/// new database) and the sqlite3 CLI's `.import` of the same file (rows/s), with the ratio.
/// The sqlite3 line says so when the CLI is not installed.
pub fn import_rows(size: u64, runs: usize) -> Result<Vec<Row>> {
    let dir = tempfile_dir(size)?;
    let result = measure(&dir.0, size, runs);
    drop(dir);
    result
}

fn measure(dir: &Path, size: u64, runs: usize) -> Result<Vec<Row>> {
    let t = Instant::now();
    let csv = dir.join(format!("orders-{size}.csv"));
    let (orders, events) = write_csv(dir, &csv, size)?;
    let bytes = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "bench: import file of {orders} orders ({events} events, {:.0} MiB) ready in {:.1} s",
        bytes as f64 / 1048576.0,
        t.elapsed().as_secs_f64()
    );
    let ctx = Ctx::new(bench_now(), "bench");
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    for run in 0..runs.max(1) {
        let db = dir.join(format!("import-{run}.db"));
        remove_db(&db);
        let store = Store::create(&db)?;
        crate::ops::admin::add_shipped_units(&store)?;
        let (c, t) = (cpu_times(), Instant::now());
        let summary = import::import_file(&store, &ctx, &csv, &Options::default(), &mut |_| {})?;
        times.push(t.elapsed());
        if let (Some((a, _)), Some((b, _))) = (c, cpu_times()) {
            cpu.push(Duration::from_secs_f64(b - a));
        }
        if summary.imported as u64 != orders {
            return Err(Error::Store(format!(
                "bench: imported {} orders of {orders}",
                summary.imported
            )));
        }
        drop(store);
        remove_db(&db);
    }
    let ours = median(times);
    let cpu = (!cpu.is_empty()).then(|| median(cpu));
    let per_s = |n: u64, d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    let mut out = vec![Row {
        size,
        what: "import, CSV (our export layout with histories)".into(),
        median: format!("{:.0} orders/s", per_s(orders, ours)),
        target: "≥ 300k orders/s (≥ 2× sqlite3 .import)".into(),
        note: format!(
            "{:.1} s for {orders} orders, {events} events ({:.0} events/s), {:.0} MiB, into a new database; CPU {} (reading thread + writing thread)",
            ours.as_secs_f64(),
            per_s(events, ours),
            bytes as f64 / 1048576.0,
            cpu.map_or("—".into(), |c| format!("{:.1} s", c.as_secs_f64()))
        ),
    }];
    match sqlite3_import(dir, &csv, runs) {
        Some((t, cpu)) => out.push(Row {
            size,
            what: "sqlite3 CLI: .import of the same CSV into a plain table".into(),
            median: format!("{:.0} rows/s", per_s(orders, t)),
            target: String::new(),
            note: format!(
                "{:.1} s, CPU {}; hotline is {:.2}× sqlite3 (which stores each row once as text: no checks, no events, no indexes)",
                t.as_secs_f64(),
                cpu.map_or("—".into(), |c| format!("{:.1} s", c.as_secs_f64())),
                t.as_secs_f64() / ours.as_secs_f64().max(1e-9)
            ),
        }),
        None => out.push(Row {
            size,
            what: "sqlite3 CLI: .import".into(),
            median: "—".into(),
            target: String::new(),
            note: "sqlite3 not installed".into(),
        }),
    }
    Ok(out)
}

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tempfile_dir(size: u64) -> Result<Scratch> {
    let dir = std::env::temp_dir().join(format!(
        "hotline-bench-import-{size}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", dir.display())))?;
    Ok(Scratch(dir))
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Write the benchmark's CSV of `size` orders: returns (orders, events in their histories).
pub fn write_csv(dir: &Path, out: &Path, size: u64) -> Result<(u64, u64)> {
    let base = size.clamp(1, BASE);
    let db = dir.join(format!("base-{base}.db"));
    remove_db(&db);
    synth::generate(
        &db,
        &GenOptions {
            orders: base,
            units: 42,
            years: 3,
            seed: 12345,
            now: bench_now(),
        },
    )?;
    let store = Store::open(&db)?;
    // The base orders as exported (names and phones in full: the file round-trips).
    let mut rows: Vec<(Vec<String>, u64)> = Vec::with_capacity(base as usize);
    store.for_each_order_with_events(|o, events| {
        let row: Vec<String> = crate::export::orders::order_row(o, events, false)
            .iter()
            .map(crate::export::orders::Value::text)
            .collect();
        let n = events
            .iter()
            .filter(|e| crate::import::history::exported(e))
            .count() as u64;
        rows.push((row, n));
        Ok(())
    })?;
    drop(store);
    remove_db(&db);
    let io = |e: &dyn std::fmt::Display| Error::Io(format!("cannot write {}: {e}", out.display()));
    let file = std::fs::File::create(out).map_err(|e| io(&e))?;
    let mut buf = std::io::BufWriter::with_capacity(1 << 20, file);
    buf.write_all(b"\xEF\xBB\xBF").map_err(|e| io(&e))?;
    let mut w = csv::Writer::from_writer(buf);
    w.write_record(crate::export::orders::COLUMNS)
        .map_err(|e| io(&e))?;
    let (mut orders, mut events) = (0u64, 0u64);
    let copies = size.div_ceil(rows.len().max(1) as u64);
    'all: for copy in 0..copies {
        for (row, n) in &mut rows {
            if orders == size {
                break 'all;
            }
            let no = if copies > 1 {
                format!("{}{copy:03}", row[0])
            } else {
                row[0].clone()
            };
            w.write_field(&no).map_err(|e| io(&e))?;
            for field in &row[1..] {
                w.write_field(field).map_err(|e| io(&e))?;
            }
            w.write_record(None::<&[u8]>).map_err(|e| io(&e))?;
            orders += 1;
            events += *n;
        }
    }
    w.flush().map_err(|e| io(&e))?;
    Ok((orders, events))
}

/// `sqlite3 NEW.db ".import --csv FILE t"`: the median time of `runs` and of their CPU time;
/// None without sqlite3.
fn sqlite3_import(dir: &Path, csv: &Path, runs: usize) -> Option<(Duration, Option<Duration>)> {
    let mut xs = Vec::new();
    let mut cpu = Vec::new();
    for run in 0..runs.max(1) {
        let db = dir.join(format!("sqlite3-{run}.db"));
        remove_db(&db);
        let c = cpu_times();
        let t = Instant::now();
        let out = std::process::Command::new("sqlite3")
            .arg(&db)
            .arg(format!(".import --csv \"{}\" t", csv.display()))
            .output()
            .ok()?;
        let elapsed = t.elapsed();
        if let (Some((_, a)), Some((_, b))) = (c, cpu_times()) {
            cpu.push(Duration::from_secs_f64(b - a));
        }
        remove_db(&db);
        if !out.status.success() {
            return None;
        }
        xs.push(elapsed);
    }
    Some((median(xs), (!cpu.is_empty()).then(|| median(cpu))))
}

/// CPU seconds (user + system) used so far by this process, and by its children waited for
/// (Linux, from /proc; None elsewhere). The machine may be busy: CPU time says what the work
/// cost whatever else runs.
fn cpu_times() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After "pid (name) ": state, then utime stime cutime cstime are the 11th to 14th.
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 2..)?
        .split_whitespace()
        .collect();
    let ticks = |i: usize| -> Option<f64> { Some(fields.get(i)?.parse::<f64>().ok()? / 100.0) };
    Some((ticks(11)? + ticks(12)?, ticks(13)? + ticks(14)?))
}
