//! What the learner's progress says of each node of the planner's index, and the copy of it
//! the workspace keeps between plans: a change brings up to date only the milestones it
//! touched, so a plan after a click does not walk the whole learner again.

use foldhash::{HashMap, HashMapExt};

use crate::progress::review::Schedule;
use crate::progress::{MilestoneProgress, MilestoneRef, State, Status};

use super::index::Index;

/// What the learner's progress says of each node, from one walk over it.
#[derive(Debug, PartialEq)]
pub(super) struct Learner {
    pub statuses: Vec<Status>,
    /// Hours logged on each node that has any, in node order.
    pub logged_on: Vec<(u32, f64)>,
    /// Hours logged per node (0 for none): looked up for every milestone of the work order.
    logged: Vec<f64>,
    /// The learner's own estimates, for the nodes that have one.
    pub own: HashMap<u32, f64>,
    /// The review schedule of every skill and framework done, in node order.
    pub schedules: Vec<(u32, Schedule)>,
    /// Milestones flagged as changed since the learner finished them, in node order.
    pub changed: Vec<u32>,
}

/// What one entry of the progress says of its node: the one reading that both the whole walk
/// and the update of one milestone make.
struct Entry {
    status: Status,
    /// Hours logged, when there are any that count.
    logged: Option<f64>,
    own: Option<f64>,
    schedule: Option<Schedule>,
    changed: bool,
}

fn entry(index: &Index, i: usize, p: &MilestoneProgress) -> Entry {
    Entry {
        status: p.status,
        logged: Some(p.hours_logged).filter(|h| *h > 0.0 && h.is_finite()),
        own: p.own_estimate_hours.filter(|h| h.is_finite() && *h >= 0.0),
        schedule: if index.nodes[i].kind.is_reviewed() {
            p.schedule()
        } else {
            None
        },
        changed: p.changed.is_some(),
    }
}

impl Learner {
    pub fn logged(&self, i: usize) -> f64 {
        self.logged[i]
    }

    /// Every node's status, hours logged and own estimate, from one walk over the learner's
    /// progress: a hash look-up per entry, where a look-up per milestone in the sorted map
    /// costs a tree descent of string compares.
    pub fn of(index: &Index, state: &State) -> Self {
        let n = index.len();
        let mut learner = Learner {
            statuses: vec![Status::Todo; n],
            logged_on: Vec::new(),
            logged: vec![0.0; n],
            own: HashMap::new(),
            schedules: Vec::new(),
            changed: Vec::new(),
        };
        for (id, &ci) in &index.curriculum {
            for (m, p) in state.progress.get(id).into_iter().flatten() {
                let Some(i) = index.node(ci, m) else { continue };
                let e = entry(index, i, p);
                let node = i as u32;
                learner.statuses[i] = e.status;
                if let Some(h) = e.logged {
                    learner.logged[i] = h;
                    learner.logged_on.push((node, h));
                }
                if let Some(h) = e.own {
                    learner.own.insert(node, h);
                }
                if let Some(s) = e.schedule {
                    learner.schedules.push((node, s));
                }
                if e.changed {
                    learner.changed.push(node);
                }
            }
        }
        // The walk above goes through hash maps: put what it found in node order, so that a
        // plan lists them the same way every time.
        learner.schedules.sort_unstable_by_key(|(i, _)| *i);
        learner.changed.sort_unstable();
        learner.logged_on.sort_unstable_by_key(|(i, _)| *i);
        learner
    }

    /// Reads milestone `r` again from `state`, as [`Self::of`] would: a look-up and a search
    /// in each sorted list.
    fn update(&mut self, index: &Index, state: &State, r: &MilestoneRef) {
        let Some(i) = index.find(r) else { return };
        let e = state.milestone(r).map(|p| entry(index, i, p));
        let node = i as u32;
        self.statuses[i] = e.as_ref().map_or(Status::Todo, |e| e.status);
        let logged = e.as_ref().and_then(|e| e.logged);
        self.logged[i] = logged.unwrap_or(0.0);
        set(&mut self.logged_on, node, logged);
        match e.as_ref().and_then(|e| e.own) {
            Some(h) => self.own.insert(node, h),
            None => self.own.remove(&node),
        };
        set(
            &mut self.schedules,
            node,
            e.as_ref().and_then(|e| e.schedule),
        );
        let changed = e.as_ref().is_some_and(|e| e.changed);
        set(&mut self.changed, node, changed.then_some(()));
    }
}

/// An entry of a list kept in node order.
trait Keyed {
    type Value;
    fn node(&self) -> u32;
    fn make(node: u32, value: Self::Value) -> Self;
}

impl<T> Keyed for (u32, T) {
    type Value = T;
    fn node(&self) -> u32 {
        self.0
    }
    fn make(node: u32, value: T) -> Self {
        (node, value)
    }
}

impl Keyed for u32 {
    type Value = ();
    fn node(&self) -> u32 {
        *self
    }
    fn make(node: u32, (): ()) -> Self {
        node
    }
}

/// Puts `value` for `node` in `list` (in node order), or takes it out for `None`.
fn set<K: Keyed>(list: &mut Vec<K>, node: u32, value: Option<K::Value>) {
    match (list.binary_search_by_key(&node, K::node), value) {
        (Ok(at), Some(v)) => list[at] = K::make(node, v),
        (Ok(at), None) => {
            list.remove(at);
        }
        (Err(at), Some(v)) => list.insert(at, K::make(node, v)),
        (Err(_), None) => {}
    }
}

/// The learner as the last plan read it, and the milestones changed since: what the workspace
/// keeps between plans. A plan reads again only what changed; anything else that changes the
/// progress or the index calls [`Self::forget`].
#[derive(Debug, Default)]
pub struct LearnerCache {
    learner: Option<Learner>,
    touched: Vec<MilestoneRef>,
}

impl LearnerCache {
    /// Notes that the progress of `r` changed.
    pub fn touch(&mut self, r: &MilestoneRef) {
        if self.learner.is_some() {
            self.touched.push(r.clone());
        }
    }

    /// Drops what is kept: the next plan walks the whole learner.
    pub fn forget(&mut self) {
        self.learner = None;
        self.touched.clear();
    }

    /// The learner of `state` over `index`, brought up to date.
    pub(super) fn get(&mut self, index: &Index, state: &State) -> &Learner {
        // Past a few thousand changed milestones (an import, a merge) one walk is cheaper.
        if self.touched.len() > index.len() / 8 {
            self.forget();
        }
        let touched = std::mem::take(&mut self.touched);
        let learner = self
            .learner
            .get_or_insert_with(|| Learner::of(index, state));
        for r in &touched {
            learner.update(index, state, r);
        }
        debug_assert!(
            *learner == Learner::of(index, state),
            "the kept learner differs from a fresh walk after {touched:?}"
        );
        learner
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::curriculum::Kind;
    use crate::progress::Changed;

    /// Every kind of change to one milestone's progress, each followed by a plan through the
    /// kept learner: what it reads must be what a fresh walk reads.
    #[test]
    fn the_kept_learner_reads_each_change_as_a_fresh_walk_does() {
        let c = crate::curriculum::parse(
            "ai-engineer.ron",
            include_bytes!("../../curricula/ai-engineer.ron"),
        )
        .expect("the bundled curriculum parses");
        let index = Index::new(&[&c]);
        let at = |day| Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap();
        let skill = c
            .milestones()
            .find(|m| m.kind == Kind::Skill)
            .map(|m| MilestoneRef::new(&c.id, &m.id))
            .expect("a skill");
        let other = c
            .milestones()
            .find(|m| m.kind == Kind::Project)
            .map(|m| MilestoneRef::new(&c.id, &m.id))
            .expect("a project");
        let unknown = MilestoneRef::new(&c.id, "not-in-the-curriculum");
        let mut state = State::default();
        let mut kept = LearnerCache::default();
        kept.get(&index, &state);
        type Change<'a> = (&'a MilestoneRef, Box<dyn Fn(&mut State) + 'a>);
        let changes: Vec<Change> = vec![
            (
                &skill,
                Box::new(|s| {
                    let _ = s.set_status(&skill, Status::Done, at(2));
                }),
            ),
            (
                &skill,
                Box::new(|s| s.milestone_mut(&skill).hours_logged = 3.5),
            ),
            (
                &other,
                Box::new(|s| s.milestone_mut(&other).hours_logged = 1.0),
            ),
            (
                &skill,
                Box::new(|s| s.milestone_mut(&skill).own_estimate_hours = Some(7.0)),
            ),
            (
                &skill,
                Box::new(|s| s.record_review(&skill, false, "", at(9))),
            ),
            (
                &skill,
                Box::new(|s| {
                    s.milestone_mut(&skill).changed = Some(Changed {
                        at: at(10),
                        from_revision: 1,
                        to_revision: 2,
                        before: Default::default(),
                        after: Default::default(),
                    })
                }),
            ),
            (
                &skill,
                Box::new(|s| s.milestone_mut(&skill).hours_logged = f64::NAN),
            ),
            (
                &skill,
                Box::new(|s| {
                    let _ = s.set_status(&skill, Status::Todo, at(11));
                }),
            ),
            (
                &other,
                Box::new(|s| {
                    let _ = s.set_status(&other, Status::Skipped, at(12));
                }),
            ),
            (
                &unknown,
                Box::new(|s| s.milestone_mut(&unknown).hours_logged = 2.0),
            ),
            (
                &skill,
                Box::new(|s| {
                    s.progress
                        .get_mut(&skill.curriculum)
                        .map(|p| p.remove(&skill.milestone));
                }),
            ),
        ];
        for (i, (r, change)) in changes.iter().enumerate() {
            change(&mut state);
            kept.touch(r);
            let fresh = Learner::of(&index, &state);
            assert_eq!(kept.get(&index, &state), &fresh, "after change {i}");
        }
    }
}
