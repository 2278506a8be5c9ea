//! When the learner studies: the days of the week and the time a session starts. The calendar
//! places the week's hours on these days; until the learner chooses, a default stands.

use chrono::{NaiveTime, Timelike as _, Weekday};
use serde::{Deserialize, Serialize};

use super::ProfileError;

/// The days of the week the learner studies on, and when a session starts (local time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyTimes {
    /// Monday first, each once, at least one.
    pub days: Vec<Weekday>,
    /// Whole minutes.
    pub at: NaiveTime,
}

impl Default for StudyTimes {
    /// Three evenings apart, so that no two sessions fall on consecutive days but Sunday's rest.
    fn default() -> Self {
        Self {
            days: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
            at: NaiveTime::from_hms_opt(19, 0, 0).unwrap_or_default(),
        }
    }
}

/// The days as the command line and the records spell them, Monday first.
pub const DAY_NAMES: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

/// The short name of a day: `mon`.
pub fn day_name(day: Weekday) -> &'static str {
    DAY_NAMES[day.num_days_from_monday() as usize].1
}

impl StudyTimes {
    /// Whether the learner studies on `day`.
    pub fn studies_on(&self, day: Weekday) -> bool {
        self.days.contains(&day)
    }

    /// `mon,wed,sat at 19:00`: how the command line and the log say it.
    pub fn words(&self) -> String {
        let days: Vec<&str> = self.days.iter().map(|d| day_name(*d)).collect();
        format!("{} at {}", days.join(","), self.at.format("%H:%M"))
    }

    /// Checks the rules every change and every record from another machine meets: at least
    /// one day, each once, in the week's order, and a start on a whole minute.
    pub fn check(self) -> Result<Self, ProfileError> {
        if self.days.is_empty() {
            return Err(ProfileError::StudyDays("no day".into()));
        }
        let sorted = self
            .days
            .windows(2)
            .all(|w| w[0].num_days_from_monday() < w[1].num_days_from_monday());
        if !sorted {
            return Err(ProfileError::StudyDays("a day named twice".into()));
        }
        if self.at.second() != 0 || self.at.nanosecond() != 0 {
            return Err(ProfileError::StartTime(self.at.to_string()));
        }
        Ok(self)
    }

    /// Study times from the days and start as the learner wrote them (`mon,wed,sat`, `19:00`),
    /// checked.
    pub fn parse(days: &str, at: &str) -> Result<Self, ProfileError> {
        Self {
            days: parse_days(days)?,
            at: parse_at(at)?,
        }
        .check()
    }
}

/// Reads days written as `mon,wed,sat` (any case; `monday` too), in the week's order; a day
/// named twice counts once.
pub fn parse_days(text: &str) -> Result<Vec<Weekday>, ProfileError> {
    let mut days = Vec::new();
    for word in text.split(',').map(str::trim) {
        let lower = word.to_lowercase();
        let day = DAY_NAMES
            .iter()
            .map(|(d, _)| *d)
            .find(|d| lower == day_name(*d) || lower == full_name(*d))
            .ok_or_else(|| ProfileError::StudyDays(format!("\"{word}\"")))?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    days.sort_by_key(|d: &Weekday| d.num_days_from_monday());
    Ok(days)
}

fn full_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A day as the records spell it: `mon` … `sun`, nothing else.
pub fn day_from_name(name: &str) -> Result<Weekday, ProfileError> {
    DAY_NAMES
        .iter()
        .find(|(_, short)| *short == name)
        .map(|(d, _)| *d)
        .ok_or_else(|| ProfileError::StudyDays(format!("\"{}\"", name.escape_debug())))
}

/// Reads a start time written as `19:00` or `7:30` (24-hour clock).
pub fn parse_at(text: &str) -> Result<NaiveTime, ProfileError> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| ProfileError::StartTime(format!("\"{text}\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_a_start_are_read_as_the_learner_writes_them() {
        let t = StudyTimes::parse("sat, Mon,wednesday,mon", "7:30").unwrap();
        assert_eq!(t.days, vec![Weekday::Mon, Weekday::Wed, Weekday::Sat]);
        assert_eq!(t.words(), "mon,wed,sat at 07:30");
        for bad in ["", "mo", "funday", "mon,,wed", "monx"] {
            assert!(parse_days(bad).is_err(), "{bad}");
        }
        for bad in ["25:00", "19", "7pm", "19:60", ""] {
            assert!(parse_at(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn study_times_need_a_day_each_once_in_order_and_a_whole_minute() {
        let at = NaiveTime::from_hms_opt(19, 0, 0).unwrap();
        let t = |days: Vec<Weekday>, at| StudyTimes { days, at }.check();
        assert!(t(Vec::new(), at).is_err());
        assert!(t(vec![Weekday::Wed, Weekday::Mon], at).is_err());
        assert!(t(vec![Weekday::Mon, Weekday::Mon], at).is_err());
        assert!(
            t(
                vec![Weekday::Mon],
                NaiveTime::from_hms_opt(19, 0, 1).unwrap()
            )
            .is_err()
        );
        assert!(t(vec![Weekday::Sun], at).is_ok());
        assert!(StudyTimes::default().check().is_ok());
    }
}
