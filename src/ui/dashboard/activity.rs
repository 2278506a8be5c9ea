//! What the learner has done: overall progress with the streak and pace, and recent activity.

use egui::{RichText, Ui};

use super::{goal_title, title_of};
use crate::plan::{Plan, day_words, hours_words, local_day};
use crate::progress::{Event, MilestoneRef};
use crate::ui::theme;
use crate::workspace::Workspace;

const RECENT: usize = 8;

/// Overall progress in the focus, the weeks on plan with the days studied, and the pace.
pub(super) fn overview_ui(ui: &mut Ui, plan: &Plan) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Overall progress");
        let focus = &plan.focus;
        ui.label(
            RichText::new(format!("{:.0} %", focus.fraction() * 100.0))
                .size(22.0)
                .strong(),
        );
        theme::progress_bar(ui, focus.fraction(), "Progress in your focus");
        ui.label(format!(
            "{} of {} milestones in your focus finished",
            focus.finished, focus.total
        ));
        ui.add_space(6.0);
        // Weeks on plan, which forgive the evening off, in place of a daily streak.
        ui.add(egui::Label::new(plan.activity.consistency_words(plan.hours_per_week)).wrap());
        ui.add_space(4.0);
        super::heatmap::heatmap_ui(ui, plan);
        ui.add_space(6.0);
        ui.add(egui::Label::new(plan.pace.words()).wrap());
    });
}

pub(super) fn recent_ui(ui: &mut Ui, workspace: &Workspace) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Recent activity");
        let state = &workspace.state();
        if state.activity.is_empty() {
            ui.label("Nothing yet — your changes will show here.");
            return;
        }
        for a in state.activity.iter().rev().take(RECENT) {
            let title = |r: &MilestoneRef| title_of(workspace, r);
            let what = match &a.event {
                Event::StatusChanged { milestone, to, .. } => {
                    format!(
                        "{}: {}",
                        title(milestone),
                        theme::status_words(*to).to_lowercase()
                    )
                }
                Event::HoursLogged { milestone, hours } => {
                    format!("Logged {} h on {}", hours_words(*hours), title(milestone))
                }
                // A goal of the learner's own is made, not adopted.
                Event::GoalAdopted { goal } => {
                    let own = state.goal(goal).is_some_and(|g| g.source.is_none());
                    format!(
                        "{} the goal “{}”",
                        if own { "Made" } else { "Adopted" },
                        goal_title(workspace, goal)
                    )
                }
                Event::GoalDropped { goal } => format!("Dropped a goal ({goal})"),
                // By title while it is loaded; a removed one has only its id left.
                Event::CurriculumImported {
                    curriculum,
                    revision,
                } => format!(
                    "Imported “{}” (revision {revision})",
                    curriculum_title(workspace, curriculum)
                ),
                Event::CurriculumRemoved { curriculum } => {
                    format!("Removed “{}”", curriculum_title(workspace, curriculum))
                }
                Event::Reviewed { milestone, passed } => format!(
                    "Reviewed {}: {}",
                    title(milestone),
                    if *passed {
                        "still solid"
                    } else {
                        "needs a refresher"
                    }
                ),
                Event::CheckIn { date } => {
                    format!("Check-in with your mentor on {}", day_words(*date))
                }
            };
            ui.horizontal_top(|ui| {
                theme::caption(ui, local_day(a.at).format("%-d %b").to_string());
                ui.add(egui::Label::new(what).wrap());
            });
        }
    });
}

fn curriculum_title<'w>(workspace: &'w Workspace, id: &'w str) -> &'w str {
    workspace.curriculum(id).map_or(id, |c| c.title.as_str())
}
