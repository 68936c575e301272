//! The period a table covers: a report month, and the day a table is "as of".

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A calendar month, as in `--month 2021-04`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, String> {
        let bad = || format!("\"{text}\" is not a month; write it as YYYY-MM, e.g. 2021-04");
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.is_empty() || month.len() > 2 {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
        Ok(Month { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("validated on parse")
    }

    /// The last day of the month: the form's "截至当月30日", read as month end.
    pub fn last_day(self) -> NaiveDate {
        let (year, month) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(year, month, 1)
            .and_then(|d| d.pred_opt())
            .expect("a month within chrono's range has a last day")
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        day.year() == self.year && day.month() == self.month
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Parses `--as-of`/`--date` values: `YYYY-MM-DD` (and the other date spellings the records
/// accept).
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    crate::read::fields::parse_date(text)
        .ok_or_else(|| format!("\"{text}\" is not a date that exists; write it as YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ends() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            Month::parse("2021-04").unwrap().last_day(),
            day(2021, 4, 30)
        );
        assert_eq!(
            Month::parse("2021-02").unwrap().last_day(),
            day(2021, 2, 28)
        );
        assert_eq!(
            Month::parse("2024-02").unwrap().last_day(),
            day(2024, 2, 29)
        );
        assert_eq!(
            Month::parse("2021-12").unwrap().last_day(),
            day(2021, 12, 31)
        );
        assert_eq!(Month::parse("2021-3").unwrap().to_string(), "2021-03");
    }

    #[test]
    fn bad_months() {
        for text in [
            "2021",
            "2021-13",
            "2021-00",
            "21-04",
            "2021-04-01",
            "abcd-ef",
        ] {
            assert!(Month::parse(text).is_err(), "{text}");
        }
    }
}
