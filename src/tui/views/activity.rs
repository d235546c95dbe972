//! 动态: the latest events from every operator, newest first. Refreshed live.

use super::super::app::{App, ListId};
use super::super::i18n::{self, S, fill};
use super::frame;
use super::table::{self, Col, Row};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let st = app.tabs.list(ListId::Activity);
    let rows = app.activity_rows();
    let mut title = format!(
        " {}{}{} ",
        app.env.t(S::TabActivity),
        app.env.theme.dot(),
        fill(app.env.t(S::ActivityTitle), &[&app.data.activity.len()])
    );
    if !st.filter.is_empty() {
        let f = fill(
            app.env.t(S::FilterShown),
            &[&st.filter, &rows.len(), &app.data.activity.len()],
        );
        title = format!("{}{}{f} ", title.trim_end(), app.env.theme.dot());
    }
    let block = frame(app, vec![Span::styled(title, app.env.theme.title())])
        .title_bottom(super::position(st.selected, rows.len()));
    let inner = block.inner(area);
    f.render_widget(block, area);

    let wide = inner.width >= 110;
    let t = |s: S| app.env.t(s);
    let cols = vec![
        Col::new(t(S::ColTime), if wide { 16 } else { 11 }),
        Col::new(t(S::ColOperator), 12),
        Col::new(t(S::ColEvent), 8),
        Col::new(t(S::ColOrderNo), 12),
        Col::new(t(S::ColUnit), 12),
        Col::fill(t(S::ColText)),
    ];
    let fmt = if wide {
        "%Y-%m-%d %H:%M"
    } else {
        "%m-%d %H:%M"
    };
    let table_rows = rows
        .iter()
        .map(|e| {
            let ev = &e.event;
            Row::new(vec![
                ev.at.format(fmt).to_string().into(),
                one_line(&ev.operator).into(),
                i18n::event(app.env.lang, &ev.kind).into(),
                e.order_no
                    .as_deref()
                    .map(one_line)
                    .unwrap_or_default()
                    .into(),
                ev.unit.as_deref().map(one_line).unwrap_or_default().into(),
                one_line(&ev.kind.text()).into(),
            ])
        })
        .collect();
    table::draw(app, f, inner, &cols, table_rows, st, true);
}
