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

use crate::context::Options as Global;
use crate::domain::{Event, EventKind, Lang, Order, Unit, UnitKind, Work};
use crate::error::{Error, Msg, Result, Rollback};
use crate::ops::{self, Ctx, NewOrder};
use crate::store::Store;
use chrono::NaiveDateTime;
use mapping::Mapping;
use plan::{Layout, OrderRecord, Problem, Record};
use read::{Cell, Encoding, Table};
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct Request {
    /// The CSV or XLSX file.
    pub file: PathBuf,
    /// A mapping file (TOML) naming the file's columns [default: detected from the header:
    /// our own export, or the message-board layout; see data/mappings/]
    pub mapping: Option<PathBuf>,
    /// The workbook's sheet to read [default: the first]
    pub sheet: Option<String>,
    /// The CSV file's encoding [default: detected: UTF-8 (with or without BOM), else GB18030]
    pub encoding: Option<String>,
    /// Check everything and report, but record nothing.
    pub dry_run: bool,
    /// Record the good rows and write the bad ones, with a `reason` column, to this CSV file
    /// [default: nothing is recorded if any row is bad]
    pub skip_bad: Option<PathBuf>,
    /// Add units the file names that the database lacks (townships by their names: …乡, …镇,
    /// …街道办, …开发区; the others as the mapping says, else departments).
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
    /// The language of the notes `say` receives.
    pub lang: crate::domain::Lang,
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
    /// Orders imported whose deadline the file did not give: the mapping's `deadline_days`
    /// or the category's time limit from the dispatch day.
    pub deadlines_defaulted: usize,
    pub created_units: Vec<String>,
    pub problems: Vec<Problem>,
    pub seconds: f64,
    pub dry_run: bool,
}

impl Summary {
    /// The one summary line, in English.
    pub fn line(&self) -> String {
        self.line_in(crate::domain::Lang::En)
    }

    /// The one summary line in `lang`.
    pub fn line_in(&self, lang: crate::domain::Lang) -> String {
        let zh = lang == crate::domain::Lang::Zh;
        let mut s = if zh {
            format!(
                "{}读取 {} 行（{}；映射 {}）：导入 {}，跳过 {}，重复 {}，{:.1} 秒",
                if self.dry_run {
                    "试运行，未记录任何内容："
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
            )
        } else {
            format!(
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
            )
        };
        if self.deadlines_defaulted > 0 {
            let n = self.deadlines_defaulted;
            s.push_str(&if zh {
                format!("；{n} 件的办理时限为默认时限（文件未给出：取映射的 deadline_days 或该类别的时限）")
            } else {
                format!(
                    "; {n} deadline{} defaulted (the file gives none: the mapping's deadline_days or the category's time limit)",
                    if n == 1 { "" } else { "s" }
                )
            });
        }
        if self.unit_supervisions > 0 {
            s.push_str(&if zh {
                format!("；单位督办 {} 次", self.unit_supervisions)
            } else {
                format!("; {} unit supervisions", self.unit_supervisions)
            });
        }
        if !self.created_units.is_empty() {
            s.push_str(&if zh {
                format!("；新建单位：{}", self.created_units.join("、"))
            } else {
                format!("; created units: {}", self.created_units.join(", "))
            });
        }
        if self.imported == 0 && self.unit_supervisions == 0 && self.duplicates > 0 {
            s.push_str(if zh {
                " —— 文件中的内容数据库里都已有：未添加任何内容"
            } else {
                " — everything in the file is already in the database: nothing added"
            });
        }
        s
    }
}

/// How many problems are printed before the summary error.
pub const SHOWN_PROBLEMS: usize = 10;

/// `hotline import`: the summary line in `lang` (the CLI's message language).
pub fn run(g: &Global, args: Request, lang: crate::domain::Lang) -> Result<()> {
    let (store, ctx) = g.open()?;
    if let Some(out) = &args.skip_bad {
        crate::ops::admin::guard_output(&g.db_path(), out)?;
    }
    let opts = Options {
        mapping: args.mapping,
        sheet: args.sheet,
        encoding: args.encoding.as_deref().map(Encoding::parse).transpose()?,
        dry_run: args.dry_run,
        skip_bad: args.skip_bad,
        create_units: args.create_units,
        progress: std::io::stderr().is_terminal(),
        lang,
    };
    let summary = import_file(&store, &ctx, &args.file, &opts, &mut |line| {
        eprintln!("{line}")
    })?;
    println!("{}", summary.line_in(lang));
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

/// Rows read and planned before their order numbers are looked up in the database at once.
const CHUNK: usize = 4096;
/// Orders planned before they are written (`Store::bulk_insert`).
const BATCH: usize = 8192;

/// Import a file. `say` receives notes and the problems found (one line each); the summary
/// is returned. Without `skip_bad`, any bad row makes it an error and nothing is recorded.
///
/// One transaction. The file is read a chunk of rows at a time; each row is planned
/// (`plan::plan_row`) and its order's whole history is worked out in memory through the same
/// checks as typed actions (`ops::first_event`, then `ops::step` for each action), then written in bulk with its final state (`Store::bulk_insert`).
/// Once a row is bad (without `skip_bad`) nothing more is written, but every row is still
/// checked so that all the problems are reported; the transaction is then rolled back.
/// Supervisions of a unit as a whole (rare) go through `ops::supervise_unit`, in order.
pub fn import_file(
    store: &Store,
    ctx: &Ctx,
    path: &Path,
    opts: &Options,
    say: &mut dyn FnMut(&str),
) -> Result<Summary> {
    let started = Instant::now();
    ops::policy::require(ctx, Work::Import)?;
    if opts.create_units {
        ops::policy::require(ctx, Work::ManageUnits)?;
    }
    let table = read::read_file(path, opts.sheet.as_deref(), opts.encoding)?;
    let mapping = match &opts.mapping {
        Some(p) => Mapping::load(p)?,
        None => Mapping::detect(&table)?,
    };
    let (layout, notes) = Layout::new(&mapping, &table).map_err(|e| {
        let p = path.display();
        Error::Invalid(Msg::both(
            format!("{p}: {}", e.en),
            format!("{p}：{}", e.get(crate::domain::Lang::Zh)),
        ))
    })?;
    for n in &notes {
        say(n.get(opts.lang));
    }
    if !table.has_rows() {
        let p = path.display();
        return Err(Error::Invalid(Msg::both(
            format!("{p}: the header is there but no rows: nothing to import"),
            format!("{p}：只有表头，没有数据行：没有可导入的内容"),
        )));
    }
    let known: HashSet<String> = store.units()?.into_iter().map(|u| u.name).collect();
    let headers = table.headers.clone();
    let mut run = Run {
        ctx,
        opts,
        layout: &layout,
        mapping: &mapping,
        summary: Summary {
            source: table.source.clone(),
            mapping: mapping.name.clone(),
            dry_run: opts.dry_run,
            ..Default::default()
        },
        known,
        unknown: Vec::new(),
        units: HashMap::new(),
        bad: Vec::new(),
        bad_rows: 0,
        seen: HashMap::new(),
        seen_unit_events: HashSet::new(),
        existing_unit_events: None,
        batch: Vec::new(),
        done: Vec::new(),
        back: None,
        progress: Progress::new(opts.progress),
    };
    let outcome = store.write(|s| {
        run.units = s.units()?.into_iter().map(|u| (u.name.clone(), u)).collect();
        run.rows(s, table)?;
        run.progress.done();
        if !run.unknown.is_empty() && !opts.create_units && opts.skip_bad.is_none() {
            let (p, n, list) = (path.display(), run.unknown.len(), run.unknown.join(", "));
            return Err(Error::Invalid(Msg::both(
                format!(
                    "{p}: {n} unknown unit(s): {list} — add them with `hotline unit add --name NAME --kind department|township`, or pass --create-units; nothing was imported"
                ),
                format!(
                    "{p}：{n} 个未知单位：{list} —— 请用 `hotline unit add --name NAME --kind department|township` 添加，或加 --create-units；未导入任何内容"
                ),
            )));
        }
        run.summary.skipped = run.bad_rows;
        if !run.summary.problems.is_empty() && opts.skip_bad.is_none() {
            return Err(Error::RolledBack(Rollback::RowProblems));
        }
        if opts.dry_run {
            return Err(Error::RolledBack(Rollback::DryRun));
        }
        Ok(())
    });
    let Run {
        mut summary,
        bad,
        bad_rows,
        ..
    } = run;
    summary.seconds = started.elapsed().as_secs_f64();
    // The problems are printed when the rows were all checked (not after an error that
    // stopped the import, such as unknown units or a damaged file).
    let checked = match &outcome {
        Ok(()) => true,
        Err(Error::RolledBack(_)) => true,
        Err(_) => false,
    };
    if checked {
        for p in summary.problems.iter().take(SHOWN_PROBLEMS) {
            say(&p.text(opts.lang));
        }
        if summary.problems.len() > SHOWN_PROBLEMS {
            let more = summary.problems.len() - SHOWN_PROBLEMS;
            say(&match opts.lang {
                Lang::En => format!("… and {more} more problem(s)"),
                Lang::Zh => format!("…… 另有 {more} 处问题"),
            });
        }
    }
    match outcome {
        Ok(()) => {}
        Err(Error::RolledBack(Rollback::DryRun)) => {}
        Err(Error::RolledBack(Rollback::RowProblems)) => {
            let first = |lang| {
                summary
                    .problems
                    .first()
                    .map(|p| p.text(lang))
                    .unwrap_or_default()
            };
            let (first, first_zh) = (first(Lang::En), first(Lang::Zh));
            let (p, read, all) = (path.display(), summary.read, summary.problems.len());
            return Err(Error::Invalid(Msg::both(
                format!(
                    "{p}: {bad_rows} of {read} rows have problems ({all} in all; first: {first}); nothing was imported — fix the file, or pass --skip-bad REJECTS.csv to import the good rows"
                ),
                format!(
                    "{p}：{read} 行中有 {bad_rows} 行有问题（共 {all} 处；第一处：{first_zh}）；未导入任何内容 —— 请修正文件，或加 --skip-bad REJECTS.csv 只导入无误的行"
                ),
            )));
        }
        Err(e) => return Err(e),
    }
    if let Some(out) = &opts.skip_bad {
        write_rejects(out, &headers, &bad, &summary.problems, opts.lang)?;
        if !bad.is_empty() {
            say(&format!(
                "wrote {} rejected row(s), with the reason, to {}",
                bad.len(),
                out.display()
            ));
        }
    }
    Ok(summary)
}

/// The state of one import as it goes through the file.
struct Run<'a> {
    ctx: &'a Ctx,
    opts: &'a Options,
    layout: &'a Layout<'a>,
    mapping: &'a Mapping,
    summary: Summary,
    /// The units the database had before the import.
    known: HashSet<String>,
    /// Units the file names that the database lacks, in the order first named.
    unknown: Vec<String>,
    /// The units as they are inside the transaction (with those created), by name.
    units: HashMap<String, Unit>,
    /// The bad rows as read (kept only with --skip-bad, for the rejects file).
    bad: Vec<(usize, Vec<Cell>)>,
    bad_rows: usize,
    /// Order numbers met so far, with their row.
    seen: HashMap<String, usize>,
    seen_unit_events: HashSet<(String, NaiveDateTime, String)>,
    /// Unit supervisions the database has, to skip on re-import (read at the first such row).
    existing_unit_events: Option<HashSet<(String, NaiveDateTime, String)>>,
    /// Orders planned and not yet written.
    batch: Vec<(Order, Vec<Event>)>,
    /// Records done with, to be dropped by the thread that made them.
    done: Vec<Record>,
    /// Where the orders written and the records done with go back to the reading thread.
    /// (Memory is freed fastest by the thread that allocated it.)
    back: Option<std::sync::mpsc::Sender<Garbage>>,
    progress: Progress,
}

/// What the writing thread is done with.
type Garbage = (Vec<(Order, Vec<Event>)>, Vec<Record>);

impl Run<'_> {
    /// Nothing more is written once the import is bound to fail.
    fn writing(&self) -> bool {
        self.opts.skip_bad.is_some()
            || (self.summary.problems.is_empty()
                && (self.unknown.is_empty() || self.opts.create_units))
    }

    /// Every row of the file, then the last orders written. The rows are read and planned
    /// (pure work) on a thread of their own, a chunk ahead, while this one writes.
    fn rows(&mut self, s: &Store, table: Table) -> Result<()> {
        let reading = Reading {
            layout: self.layout,
            ctx: self.ctx,
            keep: self.opts.skip_bad.is_some(),
            // The units as the transaction starts: an order naming only these is planned
            // whole on the reading thread (units added by --create-units come later).
            units: self.units.clone(),
        };
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel(2);
            let (back, garbage) = std::sync::mpsc::channel();
            self.back = Some(back);
            std::thread::Builder::new()
                .name("import-read".into())
                .spawn_scoped(scope, move || reading.chunks(table, tx, garbage))
                .map_err(|e| Error::Io(format!("cannot start a thread: {e}")))?;
            // An error here drops the receiver, which stops the reading thread.
            for chunk in rx {
                self.chunk(s, chunk?)?;
            }
            self.back = None;
            self.flush(s)
        })
    }

    /// One chunk of rows, in order.
    fn chunk(&mut self, s: &Store, chunk: Chunk) -> Result<()> {
        self.summary.read += chunk.rows.len();
        let numbers: Vec<&str> = chunk
            .rows
            .iter()
            .filter_map(|r| match &r.planned {
                Ok(Record::Order(rec)) => Some(rec.order_no.as_str()),
                _ => None,
            })
            .collect();
        let existing = s.existing_orders(&numbers)?;
        for r in chunk.rows {
            let problems = self.row(s, r.row, r.planned, r.history, &existing)?;
            if !problems.is_empty() {
                self.bad_rows += 1;
                self.summary.problems.extend(problems);
                if self.opts.skip_bad.is_some() {
                    self.bad.push((r.row, r.cells));
                }
            }
            if self.batch.len() >= BATCH {
                self.flush(s)?;
            }
        }
        self.progress.tick(self.summary.read, chunk.done);
        Ok(())
    }

    /// Write the orders planned so far.
    fn flush(&mut self, s: &Store) -> Result<()> {
        if self.writing() && !self.batch.is_empty() {
            s.bulk_insert(&self.batch)?;
        }
        let garbage = (
            std::mem::take(&mut self.batch),
            std::mem::take(&mut self.done),
        );
        if let Some(back) = &self.back {
            let _ = back.send(garbage);
        }
        Ok(())
    }

    /// One row: its problems (none if it is recorded, or already in the database).
    fn row(
        &mut self,
        s: &Store,
        row: usize,
        planned: Planned,
        history: Option<History>,
        existing: &HashSet<String>,
    ) -> Result<Vec<Problem>> {
        let record = match planned {
            Err(ps) => return Ok(ps),
            Ok(r) => r,
        };
        // Units: known, to create, or unknown.
        let mut missing: Vec<String> = Vec::new();
        for u in record.units() {
            if self.known.contains(u) {
                continue;
            }
            missing.push(u.to_string());
            if !self.unknown.iter().any(|x| x == u) {
                self.unknown.push(u.to_string());
                if self.opts.create_units {
                    // A unit is stored by its cleaned name (`domain::units::clean_name`); the
                    // file's rows name it as written, so the two must be one string (a
                    // lookalike of an existing unit is refused by `add_unit`, naming it).
                    let clean = crate::domain::units::clean_name(u);
                    if clean != *u {
                        let units = s.units()?;
                        crate::domain::units::refuse_lookalike(
                            u,
                            units.iter().map(|e| e.name.as_str()),
                        )
                        .map_err(|m| Error::Input(m.en))?;
                        return Err(Error::Input(format!(
                            "the unit name {} holds invisible characters (it would be stored as '{clean}'): correct it in the file, then import again",
                            crate::domain::text::quote(&format!("{u:?}"))
                        )));
                    }
                    let unit = s.add_unit(u, unit_kind_for(u, self.mapping.unit_kind))?;
                    self.summary.created_units.push(u.to_string());
                    self.units.insert(unit.name.clone(), unit);
                }
            }
        }
        if !missing.is_empty() && !self.opts.create_units {
            if self.opts.skip_bad.is_none() {
                // The import fails with the list of unknown units; nothing else to check.
                return Ok(vec![]);
            }
            return Ok(vec![Problem {
                row,
                column: self.layout.header("unit"),
                reason: Msg::both(
                    format!(
                        "unknown unit {} (pass --create-units to add it)",
                        missing.join(", ")
                    ),
                    format!(
                        "未知单位 {}（加 --create-units 可添加）",
                        missing.join("、")
                    ),
                ),
            }]);
        }
        match record {
            Record::Order(rec) => {
                if let Some(first) = self.seen.get(&rec.order_no) {
                    return Ok(vec![Problem {
                        row,
                        column: self.layout.header("order_no"),
                        reason: Msg::both(
                            format!(
                                "order {} appears again (first in row {first})",
                                rec.order_no
                            ),
                            format!("工单 {} 重复出现（首次在第 {first} 行）", rec.order_no),
                        ),
                    }]);
                }
                self.seen.insert(rec.order_no.clone(), row);
                if existing.contains(&rec.order_no) {
                    self.summary.duplicates += 1;
                    return Ok(vec![]);
                }
                let history = match history {
                    Some(h) => h,
                    None => {
                        let units = &self.units;
                        let mut unit = |name: &str| match units.get(name) {
                            Some(u) => Ok(u.clone()),
                            None => s.require_unit(name),
                        };
                        plan_history(self.ctx, &rec, self.layout, &mut unit)
                    }
                };
                let defaulted = rec.deadline_defaulted;
                self.done.push(Record::Order(rec));
                match history {
                    Ok(planned) => {
                        self.summary.imported += 1;
                        self.summary.deadlines_defaulted += usize::from(defaulted);
                        self.batch.push(planned);
                        Ok(vec![])
                    }
                    Err((column, e)) => Ok(vec![Problem {
                        row,
                        column,
                        reason: e.msg(),
                    }]),
                }
            }
            Record::UnitSupervisions(list) => {
                // In the file's order: the orders before this row are written first.
                self.flush(s)?;
                if self.existing_unit_events.is_none() {
                    self.existing_unit_events = Some(unit_supervisions(s)?);
                }
                let mut ps = Vec::new();
                let mut dup = true;
                for u in list {
                    let key = (u.unit.clone(), u.at, u.note.clone());
                    if self
                        .existing_unit_events
                        .as_ref()
                        .is_some_and(|e| e.contains(&key))
                        || !self.seen_unit_events.insert(key)
                    {
                        continue;
                    }
                    dup = false;
                    let c = Ctx {
                        now: u.at,
                        operator: u
                            .operator
                            .clone()
                            .unwrap_or_else(|| self.ctx.operator.clone()),
                        ..self.ctx.clone()
                    };
                    match s
                        .write(|s| ops::supervise_unit(s, &c, &u.unit, &u.note, u.on_site.clone()))
                    {
                        Ok(_) => self.summary.unit_supervisions += 1,
                        Err(e) => ps.push(Problem {
                            row,
                            column: self.layout.header("history"),
                            reason: e.msg(),
                        }),
                    }
                }
                if dup {
                    self.summary.duplicates += 1;
                }
                Ok(ps)
            }
        }
    }
}

/// An order's history planned in memory, or the column and the error that stopped it.
type History = std::result::Result<(Order, Vec<Event>), (String, Error)>;

/// A row read: its record, or its problems.
type Planned = std::result::Result<Record, Vec<Problem>>;

/// One row as the reading thread hands it on.
struct ReadRow {
    row: usize,
    planned: Planned,
    /// The order's history, if it could be planned on the reading thread.
    history: Option<History>,
    /// The cells, if they may be needed for the rejects file.
    cells: Vec<Cell>,
}

/// Rows read and planned, with where the reading is.
struct Chunk {
    rows: Vec<ReadRow>,
    /// How much of the file is read (0 to 1).
    done: f64,
}

/// What the reading thread needs: it plans each row (`plan::plan_row`) and each order's
/// history (`plan_history`) without the database.
struct Reading<'a> {
    layout: &'a Layout<'a>,
    ctx: &'a Ctx,
    keep: bool,
    units: HashMap<String, Unit>,
}

impl Reading<'_> {
    /// Read and plan the rows a chunk at a time, until the end, an error (sent on), or the
    /// receiver is gone.
    fn chunks(
        &self,
        mut table: Table,
        tx: std::sync::mpsc::SyncSender<Result<Chunk>>,
        garbage: std::sync::mpsc::Receiver<Garbage>,
    ) {
        let mut cells: Vec<Cell> = Vec::new();
        loop {
            // What the writing thread is done with is freed here, where it was allocated.
            while let Ok(g) = garbage.try_recv() {
                drop(g);
            }
            let mut rows = Vec::with_capacity(CHUNK);
            while rows.len() < CHUNK {
                match table.next_row(&mut cells) {
                    Ok(Some(row)) => {
                        let planned = plan::plan_row(self.layout, self.ctx, row, &cells);
                        let history = match &planned {
                            Ok(Record::Order(rec)) => self.history(rec),
                            _ => None,
                        };
                        let cells = if self.keep { cells.clone() } else { Vec::new() };
                        rows.push(ReadRow {
                            row,
                            planned,
                            history,
                            cells,
                        });
                    }
                    Ok(None) => break,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
            if rows.is_empty() {
                return;
            }
            let done = table.progress();
            if tx.send(Ok(Chunk { rows, done })).is_err() {
                return;
            }
        }
    }

    /// The order's history, if every unit it names was there when the import began (else
    /// the writing thread plans it, with the units as they are then).
    fn history(&self, rec: &OrderRecord) -> Option<History> {
        let mut missing = false;
        let h = plan_history(self.ctx, rec, self.layout, &mut |name| {
            self.units.get(name).cloned().ok_or_else(|| {
                missing = true;
                Error::NotFound(name.to_string())
            })
        });
        (!missing).then_some(h)
    }
}

/// The supervisions of units as a whole that the database has: (unit, time, note).
fn unit_supervisions(s: &Store) -> Result<HashSet<(String, NaiveDateTime, String)>> {
    Ok(s.recent_events(1 << 40)?
        .into_iter()
        .filter(|e| e.order_no.is_none())
        .filter_map(|e| match e.event.kind {
            EventKind::Supervised { note, .. } => {
                Some((e.event.unit.unwrap_or_default(), e.event.at, note))
            }
            _ => None,
        })
        .collect())
}

/// One order's whole history, worked out in memory: intake, then every action at its time,
/// each through the checks `ops::intake` and `ops::act` make (the role, the unit of a
/// dispatch, `workflow::decide`) and applied by `workflow::evolve`; then what the row's columns
/// say the order must come to. An error comes with the column of the step that failed.
fn plan_history(
    ctx: &Ctx,
    rec: &OrderRecord,
    layout: &Layout,
    unit: &mut dyn FnMut(&str) -> Result<Unit>,
) -> History {
    let mut c = ctx.clone();
    c.now = rec.intake_at;
    c.operator
        .clone_from(rec.intake_operator.as_ref().unwrap_or(&ctx.operator));
    let (mut order, first) = ops::first_event(
        &c,
        &rec.order_no,
        &NewOrder {
            order_no: Some(rec.order_no.clone()),
            intake: rec.intake.clone(),
            received_at: Some(rec.received_at),
        },
    )
    .map_err(|e| (layout.header("received_at"), e))?;
    let mut events = Vec::with_capacity(rec.steps.len() + 1);
    events.push(first);
    for step in &rec.steps {
        c.now = step.at;
        c.operator
            .clone_from(step.operator.as_ref().unwrap_or(&ctx.operator));
        let (event, next) = ops::step(&c, &order, &step.action, &mut *unit)
            .map_err(|e| (step.column.clone(), e))?;
        order = next;
        events.push(event);
    }
    if let Some(want) = rec.expect_status
        && want != order.status
    {
        return Err((
            layout.header("status"),
            Error::Input(format!(
                "the status says {} ({}) but the history ends {} ({})",
                want.code(),
                want.zh(),
                order.status.code(),
                order.status.zh()
            )),
        ));
    }
    if let Some(want) = &rec.expect_unit
        && order.unit.as_deref() != Some(want.as_str())
    {
        return Err((
            layout.header("unit"),
            Error::Input(format!(
                "the unit says {want} but the history leaves the order with {}",
                order.unit.as_deref().unwrap_or("the office")
            )),
        ));
    }
    Ok((order, events))
}

/// The rejected rows as they were, with their row number and the reason, in UTF-8 with a
/// BOM (so Excel reads the Chinese).
fn write_rejects(
    out: &Path,
    headers: &[String],
    bad: &[(usize, Vec<Cell>)],
    problems: &[Problem],
    lang: Lang,
) -> Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = headers.to_vec();
    header.push("row".into());
    header.push("reason".into());
    let io = |e: csv::Error| Error::Io(format!("cannot write {}: {e}", out.display()));
    w.write_record(&header).map_err(io)?;
    for (row, cells) in bad {
        let mut rec: Vec<String> = cells.iter().map(|c| c.text()).collect();
        rec.resize(headers.len(), String::new());
        rec.push(row.to_string());
        let reasons: Vec<String> = problems
            .iter()
            .filter(|p| p.row == *row)
            .map(|p| {
                let reason = crate::domain::text::one_line(p.reason.get(lang));
                match (p.column.is_empty(), lang) {
                    (true, _) => reason,
                    (false, Lang::En) => format!("{}: {reason}", p.column),
                    (false, Lang::Zh) => format!("{}：{reason}", p.column),
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

/// A progress bar on stderr: `导入 importing [#########-----------]  12345 rows  44%`.
struct Progress {
    on: bool,
    last: Option<Instant>,
}

impl Progress {
    fn new(on: bool) -> Progress {
        Progress { on, last: None }
    }
    /// `rows` read so far, `done` the part of the file read (0 to 1).
    fn tick(&mut self, rows: usize, done: f64) {
        if !self.on || rows < 200 {
            return;
        }
        if self.last.is_some_and(|t| t.elapsed().as_millis() < 100) {
            return;
        }
        self.last = Some(Instant::now());
        let width = 30;
        let done = done.clamp(0.0, 1.0);
        let filled = (done * width as f64) as usize;
        let mut err = std::io::stderr();
        let _ = write!(
            err,
            "\r导入 importing [{}{}] {rows:>8} rows {:>3}%",
            "#".repeat(filled),
            "-".repeat(width - filled),
            (done * 100.0) as u32
        );
        let _ = err.flush();
    }
    fn done(&mut self) {
        if self.on && self.last.is_some() {
            let mut err = std::io::stderr();
            let _ = write!(err, "\r{}\r", " ".repeat(72));
            let _ = err.flush();
        }
    }
}
