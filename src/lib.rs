//! hotline: a keyboard-first terminal workbench for a county 12345 hotline office.
//! See ARCHITECTURE.md for the map.

pub mod bench;
pub mod bulletin;
pub mod cli;
pub mod context;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod log;
pub mod ops;
pub mod report;
pub mod store;
pub mod synth;
pub mod tui;

pub use error::{Error, Result};
