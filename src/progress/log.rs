//! The activity log, oldest first, kept in shared chunks.
//!
//! A year of use is tens of thousands of entries. The window hands a copy of the whole state to
//! its saving thread after every burst of changes, so copying the log must not cost a copy of
//! every entry: full chunks are immutable and shared (`Arc`) between copies, and only the
//! newest, unfilled chunk is copied. On disk it is a plain list, exactly as a `Vec` would be.

use std::fmt;
use std::sync::Arc;

use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Activity;

/// Entries per shared chunk: a copy of the log clones at most this many entries.
const CHUNK: usize = 1024;

#[derive(Clone, Default)]
pub struct ActivityLog {
    /// Full chunks of exactly [`CHUNK`] entries each, oldest first, never changed once full.
    sealed: Vec<Arc<[Activity]>>,
    /// The newest entries, fewer than [`CHUNK`].
    tail: Vec<Activity>,
}

impl ActivityLog {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.sealed.len() * CHUNK + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sealed.is_empty() && self.tail.is_empty()
    }

    pub fn push(&mut self, activity: Activity) {
        self.tail.push(activity);
        if self.tail.len() == CHUNK {
            let full = std::mem::take(&mut self.tail);
            self.sealed.push(full.into());
        }
    }

    /// Keeps the oldest `len` entries (what undo does with the entries an edit wrote).
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len() {
            return;
        }
        let whole_chunks = len / CHUNK;
        if whole_chunks < self.sealed.len() {
            // The cut falls in a shared chunk: it becomes the (private) tail again.
            self.tail = self.sealed[whole_chunks].to_vec();
            self.sealed.truncate(whole_chunks);
        }
        self.tail.truncate(len - whole_chunks * CHUNK);
    }

    pub fn clear(&mut self) {
        self.sealed.clear();
        self.tail.clear();
    }

    /// Oldest first; `.rev()` gives the newest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Activity> + '_ {
        self.sealed
            .iter()
            .flat_map(|chunk| chunk.iter())
            .chain(self.tail.iter())
    }

    pub fn get(&self, index: usize) -> Option<&Activity> {
        match self.sealed.get(index / CHUNK) {
            Some(chunk) => chunk.get(index % CHUNK),
            None => self.tail.get(index - self.sealed.len() * CHUNK),
        }
    }

    /// How many entries, from the oldest, `self` and `other` have in common: full chunks they
    /// share are skipped without reading them, so a copy that only grew costs its new entries.
    pub fn common_prefix(&self, other: &Self) -> usize {
        let shared = self
            .sealed
            .iter()
            .zip(&other.sealed)
            .take_while(|(a, b)| Arc::ptr_eq(a, b))
            .count();
        fn rest(log: &ActivityLog, from: usize) -> impl Iterator<Item = &Activity> {
            log.sealed[from.min(log.sealed.len())..]
                .iter()
                .flat_map(|chunk| chunk.iter())
                .chain(log.tail.iter())
        }
        let same = rest(self, shared)
            .zip(rest(other, shared))
            .take_while(|(a, b)| a == b)
            .count();
        shared * CHUNK + same
    }

    pub fn last(&self) -> Option<&Activity> {
        self.tail
            .last()
            .or_else(|| self.sealed.last().and_then(|chunk| chunk.last()))
    }
}

impl Extend<Activity> for ActivityLog {
    fn extend<I: IntoIterator<Item = Activity>>(&mut self, iter: I) {
        for activity in iter {
            self.push(activity);
        }
    }
}

impl FromIterator<Activity> for ActivityLog {
    fn from_iter<I: IntoIterator<Item = Activity>>(iter: I) -> Self {
        let mut log = Self::new();
        log.extend(iter);
        log
    }
}

impl From<Vec<Activity>> for ActivityLog {
    fn from(entries: Vec<Activity>) -> Self {
        entries.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a ActivityLog {
    type Item = &'a Activity;
    type IntoIter = Box<dyn DoubleEndedIterator<Item = &'a Activity> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl PartialEq for ActivityLog {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for ActivityLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for ActivityLog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for activity in self.iter() {
            seq.serialize_element(activity)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for ActivityLog {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Activity>::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::progress::Event;

    fn entry(i: usize) -> Activity {
        Activity {
            at: DateTime::from_timestamp(1_700_000_000 + i as i64, 0).unwrap_or_default(),
            event: Event::GoalAdopted {
                goal: format!("g{i}"),
            },
        }
    }

    fn entries(n: usize) -> Vec<Activity> {
        (0..n).map(entry).collect()
    }

    #[test]
    fn it_holds_what_a_vec_would_across_chunk_edges() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5] {
            let log = ActivityLog::from(entries(n));
            assert_eq!(log.len(), n);
            assert_eq!(log.is_empty(), n == 0);
            assert!(log.iter().eq(entries(n).iter()), "n = {n}");
            assert!(log.iter().rev().eq(entries(n).iter().rev()), "n = {n}");
            assert_eq!(log.last(), entries(n).last());
            for i in [0, n / 2, n.saturating_sub(1), n] {
                assert_eq!(log.get(i), entries(n).get(i), "n = {n}, i = {i}");
            }
        }
    }

    #[test]
    fn truncating_into_a_shared_chunk_leaves_the_copy_alone() {
        let mut log = ActivityLog::from(entries(2 * CHUNK + 10));
        let copy = log.clone();
        for len in [2 * CHUNK + 3, 2 * CHUNK, CHUNK + 7, CHUNK, 5, 0] {
            log.truncate(len);
            assert!(log.iter().eq(entries(len).iter()), "len = {len}");
            log.push(entry(999_999));
            log.truncate(len);
        }
        assert!(copy.iter().eq(entries(2 * CHUNK + 10).iter()));
        let mut grown = ActivityLog::from(entries(CHUNK + 1));
        grown.truncate(CHUNK + 5);
        assert_eq!(grown.len(), CHUNK + 1, "truncating to more is nothing");
    }

    #[test]
    fn a_copy_shares_full_chunks_and_diverges_on_push() {
        let mut log = ActivityLog::from(entries(3 * CHUNK + 2));
        let copy = log.clone();
        assert!(Arc::ptr_eq(&log.sealed[0], &copy.sealed[0]));
        log.push(entry(7));
        assert_eq!(copy.len(), 3 * CHUNK + 2);
        assert_eq!(log.len(), 3 * CHUNK + 3);
        assert_ne!(log, copy);
    }

    #[test]
    fn it_is_written_as_the_plain_list_a_vec_writes() {
        let n = CHUNK + 3;
        let config = ron::ser::PrettyConfig::new().depth_limit(3);
        let as_log = ron::ser::to_string_pretty(&ActivityLog::from(entries(n)), config.clone());
        let as_vec = ron::ser::to_string_pretty(&entries(n), config);
        assert_eq!(as_log.ok(), as_vec.ok());
        let text = ron::to_string(&entries(n)).unwrap_or_default();
        let back: Result<ActivityLog, _> = ron::from_str(&text);
        assert_eq!(back.ok(), Some(ActivityLog::from(entries(n))));
    }
}
