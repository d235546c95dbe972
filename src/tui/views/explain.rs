//! The explain screen (Enter on a unit under a pack with a score or floors): the unit's score,
//! rank in its tier and floors, the pack's figures for it, then the orders that cost it
//! points, largest first, with why — `report::explain`, as `hotline explain` prints it — and
//! the selected order's reasons in full below.

use super::super::app::{App, ListId};
use super::super::i18n::{S, fill};
use super::frame;
use super::table::{self, Col, Row, cell};
use crate::domain::Lang;
use crate::domain::text::{one_line, truncate, width, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines under the table for the selected order's reasons.
const REASON_LINES: usize = 3;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let st = app.tabs.list(ListId::Explain);
    let rows = app.explain_rows();
    let lang = app.env.lang;
    let t = |s: S| app.env.t(s);
    let dot = app.env.theme.dot();
    let Some(e) = &app.data.explained else {
        return;
    };
    let mut parts = vec![
        fill(t(S::ExplainTitle), &[&one_line(&e.unit)]),
        fill(t(S::PackShown), &[&e.pack]),
    ];
    if !st.filter.is_empty() {
        parts.push(fill(
            t(S::FilterShown),
            &[&st.filter, &rows.len(), &e.costs.len()],
        ));
    }
    let title = format!(" {} ", parts.join(dot));
    let block = frame(app, vec![Span::styled(title, app.env.theme.title())])
        .title_bottom(super::position(st.selected, rows.len()));
    let inner = block.inner(area);
    f.render_widget(block, area);

    // The unit as the pack judges it: score and rank, floors, then its figures.
    let a = e.assessed.as_ref();
    let mut head = vec![Span::raw(match a.and_then(|a| a.score.zip(a.rank)) {
        Some((score, rank)) => fill(t(S::ExplainScore), &[&format!("{score:.2}"), &rank]),
        None => t(S::ExplainNoScore).to_string(),
    })];
    // On the adjusted figures (剔除后) when exempted orders fall in the period: say so, and
    // name the orders left out.
    if e.adjusted && !e.exempted.is_empty() {
        head.push(Span::raw(dot));
        head.push(Span::styled(
            fill(t(S::ExplainAdjusted), &[&e.exempted.join(t(S::Comma))]),
            app.env.theme.dim(),
        ));
    }
    let floors: Vec<&str> = a
        .map(|a| {
            a.floors_failed
                .iter()
                .map(|f| figure_title(lang, *f))
                .collect()
        })
        .unwrap_or_default();
    if !floors.is_empty() {
        head.push(Span::raw(dot));
        head.push(Span::styled(
            fill(t(S::ExplainFloors), &[&floors.join(t(S::Comma))]),
            app.env.theme.overdue(),
        ));
    }
    let figures = a
        .map(|a| {
            a.values
                .iter()
                .map(|(f, v)| format!("{} {}", figure_title(lang, *f), v.show()))
                .collect::<Vec<_>>()
                .join(dot)
        })
        .unwrap_or_default();
    let [head_area, figures_area, list_area, why_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(2),
        Constraint::Length(REASON_LINES as u16 + 1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(Line::from(head)), head_area);
    f.render_widget(
        Paragraph::new(
            app.env
                .theme
                .fix(truncate(&figures, figures_area.width as usize)),
        )
        .style(app.env.theme.dim()),
        figures_area,
    );

    if e.costs.is_empty() {
        f.render_widget(Paragraph::new(t(S::ExplainNone)), list_area);
        return;
    }
    // Number, points, reasons (as wide as the longest, leaving the title at least a third of
    // what remains), title.
    let reasons: Vec<String> = rows.iter().map(|c| c.reasons(lang)).collect();
    let longest = reasons.iter().map(|r| width(r)).max().unwrap_or(0);
    let number_w = rows
        .iter()
        .map(|c| width(&one_line(&c.order_no)))
        .max()
        .unwrap_or(0)
        .max(width(t(S::ColOrderNo)));
    let points_w = 6.max(width(t(S::ColPoints)));
    let rest = (list_area.width as usize).saturating_sub(number_w + points_w + 3);
    let why_w = longest.min(rest * 2 / 3).max(width(t(S::ColWhy)));
    let cols = vec![
        Col::new(t(S::ColOrderNo), number_w),
        Col::right(t(S::ColPoints), points_w),
        Col::new(t(S::ColWhy), why_w),
        Col::fill(t(S::ColTitle)),
    ];
    let table_rows = rows
        .iter()
        .zip(&reasons)
        .map(|(c, why)| {
            Row::new(vec![
                one_line(&c.order_no).into(),
                cell(format!("-{:.2}", c.points), app.env.theme.overdue()),
                one_line(why).into(),
                one_line(&c.title).into(),
            ])
        })
        .collect();
    table::draw(app, f, list_area, &cols, table_rows, st, true);

    // The selected order's reasons in full (the column cuts them on a narrow screen).
    if let Some(c) = app.selected_cost() {
        let w = why_area.width as usize;
        let mut lines = vec![Line::from(Span::styled(
            format!("{} {}", one_line(&c.order_no), one_line(&c.title)),
            app.env.theme.title(),
        ))];
        lines.extend(
            wrap(&one_line(&c.reasons(lang)), w)
                .into_iter()
                .take(REASON_LINES)
                .map(Line::from),
        );
        f.render_widget(Paragraph::new(lines), why_area);
    }
}

/// A figure's title in the UI's language.
pub fn figure_title(lang: Lang, f: crate::domain::assessment::Figure) -> &'static str {
    match lang {
        Lang::Zh => f.zh(),
        Lang::En => f.en(),
    }
}
