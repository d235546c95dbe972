//! The terminal survives an SSH drop (SIGHUP, the pty closing), SIGHUP itself and resize
//! storms; no process is left behind.

mod common;

use common::pty::Tui;
use std::time::{Duration, Instant};

fn demo(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    hotline::demo::create(&db, "测试").unwrap();
    db
}

#[test]
fn sighup_exits_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&demo(dir.path()));
    tui.wait_for("待办", Duration::from_secs(20));
    let pid = tui.child.process_id().unwrap();
    let sent = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = tui.wait_exit(Duration::from_secs(3));
    assert!(status.success(), "{status:?}");
    tui.assert_restored();
}

/// The connection goes away: tmux's session is killed, which closes the terminal (the pty's
/// master side) under the program, as sshd does when a connection drops.
#[test]
fn an_ssh_drop_leaves_no_process_behind() {
    if !common::tools::require(
        "signals::an_ssh_drop_leaves_no_process_behind",
        "tmux",
        &["-V"],
        "apt-get install tmux",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let socket = dir.path().join("tmux.sock");
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(args)
            .output()
            .unwrap()
    };
    let cmd = format!("{} --db {}", env!("CARGO_BIN_EXE_hotline"), db.display());
    assert!(
        tmux(&[
            "new-session",
            "-d",
            "-s",
            "drop",
            "-x",
            "80",
            "-y",
            "24",
            &cmd
        ])
        .status
        .success()
    );
    let start = Instant::now();
    let pid = loop {
        let out = tmux(&["list-panes", "-t", "drop", "-F", "#{pane_pid}"]);
        let screen = String::from_utf8_lossy(&tmux(&["capture-pane", "-t", "drop", "-p"]).stdout)
            .to_string();
        if screen.contains("待办") {
            break String::from_utf8_lossy(&out.stdout).trim().to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the TUI did not start: {screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    tmux(&["kill-server"]);
    let alive = |pid: &str| {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
            && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .unwrap_or_default()
                .contains(") Z ")
    };
    let start = Instant::now();
    while alive(&pid) && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        !alive(&pid),
        "hotline (pid {pid}) kept running after its terminal was gone"
    );
}

#[test]
fn a_resize_storm_leaves_a_working_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&demo(dir.path()));
    tui.wait_for("待办", Duration::from_secs(20));
    for i in 0..60u16 {
        let (rows, cols) = if i % 2 == 0 {
            (20 + i % 17, 60 + i)
        } else {
            (40, 160 - i)
        };
        tui.resize(rows, cols);
        std::thread::sleep(Duration::from_millis(5));
    }
    tui.resize(common::pty::ROWS, common::pty::COLS);
    std::thread::sleep(Duration::from_millis(500));
    tui.keys("2");
    tui.wait_for("超期天数", Duration::from_secs(10));
    tui.keys("q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    tui.assert_restored();
}

/// The helper every test needing another program asks: one loud line and a skip on a
/// developer's machine, a failure under CI.
#[test]
fn a_missing_tool_skips_loudly_or_fails_under_ci() {
    use common::tools::{Verdict, verdict};
    assert_eq!(verdict("signals::x", None, true), Verdict::Run);
    assert_eq!(
        verdict(
            "signals::x",
            Some("tmux is not installed (apt-get install tmux)"),
            false
        ),
        Verdict::Skip("SKIPPED signals::x: tmux is not installed (apt-get install tmux)".into())
    );
    match verdict("signals::x", Some("tmux is not installed"), true) {
        Verdict::Fail(m) => assert!(m.contains("signals::x") && m.contains("tmux"), "{m}"),
        other => panic!("under CI a missing tool must fail, not {other:?}"),
    }
}
