//! The planner: which milestones are available or locked, what is next, and when each goal finishes.
//!
//! Everything here is linear in the number of milestones (plus the sizes of the goals'
//! prerequisite closures); the only sort is of the next-up list. Prerequisite chains are walked
//! with explicit stacks, so a curriculum of 100,000 milestones in one long chain cannot overflow
//! the call stack.

use std::hash::BuildHasher;

use chrono::{Days, NaiveDate};
use foldhash::{HashMap, HashMapExt};
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::curriculum::{Curriculum, Milestone};
use crate::progress::{MilestoneRef, State, Status};

/// Where a milestone stands for the learner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Availability {
    /// Every milestone it requires is done or skipped; it can be started.
    Available,
    /// Some milestone it requires is not finished yet.
    Locked,
    Done,
    Skipped,
}

/// Whether a goal will be reached by its target date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outlook {
    /// Every milestone is done or skipped.
    Reached,
    /// Projected to finish on or before the target date.
    OnTrack,
    /// Projected to finish after the target date.
    AtRisk,
    /// No weekly hours, so no finish date can be projected.
    NoCapacity,
}

/// One goal's projection.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalForecast {
    pub goal: String,
    /// Hours left, counting every prerequisite not yet done.
    pub remaining_hours: f64,
    /// Milestones left (the goal's own and their unfinished prerequisites).
    pub remaining_milestones: usize,
    /// The goal's own milestones and all their prerequisites, finished or not.
    pub total_milestones: usize,
    /// True when some remaining milestone had no estimate and counted at the median.
    pub approximate: bool,
    /// `None` when the goal is [`Outlook::Reached`] or [`Outlook::NoCapacity`].
    pub projected_finish: Option<NaiveDate>,
    pub target: NaiveDate,
    pub outlook: Outlook,
    /// Milestones the goal names that no loaded curriculum holds (a removed curriculum or
    /// milestone); they are left out of every count above, so a goal whose milestones are all
    /// missing is `Reached` with `missing > 0`, and the UI should say which.
    pub missing: usize,
}

/// The whole plan for the learner today.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Available milestones in the order to take them.
    pub next_up: Vec<MilestoneRef>,
    /// In the order of the learner's goals.
    pub goals: Vec<GoalForecast>,
}

impl Plan {
    /// The forecast of the learner's goal `id`.
    pub fn goal(&self, id: &str) -> Option<&GoalForecast> {
        self.goals.iter().find(|g| g.goal == id)
    }
}

/// The median of the estimates a curriculum gives; `None` when it gives none.
///
/// With an even number of estimates it is the mean of the two middle ones.
pub fn median_effort(c: &Curriculum) -> Option<f64> {
    median(&mut c.milestones().filter_map(estimate).collect::<Vec<_>>())
}

/// The median of `hours` (reordering them); `None` when empty.
fn median(hours: &mut [f64]) -> Option<f64> {
    if hours.is_empty() {
        return None;
    }
    let (mid, odd) = (hours.len() / 2, hours.len() % 2 == 1);
    // Selection, not a sort: linear on average.
    let (below, upper, _) = hours.select_nth_unstable_by(mid, f64::total_cmp);
    let upper = *upper;
    if odd {
        return Some(upper);
    }
    let lower = below
        .iter()
        .copied()
        .max_by(f64::total_cmp)
        .unwrap_or(upper);
    Some((lower + upper) / 2.0)
}

/// Where milestone `m` of curriculum `curriculum` stands for the learner: the rule [`plan`]
/// follows, for one milestone (what a window needs for the rows it shows), in a few look-ups.
/// It reads the statuses of what `m` requires from `state` alone: validation makes every id a
/// milestone requires one its curriculum holds, so this agrees with [`plan`].
pub fn availability(curriculum: &str, m: &Milestone, state: &State) -> Availability {
    let progress = state.progress.get(curriculum);
    let status = |id: &str| {
        progress
            .and_then(|p| p.get(id))
            .map_or(Status::Todo, |p| p.status)
    };
    match status(&m.id) {
        Status::Done => Availability::Done,
        Status::Skipped => Availability::Skipped,
        Status::Todo | Status::Doing => {
            if m.requires.iter().all(|r| status(r).is_finished()) {
                Availability::Available
            } else {
                Availability::Locked
            }
        }
    }
}

/// How many of a curriculum's milestones the learner has finished (done or skipped), and how
/// many it holds: `(finished, total)`. Progress on ids the curriculum no longer holds is ignored.
pub fn finished_count(c: &Curriculum, state: &State) -> (usize, usize) {
    let progress = state.progress.get(&c.id);
    let finished = c
        .milestones()
        .filter(|m| {
            progress
                .and_then(|p| p.get(&m.id))
                .is_some_and(|p| p.status.is_finished())
        })
        .count();
    (finished, c.milestone_count())
}

/// A usable estimate: validation keeps `effort_hours` finite and non-negative, but the planner
/// does not rely on it.
fn estimate(m: &Milestone) -> Option<f64> {
    m.effort_hours.filter(|h| h.is_finite() && *h >= 0.0)
}

/// One milestone of one curriculum, flattened so every look-up is an index. Kept small: at
/// 100,000 milestones the nodes outgrow the caches, and every byte is paid for in misses.
struct Node {
    /// Hours it counts for: its estimate, or its curriculum's median.
    hours: f64,
    /// Its requirements: `Index::requires[requires.0..requires.1]`.
    requires: (u32, u32),
    curriculum: u32,
    /// Where it is in its curriculum: section, then position in the section.
    section: u32,
    position: u32,
    estimated: bool,
}

/// The planner's index of a set of curricula: every milestone of every curriculum in
/// curriculum order, then document order, with its hours and its requirements resolved to
/// node numbers.
///
/// It depends on the curricula alone, not on the learner's progress, so it can be built once
/// and kept for every plan until the curricula change (the workspace does): a plan after a
/// status change then reads only the progress and these arrays. [`plan_with`] checks that an
/// index fits the curricula it is given and builds a fresh one when it does not.
pub struct Index {
    nodes: Vec<Node>,
    /// Every node's requirements, one after another; [`MISSING`] for an id its curriculum does
    /// not hold (validation forbids it), which is never met.
    requires: Vec<u32>,
    /// Per position in the curricula given: its milestones by id (empty for a duplicate). A
    /// table of bare node numbers, 4 bytes an entry, whose keys are read from the nodes: at
    /// 100,000 milestones a map holding `&str` keys would be six times the size and miss the
    /// cache on most look-ups.
    by_id: Vec<HashTable<Key>>,
    /// Every milestone id, one after another, for the tables' key comparisons: reading them
    /// here costs one cache miss where following a node to its `Milestone` and on to the
    /// id's own allocation costs three.
    arena: String,
    hasher: foldhash::fast::RandomState,
    /// Curriculum id to its position in the curricula given (the first, for a duplicate).
    curriculum: HashMap<String, usize>,
    /// Each curriculum's id and the length of each of its sections, to tell whether the index
    /// fits the curricula it is given (see [`Index::fits`]).
    shape: Vec<(String, Vec<usize>)>,
}

const MISSING: u32 = u32::MAX;

fn section_lengths(c: &Curriculum) -> impl Iterator<Item = usize> + '_ {
    c.sections.iter().map(|s| s.milestones.len())
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("curricula", &self.shape)
            .field("milestones", &self.nodes.len())
            .finish_non_exhaustive()
    }
}

impl Index {
    /// Indexes `curricula`, in the order given.
    pub fn new(curricula: &[&Curriculum]) -> Self {
        let total: usize = curricula.iter().map(|c| c.milestone_count()).sum();
        let hasher = foldhash::fast::RandomState::default();
        let mut arena = String::with_capacity(total * 16);
        let mut nodes: Vec<Node> = Vec::with_capacity(total);
        let mut by_id = Vec::with_capacity(curricula.len());
        let mut curriculum = HashMap::with_capacity(curricula.len());
        let mut requires = Vec::with_capacity(total * 2);
        // Requirements written after the milestone (or missing): (slot, id, curriculum).
        let mut later: Vec<(usize, &str, usize)> = Vec::new();
        for (ci, c) in curricula.iter().enumerate() {
            let mut ids = HashTable::new();
            // The same curriculum twice would double every count; the first one stands.
            if !curriculum.contains_key(c.id.as_str()) {
                curriculum.insert(c.id.clone(), ci);
                ids.reserve(c.milestone_count(), |_| 0);
                let first = nodes.len();
                let mut estimates = Vec::with_capacity(c.milestone_count());
                // One pass over the milestones: at 100,000 they are tens of megabytes, and
                // every pass over them is paid in cache misses.
                let milestones = c.sections.iter().enumerate().flat_map(|(si, s)| {
                    s.milestones
                        .iter()
                        .enumerate()
                        .map(move |(mi, m)| (si, mi, m))
                });
                for (si, mi, m) in milestones {
                    let id = m.id.as_str();
                    let entry = ids.entry(
                        hasher.hash_one(id),
                        |key: &Key| key.id(&arena) == id,
                        |key: &Key| hasher.hash_one(key.id(&arena)),
                    );
                    let Entry::Vacant(slot) = entry else {
                        continue;
                    };
                    slot.insert(Key {
                        node: nodes.len() as u32,
                        start: arena.len() as u32,
                        len: id.len() as u32,
                    });
                    arena.push_str(id);
                    let hours = estimate(m);
                    estimates.extend(hours);
                    let start = requires.len() as u32;
                    nodes.push(Node {
                        hours: hours.unwrap_or(0.0),
                        requires: (start, start),
                        curriculum: ci as u32,
                        section: si as u32,
                        position: mi as u32,
                        estimated: hours.is_some(),
                    });
                    // What it requires is resolved now when it was written before it (it is
                    // in the table), and once every milestone is in when it was not.
                    for r in &m.requires {
                        match find(&ids, &hasher, &arena, r) {
                            Some(j) => requires.push(j),
                            None => {
                                later.push((requires.len(), r.as_str(), ci));
                                requires.push(MISSING);
                            }
                        }
                    }
                    if let Some(node) = nodes.last_mut() {
                        node.requires.1 = requires.len() as u32;
                    }
                }
                let median = median(&mut estimates).unwrap_or(0.0);
                for node in nodes[first..].iter_mut().filter(|n| !n.estimated) {
                    node.hours = median;
                }
            }
            by_id.push(ids);
        }
        for (slot, r, ci) in later {
            requires[slot] = find(&by_id[ci], &hasher, &arena, r).unwrap_or(MISSING);
        }
        let shape = curricula
            .iter()
            .map(|c| (c.id.clone(), section_lengths(c).collect()))
            .collect();
        Self {
            nodes,
            requires,
            by_id,
            arena,
            hasher,
            curriculum,
            shape,
        }
    }

    /// Whether this index was built from curricula with the same ids and the same section
    /// lengths, in order: then every node's section and position exist in `curricula`, so
    /// planning through it cannot index out of bounds. It does not notice a change of content
    /// that keeps that shape (an id, a requirement or an estimate): whoever keeps an index must
    /// drop it when the curricula change, as the workspace does.
    pub fn fits(&self, curricula: &[&Curriculum]) -> bool {
        self.shape.len() == curricula.len()
            && self.shape.iter().zip(curricula).all(|((id, lengths), c)| {
                *id == c.id && lengths.iter().copied().eq(section_lengths(c))
            })
    }

    /// Every node's status, from one walk over the learner's progress: a hash look-up per
    /// entry, where a look-up per milestone in the sorted map costs a tree descent of string
    /// compares.
    fn statuses(&self, state: &State) -> Vec<Status> {
        let mut statuses = vec![Status::Todo; self.nodes.len()];
        for (id, &ci) in &self.curriculum {
            for (m, p) in state.progress.get(id).into_iter().flatten() {
                if let Some(i) = self.node(ci, m) {
                    statuses[i] = p.status;
                }
            }
        }
        statuses
    }

    fn milestone<'c>(&self, curricula: &[&'c Curriculum], i: usize) -> &'c Milestone {
        let node = &self.nodes[i];
        let c: &'c Curriculum = curricula[node.curriculum as usize];
        &c.sections[node.section as usize].milestones[node.position as usize]
    }

    /// Where the milestone `r` names is, when a curriculum indexed holds it.
    pub fn place(&self, r: &MilestoneRef) -> Option<Place> {
        let node = &self.nodes[self.find(r)?];
        Some(Place {
            curriculum: node.curriculum as usize,
            section: node.section as usize,
            milestone: node.position as usize,
        })
    }

    fn requires(&self, i: usize) -> &[u32] {
        let (start, end) = self.nodes[i].requires;
        &self.requires[start as usize..end as usize]
    }

    fn find(&self, r: &MilestoneRef) -> Option<usize> {
        self.node(*self.curriculum.get(r.curriculum.as_str())?, &r.milestone)
    }

    /// The node of milestone `id` of the curriculum at position `ci`.
    fn node(&self, ci: usize, id: &str) -> Option<usize> {
        find(&self.by_id[ci], &self.hasher, &self.arena, id).map(|i| i as usize)
    }

    fn availability(&self, statuses: &[Status], i: usize) -> Availability {
        match statuses[i] {
            Status::Done => Availability::Done,
            Status::Skipped => Availability::Skipped,
            Status::Todo | Status::Doing => {
                let met = self
                    .requires(i)
                    .iter()
                    .all(|&j| j != MISSING && statuses[j as usize].is_finished());
                if met {
                    Availability::Available
                } else {
                    Availability::Locked
                }
            }
        }
    }
}

/// Where a milestone sits in the curricula an [`Index`] was built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub curriculum: usize,
    pub section: usize,
    pub milestone: usize,
}

/// A table entry: the node, and where its id is in the index's arena.
#[derive(Clone, Copy)]
struct Key {
    node: u32,
    start: u32,
    len: u32,
}

impl Key {
    fn id(self, arena: &str) -> &str {
        &arena[self.start as usize..(self.start + self.len) as usize]
    }
}

/// The node of milestone `id` in one curriculum's table.
fn find(
    ids: &HashTable<Key>,
    hasher: &foldhash::fast::RandomState,
    arena: &str,
    id: &str,
) -> Option<u32> {
    ids.find(hasher.hash_one(id), |key| key.id(arena) == id)
        .map(|key| key.node)
}

/// A goal's milestones and all their prerequisites, found by an iterative depth-first walk.
struct Closure {
    /// Every milestone of the closure, finished or not.
    members: Vec<usize>,
    missing: usize,
}

/// `seen` holds, per node, the last walk that reached it; a fresh `walk` number per goal makes
/// one allocation serve every goal.
fn closure(
    index: &Index,
    goal: &[MilestoneRef],
    seen: &mut [u32],
    walk: u32,
    stack: &mut Vec<usize>,
) -> Closure {
    let mut members = Vec::new();
    let mut missing = 0;
    for r in goal {
        match index.find(r) {
            Some(i) => stack.push(i),
            None => missing += 1,
        }
    }
    while let Some(i) = stack.pop() {
        if seen[i] == walk {
            continue;
        }
        seen[i] = walk;
        members.push(i);
        stack.extend(
            index
                .requires(i)
                .iter()
                .filter(|&&j| j != MISSING)
                .map(|&j| j as usize)
                .filter(|&j| seen[j] != walk),
        );
    }
    Closure { members, missing }
}

/// Plans every goal in `state` over `curricula`, as of `today`.
///
/// **Availability.** A milestone done or skipped is [`Availability::Done`] or
/// [`Availability::Skipped`]; otherwise it is `Available` when every milestone it requires is
/// done or skipped, and `Locked` when any is not (or names an id the curriculum lacks).
///
/// **Next up** holds the available milestones that are neither done nor skipped, and that are
/// part of a goal or in the learner's focus. A milestone is *part of a goal* when a goal names it
/// or it is a prerequisite, direct or not, of one the goal names; such a milestone is always
/// listed. Any other milestone is listed when the learner chose no focus area of its curriculum,
/// or when its `focus` is empty or includes one they chose. The list is ordered by, in turn:
/// 1. goal work first, and among it the earliest target date of the goals it serves;
/// 2. `doing` before `todo`, since the learner already started it;
/// 3. smaller effort first (a milestone with no estimate counts at its curriculum's median);
/// 4. the order of `curricula`, then document order.
///
/// **Goals.** For each adopted goal, the remaining milestones are the goal's milestones and all
/// their prerequisites (direct or not) that are not done or skipped, and `remaining_hours` is the
/// sum of their effort, a milestone with no estimate counting at its curriculum's median (0 when
/// the curriculum estimates nothing) and making the forecast `approximate`.
///
/// **Projected finish.** The learner is assumed to work through the goals in order of target date
/// (earliest first; ties in the order adopted), `hours_per_week` each week, working each remaining
/// milestone once even when several goals share it. A goal finishes once the hours worked cover
/// every milestone it still needs, so its projected finish is
/// `today + ceil(cumulative hours / hours_per_week * 7)` days, where the cumulative hours are
/// those of its own milestones and of every milestone of earlier-due goals. A goal with nothing
/// left is `Reached`; otherwise, with no usable weekly hours (zero, negative or not finite) it is
/// `NoCapacity`; else `OnTrack` when the projection is on or before its target, `AtRisk` after.
pub fn plan(curricula: &[&Curriculum], state: &State, today: NaiveDate) -> Plan {
    plan_with(&Index::new(curricula), curricula, state, today)
}

/// [`plan`] through an index built earlier from the same `curricula`, which saves rebuilding it
/// after every change of the learner's progress. An index that does not fit `curricula` (other
/// ids or section lengths, see [`Index::fits`]) is not used; a fresh one is built instead.
pub fn plan_with(
    index: &Index,
    curricula: &[&Curriculum],
    state: &State,
    today: NaiveDate,
) -> Plan {
    if !index.fits(curricula) {
        return plan(curricula, state, today);
    }
    let statuses = index.statuses(state);
    let n = index.nodes.len();
    let availability: Vec<Availability> =
        (0..n).map(|i| index.availability(&statuses, i)).collect();

    // Each goal's closure; `earliest_target` marks goal work for next-up.
    let mut seen = vec![u32::MAX; n];
    let mut stack = Vec::new();
    let mut earliest_target: Vec<Option<NaiveDate>> = vec![None; n];
    let closures: Vec<Closure> = state
        .goals
        .iter()
        .enumerate()
        .map(|(walk, goal)| {
            let c = closure(index, &goal.milestones, &mut seen, walk as u32, &mut stack);
            for &i in &c.members {
                let t = &mut earliest_target[i];
                *t = Some(t.map_or(goal.target, |t| t.min(goal.target)));
            }
            c
        })
        .collect();

    let next_up = next_up(
        index,
        curricula,
        &statuses,
        state,
        &availability,
        &earliest_target,
    );
    let goals = forecasts(index, &statuses, state, today, &closures);

    // References are built for the list only: one per milestone would be two allocations each.
    let next_up = next_up
        .into_iter()
        .map(|i| {
            let node = &index.nodes[i];
            let m = index.milestone(curricula, i);
            MilestoneRef::new(&curricula[node.curriculum as usize].id, &m.id)
        })
        .collect();
    Plan { next_up, goals }
}

fn next_up(
    index: &Index,
    curricula: &[&Curriculum],
    statuses: &[Status],
    state: &State,
    availability: &[Availability],
    earliest_target: &[Option<NaiveDate>],
) -> Vec<usize> {
    // Per curriculum: the focus areas the learner chose there (none chosen: no restriction).
    let chosen: Vec<Vec<&str>> = curricula
        .iter()
        .map(|c| {
            state
                .focus
                .iter()
                .filter(|f| f.curriculum == c.id)
                .map(|f| f.focus.as_str())
                .collect()
        })
        .collect();
    let in_focus = |i: usize| {
        let node = &index.nodes[i];
        let chosen = &chosen[node.curriculum as usize];
        chosen.is_empty() || {
            let m = index.milestone(curricula, i);
            chosen.iter().any(|f| m.is_in_focus(f))
        }
    };
    let mut up: Vec<usize> = (0..index.nodes.len())
        .filter(|&i| availability[i] == Availability::Available)
        .filter(|&i| earliest_target[i].is_some() || in_focus(i))
        .collect();
    let key = |i: usize| {
        // `None` sorts before `Some`, so goal work is keyed `(false, date)` and the rest `(true, _)`.
        (
            earliest_target[i].is_none(),
            earliest_target[i],
            statuses[i] != Status::Doing,
        )
    };
    up.sort_by(|&a, &b| {
        key(a)
            .cmp(&key(b))
            .then_with(|| index.nodes[a].hours.total_cmp(&index.nodes[b].hours))
            // Node indices are curriculum order, then document order.
            .then_with(|| a.cmp(&b))
    });
    up
}

fn forecasts(
    index: &Index,
    statuses: &[Status],
    state: &State,
    today: NaiveDate,
    closures: &[Closure],
) -> Vec<GoalForecast> {
    let remaining: Vec<Vec<usize>> = closures
        .iter()
        .map(|c| {
            c.members
                .iter()
                .copied()
                .filter(|&i| !statuses[i].is_finished())
                .collect()
        })
        .collect();

    // Cumulative hours at which each goal finishes, simulated in order of target date.
    let mut order: Vec<usize> = (0..state.goals.len()).collect();
    order.sort_by_key(|&g| (state.goals[g].target, g));
    let mut worked = vec![false; index.nodes.len()];
    let mut cumulative = 0.0;
    let mut finish_hours = vec![0.0; state.goals.len()];
    for g in order {
        for &i in &remaining[g] {
            if !worked[i] {
                worked[i] = true;
                cumulative += index.nodes[i].hours;
            }
        }
        finish_hours[g] = cumulative;
    }

    let weekly = state.hours_per_week;
    let capacity = weekly.is_finite() && weekly > 0.0;
    state
        .goals
        .iter()
        .enumerate()
        .map(|(g, goal)| {
            let left = &remaining[g];
            let projected_finish =
                (!left.is_empty() && capacity).then(|| project(today, finish_hours[g], weekly));
            let outlook = match projected_finish {
                _ if left.is_empty() => Outlook::Reached,
                None => Outlook::NoCapacity,
                Some(d) if d <= goal.target => Outlook::OnTrack,
                Some(_) => Outlook::AtRisk,
            };
            GoalForecast {
                goal: goal.id.clone(),
                remaining_hours: left.iter().map(|&i| index.nodes[i].hours).sum(),
                remaining_milestones: left.len(),
                total_milestones: closures[g].members.len(),
                approximate: left.iter().any(|&i| !index.nodes[i].estimated),
                projected_finish,
                target: goal.target,
                outlook,
                missing: closures[g].missing,
            }
        })
        .collect()
}

/// `today + ceil(hours / weekly * 7)` days; a date past the calendar's end is its last day.
fn project(today: NaiveDate, hours: f64, weekly: f64) -> NaiveDate {
    let days = (hours / weekly * 7.0).ceil();
    // `as` saturates (and maps NaN to 0); anything that large is past the calendar anyway.
    let days = days.max(0.0) as u64;
    today
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}
