//! Turning a submitted dialog (`dialog::Outcome`) into the operation to record, or into the
//! next dialog (a refusal's reason, a custom period). The dialog stays open until the session
//! reports the result: a refusal or a conflict is shown in it and the typed text is kept.
//!
//! **The one confirmation rule** is `record`: every operation passes through it, and one
//! whose purpose cannot be undone (`Purpose::irreversible`, the one table) first shows what
//! will be recorded — action, order, unit, the chosen result, reason or time limit — and asks
//! once: `y` records, `n` goes back to the form with the typed text, Esc cancels.

use super::super::action::{Effect, Submit};
use super::super::app::{App, PeriodChoice};
use super::super::dialog::{Confirm, Dialog, Field, Form, Outcome, Picker, Purpose};
use super::super::i18n::{self, S, fill};
use crate::domain::text::{one_line, pad, width};
use crate::domain::{Action, ActionName, Category, Intake, OnSite, TimeLimits};
use crate::ops::{self, DeadlineSpec, NewOrder};
use ratatui::crossterm::event::KeyEvent;

/// A key in the open dialog: the dialog handles it (`Dialog::on_key`), and what it submits is
/// turned here into the operation to record.
pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let cmd = app.env.keymap.lookup(&app.contexts(), &key);
    let Some(dialog) = app.overlay.dialog.as_mut() else {
        return Vec::new();
    };
    match dialog.on_key(app.env.lang, cmd, key) {
        Outcome::Stay => {
            refresh(app);
            Vec::new()
        }
        Outcome::Cancel => {
            app.overlay.dialog = None;
            Vec::new()
        }
        Outcome::Chosen(p, pick) => submit_plain(app, p, pick),
        Outcome::Filled(p) => submit_form(app, p),
        Outcome::Picked {
            purpose, selected, ..
        } => dispatch_to(app, purpose, selected),
        Outcome::Written(p @ Purpose::Reply { .. }, text) => {
            let Purpose::Reply { no, version } = p.clone() else {
                return Vec::new();
            };
            record(app, &p, act(no, version, Action::Reply { text }))
        }
        Outcome::Written(..) => Vec::new(),
        Outcome::Confirmed(submit) => confirmed(app, submit),
        Outcome::Back => {
            if let Some(Dialog::Confirm(c)) = app.overlay.dialog.take() {
                app.overlay.dialog = c.back.map(|b| *b);
            }
            Vec::new()
        }
        Outcome::Reveal(no) => vec![Effect::Reveal(no)],
        Outcome::Answered(p @ Purpose::Callback { .. }, action) => {
            let Purpose::Callback { no, version } = p.clone() else {
                return Vec::new();
            };
            record(app, &p, act(no, version, action))
        }
        Outcome::Answered(..) => Vec::new(),
    }
}

/// The one confirmation rule: an operation whose purpose cannot be undone shows what will
/// be recorded and asks once (the dialog it came from waits behind, text kept); any other is
/// recorded at once. Every submission of every dialog comes through here.
pub fn record(app: &mut App, purpose: &Purpose, submit: Submit) -> Vec<Effect> {
    // For the marked orders (`open::marked_op`): the same operation on each of them, always
    // confirmed (one key for many orders).
    let submit = match app.overlay.batch.as_ref() {
        Some(b) if submit.order_no() == Some(b.anchor.as_str()) => Submit::Many {
            order_nos: b.orders.clone(),
            each: Box::new(submit),
        },
        _ => submit,
    };
    let many = matches!(submit, Submit::Many { .. });
    if !purpose.irreversible() && !many {
        return vec![Effect::Submit(submit)];
    }
    let back = app.overlay.dialog.take().map(|mut d| {
        d.set_error(None);
        Box::new(d)
    });
    let (title, text) = summary(app, &submit);
    app.overlay.dialog = Some(Dialog::Confirm(Confirm {
        title,
        text,
        purpose: purpose.clone(),
        submit,
        back,
        error: None,
    }));
    Vec::new()
}

/// `y` in the confirmation: record it. The dialog it came from shows again (the result —
/// a refusal, a conflict — is shown there with the typed text; success closes it).
fn confirmed(app: &mut App, submit: Submit) -> Vec<Effect> {
    if let Some(Dialog::Confirm(mut c)) = app.overlay.dialog.take() {
        app.overlay.dialog = Some(match c.back.take() {
            Some(b) => *b,
            None => {
                c.error = None;
                Dialog::Confirm(c)
            }
        });
    }
    vec![Effect::Submit(submit)]
}

/// What will be recorded, for the confirmation: its title and lines (label, value).
fn summary(app: &App, submit: &Submit) -> (String, Vec<String>) {
    match submit {
        Submit::Many { order_nos, each } => {
            let skipped = app
                .overlay
                .batch
                .as_ref()
                .map(|b| b.skipped.clone())
                .unwrap_or_default();
            summary_of(app, each, Some((order_nos, &skipped)))
        }
        _ => summary_of(app, submit, None),
    }
}

/// A list of order numbers for a confirmation: how many, and the first six.
fn order_list(app: &App, nos: &[String]) -> String {
    let t = |s: S| s.get(app.env.lang);
    let shown: Vec<&str> = nos.iter().take(6).map(String::as_str).collect();
    let more = if nos.len() > shown.len() { " …" } else { "" };
    let count = fill(t(S::ConfirmOrders), &[&nos.len()]);
    format!("{count}{}{}{more}", t(S::Colon), shown.join(" "))
}

/// `summary` of one operation, or (`many`: the orders, those left out) of the same operation
/// on every marked order.
fn summary_of(
    app: &App,
    submit: &Submit,
    many: Option<(&[String], &[String])>,
) -> (String, Vec<String>) {
    let lang = app.env.lang;
    let t = |s: S| s.get(lang);
    let none = || t(S::ConfirmNone).to_string();
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            none()
        } else {
            one_line(s)
        }
    };
    let today = app.env.now.date();
    let limit = |days: u32| {
        let to = crate::ops::calendar().add_working_days(today, days);
        fill(t(S::ConfirmDays), &[&days, &to])
    };
    let mut rows: Vec<(S, String)> = Vec::new();
    let (name, no) = match submit {
        Submit::Intake(new) => return intake_summary(app, new),
        Submit::Act {
            order_no, action, ..
        } => (action.name(), order_no.clone()),
        Submit::Dispatch { order_no, .. } => (ActionName::Dispatch, order_no.clone()),
        Submit::Redo { order_no, .. } => (ActionName::Redo, order_no.clone()),
        Submit::UrgeMany { order_nos, .. } => (
            ActionName::Urge,
            fill(t(S::ConfirmOrders), &[&order_nos.len()]),
        ),
        Submit::SuperviseUnit { unit, .. } => (ActionName::Supervise, unit.clone()),
        Submit::Many { each, .. } => return summary_of(app, each, many),
    };
    let (no, row) = match many {
        Some((nos, skipped)) => {
            rows.push((S::ColOrderNo, order_list(app, nos)));
            if !skipped.is_empty() {
                rows.push((S::ConfirmSkipped, order_list(app, skipped)));
            }
            (fill(t(S::ConfirmOrders), &[&nos.len()]), None)
        }
        None => {
            let row = submit.order_no().and_then(|n| app.order_row(n));
            if let Some(r) = row {
                rows.push((
                    S::ColOrderNo,
                    format!("{} {}", r.order.order_no, one_line(&r.order.title)),
                ));
            }
            (no, row)
        }
    };
    // Lifting an exemption is named as such (its workflow name is 剔除's).
    let label = match submit {
        Submit::Act {
            action: Action::Unexempt { .. },
            ..
        } => t(S::ActUnexempt),
        _ => i18n::action(lang, name),
    };
    let mut action = label.to_string();
    let decision = match submit {
        Submit::Act { action: a, .. } => match a {
            Action::ReviewAccept => Some(S::ConfirmPass),
            Action::ReviewReject { .. } => Some(S::ConfirmReject),
            Action::ApproveExtension => Some(S::ConfirmApprove),
            Action::RefuseExtension { .. } => Some(S::ConfirmRefuse),
            Action::ApproveReturn => Some(S::ConfirmApproveReturn),
            Action::RefuseReturn { .. } => Some(S::ConfirmRefuseReturn),
            _ => None,
        },
        _ => None,
    };
    if let Some(d) = decision {
        action = format!("{action}{}{}", t(S::Colon), t(d));
    }
    rows.push((S::ConfirmAction, action));
    let unit = row.and_then(|r| r.order.unit.clone());
    match submit {
        // The limit as chosen in the dispatch's form: working days, a date, or the category's.
        Submit::Dispatch {
            unit, limit: spec, ..
        } => {
            rows.push((S::ColUnit, one_line(unit)));
            let shown = match *spec {
                DeadlineSpec::Days(n) => limit(n),
                DeadlineSpec::Date(d) => fill(t(S::ConfirmUntil), &[&d]),
                DeadlineSpec::Hours(h) => {
                    let due = app.env.now + chrono::Duration::hours(i64::from(h));
                    fill(t(S::ConfirmHours), &[&h, &due.format("%Y-%m-%d %H:%M")])
                }
                DeadlineSpec::Default => match row {
                    Some(r) => limit(TimeLimits::shipped().days(r.order.category)),
                    None => t(S::ConfirmEachLimit).to_string(),
                },
            };
            rows.push((S::ConfirmLimit, shown));
        }
        Submit::Redo { reason, days, .. } => {
            if many.is_none() {
                rows.push((S::ColUnit, unit.unwrap_or_else(none)));
            }
            rows.push((S::ConfirmReason, or_none(reason)));
            rows.push((S::ConfirmLimit, limit(*days)));
        }
        Submit::Intake(_) => {}
        Submit::UrgeMany { order_nos, note } => {
            rows.push((S::ColOrderNo, order_list(app, order_nos)));
            rows.push((S::ConfirmNote, or_none(note)));
        }
        Submit::Many { .. } => {}
        Submit::SuperviseUnit { note, .. } => rows.push((S::ConfirmNote, or_none(note))),
        Submit::Act { action: a, .. } => {
            if many.is_none() {
                rows.push((S::ColUnit, unit.unwrap_or_else(none)));
            }
            match a {
                // The three answers, each on its row; 未接通 has none.
                Action::Callback { result, .. } if !result.reached() => {
                    rows.push((S::ConfirmResult, t(S::ConfirmUnreachable).into()))
                }
                Action::Callback { result, answers } => {
                    if let Some(c) = answers.contacted {
                        rows.push((S::CbQContacted, i18n::contacted(lang, c).into()));
                    }
                    if let Some(s) = answers.solved {
                        rows.push((S::CbQSolved, i18n::solved(lang, s).into()));
                    }
                    rows.push((S::CbQSatisfied, i18n::callback(lang, *result).into()))
                }
                Action::Contact { note } => rows.push((S::ConfirmNote, or_none(note))),
                Action::ApproveExtension => {
                    if let Some(ext) = row.and_then(|r| r.order.extension.as_ref()) {
                        let to = fill(t(S::ConfirmExtTo), &[&ext.until]);
                        rows.push((S::ConfirmLimit, to));
                    }
                }
                Action::ApproveReturn => {
                    if let Some(r) = row.and_then(|r| r.order.return_request.as_ref()) {
                        rows.push((S::ConfirmReason, or_none(&r.reason)));
                    }
                }
                Action::Exempt { kind, reason } => {
                    rows.push((S::ConfirmKind, i18n::exemption(lang, *kind).into()));
                    rows.push((S::ConfirmReason, or_none(reason)));
                }
                Action::Return { reason }
                | Action::RefuseReturn { reason }
                | Action::Unexempt { reason }
                | Action::RefuseExtension { reason }
                | Action::ReviewReject { reason }
                | Action::Close { reason }
                | Action::RequestExtension { reason, .. } => {
                    rows.push((S::ConfirmReason, or_none(reason)))
                }
                Action::Urge { note } | Action::Supervise { note, .. } => {
                    rows.push((S::ConfirmNote, or_none(note)))
                }
                _ => {}
            }
        }
    }
    let label_w = rows.iter().map(|(l, _)| width(t(*l))).max().unwrap_or(4) + 2;
    let mut text = vec![t(S::ConfirmWill).to_string()];
    text.extend(
        rows.iter()
            .map(|(l, v)| format!("  {}{v}", pad(t(*l), label_w))),
    );
    text.push(t(S::DlgCannotUndo).to_string());
    text.push(t(S::ConfirmAsk).to_string());
    let title = fill(t(S::ConfirmTitle), &[&label, &no]);
    (title, text)
}

/// What an intake will record, for its confirmation: the new order's fields as typed.
fn intake_summary(app: &App, new: &NewOrder) -> (String, Vec<String>) {
    let lang = app.env.lang;
    let t = |s: S| s.get(lang);
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            t(S::ConfirmNone).to_string()
        } else {
            one_line(s)
        }
    };
    let i = &new.intake;
    let category = i.category.map(|c| i18n::category(lang, c).to_string());
    let received = new
        .received_at
        .map(|at| at.format("%Y-%m-%d %H:%M").to_string());
    let rows = [
        (S::ColCategory, or_none(category.as_deref().unwrap_or(""))),
        (S::DlgTitle, or_none(&i.title)),
        // The content as far as one line shows it (the form has it whole).
        (
            S::DlgContent,
            crate::domain::text::truncate(&or_none(&i.content), 60),
        ),
        (S::DlgCitizen, or_none(&i.citizen)),
        (S::DlgPhone, or_none(&i.phone)),
        (S::DlgAddress, or_none(&i.address)),
        (S::DlgReceived, or_none(received.as_deref().unwrap_or(""))),
        (
            S::DlgOrderNo,
            or_none(new.order_no.as_deref().unwrap_or("")),
        ),
    ];
    let label_w = rows.iter().map(|(l, _)| width(t(*l))).max().unwrap_or(4) + 2;
    let mut text = vec![t(S::ConfirmWill).to_string()];
    text.extend(
        rows.iter()
            .map(|(l, v)| format!("  {}{v}", pad(t(*l), label_w))),
    );
    text.push(t(S::DlgCannotUndo).to_string());
    text.push(t(S::ConfirmAsk).to_string());
    let title = fill(t(S::DlgIntake), &[&category.unwrap_or_default()]);
    (title, text)
}

/// After a key in a dialog: the unit picker's selection follows its text (what
/// `domain::units::picker` preselects: nothing for an ambiguous query) and stays on a row;
/// the dispatch's time-limit form shows the deadline the typed limit gives.
pub fn refresh(app: &mut App) {
    match app.overlay.dialog.as_ref() {
        Some(Dialog::Picker(p)) => {
            let offer = picker_offer(app, p);
            let q = p.input.value().to_string();
            if let Some(Dialog::Picker(p)) = app.overlay.dialog.as_mut() {
                if p.seen.as_deref() != Some(q.as_str()) {
                    p.selected = offer.selected;
                    p.seen = Some(q);
                }
                p.selected = match (p.selected, offer.units.len()) {
                    (_, 0) => None,
                    (Some(i), n) => Some(i.min(n - 1)),
                    (None, _) => None,
                };
            }
        }
        Some(Dialog::Form(f)) => {
            if let Purpose::DispatchLimit { category, .. } = &f.purpose {
                let line = deadline_line(app, *category, &f.field(S::DlgLimit));
                if let Some(Dialog::Form(f)) = app.overlay.dialog.as_mut()
                    && let Some(last) = f.body.last_mut()
                {
                    *last = line;
                }
            }
        }
        _ => {}
    }
}

/// The picker's list and preselection for its text (`domain::units::picker` over the active
/// units; the unit that returned the order listed last).
pub fn picker_offer(app: &App, p: &Picker) -> Offer {
    let avoid = match &p.purpose {
        Purpose::PickUnit { returned_by, .. } => returned_by.as_deref(),
        _ => None,
    };
    let active = app.data.units.iter().filter(|u| u.unit.active);
    let o = crate::domain::units::picker(active.map(|u| u.candidate()), p.input.value(), avoid);
    Offer {
        units: o.units.into_iter().map(str::to_string).collect(),
        selected: o.selected,
    }
}

/// `domain::units::Offer` with owned names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub units: Vec<String>,
    pub selected: Option<usize>,
}

/// The deadline a typed time limit gives (`ops::DeadlineSpec::parse`, `ops::deadline_for`:
/// the same as the session's dispatch will compute), as the form's last line.
fn deadline_line(app: &App, category: Category, typed: &str) -> String {
    let t = |s: S| s.get(app.env.lang);
    match DeadlineSpec::parse(typed) {
        Ok(spec) => {
            let l = ops::deadline_for(&TimeLimits::shipped(), category, app.env.now, spec);
            let d = l.deadline;
            match spec {
                DeadlineSpec::Date(_) => fill(t(S::DlgLimitDate), &[&d]),
                DeadlineSpec::Hours(h) => fill(
                    t(S::DlgLimitHours),
                    &[&l.due.unwrap_or_default().format("%Y-%m-%d %H:%M"), &h],
                ),
                DeadlineSpec::Days(n) => fill(t(S::DlgLimitDays), &[&d, &n]),
                DeadlineSpec::Default => fill(
                    t(S::DlgLimitDays),
                    &[&d, &TimeLimits::shipped().days(category)],
                ),
            }
        }
        Err(_) => t(S::DlgLimitUnknown).to_string(),
    }
}

/// The picker's Enter: the selected unit, then its time limit. Nothing selected (an ambiguous
/// query, or only the unit that returned the order) asks the user to choose one.
fn dispatch_to(app: &mut App, purpose: Purpose, sel: Option<usize>) -> Vec<Effect> {
    let Purpose::PickUnit {
        no,
        version,
        category,
        ..
    } = purpose
    else {
        return Vec::new();
    };
    let Some(Dialog::Picker(p)) = app.overlay.dialog.as_ref() else {
        return Vec::new();
    };
    let offer = picker_offer(app, p);
    match sel.and_then(|i| offer.units.get(i)) {
        Some(unit) => {
            dispatch_limit(app, no, version, category, unit.clone());
            Vec::new()
        }
        None if offer.units.is_empty() => {
            let e = app.env.t(S::DlgNoMatch).to_string();
            error(app, e)
        }
        None => {
            let e = fill(app.env.t(S::DlgChooseUnit), &[&offer.units.len()]);
            error(app, e)
        }
    }
}

/// The dispatch's time limit: the category's by default (shown), working days or a date.
fn dispatch_limit(app: &mut App, no: String, version: u32, category: Category, unit: String) {
    let t = |s: S| s.get(app.env.lang);
    let days = TimeLimits::shipped().days(category);
    let title = fill(t(S::DlgDispatchLimit), &[&no, &unit]);
    let hint = fill(
        t(S::DlgLimitHint),
        &[&i18n::category(app.env.lang, category), &days],
    );
    let preview = deadline_line(app, category, &days.to_string());
    app.overlay.dialog = Some(Dialog::Form(
        Form::new(
            title,
            Purpose::DispatchLimit {
                no,
                version,
                category,
                unit,
            },
            vec![Field::text(S::DlgLimit, &days.to_string(), false)],
        )
        .with_body(vec![hint, preview]),
    ));
}

fn act(order_no: String, version: u32, action: Action) -> Submit {
    Submit::Act {
        order_no,
        version,
        action,
    }
}

fn error(app: &mut App, text: String) -> Vec<Effect> {
    if let Some(d) = app.overlay.dialog.as_mut() {
        d.set_error(Some(text));
    }
    Vec::new()
}

/// A choice made (`pick` is the chosen option).
fn submit_plain(app: &mut App, purpose: Purpose, pick: Option<usize>) -> Vec<Effect> {
    let t = |s: S| s.get(app.env.lang);
    let p = purpose.clone();
    match (purpose, pick) {
        (
            Purpose::Dispatch {
                no,
                version,
                unit,
                limit,
                ..
            },
            _,
        ) => record(
            app,
            &p,
            Submit::Dispatch {
                order_no: no,
                version,
                unit,
                limit,
            },
        ),
        (Purpose::IntakeCategory, Some(i)) => {
            let category = Category::ALL[i.min(Category::ALL.len() - 1)];
            super::open::intake_form(app, category);
            Vec::new()
        }
        (Purpose::Accept { no, version }, _) => record(app, &p, act(no, version, Action::Accept)),
        (Purpose::DecideExtension { no, version }, Some(0)) => {
            record(app, &p, act(no, version, Action::ApproveExtension))
        }
        (Purpose::DecideExtension { no, version }, _) => {
            let title = fill(t(S::DlgRefuseTitle), &[&no]);
            app.overlay.dialog = Some(Dialog::Form(Form::new(
                title,
                Purpose::RefuseExtension { no, version },
                vec![Field::text(S::DlgReasonOptional, "", false)],
            )));
            Vec::new()
        }
        (Purpose::DecideReturn { no, version }, Some(0)) => {
            record(app, &p, act(no, version, Action::ApproveReturn))
        }
        (Purpose::DecideReturn { no, version }, _) => {
            let title = fill(t(S::DlgRefuseReturnTitle), &[&no]);
            app.overlay.dialog = Some(Dialog::Form(Form::new(
                title,
                Purpose::RefuseReturn { no, version },
                vec![Field::text(S::DlgReason, "", true)],
            )));
            Vec::new()
        }
        (Purpose::ExemptKind { no, version }, Some(i)) => {
            let all = crate::domain::order::ExemptionKind::ALL;
            let kind = all[i.min(all.len() - 1)];
            let name = super::super::i18n::exemption(app.env.lang, kind);
            let title = fill(t(S::DlgExempt), &[&no, &name]);
            app.overlay.dialog = Some(Dialog::Form(Form::new(
                title,
                Purpose::Exempt { no, version, kind },
                vec![Field::text(S::DlgReason, "", true)],
            )));
            Vec::new()
        }
        (Purpose::Review { no, version, .. }, Some(0)) => {
            record(app, &p, act(no, version, Action::ReviewAccept))
        }
        (Purpose::Review { no, version, vague }, _) => {
            let title = fill(t(S::DlgRejectTitle), &[&no]);
            let reason = vague
                .map(|v| fill(t(S::DlgVagueReason), &[&v]))
                .unwrap_or_default();
            app.overlay.dialog = Some(Dialog::Form(Form::new(
                title,
                Purpose::Reject { no, version },
                vec![Field::text(S::DlgReason, &reason, true)],
            )));
            Vec::new()
        }
        (Purpose::Period, Some(i)) if i < 3 => {
            app.tabs.period = [
                PeriodChoice::All,
                PeriodChoice::ThisMonth,
                PeriodChoice::LastMonth,
            ][i];
            app.overlay.dialog = None;
            vec![Effect::Scorecard]
        }
        (Purpose::Pack, pick) => {
            app.overlay.dialog = None;
            let name = pick.and_then(|i| crate::domain::assessment::SHIPPED.get(i));
            if let Some((name, _)) = name {
                super::open::choose_pack(app, name);
            }
            Vec::new()
        }
        (Purpose::Period, _) => {
            let (from, to) = app
                .data
                .card
                .as_ref()
                .map(|c| (c.period.from.to_string(), c.period.to.to_string()))
                .unwrap_or_default();
            app.overlay.dialog = Some(Dialog::Form(Form::new(
                t(S::DlgCustomPeriod).to_string(),
                Purpose::CustomPeriod,
                vec![
                    Field::text(S::DlgFrom, &from, true),
                    Field::text(S::DlgTo, &to, true),
                ],
            )));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn date(app: &mut App, f: &Form, label: S) -> Result<chrono::NaiveDate, Vec<Effect>> {
    super::super::i18n::date(app.env.lang, &f.field(label)).map_err(|e| {
        let msg = fill(
            S::BadPeriodDate.get(app.env.lang),
            &[&label.get(app.env.lang), &e],
        );
        error(app, msg)
    })
}

fn submit_form(app: &mut App, purpose: Purpose) -> Vec<Effect> {
    let Some(Dialog::Form(f)) = app.overlay.dialog.clone() else {
        return Vec::new();
    };
    let p = purpose.clone();
    let text = |s: S| f.field(s);
    let submit = match purpose {
        Purpose::Urge { no, version } => act(
            no,
            version,
            Action::Urge {
                note: text(S::DlgNoteOptional),
            },
        ),
        Purpose::BulkUrge { nos } => Submit::UrgeMany {
            order_nos: nos,
            note: text(S::DlgNoteOptional),
        },
        Purpose::Return { no, version } => act(
            no,
            version,
            Action::Return {
                reason: text(S::DlgReason),
            },
        ),
        Purpose::Contact { no, version } => act(
            no,
            version,
            Action::Contact {
                note: text(S::DlgContactNote),
            },
        ),
        Purpose::RequestExtension { no, version } => match date(app, &f, S::DlgUntil) {
            Ok(until) => act(
                no,
                version,
                Action::RequestExtension {
                    until,
                    reason: text(S::DlgReason),
                },
            ),
            Err(e) => return e,
        },
        Purpose::RefuseReturn { no, version } => act(
            no,
            version,
            Action::RefuseReturn {
                reason: text(S::DlgReason),
            },
        ),
        Purpose::Exempt { no, version, kind } => act(
            no,
            version,
            Action::Exempt {
                kind,
                reason: text(S::DlgReason),
            },
        ),
        Purpose::Unexempt { no, version } => act(
            no,
            version,
            Action::Unexempt {
                reason: text(S::DlgReasonOptional),
            },
        ),
        Purpose::RefuseExtension { no, version } => act(
            no,
            version,
            Action::RefuseExtension {
                reason: text(S::DlgReasonOptional),
            },
        ),
        Purpose::Reject { no, version } => act(
            no,
            version,
            Action::ReviewReject {
                reason: text(S::DlgReason),
            },
        ),
        Purpose::Supervise { .. } | Purpose::SuperviseUnit { .. } => {
            let on_site = if f.checked() {
                match date(app, &f, S::DlgDue) {
                    Ok(due) => Some(OnSite {
                        place: text(S::DlgPlace),
                        participants: text(S::DlgParticipants),
                        measures: text(S::DlgMeasures),
                        due,
                    }),
                    Err(e) => return e,
                }
            } else {
                None
            };
            let note = text(S::DlgNote);
            match purpose {
                Purpose::Supervise { no, version } => {
                    act(no, version, Action::Supervise { note, on_site })
                }
                Purpose::SuperviseUnit { unit } => Submit::SuperviseUnit {
                    unit,
                    note,
                    on_site,
                },
                _ => return Vec::new(),
            }
        }
        Purpose::Redo { no, version } => match text(S::DlgDays).parse::<u32>() {
            Ok(days) if (1..=crate::domain::time::MAX_DAYS).contains(&days) => Submit::Redo {
                order_no: no,
                version,
                reason: text(S::DlgReason),
                days,
            },
            _ => {
                let msg = fill(
                    S::BadNumber.get(app.env.lang),
                    &[&S::DlgDays.get(app.env.lang)],
                );
                return error(app, msg);
            }
        },
        // The reason's field is labelled required or optional as the workflow said.
        Purpose::Close { no, version } => act(
            no,
            version,
            Action::Close {
                reason: f.field_any(&[S::DlgReason, S::DlgReasonOptional]),
            },
        ),
        Purpose::DispatchLimit {
            no,
            version,
            category,
            unit,
        } => match DeadlineSpec::parse(&text(S::DlgLimit)) {
            Ok(limit) => {
                let l = ops::deadline_for(&TimeLimits::shipped(), category, app.env.now, limit);
                let deadline = l.deadline;
                // The workflow's own check, before the confirmation: `decide` would refuse a
                // deadline before today (its `Needs::earliest`), so the form refuses it now,
                // in the workflow's words, and keeps what was typed.
                if let Some(row) = app.order_row(&no) {
                    let action = crate::domain::Action::Dispatch {
                        unit: unit.clone(),
                        deadline,
                        due: l.due,
                    };
                    if let Err(e) = crate::domain::workflow::decide(
                        &row.order,
                        &action,
                        app.env.now,
                        &app.env.operator,
                    ) {
                        let msg = match app.env.lang {
                            crate::domain::Lang::Zh => e.zh(),
                            crate::domain::Lang::En => e.to_string(),
                        };
                        return error(app, msg);
                    }
                }
                // The one submission the dispatch ends in (`submit_plain`).
                let dispatch = Purpose::Dispatch {
                    no,
                    version,
                    unit,
                    limit,
                    deadline,
                };
                return submit_plain(app, dispatch, None);
            }
            Err(m) => {
                let lang = app.env.lang;
                let msg = fill(
                    S::BadPeriodDate.get(lang),
                    &[&S::DlgLimit.get(lang), &m.get(lang)],
                );
                return error(app, msg);
            }
        },
        Purpose::Intake { category } => {
            let typed = text(S::DlgReceived);
            let received_at = match crate::domain::time::parse_datetime(&typed, false) {
                // Later than now: refused by `workflow::intake`, in both languages.
                Ok(at) => at,
                Err(_) => {
                    let msg = fill(
                        S::BadReceived.get(app.env.lang),
                        &[&crate::domain::text::quote(&typed)],
                    );
                    return error(app, msg);
                }
            };
            // The form shows minutes: unchanged, it is now (to the second).
            let shown_now = app.env.now.format("%Y-%m-%d %H:%M").to_string();
            let received_at = if typed == shown_now {
                app.env.now
            } else {
                received_at
            };
            let order_no = Some(text(S::DlgOrderNo)).filter(|n| !n.is_empty());
            Submit::Intake(NewOrder {
                order_no,
                intake: Intake {
                    category: Some(category),
                    title: text(S::DlgTitle),
                    content: text(S::DlgContent),
                    citizen: text(S::DlgCitizen),
                    phone: text(S::DlgPhone),
                    address: text(S::DlgAddress),
                },
                received_at: Some(received_at),
            })
        }
        Purpose::CustomPeriod => {
            let from = match date(app, &f, S::DlgFrom) {
                Ok(d) => d,
                Err(e) => return e,
            };
            let to = match date(app, &f, S::DlgTo) {
                Ok(d) => d,
                Err(e) => return e,
            };
            if from > to {
                let msg = fill(S::FromAfterTo.get(app.env.lang), &[&from, &to]);
                return error(app, msg);
            }
            app.tabs.period = PeriodChoice::Custom(from, to);
            app.overlay.dialog = None;
            return vec![Effect::Scorecard];
        }
        _ => return Vec::new(),
    };
    record(app, &p, submit)
}
