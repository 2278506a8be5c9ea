//! One learner, several machines: every change is a record that the machine which made it
//! appends to a file of its own, and a learner's state is what all machines' records give when
//! merged (contract §5).
//!
//! **Records.** Each is an [`Op`] stamped with a hybrid logical clock ([`hlc`]): the wall
//! clock in milliseconds, and a counter for changes within one millisecond or when the wall
//! clock lags a stamp already seen. A stamp and the machine's id order every record of every
//! machine in one total order.
//!
//! **The merge** ([`Replica`]) is a set of conflict-free replicated types, chosen per field:
//! - *last change wins* for every single value (a status, an estimate, a goal, the hours a
//!   week, the mentor's name): the value with the greatest (stamp, machine);
//! - *sets whose elements are added and removed by value* (history entries, evidence links,
//!   reviews, check-ins, activity, focus areas), each element's presence itself a last change
//!   wins: an element added on one machine and removed on another stays as the later says;
//! - *a counter* for hours logged: every logged amount is kept under its record's stamp and
//!   summed, so hours logged on two machines at once both count;
//! - *notes*: last change wins, except that a text written without having seen the text it
//!   replaces (a concurrent edit on another machine) is kept beside it, marked for the learner
//!   to resolve, never dropped.
//!
//! Applying a record is commutative and idempotent: any machine that has read the same records,
//! in any order and however often, holds the same replica, and so shows the same state.
//!
//! **Where records come from.** The window and the command line change the learner's state in
//! memory as before; when it is saved, [`diff`] compares it with the state last saved or merged
//! and writes the records that take one to the other. Materializing the replica gives back the
//! state saved, so what a machine shows after a restart is what it showed before.

pub mod about;
pub mod device;
mod diff;
pub mod hlc;
mod op;
mod replica;

pub use diff::diff;
pub use hlc::{Hlc, Key, Stamp};
pub use op::{Op, Record};
pub(crate) use replica::canon;
pub use replica::{Machine, Names, Replica};
