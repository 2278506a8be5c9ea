//! The planner: the one plan that the window, `waymark status`, `waymark plan` and the mentor
//! report all show. What is in focus, what is next, what to do this week, when each goal
//! finishes (as a range that learns from the learner's pace), and what to do when one is late.
//!
//! Everything here is linear in the number of milestones (plus the sizes of the goals'
//! prerequisite closures); the only sort is of the next-up milestones outside the goals.
//! Prerequisite chains are walked with explicit stacks, so a curriculum of 100,000 milestones
//! in one long chain cannot overflow the call stack.

mod activity;
pub mod focus;
mod index;
pub mod range;
pub mod suggest;

use chrono::{Days, NaiveDate};
use foldhash::{HashMap, HashMapExt};

pub use activity::{ActivityStats, activity_stats, local_day};
pub use index::{Index, Place};
pub use range::{Hours, Pace};

use crate::curriculum::{Curriculum, Milestone};
use crate::progress::{FocusRef, MilestoneRef, State, Status, review};
use index::{Closure, Learner, closure};
use range::{LEAST_LEFT, Moments};

/// Where a milestone stands for the learner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Availability {
    /// Every milestone it requires is done or skipped; it can be started.
    Available,
    /// Some milestone it requires is not finished yet.
    Locked,
    Done,
    Skipped,
}

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
}

/// The most milestones [`Plan::next_up`] lists: what a learner reads as "next" is a handful,
/// and a reference per available milestone of a large curriculum is thousands of allocations.
pub const MAX_NEXT_UP: usize = 100;

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
    /// The advice in a sentence: "Needs 9.5 h a week to make 9 Feb 2027, or move the target to
    /// 13 Jul 2028, or mark as skipped what you already know."
    pub fn words(&self, target: NaiveDate) -> String {
        let mut options = Vec::new();
        if let Some(hours) = self.hours_per_week {
            options.push(format!(
                "needs {} h a week to make {}",
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

/// The learner's focus and how much of it is finished.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FocusCount {
    /// The focus areas chosen; none means everything is in focus.
    pub chosen: Vec<FocusRef>,
    /// Milestones in the focus that are done or skipped.
    pub finished: usize,
    /// Milestones in the focus.
    pub total: usize,
}

impl FocusCount {
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.finished as f32 / self.total as f32
        }
    }
}

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
}

/// This week's plan: the milestones to work on, in plan order, filling the hours a week.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Week {
    /// This week's Monday.
    pub starts: NaiveDate,
    /// The hours a week the learner has.
    pub budget: f64,
    /// Hours logged since Monday, on anything.
    pub logged: f64,
    pub items: Vec<WeekItem>,
}

impl Week {
    /// The hours the items are given: never more than the budget.
    pub fn planned(&self) -> f64 {
        // From 0.0: `Sum` for floats starts at -0.0, which an empty week would print.
        self.items.iter().fold(0.0, |sum, i| sum + i.hours)
    }
}

/// A finished skill's review, as the plan schedules it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewDue {
    pub milestone: MilestoneRef,
    pub due: NaiveDate,
    /// When it was finished or last reviewed.
    pub last: NaiveDate,
    /// The latest review failed: a refresher comes first.
    pub lapsed: bool,
    /// Reviews answered since it was finished.
    pub reviews: usize,
}

/// What stays learned: the reviews that are due, the next ones, and what changed under the
/// learner's finished milestones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reviews {
    /// Reviews due today or earlier, the longest overdue first; the first [`MAX_LISTED`].
    pub due: Vec<ReviewDue>,
    /// How many reviews are due in all.
    pub due_count: usize,
    /// The next reviews after today, soonest first; the first [`MAX_LISTED`].
    pub upcoming: Vec<ReviewDue>,
    /// Finished milestones that an update changed, in curriculum order.
    pub changed: Vec<MilestoneRef>,
}

/// The most reviews a list of [`Reviews`] holds.
pub const MAX_LISTED: usize = 100;

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

/// The whole plan for the learner today.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub today: NaiveDate,
    pub hours_per_week: f64,
    pub focus: FocusCount,
    /// Available milestones in the order to take them: goal work in plan order, then the rest
    /// of the focus; the first [`MAX_NEXT_UP`] of them.
    pub next_up: Vec<MilestoneRef>,
    pub week: Week,
    /// In plan order: the learner's order, with a goal that needs another goal's milestones
    /// moved after it.
    pub goals: Vec<GoalForecast>,
    /// Hours of all the goals' work left, likely and late.
    pub goal_hours: Hours,
    pub pace: Pace,
    pub activity: ActivityStats,
    pub reviews: Reviews,
}

impl Plan {
    /// The forecast of the learner's goal `id`.
    pub fn goal(&self, id: &str) -> Option<&GoalForecast> {
        self.goals.iter().find(|g| g.goal == id)
    }

    /// When every goal is finished, likely and late: the latest finishes of them all.
    pub fn all_goals_finish(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let likely = self.goals.iter().filter_map(|g| g.likely_finish).max();
        let late = self.goals.iter().filter_map(|g| g.late_finish).max();
        (likely, late)
    }

    /// How many goals are at risk.
    pub fn at_risk(&self) -> usize {
        self.goals
            .iter()
            .filter(|g| g.outlook == Outlook::AtRisk)
            .count()
    }
}

/// The median of the estimates a curriculum gives; `None` when it gives none.
///
/// With an even number of estimates it is the mean of the two middle ones.
pub fn median_effort(c: &Curriculum) -> Option<f64> {
    index::median(
        &mut c
            .milestones()
            .filter_map(index::estimate)
            .collect::<Vec<_>>(),
    )
}

/// Where milestone `m` of curriculum `curriculum` stands for the learner: the rule [`plan`]
/// follows, for one milestone (what a window needs for the rows it shows), in a few look-ups.
/// It reads the statuses of what `m` requires from `state` alone: validation makes every id a
/// milestone requires one its curriculum holds, so this agrees with [`plan`].
pub fn availability(curriculum: &str, m: &Milestone, state: &State) -> Availability {
    let progress = state.progress.get(curriculum);
    let status = |id: &str| {
        progress
            .and_then(|p| p.get(id))
            .map_or(Status::Todo, |p| p.status)
    };
    match status(&m.id) {
        Status::Done => Availability::Done,
        Status::Skipped => Availability::Skipped,
        Status::Todo | Status::Doing => {
            if m.requires.iter().all(|r| status(r).is_finished()) {
                Availability::Available
            } else {
                Availability::Locked
            }
        }
    }
}

/// How many of a curriculum's milestones the learner has finished (done or skipped), and how
/// many it holds: `(finished, total)`. Progress on ids the curriculum no longer holds is ignored.
pub fn finished_count(c: &Curriculum, state: &State) -> (usize, usize) {
    let progress = state.progress.get(&c.id);
    let finished = c
        .milestones()
        .filter(|m| {
            progress
                .and_then(|p| p.get(&m.id))
                .is_some_and(|p| p.status.is_finished())
        })
        .count();
    (finished, c.milestone_count())
}

/// The target a goal can reach: its late finish rounded up to a whole week from `today`.
/// `None` when the forecast has no finish date (reached, or no hours a week).
pub fn reachable_target(forecast: &GoalForecast, today: NaiveDate) -> Option<NaiveDate> {
    forecast
        .late_finish
        .map(|late| round_up_to_week(today, late))
}

/// `day`, or the first day after it a whole number of weeks from `today`.
fn round_up_to_week(today: NaiveDate, day: NaiveDate) -> NaiveDate {
    let days = (day - today).num_days().max(0);
    let weeks = (days + 6) / 7;
    today
        .checked_add_days(Days::new((weeks * 7) as u64))
        .unwrap_or(NaiveDate::MAX)
}

/// Plans everything in `state` over `curricula`, as of `today`.
///
/// **Availability.** A milestone done or skipped is [`Availability::Done`] or
/// [`Availability::Skipped`]; otherwise it is `Available` when every milestone it requires is
/// done or skipped, and `Locked` when any is not (or names an id the curriculum lacks).
///
/// **Focus** is [`focus::chosen_focus`]: `focus` counts the milestones in it and those of them
/// finished.
///
/// **Goal order.** Goals are planned in the learner's order (the order of `state.goals`),
/// except that a goal is planned after every goal whose milestones it needs: goal B *needs*
/// goal A when a milestone A names is a prerequisite (direct or not) of one B names, B does
/// not name it itself, and A is the first goal in the learner's order that names it (the goal
/// that works it; a later goal that names it again is not needed for it). Two goals that need
/// each other keep the learner's order.
///
/// **The work order** takes each goal in plan order, and within it the milestones it names in
/// the order it names them, each after what it requires; a milestone is worked once, in the
/// first goal that needs it. Finished milestones drop out.
///
/// **Hours.** A milestone's likely hours are the learner's own estimate, else its
/// `effort_hours`, else its curriculum's median (making the forecast `approximate`); its high
/// hours are `effort_hours_high`, else a default spread (see [`range`]). Both are multiplied
/// by the learner's [`Pace`]. Hours logged on a milestone not yet finished are taken off what
/// is left of it, down to a tenth of it.
///
/// **Finish dates.** A goal finishes when the work order has covered its last milestone; its
/// likely and late finishes are `today + ceil(hours / hours_per_week * 7)` days for the 50th
/// and 90th percentiles of the hours of all the work up to that point (see [`range`]), never
/// before the goal planned before it. A goal with nothing left is `Reached`; with no usable
/// weekly hours (zero, negative or not finite) it is `NoCapacity`; else `OnTrack` when its late
/// finish is on or before its target and `AtRisk` after, with [`Advice`].
///
/// **Next up** holds the available milestones that are neither done nor skipped, and that are
/// part of a goal or in the focus: goal work first, in the work order; then the rest of the
/// focus, `doing` before `todo`, then in the curricula's own order ([`path_rank`]: the order
/// in which each curriculum's goals that fit the focus take their milestones, then document
/// order), the curricula taking turns (each one's first, then each one's second, …).
///
/// **Reviews.** A skill or framework done comes due for review on the schedule of
/// [`review`]; `reviews` lists what is due today and what comes next, and the milestones an
/// update changed since the learner finished them.
///
/// **This week** lists what was finished since Monday; then the reviews due by Sunday
/// ([`REVIEW_HOURS`] each, together at most [`REVIEW_SHARE_OF_WEEK`] of the week), after a
/// refresher for each skill whose latest review failed ([`refresher_hours`]); then the work order, then the rest of next up, giving
/// each its likely hours left (rounded up to half an hour) plus what was logged on it this
/// week, until `hours_per_week` is used up.
pub fn plan(curricula: &[&Curriculum], state: &State, today: NaiveDate) -> Plan {
    plan_with(&Index::new(curricula), curricula, state, today)
}

/// [`plan`] through an index built earlier from the same `curricula`, which saves rebuilding it
/// after every change of the learner's progress. An index that does not fit `curricula` (other
/// ids or section lengths, see [`Index::fits`]) is not used; a fresh one is built instead.
pub fn plan_with(
    index: &Index,
    curricula: &[&Curriculum],
    state: &State,
    today: NaiveDate,
) -> Plan {
    if !index.fits(curricula) {
        return plan(curricula, state, today);
    }
    let learner = index.learner(state);
    let pace = learn_pace(index, &learner);
    let chosen = focus::chosen(index, curricula, state);
    let statuses = &learner.statuses;
    let n = index.len();

    let mut focus = FocusCount {
        chosen: state.focus.clone(),
        ..FocusCount::default()
    };
    for (i, status) in statuses.iter().enumerate() {
        if index.in_focus(curricula, &chosen, i) {
            focus.total += 1;
            focus.finished += usize::from(status.is_finished());
        }
    }

    // Each goal's closure, in the learner's order.
    let mut seen = vec![u32::MAX; n];
    let mut stack = Vec::new();
    let closures: Vec<Closure> = state
        .goals
        .iter()
        .enumerate()
        .map(|(walk, goal)| closure(index, &goal.milestones, &mut seen, walk as u32, &mut stack))
        .collect();
    let (order, after) = goal_order(index, state, &closures);

    // The work order, goal by goal in plan order; `served[i]` is the first goal node `i` serves.
    let mut served: Vec<u32> = vec![u32::MAX; n];
    let mut work: Vec<usize> = Vec::new();
    let mut chunk_end = vec![0; state.goals.len()];
    for &g in &order {
        for &i in &closures[g].members {
            if served[i] == u32::MAX {
                served[i] = g as u32;
                if !statuses[i].is_finished() {
                    work.push(i);
                }
            }
        }
        chunk_end[g] = work.len();
    }
    let left = |i: usize| left_of(index, &learner, &pace, i);

    let weekly = state.hours_per_week;
    let capacity = weekly.is_finite() && weekly > 0.0;
    let to_date = |hours: f64| capacity.then(|| project(today, hours, weekly));

    // Cumulative hours at the end of each goal's part of the work order, never less than the
    // goal before it in plan order.
    let mut cumulative = Moments::default();
    let mut position = 0;
    let mut floor = Hours::default();
    let mut through: Vec<Hours> = vec![Hours::default(); state.goals.len()];
    for &g in &order {
        for &i in &work[position..chunk_end[g]] {
            cumulative.add(left(i).moments);
        }
        position = chunk_end[g];
        let range = cumulative.range(&pace);
        floor = Hours {
            likely: floor.likely.max(range.likely),
            late: floor.late.max(range.late).max(range.likely),
        };
        through[g] = floor;
    }
    let goal_hours = floor;

    let mut goals = Vec::with_capacity(order.len());
    for &g in &order {
        let goal = &state.goals[g];
        let remaining: Vec<usize> = closures[g]
            .members
            .iter()
            .copied()
            .filter(|&i| !statuses[i].is_finished())
            .collect();
        let mut own = Moments::default();
        for &i in &remaining {
            own.add(left(i).moments);
        }
        let reached = remaining.is_empty();
        let (likely_finish, late_finish) = if reached {
            (None, None)
        } else {
            (to_date(through[g].likely), to_date(through[g].late))
        };
        let outlook = match late_finish {
            _ if reached => Outlook::Reached,
            None => Outlook::NoCapacity,
            Some(d) if d <= goal.target => Outlook::OnTrack,
            Some(_) => Outlook::AtRisk,
        };
        let advice = match (outlook, late_finish) {
            (Outlook::AtRisk, Some(late)) => Some(Advice {
                hours_per_week: needed_hours(through[g].late, today, goal.target),
                move_target_to: round_up_to_week(today, late),
                skippable: remaining
                    .iter()
                    .filter(|&&i| statuses[i] == Status::Todo)
                    .take(MAX_SKIPPABLE)
                    .map(|&i| index.reference(curricula, i))
                    .collect(),
            }),
            _ => None,
        };
        goals.push(GoalForecast {
            goal: goal.id.clone(),
            hours_left: own.range(&pace),
            remaining_milestones: remaining.len(),
            total_milestones: closures[g].members.len(),
            approximate: remaining.iter().any(|&i| !index.hours(&learner, i).2),
            likely_finish,
            late_finish,
            target: goal.target,
            outlook,
            after: after[g]
                .iter()
                .map(|&a| state.goals[a].id.clone())
                .collect(),
            advice,
            missing: closures[g].missing,
        });
    }

    // Next up: goal work in the work order, then the rest of the focus.
    let available = |i: usize| !statuses[i].is_finished() && index.unlocked(statuses, i);
    let goal_work: Vec<usize> = work.iter().copied().filter(|&i| available(i)).collect();
    let mut goal_work: Vec<usize> = goal_work;
    goal_work.truncate(MAX_NEXT_UP);
    let mut rest: Vec<usize> = (0..n)
        .filter(|&i| served[i] == u32::MAX && available(i))
        .filter(|&i| index.in_focus(curricula, &chosen, i))
        .collect();
    let rank = path_rank(index, curricula, state, &mut seen, &mut stack);
    let order = |&a: &usize, &b: &usize| {
        (statuses[a] != Status::Doing)
            .cmp(&(statuses[b] != Status::Doing))
            .then_with(|| rank[a].cmp(&rank[b]))
            // Node indices are curriculum order, then document order.
            .then_with(|| a.cmp(&b))
    };
    // Only the first ones are listed: select them, then sort those.
    let wanted = MAX_NEXT_UP - goal_work.len();
    if rest.len() > wanted {
        if wanted > 0 {
            rest.select_nth_unstable_by(wanted - 1, order);
        }
        rest.truncate(wanted);
    }
    rest.sort_unstable_by(order);

    let activity = activity_stats(state.activity.iter(), today);
    let reviews = reviews(index, curricula, &learner, today);
    let week_end = activity.week_start + Days::new(6);
    let week = week(
        index,
        curricula,
        &learner,
        &activity,
        WeekWork {
            budget: if capacity { weekly } else { 0.0 },
            reviews: learner
                .schedules
                .iter()
                .filter(|(_, s)| s.due <= week_end || s.lapsed)
                .map(|&(i, s)| (i as usize, s))
                .collect(),
            work: &work,
            rest: &rest,
            served: &served,
            goals: &state.goals,
        },
        &left,
    );

    // References are built for the lists only: one per milestone would be two allocations each.
    let next_up = goal_work
        .iter()
        .chain(&rest)
        .map(|&i| index.reference(curricula, i))
        .collect();
    Plan {
        today,
        hours_per_week: weekly,
        focus,
        next_up,
        week,
        goals,
        goal_hours,
        pace,
        activity,
        reviews,
    }
}

/// The reviews due and coming, soonest first, and the milestones changed since finished.
fn reviews(
    index: &Index,
    curricula: &[&Curriculum],
    learner: &Learner,
    today: NaiveDate,
) -> Reviews {
    let key = |&(i, s): &(u32, review::Schedule)| (s.due, i);
    let (mut due, mut upcoming): (Vec<_>, Vec<_>) = learner
        .schedules
        .iter()
        .copied()
        .partition(|(_, s)| s.due <= today);
    let due_count = due.len();
    for list in [&mut due, &mut upcoming] {
        if list.len() > MAX_LISTED {
            list.select_nth_unstable_by_key(MAX_LISTED - 1, key);
            list.truncate(MAX_LISTED);
        }
        list.sort_unstable_by_key(key);
    }
    let listed = |list: Vec<(u32, review::Schedule)>| {
        list.into_iter()
            .map(|(i, s)| ReviewDue {
                milestone: index.reference(curricula, i as usize),
                due: s.due,
                last: s.last,
                lapsed: s.lapsed,
                reviews: s.reviews,
            })
            .collect()
    };
    Reviews {
        due: listed(due),
        due_count,
        upcoming: listed(upcoming),
        changed: learner
            .changed
            .iter()
            .map(|&i| index.reference(curricula, i as usize))
            .collect(),
    }
}

/// The pace from every finished (done) milestone with hours logged and an estimate.
fn learn_pace(index: &Index, learner: &Learner) -> Pace {
    Pace::learn(learner.logged_on.iter().filter_map(|&(i, logged)| {
        let i = i as usize;
        let (likely, _, estimated) = index.hours(learner, i);
        (learner.statuses[i] == Status::Done && estimated).then_some((logged, likely))
    }))
}

/// What is left of one milestone.
struct Left {
    /// Its likely hours left, at the learner's pace.
    likely: f64,
    /// Its hours left as a distribution, before the pace.
    moments: Moments,
}

fn left_of(index: &Index, learner: &Learner, pace: &Pace, i: usize) -> Left {
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

/// Each node's place in its curriculum's own order, for the next-up list outside the learner's
/// goals: the milestones its goals take (the goals in the order the curriculum lists them,
/// only those that fit the learner's focus; each goal's milestones in the order it names them,
/// each after what it requires), then the rest in document order. One walk over the goals'
/// prerequisites: linear in the milestones and their requirements.
fn path_rank(
    index: &Index,
    curricula: &[&Curriculum],
    state: &State,
    seen: &mut [u32],
    stack: &mut Vec<(usize, usize)>,
) -> Vec<u32> {
    let n = index.len();
    let mut rank = vec![u32::MAX; n];
    // A walk number no goal closure used (those count up from 0).
    let walk = u32::MAX - 1;
    for (ci, c) in curricula.iter().enumerate() {
        let start = index
            .nodes
            .iter()
            .position(|node| node.curriculum as usize == ci);
        let Some(start) = start else { continue };
        let mut next = 0u32;
        for goal in c.goals.iter().filter(|g| fits(c, g, state)) {
            let roots: Vec<MilestoneRef> = goal
                .milestones
                .iter()
                .map(|m| MilestoneRef::new(&c.id, m))
                .collect();
            for i in index::closure(index, &roots, seen, walk, stack).members {
                if rank[i] == u32::MAX {
                    rank[i] = next;
                    next += 1;
                }
            }
        }
        // The rest of this curriculum, in document order.
        for (i, r) in rank.iter_mut().enumerate().skip(start) {
            if index.nodes[i].curriculum as usize != ci {
                break;
            }
            if *r == u32::MAX {
                *r = next;
                next += 1;
            }
        }
    }
    rank
}

/// Whether a curriculum's goal fits the learner's focus: one with no focus area fits everyone,
/// one of an area fits when the learner chose that area.
fn fits(c: &Curriculum, goal: &crate::curriculum::Goal, state: &State) -> bool {
    goal.focus.as_ref().is_none_or(|f| {
        state
            .focus
            .iter()
            .any(|chosen| chosen.curriculum == c.id && chosen.focus == *f)
    })
}

/// Goals in plan order, and for each the goals it is planned after because it needs them.
fn goal_order(index: &Index, state: &State, closures: &[Closure]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let count = state.goals.len();
    // The first goal, in the learner's order, that names each milestone.
    let mut named: HashMap<u32, usize> = HashMap::new();
    let mut own: Vec<Vec<u32>> = Vec::with_capacity(count);
    for (g, goal) in state.goals.iter().enumerate() {
        let nodes: Vec<u32> = goal
            .milestones
            .iter()
            .filter_map(|r| index.find(r))
            .map(|i| i as u32)
            .collect();
        for &i in &nodes {
            named.entry(i).or_insert(g);
        }
        own.push(nodes);
    }
    let mut needs: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (g, c) in closures.iter().enumerate() {
        for &i in &c.members {
            if own[g].contains(&(i as u32)) {
                continue;
            }
            if let Some(&a) = named.get(&(i as u32))
                && a != g
                && !needs[g].contains(&a)
            {
                needs[g].push(a);
            }
        }
    }
    // The learner's order, each goal as soon as every goal it needs is placed; in a cycle the
    // first goal left in the learner's order goes next.
    let mut placed = vec![false; count];
    let mut order = Vec::with_capacity(count);
    while order.len() < count {
        let next = (0..count)
            .find(|&g| !placed[g] && needs[g].iter().all(|&a| placed[a] || needs[a].contains(&g)))
            .or_else(|| (0..count).find(|&g| !placed[g]));
        let Some(g) = next else { break };
        placed[g] = true;
        order.push(g);
    }
    for (g, list) in needs.iter_mut().enumerate() {
        // Only the goals actually planned before it: in a cycle one of the two is not.
        let position = order.iter().position(|&x| x == g);
        list.retain(|a| order.iter().position(|x| x == a) < position);
        list.sort_by_key(|a| order.iter().position(|x| x == a));
    }
    (order, needs)
}

/// The hours a week at which `late_hours` of work end on or before `target`, rounded up to half
/// an hour; `None` when the target is not after today or needs more hours than a week has.
fn needed_hours(late_hours: f64, today: NaiveDate, target: NaiveDate) -> Option<f64> {
    let days = (target - today).num_days();
    if days <= 0 {
        return None;
    }
    let hours = (late_hours * 7.0 / days as f64 * 2.0).ceil() / 2.0;
    (hours <= 168.0).then_some(hours.max(0.5))
}

/// What the week is filled from.
struct WeekWork<'a> {
    budget: f64,
    /// Skills whose review falls due by Sunday, or whose latest review failed.
    reviews: Vec<(usize, review::Schedule)>,
    work: &'a [usize],
    rest: &'a [usize],
    served: &'a [u32],
    goals: &'a [crate::progress::AdoptedGoal],
}

fn week(
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
        });
    }
    Week {
        starts: activity.week_start,
        budget: from.budget,
        logged: activity.hours_this_week,
        items,
    }
}

/// `today + ceil(hours / weekly * 7)` days; a date past the calendar's end is its last day.
fn project(today: NaiveDate, hours: f64, weekly: f64) -> NaiveDate {
    // Less a hair: the closed forms' last bit of rounding must not add a day to whole hours.
    let days = (hours / weekly * 7.0 - 1e-9).ceil();
    // `as` saturates (and maps NaN to 0); anything that large is past the calendar anyway.
    let days = days.max(0.0) as u64;
    today
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}
