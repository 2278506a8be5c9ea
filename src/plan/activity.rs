//! What the activity log says: the streak, the hours logged this week (in all and per
//! milestone), what was finished this week, and the progress curve. One pass over the log.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};

use crate::progress::{Activity, Event, MilestoneRef, Status};

/// What the dashboard needs from the activity log, as of one day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActivityStats {
    /// Days in a row with activity, ending today (or yesterday, when nothing was done yet today).
    pub streak_days: u32,
    /// This week's Monday.
    pub week_start: NaiveDate,
    /// Hours logged since this week's Monday.
    pub hours_this_week: f64,
    /// Hours logged since Monday, per milestone.
    pub logged_this_week: HashMap<MilestoneRef, f64>,
    /// Milestones marked done or skipped since Monday, in the order they were (each once).
    pub finished_this_week: Vec<MilestoneRef>,
    /// `(day, milestones done by the end of that day)`, one point per day with a change, oldest first.
    pub done_over_time: Vec<(NaiveDate, i64)>,
    /// Hours logged each day of the last [`HEATMAP_WEEKS`] weeks (this one included), by day.
    pub hours_by_day: BTreeMap<NaiveDate, f64>,
    /// Hours logged in each of the [`CONSISTENCY_WEEKS`] whole weeks before this one, oldest
    /// first; only the weeks since the learner's first work.
    pub past_weeks: Vec<f64>,
    /// The hours the learner had in each of `past_weeks` (time away and busy weeks counted,
    /// see [`Self::had_hours`]); empty when not known, when each week had the usual hours.
    pub past_week_hours: Vec<f64>,
}

/// The weeks the heatmap of days shows: about six months.
pub const HEATMAP_WEEKS: u64 = 26;

/// The whole weeks "on plan" looks back over.
pub const CONSISTENCY_WEEKS: u64 = 10;

/// A week is on plan when at least this share of the hours a week was logged in it.
pub const ON_PLAN_SHARE: f64 = 0.5;

impl ActivityStats {
    /// Notes the hours the learner had in each of the past weeks, by the week's Monday: a
    /// week away is then not counted for or against being on plan.
    pub fn had_hours(&mut self, hours_in_week: impl Fn(NaiveDate) -> f64) {
        let n = self.past_weeks.len() as u64;
        self.past_week_hours = (0..n)
            .map(|k| {
                self.week_start
                    .checked_sub_days(Days::new((n - k) * 7))
                    .map_or(0.0, &hours_in_week)
            })
            .collect();
    }

    /// Of the whole weeks before this one (at most [`CONSISTENCY_WEEKS`], since the learner
    /// began), how many had at least half of that week's hours logged: `(on plan, weeks)`. A
    /// week's hours are `hours_per_week` unless [`Self::had_hours`] said otherwise; a week
    /// with none (away all week) is left out of both counts, so time away never breaks it.
    pub fn weeks_on_plan(&self, hours_per_week: f64) -> (usize, usize) {
        let (mut on, mut weeks) = (0, 0);
        for (k, &logged) in self.past_weeks.iter().enumerate() {
            let had = self
                .past_week_hours
                .get(k)
                .copied()
                .unwrap_or(hours_per_week);
            if hours_per_week > 0.0 && had <= 0.0 {
                continue;
            }
            weeks += 1;
            if had > 0.0 && logged + 1e-9 >= had * ON_PLAN_SHARE {
                on += 1;
            }
        }
        (on, weeks)
    }

    /// The learner's consistency in words: weeks on plan, forgiving the odd one, in place of a
    /// daily streak that punishes three planned evenings a week.
    pub fn consistency_words(&self, hours_per_week: f64) -> String {
        let (on, weeks) = self.weeks_on_plan(hours_per_week);
        let half = super::hours_words(hours_per_week * ON_PLAN_SHARE);
        match weeks {
            _ if hours_per_week <= 0.0 => {
                "No hours a week set, so no week can be on plan yet.".to_owned()
            }
            0 => format!(
                "Your first week: a week is on plan when you log at least {half} h, half of your hours a week."
            ),
            1 => format!(
                "{} of your first week on plan (at least {half} h logged, half of your hours a week).",
                if on == 1 { "All" } else { "None" }
            ),
            n => format!(
                "{on} of the last {n} weeks on plan (at least {half} h logged, half of your hours a week)."
            ),
        }
    }
}

pub use crate::clock::local_day;

/// Whether an event is the learner's own work (counts for the streak).
fn is_work(event: &Event) -> bool {
    matches!(
        event,
        Event::StatusChanged { .. } | Event::HoursLogged { .. } | Event::CheckIn { .. }
    )
}

pub fn activity_stats<'a>(
    activity: impl IntoIterator<Item = &'a Activity>,
    today: NaiveDate,
) -> ActivityStats {
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let mut active_days: HashSet<NaiveDate> = HashSet::new();
    let mut hours_this_week = 0.0;
    let mut logged_this_week: HashMap<MilestoneRef, f64> = HashMap::new();
    let mut finished_this_week: Vec<MilestoneRef> = Vec::new();
    let mut done_delta: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let heatmap_from = monday - Days::new((HEATMAP_WEEKS - 1) * 7);
    let weeks_from = monday - Days::new(CONSISTENCY_WEEKS * 7);
    let mut hours_by_day: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    let mut past = [0.0; CONSISTENCY_WEEKS as usize];
    let mut first_work: Option<NaiveDate> = None;
    for a in activity {
        let day = local_day(a.at);
        if is_work(&a.event) {
            active_days.insert(day);
            first_work = Some(first_work.map_or(day, |f| f.min(day)));
        }
        if let Event::HoursLogged { hours, .. } = &a.event
            && day <= today
        {
            if day >= heatmap_from {
                *hours_by_day.entry(day).or_default() += hours;
            }
            if day >= weeks_from && day < monday {
                let week = ((day - weeks_from).num_days() / 7) as usize;
                if let Some(h) = past.get_mut(week) {
                    *h += hours;
                }
            }
        }
        match &a.event {
            Event::HoursLogged { hours, milestone } if day >= monday && day <= today => {
                hours_this_week += hours;
                *logged_this_week.entry(milestone.clone()).or_default() += hours;
            }
            Event::StatusChanged {
                from,
                to,
                milestone,
            } => {
                let delta = i64::from(*to == Status::Done) - i64::from(*from == Status::Done);
                if delta != 0 {
                    *done_delta.entry(day).or_default() += delta;
                }
                if to.is_finished()
                    && day >= monday
                    && day <= today
                    && !finished_this_week.contains(milestone)
                {
                    finished_this_week.push(milestone.clone());
                }
            }
            _ => {}
        }
    }
    let mut day = if active_days.contains(&today) {
        today
    } else {
        today - Days::new(1)
    };
    let mut streak_days = 0;
    // Bounded by the number of distinct active days, so a long log cannot loop for long.
    while active_days.contains(&day) {
        streak_days += 1;
        match day.checked_sub_days(Days::new(1)) {
            Some(d) => day = d,
            None => break,
        }
    }
    let mut total = 0;
    let done_over_time = done_delta
        .into_iter()
        .map(|(day, delta)| {
            total += delta;
            (day, total)
        })
        .collect();
    // The whole weeks since the learner began (at most the last ten): the week they began in
    // counts only when they began on its Monday.
    let began = first_work.map_or(monday, |d| {
        let week = d - Days::new(u64::from(d.weekday().num_days_from_monday()));
        if week == d { week } else { week + Days::new(7) }
    });
    let skip = if began <= weeks_from {
        0
    } else {
        (((began - weeks_from).num_days() / 7) as usize).min(past.len())
    };
    ActivityStats {
        streak_days,
        hours_by_day,
        past_weeks: past[skip..].to_vec(),
        past_week_hours: Vec::new(),
        week_start: monday,
        hours_this_week,
        logged_this_week,
        finished_this_week,
        done_over_time,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::MilestoneRef;
    use chrono::{DateTime, Local, Utc};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        let local = NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .and_then(|t| t.and_local_timezone(Local).single())
            .expect("a valid local time");
        local.with_timezone(&Utc)
    }

    fn changed(day: u32, from: Status, to: Status) -> Activity {
        Activity {
            at: at(day, 12),
            event: Event::StatusChanged {
                milestone: MilestoneRef::new("c", "m"),
                from,
                to,
            },
        }
    }

    fn hours(day: u32, h: f64) -> Activity {
        Activity {
            at: at(day, 12),
            event: Event::HoursLogged {
                milestone: MilestoneRef::new("c", "m"),
                hours: h,
            },
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("a valid day")
    }

    #[test]
    fn the_streak_counts_days_in_a_row_up_to_today_or_yesterday() {
        let log = vec![
            hours(1, 1.0),
            hours(3, 1.0),
            hours(4, 1.0),
            changed(5, Status::Todo, Status::Doing),
        ];
        assert_eq!(activity_stats(&log, day(5)).streak_days, 3);
        assert_eq!(activity_stats(&log, day(6)).streak_days, 3, "today not yet");
        assert_eq!(
            activity_stats(&log, day(7)).streak_days,
            0,
            "a missed day ends it"
        );
    }

    #[test]
    fn a_week_is_on_plan_with_half_its_hours_logged_and_only_weeks_since_the_start_count() {
        // Monday 2 March the learner began; Wednesday 25 March is today.
        let log = vec![
            hours(2, 4.0),
            hours(10, 1.0),
            hours(17, 1.0),
            hours(19, 2.0),
            hours(24, 5.0),
        ];
        let stats = activity_stats(&log, day(25));
        assert_eq!(stats.past_weeks, [4.0, 1.0, 3.0]);
        assert_eq!(
            stats.weeks_on_plan(6.0),
            (2, 3),
            "3 h of 6 is on plan; 1 h is not"
        );
        assert_eq!(
            stats.consistency_words(6.0),
            "2 of the last 3 weeks on plan (at least 3 h logged, half of your hours a week)."
        );
        // This week is not judged before it ends, and the heatmap has every day's hours.
        assert_eq!(stats.hours_by_day.get(&day(24)), Some(&5.0));
        assert_eq!(stats.hours_by_day.values().sum::<f64>(), 13.0);
        // Only ten whole weeks are looked back over.
        let long_ago = Activity {
            at: at(1, 12) - chrono::Days::new(200),
            event: Event::HoursLogged {
                milestone: MilestoneRef::new("c", "m"),
                hours: 9.0,
            },
        };
        let stats = activity_stats(std::iter::once(&long_ago).chain(&log), day(25));
        assert_eq!(stats.past_weeks.len(), 10);
        assert_eq!(stats.weeks_on_plan(6.0), (2, 10));
        assert!(
            !stats.hours_by_day.values().any(|h| *h == 9.0),
            "past the heatmap's 26 weeks"
        );
        assert!(
            activity_stats(&[], day(25))
                .consistency_words(6.0)
                .starts_with("Your first week")
        );
        // Begun on a Sunday: that week is not a whole week of theirs to judge.
        let sunday = vec![hours(22, 1.0)];
        assert_eq!(
            activity_stats(&sunday, day(25)).past_weeks,
            Vec::<f64>::new()
        );
    }

    #[test]
    fn hours_this_week_start_on_monday() {
        // 2026-03-02 is a Monday.
        let log = vec![hours(1, 5.0), hours(2, 1.5), hours(4, 2.0)];
        assert_eq!(activity_stats(&log, day(4)).hours_this_week, 3.5);
    }

    #[test]
    fn the_progress_curve_counts_done_and_undone() {
        let log = vec![
            changed(1, Status::Todo, Status::Done),
            changed(1, Status::Todo, Status::Done),
            changed(3, Status::Done, Status::Doing),
            changed(3, Status::Todo, Status::Skipped),
        ];
        assert_eq!(
            activity_stats(&log, day(4)).done_over_time,
            vec![(day(1), 2), (day(3), 1)]
        );
    }
}
