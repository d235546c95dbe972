//! 热点: the hotspot groups of the last 30 days (`report::similar::hotspots`, computed by the
//! worker), hottest first: heat, orders, distinct callers, still open, label.

use super::super::app::{App, ListId};
use super::super::i18n::{S, fill};
use super::frame;
use super::table::{self, Col, Row};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let st = app.tabs.list(ListId::Hotspots);
    let rows = app.hotspot_rows();
    let all = app.data.hotspots.len();
    let mut title = if app.data.hotspots_stamp == 0 {
        format!(
            " {}{}{} ",
            app.env.t(S::TabHotspots),
            app.env.theme.dot(),
            app.env.t(S::HotspotsLoading)
        )
    } else {
        format!(
            " {}{}{} ",
            app.env.t(S::TabHotspots),
            app.env.theme.dot(),
            fill(app.env.t(S::HotspotsTitle), &[&all])
        )
    };
    if !st.filter.is_empty() {
        let f = fill(app.env.t(S::FilterShown), &[&st.filter, &rows.len(), &all]);
        title = format!("{}{}{f} ", title.trim_end(), app.env.theme.dot());
    }
    let block = frame(app, vec![Span::styled(title, app.env.theme.title())])
        .title_bottom(super::position(st.selected, rows.len()));
    let inner = block.inner(area);
    f.render_widget(block, area);

    let t = |s: S| app.env.t(s);
    let cols = vec![
        Col::right(t(S::ColHeat), 7),
        Col::right(t(S::ColCount), 5),
        Col::right(t(S::ColCallers), 6),
        Col::right(t(S::ColOpenCount), 6),
        Col::fill(t(S::ColHotspot)),
    ];
    let table_rows = rows
        .iter()
        .map(|h| {
            let h = &h.hotspot;
            let open = (h.open_share * h.count as f64).round() as usize;
            Row::new(vec![
                format!("{:.1}", h.heat).into(),
                h.count.to_string().into(),
                h.distinct_callers.to_string().into(),
                open.to_string().into(),
                one_line(&h.label).into(),
            ])
        })
        .collect();
    table::draw(app, f, inner, &cols, table_rows, st, true);
}
