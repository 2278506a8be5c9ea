//! Carrying the learner's progress across a curriculum update: renames follow, removals are set aside.

use super::State;
use crate::curriculum::update::UpdatePreview;

impl State {
    /// Moves progress for renamed milestones to their new ids, sets aside progress on removed
    /// ones, and brings back set-aside progress for milestones that returned.
    pub fn apply_update(&mut self, preview: &UpdatePreview) {
        let _ = preview;
        todo!("progress across updates: helper D")
    }

    /// Sets aside all progress on a curriculum being removed, so it comes back on re-import.
    pub fn set_aside_curriculum(&mut self, curriculum: &str) {
        let _ = curriculum;
        todo!("progress across removal: helper D")
    }
}
