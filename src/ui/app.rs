//! The app shell: it owns the frame loop, the open workspace and the screens' states, and is the
//! one place where the learner's intents ([`Command`]) are applied — with undo, autosave and the
//! plan refresh. Screens only draw: each gets a read-only view of the workspace and the plan,
//! its own state, and the command queue.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use super::command::{Command, GuideOutcome, Purpose, Screen};
use super::file_dialog::FileDialogs;
use super::history::{Edit, History, Profile};
use super::notices::{self, Banner, Offer, Toasts};
use super::prefs::UiPrefs;
use super::settings::Saving;
use super::theme::{self, Severity, ThemeChoice};
use super::ui_command::{Scope, UiCommand};
use super::{curricula, dashboard, import, mentor, onboarding, settings, sharing, top_bar};
use crate::clock::Clock;
use crate::plan::{Plan, hours_words, local_day};
use crate::progress::{Activity, Event, MilestoneRef, Status};
use crate::storage::StorageError;
use crate::workspace::{CurriculumChange, OpenReport, Workspace};

/// Wait this long after the last change before saving, so that typing does not write per key.
pub const SAVE_DELAY: Duration = Duration::from_secs(1);

/// The longest a burst of changes stays unsaved.
const MAX_UNSAVED_SECS: f64 = 10.0;

/// When the learner's changes are due on disk.
#[derive(Debug, Default)]
struct Autosave {
    /// Input time of the first unsaved change.
    unsaved_since: Option<f64>,
    /// Input time of the newest change.
    last_change: f64,
    /// A save failed: the state is to be saved again a moment from now.
    retry: bool,
    /// The window moved or was resized: `ui.ron` is to be written (input time of the change).
    prefs_changed: Option<f64>,
}

/// Each screen's own state.
#[derive(Debug, Default)]
struct Pages {
    dashboard: dashboard::Page,
    curricula: curricula::Browser,
    mentor: mentor::Page,
    sharing: sharing::Page,
}

pub struct App {
    /// Declared before `workspace`, so that it drops first: dropping it waits for the last
    /// save, which must land while the workspace still holds the data folder's lock.
    saver: super::saver::Saver,
    workspace: Workspace,
    clock: std::rc::Rc<dyn Fn() -> chrono::DateTime<chrono::Utc>>,
    screen: Screen,
    /// The guide's conversation while it is open.
    onboarding: Option<onboarding::Conversation>,
    pages: Pages,
    /// The plan as of the last change: computed once per change, never per frame.
    plan: Plan,
    history: History,
    /// Set while applying an edit that arrives in bursts (a dragged value).
    continuous_edit: bool,
    prefs: UiPrefs,
    applied_theme: Option<ThemeChoice>,
    autosave: Autosave,
    commands: Vec<Command>,
    dialogs: FileDialogs,
    banners: Vec<Banner>,
    toasts: Toasts,
    /// After a milestone was marked done with no hours logged: it and its estimate, offered
    /// to be logged so that the pace and this week stay true.
    log_offer: Option<(MilestoneRef, f64)>,
    /// Wakes the window when another machine's files change.
    watcher: Option<super::watch::Watcher>,
    /// What a new revision of a bundled curriculum brought, until the learner has read it.
    whats_new: Option<crate::guide::WhatsNew>,
}

impl App {
    /// Opens `data_dir`: for writing, or read-only (with a banner) when another Waymark holds it.
    pub fn open(data_dir: &std::path::Path, clock: Clock) -> Result<Self, StorageError> {
        let device =
            crate::sync::device::current().map_err(|e| StorageError::Device(e.to_string()))?;
        Self::open_as(data_dir, clock, device)
    }

    /// [`Self::open`] as the machine `device` (tests name theirs, so that what the window
    /// shows does not depend on the host).
    pub fn open_as(
        data_dir: &std::path::Path,
        clock: Clock,
        device: crate::sync::device::Device,
    ) -> Result<Self, StorageError> {
        match Workspace::open_as(data_dir, device.clone()) {
            Ok((workspace, report)) => Ok(Self::new(workspace, report, clock)),
            Err(StorageError::InUse { path }) => {
                let (workspace, report) = Workspace::open_read_only_as(data_dir, device)?;
                let mut app = Self::new(workspace, report, clock);
                // One banner says it all: why, and what to do.
                app.banners.retain(|b| b.dismissable);
                app.banners.insert(
                    0,
                    Banner {
                        severity: Severity::Warning,
                        text: format!(
                            "Read-only: your data in {} is in use by another Waymark window. You can look around here; close the other window to make changes.",
                            path.display()
                        ),
                        dismissable: false,
                    },
                );
                Ok(app)
            }
            Err(e) => Err(e),
        }
    }

    pub fn new(mut workspace: Workspace, report: OpenReport, clock: Clock) -> Self {
        let clock: std::rc::Rc<dyn Fn() -> chrono::DateTime<chrono::Utc>> = clock.into();
        workspace.set_clock(clock.clone());
        let mut banners = Vec::new();
        if let Some(set_aside) = &report.state_set_aside {
            banners.push(Banner {
                severity: Severity::Error,
                text: format!(
                    "Your saved progress could not be read ({}). It was kept, moved to {}, and Waymark started fresh.",
                    set_aside.reason,
                    set_aside.moved_to.display()
                ),
                dismissable: true,
            });
        }
        for invalid in &report.broken_curricula {
            banners.push(Banner {
                severity: Severity::Warning,
                text: format!("An imported curriculum did not load: {invalid}"),
                dismissable: true,
            });
        }
        if !report.skipped_records.is_empty() {
            banners.push(skipped_banner(&report.skipped_records));
        }
        if workspace.is_read_only() {
            banners.push(Banner {
                severity: Severity::Warning,
                text: "Read-only: changes cannot be made or saved in this window.".to_owned(),
                dismissable: false,
            });
        }
        let saver = super::saver::Saver::new(workspace.changes_path());
        let prefs = UiPrefs::load(workspace.data_dir().root(), &workspace.device().id);
        // A read-only window cannot keep what the conversation decides: it does not start one.
        let onboarding = (!workspace.state.onboarded && !workspace.is_read_only())
            .then(|| onboarding::Conversation::new(&workspace, local_day(clock()), &prefs.guide));
        let mut app = Self {
            saver,
            workspace,
            clock,
            screen: Screen::Dashboard,
            onboarding,
            pages: Pages::default(),
            plan: Plan::default(),
            history: History::default(),
            continuous_edit: false,
            prefs,
            applied_theme: None,
            autosave: Autosave::default(),
            commands: Vec::new(),
            dialogs: FileDialogs::default(),
            banners,
            toasts: Toasts::default(),
            log_offer: None,
            watcher: None,
            whats_new: None,
        };
        app.refresh();
        app.find_whats_new();
        app
    }

    /// Looks for a bundled curriculum in a revision this machine has not shown the news of:
    /// news for a learner whose data predates it, silently noted as seen otherwise.
    fn find_whats_new(&mut self) {
        if self.read_only() {
            return;
        }
        let today = self.today();
        let now = (self.clock)();
        let bundled: Vec<(String, u32)> = self
            .workspace
            .curricula_with_origin()
            .filter(|(_, o)| **o == crate::workspace::Origin::Bundled)
            .map(|(c, _)| (c.id.clone(), c.revision))
            .collect();
        let mut noted = false;
        for (id, revision) in bundled {
            if self
                .prefs
                .seen_revisions
                .get(&id)
                .is_some_and(|&r| r >= revision)
            {
                continue;
            }
            match crate::guide::whats_new(&self.workspace, &id, today, now) {
                Some(news) if self.whats_new.is_none() => self.whats_new = Some(news),
                Some(_) => {}
                None => {
                    self.prefs.seen_revisions.insert(id, revision);
                    noted = true;
                }
            }
        }
        if noted {
            self.save_prefs();
        }
    }

    /// What a new revision brought, while the learner has not read it.
    pub fn whats_new(&self) -> Option<&crate::guide::WhatsNew> {
        self.whats_new.as_ref()
    }

    /// Uses `choice` for this window without saving it (the settings screen saves).
    #[must_use]
    pub fn with_theme(mut self, choice: ThemeChoice) -> Self {
        self.prefs.theme = choice;
        self
    }

    /// Turns native file dialogs off (tests, and desktops where they misbehave): the dialog
    /// thread answers "nothing chosen" at once and the typed path remains.
    #[must_use]
    pub fn without_native_dialogs(mut self) -> Self {
        self.dialogs.no_native_dialogs = true;
        self
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn theme(&self) -> ThemeChoice {
        self.prefs.theme
    }

    /// The window's preferences as they are now (and as `ui.ron` gets them).
    pub fn prefs(&self) -> &UiPrefs {
        &self.prefs
    }

    pub fn is_onboarding(&self) -> bool {
        self.onboarding.is_some()
    }

    /// True from a change until its save is on disk.
    pub fn has_unsaved_changes(&self) -> bool {
        self.autosave.unsaved_since.is_some() || self.saver.is_busy()
    }

    /// The plan as of the last change (computed once per change, not per frame).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Today, as the plan was made for it.
    pub fn today(&self) -> NaiveDate {
        self.plan.today
    }

    /// The milestone shown in the detail pane.
    pub fn selected(&self) -> Option<&MilestoneRef> {
        self.pages.curricula.selected.as_ref()
    }

    pub fn banners(&self) -> &[Banner] {
        &self.banners
    }

    /// The messages at the foot of the window now.
    pub fn toasts(&self) -> &[notices::Toast] {
        self.toasts.shown()
    }

    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn read_only(&self) -> bool {
        self.workspace.is_read_only()
    }

    /// Recomputes the plan (and with it the numbers drawn from the log); once per change.
    fn refresh(&mut self) {
        let today = local_day(self.now());
        self.plan = self.workspace.plan(today);
        self.pages.curricula.invalidate();
    }

    fn perform(&mut self, ctx: &egui::Context, edit: Edit) {
        if self.read_only() {
            return;
        }
        // Typing notes and dragging the weekly hours arrive as many small edits; undo takes
        // back the whole burst. Clicks stay one undo each.
        let continuous =
            matches!(edit, Edit::Notes { .. } | Edit::Estimate { .. }) || self.continuous_edit;
        self.continuous_edit = false;
        // Notes and evidence change nothing the plan or the numbers depend on.
        let replan = !matches!(edit, Edit::Notes { .. } | Edit::Evidence { .. });
        let time = ctx.input(|i| i.time);
        self.history
            .perform(&mut self.workspace.state, edit, time, continuous);
        self.changed(ctx, replan);
    }

    fn changed(&mut self, ctx: &egui::Context, replan: bool) {
        let now = ctx.input(|i| i.time);
        self.autosave.unsaved_since.get_or_insert(now);
        // Debounce: every change pushes the save back; one wake-up when it is due.
        self.autosave.last_change = now;
        ctx.request_repaint_after(SAVE_DELAY);
        if replan {
            self.refresh();
        }
    }

    /// Hands the state to the saving thread if anything is unsaved; the frame does not wait.
    fn save_in_background(&mut self, ctx: &egui::Context) {
        if self.autosave.unsaved_since.take().is_none() || self.read_only() {
            return;
        }
        // The records of what changed: a few lines, whatever the history holds. An empty
        // hand-over asks the worker to write again what failed before.
        let lines = self.workspace.prepare_save();
        let result = self.saver.save(lines, ctx);
        self.save_failed(result.err());
    }

    /// Saves anything unsaved and waits until every save is on disk: before the window closes,
    /// before anything else writes this machine's records, and when a test reads the disk.
    pub fn finish_saves(&mut self, ctx: &egui::Context) {
        self.save_in_background(ctx);
        self.wait_for_saves();
        if self.autosave.prefs_changed.take().is_some() {
            self.save_prefs();
        }
    }

    /// Waits for the saves already handed over to the saving thread, so that a write made now
    /// lands after them (and a test can read what they wrote). Their errors become banners.
    pub fn wait_for_saves(&mut self) {
        for e in self.saver.wait() {
            self.save_failed(Some(e));
        }
    }

    /// Turns a failed save into a banner (once while it says the same) and has the state
    /// saved again a moment later: the change stays in memory until a save works.
    fn save_failed(&mut self, error: Option<StorageError>) {
        if let Some(e) = error {
            self.banner_once(
                Severity::Error,
                format!("Could not save your progress: {e}"),
            );
            self.autosave.retry = true;
        }
    }

    fn banner_once(&mut self, severity: Severity, text: String) {
        if !self.banners.iter().any(|b| b.text == text) {
            self.banners.push(Banner {
                severity,
                text,
                dismissable: true,
            });
        }
    }

    fn save_prefs(&mut self) {
        if self.read_only() {
            return;
        }
        if let Err(e) = self.prefs.save(
            self.workspace.data_dir().root(),
            &self.workspace.device().id,
        ) {
            self.banner_once(
                Severity::Error,
                format!("Could not save the window's settings: {e}"),
            );
        }
    }

    fn autosave_ui(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Some(changed) = self.autosave.prefs_changed {
            if now >= changed + SAVE_DELAY.as_secs_f64() {
                self.autosave.prefs_changed = None;
                self.save_prefs();
            } else {
                ctx.request_repaint_after(SAVE_DELAY);
            }
        }
        let Some(first) = self.autosave.unsaved_since else {
            return;
        };
        // Saved a moment after the last change, and at least every few seconds of non-stop typing.
        let due =
            (self.autosave.last_change + SAVE_DELAY.as_secs_f64()).min(first + MAX_UNSAVED_SECS);
        if now >= due {
            self.save_in_background(ctx);
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
        }
    }

    /// Merges what other machines recorded, when the watcher saw their files change: this
    /// machine's changes are saved first, so the merge holds everything, and a toast says what
    /// arrived ("Merged 12 changes from laptop"). Undo starts afresh: what it would take back
    /// may have changed under it.
    fn merge_arrivals(&mut self, ctx: &egui::Context) {
        if self.watcher.is_none() && !self.read_only() {
            let id = self
                .workspace
                .machines()
                .into_iter()
                .find(|m| m.this)
                .map(|m| m.id);
            if let Some(id) = id {
                let root = self.workspace.data_dir().root().to_path_buf();
                self.watcher = Some(super::watch::Watcher::start(&root, &id, ctx.clone()));
            }
        }
        if !self
            .watcher
            .as_ref()
            .is_some_and(super::watch::Watcher::take)
        {
            return;
        }
        if self.autosave.unsaved_since.is_some() {
            self.save_in_background(ctx);
        }
        let merged = self.workspace.merge_others();
        let skipped = self.workspace.take_skipped_records();
        if !skipped.is_empty() {
            self.banners.push(skipped_banner(&skipped));
        }
        match merged {
            Ok(arrived) if !arrived.is_empty() => {
                let text = arrived
                    .iter()
                    .map(|(name, n)| {
                        format!(
                            "{n} {} from {name}",
                            if *n == 1 { "change" } else { "changes" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                self.history = History::default();
                self.toast(ctx, Severity::Info, format!("Merged {text}."), false);
                self.refresh();
            }
            Ok(_) => {}
            Err(e) => self.banners.push(Banner {
                severity: Severity::Error,
                text: format!("Could not read another machine's changes: {e}"),
                dismissable: true,
            }),
        }
    }

    fn toast(&mut self, ctx: &egui::Context, severity: Severity, text: String, undo: bool) {
        let now = ctx.input(|i| i.time);
        self.toasts.push(now, severity, text, undo);
    }

    /// Applies one command. The only place the state changes.
    fn run_cmd(&mut self, ctx: &egui::Context, command: Command) {
        let now = self.now();
        match command {
            Command::SetStatus { milestone, status } => {
                let from = self.workspace.state.status(&milestone);
                if from != status && self.workspace.place(&milestone).is_some() {
                    let logged = self
                        .workspace
                        .state
                        .milestone(&milestone)
                        .map_or(0.0, |p| p.hours_logged);
                    // Done with nothing logged: the pace and this week learn nothing from it
                    // unless its hours are logged, so offer to log its estimate.
                    self.log_offer = (status == Status::Done && logged == 0.0)
                        .then(|| self.workspace.estimate_of(&milestone))
                        .flatten()
                        .filter(|h| *h > 0.0)
                        .map(|h| (milestone.clone(), h));
                    self.perform(
                        ctx,
                        Edit::Status {
                            milestone,
                            from,
                            to: status,
                            at: now,
                        },
                    );
                }
            }
            Command::LogHours { milestone, hours } => {
                if self
                    .log_offer
                    .as_ref()
                    .is_some_and(|(m, _)| *m == milestone)
                {
                    self.log_offer = None;
                }
                if crate::progress::profile::check_hours(hours).is_ok()
                    && self.workspace.place(&milestone).is_some()
                {
                    self.perform(
                        ctx,
                        Edit::Hours {
                            milestone,
                            hours,
                            at: now,
                        },
                    );
                }
            }
            Command::SetNotes { milestone, notes } => {
                let before = self
                    .workspace
                    .state
                    .milestone(&milestone)
                    .map(|p| p.notes.clone())
                    .unwrap_or_default();
                if before != notes {
                    self.perform(
                        ctx,
                        Edit::Notes {
                            milestone,
                            before,
                            after: notes,
                        },
                    );
                }
            }
            Command::AddEvidence { milestone, link } => {
                let before = self.evidence(&milestone);
                let link = link.trim().to_owned();
                if !link.is_empty() && !before.contains(&link) {
                    let mut after = before.clone();
                    after.push(link);
                    self.perform(
                        ctx,
                        Edit::Evidence {
                            milestone,
                            before,
                            after,
                        },
                    );
                }
            }
            Command::RemoveEvidence { milestone, index } => {
                let before = self.evidence(&milestone);
                if index < before.len() {
                    let mut after = before.clone();
                    after.remove(index);
                    self.perform(
                        ctx,
                        Edit::Evidence {
                            milestone,
                            before,
                            after,
                        },
                    );
                }
            }
            Command::SetGoalTarget { goal, target } => {
                let today = self.today();
                self.edit_profile(ctx, |p| {
                    // A target in the past is refused, as on the command line.
                    let _ = p.set_target(&goal, target, today);
                });
            }
            Command::MoveGoal { goal, up } => {
                self.edit_profile(ctx, |p| {
                    if let Some(at) = p.goals.iter().position(|g| g.id == goal) {
                        let to = if up { at.checked_sub(1) } else { Some(at + 1) };
                        if let Some(to) = to {
                            let _ = p.move_goal(&goal, to);
                        }
                    }
                });
            }
            Command::DropGoal { goal } => {
                let title = self
                    .workspace
                    .state
                    .goal(&goal)
                    .map_or_else(|| goal.clone(), |g| g.title.clone());
                if self.edit_profile(ctx, |p| {
                    let _ = p.drop_goal(&goal);
                }) {
                    self.toast(
                        ctx,
                        Severity::Info,
                        format!("Dropped the goal “{title}”."),
                        true,
                    );
                }
            }
            Command::SkipMilestones(milestones) => {
                let edits: Vec<Edit> = milestones
                    .into_iter()
                    .filter(|m| self.workspace.place(m).is_some())
                    .filter_map(|milestone| {
                        let from = self.workspace.state.status(&milestone);
                        (!from.is_finished()).then_some(Edit::Status {
                            milestone,
                            from,
                            to: Status::Skipped,
                            at: now,
                        })
                    })
                    .collect();
                if !edits.is_empty() {
                    let n = edits.len();
                    self.perform(ctx, Edit::Batch(edits));
                    let what = import::counted(n, "milestone", "milestones");
                    self.toast(ctx, Severity::Info, format!("Skipped {what}."), true);
                }
            }
            Command::SetEstimate { milestone, hours } => {
                let valid = hours.is_none_or(|h| crate::progress::profile::check_hours(h).is_ok());
                let before = self
                    .workspace
                    .state
                    .milestone(&milestone)
                    .and_then(|p| p.own_estimate_hours);
                if valid && before != hours && self.workspace.place(&milestone).is_some() {
                    self.perform(
                        ctx,
                        Edit::Estimate {
                            milestone,
                            before,
                            after: hours,
                        },
                    );
                }
            }
            Command::DismissLogOffer => self.log_offer = None,
            Command::Review { milestone, passed } => {
                if self.workspace.state.status(&milestone) == Status::Done {
                    self.perform(
                        ctx,
                        Edit::Review {
                            milestone,
                            passed,
                            note: String::new(),
                            at: now,
                        },
                    );
                }
            }
            Command::ResolveChanged { milestone, reopen } => {
                let before = self
                    .workspace
                    .state
                    .milestone(&milestone)
                    .and_then(|p| p.changed.clone());
                if let Some(before) = before {
                    let mut edits = vec![Edit::ClearChanged {
                        milestone: milestone.clone(),
                        before: Box::new(before),
                    }];
                    let from = self.workspace.state.status(&milestone);
                    if reopen && from != Status::Todo {
                        edits.push(Edit::Status {
                            milestone,
                            from,
                            to: Status::Todo,
                            at: now,
                        });
                    }
                    self.perform(ctx, Edit::Batch(edits));
                }
            }
            Command::ResolveNotes { milestone, keep } => {
                if let Some(p) = self.workspace.state.milestone(&milestone)
                    && !p.other_notes.is_empty()
                {
                    let (before, others) = (p.notes.clone(), p.other_notes.clone());
                    let after = if keep {
                        crate::progress::join_notes(&before, &others)
                    } else {
                        before.clone()
                    };
                    self.perform(
                        ctx,
                        Edit::ResolveNotes {
                            milestone,
                            before,
                            after,
                            others,
                        },
                    );
                }
            }
            Command::SetHoursPerWeek(hours) => {
                self.continuous_edit = true;
                self.edit_profile(ctx, |p| {
                    let _ = p.set_hours_per_week(hours);
                });
                self.continuous_edit = false;
            }
            Command::FinishOnboarding(outcome) => self.finish_onboarding(ctx, *outcome, now),
            Command::UseNewPath(profile) => {
                let before = Profile::of(&self.workspace.state);
                self.perform(
                    ctx,
                    Edit::Profile {
                        before: Box::new(before),
                        after: profile,
                    },
                );
                self.toast(
                    ctx,
                    Severity::Info,
                    "Your goals now follow the new path's order, each with a target you can reach."
                        .to_owned(),
                    true,
                );
                self.dismiss_whats_new();
            }
            Command::DismissWhatsNew => self.dismiss_whats_new(),
            Command::CloseOnboarding => {
                self.onboarding = None;
                if !self.workspace.state.onboarded {
                    self.edit_profile(ctx, |p| p.onboarded = true);
                }
            }
            Command::OpenOnboarding => {
                if !self.read_only() {
                    self.onboarding = Some(onboarding::Conversation::new(
                        &self.workspace,
                        self.today(),
                        &self.prefs.guide,
                    ));
                }
            }
            Command::SetMentor { name, contact } => {
                let mut after = self.workspace.state.mentor.clone();
                after.name = name;
                after.contact = contact;
                // Typing a name arrives a letter at a time; undo takes back the whole word.
                self.edit_mentor(ctx, after, None, true);
            }
            Command::AddCheckIn(check_in) => {
                let log = Activity {
                    at: now,
                    event: Event::CheckIn {
                        date: check_in.date,
                    },
                };
                let mut after = self.workspace.state.mentor.clone();
                mentor::insert_by_date(&mut after, check_in);
                self.edit_mentor(ctx, after, Some(log), false);
            }
            Command::ReplaceCheckIn(index, check_in) => {
                let mut after = self.workspace.state.mentor.clone();
                if index < after.check_ins.len() {
                    after.check_ins.remove(index);
                    mentor::insert_by_date(&mut after, check_in);
                }
                self.edit_mentor(ctx, after, None, false);
            }
            Command::DeleteCheckIn(index) => {
                let mut after = self.workspace.state.mentor.clone();
                if index < after.check_ins.len() {
                    let removed = after.check_ins.remove(index);
                    self.edit_mentor(ctx, after, None, false);
                    self.toast(
                        ctx,
                        Severity::Info,
                        format!("Deleted the check-in of {}.", removed.date),
                        true,
                    );
                }
            }
            Command::SaveReport(path) => {
                let today = self.today();
                self.pages.mentor.save_report(&self.workspace, today, &path);
            }
            Command::Undo => self.travel(ctx, true),
            Command::Redo => self.travel(ctx, false),
            Command::Show(screen) => {
                // Leaving the conversation unfinished keeps `onboarded` as it was, so it
                // greets the learner again next time if they never finished it.
                self.onboarding = None;
                self.screen = screen;
            }
            Command::Search => {
                self.onboarding = None;
                self.screen = Screen::Curricula;
                self.pages.curricula.focus_search = true;
            }
            Command::Select(milestone) => {
                self.onboarding = None;
                self.screen = Screen::Curricula;
                self.pages.curricula.select(milestone);
            }
            Command::OpenUrl(url) => {
                // Only web links leave the app, by the contract's own rule: a curriculum is
                // shared content and may carry anything.
                if crate::curriculum::is_openable_url(&url) {
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                }
            }
            Command::SetTheme(choice) => {
                self.prefs.theme = choice;
                self.save_prefs();
            }
            Command::DismissBanner(i) => {
                if i < self.banners.len() && self.banners[i].dismissable {
                    self.banners.remove(i);
                }
            }
            Command::DismissToast(id) => self.toasts.dismiss(id),
            Command::Quit => {
                self.finish_saves(ctx);
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::BrowseImport => {
                if !self.read_only() {
                    self.onboarding = None;
                    self.screen = Screen::Sharing;
                    self.open_dialog(ctx, Purpose::Import);
                }
            }
            Command::BrowseSave(purpose) => self.open_dialog(ctx, purpose),
            Command::DialogClosed(purpose, path) => self.dialog_closed(ctx, purpose, path),
            Command::PreviewImport(source) => {
                self.onboarding = None;
                self.screen = Screen::Sharing;
                self.pages.sharing.import.open(&self.workspace, source);
            }
            Command::ApplyImport {
                pending,
                keep_checked,
                allow_older,
            } => {
                let title = pending.curriculum.title.clone();
                let revision = pending.curriculum.revision;
                // The import writes state.ron itself; it must land after any save in flight.
                self.wait_for_saves();
                let result =
                    self.workspace
                        .import_reversibly(*pending, keep_checked, allow_older, now);
                let outcome = self.record(ctx, result);
                self.pages.sharing.import.applied(outcome.map(|()| {
                    format!("Imported “{title}” revision {revision}. Ctrl+Z takes it back.")
                }));
            }
            Command::Export {
                curriculum,
                format,
                path,
            } => self
                .pages
                .sharing
                .export
                .export(&self.workspace, &curriculum, format, &path),
            Command::RemoveCurriculum(id) => {
                let title = self
                    .workspace
                    .curriculum(&id)
                    .map_or_else(|| id.clone(), |c| c.title.clone());
                self.wait_for_saves();
                let result = self.workspace.remove_reversibly(&id, now);
                let outcome = self.record(ctx, result);
                let manage = &mut self.pages.sharing.manage;
                manage.confirm_remove = None;
                manage.note = Some(match outcome {
                    Ok(()) => (
                        Severity::Info,
                        format!(
                            "Removed “{title}”; its progress is kept aside. Ctrl+Z brings it back."
                        ),
                    ),
                    Err(e) => (Severity::Error, format!("Not removed: {e}")),
                });
            }
        }
    }

    /// Puts an import or removal into the undo history.
    fn record(
        &mut self,
        ctx: &egui::Context,
        result: Result<CurriculumChange, crate::workspace::WorkspaceError>,
    ) -> Result<(), String> {
        let change = result.map_err(|e| e.to_string())?;
        self.perform(ctx, Edit::Curriculum(Box::new(change)));
        Ok(())
    }

    fn open_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        if let Err(e) = self.dialogs.open(ctx, purpose) {
            self.toast(ctx, Severity::Warning, e, false);
        }
    }

    fn dialog_closed(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        path: Option<std::path::PathBuf>,
    ) {
        let Some(path) = path else {
            self.toast(
                ctx,
                Severity::Info,
                "No file was chosen. If no dialog appeared, type the file's path instead."
                    .to_owned(),
                false,
            );
            return;
        };
        let next = match purpose {
            Purpose::Import => Command::PreviewImport(super::command::ImportSource::Path(path)),
            Purpose::Export { curriculum, format } => Command::Export {
                curriculum,
                format,
                path,
            },
            Purpose::Report => Command::SaveReport(path),
        };
        self.run_cmd(ctx, next);
    }

    fn finish_onboarding(
        &mut self,
        ctx: &egui::Context,
        outcome: GuideOutcome,
        now: DateTime<Utc>,
    ) {
        self.onboarding = None;
        let before = Profile::of(&self.workspace.state);
        let mut edits = vec![Edit::Profile {
            before: Box::new(before),
            after: Box::new(outcome.profile),
        }];
        // What the learner knew before starting is marked known, not logged as progress.
        for milestone in outcome.known {
            let from = self.workspace.state.status(&milestone);
            if !from.is_finished() {
                edits.push(Edit::Known {
                    milestone,
                    from,
                    at: now,
                });
            }
        }
        self.perform(ctx, Edit::Batch(edits));
        self.screen = Screen::Dashboard;
        if self.prefs.guide != outcome.answers {
            self.prefs.guide = outcome.answers;
            self.save_prefs();
        }
    }

    /// Undoes (`back`) or redoes the newest edit. An import or removal also puts the
    /// curriculum's file back as it was, through the workspace.
    fn travel(&mut self, ctx: &egui::Context, back: bool) {
        if self.read_only() {
            return;
        }
        let next = if back {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        };
        let disk = match next {
            Some(Edit::Curriculum(change)) => Some(change.clone()),
            _ => None,
        };
        if disk.is_some() {
            // The workspace writes the records that put the curriculum back: everything
            // changed before lands first.
            self.save_in_background(ctx);
            self.wait_for_saves();
        }
        let state = &mut self.workspace.state;
        let done = if back {
            self.history.undo(state)
        } else {
            self.history.redo(state)
        };
        if let Some(what) = done {
            // An offer to log a milestone's hours belongs to the change that made it done.
            self.log_offer = None;
            self.toasts.forget_undo();
            if let Some(change) = disk {
                self.wait_for_saves();
                if let Err(e) = self.workspace.reverse(&change, back) {
                    self.banner_once(
                        Severity::Error,
                        format!("Could not put “{}” back on disk: {e}", change.id),
                    );
                }
            }
            let verb = if back { "Undid" } else { "Redid" };
            self.toast(ctx, Severity::Info, format!("{verb} the {what}."), false);
            self.changed(ctx, true);
        }
    }

    fn evidence(&self, milestone: &MilestoneRef) -> Vec<String> {
        self.workspace
            .state
            .milestone(milestone)
            .map(|p| p.evidence.clone())
            .unwrap_or_default()
    }

    /// Changes the learner's profile through the undo history; true when it changed.
    fn edit_profile(&mut self, ctx: &egui::Context, change: impl FnOnce(&mut Profile)) -> bool {
        let before = Profile::of(&self.workspace.state);
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return false;
        }
        self.perform(
            ctx,
            Edit::Profile {
                before: Box::new(before),
                after: Box::new(after),
            },
        );
        true
    }

    fn edit_mentor(
        &mut self,
        ctx: &egui::Context,
        after: crate::progress::Mentor,
        log: Option<Activity>,
        continuous: bool,
    ) {
        let before = self.workspace.state.mentor.clone();
        if after != before {
            self.continuous_edit = continuous;
            self.perform(
                ctx,
                Edit::Mentor {
                    before: Box::new(before),
                    after: Box::new(after),
                    log,
                },
            );
        }
    }

    /// The offer to log a finished milestone's estimate, as the foot of the window shows it.
    fn log_offer_text(&self) -> Option<(String, String, Command)> {
        let (milestone, hours) = self.log_offer.clone()?;
        let title = self
            .workspace
            .place(&milestone)
            .and_then(|p| self.workspace.milestone_at(p))
            .map_or_else(|| milestone.to_string(), |m| m.title.clone());
        Some((
            format!(
                "“{title}” is done, with no hours logged. Did it take about its estimate? \
                 Logging it keeps your pace and this week true."
            ),
            format!("Log {} h", hours_words(hours)),
            Command::LogHours { milestone, hours },
        ))
    }

    fn dismiss_whats_new(&mut self) {
        if let Some(news) = self.whats_new.take() {
            self.prefs
                .seen_revisions
                .insert(news.curriculum, news.revision);
            self.save_prefs();
        }
        self.find_whats_new();
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let workspace = &self.workspace;
        let dialog_open = self.dialogs.is_open();
        if let Some(conversation) = &mut self.onboarding {
            conversation.ui(ui, workspace, (self.clock)(), commands);
            return;
        }
        let pages = &mut self.pages;
        match self.screen {
            Screen::Dashboard => {
                dashboard::dashboard_ui(
                    ui,
                    workspace,
                    &self.plan,
                    self.whats_new.as_ref(),
                    &mut pages.dashboard,
                    commands,
                );
            }
            Screen::Curricula => {
                curricula::curricula_ui(
                    ui,
                    workspace,
                    self.plan.today,
                    &mut pages.curricula,
                    commands,
                );
            }
            Screen::Mentor => mentor::mentor_ui(
                ui,
                workspace,
                self.plan.today,
                &mut pages.mentor,
                dialog_open,
                commands,
            ),
            Screen::Sharing => {
                sharing::sharing_ui(ui, workspace, &mut pages.sharing, dialog_open, commands);
            }
            Screen::Settings => {
                let saving = if workspace.is_read_only() {
                    Saving::ReadOnly
                } else if self.autosave.unsaved_since.is_some() || self.saver.is_busy() {
                    Saving::Pending
                } else {
                    Saving::Saved
                };
                settings::settings_ui(ui, workspace, self.prefs.theme, saving, commands);
            }
        }
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if self.applied_theme != Some(self.prefs.theme) {
            theme::apply(ctx, self.prefs.theme);
            self.applied_theme = Some(self.prefs.theme);
        }
        // A new day moves "today", the streak and every projection.
        if local_day(self.now()) != self.today() {
            self.refresh();
        }
        for e in self.saver.finished() {
            self.save_failed(Some(e));
        }
        if std::mem::take(&mut self.autosave.retry) {
            // Due a moment from now, like any change: not a retry on every frame.
            self.changed(ctx, false);
        }
        // The window's size and place, kept for the next start.
        let moved = ctx.input(|i| self.prefs.follow_window(i.viewport()));
        if moved && !self.read_only() {
            self.autosave.prefs_changed = Some(ctx.input(|i| i.time));
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            self.finish_saves(ctx);
        }
        self.merge_arrivals(ctx);
        let pressed = ctx.input_mut(|i| UiCommand::consume(i, Scope::Window));
        self.commands
            .extend(pressed.into_iter().filter_map(UiCommand::command));
        if let Some((purpose, path)) = self.dialogs.poll() {
            self.commands.push(Command::DialogClosed(purpose, path));
        }
        if !self.read_only()
            && let Some(dropped) = import::dropped_file(ctx)
        {
            self.commands.push(dropped);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // A screen reader hears the window's name, not an empty frame.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label("Waymark"));
        let mut commands = std::mem::take(&mut self.commands);
        let bar = top_bar::Bar {
            screen: self.onboarding.is_none().then_some(self.screen),
            can_undo: self.history.can_undo(),
            can_redo: self.history.can_redo(),
            writable: !self.read_only(),
        };
        egui::Panel::top("top_bar")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(16, 8)),
            )
            .show(ui, |ui| top_bar::top_bar_ui(ui, &bar, &mut commands));
        egui::CentralPanel::default()
            .frame(
                egui::Frame::central_panel(ui.style())
                    .inner_margin(egui::Margin::same(theme::PAGE_MARGIN as i8)),
            )
            .show(ui, |ui| {
                notices::banners_ui(ui, &self.banners, &mut commands);
                self.screen_ui(ui, &mut commands);
            });
        if !self.read_only() {
            import::drop_overlay_ui(&ctx);
        }
        let offer = self.log_offer_text();
        let offer = offer.as_ref().map(|(text, label, command)| Offer {
            text,
            accept: (label, command.clone()),
            decline: Command::DismissLogOffer,
        });
        notices::toasts_ui(&ctx, &mut self.toasts, offer, &mut commands);
        for command in commands {
            self.run_cmd(&ctx, command);
        }
        self.autosave_ui(&ctx);
    }
}

/// Lines of other machines' files (or this one's) that were not whole records: a power cut, a
/// sync tool's damage. Each costs only itself; the learner is told where they are.
fn skipped_banner(lines: &[String]) -> Banner {
    let shown: Vec<&str> = lines.iter().take(3).map(String::as_str).collect();
    let more = match lines.len() {
        0..=3 => String::new(),
        n => format!(" (and {} more)", n - 3),
    };
    Banner {
        severity: Severity::Warning,
        text: format!(
            "Some recorded changes could not be read and were skipped; everything else is here: {}{more}",
            shown.join("; ")
        ),
        dismissable: true,
    }
}
