//! A value shared between copies of the state until one of them changes it.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Copy-on-write: cloning shares the value; the first change through a shared one copies it
/// (`Arc::make_mut`). Each curriculum's progress map is one, so the copy of the state the
/// window hands to its saving thread costs a pointer per curriculum, not a copy of every
/// milestone's history; only a change made while that save runs pays for a copy. Reads and
/// writes go through `Deref`/`DerefMut` as if it were the value; on disk it is the value.
#[derive(Clone, Default, PartialEq)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// True when both are the same shared value (so neither was changed since one was copied).
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T: Clone> Shared<T> {
    /// The value, copied only if another copy of the state still shares it.
    pub fn into_inner(self) -> T {
        Arc::unwrap_or_clone(self.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Self(Arc::new(value))
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<'a, T> IntoIterator for &'a Shared<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.as_ref().into_iter()
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn a_copy_shares_until_either_side_changes() {
        let mut a: Shared<BTreeMap<String, u32>> = BTreeMap::from([("x".to_owned(), 1)]).into();
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.0, &b.0));
        a.insert("y".to_owned(), 2);
        assert!(!Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(b.len(), 1, "the copy kept what it had");
        assert_eq!(a.len(), 2);
        let before = Arc::as_ptr(&a.0);
        a.insert("z".to_owned(), 3);
        assert_eq!(Arc::as_ptr(&a.0), before, "no copy once it is not shared");
    }

    #[test]
    fn it_is_written_and_read_as_the_value() {
        let map = BTreeMap::from([("x".to_owned(), 1_u32)]);
        let shared: Shared<_> = map.clone().into();
        assert_eq!(ron::to_string(&shared).ok(), ron::to_string(&map).ok());
        let back: Result<Shared<BTreeMap<String, u32>>, _> = ron::from_str("{\"x\": 1}");
        assert_eq!(back.ok(), Some(shared));
    }
}
