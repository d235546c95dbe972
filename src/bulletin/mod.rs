//! The monthly bulletin (通报) written from the data, modeled on Haiyuan county's 〔2018〕2号:
//! heading and addressees; 一、热线承办情况 with the figures; 二、存在问题 naming the units
//! (点名道姓); 三、下一步工作要求; and the two appendix tables. The wording is a template
//! (`data/bulletin-template.md`, compiled in; `--template FILE` for an edited copy); every
//! number comes from the scorecard (`domain::scorecard`), formatted in `model`.

pub mod docx;
pub mod md;
pub mod model;
pub mod template;

use crate::context::Options as Global;
use crate::domain::UnitKind;
use crate::domain::scorecard::{Period, Scorecard, UnitRow};
use crate::error::{Error, Result};
use crate::ops::Ctx;
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

/// One appendix table, as text cells (合计 first, as in the bulletin).
#[derive(Debug, Clone, PartialEq)]
pub struct Appendix {
    /// 附件1 / 附件2
    pub label: String,
    /// 承办单位办件情况表一（县直单位）
    pub title: String,
    pub rows: Vec<Vec<String>>,
    pub has_total: bool,
    pub remark: String,
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
                rows,
                has_total: total.is_some(),
                remark: crate::report::remark(card),
            }
        })
        .collect()
}

/// The bulletin as blocks, with the scorecard it was written from.
pub fn compose(
    store: &Store,
    ctx: &Ctx,
    period: Period,
    template: &str,
    doc_no: Option<&str>,
) -> Result<(Vec<template::Block>, Scorecard)> {
    let card = crate::report::scorecard(store, period)?;
    let events: Vec<crate::domain::Event> = store
        .recent_events(1 << 40)?
        .into_iter()
        .map(|e| e.event)
        .collect();
    let vague = model::vague_replies(&events, &period);
    let values = model::values(&card, &vague, ctx.now, doc_no);
    let blocks = template::render(template, &values).map_err(Error::Input)?;
    Ok((blocks, card))
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
    let (blocks, card) = compose(&store, &ctx, period, &template, args.doc_no.as_deref())?;
    let bytes = match format {
        BulletinFormat::Md => md::write(&blocks, &card).into_bytes(),
        BulletinFormat::Docx => docx::write(&blocks, &card, ctx.now)?,
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
