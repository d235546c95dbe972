//! The `:` command line: `:unit 住建局` (or `:unit zjj`), `:order NO`, `:find QUERY` (every
//! order, closed included, by the `/` filter's query language), `:period …`, `:q`.

use super::super::action::Effect;
use super::super::app::{App, InputLine, Level, ListId, PeriodChoice, Screen};
use super::super::i18n::{S, date, fill};
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
        "find" | "f" => {
            find(app, arg, line);
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
