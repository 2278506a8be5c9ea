//! The learner's workspace: the open data directory, every curriculum (bundled and imported)
//! and the state. The command line and the window both act through it.

use std::cell::OnceCell;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::curriculum::update::{self, UpdatePreview};
use crate::curriculum::{self, Curriculum, Invalid, format, markdown};
use crate::plan::suggest::{self, GoalOffer};
use crate::plan::{self, Place, Plan};
use crate::progress::{
    CurriculumSource, Event, FocusRef, MilestoneRef, Profile, ProfileError, State, Status,
};
use crate::storage::{DataDir, Journal, SetAside, StorageError, append_durably};
use crate::sync::device::{self, Device};
use crate::sync::{Op, Replica};

/// The weeks a goal gets when the plan cannot date it and its curriculum suggests none.
const DEFAULT_GOAL_WEEKS: u32 = 12;

/// What a workspace operation refused, naming the id involved.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("unknown curriculum \"{0}\"")]
    UnknownCurriculum(String),
    #[error("unknown milestone \"{0}\"")]
    UnknownMilestone(MilestoneRef),
    #[error(
        "\"{curriculum}\" revision {new} is older than the imported revision {old}; importing it needs your consent"
    )]
    Downgrade {
        curriculum: String,
        old: u32,
        new: u32,
    },
    #[error("\"{0}\" is bundled with Waymark and cannot be removed")]
    Bundled(String),
    #[error("unknown focus area \"{0}\"")]
    UnknownFocus(String),
    #[error("unknown goal \"{0}\"")]
    UnknownMentorGoal(String),
    #[error("{0} is not reviewed: {1}")]
    NotReviewable(MilestoneRef, &'static str),
    #[error("{0} has not changed since you finished it")]
    NotChanged(MilestoneRef),
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Where a curriculum in the workspace comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into Waymark.
    Bundled,
    /// Imported into the data directory's `curricula/`.
    Imported,
}

/// A file read for import, and what applying it would change. Nothing is applied yet.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub curriculum: Curriculum,
    pub preview: UpdatePreview,
    /// Milestones the Markdown file had checked (`[x]`); empty for RON.
    pub checked: Vec<String>,
    /// The path or name it came from.
    pub origin: String,
    /// How many milestones of the current revision have progress that the update keeps.
    pub progress_kept: usize,
    /// How many milestones with progress the update sets aside.
    pub progress_set_aside: usize,
    /// How many milestones the learner finished would be flagged as changed since then.
    pub finished_changed: usize,
}

/// A curriculum as it stood in the workspace (`None`: not there), with the whole state then.
#[derive(Clone, Debug, PartialEq)]
pub struct CurriculumCopy {
    pub curriculum: Option<(Curriculum, Origin)>,
    pub state: State,
}

/// An import or a removal, as [`Workspace::import_reversibly`] and
/// [`Workspace::remove_reversibly`] return it: both the state and the curriculum's copy in
/// `curricula/` change, so [`Workspace::reverse`] puts each side back whole. Rare enough that
/// two state copies are affordable.
#[derive(Clone, Debug, PartialEq)]
pub struct CurriculumChange {
    pub id: String,
    pub before: CurriculumCopy,
    pub after: CurriculumCopy,
    pub what: &'static str,
}

/// Problems found while opening, to be shown once to the learner.
#[derive(Clone, Debug, Default)]
pub struct OpenReport {
    pub state_set_aside: Option<SetAside>,
    /// Imported curricula in the data directory that no longer load.
    pub broken_curricula: Vec<Invalid>,
    /// Lines of the machines' files that are not whole records (cut short by a kill or a
    /// power cut, or garbled), skipped: each costs only itself.
    pub skipped_records: Vec<String>,
}

/// A machine whose changes are merged, as the settings show it.
#[derive(Clone, Debug, PartialEq)]
pub struct MachineSeen {
    pub id: String,
    pub name: String,
    /// When its latest change was made.
    pub last_seen: Option<DateTime<Utc>>,
    /// This machine.
    pub this: bool,
}

#[derive(Debug)]
pub struct Workspace {
    data: DataDir,
    /// Every machine's records, merged; this machine's own are appended through it.
    journal: Journal,
    /// Bundled first (by file name), then imported; an imported curriculum with a bundled id
    /// replaces the bundled one.
    curricula: Vec<(Curriculum, Origin)>,
    pub state: State,
    /// The state as last saved or merged: a save writes the records that take it to `state`.
    saved: State,
    /// Lines of records that a [`Self::save`] could not write, to go first at the next.
    unwritten: Vec<u8>,
    /// Lines that merges found not to be whole records, not yet reported.
    skipped_records: Vec<String>,
    /// The clock that stamps this machine's records: the system's, unless the window (or a
    /// test) gives its own, so that what it shows of them honours `WAYMARK_TODAY`.
    clock: RecordClock,
    /// The planner's index of `curricula`, built at the first plan and kept until they change
    /// (see [`Self::curricula_mut`]), so a plan after a status change does not rebuild it.
    plan_index: OnceCell<plan::Index>,
    /// What the other machines say of themselves (`machines/<id>/about.ron`), by machine id.
    peers: std::collections::BTreeMap<String, crate::sync::about::About>,
    /// What this machine says of itself, until it is written with its first records.
    about: Option<crate::sync::about::About>,
}

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

/// Milliseconds since 1970 on the wall clock: what the records' clock starts from.
fn wall_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The clock that stamps a workspace's records, when it is not the system's.
#[derive(Clone, Default)]
struct RecordClock(Option<std::rc::Rc<dyn Fn() -> DateTime<Utc>>>);

impl RecordClock {
    fn ms(&self) -> u64 {
        self.0.as_ref().map_or_else(wall_ms, |now| {
            u64::try_from(now().timestamp_millis()).unwrap_or(0)
        })
    }
}

impl std::fmt::Debug for RecordClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "RecordClock(given)"
        } else {
            "RecordClock(system)"
        })
    }
}

impl Workspace {
    /// Opens the data directory for writing (taking its lock) as this machine, and loads
    /// everything every machine recorded.
    pub fn open(root: &Path) -> Result<(Self, OpenReport), StorageError> {
        Self::open_as(root, this_device()?)
    }

    /// Opens without the lock; saving is refused.
    pub fn open_read_only(root: &Path) -> Result<(Self, OpenReport), StorageError> {
        Self::load(DataDir::open_read_only(root)?, this_device()?)
    }

    /// [`Self::open_read_only`] as the machine `device`.
    pub fn open_read_only_as(
        root: &Path,
        device: Device,
    ) -> Result<(Self, OpenReport), StorageError> {
        Self::load(DataDir::open_read_only(root)?, device)
    }

    /// [`Self::open`] as the machine `device` (tests stand for several machines so).
    pub fn open_as(root: &Path, device: Device) -> Result<(Self, OpenReport), StorageError> {
        Self::load(DataDir::open(root)?, device)
    }

    fn load(data: DataDir, device: Device) -> Result<(Self, OpenReport), StorageError> {
        let read_only = data.is_read_only();
        let (mut journal, arrived) = Journal::open(data.root(), device, read_only)?;
        let mut report = OpenReport {
            skipped_records: arrived.skipped,
            ..OpenReport::default()
        };
        // A data directory from before sync: its state.ron is carried forward into this
        // machine's records once (and again if an older Waymark changed it since), and kept.
        let carried = |print: u64| journal.replica().has_migrated(print);
        if let Some((loaded, print)) = data.load_legacy_state(&carried)? {
            if loaded.set_aside.is_none() {
                let mut ops = legacy_ops(&loaded.state, print, journal.replica());
                ops.push(Op::Migrated(print));
                let lines = journal.record(ops, wall_ms());
                if !read_only {
                    append_durably(&journal.changes_path(), &lines)?;
                }
            }
            report.state_set_aside = loaded.set_aside;
        }
        let (curricula, broken) = curricula_for(&data, journal.replica());
        report.broken_curricula = broken;
        let workspace = Self::assemble(data, journal, curricula);
        Ok((workspace, report))
    }

    fn assemble(data: DataDir, mut journal: Journal, curricula: Vec<(Curriculum, Origin)>) -> Self {
        journal.set_names(crate::sync::Names::of(curricula.iter().map(|(c, _)| c)));
        let plan_index = OnceCell::new();
        let index = plan_index.get_or_init(|| {
            plan::Index::new(&curricula.iter().map(|(c, _)| c).collect::<Vec<_>>())
        });
        let mut state = journal
            .replica()
            .state(&|r: &MilestoneRef| index.place(r).is_some());
        name_unrecorded_copies(&mut state, &curricula);
        let bundled: Vec<&Curriculum> = curricula
            .iter()
            .filter(|(_, o)| *o == Origin::Bundled)
            .map(|(c, _)| c)
            .collect();
        let about = crate::sync::about::About::this(bundled);
        let device = journal.device().id.clone();
        let peers = crate::sync::about::read_others(data.root(), &device);
        Self {
            data,
            journal,
            curricula,
            saved: state.clone(),
            state,
            unwritten: Vec::new(),
            skipped_records: Vec::new(),
            clock: RecordClock::default(),
            plan_index,
            peers,
            about: Some(about),
        }
    }

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

    /// Writes what changed since the last save to this machine's file, durably: one record
    /// per change, appended. Nothing to write is no write at all.
    pub fn save(&mut self) -> Result<(), StorageError> {
        if self.data.is_read_only() {
            return Err(StorageError::ReadOnly {
                path: self.data.root().to_path_buf(),
            });
        }
        let lines = self.prepare_save();
        self.unwritten.extend(lines);
        append_durably(&self.journal.changes_path(), &self.unwritten)?;
        self.unwritten.clear();
        Ok(())
    }

    /// The records of what changed since the last save, merged already, for the caller to
    /// append to [`Self::changes_path`] (the window does it on a thread of its own); empty
    /// when nothing changed. Until they are on disk, they are in memory only.
    pub fn prepare_save(&mut self) -> Vec<u8> {
        let ops = crate::sync::diff(&self.saved, &self.state, self.journal.replica());
        if ops.is_empty() {
            return Vec::new();
        }
        if let Some(about) = self.about.take() {
            // A machine that records changes says which Waymark made them. Only a message on
            // other machines depends on it, so a failure to write it costs nothing else.
            let _ =
                crate::sync::about::write_own(self.data.root(), &self.journal.device().id, &about);
        }
        let hours: Vec<MilestoneRef> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Hours(r, _) => Some(r.clone()),
                _ => None,
            })
            .collect();
        let lines = self.journal.record(ops, self.clock.ms());
        // Hours are a sum of what each record added: keep the sum exactly as the merge makes
        // it, so that the state in memory is the state a restart shows, to the last bit.
        for r in hours {
            let merged = self.journal.replica().hours(&r);
            for maps in [&mut self.state.progress, &mut self.state.set_aside] {
                if let Some(p) = maps
                    .get_mut(&r.curriculum)
                    .and_then(|m| m.get_mut(&r.milestone))
                {
                    p.hours_logged = merged;
                }
            }
        }
        self.saved = self.state.clone();
        lines
    }

    /// This machine.
    pub fn device(&self) -> &Device {
        self.journal.device()
    }

    /// This machine's file of changes.
    pub fn changes_path(&self) -> std::path::PathBuf {
        self.journal.changes_path()
    }

    /// Whether another machine's files changed since they were read (sizes alone: cheap).
    pub fn others_changed(&self) -> bool {
        self.journal.others_changed()
    }

    /// Merges what other machines recorded since their files were last read, and makes the
    /// state again from everything merged. Save first: changes not saved are not in the merge.
    /// Returns how many records arrived from each machine (by name).
    pub fn merge_others(&mut self) -> Result<Vec<(String, usize)>, StorageError> {
        let arrived = self.journal.read_others()?;
        self.peers = crate::sync::about::read_others(self.data.root(), &self.journal.device().id);
        self.skipped_records.extend(arrived.skipped.iter().cloned());
        if arrived.total() == 0 {
            // The copy of a curriculum whose records came earlier may have arrived since.
            if self.copies_arrived() {
                let (curricula, _) = curricula_for(&self.data, self.journal.replica());
                *self.curricula_mut() = curricula;
                self.rematerialize();
            }
            return Ok(Vec::new());
        }
        // Another machine imported, updated or removed a curriculum: load what it now names.
        let files = |s: &State| {
            s.sources
                .iter()
                .map(|(id, src)| (id.clone(), src.file.clone()))
                .collect::<Vec<_>>()
        };
        let merged_files: Vec<_> = self
            .journal
            .replica()
            .sources()
            .into_iter()
            .map(|(id, src)| (id, src.file))
            .collect();
        if merged_files != files(&self.saved) || self.copies_arrived() {
            let (curricula, _) = curricula_for(&self.data, self.journal.replica());
            *self.curricula_mut() = curricula;
        }
        self.rematerialize();
        let machines = self.journal.replica().machines();
        Ok(arrived
            .records
            .into_iter()
            .map(|(id, n)| {
                let name = machines
                    .get(&id)
                    .and_then(|m| m.name())
                    .map_or_else(|| id.clone(), str::to_owned);
                (name, n)
            })
            .collect())
    }

    /// Makes the state again from everything merged, under the names the loaded curricula give
    /// (the state as saved, too).
    fn rematerialize(&mut self) {
        let names = crate::sync::Names::of(self.curricula());
        self.journal.set_names(names);
        let index = self.index();
        let mut state = self
            .journal
            .replica()
            .state(&|r: &MilestoneRef| index.place(r).is_some());
        name_unrecorded_copies(&mut state, &self.curricula);
        self.saved = state.clone();
        self.state = state;
    }

    /// Whether a curriculum that the records name as imported is not loaded, and its copy is
    /// now there (it arrived after the records did).
    fn copies_arrived(&self) -> bool {
        let dir = self.data.curricula_dir();
        self.journal
            .replica()
            .sources()
            .into_iter()
            .any(|(id, source)| {
                let loaded = self
                    .curricula
                    .iter()
                    .any(|(c, o)| c.id == id && *o == Origin::Imported);
                !loaded && source.file.is_some_and(|f| dir.join(f).is_file())
            })
    }

    /// Stamps this machine's records from now on with `clock` (the window's, which honours
    /// `WAYMARK_TODAY`) rather than the system clock. The records' own clock still never runs
    /// backwards: a clock behind a record already seen only moves its counter.
    pub fn set_clock(&mut self, clock: std::rc::Rc<dyn Fn() -> DateTime<Utc>>) {
        self.clock = RecordClock(Some(clock));
    }

    /// The lines that merges since the last call found not to be whole records (each with its
    /// file and line), for the window to report.
    pub fn take_skipped_records(&mut self) -> Vec<String> {
        std::mem::take(&mut self.skipped_records)
    }

    /// This machine and every machine whose changes are merged, this one first.
    pub fn machines(&self) -> Vec<MachineSeen> {
        let this = self.journal.device();
        let mut seen: Vec<MachineSeen> = self
            .journal
            .replica()
            .machines()
            .iter()
            .map(|(id, m)| MachineSeen {
                id: id.clone(),
                name: m.name().map_or_else(|| id.clone(), str::to_owned),
                last_seen: DateTime::from_timestamp_millis(m.last_seen.ms as i64),
                this: *id == this.id,
            })
            .collect();
        if !seen.iter().any(|m| m.this) {
            seen.push(MachineSeen {
                id: this.id.clone(),
                name: this.name.clone(),
                last_seen: None,
                this: true,
            });
        }
        seen.sort_by_key(|m| !m.this);
        seen
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.data
    }

    pub fn is_read_only(&self) -> bool {
        self.data.is_read_only()
    }

    pub fn curricula(&self) -> impl Iterator<Item = &Curriculum> {
        self.curricula.iter().map(|(c, _)| c)
    }

    pub fn curricula_with_origin(&self) -> impl Iterator<Item = (&Curriculum, &Origin)> {
        self.curricula.iter().map(|(c, o)| (c, o))
    }

    pub fn curriculum(&self, id: &str) -> Option<&Curriculum> {
        self.curricula().find(|c| c.id == id)
    }

    pub fn plan(&self, today: NaiveDate) -> Plan {
        let curricula: Vec<&Curriculum> = self.curricula().collect();
        plan::plan_with(self.index(), &curricula, &self.state, today)
    }

    /// The planner's index of the curricula, built at first use and kept until they change.
    fn index(&self) -> &plan::Index {
        self.plan_index
            .get_or_init(|| plan::Index::new(&self.curricula().collect::<Vec<_>>()))
    }

    /// Where the milestone `r` names sits in [`Self::curricula`], through the planner's index.
    pub fn place(&self, r: &MilestoneRef) -> Option<Place> {
        self.index().place(r)
    }

    /// The curricula, for a change: drops the planner's index, which the next plan rebuilds.
    /// Every change to the curricula goes through here.
    fn curricula_mut(&mut self) -> &mut Vec<(Curriculum, Origin)> {
        self.plan_index.take();
        &mut self.curricula
    }

    /// Checks that `r` names a milestone of a curriculum in the workspace.
    pub fn check_milestone(&self, r: &MilestoneRef) -> Result<(), WorkspaceError> {
        let c = self
            .curriculum(&r.curriculum)
            .ok_or_else(|| WorkspaceError::UnknownCurriculum(r.curriculum.clone()))?;
        c.milestone(&r.milestone)
            .map(|_| ())
            .ok_or_else(|| WorkspaceError::UnknownMilestone(r.clone()))
    }

    /// Sets a milestone's status in memory; call [`Self::save`] to keep it.
    pub fn mark(
        &mut self,
        r: &MilestoneRef,
        status: Status,
        now: DateTime<Utc>,
    ) -> Result<bool, WorkspaceError> {
        self.check_milestone(r)?;
        Ok(self.state.set_status(r, status, now))
    }

    /// The learner's plan-level choices, for a change through [`Profile`]'s rules.
    pub fn profile(&self) -> Profile {
        Profile::of(&self.state)
    }

    /// Puts a changed profile in the state; call [`Self::save`] to keep it.
    pub fn set_profile(&mut self, profile: &Profile) {
        profile.write(&mut self.state);
    }

    /// Checks that `focus` names a focus area of a curriculum in the workspace.
    pub fn check_focus(&self, focus: &FocusRef) -> Result<(), WorkspaceError> {
        let c = self
            .curriculum(&focus.curriculum)
            .ok_or_else(|| WorkspaceError::UnknownCurriculum(focus.curriculum.clone()))?;
        c.focus_area(&focus.focus).map(|_| ()).ok_or_else(|| {
            WorkspaceError::UnknownFocus(format!("{}/{}", focus.curriculum, focus.focus))
        })
    }

    /// Every mentor goal of the curricula, as the learner may adopt it.
    pub fn goal_offers(&self) -> Vec<GoalOffer> {
        suggest::goal_offers(self.curricula())
    }

    /// The mentor goal `goal` of curriculum `curriculum`.
    pub fn goal_offer(&self, curriculum: &str, goal: &str) -> Result<GoalOffer, WorkspaceError> {
        if self.curriculum(curriculum).is_none() {
            return Err(WorkspaceError::UnknownCurriculum(curriculum.to_owned()));
        }
        self.goal_offers()
            .into_iter()
            .find(|o| o.curriculum == curriculum && o.goal == goal)
            .ok_or_else(|| WorkspaceError::UnknownMentorGoal(format!("{curriculum}/{goal}")))
    }

    /// The plan as it would be with `profile` and the milestones in `known` done: what the
    /// first-run conversation shows before the learner agrees to it.
    pub fn plan_for(&self, profile: &Profile, known: &[MilestoneRef], today: NaiveDate) -> Plan {
        let mut state = self.state.clone();
        profile.write(&mut state);
        for r in known {
            state.milestone_mut(r).status = Status::Done;
        }
        let curricula: Vec<&Curriculum> = self.curricula().collect();
        plan::plan_with(self.index(), &curricula, &state, today)
    }

    /// `profile` with a target the plan can reach for each goal named in `unset`: its late
    /// finish at the profile's hours a week, rounded up to a week, in the profile's goal order
    /// (see [`plan::reachable_target`]), as if the milestones in `known` were done. A goal
    /// the plan cannot date (no hours a week) gets its curriculum's suggested weeks.
    pub fn with_reachable_targets(
        &self,
        mut profile: Profile,
        unset: &[String],
        known: &[MilestoneRef],
        today: NaiveDate,
    ) -> Profile {
        for g in profile.goals.iter_mut().filter(|g| unset.contains(&g.id)) {
            g.target = NaiveDate::MAX;
        }
        let plan = self.plan_for(&profile, known, today);
        let offers = self.goal_offers();
        for goal in profile.goals.iter_mut().filter(|g| unset.contains(&g.id)) {
            let reachable = plan.goal(&goal.id).and_then(|f| match f.outlook {
                plan::Outlook::Reached => Some(today),
                _ => plan::reachable_target(f, today),
            });
            goal.target = reachable.unwrap_or_else(|| {
                let weeks = goal
                    .source
                    .as_ref()
                    .and_then(|s| {
                        offers
                            .iter()
                            .find(|o| o.curriculum == s.curriculum && o.goal == s.goal)
                    })
                    .and_then(|o| o.suggested_weeks)
                    .unwrap_or(DEFAULT_GOAL_WEEKS);
                today
                    .checked_add_days(chrono::Days::new(u64::from(weeks) * 7))
                    .unwrap_or(today)
            });
        }
        profile
    }

    /// Adopts the mentor goal `goal` of `curriculum`, last in the learner's order, with
    /// `target` or, without one, a target the plan can reach. In memory; call [`Self::save`].
    /// A target before `today` is refused, and so is a goal adopted already.
    pub fn adopt_goal(
        &mut self,
        curriculum: &str,
        goal: &str,
        target: Option<NaiveDate>,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<crate::progress::AdoptedGoal, WorkspaceError> {
        let offer = self.goal_offer(curriculum, goal)?;
        if let Some(t) = target
            && t < today
        {
            return Err(ProfileError::TargetInPast { target: t, today }.into());
        }
        if self.state.goal(&offer.id).is_some() {
            return Err(ProfileError::AlreadyAdopted(offer.id).into());
        }
        let mut profile = self.profile();
        profile.adopt(offer.adopt(target.unwrap_or(today), now))?;
        if target.is_none() {
            profile =
                self.with_reachable_targets(profile, std::slice::from_ref(&offer.id), &[], today);
        }
        self.set_profile(&profile);
        let adopted = self
            .state
            .goal(&offer.id)
            .cloned()
            .ok_or(WorkspaceError::UnknownMentorGoal(offer.id))?;
        self.state.activity.push(crate::progress::Activity {
            at: now,
            event: Event::GoalAdopted {
                goal: adopted.id.clone(),
            },
        });
        Ok(adopted)
    }

    /// Logs hours worked on a milestone, in memory; call [`Self::save`].
    pub fn log_hours(
        &mut self,
        r: &MilestoneRef,
        hours: f64,
        now: DateTime<Utc>,
    ) -> Result<(), WorkspaceError> {
        self.check_milestone(r)?;
        let hours = crate::progress::profile::check_hours(hours)?;
        self.state.log_hours(r, hours, now);
        Ok(())
    }

    /// Sets (or with `None` clears) the learner's own estimate of a milestone's hours, in
    /// memory; returns false when it was that already. Call [`Self::save`].
    pub fn set_own_estimate(
        &mut self,
        r: &MilestoneRef,
        hours: Option<f64>,
    ) -> Result<bool, WorkspaceError> {
        self.check_milestone(r)?;
        if let Some(h) = hours {
            crate::progress::profile::check_hours(h)?;
        }
        Ok(self.state.set_own_estimate(r, hours))
    }

    /// Records a review of a finished skill or framework, in memory; call [`Self::save`].
    /// A project, or a milestone not done, is refused: reviews are of what was learnt.
    pub fn review(
        &mut self,
        r: &MilestoneRef,
        passed: bool,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<(), WorkspaceError> {
        self.check_milestone(r)?;
        let kind = self
            .place(r)
            .and_then(|p| self.milestone_at(p))
            .map(|m| m.kind);
        if kind == Some(curriculum::Kind::Project) {
            return Err(WorkspaceError::NotReviewable(
                r.clone(),
                "projects are not reviewed, only skills and frameworks",
            ));
        }
        if self.state.status(r) != Status::Done {
            return Err(WorkspaceError::NotReviewable(r.clone(), "it is not done"));
        }
        self.state.record_review(r, passed, note, now);
        Ok(())
    }

    /// Keeps a milestone that changed since the learner finished it finished, clearing the
    /// flag (`reopen`: to do again), in memory; call [`Self::save`].
    pub fn resolve_changed(
        &mut self,
        r: &MilestoneRef,
        reopen: bool,
        now: DateTime<Utc>,
    ) -> Result<(), WorkspaceError> {
        self.check_milestone(r)?;
        let done = if reopen {
            self.state.reopen(r, now)
        } else {
            self.state.keep_finished(r)
        };
        if done {
            Ok(())
        } else {
            Err(WorkspaceError::NotChanged(r.clone()))
        }
    }

    /// The hours the plan counts for a milestone: the learner's own estimate, else the
    /// curriculum's; `None` when neither gives one.
    pub fn estimate_of(&self, r: &MilestoneRef) -> Option<f64> {
        self.state
            .milestone(r)
            .and_then(|p| p.own_estimate_hours)
            .or_else(|| {
                self.place(r)
                    .and_then(|p| self.milestone_at(p))
                    .and_then(|m| m.effort_hours)
            })
    }

    /// The milestone at `place` in [`Self::curricula`].
    pub fn milestone_at(&self, place: Place) -> Option<&curriculum::Milestone> {
        self.curricula
            .get(place.curriculum)?
            .0
            .sections
            .get(place.section)?
            .milestones
            .get(place.milestone)
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
        let old = self.curriculum(&curriculum.id);
        let preview = update::diff(old, &curriculum);
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
            progress_kept: with_progress.len() - progress_set_aside,
            progress_set_aside,
            curriculum,
            preview,
            checked,
            origin: name.to_owned(),
        })
    }

    /// Applies a previewed import: stores the curriculum's copy, records it, and (with
    /// `keep_checked`) counts the Markdown file's `[x]` marks as done. A downgrade needs
    /// `allow_older`. Saves.
    ///
    /// Progress is not moved: the learner's records name milestones as they were, and the
    /// state shows them under the new revision's names (a renamed milestone's records under
    /// its new id, see [`crate::sync::Names`]). So an update applied on two machines, even
    /// before either sees the other's, moves nothing twice. What it records is only the import
    /// itself, the flags on finished milestones whose substance changed, and the checked marks.
    /// All or nothing: when the save fails, the curricula and the state are as before.
    pub fn apply_import(
        &mut self,
        pending: PendingImport,
        keep_checked: bool,
        allow_older: bool,
        now: DateTime<Utc>,
    ) -> Result<(), WorkspaceError> {
        let PendingImport {
            curriculum,
            preview,
            checked,
            origin,
            ..
        } = pending;
        if preview.is_downgrade() && !allow_older {
            return Err(WorkspaceError::Downgrade {
                curriculum: curriculum.id.clone(),
                old: preview.old_revision.unwrap_or_default(),
                new: preview.new_revision,
            });
        }
        if self.data.is_read_only() {
            return Err(StorageError::ReadOnly {
                path: self.data.root().to_path_buf(),
            }
            .into());
        }
        // What is unsaved goes first, so that the state below is what the records give.
        self.save()?;
        // The copy first: records that name a file that is not there would lose nothing,
        // but the reverse would show progress against the wrong revision.
        let file = self.data.store_curriculum(&curriculum)?;
        let id = curriculum.id.clone();
        let revision = curriculum.revision;
        self.switch_curriculum(&id, Some((curriculum, Origin::Imported)), |workspace| {
            let state = &mut workspace.state;
            // The progress is under the new names already: this only flags what changed.
            state.apply_update(&preview, now);
            if keep_checked {
                for m in &checked {
                    state.set_status(&MilestoneRef::new(&id, m), Status::Done, now);
                }
            }
            state.sources.insert(
                id.clone(),
                CurriculumSource {
                    origin,
                    revision,
                    imported_at: now,
                    file: Some(file),
                },
            );
            state.activity.push(crate::progress::Activity {
                at: now,
                event: Event::CurriculumImported {
                    curriculum: id.clone(),
                    revision,
                },
            });
        })
    }

    /// Puts `slot` in the place of curriculum `id` (`None`: no curriculum of that id), makes
    /// the state again from the records under the names the curricula now give, lets `change`
    /// edit it, and saves what the edit changed. When the save fails, the records this machine
    /// had not written are dropped, and the curricula and the state are as before.
    fn switch_curriculum(
        &mut self,
        id: &str,
        slot: Option<(Curriculum, Origin)>,
        change: impl FnOnce(&mut Self),
    ) -> Result<(), WorkspaceError> {
        let previous = self.curricula.clone();
        let curricula = self.curricula_mut();
        let index = curricula.iter().position(|(c, _)| c.id == id);
        match (index, slot) {
            (Some(i), Some(slot)) => curricula[i] = slot,
            (Some(i), None) => {
                curricula.remove(i);
            }
            (None, Some(slot)) => curricula.push(slot),
            (None, None) => {}
        }
        self.rematerialize();
        change(self);
        if let Err(e) = self.save() {
            self.unwritten.clear();
            *self.curricula_mut() = previous;
            // The records the failed save merged are in memory only: read them again from
            // the disk, which does not have them.
            let read_only = self.data.is_read_only();
            let device = self.journal.device().clone();
            if let Ok((journal, _)) = Journal::open(self.data.root(), device, read_only) {
                self.journal = journal;
            }
            self.rematerialize();
            return Err(e.into());
        }
        Ok(())
    }

    /// Removes an imported curriculum; its progress is kept aside (its records stay), so a
    /// re-import brings it back. A bundled curriculum that an import had replaced comes back.
    /// Saves.
    pub fn remove_curriculum(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), WorkspaceError> {
        let index = self
            .curricula
            .iter()
            .position(|(c, _)| c.id == id)
            .ok_or_else(|| WorkspaceError::UnknownCurriculum(id.to_owned()))?;
        if self.curricula[index].1 == Origin::Bundled {
            return Err(WorkspaceError::Bundled(id.to_owned()));
        }
        if self.data.is_read_only() {
            return Err(StorageError::ReadOnly {
                path: self.data.root().to_path_buf(),
            }
            .into());
        }
        let bundled = crate::bundled::curricula()
            .into_iter()
            .filter_map(Result::ok)
            .find(|c| c.id == id)
            .map(|b| (b, Origin::Bundled));
        self.save()?;
        // A copy no record named (put in `curricula/` by hand, or kept from before sync) is
        // named only while it is loaded: name it in what was saved, so that the removal is
        // recorded and the copy does not come back at the next opening.
        let named = self.state.sources.get(id).cloned();
        // The copy stays: a file is never changed or removed, since another machine's records
        // may still name it.
        self.switch_curriculum(id, bundled, |workspace| {
            if let Some(source) = named {
                workspace
                    .saved
                    .sources
                    .entry(id.to_owned())
                    .or_insert(source);
            }
            let state = &mut workspace.state;
            state.sources.remove(id);
            state.activity.push(crate::progress::Activity {
                at: now,
                event: Event::CurriculumRemoved {
                    curriculum: id.to_owned(),
                },
            });
        })
    }

    /// Puts one curriculum and the whole state back as they were before an import or a
    /// removal (for undo and redo): `copy` is the curriculum as it stood (`None`: not in the
    /// workspace). An imported copy is stored in `curricula/` if it is not there. Saves the
    /// records that take the state there, under the names of the curricula as they stood.
    pub fn restore_curriculum(
        &mut self,
        id: &str,
        copy: Option<(Curriculum, Origin)>,
        state: State,
    ) -> Result<(), WorkspaceError> {
        let mut state = state;
        if let Some((c, Origin::Imported)) = &copy {
            let file = self.data.store_curriculum(c)?;
            if let Some(source) = state.sources.get_mut(id) {
                source.file = Some(file);
            }
        }
        self.switch_curriculum(id, copy, |workspace| workspace.state = state)?;
        self.rematerialize();
        Ok(())
    }

    /// The curriculum `id` and the whole state as they stand now.
    fn copy_of(&self, id: &str) -> CurriculumCopy {
        CurriculumCopy {
            curriculum: self
                .curricula
                .iter()
                .find(|(c, _)| c.id == id)
                .map(|(c, o)| (c.clone(), o.clone())),
            state: self.state.clone(),
        }
    }

    /// [`Self::apply_import`], returning the change that [`Self::reverse`] takes back.
    pub fn import_reversibly(
        &mut self,
        pending: PendingImport,
        keep_checked: bool,
        allow_older: bool,
        now: DateTime<Utc>,
    ) -> Result<CurriculumChange, WorkspaceError> {
        let id = pending.curriculum.id.clone();
        let before = self.copy_of(&id);
        self.apply_import(pending, keep_checked, allow_older, now)?;
        Ok(CurriculumChange {
            after: self.copy_of(&id),
            id,
            before,
            what: "import",
        })
    }

    /// [`Self::remove_curriculum`], returning the change that [`Self::reverse`] takes back.
    pub fn remove_reversibly(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<CurriculumChange, WorkspaceError> {
        let before = self.copy_of(id);
        self.remove_curriculum(id, now)?;
        Ok(CurriculumChange {
            id: id.to_owned(),
            before,
            after: self.copy_of(id),
            what: "curriculum removal",
        })
    }

    /// Undoes (`back`) or redoes `change`: the curriculum's file and the state as they were
    /// before it, or after it. Saves the state.
    pub fn reverse(&mut self, change: &CurriculumChange, back: bool) -> Result<(), WorkspaceError> {
        let copy = if back { &change.before } else { &change.after };
        self.restore_curriculum(&change.id, copy.curriculum.clone(), copy.state.clone())
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

    /// A Markdown progress report for the mentor.
    pub fn report(&self, today: NaiveDate) -> String {
        crate::report::mentor_report(self, today, None)
    }
}

/// This machine, as [`device::current`] finds it.
fn this_device() -> Result<Device, StorageError> {
    device::current().map_err(|e| StorageError::Device(e.to_string()))
}

/// The records that carry a `state.ron` from before sync forward: what it holds, set on an
/// empty state; its hours as legacy hours (the latest carrying forward wins) and its log
/// entries under their own fingerprints, so that a file carried forward twice (by two
/// machines, or again after an older Waymark wrote it) counts nothing twice.
fn legacy_ops(legacy: &State, print: u64, replica: &Replica) -> Vec<Op> {
    let mut seen: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    crate::sync::diff(&State::default(), legacy, replica)
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
        .collect()
}

/// The bundled curricula, and the imported ones that the merged records name, each from the
/// copy its import stored; with the problems of those that do not load.
fn curricula_for(data: &DataDir, replica: &Replica) -> (Vec<(Curriculum, Origin)>, Vec<Invalid>) {
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
fn name_unrecorded_copies(state: &mut State, curricula: &[(Curriculum, Origin)]) {
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
