//! Moving in lists, the detail and the help screen; sorting; marking.

use super::super::action::Cmd;
use super::super::app::{App, Level, ListId};
use super::super::i18n::{S, fill};
use super::say;
use ratatui::crossterm::event::KeyEvent;

/// The new position for a movement in a list of `len` rows seen `page` rows at a time.
fn step(cmd: Cmd, at: usize, len: usize, page: usize) -> usize {
    let last = len.saturating_sub(1);
    let half = (page / 2).max(1);
    match cmd {
        Cmd::Down => (at + 1).min(last),
        Cmd::Up => at.saturating_sub(1),
        Cmd::Top => 0,
        Cmd::Bottom => last,
        Cmd::PageDown => (at + page).min(last),
        Cmd::PageUp => at.saturating_sub(page),
        Cmd::HalfDown => (at + half).min(last),
        Cmd::HalfUp => at.saturating_sub(half),
        _ => at,
    }
}

pub fn movement(app: &mut App, cmd: Cmd) {
    match app.current_list() {
        Some(id) => {
            let len = app.len(id);
            let st = app.tabs.list_mut(id);
            st.selected = step(cmd, st.selected, len, st.page());
        }
        None => {
            // The detail scrolls by lines; drawing tells how far it can go.
            let page = app.detail.height.get().max(1);
            let max = app.detail.max.get();
            app.detail.scroll = step(cmd, app.detail.scroll, max + 1, page);
        }
    }
}

pub fn help_key(app: &mut App, key: KeyEvent) {
    let Some(cmd) = app.env.keymap.lookup(&app.contexts(), &key) else {
        return;
    };
    let at = app.overlay.help.unwrap_or(0);
    let page = app.overlay.help_height.get().max(1);
    let max = app.overlay.help_max.get();
    app.overlay.help = match cmd {
        Cmd::Cancel => None,
        other => Some(step(other, at, max + 1, page)),
    };
}

/// The next sort column (`reverse`: the same column the other way). A new order is seen
/// from its top, the first row selected: kept on the row selected before, the list would
/// look unsorted around it.
pub fn sort(app: &mut App, reverse: bool) {
    let Some(id) = app.current_list() else {
        return;
    };
    let n = app.sort_count(id);
    if n == 0 {
        return;
    }
    let st = app.tabs.list_mut(id);
    st.keep = None;
    st.selected = 0;
    st.offset.set(0);
    if reverse {
        st.reverse = !st.reverse;
    } else {
        st.sort = (st.sort + 1) % n;
        st.reverse = false;
    }
}

/// The order list marks apply to now (every list of orders; not Units or Activity).
fn marking_list(app: &App) -> Option<ListId> {
    app.current_list().filter(|id| id.is_orders())
}

pub fn toggle_mark(app: &mut App) {
    if marking_list(app).is_none() {
        return;
    }
    let Some(no) = app.current_order().map(|r| r.order.order_no.clone()) else {
        return;
    };
    if !app.tabs.marks.remove(&no) {
        app.tabs.marks.insert(no.clone());
        app.tabs.last_mark = Some(no);
    }
    movement(app, Cmd::Down);
}

/// Say how many orders are marked.
fn say_marked(app: &mut App) {
    let t = fill(app.env.t(S::Marked), &[&app.tabs.marks.len()]);
    say(app, Level::Info, t);
}

/// `*`: mark every order the list shows (with its filter); `~` (`invert`): mark those
/// not marked and unmark the others. Only a list held whole is known entry by entry here:
/// a longer one says so.
pub fn mark_all(app: &mut App, invert: bool) {
    let Some(id) = marking_list(app) else {
        return;
    };
    if !app.data.held(id) {
        let t = fill(app.env.t(S::MarkTooLong), &[&app.data.hold]);
        return say(app, Level::Warn, t);
    }
    let nos: Vec<String> = app
        .rows_of(id)
        .iter()
        .map(|r| r.order.order_no.clone())
        .collect();
    for no in nos {
        if !invert || !app.tabs.marks.remove(&no) {
            app.tabs.marks.insert(no);
        }
    }
    say_marked(app);
}

/// `V`: mark every order from the one marked last to the cursor (both included).
pub fn mark_range(app: &mut App) {
    let Some(id) = marking_list(app) else {
        return;
    };
    let Some(last) = app.tabs.last_mark.clone() else {
        let t = app.env.t(S::NoLastMark).to_string();
        return say(app, Level::Warn, t);
    };
    let at = app.tabs.list(id).selected;
    // Where the last mark is: among the rows held, or the window's loaded entries.
    let (first, rows): (usize, Vec<String>) = match app.data.window(id) {
        Some(w) if !app.data.held(id) => (
            w.start,
            w.rows.iter().map(|r| r.order.order_no.clone()).collect(),
        ),
        _ => (
            0,
            app.rows_of(id)
                .iter()
                .map(|r| r.order.order_no.clone())
                .collect(),
        ),
    };
    let Some(from) = rows.iter().position(|n| *n == last).map(|i| i + first) else {
        let t = app.env.t(S::LastMarkGone).to_string();
        return say(app, Level::Warn, t);
    };
    let (a, b) = (from.min(at), from.max(at));
    for i in a..=b {
        if let Some(no) = i.checked_sub(first).and_then(|k| rows.get(k)) {
            app.tabs.marks.insert(no.clone());
        }
    }
    say_marked(app);
}
