//! The learner's workspace: the open data directory, every curriculum (bundled and imported)
//! and the state made from every machine's records. The command line and the window both act
//! through it, and only through [`Workspace::apply`] (and its undo and redo) does the
//! learner's data change: the one write path.

mod apply;
mod change;
mod goals;
mod machines;
mod mentoring;
mod pending;
mod rules;
mod sharing;
mod time;
mod undo;

use std::cell::{OnceCell, RefCell};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

pub use change::{Applied, Change, WorkspaceError};
pub use machines::{MachineSeen, Merged};
pub use rules::is_reviewable;
pub use sharing::{NewerPath, PendingImport, counted};

use crate::curriculum::{self, Curriculum, Invalid};
use crate::plan::{self, Place, Plan};
use crate::progress::{MilestoneRef, State};
use crate::storage::{DataDir, Journal, Problem, SetAside, StorageError, append_durably};
use crate::sync::device::{self, Device};

/// Where a curriculum in the workspace comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into Waymark.
    Bundled,
    /// Imported into the data directory's `curricula/`.
    Imported,
}

/// Problems found while opening, to be shown once to the learner.
#[derive(Clone, Debug, Default)]
pub struct OpenReport {
    pub state_set_aside: Option<SetAside>,
    /// Imported curricula in the data directory that no longer load.
    pub broken_curricula: Vec<Invalid>,
    /// What is wrong in the synced folder and was not told yet (lines skipped, files not read,
    /// records from a newer Waymark, a clock from the future, a machine sharing this one's id).
    pub sync_news: Vec<Problem>,
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

    /// What counts as now for stamps from the future: the later of this clock and the
    /// system's, since a test's or a script's day (`WAYMARK_TODAY`) is not a wrong clock.
    fn bound_ms(&self) -> u64 {
        self.ms().max(wall_ms())
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

#[derive(Debug)]
pub struct Workspace {
    data: DataDir,
    /// Every machine's records, merged; this machine's own are appended through it.
    journal: Journal,
    /// Bundled first (by file name), then imported; an imported curriculum with a bundled id
    /// replaces the bundled one.
    curricula: Vec<(Curriculum, Origin)>,
    /// What the records give, and the change in progress ([`apply::Draft`]): never changed but
    /// by the one write path.
    state: State,
    /// A burst of typing or dragging not yet recorded.
    draft: Option<apply::Draft>,
    /// Lines of records not yet on disk: the CLI saves them, the window hands them to its
    /// saving thread.
    unwritten: Vec<u8>,
    clock: RecordClock,
    /// The planner's index of `curricula`, built at the first plan and kept until they change
    /// (see [`Self::curricula_mut`]), so a plan after a status change does not rebuild it.
    plan_index: OnceCell<plan::Index>,
    /// What the last plan read of the learner's progress, told of every milestone changed
    /// since: a plan after a change reads only those again.
    plan_learner: RefCell<plan::LearnerCache>,
    /// What the other machines say of themselves (`machines/<id>/about.ron`), by machine id.
    peers: std::collections::BTreeMap<String, crate::sync::about::About>,
    /// What this machine says of itself, until it is written with its first records.
    about: Option<crate::sync::about::About>,
}

impl Workspace {
    /// Opens the data directory for writing (taking its lock) as this machine, and loads
    /// everything every machine recorded. Writes nothing until a change is saved.
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
        let clock = RecordClock::default();
        let (mut journal, _) = Journal::open(data.root(), device, read_only, clock.bound_ms())?;
        let mut report = OpenReport::default();
        // A data directory from before sync: its state.ron is carried forward into this
        // machine's records once (and again if an older Waymark changed it since), and kept.
        let carried = |print: u64| journal.replica().has_migrated(print);
        let mut unwritten = Vec::new();
        if let Some((loaded, print)) = data.load_legacy_state(&carried)? {
            if loaded.set_aside.is_none() {
                let lines = apply::carry_forward(&mut journal, &loaded.state, print, clock.ms())?;
                unwritten.extend(lines);
            }
            report.state_set_aside = loaded.set_aside;
        }
        let (curricula, broken) = sharing::curricula_for(&data, journal.replica());
        report.broken_curricula = broken;
        report.sync_news = journal.take_news();
        let mut workspace = Self::assemble(data, journal, curricula);
        workspace.unwritten = unwritten;
        if !read_only {
            workspace.keep_checklists_in_focus();
        }
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
        sharing::name_unrecorded_copies(&mut state, &curricula);
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
            state,
            draft: None,
            unwritten: Vec::new(),
            clock: RecordClock::default(),
            plan_index,
            plan_learner: RefCell::default(),
            peers,
            about: Some(about),
        }
    }

    /// The learner's state: what every machine's records give, with the change in progress.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Writes this machine's records not yet on disk, durably, and then its snapshot when one
    /// is due. Nothing to write is no write at all.
    pub fn save(&mut self) -> Result<(), StorageError> {
        if self.data.is_read_only() {
            return Err(StorageError::ReadOnly {
                path: self.data.root().to_path_buf(),
            });
        }
        let lines = self.take_unwritten();
        if lines.is_empty() {
            return Ok(());
        }
        let path = self.journal.changes_path();
        crate::storage::journal::refuse_links(self.data.root(), &path)?;
        match append_durably(&path, &lines) {
            Ok(len) => {
                self.journal.wrote(len);
                if self.journal.snapshot_due() {
                    // A snapshot that fails to write costs only time at the next opening.
                    let _ = self.journal.write_snapshot();
                }
                Ok(())
            }
            Err(e) => {
                // Kept, to go first at the next save.
                self.unwritten = lines;
                Err(e)
            }
        }
    }

    /// The lines of the records not yet on disk (the change in progress recorded first), for
    /// the caller to append to [`Self::changes_path`] (the window does it on a thread of its
    /// own, then calls [`Self::wrote`]); empty when there are none. Until they are on disk,
    /// they are in memory only.
    pub fn take_unwritten(&mut self) -> Vec<u8> {
        if let Err(e) = self.commit_draft() {
            // A burst that cannot be recorded stays shown until the next try; nothing else
            // waits on it.
            let _ = e;
        }
        if self.unwritten.is_empty() {
            return Vec::new();
        }
        if let Some(about) = self.about.take() {
            // A machine that records changes says which Waymark made them. Only a message on
            // other machines depends on it, so a failure to write it costs nothing else.
            let _ =
                crate::sync::about::write_own(self.data.root(), &self.journal.device().id, &about);
        }
        std::mem::take(&mut self.unwritten)
    }

    /// Whether records wait to be written.
    pub fn has_unwritten(&self) -> bool {
        !self.unwritten.is_empty()
    }

    /// Notes that this machine's file is `len` bytes long after a write of the lines
    /// [`Self::take_unwritten`] gave.
    pub fn wrote(&mut self, len: u64) {
        self.journal.wrote(len);
    }

    /// Writes this machine's snapshot when one is due and nothing is waiting to be written
    /// (the window calls it when it opens and closes).
    pub fn write_snapshot_if_due(&mut self) -> Result<(), StorageError> {
        if self.unwritten.is_empty() && self.draft.is_none() && self.journal.snapshot_due() {
            self.journal.write_snapshot()?;
        }
        Ok(())
    }

    /// This machine.
    pub fn device(&self) -> &Device {
        self.journal.device()
    }

    /// This machine's file of changes.
    pub fn changes_path(&self) -> std::path::PathBuf {
        self.journal.changes_path()
    }

    /// Loads the curricula the records name now, and makes the state again under their names.
    fn reload_curricula(&mut self) {
        let (curricula, _) = sharing::curricula_for(&self.data, self.journal.replica());
        *self.curricula_mut() = curricula;
        self.rematerialize();
    }

    /// Makes the state again from everything merged, under the names the loaded curricula give.
    fn rematerialize(&mut self) {
        let names = crate::sync::Names::of(self.curricula());
        self.journal.set_names(names);
        let index = self.index();
        let mut state = self
            .journal
            .replica()
            .state(&|r: &MilestoneRef| index.place(r).is_some());
        sharing::name_unrecorded_copies(&mut state, &self.curricula);
        self.state = state;
        self.plan_learner.get_mut().forget();
        if let Some(draft) = &self.draft {
            draft.show(&mut self.state);
        }
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

    /// Where this machine keeps a copy of the calendar current, if anywhere.
    pub fn kept_calendar(&self) -> Option<&Path> {
        self.journal.kept_calendar()
    }

    /// Keeps a copy of the calendar current at `path` on this machine (written now, and again
    /// after every change), or at no path. The path is checked by [`crate::calendar::check_path`]
    /// and remembered outside the data directory: it is never in the synced records.
    pub fn keep_calendar(
        &mut self,
        path: Option<&Path>,
        now: DateTime<Utc>,
    ) -> Result<Option<PathBuf>, crate::calendar::CalendarError> {
        let path = path
            .map(|p| crate::calendar::check_path(p, self.data.root()))
            .transpose()?;
        if !self.journal.remembers() {
            return Err(crate::calendar::CalendarError::NoMemory);
        }
        if let Some(path) = &path {
            crate::calendar::write(self, path, now)?;
        }
        if !self.journal.keep_calendar(path.clone()) {
            return Err(crate::calendar::CalendarError::NoMemory);
        }
        Ok(path)
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
        let mut kept = self.plan_learner.borrow_mut();
        plan::plan_kept(self.index(), &mut kept, &curricula, &self.state, today)
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
        self.plan_learner.get_mut().forget();
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

    /// The milestone `r` names, in the loaded curricula.
    pub fn milestone(&self, r: &MilestoneRef) -> Option<&curriculum::Milestone> {
        self.place(r).and_then(|p| self.milestone_at(p))
    }

    /// A milestone's title, or its reference when no curriculum holds it.
    pub fn title_of(&self, r: &MilestoneRef) -> String {
        self.milestone(r)
            .map_or_else(|| r.to_string(), |m| m.title.clone())
    }

    /// The hours the plan counts for a milestone: the learner's own estimate, else the
    /// curriculum's; `None` when neither gives one.
    pub fn estimate_of(&self, r: &MilestoneRef) -> Option<f64> {
        self.state
            .milestone(r)
            .and_then(|p| p.own_estimate_hours)
            .or_else(|| self.milestone(r).and_then(|m| m.effort_hours))
    }

    /// A Markdown progress report for the mentor.
    pub fn report(&self, today: NaiveDate) -> String {
        crate::report::mentor_report(self, today, None)
    }

    /// The learner's portfolio: their finished projects in every loaded curriculum.
    pub fn portfolio(&self) -> crate::portfolio::Portfolio {
        let curricula: Vec<&Curriculum> = self.curricula().collect();
        crate::portfolio::Portfolio::build(&curricula, &self.state)
    }

    /// Every finished project, with whether the learner hides it or keeps its notes private.
    pub fn finished_projects(&self) -> Vec<crate::portfolio::FinishedProject> {
        let curricula: Vec<&Curriculum> = self.curricula().collect();
        crate::portfolio::finished_projects(&curricula, &self.state)
    }
}

/// This machine, as [`device::current`] finds it.
fn this_device() -> Result<Device, StorageError> {
    device::current().map_err(|e| StorageError::Device(e.to_string()))
}
