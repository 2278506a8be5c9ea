//! The records that take the state last saved (or merged) to the state in memory.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::op::Op;
use super::replica::Replica;
use crate::progress::{MilestoneProgress, MilestoneRef, Shared, State};

type Maps = BTreeMap<String, Shared<BTreeMap<String, MilestoneProgress>>>;

/// The changes from `saved` to `now`, in the order they were made where that can be told
/// (appended list elements in their order). `replica` is what `saved` was made from: an edit of
/// notes names the version it replaces.
///
/// A curriculum whose progress maps are still shared between the two states (nothing of it
/// changed since) is skipped without reading it, and so is the part of the activity log that
/// both share: a save costs what changed, not what there is.
pub fn diff(saved: &State, now: &State, replica: &Replica) -> Vec<Op> {
    let mut ops = Vec::new();
    progress(saved, now, replica, &mut ops);

    set(&saved.focus, &now.focus, &mut ops, Op::Focus);
    let goal_ids = |s: &State| s.goals.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
    let before: HashMap<&str, _> = saved.goals.iter().map(|g| (g.id.as_str(), g)).collect();
    let after: HashMap<&str, _> = now.goals.iter().map(|g| (g.id.as_str(), g)).collect();
    for g in &now.goals {
        if before.get(g.id.as_str()) != Some(&g) {
            ops.push(Op::Goal(g.id.clone(), Some(g.clone())));
        }
    }
    for g in &saved.goals {
        if !after.contains_key(g.id.as_str()) {
            ops.push(Op::Goal(g.id.clone(), None));
        }
    }
    if goal_ids(saved) != goal_ids(now) {
        ops.push(Op::GoalOrder(goal_ids(now)));
    }
    if saved.hours_per_week.to_bits() != now.hours_per_week.to_bits() {
        ops.push(Op::HoursPerWeek(now.hours_per_week));
    }
    if saved.onboarded != now.onboarded {
        ops.push(Op::Onboarded(now.onboarded));
    }
    if saved.mentor.name != now.mentor.name {
        ops.push(Op::MentorName(now.mentor.name.clone()));
    }
    if saved.mentor.contact != now.mentor.contact {
        ops.push(Op::MentorContact(now.mentor.contact.clone()));
    }
    if saved.learner.name != now.learner.name {
        ops.push(Op::LearnerName(now.learner.name.clone()));
    }
    if saved.learner.links != now.learner.links {
        ops.push(Op::LearnerLinks(now.learner.links.clone()));
    }
    set(
        &saved.mentor.check_ins,
        &now.mentor.check_ins,
        &mut ops,
        Op::CheckIn,
    );
    set(&saved.periods, &now.periods, &mut ops, Op::Period);
    // The log only grows at its end, or loses its newest entries to an undo: what the two
    // share is skipped, the rest of the old is taken back and the rest of the new added.
    let shared = saved.activity.common_prefix(&now.activity);
    let mut gone: Vec<crate::sync::Key> = Vec::new();
    for a in saved
        .activity
        .iter()
        .skip(shared)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let key = replica.activity_key(a).filter(|k| !gone.contains(k));
        if let Some(key) = key {
            gone.push(key);
        }
    }
    ops.extend(gone.into_iter().map(Op::ActivityGone));
    ops.extend(now.activity.iter().skip(shared).cloned().map(Op::Activity));
    for (id, source) in &now.sources {
        if saved.sources.get(id) != Some(source) {
            ops.push(Op::Source(id.clone(), Some(source.clone())));
        }
    }
    for id in saved.sources.keys() {
        if !now.sources.contains_key(id) {
            ops.push(Op::Source(id.clone(), None));
        }
    }
    ops
}

/// Elements removed from `before` and added in `now` (by value), in `now`'s order.
fn set<T: Serialize + PartialEq + Clone>(
    before: &[T],
    now: &[T],
    ops: &mut Vec<Op>,
    op: impl Fn(T, bool) -> Op,
) {
    let text = |v: &T| ron::to_string(v).unwrap_or_default();
    let was: BTreeSet<String> = before.iter().map(text).collect();
    let is: BTreeSet<String> = now.iter().map(text).collect();
    for v in before {
        if !is.contains(&text(v)) {
            ops.push(op(v.clone(), false));
        }
    }
    for v in now {
        if !was.contains(&text(v)) {
            ops.push(op(v.clone(), true));
        }
    }
}

fn progress(saved: &State, now: &State, replica: &Replica, ops: &mut Vec<Op>) {
    let curricula: BTreeSet<&String> = [
        &saved.progress,
        &saved.set_aside,
        &now.progress,
        &now.set_aside,
    ]
    .iter()
    .flat_map(|m| m.keys())
    .collect();
    let same = |a: &Maps, b: &Maps, c: &str| match (a.get(c), b.get(c)) {
        (None, None) => true,
        (Some(x), Some(y)) => Shared::ptr_eq(x, y),
        _ => false,
    };
    let blank = MilestoneProgress::default();
    for c in curricula {
        if same(&saved.progress, &now.progress, c) && same(&saved.set_aside, &now.set_aside, c) {
            continue;
        }
        if same(&saved.set_aside, &now.set_aside, c) {
            // Nothing moved in or out of the set-aside progress: the two sorted maps are
            // walked side by side, building nothing (a change of one status costs a pass of
            // comparisons over its curriculum, not two maps of it).
            let empty = BTreeMap::new();
            let was = saved.progress.get(c).map_or(&empty, |m| &**m);
            let is = now.progress.get(c).map_or(&empty, |m| &**m);
            side_by_side(was, is, &blank, |id, b, n| {
                milestone(&MilestoneRef::new(c.as_str(), id), b, n, replica, ops);
            });
            continue;
        }
        // Progress set aside is progress still: where it sits follows from the curricula.
        let (was, is) = (entries(saved, c), entries(now, c));
        let ids: BTreeSet<&str> = was.keys().chain(is.keys()).copied().collect();
        for id in ids {
            let (b, n) = (
                was.get(id).copied().unwrap_or(&blank),
                is.get(id).copied().unwrap_or(&blank),
            );
            if b != n {
                milestone(&MilestoneRef::new(c.as_str(), id), b, n, replica, ops);
            }
        }
    }
}

/// Calls `changed` with each id whose progress differs between `was` and `is` (a missing entry
/// is `blank`), in id order.
fn side_by_side<'a>(
    was: &'a BTreeMap<String, MilestoneProgress>,
    is: &'a BTreeMap<String, MilestoneProgress>,
    blank: &'a MilestoneProgress,
    mut changed: impl FnMut(&'a str, &'a MilestoneProgress, &'a MilestoneProgress),
) {
    use std::cmp::Ordering;
    let (mut a, mut b) = (was.iter().peekable(), is.iter().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => return,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((x, _)), Some((y, _))) => x.cmp(y),
        };
        let pair = match order {
            Ordering::Less => a.next().map(|(id, p)| (id, p, blank)),
            Ordering::Greater => b.next().map(|(id, p)| (id, blank, p)),
            Ordering::Equal => a.next().zip(b.next()).map(|((id, p), (_, q))| (id, p, q)),
        };
        if let Some((id, before, after)) = pair
            && before != after
        {
            changed(id.as_str(), before, after);
        }
    }
}

/// Progress of curriculum `c`, wherever it sits: set aside is progress still, and where it sits
/// follows from the curricula.
fn entries<'s>(s: &'s State, c: &str) -> BTreeMap<&'s str, &'s MilestoneProgress> {
    let mut all = BTreeMap::new();
    for maps in [&s.set_aside, &s.progress] {
        for (id, p) in maps.get(c).into_iter().flatten() {
            all.insert(id.as_str(), p);
        }
    }
    all
}

fn milestone(
    r: &MilestoneRef,
    b: &MilestoneProgress,
    n: &MilestoneProgress,
    replica: &Replica,
    ops: &mut Vec<Op>,
) {
    let r = || r.clone();
    set(&b.history, &n.history, ops, |v, on| Op::History(r(), v, on));
    if b.status != n.status {
        ops.push(Op::Status(r(), n.status));
    }
    if b.notes != n.notes {
        ops.push(Op::Notes(r(), n.notes.clone(), replica.notes_version(&r())));
    }
    if !b.other_notes.is_empty() && n.other_notes.is_empty() {
        ops.push(Op::NotesResolved(
            r(),
            replica.other_notes_versions(&r(), None),
        ));
    }
    if b.other_notes.is_empty() && !n.other_notes.is_empty() {
        // Only an undo of a resolution brings texts back: those the learner had resolved.
        let resolved = replica.other_notes_versions(&r(), Some(&n.other_notes));
        if !resolved.is_empty() {
            ops.push(Op::NotesReopened(r(), resolved));
        }
    }
    set(&b.evidence, &n.evidence, ops, |v, on| {
        Op::Evidence(r(), v, on)
    });
    if b.hours_logged.to_bits() != n.hours_logged.to_bits() {
        ops.push(Op::Hours(r(), n.hours_logged - b.hours_logged));
    }
    if b.own_estimate_hours != n.own_estimate_hours {
        ops.push(Op::Estimate(r(), n.own_estimate_hours));
    }
    set(&b.reviews, &n.reviews, ops, |v, on| Op::Review(r(), v, on));
    if b.changed != n.changed {
        ops.push(Op::Changed(r(), n.changed.clone()));
    }
    if b.notes_private != n.notes_private {
        ops.push(Op::NotesPrivate(r(), n.notes_private));
    }
    if b.hidden_from_portfolio != n.hidden_from_portfolio {
        ops.push(Op::PortfolioHidden(r(), n.hidden_from_portfolio));
    }
}
