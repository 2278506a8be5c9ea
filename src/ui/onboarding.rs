//! The first-run conversation: Waymark's guide (a script, named apart from the learner's real
//! mentor on the Mentor page) asks what draws the learner, how much time they have and what
//! they know, suggests focus areas, and proposes goals in the path's order with targets they
//! can reach. Every suggestion comes from [`crate::guide`], which `waymark onboard` asks too;
//! this module keeps the conversation's state and draws it.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use egui::{RichText, Ui};

use super::command::{Command, GuideAnswers, GuideOutcome};
use super::theme;
use crate::guide::{self, Answers, Choices};
use crate::plan::suggest::{
    self, FocusSuggestion, GoalOffer, Held, INTERESTS, KNOWN_TOPICS, Known,
};
use crate::plan::{GoalForecast, Plan, day_words, hours_words, local_day};
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

/// The widest the conversation's column grows: a line of text a person can read.
const COLUMN_WIDTH: f32 = 720.0;

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
    answers: Answers,
    known: Vec<KnownChoice>,
    /// Answers that named a milestone the guide holds back, with what it still needs.
    held: Vec<Held>,
    focus: Vec<FocusChoice>,
    /// Every goal offered, each with the learner's choice.
    goals: Vec<GoalChoice>,
    /// The goals that fit the chosen focus, in the path's order (indices into `goals`).
    order: Vec<usize>,
    /// The focus areas held when the conversation opened: a reopened conversation starts from
    /// them.
    held_focus: Vec<FocusRef>,
    /// The profile and plan the answers so far give, recomputed when an answer changes.
    preview: Option<(Profile, Plan)>,
    today: NaiveDate,
}

impl Conversation {
    /// Opens the conversation with the learner's profile and the answers they gave last time.
    pub fn new(workspace: &Workspace, today: NaiveDate, answers: &GuideAnswers) -> Self {
        // Earlier answers are ids; answers saved by an older Waymark are labels.
        let ticked =
            |given: &[String], id: &str, label: &str| given.iter().any(|g| g == id || g == label);
        let held = workspace.profile();
        let goals = workspace
            .goal_offers()
            .into_iter()
            .map(|offer| GoalChoice {
                adopted: held.goals.iter().any(|g| g.id == offer.id),
                offer,
                target: None,
            })
            .collect();
        Self {
            step: Step::Welcome,
            answers: Answers {
                likes: INTERESTS.map(|i| ticked(&answers.interests, i.id, i.label)),
                knows: KNOWN_TOPICS.map(|t| ticked(&answers.known_topics, t.id, t.label)),
                focus: None,
                hours_per_week: if held.hours_per_week > 0.0 {
                    held.hours_per_week
                } else {
                    guide::DEFAULT_HOURS
                },
            },
            known: Vec::new(),
            held: Vec::new(),
            focus: Vec::new(),
            goals,
            order: Vec::new(),
            held_focus: held.focus,
            preview: None,
            today,
        }
    }

    /// Ranks every focus area by the learner's interests; keeps earlier choices when reopened.
    fn suggest_focus(&mut self, workspace: &Workspace) {
        let held: HashSet<&FocusRef> = self.held_focus.iter().collect();
        self.focus = suggest::suggest_focus(workspace.curricula(), &self.answers.likes)
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
        let find =
            suggest::known_milestones(workspace.curricula(), &workspace.state, &self.answers.knows);
        self.known = find
            .known
            .into_iter()
            .map(|known| KnownChoice {
                known,
                chosen: true,
            })
            .collect();
        self.held = find.held;
    }

    fn chosen_focus(&self) -> Vec<FocusRef> {
        self.focus
            .iter()
            .filter(|f| f.chosen)
            .map(|f| f.suggestion.focus.clone())
            .collect()
    }

    /// Orders the goals that fit the chosen focus as the guide proposes them; when none of them
    /// is adopted yet, adopts every one, as `waymark onboard` does.
    fn order_goals(&mut self, workspace: &Workspace) {
        let offers: Vec<GoalOffer> = self.goals.iter().map(|g| g.offer.clone()).collect();
        let curricula: Vec<_> = workspace.curricula().collect();
        self.order = suggest::path_order(&curricula, &offers, &self.chosen_focus());
        if self.order.iter().all(|&i| !self.goals[i].adopted) {
            for &i in &self.order {
                self.goals[i].adopted = true;
            }
        }
    }

    fn known_chosen(&self) -> Vec<MilestoneRef> {
        self.known
            .iter()
            .filter(|k| k.chosen)
            .map(|k| k.known.milestone.clone())
            .collect()
    }

    /// The choices made so far, as [`guide::profile`] takes them.
    fn choices(&self) -> Choices {
        Choices {
            focus: self.chosen_focus(),
            goals: self
                .order
                .iter()
                .map(|&i| &self.goals[i])
                .filter(|g| g.adopted)
                .map(|g| (g.offer.clone(), g.target))
                .collect(),
            hours_per_week: self.answers.hours_per_week,
            known: self.known_chosen(),
        }
    }

    /// Recomputes the preview when an answer changed since the last one.
    fn refresh_preview(&mut self, workspace: &Workspace, now: DateTime<Utc>) {
        if self.preview.is_none() {
            let offers: Vec<GoalOffer> = self.goals.iter().map(|g| g.offer.clone()).collect();
            let choices = self.choices();
            let profile = guide::profile(workspace, &offers, &choices, self.today, now);
            let plan = workspace.plan_for(&profile, &choices.known, self.today);
            self.preview = Some((profile, plan));
        }
    }

    /// The answers given, by id, to open with next time.
    fn answers(&self) -> GuideAnswers {
        GuideAnswers {
            interests: INTERESTS
                .iter()
                .zip(self.answers.likes)
                .filter(|(_, on)| *on)
                .map(|(i, _)| i.id.to_owned())
                .collect(),
            known_topics: KNOWN_TOPICS
                .iter()
                .zip(self.answers.knows)
                .filter(|(_, on)| *on)
                .map(|(t, _)| t.id.to_owned())
                .collect(),
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

    fn step_ui(&mut self, ui: &mut Ui, workspace: &Workspace, now: DateTime<Utc>) {
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
                     the plan; it never counts toward your streak or your pace.",
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
        if changed {
            self.preview = None;
        }
    }

    /// The plan in one card: the near win first, then the goals and the whole commitment,
    /// then what will be marked known.
    fn summary_ui(&mut self, ui: &mut Ui, workspace: &Workspace) {
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

/// The guide's words, set apart like a chat message.
fn guide_says(ui: &mut Ui, text: &str) {
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
