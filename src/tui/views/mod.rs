//! Drawing. Views read `&App` only: no SQL, no state changes (apart from the scroll
//! bookkeeping cells, which record what fitted on screen).

mod activity;
mod detail;
mod dialogs;
mod help;
mod orders;
mod statusbar;
pub mod table;
mod units;

use super::action::Tab;
use super::app::{App, Screen};
use super::i18n::{S, fill};
use crate::domain::text::{width as text_width, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The smallest terminal the layout is made for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = fill(
            app.t(S::TooSmall),
            &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
        );
        f.render_widget(
            Paragraph::new(text)
                .style(app.theme.warning())
                .wrap(Wrap { trim: true }),
            area,
        );
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
        Screen::Unit => orders::unit_orders(app, f, body),
        Screen::Tabs => match app.tab {
            Tab::Pending => orders::pending(app, f, body),
            Tab::Overdue => orders::overdue(app, f, body),
            Tab::Units => units::draw(app, f, body),
            Tab::Activity => activity::draw(app, f, body),
        },
    }
    statusbar::message(app, f, msg);
    statusbar::hints(app, f, hints);
    if app.dialog.is_some() {
        dialogs::draw(app, f, body);
    }
    if app.help.is_some() {
        help::draw(app, f, area);
    }
}

/// The frame around a screen's content, with its title.
pub fn frame<'a>(app: &App, title: Vec<Span<'a>>) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(app.theme.border())
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

/// Wrap text to a width by display width. Chinese breaks anywhere; a line with spaces
/// (English, the workflow's messages) breaks after a space when it can.
pub fn wrapped(text: &str, width: u16) -> Vec<String> {
    let w = width.max(2) as usize;
    if !text.contains(' ') {
        return wrap(text, w);
    }
    let mut lines: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let mut cur = String::new();
        for word in para.split_inclusive(' ') {
            // Chinese breaks between any two characters: a word with Chinese in it stays on
            // this line when its part before the first Chinese character fits (the cut below
            // falls among the Chinese); otherwise it starts a new line, like any word.
            let lead: String = word
                .chars()
                .take_while(|c| text_width(&c.to_string()) < 2)
                .collect();
            let fits = if lead.len() < word.len() {
                text_width(&cur) + text_width(&lead) < w
            } else {
                text_width(&cur) + text_width(word.trim_end()) <= w
            };
            if !cur.is_empty() && !fits {
                lines.push(cur.trim_end().to_string());
                cur.clear();
            }
            cur.push_str(word);
            // A word longer than the line is cut by width.
            while text_width(cur.trim_end()) > w {
                let mut parts = wrap(&cur, w);
                let rest = parts.split_off(1).concat();
                lines.push(parts.remove(0));
                cur = rest;
            }
        }
        lines.push(cur.trim_end().to_string());
    }
    lines
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_fills_its_lines_and_english_breaks_at_spaces() {
        let zh = "不能签收工单 201710270002：它处于“办理中”状态；现在可以：回复、退单、延期申请";
        let lines = wrapped(zh, 40);
        assert!(lines.iter().all(|l| text_width(l) <= 40), "{lines:?}");
        // Not "不能签收工单" alone on the first line: Chinese may break anywhere.
        assert!(text_width(&lines[0]) >= 38, "{lines:?}");
        assert!(lines[0].contains("201710270002"), "{lines:?}");
        assert_eq!(lines.concat(), zh);
        // A number is not cut when it would straddle the edge: it starts the next line.
        let lines = wrapped(
            "不能签收工单，已超期三十五个工作日 201710270002：它处于",
            40,
        );
        assert!(lines[1].starts_with("201710270002"), "{lines:?}");
        let en = "cannot accept (签收) order 201710270002: it is handling (办理中)";
        let lines = wrapped(en, 30);
        assert_eq!(lines[0], "cannot accept (签收) order");
        assert!(lines.iter().all(|l| text_width(l) <= 30), "{lines:?}");
    }
}
