//! Duplicate candidates, hotspots and dispatch suggestions: the store's rows through
//! `domain::similar` and `domain::suggest`. Read only; a unit account sees its own orders.

use crate::domain::similar::{self, Candidate, Doc, Hotspot};
use crate::domain::suggest::{self, Model, Suggestion};
use crate::domain::{Lang, Order};
use crate::error::{Error, Result};
use crate::ops::{Ctx, policy};
use crate::store::{Store, TextRow};
use chrono::{Duration, NaiveDateTime};

/// The windows and the length of a list.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Orders received within this many days (and older open ones) are compared.
    pub window_days: i64,
    /// The same phone counts within this many days.
    pub phone_days: i64,
    pub top: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            window_days: similar::WINDOW_DAYS,
            phone_days: similar::PHONE_DAYS,
            top: similar::TOP,
        }
    }
}

pub fn doc(r: TextRow) -> Doc {
    let features = similar::features(&r.title, &r.content, &r.phone);
    doc_with(r, features)
}

fn doc_with(r: TextRow, features: similar::Features) -> Doc {
    let caller = if features.phone.is_empty() {
        r.citizen
    } else {
        features.phone.clone()
    };
    Doc {
        order_no: r.order_no,
        title: r.title,
        received_at: r.received_at,
        open: r.open,
        caller,
        features,
    }
}

fn visible(ctx: &Ctx, rows: Vec<TextRow>) -> Vec<TextRow> {
    match policy::reads_only_unit(&ctx.role) {
        Some(own) => rows
            .into_iter()
            .filter(|r| r.unit.as_deref() == Some(own))
            .collect(),
        None => rows,
    }
}

fn days(d: i64) -> Result<Duration> {
    Duration::try_days(d)
        .filter(|_| (1..=36_600).contains(&d))
        .ok_or_else(|| Error::Input(format!("a window of {d} days: give 1 to 36600")))
}

/// The duplicate candidates of order `order_no` (`domain::similar::candidates`) among the
/// orders received within the window before or after it (up to now) and the older ones
/// still open.
pub fn candidates(
    store: &Store,
    ctx: &Ctx,
    order_no: &str,
    opt: Options,
) -> Result<(Order, Vec<Candidate>)> {
    let order = store.require_order(order_no)?;
    policy::require_see(ctx, &order)?;
    let w = days(opt.window_days)?;
    let since = order.received_at.min(ctx.now) - w;
    let until = (order.received_at + w).min(ctx.now).max(order.received_at);
    let rows = visible(ctx, store.similar_window(since, until)?);
    let content: String = order
        .content
        .chars()
        .take(crate::store::CONTENT_CHARS)
        .collect();
    let f = similar::features(&order.title, &content, &order.phone);
    // First pass without places (most of a window shares nothing); places for the rest.
    let docs: Vec<Doc> = rows
        .into_iter()
        .filter_map(|r| {
            let lite = similar::features_without_places(&r.title, &r.content, &r.phone);
            similar::may_match(&f, &lite).then(|| {
                let features = similar::with_places(lite, &r.title, &r.content);
                doc_with(r, features)
            })
        })
        .collect();
    let list = similar::candidates(
        order_no,
        &f,
        order.received_at,
        &docs,
        opt.phone_days,
        opt.top,
    );
    Ok((order, list))
}

/// The hotspots of the `window_days` ending at `to` (`domain::similar::hotspots`), groups of
/// at least `min` orders.
pub fn hotspots(
    store: &Store,
    ctx: &Ctx,
    to: NaiveDateTime,
    opt: Options,
    min: usize,
) -> Result<Vec<Hotspot>> {
    let w = days(opt.window_days)?;
    hotspots_between(store, ctx, to - w, to, opt.phone_days, min)
}

/// The hotspots of the orders received in `[from, to)` (`domain::similar::hotspots`, the
/// previous window as long, before `from`), groups of at least `min` orders: what
/// `hotspots` computes for a window of whole days, for any span (the bulletin's period).
pub fn hotspots_between(
    store: &Store,
    ctx: &Ctx,
    from: NaiveDateTime,
    to: NaiveDateTime,
    phone_days: i64,
    min: usize,
) -> Result<Vec<Hotspot>> {
    if to <= from {
        return Ok(Vec::new());
    }
    let rows = visible(ctx, store.received_between(from - (to - from), to)?);
    let docs: Vec<Doc> = rows.into_iter().map(doc).collect();
    Ok(similar::hotspots(&docs, from, to, phone_days, min))
}

/// How many dispatches (and as many returns) the suggestion model learns from: the latest.
pub const HISTORY: usize = 20_000;

/// The model of the dispatch history up to `until`.
pub fn model(store: &Store, until: NaiveDateTime) -> Result<Model> {
    let rows = store.dispatch_history(until, HISTORY)?;
    Ok(Model::train(rows.iter().map(|r| {
        (
            suggest::words(&r.title, &r.content),
            r.unit.as_str(),
            r.returned,
        )
    })))
}

/// The units suggested for order `order_no`, learnt from the history before it was received.
pub fn suggest(
    store: &Store,
    ctx: &Ctx,
    order_no: &str,
    top: usize,
) -> Result<(Order, Vec<Suggestion>)> {
    let order = store.require_order(order_no)?;
    policy::require_see(ctx, &order)?;
    // The order's own dispatch must not teach the model its answer: learn from what was
    // dispatched before the order was received.
    let until = order.received_at - Duration::seconds(1);
    let m = model(store, until)?;
    let content: String = order
        .content
        .chars()
        .take(crate::store::CONTENT_CHARS)
        .collect();
    Ok((
        order.clone(),
        m.suggest(&suggest::words(&order.title, &content), top),
    ))
}

/// One line per candidate: `NO（同一电话；相似 0.72）`.
pub fn candidate_line(c: &Candidate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{}）", c.order_no, c.matched.reasons_zh()),
        Lang::En => format!("{} ({})", c.order_no, c.matched.reasons_en()),
    }
}
