//! The order lists: 待办 (every open order), 超期 (past the deadline) and one unit's orders.

use super::super::app::{App, ListId, OrderRow};
use super::super::i18n::{self, S, fill};
use super::frame;
use super::table::{self, Col, Row, cell, sort_title};
use crate::domain::scorecard::OVERDUE_DAYS;
use crate::domain::text::{one_line, width};
use crate::domain::{Category, Status};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

/// Colour of the time left: red once late, yellow within a working day.
fn left_style(app: &App, r: &OrderRow) -> Style {
    match r.left {
        Some(n) if n < 0 => app.theme.overdue(),
        Some(n) if n <= 1 => app.theme.soon(),
        _ => Style::new(),
    }
}

fn unit_name(app: &App, r: &OrderRow) -> String {
    r.order
        .unit
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| app.t(S::WithOffice).to_string())
}

/// The title of a list's frame: name, count, filter and sort.
fn title<'a>(app: &App, id: ListId, name: String, shown: usize, total: usize) -> Vec<Span<'a>> {
    let st = app.list(id);
    let mut parts = vec![name];
    if st.filter.is_empty() {
        parts.push(fill(app.t(S::Count), &[&total]));
    } else {
        parts.push(fill(app.t(S::FilterShown), &[&st.filter, &shown, &total]));
    }
    if let Some(s) = id.sorts().get(st.sort) {
        parts.push(fill(app.t(S::SortedBy), &[&app.t(*s)]));
    }
    if id == ListId::Overdue && !app.marks.is_empty() {
        parts.push(fill(app.t(S::Marked), &[&app.marks.len()]));
    }
    vec![Span::styled(
        format!(" {} ", parts.join(app.theme.dot())),
        app.theme.title(),
    )]
}

fn draw_list(
    app: &App,
    f: &mut Frame,
    area: Rect,
    id: ListId,
    rows: Vec<&OrderRow>,
    total: usize,
    name: String,
) {
    let block = frame(app, title(app, id, name, rows.len(), total))
        .title_bottom(super::position(app.list(id).selected, rows.len()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let st = app.list(id);
    let sorted = |s: S| id.sorts().get(st.sort) == Some(&s);
    let t = |s: S| app.t(s);
    let wide = inner.width >= 110;
    let overdue = id == ListId::Overdue;

    let mut cols = Vec::new();
    if overdue {
        cols.push(Col::new(" ", 1));
        cols.push(Col::right(
            sort_title(app, t(S::ColDaysOver), sorted(S::SortDaysOver), st.reverse),
            9,
        ));
    } else {
        cols.push(Col::right(
            sort_title(app, t(S::ColLeft), sorted(S::SortUrgency), st.reverse),
            9,
        ));
    }
    let status_w = Status::ALL
        .iter()
        .map(|s| width(i18n::status(app.lang, *s)))
        .max()
        .unwrap_or(6);
    let category_w = Category::ALL
        .iter()
        .map(|c| width(i18n::category(app.lang, *c)))
        .max()
        .unwrap_or(4);
    cols.push(Col::new(t(S::ColStatus), status_w));
    cols.push(Col::new(
        sort_title(app, t(S::ColUnit), sorted(S::SortUnit), st.reverse),
        12,
    ));
    if overdue {
        cols.push(Col::right(t(S::ColUrges), 4));
    } else {
        cols.push(Col::new(t(S::ColCategory), category_w));
    }
    if wide {
        cols.push(Col::new(t(S::ColDeadline), 10));
        cols.push(Col::new(
            sort_title(app, t(S::FReceived), sorted(S::SortReceived), st.reverse),
            11,
        ));
    }
    // Order numbers are the call center's: usually 12 digits, sometimes longer.
    let no_w = rows
        .iter()
        .map(|r| width(&r.order.order_no))
        .max()
        .unwrap_or(12)
        .clamp(12, 20);
    cols.push(Col::new(
        sort_title(app, t(S::ColOrderNo), sorted(S::SortOrderNo), st.reverse),
        no_w,
    ));
    cols.push(Col::fill(t(S::ColTitle)));

    let table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            let o = &r.order;
            let mut cells = Vec::new();
            if overdue {
                let marked = app.marks.contains(&o.order_no);
                cells.push(cell(if marked { "*" } else { " " }, app.theme.marked()));
                let over30 = if r.late > OVERDUE_DAYS {
                    t(S::Over30Mark)
                } else {
                    ""
                };
                cells.push(cell(
                    format!("{} {:>3}", r.late, over30),
                    app.theme.overdue(),
                ));
            } else {
                let left = r
                    .left
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| t(S::NoDeadline).into());
                cells.push(cell(left, left_style(app, r)));
            }
            cells.push(i18n::status(app.lang, o.status).into());
            cells.push(unit_name(app, r).into());
            if overdue {
                cells.push(o.urges.to_string().into());
            } else {
                cells.push(i18n::category(app.lang, o.category).into());
            }
            if wide {
                let d = o
                    .deadline
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into());
                cells.push(cell(d, left_style(app, r)));
                cells.push(o.received_at.format("%m-%d %H:%M").to_string().into());
            }
            cells.push(one_line(&o.order_no).into());
            cells.push(one_line(&o.title).into());
            let row = Row::new(cells);
            if overdue && app.marks.contains(&o.order_no) {
                row.styled(app.theme.marked())
            } else {
                row
            }
        })
        .collect();
    // Sorted by unit, the overdue list is grouped: a line per unit with its count.
    let table_rows = if overdue && sorted(S::SortUnit) {
        group_by_unit(app, &rows, table_rows)
    } else {
        table_rows
    };
    table::draw(app, f, inner, &cols, table_rows, st, true);
}

fn group_by_unit(app: &App, rows: &[&OrderRow], table_rows: Vec<Row>) -> Vec<Row> {
    let mut out = Vec::with_capacity(table_rows.len() + 50);
    let mut i = 0;
    let mut table_rows = table_rows.into_iter();
    while i < rows.len() {
        let unit = unit_name(app, rows[i]);
        let n = rows[i..]
            .iter()
            .take_while(|r| unit_name(app, r) == unit)
            .count();
        let label = format!("{unit}{}{}", app.theme.dot(), fill(app.t(S::Count), &[&n]));
        out.push(Row::banner(label, app.theme.title()));
        out.extend(table_rows.by_ref().take(n));
        i += n;
    }
    out
}

pub fn pending(app: &App, f: &mut Frame, area: Rect) {
    let rows = app.pending_rows();
    let name = app.t(S::TabPending).to_string();
    draw_list(app, f, area, ListId::Pending, rows, app.open.len(), name);
}

pub fn overdue(app: &App, f: &mut Frame, area: Rect) {
    let rows = app.overdue_rows();
    let total = app.open.iter().filter(|r| r.late > 0).count();
    let name = app.t(S::TabOverdue).to_string();
    draw_list(app, f, area, ListId::Overdue, rows, total, name);
}

pub fn unit_orders(app: &App, f: &mut Frame, area: Rect) {
    let rows = app.unit_order_rows();
    let unit = app.unit.as_deref().map(one_line).unwrap_or_default();
    let name = fill(app.t(S::UnitOrdersTitle), &[&unit]);
    draw_list(
        app,
        f,
        area,
        ListId::UnitOrders,
        rows,
        app.unit_orders.len(),
        name,
    );
}
