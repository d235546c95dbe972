//! `hotline bench`: the performance targets of PERFORMANCE.md, measured on generated databases
//! (cached between runs), with the sqlite3 CLI doing the same work side by side. Medians of
//! several runs; nothing here is a test — targets live here, not in timed unit tests.

pub mod import;
pub mod tui;

use crate::domain::scorecard::Period;
use crate::error::{Error, Result};
use crate::ops::{self, Ctx};
use crate::store::{OrderFilter, Store};
use crate::synth::{self, GenOptions};
use chrono::{Datelike, NaiveDateTime};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    /// Database sizes, in orders (comma-separated).
    pub sizes: Vec<u64>,
    /// Where generated databases are kept between runs.
    pub cache: PathBuf,
    /// Runs per measurement (the median is reported).
    pub runs: usize,
    /// Skip the sqlite3 CLI comparison.
    pub no_sqlite3: bool,
    /// Orders in the import benchmark's CSV file (0: no import benchmark). Each run imports
    /// the whole file into a new database.
    pub import_orders: u64,
}

/// One measured line of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub size: u64,
    pub what: String,
    pub median: String,
    pub target: String,
    pub note: String,
}

pub fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

/// Time `f` `runs` times; the median.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<Duration> {
    let mut xs = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        std::hint::black_box(f()?);
        xs.push(t.elapsed());
    }
    Ok(median(xs))
}

pub fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v < 1.0 {
        format!("{v:.3} ms")
    } else if v < 100.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.0} ms")
    }
}

/// The bench clock: every generated database ends "now" here, so runs are comparable.
pub fn bench_now() -> NaiveDateTime {
    crate::domain::time::parse_datetime("2026-06-30T17:00:00", false).unwrap_or_default()
}

/// The cached database of `size` orders, generated on first use.
pub fn database(cache: &Path, size: u64) -> Result<PathBuf> {
    std::fs::create_dir_all(cache)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", cache.display())))?;
    let path = cache.join(format!("gen-{size}.db"));
    if !path.exists() {
        let tmp = cache.join(format!("gen-{size}.db.partial"));
        let _ = std::fs::remove_file(&tmp);
        let years = if size >= 1_000_000 { 5 } else { 3 };
        let summary = synth::generate(
            &tmp,
            &GenOptions {
                orders: size,
                units: 42,
                years,
                seed: 12345,
                now: bench_now(),
            },
        )?;
        eprintln!("{summary}");
        drop(Store::open(&tmp)?); // checkpoint the WAL before the rename
        std::fs::rename(&tmp, &path)?;
    }
    Ok(path)
}

/// Peak resident memory of this process so far, in MiB (VmHWM).
pub fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn row(size: u64, what: &str, median: String, target: &str, note: &str) -> Row {
    Row {
        size,
        what: what.into(),
        median,
        target: target.into(),
        note: note.into(),
    }
}

/// Run `sqlite3 DB SQL` and time it (median); None when sqlite3 is not installed.
fn sqlite3_time(db: &Path, sql: &str, runs: usize) -> Option<Duration> {
    let mut xs = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out = std::process::Command::new("sqlite3")
            .arg(db)
            .arg(sql)
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        xs.push(t.elapsed());
    }
    Some(median(xs))
}

/// The measurements on one database that need no terminal.
pub fn store_rows(db: &Path, size: u64, runs: usize, sqlite3: bool) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    let store = Store::open(db)?;
    // The database's own clock: the moment its generated history ends.
    let now = store
        .clock()?
        .and_then(|c| crate::domain::time::parse_datetime(&c, false).ok())
        .unwrap_or_else(bench_now);
    let earliest = store.earliest_received()?.unwrap_or(now.date());
    let all = Period {
        from: earliest,
        to: now.date(),
        as_of: now,
    };
    let month = Period {
        from: now.date().with_day(1).unwrap_or(now.date()),
        to: now.date(),
        as_of: now,
    };
    // Once untimed, so that the first figure does not pay for warming the page cache alone
    // (the pack's row below is compared with it).
    crate::report::judge(&store, all, &crate::report::pack(Some("beijing"))?)?;
    let t_all = time(runs, || crate::report::scorecard(&store, all))?;
    out.push(row(
        size,
        "Units tab, all time (scorecard)",
        ms(t_all),
        "≤ 10 ms (1M), ≤ 20 ms (10M)",
        "running sums + covering index",
    ));
    let t_month = time(runs, || crate::report::scorecard(&store, month))?;
    out.push(row(size, "Units tab, this month", ms(t_month), "", ""));
    // The same scorecard judged by the Beijing-style 三率 pack (rates, score, rank within the
    // tier, floors; exempted orders looked up for the adjusted figures): the pack's cost is
    // the ratio to the plain scorecard measured in the same run.
    let beijing = crate::report::pack(Some("beijing"))?;
    let t_pack = time(runs, || crate::report::judge(&store, all, &beijing))?;
    out.push(row(
        size,
        "Units tab, all time, judged by the beijing pack (三率)",
        ms(t_pack),
        "≤ 10 ms (1M), ≤ 20 ms (10M)",
        &format!(
            "{:.2}× the plain scorecard",
            t_pack.as_secs_f64() / t_all.as_secs_f64().max(1e-9)
        ),
    ));
    if sqlite3 {
        let bound = crate::domain::scorecard::late30_deadline_bound(now);
        let sql = format!(
            "SELECT unit_id, count(*), sum(status = 'closed'), sum(deadline <= '{bound}' AND status <> 'closed') FROM orders GROUP BY unit_id;"
        );
        match sqlite3_time(db, &sql, runs.min(5)) {
            Some(t) => out.push(row(
                size,
                "sqlite3 CLI: the same scorecard by GROUP BY",
                ms(t),
                "",
                &format!(
                    "hotline is {:.0}× faster",
                    t.as_secs_f64() / t_all.as_secs_f64().max(1e-9)
                ),
            )),
            None => out.push(row(
                size,
                "sqlite3 CLI: GROUP BY",
                "—".into(),
                "",
                "sqlite3 not installed",
            )),
        }
    }
    let t_page = time(runs, || {
        store.list_orders(&OrderFilter {
            open_only: true,
            limit: Some(50),
            ..Default::default()
        })
    })?;
    out.push(row(
        size,
        "first page of 50 pending orders",
        ms(t_page),
        "",
        "",
    ));
    for q in ["水", "供暖", "拖欠工资"] {
        let t = time(runs, || {
            store.list_orders(&OrderFilter {
                open_only: true,
                text: Some(q.into()),
                limit: Some(50),
                ..Default::default()
            })
        })?;
        out.push(row(
            size,
            &format!(
                "filter “{q}” ({} chars), open orders, first page",
                q.chars().count()
            ),
            ms(t),
            "≤ 50 ms (1M), ≤ 200 ms (10M)",
            "",
        ));
    }
    // Bulk urge of 1,000 open orders a unit holds and owes the next step on (what the
    // workflow lets be urged: `workflow::possible`), rolled back afterwards so the cache
    // stays as generated.
    let targets: Vec<String> = store
        .list_orders(&OrderFilter {
            open_only: true,
            limit: Some(5000),
            ..Default::default()
        })?
        .into_iter()
        .filter(|o| {
            crate::domain::workflow::possible(o, now).contains(&crate::domain::ActionName::Urge)
        })
        .take(1000)
        .map(|o| o.order_no)
        .collect();
    let ctx = Ctx::new(now, "bench");
    let t_urge = time(runs.min(5), || {
        let r = store.write(|s| {
            ops::urge_many(s, &ctx, &targets, "批量催办")?;
            Err::<(), _>(Error::Input("rollback".into()))
        });
        match r {
            Err(Error::Input(m)) if m == "rollback" => Ok(()),
            other => other,
        }
    })?;
    out.push(row(
        size,
        &format!("bulk urge of {} orders", targets.len()),
        ms(t_urge),
        "≤ 200 ms",
        "one transaction (rolled back here)",
    ));
    let t_md = time(runs.min(5), || {
        crate::report::scorecard(&store, all).map(|c| crate::report::to_markdown(&c))
    })?;
    out.push(row(size, "report (Markdown), all time", ms(t_md), "", ""));
    let xlsx = std::env::temp_dir().join(format!("hotline-bench-{size}.xlsx"));
    let t_xlsx = time(runs.min(5), || {
        let c = crate::report::scorecard(&store, all)?;
        let _ = std::fs::remove_file(&xlsx);
        crate::export::report_xlsx(&c, &xlsx)
    });
    out.push(row(
        size,
        "report (xlsx), all time",
        t_xlsx.map(ms).unwrap_or_else(|e| format!("— ({e})")),
        "",
        "",
    ));
    let bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    let orders = store.count_orders()?.max(1);
    out.push(row(
        size,
        "database size per order",
        format!("{:.0} bytes", bytes as f64 / orders as f64),
        "",
        &format!(
            "{:.0} MiB for {} orders, {} events",
            bytes as f64 / 1048576.0,
            orders,
            store.count_events()?
        ),
    ));
    Ok(out)
}

pub fn print_table(rows: &[Row]) {
    println!("| orders | what | median | target | note |");
    println!("|---:|---|---:|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.size, r.what, r.median, r.target, r.note
        );
    }
}

pub fn run(args: &Options) -> Result<()> {
    let mut rows = Vec::new();
    for &size in &args.sizes {
        let t = Instant::now();
        let db = database(&args.cache, size)?;
        eprintln!(
            "bench: database of {size} orders ready in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        rows.extend(store_rows(&db, size, args.runs, !args.no_sqlite3)?);
        rows.extend(tui::tui_rows(&db, size, args.runs)?);
    }
    if args.import_orders > 0 {
        // A large import is long: three runs are enough for a median.
        rows.extend(import::import_rows(args.import_orders, args.runs.min(3))?);
    }
    if let Some(rss) = peak_rss_mib() {
        rows.push(row(
            0,
            "peak RSS of the bench process",
            format!("{rss:.0} MiB"),
            "",
            "",
        ));
    }
    print_table(&rows);
    Ok(())
}
