//! The one write path: a change checked by the rules ([`super::rules`]), turned into exactly the
//! steps it makes, recorded for every machine with what undoes it, and shown — in that order,
//! in one place. Nothing finds out later what changed by comparing copies.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Applied, Change, Workspace, WorkspaceError};
use crate::progress::{MilestoneRef, State};
use crate::storage::{Journal, StorageError};
use crate::sync::{Kind, Op, Replica, Step, Tx};

/// A burst of typing or dragging, shown at once and recorded as one change when the learner
/// does something else or the window saves: one record and one undo for the whole burst.
#[derive(Clone, Debug)]
pub(super) struct Draft {
    /// The latest value asked for.
    change: Change,
    /// What puts the values back as they were before the burst.
    before: Vec<Op>,
}

/// What a burst changes: a new burst of another slot ends the one before.
#[derive(Clone, Debug, PartialEq)]
enum Slot {
    Notes(MilestoneRef),
    Estimate(MilestoneRef),
    HoursPerWeek,
    Mentor,
    LearnerName,
}

impl Slot {
    fn of(change: &Change) -> Option<Self> {
        match change {
            Change::SetNotes { milestone, .. } => Some(Self::Notes(milestone.clone())),
            Change::SetEstimate { milestone, .. } => Some(Self::Estimate(milestone.clone())),
            Change::SetHoursPerWeek(_) => Some(Self::HoursPerWeek),
            Change::SetMentor { .. } => Some(Self::Mentor),
            Change::SetLearnerName(_) => Some(Self::LearnerName),
            _ => None,
        }
    }
}

impl Draft {
    /// The milestone whose progress the burst changes, if any.
    fn milestone(&self) -> Option<&MilestoneRef> {
        match &self.change {
            Change::SetNotes { milestone, .. } | Change::SetEstimate { milestone, .. } => {
                Some(milestone)
            }
            _ => None,
        }
    }

    /// Shows the burst's value in `state`.
    pub(super) fn show(&self, state: &mut State) {
        match &self.change {
            Change::SetNotes { milestone, notes } => {
                state.milestone_mut(milestone).notes.clone_from(notes);
            }
            Change::SetEstimate { milestone, hours } => {
                state.milestone_mut(milestone).own_estimate_hours = *hours;
            }
            Change::SetHoursPerWeek(h) => state.hours_per_week = *h,
            Change::SetMentor { name, contact } => {
                state.mentor.name.clone_from(name);
                state.mentor.contact.clone_from(contact);
            }
            Change::SetLearnerName(name) => state.learner.name.clone_from(name),
            _ => {}
        }
    }
}

/// The steps of `ops` as machine `device` records them: each naming the changes to its value
/// that the merge holds now, so that it wins over them, whatever their stamps.
pub(super) fn steps(replica: &Replica, device: &str, ops: Vec<Op>) -> Vec<Step> {
    ops.into_iter()
        .map(|op| Step {
            after: Some(replica.leaves_for(device, &op)),
            op,
        })
        .collect()
}

/// Records what a `state.ron` from before sync holds as this machine's records (once per file
/// contents), and returns their lines, for the first save to write.
pub(super) fn carry_forward(
    journal: &mut Journal,
    legacy: &State,
    print: u64,
    wall_ms: u64,
) -> Result<Vec<u8>, StorageError> {
    let mut ops = super::sharing::legacy_ops(legacy, print, journal.replica());
    // A value an older file holds that breaks a rule the merge enforces would be refused when
    // read back: it is left in state.ron (which is kept) and said, not recorded.
    ops.retain(|op| {
        let probe = Tx {
            t: crate::sync::Stamp { ms: 1, n: 0 },
            h: 0,
            steps: vec![Step {
                op: op.clone(),
                after: Some(Vec::new()),
            }],
            undo: None,
            what: String::new(),
            kind: Kind::Change,
        };
        match crate::sync::wire::to_line(&probe) {
            Ok((line, _)) => match crate::sync::wire::read_line(line.trim_end().as_bytes()) {
                crate::sync::wire::Read::Tx(_) => true,
                crate::sync::wire::Read::Refused(why)
                | crate::sync::wire::Read::Garbled(why)
                | crate::sync::wire::Read::Newer(why) => {
                    journal.note(format!(
                        "state.ron holds a value that breaks a rule ({why}); it was not carried \
                         forward, and state.ron is kept as it is"
                    ));
                    false
                }
            },
            Err(_) => false,
        }
    });
    // In records of a bounded size (a state of years holds hundreds of thousands of values),
    // the mark that it was carried last: a file cut short is carried again, and nothing in it
    // counts twice (see `legacy_ops`).
    ops.push(Op::Migrated(print));
    let device = journal.device().id.clone();
    let mut lines = Vec::new();
    let mut rest = ops.as_slice();
    while !rest.is_empty() {
        let (chunk, more) = rest.split_at(rest.len().min(LEGACY_STEPS_PER_RECORD));
        rest = more;
        let tx = Tx {
            t: Default::default(),
            h: 0,
            steps: steps(journal.replica(), &device, chunk.to_vec()),
            undo: None,
            what: "carried forward from state.ron".into(),
            kind: Kind::Change,
        };
        let (_, line) = journal.record(tx, wall_ms).map_err(|e| StorageError::Io {
            path: journal.changes_path(),
            source: std::io::Error::other(e.to_string()),
        })?;
        lines.extend(line);
    }
    Ok(lines)
}

/// The most steps of a `state.ron` from before sync one record carries: a few hundred KiB.
const LEGACY_STEPS_PER_RECORD: usize = 2000;

impl Workspace {
    /// Makes one change: checks it by the rules the command line and the window share, records
    /// exactly what it changes (for the other machines, with what undoes it) and shows it.
    /// A change refused changes nothing. Records wait in memory for [`Self::save`] (the command
    /// line) or [`Self::take_unwritten`] (the window's saving thread); an import or a removal
    /// is saved before this returns, all or nothing.
    pub fn apply(&mut self, change: Change, now: DateTime<Utc>) -> Result<Applied, WorkspaceError> {
        if self.is_read_only() {
            return Err(WorkspaceError::ReadOnly);
        }
        if change.is_continuous() {
            return self.draft(change);
        }
        self.commit_draft()?;
        match change {
            Change::Import {
                pending,
                keep_checked,
                allow_older,
            } => self.import(*pending, keep_checked, allow_older, now),
            Change::RemoveCurriculum(id) => self.remove_curriculum(&id, now),
            change => {
                let planned = self.plan_change(&change, now)?;
                if planned.ops.is_empty() {
                    return Ok(Applied::unchanged(planned.what));
                }
                self.record(planned.ops, None, planned.what.clone(), Kind::Change)?;
                Ok(Applied {
                    what: planned.what,
                    changed: true,
                    log_offer: planned.log_offer,
                })
            }
        }
    }

    /// Checks `change` by its rules without making it: what a command runs before it opens a
    /// data folder for writing that does not exist yet, so that a refusal makes nothing.
    pub fn check(&self, change: &Change, now: DateTime<Utc>) -> Result<(), WorkspaceError> {
        match change {
            c if c.is_continuous() => self.check_continuous(c).map(|_| ()),
            Change::Import {
                pending,
                allow_older,
                ..
            } => {
                if pending.preview.is_downgrade() && !allow_older {
                    return Err(WorkspaceError::Downgrade {
                        curriculum: pending.curriculum.id.clone(),
                        old: pending.preview.old_revision.unwrap_or_default(),
                        new: pending.preview.new_revision,
                    });
                }
                Ok(())
            }
            Change::RemoveCurriculum(id) => {
                match self.curricula_with_origin().find(|(c, _)| c.id == *id) {
                    None => Err(WorkspaceError::UnknownCurriculum(id.clone())),
                    Some((_, super::Origin::Bundled)) => Err(WorkspaceError::Bundled(id.clone())),
                    Some(_) => Ok(()),
                }
            }
            c => self.plan_change(c, now).map(|_| ()),
        }
    }

    /// Records `ops` as one change of this machine (with `back`, or what puts back the values
    /// the state shows now, as its undo) and shows what it changed.
    pub(super) fn record(
        &mut self,
        ops: Vec<Op>,
        back: Option<Vec<Op>>,
        what: String,
        kind: Kind,
    ) -> Result<Tx, WorkspaceError> {
        let back = back.unwrap_or_else(|| self.inverse(&ops));
        let device = self.journal.device().id.clone();
        let tx = Tx {
            t: Default::default(),
            h: 0,
            steps: steps(self.journal.replica(), &device, ops),
            undo: Some(back),
            what,
            kind,
        };
        let (tx, lines) = self.journal.record(tx, self.clock.ms())?;
        self.unwritten.extend(lines);
        self.show(&tx);
        Ok(tx)
    }

    /// Makes the state show what `tx` changed, from the merge: only the parts it touched.
    fn show(&mut self, tx: &Tx) {
        if tx.steps.iter().any(|s| matches!(s.op, Op::Source(..))) {
            // The curricula themselves change: load them and show everything anew.
            self.reload_curricula();
            return;
        }
        let device = self.journal.device().id.clone();
        let names = self.journal.replica().names();
        let mut milestones: BTreeSet<MilestoneRef> = BTreeSet::new();
        let (mut focus, mut goals, mut hours, mut onboarded, mut mentor, mut timers) =
            (false, false, false, false, false, false);
        let mut mentoring = false;
        let mut study_times = false;
        let mut learner = false;
        let mut periods = false;
        let mut log_new = Vec::new();
        let mut log_rebuild = false;
        for (i, step) in tx.steps.iter().enumerate() {
            if let Some(m) = step.op.milestone() {
                milestones.extend(names.affected(m));
                continue;
            }
            match &step.op {
                Op::Focus(..) => focus = true,
                Op::Goal(..) | Op::GoalOrder(_) => goals = true,
                Op::HoursPerWeek(_) => hours = true,
                Op::StudyTimes(_) => study_times = true,
                Op::Onboarded(_) => onboarded = true,
                Op::MentorName(_) | Op::MentorContact(_) | Op::CheckIn(..) => mentor = true,
                Op::Timer(..) => timers = true,
                Op::PacketSent(..)
                | Op::ReplyTaken(..)
                | Op::SignOff(..)
                | Op::MentorComment(..) => mentoring = true,
                Op::LearnerName(_) | Op::LearnerLinks(_) => learner = true,
                Op::Period(..) => periods = true,
                Op::Activity(a) => log_new.push((tx.key(&device, i), a)),
                Op::ActivityGone(_) | Op::LegacyActivity(..) => log_rebuild = true,
                _ => {}
            }
        }
        let updates: Vec<_> = milestones
            .iter()
            .map(|m| {
                let p = self.journal.replica().progress_of(m);
                (m, p, self.index().place(m).is_some())
            })
            .collect();
        for (m, p, current) in updates {
            place_progress(&mut self.state, m, p, current);
            self.plan_learner.get_mut().touch(m);
        }
        let replica = self.journal.replica();
        if focus {
            self.state.focus = replica.focus();
        }
        if goals {
            self.state.goals = replica.goals();
        }
        if hours {
            self.state.hours_per_week = replica.hours_per_week();
        }
        if onboarded {
            self.state.onboarded = replica.onboarded();
        }
        if study_times {
            self.state.study_times = replica.study_times();
        }
        if mentor {
            self.state.mentor = replica.mentor();
        }
        if timers {
            self.state.timers = replica.timers();
        }
        if mentoring {
            replica.mentoring_into(&mut self.state);
        }
        if learner {
            self.state.learner = replica.learner();
        }
        if periods {
            self.state.periods = replica.periods();
        }
        // New entries of the log go at its end when they are its newest (a record from the
        // future can hold a newer one: then the log is made again).
        if !log_rebuild && let Some((last, _)) = log_new.last() {
            if replica.newest_activity() == Some(last) {
                for (_, a) in &log_new {
                    self.state.activity.push(replica.named_now(a).into_owned());
                }
            } else {
                log_rebuild = true;
            }
        }
        if log_rebuild {
            self.state.activity = replica.activity_log();
        }
    }

    /// Shows a burst's value at once, and keeps it for [`Self::commit_draft`].
    fn draft(&mut self, change: Change) -> Result<Applied, WorkspaceError> {
        let what = self.check_continuous(&change)?;
        // Changed: the value differs from the one shown.
        let changed = !self.draft_ops(&change, true).is_empty();
        let slot = Slot::of(&change);
        if self
            .draft
            .as_ref()
            .is_some_and(|d| Slot::of(&d.change) != slot)
        {
            self.commit_draft()?;
        }
        match &mut self.draft {
            Some(draft) => draft.change = change,
            None => {
                let before = self.inverse(&self.draft_ops(&change, true));
                self.draft = Some(Draft { change, before });
            }
        }
        if let Some(draft) = &self.draft {
            draft.show(&mut self.state);
            if let Some(m) = draft.milestone() {
                self.plan_learner.get_mut().touch(m);
            }
        }
        Ok(Applied {
            what,
            changed,
            log_offer: None,
        })
    }

    /// Records the burst of typing or dragging in progress, if any, as one change.
    pub(super) fn commit_draft(&mut self) -> Result<(), WorkspaceError> {
        let Some(draft) = self.draft.take() else {
            return Ok(());
        };
        let ops = self.draft_ops(&draft.change, false);
        let what = self.check_continuous(&draft.change).unwrap_or_default();
        if ops.is_empty() {
            // Back where it started (typed, then deleted): nothing to record; the state shows
            // what the records give again.
            self.rematerialize_slot(&draft.change);
            return Ok(());
        }
        match self.record(ops, Some(draft.before.clone()), what, Kind::Change) {
            Ok(_) => Ok(()),
            Err(e) => {
                // Not recorded: the burst stays shown, to be tried again.
                self.draft = Some(draft);
                Err(e)
            }
        }
    }

    /// Shows what the records give for a burst's value, the burst dropped.
    fn rematerialize_slot(&mut self, change: &Change) {
        match change {
            Change::SetNotes { milestone, .. } | Change::SetEstimate { milestone, .. } => {
                let current = self.index().place(milestone).is_some();
                let p = self.journal.replica().progress_of(milestone);
                place_progress(&mut self.state, milestone, p, current);
                self.plan_learner.get_mut().touch(milestone);
            }
            Change::SetHoursPerWeek(_) => {
                self.state.hours_per_week = self.journal.replica().hours_per_week();
            }
            Change::SetMentor { .. } => self.state.mentor = self.journal.replica().mentor(),
            Change::SetLearnerName(_) => self.state.learner = self.journal.replica().learner(),
            _ => {}
        }
    }

    /// The steps a burst's value makes against what the records give (`against_state`: against
    /// the state shown, for what puts it back).
    fn draft_ops(&self, change: &Change, against_state: bool) -> Vec<Op> {
        let replica = self.journal.replica();
        let recorded = |m: &MilestoneRef| {
            if against_state {
                self.state.milestone(m).cloned()
            } else {
                replica.progress_of(m)
            }
            .unwrap_or_default()
        };
        match change {
            Change::SetNotes { milestone, notes } => {
                if recorded(milestone).notes == *notes {
                    return Vec::new();
                }
                vec![Op::Notes(
                    milestone.clone(),
                    notes.clone(),
                    replica.notes_version(milestone),
                )]
            }
            Change::SetEstimate { milestone, hours } => {
                if recorded(milestone).own_estimate_hours == *hours {
                    return Vec::new();
                }
                vec![Op::Estimate(milestone.clone(), *hours)]
            }
            Change::SetHoursPerWeek(h) => {
                let now = if against_state {
                    self.state.hours_per_week
                } else {
                    replica.hours_per_week()
                };
                if now.to_bits() == h.to_bits() {
                    return Vec::new();
                }
                vec![Op::HoursPerWeek(*h)]
            }
            Change::SetMentor { name, contact } => {
                let now = if against_state {
                    self.state.mentor.clone()
                } else {
                    replica.mentor()
                };
                let mut ops = Vec::new();
                if now.name != *name {
                    ops.push(Op::MentorName(name.clone()));
                }
                if now.contact != *contact {
                    ops.push(Op::MentorContact(contact.clone()));
                }
                ops
            }
            Change::SetLearnerName(name) => {
                let now = if against_state {
                    self.state.learner.name.clone()
                } else {
                    replica.learner().name
                };
                if now == *name {
                    return Vec::new();
                }
                vec![Op::LearnerName(name.clone())]
            }
            _ => Vec::new(),
        }
    }
}

/// Puts `p`, the progress of `m` as the merge has it, in `state`: with the progress of the
/// loaded curricula when `current`, else with what is set aside; nowhere when blank.
pub(super) fn place_progress(
    state: &mut State,
    m: &MilestoneRef,
    p: Option<crate::progress::MilestoneProgress>,
    current: bool,
) {
    for maps in [&mut state.progress, &mut state.set_aside] {
        let emptied = maps.get_mut(&m.curriculum).is_some_and(|map| {
            if map.contains_key(&m.milestone) {
                map.remove(&m.milestone);
            }
            map.is_empty()
        });
        if emptied {
            maps.remove(&m.curriculum);
        }
    }
    if let Some(p) = p.filter(|p| !p.is_blank()) {
        let maps = if current {
            &mut state.progress
        } else {
            &mut state.set_aside
        };
        maps.entry(m.curriculum.clone())
            .or_default()
            .insert(m.milestone.clone(), p);
    }
}
