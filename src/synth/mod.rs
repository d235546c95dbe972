//! `hotline gen` (module `synth`): a realistic synthetic database at full speed, for benchmarks and for trying
//! the program at scale. Orders are spread over the years before "now"; each gets a history
//! planned like a real one (dispatch, signing, replies — some vague and sent back —, review,
//! callback, close; urges and supervisions on late ones; returns and redos now and then) and
//! checked by the same pipeline as a typed action (`ops::first_event`, `ops::step`), so a generated database obeys every rule a real one does
//! (`hotline check` passes). Deterministic for a seed.

use crate::demo::texts::{self, Rng};
use crate::domain::{Action, CallbackResult, Category, Event, Order, Unit, UnitKind};
use crate::error::{Error, Result};
use crate::ops::{self, Ctx, DeadlineSpec};
use crate::store::Store;
use chrono::{Duration, NaiveDateTime};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct GenOptions {
    pub orders: u64,
    /// Number of units (the county's 42 first, then invented ones).
    pub units: usize,
    pub years: u32,
    pub seed: u64,
    pub now: NaiveDateTime,
}

/// Orders written per transaction: bounds the WAL while keeping the load fast.
const CHUNK: usize = 20_000;

fn unit_names(n: usize) -> Vec<(String, UnitKind)> {
    let shipped = include_str!("../../data/units-haiyuan.csv");
    let mut out: Vec<(String, UnitKind)> = shipped
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .map(|(n, k)| (n.to_string(), k.parse().unwrap_or(UnitKind::Department)))
        .collect();
    let mut i = 1;
    while out.len() < n {
        let (name, kind) = if i % 2 == 0 {
            (format!("第{i}街道办"), UnitKind::Township)
        } else {
            (format!("城区{i}管理局"), UnitKind::Department)
        };
        out.push((name, kind));
        i += 1;
    }
    out.truncate(n.max(1));
    out
}

struct Plan<'a> {
    rng: &'a mut Rng,
    /// Who acts and when, set for each step (the generator acts as an admin).
    ctx: Ctx,
    now: NaiveDateTime,
    order: Option<Order>,
    events: Vec<Event>,
}

impl Plan<'_> {
    /// Try an action at `at` (clamped to keep time moving forward and before now).
    fn step(&mut self, at: NaiveDateTime, operator: &str, action: Action) -> bool {
        let Some(o) = self.order.clone() else {
            return false;
        };
        self.ctx.now = at.max(o.updated_at).min(self.now);
        operator.clone_into(&mut self.ctx.operator);
        // The same pipeline as a typed action; every generated unit is active.
        let unit = |name: &str| {
            Ok(Unit {
                id: 0,
                name: name.to_string(),
                kind: UnitKind::Department,
                active: true,
            })
        };
        match ops::step(&self.ctx, &o, &action, unit) {
            Ok((e, next)) => {
                self.order = Some(next);
                self.events.push(e);
                true
            }
            Err(_) => false,
        }
    }
    fn later(&mut self, lo_min: i64, hi_min: i64) -> NaiveDateTime {
        let base = self
            .order
            .as_ref()
            .map(|o| o.updated_at)
            .unwrap_or(self.now);
        base + Duration::minutes(lo_min + self.rng.below((hi_min - lo_min).max(1) as u64) as i64)
    }
}

/// Plan one order's whole history.
fn plan_order(
    rng: &mut Rng,
    ctx: &Ctx,
    no: String,
    received: NaiveDateTime,
    unit: &(String, UnitKind),
    units: &[(String, UnitKind)],
) -> Option<(Order, Vec<Event>)> {
    let now = ctx.now;
    let township = unit.1 == UnitKind::Township;
    let category = match rng.below(100) {
        0..=2 => Category::Inquiry,
        3..=9 => Category::Suggestion,
        _ => Category::Request,
    };
    let (intake, story) = crate::demo::invented_intake(rng, &unit.0, township, category);
    let (order, first) = ops::first_event(
        &ctx.at(received).as_operator("热线办"),
        &no,
        &ops::NewOrder {
            order_no: Some(no.clone()),
            intake,
            received_at: Some(received),
        },
    )
    .ok()?;
    let mut p = Plan {
        rng,
        ctx: ctx.clone(),
        now,
        order: Some(order),
        events: vec![first],
    };
    let age_days = (now - received).num_days();
    // Just received: still with the office.
    if age_days < 1 && p.rng.chance(50) {
        return p.order.map(|o| (o, p.events));
    }
    let office = "热线办";
    let liaison = format!("{}联络员", unit.0);
    let dispatch = |p: &mut Plan, unit: &str| {
        let at = p.later(20, 240);
        let deadline = ops::resolve_deadline(ctx, category, at, DeadlineSpec::Default).deadline;
        p.step(
            at,
            office,
            Action::Dispatch {
                unit: unit.to_string(),
                deadline,
                due: None,
            },
        )
    };
    // Now and then a mis-dispatch: returned, then sent to the right unit.
    if p.rng.chance(2) {
        let wrong = &p.rng.pick(units).0.clone();
        if wrong != &unit.0 && dispatch(&mut p, wrong) {
            let at = p.later(600, 2000);
            let reason = texts::return_reason(p.rng, &unit.0);
            p.step(at, &format!("{wrong}联络员"), Action::Return { reason });
            let at = p.later(10, 120);
            p.step(at, office, Action::ApproveReturn);
        }
    }
    dispatch(&mut p, &unit.0);
    let deadline = p.order.as_ref().and_then(|o| o.deadline);
    // How far the order got: old orders are mostly closed; a few stay late.
    let late = p.rng.chance(if age_days > 60 { 4 } else { 10 });
    let target = if late {
        p.rng.below(3)
    } else if age_days > 20 {
        6
    } else {
        p.rng.below(7)
    };
    if target >= 1 {
        let at = p.later(30, 1800);
        p.step(at, &liaison, Action::Accept);
    }
    // 先行联系: most units reach the citizen within hours or a day or two; some never.
    let contacted = p.rng.chance(85) && {
        let after = p.order.as_ref().map_or(now, |o| o.updated_at);
        let at = crate::demo::contact_at(p.rng, after);
        let note = p.rng.pick(&crate::demo::CONTACT_NOTES).to_string();
        at < now && p.step(at, &liaison, Action::Contact { note })
    };
    if late {
        if let Some(d) = deadline {
            let mut at = d.and_hms_opt(9, 0, 0).unwrap_or(received) + Duration::days(1);
            for _ in 0..(1 + p.rng.below(3)) {
                at += Duration::days(1 + p.rng.below(10) as i64);
                if at >= now {
                    break;
                }
                let note = texts::urge_note(p.rng);
                p.step(at, office, Action::Urge { note });
            }
            if p.rng.chance(30) {
                let at = at + Duration::days(5);
                if at < now {
                    let note = texts::supervise_note(p.rng, &unit.0);
                    p.step(
                        at,
                        office,
                        Action::Supervise {
                            note,
                            on_site: None,
                        },
                    );
                }
            }
        }
        return p.order.map(|o| (o, p.events));
    }
    if target >= 2 {
        if p.rng.chance(8) {
            let at = p.later(600, 6000);
            let text = texts::reply_text(p.rng, &unit.0, &story, true);
            p.step(at, &liaison, Action::Reply { text });
            let at = p.later(60, 600);
            p.step(
                at,
                office,
                Action::ReviewReject {
                    reason: "回复不具体，请说明办理措施和时限".into(),
                },
            );
        }
        let at = p.later(600, 8000);
        let text = texts::reply_text(p.rng, &unit.0, &story, false);
        p.step(at, &liaison, Action::Reply { text });
    }
    if target >= 3 {
        let at = p.later(60, 600);
        p.step(at, office, Action::ReviewAccept);
    }
    if target >= 4 {
        let result = match p.rng.below(100) {
            0..=64 => CallbackResult::Satisfied,
            65..=84 => CallbackResult::BasicallySatisfied,
            85..=92 => CallbackResult::Unreachable,
            _ => CallbackResult::Unsatisfied,
        };
        let redo = result == CallbackResult::Unsatisfied && p.rng.chance(60);
        // Closed unsatisfied without a redo: the policy was explained.
        let explained = !redo && target >= 5;
        let answers = crate::demo::answers_for(p.rng, result, contacted, explained);
        let at = p.later(600, 2000);
        p.step(at, office, Action::Callback { result, answers });
        if redo {
            let at = p.later(10, 60);
            let reason = texts::redo_reason(p.rng);
            let deadline = ops::resolve_deadline(ctx, category, at, DeadlineSpec::Default).deadline;
            p.step(
                at,
                office,
                Action::Redo {
                    reason,
                    deadline,
                    due: None,
                },
            );
            if target >= 5 {
                let at = p.later(600, 6000);
                let text = texts::reply_text(p.rng, &unit.0, &story, false);
                p.step(at, &liaison, Action::Reply { text });
                let at = p.later(60, 600);
                p.step(at, office, Action::ReviewAccept);
                let at = p.later(600, 2000);
                let result = CallbackResult::Satisfied;
                let answers = crate::demo::answers_for(p.rng, result, contacted, false);
                p.step(at, office, Action::Callback { result, answers });
            }
        }
    }
    if target >= 5 {
        let at = p.later(5, 60);
        let reason =
            if p.order.as_ref().and_then(|o| o.callback) == Some(CallbackResult::Unsatisfied) {
                "诉求不符合现行政策，已向诉求人解释".to_string()
            } else {
                String::new()
            };
        p.step(at, office, Action::Close { reason });
    }
    p.order.map(|o| (o, p.events))
}

/// Generate into a new database file. Returns a one-line summary.
pub fn generate(path: &Path, opt: &GenOptions) -> Result<String> {
    if path.exists() {
        return Err(Error::Input(format!(
            "{} already exists: gen writes a new database; remove it or pass another --db",
            path.display()
        )));
    }
    if opt.orders == 0 || opt.years == 0 {
        return Err(Error::Input(
            "--orders and --years must be at least 1".into(),
        ));
    }
    let started = Instant::now();
    let store = Store::create(path)?;
    let units = unit_names(opt.units);
    store.write(|s| {
        for (name, kind) in &units {
            s.add_unit(name, *kind)?;
        }
        Ok(())
    })?;
    let ctx = Ctx::new(opt.now, "gen");
    let mut rng = Rng::new(opt.seed);
    let span_min = i64::from(opt.years) * 365 * 24 * 60;
    // Received times in order, so order numbers and ids follow time as in real life.
    let start = opt.now - Duration::minutes(span_min);
    let step = span_min as f64 / opt.orders as f64;
    let mut batch = Vec::with_capacity(CHUNK);
    let mut day_seq: (chrono::NaiveDate, u32) = (start.date(), 0);
    let mut total = 0u64;
    for i in 0..opt.orders {
        let jitter = rng.below(step.max(1.0) as u64) as i64;
        let received = start + Duration::minutes((i as f64 * step) as i64 + jitter);
        let received = received.min(opt.now);
        if received.date() != day_seq.0 {
            day_seq = (received.date(), 0);
        }
        day_seq.1 += 1;
        let no = format!("{}{:05}", received.format("%Y%m%d"), day_seq.1);
        // Busy units get more: weight by position (the county's big ones are first).
        let k =
            (rng.below(units.len() as u64) * rng.below(units.len() as u64)) as usize / units.len();
        let unit = &units[k.min(units.len() - 1)];
        if let Some(x) = plan_order(&mut rng, &ctx, no, received, unit, &units) {
            batch.push(x);
        }
        if batch.len() == CHUNK || i + 1 == opt.orders {
            total += batch.len() as u64;
            store.write(|s| s.bulk_insert(&batch))?;
            batch.clear();
            if std::io::stderr().is_terminal() {
                eprint!("\rgen: {total} / {} orders", opt.orders);
            }
        }
    }
    if std::io::stderr().is_terminal() {
        eprintln!();
    }
    store.set_clock(&crate::domain::time::fmt(opt.now))?;
    let secs = started.elapsed().as_secs_f64();
    Ok(format!(
        "generated {} orders, {} events in {:.1} s ({:.0} orders/s) into {}; its clock is {}",
        total,
        store.count_events()?,
        secs,
        total as f64 / secs.max(1e-9),
        path.display(),
        crate::domain::time::fmt(opt.now)
    ))
}
