//! Every key binding, with its description. The help screen, the hint bar and the key
//! handling all read this one table, so they cannot drift apart.
//!
//! `BINDINGS` is the default table; a user's `keys.toml` (see `Keymap::parse` and README,
//! "Custom keys") replaces the keys of the actions it names, by context and action name. The
//! result is a `Keymap`, which the app holds and every lookup, hint and help line reads.

use super::action::{Cmd, Op, Tab};
use super::i18n::{S, fill};
use crate::domain::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Where a binding applies. Several are active at once, most specific first (see
/// `App::contexts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    Global,
    Move,
    Lists,
    Sortable,
    Orders,
    /// Marking orders (every order list).
    Marks,
    Units,
    Help,
    Input,
    Form,
    Editor,
    Picker,
    Choice,
    Callback,
    Confirm,
}

impl Ctx {
    /// Every context, in the order of the help screen (and of keys.toml's sections).
    pub const ALL: [Ctx; 15] = Ctx::HELP_ORDER;
    /// Sections of the help screen, in order.
    pub const HELP_ORDER: [Ctx; 15] = [
        Ctx::Global,
        Ctx::Move,
        Ctx::Lists,
        Ctx::Sortable,
        Ctx::Orders,
        Ctx::Marks,
        Ctx::Units,
        Ctx::Input,
        Ctx::Form,
        Ctx::Editor,
        Ctx::Picker,
        Ctx::Choice,
        Ctx::Callback,
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
            Ctx::Marks => S::CtxMarks,
            Ctx::Units => S::CtxUnits,
            Ctx::Help => S::CtxHelp,
            Ctx::Input => S::CtxInput,
            Ctx::Form => S::CtxForm,
            Ctx::Editor => S::CtxEditor,
            Ctx::Picker => S::CtxPicker,
            Ctx::Choice => S::CtxChoice,
            Ctx::Callback => S::CtxCallback,
            Ctx::Confirm => S::CtxConfirm,
        }
    }
    /// The context's section name in keys.toml (stable, snake_case).
    pub fn name(self) -> &'static str {
        match self {
            Ctx::Global => "global",
            Ctx::Move => "move",
            Ctx::Lists => "lists",
            Ctx::Sortable => "sortable",
            Ctx::Orders => "orders",
            Ctx::Marks => "marks",
            Ctx::Units => "units",
            Ctx::Help => "help",
            Ctx::Input => "input",
            Ctx::Form => "form",
            Ctx::Editor => "editor",
            Ctx::Picker => "picker",
            Ctx::Choice => "choice",
            Ctx::Callback => "callback",
            Ctx::Confirm => "confirm",
        }
    }
    pub fn from_name(name: &str) -> Option<Ctx> {
        // `overdue` was the marks' section while only the Overdue tab had marks.
        let name = if name == "overdue" { "marks" } else { name };
        Ctx::ALL.into_iter().find(|c| c.name() == name)
    }
    /// Contexts where plain characters are typed text (a filter, a form, the editor, the
    /// picker's search): a plain character bound there could no longer be typed.
    fn types_text(self) -> bool {
        matches!(self, Ctx::Input | Ctx::Form | Ctx::Editor | Ctx::Picker)
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
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("S-");
        }
        s + &base
    }

    /// A key as keys.toml writes it: what `name` prints (`x`, `X`, `C-s`, `A-x`, `Enter`,
    /// `S-Tab`, `PgDn`, `F5`, `Space`…), with or without the script's `<…>` brackets.
    pub fn parse(s: &str) -> Option<Key> {
        let t = s.trim();
        let inner = match t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            Some(r) if !r.is_empty() => r,
            _ => t,
        };
        let mut chars = inner.chars();
        let event = match (chars.next(), chars.next()) {
            (None, _) => return None,
            (Some(c), None) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            _ => super::script::named_key(inner)?,
        };
        Some(Key::of(&event))
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub ctx: Ctx,
    /// The action's name in keys.toml (stable, snake_case, unique within its context).
    pub name: &'static str,
    /// Never empty (keys.toml cannot unbind: see `Keymap::parse`).
    pub keys: Cow<'static, [Key]>,
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

const fn b(
    ctx: Ctx,
    name: &'static str,
    keys: &'static [Key],
    cmd: Cmd,
    label: S,
    hint: bool,
) -> Binding {
    Binding {
        ctx,
        name,
        keys: Cow::Borrowed(keys),
        cmd,
        label,
        more: None,
        hint,
    }
}
const fn bm(
    ctx: Ctx,
    name: &'static str,
    keys: &'static [Key],
    cmd: Cmd,
    label: S,
    more: S,
    hint: bool,
) -> Binding {
    Binding {
        ctx,
        name,
        keys: Cow::Borrowed(keys),
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
    b(Ctx::Global, "help", &[ch('?')], Cmd::Help, S::KHelp, true),
    // Enter on a unit: its score explained under a pack (else its orders), named as `open`
    // is in the hint bar, where it takes `open`'s place.
    bm(Ctx::Units, "explain", &[k(C::Enter)], Cmd::Explain, S::KOpen, S::MExplain, true),
    b(Ctx::Lists, "open", &[k(C::Enter)], Cmd::Open, S::KOpen, true),
    b(Ctx::Lists, "filter", &[ch('/')], Cmd::Filter, S::KFilter, true),
    b(Ctx::Global, "command", &[ch(':')], Cmd::Command, S::KCommand, false),
    // Order operations: the hint bar greys out those the order's state does not permit.
    bm(Ctx::Orders, "dispatch", &[ch('d')], Cmd::Op(Op::Dispatch), S::KDispatch, S::MDispatch, true),
    bm(Ctx::Orders, "reassign", &[ch('D')], Cmd::Op(Op::Reassign), S::KReassign, S::MReassign, false),
    b(Ctx::Orders, "accept", &[ch('a')], Cmd::Op(Op::Accept), S::KAccept, true),
    bm(Ctx::Orders, "reply", &[ch('r')], Cmd::Op(Op::Reply), S::KReply, S::MReply, true),
    b(Ctx::Orders, "urge", &[ch('u')], Cmd::Op(Op::Urge), S::KUrge, true),
    bm(Ctx::Orders, "bulk_urge", &[ch('U')], Cmd::Op(Op::BulkUrge), S::KBulkUrge, S::MBulkUrge, true),
    bm(Ctx::Orders, "review", &[ch('v')], Cmd::Op(Op::Review), S::KReview, S::MReview, true),
    b(Ctx::Orders, "callback", &[ch('c')], Cmd::Op(Op::Callback), S::KCallback, true),
    bm(Ctx::Orders, "next_callback", &[ch('N')], Cmd::NextCallback, S::KNextCallback, S::MNextCallback, false),
    b(Ctx::Orders, "close", &[ch('C')], Cmd::Op(Op::Close), S::KClose, true),
    bm(Ctx::Orders, "supervise", &[ch('s')], Cmd::Op(Op::Supervise), S::KSupervise, S::MSupervise, true),
    bm(Ctx::Orders, "return", &[ch('b')], Cmd::Op(Op::Return), S::KReturn, S::MReturn, true),
    bm(Ctx::Orders, "extension", &[ch('e')], Cmd::Op(Op::Extension), S::KExtension, S::MExtension, true),
    b(Ctx::Orders, "redo", &[ch('R')], Cmd::Op(Op::Redo), S::KRedo, true),
    bm(Ctx::Orders, "merge", &[ch('M')], Cmd::Op(Op::Merge), S::KMerge, S::MMerge, false),
    bm(Ctx::Orders, "exempt", &[ch('X')], Cmd::Op(Op::Exempt), S::KExempt, S::MExempt, false),
    bm(Ctx::Orders, "intake", &[ch('i')], Cmd::Intake, S::KIntake, S::MIntake, true),
    // Not in the hint bar (it would push out Esc and q at 80 columns): the detail's 现在可以
    // line and the help name it.
    bm(Ctx::Orders, "contact", &[ch('t')], Cmd::Op(Op::Contact), S::KContact, S::MContact, false),
    bm(Ctx::Units, "urge_unit", &[ch('U')], Cmd::UrgeUnit, S::KUrgeUnit, S::MUrgeUnit, true),
    b(Ctx::Units, "supervise_unit", &[ch('s')], Cmd::SuperviseUnit, S::KSuperviseUnit, true),
    bm(Ctx::Units, "period", &[ch('p')], Cmd::Period, S::KPeriod, S::MPeriod, true),
    bm(Ctx::Units, "chart", &[ch('b')], Cmd::Chart, S::KChart, S::MChart, true),
    bm(Ctx::Units, "pack", &[ch('P')], Cmd::Pack, S::KPack, S::MPack, false),
    bm(Ctx::Sortable, "sort", &[ch('o')], Cmd::Sort, S::KSort, S::MSort, true),
    b(Ctx::Sortable, "sort_reverse", &[ch('O')], Cmd::SortReverse, S::KSortReverse, false),
    b(Ctx::Global, "next_tab", &[k(C::Tab)], Cmd::NextTab, S::KNextTab, false),
    b(Ctx::Global, "prev_tab", &[k(C::BackTab)], Cmd::PrevTab, S::KPrevTab, false),
    b(Ctx::Global, "tab_pending", &[ch('1')], Cmd::Tab(Tab::Pending), S::TabPending, false),
    b(Ctx::Global, "tab_overdue", &[ch('2')], Cmd::Tab(Tab::Overdue), S::TabOverdue, false),
    b(Ctx::Global, "tab_units", &[ch('3')], Cmd::Tab(Tab::Units), S::TabUnits, false),
    b(Ctx::Global, "tab_activity", &[ch('4')], Cmd::Tab(Tab::Activity), S::TabActivity, false),
    b(Ctx::Global, "tab_hotspots", &[ch('5')], Cmd::Tab(Tab::Hotspots), S::KTabHotspots, false),
    bm(Ctx::Global, "back", &[k(C::Esc)], Cmd::Back, S::KBack, S::MBack, true),
    b(Ctx::Global, "quit", &[ch('q'), ctrl('c')], Cmd::Quit, S::KQuit, true),
    // Marks: after Esc and q in the hint bar (which cuts its tail on a narrow screen).
    bm(Ctx::Marks, "mark", &[ch(' ')], Cmd::ToggleMark, S::KMark, S::MMark, true),
    b(Ctx::Marks, "mark_all", &[ch('*')], Cmd::MarkAll, S::KMarkAll, false),
    bm(Ctx::Marks, "mark_range", &[ch('V')], Cmd::MarkRange, S::KMarkRange, S::MMarkRange, false),
    b(Ctx::Marks, "invert_marks", &[ch('~')], Cmd::InvertMarks, S::KInvertMarks, false),
    b(Ctx::Move, "down", &[ch('j'), k(C::Down)], Cmd::Down, S::KDown, false),
    b(Ctx::Move, "up", &[ch('k'), k(C::Up)], Cmd::Up, S::KUp, false),
    b(Ctx::Move, "top", &[ch('g'), k(C::Home)], Cmd::Top, S::KTop, false),
    b(Ctx::Move, "bottom", &[ch('G'), k(C::End)], Cmd::Bottom, S::KBottom, false),
    b(Ctx::Move, "page_down", &[k(C::PageDown), ctrl('f')], Cmd::PageDown, S::KPageDown, false),
    b(Ctx::Move, "page_up", &[k(C::PageUp), ctrl('b')], Cmd::PageUp, S::KPageUp, false),
    b(Ctx::Move, "half_down", &[ctrl('d')], Cmd::HalfDown, S::KHalfDown, false),
    b(Ctx::Move, "half_up", &[ctrl('u')], Cmd::HalfUp, S::KHalfUp, false),
    // The help screen.
    b(Ctx::Help, "close", &[k(C::Esc), ch('?'), ch('q')], Cmd::Cancel, S::KClose2, true),
    b(Ctx::Help, "down", &[ch('j'), k(C::Down)], Cmd::Down, S::KDown, true),
    b(Ctx::Help, "up", &[ch('k'), k(C::Up)], Cmd::Up, S::KUp, true),
    b(Ctx::Help, "page_down", &[k(C::PageDown), ctrl('d'), ch(' ')], Cmd::PageDown, S::KPageDown, true),
    b(Ctx::Help, "page_up", &[k(C::PageUp), ctrl('u')], Cmd::PageUp, S::KPageUp, true),
    // The `/` filter and `:` command line.
    bm(Ctx::Input, "submit", &[k(C::Enter)], Cmd::Submit, S::KInputDone, S::MInputDone, true),
    bm(Ctx::Input, "cancel", &[k(C::Esc)], Cmd::Cancel, S::KInputCancel, S::MInputCancel, true),
    // Forms: one-line fields.
    bm(Ctx::Form, "submit", &[k(C::Enter)], Cmd::Submit, S::KFormEnter, S::MFormEnter, true),
    // Ctrl-S submits from any field (Yes: "submit now" to the form).
    b(Ctx::Form, "submit_now", &[ctrl('s')], Cmd::Yes, S::KSubmitNow, false),
    b(Ctx::Form, "next_field", &[k(C::Tab), k(C::Down)], Cmd::NextField, S::KNextField, true),
    b(Ctx::Form, "prev_field", &[k(C::BackTab), k(C::Up)], Cmd::PrevField, S::KPrevField, false),
    bm(Ctx::Form, "toggle", &[ch(' ')], Cmd::Toggle, S::KToggle, S::MToggle, false),
    b(Ctx::Form, "cancel", &[k(C::Esc)], Cmd::Cancel, S::KCancel, true),
    // The reply editor: Enter is a new line, so submitting needs its own key.
    bm(Ctx::Editor, "submit", &[ctrl('s')], Cmd::Submit, S::KSubmit, S::MEditorSubmit, true),
    b(Ctx::Editor, "newline", &[k(C::Enter)], Cmd::Newline, S::KNewline, true),
    bm(Ctx::Editor, "cancel", &[k(C::Esc)], Cmd::Cancel, S::KCancel, S::MEditorCancel, true),
    // The unit picker: letters go to the filter, so moving uses arrows.
    b(Ctx::Picker, "choose", &[k(C::Enter)], Cmd::Submit, S::KChoose, true),
    b(Ctx::Picker, "down", &[k(C::Down), ctrl('n'), k(C::Tab)], Cmd::Down, S::KDown, true),
    b(Ctx::Picker, "up", &[k(C::Up), ctrl('p'), k(C::BackTab)], Cmd::Up, S::KUp, true),
    b(Ctx::Picker, "cancel", &[k(C::Esc)], Cmd::Cancel, S::KCancel, true),
    // A choice among a few options.
    b(Ctx::Choice, "choose", &[k(C::Enter)], Cmd::Submit, S::KChoose, true),
    b(Ctx::Choice, "down", &[ch('j'), k(C::Down)], Cmd::Down, S::KDown, false),
    b(Ctx::Choice, "up", &[ch('k'), k(C::Up)], Cmd::Up, S::KUp, false),
    b(Ctx::Choice, "pick_1", &[ch('1')], Cmd::Pick(0), S::KPick, true),
    b(Ctx::Choice, "pick_2", &[ch('2')], Cmd::Pick(1), S::KPick, false),
    b(Ctx::Choice, "pick_3", &[ch('3')], Cmd::Pick(2), S::KPick, false),
    b(Ctx::Choice, "pick_4", &[ch('4')], Cmd::Pick(3), S::KPick, false),
    b(Ctx::Choice, "cancel", &[k(C::Esc)], Cmd::Cancel, S::KCancel, true),
    // The callback console: the citizen's answer by a digit, the phone shown on request.
    // The three questions in turn: contacted y/n, solved 1–3, satisfied 1–3; 4 未接通.
    bm(Ctx::Callback, "contacted_yes", &[ch('y')], Cmd::Yes, S::KCbYes, S::MCbYes, true),
    b(Ctx::Callback, "contacted_no", &[ch('n')], Cmd::No, S::KCbNo, true),
    bm(Ctx::Callback, "pick_1", &[ch('1')], Cmd::Pick(0), S::KPickAnswer, S::MPickAnswer, true),
    b(Ctx::Callback, "pick_2", &[ch('2')], Cmd::Pick(1), S::KPickAnswer, false),
    b(Ctx::Callback, "pick_3", &[ch('3')], Cmd::Pick(2), S::KPickAnswer, false),
    bm(Ctx::Callback, "pick_4", &[ch('4')], Cmd::Pick(3), S::KUnreachable, S::MUnreachable, true),
    bm(Ctx::Callback, "choose", &[k(C::Enter)], Cmd::Submit, S::KCbDone, S::MCbDone, false),
    bm(Ctx::Callback, "reveal", &[ch('p')], Cmd::Reveal, S::KReveal, S::MReveal, true),
    b(Ctx::Callback, "down", &[ch('j'), k(C::Down)], Cmd::Down, S::KDown, false),
    b(Ctx::Callback, "up", &[ch('k'), k(C::Up)], Cmd::Up, S::KUp, false),
    b(Ctx::Callback, "cancel", &[k(C::Esc)], Cmd::Cancel, S::KCancel, true),
    // The confirmation of what cannot be undone: n goes back to the form, Esc cancels.
    b(Ctx::Confirm, "yes", &[ch('y'), k(C::Enter)], Cmd::Yes, S::KYes, true),
    bm(Ctx::Confirm, "no", &[ch('n')], Cmd::No, S::KNoBack, S::MNoBack, true),
    b(Ctx::Confirm, "cancel", &[k(C::Esc)], Cmd::Cancel, S::KCancel, true),
];

/// The bindings in force: the defaults with a user's keys.toml applied. The app holds one;
/// key handling, the hint bar, the help screen and messages such as "press a to accept" all
/// read it.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

/// What is wrong with a keys.toml: the line (1-based) and the problem. `text` words it in
/// the UI's language, with how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub line: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// TOML syntax (the parser's message).
    Syntax(String),
    /// A top-level entry that is not a `[section]`.
    NotSection(String),
    UnknownContext(String),
    UnknownAction {
        ctx: Ctx,
        name: String,
    },
    /// The value is neither a key nor a list of keys.
    NotKeys {
        ctx: Ctx,
        name: String,
    },
    BadKey {
        ctx: Ctx,
        name: String,
        key: String,
    },
    /// A plain character where characters are typed text.
    Typed {
        ctx: Ctx,
        name: String,
        key: String,
    },
    /// One key for two actions of a context.
    Conflict {
        ctx: Ctx,
        key: String,
        a: String,
        b: String,
    },
}

impl KeymapError {
    /// The message for the file at `file`, in `lang`: where, what, how to fix.
    pub fn text(&self, lang: Lang, file: &Path) -> String {
        let what = match &self.problem {
            Problem::Syntax(m) => fill(S::KmSyntax.get(lang), &[m]),
            Problem::NotSection(n) => fill(S::KmNotSection.get(lang), &[n, &section_names()]),
            Problem::UnknownContext(n) => {
                fill(S::KmUnknownContext.get(lang), &[n, &section_names()])
            }
            Problem::UnknownAction { ctx, name } => fill(
                S::KmUnknownAction.get(lang),
                &[&ctx.name(), name, &action_names(*ctx)],
            ),
            Problem::NotKeys { ctx, name } => fill(S::KmNotKeys.get(lang), &[&ctx.name(), name]),
            Problem::BadKey { ctx, name, key } => {
                fill(S::KmBadKey.get(lang), &[&ctx.name(), name, key])
            }
            Problem::Typed { ctx, name, key } => {
                fill(S::KmTyped.get(lang), &[&ctx.name(), name, key])
            }
            Problem::Conflict { ctx, key, a, b } => {
                fill(S::KmConflict.get(lang), &[&ctx.name(), key, a, b, b])
            }
        };
        fill(S::KmAt.get(lang), &[&file.display(), &self.line, &what])
    }
}

fn section_names() -> String {
    Ctx::ALL.map(Ctx::name).join(", ")
}

fn action_names(ctx: Ctx) -> String {
    BINDINGS
        .iter()
        .filter(|b| b.ctx == ctx)
        .map(|b| b.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).unwrap_or(text).matches('\n').count() + 1
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The defaults with the keys of a keys.toml's entries replacing those of the actions
    /// they name. The whole file is checked before anything applies: a bad file gives its
    /// first problem (in file order) and no keymap.
    ///
    /// ```toml
    /// [orders]
    /// urge = "x"            # one key
    /// reply = ["r", "C-r"]  # or several; the first is the one the hint bar shows
    /// ```
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        use toml::de::{DeTable, DeValue};
        let doc = DeTable::parse(text).map_err(|e| KeymapError {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            problem: Problem::Syntax(e.message().trim().to_string()),
        })?;
        // (line, context, action, keys) in file order.
        let mut entries: Vec<(usize, Ctx, String, Vec<Key>)> = Vec::new();
        let mut problems: Vec<KeymapError> = Vec::new();
        let at = |span: std::ops::Range<usize>, problem| KeymapError {
            line: line_of(text, span.start),
            problem,
        };
        for (section, body) in doc.get_ref() {
            let DeValue::Table(actions) = body.get_ref() else {
                problems.push(at(
                    section.span(),
                    Problem::NotSection(section.get_ref().to_string()),
                ));
                continue;
            };
            let Some(ctx) = Ctx::from_name(section.get_ref()) else {
                problems.push(at(
                    section.span(),
                    Problem::UnknownContext(section.get_ref().to_string()),
                ));
                continue;
            };
            for (name, value) in actions {
                let name_s = name.get_ref().to_string();
                let line = line_of(text, name.span().start);
                if !BINDINGS.iter().any(|b| b.ctx == ctx && b.name == name_s) {
                    problems.push(at(
                        name.span(),
                        Problem::UnknownAction { ctx, name: name_s },
                    ));
                    continue;
                }
                let not_keys = || Problem::NotKeys {
                    ctx,
                    name: name_s.clone(),
                };
                let spelled: Vec<&str> = match value.get_ref() {
                    DeValue::String(s) => vec![s.as_ref()],
                    DeValue::Array(a) => {
                        let all: Option<Vec<&str>> = a
                            .iter()
                            .map(|v| match v.get_ref() {
                                DeValue::String(s) => Some(s.as_ref()),
                                _ => None,
                            })
                            .collect();
                        match all {
                            Some(v) if !v.is_empty() => v,
                            _ => {
                                problems.push(at(name.span(), not_keys()));
                                continue;
                            }
                        }
                    }
                    _ => {
                        problems.push(at(name.span(), not_keys()));
                        continue;
                    }
                };
                let mut keys: Vec<Key> = Vec::new();
                for s in spelled {
                    let bad = |p| KeymapError { line, problem: p };
                    let Some(key) = Key::parse(s) else {
                        problems.push(bad(Problem::BadKey {
                            ctx,
                            name: name_s.clone(),
                            key: s.to_string(),
                        }));
                        break;
                    };
                    if ctx.types_text()
                        && key.mods.is_empty()
                        && matches!(key.code, KeyCode::Char(_))
                    {
                        problems.push(bad(Problem::Typed {
                            ctx,
                            name: name_s.clone(),
                            key: key.name(),
                        }));
                        break;
                    }
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
                entries.push((line, ctx, name_s, keys));
            }
        }
        if let Some(first) = problems.into_iter().min_by_key(|p| p.line) {
            return Err(first);
        }
        let mut map = Keymap::default();
        let mut changed: Vec<(usize, Ctx, &str)> = Vec::new();
        for (line, ctx, name, keys) in &entries {
            if let Some(b) = map
                .bindings
                .iter_mut()
                .find(|b| b.ctx == *ctx && b.name == name)
            {
                b.keys = Cow::Owned(keys.clone());
                changed.push((*line, *ctx, b.name));
            }
        }
        // A key the file gives to an action that another action of the context still has
        // (by default or from the file) would leave one of them unreachable.
        changed.sort_by_key(|c| c.0);
        for (line, ctx, name) in changed {
            let Some(mine) = map.bindings.iter().find(|b| b.ctx == ctx && b.name == name) else {
                continue;
            };
            for other in map
                .bindings
                .iter()
                .filter(|b| b.ctx == ctx && b.name != name)
            {
                if let Some(k) = mine.keys.iter().find(|k| other.keys.contains(k)) {
                    return Err(KeymapError {
                        line,
                        problem: Problem::Conflict {
                            ctx,
                            key: k.name(),
                            a: name.to_string(),
                            b: other.name.to_string(),
                        },
                    });
                }
            }
        }
        Ok(map)
    }

    /// The keymap for `hotline tui`: the file `HOTLINE_KEYS` names (it must exist), else
    /// `keys.toml` in the user's config directory (`~/.config/hotline/keys.toml` on Linux)
    /// when there is one, else the defaults. A bad file is refused with its message in `lang`.
    pub fn load_user(lang: Lang) -> crate::error::Result<Keymap> {
        match std::env::var_os("HOTLINE_KEYS").filter(|p| !p.is_empty()) {
            Some(p) => Keymap::load(Path::new(&p), lang),
            None => match user_file() {
                Some(p) if p.exists() => Keymap::load(&p, lang),
                _ => Ok(Keymap::default()),
            },
        }
    }

    /// The keymap of the file at `path`.
    pub fn load(path: &Path, lang: Lang) -> crate::error::Result<Keymap> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            crate::error::Error::Input(fill(S::KmRead.get(lang), &[&path.display(), &e]))
        })?;
        Keymap::parse(&text).map_err(|e| crate::error::Error::Input(e.text(lang, path)))
    }

    /// The command for a key in the active contexts (searched in the order given).
    pub fn lookup(&self, ctxs: &[Ctx], e: &KeyEvent) -> Option<Cmd> {
        let key = Key::of(e);
        ctxs.iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.ctx == *ctx && b.keys.contains(&key))
                .map(|b| b.cmd)
        })
    }

    /// The first key bound to `cmd` in `ctx`, for messages such as “press a to accept”.
    pub fn key_for(&self, ctx: Ctx, cmd: Cmd) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.ctx == ctx && b.cmd == cmd)
            .and_then(|b| b.keys.first())
            .map(Key::name)
    }

    /// The bindings the hint bar shows for these contexts, without repeats of a key.
    pub fn hints(&self, ctxs: &[Ctx]) -> Vec<&Binding> {
        let mut out: Vec<&Binding> = Vec::new();
        for b in self
            .bindings
            .iter()
            .filter(|b| b.hint && ctxs.contains(&b.ctx))
        {
            // A key bound in a more specific context hides the general binding.
            let shadowed = ctxs.iter().take_while(|c| **c != b.ctx).any(|c| {
                self.bindings
                    .iter()
                    .any(|o| o.ctx == *c && o.keys.iter().any(|k| b.keys.contains(k)))
            });
            if !shadowed {
                out.push(b);
            }
        }
        out
    }
}

/// Where `hotline tui` looks for keys.toml when `HOTLINE_KEYS` is not set.
pub fn user_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("hotline").join("keys.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urge_keys(map: &Keymap) -> Vec<String> {
        map.bindings()
            .iter()
            .find(|b| b.ctx == Ctx::Orders && b.name == "urge")
            .map(|b| b.keys.iter().map(Key::name).collect())
            .unwrap_or_default()
    }

    #[test]
    fn names_are_unique_within_a_context_and_defaults_do_not_conflict() {
        for a in BINDINGS {
            for b in BINDINGS.iter().filter(|b| b.ctx == a.ctx) {
                if std::ptr::eq(a, b) {
                    continue;
                }
                assert_ne!(a.name, b.name, "{:?}", a.ctx);
                assert!(
                    !a.keys.iter().any(|k| b.keys.contains(k)),
                    "{} and {} share a key in {:?}",
                    a.name,
                    b.name,
                    a.ctx
                );
            }
            assert!(!a.keys.is_empty());
            // Every default key reads back from its own name.
            for k in a.keys.iter() {
                assert_eq!(Key::parse(&k.name()), Some(*k), "{}", k.name());
            }
        }
    }

    #[test]
    fn a_file_replaces_the_keys_of_the_actions_it_names() {
        let map = Keymap::parse("[orders]\nurge = \"x\"\n").unwrap();
        assert_eq!(urge_keys(&map), ["x"]);
        let e = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let ctxs = [Ctx::Orders, Ctx::Move, Ctx::Global];
        assert_eq!(map.lookup(&ctxs, &e('x')), Some(Cmd::Op(Op::Urge)));
        assert_eq!(map.lookup(&ctxs, &e('u')), None);
        assert_eq!(
            map.key_for(Ctx::Orders, Cmd::Op(Op::Urge)).as_deref(),
            Some("x")
        );
        assert!(
            map.hints(&ctxs)
                .iter()
                .any(|b| b.keys[0].name() == "x" && b.name == "urge")
        );
        // Several keys, brackets, modifiers; the rest of the table untouched.
        let map = Keymap::parse(
            "# mine\n[orders]\nurge = [\"x\", \"<C-u>\", \"u\"]\n[global]\nquit = [\"Q\", \"F10\"]\n[editor]\nsubmit = \"A-Enter\"\n",
        )
        .unwrap();
        assert_eq!(urge_keys(&map), ["x", "C-u", "u"]);
        assert_eq!(map.key_for(Ctx::Global, Cmd::Quit).as_deref(), Some("Q"));
        assert_eq!(
            map.key_for(Ctx::Editor, Cmd::Submit).as_deref(),
            Some("A-Enter")
        );
        assert_eq!(
            map.key_for(Ctx::Orders, Cmd::Op(Op::Accept)).as_deref(),
            Some("a")
        );
        assert_eq!(Keymap::parse("").unwrap().bindings().len(), BINDINGS.len());
    }

    #[test]
    fn bad_files_name_the_line_and_the_fix() {
        let err = |t: &str| Keymap::parse(t).unwrap_err();
        let e = err("[orders]\nurge = \"x\"\nurgee = \"y\"\n");
        assert_eq!(e.line, 3);
        assert!(matches!(&e.problem, Problem::UnknownAction { name, .. } if name == "urgee"));
        let text = e.text(Lang::En, Path::new("/tmp/k.toml"));
        assert!(
            text.contains("/tmp/k.toml") && text.contains("line 3"),
            "{text}"
        );
        assert!(
            text.contains("urgee") && text.contains("bulk_urge"),
            "{text}"
        );
        let zh = e.text(Lang::Zh, Path::new("/tmp/k.toml"));
        assert!(zh.contains("第 3 行") && zh.contains("urgee"), "{zh}");

        assert_eq!(err("[orders]\nurge = \"Ctrl-Shift-Banana\"\n").line, 2);
        assert!(matches!(
            err("[orders]\nurge = \"xy\"\n").problem,
            Problem::BadKey { .. }
        ));
        assert!(matches!(
            err("[orders]\nurge = []\n").problem,
            Problem::NotKeys { .. }
        ));
        assert!(matches!(
            err("[orders]\nurge = 3\n").problem,
            Problem::NotKeys { .. }
        ));
        assert!(matches!(
            err("urge = \"x\"\n").problem,
            Problem::NotSection(_)
        ));
        assert!(matches!(
            err("[order]\nurge = \"x\"\n").problem,
            Problem::UnknownContext(_)
        ));
        let e = err("[orders]\nurge = \"x\n");
        assert!(matches!(e.problem, Problem::Syntax(_)), "{e:?}");
        assert_eq!(e.line, 2);
        // In a text field, a plain letter is typed, not a command.
        assert!(matches!(
            err("[editor]\nsubmit = \"s\"\n").problem,
            Problem::Typed { .. }
        ));
    }

    #[test]
    fn a_key_given_to_two_actions_of_a_context_is_a_conflict() {
        // `a` is accept's by default.
        let e = Keymap::parse("[orders]\nurge = \"a\"\n").unwrap_err();
        assert_eq!(
            e.problem,
            Problem::Conflict {
                ctx: Ctx::Orders,
                key: "a".into(),
                a: "urge".into(),
                b: "accept".into()
            }
        );
        assert!(e.text(Lang::Zh, Path::new("k.toml")).contains("accept"));
        // Both moved by the file.
        let e = Keymap::parse("[orders]\nurge = \"x\"\naccept = [\"y\", \"x\"]\n").unwrap_err();
        assert!(matches!(e.problem, Problem::Conflict { .. }), "{e:?}");
        // Swapping two keys is fine; shadowing a key of another context is too.
        assert!(Keymap::parse("[orders]\nurge = \"a\"\naccept = \"u\"\n").is_ok());
        assert!(Keymap::parse("[orders]\nurge = \"j\"\n").is_ok());
    }
}
