//! The UI state: what is loaded, what is selected, which screen and dialog are open. Rows for
//! each list are derived here (filter, sort) so that key handling and drawing see the same
//! order. No I/O: `session` fills the data in.
//!
//! `App` is made of parts, each with the methods that read only it: `Env` (who works, the
//! language, keys, clock and terminal size), `Data` (what was loaded), `TabsState` (every
//! list's selection, filter and sort), `DetailState`, `Overlay` (help, dialog, input line).
//! What needs several parts (a list's rows: data, query, clock) is a method of `App`.

use super::action::Tab;
use super::dialog::Dialog;
use super::i18n::S;
use super::keymap::{Ctx, Keymap};
use super::theme::Theme;
use crate::domain::Lang;
use crate::domain::assessment::{self, Assessment, Figure, Pack};
use crate::domain::query::{OrderSource, Page, Sort, page_start};
use crate::domain::scorecard::{Scorecard, UnitRow};
use crate::domain::units::{self, Candidate};
use crate::domain::{ActionName, Event, Order, Role, Unit, UnitKind};
use crate::store::StoredEvent;
use chrono::{NaiveDate, NaiveDateTime};
use std::cell::Cell;
use std::collections::{BTreeSet, HashMap};
use tui_input::Input;

/// An order with the figures every list shows, computed once per load.
#[derive(Debug, Clone)]
pub struct OrderRow {
    pub order: Order,
    /// Working days left (negative: late); None when closed or without a deadline.
    pub left: Option<i64>,
    /// Calendar days past the deadline (0 when not late).
    pub late: i64,
    /// The time limit's warning (60, 80 or 90: percent used, `domain::limits::limit_warning`).
    pub warn: Option<u32>,
    /// An urgent order's hours left (negative: hours over, 超时; `Order::hours_left`).
    pub hours_left: Option<i64>,
    /// Pinyin of the unit, for filtering by `zjj` or `zhujianju`.
    pub unit_py: crate::domain::query::UnitPinyin,
}

impl OrderRow {
    /// The figures of an order as of `now`.
    pub fn new(o: Order, now: NaiveDateTime) -> OrderRow {
        let left = match (o.is_open(), o.deadline) {
            (true, Some(d)) => Some(crate::ops::calendar().working_days_left(now.date(), d)),
            _ => None,
        };
        let late = if o.is_late(now) {
            o.days_overdue(now)
        } else {
            0
        };
        let warn = crate::domain::limits::limit_warning(crate::ops::calendar(), &o, now);
        let hours_left = o.hours_left(now);
        let unit_py = crate::domain::query::UnitPinyin::of(o.unit.as_deref());
        OrderRow {
            order: o,
            left,
            late,
            warn,
            hours_left,
            unit_py,
        }
    }
}

/// The smallest terminal the layout is made for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Lists of at most this many orders are held whole: filters and sorts then run here, at
/// once. Longer ones are windows of the store's answer (see `Window`).
pub const HOLD: usize = 3000;

/// Rows kept either side of the visible part of a window.
pub const MARGIN: usize = 40;

/// What an order list shows (`App::query`): held lists answer it here (`Held`), the store
/// answers it for lists too long to hold (`worker::Windowed`).
pub use crate::domain::query::OrderQuery as Query;

/// A list held whole: the orders in the source's order, filtered and sorted by the query's
/// one matcher and comparator.
pub struct Held<'a> {
    rows: &'a [OrderRow],
    now: NaiveDateTime,
    /// Each unit's place in the bulletin's order.
    pos: HashMap<&'a str, usize>,
}

impl<'a> Held<'a> {
    /// `units`: the unit names in the bulletin's order.
    pub fn new(
        rows: &'a [OrderRow],
        now: NaiveDateTime,
        units: impl IntoIterator<Item = &'a str>,
    ) -> Held<'a> {
        let pos = units.into_iter().enumerate().map(|(i, u)| (u, i)).collect();
        Held { rows, now, pos }
    }

    /// Every entry the query lists, in its order.
    pub fn all(&self, q: &Query) -> Vec<&'a OrderRow> {
        let mut rows: Vec<&'a OrderRow> = self
            .rows
            .iter()
            .filter(|r| q.matches(&r.order, self.now, &r.unit_py))
            .collect();
        let unit_pos = |o: &Order| {
            o.unit
                .as_deref()
                .and_then(|u| self.pos.get(u).copied())
                .unwrap_or(usize::MAX)
        };
        q.sort(&mut rows, |r| &r.order, self.now.date(), unit_pos);
        rows
    }
}

impl<'a> OrderSource for Held<'a> {
    type Row = &'a OrderRow;
    type Error = std::convert::Infallible;
    fn page(
        &mut self,
        q: &Query,
        offset: usize,
        limit: usize,
    ) -> Result<Page<&'a OrderRow>, Self::Error> {
        let rows = self.all(q);
        let total = rows.len();
        let start = page_start(offset, limit, total);
        Ok(Page {
            total,
            start,
            rows: rows.into_iter().skip(start).take(limit).collect(),
        })
    }
}

/// The loaded part of a long list: `rows` are entries `start..start + rows.len()` of
/// `total`, answering `query` at data generation `stamp`.
#[derive(Debug, Default, Clone)]
pub struct Window {
    pub query: Option<Query>,
    pub stamp: u64,
    pub total: usize,
    /// Entries without the filter.
    pub unfiltered: usize,
    pub start: usize,
    pub rows: Vec<OrderRow>,
    /// Sorted by unit: each unit's name (None: with the office) and count, in list order.
    pub groups: Vec<(Option<String>, usize)>,
}

impl Window {
    pub fn get(&self, i: usize) -> Option<&OrderRow> {
        i.checked_sub(self.start).and_then(|k| self.rows.get(k))
    }
    /// Whether entries `a..b` (clipped to the list) are loaded.
    pub fn covers(&self, a: usize, b: usize) -> bool {
        let b = b.min(self.total);
        a >= b || (a >= self.start && b <= self.start + self.rows.len())
    }
}

/// What the session should load for the screen to be complete (see `App::needs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Counts, the open orders when few enough to hold, units, activity.
    Base,
    /// A list too long to hold, as `query`: the entries from `start` (or around the order
    /// `keep`, to keep it selected).
    List {
        id: ListId,
        query: Query,
        start: usize,
        len: usize,
        keep: Option<String>,
    },
    Card,
    Detail(String),
    /// The explain screen's unit under the chosen pack, loaded again (new data).
    Explain(String),
    /// The 热点 tab's groups, computed again (new data).
    Hotspots,
    /// The duplicate candidates of the order the detail or the dispatch picker shows
    /// (`report::similar::candidates`, as `hotline similar`).
    Similar(String),
    /// The units suggested for the order the dispatch picker is for
    /// (`report::similar::suggest`, as `hotline suggest`).
    Suggest(String),
}

/// What the worker found for one order (duplicate candidates, suggested units), and the data
/// generation it was found in.
#[derive(Debug, Clone)]
pub struct ForOrder<T> {
    pub no: String,
    pub stamp: u64,
    pub list: Vec<T>,
}

impl<T> ForOrder<T> {
    /// Found for order `no` in generation `stamp`.
    pub fn is_for(&self, no: &str, stamp: u64) -> bool {
        self.no == no && self.stamp == stamp
    }
}

/// A unit with its name spelled in pinyin, for the type-to-filter picker.
#[derive(Debug, Clone)]
pub struct UnitEntry {
    pub unit: Unit,
    /// Initials: 住建局 → zjj.
    pub initials: String,
    /// Full spelling: 住建局 → zhujianju.
    pub spelled: String,
}

pub use crate::domain::text::pinyin_of;

impl UnitEntry {
    pub fn new(unit: Unit) -> UnitEntry {
        let (initials, spelled) = pinyin_of(&unit.name);
        UnitEntry {
            unit,
            initials,
            spelled,
        }
    }
    /// The unit's name and pinyin, as `domain::units` compares them.
    pub fn candidate(&self) -> Candidate<'_> {
        Candidate {
            name: &self.unit.name,
            initials: &self.initials,
            spelled: &self.spelled,
        }
    }
    /// How well a typed query names this unit (`domain::units::rank`), None: not at all.
    pub fn rank(&self, q: &str) -> Option<units::Rank> {
        units::rank(self.candidate(), q)
    }
}

#[derive(Debug, Clone)]
pub struct Detail {
    pub row: OrderRow,
    pub events: Vec<Event>,
    /// Who recorded each event and when (same order as `events`): a back-entry is marked.
    pub stamps: Vec<crate::domain::event::Stamp>,
}

/// A sort column of the Units tab: one of the seed view's (`ListId::Units.sorts()`), a
/// figure of the chosen pack, or its score (equal scores share a rank: the same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitSort {
    Seed(S),
    Figure(Figure),
    Score,
}

impl UnitSort {
    pub fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (UnitSort::Seed(s), _) => s.get(lang).to_string(),
            (UnitSort::Figure(f), Lang::Zh) => f.zh().to_string(),
            (UnitSort::Figure(f), Lang::En) => f.en().to_string(),
            (UnitSort::Score, _) => S::ColScore.get(lang).to_string(),
        }
    }
}

/// The lists that keep a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListId {
    Pending,
    Overdue,
    Units,
    Activity,
    UnitOrders,
    /// Every order, closed included, that a `:find` query lists.
    Found,
    /// The orders that cost a unit points under the chosen pack (the explain screen).
    Explain,
    /// The hotspot groups of the 热点 tab.
    Hotspots,
    /// The orders of one hotspot group (Enter on the 热点 tab), held whole.
    HotspotOrders,
}

impl ListId {
    pub const ALL: [ListId; 9] = [
        ListId::Pending,
        ListId::Overdue,
        ListId::Units,
        ListId::Activity,
        ListId::UnitOrders,
        ListId::Found,
        ListId::Explain,
        ListId::Hotspots,
        ListId::HotspotOrders,
    ];
    /// A list of orders (marks, order keys apply), not of units, events, costs or groups.
    pub fn is_orders(self) -> bool {
        !matches!(
            self,
            ListId::Units | ListId::Activity | ListId::Explain | ListId::Hotspots
        )
    }
    fn i(self) -> usize {
        self as usize
    }
    /// Which window a list of orders uses.
    fn w(self) -> Option<usize> {
        match self {
            ListId::Pending => Some(0),
            ListId::Overdue => Some(1),
            ListId::UnitOrders => Some(2),
            ListId::Found => Some(3),
            _ => None,
        }
    }
    /// The sort columns a list offers, first is the default.
    pub fn sorts(self) -> &'static [S] {
        match self {
            ListId::Pending | ListId::UnitOrders | ListId::Found | ListId::HotspotOrders => {
                &[S::SortUrgency, S::SortReceived, S::SortUnit, S::SortOrderNo]
            }
            ListId::Overdue => &[S::SortDaysOver, S::SortUnit, S::SortOrderNo],
            ListId::Units => &[
                S::SortBulletin,
                S::ColAssigned,
                S::ColClosure,
                S::ColLateNow,
                S::ColOver30,
                S::ColSupervisions,
                S::ColUrges,
                S::ColRedos,
                S::ColSatisfaction,
                S::ColOnTime,
            ],
            ListId::Activity | ListId::Explain | ListId::Hotspots => &[],
        }
    }
    /// Whether sort column `i` puts the largest value of its column first (▼) before `O`
    /// reverses it: the time received (the latest first), the days late (the most first)
    /// and every figure of the Units tab (the units to name first; a pack's figures and score
    /// too: every column but the bulletin's order, `App::unit_sorts`); the days left, the unit
    /// (bulletin order) and the order number go up (▲).
    pub fn sort_descending(self, i: usize) -> bool {
        if self == ListId::Units {
            return i > 0;
        }
        match self.sorts().get(i) {
            Some(S::SortReceived | S::SortDaysOver) => true,
            Some(S::SortUrgency | S::SortUnit | S::SortOrderNo | S::SortBulletin) | None => false,
            Some(_) => self == ListId::Units,
        }
    }
    /// The order a list of orders is in with its sort column `i`.
    pub fn order_sort(self, i: usize) -> Sort {
        match self.sorts().get(i) {
            Some(S::SortReceived) => Sort::Received,
            Some(S::SortUnit) => Sort::Unit,
            Some(S::SortOrderNo) => Sort::OrderNo,
            Some(S::SortDaysOver) => Sort::DaysOver,
            _ => Sort::Urgency,
        }
    }
}

/// Selection, scroll and filter of one list. Drawing records the visible height and keeps
/// the offset so that the selection stays on screen (hence the cells: views get `&App`).
#[derive(Debug, Default)]
pub struct ListState {
    pub selected: usize,
    pub offset: Cell<usize>,
    pub height: Cell<usize>,
    pub filter: String,
    pub sort: usize,
    pub reverse: bool,
    /// A long list's order to select again once the store answers (after a sort).
    pub keep: Option<String>,
}

impl ListState {
    pub fn page(&self) -> usize {
        self.height.get().max(1)
    }
    /// Whether list `id` now shows the largest value of its sort column first (▼).
    pub fn descending(&self, id: ListId) -> bool {
        id.sort_descending(self.sort) != self.reverse
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Tabs,
    /// The orders of one unit (from the Units tab or `:unit`).
    Unit,
    /// Every order a `:find` query lists, closed included.
    Find,
    Detail,
    /// The orders that cost a unit points under the chosen pack (Enter on the Units tab).
    Explain,
    /// The orders of one hotspot group (Enter on the 热点 tab).
    Hotspot,
}

/// A hotspot group with its orders as the worker loaded them.
#[derive(Debug, Clone)]
pub struct HotspotRows {
    pub hotspot: crate::domain::similar::Hotspot,
    pub rows: Vec<OrderRow>,
}

/// The 热点 tab's window (days up to now) and smallest group (as the bulletin's section).
pub const HOTSPOT_DAYS: i64 = 30;
pub const HOTSPOT_MIN: usize = 3;
/// At most this many groups are listed (hottest first).
pub const HOTSPOT_TOP: usize = 50;

#[derive(Debug)]
pub enum InputLine {
    Filter(Input),
    Command(Input),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    All,
    ThisMonth,
    LastMonth,
    Custom(NaiveDate, NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Ok,
    Warn,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

/// Who works, in which language, with which keys and theme, at what time, on what size of
/// terminal: the same for every screen.
pub struct Env {
    pub lang: Lang,
    pub theme: Theme,
    /// The key bindings in force (the defaults, or with the user's keys.toml applied).
    pub keymap: Keymap,
    /// The user's saved views (views.toml beside keys.toml).
    pub views: super::saved::Views,
    pub now: NaiveDateTime,
    pub operator: String,
    /// What the OS user may do in this database (a unit account sees its own orders only).
    pub role: Role,
    pub demo: bool,
    /// The terminal's size at the last frame or resize (None before the first): below
    /// `MIN_WIDTH` × `MIN_HEIGHT` only the "too small" note shows, and keys do not act.
    pub size: Cell<Option<(u16, u16)>>,
}

impl Env {
    pub fn new(lang: Lang, theme: Theme, now: NaiveDateTime, operator: String) -> Env {
        Env {
            lang,
            theme,
            keymap: Keymap::default(),
            views: Default::default(),
            now,
            operator,
            role: Role::Admin,
            demo: false,
            size: Cell::new(None),
        }
    }

    /// Whether the terminal is below the minimum size (the screen shows only a note).
    pub fn too_small(&self) -> bool {
        self.size
            .get()
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    pub fn t(&self, s: S) -> &'static str {
        s.get(self.lang)
    }

    /// An error as this screen's language says it (refusals and conflicts have Chinese
    /// wording; other errors are in English).
    pub fn error_text(&self, e: &crate::error::Error) -> String {
        match self.lang {
            crate::domain::Lang::Zh => e.zh(),
            crate::domain::Lang::En => e.to_string(),
        }
    }

    /// A message in this screen's language.
    pub fn say_msg(&self, m: &crate::error::Msg) -> String {
        match self.lang {
            Lang::Zh => m.zh.clone().unwrap_or_else(|| m.en.clone()),
            Lang::En => m.en.clone(),
        }
    }

    /// Whether the current user may take `action` on `order` now: the workflow's
    /// `precheck` (state, deadline, callback) and the role.
    pub fn allows(&self, order: &Order, action: ActionName) -> bool {
        crate::domain::workflow::precheck(order, action, self.now).is_ok()
            && self.role.refuses(action, order).is_none()
    }
}

/// What the session and its worker loaded for the screens, and which data generation each
/// part shows. Views read it; only the session writes it (update reads it to decide).
pub struct Data {
    /// Every open order, most urgent first (the store's order), when `open_held`.
    pub open: Vec<OrderRow>,
    /// The open orders are few enough to hold (`hold`): Pending and Overdue are derived here.
    pub open_held: bool,
    /// Lists of at most this many orders are held whole (`HOLD`; tests lower it).
    pub hold: usize,
    /// The first day with an order (the start of “all orders”).
    pub earliest: Option<NaiveDate>,
    /// Load the scorecard at the start too (`Session::new`), not only when its tab shows.
    pub eager_card: bool,
    /// The lists too long to hold: Pending, Overdue, a unit's orders; and `:find`'s, always
    /// a window (every order ever received).
    pub windows: [Window; 4],
    /// Open orders and those past their deadline (the tabs' figures), unfiltered.
    pub counts: (usize, usize),
    /// The data generation: bumped by the session whenever the database (or the minute)
    /// changed. `base_stamp`, `card_stamp`, `unit_stamp`, `detail_stamp` and each window's
    /// stamp say which generation they show.
    pub stamp: u64,
    pub base_stamp: u64,
    pub card_stamp: u64,
    pub unit_stamp: u64,
    pub detail_stamp: u64,
    pub units: Vec<UnitEntry>,
    pub card: Option<Scorecard>,
    /// Under a pack whose exemptions apply in the period: the scorecard less the exempted
    /// orders (`report::judge`'s adjusted card).
    pub card_adjusted: Option<Scorecard>,
    pub activity: Vec<StoredEvent>,
    /// The unit shown by the Unit screen, and its orders (open first) when `unit_held`.
    pub unit: Option<String>,
    pub unit_orders: Vec<OrderRow>,
    pub unit_held: bool,
    /// The scorecard as the chosen pack judges it (`TabsState::pack`): computed once per
    /// scorecard or pack (`App::reassess`), never per frame. None under the seed's view.
    pub assessment: Option<Assessment>,
    /// The adjusted scorecard as the pack judges it (剔除后), beside `assessment`.
    pub assessment_adjusted: Option<Assessment>,
    /// The explain screen's unit (`report::explain`), and the generation it shows.
    pub explained: Option<crate::report::Explained>,
    pub explain_stamp: u64,
    /// The 热点 tab's groups (computed by the worker: seconds at a million orders), and the
    /// generation they show (0: never loaded).
    pub hotspots: Vec<HotspotRows>,
    pub hotspots_stamp: u64,
    /// The group the hotspot screen shows (a copy: it stays while the tab reloads).
    pub hotspot: Option<HotspotRows>,
    /// The duplicate candidates of the order shown by the detail or the dispatch picker.
    pub similar: Option<ForOrder<crate::domain::similar::Candidate>>,
    /// The units suggested for the order of the dispatch picker.
    pub suggested: Option<ForOrder<crate::domain::suggest::Suggestion>>,
}

impl Data {
    pub fn new() -> Data {
        Data {
            open: Vec::new(),
            open_held: false,
            hold: HOLD,
            eager_card: true,
            windows: Default::default(),
            counts: (0, 0),
            stamp: 1,
            base_stamp: 0,
            card_stamp: 0,
            unit_stamp: 0,
            detail_stamp: 0,
            units: Vec::new(),
            card: None,
            card_adjusted: None,
            activity: Vec::new(),
            unit: None,
            unit_orders: Vec::new(),
            unit_held: false,
            earliest: None,
            assessment: None,
            assessment_adjusted: None,
            explained: None,
            explain_stamp: 0,
            hotspots: Vec::new(),
            hotspots_stamp: 0,
            hotspot: None,
            similar: None,
            suggested: None,
        }
    }

    /// Whether a list of orders is held whole (else it is a window of the store's answer).
    pub fn held(&self, id: ListId) -> bool {
        match id {
            ListId::Pending | ListId::Overdue => self.open_held,
            ListId::UnitOrders => self.unit_held,
            ListId::Found => false,
            _ => true,
        }
    }

    /// The window of a long list.
    pub fn window(&self, id: ListId) -> Option<&Window> {
        id.w().map(|w| &self.windows[w])
    }
    pub fn window_mut(&mut self, id: ListId) -> Option<&mut Window> {
        id.w().map(|w| &mut self.windows[w])
    }

    /// The unit a typed name means, by the CLI's `--unit` rule (`domain::units::resolve`).
    pub fn find_unit(&self, q: &str) -> Result<String, units::Refusal> {
        units::resolve(self.units.iter().map(UnitEntry::candidate), q).map(str::to_string)
    }
}

impl Default for Data {
    fn default() -> Data {
        Data::new()
    }
}

/// The tabs, and the selection, scroll, filter and sort of every list (the Unit screen's
/// too), with the marks for bulk urging and the Units tab's period and chart.
#[derive(Debug)]
pub struct TabsState {
    pub tab: Tab,
    pub lists: [ListState; 9],
    /// Overdue orders marked for bulk urging.
    pub marks: BTreeSet<String>,
    /// The order marked last (where `V` marks a range from).
    pub last_mark: Option<String>,
    /// The date of the `:forecast` that marked orders: those stay marked while they still
    /// cross by then (`domain::forecast::crosses_by`) and may be urged, late now or not yet.
    pub forecast: Option<NaiveDate>,
    pub period: PeriodChoice,
    /// On narrow screens, show the bar chart instead of the tables (wide ones show both).
    pub chart: bool,
    /// The assessment pack the Units tab judges by (`P`); None: the seed bulletin's own view
    /// (seed-2017, the default: every figure of the two tables, as before packs).
    pub pack: Option<Pack>,
}

impl Default for TabsState {
    fn default() -> TabsState {
        TabsState {
            tab: Tab::Pending,
            lists: Default::default(),
            marks: BTreeSet::new(),
            last_mark: None,
            forecast: None,
            period: PeriodChoice::All,
            chart: false,
            pack: None,
        }
    }
}

impl TabsState {
    pub fn list(&self, id: ListId) -> &ListState {
        &self.lists[id.i()]
    }
    pub fn list_mut(&mut self, id: ListId) -> &mut ListState {
        &mut self.lists[id.i()]
    }

    /// Whether a list is shown in groups by unit (the overdue list sorted by unit).
    pub fn grouped(&self, id: ListId) -> bool {
        id == ListId::Overdue && id.sorts().get(self.list(id).sort) == Some(&S::SortUnit)
    }
}

/// The detail screen: the order shown (with its history) and its scroll.
#[derive(Debug)]
pub struct DetailState {
    pub shown: Option<Detail>,
    pub scroll: usize,
    pub height: Cell<usize>,
    /// The furthest the detail can scroll (set by drawing).
    pub max: Cell<usize>,
}

impl Default for DetailState {
    fn default() -> DetailState {
        DetailState {
            shown: None,
            scroll: 0,
            height: Cell::new(10),
            max: Cell::new(0),
        }
    }
}

/// What is drawn over the screens and takes the keys first: the help screen, a dialog, the
/// filter or command line.
#[derive(Debug)]
pub struct Overlay {
    pub input: Option<InputLine>,
    pub dialog: Option<Dialog>,
    /// The marked orders the open dialog's operation will be recorded on (`Batch`).
    pub batch: Option<Batch>,
    /// The help screen, with its scroll.
    pub help: Option<usize>,
    pub help_height: Cell<usize>,
    pub help_max: Cell<usize>,
}

/// An operation on the marked orders: the dialog is filled once, for `anchor` (the order the
/// workflow's precheck and the form's defaults come from), and recorded on every order of
/// `orders` in one transaction. `skipped` marked orders cannot take it (the workflow refuses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub anchor: String,
    pub orders: Vec<String>,
    pub skipped: Vec<String>,
}

impl Default for Overlay {
    fn default() -> Overlay {
        Overlay {
            input: None,
            dialog: None,
            batch: None,
            help: None,
            help_height: Cell::new(10),
            help_max: Cell::new(0),
        }
    }
}

/// The whole UI state, by part: `env` (who, language, keys, clock, size), `data` (what was
/// loaded), `tabs` (lists and their selections), `detail`, `overlay` (help, dialog, input
/// line); and the screen stack, the status message, whether to quit.
pub struct App {
    pub env: Env,
    /// What the session and its worker loaded.
    pub data: Data,
    pub tabs: TabsState,
    pub detail: DetailState,
    pub overlay: Overlay,
    /// Screens over the tabs, innermost last (Esc pops).
    pub stack: Vec<Screen>,
    pub message: Option<Message>,
    pub quit: bool,
}

impl App {
    pub fn new(lang: Lang, theme: Theme, now: NaiveDateTime, operator: String) -> App {
        App {
            env: Env::new(lang, theme, now, operator),
            data: Data::new(),
            tabs: TabsState::default(),
            detail: DetailState::default(),
            overlay: Overlay::default(),
            stack: Vec::new(),
            message: None,
            quit: false,
        }
    }

    pub fn screen(&self) -> Screen {
        self.stack.last().copied().unwrap_or(Screen::Tabs)
    }

    /// The list on screen, if the screen is a list.
    pub fn current_list(&self) -> Option<ListId> {
        match self.screen() {
            Screen::Detail => None,
            Screen::Explain => Some(ListId::Explain),
            Screen::Unit => Some(ListId::UnitOrders),
            Screen::Find => Some(ListId::Found),
            Screen::Hotspot => Some(ListId::HotspotOrders),
            Screen::Tabs => Some(match self.tabs.tab {
                Tab::Pending => ListId::Pending,
                Tab::Overdue => ListId::Overdue,
                Tab::Units => ListId::Units,
                Tab::Activity => ListId::Activity,
                Tab::Hotspots => ListId::Hotspots,
            }),
        }
    }

    /// The keymap contexts in force, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        if self.overlay.help.is_some() {
            return vec![Ctx::Help];
        }
        if let Some(d) = &self.overlay.dialog {
            return vec![d.ctx()];
        }
        if self.overlay.input.is_some() {
            return vec![Ctx::Input];
        }
        let orders = [
            Ctx::Marks,
            Ctx::Lists,
            Ctx::Sortable,
            Ctx::Orders,
            Ctx::Move,
            Ctx::Global,
        ];
        match self.current_list() {
            None => vec![Ctx::Orders, Ctx::Move, Ctx::Global],
            Some(ListId::Pending)
            | Some(ListId::UnitOrders)
            | Some(ListId::Found)
            | Some(ListId::HotspotOrders)
            | Some(ListId::Overdue) => orders.to_vec(),
            Some(ListId::Units) => vec![
                Ctx::Units,
                Ctx::Lists,
                Ctx::Sortable,
                Ctx::Move,
                Ctx::Global,
            ],
            Some(ListId::Activity) | Some(ListId::Explain) | Some(ListId::Hotspots) => {
                vec![Ctx::Lists, Ctx::Move, Ctx::Global]
            }
        }
    }

    // ---- The assessment pack ------------------------------------------------------------

    /// The chosen pack's name (`seed-2017` under the seed's view).
    pub fn pack_name(&self) -> &str {
        self.tabs
            .pack
            .as_ref()
            .map_or(assessment::DEFAULT, |p| p.name.as_str())
    }

    /// Judge by the shipped pack `name` from now on (seed-2017: the seed's view); false when
    /// no pack ships by that name. The Units tab's sort starts again from the bulletin's
    /// order (a column index would mean another figure), the selected unit kept.
    pub fn set_pack(&mut self, name: &str) -> bool {
        let pack = match name {
            assessment::DEFAULT => None,
            _ => match Pack::shipped(name) {
                Some(p) => Some(p),
                None => return false,
            },
        };
        let keys = self.selection_keys();
        self.tabs.pack = pack;
        // The adjusted figures follow the pack's exemption kinds: load the scorecard again.
        self.data.card_stamp = 0;
        self.data.card_adjusted = None;
        let st = self.tabs.list_mut(ListId::Units);
        st.sort = 0;
        st.reverse = false;
        self.reassess();
        self.restore_selection(keys);
        true
    }

    /// The assessment of the loaded scorecard by the chosen pack: once per scorecard or pack.
    pub fn reassess(&mut self) {
        self.data.assessment = match (&self.tabs.pack, &self.data.card) {
            (Some(p), Some(c)) => Some(assessment::assess(p, c)),
            _ => None,
        };
        self.data.assessment_adjusted = match (&self.tabs.pack, &self.data.card_adjusted) {
            (Some(p), Some(c)) => Some(assessment::assess(p, c)),
            _ => None,
        };
    }

    /// Whether Enter on a unit explains its score (a pack with a score or floors is chosen),
    /// rather than listing its orders.
    pub fn explains(&self) -> bool {
        self.tabs
            .pack
            .as_ref()
            .is_some_and(|p| p.score.is_some() || !p.floors.is_empty())
    }

    /// The Units tab's sort columns: the seed's view has its own (`ListId::Units.sorts()`);
    /// under a pack, the bulletin's order, each of the pack's columns, then the score.
    pub fn unit_sorts(&self) -> Vec<UnitSort> {
        match &self.tabs.pack {
            None => ListId::Units
                .sorts()
                .iter()
                .map(|s| UnitSort::Seed(*s))
                .collect(),
            Some(p) => {
                let mut v = vec![UnitSort::Seed(S::SortBulletin)];
                v.extend(p.columns.iter().map(|f| UnitSort::Figure(*f)));
                if p.score.is_some() {
                    v.push(UnitSort::Score);
                }
                v
            }
        }
    }

    /// How many sort columns a list offers.
    pub fn sort_count(&self, id: ListId) -> usize {
        match id {
            ListId::Units => self.unit_sorts().len(),
            _ => id.sorts().len(),
        }
    }

    /// The name of sort column `i` of a list, in the UI's language.
    pub fn sort_label(&self, id: ListId, i: usize) -> Option<String> {
        match id {
            ListId::Units => self.unit_sorts().get(i).map(|s| s.label(self.env.lang)),
            _ => id.sorts().get(i).map(|s| self.env.t(*s).to_string()),
        }
    }

    // ---- Derived rows -------------------------------------------------------------------

    fn order_rows<'a>(&'a self, id: ListId, source: &'a [OrderRow]) -> Vec<&'a OrderRow> {
        Held::new(
            source,
            self.env.now,
            self.data.units.iter().map(|u| u.unit.name.as_str()),
        )
        .all(&self.query(id))
    }

    /// A list's rows: all of them when held, else the loaded window's.
    pub fn rows_of(&self, id: ListId) -> Vec<&OrderRow> {
        match id {
            ListId::Pending | ListId::Overdue if self.data.open_held => {
                self.order_rows(id, &self.data.open)
            }
            ListId::UnitOrders if self.data.unit_held => {
                self.order_rows(id, &self.data.unit_orders)
            }
            ListId::HotspotOrders => match &self.data.hotspot {
                Some(h) => self.order_rows(id, &h.rows),
                None => Vec::new(),
            },
            _ => id
                .w()
                .map(|w| self.data.windows[w].rows.iter().collect())
                .unwrap_or_default(),
        }
    }
    pub fn pending_rows(&self) -> Vec<&OrderRow> {
        self.rows_of(ListId::Pending)
    }
    pub fn overdue_rows(&self) -> Vec<&OrderRow> {
        self.rows_of(ListId::Overdue)
    }
    pub fn unit_order_rows(&self) -> Vec<&OrderRow> {
        self.rows_of(ListId::UnitOrders)
    }

    /// What a list shows now (filter, sort, unit).
    pub fn query(&self, id: ListId) -> Query {
        let st = self.tabs.list(id);
        self.query_as(id, &st.filter, st.sort, st.reverse)
    }

    /// What a list would show with this filter text and sort column (a saved view's).
    pub fn query_as(&self, id: ListId, filter: &str, sort: usize, reverse: bool) -> Query {
        Query {
            sort: id.order_sort(sort),
            reverse,
            unit: (id == ListId::UnitOrders)
                .then(|| self.data.unit.clone())
                .flatten(),
            open_only: !matches!(
                id,
                ListId::UnitOrders | ListId::Found | ListId::HotspotOrders
            ),
            late_only: id == ListId::Overdue,
            ..Query::with_units(filter, self.data.units.iter().map(UnitEntry::candidate))
        }
    }

    /// A long list waits for the store (its query or the data changed since it loaded).
    pub fn loading(&self, id: ListId) -> bool {
        !self.data.held(id)
            && self.data.window(id).is_some_and(|w| {
                w.query.as_ref() != Some(&self.query(id)) || w.stamp != self.data.stamp
            })
    }

    /// Entry `i` of a list of orders, if loaded.
    pub fn order_at(&self, id: ListId, i: usize) -> Option<&OrderRow> {
        if self.data.held(id) {
            self.rows_of(id).get(i).copied()
        } else {
            self.data.window(id).and_then(|w| w.get(i))
        }
    }

    /// Sorted by unit: each unit's name and number of rows, in list order.
    pub fn groups(&self, id: ListId) -> Vec<(Option<String>, usize)> {
        if !self.data.held(id) {
            return self
                .data
                .window(id)
                .map(|w| w.groups.clone())
                .unwrap_or_default();
        }
        let mut out: Vec<(Option<String>, usize)> = Vec::new();
        for r in self.rows_of(id) {
            match out.last_mut() {
                Some((u, n)) if *u == r.order.unit => *n += 1,
                _ => out.push((r.order.unit.clone(), 1)),
            }
        }
        out
    }

    /// The open orders and those overdue, for the tabs.
    pub fn tab_counts(&self) -> (usize, usize) {
        if self.data.open_held {
            let late = self
                .data
                .open
                .iter()
                .filter(|r| r.order.is_late(self.env.now))
                .count();
            (self.data.open.len(), late)
        } else {
            self.data.counts
        }
    }

    /// What is missing for the screen to be complete and current: asked of the store by the
    /// session after every key and every answer.
    /// The order the open dispatch picker is for.
    pub fn picker_order(&self) -> Option<&str> {
        match &self.overlay.dialog {
            Some(super::dialog::Dialog::Picker(p)) => match &p.purpose {
                super::dialog::Purpose::PickUnit { no, .. } => Some(no.as_str()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The order whose duplicate candidates are shown: the dispatch picker's, else the
    /// detail's.
    pub fn similar_order(&self) -> Option<String> {
        if let Some(no) = self.picker_order() {
            return Some(no.to_string());
        }
        match (&self.detail.shown, self.screen()) {
            (Some(d), Screen::Detail) => Some(d.row.order.order_no.clone()),
            _ => None,
        }
    }

    /// The duplicate candidates found for order `no` (the latest found, even of an older
    /// generation: they are replaced when the new ones arrive).
    pub fn similar_of(&self, no: &str) -> &[crate::domain::similar::Candidate] {
        match &self.data.similar {
            Some(f) if f.no == no => &f.list,
            _ => &[],
        }
    }

    /// The units suggested for order `no`.
    pub fn suggested_for(&self, no: &str) -> &[crate::domain::suggest::Suggestion] {
        match &self.data.suggested {
            Some(f) if f.no == no => &f.list,
            _ => &[],
        }
    }

    pub fn needs(&self) -> Vec<Need> {
        let mut out = Vec::new();
        if self.data.base_stamp != self.data.stamp {
            out.push(Need::Base);
        }
        if self.screen() == Screen::Detail
            && self.data.detail_stamp != self.data.stamp
            && let Some(d) = &self.detail.shown
        {
            out.push(Need::Detail(d.row.order.order_no.clone()));
        }
        // The explain screen (or the detail over it) after new data.
        if self.stack.contains(&Screen::Explain)
            && self.data.explain_stamp != self.data.stamp
            && let Some(e) = &self.data.explained
        {
            out.push(Need::Explain(e.unit.clone()));
        }
        // The duplicate candidates of the order on screen, and the units suggested for the
        // order being dispatched: found by the worker, never here (`similar` takes ~350 ms at
        // a million orders).
        if let Some(no) = self.similar_order() {
            let stamp = self.data.stamp;
            if !self
                .data
                .similar
                .as_ref()
                .is_some_and(|f| f.is_for(&no, stamp))
            {
                out.push(Need::Similar(no));
            }
        }
        if let Some(no) = self.picker_order() {
            let stamp = self.data.stamp;
            if !self
                .data
                .suggested
                .as_ref()
                .is_some_and(|f| f.is_for(no, stamp))
            {
                out.push(Need::Suggest(no.to_string()));
            }
        }
        // The scorecard while its tab shows (and at the start when `eager_card`).
        let units_tab = self.screen() == Screen::Tabs && self.tabs.tab == Tab::Units;
        if (self.data.card.is_none() && self.data.eager_card)
            || (units_tab && self.data.card_stamp != self.data.stamp)
        {
            out.push(Need::Card);
        }
        // The hotspots while their tab (or a group's orders) shows.
        let hot = (self.screen() == Screen::Tabs && self.tabs.tab == Tab::Hotspots)
            || self.stack.contains(&Screen::Hotspot);
        if hot && self.data.hotspots_stamp != self.data.stamp {
            out.push(Need::Hotspots);
        }
        // The list on screen, or under the detail.
        let id = match self.stack.iter().rev().find(|s| **s != Screen::Detail) {
            Some(Screen::Unit) => Some(ListId::UnitOrders),
            Some(Screen::Find) => Some(ListId::Found),
            _ => match self.tabs.tab {
                Tab::Pending => Some(ListId::Pending),
                Tab::Overdue => Some(ListId::Overdue),
                _ => None,
            },
        };
        let Some(id) = id else {
            return out;
        };
        let unit_stale = id == ListId::UnitOrders && self.data.unit_stamp != self.data.stamp;
        if (matches!(id, ListId::Pending | ListId::Overdue)
            && (self.data.open_held || self.data.base_stamp != self.data.stamp))
            || (id == ListId::UnitOrders && self.data.unit_held && !unit_stale)
            || (id == ListId::UnitOrders && self.data.unit.is_none())
        {
            return out;
        }
        let st = self.tabs.list(id);
        let query = self.query(id);
        let Some(w) = self.data.window(id) else {
            return out;
        };
        let page = st.page();
        let from = st.selected.saturating_sub(MARGIN);
        let to = st.selected + page + MARGIN;
        if w.query.as_ref() != Some(&query) {
            out.push(Need::List {
                id,
                query,
                start: from,
                len: to - from,
                keep: st.keep.clone(),
            });
        } else if w.stamp != self.data.stamp || unit_stale {
            // New data: the same entries again, keeping the selected order selected.
            let keep = w.get(st.selected).map(|r| r.order.order_no.clone());
            out.push(Need::List {
                id,
                query,
                start: from,
                len: to - from,
                keep,
            });
        } else if !w.covers(st.selected.saturating_sub(page), st.selected + 2 * page) {
            out.push(Need::List {
                id,
                query,
                start: from.min(w.total.saturating_sub(to - from)),
                len: to - from,
                keep: None,
            });
        }
        out
    }

    pub fn activity_rows(&self) -> Vec<&StoredEvent> {
        let q = self
            .tabs
            .list(ListId::Activity)
            .filter
            .trim()
            .to_lowercase();
        self.data
            .activity
            .iter()
            .filter(|e| {
                q.is_empty() || {
                    let hit = |s: &str| s.to_lowercase().contains(&q);
                    e.order_no.as_deref().is_some_and(hit)
                        || hit(&e.event.operator)
                        || e.event.unit.as_deref().is_some_and(hit)
                        || hit(&e.event.kind.text())
                        || hit(e.event.kind.zh())
                }
            })
            .collect()
    }

    /// The scorecard's rows of one table, filtered and sorted (the 合计 row is separate).
    pub fn unit_table(&self, kind: UnitKind) -> Vec<&UnitRow> {
        let Some(card) = &self.data.card else {
            return Vec::new();
        };
        let st = self.tabs.list(ListId::Units);
        let q = st.filter.trim().to_lowercase();
        let mut rows: Vec<&UnitRow> = card
            .table(kind)
            .filter(|r| {
                q.is_empty()
                    || self
                        .data
                        .units
                        .iter()
                        .find(|u| u.unit.name == r.unit)
                        .map_or(r.unit.contains(&q), |u| u.rank(&q).is_some())
            })
            .collect();
        let sort = self.unit_sorts().get(st.sort).copied();
        let by_unit: HashMap<&str, &assessment::Assessed> = self
            .data
            .assessment
            .iter()
            .flat_map(|a| &a.rows)
            .map(|x| (x.unit.as_str(), x))
            .collect();
        let judged = |r: &UnitRow| by_unit.get(r.unit.as_str()).copied();
        let key = |r: &UnitRow| -> f64 {
            let seed = match sort {
                Some(UnitSort::Seed(s)) => Some(s),
                // A rate of no base, a unit without a score: after every number.
                Some(UnitSort::Figure(f)) => {
                    return judged(r)
                        .and_then(|a| a.values.iter().find(|(g, _)| *g == f))
                        .and_then(|(_, v)| v.number())
                        .unwrap_or(-1.0);
                }
                Some(UnitSort::Score) => return judged(r).and_then(|a| a.score).unwrap_or(-1.0),
                None => None,
            };
            match seed {
                Some(S::ColAssigned) => r.assigned as f64,
                Some(S::ColClosure) => r.closure_rate.unwrap_or(-1.0),
                Some(S::ColLateNow) => r.open_late as f64,
                Some(S::ColOver30) => r.overdue_30d as f64,
                Some(S::ColSupervisions) => r.supervisions as f64,
                Some(S::ColUrges) => r.urges as f64,
                Some(S::ColRedos) => r.redos as f64,
                Some(S::ColSatisfaction) => r.satisfaction_rate.unwrap_or(-1.0),
                Some(S::ColOnTime) => r.on_time_rate.unwrap_or(-1.0),
                _ => 0.0,
            }
        };
        if st.sort > 0 {
            // Largest first: the units to name in a bulletin come to the top.
            rows.sort_by(|a, b| key(b).total_cmp(&key(a)));
        }
        if st.reverse {
            rows.reverse();
        }
        rows
    }

    /// Both tables' rows in selection order.
    pub fn unit_rows(&self) -> Vec<&UnitRow> {
        let mut v = self.unit_table(UnitKind::Department);
        v.extend(self.unit_table(UnitKind::Township));
        v
    }

    /// Number of rows of a list.
    pub fn len(&self, id: ListId) -> usize {
        match id {
            ListId::Units => self.unit_rows().len(),
            ListId::Activity => self.activity_rows().len(),
            ListId::Explain => self.explain_rows().len(),
            ListId::Hotspots => self.hotspot_rows().len(),
            _ if self.data.held(id) => self.rows_of(id).len(),
            _ => self.data.window(id).map_or(0, |w| w.total),
        }
    }

    fn selected_order_in(&self, id: ListId) -> Option<&OrderRow> {
        match id {
            ListId::Units | ListId::Activity | ListId::Explain | ListId::Hotspots => None,
            _ => self.order_at(id, self.tabs.list(id).selected),
        }
    }

    /// The order the action keys act on: the detail's, or the selected row's.
    /// An order as this screen holds it: under the cursor, among the open orders, a unit's
    /// orders or a loaded window's rows; None when it is not loaded.
    pub fn order_row(&self, no: &str) -> Option<&OrderRow> {
        self.current_order()
            .filter(|r| r.order.order_no == no)
            .or_else(|| self.data.open.iter().find(|r| r.order.order_no == no))
            .or_else(|| {
                self.data
                    .unit_orders
                    .iter()
                    .find(|r| r.order.order_no == no)
            })
            .or_else(|| {
                self.data
                    .hotspot
                    .iter()
                    .flat_map(|h| h.rows.iter())
                    .find(|r| r.order.order_no == no)
            })
            .or_else(|| {
                self.data
                    .windows
                    .iter()
                    .flat_map(|w| w.rows.iter())
                    .find(|r| r.order.order_no == no)
            })
    }

    pub fn current_order(&self) -> Option<&OrderRow> {
        match self.current_list() {
            None => self.detail.shown.as_ref().map(|d| &d.row),
            Some(id) => self.selected_order_in(id),
        }
    }

    pub fn selected_unit(&self) -> Option<&UnitRow> {
        self.unit_rows()
            .get(self.tabs.list(ListId::Units).selected)
            .copied()
    }

    /// The explain screen's orders, with its filter (the order number, title or reasons).
    pub fn explain_rows(&self) -> Vec<&assessment::Cost> {
        let q = self.tabs.list(ListId::Explain).filter.trim().to_lowercase();
        let lang = self.env.lang;
        self.data
            .explained
            .iter()
            .flat_map(|e| &e.costs)
            .filter(|c| {
                q.is_empty()
                    || c.order_no.contains(&q)
                    || c.title.to_lowercase().contains(&q)
                    || c.reasons(lang).to_lowercase().contains(&q)
            })
            .collect()
    }

    pub fn selected_cost(&self) -> Option<&assessment::Cost> {
        self.explain_rows()
            .get(self.tabs.list(ListId::Explain).selected)
            .copied()
    }

    /// The 热点 tab's groups, with its filter (the label or an order number).
    pub fn hotspot_rows(&self) -> Vec<&HotspotRows> {
        let q = self
            .tabs
            .list(ListId::Hotspots)
            .filter
            .trim()
            .to_lowercase();
        self.data
            .hotspots
            .iter()
            .filter(|h| {
                q.is_empty()
                    || h.hotspot.label.to_lowercase().contains(&q)
                    || h.hotspot.order_nos.iter().any(|n| n.contains(&q))
            })
            .collect()
    }

    pub fn selected_hotspot(&self) -> Option<&HotspotRows> {
        self.hotspot_rows()
            .get(self.tabs.list(ListId::Hotspots).selected)
            .copied()
    }

    pub fn selected_event(&self) -> Option<&StoredEvent> {
        self.activity_rows()
            .get(self.tabs.list(ListId::Activity).selected)
            .copied()
    }

    /// Open orders of a unit past their deadline, among the held open orders (none when
    /// they are not held: the session asks the store then, see `update::urge_these`).
    pub fn overdue_of(&self, unit: &str) -> Vec<String> {
        self.data
            .open
            .iter()
            .filter(|r| r.order.is_late(self.env.now) && r.order.unit.as_deref() == Some(unit))
            .map(|r| r.order.order_no.clone())
            .collect()
    }

    // ---- Keeping the selection across reloads --------------------------------------------

    fn key_at(&self, id: ListId) -> Option<String> {
        match id {
            ListId::Units => self.selected_unit().map(|r| r.unit.clone()),
            ListId::Activity => self.selected_event().map(|e| e.id.to_string()),
            ListId::Explain => self.selected_cost().map(|c| c.order_no.clone()),
            ListId::Hotspots => self.selected_hotspot().map(|h| h.hotspot.label.clone()),
            _ => self.selected_order_in(id).map(|r| r.order.order_no.clone()),
        }
    }

    fn index_of(&self, id: ListId, key: &str) -> Option<usize> {
        match id {
            ListId::Pending => self
                .pending_rows()
                .iter()
                .position(|r| r.order.order_no == key),
            ListId::Overdue => self
                .overdue_rows()
                .iter()
                .position(|r| r.order.order_no == key),
            ListId::UnitOrders | ListId::Found | ListId::HotspotOrders => self
                .rows_of(id)
                .iter()
                .position(|r| r.order.order_no == key),
            ListId::Units => self.unit_rows().iter().position(|r| r.unit == key),
            ListId::Explain => self.explain_rows().iter().position(|c| c.order_no == key),
            ListId::Hotspots => self
                .hotspot_rows()
                .iter()
                .position(|h| h.hotspot.label == key),
            ListId::Activity => self
                .activity_rows()
                .iter()
                .position(|e| e.id.to_string() == key),
        }
    }

    /// The selected row of every list, by key (order number, unit, event id).
    pub fn selection_keys(&self) -> Vec<(ListId, Option<String>)> {
        ListId::ALL
            .iter()
            .map(|id| (*id, self.key_at(*id)))
            .collect()
    }

    /// After new data: select the same rows again (or stay in range). The activity list
    /// stays at the top when it was there, so that new events come into view.
    pub fn restore_selection(&mut self, keys: Vec<(ListId, Option<String>)>) {
        for (id, key) in keys {
            if !self.data.held(id) {
                // A long list's selection is kept by the store's answer (`Need::List`).
                continue;
            }
            let keep_top = id == ListId::Activity && self.tabs.list(id).selected == 0;
            if !keep_top && let Some(i) = key.and_then(|k| self.index_of(id, &k)) {
                self.tabs.list_mut(id).selected = i;
            }
            self.clamp(id);
        }
        if self.data.open_held {
            // Marks stay on orders still open (a closed order leaves every queue).
            let open: BTreeSet<&str> = self
                .data
                .open
                .iter()
                .map(|r| r.order.order_no.as_str())
                .collect();
            self.tabs.marks.retain(|m| open.contains(m.as_str()));
            if self.tabs.marks.is_empty() {
                self.tabs.forecast = None;
            }
        }
    }

    pub fn clamp(&mut self, id: ListId) {
        let n = self.len(id);
        let st = self.tabs.list_mut(id);
        st.selected = st.selected.min(n.saturating_sub(1));
    }
}

/// Whether the workflow lets the order be urged now (`workflow::precheck`): what `:forecast`
/// marks for the bulk urge.
pub fn urgeable(o: &Order, now: NaiveDateTime) -> bool {
    crate::domain::workflow::precheck(o, ActionName::Urge, now).is_ok()
}
