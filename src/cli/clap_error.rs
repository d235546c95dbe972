//! clap's errors in one line, from the error's kind and context (never by scraping its
//! rendered text): shared by `main` (bad arguments) and `batch` (a bad line).

use clap::error::ErrorKind;

/// What clap found wrong, in one line, from the error's kind and context (clap's wording, its
/// list of possible values, its suggestion).
pub fn what_is_wrong(e: &clap::Error) -> String {
    use clap::error::{ContextKind as K, ContextValue as V};
    let text = |k: K| match e.get(k) {
        Some(V::String(s)) => Some(s.clone()),
        Some(V::Strings(v)) => Some(v.join(", ")),
        Some(V::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(K::InvalidArg).unwrap_or_default();
    let value = text(K::InvalidValue).unwrap_or_default();
    let mut line = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("a value is required for '{arg}' but none was supplied")
        }
        ErrorKind::InvalidValue => format!("invalid value '{value}' for '{arg}'"),
        ErrorKind::ValueValidation => {
            let mut l = format!("invalid value '{value}' for '{arg}'");
            if let Some(why) = std::error::Error::source(e) {
                l.push_str(&format!(": {why}"));
            }
            l
        }
        ErrorKind::UnknownArgument => format!("unexpected argument '{arg}' found"),
        ErrorKind::InvalidSubcommand => format!(
            "unrecognized subcommand '{}'",
            text(K::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("the following required arguments were not provided: {arg}")
        }
        ErrorKind::MissingSubcommand => format!(
            "'{}' requires a subcommand but one was not provided",
            text(K::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => match (e.get(K::PriorArg), text(K::PriorArg)) {
            (Some(V::String(prior)), _) if *prior == arg => {
                format!("the argument '{arg}' cannot be used multiple times")
            }
            (_, Some(prior)) => format!("the argument '{arg}' cannot be used with '{prior}'"),
            _ => format!(
                "the argument '{arg}' cannot be used with one or more of the other specified arguments"
            ),
        },
        ErrorKind::NoEquals => {
            format!("equal sign is needed when assigning values to '{arg}'")
        }
        ErrorKind::TooManyValues => {
            format!("unexpected value '{value}' for '{arg}' found; no more were expected")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "{} values required for '{arg}' but {} given",
            text(K::MinValues)
                .or_else(|| text(K::ExpectedNumValues))
                .unwrap_or_default(),
            text(K::ActualNumValues).unwrap_or_default()
        ),
        kind => kind.as_str().unwrap_or("bad arguments").to_string(),
    };
    if let Some(valid) = text(K::ValidValue).filter(|v| !v.is_empty()) {
        line.push_str(&format!(" [possible values: {valid}]"));
    }
    if let Some(s) = text(K::SuggestedSubcommand).or_else(|| text(K::SuggestedArg)) {
        line.push_str(&format!(": did you mean '{s}'?"));
    }
    line
}

/// The command the arguments reached (`hotline order add`): the subcommands named, skipping
/// the values of options that take one (`--db PATH`), so that the hint points at the right
/// `--help`.
pub fn command_path(
    root: &clap::Command,
    args: impl Iterator<Item = std::ffi::OsString>,
) -> String {
    let mut path = vec![root.get_bin_name().unwrap_or("hotline").to_string()];
    let mut levels = vec![root];
    let mut args = args;
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        let takes_value = |found: &dyn Fn(&clap::Arg) -> bool| {
            levels.iter().rev().enumerate().any(|(i, c)| {
                c.get_arguments()
                    .filter(|a| i == 0 || a.is_global_set())
                    .any(|a| found(a) && a.get_action().takes_values())
            })
        };
        let skip_next = if let Some(long) = arg.strip_prefix("--") {
            !long.contains('=')
                && takes_value(&|a| {
                    a.get_long() == Some(long)
                        || a.get_all_aliases().is_some_and(|v| v.contains(&long))
                })
        } else if let Some(short) = arg.strip_prefix('-').filter(|s| !s.is_empty()) {
            let mut chars = short.chars();
            let (c, rest) = (chars.next(), chars.as_str());
            rest.is_empty() && takes_value(&|a| a.get_short() == c)
        } else if let Some(sub) = levels.last().and_then(|c| c.find_subcommand(arg)) {
            path.push(sub.get_name().to_string());
            levels.push(sub);
            false
        } else {
            false
        };
        if skip_next {
            args.next();
        }
    }
    path.join(" ")
}
