//! The conversation's page: the step in a readable column, and the way back and on held at
//! its foot.

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::{Conversation, Step};
use crate::plan::local_day;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::workspace::Workspace;

/// The widest the conversation's column grows: a line of text a person can read.
const COLUMN_WIDTH: f32 = 720.0;

impl Conversation {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        workspace: &Workspace,
        now: DateTime<Utc>,
        commands: &mut Vec<Command>,
    ) {
        self.today = local_day(now);
        let read_only = workspace.is_read_only();
        // The way on stays in view at the foot of the page, whatever the window's height and
        // however long the step's list is.
        egui::Panel::bottom("guide-nav")
            .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(0, 10)))
            .show(ui, |ui| {
                centred_column(ui, |ui| {
                    ui.add_enabled_ui(!read_only, |ui| {
                        self.nav_ui(ui, workspace, now, commands);
                    });
                });
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::new())
            .show(ui, |ui| {
                // One scroll position per step: a new step opens at its top, not where the
                // last one (a long list of focus areas) was scrolled to.
                egui::ScrollArea::vertical()
                    .id_salt(("onboarding", self.step.number()))
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        centred_column(ui, |ui| {
                            ui.add_space(8.0);
                            ui.heading("Let's plan your path");
                            theme::caption(ui, format!("Step {} of 7", self.step.number() + 1));
                            ui.add_space(12.0);
                            ui.add_enabled_ui(!read_only, |ui| {
                                self.step_ui(ui, workspace, now);
                            });
                            ui.add_space(8.0);
                        });
                    });
            });
    }

    /// The step's way back and on, at the foot of the page.
    fn nav_ui(
        &mut self,
        ui: &mut Ui,
        workspace: &Workspace,
        now: DateTime<Utc>,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let back = match self.step {
                Step::Welcome => None,
                Step::Work => Some(Step::Welcome),
                Step::Hours => Some(Step::Work),
                Step::Known => Some(Step::Hours),
                Step::Focus => Some(Step::Known),
                Step::Goals => Some(Step::Focus),
                Step::Summary => Some(Step::Goals),
            };
            match self.step {
                Step::Welcome => {
                    if theme::primary_button(ui, "Let's talk").clicked() {
                        self.step = Step::Work;
                    }
                    if ui.button("Skip for now").clicked() {
                        commands.push(Command::CloseOnboarding);
                    }
                    return;
                }
                Step::Summary => {
                    if ui.button("Back").clicked() {
                        self.step = Step::Goals;
                        return;
                    }
                    self.refresh_preview(workspace, now);
                    if theme::primary_button(ui, "Start my plan").clicked()
                        && let Some(outcome) = self.outcome()
                    {
                        commands.push(Command::FinishOnboarding(Box::new(outcome)));
                    }
                    return;
                }
                _ => {}
            }
            if let Some(back) = back
                && ui.button("Back").clicked()
            {
                self.step = back;
                return;
            }
            if theme::primary_button(ui, "Next").clicked() {
                let next = match self.step {
                    Step::Work => Step::Hours,
                    Step::Hours => Step::Known,
                    Step::Known => {
                        self.find_known(workspace);
                        if self.focus.is_empty() || self.held_focus.is_empty() {
                            self.suggest_focus(workspace);
                        }
                        Step::Focus
                    }
                    Step::Focus => {
                        self.order_goals(workspace);
                        Step::Goals
                    }
                    _ => Step::Summary,
                };
                self.preview = None;
                self.step = next;
            }
        });
    }
}

/// A column at most [`COLUMN_WIDTH`] wide, centred in what `ui` has: at any window width its
/// left edge is on screen.
fn centred_column(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let width = ui.available_width().min(COLUMN_WIDTH);
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_width(width);
            add(ui);
        });
    });
}

/// The guide's words, set apart like a chat message.
pub(super) fn guide_says(ui: &mut Ui, text: &str) {
    theme::banner_frame(ui, theme::Severity::Info).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new("Waymark's guide")
                .strong()
                .color(theme::accent_of(ui)),
        );
        ui.add(egui::Label::new(text).wrap());
    });
    ui.add_space(10.0);
}
