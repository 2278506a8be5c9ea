//! The hybrid logical clock that stamps every record.
//!
//! Written here rather than taken from a crate: the stamp is part of the files' public format
//! (two numbers in each record), and a crate's clock brings its own identifier type and wire
//! format; the clock itself is the dozen lines of Kulkarni et al. (2014) below, with tests.

use serde::{Deserialize, Serialize};

/// A moment in the hybrid logical clock: milliseconds since 1970 and a counter that orders
/// stamps within one millisecond, or ahead of a wall clock that lags a stamp seen before.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Stamp {
    pub ms: u64,
    pub n: u32,
}

/// A stamp and the machine that made it: unique for every record, and the order in which the
/// last change wins.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub t: Stamp,
    pub d: String,
}

/// One machine's clock: every stamp it gives is later than every stamp it gave or saw before.
#[derive(Clone, Debug, Default)]
pub struct Hlc {
    last: Stamp,
}

impl Hlc {
    /// A new stamp at wall time `wall_ms`.
    pub fn tick(&mut self, wall_ms: u64) -> Stamp {
        self.last = if wall_ms > self.last.ms {
            Stamp { ms: wall_ms, n: 0 }
        } else {
            Stamp {
                ms: self.last.ms,
                n: self.last.n.saturating_add(1),
            }
        };
        self.last
    }

    /// Takes in a stamp read from another machine's (or an earlier run's) records.
    pub fn observe(&mut self, seen: Stamp) {
        if seen > self.last {
            self.last = seen;
        }
    }

    pub fn last(&self) -> Stamp {
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_only_grow_even_when_the_wall_clock_goes_back() {
        let mut clock = Hlc::default();
        let a = clock.tick(1_000);
        let b = clock.tick(1_000);
        let c = clock.tick(900);
        clock.observe(Stamp { ms: 5_000, n: 7 });
        let d = clock.tick(2_000);
        let e = clock.tick(6_000);
        assert!(a < b && b < c && c < d && d < e);
        assert_eq!(d, Stamp { ms: 5_000, n: 8 });
        assert_eq!(e, Stamp { ms: 6_000, n: 0 });
    }
}
