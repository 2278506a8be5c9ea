//! How the loaded curricula name the milestones that records may name otherwise (contract §1).

use std::collections::BTreeMap;

use crate::progress::MilestoneRef;

/// An earlier id a curriculum lists in `renamed_from` is the milestone it became, and a
/// milestone split off from another (`split_from`) counts as finished while that one is, until
/// the learner sets its own status. Taken from the curricula, not from the records, so a
/// rename needs no record at all: every machine that loads the same revision folds the same
/// records the same way, and one that loads an older revision still shows them under the old
/// id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    /// An earlier id to the milestone it became.
    pub(super) renamed: BTreeMap<MilestoneRef, MilestoneRef>,
    /// A milestone to the earlier ids that became it.
    pub(super) earlier: BTreeMap<MilestoneRef, Vec<MilestoneRef>>,
    /// A milestone to the milestones it was split off from (each as its current id).
    pub(super) split: BTreeMap<MilestoneRef, Vec<MilestoneRef>>,
    /// A milestone to the milestones split off from it: whose progress follows its own.
    pub(super) split_off: BTreeMap<MilestoneRef, Vec<MilestoneRef>>,
}

impl Names {
    /// The names `curricula` give.
    pub fn of<'c>(curricula: impl IntoIterator<Item = &'c crate::curriculum::Curriculum>) -> Self {
        let mut names = Self::default();
        let mut splits = Vec::new();
        for c in curricula {
            for m in c.milestones() {
                let now = MilestoneRef::new(&c.id, &m.id);
                for old in &m.renamed_from {
                    let old = MilestoneRef::new(&c.id, old);
                    names
                        .earlier
                        .entry(now.clone())
                        .or_default()
                        .push(old.clone());
                    names.renamed.insert(old, now.clone());
                }
                for from in &m.split_from {
                    splits.push((now.clone(), MilestoneRef::new(&c.id, from)));
                }
            }
        }
        for (now, from) in splits {
            let from = names.current(&from).clone();
            names
                .split_off
                .entry(from.clone())
                .or_default()
                .push(now.clone());
            names.split.entry(now).or_default().push(from);
        }
        names
    }

    /// The id a milestone goes by now.
    pub fn current<'a>(&'a self, r: &'a MilestoneRef) -> &'a MilestoneRef {
        self.renamed.get(r).unwrap_or(r)
    }

    /// The milestones whose progress a change to `m` may change: `m` by its current id, and
    /// those split off from it.
    pub fn affected(&self, m: &MilestoneRef) -> Vec<MilestoneRef> {
        let now = self.current(m).clone();
        let mut all = vec![now.clone()];
        all.extend(self.split_off.get(&now).into_iter().flatten().cloned());
        all
    }

    pub fn is_empty(&self) -> bool {
        self.renamed.is_empty() && self.split.is_empty()
    }

    /// The first of the earlier ids of `now` that has records, which stands for them all when
    /// `now` has none of its own.
    pub(super) fn earlier_first(&self, now: &MilestoneRef) -> Option<&MilestoneRef> {
        self.earlier.get(now).and_then(|all| all.first())
    }
}
