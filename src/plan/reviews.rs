//! What stays learned: the reviews due and coming, soonest first, and the finished milestones
//! an update changed.

use chrono::NaiveDate;

use crate::curriculum::Curriculum;
use crate::progress::{MilestoneRef, review};

use super::index::Index;
use super::learner::Learner;

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

/// The reviews due and coming, soonest first, and the milestones changed since finished.
pub(super) fn reviews(
    index: &Index,
    curricula: &[&Curriculum],
    learner: &Learner,
    schedules: &[(u32, review::Schedule)],
    today: NaiveDate,
) -> Reviews {
    let key = |&(i, s): &(u32, review::Schedule)| (s.due, i);
    let (mut due, mut upcoming): (Vec<_>, Vec<_>) =
        schedules.iter().copied().partition(|(_, s)| s.due <= today);
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
