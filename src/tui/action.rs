//! What a key means (`Cmd`, from the keymap) and what the pure update asks the outside world
//! to do (`Effect`, run by the session: the only code that reaches the store and `ops`).

use crate::domain::{Action, ActionName, OnSite};

/// The four tabs, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Pending,
    Overdue,
    Units,
    Activity,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Pending, Tab::Overdue, Tab::Units, Tab::Activity];
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// An operation on the current order (or on a unit's orders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Dispatch,
    Accept,
    Return,
    Extension,
    Reply,
    Review,
    Urge,
    BulkUrge,
    Supervise,
    Callback,
    Redo,
    Close,
}

impl Op {
    /// The workflow's name for it: what `workflow::permitted` speaks of. `None` for bulk urging
    /// (checked per order by `ops::urge_many`).
    pub fn action_name(self, extension_pending: bool) -> Option<ActionName> {
        Some(match self {
            Op::Dispatch => ActionName::Dispatch,
            Op::Accept => ActionName::Accept,
            Op::Return => ActionName::Return,
            Op::Extension if extension_pending => ActionName::DecideExtension,
            Op::Extension => ActionName::RequestExtension,
            Op::Reply => ActionName::Reply,
            Op::Review => ActionName::Review,
            Op::Urge => ActionName::Urge,
            Op::BulkUrge => return None,
            Op::Supervise => ActionName::Supervise,
            Op::Callback => ActionName::Callback,
            Op::Redo => ActionName::Redo,
            Op::Close => ActionName::Close,
        })
    }

    /// The key operation that performs a workflow action (for “press X to …” hints).
    pub fn for_action(a: ActionName) -> Option<Op> {
        Some(match a {
            ActionName::Dispatch => Op::Dispatch,
            ActionName::Accept => Op::Accept,
            ActionName::Return => Op::Return,
            ActionName::RequestExtension | ActionName::DecideExtension => Op::Extension,
            ActionName::Reply => Op::Reply,
            ActionName::Review => Op::Review,
            ActionName::Urge => Op::Urge,
            ActionName::Supervise => Op::Supervise,
            ActionName::Callback => Op::Callback,
            ActionName::Redo => Op::Redo,
            ActionName::Close => Op::Close,
            // Shown with `hotline order show --reveal`; not a key of its own here.
            ActionName::RevealContact => return None,
        })
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
    Period,
    Chart,
    Op(Op),
    /// Units tab: urge every overdue order of the unit.
    UrgeUnit,
    /// Units tab: supervise the unit as a whole.
    SuperviseUnit,
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
    /// 转办 with the category's default time limit.
    Dispatch {
        order_no: String,
        version: u32,
        unit: String,
    },
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
}

impl Submit {
    pub fn order_no(&self) -> Option<&str> {
        match self {
            Submit::Act { order_no, .. }
            | Submit::Dispatch { order_no, .. }
            | Submit::Redo { order_no, .. } => Some(order_no),
            _ => None,
        }
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
    /// Ask the store for a unit's overdue orders, then confirm urging them all.
    UrgeUnit(String),
    Submit(Submit),
}
