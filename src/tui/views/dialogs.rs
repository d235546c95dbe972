//! Dialogs drawn over the screen. Text fields put the terminal's own cursor where the text
//! cursor is (by display width), so an input method's candidate window follows it.

use super::super::action::Cmd;
use super::super::app::App;
use super::super::dialog::Purpose;
use super::super::dialog::{CallbackDesk, Choice, Confirm, Dialog, Editor, Form, Picker, Value};
use super::super::i18n::{S, fill};
use super::super::keymap::Ctx;
use super::super::update::picker_offer;
use super::centered;
use crate::domain::scorecard::replied_on_time;
use crate::domain::text::wrap;
use crate::domain::text::{
    mask_name, mask_phone, one_line, pad, sanitize, truncate, vague_reply, width,
};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use tui_input::Input;

/// The popup's frame; returns the inside.
fn popup(app: &App, f: &mut Frame, area: Rect, title: &str) -> Rect {
    super::clear(f, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(app.env.theme.border())
        .title(Span::styled(
            format!(" {} ", one_line(title)),
            app.env.theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}

fn text_lines<'a>(text: &[String], w: u16, style: Style) -> Vec<Line<'a>> {
    text.iter()
        .flat_map(|t| wrap(sanitize(t).trim_end(), usize::from(w)))
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

fn error_lines<'a>(app: &App, e: &Option<String>, w: u16) -> Vec<Line<'a>> {
    match e {
        Some(e) => text_lines(std::slice::from_ref(e), w, app.env.theme.error()),
        None => Vec::new(),
    }
}

/// A one-line input drawn in `w` columns at (x, y); returns where its cursor is.
fn input_spans(input: &Input, w: usize, style: Style) -> (Span<'static>, u16) {
    let scroll = input.visual_scroll(w.saturating_sub(1));
    let mut skipped = 0;
    let mut shown = String::new();
    for c in input.value().chars() {
        let cw = width(&c.to_string());
        if skipped < scroll {
            skipped += cw;
            continue;
        }
        shown.push(c);
    }
    let cursor = input.visual_cursor().saturating_sub(skipped) as u16;
    (Span::styled(pad(&shown, w), style), cursor)
}

pub fn draw(app: &App, f: &mut Frame, body: Rect) {
    let Some(d) = &app.overlay.dialog else {
        return;
    };
    match d {
        Dialog::Confirm(c) => confirm(app, f, body, c),
        Dialog::Form(x) => form(app, f, body, x),
        Dialog::Choice(c) => choice(app, f, body, c),
        Dialog::Picker(p) => picker(app, f, body, p),
        Dialog::Editor(e) => editor(app, f, body, e),
        Dialog::Callback(c) => callback(app, f, body, c),
    }
}

fn width_for(body: Rect) -> u16 {
    body.width.saturating_sub(4).min(84)
}

fn confirm(app: &App, f: &mut Frame, body: Rect, c: &Confirm) {
    let w = width_for(body);
    let mut lines = text_lines(&c.text, w - 2, Style::new());
    lines.extend(error_lines(app, &c.error, w - 2));
    let area = centered(body, w, lines.len() as u16 + 2);
    let inner = popup(app, f, area, &c.title);
    f.render_widget(Paragraph::new(lines), inner);
}

/// The callback console: who to call (masked until revealed), what the unit answered and
/// when, then the citizen's answer to choose.
fn callback(app: &App, f: &mut Frame, body: Rect, c: &CallbackDesk) {
    let t = |s: S| app.env.t(s);
    let w = width_for(body);
    let iw = w - 2;
    let o = &c.order;
    let (name, phone) = if o.phone.trim().is_empty() && o.citizen.trim().is_empty() {
        // Nothing to reveal (an order taken without a contact): say so, offer no key.
        (t(S::CbNoContact).to_string(), t(S::CbNoContact).to_string())
    } else if o.phone.trim().is_empty() {
        (mask_name(&o.citizen), t(S::CbNoContact).to_string())
    } else if c.revealed {
        (
            one_line(&o.citizen),
            format!("{} {}", one_line(&o.phone), t(S::CbShown)),
        )
    } else {
        let key = app
            .env
            .keymap
            .key_for(Ctx::Callback, Cmd::Reveal)
            .unwrap_or_default();
        (
            mask_name(&o.citizen),
            format!("{} {}", mask_phone(&o.phone), fill(t(S::CbMasked), &[&key])),
        )
    };
    let deadline = o.deadline.map_or("-".to_string(), |d| d.to_string());
    let when = match (replied_on_time(o), o.replied_at) {
        (Some(true), Some(r)) => fill(t(S::CbOnTime), &[&deadline, &r.date()]),
        (Some(false), Some(r)) => fill(t(S::CbLate), &[&deadline, &r.date()]),
        _ => deadline,
    };
    let fields = [
        (S::CbCitizen, name),
        (S::CbPhone, phone),
        (S::CbDeadline, when),
    ];
    let label_w = fields.iter().map(|(l, _)| width(t(*l))).max().unwrap_or(4) + 2;
    let mut lines = text_lines(&c.body, iw, app.env.theme.dim());
    for (label, value) in fields {
        let vw = usize::from(iw).saturating_sub(label_w).max(1);
        for (i, part) in wrap(&value, vw).into_iter().enumerate() {
            let l = if i == 0 {
                pad(t(label), label_w)
            } else {
                " ".repeat(label_w)
            };
            lines.push(Line::from(vec![
                Span::styled(l, app.env.theme.dim()),
                Span::raw(part),
            ]));
        }
    }
    lines.push(Line::from(Span::styled(t(S::CbReply), app.env.theme.dim())));
    let reply = o.reply.as_deref().map(sanitize).unwrap_or_default();
    let reply = if reply.trim().is_empty() {
        t(S::CbNoReply).to_string()
    } else {
        reply
    };
    let mut reply_lines: Vec<String> = wrap(reply.trim(), usize::from(iw.saturating_sub(4)));
    let questions = questions(app, c, iw);
    // A long reply is cut to leave room for the questions.
    let fixed = lines.len() + questions.len() + usize::from(c.error.is_some());
    let room = usize::from(body.height.saturating_sub(2))
        .saturating_sub(fixed)
        .max(1);
    if reply_lines.len() > room {
        reply_lines.truncate(room);
        if let Some(last) = reply_lines.last_mut() {
            last.push_str(" …");
        }
    }
    let reply_lines = reply_lines
        .into_iter()
        .map(|l| Line::from(format!("  {l}")));
    lines.extend(reply_lines);
    lines.extend(questions);
    lines.extend(error_lines(app, &c.error, iw));
    let h = (lines.len() as u16 + 2).min(body.height);
    let area = centered(body, w, h);
    let inner = popup(app, f, area, &c.title);
    f.render_widget(Paragraph::new(lines), inner);
}

/// The console's questions: a heading naming the 未接通 key, then each question with its
/// answer so far (— before it is given) and the keys that answer it; the question asked now
/// is marked and reversed.
fn questions<'a>(app: &App, c: &CallbackDesk, iw: u16) -> Vec<Line<'a>> {
    use super::super::dialog::{QUESTIONS, SATISFACTION};
    use super::super::i18n;
    use crate::domain::order::Solved;
    let t = |s: S| app.env.t(s);
    let lang = app.env.lang;
    let key = |cmd: Cmd| {
        app.env
            .keymap
            .key_for(Ctx::Callback, cmd)
            .unwrap_or_default()
    };
    let keyed = |opts: Vec<(Cmd, &str)>| {
        opts.into_iter()
            .map(|(cmd, label)| format!("{} {label}", key(cmd)))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let picks = |labels: Vec<&'static str>| {
        let opts: Vec<(Cmd, &str)> = labels
            .into_iter()
            .enumerate()
            .map(|(i, l)| (Cmd::Pick(i as u8), l))
            .collect();
        keyed(opts)
    };
    let answers = [
        (
            c.contacted.map(|v| i18n::contacted_short(lang, v)),
            keyed(vec![(Cmd::Yes, t(S::CbYes)), (Cmd::No, t(S::CbNo))]),
        ),
        (
            c.solved.map(|v| i18n::solved(lang, v)),
            picks(Solved::ALL.iter().map(|v| i18n::solved(lang, *v)).collect()),
        ),
        (
            c.satisfaction.map(|v| i18n::satisfaction_short(lang, v)),
            picks(
                SATISFACTION
                    .iter()
                    .map(|v| i18n::satisfaction_short(lang, *v))
                    .collect(),
            ),
        ),
    ];
    let q_w = QUESTIONS.iter().map(|q| width(t(*q))).max().unwrap_or(8) + 2;
    let a_w = [true, false]
        .into_iter()
        .map(|v| width(i18n::contacted_short(lang, v)))
        .chain(Solved::ALL.iter().map(|v| width(i18n::solved(lang, *v))))
        .chain(
            SATISFACTION
                .iter()
                .map(|v| width(i18n::satisfaction_short(lang, *v))),
        )
        .max()
        .unwrap_or(6)
        + 2;
    let unreachable = key(Cmd::Pick(3));
    let mut out = vec![Line::from(fill(t(S::CbAsk), &[&unreachable]))];
    for (i, (q, (answer, keys))) in QUESTIONS.iter().zip(answers).enumerate() {
        let now = i == c.question;
        // A mark as well as the reversed style: visible without colour or attributes.
        let mark = if now { '>' } else { ' ' };
        let style = if now {
            app.env.theme.selected()
        } else {
            Style::new()
        };
        let head = format!("{mark}{}. {}", i + 1, pad(t(*q), q_w));
        let shown = answer.unwrap_or(t(S::CbNotYet));
        let rest = usize::from(iw).saturating_sub(width(&head) + a_w);
        out.push(Line::from(vec![
            Span::styled(head, style),
            Span::styled(pad(shown, a_w), app.env.theme.total()),
            Span::styled(
                crate::domain::text::truncate(&keys, rest),
                app.env.theme.dim(),
            ),
        ]));
    }
    out
}

fn form(app: &App, f: &mut Frame, body: Rect, x: &Form) {
    let w = width_for(body);
    let iw = w - 2;
    let mut lines = text_lines(&x.body, iw, app.env.theme.dim());
    if !lines.is_empty() {
        lines.push(Line::from(""));
    }
    let label_w = x
        .fields
        .iter()
        .map(|f| width(app.env.t(f.label)))
        .max()
        .unwrap_or(4)
        + 2;
    let checked = x.checked();
    let mut cursor = None;
    for (i, field) in x.fields.iter().enumerate() {
        let focused = i == x.focus;
        let active = !field.with_check || checked;
        let mut label = app.env.t(field.label).to_string();
        if field.required && active {
            label.push('*');
        }
        let label_style = if active {
            Style::new()
        } else {
            app.env.theme.dim()
        };
        let mut spans = vec![Span::styled(pad(&label, label_w), label_style)];
        match &field.value {
            Value::Text(input) => {
                let style = if focused {
                    app.env.theme.selected()
                } else if active {
                    Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED)
                } else {
                    app.env.theme.dim()
                };
                let fw = (iw as usize).saturating_sub(label_w);
                let (span, cx) = input_spans(input, fw, style);
                spans.push(span);
                if focused {
                    cursor = Some((lines.len() as u16, label_w as u16 + cx));
                }
            }
            Value::Check(on) => {
                let mark = if *on { S::Checkbox } else { S::CheckboxOff };
                let style = if focused {
                    app.env.theme.selected()
                } else {
                    Style::new()
                };
                spans.push(Span::styled(app.env.t(mark), style));
                if focused {
                    cursor = Some((lines.len() as u16, label_w as u16 + 1));
                }
            }
        }
        lines.push(Line::from(spans));
    }
    lines.extend(error_lines(app, &x.error, iw));
    let area = centered(body, w, lines.len() as u16 + 2);
    let inner = popup(app, f, area, &x.title);
    f.render_widget(Paragraph::new(lines), inner);
    if let Some((row, col)) = cursor
        && row < inner.height
    {
        f.set_cursor_position(Position::new(
            (inner.x + col).min(inner.right().saturating_sub(1)),
            inner.y + row,
        ));
    }
}

fn choice(app: &App, f: &mut Frame, body: Rect, c: &Choice) {
    let w = width_for(body);
    let iw = w - 2;
    let mut lines = text_lines(&c.body, iw, Style::new());
    // Long bodies (a reply under review) are cut to leave room for the options.
    let room = body.height.saturating_sub(c.options.len() as u16 + 8) as usize;
    lines.truncate(room.max(1));
    if let Some(warn) = &c.warn {
        lines.extend(text_lines(
            std::slice::from_ref(warn),
            iw,
            app.env.theme.warning(),
        ));
    }
    lines.push(Line::from(""));
    for (i, o) in c.options.iter().enumerate() {
        let style = if i == c.selected {
            app.env.theme.selected()
        } else {
            Style::new()
        };
        // A mark as well as the reversed style: visible without colour or attributes.
        let mark = if i == c.selected { '>' } else { ' ' };
        // Cut to the popup (a pack's title can be longer), the cut marked.
        let text = truncate(&format!("{mark}{}. {o} ", i + 1), usize::from(iw));
        lines.push(Line::from(Span::styled(app.env.theme.fix(text), style)));
    }
    lines.extend(error_lines(app, &c.error, iw));
    let area = centered(body, w, lines.len() as u16 + 2);
    let inner = popup(app, f, area, &c.title);
    f.render_widget(Paragraph::new(lines), inner);
}

fn picker(app: &App, f: &mut Frame, body: Rect, p: &Picker) {
    let w = width_for(body).min(60);
    let iw = w - 2;
    let offer = picker_offer(app, p);
    let units = offer.units;
    let (returned_by, reassign) = match &p.purpose {
        Purpose::PickUnit {
            returned_by,
            reassign,
            ..
        } => (returned_by.as_deref(), *reassign),
        _ => (None, false),
    };
    // The order's duplicate candidates and the units suggested for it (found by the worker
    // with `hotline similar`'s and `hotline suggest`'s functions): shown, never preselected.
    let mut found: Vec<Line> = Vec::new();
    if let Purpose::PickUnit { no, .. } = &p.purpose {
        for c in app.similar_of(no) {
            let v = crate::report::similar::candidate_line(c, app.env.lang);
            let v = fill(app.env.t(S::DlgDuplicate), &[&one_line(&v)]);
            // Wrapped, not cut: the reasons are the point.
            for part in wrap(&v, iw as usize) {
                found.push(Line::from(Span::styled(part, app.env.theme.warning())));
            }
        }
        for s in app.suggested_for(no) {
            let share = (s.score * 100.0).round();
            // A share that rounds to nothing suggests nothing.
            if share < 1.0 {
                continue;
            }
            let words: Vec<String> = s.words.iter().take(3).map(|w| one_line(w)).collect();
            let v = if words.is_empty() {
                fill(app.env.t(S::DlgSuggestBare), &[&one_line(&s.unit), &share])
            } else {
                fill(
                    app.env.t(S::DlgSuggest),
                    &[
                        &one_line(&s.unit),
                        &share,
                        &words.join(app.env.t(S::WordSep)),
                    ],
                )
            };
            found.push(Line::from(Span::styled(
                truncate(&v, iw as usize),
                app.env.theme.dim(),
            )));
        }
    }
    let extra = u16::from(returned_by.is_some()) + found.len() as u16;
    let want = units.len().max(1) as u16 + 4 + extra + u16::from(p.error.is_some());
    let h = body.height.saturating_sub(2).min(20).min(want.max(6));
    let area = centered(body, w, h);
    let inner = popup(app, f, area, &p.title);
    let mut lines = vec![Line::from(Span::styled(
        app.env.t(S::DlgDispatchHint),
        app.env.theme.dim(),
    ))];
    let prompt = "> ";
    let (span, cx) = input_spans(
        &p.input,
        iw as usize - prompt.len(),
        app.env.theme.selected(),
    );
    lines.push(Line::from(vec![Span::raw(prompt), span]));
    let cursor_row = 1;
    if let Some(by) = returned_by {
        lines.push(Line::from(Span::styled(
            fill(
                app.env.t(if reassign {
                    S::DlgHeldBy
                } else {
                    S::DlgReturnedBy
                }),
                &[&one_line(by)],
            ),
            app.env.theme.dim(),
        )));
    }
    // The units stay in view first: at least three rows (or all of them) before these lines.
    let fixed = 2 + usize::from(returned_by.is_some()) + usize::from(p.error.is_some());
    let room = (inner.height as usize).saturating_sub(fixed);
    found.truncate(room.saturating_sub(units.len().clamp(1, 3)));
    let list_h = room.saturating_sub(found.len());
    lines.extend(found);
    // Nothing selected (an ambiguous query): no row is marked.
    let sel = p.selected.map(|s| s.min(units.len().saturating_sub(1)));
    let off = sel.unwrap_or(0).saturating_sub(list_h.saturating_sub(1));
    if units.is_empty() {
        lines.push(Line::from(Span::styled(
            app.env.t(S::DlgNoMatch),
            app.env.theme.warning(),
        )));
    }
    for (i, name) in units.iter().enumerate().skip(off).take(list_h) {
        let py = app
            .data
            .units
            .iter()
            .find(|u| &u.unit.name == name)
            .map(|u| u.initials.clone())
            .unwrap_or_default();
        let style = if Some(i) == sel {
            app.env.theme.selected()
        } else {
            Style::new()
        };
        let mark = if Some(i) == sel { '>' } else { ' ' };
        lines.push(Line::from(vec![
            Span::styled(pad(&format!("{mark}{}", one_line(name)), 20), style),
            Span::styled(format!(" {py}"), app.env.theme.dim()),
        ]));
    }
    lines.extend(error_lines(app, &p.error, iw));
    f.render_widget(Paragraph::new(lines), inner);
    f.set_cursor_position(Position::new(
        (inner.x + prompt.len() as u16 + cx).min(inner.right().saturating_sub(1)),
        inner.y + cursor_row,
    ));
}

fn editor(app: &App, f: &mut Frame, body: Rect, e: &Editor) {
    let w = width_for(body);
    let h = body.height.saturating_sub(2).min(18);
    let area = centered(body, w, h);
    let inner = popup(app, f, area, &e.title);
    let text = e.text();
    let warn = if text.trim().is_empty() {
        None
    } else {
        vague_reply(&text).map(|v| fill(app.env.t(S::VagueWarn), &[&v]))
    };
    let mut footer = Vec::new();
    if let Some(w) = warn {
        footer.extend(text_lines(&[w], inner.width, app.env.theme.warning()));
    }
    footer.extend(error_lines(app, &e.error, inner.width));
    let fh = (footer.len() as u16).min(inner.height.saturating_sub(3));
    let text_area = Rect {
        height: inner.height - fh,
        ..inner
    };
    let foot_area = Rect {
        y: inner.y + inner.height - fh,
        height: fh,
        ..inner
    };
    let framed = Block::new()
        .borders(Borders::ALL)
        .border_set(app.env.theme.border())
        .border_style(app.env.theme.dim());
    let edit_area = framed.inner(text_area);
    f.render_widget(framed, text_area);
    f.render_widget(&e.area, edit_area);
    f.render_widget(Paragraph::new(footer), foot_area);
    // The textarea knows, after drawing, where its cursor landed on screen (wrapped lines,
    // wide characters) and how far it scrolled.
    let sc = e.area.screen_cursor();
    let (top, left) = e.area.scroll_offset();
    let row = (sc.row as u16).saturating_sub(top);
    let col = (sc.col as u16).saturating_sub(left);
    if row < edit_area.height {
        f.set_cursor_position(Position::new(
            (edit_area.x + col).min(edit_area.right().saturating_sub(1)),
            edit_area.y + row,
        ));
    }
}
