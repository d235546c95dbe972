//! The context below every face: the global options resolved (database, now, operator, role,
//! language) and the store opened. The CLI fills `Options` from its flags; the TUI, the
//! importers, the exporters and the bulletin take an `Options` and never parse flags
//! themselves.

use crate::domain::Lang;
use crate::domain::time::parse_datetime;
use crate::error::{Error, Result};
use crate::ops::{Ctx, policy};
use crate::store::Store;
use chrono::{NaiveDateTime, Timelike};
use std::path::PathBuf;

/// The options every command shares, as given (flags or environment), before resolving.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The database file; else `HOTLINE_DB`, else `./hotline.db`.
    pub db: Option<PathBuf>,
    /// The time every action and figure uses; else `HOTLINE_NOW`, else the database's clock,
    /// else the system clock.
    pub now: Option<String>,
    /// The name shown for the acting operator; else the OS user name.
    pub operator: Option<String>,
    pub lang: Lang,
}

impl Options {
    /// `--db`, else `HOTLINE_DB`, else `./hotline.db`.
    pub fn db_path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("HOTLINE_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("hotline.db"))
    }

    /// `--operator`, else the OS user name: the name recorded in events. Cleaned like all
    /// untrusted text (`domain::text::one_line`: no ESC, BEL, bidi controls, line breaks):
    /// this is the one place an operator's name enters, whether typed or from `USER`.
    pub fn operator(&self) -> String {
        use crate::domain::text::one_line;
        self.operator
            .as_deref()
            .map(one_line)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| one_line(&os_user()))
    }

    /// `--now`, else `HOTLINE_NOW`, else the database's own clock, else the system clock.
    pub fn now(&self, store: Option<&Store>) -> Result<NaiveDateTime> {
        if let Some(s) = &self.now {
            return parse_datetime(s, false).map_err(|e| Error::Input(format!("--now: {e}")));
        }
        if let Ok(s) = std::env::var("HOTLINE_NOW") {
            return parse_datetime(&s, false)
                .map_err(|e| Error::Input(format!("HOTLINE_NOW: {e}")));
        }
        if let Some(clock) = store.map(|s| s.clock()).transpose()?.flatten() {
            return parse_datetime(&clock, false)
                .map_err(|e| Error::Store(format!("the database's clock setting: {e}")));
        }
        let now = chrono::Local::now().naive_local();
        Ok(now.with_nanosecond(0).unwrap_or(now))
    }

    /// The acting context on `store`: now, the operator, and the OS user's role.
    pub fn ctx(&self, store: &Store) -> Result<Ctx> {
        Ok(Ctx::new(self.now(Some(store))?, &self.operator())
            .with_role(policy::role_of(store, &os_user())?))
    }

    /// Open the database with the acting context.
    pub fn open(&self) -> Result<(Store, Ctx)> {
        let store = Store::open(&self.db_path())?;
        let ctx = self.ctx(&store)?;
        Ok((store, ctx))
    }
}

/// Where `--demo` keeps its database: the user's data directory, else the current one.
pub fn demo_path() -> PathBuf {
    dirs::data_dir()
        .map(|d| d.join("hotline").join("demo.db"))
        .unwrap_or_else(|| PathBuf::from("hotline-demo.db"))
}

/// The OS user running the program: `USER`, else `LOGNAME`, else the account of this
/// process's uid (`getpwuid_r`). Roles are looked up by this name (never by `--operator`).
pub fn os_user() -> String {
    if let Some(u) = ["USER", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|s| !s.trim().is_empty())
    {
        return u;
    }
    uid_name().unwrap_or_else(|| "unknown".to_string())
}

/// The account name of this process's real uid, from the system's user database (NSS: files,
/// LDAP, …), not by reading /etc/passwd ourselves.
fn uid_name() -> Option<String> {
    let uid = unsafe { libc::getuid() };
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer points at memory we own, sized as passed; `out` is null or `&pwd`.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut out) };
    if rc != 0 || out.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: getpwuid_r succeeded, so pw_name is a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    name.to_str().ok().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uid_has_a_name() {
        // Whatever the environment says, the process's uid has an account name.
        assert!(uid_name().is_some_and(|n| !n.is_empty()));
    }

    #[test]
    fn an_explicit_now_wins_and_a_bad_one_names_its_flag() {
        let o = Options {
            now: Some("2017-12-31T23:59:59".into()),
            ..Default::default()
        };
        assert_eq!(
            o.now(None).ok().map(|t| t.to_string()).as_deref(),
            Some("2017-12-31 23:59:59")
        );
        let bad = Options {
            now: Some("2017-13-01".into()),
            ..Default::default()
        };
        assert!(
            bad.now(None)
                .is_err_and(|e| e.to_string().starts_with("--now:"))
        );
    }
}
