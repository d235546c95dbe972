//! The forecast (超期预警): which orders *will be* overdue more than 30 days by a date if
//! nothing happens, so that an office can urge them before the bulletin's cutoff. Defined
//! once here, on top of the scorecard's own rule (`scorecard::is_overdue_30d`): nothing here
//! says again what "late" is.
//!
//! Later (with the assessment packs) the units that will fall below a floor belong beside
//! `Forecast::units`; no floor is defined here yet.

use super::lang::Msg;
use super::order::Order;
use super::scorecard::{is_closed, is_overdue_30d, late30_deadline_bound};
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
}
