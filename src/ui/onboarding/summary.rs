//! The last step: the plan the answers give, in one card, before the learner starts it.

use std::collections::HashSet;

use egui::{RichText, Ui};

use super::Conversation;
use super::layout::guide_says;
use crate::guide;
use crate::plan::{GoalForecast, day_words, hours_words};
use crate::ui::theme;
use crate::workspace::Workspace;

impl Conversation {
    /// The plan in one card: the near win first, then the goals and the whole commitment,
    /// then what will be marked known.
    pub(super) fn summary_ui(&mut self, ui: &mut Ui, workspace: &Workspace) {
        guide_says(
            ui,
            "Here's the plan, and what it asks of you. Work on it a little every week, and come \
             back to me whenever your interests shift.",
        );
        let Some((profile, plan)) = self.preview.take() else {
            return;
        };
        let mut changed = false;
        theme::card_frame(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = |id: &str| {
                profile
                    .goals
                    .iter()
                    .find(|g| g.id == id)
                    .map_or(String::new(), |g| g.title.clone())
            };
            let projects: Vec<&GoalForecast> = plan
                .goals
                .iter()
                .filter(|f| f.likely_finish.is_some())
                .filter(|f| {
                    profile
                        .goals
                        .iter()
                        .find(|g| g.id == f.goal)
                        .is_some_and(|g| guide::ends_with_project(workspace, g))
                })
                .collect();
            let focus_goals: HashSet<&str> = self
                .goals
                .iter()
                .filter(|g| g.adopted && g.offer.focus.is_some())
                .map(|g| g.offer.id.as_str())
                .collect();
            if let Some(first) = projects.first() {
                ui.add(
                    egui::Label::new(
                        RichText::new(near_win_words("Your first project", &title(&first.goal), first))
                            .strong()
                            .size(16.0),
                    )
                    .wrap(),
                );
                let in_focus = projects.iter().find(|f| focus_goals.contains(f.goal.as_str()));
                if let Some(f) = in_focus.filter(|f| f.goal != first.goal) {
                    ui.add(
                        egui::Label::new(near_win_words(
                            "The first project of your focus",
                            &title(&f.goal),
                            f,
                        ))
                        .wrap(),
                    );
                }
                ui.add_space(6.0);
            }
            let focus: Vec<&str> = self
                .focus
                .iter()
                .filter(|f| f.chosen)
                .map(|f| f.suggestion.title.as_str())
                .collect();
            ui.add(
                egui::Label::new(format!(
                    "Focus: {}",
                    if focus.is_empty() {
                        "everything".to_owned()
                    } else {
                        focus.join(", ")
                    }
                ))
                .wrap(),
            );
            ui.label(format!(
                "Time: {} hours a week",
                hours_words(self.answers.hours_per_week)
            ));
            if profile.goals.is_empty() {
                ui.label("Goals: none yet");
            } else {
                for f in &plan.goals {
                    let Some(g) = profile.goals.iter().find(|g| g.id == f.goal) else {
                        continue;
                    };
                    ui.add(
                        egui::Label::new(format!(
                            "Goal: {} — target {} ({})",
                            g.title,
                            day_words(g.target),
                            f.outlook.words()
                        ))
                        .wrap(),
                    );
                }
                let hours = plan.goal_hours;
                let weeks = |h: f64| (h / self.answers.hours_per_week.max(0.5)).ceil();
                let (likely, late) = plan.all_goals_finish();
                let mut commitment = format!(
                    "All of it is about {} hours of work, likely {} weeks at your pace ({} if it goes badly)",
                    hours_words(hours.likely.round()),
                    weeks(hours.likely),
                    weeks(hours.late)
                );
                if let (Some(likely), Some(late)) = (likely, late) {
                    commitment.push_str(&format!(
                        ": likely done {}, by {} at the latest.",
                        day_words(likely),
                        day_words(late)
                    ));
                } else {
                    commitment.push('.');
                }
                ui.add_space(6.0);
                ui.add(egui::Label::new(commitment).wrap());
                if plan.at_risk() > 0 {
                    ui.add(
                        egui::Label::new(
                            "A target you picked is earlier than the plan can reach; go back to \
                             see what it takes.",
                        )
                        .wrap(),
                    );
                }
            }
            if !self.known.is_empty() {
                ui.add_space(6.0);
                ui.add(
                    egui::Label::new(
                        "I'll mark these as known, since you know them. They leave the plan, \
                         and they don't count as progress made this week:",
                    )
                    .wrap(),
                );
                for k in &mut self.known {
                    changed |= ui.checkbox(&mut k.chosen, k.known.title.as_str()).changed();
                }
            }
            for held in &self.held {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "Not marked: {} needs {} first. Tick what you know of it on the \
                             “What do you know” step.",
                            held.known.title, held.needs.title
                        ))
                        .color(theme::muted(ui)),
                    )
                    .wrap(),
                );
            }
        });
        if changed {
            self.preview = None;
        } else {
            self.preview = Some((profile, plan));
        }
    }
}

/// "Your first project, Ship a chatbot: likely done 3 Mar 2027, by 14 Apr 2027 at the latest."
fn near_win_words(lead: &str, title: &str, f: &GoalForecast) -> String {
    match (f.likely_finish, f.late_finish) {
        (Some(likely), Some(late)) => format!(
            "{lead}, “{title}”: likely done {}, by {} at the latest.",
            day_words(likely),
            day_words(late)
        ),
        _ => format!("{lead}, “{title}”."),
    }
}
