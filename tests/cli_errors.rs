//! Bad arguments give one line built from clap's error kind and context (not from its
//! rendered text): what is wrong, clap's list of possible values or suggestion, and the
//! `--help` of the command the arguments reached — also when global options with values
//! (`--db PATH`) come first.

use std::process::Command;

fn stderr_of(args: &[&str]) -> (String, Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("--db")
        .arg(dir.path().join("h.db"))
        .args(args)
        .env("HOTLINE_LOG", "off")
        .env_remove("HOTLINE_DB")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn each_kind_of_bad_argument_is_one_exact_line() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["zzqx"],
            "error: unrecognized subcommand 'zzqx' (see `hotline --help`)",
        ),
        (
            &["urg", "1"],
            "error: unrecognized subcommand 'urg': did you mean 'urge'? (see `hotline --help`)",
        ),
        (
            &["order", "frob"],
            "error: unrecognized subcommand 'frob' (see `hotline order --help`)",
        ),
        (
            &["urge", "1", "--bogus"],
            "error: unexpected argument '--bogus' found (see `hotline urge --help`)",
        ),
        (
            &["urge", "1", "--not"],
            "error: unexpected argument '--not' found: did you mean '--note'? (see `hotline urge --help`)",
        ),
        (
            &["order", "add", "--category", "rumour", "--title", "x"],
            "error: invalid value 'rumour' for '--category <CATEGORY>' [possible values: inquiry, suggestion, request] (see `hotline order add --help`)",
        ),
        (
            &["order", "add"],
            "error: the following required arguments were not provided: --category <CATEGORY>, --title <TITLE> (see `hotline order add --help`)",
        ),
        (
            &["urge"],
            "error: the following required arguments were not provided: <ORDER_NO> (see `hotline urge --help`)",
        ),
        (
            &["dispatch", "1", "--unit", "x", "--days", "abc"],
            "error: invalid value 'abc' for '--days <DAYS>': invalid digit found in string (see `hotline dispatch --help`)",
        ),
        (
            &["dispatch", "1", "--unit"],
            "error: a value is required for '--unit <UNIT>' but none was supplied (see `hotline dispatch --help`)",
        ),
        (
            &["review", "1", "--accept", "--reject"],
            "error: the argument '--accept' cannot be used with '--reject' (see `hotline review --help`)",
        ),
        (
            &[
                "--operator",
                "unit",
                "unit",
                "add",
                "--name",
                "x",
                "--kind",
                "village",
            ],
            "error: invalid value 'village' for '--kind <KIND>' [possible values: department, township] (see `hotline unit add --help`)",
        ),
    ];
    for (args, want) in cases {
        let (err, code) = stderr_of(args);
        assert_eq!(err.trim_end(), *want, "{args:?}");
        assert_eq!(code, Some(2), "{args:?}");
    }
}
