//! Turning a submitted dialog (`dialog::Outcome`) into the operation to record, or into the
//! next dialog (a refusal's reason, a custom period). The dialog stays open until the session
//! reports the result: a refusal or a conflict is shown in it and the typed text is kept.

use super::super::action::{Effect, Submit};
use super::super::app::{App, PeriodChoice};
use super::super::dialog::{Dialog, Field, Form, Outcome, Purpose};
use super::super::i18n::{S, fill};
use crate::domain::{Action, CallbackResult, OnSite};
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
        Outcome::Written(Purpose::Reply { no, version }, text) => {
            vec![act(no, version, Action::Reply { text })]
        }
        Outcome::Written(..) => Vec::new(),
    }
}

/// The picker's Enter: dispatch to the selected unit of those matching `q`.
fn dispatch_to(app: &mut App, purpose: Purpose, q: &str, sel: usize) -> Vec<Effect> {
    let Purpose::Dispatch { no, version } = purpose else {
        return Vec::new();
    };
    let units = picker_units(app, q);
    match units.get(sel.min(units.len().saturating_sub(1))) {
        Some(unit) => vec![Effect::Submit(Submit::Dispatch {
            order_no: no,
            version,
            unit: unit.clone(),
        })],
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

fn act(order_no: String, version: u32, action: Action) -> Effect {
    Effect::Submit(Submit::Act {
        order_no,
        version,
        action,
    })
}

fn error(app: &mut App, text: String) -> Vec<Effect> {
    if let Some(d) = app.overlay.dialog.as_mut() {
        d.set_error(Some(text));
    }
    Vec::new()
}

/// A confirmation or a choice made (`pick` is the chosen option).
fn submit_plain(app: &mut App, purpose: Purpose, pick: Option<usize>) -> Vec<Effect> {
    let t = |s: S| s.get(app.env.lang);
    match (purpose, pick) {
        (Purpose::Accept { no, version }, _) => vec![act(no, version, Action::Accept)],
        (Purpose::DecideExtension { no, version }, Some(0)) => {
            vec![act(no, version, Action::ApproveExtension)]
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
            vec![act(no, version, Action::ReviewAccept)]
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
            let result = CallbackResult::ALL[i.min(3)];
            vec![act(no, version, Action::Callback { result })]
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
    let text = |s: S| f.field(s);
    match purpose {
        Purpose::Urge { no, version } => vec![act(
            no,
            version,
            Action::Urge {
                note: text(S::DlgNoteOptional),
            },
        )],
        Purpose::BulkUrge { nos } => vec![Effect::Submit(Submit::UrgeMany {
            order_nos: nos,
            note: text(S::DlgNoteOptional),
        })],
        Purpose::Return { no, version } => vec![act(
            no,
            version,
            Action::Return {
                reason: text(S::DlgReason),
            },
        )],
        Purpose::RequestExtension { no, version } => match date(app, &f, S::DlgUntil) {
            Ok(until) => vec![act(
                no,
                version,
                Action::RequestExtension {
                    until,
                    reason: text(S::DlgReason),
                },
            )],
            Err(e) => e,
        },
        Purpose::RefuseExtension { no, version } => vec![act(
            no,
            version,
            Action::RefuseExtension {
                reason: text(S::DlgReasonOptional),
            },
        )],
        Purpose::Reject { no, version } => vec![act(
            no,
            version,
            Action::ReviewReject {
                reason: text(S::DlgReason),
            },
        )],
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
                    vec![act(no, version, Action::Supervise { note, on_site })]
                }
                Purpose::SuperviseUnit { unit } => vec![Effect::Submit(Submit::SuperviseUnit {
                    unit,
                    note,
                    on_site,
                })],
                _ => Vec::new(),
            }
        }
        Purpose::Redo { no, version } => match text(S::DlgDays).parse::<u32>() {
            Ok(days) if (1..=crate::domain::time::MAX_DAYS).contains(&days) => {
                vec![Effect::Submit(Submit::Redo {
                    order_no: no,
                    version,
                    reason: text(S::DlgReason),
                    days,
                })]
            }
            _ => {
                let msg = fill(
                    S::BadNumber.get(app.env.lang),
                    &[&S::DlgDays.get(app.env.lang)],
                );
                error(app, msg)
            }
        },
        Purpose::Close { no, version } => vec![act(
            no,
            version,
            Action::Close {
                reason: text(S::DlgReasonOptional),
            },
        )],
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
            vec![Effect::Scorecard]
        }
        _ => Vec::new(),
    }
}
