//! The `:` command line: `:unit 住建局` (or `:unit zjj`), `:order NO`, `:find QUERY` (every
//! order, closed included, by the `/` filter's query language), `:period …`, `:q`.

use super::super::action::Effect;
use super::super::action::Tab;
use super::super::app::{App, Held, InputLine, Level, ListId, PeriodChoice, Screen};
use super::super::i18n::{S, date, fill};
use super::super::saved::{View, sort_code};
use super::say;

pub fn run(app: &mut App, line: &str) -> Vec<Effect> {
    let line = line.trim().trim_start_matches(':');
    let (name, arg) = line
        .split_once(char::is_whitespace)
        .map(|(a, b)| (a, b.trim()))
        .unwrap_or((line, ""));
    let need_arg = |app: &mut App| {
        let t = fill(app.env.t(S::NeedArg), &[&name]);
        say(app, Level::Error, t);
        Vec::new()
    };
    match name {
        "" => Vec::new(),
        "q" | "q!" | "qa" | "quit" | "exit" => {
            app.quit = true;
            Vec::new()
        }
        "h" | "help" => {
            app.overlay.help = Some(0);
            Vec::new()
        }
        "unit" | "u" if arg.is_empty() => need_arg(app),
        "unit" | "u" => match app.data.find_unit(arg) {
            Ok(unit) => vec![Effect::OpenUnit(unit)],
            Err(refusal) => {
                let t = app.env.say_msg(&refusal.msg());
                say(app, Level::Error, t);
                Vec::new()
            }
        },
        "views" => {
            list_views(app);
            Vec::new()
        }
        "view" | "v" => {
            view(app, arg);
            Vec::new()
        }
        "find" | "f" => {
            find(app, arg, line);
            Vec::new()
        }
        "forecast" | "fc" if arg.is_empty() => need_arg(app),
        "forecast" | "fc" => {
            forecast(app, arg);
            Vec::new()
        }
        "order" | "o" if arg.is_empty() => need_arg(app),
        "order" | "o" => vec![Effect::OpenDetail(arg.to_string())],
        "period" | "p" => {
            let words: Vec<&str> = arg.split_whitespace().collect();
            let choice = match words.as_slice() {
                [] | ["all"] => Some(PeriodChoice::All),
                ["this"] | ["month"] => Some(PeriodChoice::ThisMonth),
                ["last"] => Some(PeriodChoice::LastMonth),
                [from, to] => match (date(app.env.lang, from), date(app.env.lang, to)) {
                    (Ok(f), Ok(t)) if f <= t => Some(PeriodChoice::Custom(f, t)),
                    (Ok(f), Ok(t)) => {
                        let m = fill(app.env.t(S::FromAfterTo), &[&f, &t]);
                        say(app, Level::Error, m);
                        return Vec::new();
                    }
                    (f, t) => {
                        // Which date is wrong, then how to write the command.
                        let lang = app.env.lang;
                        let (label, e) = match (f, t) {
                            (Err(e), _) => (S::DlgFrom, e),
                            (_, Err(e)) => (S::DlgTo, e),
                            _ => return Vec::new(),
                        };
                        let m = fill(S::BadPeriodDate.get(lang), &[&label.get(lang), &e]);
                        let m = format!("{m}\n{}", S::BadPeriod.get(lang));
                        say(app, Level::Error, m);
                        return Vec::new();
                    }
                },
                _ => None,
            };
            match choice {
                Some(c) => {
                    app.tabs.period = c;
                    app.stack.clear();
                    app.tabs.tab = super::super::action::Tab::Units;
                    vec![Effect::Scorecard]
                }
                None => {
                    let t = app.env.t(S::BadPeriod).to_string();
                    say(app, Level::Error, t);
                    Vec::new()
                }
            }
        }
        other => {
            let t = fill(app.env.t(S::UnknownCommand), &[&other]);
            say(app, Level::Error, t);
            Vec::new()
        }
    }
}

/// `:find QUERY`: the Find screen lists every order the query lists, closed included (an
/// empty query: every order). A bad query opens nothing: the error is shown and the command
/// line comes back with the text, to be corrected.
fn find(app: &mut App, query: &str, line: &str) {
    let q = super::super::app::Query::with_units(
        query,
        app.data
            .units
            .iter()
            .map(super::super::app::UnitEntry::candidate),
    );
    if let Some(e) = q.error {
        let t = app.env.say_msg(&e);
        say(app, Level::Error, t);
        app.overlay.input = Some(InputLine::Command(tui_input::Input::new(line.to_string())));
        return;
    }
    let st = app.tabs.list_mut(ListId::Found);
    st.filter = query.to_string();
    st.selected = 0;
    st.keep = None;
    match app.stack.iter().position(|s| *s == Screen::Find) {
        Some(i) => app.stack.truncate(i + 1),
        None => app.stack.push(Screen::Find),
    }
}

/// `:forecast DATE`: mark, on the Overdue tab, exactly the orders forecast to cross 30 days
/// overdue by the end of DATE (`domain::forecast`, as `hotline forecast`), replacing the
/// marks, so that `U` urges them all after its usual confirmation. Only the open orders held
/// whole are known here: with more, the message says so and names the command line's.
fn forecast(app: &mut App, arg: &str) {
    use crate::domain::forecast;
    let by = match forecast::parse_by(arg) {
        Ok(by) => by,
        Err(m) => {
            let t = app.env.say_msg(&m);
            return say(app, Level::Error, t);
        }
    };
    if !app.data.open_held {
        let t = fill(app.env.t(S::ForecastTooLong), &[&app.data.hold, &by]);
        return say(app, Level::Warn, t);
    }
    let now = app.env.now;
    let f = match forecast::forecast(app.data.open.iter().map(|r| &r.order), now, by) {
        Ok(f) => f,
        Err(m) => {
            let t = app.env.say_msg(&m);
            return say(app, Level::Error, t);
        }
    };
    app.stack.clear();
    app.tabs.tab = Tab::Overdue;
    if f.orders.is_empty() {
        let t = fill(app.env.t(S::ForecastNone), &[&by]);
        return say(app, Level::Info, t);
    }
    // Only what the workflow lets be urged now (a replied order waits for the office).
    let nos: std::collections::BTreeSet<String> = f.order_nos().into_iter().collect();
    let marks: std::collections::BTreeSet<String> = app
        .data
        .open
        .iter()
        .filter(|r| nos.contains(&r.order.order_no) && super::super::app::urgeable(&r.order, now))
        .map(|r| r.order.order_no.clone())
        .collect();
    // Open and not past the deadline day: 0 days overdue (`order::late_on`).
    let not_late = f
        .orders
        .iter()
        .filter(|c| c.days_overdue_now == 0 && marks.contains(&c.order_no))
        .count();
    let office = f.orders.len() - marks.len();
    let n = marks.len();
    app.tabs.marks = marks;
    app.tabs.last_mark = None;
    app.tabs.forecast = Some(by);
    let t = fill(
        app.env.t(S::ForecastMarked),
        &[&by, &f.orders.len(), &n, &not_late, &office],
    );
    say(app, Level::Info, t);
}

/// The list a saved view is of, by its name in views.toml.
fn view_list(name: &str) -> Option<ListId> {
    match name {
        "pending" => Some(ListId::Pending),
        "overdue" => Some(ListId::Overdue),
        "find" => Some(ListId::Found),
        _ => None,
    }
}

/// A sort column's index in a list for its name in views.toml (unknown: the default).
fn sort_index(id: ListId, code: &str) -> usize {
    (0..id.sorts().len())
        .find(|i| sort_code(id.order_sort(*i)) == code)
        .unwrap_or(0)
}

/// How many orders a view lists now: counted here when its list is held whole, else None
/// (a window's count is the store's, known once the list is open).
pub fn view_count(app: &App, v: &View) -> Option<usize> {
    let id = view_list(&v.list)?;
    if !app.data.held(id) {
        return None;
    }
    let q = app.query_as(id, &v.query, sort_index(id, &v.sort), v.reverse);
    if q.error.is_some() {
        return Some(0);
    }
    let names = app.data.units.iter().map(|u| u.unit.name.as_str());
    Some(Held::new(&app.data.open, app.env.now, names).all(&q).len())
}

/// `:views`: every saved view with how many orders it lists now.
fn list_views(app: &mut App) {
    if let Some(e) = app.env.views.broken.clone() {
        let t = app.env.say_msg(&e);
        return say(app, Level::Error, t);
    }
    if app.env.views.views.is_empty() {
        let t = app.env.t(S::ViewsNone).to_string();
        return say(app, Level::Info, t);
    }
    let sep = if app.env.lang == crate::domain::Lang::Zh {
        "；"
    } else {
        "; "
    };
    let items: Vec<String> = app
        .env
        .views
        .views
        .iter()
        .map(|v| {
            let n = view_count(app, v).map_or_else(|| "…".to_string(), |n| n.to_string());
            match app.env.lang {
                crate::domain::Lang::Zh => format!("{}（{n}）", v.name),
                crate::domain::Lang::En => format!("{} ({n})", v.name),
            }
        })
        .collect();
    let t = fill(app.env.t(S::ViewsList), &[&items.join(sep)]);
    say(app, Level::Info, t);
}

/// `:view NAME` opens a view, `:view save NAME` keeps the list's filter and sort under the
/// name, `:view delete NAME` removes it; `:view` alone lists them (`:views`).
fn view(app: &mut App, arg: &str) {
    let (verb, rest) = arg
        .split_once(char::is_whitespace)
        .map(|(a, b)| (a, b.trim()))
        .unwrap_or((arg, ""));
    let done = |app: &mut App, r: Result<(), crate::domain::lang::Msg>, ok: String| match r {
        Ok(()) => say(app, Level::Ok, ok),
        Err(e) => {
            let t = app.env.say_msg(&e);
            say(app, Level::Error, t)
        }
    };
    match verb {
        "" => list_views(app),
        "save" | "delete" if rest.is_empty() => {
            let t = fill(app.env.t(S::NeedArg), &[&format!("view {verb}")]);
            say(app, Level::Error, t);
        }
        "save" => {
            let Some(id) = app
                .current_list()
                .filter(|id| matches!(id, ListId::Pending | ListId::Overdue | ListId::Found))
            else {
                let t = app.env.t(S::ViewNeedList).to_string();
                return say(app, Level::Error, t);
            };
            let st = app.tabs.list(id);
            if let Some(e) = app.query(id).error {
                let t = app.env.say_msg(&e);
                return say(app, Level::Error, t);
            }
            let view = View {
                name: rest.to_string(),
                list: match id {
                    ListId::Pending => "pending",
                    ListId::Overdue => "overdue",
                    _ => "find",
                }
                .to_string(),
                query: st.filter.clone(),
                sort: sort_code(id.order_sort(st.sort)).to_string(),
                reverse: st.reverse,
            };
            let r = app.env.views.put(view);
            let ok = fill(app.env.t(S::ViewSaved), &[&rest]);
            done(app, r, ok);
        }
        "delete" => match app.env.views.delete(rest) {
            Ok(false) => unknown_view(app, rest),
            r => {
                let ok = fill(app.env.t(S::ViewDeleted), &[&rest]);
                done(app, r.map(|_| ()), ok);
            }
        },
        _ => open_view(app, arg),
    }
}

fn unknown_view(app: &mut App, name: &str) {
    let names = app
        .env
        .views
        .names()
        .join(if app.env.lang == crate::domain::Lang::Zh {
            "、"
        } else {
            ", "
        });
    let t = fill(app.env.t(S::ViewUnknown), &[&name, &names]);
    say(app, Level::Error, t);
}

/// Open a saved view: its list with its filter and sort (a query that no longer parses —
/// a unit renamed — opens too, listing nothing, and says why).
fn open_view(app: &mut App, name: &str) {
    let Some(v) = app.env.views.get(name).cloned() else {
        return unknown_view(app, name);
    };
    let Some(id) = view_list(&v.list) else {
        let t = app.env.t(S::ViewNeedList).to_string();
        return say(app, Level::Error, t);
    };
    match id {
        ListId::Found => match app.stack.iter().position(|s| *s == Screen::Find) {
            Some(i) => app.stack.truncate(i + 1),
            None => app.stack.push(Screen::Find),
        },
        ListId::Overdue => {
            app.stack.clear();
            app.tabs.tab = Tab::Overdue;
        }
        _ => {
            app.stack.clear();
            app.tabs.tab = Tab::Pending;
        }
    }
    let sort = sort_index(id, &v.sort);
    let st = app.tabs.list_mut(id);
    st.filter = v.query.clone();
    st.sort = sort;
    st.reverse = v.reverse;
    st.selected = 0;
    st.keep = None;
    if let Some(e) = app.query(id).error {
        let m = app.env.say_msg(&e);
        let t = fill(app.env.t(S::ViewBadQuery), &[&v.name, &m]);
        say(app, Level::Error, t);
    }
}
