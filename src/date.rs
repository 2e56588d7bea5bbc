//! Dates as honest as the sources: a year, a month or a day; a range;
//! "about" a date; "after"/"before" a date; or unknown.
//!
//! Parsing only: this module turns the text a user wrote into a [`Date`] and
//! says what is wrong with bad text. It never guesses a date that was not written.

use std::fmt;

/// A calendar date at the precision it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Day {
    /// First month covered, in months since year 0.
    pub fn first_month(&self) -> i64 {
        self.year as i64 * 12 + self.month.map_or(0, |m| m as i64 - 1)
    }

    /// Last month covered, in months since year 0.
    pub fn last_month(&self) -> i64 {
        self.year as i64 * 12 + self.month.map_or(11, |m| m as i64 - 1)
    }

    /// First day covered, in days since 1970-01-01 (a year starts on
    /// 1 January, a month on its 1st).
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day covered, in days since 1970-01-01 (a year ends on
    /// 31 December, a month on its last day).
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        days_from_civil(self.year, month, day)
    }

    /// The same day `years` later (earlier when negative), its day of the
    /// month clamped to the month's length (29 February to 28 February).
    fn shifted(&self, years: i32) -> Day {
        let year = self.year + years;
        let day = match (self.month, self.day) {
            (Some(m), Some(d)) => Some(d.min(days_in_month(year, m))),
            (_, d) => d,
        };
        Day {
            year,
            month: self.month,
            day,
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = year as i64 - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A model's date with its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Date {
    Unknown,
    On(Day),
    /// "about 2018": within a year either side.
    About(Day),
    /// "2022-04 to 2022-07": somewhere in, or throughout, the range.
    Range(Day, Day),
    /// "after 2021-07": no later bound known.
    After(Day),
    /// "before 2022": no earlier bound known.
    Before(Day),
}

/// How far "about" reaches either side, in months.
const ABOUT_SLACK: i64 = 12;

impl Date {
    /// The earliest and latest month the date allows, if bounded.
    pub fn bounds(&self) -> (Option<i64>, Option<i64>) {
        match *self {
            Date::Unknown => (None, None),
            Date::On(d) => (Some(d.first_month()), Some(d.last_month())),
            Date::About(d) => (
                Some(d.first_month() - ABOUT_SLACK),
                Some(d.last_month() + ABOUT_SLACK),
            ),
            Date::Range(a, b) => (Some(a.first_month()), Some(b.last_month())),
            Date::After(d) => (Some(d.first_month()), None),
            Date::Before(d) => (None, Some(d.last_month())),
        }
    }

    /// The earliest and latest day the date allows, if bounded, in days
    /// since 1970-01-01: the full precision written ("2023-11-02" is one
    /// day, "2023-11" thirty, "2023" a year; "about" reaches a year either
    /// side). Checks compare dates by these.
    pub fn day_bounds(&self) -> (Option<i64>, Option<i64>) {
        (self.earliest_day(), self.latest_day())
    }

    /// The first of [`Date::day_bounds`], alone (checks compare one bound
    /// of each of two dates, for every derivation).
    fn earliest_day(&self) -> Option<i64> {
        match *self {
            Date::Unknown | Date::Before(_) => None,
            Date::On(d) | Date::After(d) => Some(d.first_day()),
            Date::About(d) => Some(d.shifted(-1).first_day()),
            Date::Range(a, _) => Some(a.first_day()),
        }
    }

    /// The second of [`Date::day_bounds`], alone.
    fn latest_day(&self) -> Option<i64> {
        match *self {
            Date::Unknown | Date::After(_) => None,
            Date::On(d) | Date::Before(d) => Some(d.last_day()),
            Date::About(d) => Some(d.shifted(1).last_day()),
            Date::Range(_, b) => Some(b.last_day()),
        }
    }

    /// Whether this date is certainly before `other`: its latest possible
    /// day is earlier than `other`'s earliest (fuzzy dates compared by their
    /// widest bounds, at the precision written). Unknown or open ends never are.
    pub fn surely_before(&self, other: &Date) -> bool {
        match (self.latest_day(), other.earliest_day()) {
            (Some(hi), Some(lo)) => hi < lo,
            _ => false,
        }
    }

    /// Where a timeline puts the model: `(start, end)` in months since year 0.
    /// A point for most dates; a span for a range. `None` when unknown.
    pub fn span(&self) -> Option<(f64, f64)> {
        let mid = |d: Day| (d.first_month() + d.last_month()) as f64 / 2.0;
        match *self {
            Date::Unknown => None,
            Date::On(d) | Date::About(d) => Some((mid(d), mid(d))),
            Date::Range(a, b) => Some((a.first_month() as f64, b.last_month() as f64)),
            Date::After(d) => Some((d.last_month() as f64 + 1.0, d.last_month() as f64 + 1.0)),
            Date::Before(d) => Some((d.first_month() as f64 - 1.0, d.first_month() as f64 - 1.0)),
        }
    }

    /// A key for sorting by date (where a timeline puts it, in tenths of a
    /// month): unknown dates sort last.
    pub fn sort_key(&self) -> (bool, i64) {
        match self.span() {
            Some((start, _)) => (false, (start * 10.0).round() as i64),
            None => (true, 0),
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Date::Unknown)
    }

    pub fn is_fuzzy(&self) -> bool {
        !matches!(self, Date::On(_) | Date::Unknown)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Date::Unknown => f.write_str("date unknown"),
            Date::On(d) => write!(f, "{d}"),
            Date::About(d) => write!(f, "about {d}"),
            Date::Range(a, b) => write!(f, "{a} to {b}"),
            Date::After(d) => write!(f, "after {d}"),
            Date::Before(d) => write!(f, "before {d}"),
        }
    }
}

impl Date {
    /// The same, in Chinese.
    pub fn to_zh(&self) -> String {
        match self {
            Date::Unknown => "日期不详".into(),
            Date::On(d) => d.to_string(),
            Date::About(d) => format!("约 {d}"),
            Date::Range(a, b) => format!("{a} 至 {b}"),
            Date::After(d) => format!("{d} 之后"),
            Date::Before(d) => format!("{d} 之前"),
        }
    }
}

/// Why a date text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

/// Parse the date forms listed on [`Date`]. Empty text and "unknown" are unknown.
pub fn parse(text: &str) -> Result<Date, DateError> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("unknown") || t == "?" {
        return Ok(Date::Unknown);
    }
    if let Some(rest) = strip_word(t, "about").or_else(|| t.strip_prefix('~')) {
        return Ok(Date::About(day(rest)?));
    }
    if let Some(rest) = strip_word(t, "after") {
        return Ok(Date::After(day(rest)?));
    }
    if let Some(rest) = strip_word(t, "before") {
        return Ok(Date::Before(day(rest)?));
    }
    if let Some((a, b)) = t.split_once(" to ").or_else(|| t.split_once("..")) {
        let (a, b) = (day(a)?, day(b)?);
        let days_reversed = a.day.is_some() && b.day.is_some() && a > b;
        if b.last_month() < a.first_month() || days_reversed {
            return Err(DateError(format!(
                "the range ends ({b}) before it starts ({a})"
            )));
        }
        return Ok(Date::Range(a, b));
    }
    Ok(Date::On(day(t)?))
}

fn strip_word<'a>(t: &'a str, word: &str) -> Option<&'a str> {
    let head = t.get(..word.len())?;
    let rest = &t[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with(' ')).then(|| rest.trim())
}

/// "YYYY", "YYYY-MM" or "YYYY-MM-DD".
fn day(text: &str) -> Result<Day, DateError> {
    let t = text.trim();
    let bad = || {
        DateError(format!(
            "`{t}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let mut parts = t.split('-');
    let year = number(parts.next(), 4).ok_or_else(bad)?;
    let month = parts
        .next()
        .map(|p| number(Some(p), 2).ok_or_else(bad))
        .transpose()?;
    let dom = parts
        .next()
        .map(|p| number(Some(p), 2).ok_or_else(bad))
        .transpose()?;
    if parts.next().is_some() {
        return Err(bad());
    }
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return Err(DateError(format!("month {m} in `{t}` is not 1 to 12")));
        }
    }
    if let (Some(m), Some(d)) = (month, dom) {
        let last = days_in_month(year as i32, m as u8);
        if d == 0 || d > last as u32 {
            return Err(DateError(format!("day {d} in `{t}` is not 1 to {last}")));
        }
    }
    Ok(Day {
        year: year as i32,
        month: month.map(|m| m as u8),
        day: dom.map(|d| d as u8),
    })
}

fn number(part: Option<&str>, digits: usize) -> Option<u32> {
    let p = part?;
    (p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))
        .then(|| p.parse().ok())
        .flatten()
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: Option<u8>) -> Day {
        Day {
            year,
            month,
            day: None,
        }
    }

    #[test]
    fn reads_every_precision() {
        assert_eq!(parse("2018"), Ok(Date::On(d(2018, None))));
        assert_eq!(parse("2020-07"), Ok(Date::On(d(2020, Some(7)))));
        assert_eq!(
            parse("2020-07-11").map(|x| x.to_string()),
            Ok("2020-07-11".to_string())
        );
        assert_eq!(parse("about 2018"), Ok(Date::About(d(2018, None))));
        assert_eq!(parse("~2018"), Ok(Date::About(d(2018, None))));
        assert_eq!(parse("after 2021-07"), Ok(Date::After(d(2021, Some(7)))));
        assert_eq!(
            parse("2022-04 to 2022-07"),
            Ok(Date::Range(d(2022, Some(4)), d(2022, Some(7))))
        );
        assert_eq!(parse("unknown"), Ok(Date::Unknown));
        assert_eq!(parse(""), Ok(Date::Unknown));
    }

    #[test]
    fn rejects_bad_dates() {
        assert!(parse("2022-13").is_err());
        assert!(parse("2022-02-30").is_err());
        assert!(parse("July 2020").is_err());
        assert!(parse("2022-07 to 2022-04").is_err());
        assert!(parse("20-07").is_err());
    }

    #[test]
    fn bounds_are_honest() {
        assert_eq!(
            parse("2020").unwrap().bounds(),
            (Some(2020 * 12), Some(2020 * 12 + 11))
        );
        assert_eq!(parse("after 2021-07").unwrap().bounds().1, None);
        let about = parse("about 2018").unwrap().bounds();
        assert_eq!(about, (Some(2017 * 12), Some(2019 * 12 + 11)));
    }

    #[test]
    fn days_are_counted_from_1970() {
        assert_eq!(
            parse("1970-01-01").unwrap().day_bounds(),
            (Some(0), Some(0))
        );
        assert_eq!(
            parse("2000-03-01").unwrap().day_bounds().0,
            Some(11_017),
            "2000 is a leap year"
        );
        assert_eq!(
            parse("2024-02").unwrap().day_bounds(),
            (Some(19_754), Some(19_782))
        );
        let year = parse("1969").unwrap().day_bounds();
        assert_eq!(year, (Some(-365), Some(-1)));
    }

    #[test]
    fn comparisons_use_the_precision_written() {
        let before = |a: &str, b: &str| parse(a).unwrap().surely_before(&parse(b).unwrap());
        // Issue 15: days count.
        assert!(before("2023-11-02", "2023-11-29"));
        assert!(!before("2023-11-29", "2023-11-02"));
        assert!(!before("2023-11-02", "2023-11-02"));
        // A coarser date covers its whole month or year.
        assert!(!before("2023-11", "2023-11-29"));
        assert!(!before("2023", "2023-11-29"));
        assert!(before("2023-10-31", "2023-11"));
        assert!(before("2022", "2023-01-01"));
        // "about" reaches a year either side, to the day.
        assert!(!before("about 2023-11-02", "2024-11-02"));
        assert!(before("about 2023-11-02", "2024-11-03"));
        assert!(!before("about 2024-02-29", "2025-02-28"));
        // Open and unknown ends are never surely before anything.
        assert!(!before("after 2020", "2021"));
        assert!(!before("unknown", "2021"));
        assert!(!before("2021", "before 2020"));
        assert!(before("before 2020", "2021"));
        assert!(before("2019-01 to 2019-12-30", "2019-12-31"));
    }
}
