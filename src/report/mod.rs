//! Reports: the scorecard for a period, written as Markdown (the bulletin's two appendix
//! tables), CSV or JSON. Figures come only from `domain::scorecard`.

mod format;

pub use format::{remark, summary_zh, table_title, to_csv, to_json, to_markdown};

use crate::domain::scorecard::{self, Period, Scorecard};
use crate::domain::time::{parse_date, parse_datetime};
use crate::error::{Error, Result};
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

/// The reference path: orders replayed up to `as_of`, counted one by one.
pub fn replayed_tallies(store: &Store, period: &Period) -> Result<scorecard::Tallies> {
    let orders = store.orders_as_of(period)?;
    let events = store.counted_events(period)?;
    Ok(scorecard::tally(period, &orders, &events))
}
