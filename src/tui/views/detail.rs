//! One order: every field, the deadline and time left, the request and the reply, and the
//! full history with operator and time. The citizen's name and phone are masked.

use super::super::action::{Cmd, Op};
use super::super::app::{App, OrderRow};
use super::super::i18n::{self, S, fill};
use super::super::keymap::Ctx;
use super::frame;
use crate::domain::text::wrap;
use crate::domain::text::{mask_name, mask_phone, one_line, pad, sanitize, vague_reply, width};
use crate::domain::workflow::possible;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn time(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn deadline(app: &App, r: &OrderRow) -> (String, Style) {
    let Some(d) = r.order.deadline else {
        return ("-".into(), Style::new());
    };
    // An urgent order: the time due, and its hours left or over (`Order::hours_left`).
    if let (Some(due), Some(h)) = (r.order.due_at, r.hours_left) {
        let at = due.format("%Y-%m-%d %H:%M");
        let t = |s: S| app.env.t(s);
        return if h < 0 {
            (
                format!("{at}  {}", fill(t(S::HoursOver), &[&-h])),
                app.env.theme.overdue(),
            )
        } else {
            let mut text = format!("{at}  {}", fill(t(S::HoursLeft), &[&h]));
            if let Some(w) = r.warn {
                text = format!("{text}  {}", fill(t(S::LimitUsed), &[&w]));
            }
            let style = match r.warn {
                Some(w) if w >= 90 => app.env.theme.warning(),
                Some(_) => app.env.theme.soon(),
                None => Style::new(),
            };
            (text, style)
        };
    }
    match r.left {
        Some(n) if n < 0 => (
            format!("{d}  {}", fill(app.env.t(S::OverdueDays), &[&r.late])),
            app.env.theme.overdue(),
        ),
        Some(0) => (
            format!("{d}  {}", app.env.t(S::DueToday)),
            app.env.theme.soon(),
        ),
        Some(n) => (
            match r.warn {
                Some(w) => format!(
                    "{d}  {}  {}",
                    fill(app.env.t(S::LeftDays), &[&n]),
                    fill(app.env.t(S::LimitUsed), &[&w])
                ),
                None => format!("{d}  {}", fill(app.env.t(S::LeftDays), &[&n])),
            },
            match r.warn {
                Some(w) if w >= 90 => app.env.theme.warning(),
                Some(_) => app.env.theme.soon(),
                None if n <= 1 => app.env.theme.soon(),
                None => Style::new(),
            },
        ),
        None => (d.to_string(), Style::new()),
    }
}

/// Every line of the detail, for a width.
fn lines<'a>(
    app: &App,
    r: &OrderRow,
    events: &[crate::domain::Event],
    stamps: &[crate::domain::event::Stamp],
    w: u16,
) -> Vec<Line<'a>> {
    let o = &r.order;
    let t = |s: S| app.env.t(s);
    let mut fields: Vec<(S, String, Style)> = vec![
        (S::FOrderNo, one_line(&o.order_no), Style::new()),
        (S::FTitle, one_line(&o.title), app.env.theme.total()),
        (
            S::FCategory,
            i18n::category(app.env.lang, o.category).into(),
            Style::new(),
        ),
        (
            S::FStatus,
            i18n::status(app.env.lang, o.status).into(),
            app.env.theme.total(),
        ),
        (
            S::FUnit,
            o.unit
                .as_deref()
                .map(one_line)
                .unwrap_or_else(|| t(S::WithOffice).into()),
            Style::new(),
        ),
        (S::FReceived, time(o.received_at), Style::new()),
    ];
    if let Some(a) = o.assigned_at {
        fields.push((S::FAssigned, time(a), Style::new()));
    }
    let (dl, dl_style) = deadline(app, r);
    fields.push((S::FDeadline, dl, dl_style));
    if let Some(a) = o.accepted_at {
        fields.push((S::FAccepted, time(a), Style::new()));
    }
    fields.push((
        S::FCitizen,
        format!(
            "{} {}",
            mask_name(&one_line(&o.citizen)),
            mask_phone(&one_line(&o.phone))
        ),
        Style::new(),
    ));
    fields.push((S::FAddress, one_line(&o.address), Style::new()));
    // Found by the worker with `hotline similar`'s function (`report::similar::candidates`).
    for c in app.similar_of(&o.order_no) {
        let v = crate::report::similar::candidate_line(c, app.env.lang);
        fields.push((S::FDuplicate, one_line(&v), app.env.theme.warning()));
    }
    let counts = [
        (S::ColUrges, o.urges),
        (S::ColSupervisions, o.supervisions),
        (S::ColRedos, o.redos),
        (S::ColReturns, o.returns),
    ];
    let counts: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{} {n}", t(*s)))
        .collect();
    fields.push((S::FCounts, counts.join(app.env.theme.dot()), Style::new()));
    if let Some(x) = &o.extension {
        let v = fill(t(S::ExtensionUntil), &[&x.until, &one_line(&x.reason)]);
        fields.push((S::FExtension, v, app.env.theme.warning()));
    }
    if let Some(r) = &o.return_request {
        let late = if r.late { t(S::ReturnLateMark) } else { "" };
        let v = fill(
            t(S::ReturnAskedValue),
            &[&one_line(&r.reason), &time(r.at), &late],
        );
        fields.push((S::FReturnAsked, v, app.env.theme.warning()));
    }
    if let Some(e) = &o.exemption {
        let v = fill(
            t(S::ExemptionValue),
            &[
                &i18n::exemption(app.env.lang, e.kind),
                &one_line(&e.reason),
                &time(e.at),
            ],
        );
        fields.push((S::FExemption, v, Style::new()));
    }
    if let Some(at) = o.first_contact_at {
        fields.push((S::FFirstContact, time(at), Style::new()));
    }
    if let Some(c) = o.callback {
        // The answers of the last callback that reached the citizen, when it is the last.
        let v = match o.last_callback {
            Some(l) if l.result == c => i18n::callback_answers(app.env.lang, l.result, &l.answers),
            _ => i18n::callback(app.env.lang, c).into(),
        };
        fields.push((S::FCallback, v, Style::new()));
    }
    if let Some(c) = o.closed_at {
        fields.push((S::FClosed, time(c), Style::new()));
    }
    let label_w = fields.iter().map(|(s, ..)| width(t(*s))).max().unwrap_or(8) + 2;
    let value_w = (w as usize).saturating_sub(label_w).max(10) as u16;
    let mut out = Vec::new();
    for (label, value, style) in fields {
        for (i, part) in wrap(&value, usize::from(value_w)).into_iter().enumerate() {
            let l = if i == 0 {
                pad(t(label), label_w)
            } else {
                " ".repeat(label_w)
            };
            out.push(Line::from(vec![
                Span::styled(l, app.env.theme.dim()),
                Span::styled(part, style),
            ]));
        }
    }

    // What can be done now, with the keys.
    let allowed: Vec<String> = possible(o, app.env.now)
        .iter()
        .filter(|a| app.env.role.refuses(**a, o).is_none())
        .filter_map(|a| {
            let k = app
                .env
                .keymap
                .key_for(Ctx::Orders, Cmd::Op(Op::for_action(*a)?))?;
            Some(format!("{k} {}", i18n::action(app.env.lang, *a)))
        })
        .collect();
    let mut spans = vec![Span::styled(
        pad(t(S::FAllowed), label_w),
        app.env.theme.dim(),
    )];
    spans.push(Span::styled(
        allowed.join(app.env.theme.dot()),
        app.env.theme.key(),
    ));
    out.push(Line::from(spans));

    let section = |out: &mut Vec<Line<'a>>, title: String| {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(title, app.env.theme.title())));
    };
    let body_w = w.saturating_sub(2);
    let indent = |s: String| Line::from(format!("  {s}"));

    section(&mut out, t(S::FContent).to_string());
    out.extend(
        wrap(sanitize(&o.content).trim(), usize::from(body_w))
            .into_iter()
            .map(indent),
    );

    if let Some(reply) = &o.reply {
        let mut title = t(S::FReply).to_string();
        if let Some(at) = o.replied_at {
            title = format!("{title}  {}", time(at));
        }
        section(&mut out, title);
        if let Some(v) = vague_reply(reply) {
            out.push(Line::from(Span::styled(
                format!("  {}", fill(t(S::VagueWarn), &[&v])),
                app.env.theme.warning(),
            )));
        }
        out.extend(
            wrap(sanitize(reply).trim(), usize::from(body_w))
                .into_iter()
                .map(indent),
        );
    }

    section(&mut out, fill(t(S::FHistory), &[&events.len()]));
    let kind_w = events
        .iter()
        .map(|e| width(i18n::event(app.env.lang, &e.kind)))
        .max()
        .unwrap_or(4)
        .min(18);
    // The unit column as wide as its longest entry, so that the operators line up.
    let unit_w = events
        .iter()
        .filter_map(|e| e.unit.as_deref())
        .map(|u| width(&one_line(u)))
        .max()
        .unwrap_or(0)
        .min(20);
    for (i, e) in events.iter().enumerate() {
        // Entered after the fact (an admin's --now, an import, the demo): said on its line.
        let back = stamps.get(i).is_some_and(|s| s.back_entry(e.at));
        let mut line = vec![
            Span::raw("  "),
            Span::styled(time(e.at), app.env.theme.dim()),
            Span::raw("  "),
            Span::styled(
                pad(i18n::event(app.env.lang, &e.kind), kind_w),
                app.env.theme.key(),
            ),
            Span::raw("  "),
            Span::raw(pad(
                &e.unit.as_deref().map(one_line).unwrap_or_default(),
                unit_w,
            )),
            Span::raw("  "),
            Span::styled(one_line(&e.operator), app.env.theme.dim()),
        ];
        if back {
            line.push(Span::raw(" "));
            line.push(Span::styled(app.env.t(S::BackEntry), app.env.theme.dim()));
        }
        out.push(Line::from(line));
        let text = sanitize(&e.kind.text());
        let text = text.trim();
        if !text.is_empty() {
            let w6 = w.saturating_sub(6);
            out.extend(
                wrap(text, usize::from(w6))
                    .into_iter()
                    .map(|s| Line::from(format!("      {s}"))),
            );
        }
    }
    out
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(d) = &app.detail.shown else {
        return;
    };
    let o = &d.row.order;
    let title = format!(
        " {}{}{}{}{} ",
        app.env.t(S::DetailTitle),
        app.env.theme.dot(),
        one_line(&o.order_no),
        app.env.theme.dot(),
        i18n::status(app.env.lang, o.status)
    );
    let mut block = frame(app, vec![Span::styled(title, app.env.theme.title())]);
    let inner = block.inner(area);
    let lines = lines(app, &d.row, &d.events, &d.stamps, inner.width);
    let h = inner.height as usize;
    let max = lines.len().saturating_sub(h);
    app.detail.height.set(h.max(1));
    app.detail.max.set(max);
    let scroll = app.detail.scroll.min(max);
    // The history is usually below the fold: say how to get there.
    if max > 0 {
        let shown = (scroll + h).min(lines.len());
        let pos = fill(
            app.env.t(S::ScrollHint),
            &[&app.env.theme.dot(), &shown, &lines.len()],
        );
        block = block.title_bottom(Line::from(format!(" {pos} ")).right_aligned());
    }
    f.render_widget(block, area);
    f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
