//! Next up outside the learner's goals: the rest of the focus in each curriculum's own order.

use crate::curriculum::Curriculum;
use crate::progress::{MilestoneRef, State};

use super::index::{self, Index};

/// The most milestones [`Plan::next_up`](super::Plan::next_up) lists: what a learner reads as
/// "next" is a handful, and a reference per available milestone of a large curriculum is
/// thousands of allocations.
pub const MAX_NEXT_UP: usize = 100;

/// Each node's place in its curriculum's own order, for the next-up list outside the learner's
/// goals: the milestones its goals take (the goals in the order the curriculum lists them,
/// only those that fit the learner's focus; each goal's milestones in the order it names them,
/// each after what it requires), then the rest in document order. One walk over the goals'
/// prerequisites: linear in the milestones and their requirements.
pub(super) fn path_rank(
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
