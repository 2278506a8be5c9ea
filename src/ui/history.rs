//! Undo and redo: each change to the learner's data as a small before/after value, never a copy
//! of the whole state (which may hold a long activity log).

use chrono::{DateTime, Utc};

pub use crate::progress::Profile;
use crate::progress::{Activity, Mentor, MilestoneRef, State, Status};
use crate::workspace::CurriculumChange;

/// One change to the state, with what it replaced.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Status {
        milestone: MilestoneRef,
        from: Status,
        to: Status,
        at: DateTime<Utc>,
    },
    /// A milestone the learner knew before starting, marked known: done, with no entry in
    /// the activity log (see [`State::mark_known`]).
    Known {
        milestone: MilestoneRef,
        from: Status,
        at: DateTime<Utc>,
    },
    Hours {
        milestone: MilestoneRef,
        hours: f64,
        at: DateTime<Utc>,
    },
    Notes {
        milestone: MilestoneRef,
        before: String,
        after: String,
    },
    Evidence {
        milestone: MilestoneRef,
        before: Vec<String>,
        after: Vec<String>,
    },
    /// A review of a finished skill; `log` is written with it.
    Review {
        milestone: MilestoneRef,
        passed: bool,
        note: String,
        at: DateTime<Utc>,
    },
    /// The flag an update left on a finished milestone, cleared (kept finished).
    ClearChanged {
        milestone: MilestoneRef,
        before: Box<crate::progress::Changed>,
    },
    /// Notes written on two machines at once, settled: `after` is the notes now, `others` the
    /// texts from other machines that were shown beside them.
    ResolveNotes {
        milestone: MilestoneRef,
        before: String,
        after: String,
        others: Vec<String>,
    },
    /// The learner's own estimate of a milestone's hours.
    Estimate {
        milestone: MilestoneRef,
        before: Option<f64>,
        after: Option<f64>,
    },
    Profile {
        before: Box<Profile>,
        after: Box<Profile>,
    },
    /// Several edits that undo as one, e.g. finishing the first-run conversation.
    Batch(Vec<Edit>),
    /// The mentor's details or check-ins; `log` is written when a check-in is added.
    Mentor {
        before: Box<Mentor>,
        after: Box<Mentor>,
        log: Option<Activity>,
    },
    /// An import or removal: undone and redone by [`crate::workspace::Workspace::reverse`],
    /// which puts the curriculum and the state back.
    Curriculum(Box<CurriculumChange>),
}

impl Edit {
    /// Makes the change, logging activity as the state does.
    fn apply(&self, state: &mut State) {
        match self {
            Self::Status {
                milestone, to, at, ..
            } => {
                state.set_status(milestone, *to, *at);
            }
            Self::Known { milestone, at, .. } => {
                state.mark_known(milestone, *at);
            }
            Self::Hours {
                milestone,
                hours,
                at,
            } => {
                state.log_hours(milestone, *hours, *at);
            }
            Self::Notes {
                milestone, after, ..
            } => {
                state.milestone_mut(milestone).notes.clone_from(after);
            }
            Self::Evidence {
                milestone, after, ..
            } => {
                state.milestone_mut(milestone).evidence.clone_from(after);
            }
            Self::ResolveNotes {
                milestone, after, ..
            } => {
                let p = state.milestone_mut(milestone);
                p.notes.clone_from(after);
                p.other_notes.clear();
            }
            Self::Estimate {
                milestone, after, ..
            } => {
                state.set_own_estimate(milestone, *after);
            }
            Self::Review {
                milestone,
                passed,
                note,
                at,
            } => state.record_review(milestone, *passed, note, *at),
            Self::ClearChanged { milestone, .. } => {
                state.keep_finished(milestone);
            }
            Self::Profile { after, .. } => after.write(state),
            Self::Batch(edits) => edits.iter().for_each(|e| e.apply(state)),
            Self::Mentor { after, log, .. } => {
                state.mentor.clone_from(after);
                state.activity.extend(log.iter().cloned());
            }
            // The workspace puts the curricula and the state back (see
            // `Workspace::reverse`): the records, not this copy, decide what the state shows.
            Self::Curriculum(_) => {}
        }
    }

    /// Takes the change back. The activity entries it logged are removed by [`History`].
    fn revert(&self, state: &mut State) {
        match self {
            Self::Status {
                milestone,
                from,
                to,
                ..
            } => {
                let progress = state.milestone_mut(milestone);
                progress.status = *from;
                if progress.history.last().is_some_and(|c| c.status == *to) {
                    progress.history.pop();
                }
            }
            Self::Known {
                milestone, from, ..
            } => {
                let progress = state.milestone_mut(milestone);
                progress.status = *from;
                if progress
                    .history
                    .last()
                    .is_some_and(|c| c.status == Status::Done)
                {
                    progress.history.pop();
                }
            }
            Self::Hours {
                milestone, hours, ..
            } => {
                let progress = state.milestone_mut(milestone);
                progress.hours_logged = (progress.hours_logged - hours).max(0.0);
            }
            Self::Notes {
                milestone, before, ..
            } => {
                state.milestone_mut(milestone).notes.clone_from(before);
            }
            Self::Evidence {
                milestone, before, ..
            } => {
                state.milestone_mut(milestone).evidence.clone_from(before);
            }
            Self::ResolveNotes {
                milestone,
                before,
                others,
                ..
            } => {
                let p = state.milestone_mut(milestone);
                p.notes.clone_from(before);
                p.other_notes.clone_from(others);
            }
            Self::Estimate {
                milestone, before, ..
            } => {
                state.set_own_estimate(milestone, *before);
            }
            Self::Review { milestone, .. } => {
                state.milestone_mut(milestone).reviews.pop();
            }
            Self::ClearChanged { milestone, before } => {
                state.milestone_mut(milestone).changed = Some((**before).clone());
            }
            Self::Profile { before, .. } => before.write(state),
            Self::Batch(edits) => edits.iter().rev().for_each(|e| e.revert(state)),
            Self::Mentor { before, .. } => state.mentor.clone_from(before),
            Self::Curriculum(_) => {}
        }
    }

    /// Folds `next` into `self` when both edit the same text or the same profile in one burst
    /// of typing or dragging, so that one undo takes back the whole burst.
    fn absorb(&mut self, next: &Self) -> bool {
        match (self, next) {
            (
                Self::Notes {
                    milestone, after, ..
                },
                Self::Notes {
                    milestone: m2,
                    after: a2,
                    ..
                },
            ) if milestone == m2 => {
                after.clone_from(a2);
                true
            }
            (
                Self::Estimate {
                    milestone, after, ..
                },
                Self::Estimate {
                    milestone: m2,
                    after: a2,
                    ..
                },
            ) if milestone == m2 => {
                *after = *a2;
                true
            }
            (Self::Profile { after, .. }, Self::Profile { after: a2, .. }) => {
                after.clone_from(a2);
                true
            }
            (
                Self::Mentor {
                    after, log: None, ..
                },
                Self::Mentor {
                    after: a2,
                    log: None,
                    ..
                },
            ) => {
                after.clone_from(a2);
                true
            }
            _ => false,
        }
    }

    /// What the undo and redo buttons call this change.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Status { .. } => "status change",
            Self::Known { .. } => "marked known",
            Self::Hours { .. } => "logged hours",
            Self::Notes { .. } => "notes",
            Self::Evidence { .. } => "evidence",
            Self::ResolveNotes { .. } => "notes from another machine",
            Self::Estimate { .. } => "your estimate",
            Self::Review { .. } => "review",
            Self::ClearChanged { .. } => "kept finished",
            Self::Profile { .. } => "plan change",
            Self::Batch(_) => "plan from the guide",
            Self::Mentor { .. } => "mentor and check-ins",
            Self::Curriculum(change) => change.what,
        }
    }
}

/// An applied edit and the part of the activity log it wrote.
#[derive(Debug)]
struct Entry {
    edit: Edit,
    log_start: usize,
    log_end: usize,
    /// Input time (seconds) of the last change folded in, for grouping bursts.
    last_time: f64,
    continuous: bool,
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Edit>,
}

/// Changes closer together than this (typing, dragging a value) undo as one.
const BURST_SECS: f64 = 1.0;
/// Enough for a session; the oldest fall off.
const MAX_UNDO: usize = 500;

impl History {
    /// Applies `edit` and remembers how to take it back. `time` is the input time in seconds;
    /// a `continuous` edit (typing, dragging) joins the previous one of its kind within a burst.
    pub fn perform(&mut self, state: &mut State, edit: Edit, time: f64, continuous: bool) {
        let log_start = state.activity.len();
        edit.apply(state);
        let log_end = state.activity.len();
        self.redo.clear();
        if let Some(top) = self.undo.last_mut()
            && continuous
            && top.continuous
            && log_start == log_end
            && top.log_start == top.log_end
            && time - top.last_time < BURST_SECS
            && top.edit.absorb(&edit)
        {
            top.last_time = time;
            return;
        }
        self.undo.push(Entry {
            edit,
            log_start,
            log_end,
            last_time: time,
            continuous,
        });
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
    }

    /// Takes back the newest edit; returns what it was.
    pub fn undo(&mut self, state: &mut State) -> Option<&'static str> {
        let entry = self.undo.pop()?;
        entry.edit.revert(state);
        // Every later edit was undone first, so its log entries are the newest ones.
        if state.activity.len() == entry.log_end {
            state.activity.truncate(entry.log_start);
        }
        let what = entry.edit.describe();
        self.redo.push(entry.edit);
        Some(what)
    }

    /// Makes the newest undone edit again; returns what it was.
    pub fn redo(&mut self, state: &mut State) -> Option<&'static str> {
        let edit = self.redo.pop()?;
        let log_start = state.activity.len();
        edit.apply(state);
        let what = edit.describe();
        self.undo.push(Entry {
            edit,
            log_start,
            log_end: state.activity.len(),
            last_time: f64::NEG_INFINITY,
            continuous: false,
        });
        Some(what)
    }

    /// The edit that [`Self::undo`] would take back.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|e| &e.edit)
    }

    /// The edit that [`Self::redo`] would make again.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default()
    }

    #[test]
    fn undoing_a_status_change_removes_it_from_the_log_and_redo_brings_it_back() {
        let mut state = State::default();
        let mut history = History::default();
        let m = MilestoneRef::new("c", "python");
        history.perform(
            &mut state,
            Edit::Status {
                milestone: m.clone(),
                from: Status::Todo,
                to: Status::Done,
                at: at(),
            },
            0.0,
            false,
        );
        assert_eq!(state.status(&m), Status::Done);
        assert_eq!(state.activity.len(), 1);
        assert_eq!(history.undo(&mut state), Some("status change"));
        assert_eq!(state.status(&m), Status::Todo);
        assert!(state.activity.is_empty());
        assert!(state.milestone(&m).is_some_and(|p| p.history.is_empty()));
        history.redo(&mut state);
        assert_eq!(state.status(&m), Status::Done);
        assert_eq!(state.activity.len(), 1);
    }

    #[test]
    fn typing_in_one_burst_undoes_as_one_edit() {
        let mut state = State::default();
        let mut history = History::default();
        let m = MilestoneRef::new("c", "python");
        for (i, text) in ["a", "ab", "abc"].iter().enumerate() {
            let before = state
                .milestone(&m)
                .map(|p| p.notes.clone())
                .unwrap_or_default();
            history.perform(
                &mut state,
                Edit::Notes {
                    milestone: m.clone(),
                    before,
                    after: (*text).to_owned(),
                },
                i as f64 * 0.2,
                true,
            );
        }
        history.perform(
            &mut state,
            Edit::Notes {
                milestone: m.clone(),
                before: "abc".into(),
                after: "abcd".into(),
            },
            5.0,
            true,
        );
        history.undo(&mut state);
        assert_eq!(state.milestone(&m).map(|p| p.notes.as_str()), Some("abc"));
        history.undo(&mut state);
        assert_eq!(state.milestone(&m).map(|p| p.notes.as_str()), Some(""));
        assert!(!history.can_undo());
    }
}
