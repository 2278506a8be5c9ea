//! The curricula's goals, as the learner may adopt them.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use crate::curriculum::Curriculum;
use crate::progress::{AdoptedGoal, FocusRef, GoalSource, MilestoneRef};

/// A curriculum's goal, as the learner may adopt it.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalOffer {
    pub curriculum: String,
    /// The goal's id in its curriculum.
    pub goal: String,
    /// The id the learner's goal gets (see [`goal_offers`]).
    pub id: String,
    pub title: String,
    pub focus: Option<String>,
    pub mentor_note: String,
    pub milestones: Vec<MilestoneRef>,
    pub suggested_weeks: Option<u32>,
}

impl GoalOffer {
    /// The learner's goal, adopted `now` with `target`.
    pub fn adopt(&self, target: NaiveDate, now: DateTime<Utc>) -> AdoptedGoal {
        AdoptedGoal {
            id: self.id.clone(),
            title: self.title.clone(),
            source: Some(GoalSource {
                curriculum: self.curriculum.clone(),
                goal: self.goal.clone(),
            }),
            mentor_note: self.mentor_note.clone(),
            milestones: self.milestones.clone(),
            target,
            adopted_at: now,
        }
    }

    /// Whether the goal fits a focus: a goal with no focus area fits everyone.
    pub fn fits(&self, focus: &[FocusRef]) -> bool {
        match &self.focus {
            None => true,
            Some(f) => focus
                .iter()
                .any(|c| c.curriculum == self.curriculum && &c.focus == f),
        }
    }
}

/// Every goal of `curricula`, in order. A goal keeps its own id as the learner's goal's id;
/// when an earlier curriculum has a goal of the same id, it is qualified as
/// `curriculum-goal`, so that the learner's goal ids stay unique.
pub fn goal_offers<'c>(curricula: impl IntoIterator<Item = &'c Curriculum>) -> Vec<GoalOffer> {
    let mut ids = HashSet::new();
    let mut offers = Vec::new();
    for c in curricula {
        for g in &c.goals {
            let id = if ids.insert(g.id.clone()) {
                g.id.clone()
            } else {
                format!("{}-{}", c.id, g.id)
            };
            offers.push(GoalOffer {
                curriculum: c.id.clone(),
                goal: g.id.clone(),
                id,
                title: g.title.clone(),
                focus: g.focus.clone(),
                mentor_note: g.mentor_note.clone(),
                milestones: g
                    .milestones
                    .iter()
                    .map(|m| MilestoneRef::new(&c.id, m))
                    .collect(),
                suggested_weeks: g.suggested_weeks,
            });
        }
    }
    offers
}
