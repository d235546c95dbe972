//! Dates and times as real spreadsheet exports write them. Pure; never panics.
//!
//! Accepted forms (all local times, no zone):
//! - `2019/4/25 9:32:09`, `2019-04-25 09:32`, `2019.4.25` — year first, any padding, `/ - .`
//! - ISO 8601: `2019-04-25T09:32:09`, with fractions (`.123`, dropped) or a zone suffix
//!   (`Z`, `+08:00`: ignored, the time is taken as written)
//! - `2019年4月25日 9时32分`, `2019年4月25日 09:32:09`
//! - US month first, as Excel writes in English: `03/01/2011 02:27:57 PM`, `3/1/2011 14:27`,
//!   `03/01/2011` (always month/day/year)
//! - AM/PM also as `上午` / `下午`
//! - date only (`2019/9/5`): the start of that day, flagged `date_only`
//! - Excel serial numbers (`43563.359259259261`, 1900 date system), as numbers in a cell or as
//!   text; `YYYYMMDD` and `YYYYMMDDHHMMSS` digit strings
//!
//! Years outside 1900–2199 are refused: they are junk, not dates.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// A parsed time, and whether the source gave only a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub at: NaiveDateTime,
    pub date_only: bool,
}

use crate::domain::lang::Msg;
use crate::domain::time::{MAX_YEAR, MIN_YEAR};

fn err(s: &str) -> Msg {
    let shown = crate::domain::text::quote_within(s, 40);
    Msg::both(
        format!(
            "'{shown}' is not a date (expected e.g. 2019/4/25 9:32:09, 2019-04-25, 2019-04-25T09:32:09, 03/01/2011 02:27:57 PM or an Excel serial number)"
        ),
        format!(
            "“{shown}”不是日期（应为如 2019/4/25 9:32:09、2019-04-25、2019-04-25T09:32:09、03/01/2011 02:27:57 PM 或 Excel 日期序号）"
        ),
    )
}

fn not_serial(v: f64) -> Msg {
    Msg::both(
        format!("{v} is not an Excel date serial number"),
        format!("{v} 不是 Excel 日期序号"),
    )
}

/// The Excel serial number (1900 date system) as a time, rounded to the second.
pub fn from_excel_serial(v: f64) -> Result<NaiveDateTime, Msg> {
    // 1 = 1900-01-01; 60 is Excel's phantom 1900-02-29; 2958465 = 9999-12-31.
    if !v.is_finite() || !(1.0..2_958_466.0).contains(&v) {
        return Err(not_serial(v));
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN);
    let v = if v < 61.0 {
        if v >= 60.0 {
            return Err(Msg::both(
                "Excel serial 60 is the non-existent date 1900-02-29".into(),
                "Excel 日期序号 60 是不存在的日期 1900-02-29".into(),
            ));
        }
        v + 1.0
    } else {
        v
    };
    let secs = (v * 86_400.0).round() as i64;
    let t = base
        .checked_add_signed(Duration::seconds(secs))
        .ok_or_else(|| not_serial(v))?;
    check_year(t)
}

fn check_year(t: NaiveDateTime) -> Result<NaiveDateTime, Msg> {
    use chrono::Datelike;
    if (MIN_YEAR..=MAX_YEAR).contains(&t.year()) {
        Ok(t)
    } else {
        Err(Msg::both(
            format!(
                "the year {} is out of range ({MIN_YEAR}–{MAX_YEAR})",
                t.year()
            ),
            format!("年份 {} 超出范围（{MIN_YEAR}–{MAX_YEAR}）", t.year()),
        ))
    }
}

/// Is a serial number a whole day (no time of day)?
pub fn serial_is_date_only(v: f64) -> bool {
    v.fract() == 0.0
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// Parse one date/time as text.
pub fn parse(input: &str) -> Result<When, Msg> {
    let s: &str = input.trim_matches(is_space);
    if s.is_empty() {
        return Err(Msg::both("empty date".into(), "日期为空".into()));
    }
    if s.len() > 64 {
        return Err(err(s));
    }
    // A bare number: digits (YYYYMMDD, YYYYMMDDHHMMSS) or an Excel serial.
    if s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && s.chars().any(|c| c.is_ascii_digit())
        && s.matches('.').count() <= 1
    {
        return parse_number(s).map_err(|e| e.unwrap_or_else(|| err(s)));
    }
    parse_text(s).ok_or_else(|| err(s)).and_then(|w| {
        check_year(w.at).map(|at| When {
            at,
            date_only: w.date_only,
        })
    })
}

/// A number as a date; `Err(None)` when it is not one (the caller says so, quoting it).
fn parse_number(s: &str) -> Result<When, Option<Msg>> {
    if !s.contains('.') {
        let ymd = |d: &str| -> Option<NaiveDate> {
            let y = d.get(0..4)?.parse().ok()?;
            let m = d.get(4..6)?.parse().ok()?;
            let day = d.get(6..8)?.parse().ok()?;
            NaiveDate::from_ymd_opt(y, m, day)
        };
        match s.len() {
            8 => {
                let d = ymd(s).ok_or(None)?;
                let at = check_year(d.and_time(NaiveTime::MIN)).map_err(Some)?;
                return Ok(When {
                    at,
                    date_only: true,
                });
            }
            14 => {
                let d = ymd(s).ok_or(None)?;
                let hms = |a: usize| s.get(a..a + 2).and_then(|x| x.parse::<u32>().ok());
                let t = NaiveTime::from_hms_opt(
                    hms(8).unwrap_or(99),
                    hms(10).unwrap_or(99),
                    hms(12).unwrap_or(99),
                )
                .ok_or(None)?;
                return Ok(When {
                    at: check_year(d.and_time(t)).map_err(Some)?,
                    date_only: false,
                });
            }
            _ => {}
        }
    }
    let v: f64 = s.parse().map_err(|_| None)?;
    let at = from_excel_serial(v).map_err(|_| None)?;
    Ok(When {
        at,
        date_only: serial_is_date_only(v),
    })
}

#[derive(Debug, PartialEq)]
enum Tok {
    Num(String),
    Sep(char),
}

fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        if !num.is_empty() {
            out.push(Tok::Num(std::mem::take(&mut num)));
        }
        let c = if is_space(c) { ' ' } else { c };
        // Collapse runs of spaces.
        if c == ' ' && matches!(out.last(), Some(Tok::Sep(' '))) {
            continue;
        }
        out.push(Tok::Sep(c));
    }
    if !num.is_empty() {
        out.push(Tok::Num(num));
    }
    out
}

fn num(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Num(n)) => Some(n),
        _ => None,
    }
}

fn parse_text(s: &str) -> Option<When> {
    let upper = s.to_uppercase();
    // AM / PM markers, anywhere (上午/下午 often come before the time).
    let mut pm: Option<bool> = None;
    let mut rest = upper.clone();
    for (mark, is_pm) in [
        ("A.M.", false),
        ("P.M.", true),
        ("AM", false),
        ("PM", true),
        ("上午", false),
        ("下午", true),
    ] {
        if let Some(i) = rest.find(mark) {
            pm = Some(is_pm);
            rest.replace_range(i..i + mark.len(), " ");
            break;
        }
    }
    let toks = tokens(rest.trim_matches(is_space));
    let mut i = 0;
    // Date: three numbers with one kind of separator between them.
    let a = num(toks.first())?;
    let sep1 = match toks.get(1) {
        Some(Tok::Sep(c)) => *c,
        _ => return None,
    };
    let b = num(toks.get(2))?;
    let sep2 = match toks.get(3) {
        Some(Tok::Sep(c)) => *c,
        _ => return None,
    };
    let c = num(toks.get(4))?;
    i += 5;
    let chinese = sep1 == '年' && sep2 == '月';
    if !chinese && (sep1 != sep2 || !matches!(sep1, '-' | '/' | '.')) {
        return None;
    }
    if chinese && matches!(toks.get(i), Some(Tok::Sep('日'))) {
        i += 1;
    }
    let (y, m, d) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 && !chinese && sep1 == '/' {
        (c, a, b) // month/day/year, as Excel writes in English
    } else {
        return None;
    };
    if m.len() > 2 || d.len() > 2 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    // Time, if any: `T` or spaces, then H:MM[:SS[.fff]] (or H时M分[S秒]).
    while matches!(toks.get(i), Some(Tok::Sep(' ')) | Some(Tok::Sep('T'))) {
        i += 1;
    }
    if i >= toks.len() {
        return match pm {
            Some(_) => None,
            None => Some(When {
                at: date.and_time(NaiveTime::MIN),
                date_only: true,
            }),
        };
    }
    let h: u32 = num(toks.get(i))?.parse().ok()?;
    let tsep = match toks.get(i + 1) {
        Some(Tok::Sep(c)) if matches!(c, ':' | '时' | '點' | '点') => *c,
        _ => return None,
    };
    let mi: u32 = num(toks.get(i + 2))?.parse().ok()?;
    i += 3;
    let mut sec: u32 = 0;
    if tsep == ':' {
        if matches!(toks.get(i), Some(Tok::Sep(':'))) {
            sec = num(toks.get(i + 1))?.parse().ok()?;
            i += 2;
            // A fraction of a second: dropped.
            if matches!(toks.get(i), Some(Tok::Sep('.'))) && num(toks.get(i + 1)).is_some() {
                i += 2;
            }
        }
    } else {
        if matches!(toks.get(i), Some(Tok::Sep('分'))) {
            i += 1;
        }
        if let Some(n) = num(toks.get(i)) {
            sec = n.parse().ok()?;
            i += 1;
            if matches!(toks.get(i), Some(Tok::Sep('秒'))) {
                i += 1;
            }
        }
    }
    // A zone suffix: Z, +08:00, +0800, -05:00 (ignored: times are taken as written).
    match toks.get(i) {
        Some(Tok::Sep('Z')) => i += 1,
        Some(Tok::Sep('+')) | Some(Tok::Sep('-')) => {
            let zh = num(toks.get(i + 1))?;
            i += 2;
            if zh.len() == 2 && matches!(toks.get(i), Some(Tok::Sep(':'))) {
                num(toks.get(i + 1))?;
                i += 2;
            } else if zh.len() != 4 && zh.len() != 2 {
                return None;
            }
        }
        _ => {}
    }
    while matches!(toks.get(i), Some(Tok::Sep(' '))) {
        i += 1;
    }
    if i != toks.len() {
        return None;
    }
    let h = match pm {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
    let time = NaiveTime::from_hms_opt(h, mi, sec)?;
    Some(When {
        at: date.and_time(time),
        date_only: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> String {
        let w = parse(s).unwrap_or_else(|e| panic!("{s}: {}", e.en));
        w.at.format("%Y-%m-%d %H:%M:%S").to_string()
    }

    #[test]
    fn message_board_forms() {
        assert_eq!(at("2019/4/25 9:32:09"), "2019-04-25 09:32:09");
        assert_eq!(at("2019/12/5 14:56:53"), "2019-12-05 14:56:53");
        assert_eq!(at("  2019/4/25 9:32:09\t\n"), "2019-04-25 09:32:09");
        assert_eq!(at("2019/4/25 9:32"), "2019-04-25 09:32:00");
        let d = parse("2019/9/5").unwrap();
        assert!(d.date_only);
        assert_eq!(at("2019/9/5"), "2019-09-05 00:00:00");
    }

    #[test]
    fn iso_forms() {
        assert_eq!(at("2017-12-31T23:59:59"), "2017-12-31 23:59:59");
        assert_eq!(at("2017-12-31 08:30"), "2017-12-31 08:30:00");
        assert_eq!(at("2017-12-31T08:30:05.250"), "2017-12-31 08:30:05");
        assert_eq!(at("2017-12-31T08:30:05Z"), "2017-12-31 08:30:05");
        assert_eq!(at("2017-12-31T08:30:05+08:00"), "2017-12-31 08:30:05");
        assert_eq!(at("2017-12-31"), "2017-12-31 00:00:00");
        assert!(parse("2017-12-31").unwrap().date_only);
        assert!(!parse("2017-12-31 00:00:00").unwrap().date_only);
        assert_eq!(at("2017.1.2"), "2017-01-02 00:00:00");
    }

    #[test]
    fn us_am_pm_and_chinese() {
        assert_eq!(at("03/01/2011 02:27:57 PM"), "2011-03-01 14:27:57");
        assert_eq!(at("03/01/2011 12:05:00 AM"), "2011-03-01 00:05:00");
        assert_eq!(at("03/01/2011 12:05:00 PM"), "2011-03-01 12:05:00");
        assert_eq!(at("3/1/2011 14:27"), "2011-03-01 14:27:00");
        assert_eq!(at("2019/4/25 下午 2:27:57"), "2019-04-25 14:27:57");
        assert_eq!(at("2019年4月25日"), "2019-04-25 00:00:00");
        assert_eq!(at("2019年4月25日 9时32分"), "2019-04-25 09:32:00");
        assert_eq!(at("2019年4月25日 09:32:09"), "2019-04-25 09:32:09");
    }

    #[test]
    fn excel_serials_and_digit_strings() {
        // The one serial number in the message-board data set: 2019-04-08 08:37:20.
        assert_eq!(at("43563.359259259261"), "2019-04-08 08:37:20");
        assert_eq!(at("43563"), "2019-04-08 00:00:00");
        assert!(parse("43563").unwrap().date_only);
        assert_eq!(at("1"), "1900-01-01 00:00:00");
        assert_eq!(at("61"), "1900-03-01 00:00:00");
        assert_eq!(at("59"), "1900-02-28 00:00:00");
        assert!(parse("60").is_err());
        assert_eq!(at("20190425"), "2019-04-25 00:00:00");
        assert_eq!(at("20190425093209"), "2019-04-25 09:32:09");
        assert_eq!(
            from_excel_serial(43_563.359_259_259_26)
                .unwrap()
                .format("%H:%M:%S")
                .to_string(),
            "08:37:20"
        );
    }

    #[test]
    fn refusals_are_clear() {
        for bad in [
            "",
            "yesterday",
            "2019/13/1",
            "2019/2/30 10:00",
            "2019/4/25 25:00",
            "2019/4/25 9:61",
            "13/13/2011",
            "2019-4/25",
            "0",
            "99999999999",
            "1.2.3",
            "2019/4/25 13:00 PM",
            "0001-01-01",
            "2019/4/25 9:32:09 extra",
            "-43563",
            "NaN",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(!e.en.is_empty(), "{bad}");
            // Every refusal is written in Chinese too.
            let zh = e.zh.unwrap_or_default();
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{bad}: {zh}"
            );
        }
        let e = parse("yesterday").unwrap_err();
        assert!(e.en.contains("yesterday") && e.get(crate::domain::Lang::Zh).contains("yesterday"));
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse(&s);
        }

        #[test]
        fn never_panics_on_date_like_noise(s in "[0-9/:. \\-TAPMZ+年月日时分秒上下午]{0,40}") {
            let _ = parse(&s);
        }

        #[test]
        fn round_trips_every_padding(y in 1990i32..2030, m in 1u32..=12, d in 1u32..=28,
                                     h in 0u32..24, mi in 0u32..60, s in 0u32..60) {
            let want = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, mi, s).unwrap();
            for text in [
                format!("{y}/{m}/{d} {h}:{mi:02}:{s:02}"),
                format!("{y}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"),
                format!("{m:02}/{d:02}/{y} {:02}:{mi:02}:{s:02} {}", if h % 12 == 0 { 12 } else { h % 12 }, if h < 12 { "AM" } else { "PM" }),
            ] {
                prop_assert_eq!(parse(&text).map(|w| w.at), Ok(want), "{}", text);
            }
        }
    }
}
