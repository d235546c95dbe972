//! Reports: the scorecard for a period, written as Markdown (the bulletin's two appendix
//! tables), CSV or JSON. Figures come only from `domain::scorecard`.

mod format;

pub use format::{to_csv, to_json, to_markdown};

use crate::domain::scorecard::{self, Period, Scorecard};
use crate::error::Result;
use crate::store::Store;

pub fn scorecard(store: &Store, period: Period) -> Result<Scorecard> {
    let units = store.units()?;
    let orders = store.orders_as_of(&period)?;
    let events = store.counted_events(&period)?;
    Ok(scorecard::compute(period, &units, &orders, &events))
}

/// A rate as a percentage with one decimal, or “—” when its base is zero.
pub fn percent(r: Option<f64>) -> String {
    match r {
        Some(v) => format!("{:.1}%", v * 100.0),
        None => "—".to_string(),
    }
}
