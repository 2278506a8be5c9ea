//! The learner's days as the planner counts them: hours of work turned into the day they end
//! by, through time away and weeks of other hours, and reviews that fall due while away moved
//! to the weeks after. Built once per plan from [`State::runs`] (the rule of
//! [`State::period_on`] and [`State::hours_on`]), so that every date of the plan reads the
//! days as this week's plan and the calendar export do.

use chrono::{Days, NaiveDate};

use crate::progress::State;

/// The most days after a break that the reviews due during it are spread over.
pub const REVIEW_SPREAD_DAYS: i64 = 28;

/// A run of days with the same hours a week.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Stretch {
    from: NaiveDate,
    hours_per_week: f64,
    /// Its hours are a period's, not the learner's usual ones.
    set_by_period: bool,
}

/// The days from today on, by their hours, and the time away.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Calendar {
    today: NaiveDate,
    /// The learner's usual hours a week.
    usual: f64,
    /// From today, each run of days with one number of hours a week; the last runs on forever.
    stretches: Vec<Stretch>,
    /// Every time away, past or coming, runs that touch merged: `(first day, last day)`, oldest
    /// first.
    away: Vec<(NaiveDate, NaiveDate)>,
}

impl Calendar {
    /// The calendar of `state`'s hours and periods, from `today`: one sweep over the periods
    /// ([`State::runs`], the rule of [`State::period_on`]), so `n log n` in them.
    pub fn new(state: &State, today: NaiveDate) -> Self {
        let runs = state.runs();
        let period = |i: Option<usize>| i.and_then(|i| state.periods.get(i));
        let mut away: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        for pair in runs.windows(2) {
            if !period(pair[0].period).is_some_and(|p| p.is_away()) {
                continue;
            }
            let (start, end) = (pair[0].from, pair[1].from);
            let last = end.pred_opt().unwrap_or(end);
            match away.last_mut() {
                Some((_, to)) if to.succ_opt() == Some(start) => *to = last,
                _ => away.push((start, last)),
            }
        }

        // From the run that holds today on.
        let first = runs.partition_point(|r| r.from <= today);
        let today_run = first.checked_sub(1).and_then(|k| runs[k].period);
        let starts = std::iter::once((today, today_run))
            .chain(runs[first..].iter().map(|r| (r.from, r.period)));
        let mut stretches: Vec<Stretch> = Vec::new();
        for (from, decided_by) in starts {
            let stretch = Stretch {
                from,
                hours_per_week: period(decided_by)
                    .map_or(state.hours_per_week, |p| p.hours_per_week),
                set_by_period: decided_by.is_some(),
            };
            let same = stretches.last().is_some_and(|s| {
                s.hours_per_week.to_bits() == stretch.hours_per_week.to_bits()
                    && s.set_by_period == stretch.set_by_period
            });
            if !same {
                stretches.push(stretch);
            }
        }
        Self {
            today,
            usual: state.hours_per_week,
            stretches,
            away,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Whether the learner's usual hours a week are a number above 0: without them no date
    /// can be projected (a goal is then [`super::Outlook::NoCapacity`]).
    pub fn has_capacity(&self) -> bool {
        usable(self.usual)
    }

    /// The day `hours` of work end by, working from today: today plus the days it takes, each
    /// day giving a seventh of its hours a week, time away none. With no periods this is
    /// `today + ceil(hours / hours_per_week * 7)` days. `None` without usual hours a week; a
    /// date past the calendar's end is its last day.
    ///
    /// One step per run of days with the same hours, never one per day.
    pub fn date_for(&self, hours: f64) -> Option<NaiveDate> {
        if !self.has_capacity() {
            return None;
        }
        let mut left = hours;
        for (k, s) in self.stretches.iter().enumerate() {
            let end = self.stretches.get(k + 1).map(|next| next.from);
            let days_in = end.map(|end| (end - s.from).num_days() as f64);
            if !usable(s.hours_per_week) {
                continue;
            }
            // Less a hair: the closed forms' last bit of rounding must not add a day to whole
            // hours.
            let days = (left / s.hours_per_week * 7.0 - 1e-9).ceil().max(0.0);
            match days_in {
                Some(n) if days > n => left -= s.hours_per_week * n / 7.0,
                // `as` saturates (and maps NaN to 0); that far is past the calendar anyway.
                _ => {
                    return Some(
                        s.from
                            .checked_add_days(Days::new(days as u64))
                            .unwrap_or(NaiveDate::MAX),
                    );
                }
            }
        }
        // The last stretch runs on forever, and has the usual hours, which are usable.
        Some(NaiveDate::MAX)
    }

    /// The usual hours a week at which `hours` of work end on or before `target`, rounded up
    /// to half an hour: the days of periods give their own hours whatever the usual ones are.
    /// `None` when the target is not after today, no day before it takes the usual hours, or
    /// it needs more hours than a week has.
    pub fn needed_hours(&self, hours: f64, target: NaiveDate) -> Option<f64> {
        if target <= self.today {
            return None;
        }
        let (mut fixed, mut usual_days) = (0.0, 0i64);
        for (k, s) in self.stretches.iter().enumerate() {
            if s.from >= target {
                break;
            }
            let end = self
                .stretches
                .get(k + 1)
                .map_or(target, |next| next.from.min(target));
            let days = (end - s.from).num_days();
            if s.set_by_period {
                fixed += s.hours_per_week * days as f64 / 7.0;
            } else {
                usual_days += days;
            }
        }
        if usual_days == 0 {
            return None;
        }
        let weekly = ((hours - fixed).max(0.0) * 7.0 / usual_days as f64 * 2.0).ceil() / 2.0;
        (weekly <= crate::progress::profile::MAX_HOURS_PER_WEEK).then_some(weekly.max(0.5))
    }

    /// The day a review due on `due` is asked for: a review that falls due while away comes
    /// after the break, at the same share of the way through the [`REVIEW_SPREAD_DAYS`] (or,
    /// for a shorter break, as many days as it lasted) after it as it was through the break;
    /// so reviews due across a break are spread over the weeks after it, in their order, not
    /// heaped on the first day back. A review overdue when a break that holds today began
    /// comes on the first day back.
    pub fn review_day(&self, due: NaiveDate) -> NaiveDate {
        let mut day = due;
        if let Some((from, _)) = self.away_holding(self.today)
            && day < from
        {
            day = from;
        }
        // Each move lands past the end of the time away it left: a few binary searches.
        while let Some((from, to)) = self.away_holding(day) {
            let length = (to - from).num_days() + 1;
            let spread = length.min(REVIEW_SPREAD_DAYS);
            let offset = (day - from).num_days() * spread / length;
            day = match to.checked_add_days(Days::new(1 + offset as u64)) {
                Some(next) => next,
                None => return NaiveDate::MAX,
            };
        }
        day
    }

    /// The time away that holds `day`, if any.
    fn away_holding(&self, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let k = self.away.partition_point(|&(from, _)| from <= day);
        k.checked_sub(1)
            .map(|k| self.away[k])
            .filter(|&(_, to)| day <= to)
    }

    /// Whether any time away is known: reviews may then move.
    pub fn has_time_away(&self) -> bool {
        !self.away.is_empty()
    }
}

fn usable(hours_per_week: f64) -> bool {
    hours_per_week.is_finite() && hours_per_week > 0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Period;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn state(periods: Vec<Period>) -> State {
        State {
            hours_per_week: 7.0,
            periods,
            ..State::default()
        }
    }

    #[test]
    fn without_periods_a_date_is_today_plus_the_days_the_hours_take() {
        let c = Calendar::new(&state(Vec::new()), d("2026-12-07"));
        assert_eq!(c.date_for(7.0), Some(d("2026-12-14")));
        assert_eq!(c.date_for(0.5), Some(d("2026-12-08")));
        assert_eq!(c.date_for(0.0), Some(d("2026-12-07")));
        assert_eq!(c.needed_hours(14.0, d("2026-12-14")), Some(14.0));
    }

    #[test]
    fn four_weeks_away_move_a_date_by_four_weeks() {
        let today = d("2026-12-07");
        let before = Calendar::new(&state(Vec::new()), today);
        let away = Period::away(d("2026-12-21"), d("2027-01-17"));
        let after = Calendar::new(&state(vec![away]), today);
        for hours in [20.0, 70.0, 300.0] {
            let (b, a) = (
                before.date_for(hours).unwrap(),
                after.date_for(hours).unwrap(),
            );
            assert_eq!((a - b).num_days(), 28, "{hours} h: {b} then {a}");
        }
        // Work that ends before the break does not move.
        assert_eq!(after.date_for(7.0), before.date_for(7.0));
        // Away from today: nothing is done until the day after the break.
        let now = Calendar::new(&state(vec![Period::away(today, d("2026-12-13"))]), today);
        assert_eq!(now.date_for(1.0), Some(d("2026-12-15")));
    }

    #[test]
    fn a_busy_period_gives_its_own_hours_and_the_advice_counts_them() {
        let today = d("2026-12-07");
        let busy = Period {
            from: today,
            to: d("2026-12-13"),
            hours_per_week: 14.0,
        };
        let c = Calendar::new(&state(vec![busy]), today);
        // 14 h in the first week, then 7 h a week.
        assert_eq!(c.date_for(14.0), Some(d("2026-12-14")));
        assert_eq!(c.date_for(21.0), Some(d("2026-12-21")));
        // By the 21st: 14 h of the busy week, so 7 more in a usual week need 7 h a week.
        assert_eq!(c.needed_hours(21.0, d("2026-12-21")), Some(7.0));
        // A target inside the busy week leaves no usual day to raise.
        assert_eq!(c.needed_hours(21.0, d("2026-12-10")), None);
    }

    #[test]
    fn reviews_due_while_away_are_spread_over_the_weeks_after_in_their_order() {
        let away = Period::away(d("2026-12-21"), d("2027-01-17"));
        let c = Calendar::new(&state(vec![away]), d("2026-12-07"));
        let days: Vec<NaiveDate> = ["2026-12-21", "2026-12-28", "2027-01-04", "2027-01-17"]
            .map(|due| c.review_day(d(due)))
            .to_vec();
        assert_eq!(
            days,
            ["2027-01-18", "2027-01-25", "2027-02-01", "2027-02-14"].map(d)
        );
        assert_eq!(c.review_day(d("2026-12-20")), d("2026-12-20"));
        assert_eq!(c.review_day(d("2027-01-18")), d("2027-01-18"));
    }

    #[test]
    fn ten_thousand_periods_from_another_machine_plan_at_once() {
        let start = d("2026-12-07");
        let periods = (0..10_000u64)
            .map(|i| {
                let from = start + Days::new(i * 3);
                Period {
                    from,
                    to: from + Days::new(4),
                    hours_per_week: (i % 3) as f64,
                }
            })
            .collect();
        let state = state(periods);
        let began = std::time::Instant::now();
        let c = Calendar::new(&state, start);
        assert!(c.date_for(1_000.0).is_some());
        assert_eq!(state.away_until(start), Some(start + Days::new(2)));
        // Quadratic work would take minutes here; this is milliseconds even in debug builds.
        assert!(began.elapsed().as_secs() < 5, "{:?}", began.elapsed());
    }

    #[test]
    fn periods_that_follow_on_are_one_time_away() {
        let periods = vec![
            Period::away(d("2026-12-21"), d("2026-12-27")),
            Period::away(d("2026-12-28"), d("2027-01-03")),
        ];
        let c = Calendar::new(&state(periods), d("2026-12-07"));
        assert_eq!(c.away, vec![(d("2026-12-21"), d("2027-01-03"))]);
        assert_eq!(c.review_day(d("2026-12-28")), d("2027-01-11"));
    }
}
