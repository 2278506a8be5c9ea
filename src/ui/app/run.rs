//! The one place where what the learner asked for while a frame was drawn is applied: each
//! [`Command`] that changes their data becomes the domain's [`Change`] (or its undo), and what
//! the domain refuses is said in a banner; the rest moves between screens and dialogs.

use chrono::{DateTime, Utc};

use super::App;
use crate::progress::Profile;
use crate::ui::command::{Command, GuideOutcome, Purpose, Screen};
use crate::ui::notices::Banner;
use crate::ui::onboarding;
use crate::ui::theme::Severity;
use crate::workspace::{Applied, Change, WorkspaceError};

impl App {
    /// Asks the domain for `change`; what it refuses becomes a banner that says what failed.
    pub(super) fn change(&mut self, ctx: &egui::Context, change: Change) -> Option<Applied> {
        if self.read_only() {
            return None;
        }
        let replan = change.changes_the_plan();
        let now = self.now();
        match self.workspace.apply(change, now) {
            Ok(applied) => {
                if applied.changed {
                    self.changed(ctx, replan);
                }
                Some(applied)
            }
            Err(e) => {
                self.refused(&e);
                None
            }
        }
    }

    /// Makes `change` and says what it did, with Undo: for a click that changes the plan
    /// somewhere other than where the learner clicked.
    pub(super) fn change_said(&mut self, ctx: &egui::Context, change: Change) {
        if let Some(applied) = self.change(ctx, change)
            && applied.changed
        {
            self.toast(ctx, Severity::Info, sentence(&applied.what), true);
        }
    }

    /// What a Locked milestone still needs, in a sentence.
    fn still_needs(&self, milestone: &crate::progress::MilestoneRef) -> String {
        let state = self.workspace.state();
        let needs: Vec<String> = self
            .workspace
            .milestone(milestone)
            .map(|m| {
                crate::plan::still_needed(&milestone.curriculum, m, state)
                    .map(|id| {
                        let r = crate::progress::MilestoneRef::new(&milestone.curriculum, id);
                        format!("“{}”", self.workspace.title_of(&r))
                    })
                    .collect()
            })
            .unwrap_or_default();
        format!(
            "“{}” is locked: it still needs {} first. Its status button starts it anyway.",
            self.workspace.title_of(milestone),
            needs.join(", ")
        )
    }

    /// Says what the domain refused, once while it says the same.
    fn refused(&mut self, e: &WorkspaceError) {
        let severity = match e {
            WorkspaceError::Storage(_) | WorkspaceError::Record(_) => Severity::Error,
            _ => Severity::Warning,
        };
        self.banner_once(severity, format!("Not changed: {e}."));
    }

    /// Applies one command.
    pub(super) fn run_cmd(&mut self, ctx: &egui::Context, command: Command) {
        let now = self.now();
        match command {
            Command::SetStatus { milestone, status } => {
                if let Some(applied) = self.change(ctx, Change::SetStatus { milestone, status })
                    && applied.changed
                {
                    // An offer to log belongs to the change that made it done.
                    self.log_offer = applied.log_offer;
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
                self.change(ctx, Change::LogHours { milestone, hours });
            }
            Command::SetNotes { milestone, notes } => {
                self.change(ctx, Change::SetNotes { milestone, notes });
            }
            Command::AddEvidence { milestone, link } => {
                self.change(ctx, Change::AddEvidence { milestone, link });
            }
            Command::RemoveEvidence { milestone, index } => {
                let link = self
                    .workspace
                    .state()
                    .milestone(&milestone)
                    .and_then(|p| p.evidence.get(index).cloned());
                if let Some(link) = link {
                    self.change(ctx, Change::RemoveEvidence { milestone, link });
                }
            }
            Command::SetGoalTarget { goal, target } => {
                self.change_said(ctx, Change::SetGoalTarget { goal, target });
            }
            Command::MoveGoal { goal, up } => {
                let at = self
                    .workspace
                    .state()
                    .goals
                    .iter()
                    .position(|g| g.id == goal);
                let to = at.and_then(|at| if up { at.checked_sub(1) } else { Some(at + 1) });
                if let Some(to) = to {
                    self.change_said(ctx, Change::MoveGoal { goal, to });
                }
            }
            Command::DropGoal { goal } => self.change_said(ctx, Change::DropGoal(goal)),
            Command::NewGoal {
                title,
                milestones,
                target,
                first,
            } => {
                let change = Change::NewGoal {
                    title,
                    milestones,
                    target,
                    first,
                };
                if let Some(applied) = self.change(ctx, change) {
                    self.pages.dashboard.goal_made();
                    self.toast(ctx, Severity::Info, sentence(&applied.what), true);
                }
            }
            Command::SetFocus { focus, on } => self.change_said(
                ctx,
                if on {
                    Change::AddFocus(focus)
                } else {
                    Change::RemoveFocus(focus)
                },
            ),
            Command::SkipMilestones(milestones) => {
                self.change_said(ctx, Change::Skip(milestones));
            }
            Command::SetEstimate { milestone, hours } => {
                self.change(ctx, Change::SetEstimate { milestone, hours });
            }
            Command::DismissLogOffer => self.log_offer = None,
            Command::Review { milestone, passed } => {
                self.change(
                    ctx,
                    Change::Review {
                        milestone,
                        passed,
                        note: String::new(),
                    },
                );
            }
            Command::ResolveChanged { milestone, reopen } => {
                self.change(ctx, Change::ResolveChanged { milestone, reopen });
            }
            Command::ResolveNotes { milestone, keep } => {
                self.change(ctx, Change::ResolveNotes { milestone, keep });
            }
            Command::SetHoursPerWeek(hours) => {
                self.change(ctx, Change::SetHoursPerWeek(hours));
            }
            Command::StillNeeds(milestone) => {
                let text = self.still_needs(&milestone);
                self.toast(ctx, Severity::Warning, text, false);
            }
            Command::PlanHoursPerWeek(hours) => {
                self.change_said(ctx, Change::SetHoursPerWeek(hours));
                // One change of its own, not the start of a burst that the field's next drag
                // would extend: recorded and handed over now.
                self.save_in_background(ctx);
            }
            Command::FinishOnboarding(outcome) => self.finish_onboarding(ctx, *outcome),
            Command::UseNewPath(profile) => {
                let change = Change::SetProfile {
                    profile: *profile,
                    known: Vec::new(),
                    what: "your goals in the new path's order".into(),
                };
                if self.change(ctx, change).is_some() {
                    self.toast(
                        ctx,
                        Severity::Info,
                        "Your goals now follow the new path's order, each with a target you can reach."
                            .to_owned(),
                        true,
                    );
                }
                self.dismiss_whats_new();
            }
            Command::DismissWhatsNew => self.dismiss_whats_new(),
            Command::CloseOnboarding => {
                self.onboarding = None;
                if !self.workspace.state().onboarded {
                    let mut profile = Profile::of(self.workspace.state());
                    profile.onboarded = true;
                    self.change(
                        ctx,
                        Change::SetProfile {
                            profile,
                            known: Vec::new(),
                            what: "closed the guide".into(),
                        },
                    );
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
                self.change(ctx, Change::SetMentor { name, contact });
            }
            Command::AddCheckIn(check_in) => {
                self.change(ctx, Change::AddCheckIn(check_in));
            }
            Command::ReplaceCheckIn(index, check_in) => {
                self.change(ctx, Change::ReplaceCheckIn { index, check_in });
            }
            Command::DeleteCheckIn(index) => {
                if let Some(applied) = self.change(ctx, Change::DeleteCheckIn(index)) {
                    self.toast(ctx, Severity::Info, sentence(&applied.what), true);
                }
            }
            Command::SetLearnerName(name) => {
                self.change(ctx, Change::SetLearnerName(name));
            }
            Command::SetLearnerLinks(links) => {
                let name = self.workspace.state().learner.name.clone();
                self.change(ctx, Change::SetLearner { name, links });
            }
            Command::SetPortfolioHidden { milestone, hidden } => {
                self.change_said(ctx, Change::SetPortfolioHidden { milestone, hidden });
            }
            Command::SetNotesPrivate { milestone, private } => {
                self.change_said(ctx, Change::SetNotesPrivate { milestone, private });
            }
            Command::WritePortfolio(dir) => {
                self.pages.sharing.portfolio.write(&self.workspace, &dir);
            }
            Command::SaveReport(path) => {
                let today = self.today();
                self.pages.mentor.save_report(&self.workspace, today, &path);
            }
            Command::IgnoreMachine { id, ignore } => {
                // Anything unsaved is recorded and handed over first: the merge is made again.
                self.save_in_background(ctx);
                self.wait_for_saves();
                match self.workspace.ignore_machine(&id, ignore) {
                    Ok(()) => {
                        let text = if ignore {
                            format!("Left {id}'s changes out on this machine.")
                        } else {
                            format!("Took {id}'s changes in again.")
                        };
                        self.toast(ctx, Severity::Info, text, false);
                        self.refresh();
                    }
                    Err(e) => self.refused(&e),
                }
            }
            Command::Undo => self.travel(ctx, true, now),
            Command::Redo => self.travel(ctx, false, now),
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
                // The import saves at once: it must land after any save in flight.
                self.save_in_background(ctx);
                self.wait_for_saves();
                let change = Change::Import {
                    pending,
                    keep_checked,
                    allow_older,
                };
                let outcome = self.apply_now(ctx, change);
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
            c @ (Command::SetStudyTimes(_)
            | Command::SaveCalendar(_)
            | Command::KeepCalendar(_)
            | Command::AddPeriod(_)
            | Command::ReplacePeriod(..)
            | Command::RemovePeriod(_)
            | Command::StartTimer(_)
            | Command::StopTimer { .. }) => self.run_time(ctx, c),
            c @ (Command::SendCheckin(_)
            | Command::PreviewReply(_)
            | Command::TakeReply
            | Command::ClosePreviewReply
            | Command::OpenPacket(_)
            | Command::WriteReply(_)
            | Command::AdoptGoal { .. }) => self.run_checkin(ctx, c),
            Command::RemoveCurriculum(id) => {
                let title = self
                    .workspace
                    .curriculum(&id)
                    .map_or_else(|| id.clone(), |c| c.title.clone());
                self.save_in_background(ctx);
                self.wait_for_saves();
                let outcome = self.apply_now(ctx, Change::RemoveCurriculum(id));
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

    /// An import or a removal, saved at once: its outcome for the screen that asked.
    fn apply_now(&mut self, ctx: &egui::Context, change: Change) -> Result<(), String> {
        let now = self.now();
        match self.workspace.apply(change, now) {
            Ok(_) => {
                // Saved already; what the screens show of the curricula changed.
                self.refresh();
                ctx.request_repaint();
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }
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
            Purpose::Import => Command::PreviewImport(crate::ui::command::ImportSource::Path(path)),
            Purpose::Export { curriculum, format } => Command::Export {
                curriculum,
                format,
                path,
            },
            Purpose::Report => Command::SaveReport(path),
            Purpose::SaveCheckin => Command::SendCheckin(path),
            Purpose::OpenReply => Command::PreviewReply(path),
            Purpose::OpenPacket => Command::OpenPacket(path),
            Purpose::SaveReply => Command::WriteReply(path),
            Purpose::Calendar => {
                self.pages.settings.calendar_path = path.display().to_string();
                Command::SaveCalendar(path)
            }
            Purpose::Portfolio => Command::WritePortfolio(path),
        };
        self.run_cmd(ctx, next);
    }

    fn finish_onboarding(&mut self, ctx: &egui::Context, outcome: GuideOutcome) {
        self.onboarding = None;
        let change = Change::SetProfile {
            profile: outcome.profile,
            known: outcome.known,
            what: "started your plan with the guide".into(),
        };
        self.change(ctx, change);
        self.screen = Screen::Dashboard;
        if self.prefs.guide != outcome.answers {
            self.prefs.guide = outcome.answers;
            self.save_prefs();
        }
    }

    /// Undoes (`back`) or redoes this machine's last change, through the domain: the record
    /// that takes it back reaches the other machines like any change.
    fn travel(&mut self, ctx: &egui::Context, back: bool, now: DateTime<Utc>) {
        if self.read_only() {
            return;
        }
        // An import or a removal taken back is saved at once, as it was made: first what waits.
        let curricula = self.workspace.next_changes_curricula(back);
        if curricula {
            self.save_in_background(ctx);
            self.wait_for_saves();
        }
        let done = if back {
            self.workspace.undo(now)
        } else {
            self.workspace.redo(now)
        };
        if curricula && done.is_ok() {
            self.autosave
                .unsaved_since
                .get_or_insert(ctx.input(|i| i.time));
            self.save_in_background(ctx);
            self.wait_for_saves();
        }
        match done {
            Ok(applied) => {
                // An offer to log a milestone's hours belongs to the change that made it done.
                self.log_offer = None;
                self.toasts.forget_undo();
                let verb = if back { "Undid" } else { "Redid" };
                self.toast(
                    ctx,
                    Severity::Info,
                    format!("{verb}: {}.", applied.what),
                    false,
                );
                self.changed(ctx, true);
            }
            Err(WorkspaceError::NothingToUndo | WorkspaceError::NothingToRedo) => {}
            Err(e) => {
                let verb = if back { "undone" } else { "redone" };
                self.banners.push(Banner {
                    severity: Severity::Warning,
                    text: format!("Nothing was {verb}: {e}."),
                    dismissable: true,
                });
            }
        }
    }

    pub(super) fn dismiss_whats_new(&mut self) {
        if let Some(news) = self.whats_new.take() {
            self.prefs
                .seen_revisions
                .insert(news.curriculum, news.revision);
            self.save_prefs();
        }
        self.find_whats_new();
    }
}

/// `what` as a sentence: its first letter up, a full stop at its end.
fn sentence(what: &str) -> String {
    let mut chars = what.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}
