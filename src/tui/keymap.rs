//! Every key binding, with its description. The help screen, the hint bar and the key
//! handling all read this one table, so they cannot drift apart.

use super::action::{Cmd, Op, Tab};
use super::i18n::S;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. Several are active at once, most specific first (see
/// `App::contexts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    Global,
    Move,
    Lists,
    Sortable,
    Orders,
    Overdue,
    Units,
    Help,
    Input,
    Form,
    Editor,
    Picker,
    Choice,
    Confirm,
}

impl Ctx {
    /// Sections of the help screen, in order.
    pub const HELP_ORDER: [Ctx; 14] = [
        Ctx::Global,
        Ctx::Move,
        Ctx::Lists,
        Ctx::Sortable,
        Ctx::Orders,
        Ctx::Overdue,
        Ctx::Units,
        Ctx::Input,
        Ctx::Form,
        Ctx::Editor,
        Ctx::Picker,
        Ctx::Choice,
        Ctx::Confirm,
        Ctx::Help,
    ];
    pub fn title(self) -> S {
        match self {
            Ctx::Global => S::CtxGlobal,
            Ctx::Move => S::CtxMove,
            Ctx::Lists => S::CtxLists,
            Ctx::Sortable => S::CtxSortable,
            Ctx::Orders => S::CtxOrders,
            Ctx::Overdue => S::CtxOverdue,
            Ctx::Units => S::CtxUnits,
            Ctx::Help => S::CtxHelp,
            Ctx::Input => S::CtxInput,
            Ctx::Form => S::CtxForm,
            Ctx::Editor => S::CtxEditor,
            Ctx::Picker => S::CtxPicker,
            Ctx::Choice => S::CtxChoice,
            Ctx::Confirm => S::CtxConfirm,
        }
    }
}

/// A key as the table spells it: a code and its modifiers (Shift folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

impl Key {
    /// The table's form of a terminal key event: Shift is part of an upper-case character
    /// (and of BackTab) rather than a separate modifier.
    pub fn of(e: &KeyEvent) -> Key {
        let mut mods =
            e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(e.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match e.code {
            // Ctrl-letters arrive lower-case from most terminals, upper-case from a few.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        Key { code, mods }
    }

    /// How help and the hint bar write the key (ASCII only: arrows are ambiguous width).
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "BS".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("A-");
        }
        s + &base
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    pub cmd: Cmd,
    /// Short label: the hint bar and the help screen.
    pub label: S,
    /// Longer explanation for the help screen (None: the label says it all).
    pub more: Option<S>,
    /// Shown in the hint bar.
    pub hint: bool,
}

impl Binding {
    pub fn keys_name(&self) -> String {
        self.keys
            .iter()
            .map(Key::name)
            .collect::<Vec<_>>()
            .join("/")
    }
}

const fn b(ctx: Ctx, keys: &'static [Key], cmd: Cmd, label: S, hint: bool) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        label,
        more: None,
        hint,
    }
}
const fn bm(ctx: Ctx, keys: &'static [Key], cmd: Cmd, label: S, more: S, hint: bool) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        label,
        more: Some(more),
        hint,
    }
}

use KeyCode as C;

/// The table. Order matters twice: the hint bar shows bindings in this order (and cuts the
/// tail on narrow screens), and within a context the first match wins.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Help first: the hint bar must always show how to learn the rest.
    b(Ctx::Global, &[ch('?')], Cmd::Help, S::KHelp, true),
    b(Ctx::Lists, &[k(C::Enter)], Cmd::Open, S::KOpen, true),
    b(Ctx::Lists, &[ch('/')], Cmd::Filter, S::KFilter, true),
    b(Ctx::Global, &[ch(':')], Cmd::Command, S::KCommand, false),
    // Order operations: the hint bar greys out those the order's state does not permit.
    bm(Ctx::Orders, &[ch('d')], Cmd::Op(Op::Dispatch), S::KDispatch, S::MDispatch, true),
    b(Ctx::Orders, &[ch('a')], Cmd::Op(Op::Accept), S::KAccept, true),
    bm(Ctx::Orders, &[ch('r')], Cmd::Op(Op::Reply), S::KReply, S::MReply, true),
    b(Ctx::Orders, &[ch('u')], Cmd::Op(Op::Urge), S::KUrge, true),
    bm(Ctx::Orders, &[ch('U')], Cmd::Op(Op::BulkUrge), S::KBulkUrge, S::MBulkUrge, true),
    bm(Ctx::Orders, &[ch('v')], Cmd::Op(Op::Review), S::KReview, S::MReview, true),
    b(Ctx::Orders, &[ch('c')], Cmd::Op(Op::Callback), S::KCallback, true),
    b(Ctx::Orders, &[ch('C')], Cmd::Op(Op::Close), S::KClose, true),
    bm(Ctx::Orders, &[ch('s')], Cmd::Op(Op::Supervise), S::KSupervise, S::MSupervise, true),
    b(Ctx::Orders, &[ch('b')], Cmd::Op(Op::Return), S::KReturn, true),
    bm(Ctx::Orders, &[ch('e')], Cmd::Op(Op::Extension), S::KExtension, S::MExtension, true),
    b(Ctx::Orders, &[ch('R')], Cmd::Op(Op::Redo), S::KRedo, true),
    bm(Ctx::Overdue, &[ch(' ')], Cmd::ToggleMark, S::KMark, S::MMark, true),
    bm(Ctx::Units, &[ch('U')], Cmd::UrgeUnit, S::KUrgeUnit, S::MUrgeUnit, true),
    b(Ctx::Units, &[ch('s')], Cmd::SuperviseUnit, S::KSuperviseUnit, true),
    bm(Ctx::Units, &[ch('p')], Cmd::Period, S::KPeriod, S::MPeriod, true),
    bm(Ctx::Units, &[ch('b')], Cmd::Chart, S::KChart, S::MChart, true),
    bm(Ctx::Sortable, &[ch('o')], Cmd::Sort, S::KSort, S::MSort, true),
    b(Ctx::Sortable, &[ch('O')], Cmd::SortReverse, S::KSortReverse, false),
    b(Ctx::Global, &[k(C::Tab)], Cmd::NextTab, S::KNextTab, false),
    b(Ctx::Global, &[k(C::BackTab)], Cmd::PrevTab, S::KPrevTab, false),
    b(Ctx::Global, &[ch('1')], Cmd::Tab(Tab::Pending), S::TabPending, false),
    b(Ctx::Global, &[ch('2')], Cmd::Tab(Tab::Overdue), S::TabOverdue, false),
    b(Ctx::Global, &[ch('3')], Cmd::Tab(Tab::Units), S::TabUnits, false),
    b(Ctx::Global, &[ch('4')], Cmd::Tab(Tab::Activity), S::TabActivity, false),
    bm(Ctx::Global, &[k(C::Esc)], Cmd::Back, S::KBack, S::MBack, true),
    b(Ctx::Global, &[ch('q'), ctrl('c')], Cmd::Quit, S::KQuit, true),
    b(Ctx::Move, &[ch('j'), k(C::Down)], Cmd::Down, S::KDown, false),
    b(Ctx::Move, &[ch('k'), k(C::Up)], Cmd::Up, S::KUp, false),
    b(Ctx::Move, &[ch('g'), k(C::Home)], Cmd::Top, S::KTop, false),
    b(Ctx::Move, &[ch('G'), k(C::End)], Cmd::Bottom, S::KBottom, false),
    b(Ctx::Move, &[k(C::PageDown), ctrl('f')], Cmd::PageDown, S::KPageDown, false),
    b(Ctx::Move, &[k(C::PageUp), ctrl('b')], Cmd::PageUp, S::KPageUp, false),
    b(Ctx::Move, &[ctrl('d')], Cmd::HalfDown, S::KHalfDown, false),
    b(Ctx::Move, &[ctrl('u')], Cmd::HalfUp, S::KHalfUp, false),
    // The help screen.
    b(Ctx::Help, &[k(C::Esc), ch('?'), ch('q')], Cmd::Cancel, S::KClose2, true),
    b(Ctx::Help, &[ch('j'), k(C::Down)], Cmd::Down, S::KDown, true),
    b(Ctx::Help, &[ch('k'), k(C::Up)], Cmd::Up, S::KUp, true),
    b(Ctx::Help, &[k(C::PageDown), ctrl('d'), ch(' ')], Cmd::PageDown, S::KPageDown, true),
    b(Ctx::Help, &[k(C::PageUp), ctrl('u')], Cmd::PageUp, S::KPageUp, true),
    // The `/` filter and `:` command line.
    bm(Ctx::Input, &[k(C::Enter)], Cmd::Submit, S::KInputDone, S::MInputDone, true),
    bm(Ctx::Input, &[k(C::Esc)], Cmd::Cancel, S::KInputCancel, S::MInputCancel, true),
    // Forms: one-line fields.
    bm(Ctx::Form, &[k(C::Enter)], Cmd::Submit, S::KFormEnter, S::MFormEnter, true),
    // Ctrl-S submits from any field (Yes: "submit now" to the form).
    b(Ctx::Form, &[ctrl('s')], Cmd::Yes, S::KSubmitNow, false),
    b(Ctx::Form, &[k(C::Tab), k(C::Down)], Cmd::NextField, S::KNextField, true),
    b(Ctx::Form, &[k(C::BackTab), k(C::Up)], Cmd::PrevField, S::KPrevField, false),
    bm(Ctx::Form, &[ch(' ')], Cmd::Toggle, S::KToggle, S::MToggle, false),
    b(Ctx::Form, &[k(C::Esc)], Cmd::Cancel, S::KCancel, true),
    // The reply editor: Enter is a new line, so submitting needs its own key.
    bm(Ctx::Editor, &[ctrl('s')], Cmd::Submit, S::KSubmit, S::MEditorSubmit, true),
    b(Ctx::Editor, &[k(C::Enter)], Cmd::Newline, S::KNewline, true),
    bm(Ctx::Editor, &[k(C::Esc)], Cmd::Cancel, S::KCancel, S::MEditorCancel, true),
    // The unit picker: letters go to the filter, so moving uses arrows.
    b(Ctx::Picker, &[k(C::Enter)], Cmd::Submit, S::KChoose, true),
    b(Ctx::Picker, &[k(C::Down), ctrl('n'), k(C::Tab)], Cmd::Down, S::KDown, true),
    b(Ctx::Picker, &[k(C::Up), ctrl('p'), k(C::BackTab)], Cmd::Up, S::KUp, true),
    b(Ctx::Picker, &[k(C::Esc)], Cmd::Cancel, S::KCancel, true),
    // A choice among a few options.
    b(Ctx::Choice, &[k(C::Enter)], Cmd::Submit, S::KChoose, true),
    b(Ctx::Choice, &[ch('j'), k(C::Down)], Cmd::Down, S::KDown, false),
    b(Ctx::Choice, &[ch('k'), k(C::Up)], Cmd::Up, S::KUp, false),
    b(Ctx::Choice, &[ch('1')], Cmd::Pick(0), S::KPick, true),
    b(Ctx::Choice, &[ch('2')], Cmd::Pick(1), S::KPick, false),
    b(Ctx::Choice, &[ch('3')], Cmd::Pick(2), S::KPick, false),
    b(Ctx::Choice, &[ch('4')], Cmd::Pick(3), S::KPick, false),
    b(Ctx::Choice, &[k(C::Esc)], Cmd::Cancel, S::KCancel, true),
    // Yes / no.
    b(Ctx::Confirm, &[ch('y'), k(C::Enter)], Cmd::Yes, S::KYes, true),
    b(Ctx::Confirm, &[ch('n'), k(C::Esc)], Cmd::No, S::KNo, true),
];

/// The command for a key in the active contexts (searched in the order given).
pub fn lookup(ctxs: &[Ctx], e: &KeyEvent) -> Option<Cmd> {
    let key = Key::of(e);
    ctxs.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .find(|b| b.ctx == *ctx && b.keys.contains(&key))
            .map(|b| b.cmd)
    })
}

/// The first key bound to `cmd` in `ctx`, for messages such as “press a to accept”.
pub fn key_for(ctx: Ctx, cmd: Cmd) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.ctx == ctx && b.cmd == cmd)
        .and_then(|b| b.keys.first())
        .map(Key::name)
}

/// The bindings the hint bar shows for these contexts, without repeats of a key.
pub fn hints(ctxs: &[Ctx]) -> Vec<&'static Binding> {
    let mut out: Vec<&Binding> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.hint && ctxs.contains(&b.ctx)) {
        // A key bound in a more specific context hides the general binding.
        let shadowed = ctxs.iter().take_while(|c| **c != b.ctx).any(|c| {
            BINDINGS
                .iter()
                .any(|o| o.ctx == *c && o.keys.iter().any(|k| b.keys.contains(k)))
        });
        if !shadowed {
            out.push(b);
        }
    }
    out
}
