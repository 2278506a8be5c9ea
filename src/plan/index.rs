//! The planner's index of a set of curricula: every milestone flattened to a node, so that a
//! plan reads arrays instead of following strings.

use std::hash::BuildHasher;

use foldhash::{HashMap, HashMapExt};
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::curriculum::{Curriculum, Kind, Milestone};
use crate::progress::{MilestoneRef, Status};

use super::learner::Learner;

use super::range::DEFAULT_SPREAD;
use super::range::UNESTIMATED_SPREAD;

/// One milestone of one curriculum, flattened so every look-up is an index. Kept small: at
/// 100,000 milestones the nodes outgrow the caches, and every byte is paid for in misses.
pub(super) struct Node {
    /// The likely hours: its estimate, or its curriculum's median.
    pub hours: f64,
    /// The hours when it goes badly (about the 90th percentile): `effort_hours_high`, or the
    /// likely hours times a default spread.
    pub high: f64,
    /// Its requirements: `Index::requires[requires.0..requires.1]`.
    requires: (u32, u32),
    pub curriculum: u32,
    /// Where it is in its curriculum: section, then position in the section.
    pub section: u32,
    pub position: u32,
    /// Bit `j` for focus area `j` of its curriculum; every bit for a milestone of every focus.
    focus: u64,
    pub estimated: bool,
    pub kind: Kind,
}

/// A focus mask for a milestone that belongs to every focus area.
const EVERY_FOCUS: u64 = u64::MAX;

/// The planner's index of a set of curricula: every milestone of every curriculum in
/// curriculum order, then document order, with its hours and its requirements resolved to
/// node numbers.
///
/// It depends on the curricula alone, not on the learner's progress, so it can be built once
/// and kept for every plan until the curricula change (the workspace does): a plan after a
/// status change then reads only the progress and these arrays. [`super::plan_with`] checks
/// that an index fits the curricula it is given and builds a fresh one when it does not.
pub struct Index {
    pub(super) nodes: Vec<Node>,
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
    pub(super) curriculum: HashMap<String, usize>,
    /// Per position: its focus-area ids, whose positions are the bits of a node's focus mask.
    pub(super) areas: Vec<Vec<String>>,
    /// Each curriculum's id and the length of each of its sections, to tell whether the index
    /// fits the curricula it is given (see [`Index::fits`]).
    shape: Vec<(String, Vec<usize>)>,
}

pub(super) const MISSING: u32 = u32::MAX;

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

/// A usable estimate: validation keeps `effort_hours` finite and non-negative, but the planner
/// does not rely on it.
pub(super) fn estimate(m: &Milestone) -> Option<f64> {
    m.effort_hours.filter(|h| h.is_finite() && *h >= 0.0)
}

/// The median of `hours` (reordering them); `None` when empty.
pub(super) fn median(hours: &mut [f64]) -> Option<f64> {
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

/// The high figure an estimate `likely` counts with: the author's, when it is a usable one at
/// least as large, else the default spread.
fn high_of(m: &Milestone, likely: f64) -> f64 {
    m.effort_hours_high
        .filter(|h| h.is_finite() && *h >= likely)
        .unwrap_or(likely * DEFAULT_SPREAD)
}

/// The focus mask of `m` over `areas`. Areas past the mask's 64 bits are left out: a choice of
/// one of those is checked milestone by milestone instead (see [`super::focus::Chosen`]).
fn focus_mask(m: &Milestone, areas: &[String]) -> u64 {
    if m.focus.is_empty() {
        return EVERY_FOCUS;
    }
    m.focus
        .iter()
        .filter_map(|f| areas.iter().position(|a| a == f))
        .filter(|&j| j < 64)
        .fold(0, |mask, j| mask | 1 << j)
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
        let mut areas = Vec::with_capacity(curricula.len());
        // Requirements written after the milestone (or missing): (slot, id, curriculum).
        let mut later: Vec<(usize, &str, usize)> = Vec::new();
        for (ci, c) in curricula.iter().enumerate() {
            let mut ids = HashTable::new();
            let area_ids: Vec<String> = c.focus_areas.iter().map(|f| f.id.clone()).collect();
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
                        high: hours.map_or(0.0, |h| high_of(m, h)),
                        requires: (start, start),
                        curriculum: ci as u32,
                        section: si as u32,
                        position: mi as u32,
                        focus: focus_mask(m, &area_ids),
                        estimated: hours.is_some(),
                        kind: m.kind,
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
                    node.high = median * UNESTIMATED_SPREAD;
                }
            }
            by_id.push(ids);
            areas.push(area_ids);
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
            areas,
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

    pub(super) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The likely and high hours node `i` counts for, and whether they are an estimate (the
    /// learner's own or the curriculum's) rather than the curriculum's median.
    pub(super) fn hours(&self, learner: &Learner, i: usize) -> (f64, f64, bool) {
        let own = if learner.own.is_empty() {
            None
        } else {
            learner.own.get(&(i as u32))
        };
        match own {
            Some(&own) => (own, own * DEFAULT_SPREAD, true),
            None => {
                let node = &self.nodes[i];
                (node.hours, node.high, node.estimated)
            }
        }
    }

    pub(super) fn milestone<'c>(&self, curricula: &[&'c Curriculum], i: usize) -> &'c Milestone {
        let node = &self.nodes[i];
        let c: &'c Curriculum = curricula[node.curriculum as usize];
        &c.sections[node.section as usize].milestones[node.position as usize]
    }

    /// A reference to node `i`, built only for what a plan lists.
    pub(super) fn reference(&self, curricula: &[&Curriculum], i: usize) -> MilestoneRef {
        let node = &self.nodes[i];
        let m = self.milestone(curricula, i);
        MilestoneRef::new(&curricula[node.curriculum as usize].id, &m.id)
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

    pub(super) fn requires(&self, i: usize) -> &[u32] {
        let (start, end) = self.nodes[i].requires;
        &self.requires[start as usize..end as usize]
    }

    pub(super) fn find(&self, r: &MilestoneRef) -> Option<usize> {
        self.node(*self.curriculum.get(r.curriculum.as_str())?, &r.milestone)
    }

    /// The node of milestone `id` of the curriculum at position `ci`.
    pub(super) fn node(&self, ci: usize, id: &str) -> Option<usize> {
        find(&self.by_id[ci], &self.hasher, &self.arena, id).map(|i| i as usize)
    }

    /// Whether every milestone node `i` requires is finished.
    pub(super) fn unlocked(&self, statuses: &[Status], i: usize) -> bool {
        self.requires(i)
            .iter()
            .all(|&j| j != MISSING && statuses[j as usize].is_finished())
    }

    /// Whether node `i` is in the learner's focus, given each curriculum's chosen focus (see
    /// [`super::focus::Chosen`]).
    pub(super) fn in_focus(
        &self,
        curricula: &[&Curriculum],
        chosen: &[super::focus::Chosen],
        i: usize,
    ) -> bool {
        let node = &self.nodes[i];
        match &chosen[node.curriculum as usize] {
            super::focus::Chosen::Everything => true,
            super::focus::Chosen::Areas {
                mask: Some(mask), ..
            } => node.focus & mask != 0,
            super::focus::Chosen::Areas { ids, mask: None } => {
                super::focus::in_focus(self.milestone(curricula, i), Some(ids))
            }
        }
    }

    /// The position of `focus` among the focus areas of the curriculum at position `ci`.
    pub(super) fn area_position(&self, ci: usize, focus: &str) -> Option<usize> {
        self.areas[ci].iter().position(|a| a == focus)
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

/// A goal's milestones and all their prerequisites.
pub(super) struct Closure {
    /// Every milestone of the closure, finished or not, each after everything it requires
    /// (a post-order walk from the goal's milestones in the order the goal lists them).
    pub members: Vec<usize>,
    pub missing: usize,
}

/// The closure of `goal`, by an iterative depth-first walk, so that a chain of 100,000
/// milestones cannot overflow the call stack. `seen` holds, per node, the last walk that
/// reached it; a fresh `walk` number per goal makes one allocation serve every goal.
pub(super) fn closure(
    index: &Index,
    goal: &[MilestoneRef],
    seen: &mut [u32],
    walk: u32,
    stack: &mut Vec<(usize, usize)>,
) -> Closure {
    let mut members = Vec::new();
    let mut missing = 0;
    for r in goal {
        let Some(root) = index.find(r) else {
            missing += 1;
            continue;
        };
        if seen[root] == walk {
            continue;
        }
        seen[root] = walk;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (i, next) = *top;
            let requires = index.requires(i);
            if next < requires.len() {
                top.1 += 1;
                let j = requires[next];
                if j != MISSING && seen[j as usize] != walk {
                    seen[j as usize] = walk;
                    stack.push((j as usize, 0));
                }
            } else {
                stack.pop();
                members.push(i);
            }
        }
    }
    Closure { members, missing }
}
