//! The monthly bulletin (通报) written from the data. (Being built: issue 4.)

use crate::cli::args::Global;
use crate::error::{Error, Result};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub struct BulletinArgs {
    /// Where to write.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(_g: &Global, _args: BulletinArgs) -> Result<()> {
    Err(Error::Input("bulletin is not built yet".into()))
}
