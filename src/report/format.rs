//! Writing a scorecard as Markdown, CSV and JSON.

use super::Judged;
use crate::domain::UnitKind;
use crate::domain::assessment::{Assessment, Figure, Pack, Value};
use crate::domain::scorecard::{Scorecard, UnitRow};
use crate::domain::text::one_line;
use crate::domain::time::fmt;
use serde_json::json;

/// The bulletin's table titles.
pub fn table_title(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Department => "承办单位办件情况表一（县直单位）",
        UnitKind::Township => "承办单位办件情况表二（乡镇区）",
    }
}

pub fn remark(s: &Scorecard) -> String {
    format!(
        "备注：此表统计截止于{}，以交办量为统计口径（{} 至 {} 交办）。",
        s.period.as_of.format("%Y年%-m月%-d日"),
        s.period.from,
        s.period.to
    )
}

/// The summary sentence of 一、热线承办情况, every number from the totals.
pub fn summary_zh(s: &Scorecard) -> String {
    let t = &s.totals;
    format!(
        "{} 至 {} 共受理工单 {} 件，其中咨询类 {} 件，建议类 {} 件，诉求类 {} 件。已办结 {} 件，办结率 {}；正在办理 {} 件（其中尚在热线办待转办 {} 件），超期30天以上 {} 件（其中正在办理的 {} 件，占正在办理的 {}）；重新办理 {} 件，占 {}。",
        s.period.from,
        s.period.to,
        t.received,
        t.inquiry,
        t.suggestion,
        t.request,
        t.closed,
        t.closure_percent(),
        t.open,
        t.unassigned,
        t.overdue_30d,
        t.open_overdue_30d,
        t.open_overdue_percent(),
        t.redone,
        t.redo_percent(),
    )
}

fn md_row(no: &str, r: &UnitRow) -> String {
    format!(
        "| {no} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        one_line(&r.unit).replace('|', "/"),
        r.assigned,
        r.closed,
        r.overdue_30d,
        r.supervisions,
        r.closure_percent(),
        r.urges,
        r.redos,
        r.satisfaction_percent(),
    )
}

pub fn to_markdown(s: &Scorecard) -> String {
    let mut out = String::new();
    out.push_str("# 承办单位办件情况\n\n");
    out.push_str(&format!(
        "统计区间：{} 至 {}；统计时点：{}\n\n",
        s.period.from,
        s.period.to,
        fmt(s.period.as_of)
    ));
    out.push_str(&summary_zh(s));
    out.push_str("\n\n");
    for kind in UnitKind::ALL {
        out.push_str(&format!("## {}\n\n单位：件\n\n", table_title(kind)));
        out.push_str(
            "| 序号 | 单位 | 承办量 | 办结量 | 超期30天以上工单数 | 督办次数 | 办结率 | 催办次数 | 重办次数 | 满意率 |\n",
        );
        out.push_str("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        if let Some(t) = s.table_total(kind) {
            out.push_str(&md_row("", t));
            out.push('\n');
        }
        for (i, r) in s.table(kind).enumerate() {
            out.push_str(&md_row(&(i + 1).to_string(), r));
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&remark(s));
        out.push_str("\n\n");
    }
    out
}

fn ratio(r: Option<f64>) -> serde_json::Value {
    match r {
        Some(v) => json!((v * 10000.0).round() / 10000.0),
        None => serde_json::Value::Null,
    }
}

fn unit_json(no: Option<usize>, r: &UnitRow) -> serde_json::Value {
    json!({
        "table": r.table,
        "no": no,
        "kind": r.kind.code(),
        "unit": r.unit,
        "assigned": r.assigned,
        "closed": r.closed,
        "overdue_30d": r.overdue_30d,
        "open_late": r.open_late,
        "supervisions": r.supervisions,
        "urges": r.urges,
        "redos": r.redos,
        "callbacks_reached": r.callbacks_reached,
        "satisfied": r.satisfied,
        "closed_on_time": r.closed_on_time,
        "closure_rate": ratio(r.closure_rate),
        "satisfaction_rate": ratio(r.satisfaction_rate),
        "on_time_rate": ratio(r.on_time_rate),
    })
}

pub fn to_json(s: &Scorecard) -> String {
    let t = &s.totals;
    let mut units = Vec::new();
    for kind in UnitKind::ALL {
        for (i, r) in s.table(kind).enumerate() {
            units.push(unit_json(Some(i + 1), r));
        }
    }
    let table_totals: Vec<_> = s.table_totals.iter().map(|r| unit_json(None, r)).collect();
    let v = json!({
        "from": s.period.from.to_string(),
        "to": s.period.to.to_string(),
        "as_of": fmt(s.period.as_of),
        "totals": {
            "received": t.received,
            "inquiry": t.inquiry,
            "suggestion": t.suggestion,
            "request": t.request,
            "closed": t.closed,
            "open": t.open,
            "unassigned": t.unassigned,
            "overdue_30d": t.overdue_30d,
            "open_overdue_30d": t.open_overdue_30d,
            "redone": t.redone,
            "closure_rate": ratio(t.closure_rate),
            "open_overdue_rate": ratio(t.open_overdue_rate),
            "redo_rate": ratio(t.redo_rate),
        },
        "units": units,
        "table_totals": table_totals,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// CSV: the first eight columns are those of the bulletin's tables as data
/// (`table,no,kind,unit,assigned,closed,overdue_30d,supervisions`); 合计 rows have no number.
pub fn to_csv(s: &Scorecard) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "table",
        "no",
        "kind",
        "unit",
        "assigned",
        "closed",
        "overdue_30d",
        "supervisions",
        "urges",
        "redos",
        "callbacks_reached",
        "satisfied",
        "closed_on_time",
        "closure_rate",
        "satisfaction_rate",
        "on_time_rate",
    ]);
    let rate = |r: Option<f64>| r.map(|v| format!("{v:.4}")).unwrap_or_default();
    for kind in UnitKind::ALL {
        let rows = s
            .table(kind)
            .enumerate()
            .map(|(i, r)| ((i + 1).to_string(), r))
            .chain(s.table_total(kind).map(|r| (String::new(), r)));
        for (no, r) in rows {
            let _ = w.write_record([
                r.table.to_string(),
                no,
                r.kind.code().to_string(),
                r.unit.clone(),
                r.assigned.to_string(),
                r.closed.to_string(),
                r.overdue_30d.to_string(),
                r.supervisions.to_string(),
                r.urges.to_string(),
                r.redos.to_string(),
                r.callbacks_reached.to_string(),
                r.satisfied.to_string(),
                r.closed_on_time.to_string(),
                rate(r.closure_rate),
                rate(r.satisfaction_rate),
                rate(r.on_time_rate),
            ]);
        }
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// The figures every unit's JSON carries under a pack (whatever its columns), by the pack's
/// definitions (`domain::assessment`).
const JSON_FIGURES: [Figure; 11] = [
    Figure::ValidCallbacks,
    Figure::ResponseRate,
    Figure::SolveRate,
    Figure::SatisfactionRate,
    Figure::SignedOnTimeRate,
    Figure::FirstContactRate,
    Figure::ReplyRate,
    Figure::ReturnRate,
    Figure::RedoRate,
    Figure::LateReturns,
    Figure::LoadShare,
];

fn value_json(v: Value) -> serde_json::Value {
    match v {
        Value::Count(n) => json!(n),
        Value::Rate { base: 0, .. } => serde_json::Value::Null,
        Value::Rate { part, base } => ratio(Some(part as f64 / base as f64)),
    }
}

/// A unit's assessment as JSON: the figures, score, rank within the tier, floors failed.
fn assessed_json(pack: &Pack, card: &Scorecard, a: &Assessment, unit: &str) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    if let Some(r) = card.units.iter().find(|r| r.unit == unit) {
        let tier: u64 = card.table(r.kind).map(|r| r.assigned).sum();
        for f in JSON_FIGURES.iter().chain(pack.columns.iter()) {
            m.insert(f.code().into(), value_json(pack.value(r, tier, *f)));
        }
    }
    if let Some(x) = a.row(unit) {
        m.insert("score".into(), json!(x.score));
        m.insert("rank".into(), json!(x.rank));
        m.insert(
            "floors_failed".into(),
            json!(x.floors_failed.iter().map(|f| f.code()).collect::<Vec<_>>()),
        );
    }
    serde_json::Value::Object(m)
}

/// The report's JSON under a pack: the scorecard's JSON, each unit with the pack's figures,
/// score, rank and floors (and the same under `adjusted` where exemptions apply).
pub fn judged_json(j: &Judged, pack: &Pack) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&to_json(&j.card)).unwrap_or_default();
    if let Some(units) = v.get_mut("units").and_then(|u| u.as_array_mut()) {
        for u in units {
            let Some(name) = u.get("unit").and_then(|n| n.as_str()).map(str::to_string) else {
                continue;
            };
            let raw = assessed_json(pack, &j.card, &j.raw, &name);
            let adjusted = j
                .adjusted
                .as_ref()
                .map(|(c, a)| assessed_json(pack, c, a, &name));
            if let (Some(obj), serde_json::Value::Object(raw)) = (u.as_object_mut(), raw) {
                obj.extend(raw);
                if let Some(adj) = adjusted {
                    obj.insert("adjusted".into(), adj);
                }
            }
        }
    }
    // Each table's 合计 row under the pack's definitions too (the CSV's and the bulletin's 合计
    // are these), so that no figure of the pack is printed on the seed's basis.
    if let Some(totals) = v.get_mut("table_totals").and_then(|t| t.as_array_mut()) {
        for (t, r) in totals.iter_mut().zip(&j.card.table_totals) {
            if let Some(obj) = t.as_object_mut() {
                for f in JSON_FIGURES.iter().chain(pack.columns.iter()) {
                    obj.insert(f.code().into(), value_json(pack.value(r, r.assigned, *f)));
                }
            }
        }
    }
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "pack".into(),
            json!({"name": pack.name, "title": pack.title, "valid_from": pack.valid_from.to_string(),
                   "valid_to": pack.valid_to.map(|d| d.to_string())}),
        );
        obj.insert(
            "exempted".into(),
            json!(
                j.exempted
                    .iter()
                    .map(|(no, k)| json!({"order_no": no, "kind": k.code()}))
                    .collect::<Vec<_>>()
            ),
        );
    }
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// The assessment's tables in Markdown, one per tier, ranked; with the adjusted score beside
/// the raw where exemptions apply, and the red and black lists.
pub fn judged_markdown(j: &Judged, pack: &Pack) -> String {
    let mut out = format!("# 考核：{}\n\n", pack.title);
    out.push_str(&format!(
        "统计区间：{} 至 {}；统计时点：{}；规则包 {}（{} 起施行）\n\n",
        j.card.period.from,
        j.card.period.to,
        fmt(j.card.period.as_of),
        pack.name,
        pack.valid_from
    ));
    if !pack.valid_on(j.card.period.to) {
        out.push_str("注意：统计区间不在本规则包的施行期内。\n\n");
    }
    let cols = super::table::columns(pack, j.adjusted.is_some(), super::table::Detail::ScoreOnly);
    for t in super::table::tier_tables(j, pack, &cols) {
        let kind = t.kind;
        out.push_str(&format!("## {}\n\n", kind.zh()));
        let head: Vec<String> = cols.iter().map(|c| c.title()).collect();
        out.push_str(&format!("| {} |\n", head.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
        for (_, row) in &t.rows {
            let cells: Vec<String> = cols
                .iter()
                .zip(row)
                .map(|(c, cell)| match c {
                    super::table::Col::Unit => one_line(&cell.show()).replace('|', "/"),
                    _ => cell.show(),
                })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
        if pack.red_black > 0 && pack.score.is_some() {
            // Exempted orders are out of the assessment: the lists follow the adjusted figures
            // when there are any (`bulletin` says the same).
            let basis = j.adjusted.as_ref().map_or(&j.raw, |(_, a)| a);
            let (red, black) = basis.red_black(kind, pack.red_black);
            let names = |v: Vec<&crate::domain::assessment::Assessed>| {
                v.iter()
                    .map(|a| a.unit.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            };
            let by = if j.adjusted.is_some() {
                "（按剔除后得分）"
            } else {
                ""
            };
            if red.is_empty() && black.is_empty() {
                out.push_str("红黑榜：本组得分的单位不足两个或得分全部相同，不排。\n\n");
            } else {
                out.push_str(&format!(
                    "红榜{by}：{}\n\n黑榜{by}：{}\n\n",
                    names(red),
                    names(black)
                ));
            }
        }
    }
    if !j.exempted.is_empty() {
        let list: Vec<String> = j
            .exempted
            .iter()
            .map(|(no, k)| format!("{no}（{}）", k.zh()))
            .collect();
        out.push_str(&format!("剔除工单：{}\n", list.join("、")));
    }
    out
}

/// The report's CSV under a pack: a row per unit, each tier ranked (`Assessment::ranked`) and
/// its 合计 row last, as the seed CSV has them. Headers are the Chinese titles the CLI prints
/// (表, 层级, then `table::columns`: 排名, 单位, the pack's figures, 得分, 未达底线, and the
/// adjusted ones when exemptions apply); rates are ratios with four decimals (as in the seed
/// CSV), scores two decimals, a rate of a zero base or no score is empty.
pub fn judged_csv(j: &Judged, pack: &Pack) -> String {
    use super::table::{Cell, Detail, columns, tier_tables};
    let cols = columns(pack, j.adjusted.is_some(), Detail::Full);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["表".to_string(), "层级".to_string()];
    head.extend(cols.iter().map(|c| c.title()));
    let _ = w.write_record(&head);
    let text = |c: &Cell| match c {
        Cell::Text(t) => t.clone(),
        Cell::Value(Value::Count(n)) => n.to_string(),
        Cell::Value(Value::Rate { base: 0, .. }) => String::new(),
        Cell::Value(Value::Rate { part, base }) => format!("{:.4}", *part as f64 / *base as f64),
        Cell::Score(s) => s.map(|s| format!("{s:.2}")).unwrap_or_default(),
        Cell::Rank(r) => r.map(|r| r.to_string()).unwrap_or_default(),
    };
    for (i, t) in tier_tables(j, pack, &cols).iter().enumerate() {
        let rows = t.rows.iter().map(|(_, r)| r).chain(t.total.as_ref());
        for r in rows {
            let mut rec = vec![(i + 1).to_string(), t.kind.zh().to_string()];
            rec.extend(r.iter().map(text));
            let _ = w.write_record(&rec);
        }
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}
