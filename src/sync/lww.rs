//! One value where the last change wins, in the causal sense: a change names the changes to the
//! same value that its machine had seen (`after`), and a change another has seen never wins
//! again, whatever its stamp. Only among changes that did not see each other do the keys
//! decide (stamp, then machine, then the record's fingerprint).
//!
//! So a record dated far in the future (a clock set wrong, or a hostile line) wins only until
//! someone changes that value after seeing it; and every machine that holds the same changes
//! shows the same value, in whatever order they arrived: the value is the greatest key among
//! the changes no change has seen, a function of the set of changes alone.
//!
//! Records of format 1 name nothing they saw; among them the greatest key wins (as it always
//! did), and a change of format 2 that saw the winner supersedes it.

use serde::{Deserialize, Serialize};

use super::hlc::Key;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lww<T> {
    /// The changes no change has seen, in key order: almost always one.
    leaves: Vec<(Key, T)>,
    /// The keys of changes a later change had seen, sorted.
    seen: Vec<Key>,
    /// The greatest key of a change of format 1: it overrides every format-1 change before it.
    legacy: Option<Key>,
}

impl<T> Default for Lww<T> {
    fn default() -> Self {
        Self {
            leaves: Vec::new(),
            seen: Vec::new(),
            legacy: None,
        }
    }
}

impl<T: Clone + Serialize> Lww<T> {
    /// Takes in one change: `value` under key `k`, having seen the changes `after` (`None`: a
    /// record of format 1). Commutative and idempotent.
    pub fn write(&mut self, value: T, k: &Key, after: Option<&[Key]>) {
        match after {
            None => {
                if self.legacy.as_ref().is_some_and(|l| l >= k) {
                    return;
                }
                if let Some(old) = self.legacy.replace(k.clone()) {
                    self.leaves.retain(|(lk, _)| *lk != old);
                }
            }
            Some(after) => {
                for a in after {
                    if let Err(i) = self.seen.binary_search(a) {
                        self.seen.insert(i, a.clone());
                    }
                    self.leaves.retain(|(lk, _)| lk != a);
                }
            }
        }
        if self.seen.binary_search(k).is_ok() {
            return;
        }
        match self.leaves.binary_search_by(|(lk, _)| lk.cmp(k)) {
            // The same change again, or (only in a hostile file) two values under one key:
            // the one with the greater fingerprint stays, so the order of arrival cannot matter.
            Ok(i) => {
                if super::canon(&value) > super::canon(&self.leaves[i].1) {
                    self.leaves[i].1 = value;
                }
            }
            Err(i) => self.leaves.insert(i, (k.clone(), value)),
        }
    }

    /// The value, if any change set one.
    pub fn get(&self) -> Option<&T> {
        self.leaves.last().map(|(_, v)| v)
    }

    /// The key of the change that set the value.
    pub fn winner(&self) -> Option<&Key> {
        self.leaves.last().map(|(k, _)| k)
    }

    /// The changes a new change must name as seen to win: every change no change has seen.
    pub fn leaves(&self) -> Vec<Key> {
        self.leaves.iter().map(|(k, _)| k.clone()).collect()
    }

    /// Folds in every change of `other` (an element of a set under an earlier name): the
    /// value the union of both sets of changes gives.
    pub fn join(&mut self, other: &Self) {
        for k in &other.seen {
            if let Err(i) = self.seen.binary_search(k) {
                self.seen.insert(i, k.clone());
            }
        }
        let legacy = self.legacy.clone().max(other.legacy.clone());
        let stale = |k: &Key| {
            (self.legacy.as_ref() == Some(k) || other.legacy.as_ref() == Some(k))
                && legacy.as_ref() != Some(k)
        };
        let mut leaves: Vec<(Key, T)> = Vec::with_capacity(self.leaves.len() + other.leaves.len());
        for (k, v) in self.leaves.iter().chain(&other.leaves) {
            if stale(k) || self.seen.binary_search(k).is_ok() {
                continue;
            }
            match leaves.binary_search_by(|(lk, _)| lk.cmp(k)) {
                Ok(i) => {
                    if super::canon(v) > super::canon(&leaves[i].1) {
                        leaves[i].1 = v.clone();
                    }
                }
                Err(i) => leaves.insert(i, (k.clone(), v.clone())),
            }
        }
        self.leaves = leaves;
        self.legacy = legacy;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::hlc::Stamp;

    fn key(ms: u64, d: &str) -> Key {
        Key {
            t: Stamp { ms, n: 0 },
            d: d.to_owned(),
            h: 0,
        }
    }

    /// Every order of `writes` gives the same value.
    fn value_in_every_order(writes: &[(u32, Key, Option<Vec<Key>>)]) -> Option<u32> {
        let mut seen = None;
        let n = writes.len();
        let mut order: Vec<usize> = (0..n).collect();
        // All permutations of up to five writes (Heap's algorithm).
        let mut c = vec![0; n];
        let mut check = |order: &[usize]| {
            let mut r = Lww::default();
            for &i in order {
                let (v, k, after) = &writes[i];
                r.write(*v, k, after.as_deref());
                r.write(*v, k, after.as_deref());
            }
            let got = r.get().copied();
            match seen {
                None => seen = Some(got),
                Some(s) => assert_eq!(s, got, "order {order:?}"),
            }
        };
        check(&order);
        let mut i = 0;
        while i < n {
            if c[i] < i {
                if i % 2 == 0 {
                    order.swap(0, i);
                } else {
                    order.swap(c[i], i);
                }
                check(&order);
                c[i] += 1;
                i = 0;
            } else {
                c[i] = 0;
                i += 1;
            }
        }
        seen.flatten()
    }

    #[test]
    fn a_change_made_after_seeing_one_from_the_future_wins_over_it() {
        let future = key(253_402_300_799_000, "broken");
        let later = key(1_800_000_000_000, "laptop");
        let got = value_in_every_order(&[
            (1, future.clone(), Some(vec![])),
            (2, later, Some(vec![future])),
        ]);
        assert_eq!(got, Some(2));
    }

    #[test]
    fn changes_that_did_not_see_each_other_are_decided_by_their_keys() {
        let a = key(10, "a");
        let b = key(20, "b");
        let c = key(15, "c");
        let got = value_in_every_order(&[
            (1, a.clone(), Some(vec![])),
            (2, b.clone(), Some(vec![a.clone()])),
            (3, c, Some(vec![a])),
        ]);
        assert_eq!(got, Some(2), "b and c both saw a; b has the greater key");
    }

    #[test]
    fn format_one_changes_keep_last_writer_wins_and_a_newer_change_supersedes_them() {
        let (l1, l2, l0) = (key(5, "a"), key(8, "b"), key(3, "c"));
        let w = key(7, "a");
        let got = value_in_every_order(&[
            (1, l1.clone(), None),
            (2, w, Some(vec![l1])),
            (3, l0, None),
            (4, l2, None),
        ]);
        assert_eq!(got, Some(4), "l2 was not seen by w and is greater");
    }

    #[test]
    fn joining_an_earlier_names_changes_keeps_what_either_superseded_out() {
        let (a, b) = (key(1, "a"), key(2, "b"));
        let mut old = Lww::default();
        old.write(1u32, &a, Some(&[]));
        let mut new = Lww::default();
        new.write(2u32, &b, Some(std::slice::from_ref(&a)));
        let mut joined = new.clone();
        joined.join(&old);
        assert_eq!(joined.get(), Some(&2));
        let mut other_way = old.clone();
        other_way.join(&new);
        assert_eq!(other_way.get(), Some(&2));
    }
}
