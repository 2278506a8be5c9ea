//! Curricula shared with the learner: importing (and updating) one, removing one, exporting one,
//! and which curricula the records name; with the records that carry a data directory from
//! before sync forward.

use chrono::{DateTime, Utc};

use super::pending::follow_estimate_edits;
pub use super::pending::{PendingImport, counted};
use super::{Applied, Origin, Workspace, WorkspaceError};
use crate::curriculum::update::{self, UpdatePreview};
use crate::curriculum::{self, Curriculum, Invalid, format, markdown};
use crate::progress::{Activity, CurriculumSource, Event, MilestoneRef, State, Status};
use crate::storage::{DataDir, Journal};
use crate::sync::{Kind, Op, Replica};

/// A bundled curriculum another machine runs in a newer revision than this Waymark has: its
/// records name milestones this version does not know, and they are kept aside until
/// Waymark is updated here.
#[derive(Clone, Debug, PartialEq)]
pub struct NewerPath {
    /// The other machine, by its name.
    pub machine: String,
    pub curriculum: String,
    pub title: String,
    pub theirs: u32,
    pub ours: u32,
    /// Milestones of that curriculum whose progress is kept aside here.
    pub aside: usize,
}

impl NewerPath {
    /// "laptop runs revision 4 of AI Engineer, and this Waymark has revision 3: progress on 2
    /// milestones it does not know is kept aside. Update Waymark here to see it."
    pub fn words(&self) -> String {
        let aside = match self.aside {
            0 => String::new(),
            1 => ": progress on 1 milestone it does not know is kept aside".to_owned(),
            n => format!(": progress on {n} milestones it does not know is kept aside"),
        };
        format!(
            "{} has a newer path: revision {} of {}, and this Waymark has revision {}{aside}. \
             Update Waymark here to see all of it.",
            self.machine, self.theirs, self.title, self.ours
        )
    }
}

impl Workspace {
    /// The bundled curricula that another machine runs in a newer revision (see
    /// [`NewerPath`]).
    pub fn newer_paths(&self) -> Vec<NewerPath> {
        let machines = self.journal.replica().machines();
        let mut newer = Vec::new();
        for (id, about) in &self.peers {
            for (curriculum, &theirs) in &about.bundled {
                let Some((c, Origin::Bundled)) =
                    self.curricula.iter().find(|(c, _)| c.id == *curriculum)
                else {
                    continue;
                };
                if theirs <= c.revision {
                    continue;
                }
                newer.push(NewerPath {
                    machine: machines
                        .get(id)
                        .and_then(|m| m.name())
                        .map_or_else(|| id.clone(), str::to_owned),
                    curriculum: c.id.clone(),
                    title: c.title.clone(),
                    theirs,
                    ours: c.revision,
                    aside: self
                        .state
                        .set_aside
                        .get(&c.id)
                        .map_or(0, |m| m.values().filter(|p| !p.is_blank()).count()),
                });
            }
        }
        newer
    }

    /// Reads a file for import (RON or Markdown by its name) and previews what applying it does.
    /// Changes nothing.
    pub fn preview_import(&self, name: &str, bytes: &[u8]) -> Result<PendingImport, Invalid> {
        let (curriculum, checked) = if curriculum::is_markdown_name(name) {
            let m = markdown::parse(name, bytes)?;
            (m.curriculum, m.checked)
        } else {
            (format::parse(name, bytes)?, Vec::new())
        };
        let mut curriculum = curriculum;
        let old = self.curriculum(&curriculum.id);
        if let Some(old) = old
            && curriculum::is_markdown_name(name)
        {
            follow_estimate_edits(old, &mut curriculum);
        }
        let preview: UpdatePreview = update::diff(old, &curriculum);
        let with_progress = self
            .state
            .progress
            .get(&curriculum.id)
            .map(|m| {
                m.iter()
                    .filter(|(_, p)| !p.is_blank())
                    .map(|(id, _)| id.as_str())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let progress_set_aside = with_progress
            .iter()
            .filter(|id| preview.removed.iter().any(|r| r == *id))
            .count();
        // A revised milestone's progress is at its old id until the update is applied.
        let finished_changed = preview
            .revised
            .iter()
            .filter(|r| {
                let old_id = preview
                    .renamed
                    .iter()
                    .find(|(_, to)| *to == r.milestone)
                    .map_or(r.milestone.as_str(), |(from, _)| from.as_str());
                self.state
                    .status(&MilestoneRef::new(&curriculum.id, old_id))
                    .is_finished()
            })
            .count();
        Ok(PendingImport {
            finished_changed,
            into_focus: false,
            hours_each: None,
            progress_kept: with_progress.len() - progress_set_aside,
            progress_set_aside,
            curriculum,
            preview,
            checked,
            origin: name.to_owned(),
        })
    }

    /// Applies a previewed import (see [`super::Change::Import`]): stores the curriculum's
    /// copy, loads it, and records the import, the flags on finished milestones whose substance
    /// changed, and (with `keep_checked`) the Markdown file's `[x]` marks as done. Saved before
    /// it returns; when the save fails, the curricula and the state are as before.
    ///
    /// Progress is not moved: the learner's records name milestones as they were, and the state
    /// shows them under the new revision's names (a renamed milestone's records under its new
    /// id, see [`crate::sync::Names`]). So an update applied on two machines, even before either
    /// sees the other's, moves nothing twice.
    pub(super) fn import(
        &mut self,
        pending: PendingImport,
        keep_checked: bool,
        allow_older: bool,
        now: DateTime<Utc>,
    ) -> Result<Applied, WorkspaceError> {
        let PendingImport {
            curriculum,
            preview,
            checked,
            origin,
            into_focus,
            hours_each,
            ..
        } = pending;
        let into_focus = into_focus && curriculum.focus_areas.is_empty();
        if preview.is_downgrade() && !allow_older {
            return Err(WorkspaceError::Downgrade {
                curriculum: curriculum.id.clone(),
                old: preview.old_revision.unwrap_or_default(),
                new: preview.new_revision,
            });
        }
        // What is unsaved goes first, so that a failure below loses nothing else.
        self.save()?;
        // The copy first: records that name a file that is not there would lose nothing, but
        // the reverse would show progress against the wrong revision.
        let file = self.data.store_curriculum(&curriculum)?;
        let (id, revision) = (curriculum.id.clone(), curriculum.revision);
        let what = format!("imported “{}” revision {revision}", curriculum.title);
        let previous = self.curricula.clone();
        // Where the curriculum came from before, for the undo: read before the new revision
        // is loaded (a copy that is loaded gets a name in the state).
        let source_before = self.state.sources.get(&id).cloned();
        // The new revision's names first: the flags are about what the learner finished of it.
        let curricula = self.curricula_mut();
        match curricula.iter().position(|(c, _)| c.id == id) {
            Some(i) => curricula[i] = (curriculum, Origin::Imported),
            None => curricula.push((curriculum, Origin::Imported)),
        }
        self.rematerialize();
        let mut flagged = self.state.clone();
        flagged.apply_update(&preview, now);
        let mut ops = Vec::new();
        for revised in &preview.revised {
            let m = MilestoneRef::new(&id, &revised.milestone);
            let now_flag = flagged.milestone(&m).and_then(|p| p.changed.clone());
            if self.state.milestone(&m).and_then(|p| p.changed.clone()) != now_flag {
                ops.push(Op::Changed(m, now_flag));
            }
        }
        if keep_checked {
            // A `[x]` is progress from before the import, like what the guide marks known:
            // done, in its history, and never in the log (no week, streak or report of it).
            for m in &checked {
                let m = MilestoneRef::new(&id, m);
                if self.state.status(&m) != Status::Done {
                    ops.extend(self.status_ops(&m, Status::Done, now, false));
                }
            }
        }
        // The learner's own estimate where neither the file nor they gave one.
        if let Some(hours) = hours_each {
            for m in self
                .curriculum(&id)
                .into_iter()
                .flat_map(|c| c.milestones())
                .filter(|m| m.effort_hours.is_none())
            {
                let m = MilestoneRef::new(&id, &m.id);
                if self
                    .state
                    .milestone(&m)
                    .and_then(|p| p.own_estimate_hours)
                    .is_none()
                {
                    ops.push(Op::Estimate(m, Some(hours)));
                }
            }
        }
        // Into the focus when asked, and only when the learner has chosen one: with none
        // chosen everything is in focus, and choosing this one would leave the rest out.
        let whole = crate::progress::FocusRef::whole(&id);
        if into_focus && !self.state.focus.is_empty() && !self.state.focus.contains(&whole) {
            ops.push(Op::Focus(whole, true));
        }
        ops.push(Op::Source(
            id.clone(),
            Some(CurriculumSource {
                origin,
                revision,
                imported_at: now,
                file: Some(file),
            }),
        ));
        ops.push(Op::Activity(Activity {
            at: now,
            event: Event::CurriculumImported {
                curriculum: id.clone(),
                revision,
            },
        }));
        let mut back = self.inverse(&ops);
        for op in &mut back {
            if let Op::Source(i, source) = op
                && *i == id
            {
                source.clone_from(&source_before);
            }
        }
        self.record_and_save(ops, Some(back), what, previous)
    }

    /// Removes an imported curriculum (see [`super::Change::RemoveCurriculum`]); its progress
    /// is kept aside (its records stay), so a re-import brings it back. A bundled curriculum
    /// that an import had replaced comes back. Saved before it returns, all or nothing.
    pub(super) fn remove_curriculum(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Applied, WorkspaceError> {
        let (title, origin) = self
            .curricula
            .iter()
            .find(|(c, _)| c.id == id)
            .map(|(c, o)| (c.title.clone(), o.clone()))
            .ok_or_else(|| WorkspaceError::UnknownCurriculum(id.to_owned()))?;
        if origin == Origin::Bundled {
            return Err(WorkspaceError::Bundled(id.to_owned()));
        }
        self.save()?;
        let previous = self.curricula.clone();
        // The copy stays: a file is never changed or removed, since another machine's records
        // may still name it. A copy no record named (put in `curricula/` by hand, or kept from
        // before sync) is named in the state, so its removal is recorded and its undo brings
        // it back.
        let ops = vec![
            Op::Source(id.to_owned(), None),
            Op::Activity(Activity {
                at: now,
                event: Event::CurriculumRemoved {
                    curriculum: id.to_owned(),
                },
            }),
        ];
        self.record_and_save(ops, None, format!("removed “{title}”"), previous)
    }

    /// Records `ops` and saves at once; when either fails, the records this machine had not
    /// written are dropped and the curricula and the state are as before.
    fn record_and_save(
        &mut self,
        ops: Vec<Op>,
        back: Option<Vec<Op>>,
        what: String,
        previous: Vec<(Curriculum, Origin)>,
    ) -> Result<Applied, WorkspaceError> {
        let result = self
            .record(ops, back, what.clone(), Kind::Change)
            .map(|_| ())
            .and_then(|()| self.save().map_err(WorkspaceError::from));
        if let Err(e) = result {
            self.unwritten.clear();
            *self.curricula_mut() = previous;
            // The records the failed save merged are in memory only: read them again from
            // the disk, which does not have them.
            let device = self.journal.device().clone();
            let read_only = self.data.is_read_only();
            if let Ok((journal, _)) =
                Journal::open(self.data.root(), device, read_only, self.clock.bound_ms())
            {
                self.journal = journal;
            }
            self.rematerialize();
            return Err(e);
        }
        Ok(Applied {
            what,
            changed: true,
            log_offer: None,
        })
    }

    /// The curriculum as RON, as `waymark export` prints it.
    pub fn export_ron(&self, id: &str) -> Result<String, WorkspaceError> {
        let c = self
            .curriculum(id)
            .ok_or_else(|| WorkspaceError::UnknownCurriculum(id.to_owned()))?;
        Ok(format::to_ron_within_limit(c))
    }

    /// The curriculum as a Markdown task list, with the learner's done milestones checked.
    pub fn export_markdown(&self, id: &str) -> Result<String, WorkspaceError> {
        let c = self
            .curriculum(id)
            .ok_or_else(|| WorkspaceError::UnknownCurriculum(id.to_owned()))?;
        let done = |m: &str| {
            self.state
                .status(&MilestoneRef::new(id, m))
                .eq(&Status::Done)
        };
        Ok(markdown::to_markdown(c, &done))
    }
}

/// The records that carry a `state.ron` from before sync forward: what it holds, set on an
/// empty state; its hours as legacy hours (the latest carrying forward wins) and its log
/// entries under their own fingerprints, so that a file carried forward twice (by two
/// machines, or again after an older Waymark wrote it) counts nothing twice.
pub(super) fn legacy_ops(legacy: &State, print: u64, replica: &Replica) -> Vec<Op> {
    let mut seen: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    let mut ops: Vec<Op> = crate::sync::diff(&State::default(), legacy, replica)
        .into_iter()
        .map(|op| match op {
            Op::Hours(r, hours) => Op::LegacyHours(r, hours, print),
            Op::Activity(a) => {
                // Which of the entries of the same moment it is: the same in every copy of
                // the file, and in a later one (a log only grows at its end).
                let nth = seen.entry(a.at.timestamp_millis()).or_default();
                *nth += 1;
                let print = crate::sync::canon(&a);
                Op::LegacyActivity(a, print, *nth)
            }
            other => other,
        })
        .collect();
    // Evidence is a link now (http or https), as a command and the merge require; what an
    // earlier window let the learner type that is not one is kept in the milestone's notes.
    let mut moved: Vec<(MilestoneRef, String)> = Vec::new();
    ops.retain(|op| match op {
        Op::Evidence(m, link, true) if !curriculum::is_openable_url(link) => {
            moved.push((m.clone(), link.clone()));
            false
        }
        _ => true,
    });
    for (m, link) in moved {
        let line = format!("Evidence: {link}");
        let notes = ops.iter_mut().find_map(|op| match op {
            Op::Notes(n, text, _) if *n == m => Some(text),
            _ => None,
        });
        match notes {
            Some(text) => {
                text.push('\n');
                text.push_str(&line);
            }
            None => ops.push(Op::Notes(m, line, None)),
        }
    }
    ops
}

/// The bundled curricula, and the imported ones that the merged records name, each from the
/// copy its import stored; with the problems of those that do not load.
pub(super) fn curricula_for(
    data: &DataDir,
    replica: &Replica,
) -> (Vec<(Curriculum, Origin)>, Vec<Invalid>) {
    let mut curricula: Vec<(Curriculum, Origin)> = crate::bundled::curricula()
        .into_iter()
        .filter_map(Result::ok)
        .map(|c| (c, Origin::Bundled))
        .collect();
    let mut broken = Vec::new();
    let mut sources: Vec<(String, Option<String>)> = replica
        .sources()
        .into_iter()
        .map(|(id, s)| (id, s.file))
        .collect();
    // A copy named after its id with no record of its own (a data directory from before sync,
    // or a file put there by hand) loads as it always did, unless a record removed it.
    let removed = replica.removed_sources();
    for id in data.curricula_by_id() {
        if !removed.contains(&id) && !sources.iter().any(|(s, _)| *s == id) {
            sources.push((id, None));
        }
    }
    sources.sort();
    for (id, file) in sources {
        let source_file = file;
        match data.load_curriculum(&id, source_file.as_deref()) {
            Ok(c) => match curricula.iter_mut().find(|(b, _)| b.id == c.id) {
                Some(slot) => *slot = (c, Origin::Imported),
                None => curricula.push((c, Origin::Imported)),
            },
            Err(e) => broken.push(e),
        }
    }
    (curricula, broken)
}

/// Names in `state.sources` every imported curriculum that no record names: a copy from before
/// sync, or one put in `curricula/` by hand. So the state says where each curriculum it shows
/// comes from, and an undo that goes back to it records it, rather than removing it.
pub(super) fn name_unrecorded_copies(state: &mut State, curricula: &[(Curriculum, Origin)]) {
    for (c, origin) in curricula {
        if *origin == Origin::Imported && !state.sources.contains_key(&c.id) {
            state.sources.insert(
                c.id.clone(),
                CurriculumSource {
                    origin: format!("curricula/{}.ron", c.id),
                    revision: c.revision,
                    imported_at: DateTime::<Utc>::default(),
                    file: None,
                },
            );
        }
    }
}
