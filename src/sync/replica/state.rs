//! The learner's state made from the merge, whole or one part at a time.

use std::collections::{BTreeMap, BTreeSet};

use super::Replica;
use super::entry::{Entry, members};
use crate::progress::{
    ActivityLog, AdoptedGoal, CurriculumSource, FocusRef, Learner, Mentor, MilestoneProgress,
    MilestoneRef, Period, Shared, State, StatusChange, StudyTimes, TimerRun,
};
use crate::sync::hlc::Key;

impl Replica {
    /// The progress of `m` as the state shows it: its records under every name it has had,
    /// and, while it has no status of its own, the status of a milestone it was split off from
    /// once that one is finished.
    pub fn progress_of(&self, m: &MilestoneRef) -> Option<MilestoneProgress> {
        let merged = self.merged(m);
        let mut p = merged.as_deref().map(Entry::progress);
        let own_status = merged.as_deref().is_some_and(|e| e.status.get().is_some());
        if !own_status && let Some(sources) = self.names.split.get(m) {
            let finished = sources.iter().find_map(|s| {
                let source = self.merged(s)?;
                let status = *source.status.get()?;
                status
                    .is_finished()
                    .then(|| (status, source.progress().finished_at()))
            });
            if let Some((status, at)) = finished {
                let p = p.get_or_insert_with(MilestoneProgress::default);
                p.status = status;
                if let Some(at) = at {
                    p.history.push(StatusChange { status, at });
                }
            }
        }
        p
    }

    /// The imported curricula, as the merge has them: what the workspace loads.
    pub fn sources(&self) -> BTreeMap<String, CurriculumSource> {
        self.sources
            .iter()
            .filter_map(|(id, r)| r.get().cloned().flatten().map(|s| (id.clone(), s)))
            .collect()
    }

    /// The focus areas chosen, in the order they were chosen.
    pub fn focus(&self) -> Vec<FocusRef> {
        members(&self.focus)
    }

    pub fn hours_per_week(&self) -> f64 {
        self.hours_per_week
            .get()
            .copied()
            .unwrap_or(State::default().hours_per_week)
    }

    /// What the mentor loop left: packets sent, replies taken in, sign-offs and comments.
    /// Sign-offs and comments name their milestones by the ids they have now, as notes and
    /// hours do: a project renamed by an update keeps its mentor's word.
    pub fn mentoring_into(&self, state: &mut State) {
        state.packets = members(&self.packets);
        state.replies = members(&self.replies);
        state.sign_offs = members(&self.sign_offs);
        state.comments = members(&self.comments);
        if !self.names.is_empty() {
            for s in &mut state.sign_offs {
                s.milestone = self.names.current(&s.milestone).clone();
            }
            for c in &mut state.comments {
                c.milestone = self.names.current(&c.milestone).clone();
            }
        }
    }

    /// The timers running, oldest first.
    pub fn timers(&self) -> Vec<TimerRun> {
        let mut timers = members(&self.timers);
        timers.sort_by_key(|t| t.started);
        timers
    }

    /// The study days and start the learner chose, or the default.
    pub fn study_times(&self) -> StudyTimes {
        self.study_times.get().cloned().unwrap_or_default()
    }

    /// Time away and weeks of other hours, in the order they were added (the latest decides a
    /// day that several cover, see [`State::period_on`]).
    pub fn periods(&self) -> Vec<Period> {
        members(&self.periods)
    }

    pub fn onboarded(&self) -> bool {
        self.onboarded.get() == Some(&true)
    }

    pub fn mentor(&self) -> Mentor {
        // By date, as the window keeps them; those of one date in the order they were added
        // (a stable sort of the record order).
        let mut check_ins = members(&self.check_ins);
        check_ins.sort_by_key(|c| c.date);
        Mentor {
            name: self.mentor_name.get().cloned().unwrap_or_default(),
            contact: self.mentor_contact.get().cloned().unwrap_or_default(),
            check_ins,
        }
    }

    /// The learner's name and public links.
    pub fn learner(&self) -> Learner {
        Learner {
            name: self.learner_name.get().cloned().unwrap_or_default(),
            links: self.learner_links.get().cloned().unwrap_or_default(),
        }
    }

    /// The learner's goals in their order: the learner's order first; goals it does not name
    /// (adopted on another machine that had not seen it) after, in the order they were adopted.
    pub fn goals(&self) -> Vec<AdoptedGoal> {
        let mut goals: Vec<(&Key, &AdoptedGoal)> = self
            .goals
            .values()
            .filter_map(|r| r.get().and_then(Option::as_ref).zip(r.winner()))
            .map(|(g, k)| (k, g))
            .collect();
        goals.sort_by(|a, b| a.0.cmp(b.0));
        let order: &[String] = self.goal_order.get().map_or(&[], Vec::as_slice);
        goals.sort_by_key(|(_, g)| {
            order
                .iter()
                .position(|id| *id == g.id)
                .unwrap_or(usize::MAX)
        });
        let named = !self.names.is_empty();
        goals
            .into_iter()
            .map(|(_, g)| {
                let mut g = g.clone();
                if named {
                    let mut seen = BTreeSet::new();
                    g.milestones = g
                        .milestones
                        .iter()
                        .map(|r| self.names.current(r).clone())
                        .filter(|r| seen.insert(r.clone()))
                        .collect();
                }
                g
            })
            .collect()
    }

    /// The log, oldest first, each entry naming milestones by their current ids.
    pub fn activity_log(&self) -> ActivityLog {
        let mut log = ActivityLog::new();
        for (k, a) in &self.activity {
            if !self.activity_gone.contains(k) {
                log.push(self.named_now(a).into_owned());
            }
        }
        log
    }

    /// The learner's state. `is_current` tells which milestones the loaded curricula hold:
    /// progress on any other is set aside (as an update that removed a milestone sets it aside),
    /// and comes back when a curriculum holds it again.
    pub fn state(&self, is_current: &dyn Fn(&MilestoneRef) -> bool) -> State {
        let mut progress: BTreeMap<String, BTreeMap<String, MilestoneProgress>> = BTreeMap::new();
        let mut set_aside: BTreeMap<String, BTreeMap<String, MilestoneProgress>> = BTreeMap::new();
        let named = !self.names.is_empty();
        let mut place = |r: &MilestoneRef, p: MilestoneProgress| {
            if p.is_blank() {
                return;
            }
            let map = if is_current(r) {
                &mut progress
            } else {
                &mut set_aside
            };
            map.entry(r.curriculum.clone())
                .or_default()
                .insert(r.milestone.clone(), p);
        };
        for (r, entry) in &self.milestones {
            if !named {
                place(r, entry.progress());
                continue;
            }
            // An earlier id shows under the milestone it became, once.
            let now = self.names.current(r);
            if now != r
                && (self.milestones.contains_key(now) || self.names.earlier_first(now) != Some(r))
            {
                continue;
            }
            if now == r && self.names.split.contains_key(r) {
                continue;
            }
            if let Some(p) = self.progress_of(now) {
                place(now, p);
            }
        }
        // A milestone split off from another shows its progress even with no record of its own.
        for m in self.names.split.keys() {
            if let Some(p) = self.progress_of(m) {
                place(m, p);
            }
        }
        let mut state = State {
            focus: self.focus(),
            goals: self.goals(),
            hours_per_week: self.hours_per_week(),
            progress: progress
                .into_iter()
                .map(|(c, m)| (c, Shared::from(m)))
                .collect(),
            set_aside: set_aside
                .into_iter()
                .map(|(c, m)| (c, Shared::from(m)))
                .collect(),
            activity: self.activity_log(),
            mentor: self.mentor(),
            sources: self.sources(),
            onboarded: self.onboarded(),
            periods: self.periods(),
            timers: self.timers(),
            study_times: self.study_times(),
            learner: self.learner(),
            packets: Vec::new(),
            replies: Vec::new(),
            sign_offs: Vec::new(),
            comments: Vec::new(),
        };
        self.mentoring_into(&mut state);
        state
    }
}
