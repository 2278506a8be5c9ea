//! The app shell: the open workspace, the screens, and the one place where the learner's
//! intents ([`Command`]) are applied — with undo, autosave and the plan refresh.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use serde::{Deserialize, Serialize};

use super::history::{Edit, History, Profile};
use super::theme::{self, Severity, ThemeChoice};
use super::{curricula, dashboard, mentor, onboarding, settings, sharing};
use crate::clock::Clock;
use crate::curriculum::{Curriculum, Milestone};
use crate::plan::{Plan, local_day};
use crate::progress::{MilestoneRef, Status};
use crate::storage::StorageError;
use crate::workspace::{OpenReport, Workspace};

/// Wait this long after the last change before saving, so that typing does not write per key.
pub const SAVE_DELAY: Duration = Duration::from_secs(1);

/// The longest a burst of changes stays unsaved.
const MAX_UNSAVED_SECS: f64 = 10.0;

/// The screens reachable from the top bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Dashboard,
    Curricula,
    Mentor,
    Sharing,
    Settings,
}

impl Screen {
    pub const ALL: [Self; 5] = [
        Self::Dashboard,
        Self::Curricula,
        Self::Mentor,
        Self::Sharing,
        Self::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Dashboard => "Dashboard",
            Self::Curricula => "Curricula",
            Self::Mentor => "Mentor",
            Self::Sharing => "Import & export",
            Self::Settings => "Settings",
        }
    }
}

/// What the learner asked for while a frame was drawn; applied once, after the frame.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    SetStatus {
        milestone: MilestoneRef,
        status: Status,
    },
    LogHours {
        milestone: MilestoneRef,
        hours: f64,
    },
    SetNotes {
        milestone: MilestoneRef,
        notes: String,
    },
    AddEvidence {
        milestone: MilestoneRef,
        link: String,
    },
    RemoveEvidence {
        milestone: MilestoneRef,
        index: usize,
    },
    SetGoalTarget {
        goal: String,
        target: NaiveDate,
    },
    /// Moves a goal one place earlier (`up`) or later in the learner's order.
    MoveGoal {
        goal: String,
        up: bool,
    },
    DropGoal {
        goal: String,
    },
    /// Marks milestones the learner already knows as skipped, as one undoable change.
    SkipMilestones(Vec<MilestoneRef>),
    /// The learner's own estimate of a milestone's hours; `None` clears it.
    SetEstimate {
        milestone: MilestoneRef,
        hours: Option<f64>,
    },
    /// Closes the offer to log a milestone's estimate after it was marked done.
    DismissLogOffer,
    /// Answers a finished skill's review.
    Review {
        milestone: MilestoneRef,
        passed: bool,
    },
    /// Settles a milestone that changed since the learner finished it: kept finished, or
    /// (`reopen`) to do again.
    ResolveChanged {
        milestone: MilestoneRef,
        reopen: bool,
    },
    SetHoursPerWeek(f64),
    FinishOnboarding(onboarding::Outcome),
    CloseOnboarding,
    OpenOnboarding,
    Undo,
    Redo,
    Show(Screen),
    /// Shows the curricula with the search box focused.
    Search,
    Select(MilestoneRef),
    OpenUrl(String),
    SetTheme(ThemeChoice),
    DismissBanner(usize),
    Quit,
    /// Importing, exporting and removing curricula (see [`sharing`]).
    Share(sharing::Action),
    /// The mentor's page (see [`mentor`]).
    Mentor(mentor::Action),
}

/// Something the learner must be told, shown above every screen until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub severity: Severity,
    pub text: String,
    pub dismissable: bool,
}

/// UI preferences that `state.ron` has no field for yet; kept in the data directory's `ui.ron`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiPrefs {
    pub theme: ThemeChoice,
}

const PREFS_FILE: &str = "ui.ron";

impl UiPrefs {
    fn load(root: &Path) -> Self {
        std::fs::read_to_string(root.join(PREFS_FILE))
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    fn save(&self, root: &Path) -> Result<(), StorageError> {
        let text = ron::to_string(self).unwrap_or_default();
        crate::storage::write_atomic(&root.join(PREFS_FILE), text.as_bytes())
    }
}

pub struct App {
    /// Declared before `workspace`, so that it drops first: dropping it waits for the last
    /// save, which must land while the workspace still holds the data folder's lock.
    saver: super::saver::Saver,
    pub(crate) workspace: Workspace,
    clock: Clock,
    pub(crate) screen: Screen,
    /// The first-run conversation while it is open.
    pub(crate) onboarding: Option<onboarding::Conversation>,
    pub(crate) banners: Vec<Banner>,
    /// The plan as of the last change: computed once per change, never per frame.
    pub(crate) plan: Plan,
    /// After a milestone was marked done with no hours logged: it and its estimate, offered
    /// to be logged so that the pace and this week stay true.
    pub(crate) log_offer: Option<(MilestoneRef, f64)>,
    /// What the last merge brought from other machines, said until dismissed.
    pub(crate) arrivals: Option<String>,
    /// Wakes the window when another machine's files change.
    watcher: Option<super::watch::Watcher>,
    pub(crate) browser: curricula::Browser,
    history: History,
    /// Set while applying an edit that arrives in bursts (a dragged value).
    continuous_edit: bool,
    prefs: UiPrefs,
    applied_theme: Option<ThemeChoice>,
    /// Input time of the first unsaved change.
    unsaved_since: Option<f64>,
    /// Input time of the newest change.
    last_change: f64,
    /// A save failed: the state is to be saved again a moment from now.
    retry_save: bool,
    commands: Vec<Command>,
    pub(crate) sharing: sharing::Sharing,
    pub(crate) mentor_page: mentor::Page,
    dashboard: dashboard::Page,
}

impl App {
    /// Opens `data_dir`: for writing, or read-only (with a banner) when another Waymark holds it.
    pub fn open(data_dir: &Path, clock: Clock) -> Result<Self, StorageError> {
        match Workspace::open(data_dir) {
            Ok((workspace, report)) => Ok(Self::new(workspace, report, clock)),
            Err(StorageError::InUse { path }) => {
                let (workspace, report) = Workspace::open_read_only(data_dir)?;
                let mut app = Self::new(workspace, report, clock);
                app.banners.insert(
                    0,
                    Banner {
                        severity: Severity::Warning,
                        text: format!(
                            "Your data in {} is in use by another Waymark window. This window is read-only: close the other one to make changes here.",
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

    pub fn new(workspace: Workspace, report: OpenReport, clock: Clock) -> Self {
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
        if workspace.is_read_only() {
            banners.push(Banner {
                severity: Severity::Warning,
                text: "Read-only: changes cannot be made or saved in this window.".to_owned(),
                dismissable: false,
            });
        }
        let saver = super::saver::Saver::new(workspace.changes_path());
        let prefs = UiPrefs::load(workspace.data_dir().root());
        let onboarding = (!workspace.state.onboarded)
            .then(|| onboarding::Conversation::new(&workspace, local_day(clock())));
        let mut app = Self {
            workspace,
            clock,
            screen: Screen::Dashboard,
            onboarding,
            banners,
            plan: Plan::default(),
            log_offer: None,
            arrivals: None,
            watcher: None,
            browser: curricula::Browser::default(),
            history: History::default(),
            continuous_edit: false,
            prefs,
            applied_theme: None,
            unsaved_since: None,
            last_change: 0.0,
            retry_save: false,
            saver,
            commands: Vec::new(),
            sharing: sharing::Sharing::default(),
            mentor_page: mentor::Page::default(),
            dashboard: dashboard::Page::default(),
        };
        app.refresh();
        app
    }

    /// Uses `choice` for this window without saving it (the settings screen saves).
    #[must_use]
    pub fn with_theme(mut self, choice: ThemeChoice) -> Self {
        self.prefs.theme = choice;
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

    pub fn is_onboarding(&self) -> bool {
        self.onboarding.is_some()
    }

    /// True from a change until its save is on disk.
    pub fn has_unsaved_changes(&self) -> bool {
        self.unsaved_since.is_some() || self.saver.is_busy()
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
        self.browser.selected.as_ref()
    }

    pub fn banners(&self) -> &[Banner] {
        &self.banners
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    pub(crate) fn read_only(&self) -> bool {
        self.workspace.is_read_only()
    }

    /// The milestone a reference names, through the workspace's index.
    pub(crate) fn milestone(&self, r: &MilestoneRef) -> Option<(&Curriculum, &Milestone)> {
        let place = self.workspace.place(r)?;
        let curriculum = self.workspace.curricula().nth(place.curriculum)?;
        Some((curriculum, self.workspace.milestone_at(place)?))
    }

    /// Recomputes the plan (and with it the numbers drawn from the log); once per change.
    fn refresh(&mut self) {
        let today = local_day(self.now());
        self.plan = self.workspace.plan(today);
        self.browser.invalidate();
    }

    /// Queues a command for after this frame.
    pub(super) fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub(super) fn show(&mut self, screen: Screen) {
        self.onboarding = None;
        self.screen = screen;
    }

    /// Applies an edit through the undo history; `continuous` joins a burst of typing.
    pub(super) fn perform_edit(&mut self, ctx: &egui::Context, edit: Edit, continuous: bool) {
        self.continuous_edit = continuous;
        self.perform(ctx, edit);
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
        self.unsaved_since.get_or_insert(now);
        // Debounce: every change pushes the save back; one wake-up when it is due.
        self.last_change = now;
        ctx.request_repaint_after(SAVE_DELAY);
        if replan {
            self.refresh();
        }
    }

    /// Hands the state to the saving thread if anything is unsaved; the frame does not wait.
    fn save_in_background(&mut self, ctx: &egui::Context) {
        if self.unsaved_since.take().is_none() || self.read_only() {
            return;
        }
        // The records of what changed: a few lines, whatever the history holds. An empty
        // hand-over asks the worker to write again what failed before.
        let lines = self.workspace.prepare_save();
        let result = self.saver.save(lines, ctx);
        self.save_failed(result.err());
    }

    /// Saves anything unsaved and waits until every save is on disk: before the window closes,
    /// before anything else writes `state.ron`, and when a test reads the disk.
    pub fn finish_saves(&mut self, ctx: &egui::Context) {
        self.save_in_background(ctx);
        self.wait_for_saves();
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
            let text = format!("Could not save your progress: {e}");
            if !self.banners.iter().any(|b| b.text == text) {
                self.banners.push(Banner {
                    severity: Severity::Error,
                    text,
                    dismissable: true,
                });
            }
            self.retry_save = true;
        }
    }

    fn autosave_ui(&mut self, ctx: &egui::Context) {
        let Some(first) = self.unsaved_since else {
            return;
        };
        let now = ctx.input(|i| i.time);
        // Saved a moment after the last change, and at least every few seconds of non-stop typing.
        let due = (self.last_change + SAVE_DELAY.as_secs_f64()).min(first + MAX_UNSAVED_SECS);
        if now >= due {
            self.save_in_background(ctx);
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(modifiers, key)
        }
        let shift_command = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        ctx.input_mut(|i| {
            // Longest chord first: Ctrl+Shift+Z would otherwise match Ctrl+Z.
            if i.consume_shortcut(&key(shift_command, Key::Z))
                || i.consume_shortcut(&key(Modifiers::COMMAND, Key::Y))
            {
                self.commands.push(Command::Redo);
            }
            if i.consume_shortcut(&key(Modifiers::COMMAND, Key::Z)) {
                self.commands.push(Command::Undo);
            }
            if i.consume_shortcut(&key(Modifiers::COMMAND, Key::F)) {
                self.commands.push(Command::Search);
            }
            if i.consume_shortcut(&key(Modifiers::COMMAND, Key::Q)) {
                self.commands.push(Command::Quit);
            }
            if i.consume_shortcut(&key(Modifiers::COMMAND, Key::O)) {
                self.commands.push(Command::Share(sharing::Action::Browse));
            }
        });
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
                self.edit_profile(ctx, |p| {
                    let _ = p.drop_goal(&goal);
                });
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
                    self.perform(ctx, Edit::Batch(edits));
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
            Command::SetHoursPerWeek(hours) => {
                self.continuous_edit = true;
                self.edit_profile(ctx, |p| {
                    let _ = p.set_hours_per_week(hours);
                });
                self.continuous_edit = false;
            }
            Command::FinishOnboarding(outcome) => {
                self.onboarding = None;
                let before = Profile::of(&self.workspace.state);
                let mut edits = vec![Edit::Profile {
                    before: Box::new(before),
                    after: Box::new(outcome.profile),
                }];
                for milestone in outcome.known {
                    let from = self.workspace.state.status(&milestone);
                    if !from.is_finished() {
                        edits.push(Edit::Status {
                            milestone,
                            from,
                            to: Status::Done,
                            at: now,
                        });
                    }
                }
                self.perform(ctx, Edit::Batch(edits));
                self.screen = Screen::Dashboard;
            }
            Command::CloseOnboarding => {
                self.onboarding = None;
                if !self.workspace.state.onboarded {
                    self.edit_profile(ctx, |p| p.onboarded = true);
                }
            }
            Command::OpenOnboarding => {
                self.onboarding =
                    Some(onboarding::Conversation::new(&self.workspace, self.today()));
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
                self.screen = Screen::Curricula;
                self.browser.focus_search = true;
            }
            Command::Select(milestone) => {
                self.screen = Screen::Curricula;
                self.browser.select(milestone);
            }
            Command::OpenUrl(url) => {
                if is_web_url(&url) {
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                }
            }
            Command::SetTheme(choice) => {
                self.prefs.theme = choice;
                if !self.read_only()
                    && let Err(e) = self.prefs.save(self.workspace.data_dir().root())
                {
                    self.banners.push(Banner {
                        severity: Severity::Error,
                        text: format!("Could not save the theme: {e}"),
                        dismissable: true,
                    });
                }
            }
            Command::DismissBanner(i) => {
                if i < self.banners.len() && self.banners[i].dismissable {
                    self.banners.remove(i);
                }
            }
            Command::Quit => {
                self.finish_saves(ctx);
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::Share(action) => sharing::run(self, ctx, action),
            Command::Mentor(action) => mentor::run(self, ctx, action),
        }
    }

    /// Undoes (`back`) or redoes the newest edit. An import or removal also puts the
    /// curriculum's file back as it was.
    fn travel(&mut self, ctx: &egui::Context, back: bool) {
        if self.read_only() {
            return;
        }
        let next = if back {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        };
        let disk = next.and_then(|e| sharing::disk_side(e, back));
        let state = &mut self.workspace.state;
        let done = if back {
            self.history.undo(state)
        } else {
            self.history.redo(state)
        };
        if done.is_some() {
            // An offer to log a milestone's hours belongs to the change that made it done.
            self.log_offer = None;
            if let Some((id, copy)) = disk {
                sharing::restore(self, &id, copy);
            }
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

    fn edit_profile(&mut self, ctx: &egui::Context, change: impl FnOnce(&mut Profile)) {
        let before = Profile::of(&self.workspace.state);
        let mut after = before.clone();
        change(&mut after);
        if after != before {
            self.perform(
                ctx,
                Edit::Profile {
                    before: Box::new(before),
                    after: Box::new(after),
                },
            );
        }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new("Waymark")
                    .size(18.0)
                    .strong()
                    .color(theme::accent_of(ui)),
            );
            ui.add_space(12.0);
            for screen in Screen::ALL {
                let selected = self.onboarding.is_none() && self.screen == screen;
                if ui.selectable_label(selected, screen.label()).clicked() {
                    self.commands.push(Command::Show(screen));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let writable = !self.read_only();
                // Right to left: the first is the rightmost.
                let buttons = [
                    (
                        "Talk to your mentor",
                        true,
                        "Reopen the first-run conversation to change your focus and goals",
                        Command::OpenOnboarding,
                    ),
                    (
                        "Redo",
                        writable && self.history.can_redo(),
                        "Ctrl+Shift+Z or Ctrl+Y",
                        Command::Redo,
                    ),
                    (
                        "Undo",
                        writable && self.history.can_undo(),
                        "Ctrl+Z",
                        Command::Undo,
                    ),
                    ("Search", true, "Ctrl+F", Command::Search),
                ];
                for (label, enabled, hint, command) in buttons {
                    if ui
                        .add_enabled(enabled, egui::Button::new(label))
                        .on_hover_text(hint)
                        .clicked()
                    {
                        self.commands.push(command);
                    }
                }
            });
        });
    }

    /// Merges what other machines recorded, when the watcher saw their files change: this
    /// machine's changes are saved first, so the merge holds everything, and a note says what
    /// arrived ("12 changes from laptop"). Undo starts afresh: what it would take back may
    /// have changed under it.
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
        if self.unsaved_since.is_some() {
            self.save_in_background(ctx);
        }
        match self.workspace.merge_others() {
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
                self.arrivals = Some(text);
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

    /// What arrived from other machines, at the foot of the window until dismissed.
    fn arrivals_ui(&mut self, ctx: &egui::Context) {
        let Some(text) = self.arrivals.clone() else {
            return;
        };
        egui::Area::new(egui::Id::unique("arrivals"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(format!("Merged {text}."));
                        if ui.button("OK").clicked() {
                            self.arrivals = None;
                        }
                    });
                });
            });
    }

    /// After Done on a milestone with no hours logged: a note at the foot of the window that
    /// offers to log its estimate, so that the pace and this week stay true.
    fn log_offer_ui(&mut self, ctx: &egui::Context) {
        let Some((milestone, hours)) = self.log_offer.clone() else {
            return;
        };
        let title = self
            .milestone(&milestone)
            .map_or_else(|| milestone.to_string(), |(_, m)| m.title.clone());
        egui::Area::new(egui::Id::unique("log_offer"))
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -16.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(520.0);
                    ui.add(
                        egui::Label::new(format!(
                            "“{title}” is done, with no hours logged. Did it take about its \
                             estimate? Logging it keeps your pace and this week true."
                        ))
                        .wrap(),
                    );
                    ui.horizontal(|ui| {
                        let log = format!("Log {} h", crate::plan::hours_words(hours));
                        if theme::primary_button(ui, &log).clicked() {
                            self.commands.push(Command::LogHours {
                                milestone: milestone.clone(),
                                hours,
                            });
                        }
                        if ui.button("Not now").clicked() {
                            self.commands.push(Command::DismissLogOffer);
                        }
                    });
                });
            });
    }

    fn banners_ui(&mut self, ui: &mut egui::Ui) {
        for (i, banner) in self.banners.iter().enumerate() {
            theme::banner_frame(ui, banner.severity).show(ui, |ui| {
                ui.set_width(ui.available_width());
                // The text beside the button, not on a line below an empty row.
                ui.horizontal_top(|ui| {
                    let button = if banner.dismissable { 90.0 } else { 0.0 };
                    let text_width = (ui.available_width() - button).max(120.0);
                    ui.allocate_ui(egui::vec2(text_width, 0.0), |ui| {
                        ui.add(egui::Label::new(banner.text.as_str()).wrap());
                    });
                    if banner.dismissable
                        && ui
                            .with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                                ui.button("Dismiss").clicked()
                            })
                            .inner
                    {
                        self.commands.push(Command::DismissBanner(i));
                    }
                });
            });
            ui.add_space(6.0);
        }
    }
}

/// Only web links leave the app; a curriculum is shared content and may carry anything.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
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
        if std::mem::take(&mut self.retry_save) {
            // Due a moment from now, like any change: not a retry on every frame.
            self.changed(ctx, false);
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            self.finish_saves(ctx);
        }
        self.merge_arrivals(ctx);
        self.shortcuts(ctx);
        sharing::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("top_bar")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(16, 8)),
            )
            .show(ui, |ui| self.top_bar_ui(ui));
        egui::CentralPanel::default()
            .frame(
                egui::Frame::central_panel(ui.style())
                    .inner_margin(egui::Margin::same(theme::PAGE_MARGIN as i8)),
            )
            .show(ui, |ui| {
                self.banners_ui(ui);
                let mut commands = std::mem::take(&mut self.commands);
                if let Some(conversation) = &mut self.onboarding {
                    let now = (self.clock)();
                    conversation.ui(ui, &self.workspace, now, &mut commands);
                } else {
                    match self.screen {
                        Screen::Dashboard => dashboard::dashboard_ui(
                            ui,
                            &self.workspace,
                            &self.plan,
                            &mut self.dashboard,
                            &mut commands,
                        ),
                        Screen::Curricula => curricula::curricula_ui(ui, self, &mut commands),
                        Screen::Settings => settings::settings_ui(ui, self, &mut commands),
                        Screen::Mentor => mentor::mentor_ui(ui, self, &mut commands),
                        Screen::Sharing => sharing::sharing_ui(ui, self, &mut commands),
                    }
                }
                self.commands.append(&mut commands);
            });
        sharing::drop_overlay_ui(&ctx);
        self.log_offer_ui(&ctx);
        self.arrivals_ui(&ctx);
        for command in std::mem::take(&mut self.commands) {
            self.run_cmd(&ctx, command);
        }
        self.autosave_ui(&ctx);
    }
}

/// Where the window's data lives, for the settings screen.
pub fn data_paths(workspace: &Workspace) -> (PathBuf, PathBuf) {
    let dir = workspace.data_dir();
    (dir.root().to_path_buf(), workspace.changes_path())
}

#[cfg(test)]
mod tests {
    use super::is_web_url;

    #[test]
    fn only_web_links_are_opened() {
        assert!(is_web_url("https://docs.python.org/3/"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("ftp://example.org"));
        assert!(!is_web_url("httpx://example.org"));
    }
}
