//! The order the guide proposes goals in: each project as soon as what it needs is in place.

use std::collections::{HashMap, HashSet};

use crate::curriculum::{Curriculum, Milestone};
use crate::progress::{FocusRef, MilestoneRef};

use super::goals::GoalOffer;

/// The goals that fit `focus`, in the order the guide proposes them: each project as soon as
/// what it needs is in place. Indices into `offers`.
///
/// A goal *needs* another when a milestone that the other names (the first goal, in the
/// curricula's order, to name it) is a prerequisite of its own milestones that it does not
/// name itself. Focus-area goals go first, in the curricula's order, each once every goal it
/// needs is placed; until the next one can go, the next goal of every focus (a core goal) that
/// it needs, or that the curriculum lists before it, is placed. What is left then follows in
/// the curricula's order. So a learner meets the first project of their area in weeks, and the
/// foundations each deeper project needs come just before it.
pub fn path_order(
    curricula: &[&Curriculum],
    offers: &[GoalOffer],
    focus: &[FocusRef],
) -> Vec<usize> {
    let fitting: Vec<usize> = (0..offers.len())
        .filter(|&i| offers[i].fits(focus))
        .collect();
    let by_id: HashMap<(&str, &str), &Milestone> = curricula
        .iter()
        .flat_map(|c| {
            c.milestones()
                .map(move |m| ((c.id.as_str(), m.id.as_str()), m))
        })
        .collect();
    // The first fitting goal naming each milestone.
    let mut named: HashMap<&MilestoneRef, usize> = HashMap::new();
    for &g in &fitting {
        for m in &offers[g].milestones {
            named.entry(m).or_insert(g);
        }
    }
    let needs: HashMap<usize, Vec<usize>> = fitting
        .iter()
        .map(|&g| {
            let own: HashSet<&MilestoneRef> = offers[g].milestones.iter().collect();
            let mut needed = Vec::new();
            for m in prerequisites(&by_id, &offers[g].milestones) {
                if own.contains(&m) {
                    continue;
                }
                if let Some(&a) = named.get(&m)
                    && a != g
                    && !needed.contains(&a)
                {
                    needed.push(a);
                }
            }
            (g, needed)
        })
        .collect();
    let transitive = |g: usize| {
        let mut all: HashSet<usize> = HashSet::new();
        let mut todo = vec![g];
        while let Some(x) = todo.pop() {
            for &a in needs.get(&x).into_iter().flatten() {
                if all.insert(a) {
                    todo.push(a);
                }
            }
        }
        all
    };
    let mut placed: HashSet<usize> = HashSet::new();
    let mut order = Vec::with_capacity(fitting.len());
    // Places `g` after every goal it needs (each of those first, in the curricula's order).
    fn place(
        g: usize,
        needs: &HashMap<usize, Vec<usize>>,
        placed: &mut HashSet<usize>,
        order: &mut Vec<usize>,
        busy: &mut Vec<usize>,
    ) {
        if placed.contains(&g) || busy.contains(&g) {
            return;
        }
        busy.push(g);
        let mut first: Vec<usize> = needs.get(&g).cloned().unwrap_or_default();
        first.sort_unstable();
        for a in first {
            place(a, needs, placed, order, busy);
        }
        busy.retain(|&x| x != g);
        placed.insert(g);
        order.push(g);
    }
    let mut busy = Vec::new();
    while order.len() < fitting.len() {
        let next_focus = fitting
            .iter()
            .copied()
            .find(|&g| !placed.contains(&g) && offers[g].focus.is_some());
        let Some(f) = next_focus else {
            let g = fitting
                .iter()
                .copied()
                .find(|g| !placed.contains(g))
                .unwrap_or_default();
            place(g, &needs, &mut placed, &mut order, &mut busy);
            continue;
        };
        let ready = needs
            .get(&f)
            .is_none_or(|n| n.iter().all(|a| placed.contains(a)));
        if ready {
            place(f, &needs, &mut placed, &mut order, &mut busy);
            continue;
        }
        let wanted = transitive(f);
        let core = fitting.iter().copied().find(|&g| {
            !placed.contains(&g) && offers[g].focus.is_none() && (wanted.contains(&g) || g < f)
        });
        place(
            core.unwrap_or(f),
            &needs,
            &mut placed,
            &mut order,
            &mut busy,
        );
    }
    order
}

/// Every milestone that `milestones` require, directly or not, and themselves.
fn prerequisites(
    by_id: &HashMap<(&str, &str), &Milestone>,
    milestones: &[MilestoneRef],
) -> Vec<MilestoneRef> {
    let mut seen: HashSet<MilestoneRef> = HashSet::new();
    let mut todo: Vec<MilestoneRef> = milestones.to_vec();
    let mut all = Vec::new();
    while let Some(r) = todo.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        if let Some(m) = by_id.get(&(r.curriculum.as_str(), r.milestone.as_str())) {
            todo.extend(
                m.requires
                    .iter()
                    .map(|x| MilestoneRef::new(&r.curriculum, x)),
            );
        }
        all.push(r);
    }
    all
}
