//! The top line (tabs, clock, operator), the message or input line, and the hint bar — the
//! hint bar is generated from the keymap, the same table as the help screen.

use super::super::action::{Cmd, Op, Tab};
use super::super::app::{App, InputLine, Level};
use super::super::i18n::S;
use super::super::keymap;
use crate::domain::text::wrap;
use crate::domain::text::{one_line, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const MAX_MESSAGE_LINES: u16 = 4;

/// The tab bar: the tabs left, the clock and the operator right. When both do not fit (five
/// tabs at 80 columns), the clock drops its year, then the tabs their padding; what still
/// does not fit is cut at the right.
pub fn tabs(app: &App, f: &mut Frame, area: Rect) {
    let (open, overdue) = app.tab_counts();
    let names = [
        (Tab::Pending, S::TabPending, Some(open)),
        (Tab::Overdue, S::TabOverdue, Some(overdue)),
        (Tab::Units, S::TabUnits, None),
        (Tab::Activity, S::TabActivity, None),
        (Tab::Hotspots, S::TabHotspots, None),
    ];
    let tab_spans = |pad: &str| {
        let mut spans = Vec::new();
        for (i, (tab, name, count)) in names.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(
                    app.env.theme.sep().trim(),
                    app.env.theme.dim(),
                ));
            }
            let text = match count {
                Some(n) => format!("{pad}{} {} {n}{pad}", i + 1, app.env.t(*name)),
                None => format!("{pad}{} {}{pad}", i + 1, app.env.t(*name)),
            };
            let style = if *tab == app.tabs.tab {
                app.env.theme.tab_active()
            } else {
                Style::new()
            };
            spans.push(Span::styled(text, style));
        }
        spans
    };
    let right_text = |clock: &str| {
        let mut right = format!(
            "{} {}",
            app.env.now.format(clock),
            one_line(&app.env.operator)
        );
        if app.env.demo {
            right = format!("{} {right}", app.env.t(S::Demo));
        } else {
            // Who the program takes the operator for (the role comes from the OS account,
            // never from `--operator`): a unit account or a viewer sees at once what it may
            // do.
            let role = match app.env.lang {
                crate::domain::Lang::Zh => format!("（{}）", app.env.role.zh()),
                crate::domain::Lang::En => format!(" ({})", app.env.role),
            };
            right.push_str(&role);
        }
        right
    };
    let w = area.width as usize;
    let span_width = |v: &[Span]| -> usize { v.iter().map(|s| width(&s.content)).sum() };
    let mut spans = tab_spans(" ");
    let mut right = right_text("%Y-%m-%d %H:%M");
    for (pad, clock) in [(" ", "%m-%d %H:%M"), ("", "%m-%d %H:%M")] {
        if span_width(&spans) + 1 + width(&right) <= w {
            break;
        }
        spans = tab_spans(pad);
        right = right_text(clock);
    }
    let left = span_width(&spans);
    let room = w.saturating_sub(left + 1);
    let right = truncate(&right, room);
    let gap = w.saturating_sub(left + width(&right));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(app.env.theme.fix(right), app.env.theme.dim()));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Rows the message needs (wrapped), at least one.
pub fn message_height(app: &App, w: u16) -> u16 {
    match &app.message {
        Some(m) if app.overlay.input.is_none() => {
            let n: usize = m
                .text
                .lines()
                .map(|l| wrap(&one_line(l), usize::from(w)).len())
                .sum();
            (n as u16).clamp(1, MAX_MESSAGE_LINES)
        }
        _ => 1,
    }
}

pub fn message(app: &App, f: &mut Frame, area: Rect) {
    if let Some(line) = &app.overlay.input {
        let (prefix, input) = match line {
            InputLine::Filter(i) => ("/", i),
            InputLine::Command(i) => (":", i),
        };
        let w = (area.width as usize).saturating_sub(1);
        let scroll = input.visual_scroll(w);
        // Skip the scrolled-off columns by width, never by bytes.
        let mut skipped = 0;
        let visible: String = input
            .value()
            .chars()
            .skip_while(|c| {
                let cw = width(&c.to_string());
                if skipped + cw <= scroll {
                    skipped += cw;
                    true
                } else {
                    false
                }
            })
            .collect();
        f.render_widget(Paragraph::new(format!("{prefix}{visible}")), area);
        let x = area.x + 1 + (input.visual_cursor().saturating_sub(scroll)) as u16;
        f.set_cursor_position(Position::new(x.min(area.right() - 1), area.y));
        return;
    }
    let Some(m) = &app.message else {
        return;
    };
    let style = match m.level {
        Level::Info => Style::new(),
        Level::Ok => app.env.theme.ok(),
        Level::Warn => app.env.theme.warning(),
        Level::Error => app.env.theme.error(),
    };
    let lines: Vec<Line> = m
        .text
        .lines()
        .flat_map(|l| wrap(&one_line(l), usize::from(area.width)))
        .take(area.height as usize)
        .map(|l| Line::from(Span::styled(l, style)))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

pub fn hints(app: &App, f: &mut Frame, area: Rect) {
    let ctxs = app.contexts();
    let order = app.current_order().map(|r| &r.order);
    // Greyed: an action the selected order's state does not permit. Those come after the
    // allowed ones, so that on a narrow screen the keys that work are the ones shown.
    let enabled = |b: &keymap::Binding| match b.cmd {
        // Office work, greyed for viewers and unit accounts.
        Cmd::Op(Op::BulkUrge) | Cmd::UrgeUnit => app.env.role.may_do(crate::domain::Work::BulkUrge),
        Cmd::SuperviseUnit => app.env.role.may_do(crate::domain::Work::SuperviseUnit),
        Cmd::Intake => app.env.role.may_do(crate::domain::Work::Intake),
        Cmd::Op(op) => order.is_some_and(|o| op.action_on(o).is_some_and(|a| app.env.allows(o, a))),
        _ => true,
    };
    let (on, off): (Vec<&keymap::Binding>, Vec<&keymap::Binding>) = app
        .env
        .keymap
        .hints(&ctxs)
        .into_iter()
        .partition(|b| enabled(b));
    let mut spans = Vec::new();
    let mut used = 0;
    for (b, enabled) in on
        .iter()
        .map(|b| (b, true))
        .chain(off.iter().map(|b| (b, false)))
    {
        let key = b.keys[0].name();
        let label = app.env.t(b.label);
        let item_w = width(&key) + 1 + width(label) + 2;
        if used + item_w > area.width as usize {
            break;
        }
        used += item_w;
        let (ks, ls) = if enabled {
            (app.env.theme.key(), Style::new())
        } else {
            (app.env.theme.dim(), app.env.theme.dim())
        };
        spans.push(Span::styled(key, ks));
        spans.push(Span::styled(format!(" {label}  "), ls));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
