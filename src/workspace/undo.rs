//! Undo and redo in the domain, for both faces: this machine's last change taken back (or put
//! back) by a record like any other, so it reaches the learner's other machines; refused, with
//! nothing changed, when another machine has changed the same thing since.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Applied, Workspace, WorkspaceError};
use crate::sync::undo::Step;
use crate::sync::{Key, Kind, Op};

impl Workspace {
    /// What [`Self::undo`] would take back, in the learner's words.
    pub fn next_undo(&self) -> Option<&str> {
        if let Some(draft) = &self.draft {
            let _ = draft;
            return Some("the change in progress");
        }
        self.journal.undo_log().next_undo().map(|s| s.what.as_str())
    }

    /// What [`Self::redo`] would put back.
    pub fn next_redo(&self) -> Option<&str> {
        if self.draft.is_some() {
            return None;
        }
        self.journal.undo_log().next_redo().map(|s| s.what.as_str())
    }

    /// Whether the undo (`back`) or redo that comes next changes which curricula are loaded
    /// (an import or a removal): the window saves it at once, as it saves those.
    pub fn next_changes_curricula(&self, back: bool) -> bool {
        self.next_step(back)
            .is_some_and(|s| s.made.iter().any(|(_, op)| matches!(op, Op::Source(..))))
    }

    /// The step the next undo (`back`) or redo takes.
    fn next_step(&self, back: bool) -> Option<&Step> {
        let log = self.journal.undo_log();
        if back {
            log.next_undo()
        } else {
            log.next_redo()
        }
    }

    /// Takes back this machine's last change, whichever face made it (a burst of typing in
    /// progress is recorded first, and is the change taken back).
    pub fn undo(&mut self, now: DateTime<Utc>) -> Result<Applied, WorkspaceError> {
        self.undo_or_redo(true, now)
    }

    /// Puts back what the last undo took back.
    pub fn redo(&mut self, now: DateTime<Utc>) -> Result<Applied, WorkspaceError> {
        self.undo_or_redo(false, now)
    }

    /// [`Self::undo`] (`back`) or [`Self::redo`].
    fn undo_or_redo(&mut self, back: bool, now: DateTime<Utc>) -> Result<Applied, WorkspaceError> {
        let _ = now;
        if self.is_read_only() {
            return Err(WorkspaceError::ReadOnly);
        }
        self.commit_draft()?;
        let step = self.next_step(back).cloned().ok_or(if back {
            WorkspaceError::NothingToUndo
        } else {
            WorkspaceError::NothingToRedo
        })?;
        let kind = if back {
            Kind::Undo(step.id)
        } else {
            Kind::Redo(step.id)
        };
        self.take_back(&step, kind)
    }

    /// Records what takes `step` back, when every value it set still stands.
    fn take_back(&mut self, step: &Step, kind: Kind) -> Result<Applied, WorkspaceError> {
        let replica = self.journal.replica();
        let ours: BTreeSet<&Key> = step.made.iter().map(|(k, _)| k).collect();
        // A value this machine set since is its own undo or redo of a later change (every
        // later change of its own is taken back first): only another machine's stands in
        // the way.
        let me = &self.journal.device().id;
        for (_, op) in &step.made {
            if let Some(winner) = replica.winner_for(op)
                && !ours.contains(&winner)
                && winner.d != *me
            {
                let machine = self.machine_name(&winner.d);
                let what = match op.milestone() {
                    Some(m) => format!("“{}”", self.title_of(m)),
                    None => "it".to_owned(),
                };
                return Err(WorkspaceError::ChangedSince { machine, what });
            }
        }
        let mut ops = step.back.clone();
        // The log's entries the change added go, by the keys they were recorded under.
        ops.extend(step.made.iter().filter_map(|(k, op)| match op {
            Op::Activity(_) => Some(Op::ActivityGone(k.clone())),
            _ => None,
        }));
        // Notes written back name the version they replace, as any edit does.
        for op in &mut ops {
            if let Op::Notes(m, _, base) = op {
                *base = self.journal.replica().notes_version(m);
            }
        }
        self.record(ops, None, step.what.clone(), kind)?;
        Ok(Applied {
            what: step.what.clone(),
            changed: true,
            log_offer: None,
        })
    }
}
