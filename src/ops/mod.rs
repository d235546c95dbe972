//! Operations: the one layer both the CLI and the TUI call. Each action is checked once (by
//! `domain::workflow::decide`), recorded once (one event, in one `BEGIN IMMEDIATE`
//! transaction with the new state), and cleaned of control characters on the way in.

use crate::domain::text::{one_line, sanitize};
use crate::domain::{
    Action, Calendar, Category, Event, Intake, OnSite, Order, Role, TimeLimits, Unit, Work,
    workflow,
};
use crate::error::{Error, Msg, Result};
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use std::sync::OnceLock;

pub mod admin;
pub mod check;
pub mod policy;

/// Who acts, and when. Every action and figure uses this `now` (from `--now`, the demo's
/// clock, or the system clock), so tests and the demo are reproducible.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub now: NaiveDateTime,
    pub operator: String,
    /// What the operator may do; checked by every operation here.
    pub role: Role,
    pub limits: TimeLimits,
    /// `now` was given (`--now`, `HOTLINE_NOW`, the database's clock) rather than read from
    /// the system clock: recording then is a back-entry, an admin's right
    /// (`policy::require_clock`).
    pub clock_given: bool,
}

impl Ctx {
    pub fn new(now: NaiveDateTime, operator: &str) -> Ctx {
        Ctx {
            now,
            operator: operator.to_string(),
            role: Role::Admin,
            limits: TimeLimits::shipped(),
            clock_given: false,
        }
    }
    pub fn with_role(self, role: Role) -> Ctx {
        Ctx { role, ..self }
    }
    pub fn as_operator(self, operator: &str) -> Ctx {
        Ctx {
            operator: operator.to_string(),
            ..self
        }
    }
    pub fn at(&self, now: NaiveDateTime) -> Ctx {
        Ctx {
            now,
            ..self.clone()
        }
    }
}

/// The shipped China working-day calendar, parsed once per process.
pub fn calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::china)
}

/// How a deadline is given for a dispatch or a redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeadlineSpec {
    /// The category's time limit from `data/time-limits.toml`.
    #[default]
    Default,
    /// N working days.
    Days(u32),
    /// A fixed date.
    Date(NaiveDate),
    /// N clock hours from now (an urgent order: 2 h for emergencies, 24 h for water, power,
    /// gas and heating); the deadline is the day it falls on and keeps its time.
    Hours(u32),
}

/// The longest limit in clock hours (a week): beyond it, give working days.
pub const MAX_HOURS: u32 = 168;

impl DeadlineSpec {
    /// N working days, checked: 1 to `time::MAX_DAYS` (the CLI's `--days`).
    pub fn days(n: u32) -> Result<DeadlineSpec, Msg> {
        use crate::domain::time::MAX_DAYS;
        match n {
            0 => Err(Msg::both(
                "must be at least 1".into(),
                "须至少为 1 个工作日".into(),
            )),
            n if n > MAX_DAYS => Err(Msg::both(
                format!("{n} is out of range: give 1 to {MAX_DAYS} working days, or a date"),
                format!("{n} 超出范围：请给出 1 至 {MAX_DAYS} 个工作日，或一个日期"),
            )),
            n => Ok(DeadlineSpec::Days(n)),
        }
    }

    /// A fixed deadline date, `YYYY-MM-DD` (the CLI's `--deadline`).
    pub fn date(s: &str) -> Result<DeadlineSpec, Msg> {
        use crate::domain::time::{MAX_YEAR, MIN_YEAR, parse_date};
        parse_date(s).map(DeadlineSpec::Date).map_err(|en| {
            let t = crate::domain::text::quote(s.trim());
            let zh = if en.contains("out of range") {
                format!("{t}：年份超出范围（{MIN_YEAR}–{MAX_YEAR}）")
            } else {
                format!("“{t}”不是日期（应为 YYYY-MM-DD，如 2017-12-31）")
            };
            Msg::both(en, zh)
        })
    }

    /// N clock hours, checked: 1 to `MAX_HOURS` (the CLI's `--hours`).
    pub fn hours(n: u32) -> Result<DeadlineSpec, Msg> {
        match n {
            1..=MAX_HOURS => Ok(DeadlineSpec::Hours(n)),
            n => Err(Msg::both(
                format!("{n} is out of range: give 1 to {MAX_HOURS} clock hours, or working days"),
                format!("{n} 超出范围：请给出 1 至 {MAX_HOURS} 小时，或工作日数"),
            )),
        }
    }

    /// A time limit as an operator types it (the TUI's dispatch): a number of working days
    /// (`10`), clock hours (`24h`, `24小时`) or a date (`2017-12-31`), checked as `days`,
    /// `hours` and `date` check the CLI's; empty is the category's limit.
    pub fn parse(s: &str) -> Result<DeadlineSpec, Msg> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(DeadlineSpec::Default);
        }
        let lower = t.to_lowercase();
        for suffix in ["小时", "hours", "hour", "h"] {
            if let Some(n) = lower.strip_suffix(suffix).map(str::trim)
                && !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
            {
                return DeadlineSpec::hours(n.parse().unwrap_or(u32::MAX));
            }
        }
        if t.chars().all(|c| c.is_ascii_digit()) {
            return DeadlineSpec::days(t.parse().unwrap_or(u32::MAX));
        }
        if t.contains(['-', '/']) {
            return DeadlineSpec::date(t);
        }
        let q = crate::domain::text::quote(t);
        let max = crate::domain::time::MAX_DAYS;
        Err(Msg::both(
            format!(
                "'{q}' is neither working days, hours nor a date: give 1 to {max} working days (e.g. 15), clock hours (e.g. 24h) or a date (YYYY-MM-DD, e.g. 2017-12-31)"
            ),
            format!(
                "“{q}”既不是工作日数、小时数也不是日期：请填 1 至 {max} 个工作日（如 15）、小时数（如 24小时）或日期（YYYY-MM-DD，如 2017-12-31）"
            ),
        ))
    }
}

/// The limit a dispatch or redo at `from` gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// The deadline day (the end of it, unless `due` says when).
    pub deadline: NaiveDate,
    /// For a limit in clock hours, the time due.
    pub due: Option<NaiveDateTime>,
    /// When the holiday calendar does not cover the days counted.
    pub warning: Option<String>,
}

/// The deadline a dispatch at `from` gets, and a warning when the calendar does not cover it.
pub fn resolve_deadline(
    ctx: &Ctx,
    category: Category,
    from: NaiveDateTime,
    spec: DeadlineSpec,
) -> Limit {
    deadline_for(&ctx.limits, category, from, spec)
}

/// `resolve_deadline` with the time limits given (the TUI shows the deadline before the
/// dispatch is submitted).
pub fn deadline_for(
    limits: &TimeLimits,
    category: Category,
    now: NaiveDateTime,
    spec: DeadlineSpec,
) -> Limit {
    let cal = calendar();
    let from = now.date();
    let days = match spec {
        DeadlineSpec::Date(d) => {
            return Limit {
                deadline: d,
                due: None,
                warning: None,
            };
        }
        DeadlineSpec::Hours(h) => {
            let due = now + chrono::Duration::hours(i64::from(h));
            return Limit {
                deadline: due.date(),
                due: Some(due),
                warning: None,
            };
        }
        DeadlineSpec::Days(n) => n,
        DeadlineSpec::Default => limits.days(category),
    };
    let deadline = cal.add_working_days(from, days);
    let warning = (!cal.covers(from) || !cal.covers(deadline)).then(|| {
        let (a, b) = cal.years().unwrap_or((0, 0));
        format!(
            "warning: the holiday calendar covers {a}–{b}; the deadline {deadline} counts weekends only"
        )
    });
    Limit {
        deadline,
        due: None,
        warning,
    }
}

/// A new order as typed or imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewOrder {
    pub order_no: Option<String>,
    pub intake: Intake,
    pub received_at: Option<NaiveDateTime>,
}

fn clean_intake(i: &Intake) -> Intake {
    Intake {
        category: i.category,
        title: one_line(&i.title),
        content: sanitize(&i.content).trim().to_string(),
        citizen: one_line(&i.citizen),
        phone: one_line(&i.phone),
        address: one_line(&i.address),
    }
}

/// An action's text cleaned of control characters, as `act` records it.
pub fn clean_action(a: &Action) -> Action {
    let s = |t: &String| sanitize(t).trim().to_string();
    match a {
        Action::Dispatch {
            unit,
            deadline,
            due,
        } => Action::Dispatch {
            unit: one_line(unit),
            deadline: *deadline,
            due: *due,
        },
        Action::Reassign {
            unit,
            deadline,
            due,
            reason,
        } => Action::Reassign {
            unit: one_line(unit),
            deadline: *deadline,
            due: *due,
            reason: s(reason),
        },
        Action::Return { reason } => Action::Return { reason: s(reason) },
        Action::RequestExtension { until, reason } => Action::RequestExtension {
            until: *until,
            reason: s(reason),
        },
        Action::RefuseExtension { reason } => Action::RefuseExtension { reason: s(reason) },
        Action::Reply { text } => Action::Reply { text: s(text) },
        Action::ReviewReject { reason } => Action::ReviewReject { reason: s(reason) },
        Action::Urge { note } => Action::Urge { note: s(note) },
        Action::Supervise { note, on_site } => Action::Supervise {
            note: s(note),
            on_site: on_site.as_ref().map(|o| OnSite {
                place: one_line(&o.place),
                participants: one_line(&o.participants),
                measures: s(&o.measures),
                due: o.due,
            }),
        },
        Action::Redo {
            reason,
            deadline,
            due,
        } => Action::Redo {
            reason: s(reason),
            deadline: *deadline,
            due: *due,
        },
        Action::Close { reason } => Action::Close { reason: s(reason) },
        Action::Unmerge { reason } => Action::Unmerge { reason: s(reason) },
        other => other.clone(),
    }
}

/// 受理: record a new order. Returns its state (with the number given or assigned).
pub fn intake(store: &Store, ctx: &Ctx, new: &NewOrder) -> Result<Order> {
    let received_at = new.received_at.unwrap_or(ctx.now);
    store.write(|s| {
        let order_no = match &new.order_no {
            Some(no) => {
                let no = one_line(no);
                if no.is_empty() {
                    return Err(Error::Invalid(Msg::both(
                        "an order number cannot be empty: give one, or leave it out to have one assigned".into(),
                        "工单编号不能为空：请填写编号，或不填由系统分配".into(),
                    )));
                }
                if s.order_exists(&no)? {
                    return Err(Error::Invalid(Msg::both(
                        format!("order {no} already exists: give another number, or leave it out to have one assigned"),
                        format!("工单 {no} 已存在：请换一个编号，或不填由系统分配"),
                    )));
                }
                no
            }
            None => s.next_order_no(received_at.date())?,
        };
        let (order, event) = first_event(ctx, &order_no, new)?;
        s.insert_order(&order, &event)?;
        Ok(order)
    })
}

/// The part of `intake` that needs no database, for a number already checked: the role, the
/// cleaned intake checked by `workflow::intake`, and the order's first state. (The importer
/// plans whole histories in memory with this and `decide`, then writes them in bulk.)
pub fn first_event(ctx: &Ctx, order_no: &str, new: &NewOrder) -> Result<(Order, Event)> {
    policy::require(ctx, Work::Intake)?;
    policy::require_clock(ctx)?;
    let intake = clean_intake(&new.intake);
    let received_at = new.received_at.unwrap_or(ctx.now);
    let event = workflow::intake(intake, received_at, ctx.now, &ctx.operator).map_err(|e| {
        Error::Invalid(Msg::both(
            format!("cannot take in order {order_no}: {}", e.en),
            format!(
                "无法受理工单 {order_no}：{}",
                e.get(crate::domain::Lang::Zh)
            ),
        ))
    })?;
    let order = workflow::evolve(order_no, None, &event).map_err(Error::Store)?;
    Ok((order, event))
}

/// Apply one action to one order, inside a write transaction. `expected_version`, when
/// given, is the version the operator saw: if someone else changed the order since, the
/// action is refused with what changed (optimistic concurrency; the caller keeps its text).
pub fn act(
    store: &Store,
    ctx: &Ctx,
    order_no: &str,
    action: &Action,
    expected_version: Option<u32>,
) -> Result<Order> {
    store.write(|s| act_in(s, ctx, order_no, action, expected_version))
}

fn act_in(
    s: &Store,
    ctx: &Ctx,
    order_no: &str,
    action: &Action,
    expected_version: Option<u32>,
) -> Result<Order> {
    let order = s.require_order(order_no)?;
    policy::require_action(ctx, &order, action.name())?;
    if let Some(v) = expected_version.filter(|v| *v != order.version) {
        let events = s.events(order_no)?;
        let changed: Vec<_> = events
            .iter()
            .skip(v as usize)
            .filter(|e| e.kind.is_material())
            .collect();
        if changed.is_empty() {
            return act_in(s, ctx, order_no, action, None);
        }
        let list = |by: &str, sep: &str| {
            changed
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {by} {}",
                        e.at.format("%m-%d %H:%M"),
                        e.kind.zh(),
                        e.operator
                    )
                })
                .collect::<Vec<_>>()
                .join(sep)
        };
        return Err(Error::Conflict(Msg::both(
            format!(
                "order {order_no} changed since you opened it ({}); nothing was recorded, your text is kept: look again and retry",
                list("by", "; ")
            ),
            format!(
                "工单 {order_no} 在您打开后已被改动（{}）；本次未记录，您输入的内容仍在：请查看后重试",
                list("经办人", "；")
            ),
        )));
    }
    let (event, next) = step(ctx, &order, action, |unit| s.require_unit(unit))?;
    s.append(&order, &next, &event)?;
    follow_lead(s, ctx, &order, &next)?;
    Ok(next)
}

/// When a lead's reply is accepted (or the lead is closed), each order merged into it takes
/// that reply and waits for its own callback: one `FollowLead` event each, decided by `step`
/// in the same transaction as the lead's event.
fn follow_lead(s: &Store, ctx: &Ctx, prev: &Order, lead: &Order) -> Result<()> {
    use crate::domain::Status;
    let done = |st: Status| matches!(st, Status::AwaitingCallback | Status::Closed);
    if !done(lead.status) || done(prev.status) {
        return Ok(());
    }
    let text = lead.reply.clone().unwrap_or_default();
    for no in s.merged_followers(&lead.order_no)? {
        let f = s.require_order(&no)?;
        let action = Action::FollowLead {
            lead: lead.order_no.clone(),
            text: text.clone(),
        };
        let (event, next) = step(ctx, &f, &action, |unit| s.require_unit(unit))?;
        s.append(&f, &next, &event)?;
    }
    Ok(())
}

/// 并单: merge `order_no` into the lead order `lead_no` (the office's). The lead's state and
/// the orders already merged into `order_no` are read here, in the transaction, and checked
/// by `workflow::decide`.
pub fn merge(
    store: &Store,
    ctx: &Ctx,
    order_no: &str,
    lead_no: &str,
    expected_version: Option<u32>,
) -> Result<Order> {
    store.write(|s| {
        let lead = s.require_order(&one_line(lead_no))?;
        policy::require_see(ctx, &lead)?;
        let followers = s.merged_followers(order_no)?.len();
        let action = Action::Merge {
            lead: workflow::MergeLead {
                order_no: lead.order_no.clone(),
                status: lead.status,
                merged_into: lead.merged_into.clone(),
            },
            followers: u32::try_from(followers).unwrap_or(u32::MAX),
        };
        act_in(s, ctx, order_no, &action, expected_version)
    })
}

/// The one pipeline every event of an existing order goes through, whether typed, imported,
/// generated or bulk: the action's text cleaned (`clean_action`), the role's right
/// (`policy::require_action`), the unit of a dispatch (found by `unit`; it must be active),
/// `workflow::decide`, and `workflow::evolve`. Pure: it returns the event and the next state,
/// and the caller stores both (`act` in its transaction; the importer and the generator in
/// bulk), so nothing can be recorded that this function did not decide.
pub fn step(
    ctx: &Ctx,
    order: &Order,
    action: &Action,
    unit: impl FnOnce(&str) -> Result<Unit>,
) -> Result<(Event, Order)> {
    let action = clean_action(action);
    policy::require_clock(ctx)?;
    policy::require_action(ctx, order, action.name())?;
    if let Action::Dispatch { unit: name, .. } | Action::Reassign { unit: name, .. } = &action {
        let u = unit(name)?;
        if !u.active {
            return Err(Error::Input(format!(
                "unit '{name}' is inactive: choose another unit"
            )));
        }
    }
    let event = workflow::decide(order, &action, ctx.now, &ctx.operator)?;
    let next =
        workflow::evolve(&order.order_no, Some(order.clone()), &event).map_err(Error::Store)?;
    Ok((event, next))
}

/// 转办 with a deadline from the category's limit, N working days, or a date.
pub fn dispatch(
    store: &Store,
    ctx: &Ctx,
    order_no: &str,
    unit: &str,
    spec: DeadlineSpec,
    expected_version: Option<u32>,
) -> Result<(Order, Option<String>)> {
    let order = store.require_order(order_no)?;
    let limit = resolve_deadline(ctx, order.category, ctx.now, spec);
    let warning = limit.warning;
    let action = Action::Dispatch {
        unit: unit.to_string(),
        deadline: limit.deadline,
        due: limit.due,
    };
    Ok((
        act(store, ctx, order_no, &action, expected_version)?,
        warning,
    ))
}

/// 改派: the office moves an order from the unit holding it to `unit`, with a limit given as
/// a dispatch's is (the category's by default, from now) and a reason.
pub fn reassign(
    store: &Store,
    ctx: &Ctx,
    order_no: &str,
    unit: &str,
    spec: DeadlineSpec,
    reason: &str,
    expected_version: Option<u32>,
) -> Result<(Order, Option<String>)> {
    let order = store.require_order(order_no)?;
    let limit = resolve_deadline(ctx, order.category, ctx.now, spec);
    let warning = limit.warning;
    let action = Action::Reassign {
        unit: unit.to_string(),
        deadline: limit.deadline,
        due: limit.due,
        reason: reason.to_string(),
    };
    Ok((
        act(store, ctx, order_no, &action, expected_version)?,
        warning,
    ))
}

/// 重办 with a new deadline (by default the category's limit from today).
pub fn redo(
    store: &Store,
    ctx: &Ctx,
    order_no: &str,
    reason: &str,
    spec: DeadlineSpec,
    expected_version: Option<u32>,
) -> Result<(Order, Option<String>)> {
    let order = store.require_order(order_no)?;
    let limit = resolve_deadline(ctx, order.category, ctx.now, spec);
    let warning = limit.warning;
    let action = Action::Redo {
        reason: reason.to_string(),
        deadline: limit.deadline,
        due: limit.due,
    };
    Ok((
        act(store, ctx, order_no, &action, expected_version)?,
        warning,
    ))
}

/// 催办 many orders at once (one transaction: all or nothing). Returns how many were urged.
pub fn urge_many(store: &Store, ctx: &Ctx, order_nos: &[String], note: &str) -> Result<usize> {
    policy::require(ctx, Work::BulkUrge)?;
    // (`ops::step` cleans the note, as for every action.)
    let action = Action::Urge {
        note: note.to_string(),
    };
    // One transaction; the scorecard's running sums are summed over the batch and written
    // once (every urge of the batch lands on the same day rows).
    store.write(|s| {
        s.batch_tally(|s| {
            for no in order_nos {
                act_in(s, ctx, no, &action, None)?;
            }
            Ok(order_nos.len())
        })
    })
}

/// One operation on each of `order_nos` (the TUI's marked orders), all or nothing: one
/// transaction, the running sums written once. `f` records it on one order (through `act`,
/// `dispatch` or `redo`: the same checks as for one order). A refusal names the order it
/// came from; nothing is recorded then. Returns how many were recorded.
pub fn each_order(
    store: &Store,
    order_nos: &[String],
    mut f: impl FnMut(&str) -> Result<()>,
) -> std::result::Result<usize, (String, Error)> {
    let failed = std::cell::RefCell::new(None);
    let out = store.write(|s| {
        s.batch_tally(|_| {
            for no in order_nos {
                if let Err(e) = f(no) {
                    *failed.borrow_mut() = Some(no.clone());
                    return Err(e);
                }
            }
            Ok(order_nos.len())
        })
    });
    out.map_err(|e| (failed.into_inner().unwrap_or_default(), e))
}

/// 督办 of a unit as a whole (not one order): counted in the unit's supervisions. Checked by
/// the policy and by `workflow::decide_unit` (the same rules as a supervision of an order).
/// Its own write transaction (a savepoint inside a caller's, e.g. the demo's or an import's).
pub fn supervise_unit(
    store: &Store,
    ctx: &Ctx,
    unit: &str,
    note: &str,
    on_site: Option<OnSite>,
) -> Result<Event> {
    policy::require(ctx, Work::SuperviseUnit)?;
    policy::require_clock(ctx)?;
    let u = store.require_unit(unit)?;
    let action = clean_action(&Action::Supervise {
        note: note.to_string(),
        on_site,
    });
    let event = workflow::decide_unit(&u.name, &action, ctx.now, &ctx.operator)?;
    store.write(|s| s.append_unit_event(&event))?;
    Ok(event)
}

/// Record that `orders` orders were exported (`masked` or with the citizens' full names and
/// phones): who, when, how many. The office's work; its own transaction.
pub fn record_export(store: &Store, ctx: &Ctx, orders: u64, masked: bool) -> Result<Event> {
    policy::require(ctx, Work::Export)?;
    policy::require_clock(ctx)?;
    let event = workflow::export_event(orders, masked, ctx.now, &ctx.operator);
    store.write(|s| s.append_unit_event(&event))?;
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_time_limit_is_working_days_or_a_date_checked_once() {
        assert_eq!(DeadlineSpec::parse(" "), Ok(DeadlineSpec::Default));
        assert_eq!(DeadlineSpec::parse("15"), Ok(DeadlineSpec::Days(15)));
        assert_eq!(DeadlineSpec::parse("2h"), Ok(DeadlineSpec::Hours(2)));
        assert_eq!(DeadlineSpec::parse("24 小时"), Ok(DeadlineSpec::Hours(24)));
        assert_eq!(DeadlineSpec::parse("24小时"), Ok(DeadlineSpec::Hours(24)));
        assert_eq!(DeadlineSpec::parse("48 Hours"), Ok(DeadlineSpec::Hours(48)));
        assert!(DeadlineSpec::parse("0h").is_err());
        assert!(DeadlineSpec::parse("169h").is_err());
        assert!(DeadlineSpec::parse("h").is_err());
        let d = NaiveDate::from_ymd_opt(2017, 12, 31).unwrap();
        assert_eq!(DeadlineSpec::parse("2017-12-31"), Ok(DeadlineSpec::Date(d)));
        assert_eq!(DeadlineSpec::parse("2017/12/31"), Ok(DeadlineSpec::Date(d)));
        for (bad, en, zh) in [
            ("0", "at least 1", "至少为 1"),
            ("366", "366 is out of range", "366 超出范围"),
            ("99999999999", "out of range", "超出范围"),
            (
                "2017-13-01",
                "'2017-13-01' is not a date",
                "“2017-13-01”不是日期",
            ),
            ("2300-01-01", "out of range", "年份超出范围"),
            ("soon", "'soon' is neither", "“soon”既不是"),
        ] {
            let m = DeadlineSpec::parse(bad).unwrap_err();
            assert!(m.en.contains(en), "{bad}: {}", m.en);
            assert!(
                m.zh.as_deref().is_some_and(|z| z.contains(zh)),
                "{bad}: {m:?}"
            );
        }
    }
}
