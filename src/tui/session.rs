//! The session: the UI state plus the database. The only part of the TUI that reads the
//! store or records anything (through `ops`, like the CLI). The live loop, the scripted mode
//! and the tests all drive the UI through it.

use super::action::{Effect, Submit};
use super::app::{App, Detail, Level, OrderRow, PeriodChoice, Screen, UnitEntry};
use super::i18n::{self, S, fill};
use super::theme::Theme;
use super::update;
use crate::cli::{self, args::Global};
use crate::domain::scorecard::Period;
use crate::domain::{ActionName, Order};
use crate::error::{Error, Result};
use crate::ops::{self, Ctx, DeadlineSpec, calendar};
use crate::store::{OrderFilter, Store};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::crossterm::event::Event;

/// How many events the Activity tab keeps.
const ACTIVITY: usize = 300;

pub struct Session {
    pub app: App,
    store: Store,
    g: Global,
    version: i64,
}

/// Figures computed once per load rather than on every frame.
fn row(o: Order, now: NaiveDateTime) -> OrderRow {
    let left = match (o.is_open(), o.deadline) {
        (true, Some(d)) => Some(calendar().working_days_left(now.date(), d)),
        _ => None,
    };
    let late = if o.is_open() { o.days_overdue(now) } else { 0 };
    let unit_py = o
        .unit
        .as_deref()
        .map(|u| super::app::pinyin_of(u).0)
        .unwrap_or_default();
    OrderRow {
        order: o,
        left,
        late,
        unit_py,
    }
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
    /// A session on an open store. `theme` and the language come from the caller.
    pub fn new(store: Store, g: Global, theme: Theme, demo: bool) -> Result<Session> {
        let now = cli::now(&g, Some(&store))?;
        let mut app = App::new(g.lang, theme, now, cli::operator(&g));
        app.demo = demo;
        // An OS user who is not an operator of this database is refused here, before the
        // terminal is touched, with the store's own message.
        app.role = cli::role(&store)?;
        let mut s = Session {
            app,
            store,
            g,
            version: 0,
        };
        s.version = s.store.data_version()?;
        s.reload()?;
        Ok(s)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    fn ctx(&self) -> Result<Ctx> {
        Ok(
            Ctx::new(cli::now(&self.g, Some(&self.store))?, &self.app.operator)
                .with_role(self.app.role.clone()),
        )
    }

    /// Load everything the screens show, keeping each list's selection.
    pub fn reload(&mut self) -> Result<()> {
        let now = cli::now(&self.g, Some(&self.store))?;
        let keys = self.app.selection_keys();
        self.app.now = now;
        self.app.open = self
            .store
            .list_orders(&OrderFilter {
                open_only: true,
                ..Default::default()
            })?
            .into_iter()
            .filter(|o| self.app.role.may_see(o))
            .map(|o| row(o, now))
            .collect();
        self.app.units = self
            .store
            .units()?
            .into_iter()
            .map(UnitEntry::new)
            .collect();
        self.app.earliest = self.store.earliest_received()?;
        let mut activity = self.store.recent_events(ACTIVITY)?;
        if let Some(own) = self.app.role.only_unit() {
            activity.retain(|e| e.event.unit.as_deref() == Some(own));
        }
        self.app.activity = activity;
        if let Some(unit) = self.app.unit.clone() {
            self.app.unit_orders = self.unit_orders(&unit, now)?;
        }
        if let Some(no) = self
            .app
            .detail
            .as_ref()
            .map(|d| d.row.order.order_no.clone())
        {
            self.app.detail = self.detail(&no, now)?;
        }
        self.scorecard()?;
        self.app.restore_selection(keys);
        Ok(())
    }

    fn scorecard(&mut self) -> Result<()> {
        let p = period_for(self.app.period, self.app.now, self.app.earliest);
        self.app.card = Some(crate::report::scorecard(&self.store, p)?);
        Ok(())
    }

    fn unit_orders(&self, unit: &str, now: NaiveDateTime) -> Result<Vec<OrderRow>> {
        Ok(self
            .store
            .list_orders(&OrderFilter {
                unit: Some(unit.to_string()),
                ..Default::default()
            })?
            .into_iter()
            .filter(|o| self.app.role.may_see(o))
            .map(|o| row(o, now))
            .collect())
    }

    fn detail(&self, no: &str, now: NaiveDateTime) -> Result<Option<Detail>> {
        let Some(o) = self.store.order(no)?.filter(|o| self.app.role.may_see(o)) else {
            return Ok(None);
        };
        let events = self.store.events(no)?;
        Ok(Some(Detail {
            row: row(o, now),
            events,
        }))
    }

    /// Another process committed since the last look, or the clock passed a minute (time
    /// left and the status bar's clock move): load again. True when it did.
    pub fn poll(&mut self) -> Result<bool> {
        let v = self.store.data_version()?;
        let now = cli::now(&self.g, Some(&self.store))?;
        let minute = |t: NaiveDateTime| t.format("%Y%m%d%H%M").to_string();
        if v == self.version && minute(now) == minute(self.app.now) {
            return Ok(false);
        }
        self.version = v;
        self.reload()?;
        Ok(true)
    }

    /// A terminal event. True when the screen may have changed.
    pub fn handle(&mut self, ev: &Event) -> bool {
        match ev {
            Event::Resize(..) => true,
            Event::Key(_) | Event::Paste(_) => {
                let effects = update::on_event(&mut self.app, ev);
                for e in effects {
                    self.run(e);
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
        update::say(&mut self.app, Level::Error, e.to_string());
    }

    fn run(&mut self, effect: Effect) {
        let r = match effect {
            Effect::OpenDetail(no) => self.open_detail(&no),
            Effect::OpenUnit(unit) => self.open_unit(unit),
            Effect::Scorecard => self.scorecard(),
            Effect::Submit(s) => {
                self.submit(s);
                Ok(())
            }
        };
        if let Err(e) = r {
            self.fail(&e);
        }
    }

    fn open_detail(&mut self, no: &str) -> Result<()> {
        let now = self.app.now;
        match self.detail(no.trim(), now)? {
            Some(d) => {
                self.app.detail = Some(d);
                self.app.detail_scroll = 0;
                if self.app.screen() != Screen::Detail {
                    self.app.stack.push(Screen::Detail);
                }
            }
            None => {
                let t = fill(self.app.t(S::OrderNotFound), &[&no]);
                update::say(&mut self.app, Level::Error, t);
            }
        }
        Ok(())
    }

    fn open_unit(&mut self, unit: String) -> Result<()> {
        let now = self.app.now;
        self.app.unit_orders = self.unit_orders(&unit, now)?;
        self.app.unit = Some(unit);
        let st = self.app.list_mut(super::app::ListId::UnitOrders);
        st.selected = 0;
        st.filter.clear();
        // From the detail, `:unit` replaces it; otherwise the unit screen goes on top.
        if self.app.screen() == Screen::Detail {
            self.app.stack.pop();
            self.app.detail = None;
        }
        if self.app.screen() != Screen::Unit {
            self.app.stack.push(Screen::Unit);
        }
        Ok(())
    }

    /// Record an operation. Success closes the dialog and says what was done; a refusal
    /// stays in the dialog with the typed text; a conflict also loads the new state and takes
    /// the new version, so that submitting again is a deliberate choice.
    fn submit(&mut self, s: Submit) {
        let result = self.ctx().and_then(|ctx| self.perform(&ctx, &s));
        match result {
            Ok(msg) => {
                self.app.dialog = None;
                if matches!(s, Submit::UrgeMany { .. }) {
                    self.app.marks.clear();
                }
                if let Err(e) = self.reload() {
                    return self.fail(&e);
                }
                update::say(&mut self.app, Level::Ok, msg);
            }
            Err(e) => {
                let conflict = matches!(e, Error::Conflict(_));
                if conflict {
                    let _ = self.reload();
                    if let (Some(no), Some(d)) = (s.order_no(), self.app.dialog.as_mut())
                        && let Ok(Some(o)) = self.store.order(no)
                        && let Some((_, v)) = d.purpose_mut().order_mut()
                    {
                        *v = o.version;
                    }
                }
                match self.app.dialog.as_mut() {
                    Some(d) => d.set_error(Some(e.to_string())),
                    None => self.fail(&e),
                }
            }
        }
    }

    fn perform(&self, ctx: &Ctx, s: &Submit) -> Result<String> {
        let lang = self.app.lang;
        let t = |x: S| x.get(lang);
        match s {
            Submit::Act {
                order_no,
                version,
                action,
            } => {
                let o = ops::act(&self.store, ctx, order_no, action, Some(*version))?;
                let name: ActionName = action.name();
                Ok(fill(
                    t(S::Done),
                    &[
                        &i18n::action(lang, name),
                        &format!("{} ({})", o.order_no, i18n::status(lang, o.status)),
                    ],
                ))
            }
            Submit::Dispatch {
                order_no,
                version,
                unit,
            } => {
                let (o, warning) = ops::dispatch(
                    &self.store,
                    ctx,
                    order_no,
                    unit,
                    DeadlineSpec::Default,
                    Some(*version),
                )?;
                let deadline = o.deadline.map(|d| d.to_string()).unwrap_or_default();
                let mut m = fill(t(S::DoneDispatch), &[&o.order_no, unit, &deadline]);
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
                        &i18n::action(lang, ActionName::Redo),
                        &format!("{} ({})", o.order_no, i18n::status(lang, o.status)),
                    ],
                );
                Ok(warning.map_or(m.clone(), |w| format!("{m}\n{w}")))
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
        }
    }
}
