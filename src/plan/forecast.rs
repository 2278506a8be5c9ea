//! When each goal finishes, as a range that learns from the learner's pace, and what it takes
//! when one is late.

use chrono::{Days, NaiveDate};

use crate::progress::{MilestoneRef, Status};

use super::calendar::Calendar;
use super::index::Index;
use super::learner::Learner;
use super::range::{Hours, LEAST_LEFT, Moments, Pace};

/// Whether a goal will be reached by its target date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outlook {
    /// Every milestone is done or skipped.
    Reached,
    /// Its late finish (about the 90th percentile) is on or before the target date.
    OnTrack,
    /// Its late finish is after the target date.
    AtRisk,
    /// No weekly hours, so no finish date can be projected.
    NoCapacity,
}

impl Outlook {
    /// The words `waymark status`, the report and the window use.
    pub fn words(self) -> &'static str {
        match self {
            Self::Reached => "reached",
            Self::OnTrack => "on track",
            Self::AtRisk => "at risk",
            Self::NoCapacity => "no hours a week set",
        }
    }

    /// [`Self::words`] as a label starts: "On track".
    pub fn label(self) -> &'static str {
        match self {
            Self::Reached => "Reached",
            Self::OnTrack => "On track",
            Self::AtRisk => "At risk",
            Self::NoCapacity => "No hours a week set",
        }
    }
}

/// One goal's projection.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalForecast {
    pub goal: String,
    /// Hours of its own work left (its milestones and every prerequisite not yet finished),
    /// at the learner's pace.
    pub hours_left: Hours,
    /// Milestones left (the goal's own and their unfinished prerequisites).
    pub remaining_milestones: usize,
    /// The goal's own milestones and all their prerequisites, finished or not.
    pub total_milestones: usize,
    /// True when some remaining milestone had no estimate and counted at the median.
    pub approximate: bool,
    /// About the 50th percentile; `None` when the goal is [`Outlook::Reached`] or
    /// [`Outlook::NoCapacity`].
    pub likely_finish: Option<NaiveDate>,
    /// About the 90th percentile, never before `likely_finish`.
    pub late_finish: Option<NaiveDate>,
    pub target: NaiveDate,
    pub outlook: Outlook,
    /// Goals planned before this one because it needs their milestones, by id.
    pub after: Vec<String>,
    /// What it takes to make the target, when the goal is at risk.
    pub advice: Option<Advice>,
    /// Milestones the goal names that no loaded curriculum holds (a removed curriculum or
    /// milestone); they are left out of every count above, so a goal whose milestones are all
    /// missing is `Reached` with `missing > 0`, and the UI should say which.
    pub missing: usize,
    /// The hours to the goal's end as the plan's dates see them: the latest, at any chance, of
    /// the cumulative work at the end of each goal planned up to this one. Empty when reached.
    pub curve: Vec<super::range::Lognormal>,
    /// Which of its remaining milestones end by the target with 90% confidence; `None` when
    /// reached or without hours a week.
    pub by_target: Option<ByTarget>,
}

/// The cut line of a goal: how many of its remaining milestones end by its target, 90% sure.
#[derive(Clone, Debug, PartialEq)]
pub struct ByTarget {
    pub fit: usize,
    pub of: usize,
    /// The first in plan order that does not.
    pub first_out: Option<MilestoneRef>,
}

/// The chances a forecast lists: at least these (contract §4).
pub const CHANCES: [f64; 6] = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

impl GoalForecast {
    /// The hours to the goal's end at `chance`.
    pub fn hours_at(&self, chance: f64) -> Option<f64> {
        self.curve
            .iter()
            .map(|l| l.quantile(chance))
            .reduce(f64::max)
    }

    /// The day the goal ends by with `chance`, through the plan's `calendar`: the likely and
    /// late finish exactly at 0.5 and 0.9.
    pub fn date_at(&self, chance: f64, calendar: &Calendar) -> Option<NaiveDate> {
        self.hours_at(chance).and_then(|h| calendar.date_for(h))
    }

    /// The chance the goal ends by `day`: 0 when even 1% ends later, 1 when 99% ends by it.
    pub fn chance_by(&self, day: NaiveDate, calendar: &Calendar) -> Option<f64> {
        let fits = |p: f64| self.date_at(p, calendar).is_some_and(|d| d <= day);
        self.date_at(0.5, calendar)?;
        if !fits(0.01) {
            return Some(0.0);
        }
        if fits(0.99) {
            return Some(1.0);
        }
        // The dates grow with the chance: the largest chance whose date is by `day`.
        let (mut lo, mut hi) = (0.01, 0.99);
        for _ in 0..30 {
            let mid = (lo + hi) / 2.0;
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(lo)
    }
}

/// The most milestones [`Advice::skippable`] lists: a learner picks what they know from a list
/// they can read, and the first ones in plan order are what the plan would have them do next.
pub const MAX_SKIPPABLE: usize = 40;

/// What it takes to make an at-risk goal's target: each is a change the learner can apply.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// The hours a week at which the goal's late finish makes the target (rounded up to half an
    /// hour); `None` when the target is today or no week has enough hours.
    pub hours_per_week: Option<f64>,
    /// The target the plan can reach at today's hours: the late finish, rounded up to a week.
    pub move_target_to: NaiveDate,
    /// The goal's remaining milestones not yet started, in plan order, at most
    /// [`MAX_SKIPPABLE`]: the learner may already know some of them, and skipping those
    /// shortens the goal.
    pub skippable: Vec<MilestoneRef>,
}

impl Advice {
    /// The advice in a sentence: "Needs 9.5 h a week to make 9 Feb 2027 even if it goes badly,
    /// or move the target to 13 Jul 2028, or mark as skipped what you already know." Both
    /// figures are the late (90th percentile) ones, and the words say so.
    pub fn words(&self, target: NaiveDate) -> String {
        let mut options = Vec::new();
        if let Some(hours) = self.hours_per_week {
            options.push(format!(
                "needs {} h a week to make {} even if it goes badly",
                hours_words(hours),
                day_words(target)
            ));
        }
        options.push(format!(
            "move the target to {}",
            day_words(self.move_target_to)
        ));
        if !self.skippable.is_empty() {
            options.push("mark as skipped what you already know".to_owned());
        }
        let mut text = options.join(", or ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        text.push('.');
        text
    }
}

/// A milestone's hours as the window and the command line show them: the learner's own
/// estimate marked as theirs ("30 h (yours)"), else the curriculum's ("22 h"), else "? h".
pub fn estimate_words(own: Option<f64>, curriculum: Option<f64>) -> String {
    match (own, curriculum) {
        (Some(own), _) => format!("{} h (yours)", hours_words(own)),
        (None, Some(h)) => format!("{} h", hours_words(h)),
        (None, None) => "? h".to_owned(),
    }
}

/// A date as the plan's words show it: "9 Feb 2027".
pub fn day_words(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// Hours as the plan's words show them: "9.5", "10", "0.25".
pub fn hours_words(hours: f64) -> String {
    let rounded = (hours * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The target a goal can reach: its late finish rounded up to a whole week from `today`.
/// `None` when the forecast has no finish date (reached, or no hours a week).
pub fn reachable_target(forecast: &GoalForecast, today: NaiveDate) -> Option<NaiveDate> {
    forecast
        .late_finish
        .map(|late| round_up_to_week(today, late))
}

/// `day`, or the first day after it a whole number of weeks from `today`.
pub(super) fn round_up_to_week(today: NaiveDate, day: NaiveDate) -> NaiveDate {
    let days = (day - today).num_days().max(0);
    let weeks = (days + 6) / 7;
    today
        .checked_add_days(Days::new((weeks * 7) as u64))
        .unwrap_or(NaiveDate::MAX)
}

/// The pace from every finished (done) milestone with hours logged and an estimate.
pub(super) fn learn_pace(index: &Index, learner: &Learner) -> Pace {
    Pace::learn(learner.logged_on.iter().filter_map(|&(i, logged)| {
        let i = i as usize;
        let (likely, _, estimated) = index.hours(learner, i);
        (learner.statuses[i] == Status::Done && estimated).then_some((logged, likely))
    }))
}

/// What is left of one milestone.
pub(super) struct Left {
    /// Its likely hours left, at the learner's pace.
    pub(super) likely: f64,
    /// Its hours left as a distribution, before the pace.
    pub(super) moments: Moments,
}

pub(super) fn left_of(index: &Index, learner: &Learner, pace: &Pace, i: usize) -> Left {
    let (likely, high, _) = index.hours(learner, i);
    let expected = likely * pace.factor;
    let logged = learner.logged(i);
    let share = if expected > 0.0 {
        (1.0 - logged / expected).max(LEAST_LEFT)
    } else {
        1.0
    };
    Left {
        likely: expected * share,
        moments: Moments::of(likely * share, high * share),
    }
}
