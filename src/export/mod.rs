//! Exports: orders as CSV/XLSX, the scorecard as an XLSX workbook. (Being built: issue 4.)

use crate::cli::args::Global;
use crate::domain::scorecard::Scorecard;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug, Clone)]
pub struct ExportArgs {
    /// Where to write.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(_g: &Global, _args: ExportArgs) -> Result<()> {
    Err(Error::Input("export is not built yet".into()))
}

/// The scorecard as a workbook laid out like the bulletin's appendix tables.
pub fn report_xlsx(_card: &Scorecard, _out: &Path) -> Result<()> {
    Err(Error::Input(
        "--format xlsx is not built yet; use md, csv or json".into(),
    ))
}
