//! The workflow as a pure state machine: `decide` checks an action against the order's state
//! and produces the event to record; `evolve` applies an event to the state; `replay` folds a
//! history. Nothing here does I/O, so every rule is testable in isolation, and the CLI, the TUI
//! and the importer all go through the same checks.

use super::event::{Event, EventKind, OnSite};
use super::lang::Msg;
use super::order::{
    Answers, BeforeMerge, CallbackResult, Category, Exemption, ExemptionKind, Intake, LastCallback,
    Order, ReturnRequest, Status,
};
use chrono::{NaiveDate, NaiveDateTime};
use std::fmt;

/// What an operator asks to do to an existing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Dispatch {
        unit: String,
        deadline: NaiveDate,
        /// An urgent order's time due (a limit in clock hours); `deadline` is its day.
        due: Option<NaiveDateTime>,
    },
    /// 改派 (the office): the order goes straight from the unit holding it to another, with a
    /// new limit; not a return (the old unit is not charged a 退单).
    Reassign {
        unit: String,
        deadline: NaiveDate,
        due: Option<NaiveDateTime>,
        reason: String,
    },
    Accept,
    /// A unit's 退单: a request the office decides (`ApproveReturn` / `RefuseReturn`).
    Return {
        reason: String,
    },
    ApproveReturn,
    RefuseReturn {
        reason: String,
    },
    /// 先行联系: the unit reached the citizen.
    Contact {
        note: String,
    },
    /// 剔除 (admin): exclude the order from assessment.
    Exempt {
        kind: ExemptionKind,
        reason: String,
    },
    Unexempt {
        reason: String,
    },
    RequestExtension {
        until: NaiveDate,
        reason: String,
    },
    ApproveExtension,
    RefuseExtension {
        reason: String,
    },
    Reply {
        text: String,
    },
    ReviewAccept,
    ReviewReject {
        reason: String,
    },
    Urge {
        note: String,
    },
    Supervise {
        note: String,
        on_site: Option<OnSite>,
    },
    Callback {
        result: CallbackResult,
        answers: Answers,
    },
    Redo {
        reason: String,
        deadline: NaiveDate,
        due: Option<NaiveDateTime>,
    },
    Close {
        reason: String,
    },
    /// Show the citizen's full contact (recorded, never refused by the order's state).
    RevealContact,
    /// 并单 (the office): the order joins `lead` (what `ops` read of it), leaves its unit's
    /// queue and follows the lead's reply. `followers`: how many orders are merged into this
    /// one now (a lead cannot itself be merged).
    Merge {
        lead: MergeLead,
        followers: u32,
    },
    /// 取消并单: the order's own state before the merge comes back.
    Unmerge {
        reason: String,
    },
    /// The lead's reply was accepted (or the lead closed): a merged order takes that reply and
    /// waits for its own callback. Recorded by `ops` with the lead's event, never typed.
    FollowLead {
        lead: String,
        text: String,
    },
}

/// What a merge needs to know of its lead order (read by `ops`; checked by `decide`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeLead {
    pub order_no: String,
    pub status: Status,
    pub merged_into: Option<String>,
}

/// The name of an action, without its arguments: what the transition table speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionName {
    Dispatch,
    Reassign,
    Accept,
    Return,
    DecideReturn,
    Contact,
    Exempt,
    RequestExtension,
    DecideExtension,
    Reply,
    Review,
    Urge,
    Supervise,
    Callback,
    Redo,
    Close,
    RevealContact,
    Merge,
    Unmerge,
    FollowLead,
}

impl ActionName {
    pub const ALL: [ActionName; 18] = [
        ActionName::Dispatch,
        ActionName::Reassign,
        ActionName::Accept,
        ActionName::Return,
        ActionName::DecideReturn,
        ActionName::Contact,
        ActionName::Exempt,
        ActionName::RequestExtension,
        ActionName::DecideExtension,
        ActionName::Reply,
        ActionName::Review,
        ActionName::Urge,
        ActionName::Supervise,
        ActionName::Callback,
        ActionName::Redo,
        ActionName::Close,
        ActionName::Merge,
        ActionName::Unmerge,
    ];
    /// The CLI subcommand that performs it.
    pub fn code(self) -> &'static str {
        match self {
            ActionName::Dispatch => "dispatch",
            ActionName::Reassign => "reassign",
            ActionName::Accept => "accept",
            ActionName::Return => "return",
            ActionName::DecideReturn => "return --approve|--refuse",
            ActionName::Contact => "contact",
            ActionName::Exempt => "exempt|unexempt",
            ActionName::RequestExtension => "extend",
            ActionName::DecideExtension => "extend --approve|--refuse",
            ActionName::Reply => "reply",
            ActionName::Review => "review",
            ActionName::Urge => "urge",
            ActionName::Supervise => "supervise",
            ActionName::Callback => "callback",
            ActionName::Redo => "redo",
            ActionName::Close => "close",
            ActionName::RevealContact => "order show --reveal",
            ActionName::Merge => "merge",
            ActionName::Unmerge => "unmerge",
            ActionName::FollowLead => "merge (the lead's reply)",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            ActionName::Dispatch => "转办",
            ActionName::Reassign => "改派",
            ActionName::Accept => "签收",
            ActionName::Return => "退单",
            ActionName::DecideReturn => "退单审核",
            ActionName::Contact => "先行联系",
            ActionName::Exempt => "剔除",
            ActionName::RequestExtension => "延期申请",
            ActionName::DecideExtension => "延期审批",
            ActionName::Reply => "回复",
            ActionName::Review => "审核",
            ActionName::Urge => "催办",
            ActionName::Supervise => "督办",
            ActionName::Callback => "回访",
            ActionName::Redo => "重办",
            ActionName::Close => "办结",
            ActionName::RevealContact => "查看联系方式",
            ActionName::Merge => "并单",
            ActionName::Unmerge => "取消并单",
            ActionName::FollowLead => "随主单答复",
        }
    }
}

impl Action {
    pub fn name(&self) -> ActionName {
        match self {
            Action::Dispatch { .. } => ActionName::Dispatch,
            Action::Reassign { .. } => ActionName::Reassign,
            Action::Accept => ActionName::Accept,
            Action::Return { .. } => ActionName::Return,
            Action::ApproveReturn | Action::RefuseReturn { .. } => ActionName::DecideReturn,
            Action::Contact { .. } => ActionName::Contact,
            Action::Exempt { .. } | Action::Unexempt { .. } => ActionName::Exempt,
            Action::RequestExtension { .. } => ActionName::RequestExtension,
            Action::ApproveExtension | Action::RefuseExtension { .. } => {
                ActionName::DecideExtension
            }
            Action::Reply { .. } => ActionName::Reply,
            Action::ReviewAccept | Action::ReviewReject { .. } => ActionName::Review,
            Action::Urge { .. } => ActionName::Urge,
            Action::Supervise { .. } => ActionName::Supervise,
            Action::Callback { .. } => ActionName::Callback,
            Action::Redo { .. } => ActionName::Redo,
            Action::Close { .. } => ActionName::Close,
            Action::RevealContact => ActionName::RevealContact,
            Action::Merge { .. } => ActionName::Merge,
            Action::Unmerge { .. } => ActionName::Unmerge,
            Action::FollowLead { .. } => ActionName::FollowLead,
        }
    }
}

/// Why an action was refused. Its message names the action, the state, and what would be allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    /// The action is not allowed in the order's current status.
    NotAllowed {
        action: ActionName,
        order_no: String,
        status: Status,
        allowed: Vec<ActionName>,
    },
    /// The action is allowed here, but its arguments or timing are not valid.
    Invalid {
        action: ActionName,
        order_no: String,
        reason: String,
        /// The same reason in Chinese, for the TUI.
        reason_zh: String,
    },
    /// An action on a unit as a whole (a unit-wide supervision) whose arguments are not valid.
    UnitInvalid {
        action: ActionName,
        unit: String,
        reason: String,
        reason_zh: String,
    },
}

impl WorkflowError {
    /// The refusal in Chinese (the TUI's default language); `Display` gives it in English
    /// with the Chinese terms, for the CLI and logs.
    pub fn zh(&self) -> String {
        match self {
            WorkflowError::NotAllowed {
                action,
                order_no,
                status,
                allowed,
            } => {
                let allowed: Vec<&str> = allowed.iter().map(|a| a.zh()).collect();
                format!(
                    "不能{}工单 {order_no}：它处于“{}”状态；现在可以：{}",
                    action.zh(),
                    status.zh(),
                    if allowed.is_empty() {
                        "无".to_string()
                    } else {
                        allowed.join("、")
                    }
                )
            }
            WorkflowError::Invalid {
                action,
                order_no,
                reason_zh,
                ..
            } => format!("不能{}工单 {order_no}：{reason_zh}", action.zh()),
            WorkflowError::UnitInvalid {
                action,
                unit,
                reason_zh,
                ..
            } => format!("不能{}承办单位 {unit}：{reason_zh}", action.zh()),
        }
    }
}

impl fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkflowError::NotAllowed {
                action,
                order_no,
                status,
                allowed,
            } => {
                let allowed: Vec<String> = allowed
                    .iter()
                    .map(|a| format!("{} ({})", a.code(), a.zh()))
                    .collect();
                write!(
                    f,
                    "cannot {} ({}) order {}: it is {} ({}); allowed now: {}",
                    action.code(),
                    action.zh(),
                    order_no,
                    status.code(),
                    status.zh(),
                    if allowed.is_empty() {
                        "nothing".to_string()
                    } else {
                        allowed.join(", ")
                    }
                )
            }
            WorkflowError::Invalid {
                action,
                order_no,
                reason,
                ..
            } => write!(
                f,
                "cannot {} ({}) order {}: {}",
                action.code(),
                action.zh(),
                order_no,
                reason
            ),
            WorkflowError::UnitInvalid {
                action,
                unit,
                reason,
                ..
            } => write!(
                f,
                "cannot {} ({}) unit {}: {}",
                action.code(),
                action.zh(),
                unit,
                reason
            ),
        }
    }
}

impl std::error::Error for WorkflowError {}

/// The transition table: which actions the order's state permits. Arguments are checked
/// afterwards in `decide`; this table is what help screens and refusals quote.
pub fn permitted(order: &Order) -> Vec<ActionName> {
    use ActionName as A;
    let mut out = Vec::new();
    match order.status {
        Status::Received => {
            out.push(A::Dispatch);
            if order.category == Category::Inquiry {
                out.push(A::Reply); // the office may answer an inquiry itself
            }
        }
        Status::Returned => out.push(A::Dispatch),
        Status::Dispatched => out.extend([A::Accept, A::Return, A::RequestExtension]),
        Status::Handling => out.extend([A::Reply, A::Return, A::RequestExtension]),
        Status::Replied => {
            out.push(A::Review);
            if order.unit.is_none() {
                out.push(A::Close); // the office's own answer needs no review
            }
        }
        Status::AwaitingCallback => out.extend([A::Callback, A::Redo, A::Close]),
        Status::Closed => out.push(A::Redo),
        Status::Merged => out.push(A::Unmerge),
    }
    if order.extension.is_some() {
        out.retain(|a| *a != A::RequestExtension);
        out.push(A::DecideExtension);
    }
    if order.return_request.is_some() {
        out.retain(|a| *a != A::Return);
        out.push(A::DecideReturn);
    }
    if order.unit.is_some() && order.status.clock_runs() {
        out.push(A::Contact);
    }
    if owes_next_step(order) {
        out.extend([A::Urge, A::Supervise, A::Reassign]);
    }
    // Before any reply: a replied order has an answer of its own.
    if matches!(
        order.status,
        Status::Received | Status::Returned | Status::Dispatched | Status::Handling
    ) {
        out.push(A::Merge);
    }
    out
}

/// Whether a unit holds the order and owes the next step (to sign it or to reply): only then
/// does an urge or a supervision urge anybody. An order back with the office (returned,
/// received) or waiting on the office's own review or callback has no such unit.
fn owes_next_step(order: &Order) -> bool {
    order.unit.is_some() && matches!(order.status, Status::Dispatched | Status::Handling)
}

/// A refusal's reason, in English and in Chinese.
type Reason = (String, String);

fn required(text: &str, what: &str, what_zh: &str) -> Result<(), Reason> {
    if text.trim().is_empty() {
        Err((format!("{what} is required"), format!("须填写{what_zh}")))
    } else {
        Ok(())
    }
}

/// What an action needs on an order at time `at`, known before any argument is typed: what a
/// form asks for (a reason required or optional, the earliest date it may take). `precheck`
/// gives it, or the refusal the action would meet whatever is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// The action's reason (理由) must be given; else it may be left empty. For a review it
    /// is the rejection's reason; for a close, required once the citizen was unsatisfied.
    pub reason: bool,
    /// The earliest date the action's date may be: a dispatch's or redo's deadline (today),
    /// an extension's new date (the day after the deadline).
    pub earliest: Option<NaiveDate>,
}

/// Whether `action` can be taken on `order` at `at` at all, and what it will need: the
/// transition table (`permitted`) and every rule that depends on the order and the time only
/// (an urge needs a unit that owes the next step; an extension is asked for before the
/// deadline; a close needs a callback first, and a reason after an unsatisfied one; a redo
/// needs a unit). `decide` calls it first, so these rules live here once; the TUI asks it
/// before it offers a key or opens a form.
pub fn precheck(
    order: &Order,
    name: ActionName,
    at: NaiveDateTime,
) -> Result<Needs, WorkflowError> {
    let invalid = |(reason, reason_zh): Reason| WorkflowError::Invalid {
        action: name,
        order_no: order.order_no.clone(),
        reason,
        reason_zh,
    };
    if let (Status::Merged, Some(lead)) = (order.status, &order.merged_into)
        && !matches!(
            name,
            ActionName::Unmerge
                | ActionName::FollowLead
                | ActionName::RevealContact
                | ActionName::Exempt
        )
    {
        return Err(invalid((
            format!("it is merged into order {lead}: act on the lead order, or unmerge it first"),
            format!("它已并入工单 {lead}：请办理主单，或先取消并单"),
        )));
    }
    if name == ActionName::FollowLead {
        return match order.status {
            Status::Merged => Ok(Needs {
                reason: false,
                earliest: None,
            }),
            _ => Err(invalid((
                "it is not merged into another order".into(),
                "它没有并入其他工单".into(),
            ))),
        };
    }
    if name == ActionName::Redo && order.merged_into.is_some() {
        let lead = order.merged_into.clone().unwrap_or_default();
        return Err(invalid((
            format!(
                "it followed the reply of order {lead}, into which it was merged: redo the lead order"
            ),
            format!("它随主单 {lead} 答复：请重办主单"),
        )));
    }
    if matches!(name, ActionName::Urge | ActionName::Supervise) && !owes_next_step(order) {
        return Err(invalid((
            format!(
                "it is {} ({}): no unit holds it and owes the next step (an urge or a \
                 supervision needs an order dispatched or being handled)",
                order.status.code(),
                order.status.zh()
            ),
            format!(
                "它处于{}：没有承办单位持有并应办理下一步（催办、督办只适用于已转办或办理中的工单）",
                order.status.zh()
            ),
        )));
    }
    // Showing the contact and exempting (an admin's judgement of the order, whatever its
    // state) are not steps of the workflow.
    if !matches!(name, ActionName::RevealContact | ActionName::Exempt)
        && !permitted(order).contains(&name)
    {
        return Err(WorkflowError::NotAllowed {
            action: name,
            order_no: order.order_no.clone(),
            status: order.status,
            allowed: possible(order, at),
        });
    }
    let today = at.date();
    let needs = |reason: bool, earliest: Option<NaiveDate>| Ok(Needs { reason, earliest });
    match name {
        ActionName::Dispatch => needs(false, Some(today)),
        ActionName::Reassign => needs(true, Some(today)),
        ActionName::Return | ActionName::Review => needs(true, None),
        ActionName::RequestExtension => {
            let deadline = order.deadline.unwrap_or(today);
            if today > deadline {
                return Err(invalid((
                    format!(
                        "the deadline {deadline} has passed; an extension must be asked for before it"
                    ),
                    format!("办理期限 {deadline} 已过；延期须在期限内申请"),
                )));
            }
            needs(true, deadline.succ_opt())
        }
        ActionName::Redo => {
            if order.unit.is_none() {
                return Err(invalid((
                    "it was answered by the office and has no unit to redo it; dispatch a new order instead"
                        .into(),
                    "它由热线办直接答复，没有承办单位可重办；请另立新工单转办".into(),
                )));
            }
            needs(true, Some(today))
        }
        ActionName::Close if order.status == Status::AwaitingCallback => match order.callback {
            None => Err(invalid((
                "the citizen has not been called back yet (record a callback first)".into(),
                "尚未回访市民（请先记录回访结果）".into(),
            ))),
            Some(c) => needs(c == CallbackResult::Unsatisfied, None),
        },
        _ => needs(false, None),
    }
}

/// The actions `order` allows at `at`: the transition table less what `precheck` refuses
/// (an extension past the deadline, a close before the callback…). What "allowed now" lists.
pub fn possible(order: &Order, at: NaiveDateTime) -> Vec<ActionName> {
    permitted(order)
        .into_iter()
        // Never recursive: an action the table permits is not refused as `NotAllowed`.
        .filter(|a| precheck(order, *a, at).is_ok())
        .collect()
}

/// Check `action` against `order` at time `at`, and return the event to record.
pub fn decide(
    order: &Order,
    action: &Action,
    at: NaiveDateTime,
    operator: &str,
) -> Result<Event, WorkflowError> {
    let name = action.name();
    let needs = precheck(order, name, at)?;
    let invalid = |(reason, reason_zh): Reason| WorkflowError::Invalid {
        action: name,
        order_no: order.order_no.clone(),
        reason,
        reason_zh,
    };
    if at < order.updated_at {
        return Err(invalid((
            format!(
                "its last event is at {}, later than {} (events of an order never go back in time)",
                order.updated_at, at
            ),
            format!(
                "它的最后一个事件在 {}，晚于 {}（工单的事件不能倒退时间）",
                order.updated_at, at
            ),
        )));
    }
    let reason_given = |reason: &str| {
        if needs.reason {
            required(reason, "a reason", "理由").map_err(invalid)
        } else {
            Ok(())
        }
    };
    let earliest = needs.earliest.unwrap_or(at.date());
    let kind = match action {
        Action::Dispatch {
            unit,
            deadline,
            due,
        } => {
            required(unit, "a unit", "承办单位").map_err(invalid)?;
            if *deadline < earliest {
                return Err(invalid((
                    format!("the deadline {deadline} is before the dispatch date {earliest}"),
                    format!("办理期限 {deadline} 早于转办日期 {earliest}"),
                )));
            }
            check_due(*due, *deadline, at).map_err(invalid)?;
            EventKind::Dispatched {
                unit: unit.clone(),
                deadline: *deadline,
                due: *due,
            }
        }
        Action::Reassign {
            unit,
            deadline,
            due,
            reason,
        } => {
            required(unit, "a unit", "承办单位").map_err(invalid)?;
            let from = order.unit.clone().unwrap_or_default();
            if *unit == from {
                return Err(invalid((
                    format!("it is already with {from}: choose another unit"),
                    format!("它已由{from}承办：请选择其他单位"),
                )));
            }
            reason_given(reason)?;
            if *deadline < earliest {
                return Err(invalid((
                    format!("the deadline {deadline} is before the reassignment date {earliest}"),
                    format!("办理期限 {deadline} 早于改派日期 {earliest}"),
                )));
            }
            check_due(*due, *deadline, at).map_err(invalid)?;
            EventKind::Reassigned {
                from,
                unit: unit.clone(),
                deadline: *deadline,
                due: *due,
                reason: reason.clone(),
            }
        }
        Action::Accept => EventKind::Accepted,
        Action::Return { reason } => {
            reason_given(reason)?;
            EventKind::ReturnRequested {
                reason: reason.clone(),
                late: order.past_due(at),
            }
        }
        Action::ApproveReturn => {
            let r = order.return_request.as_ref().ok_or_else(|| {
                invalid((
                    "no return request is pending".into(),
                    "没有待审核的退单申请".into(),
                ))
            })?;
            EventKind::Returned {
                reason: r.reason.clone(),
                late: r.late,
            }
        }
        Action::RefuseReturn { reason } => {
            required(reason, "a reason", "理由").map_err(invalid)?;
            EventKind::ReturnRefused {
                reason: reason.clone(),
            }
        }
        Action::Contact { note } => EventKind::Contacted { note: note.clone() },
        Action::Exempt { kind, reason } => {
            if let Some(e) = &order.exemption {
                return Err(invalid((
                    format!("it is already exempted ({}) since {}", e.kind.code(), e.at),
                    format!("它已于 {} 剔除（{}）", e.at, e.kind.zh()),
                )));
            }
            required(reason, "a reason", "理由").map_err(invalid)?;
            EventKind::Exempted {
                exemption: *kind,
                reason: reason.clone(),
            }
        }
        Action::Unexempt { reason } => {
            if order.exemption.is_none() {
                return Err(invalid((
                    "it is not exempted".into(),
                    "它没有被剔除".into(),
                )));
            }
            EventKind::Unexempted {
                reason: reason.clone(),
            }
        }
        Action::RequestExtension { until, reason } => {
            reason_given(reason)?;
            if *until < earliest {
                let deadline = order.deadline.unwrap_or(at.date());
                return Err(invalid((
                    format!("the new date {until} is not later than the deadline {deadline}"),
                    format!("新的日期 {until} 不晚于办理期限 {deadline}"),
                )));
            }
            EventKind::ExtensionRequested {
                until: *until,
                reason: reason.clone(),
            }
        }
        Action::ApproveExtension => EventKind::ExtensionApproved,
        Action::RefuseExtension { reason } => EventKind::ExtensionRefused {
            reason: reason.clone(),
        },
        Action::Reply { text } => {
            required(text, "the reply text", "回复内容").map_err(invalid)?;
            EventKind::Replied { text: text.clone() }
        }
        Action::ReviewAccept => EventKind::ReviewAccepted,
        Action::ReviewReject { reason } => {
            reason_given(reason)?;
            EventKind::ReviewRejected {
                reason: reason.clone(),
            }
        }
        Action::Urge { note } => EventKind::Urged { note: note.clone() },
        Action::Supervise { note, on_site } => {
            check_on_site(on_site.as_ref(), at).map_err(invalid)?;
            EventKind::Supervised {
                note: note.clone(),
                on_site: on_site.clone(),
            }
        }
        Action::Callback { result, answers } => {
            if !result.reached() && *answers != Answers::default() {
                return Err(invalid((
                    "an unreachable callback has no answers".into(),
                    "未接通的回访没有答案".into(),
                )));
            }
            EventKind::CalledBack {
                result: *result,
                answers: *answers,
            }
        }
        Action::Redo {
            reason,
            deadline,
            due,
        } => {
            reason_given(reason)?;
            if *deadline < earliest {
                return Err(invalid((
                    format!("the new deadline {deadline} is before today {earliest}"),
                    format!("新的办理期限 {deadline} 早于今天 {earliest}"),
                )));
            }
            check_due(*due, *deadline, at).map_err(invalid)?;
            EventKind::Redone {
                reason: reason.clone(),
                deadline: *deadline,
                due: *due,
            }
        }
        Action::Close { reason } => {
            if needs.reason && reason.trim().is_empty() {
                return Err(invalid((
                    "the citizen is unsatisfied: redo it, or give the reason for closing (e.g. policy does not allow the request)"
                        .into(),
                    "市民不满意：请重办，或写明办结理由（如政策不允许）".into(),
                )));
            }
            EventKind::Closed {
                reason: reason.clone(),
            }
        }
        Action::RevealContact => EventKind::ContactRevealed,
        Action::Merge { lead, followers } => {
            let l = &lead.order_no;
            if *l == order.order_no {
                return Err(invalid((
                    "an order cannot be merged into itself".into(),
                    "工单不能并入它自己".into(),
                )));
            }
            if let Some(top) = &lead.merged_into {
                return Err(invalid((
                    format!("the lead {l} is itself merged into {top}: merge into {top} instead"),
                    format!("主单 {l} 本身已并入 {top}：请改为并入 {top}"),
                )));
            }
            if matches!(lead.status, Status::AwaitingCallback | Status::Closed) {
                return Err(invalid((
                    format!(
                        "the lead {l} is {} ({}): its reply was already accepted; merge only into an order still being handled",
                        lead.status.code(),
                        lead.status.zh()
                    ),
                    format!(
                        "主单 {l} 处于“{}”：其答复已审核通过；只能并入尚在办理的工单",
                        lead.status.zh()
                    ),
                )));
            }
            if *followers > 0 {
                return Err(invalid((
                    format!(
                        "{followers} order(s) are merged into it: a lead cannot be merged; unmerge them first"
                    ),
                    format!("已有 {followers} 件工单并入它：主单不能再并入他单；请先取消那些并单"),
                )));
            }
            EventKind::Merged { into: l.clone() }
        }
        Action::Unmerge { reason } => EventKind::Unmerged {
            reason: reason.clone(),
        },
        Action::FollowLead { lead, text } => {
            if order.merged_into.as_deref() != Some(lead.as_str()) {
                return Err(invalid((
                    format!("it is not merged into order {lead}"),
                    format!("它没有并入工单 {lead}"),
                )));
            }
            EventKind::LeadReplied {
                lead: lead.clone(),
                text: text.clone(),
            }
        }
    };
    let unit = match &kind {
        EventKind::Dispatched { unit, .. } | EventKind::Reassigned { unit, .. } => {
            Some(unit.clone())
        }
        // The unit the order goes back to.
        EventKind::Unmerged { .. } => order.before_merge.as_ref().and_then(|b| b.unit.clone()),
        _ => order.unit.clone(),
    };
    Ok(Event {
        at,
        operator: operator.to_string(),
        unit,
        kind,
    })
}

/// The rules of an on-site supervision (现场督办), of an order or of a unit as a whole.
fn check_on_site(on_site: Option<&OnSite>, at: NaiveDateTime) -> Result<(), Reason> {
    let Some(o) = on_site else {
        return Ok(());
    };
    required(
        &o.place,
        "the place of an on-site supervision",
        "现场督办地点",
    )?;
    required(
        &o.measures,
        "the measures of an on-site supervision",
        "现场督办措施",
    )?;
    if o.due < at.date() {
        return Err((
            format!(
                "the on-site supervision's due date {} is in the past",
                o.due
            ),
            format!("现场督办的完成期限 {} 已过", o.due),
        ));
    }
    Ok(())
}

/// Check an action on a unit as a whole (not one order) and return the event to record: only
/// a supervision (督办) can be, with the same rules as on an order.
pub fn decide_unit(
    unit: &str,
    action: &Action,
    at: NaiveDateTime,
    operator: &str,
) -> Result<Event, WorkflowError> {
    let invalid = |(reason, reason_zh): Reason| WorkflowError::UnitInvalid {
        action: action.name(),
        unit: unit.to_string(),
        reason,
        reason_zh,
    };
    let Action::Supervise { note, on_site } = action else {
        return Err(invalid((
            "only a supervision can be recorded for a unit as a whole".into(),
            "对承办单位整体只能记录督办".into(),
        )));
    };
    required(unit, "a unit", "承办单位").map_err(invalid)?;
    check_on_site(on_site.as_ref(), at).map_err(invalid)?;
    Ok(Event {
        at,
        operator: operator.to_string(),
        unit: Some(unit.to_string()),
        kind: EventKind::Supervised {
            note: note.clone(),
            on_site: on_site.clone(),
        },
    })
}

/// The audit event of an export: `orders` written to a file, `masked` or with every name and
/// phone. Belongs to no order.
pub fn export_event(orders: u64, masked: bool, at: NaiveDateTime, operator: &str) -> Event {
    Event {
        at,
        operator: operator.to_string(),
        unit: None,
        kind: EventKind::Exported { orders, masked },
    }
}

/// The first event of an order.
pub fn intake(
    intake: Intake,
    received_at: NaiveDateTime,
    at: NaiveDateTime,
    operator: &str,
) -> Result<Event, Msg> {
    required(&intake.title, "a title", "标题").map_err(|(en, zh)| Msg::both(en, zh))?;
    if intake.category.is_none() {
        return Err(Msg::both(
            "a category is required (inquiry, suggestion or request)".into(),
            "须选择类别（咨询、建议或诉求）".into(),
        ));
    }
    if received_at > at {
        return Err(Msg::both(
            format!("the received time {received_at} is later than now ({at})"),
            format!("受理时间 {received_at} 晚于现在（{at}）"),
        ));
    }
    Ok(Event {
        at,
        operator: operator.to_string(),
        unit: None,
        kind: EventKind::Received {
            intake,
            received_at,
        },
    })
}

/// The unit that sent a returned order back (the unit its last 退单 was recorded against),
/// while it waits with the office: the dispatch picker lists it last. `events` is the order's
/// history, oldest first.
pub fn returned_by<'a>(order: &Order, events: &'a [Event]) -> Option<&'a str> {
    if order.status != Status::Returned {
        return None;
    }
    events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::Returned { .. }))
        .and_then(|e| e.unit.as_deref())
}

/// Apply one event. `None` before the first event; the first event must be `Received`.
pub fn evolve(order_no: &str, state: Option<Order>, event: &Event) -> Result<Order, String> {
    let mut o = match (state, &event.kind) {
        (
            None,
            EventKind::Received {
                intake,
                received_at,
            },
        ) => Order {
            order_no: order_no.to_string(),
            category: intake.category.unwrap_or(Category::Request),
            status: Status::Received,
            title: intake.title.clone(),
            content: intake.content.clone(),
            citizen: intake.citizen.clone(),
            phone: intake.phone.clone(),
            address: intake.address.clone(),
            received_at: *received_at,
            unit: None,
            assigned_at: None,
            deadline: None,
            due_at: None,
            accepted_at: None,
            reply: None,
            replied_at: None,
            extension: None,
            callback: None,
            closed_at: None,
            first_contact_at: None,
            last_callback: None,
            exemption: None,
            return_request: None,
            merged_into: None,
            before_merge: None,
            urges: 0,
            supervisions: 0,
            redos: 0,
            returns: 0,
            version: 0,
            updated_at: event.at,
        },
        (None, _) => {
            return Err(format!(
                "order {order_no}: history does not start with intake"
            ));
        }
        (Some(_), EventKind::Received { .. }) => {
            return Err(format!("order {order_no}: a second intake event"));
        }
        (Some(o), _) => o,
    };
    let at = event.at;
    match &event.kind {
        EventKind::Received { .. } => {}
        EventKind::Dispatched {
            unit,
            deadline,
            due,
        }
        | EventKind::Reassigned {
            unit,
            deadline,
            due,
            ..
        } => {
            o.status = Status::Dispatched;
            o.unit = Some(unit.clone());
            o.assigned_at = Some(at);
            o.deadline = Some(*deadline);
            o.due_at = *due;
            o.accepted_at = None;
            o.extension = None;
            o.first_contact_at = None;
            o.return_request = None;
            // A callback judged the unit that held the order then.
            o.last_callback = None;
        }
        EventKind::Accepted => {
            o.status = Status::Handling;
            o.accepted_at = Some(at);
        }
        EventKind::Returned { .. } => {
            o.status = Status::Returned;
            o.unit = None;
            o.assigned_at = None;
            o.deadline = None;
            o.due_at = None;
            o.accepted_at = None;
            o.extension = None;
            o.first_contact_at = None;
            o.return_request = None;
            o.returns += 1;
        }
        EventKind::ReturnRequested { reason, late } => {
            o.return_request = Some(ReturnRequest {
                reason: reason.clone(),
                at,
                late: *late,
            });
        }
        EventKind::ReturnRefused { .. } => o.return_request = None,
        EventKind::Contacted { .. } => {
            o.first_contact_at.get_or_insert(at);
        }
        EventKind::Exempted { exemption, reason } => {
            o.exemption = Some(Exemption {
                kind: *exemption,
                reason: reason.clone(),
                at,
            });
        }
        EventKind::Unexempted { .. } => o.exemption = None,
        EventKind::ExtensionRequested { until, reason } => {
            o.extension = Some(super::order::ExtensionRequest {
                until: *until,
                reason: reason.clone(),
            });
        }
        EventKind::ExtensionApproved => {
            if let Some(ext) = o.extension.take() {
                o.deadline = Some(ext.until);
                o.due_at = None;
            }
        }
        EventKind::ExtensionRefused { .. } => o.extension = None,
        EventKind::Replied { text } => {
            o.status = Status::Replied;
            o.reply = Some(text.clone());
            o.replied_at = Some(at);
        }
        EventKind::ReviewAccepted => o.status = Status::AwaitingCallback,
        EventKind::ReviewRejected { .. } => {
            o.status = if o.unit.is_some() {
                Status::Handling
            } else {
                Status::Received
            };
        }
        EventKind::Urged { .. } => o.urges += 1,
        EventKind::Supervised { .. } => o.supervisions += 1,
        EventKind::CalledBack { result, answers } => {
            o.callback = Some(*result);
            if result.reached() {
                o.last_callback = Some(LastCallback {
                    at,
                    result: *result,
                    answers: *answers,
                });
            }
        }
        EventKind::Redone { deadline, due, .. } => {
            o.status = Status::Handling;
            o.deadline = Some(*deadline);
            o.due_at = *due;
            o.closed_at = None;
            o.callback = None;
            o.redos += 1;
        }
        EventKind::Closed { .. } => {
            o.status = Status::Closed;
            o.closed_at = Some(at);
            o.extension = None;
        }
        EventKind::ContactRevealed => {}
        EventKind::Merged { into } => {
            o.before_merge = Some(BeforeMerge {
                status: o.status,
                unit: o.unit.take(),
                assigned_at: o.assigned_at.take(),
                deadline: o.deadline.take(),
                due_at: o.due_at.take(),
                accepted_at: o.accepted_at.take(),
                extension: o.extension.take(),
                first_contact_at: o.first_contact_at.take(),
                return_request: o.return_request.take(),
            });
            o.status = Status::Merged;
            o.merged_into = Some(into.clone());
        }
        EventKind::Unmerged { .. } => {
            let Some(b) = o.before_merge.take() else {
                return Err(format!(
                    "order {order_no}: an unmerge of an order not merged"
                ));
            };
            o.status = b.status;
            o.unit = b.unit;
            o.assigned_at = b.assigned_at;
            o.deadline = b.deadline;
            o.due_at = b.due_at;
            o.accepted_at = b.accepted_at;
            o.extension = b.extension;
            o.first_contact_at = b.first_contact_at;
            o.return_request = b.return_request;
            o.merged_into = None;
        }
        EventKind::LeadReplied { text, .. } => {
            o.status = Status::AwaitingCallback;
            o.reply = Some(text.clone());
            o.replied_at = Some(at);
            o.before_merge = None;
        }
        EventKind::Exported { .. } => {
            return Err(format!(
                "order {order_no}: an export event belongs to no order"
            ));
        }
    }
    o.version += 1;
    o.updated_at = at;
    Ok(o)
}

/// The state after a whole history: the one definition of an order's state.
pub fn replay<'a>(
    order_no: &str,
    events: impl IntoIterator<Item = &'a Event>,
) -> Result<Order, String> {
    let mut state = None;
    for e in events {
        state = Some(evolve(order_no, state, e)?);
    }
    state.ok_or_else(|| format!("order {order_no} has no events"))
}

/// A limit in clock hours: due after the action's time, on the deadline's day.
fn check_due(
    due: Option<NaiveDateTime>,
    deadline: NaiveDate,
    at: NaiveDateTime,
) -> Result<(), (String, String)> {
    let hm = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    match due {
        Some(d) if d <= at => Err((
            format!("the time due {} is not after now {}", hm(d), hm(at)),
            format!("到期时间 {} 不晚于现在 {}", hm(d), hm(at)),
        )),
        Some(d) if d.date() != deadline => Err((
            format!("the time due {} is not on the deadline {deadline}", hm(d)),
            format!("到期时间 {} 不在办理期限 {deadline} 当天", hm(d)),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scorecard::{self, Counted};

    fn t(s: &str) -> NaiveDateTime {
        crate::domain::time::parse_datetime(s, false).unwrap()
    }

    fn step(o: &Order, a: &Action, at: &str) -> Result<Order, WorkflowError> {
        let e = decide(o, a, t(at), "op")?;
        Ok(evolve(&o.order_no, Some(o.clone()), &e).unwrap())
    }

    /// An order dispatched to 住建局 and signed for.
    fn handling(no: &str) -> Order {
        let i = Intake {
            category: Some(Category::Request),
            title: "路灯不亮".into(),
            ..Default::default()
        };
        let e = intake(i, t("2017-11-02T09:00:00"), t("2017-11-02T09:00:00"), "op").unwrap();
        let o = evolve(no, None, &e).unwrap();
        let o = step(
            &o,
            &Action::Dispatch {
                unit: "住建局".into(),
                deadline: NaiveDate::from_ymd_opt(2017, 11, 16).unwrap(),
                due: None,
            },
            "2017-11-02T09:30:00",
        )
        .unwrap();
        step(&o, &Action::Accept, "2017-11-03T09:00:00").unwrap()
    }

    fn lead(no: &str, status: Status, merged_into: Option<&str>) -> MergeLead {
        MergeLead {
            order_no: no.into(),
            status,
            merged_into: merged_into.map(str::to_string),
        }
    }

    #[test]
    fn a_reassignment_is_a_dispatch_to_the_new_unit_not_a_return() {
        let o = handling("A");
        let a = Action::Reassign {
            unit: "贾塘乡".into(),
            deadline: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            due: None,
            reason: "属乡镇职责".into(),
        };
        let e = decide(&o, &a, t("2017-11-06T10:00:00"), "op").unwrap();
        assert_eq!(e.unit.as_deref(), Some("贾塘乡"));
        assert!(matches!(&e.kind, EventKind::Reassigned { from, .. } if from == "住建局"));
        let c = scorecard::counted(&e).unwrap();
        assert_eq!(
            (c.unit.as_deref(), c.what),
            (Some("贾塘乡"), Counted::Dispatch)
        );
        let n = evolve("A", Some(o), &e).unwrap();
        assert_eq!(n.status, Status::Dispatched);
        assert_eq!(n.unit.as_deref(), Some("贾塘乡"));
        assert_eq!(n.assigned_at, Some(t("2017-11-06T10:00:00")));
        assert_eq!((n.accepted_at, n.returns), (None, 0));
        // The same unit, or without a reason: refused in both languages.
        let same = Action::Reassign {
            unit: "贾塘乡".into(),
            deadline: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            due: None,
            reason: "再派".into(),
        };
        let err = decide(&n, &same, t("2017-11-06T11:00:00"), "op").unwrap_err();
        assert!(err.to_string().contains("already with 贾塘乡"), "{err}");
        assert!(err.zh().contains("已由贾塘乡承办"), "{}", err.zh());
    }

    #[test]
    fn merge_then_unmerge_gives_the_order_its_own_state_back() {
        let o = handling("A");
        let m = step(
            &o,
            &Action::Merge {
                lead: lead("L", Status::Handling, None),
                followers: 0,
            },
            "2017-11-04T09:00:00",
        )
        .unwrap();
        assert_eq!(m.status, Status::Merged);
        assert_eq!((m.unit.as_deref(), m.deadline), (None, None));
        assert_eq!(m.merged_into.as_deref(), Some("L"));
        // No unit's work: not assigned, not with the office either.
        let c = scorecard::contribution(&m);
        assert_eq!((c.unit, c.unassigned), (None, false));
        assert!(!m.is_late(t("2017-12-31T09:00:00")));
        let u = step(
            &m,
            &Action::Unmerge {
                reason: String::new(),
            },
            "2017-11-05T09:00:00",
        )
        .unwrap();
        let strip = |o: &Order| Order {
            version: 0,
            updated_at: o.received_at,
            ..o.clone()
        };
        assert_eq!(strip(&u), strip(&o));
        assert_eq!(u.version, o.version + 2);
    }

    #[test]
    fn merges_are_refused_into_itself_a_merged_order_a_done_lead_and_from_a_lead() {
        let o = handling("A");
        let at = t("2017-11-04T09:00:00");
        for (l, followers, en, zh) in [
            (
                lead("A", Status::Handling, None),
                0,
                "into itself",
                "它自己",
            ),
            (
                lead("L", Status::Merged, Some("M")),
                0,
                "itself merged into M",
                "本身已并入 M",
            ),
            (
                lead("L", Status::AwaitingCallback, None),
                0,
                "already accepted",
                "已审核通过",
            ),
            (
                lead("L", Status::Handling, None),
                2,
                "a lead cannot be merged",
                "主单不能再并入他单",
            ),
        ] {
            let a = Action::Merge { lead: l, followers };
            let err = decide(&o, &a, at, "op").unwrap_err();
            assert!(err.to_string().contains(en), "{err}");
            assert!(err.zh().contains(zh), "{}", err.zh());
        }
    }

    #[test]
    fn a_merged_order_takes_the_leads_reply_and_awaits_its_callback() {
        let o = handling("A");
        let m = step(
            &o,
            &Action::Merge {
                lead: lead("L", Status::Handling, None),
                followers: 0,
            },
            "2017-11-04T09:00:00",
        )
        .unwrap();
        // Nothing but unmerging is its own work.
        let err = decide(
            &m,
            &Action::Urge {
                note: String::new(),
            },
            t("2017-11-04T10:00:00"),
            "op",
        )
        .unwrap_err();
        assert!(err.to_string().contains("act on the lead order"), "{err}");
        let f = step(
            &m,
            &Action::FollowLead {
                lead: "L".into(),
                text: "已修复".into(),
            },
            "2017-11-06T09:00:00",
        )
        .unwrap();
        assert_eq!(f.status, Status::AwaitingCallback);
        assert_eq!(f.reply.as_deref(), Some("已修复"));
        assert_eq!(f.before_merge, None);
        assert!(possible(&f, t("2017-11-06T10:00:00")).contains(&ActionName::Callback));
        // It can no longer be unmerged.
        assert!(
            decide(
                &f,
                &Action::Unmerge {
                    reason: String::new()
                },
                t("2017-11-06T10:00:00"),
                "op"
            )
            .is_err()
        );
    }
}
