//! One learner, several machines: every change is a record that the machine which made it
//! appends to a file of its own, and a learner's state is what all machines' records give when
//! merged (contract §5).
//!
//! **Records** ([`op::Tx`]) are one change the learner made each, written and read through a
//! format of their own ([`wire`]), which is also the trust boundary: a line from another
//! machine reaches the merge only once every value in it keeps the rules a command enforces.
//! Each step of a record is keyed by a stamp of a hybrid logical clock ([`hlc`]), the machine's
//! id and the record's fingerprint.
//!
//! **The merge** ([`Replica`]) is a set of conflict-free replicated types, chosen per field:
//! - *the latest change wins* for every single value (a status, an estimate, a goal, the hours
//!   a week, the mentor's name), in the causal sense of [`lww`]: a change names the changes it
//!   had seen, and those never win over it, whatever their stamps;
//! - *sets whose elements are added and removed by value* (history entries, evidence links,
//!   reviews, check-ins, focus areas), each element's presence itself such a value;
//! - *a counter* for hours logged: every logged amount is kept under its key and summed;
//! - *notes*: the latest text wins, except that a text written without having seen the text it
//!   replaces is kept beside it, marked for the learner to resolve, never dropped.
//!
//! Applying a record is commutative and idempotent: any machine that has read the same records,
//! in any order and however often, holds the same replica, and so shows the same state.
//!
//! **Where records come from**: the workspace's one write path ([`crate::workspace`]) turns
//! each change the learner asks for into one record, merges it and keeps it for the save; the
//! record also says what undoes it ([`undo`]).

pub mod about;
pub mod device;
mod diff;
pub mod hlc;
pub mod lww;
mod names;
mod notes;
pub mod op;
mod replica;
pub mod undo;
pub mod wire;

pub use diff::diff;
pub use hlc::{Hlc, Key, Stamp};
pub use names::Names;
pub use op::{Kind, Op, Step, Tx, TxId};
pub use replica::{Machine, Replica};
pub use undo::UndoLog;

/// A value's fingerprint (FNV-1a of its RON text): the same on every machine. Sets keep their
/// elements under it, and a key written twice with two values keeps the greater.
pub(crate) fn canon<T: serde::Serialize>(value: &T) -> u64 {
    let text = ron::to_string(value).unwrap_or_default();
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
