//! The monthly bulletin (通报) written from the data, modeled on Haiyuan county's 〔2018〕2号:
//! heading and addressees; 一、热线承办情况 with the figures; 二、存在问题 naming the units
//! (点名道姓); 三、下一步工作要求; and the two appendix tables. The wording is a template
//! (`data/bulletin-template.md`, compiled in; `--template FILE` for an edited copy); every
//! number comes from the scorecard (`domain::scorecard`), formatted in `model`.

pub mod chart;
pub mod docx;
pub mod md;
pub mod model;
pub mod template;

use crate::context::Options as Global;
use crate::domain::UnitKind;
use crate::domain::assessment::Pack;
use crate::domain::scorecard::{Period, Scorecard, UnitRow};
use crate::error::{Error, Result};
use crate::ops::Ctx;
use crate::report::Judged;
use crate::store::Store;
use chrono::{Datelike, NaiveDate};
use std::path::PathBuf;

/// The shipped template.
pub const TEMPLATE: &str = include_str!("../../data/bulletin-template.md");

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulletinFormat {
    Md,
    Docx,
}

#[derive(Debug, Clone)]
pub struct Request {
    /// The month to report (YYYY-MM): its first to last day, counted at its end (or now, if
    /// sooner) [default: --from/--to, else from the first order to today]
    pub month: Option<String>,
    /// First day (YYYY-MM-DD) [default: the earliest order]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD) [default: today]
    pub to: Option<String>,
    /// Count as things stood at this time [default: now, or the month's end]
    pub as_of: Option<String>,
    /// md or docx [default: from the file name's extension]
    pub format: Option<BulletinFormat>,
    /// The bulletin's wording with {{placeholders}} [default: data/bulletin-template.md,
    /// compiled in]
    pub template: Option<PathBuf>,
    /// The document number, e.g. 〔2018〕2号 [default: 〔year〕 号 with the number left blank]
    pub doc_no: Option<String>,
    /// The assessment pack whose columns the appendix tables print and whose scores make
    /// 红黑榜 (a shipped name or a TOML file) [default: seed-2017, the bulletin's own columns]
    pub pack: Option<String>,
    /// Add the section 重复诉求和热点问题: the period's top hotspots (as `hotline hotspots`
    /// finds them), when there are groups of 3 orders or more.
    pub hotspots: bool,
    /// Where to write.
    pub out: PathBuf,
}

/// The appendix tables' header: the bulletin's six columns.
pub const TABLE_HEADER: [&str; 6] = [
    "序号",
    "单位",
    "承办量",
    "办结量",
    "超期30天以上工单数",
    "督办次数",
];

/// One appendix table, as text cells (合计 first, as in the bulletin), and the charts the
/// DOCX draws after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Appendix {
    /// 附件1 / 附件2
    pub label: String,
    /// 承办单位办件情况表一（县直单位）
    pub title: String,
    /// The header row: `TABLE_HEADER`, or a pack's columns (`report::table`).
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub has_total: bool,
    pub remark: String,
    /// The charts of the tier (DOCX only): orders overdue by unit, and a pack's rates.
    pub charts: Vec<chart::BarChart>,
}

fn cells(no: String, r: &UnitRow) -> Vec<String> {
    vec![
        no,
        r.unit.clone(),
        r.assigned.to_string(),
        r.closed.to_string(),
        r.overdue_30d.to_string(),
        r.supervisions.to_string(),
    ]
}

/// 超期 by unit: the units with orders overdue 30+ days, most first (as 二、存在问题 names
/// them, `model::top`), each with those and the ones late now. None when a tier has none.
fn overdue_chart(card: &Scorecard, kind: UnitKind) -> Option<chart::BarChart> {
    use crate::domain::assessment::{Figure, Value};
    let units = model::top(card.table(kind), |r| r.overdue_30d);
    if units.is_empty() {
        return None;
    }
    Some(chart::BarChart {
        title: format!("{}超期工单（件）", kind.zh()),
        series: vec![Figure::Overdue30d.zh().into(), Figure::LateNow.zh().into()],
        units: units.iter().map(|r| r.unit.clone()).collect(),
        values: units
            .iter()
            .map(|r| vec![Value::Count(r.overdue_30d), Value::Count(r.open_late)])
            .collect(),
    })
}

/// The pack's rates (`report::table::charted_rates`) of the tier's scored units, by rank.
fn rates_chart(j: &Judged, pack: &Pack, kind: UnitKind) -> Option<chart::BarChart> {
    use crate::domain::assessment::Value;
    let figures = crate::report::table::charted_rates(pack);
    let ranked: Vec<_> = j
        .raw
        .ranked(kind)
        .into_iter()
        .filter(|a| a.score.is_some())
        .collect();
    if figures.is_empty() || ranked.is_empty() {
        return None;
    }
    let names: Vec<&str> = figures.iter().map(|f| f.zh()).collect();
    Some(chart::BarChart {
        title: format!("{}{}（按得分排名）", kind.zh(), names.join("、")),
        series: names.iter().map(|n| n.to_string()).collect(),
        units: ranked.iter().map(|a| a.unit.clone()).collect(),
        values: ranked
            .iter()
            .map(|a| {
                figures
                    .iter()
                    .map(|f| {
                        a.values
                            .iter()
                            .find(|(g, _)| g == f)
                            .map(|(_, v)| *v)
                            .unwrap_or(Value::Rate { part: 0, base: 0 })
                    })
                    .collect()
            })
            .collect(),
    })
}

/// The two appendix tables from the scorecard.
pub fn appendix(card: &Scorecard) -> Vec<Appendix> {
    UnitKind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let mut rows = Vec::new();
            let total = card.table_total(*kind);
            if let Some(t) = total {
                rows.push(cells(String::new(), t));
            }
            for (k, r) in card.table(*kind).enumerate() {
                rows.push(cells((k + 1).to_string(), r));
            }
            Appendix {
                label: format!("附件{}", i + 1),
                title: crate::report::table_title(*kind).to_string(),
                header: TABLE_HEADER.iter().map(|h| h.to_string()).collect(),
                rows,
                has_total: total.is_some(),
                remark: crate::report::remark(card),
                charts: overdue_chart(card, *kind).into_iter().collect(),
            }
        })
        .collect()
}

/// The two appendix tables under a pack: its columns as `report::table` lays them out (排名,
/// 单位, the figures, 得分 and 剔除后得分, 未达底线), the 合计 row first, the units ranked.
pub fn judged_appendix(j: &Judged, pack: &Pack) -> Vec<Appendix> {
    use crate::report::table::{Detail, columns, tier_tables};
    let cols = columns(pack, j.adjusted.is_some(), Detail::ScoreOnly);
    let mut remark = crate::report::remark(&j.card);
    remark.push_str(&format!("考核口径：{}。", pack.title));
    if !j.exempted.is_empty() {
        remark.push_str(&format!("剔除工单{}件不计入剔除后得分。", j.exempted.len()));
    }
    tier_tables(j, pack, &cols)
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let show = |r: &[crate::report::table::Cell]| r.iter().map(|c| c.show()).collect();
            let mut rows: Vec<Vec<String>> = t.total.iter().map(|r| show(r)).collect();
            rows.extend(t.rows.iter().map(|(_, r)| show(r)));
            Appendix {
                label: format!("附件{}", i + 1),
                title: crate::report::table_title(t.kind).to_string(),
                header: cols.iter().map(|c| c.title()).collect(),
                rows,
                has_total: t.total.is_some(),
                remark: remark.clone(),
                charts: overdue_chart(&j.card, t.kind)
                    .into_iter()
                    .chain(rates_chart(j, pack, t.kind))
                    .collect(),
            }
        })
        .collect()
}

/// A composed bulletin: its blocks, the scorecard, the appendix tables.
pub struct Composed {
    pub blocks: Vec<template::Block>,
    pub card: Scorecard,
    pub tables: Vec<Appendix>,
}

/// The bulletin as blocks, with the scorecard it was written from and its tables: the seed's
/// (`pack` seed-2017, the default) or the pack's, with 红黑榜 in the text; with `hotspots`,
/// the section 重复诉求和热点问题 (`model::hotspot_values`) when the period has groups of
/// `model::HOTSPOTS_MIN` orders or more.
pub fn compose(
    store: &Store,
    ctx: &Ctx,
    period: Period,
    template: &str,
    doc_no: Option<&str>,
    pack: &Pack,
    hotspots: bool,
) -> Result<Composed> {
    let judged = if pack.name == crate::domain::assessment::DEFAULT {
        None
    } else {
        Some(crate::report::judge(store, period, pack)?)
    };
    let card = match &judged {
        Some(j) => j.card.clone(),
        None => crate::report::scorecard(store, period)?,
    };
    let events: Vec<crate::domain::Event> = store
        .recent_events(1 << 40)?
        .into_iter()
        .map(|e| e.event)
        .collect();
    let vague = model::vague_replies(&events, &period);
    let mut values = model::values(&card, &vague, ctx.now, doc_no);
    model::pack_values(&mut values, judged.as_ref().map(|j| (j, pack)));
    let hot = if hotspots {
        // The orders received in the period, up to `as_of`: [from, min(to + 1 day, as_of]).
        let from = period.from.and_time(chrono::NaiveTime::MIN);
        let end = (period.to + chrono::Duration::days(1))
            .and_time(chrono::NaiveTime::MIN)
            .min(period.as_of + chrono::Duration::seconds(1));
        Some(crate::report::similar::hotspots_between(
            store,
            ctx,
            from,
            end,
            crate::domain::similar::PHONE_DAYS,
            model::HOTSPOTS_MIN,
        )?)
    } else {
        None
    };
    model::hotspot_values(&mut values, hot.as_deref());
    let blocks = template::render(template, &values).map_err(Error::Input)?;
    let tables = match &judged {
        Some(j) => judged_appendix(j, pack),
        None => appendix(&card),
    };
    Ok(Composed {
        blocks,
        card,
        tables,
    })
}

/// The period of `--month YYYY-MM`: the month's days, counted at its end (or at `as_of`, or
/// now if the month is not over).
pub fn month_period(ctx: &Ctx, month: &str, as_of: Option<&str>) -> Result<Period> {
    let bad = || {
        Error::Input(format!(
            "--month: '{month}' is not a month (expected YYYY-MM, e.g. 2017-12)"
        ))
    };
    let (y, m) = month.trim().split_once('-').ok_or_else(bad)?;
    let from = NaiveDate::from_ymd_opt(
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        1,
    )
    .ok_or_else(bad)?;
    let next = if from.month() == 12 {
        NaiveDate::from_ymd_opt(from.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(from.year(), from.month() + 1, 1)
    }
    .ok_or_else(bad)?;
    let to = next.pred_opt().ok_or_else(bad)?;
    let as_of = match as_of {
        Some(s) => crate::domain::time::parse_datetime(s, true)
            .map_err(|e| Error::Input(format!("--as-of: {e}")))?,
        None => to.and_time(crate::domain::time::end_time()).min(ctx.now),
    };
    Ok(Period { from, to, as_of })
}

pub fn run(g: &Global, args: Request) -> Result<()> {
    let (store, ctx) = g.open()?;
    crate::ops::admin::guard_output(&g.db_path(), &args.out)?;
    let period = match &args.month {
        Some(m) => month_period(&ctx, m, args.as_of.as_deref())?,
        None => crate::report::period(
            &store,
            &ctx,
            args.from.as_deref(),
            args.to.as_deref(),
            args.as_of.as_deref(),
        )?,
    };
    let template = match &args.template {
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| Error::Io(format!("cannot read template {}: {e}", p.display())))?,
        None => TEMPLATE.to_string(),
    };
    let format = match args.format {
        Some(f) => f,
        None => match args
            .out
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("docx") => BulletinFormat::Docx,
            Some("md") | Some("markdown") | Some("txt") => BulletinFormat::Md,
            _ => {
                return Err(Error::Input(
                    "give --format md|docx (or an --out file ending in .md or .docx)".into(),
                ));
            }
        },
    };
    let pack = crate::report::pack(args.pack.as_deref())?;
    if !pack.valid_on(period.to) {
        eprintln!(
            "warning: the period ends {} and the pack {} is in force from {}{}",
            period.to,
            pack.name,
            pack.valid_from,
            pack.valid_to
                .map(|t| format!(" to {t}"))
                .unwrap_or_default()
        );
    }
    let Composed {
        blocks,
        card,
        tables,
    } = compose(
        &store,
        &ctx,
        period,
        &template,
        args.doc_no.as_deref(),
        &pack,
        args.hotspots,
    )?;
    let bytes = match format {
        BulletinFormat::Md => md::write(&blocks, &tables).into_bytes(),
        BulletinFormat::Docx => docx::write(&blocks, &tables, ctx.now)?,
    };
    std::fs::write(&args.out, bytes)
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", args.out.display())))?;
    println!(
        "wrote the bulletin for {} to {} ({} orders received, {} closed)",
        model::period_zh(period.from, period.to),
        args.out.display(),
        card.totals.received,
        card.totals.closed
    );
    Ok(())
}
