//! A milestone's notes, merged: the latest text wins, and a text written without having seen
//! the one it replaces (edited on two machines at once) is kept beside it for the learner.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::canon;
use super::hlc::Key;
use super::lww::Lww;

/// Every text written that no later write was based on (a *leaf*) is kept; the latest is the
/// notes, the others are concurrent edits for the learner to resolve, unless their text is the
/// latest's or one some write was based on (that text was seen: nothing to resolve). All of it
/// depends only on which writes there are, not on the order they arrived in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Notes {
    pub(super) leaves: BTreeMap<Key, String>,
    /// Every version some write was based on.
    bases: BTreeSet<Key>,
    /// The fingerprint of every write's text, by its key.
    written: BTreeMap<Key, u64>,
    /// Whether the learner resolved a concurrent text, by its key: the last change wins, so
    /// undoing a resolution brings the text back on every machine.
    resolved: BTreeMap<Key, Lww<bool>>,
}

impl Notes {
    pub(super) fn write(&mut self, text: String, base: Option<Key>, k: &Key) {
        self.written.insert(k.clone(), canon(&text));
        if let Some(base) = base {
            self.leaves.remove(&base);
            self.bases.insert(base);
        }
        if !self.bases.contains(k) {
            // One key, two texts: only a hostile file does that; the greater fingerprint stays,
            // whatever the order they arrive in.
            match self.leaves.get(k) {
                Some(t) if canon(t) >= canon(&text) => {}
                _ => {
                    self.leaves.insert(k.clone(), text);
                }
            }
        }
    }

    pub(super) fn latest(&self) -> Option<(&Key, &String)> {
        self.leaves.iter().next_back()
    }

    fn is_resolved(&self, k: &Key) -> bool {
        self.resolved.get(k).is_some_and(|r| r.get() == Some(&true))
    }

    pub(super) fn resolve(&mut self, keys: &[Key], resolved: bool, k: &Key, after: Option<&[Key]>) {
        for key in keys {
            let slot = self.resolved.entry(key.clone()).or_default();
            let seen: Vec<Key> = after.map(<[Key]>::to_vec).unwrap_or_default();
            slot.write(resolved, k, after.map(|_| seen.as_slice()));
        }
    }

    /// The keys of the resolution flags a new resolution of `keys` must name as seen.
    pub(super) fn resolution_leaves(&self, keys: &[Key]) -> Vec<Key> {
        keys.iter()
            .filter_map(|k| self.resolved.get(k))
            .flat_map(Lww::leaves)
            .collect()
    }

    /// The concurrent texts other than the latest, with their keys, resolved or not.
    fn concurrent(&self) -> impl Iterator<Item = (&Key, &String)> {
        let latest = self.latest();
        let seen: BTreeSet<u64> = self
            .bases
            .iter()
            .filter_map(|b| self.written.get(b).copied())
            .collect();
        self.leaves.iter().filter(move |(k, t)| {
            latest.is_some_and(|(lk, lt)| *k != lk && !t.is_empty() && *t != lt)
                && !seen.contains(&canon(*t))
        })
    }

    pub(super) fn others(&self) -> Vec<String> {
        let mut others: Vec<String> = Vec::new();
        for (_, t) in self.concurrent().filter(|(k, _)| !self.is_resolved(k)) {
            if !others.contains(t) {
                others.push(t.clone());
            }
        }
        others
    }

    /// The keys of the concurrent texts that are unresolved, or resolved and among `texts`.
    pub(super) fn other_keys(&self, resolved: Option<&[String]>) -> Vec<Key> {
        self.concurrent()
            .filter(|(k, t)| match resolved {
                None => !self.is_resolved(k),
                Some(texts) => self.is_resolved(k) && texts.contains(t),
            })
            .map(|(k, _)| k.clone())
            .collect()
    }
}
