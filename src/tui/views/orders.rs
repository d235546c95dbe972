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

/// Colour of the time left: red once late, bold yellow at 90 % of the limit used, yellow
/// within a working day or from 60 % (`domain::limits::limit_warning`).
fn left_style(app: &App, r: &OrderRow) -> Style {
    match (r.left, r.warn) {
        (Some(n), _) if n < 0 => app.env.theme.overdue(),
        _ if r.hours_left.is_some_and(|h| h < 0) => app.env.theme.overdue(),
        (_, Some(w)) if w >= 90 => app.env.theme.warning(),
        (_, Some(_)) => app.env.theme.soon(),
        (Some(n), _) if n <= 1 => app.env.theme.soon(),
        _ => Style::new(),
    }
}

fn unit_name(app: &App, r: &OrderRow) -> String {
    r.order
        .unit
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| app.env.t(S::WithOffice).to_string())
}

/// The title of a list's frame: name, count, filter and sort.
fn title<'a>(app: &App, id: ListId, name: String, shown: usize, total: usize) -> Vec<Span<'a>> {
    let st = app.tabs.list(id);
    let mut parts = vec![name];
    if st.filter.is_empty() {
        parts.push(fill(app.env.t(S::Count), &[&total]));
    } else {
        parts.push(fill(
            app.env.t(S::FilterShown),
            &[&st.filter, &shown, &total],
        ));
    }
    if let Some(s) = table::sort_named(app, id) {
        parts.push(s);
    }
    if !app.tabs.marks.is_empty() {
        parts.push(fill(app.env.t(S::Marked), &[&app.tabs.marks.len()]));
    }
    vec![Span::styled(
        format!(" {} ", parts.join(app.env.theme.dot())),
        app.env.theme.title(),
    )]
}

/// Where display row `d` of a grouped list falls: a unit's banner (the group) or an entry.
enum Slot {
    Banner(usize),
    Entry(usize),
}

/// The display rows of a list in groups: a banner line before each group's entries.
struct Groups {
    /// Display row of each group's banner.
    starts: Vec<usize>,
    counts: Vec<usize>,
}

impl Groups {
    fn new(counts: Vec<usize>) -> Groups {
        let mut starts = Vec::with_capacity(counts.len());
        let mut at = 0;
        for n in &counts {
            starts.push(at);
            at += n + 1;
        }
        Groups { starts, counts }
    }
    fn display_len(&self) -> usize {
        self.starts.len() + self.counts.iter().sum::<usize>()
    }
    fn slot(&self, d: usize) -> Slot {
        let g = self.starts.partition_point(|s| *s <= d).saturating_sub(1);
        let s = self.starts.get(g).copied().unwrap_or(0);
        if d == s {
            Slot::Banner(g)
        } else {
            Slot::Entry(s - g + (d - s - 1))
        }
    }
    /// The display row of entry `i`.
    fn display(&self, i: usize) -> usize {
        let mut first = 0;
        for (g, n) in self.counts.iter().enumerate() {
            if i < first + n {
                return self.starts[g] + 1 + (i - first);
            }
            first += n;
        }
        i + self.counts.len()
    }
}

fn draw_list(app: &App, f: &mut Frame, area: Rect, id: ListId, name: String) {
    let held = app.data.held(id).then(|| app.rows_of(id));
    let n = app.len(id);
    let total = match (id, app.data.window(id)) {
        (ListId::UnitOrders, _) if app.data.unit_held => app.data.unit_orders.len(),
        (ListId::Pending, _) if app.data.open_held => app.tab_counts().0,
        (ListId::Overdue, _) if app.data.open_held => app.tab_counts().1,
        (_, Some(w)) if w.query.as_ref().is_some_and(|q| q.text.is_empty()) => w.total,
        (_, Some(w)) => w.unfiltered,
        _ => n,
    };
    let mut title = title(app, id, name, n, total);
    if app.loading(id) {
        title.push(Span::styled(
            format!("{} ", app.env.t(S::Loading)),
            app.env.theme.dim(),
        ));
    }
    let block = frame(app, title).title_bottom(super::position(app.tabs.list(id).selected, n));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let st = app.tabs.list(id);
    let sorted = |s: S| id.sorts().get(st.sort) == Some(&s);
    let t = |s: S| app.env.t(s);
    let wide = inner.width >= 110;
    let overdue = id == ListId::Overdue;
    // The marks' column: always on the Overdue tab, on other lists once an order is marked.
    let mark_col = overdue || !app.tabs.marks.is_empty();
    let at = |i: usize| -> Option<&OrderRow> {
        match &held {
            Some(rows) => rows.get(i).copied(),
            None => app.order_at(id, i),
        }
    };

    let mut cols = Vec::new();
    if mark_col {
        cols.push(Col::new(" ", 1));
    }
    if overdue {
        cols.push(Col::right(
            sort_title(app, id, t(S::ColDaysOver), sorted(S::SortDaysOver)),
            9,
        ));
    } else {
        cols.push(Col::right(
            sort_title(app, id, t(S::ColLeft), sorted(S::SortUrgency)),
            10,
        ));
    }
    let status_w = Status::ALL
        .iter()
        .map(|s| width(i18n::status(app.env.lang, *s)))
        .chain([width(t(S::ReturnPendingMark))])
        .max()
        .unwrap_or(6);
    let category_w = Category::ALL
        .iter()
        .map(|c| width(i18n::category(app.env.lang, *c)))
        .max()
        .unwrap_or(4);
    // The rows loaded, whose widths set the columns'.
    let loaded: Vec<&OrderRow> = match &held {
        Some(rows) => rows.clone(),
        None => app
            .data
            .window(id)
            .map(|w| w.rows.iter().collect())
            .unwrap_or_default(),
    };
    // Unit names run from 3 characters (民政局) to 10 or more (县市场监督管理局): as wide as the
    // longest unit's name (not the rows loaded: the columns stay put while paging), within
    // bounds that leave the title room.
    let unit_w = app
        .data
        .units
        .iter()
        .map(|u| width(&one_line(&u.unit.name)))
        .max()
        .unwrap_or(8)
        .clamp(
            8,
            if wide {
                20
            } else if inner.width >= 100 {
                16
            } else {
                14
            },
        );
    cols.push(Col::new(t(S::ColStatus), status_w));
    cols.push(Col::new(
        sort_title(app, id, t(S::ColUnit), sorted(S::SortUnit)),
        unit_w,
    ));
    if overdue {
        cols.push(Col::right(t(S::ColUrges), 4));
    } else {
        cols.push(Col::new(t(S::ColCategory), category_w));
    }
    if wide {
        cols.push(Col::new(t(S::ColDeadline), 10));
        cols.push(Col::new(
            sort_title(app, id, t(S::FReceived), sorted(S::SortReceived)),
            11,
        ));
    }
    // Order numbers are the call center's: usually 12 digits, sometimes longer.
    let no_w = loaded
        .iter()
        .map(|r| width(&r.order.order_no))
        .max()
        .unwrap_or(12)
        .clamp(12, 20);
    cols.push(Col::new(
        sort_title(app, id, t(S::ColOrderNo), sorted(S::SortOrderNo)),
        no_w,
    ));
    cols.push(Col::fill(t(S::ColTitle)));

    // The filter's words, highlighted where they appear in the number and title.
    let words = app.query(id).find.words;
    let lit = |text: String| -> table::Cell {
        let marks = crate::domain::query::highlights(&text, &words);
        table::Cell::from(text).marked(marks)
    };
    let make = |r: &OrderRow| -> Row {
        let o = &r.order;
        let mut cells = Vec::new();
        let marked = app.tabs.marks.contains(&o.order_no);
        if mark_col {
            cells.push(cell(if marked { "*" } else { " " }, app.env.theme.marked()));
        }
        if overdue {
            let over30 = if r.late > OVERDUE_DAYS {
                t(S::Over30Mark)
            } else {
                ""
            };
            cells.push(cell(
                format!("{} {:>3}", r.late, over30),
                app.env.theme.overdue(),
            ));
        } else {
            let mut left = r
                .left
                .map(|n| n.to_string())
                .unwrap_or_else(|| t(S::NoDeadline).into());
            match (r.hours_left, r.warn) {
                // An urgent order: its hours, coloured by the warning (`left_style`).
                (Some(h), _) if h < 0 && r.late == 0 => left = fill(t(S::HoursOver), &[&-h]),
                (Some(h), _) if h >= 0 => left = fill(t(S::HoursLeft), &[&h]),
                (_, Some(w)) => left = format!("{left} {}", fill(t(S::LimitUsed), &[&w])),
                _ => {}
            }
            cells.push(cell(left, left_style(app, r)));
        }
        // A unit's return request awaiting the office shows in place of the status (as wide).
        if o.return_request.is_some() {
            cells.push(cell(t(S::ReturnPendingMark), app.env.theme.warning()));
        } else {
            cells.push(i18n::status(app.env.lang, o.status).into());
        }
        cells.push(unit_name(app, r).into());
        if overdue {
            cells.push(o.urges.to_string().into());
        } else {
            cells.push(i18n::category(app.env.lang, o.category).into());
        }
        if wide {
            let d = o
                .deadline
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into());
            cells.push(cell(d, left_style(app, r)));
            cells.push(o.received_at.format("%m-%d %H:%M").to_string().into());
        }
        cells.push(lit(one_line(&o.order_no)));
        cells.push(lit(one_line(&o.title)));
        let row = Row::new(cells);
        if marked {
            row.styled(app.env.theme.marked())
        } else {
            row
        }
    };
    // Not loaded yet: a dim line where the entry will be.
    let waiting = || Row::banner("…".to_string(), app.env.theme.dim());
    // Sorted by unit, the overdue list is grouped: a line per unit with its count.
    let groups = app.tabs.grouped(id).then(|| app.groups(id));
    let groups = groups.filter(|g| g.iter().map(|(_, k)| k).sum::<usize>() == n);
    match groups {
        Some(g) => {
            let labels: Vec<String> = g
                .iter()
                .map(|(u, k)| {
                    let unit = u
                        .as_deref()
                        .map(one_line)
                        .unwrap_or_else(|| app.env.t(S::WithOffice).to_string());
                    format!(
                        "{unit}{}{}",
                        app.env.theme.dot(),
                        fill(app.env.t(S::Count), &[k])
                    )
                })
                .collect();
            let layout = Groups::new(g.into_iter().map(|(_, k)| k).collect());
            let sel = (n > 0).then(|| layout.display(st.selected));
            table::draw_virtual(
                app,
                f,
                inner,
                &cols,
                layout.display_len(),
                sel,
                st,
                true,
                |d| {
                    Some(match layout.slot(d) {
                        Slot::Banner(g) => Row::banner(labels[g].clone(), app.env.theme.title()),
                        Slot::Entry(i) => at(i).map(&make).unwrap_or_else(waiting),
                    })
                },
            );
        }
        None => {
            let sel = (n > 0).then_some(st.selected);
            table::draw_virtual(app, f, inner, &cols, n, sel, st, true, |i| {
                Some(at(i).map(&make).unwrap_or_else(waiting))
            });
        }
    }
    // A query that does not parse lists nothing: say why where the rows would be, so it is
    // seen while typing (the message line is the input line then) and after.
    if let Some(e) = app.query(id).error
        && inner.height > 1
    {
        let line = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        let text = app.env.say_msg(&e);
        f.render_widget(
            ratatui::widgets::Paragraph::new(text)
                .style(app.env.theme.error())
                .wrap(ratatui::widgets::Wrap { trim: false }),
            line,
        );
    }
}

pub fn pending(app: &App, f: &mut Frame, area: Rect) {
    let name = app.env.t(S::TabPending).to_string();
    draw_list(app, f, area, ListId::Pending, name);
}

pub fn overdue(app: &App, f: &mut Frame, area: Rect) {
    let name = app.env.t(S::TabOverdue).to_string();
    draw_list(app, f, area, ListId::Overdue, name);
}

pub fn unit_orders(app: &App, f: &mut Frame, area: Rect) {
    let unit = app.data.unit.as_deref().map(one_line).unwrap_or_default();
    let name = fill(app.env.t(S::UnitOrdersTitle), &[&unit]);
    draw_list(app, f, area, ListId::UnitOrders, name);
}

/// The orders of one hotspot group (Enter on the 热点 tab), closed included.
pub fn hotspot_orders(app: &App, f: &mut Frame, area: Rect) {
    let label = app
        .data
        .hotspot
        .as_ref()
        .map(|h| one_line(&h.hotspot.label))
        .unwrap_or_default();
    let name = fill(app.env.t(S::HotspotOrdersTitle), &[&label]);
    draw_list(app, f, area, ListId::HotspotOrders, name);
}

/// `:find`: every order the query lists, closed included.
pub fn found(app: &App, f: &mut Frame, area: Rect) {
    let name = app.env.t(S::FoundTitle).to_string();
    draw_list(app, f, area, ListId::Found, name);
}
