//! Waymark's guide: what the first-run conversation proposes, as one [`Proposal`] that the
//! window and `waymark onboard` both show and apply. The focus areas the learner's likes
//! suggest, the goals that fit them in the path's order ([`suggest::path_order`]) with targets
//! the plan can reach at their hours, what the learner knows already, and the plan all of it
//! gives.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use crate::plan::suggest::{self, FocusSuggestion, GoalOffer, INTERESTS, KNOWN_TOPICS, KnownFind};
use crate::plan::{GoalForecast, Plan};
use crate::progress::{AdoptedGoal, FocusRef, MilestoneRef, Profile};
use crate::workspace::Workspace;

/// The hours a week the guide starts from, before the learner moves the slider.
pub const DEFAULT_HOURS: f64 = 6.0;

/// What the learner told the guide.
#[derive(Clone, Debug, PartialEq)]
pub struct Answers {
    /// One flag per [`INTERESTS`] entry.
    pub likes: [bool; INTERESTS.len()],
    /// One flag per [`KNOWN_TOPICS`] entry.
    pub knows: [bool; KNOWN_TOPICS.len()],
    /// The focus areas chosen, in place of those the likes suggest.
    pub focus: Option<Vec<FocusRef>>,
    pub hours_per_week: f64,
}

impl Default for Answers {
    fn default() -> Self {
        Self {
            likes: [false; INTERESTS.len()],
            knows: [false; KNOWN_TOPICS.len()],
            focus: None,
            hours_per_week: DEFAULT_HOURS,
        }
    }
}

/// An answer the guide does not know.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AnswerError {
    #[error("\"{0}\" is not a kind of work the guide knows; it knows: {list}", list = ids(INTERESTS.iter().map(|i| i.id)))]
    Like(String),
    #[error("\"{0}\" is not something the guide asks about; it asks about: {list}", list = ids(KNOWN_TOPICS.iter().map(|t| t.id)))]
    Knows(String),
}

fn ids<'a>(all: impl Iterator<Item = &'a str>) -> String {
    all.collect::<Vec<_>>().join(", ")
}

impl Answers {
    /// Answers from ids, as `waymark onboard` takes them: `likes` of [`INTERESTS`], `knows` of
    /// [`KNOWN_TOPICS`].
    pub fn from_ids(likes: &[String], knows: &[String]) -> Result<Self, AnswerError> {
        Ok(Self {
            likes: suggest::flags(&INTERESTS, |i| i.id, likes).map_err(AnswerError::Like)?,
            knows: suggest::flags(&KNOWN_TOPICS, |t| t.id, knows).map_err(AnswerError::Knows)?,
            ..Self::default()
        })
    }
}

/// The guide's choices, as the learner has them: what makes their profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    pub focus: Vec<FocusRef>,
    /// The goals adopted, in the order to work on them, each with the target the learner
    /// picked (`None`: one the plan can reach).
    pub goals: Vec<(GoalOffer, Option<NaiveDate>)>,
    pub hours_per_week: f64,
    /// Milestones the learner knows already, to be marked known.
    pub known: Vec<MilestoneRef>,
}

/// Everything the guide proposes for a set of answers.
#[derive(Clone, Debug)]
pub struct Proposal {
    /// Every focus area, the closest to the learner's likes first.
    pub suggestions: Vec<FocusSuggestion>,
    /// Every goal the curricula offer.
    pub offers: Vec<GoalOffer>,
    /// What the learner's answers mark known, and what they hold back.
    pub known: KnownFind,
    pub choices: Choices,
    /// The learner's profile with the choices made: goals held before that the guide does
    /// not offer kept, every target set.
    pub profile: Profile,
    /// The plan of that profile, with the known milestones finished.
    pub plan: Plan,
}

impl Proposal {
    /// The first goal, in plan order, that ends with a project and is not reached yet, with
    /// its forecast: the near win the guide leads with.
    pub fn first_project(&self, workspace: &Workspace) -> Option<&GoalForecast> {
        self.first_project_where(workspace, |_| true)
    }

    /// [`Self::first_project`] among the goals of the chosen focus areas.
    pub fn first_focus_project(&self, workspace: &Workspace) -> Option<&GoalForecast> {
        let focus_goals: HashSet<&str> = self
            .choices
            .goals
            .iter()
            .filter(|(o, _)| o.focus.is_some())
            .map(|(o, _)| o.id.as_str())
            .collect();
        self.first_project_where(workspace, |id| focus_goals.contains(id))
    }

    fn first_project_where(
        &self,
        workspace: &Workspace,
        keep: impl Fn(&str) -> bool,
    ) -> Option<&GoalForecast> {
        self.plan.goals.iter().find(|f| {
            f.likely_finish.is_some()
                && keep(&f.goal)
                && self
                    .profile
                    .goals
                    .iter()
                    .find(|g| g.id == f.goal)
                    .is_some_and(|g| ends_with_project(workspace, g))
        })
    }
}

/// Whether the last milestone a goal names is a project.
pub fn ends_with_project(workspace: &Workspace, goal: &AdoptedGoal) -> bool {
    goal.milestones
        .last()
        .and_then(|r| workspace.place(r))
        .and_then(|p| workspace.milestone_at(p))
        .is_some_and(|m| m.kind == crate::curriculum::Kind::Project)
}

/// What the guide proposes for `answers`: the focus areas they suggest (or the ones they
/// name), every goal that fits them in the path's order with a target the plan can reach,
/// and what the learner knows marked known.
pub fn propose(
    workspace: &Workspace,
    answers: &Answers,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Proposal {
    let suggestions = suggest::suggest_focus(workspace.curricula(), &answers.likes);
    let focus = answers.focus.clone().unwrap_or_else(|| {
        suggestions
            .iter()
            .filter(|s| s.suggested)
            .map(|s| s.focus.clone())
            .collect()
    });
    let offers = workspace.goal_offers();
    let curricula: Vec<_> = workspace.curricula().collect();
    let order = suggest::path_order(&curricula, &offers, &focus);
    let known = suggest::known_milestones(workspace.curricula(), workspace.state(), &answers.knows);
    let choices = Choices {
        focus,
        goals: order.iter().map(|&i| (offers[i].clone(), None)).collect(),
        hours_per_week: answers.hours_per_week,
        known: known.known.iter().map(|k| k.milestone.clone()).collect(),
    };
    let profile = profile(workspace, &offers, &choices, today, now);
    let plan = workspace.plan_for(&profile, &choices.known, today);
    Proposal {
        suggestions,
        offers,
        known,
        choices,
        profile,
        plan,
    }
}

/// The profile `choices` give over the learner's own: the goals held before that are offered
/// and still adopted keep their place (and their target, unless another was picked), goals
/// held that the guide does not offer (the learner's own, another curriculum's) are kept, as is
/// a whole curriculum the learner put in focus, and
/// the goals newly adopted follow in the order chosen. Each goal without a target gets one the
/// plan can reach at the chosen hours, with the known milestones finished. Marked onboarded.
pub fn profile(
    workspace: &Workspace,
    offers: &[GoalOffer],
    choices: &Choices,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Profile {
    let held = workspace.profile();
    let adopted: HashMap<&str, Option<NaiveDate>> = choices
        .goals
        .iter()
        .map(|(o, target)| (o.id.as_str(), *target))
        .collect();
    let offered: HashSet<&str> = offers.iter().map(|o| o.id.as_str()).collect();
    // The guide chooses focus areas; a whole curriculum the learner put in focus (a checklist
    // of their own, which has none) stays.
    let mut focus = choices.focus.clone();
    focus.extend(
        held.focus
            .iter()
            .filter(|f| f.is_whole() && !choices.focus.contains(f))
            .cloned(),
    );
    let mut profile = Profile {
        focus,
        goals: Vec::new(),
        hours_per_week: choices.hours_per_week,
        onboarded: true,
    };
    let mut unset = Vec::new();
    for goal in &held.goals {
        match adopted.get(goal.id.as_str()) {
            Some(target) => {
                let mut goal = goal.clone();
                goal.target = target.unwrap_or(goal.target);
                profile.goals.push(goal);
            }
            None if !offered.contains(goal.id.as_str()) => profile.goals.push(goal.clone()),
            None => {}
        }
    }
    for (offer, target) in &choices.goals {
        if profile.goals.iter().any(|g| g.id == offer.id) {
            continue;
        }
        if target.is_none() {
            unset.push(offer.id.clone());
        }
        profile
            .goals
            .push(offer.adopt(target.unwrap_or(today), now));
    }
    workspace.with_reachable_targets(profile, &unset, &choices.known, today)
}

/// The change that starts the plan a proposal holds: its profile, with its known milestones
/// marked known (done, and in no log: see [`crate::workspace::Change::SetProfile`]).
pub fn start(proposal: &Proposal) -> crate::workspace::Change {
    crate::workspace::Change::SetProfile {
        profile: proposal.profile.clone(),
        known: proposal.choices.known.clone(),
        what: "started your plan with the guide".into(),
    }
}

/// How many of `known` are not finished yet: what starting a plan marks known.
pub fn to_mark(workspace: &Workspace, known: &[MilestoneRef]) -> usize {
    known
        .iter()
        .filter(|r| !workspace.state().status(r).is_finished())
        .count()
}

/// What a new revision of a bundled curriculum brought a learner who had an earlier one: shown
/// once, when Waymark was updated under their data (contract §3). Everything here is read from
/// the learner's data and the curriculum; nothing is changed until they say so.
#[derive(Clone, Debug)]
pub struct WhatsNew {
    pub curriculum: String,
    pub title: String,
    pub revision: u32,
    /// The author's words on what changed.
    pub note: String,
    /// Milestones of it the learner has finished.
    pub finished: usize,
    /// `(milestone, the one it was split off from)`, by title: finished because that one is.
    pub split: Vec<(String, String)>,
    /// Milestones that left the path, by id: the learner's progress on them is kept aside.
    pub aside: Vec<String>,
    /// The learner's goals redone in the new revision's path order (their own goals kept), when
    /// they hold goals of this curriculum: offered, never applied unasked.
    pub new_path: Option<Profile>,
}

/// What revision `curriculum` (bundled) brings the learner, when their data shows an earlier
/// one: goals adopted from it that the revision now words or composes differently, progress on
/// milestones it no longer has, or a milestone finished through what it was split off from.
/// `None` when nothing of theirs predates it.
pub fn whats_new(
    workspace: &Workspace,
    curriculum: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Option<WhatsNew> {
    let c = workspace.curriculum(curriculum)?;
    let state = workspace.state();
    let from_it: Vec<&AdoptedGoal> = state
        .goals
        .iter()
        .filter(|g| g.source.as_ref().is_some_and(|s| s.curriculum == c.id))
        .collect();
    let goals_changed = from_it.iter().any(|g| {
        let source = g.source.as_ref().map(|s| s.goal.as_str());
        c.goals
            .iter()
            .find(|x| Some(x.id.as_str()) == source)
            .is_none_or(|x| {
                x.title != g.title
                    || !x
                        .milestones
                        .iter()
                        .map(|m| MilestoneRef::new(&c.id, m))
                        .eq(g.milestones.iter().cloned())
            })
    });
    let aside: Vec<String> = state
        .set_aside
        .get(&c.id)
        .map(|m| {
            m.iter()
                .filter(|(_, p)| !p.is_blank())
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default();
    let finished = |id: &str| state.status(&MilestoneRef::new(&c.id, id)).is_finished();
    let split: Vec<(String, String)> = c
        .milestones()
        .filter(|m| finished(&m.id))
        .filter_map(|m| {
            let from = m.split_from.iter().find(|f| finished(f))?;
            Some((m.title.clone(), c.milestone(from)?.title.clone()))
        })
        .collect();
    if !goals_changed && aside.is_empty() && split.is_empty() {
        return None;
    }
    let new_path = (!from_it.is_empty()).then(|| new_path(workspace, today, now));
    Some(WhatsNew {
        curriculum: c.id.clone(),
        title: c.title.clone(),
        revision: c.revision,
        note: c.revision_note.clone(),
        finished: c.milestones().filter(|m| finished(&m.id)).count(),
        split,
        aside,
        new_path,
    })
}

/// The learner's profile with the curricula's goals that fit their focus in the path's order
/// (each as the curriculum words it now, with a target the plan can reach), and their own goals
/// after them: what "use the new path" applies.
pub fn new_path(workspace: &Workspace, today: NaiveDate, now: DateTime<Utc>) -> Profile {
    let held = workspace.profile();
    let offers = workspace.goal_offers();
    let curricula: Vec<_> = workspace.curricula().collect();
    let order = suggest::path_order(&curricula, &offers, &held.focus);
    let offered: HashSet<&str> = offers.iter().map(|o| o.id.as_str()).collect();
    let mut profile = Profile {
        goals: order.iter().map(|&i| offers[i].adopt(today, now)).collect(),
        ..held.clone()
    };
    let unset: Vec<String> = profile.goals.iter().map(|g| g.id.clone()).collect();
    profile.goals.extend(
        held.goals
            .iter()
            .filter(|g| !offered.contains(g.id.as_str()))
            .cloned(),
    );
    workspace.with_reachable_targets(profile, &unset, &[], today)
}
