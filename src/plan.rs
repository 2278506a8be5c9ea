//! The planner: which milestones are available or locked, what is next, and when each goal finishes.
//!
//! Everything here is linear in the number of milestones.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::curriculum::Curriculum;
use crate::progress::{MilestoneRef, State};

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
    /// Projected to finish on or before the target date.
    OnTrack,
    /// Projected to finish after the target date.
    AtRisk,
    /// No weekly hours, so no finish date can be projected.
    NoCapacity,
}

/// One goal's projection.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalForecast {
    pub goal: String,
    /// Hours left, counting every prerequisite not yet done.
    pub remaining_hours: f64,
    /// Milestones left (the goal's own and their unfinished prerequisites).
    pub remaining_milestones: usize,
    pub total_milestones: usize,
    /// True when some remaining milestone had no estimate and counted at the median.
    pub approximate: bool,
    pub projected_finish: Option<NaiveDate>,
    pub target: NaiveDate,
    pub outlook: Outlook,
}

/// The whole plan for the learner today.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Available milestones in the order to take them.
    pub next_up: Vec<MilestoneRef>,
    /// In the order of the learner's goals.
    pub goals: Vec<GoalForecast>,
    availability: HashMap<MilestoneRef, Availability>,
}

impl Plan {
    pub fn availability(&self, r: &MilestoneRef) -> Availability {
        self.availability
            .get(r)
            .copied()
            .unwrap_or(Availability::Locked)
    }
}

/// Plans every goal in `state` over `curricula`, as of `today`.
pub fn plan(curricula: &[&Curriculum], state: &State, today: NaiveDate) -> Plan {
    let _ = (curricula, state, today);
    todo!("planner: helper D")
}

/// How many of a curriculum's milestones are finished (done or skipped), and how many there are.
pub fn progress_counts(curriculum: &Curriculum, state: &State) -> (usize, usize) {
    let progress = state.progress.get(&curriculum.id);
    let finished = curriculum
        .milestones()
        .filter(|m| {
            progress
                .and_then(|p| p.get(&m.id))
                .is_some_and(|p| p.status.is_finished())
        })
        .count();
    (finished, curriculum.milestone_count())
}
