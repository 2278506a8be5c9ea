//! The first-run conversation: Waymark's guide (a script, named apart from the learner's real
//! mentor on the Mentor page) asks what draws the learner, how much time they have and what
//! they know, suggests focus areas, and helps them adopt goals with targets they can reach.
//! The suggestions and the targets come from the domain ([`crate::plan::suggest`] and the
//! plan); this module keeps the conversation's state and draws it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use egui::{RichText, Ui};

use super::command::{Command, GuideAnswers, GuideOutcome};
use super::theme;
use crate::plan::suggest::{self, FocusSuggestion, GoalOffer, INTERESTS, KNOWN_TOPICS, Known};
use crate::plan::{Plan, day_words, hours_words, local_day};
use crate::progress::{FocusRef, MilestoneRef, Profile};
use crate::workspace::Workspace;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Welcome,
    Work,
    Hours,
    Known,
    Focus,
    Goals,
    Summary,
}

impl Step {
    fn number(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug)]
struct FocusChoice {
    suggestion: FocusSuggestion,
    chosen: bool,
}

#[derive(Clone, Debug)]
struct GoalChoice {
    offer: GoalOffer,
    /// The target the learner picked; `None` takes one the plan can reach.
    target: Option<NaiveDate>,
    adopted: bool,
}

#[derive(Clone, Debug)]
struct KnownChoice {
    known: Known,
    chosen: bool,
}

pub struct Conversation {
    step: Step,
    interests: [bool; INTERESTS.len()],
    hours_per_week: f64,
    known_topics: [bool; KNOWN_TOPICS.len()],
    known: Vec<KnownChoice>,
    focus: Vec<FocusChoice>,
    goals: Vec<GoalChoice>,
    /// The learner's profile when the conversation opened: a reopened conversation starts from
    /// it and keeps what it does not offer.
    held: Profile,
    /// The profile and plan the answers so far give, recomputed when an answer changes.
    preview: Option<(Profile, Plan)>,
    today: NaiveDate,
}

impl Conversation {
    /// Opens the conversation with the learner's profile and the answers they gave last time.
    pub fn new(workspace: &Workspace, today: NaiveDate, answers: &GuideAnswers) -> Self {
        let ticked = |labels: &[String], label: &str| labels.iter().any(|l| l == label);
        let held = workspace.profile();
        let goals = workspace
            .goal_offers()
            .into_iter()
            .map(|offer| {
                let adopted = held.goals.iter().any(|g| g.id == offer.id);
                GoalChoice {
                    offer,
                    target: None,
                    adopted,
                }
            })
            .collect();
        Self {
            step: Step::Welcome,
            interests: INTERESTS.map(|(label, _)| ticked(&answers.interests, label)),
            hours_per_week: if held.hours_per_week > 0.0 {
                held.hours_per_week
            } else {
                6.0
            },
            known_topics: KNOWN_TOPICS.map(|(label, _)| ticked(&answers.known_topics, label)),
            known: Vec::new(),
            focus: Vec::new(),
            goals,
            held,
            preview: None,
            today,
        }
    }

    /// Ranks every focus area by the learner's interests; keeps earlier choices when reopened.
    fn suggest_focus(&mut self, workspace: &Workspace) {
        let held: HashSet<&FocusRef> = self.held.focus.iter().collect();
        self.focus = suggest::suggest_focus(workspace.curricula(), &self.interests)
            .into_iter()
            .map(|suggestion| FocusChoice {
                chosen: if held.is_empty() {
                    suggestion.suggested
                } else {
                    held.contains(&suggestion.focus)
                },
                suggestion,
            })
            .collect();
    }

    fn find_known(&mut self, workspace: &Workspace) {
        self.known =
            suggest::known_milestones(workspace.curricula(), &workspace.state, &self.known_topics)
                .into_iter()
                .map(|known| KnownChoice {
                    known,
                    chosen: true,
                })
                .collect();
    }

    fn chosen_focus(&self) -> Vec<FocusRef> {
        self.focus
            .iter()
            .filter(|f| f.chosen)
            .map(|f| f.suggestion.focus.clone())
            .collect()
    }

    /// Goals that fit the chosen focus (goals with no focus fit everyone).
    fn fitting_goals(&self) -> Vec<usize> {
        let chosen = self.chosen_focus();
        (0..self.goals.len())
            .filter(|&i| self.goals[i].offer.fits(&chosen))
            .collect()
    }

    fn known_chosen(&self) -> Vec<MilestoneRef> {
        self.known
            .iter()
            .filter(|k| k.chosen)
            .map(|k| k.known.milestone.clone())
            .collect()
    }

    /// The profile the answers give: the goals held before that were not offered or are still
    /// adopted, in their order, then the goals newly adopted, in the curricula's order; each
    /// without a target of the learner's gets one the plan can reach.
    fn profile(&self, workspace: &Workspace, now: DateTime<Utc>) -> Profile {
        let fitting: HashSet<usize> = self.fitting_goals().into_iter().collect();
        let adopted: HashMap<&str, &GoalChoice> = self
            .goals
            .iter()
            .enumerate()
            .filter(|(i, g)| g.adopted && fitting.contains(i))
            .map(|(_, g)| (g.offer.id.as_str(), g))
            .collect();
        let offered: HashSet<&str> = self.goals.iter().map(|g| g.offer.id.as_str()).collect();
        let mut profile = Profile {
            focus: self.chosen_focus(),
            goals: Vec::new(),
            hours_per_week: self.hours_per_week,
            onboarded: true,
        };
        let mut unset = Vec::new();
        for held in &self.held.goals {
            match adopted.get(held.id.as_str()) {
                Some(choice) => {
                    let mut goal = held.clone();
                    goal.target = choice.target.unwrap_or(held.target);
                    profile.goals.push(goal);
                }
                None if !offered.contains(held.id.as_str()) => profile.goals.push(held.clone()),
                None => {}
            }
        }
        for choice in self
            .goals
            .iter()
            .filter(|g| adopted.contains_key(g.offer.id.as_str()))
        {
            if profile.goals.iter().any(|g| g.id == choice.offer.id) {
                continue;
            }
            if choice.target.is_none() {
                unset.push(choice.offer.id.clone());
            }
            profile
                .goals
                .push(choice.offer.adopt(choice.target.unwrap_or(self.today), now));
        }
        workspace.with_reachable_targets(profile, &unset, &self.known_chosen(), self.today)
    }

    /// Recomputes the preview when an answer changed since the last one.
    fn refresh_preview(&mut self, workspace: &Workspace, now: DateTime<Utc>) {
        if self.preview.is_none() {
            let profile = self.profile(workspace, now);
            let plan = workspace.plan_for(&profile, &self.known_chosen(), self.today);
            self.preview = Some((profile, plan));
        }
    }

    /// The answers given, to open with next time.
    fn answers(&self) -> GuideAnswers {
        let ticked = |labels: &[(&str, &[&str])], on: &[bool]| {
            labels
                .iter()
                .zip(on)
                .filter(|(_, on)| **on)
                .map(|((label, _), _)| (*label).to_owned())
                .collect()
        };
        GuideAnswers {
            interests: ticked(&INTERESTS, &self.interests),
            known_topics: ticked(&KNOWN_TOPICS, &self.known_topics),
        }
    }

    fn outcome(&self) -> Option<GuideOutcome> {
        let (profile, _) = self.preview.as_ref()?;
        Some(GuideOutcome {
            profile: profile.clone(),
            known: self.known_chosen(),
            answers: self.answers(),
        })
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        workspace: &Workspace,
        now: DateTime<Utc>,
        commands: &mut Vec<Command>,
    ) {
        self.today = local_day(now);
        // One scroll position per step: a new step opens at its top, not where the last one
        // (a long list of focus areas) was scrolled to.
        egui::ScrollArea::vertical()
            .id_salt(("onboarding", self.step.number()))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.set_max_width(720.0);
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        ui.add_space(8.0);
                        ui.heading("Let's plan your path");
                        theme::caption(ui, format!("Step {} of 7", self.step.number() + 1));
                        ui.add_space(12.0);
                        let read_only = workspace.is_read_only();
                        ui.add_enabled_ui(!read_only, |ui| {
                            self.step_ui(ui, workspace, now, commands);
                        });
                    });
                });
            });
    }

    fn step_ui(
        &mut self,
        ui: &mut Ui,
        workspace: &Workspace,
        now: DateTime<Utc>,
        commands: &mut Vec<Command>,
    ) {
        match self.step {
            Step::Welcome => {
                mentor_says(
                    ui,
                    "Hi, I'm Waymark's guide. AI engineering is a wide field: recommendations, ads, \
                     chatbots, medical imaging, the infrastructure underneath. Nobody learns all of \
                     it, and the people who do well pick a focus early. Let's find yours — it takes \
                     a couple of minutes, and you can change your mind any time.",
                );
                ui.horizontal(|ui| {
                    if theme::primary_button(ui, "Let's talk").clicked() {
                        self.step = Step::Work;
                    }
                    if ui.button("Skip for now").clicked() {
                        commands.push(Command::CloseOnboarding);
                    }
                });
            }
            Step::Work => {
                mentor_says(
                    ui,
                    "What kind of work draws you? Pick as many as you like. Think about what you \
                     would enjoy explaining to a friend over dinner.",
                );
                for ((label, _), on) in INTERESTS.iter().zip(self.interests.iter_mut()) {
                    ui.checkbox(on, *label);
                }
                self.nav_ui(ui, workspace, Step::Welcome, Step::Hours);
            }
            Step::Hours => {
                mentor_says(
                    ui,
                    "How many hours a week can you honestly give? A steady few hours beat a \
                     heroic weekend followed by a month off. I'll set every target from this, so \
                     that each one is a date you can reach.",
                );
                ui.horizontal(|ui| {
                    let label = ui.label("Hours a week");
                    theme::hours_slider_width(ui);
                    let slider = ui
                        .add(
                            egui::Slider::new(&mut self.hours_per_week, 1.0..=40.0)
                                .step_by(0.5)
                                .suffix(" h"),
                        )
                        .labelled_by(label.id);
                    if slider.changed() {
                        self.preview = None;
                    }
                });
                self.nav_ui(ui, workspace, Step::Work, Step::Known);
            }
            Step::Known => {
                mentor_says(
                    ui,
                    "What do you know already? No need to be modest — there is no point \
                     re-learning what you use every day.",
                );
                for ((label, _), on) in KNOWN_TOPICS.iter().zip(self.known_topics.iter_mut()) {
                    ui.checkbox(on, *label);
                }
                self.nav_ui(ui, workspace, Step::Hours, Step::Focus);
            }
            Step::Focus => {
                let any_suggested = self.focus.iter().any(|f| !f.suggestion.because.is_empty());
                mentor_says(
                    ui,
                    if self.focus.is_empty() {
                        "Your curricula have no focus areas, so everything is in scope. You can \
                         still adopt goals next."
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
                self.nav_ui(ui, workspace, Step::Known, Step::Goals);
            }
            Step::Goals => {
                self.refresh_preview(workspace, now);
                self.goals_ui(ui);
                self.nav_ui(ui, workspace, Step::Focus, Step::Summary);
            }
            Step::Summary => {
                self.refresh_preview(workspace, now);
                self.summary_ui(ui, commands);
            }
        }
    }

    /// The goals that fit the chosen focus, grouped by focus area, each with its target.
    fn goals_ui(&mut self, ui: &mut Ui) {
        let fitting = self.fitting_goals();
        mentor_says(
            ui,
            if fitting.is_empty() {
                "There are no mentor goals for this focus yet. You can still work through \
                 the milestones; I'll track your progress."
            } else {
                "Here are goals I'd set for you, in the order I'd work on them. Each target is \
                 one you can reach at your hours, with room for things going badly; pick another \
                 date if you like, and I'll tell you what it takes."
            },
        );
        // Groups: goals for every focus first, then one group per chosen area, in its order.
        let mut groups: Vec<(Option<FocusRef>, String)> =
            vec![(None, "For every focus".to_owned())];
        for f in self.focus.iter().filter(|f| f.chosen) {
            groups.push((Some(f.suggestion.focus.clone()), f.suggestion.title.clone()));
        }
        let preview = self.preview.as_ref();
        let mut changed = false;
        for (area, heading) in groups {
            let members: Vec<usize> = fitting
                .iter()
                .copied()
                .filter(|&i| {
                    let offer = &self.goals[i].offer;
                    match (&area, &offer.focus) {
                        (None, None) => true,
                        (Some(a), Some(f)) => a.curriculum == offer.curriculum && &a.focus == f,
                        _ => false,
                    }
                })
                .collect();
            if members.is_empty() {
                continue;
            }
            ui.add_space(6.0);
            ui.label(RichText::new(heading).size(16.0).strong());
            for i in members {
                let goal = &mut self.goals[i];
                let forecast = preview.and_then(|(_, plan)| plan.goal(&goal.offer.id));
                let target = preview
                    .and_then(|(p, _)| p.goals.iter().find(|g| g.id == goal.offer.id))
                    .map(|g| g.target);
                theme::card_frame(ui).show(ui, |ui| {
                    ui.set_width(ui.available_width());
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
                            if let Some(picked) = theme::date_picker_ui(
                                ui,
                                &format!("onboarding-target-{}", goal.offer.id),
                                target,
                                self.today,
                                &name,
                            ) {
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
                        egui::CollapsingHeader::new("Mentor's note")
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
        }
        if changed {
            self.preview = None;
        }
    }

    fn summary_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        mentor_says(
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
            let focus: Vec<&str> = self
                .focus
                .iter()
                .filter(|f| f.chosen)
                .map(|f| f.suggestion.title.as_str())
                .collect();
            ui.label(format!(
                "Focus: {}",
                if focus.is_empty() {
                    "everything".to_owned()
                } else {
                    focus.join(", ")
                }
            ));
            ui.label(format!("Time: {} hours a week", hours_words(self.hours_per_week)));
            if profile.goals.is_empty() {
                ui.label("Goals: none yet");
            } else {
                let hours = plan.goal_hours;
                let weeks = |h: f64| (h / self.hours_per_week.max(0.5)).ceil();
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
                ui.add(egui::Label::new(RichText::new(commitment).strong()).wrap());
                for f in &plan.goals {
                    let Some(g) = profile.goals.iter().find(|g| g.id == f.goal) else {
                        continue;
                    };
                    ui.label(format!(
                        "Goal: {} — target {} ({})",
                        g.title,
                        day_words(g.target),
                        f.outlook.words()
                    ));
                }
                if plan.at_risk() > 0 {
                    ui.label(
                        "A target you picked is earlier than the plan can reach; go back to see \
                         what it takes.",
                    );
                }
            }
            if !self.known.is_empty() {
                ui.add_space(6.0);
                ui.label("I'll mark these as done, since you know them:");
                for k in &mut self.known {
                    changed |= ui.checkbox(&mut k.chosen, k.known.title.as_str()).changed();
                }
            }
        });
        if !changed {
            self.preview = Some((profile, plan));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                self.step = Step::Goals;
            }
            if theme::primary_button(ui, "Start my plan").clicked()
                && let Some(outcome) = self.outcome()
            {
                commands.push(Command::FinishOnboarding(Box::new(outcome)));
            }
        });
    }

    fn nav_ui(&mut self, ui: &mut Ui, workspace: &Workspace, back: Step, next: Step) {
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                self.step = back;
            }
            if theme::primary_button(ui, "Next").clicked() {
                match next {
                    Step::Focus => {
                        self.find_known(workspace);
                        if self.focus.is_empty() || self.held.focus.is_empty() {
                            self.suggest_focus(workspace);
                        }
                    }
                    Step::Goals => {
                        // A mentor suggests one goal per chosen area (and one general goal),
                        // not all of them; earlier choices stand when the conversation reopens.
                        let fitting = self.fitting_goals();
                        if fitting.iter().all(|&i| !self.goals[i].adopted) {
                            let offers: Vec<GoalOffer> =
                                self.goals.iter().map(|g| g.offer.clone()).collect();
                            for i in suggest::first_goals(&offers, &self.chosen_focus()) {
                                self.goals[i].adopted = true;
                            }
                        }
                    }
                    _ => {}
                }
                self.preview = None;
                self.step = next;
            }
        });
    }
}

/// A goal's projection in one line: "Likely done 3 Mar 2027, by 9 Jun 2027 if it goes badly
/// · about 180 h".
fn forecast_words(f: &crate::plan::GoalForecast) -> String {
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

/// The guide's words, set apart like a chat message.
fn mentor_says(ui: &mut Ui, text: &str) {
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
