//! The live terminal: raw mode and the alternate screen, restored on every way out (return,
//! error, panic, SIGTERM/SIGHUP); the event loop with live refresh and coalesced redraws.

use super::session::Session;
use crate::error::{Error, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{IsTerminal, Stdout, Write, stdout};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the database is asked whether another process committed: a change shows up
/// within this (well under the second the issue asks for) without a key press.
pub const POLL: Duration = Duration::from_millis(250);

/// How often to look for the reading thread's answers while some are awaited.
const ANSWERS: Duration = Duration::from_millis(5);

/// Whether the terminal is in the UI's mode (so restoring twice does nothing).
static ACTIVE: AtomicBool = AtomicBool::new(false);

fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // No mouse capture: the terminal's own selection and copy keep working.
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Hide,
        Clear(ClearType::All)
    )
}

/// Put the terminal back as it was. The last bytes written are leave-alternate-screen and
/// show-cursor. Safe to call from a panic hook and more than once.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = stdout();
        let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
        let _ = out.flush();
        let _ = disable_raw_mode();
    }
}

/// Restores the terminal when the loop ends, however it ends.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Restore first, so the panic message lands on a normal screen.
            restore();
            previous(info);
        }));
    });
}

/// An SSH drop closes the terminal under us. crossterm then keeps reading a dead terminal
/// and never returns to the loop, so a watchdog thread notices — the stop flag set by SIGHUP
/// or SIGTERM, or the terminal device gone — and, if the loop has not left within half a
/// second, restores what it can and ends the process. No process is left spinning.
fn watch_for_hangup(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let gone = || {
            std::fs::read_link("/proc/self/fd/0")
                .map(|p| p.to_string_lossy().ends_with("(deleted)"))
                .unwrap_or(false)
        };
        loop {
            std::thread::sleep(Duration::from_millis(200));
            if gone() {
                stop.store(true, Ordering::Relaxed);
            }
            if stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(500));
                restore();
                std::process::exit(0);
            }
        }
    });
}

fn io(e: std::io::Error) -> Error {
    Error::Io(format!("terminal: {e}"))
}

/// One frame, inside a synchronized update so the terminal shows it at once (no flicker).
fn draw(t: &mut Terminal<CrosstermBackend<Stdout>>, s: &Session) -> std::io::Result<()> {
    execute!(t.backend_mut(), BeginSynchronizedUpdate)?;
    let r = t.draw(|f| s.draw(f)).map(|_| ());
    execute!(t.backend_mut(), EndSynchronizedUpdate)?;
    r
}

pub fn run(session: &mut Session) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Input(
            "the terminal UI needs a terminal; for a headless run use `hotline tui --keys FILE --dump`"
                .into(),
        ));
    }
    // SIGTERM and SIGHUP (an SSH connection dropped) set a flag the loop checks, so the
    // process leaves through the guard instead of dying with the terminal in raw mode.
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .map_err(|e| Error::Io(format!("signal handler: {e}")))?;
    }
    watch_for_hangup(Arc::clone(&stop));
    install_panic_hook();
    enter().map_err(io)?;
    let _guard = Guard;
    // Not `terminal.clear()`: it asks the terminal for the cursor position, and a terminal
    // that does not answer would stall the start. The screen was cleared on entering.
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout())).map_err(io)?;

    // From here on, reading never blocks a key: answers are applied as they come.
    session.set_live(true);
    let mut dirty = true;
    let mut last_poll = Instant::now();
    while !stop.load(Ordering::Relaxed) && !session.app.quit {
        dirty |= session.pump();
        if dirty {
            draw(&mut terminal, session).map_err(io)?;
            dirty = false;
        }
        let mut wait = POLL.saturating_sub(last_poll.elapsed());
        if session.busy() || session.lock_waiting() {
            // Answers are on their way, or a write waits for a lock: look again soon.
            wait = wait.min(ANSWERS);
        }
        if event::poll(wait).map_err(io)? {
            // Take every event already waiting, then draw once.
            loop {
                let ev = event::read().map_err(io)?;
                dirty |= session.handle(&ev);
                if session.app.quit || !event::poll(Duration::ZERO).map_err(io)? {
                    break;
                }
            }
        }
        // A write waiting for another program's lock: one short try more (Esc, read just
        // above, gives up; other keys were dropped).
        if session.lock_waiting() {
            dirty |= session.retry();
        }
        if last_poll.elapsed() >= POLL {
            last_poll = Instant::now();
            match session.poll() {
                Ok(changed) => dirty |= changed,
                Err(e) => {
                    super::update::say(&mut session.app, super::app::Level::Error, e.to_string());
                    dirty = true;
                }
            }
        }
    }
    Ok(())
}
