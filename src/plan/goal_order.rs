//! Goals in plan order: the learner's order, with a goal moved after the goals whose
//! milestones it needs.

use foldhash::{HashMap, HashMapExt};

use crate::progress::State;

use super::index::{Closure, Index};

/// Goals in plan order, and for each the goals it is planned after because it needs them.
pub(super) fn goal_order(
    index: &Index,
    state: &State,
    closures: &[Closure],
) -> (Vec<usize>, Vec<Vec<usize>>) {
    let count = state.goals.len();
    // The first goal, in the learner's order, that names each milestone.
    let mut named: HashMap<u32, usize> = HashMap::new();
    let mut own: Vec<Vec<u32>> = Vec::with_capacity(count);
    for (g, goal) in state.goals.iter().enumerate() {
        let nodes: Vec<u32> = goal
            .milestones
            .iter()
            .filter_map(|r| index.find(r))
            .map(|i| i as u32)
            .collect();
        for &i in &nodes {
            named.entry(i).or_insert(g);
        }
        own.push(nodes);
    }
    let mut needs: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (g, c) in closures.iter().enumerate() {
        for &i in &c.members {
            if own[g].contains(&(i as u32)) {
                continue;
            }
            if let Some(&a) = named.get(&(i as u32))
                && a != g
                && !needs[g].contains(&a)
            {
                needs[g].push(a);
            }
        }
    }
    // The learner's order, each goal as soon as every goal it needs is placed; in a cycle the
    // first goal left in the learner's order goes next.
    let mut placed = vec![false; count];
    let mut order = Vec::with_capacity(count);
    while order.len() < count {
        let next = (0..count)
            .find(|&g| !placed[g] && needs[g].iter().all(|&a| placed[a] || needs[a].contains(&g)))
            .or_else(|| (0..count).find(|&g| !placed[g]));
        let Some(g) = next else { break };
        placed[g] = true;
        order.push(g);
    }
    for (g, list) in needs.iter_mut().enumerate() {
        // Only the goals actually planned before it: in a cycle one of the two is not.
        let position = order.iter().position(|&x| x == g);
        list.retain(|a| order.iter().position(|x| x == a) < position);
        list.sort_by_key(|a| order.iter().position(|x| x == a));
    }
    (order, needs)
}
