//! The session: the UI state plus the database. The only part of the TUI that reads the
//! store or records anything (through `ops`, like the CLI). The live loop, the scripted mode
//! and the tests all drive the UI through it.
//!
//! Reading runs on a worker thread with its own connection (`worker`): after every key the
//! session asks for what the screen lacks (`App::needs`) and applies the answers as they
//! come. The live loop never waits for them (the screen says “loading…”); the scripted mode
//! and the tests wait for each (`settle`), so that every frame is complete and the same
//! every run. Recording (`ops`) stays on this thread: its result closes the dialog.

use super::action::{Effect, Submit};
use super::app::{App, ForOrder, Level, ListId, Need, PeriodChoice, Screen};
use super::dialog::Dialog;
use super::i18n::{self, S, fill};
use super::theme::Theme;
use super::update;
use super::worker::{self, Answer, Envelope, Lists, Reply, Request, Slot};
use crate::context::{self, Options as Global};
use crate::domain::scorecard::Period;
use crate::domain::{Action, ActionName, Lang};
use crate::error::{Error, Msg, Result};
use crate::ops::{self, Ctx, DeadlineSpec};
use crate::store::Store;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};
use std::collections::HashMap;
use std::time::{Duration as Wait, Instant};

/// In the live loop, how long one try of a write waits for another program's lock before the
/// loop draws the wait, looks for Esc and tries again (up to `store::BUSY_TIMEOUT` in all).
const LOCK_TRY: Wait = Wait::from_millis(100);

/// A write that met another program's lock: tried again between frames until it goes
/// through, `BUSY_TIMEOUT` has passed, or Esc abandons it.
struct Pending {
    submit: Submit,
    since: Instant,
}

/// Where reading happens: a worker thread, or (an in-memory store, which a second
/// connection cannot share) this thread.
enum Reader {
    Thread(worker::Thread),
    Inline(Box<Lists>, Vec<Reply>),
}

pub struct Session {
    pub app: App,
    store: Store,
    g: Global,
    version: i64,
    reader: Reader,
    seq: u64,
    /// Requests sent and not answered yet, by slot: sequence number and what was asked.
    waiting: HashMap<Slot, (u64, u64, Request)>,
    /// The live loop: answers are applied as they come (`pump`), never waited for.
    live: bool,
    /// A write waiting for a lock (live loop only): while it waits, keys other than Esc are
    /// dropped, never applied afterwards.
    pending: Option<Pending>,
    /// The order a `Submit::Intake` just recorded (the dispatch picker opens for it).
    intaken: Option<String>,
    /// A new order to select in the Pending list once a held list with it arrives (the live
    /// loop does not wait for the reload).
    select_new: Option<String>,
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The report window for a choice, counted as things stand at `now`.
pub fn period_for(choice: PeriodChoice, now: NaiveDateTime, earliest: Option<NaiveDate>) -> Period {
    let today = now.date();
    let (from, to) = match choice {
        PeriodChoice::All => (earliest.unwrap_or(today).min(today), today),
        PeriodChoice::ThisMonth => (first_of_month(today), today),
        PeriodChoice::LastMonth => {
            let end = first_of_month(today) - Duration::days(1);
            (first_of_month(end), end)
        }
        PeriodChoice::Custom(f, t) => (f, t),
    };
    // As the CLI's `report` does: counted as things stand now, whatever the window.
    Period {
        from,
        to,
        as_of: now,
    }
}

impl Session {
    /// A session on an open store. `theme` and the language come from the caller. Returns
    /// once the first screen's data and the scorecard are loaded.
    pub fn new(store: Store, g: Global, theme: Theme, demo: bool) -> Result<Session> {
        Session::start(store, g, theme, demo, true)
    }

    /// As `new`, but the scorecard waits until its tab shows: what `hotline tui` runs.
    pub fn open(store: Store, g: Global, theme: Theme, demo: bool) -> Result<Session> {
        Session::start(store, g, theme, demo, false)
    }

    fn start(store: Store, g: Global, theme: Theme, demo: bool, card: bool) -> Result<Session> {
        let now = g.now(Some(&store))?;
        let mut app = App::new(g.lang, theme, now, g.operator());
        app.env.demo = demo;
        app.data.eager_card = card;
        // An OS user who is not an operator of this database is refused here, before the
        // terminal is touched, with the store's own message.
        app.env.role = crate::ops::policy::role_of(&store, &context::os_user())?;
        let reader = match store.path().map(Store::open) {
            Some(Ok(own)) => match worker::spawn(own, app.env.role.clone()) {
                Ok(t) => Reader::Thread(t),
                Err(_) => Reader::Inline(Box::new(Lists::new(app.env.role.clone())), Vec::new()),
            },
            // Opened for reading only and held alone (a full disk, see `store::connect`):
            // this thread reads.
            Some(Err(_)) if store.read_only().is_some() => {
                Reader::Inline(Box::new(Lists::new(app.env.role.clone())), Vec::new())
            }
            Some(Err(e)) => return Err(e),
            None => Reader::Inline(Box::new(Lists::new(app.env.role.clone())), Vec::new()),
        };
        match store.read_only() {
            Some(crate::store::ReadOnly::DiskFull) => {
                let t = S::ReadOnlyDiskFull.get(app.env.lang).to_string();
                update::say(&mut app, Level::Warn, t);
            }
            Some(other) => {
                let t = app.env.error_text(&other.error());
                update::say(&mut app, Level::Warn, t);
            }
            None => {}
        }
        let mut s = Session {
            app,
            store,
            g,
            version: 0,
            reader,
            seq: 0,
            waiting: HashMap::new(),
            live: false,
            pending: None,
            intaken: None,
            select_new: None,
        };
        s.version = s.store.data_version()?;
        s.settle()?;
        Ok(s)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The live loop's mode: answers are applied by `pump` as they arrive.
    pub fn set_live(&mut self, live: bool) {
        self.live = live;
        // Short tries, so that a wait for another program's lock is shown and can be left.
        self.store.set_lock_wait(match live {
            true => LOCK_TRY,
            false => crate::store::BUSY_TIMEOUT,
        });
    }

    /// A write is waiting for another program's lock.
    pub fn lock_waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// Try the waiting write again (the live loop, between frames). True: the screen changed.
    pub fn retry(&mut self) -> bool {
        match self.pending.take() {
            Some(p) => {
                self.submit_since(p.submit, p.since);
                true
            }
            None => false,
        }
    }

    /// Requests not answered yet.
    pub fn busy(&self) -> bool {
        !self.waiting.is_empty()
    }

    fn ctx(&self) -> Result<Ctx> {
        let mut ctx = Ctx::new(self.g.now(Some(&self.store))?, &self.app.env.operator)
            .with_role(self.app.env.role.clone());
        // A given clock makes every write a back-entry: the policy asks (an admin's right).
        ctx.clock_given = self.g.clock_given(Some(&self.store))?;
        Ok(ctx)
    }

    /// The data changed (or the minute did): everything shown is loaded again, lazily —
    /// the screen's lists, counts and detail now, the scorecard when its tab shows.
    pub fn reload(&mut self) -> Result<()> {
        self.app.env.now = self.g.now(Some(&self.store))?;
        self.app.data.stamp += 1;
        self.sync()
    }

    fn request(&self, need: &Need) -> Request {
        let now = self.app.env.now;
        match need {
            Need::Base => Request::Base {
                now,
                hold: self.app.data.hold,
            },
            Need::List {
                id,
                query,
                start,
                len,
                keep,
            } => Request::List {
                id: *id,
                query: query.clone(),
                now,
                start: *start,
                len: *len,
                keep: keep.clone(),
                hold: self.app.data.hold,
            },
            Need::Card => Request::Card {
                period: period_for(self.app.tabs.period, now, self.app.data.earliest),
                pack: self.app.tabs.pack.clone().map(Box::new),
            },
            Need::Detail(no) => Request::Detail {
                no: no.clone(),
                now,
                open: false,
            },
            Need::Explain(unit) => self.explain_request(unit.clone(), false),
            Need::Hotspots => Request::Hotspots { now },
            Need::Similar(no) => Request::Similar {
                no: no.clone(),
                now,
            },
            Need::Suggest(no) => Request::Suggest {
                no: no.clone(),
                now,
            },
        }
    }

    /// What cost `unit` points under the Units tab's pack, in its period.
    fn explain_request(&self, unit: String, open: bool) -> Request {
        Request::Explain {
            period: period_for(
                self.app.tabs.period,
                self.app.env.now,
                self.app.data.earliest,
            ),
            pack: self.app.tabs.pack.clone().map(Box::new),
            unit,
            open,
        }
    }

    fn send(&mut self, req: Request) {
        self.seq += 1;
        let stamp = self.app.data.stamp;
        let slot = req.slot();
        self.waiting.insert(slot, (self.seq, stamp, req.clone()));
        let env = Envelope {
            seq: self.seq,
            stamp,
            req,
        };
        match &mut self.reader {
            Reader::Thread(t) => {
                if t.tx.send(env).is_err() {
                    self.waiting.remove(&slot);
                    update::say(
                        &mut self.app,
                        Level::Error,
                        "the reading thread stopped: restart hotline".into(),
                    );
                }
            }
            Reader::Inline(lists, done) => done.push(lists.serve(&self.store, env)),
        }
    }

    /// Ask for what the screen lacks and is not asked for already.
    fn ask(&mut self) {
        for need in self.app.needs() {
            let req = self.request(&need);
            let asked = self
                .waiting
                .get(&req.slot())
                .is_some_and(|(_, stamp, r)| *r == req && *stamp == self.app.data.stamp);
            if !asked {
                self.send(req);
            }
        }
    }

    /// The next answer: waiting for it, or only if there is one.
    fn next(&mut self, wait: bool) -> Option<Reply> {
        match &mut self.reader {
            Reader::Thread(t) if wait => t.rx.recv().ok(),
            Reader::Thread(t) => t.rx.try_recv().ok(),
            Reader::Inline(_, done) => (!done.is_empty()).then(|| done.remove(0)),
        }
    }

    /// Ask, and wait until the screen has everything (scripted mode, tests, start).
    pub fn settle(&mut self) -> Result<()> {
        let mut err = None;
        loop {
            self.ask();
            if self.waiting.is_empty() {
                break;
            }
            let Some(reply) = self.next(true) else {
                self.waiting.clear();
                return Err(Error::Store("the reading thread stopped".into()));
            };
            if let Err(e) = self.apply(reply) {
                err.get_or_insert(e);
            }
        }
        err.map_or(Ok(()), Err)
    }

    /// Apply the answers that arrived and ask for what is still missing (the live loop).
    /// True when the screen changed.
    pub fn pump(&mut self) -> bool {
        let mut changed = false;
        while let Some(reply) = self.next(false) {
            if let Err(e) = self.apply(reply) {
                self.fail(&e);
            }
            changed = true;
        }
        self.ask();
        changed
    }

    /// After a key or new data: ask, and in the scripted mode wait.
    fn sync(&mut self) -> Result<()> {
        if self.live {
            self.ask();
            Ok(())
        } else {
            self.settle()
        }
    }

    fn apply(&mut self, r: Reply) -> Result<()> {
        match self.waiting.get(&r.slot) {
            Some((seq, ..)) if *seq == r.seq => {
                self.waiting.remove(&r.slot);
            }
            // Superseded by a later request of the same slot.
            _ => return Ok(()),
        }
        let stamp = r.stamp;
        let answer = match r.answer {
            Ok(a) => a,
            Err(e) => {
                // Settle the slot so that it is not asked again and again.
                self.settle_failed(&r.req, stamp);
                return Err(e);
            }
        };
        let app = &mut self.app;
        match answer {
            Answer::Base {
                counts,
                held,
                units,
                earliest,
                activity,
            } => {
                let keys = app.selection_keys();
                app.data.base_stamp = stamp;
                app.data.counts = counts;
                match held {
                    Some(rows) => {
                        app.data.open = rows;
                        app.data.open_held = true;
                    }
                    None => {
                        app.data.open = Vec::new();
                        app.data.open_held = false;
                    }
                }
                app.data.units = units.into_iter().map(super::app::UnitEntry::new).collect();
                app.data.earliest = earliest;
                app.data.activity = activity;
                app.restore_selection(keys);
                if let Some(no) = self.select_new.take() {
                    match app
                        .pending_rows()
                        .iter()
                        .position(|r| r.order.order_no == no)
                    {
                        Some(i) => app.tabs.list_mut(ListId::Pending).selected = i,
                        None if !app.data.open_held => {}
                        None => self.select_new = Some(no),
                    }
                }
            }
            Answer::Held { unit, rows } => {
                if app.data.unit.as_deref() == Some(unit.as_str()) {
                    let keys = app.selection_keys();
                    app.data.unit_orders = rows;
                    app.data.unit_held = true;
                    app.data.unit_stamp = stamp;
                    app.restore_selection(keys);
                }
            }
            Answer::Window {
                id,
                window,
                selected,
            } => {
                if id == ListId::UnitOrders {
                    if window.query.as_ref().and_then(|q| q.unit.as_ref()) != app.data.unit.as_ref()
                    {
                        return Ok(());
                    }
                    app.data.unit_held = false;
                    app.data.unit_orders = Vec::new();
                    app.data.unit_stamp = stamp;
                }
                let total = window.total;
                if let Some(w) = app.data.window_mut(id) {
                    *w = window;
                }
                let st = app.tabs.list_mut(id);
                if let Some(i) = selected {
                    st.selected = i;
                }
                st.keep = None;
                st.selected = st.selected.min(total.saturating_sub(1));
            }
            Answer::Card(card, adjusted) => {
                app.data.card = Some(*card);
                app.data.card_adjusted = adjusted.map(|c| *c);
                app.data.card_stamp = stamp;
                // The pack's judgement, once per scorecard (never per frame).
                app.reassess();
                app.clamp(ListId::Units);
            }
            Answer::Explain { explained, open } => {
                let keys = app.selection_keys();
                app.data.explained = Some(*explained);
                app.data.explain_stamp = stamp;
                if open {
                    let st = app.tabs.list_mut(ListId::Explain);
                    st.selected = 0;
                    st.offset.set(0);
                    st.filter.clear();
                    if app.screen() != Screen::Explain {
                        app.stack.push(Screen::Explain);
                    }
                } else {
                    app.restore_selection(keys);
                }
            }
            Answer::Detail { no, detail, open } => match detail {
                Some(d) => {
                    app.detail.shown = Some(*d);
                    app.data.detail_stamp = stamp;
                    if open {
                        app.detail.scroll = 0;
                        if app.screen() != Screen::Detail {
                            app.stack.push(Screen::Detail);
                        }
                    }
                }
                None if open => {
                    let t = fill(app.env.t(S::OrderNotFound), &[&no]);
                    update::say(app, Level::Error, t);
                }
                None => app.data.detail_stamp = stamp,
            },
            Answer::OverdueOf { unit, nos } => update::urge_these(app, &unit, nos),
            Answer::Hotspots(list) => {
                let keys = app.selection_keys();
                // The group shown follows its new form: the group sharing most of its orders.
                if let Some(open) = &app.data.hotspot {
                    let shared = |h: &super::app::HotspotRows| {
                        h.hotspot
                            .order_nos
                            .iter()
                            .filter(|n| open.hotspot.order_nos.contains(n))
                            .count()
                    };
                    if let Some(h) = list
                        .iter()
                        .filter(|h| shared(h) > 0)
                        .max_by_key(|h| shared(h))
                    {
                        app.data.hotspot = Some(h.clone());
                    }
                }
                app.data.hotspots = list;
                app.data.hotspots_stamp = stamp;
                app.restore_selection(keys);
            }
            Answer::Similar { no, list } => {
                app.data.similar = Some(ForOrder { no, stamp, list });
            }
            Answer::Suggest { no, list } => {
                app.data.suggested = Some(ForOrder { no, stamp, list });
            }
        }
        Ok(())
    }

    /// A failed request still answers its slot (with nothing), so that it is not repeated.
    fn settle_failed(&mut self, req: &Request, stamp: u64) {
        let app = &mut self.app;
        match req {
            Request::Base { .. } => app.data.base_stamp = stamp,
            Request::List { id, query, .. } => {
                if *id == ListId::UnitOrders {
                    app.data.unit_held = false;
                    app.data.unit_stamp = stamp;
                }
                if let Some(w) = app.data.window_mut(*id) {
                    *w = super::app::Window {
                        query: Some(query.clone()),
                        stamp,
                        ..Default::default()
                    };
                }
            }
            Request::Card { .. } => app.data.card_stamp = stamp,
            Request::Detail { .. } => app.data.detail_stamp = stamp,
            Request::Explain { .. } => app.data.explain_stamp = stamp,
            Request::OverdueOf { .. } => {}
            Request::Hotspots { .. } => app.data.hotspots_stamp = stamp,
            Request::Similar { no, .. } => {
                app.data.similar = Some(ForOrder {
                    no: no.clone(),
                    stamp,
                    list: Vec::new(),
                });
            }
            Request::Suggest { no, .. } => {
                app.data.suggested = Some(ForOrder {
                    no: no.clone(),
                    stamp,
                    list: Vec::new(),
                });
            }
        }
    }

    /// Another process committed since the last look, or the clock passed a minute (time
    /// left and the status bar's clock move): load again. True when it did.
    pub fn poll(&mut self) -> Result<bool> {
        let v = self.store.data_version()?;
        let now = self.g.now(Some(&self.store))?;
        let minute = |t: NaiveDateTime| t.format("%Y%m%d%H%M").to_string();
        if v == self.version && minute(now) == minute(self.app.env.now) {
            return Ok(false);
        }
        self.version = v;
        self.reload()?;
        Ok(true)
    }

    /// A terminal event. True when the screen may have changed.
    pub fn handle(&mut self, ev: &Event) -> bool {
        if self.pending.is_some() && !matches!(ev, Event::Resize(..)) {
            // Waiting for a lock: Esc gives up (nothing recorded, the dialog and its text
            // stay); anything else typed meanwhile is dropped, not applied to whatever the
            // screen is once the wait ends.
            if let Event::Key(k) = ev
                && k.code == KeyCode::Esc
                && k.kind == KeyEventKind::Press
            {
                self.pending = None;
                let t = S::LockGaveUp.get(self.app.env.lang).to_string();
                self.show(Level::Warn, t);
                return true;
            }
            return false;
        }
        match ev {
            Event::Resize(w, h) => {
                self.app.env.size.set(Some((*w, *h)));
                true
            }
            Event::Key(_) | Event::Paste(_) => {
                let effects = update::on_event(&mut self.app, ev);
                for e in effects {
                    self.run(e);
                }
                if let Err(e) = self.sync() {
                    self.fail(&e);
                }
                true
            }
            _ => false,
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        super::views::draw(&self.app, frame);
    }

    fn fail(&mut self, e: &Error) {
        let t = self.app.env.error_text(e);
        update::say(&mut self.app, Level::Error, t);
    }

    fn run(&mut self, effect: Effect) {
        match effect {
            Effect::OpenDetail(no) => self.send(Request::Detail {
                no: no.trim().to_string(),
                now: self.app.env.now,
                open: true,
            }),
            Effect::OpenUnit(unit) => self.open_unit(unit),
            Effect::Scorecard => self.app.data.card_stamp = 0,
            Effect::Explain(unit) => {
                let req = self.explain_request(unit, true);
                self.send(req);
            }
            Effect::UrgeUnit(unit) => self.send(Request::OverdueOf {
                unit,
                today: self.app.env.now.date(),
            }),
            Effect::PickUnit {
                order_no,
                version,
                category,
            } => self.pick_unit(order_no, version, category),
            Effect::Submit(s) => self.submit(s),
            Effect::Reveal(no) => self.reveal(&no),
        }
    }

    /// Show an order's full contact: recorded exactly as the CLI's `order show --reveal`
    /// records it (`ops::act` with `Action::RevealContact`). The open callback console of
    /// that order then shows it, and takes the order's new version (the record is an event).
    fn reveal(&mut self, no: &str) {
        let result = self
            .ctx()
            .and_then(|ctx| ops::act(&self.store, &ctx, no, &Action::RevealContact, None));
        match result {
            Ok(o) => {
                if let Some(Dialog::Callback(d)) = self.app.overlay.dialog.as_mut()
                    && d.order.order_no == no
                {
                    d.revealed = true;
                    d.order = o.clone();
                    d.error = None;
                    if let Some((_, v)) = d.purpose.order_mut() {
                        *v = o.version;
                    }
                }
                if let Err(e) = self.reload() {
                    self.fail(&e);
                }
            }
            Err(e) => {
                let text = self.app.env.error_text(&e);
                self.show(Level::Error, text);
            }
        }
    }

    /// The dispatch picker for an order a unit returned: the history says which unit
    /// (`workflow::returned_by`), and the picker lists it last.
    fn pick_unit(&mut self, no: String, version: u32, category: crate::domain::Category) {
        let found = self.store.require_order(&no).and_then(|o| {
            let events = self.store.events(&no)?;
            Ok(crate::domain::workflow::returned_by(&o, &events).map(str::to_string))
        });
        match found {
            Ok(by) => update::dispatch_picker(&mut self.app, no, version, category, by),
            Err(e) => self.fail(&e),
        }
    }

    fn open_unit(&mut self, unit: String) {
        self.app.data.unit = Some(unit);
        self.app.data.unit_orders = Vec::new();
        self.app.data.unit_held = false;
        self.app.data.unit_stamp = 0;
        if let Some(w) = self.app.data.window_mut(ListId::UnitOrders) {
            *w = Default::default();
        }
        let st = self.app.tabs.list_mut(ListId::UnitOrders);
        st.selected = 0;
        st.filter.clear();
        st.keep = None;
        // From the detail, `:unit` replaces it; otherwise the unit screen goes on top.
        if self.app.screen() == Screen::Detail {
            self.app.stack.pop();
            self.app.detail.shown = None;
        }
        if self.app.screen() != Screen::Unit {
            self.app.stack.push(Screen::Unit);
        }
    }

    /// Record an operation. Success closes the dialog and says what was done; a refusal
    /// stays in the dialog with the typed text; a conflict also loads the new state and takes
    /// the new version, so that submitting again is a deliberate choice.
    fn submit(&mut self, s: Submit) {
        self.submit_since(s, Instant::now());
    }

    /// A message in the open dialog (where the typed text is), else on the status line.
    fn show(&mut self, level: Level, text: String) {
        match self.app.overlay.dialog.as_mut() {
            Some(d) => d.set_error(Some(text)),
            None => update::say(&mut self.app, level, text),
        }
    }

    /// `submit`, for a write first tried at `since`.
    fn submit_since(&mut self, s: Submit, since: Instant) {
        let mut result = self.ctx().and_then(|ctx| self.perform(&ctx, &s));
        if let Err(Error::Busy { .. }) = result {
            let limit = crate::store::BUSY_TIMEOUT;
            if self.live && since.elapsed() < limit {
                let t = fill(
                    S::LockWaiting.get(self.app.env.lang),
                    &[&since.elapsed().as_secs(), &limit.as_secs()],
                );
                self.show(Level::Warn, t);
                self.pending = Some(Pending { submit: s, since });
                return;
            }
            result = Err(Error::Busy {
                secs: since.elapsed().as_secs_f64().round() as u64,
            });
        }
        match result {
            Ok(msg) => {
                self.app.overlay.dialog = None;
                self.app.overlay.batch = None;
                if matches!(s, Submit::UrgeMany { .. } | Submit::Many { .. }) {
                    self.app.tabs.marks.clear();
                    self.app.tabs.forecast = None;
                }
                if let Err(e) = self.reload() {
                    return self.fail(&e);
                }
                update::say(&mut self.app, Level::Ok, msg);
                if let Submit::Intake(_) = &s {
                    self.after_intake();
                }
            }
            Err(e) => {
                let conflict = matches!(e, Error::Conflict(_));
                if conflict {
                    let _ = self.reload();
                    if let (Some(no), Some(d)) = (s.order_no(), self.app.overlay.dialog.as_mut())
                        && let Ok(Some(o)) = self.store.order(no)
                    {
                        d.seen_version(o.version);
                    }
                }
                let text = self.app.env.error_text(&e);
                match self.app.overlay.dialog.as_mut() {
                    Some(d) => d.set_error(Some(text)),
                    None => self.fail(&e),
                }
            }
        }
    }

    /// A new order recorded: the pending list shows it selected, and the dispatch picker
    /// opens for it.
    fn after_intake(&mut self) {
        let Some(no) = self.intaken.take() else {
            return;
        };
        let o = match self.store.require_order(&no) {
            Ok(o) => o,
            Err(e) => return self.fail(&e),
        };
        let app = &mut self.app;
        app.stack.clear();
        app.detail.shown = None;
        app.tabs.tab = super::action::Tab::Pending;
        let st = app.tabs.list_mut(ListId::Pending);
        st.filter.clear();
        st.keep = Some(no.clone());
        match app
            .pending_rows()
            .iter()
            .position(|r| r.order.order_no == no)
        {
            Some(i) => app.tabs.list_mut(ListId::Pending).selected = i,
            // Not loaded yet (the live loop): selected when the list arrives.
            None => self.select_new = Some(no.clone()),
        }
        let _ = self.sync();
        update::dispatch_picker(&mut self.app, no, o.version, o.category, None);
    }

    fn perform(&mut self, ctx: &Ctx, s: &Submit) -> Result<String> {
        let lang = self.app.env.lang;
        let t = |x: S| x.get(lang);
        match s {
            Submit::Act {
                order_no,
                version,
                action,
            } => {
                let o = ops::act(&self.store, ctx, order_no, action, Some(*version))?;
                let name: ActionName = action.name();
                let done = fill(
                    t(S::Done),
                    &[
                        &i18n::done_action(lang, action),
                        &o.order_no,
                        &i18n::status(lang, o.status),
                    ],
                );
                // After a callback, the key to the next one (working through a day's list).
                let next = self
                    .app
                    .env
                    .keymap
                    .key_for(super::keymap::Ctx::Orders, super::action::Cmd::NextCallback);
                Ok(match next {
                    Some(k) if name == ActionName::Callback => {
                        format!("{done}\n{}", fill(t(S::NextCallbackHint), &[&k]))
                    }
                    _ => done,
                })
            }
            Submit::Intake(new) => {
                let o = ops::intake(&self.store, ctx, new)?;
                self.intaken = Some(o.order_no.clone());
                Ok(fill(t(S::DoneIntake), &[&o.order_no]))
            }
            Submit::Dispatch {
                order_no,
                version,
                unit,
                limit,
                reassign,
            } => {
                let (o, warning) = match reassign {
                    Some(reason) => ops::reassign(
                        &self.store,
                        ctx,
                        order_no,
                        unit,
                        *limit,
                        reason,
                        Some(*version),
                    )?,
                    None => {
                        ops::dispatch(&self.store, ctx, order_no, unit, *limit, Some(*version))?
                    }
                };
                // An urgent order's limit keeps its time: say it.
                let deadline = match o.due_at {
                    Some(due) => due.format("%Y-%m-%d %H:%M").to_string(),
                    None => o.deadline.map(|d| d.to_string()).unwrap_or_default(),
                };
                let done = if reassign.is_some() {
                    S::DoneReassign
                } else {
                    S::DoneDispatch
                };
                let mut m = fill(t(done), &[&o.order_no, unit, &deadline]);
                if let Some(w) = warning {
                    m = format!("{m}\n{w}");
                }
                Ok(m)
            }
            Submit::Redo {
                order_no,
                version,
                reason,
                days,
            } => {
                let (o, warning) = ops::redo(
                    &self.store,
                    ctx,
                    order_no,
                    reason,
                    DeadlineSpec::Days(*days),
                    Some(*version),
                )?;
                let m = fill(
                    t(S::Done),
                    &[
                        &i18n::done(lang, ActionName::Redo),
                        &o.order_no,
                        &i18n::status(lang, o.status),
                    ],
                );
                Ok(warning.map_or(m.clone(), |w| format!("{m}\n{w}")))
            }
            Submit::Merge {
                order_no,
                version,
                lead,
            } => {
                let o = ops::merge(&self.store, ctx, order_no, lead, Some(*version))?;
                Ok(fill(
                    t(S::Done),
                    &[
                        &i18n::done(lang, ActionName::Merge),
                        &o.order_no,
                        &i18n::status(lang, o.status),
                    ],
                ))
            }
            Submit::UrgeMany { order_nos, note } => {
                let n = ops::urge_many(&self.store, ctx, order_nos, note)?;
                Ok(fill(t(S::DoneUrgeMany), &[&n]))
            }
            Submit::SuperviseUnit {
                unit,
                note,
                on_site,
            } => {
                ops::supervise_unit(&self.store, ctx, unit, note, on_site.clone())?;
                Ok(fill(t(S::DoneSuperviseUnit), &[unit]))
            }
            Submit::Many { order_nos, each } => {
                let name = match each.as_ref() {
                    Submit::Act { action, .. } => i18n::done_action(lang, action).to_string(),
                    Submit::Dispatch { .. } => i18n::done(lang, ActionName::Dispatch).to_string(),
                    Submit::Redo { .. } => i18n::done(lang, ActionName::Redo).to_string(),
                    _ => String::new(),
                };
                let n = ops::each_order(&self.store, order_nos, |no| {
                    let Some(one) = each.on_order(no) else {
                        return Ok(());
                    };
                    // At the version the store holds now: the batch was confirmed as a set.
                    let one = match one {
                        Submit::Act {
                            order_no, action, ..
                        } => {
                            ops::act(&self.store, ctx, &order_no, &action, None)?;
                            return Ok(());
                        }
                        other => other,
                    };
                    match one {
                        Submit::Dispatch {
                            order_no,
                            unit,
                            limit,
                            ..
                        } => ops::dispatch(&self.store, ctx, &order_no, &unit, limit, None)?,
                        Submit::Redo {
                            order_no,
                            reason,
                            days,
                            ..
                        } => ops::redo(
                            &self.store,
                            ctx,
                            &order_no,
                            &reason,
                            DeadlineSpec::Days(days),
                            None,
                        )?,
                        _ => return Ok(()),
                    };
                    Ok(())
                })
                .map_err(|(no, e)| {
                    let text = self.app.env.error_text(&e);
                    Error::Invalid(Msg::both(
                        fill(S::ManyRefused.get(Lang::En), &[&no, &e.to_string()]),
                        fill(S::ManyRefused.get(Lang::Zh), &[&no, &text]),
                    ))
                })?;
                Ok(fill(t(S::DoneMany), &[&name, &n]))
            }
        }
    }
}
