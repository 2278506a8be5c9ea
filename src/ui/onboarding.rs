//! The first-run conversation: a mentor asks what draws the learner, how much time they have and
//! what they know, suggests focus areas, and helps them adopt goals with target dates.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, Utc};
use egui::{RichText, Ui};

use super::app::{Command, weeks_from};
use super::stats::local_day;
use super::theme;
use crate::curriculum::Kind;
use crate::plan;
use crate::progress::{AdoptedGoal, FocusRef, GoalSource, MilestoneRef, State};
use crate::workspace::Workspace;

/// Kinds of work, each with the words that find matching focus areas. Words, not ids, so that a
/// curriculum with different focus areas still gets sensible suggestions, or none.
pub const INTERESTS: [(&str, &[&str]); 5] = [
    (
        "Products people use every day",
        &[
            "recommend",
            "suggestion",
            "ads",
            "advert",
            "personaliz",
            "ranking",
            "search",
            "vision",
        ],
    ),
    (
        "Research",
        &[
            "research", "medical", "imaging", "vision", "deep", "nlp", "language",
        ],
    ),
    (
        "Conversations",
        &[
            "conversation",
            "chat",
            "dialog",
            "assistant",
            "nlp",
            "language",
            "llm",
            "speech",
        ],
    ),
    (
        "Infrastructure",
        &[
            "mlops",
            "infra",
            "deploy",
            "platform",
            "serving",
            "production",
            "security",
        ],
    ),
    (
        "Data",
        &[
            "data",
            "analytics",
            "business",
            "pipeline",
            "warehouse",
            "etl",
        ],
    ),
];

/// What the learner may know already, with the words that find those milestones.
pub const KNOWN_TOPICS: [(&str, &[&str]); 6] = [
    ("Python", &["python"]),
    ("Statistics and probability", &["statistic", "probabilit"]),
    (
        "Linear algebra and calculus",
        &["linear algebra", "calculus"],
    ),
    ("Machine learning basics", &["machine learning", "scikit"]),
    (
        "Deep learning",
        &["deep learning", "neural network", "pytorch"],
    ),
    ("SQL and data wrangling", &["sql", "pandas", "wrangling"]),
];

/// The most "already known" milestones offered at once; the rest can be marked later.
const MAX_KNOWN_MATCHES: usize = 24;
const DEFAULT_GOAL_WEEKS: u32 = 12;

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn keywords_match_word_starts_not_the_middle_of_words() {
        assert!(mentions("ads and ranking", "ads"));
        assert!(mentions("personalized feeds", "personaliz"));
        assert!(!mentions("loads of data", "ads"));
        assert!(mentions("intro to linear algebra", "linear algebra"));
    }
}

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
    focus: FocusRef,
    title: String,
    summary: String,
    curriculum_title: String,
    /// Which of the learner's interests suggested it.
    because: Vec<&'static str>,
    /// How many of the learner's words it matched.
    score: usize,
    chosen: bool,
}

#[derive(Clone, Debug)]
struct GoalChoice {
    curriculum: String,
    goal: String,
    id: String,
    title: String,
    focus: Option<String>,
    mentor_note: String,
    milestones: Vec<MilestoneRef>,
    target: NaiveDate,
    adopted: bool,
}

#[derive(Clone, Debug)]
struct KnownMatch {
    milestone: MilestoneRef,
    title: String,
    chosen: bool,
}

/// What the conversation decided, applied as one undoable change.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub focus: Vec<FocusRef>,
    pub goals: Vec<AdoptedGoal>,
    pub hours_per_week: f64,
    /// Milestones the learner already knows, to be marked done.
    pub known: Vec<MilestoneRef>,
}

pub struct Conversation {
    step: Step,
    interests: [bool; INTERESTS.len()],
    hours_per_week: f64,
    known_topics: [bool; KNOWN_TOPICS.len()],
    known: Vec<KnownMatch>,
    focus: Vec<FocusChoice>,
    goals: Vec<GoalChoice>,
    /// Focus areas the learner already had, so a reopened conversation starts from them.
    held_focus: HashSet<FocusRef>,
    /// Hours of work left per goal (its milestones and what they require), by the planner.
    goal_hours: HashMap<String, f64>,
    today: NaiveDate,
}

impl Conversation {
    pub fn new(workspace: &Workspace, today: NaiveDate) -> Self {
        let state = &workspace.state;
        let held_focus: HashSet<FocusRef> = state.focus.iter().cloned().collect();
        let mut goals = Vec::new();
        let mut goal_ids = HashSet::new();
        for c in workspace.curricula() {
            for g in &c.goals {
                // Goal ids are unique within a curriculum; across two, qualify the second.
                let id = if goal_ids.insert(g.id.clone()) {
                    g.id.clone()
                } else {
                    format!("{}-{}", c.id, g.id)
                };
                let held = state.goal(&id);
                goals.push(GoalChoice {
                    curriculum: c.id.clone(),
                    goal: g.id.clone(),
                    title: g.title.clone(),
                    focus: g.focus.clone(),
                    mentor_note: g.mentor_note.clone(),
                    milestones: g
                        .milestones
                        .iter()
                        .map(|m| MilestoneRef::new(&c.id, m))
                        .collect(),
                    target: held.map_or_else(
                        || weeks_from(today, g.suggested_weeks.unwrap_or(DEFAULT_GOAL_WEEKS)),
                        |h| h.target,
                    ),
                    adopted: held.is_some(),
                    id,
                });
            }
        }
        Self {
            step: Step::Welcome,
            interests: [false; INTERESTS.len()],
            hours_per_week: if state.hours_per_week > 0.0 {
                state.hours_per_week
            } else {
                6.0
            },
            known_topics: [false; KNOWN_TOPICS.len()],
            known: Vec::new(),
            focus: Vec::new(),
            goals,
            held_focus,
            goal_hours: HashMap::new(),
            today,
        }
    }

    /// Ranks every focus area by the learner's interests; keeps earlier choices when reopened.
    fn suggest_focus(&mut self, workspace: &Workspace) {
        let chosen_interests: Vec<(&'static str, &[&str])> = INTERESTS
            .iter()
            .zip(self.interests)
            .filter(|(_, on)| *on)
            .map(|((label, words), _)| (*label, *words))
            .collect();
        let mut choices = Vec::new();
        for c in workspace.curricula() {
            for f in &c.focus_areas {
                let haystack = format!("{} {} {}", f.id, f.title, f.summary).to_lowercase();
                let mut because = Vec::new();
                let mut score = 0;
                for (label, words) in &chosen_interests {
                    let hits = words.iter().filter(|w| mentions(&haystack, w)).count();
                    if hits > 0 {
                        because.push(*label);
                        score += hits;
                    }
                }
                choices.push(FocusChoice {
                    focus: FocusRef {
                        curriculum: c.id.clone(),
                        focus: f.id.clone(),
                    },
                    title: f.title.clone(),
                    summary: f.summary.clone(),
                    curriculum_title: c.title.clone(),
                    because,
                    score,
                    chosen: false,
                });
            }
        }
        // The closest matches first; stable, so the curriculum's order breaks ties.
        choices.sort_by_key(|c| std::cmp::Reverse(c.score));
        let top = choices.first().map_or(0, |c| c.score);
        for choice in &mut choices {
            choice.chosen = if self.held_focus.is_empty() {
                // Narrowing down is the point: tick only the clearly closest areas.
                choice.score > 0 && choice.score * 2 >= top
            } else {
                self.held_focus.contains(&choice.focus)
            };
        }
        self.focus = choices;
    }

    /// Asks the planner how much work each offered goal is, so the learner sees it before adopting.
    fn estimate_goals(&mut self, workspace: &Workspace) {
        let state = State {
            progress: workspace.state.progress.clone(),
            hours_per_week: self.hours_per_week,
            goals: self
                .goals
                .iter()
                .map(|g| AdoptedGoal {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    source: None,
                    mentor_note: String::new(),
                    milestones: g.milestones.clone(),
                    target: g.target,
                    adopted_at: DateTime::<Utc>::default(),
                })
                .collect(),
            ..State::default()
        };
        let curricula: Vec<_> = workspace.curricula().collect();
        self.goal_hours = plan::plan(&curricula, &state, self.today)
            .goals
            .into_iter()
            .map(|f| (f.goal, f.remaining_hours))
            .collect();
    }

    fn find_known(&mut self, workspace: &Workspace) {
        let words: Vec<&str> = KNOWN_TOPICS
            .iter()
            .zip(self.known_topics)
            .filter(|(_, on)| *on)
            .flat_map(|((_, words), _)| words.iter().copied())
            .collect();
        self.known.clear();
        if words.is_empty() {
            return;
        }
        'all: for c in workspace.curricula() {
            for m in c.milestones() {
                if m.kind == Kind::Project {
                    continue;
                }
                let title = m.title.to_lowercase();
                let r = MilestoneRef::new(&c.id, &m.id);
                if words.iter().any(|w| mentions(&title, w))
                    && !workspace.state.status(&r).is_finished()
                {
                    self.known.push(KnownMatch {
                        milestone: r,
                        title: format!("{} — {}", m.title, c.title),
                        chosen: true,
                    });
                    if self.known.len() == MAX_KNOWN_MATCHES {
                        break 'all;
                    }
                }
            }
        }
    }

    fn chosen_focus(&self) -> Vec<FocusRef> {
        self.focus
            .iter()
            .filter(|f| f.chosen)
            .map(|f| f.focus.clone())
            .collect()
    }

    /// Goals that fit the chosen focus (goals with no focus fit everyone).
    fn fitting_goals(&self) -> impl Iterator<Item = usize> + '_ {
        let chosen = self.chosen_focus();
        self.goals.iter().enumerate().filter_map(move |(i, g)| {
            let fits = match &g.focus {
                None => true,
                Some(f) => chosen
                    .iter()
                    .any(|c| c.curriculum == g.curriculum && &c.focus == f),
            };
            fits.then_some(i)
        })
    }

    fn outcome(&self, now: DateTime<Utc>) -> Outcome {
        let fitting: HashSet<usize> = self.fitting_goals().collect();
        Outcome {
            focus: self.chosen_focus(),
            goals: self
                .goals
                .iter()
                .enumerate()
                .filter(|(i, g)| g.adopted && fitting.contains(i))
                .map(|(_, g)| AdoptedGoal {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    source: Some(GoalSource {
                        curriculum: g.curriculum.clone(),
                        goal: g.goal.clone(),
                    }),
                    mentor_note: g.mentor_note.clone(),
                    milestones: g.milestones.clone(),
                    target: g.target,
                    adopted_at: now,
                })
                .collect(),
            hours_per_week: self.hours_per_week,
            known: self
                .known
                .iter()
                .filter(|k| k.chosen)
                .map(|k| k.milestone.clone())
                .collect(),
        }
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        workspace: &Workspace,
        now: DateTime<Utc>,
        commands: &mut Vec<Command>,
    ) {
        let today = local_day(now);
        // One scroll position per step: a new step opens at its top, not where the last one
        // (a long list of focus areas) was scrolled to.
        egui::ScrollArea::vertical()
            .id_salt(("onboarding", self.step.number()))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.set_max_width(640.0);
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        ui.add_space(8.0);
                        ui.heading("Let's plan your path");
                        theme::caption(ui, format!("Step {} of 7", self.step.number() + 1));
                        ui.add_space(12.0);
                        let read_only = workspace.is_read_only();
                        ui.add_enabled_ui(!read_only, |ui| {
                            self.step_ui(ui, workspace, today, now, commands);
                        });
                    });
                });
            });
    }

    fn step_ui(
        &mut self,
        ui: &mut Ui,
        workspace: &Workspace,
        today: NaiveDate,
        now: DateTime<Utc>,
        commands: &mut Vec<Command>,
    ) {
        match self.step {
            Step::Welcome => {
                mentor_says(
                    ui,
                    "Hi, I'm your mentor. AI engineering is a wide field: recommendations, ads, \
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
                     heroic weekend followed by a month off. I'll use this to project when you \
                     reach each goal.",
                );
                ui.horizontal(|ui| {
                    let label = ui.label("Hours a week");
                    ui.add(
                        egui::Slider::new(&mut self.hours_per_week, 1.0..=40.0)
                            .step_by(0.5)
                            .suffix(" h"),
                    )
                    .labelled_by(label.id);
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
                let any_suggested = self.focus.iter().any(|f| !f.because.is_empty());
                let top_score = self.focus.first().map_or(0, |f| f.score);
                mentor_says(
                    ui,
                    if self.focus.is_empty() {
                        "Your curricula have no focus areas, so everything is in scope. You can \
                         still adopt goals next."
                    } else if any_suggested {
                        "From what you told me, these areas fit you best. I've ticked my \
                         suggestions; pick one or two to start — narrowing down is the point."
                    } else {
                        "None of the focus areas matched what you told me, so pick the ones that \
                         sound most like you."
                    },
                );
                for choice in &mut self.focus {
                    theme::card_frame(ui).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.checkbox(&mut choice.chosen, RichText::new(&choice.title).strong());
                        if !choice.summary.is_empty() {
                            ui.label(&choice.summary);
                        }
                        let mut caption = choice.curriculum_title.clone();
                        if !choice.because.is_empty() {
                            let lead = if choice.score * 2 >= top_score {
                                "Suggested because you like"
                            } else {
                                "Also close to"
                            };
                            caption = format!("{lead}: {} · {caption}", choice.because.join(", "));
                        }
                        theme::caption(ui, caption);
                    });
                    ui.add_space(4.0);
                }
                self.nav_ui(ui, workspace, Step::Known, Step::Goals);
            }
            Step::Goals => {
                let fitting: Vec<usize> = self.fitting_goals().collect();
                mentor_says(
                    ui,
                    if fitting.is_empty() {
                        "There are no mentor goals for this focus yet. You can still work through \
                         the milestones; I'll track your progress."
                    } else {
                        "Here are goals I'd set for you. Each has a note from me and a target date; \
                         adopt the ones you want and move the dates to fit your life."
                    },
                );
                for i in fitting {
                    let goal = &mut self.goals[i];
                    theme::card_frame(ui).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.checkbox(&mut goal.adopted, RichText::new(&goal.title).strong());
                        if !goal.mentor_note.is_empty() {
                            ui.label(
                                RichText::new(format!("Mentor: “{}”", goal.mentor_note)).italics(),
                            );
                        }
                        ui.horizontal(|ui| {
                            ui.label(format!("Target: {}", goal.target.format("%a %-d %b %Y")));
                            let earlier = format!("Move “{}” a week earlier", goal.title);
                            if theme::named_small_button(ui, "−1 week", &earlier).clicked()
                                && let Some(d) = goal.target.checked_sub_days(Days::new(7))
                                && d > today
                            {
                                goal.target = d;
                            }
                            let later = format!("Move “{}” a week later", goal.title);
                            if theme::named_small_button(ui, "+1 week", &later).clicked() {
                                goal.target = weeks_from(goal.target, 1);
                            }
                        });
                        let count = goal.milestones.len();
                        let mut about = format!(
                            "{count} {}",
                            if count == 1 { "milestone" } else { "milestones" }
                        );
                        if let Some(hours) = self.goal_hours.get(&goal.id) {
                            let weeks = (hours / self.hours_per_week.max(0.5)).ceil();
                            about.push_str(&format!(
                                " · about {} h with what they need first: {weeks} weeks at {} h a week",
                                hours.round(),
                                self.hours_per_week
                            ));
                        }
                        theme::caption(ui, about);
                    });
                    ui.add_space(4.0);
                }
                self.nav_ui(ui, workspace, Step::Focus, Step::Summary);
            }
            Step::Summary => {
                mentor_says(
                    ui,
                    "Here's the plan. Work on it a little every week, and come back to me \
                     whenever your interests shift.",
                );
                let outcome = self.outcome(now);
                theme::card_frame(ui).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let focus: Vec<&str> = self
                        .focus
                        .iter()
                        .filter(|f| f.chosen)
                        .map(|f| f.title.as_str())
                        .collect();
                    ui.label(format!(
                        "Focus: {}",
                        if focus.is_empty() {
                            "everything".to_owned()
                        } else {
                            focus.join(", ")
                        }
                    ));
                    ui.label(format!("Time: {} hours a week", self.hours_per_week));
                    if outcome.goals.is_empty() {
                        ui.label("Goals: none yet");
                    }
                    for g in &outcome.goals {
                        ui.label(format!(
                            "Goal: {} — by {}",
                            g.title,
                            g.target.format("%-d %b %Y")
                        ));
                    }
                    if !self.known.is_empty() {
                        ui.add_space(6.0);
                        ui.label("I'll mark these as done, since you know them:");
                        for k in &mut self.known {
                            ui.checkbox(&mut k.chosen, k.title.as_str());
                        }
                    }
                });
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Back").clicked() {
                        self.step = Step::Goals;
                    }
                    if theme::primary_button(ui, "Start my plan").clicked() {
                        commands.push(Command::FinishOnboarding(outcome));
                    }
                });
            }
        }
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
                        self.suggest_focus(workspace);
                    }
                    Step::Goals => {
                        // A mentor suggests one goal per chosen area (and one general goal),
                        // not all of them; earlier choices stand when the conversation reopens.
                        let fitting: Vec<usize> = self.fitting_goals().collect();
                        if fitting.iter().all(|&i| !self.goals[i].adopted) {
                            let mut seen = HashSet::new();
                            for i in fitting {
                                let g = &mut self.goals[i];
                                g.adopted = seen.insert((g.curriculum.clone(), g.focus.clone()));
                            }
                        }
                        self.estimate_goals(workspace);
                    }
                    _ => {}
                }
                self.step = next;
            }
        });
    }
}

/// Whether `text` has a word starting with `keyword` ("ads" finds "ads" and "adsense", not
/// "loads"); a keyword with a space is looked up as a phrase.
fn mentions(text: &str, keyword: &str) -> bool {
    if keyword.contains(' ') {
        return text.contains(keyword);
    }
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| word.starts_with(keyword))
}

/// The mentor's words, set apart like a chat message.
fn mentor_says(ui: &mut Ui, text: &str) {
    theme::banner_frame(ui, theme::Severity::Info).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Mentor").strong().color(theme::accent_of(ui)));
        ui.add(egui::Label::new(text).wrap());
    });
    ui.add_space(10.0);
}
