//! 承办单位: the scorecard as the bulletin's two tables, each with its 合计 row, and a bar
//! chart of orders overdue more than 30 days by unit.

use super::super::app::{App, ListId, PeriodChoice};
use super::super::i18n::{S, fill};
use super::frame;
use super::table::{self, Col, Row, cell};
use crate::domain::UnitKind;
use crate::domain::scorecard::UnitRow;
use crate::domain::text::{one_line, pad, pad_left, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Room the bar chart needs beside the tables (else `b` switches between them).
const CHART_WIDTH: usize = 30;
/// The unit names are never cut below this.
const MIN_NAME: usize = 8;

/// A figure column of the tables.
struct Figure {
    /// Its title, also its sort's name (`ListId::Units.sorts()`).
    title: S,
    /// Columns its values need (the title may need more).
    width: usize,
    cell: fn(&App, &UnitRow) -> table::Cell,
}

fn red_if(app: &App, n: u64) -> table::Cell {
    let style = if n > 0 {
        app.env.theme.overdue()
    } else {
        Default::default()
    };
    cell(n.to_string(), style)
}

/// The figures in the bulletin's order, the two of lateness side by side.
static FIGURES: [Figure; 10] = [
    Figure {
        title: S::ColAssigned,
        width: 6,
        cell: |_, r| r.assigned.to_string().into(),
    },
    Figure {
        title: S::ColClosed,
        width: 6,
        cell: |_, r| r.closed.to_string().into(),
    },
    Figure {
        title: S::ColClosure,
        width: 7,
        cell: |app, r| app.env.theme.fix(r.closure_percent()).into(),
    },
    Figure {
        title: S::ColLateNow,
        width: 6,
        cell: |app, r| red_if(app, r.open_late),
    },
    Figure {
        title: S::ColOver30,
        width: 5,
        cell: |app, r| red_if(app, r.overdue_30d),
    },
    Figure {
        title: S::ColSupervisions,
        width: 4,
        cell: |_, r| r.supervisions.to_string().into(),
    },
    Figure {
        title: S::ColUrges,
        width: 4,
        cell: |_, r| r.urges.to_string().into(),
    },
    Figure {
        title: S::ColRedos,
        width: 4,
        cell: |_, r| r.redos.to_string().into(),
    },
    Figure {
        title: S::ColSatisfaction,
        width: 7,
        cell: |app, r| app.env.theme.fix(r.satisfaction_percent()).into(),
    },
    Figure {
        title: S::ColOnTime,
        width: 7,
        cell: |app, r| app.env.theme.fix(r.on_time_percent()).into(),
    },
];

/// On a narrow screen the figures give way in this order until the names fit (the sorted
/// column stays): 按时办结率, then the counts the rates and the bulletin's ranking need least.
const DROP_FIRST: [S; 5] = [
    S::ColOnTime,
    S::ColClosed,
    S::ColRedos,
    S::ColSupervisions,
    S::ColUrges,
];

/// The columns of the tables in `width` columns: the names as wide as the longest (never cut
/// while the figures can give way), then the figures that fit.
fn columns(app: &App, width: usize) -> Vec<(Col, Option<&'static Figure>)> {
    let st = app.tabs.list(ListId::Units);
    let sorted = ListId::Units.sorts().get(st.sort).filter(|_| st.sort > 0);
    let title = |f: &Figure| {
        let t = app.env.t(f.title);
        table::sort_title(app, ListId::Units, t, sorted == Some(&f.title))
    };
    let mut figures: Vec<(Col, &'static Figure)> = FIGURES
        .iter()
        .map(|f| (Col::right(title(f), f.width), f))
        .collect();
    let need = |figures: &[(Col, &Figure)]| figures.iter().map(|(c, _)| c.width + 1).sum::<usize>();
    let longest = name_width(app);
    for s in DROP_FIRST {
        if longest + need(&figures) <= width {
            break;
        }
        if sorted != Some(&s) {
            figures.retain(|(_, f)| f.title != s);
        }
    }
    let name_w = longest
        .min(width.saturating_sub(need(&figures)))
        .max(MIN_NAME);
    let mut cols = vec![(Col::new(app.env.t(S::ColUnitName), name_w), None)];
    cols.extend(figures.into_iter().map(|(c, f)| (c, Some(f))));
    cols
}

/// The longest unit name (公安局（交警队）is 16 columns: cut, it would lose its point).
fn name_width(app: &App) -> usize {
    app.data
        .card
        .iter()
        .flat_map(|c| &c.units)
        .map(|r| width(&one_line(&r.unit)))
        .max()
        .unwrap_or(MIN_NAME)
        .max(MIN_NAME)
}

/// Columns the tables take with every figure and the names uncut.
fn full_width(app: &App) -> usize {
    columns(app, usize::MAX)
        .iter()
        .map(|(c, _)| c.width + 1)
        .sum::<usize>()
}

fn cells(app: &App, cols: &[(Col, Option<&Figure>)], r: &UnitRow) -> Vec<table::Cell> {
    cols.iter()
        .map(|(_, f)| match f {
            None => one_line(&r.unit).into(),
            Some(f) => (f.cell)(app, r),
        })
        .collect()
}

/// The period, in as many words as `room` allows: with its dates and time of count, with
/// its dates, or its name alone.
fn period_label(app: &App, room: usize) -> String {
    let name = match app.tabs.period {
        PeriodChoice::All => S::PeriodAll,
        PeriodChoice::ThisMonth => S::PeriodThis,
        PeriodChoice::LastMonth => S::PeriodLast,
        PeriodChoice::Custom(..) => S::PeriodCustom,
    };
    let name = app.env.t(name);
    let Some(c) = &app.data.card else {
        return name.to_string();
    };
    let as_of = c.period.as_of.format("%Y-%m-%d %H:%M");
    let full = fill(
        app.env.t(S::PeriodShown),
        &[&name, &c.period.from, &c.period.to, &as_of],
    );
    let dates = fill(
        app.env.t(S::PeriodDates),
        &[&name, &c.period.from, &c.period.to],
    );
    [full, dates]
        .into_iter()
        .find(|s| width(s) <= room)
        .unwrap_or_else(|| name.to_string())
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let st = app.tabs.list(ListId::Units);
    // Name, sort (before the period, so a narrow screen cuts the period, not the sort),
    // period, filter. The bulletin's order upright is the default and goes unsaid.
    let mut parts = vec![app.env.t(S::TabUnits).to_string()];
    if (st.sort > 0 || st.reverse)
        && let Some(s) = table::sort_named(app, ListId::Units)
    {
        parts.push(s);
    }
    let period_at = parts.len();
    if !st.filter.is_empty() {
        parts.push(format!("/{}", st.filter));
    }
    // The period in the room the rest leaves it: the frame's corners, the spaces around the
    // title and one more separator take the rest.
    let dot = app.env.theme.dot();
    let used = width(&parts.join(dot)) + width(dot) + 4;
    let room = (area.width as usize).saturating_sub(used);
    parts.insert(period_at, period_label(app, room));
    let title = format!(" {} ", parts.join(dot));
    let block = frame(app, vec![Span::styled(title, app.env.theme.title())])
        .title_bottom(super::position(st.selected, app.unit_rows().len()));
    let inner = block.inner(area);
    f.render_widget(block, area);

    let tables_w = full_width(app);
    let wide = inner.width as usize >= tables_w + 1 + CHART_WIDTH;
    let (tables, chart) = if wide {
        let [a, b] = Layout::horizontal([
            Constraint::Length(tables_w as u16),
            Constraint::Min(CHART_WIDTH as u16),
        ])
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
    let dot = app.env.theme.dot();
    let t = |s: S| app.env.t(s);

    // The county's figures over every order received in the period.
    let tot = &card.totals;
    let summary = [
        format!("{} {}", t(S::TotReceived), tot.received),
        format!("{} {}", t(S::TotClosed), tot.closed),
        format!(
            "{} {}",
            t(S::TotClosure),
            app.env.theme.fix(tot.closure_percent())
        ),
        format!("{} {}", t(S::TotOver30), tot.overdue_30d),
        format!(
            "{} {}",
            t(S::TotRedoRate),
            app.env.theme.fix(tot.redo_percent())
        ),
    ]
    .join(dot);
    let [sum_area, rest] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    f.render_widget(Paragraph::new(summary).style(app.env.theme.dim()), sum_area);

    let layout = columns(app, rest.width as usize);
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
            rows.push(Row::new(cells(app, &layout, r)));
        }
        if let Some(total) = card.table_total(kind) {
            let mut c = cells(app, &layout, total);
            c[0] = app.env.t(S::Total).into();
            rows.push(Row::new(c).styled(app.env.theme.total()).fixed());
        }
    }
    let cols: Vec<Col> = layout.into_iter().map(|(c, _)| c).collect();
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
    // The names whole while the bars keep half the width.
    let name_w = bars
        .iter()
        .map(|r| width(&one_line(&r.unit)))
        .max()
        .unwrap_or(0)
        .min((area.width as usize / 2).max(MIN_NAME));
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
