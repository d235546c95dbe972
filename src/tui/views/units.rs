//! 承办单位: the scorecard as the bulletin's two tables, each with its 合计 row, and a bar
//! chart of orders overdue more than 30 days by unit.

use super::super::app::{App, ListId, PeriodChoice};
use super::super::i18n::{S, fill};
use super::frame;
use super::table::{self, Col, Row, cell, sort_title};
use crate::domain::UnitKind;
use crate::domain::scorecard::UnitRow;
use crate::domain::text::{one_line, pad, pad_left, width};
use crate::report::percent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Width of the tables; wider screens put the chart beside them.
const TABLE_WIDTH: u16 = 70;

fn cells(app: &App, r: &UnitRow) -> Vec<table::Cell> {
    let over = if r.overdue_30d > 0 {
        app.env.theme.overdue()
    } else {
        Default::default()
    };
    vec![
        one_line(&r.unit).into(),
        r.assigned.to_string().into(),
        r.closed.to_string().into(),
        percent(r.closure_rate).into(),
        cell(r.overdue_30d.to_string(), over),
        r.supervisions.to_string().into(),
        r.urges.to_string().into(),
        r.redos.to_string().into(),
        percent(r.satisfaction_rate).into(),
    ]
}

fn period_label(app: &App) -> String {
    let name = match app.tabs.period {
        PeriodChoice::All => S::PeriodAll,
        PeriodChoice::ThisMonth => S::PeriodThis,
        PeriodChoice::LastMonth => S::PeriodLast,
        PeriodChoice::Custom(..) => S::PeriodCustom,
    };
    match &app.data.card {
        Some(c) => fill(
            app.env.t(S::PeriodShown),
            &[
                &app.env.t(name),
                &c.period.from,
                &c.period.to,
                &c.period.as_of.format("%Y-%m-%d %H:%M"),
            ],
        ),
        None => app.env.t(name).to_string(),
    }
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let st = app.tabs.list(ListId::Units);
    let sort = ListId::Units.sorts().get(st.sort).copied();
    let mut title = format!(
        " {}{}{} ",
        app.env.t(S::TabUnits),
        app.env.theme.dot(),
        period_label(app)
    );
    if let Some(s) = sort.filter(|_| st.sort > 0) {
        title = format!(
            "{}{}{} ",
            title.trim_end(),
            app.env.theme.dot(),
            fill(app.env.t(S::SortedBy), &[&app.env.t(s)])
        );
    }
    if !st.filter.is_empty() {
        title = format!("{}{}/{} ", title.trim_end(), app.env.theme.dot(), st.filter);
    }
    let block = frame(app, vec![Span::styled(title, app.env.theme.title())])
        .title_bottom(super::position(st.selected, app.unit_rows().len()));
    let inner = block.inner(area);
    f.render_widget(block, area);

    let wide = inner.width >= TABLE_WIDTH + 30;
    let (tables, chart) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Length(TABLE_WIDTH), Constraint::Min(20)])
            .spacing(1)
            .areas(inner);
        (Some(a), Some(b))
    } else if app.tabs.chart {
        (None, Some(inner))
    } else {
        (Some(inner), None)
    };
    if let Some(a) = tables {
        draw_tables(app, f, a);
    }
    if let Some(b) = chart {
        draw_chart(app, f, b);
    }
}

fn draw_tables(app: &App, f: &mut Frame, area: Rect) {
    let Some(card) = &app.data.card else {
        return;
    };
    let st = app.tabs.list(ListId::Units);
    let sorted = |s: S| ListId::Units.sorts().get(st.sort) == Some(&s) && st.sort > 0;
    let t = |s: S| app.env.t(s);
    let col = |s: S, w: usize| Col::right(sort_title(app, t(s), sorted(s), st.reverse), w);

    // The county's figures over every order received in the period.
    let tot = &card.totals;
    let summary = format!(
        "{} {}{}{} {}{}{} {}{}{} {}{}{} {}",
        app.env.t(S::TotReceived),
        tot.received,
        app.env.theme.dot(),
        app.env.t(S::ColClosed),
        tot.closed,
        app.env.theme.dot(),
        app.env.t(S::ColClosure),
        app.env.theme.fix(percent(tot.closure_rate)),
        app.env.theme.dot(),
        app.env.t(S::TotOver30),
        tot.overdue_30d,
        app.env.theme.dot(),
        app.env.t(S::TotRedoRate),
        app.env.theme.fix(percent(tot.redo_rate)),
    );
    let [sum_area, rest] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    f.render_widget(Paragraph::new(summary).style(app.env.theme.dim()), sum_area);

    // The figures take 56 columns; the names get what is left, up to the longest name
    // (公安局（交警大队）is 18 columns wide: cut at 14 it would lose its point).
    let longest = card
        .units
        .iter()
        .map(|r| width(&one_line(&r.unit)))
        .max()
        .unwrap_or(8);
    let name_w = longest.min((rest.width as usize).saturating_sub(57)).max(8);
    let cols = vec![
        Col::new(t(S::ColUnitName), name_w),
        col(S::ColAssigned, 6),
        Col::right(t(S::ColClosed), 6),
        col(S::ColClosure, 7),
        col(S::ColOver30, 7),
        col(S::ColSupervisions, 5),
        col(S::ColUrges, 5),
        col(S::ColRedos, 5),
        col(S::ColSatisfaction, 7),
    ];
    let mut rows = Vec::new();
    for (kind, name) in [
        (UnitKind::Department, S::Table1),
        (UnitKind::Township, S::Table2),
    ] {
        rows.push(Row::banner(
            app.env.t(name).to_string(),
            app.env.theme.title(),
        ));
        for r in app.unit_table(kind) {
            rows.push(Row::new(cells(app, r)));
        }
        if let Some(total) = card.table_total(kind) {
            let mut c = cells(app, total);
            c[0] = app.env.t(S::Total).into();
            rows.push(Row::new(c).styled(app.env.theme.total()).fixed());
        }
    }
    table::draw(app, f, rest, &cols, rows, st, true);
}

fn draw_chart(app: &App, f: &mut Frame, area: Rect) {
    let Some(card) = &app.data.card else {
        return;
    };
    let mut bars: Vec<&UnitRow> = card.units.iter().filter(|r| r.overdue_30d > 0).collect();
    bars.sort_by_key(|r| std::cmp::Reverse(r.overdue_30d));
    let mut lines = vec![Line::from(Span::styled(
        app.env.t(S::ChartTitle),
        app.env.theme.title(),
    ))];
    if bars.is_empty() {
        lines.push(Line::from(app.env.t(S::ChartNone)));
    }
    let name_w = bars
        .iter()
        .map(|r| width(&one_line(&r.unit)))
        .max()
        .unwrap_or(0)
        .min(14);
    let max = bars.first().map_or(1, |r| r.overdue_30d.max(1));
    let bar_w = (area.width as usize).saturating_sub(name_w + 6).max(1);
    let selected = app.selected_unit().map(|r| r.unit.as_str());
    for r in bars.iter().take(area.height.saturating_sub(1) as usize) {
        let n = ((r.overdue_30d as usize * bar_w).div_ceil(max as usize)).max(1);
        let bar: String = std::iter::repeat_n(app.env.theme.bar_char(), n).collect();
        let name_style = if selected == Some(r.unit.as_str()) {
            app.env.theme.selected()
        } else {
            Default::default()
        };
        lines.push(Line::from(vec![
            Span::styled(
                app.env.theme.fix(pad(&one_line(&r.unit), name_w)),
                name_style,
            ),
            Span::raw(" "),
            Span::styled(bar, app.env.theme.bar()),
            Span::raw(pad_left(&r.overdue_30d.to_string(), 4)),
        ]));
    }
    f.render_widget(Paragraph::new(lines), area);
}
