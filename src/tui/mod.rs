//! The terminal UI. (Being built: see issue 3.)

use crate::cli::args::Global;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug, Default, Clone)]
pub struct TuiArgs {
    /// Run a key script headless (keys in Vim notation separated by white space, e.g.
    /// `j 3 <Enter> "已安排维修" <Esc>`), drawing a frame after every key.
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,
    /// Terminal size for --keys, e.g. 120x40.
    #[arg(long, default_value = "120x40")]
    pub size: String,
    /// Print the final screen as plain text (with --keys).
    #[arg(long)]
    pub dump: bool,
}

pub fn run(_g: &Global, _demo: bool, _path: &Path, _args: TuiArgs) -> Result<()> {
    Err(Error::Input("the terminal UI is not built yet".into()))
}
