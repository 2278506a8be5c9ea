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
    for a in activity {
        let day = local_day(a.at);
        if is_work(&a.event) {
            active_days.insert(day);
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
    ActivityStats {
        streak_days,
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
