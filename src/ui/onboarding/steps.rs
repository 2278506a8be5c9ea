//! The steps of the conversation: what the guide asks at each, and the learner's answers.

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::layout::guide_says;
use super::{Conversation, Step};
use crate::plan::suggest::{GoalOffer, INTERESTS, KNOWN_TOPICS};
use crate::plan::{GoalForecast, day_words, hours_words};
use crate::ui::date_picker::DatePicker;
use crate::ui::theme;
use crate::workspace::Workspace;

impl Conversation {
    pub(super) fn step_ui(&mut self, ui: &mut Ui, workspace: &Workspace, now: DateTime<Utc>) {
        match self.step {
            Step::Welcome => guide_says(
                ui,
                "Hi, I'm Waymark's guide. AI engineering is a wide field: recommendations, ads, \
                 chatbots, medical imaging, the infrastructure underneath. Nobody learns all of \
                 it, and the people who do well pick a focus early and build something in it \
                 soon. Let's find yours — it takes a couple of minutes, and you can change your \
                 mind any time.",
            ),
            Step::Work => {
                guide_says(
                    ui,
                    "What kind of work draws you? Pick as many as you like. Think about what you \
                     would enjoy explaining to a friend over dinner.",
                );
                for (interest, on) in INTERESTS.iter().zip(self.answers.likes.iter_mut()) {
                    ui.checkbox(on, interest.label);
                }
            }
            Step::Hours => {
                guide_says(
                    ui,
                    "How many hours a week can you honestly give? A steady few hours beat a \
                     heroic weekend followed by a month off. I'll set every target from this, so \
                     that each one is a date you can reach.",
                );
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label("Hours a week");
                    theme::hours_slider_width(ui);
                    let slider = ui
                        .add(
                            egui::Slider::new(&mut self.answers.hours_per_week, 1.0..=40.0)
                                .step_by(0.5)
                                .suffix(" h"),
                        )
                        .labelled_by(label.id);
                    if slider.changed() {
                        self.preview = None;
                    }
                });
            }
            Step::Known => {
                guide_says(
                    ui,
                    "What do you know already? No need to be modest — there is no point \
                     re-learning what you use every day. What you tick is marked done so it leaves \
                     the plan; it never counts toward your weeks on plan or your pace.",
                );
                for (topic, on) in KNOWN_TOPICS.iter().zip(self.answers.knows.iter_mut()) {
                    ui.checkbox(on, topic.label);
                }
            }
            Step::Focus => self.focus_ui(ui),
            Step::Goals => {
                self.refresh_preview(workspace, now);
                self.goals_ui(ui);
            }
            Step::Summary => {
                self.refresh_preview(workspace, now);
                self.summary_ui(ui, workspace);
            }
        }
    }

    fn focus_ui(&mut self, ui: &mut Ui) {
        let any_suggested = self.focus.iter().any(|f| !f.suggestion.because.is_empty());
        guide_says(
            ui,
            if self.focus.is_empty() {
                "Your curricula have no focus areas, so everything is in scope. You can still \
                 adopt goals next."
            } else if any_suggested {
                "From what you told me, these areas fit you best. I've ticked at most two; \
                 start with one or two — narrowing down is the point."
            } else {
                "None of the focus areas matched what you told me, so pick the ones that \
                 sound most like you."
            },
        );
        for choice in &mut self.focus {
            let s = &choice.suggestion;
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                if ui
                    .checkbox(&mut choice.chosen, RichText::new(&s.title).strong())
                    .changed()
                {
                    self.preview = None;
                }
                if !s.summary.is_empty() {
                    ui.add(egui::Label::new(&s.summary).wrap());
                }
                if !s.because.is_empty() {
                    let lead = if s.suggested {
                        "Suggested because you like"
                    } else {
                        "Also close to"
                    };
                    theme::caption(ui, format!("{lead}: {}", s.because.join(", ")));
                }
            });
            ui.add_space(4.0);
        }
    }

    /// The goals that fit the chosen focus, in the order the guide proposes to work on them,
    /// each with its area, its target and what the plan makes of it.
    fn goals_ui(&mut self, ui: &mut Ui) {
        guide_says(
            ui,
            if self.order.is_empty() {
                "There are no goals for this focus yet. You can still work through the \
                 milestones; I'll track your progress."
            } else {
                "Here is the path I'd give you, in the order I'd work on it: a first project \
                 in your area within weeks, then the foundations each deeper project needs just \
                 before it. Each target is one you can reach at your hours, with room for things \
                 going badly; untick what you don't want, or pick another date and I'll tell \
                 you what it takes."
            },
        );
        let area_title = |offer: &GoalOffer| -> String {
            match &offer.focus {
                None => "For every focus".to_owned(),
                Some(f) => self
                    .focus
                    .iter()
                    .find(|c| {
                        c.suggestion.focus.curriculum == offer.curriculum
                            && &c.suggestion.focus.focus == f
                    })
                    .map_or_else(|| f.clone(), |c| c.suggestion.title.clone()),
            }
        };
        let areas: Vec<String> = self
            .order
            .iter()
            .map(|&i| area_title(&self.goals[i].offer))
            .collect();
        let preview = self.preview.as_ref();
        let mut changed = false;
        for (&i, area) in self.order.iter().zip(&areas) {
            let goal = &mut self.goals[i];
            let forecast = preview.and_then(|(_, plan)| plan.goal(&goal.offer.id));
            let target = preview
                .and_then(|(p, _)| p.goals.iter().find(|g| g.id == goal.offer.id))
                .map(|g| g.target);
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                theme::caption(ui, area);
                if ui
                    .checkbox(&mut goal.adopted, RichText::new(&goal.offer.title).strong())
                    .changed()
                {
                    changed = true;
                }
                if goal.adopted
                    && let Some(target) = target
                {
                    ui.horizontal_wrapped(|ui| {
                        ui.label("Target");
                        let name = format!("Target of “{}”", goal.offer.title);
                        let salt = format!("onboarding-target-{}", goal.offer.id);
                        if let Some(picked) = DatePicker::new(&salt, &name, self.today)
                            .earliest(self.today)
                            .show(ui, target)
                        {
                            goal.target = Some(picked);
                            changed = true;
                        }
                        if goal.target.is_some()
                            && ui.small_button("Use a reachable date").clicked()
                        {
                            goal.target = None;
                            changed = true;
                        }
                    });
                }
                if let Some(f) = forecast.filter(|_| goal.adopted) {
                    theme::caption(ui, forecast_words(f));
                    if let Some(advice) = &f.advice {
                        ui.add(egui::Label::new(advice.words(f.target)).wrap());
                    }
                } else {
                    let count = goal.offer.milestones.len();
                    theme::caption(
                        ui,
                        format!(
                            "{count} {}",
                            if count == 1 {
                                "milestone"
                            } else {
                                "milestones"
                            }
                        ),
                    );
                }
                if !goal.offer.mentor_note.is_empty() {
                    egui::CollapsingHeader::new("Why this goal")
                        .id_salt(("onboarding-note", &goal.offer.id))
                        .show(ui, |ui| {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(format!("“{}”", goal.offer.mentor_note))
                                        .italics(),
                                )
                                .wrap(),
                            );
                        });
                }
            });
            ui.add_space(4.0);
        }
        if changed {
            self.preview = None;
        }
    }
}

/// A goal's projection in one line: "Likely done 3 Mar 2027, by 9 Jun 2027 if it goes badly
/// · about 180 h".
fn forecast_words(f: &GoalForecast) -> String {
    match (f.likely_finish, f.late_finish) {
        (Some(likely), Some(late)) => format!(
            "Likely done {}, by {} if it goes badly · about {} h with what it needs first",
            day_words(likely),
            day_words(late),
            hours_words(f.hours_left.likely.round())
        ),
        _ => f.outlook.label().to_owned(),
    }
}
