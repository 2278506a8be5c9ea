//! What stays learned: reviews of finished skills on a widening schedule, and the flag an
//! update leaves on a milestone the learner finished (contract §6).
//!
//! **The schedule** follows the memory model of FSRS, kept to its core: a finished skill has a
//! *stability* `S` in days, the time after which the learner would still recall it with 90%
//! probability, and recall decays as `R(t) = 1 / (1 + t / (9 S))` (FSRS's power forgetting
//! curve). A review is due when `R` falls to 90%, which is `S` days after the last review (or
//! the finish). A review passed multiplies `S` by `1 + 15 (1 - R)` at the moment of the review:
//! 2.5 when it is done on the day it is due, more when it comes late and recall was harder (the
//! spacing effect), hardly anything when it comes early; at most 5. A review failed cuts `S`
//! to 40%, never below two days. Starting from a week, passes on time give intervals of about
//! 7, 18, 44, 110 and 276 days: days, then weeks, then months.
//!
//! Why not the full FSRS: its per-card difficulty and its nineteen fitted weights describe
//! flashcards answered in seconds. A skill here is reviewed a handful of times a year against
//! its "Done when"; one stability per skill, with the published curve, is what such sparse
//! answers can support, and it stays deterministic: the same reviews and the same day always
//! give the same due date.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Activity, Event, MilestoneRef, State, Status};
use crate::clock::local_day;
use crate::curriculum::update::MilestoneText;

/// The stability of a skill just finished, in days: the first review comes a week later.
pub const FIRST_INTERVAL_DAYS: f64 = 7.0;
/// How much a pass on the day it is due multiplies the stability, less one, per tenth of recall
/// lost: `1 + 15 * (1 - 0.9) = 2.5`.
const GROWTH_PER_RECALL_LOST: f64 = 15.0;
const MAX_GROWTH: f64 = 5.0;
/// What a failed review leaves of the stability.
const LAPSE: f64 = 0.4;
const MIN_STABILITY_DAYS: f64 = 2.0;
/// The share of a milestone's likely hours that a refresher after a failed review takes.
pub const REFRESHER_SHARE: f64 = 0.15;

/// One review of a finished skill: the learner's answer to its "Done when".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    #[serde(with = "super::instant")]
    pub at: DateTime<Utc>,
    pub passed: bool,
    #[serde(default)]
    pub note: String,
}

/// What an update changed in a milestone the learner had finished: what they finished, and
/// what it is now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Changed {
    #[serde(with = "super::instant")]
    pub at: DateTime<Utc>,
    pub from_revision: u32,
    pub to_revision: u32,
    pub before: MilestoneText,
    pub after: MilestoneText,
}

/// A part of a milestone an update changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    /// The summary, which ends with what "done" means.
    DoneWhen,
    Resources,
    Requires,
}

impl Part {
    pub fn words(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::DoneWhen => "Done when",
            Self::Resources => "Resources",
            Self::Requires => "Requires",
        }
    }
}

impl Changed {
    /// What changed, each part as the learner finished it and as it is now: the one place
    /// that says what "changed since you finished it" means (the window and `waymark review`
    /// show these).
    pub fn parts(&self) -> Vec<(Part, String, String)> {
        let (was, is) = (&self.before, &self.after);
        let titles = |resources: &[(String, String)]| {
            resources
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        [
            (Part::Title, was.title.clone(), is.title.clone()),
            (Part::DoneWhen, was.summary.clone(), is.summary.clone()),
            (
                Part::Resources,
                titles(&was.resources),
                titles(&is.resources),
            ),
            (
                Part::Requires,
                was.requires.join(", "),
                is.requires.join(", "),
            ),
        ]
        .into_iter()
        .filter(|(part, before, after)| {
            before != after || (*part == Part::Resources && was.resources != is.resources)
        })
        .collect()
    }
}

/// Where a finished skill stands in its schedule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    /// Days after `last` that recall is still 90%.
    pub stability_days: f64,
    /// The finish, or the latest review.
    pub last: NaiveDate,
    /// When the next review is due.
    pub due: NaiveDate,
    /// The latest review failed: a refresher is due before the next review.
    pub lapsed: bool,
    /// Reviews answered since the finish.
    pub reviews: usize,
}

/// The recall left after `days` at stability `stability` (FSRS's power curve).
fn recall(days: f64, stability: f64) -> f64 {
    1.0 / (1.0 + days.max(0.0) / (9.0 * stability))
}

/// The schedule of a skill finished on `finished` and reviewed on the days given, in order.
/// Reviews from before the finish (of an earlier time it was finished) do not count.
pub fn schedule(
    finished: NaiveDate,
    reviews: impl IntoIterator<Item = (NaiveDate, bool)>,
) -> Schedule {
    let mut stability = FIRST_INTERVAL_DAYS;
    let mut last = finished;
    let mut lapsed = false;
    let mut count = 0;
    for (day, passed) in reviews {
        if day < finished {
            continue;
        }
        let elapsed = (day - last).num_days() as f64;
        stability = if passed {
            let growth = 1.0 + GROWTH_PER_RECALL_LOST * (1.0 - recall(elapsed, stability));
            stability * growth.clamp(1.0, MAX_GROWTH)
        } else {
            (stability * LAPSE).max(MIN_STABILITY_DAYS)
        };
        last = day.max(last);
        lapsed = !passed;
        count += 1;
    }
    let due = last
        .checked_add_days(Days::new(stability.round() as u64))
        .unwrap_or(NaiveDate::MAX);
    Schedule {
        stability_days: stability,
        last,
        due,
        lapsed,
        reviews: count,
    }
}

impl super::MilestoneProgress {
    /// The review schedule, when the milestone is done; `None` otherwise. (Whether it is a
    /// skill or framework, which only the curriculum knows, is the caller's to check.)
    pub fn schedule(&self) -> Option<Schedule> {
        if self.status != Status::Done {
            return None;
        }
        let finished = local_day(self.finished_at()?);
        Some(schedule(
            finished,
            self.reviews.iter().map(|r| (local_day(r.at), r.passed)),
        ))
    }
}

impl State {
    /// Records a review of a finished milestone, in its progress and the activity log. Reviewing
    /// changes no status.
    pub fn record_review(
        &mut self,
        r: &MilestoneRef,
        passed: bool,
        note: &str,
        now: DateTime<Utc>,
    ) {
        self.milestone_mut(r).reviews.push(Review {
            at: now,
            passed,
            note: note.trim().to_owned(),
        });
        self.activity.push(Activity {
            at: now,
            event: Event::Reviewed {
                milestone: r.clone(),
                passed,
            },
        });
    }

    /// Keeps a changed milestone finished: the flag goes, the status stays. False when it was
    /// not flagged.
    pub fn keep_finished(&mut self, r: &MilestoneRef) -> bool {
        match self
            .progress
            .get(&r.curriculum)
            .and_then(|p| p.get(&r.milestone))
        {
            Some(p) if p.changed.is_some() => {
                self.milestone_mut(r).changed = None;
                true
            }
            _ => false,
        }
    }

    /// Reopens a changed milestone: the flag goes and it is to do again. False when it was not
    /// flagged.
    pub fn reopen(&mut self, r: &MilestoneRef, now: DateTime<Utc>) -> bool {
        if !self.keep_finished(r) {
            return false;
        }
        self.set_status(r, Status::Todo, now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default() + Days::new(d)
    }

    #[test]
    fn passes_on_time_widen_the_interval_from_days_to_weeks_to_months() {
        let mut reviews = Vec::new();
        let mut intervals = Vec::new();
        for _ in 0..5 {
            let s = schedule(day(0), reviews.clone());
            intervals.push((s.due - s.last).num_days());
            reviews.push((s.due, true));
        }
        assert_eq!(intervals, [7, 18, 44, 110, 276]);
    }

    #[test]
    fn a_failed_review_brings_the_next_one_closer_and_asks_for_a_refresher() {
        let passed = schedule(day(0), [(day(7), true)]);
        let failed = schedule(day(0), [(day(7), false)]);
        assert!(failed.due < passed.due);
        assert_eq!((failed.due - day(7)).num_days(), 3, "40% of a week");
        assert!(failed.lapsed && !passed.lapsed);
        let again = schedule(
            day(0),
            [(day(7), false), (day(10), false), (day(12), false)],
        );
        assert_eq!(
            (again.due - again.last).num_days(),
            2,
            "never below two days"
        );
    }

    #[test]
    fn a_late_pass_grows_more_than_one_on_time_and_an_early_one_hardly_at_all() {
        let on_time = schedule(day(0), [(day(7), true)]).stability_days;
        let late = schedule(day(0), [(day(30), true)]).stability_days;
        let early = schedule(day(0), [(day(1), true)]).stability_days;
        assert!(late > on_time && on_time > early);
        assert!(early < FIRST_INTERVAL_DAYS * 1.3, "{early}");
    }

    #[test]
    fn the_schedule_is_the_same_for_the_same_reviews_and_ignores_earlier_finishes() {
        let a = schedule(day(10), [(day(3), false), (day(17), true)]);
        let b = schedule(day(10), [(day(17), true)]);
        assert_eq!(a, b);
    }
}
