//! The dashboard: this week's plan first, then each goal against its target with what it takes
//! when one is late, overall progress, the progress curve and recent activity. It draws the
//! plan; it computes nothing of its own.

use std::collections::HashSet;

use egui::Ui;

use super::command::Command;
use super::theme;
use crate::plan::Plan;
use crate::progress::{MilestoneRef, Status};
use crate::workspace::Workspace;

mod activity;
mod chart;
mod forecast;
mod goals;
mod heatmap;
mod new_goal;
mod news;
mod reviews;
mod week;

use activity::{overview_ui, recent_ui};
use chart::plot_ui;
use goals::goals_ui;
use news::whats_new_ui;
use reviews::reviews_ui;
use week::week_ui;

/// The dashboard's own state: which goal's "what you already know" list is open, and what is
/// ticked in it.
#[derive(Debug, Default)]
pub struct Page {
    skipping: Option<String>,
    ticked: HashSet<MilestoneRef>,
    /// The goal whose remedy of more hours a week waits for the learner's yes: a remedy that
    /// multiplies the weekly commitment asks first.
    confirming_hours: Option<String>,
    /// The form of a goal of the learner's own, while it is open.
    new_goal: Option<new_goal::Form>,
}

impl Page {
    /// Closes the form of a new goal: the goal was made.
    pub fn goal_made(&mut self) {
        self.new_goal = None;
    }
}

pub fn dashboard_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    plan: &Plan,
    whats_new: Option<&crate::guide::WhatsNew>,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt("dashboard")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading("Your path");
                theme::caption(
                    ui,
                    format!("Today is {}", plan.today.format("%A %-d %B %Y")),
                );
            });
            ui.add_space(theme::CARD_GAP);
            if let Some(news) = whats_new {
                whats_new_ui(ui, workspace, news, commands);
                ui.add_space(theme::CARD_GAP);
            }
            if theme::is_narrow(ui) {
                week_ui(ui, workspace, plan, commands);
                ui.add_space(theme::CARD_GAP);
                overview_ui(ui, plan);
                ui.add_space(theme::CARD_GAP);
                reviews_ui(ui, workspace, plan, commands);
                goals_ui(ui, workspace, plan, page, commands);
                ui.add_space(theme::CARD_GAP);
                plot_ui(ui, plan);
                ui.add_space(theme::CARD_GAP);
                recent_ui(ui, workspace);
            } else {
                ui.columns_const(|[left, right]| {
                    week_ui(left, workspace, plan, commands);
                    left.add_space(theme::CARD_GAP);
                    goals_ui(left, workspace, plan, page, commands);
                    overview_ui(right, plan);
                    right.add_space(theme::CARD_GAP);
                    reviews_ui(right, workspace, plan, commands);
                    plot_ui(right, plan);
                    right.add_space(theme::CARD_GAP);
                    recent_ui(right, workspace);
                });
            }
        });
}

/// The title of a milestone, or its reference when no curriculum holds it.
fn title_of(workspace: &Workspace, r: &MilestoneRef) -> String {
    workspace
        .place(r)
        .and_then(|p| workspace.milestone_at(p))
        .map_or_else(|| r.to_string(), |m| m.title.clone())
}

fn goal_title<'w>(workspace: &'w Workspace, id: &'w str) -> &'w str {
    workspace.state().goal(id).map_or(id, |g| g.title.as_str())
}

/// One row of a list: status, then the title as a link and a caption in the room the buttons
/// leave (cut short with "…"), then the buttons, right-aligned but laid out left to right. The
/// title comes first in reading and keyboard order, then the buttons as they are seen.
/// Returns whether the title was clicked, and what the clicked button stands for.
/// `name_of` gives a button the name a screen reader says, where its label alone would repeat
/// down the list ("Still can").
fn row_ui<T: Copy>(
    ui: &mut Ui,
    status: Status,
    title: &str,
    caption: &str,
    buttons: &[(&str, T)],
    enabled: bool,
    name_of: &dyn Fn(&str) -> Option<String>,
) -> (bool, Option<T>) {
    let mut opened = false;
    let mut clicked = None;
    ui.horizontal(|ui| {
        theme::status_ui(ui, status);
        let spacing = ui.spacing().item_spacing.x;
        // Room for the most buttons a row has, so that every title is cut at the same place.
        // (And a few pixels for a title cut short, whose "…" can reach past its column: the
        // row's buttons would be pushed out of line.)
        let room_for_buttons = theme::button_width(ui, "Done")
            + theme::button_width(ui, "Start")
            + theme::button_width(ui, "Timer")
            + 3.0 * spacing
            + 6.0;
        let room = (ui.available_width() - room_for_buttons).max(80.0);
        let layout = egui::Layout::top_down(egui::Align::Min);
        ui.allocate_ui_with_layout(egui::vec2(room, 0.0), layout, |ui| {
            ui.set_max_width(room);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            opened = ui.link(title).on_hover_text("Show in Curricula").clicked();
            theme::caption(ui, caption);
        });
        let width: f32 = buttons
            .iter()
            .map(|(label, _)| theme::button_width(ui, label) + spacing)
            .sum();
        ui.add_space((ui.available_width() - width).max(0.0));
        ui.add_enabled_ui(enabled, |ui| {
            for (label, value) in buttons {
                let response = match name_of(label) {
                    Some(name) => theme::named_small_button(ui, label, &name),
                    None => ui.button(*label),
                };
                if response.clicked() {
                    clicked = Some(*value);
                }
            }
        });
    });
    (opened, clicked)
}
