//! `hotline check`: prove the stored state agrees with the events.

use crate::domain::workflow;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Default)]
pub struct CheckReport {
    pub integrity: String,
    pub orders: u64,
    pub events: u64,
    /// One line per order whose stored state differs from the replay of its events.
    pub problems: Vec<String>,
    /// Whether the scorecard's running sums equal the sums recomputed from the events.
    pub tallies_agree: bool,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.integrity == "ok" && self.problems.is_empty() && self.tallies_agree
    }
}

pub fn check(store: &Store) -> Result<CheckReport> {
    let mut rep = CheckReport {
        integrity: store.integrity_check()?,
        events: store.count_events()?,
        ..Default::default()
    };
    store.for_each_order_with_events(|stored, events| {
        rep.orders += 1;
        match workflow::replay(&stored.order_no, events) {
            Ok(replayed) if replayed == *stored => {}
            Ok(_) => rep.problems.push(format!(
                "order {}: stored state differs from the replay of its {} events",
                stored.order_no,
                events.len()
            )),
            Err(e) => rep.problems.push(e),
        }
        Ok(())
    })?;
    let stored = store.stored_tally()?;
    let replayed = store.replayed_tally()?;
    rep.tallies_agree = stored == replayed && store.month_rollups_agree()?;
    if !rep.tallies_agree {
        let diff = replayed
            .units
            .iter()
            .filter(|(k, v)| stored.units.get(*k) != Some(*v))
            .count()
            + replayed
                .totals
                .iter()
                .filter(|(k, v)| stored.totals.get(*k) != Some(*v))
                .count()
            + stored
                .units
                .keys()
                .filter(|k| !replayed.units.contains_key(*k))
                .count();
        rep.problems.push(format!(
            "the scorecard's running sums differ from the events in {diff} day rows"
        ));
    }
    Ok(rep)
}
