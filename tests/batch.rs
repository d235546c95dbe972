//! `hotline batch`: each line is split into words as a shell splits them (quotes, backslash
//! escapes, comments), Chinese text included; an unclosed quote is one clear error naming the
//! line.

mod common;

use common::cli::{cmd, ok};

const NOW: &str = "2017-11-02T10:00:00";

fn field(db: &std::path::Path, no: &str, name: &str) -> String {
    let json = ok(db, NOW, &["order", "show", no, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v[name].as_str().unwrap_or_default().to_string()
}

#[test]
fn batch_lines_split_like_a_shell() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, NOW, &["init"]);
    let file = dir.path().join("lines.txt");
    std::fs::write(
        &file,
        [
            "# a comment line",
            r#"order add --order-no 201711020001 --category request --title "供暖 不热" --content '他说"明天"修'"#,
            r#"order add --order-no 201711020002 --category request --title 楼道\ 灯坏 --content "引号\"与反斜杠\\""#,
            // A full-width space is text, not a separator; a word starting with # is a comment.
            "order add --order-no 201711020003 --category inquiry --title 公积金　提取 # 来电",
            r#"order add --order-no 201711020004 --category request --content '' --title 空内容"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = cmd(&db, NOW, &["batch"]).arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(field(&db, "201711020001", "title"), "供暖 不热");
    assert_eq!(field(&db, "201711020001", "content"), "他说\"明天\"修");
    assert_eq!(field(&db, "201711020002", "title"), "楼道 灯坏");
    assert_eq!(field(&db, "201711020002", "content"), "引号\"与反斜杠\\");
    // One word (split there, 提取 would be an unexpected argument); stored with the full-width
    // space made plain, as all text is (`domain::text::sanitize`).
    assert_eq!(field(&db, "201711020003", "title"), "公积金 提取");
    assert_eq!(field(&db, "201711020004", "title"), "空内容");
}

#[test]
fn an_unclosed_quote_is_one_clear_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, NOW, &["init"]);
    let file = dir.path().join("bad.txt");
    std::fs::write(
        &file,
        "order add --category request --title 甲\norder add --category request --title \"没有关上\n",
    )
    .unwrap();
    let out = cmd(&db, NOW, &["batch"]).arg(&file).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.txt:2: unclosed quote") && err.contains("close it"),
        "{err}"
    );
}

#[test]
fn a_bad_line_says_what_clap_found_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, NOW, &["init"]);
    let file = dir.path().join("bad.txt");
    // A missing order number and an unknown option: each named the way main names them.
    std::fs::write(&file, "urge --not 快点\nurge\n").unwrap();
    let out = cmd(&db, NOW, &["batch", "--keep-going"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("bad.txt:1: unexpected argument '--not' found: did you mean '--note'?"),
        "{err}"
    );
    assert!(
        err.contains("bad.txt:2: the following required arguments were not provided: <ORDER_NO>"),
        "{err}"
    );
    // No line of clap's multi-line help text leaks through.
    assert!(!err.contains("Usage:") && !err.contains("tip:"), "{err}");
}
