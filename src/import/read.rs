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

    /// The cell as text, borrowed when it is text.
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(s) => std::borrow::Cow::Borrowed(s),
            other => std::borrow::Cow::Owned(other.text()),
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

/// A sheet of cells: the header, then the data rows one at a time with their row numbers in
/// the file (1-based, as a spreadsheet shows them; the header's own row is not among them).
/// A CSV file is read as it goes (its bytes once in memory, no copy of its cells); a workbook
/// is read whole (calamine reads a sheet at once).
pub struct Table {
    /// What was read, for messages: "xlsx, sheet 工单" or "csv, gb18030".
    pub source: String,
    pub header_row: usize,
    pub headers: Vec<String>,
    /// The first data row, read ahead.
    ahead: Option<(usize, Vec<Cell>)>,
    rows: Rows,
}

enum Rows {
    Csv {
        name: String,
        rdr: csv::Reader<std::io::Cursor<Vec<u8>>>,
        rec: csv::ByteRecord,
        /// Line breaks inside the cells read so far.
        folded: usize,
        len: u64,
    },
    Sheet {
        rows: std::vec::IntoIter<(usize, Vec<Cell>)>,
        len: usize,
    },
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = normalize_header(name);
        self.headers
            .iter()
            .position(|h| normalize_header(h) == want)
    }

    /// Has the file any data row?
    pub fn has_rows(&self) -> bool {
        self.ahead.is_some()
    }

    /// The next data row into `cells` (their strings are reused; empty rows are skipped):
    /// its row number, or None at the end.
    pub fn next_row(&mut self, cells: &mut Vec<Cell>) -> Result<Option<usize>> {
        if let Some((row, mut v)) = self.ahead.take() {
            std::mem::swap(cells, &mut v);
            return Ok(Some(row));
        }
        self.rows.next_row(cells)
    }

    /// All the remaining rows.
    pub fn collect_rows(&mut self) -> Result<Vec<(usize, Vec<Cell>)>> {
        let mut out = Vec::new();
        let mut cells = Vec::new();
        while let Some(row) = self.next_row(&mut cells)? {
            out.push((row, std::mem::take(&mut cells)));
        }
        Ok(out)
    }

    /// How much of the file is read, from 0 to 1 (for a progress bar).
    pub fn progress(&self) -> f64 {
        match &self.rows {
            Rows::Csv { rdr, len, .. } => rdr.position().byte() as f64 / (*len).max(1) as f64,
            Rows::Sheet { rows, len } => 1.0 - rows.len() as f64 / (*len).max(1) as f64,
        }
    }

    /// The header and the first data row: the first non-empty rows.
    fn start(source: String, mut rows: Rows) -> Result<Option<Table>> {
        let mut cells = Vec::new();
        let Some(header_row) = rows.next_row(&mut cells)? else {
            return Ok(None);
        };
        let headers = cells.iter().map(|c| c.text().trim().to_string()).collect();
        let ahead = rows.next_row(&mut cells)?.map(|row| (row, cells));
        Ok(Some(Table {
            source,
            header_row,
            headers,
            ahead,
            rows,
        }))
    }
}

impl Rows {
    fn next_row(&mut self, cells: &mut Vec<Cell>) -> Result<Option<usize>> {
        match self {
            Rows::Csv {
                name,
                rdr,
                rec,
                folded,
                ..
            } => loop {
                let more = rdr.read_byte_record(rec).map_err(|e| {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    Error::Input(format!("{name}: not valid CSV at line {line}: {e}"))
                })?;
                if !more {
                    return Ok(None);
                }
                // The row a spreadsheet shows: the record's first line, less the line breaks
                // inside the cells of the records before it (a multi-line 办理过程 is one row).
                let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
                let row = line.saturating_sub(*folded);
                *folded += rec.as_slice().iter().filter(|b| **b == b'\n').count();
                fill(cells, rec)?;
                if !cells.iter().all(Cell::is_empty) {
                    return Ok(Some(row));
                }
            },
            Rows::Sheet { rows, .. } => Ok(rows.next().map(|(row, v)| {
                *cells = v;
                row
            })),
        }
    }
}

/// A CSV record's fields as text cells, reusing the strings already in `cells`. (The whole
/// file is valid UTF-8 and fields end at ASCII bytes, so each field is too.)
fn fill(cells: &mut Vec<Cell>, rec: &csv::ByteRecord) -> Result<()> {
    cells.truncate(rec.len());
    for (i, field) in rec.iter().enumerate() {
        let text = std::str::from_utf8(field)
            .map_err(|_| Error::Input("not valid UTF-8 text in a CSV field".into()))?;
        match cells.get_mut(i) {
            Some(Cell::Text(s)) => {
                s.clear();
                s.push_str(text);
            }
            Some(c) => *c = Cell::Text(text.to_string()),
            None => cells.push(Cell::Text(text.to_string())),
        }
    }
    Ok(())
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

/// Open a file as a table. `sheet`: the workbook's sheet to read (default: the first).
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
            let (text, start, enc) = decode(&name, bytes, encoding)?;
            read_csv(&name, text, start, enc)
        }
    }
}

/// Decode CSV bytes: a BOM decides; else valid UTF-8 is UTF-8, else GB18030 (GBK is a
/// subset), else the file is refused. Returns the text as UTF-8 bytes (valid UTF-8 from the
/// offset returned: a UTF-8 file is kept as it is, after its BOM) and the encoding.
pub fn decode(
    name: &str,
    bytes: Vec<u8>,
    given: Option<Encoding>,
) -> Result<(Vec<u8>, usize, Encoding)> {
    let binary = || {
        Error::Input(format!(
            "{name} is not a text (CSV) file nor an XLSX workbook: it looks like binary data"
        ))
    };
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let (enc, start) = if bom {
        (given.unwrap_or(Encoding::Utf8), 3)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        (Encoding::Utf16, 0)
    } else {
        // A UTF-8 check of the whole file now saves none later: guess, then check once.
        (given.unwrap_or(Encoding::Utf8), 0)
    };
    let utf8 = |body: &[u8]| std::str::from_utf8(body).map(|_| ());
    let (text, start, enc) = match enc {
        Encoding::Utf8 => match utf8(&bytes[start..]) {
            Ok(()) => (bytes, start, Encoding::Utf8),
            Err(e) if given.is_some() || bom => {
                return Err(Error::Input(format!(
                    "{name} is not valid UTF-8 (byte {}): pass --encoding gb18030 if Excel saved it in Chinese",
                    e.valid_up_to()
                )));
            }
            Err(_) => (
                gb18030(&bytes[start..]).ok_or_else(binary)?,
                0,
                Encoding::Gb18030,
            ),
        },
        Encoding::Gb18030 => (
            gb18030(&bytes[start..])
                .ok_or_else(|| Error::Input(format!("{name} is not valid GB18030 text")))?,
            0,
            Encoding::Gb18030,
        ),
        Encoding::Utf16 => {
            let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(&bytes);
            if had_errors {
                return Err(binary());
            }
            (text.into_owned().into_bytes(), 0, Encoding::Utf16)
        }
    };
    // Text files do not hold many control characters; a text with a stray NUL (a bad
    // export, a copy cut short) is told where it is.
    match looks_binary(&text[start..]) {
        Binary::No => Ok((text, start, enc)),
        Binary::Yes => Err(binary()),
        Binary::Nul(at) => {
            let body = &text[start..];
            let line_start = body[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line = body[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let d = delimiter(body);
            let field = body[line_start..at].iter().filter(|&&b| b == d).count() + 1;
            Err(Error::Input(format!(
                "{name} holds a NUL byte at line {line}, field {field} (character {}): a text file has none; remove it (or export the file again)",
                String::from_utf8_lossy(&body[line_start..at])
                    .chars()
                    .count()
                    + 1
            )))
        }
    }
}

/// What `looks_binary` found.
enum Binary {
    No,
    /// Many control characters: not a text file at all.
    Yes,
    /// Text, but with a NUL at this byte.
    Nul(usize),
}

/// The delimiter: a comma, unless the first line has tabs (or semicolons) and no comma.
fn delimiter(body: &[u8]) -> u8 {
    let first = &body[..body.iter().position(|&b| b == b'\n').unwrap_or(body.len())];
    if first.contains(&b',') {
        b','
    } else if first.contains(&b'\t') {
        b'\t'
    } else if first.contains(&b';') {
        b';'
    } else {
        b','
    }
}

/// GB18030 bytes as UTF-8, or None if they are not GB18030.
fn gb18030(body: &[u8]) -> Option<Vec<u8>> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
    (!had_errors).then(|| text.into_owned().into_bytes())
}

/// Is UTF-8 text binary data: more than 1% control characters other than NUL, line breaks
/// and tabs, or more than 10% NULs (UTF-16 read as bytes, a database file)? Else, a stray NUL
/// (a bad export, a copy cut short) is found and told where it is. Counted on the bytes: a
/// character starts at every byte that is not a continuation byte; the controls are C0 and
/// DEL (one byte) and C1 (0xC2 0x80–0x9F).
fn looks_binary(text: &[u8]) -> Binary {
    let (mut chars, mut controls, mut nuls) = (0usize, 0usize, 0usize);
    // Small blocks with small counters: the compiler turns this loop into vector code.
    for block in text.chunks(4096) {
        let (mut ch, mut co, mut nu) = (0u32, 0u32, 0u32);
        for &b in block {
            ch += u32::from((b as i8) >= -0x40);
            co += u32::from(
                (b < 0x20 && b != 0 && b != b'\n' && b != b'\r' && b != b'\t') || b == 0x7F,
            );
            nu += u32::from(b == 0);
        }
        chars += ch as usize;
        controls += co as usize;
        nuls += nu as usize;
    }
    // C1 controls: 0xC2 is a rare lead byte in Chinese text.
    let mut from = 0;
    while let Some(i) = text[from..].iter().position(|&b| b == 0xC2) {
        let at = from + i;
        controls += usize::from(matches!(text.get(at + 1), Some(0x80..=0x9F)));
        from = at + 1;
    }
    if controls * 100 > chars.max(1) || nuls * 10 > chars.max(1) {
        Binary::Yes
    } else if nuls > 0 {
        Binary::Nul(text.iter().position(|&b| b == 0).unwrap_or(0))
    } else {
        Binary::No
    }
}

fn read_csv(name: &str, text: Vec<u8>, start: usize, enc: Encoding) -> Result<Table> {
    let delimiter = delimiter(&text[start..]);
    let len = text.len() as u64;
    let mut cursor = std::io::Cursor::new(text);
    cursor.set_position(start as u64);
    let rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(cursor);
    let rows = Rows::Csv {
        name: name.to_string(),
        rdr,
        rec: csv::ByteRecord::new(),
        folded: 0,
        len,
    };
    Table::start(format!("csv, {}", enc.name()), rows)?.ok_or_else(|| {
        Error::Input(format!(
            "{name} has no header row: nothing to import (expected a CSV file with column names in the first line)"
        ))
    })
}

/// What a workbook may hold before it is refused unread: a spreadsheet bomb (a small file
/// whose parts unzip to gigabytes, or a sheet whose cells span millions of rows by thousands
/// of columns) must fail fast with one short line, not take minutes and gigabytes. Each limit
/// is far above any export of the hotline system (a year is ~100,000 rows of ~30 columns).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes all the parts of a zipped workbook (xlsx, ods) unzip to, together.
    pub unzipped: u64,
    /// Cells held in memory: each row's cells up to its last non-empty one.
    pub cells: usize,
    /// Rows (the last row number with a value).
    pub rows: usize,
    /// Columns (the last column with a value).
    pub columns: usize,
}

pub const LIMITS: Limits = Limits {
    unzipped: 512 << 20,
    cells: 10_000_000,
    rows: 1_048_576,
    columns: 1_000,
};

fn too_big(name: &str, what: String) -> Error {
    Error::Input(format!(
        "{name} is refused unread: {what}; no hotline export is this large (a damaged file or a spreadsheet bomb): open it in Excel and save only the sheet of orders, or save it as CSV"
    ))
}

/// Refuse a zip whose parts unzip to more than `limit` bytes, before calamine reads any of
/// them (it reads the shared strings whole on opening). The sizes in the zip's directory are
/// checked first, then, since they may lie, the parts are unzipped (and thrown away) up to
/// the limit. Not a zip: nothing to check here (calamine says what the file is).
fn check_unzipped(name: &str, bytes: &[u8], limit: u64) -> Result<()> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let over = || {
        too_big(
            name,
            format!("its parts unzip to more than {} MB", limit >> 20),
        )
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index_raw(i) {
            declared = declared.saturating_add(f.size());
        }
    }
    if declared > limit {
        return Err(over());
    }
    let mut left = limit;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index(i) else { continue };
        // A read error (a damaged part) is calamine's to report; only the size counts here.
        let n = std::io::copy(&mut f.take(left + 1), &mut std::io::sink()).unwrap_or(0);
        if n > left {
            return Err(over());
        }
        left -= n;
    }
    Ok(())
}

fn read_workbook(name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Result<Table> {
    read_workbook_within(name, bytes, sheet, &LIMITS)
}

pub fn read_workbook_within(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<Table> {
    use calamine::Reader;
    check_unzipped(name, &bytes, limits.unzipped)?;
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
                    "{name} has no sheet '{}' (its sheets: {})",
                    crate::domain::text::quote(s),
                    crate::domain::text::quote(&names.join(", "))
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::Input(format!("{name} has no sheets: nothing to import")))?,
    };
    let damaged = |e: String| {
        Error::Input(format!(
            "{name}: sheet '{sheet_name}' cannot be read ({}): the file is damaged; export it again",
            one_line_err(&e)
        ))
    };
    let mut sheet_rows = SheetRows::new(name, limits);
    match &mut wb {
        // XLSX: cell by cell, so the limits hold before anything large is built (calamine's
        // `worksheet_range` would allocate rows × columns of the cells' span at once).
        calamine::Sheets::Xlsx(x) => {
            let mut cells = x
                .worksheet_cells_reader(&sheet_name)
                .map_err(|e| damaged(e.to_string()))?;
            while let Some(c) = cells.next_cell().map_err(|e| damaged(e.to_string()))? {
                let (r, col) = c.get_position();
                sheet_rows.put(r, col, data_ref_cell(c.get_value()))?;
            }
        }
        other => {
            let range = other
                .worksheet_range(&sheet_name)
                .map_err(|e| damaged(e.to_string()))?;
            let (row0, col0) = range.start().unwrap_or((0, 0));
            let (h, w) = range.get_size();
            if h > limits.rows || w > limits.columns || h.saturating_mul(w) > limits.cells {
                return Err(too_big(
                    name,
                    format!("sheet '{sheet_name}' spans {h} rows by {w} columns"),
                ));
            }
            for (i, r) in range.rows().enumerate() {
                for (j, d) in r.iter().enumerate() {
                    sheet_rows.put(row0 + i as u32, col0 + j as u32, data_cell(d))?;
                }
            }
        }
    }
    let rows = sheet_rows.finish();
    let len = rows.len();
    let rows = Rows::Sheet {
        rows: rows.into_iter(),
        len,
    };
    Table::start(format!("workbook, sheet {sheet_name}"), rows)?.ok_or_else(|| {
        Error::Input(format!(
            "{name}: sheet '{sheet_name}' is empty: nothing to import"
        ))
    })
}

/// A sheet's rows built from its cells (in row order, as a sheet stores them), within the
/// limits: columns line up with A (cells before the first are empty), empty rows are left out.
struct SheetRows<'a> {
    name: &'a str,
    limits: &'a Limits,
    rows: Vec<(usize, Vec<Cell>)>,
    row: Option<(u32, Vec<Cell>)>,
    held: usize,
}

impl<'a> SheetRows<'a> {
    fn new(name: &'a str, limits: &'a Limits) -> Self {
        SheetRows {
            name,
            limits,
            rows: Vec::new(),
            row: None,
            held: 0,
        }
    }

    fn put(&mut self, r: u32, c: u32, cell: Cell) -> Result<()> {
        if matches!(cell, Cell::Empty) {
            return Ok(());
        }
        let (r, c) = (r as usize, c as usize);
        if r >= self.limits.rows {
            return Err(too_big(
                self.name,
                format!("it has a value in row {}", r + 1),
            ));
        }
        if c >= self.limits.columns {
            return Err(too_big(
                self.name,
                format!("it has a value in column {}", c + 1),
            ));
        }
        if self.row.as_ref().is_none_or(|(at, _)| *at as usize != r) {
            self.flush();
            self.row = Some((r as u32, Vec::new()));
        }
        if let Some((_, cells)) = self.row.as_mut() {
            if c >= cells.len() {
                self.held += c + 1 - cells.len();
                if self.held > self.limits.cells {
                    return Err(too_big(
                        self.name,
                        format!("it holds more than {} cells", self.limits.cells),
                    ));
                }
                cells.resize(c + 1, Cell::Empty);
            }
            cells[c] = cell;
        }
        Ok(())
    }

    fn flush(&mut self) {
        if let Some((r, cells)) = self.row.take()
            && !cells.iter().all(Cell::is_empty)
        {
            self.rows.push((r as usize + 1, cells));
        }
    }

    fn finish(mut self) -> Vec<(usize, Vec<Cell>)> {
        self.flush();
        self.rows
    }
}

fn data_cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(v) => Cell::Number(*v as f64),
        Data::Float(v) => Cell::Number(*v),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) => excel_datetime(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("#{e:?}")),
    }
}

fn data_ref_cell(d: &calamine::DataRef) -> Cell {
    use calamine::DataRef;
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(v) => Cell::Number(*v as f64),
        DataRef::Float(v) => Cell::Number(*v),
        DataRef::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        DataRef::DateTime(dt) => excel_datetime(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(format!("#{e:?}")),
    }
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

    /// A zip of one part of `n` zeros (whose directory may declare a smaller size).
    fn zeros_zip(n: usize) -> Vec<u8> {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opt = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("xl/sharedStrings.xml", opt).unwrap();
        z.write_all(&vec![b'0'; n]).unwrap();
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_that_unzips_past_the_limit_is_refused_before_calamine_reads_it() {
        let limits = Limits {
            unzipped: 100_000,
            ..LIMITS
        };
        let bomb = zeros_zip(200_000);
        let Err(e) = read_workbook_within("bomb.xlsx", bomb.clone(), None, &limits) else {
            panic!("a bomb was read");
        };
        assert!(e.to_string().contains("unzip to more than"), "{e}");
        // The directory's sizes may lie: the parts themselves are counted too.
        assert!(check_unzipped("bomb.xlsx", &bomb, 100_000).is_err());
        assert!(check_unzipped("small.xlsx", &zeros_zip(50_000), 100_000).is_ok());
    }

    #[test]
    fn detects_encodings() {
        let text = |b: &[u8], given| {
            decode("f", b.to_vec(), given)
                .map(|(t, start, e)| (String::from_utf8(t[start..].to_vec()).unwrap(), e))
        };
        let (t, e) = text("工单编号,标题\n1,路灯\n".as_bytes(), None).unwrap();
        assert_eq!((t.as_str(), e), ("工单编号,标题\n1,路灯\n", Encoding::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend("a,b\n".as_bytes());
        assert_eq!(text(&bom, None).unwrap().0, "a,b\n");
        let (gbk, _, _) = encoding_rs::GB18030.encode("工单编号,标题\n1,路灯不亮\n");
        let (t, e) = text(&gbk, None).unwrap();
        assert_eq!(e, Encoding::Gb18030);
        assert!(t.contains("路灯不亮"));
        assert!(text(&gbk, Some(Encoding::Utf8)).is_err());
        assert!(text(&[0u8, 1, 2, 3, 0xff, 0xfe, 0x00], None).is_err());
        assert!(text(b"\x00\x00\x00binary", None).is_err());
        // Controls: a few are tolerated, many are binary; C1 controls count too.
        assert!(text("a,b\n\u{1b}x,y\n".repeat(3).as_bytes(), None).is_err());
        let mostly_text = format!("{}\u{1b}", "正常的文字,".repeat(30));
        assert!(text(mostly_text.as_bytes(), None).is_ok());
        let c1 = "\u{85}\u{9f}ab".repeat(10);
        assert!(text(c1.as_bytes(), None).is_err());
    }

    #[test]
    fn csv_rows_stream_with_their_spreadsheet_row_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        std::fs::write(&p, "\u{feff}\n a , b \n1,\"x\ny\"\n,\n2,z\n").unwrap();
        let mut t = read_file(&p, None, None).unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert!(t.has_rows());
        let rows = t.collect_rows().unwrap();
        let texts: Vec<(usize, Vec<String>)> = rows
            .iter()
            .map(|(r, c)| (*r, c.iter().map(Cell::text).collect()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (3, vec!["1".to_string(), "x\ny".into()]),
                // Line 6 of the file, row 5 of a spreadsheet: the rows a user sees.
                (5, vec!["2".to_string(), "z".into()])
            ]
        );
    }

    #[test]
    fn numbers_read_as_text_without_decimals() {
        assert_eq!(Cell::Number(2549.0).text(), "2549");
        assert_eq!(Cell::Number(13812345678.0).text(), "13812345678");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
    }
}
