//! Parsing the dates and times people type: `2017-12-31`, `2017-12-31 23:59`,
//! `2017-12-31T23:59:59`. All times are local (the county's), without a zone.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub const FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// The years a date may have, wherever one is typed, imported or given as a clock: far
/// outside them a date is a typo or an attack (a clock in year 10000 cannot be stored in
/// the database's form, and a deadline there takes minutes of working days to count).
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2199;

/// The most working days a deadline may be given (`--days`, the TUI's redo): a year of them.
pub const MAX_DAYS: u32 = 365;

/// Refuses a date whose year is outside `MIN_YEAR..=MAX_YEAR`.
pub fn check_year(d: NaiveDate) -> Result<NaiveDate, String> {
    use chrono::Datelike;
    if (MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
        Ok(d)
    } else {
        Err(format!(
            "the year {} is out of range ({MIN_YEAR}–{MAX_YEAR})",
            d.year()
        ))
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y/%m/%d"))
        .map_err(|_| {
            format!(
                "'{}' is not a date (expected YYYY-MM-DD, e.g. 2017-12-31)",
                super::text::quote(s)
            )
        })?;
    check_year(d).map_err(|e| format!("{s}: {e}"))
}

/// A date and time; a date alone means its start (`end_of_day` false) or its last second.
pub fn parse_datetime(s: &str, end_of_day: bool) -> Result<NaiveDateTime, String> {
    let t = s.trim();
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(v) = NaiveDateTime::parse_from_str(t, f) {
            check_year(v.date()).map_err(|e| format!("{t}: {e}"))?;
            return Ok(v);
        }
    }
    match NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
    {
        Ok(d) => Ok(check_year(d)
            .map_err(|e| format!("{t}: {e}"))?
            .and_time(if end_of_day {
                end_time()
            } else {
                NaiveTime::MIN
            })),
        Err(_) => Err(format!(
            "'{}' is not a date and time (expected YYYY-MM-DDTHH:MM:SS, e.g. 2017-12-31T23:59:59, or a date)",
            super::text::quote(t)
        )),
    }
}

pub fn end_time() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
}

pub fn fmt(t: NaiveDateTime) -> String {
    t.format(FORMAT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_far_out_are_refused() {
        for s in ["10000-01-01", "+10000-01-01", "0001-01-01", "1899-12-31"] {
            let e = parse_date(s).unwrap_err();
            assert!(
                e.contains("out of range") || e.contains("not a date"),
                "{s}: {e}"
            );
        }
        let e = parse_datetime("10000-01-01T00:00:00", false).unwrap_err();
        assert!(
            e.contains("out of range") || e.contains("not a date"),
            "{e}"
        );
        let e = parse_datetime("2200-01-01", false).unwrap_err();
        assert!(e.contains("out of range (1900–2199)"), "{e}");
        assert!(parse_datetime("2199-12-31T23:59:59", false).is_ok());
    }

    #[test]
    fn forms() {
        assert_eq!(
            fmt(parse_datetime("2017-12-31", true).unwrap()),
            "2017-12-31T23:59:59"
        );
        assert_eq!(
            fmt(parse_datetime("2017-12-31", false).unwrap()),
            "2017-12-31T00:00:00"
        );
        assert_eq!(
            fmt(parse_datetime("2017-12-31 08:30", false).unwrap()),
            "2017-12-31T08:30:00"
        );
        assert_eq!(
            fmt(parse_datetime("2017-12-31T08:30:05", false).unwrap()),
            "2017-12-31T08:30:05"
        );
        assert!(
            parse_datetime("2017-13-31", false)
                .unwrap_err()
                .contains("2017-13-31")
        );
        assert!(parse_date("yesterday").is_err());
    }
}
