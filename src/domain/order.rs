//! The work order (工单) and its vocabulary: category, status, callback result.
//!
//! `Order` is *derived* state: it is only ever produced by replaying the order's events
//! (`workflow::replay`). The store keeps a copy for fast queries; `hotline check` proves the
//! copy equals the replay.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// 咨询 / 建议 / 诉求: the seed bulletin's three categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Inquiry,
    Suggestion,
    Request,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Inquiry, Category::Suggestion, Category::Request];
    pub fn code(self) -> &'static str {
        match self {
            Category::Inquiry => "inquiry",
            Category::Suggestion => "suggestion",
            Category::Request => "request",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Category::Inquiry => "咨询",
            Category::Suggestion => "建议",
            Category::Request => "诉求",
        }
    }
}

/// Where an order stands. Codes are English snake_case (CLI, JSON); `zh` is for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 待转办: with the office, not yet sent to a unit.
    Received,
    /// 待签收: sent to a unit that has not signed for it.
    Dispatched,
    /// 办理中: the unit signed and is working on it (also after a rejected reply or a redo).
    Handling,
    /// 已退单: the unit sent it back; the office must re-dispatch.
    Returned,
    /// 待审核: the unit (or the office, for an inquiry) replied; the office reviews.
    Replied,
    /// 待回访: reply accepted; the office calls the citizen back.
    AwaitingCallback,
    /// 已办结.
    Closed,
    /// 已并单: merged into a lead order (`Order::merged_into`); no unit's work, it follows
    /// the lead's reply (an unmerge restores its own state).
    Merged,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Received,
        Status::Dispatched,
        Status::Handling,
        Status::Returned,
        Status::Replied,
        Status::AwaitingCallback,
        Status::Closed,
        Status::Merged,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Dispatched => "dispatched",
            Status::Handling => "handling",
            Status::Returned => "returned",
            Status::Replied => "replied",
            Status::AwaitingCallback => "awaiting_callback",
            Status::Closed => "closed",
            Status::Merged => "merged",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Status::Received => "待转办",
            Status::Dispatched => "待签收",
            Status::Handling => "办理中",
            Status::Returned => "已退单",
            Status::Replied => "待审核",
            Status::AwaitingCallback => "待回访",
            Status::Closed => "已办结",
            Status::Merged => "已并单",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Dispatched => "dispatched",
            Status::Handling => "handling",
            Status::Returned => "returned",
            Status::Replied => "replied",
            Status::AwaitingCallback => "callback",
            Status::Closed => "closed",
            Status::Merged => "merged",
        }
    }
    pub fn is_open(self) -> bool {
        self != Status::Closed
    }
    /// The unit holds the order and its deadline runs.
    pub fn clock_runs(self) -> bool {
        matches!(self, Status::Dispatched | Status::Handling)
    }
}

/// 回访结果.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallbackResult {
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
    Unreachable,
}

impl CallbackResult {
    pub const ALL: [CallbackResult; 4] = [
        CallbackResult::Satisfied,
        CallbackResult::BasicallySatisfied,
        CallbackResult::Unsatisfied,
        CallbackResult::Unreachable,
    ];
    pub fn code(self) -> &'static str {
        match self {
            CallbackResult::Satisfied => "satisfied",
            CallbackResult::BasicallySatisfied => "basically-satisfied",
            CallbackResult::Unsatisfied => "unsatisfied",
            CallbackResult::Unreachable => "unreachable",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            CallbackResult::Satisfied => "满意",
            CallbackResult::BasicallySatisfied => "基本满意",
            CallbackResult::Unsatisfied => "不满意",
            CallbackResult::Unreachable => "未接通",
        }
    }
    /// The citizen was reached (counts in the satisfaction rate's base).
    pub fn reached(self) -> bool {
        self != CallbackResult::Unreachable
    }
    pub fn satisfied(self) -> bool {
        matches!(
            self,
            CallbackResult::Satisfied | CallbackResult::BasicallySatisfied
        )
    }
}

/// The callback's second question (诉求是否解决): solved, explained as not solvable
/// (解释说明), or not solved. Codes are the CLI's `--solved yes|explained|no`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Solved {
    Yes,
    Explained,
    No,
}

impl Solved {
    pub const ALL: [Solved; 3] = [Solved::Yes, Solved::Explained, Solved::No];
    pub fn code(self) -> &'static str {
        match self {
            Solved::Yes => "yes",
            Solved::Explained => "explained",
            Solved::No => "no",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Solved::Yes => "已解决",
            Solved::Explained => "解释说明",
            Solved::No => "未解决",
        }
    }
}

/// The three answers of a callback that reached the citizen (the 12345 centre's script): did
/// the unit contact you, is the problem solved, are you satisfied. A callback recorded before
/// the three questions (the old four outcomes) has `contacted` and `solved` unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Answers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solved: Option<Solved>,
}

/// An order's last callback that reached the citizen: what the assessment counts under the
/// "latest callback replaces" rule (a second callback after a redo replaces the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastCallback {
    pub at: NaiveDateTime,
    pub result: CallbackResult,
    #[serde(flatten)]
    pub answers: Answers,
}

/// 剔除: why an order is excluded from its unit's assessment (an admin decides, with a reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionKind {
    /// 无理诉求: judged unreasonable.
    Unreasonable,
    /// 涉诉: belongs to litigation.
    Litigation,
    /// 仲裁.
    Arbitration,
    /// 行政复议.
    Reconsideration,
    /// 信访.
    Petition,
}

impl ExemptionKind {
    pub const ALL: [ExemptionKind; 5] = [
        ExemptionKind::Unreasonable,
        ExemptionKind::Litigation,
        ExemptionKind::Arbitration,
        ExemptionKind::Reconsideration,
        ExemptionKind::Petition,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ExemptionKind::Unreasonable => "unreasonable",
            ExemptionKind::Litigation => "litigation",
            ExemptionKind::Arbitration => "arbitration",
            ExemptionKind::Reconsideration => "reconsideration",
            ExemptionKind::Petition => "petition",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            ExemptionKind::Unreasonable => "无理诉求",
            ExemptionKind::Litigation => "涉诉",
            ExemptionKind::Arbitration => "仲裁",
            ExemptionKind::Reconsideration => "行政复议",
            ExemptionKind::Petition => "信访",
        }
    }
}

/// An order's exemption from assessment, while it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exemption {
    pub kind: ExemptionKind,
    pub reason: String,
    pub at: NaiveDateTime,
}

/// A unit's pending 退单 request (派单异议): the unit still holds the order, and its deadline
/// still runs, until the office approves or refuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRequest {
    pub reason: String,
    pub at: NaiveDateTime,
    /// Asked for after the deadline day had ended (迟退单).
    pub late: bool,
}

macro_rules! code_enum_traits {
    ($t:ty, $what:literal) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
        impl FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let s = s.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == s || v.code().replace('-', "_") == s || v.zh() == s)
                    .ok_or_else(|| {
                        let all: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                        format!(
                            "unknown {} '{}' (expected one of: {})",
                            $what,
                            s,
                            all.join(", ")
                        )
                    })
            }
        }
    };
}
code_enum_traits!(Category, "category");
code_enum_traits!(Status, "status");
code_enum_traits!(CallbackResult, "callback result");
code_enum_traits!(Solved, "solved answer");
code_enum_traits!(ExemptionKind, "exemption kind");

/// 承办单位的类别: 县直单位 or 乡镇区. The bulletin's table 1 and table 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Department,
    Township,
}

impl UnitKind {
    pub const ALL: [UnitKind; 2] = [UnitKind::Department, UnitKind::Township];
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Department => "department",
            UnitKind::Township => "township",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            UnitKind::Department => "县直单位",
            UnitKind::Township => "乡镇区",
        }
    }
    /// The bulletin's table number.
    pub fn table(self) -> u8 {
        match self {
            UnitKind::Department => 1,
            UnitKind::Township => 2,
        }
    }
}
code_enum_traits!(UnitKind, "unit kind");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub kind: UnitKind,
    pub active: bool,
}

/// What the citizen asked: fixed at intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Intake {
    pub category: Option<Category>,
    pub title: String,
    pub content: String,
    #[serde(default)]
    pub citizen: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: String,
}

/// 并单: an order's own state while it is merged into a lead (status `Merged`), kept so that
/// an unmerge restores it as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeforeMerge {
    pub status: Status,
    pub unit: Option<String>,
    pub assigned_at: Option<NaiveDateTime>,
    pub deadline: Option<NaiveDate>,
    pub due_at: Option<NaiveDateTime>,
    pub accepted_at: Option<NaiveDateTime>,
    pub extension: Option<ExtensionRequest>,
    pub first_contact_at: Option<NaiveDateTime>,
    pub return_request: Option<ReturnRequest>,
}

/// A pending 延期申请.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub until: NaiveDate,
    pub reason: String,
}

/// The current state of one order: the fold of its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub order_no: String,
    pub category: Category,
    pub status: Status,
    pub title: String,
    pub content: String,
    pub citizen: String,
    pub phone: String,
    pub address: String,
    pub received_at: NaiveDateTime,
    /// The unit that holds the order now (None while with the office).
    pub unit: Option<String>,
    /// When the current unit was given the order (the dispatch that put it there).
    pub assigned_at: Option<NaiveDateTime>,
    /// Last day the unit has to reply (end of that day). Moved by extension and redo.
    pub deadline: Option<NaiveDate>,
    /// An urgent order's limit in clock hours: the time it is due (its day is `deadline`).
    /// Set by a dispatch or redo with hours; an extension's new date replaces it.
    pub due_at: Option<NaiveDateTime>,
    pub accepted_at: Option<NaiveDateTime>,
    pub reply: Option<String>,
    pub replied_at: Option<NaiveDateTime>,
    pub extension: Option<ExtensionRequest>,
    pub callback: Option<CallbackResult>,
    pub closed_at: Option<NaiveDateTime>,
    /// 先行联系: when the current unit first recorded reaching the citizen (reset by a dispatch).
    pub first_contact_at: Option<NaiveDateTime>,
    /// The last callback that reached the citizen, kept across a redo (see `LastCallback`).
    pub last_callback: Option<LastCallback>,
    /// Excluded from assessment (剔除), while it stands.
    pub exemption: Option<Exemption>,
    /// A unit's pending return request.
    pub return_request: Option<ReturnRequest>,
    /// 并单: the lead order this one was merged into (kept after it followed the lead's reply).
    #[serde(default)]
    pub merged_into: Option<String>,
    /// While merged (status `Merged`): its own state before the merge, for an unmerge.
    #[serde(default)]
    pub before_merge: Option<BeforeMerge>,
    pub urges: u32,
    pub supervisions: u32,
    pub redos: u32,
    pub returns: u32,
    /// Number of events applied: the optimistic-concurrency version.
    pub version: u32,
    /// Time of the latest event (events of one order never go back in time).
    pub updated_at: NaiveDateTime,
}

impl Order {
    /// Calendar days past the deadline at `now` (0 when not late). An order is late while open
    /// after the end of its deadline day; a closed order is judged at its closing time.
    pub fn days_overdue(&self, now: NaiveDateTime) -> i64 {
        let Some(deadline) = self.deadline else {
            return 0;
        };
        let at = match self.closed_at {
            Some(c) if c <= now => c,
            _ => now,
        };
        (at.date() - deadline).num_days().max(0)
    }
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }
    /// Open and past the end of its deadline day at `now` (see `late_on`).
    pub fn is_late(&self, now: NaiveDateTime) -> bool {
        late_on(self.is_open(), self.deadline, now.date())
    }
    /// **past due** at `at`: after the limit's end: the time due of a limit in clock hours
    /// (`due_at`), else the end of the deadline day. What "on time" asks of a reply and "late"
    /// of a return request. (超期, days late, counts whole days: an urgent order past its
    /// hour is 超时 at once and 超期 from the next day, like any order.)
    pub fn past_due(&self, at: NaiveDateTime) -> bool {
        match (self.due_at, self.deadline) {
            (Some(due), _) => at > due,
            (None, Some(d)) => at.date() > d,
            (None, None) => false,
        }
    }
    /// An urgent order's clock while open: whole hours left until `due_at` (rounded up; 0 at
    /// the time due), negative once past it (hours over, 超时, rounded up). None without a
    /// time due or once closed.
    pub fn hours_left(&self, now: NaiveDateTime) -> Option<i64> {
        let due = self.due_at.filter(|_| self.is_open())?;
        let mins = (due - now).num_minutes();
        Some(if mins >= 0 {
            (mins + 59) / 60
        } else {
            -((-mins + 59) / 60)
        })
    }
}

/// The one rule of a late order: open, with a deadline day before `today`. Generic over how a
/// day is written (a date, or a number that sorts like one, as the store's list keys have
/// it), so that every list asks this function; the store's SQL form is
/// `store::lists::late_sql`. For an open order it is `days_overdue(now) > 0`.
pub fn late_on<D: Ord>(open: bool, deadline: Option<D>, today: D) -> bool {
    open && deadline.is_some_and(|d| d < today)
}
