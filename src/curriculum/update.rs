//! What changed between two revisions of one curriculum, matched by stable ids and `renamed_from`.

use std::collections::{HashMap, HashSet};

use super::{Curriculum, Milestone};

/// What importing `new` over `old` would do, shown before anything is applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UpdatePreview {
    pub curriculum: String,
    /// `None` when the curriculum is not imported yet (a first import).
    pub old_revision: Option<u32>,
    pub new_revision: u32,
    /// Milestone ids new in this revision.
    pub added: Vec<String>,
    /// Milestone ids gone in this revision.
    pub removed: Vec<String>,
    /// `(old id, new id)` pairs found through `renamed_from`.
    pub renamed: Vec<(String, String)>,
    /// Ids (new ones) whose title, kind, effort, requires, summary, tip, focus or resources changed.
    pub changed: Vec<String>,
    /// Of `changed`, those whose substance changed (see [`MilestoneText`]), with the text
    /// before and after: what a learner who finished them should look at again.
    pub revised: Vec<Revised>,
}

/// What a learner who finished a milestone learnt from: its title, its summary (the "Done
/// when"), its resources and what it requires. A change to any of these flags a finished
/// milestone (contract §6), except that requiring less (a prerequisite dropped) is no change to
/// what the learner learnt; a change to its kind, its effort, its focus areas or the wording of
/// its mentor tip does not either, since none changes what finishing it meant.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MilestoneText {
    pub title: String,
    pub summary: String,
    /// `(title, url)`, in the curriculum's order.
    pub resources: Vec<(String, String)>,
    /// Ids of the milestones it requires, sorted.
    pub requires: Vec<String>,
}

impl MilestoneText {
    fn of(m: &Milestone, renamed_to: &HashMap<&str, &str>) -> Self {
        let mut requires: Vec<String> = m
            .requires
            .iter()
            .map(|r| {
                renamed_to
                    .get(r.as_str())
                    .copied()
                    .unwrap_or(r.as_str())
                    .to_owned()
            })
            .collect();
        requires.sort();
        requires.dedup();
        Self {
            title: m.title.clone(),
            summary: m.summary.clone(),
            resources: m
                .resources
                .iter()
                .map(|r| (r.title.clone(), r.url.clone()))
                .collect(),
            requires,
        }
    }

    /// Whether `other` (the newer text) says something else: resources compare as a set, so
    /// a reordering is no change, and only a prerequisite `other` adds counts (one it drops
    /// asked nothing more of the learner).
    fn differs_from(&self, other: &Self) -> bool {
        let set = |t: &Self| t.resources.iter().cloned().collect::<HashSet<_>>();
        self.title != other.title
            || self.summary != other.summary
            || other.requires.iter().any(|r| !self.requires.contains(r))
            || set(self) != set(other)
    }
}

/// A milestone whose substance an update changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Revised {
    /// Its id in the new revision.
    pub milestone: String,
    pub before: MilestoneText,
    pub after: MilestoneText,
}

impl UpdatePreview {
    /// True when `new` is an older revision than the one imported: the user must consent.
    pub fn is_downgrade(&self) -> bool {
        self.old_revision.is_some_and(|old| self.new_revision < old)
    }

    /// True when applying would change no milestone and no revision.
    pub fn is_no_op(&self) -> bool {
        self.old_revision == Some(self.new_revision)
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
    }
}

/// Compares two revisions. Linear in the number of milestones.
///
/// With no `old` (a first import) every milestone is `added`. Otherwise a milestone of `new`
/// whose `renamed_from` names an id that `old` holds and `new` no longer does is a rename of that
/// milestone. So is one whose `renamed_from` names an earlier id of an `old` milestone that `new`
/// no longer holds (both revisions list the same ancestor, though the intermediate id was not
/// recorded). Each old milestone is renamed at most once, to the first claimant in document
/// order; several old milestones may be renamed into one new one (a merge).
///
/// `changed` compares each milestone of `new` with its counterpart in `old` (the same id, or the
/// milestone it was renamed from): title, kind, effort, focus, requires, summary, tip and
/// resources. `requires` and `focus` are compared as sets, and a required id that was renamed
/// counts as its new id, so following a rename is not a change.
///
/// Every list is in document order of the revision it names (`removed`: `old`; the rest: `new`).
pub fn diff(old: Option<&Curriculum>, new: &Curriculum) -> UpdatePreview {
    let mut preview = UpdatePreview {
        curriculum: new.id.clone(),
        old_revision: old.map(|o| o.revision),
        new_revision: new.revision,
        ..UpdatePreview::default()
    };
    let Some(old) = old else {
        preview.added = new.milestones().map(|m| m.id.clone()).collect();
        return preview;
    };

    let old_by_id: HashMap<&str, &Milestone> =
        old.milestones().map(|m| (m.id.as_str(), m)).collect();
    let new_ids: HashSet<&str> = new.milestones().map(|m| m.id.as_str()).collect();
    // An earlier id of an old milestone -> that milestone's id in `old`.
    let old_aliases: HashMap<&str, &str> = old
        .milestones()
        .flat_map(|m| m.renamed_from.iter().map(|r| (r.as_str(), m.id.as_str())))
        .collect();

    // Old id -> new id, for every rename.
    let mut renamed_to: HashMap<&str, &str> = HashMap::new();
    for m in new.milestones() {
        for earlier in &m.renamed_from {
            let source = if old_by_id.contains_key(earlier.as_str()) {
                Some(earlier.as_str())
            } else {
                old_aliases.get(earlier.as_str()).copied()
            };
            let Some(source) = source else { continue };
            if new_ids.contains(source) || renamed_to.contains_key(source) {
                continue;
            }
            renamed_to.insert(source, m.id.as_str());
            preview.renamed.push((source.to_owned(), m.id.clone()));
        }
    }
    // New id -> the first old id renamed into it.
    let mut renamed_from: HashMap<&str, &str> = HashMap::with_capacity(renamed_to.len());
    for (from, to) in &preview.renamed {
        renamed_from.entry(to.as_str()).or_insert(from.as_str());
    }

    preview.removed = old
        .milestones()
        .map(|m| m.id.as_str())
        .filter(|id| !new_ids.contains(id) && !renamed_to.contains_key(id))
        .map(str::to_owned)
        .collect();

    // An old id -> the new milestones split off from it (their `split_from`): requiring one
    // of those where the old revision required the whole asks nothing new of the learner.
    let mut split_off: HashMap<&str, Vec<String>> = HashMap::new();
    for m in new.milestones() {
        for from in &m.split_from {
            split_off
                .entry(from.as_str())
                .or_default()
                .push(m.id.clone());
        }
    }

    for m in new.milestones() {
        let id = m.id.as_str();
        let counterpart = old_by_id
            .get(id)
            .or_else(|| renamed_from.get(id).and_then(|from| old_by_id.get(from)));
        match counterpart {
            None => preview.added.push(m.id.clone()),
            Some(before) if differs(before, m, &renamed_to) => {
                preview.changed.push(m.id.clone());
                let (was, is) = (
                    MilestoneText::of(before, &renamed_to),
                    MilestoneText::of(m, &HashMap::new()),
                );
                let mut covered = was.clone();
                for r in &was.requires {
                    covered
                        .requires
                        .extend(split_off.get(r.as_str()).into_iter().flatten().cloned());
                }
                if covered.differs_from(&is) {
                    preview.revised.push(Revised {
                        milestone: m.id.clone(),
                        before: was,
                        after: is,
                    });
                }
            }
            Some(_) => {}
        }
    }
    preview
}

/// True when anything the learner sees of a milestone changed between `before` and `after`.
fn differs(before: &Milestone, after: &Milestone, renamed_to: &HashMap<&str, &str>) -> bool {
    let requires_before: HashSet<&str> = before
        .requires
        .iter()
        .map(|r| renamed_to.get(r.as_str()).copied().unwrap_or(r.as_str()))
        .collect();
    let requires_after: HashSet<&str> = after.requires.iter().map(String::as_str).collect();
    let focus_before: HashSet<&str> = before.focus.iter().map(String::as_str).collect();
    let focus_after: HashSet<&str> = after.focus.iter().map(String::as_str).collect();
    before.title != after.title
        || before.kind != after.kind
        || before.effort_hours != after.effort_hours
        || before.effort_hours_high != after.effort_hours_high
        || before.summary != after.summary
        || before.mentor_tip != after.mentor_tip
        || before.resources != after.resources
        || focus_before != focus_after
        || requires_before != requires_after
}
