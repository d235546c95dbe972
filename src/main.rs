use clap::error::ErrorKind;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use hotline::cli::Cli;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let started = Instant::now();
    let log = hotline::log::init();
    let code = run(&log);
    tracing::info!(
        ms = hotline::log::ms(started.elapsed()),
        code = exit_code_number(&code),
        "end"
    );
    code
}

/// `hotline order list | head`: when the reader closes the pipe, the command ends quietly, as
/// a Unix filter does (killed by SIGPIPE, which the shell does not report), instead of
/// `println!` panicking with exit 101. Rust ignores SIGPIPE before `main`; this puts back the
/// default for the printing commands. Not for the TUI, which handles its terminal's errors
/// itself and restores it on the way out.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default, before any thread that could be
    // writing to a pipe is started; no handler of ours is replaced.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn run(log: &hotline::log::Started) -> ExitCode {
    // `Cli::try_parse`, in its two steps, to learn the command's name on the way.
    let mut cmd = Cli::command();
    let parsed = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|mut m| {
            let name = command_name(&m);
            Cli::from_arg_matches_mut(&mut m)
                .map(|cli| (cli, name))
                .map_err(|e| e.format(&mut cmd))
        });
    let cli = match parsed {
        Ok((cli, name)) => {
            let tui = name == "tui";
            if !tui {
                quiet_on_closed_pipe();
            }
            if let Some(w) = log.warning.as_deref().filter(|_| !tui) {
                eprintln!("{w}");
            }
            tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                command = name.as_str(),
                db = %hotline::cli::db_path(&cli.global).display(),
                demo = cli.demo,
                "start"
            );
            cli
        }
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            // Bad arguments: one line, what and where to look.
            let first = hotline::cli::what_is_wrong(&e);
            let usage = hotline::cli::command_path(&cmd, std::env::args_os().skip(1));
            let line = format!("error: {first} (see `{usage} --help`)");
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "bad arguments: {line}");
            eprintln!("{line}");
            return ExitCode::from(2);
        }
    };
    let lang = cli.global.message_lang();
    match hotline::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("command failed: {e}");
            let prefix = lang.pick("error", "错误");
            eprintln!("{prefix}: {}", e.text(lang));
            ExitCode::FAILURE
        }
    }
}

/// The subcommand's words (`order add`; `tui` without one): never an argument's value.
fn command_name(m: &ArgMatches) -> String {
    let mut words = Vec::new();
    let mut m = m;
    while let Some((name, sub)) = m.subcommand() {
        words.push(name);
        m = sub;
    }
    if words.is_empty() {
        "tui".to_string()
    } else {
        words.join(" ")
    }
}

/// `ExitCode` keeps its number to itself; the three this program uses.
fn exit_code_number(code: &ExitCode) -> u8 {
    if *code == ExitCode::SUCCESS {
        0
    } else if *code == ExitCode::from(2) {
        2
    } else {
        1
    }
}
