//! 承办单位: the scorecard as the bulletin's two tables, each with its 合计 row, and a bar
//! chart of orders overdue more than 30 days by unit. Under an assessment pack (`P`) the
//! tables show the pack's columns, the score, the rank within the tier and the floors failed,
//! from the assessment computed once per scorecard and pack (`Data::assessment`).

use super::super::app::{App, ListId, PeriodChoice, UnitSort};
use super::super::i18n::{S, fill};
use super::frame;
use super::table::{self, Col, Row, cell};
use crate::domain::UnitKind;
use crate::domain::assessment::{Assessed, Assessment, Figure as PackFigure, Pack, Score};
use crate::domain::scorecard::UnitRow;
use crate::domain::text::{one_line, pad, pad_left, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashMap;

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
    match (&app.tabs.pack, &app.data.assessment) {
        (Some(p), Some(a)) => pack_columns(app, p, a, usize::MAX)
            .iter()
            .map(|(c, _)| c.width + 1)
            .sum::<usize>(),
        _ => columns(app, usize::MAX)
            .iter()
            .map(|(c, _)| c.width + 1)
            .sum::<usize>(),
    }
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
    // The pack, when one is chosen: its title where the period's name still fits, else its
    // name (the seed's view, the default, goes unsaid).
    let pack_at = parts.len();
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
    let mut period_at = period_at;
    if let Some(p) = &app.tabs.pack {
        let used = width(&parts.join(dot)) + 2 * width(dot) + 4;
        let room = (area.width as usize).saturating_sub(used + width(&period_label(app, 0)));
        let label = [p.title_in(app.env.lang), p.name.as_str()]
            .into_iter()
            .map(|l| fill(app.env.t(S::PackShown), &[&one_line(l)]))
            .find(|l| width(l) <= room)
            .unwrap_or_else(|| fill(app.env.t(S::PackShown), &[&p.name]));
        parts.insert(pack_at, label);
        period_at += 1;
    }
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

    if let (Some(p), Some(a)) = (&app.tabs.pack, &app.data.assessment) {
        return draw_pack_tables(app, f, rest, p, a);
    }
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

/// A column of the tables under a pack.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PackCol {
    Name,
    Figure(PackFigure),
    Score,
    Rank,
    /// The score less the exempted orders (剔除后得分), when exemptions apply in the period.
    Adjusted,
    /// The floors the unit is below (未达底线), red.
    Floor,
}

/// How much a figure matters to the pack, least first: the order in which figures give way
/// on a narrow screen: those it neither weighs nor floors, then the weighed ones by their
/// weight (or deduction points), the floored ones last.
fn judged_by(p: &Pack, f: PackFigure) -> (u8, i64) {
    if p.floors.iter().any(|x| x.figure == f) {
        return (2, 0);
    }
    let weight = match &p.score {
        Some(Score::Weighted { terms }) => terms.iter().find(|t| t.figure == f).map(|t| t.weight),
        Some(Score::Deduction { deductions, .. }) => {
            deductions.iter().find(|d| d.figure == f).map(|d| d.points)
        }
        None => None,
    };
    match weight {
        Some(w) => (1, (w * 1000.0).round() as i64),
        None => (0, 0),
    }
}

fn figure_title(app: &App, f: PackFigure) -> &'static str {
    super::explain::figure_title(app.env.lang, f)
}

/// The assigned of a tier (the base of 受理量占比).
fn tier_assigned(app: &App, kind: UnitKind) -> u64 {
    app.data
        .card
        .as_ref()
        .map_or(0, |c| c.table(kind).map(|r| r.assigned).sum())
}

/// One cell of a unit's row (or of a 合计 row, `judged` None: the pack's figures of the
/// summed counts, no score, rank or floor).
fn pack_cell(
    app: &App,
    p: &Pack,
    col: PackCol,
    r: &UnitRow,
    judged: Option<&Assessed>,
) -> table::Cell {
    let none = || app.env.theme.fix("—".to_string());
    let red = app.env.theme.overdue();
    match col {
        PackCol::Name => one_line(&r.unit).into(),
        PackCol::Figure(f) => {
            let v = match judged {
                Some(a) => a.values.iter().find(|(g, _)| *g == f).map(|(_, v)| *v),
                None => Some(p.value(r, tier_assigned(app, r.kind), f)),
            };
            let text = v.map_or_else(none, |v| app.env.theme.fix(v.show()));
            let late = matches!(f, PackFigure::Overdue30d | PackFigure::LateNow)
                && v.and_then(|v| v.number()).is_some_and(|n| n > 0.0);
            let below = judged.is_some_and(|a| a.floors_failed.contains(&f));
            if late || below {
                cell(text, red)
            } else {
                text.into()
            }
        }
        PackCol::Score => match judged {
            Some(a) => a.score.map_or_else(none, |s| format!("{s:.2}")).into(),
            None => String::new().into(),
        },
        PackCol::Rank => match judged {
            Some(a) => a.rank.map_or_else(none, |r| r.to_string()).into(),
            None => String::new().into(),
        },
        PackCol::Adjusted => match (judged, &app.data.assessment_adjusted) {
            (Some(_), Some(adj)) => adj
                .row(&r.unit)
                .and_then(|a| a.score)
                .map_or_else(none, |s| format!("{s:.2}"))
                .into(),
            _ => String::new().into(),
        },
        PackCol::Floor => {
            let names: Vec<&str> = judged
                .map(|a| {
                    a.floors_failed
                        .iter()
                        .map(|f| figure_title(app, *f))
                        .collect()
                })
                .unwrap_or_default();
            cell(names.join(app.env.t(S::Comma)), red)
        }
    }
}

/// The columns under a pack in `width` columns: the names as wide as the longest, the
/// pack's figures, the score and rank (when it scores) and the floors (when it has some);
/// on a narrow screen the figures give way, those it neither weighs nor floors first, the
/// last first (never the sorted one).
fn pack_columns(app: &App, p: &Pack, a: &Assessment, width_all: usize) -> Vec<(Col, PackCol)> {
    let st = app.tabs.list(ListId::Units);
    let sorts = app.unit_sorts();
    let sorted = sorts.get(st.sort).copied().filter(|_| st.sort > 0);
    let is_sorted = |c: PackCol| match (c, sorted) {
        (PackCol::Figure(f), Some(UnitSort::Figure(g))) => f == g,
        (PackCol::Score, Some(UnitSort::Score)) => true,
        _ => false,
    };
    let mut kinds: Vec<PackCol> = p.columns.iter().map(|f| PackCol::Figure(*f)).collect();
    if p.score.is_some() {
        kinds.push(PackCol::Score);
        kinds.push(PackCol::Rank);
        if app.data.assessment_adjusted.is_some() {
            kinds.push(PackCol::Adjusted);
        }
    }
    if !p.floors.is_empty() {
        kinds.push(PackCol::Floor);
    }
    let judged: HashMap<&str, &Assessed> = a.rows.iter().map(|x| (x.unit.as_str(), x)).collect();
    let card = app.data.card.as_ref();
    let rows: Vec<(&UnitRow, Option<&Assessed>)> = card
        .iter()
        .flat_map(|c| c.units.iter())
        .map(|r| (r, judged.get(r.unit.as_str()).copied()))
        .chain(
            card.iter()
                .flat_map(|c| c.table_totals.iter())
                .map(|r| (r, None)),
        )
        .collect();
    let col = |k: PackCol| {
        let title = match k {
            PackCol::Figure(f) => figure_title(app, f),
            PackCol::Score => app.env.t(S::ColScore),
            PackCol::Rank => app.env.t(S::ColRank),
            PackCol::Adjusted => app.env.t(S::ColAdjusted),
            PackCol::Floor => app.env.t(S::ColFloor),
            PackCol::Name => app.env.t(S::ColUnitName),
        };
        let title = table::sort_title(app, ListId::Units, title, is_sorted(k));
        let w = rows
            .iter()
            .map(|(r, j)| width(&pack_cell(app, p, k, r, *j).text))
            .max()
            .unwrap_or(0);
        match k {
            PackCol::Floor => Col::new(title, w.max(1)),
            _ => Col::right(title, w.max(1)),
        }
    };
    let mut cols: Vec<(Col, PackCol)> = kinds.into_iter().map(|k| (col(k), k)).collect();
    let need = |cols: &[(Col, PackCol)]| cols.iter().map(|(c, _)| c.width + 1).sum::<usize>();
    let longest = name_width(app);
    let mut give_way: Vec<PackFigure> = p.columns.iter().rev().copied().collect();
    give_way.sort_by_key(|f| judged_by(p, *f));
    for f in give_way {
        if longest + need(&cols) <= width_all {
            break;
        }
        if !is_sorted(PackCol::Figure(f)) {
            cols.retain(|(_, k)| *k != PackCol::Figure(f));
        }
    }
    let name_w = longest
        .min(width_all.saturating_sub(need(&cols)))
        .max(MIN_NAME);
    let mut out = vec![(Col::new(app.env.t(S::ColUnitName), name_w), PackCol::Name)];
    out.extend(cols);
    out
}

fn draw_pack_tables(app: &App, f: &mut Frame, area: Rect, p: &Pack, a: &Assessment) {
    let Some(card) = &app.data.card else {
        return;
    };
    let st = app.tabs.list(ListId::Units);
    let layout = pack_columns(app, p, a, area.width as usize);
    let judged: HashMap<&str, &Assessed> = a.rows.iter().map(|x| (x.unit.as_str(), x)).collect();
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
            let j = judged.get(r.unit.as_str()).copied();
            rows.push(Row::new(
                layout
                    .iter()
                    .map(|(_, k)| pack_cell(app, p, *k, r, j))
                    .collect(),
            ));
        }
        if let Some(total) = card.table_total(kind) {
            let mut c: Vec<table::Cell> = layout
                .iter()
                .map(|(_, k)| pack_cell(app, p, *k, total, None))
                .collect();
            c[0] = app.env.t(S::Total).into();
            rows.push(Row::new(c).styled(app.env.theme.total()).fixed());
        }
    }
    let cols: Vec<Col> = layout.into_iter().map(|(c, _)| c).collect();
    table::draw(app, f, area, &cols, rows, st, true);
}
