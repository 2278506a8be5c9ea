//! What changed between two revisions of one curriculum, matched by stable ids and `renamed_from`.

use super::Curriculum;

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
pub fn diff(old: Option<&Curriculum>, new: &Curriculum) -> UpdatePreview {
    let _ = (old, new);
    todo!("update diff: helper D")
}
