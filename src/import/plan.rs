//! From a row of cells to what to record: the order's intake and the actions of its history,
//! each with its time. Pure: nothing here touches the database, so every problem of a row
//! (which column, why) is found before anything is written.
//!
//! Two ways to a history:
//! - **replayed**: the row has our 办理过程 column (our own export): every event comes back as
//!   the action that produced it, at its time, by its operator;
//! - **rebuilt** from the columns (any other export): intake at the received time; dispatch
//!   to the unit at the dispatch time (or the received time) with the deadline given or the
//!   category's time limit; signing; the reply at the reply time; for a closed order the
//!   review, the callback (the file's, or the mapping's default) and the close at the closing
//!   time (or the reply time). The status says how far to go (or, without a status column:
//!   closed if there is a closing time, replied if there is a reply, else received).

use super::dates::{self, When};
use super::history::{self, Line};
use super::mapping::{Mapping, RowStatus};
use super::read::{Cell, Table};
use crate::domain::Lang;
use crate::domain::text::{one_line, sanitize};
use crate::domain::{Action, CallbackResult, Category, EventKind, Intake, OnSite, Status};
use crate::error::Msg;
use crate::ops::{self, Ctx, DeadlineSpec};
use chrono::{NaiveDate, NaiveDateTime};
use std::fmt;

/// One problem with one row: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The row number in the file (as a spreadsheet numbers it).
    pub row: usize,
    /// The column's header, or empty for the row as a whole.
    pub column: String,
    /// Why, in both languages.
    pub reason: Msg,
}

impl Problem {
    /// On one line, cleaned (a reason may quote the file's own, untrusted, text), in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let reason = one_line(self.reason.get(lang));
        let column = one_line(&self.column);
        match (lang, self.column.is_empty()) {
            (Lang::En, true) => format!("row {}: {reason}", self.row),
            (Lang::En, false) => format!("row {}, column {column}: {reason}", self.row),
            (Lang::Zh, true) => format!("第 {} 行：{reason}", self.row),
            (Lang::Zh, false) => format!("第 {} 行，{column} 列：{reason}", self.row),
        }
    }
}

/// In English (`text` gives either language).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

fn both(en: &str, zh: &str) -> Msg {
    Msg::both(en.to_string(), zh.to_string())
}

/// A cell holding a spreadsheet error such as #REF!.
fn cell_error(e: &impl fmt::Display) -> Msg {
    Msg::both(
        format!("the cell holds the spreadsheet error {e}"),
        format!("单元格中是电子表格错误 {e}"),
    )
}

/// One action of an imported history, with its time and the column it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub at: NaiveDateTime,
    /// Who did it (a replayed history's operator), or None for the importing operator.
    pub operator: Option<String>,
    pub action: Action,
    pub column: String,
}

/// An order to record.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderRecord {
    pub order_no: String,
    pub intake: Intake,
    pub received_at: NaiveDateTime,
    /// When the intake event happened (the received time, unless a history says otherwise).
    pub intake_at: NaiveDateTime,
    pub intake_operator: Option<String>,
    pub steps: Vec<Step>,
    /// What the row's columns say the order must come to, checked after the replay.
    pub expect_status: Option<Status>,
    pub expect_unit: Option<String>,
    /// The dispatch's deadline was not in the file (the mapping's or the category's limit).
    pub deadline_defaulted: bool,
}

/// A supervision of a unit as a whole (a row of our export whose status is 单位督办).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitSupervision {
    pub at: NaiveDateTime,
    pub operator: Option<String>,
    pub unit: String,
    pub note: String,
    pub on_site: Option<OnSite>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Order(Box<OrderRecord>),
    UnitSupervisions(Vec<UnitSupervision>),
}

impl Record {
    /// The units the record needs.
    pub fn units(&self) -> Vec<&str> {
        match self {
            Record::Order(o) => o
                .steps
                .iter()
                .filter_map(|s| match &s.action {
                    Action::Dispatch { unit, .. } => Some(unit.as_str()),
                    _ => None,
                })
                .chain(o.expect_unit.as_deref())
                .collect(),
            Record::UnitSupervisions(v) => v.iter().map(|s| s.unit.as_str()).collect(),
        }
    }
}

/// The columns of a table a mapping uses, by field.
pub struct Layout<'a> {
    pub mapping: &'a Mapping,
    cols: Vec<(&'static str, String, Option<usize>)>,
}

impl<'a> Layout<'a> {
    /// Check the mapping against the table's header. Missing required columns are an error,
    /// and so is a category the file cannot give (no column, no default); other missing
    /// columns are returned as notes (the field stays empty). The error names our fields and
    /// how to supply them, in both languages.
    pub fn new(mapping: &'a Mapping, table: &Table) -> Result<(Layout<'a>, Vec<Msg>), Msg> {
        let mut cols = Vec::new();
        let mut missing_required = Vec::new();
        let mut notes = Vec::new();
        for (field, header) in mapping.mapped() {
            let idx = table.column(header);
            if idx.is_none() {
                if matches!(field, "order_no" | "title" | "received_at") {
                    missing_required.push(format!("{header} ({field})"));
                } else {
                    notes.push(Msg::both(
                        format!(
                            "note: the file has no column {header} (our field {field}); that field is left empty"
                        ),
                        format!("注意：文件中没有列 {header}（我们的字段 {field}），该字段留空"),
                    ));
                }
            }
            cols.push((field, header.to_string(), idx));
        }
        let mut problems: Vec<(String, String)> = Vec::new();
        if !missing_required.is_empty() {
            let mut shown: Vec<String> = table
                .headers
                .iter()
                .take(12)
                .map(|h| crate::domain::text::quote_within(h, 24))
                .collect();
            if table.headers.len() > 12 {
                shown.push("…".into());
            }
            let (list, name, shown) = (
                missing_required.join(", "),
                &mapping.name,
                one_line(&shown.join(", ")),
            );
            problems.push((
                format!(
                    "the file lacks the column(s) {list} that mapping {name} needs (the file's columns: {shown}): check the file, or name the right columns in the mapping's [columns], or pass another --mapping"
                ),
                format!(
                    "文件缺少映射 {name} 所需的列 {list}（文件的列：{shown}）：请检查文件，或在映射的 [columns] 中填写正确的列名，或换用其他 --mapping"
                ),
            ));
        }
        let has_category = cols.iter().any(|(f, _, i)| *f == "category" && i.is_some());
        if !has_category && mapping.default_category.is_none() {
            let why = match mapping.columns.category.as_deref() {
                Some(h) => (
                    format!("the file has no column {h} that [columns] category names"),
                    format!("文件中没有 [columns] category 所指的列 {h}"),
                ),
                None => (
                    "the mapping names no column for it".to_string(),
                    "映射未指定对应的列".to_string(),
                ),
            };
            problems.push((
                format!(
                    "our field category (咨询/建议/诉求) cannot be filled: {} and the mapping has no [defaults] category; name the file's column in [columns] category, or give [defaults] category = \"request\" (or inquiry, suggestion)",
                    why.0
                ),
                format!(
                    "无法填写我们的字段 category（咨询/建议/诉求）：{}，映射中也没有 [defaults] category；请在 [columns] category 中填写文件的列名，或设置 [defaults] category = \"request\"（或 inquiry、suggestion）",
                    why.1
                ),
            ));
        }
        if !problems.is_empty() {
            return Err(Msg::both(
                problems
                    .iter()
                    .map(|p| p.0.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                problems
                    .iter()
                    .map(|p| p.1.as_str())
                    .collect::<Vec<_>>()
                    .join("；"),
            ));
        }
        Ok((Layout { mapping, cols }, notes))
    }

    /// Whether the file has the column of `field`.
    fn has(&self, field: &str) -> bool {
        self.col(field).is_some()
    }

    fn col(&self, field: &str) -> Option<(&str, usize)> {
        self.cols
            .iter()
            .find(|(f, _, _)| *f == field)
            .and_then(|(_, h, i)| i.map(|i| (h.as_str(), i)))
    }

    /// The header of a field's column (for messages), or the field's name.
    pub fn header(&self, field: &str) -> String {
        self.cols
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, h, _)| h.clone())
            .unwrap_or_else(|| field.to_string())
    }
}

struct RowReader<'r> {
    row: usize,
    cells: &'r [Cell],
    problems: Vec<Problem>,
}

impl<'r> RowReader<'r> {
    fn problem(&mut self, column: &str, reason: Msg) {
        self.problems.push(Problem {
            row: self.row,
            // A header is the file's text: quoted short, whatever its length.
            column: crate::domain::text::quote(column),
            reason,
        });
    }

    /// A problem with our `field` that the row leaves empty: where the file has its column,
    /// at that column; where it has none, for the row, saying which of our fields and how to
    /// supply it (never "column X" for a column the file does not have).
    fn field_problem(&mut self, l: &Layout, field: &str, reason: Msg) {
        if l.has(field) {
            self.problem(&l.header(field), reason);
            return;
        }
        let named = match l.mapping.mapped().iter().find(|(f, _)| *f == field) {
            Some((_, h)) => (
                format!("the file has no column {h} that [columns] {field} names"),
                format!("文件中没有 [columns] {field} 所指的列 {h}"),
            ),
            None => (
                "the mapping names no column for it".to_string(),
                "映射未指定对应的列".to_string(),
            ),
        };
        let default = if matches!(field, "category" | "unit" | "callback") {
            (
                format!(", or give [defaults] {field}"),
                format!("，或设置 [defaults] {field}"),
            )
        } else {
            (String::new(), String::new())
        };
        let zh = reason.get(Lang::Zh).to_string();
        self.problems.push(Problem {
            row: self.row,
            column: String::new(),
            reason: Msg::both(
                format!(
                    "{} — our field {field}: {}; name the file's column in [columns] {field}{}",
                    reason.en, named.0, default.0
                ),
                format!(
                    "{zh} —— 我们的字段 {field}：{}；请在 [columns] {field} 中填写文件的列名{}",
                    named.1, default.1
                ),
            ),
        });
    }

    /// A field's cell, if it is not empty, with its column's header.
    fn cell<'l>(&self, l: &'l Layout, field: &str) -> Option<(&'l str, &'r Cell)> {
        let (h, i) = l.col(field)?;
        let c = self.cells.get(i)?;
        if c.is_empty() { None } else { Some((h, c)) }
    }

    /// A one-line text field (title, names, unit…).
    fn line(&mut self, l: &Layout, field: &str) -> Option<String> {
        let (h, c) = self.cell(l, field)?;
        if let Cell::Error(e) = c {
            self.problem(h, cell_error(e));
            return None;
        }
        Some(one_line(&c.as_text())).filter(|s| !s.is_empty())
    }

    /// A multi-line text field (content, reply): the tabs and newlines exports leave around
    /// the text and around its lines go.
    fn text(&mut self, l: &Layout, field: &str) -> Option<String> {
        let (h, c) = self.cell(l, field)?;
        if let Cell::Error(e) = c {
            self.problem(h, cell_error(e));
            return None;
        }
        Some(clean_text(&c.as_text())).filter(|s| !s.is_empty())
    }

    fn when(&mut self, l: &Layout, field: &str) -> Option<(String, When)> {
        let (h, c) = self.cell(l, field)?;
        let r = match c {
            Cell::DateTime(t) => Ok(When {
                at: *t,
                date_only: t.time() == chrono::NaiveTime::MIN,
            }),
            Cell::Number(v) => dates::from_excel_serial(*v).map(|at| When {
                at,
                date_only: dates::serial_is_date_only(*v),
            }),
            Cell::Text(s) => dates::parse(s),
            Cell::Error(e) => Err(cell_error(e)),
            Cell::Empty => return None,
        };
        match r {
            Ok(w) => Some((h.to_string(), w)),
            Err(e) => {
                self.problem(h, e);
                None
            }
        }
    }
}

/// Trim the white space exports leave: around the text, at the ends of lines, and blank
/// lines at the start and end; control characters go (`sanitize`).
pub fn clean_text(s: &str) -> String {
    let s = sanitize(s).replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = s
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .collect();
    let mut out: Vec<&str> = Vec::new();
    for l in lines {
        if l.is_empty() && out.last().is_none_or(|p| p.is_empty()) {
            continue; // leading blank lines and runs of blank lines
        }
        out.push(l);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// Read one row into a record, or the row's problems.
pub fn plan_row(l: &Layout, ctx: &Ctx, row: usize, cells: &[Cell]) -> Result<Record, Vec<Problem>> {
    let m = l.mapping;
    let mut r = RowReader {
        row,
        cells,
        problems: Vec::new(),
    };
    let status = match r.cell(l, "status") {
        Some((h, c)) => match m.status(&c.as_text()) {
            Ok(s) => Some(s),
            Err(e) => {
                r.problem(h, e);
                None
            }
        },
        None => None,
    };
    if status == Some(RowStatus::UnitSupervision) {
        return unit_supervisions(l, &mut r);
    }
    let status = match status {
        Some(RowStatus::Order(s)) => Some(s),
        _ => None,
    };
    let order_no = match r.line(l, "order_no") {
        Some(no) => format!("{}{no}", m.order_no_prefix),
        None => {
            r.field_problem(
                l,
                "order_no",
                both("the order number is empty", "工单编号为空"),
            );
            String::new()
        }
    };
    let title = r.line(l, "title");
    if title.is_none() {
        r.field_problem(l, "title", both("the title is empty", "标题为空"));
    }
    let category = match r.cell(l, "category") {
        Some((h, c)) => match m.category(&c.as_text()) {
            Ok(c) => Some(c),
            Err(e) => {
                r.problem(h, e);
                None
            }
        },
        None => m.default_category.or_else(|| {
            r.field_problem(
                l,
                "category",
                both(
                    "no category (the cell is empty and the mapping has no [defaults] category)",
                    "没有类别（单元格为空，映射中也没有 [defaults] category）",
                ),
            );
            None
        }),
    };
    let received = r.when(l, "received_at");
    if received.is_none() && r.cell(l, "received_at").is_none() {
        r.field_problem(
            l,
            "received_at",
            both("the received time is empty", "受理时间为空"),
        );
    }
    let intake = Intake {
        category,
        title: title.unwrap_or_default(),
        content: r.text(l, "content").unwrap_or_default(),
        citizen: r.line(l, "citizen").unwrap_or_default(),
        phone: r.line(l, "phone").unwrap_or_default(),
        address: r.line(l, "address").unwrap_or_default(),
    };
    let unit = r.line(l, "unit").or_else(|| m.default_unit.clone());
    let history = match r.cell(l, "history") {
        Some((h, c)) => match history::parse(&c.as_text()) {
            Ok(lines) if !lines.is_empty() => Some((h, lines)),
            Ok(_) => None,
            Err(e) => {
                r.problem(h, e);
                None
            }
        },
        None => None,
    };
    let fields = Fields {
        dispatched: r.when(l, "dispatched_at"),
        deadline: r.when(l, "deadline"),
        accepted: r.when(l, "accepted_at"),
        reply: r.text(l, "reply"),
        replied: r.when(l, "replied_at"),
        callback: match r.cell(l, "callback") {
            Some((h, c)) => match m.callback(&c.as_text()) {
                Ok(cb) => Some(cb),
                Err(e) => {
                    r.problem(h, e);
                    None
                }
            },
            None => None,
        },
        closed: r.when(l, "closed_at"),
    };
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    let (Some((received_col, received)), Some(category)) = (received, category) else {
        return Err(r.problems);
    };
    let mut rec = OrderRecord {
        order_no,
        intake,
        received_at: received.at,
        intake_at: received.at,
        intake_operator: None,
        steps: Vec::new(),
        expect_status: status,
        expect_unit: None,
        deadline_defaulted: false,
    };
    match history {
        Some((col, lines)) => {
            rec.expect_unit = r.line(l, "unit");
            for line in lines {
                match line {
                    Line::Intake { at, operator } => {
                        rec.intake_at = at;
                        rec.intake_operator = Some(operator).filter(|o| !o.is_empty());
                    }
                    Line::Event { at, operator, kind } => {
                        // An older history's direct return: its request first.
                        if let EventKind::Returned { reason, .. } = &kind
                            && !matches!(
                                rec.steps.last().map(|s| &s.action),
                                Some(Action::Return { .. })
                            )
                        {
                            rec.steps.push(Step {
                                at,
                                operator: Some(operator.clone()).filter(|o| !o.is_empty()),
                                action: Action::Return {
                                    reason: reason.clone(),
                                },
                                column: col.to_string(),
                            });
                        }
                        if let Some(action) = history::into_action(kind) {
                            rec.steps.push(Step {
                                at,
                                operator: Some(operator).filter(|o| !o.is_empty()),
                                action,
                                column: col.to_string(),
                            });
                        }
                    }
                }
            }
        }
        None => rebuild(
            l,
            ctx,
            &mut r,
            &mut rec,
            category,
            status,
            unit,
            fields,
            &received_col,
        ),
    }
    // Times: never in the future. (That a history never goes back in time, and that the
    // received time is not after the intake, are the workflow's rules: `plan_history` takes
    // its refusals, in its words, with the step's column.)
    if let Some(last) = rec
        .steps
        .last()
        .map(|s| (s.at, &s.column))
        .or(Some((rec.intake_at, &received_col)))
        && last.0 > ctx.now
    {
        r.problem(
            last.1,
            Msg::both(
                format!("{} is in the future (now is {})", last.0, ctx.now),
                format!("{} 晚于现在（现在是 {}）", last.0, ctx.now),
            ),
        );
    }
    if r.problems.is_empty() {
        Ok(Record::Order(Box::new(rec)))
    } else {
        Err(r.problems)
    }
}

struct Fields {
    dispatched: Option<(String, When)>,
    deadline: Option<(String, When)>,
    accepted: Option<(String, When)>,
    reply: Option<String>,
    replied: Option<(String, When)>,
    callback: Option<CallbackResult>,
    closed: Option<(String, When)>,
}

/// A time for a step: a date without a time on the same day as the step before counts as
/// that step's time (not the midnight before it).
fn step_time(w: &When, prev: NaiveDateTime) -> NaiveDateTime {
    if w.date_only && w.at.date() == prev.date() && w.at < prev {
        prev
    } else {
        w.at
    }
}

#[allow(clippy::too_many_arguments)]
fn rebuild(
    l: &Layout,
    ctx: &Ctx,
    r: &mut RowReader,
    rec: &mut OrderRecord,
    category: Category,
    status: Option<Status>,
    unit: Option<String>,
    f: Fields,
    received_col: &str,
) {
    let m = l.mapping;
    let status = status.unwrap_or(if f.closed.is_some() {
        Status::Closed
    } else if f.reply.is_some() || f.replied.is_some() {
        Status::Replied
    } else if unit.is_some() && (f.dispatched.is_some() || r.cell(l, "unit").is_some()) {
        if f.accepted.is_some() {
            Status::Handling
        } else {
            Status::Dispatched
        }
    } else if unit.is_some() && !l.has("dispatched_at") {
        // The mapping's one unit for every row (the message board): the message reaches it
        // at once and it signs for it then, as for the rows it has replied to.
        Status::Handling
    } else {
        Status::Received
    });
    if status == Status::Received {
        return;
    }
    let office = unit.is_none() && category == Category::Inquiry;
    let status_col = l.header("status");
    let mut at = rec.intake_at;
    let push = |rec: &mut OrderRecord, at: NaiveDateTime, action: Action, column: &str| {
        rec.steps.push(Step {
            at,
            operator: None,
            action,
            column: column.to_string(),
        })
    };
    if let Some(unit) = &unit {
        let (col, t) = match &f.dispatched {
            Some((h, w)) => (h.clone(), step_time(w, at)),
            None => (received_col.to_string(), at),
        };
        at = t;
        let deadline: NaiveDate = match &f.deadline {
            Some((_, w)) => w.at.date(),
            None => {
                rec.deadline_defaulted = true;
                let spec = m
                    .deadline_days
                    .map_or(DeadlineSpec::Default, DeadlineSpec::Days);
                ops::resolve_deadline(ctx, category, at, spec).deadline
            }
        };
        // A deadline before the dispatch is the workflow's refusal (`plan_history`).
        push(
            rec,
            at,
            Action::Dispatch {
                unit: unit.clone(),
                deadline,
                due: None,
            },
            &col,
        );
        if status == Status::Returned {
            push(
                rec,
                at,
                Action::Return {
                    reason: "（导入）原数据状态为已退单".into(),
                },
                &status_col,
            );
            push(rec, at, Action::ApproveReturn, &status_col);
            return;
        }
        if status == Status::Dispatched {
            return;
        }
        let (col, t) = match &f.accepted {
            Some((h, w)) => (h.clone(), step_time(w, at)),
            None => (col, at),
        };
        at = t;
        push(rec, at, Action::Accept, &col);
        if status == Status::Handling {
            return;
        }
    } else if !office {
        r.field_problem(
            l,
            "unit",
            Msg::both(
                format!(
                    "the order is {} ({}) but names no unit (the cell is empty and the mapping has no [defaults] unit); only an inquiry can be answered by the office itself",
                    status.code(),
                    status.zh()
                ),
                format!(
                    "工单状态为{}，却没有承办单位（单元格为空，映射中也没有 [defaults] unit）；只有咨询件可由热线办直接答复",
                    status.zh()
                ),
            ),
        );
        return;
    } else if matches!(
        status,
        Status::Dispatched | Status::Handling | Status::Returned
    ) {
        r.field_problem(
            l,
            "unit",
            Msg::both(
                format!("the order is {} but names no unit", status.code()),
                format!("工单状态为{}，却没有承办单位", status.zh()),
            ),
        );
        return;
    }
    // Replied, awaiting callback or closed: the reply.
    let Some(text) = f.reply.clone() else {
        r.field_problem(
            l,
            "reply",
            Msg::both(
                format!(
                    "the order is {} ({}) but the reply is empty",
                    status.code(),
                    status.zh()
                ),
                format!("工单状态为{}，答复内容却为空", status.zh()),
            ),
        );
        return;
    };
    let (col, t) = match (&f.replied, &f.closed) {
        (Some((h, w)), _) | (None, Some((h, w))) => (h.clone(), step_time(w, at)),
        (None, None) => {
            r.field_problem(
                l,
                "replied_at",
                Msg::both(
                    format!("the order is {} but the reply time is empty", status.code()),
                    format!("工单状态为{}，答复时间却为空", status.zh()),
                ),
            );
            return;
        }
    };
    at = t;
    push(rec, at, Action::Reply { text }, &col);
    if status == Status::Replied {
        return;
    }
    if !office {
        push(rec, at, Action::ReviewAccept, &col);
    }
    if status == Status::AwaitingCallback {
        if let Some(result) = f.callback {
            push(
                rec,
                at,
                Action::Callback {
                    result,
                    answers: Default::default(),
                },
                &l.header("callback"),
            );
        }
        return;
    }
    // Closed.
    let (col, t) = match &f.closed {
        Some((h, w)) => (h.clone(), step_time(w, at)),
        None => (col, at),
    };
    at = t;
    let mut reason = String::new();
    if !office {
        let Some(result) = f.callback.or(m.default_callback) else {
            r.field_problem(
                l,
                "callback",
                both(
                    "the order is closed but has no callback result (the cell is empty and the mapping has no [defaults] callback)",
                    "工单已办结，却没有回访结果（单元格为空，映射中也没有 [defaults] callback）",
                ),
            );
            return;
        };
        push(
            rec,
            at,
            Action::Callback {
                result,
                answers: Default::default(),
            },
            &col,
        );
        if result == CallbackResult::Unsatisfied {
            reason = "（导入）原数据已办结".into();
        }
    }
    push(rec, at, Action::Close { reason }, &col);
}

fn no_supervision() -> Msg {
    both(
        "a unit supervision row without its 督办 event",
        "督办单位的行缺少督办事件",
    )
}

fn unit_supervisions(l: &Layout, r: &mut RowReader) -> Result<Record, Vec<Problem>> {
    let unit = r.line(l, "unit");
    if unit.is_none() {
        r.problem(
            &l.header("unit"),
            both(
                "a unit supervision row names no unit",
                "督办单位的行没有写明单位",
            ),
        );
    }
    let mut out = Vec::new();
    match r.cell(l, "history") {
        Some((h, c)) => match history::parse(&c.as_text()) {
            Ok(lines) => {
                for line in lines {
                    match line {
                        Line::Event {
                            at,
                            operator,
                            kind: EventKind::Supervised { note, on_site },
                        } => out.push(UnitSupervision {
                            at,
                            operator: Some(operator).filter(|o| !o.is_empty()),
                            unit: unit.clone().unwrap_or_default(),
                            note,
                            on_site,
                        }),
                        _ => r.problem(
                            h,
                            both(
                                "a unit supervision row holds an event other than 督办",
                                "督办单位的行含有督办以外的事件",
                            ),
                        ),
                    }
                }
                if out.is_empty() {
                    r.problem(h, no_supervision());
                }
            }
            Err(e) => r.problem(h, e),
        },
        None => r.problem(&l.header("history"), no_supervision()),
    }
    if r.problems.is_empty() {
        Ok(Record::UnitSupervisions(out))
    } else {
        Err(std::mem::take(&mut r.problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_print_on_one_clean_line() {
        let p = Problem {
            row: 3,
            column: "答复时间".into(),
            reason: both(
                "'\u{1b}]0;evil\u{7}\n2019' is not a date",
                "“\u{1b}]0;evil\u{7}\n2019”不是日期",
            ),
        };
        let s = p.to_string();
        assert_eq!(s, "row 3, column 答复时间: ']0;evil 2019' is not a date");
        assert_eq!(
            p.text(Lang::Zh),
            "第 3 行，答复时间 列：“]0;evil 2019”不是日期"
        );
    }

    #[test]
    fn cleans_export_white_space() {
        assert_eq!(
            clean_text("\n\t\t\t\t\t\n\t\t\t\t\t第一行\t\n  第二行\n\t\t\t\n\n\n第三行\n\t\t\t\t"),
            "第一行\n第二行\n\n第三行"
        );
        assert_eq!(clean_text("\u{1b}[31m红\u{7}"), "[31m红");
    }
}
