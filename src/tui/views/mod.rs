//! Drawing. Views read `&App` only: no SQL, no state changes (apart from the scroll
//! bookkeeping cells, which record what fitted on screen).

mod activity;
mod detail;
mod dialogs;
mod explain;
mod help;
mod hotspots;
mod orders;
mod statusbar;
pub mod table;
mod units;

use super::action::{Cmd, Tab};
use super::app::{App, Screen};
use super::i18n::{S, fill};
use super::keymap::Ctx;
use crate::domain::text::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub use super::app::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    app.env.size.set(Some((area.width, area.height)));
    if app.env.too_small() {
        // Keys do not act at this size (see `update::on_key`), but quitting: say which.
        let quit = app
            .env
            .keymap
            .key_for(Ctx::Global, Cmd::Quit)
            .unwrap_or_default();
        let text = fill(
            app.env.t(if app.overlay.dialog.is_some() {
                S::TooSmallDialog
            } else {
                S::TooSmall
            }),
            &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height, &quit],
        );
        let lines: Vec<Line> = wrap(&text, usize::from(area.width))
            .into_iter()
            .map(Line::from)
            .collect();
        f.render_widget(Paragraph::new(lines).style(app.env.theme.warning()), area);
        return;
    }
    let msg_lines = statusbar::message_height(app, area.width);
    let [top, body, msg, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(msg_lines),
        Constraint::Length(1),
    ])
    .areas(area);

    statusbar::tabs(app, f, top);
    match app.screen() {
        Screen::Detail => detail::draw(app, f, body),
        Screen::Explain => explain::draw(app, f, body),
        Screen::Unit => orders::unit_orders(app, f, body),
        Screen::Find => orders::found(app, f, body),
        Screen::Hotspot => orders::hotspot_orders(app, f, body),
        Screen::Tabs => match app.tabs.tab {
            Tab::Pending => orders::pending(app, f, body),
            Tab::Overdue => orders::overdue(app, f, body),
            Tab::Units => units::draw(app, f, body),
            Tab::Activity => activity::draw(app, f, body),
            Tab::Hotspots => hotspots::draw(app, f, body),
        },
    }
    statusbar::message(app, f, msg);
    statusbar::hints(app, f, hints);
    if app.overlay.dialog.is_some() {
        dialogs::draw(app, f, body);
    }
    if app.overlay.help.is_some() {
        help::draw(app, f, area);
    }
}

/// The frame around a screen's content, with its title.
pub fn frame<'a>(app: &App, title: Vec<Span<'a>>) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(app.env.theme.border())
        .title(Line::from(title))
}

/// Blank a popup's area and one column either side: a wide character drawn just left of
/// the popup would otherwise spill over its border.
pub fn clear(f: &mut Frame, area: Rect) {
    let full = f.area();
    let x = area.x.saturating_sub(1).max(full.x);
    let right = (area.right() + 1).min(full.right());
    f.render_widget(
        ratatui::widgets::Clear,
        Rect {
            x,
            width: right - x,
            ..area
        },
    );
}

/// `12/166` at the bottom right of a list's frame.
pub fn position<'a>(selected: usize, len: usize) -> Line<'a> {
    let at = if len == 0 { 0 } else { selected + 1 };
    Line::from(format!(" {at}/{len} ")).right_aligned()
}

/// A centred rectangle of at most `w` × `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The help screen as plain text for a width (for tests and the README).
pub fn help_text(app: &App, width: u16) -> String {
    help::lines(app, width)
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
