//! Pure key handling: the state and a key give the new state and the effects to run. No
//! I/O here, so every binding is tested by feeding keys (tests/tui_keys.rs).

mod command;
mod nav;
mod open;
mod submit;

pub use open::dispatch_picker;
pub use open::urge_these;
pub use submit::{picker_offer, refresh};

use super::action::{Cmd, Effect, Tab};
use super::app::{App, InputLine, Level, ListId, Message, Screen};
use super::dialog::input_paste;
use super::keymap::Ctx;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use tui_input::backend::crossterm::to_input_request;

/// A terminal event. Only key *presses* count (release and repeat events of terminals with
/// the kitty protocol would otherwise act twice).
pub fn on_event(app: &mut App, ev: &Event) -> Vec<Effect> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => on_key(app, *k),
        Event::Paste(s) => on_paste(app, s),
        _ => Vec::new(),
    }
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind != KeyEventKind::Press {
        return Vec::new();
    }
    // Below the minimum size only a note shows: a key must not act on what cannot be seen.
    // Quitting still works (not from a dialog, whose typed text would be lost unasked).
    if app.env.too_small() {
        let quit = app.env.keymap.lookup(&[Ctx::Global], &key) == Some(Cmd::Quit);
        if quit && app.overlay.dialog.is_none() {
            app.quit = true;
        }
        return Vec::new();
    }
    // A message stays until the next key, as in vim.
    app.message = None;
    if app.overlay.help.is_some() {
        nav::help_key(app, key);
        return Vec::new();
    }
    if app.overlay.dialog.is_some() {
        return submit::on_key(app, key);
    }
    if app.overlay.input.is_some() {
        return input_key(app, key);
    }
    match app.env.keymap.lookup(&app.contexts(), &key) {
        Some(cmd) => command(app, cmd),
        None => Vec::new(),
    }
}

/// Bracketed paste: the text goes to whatever has the cursor, as typed text would.
pub fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    if app.env.too_small() {
        return Vec::new();
    }
    if let Some(d) = app.overlay.dialog.as_mut() {
        d.paste(text);
        submit::refresh(app);
        return Vec::new();
    }
    match app.overlay.input.as_mut() {
        Some(InputLine::Filter(i)) => {
            input_paste(i, text);
            let v = i.value().to_string();
            set_filter(app, v);
        }
        Some(InputLine::Command(i)) => input_paste(i, text),
        None => {}
    }
    Vec::new()
}

/// Show a message on the status line until the next key.
pub fn say(app: &mut App, level: Level, text: String) {
    app.message = Some(Message { text, level });
}

fn set_filter(app: &mut App, v: String) {
    if let Some(id) = app.current_list() {
        let st = app.tabs.list_mut(id);
        if st.filter != v {
            st.filter = v;
            st.selected = 0;
            st.keep = None;
        }
        // A bad field or value lists nothing: say why, in the UI's language.
        let orders = id.is_orders();
        if let Some(e) = app.query(id).error.filter(|_| orders) {
            let t = app.env.say_msg(&e);
            say(app, Level::Error, t);
        }
    }
}

fn input_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let cmd = app.env.keymap.lookup(&app.contexts(), &key);
    let Some(line) = app.overlay.input.as_mut() else {
        return Vec::new();
    };
    match (cmd, line) {
        (Some(Cmd::Submit), InputLine::Filter(_)) => {
            app.overlay.input = None;
            Vec::new()
        }
        (Some(Cmd::Cancel), InputLine::Filter(_)) => {
            app.overlay.input = None;
            set_filter(app, String::new());
            Vec::new()
        }
        (Some(Cmd::Submit), InputLine::Command(i)) => {
            let text = i.value().to_string();
            app.overlay.input = None;
            command::run(app, &text)
        }
        (Some(Cmd::Cancel), InputLine::Command(_)) => {
            app.overlay.input = None;
            Vec::new()
        }
        (_, InputLine::Filter(i)) => {
            if let Some(req) = to_input_request(&Event::Key(key)) {
                i.handle(req);
            }
            let v = i.value().to_string();
            set_filter(app, v);
            Vec::new()
        }
        (_, InputLine::Command(i)) => {
            if let Some(req) = to_input_request(&Event::Key(key)) {
                i.handle(req);
            }
            Vec::new()
        }
    }
}

fn command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    match cmd {
        Cmd::Quit => app.quit = true,
        Cmd::Help => app.overlay.help = Some(0),
        Cmd::Filter => {
            if let Some(id) = app.current_list() {
                let v = app.tabs.list(id).filter.clone();
                app.overlay.input = Some(InputLine::Filter(tui_input::Input::new(v)));
            }
        }
        Cmd::Command => app.overlay.input = Some(InputLine::Command(tui_input::Input::default())),
        Cmd::Tab(t) => go_tab(app, t),
        Cmd::NextTab => go_tab(app, Tab::ALL[(app.tabs.tab.index() + 1) % Tab::ALL.len()]),
        Cmd::PrevTab => go_tab(
            app,
            Tab::ALL[(app.tabs.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()],
        ),
        Cmd::Down
        | Cmd::Up
        | Cmd::Top
        | Cmd::Bottom
        | Cmd::PageDown
        | Cmd::PageUp
        | Cmd::HalfDown
        | Cmd::HalfUp => nav::movement(app, cmd),
        Cmd::Open => return open_current(app),
        Cmd::Back => back(app),
        Cmd::Sort | Cmd::SortReverse => nav::sort(app, cmd == Cmd::SortReverse),
        Cmd::ToggleMark => nav::toggle_mark(app),
        Cmd::MarkAll => nav::mark_all(app, false),
        Cmd::InvertMarks => nav::mark_all(app, true),
        Cmd::MarkRange => nav::mark_range(app),
        Cmd::Period => open::period(app),
        Cmd::Chart => app.tabs.chart = !app.tabs.chart,
        Cmd::Pack => open::pack(app),
        Cmd::Explain => return open::explain(app),
        Cmd::Op(op) => return open::order_op(app, op),
        Cmd::UrgeUnit => return open::urge_unit(app),
        Cmd::SuperviseUnit => open::supervise_unit(app),
        Cmd::NextCallback => return open::next_callback(app),
        Cmd::Intake => return open::intake(app),
        // Dialog commands never reach here (dialogs take keys first).
        Cmd::Submit
        | Cmd::Cancel
        | Cmd::NextField
        | Cmd::PrevField
        | Cmd::Toggle
        | Cmd::Newline
        | Cmd::Yes
        | Cmd::No
        | Cmd::Reveal
        | Cmd::Pick(_) => {}
    }
    Vec::new()
}

fn go_tab(app: &mut App, t: Tab) {
    app.stack.clear();
    app.tabs.tab = t;
}

fn open_current(app: &mut App) -> Vec<Effect> {
    match app.current_list() {
        Some(ListId::Units) => match app.selected_unit() {
            Some(r) => vec![Effect::OpenUnit(r.unit.clone())],
            None => Vec::new(),
        },
        Some(ListId::Explain) => app
            .selected_cost()
            .map(|c| Effect::OpenDetail(c.order_no.clone()))
            .into_iter()
            .collect(),
        Some(ListId::Hotspots) => {
            open_hotspot(app);
            Vec::new()
        }
        Some(ListId::Activity) => app
            .selected_event()
            .and_then(|e| e.order_no.clone())
            .map(Effect::OpenDetail)
            .into_iter()
            .collect(),
        Some(_) => app
            .current_order()
            .map(|r| Effect::OpenDetail(r.order.order_no.clone()))
            .into_iter()
            .collect(),
        None => Vec::new(),
    }
}

/// Enter on the 热点 tab: the group's orders (held, closed ones too), with those the workflow
/// lets be urged now marked (as `:forecast` marks), so that `U` urges them all after one
/// confirmation.
fn open_hotspot(app: &mut App) {
    use super::i18n::{S, fill};
    let Some(h) = app.selected_hotspot().cloned() else {
        return;
    };
    let nos: Vec<String> = h
        .rows
        .iter()
        .filter(|r| app.env.allows(&r.order, crate::domain::ActionName::Urge))
        .map(|r| r.order.order_no.clone())
        .collect();
    app.data.hotspot = Some(h);
    let st = app.tabs.list_mut(ListId::HotspotOrders);
    st.selected = 0;
    st.filter.clear();
    st.keep = None;
    app.tabs.marks = nos.iter().cloned().collect();
    app.tabs.last_mark = None;
    app.tabs.forecast = None;
    app.stack.push(Screen::Hotspot);
    if nos.is_empty() {
        let t = app.env.t(S::HotspotNoneUrgeable).to_string();
        say(app, Level::Info, t);
    } else {
        let t = fill(app.env.t(S::HotspotMarked), &[&nos.len()]);
        say(app, Level::Info, t);
    }
}

/// Esc: undo the innermost thing — a filter, then marks, then a screen.
fn back(app: &mut App) {
    use super::i18n::S;
    // `:find`'s screen: its filter is the query; Esc goes back to where `:find` was typed.
    if app.screen() == Screen::Find {
        app.stack.pop();
        let st = app.tabs.list_mut(ListId::Found);
        st.filter.clear();
        st.selected = 0;
        return;
    }
    if let Some(id) = app.current_list()
        && !app.tabs.list(id).filter.is_empty()
    {
        set_filter(app, String::new());
        let t = app.env.t(S::FilterCleared).to_string();
        say(app, Level::Info, t);
        return;
    }
    if !app.tabs.marks.is_empty() {
        app.tabs.marks.clear();
        app.tabs.forecast = None;
        let t = app.env.t(S::MarkedCleared).to_string();
        say(app, Level::Info, t);
        return;
    }
    match app.stack.pop() {
        Some(Screen::Detail) => app.detail.shown = None,
        Some(Screen::Explain) => app.data.explained = None,
        Some(Screen::Hotspot) => app.data.hotspot = None,
        _ => {}
    }
}
