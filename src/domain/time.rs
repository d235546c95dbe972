//! Parsing the dates and times people type: `2017-12-31`, `2017-12-31 23:59`,
//! `2017-12-31T23:59:59`. All times are local (the county's), without a zone.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub const FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y/%m/%d"))
        .map_err(|_| format!("'{s}' is not a date (expected YYYY-MM-DD, e.g. 2017-12-31)"))
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
            return Ok(v);
        }
    }
    match parse_date(t) {
        Ok(d) => Ok(d.and_time(if end_of_day {
            end_time()
        } else {
            NaiveTime::MIN
        })),
        Err(_) => Err(format!(
            "'{t}' is not a date and time (expected YYYY-MM-DDTHH:MM:SS, e.g. 2017-12-31T23:59:59, or a date)"
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
