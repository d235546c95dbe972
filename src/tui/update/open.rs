//! Opening the dialog for an operation — after checking, with the workflow's own table, that
//! the order's state allows it (so nobody types a reply only to have it refused).

use super::super::action::OP_ACTIONS;
use super::super::action::{Cmd, Effect, Op, Submit};
use super::super::app::{App, Batch, Level, OrderRow, Screen};
use super::super::dialog::{CallbackDesk, Choice, Dialog, Editor, Field, Form, Picker, Purpose};
use super::super::i18n::{self, S, fill};
use super::super::keymap::Ctx;
use super::say;
use crate::domain::text::{one_line, vague_reply};
use crate::domain::workflow::{WorkflowError, precheck};
use crate::domain::{Action, ActionName, Status, TimeLimits};
use crate::ops::calendar;

/// One line naming an order: number, unit, title.
pub fn order_line(row: &OrderRow) -> String {
    format!(
        "{} {} {}",
        row.order.order_no,
        row.order.unit.as_deref().unwrap_or("-"),
        one_line(&row.order.title)
    )
}

/// The workflow's refusal (from `workflow::precheck`): a state that does not permit the
/// action also names the keys that would work now, for this operator (an action the role may
/// not take on the order, `ops::policy::action_refusal`, is not offered as a key).
fn refuse(app: &mut App, err: WorkflowError, order: &crate::domain::Order) {
    let hint = match &err {
        WorkflowError::NotAllowed { allowed, .. } => {
            let keys: Vec<String> = allowed
                .iter()
                .filter(|a| {
                    crate::ops::policy::action_refusal(&app.env.operator, &app.env.role, **a, order)
                        .is_none()
                })
                .filter_map(|a| {
                    let key = app
                        .env
                        .keymap
                        .key_for(Ctx::Orders, Cmd::Op(Op::for_action(*a)?))?;
                    Some(format!("{key} {}", i18n::action(app.env.lang, *a)))
                })
                .collect();
            if keys.is_empty() {
                // Nothing this operator may do on it now (a unit account on an order awaiting
                // the office's review): say so rather than offer the office's keys.
                format!("\n{}", app.env.t(S::NothingForYou))
            } else {
                let hint = fill(
                    app.env.t(S::AllowedKeys),
                    &[&keys.join(app.env.theme.dot())],
                );
                format!("\n{hint}")
            }
        }
        _ => String::new(),
    };
    let err = app.env.error_text(&err.into());
    say(app, Level::Error, format!("{err}{hint}"));
}

pub fn order_op(app: &mut App, op: Op) -> Vec<Effect> {
    app.overlay.batch = None;
    // The marked orders need no row under the cursor (`:forecast` marks orders not late yet,
    // which the overdue list does not show).
    if op == Op::BulkUrge && !app.tabs.marks.is_empty() && app.current_order().is_none() {
        return bulk_urge_marked(app);
    }
    // Orders marked (on a list, not in one order's detail): the operation is for them all.
    if op != Op::BulkUrge && !app.tabs.marks.is_empty() && app.current_list().is_some() {
        return marked_op(app, op);
    }
    let Some(row) = app.current_order().cloned() else {
        let t = app.env.t(S::NoOrder).to_string();
        say(app, Level::Warn, t);
        return Vec::new();
    };
    if op == Op::BulkUrge {
        return bulk_urge(app, &row);
    }
    order_op_on(app, op, row)
}

/// An operation on the marked orders: refused for one that needs each order's own text;
/// else the marked orders the workflow and the role allow (those it refuses are named and
/// left out), and the operation's dialog, filled once, for the first of them (the cursor's
/// order if it is marked). Orders not loaded on this screen are left to `ops` to check.
fn marked_op(app: &mut App, op: Op) -> Vec<Effect> {
    if !op.batchable() {
        let t = app.env.t(S::MarkedOneByOne).to_string();
        say(app, Level::Warn, t);
        return Vec::new();
    }
    let (mut orders, mut skipped, mut anchor) = (Vec::new(), Vec::new(), None);
    let current = app.current_order().map(|r| r.order.order_no.clone());
    let nos: Vec<String> = app.tabs.marks.iter().cloned().collect();
    for no in nos {
        let row = app.order_row(&no).cloned();
        // The same two checks as for one order (`order_op_on`): the workflow, the role.
        let ok = match &row {
            Some(r) => op
                .action_on(&r.order)
                .is_some_and(|a| app.env.allows(&r.order, a)),
            None => true,
        };
        if !ok {
            skipped.push(no);
            continue;
        }
        if let Some(r) = row
            && (anchor.is_none() || current.as_deref() == Some(no.as_str()))
        {
            anchor = Some(r);
        }
        orders.push(no);
    }
    let Some(anchor) = anchor else {
        let t = fill(
            app.env.t(S::MarkedNoneCan),
            &[&app.tabs.marks.len(), &op_label(app, op)],
        );
        say(app, Level::Warn, t);
        return Vec::new();
    };
    let (n, n_skipped) = (orders.len(), skipped.len());
    app.overlay.batch = Some(Batch {
        anchor: anchor.order.order_no.clone(),
        orders,
        skipped,
    });
    let no = anchor.order.order_no.clone();
    let effects = order_op_on(app, op, anchor);
    let orders = fill(app.env.t(S::MarkedOrders), &[&n]);
    let line = match n_skipped {
        0 => fill(app.env.t(S::MarkedAll), &[&n]),
        k => fill(app.env.t(S::MarkedSome), &[&n, &k]),
    };
    match app.overlay.dialog.as_mut() {
        Some(d) => d.for_marked(&no, &orders, line),
        None => app.overlay.batch = None,
    }
    effects
}

/// The operation's name as the keys' help says it.
fn op_label(app: &App, op: Op) -> String {
    OP_ACTIONS
        .iter()
        .find(|(o, _)| *o == op)
        .map(|(_, a)| i18n::action(app.env.lang, *a).to_string())
        .unwrap_or_default()
}

fn order_op_on(app: &mut App, op: Op, row: OrderRow) -> Vec<Effect> {
    let o = &row.order;
    let Some(action) = op.action_on(o) else {
        return Vec::new();
    };
    // The workflow first, as `decide` will ask it: nothing is offered that it would refuse.
    let needs = match precheck(o, action, app.env.now) {
        Ok(n) => n,
        Err(e) => {
            refuse(app, e, o);
            return Vec::new();
        }
    };
    // The same words `ops` would use, before anything is typed.
    if let Some(e) = crate::ops::policy::action_refusal(&app.env.operator, &app.env.role, action, o)
    {
        let t = app.env.error_text(&e);
        say(app, Level::Error, t);
        return Vec::new();
    }
    let no = o.order_no.clone();
    let version = o.version;
    let line = order_line(&row);
    let t = |s: S| s.get(app.env.lang);
    let dialog = match op {
        Op::Urge => Dialog::Form(
            Form::new(
                fill(t(S::DlgUrge), &[&no]),
                Purpose::Urge { no, version },
                vec![Field::text(S::DlgNoteOptional, "", false)],
            )
            .with_body(vec![line]),
        ),
        // Nothing to type: straight to the one confirmation.
        Op::Accept => {
            let purpose = Purpose::Accept {
                no: no.clone(),
                version,
            };
            let submit = Submit::Act {
                order_no: no,
                version,
                action: Action::Accept,
            };
            return super::submit::record(app, &purpose, submit);
        }
        // The office decides a unit's pending request; else the unit asks.
        Op::Return => match &o.return_request {
            Some(r) => {
                let mut reason = one_line(&r.reason);
                if r.late {
                    reason = format!("{reason}（{}）", t(S::ReturnAskedLate));
                }
                Dialog::Choice(Choice {
                    title: fill(t(S::DlgDecideReturn), &[&no, &reason]),
                    body: vec![line],
                    warn: None,
                    options: vec![t(S::DlgApproveReturn).into(), t(S::DlgRefuseReturn).into()],
                    selected: 0,
                    error: None,
                    purpose: Purpose::DecideReturn { no, version },
                })
            }
            None => Dialog::Form(
                Form::new(
                    fill(t(S::DlgReturn), &[&no]),
                    Purpose::Return { no, version },
                    vec![Field::text(S::DlgReason, "", true)],
                )
                .with_body(vec![line, t(S::DlgReturnNote).to_string()]),
            ),
        },
        // 剔除: the kind, then a required reason; an exempted order's exemption is lifted.
        Op::Exempt => match &o.exemption {
            Some(e) => Dialog::Form(
                Form::new(
                    fill(
                        t(S::DlgUnexempt),
                        &[
                            &no,
                            &i18n::exemption(app.env.lang, e.kind),
                            &one_line(&e.reason),
                        ],
                    ),
                    Purpose::Unexempt { no, version },
                    vec![Field::text(S::DlgReasonOptional, "", false)],
                )
                .with_body(vec![line]),
            ),
            None => Dialog::Choice(Choice {
                title: fill(t(S::DlgExemptKind), &[&no]),
                body: vec![line],
                warn: None,
                options: crate::domain::order::ExemptionKind::ALL
                    .iter()
                    .map(|k| match app.env.lang {
                        crate::domain::Lang::Zh => k.zh().to_string(),
                        crate::domain::Lang::En => format!("{} ({})", k.code(), k.zh()),
                    })
                    .collect(),
                selected: 0,
                error: None,
                purpose: Purpose::ExemptKind { no, version },
            }),
        },
        Op::Extension => match &o.extension {
            Some(ext) => Dialog::Choice(Choice {
                title: fill(
                    t(S::DlgDecideExt),
                    &[&no, &ext.until, &one_line(&ext.reason)],
                ),
                body: vec![line],
                warn: None,
                options: vec![t(S::DlgApprove).into(), t(S::DlgRefuse).into()],
                selected: 0,
                error: None,
                purpose: Purpose::DecideExtension { no, version },
            }),
            None => {
                // Offered only before the deadline (`precheck`); the default is never in
                // the past, and always later than the deadline.
                let today = app.env.now.date();
                let deadline = o.deadline.unwrap_or(today);
                let until = calendar()
                    .add_working_days(deadline.max(today), 5)
                    .max(needs.earliest.unwrap_or(today));
                Dialog::Form(
                    Form::new(
                        fill(t(S::DlgExtension), &[&no, &deadline]),
                        Purpose::RequestExtension { no, version },
                        vec![
                            Field::text(S::DlgUntil, &until.to_string(), true),
                            Field::text(S::DlgReason, "", true),
                        ],
                    )
                    .with_body(vec![line]),
                )
            }
        },
        Op::Reply => Dialog::Editor(Box::new(Editor::new(
            fill(t(S::DlgReply), &[&no, &one_line(&o.title)]),
            Purpose::Reply { no, version },
        ))),
        Op::Review => {
            let reply = o.reply.clone().unwrap_or_default();
            let vague = vague_reply(&reply);
            Dialog::Choice(Choice {
                title: fill(t(S::DlgReview), &[&no]),
                body: vec![line, String::new(), reply],
                warn: vague.as_ref().map(|v| fill(t(S::VagueWarn), &[v])),
                options: vec![t(S::DlgReviewAccept).into(), t(S::DlgReviewReject).into()],
                selected: usize::from(vague.is_some()),
                error: None,
                purpose: Purpose::Review { no, version, vague },
            })
        }
        Op::Supervise => Dialog::Form(supervise_form(
            app,
            fill(t(S::DlgSupervise), &[&no]),
            Purpose::Supervise { no, version },
            vec![line],
        )),
        Op::Callback => Dialog::Callback(Box::new(CallbackDesk::new(
            o.clone(),
            fill(t(S::DlgCallback), &[&no]),
            vec![line],
        ))),
        Op::Contact => {
            let mut body = vec![line];
            if let Some(at) = o.first_contact_at {
                let at = at.format("%Y-%m-%d %H:%M").to_string();
                body.push(fill(t(S::DlgContactBefore), &[&at]));
            }
            Dialog::Form(
                Form::new(
                    fill(t(S::DlgContact), &[&no]),
                    Purpose::Contact { no, version },
                    vec![Field::text(S::DlgContactNote, "", false)],
                )
                .with_body(body),
            )
        }
        Op::Redo => {
            let days = TimeLimits::shipped().days(o.category);
            Dialog::Form(
                Form::new(
                    fill(t(S::DlgRedo), &[&no]),
                    Purpose::Redo { no, version },
                    vec![
                        Field::text(S::DlgReason, "", true),
                        Field::text(S::DlgDays, &days.to_string(), true),
                    ],
                )
                .with_body(vec![line]),
            )
        }
        // Required when the workflow requires it (after an unsatisfied callback).
        Op::Close => {
            let reason = if needs.reason {
                Field::text(S::DlgReason, "", true)
            } else {
                Field::text(S::DlgReasonOptional, "", false)
            };
            Dialog::Form(
                Form::new(
                    fill(t(S::DlgClose), &[&no]),
                    Purpose::Close { no, version },
                    vec![reason],
                )
                .with_body(vec![line]),
            )
        }
        // An order a unit returned: the session asks the history which unit, so that the
        // picker lists it last.
        Op::Dispatch if o.status == crate::domain::Status::Returned => {
            return vec![Effect::PickUnit {
                order_no: no,
                version,
                category: o.category,
            }];
        }
        Op::Dispatch => {
            dispatch_picker(app, no, version, o.category, None);
            return Vec::new();
        }
        // The dispatch's picker, the unit holding it listed last; then limit and reason.
        Op::Reassign => {
            let title = fill(t(S::DlgReassign), &[&no]);
            app.overlay.dialog = Some(Dialog::Picker(Picker::new(
                title,
                Purpose::PickUnit {
                    no,
                    version,
                    category: o.category,
                    returned_by: o.unit.clone(),
                    reassign: true,
                },
            )));
            super::submit::refresh(app);
            return Vec::new();
        }
        Op::Merge => match &o.merged_into {
            Some(lead) if o.status == crate::domain::Status::Merged => Dialog::Form(
                Form::new(
                    fill(t(S::DlgUnmerge), &[&no, lead]),
                    Purpose::Unmerge { no, version },
                    vec![Field::text(S::DlgReasonOptional, "", false)],
                )
                .with_body(vec![line]),
            ),
            _ => Dialog::Form(
                Form::new(
                    fill(t(S::DlgMerge), &[&no]),
                    Purpose::Merge { no, version },
                    vec![Field::text(S::DlgLead, "", true)],
                )
                .with_body(vec![line, t(S::DlgMergeNote).to_string()]),
            ),
        },
        Op::BulkUrge => return Vec::new(),
    };
    app.overlay.dialog = Some(dialog);
    Vec::new()
}

/// `N`: the next order of the list on screen (after the selected one, wrapping) that awaits
/// a callback (待回访, none recorded yet) and that the user may call back: selected, and its
/// callback console opened. From the detail, in the list below it. A long list looks among
/// its loaded rows.
pub fn next_callback(app: &mut App) -> Vec<Effect> {
    if app.current_list().is_none() && app.stack.last() == Some(&Screen::Detail) {
        app.stack.pop();
        app.detail.shown = None;
    }
    let Some(id) = app.current_list().filter(|id| id.is_orders()) else {
        let t = app.env.t(S::NoMoreCallbacks).to_string();
        say(app, Level::Warn, t);
        return Vec::new();
    };
    let n = app.len(id);
    let at = app.tabs.list(id).selected;
    let awaits = |app: &App, i: usize| {
        app.order_at(id, i).is_some_and(|r| {
            r.order.status == Status::AwaitingCallback
                && r.order.callback.is_none()
                && app.env.allows(&r.order, ActionName::Callback)
        })
    };
    let next = (1..=n)
        .map(|k| (at + k) % n.max(1))
        .find(|i| awaits(app, *i));
    match next {
        Some(i) => {
            app.tabs.list_mut(id).selected = i;
            order_op(app, Op::Callback)
        }
        None => {
            let t = app.env.t(S::NoMoreCallbacks).to_string();
            say(app, Level::Warn, t);
            Vec::new()
        }
    }
}

/// The unit picker of a dispatch (`returned_by`: the unit that sent the order back).
pub fn dispatch_picker(
    app: &mut App,
    no: String,
    version: u32,
    category: crate::domain::Category,
    returned_by: Option<String>,
) {
    let title = fill(app.env.t(S::DlgDispatch), &[&no]);
    app.overlay.dialog = Some(Dialog::Picker(Picker::new(
        title,
        Purpose::PickUnit {
            no,
            version,
            category,
            returned_by,
            reassign: false,
        },
    )));
    super::submit::refresh(app);
}

/// `i`: 受理, a new order — its category first (as `hotline order add --category` offers),
/// then the form. Refused, with the policy's words, to a role that may not take in orders.
pub fn intake(app: &mut App) -> Vec<Effect> {
    if office_refused(app, crate::domain::Work::Intake) {
        return Vec::new();
    }
    app.overlay.dialog = Some(Dialog::Choice(Choice {
        title: app.env.t(S::DlgIntakeCategory).to_string(),
        body: Vec::new(),
        warn: None,
        options: crate::domain::Category::ALL
            .iter()
            .map(|c| i18n::category(app.env.lang, *c).to_string())
            .collect(),
        selected: 0,
        error: None,
        purpose: Purpose::IntakeCategory,
    }));
    Vec::new()
}

/// The new order's form, once its category is chosen.
pub fn intake_form(app: &mut App, category: crate::domain::Category) {
    let title = fill(
        app.env.t(S::DlgIntake),
        &[&i18n::category(app.env.lang, category)],
    );
    let now = app.env.now.format("%Y-%m-%d %H:%M").to_string();
    app.overlay.dialog = Some(Dialog::Form(Form::new(
        title,
        Purpose::Intake { category },
        vec![
            Field::text(S::DlgTitle, "", true),
            Field::text(S::DlgContent, "", false),
            Field::text(S::DlgCitizen, "", false),
            Field::text(S::DlgPhone, "", false),
            Field::text(S::DlgAddress, "", false),
            Field::text(S::DlgReceived, &now, true),
            Field::text(S::DlgOrderNo, "", false),
        ],
    )));
}

fn supervise_form(app: &App, title: String, purpose: Purpose, body: Vec<String>) -> Form {
    let due = calendar().add_working_days(app.env.now.date(), 10);
    Form::new(
        title,
        purpose,
        vec![
            Field::text(S::DlgNote, "", false),
            Field::check(S::DlgOnSite, false),
            Field::text(S::DlgPlace, "", true).under_check(),
            Field::text(S::DlgParticipants, "", false).under_check(),
            Field::text(S::DlgMeasures, "", true).under_check(),
            Field::text(S::DlgDue, &due.to_string(), true).under_check(),
        ],
    )
    .with_body(body)
}

fn bulk_form(app: &mut App, nos: Vec<String>, label: String) {
    let title = fill(app.env.t(S::DlgBulkUrge), &[&nos.len(), &label]);
    let shown: Vec<&str> = nos.iter().take(6).map(String::as_str).collect();
    let more = if nos.len() > shown.len() { " …" } else { "" };
    let body = vec![format!("{}{more}", shown.join(" "))];
    app.overlay.dialog = Some(Dialog::Form(
        Form::new(
            title,
            Purpose::BulkUrge { nos },
            vec![Field::text(S::DlgNoteOptional, "", false)],
        )
        .with_body(body),
    ));
}

/// Says so when the user's role may not do this office work (the same words as `ops`).
fn office_refused(app: &mut App, work: crate::domain::Work) -> bool {
    match crate::ops::policy::work_refusal(&app.env.operator, &app.env.role, work) {
        Some(e) => {
            let t = app.env.error_text(&e);
            say(app, Level::Error, t);
            true
        }
        None => false,
    }
}

/// `U` on an order: the marked orders, else every overdue order of the order's unit.
fn bulk_urge(app: &mut App, row: &OrderRow) -> Vec<Effect> {
    if office_refused(app, crate::domain::Work::BulkUrge) {
        return Vec::new();
    }
    if !app.tabs.marks.is_empty() {
        return bulk_urge_marked(app);
    }
    let Some(unit) = row.order.unit.clone() else {
        let t = fill(app.env.t(S::NothingOverdue), &[&app.env.t(S::WithOffice)]);
        say(app, Level::Warn, t);
        return Vec::new();
    };
    urge_all_of(app, &unit)
}

/// `U` with orders marked: the confirmation for urging them all.
fn bulk_urge_marked(app: &mut App) -> Vec<Effect> {
    if office_refused(app, crate::domain::Work::BulkUrge) {
        return Vec::new();
    }
    let nos: Vec<String> = app.tabs.marks.iter().cloned().collect();
    let label = app.env.t(S::DlgBulkMarked).to_string();
    bulk_form(app, nos, label);
    Vec::new()
}

/// Every overdue order of a unit: known here when the open orders are held, else the
/// store is asked for the numbers (never the loaded rows of a window).
fn urge_all_of(app: &mut App, unit: &str) -> Vec<Effect> {
    if !app.data.open_held {
        return vec![Effect::UrgeUnit(unit.to_string())];
    }
    let nos = app.overdue_of(unit);
    urge_these(app, unit, nos);
    Vec::new()
}

/// The confirmation for urging a unit's overdue orders `nos`.
pub fn urge_these(app: &mut App, unit: &str, nos: Vec<String>) {
    if nos.is_empty() {
        let t = fill(app.env.t(S::NothingOverdue), &[&unit]);
        return say(app, Level::Warn, t);
    }
    let label = fill(app.env.t(S::DlgBulkUnit), &[&unit]);
    bulk_form(app, nos, label);
}

pub fn urge_unit(app: &mut App) -> Vec<Effect> {
    if office_refused(app, crate::domain::Work::BulkUrge) {
        return Vec::new();
    }
    match app.selected_unit().map(|r| r.unit.clone()) {
        Some(u) => urge_all_of(app, &u),
        None => {
            let t = app.env.t(S::NoUnit).to_string();
            say(app, Level::Warn, t);
            Vec::new()
        }
    }
}

pub fn supervise_unit(app: &mut App) {
    let Some(unit) = app.selected_unit().map(|r| r.unit.clone()) else {
        let t = app.env.t(S::NoUnit).to_string();
        return say(app, Level::Warn, t);
    };
    if office_refused(app, crate::domain::Work::SuperviseUnit) {
        return;
    }
    let title = fill(app.env.t(S::DlgSuperviseUnit), &[&unit]);
    let form = supervise_form(app, title, Purpose::SuperviseUnit { unit }, Vec::new());
    app.overlay.dialog = Some(Dialog::Form(form));
}

pub fn period(app: &mut App) {
    use super::super::app::PeriodChoice as P;
    let selected = match app.tabs.period {
        P::All => 0,
        P::ThisMonth => 1,
        P::LastMonth => 2,
        P::Custom(..) => 3,
    };
    let t = |s: S| s.get(app.env.lang).to_string();
    app.overlay.dialog = Some(Dialog::Choice(Choice {
        title: t(S::DlgPeriod),
        body: Vec::new(),
        warn: None,
        options: vec![
            t(S::PeriodAll),
            t(S::PeriodThis),
            t(S::PeriodLast),
            t(S::PeriodCustom),
        ],
        selected,
        error: None,
        purpose: Purpose::Period,
    }));
}

/// `P` on the Units tab: the shipped packs with their titles in the UI's language, the one
/// in force marked and selected.
pub fn pack(app: &mut App) {
    use crate::domain::assessment::{Pack, SHIPPED};
    let lang = app.env.lang;
    let current = app.pack_name().to_string();
    let selected = SHIPPED.iter().position(|(n, _)| *n == current).unwrap_or(0);
    let options = SHIPPED
        .iter()
        .map(|(name, _)| {
            let title = Pack::shipped(name)
                .map(|p| p.title_in(lang).to_string())
                .unwrap_or_default();
            let mark = if *name == current {
                S::PackCurrent.get(lang)
            } else {
                ""
            };
            format!("{name}{mark}  {}", crate::domain::text::one_line(&title))
        })
        .collect();
    app.overlay.dialog = Some(Dialog::Choice(Choice {
        title: S::DlgPack.get(lang).to_string(),
        body: Vec::new(),
        warn: None,
        options,
        selected,
        error: None,
        purpose: Purpose::Pack,
    }));
}

/// Judge the Units tab by the shipped pack `name`: said on the status line (with a note
/// when the period is outside the pack's dates), and kept in the user's views.toml when
/// there is one to write (a file that could not be read is never written).
pub fn choose_pack(app: &mut App, name: &str) {
    if !app.set_pack(name) {
        let t = fill(app.env.t(S::PackUnknown), &[&name]);
        return say(app, Level::Warn, t);
    }
    let pack = app
        .tabs
        .pack
        .clone()
        .or_else(|| crate::domain::assessment::Pack::shipped(name));
    let Some(pack) = pack else {
        return;
    };
    let mut text = fill(app.env.t(S::PackChosen), &[&pack.name]);
    let mut level = Level::Info;
    if let Some(c) = &app.data.card
        && !pack.valid_on(c.period.to)
    {
        text = format!(
            "{text}{}{}",
            app.env.t(S::Comma),
            fill(
                app.env.t(S::PackNotInForce),
                &[&pack.name, &pack.valid_from]
            )
        );
        level = Level::Warn;
    }
    if app.env.views.path.is_some()
        && app.env.views.broken.is_none()
        && let Err(m) = app.env.views.set_pack(name)
    {
        text = format!("{text}\n{}", app.env.say_msg(&m));
        level = Level::Warn;
    }
    say(app, level, text);
}

/// Enter on a unit: under a pack with a score or floors, what cost it points (loaded by the
/// session); else its orders.
pub fn explain(app: &mut App) -> Vec<Effect> {
    let Some(unit) = app.selected_unit().map(|r| r.unit.clone()) else {
        return Vec::new();
    };
    if app.explains() {
        vec![Effect::Explain(unit)]
    } else {
        vec![Effect::OpenUnit(unit)]
    }
}
