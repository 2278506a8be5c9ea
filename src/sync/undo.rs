//! This machine's undo and redo, kept in its own records: a record of a change says what takes
//! it back, an undo names the record it takes back, a redo the undo it takes back. The stacks
//! are a function of this machine's records in the order it wrote them, so they survive a
//! restart whichever face made the change (the window or the command line), and the snapshot
//! keeps them with the merge.

use serde::{Deserialize, Serialize};

use super::hlc::Key;
use super::op::{Kind, Op, Tx, TxId};

/// How many changes stay undoable.
const MAX_STEPS: usize = 200;

/// One change that can be taken back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The record that made it (for a step on the redo stack: the undo's record).
    pub id: TxId,
    /// What it did, in the learner's words.
    pub what: String,
    /// Its steps with their keys: what must still stand for it to be taken back.
    pub made: Vec<(Key, Op)>,
    /// What takes it back.
    pub back: Vec<Op>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UndoLog {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl UndoLog {
    /// Takes in a record of this machine (`device`), in the order the machine wrote them. A
    /// record that cannot be undone (the machine's name, a migration) leaves the stacks as
    /// they are; an undo or redo that does not name the top of its stack (a file put together
    /// from two copies) clears them, since what they would take back is no longer known.
    pub fn took(&mut self, device: &str, tx: &Tx) {
        let Some(back) = &tx.undo else {
            return;
        };
        let step = Step {
            id: tx.id(),
            what: tx.what.clone(),
            made: tx
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| (tx.key(device, i), s.op.clone()))
                .collect(),
            back: back.clone(),
        };
        match tx.kind {
            Kind::Change => {
                self.undo.push(step);
                self.redo.clear();
                if self.undo.len() > MAX_STEPS {
                    self.undo.remove(0);
                }
            }
            Kind::Undo(id) if self.undo.last().is_some_and(|s| s.id == id) => {
                self.undo.pop();
                self.redo.push(step);
            }
            Kind::Redo(id) if self.redo.last().is_some_and(|s| s.id == id) => {
                self.redo.pop();
                self.undo.push(step);
            }
            Kind::Undo(_) | Kind::Redo(_) => {
                self.undo.clear();
                self.redo.clear();
            }
        }
    }

    /// The change an undo would take back.
    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.last()
    }

    /// The undo a redo would take back.
    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }

    /// Forgets every step (this machine took a new id: its old records are another machine's).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
