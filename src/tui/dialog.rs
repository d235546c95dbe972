//! Dialogs: their state and what they are for. Key handling lives in `update`; drawing in
//! `views::dialogs`.

use super::i18n::S;
use crate::domain::text::{one_line, sanitize};
use ratatui_textarea::{TextArea, WrapMode};
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
    Redo {
        no: String,
        version: u32,
    },
    Close {
        no: String,
        version: u32,
    },
    Dispatch {
        no: String,
        version: u32,
    },
    Period,
    CustomPeriod,
}

impl Purpose {
    /// The order this is about, with the version the operator saw.
    pub fn order_mut(&mut self) -> Option<(&str, &mut u32)> {
        use Purpose::*;
        match self {
            Urge { no, version }
            | Accept { no, version }
            | Return { no, version }
            | RequestExtension { no, version }
            | DecideExtension { no, version }
            | RefuseExtension { no, version }
            | Reply { no, version }
            | Review { no, version, .. }
            | Reject { no, version }
            | Supervise { no, version }
            | Callback { no, version }
            | Redo { no, version }
            | Close { no, version }
            | Dispatch { no, version } => Some((no.as_str(), version)),
            BulkUrge { .. } | SuperviseUnit { .. } | Period | CustomPeriod => None,
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

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub input: Input,
    pub selected: usize,
    pub error: Option<String>,
    pub purpose: Purpose,
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
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub text: Vec<String>,
    pub purpose: Purpose,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Dialog {
    Confirm(Confirm),
    Form(Form),
    Choice(Choice),
    Picker(Picker),
    Editor(Box<Editor>),
}

impl Dialog {
    pub fn purpose_mut(&mut self) -> &mut Purpose {
        match self {
            Dialog::Confirm(d) => &mut d.purpose,
            Dialog::Form(d) => &mut d.purpose,
            Dialog::Choice(d) => &mut d.purpose,
            Dialog::Picker(d) => &mut d.purpose,
            Dialog::Editor(d) => &mut d.purpose,
        }
    }
    pub fn set_error(&mut self, e: Option<String>) {
        match self {
            Dialog::Confirm(d) => d.error = e,
            Dialog::Form(d) => d.error = e,
            Dialog::Choice(d) => d.error = e,
            Dialog::Picker(d) => d.error = e,
            Dialog::Editor(d) => d.error = e,
        }
    }
}

/// Typed or pasted text into a one-line input, cleaned to one line first.
pub fn input_paste(i: &mut Input, s: &str) {
    for c in one_line(s).chars() {
        i.handle(InputRequest::InsertChar(c));
    }
}
