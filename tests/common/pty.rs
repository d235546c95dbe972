//! A real pseudo-terminal running the built binary, its output kept as raw bytes and read
//! back through a terminal emulator (vt100). Shared by the end-to-end tests.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;

pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub output: Arc<Mutex<Vec<u8>>>,
    /// The terminal's master side: dropping it is what an SSH drop does to the program.
    pub master: Option<Box<dyn MasterPty + Send>>,
}

impl Tui {
    pub fn start(db: &Path) -> Tui {
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
        Tui {
            child,
            writer,
            output,
            master: Some(pair.master),
        }
    }

    pub fn resize(&self, rows: u16, cols: u16) {
        if let Some(m) = &self.master {
            m.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        }
    }

    pub fn parser(&self) -> vt100::Parser {
        let mut p = vt100::Parser::new(ROWS, COLS, 0);
        p.process(&self.output.lock().unwrap());
        p
    }

    pub fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    pub fn wait_for(&self, text: &str, within: Duration) -> String {
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

    pub fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Keys typed apart, as a person does (an Esc followed at once by a key is Alt+key).
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn wait_exit(&mut self, within: Duration) -> portable_pty::ExitStatus {
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

    pub fn assert_restored(&self) {
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
