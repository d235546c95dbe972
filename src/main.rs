use clap::Parser;
use clap::error::ErrorKind;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match hotline::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            // Bad arguments: one line (clap's first), and where to look.
            let text = e.render().to_string();
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let mut first = lines
                .next()
                .unwrap_or("bad arguments")
                .trim_start_matches("error: ")
                .to_string();
            // "…not provided:" names the arguments on the next line; an invalid value lists
            // the possible ones.
            if first.ends_with(':') {
                first.push(' ');
                first.push_str(lines.next().unwrap_or(""));
            }
            if let Some(p) = text
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("[possible values"))
            {
                first.push(' ');
                first.push_str(p);
            }
            let usage = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("Usage: "))
                .map(|u| u.to_string())
                .or_else(|| {
                    // No usage line: name the subcommand from the arguments.
                    let args: Vec<String> = std::env::args().skip(1).collect();
                    let sub = args.iter().find(|a| !a.starts_with('-'))?;
                    Some(format!("hotline {sub}"))
                })
                .as_deref()
                .map(|u| {
                    let words: Vec<&str> = u
                        .split_whitespace()
                        .take_while(|w| {
                            !w.starts_with('[') && !w.starts_with('<') && !w.starts_with('-')
                        })
                        .collect();
                    words.join(" ")
                })
                .unwrap_or_else(|| "hotline".into());
            eprintln!("error: {first} (see `{usage} --help`)");
            return ExitCode::from(2);
        }
    };
    let lang = cli.global.message_lang();
    match hotline::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let prefix = lang.pick("error", "错误");
            eprintln!("{prefix}: {}", e.text(lang));
            ExitCode::FAILURE
        }
    }
}
