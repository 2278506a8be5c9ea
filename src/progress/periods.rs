//! Weeks that differ from the usual: time away (no study) and busy or free periods with other
//! hours a week. Every projection, this week's plan and the calendar ask [`State::hours_on`]
//! and [`State::hours_in_week`], so that they can never disagree about a week.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::State;
use super::profile::{ProfileError, check_hours_per_week};

/// The last day a period may name: a period "from a day on" ends here.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2200, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// The first day a period may name.
const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// `period` when it keeps the rules of a period: it ends on or after the day it starts, both
/// between 1970 and [`LAST_DAY`], with hours a week from 0 to 168. The one check the commands,
/// the window and the merge of another machine's records all make.
pub fn check_period(period: &Period) -> Result<&Period, ProfileError> {
    for day in [period.from, period.to] {
        if !(FIRST_DAY..=LAST_DAY).contains(&day) {
            return Err(ProfileError::Period(format!(
                "{day} is not a day a plan can hold: give one from 1970 to 2200"
            )));
        }
    }
    if period.to < period.from {
        return Err(ProfileError::Period(format!(
            "it ends on {} before it starts on {}",
            period.to, period.from
        )));
    }
    check_hours_per_week(period.hours_per_week)?;
    Ok(period)
}

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

    /// Whether it runs on with no end the learner gave ("from 1 Mar on").
    pub fn is_open_ended(&self) -> bool {
        self.to >= LAST_DAY
    }

    /// Its days, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// How long it lasts, in the learner's words: "4 weeks", "10 days", "1 day".
    pub fn length_words(&self) -> String {
        match self.days() {
            1 => "1 day".to_owned(),
            7 => "1 week".to_owned(),
            d if d % 7 == 0 => format!("{} weeks", d / 7),
            d => format!("{d} days"),
        }
    }

    /// The period in a few words, the same in the window, on the command line and in an
    /// undo: "4 weeks away from 21 Dec 2026", "3 h a week for 2 weeks from 1 Mar 2027",
    /// "10 h a week from 1 Mar 2027 on".
    pub fn words(&self) -> String {
        let from = day_words(self.from);
        match (self.is_away(), self.is_open_ended()) {
            (true, true) => format!("away from {from} on"),
            (true, false) => format!("{} away from {from}", self.length_words()),
            (false, true) => format!("{} h a week from {from} on", hours(self.hours_per_week)),
            (false, false) => format!(
                "{} h a week for {} from {from}",
                hours(self.hours_per_week),
                self.length_words()
            ),
        }
    }

    /// Its days as a range: "21 Dec 2026 to 17 Jan 2027", "from 1 Mar 2027 on".
    pub fn range_words(&self) -> String {
        if self.is_open_ended() {
            format!("from {} on", day_words(self.from))
        } else {
            format!("{} to {}", day_words(self.from), day_words(self.to))
        }
    }
}

/// "21 Dec 2026".
fn day_words(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// "9.5", "10".
fn hours(h: f64) -> String {
    let text = format!("{:.2}", (h * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The last day of the time away that `day` starts, as "You're away until …" says it:
/// "Sun 3 Jan", with the year when it is not `today`'s.
pub fn until_words(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() || (day - today).num_days() < 180 {
        day.format("%a %-d %b").to_string()
    } else {
        day.format("%a %-d %b %Y").to_string()
    }
}

impl State {
    /// The period that sets `day`'s hours: of several that cover it, the one added last.
    pub fn period_on(&self, day: NaiveDate) -> Option<&Period> {
        self.periods.iter().rev().find(|p| p.contains(day))
    }

    /// The hours a week that hold on `day`: its period's, else the learner's usual ones.
    pub fn hours_per_week_on(&self, day: NaiveDate) -> f64 {
        self.period_on(day)
            .map_or(self.hours_per_week, |p| p.hours_per_week)
    }

    /// The hours the learner has on `day`: a seventh of that day's hours a week.
    pub fn hours_on(&self, day: NaiveDate) -> f64 {
        self.hours_per_week_on(day) / 7.0
    }

    /// The hours the learner has in the seven days from `start`.
    pub fn hours_in_week(&self, start: NaiveDate) -> f64 {
        let weekly: Vec<f64> = (0..7)
            .filter_map(|i| start.checked_add_days(Days::new(i)))
            .map(|d| self.hours_per_week_on(d))
            .collect();
        // A week of one number of hours a week has exactly those: summing sevenths would
        // leave a last bit of rounding in plans that print hours.
        if weekly.len() == 7 && weekly.iter().all(|h| h.to_bits() == weekly[0].to_bits()) {
            return weekly[0];
        }
        weekly.iter().map(|h| h / 7.0).sum()
    }

    /// The time away that `day` falls in, if any.
    pub fn away_on(&self, day: NaiveDate) -> Option<&Period> {
        self.period_on(day).filter(|p| p.is_away())
    }

    /// When `day` is away, the last day of the time away it falls in, periods that follow on
    /// from one another counted as one: what "You're away until …" names.
    pub fn away_until(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.away_on(day)?;
        let runs = self.runs();
        let at = runs.partition_point(|r| r.from <= day).saturating_sub(1);
        let mut last = day;
        for (k, run) in runs.iter().enumerate().skip(at) {
            if !run.period.is_some_and(|i| self.periods[i].is_away()) {
                break;
            }
            // A run ends the day before the next begins; away runs never end the list.
            last = runs
                .get(k + 1)
                .and_then(|next| next.from.pred_opt())
                .unwrap_or(last);
        }
        Some(last)
    }

    /// The calendar cut into runs of days that one period (or none) decides, oldest first:
    /// each run lasts until the next begins, the last one (decided by none) forever; days
    /// before the first run are decided by none. The same rule as [`Self::period_on`] (the
    /// period added last decides), found in one sweep over the periods' ends, so that a plan
    /// costs `n log n` in the periods however many another machine's records hold.
    pub fn runs(&self) -> Vec<Run> {
        let mut ends: Vec<(NaiveDate, bool, usize)> = Vec::with_capacity(self.periods.len() * 2);
        for (i, p) in self.periods.iter().enumerate() {
            ends.push((p.from, true, i));
            if let Some(after) = p.to.succ_opt() {
                ends.push((after, false, i));
            }
        }
        ends.sort_unstable();
        let mut covering: std::collections::BTreeSet<usize> = Default::default();
        let mut runs: Vec<Run> = Vec::new();
        let mut k = 0;
        while k < ends.len() {
            let day = ends[k].0;
            while k < ends.len() && ends[k].0 == day {
                let (_, starts, i) = ends[k];
                if starts {
                    covering.insert(i);
                } else {
                    covering.remove(&i);
                }
                k += 1;
            }
            let period = covering.last().copied();
            if runs.last().is_none_or(|r| r.period != period) {
                runs.push(Run { from: day, period });
            }
        }
        runs
    }
}

/// Days from `from` on, until the next run, decided by one period (its index in
/// [`State::periods`]) or by none (the usual hours a week).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub from: NaiveDate,
    pub period: Option<usize>,
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

    #[test]
    fn the_runs_agree_with_period_on_for_every_day() {
        let mut state = State::default();
        for (from, to, hours) in [
            ("2026-12-10", "2026-12-20", 0.0),
            ("2026-12-14", "2026-12-15", 14.0),
            ("2026-12-01", "2026-12-31", 3.0),
            ("2026-12-18", "2027-01-03", 0.0),
            ("2026-12-25", "2026-12-25", 5.0),
        ] {
            state.periods.push(Period {
                from: d(from),
                to: d(to),
                hours_per_week: hours,
            });
        }
        let runs = state.runs();
        let mut day = d("2026-11-25");
        while day < d("2027-01-10") {
            let at = runs.partition_point(|r| r.from <= day);
            let by_runs = at.checked_sub(1).and_then(|k| runs[k].period);
            let by_rule = state.period_on(day).map(|p| p as *const Period);
            assert_eq!(
                by_runs.map(|i| &state.periods[i] as *const Period),
                by_rule,
                "{day}"
            );
            day = day.succ_opt().unwrap();
        }
        assert_eq!(state.away_until(d("2026-12-26")), Some(d("2027-01-03")));
        assert_eq!(state.away_until(d("2026-12-25")), None, "5 h that day");
        assert_eq!(state.away_until(d("2026-12-24")), Some(d("2026-12-24")));
    }
}
