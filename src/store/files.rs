//! The database's files as files: what is not a hotline database (a 0-byte file, an empty
//! SQLite file, a backup's temporary file), whether another process has the database open,
//! and replacing the database file by another whole (the demo's `--force`).

use crate::error::{Error, Msg, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// `path` with `suffix` appended to its name: `h.db` → `h.db-wal`.
fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Is the file at `path` empty: 0 bytes, with no write-ahead log holding its pages? (A
/// database whose first pages are still in its `-wal` has a 0-byte main file: not empty.)
pub fn is_empty_file(path: &Path) -> bool {
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    len(path) == Some(0) && len(&companion(path, "-wal")).unwrap_or(0) == 0
}

/// An existing file that is not a hotline database is refused when opened (`Store::open`),
/// never turned into an empty one: a 0-byte file (a failed copy, a file `touch` made), or an
/// SQLite file without hotline's schema. `init` alone creates one there.
pub(super) fn refuse_foreign(path: &Path, conn: Option<&Connection>) -> Result<()> {
    let not_ours = |what_en: &str, what_zh: &str| {
        Err(Error::Refused(Msg::both(
            format!(
                "{} is {what_en}: not a hotline database (an interrupted copy, or another program's file); restore the database from a backup (see README), pass another --db, or run `hotline init` to make a new one there",
                path.display()
            ),
            format!(
                "{} {what_zh}：不是热线数据库（可能是中断的复制或其他程序的文件）；请从备份恢复（见 README）、用 --db 指定其他文件，或运行 `hotline init` 在此新建",
                path.display()
            ),
        )))
    };
    if is_empty_file(path) {
        return not_ours("empty (0 bytes)", "是空文件（0 字节）");
    }
    // A backup's temporary file (`ops::admin::backup`): its backup did not finish, whatever
    // the file holds.
    let name = path.file_name().map(|n| n.to_string_lossy());
    if name.is_some_and(|n| n.starts_with('.') && n.ends_with(".partial")) {
        return not_ours(
            "the temporary file of a backup that did not finish",
            "是未完成备份的临时文件",
        );
    }
    if let Some(conn) = conn {
        let version = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
        let tables = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        });
        // Errors (not SQLite at all, locked) are for `setup` to word.
        if let (Ok(0), Ok(0)) = (version, tables) {
            return not_ours("an empty SQLite file", "是空的 SQLite 文件");
        }
    }
    Ok(())
}

/// The byte of the `-shm` file that every connection to a WAL database holds a shared lock on
/// for as long as it is open (SQLite's "DMS" lock: https://www.sqlite.org/walformat.html,
/// 2.3.1; `UNIX_SHM_DMS` in os_unix.c). A write lock on it is granted only when no other
/// process has the database open. fcntl locks are per process: this process's own
/// connections never count.
const DMS_BYTE: libc::off_t = 128;

fn dms_lock(file: &std::fs::File, kind: libc::c_short, cmd: libc::c_int) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: `flock` is plain data; zeroed is a valid value, then filled in.
    let mut lk: libc::flock = unsafe { std::mem::zeroed() };
    lk.l_type = kind;
    lk.l_whence = libc::SEEK_SET as libc::c_short;
    lk.l_start = DMS_BYTE;
    lk.l_len = 1;
    // SAFETY: a valid descriptor and a pointer to our own `flock`.
    let rc = unsafe { libc::fcntl(file.as_raw_fd(), cmd, &mut lk) };
    if rc == -1 {
        let e = std::io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::EAGAIN) | Some(libc::EACCES) => Ok(false),
            _ => Err(e),
        };
    }
    Ok(cmd != libc::F_GETLK || lk.l_type == libc::F_UNLCK as libc::c_short)
}

/// Has another process the database at `path` open (a TUI, a command)? Every hotline
/// database is in WAL mode, where each open connection holds a shared lock on the `-shm`
/// file's DMS byte; no `-shm` file, nobody has it open.
///
/// Hand-written with fcntl (no crate offers this question): SQLite answers it for itself
/// only when its last connection closes.
pub fn open_elsewhere(path: &Path) -> Result<bool> {
    let shm = companion(path, "-shm");
    let file = match std::fs::File::open(&shm) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::Io(format!("cannot read {}: {e}", shm.display()))),
    };
    let free = dms_lock(&file, libc::F_WRLCK as libc::c_short, libc::F_GETLK)
        .map_err(|e| Error::Io(format!("cannot test the lock of {}: {e}", shm.display())))?;
    Ok(!free)
}

/// The refusal when others have the database open.
pub fn in_use(path: &Path) -> Error {
    Error::Refused(Msg::both(
        format!(
            "{} is open in another hotline session (a TUI or a command): close it first; nothing was replaced",
            path.display()
        ),
        format!(
            "{} 正被其他 hotline 会话（界面或命令）打开：请先关闭；未替换任何内容",
            path.display()
        ),
    ))
}

/// Put the whole database file `new` (closed, no `-wal` of its own) in the place of `path`,
/// refusing while another process has `path` open (`open_elsewhere`). While the old file's
/// DMS byte is write-locked here no process can open it; its `-wal` and `-shm` are removed
/// (they belong to the old file: SQLite would replay that log onto the new one), then `new`
/// is renamed over `path` — one step, so a session that opens `path` sees the old file or
/// the new one, never neither.
pub fn replace_file(new: &Path, path: &Path) -> Result<()> {
    let io = |e: std::io::Error| Error::Io(format!("cannot replace {}: {e}", path.display()));
    let shm = companion(path, "-shm");
    let guard = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&shm)
    {
        Ok(f) => {
            if !dms_lock(&f, libc::F_WRLCK as libc::c_short, libc::F_SETLK).map_err(io)? {
                return Err(in_use(path));
            }
            Some(f)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    for old in [companion(path, "-wal"), shm] {
        match std::fs::remove_file(&old) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
            _ => {}
        }
    }
    std::fs::rename(new, path).map_err(io)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    drop(guard);
    Ok(())
}
