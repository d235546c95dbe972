//! Keys inside dialogs, and turning a filled-in dialog into the operation to record. The
//! dialog stays open until the session reports the result: a refusal or a conflict is shown
//! in it and the typed text is kept.

use super::super::action::{Cmd, Effect, Submit};
use super::super::app::{App, PeriodChoice};
use super::super::dialog::{Dialog, Field, Form, Purpose, Value};
use super::super::i18n::{S, fill};
use crate::domain::time::parse_date;
use crate::domain::{Action, CallbackResult, OnSite};
use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let cmd = app.keymap.lookup(&app.contexts(), &key);
    let Some(dialog) = app.dialog.as_mut() else {
        return Vec::new();
    };
    match dialog {
        Dialog::Confirm(c) => match cmd {
            Some(Cmd::Yes) => {
                let p = c.purpose.clone();
                return submit_plain(app, p, None);
            }
            Some(Cmd::No) => app.dialog = None,
            _ => {}
        },
        Dialog::Choice(c) => match cmd {
            Some(Cmd::Down) => c.selected = (c.selected + 1).min(c.options.len() - 1),
            Some(Cmd::Up) => c.selected = c.selected.saturating_sub(1),
            Some(Cmd::Pick(i)) if (i as usize) < c.options.len() => {
                c.selected = i as usize;
                let p = c.purpose.clone();
                return submit_plain(app, p, Some(i as usize));
            }
            Some(Cmd::Submit) => {
                let (p, i) = (c.purpose.clone(), c.selected);
                return submit_plain(app, p, Some(i));
            }
            Some(Cmd::Cancel) => app.dialog = None,
            _ => {}
        },
        Dialog::Picker(p) => match cmd {
            Some(Cmd::Down) => p.selected += 1,
            Some(Cmd::Up) => p.selected = p.selected.saturating_sub(1),
            Some(Cmd::Cancel) => app.dialog = None,
            Some(Cmd::Submit) => {
                let (q, sel) = (p.input.value().to_string(), p.selected);
                let Purpose::Dispatch { no, version } = p.purpose.clone() else {
                    return Vec::new();
                };
                let units = picker_units(app, &q);
                match units.get(sel.min(units.len().saturating_sub(1))) {
                    Some(unit) => {
                        return vec![Effect::Submit(Submit::Dispatch {
                            order_no: no,
                            version,
                            unit: unit.clone(),
                        })];
                    }
                    None => {
                        let e = app.t(S::DlgNoMatch).to_string();
                        if let Some(d) = app.dialog.as_mut() {
                            d.set_error(Some(e));
                        }
                    }
                }
            }
            _ => {
                if let Some(req) = to_input_request(&Event::Key(key)) {
                    p.input.handle(req);
                    p.selected = 0;
                }
            }
        },
        Dialog::Editor(e) => match cmd {
            Some(Cmd::Submit) => {
                let text = e.text();
                let Purpose::Reply { no, version } = e.purpose.clone() else {
                    return Vec::new();
                };
                if text.trim().is_empty() {
                    e.error = Some(fill(S::Required.get(app.lang), &[&S::FReply.get(app.lang)]));
                    return Vec::new();
                }
                return vec![act(no, version, Action::Reply { text })];
            }
            Some(Cmd::Cancel) => {
                if e.area.is_empty() || e.armed {
                    app.dialog = None;
                } else {
                    e.armed = true;
                    e.error = Some(S::DlgDiscard.get(app.lang).to_string());
                }
            }
            _ => {
                e.armed = false;
                e.area.input(key);
            }
        },
        Dialog::Form(f) => match form_key(app.lang, f, cmd, key) {
            FormOutcome::Stay => {}
            FormOutcome::Cancel => app.dialog = None,
            FormOutcome::Submit(p) => return submit_form(app, p),
        },
    }
    Vec::new()
}

/// Active units matching the picker's text, best matches first.
pub fn picker_units(app: &App, q: &str) -> Vec<String> {
    let active = app.units.iter().filter(|u| u.unit.active);
    crate::domain::units::ranked(active.map(|u| u.candidate()), q)
        .into_iter()
        .map(|(_, n)| n.to_string())
        .collect()
}

/// Fields skipped when the check box they depend on is off.
fn active(f: &Form, i: usize) -> bool {
    f.fields
        .get(i)
        .is_some_and(|x| !x.with_check || f.checked())
}

fn next_field(f: &mut Form, forward: bool) {
    let n = f.fields.len();
    let mut i = f.focus;
    for _ in 0..n {
        i = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        if active(f, i) {
            f.focus = i;
            return;
        }
    }
}

enum FormOutcome {
    Stay,
    Submit(Purpose),
    Cancel,
}

/// Keys in a form.
fn form_key(
    lang: crate::domain::Lang,
    f: &mut Form,
    cmd: Option<Cmd>,
    key: KeyEvent,
) -> FormOutcome {
    let last = (0..f.fields.len()).rev().find(|i| active(f, *i));
    let on_check = matches!(
        f.fields.get(f.focus).map(|x| &x.value),
        Some(Value::Check(_))
    );
    match cmd {
        Some(Cmd::Submit) if Some(f.focus) != last => next_field(f, true),
        Some(Cmd::Submit) | Some(Cmd::Yes) => {
            if let Some(label) = f.missing() {
                f.error = Some(fill(S::Required.get(lang), &[&label.get(lang)]));
                f.focus = f.fields.iter().position(|x| x.label == label).unwrap_or(0);
                return FormOutcome::Stay;
            }
            return FormOutcome::Submit(f.purpose.clone());
        }
        Some(Cmd::NextField) => next_field(f, true),
        Some(Cmd::PrevField) => next_field(f, false),
        Some(Cmd::Toggle) if on_check => {
            if let Some(Field {
                value: Value::Check(on),
                ..
            }) = f.fields.get_mut(f.focus)
            {
                *on = !*on;
            }
        }
        Some(Cmd::Cancel) => return FormOutcome::Cancel,
        _ => {
            if let (Some(i), Some(req)) = (f.focused_input(), to_input_request(&Event::Key(key))) {
                i.handle(req);
            }
        }
    }
    FormOutcome::Stay
}

fn act(order_no: String, version: u32, action: Action) -> Effect {
    Effect::Submit(Submit::Act {
        order_no,
        version,
        action,
    })
}

fn error(app: &mut App, text: String) -> Vec<Effect> {
    if let Some(d) = app.dialog.as_mut() {
        d.set_error(Some(text));
    }
    Vec::new()
}

/// A confirmation or a choice made (`pick` is the chosen option).
fn submit_plain(app: &mut App, purpose: Purpose, pick: Option<usize>) -> Vec<Effect> {
    let t = |s: S| s.get(app.lang);
    match (purpose, pick) {
        (Purpose::Accept { no, version }, _) => vec![act(no, version, Action::Accept)],
        (Purpose::DecideExtension { no, version }, Some(0)) => {
            vec![act(no, version, Action::ApproveExtension)]
        }
        (Purpose::DecideExtension { no, version }, _) => {
            let title = fill(t(S::DlgRefuseTitle), &[&no]);
            app.dialog = Some(Dialog::Form(Form::new(
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
            app.dialog = Some(Dialog::Form(Form::new(
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
            app.period = [
                PeriodChoice::All,
                PeriodChoice::ThisMonth,
                PeriodChoice::LastMonth,
            ][i];
            app.dialog = None;
            vec![Effect::Scorecard]
        }
        (Purpose::Period, _) => {
            let (from, to) = app
                .card
                .as_ref()
                .map(|c| (c.period.from.to_string(), c.period.to.to_string()))
                .unwrap_or_default();
            app.dialog = Some(Dialog::Form(Form::new(
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
    parse_date(&f.field(label)).map_err(|e| {
        let msg = format!("{}: {e}", label.get(app.lang));
        error(app, msg)
    })
}

fn submit_form(app: &mut App, purpose: Purpose) -> Vec<Effect> {
    let Some(Dialog::Form(f)) = app.dialog.clone() else {
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
                let msg = fill(S::BadNumber.get(app.lang), &[&S::DlgDays.get(app.lang)]);
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
                let msg = fill(S::FromAfterTo.get(app.lang), &[&from, &to]);
                return error(app, msg);
            }
            app.period = PeriodChoice::Custom(from, to);
            app.dialog = None;
            vec![Effect::Scorecard]
        }
        _ => Vec::new(),
    }
}
