//! Dialogs: their state, what they are for (`Purpose`), and their keys (`Dialog::on_key`,
//! which says what a key did: an `Outcome`). Drawing is in `views::dialogs`; turning a
//! submitted dialog into the operation to record, in `update::submit`.

use super::action::{Cmd, Submit};
use super::i18n::{S, fill};
use super::keymap::Ctx;
use crate::domain::order::ExemptionKind;
use crate::domain::order::{Answers, Solved};
use crate::domain::text::{one_line, sanitize};
use crate::domain::{Action, CallbackResult, Category, Lang};
use crate::ops::DeadlineSpec;
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyEvent};
use ratatui_textarea::{TextArea, WrapMode};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

/// What a dialog does when submitted. Orders carry the version the operator saw, so that a
/// change by someone else in between is refused (and the typed text kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Urge {
        no: String,
        version: u32,
    },
    BulkUrge {
        nos: Vec<String>,
    },
    Accept {
        no: String,
        version: u32,
    },
    Return {
        no: String,
        version: u32,
    },
    /// The office's decision on a unit's pending return request: approve or refuse.
    DecideReturn {
        no: String,
        version: u32,
    },
    RefuseReturn {
        no: String,
        version: u32,
    },
    /// 剔除 (an admin's): the kind first, then the reason.
    ExemptKind {
        no: String,
        version: u32,
    },
    Exempt {
        no: String,
        version: u32,
        kind: ExemptionKind,
    },
    Unexempt {
        no: String,
        version: u32,
    },
    RequestExtension {
        no: String,
        version: u32,
    },
    DecideExtension {
        no: String,
        version: u32,
    },
    RefuseExtension {
        no: String,
        version: u32,
    },
    Reply {
        no: String,
        version: u32,
    },
    Review {
        no: String,
        version: u32,
        vague: Option<String>,
    },
    Reject {
        no: String,
        version: u32,
    },
    Supervise {
        no: String,
        version: u32,
    },
    SuperviseUnit {
        unit: String,
    },
    Callback {
        no: String,
        version: u32,
    },
    /// 先行联系: the unit reached the citizen.
    Contact {
        no: String,
        version: u32,
    },
    Redo {
        no: String,
        version: u32,
    },
    Close {
        no: String,
        version: u32,
    },
    /// 并单: the lead's number.
    Merge {
        no: String,
        version: u32,
    },
    Unmerge {
        no: String,
        version: u32,
    },
    /// The unit picker of a dispatch: `returned_by` (the unit that sent the order back) is
    /// listed last and never preselected.
    PickUnit {
        no: String,
        version: u32,
        category: Category,
        returned_by: Option<String>,
        /// 改派: `returned_by` is the unit holding the order, and a reason follows the limit.
        reassign: bool,
    },
    /// The dispatch's time limit, once the unit is chosen.
    DispatchLimit {
        no: String,
        version: u32,
        category: Category,
        unit: String,
        reassign: bool,
    },
    /// 转办, everything chosen: the one submission the dispatch flow ends in.
    Dispatch {
        no: String,
        version: u32,
        unit: String,
        limit: DeadlineSpec,
        /// The deadline `limit` gives, as shown to the operator.
        deadline: NaiveDate,
        /// 改派's reason (a reassignment, not a dispatch).
        reassign: Option<String>,
    },
    /// 受理: the category first, then the new order's form.
    IntakeCategory,
    Intake {
        category: Category,
    },
    Period,
    CustomPeriod,
    /// The Units tab's assessment pack: option `i` is `assessment::SHIPPED[i]`.
    Pack,
}

impl Purpose {
    /// The one table of what cannot be undone: such a submission shows what will be
    /// recorded and asks once (`update::submit::record`). Not here: an urge or a supervision
    /// of one order (a note and a count that change neither the state, the deadline nor who
    /// holds the order; its form is the deliberate step), an extension request and a reply
    /// (both wait on the office's decision, which can refuse or send them back), and the
    /// period (a view, nothing recorded).
    pub fn irreversible(&self) -> bool {
        use Purpose::*;
        match self {
            Accept { .. }
            | Return { .. }
            | DecideReturn { .. }
            | RefuseReturn { .. }
            | Exempt { .. }
            | Unexempt { .. }
            | DecideExtension { .. }
            | RefuseExtension { .. }
            | Review { .. }
            | Reject { .. }
            | Callback { .. }
            | Contact { .. }
            | Redo { .. }
            | Close { .. }
            | Dispatch { .. }
            | Merge { .. }
            | Unmerge { .. }
            | Intake { .. }
            | BulkUrge { .. } => true,
            Urge { .. }
            | Supervise { .. }
            | SuperviseUnit { .. }
            | RequestExtension { .. }
            | Reply { .. }
            // Steps towards a dispatch, an intake or an exemption, which then ask.
            | PickUnit { .. }
            | DispatchLimit { .. }
            | ExemptKind { .. }
            | IntakeCategory
            | Period
            | CustomPeriod
            | Pack => false,
        }
    }

    /// The order this is about, with the version the operator saw.
    pub fn order_mut(&mut self) -> Option<(&str, &mut u32)> {
        use Purpose::*;
        match self {
            Urge { no, version }
            | Accept { no, version }
            | Return { no, version }
            | DecideReturn { no, version }
            | RefuseReturn { no, version }
            | ExemptKind { no, version }
            | Exempt { no, version, .. }
            | Unexempt { no, version }
            | RequestExtension { no, version }
            | DecideExtension { no, version }
            | RefuseExtension { no, version }
            | Reply { no, version }
            | Review { no, version, .. }
            | Reject { no, version }
            | Supervise { no, version }
            | Callback { no, version }
            | Contact { no, version }
            | Redo { no, version }
            | Close { no, version }
            | Merge { no, version }
            | Unmerge { no, version }
            | PickUnit { no, version, .. }
            | DispatchLimit { no, version, .. }
            | Dispatch { no, version, .. } => Some((no.as_str(), version)),
            BulkUrge { .. }
            | SuperviseUnit { .. }
            | IntakeCategory
            | Intake { .. }
            | Period
            | CustomPeriod
            | Pack => None,
        }
    }
}

/// A one-line text field (tui-input keeps the cursor in display columns) or a check box.
#[derive(Debug, Clone)]
pub enum Value {
    Text(Input),
    Check(bool),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: S,
    pub value: Value,
    pub required: bool,
    /// Only used (and only required) when the form's check box is on (on-site supervision).
    pub with_check: bool,
}

impl Field {
    pub fn text(label: S, initial: &str, required: bool) -> Field {
        Field {
            label,
            value: Value::Text(Input::new(initial.to_string())),
            required,
            with_check: false,
        }
    }
    pub fn check(label: S, on: bool) -> Field {
        Field {
            label,
            value: Value::Check(on),
            required: false,
            with_check: false,
        }
    }
    pub fn under_check(mut self) -> Field {
        self.with_check = true;
        self
    }
    pub fn as_text(&self) -> String {
        match &self.value {
            Value::Text(i) => i.value().trim().to_string(),
            Value::Check(_) => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    /// Lines shown above the fields (what is being acted on, warnings).
    pub body: Vec<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    pub purpose: Purpose,
}

impl Form {
    pub fn new(title: String, purpose: Purpose, fields: Vec<Field>) -> Form {
        Form {
            title,
            body: Vec::new(),
            fields,
            focus: 0,
            error: None,
            purpose,
        }
    }
    pub fn with_body(mut self, body: Vec<String>) -> Form {
        self.body = body;
        self
    }
    /// Whether the check box (if any) is on: fields under it count only then.
    pub fn checked(&self) -> bool {
        self.fields
            .iter()
            .any(|f| matches!(f.value, Value::Check(true)))
    }
    pub fn field(&self, label: S) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(Field::as_text)
            .unwrap_or_default()
    }
    /// The text of the first of `labels` the form has (a field labelled required or
    /// optional as the workflow says).
    pub fn field_any(&self, labels: &[S]) -> String {
        labels
            .iter()
            .find_map(|l| self.fields.iter().find(|f| f.label == *l))
            .map(Field::as_text)
            .unwrap_or_default()
    }
    /// The first required field left empty.
    pub fn missing(&self) -> Option<S> {
        let checked = self.checked();
        self.fields
            .iter()
            .find(|f| f.required && (!f.with_check || checked) && f.as_text().is_empty())
            .map(|f| f.label)
    }
    pub fn focused_input(&mut self) -> Option<&mut Input> {
        match self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            Some(Value::Text(i)) => Some(i),
            _ => None,
        }
    }

    /// Fields skipped when the check box they depend on is off.
    fn active(&self, i: usize) -> bool {
        self.fields
            .get(i)
            .is_some_and(|x| !x.with_check || self.checked())
    }

    fn next_field(&mut self, forward: bool) {
        let n = self.fields.len();
        let mut i = self.focus;
        for _ in 0..n {
            i = if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            if self.active(i) {
                self.focus = i;
                return;
            }
        }
    }

    /// Keys in a form: Enter moves to the next field, and on the last one submits (as `y`
    /// does) once every required field is given.
    fn on_key(&mut self, lang: Lang, cmd: Option<Cmd>, key: KeyEvent) -> Outcome {
        let last = (0..self.fields.len()).rev().find(|i| self.active(*i));
        let on_check = matches!(
            self.fields.get(self.focus).map(|x| &x.value),
            Some(Value::Check(_))
        );
        match cmd {
            Some(Cmd::Submit) if Some(self.focus) != last => self.next_field(true),
            Some(Cmd::Submit) | Some(Cmd::Yes) => {
                if let Some(label) = self.missing() {
                    self.error = Some(fill(S::Required.get(lang), &[&label.get(lang)]));
                    self.focus = self
                        .fields
                        .iter()
                        .position(|x| x.label == label)
                        .unwrap_or(0);
                    return Outcome::Stay;
                }
                return Outcome::Filled(self.purpose.clone());
            }
            Some(Cmd::NextField) => self.next_field(true),
            Some(Cmd::PrevField) => self.next_field(false),
            Some(Cmd::Toggle) if on_check => {
                if let Some(Field {
                    value: Value::Check(on),
                    ..
                }) = self.fields.get_mut(self.focus)
                {
                    *on = !*on;
                }
            }
            Some(Cmd::Cancel) => return Outcome::Cancel,
            _ => {
                if let (Some(i), Some(req)) =
                    (self.focused_input(), to_input_request(&Event::Key(key)))
                {
                    // Typing answers the error: it no longer stands under the new text.
                    if i.handle(req).is_some_and(|r| r.value) {
                        self.error = None;
                    }
                }
            }
        }
        Outcome::Stay
    }
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub title: String,
    pub body: Vec<String>,
    /// A warning above the options (a vague reply under review).
    pub warn: Option<String>,
    pub options: Vec<String>,
    pub selected: usize,
    pub error: Option<String>,
    pub purpose: Purpose,
}

impl Choice {
    /// Up and down move; a digit or Enter chooses.
    fn on_key(&mut self, cmd: Option<Cmd>) -> Outcome {
        match cmd {
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(self.options.len() - 1),
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Pick(i)) if (i as usize) < self.options.len() => {
                self.selected = i as usize;
                return Outcome::Chosen(self.purpose.clone(), Some(i as usize));
            }
            Some(Cmd::Submit) => return Outcome::Chosen(self.purpose.clone(), Some(self.selected)),
            Some(Cmd::Cancel) => return Outcome::Cancel,
            _ => {}
        }
        Outcome::Stay
    }
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub input: Input,
    /// The row chosen (None: nothing yet — an ambiguous query selects nothing). After typed
    /// text, `update::submit` sets it to what `domain::units::picker` preselects.
    pub selected: Option<usize>,
    /// The text the selection was last computed for.
    pub seen: Option<String>,
    pub error: Option<String>,
    pub purpose: Purpose,
}

impl Picker {
    pub fn new(title: String, purpose: Purpose) -> Picker {
        Picker {
            title,
            input: Input::default(),
            selected: None,
            seen: None,
            error: None,
            purpose,
        }
    }

    /// Typing filters; up and down move (from nothing selected, onto the first row); Enter
    /// picks the selected row.
    fn on_key(&mut self, cmd: Option<Cmd>, key: KeyEvent) -> Outcome {
        match cmd {
            Some(Cmd::Down) => self.selected = Some(self.selected.map_or(0, |i| i + 1)),
            Some(Cmd::Up) => self.selected = Some(self.selected.map_or(0, |i| i.saturating_sub(1))),
            Some(Cmd::Cancel) => return Outcome::Cancel,
            Some(Cmd::Submit) => {
                return Outcome::Picked {
                    purpose: self.purpose.clone(),
                    query: self.input.value().to_string(),
                    selected: self.selected,
                };
            }
            _ => {
                if let Some(req) = to_input_request(&Event::Key(key)) {
                    self.input.handle(req);
                }
            }
        }
        Outcome::Stay
    }
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub title: String,
    pub area: TextArea<'static>,
    pub error: Option<String>,
    /// Esc was pressed once with text in the editor: a second Esc discards it.
    pub armed: bool,
    pub purpose: Purpose,
}

impl Editor {
    pub fn new(title: String, purpose: Purpose) -> Editor {
        let mut area = TextArea::default();
        // Soft wrap by display width: Chinese has no spaces, so fall back to any grapheme.
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::new());
        Editor {
            title,
            area,
            error: None,
            armed: false,
            purpose,
        }
    }
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
    /// Pasted text: cleaned of control characters (keeping new lines) before it lands.
    pub fn paste(&mut self, s: &str) {
        self.area.insert_str(sanitize(&s.replace("\r\n", "\n")));
    }

    /// Enter submits the text (`Newline`, a new line, is the text area's); Esc with text
    /// asks once before it is discarded.
    fn on_key(&mut self, lang: Lang, cmd: Option<Cmd>, key: KeyEvent) -> Outcome {
        match cmd {
            Some(Cmd::Submit) => {
                let text = self.text();
                if !matches!(self.purpose, Purpose::Reply { .. }) {
                    return Outcome::Stay;
                }
                if text.trim().is_empty() {
                    self.error = Some(fill(S::Required.get(lang), &[&S::FReply.get(lang)]));
                    return Outcome::Stay;
                }
                return Outcome::Written(self.purpose.clone(), text);
            }
            Some(Cmd::Cancel) => {
                if self.area.is_empty() || self.armed {
                    return Outcome::Cancel;
                }
                self.armed = true;
                self.error = Some(S::DlgDiscard.get(lang).to_string());
            }
            _ => {
                self.armed = false;
                self.area.input(key);
            }
        }
        Outcome::Stay
    }
}

/// The one confirmation step: what will be recorded, asked once before it is (see
/// `update::submit::record` and `irreversible`). `y` records; `n` goes back to the dialog it
/// came from with the typed text kept; Esc cancels.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: String,
    pub text: Vec<String>,
    pub purpose: Purpose,
    /// What `y` records.
    pub submit: Submit,
    /// The dialog it came from (a form with the typed text), where `n` goes back to and
    /// where the result is shown; none when there was nothing to type (签收).
    pub back: Option<Box<Dialog>>,
    pub error: Option<String>,
}

impl Confirm {
    fn on_key(&mut self, cmd: Option<Cmd>) -> Outcome {
        match cmd {
            Some(Cmd::Yes) => Outcome::Confirmed(self.submit.clone()),
            Some(Cmd::No) if self.back.is_some() => Outcome::Back,
            Some(Cmd::No) | Some(Cmd::Cancel) => Outcome::Cancel,
            _ => Outcome::Stay,
        }
    }
}

/// The callback console (回访): the citizen's name and phone (masked until `Cmd::Reveal`,
/// which is recorded as the CLI's `--reveal` is), the unit's reply, the deadline and whether
/// the reply was on time; then the three questions of the script, answered by keys in turn —
/// did the unit contact you (`y`/`n`), is it solved (1–3: `Solved::ALL`), are you satisfied
/// (1–3: `SATISFACTION`) — or `4` 未接通 (not a valid callback, no answers); the answers so
/// far are shown, and the last one leads to the confirmation.
#[derive(Debug, Clone)]
pub struct CallbackDesk {
    /// The order as it was opened (its contact is shown masked until revealed).
    pub order: crate::domain::Order,
    /// The full contact is shown (its showing was recorded).
    pub revealed: bool,
    pub title: String,
    /// Lines above the questions (the order).
    pub body: Vec<String>,
    /// The question asked now: 0 contacted, 1 solved, 2 satisfaction.
    pub question: usize,
    pub contacted: Option<bool>,
    pub solved: Option<Solved>,
    pub satisfaction: Option<CallbackResult>,
    pub error: Option<String>,
    pub purpose: Purpose,
}

/// The third question's answers, in the order of their keys.
pub const SATISFACTION: [CallbackResult; 3] = [
    CallbackResult::Satisfied,
    CallbackResult::BasicallySatisfied,
    CallbackResult::Unsatisfied,
];

/// The console's three questions, in order.
pub const QUESTIONS: [S; 3] = [S::CbQContacted, S::CbQSolved, S::CbQSatisfied];

impl CallbackDesk {
    pub fn new(order: crate::domain::Order, title: String, body: Vec<String>) -> CallbackDesk {
        let purpose = Purpose::Callback {
            no: order.order_no.clone(),
            version: order.version,
        };
        CallbackDesk {
            order,
            revealed: false,
            title,
            body,
            question: 0,
            contacted: None,
            solved: None,
            satisfaction: None,
            error: None,
            purpose,
        }
    }

    /// Whether question `i` has its answer.
    pub fn answered(&self, i: usize) -> bool {
        match i {
            0 => self.contacted.is_some(),
            1 => self.solved.is_some(),
            _ => self.satisfaction.is_some(),
        }
    }

    /// The callback the answers make, once all three are given.
    pub fn action(&self) -> Option<Action> {
        Some(Action::Callback {
            result: self.satisfaction?,
            answers: Answers {
                contacted: Some(self.contacted?),
                solved: Some(self.solved?),
            },
        })
    }

    /// After an answer: the confirmation once all three are given, else the next question
    /// not answered yet.
    fn next(&mut self) -> Outcome {
        self.error = None;
        if let Some(a) = self.action() {
            return Outcome::Answered(self.purpose.clone(), a);
        }
        if let Some(i) = (0..QUESTIONS.len()).find(|i| !self.answered(*i)) {
            self.question = i;
        }
        Outcome::Stay
    }

    fn on_key(&mut self, lang: Lang, cmd: Option<Cmd>) -> Outcome {
        match cmd {
            // Nothing is revealed (nor recorded) when the order has no phone to call.
            Some(Cmd::Reveal) if !self.revealed && !self.order.phone.trim().is_empty() => {
                Outcome::Reveal(self.order.order_no.clone())
            }
            Some(Cmd::Yes) | Some(Cmd::No) => {
                self.contacted = Some(cmd == Some(Cmd::Yes));
                self.next()
            }
            // 未接通: not a valid callback, whatever was answered so far.
            Some(Cmd::Pick(3)) => Outcome::Answered(
                self.purpose.clone(),
                Action::Callback {
                    result: CallbackResult::Unreachable,
                    answers: Answers::default(),
                },
            ),
            Some(Cmd::Pick(i)) if i < 3 => {
                let i = usize::from(i);
                match self.question {
                    0 => {
                        self.error = Some(S::CbAnswerYn.get(lang).to_string());
                        Outcome::Stay
                    }
                    1 => {
                        self.solved = Some(Solved::ALL[i]);
                        self.next()
                    }
                    _ => {
                        self.satisfaction = Some(SATISFACTION[i]);
                        self.next()
                    }
                }
            }
            Some(Cmd::Down) => {
                self.question = (self.question + 1).min(QUESTIONS.len() - 1);
                Outcome::Stay
            }
            Some(Cmd::Up) => {
                self.question = self.question.saturating_sub(1);
                Outcome::Stay
            }
            Some(Cmd::Submit) => match self.action() {
                Some(a) => Outcome::Answered(self.purpose.clone(), a),
                None => {
                    let i = (0..QUESTIONS.len())
                        .find(|i| !self.answered(*i))
                        .unwrap_or(0);
                    self.question = i;
                    self.error = Some(fill(S::CbUnanswered.get(lang), &[&QUESTIONS[i].get(lang)]));
                    Outcome::Stay
                }
            },
            Some(Cmd::Cancel) => Outcome::Cancel,
            _ => Outcome::Stay,
        }
    }
}

/// What a key did to a dialog: `update` turns a submitted one into the operation to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The dialog stays open (a move, typed text, a toggle, or an error now shown in it).
    Stay,
    /// Closed without doing anything.
    Cancel,
    /// Confirmed (`None`), or option `i` chosen (`Some(i)`).
    Chosen(Purpose, Option<usize>),
    /// A form submitted with every required field given.
    Filled(Purpose),
    /// The picker's Enter: its typed text and selected row.
    Picked {
        purpose: Purpose,
        query: String,
        selected: Option<usize>,
    },
    /// The editor's text, not blank.
    Written(Purpose, String),
    /// The confirmation's `y`: record this.
    Confirmed(Submit),
    /// The confirmation's `n`: back to the dialog it came from.
    Back,
    /// Show the citizen's full contact of this order (recorded).
    Reveal(String),
    /// The callback console's answers: the callback to record (confirmed first).
    Answered(Purpose, Action),
}

#[derive(Debug, Clone)]
pub enum Dialog {
    Confirm(Confirm),
    Form(Form),
    Choice(Choice),
    Picker(Picker),
    Editor(Box<Editor>),
    Callback(Box<CallbackDesk>),
}

impl Dialog {
    pub fn purpose_mut(&mut self) -> &mut Purpose {
        match self {
            Dialog::Confirm(d) => &mut d.purpose,
            Dialog::Form(d) => &mut d.purpose,
            Dialog::Choice(d) => &mut d.purpose,
            Dialog::Picker(d) => &mut d.purpose,
            Dialog::Editor(d) => &mut d.purpose,
            Dialog::Callback(d) => &mut d.purpose,
        }
    }
    /// The order changed meanwhile (a conflict): what is submitted next carries its new
    /// version, the confirmation's pending record and the dialog behind it included.
    pub fn seen_version(&mut self, v: u32) {
        if let Some((_, version)) = self.purpose_mut().order_mut() {
            *version = v;
        }
        if let Dialog::Confirm(c) = self {
            c.submit.set_version(v);
            if let Some(b) = c.back.as_mut() {
                b.seen_version(v);
            }
        }
    }
    /// Names the marked orders instead of the one order a dialog was opened for (`anchor`):
    /// in the title, and in place of the order's line above the fields.
    pub fn for_marked(&mut self, anchor: &str, orders: &str, line: String) {
        let (title, body) = match self {
            Dialog::Confirm(d) => (&mut d.title, None),
            Dialog::Form(d) => (&mut d.title, Some(&mut d.body)),
            Dialog::Choice(d) => (&mut d.title, Some(&mut d.body)),
            Dialog::Picker(d) => (&mut d.title, None),
            Dialog::Editor(d) => (&mut d.title, None),
            Dialog::Callback(d) => (&mut d.title, None),
        };
        *title = title.replace(anchor, orders);
        if let Some(body) = body {
            match body.iter_mut().find(|l| l.starts_with(anchor)) {
                Some(l) => *l = line,
                None => body.insert(0, line),
            }
        }
    }
    pub fn set_error(&mut self, e: Option<String>) {
        match self {
            Dialog::Confirm(d) => d.error = e,
            Dialog::Form(d) => d.error = e,
            Dialog::Choice(d) => d.error = e,
            Dialog::Picker(d) => d.error = e,
            Dialog::Editor(d) => d.error = e,
            Dialog::Callback(d) => d.error = e,
        }
    }

    /// The keymap context of its keys.
    pub fn ctx(&self) -> Ctx {
        match self {
            Dialog::Confirm(_) => Ctx::Confirm,
            Dialog::Form(_) => Ctx::Form,
            Dialog::Choice(_) => Ctx::Choice,
            Dialog::Picker(_) => Ctx::Picker,
            Dialog::Editor(_) => Ctx::Editor,
            Dialog::Callback(_) => Ctx::Callback,
        }
    }

    /// A key (`cmd`: what the keymap says it means here) in the dialog.
    pub fn on_key(&mut self, lang: Lang, cmd: Option<Cmd>, key: KeyEvent) -> Outcome {
        match self {
            Dialog::Confirm(c) => c.on_key(cmd),
            Dialog::Choice(c) => c.on_key(cmd),
            Dialog::Picker(p) => p.on_key(cmd, key),
            Dialog::Editor(e) => e.on_key(lang, cmd, key),
            Dialog::Form(f) => f.on_key(lang, cmd, key),
            Dialog::Callback(c) => c.on_key(lang, cmd),
        }
    }

    /// Bracketed paste: into the field with the cursor, as typed text would be.
    pub fn paste(&mut self, text: &str) {
        match self {
            Dialog::Editor(e) => e.paste(text),
            Dialog::Form(f) => {
                if let Some(i) = f.focused_input() {
                    input_paste(i, text);
                }
            }
            Dialog::Picker(p) => input_paste(&mut p.input, text),
            Dialog::Confirm(_) | Dialog::Choice(_) | Dialog::Callback(_) => {}
        }
    }
}

/// Typed or pasted text into a one-line input, cleaned to one line first.
pub fn input_paste(i: &mut Input, s: &str) {
    for c in one_line(s).chars() {
        i.handle(InputRequest::InsertChar(c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    fn key(c: char) -> KeyEvent {
        KeyEvent::from(KeyCode::Char(c))
    }

    fn supervise() -> Dialog {
        let purpose = Purpose::SuperviseUnit {
            unit: "住建局".into(),
        };
        Dialog::Form(Form::new(
            "t".into(),
            purpose,
            vec![
                Field::text(S::DlgNote, "", false),
                Field::check(S::DlgOnSite, false),
                Field::text(S::DlgPlace, "", true).under_check(),
            ],
        ))
    }

    #[test]
    fn a_form_skips_fields_under_an_unchecked_box_and_asks_for_required_ones() {
        let mut d = supervise();
        let en = Lang::En;
        // Note → check box; the place is skipped while the box is off, so Enter submits.
        assert_eq!(d.on_key(en, Some(Cmd::Submit), key('\n')), Outcome::Stay);
        let filled = d.on_key(en, Some(Cmd::Submit), key('\n'));
        assert!(matches!(
            filled,
            Outcome::Filled(Purpose::SuperviseUnit { .. })
        ));
        // Checked, the place is required: Enter moves to it, then refuses it empty.
        d.on_key(en, Some(Cmd::Toggle), key(' '));
        assert_eq!(d.on_key(en, Some(Cmd::Submit), key('\n')), Outcome::Stay);
        assert_eq!(d.on_key(en, Some(Cmd::Submit), key('\n')), Outcome::Stay);
        let Dialog::Form(f) = &d else {
            panic!("a form")
        };
        assert_eq!(f.focus, 2);
        assert!(
            f.error
                .as_deref()
                .is_some_and(|e| e.contains(S::DlgPlace.get(en)))
        );
        d.on_key(en, None, key('x'));
        assert!(matches!(
            d.on_key(en, Some(Cmd::Submit), key('\n')),
            Outcome::Filled(_)
        ));
        assert_eq!(d.on_key(en, Some(Cmd::Cancel), key('q')), Outcome::Cancel);
    }

    #[test]
    fn the_confirmation_records_on_y_goes_back_on_n_and_cancels_on_esc() {
        let submit = Submit::Act {
            order_no: "N1".into(),
            version: 3,
            action: crate::domain::Action::Accept,
        };
        let purpose = Purpose::Return {
            no: "N1".into(),
            version: 3,
        };
        let confirm = |back: bool| {
            Dialog::Confirm(Confirm {
                title: "t".into(),
                text: Vec::new(),
                purpose: purpose.clone(),
                submit: submit.clone(),
                back: back.then(supervise).map(Box::new),
                error: None,
            })
        };
        let en = Lang::En;
        let mut d = confirm(true);
        assert_eq!(
            d.on_key(en, Some(Cmd::Yes), key('y')),
            Outcome::Confirmed(submit.clone())
        );
        assert_eq!(d.on_key(en, Some(Cmd::No), key('n')), Outcome::Back);
        assert_eq!(d.on_key(en, Some(Cmd::Cancel), key('q')), Outcome::Cancel);
        assert_eq!(d.on_key(en, None, key('x')), Outcome::Stay);
        // Nothing to go back to (签收): n cancels.
        assert_eq!(
            confirm(false).on_key(en, Some(Cmd::No), key('n')),
            Outcome::Cancel
        );
        // A conflict's new version reaches what y will record.
        d.seen_version(7);
        let Dialog::Confirm(c) = &d else {
            panic!("a confirmation")
        };
        assert!(matches!(c.submit, Submit::Act { version: 7, .. }));
        assert!(matches!(c.purpose, Purpose::Return { version: 7, .. }));
        assert!(purpose.irreversible());
        assert!(
            !Purpose::Urge {
                no: "N1".into(),
                version: 3
            }
            .irreversible()
        );
    }

    #[test]
    fn an_editor_refuses_blank_text_and_asks_before_discarding() {
        let purpose = Purpose::Reply {
            no: "N1".into(),
            version: 3,
        };
        let mut d = Dialog::Editor(Box::new(Editor::new("t".into(), purpose.clone())));
        let en = Lang::En;
        assert_eq!(d.on_key(en, Some(Cmd::Submit), key('\n')), Outcome::Stay);
        d.paste("已安排维修");
        assert_eq!(d.on_key(en, Some(Cmd::Cancel), key('q')), Outcome::Stay);
        assert_eq!(
            d.on_key(en, Some(Cmd::Submit), key('\n')),
            Outcome::Written(purpose, "已安排维修".into())
        );
        d.on_key(en, Some(Cmd::Cancel), key('q'));
        assert_eq!(d.on_key(en, Some(Cmd::Cancel), key('q')), Outcome::Cancel);
    }
}
