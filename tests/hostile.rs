//! Hostile text never reaches the terminal: strings with escape sequences (OSC 52 clipboard
//! writes, title changes, screen clears), C1 controls and bidi overrides are written straight
//! into the database (as another tool or an old version could), then shown by the TUI in a real
//! pseudo-terminal; the bytes the program wrote are checked.

mod common;

use common::pty::Tui;
use std::time::Duration;

const ORDER: &str = "201710270002";
const HOSTILE: &str =
    "恶意\u{1b}]52;c;ZXZpbA==\u{7}标题\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}反转\u{1b}[2J结束";

#[test]
fn hostile_strings_are_shown_without_their_control_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    hotline::demo::create(&db, "测试").unwrap();
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute(
            "UPDATE orders SET title = ?1, content = ?1, citizen = ?1, address = ?1 WHERE order_no = ?2",
            [HOSTILE, ORDER],
        )
        .unwrap();
        // And into the history: the text of the order's latest event.
        let note = serde_json::json!({ "kind": "urged", "note": HOSTILE }).to_string();
        c.execute(
            "UPDATE events SET data = ?1 WHERE id = (SELECT max(e.id) FROM events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = ?2 AND e.kind = 'urged')",
            rusqlite::params![note, ORDER],
        )
        .unwrap();
    }
    let mut tui = Tui::start(&db);
    tui.wait_for("待办", Duration::from_secs(20));
    tui.keys("2");
    tui.wait_for("超期天数", Duration::from_secs(5));
    tui.keys("\r");
    let screen = tui.wait_for("pwned", Duration::from_secs(5));
    assert!(screen.contains("恶意"), "{screen}");
    tui.keys("G");
    tui.keys("q");
    tui.keys("q");
    tui.wait_exit(Duration::from_secs(5));
    tui.assert_restored();

    let out = tui.output.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        !out.windows(2).any(|w| w == b"\x1b]"),
        "an OSC sequence reached the terminal"
    );
    assert!(!out.contains(&0x07), "a BEL reached the terminal");
    assert!(!text.contains('\u{9b}'), "a C1 CSI reached the terminal");
    assert!(
        !text.contains('\u{202e}'),
        "a bidi override reached the terminal"
    );
    assert!(
        !text.contains("\u{1b}[2J结束"),
        "the hostile clear-screen reached the terminal"
    );
    // The program's own sequences are there (it did draw), the hostile ones are not.
    assert!(text.contains("\u{1b}[?1049h"));
}
