//! The first-run conversation: Waymark's guide (a script, named apart from the learner's real
//! mentor on the Mentor page) asks what draws the learner, how much time they have and what
//! they know, suggests focus areas, and proposes goals in the path's order with targets they
//! can reach. Every suggestion comes from [`crate::guide`], which `waymark onboard` asks too;
//! this module keeps the conversation's state and draws it.

mod layout;
mod steps;
mod summary;

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::command::{GuideAnswers, GuideOutcome};
use crate::guide::{self, Answers, Choices};
use crate::plan::Plan;
use crate::plan::suggest::{
    self, FocusSuggestion, GoalOffer, Held, INTERESTS, KNOWN_TOPICS, Known,
};
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
        let find = suggest::known_milestones(
            workspace.curricula(),
            workspace.state(),
            &self.answers.knows,
        );
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
}
