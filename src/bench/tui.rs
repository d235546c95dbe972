//! The TUI's figures on a generated database: opening to the first frame, a key to the next
//! frame, filtering as you type, and the peak memory of a scripted run. Frames are drawn on
//! a 120×40 test backend exactly as the scripted mode draws them, and every key waits for
//! the store's answers (as `--keys` does), so a figure is the whole of the work.

use super::{Row, median, ms, time};
use crate::context::Options as Global;
use crate::domain::Lang;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::time::{Duration, Instant};

const W: u16 = 120;
const H: u16 = 40;

/// The script whose peak memory is measured: moves, a page, each tab, a detail, a filter.
pub const RSS_SCRIPT: &str = "j j <PageDown> G 2 3 4 1 <Enter> <Esc> / \"拖欠工资\" <Enter> q";

fn global(db: &Path) -> Global {
    Global {
        db: Some(db.to_path_buf()),
        now: None,
        operator: Some("bench".into()),
        lang: Lang::Zh,
    }
}

fn open(db: &Path) -> Result<Session> {
    let theme = Theme {
        color: true,
        ascii: false,
    };
    Session::open(Store::open(db)?, global(db), theme, false)
}

fn term() -> Result<Terminal<TestBackend>> {
    Terminal::new(TestBackend::new(W, H)).map_err(|e| Error::Io(format!("test terminal: {e}")))
}

fn draw(s: &Session, t: &mut Terminal<TestBackend>) -> Result<()> {
    t.draw(|f| s.draw(f))
        .map(|_| ())
        .map_err(|e| Error::Io(format!("test terminal: {e}")))
}

fn key(code: KeyCode) -> Event {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    Event::Key(KeyEvent::new(code, mods))
}

/// CPU time of this process so far (both threads: the UI's and the reading one). On a
/// loaded machine the wall time waits for a core; the CPU time says what the work costs.
pub fn cpu_time() -> Duration {
    // SAFETY: getrusage fills in the plain-data struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

thread_local! {
    /// CPU times of the measurements since the last `take_cpu`.
    static CPU: std::cell::RefCell<Vec<Duration>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The median CPU time of the measurements since the last call.
fn take_cpu() -> Duration {
    median(CPU.with(|c| std::mem::take(&mut *c.borrow_mut())))
}

/// A key and the frame after it (wall time; the CPU time is noted for `take_cpu`).
fn press(s: &mut Session, t: &mut Terminal<TestBackend>, code: KeyCode) -> Result<Duration> {
    let (at, cpu) = (Instant::now(), cpu_time());
    s.handle(&key(code));
    draw(s, t)?;
    let wall = at.elapsed();
    CPU.with(|c| c.borrow_mut().push(cpu_time().saturating_sub(cpu)));
    Ok(wall)
}

/// `setup` untimed, then `code` timed; the median of `runs`.
fn keypress(
    s: &mut Session,
    t: &mut Terminal<TestBackend>,
    runs: usize,
    setup: &[KeyCode],
    code: KeyCode,
) -> Result<Duration> {
    let mut xs = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        for k in setup {
            s.handle(&key(*k));
        }
        draw(s, t)?;
        xs.push(press(s, t, code)?);
    }
    Ok(median(xs))
}

/// A row; the median CPU time of its measurements goes into the note.
fn row(size: u64, what: &str, d: Duration, target: &str, note: &str) -> Row {
    let cpu = format!("CPU {}", ms(take_cpu()));
    Row {
        size,
        what: what.into(),
        median: ms(d),
        target: target.into(),
        note: if note.is_empty() {
            cpu
        } else {
            format!("{note}; {cpu}")
        },
    }
}

/// `time` noting CPU times too.
fn timed<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<Duration> {
    time(runs, || {
        let cpu = cpu_time();
        let out = f();
        CPU.with(|c| c.borrow_mut().push(cpu_time().saturating_sub(cpu)));
        out
    })
}

/// Medians of the TUI's work on the database `db` of `size` orders.
pub fn tui_rows(db: &Path, size: u64, runs: usize) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    let key_target = "≤ 8 ms (1M), ≤ 16 ms (10M)";
    let t_open = timed(runs, || {
        let s = open(db)?;
        let mut t = term()?;
        draw(&s, &mut t)
    })?;
    out.push(row(
        size,
        "TUI: open + first frame",
        t_open,
        "≤ 100 ms (1M), ≤ 200 ms (10M)",
        "store, counts, first page, units, activity (the scorecard waits for its tab)",
    ));

    let mut s = open(db)?;
    let mut t = term()?;
    draw(&s, &mut t)?;
    let held = s.app.data.open_held;
    let how = if held {
        "open orders held whole"
    } else {
        "a window of the list"
    };
    use KeyCode::*;
    let t_j = keypress(&mut s, &mut t, runs, &[], Char('j'))?;
    out.push(row(size, "TUI key → frame: j", t_j, key_target, how));
    let t_pg = keypress(&mut s, &mut t, runs, &[], PageDown)?;
    out.push(row(
        size,
        "TUI key → frame: PgDn",
        t_pg,
        key_target,
        "a new page each time",
    ));
    let t_g = keypress(&mut s, &mut t, runs, &[Char('g')], Char('G'))?;
    out.push(row(
        size,
        "TUI key → frame: G (last order)",
        t_g,
        key_target,
        "",
    ));
    let t_enter = keypress(&mut s, &mut t, runs, &[Char('g'), Esc], Enter)?;
    s.handle(&key(Esc));
    out.push(row(
        size,
        "TUI key → frame: Enter (detail)",
        t_enter,
        key_target,
        "the order and its history",
    ));
    // Tab from the tab before each (the number key is untimed).
    for (before, name, note) in [
        ('1', "Tab to 超期 Overdue", ""),
        (
            '2',
            "Tab to 承办单位 Units",
            "scorecard kept for the data generation",
        ),
        ('3', "Tab to 动态 Activity", ""),
        ('4', "Tab to 待办 Pending", ""),
    ] {
        let d = keypress(&mut s, &mut t, runs, &[Char(before)], Tab)?;
        out.push(row(
            size,
            &format!("TUI key → frame: {name}"),
            d,
            key_target,
            note,
        ));
    }
    // The Units tab when the data changed: the scorecard is recomputed (all time).
    s.handle(&key(Char('3')));
    let t_units = timed(runs, || {
        s.reload()?;
        draw(&s, &mut t)
    })?;
    out.push(row(
        size,
        "TUI: Units tab, all time, after new data",
        t_units,
        "≤ 10 ms (1M), ≤ 20 ms (10M)",
        "scorecard from running sums, with the counts and activity",
    ));
    // The same under the beijing pack (`P`): the assessment is computed once per scorecard.
    s.app.set_pack("beijing");
    s.app.reassess();
    let t_pack = timed(runs, || {
        s.reload()?;
        draw(&s, &mut t)
    })?;
    out.push(row(
        size,
        "TUI: Units tab under the beijing pack, after new data",
        t_pack,
        "≤ 10 ms (1M), ≤ 20 ms (10M)",
        "the scorecard judged once per reload (App::reassess)",
    ));
    s.app.set_pack(crate::domain::assessment::DEFAULT);
    s.app.reassess();
    s.handle(&key(Char('1')));

    // Filter as you type: `/`, then each character; the last one's key → frame.
    for q in ["水", "供暖", "拖欠工资"] {
        let n = q.chars().count();
        let mut last = Vec::new();
        let mut all = Vec::new();
        let mut cpus = Vec::new();
        for _ in 0..runs.max(1) {
            s.handle(&key(Esc));
            s.handle(&key(Esc));
            s.handle(&key(Char('/')));
            draw(&s, &mut t)?;
            let at = Instant::now();
            let mut d = Duration::ZERO;
            for c in q.chars() {
                take_cpu();
                d = press(&mut s, &mut t, Char(c))?;
            }
            all.push(at.elapsed());
            last.push(d);
            cpus.push(take_cpu());
            s.handle(&key(Enter));
        }
        let shown = s.app.len(crate::tui::app::ListId::Pending);
        CPU.with(|c| *c.borrow_mut() = cpus);
        out.push(row(
            size,
            &format!("TUI filter “{q}” ({n} chars): last key → frame"),
            median(last),
            "≤ 50 ms (1M), ≤ 200 ms (10M)",
            &format!(
                "{shown} open orders match; typing all {n}: {}",
                ms(median(all))
            ),
        ));
    }
    s.handle(&key(Esc));
    drop(s);

    match peak_rss_of_script(db, RSS_SCRIPT) {
        Ok(kib) => out.push(Row {
            size,
            what: "TUI: peak RSS (scripted run)".into(),
            median: format!("{:.0} MiB", kib as f64 / 1024.0),
            target: "≤ 64 MiB".into(),
            note: format!("`hotline tui --keys` of: {RSS_SCRIPT}"),
        }),
        Err(e) => out.push(Row {
            size,
            what: "TUI: peak RSS (scripted run)".into(),
            median: "—".into(),
            target: "≤ 64 MiB".into(),
            note: e.to_string(),
        }),
    }
    Ok(out)
}

/// The `hotline` binary: this executable, or one beside it or a folder up (an example or a
/// test run from `target/…`).
fn hotline_exe() -> Result<std::path::PathBuf> {
    let me = std::env::current_exe()?;
    let name = format!("hotline{}", std::env::consts::EXE_SUFFIX);
    if me.file_name().is_some_and(|n| n == name.as_str()) {
        return Ok(me);
    }
    me.ancestors()
        .skip(1)
        .take(2)
        .map(|d| d.join(&name))
        .find(|p| p.is_file())
        .ok_or_else(|| Error::NotFound(format!("no {name} beside {}", me.display())))
}

/// Peak resident memory (KiB) of `hotline tui --keys` running `script` on `db`, as a child
/// process (see `hotline_exe`); from `wait4`'s rusage.
pub fn peak_rss_of_script(db: &Path, script: &str) -> Result<u64> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(hotline_exe()?)
        .arg("--db")
        .arg(db)
        .args(["tui", "--keys", "-", "--size", "120x40"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(script.as_bytes())?;
    }
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; `pid` is our own child, not yet
    // reaped (std's `Child` has not waited for it).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if r != pid {
        return Err(Error::Io(format!(
            "waiting for the scripted TUI: {}",
            std::io::Error::last_os_error()
        )));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        return Err(Error::Io(format!(
            "the scripted TUI failed: {}",
            err.trim()
        )));
    }
    // Linux reports ru_maxrss in KiB.
    Ok(usage.ru_maxrss as u64)
}
