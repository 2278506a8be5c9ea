//! This week's plan: what was finished since Monday, the reviews and refreshers due, then the
//! work in plan order, until the hours a week are used up.

use chrono::NaiveDate;

use crate::curriculum::Curriculum;
use crate::progress::{MilestoneRef, review};

use super::activity::ActivityStats;
use super::forecast::Left;
use super::index::Index;
use super::learner::Learner;

/// What a week's item asks of the learner.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WeekKind {
    /// Work on the milestone.
    #[default]
    Work,
    /// Review a finished skill against its "Done when".
    Review,
    /// Go over a skill again after a review failed.
    Refresher,
}

/// One milestone of this week's plan.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekItem {
    pub milestone: MilestoneRef,
    pub kind: WeekKind,
    /// The hours this week gives it (what was logged on it this week included).
    pub hours: f64,
    /// Hours logged on it since Monday.
    pub logged: f64,
    /// Finished this week.
    pub finished: bool,
    /// False while it waits for an earlier item of the week that it requires.
    pub available: bool,
    /// The goal it serves, first in plan order; `None` for focus work outside the goals.
    pub goal: Option<String>,
    /// Its hours come from the learner's own estimate, not the curriculum's.
    pub own_estimate: bool,
}

impl WeekItem {
    /// What the week says of it, the same in the window and on the command line: "done this
    /// week", "review: can you still do this? · 15 min", "refresher after a failed review ·
    /// 1.5 h" or "2 h this week", then the hours logged and whether it waits for the ones above.
    pub fn note(&self) -> String {
        let minutes = (self.hours * 60.0).round();
        let mut note = match self.kind {
            _ if self.finished => "done this week".to_owned(),
            WeekKind::Review => format!("review: can you still do this? · {minutes} min"),
            WeekKind::Refresher => format!(
                "refresher after a failed review · {} h",
                super::hours_words(self.hours)
            ),
            WeekKind::Work if self.own_estimate => format!(
                "{} h this week, by your estimate",
                super::hours_words(self.hours)
            ),
            WeekKind::Work => format!("{} h this week", super::hours_words(self.hours)),
        };
        if self.logged > 0.0 {
            note.push_str(&format!(" · {} h logged", super::hours_words(self.logged)));
        }
        if !self.available {
            note.push_str(" · after the ones above");
        }
        note
    }
}

/// This week's plan: the milestones to work on, in plan order, filling the hours a week.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Week {
    /// This week's Monday.
    pub starts: NaiveDate,
    /// The hours this week has: the hours a week, less its days away, its busy days at their
    /// own hours ([`crate::progress::State::hours_in_week`]).
    pub budget: f64,
    /// Hours logged since Monday, on anything.
    pub logged: f64,
    pub items: Vec<WeekItem>,
    /// The last day of the time away today falls in, if today is away.
    pub away_until: Option<NaiveDate>,
}

impl Week {
    /// What the week says of time away, the same in the window and on the command line:
    /// "You're away until Sun 3 Jan: nothing is planned this week." `None` when today is not
    /// away.
    pub fn away_words(&self) -> Option<String> {
        let until = crate::progress::periods::until_words(self.away_until?, self.starts);
        Some(if self.budget <= 0.0 {
            format!("You're away until {until}: nothing is planned this week.")
        } else {
            format!(
                "You're away until {until}: this week plans the {} h around it.",
                super::hours_words(self.budget)
            )
        })
    }

    /// The hours the items are given: never more than the budget.
    pub fn planned(&self) -> f64 {
        // From 0.0: `Sum` for floats starts at -0.0, which an empty week would print.
        self.items.iter().fold(0.0, |sum, i| sum + i.hours)
    }
}

/// The hours of a refresher after a failed review: a [`review::REFRESHER_SHARE`] of the
/// milestone's likely hours, rounded up to half an hour, from half an hour to two.
pub fn refresher_hours(likely: f64) -> f64 {
    ((likely * review::REFRESHER_SHARE * 2.0).ceil() / 2.0).clamp(0.5, 2.0)
}

/// The hours a review takes in the week's plan: it is a check against the "Done when", not
/// new study.
pub const REVIEW_HOURS: f64 = 0.25;

/// The most of a week's hours that reviews and refreshers take: the rest stays for new work.
pub const REVIEW_SHARE_OF_WEEK: f64 = 0.3;

/// What the week is filled from.
pub(super) struct WeekWork<'a> {
    pub(super) budget: f64,
    /// Skills whose review falls due by Sunday, or whose latest review failed.
    pub(super) reviews: Vec<(usize, review::Schedule)>,
    pub(super) work: &'a [usize],
    pub(super) rest: &'a [usize],
    pub(super) served: &'a [u32],
    pub(super) goals: &'a [crate::progress::AdoptedGoal],
}

pub(super) fn week(
    index: &Index,
    curricula: &[&Curriculum],
    learner: &Learner,
    activity: &ActivityStats,
    from: WeekWork<'_>,
    left: &dyn Fn(usize) -> Left,
) -> Week {
    let mut items = Vec::new();
    let mut budget = from.budget;
    let goal_of = |i: usize| {
        from.goals
            .get(from.served[i] as usize)
            .map(|g| g.id.clone())
    };
    for r in &activity.finished_this_week {
        let Some(i) = index.find(r) else { continue };
        if !learner.statuses[i].is_finished() {
            continue;
        }
        let logged = activity.logged_this_week.get(r).copied().unwrap_or(0.0);
        let hours = logged.min(budget);
        budget -= hours;
        items.push(WeekItem {
            milestone: r.clone(),
            kind: WeekKind::Work,
            hours,
            logged,
            finished: true,
            available: true,
            goal: goal_of(i),
            own_estimate: learner.own.contains_key(&(i as u32)),
        });
    }
    // Refreshers after a failed review first, then the reviews due, the longest overdue
    // first, within their share of the week.
    let mut reviews = from.reviews;
    reviews.sort_unstable_by_key(|&(i, s)| (!s.lapsed, s.due, i));
    let mut for_reviews = (from.budget * REVIEW_SHARE_OF_WEEK).min(budget);
    for (i, schedule) in reviews {
        let (kind, hours) = if schedule.lapsed {
            (
                WeekKind::Refresher,
                refresher_hours(index.hours(learner, i).0).min(budget),
            )
        } else if REVIEW_HOURS <= for_reviews {
            for_reviews -= REVIEW_HOURS;
            (WeekKind::Review, REVIEW_HOURS)
        } else {
            continue;
        };
        if hours <= 0.0 {
            break;
        }
        budget -= hours;
        items.push(WeekItem {
            milestone: index.reference(curricula, i),
            kind,
            hours,
            logged: 0.0,
            finished: false,
            available: true,
            goal: None,
            own_estimate: false,
        });
    }
    for &i in from.work.iter().chain(from.rest) {
        if budget <= 0.0 {
            break;
        }
        let r = index.reference(curricula, i);
        let logged = activity.logged_this_week.get(&r).copied().unwrap_or(0.0);
        let wanted = ((left(i).likely + logged) * 2.0).ceil() / 2.0;
        let hours = wanted.max(0.5).min(budget);
        budget -= hours;
        let available = index.unlocked(&learner.statuses, i);
        items.push(WeekItem {
            milestone: r,
            kind: WeekKind::Work,
            hours,
            logged,
            finished: false,
            available,
            goal: goal_of(i),
            own_estimate: learner.own.contains_key(&(i as u32)),
        });
    }
    Week {
        starts: activity.week_start,
        budget: from.budget,
        logged: activity.hours_this_week,
        items,
        away_until: None,
    }
}
