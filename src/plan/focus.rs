//! What is in the learner's focus: the one rule that the plan, the dashboard's count, the
//! command line's `status` and the curricula list all follow.

use crate::curriculum::{Curriculum, Milestone};
use crate::progress::State;

use super::index::Index;

/// The focus ids of `curriculum` the learner chose; `None` when all of it is in focus.
///
/// With no focus chosen anywhere, everything is in focus. Once the learner has chosen, a
/// curriculum with focus areas but none chosen is out of focus; one without focus areas (a
/// Markdown import) is in when the learner put the whole of it in their focus
/// ([`FocusRef::whole`](crate::progress::FocusRef::whole)).
pub fn chosen_focus(curriculum: &Curriculum, state: &State) -> Option<Vec<String>> {
    if state.focus.is_empty() {
        return None;
    }
    if curriculum.focus_areas.is_empty() {
        let whole = state
            .focus
            .iter()
            .any(|f| f.curriculum == curriculum.id && f.is_whole());
        return if whole { None } else { Some(Vec::new()) };
    }
    // A whole-curriculum choice means nothing for one with areas (a peer's record, or a
    // revision that brought areas): its areas are chosen one by one.
    Some(
        state
            .focus
            .iter()
            .filter(|f| f.curriculum == curriculum.id && !f.is_whole())
            .map(|f| f.focus.clone())
            .collect(),
    )
}

/// Whether a milestone is in the learner's focus, given [`chosen_focus`] of its curriculum.
pub fn in_focus(m: &Milestone, chosen: Option<&[String]>) -> bool {
    chosen.is_none_or(|focus| focus.iter().any(|f| m.is_in_focus(f)))
}

/// [`chosen_focus`] of one curriculum, ready for the index's focus masks.
pub(super) enum Chosen {
    Everything,
    Areas {
        ids: Vec<String>,
        /// The chosen areas' bits; `None` when one lies past the mask's 64 bits, and the
        /// milestones are then checked by [`in_focus`] itself.
        mask: Option<u64>,
    },
}

/// [`chosen_focus`] of every curriculum the index holds, in its order.
pub(super) fn chosen(index: &Index, curricula: &[&Curriculum], state: &State) -> Vec<Chosen> {
    curricula
        .iter()
        .enumerate()
        .map(|(ci, c)| match chosen_focus(c, state) {
            None => Chosen::Everything,
            Some(ids) => {
                let mask = ids.iter().try_fold(0u64, |mask, id| {
                    match index.area_position(ci, id) {
                        Some(j) if j >= 64 => None,
                        Some(j) => Some(mask | 1 << j),
                        // A chosen area the curriculum lacks contains nothing.
                        None => Some(mask),
                    }
                });
                Chosen::Areas { ids, mask }
            }
        })
        .collect()
}
