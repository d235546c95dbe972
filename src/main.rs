use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = hotline::cli::Cli::parse();
    match hotline::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
