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

    /// `--operator`, else the OS account: the name shown for the operator in events. It is a
    /// display name only: each event also records the account itself (`store::Stamp`).
    /// Cleaned like all untrusted text (`domain::text::one_line`: no ESC, BEL, bidi controls,
    /// line breaks): this is the one place an operator's name enters.
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

    /// Whether "now" is given rather than the system clock's: `--now`, `HOTLINE_NOW`, or the
    /// database's own clock. Recording at a given time is a back-entry (补录), an admin's right
    /// where access control is on (`ops::policy::require_clock`).
    pub fn clock_given(&self, store: Option<&Store>) -> Result<bool> {
        Ok(self.now.is_some()
            || std::env::var_os("HOTLINE_NOW").is_some()
            || store.map(|s| s.clock()).transpose()?.flatten().is_some())
    }

    /// The acting context on `store`: now, the operator, and the OS user's role.
    pub fn ctx(&self, store: &Store) -> Result<Ctx> {
        let mut ctx = Ctx::new(self.now(Some(store))?, &self.operator())
            .with_role(policy::role_of(store, &os_user())?);
        ctx.clock_given = self.clock_given(Some(store))?;
        Ok(ctx)
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

/// The OS account running the program (`store::os_account`: the real uid's account, never
/// `USER` or a flag). Roles are looked up by it; every event records it.
pub fn os_user() -> String {
    crate::store::os_account()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_is_the_uid_s_not_the_environment_s() {
        // USER is what anyone can set; the account is the uid's. (The test process's uid has
        // an account: root in CI.)
        let account = os_user();
        assert!(
            !account.is_empty() && !account.starts_with("uid "),
            "{account}"
        );
        // SAFETY: setting an environment variable in a single-threaded test of this module.
        unsafe { std::env::set_var("USER", "someone-else-entirely") };
        assert_eq!(os_user(), account);
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
