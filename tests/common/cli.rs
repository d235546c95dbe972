//! The built binary as one command on a database, with the clock fixed and the environment's
//! database and clock left out. Shared by the tests that drive the CLI.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub fn cmd(db: &Path, now: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hotline"));
    c.arg("--db")
        .arg(db)
        .args(["--now", now])
        .args(args)
        .env_remove("HOTLINE_DB")
        .env_remove("HOTLINE_NOW")
        .env_remove("HOTLINE_LANG");
    c
}

/// Runs a command that must succeed; its standard output.
pub fn ok(db: &Path, now: &str, args: &[&str]) -> String {
    let out = cmd(db, now, args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail with one clear line (no panic); its standard error.
pub fn fails(db: &Path, now: &str, args: &[&str]) -> String {
    let out = cmd(db, now, args).output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    err
}

/// A refusal in both languages: `args` fails with one line containing each of `en`, and with
/// `--lang zh` one line containing each of `zh`.
pub fn refused(db: &Path, now: &str, args: &[&str], en: &[&str], zh: &[&str]) {
    let err = fails(db, now, args);
    for e in en {
        assert!(err.contains(e), "{args:?}: {e} not in {err}");
    }
    let mut zargs = vec!["--lang", "zh"];
    zargs.extend_from_slice(args);
    let err = fails(db, now, &zargs);
    for z in zh {
        assert!(err.contains(z), "{args:?}: {z} not in {err}");
    }
}
