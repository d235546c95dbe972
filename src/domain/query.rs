//! What an order list shows, defined once: which orders (`OrderQuery::matches`), in which
//! order (`OrderQuery::sort`). The TUI's lists come from two sources that answer the same
//! query (`OrderSource`): a list held whole in memory, filtered and sorted by these
//! functions, and a window of a list too long to hold, scanned by the store (the filter in
//! SQL built once in `store::lists`, sorted here on small keys).

use super::Order;
use super::order::late_on;
use chrono::{NaiveDate, NaiveDateTime};
use std::cmp::{Ordering, Reverse};

/// What a list shows of a citizen's name as text: its first character (the rest is masked,
/// `domain::text::mask_name`). The filter matches this and no more.
pub fn shown_citizen(name: &str) -> &str {
    name.char_indices().nth(1).map_or(name, |(i, _)| &name[..i])
}

/// How a list is sorted. Ties keep the source's order, which is urgency: open orders by
/// deadline (none first), then intake; a unit's closed orders after, the latest assigned first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// The source's order.
    #[default]
    Urgency,
    /// The latest received first.
    Received,
    /// By unit in the bulletin's order (the office last), the most days late first, then by
    /// deadline.
    Unit,
    /// By order number.
    OrderNo,
    /// The most days late first (the others after, in the source's order).
    DaysOver,
}

/// A list of orders: which, and in which order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderQuery {
    /// Trimmed, lowercase (see `OrderQuery::new`); empty: every order.
    pub text: String,
    pub sort: Sort,
    /// The sorted list upside down (ties too).
    pub reverse: bool,
    /// Only the orders this unit holds now.
    pub unit: Option<String>,
    /// Only open orders.
    pub open_only: bool,
    /// Only open orders past their deadline (`domain::order::late_on`).
    pub late_only: bool,
}

/// What sorting needs of an order. Held lists sort whole orders; windows sort the store's
/// small keys (dates as numbers that sort like them): both give these, so one comparator
/// sorts both.
pub trait SortFields {
    /// A day (the deadline, today): a date, or a number that sorts like one.
    type Day: Ord + Copy;
    /// The time received, or a number that sorts like it.
    type Time: Ord + Copy;
    fn open(&self) -> bool;
    fn deadline(&self) -> Option<Self::Day>;
    fn received(&self) -> Self::Time;
    /// None only when the source did not read it (it then sorts first).
    fn order_no(&self) -> Option<&str>;
}

impl SortFields for Order {
    type Day = NaiveDate;
    type Time = NaiveDateTime;
    fn open(&self) -> bool {
        self.is_open()
    }
    fn deadline(&self) -> Option<NaiveDate> {
        self.deadline
    }
    fn received(&self) -> NaiveDateTime {
        self.received_at
    }
    fn order_no(&self) -> Option<&str> {
        Some(&self.order_no)
    }
}

impl OrderQuery {
    /// A query for this typed filter text (trimmed, lowercased).
    pub fn new(text: &str) -> OrderQuery {
        OrderQuery {
            text: text.trim().to_lowercase(),
            ..Default::default()
        }
    }

    /// Whether the text, typed as pinyin initials, names a unit with these initials: the
    /// text is all lowercase letters and starts them (`zj` → 住建局's `zjj`).
    pub fn names_by_initials(&self, unit_initials: &str) -> bool {
        !self.text.is_empty()
            && self.text.chars().all(|c| c.is_ascii_lowercase())
            && unit_initials.starts_with(&self.text)
    }

    /// Whether the text matches: one of order number, title, content or unit contains it
    /// (any case), or it is the citizen's surname — the one part of the name a list shows
    /// (王**): the full name is masked on the screen, and a filter that matched it would tell
    /// anyone who types names which orders a person called about — or it names the order's
    /// unit by its pinyin initials (`unit_initials`, see `names_by_initials`). The store's
    /// SQL filter is the same rule (`store::lists::text_filter`; LIKE ignores the case of
    /// ASCII letters only, and filters are typed in Chinese or lowercase pinyin).
    pub fn text_matches(&self, o: &Order, unit_initials: &str) -> bool {
        let q = self.text.as_str();
        if q.is_empty() {
            return true;
        }
        let hit = |s: &str| s.to_lowercase().contains(q);
        hit(&o.order_no)
            || hit(&o.title)
            || hit(&o.content)
            || hit(shown_citizen(&o.citizen))
            || o.unit.as_deref().is_some_and(hit)
            || self.names_by_initials(unit_initials)
    }

    /// Whether `o` belongs to the list at `now` (`unit_initials`: of the order's unit).
    pub fn matches(&self, o: &Order, now: NaiveDateTime, unit_initials: &str) -> bool {
        (!self.open_only || o.is_open())
            && (!self.late_only || o.is_late(now))
            && self
                .unit
                .as_ref()
                .is_none_or(|u| o.unit.as_ref() == Some(u))
            && self.text_matches(o, unit_initials)
    }

    /// The list's order of two entries on `today`; `unit_pos` is an entry's unit's place in
    /// the bulletin's order (usize::MAX: with the office). Equal entries keep the source's
    /// order (sort stably); `reverse` is applied by `sort`.
    pub fn compare<K: SortFields>(
        &self,
        a: &K,
        b: &K,
        today: K::Day,
        unit_pos: impl Fn(&K) -> usize,
    ) -> Ordering {
        // Most days late first ⇔ the earliest deadline among late orders; the others tie.
        let late_key = |k: &K| {
            let late = late_on(k.open(), k.deadline(), today);
            (!late, k.deadline().filter(|_| late))
        };
        match self.sort {
            Sort::Urgency => Ordering::Equal,
            Sort::Received => Reverse(a.received()).cmp(&Reverse(b.received())),
            Sort::Unit => unit_pos(a)
                .cmp(&unit_pos(b))
                .then_with(|| late_key(a).cmp(&late_key(b)))
                .then_with(|| a.deadline().cmp(&b.deadline())),
            Sort::OrderNo => a.order_no().cmp(&b.order_no()),
            Sort::DaysOver => late_key(a).cmp(&late_key(b)),
        }
    }

    /// Sort a list in the source's order as the query says (`key`: an entry's fields).
    pub fn sort<R, K: SortFields>(
        &self,
        rows: &mut [R],
        key: impl Fn(&R) -> &K,
        today: K::Day,
        unit_pos: impl Fn(&K) -> usize,
    ) {
        if self.sort != Sort::Urgency {
            rows.sort_by(|a, b| self.compare(key(a), key(b), today, &unit_pos));
        }
        if self.reverse {
            rows.reverse();
        }
    }
}

/// A page of a list: entries `start..start + rows.len()` of `total`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<R> {
    pub total: usize,
    pub start: usize,
    pub rows: Vec<R>,
}

/// Where a list's start goes: `offset`, moved back so that a page is full when the list is
/// long enough.
pub fn page_start(offset: usize, limit: usize, total: usize) -> usize {
    offset.min(total.saturating_sub(limit.max(1)))
}

/// A source of order lists: the orders held in memory, or the store scanned (the TUI's
/// `app::Held` and `worker::Windowed`). Both answer a query with the same entries in the
/// same order (tests/tui_scale.rs).
pub trait OrderSource {
    type Row;
    type Error;
    /// Up to `limit` entries from `offset` (see `page_start`), and how many there are.
    fn page(
        &mut self,
        q: &OrderQuery,
        offset: usize,
        limit: usize,
    ) -> Result<Page<Self::Row>, Self::Error>;
    /// How many orders the query lists.
    fn count(&mut self, q: &OrderQuery) -> Result<usize, Self::Error> {
        Ok(self.page(q, 0, 1)?.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Category, Status};

    fn t(s: &str) -> NaiveDateTime {
        crate::domain::time::parse_datetime(s, false).unwrap()
    }

    fn order(no: &str, unit: Option<&str>, deadline: Option<&str>, status: Status) -> Order {
        Order {
            order_no: no.into(),
            category: Category::Request,
            status,
            title: format!("标题{no}"),
            content: "供暖不热".into(),
            citizen: "张三".into(),
            phone: String::new(),
            address: String::new(),
            received_at: t(&format!("2017-11-{}T09:00:00", &no[no.len() - 2..])),
            unit: unit.map(str::to_string),
            assigned_at: None,
            deadline: deadline.map(|d| crate::domain::time::parse_date(d).unwrap()),
            accepted_at: None,
            reply: None,
            replied_at: None,
            extension: None,
            callback: None,
            closed_at: None,
            urges: 0,
            supervisions: 0,
            redos: 0,
            returns: 0,
            version: 1,
            updated_at: t("2017-11-01T09:00:00"),
        }
    }

    #[test]
    fn text_matches_fields_and_unit_initials() {
        let o = order("201711010001", Some("住建局"), None, Status::Handling);
        let q = |s: &str| OrderQuery::new(s);
        assert!(q("").text_matches(&o, "zjj"));
        assert!(q(" 0001 ").text_matches(&o, "zjj"));
        assert!(q("供暖").text_matches(&o, "zjj"));
        assert!(q("张").text_matches(&o, "zjj"), "the surname shown (张*)");
        assert!(
            !q("张三").text_matches(&o, "zjj"),
            "not the name the screen masks"
        );
        assert!(!q("三").text_matches(&o, "zjj"));
        assert!(q("住建").text_matches(&o, "zjj"));
        assert!(q("ZJ").text_matches(&o, "zjj"), "lowercased, then initials");
        assert!(!q("jj").text_matches(&o, "zjj"), "initials from the start");
        assert!(!q("zj1").text_matches(&o, "zjj"), "letters only");
        assert!(!q("水务").text_matches(&o, "zjj"));
    }

    #[test]
    fn matches_status_lateness_and_unit() {
        let now = t("2017-11-11T08:00:00");
        let late = order(
            "201711010001",
            Some("住建局"),
            Some("2017-11-10"),
            Status::Handling,
        );
        let due_today = order(
            "201711010002",
            Some("住建局"),
            Some("2017-11-11"),
            Status::Handling,
        );
        let mut closed = order(
            "201711010003",
            Some("水务局"),
            Some("2017-11-01"),
            Status::Closed,
        );
        closed.closed_at = Some(t("2017-11-05T08:00:00"));
        let q = OrderQuery {
            late_only: true,
            ..Default::default()
        };
        assert!(q.matches(&late, now, ""));
        assert!(
            !q.matches(&due_today, now, ""),
            "late after its deadline day only"
        );
        assert!(!q.matches(&closed, now, ""));
        let open = OrderQuery {
            open_only: true,
            ..Default::default()
        };
        assert!(open.matches(&due_today, now, "") && !open.matches(&closed, now, ""));
        let unit = OrderQuery {
            unit: Some("水务局".into()),
            ..Default::default()
        };
        assert!(unit.matches(&closed, now, "") && !unit.matches(&late, now, ""));
    }

    #[test]
    fn sorts_one_way_for_orders_and_for_keys() {
        let today = t("2017-11-20T08:00:00");
        let rows = [
            order("201711010001", Some("水务局"), None, Status::Dispatched),
            order(
                "201711020002",
                Some("住建局"),
                Some("2017-11-10"),
                Status::Handling,
            ),
            order("201711030003", None, Some("2017-11-05"), Status::Handling),
            order(
                "201711040004",
                Some("住建局"),
                Some("2017-11-01"),
                Status::Handling,
            ),
            order(
                "201711050005",
                Some("水务局"),
                Some("2017-11-30"),
                Status::Handling,
            ),
        ];
        let pos = |o: &Order| match o.unit.as_deref() {
            Some("住建局") => 0,
            Some("水务局") => 1,
            _ => usize::MAX,
        };
        let sorted = |sort: Sort, reverse: bool| -> Vec<&str> {
            let q = OrderQuery {
                sort,
                reverse,
                ..Default::default()
            };
            let mut v: Vec<&Order> = rows.iter().collect();
            q.sort(&mut v, |o| *o, today.date(), pos);
            v.into_iter().map(|o| &o.order_no[10..]).collect()
        };
        assert_eq!(sorted(Sort::Urgency, false), ["01", "02", "03", "04", "05"]);
        assert_eq!(sorted(Sort::Urgency, true), ["05", "04", "03", "02", "01"]);
        assert_eq!(
            sorted(Sort::Received, false),
            ["05", "04", "03", "02", "01"]
        );
        assert_eq!(sorted(Sort::OrderNo, true), ["05", "04", "03", "02", "01"]);
        // Late first, most days first; the others keep their order.
        assert_eq!(
            sorted(Sort::DaysOver, false),
            ["04", "03", "02", "01", "05"]
        );
        // By unit, then the most late first, then deadline (none first); the office last.
        assert_eq!(sorted(Sort::Unit, false), ["04", "02", "01", "05", "03"]);

        // The same on keys with days as numbers (as the store's lists read them).
        struct Key(bool, i32, i64, usize);
        impl SortFields for Key {
            type Day = i32;
            type Time = i64;
            fn open(&self) -> bool {
                self.0
            }
            fn deadline(&self) -> Option<i32> {
                (self.1 != 0).then_some(self.1)
            }
            fn received(&self) -> i64 {
                self.2
            }
            fn order_no(&self) -> Option<&str> {
                None
            }
        }
        let num =
            |d: Option<NaiveDate>| d.map_or(0, |d| d.format("%Y%m%d").to_string().parse().unwrap());
        let keys: Vec<(&str, Key)> = rows
            .iter()
            .map(|o| {
                let r: i64 = o
                    .received_at
                    .format("%Y%m%d%H%M%S")
                    .to_string()
                    .parse()
                    .unwrap();
                (
                    &o.order_no[10..],
                    Key(o.is_open(), num(o.deadline), r, pos(o)),
                )
            })
            .collect();
        for (sort, reverse) in [
            (Sort::Unit, false),
            (Sort::DaysOver, false),
            (Sort::Received, true),
            (Sort::Urgency, true),
        ] {
            let q = OrderQuery {
                sort,
                reverse,
                ..Default::default()
            };
            let mut v: Vec<&(&str, Key)> = keys.iter().collect();
            q.sort(&mut v, |k| &k.1, 20171120, |k| k.3);
            let names: Vec<&str> = v.into_iter().map(|k| k.0).collect();
            assert_eq!(names, sorted(sort, reverse), "{sort:?}");
        }
    }

    #[test]
    fn late_is_days_overdue_of_an_open_order() {
        let o = order("201711010001", None, Some("2017-11-10"), Status::Handling);
        for now in [
            "2017-11-09T12:00:00",
            "2017-11-10T23:59:59",
            "2017-11-11T00:00:00",
        ] {
            let now = t(now);
            assert_eq!(o.is_late(now), o.days_overdue(now) > 0, "{now}");
        }
        let mut closed = o.clone();
        closed.status = Status::Closed;
        assert!(!closed.is_late(t("2017-12-01T00:00:00")));
        assert!(!late_on(true, None::<i32>, 20171111));
        assert!(
            late_on(true, Some(20171110), 20171111) && !late_on(true, Some(20171111), 20171111)
        );
    }

    #[test]
    fn pages_are_full_when_the_list_is_long_enough() {
        assert_eq!(page_start(0, 10, 100), 0);
        assert_eq!(page_start(95, 10, 100), 90);
        assert_eq!(page_start(5, 10, 3), 0);
    }
}
