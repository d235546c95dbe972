//! Time limits (办理时限) per category, in working days, from `data/time-limits.toml`.

use super::order::Category;
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
}
