//! The curricula that ship inside the binary, from the repository's `curricula/` folder.

use crate::curriculum::{Curriculum, Invalid, format};

/// `(file name, contents)` of every bundled curriculum, sorted by file name.
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// Every bundled curriculum, parsed. A broken bundled file is a bug that the tests catch.
pub fn curricula() -> Vec<Result<Curriculum, Invalid>> {
    FILES
        .iter()
        .map(|(name, text)| format::parse(name, text.as_bytes()))
        .collect()
}
