//! Reading for the UI, off its thread: a worker with its own connection answers requests
//! over channels, so that a slow query never freezes a key. Requests that pile up are
//! coalesced (the latest per slot wins); each answer carries the request's sequence number
//! and data generation, and the session drops answers it no longer waits for.
//!
//! Long lists are never loaded whole: a list is one scan giving its order (ids and a few
//! sort keys, from indexes where possible), kept here, and the UI gets the count and the
//! window of whole orders around its selection (`app::Window`).

use super::app::{Detail, Held, HotspotRows, ListId, OrderRow, Query, Window, pinyin_of};
use crate::domain::assessment::Pack;
use crate::domain::query::{OrderSource, Page, Sort, page_start};
use crate::domain::scorecard::{Period, Scorecard};
use crate::domain::{Role, Unit};
use crate::error::{Error, Result};
use crate::store::{
    ListFilter, ListKey, OpenScan, OrderFilter, Store, StoredEvent, WordFilter, day_num,
};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};

/// How many events the Activity tab keeps.
pub const ACTIVITY: usize = 300;

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Counts, the open orders when few enough to hold, units, activity.
    Base { now: NaiveDateTime, hold: usize },
    /// Entries `start..start + len` of a list as `query` (around `keep` when given).
    List {
        id: ListId,
        query: Query,
        now: NaiveDateTime,
        start: usize,
        len: usize,
        keep: Option<String>,
        hold: usize,
    },
    Card {
        period: Period,
        /// The pack the Units tab judges by: its exemption kinds decide the adjusted figures.
        pack: Option<Box<crate::domain::assessment::Pack>>,
    },
    /// An order and its history; `open` shows it (else it refreshes the one shown).
    Detail {
        no: String,
        now: NaiveDateTime,
        open: bool,
    },
    /// A unit's overdue order numbers, for urging them all.
    OverdueOf { unit: String, today: NaiveDate },
    /// What cost a unit points under a pack (None: the default) in the period
    /// (`report::explain`); `open` shows it (else it refreshes the one shown).
    Explain {
        period: Period,
        pack: Option<Box<Pack>>,
        unit: String,
        open: bool,
    },
    /// The hotspots of the `app::HOTSPOT_DAYS` days up to `now`, with their orders.
    Hotspots { now: NaiveDateTime },
    /// The duplicate candidates of an order (`report::similar::candidates`, `SIMILAR` of
    /// them), as `hotline similar` finds them.
    Similar { no: String, now: NaiveDateTime },
    /// The units suggested for an order (`report::similar::suggest`, `SUGGEST` of them), as
    /// `hotline suggest` finds them.
    Suggest { no: String, now: NaiveDateTime },
}

/// How many duplicate candidates the detail and the dispatch picker show.
pub const SIMILAR: usize = 3;
/// How many suggested units the dispatch picker shows.
pub const SUGGEST: usize = 3;

/// Requests of one slot replace each other (the latest wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Base,
    List(ListId),
    Card,
    Detail,
    OverdueOf,
    Explain,
    Hotspots,
    Similar,
    Suggest,
}

impl Request {
    pub fn slot(&self) -> Slot {
        match self {
            Request::Base { .. } => Slot::Base,
            Request::List { id, .. } => Slot::List(*id),
            Request::Card { .. } => Slot::Card,
            Request::Detail { .. } => Slot::Detail,
            Request::OverdueOf { .. } => Slot::OverdueOf,
            Request::Explain { .. } => Slot::Explain,
            Request::Hotspots { .. } => Slot::Hotspots,
            Request::Similar { .. } => Slot::Similar,
            Request::Suggest { .. } => Slot::Suggest,
        }
    }
}

#[derive(Debug)]
pub struct Envelope {
    pub seq: u64,
    pub stamp: u64,
    pub req: Request,
}

pub enum Answer {
    Base {
        counts: (usize, usize),
        held: Option<Vec<OrderRow>>,
        units: Vec<Unit>,
        earliest: Option<NaiveDate>,
        activity: Vec<StoredEvent>,
    },
    /// A unit's orders, few enough to hold whole.
    Held {
        unit: String,
        rows: Vec<OrderRow>,
    },
    Window {
        id: ListId,
        window: Window,
        /// Where the order to keep selected is now.
        selected: Option<usize>,
    },
    /// The scorecard, and under a pack whose exemptions apply, the adjusted one (the raw less
    /// the exempted orders' own tally: `report::judge`).
    Card(Box<Scorecard>, Option<Box<Scorecard>>),
    Detail {
        no: String,
        detail: Option<Box<Detail>>,
        open: bool,
    },
    OverdueOf {
        unit: String,
        nos: Vec<String>,
    },
    Explain {
        explained: Box<crate::report::Explained>,
        open: bool,
    },
    Hotspots(Vec<HotspotRows>),
    Similar {
        no: String,
        list: Vec<crate::domain::similar::Candidate>,
    },
    Suggest {
        no: String,
        list: Vec<crate::domain::suggest::Suggestion>,
    },
}

pub struct Reply {
    pub seq: u64,
    pub stamp: u64,
    pub slot: Slot,
    /// What was asked (to settle the slot even when it failed).
    pub req: Request,
    pub answer: Result<Answer>,
}

/// A list's order as last scanned.
struct Scan {
    query: Query,
    stamp: u64,
    today: NaiveDate,
    ids: Vec<i64>,
    groups: Vec<(Option<String>, usize)>,
    unfiltered: usize,
}

/// The worker's state: what it scanned, kept between requests.
pub struct Lists {
    role: Role,
    units: Vec<Unit>,
    units_stamp: u64,
    /// The open orders in urgency order (deadline, none first, then intake), per generation.
    base: Option<(u64, Vec<ListKey>)>,
    scans: HashMap<ListId, Scan>,
    /// Each list's last window of orders by id, for its generation: moving by a page reads
    /// only the orders not loaded already.
    loaded: HashMap<ListId, (u64, HashMap<i64, crate::domain::Order>)>,
}

/// Orders past their deadline on `today` (YYYYMMDD): the domain's rule on the key.
fn late(k: &ListKey, today: i32) -> bool {
    crate::domain::order::late_on(k.open, (k.deadline != 0).then_some(k.deadline), today)
}

impl Lists {
    pub fn new(role: Role) -> Lists {
        Lists {
            role,
            units: Vec::new(),
            units_stamp: 0,
            base: None,
            scans: HashMap::new(),
            loaded: HashMap::new(),
        }
    }

    /// Answer one request.
    pub fn serve(&mut self, store: &Store, env: Envelope) -> Reply {
        let Envelope { seq, stamp, req } = env;
        let answer = store.read(|s| self.answer(s, stamp, &req));
        Reply {
            seq,
            stamp,
            slot: req.slot(),
            req,
            answer,
        }
    }

    fn only_unit_id(&self, store: &Store) -> Result<Option<i64>> {
        match crate::ops::policy::reads_only_unit(&self.role) {
            // A unit that does not exist sees nothing: -1 matches no order.
            Some(u) => Ok(Some(store.unit_id(u)?.unwrap_or(-1))),
            None => Ok(None),
        }
    }

    fn units(&mut self, store: &Store, stamp: u64) -> Result<&[Unit]> {
        if self.units_stamp != stamp || self.units.is_empty() {
            self.units = store.units()?;
            self.units_stamp = stamp;
        }
        Ok(&self.units)
    }

    fn base(&mut self, store: &Store, stamp: u64) -> Result<&[ListKey]> {
        if self.base.as_ref().is_none_or(|(s, _)| *s != stamp) {
            let scan = OpenScan {
                only_unit: self.only_unit_id(store)?,
                ..Default::default()
            };
            self.base = Some((stamp, store.open_keys(&scan)?));
        }
        Ok(self.base.as_ref().map(|(_, k)| k.as_slice()).unwrap_or(&[]))
    }

    fn answer(&mut self, store: &Store, stamp: u64, req: &Request) -> Result<Answer> {
        match req {
            Request::Base { now, hold } => {
                // The counts from the keys when a list has read them for this data, else
                // counted by the store: the Units and Activity tabs need no keys (reading
                // them all is most of the work at a million orders).
                let counts = match &self.base {
                    Some((s, keys)) if *s == stamp => {
                        let today = day_num(now.date());
                        (keys.len(), keys.iter().filter(|k| late(k, today)).count())
                    }
                    _ => store.open_counts(now.date(), self.only_unit_id(store)?)?,
                };
                let held = if counts.0 <= *hold {
                    let rows = store.list_orders(&OrderFilter {
                        open_only: true,
                        unit: crate::ops::policy::reads_only_unit(&self.role).map(str::to_string),
                        ..Default::default()
                    })?;
                    Some(rows.into_iter().map(|o| OrderRow::new(o, *now)).collect())
                } else {
                    None
                };
                let units = self.units(store, stamp)?.to_vec();
                let mut activity = store.recent_events(ACTIVITY)?;
                if let Some(own) = crate::ops::policy::reads_only_unit(&self.role) {
                    activity.retain(|e| e.event.unit.as_deref() == Some(own));
                }
                Ok(Answer::Base {
                    counts,
                    held,
                    units,
                    earliest: store.earliest_received()?,
                    activity,
                })
            }
            Request::List {
                id,
                query,
                now,
                start,
                len,
                keep,
                hold,
            } => self.list(
                store,
                stamp,
                *id,
                query,
                *now,
                (*start, *len, *hold, keep.as_deref()),
            ),
            Request::Card { period, pack } => Ok(match pack {
                Some(p) => {
                    let j = crate::report::judge(store, *period, p)?;
                    Answer::Card(Box::new(j.card), j.adjusted.map(|(c, _)| Box::new(c)))
                }
                None => Answer::Card(Box::new(crate::report::scorecard(store, *period)?), None),
            }),
            Request::Detail { no, now, open } => {
                let detail = match store
                    .order(no)?
                    .filter(|o| crate::ops::policy::may_read(&self.role, o))
                {
                    Some(o) => {
                        let (events, stamps) = store
                            .history(no)?
                            .into_iter()
                            .map(|e| (e.event, e.stamp))
                            .unzip();
                        Some(Box::new(Detail {
                            row: OrderRow::new(o, *now),
                            events,
                            stamps,
                        }))
                    }
                    None => None,
                };
                Ok(Answer::Detail {
                    no: no.clone(),
                    detail,
                    open: *open,
                })
            }
            Request::Hotspots { now } => {
                // As `hotline hotspots --window 30 --min 3`; a unit account sees its own.
                let ctx = crate::ops::Ctx::new(*now, "").with_role(self.role.clone());
                let opt = crate::report::similar::Options {
                    window_days: super::app::HOTSPOT_DAYS,
                    ..Default::default()
                };
                let mut list = crate::report::similar::hotspots(
                    store,
                    &ctx,
                    *now,
                    opt,
                    super::app::HOTSPOT_MIN,
                )?;
                list.truncate(super::app::HOTSPOT_TOP);
                let mut out = Vec::with_capacity(list.len());
                for hotspot in list {
                    let mut rows = Vec::with_capacity(hotspot.order_nos.len());
                    for no in &hotspot.order_nos {
                        if let Some(o) = store
                            .order(no)?
                            .filter(|o| crate::ops::policy::may_read(&self.role, o))
                        {
                            rows.push(OrderRow::new(o, *now));
                        }
                    }
                    out.push(HotspotRows { hotspot, rows });
                }
                Ok(Answer::Hotspots(out))
            }
            Request::OverdueOf { unit, today } => Ok(Answer::OverdueOf {
                unit: unit.clone(),
                nos: store.overdue_nos_of_unit(unit, *today)?,
            }),
            Request::Explain {
                period,
                pack,
                unit,
                open,
            } => {
                let pack = match pack {
                    Some(p) => (**p).clone(),
                    None => crate::report::pack(None)?,
                };
                // The same fetch as `hotline explain`'s, on the period the Units tab shows.
                let mut explained = crate::report::explain(store, *period, &pack, unit)?;
                // A unit account reads its own unit's orders only.
                if crate::ops::policy::reads_only_unit(&self.role).is_some_and(|own| own != unit) {
                    explained.costs.clear();
                }
                Ok(Answer::Explain {
                    explained: Box::new(explained),
                    open: *open,
                })
            }
            Request::Similar { no, now } => {
                let list = if self.may_read(store, no)? {
                    let opt = crate::report::similar::Options {
                        top: SIMILAR,
                        ..Default::default()
                    };
                    crate::report::similar::candidates(store, &self.ctx(*now), no, opt)?.1
                } else {
                    Vec::new()
                };
                Ok(Answer::Similar {
                    no: no.clone(),
                    list,
                })
            }
            Request::Suggest { no, now } => {
                let list = if self.may_read(store, no)? {
                    crate::report::similar::suggest(store, &self.ctx(*now), no, SUGGEST)?.1
                } else {
                    Vec::new()
                };
                Ok(Answer::Suggest {
                    no: no.clone(),
                    list,
                })
            }
        }
    }

    /// The context the report functions read in: this session's role, at `now`.
    fn ctx(&self, now: NaiveDateTime) -> crate::ops::Ctx {
        crate::ops::Ctx::new(now, "").with_role(self.role.clone())
    }

    /// The order exists and this session's role may read it (else it has nothing to show).
    fn may_read(&self, store: &Store, no: &str) -> Result<bool> {
        Ok(store
            .order(no)?
            .is_some_and(|o| crate::ops::policy::may_read(&self.role, &o)))
    }

    /// The query's filter as the store's SQL takes it (None: no filter): the units and
    /// statuses each word names found by the domain's rules (`domain::query`).
    fn sql_filter(&self, q: &Query, today: NaiveDate) -> Option<ListFilter> {
        use crate::domain::query::{statuses_named, unit_named};
        use crate::domain::units::Candidate;
        if !q.filters() {
            return None;
        }
        let spelled: Vec<(i64, &str, String, String)> = self
            .units
            .iter()
            .map(|u| {
                let (i, s) = pinyin_of(&u.name);
                (u.id, u.name.as_str(), i, s)
            })
            .collect();
        let f = &q.find;
        let words = f
            .words
            .iter()
            .map(|w| WordFilter {
                text: w.clone(),
                units: spelled
                    .iter()
                    .filter(|(_, name, initials, spelled)| {
                        unit_named(
                            w,
                            Candidate {
                                name,
                                initials,
                                spelled,
                            },
                        )
                    })
                    .map(|(id, ..)| *id)
                    .collect(),
                statuses: statuses_named(w),
            })
            .collect();
        let unit = f.unit.as_ref().map(|name| {
            self.units
                .iter()
                .find(|u| &u.name == name)
                .map_or(-1, |u| u.id)
        });
        let deadline = f.late.map(|l| {
            let back = |n: i64| today - chrono::Duration::days(n);
            (l.max.map(back), back(l.min))
        });
        Some(ListFilter {
            words,
            unit,
            status: f.status,
            category: f.category,
            deadline,
            return_pending: f.return_pending,
        })
    }

    fn list(
        &mut self,
        store: &Store,
        stamp: u64,
        id: ListId,
        query: &Query,
        now: NaiveDateTime,
        (start, len, hold, keep): (usize, usize, usize, Option<&str>),
    ) -> Result<Answer> {
        let today = now.date();
        self.units(store, stamp)?;
        let fresh = self
            .scans
            .get(&id)
            .is_some_and(|s| s.stamp == stamp && &s.query == query && s.today == today);
        if !fresh {
            let scan = match self.scan(store, stamp, id, query, now, hold)? {
                Ok(scan) => scan,
                Err(held) => return Ok(held),
            };
            self.scans.insert(id, scan);
        }
        let Some(scan) = self.scans.get(&id) else {
            return Err(Error::Store("list scan missing".into()));
        };
        let total = scan.ids.len();
        let kept = match keep {
            Some(no) => store
                .order_id_of(no)?
                .and_then(|oid| scan.ids.iter().position(|i| *i == oid)),
            None => None,
        };
        let len = len.max(1);
        let start = match kept {
            Some(at) => at.saturating_sub(super::app::MARGIN),
            None => start,
        };
        let start = page_start(start, len, total);
        let end = (start + len).min(total);
        let ids = &scan.ids[start..end];
        let mut had = match self.loaded.remove(&id) {
            Some((s, had)) if s == stamp => had,
            _ => HashMap::new(),
        };
        let missing: Vec<i64> = ids
            .iter()
            .filter(|i| !had.contains_key(i))
            .copied()
            .collect();
        had.extend(store.orders_by_ids(&missing)?);
        let mut rows = Vec::with_capacity(ids.len());
        let mut keep_rows = HashMap::with_capacity(ids.len());
        for i in ids {
            if let Some(o) = had.remove(i) {
                rows.push(OrderRow::new(o.clone(), now));
                keep_rows.insert(*i, o);
            }
        }
        self.loaded.insert(id, (stamp, keep_rows));
        Ok(Answer::Window {
            id,
            window: Window {
                query: Some(query.clone()),
                stamp,
                total,
                unfiltered: scan.unfiltered,
                start,
                rows,
                groups: scan.groups.clone(),
            },
            selected: kept,
        })
    }

    /// A list's order: `Err(answer)` when it is a unit's list short enough to hold whole.
    fn scan(
        &mut self,
        store: &Store,
        stamp: u64,
        id: ListId,
        query: &Query,
        now: NaiveDateTime,
        hold: usize,
    ) -> Result<std::result::Result<Scan, Answer>> {
        let today = now.date();
        let sort = query.sort;
        let by_no = sort == Sort::OrderNo;
        if query.error.is_some() {
            return Ok(Ok(Scan::empty(query, stamp, today)));
        }
        let filter = self.sql_filter(query, today);
        let t = day_num(today);
        let wanted = |k: &ListKey| (!query.open_only || k.open) && (!query.late_only || late(k, t));
        // `:find`: every order, closed included.
        if id == ListId::Found {
            let (mut keys, all) =
                store.all_keys(self.only_unit_id(store)?, filter.as_ref(), by_no)?;
            let rank: HashMap<i64, usize> = self
                .units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.id, i))
                .collect();
            let unit_pos = |k: &ListKey| {
                k.unit_id
                    .and_then(|u| rank.get(&u).copied())
                    .unwrap_or(usize::MAX)
            };
            query.sort(&mut keys, |k| k, t, unit_pos);
            return Ok(Ok(Scan {
                query: query.clone(),
                stamp,
                today,
                ids: keys.into_iter().map(|k| k.id).collect(),
                groups: Vec::new(),
                unfiltered: all,
            }));
        }
        // The open orders in the store's own order: the ids as scanned, nothing to sort.
        if query.unit.is_none()
            && filter.is_none()
            && (sort == Sort::Urgency || (sort == Sort::DaysOver && query.late_only))
        {
            let base = self.base(store, stamp)?;
            let mut ids: Vec<i64> = base.iter().filter(|k| wanted(k)).map(|k| k.id).collect();
            let unfiltered = ids.len();
            if query.reverse {
                ids.reverse();
            }
            return Ok(Ok(Scan {
                query: query.clone(),
                stamp,
                today,
                ids,
                groups: Vec::new(),
                unfiltered,
            }));
        }
        let (mut keys, unfiltered) = match query.unit.clone() {
            Some(unit) => {
                let visible =
                    crate::ops::policy::reads_only_unit(&self.role).is_none_or(|u| u == unit);
                let uid = store.unit_id(&unit)?.filter(|_| visible);
                let Some(uid) = uid else {
                    return Ok(Ok(Scan::empty(query, stamp, today)));
                };
                let full = sort != Sort::Urgency;
                let mut keys = store.unit_keys(uid, full, by_no)?;
                if keys.len() <= hold {
                    let ids: Vec<i64> = keys.iter().map(|k| k.id).collect();
                    let rows = store
                        .orders_by_ids(&ids)?
                        .into_iter()
                        .map(|(_, o)| OrderRow::new(o, now))
                        .collect();
                    return Ok(Err(Answer::Held { unit, rows }));
                }
                keys.retain(wanted);
                let all = keys.len();
                if let Some(f) = &filter {
                    let hits = store.unit_matching(uid, f)?;
                    keys.retain(|k| hits.contains(&k.id));
                }
                (keys, all)
            }
            // Closed orders are listed by unit only (the Unit screen).
            None if !query.open_only => return Ok(Ok(Scan::empty(query, stamp, today))),
            None => {
                let base_len = self.base(store, stamp)?.len();
                // Typing on: the new filter contains the old one, so only the old matches
                // can match (when they are few enough for looking at each to pay).
                let narrowing = self
                    .scans
                    .get(&id)
                    .filter(|p| {
                        !by_no
                            && p.stamp == stamp
                            && p.today == today
                            && p.query.late_only == query.late_only
                            && query.narrows(&p.query)
                            && p.ids.len() <= base_len / 2
                    })
                    .map(|p| p.ids.clone());
                let keys = if filter.is_none() && !by_no {
                    self.base(store, stamp)?.to_vec()
                } else if let (Some(before), Some(f)) = (narrowing, &filter) {
                    let hits: std::collections::HashSet<i64> =
                        store.matching_among(&before, f)?.into_iter().collect();
                    let base = self.base(store, stamp)?;
                    base.iter()
                        .filter(|k| hits.contains(&k.id))
                        .cloned()
                        .collect()
                } else {
                    let scan = OpenScan {
                        only_unit: self.only_unit_id(store)?,
                        filter,
                        order_no: by_no,
                    };
                    store.open_keys(&scan)?
                };
                let mut keys = keys;
                let mut unfiltered = base_len;
                if query.late_only {
                    keys.retain(wanted);
                    unfiltered = self
                        .base(store, stamp)?
                        .iter()
                        .filter(|k| wanted(k))
                        .count();
                }
                (keys, unfiltered)
            }
        };
        let rank: HashMap<i64, usize> = self
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id, i))
            .collect();
        let unit_pos = |k: &ListKey| {
            k.unit_id
                .and_then(|u| rank.get(&u).copied())
                .unwrap_or(usize::MAX)
        };
        query.sort(&mut keys, |k| k, t, unit_pos);
        // Grouped by unit: the overdue list sorted by unit (`App::grouped`).
        let groups = if query.late_only && sort == Sort::Unit {
            let names: HashMap<i64, &str> =
                self.units.iter().map(|u| (u.id, u.name.as_str())).collect();
            let mut groups: Vec<(Option<i64>, usize)> = Vec::new();
            for k in &keys {
                match groups.last_mut() {
                    Some((u, n)) if *u == k.unit_id => *n += 1,
                    _ => groups.push((k.unit_id, 1)),
                }
            }
            groups
                .into_iter()
                .map(|(u, n)| (u.and_then(|u| names.get(&u).map(|s| s.to_string())), n))
                .collect()
        } else {
            Vec::new()
        };
        Ok(Ok(Scan {
            query: query.clone(),
            stamp,
            today,
            ids: keys.into_iter().map(|k| k.id).collect(),
            groups,
            unfiltered,
        }))
    }
}

impl Scan {
    fn empty(query: &Query, stamp: u64, today: NaiveDate) -> Scan {
        Scan {
            query: query.clone(),
            stamp,
            today,
            ids: Vec::new(),
            groups: Vec::new(),
            unfiltered: 0,
        }
    }
}

/// A list too long to hold: the store scanned by the worker's `Lists` (ids and sort keys),
/// its pages read by id. Answers a query as `app::Held` does.
pub struct Windowed<'a> {
    pub lists: &'a mut Lists,
    pub store: &'a Store,
    /// The data generation (a scan is kept for its generation, query and day).
    pub stamp: u64,
    pub now: NaiveDateTime,
    /// The list whose scan is kept.
    pub id: ListId,
}

impl OrderSource for Windowed<'_> {
    type Row = OrderRow;
    type Error = Error;
    fn page(&mut self, q: &Query, offset: usize, limit: usize) -> Result<Page<OrderRow>> {
        let answer = self.lists.list(
            self.store,
            self.stamp,
            self.id,
            q,
            self.now,
            (offset, limit, 0, None),
        )?;
        match answer {
            Answer::Window { window, .. } => Ok(Page {
                total: window.total,
                start: window.start,
                rows: window.rows,
            }),
            // A unit's orders, held whole (hold 0: only when it has none).
            Answer::Held { rows, .. } => {
                let names = self.lists.units.iter().map(|u| u.name.as_str());
                let mut held = Held::new(&rows, self.now, names);
                let Ok(p) = held.page(q, offset, limit);
                Ok(Page {
                    total: p.total,
                    start: p.start,
                    rows: p.rows.into_iter().cloned().collect(),
                })
            }
            _ => Err(Error::Store("a list answered with something else".into())),
        }
    }
}

/// The worker thread: its own connection to the same file.
pub struct Thread {
    pub tx: Sender<Envelope>,
    pub rx: Receiver<Reply>,
}

pub fn spawn(store: Store, role: Role) -> std::io::Result<Thread> {
    let (tx, requests) = channel::<Envelope>();
    let (answers, rx) = channel::<Reply>();
    std::thread::Builder::new()
        .name("hotline-store".into())
        .spawn(move || {
            let mut lists = Lists::new(role);
            while let Ok(first) = requests.recv() {
                // Take whatever else is waiting; the latest request of a slot wins.
                let mut batch = vec![first];
                while let Ok(more) = requests.try_recv() {
                    batch.push(more);
                }
                let mut latest: HashMap<Slot, usize> = HashMap::new();
                for (i, e) in batch.iter().enumerate() {
                    latest.insert(e.req.slot(), i);
                }
                for (i, e) in batch.into_iter().enumerate() {
                    if latest.get(&e.req.slot()) != Some(&i) {
                        continue;
                    }
                    if answers.send(lists.serve(&store, e)).is_err() {
                        return;
                    }
                }
            }
        })
        .map(|_| Thread { tx, rx })
}
