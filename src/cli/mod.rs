//! The command line: parses arguments, opens the store, calls `ops`, prints results.
//! No rules live here; every action goes through `ops`.

pub mod args;
mod clap_error;
mod output;

pub use args::Cli;
use args::{
    Command, HotspotFormat, ListFormat, MappingCmd, OperatorCmd, OrderCmd, ReportFormat,
    ShowFormat, UnitCmd,
};
pub use clap_error::{command_path, what_is_wrong};

use crate::context::{Options, os_user};
use crate::domain::order::{Answers, Solved};
use crate::domain::time::{parse_date, parse_datetime};
use crate::domain::{Action, CallbackResult, Category, Intake, OnSite, Role, Status, UnitKind};
use crate::error::{Error, Result};
use crate::ops::{self, Ctx, DeadlineSpec, NewOrder, policy};
use crate::store::{OrderFilter, Store};
use std::path::Path;

fn date_arg(flag: &str, s: &str) -> Result<chrono::NaiveDate> {
    parse_date(s).map_err(|e| Error::Input(format!("{flag}: {e}")))
}

/// `--kind`: an exemption kind by its code or Chinese name; else one error listing them all.
fn exemption_kind(s: &str) -> Result<crate::domain::order::ExemptionKind> {
    use crate::domain::order::ExemptionKind as K;
    s.parse::<K>().map_err(|_| {
        let list = |zh: bool| -> Vec<String> {
            K::ALL
                .iter()
                .map(|k| {
                    if zh {
                        format!("{}（{}）", k.code(), k.zh())
                    } else {
                        format!("{} ({})", k.code(), k.zh())
                    }
                })
                .collect()
        };
        let s = crate::domain::text::quote(s);
        Error::Invalid(crate::error::Msg::both(
            format!(
                "--kind: unknown exemption kind '{s}': give one of {}",
                list(false).join(", ")
            ),
            format!(
                "--kind：没有“{s}”这种剔除类别；可选：{}",
                list(true).join("、")
            ),
        ))
    })
}

fn deadline_spec(
    days: Option<u32>,
    deadline: Option<&str>,
    hours: Option<u32>,
) -> Result<DeadlineSpec> {
    // The checks are `DeadlineSpec`'s, shared with the TUI's dispatch.
    match (days, deadline, hours) {
        (Some(n), _, _) => {
            DeadlineSpec::days(n).map_err(|m| Error::Invalid(with_flag("--days", m)))
        }
        (None, Some(d), _) => {
            DeadlineSpec::date(d).map_err(|m| Error::Invalid(with_flag("--deadline", m)))
        }
        (None, None, Some(h)) => {
            DeadlineSpec::hours(h).map_err(|m| Error::Invalid(with_flag("--hours", m)))
        }
        (None, None, None) => Ok(DeadlineSpec::Default),
    }
}

/// `hotline callback`'s answers as typed.
struct CallbackArgs {
    contacted: Option<String>,
    solved: Option<String>,
    satisfaction: Option<String>,
    unreachable: bool,
    result: Option<String>,
}

fn bad(en: String, zh: String) -> Error {
    Error::Invalid(crate::error::Msg::both(en, zh))
}

/// The callback the flags describe: the three answers together, `--unreachable` alone, or the
/// older `--result` alone (satisfaction only). Anything else is one error, in both languages.
fn callback_action(a: CallbackArgs) -> Result<Action> {
    let how = "give --contacted yes|no --solved yes|explained|no --satisfaction satisfied|basic|unsatisfied, or --unreachable";
    let how_zh = "请给出 --contacted yes|no --solved yes|explained|no --satisfaction satisfied|basic|unsatisfied，或 --unreachable";
    let answers = [
        ("--contacted", a.contacted.is_some()),
        ("--solved", a.solved.is_some()),
        ("--satisfaction", a.satisfaction.is_some()),
    ];
    let given: Vec<&str> = answers.iter().filter(|x| x.1).map(|x| x.0).collect();
    let missing: Vec<&str> = answers.iter().filter(|x| !x.1).map(|x| x.0).collect();
    if let Some(r) = a.result {
        if a.unreachable || !given.is_empty() {
            let with = if a.unreachable {
                "--unreachable".to_string()
            } else {
                given.join(", ")
            };
            return Err(bad(
                format!(
                    "callback: --result (the older single answer) cannot go with {with}; {how}"
                ),
                format!("回访：--result（旧的单一结果）不能与 {with} 同用；{how_zh}"),
            ));
        }
        let result: CallbackResult = r.parse().map_err(|_| {
            bad(
                format!(
                    "callback: --result: '{}' is not a result (expected satisfied, basically-satisfied, unsatisfied or unreachable)",
                    crate::domain::text::quote(&r)
                ),
                format!(
                    "回访：--result：“{}”不是回访结果（应为 satisfied、basically-satisfied、unsatisfied 或 unreachable）",
                    crate::domain::text::quote(&r)
                ),
            )
        })?;
        return Ok(Action::Callback {
            result,
            answers: Answers::default(),
        });
    }
    if a.unreachable {
        if !given.is_empty() {
            let with = given.join(", ");
            return Err(bad(
                format!(
                    "callback: --unreachable records a call that did not reach the citizen, so it has no answers: drop {with}, or drop --unreachable"
                ),
                format!(
                    "回访：--unreachable 表示未联系上诉求人，没有答案：请去掉 {with}，或去掉 --unreachable"
                ),
            ));
        }
        return Ok(Action::Callback {
            result: CallbackResult::Unreachable,
            answers: Answers::default(),
        });
    }
    let (Some(contacted), Some(solved), Some(satisfaction)) =
        (a.contacted, a.solved, a.satisfaction)
    else {
        if given.is_empty() {
            return Err(bad(
                format!("callback: no answer given; {how}"),
                format!("回访：没有给出答案；{how_zh}"),
            ));
        }
        let missing = missing.join(", ");
        return Err(bad(
            format!(
                "callback: the three answers go together: {missing} missing (or --unreachable if the citizen was not reached)"
            ),
            format!("回访：三个答案须一起给出：缺少 {missing}（未联系上诉求人时用 --unreachable）"),
        ));
    };
    let q = crate::domain::text::quote;
    let contacted = match contacted.trim() {
        "yes" | "是" | "已联系" => true,
        "no" | "否" | "未联系" => false,
        other => {
            return Err(bad(
                format!(
                    "callback: --contacted: '{}' is not an answer (expected yes or no)",
                    q(other)
                ),
                format!(
                    "回访：--contacted：“{}”不是答案（应为 yes 或 no）",
                    q(other)
                ),
            ));
        }
    };
    let solved: Solved = solved.parse().map_err(|_| {
        bad(
            format!(
                "callback: --solved: '{}' is not an answer (expected yes, explained or no)",
                q(&solved)
            ),
            format!(
                "回访：--solved：“{}”不是答案（应为 yes、explained 或 no）",
                q(&solved)
            ),
        )
    })?;
    let result = match satisfaction.trim() {
        "basic" => CallbackResult::BasicallySatisfied,
        s => match s.parse::<CallbackResult>() {
            Ok(r) if r.reached() => r,
            Ok(_) => {
                return Err(bad(
                    "callback: --satisfaction: 'unreachable' is not a satisfaction; a call that did not reach the citizen is --unreachable (without answers)".into(),
                    "回访：--satisfaction：unreachable 不是满意度；未联系上诉求人请用 --unreachable（不带答案）".into(),
                ));
            }
            Err(_) => {
                return Err(bad(
                    format!(
                        "callback: --satisfaction: '{}' is not an answer (expected satisfied, basic or unsatisfied)",
                        q(s)
                    ),
                    format!(
                        "回访：--satisfaction：“{}”不是答案（应为 satisfied、basic 或 unsatisfied）",
                        q(s)
                    ),
                ));
            }
        },
    };
    Ok(Action::Callback {
        result,
        answers: Answers {
            contacted: Some(contacted),
            solved: Some(solved),
        },
    })
}

/// A unit named on the command line as the TUI's `:unit` names it (`domain::units`): its
/// exact name, else the whole or the start or a part of its name, initials or spelling
/// (`zj`, `zjj`, `zhujianju` → 住建局) when that names one unit only.
pub fn unit_arg(store: &Store, arg: &str) -> Result<String> {
    use crate::domain::units::{Refusal, resolve_names};
    let units = store.units()?;
    resolve_names(units.iter().map(|u| u.name.as_str()), arg).map_err(|r| {
        let text = format!("--unit: {}", r.msg().en);
        match r {
            Refusal::Unknown { near, .. } if near.is_empty() => {
                Error::NotFound(format!("{text} (`hotline unit list` lists them)"))
            }
            Refusal::Unknown { .. } => Error::NotFound(text),
            Refusal::Empty | Refusal::Ambiguous { .. } => Error::Input(text),
        }
    })
}

/// A message about a flag's value, the flag named first (`--by: …`).
fn with_flag(flag: &str, m: crate::error::Msg) -> crate::error::Msg {
    let zh = m.zh.map(|zh| format!("{flag}：{zh}"));
    crate::error::Msg {
        en: format!("{flag}: {}", m.en),
        zh,
    }
}

/// The database the global flags name (for the log's start line).
pub fn db_path(g: &args::Global) -> std::path::PathBuf {
    Options::from(g.clone()).db_path()
}

pub fn run(cli: Cli) -> Result<()> {
    let command = match cli.command {
        None => Command::Tui(args::TuiArgs::default()),
        Some(c) => c,
    };
    // The language of plain messages (English unless --lang zh), not the TUI's.
    let message_lang = cli.global.message_lang();
    let mut options: Options = cli.global.into();
    // `--demo` names the demo database for the commands that work on one (not for those that
    // make a database: demo, init, gen, bench).
    if cli.demo
        && !matches!(
            command,
            Command::Demo { .. } | Command::Init | Command::Gen { .. } | Command::Bench(_)
        )
    {
        use_demo(&mut options)?;
    }
    let g = &options;
    let path = g.db_path();
    match command {
        Command::Init => {
            ops::admin::init(&path, &os_user())?;
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
            let summary = crate::demo::create(&path, &os_user())?;
            println!("{summary}");
            Ok(())
        }
        Command::Tui(args) => crate::tui::run(g, cli.demo, &path, args.into()),
        Command::Bench(args) => crate::bench::run(&args.into()),
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
                now: g.now(None)?,
            };
            println!("{}", crate::synth::generate(&path, &opt)?);
            Ok(())
        }
        Command::Import(args) => crate::import::run(g, args.into(), message_lang),
        Command::Mapping(cmd) => mapping(message_lang, cmd),
        Command::Export(args) => crate::export::run(g, args.into()),
        Command::Bulletin(args) => crate::bulletin::run(g, args.into()),
        other => {
            let (store, ctx) = g.open()?;
            run_on(&store, &ctx, other, message_lang)
        }
    }
}

/// With `--demo`: the demo database (at `--db` if given, else `context::demo_path`), created
/// on first use, for every command (`hotline --demo report` works too).
fn use_demo(options: &mut Options) -> Result<()> {
    let path = options.db.clone().unwrap_or_else(crate::context::demo_path);
    if !path.exists() {
        // Takes a few seconds: say so before the screen stays blank.
        let m = crate::error::Msg::both(
            format!(
                "Creating the demo database {} (every order of the 2017 Haiyuan bulletin)…",
                path.display()
            ),
            format!(
                "正在创建演示数据库 {}（2017年海原县通报的全部工单）……",
                path.display()
            ),
        );
        eprintln!("{}", m.get(options.lang));
        crate::demo::create(&path, &os_user())?;
    }
    options.db = Some(path);
    Ok(())
}

fn print_warning(w: Option<String>) {
    if let Some(w) = w {
        eprintln!("{w}");
    }
}

/// Prints what an action command recorded and the order's state after it.
fn done(a: &Action, o: &crate::domain::Order) {
    println!("{}", output::recorded(a, o));
}

/// `hotline mapping list|show`: needs no database.
fn mapping(lang: crate::domain::Lang, cmd: MappingCmd) -> Result<()> {
    use crate::import::mapping::Mapping;
    match cmd {
        MappingCmd::List => {
            for name in Mapping::shipped_names() {
                let m = Mapping::parse(Mapping::shipped_text(name)?, name)?;
                let by = lang.pick("identified by", "识别列");
                println!("{name:<22} {by}: {}", m.detect.join(", "));
            }
            println!(
                "{}",
                lang.pick(
                    "(`hotline mapping show NAME` prints one to copy and edit; `hotline import FILE --mapping NAME` uses it)",
                    "（`hotline mapping show NAME` 打印映射文件，可复制修改；`hotline import FILE --mapping NAME` 使用它）"
                )
            );
        }
        MappingCmd::Show { name } => print!("{}", Mapping::shipped_text(&name)?),
    }
    Ok(())
}

fn run_on(store: &Store, ctx: &Ctx, command: Command, lang: crate::domain::Lang) -> Result<()> {
    let act = |no: &str, a: Action| -> Result<()> {
        let o = ops::act(store, ctx, no, &a, None)?;
        done(&a, &o);
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
        Command::Mapping(cmd) => mapping(crate::domain::Lang::En, cmd),
        Command::Unit(UnitCmd::List) => {
            print!("{}", output::units_table(&store.units()?));
            Ok(())
        }
        Command::Unit(UnitCmd::Add { name, kind }) => {
            let kind: UnitKind = kind.parse().map_err(Error::Input)?;
            let u = ops::admin::add_unit(store, ctx, &name, kind)?;
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
            policy::require_see(ctx, &o)?;
            if reveal {
                o = ops::act(store, ctx, &order_no, &Action::RevealContact, None)?;
            }
            let events = store.history(&order_no)?;
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
            return_pending,
            format,
        }) => {
            let status: Option<Status> = status
                .map(|s| s.parse())
                .transpose()
                .map_err(|e: String| Error::Input(format!("--status: {e}")))?;
            let unit = unit.map(|u| unit_arg(store, &u)).transpose()?;
            // A unit account sees its own unit's orders only.
            let unit = policy::list_scope(ctx, unit)?;
            let orders = store.list_orders(&OrderFilter {
                status,
                unit,
                overdue_on: overdue.then_some(ctx.now.date()),
                return_pending,
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
            hours,
        } => {
            let spec = deadline_spec(days, deadline.as_deref(), hours)?;
            let unit = unit_arg(store, &unit)?;
            let (o, w) = ops::dispatch(store, ctx, &order_no, &unit, spec, None)?;
            print_warning(w);
            if let (Some(unit), Some(deadline)) = (o.unit.clone(), o.deadline) {
                let due = o.due_at;
                done(
                    &Action::Dispatch {
                        unit,
                        deadline,
                        due,
                    },
                    &o,
                );
            }
            Ok(())
        }
        Command::Reassign {
            order_no,
            unit,
            reason,
            days,
            deadline,
            hours,
        } => {
            let spec = deadline_spec(days, deadline.as_deref(), hours)?;
            let unit = unit_arg(store, &unit)?;
            let (o, w) = ops::reassign(store, ctx, &order_no, &unit, spec, &reason, None)?;
            print_warning(w);
            if let (Some(unit), Some(deadline)) = (o.unit.clone(), o.deadline) {
                done(
                    &Action::Reassign {
                        unit,
                        deadline,
                        due: o.due_at,
                        reason,
                    },
                    &o,
                );
            }
            Ok(())
        }
        Command::Merge { order_no, into } => {
            let o = ops::merge(store, ctx, &order_no, &into, None)?;
            let lead = store.require_order(&into)?;
            done(
                &Action::Merge {
                    lead: crate::domain::workflow::MergeLead {
                        order_no: lead.order_no,
                        status: lead.status,
                        merged_into: None,
                    },
                    followers: 0,
                },
                &o,
            );
            Ok(())
        }
        Command::Unmerge { order_no, reason } => act(&order_no, Action::Unmerge { reason }),
        Command::Accept { order_no } => act(&order_no, Action::Accept),
        Command::Return {
            order_no,
            reason,
            approve,
            refuse,
        } => {
            let a = match (approve, refuse, reason) {
                (true, ..) => Action::ApproveReturn,
                (_, true, Some(reason)) => Action::RefuseReturn { reason },
                (_, true, None) => {
                    return Err(Error::Invalid(crate::error::Msg::both(
                        "return --refuse needs --reason R: why the office refuses the return (the unit keeps the order)".into(),
                        "return --refuse 须填写 --reason：办公室不同意退单的理由（工单仍由单位办理）".into(),
                    )));
                }
                (_, _, Some(reason)) => Action::Return { reason },
                (_, _, None) => {
                    return Err(Error::Invalid(crate::error::Msg::both(
                        "return: give --reason R to ask for the return (a unit), or --approve / --refuse --reason R to decide a pending request (the office)".into(),
                        "return：单位申请退单请填写 --reason 理由；办公室审核待批的退单申请请用 --approve 或 --refuse --reason 理由".into(),
                    )));
                }
            };
            act(&order_no, a)
        }
        Command::Exempt {
            order_no,
            kind,
            reason,
        } => {
            let kind = exemption_kind(&kind)?;
            act(&order_no, Action::Exempt { kind, reason })
        }
        Command::Unexempt { order_no, reason } => act(&order_no, Action::Unexempt { reason }),
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
        Command::Callback {
            order_no,
            contacted,
            solved,
            satisfaction,
            unreachable,
            result,
        } => {
            let a = callback_action(CallbackArgs {
                contacted,
                solved,
                satisfaction,
                unreachable,
                result,
            })?;
            act(&order_no, a)
        }
        Command::Contact { order_no, note } => act(&order_no, Action::Contact { note }),
        Command::Redo {
            order_no,
            reason,
            days,
            deadline,
            hours,
        } => {
            let spec = deadline_spec(days, deadline.as_deref(), hours)?;
            let (o, w) = ops::redo(store, ctx, &order_no, &reason, spec, None)?;
            print_warning(w);
            if let Some(deadline) = o.deadline {
                let due = o.due_at;
                done(
                    &Action::Redo {
                        reason,
                        deadline,
                        due,
                    },
                    &o,
                );
            }
            Ok(())
        }
        Command::Close { order_no, reason } => act(&order_no, Action::Close { reason }),
        Command::Report {
            from,
            to,
            as_of,
            format,
            out,
            pack,
        } => {
            if let (Some(out), Some(db)) = (&out, store.path()) {
                ops::admin::guard_output(db, out)?;
            }
            let period = crate::report::period(
                store,
                ctx,
                from.as_deref(),
                to.as_deref(),
                as_of.as_deref(),
            )?;
            let pack = crate::report::pack(pack.as_deref())?;
            let judged = crate::report::judge(store, period, &pack)?;
            let card = judged.card.clone();
            let seed = pack.name == crate::domain::assessment::DEFAULT;
            let text = match format {
                ReportFormat::Md if seed => crate::report::to_markdown(&card),
                ReportFormat::Md => crate::report::judged_markdown(&judged, &pack),
                ReportFormat::Csv if seed => crate::report::to_csv(&card),
                ReportFormat::Csv => crate::report::judged_csv(&judged, &pack),
                ReportFormat::Json => crate::report::judged_json(&judged, &pack),
                ReportFormat::Xlsx => {
                    let out = out.ok_or_else(|| {
                        Error::Input("--format xlsx needs --out FILE.xlsx".into())
                    })?;
                    return if seed {
                        crate::export::report_xlsx(&card, &out)
                    } else {
                        crate::export::report::write_judged(&judged, &pack, &out)
                    };
                }
            };
            match out {
                Some(p) => std::fs::write(&p, text)
                    .map_err(|e| Error::Io(format!("cannot write {}: {e}", p.display())))?,
                None => print!("{text}"),
            }
            Ok(())
        }
        Command::Forecast {
            by,
            unit,
            pack,
            format,
        } => {
            use crate::domain::forecast;
            let by = forecast::parse_by(&by).map_err(|m| Error::Invalid(with_flag("--by", m)))?;
            forecast::check_by(by, ctx.now).map_err(|m| Error::Invalid(with_flag("--by", m)))?;
            let unit = unit.map(|u| unit_arg(store, &u)).transpose()?;
            // A unit account sees its own unit's orders only.
            let unit = policy::list_scope(ctx, unit)?;
            let candidates = store.open_due_by(unit.as_deref(), forecast::deadline_bound(by))?;
            let f = forecast::forecast(&candidates, ctx.now, by)
                .map_err(|m| Error::Invalid(with_flag("--by", m)))?;
            let pack = crate::report::pack(pack.as_deref())?;
            let risks = crate::report::floor_forecast(store, ctx, &pack, unit.as_deref(), by)?;
            match format {
                ShowFormat::Text => print!("{}", output::forecast_text(&f, &pack, &risks)),
                ShowFormat::Json => println!("{}", output::forecast_json(&f, &pack, &risks)),
            }
            Ok(())
        }
        Command::Explain {
            unit,
            pack,
            from,
            to,
            format,
        } => {
            let unit = unit_arg(store, &unit)?;
            let unit = policy::list_scope(ctx, Some(unit))?.unwrap_or_default();
            let period = crate::report::period(store, ctx, from.as_deref(), to.as_deref(), None)?;
            let pack = crate::report::pack(pack.as_deref())?;
            let explained = crate::report::explain(store, period, &pack, &unit)?;
            let costs = explained.costs;
            let exempted = explained.exempted;
            let adjusted = explained.adjusted;
            let score = explained.assessed.as_ref().and_then(|a| a.score);
            let rank = explained.assessed.as_ref().and_then(|a| a.rank);
            match format {
                ShowFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "unit": unit, "pack": pack.name, "score": score, "rank": rank,
                        "adjusted": adjusted, "exempted": exempted,
                        "orders": costs,
                    }))
                    .unwrap_or_default()
                ),
                ShowFormat::Text => {
                    let show = |s: Option<f64>| s.map_or("—".to_string(), |s| format!("{s:.2}"));
                    let rank = rank.map_or("—".to_string(), |r| r.to_string());
                    match lang {
                        crate::domain::Lang::Zh => println!(
                            "{unit}（规则包 {}）：{}得分 {}，组内第 {rank} 名；扣分的工单 {} 件",
                            pack.name,
                            if adjusted { "剔除后" } else { "" },
                            show(score),
                            costs.len()
                        ),
                        crate::domain::Lang::En => println!(
                            "{unit} under {}: {}score {}, rank {rank} in its tier; {} order(s) cost it points",
                            pack.name,
                            if adjusted {
                                "adjusted (剔除后) "
                            } else {
                                ""
                            },
                            show(score),
                            costs.len()
                        ),
                    }
                    if !exempted.is_empty() {
                        println!(
                            "{}: {}",
                            lang.pick("exempted, left out (剔除，不计入)", "剔除，不计入"),
                            exempted.join(", ")
                        );
                    }
                    for c in &costs {
                        println!(
                            "{}  −{:.2}  {}  {}",
                            c.order_no,
                            c.points,
                            c.reasons(crate::domain::Lang::Zh),
                            crate::domain::text::one_line(&c.title)
                        );
                    }
                }
            }
            Ok(())
        }
        Command::Similar {
            order_no,
            days,
            phone_days,
            top,
            format,
        } => {
            let opt = crate::report::similar::Options {
                window_days: days,
                phone_days,
                top,
            };
            let (o, list) = crate::report::similar::candidates(store, ctx, &order_no, opt)?;
            match format {
                ShowFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "order_no": o.order_no, "title": o.title, "candidates": list,
                    }))
                    .unwrap_or_default()
                ),
                ShowFormat::Text => print!("{}", output::similar_text(&o, &list)),
            }
            Ok(())
        }
        Command::Hotspots {
            from,
            to,
            window,
            min,
            top,
            format,
        } => {
            let to_day = to.as_deref().map(|s| date_arg("--to", s)).transpose()?;
            let end = match to_day {
                Some(d) => (d + chrono::Duration::days(1)).and_time(chrono::NaiveTime::MIN),
                None => ctx.now,
            };
            let window = match from.as_deref().map(|s| date_arg("--from", s)).transpose()? {
                Some(f) => {
                    let d = (end.date() - f).num_days();
                    if d < 1 {
                        return Err(Error::Input("--from: must be before --to".into()));
                    }
                    d
                }
                None => window,
            };
            let opt = crate::report::similar::Options {
                window_days: window,
                ..Default::default()
            };
            let mut list = crate::report::similar::hotspots(store, ctx, end, opt, min.max(2))?;
            list.truncate(top);
            match format {
                HotspotFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&list).unwrap_or_default()
                ),
                HotspotFormat::Table => print!("{}", output::hotspots_table(&list)),
            }
            Ok(())
        }
        Command::Suggest {
            order_no,
            top,
            format,
        } => {
            let (o, list) = crate::report::similar::suggest(store, ctx, &order_no, top)?;
            match format {
                ShowFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "order_no": o.order_no, "title": o.title, "suggestions": list,
                    }))
                    .unwrap_or_default()
                ),
                ShowFormat::Text => print!("{}", output::suggest_text(&o, &list)),
            }
            Ok(())
        }
        Command::Quality { pairs } => {
            print!("{}", crate::report::quality::run(store, &pairs)?);
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
            ops::admin::backup(store, ctx, &file)?;
            println!("backed up to {} (mode 0640)", file.display());
            Ok(())
        }
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
            let unit = unit.map(|u| unit_arg(store, &u)).transpose()?;
            let role = Role::parse(&role, unit.as_deref()).map_err(Error::Input)?;
            ops::admin::set_operator(store, ctx, &user, &role)?;
            println!("{user} is now {role}");
            Ok(())
        }
        OperatorCmd::Remove { user } => {
            ops::admin::remove_operator(store, ctx, &user)?;
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
                Cli::try_parse_from(std::iter::once("hotline".to_string()).chain(words))
                    .map_err(|e| Error::Input(what_is_wrong(&e)))
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
                Some(c) => run_on(store, ctx, c, crate::domain::Lang::En),
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
