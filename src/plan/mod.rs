//! The planner: the one plan that the window, `waymark status`, `waymark plan` and the mentor
//! report all show. What is in focus, what is next, what to do this week, when each goal
//! finishes (as a range that learns from the learner's pace), and what to do when one is late.
//!
//! Everything here is linear in the number of milestones (plus the sizes of the goals'
//! prerequisite closures); the only sort is of the next-up milestones outside the goals.
//! Prerequisite chains are walked with explicit stacks, so a curriculum of 100,000 milestones
//! in one long chain cannot overflow the call stack.

mod activity;
pub mod calendar;
pub mod focus;
mod forecast;
mod goal_order;
mod index;
mod learner;
mod next_up;
pub mod range;
mod reviews;
pub mod suggest;
mod this_week;

use chrono::{Days, NaiveDate};

pub use activity::{
    ActivityStats, CONSISTENCY_WEEKS, HEATMAP_WEEKS, ON_PLAN_SHARE, activity_stats, local_day,
};
pub use calendar::Calendar;
pub use forecast::{
    Advice, ByTarget, CHANCES, GoalForecast, MAX_SKIPPABLE, Outlook, day_words, estimate_words,
    hours_words, reachable_target,
};
pub use index::{Index, Place};
pub use learner::LearnerCache;
pub use next_up::MAX_NEXT_UP;
pub use range::{Hours, Pace};
pub use reviews::{MAX_LISTED, ReviewDue, Reviews};
pub use this_week::{
    REVIEW_HOURS, REVIEW_SHARE_OF_WEEK, Week, WeekItem, WeekKind, refresher_hours,
};

use crate::curriculum::{Curriculum, Milestone};
use crate::progress::{FocusRef, MilestoneRef, State, Status};
use forecast::{learn_pace, left_of, round_up_to_week};
use goal_order::goal_order;
use index::{Closure, closure};
use learner::Learner;
use next_up::path_rank;
use range::Moments;
use reviews::reviews;
use this_week::{WeekWork, week};

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
    /// The days from today by their hours, time away included: what every date above was
    /// projected through, and what [`GoalForecast::date_at`] asks.
    pub calendar: Calendar,
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
    let status = state
        .progress
        .get(curriculum)
        .and_then(|p| p.get(&m.id))
        .map_or(Status::Todo, |p| p.status);
    match status {
        Status::Done => Availability::Done,
        Status::Skipped => Availability::Skipped,
        Status::Todo | Status::Doing => {
            if still_needed(curriculum, m, state).next().is_none() {
                Availability::Available
            } else {
                Availability::Locked
            }
        }
    }
}

/// The ids of what milestone `m` requires that are not finished yet: what keeps it
/// [`Availability::Locked`].
pub fn still_needed<'m>(
    curriculum: &str,
    m: &'m Milestone,
    state: &State,
) -> impl Iterator<Item = &'m str> {
    let progress = state.progress.get(curriculum);
    m.requires
        .iter()
        .filter(move |r| {
            !progress
                .and_then(|p| p.get(r.as_str()))
                .is_some_and(|p| p.status.is_finished())
        })
        .map(String::as_str)
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
/// likely and late finishes are the days the 50th and 90th percentiles of the hours of all the
/// work up to that point (see [`range`]) end by, never before the goal planned before it:
/// each day from today gives a seventh of its hours a week ([`State::hours_on`]: a period's,
/// none while away, else `hours_per_week`), so without periods the date is
/// `today + ceil(hours / hours_per_week * 7)` days, and four weeks away move it by four weeks
/// (see [`Calendar::date_for`]). A goal with nothing left is `Reached`; with no usable weekly
/// hours (zero, negative or not finite) it is `NoCapacity`; else `OnTrack` when its late
/// finish is on or before its target and `AtRisk` after, with [`Advice`] (the usual hours a
/// week it needs counts the periods' own hours, [`Calendar::needed_hours`]).
///
/// **Next up** holds the available milestones that are neither done nor skipped, and that are
/// part of a goal or in the focus: goal work first, in the work order; then the rest of the
/// focus, `doing` before `todo`, then in the curricula's own order ([`path_rank`]: the order
/// in which each curriculum's goals that fit the focus take their milestones, then document
/// order), the curricula taking turns (each one's first, then each one's second, …).
///
/// **Reviews.** A skill or framework done comes due for review on the schedule of
/// [`review`](crate::progress::review), except that one falling due while away is spread over
/// the weeks after the break ([`Calendar::review_day`]); `reviews` lists what is due today and
/// what comes next, and the milestones an update changed since the learner finished them.
///
/// **This week** lists what was finished since Monday; then the reviews due by Sunday
/// ([`REVIEW_HOURS`] each, together at most [`REVIEW_SHARE_OF_WEEK`] of the week), after a
/// refresher for each skill whose latest review failed ([`refresher_hours`]); then the work order, then the rest of next up, giving
/// each its likely hours left (rounded up to half an hour) plus what was logged on it this
/// week, until the week's hours ([`State::hours_in_week`]) are used up: a week away plans
/// nothing, and [`Week::away_until`] says until when.
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
    plan_from(index, &Learner::of(index, state), curricula, state, today)
}

/// [`plan_with`], reading the learner's progress through `kept`: only the milestones changed
/// since the last plan are read again (what the window runs after a change). `kept` must have
/// been used with this `index` alone, and told of every change to the progress since.
pub fn plan_kept(
    index: &Index,
    kept: &mut LearnerCache,
    curricula: &[&Curriculum],
    state: &State,
    today: NaiveDate,
) -> Plan {
    if !index.fits(curricula) {
        kept.forget();
        return plan(curricula, state, today);
    }
    plan_from(index, kept.get(index, state), curricula, state, today)
}

fn plan_from(
    index: &Index,
    learner: &Learner,
    curricula: &[&Curriculum],
    state: &State,
    today: NaiveDate,
) -> Plan {
    let pace = learn_pace(index, learner);
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
    // Where each node sits in the work order, for the cut line.
    let mut position_of: Vec<u32> = vec![u32::MAX; n];
    for &g in &order {
        for &i in &closures[g].members {
            if served[i] == u32::MAX {
                served[i] = g as u32;
                if !statuses[i].is_finished() {
                    position_of[i] = work.len() as u32;
                    work.push(i);
                }
            }
        }
        chunk_end[g] = work.len();
    }
    let left = |i: usize| left_of(index, learner, &pace, i);

    let weekly = state.hours_per_week;
    let calendar = Calendar::new(state, today);
    let capacity = calendar.has_capacity();
    let to_date = |hours: f64| calendar.date_for(hours);

    // Cumulative hours at the end of each goal's part of the work order, never less than the
    // goal before it in plan order.
    let mut cumulative = Moments::default();
    let mut position = 0;
    let mut floor = Hours::default();
    let mut through: Vec<Hours> = vec![Hours::default(); state.goals.len()];
    // Each goal's hours as the curve its dates come from: the cumulative work at the end of
    // each goal's part up to its own (its date at a chance is the latest of theirs). And the
    // late (90%) hours by the end of each milestone of the work, for the cut line.
    let mut ends: Vec<range::Lognormal> = Vec::new();
    let mut curves: Vec<Vec<range::Lognormal>> = vec![Vec::new(); state.goals.len()];
    // The cumulative work by the end of each position (sums only: the late hours at a
    // position are worked out for the few positions a cut line's search looks at), and the
    // late hours of the goals before each part.
    let mut prefix: Vec<Moments> = Vec::with_capacity(work.len());
    let mut floors: Vec<(usize, f64)> = Vec::with_capacity(order.len());
    for &g in &order {
        floors.push((position, floor.late));
        for &i in &work[position..chunk_end[g]] {
            cumulative.add(left(i).moments);
            prefix.push(cumulative);
        }
        position = chunk_end[g];
        let range = cumulative.range(&pace);
        floor = Hours {
            likely: floor.likely.max(range.likely),
            late: floor.late.max(range.late).max(range.likely),
        };
        through[g] = floor;
        ends.extend(cumulative.lognormal(&pace));
        curves[g].clone_from(&ends);
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
                hours_per_week: calendar.needed_hours(through[g].late, goal.target),
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
        // The cut line: which remaining milestones end by the target, 90% sure. The late
        // hours grow along the work order, so the ones that fit are those up to a position
        // found by bisection.
        let by_target = (capacity && !reached).then(|| {
            let late_at = |pos: usize| {
                let before = floors[floors.partition_point(|&(start, _)| start <= pos) - 1].1;
                prefix[pos]
                    .lognormal(&pace)
                    .map_or(0.0, |l| l.quantile(0.9))
                    .max(before)
            };
            let ends_by_target =
                |pos: usize| to_date(late_at(pos)).is_some_and(|d| d <= goal.target);
            let (mut lo, mut hi) = (0, chunk_end[g]);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if ends_by_target(mid) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            let fit_before = lo;
            let mut fits = 0;
            let mut first_out: Option<(u32, usize)> = None;
            for &i in &remaining {
                let pos = position_of[i];
                if (pos as usize) < fit_before {
                    fits += 1;
                } else if first_out.is_none_or(|(p, _)| pos < p) {
                    first_out = Some((pos, i));
                }
            }
            // A goal on track ends by its target, every milestone of it: the late hours may
            // dip along the work order (a milestone with a narrow range after a wide one),
            // and the cut line must not contradict the outlook.
            if outlook == Outlook::OnTrack {
                fits = remaining.len();
                first_out = None;
            }
            ByTarget {
                fit: fits,
                of: remaining.len(),
                first_out: first_out.map(|(_, i)| index.reference(curricula, i)),
            }
        });
        goals.push(GoalForecast {
            curve: if reached {
                Vec::new()
            } else {
                std::mem::take(&mut curves[g])
            },
            by_target,
            goal: goal.id.clone(),
            hours_left: own.range(&pace),
            remaining_milestones: remaining.len(),
            total_milestones: closures[g].members.len(),
            approximate: remaining.iter().any(|&i| !index.hours(learner, i).2),
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

    let mut activity = activity_stats(state.activity.iter(), today);
    activity.had_hours(|monday| state.hours_in_week(monday));
    // Reviews due while away come after the break, spread out.
    let schedules: std::borrow::Cow<'_, [(u32, crate::progress::review::Schedule)]> =
        if calendar.has_time_away() {
            learner
                .schedules
                .iter()
                .map(|&(i, s)| {
                    let due = calendar.review_day(s.due);
                    (i, crate::progress::review::Schedule { due, ..s })
                })
                .collect()
        } else {
            (&learner.schedules[..]).into()
        };
    let reviews = reviews(index, curricula, learner, &schedules, today);
    let week_end = activity.week_start + Days::new(6);
    let week_hours = state.hours_in_week(activity.week_start);
    let mut week = week(
        index,
        curricula,
        learner,
        &activity,
        WeekWork {
            budget: if week_hours.is_finite() && week_hours > 0.0 {
                week_hours
            } else {
                0.0
            },
            reviews: schedules
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
    week.away_until = state.away_until(today);

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
        calendar,
    }
}
