//! Dispatch suggestions measured on a time split of the history (QUALITY.md).

use crate::error::Result;
use crate::ops::Ctx;
use crate::store::Store;

pub fn run(_store: &Store, _ctx: &Ctx) -> Result<String> {
    Ok(String::new())
}
