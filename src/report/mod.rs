//! Reports: the scorecard for a period, written as Markdown (the bulletin's two appendix
//! tables), CSV or JSON. Figures come only from `domain::scorecard`.

mod format;
pub mod quality;
pub mod similar;
pub mod table;

pub use format::{
    judged_csv, judged_json, judged_markdown, remark, summary_zh, table_title, to_csv, to_json,
    to_markdown,
};

use crate::domain::assessment::{self, Assessment, Pack};
use crate::domain::scorecard::{self, Period, Scorecard};
use crate::domain::time::{parse_date, parse_datetime};
use crate::domain::workflow;
use crate::error::{Error, Msg, Result};
use crate::ops::Ctx;
use crate::store::Store;

/// The report period from the flags: `--from` defaults to the earliest order's day, `--to` to
/// the day of `--as-of`, `--as-of` to now.
pub fn period(
    store: &Store,
    ctx: &Ctx,
    from: Option<&str>,
    to: Option<&str>,
    as_of: Option<&str>,
) -> Result<Period> {
    let date =
        |flag: &str, s: &str| parse_date(s).map_err(|e| Error::Input(format!("{flag}: {e}")));
    let as_of = match as_of {
        Some(s) => parse_datetime(s, true).map_err(|e| Error::Input(format!("--as-of: {e}")))?,
        None => ctx.now,
    };
    let to = match to {
        Some(s) => date("--to", s)?,
        None => as_of.date(),
    };
    let from = match from {
        Some(s) => date("--from", s)?,
        None => store.earliest_received()?.unwrap_or(to),
    };
    if from > to {
        return Err(Error::Input(format!(
            "--from {from} is after --to {to}: swap them"
        )));
    }
    Ok(Period { from, to, as_of })
}

/// The scorecard of a period. As of a time after the last event (the usual case: "now"),
/// it is assembled from the store's running sums; as of an earlier time, from the replay of
/// every order's events up to then. Both give the same figures (tested, and `hotline check`).
pub fn scorecard(store: &Store, period: Period) -> Result<Scorecard> {
    let units = store.units()?;
    let current = store.last_event_at()?.is_none_or(|t| t <= period.as_of);
    let tallies = if current {
        store.fast_tallies(&period)?
    } else {
        replayed_tallies(store, &period)?
    };
    Ok(scorecard::assemble(period, &units, &tallies))
}

/// The pack named (a shipped one) or the pack file given (`--pack NAME|FILE`); the default is
/// `seed-2017`, the seed bulletin's own basis.
pub fn pack(name: Option<&str>) -> Result<Pack> {
    let name = name.unwrap_or(assessment::DEFAULT);
    if let Some(p) = Pack::shipped(name) {
        return Ok(p);
    }
    let path = std::path::Path::new(name);
    if path.extension().is_some_and(|e| e == "toml") || path.exists() {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::Invalid(Msg::both(
                format!(
                    "--pack {name}: cannot read it ({e}); give a shipped pack's name or a TOML file"
                ),
                format!("--pack {name}：无法读取（{e}）；请给出内置规则包的名称或 TOML 文件"),
            ))
        })?;
        return Pack::parse(&text, name).map_err(|(en, zh)| Error::Invalid(Msg::both(en, zh)));
    }
    let names: Vec<&str> = assessment::SHIPPED.iter().map(|(n, _)| *n).collect();
    Err(Error::Invalid(Msg::both(
        format!(
            "--pack {name}: no such pack; the shipped packs are {} (or give a .toml file)",
            names.join(", ")
        ),
        format!(
            "--pack {name}：没有这个规则包；内置规则包有 {}（也可给出 .toml 文件）",
            names.join("、")
        ),
    )))
}

/// A period's scorecard judged by a pack: the raw figures, and, when exempted orders the pack
/// honours fall in it, the adjusted ones (the raw less those orders' own tally).
#[derive(Debug, Clone)]
pub struct Judged {
    pub card: Scorecard,
    pub raw: Assessment,
    pub adjusted: Option<(Scorecard, Assessment)>,
    /// The orders left out of the adjusted figures, with the exemption's kind.
    pub exempted: Vec<(String, crate::domain::order::ExemptionKind)>,
}

pub fn judge(store: &Store, period: Period, pack: &Pack) -> Result<Judged> {
    let units = store.units()?;
    let current = store.last_event_at()?.is_none_or(|t| t <= period.as_of);
    let tallies = if current {
        store.fast_tallies(&period)?
    } else {
        replayed_tallies(store, &period)?
    };
    let card = scorecard::assemble(period, &units, &tallies);
    let raw = assessment::assess(pack, &card);
    // Exempted at as_of, by a kind the pack honours.
    let mut orders = Vec::new();
    let mut events = Vec::new();
    let mut exempted = Vec::new();
    for (no, history) in store.exempted_histories()? {
        let upto: Vec<_> = history
            .iter()
            .filter(|e| e.at <= period.as_of)
            .cloned()
            .collect();
        let Ok(o) = workflow::replay(&no, &upto) else {
            continue;
        };
        let Some(kind) = o.exemption.as_ref().map(|e| e.kind) else {
            continue;
        };
        if !pack.exemption_kinds.contains(&kind) {
            continue;
        }
        events.extend(upto.iter().filter_map(scorecard::counted));
        exempted.push((no, kind));
        orders.push(o);
    }
    let adjusted = if orders.is_empty() {
        None
    } else {
        let mut t = tallies;
        t.subtract_units(&scorecard::tally(&period, &orders, &events));
        let card = scorecard::assemble(period, &units, &t);
        let a = assessment::assess(pack, &card);
        Some((card, a))
    };
    Ok(Judged {
        card,
        raw,
        adjusted,
        exempted,
    })
}

/// A unit's score under a pack explained: its row as the pack judges it (score, rank in its
/// tier, floors failed) and the orders that cost it points, largest first, with the answers or
/// lateness that cost them (`domain::assessment::explain`, on the unit's orders as they stand).
/// `hotline explain` and the TUI's explain screen both call this.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub unit: String,
    pub pack: String,
    /// The unit's row as the pack judges it (None: not in the scorecard's units): the
    /// adjusted figures' when exempted orders the pack honours fall in the period.
    pub assessed: Option<assessment::Assessed>,
    /// Whether `assessed` and the costs are the adjusted figures' (剔除后).
    pub adjusted: bool,
    /// The unit's orders left out as exempted (剔除), which cost it nothing.
    pub exempted: Vec<String>,
    pub costs: Vec<assessment::Cost>,
}

/// Explain `unit`'s score in `period` under `pack`: on the adjusted figures when exempted
/// orders the pack honours fall in it (`judge`), those orders left out of the costs and
/// named apart, so the costs explain the score the lists follow.
pub fn explain(store: &Store, period: Period, pack: &Pack, unit: &str) -> Result<Explained> {
    let judged = judge(store, period, pack)?;
    let (card, assessed, adjusted) = match &judged.adjusted {
        Some((c, a)) => (c, a, true),
        None => (&judged.card, &judged.raw, false),
    };
    let Some(row) = card.units.iter().find(|r| r.unit == unit) else {
        return Err(Error::Input(format!("no unit '{unit}' in the report")));
    };
    let tier: u64 = card.table(row.kind).map(|r| r.assigned).sum();
    let out: std::collections::BTreeSet<&str> =
        judged.exempted.iter().map(|(no, _)| no.as_str()).collect();
    let (exempted, orders): (Vec<_>, Vec<_>) = store
        .list_orders(&crate::store::OrderFilter {
            unit: Some(unit.to_string()),
            ..Default::default()
        })?
        .into_iter()
        .partition(|o| out.contains(o.order_no.as_str()));
    let costs = assessment::explain(pack, row, tier, &card.period, &orders);
    Ok(Explained {
        unit: unit.to_string(),
        pack: pack.name.clone(),
        assessed: assessed.row(unit).cloned(),
        adjusted,
        exempted: exempted.into_iter().map(|o| o.order_no).collect(),
        costs,
    })
}

/// The units that will be below one of the pack's floors by `by` (`domain::forecast::
/// floor_risks`), judged on the scorecard from the earliest order to now; `unit` narrows it
/// to one unit (a unit account's scope). Nothing when the pack has no floors.
pub fn floor_forecast(
    store: &Store,
    ctx: &Ctx,
    pack: &Pack,
    unit: Option<&str>,
    by: chrono::NaiveDate,
) -> Result<Vec<crate::domain::forecast::FloorRisk>> {
    use crate::domain::forecast;
    if pack.floors.is_empty() {
        return Ok(Vec::new());
    }
    let period = period(store, ctx, None, None, None)?;
    let card = scorecard(store, period)?;
    let candidates = store.open_due_by(unit, by)?;
    let late = forecast::late_by(&card, &candidates, by);
    let mut risks = forecast::floor_risks(pack, &card, &late);
    risks.retain(|r| unit.is_none_or(|u| r.unit == u));
    Ok(risks)
}

/// The reference path: orders replayed up to `as_of`, counted one by one.
pub fn replayed_tallies(store: &Store, period: &Period) -> Result<scorecard::Tallies> {
    let orders = store.orders_as_of(period)?;
    let events = store.counted_events(period)?;
    Ok(scorecard::tally(period, &orders, &events))
}
