//! The forecast (超期预警): which orders *will be* overdue more than 30 days by a date if
//! nothing happens, so that an office can urge them before the bulletin's cutoff. Defined
//! once here, on top of the scorecard's own rule (`scorecard::is_overdue_30d`): nothing here
//! says again what "late" is.
//!
//! Beside the orders, the units that will be below one of a pack's floors by then
//! (`floor_risks`), by the pack's own figures (`Pack::floors_failed`).

use super::assessment::{Figure, Pack, Value, tier_assigned};
use super::lang::Msg;
use super::order::Order;
use super::scorecard::{
    Scorecard, is_assigned_to, is_closed, is_overdue_30d, late30_deadline_bound,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::BTreeMap;

/// The end of `by` (23:59:59): the time the forecast looks at.
pub fn end_of(by: NaiveDate) -> NaiveDateTime {
    by.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN))
}

/// The forecast's date as typed (`--by`, `:forecast`): YYYY-MM-DD, refused in both languages.
pub fn parse_by(s: &str) -> Result<NaiveDate, Msg> {
    super::time::parse_date(s).map_err(|_| {
        let q = super::text::quote(s.trim());
        Msg::both(
            format!(
                "'{q}' is not a date: write the forecast's date as YYYY-MM-DD, e.g. 2017-12-31"
            ),
            format!("“{q}”不是日期：预警日期请写成 YYYY-MM-DD，如 2017-12-31"),
        )
    })
}

/// A forecast looks forward: `by` may be today or later, not before.
pub fn check_by(by: NaiveDate, now: NaiveDateTime) -> Result<(), Msg> {
    if by < now.date() {
        return Err(Msg::both(
            format!(
                "forecast date {by} is before today ({}): give today or a later date (YYYY-MM-DD)",
                now.date()
            ),
            format!(
                "预警日期 {by} 早于今天（{}）：请给出今天或以后的日期（YYYY-MM-DD）",
                now.date()
            ),
        ));
    }
    Ok(())
}

/// The last deadline an order may have to cross by `by`: the scorecard's bound at the end of
/// that day. The candidates are the open orders with a deadline on or before it (the store's
/// scan of the open orders' index); `crosses_by` decides.
pub fn deadline_bound(by: NaiveDate) -> NaiveDate {
    late30_deadline_bound(end_of(by))
}

/// **forecast to cross** by `by`: open at `now`, not overdue more than 30 days at `now`, and
/// overdue more than 30 days at the end of `by` if it stayed open (`is_overdue_30d` at both
/// times: the bulletin's rule, not a second one).
pub fn crosses_by(o: &Order, now: NaiveDateTime, by: NaiveDate) -> bool {
    let open = o.is_open() && !is_closed(o, now);
    open && !is_overdue_30d(o, now) && is_overdue_30d(o, end_of(by))
}

/// One order forecast to cross.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crossing {
    pub order_no: String,
    pub unit: Option<String>,
    pub deadline: NaiveDate,
    pub title: String,
    pub days_overdue_now: i64,
    pub days_overdue_by: i64,
}

/// How many of a unit's orders cross (`unit` None: orders with the office).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitCount {
    pub unit: Option<String>,
    pub orders: u64,
}

/// The forecast by a date, as of now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    pub by: NaiveDate,
    pub as_of: NaiveDateTime,
    /// The earliest deadline first (the most overdue by then), then by order number.
    pub orders: Vec<Crossing>,
    /// Per unit, the most orders first, then by name.
    pub units: Vec<UnitCount>,
}

impl Forecast {
    pub fn order_nos(&self) -> Vec<String> {
        self.orders.iter().map(|c| c.order_no.clone()).collect()
    }
}

/// The forecast by `by` among `candidates` (any orders: those that do not cross are left
/// out). `by` before today is refused (`check_by`).
pub fn forecast<'a>(
    candidates: impl IntoIterator<Item = &'a Order>,
    now: NaiveDateTime,
    by: NaiveDate,
) -> Result<Forecast, Msg> {
    check_by(by, now)?;
    let end = end_of(by);
    let mut orders: Vec<Crossing> = candidates
        .into_iter()
        .filter(|o| crosses_by(o, now, by))
        .filter_map(|o| {
            Some(Crossing {
                order_no: o.order_no.clone(),
                unit: o.unit.clone(),
                deadline: o.deadline?,
                title: o.title.clone(),
                days_overdue_now: o.days_overdue(now),
                days_overdue_by: o.days_overdue(end),
            })
        })
        .collect();
    orders.sort_by(|a, b| (a.deadline, &a.order_no).cmp(&(b.deadline, &b.order_no)));
    let mut per: BTreeMap<Option<String>, u64> = BTreeMap::new();
    for c in &orders {
        *per.entry(c.unit.clone()).or_default() += 1;
    }
    let mut units: Vec<UnitCount> = per
        .into_iter()
        .map(|(unit, orders)| UnitCount { unit, orders })
        .collect();
    units.sort_by(|a, b| b.orders.cmp(&a.orders).then_with(|| a.unit.cmp(&b.unit)));
    Ok(Forecast {
        by,
        as_of: now,
        orders,
        units,
    })
}

/// A unit that will be below one of the pack's floors by the forecast's date, and is not now.
#[derive(Debug, Clone, PartialEq)]
pub struct FloorRisk {
    pub unit: String,
    pub figure: Figure,
    pub min_percent: f64,
    pub now: Value,
    pub by: Value,
    /// Its assigned orders that will be open and past their deadline by then.
    pub late_by: u64,
}

/// **late by** DATE, for a unit: its assigned orders (`is_assigned_to`, the card's period)
/// that will be open and past the end of their deadline day at the end of DATE if nothing
/// happens (`Order::is_late`: the one rule of a late order). Late now counts too.
pub fn late_by(card: &Scorecard, candidates: &[Order], by: NaiveDate) -> BTreeMap<String, u64> {
    let end = end_of(by);
    let mut per: BTreeMap<String, u64> = BTreeMap::new();
    for o in candidates {
        let Some(unit) = o.unit.as_deref() else {
            continue;
        };
        if o.is_late(end) && is_assigned_to(o, unit, &card.period) {
            *per.entry(unit.to_string()).or_default() += 1;
        }
    }
    per
}

/// **floor forecast**: a unit will be below a floor by DATE when it is not below it now, and
/// would be with each of its orders late by then (`late_by`) closed late at DATE. Time alone
/// records no reply, callback or sign, so of the figures only the closures move: those orders
/// can no longer close on time, whenever they close (按时办结率 = closed on time / closed
/// falls; 办结率 only rises). The floors are the pack's (`Pack::floors_failed`), not a second
/// rule. Units in the scorecard's order, floors in the pack's.
pub fn floor_risks(
    pack: &Pack,
    card: &Scorecard,
    late_by: &BTreeMap<String, u64>,
) -> Vec<FloorRisk> {
    let mut out = Vec::new();
    for r in &card.units {
        let n = late_by.get(&r.unit).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        let t = tier_assigned(card, r.kind);
        let now = pack.floors_failed(r, t);
        let mut then = r.clone();
        then.closed += n;
        for f in pack.floors_failed(&then, t) {
            if now.contains(&f) {
                continue;
            }
            let min_percent = pack
                .floors
                .iter()
                .find(|x| x.figure == f)
                .map_or(0.0, |x| x.min_percent);
            out.push(FloorRisk {
                unit: r.unit.clone(),
                figure: f,
                min_percent,
                now: pack.value(r, t, f),
                by: pack.value(&then, t, f),
                late_by: n,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::ExtensionRequest;
    use crate::domain::{Category, Status};

    fn t(s: &str) -> NaiveDateTime {
        crate::domain::time::parse_datetime(s, false).unwrap_or_default()
    }
    fn d(s: &str) -> NaiveDate {
        crate::domain::time::parse_date(s).unwrap_or_default()
    }

    fn order(no: &str, unit: &str, deadline: &str) -> Order {
        Order {
            order_no: no.into(),
            category: Category::Request,
            status: Status::Handling,
            title: format!("路灯不亮{no}"),
            content: String::new(),
            citizen: String::new(),
            phone: String::new(),
            address: String::new(),
            received_at: t("2017-10-01T09:00:00"),
            unit: Some(unit.into()),
            assigned_at: Some(t("2017-10-01T10:00:00")),
            deadline: Some(d(deadline)),
            due_at: None,
            accepted_at: None,
            reply: None,
            replied_at: None,
            extension: None,
            callback: None,
            closed_at: None,
            first_contact_at: None,
            last_callback: None,
            exemption: None,
            return_request: None,
            merged_into: None,
            before_merge: None,
            urges: 0,
            supervisions: 0,
            redos: 0,
            returns: 0,
            version: 3,
            updated_at: t("2017-10-01T10:00:00"),
        }
    }

    const NOW: &str = "2017-11-20T09:00:00";

    #[test]
    fn exactly_30_days_by_the_date_does_not_cross_31_does() {
        let now = t(NOW);
        let by = d("2017-12-01");
        // 2017-12-01 − 2017-10-31 = 31 days: crosses; − 2017-11-01 = 30 days: not yet.
        let o31 = order("1", "住建局", "2017-10-31");
        let o30 = order("2", "住建局", "2017-11-01");
        assert!(crosses_by(&o31, now, by));
        assert!(!crosses_by(&o30, now, by));
        assert!(crosses_by(&o30, now, d("2017-12-02")));
        assert_eq!(deadline_bound(by), d("2017-10-31"));
    }

    #[test]
    fn already_over_30_days_now_is_not_a_forecast() {
        let now = t(NOW);
        // 2017-11-20 − 2017-10-19 = 32 days already.
        let o = order("1", "住建局", "2017-10-19");
        assert!(is_overdue_30d(&o, now));
        assert!(!crosses_by(&o, now, d("2017-12-01")));
        // 30 days now (2017-10-21): not yet over, crosses tomorrow.
        let o = order("2", "住建局", "2017-10-21");
        assert!(!crosses_by(&o, now, now.date()));
        assert!(crosses_by(&o, now, d("2017-11-21")));
    }

    #[test]
    fn an_approved_extension_moves_the_deadline_a_pending_one_does_not() {
        let now = t(NOW);
        let by = d("2017-12-01");
        // Approved: the deadline is the extension's date (2017-11-05): 26 days by then.
        let approved = order("1", "住建局", "2017-11-05");
        assert!(!crosses_by(&approved, now, by));
        // Pending: the deadline stays 2017-10-25 (37 days by then) whatever is asked.
        let mut pending = order("2", "住建局", "2017-10-25");
        pending.extension = Some(ExtensionRequest {
            until: d("2017-11-30"),
            reason: "材料未齐".into(),
        });
        assert!(crosses_by(&pending, now, by));
    }

    #[test]
    fn a_closed_order_never_crosses_nor_one_without_deadline() {
        let now = t(NOW);
        let mut closed = order("1", "住建局", "2017-10-25");
        closed.status = Status::Closed;
        closed.closed_at = Some(t("2017-11-10T09:00:00"));
        assert!(!crosses_by(&closed, now, d("2018-06-01")));
        let mut none = order("2", "住建局", "2017-10-25");
        none.deadline = None;
        assert!(!crosses_by(&none, now, d("2018-06-01")));
    }

    #[test]
    fn the_forecast_counts_per_unit_and_refuses_a_past_date() {
        let now = t(NOW);
        let os = [
            order("3", "水务局", "2017-10-28"),
            order("1", "住建局", "2017-10-30"),
            order("2", "住建局", "2017-10-25"),
            order("4", "住建局", "2017-11-15"),
        ];
        let f = forecast(&os, now, d("2017-12-01")).unwrap_or_else(|m| panic!("{}", m.en));
        assert_eq!(f.order_nos(), ["2", "3", "1"]);
        assert_eq!(f.orders[0].days_overdue_now, 26);
        assert_eq!(f.orders[0].days_overdue_by, 37);
        assert_eq!(
            f.units,
            [
                UnitCount {
                    unit: Some("住建局".into()),
                    orders: 2
                },
                UnitCount {
                    unit: Some("水务局".into()),
                    orders: 1
                }
            ]
        );
        let Err(e) = forecast(&os, now, d("2017-11-19")) else {
            panic!("a date before today is refused");
        };
        assert!(e.en.contains("before today"), "{}", e.en);
        assert!(e.get(crate::domain::Lang::Zh).contains("早于今天"));
        assert!(forecast(&os, now, now.date()).is_ok());
        assert_eq!(parse_by(" 2017-12-01 ").ok(), Some(d("2017-12-01")));
        let Err(e) = parse_by("12月1日") else {
            panic!("not a date");
        };
        assert!(e.en.contains("YYYY-MM-DD") && e.get(crate::domain::Lang::Zh).contains("不是日期"));
    }
    #[test]
    fn a_unit_whose_late_orders_can_no_longer_close_on_time_falls_below_the_floor() {
        use crate::domain::UnitKind;
        use crate::domain::order::Unit;
        use crate::domain::scorecard::{Period, compute};
        let now = t(NOW);
        let by = d("2017-12-01");
        let closed = |no: &str, unit: &str| {
            let mut o = order(no, unit, "2017-10-20");
            o.status = Status::Closed;
            o.replied_at = Some(t("2017-10-19T10:00:00"));
            o.closed_at = Some(t("2017-10-25T10:00:00"));
            o.updated_at = t("2017-10-25T10:00:00");
            o
        };
        let orders = vec![
            // 住建局: two closed on time (按时办结率 2/2 = 100 % now) …
            closed("1", "住建局"),
            closed("2", "住建局"),
            // … one late now (deadline 11-10) and one late by the end of 12-01 (deadline
            // 11-30), both open: closed late at best, 2 / (2 + 2) = 50 % < 60 %.
            order("3", "住建局", "2017-11-10"),
            order("4", "住建局", "2017-11-30"),
            // Due on the day itself: not late by its end.
            order("5", "住建局", "2017-12-01"),
            // 水务局: one closed on time (1/1 = 100 % now), one open and late by then:
            // 1 / 2 = 50 % < 60 %: at risk as well.
            closed("6", "水务局"),
            order("7", "水务局", "2017-11-25"),
            // 公安局: one closed on time, nothing late by then: no risk.
            closed("8", "公安局"),
            order("9", "公安局", "2017-12-05"),
        ];
        let units: Vec<Unit> = ["住建局", "水务局", "公安局"]
            .iter()
            .enumerate()
            .map(|(i, n)| Unit {
                id: i as i64 + 1,
                name: n.to_string(),
                kind: UnitKind::Department,
                active: true,
            })
            .collect();
        let p = Period {
            from: d("2017-10-01"),
            to: now.date(),
            as_of: now,
        };
        let card = compute(p, &units, &orders, &[]);
        let late = late_by(&card, &orders, by);
        assert_eq!(late.get("住建局"), Some(&2));
        assert_eq!(late.get("水务局"), Some(&1));
        assert_eq!(late.get("公安局"), None);
        let pack = Pack::shipped("deduction").unwrap_or_else(|| panic!("deduction pack"));
        let risks = floor_risks(&pack, &card, &late);
        let got: Vec<(&str, Figure, Option<f64>, Option<f64>)> = risks
            .iter()
            .map(|r| (r.unit.as_str(), r.figure, r.now.number(), r.by.number()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("住建局", Figure::OnTimeRate, Some(1.0), Some(0.5)),
                ("水务局", Figure::OnTimeRate, Some(1.0), Some(0.5)),
            ]
        );
        // A unit already below the floor now is not a forecast: 50 % now.
        let mut worse = orders.clone();
        worse[1].replied_at = Some(t("2017-10-21T10:00:00"));
        let card = compute(p, &units, &worse, &[]);
        let risks = floor_risks(&pack, &card, &late_by(&card, &worse, by));
        assert!(risks.iter().all(|r| r.unit != "住建局"), "{risks:?}");
        // A pack without floors forecasts none.
        let seed = Pack::shipped("seed-2017").unwrap_or_else(|| panic!("seed pack"));
        assert!(floor_risks(&seed, &card, &late).is_empty());
    }
}
