//! One error type for operations, store and CLI: each variant prints as one clear line.

use crate::domain::WorkflowError;
use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// The workflow refused the action (its message says which action, state and what is allowed).
    Workflow(WorkflowError),
    /// An order, unit or file that does not exist.
    NotFound(String),
    /// Bad input: what, where, how to fix.
    Input(String),
    /// Someone else changed the order since it was read.
    Conflict(String),
    /// The operator's role does not allow this.
    Denied(String),
    /// The database (open, migrate, query).
    Store(String),
    Io(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Workflow(e) => write!(f, "{e}"),
            Error::NotFound(s)
            | Error::Input(s)
            | Error::Conflict(s)
            | Error::Denied(s)
            | Error::Store(s)
            | Error::Io(s) => f.write_str(s),
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
