//! The 办理过程 (history) column of our own export: an order's events, one a line, readable
//! in Excel and exact for the importer:
//!
//! ```text
//! 2017-11-02 09:13:00 转办 住建局 {"at":"2017-11-02T09:13:00","deadline":"2017-11-16","kind":"dispatched","operator":"热线办-马丽","unit":"住建局"}
//! ```
//!
//! The words before the `{` are for people; the JSON is the stored event's time, operator and
//! data (`domain::EventKind`, as the store keeps it).
//! The intake line carries only its time and operator (the order's columns carry the rest).
//! Replaying a history turns each event back into the action that produced it and runs it
//! through `workflow::decide`, so an imported history obeys every rule a native one does.

use crate::domain::lang::Msg;
use crate::domain::{Action, Event, EventKind};
use chrono::NaiveDateTime;
use serde::Deserialize;

/// The action that records `kind`, if the importer can replay it. Intake is not an action;
/// events that are only an audit trail (not part of the order's handling) are not exported.
pub fn action_of(kind: &EventKind) -> Option<Action> {
    into_action(kind.clone())
}

/// `action_of`, taking the event's data.
pub fn into_action(kind: EventKind) -> Option<Action> {
    Some(match kind {
        EventKind::Dispatched {
            unit,
            deadline,
            due,
        } => Action::Dispatch {
            unit,
            deadline,
            due,
        },
        EventKind::Accepted => Action::Accept,
        // A return is the office's approval of the unit's request; an older history's
        // direct return is imported as both (see `plan`).
        EventKind::Returned { .. } => Action::ApproveReturn,
        EventKind::ReturnRequested { reason, .. } => Action::Return { reason },
        EventKind::ReturnRefused { reason } => Action::RefuseReturn { reason },
        EventKind::Contacted { note } => Action::Contact { note },
        EventKind::Exempted { exemption, reason } => Action::Exempt {
            kind: exemption,
            reason,
        },
        EventKind::Unexempted { reason } => Action::Unexempt { reason },
        EventKind::ExtensionRequested { until, reason } => {
            Action::RequestExtension { until, reason }
        }
        EventKind::ExtensionApproved => Action::ApproveExtension,
        EventKind::ExtensionRefused { reason } => Action::RefuseExtension { reason },
        EventKind::Replied { text } => Action::Reply { text },
        EventKind::ReviewAccepted => Action::ReviewAccept,
        EventKind::ReviewRejected { reason } => Action::ReviewReject { reason },
        EventKind::Urged { note } => Action::Urge { note },
        EventKind::Supervised { note, on_site } => Action::Supervise { note, on_site },
        EventKind::CalledBack { result, answers } => Action::Callback { result, answers },
        EventKind::Redone {
            reason,
            deadline,
            due,
        } => Action::Redo {
            reason,
            deadline,
            due,
        },
        EventKind::Closed { reason } => Action::Close { reason },
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

/// Is this event written to the history column?
pub fn exported(e: &Event) -> bool {
    matches!(e.kind, EventKind::Received { .. }) || action_of(&e.kind).is_some()
}

/// One event as a history line.
pub fn format_line(e: &Event) -> String {
    let head = format!(
        "{} {}{}",
        e.at.format("%Y-%m-%d %H:%M:%S"),
        e.kind.zh(),
        e.unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default()
    );
    let mut data = match &e.kind {
        EventKind::Received { .. } => serde_json::json!({ "kind": "received" }),
        kind => serde_json::to_value(kind).unwrap_or_default(),
    };
    if let Some(obj) = data.as_object_mut() {
        obj.insert("at".into(), crate::domain::time::fmt(e.at).into());
        obj.insert("operator".into(), e.operator.clone().into());
    }
    let json = data.to_string();
    format!("{head} {json}")
}

/// A whole history, oldest first, one event a line.
pub fn format(events: &[Event]) -> String {
    events
        .iter()
        .filter(|e| exported(e))
        .map(format_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A parsed history line. (The unit an event concerns is not read back: replaying the
/// action works it out, as it did the first time.)
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// The intake: its time and operator.
    Intake { at: NaiveDateTime, operator: String },
    Event {
        at: NaiveDateTime,
        operator: String,
        kind: EventKind,
    },
}

#[derive(Deserialize)]
struct Head {
    at: NaiveDateTime,
    #[serde(default)]
    operator: String,
}

/// The time and operator taken out of an event's data, when they are as we write them (the
/// time as chrono reads it for `Head`, the operator a string or absent); else None and
/// nothing taken.
fn take_head(value: &mut serde_json::Value) -> Option<Head> {
    use serde_json::Value;
    let obj = value.as_object_mut()?;
    let at: NaiveDateTime = match obj.get("at") {
        Some(Value::String(s)) => s.parse().ok()?,
        _ => return None,
    };
    if !matches!(obj.get("operator"), None | Some(Value::String(_))) {
        return None;
    }
    obj.remove("at");
    // An imported history's operator is the file's text: cleaned as all text is (the one
    // place an imported operator's name enters).
    let operator = match obj.remove("operator") {
        Some(Value::String(s)) => crate::domain::text::one_line(&s),
        _ => String::new(),
    };
    Some(Head { at, operator })
}

/// Parse a history cell. Errors name the line.
pub fn parse(text: &str) -> Result<Vec<Line>, Msg> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some(start) = line.find('{') else {
            return Err(Msg::both(
                format!(
                    "history line {}: no event data (expected `time action {{…}}` as hotline exports it)",
                    i + 1
                ),
                format!(
                    "历史第 {} 行：没有事件数据（应为 hotline 导出的“时间 动作 {{…}}”）",
                    i + 1
                ),
            ));
        };
        let json = &line[start..];
        let damaged = |e: serde_json::Error| {
            Msg::both(
                format!("history line {}: the event data is damaged ({e})", i + 1),
                format!("历史第 {} 行：事件数据已损坏（{e}）", i + 1),
            )
        };
        let mut value: serde_json::Value = serde_json::from_str(json).map_err(damaged)?;
        let head = match take_head(&mut value) {
            Some(head) => head,
            // Anything unusual: serde says what is wrong.
            None => {
                let head: Head = serde_json::from_value(value.clone()).map_err(damaged)?;
                if let Some(obj) = value.as_object_mut() {
                    obj.remove("at");
                    obj.remove("operator");
                }
                head
            }
        };
        if value.get("kind").and_then(|k| k.as_str()) == Some("received") {
            out.push(Line::Intake {
                at: head.at,
                operator: head.operator,
            });
            continue;
        }
        let kind: EventKind = serde_json::from_value(value).map_err(damaged)?;
        if action_of(&kind).is_none() {
            return Err(Msg::both(
                format!(
                    "history line {}: a '{}' event cannot be imported",
                    i + 1,
                    kind.code()
                ),
                format!("历史第 {} 行：“{}”事件不能导入", i + 1, kind.code()),
            ));
        }
        out.push(Line::Event {
            at: head.at,
            operator: head.operator,
            kind,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_datetime;
    use crate::domain::{CallbackResult, Intake};

    #[test]
    fn an_imported_operator_loses_its_control_characters() {
        let line = "2017-11-02 09:13:00 转办 住建局 {\"at\":\"2017-11-02T09:13:00\",\"deadline\":\"2017-11-16\",\"kind\":\"dispatched\",\"operator\":\"马丽\\u001b]0;pwned\\u0007\\u202e\",\"unit\":\"住建局\"}";
        let lines = parse(line).unwrap();
        let Some(Line::Event { operator, .. }) = lines.first() else {
            panic!("{lines:?}");
        };
        assert_eq!(operator, "马丽]0;pwned");
    }

    #[test]
    fn lines_round_trip() {
        let at = parse_datetime("2017-11-02T09:13:00", false).unwrap();
        let events = vec![
            Event {
                at,
                operator: "热线办-马丽".into(),
                unit: None,
                kind: EventKind::Received {
                    intake: Intake {
                        title: "路灯不亮".into(),
                        ..Default::default()
                    },
                    received_at: at,
                },
            },
            Event {
                at,
                operator: "热线办-马丽".into(),
                unit: Some("住建局".into()),
                kind: EventKind::Dispatched {
                    unit: "住建局".into(),
                    deadline: at.date(),
                    due: None,
                },
            },
            Event {
                at,
                operator: "x".into(),
                unit: Some("住建局".into()),
                kind: EventKind::Replied {
                    text: "已修复。\n第二行 {大括号}".into(),
                },
            },
            Event {
                at,
                operator: "x".into(),
                unit: Some("住建局".into()),
                kind: EventKind::CalledBack {
                    result: CallbackResult::Satisfied,
                    answers: Default::default(),
                },
            },
        ];
        let text = format(&events);
        assert_eq!(text.lines().count(), 4);
        assert!(text.starts_with("2017-11-02 09:13:00 受理 {"));
        let lines = parse(&text).unwrap();
        assert_eq!(
            lines[0],
            Line::Intake {
                at,
                operator: "热线办-马丽".into()
            }
        );
        for (l, e) in lines[1..].iter().zip(&events[1..]) {
            assert_eq!(
                l,
                &Line::Event {
                    at: e.at,
                    operator: e.operator.clone(),
                    kind: e.kind.clone()
                }
            );
        }
        assert!(
            parse("2017-11-02 转办 {broken")
                .unwrap_err()
                .en
                .contains("line 1")
        );
        assert!(parse("just words").unwrap_err().en.contains("line 1"));
        // Heads as we write them are read directly; anything else gets serde's own error.
        assert_eq!(
            parse(r#"x {"kind":"accepted","at":"2017-11-02T09:13:00"}"#).unwrap(),
            vec![Line::Event {
                at,
                operator: String::new(),
                kind: EventKind::Accepted
            }]
        );
        for bad in [
            r#"x {"kind":"accepted","at":"2017-11-02T09:13:00","operator":5}"#,
            r#"x {"kind":"accepted","at":"yesterday","operator":"a"}"#,
            r#"x {"kind":"accepted","operator":"a"}"#,
            r#"x {"kind":"replied","at":"2017-11-02T09:13:00"}"#,
        ] {
            let e = parse(bad).unwrap_err().en;
            assert!(
                e.contains("line 1: the event data is damaged ("),
                "{bad}: {e}"
            );
        }
    }
}
