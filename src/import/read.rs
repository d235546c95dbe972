//! Reading a spreadsheet file into a table of cells: CSV (UTF-8, UTF-8 with BOM, UTF-16 with
//! BOM, GB18030/GBK) or a workbook (XLSX, and XLS/ODS through calamine). The first non-empty
//! row is the header.

use crate::error::{Error, Result};
use std::path::Path;

/// One cell as the file gave it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date/time cell, already converted (rounded to the second).
    DateTime(chrono::NaiveDateTime),
    /// A cell Excel marks as an error (`#N/A`, `#VALUE!`…).
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: numbers without a needless `.0` (order numbers, phone numbers).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(v) => number_text(*v),
            Cell::DateTime(t) => crate::domain::time::fmt(*t),
            Cell::Error(e) => e.clone(),
        }
    }
}

pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
    Utf16,
}

impl Encoding {
    pub fn parse(s: &str) -> Result<Encoding> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Ok(Encoding::Gb18030),
            "utf-16" | "utf16" => Ok(Encoding::Utf16),
            other => Err(Error::Input(format!(
                "--encoding: unknown encoding '{other}' (expected utf-8 or gb18030)"
            ))),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
            Encoding::Utf16 => "utf-16",
        }
    }
}

/// A sheet of cells: the header and the data rows with their row numbers in the file
/// (1-based, as a spreadsheet shows them; the header's own row is not among them).
#[derive(Debug, Clone)]
pub struct Table {
    /// What was read, for messages: "xlsx, sheet 工单" or "csv, gb18030".
    pub source: String,
    pub header_row: usize,
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<Cell>)>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = normalize_header(name);
        self.headers
            .iter()
            .position(|h| normalize_header(h) == want)
    }
}

/// Headers compare without surrounding white space, BOMs and full-width spaces.
pub fn normalize_header(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}' && *c != '\u{3000}')
        .collect()
}

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Ole,
    Text,
}

fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::Ole
    } else {
        Kind::Text
    }
}

/// Read a file into a table. `sheet`: the workbook's sheet to read (default: the first).
pub fn read_file(path: &Path, sheet: Option<&str>, encoding: Option<Encoding>) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::NotFound(format!("no file {}: check the path", path.display()))
        }
        _ => Error::Io(format!("cannot read {}: {e}", path.display())),
    })?;
    let name = path.display().to_string();
    if bytes.is_empty() {
        return Err(Error::Input(format!(
            "{name} is empty: nothing to import (expected a CSV or XLSX file with a header row)"
        )));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match sniff(&bytes) {
        Kind::Zip | Kind::Ole => read_workbook(&name, bytes, sheet),
        Kind::Text if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") => {
            Err(Error::Input(format!(
                "{name} is not a spreadsheet workbook (its content is not an {ext} file): export it again from Excel, or save it as CSV"
            )))
        }
        Kind::Text => {
            if sheet.is_some() {
                return Err(Error::Input(format!(
                    "--sheet applies to workbooks (xlsx); {name} is a CSV file"
                )));
            }
            let (text, enc) = decode(&name, &bytes, encoding)?;
            read_csv(&name, &text, enc)
        }
    }
}

/// Decode CSV bytes: a BOM decides; else valid UTF-8 is UTF-8, else GB18030 (GBK is a
/// subset), else the file is refused.
pub fn decode(name: &str, bytes: &[u8], given: Option<Encoding>) -> Result<(String, Encoding)> {
    let binary = || {
        Error::Input(format!(
            "{name} is not a text (CSV) file nor an XLSX workbook: it looks like binary data"
        ))
    };
    let (enc, body) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (given.unwrap_or(Encoding::Utf8), rest)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        (Encoding::Utf16, bytes)
    } else {
        let enc = given.unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                Encoding::Utf8
            } else {
                Encoding::Gb18030
            }
        });
        (enc, bytes)
    };
    let text = match enc {
        Encoding::Utf8 => std::str::from_utf8(body)
            .map_err(|e| {
                Error::Input(format!(
                    "{name} is not valid UTF-8 (byte {}): pass --encoding gb18030 if Excel saved it in Chinese",
                    e.valid_up_to()
                ))
            })?
            .to_string(),
        Encoding::Gb18030 => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
            if had_errors {
                return Err(if given.is_some() {
                    Error::Input(format!("{name} is not valid GB18030 text"))
                } else {
                    binary()
                });
            }
            text.into_owned()
        }
        Encoding::Utf16 => {
            let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(body);
            if had_errors {
                return Err(binary());
            }
            text.into_owned()
        }
    };
    // Text files do not hold NULs or many control characters.
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if text.contains('\0') || controls * 100 > text.chars().count().max(1) {
        return Err(binary());
    }
    Ok((text, enc))
}

fn read_csv(name: &str, text: &str, enc: Encoding) -> Result<Table> {
    // The delimiter: a comma, unless the first line has tabs (or semicolons) and no comma.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(',') {
        b','
    } else if first.contains('\t') {
        b'\t'
    } else if first.contains(';') {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut headers: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::Input(format!("{name}: not valid CSV at line {line}: {e}"))
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let cells: Vec<Cell> = rec.iter().map(|s| Cell::Text(s.to_string())).collect();
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        match headers {
            None => headers = Some((line, rec.iter().map(|s| s.trim().to_string()).collect())),
            Some(_) => rows.push((line, cells)),
        }
    }
    let (header_row, headers) = headers.ok_or_else(|| {
        Error::Input(format!(
            "{name} has no header row: nothing to import (expected a CSV file with column names in the first line)"
        ))
    })?;
    Ok(Table {
        source: format!("csv, {}", enc.name()),
        header_row,
        headers,
        rows,
    })
}

fn read_workbook(name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Result<Table> {
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        Error::Input(format!(
            "{name} cannot be read as a workbook ({}): the file is damaged or truncated; export it again",
            one_line_err(&e.to_string())
        ))
    })?;
    let names = wb.sheet_names();
    let sheet_name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s || normalize_header(n) == normalize_header(s))
            .cloned()
            .ok_or_else(|| {
                Error::Input(format!(
                    "{name} has no sheet '{s}' (its sheets: {})",
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::Input(format!("{name} has no sheets: nothing to import")))?,
    };
    let range = wb.worksheet_range(&sheet_name).map_err(|e| {
        Error::Input(format!(
            "{name}: sheet '{sheet_name}' cannot be read ({}): the file is damaged; export it again",
            one_line_err(&e.to_string())
        ))
    })?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut headers: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let row_no = row0 as usize + i + 1;
        // Cells before the range's first column are absent: pad so columns line up with A.
        let mut cells: Vec<Cell> = vec![Cell::Empty; col0 as usize];
        cells.extend(r.iter().map(|d| match d {
            Data::Empty => Cell::Empty,
            Data::String(s) => Cell::Text(s.clone()),
            Data::Int(v) => Cell::Number(*v as f64),
            Data::Float(v) => Cell::Number(*v),
            Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
            Data::DateTime(dt) => excel_datetime(dt),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Error(e) => Cell::Error(format!("#{e:?}")),
        }));
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        match headers {
            None => {
                headers = Some((
                    row_no,
                    cells.iter().map(|c| c.text().trim().to_string()).collect(),
                ))
            }
            Some(_) => rows.push((row_no, cells)),
        }
    }
    let (header_row, headers) = headers.ok_or_else(|| {
        Error::Input(format!(
            "{name}: sheet '{sheet_name}' is empty: nothing to import"
        ))
    })?;
    Ok(Table {
        source: format!("workbook, sheet {sheet_name}"),
        header_row,
        headers,
        rows,
    })
}

fn excel_datetime(dt: &calamine::ExcelDateTime) -> Cell {
    if dt.is_duration() {
        return Cell::Number(dt.as_f64());
    }
    let (y, m, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    let t = chrono::NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)
        .and_then(|date| date.and_hms_opt(h as u32, mi as u32, s as u32))
        .map(|t| {
            if ms >= 500 {
                t + chrono::Duration::seconds(1)
            } else {
                t
            }
        });
    match t {
        Some(t) => Cell::DateTime(t),
        None => Cell::Number(dt.as_f64()),
    }
}

fn one_line_err(s: &str) -> String {
    crate::domain::text::one_line(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        let (t, e) = decode("f", "工单编号,标题\n1,路灯\n".as_bytes(), None).unwrap();
        assert_eq!((t.as_str(), e), ("工单编号,标题\n1,路灯\n", Encoding::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend("a,b\n".as_bytes());
        assert_eq!(decode("f", &bom, None).unwrap().0, "a,b\n");
        let (gbk, _, _) = encoding_rs::GB18030.encode("工单编号,标题\n1,路灯不亮\n");
        let (t, e) = decode("f", &gbk, None).unwrap();
        assert_eq!(e, Encoding::Gb18030);
        assert!(t.contains("路灯不亮"));
        assert!(decode("f", &[0u8, 1, 2, 3, 0xff, 0xfe, 0x00], None).is_err());
        assert!(decode("f", b"\x00\x00\x00binary", None).is_err());
    }

    #[test]
    fn numbers_read_as_text_without_decimals() {
        assert_eq!(Cell::Number(2549.0).text(), "2549");
        assert_eq!(Cell::Number(13812345678.0).text(), "13812345678");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
    }
}
