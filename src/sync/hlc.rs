//! The hybrid logical clock that stamps every record, bounded so that no record can drag it.
//!
//! Written here rather than taken from a crate: the stamp is part of the files' public format
//! (two numbers in each record), and a crate's clock brings its own identifier type and wire
//! format; the clock itself is the dozen lines of Kulkarni et al. (2014) below, with tests.
//!
//! A stamp read from another machine moves this clock only when it is at most
//! [`MAX_AHEAD_MS`] ahead of this machine's wall clock. One from further ahead (a machine whose
//! clock is wrong, or a hostile line dated 9999) is kept and merged like any record, but this
//! machine goes on stamping from its own time: the order of changes does not rest on stamps
//! alone (a change names the changes it had seen, see [`super::lww`]), so a stamp from the
//! future cannot make every later change lose to it.

use serde::{Deserialize, Serialize};

/// How far ahead of this machine's wall clock a stamp may be and still move its clock: a day,
/// more than any honest difference of time zones or drift, less than a clock set wrong.
pub const MAX_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;

/// A moment in the hybrid logical clock: milliseconds since 1970 and a counter that orders
/// stamps within one millisecond, or ahead of a wall clock that lags a stamp seen before.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Stamp {
    pub ms: u64,
    pub n: u32,
}

impl Stamp {
    /// The stamp right after this one: the counter, or past its end the next millisecond (a
    /// counter never saturates, so two stamps of one machine are never equal).
    pub fn next(self) -> Self {
        match self.n.checked_add(1) {
            Some(n) => Self { ms: self.ms, n },
            None => Self {
                ms: self.ms.saturating_add(1),
                n: 0,
            },
        }
    }

    /// The `i`-th stamp after this one within its millisecond: the key of the `i`-th change of
    /// a record that holds several. `None` past the counter's end.
    pub fn plus(self, i: u32) -> Option<Self> {
        self.n.checked_add(i).map(|n| Self { ms: self.ms, n })
    }
}

/// A change's identity: its stamp, the machine that made it, and a fingerprint of the record
/// that holds it. Unique for every change, even between two machines that wrongly share an id
/// (a copied home folder), and the order in which, among changes that did not see each other,
/// the last one wins. Records of format 1 have no fingerprint (`h` is 0).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub t: Stamp,
    pub d: String,
    #[serde(default)]
    pub h: u32,
}

/// One machine's clock: every stamp it gives is later than every stamp it gave or took in
/// before.
#[derive(Clone, Debug, Default)]
pub struct Hlc {
    last: Stamp,
}

impl Hlc {
    /// A new stamp at wall time `wall_ms`.
    pub fn tick(&mut self, wall_ms: u64) -> Stamp {
        self.reserve(wall_ms, 1)
    }

    /// `count` stamps in a row within one millisecond, for the changes of one record; returns
    /// the first.
    pub fn reserve(&mut self, wall_ms: u64, count: u32) -> Stamp {
        let count = count.max(1);
        let mut first = if wall_ms > self.last.ms {
            Stamp { ms: wall_ms, n: 0 }
        } else {
            self.last.next()
        };
        if first.plus(count - 1).is_none() {
            first = Stamp {
                ms: first.ms.saturating_add(1),
                n: 0,
            };
        }
        self.last = first.plus(count - 1).unwrap_or(first);
        first
    }

    /// Takes in a stamp read from another machine's (or an earlier run's) records. One more
    /// than [`MAX_AHEAD_MS`] ahead of `wall_ms` is not taken in: false, its clock may be wrong.
    pub fn observe(&mut self, seen: Stamp, wall_ms: u64) -> bool {
        if seen.ms > wall_ms.saturating_add(MAX_AHEAD_MS) {
            return false;
        }
        if seen > self.last {
            self.last = seen;
        }
        true
    }

    pub fn last(&self) -> Stamp {
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000_000;

    #[test]
    fn stamps_only_grow_even_when_the_wall_clock_goes_back() {
        let mut clock = Hlc::default();
        let a = clock.tick(NOW);
        let b = clock.tick(NOW);
        let c = clock.tick(NOW - 100);
        assert!(clock.observe(
            Stamp {
                ms: NOW + 5_000,
                n: 7
            },
            NOW
        ));
        let d = clock.tick(NOW + 2_000);
        let e = clock.tick(NOW + 6_000);
        assert!(a < b && b < c && c < d && d < e);
        assert_eq!(
            d,
            Stamp {
                ms: NOW + 5_000,
                n: 8
            }
        );
        assert_eq!(
            e,
            Stamp {
                ms: NOW + 6_000,
                n: 0
            }
        );
    }

    #[test]
    fn a_stamp_from_far_in_the_future_does_not_move_the_clock() {
        let mut clock = Hlc::default();
        let year_9999 = Stamp {
            ms: 253_402_300_799_000,
            n: u32::MAX,
        };
        assert!(!clock.observe(year_9999, NOW));
        assert_eq!(clock.tick(NOW), Stamp { ms: NOW, n: 0 });
        // Less than a day ahead is an honest drift: taken in.
        assert!(clock.observe(
            Stamp {
                ms: NOW + 3_600_000,
                n: 2
            },
            NOW
        ));
        assert_eq!(
            clock.tick(NOW),
            Stamp {
                ms: NOW + 3_600_000,
                n: 3
            }
        );
    }

    #[test]
    fn the_counter_never_saturates() {
        let mut clock = Hlc::default();
        assert!(clock.observe(
            Stamp {
                ms: NOW,
                n: u32::MAX - 1
            },
            NOW
        ));
        let a = clock.tick(NOW);
        let b = clock.tick(NOW);
        let c = clock.reserve(NOW, 3);
        assert_eq!(
            a,
            Stamp {
                ms: NOW,
                n: u32::MAX
            }
        );
        assert_eq!(b, Stamp { ms: NOW + 1, n: 0 });
        assert!(a < b && b < c, "{a:?} {b:?} {c:?}");
        assert_eq!(clock.last(), c.plus(2).unwrap());
    }

    #[test]
    fn a_record_of_several_changes_gets_stamps_within_one_millisecond() {
        let mut clock = Hlc::default();
        assert!(clock.observe(
            Stamp {
                ms: NOW,
                n: u32::MAX - 1
            },
            NOW
        ));
        let first = clock.reserve(NOW, 5);
        assert_eq!(first, Stamp { ms: NOW + 1, n: 0 }, "no room left in NOW");
        assert_eq!(clock.tick(NOW), Stamp { ms: NOW + 1, n: 5 });
    }
}
