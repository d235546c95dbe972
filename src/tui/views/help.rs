//! `?`: every binding of the keymap, by context, with its description.

use super::super::app::App;
use super::super::i18n::S;
use super::super::keymap::{Binding, Ctx};
use super::centered;
use crate::domain::text::wrap;
use crate::domain::text::{pad, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The help text for a width: generated from the keymap, so it never drifts from the keys.
pub fn lines<'a>(app: &App, w: u16) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for l in wrap(app.env.t(S::HelpIntro), usize::from(w)) {
        out.push(Line::from(Span::styled(l, app.env.theme.dim())));
    }
    for s in [S::HelpCommands, S::HelpQuery] {
        for l in wrap(app.env.t(s), usize::from(w)) {
            out.push(Line::from(Span::styled(l, app.env.theme.dim())));
        }
    }
    let key_w = app
        .env
        .keymap
        .bindings()
        .iter()
        .map(|b| width(&b.keys_name()))
        .max()
        .unwrap_or(6)
        .min(16)
        + 2;
    for ctx in Ctx::HELP_ORDER {
        let items: Vec<&Binding> = app
            .env
            .keymap
            .bindings()
            .iter()
            .filter(|b| b.ctx == ctx)
            .collect();
        if items.is_empty() {
            continue;
        }
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            app.env.t(ctx.title()),
            app.env.theme.title(),
        )));
        // Bindings that say the same thing (1, 2, 3, 4: choose by number) share a line.
        let mut merged: Vec<(String, &Binding)> = Vec::new();
        for b in items {
            match merged.last_mut() {
                Some((keys, last)) if last.label == b.label && last.more == b.more => {
                    keys.push('/');
                    keys.push_str(&b.keys_name());
                }
                _ => merged.push((b.keys_name(), b)),
            }
        }
        for (keys, b) in merged {
            let mut text = app.env.t(b.label).to_string();
            if let Some(m) = b.more {
                text = format!("{text}{}{}", app.env.t(S::Colon), app.env.t(m));
            }
            let rest = (w as usize).saturating_sub(key_w + 2).max(10) as u16;
            for (i, part) in wrap(&text, usize::from(rest)).into_iter().enumerate() {
                let k = if i == 0 { keys.clone() } else { String::new() };
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(pad(&k, key_w), app.env.theme.key()),
                    Span::raw(app.env.theme.fix(part)),
                ]));
            }
        }
    }
    out
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    // Over everything but the hint bar, which shows how to leave.
    let area = centered(
        Rect {
            height: area.height.saturating_sub(1),
            ..area
        },
        area.width.min(100),
        area.height.saturating_sub(1),
    );
    super::clear(f, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(app.env.theme.border())
        .title(Span::styled(
            format!(" {} ", app.env.t(S::HelpTitle)),
            app.env.theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines = lines(app, inner.width);
    let h = inner.height as usize;
    let max = lines.len().saturating_sub(h);
    app.overlay.help_height.set(h.max(1));
    app.overlay.help_max.set(max);
    let scroll = app.overlay.help.unwrap_or(0).min(max);
    f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
