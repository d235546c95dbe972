//! Tests that need a program besides hotline (tmux, runuser, sqlite3…) ask here first. Where it
//! is missing, a test prints one loud line and returns — except under CI (`CI` set, as
//! `.ci/run` does, which installs them), where a skip would hide a test that never ran: there
//! it fails.
#![allow(dead_code)]

use std::process::Command;

/// What to do about a test that cannot run.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Run,
    /// The line to print on stderr.
    Skip(String),
    /// The panic message.
    Fail(String),
}

/// `missing`: why the test cannot run (`None`: it can). Pure, so that it can be tested without
/// changing the environment.
pub fn verdict(test: &str, missing: Option<&str>, ci: bool) -> Verdict {
    match missing {
        None => Verdict::Run,
        Some(why) if ci => Verdict::Fail(format!(
            "{test} cannot run: {why}; under CI every test must run (.ci/run installs what they need)"
        )),
        Some(why) => Verdict::Skip(format!("SKIPPED {test}: {why}")),
    }
}

/// Whether `CI` is set (to anything but empty, `0` or `false`).
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// True if the test can go on; else prints `SKIPPED test: why` (or, under CI, panics).
pub fn can_run(test: &str, missing: Option<&str>) -> bool {
    match verdict(test, missing, under_ci()) {
        Verdict::Run => true,
        Verdict::Skip(line) => {
            // Straight to the file descriptor: `eprintln!` would be captured by the test
            // harness and never shown for a test that passes.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "{line}");
            false
        }
        Verdict::Fail(msg) => panic!("{msg}"),
    }
}

/// True if `tool probe…` runs and succeeds (e.g. `tmux -V`); else as `can_run`, with how to
/// install it (`apt-get install tmux`).
pub fn require(test: &str, tool: &str, probe: &[&str], install: &str) -> bool {
    let found = Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    let why = format!("{tool} is not installed ({install})");
    can_run(test, (!found).then_some(why.as_str()))
}
