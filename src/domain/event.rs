//! Events: the append-only history of an order. Every state an order is ever in is the replay
//! of these (see `workflow::replay`).

use super::order::{Answers, CallbackResult, Category, ExemptionKind, Intake};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Who recorded an event and when, as the program observed it at the insert: the OS account
/// of the process and the wall clock. Empty for events recorded before schema 4.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp {
    pub account: String,
    pub recorded_at: Option<NaiveDateTime>,
}

impl Stamp {
    /// Entered after the fact (补录): recorded more than a minute away from the time the event
    /// claims (an admin's `--now`, an import of a history, the demo's and `gen`'s clocks).
    pub fn back_entry(&self, at: NaiveDateTime) -> bool {
        self.recorded_at
            .is_some_and(|r| (r - at).num_seconds().abs() > 60)
    }
}

/// 现场督办: officials meet on site; fixes responsibility, measures and a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnSite {
    pub place: String,
    #[serde(default)]
    pub participants: String,
    pub measures: String,
    pub due: NaiveDate,
}

/// What happened. The payload is stored as JSON in the event row; `code()` is the `kind` column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// 受理: the order enters the county (typed in, or imported from the city call center).
    Received {
        #[serde(flatten)]
        intake: Intake,
        /// When the city call center received it (may precede the event time on import).
        received_at: NaiveDateTime,
    },
    /// 转办: sent to a unit with a deadline.
    Dispatched {
        unit: String,
        deadline: NaiveDate,
        /// An urgent order's limit in clock hours (`dispatch --hours`): the time it is due;
        /// `deadline` is its day. None for a limit in working days.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDateTime>,
    },
    /// 改派: the office moves the order from the unit holding it (`from`) straight to another
    /// with a new limit. Counted as a dispatch to the new unit; no return for the old one.
    Reassigned {
        from: String,
        unit: String,
        deadline: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDateTime>,
        #[serde(default)]
        reason: String,
    },
    /// 签收.
    Accepted,
    /// 退单: the order goes back to the office. Since schema 5 it is the office's approval of
    /// the unit's request (`ReturnRequested`), carrying the request's reason and lateness;
    /// older histories have it recorded by the unit directly.
    Returned {
        reason: String,
        /// The request came after the deadline day had ended (迟退单).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        late: bool,
    },
    /// 退单申请 (派单异议): the unit asks to send the order back; it keeps the order until the
    /// office decides.
    ReturnRequested {
        reason: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        late: bool,
    },
    /// 不同意退单: the office refuses the request; the unit keeps the order.
    ReturnRefused {
        reason: String,
    },
    /// 先行联系: the unit records that it reached the citizen.
    Contacted {
        #[serde(default)]
        note: String,
    },
    /// 剔除: an admin excludes the order from its unit's assessment.
    Exempted {
        exemption: ExemptionKind,
        reason: String,
    },
    /// 取消剔除.
    Unexempted {
        #[serde(default)]
        reason: String,
    },
    /// 延期申请.
    ExtensionRequested {
        until: NaiveDate,
        reason: String,
    },
    ExtensionApproved,
    ExtensionRefused {
        #[serde(default)]
        reason: String,
    },
    /// 回复: by the unit, or by the office for an inquiry it answers itself.
    Replied {
        text: String,
    },
    /// 审核通过.
    ReviewAccepted,
    /// 审核退回 (vague, incomplete): back to the unit.
    ReviewRejected {
        reason: String,
    },
    /// 催办.
    Urged {
        #[serde(default)]
        note: String,
    },
    /// 督办 of an order (a unit-level 督办 is a separate record, see `UnitSupervision`).
    Supervised {
        #[serde(default)]
        note: String,
        #[serde(default)]
        on_site: Option<OnSite>,
    },
    /// 回访.
    CalledBack {
        /// Satisfaction (满意 / 基本满意 / 不满意), or 未接通 (not a valid callback).
        result: CallbackResult,
        /// Did the unit contact the citizen, is it solved (absent in old four-outcome callbacks).
        #[serde(flatten, default)]
        answers: Answers,
    },
    /// 重办: back to the unit with a new deadline.
    Redone {
        reason: String,
        deadline: NaiveDate,
        /// As for a dispatch: the time due when the new limit is in clock hours.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDateTime>,
    },
    /// 办结.
    Closed {
        #[serde(default)]
        reason: String,
    },
    /// 并单: merged into the lead order `into`; it leaves its unit's queue and follows the lead.
    Merged {
        into: String,
    },
    /// 取消并单: its own state before the merge comes back.
    Unmerged {
        #[serde(default)]
        reason: String,
    },
    /// 主单已答复: the lead's reply was accepted (or the lead closed); the merged order takes
    /// its text and waits for its own callback.
    LeadReplied {
        lead: String,
        text: String,
    },
    /// The citizen's full phone number and name were shown to an operator (privacy audit).
    ContactRevealed,
    /// 导出工单: orders were written to a file (privacy audit: who, when, how many, and whether
    /// the citizens' names and phones were masked). Belongs to no order.
    Exported {
        orders: u64,
        masked: bool,
    },
}

impl EventKind {
    pub fn code(&self) -> &'static str {
        match self {
            EventKind::Received { .. } => "received",
            EventKind::Dispatched { .. } => "dispatched",
            EventKind::Reassigned { .. } => "reassigned",
            EventKind::Accepted => "accepted",
            EventKind::Returned { .. } => "returned",
            EventKind::ReturnRequested { .. } => "return_requested",
            EventKind::ReturnRefused { .. } => "return_refused",
            EventKind::Contacted { .. } => "contacted",
            EventKind::Exempted { .. } => "exempted",
            EventKind::Unexempted { .. } => "unexempted",
            EventKind::ExtensionRequested { .. } => "extension_requested",
            EventKind::ExtensionApproved => "extension_approved",
            EventKind::ExtensionRefused { .. } => "extension_refused",
            EventKind::Replied { .. } => "replied",
            EventKind::ReviewAccepted => "review_accepted",
            EventKind::ReviewRejected { .. } => "review_rejected",
            EventKind::Urged { .. } => "urged",
            EventKind::Supervised { .. } => "supervised",
            EventKind::CalledBack { .. } => "called_back",
            EventKind::Redone { .. } => "redone",
            EventKind::Closed { .. } => "closed",
            EventKind::ContactRevealed => "contact_revealed",
            EventKind::Merged { .. } => "merged",
            EventKind::Unmerged { .. } => "unmerged",
            EventKind::LeadReplied { .. } => "lead_replied",
            EventKind::Exported { .. } => "exported",
        }
    }

    /// The action's name in Chinese, for timelines.
    pub fn zh(&self) -> &'static str {
        match self {
            EventKind::Received { .. } => "受理",
            EventKind::Dispatched { .. } => "转办",
            EventKind::Reassigned { .. } => "改派",
            EventKind::Accepted => "签收",
            EventKind::Returned { .. } => "退单",
            EventKind::ReturnRequested { .. } => "退单申请",
            EventKind::ReturnRefused { .. } => "不同意退单",
            EventKind::Contacted { .. } => "先行联系",
            EventKind::Exempted { .. } => "剔除",
            EventKind::Unexempted { .. } => "取消剔除",
            EventKind::ExtensionRequested { .. } => "延期申请",
            EventKind::ExtensionApproved => "同意延期",
            EventKind::ExtensionRefused { .. } => "不同意延期",
            EventKind::Replied { .. } => "回复",
            EventKind::ReviewAccepted => "审核通过",
            EventKind::ReviewRejected { .. } => "审核退回",
            EventKind::Urged { .. } => "催办",
            EventKind::Supervised {
                on_site: Some(_), ..
            } => "现场督办",
            EventKind::Supervised { .. } => "督办",
            EventKind::CalledBack { .. } => "回访",
            EventKind::Redone { .. } => "重办",
            EventKind::Closed { .. } => "办结",
            EventKind::ContactRevealed => "查看联系方式",
            EventKind::Merged { .. } => "并单",
            EventKind::Unmerged { .. } => "取消并单",
            EventKind::LeadReplied { .. } => "主单已答复",
            EventKind::Exported { .. } => "导出工单",
        }
    }

    pub fn en(&self) -> &'static str {
        match self {
            EventKind::Received { .. } => "intake",
            EventKind::Dispatched { .. } => "dispatch",
            EventKind::Reassigned { .. } => "reassign",
            EventKind::Accepted => "accept",
            EventKind::Returned { .. } => "return",
            EventKind::ReturnRequested { .. } => "return request",
            EventKind::ReturnRefused { .. } => "return refused",
            EventKind::Contacted { .. } => "first contact",
            EventKind::Exempted { .. } => "exempted",
            EventKind::Unexempted { .. } => "exemption lifted",
            EventKind::ExtensionRequested { .. } => "extension request",
            EventKind::ExtensionApproved => "extension approved",
            EventKind::ExtensionRefused { .. } => "extension refused",
            EventKind::Replied { .. } => "reply",
            EventKind::ReviewAccepted => "review: accepted",
            EventKind::ReviewRejected { .. } => "review: rejected",
            EventKind::Urged { .. } => "urge",
            EventKind::Supervised {
                on_site: Some(_), ..
            } => "on-site supervision",
            EventKind::Supervised { .. } => "supervise",
            EventKind::CalledBack { .. } => "callback",
            EventKind::Redone { .. } => "redo",
            EventKind::Closed { .. } => "close",
            EventKind::ContactRevealed => "contact shown",
            EventKind::Merged { .. } => "merged",
            EventKind::Unmerged { .. } => "unmerged",
            EventKind::LeadReplied { .. } => "lead replied",
            EventKind::Exported { .. } => "orders exported",
        }
    }

    /// The event's free text (reason, reply, note), for the `text` column and timelines.
    pub fn text(&self) -> String {
        match self {
            EventKind::Received { intake, .. } => intake.title.clone(),
            EventKind::Dispatched {
                unit,
                due: Some(due),
                ..
            } => format!("{unit} {}", due.format("%Y-%m-%d %H:%M")),
            EventKind::Dispatched { unit, deadline, .. } => format!("{unit} {deadline}"),
            EventKind::Reassigned {
                from,
                unit,
                due: Some(due),
                reason,
                ..
            } => format!("{from} → {unit} {}：{reason}", due.format("%Y-%m-%d %H:%M")),
            EventKind::Reassigned {
                from,
                unit,
                deadline,
                reason,
                ..
            } => format!("{from} → {unit} {deadline}：{reason}"),
            EventKind::Returned { reason, late } | EventKind::ReturnRequested { reason, late } => {
                if *late {
                    format!("{reason}（期限已过）")
                } else {
                    reason.clone()
                }
            }
            EventKind::Exempted { exemption, reason } => format!("{}：{reason}", exemption.zh()),
            EventKind::Contacted { note: reason }
            | EventKind::Unexempted { reason }
            | EventKind::ReturnRefused { reason }
            | EventKind::ReviewRejected { reason }
            | EventKind::Closed { reason }
            | EventKind::ExtensionRefused { reason } => reason.clone(),
            EventKind::ExtensionRequested { until, reason } => format!("{until} {reason}"),
            EventKind::Replied { text } => text.clone(),
            EventKind::Merged { into } => format!("并入 {into}"),
            EventKind::Unmerged { reason } => reason.clone(),
            EventKind::LeadReplied { lead, text } => format!("主单 {lead}：{text}"),
            EventKind::Urged { note } => note.clone(),
            EventKind::Supervised { note, on_site } => match on_site {
                Some(o) => format!(
                    "{note} 地点:{} 参加:{} 措施:{} 时限:{}",
                    o.place, o.participants, o.measures, o.due
                ),
                None => note.clone(),
            },
            EventKind::CalledBack { result, answers } => {
                let mut parts = Vec::new();
                if let Some(c) = answers.contacted {
                    parts.push(if c { "已联系" } else { "未联系" });
                }
                if let Some(s) = answers.solved {
                    parts.push(s.zh());
                }
                parts.push(result.zh());
                parts.join("，")
            }
            EventKind::Redone {
                reason,
                due: Some(due),
                ..
            } => format!("{reason} ({})", due.format("%Y-%m-%d %H:%M")),
            EventKind::Redone {
                reason, deadline, ..
            } => format!("{reason} ({deadline})"),
            EventKind::Exported { orders, masked } => format!(
                "{orders} 件，{}",
                if *masked {
                    "姓名电话已遮挡"
                } else {
                    "含完整姓名电话"
                }
            ),
            EventKind::Accepted
            | EventKind::ExtensionApproved
            | EventKind::ReviewAccepted
            | EventKind::ContactRevealed => String::new(),
        }
    }

    /// Does the event change what an operator composing a decision relies on? (Showing the
    /// contact does not, so it never causes a conflict.)
    pub fn is_material(&self) -> bool {
        !matches!(
            self,
            EventKind::ContactRevealed | EventKind::Exported { .. }
        )
    }

    pub fn category(&self) -> Option<Category> {
        match self {
            EventKind::Received { intake, .. } => intake.category,
            _ => None,
        }
    }
}

/// One stored event of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub at: NaiveDateTime,
    pub operator: String,
    /// The unit the event concerns: the dispatch target, or the unit holding the order then.
    pub unit: Option<String>,
    #[serde(flatten)]
    pub kind: EventKind,
}
