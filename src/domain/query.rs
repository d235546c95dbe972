//! What an order list shows, defined once: which orders (`OrderQuery::matches`), in which
//! order (`OrderQuery::sort`). The TUI's lists come from two sources that answer the same
//! query (`OrderSource`): a list held whole in memory, filtered and sorted by these
//! functions, and a window of a list too long to hold, scanned by the store (the filter in
//! SQL built once in `store::lists`, sorted here on small keys).

use super::lang::Msg;
use super::order::late_on;
use super::text::{pinyin_of, quote};
use super::units::Candidate;
use super::{Category, Order, Status};
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
    /// The text parsed (`parse`): its free words and fields (boxed: queries travel in
    /// messages).
    pub find: Box<Find>,
    /// Why the text is not a query (a bad field or value): the list then shows nothing.
    pub error: Option<Msg>,
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

/// How many days late, both ends included (`late:>30` is 31 and more). Only open orders past
/// their deadline are late (`domain::order::late_on`): `min` is at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaysLate {
    pub min: i64,
    pub max: Option<i64>,
}

impl DaysLate {
    pub fn contains(&self, days: i64) -> bool {
        days >= self.min && self.max.is_none_or(|m| days <= m)
    }
}

/// A filter text parsed: free words (every one must match, `word_matches`) and fields
/// (`unit:住建局 status:办理中 late:>30 cat:诉求`), each a condition of its own.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Find {
    /// Lowercase.
    pub words: Vec<String>,
    /// The unit's name, resolved by `domain::units::resolve`.
    pub unit: Option<String>,
    pub status: Option<Status>,
    pub category: Option<Category>,
    pub late: Option<DaysLate>,
    /// `return:pending`: only orders whose unit's return request awaits the office.
    pub return_pending: bool,
}

impl Find {
    pub fn is_empty(&self) -> bool {
        self == &Find::default()
    }
}

/// The fields of a query, with their Chinese names: (field, names it is typed as).
pub const FIELDS: [(&str, &[&str]); 5] = [
    ("unit", &["unit", "单位"]),
    ("status", &["status", "状态"]),
    ("late", &["late", "超期"]),
    ("cat", &["cat", "category", "类别"]),
    ("return", &["return", "退单"]),
];

fn field_list() -> String {
    FIELDS
        .iter()
        .map(|(f, _)| format!("{f}:"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parse a filter text (the `/` filter's, `:find`'s, a saved view's). Words are split at
/// spaces, quotes keep a phrase together (`"路灯 不亮"`, by `shell-words`); a word
/// `field:value` (or `field：value`) with a known field is a condition, with an unknown one an
/// error naming the fields. `unit:` is resolved through `domain::units` among `units`.
pub fn parse<'a>(text: &str, units: impl IntoIterator<Item = Candidate<'a>>) -> Result<Find, Msg> {
    let tokens = shell_words::split(text.trim()).map_err(|_| {
        Msg::both(
            format!(
                "unmatched quote in '{}': close the quote or remove it",
                quote(text)
            ),
            format!("“{}”中的引号不成对：请补上或删去引号", quote(text)),
        )
    })?;
    let units: Vec<Candidate<'a>> = units.into_iter().collect();
    let mut find = Find::default();
    for token in tokens {
        let split = token
            .char_indices()
            .find(|(_, c)| *c == ':' || *c == '：')
            .map(|(i, c)| (&token[..i], &token[i + c.len_utf8()..]));
        let Some((name, value)) = split.filter(|(n, _)| is_field_name(n)) else {
            let w = token.trim().to_lowercase();
            if !w.is_empty() {
                find.words.push(w);
            }
            continue;
        };
        let lower = name.to_lowercase();
        let Some((field, _)) = FIELDS
            .iter()
            .find(|(_, names)| names.contains(&lower.as_str()))
        else {
            return Err(Msg::both(
                format!(
                    "unknown field '{name}:' in the query: the fields are {}",
                    field_list()
                ),
                format!("查询中没有字段“{name}：”：可用的字段有{}", field_list()),
            ));
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(Msg::both(
                format!(
                    "'{name}:' needs a value after the colon, e.g. {}",
                    example(field)
                ),
                format!("“{name}：”后面缺少值，例如{}", example(field)),
            ));
        }
        match *field {
            "unit" => {
                let u = super::units::resolve(units.iter().copied(), value).map_err(|r| r.msg())?;
                find.unit = Some(u.to_string());
            }
            "status" => find.status = Some(parse_status(value)?),
            "cat" => find.category = Some(parse_category(value)?),
            "return" => find.return_pending = parse_return(value)?,
            _ => find.late = Some(parse_late(value)?),
        }
    }
    Ok(find)
}

/// A word before a colon that is meant as a field: letters only (so `12:30` stays a word).
fn is_field_name(n: &str) -> bool {
    (!n.is_empty() && n.chars().all(|c| c.is_ascii_alphabetic()))
        || FIELDS.iter().any(|(_, names)| names.contains(&n))
}

fn example(field: &str) -> &'static str {
    match field {
        "unit" => "unit:住建局 / unit:zjj",
        "status" => "status:办理中",
        "cat" => "cat:诉求",
        "return" => "return:pending",
        _ => "late:>30",
    }
}

fn parse_status(v: &str) -> Result<Status, Msg> {
    let l = v.to_lowercase();
    Status::ALL
        .into_iter()
        .find(|s| s.zh() == v || s.en() == l || s.code() == l)
        .ok_or_else(|| {
            let zh: Vec<&str> = Status::ALL.iter().map(|s| s.zh()).collect();
            let en: Vec<&str> = Status::ALL.iter().map(|s| s.en()).collect();
            Msg::both(
                format!(
                    "unknown status '{}' in status: — one of {}",
                    quote(v),
                    en.join(", ")
                ),
                format!("status：中没有状态“{}”：可用{}", quote(v), zh.join("、")),
            )
        })
}

fn parse_category(v: &str) -> Result<Category, Msg> {
    let l = v.to_lowercase();
    Category::ALL
        .into_iter()
        .find(|c| c.zh() == v || c.code() == l)
        .ok_or_else(|| {
            let zh: Vec<&str> = Category::ALL.iter().map(|c| c.zh()).collect();
            let en: Vec<&str> = Category::ALL.iter().map(|c| c.code()).collect();
            Msg::both(
                format!(
                    "unknown category '{}' in cat: — one of {}",
                    quote(v),
                    en.join(", ")
                ),
                format!("cat：中没有类别“{}”：可用{}", quote(v), zh.join("、")),
            )
        })
}

/// `return:pending` (`退单:待审核`, `退单:待审`): the one value of the field.
fn parse_return(v: &str) -> Result<bool, Msg> {
    if ["pending", "待审核", "待审", "申请"].contains(&v.to_lowercase().as_str()) {
        Ok(true)
    } else {
        Err(Msg::both(
            format!(
                "unknown value '{}' in return: — write return:pending (a unit's return request awaiting the office)",
                quote(v)
            ),
            format!(
                "退单：中没有“{}”：请写成 退单:待审核 或 return:pending（单位的退单申请待办公室审核）",
                quote(v)
            ),
        ))
    }
}

/// `>30`, `>=30`, `<5`, `<=5`, `=7` or `7` days late.
fn parse_late(v: &str) -> Result<DaysLate, Msg> {
    let v = v.replace('＞', ">").replace('＜', "<").replace('＝', "=");
    let (op, n) = [">=", "<=", ">", "<", "="]
        .into_iter()
        .find_map(|op| v.strip_prefix(op).map(|n| (op, n)))
        .unwrap_or(("=", v.as_str()));
    let bad = || {
        Msg::both(
            format!(
                "late:{v} is not a number of days: write late:>30, late:>=30, late:<5 or late:7"
            ),
            format!("late：{v}不是天数：请写成 late:>30、late:>=30、late:<5 或 late:7"),
        )
    };
    let n: i64 = n.trim().parse().map_err(|_| bad())?;
    if n < 0 {
        return Err(bad());
    }
    Ok(match op {
        ">" => DaysLate {
            min: (n + 1).max(1),
            max: None,
        },
        ">=" => DaysLate {
            min: n.max(1),
            max: None,
        },
        "<" => DaysLate {
            min: 1,
            max: Some(n - 1),
        },
        "<=" => DaysLate {
            min: 1,
            max: Some(n),
        },
        _ => DaysLate {
            min: n.max(1),
            max: Some(n),
        },
    })
}

/// The statuses a free word names: a part of a status's Chinese name (`待审核`, `审核`), or the
/// start of its English name, three letters or more (`repl` → replied).
pub fn statuses_named(word: &str) -> Vec<Status> {
    let en = word.len() >= 3 && word.chars().all(|c| c.is_ascii_lowercase());
    Status::ALL
        .into_iter()
        .filter(|s| (!word.is_ascii() && s.zh().contains(word)) || (en && s.en().starts_with(word)))
        .collect()
}

/// Whether a word is typed as pinyin: lowercase ASCII letters only.
pub fn is_pinyin(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase())
}

/// Whether a pinyin word names a unit: its initials or full spelling start with the word
/// (`zj`, `zhujian` → 住建局), by the unit rule's `Prefix` tier (`domain::units::rank`).
pub fn unit_named(word: &str, unit: Candidate) -> bool {
    is_pinyin(word) && (unit.initials.starts_with(word) || unit.spelled.starts_with(word))
}

/// Whether a pinyin word of two letters or more is in a title's pinyin: its initials
/// (`ld` in 小区路灯不亮's xqldbl) or its full spelling (`ludeng`). One letter would be in
/// nearly every title.
pub fn title_pinyin_hit(title: &str, word: &str) -> bool {
    is_pinyin(word) && word.len() >= 2 && {
        let (initials, spelled) = pinyin_of(title);
        initials.contains(word) || spelled.contains(word)
    }
}

/// An order's pinyin that the matcher compares: its unit's (initials, full spelling). Held
/// rows compute it once (`tui::app::OrderRow`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitPinyin {
    pub initials: String,
    pub spelled: String,
}

impl UnitPinyin {
    pub fn of(unit: Option<&str>) -> UnitPinyin {
        let (initials, spelled) = unit.map(pinyin_of).unwrap_or_default();
        UnitPinyin { initials, spelled }
    }
}

/// Where a query's words appear in a text shown in a list (byte ranges, sorted, not
/// overlapping): what a view highlights. Only literal hits (any case); a pinyin or status hit
/// has no place in the text.
pub fn highlights(text: &str, words: &[String]) -> Vec<std::ops::Range<usize>> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return Vec::new(); // a lowercase form of another length: no byte positions to share
    }
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        let mut from = 0;
        while let Some(i) = lower[from..].find(w.as_str()) {
            let a = from + i;
            out.push(a..a + w.len());
            from = a + w.len();
        }
    }
    out.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
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
    /// A query for this typed filter text (trimmed, lowercased), parsed with no units known
    /// (a `unit:` field is then an error; see `with_units`).
    pub fn new(text: &str) -> OrderQuery {
        OrderQuery::with_units(text, [])
    }

    /// A query for this typed filter text, its `unit:` field resolved among `units`.
    pub fn with_units<'a>(
        text: &str,
        units: impl IntoIterator<Item = Candidate<'a>>,
    ) -> OrderQuery {
        let (find, error) = match parse(text, units) {
            Ok(f) => (Box::new(f), None),
            Err(e) => (Box::default(), Some(e)),
        };
        OrderQuery {
            text: text.trim().to_lowercase(),
            find,
            error,
            ..Default::default()
        }
    }

    /// Whether the query filters at all (words or fields, or a bad text that lists nothing).
    pub fn filters(&self) -> bool {
        self.error.is_some() || !self.find.is_empty()
    }

    /// Whether this query lists only orders that `before` lists (with the same lists and
    /// fields): the text typed on from `before`'s, words only, each word of `before` one that
    /// matches more when it is shorter (a pinyin or English word of three letters or more:
    /// shorter ones are not looked for in titles' pinyin and status names, so typing on can
    /// match what they did not).
    pub fn narrows(&self, before: &OrderQuery) -> bool {
        let words_only = |q: &OrderQuery| {
            q.error.is_none()
                && Find {
                    words: Vec::new(),
                    ..(*q.find).clone()
                }
                .is_empty()
        };
        words_only(self)
            && words_only(before)
            && !before.find.words.is_empty()
            && self.text.starts_with(&before.text)
            && before.find.words.iter().all(|w| {
                !w.is_ascii() || w.len() >= 3 || !w.chars().all(|c| c.is_ascii_alphabetic())
            })
    }

    /// Whether one free word matches: one of order number, title, content or unit contains it
    /// (any case), or it is the citizen's surname — the one part of the name a list shows
    /// (王**): the full name is masked on the screen, and a filter that matched it would tell
    /// anyone who types names which orders a person called about —, or it names the order's
    /// status (`statuses_named`: 待审核, replied), or, typed as pinyin, it names the order's
    /// unit (`unit_named`: `zjj`, `zhujianju`) or is in its title's pinyin
    /// (`title_pinyin_hit`: `ld` for 路灯). The store's SQL filter is the same rule
    /// (`store::lists::filter_sql`; LIKE ignores the case of ASCII letters only, and filters
    /// are typed in Chinese or lowercase pinyin).
    pub fn word_matches(word: &str, o: &Order, unit_py: &UnitPinyin) -> bool {
        let hit = |s: &str| s.to_lowercase().contains(word);
        hit(&o.order_no)
            || hit(&o.title)
            || hit(&o.content)
            || hit(shown_citizen(&o.citizen))
            || o.unit.as_deref().is_some_and(hit)
            || statuses_named(word).contains(&o.status)
            || o.unit.as_deref().is_some_and(|name| {
                unit_named(
                    word,
                    Candidate {
                        name,
                        initials: &unit_py.initials,
                        spelled: &unit_py.spelled,
                    },
                )
            })
            || title_pinyin_hit(&o.title, word)
    }

    /// Whether the text matches: every free word (`word_matches`) and every field.
    pub fn text_matches(&self, o: &Order, now: NaiveDateTime, unit_py: &UnitPinyin) -> bool {
        if self.error.is_some() {
            return false;
        }
        let f = &self.find;
        f.words.iter().all(|w| Self::word_matches(w, o, unit_py))
            && f.unit.as_ref().is_none_or(|u| o.unit.as_ref() == Some(u))
            && f.status.is_none_or(|s| o.status == s)
            && f.category.is_none_or(|c| o.category == c)
            && (!f.return_pending || o.return_request.is_some())
            && f.late
                .is_none_or(|l| o.is_late(now) && l.contains(o.days_overdue(now)))
    }

    /// Whether `o` belongs to the list at `now` (`unit_py`: of the order's unit).
    pub fn matches(&self, o: &Order, now: NaiveDateTime, unit_py: &UnitPinyin) -> bool {
        (!self.open_only || o.is_open())
            && (!self.late_only || o.is_late(now))
            && self
                .unit
                .as_ref()
                .is_none_or(|u| o.unit.as_ref() == Some(u))
            && self.text_matches(o, now, unit_py)
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
            version: 1,
            updated_at: t("2017-11-01T09:00:00"),
        }
    }

    fn py(unit: &str) -> UnitPinyin {
        UnitPinyin::of(Some(unit))
    }

    #[test]
    fn text_matches_fields_and_unit_initials() {
        let now = t("2017-11-11T08:00:00");
        let o = order("201711010001", Some("住建局"), None, Status::Handling);
        let p = py("住建局");
        let q = |s: &str| OrderQuery::new(s);
        assert!(q("").text_matches(&o, now, &p));
        assert!(q(" 0001 ").text_matches(&o, now, &p));
        assert!(q("供暖").text_matches(&o, now, &p));
        assert!(q("张").text_matches(&o, now, &p), "the surname shown (张*)");
        assert!(
            !q("张三").text_matches(&o, now, &p),
            "not the name the screen masks"
        );
        assert!(!q("三").text_matches(&o, now, &p));
        assert!(q("住建").text_matches(&o, now, &p));
        assert!(
            q("ZJ").text_matches(&o, now, &p),
            "lowercased, then initials"
        );
        assert!(
            !q("jj").text_matches(&o, now, &p),
            "initials from the start"
        );
        assert!(!q("zj1").text_matches(&o, now, &p), "letters only");
        assert!(!q("水务").text_matches(&o, now, &p));
        // Every word must match.
        assert!(q("供暖 住建").text_matches(&o, now, &p));
        assert!(!q("供暖 水务").text_matches(&o, now, &p));
    }

    #[test]
    fn words_match_status_names_and_pinyin() {
        let now = t("2017-11-11T08:00:00");
        let mut o = order("201711010001", Some("住建局"), None, Status::Replied);
        o.title = "小区路灯不亮".into();
        let p = py("住建局");
        let q = |s: &str| OrderQuery::new(s).text_matches(&o, now, &p);
        assert!(q("待审核") && q("审核") && q("replied") && q("repl"));
        assert!(
            !q("办理中") && !q("handling") && !q("re"),
            "another status; too short"
        );
        assert!(
            q("zhujianju") && q("zhujian") && q("zjj"),
            "the unit's full spelling"
        );
        assert!(q("ld") && q("ludeng") && q("xqld"), "the title's pinyin");
        assert!(!q("shuiwu") && !q("gn"), "neither unit nor title");
        assert!(
            !q("l"),
            "one letter is not looked for in the title's pinyin"
        );
        assert_eq!(
            statuses_named("待"),
            [
                Status::Received,
                Status::Dispatched,
                Status::Replied,
                Status::AwaitingCallback
            ]
        );
    }

    fn units() -> Vec<(String, String, String)> {
        ["住建局", "水务局", "海城镇", "海城供电公司"]
            .iter()
            .map(|n| {
                let (i, s) = pinyin_of(n);
                (n.to_string(), i, s)
            })
            .collect()
    }

    fn parsed(text: &str) -> Result<Find, Msg> {
        let u = units();
        parse(
            text,
            u.iter().map(|(name, initials, spelled)| Candidate {
                name,
                initials,
                spelled,
            }),
        )
    }

    #[test]
    fn parses_fields_and_words() {
        let f = parsed("unit:住建局 status:办理中 late:>30 cat:诉求 路灯  \"不 亮\"").unwrap();
        assert_eq!(f.unit.as_deref(), Some("住建局"));
        assert_eq!(f.status, Some(Status::Handling));
        assert_eq!(f.category, Some(Category::Request));
        assert_eq!(f.late, Some(DaysLate { min: 31, max: None }));
        assert_eq!(f.words, ["路灯", "不 亮"]);
        // English names, pinyin, Chinese field names, full-width colons.
        let f = parsed("unit:zjj status:Replied cat:inquiry 超期：>=5").unwrap();
        assert_eq!(f.unit.as_deref(), Some("住建局"));
        assert_eq!(f.status, Some(Status::Replied));
        assert_eq!(f.category, Some(Category::Inquiry));
        assert_eq!(f.late, Some(DaysLate { min: 5, max: None }));
        assert_eq!(
            parsed("late:<5").unwrap().late,
            Some(DaysLate {
                min: 1,
                max: Some(4)
            })
        );
        assert_eq!(
            parsed("late:7").unwrap().late,
            Some(DaysLate {
                min: 7,
                max: Some(7)
            })
        );
        assert_eq!(parsed("状态:待审核").unwrap().status, Some(Status::Replied));
        // A colon that is no field's: a word (a time, a Chinese phrase).
        assert_eq!(
            parsed("12:30 问题：供暖").unwrap().words,
            ["12:30", "问题：供暖"]
        );
        assert!(parsed("").unwrap().is_empty());
    }

    #[test]
    fn bad_fields_and_values_are_one_clear_error_in_both_languages() {
        let cases = [
            ("late:>x", "late:>x", "不是天数"),
            ("late:", "needs a value", "缺少值"),
            ("colour:red", "unknown field 'colour:'", "没有字段"),
            ("status:忙", "unknown status", "没有状态"),
            ("cat:投诉", "unknown category", "没有类别"),
            ("unit:公安", "unknown unit", "没有单位"),
            ("unit:海城", "could be any of", "匹配多个单位"),
            ("\"路灯", "unmatched quote", "引号不成对"),
        ];
        for (text, en, zh) in cases {
            let e = parsed(text).unwrap_err();
            assert!(e.en.contains(en), "{text}: {}", e.en);
            let z = e.zh.unwrap_or_default();
            assert!(z.contains(zh), "{text}: {z}");
        }
        // In a query: nothing listed, the error kept.
        let q = OrderQuery::new("late:>x");
        assert!(q.error.is_some() && q.filters());
        let o = order("201711010001", None, None, Status::Handling);
        assert!(!q.text_matches(&o, t("2017-11-11T08:00:00"), &UnitPinyin::default()));
    }

    #[test]
    fn fields_match_unit_status_category_and_days_late() {
        let now = t("2017-12-20T08:00:00");
        let late40 = order(
            "201711010001",
            Some("住建局"),
            Some("2017-11-10"),
            Status::Handling,
        );
        let late10 = order(
            "201711010002",
            Some("住建局"),
            Some("2017-12-10"),
            Status::Handling,
        );
        let p = py("住建局");
        let q = |s: &str| {
            let u = units();
            OrderQuery::with_units(
                s,
                u.iter().map(|(name, initials, spelled)| Candidate {
                    name,
                    initials,
                    spelled,
                }),
            )
        };
        let hits = |s: &str| {
            [&late40, &late10]
                .iter()
                .filter(|o| q(s).text_matches(o, now, &p))
                .count()
        };
        assert_eq!(hits("late:>30"), 1);
        assert_eq!(hits("late:>=10"), 2);
        assert_eq!(hits("late:<10"), 0);
        assert_eq!(hits("late:10"), 1);
        assert_eq!(hits("unit:zjj status:办理中 cat:诉求"), 2);
        assert_eq!(hits("unit:水务局"), 0);
        assert_eq!(hits("status:待审核"), 0);
        assert_eq!(hits("cat:咨询"), 0);
        assert_eq!(hits("unit:zjj 0002"), 1);
    }

    #[test]
    fn highlights_literal_hits() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            highlights("小区路灯不亮，路灯", &w(&["路灯"])),
            [6..12, 21..27]
        );
        assert_eq!(highlights("AbcAB", &w(&["ab", "bc"])), vec![0..5]);
        assert_eq!(highlights("AbxAB", &w(&["ab"])), [0..2, 3..5]);
        assert!(highlights("路灯", &w(&["ld"])).is_empty());
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
        let none = UnitPinyin::default();
        assert!(q.matches(&late, now, &none));
        assert!(
            !q.matches(&due_today, now, &none),
            "late after its deadline day only"
        );
        assert!(!q.matches(&closed, now, &none));
        let open = OrderQuery {
            open_only: true,
            ..Default::default()
        };
        assert!(open.matches(&due_today, now, &none) && !open.matches(&closed, now, &none));
        let unit = OrderQuery {
            unit: Some("水务局".into()),
            ..Default::default()
        };
        assert!(unit.matches(&closed, now, &none) && !unit.matches(&late, now, &none));
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
