//! Carrying the learner's progress across a curriculum update: renames follow, removals are set aside.
//!
//! Nothing the learner wrote is dropped here: progress is moved, merged or set aside, and only
//! blank entries (see [`MilestoneProgress::is_blank`]) are let go.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{MilestoneProgress, State};
use crate::curriculum::update::UpdatePreview;

impl State {
    /// Moves progress for renamed milestones to their new ids, sets aside progress on removed
    /// ones, and brings back set-aside progress for milestones that returned.
    ///
    /// In turn:
    /// 1. each rename moves the old id's progress to the new id; when the new id already has
    ///    progress the two are merged (see [`merge_progress`]), the new id's entry leading;
    /// 2. each removed milestone's progress moves to `set_aside`, unless it is blank (merged
    ///    with anything set aside there before, the progress just removed leading);
    /// 3. each added milestone and each rename target that has progress in `set_aside` gets it
    ///    back, merged with any progress it has now (which leads);
    /// 4. the learner's goals that name a renamed milestone name its new id instead (once);
    /// 5. each milestone the learner finished (done or skipped) whose substance the update
    ///    revised is flagged as changed since they finished it (an earlier flag keeps what they
    ///    finished, and takes the new text; a revision back to what they finished clears it).
    pub fn apply_update(&mut self, preview: &UpdatePreview, now: chrono::DateTime<chrono::Utc>) {
        let curriculum = preview.curriculum.as_str();

        if !preview.renamed.is_empty()
            && let Some(progress) = self.progress.get_mut(curriculum)
        {
            for (from, to) in &preview.renamed {
                if let Some(moved) = progress.remove(from) {
                    put(progress, to, moved, Lead::Existing);
                }
            }
        }

        if let Some(progress) = self.progress.get_mut(curriculum) {
            for id in &preview.removed {
                if let Some(removed) = progress.remove(id) {
                    let aside = self.set_aside.entry(curriculum.to_owned()).or_default();
                    put(aside, id, removed, Lead::Incoming);
                }
            }
        }

        if let Some(aside) = self.set_aside.get_mut(curriculum) {
            let returning = preview
                .added
                .iter()
                .chain(preview.renamed.iter().map(|(_, to)| to));
            for id in returning {
                if let Some(back) = aside.remove(id) {
                    let progress = self.progress.entry(curriculum.to_owned()).or_default();
                    put(progress, id, back, Lead::Existing);
                }
            }
        }

        if let Some(progress) = self.progress.get_mut(curriculum) {
            for revised in &preview.revised {
                let finished = progress
                    .get(&revised.milestone)
                    .is_some_and(|p| p.status.is_finished());
                let Some(p) = progress.get_mut(&revised.milestone).filter(|_| finished) else {
                    continue;
                };
                let before = p
                    .changed
                    .take()
                    .map_or_else(|| revised.before.clone(), |c| c.before);
                if before != revised.after {
                    p.changed = Some(super::Changed {
                        at: now,
                        from_revision: preview.old_revision.unwrap_or_default(),
                        to_revision: preview.new_revision,
                        before,
                        after: revised.after.clone(),
                    });
                }
            }
        }

        drop_empty(&mut self.progress, curriculum);
        drop_empty(&mut self.set_aside, curriculum);

        if !preview.renamed.is_empty() {
            let renamed_to: HashMap<&str, &str> = preview
                .renamed
                .iter()
                .map(|(from, to)| (from.as_str(), to.as_str()))
                .collect();
            for goal in &mut self.goals {
                let mut touched = false;
                for r in &mut goal.milestones {
                    if r.curriculum == curriculum
                        && let Some(to) = renamed_to.get(r.milestone.as_str())
                    {
                        (*to).clone_into(&mut r.milestone);
                        touched = true;
                    }
                }
                if touched {
                    // A merge of two milestones would otherwise list the new one twice.
                    let mut kept = HashSet::with_capacity(goal.milestones.len());
                    goal.milestones.retain(|r| kept.insert(r.clone()));
                }
            }
        }
    }

    /// Sets aside all progress on a curriculum being removed, so it comes back on re-import.
    ///
    /// A re-import is a first import (its preview lists every milestone as added), so
    /// [`State::apply_update`] then returns each milestone's progress. Blank entries are dropped;
    /// an entry already set aside for the same milestone is merged, the one set aside now leading.
    pub fn set_aside_curriculum(&mut self, curriculum: &str) {
        let Some(progress) = self.progress.remove(curriculum) else {
            return;
        };
        let aside = self.set_aside.entry(curriculum.to_owned()).or_default();
        for (id, p) in progress.into_inner() {
            put(aside, &id, p, Lead::Incoming);
        }
        drop_empty(&mut self.set_aside, curriculum);
    }
}

/// Which entry leads when two are merged (see [`merge_progress`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// What is stored at the id already.
    Existing,
    /// What is being put there.
    Incoming,
}

/// Stores `incoming` at `id`, merging it with what is there already.
fn put(
    map: &mut BTreeMap<String, MilestoneProgress>,
    id: &str,
    incoming: MilestoneProgress,
    lead: Lead,
) {
    if incoming.is_blank() {
        return;
    }
    match map.get_mut(id) {
        Some(existing) if lead == Lead::Existing => merge_progress(existing, incoming),
        Some(existing) => {
            let previous = std::mem::replace(existing, incoming);
            merge_progress(existing, previous);
        }
        None => {
            map.insert(id.to_owned(), incoming);
        }
    }
}

fn drop_empty<M>(map: &mut BTreeMap<String, M>, curriculum: &str)
where
    M: std::ops::Deref<Target = BTreeMap<String, MilestoneProgress>>,
{
    if map.get(curriculum).is_some_and(|m| m.is_empty()) {
        map.remove(curriculum);
    }
}

/// Merges `other` into `keep`, losing nothing the learner wrote.
///
/// - status: `keep`'s, unless `keep` is still `todo` with no recorded change, or `other`'s
///   latest recorded change is later than `keep`'s (the learner's latest decision stands);
/// - history: both, oldest first;
/// - notes: both, `keep`'s first, separated by a blank line (once if they are the same);
/// - evidence: `keep`'s, then `other`'s links that `keep` lacks;
/// - hours logged: the sum;
/// - reviews: both, oldest first;
/// - own estimate and changed flag: `keep`'s, else `other`'s.
pub fn merge_progress(keep: &mut MilestoneProgress, other: MilestoneProgress) {
    let keep_last = keep.history.last().map(|c| c.at);
    let other_last = other.history.last().map(|c| c.at);
    let keep_untouched = keep.status == super::Status::Todo && keep_last.is_none();
    let other_later = matches!((keep_last, other_last), (Some(k), Some(o)) if o > k)
        || (keep_last.is_none() && other_last.is_some());
    if keep_untouched || other_later {
        keep.status = other.status;
    }

    keep.history.extend(other.history);
    // Stable: equal times keep `keep`'s entries first.
    keep.history.sort_by_key(|c| c.at);

    if keep.notes.is_empty() {
        keep.notes = other.notes;
    } else if !other.notes.is_empty() && other.notes != keep.notes {
        keep.notes.push_str("\n\n");
        keep.notes.push_str(&other.notes);
    }

    let known: HashSet<String> = keep.evidence.iter().cloned().collect();
    keep.evidence
        .extend(other.evidence.into_iter().filter(|e| !known.contains(e)));

    keep.hours_logged += other.hours_logged;

    keep.reviews.extend(other.reviews);
    keep.reviews.sort_by_key(|r| r.at);
    if keep.own_estimate_hours.is_none() {
        keep.own_estimate_hours = other.own_estimate_hours;
    }
    if keep.changed.is_none() {
        keep.changed = other.changed;
    }
}
