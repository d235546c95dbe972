//! `hotline check`: prove the stored state agrees with the events.

use crate::domain::{Status, workflow};
use crate::error::Result;
use crate::store::Store;
use std::fmt;

#[derive(Debug, Default)]
pub struct CheckReport {
    pub integrity: String,
    pub orders: u64,
    pub events: u64,
    /// Every disagreement found: orders whose state is not the replay of their events, and the
    /// running sums.
    pub problems: Vec<Problem>,
    /// Whether the scorecard's running sums (and their month rollups) equal the sums
    /// recomputed from the events.
    pub tallies_agree: bool,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.integrity == "ok" && self.problems.is_empty() && self.tallies_agree
    }

    /// Whether every order's stored state is the replay of its events.
    pub fn replay_agrees(&self) -> bool {
        !self.problems.iter().any(Problem::is_replay)
    }
}

/// One thing `check` found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The order's stored state differs from the replay of its events.
    StateDiffers { order_no: String, events: usize },
    /// The order's events cannot be replayed (no events, or one the workflow refuses).
    ReplayFails { order_no: String, reason: String },
    /// The running sums by day differ from the sums recomputed from the events, in this many
    /// (unit or category, day) rows.
    SumsDiffer { rows: usize },
    /// The month rollups differ from the sums of their days.
    RollupsDiffer,
    /// A text column of the order (or, as `events.COLUMN`, of one of its events) holds bytes
    /// that are not UTF-8: it reads with U+FFFD in their place.
    BadText { order_no: String, column: String },
    /// 并单 across orders: the lead of a merged order is missing, is itself merged, is the
    /// order itself, or has had its reply accepted while the order still waits on it.
    BadMerge {
        order_no: String,
        lead: String,
        en: String,
        zh: String,
    },
}

impl Problem {
    /// About one order's state and its events (not about the running sums).
    pub fn is_replay(&self) -> bool {
        matches!(
            self,
            Problem::StateDiffers { .. } | Problem::ReplayFails { .. } | Problem::BadMerge { .. }
        )
    }

    /// The message in Chinese (`Display` gives the English).
    pub fn zh(&self) -> String {
        match self {
            Problem::StateDiffers { order_no, events } => {
                format!("工单 {order_no}：存储的状态与其 {events} 条事件重放的结果不一致")
            }
            Problem::ReplayFails { order_no, reason } => {
                format!("工单 {order_no}：事件无法重放（{reason}）")
            }
            Problem::SumsDiffer { rows } => {
                format!("统计的累计数与事件不一致：{rows} 个按日的行")
            }
            Problem::RollupsDiffer => "统计的月汇总与其各日之和不一致".to_string(),
            Problem::BadText { order_no, column } => format!(
                "工单 {order_no}：{column} 列含有无效的 UTF-8 字节（显示为 \u{fffd}），请用 `hotline order show {order_no}` 核对后更正"
            ),
            Problem::BadMerge {
                order_no, lead, zh, ..
            } => format!("工单 {order_no} 并入 {lead}：{zh}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::StateDiffers { order_no, events } => write!(
                f,
                "order {order_no}: stored state differs from the replay of its {events} events"
            ),
            // The workflow's message names the order already.
            Problem::ReplayFails { reason, .. } => f.write_str(reason),
            Problem::SumsDiffer { rows } => write!(
                f,
                "the scorecard's running sums differ from the events in {rows} day rows"
            ),
            Problem::RollupsDiffer => {
                f.write_str("the scorecard's month rollups differ from the sums of their days")
            }
            Problem::BadText { order_no, column } => write!(
                f,
                "order {order_no}: column {column} holds bytes that are not UTF-8 (shown as \u{fffd}); see `hotline order show {order_no}` and correct it"
            ),
            Problem::BadMerge {
                order_no, lead, en, ..
            } => write!(f, "order {order_no} merged into {lead}: {en}"),
        }
    }
}

pub fn check(store: &Store) -> Result<CheckReport> {
    let mut rep = CheckReport {
        integrity: store.integrity_check()?,
        events: store.count_events()?,
        ..Default::default()
    };
    for (order_no, column) in store.bad_text()? {
        rep.problems.push(Problem::BadText { order_no, column });
    }
    // Each order's status and lead, for the cross-order rules of merges.
    let mut merges: std::collections::HashMap<String, (Status, Option<String>)> =
        Default::default();
    store.for_each_order_with_events(|stored, events| {
        rep.orders += 1;
        merges.insert(
            stored.order_no.clone(),
            (stored.status, stored.merged_into.clone()),
        );
        match workflow::replay(&stored.order_no, events) {
            Ok(replayed) if replayed == *stored => {}
            Ok(_) => rep.problems.push(Problem::StateDiffers {
                order_no: stored.order_no.clone(),
                events: events.len(),
            }),
            Err(reason) => rep.problems.push(Problem::ReplayFails {
                order_no: stored.order_no.clone(),
                reason,
            }),
        }
        Ok(())
    })?;
    let mut merged: Vec<_> = merges
        .iter()
        .filter_map(|(no, (st, lead))| lead.as_ref().map(|l| (no, *st, l)))
        .collect();
    merged.sort();
    for (no, status, lead) in merged {
        let fault = if lead == no {
            Some((
                "it is its own lead".to_string(),
                "它是自己的主单".to_string(),
            ))
        } else {
            match merges.get(lead) {
                None => Some((
                    "the lead order does not exist".into(),
                    "主单不存在".to_string(),
                )),
                Some((_, Some(top))) => Some((
                    format!("the lead is itself merged into {top} (a chain, or a cycle)"),
                    format!("主单本身已并入 {top}（链式或循环并单）"),
                )),
                Some((ls, None))
                    if status == Status::Merged
                        && matches!(ls, Status::AwaitingCallback | Status::Closed) =>
                {
                    Some((
                        format!(
                            "it still waits on the lead, whose reply was accepted ({})",
                            ls.code()
                        ),
                        format!("主单已{}，它仍在等待主单答复", ls.zh()),
                    ))
                }
                Some(_) => None,
            }
        };
        if let Some((en, zh)) = fault {
            rep.problems.push(Problem::BadMerge {
                order_no: no.clone(),
                lead: lead.clone(),
                en,
                zh,
            });
        }
    }
    let stored = store.stored_tally()?;
    let replayed = store.replayed_tally()?;
    if stored != replayed {
        let rows = replayed
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
                .count()
            + stored
                .totals
                .keys()
                .filter(|k| !replayed.totals.contains_key(*k))
                .count();
        rep.problems.push(Problem::SumsDiffer { rows });
    }
    if !store.month_rollups_agree()? {
        rep.problems.push(Problem::RollupsDiffer);
    }
    rep.tallies_agree = !rep
        .problems
        .iter()
        .any(|p| matches!(p, Problem::SumsDiffer { .. } | Problem::RollupsDiffer));
    Ok(rep)
}
