//! Import from the city platform's spreadsheet exports (CSV, XLSX). (Being built: issue 4.)

use crate::cli::args::Global;
use crate::error::{Error, Result};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    /// The CSV or XLSX file.
    pub file: PathBuf,
}

pub fn run(_g: &Global, _args: ImportArgs) -> Result<()> {
    Err(Error::Input("import is not built yet".into()))
}
