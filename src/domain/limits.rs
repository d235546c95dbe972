//! Time limits (办理时限) per category, in working days, from `data/time-limits.toml`.

use super::calendar::Calendar;
use super::order::{Category, Order};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimits {
    pub inquiry: u32,
    pub suggestion: u32,
    pub request: u32,
}

const SHIPPED: &str = include_str!("../../data/time-limits.toml");

impl TimeLimits {
    /// The limits shipped in `data/time-limits.toml` (compiled in).
    pub fn shipped() -> TimeLimits {
        // Covered by a test; the fallback only guards against a broken build.
        TimeLimits::parse(SHIPPED).unwrap_or(TimeLimits {
            inquiry: 3,
            suggestion: 15,
            request: 10,
        })
    }

    pub fn parse(text: &str) -> Result<TimeLimits, String> {
        let t: TimeLimits = toml::from_str(text).map_err(|e| format!("time limits: {e}"))?;
        for (name, v) in [
            ("inquiry", t.inquiry),
            ("suggestion", t.suggestion),
            ("request", t.request),
        ] {
            if v == 0 || v > 365 {
                return Err(format!(
                    "time limits: {name} = {v} is not between 1 and 365 working days"
                ));
            }
        }
        Ok(t)
    }

    pub fn days(&self, c: Category) -> u32 {
        match c {
            Category::Inquiry => self.inquiry,
            Category::Suggestion => self.suggestion,
            Category::Request => self.request,
        }
    }
}

/// The warning levels (预警) of a running time limit: the percent of the limit used at which
/// the office is warned, the highest reached first.
pub const WARN_AT: [u32; 3] = [90, 80, 60];

/// **limit used**: of the N working days from the dispatch day to the deadline (the working
/// days in (dispatch day, deadline], `Calendar::working_days_left`), the share gone by today,
/// today counted: 100 × (N − days left) / N, rounded down; 100 on the deadline day. None when
/// the limit has no working day (N = 0) or has passed (the order is late: no warning, it is
/// overdue).
pub fn limit_used(
    cal: &Calendar,
    dispatched: NaiveDate,
    deadline: NaiveDate,
    today: NaiveDate,
) -> Option<u32> {
    let n = cal.working_days_left(dispatched, deadline);
    let left = cal.working_days_left(today, deadline);
    if n <= 0 || left < 0 || today < dispatched {
        return None;
    }
    let used = (n - left).clamp(0, n);
    u32::try_from(100 * used / n).ok()
}

/// **limit warning** of an order at `now`: the highest of `WARN_AT` its limit used has
/// reached, while the unit's clock runs (dispatched or handling: `Status::clock_runs`) and
/// the order is not late. The deadline is the current one (an approved extension or a redo
/// moves it); the start is the dispatch.
pub fn limit_warning(cal: &Calendar, o: &Order, now: NaiveDateTime) -> Option<u32> {
    if !o.status.clock_runs() || o.is_late(now) {
        return None;
    }
    let used = limit_used(cal, o.assigned_at?.date(), o.deadline?, now.date())?;
    WARN_AT.into_iter().find(|w| used >= *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_file_parses() {
        let t = TimeLimits::parse(SHIPPED).unwrap();
        assert_eq!(t, TimeLimits::shipped());
        assert!(t.inquiry < t.request);
    }

    #[test]
    fn rejects_zero_and_unknown_keys() {
        assert!(TimeLimits::parse("inquiry=0\nsuggestion=1\nrequest=1").is_err());
        assert!(TimeLimits::parse("inquiry=1\nsuggestion=1\nrequest=1\nfoo=2").is_err());
    }

    #[test]
    fn warnings_at_60_80_90_percent_of_the_working_days() {
        let cal = Calendar::weekends_only();
        let d = |s: &str| crate::domain::time::parse_date(s).unwrap_or_default();
        // Dispatched Monday 2017-11-06, 10 working days: the deadline is Monday 11-20.
        let start = d("2017-11-06");
        let deadline = cal.add_working_days(start, 10);
        assert_eq!(deadline, d("2017-11-20"));
        let used = |today: &str| limit_used(&cal, start, deadline, d(today));
        assert_eq!(used("2017-11-06"), Some(0));
        // Day 1 is Tuesday; day 4 (Fri 11-10): 4 of 10 used; the weekend uses none.
        assert_eq!(used("2017-11-10"), Some(40));
        assert_eq!(used("2017-11-12"), Some(40));
        // Day 6 (Tue 11-14): 60 %; day 8 (Thu): 80 %; day 9 (Fri): 90 %; the deadline: 100 %.
        assert_eq!(used("2017-11-13"), Some(50));
        assert_eq!(used("2017-11-14"), Some(60));
        assert_eq!(used("2017-11-16"), Some(80));
        assert_eq!(used("2017-11-17"), Some(90));
        assert_eq!(used("2017-11-20"), Some(100));
        // Past the deadline: late, not a warning.
        assert_eq!(used("2017-11-21"), None);
        // Three working days (an inquiry): day 2 is 66 %, day 3 100 %.
        let short = cal.add_working_days(start, 3);
        assert_eq!(limit_used(&cal, start, short, d("2017-11-07")), Some(33));
        assert_eq!(limit_used(&cal, start, short, d("2017-11-08")), Some(66));
        assert_eq!(limit_used(&cal, start, short, short), Some(100));
        // Same-day limit: no working day to share.
        assert_eq!(limit_used(&cal, start, start, start), None);
        let level = |u: u32| WARN_AT.into_iter().find(|w| u >= *w);
        assert_eq!(level(59), None);
        assert_eq!(level(66), Some(60));
        assert_eq!(level(85), Some(80));
        assert_eq!(level(100), Some(90));
    }
}
