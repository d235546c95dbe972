//! A spreadsheet bomb (a small workbook whose sheet unzips to far more cells, or a header cell
//! of megabytes) is refused at once with one short line: the limits hold before anything
//! large is built, and an error quotes at most a short part of any cell.

mod common;

use common::cli::{cmd, ok};
use std::io::Write;
use std::path::Path;

const NOW: &str = "2017-11-02T10:00:00";

/// A minimal XLSX whose one sheet has `sheet_data` inside `<sheetData>`.
fn workbook(path: &Path, sheet_data: &str) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opt = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, body: &str| {
        z.start_file(name, opt).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    put(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    put(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    );
    put(
        "xl/worksheets/sheet1.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
        ),
    );
    z.finish().unwrap();
}

fn cell(text: &str) -> String {
    format!(r#"<c t="inlineStr"><is><t>{text}</t></is></c>"#)
}

fn refused(db: &Path, file: &Path) -> String {
    let out = cmd(db, NOW, &["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:.300}");
    assert!(
        err.len() < 600,
        "a short line, not {} bytes: {err:.300}",
        err.len()
    );
    err
}

#[test]
fn a_sheet_of_a_million_cells_in_one_row_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, NOW, &["init"]);
    let file = dir.path().join("bomb.xlsx");
    let row = format!("<row>{}</row>", cell("受理时间").repeat(1_000_000));
    workbook(&file, &row);
    assert!(std::fs::metadata(&file).unwrap().len() < 2_000_000);
    let err = refused(&db, &file);
    assert!(
        err.contains("refused unread") && err.contains("column"),
        "{err}"
    );
}

#[test]
fn a_header_of_megabytes_is_quoted_short() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, NOW, &["init"]);
    let file = dir.path().join("long.xlsx");
    let huge = "标题很长".repeat(1_000_000);
    let rows = format!(
        "<row>{}{}</row><row>{}{}</row>",
        cell(&huge),
        cell("b"),
        cell("1"),
        cell("2")
    );
    workbook(&file, &rows);
    let err = refused(&db, &file);
    assert!(err.contains("标题很长") && err.contains('…'), "{err}");
}
