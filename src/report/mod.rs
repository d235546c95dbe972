//! Reports: the scorecard for a period, written as Markdown (the bulletin's two appendix
//! tables), CSV or JSON. Figures come only from `domain::scorecard`.

mod format;

pub use format::{remark, summary_zh, table_title, to_csv, to_json, to_markdown};

use crate::domain::scorecard::{self, Period, Scorecard};
use crate::error::Result;
use crate::store::Store;

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

/// A rate as a percentage with one decimal, or “—” when its base is zero.
pub fn percent(r: Option<f64>) -> String {
    match r {
        Some(v) => format!("{:.1}%", v * 100.0),
        None => "—".to_string(),
    }
}
