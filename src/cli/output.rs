//! Plain-text, CSV and JSON output of orders and units for the CLI. Widths are display widths.

use crate::domain::assessment::Pack;
use crate::domain::forecast::{FloorRisk, Forecast};
use crate::domain::scorecard::OVERDUE_DAYS;
use crate::domain::text::{mask_name, mask_phone, one_line, pad, pad_left, truncate};
use crate::domain::time::fmt;
use crate::domain::{Order, Unit};
use crate::ops::calendar;
use crate::store::StoredEvent;
use chrono::NaiveDateTime;
use serde_json::json;

/// Working days left (negative: late), or None without a deadline / when closed.
pub fn days_left(o: &Order, now: NaiveDateTime) -> Option<i64> {
    match (o.is_open(), o.deadline) {
        (true, Some(d)) => Some(calendar().working_days_left(now.date(), d)),
        _ => None,
    }
}

pub fn units_table(units: &[Unit]) -> String {
    let mut out = format!(
        "{} {} {}\n",
        pad("单位 unit", 20),
        pad("kind", 12),
        "active"
    );
    for u in units {
        out.push_str(&format!(
            "{} {} {}\n",
            pad(&u.name, 20),
            pad(u.kind.code(), 12),
            if u.active { "yes" } else { "no" }
        ));
    }
    out
}

pub fn orders_table(orders: &[Order], now: NaiveDateTime) -> String {
    let mut out = format!(
        "{} {} {} {} {} {}\n",
        pad("order_no", 14),
        pad("status", 17),
        pad("unit", 16),
        pad("deadline", 10),
        pad_left("left", 5),
        "title"
    );
    for o in orders {
        out.push_str(&format!(
            "{} {} {} {} {} {}\n",
            pad(&o.order_no, 14),
            pad(o.status.code(), 17),
            pad(o.unit.as_deref().unwrap_or("-"), 16),
            pad(
                &o.deadline
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                10
            ),
            pad_left(
                &days_left(o, now).map(|d| d.to_string()).unwrap_or_default(),
                5
            ),
            one_line(&o.title)
        ));
    }
    out.push_str(&format!("{} orders\n", orders.len()));
    out
}

pub fn orders_csv(orders: &[Order], now: NaiveDateTime) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "order_no",
        "category",
        "status",
        "unit",
        "title",
        "received_at",
        "deadline",
        "days_left",
        "closed_at",
        "urges",
        "supervisions",
        "redos",
    ]);
    for o in orders {
        let _ = w.write_record([
            o.order_no.clone(),
            o.category.code().into(),
            o.status.code().into(),
            o.unit.clone().unwrap_or_default(),
            one_line(&o.title),
            fmt(o.received_at),
            o.deadline.map(|d| d.to_string()).unwrap_or_default(),
            days_left(o, now).map(|d| d.to_string()).unwrap_or_default(),
            o.closed_at.map(fmt).unwrap_or_default(),
            o.urges.to_string(),
            o.supervisions.to_string(),
            o.redos.to_string(),
        ]);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn event_json(s: &StoredEvent) -> serde_json::Value {
    let e = &s.event;
    json!({
        "at": fmt(e.at),
        "operator": e.operator,
        "kind": e.kind.code(),
        "unit": e.unit,
        "text": e.kind.text(),
        "account": (!s.stamp.account.is_empty()).then_some(&s.stamp.account),
        "recorded_at": s.stamp.recorded_at.map(fmt),
        "back_entry": s.stamp.back_entry(e.at),
    })
}

/// The line under an event that says who recorded it and when, where that is news: the
/// account differs from the name shown, or it was entered after the fact (补录).
fn stamp_line(s: &StoredEvent) -> Option<String> {
    let back = s.stamp.back_entry(s.event.at);
    let other = !s.stamp.account.is_empty() && s.stamp.account != s.event.operator;
    if !back && !other {
        return None;
    }
    let when = s.stamp.recorded_at.map(fmt).unwrap_or_default();
    Some(format!(
        "      {}recorded by account {} at {when}",
        if back { "补录 back-entry: " } else { "" },
        one_line(&s.stamp.account)
    ))
}

/// Order JSON: citizen's name and phone masked unless `reveal` (an audited action).
pub fn order_value(
    o: &Order,
    events: Option<&[StoredEvent]>,
    now: NaiveDateTime,
    reveal: bool,
) -> serde_json::Value {
    let (citizen, phone) = contact(o, reveal);
    let mut v = json!({
        "order_no": o.order_no,
        "category": o.category.code(),
        "status": o.status.code(),
        "unit": o.unit,
        "title": o.title,
        "content": o.content,
        "citizen": citizen,
        "phone": phone,
        "address": o.address,
        "received_at": fmt(o.received_at),
        "assigned_at": o.assigned_at.map(fmt),
        "deadline": o.deadline.map(|d| d.to_string()),
        "due_at": o.due_at.map(fmt),
        "hours_left": o.hours_left(now),
        "limit_warning": crate::domain::limits::limit_warning(crate::ops::calendar(), o, now),
        "days_left": days_left(o, now),
        "days_overdue": o.days_overdue(now),
        "reply": o.reply,
        "replied_at": o.replied_at.map(fmt),
        "callback": o.callback.map(|c| c.code()),
        "first_contact_at": o.first_contact_at.map(fmt),
        "last_callback": o.last_callback.map(|c| json!({
            "at": fmt(c.at),
            "result": c.result.code(),
            "contacted": c.answers.contacted,
            "solved": c.answers.solved.map(|s| s.code()),
        })),
        "closed_at": o.closed_at.map(fmt),
        "urges": o.urges,
        "supervisions": o.supervisions,
        "redos": o.redos,
        "returns": o.returns,
        "merged_into": o.merged_into,
        "version": o.version,
    });
    // A unit's return request awaiting the office, and an exemption from assessment.
    v["return_request"] = match &o.return_request {
        Some(r) => json!({"reason": r.reason, "at": fmt(r.at), "late": r.late}),
        None => serde_json::Value::Null,
    };
    v["exemption"] = match &o.exemption {
        Some(e) => json!({"kind": e.kind.code(), "reason": e.reason, "at": fmt(e.at)}),
        None => serde_json::Value::Null,
    };
    if let Some(events) = events {
        v["events"] = events.iter().map(event_json).collect();
    }
    v
}

pub fn order_json(o: &Order, events: &[StoredEvent], now: NaiveDateTime, reveal: bool) -> String {
    serde_json::to_string_pretty(&order_value(o, Some(events), now, reveal)).unwrap_or_default()
}

/// The citizen's name and phone, masked unless `reveal`.
fn contact(o: &Order, reveal: bool) -> (String, String) {
    if reveal {
        (one_line(&o.citizen), one_line(&o.phone))
    } else {
        (mask_name(&o.citizen), mask_phone(&o.phone))
    }
}

pub fn orders_json(orders: &[Order], now: NaiveDateTime) -> String {
    let v: Vec<_> = orders
        .iter()
        .map(|o| order_value(o, None, now, false))
        .collect();
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

pub fn order_text(o: &Order, events: &[StoredEvent], now: NaiveDateTime, reveal: bool) -> String {
    let (citizen, phone) = contact(o, reveal);
    let mut s = String::new();
    let line = |s: &mut String, k: &str, v: String| s.push_str(&format!("{} {}\n", pad(k, 12), v));
    line(&mut s, "工单编号", o.order_no.clone());
    line(&mut s, "标题", one_line(&o.title));
    line(
        &mut s,
        "类别",
        format!("{} ({})", o.category.zh(), o.category.code()),
    );
    line(
        &mut s,
        "状态",
        format!("{} ({})", o.status.zh(), o.status.code()),
    );
    line(
        &mut s,
        "承办单位",
        o.unit.clone().unwrap_or_else(|| "-".into()),
    );
    line(&mut s, "受理时间", fmt(o.received_at));
    let warn = crate::domain::limits::limit_warning(calendar(), o, now)
        .map(|w| format!("; 已用 {w}% / {w}% used"))
        .unwrap_or_default();
    let deadline = match (o.due_at, o.hours_left(now), o.deadline, days_left(o, now)) {
        // An urgent order: its time due, and the hours left or over.
        (Some(due), Some(h), _, _) if h < 0 => format!(
            "{} (超时 {} 小时 / {} h over)",
            due.format("%Y-%m-%d %H:%M"),
            -h,
            -h
        ),
        (Some(due), Some(h), _, _) => format!(
            "{} (剩余 {h} 小时 / {h} h left{warn})",
            due.format("%Y-%m-%d %H:%M")
        ),
        (Some(due), None, _, _) => due.format("%Y-%m-%d %H:%M").to_string(),
        (None, _, Some(d), Some(n)) if n < 0 => format!(
            "{d} (超期 {} 天 / overdue {} days)",
            o.days_overdue(now),
            o.days_overdue(now)
        ),
        (None, _, Some(d), Some(n)) => {
            format!("{d} (剩余 {n} 个工作日 / {n} working days left{warn})")
        }
        (None, _, Some(d), None) => d.to_string(),
        (None, _, None, _) => "-".into(),
    };
    line(&mut s, "办理时限", deadline);
    if let Some(at) = o.first_contact_at {
        line(&mut s, "先行联系", format!("{} (first contact)", fmt(at)));
    }
    if let Some(c) = o.last_callback {
        line(
            &mut s,
            "回访",
            format!("{} {}", fmt(c.at), callback_answers(c.result, &c.answers)),
        );
    }
    line(&mut s, "诉求人", format!("{citizen} {phone}"));
    line(&mut s, "地址", one_line(&o.address));
    if let Some(lead) = &o.merged_into {
        let text = if o.status == crate::domain::Status::Merged {
            format!("并入主单 {lead}，随主单答复 / merged into {lead}, follows its reply")
        } else {
            format!("随主单 {lead} 答复 / took the reply of {lead}")
        };
        line(&mut s, "并单", text);
    }
    if let Some(r) = &o.return_request {
        line(
            &mut s,
            "退单申请",
            format!(
                "{}{}，{} 申请，待办公室审核 / asked {}, awaiting the office{}",
                one_line(&r.reason),
                if r.late { "（迟退单）" } else { "" },
                fmt(r.at),
                fmt(r.at),
                if r.late {
                    " (late: after the deadline day)"
                } else {
                    ""
                }
            ),
        );
    }
    if let Some(e) = &o.exemption {
        line(
            &mut s,
            "剔除",
            format!(
                "{} ({})：{}，{} / exempted from assessment",
                e.kind.zh(),
                e.kind.code(),
                one_line(&e.reason),
                fmt(e.at)
            ),
        );
    }
    s.push_str(&format!(
        "\n{}\n",
        crate::domain::text::sanitize(&o.content)
    ));
    s.push_str("\n办理过程 history:\n");
    for stored in events {
        let e = &stored.event;
        s.push_str(&format!(
            "  {}  {}  {}  {}  {}\n",
            fmt(e.at),
            pad(e.kind.zh(), 12),
            pad(e.unit.as_deref().unwrap_or(""), 14),
            pad(&one_line(&e.operator), 16),
            one_line(&e.kind.text())
        ));
        if let Some(l) = stamp_line(stored) {
            s.push_str(&l);
            s.push('\n');
        }
    }
    s
}

/// A callback's answers as one phrase: `contacted yes (已联系), solved explained (解释说明),
/// satisfaction basically-satisfied (基本满意)`; an unreachable one says it is not a valid
/// callback; an older one (satisfaction only) names the satisfaction.
pub fn callback_answers(
    result: crate::domain::CallbackResult,
    answers: &crate::domain::order::Answers,
) -> String {
    if !result.reached() {
        return format!(
            "{} ({}): not a valid callback, no answers",
            result.code(),
            result.zh()
        );
    }
    let mut parts = Vec::new();
    if let Some(c) = answers.contacted {
        parts.push(if c {
            "contacted yes (已联系)".to_string()
        } else {
            "contacted no (未联系)".to_string()
        });
    }
    if let Some(s) = answers.solved {
        parts.push(format!("solved {} ({})", s.code(), s.zh()));
    }
    parts.push(format!("satisfaction {} ({})", result.code(), result.zh()));
    parts.join(", ")
}

/// "4th", "11th", "22nd": the English ordinal of a count.
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// What an action command recorded, then the order's state: the one line every action
/// command prints, e.g. `urged 201710270002 (住建局, 4th urge); status handling (办理中)`.
pub fn recorded(a: &crate::domain::Action, o: &Order) -> String {
    use crate::domain::Action as A;
    let no = &o.order_no;
    let unit = o.unit.as_deref().unwrap_or("-");
    let deadline = o
        .deadline
        .map(|d| d.to_string())
        .unwrap_or_else(|| "-".into());
    let what = match a {
        A::Dispatch {
            unit,
            due: Some(due),
            ..
        } => format!(
            "dispatched {no} to {unit}, due {} (urgent, clock hours)",
            due.format("%Y-%m-%d %H:%M")
        ),
        A::Dispatch { unit, deadline, .. } => {
            format!("dispatched {no} to {unit}, deadline {deadline}")
        }
        A::Reassign {
            unit,
            due: Some(due),
            ..
        } => format!(
            "reassigned {no} to {unit}, due {} (urgent, clock hours)",
            due.format("%Y-%m-%d %H:%M")
        ),
        A::Reassign { unit, deadline, .. } => {
            format!("reassigned {no} to {unit}, deadline {deadline}")
        }
        A::Accept => format!("accepted {no} ({unit}, deadline {deadline})"),
        A::Return { reason } => format!(
            "asked to return {no} to the office (the office approves or refuses; {unit} keeps it until then): {}",
            one_line(reason)
        ),
        A::ApproveReturn => format!("approved the return of {no}: it is back with the office"),
        A::RefuseReturn { reason } => format!(
            "refused the return of {no}; {unit} keeps it: {}",
            one_line(reason)
        ),
        A::Contact { .. } => match o.first_contact_at {
            Some(at) => format!(
                "recorded {unit}'s contact with the citizen of {no} (first contact {})",
                fmt(at)
            ),
            None => format!("recorded {unit}'s contact with the citizen of {no}"),
        },
        A::Exempt { kind, reason } => format!(
            "exempted {no} from assessment ({}, {}): {}",
            kind.code(),
            kind.zh(),
            one_line(reason)
        ),
        A::Unexempt { .. } => format!("lifted the exemption of {no}: it counts again"),
        A::RequestExtension { until, reason } => format!(
            "requested an extension of {no} until {until}: {}",
            one_line(reason)
        ),
        A::ApproveExtension => format!("approved the extension of {no}: deadline {deadline}"),
        A::RefuseExtension { reason } => {
            format!("refused the extension of {no}: {}", one_line(reason))
        }
        A::Reply { .. } => format!("recorded the reply to {no} ({unit})"),
        A::ReviewAccept => format!("accepted the reply to {no}"),
        A::ReviewReject { reason } => {
            format!("rejected the reply to {no}: {}", one_line(reason))
        }
        A::Urge { .. } => format!("urged {no} ({unit}, {} urge)", ordinal(o.urges)),
        A::Supervise { on_site, .. } => format!(
            "supervised {no} ({unit}, {} supervision{})",
            ordinal(o.supervisions),
            if on_site.is_some() { ", on site" } else { "" }
        ),
        A::Callback { result, answers } => format!(
            "recorded the callback of {no}: {}",
            callback_answers(*result, answers)
        ),
        A::Redo { deadline, .. } => format!(
            "sent {no} back to {unit} to redo ({} redo), deadline {deadline}",
            ordinal(o.redos)
        ),
        A::Close { .. } => format!("closed {no}"),
        A::RevealContact => format!("revealed the contact of {no} (recorded)"),
        A::Merge { lead, .. } => format!(
            "merged {no} into {}: it follows the lead's reply (hotline unmerge {no} undoes it)",
            lead.order_no
        ),
        A::Unmerge { .. } => format!("unmerged {no}: it is as it was before the merge"),
        A::FollowLead { lead, .. } => format!("{no} took the reply of {lead}"),
    };
    format!("{what}; status {} ({})", o.status.code(), o.status.zh())
}

/// `hotline forecast`: a header with the date and counts, the orders (the earliest deadline
/// first), then how many per unit.
pub fn forecast_text(f: &Forecast, pack: &Pack, risks: &[FloorRisk]) -> String {
    let unit = |u: &Option<String>| u.clone().unwrap_or_else(|| "-".into());
    let mut out = format!(
        "forecast by {by} (as of {as_of}): {n} order(s) of {u} unit(s) will be overdue more than {d} days\n\
         超期预警：截至 {by} 日终，{u} 个单位的 {n} 件工单将超期{d}天以上（现在尚未）\n\n",
        by = f.by,
        as_of = fmt(f.as_of),
        n = f.orders.len(),
        u = f.units.len(),
        d = OVERDUE_DAYS,
    );
    out.push_str(&format!(
        "{} {} {} {} {} {}\n",
        pad("order_no", 14),
        pad("unit", 16),
        pad("deadline", 10),
        pad_left("now", 5),
        pad_left("by", 5),
        "title"
    ));
    for c in &f.orders {
        out.push_str(&format!(
            "{} {} {} {} {} {}\n",
            pad(&c.order_no, 14),
            pad(&truncate(&one_line(&unit(&c.unit)), 16), 16),
            pad(&c.deadline.to_string(), 10),
            pad_left(&c.days_overdue_now.to_string(), 5),
            pad_left(&c.days_overdue_by.to_string(), 5),
            one_line(&c.title)
        ));
    }
    if !f.units.is_empty() {
        out.push_str(&format!(
            "\n{} {}\n",
            pad("单位 unit", 16),
            pad_left("orders", 6)
        ));
        for u in &f.units {
            out.push_str(&format!(
                "{} {}\n",
                pad(&truncate(&one_line(&unit(&u.unit)), 16), 16),
                pad_left(&u.orders.to_string(), 6)
            ));
        }
    }
    if !pack.floors.is_empty() {
        out.push_str(&format!(
            "\n{n} unit(s) will be below a floor of {p} by {by} (each order late by then closed late)\n\
             {p} 底线预警：截至 {by}，{n} 个单位将低于底线（届时超期的工单即使办结也已超期）\n",
            n = risks.len(),
            p = pack.name,
            by = f.by,
        ));
        if !risks.is_empty() {
            out.push_str(&format!(
                "{} {} {} {} {} {}\n",
                pad("单位 unit", 16),
                pad("figure", 14),
                pad_left("floor", 6),
                pad_left("now", 8),
                pad_left("by", 8),
                pad_left("late_by", 7)
            ));
        }
        for r in risks {
            out.push_str(&format!(
                "{} {} {} {} {} {}\n",
                pad(&truncate(&one_line(&r.unit), 16), 16),
                pad(r.figure.zh(), 14),
                pad_left(&format!("{}%", r.min_percent), 6),
                pad_left(&r.now.show(), 8),
                pad_left(&r.by.show(), 8),
                pad_left(&r.late_by.to_string(), 7)
            ));
        }
    }
    out
}

/// `hotline forecast --format json`. `units` is where per-unit forecasts go (more may be
/// added there later).
pub fn forecast_json(f: &Forecast, pack: &Pack, risks: &[FloorRisk]) -> String {
    let v = json!({
        "by": f.by.to_string(),
        "as_of": fmt(f.as_of),
        "orders": f.orders.iter().map(|c| json!({
            "order_no": c.order_no,
            "unit": c.unit,
            "deadline": c.deadline.to_string(),
            "days_overdue_now": c.days_overdue_now,
            "days_overdue_by": c.days_overdue_by,
            "title": c.title,
        })).collect::<Vec<_>>(),
        "units": f.units.iter().map(|u| json!({
            "unit": u.unit,
            "orders": u.orders,
        })).collect::<Vec<_>>(),
        "pack": pack.name,
        "floors": risks.iter().map(|r| json!({
            "unit": r.unit,
            "figure": r.figure.code(),
            "min_percent": r.min_percent,
            "now": r.now,
            "by": r.by,
            "late_by": r.late_by,
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// `hotline similar`: the order, then one candidate a line with its reasons.
pub fn similar_text(o: &Order, list: &[crate::domain::similar::Candidate]) -> String {
    let mut out = format!("{}  {}\n", o.order_no, truncate(&one_line(&o.title), 60));
    if list.is_empty() {
        out.push_str("可能重复：无 (no duplicate candidates)\n");
        return out;
    }
    out.push_str(&format!(
        "可能重复 {} 件 (duplicate candidates):\n",
        list.len()
    ));
    for c in list {
        out.push_str(&format!(
            "  {:.2}  {}  {}  {}  {}\n        {}\n",
            c.matched.score,
            c.order_no,
            c.received_at.format("%Y-%m-%d"),
            if c.open { "未办结" } else { "已办结" },
            truncate(&one_line(&c.title), 50),
            c.matched.reasons_zh(),
        ));
    }
    out
}

/// `hotline hotspots`: one hotspot a line, heat first, then its orders.
pub fn hotspots_table(list: &[crate::domain::similar::Hotspot]) -> String {
    if list.is_empty() {
        return "热点问题：无 (no hotspots in the window)\n".to_string();
    }
    let mut out = String::from("  热度   件数 来电人 上期  增长  未办结  热点\n");
    for h in list {
        out.push_str(&format!(
            "{} {} {} {} {} {}  {}\n        {}\n",
            pad_left(&format!("{:.1}", h.heat), 7),
            pad_left(&h.count.to_string(), 5),
            pad_left(&h.distinct_callers.to_string(), 6),
            pad_left(&h.previous.to_string(), 4),
            pad_left(&format!("{:+.0}%", h.growth * 100.0), 5),
            pad_left(&format!("{:.0}%", h.open_share * 100.0), 6),
            truncate(&one_line(&h.label), 60),
            if h.order_nos.len() > 12 {
                format!(
                    "{} …（共 {} 件）",
                    h.order_nos[..12].join(" "),
                    h.order_nos.len()
                )
            } else {
                h.order_nos.join(" ")
            },
        ));
    }
    out
}

/// `hotline suggest`: the units, best first, with the words that decided each.
pub fn suggest_text(o: &Order, list: &[crate::domain::suggest::Suggestion]) -> String {
    let mut out = format!("{}  {}\n", o.order_no, truncate(&one_line(&o.title), 60));
    if list.is_empty() {
        out.push_str("派单建议：无 (no dispatch history to learn from)\n");
        return out;
    }
    for (i, s) in list.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {}  {:.2}  {}\n",
            i + 1,
            s.unit,
            s.score,
            s.words.join("、")
        ));
    }
    out
}

#[cfg(test)]
mod recorded_tests {
    use super::ordinal;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
