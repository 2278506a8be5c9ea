//! The learner's plan-level choices as the workspace sees them: focus areas, the mentor goals
//! on offer, and targets the plan can reach.

use chrono::{DateTime, NaiveDate, Utc};

use super::rules::Planned;
use super::{Workspace, WorkspaceError};
use crate::curriculum::Curriculum;
use crate::plan::day_words;
use crate::plan::suggest::{self, GoalOffer};
use crate::plan::{self, Plan};
use crate::progress::{Activity, Event};
use crate::progress::{AdoptedGoal, FocusRef, MilestoneRef, Profile, ProfileError, Status};
use crate::sync::Op;

/// The weeks a goal gets when the plan cannot date it and its curriculum suggests none.
const DEFAULT_GOAL_WEEKS: u32 = 12;

impl Workspace {
    /// Adopts a curriculum's goal, with `target` or one the plan can reach, logged.
    pub(super) fn adopt_goal_ops(
        &self,
        curriculum: &str,
        goal: &str,
        target: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Planned, WorkspaceError> {
        let today = crate::plan::local_day(now);
        let adopted = self.adopted_goal(curriculum, goal, target, today, now)?;
        let mut profile = Profile::of(&self.state);
        profile.adopt(adopted.clone())?;
        let mut ops = self.profile_ops(&profile);
        ops.push(Op::Activity(Activity {
            at: now,
            event: Event::GoalAdopted {
                goal: adopted.id.clone(),
            },
        }));
        Ok(Planned::new(
            ops,
            format!("adopted the goal “{}”", adopted.title),
        ))
    }

    /// Makes a goal of the learner's own, first or last in their order, logged.
    pub(super) fn new_goal_ops(
        &self,
        title: &str,
        milestones: &[MilestoneRef],
        (target, first): (Option<NaiveDate>, bool),
        now: DateTime<Utc>,
    ) -> Result<Planned, WorkspaceError> {
        let today = crate::plan::local_day(now);
        let profile = self.own_goal(title, milestones, (target, first), today, now)?;
        let goal = if first {
            profile.goals.first()
        } else {
            profile.goals.last()
        }
        .cloned()
        .ok_or(WorkspaceError::GoalNeeds("a title"))?;
        let mut ops = self.profile_ops(&profile);
        ops.push(Op::Activity(Activity {
            at: now,
            event: Event::GoalAdopted {
                goal: goal.id.clone(),
            },
        }));
        let count = goal.milestones.len();
        Ok(Planned::new(
            ops,
            format!(
                "made the goal “{}” of {count} {}, target {}{}",
                goal.title,
                if count == 1 {
                    "milestone"
                } else {
                    "milestones"
                },
                day_words(goal.target),
                if first { ", first in your goals" } else { "" }
            ),
        ))
    }

    /// The learner's plan-level choices, for a change through [`Profile`]'s rules.
    pub fn profile(&self) -> Profile {
        Profile::of(&self.state)
    }

    /// Checks that `focus` names a focus area of a curriculum in the workspace.
    pub fn check_focus(&self, focus: &FocusRef) -> Result<(), WorkspaceError> {
        let c = self
            .curriculum(&focus.curriculum)
            .ok_or_else(|| WorkspaceError::UnknownCurriculum(focus.curriculum.clone()))?;
        if focus.is_whole() {
            // The whole of a curriculum is for one without areas; one with areas names one.
            if c.focus_areas.is_empty() {
                return Ok(());
            }
            let areas: Vec<String> = c
                .focus_areas
                .iter()
                .map(|a| format!("{}/{}", c.id, a.id))
                .collect();
            return Err(WorkspaceError::HasFocusAreas(
                c.id.clone(),
                areas.join(", "),
            ));
        }
        c.focus_area(&focus.focus).map(|_| ()).ok_or_else(|| {
            WorkspaceError::UnknownFocus(format!("{}/{}", focus.curriculum, focus.focus))
        })
    }

    /// Once, on a machine that ran a Waymark from before a curriculum without focus areas had
    /// to be put in focus whole: each imported one stays in the focus the learner chose, as it
    /// was, through the one write path (recorded for the other machines, and undoable).
    pub(super) fn keep_checklists_in_focus(&mut self) {
        let own = crate::sync::about::read_own(self.data.root(), &self.journal.device().id);
        if own.is_none_or(|about| about.whole_focus) || self.state.focus.is_empty() {
            return;
        }
        let kept: Vec<FocusRef> = self
            .curricula_with_origin()
            .filter(|(c, o)| **o == super::Origin::Imported && c.focus_areas.is_empty())
            .map(|(c, _)| FocusRef::whole(&c.id))
            .filter(|f| !self.state.focus.contains(f))
            .collect();
        for focus in kept {
            // A change refused here changes nothing; the learner can tick it themselves.
            let _ = self.apply(super::Change::AddFocus(focus), Utc::now());
        }
    }

    /// A focus as the learner reads it: the area's title, or the curriculum's with "(all of
    /// it)" for a whole one; its id when no curriculum loaded has it.
    pub fn focus_title(&self, focus: &FocusRef) -> String {
        let c = self.curriculum(&focus.curriculum);
        match c {
            Some(c) if focus.is_whole() && c.focus_areas.is_empty() => {
                format!("{} (all of it)", c.title)
            }
            Some(c) if focus.is_whole() => format!("{} (by area only)", c.title),
            Some(c) => c
                .focus_area(&focus.focus)
                .map_or_else(|| focus.to_string(), |a| a.title.clone()),
            None => focus.to_string(),
        }
    }

    /// Every mentor goal of the curricula, as the learner may adopt it.
    pub fn goal_offers(&self) -> Vec<GoalOffer> {
        suggest::goal_offers(self.curricula())
    }

    /// The mentor goal `goal` of curriculum `curriculum`.
    pub fn goal_offer(&self, curriculum: &str, goal: &str) -> Result<GoalOffer, WorkspaceError> {
        if self.curriculum(curriculum).is_none() {
            return Err(WorkspaceError::UnknownCurriculum(curriculum.to_owned()));
        }
        self.goal_offers()
            .into_iter()
            .find(|o| o.curriculum == curriculum && o.goal == goal)
            .ok_or_else(|| WorkspaceError::UnknownMentorGoal(format!("{curriculum}/{goal}")))
    }

    /// The plan as it would be with `profile` and the milestones in `known` done: what the
    /// first-run conversation shows before the learner agrees to it.
    pub fn plan_for(&self, profile: &Profile, known: &[MilestoneRef], today: NaiveDate) -> Plan {
        let mut state = self.state.clone();
        profile.write(&mut state);
        for r in known {
            state.milestone_mut(r).status = Status::Done;
        }
        let curricula: Vec<&Curriculum> = self.curricula().collect();
        plan::plan_with(self.index(), &curricula, &state, today)
    }

    /// `profile` with a target the plan can reach for each goal named in `unset`: its late
    /// finish at the profile's hours a week, rounded up to a week, in the profile's goal order
    /// (see [`plan::reachable_target`]), as if the milestones in `known` were done. A goal
    /// the plan cannot date (no hours a week) gets its curriculum's suggested weeks.
    pub fn with_reachable_targets(
        &self,
        mut profile: Profile,
        unset: &[String],
        known: &[MilestoneRef],
        today: NaiveDate,
    ) -> Profile {
        for g in profile.goals.iter_mut().filter(|g| unset.contains(&g.id)) {
            g.target = NaiveDate::MAX;
        }
        let plan = self.plan_for(&profile, known, today);
        let offers = self.goal_offers();
        for goal in profile.goals.iter_mut().filter(|g| unset.contains(&g.id)) {
            let reachable = plan.goal(&goal.id).and_then(|f| match f.outlook {
                plan::Outlook::Reached => Some(today),
                _ => plan::reachable_target(f, today),
            });
            goal.target = reachable.unwrap_or_else(|| {
                let weeks = goal
                    .source
                    .as_ref()
                    .and_then(|s| {
                        offers
                            .iter()
                            .find(|o| o.curriculum == s.curriculum && o.goal == s.goal)
                    })
                    .and_then(|o| o.suggested_weeks)
                    .unwrap_or(DEFAULT_GOAL_WEEKS);
                today
                    .checked_add_days(chrono::Days::new(u64::from(weeks) * 7))
                    .unwrap_or(today)
            });
        }
        profile
    }

    /// The mentor goal `goal` of `curriculum` as the learner would adopt it: last in their
    /// order, with `target` or, without one, a target the plan can reach. A target before
    /// `today` is refused, and so is a goal adopted already.
    pub(super) fn adopted_goal(
        &self,
        curriculum: &str,
        goal: &str,
        target: Option<NaiveDate>,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<AdoptedGoal, WorkspaceError> {
        let offer = self.goal_offer(curriculum, goal)?;
        if let Some(t) = target
            && t < today
        {
            return Err(ProfileError::TargetInPast { target: t, today }.into());
        }
        if self.state.goal(&offer.id).is_some() {
            return Err(ProfileError::AlreadyAdopted(offer.id).into());
        }
        let mut profile = self.profile();
        profile.adopt(offer.adopt(target.unwrap_or(today), now))?;
        if target.is_none() {
            profile =
                self.with_reachable_targets(profile, std::slice::from_ref(&offer.id), &[], today);
        }
        profile
            .goals
            .into_iter()
            .find(|g| g.id == offer.id)
            .ok_or(WorkspaceError::UnknownMentorGoal(offer.id))
    }

    /// The learner's own goal as it would be made: titled `title` (one line, at most
    /// [`MAX_GOAL_TITLE_CHARS`]), over `milestones` (at least one, each in a curriculum,
    /// duplicates once), first or last in their order, with `target` or a target the plan can
    /// reach: the learner's goals as they will be.
    /// Its id is `own-`, the title's slug and four hex digits of this machine's id, made unique
    /// among the learner's goals.
    pub(super) fn own_goal(
        &self,
        title: &str,
        milestones: &[MilestoneRef],
        (target, first): (Option<NaiveDate>, bool),
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Profile, WorkspaceError> {
        let title = crate::curriculum::markdown::clean_title(title);
        if title.is_empty() {
            return Err(WorkspaceError::GoalNeeds("a title"));
        }
        if title.chars().count() > MAX_GOAL_TITLE_CHARS {
            return Err(WorkspaceError::GoalNeeds("a shorter title"));
        }
        if milestones.is_empty() {
            return Err(WorkspaceError::GoalNeeds("at least one milestone"));
        }
        let mut unique: Vec<MilestoneRef> = Vec::with_capacity(milestones.len());
        let mut seen = std::collections::HashSet::new();
        for m in milestones {
            self.check_milestone(m)?;
            if seen.insert(m) {
                unique.push(m.clone());
            }
        }
        if let Some(t) = target
            && t < today
        {
            return Err(ProfileError::TargetInPast { target: t, today }.into());
        }
        // The machine's mark in the id: two machines that make a goal of the same title before
        // either sees the other's make two goals, not one that overwrites the other.
        let machine = crate::curriculum::markdown::fnv1a_32(&self.device().id) & 0xffff;
        let base = format!(
            "own-{}-{machine:04x}",
            crate::curriculum::markdown::title_part(&title)
                .chars()
                .take(60)
                .collect::<String>()
                .trim_end_matches('-')
        );
        let mut id = base.clone();
        let mut n = 2;
        while self.state.goal(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        let goal = AdoptedGoal {
            id: id.clone(),
            title,
            source: None,
            mentor_note: String::new(),
            milestones: unique,
            target: target.unwrap_or(today),
            adopted_at: now,
        };
        let mut profile = self.profile();
        profile.adopt(goal)?;
        if first {
            profile.move_goal(&id, 0)?;
        }
        if target.is_none() {
            profile = self.with_reachable_targets(profile, std::slice::from_ref(&id), &[], today);
        }
        Ok(profile)
    }
}

/// The longest title of the learner's own goal, in characters.
pub const MAX_GOAL_TITLE_CHARS: usize = 120;
