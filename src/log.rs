//! The program's log, for the operator who must find out later why "it froze" over SSH.
//!
//! Where: `HOTLINE_LOG=PATH`, else `<data dir>/hotline/hotline.log` (on Linux
//! `~/.local/share/hotline/hotline.log`); `HOTLINE_LOG=off` turns it off. Never the terminal:
//! while the TUI runs, anything on stderr would corrupt its screen.
//!
//! What: one line per start (version, command, database), per opening of a database, per
//! write transaction (committed or rolled back with the error, in ms), per SQL statement slower
//! than `SLOW` (timed by SQLite itself, see `Store::open_with`), per error that ends a command,
//! per panic, and the end (ok or error, in ms). Only the command's name is logged, never its
//! arguments: they hold citizens' names, phones and complaints.
//!
//! Each line is one `write` to a file opened for appending, so several processes (every
//! operator's session) can share one log without tearing lines, and a `kill -9` loses nothing
//! already logged (no buffering thread: `tracing-appender`'s non-blocking writer would lose
//! its queue).

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The variable naming the log file (or `off`).
pub const ENV: &str = "HOTLINE_LOG";

/// A statement or a write transaction at least this long is logged as slow.
pub const SLOW: Duration = Duration::from_millis(100);

/// A log larger than this when a process starts is moved to `<log>.1` (replacing the previous
/// one), so it never fills the disk.
const ROTATE_AT: u64 = 10 * 1024 * 1024;

/// Where the log goes, if anywhere: `HOTLINE_LOG` (a path, or `off`; empty counts as unset),
/// else `<data dir>/hotline/hotline.log`. The bool says whether it was asked for explicitly.
pub fn destination() -> Option<(PathBuf, bool)> {
    match std::env::var_os(ENV) {
        Some(v) if v.eq_ignore_ascii_case("off") => None,
        Some(v) if !v.is_empty() => Some((PathBuf::from(v), true)),
        _ => dirs::data_dir().map(|d| (d.join("hotline").join("hotline.log"), false)),
    }
}

/// What `init` did: the file it logs to, or the reason it does not.
pub struct Started {
    pub path: Option<PathBuf>,
    /// Set when the log was asked for with `HOTLINE_LOG` and cannot be written: one line for
    /// stderr, to be shown only where it cannot corrupt a screen (not in the TUI). A default
    /// location that cannot be written is no one's request: the program runs without a log,
    /// silently.
    pub warning: Option<String>,
}

/// Install the log (once per process; later calls do nothing). Never fails: a log that cannot
/// be opened means no log, not no program.
pub fn init() -> Started {
    let Some((path, explicit)) = destination() else {
        return Started {
            path: None,
            warning: None,
        };
    };
    match open(&path) {
        Ok(file) => {
            let subscriber = tracing_subscriber::fmt()
                .with_writer(file)
                .with_timer(LocalTime)
                .with_max_level(tracing::Level::INFO)
                .finish();
            if tracing::subscriber::set_global_default(subscriber).is_ok() {
                log_panics();
            }
            Started {
                path: Some(path),
                warning: None,
            }
        }
        Err(e) => Started {
            path: None,
            warning: explicit.then(|| {
                format!(
                    "warning: cannot write the log {} ({e}): running without it; set {ENV}=off or another path / 警告：无法写入日志 {}（{e}），本次不记日志；可设 {ENV}=off 或另一路径",
                    path.display(),
                    path.display()
                )
            }),
        },
    }
}

/// Open for appending, creating the folder and the file (mode 0600: the log names databases
/// and errors; an admin who wants one log for a group creates the file with the group's mode
/// first). Moves an oversized log aside first.
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > ROTATE_AT) {
        let mut old = path.as_os_str().to_owned();
        old.push(".1");
        let _ = std::fs::rename(path, old);
    }
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
}

/// A panic is logged (message and place) before the previous hook runs (the TUI's restores
/// the terminal, then the default prints the message).
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(target: "hotline", place, "panic: {what}");
        previous(info);
    }));
}

/// Local time to the millisecond and the process id: lines of several sessions interleave in
/// one file, and the pid tells them apart.
struct LocalTime;

impl tracing_subscriber::fmt::time::FormatTime for LocalTime {
    fn format_time(&self, w: &mut tracing_subscriber::fmt::format::Writer<'_>) -> std::fmt::Result {
        write!(
            w,
            "{} pid={}",
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S%.3f"),
            std::process::id()
        )
    }
}

/// Milliseconds, for the log's `ms=` fields.
pub fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
