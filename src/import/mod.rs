//! Import from spreadsheet exports (CSV, XLSX): the city platform's, the message board's,
//! or our own (`hotline export`). One import is one transaction: by default nothing is
//! recorded if any row is bad; with `--skip-bad` the good rows are recorded and the bad ones
//! written, with the reason, to a CSV file. Every order goes in through `ops` — intake, then
//! each action of its history at its original time — so an imported order is checked by the
//! same workflow rules as a typed one and its state is the replay of its events.
//!
//! - `read`: files → cells (encodings, workbooks)
//! - `mapping`: which column is which field (`data/mappings/*.toml`, compiled in)
//! - `dates`: the date forms real exports use
//! - `plan`: a row → the order's intake and actions (pure; finds every problem of a row)
//! - `history`: the 办理过程 column of our own export (exact round trip)

pub mod dates;
pub mod history;
pub mod mapping;
pub mod plan;
pub mod read;

use crate::cli::args::Global;
use crate::domain::{EventKind, UnitKind};
use crate::error::{Error, Result};
use crate::ops::{self, Ctx, NewOrder};
use crate::store::Store;
use mapping::Mapping;
use plan::{Layout, OrderRecord, Problem, Record};
use read::{Encoding, Table};
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    /// The CSV or XLSX file.
    pub file: PathBuf,
    /// A mapping file (TOML) naming the file's columns [default: detected from the header:
    /// our own export, or the message-board layout; see data/mappings/]
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The workbook's sheet to read [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The CSV file's encoding [default: detected: UTF-8 (with or without BOM), else GB18030]
    #[arg(long, value_name = "utf-8|gb18030")]
    pub encoding: Option<String>,
    /// Check everything and report, but record nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Record the good rows and write the bad ones, with a `reason` column, to this CSV file
    /// [default: nothing is recorded if any row is bad]
    #[arg(long, value_name = "REJECTS.csv")]
    pub skip_bad: Option<PathBuf>,
    /// Add units the file names that the database lacks (townships by their names: …乡, …镇,
    /// …街道办, …开发区; the others as the mapping says, else departments).
    #[arg(long)]
    pub create_units: bool,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub mapping: Option<PathBuf>,
    pub sheet: Option<String>,
    pub encoding: Option<Encoding>,
    pub dry_run: bool,
    pub skip_bad: Option<PathBuf>,
    pub create_units: bool,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub source: String,
    pub mapping: String,
    /// Data rows read.
    pub read: usize,
    /// Orders recorded.
    pub imported: usize,
    /// Unit supervisions recorded (rows of our own export).
    pub unit_supervisions: usize,
    /// Rows left out because they are bad (with --skip-bad).
    pub skipped: usize,
    /// Rows whose order (or unit supervision) the database already has.
    pub duplicates: usize,
    pub created_units: Vec<String>,
    pub problems: Vec<Problem>,
    pub seconds: f64,
    pub dry_run: bool,
}

impl Summary {
    /// The one summary line.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{}read {} rows ({}; mapping {}): imported {}, skipped {}, duplicates {}, {:.1} s",
            if self.dry_run {
                "dry run, nothing recorded: "
            } else {
                ""
            },
            self.read,
            self.source,
            self.mapping,
            self.imported,
            self.skipped,
            self.duplicates,
            self.seconds
        );
        if self.unit_supervisions > 0 {
            s.push_str(&format!("; {} unit supervisions", self.unit_supervisions));
        }
        if !self.created_units.is_empty() {
            s.push_str(&format!(
                "; created units: {}",
                self.created_units.join(", ")
            ));
        }
        if self.imported == 0 && self.unit_supervisions == 0 && self.duplicates > 0 {
            s.push_str(" — everything in the file is already in the database: nothing added");
        }
        s
    }
}

/// How many problems are printed before the summary error.
pub const SHOWN_PROBLEMS: usize = 10;

pub fn run(g: &Global, args: ImportArgs) -> Result<()> {
    let (store, ctx) = crate::cli::open(g)?;
    let opts = Options {
        mapping: args.mapping,
        sheet: args.sheet,
        encoding: args.encoding.as_deref().map(Encoding::parse).transpose()?,
        dry_run: args.dry_run,
        skip_bad: args.skip_bad,
        create_units: args.create_units,
        progress: std::io::stderr().is_terminal(),
    };
    let summary = import_file(&store, &ctx, &args.file, &opts, &mut |line| {
        eprintln!("{line}")
    })?;
    println!("{}", summary.line());
    Ok(())
}

/// The kind a new unit gets: a township by its name, else the mapping's kind, else a
/// department.
pub fn unit_kind_for(name: &str, mapping_kind: Option<UnitKind>) -> UnitKind {
    const TOWNSHIP: [&str; 7] = ["乡", "镇", "街道办", "街道", "开发区", "管委会", "园区"];
    if TOWNSHIP.iter().any(|s| name.ends_with(s)) {
        UnitKind::Township
    } else {
        mapping_kind.unwrap_or(UnitKind::Department)
    }
}

/// Import a file. `say` receives notes and the problems found (one line each); the summary
/// is returned. Without `skip_bad`, any bad row makes it an error and nothing is recorded.
pub fn import_file(
    store: &Store,
    ctx: &Ctx,
    path: &Path,
    opts: &Options,
    say: &mut dyn FnMut(&str),
) -> Result<Summary> {
    let started = Instant::now();
    if !ctx.role.may_run_office() {
        return Err(Error::Denied(format!(
            "{} ({}) may not import orders: that is the office's work",
            ctx.operator, ctx.role
        )));
    }
    if opts.create_units && ctx.role != crate::domain::Role::Admin {
        return Err(Error::Denied(format!(
            "{} ({}) may not add units (--create-units): ask an admin",
            ctx.operator, ctx.role
        )));
    }
    let table = read::read_file(path, opts.sheet.as_deref(), opts.encoding)?;
    let mapping = match &opts.mapping {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Error::Io(format!("cannot read mapping {}: {e}", p.display())))?;
            Mapping::parse(&text, &p.display().to_string())?
        }
        None => Mapping::detect(&table)?,
    };
    let (layout, notes) = Layout::new(&mapping, &table)
        .map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
    for n in &notes {
        say(n);
    }
    if table.rows.is_empty() {
        return Err(Error::Input(format!(
            "{}: the header is there but no rows: nothing to import",
            path.display()
        )));
    }
    let mut summary = Summary {
        source: table.source.clone(),
        mapping: mapping.name.clone(),
        read: table.rows.len(),
        dry_run: opts.dry_run,
        ..Default::default()
    };

    // 1. Every row read and checked, without touching the database.
    let mut planned: Vec<std::result::Result<Record, Vec<Problem>>> = table
        .rows
        .iter()
        .map(|(row, cells)| plan::plan_row(&layout, ctx, *row, cells))
        .collect();

    // 2. Units: known, to create, or unknown.
    let known: HashSet<String> = store.units()?.into_iter().map(|u| u.name).collect();
    let mut unknown: Vec<String> = Vec::new();
    for r in planned.iter().flatten() {
        for u in r.units() {
            if !known.contains(u) && !unknown.iter().any(|x| x == u) {
                unknown.push(u.to_string());
            }
        }
    }
    if !unknown.is_empty() && !opts.create_units {
        let list = unknown.join(", ");
        if opts.skip_bad.is_none() {
            return Err(Error::Input(format!(
                "{}: {} unknown unit(s): {list} — add them with `hotline unit add --name NAME --kind department|township`, or pass --create-units; nothing was imported",
                path.display(),
                unknown.len()
            )));
        }
        let unit_col = layout.header("unit");
        for (i, p) in planned.iter_mut().enumerate() {
            let missing: Vec<String> = match p {
                Ok(r) => r
                    .units()
                    .into_iter()
                    .filter(|u| !known.contains(*u))
                    .map(str::to_string)
                    .collect(),
                Err(_) => continue,
            };
            if !missing.is_empty() {
                *p = Err(vec![Problem {
                    row: table.rows[i].0,
                    column: unit_col.clone(),
                    reason: format!(
                        "unknown unit {} (pass --create-units to add it)",
                        missing.join(", ")
                    ),
                }]);
            }
        }
    }

    // Unit supervisions the database has, to skip on re-import.
    let has_unit_rows = planned
        .iter()
        .any(|p| matches!(p, Ok(Record::UnitSupervisions(_))));
    let existing_unit_events: HashSet<(String, chrono::NaiveDateTime, String)> = if has_unit_rows {
        store
            .recent_events(1 << 40)?
            .into_iter()
            .filter(|e| e.order_no.is_none())
            .filter_map(|e| match e.event.kind {
                EventKind::Supervised { note, .. } => {
                    Some((e.event.unit.unwrap_or_default(), e.event.at, note))
                }
                _ => None,
            })
            .collect()
    } else {
        HashSet::new()
    };

    // 3. One transaction: each row in its own savepoint.
    let mut bad_rows: Vec<usize> = Vec::new();
    let mut progress = Progress::new(opts.progress && planned.len() >= 200, planned.len());
    let dry = "dry run";
    let outcome = store.write(|s| {
        if opts.create_units {
            for u in &unknown {
                s.add_unit(u, unit_kind_for(u, mapping.unit_kind))?;
                summary.created_units.push(u.clone());
            }
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut seen_unit_events: HashSet<(String, chrono::NaiveDateTime, String)> = HashSet::new();
        for (i, p) in planned.iter().enumerate() {
            progress.tick(i + 1);
            let row = table.rows[i].0;
            let problems: Vec<Problem> = match p {
                Err(ps) => ps.clone(),
                Ok(Record::Order(rec)) => {
                    if let Some(first) = seen.get(&rec.order_no) {
                        vec![Problem {
                            row,
                            column: layout.header("order_no"),
                            reason: format!(
                                "order {} appears again (first in row {first})",
                                rec.order_no
                            ),
                        }]
                    } else {
                        seen.insert(rec.order_no.clone(), row);
                        if s.order_exists(&rec.order_no)? {
                            summary.duplicates += 1;
                            vec![]
                        } else {
                            let mut column = String::new();
                            match s.write(|s| apply_order(s, ctx, rec, &layout, &mut column)) {
                                Ok(()) => {
                                    summary.imported += 1;
                                    vec![]
                                }
                                Err(e) => vec![Problem {
                                    row,
                                    column,
                                    reason: e.to_string(),
                                }],
                            }
                        }
                    }
                }
                Ok(Record::UnitSupervisions(list)) => {
                    let mut ps = Vec::new();
                    let mut dup = true;
                    for u in list {
                        let key = (u.unit.clone(), u.at, u.note.clone());
                        if existing_unit_events.contains(&key) || !seen_unit_events.insert(key) {
                            continue;
                        }
                        dup = false;
                        let c = Ctx {
                            now: u.at,
                            operator: u.operator.clone().unwrap_or_else(|| ctx.operator.clone()),
                            ..ctx.clone()
                        };
                        match s.write(|s| {
                            ops::supervise_unit(s, &c, &u.unit, &u.note, u.on_site.clone())
                        }) {
                            Ok(_) => summary.unit_supervisions += 1,
                            Err(e) => ps.push(Problem {
                                row,
                                column: layout.header("history"),
                                reason: e.to_string(),
                            }),
                        }
                    }
                    if dup {
                        summary.duplicates += 1;
                    }
                    ps
                }
            };
            if !problems.is_empty() {
                bad_rows.push(i);
                summary.problems.extend(problems);
            }
        }
        progress.done();
        summary.skipped = bad_rows.len();
        if !summary.problems.is_empty() && opts.skip_bad.is_none() {
            return Err(Error::Input(String::new()));
        }
        if opts.dry_run {
            return Err(Error::Input(dry.into()));
        }
        Ok(())
    });
    summary.seconds = started.elapsed().as_secs_f64();
    for p in summary.problems.iter().take(SHOWN_PROBLEMS) {
        say(&p.to_string());
    }
    if summary.problems.len() > SHOWN_PROBLEMS {
        say(&format!(
            "… and {} more problem(s)",
            summary.problems.len() - SHOWN_PROBLEMS
        ));
    }
    match outcome {
        Ok(()) => {}
        Err(Error::Input(m)) if m == dry => {}
        Err(Error::Input(m)) if m.is_empty() => {
            let first = summary
                .problems
                .first()
                .map(|p| p.to_string())
                .unwrap_or_default();
            return Err(Error::Input(format!(
                "{}: {} of {} rows have problems ({} in all; first: {first}); nothing was imported — fix the file, or pass --skip-bad REJECTS.csv to import the good rows",
                path.display(),
                bad_rows.len(),
                summary.read,
                summary.problems.len()
            )));
        }
        Err(e) => return Err(e),
    }
    if let Some(out) = &opts.skip_bad {
        write_rejects(out, &table, &bad_rows, &summary.problems)?;
        if !bad_rows.is_empty() {
            say(&format!(
                "wrote {} rejected row(s), with the reason, to {}",
                bad_rows.len(),
                out.display()
            ));
        }
    }
    Ok(summary)
}

/// Record one order: intake, then every action at its time. Inside a savepoint: any refusal
/// undoes the whole order. `column` is set to the column each step came from.
fn apply_order(
    s: &Store,
    ctx: &Ctx,
    rec: &OrderRecord,
    layout: &Layout,
    column: &mut String,
) -> Result<()> {
    let at = |now, operator: &Option<String>| Ctx {
        now,
        operator: operator.clone().unwrap_or_else(|| ctx.operator.clone()),
        ..ctx.clone()
    };
    *column = layout.header("received_at");
    ops::intake(
        s,
        &at(rec.intake_at, &rec.intake_operator),
        &NewOrder {
            order_no: Some(rec.order_no.clone()),
            intake: rec.intake.clone(),
            received_at: Some(rec.received_at),
        },
    )?;
    for step in &rec.steps {
        column.clone_from(&step.column);
        ops::act(
            s,
            &at(step.at, &step.operator),
            &rec.order_no,
            &step.action,
            None,
        )?;
    }
    let o = s.require_order(&rec.order_no)?;
    if let Some(want) = rec.expect_status
        && want != o.status
    {
        *column = layout.header("status");
        return Err(Error::Input(format!(
            "the status says {} ({}) but the history ends {} ({})",
            want.code(),
            want.zh(),
            o.status.code(),
            o.status.zh()
        )));
    }
    if let Some(want) = &rec.expect_unit
        && o.unit.as_deref() != Some(want.as_str())
    {
        *column = layout.header("unit");
        return Err(Error::Input(format!(
            "the unit says {want} but the history leaves the order with {}",
            o.unit.as_deref().unwrap_or("the office")
        )));
    }
    Ok(())
}

/// The rejected rows as they were, with their row number and the reason, in UTF-8 with a
/// BOM (so Excel reads the Chinese).
fn write_rejects(out: &Path, table: &Table, bad: &[usize], problems: &[Problem]) -> Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = table.headers.clone();
    header.push("row".into());
    header.push("reason".into());
    let io = |e: csv::Error| Error::Io(format!("cannot write {}: {e}", out.display()));
    w.write_record(&header).map_err(io)?;
    for &i in bad {
        let (row, cells) = &table.rows[i];
        let mut rec: Vec<String> = cells.iter().map(|c| c.text()).collect();
        rec.resize(table.headers.len(), String::new());
        rec.push(row.to_string());
        let reasons: Vec<String> = problems
            .iter()
            .filter(|p| p.row == *row)
            .map(|p| {
                let reason = crate::domain::text::one_line(&p.reason);
                if p.column.is_empty() {
                    reason
                } else {
                    format!("{}: {reason}", p.column)
                }
            })
            .collect();
        rec.push(reasons.join("; "));
        w.write_record(&rec).map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", out.display())))?;
    let mut f = std::fs::File::create(out)
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", out.display())))?;
    f.write_all(b"\xEF\xBB\xBF")
        .and_then(|_| f.write_all(&bytes))
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", out.display())))
}

/// A progress bar on stderr: `导入 [#########-----------]  1234/2816  44%`.
struct Progress {
    on: bool,
    total: usize,
    last: Option<Instant>,
}

impl Progress {
    fn new(on: bool, total: usize) -> Progress {
        Progress {
            on,
            total,
            last: None,
        }
    }
    fn tick(&mut self, n: usize) {
        if !self.on {
            return;
        }
        if self
            .last
            .is_some_and(|t| t.elapsed().as_millis() < 100 && n < self.total)
        {
            return;
        }
        self.last = Some(Instant::now());
        let width = 30;
        let filled = n * width / self.total.max(1);
        let mut err = std::io::stderr();
        let _ = write!(
            err,
            "\r导入 importing [{}{}] {n:>6}/{} {:>3}%",
            "#".repeat(filled),
            "-".repeat(width - filled),
            self.total,
            n * 100 / self.total.max(1)
        );
        let _ = err.flush();
    }
    fn done(&mut self) {
        if self.on {
            let mut err = std::io::stderr();
            let _ = write!(err, "\r{}\r", " ".repeat(72));
            let _ = err.flush();
        }
    }
}
