//! One error type for operations, store and CLI: each variant prints as one clear line.

pub use crate::domain::lang::Msg;
use crate::domain::{Lang, WorkflowError};
use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// The workflow refused the action (its message says which action, state and what is allowed).
    Workflow(WorkflowError),
    /// An order, unit or file that does not exist.
    NotFound(String),
    /// Bad input: what, where, how to fix.
    Input(String),
    /// Bad input, worded in both languages (an import's mapping and layout; what a TUI user
    /// can meet: a new order's number, its received time).
    Invalid(Msg),
    /// Someone else changed the order since it was read.
    Conflict(Msg),
    /// The operator's role does not allow this.
    Denied(Msg),
    /// Refused to keep the data safe: an output file that is the database, replacing a
    /// database that is not the demo's or that others have open, a file that is not a
    /// hotline database.
    Refused(Msg),
    /// The database (open, migrate, query).
    Store(String),
    Io(String),
    /// The disk holding the database is full (SQLite's `SQLITE_FULL`, or a database opened for
    /// reading only because its shared-memory file could not be created): nothing recorded.
    DiskFull,
    /// Another program held the database's write lock for the whole wait (`secs`): nothing
    /// recorded.
    Busy {
        secs: u64,
    },
    /// Not a failure of its own: a batch chose to record nothing, and `Store::write` rolled
    /// it back. The caller says why (see `Rollback`).
    RolledBack(Rollback),
}

/// Why a batch rolled itself back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rollback {
    /// `--dry-run`: everything was checked, nothing is to be recorded.
    DryRun,
    /// Some rows have problems (reported one by one) and bad rows are not to be skipped.
    RowProblems,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Workflow(e) => write!(f, "{e}"),
            Error::Conflict(m) | Error::Denied(m) => f.write_str(&m.en),
            Error::Refused(m) | Error::Invalid(m) => f.write_str(&m.en),
            Error::NotFound(s) | Error::Input(s) | Error::Store(s) | Error::Io(s) => f.write_str(s),
            Error::DiskFull | Error::Busy { .. } => f.write_str(&self.msg_both().en),
            Error::RolledBack(Rollback::DryRun) => f.write_str("dry run: nothing was recorded"),
            Error::RolledBack(Rollback::RowProblems) => {
                f.write_str("some rows have problems: nothing was recorded")
            }
        }
    }
}

impl Error {
    /// The message in Chinese where the operation layer gave one (refusals by the workflow
    /// and the roles, conflicts: what a TUI user meets in daily work), else in English.
    pub fn zh(&self) -> String {
        match self {
            Error::Workflow(e) => e.zh(),
            Error::Conflict(m) | Error::Denied(m) => m.zh.clone().unwrap_or_else(|| m.en.clone()),
            Error::Refused(m) | Error::Invalid(m) => m.zh.clone().unwrap_or_else(|| m.en.clone()),
            Error::DiskFull | Error::Busy { .. } => self.msg_both().get(Lang::Zh).to_string(),
            other => other.to_string(),
        }
    }

    /// The fixed messages of the store's conditions, in both languages.
    fn msg_both(&self) -> Msg {
        match self {
            Error::Busy { secs } => Msg::both(
                format!(
                    "the database is being used by another program (it held the write lock for the {secs} s this waited): nothing was recorded; try again when that program is done, or close it (an sqlite3 shell, a copy or backup tool)"
                ),
                format!(
                    "数据库正被其他程序占用（已等待 {secs} 秒，对方一直持有写锁）：未记录任何内容；请待该程序完成后重试，或关闭它（如 sqlite3 命令行、复制或备份工具）"
                ),
            ),
            _ => Msg::both(
                "the disk holding the database is full: nothing was recorded; free some space on it (`df -h` shows which) and try again (reading still works)".into(),
                "数据库所在磁盘已满：未记录任何内容；请清理该磁盘的空间（`df -h` 可查看）后重试（查看不受影响）".into(),
            ),
        }
    }

    /// The message in both languages (English where no Chinese was written).
    pub fn msg(&self) -> Msg {
        Msg::both(self.to_string(), self.zh())
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.to_string(),
        }
    }
}

impl std::error::Error for Error {}

impl From<WorkflowError> for Error {
    fn from(e: WorkflowError) -> Self {
        Error::Workflow(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly => {
                Error::Store(
                    "the database is read-only for you: ask for write access to the file and its folder (see README, Security), or work on a copy".into(),
                )
            }
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull => {
                Error::DiskFull
            }
            _ => Error::Store(format!("database error: {e}")),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
