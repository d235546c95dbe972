//! The terminal UI: keyboard triage of pending and overdue orders, unit scorecards, reply
//! entry and urging.
//!
//! The shape (after ratatui's demo2, gitui, atuin and television):
//! - `app`: the state; `action`: what keys mean (`Cmd`) and what must happen (`Effect`);
//! - `keymap`: every binding with its description (help and hint bar read it too);
//! - `update`: pure key handling, state + key → state + effects (tested by feeding keys);
//! - `dialog`: each dialog's state and keys (`views::dialogs` draws them);
//! - `session`: runs effects — the only code that records through `ops`, and asks `worker`
//!   (a reading thread with its own connection) for what the screen lacks (`App::needs`);
//! - `worker`: the only code that reads the store; long lists are windows of one scan
//!   (`app::Window`), lists of at most `app::HOLD` orders are held whole and filtered here;
//! - `views`: drawing from `&App`, never SQL; `i18n`: every string, Chinese and English;
//! - `terminal`: the live loop and terminal discipline; `script`: key scripts for `--keys`.

pub mod action;
pub mod app;
pub mod dialog;
pub mod i18n;
pub mod keymap;
pub mod saved;
pub mod script;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod views;
pub mod worker;

use crate::context;
use crate::error::{Error, Result};
use crate::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyEvent};
use session::Session;
use std::path::{Path, PathBuf};
use theme::Theme;

#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Run a key script headless (keys in Vim notation separated by white space, e.g.
    /// `j 3 <Enter> "已安排维修" <Esc>`), drawing a frame after every key. `-` reads stdin.
    pub keys: Option<PathBuf>,
    /// Terminal size for --keys, e.g. 120x40.
    pub size: String,
    /// Print the final screen as plain text (with --keys).
    pub dump: bool,
    /// ASCII borders and symbols, for terminals that draw box-drawing characters two columns
    /// wide [env: HOTLINE_ASCII=1]
    pub ascii: bool,
}

pub fn run(g: &context::Options, demo: bool, path: &Path, args: Options) -> Result<()> {
    // A bad keys.toml, a missing or unreadable database fail here, with their message, before
    // the terminal is touched (a keymap is never half applied).
    let keymap = keymap::Keymap::load_user(g.lang)?;
    let store = Store::open(path)?;
    let theme = Theme::from_env(args.ascii);
    let mut session = Session::open(store, g.clone(), theme, demo)?;
    session.app.env.keymap = keymap;
    // Saved views: a bad file is said at the start (and kept as it is), never fatal.
    session.app.env.views = saved::Views::load_user();
    if let Some(e) = session.app.env.views.broken.clone() {
        let t = session.app.env.say_msg(&e);
        update::say(&mut session.app, app::Level::Error, t);
    }
    // The Units tab's pack chosen last (`P`), kept in the same file.
    if let Some(name) = session.app.env.views.pack.clone()
        && !session.app.set_pack(&name)
    {
        let t = i18n::fill(session.app.env.t(i18n::S::PackUnknown), &[&name]);
        update::say(&mut session.app, app::Level::Warn, t);
    }
    match &args.keys {
        Some(file) => {
            let text = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())
                    .map_err(|e| Error::Io(format!("reading keys from stdin: {e}")))?
            } else {
                std::fs::read_to_string(file)
                    .map_err(|e| Error::Io(format!("cannot read {}: {e}", file.display())))?
            };
            let keys = script::parse(&text).map_err(Error::Input)?;
            let (w, h) = parse_size(&args.size)?;
            let screen = run_script(&mut session, &keys, w, h)?;
            if args.dump {
                print!("{screen}");
            }
            Ok(())
        }
        None if args.dump => Err(Error::Input(
            "--dump prints the screen of a key script: give --keys FILE too".into(),
        )),
        None => terminal::run(&mut session),
    }
}

/// `120x40` → (120, 40).
pub fn parse_size(s: &str) -> Result<(u16, u16)> {
    let bad = || {
        Error::Input(format!(
            "--size '{s}': expected WIDTHxHEIGHT, e.g. 120x40 (at least 1x1, at most 1000x1000)"
        ))
    };
    let (w, h) = s.trim().split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let w: u16 = w.trim().parse().map_err(|_| bad())?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    if w == 0 || h == 0 || w > 1000 || h > 1000 {
        return Err(bad());
    }
    Ok((w, h))
}

/// Run keys headless on a test backend, drawing a full frame after every key exactly as the
/// live loop does; returns the final screen as text.
pub fn run_script(session: &mut Session, keys: &[KeyEvent], w: u16, h: u16) -> Result<String> {
    let mut term = Terminal::new(TestBackend::new(w, h))
        .map_err(|e| Error::Io(format!("test terminal: {e}")))?;
    // The frame as drawn, not the test backend's copy: that one applies the diff cell by cell
    // and keeps stale halves of wide characters a real terminal would have overwritten.
    let draw = |s: &Session, term: &mut Terminal<TestBackend>| {
        term.draw(|f| s.draw(f))
            .map(|done| buffer_text(done.buffer))
            .map_err(|e| Error::Io(format!("test terminal: {e}")))
    };
    let mut screen = draw(session, &mut term)?;
    for k in keys {
        session.handle(&Event::Key(*k));
        screen = draw(session, &mut term)?;
        if session.app.quit {
            break;
        }
    }
    Ok(screen)
}

/// A screen as plain text: one line per row, wide characters once, trailing spaces trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = crate::domain::text::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
