//! What a key means (`Cmd`, from the keymap) and what the pure update asks the outside world
//! to do (`Effect`, run by the session: the only code that reaches the store and `ops`).
//!
//! The path of a key press to the store, and each type's one job:
//!
//! 1. key → `Cmd` (`keymap`): what the key means where it was pressed. Operations on an
//!    order are `Cmd::Op(Op)`: the keys' names for workflow actions.
//! 2. `Op` → `domain::ActionName` (`OP_ACTIONS`, the one table both ways): what
//!    `workflow::precheck` and `ops::policy` speak of, asked before a dialog opens (and
//!    for the "keys that work now" hint). `Op::BulkUrge` has no action name: each order is
//!    checked by `ops::urge_many`.
//! 3. (`update::open`) a dialog opens with its `dialog::Purpose`: what it will record once
//!    filled in, with the order version the operator saw. Keys in it go to `Dialog::on_key`,
//!    which says what they did (`dialog::Outcome`: stay, cancel, or submitted).
//! 4. (`update::submit`) the dialog submitted → `Effect::Submit(Submit)` (through
//!    `submit::record`: what cannot be undone is confirmed once first): the operation with
//!    its arguments, typed text included (`Submit::Act` carries a `domain::Action`, the
//!    workflow's action with its arguments; dispatch, redo, bulk urging and unit supervision
//!    have their own `ops` entry points; so has intake, `Submit::Intake`). Other `Effect`s ask the session to load something.
//! 5. `session` runs the effect through `ops` (`act`, `dispatch`, `redo`, `urge_many`,
//!    `supervise_unit`), which decides it with `workflow::decide` and stores the event. Done,
//!    the dialog closes; refused (or a conflict), the message shows in it, text kept.

use crate::domain::{Action, ActionName, OnSite};
use crate::ops::{DeadlineSpec, NewOrder};

/// The five tabs, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Pending,
    Overdue,
    Units,
    Activity,
    /// 热点: the hotspots of the last 30 days (`report::similar::hotspots`).
    Hotspots,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Pending,
        Tab::Overdue,
        Tab::Units,
        Tab::Activity,
        Tab::Hotspots,
    ];
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// An operation on the current order (or on a unit's orders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Dispatch,
    /// 改派: the dispatch's picker and limit, then a reason.
    Reassign,
    Accept,
    Return,
    Extension,
    Reply,
    Review,
    Urge,
    BulkUrge,
    Supervise,
    Callback,
    Contact,
    Redo,
    Close,
    /// 剔除 / 取消剔除 (an admin's), by whether the order is exempted.
    Exempt,
    /// 并单 / 取消并单, by whether the order is merged.
    Merge,
}

/// The one table between the keys' operations and the workflow's actions: `Op::action_name`
/// and `Op::for_action` both read it. 延期 (`e`) is one key for two workflow actions: asking
/// for an extension, and deciding one that is pending; so is 退单 (`b`): a unit's request, and
/// the office's decision on a pending one. Bulk urging has no row (it is checked
/// per order by `ops::urge_many`), nor has revealing a contact (`hotline order show --reveal`).
pub const OP_ACTIONS: [(Op, ActionName); 18] = [
    (Op::Dispatch, ActionName::Dispatch),
    (Op::Reassign, ActionName::Reassign),
    (Op::Accept, ActionName::Accept),
    (Op::Return, ActionName::Return),
    (Op::Return, ActionName::DecideReturn),
    (Op::Extension, ActionName::RequestExtension),
    (Op::Extension, ActionName::DecideExtension),
    (Op::Reply, ActionName::Reply),
    (Op::Review, ActionName::Review),
    (Op::Urge, ActionName::Urge),
    (Op::Supervise, ActionName::Supervise),
    (Op::Callback, ActionName::Callback),
    (Op::Contact, ActionName::Contact),
    (Op::Redo, ActionName::Redo),
    (Op::Close, ActionName::Close),
    (Op::Exempt, ActionName::Exempt),
    (Op::Merge, ActionName::Merge),
    (Op::Merge, ActionName::Unmerge),
];

impl Op {
    /// Whether one filling of the operation's dialog may be recorded on many marked orders:
    /// the same unit, note, result or reason fits them all. A reply, a callback (each
    /// citizen's own answers), a return or an extension (each order's own reason) do not.
    pub fn batchable(self) -> bool {
        matches!(
            self,
            Op::Dispatch
                | Op::Accept
                | Op::Urge
                | Op::Supervise
                | Op::Review
                | Op::Contact
                | Op::Redo
                | Op::Close
                | Op::Exempt
        )
    }
    pub const ALL: [Op; 16] = [
        Op::Dispatch,
        Op::Reassign,
        Op::Accept,
        Op::Return,
        Op::Extension,
        Op::Reply,
        Op::Review,
        Op::Urge,
        Op::BulkUrge,
        Op::Supervise,
        Op::Callback,
        Op::Contact,
        Op::Redo,
        Op::Close,
        Op::Exempt,
        Op::Merge,
    ];

    /// The workflow's name for it (`OP_ACTIONS`): what `workflow::permitted` speaks of.
    /// `pending`: the order has a request this key decides (an extension for `e`, a return
    /// for `b`): the key then decides it, else asks for one. `None` for bulk urging.
    pub fn action_name(self, pending: bool) -> Option<ActionName> {
        let decides = |a: ActionName| {
            matches!(
                a,
                ActionName::DecideExtension | ActionName::DecideReturn | ActionName::Unmerge
            )
        };
        OP_ACTIONS
            .iter()
            .filter(|(op, _)| *op == self)
            .map(|(_, a)| *a)
            .find(|a| {
                !matches!(self, Op::Extension | Op::Return | Op::Merge) || decides(*a) == pending
            })
    }

    /// The workflow's name for it on this order (`action_name`, with the order's pending
    /// extension or return request).
    pub fn action_on(self, o: &crate::domain::Order) -> Option<ActionName> {
        let pending = match self {
            Op::Extension => o.extension.is_some(),
            Op::Return => o.return_request.is_some(),
            Op::Merge => o.status == crate::domain::Status::Merged,
            _ => false,
        };
        self.action_name(pending)
    }

    /// The key operation that performs a workflow action (`OP_ACTIONS`), for “press X to …”
    /// hints.
    pub fn for_action(a: ActionName) -> Option<Op> {
        OP_ACTIONS.iter().find(|(_, x)| *x == a).map(|(op, _)| *op)
    }
}

/// A key's meaning, looked up in the keymap for the current context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cmd {
    Quit,
    Help,
    Filter,
    Command,
    Tab(Tab),
    NextTab,
    PrevTab,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfDown,
    HalfUp,
    Open,
    Back,
    Sort,
    SortReverse,
    ToggleMark,
    /// Mark every order the list shows.
    MarkAll,
    /// Mark the orders from the last one marked to the cursor.
    MarkRange,
    /// Mark the orders the list shows that are not marked, unmark the others.
    InvertMarks,
    Period,
    Chart,
    /// Units tab: choose the assessment pack.
    Pack,
    /// Units tab: the orders that cost the unit points under the pack (else its orders).
    Explain,
    Op(Op),
    /// Units tab: urge every overdue order of the unit.
    UrgeUnit,
    /// Units tab: supervise the unit as a whole.
    SuperviseUnit,
    /// The next order awaiting a callback (待回访) in the list: select it, open its callback.
    NextCallback,
    /// The callback console: show the citizen's full phone (recorded).
    Reveal,
    /// 受理: a new order.
    Intake,
    // In dialogs and input lines.
    Submit,
    Cancel,
    NextField,
    PrevField,
    Toggle,
    /// The editor's Enter: a new line (listed so help and hints say so).
    Newline,
    Yes,
    No,
    Pick(u8),
}

/// An operation to record, with the order version the operator saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submit {
    Act {
        order_no: String,
        version: u32,
        action: Action,
    },
    /// 转办 with a time limit (the category's, N working days, or a date); with a reason, 改派
    /// (`ops::reassign`: from the unit holding it to `unit`).
    Dispatch {
        order_no: String,
        version: u32,
        unit: String,
        limit: DeadlineSpec,
        reassign: Option<String>,
    },
    /// 并单: into the lead order typed (`ops::merge` reads it).
    Merge {
        order_no: String,
        version: u32,
        lead: String,
    },
    /// 受理: a new order (`ops::intake`); the dispatch picker opens for it once recorded.
    Intake(NewOrder),
    /// 重办 with N working days.
    Redo {
        order_no: String,
        version: u32,
        reason: String,
        days: u32,
    },
    UrgeMany {
        order_nos: Vec<String>,
        note: String,
    },
    SuperviseUnit {
        unit: String,
        note: String,
        on_site: Option<OnSite>,
    },
    /// One operation filled once and recorded on every marked order (all or nothing):
    /// `each` with each order's number in turn, at the version the store holds then.
    Many {
        order_nos: Vec<String>,
        each: Box<Submit>,
    },
}

impl Submit {
    /// A new version of the order seen (after a conflict).
    pub fn set_version(&mut self, v: u32) {
        match self {
            Submit::Act { version, .. }
            | Submit::Dispatch { version, .. }
            | Submit::Merge { version, .. }
            | Submit::Redo { version, .. } => *version = v,
            Submit::UrgeMany { .. }
            | Submit::SuperviseUnit { .. }
            | Submit::Intake(_)
            | Submit::Many { .. } => {}
        }
    }
    pub fn order_no(&self) -> Option<&str> {
        match self {
            Submit::Act { order_no, .. }
            | Submit::Dispatch { order_no, .. }
            | Submit::Merge { order_no, .. }
            | Submit::Redo { order_no, .. } => Some(order_no),
            _ => None,
        }
    }
    /// The same operation on another order (a batch's member), or None for an operation
    /// that is not about one order.
    pub fn on_order(&self, no: &str) -> Option<Submit> {
        let mut s = self.clone();
        match &mut s {
            Submit::Act { order_no, .. }
            | Submit::Dispatch { order_no, .. }
            | Submit::Merge { order_no, .. }
            | Submit::Redo { order_no, .. } => *order_no = no.to_string(),
            _ => return None,
        }
        Some(s)
    }
}

/// What the update asks the session to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Load the order and its history, and show it.
    OpenDetail(String),
    /// Load a unit's orders, and show them.
    OpenUnit(String),
    /// Recompute the scorecard (the period changed).
    Scorecard,
    /// Load what cost a unit points under the chosen pack (`report::explain`), and show it.
    Explain(String),
    /// Ask the store which unit returned the order (`workflow::returned_by`), then open the
    /// dispatch picker for it.
    PickUnit {
        order_no: String,
        version: u32,
        category: crate::domain::Category,
    },
    /// Ask the store for a unit's overdue orders, then confirm urging them all.
    UrgeUnit(String),
    /// Show an order's full contact: recorded as the CLI's `order show --reveal` records it
    /// (`ops::act` with `Action::RevealContact`); the open callback console then shows it.
    Reveal(String),
    Submit(Submit),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_but_reveal_has_one_key_op_and_back() {
        assert_eq!(Op::for_action(ActionName::RevealContact), None);
        for a in ActionName::ALL {
            let op = Op::for_action(a);
            assert!(op.is_some(), "{a:?} has no key");
            if let Some(op) = op {
                let pending = matches!(
                    a,
                    ActionName::DecideExtension | ActionName::DecideReturn | ActionName::Unmerge
                );
                assert_eq!(op.action_name(pending), Some(a), "{a:?}");
            }
        }
        for op in Op::ALL {
            let names: Vec<_> = [false, true].map(|p| op.action_name(p)).into();
            assert_eq!(names[0].is_none(), op == Op::BulkUrge, "{op:?}");
            for n in names.into_iter().flatten() {
                assert_eq!(Op::for_action(n), Some(op), "{op:?}");
            }
        }
        assert_eq!(
            Op::Extension.action_name(false),
            Some(ActionName::RequestExtension)
        );
        assert_eq!(
            Op::Extension.action_name(true),
            Some(ActionName::DecideExtension)
        );
        assert_eq!(Op::Return.action_name(false), Some(ActionName::Return));
        assert_eq!(Op::Return.action_name(true), Some(ActionName::DecideReturn));
    }
}
