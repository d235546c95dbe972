//! The working-day calendar (工作日): weekends off, statutory holidays off, adjusted weekend
//! workdays (调休) on. The official data for 2007–2027 is compiled into the binary from
//! `data/holidays-cn/` so the program needs no files at run time.
//!
//! Deadline convention: day 1 is the first working day *after* dispatch; the deadline is the
//! end of the Nth working day.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Calendar {
    /// Dates the State Council's notices mention: true = day off, false = adjusted workday.
    special: HashMap<NaiveDate, bool>,
    first_year: i32,
    last_year: i32,
}

#[derive(Deserialize)]
struct YearFile {
    year: i32,
    days: Vec<DayEntry>,
}

#[derive(Deserialize)]
struct DayEntry {
    date: NaiveDate,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

macro_rules! years {
    ($($y:literal),*) => {
        &[$(include_str!(concat!("../../data/holidays-cn/", $y, ".json"))),*]
    };
}

const SHIPPED: &[&str] = years!(
    "2007", "2008", "2009", "2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018",
    "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027"
);

impl Calendar {
    /// The shipped China calendar.
    pub fn china() -> Calendar {
        // The shipped files are part of the build and covered by tests; a broken one is a
        // build defect, not user input, so it is skipped rather than reported at run time.
        Calendar::from_json_years(SHIPPED.iter().copied())
            .unwrap_or_else(|_| Calendar::weekends_only())
    }

    /// A calendar with no holidays at all (weekends only).
    pub fn weekends_only() -> Calendar {
        Calendar {
            special: HashMap::new(),
            first_year: i32::MAX,
            last_year: i32::MIN,
        }
    }

    /// Build from holiday-cn year files (`{"year":…, "days":[{"date","isOffDay"}]}`).
    pub fn from_json_years<'a>(
        files: impl IntoIterator<Item = &'a str>,
    ) -> Result<Calendar, String> {
        let mut cal = Calendar::weekends_only();
        for text in files {
            let file: YearFile =
                serde_json::from_str(text).map_err(|e| format!("holiday file: {e}"))?;
            cal.first_year = cal.first_year.min(file.year);
            cal.last_year = cal.last_year.max(file.year);
            for d in file.days {
                cal.special.insert(d.date, d.is_off_day);
            }
        }
        Ok(cal)
    }

    /// Whether the official calendar covers this date's year (outside it: weekends only).
    pub fn covers(&self, date: NaiveDate) -> bool {
        (self.first_year..=self.last_year).contains(&date.year())
    }

    pub fn years(&self) -> Option<(i32, i32)> {
        (self.first_year <= self.last_year).then_some((self.first_year, self.last_year))
    }

    pub fn is_workday(&self, date: NaiveDate) -> bool {
        match self.special.get(&date) {
            Some(off) => !off,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The deadline for `days` working days from a dispatch on `start`: the Nth working day
    /// after `start`. With `days == 0`, the same day.
    pub fn add_working_days(&self, start: NaiveDate, days: u32) -> NaiveDate {
        let mut d = start;
        let mut left = days;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_workday(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days from `today` to `deadline`: 0 when the deadline is today, 1 when it is the
    /// next working day, negative (working days late) once it has passed.
    pub fn working_days_left(&self, today: NaiveDate, deadline: NaiveDate) -> i64 {
        if today == deadline {
            return 0;
        }
        let (from, to, sign) = if today < deadline {
            (today, deadline, 1)
        } else {
            (deadline, today, -1)
        };
        // Count working days in (from, to].
        let mut n = 0i64;
        let mut d = from;
        while d < to {
            d = d.succ_opt().unwrap_or(to);
            if self.is_workday(d) {
                n += 1;
            }
        }
        // Past the deadline is late even when no working day has passed since (a deadline
        // on Friday, seen on Sunday): late by at least one day, never "0 left".
        if sign < 0 { -n.max(1) } else { n }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn national_day_2017_from_the_issue() {
        // Friday 2017-09-29 + 5: Sat 09-30 was a workday (day 1), 10-01..10-08 off,
        // then 10-09, 10-10, 10-11, 10-12.
        let cal = Calendar::china();
        assert!(cal.is_workday(d("2017-09-30")));
        assert!(!cal.is_workday(d("2017-10-08")));
        assert_eq!(cal.add_working_days(d("2017-09-29"), 5), d("2017-10-12"));
        assert_eq!(cal.add_working_days(d("2017-09-29"), 1), d("2017-09-30"));
        assert_eq!(cal.add_working_days(d("2017-09-29"), 2), d("2017-10-09"));
    }

    #[test]
    fn new_year_2018() {
        // 2017-12-30 .. 2018-01-01 off (Sat, Sun, holiday Monday).
        let cal = Calendar::china();
        assert!(!cal.is_workday(d("2018-01-01")));
        assert_eq!(cal.add_working_days(d("2017-12-29"), 1), d("2018-01-02"));
        assert_eq!(cal.add_working_days(d("2017-12-29"), 3), d("2018-01-04"));
    }

    #[test]
    fn spring_festival_2018_with_adjusted_weekends() {
        // 2018: Sun 02-11 a workday; 02-15..02-21 off; Sat 02-24 a workday.
        let cal = Calendar::china();
        assert!(cal.is_workday(d("2018-02-11")));
        assert!(cal.is_workday(d("2018-02-24")));
        assert!(!cal.is_workday(d("2018-02-15")));
        assert!(!cal.is_workday(d("2018-02-21")));
        // Dispatched Fri 02-09: Sun 02-11 (1), Mon 12 (2), Tue 13 (3), Wed 14 (4),
        // Thu 22 (5), Fri 23 (6), Sat 24 (7), Mon 26 (8).
        assert_eq!(cal.add_working_days(d("2018-02-09"), 5), d("2018-02-22"));
        assert_eq!(cal.add_working_days(d("2018-02-09"), 8), d("2018-02-26"));
    }

    #[test]
    fn working_days_left_counts_both_ways() {
        let cal = Calendar::china();
        assert_eq!(cal.working_days_left(d("2017-09-29"), d("2017-10-12")), 5);
        assert_eq!(cal.working_days_left(d("2017-10-12"), d("2017-10-12")), 0);
        assert_eq!(cal.working_days_left(d("2017-10-13"), d("2017-10-12")), -1);
        // Late over a weekend: Mon 10-16 is two working days after Thu 10-12.
        assert_eq!(cal.working_days_left(d("2017-10-16"), d("2017-10-12")), -2);
        // Late on a weekend: Friday 12-29's deadline seen on Sunday 12-31 is late, not "0".
        assert_eq!(cal.working_days_left(d("2017-12-31"), d("2017-12-29")), -1);
        assert_eq!(cal.working_days_left(d("2017-12-30"), d("2017-12-29")), -1);
        // ...and the Monday after counts one working day late.
        assert_eq!(cal.working_days_left(d("2018-01-02"), d("2017-12-29")), -1);
    }

    #[test]
    fn outside_the_calendar_weekends_only() {
        let cal = Calendar::china();
        assert!(!cal.covers(d("2030-10-01")));
        assert!(cal.is_workday(d("2030-10-01"))); // a Tuesday; no holiday data for 2030
        assert_eq!(cal.add_working_days(d("2030-10-04"), 1), d("2030-10-07"));
        assert_eq!(cal.years(), Some((2007, 2027)));
    }

    #[test]
    fn every_shipped_year_parses() {
        let cal = Calendar::from_json_years(SHIPPED.iter().copied()).unwrap();
        assert!(cal.special.len() > 21 * 20);
    }
}
