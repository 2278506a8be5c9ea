//! The app shell: it owns the frame loop, the open workspace and the screens' states. Screens
//! only draw: each gets a read-only view of the workspace and the plan, its own state, and the
//! command queue. The learner's intents ([`Command`]) become the domain's changes in one place
//! ([`run`]); saving and what arrives from other machines are [`saving`]'s.

mod checkin;
mod run;
mod saving;
mod time;

use chrono::{DateTime, NaiveDate, Utc};

use super::command::{Command, Screen};
use super::file_dialog::FileDialogs;
use super::notices::{self, Banner, Offer, Toasts};
use super::prefs::UiPrefs;
use super::settings::Saving;
use super::theme::{self, Severity, ThemeChoice};
use super::ui_command::{Scope, UiCommand};
use super::{curricula, dashboard, import, mentor, onboarding, settings, sharing, top_bar};
use crate::clock::Clock;
use crate::plan::{Plan, hours_words, local_day};
use crate::progress::MilestoneRef;
use crate::storage::StorageError;
use crate::workspace::{OpenReport, Workspace};

pub use saving::SAVE_DELAY;

/// Each screen's own state.
#[derive(Debug, Default)]
struct Pages {
    dashboard: dashboard::Page,
    curricula: curricula::Browser,
    mentor: mentor::Page,
    sharing: sharing::Page,
    settings: settings::Page,
    periods: super::periods::Page,
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
    prefs: UiPrefs,
    applied_theme: Option<ThemeChoice>,
    autosave: saving::Autosave,
    commands: Vec<Command>,
    dialogs: FileDialogs,
    banners: Vec<Banner>,
    toasts: Toasts,
    toast_strip: Option<egui::Rect>,
    /// After a milestone was marked done with no hours logged: it and its estimate, offered
    /// to be logged so that the pace and this week stay true.
    log_offer: Option<(MilestoneRef, f64)>,
    /// Wakes the window when another machine's files change.
    watcher: Option<super::watch::Watcher>,
    /// What a new revision of a bundled curriculum brought, until the learner has read it.
    whats_new: Option<crate::guide::WhatsNew>,
    /// The study timer's strip: the session it asks about.
    timer: super::timer::TimerUi,
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
        banners.extend(saving::problems_banner(&report.sync_news));
        if workspace.is_read_only() {
            banners.push(Banner {
                severity: Severity::Warning,
                text: "Read-only: changes cannot be made or saved in this window.".to_owned(),
                dismissable: false,
            });
        } else {
            // What opening carried forward (a data folder from before sync) is written now,
            // and a snapshot made when one is due: opening the window is no command to fail.
            if let Err(e) = workspace
                .save()
                .and_then(|()| workspace.write_snapshot_if_due())
            {
                banners.push(Banner {
                    severity: Severity::Error,
                    text: format!("Could not save your progress: {e}"),
                    dismissable: true,
                });
            }
        }
        let saver = super::saver::Saver::new(workspace.changes_path());
        let prefs = UiPrefs::load(workspace.data_dir().root(), &workspace.device().id);
        // A read-only window cannot keep what the conversation decides: it does not start one.
        let onboarding = (!workspace.state().onboarded && !workspace.is_read_only())
            .then(|| onboarding::Conversation::new(&workspace, local_day(clock()), &prefs.guide));
        let mut app = Self {
            saver,
            workspace,
            clock,
            screen: Screen::Dashboard,
            onboarding,
            pages: Pages::default(),
            plan: Plan::default(),
            prefs,
            applied_theme: None,
            autosave: saving::Autosave::default(),
            commands: Vec::new(),
            dialogs: FileDialogs::default(),
            banners,
            toasts: Toasts::default(),
            toast_strip: None,
            log_offer: None,
            watcher: None,
            whats_new: None,
            timer: super::timer::TimerUi::default(),
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

    /// Where the strip of toasts at the foot of the window was last drawn, if it was: the page
    /// lays out above it.
    pub fn toast_strip(&self) -> Option<egui::Rect> {
        self.toast_strip
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

    fn toast(&mut self, ctx: &egui::Context, severity: Severity, text: String, undo: bool) {
        let now = ctx.input(|i| i.time);
        let screen = self.onboarding.is_none().then_some(self.screen);
        self.toasts.push(now, screen, severity, text, undo);
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
                settings::settings_ui(
                    ui,
                    workspace,
                    settings::Shown {
                        choice: self.prefs.theme,
                        saving,
                        today: self.plan.today,
                    },
                    &mut pages.settings,
                    &mut pages.periods,
                    commands,
                );
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
        self.saves_finished();
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
            can_undo: self.workspace.next_undo().is_some(),
            can_redo: self.workspace.next_redo().is_some(),
            writable: !self.read_only(),
        };
        egui::Panel::top("top_bar")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(16, 8)),
            )
            .show(ui, |ui| {
                top_bar::top_bar_ui(ui, &bar, &mut commands);
                let now = (self.clock)();
                super::timer::timer_strip_ui(
                    ui,
                    &self.workspace,
                    now,
                    &mut self.timer,
                    &mut commands,
                );
            });
        let offer = self.log_offer_text();
        let offer = offer.as_ref().map(|(text, label, command)| Offer {
            text,
            accept: (label, command.clone()),
            decline: Command::DismissLogOffer,
        });
        let screen = self.onboarding.is_none().then_some(self.screen);
        self.toast_strip = notices::toasts_ui(ui, screen, &mut self.toasts, offer, &mut commands);
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
        for command in commands {
            self.run_cmd(&ctx, command);
        }
        self.autosave_ui(&ctx);
    }
}
