//! End to end in a real pseudo-terminal: the built binary on a copy of the demo database,
//! driven by keys, its screen read back with a terminal emulator (vt100).

use hotline::domain::EventKind;
use hotline::store::Store;
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FIRST_OVERDUE: &str = "201710270002";
const ROWS: u16 = 24;
const COLS: u16 = 80;

fn demo(dir: &Path) -> PathBuf {
    let path = dir.join("demo.db");
    hotline::demo::create(&path, "测试").unwrap();
    path
}

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Tui {
    fn start(db: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hotline"));
        cmd.args(["--db", db.to_str().unwrap(), "--operator", "pty测试"]);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("HOTLINE_NOW");
        cmd.env_remove("NO_COLOR");
        cmd.cwd(db.parent().unwrap());
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        // The master must outlive the child's use of the terminal.
        std::mem::forget(pair.master);
        Tui {
            child,
            writer,
            output,
        }
    }

    fn parser(&self) -> vt100::Parser {
        let mut p = vt100::Parser::new(ROWS, COLS, 0);
        p.process(&self.output.lock().unwrap());
        p
    }

    fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    fn wait_for(&self, text: &str, within: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > within {
                panic!("'{text}' did not appear within {within:?}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Keys typed apart, as a person does (an Esc followed at once by a key is Alt+key).
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader take the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            if start.elapsed() > within {
                let _ = self.child.kill();
                panic!("the TUI did not exit within {within:?}:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn assert_restored(&self) {
        let out = self.output.lock().unwrap().clone();
        assert!(
            out.ends_with(b"\x1b[?1049l\x1b[?25h"),
            "the output should end by leaving the alternate screen and showing the cursor: {:?}",
            String::from_utf8_lossy(&out[out.len().saturating_sub(40)..])
        );
        let p = self.parser();
        assert!(
            !p.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!p.screen().hide_cursor(), "the cursor is still hidden");
    }
}

#[test]
fn urge_by_keys_in_a_real_terminal_then_quit_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut tui = Tui::start(&db);
    tui.wait_for("待办", Duration::from_secs(20));
    assert!(tui.parser().screen().alternate_screen());

    tui.keys("2");
    tui.wait_for("超期天数", Duration::from_secs(5));
    tui.keys("u");
    tui.wait_for("催办说明", Duration::from_secs(5));
    tui.keys("请今日回复");
    tui.keys("\r");
    let screen = tui.wait_for("已催办", Duration::from_secs(5));
    assert!(screen.contains(FIRST_OVERDUE), "{screen}");

    // Another process urges a second order: it shows up without a key press.
    tui.keys("4");
    tui.wait_for("最近", Duration::from_secs(5));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["--db", db.to_str().unwrap(), "--operator", "另一进程"])
        .args(["urge", "201710270007", "--note", "第二个进程的催办"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    tui.wait_for("第二个进程的催办", Duration::from_millis(1500));

    tui.keys("q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    tui.assert_restored();

    let store = Store::open(&db).unwrap();
    let last = store.events(FIRST_OVERDUE).unwrap().pop().unwrap();
    assert_eq!(
        last.kind,
        EventKind::Urged {
            note: "请今日回复".into()
        }
    );
    assert_eq!(last.operator, "pty测试");
}

#[test]
fn sigterm_exits_cleanly_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut tui = Tui::start(&db);
    tui.wait_for("待办", Duration::from_secs(20));
    let pid = tui.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tui.wait_exit(Duration::from_secs(3));
    assert!(status.success(), "{status:?}");
    tui.assert_restored();
}

#[test]
fn a_missing_database_is_a_clear_error_not_a_broken_screen() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["--db", dir.path().join("nope.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no database at"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}
