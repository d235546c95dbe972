//! The bulletin's values: every number is a scorecard figure (`domain::scorecard`), formatted;
//! the lists name units by those figures. One count is not a scorecard figure and is defined
//! here, once: **vague replies** (回复不具体).

use crate::domain::scorecard::{Period, Scorecard, UnitRow};
use crate::domain::text::vague_reply;
use crate::domain::{Event, EventKind, UnitKind};
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
pub(crate) fn top<'a>(
    rows: impl Iterator<Item = &'a UnitRow>,
    key: impl Fn(&UnitRow) -> u64,
) -> Vec<&'a UnitRow> {
    let mut v: Vec<&UnitRow> = rows.filter(|r| key(r) > 0).collect();
    v.sort_by_key(|r| std::cmp::Reverse(key(r))); // stable: ties stay in table order
    v
}

/// The first `n` of `ranked` (sorted by `key`, largest first), and every row tied with the
/// n-th: a list of "the most" never names one unit and leaves out another with the same count.
/// At most `LIST_MAX`; the number left out is returned beside them.
fn first_with_ties<'a>(
    ranked: &[&'a UnitRow],
    n: usize,
    key: impl Fn(&UnitRow) -> u64,
) -> (Vec<&'a UnitRow>, usize) {
    let Some(last) = ranked.get(n.saturating_sub(1)).or(ranked.last()) else {
        return (Vec::new(), 0);
    };
    let cut = key(last);
    let tied = ranked
        .iter()
        .enumerate()
        .take_while(|(i, r)| *i < n || key(r) == cut)
        .count();
    let shown = tied.min(LIST_MAX.max(n));
    (ranked[..shown].to_vec(), tied - shown)
}

pub(crate) fn name_list(items: &[String], sep: &str, total: usize) -> String {
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
    m.insert("closure_rate", t.closure_percent());
    m.insert("open_overdue_rate", t.open_overdue_percent());
    m.insert("redo_rate", t.redo_percent());
    let sum = |f: fn(&UnitRow) -> u64| card.table_totals.iter().map(f).sum::<u64>();
    m.insert("urges", n(sum(|r| r.urges)));
    m.insert("supervisions", n(sum(|r| r.supervisions)));

    // 承办量: the heaviest-loaded departments, then townships (with any tied at the cut).
    let assigned = |r: &UnitRow| r.assigned;
    let (deps, _) = first_with_ties(
        &top(card.table(UnitKind::Department), assigned),
        HEAVY_DEPARTMENTS,
        assigned,
    );
    let (towns, _) = first_with_ties(
        &top(card.table(UnitKind::Township), assigned),
        HEAVY_TOWNSHIPS,
        assigned,
    );
    let heavy: Vec<String> = deps
        .iter()
        .chain(&towns)
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
    // The template says "尤其是{{worst_units}}等单位": the names alone, ties included.
    let (worst, _) = first_with_ties(&overdue, 2, |r| r.overdue_30d);
    let names: Vec<&str> = worst.iter().map(|r| r.unit.as_str()).collect();
    m.insert("worst_units", names.join("、"));

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
    let (most_redone, more) = first_with_ties(&top(card.units.iter(), |r| r.redos), 5, |r| r.redos);
    let redos: Vec<String> = most_redone
        .iter()
        .map(|r| format!("{}{}次", r.unit, r.redos))
        .collect();
    m.insert("redo_units", name_list(&redos, "、", redos.len() + more));

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

/// The placeholders of a pack's part of the bulletin: 红黑榜 and the floors. Without a
/// pack that scores and lists (the seed's), `red_black` and the lists are empty, so the
/// template's `{{?red_black}}` section is left out, and the sections keep their numbers
/// (`problems_no` 二, `next_no` 三); with one they move down one (三, 四).
///
/// The lists are `Assessment::red_black`'s (the best N of each tier, and the worst N, worst
/// last), each unit with its score; the units below a floor are named in rank order.
pub fn pack_values(
    m: &mut BTreeMap<&'static str, String>,
    judged: Option<(&crate::report::Judged, &crate::domain::assessment::Pack)>,
) {
    let lists = judged.filter(|(_, p)| p.score.is_some() && p.red_black > 0);
    let keys = [
        "red_black",
        "pack_title",
        "red_departments",
        "black_departments",
        "red_townships",
        "black_townships",
        "floors",
        "floor_units",
        "basis",
    ];
    for k in keys {
        m.insert(k, String::new());
    }
    m.insert(
        "problems_no",
        if lists.is_some() { "三" } else { "二" }.into(),
    );
    m.insert("next_no", if lists.is_some() { "四" } else { "三" }.into());
    let Some((j, pack)) = lists else {
        return;
    };
    m.insert("red_black", pack.red_black.to_string());
    m.insert("pack_title", pack.title.clone());
    let named = |v: &[&crate::domain::assessment::Assessed]| {
        let names: Vec<String> = v
            .iter()
            .map(|a| match a.score {
                Some(s) => format!("{}（{s:.2}分）", a.unit),
                None => a.unit.clone(),
            })
            .collect();
        if names.is_empty() {
            "（得分的单位不足两个或得分全部相同，不排）".to_string()
        } else {
            names.join("、")
        }
    };
    // Exempted orders are out of the units' assessment (剔除): the lists and the floors are
    // the adjusted figures' when there are any, and the text says so; the tables show both.
    let a = match &j.adjusted {
        Some((_, adj)) => {
            m.insert(
                "basis",
                format!(
                    "以下按剔除后得分排名（剔除工单{}件，不计入所属单位考核）。",
                    j.exempted.len()
                ),
            );
            adj
        }
        None => &j.raw,
    };
    for (kind, red, black) in [
        (UnitKind::Department, "red_departments", "black_departments"),
        (UnitKind::Township, "red_townships", "black_townships"),
    ] {
        let (r, b) = a.red_black(kind, pack.red_black);
        m.insert(red, named(&r));
        m.insert(black, named(&b));
    }
    let floors: Vec<String> = pack
        .floors
        .iter()
        .map(|f| format!("{}不低于{}%", f.figure.zh(), f.min_percent))
        .collect();
    m.insert("floors", floors.join("，"));
    let below: Vec<String> = UnitKind::ALL
        .iter()
        .flat_map(|k| a.ranked(*k))
        .filter(|a| !a.floors_failed.is_empty())
        .map(|a| {
            // With one floor its name is said once, before the list.
            if pack.floors.len() == 1 {
                return a.unit.clone();
            }
            let f: Vec<&str> = a.floors_failed.iter().map(|f| f.zh()).collect();
            format!("{}（{}）", a.unit, f.join("、"))
        })
        .collect();
    let shown: Vec<String> = below.iter().take(LIST_MAX * 2).cloned().collect();
    m.insert("floor_units", name_list(&shown, "、", below.len()));
}

/// The bulletin's hotspot section lists at most this many groups…
pub const HOTSPOTS_TOP: usize = 5;
/// …of at least this many orders received in the period.
pub const HOTSPOTS_MIN: usize = 3;
/// Each group names at most this many of its order numbers.
pub const HOTSPOT_ORDERS: usize = 5;

/// 一 … 十: a section's number.
fn numeral(k: usize) -> &'static str {
    const N: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    N.get(k.saturating_sub(1)).copied().unwrap_or("十")
}

/// The placeholders of the section 重复诉求和热点问题 (`bulletin --hotspots`): `list` is
/// `report::similar::hotspots_between` over the period, hottest first, groups of at least
/// `HOTSPOTS_MIN` orders; the first `HOTSPOTS_TOP` are named, one line (one paragraph) each:
/// label, orders, distinct callers, still open (now), heat and the first order numbers.
/// With no group (or without `--hotspots`: `None`) `hotspots` is empty, the template's
/// `{{?hotspots}}` section is left out and the numbers stay as `pack_values` set them;
/// with one the section takes the number after 红黑榜 (or after 一) and 存在问题 and
/// 下一步工作要求 move down one. Call it after `pack_values`.
pub fn hotspot_values(
    m: &mut BTreeMap<&'static str, String>,
    list: Option<&[crate::domain::similar::Hotspot]>,
) {
    let shown: Vec<&crate::domain::similar::Hotspot> = list
        .unwrap_or_default()
        .iter()
        .filter(|h| h.count >= HOTSPOTS_MIN)
        .take(HOTSPOTS_TOP)
        .collect();
    let red_black = m.get("red_black").is_some_and(|v| !v.is_empty());
    let before = if red_black { 2 } else { 1 };
    m.insert("hotspots_no", numeral(before + 1).into());
    let lines: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let open = (h.open_share * h.count as f64).round() as usize;
            let nos: Vec<&str> = h
                .order_nos
                .iter()
                .take(HOTSPOT_ORDERS)
                .map(String::as_str)
                .collect();
            let more = if h.order_nos.len() > HOTSPOT_ORDERS {
                format!("等{}件", h.order_nos.len())
            } else {
                String::new()
            };
            format!(
                "（{}）{}。共{}件，来电群众{}人，尚未办结{}件，热度{:.1}；工单{}{}。",
                numeral(i + 1),
                crate::domain::text::one_line(&h.label),
                h.count,
                h.distinct_callers,
                open,
                h.heat,
                nos.join("、"),
                more
            )
        })
        .collect();
    m.insert("hotspots_min", HOTSPOTS_MIN.to_string());
    if lines.is_empty() {
        m.insert("hotspots", String::new());
        m.insert("hotspot_list", String::new());
        return;
    }
    m.insert("hotspots", lines.len().to_string());
    m.insert("hotspot_list", lines.join("\n"));
    m.insert("problems_no", numeral(before + 2).into());
    m.insert("next_no", numeral(before + 3).into());
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_list_of_the_most_includes_every_unit_tied_at_its_end() {
        let row = |unit: &str, redos: u64| UnitRow {
            redos,
            ..UnitRow::empty(UnitKind::Department, unit)
        };
        let rows = [
            row("甲", 5),
            row("乙", 3),
            row("丙", 3),
            row("丁", 3),
            row("戊", 1),
        ];
        let ranked: Vec<&UnitRow> = rows.iter().collect();
        let names = |v: Vec<&UnitRow>| v.iter().map(|r| r.unit.clone()).collect::<Vec<_>>();
        let (v, more) = first_with_ties(&ranked, 2, |r| r.redos);
        assert_eq!(
            (names(v), more),
            (vec!["甲".into(), "乙".into(), "丙".into(), "丁".into()], 0)
        );
        let (v, more) = first_with_ties(&ranked, 1, |r| r.redos);
        assert_eq!((names(v), more), (vec!["甲".to_string()], 0));
        let (v, _) = first_with_ties(&ranked, 9, |r| r.redos);
        assert_eq!(v.len(), 5);
        assert_eq!(first_with_ties(&[], 2, |r| r.redos).0.len(), 0);
        // More tied than a list may name: the rest are counted.
        let many: Vec<UnitRow> = (0..12).map(|i| row(&format!("单位{i}"), 2)).collect();
        let ranked: Vec<&UnitRow> = many.iter().collect();
        let (v, more) = first_with_ties(&ranked, 2, |r| r.redos);
        assert_eq!((v.len(), more), (LIST_MAX, 12 - LIST_MAX));
    }

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
