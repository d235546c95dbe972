pub mod accounts;
pub mod cli;
pub mod pty;
pub mod tools;
