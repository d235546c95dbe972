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
        .env_remove("HOTLINE_NOW");
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
