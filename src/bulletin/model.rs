//! The bulletin's values: every number is a scorecard figure (`domain::scorecard`), formatted;
//! the lists name units by those figures. One count is not a scorecard figure and is defined
//! here, once: **vague replies** (回复不具体).

use crate::domain::scorecard::{Period, Scorecard, UnitRow};
use crate::domain::text::vague_reply;
use crate::domain::{Event, EventKind, UnitKind};
use crate::report::percent;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// **Vague replies**: reply events (回复) dated in the report's period, up to `as_of`, whose
/// text `domain::text::vague_reply` flags (a phrase such as “正在办理中” or “已呈报领导”, fewer
/// than 15 characters, or no concrete measure). Each reply counts, so an order answered
/// vaguely twice counts twice; it is attributed to the unit that replied (the office's own
/// answers to “热线办”).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VagueReplies {
    pub total: u64,
    /// Per unit, most first (then by name).
    pub by_unit: Vec<(String, u64)>,
    /// Per reason, most first.
    pub by_reason: Vec<(String, u64)>,
}

pub const OFFICE: &str = "热线办";

/// Count vague replies among `events` (any order's events; other kinds are ignored).
pub fn vague_replies<'a>(events: impl IntoIterator<Item = &'a Event>, p: &Period) -> VagueReplies {
    let end = p.as_of.min(p.to.and_time(crate::domain::time::end_time()));
    let mut units: BTreeMap<String, u64> = BTreeMap::new();
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    let mut total = 0;
    for e in events {
        let EventKind::Replied { text } = &e.kind else {
            continue;
        };
        if e.at.date() < p.from || e.at > end {
            continue;
        }
        if let Some(why) = vague_reply(text) {
            total += 1;
            *units
                .entry(e.unit.clone().unwrap_or_else(|| OFFICE.to_string()))
                .or_default() += 1;
            *reasons.entry(why).or_default() += 1;
        }
    }
    let sorted = |m: BTreeMap<String, u64>| {
        let mut v: Vec<(String, u64)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    VagueReplies {
        total,
        by_unit: sorted(units),
        by_reason: sorted(reasons),
    }
}

/// `2017年10月27日`
pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `2017年10月27日至12月31日` (the year once when both days fall in it).
pub fn period_zh(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() == to.year() {
        format!("{}至{}月{}日", date_zh(from), to.month(), to.day())
    } else {
        format!("{}至{}", date_zh(from), date_zh(to))
    }
}

/// How many units a list names at most.
pub const HEAVY_DEPARTMENTS: usize = 4;
pub const HEAVY_TOWNSHIPS: usize = 3;
pub const LIST_MAX: usize = 8;

/// Rows by a figure, largest first; ties keep the bulletin's order. Zero rows are left out.
fn top<'a>(
    rows: impl Iterator<Item = &'a UnitRow>,
    key: impl Fn(&UnitRow) -> u64,
) -> Vec<&'a UnitRow> {
    let mut v: Vec<&UnitRow> = rows.filter(|r| key(r) > 0).collect();
    v.sort_by_key(|r| std::cmp::Reverse(key(r))); // stable: ties stay in table order
    v
}

fn name_list(items: &[String], sep: &str, total: usize) -> String {
    let mut s = items.join(sep);
    if total > items.len() {
        s.push_str(&format!("等{total}个单位"));
    }
    s
}

/// The values of the template's placeholders.
pub fn values(
    card: &Scorecard,
    vague: &VagueReplies,
    now: NaiveDateTime,
    doc_no: Option<&str>,
) -> BTreeMap<&'static str, String> {
    let t = &card.totals;
    let p = &card.period;
    let n = |v: u64| v.to_string();
    let mut m: BTreeMap<&'static str, String> = BTreeMap::new();
    m.insert(
        "doc_no",
        doc_no
            .map(str::to_string)
            .unwrap_or_else(|| format!("〔{}〕　号", now.year())),
    );
    m.insert("period_zh", period_zh(p.from, p.to));
    m.insert("from_zh", date_zh(p.from));
    m.insert(
        "to_zh",
        if p.from.year() == p.to.year() {
            format!("{}月{}日", p.to.month(), p.to.day())
        } else {
            date_zh(p.to)
        },
    );
    m.insert("as_of_zh", date_zh(p.as_of.date()));
    m.insert("issue_date_zh", date_zh(now.date()));
    for (k, v) in [
        ("received", t.received),
        ("inquiry", t.inquiry),
        ("suggestion", t.suggestion),
        ("request", t.request),
        ("closed", t.closed),
        ("open", t.open),
        ("unassigned", t.unassigned),
        ("overdue_30d", t.overdue_30d),
        ("open_overdue_30d", t.open_overdue_30d),
        ("redone", t.redone),
    ] {
        m.insert(k, n(v));
    }
    m.insert("closure_rate", percent(t.closure_rate));
    m.insert("open_overdue_rate", percent(t.open_overdue_rate));
    m.insert("redo_rate", percent(t.redo_rate));
    let sum = |f: fn(&UnitRow) -> u64| card.table_totals.iter().map(f).sum::<u64>();
    m.insert("urges", n(sum(|r| r.urges)));
    m.insert("supervisions", n(sum(|r| r.supervisions)));

    // 承办量: the heaviest-loaded departments, then townships.
    let heavy: Vec<String> = top(card.table(UnitKind::Department), |r| r.assigned)
        .into_iter()
        .take(HEAVY_DEPARTMENTS)
        .chain(
            top(card.table(UnitKind::Township), |r| r.assigned)
                .into_iter()
                .take(HEAVY_TOWNSHIPS),
        )
        .map(|r| format!("{}{}件", r.unit, r.assigned))
        .collect();
    m.insert("heavy_units", heavy.join("，"));

    // 超期30天以上: every unit that has such orders, most first.
    let overdue = top(card.units.iter(), |r| r.overdue_30d);
    let shown: Vec<String> = overdue
        .iter()
        .take(LIST_MAX)
        .map(|r| format!("{}{}件", r.unit, r.overdue_30d))
        .collect();
    m.insert("overdue_units", name_list(&shown, "、", overdue.len()));
    m.insert("overdue_units_count", n(overdue.len() as u64));
    m.insert(
        "worst_units",
        overdue
            .iter()
            .take(2)
            .map(|r| r.unit.as_str())
            .collect::<Vec<_>>()
            .join("、"),
    );

    // 督办: the units supervised most often (all that share the highest count).
    let supervised = top(card.units.iter(), |r| r.supervisions);
    let most = match supervised.first() {
        None => String::new(),
        Some(first) => {
            let max = first.supervisions;
            let mut at_max: Vec<&UnitRow> = supervised
                .iter()
                .copied()
                .filter(|r| r.supervisions == max)
                .collect();
            // Among equals, the ones with more overdue orders first.
            at_max.sort_by_key(|r| std::cmp::Reverse(r.overdue_30d));
            let names: Vec<String> = at_max
                .iter()
                .take(LIST_MAX)
                .map(|r| r.unit.clone())
                .collect();
            let list = name_list(&names, "、", at_max.len());
            if at_max.len() > 1 {
                format!("{list}（各{max}次）")
            } else {
                format!("{list}（{max}次）")
            }
        }
    };
    m.insert("most_supervised", most);

    // 重办
    let redos: Vec<String> = top(card.units.iter(), |r| r.redos)
        .iter()
        .take(5)
        .map(|r| format!("{}{}次", r.unit, r.redos))
        .collect();
    m.insert("redo_units", redos.join("、"));

    // 回复不具体
    m.insert("vague_replies", n(vague.total));
    m.insert(
        "vague_reasons",
        vague
            .by_reason
            .iter()
            .map(|(why, k)| format!("{why}{k}条"))
            .collect::<Vec<_>>()
            .join("，"),
    );
    let vu: Vec<String> = vague
        .by_unit
        .iter()
        .take(LIST_MAX)
        .map(|(u, k)| format!("{u}{k}条"))
        .collect();
    m.insert("vague_units", name_list(&vu, "、", vague.by_unit.len()));
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_datetime;

    #[test]
    fn chinese_dates() {
        let d = |s| crate::domain::time::parse_date(s).unwrap();
        assert_eq!(date_zh(d("2017-10-27")), "2017年10月27日");
        assert_eq!(
            period_zh(d("2017-10-27"), d("2017-12-31")),
            "2017年10月27日至12月31日"
        );
        assert_eq!(
            period_zh(d("2017-12-01"), d("2018-01-31")),
            "2017年12月1日至2018年1月31日"
        );
    }

    #[test]
    fn vague_replies_in_the_period_only() {
        let t = |s| parse_datetime(s, false).unwrap();
        let p = Period {
            from: t("2017-12-01T00:00:00").date(),
            to: t("2017-12-31T00:00:00").date(),
            as_of: t("2017-12-31T23:59:59"),
        };
        let reply = |at, unit: Option<&str>, text: &str| Event {
            at: t(at),
            operator: "x".into(),
            unit: unit.map(str::to_string),
            kind: EventKind::Replied { text: text.into() },
        };
        let events = vec![
            reply("2017-12-02T10:00:00", Some("住建局"), "正在办理中"),
            reply(
                "2017-12-03T10:00:00",
                Some("住建局"),
                "已呈报领导，请耐心等待",
            ),
            reply("2017-12-04T10:00:00", Some("贾塘乡"), "好的"),
            reply(
                "2017-12-05T10:00:00",
                Some("贾塘乡"),
                "经核实，已于12月5日安排维修人员更换暖气阀门，供暖已恢复正常。",
            ),
            reply("2017-11-30T10:00:00", Some("贾塘乡"), "正在办理中"),
            reply("2017-12-06T10:00:00", None, "好"),
        ];
        let v = vague_replies(&events, &p);
        assert_eq!(v.total, 4);
        assert_eq!(
            v.by_unit,
            vec![
                ("住建局".to_string(), 2),
                ("热线办".to_string(), 1),
                ("贾塘乡".to_string(), 1)
            ]
        );
        assert_eq!(v.by_reason[0], ("回复过短".to_string(), 2));
    }
}
