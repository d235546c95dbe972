//! A list drawn as columns of text. Every cell is cut and padded by display width
//! (`domain::text::pad`), so Chinese columns line up and a wide character is never halved.

use super::super::app::{App, ListId, ListState};
use super::super::i18n::{S, fill};
use crate::domain::text::{pad, pad_left, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub struct Col {
    pub title: String,
    /// Columns; 0 takes what the others leave.
    pub width: usize,
    pub right: bool,
}

impl Col {
    /// A column at least as wide as its title (fill columns stay 0).
    pub fn new(title: impl Into<String>, min_width: usize) -> Col {
        let title = title.into();
        let width = if min_width == 0 {
            0
        } else {
            min_width.max(w(&title))
        };
        Col {
            title,
            width,
            right: false,
        }
    }
    pub fn right(title: impl Into<String>, width: usize) -> Col {
        Col {
            right: true,
            ..Col::new(title, width)
        }
    }
    pub fn fill(title: impl Into<String>) -> Col {
        Col::new(title, 0)
    }
}

pub struct Cell {
    pub text: String,
    pub style: Style,
    /// Byte ranges of `text` drawn highlighted (a filter's matches: `domain::query::highlights`).
    pub marks: Vec<std::ops::Range<usize>>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell {
            text,
            style: Style::new(),
            marks: Vec::new(),
        }
    }
}

impl Cell {
    /// With these ranges of its text highlighted.
    pub fn marked(mut self, marks: Vec<std::ops::Range<usize>>) -> Cell {
        self.marks = marks;
        self
    }
}
impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

pub fn cell(text: impl Into<String>, style: Style) -> Cell {
    Cell {
        text: text.into(),
        style,
        marks: Vec::new(),
    }
}

pub struct Row {
    pub cells: Vec<Cell>,
    pub style: Style,
    /// Section titles and 合计 rows are not selectable.
    pub selectable: bool,
    /// A whole-width line (section title) instead of cells.
    pub banner: Option<String>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            style: Style::new(),
            selectable: true,
            banner: None,
        }
    }
    pub fn styled(mut self, s: Style) -> Row {
        self.style = s;
        self
    }
    pub fn fixed(mut self) -> Row {
        self.selectable = false;
        self
    }
    pub fn banner(text: String, style: Style) -> Row {
        Row {
            cells: Vec::new(),
            style,
            selectable: false,
            banner: Some(text),
        }
    }
}

fn widths(cols: &[Col], total: usize) -> Vec<usize> {
    let fixed: usize = cols.iter().map(|c| c.width).sum::<usize>() + cols.len().saturating_sub(1);
    let rest = total.saturating_sub(fixed);
    cols.iter()
        .map(|c| if c.width == 0 { rest } else { c.width })
        .collect()
}

fn line<'a>(app: &App, cols: &[Col], w: &[usize], cells: Vec<Cell>, base: Style) -> Line<'a> {
    let mut spans = Vec::with_capacity(cells.len() * 2);
    for (i, (c, cell)) in cols.iter().zip(cells).enumerate() {
        if i > 0 {
            spans.push(Span::styled(" ", base));
        }
        let text = app.env.theme.fix(if c.right {
            pad_left(&cell.text, w[i])
        } else {
            pad(&cell.text, w[i])
        });
        let style = base.patch(cell.style);
        if cell.marks.is_empty() {
            spans.push(Span::styled(text, style));
            continue;
        }
        // The marks within what is drawn unchanged (a cut text ends in `…`).
        let same = text
            .bytes()
            .zip(cell.text.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let hit = style.patch(app.env.theme.hit());
        let mut at = 0;
        for r in &cell.marks {
            let end = r.end.min(same);
            if r.start < at
                || r.start >= end
                || !text.is_char_boundary(r.start)
                || !text.is_char_boundary(end)
            {
                continue;
            }
            spans.push(Span::styled(text[at..r.start].to_string(), style));
            spans.push(Span::styled(text[r.start..end].to_string(), hit));
            at = end;
        }
        spans.push(Span::styled(text[at..].to_string(), style));
    }
    Line::from(spans)
}

/// Draw `rows` under a header in `area`, the `selected`-th selectable row highlighted and
/// kept in view. Records the visible height in the list state (for PgUp/PgDn).
pub fn draw(
    app: &App,
    f: &mut Frame,
    area: Rect,
    cols: &[Col],
    rows: Vec<Row>,
    st: &ListState,
    show_selection: bool,
) {
    // The display row of the selection (section rows are skipped when counting).
    let sel_row = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.selectable)
        .nth(st.selected)
        .map(|(i, _)| i);
    let n = rows.len();
    // Rows that belong under the selection and cannot be selected themselves (a table's 合计
    // after its last unit) are scrolled into view with it: otherwise no key could reach them.
    if let Some(s) = sel_row {
        let tail = rows[s + 1..].iter().take_while(|r| !r.selectable).count();
        let h = (area.height.saturating_sub(1) as usize).max(1);
        let off = st.offset.get();
        if s + tail >= off + h {
            st.offset
                .set((s + tail + 1).saturating_sub(h).min(s).max(off));
        }
    }
    // Section titles (表1, 表2) that scroll away stay named: the first column's header says
    // the section of the top row.
    let banners: Vec<(usize, String)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.banner.clone().map(|b| (i, b)))
        .collect();
    let section = |top: usize| {
        banners
            .iter()
            .rev()
            .find(|(i, _)| *i <= top)
            .filter(|(i, _)| *i < top)
            .map(|(_, b)| b.clone())
    };
    let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    draw_rows(
        app,
        f,
        area,
        cols,
        n,
        sel_row,
        st,
        show_selection,
        &section,
        |i| rows.get_mut(i).and_then(Option::take),
    );
}

/// Draw a list of `n` display rows of which only the visible ones are made (`row(i)`),
/// display row `sel_row` highlighted and kept in view; the same scrolling as `draw`.
#[allow(clippy::too_many_arguments)]
pub fn draw_virtual(
    app: &App,
    f: &mut Frame,
    area: Rect,
    cols: &[Col],
    n: usize,
    sel_row: Option<usize>,
    st: &ListState,
    show_selection: bool,
    row: impl FnMut(usize) -> Option<Row>,
) {
    draw_rows(
        app,
        f,
        area,
        cols,
        n,
        sel_row,
        st,
        show_selection,
        &|_| None,
        row,
    );
}

/// `draw_virtual`, the first column's header replaced by `section(top row)` when it says one.
#[allow(clippy::too_many_arguments)]
fn draw_rows(
    app: &App,
    f: &mut Frame,
    area: Rect,
    cols: &[Col],
    n: usize,
    sel_row: Option<usize>,
    st: &ListState,
    show_selection: bool,
    section: &dyn Fn(usize) -> Option<String>,
    mut row: impl FnMut(usize) -> Option<Row>,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let w = widths(cols, area.width as usize);
    let h = area.height.saturating_sub(1) as usize;
    st.height.set(h.max(1));

    let mut off = st.offset.get();
    if let Some(s) = sel_row {
        if s < off {
            off = s;
        } else if s >= off + h {
            off = s + 1 - h;
        }
        // Section titles above the first row stay visible.
        if st.selected == 0 {
            off = 0;
        }
    }
    off = off.min(n.saturating_sub(h));
    st.offset.set(off);

    let mut titles: Vec<Cell> = cols.iter().map(|c| Cell::from(c.title.clone())).collect();
    if let (Some(first), Some(s)) = (titles.first_mut(), section(off)) {
        first.text = s;
    }
    let header = line(app, cols, &w, titles, app.env.theme.header());
    let mut lines = vec![header];
    for i in off..(off + h).min(n) {
        let Some(r) = row(i) else {
            continue;
        };
        let selected = show_selection && Some(i) == sel_row;
        let base = if selected {
            r.style.patch(app.env.theme.selected())
        } else {
            r.style
        };
        let l = match r.banner {
            Some(text) => Line::from(Span::styled(pad(&text, area.width as usize), base)),
            None => line(app, cols, &w, r.cells, base),
        };
        lines.push(l);
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// The sort mark of list `id`: ▲ smallest first, ▼ largest first (ASCII `^`, `v`).
pub fn sort_mark(app: &App, id: ListId) -> &'static str {
    if app.tabs.list(id).descending(id) {
        app.env.theme.down()
    } else {
        app.env.theme.up()
    }
}

/// A column title with the sort mark when list `id` is sorted by it.
pub fn sort_title(app: &App, id: ListId, title: &str, sorted: bool) -> String {
    if !sorted {
        return title.to_string();
    }
    format!("{title}{}", sort_mark(app, id))
}

/// The sort named for a list's title, with its mark (`排序：期限▲`): seen even when the
/// screen is too narrow for the column.
pub fn sort_named(app: &App, id: ListId) -> Option<String> {
    let s = app.sort_label(id, app.tabs.list(id).sort)?;
    Some(fill(
        app.env.t(S::SortedBy),
        &[&format!("{s}{}", sort_mark(app, id))],
    ))
}

/// Width of a string in columns (re-exported for the views).
pub fn w(s: &str) -> usize {
    width(s)
}
