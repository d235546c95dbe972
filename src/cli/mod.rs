//! The command line: parses arguments, opens the store, calls `ops`, prints results.
//! No rules live here; every action goes through `ops`.

pub mod args;
mod output;

pub use args::Cli;
use args::{Command, Global, ListFormat, OperatorCmd, OrderCmd, ReportFormat, ShowFormat, UnitCmd};

use crate::domain::scorecard::Period;
use crate::domain::time::{parse_date, parse_datetime};
use crate::domain::{Action, CallbackResult, Category, Intake, OnSite, Role, Status, UnitKind};
use crate::error::{Error, Result};
use crate::ops::{self, Ctx, DeadlineSpec, NewOrder};
use crate::store::{OrderFilter, Store};
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};

/// The settings key under which a database keeps its own clock (the demo's 2017-12-31).
pub const CLOCK_KEY: &str = "clock";

/// `--db`, else `HOTLINE_DB`, else `./hotline.db`.
pub fn db_path(g: &Global) -> PathBuf {
    g.db.clone()
        .or_else(|| std::env::var_os("HOTLINE_DB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("hotline.db"))
}

/// `--operator`, else the OS user name: the name recorded in events.
pub fn operator(g: &Global) -> String {
    g.operator
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(os_user)
}

/// The OS user running the program: `USER`, else `LOGNAME`, else the name of this process's
/// uid in /etc/passwd. Roles are looked up by this name (never by `--operator`).
pub fn os_user() -> String {
    if let Some(u) = ["USER", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|s| !s.trim().is_empty())
    {
        return u;
    }
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    uid.and_then(|uid| {
        passwd.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[2].parse() == Ok(uid)).then(|| f[0].to_string())
        })
    })
    .unwrap_or_else(|| "unknown".to_string())
}

/// The role of the OS user in this database: every right while no operator is registered
/// (the demo), else what the operators table says; an unknown user gets nothing.
pub fn role(store: &Store) -> Result<Role> {
    if !store.access_control_on()? {
        return Ok(Role::Admin);
    }
    let user = os_user();
    store.role_of(&user)?.ok_or_else(|| {
        Error::Denied(format!(
            "user '{user}' is not an operator of this database: ask an admin to run `hotline operator add {user} --role operator`"
        ).into())
    })
}

/// `--now`, else `HOTLINE_NOW`, else the database's own clock, else the system clock.
pub fn now(g: &Global, store: Option<&Store>) -> Result<NaiveDateTime> {
    if let Some(s) = &g.now {
        return parse_datetime(s, false).map_err(|e| Error::Input(format!("--now: {e}")));
    }
    if let Ok(s) = std::env::var("HOTLINE_NOW") {
        return parse_datetime(&s, false).map_err(|e| Error::Input(format!("HOTLINE_NOW: {e}")));
    }
    if let Some(clock) = store.map(|s| s.setting(CLOCK_KEY)).transpose()?.flatten() {
        return parse_datetime(&clock, false)
            .map_err(|e| Error::Store(format!("the database's clock setting: {e}")));
    }
    Ok(chrono::Local::now().naive_local().with_nanosecond_zero())
}

trait NoNanos {
    fn with_nanosecond_zero(self) -> Self;
}
impl NoNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

fn date_arg(flag: &str, s: &str) -> Result<chrono::NaiveDate> {
    parse_date(s).map_err(|e| Error::Input(format!("{flag}: {e}")))
}

fn deadline_spec(days: Option<u32>, deadline: Option<&str>) -> Result<DeadlineSpec> {
    Ok(match (days, deadline) {
        (Some(0), _) => return Err(Error::Input("--days: must be at least 1".into())),
        (Some(n), _) => DeadlineSpec::Days(n),
        (None, Some(d)) => DeadlineSpec::Date(date_arg("--deadline", d)?),
        (None, None) => DeadlineSpec::Default,
    })
}

/// Open the database named by the global flags, with the acting context (now, operator).
pub fn open(g: &Global) -> Result<(Store, Ctx)> {
    let store = Store::open(&db_path(g))?;
    let ctx = Ctx::new(now(g, Some(&store))?, &operator(g)).with_role(role(&store)?);
    Ok((store, ctx))
}

/// A unit named on the command line: its exact name, or its pinyin initials or spelling
/// (`zjj`, `zhujianju` → 住建局) when they name one unit only.
pub fn unit_arg(store: &Store, arg: &str) -> Result<String> {
    let arg = arg.trim();
    if arg.is_empty() {
        return Err(Error::Input(
            "--unit is empty: give a unit's name or its pinyin initials (`hotline unit list` lists them)".into(),
        ));
    }
    let units = store.units()?;
    if units.iter().any(|u| u.name == arg) {
        return Ok(arg.to_string());
    }
    let want = arg.to_lowercase();
    let by_pinyin: Vec<&str> = units
        .iter()
        .filter(|u| {
            let (initials, spelled) = crate::domain::text::pinyin_of(&u.name);
            initials == want || spelled == want
        })
        .map(|u| u.name.as_str())
        .collect();
    match by_pinyin[..] {
        [one] => Ok(one.to_string()),
        [] => store.require_unit(arg).map(|u| u.name),
        _ => Err(Error::Input(format!(
            "'{arg}' could be any of {}: give the unit's name",
            by_pinyin.join(", ")
        ))),
    }
}

/// Create an empty database with the county's units.
pub fn init(path: &Path) -> Result<Store> {
    if path.exists() {
        return Err(Error::Input(format!(
            "{} already exists: pass another --db, or remove it first",
            path.display()
        )));
    }
    let store = Store::create(path)?;
    add_shipped_units(&store)?;
    // The first admin: whoever created the database.
    store.set_operator(&os_user(), &Role::Admin)?;
    Ok(store)
}

const SHIPPED_UNITS: &str = include_str!("../../data/units-haiyuan.csv");

/// The Haiyuan county units from `data/units-haiyuan.csv` (name,kind).
pub fn add_shipped_units(store: &Store) -> Result<()> {
    store.write(|s| {
        for line in SHIPPED_UNITS
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
        {
            let (name, kind) = line.split_once(',').unwrap_or((line, "department"));
            let kind: UnitKind = kind.trim().parse().map_err(Error::Input)?;
            s.add_unit(name.trim(), kind)?;
        }
        Ok(())
    })
}

pub fn run(cli: Cli) -> Result<()> {
    let command = match cli.command {
        None => Command::Tui(crate::tui::TuiArgs::default()),
        Some(c) => c,
    };
    let mut global = cli.global;
    // `--demo` names the demo database for the commands that work on one (not for those that
    // make a database: demo, init, gen, bench).
    if !matches!(
        command,
        Command::Demo { .. } | Command::Init | Command::Gen { .. } | Command::Bench(_)
    ) {
        crate::tui::resolve_demo(&mut global, cli.demo)?;
    }
    let g = &global;
    let path = db_path(g);
    match command {
        Command::Init => {
            init(&path)?;
            println!(
                "created {} with the county's units; {} is its admin",
                path.display(),
                os_user()
            );
            Ok(())
        }
        Command::Demo { force } => {
            if path.exists() && !force {
                return Err(Error::Input(format!(
                    "{} already exists: pass --force to replace it, or another --db",
                    path.display()
                )));
            }
            let summary = crate::demo::create(&path, &operator(g))?;
            println!("{summary}");
            Ok(())
        }
        Command::Tui(args) => crate::tui::run(g, cli.demo, &path, args),
        Command::Bench(args) => crate::bench::run(&args),
        Command::Gen {
            orders,
            units,
            years,
            seed,
        } => {
            let opt = crate::synth::GenOptions {
                orders,
                units,
                years,
                seed,
                now: now(g, None)?,
            };
            println!("{}", crate::synth::generate(&path, &opt)?);
            Ok(())
        }
        Command::Import(args) => crate::import::run(g, args),
        Command::Export(args) => crate::export::run(g, args),
        Command::Bulletin(args) => crate::bulletin::run(g, args),
        other => {
            let (store, ctx) = open(g)?;
            run_on(&store, &ctx, other)
        }
    }
}

fn print_warning(w: Option<String>) {
    if let Some(w) = w {
        eprintln!("{w}");
    }
}

fn done(o: &crate::domain::Order) {
    println!("{} {} ({})", o.order_no, o.status.code(), o.status.zh());
}

fn run_on(store: &Store, ctx: &Ctx, command: Command) -> Result<()> {
    let act = |no: &str, a: Action| -> Result<()> {
        let o = ops::act(store, ctx, no, &a, None)?;
        done(&o);
        Ok(())
    };
    match command {
        Command::Init
        | Command::Demo { .. }
        | Command::Tui(_)
        | Command::Import(_)
        | Command::Export(_)
        | Command::Bulletin(_)
        | Command::Gen { .. }
        | Command::Bench(_) => Ok(()),
        Command::Unit(UnitCmd::List) => {
            print!("{}", output::units_table(&store.units()?));
            Ok(())
        }
        Command::Unit(UnitCmd::Add { name, kind }) => {
            admin_only(ctx, "add units")?;
            let kind: UnitKind = kind.parse().map_err(Error::Input)?;
            let u = store.add_unit(&name, kind)?;
            println!("added unit {} ({})", u.name, u.kind.code());
            Ok(())
        }
        Command::Order(OrderCmd::Add {
            category,
            title,
            content,
            citizen,
            phone,
            address,
            order_no,
            received_at,
        }) => {
            let category: Category = category.parse().map_err(Error::Input)?;
            let received_at = received_at
                .map(|s| parse_datetime(&s, false))
                .transpose()
                .map_err(|e| Error::Input(format!("--received-at: {e}")))?;
            let o = ops::intake(
                store,
                ctx,
                &NewOrder {
                    order_no,
                    intake: Intake {
                        category: Some(category),
                        title,
                        content,
                        citizen,
                        phone,
                        address,
                    },
                    received_at,
                },
            )?;
            println!("{}", o.order_no);
            Ok(())
        }
        Command::Order(OrderCmd::Show {
            order_no,
            format,
            reveal,
        }) => {
            let mut o = store.require_order(&order_no)?;
            if !ctx.role.may_see(&o) {
                return Err(Error::Denied(
                    format!(
                        "{} ({}) may not see order {order_no}",
                        ctx.operator, ctx.role
                    )
                    .into(),
                ));
            }
            if reveal {
                o = ops::act(store, ctx, &order_no, &Action::RevealContact, None)?;
            }
            let events = store.events(&order_no)?;
            match format {
                ShowFormat::Text => {
                    print!("{}", output::order_text(&o, &events, ctx.now, reveal))
                }
                ShowFormat::Json => {
                    println!("{}", output::order_json(&o, &events, ctx.now, reveal))
                }
            }
            Ok(())
        }
        Command::Order(OrderCmd::List {
            status,
            unit,
            overdue,
            format,
        }) => {
            let status: Option<Status> = status
                .map(|s| s.parse())
                .transpose()
                .map_err(|e: String| Error::Input(format!("--status: {e}")))?;
            let unit = unit.map(|u| unit_arg(store, &u)).transpose()?;
            // A unit account sees its own unit's orders only.
            let unit = match ctx.role.only_unit() {
                Some(own) if unit.as_deref().is_some_and(|u| u != own) => {
                    return Err(Error::Denied(
                        format!(
                            "{} ({}) may see only {own}'s orders",
                            ctx.operator, ctx.role
                        )
                        .into(),
                    ));
                }
                Some(own) => Some(own.to_string()),
                None => unit,
            };
            let orders = store.list_orders(&OrderFilter {
                status,
                unit,
                overdue_on: overdue.then_some(ctx.now.date()),
                ..Default::default()
            })?;
            match format {
                ListFormat::Table => print!("{}", output::orders_table(&orders, ctx.now)),
                ListFormat::Csv => print!("{}", output::orders_csv(&orders, ctx.now)),
                ListFormat::Json => println!("{}", output::orders_json(&orders, ctx.now)),
            }
            Ok(())
        }
        Command::Dispatch {
            order_no,
            unit,
            days,
            deadline,
        } => {
            let spec = deadline_spec(days, deadline.as_deref())?;
            let unit = unit_arg(store, &unit)?;
            let (o, w) = ops::dispatch(store, ctx, &order_no, &unit, spec, None)?;
            print_warning(w);
            println!(
                "{} dispatched to {}, deadline {}",
                o.order_no,
                o.unit.as_deref().unwrap_or(""),
                o.deadline.map(|d| d.to_string()).unwrap_or_default()
            );
            Ok(())
        }
        Command::Accept { order_no } => act(&order_no, Action::Accept),
        Command::Return { order_no, reason } => act(&order_no, Action::Return { reason }),
        Command::Extend {
            order_no,
            until,
            reason,
            approve,
            refuse,
        } => {
            let a = if approve {
                Action::ApproveExtension
            } else if refuse {
                Action::RefuseExtension {
                    reason: reason.unwrap_or_default(),
                }
            } else if let Some(until) = until {
                Action::RequestExtension {
                    until: date_arg("--until", &until)?,
                    reason: reason.unwrap_or_default(),
                }
            } else {
                return Err(Error::Input(
                    "extend: give --until DATE --reason R to request, or --approve / --refuse"
                        .into(),
                ));
            };
            act(&order_no, a)
        }
        Command::Reply { order_no, text } => act(&order_no, Action::Reply { text }),
        Command::Review {
            order_no,
            accept,
            reason,
            ..
        } => {
            if accept {
                act(&order_no, Action::ReviewAccept)
            } else {
                act(
                    &order_no,
                    Action::ReviewReject {
                        reason: reason.unwrap_or_default(),
                    },
                )
            }
        }
        Command::Urge { order_no, note } => act(&order_no, Action::Urge { note }),
        Command::Supervise {
            order_no,
            unit,
            note,
            on_site,
            place,
            participants,
            measures,
            due,
        } => {
            let on_site = if on_site {
                Some(OnSite {
                    place: place.unwrap_or_default(),
                    participants: participants.unwrap_or_default(),
                    measures: measures.unwrap_or_default(),
                    due: date_arg("--due", due.as_deref().unwrap_or(""))?,
                })
            } else {
                None
            };
            match (order_no, unit) {
                (_, Some(unit)) => {
                    let unit = unit_arg(store, &unit)?;
                    ops::supervise_unit(store, ctx, &unit, &note, on_site)?;
                    println!("supervised unit {unit}");
                    Ok(())
                }
                (Some(no), None) => act(&no, Action::Supervise { note, on_site }),
                (None, None) => Err(Error::Input(
                    "supervise: give an order number or --unit NAME".into(),
                )),
            }
        }
        Command::Callback { order_no, result } => {
            let result: CallbackResult = result.parse().map_err(Error::Input)?;
            act(&order_no, Action::Callback { result })
        }
        Command::Redo {
            order_no,
            reason,
            days,
            deadline,
        } => {
            let spec = deadline_spec(days, deadline.as_deref())?;
            let (o, w) = ops::redo(store, ctx, &order_no, &reason, spec, None)?;
            print_warning(w);
            done(&o);
            Ok(())
        }
        Command::Close { order_no, reason } => act(&order_no, Action::Close { reason }),
        Command::Report {
            from,
            to,
            as_of,
            format,
            out,
        } => {
            let period = period(store, ctx, from.as_deref(), to.as_deref(), as_of.as_deref())?;
            let card = crate::report::scorecard(store, period)?;
            let text = match format {
                ReportFormat::Md => crate::report::to_markdown(&card),
                ReportFormat::Csv => crate::report::to_csv(&card),
                ReportFormat::Json => crate::report::to_json(&card),
                ReportFormat::Xlsx => {
                    let out = out.ok_or_else(|| {
                        Error::Input("--format xlsx needs --out FILE.xlsx".into())
                    })?;
                    return crate::export::report_xlsx(&card, &out);
                }
            };
            match out {
                Some(p) => std::fs::write(&p, text)
                    .map_err(|e| Error::Io(format!("cannot write {}: {e}", p.display())))?,
                None => print!("{text}"),
            }
            Ok(())
        }
        Command::Operator(cmd) => operator_cmd(store, ctx, cmd),
        Command::Batch { file, keep_going } => batch(store, ctx, &file, keep_going),
        Command::Check => {
            let rep = ops::check::check(store)?;
            let yes = |b: bool| if b { "yes" } else { "NO" };
            println!(
                "integrity: {}; {} orders, {} events; replay = stored state: {}; scorecard sums = events: {}",
                rep.integrity,
                rep.orders,
                rep.events,
                yes(rep.replay_agrees()),
                yes(rep.tallies_agree)
            );
            for p in &rep.problems {
                println!("  {p}");
            }
            if rep.ok() {
                Ok(())
            } else {
                Err(Error::Store(format!(
                    "check failed: {} problem(s); restore from a backup (see README)",
                    rep.problems.len() + usize::from(rep.integrity != "ok")
                )))
            }
        }
        Command::Backup { file } => {
            if !ctx.role.may_run_office() {
                return Err(Error::Denied(
                    format!(
                        "{} ({}) may not back up the database",
                        ctx.operator, ctx.role
                    )
                    .into(),
                ));
            }
            if file.exists() {
                return Err(Error::Input(format!(
                    "{} already exists: choose a new file name",
                    file.display()
                )));
            }
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
                && !dir.is_dir()
            {
                return Err(Error::Input(format!(
                    "folder {} does not exist: create it first",
                    dir.display()
                )));
            }
            store.backup_to(&file)?;
            // A backup holds every citizen's phone number: owner and group only.
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).map_err(
                |e| Error::Io(format!("cannot set the mode of {}: {e}", file.display())),
            )?;
            println!("backed up to {} (mode 0640)", file.display());
            Ok(())
        }
    }
}

/// The report period from the flags: `--from` defaults to the earliest order's day, `--to` to
/// today, `--as-of` to now.
pub fn period(
    store: &Store,
    ctx: &Ctx,
    from: Option<&str>,
    to: Option<&str>,
    as_of: Option<&str>,
) -> Result<Period> {
    let as_of = match as_of {
        Some(s) => parse_datetime(s, true).map_err(|e| Error::Input(format!("--as-of: {e}")))?,
        None => ctx.now,
    };
    let to = match to {
        Some(s) => date_arg("--to", s)?,
        None => as_of.date(),
    };
    let from = match from {
        Some(s) => date_arg("--from", s)?,
        None => store.earliest_received()?.unwrap_or(to),
    };
    if from > to {
        return Err(Error::Input(format!(
            "--from {from} is after --to {to}: swap them"
        )));
    }
    Ok(Period { from, to, as_of })
}

fn admin_only(ctx: &Ctx, what: &str) -> Result<()> {
    if ctx.role == Role::Admin {
        Ok(())
    } else {
        Err(Error::Denied(
            format!(
                "{} ({}) may not {what}: ask an admin",
                ctx.operator, ctx.role
            )
            .into(),
        ))
    }
}

fn operator_cmd(store: &Store, ctx: &Ctx, cmd: OperatorCmd) -> Result<()> {
    match cmd {
        OperatorCmd::List => {
            for (user, role) in store.operators()? {
                println!("{user}\t{role}");
            }
            Ok(())
        }
        OperatorCmd::Add { user, role, unit } => {
            admin_only(ctx, "manage operators")?;
            let unit = unit.map(|u| unit_arg(store, &u)).transpose()?;
            let role = Role::parse(&role, unit.as_deref()).map_err(Error::Input)?;
            store.set_operator(&user, &role)?;
            println!("{user} is now {role}");
            Ok(())
        }
        OperatorCmd::Remove { user } => {
            admin_only(ctx, "manage operators")?;
            store.remove_operator(&user)?;
            println!("removed operator {user}");
            Ok(())
        }
    }
}

/// Split a batch line into words as a POSIX shell does (`shell-words`): spaces and tabs
/// separate words (a full-width space 　 is text), '…' and "…" quote, a backslash escapes, a
/// word starting with # begins a comment.
fn split_words(line: &str) -> std::result::Result<Vec<String>, String> {
    shell_words::split(line).map_err(|_| {
        "unclosed quote (a \" or ' without its pair): close it, or write \\\" for a quote inside the text".to_string()
    })
}

fn batch(store: &Store, ctx: &Ctx, file: &Path, keep_going: bool) -> Result<()> {
    use clap::Parser;
    let text = if file == Path::new("-") {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Error::Io(format!("cannot read {}: {e}", file.display())))?
    };
    let mut failed = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let result = split_words(line)
            .map_err(Error::Input)
            .and_then(|words| {
                Cli::try_parse_from(std::iter::once("hotline".to_string()).chain(words)).map_err(
                    |e| Error::Input(e.to_string().lines().next().unwrap_or("").to_string()),
                )
            })
            .and_then(|cli| match cli.command {
                Some(
                    Command::Init
                    | Command::Demo { .. }
                    | Command::Tui(_)
                    | Command::Batch { .. }
                    | Command::Import(_)
                    | Command::Export(_)
                    | Command::Bulletin(_)
                    | Command::Gen { .. }
                    | Command::Bench(_)
                    | Command::Backup { .. },
                ) => Err(Error::Input(
                    "this command cannot run inside a batch: run it on its own".into(),
                )),
                Some(c) => run_on(store, ctx, c),
                None => Err(Error::Input("no command".into())),
            });
        if let Err(e) = result {
            let msg = format!("{}:{}: {e}", file.display(), i + 1);
            if !keep_going {
                return Err(Error::Input(msg));
            }
            eprintln!("error: {msg}");
            failed += 1;
        }
    }
    if failed > 0 {
        return Err(Error::Input(format!(
            "{failed} line(s) of the batch failed"
        )));
    }
    Ok(())
}
