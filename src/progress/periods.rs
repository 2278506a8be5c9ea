//! Weeks that differ from the usual: time away (no study) and busy or free periods with other
//! hours a week. Every projection, this week's plan and the calendar ask [`State::hours_on`]
//! and [`State::hours_in_week`], so that they can never disagree about a week.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::State;

/// A period of days, both ends included, with its own hours a week: `0` is time away.
#[derive(Clone, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub hours_per_week: f64,
}

impl Period {
    pub fn away(from: NaiveDate, to: NaiveDate) -> Self {
        Self {
            from,
            to,
            hours_per_week: 0.0,
        }
    }

    pub fn is_away(&self) -> bool {
        self.hours_per_week <= 0.0
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

impl State {
    /// The period that sets `day`'s hours: of several that cover it, the one added last.
    pub fn period_on(&self, day: NaiveDate) -> Option<&Period> {
        self.periods.iter().rev().find(|p| p.contains(day))
    }

    /// The hours the learner has on `day`: a seventh of that day's hours a week.
    pub fn hours_on(&self, day: NaiveDate) -> f64 {
        self.period_on(day)
            .map_or(self.hours_per_week, |p| p.hours_per_week)
            / 7.0
    }

    /// The hours the learner has in the seven days from `start`.
    pub fn hours_in_week(&self, start: NaiveDate) -> f64 {
        (0..7)
            .filter_map(|i| start.checked_add_days(Days::new(i)))
            .map(|d| self.hours_on(d))
            .sum()
    }

    /// The time away that `day` falls in, if any.
    pub fn away_on(&self, day: NaiveDate) -> Option<&Period> {
        self.period_on(day).filter(|p| p.is_away())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_week_counts_its_days_in_each_period() {
        let mut state = State {
            hours_per_week: 7.0,
            ..State::default()
        };
        assert_eq!(state.hours_in_week(d("2026-12-07")), 7.0);
        state
            .periods
            .push(Period::away(d("2026-12-10"), d("2026-12-20")));
        // Three days before the time away.
        assert!((state.hours_in_week(d("2026-12-07")) - 3.0).abs() < 1e-9);
        assert_eq!(state.hours_in_week(d("2026-12-14")), 0.0);
        assert!(state.away_on(d("2026-12-20")).is_some());
        assert!(state.away_on(d("2026-12-21")).is_none());
        state.periods.push(Period {
            from: d("2026-12-14"),
            to: d("2026-12-15"),
            hours_per_week: 14.0,
        });
        // The period added last decides.
        assert!((state.hours_in_week(d("2026-12-14")) - 4.0).abs() < 1e-9);
    }
}
