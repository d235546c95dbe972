//! The demo database: the 2017 Haiyuan bulletin (〔2018〕2号), rebuilt order by order.
//!
//! The bulletin's appendix tables (`data/demo-bulletin-2017.csv`) say, per unit, how many
//! orders it was assigned, how many it closed, how many were overdue more than 30 days and how
//! often it was supervised. This module *plans* a history for every order that produces exactly
//! those figures under the scorecard's definitions, then *performs* it through `ops` — the same
//! operations an operator uses — so no figure is ever written directly. Deterministic: a fixed
//! seed, a fixed clock.

pub mod texts;

use crate::domain::order::{Answers, Solved};
use crate::domain::scorecard::OVERDUE_DAYS;
use crate::domain::{Action, CallbackResult, Category, Intake, OnSite, UnitKind};
use crate::error::{Error, Result};
use crate::ops::{self, Ctx, DeadlineSpec, NewOrder};
use crate::store::Store;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use std::path::Path;
use texts::Rng;

/// The bulletin's period and report time.
pub const FROM: &str = "2017-10-27";
pub const TO: &str = "2017-12-31";
pub const AS_OF: &str = "2017-12-31T23:59:59";
/// The demo database's own clock: the evening the bulletin was counted.
pub const CLOCK: &str = "2017-12-31T23:59:00";
const SEED: u64 = 20171231;
/// Orders received but still with the office on the report date.
const WITH_OFFICE_RECEIVED: usize = 5;
const WITH_OFFICE_RETURNED: usize = 3;
/// Orders redone at least once (the bulletin: 39).
const REDONE: usize = 39;
const BULLETIN: &str = include_str!("../../data/demo-bulletin-2017.csv");

/// One row of the bulletin's tables.
#[derive(Debug, Clone)]
pub struct BulletinRow {
    pub kind: UnitKind,
    pub unit: String,
    pub assigned: u32,
    pub closed: u32,
    pub overdue_30d: u32,
    pub supervisions: u32,
}

pub fn bulletin_rows() -> Result<Vec<BulletinRow>> {
    let mut rows = Vec::new();
    for (i, line) in BULLETIN.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let bad = || {
            Error::Store(format!(
                "data/demo-bulletin-2017.csv line {}: malformed",
                i + 1
            ))
        };
        if f.len() != 8 {
            return Err(bad());
        }
        let n = |s: &str| s.trim().parse::<u32>().map_err(|_| bad());
        rows.push(BulletinRow {
            kind: f[2].parse().map_err(|_| bad())?,
            unit: f[3].to_string(),
            assigned: n(f[4])?,
            closed: n(f[5])?,
            overdue_30d: n(f[6])?,
            supervisions: n(f[7])?,
        });
    }
    Ok(rows)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn t(s: &str) -> NaiveDateTime {
    crate::domain::time::parse_datetime(s, false).unwrap_or_default()
}

/// An invented citizen's request fitting `unit` (title, content, name, phone, address — where
/// the content says), drawn from `texts` in a fixed order so a seed always gives the same
/// order; with its story, that the unit's replies answer (`texts::reply_text`).
pub fn invented_intake(
    rng: &mut Rng,
    unit: &str,
    township: bool,
    category: Category,
) -> (Intake, texts::Story) {
    let story = texts::story(rng, unit, township, category.code());
    let c = texts::citizen_of(rng, unit, township, &story);
    let intake = Intake {
        category: Some(category),
        title: story.title.clone(),
        content: story.content.clone(),
        citizen: c.name,
        phone: c.phone,
        address: c.address,
    };
    (intake, story)
}

/// What happens to an order, at a time.
#[derive(Debug, Clone)]
enum Step {
    Intake(Intake),
    Dispatch(String),
    Accept,
    Return(String),
    RequestExtension(NaiveDate, String),
    ApproveExtension,
    Reply(String),
    ReviewAccept,
    ReviewReject(String),
    Urge(String),
    Supervise(String, Option<OnSite>),
    SuperviseUnit(String, String, Option<OnSite>),
    Callback(CallbackResult, Answers),
    /// 先行联系 by the unit, with its note.
    Contact(String),
    Redo(String),
    Close(String),
}

/// A citizen's answers to a callback of satisfaction `result` (none when unreachable), as
/// the demo and `hotline gen` draw them: one the unit recorded contacting mostly says it was
/// contacted; the less satisfied, the less often solved; an unsatisfied citizen whose order
/// is closed with the policy's explanation mostly says 解释说明.
pub(crate) fn answers_for(
    r: &mut Rng,
    result: CallbackResult,
    was_contacted: bool,
    explained: bool,
) -> Answers {
    if !result.reached() {
        return Answers::default();
    }
    let contacted = r.chance(if was_contacted { 93 } else { 40 });
    let roll = r.below(100);
    let solved = match result {
        CallbackResult::Satisfied if roll < 86 => Solved::Yes,
        CallbackResult::Satisfied if roll < 98 => Solved::Explained,
        CallbackResult::BasicallySatisfied if roll < 55 => Solved::Yes,
        CallbackResult::BasicallySatisfied if roll < 88 => Solved::Explained,
        CallbackResult::Unsatisfied if explained && roll < 80 => Solved::Explained,
        CallbackResult::Unsatisfied if !explained && roll < 8 => Solved::Yes,
        CallbackResult::Unsatisfied if !explained && roll < 30 => Solved::Explained,
        _ => Solved::No,
    };
    Answers {
        contacted: Some(contacted),
        solved: Some(solved),
    }
}

/// When a unit first reaches the citizen after `after` (a dispatch, a signing): mostly within
/// hours, some the next day or the one after, always in the day (08:00–20:00).
pub(crate) fn contact_at(r: &mut Rng, after: NaiveDateTime) -> NaiveDateTime {
    let minutes = match r.below(100) {
        0..=59 => 10 + r.below(230),
        60..=89 => 240 + r.below(20 * 60),
        _ => 24 * 60 + r.below(24 * 60),
    };
    let t = after + Duration::minutes(minutes as i64);
    let morning = |day: NaiveDate, r: &mut Rng| {
        day.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN))
            + Duration::minutes(r.below(150) as i64)
    };
    match t.hour() {
        0..=7 => morning(t.date(), r),
        20.. => morning(t.date() + Duration::days(1), r),
        _ => t,
    }
}

/// What a unit notes of its first contact.
pub(crate) const CONTACT_NOTES: [&str; 4] = [
    "已电话联系诉求人，了解具体情况",
    "已与诉求人电话沟通，告知办理进度",
    "已上门与诉求人见面，核实诉求",
    "已联系诉求人，约定现场查看时间",
];

/// The shape of an order's life, chosen per unit so its row comes out as the bulletin says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    ClosedOnTime { redo: bool },
    ClosedLate30,
    OpenLate30,
    OpenRecent { redo: bool },
}

struct Planner {
    rng: Rng,
    /// The first contacts and the callbacks' answers: a stream of their own, so that what
    /// the bulletin's figures rest on is drawn as before.
    facts: Rng,
    ctx: Ctx,
    end: NaiveDateTime,
    steps: Vec<(NaiveDateTime, usize, usize, Step)>,
    orders: usize,
}

impl Planner {
    fn at(&mut self, day: NaiveDate, from_h: u32, to_h: u32) -> NaiveDateTime {
        let span = (to_h.saturating_sub(from_h)).max(1) as u64 * 60;
        let m = self.rng.below(span) as u32;
        let time = NaiveTime::from_hms_opt(from_h + m / 60, m % 60, self.rng.below(60) as u32)
            .unwrap_or(NaiveTime::MIN);
        day.and_time(time)
    }
    fn day_in(&mut self, a: NaiveDate, b: NaiveDate) -> NaiveDate {
        let n = (b - a).num_days().max(0) as u64 + 1;
        a + Duration::days(self.rng.below(n) as i64)
    }
    fn minutes(&mut self, t: NaiveDateTime, lo: u64, hi: u64) -> NaiveDateTime {
        t + Duration::minutes((lo + self.rng.below(hi - lo + 1)) as i64)
    }
    /// A working-hours moment `days` working days after `t` (0: later the same day).
    fn workday_after(&mut self, t: NaiveDateTime, days: u32) -> NaiveDateTime {
        if days == 0 {
            return self.minutes(t, 20, 180);
        }
        let day = ops::calendar().add_working_days(t.date(), days);
        self.at(day, 8, 17)
    }
    fn deadline(&self, category: Category, day: NaiveDate) -> NaiveDate {
        ops::resolve_deadline(
            &self.ctx,
            category,
            day.and_time(NaiveTime::MIN),
            DeadlineSpec::Default,
        )
        .deadline
    }
}

/// One planned order: its steps (relative order kept), and what it must come to.
struct Draft {
    steps: Vec<(NaiveDateTime, Step)>,
    deadline: Option<NaiveDate>,
    closed_at: Option<NaiveDateTime>,
}

impl Draft {
    fn last(&self) -> NaiveDateTime {
        self.steps.last().map(|s| s.0).unwrap_or_default()
    }
    fn push(&mut self, at: NaiveDateTime, s: Step) {
        self.steps.push((at, s));
    }
    fn days_overdue(&self, as_of: NaiveDateTime) -> i64 {
        let Some(dl) = self.deadline else { return 0 };
        let at = self.closed_at.unwrap_or(as_of);
        (at.date() - dl).num_days().max(0)
    }
}

fn draft_order(
    p: &mut Planner,
    unit: &str,
    township: bool,
    category: Category,
    fate: Fate,
) -> Draft {
    let start = d(FROM);
    let (a, b) = match fate {
        Fate::ClosedOnTime { redo: false } => (start, d("2017-12-12")),
        Fate::ClosedOnTime { redo: true } => (start, d("2017-11-24")),
        Fate::ClosedLate30 => (start, d("2017-11-03")),
        Fate::OpenLate30 => (start, d("2017-11-14")),
        Fate::OpenRecent { redo: false } => (d("2017-11-17"), d("2017-12-29")),
        Fate::OpenRecent { redo: true } => (d("2017-11-17"), d("2017-12-08")),
    };
    let day = p.day_in(a, b);
    let received = p.at(day, 8, 17);
    let (intake, story) = invented_intake(&mut p.rng, unit, township, category);
    let liaison = format!("{unit}联络员");
    let mut dr = Draft {
        steps: vec![],
        deadline: None,
        closed_at: None,
    };
    dr.push(received, Step::Intake(intake));
    let dispatched = p.minutes(received, 15, 90);
    dr.push(dispatched, Step::Dispatch(unit.to_string()));
    let mut deadline = p.deadline(category, dispatched.date());
    dr.deadline = Some(deadline);

    // Signing: most units sign within a working day; some late orders were never signed.
    let unsigned = matches!(fate, Fate::OpenLate30) && p.rng.chance(20)
        || matches!(fate, Fate::OpenRecent { redo: false }) && day >= d("2017-12-27");
    if unsigned {
        if fate == Fate::OpenLate30 {
            urges_after(p, &mut dr, deadline);
        }
        return dr;
    }
    let lag = p.rng.below(2) as u32;
    let signed = p.workday_after(dispatched, lag);
    dr.push(signed, Step::Accept);
    let _ = liaison;

    // The reply's day, by fate.
    let reply_day = match fate {
        Fate::ClosedOnTime { .. } | Fate::OpenRecent { .. } => {
            let late = p.rng.chance(10);
            let base = if late {
                deadline + Duration::days(1 + p.rng.below(15) as i64)
            } else {
                let lo = signed.date();
                p.day_in(lo, deadline.max(lo))
            };
            base.max(signed.date())
        }
        Fate::ClosedLate30 => deadline + Duration::days(OVERDUE_DAYS + 1 + p.rng.below(6) as i64),
        Fate::OpenLate30 => {
            // Late orders: urged after the deadline; some got a vague answer that was sent back.
            urges_after(p, &mut dr, deadline);
            if p.rng.chance(35) {
                let day = deadline + Duration::days(5 + p.rng.below(20) as i64);
                let at = p.at(day, 9, 16).max(dr.last() + Duration::minutes(5));
                dr.push(
                    at,
                    Step::Reply(texts::reply_text(&mut p.rng, unit, &story, true)),
                );
                let rej = p.minutes(at, 30, 240);
                dr.push(
                    rej,
                    Step::ReviewReject(
                        "回复不具体，未说明办理措施和时限，请重新办理并回复群众".into(),
                    ),
                );
            }
            return dr;
        }
    };
    if fate == (Fate::OpenRecent { redo: false }) && p.rng.chance(6) {
        // An extension asked for before the deadline, approved the next working day.
        let ask = p
            .workday_after(signed, 1)
            .min(deadline.and_time(NaiveTime::MIN) + Duration::hours(10));
        if ask > dr.last() {
            let until = ops::calendar().add_working_days(deadline, 10);
            dr.push(
                ask,
                Step::RequestExtension(until, "涉及多部门协调，需现场勘查后制定方案".into()),
            );
            let ok = p.workday_after(ask, 1);
            dr.push(ok, Step::ApproveExtension);
            deadline = until;
            dr.deadline = Some(until);
        }
    }
    // Open recent orders stop at some point along the way.
    let stop: u64 = if matches!(fate, Fate::OpenRecent { redo: false }) {
        p.rng.below(4) // 0: handling, 1: replied (to review), 2: awaiting callback, 3: handling
    } else {
        9
    };
    if stop == 0 || stop == 3 {
        if p.rng.chance(30) && deadline < d("2017-12-29") {
            urges_after(p, &mut dr, deadline);
        }
        return dr;
    }
    let mut reply_at = p
        .at(reply_day, 8, 18)
        .max(dr.last() + Duration::minutes(10));
    if p.rng.chance(10) {
        dr.push(
            reply_at,
            Step::Reply(texts::reply_text(&mut p.rng, unit, &story, true)),
        );
        let rej = p.minutes(reply_at, 30, 240);
        dr.push(
            rej,
            Step::ReviewReject("回复内容为“正在办理中”，未答复群众诉求，退回重办".into()),
        );
        reply_at = p.workday_after(rej, 1);
    }
    dr.push(
        reply_at,
        Step::Reply(texts::reply_text(&mut p.rng, unit, &story, false)),
    );
    if stop == 1 {
        return dr;
    }
    let reviewed = p.minutes(reply_at, 30, 300);
    dr.push(reviewed, Step::ReviewAccept);
    if stop == 2 {
        return dr;
    }
    let called = p.workday_after(reviewed, 1);
    let redo = matches!(
        fate,
        Fate::ClosedOnTime { redo: true } | Fate::OpenRecent { redo: true }
    );
    if redo {
        dr.push(
            called,
            Step::Callback(CallbackResult::Unsatisfied, Answers::default()),
        );
        let redone = p.minutes(called, 10, 60);
        dr.push(redone, Step::Redo(texts::redo_reason(&mut p.rng)));
        deadline = p.deadline(category, redone.date());
        dr.deadline = Some(deadline);
        if matches!(fate, Fate::OpenRecent { .. }) {
            return dr;
        }
        let lo = p.workday_after(redone, 1).date();
        let day = p.day_in(lo, deadline.max(lo));
        let again = p.at(day, 8, 18).max(redone + Duration::minutes(30));
        dr.push(
            again,
            Step::Reply(texts::reply_text(&mut p.rng, unit, &story, false)),
        );
        let reviewed = p.minutes(again, 30, 300);
        dr.push(reviewed, Step::ReviewAccept);
        let called = p.workday_after(reviewed, 1);
        dr.push(
            called,
            Step::Callback(CallbackResult::Satisfied, Answers::default()),
        );
        let closed = p.minutes(called, 5, 30);
        dr.push(closed, Step::Close(String::new()));
        dr.closed_at = Some(closed);
        return dr;
    }
    let roll = p.rng.below(100);
    let (result, reason) = match roll {
        0..=59 => (CallbackResult::Satisfied, String::new()),
        60..=84 => (CallbackResult::BasicallySatisfied, String::new()),
        85..=92 => (CallbackResult::Unreachable, String::new()),
        _ => (
            CallbackResult::Unsatisfied,
            "诉求不符合现行政策规定，已向诉求人耐心解释".to_string(),
        ),
    };
    dr.push(called, Step::Callback(result, Answers::default()));
    let closed = p.minutes(called, 5, 30);
    dr.push(closed, Step::Close(reason));
    dr.closed_at = Some(closed);
    dr
}

/// One to three urges after the deadline has passed.
fn urges_after(p: &mut Planner, dr: &mut Draft, deadline: NaiveDate) {
    let n = 1 + p.rng.below(3);
    let mut at = dr.last();
    for k in 0..n {
        let day = deadline + Duration::days(1 + 3 * k as i64 + p.rng.below(4) as i64);
        at = p.at(day, 9, 17).max(at + Duration::minutes(5));
        if at >= p.end {
            break;
        }
        let note = texts::urge_note(&mut p.rng);
        dr.push(at, Step::Urge(note));
    }
}

/// Does a draft come out as its fate requires under the scorecard's definitions?
fn fits(dr: &Draft, fate: Fate, end: NaiveDateTime, as_of: NaiveDateTime) -> bool {
    if dr.last() > end {
        return false;
    }
    let late30 = dr.days_overdue(as_of) > OVERDUE_DAYS;
    match fate {
        Fate::ClosedOnTime { .. } => dr.closed_at.is_some() && !late30,
        Fate::ClosedLate30 => dr.closed_at.is_some() && late30,
        Fate::OpenLate30 => dr.closed_at.is_none() && late30,
        Fate::OpenRecent { .. } => dr.closed_at.is_none() && !late30,
    }
}

impl Planner {
    /// Whether order `idx`, as planned so far, is with its unit and owes the next step (to
    /// sign or to reply) at `at`: what an urge or a supervision needs.
    fn owes_at(&self, idx: usize, at: NaiveDateTime) -> bool {
        let mut steps: Vec<&(NaiveDateTime, usize, usize, Step)> = self
            .steps
            .iter()
            .filter(|s| s.1 == idx && s.0 < at)
            .collect();
        steps.sort_by_key(|s| (s.0, s.2));
        let mut owes = false;
        for s in steps {
            match s.3 {
                Step::Dispatch(_) | Step::Accept | Step::ReviewReject(_) | Step::Redo(_) => {
                    owes = true
                }
                Step::Intake(_)
                | Step::Return(_)
                | Step::Reply(_)
                | Step::ReviewAccept
                | Step::Callback(..)
                | Step::Close(_) => owes = false,
                _ => {}
            }
        }
        owes
    }

    /// The facts the bulletin's figures do not rest on, added to a planned order: the unit's
    /// first contact (先行联系) after most dispatches — minutes to a couple of days later,
    /// while it still holds the order; now and then never —, and each callback's answers
    /// (did the unit contact you, is it solved), as a citizen of that satisfaction gives
    /// them: a contacted citizen mostly says so; an unsatisfied one mostly not solved, or
    /// explained when the order is closed with the policy's explanation.
    fn facts(&mut self, dr: &mut Draft) {
        let r = &mut self.facts;
        let mut contacts = Vec::new();
        for (i, (at, step)) in dr.steps.iter().enumerate() {
            if !matches!(step, Step::Dispatch(_)) {
                continue;
            }
            // The unit holds it until it replies (or returns it).
            let until = dr.steps[i + 1..]
                .iter()
                .find(|(_, s)| matches!(s, Step::Reply(_) | Step::Return(_)))
                .map_or(self.end, |(t, _)| *t);
            if r.chance(12) {
                continue;
            }
            let contact = contact_at(r, *at);
            if contact + Duration::minutes(1) < until {
                let note = *r.pick(&CONTACT_NOTES);
                contacts.push((contact, Step::Contact(note.to_string())));
            }
        }
        let explained: Vec<bool> = dr
            .steps
            .iter()
            .enumerate()
            .map(|(i, _)| {
                matches!(dr.steps.get(i + 1), Some((_, Step::Close(reason))) if !reason.is_empty())
            })
            .collect();
        for (i, (at, step)) in dr.steps.iter_mut().enumerate() {
            let Step::Callback(result, answers) = step else {
                continue;
            };
            let was_contacted = contacts.iter().any(|(c, _)| c < at);
            *answers = answers_for(r, *result, was_contacted, explained[i]);
        }
        dr.steps.extend(contacts);
    }

    fn add(&mut self, dr: Draft) -> usize {
        let idx = self.orders;
        self.orders += 1;
        for (seq, (at, s)) in dr.steps.into_iter().enumerate() {
            self.steps.push((at, idx, seq, s));
        }
        idx
    }

    fn plan_order(
        &mut self,
        unit: &str,
        township: bool,
        category: Category,
        fate: Fate,
    ) -> Result<(usize, Option<NaiveDate>)> {
        let as_of = t(AS_OF);
        for _ in 0..200 {
            let dr = draft_order(self, unit, township, category, fate);
            if fits(&dr, fate, self.end, as_of) {
                let mut dr = dr;
                self.facts(&mut dr);
                let dl = dr.deadline;
                return Ok((self.add(dr), dl));
            }
        }
        Err(Error::Store(format!(
            "demo: cannot plan a {fate:?} order for {unit}"
        )))
    }
}

/// Plan the whole bulletin. Returns the steps in the order they happen.
fn plan() -> Result<Vec<(NaiveDateTime, usize, usize, Step)>> {
    let rows = bulletin_rows()?;
    let mut p = Planner {
        rng: Rng::new(SEED),
        facts: Rng::new(SEED ^ 0x5EED_C0DE),
        ctx: Ctx::new(t(FROM), "demo"),
        end: t("2017-12-31T18:00:00"),
        steps: Vec::new(),
        orders: 0,
    };
    // Which units' closed-on-time / recent orders are redone: spread over the busiest units.
    let mut redo_quota: Vec<u32> = rows.iter().map(|_| 0).collect();
    let mut left = REDONE;
    while left > 0 {
        let before = left;
        for (i, r) in rows.iter().enumerate() {
            let room = r.assigned - r.overdue_30d.min(r.assigned - r.closed);
            if left > 0 && r.assigned >= 9 && redo_quota[i] < room / 4 {
                redo_quota[i] += 1;
                left -= 1;
            }
        }
        if left == before {
            return Err(Error::Store("demo: no room for the redone orders".into()));
        }
    }
    // The bulletin's 3 inquiries and 2 suggestions, on these units' closed orders.
    let mut special_left: Vec<(&str, Category)> = vec![
        ("人社局", Category::Inquiry),
        ("社保局", Category::Inquiry),
        ("教体局", Category::Inquiry),
        ("交通运输局", Category::Suggestion),
        ("住建局", Category::Suggestion),
    ];
    for (i, r) in rows.iter().enumerate() {
        let township = r.kind == UnitKind::Township;
        let open = r.assigned - r.closed;
        let open_late = r.overdue_30d.min(open);
        let closed_late = r.overdue_30d - open_late;
        let mut fates = Vec::new();
        fates.extend((0..open_late).map(|_| Fate::OpenLate30));
        fates.extend((0..closed_late).map(|_| Fate::ClosedLate30));
        let closed_ok = r.closed - closed_late;
        let open_recent = open - open_late;
        let mut redo = redo_quota[i];
        for j in 0..open_recent {
            // A redo by chance, or surely when the orders left could not take them all.
            let slots_after = (open_recent - j - 1) + closed_ok;
            let r = redo > 0 && (redo > slots_after || p.rng.chance(25));
            redo -= u32::from(r);
            fates.push(Fate::OpenRecent { redo: r });
        }
        for k in 0..closed_ok {
            let r = redo > 0 && (closed_ok - k) <= redo + 2;
            redo -= u32::from(r);
            fates.push(Fate::ClosedOnTime { redo: r });
        }
        if redo > 0 {
            return Err(Error::Store(format!(
                "demo: {} redos left over for {}",
                redo, r.unit
            )));
        }
        let mut late_orders: Vec<(usize, NaiveDate)> = Vec::new();
        for fate in fates {
            let category = match special_left.iter().position(|(u, _)| *u == r.unit) {
                Some(k) if fate == (Fate::ClosedOnTime { redo: false }) => special_left.remove(k).1,
                _ => Category::Request,
            };
            let (idx, dl) = p.plan_order(&r.unit, township, category, fate)?;
            if matches!(fate, Fate::OpenLate30 | Fate::OpenRecent { redo: false })
                && let Some(dl) = dl.filter(|dl| *dl < d("2017-12-25"))
            {
                late_orders.push((idx, dl));
            }
        }
        // Supervisions: the longest-late open orders first, then the unit as a whole.
        late_orders.sort_by_key(|(_, dl)| *dl);
        let chronic = r.unit == "住建局" || r.unit == "贾塘乡";
        for k in 0..r.supervisions as usize {
            let on_site = (chronic && k == 0).then(|| OnSite {
                place: format!("{}办公楼会议室", r.unit),
                participants: format!("县政府办、热线办、{}分管领导及经办人员", r.unit),
                measures: "逐件梳理超期工单，明确责任人和办结时限，每周向热线办报告进展".into(),
                due: d("2018-01-15"),
            });
            let note = texts::supervise_note(&mut p.rng, &r.unit);
            match late_orders.get(k) {
                Some((idx, dl)) => {
                    let day =
                        (*dl + Duration::days(3 + p.rng.below(5) as i64)).min(d("2017-12-29"));
                    let at = p.at(day, 9, 17);
                    // A supervision urges the unit that holds the order and owes the next
                    // step: if the order planned is past that (replied, awaiting callback) by
                    // then, another late order of the unit is supervised at the same time, or
                    // the unit as a whole (the unit's figures stay the same either way).
                    let target = std::iter::once(*idx)
                        .chain(late_orders.iter().map(|(i, _)| *i))
                        .find(|i| p.owes_at(*i, at));
                    let step = match target {
                        Some(i) => (at, i, 1000 + k, Step::Supervise(note, on_site)),
                        None => (
                            at,
                            usize::MAX,
                            k,
                            Step::SuperviseUnit(r.unit.clone(), note, on_site),
                        ),
                    };
                    p.steps.push(step);
                }
                None => {
                    let day = p.day_in(d("2017-11-20"), d("2017-12-28"));
                    let at = p.at(day, 9, 17);
                    p.steps.push((
                        at,
                        usize::MAX,
                        k,
                        Step::SuperviseUnit(r.unit.clone(), note, on_site),
                    ));
                }
            }
        }
    }
    // Orders still with the office: just received, or returned by a unit.
    for _ in 0..WITH_OFFICE_RECEIVED {
        let day = p.day_in(d("2017-12-29"), d("2017-12-31"));
        let at = p.at(day, 8, 17);
        let intake = invented_intake(&mut p.rng, "海城镇", true, Category::Request).0;
        p.add(Draft {
            steps: vec![(at, Step::Intake(intake))],
            deadline: None,
            closed_at: None,
        });
    }
    let wrong = [
        ("住建局", "李旺镇"),
        ("交通运输局", "贾塘乡"),
        ("水务局", "七营镇"),
    ];
    for (unit, home) in wrong.iter().take(WITH_OFFICE_RETURNED) {
        let day = p.day_in(d("2017-12-18"), d("2017-12-27"));
        let at = p.at(day, 8, 16);
        let intake = invented_intake(&mut p.rng, home, true, Category::Request).0;
        let sent = p.minutes(at, 15, 60);
        let back = p.workday_after(sent, 1);
        let reason = texts::return_reason(&mut p.rng, home);
        p.add(Draft {
            steps: vec![
                (at, Step::Intake(intake)),
                (sent, Step::Dispatch(unit.to_string())),
                (back, Step::Return(reason)),
            ],
            deadline: None,
            closed_at: None,
        });
    }
    p.steps.sort_by_key(|a| (a.0, a.1, a.2));
    Ok(p.steps)
}

const OFFICE: [&str; 3] = ["热线办-马丽", "热线办-杨涛", "热线办-田静"];

/// Perform the plan through `ops`, in time order, in one transaction.
fn perform(store: &Store, steps: Vec<(NaiveDateTime, usize, usize, Step)>) -> Result<usize> {
    let mut numbers: Vec<String> = Vec::new();
    let n = steps.len();
    store.write(|s| {
        // The office's operators take turns by the office's steps (a unit's contact is not one).
        let mut turn = 0;
        for (at, idx, _, step) in steps {
            let office = Ctx::new(at, OFFICE[turn % OFFICE.len()]);
            if !matches!(step, Step::Contact(_)) {
                turn += 1;
            }
            let no = numbers.get(idx).cloned().unwrap_or_default();
            let unit_ctx = |s: &Store| -> Result<Ctx> {
                let o = s.require_order(&no)?;
                Ok(Ctx::new(
                    at,
                    &format!("{}联络员", o.unit.unwrap_or_default()),
                ))
            };
            let act = |ctx: &Ctx, a: Action| ops::act(s, ctx, &no, &a, None).map(|_| ());
            match step {
                Step::Intake(intake) => {
                    let o = ops::intake(
                        s,
                        &office,
                        &NewOrder {
                            order_no: None,
                            intake,
                            received_at: Some(at),
                        },
                    )?;
                    if numbers.len() <= idx {
                        numbers.resize(idx + 1, String::new());
                    }
                    numbers[idx] = o.order_no;
                }
                Step::Dispatch(unit) => {
                    ops::dispatch(s, &office, &no, &unit, DeadlineSpec::Default, None)?;
                }
                Step::Accept => act(&unit_ctx(s)?, Action::Accept)?,
                Step::Return(reason) => {
                    act(&unit_ctx(s)?, Action::Return { reason })?;
                    act(&office, Action::ApproveReturn)?
                }
                Step::RequestExtension(until, reason) => {
                    act(&unit_ctx(s)?, Action::RequestExtension { until, reason })?
                }
                Step::ApproveExtension => act(&office, Action::ApproveExtension)?,
                Step::Reply(text) => act(&unit_ctx(s)?, Action::Reply { text })?,
                Step::ReviewAccept => act(&office, Action::ReviewAccept)?,
                Step::ReviewReject(reason) => act(&office, Action::ReviewReject { reason })?,
                Step::Urge(note) => act(&office, Action::Urge { note })?,
                Step::Supervise(note, on_site) => {
                    act(&office, Action::Supervise { note, on_site })?
                }
                Step::SuperviseUnit(unit, note, on_site) => {
                    ops::supervise_unit(s, &office, &unit, &note, on_site)?;
                }
                Step::Callback(result, answers) => {
                    act(&office, Action::Callback { result, answers })?
                }
                Step::Contact(note) => act(&unit_ctx(s)?, Action::Contact { note })?,
                Step::Redo(reason) => {
                    ops::redo(s, &office, &no, &reason, DeadlineSpec::Default, None)?;
                }
                Step::Close(reason) => act(&office, Action::Close { reason })?,
            }
        }
        Ok(())
    })?;
    Ok(n)
}

/// Build the demo into an open, empty store.
pub fn build(store: &Store) -> Result<usize> {
    if store.count_orders()? > 0 {
        return Err(Error::Input("the demo needs an empty database".into()));
    }
    let rows = bulletin_rows()?;
    store.write(|s| {
        for r in &rows {
            s.add_unit(&r.unit, r.kind)?;
        }
        Ok(())
    })?;
    let n = perform(store, plan()?)?;
    store.set_clock(CLOCK)?;
    Ok(n)
}

/// Create the demo database file, or replace one: only an empty file or a demo database
/// nobody has open, and only for an admin of it (`ops::admin::may_replace_with_demo`; `user`
/// is the OS user). The new demo is built in a temporary file beside `path` and renamed over
/// it when whole (`store::replace_file`): a failure leaves the old file as it was.
pub fn create(path: &Path, user: &str) -> Result<String> {
    crate::ops::admin::may_replace_with_demo(path, user)?;
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => {
            std::fs::create_dir_all(d)
                .map_err(|e| Error::Io(format!("cannot create folder {}: {e}", d.display())))?;
            d
        }
        None => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".building")
        // As a new file would be (the umask applies), not tempfile's private 0600.
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(|e| Error::Io(format!("cannot write in {}: {e}", dir.display())))?
        .into_temp_path();
    let (orders, events) = {
        let store = Store::create(&tmp)?;
        let events = build(&store)?;
        let orders = store.count_orders()?;
        store.set_setting(crate::ops::admin::DEMO_KEY, &orders.to_string())?;
        (orders, events)
        // Closed here: its log is written into the file and removed.
    };
    // Asked again: someone may have opened the old file while the demo was being built.
    crate::ops::admin::may_replace_with_demo(path, user)?;
    if let Ok(old) = std::fs::metadata(path) {
        // A replaced demo keeps its mode (e.g. the group's 0660).
        std::fs::set_permissions(&tmp, old.permissions())
            .map_err(|e| Error::Io(format!("cannot set the mode of {}: {e}", tmp.display())))?;
    }
    crate::store::replace_file(&tmp, path)?;
    let _ = tmp.keep();
    Ok(format!(
        "demo database {}: {} orders, {} events, clock {} (the 2017 Haiyuan bulletin).\n\
         Try: hotline --db {} report --from {FROM} --to {TO} --as-of {AS_OF}",
        path.display(),
        orders,
        events,
        CLOCK,
        path.display()
    ))
}
