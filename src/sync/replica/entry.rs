//! The pieces of the merge: sets by value, one milestone's merged progress, and the keys of a
//! log from before sync.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::progress::{Activity, Changed, MilestoneProgress, Review, Status, StatusChange};
use crate::sync::hlc::{Key, Stamp};
use crate::sync::lww::Lww;
use crate::sync::notes::Notes;

/// An element of a set by value: present or not as its last change says, ordered by that
/// change (so an element added again moves to the end, as it does in a list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Member<T> {
    pub(super) v: T,
    pub(super) on: Lww<bool>,
}

/// Elements by a hash of their value (FNV-1a of their RON text: the same on every machine).
pub(super) type Set<T> = BTreeMap<u64, Member<T>>;

pub(super) fn set_member<T: Serialize + Clone>(
    set: &mut Set<T>,
    v: &T,
    present: bool,
    k: &Key,
    after: Option<&[Key]>,
) {
    set.entry(crate::sync::canon(v))
        .or_insert_with(|| Member {
            v: v.clone(),
            on: Lww::default(),
        })
        .on
        .write(present, k, after);
}

/// Adds `other`'s elements to `set`: each element's changes under both names.
pub(super) fn join<T: Clone>(set: &mut Set<T>, other: &Set<T>) {
    for (hash, member) in other {
        match set.get_mut(hash) {
            Some(mine) => mine.on.join(&member.on),
            None => {
                set.insert(*hash, member.clone());
            }
        }
    }
}

/// The present elements, in the order of their last change.
pub(super) fn members<T: Clone>(set: &Set<T>) -> Vec<T> {
    // Sorted as small (key, value) pairs: comparing them reads no member. Keys are unique, so
    // an unstable sort gives the one order.
    let mut present: Vec<(&Key, &T)> = set
        .values()
        .filter(|m| m.on.get() == Some(&true))
        .filter_map(|m| m.on.winner().map(|k| (k, &m.v)))
        .collect();
    present.sort_unstable_by(|a, b| a.0.cmp(b.0));
    present.into_iter().map(|(_, v)| v.clone()).collect()
}

/// The key of an entry of a log from before sync: stamped with the entry's own time and `nth`,
/// which of the file's entries of that moment it is (so the old log keeps its order), and
/// named by `print`, the fingerprint of the entry itself ([`crate::sync::canon`]). The same on
/// every machine and for every file that holds the entry.
pub(super) fn legacy_key(entry: &Activity, print: u64, nth: u32) -> Key {
    Key {
        t: Stamp {
            ms: u64::try_from(entry.at.timestamp_millis()).unwrap_or(0),
            n: nth,
        },
        d: format!("legacy-{print:016x}"),
        h: 0,
    }
}

/// One milestone's progress, merged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Entry {
    pub(super) status: Lww<Status>,
    pub(super) notes: Notes,
    pub(super) estimate: Lww<Option<f64>>,
    pub(super) changed: Lww<Option<Changed>>,
    pub(super) hours: BTreeMap<Key, f64>,
    /// The hours a `state.ron` from before sync held: the latest carrying forward wins, so a
    /// file carried again (by a second machine, or after an older Waymark wrote it) counts once.
    pub(super) legacy_hours: Lww<f64>,
    pub(super) history: Set<StatusChange>,
    pub(super) evidence: Set<String>,
    pub(super) reviews: Set<Review>,
    pub(super) notes_private: Lww<bool>,
    pub(super) hidden: Lww<bool>,
}

impl Entry {
    /// Folds in the records of `earlier`, an id this milestone had before a curriculum renamed
    /// it: the milestone's own name leads for single values (its status, notes, estimate and
    /// flag, when it has one) and the earlier name's stand in where it has none; sets are
    /// joined and hours are added, each record's once. A pure function of the two entries'
    /// records, so every machine folds them alike.
    pub(super) fn absorb(&mut self, earlier: &Self) {
        if self.status.get().is_none() {
            self.status.clone_from(&earlier.status);
        }
        if self.notes.leaves.is_empty() {
            self.notes = earlier.notes.clone();
        }
        if self.estimate.get().is_none() {
            self.estimate.clone_from(&earlier.estimate);
        }
        if self.changed.get().is_none() {
            self.changed.clone_from(&earlier.changed);
        }
        if self.notes_private.get().is_none() {
            self.notes_private.clone_from(&earlier.notes_private);
        }
        if self.hidden.get().is_none() {
            self.hidden.clone_from(&earlier.hidden);
        }
        self.hours
            .extend(earlier.hours.iter().map(|(k, h)| (k.clone(), *h)));
        match (self.legacy_hours.get(), earlier.legacy_hours.get()) {
            (None, Some(_)) => self.legacy_hours = earlier.legacy_hours.clone(),
            // Two ids' hours from before sync: both count, the earlier one as an amount.
            (Some(_), Some(h)) => {
                if let Some(k) = earlier.legacy_hours.winner() {
                    self.hours.insert(k.clone(), *h);
                }
            }
            _ => {}
        }
        join(&mut self.history, &earlier.history);
        join(&mut self.evidence, &earlier.evidence);
        join(&mut self.reviews, &earlier.reviews);
    }

    pub(super) fn hours(&self) -> f64 {
        // Summed from 0.0: `Sum` for floats starts at -0.0, which shows as "-0 h logged".
        self.legacy_hours
            .get()
            .into_iter()
            .chain(self.hours.values())
            .fold(0.0, |sum, h| sum + h)
    }

    pub(super) fn progress(&self) -> MilestoneProgress {
        MilestoneProgress {
            status: self.status.get().copied().unwrap_or(Status::Todo),
            history: members(&self.history),
            notes: self
                .notes
                .latest()
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
            evidence: members(&self.evidence),
            // Never below zero: an undo of hours another machine had already taken back would
            // otherwise show a negative log (and never -0, which shows as "-0 h logged").
            hours_logged: Some(self.hours()).filter(|h| *h > 0.0).unwrap_or(0.0),
            own_estimate_hours: self.estimate.get().copied().flatten(),
            reviews: members(&self.reviews),
            changed: self.changed.get().cloned().flatten(),
            other_notes: self.notes.others(),
            notes_private: self.notes_private.get() == Some(&true),
            hidden_from_portfolio: self.hidden.get() == Some(&true),
        }
    }
}
