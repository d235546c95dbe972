//! Exports: orders with their current state as CSV/XLSX (`hotline export`, re-importable
//! with `data/mappings/hotline.toml`), and the scorecard as an XLSX workbook laid out like
//! the bulletin's appendix tables (`hotline report --format xlsx`).

pub mod orders;
pub mod report;

use crate::context::Options as Global;
use crate::domain::scorecard::Scorecard;
use crate::domain::time::parse_date;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone)]
pub struct Request {
    /// Orders received from this day (YYYY-MM-DD) [default: the first]
    pub from: Option<String>,
    /// Orders received up to this day (YYYY-MM-DD) [default: the last]
    pub to: Option<String>,
    /// csv (UTF-8 with BOM) or xlsx [default: from the file name's extension]
    pub format: Option<ExportFormat>,
    /// Mask the citizens' names and phone numbers (马**, 138****5678); such a file does not
    /// round-trip those two columns.
    pub mask: bool,
    /// Where to write.
    pub out: PathBuf,
}

pub fn run(g: &Global, args: Request) -> Result<()> {
    let (store, ctx) = g.open()?;
    // The export holds every order with the citizens' contacts: the office's data.
    crate::ops::policy::require(&ctx, crate::domain::Work::Export)?;
    crate::ops::admin::guard_output(&g.db_path(), &args.out)?;
    let date = |flag: &str, s: &Option<String>| {
        s.as_deref()
            .map(|s| parse_date(s).map_err(|e| Error::Input(format!("{flag}: {e}"))))
            .transpose()
    };
    let from = date("--from", &args.from)?;
    let to = date("--to", &args.to)?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(Error::Input(format!(
            "--from {f} is after --to {t}: swap them"
        )));
    }
    let format = match args.format {
        Some(f) => f,
        None => match args
            .out
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("xlsx") => ExportFormat::Xlsx,
            Some("csv") => ExportFormat::Csv,
            _ => {
                return Err(Error::Input(
                    "give --format csv|xlsx (or an --out file ending in .csv or .xlsx)".into(),
                ));
            }
        },
    };
    let rows = orders::rows(&store, from, to, args.mask)?;
    match format {
        ExportFormat::Csv => orders::write_csv(&rows, &args.out)?,
        ExportFormat::Xlsx => orders::write_xlsx(&rows, &args.out)?,
    }
    let units = rows
        .iter()
        .filter(|r| matches!(&r[2], orders::Value::Text(s) if s == "单位督办"))
        .count();
    // Who exported how many, and whether the names and phones were masked: in the record.
    // A file whose export cannot be recorded is not left behind.
    if let Err(e) = crate::ops::record_export(&store, &ctx, (rows.len() - units) as u64, args.mask)
    {
        let _ = std::fs::remove_file(&args.out);
        return Err(e);
    }
    println!(
        "wrote {} orders{} to {}",
        rows.len() - units,
        if units > 0 {
            format!(" and {units} unit supervisions")
        } else {
            String::new()
        },
        args.out.display()
    );
    Ok(())
}

/// The scorecard as a workbook laid out like the bulletin's appendix tables.
pub fn report_xlsx(card: &Scorecard, out: &Path) -> Result<()> {
    report::write(card, out)
}
