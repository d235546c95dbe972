//! Turning a submitted dialog (`dialog::Outcome`) into the operation to record, or into the
//! next dialog (a refusal's reason, a custom period). The dialog stays open until the session
//! reports the result: a refusal or a conflict is shown in it and the typed text is kept.
//!
//! **The one confirmation rule** is `record`: every operation passes through it, and one
//! whose purpose cannot be undone (`Purpose::irreversible`, the one table) first shows what
//! will be recorded — action, order, unit, the chosen result, reason or time limit — and asks
//! once: `y` records, `n` goes back to the form with the typed text, Esc cancels.

use super::super::action::{Effect, Submit};
use super::super::app::{App, OrderRow, PeriodChoice};
use super::super::dialog::{Confirm, Dialog, Field, Form, Outcome, Purpose};
use super::super::i18n::{self, S, fill};
use crate::domain::text::{one_line, pad, width};
use crate::domain::{Action, ActionName, CallbackResult, OnSite, TimeLimits};
use ratatui::crossterm::event::KeyEvent;

/// A key in the open dialog: the dialog handles it (`Dialog::on_key`), and what it submits is
/// turned here into the operation to record.
pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let cmd = app.env.keymap.lookup(&app.contexts(), &key);
    let Some(dialog) = app.overlay.dialog.as_mut() else {
        return Vec::new();
    };
    match dialog.on_key(app.env.lang, cmd, key) {
        Outcome::Stay => Vec::new(),
        Outcome::Cancel => {
            app.overlay.dialog = None;
            Vec::new()
        }
        Outcome::Chosen(p, pick) => submit_plain(app, p, pick),
        Outcome::Filled(p) => submit_form(app, p),
        Outcome::Picked {
            purpose,
            query,
            selected,
        } => dispatch_to(app, purpose, &query, selected),
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
    }
}

/// The one confirmation rule: an operation whose purpose cannot be undone shows what will
/// be recorded and asks once (the dialog it came from waits behind, text kept); any other is
/// recorded at once. Every submission of every dialog comes through here.
pub fn record(app: &mut App, purpose: &Purpose, submit: Submit) -> Vec<Effect> {
    if !purpose.irreversible() {
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

/// The order a dialog is about, as the screen has it.
fn order_row<'a>(app: &'a App, no: &str) -> Option<&'a OrderRow> {
    app.current_order()
        .filter(|r| r.order.order_no == no)
        .or_else(|| app.data.open.iter().find(|r| r.order.order_no == no))
}

/// What will be recorded, for the confirmation: its title and lines (label, value).
fn summary(app: &App, submit: &Submit) -> (String, Vec<String>) {
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
    };
    let row = submit.order_no().and_then(|n| order_row(app, n));
    if let Some(r) = row {
        rows.push((
            S::ColOrderNo,
            format!("{} {}", r.order.order_no, one_line(&r.order.title)),
        ));
    }
    let mut action = i18n::action(lang, name).to_string();
    let decision = match submit {
        Submit::Act { action: a, .. } => match a {
            Action::ReviewAccept => Some(S::ConfirmPass),
            Action::ReviewReject { .. } => Some(S::ConfirmReject),
            Action::ApproveExtension => Some(S::ConfirmApprove),
            Action::RefuseExtension { .. } => Some(S::ConfirmRefuse),
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
        Submit::Dispatch { unit, .. } => {
            rows.push((S::ColUnit, one_line(unit)));
            let days = row.map_or(0, |r| TimeLimits::shipped().days(r.order.category));
            rows.push((S::ConfirmLimit, limit(days)));
        }
        Submit::Redo { reason, days, .. } => {
            rows.push((S::ColUnit, unit.unwrap_or_else(none)));
            rows.push((S::ConfirmReason, or_none(reason)));
            rows.push((S::ConfirmLimit, limit(*days)));
        }
        Submit::UrgeMany { order_nos, note } => {
            let shown: Vec<&str> = order_nos.iter().take(6).map(String::as_str).collect();
            let more = if order_nos.len() > shown.len() {
                " …"
            } else {
                ""
            };
            let count = fill(t(S::ConfirmOrders), &[&order_nos.len()]);
            let list = format!("{count}{}{}{more}", t(S::Colon), shown.join(" "));
            rows.push((S::ColOrderNo, list));
            rows.push((S::ConfirmNote, or_none(note)));
        }
        Submit::SuperviseUnit { note, .. } => rows.push((S::ConfirmNote, or_none(note))),
        Submit::Act { action: a, .. } => {
            rows.push((S::ColUnit, unit.unwrap_or_else(none)));
            match a {
                Action::Callback { result } => {
                    rows.push((S::ConfirmResult, i18n::callback(lang, *result).into()))
                }
                Action::ApproveExtension => {
                    if let Some(ext) = row.and_then(|r| r.order.extension.as_ref()) {
                        let to = fill(t(S::ConfirmExtTo), &[&ext.until]);
                        rows.push((S::ConfirmLimit, to));
                    }
                }
                Action::Return { reason }
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
    let title = fill(t(S::ConfirmTitle), &[&i18n::action(lang, name), &no]);
    (title, text)
}

/// The picker's Enter: dispatch to the selected unit of those matching `q`.
fn dispatch_to(app: &mut App, purpose: Purpose, q: &str, sel: usize) -> Vec<Effect> {
    let Purpose::Dispatch { no, version } = purpose.clone() else {
        return Vec::new();
    };
    let units = picker_units(app, q);
    match units.get(sel.min(units.len().saturating_sub(1))) {
        Some(unit) => {
            let submit = Submit::Dispatch {
                order_no: no,
                version,
                unit: unit.clone(),
            };
            record(app, &purpose, submit)
        }
        None => {
            let e = app.env.t(S::DlgNoMatch).to_string();
            error(app, e)
        }
    }
}

/// Active units matching the picker's text, best matches first.
pub fn picker_units(app: &App, q: &str) -> Vec<String> {
    let active = app.data.units.iter().filter(|u| u.unit.active);
    crate::domain::units::ranked(active.map(|u| u.candidate()), q)
        .into_iter()
        .map(|(_, n)| n.to_string())
        .collect()
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
        (Purpose::Callback { no, version }, Some(i)) => {
            let result = CallbackResult::ALL[i.min(CallbackResult::ALL.len() - 1)];
            record(app, &p, act(no, version, Action::Callback { result }))
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
