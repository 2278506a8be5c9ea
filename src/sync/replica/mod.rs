//! The merge of every machine's records: conflict-free types per field (see [`super`]), and
//! the learner's [`State`](crate::progress::State) made from them, whole or one part at a time.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::hlc::{Key, Stamp};
use super::lww::Lww;
use super::names::Names;
use super::op::{Op, Tx};
use crate::progress::{
    Activity, AdoptedGoal, CheckIn, CurriculumSource, Event, FocusRef, MentorComment, MilestoneRef,
    Period, SentPacket, SignOff, StudyTimes, TakenReply, TimerRun,
};

mod entry;
mod state;

use entry::{Entry, Set, legacy_key, set_member};

/// A machine whose records were merged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    name: Lww<String>,
    /// Its latest record. (No count of its records: a record merged twice, from a conflict
    /// copy, would count twice, and machines would show different counts.)
    pub last_seen: Stamp,
}

impl Machine {
    /// The name the machine gave itself, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.get().map(String::as_str)
    }
}

/// Every machine's records, merged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    milestones: BTreeMap<MilestoneRef, Entry>,
    focus: Set<FocusRef>,
    goals: BTreeMap<String, Lww<Option<AdoptedGoal>>>,
    goal_order: Lww<Vec<String>>,
    hours_per_week: Lww<f64>,
    onboarded: Lww<bool>,
    mentor_name: Lww<String>,
    mentor_contact: Lww<String>,
    check_ins: Set<CheckIn>,
    timers: Set<TimerRun>,
    packets: Set<SentPacket>,
    replies: Set<TakenReply>,
    sign_offs: Set<SignOff>,
    comments: Set<MentorComment>,
    learner_name: Lww<String>,
    learner_links: Lww<Vec<String>>,
    /// Time away and weeks of other hours. (A snapshot of the format before them is rebuilt
    /// from the records, see `storage::journal::snapshot`: no default is needed.)
    periods: Set<Period>,
    /// The log, in the order of the records that added its entries.
    activity: BTreeMap<Key, Activity>,
    activity_gone: BTreeSet<Key>,
    sources: BTreeMap<String, Lww<Option<CurriculumSource>>>,
    machines: BTreeMap<String, Machine>,
    migrated: BTreeSet<u64>,
    #[serde(default)]
    study_times: Lww<StudyTimes>,
    /// How the loaded curricula name milestones: set by the workspace, never merged or kept.
    #[serde(skip)]
    names: Names,
}

impl Replica {
    /// Merges one record of machine `device`. Commutative and idempotent.
    pub fn apply(&mut self, device: &str, tx: &Tx) {
        let machine = self.machines.entry(device.to_owned()).or_default();
        machine.last_seen = machine.last_seen.max(tx.last_stamp());
        for (i, step) in tx.steps.iter().enumerate() {
            let k = tx.key(device, i);
            self.apply_step(device, &k, &step.op, step.after.as_deref());
        }
    }

    fn apply_step(&mut self, device: &str, k: &Key, op: &Op, after: Option<&[Key]>) {
        match op {
            Op::Machine(name) => {
                let machine = self.machines.entry(device.to_owned()).or_default();
                machine.name.write(name.clone(), k, after);
            }
            Op::Status(m, v) => self.entry(m).status.write(*v, k, after),
            Op::Notes(m, text, base) => self.entry(m).notes.write(text.clone(), base.clone(), k),
            Op::NotesResolved(m, keys) => self.entry(m).notes.resolve(keys, true, k, after),
            Op::NotesReopened(m, keys) => self.entry(m).notes.resolve(keys, false, k, after),
            Op::Estimate(m, v) => self.entry(m).estimate.write(*v, k, after),
            Op::Changed(m, v) => self.entry(m).changed.write(v.clone(), k, after),
            Op::Hours(m, hours) => {
                self.entry(m).hours.insert(k.clone(), *hours);
            }
            Op::LegacyHours(m, hours, _) => self.entry(m).legacy_hours.write(*hours, k, after),
            Op::Migrated(fingerprint) => {
                self.migrated.insert(*fingerprint);
            }
            Op::History(m, v, on) => set_member(&mut self.entry(m).history, v, *on, k, after),
            Op::Evidence(m, v, on) => set_member(&mut self.entry(m).evidence, v, *on, k, after),
            Op::Review(m, v, on) => set_member(&mut self.entry(m).reviews, v, *on, k, after),
            Op::Focus(f, on) => set_member(&mut self.focus, f, *on, k, after),
            Op::Goal(id, goal) => {
                self.goals
                    .entry(id.clone())
                    .or_default()
                    .write(goal.clone(), k, after)
            }
            Op::GoalOrder(ids) => self.goal_order.write(ids.clone(), k, after),
            Op::HoursPerWeek(h) => self.hours_per_week.write(*h, k, after),
            Op::Onboarded(b) => self.onboarded.write(*b, k, after),
            Op::MentorName(n) => self.mentor_name.write(n.clone(), k, after),
            Op::MentorContact(c) => self.mentor_contact.write(c.clone(), k, after),
            Op::StudyTimes(t) => self.study_times.write(t.clone(), k, after),
            Op::CheckIn(c, on) => set_member(&mut self.check_ins, c, *on, k, after),
            Op::Timer(t, on) => set_member(&mut self.timers, t, *on, k, after),
            Op::PacketSent(p, on) => set_member(&mut self.packets, p, *on, k, after),
            Op::ReplyTaken(r, on) => set_member(&mut self.replies, r, *on, k, after),
            Op::SignOff(s, on) => set_member(&mut self.sign_offs, s, *on, k, after),
            Op::MentorComment(c, on) => set_member(&mut self.comments, c, *on, k, after),
            Op::LearnerName(n) => self.learner_name.write(n.clone(), k, after),
            Op::LearnerLinks(l) => self.learner_links.write(l.clone(), k, after),
            Op::NotesPrivate(m, b) => self.entry(m).notes_private.write(*b, k, after),
            Op::PortfolioHidden(m, b) => self.entry(m).hidden.write(*b, k, after),
            Op::Period(p, on) => set_member(&mut self.periods, p, *on, k, after),
            Op::Activity(a) => {
                self.activity.insert(k.clone(), a.clone());
            }
            Op::ActivityGone(key) => {
                self.activity_gone.insert(key.clone());
            }
            Op::LegacyActivity(a, print, nth) => {
                self.activity.insert(legacy_key(a, *print, *nth), a.clone());
            }
            Op::Source(id, source) => {
                self.sources
                    .entry(id.clone())
                    .or_default()
                    .write(source.clone(), k, after)
            }
        }
    }

    fn entry(&mut self, m: &MilestoneRef) -> &mut Entry {
        self.milestones.entry(m.clone()).or_default()
    }

    /// The changes a new step like `op` (of machine `device`) must name as seen to win: every
    /// change to the same value that no change has seen. Empty for steps that name none (hours
    /// and the log add up; notes name their version themselves).
    pub fn leaves_for(&self, device: &str, op: &Op) -> Vec<Key> {
        fn member<T>(set: &Set<T>, v: &impl Serialize) -> Vec<Key> {
            set.get(&super::canon(v))
                .map(|m| m.on.leaves())
                .unwrap_or_default()
        }
        let entry = |m: &MilestoneRef| self.merged(m);
        match op {
            Op::Machine(_) => self
                .machines
                .get(device)
                .map(|m| m.name.leaves())
                .unwrap_or_default(),
            Op::Status(m, _) => entry(m).map(|e| e.status.leaves()).unwrap_or_default(),
            Op::Estimate(m, _) => entry(m).map(|e| e.estimate.leaves()).unwrap_or_default(),
            Op::Changed(m, _) => entry(m).map(|e| e.changed.leaves()).unwrap_or_default(),
            Op::NotesPrivate(m, _) => entry(m)
                .map(|e| e.notes_private.leaves())
                .unwrap_or_default(),
            Op::PortfolioHidden(m, _) => entry(m).map(|e| e.hidden.leaves()).unwrap_or_default(),
            Op::LegacyHours(m, _, _) => entry(m)
                .map(|e| e.legacy_hours.leaves())
                .unwrap_or_default(),
            Op::NotesResolved(m, keys) | Op::NotesReopened(m, keys) => entry(m)
                .map(|e| e.notes.resolution_leaves(keys))
                .unwrap_or_default(),
            Op::History(m, v, _) => entry(m).map(|e| member(&e.history, v)).unwrap_or_default(),
            Op::Evidence(m, v, _) => entry(m).map(|e| member(&e.evidence, v)).unwrap_or_default(),
            Op::Review(m, v, _) => entry(m).map(|e| member(&e.reviews, v)).unwrap_or_default(),
            Op::Focus(f, _) => member(&self.focus, f),
            Op::CheckIn(c, _) => member(&self.check_ins, c),
            Op::Timer(t, _) => member(&self.timers, t),
            Op::PacketSent(p, _) => member(&self.packets, p),
            Op::ReplyTaken(r, _) => member(&self.replies, r),
            Op::SignOff(s, _) => member(&self.sign_offs, s),
            Op::MentorComment(c, _) => member(&self.comments, c),
            Op::Period(p, _) => member(&self.periods, p),
            Op::Goal(id, _) => self.goals.get(id).map(Lww::leaves).unwrap_or_default(),
            Op::GoalOrder(_) => self.goal_order.leaves(),
            Op::HoursPerWeek(_) => self.hours_per_week.leaves(),
            Op::Onboarded(_) => self.onboarded.leaves(),
            Op::MentorName(_) => self.mentor_name.leaves(),
            Op::MentorContact(_) => self.mentor_contact.leaves(),
            Op::StudyTimes(_) => self.study_times.leaves(),
            Op::LearnerName(_) => self.learner_name.leaves(),
            Op::LearnerLinks(_) => self.learner_links.leaves(),
            Op::Source(id, _) => self.sources.get(id).map(Lww::leaves).unwrap_or_default(),
            Op::Notes(..)
            | Op::Hours(..)
            | Op::Migrated(_)
            | Op::Activity(_)
            | Op::ActivityGone(_)
            | Op::LegacyActivity(..) => Vec::new(),
        }
    }

    /// The key of the change that the value `op` sets now comes from; `None` for steps whose
    /// values add up (hours, the log), where no later change can stand in the way of an undo.
    pub fn winner_for(&self, op: &Op) -> Option<Key> {
        fn member<T>(set: &Set<T>, v: &impl Serialize) -> Option<Key> {
            set.get(&super::canon(v))
                .and_then(|m| m.on.winner().cloned())
        }
        let entry = |m: &MilestoneRef| self.merged(m);
        match op {
            Op::Status(m, _) => entry(m).and_then(|e| e.status.winner().cloned()),
            Op::Estimate(m, _) => entry(m).and_then(|e| e.estimate.winner().cloned()),
            Op::Changed(m, _) => entry(m).and_then(|e| e.changed.winner().cloned()),
            Op::NotesPrivate(m, _) => entry(m).and_then(|e| e.notes_private.winner().cloned()),
            Op::PortfolioHidden(m, _) => entry(m).and_then(|e| e.hidden.winner().cloned()),
            Op::Notes(m, _, _) => entry(m).and_then(|e| e.notes.latest().map(|(k, _)| k.clone())),
            Op::History(m, v, _) => entry(m).and_then(|e| member(&e.history, v)),
            Op::Evidence(m, v, _) => entry(m).and_then(|e| member(&e.evidence, v)),
            Op::Review(m, v, _) => entry(m).and_then(|e| member(&e.reviews, v)),
            Op::Focus(f, _) => member(&self.focus, f),
            Op::CheckIn(c, _) => member(&self.check_ins, c),
            Op::Timer(t, _) => member(&self.timers, t),
            Op::PacketSent(p, _) => member(&self.packets, p),
            Op::ReplyTaken(r, _) => member(&self.replies, r),
            Op::SignOff(s, _) => member(&self.sign_offs, s),
            Op::MentorComment(c, _) => member(&self.comments, c),
            Op::Period(p, _) => member(&self.periods, p),
            Op::Goal(id, _) => self.goals.get(id).and_then(|g| g.winner().cloned()),
            Op::GoalOrder(_) => self.goal_order.winner().cloned(),
            Op::HoursPerWeek(_) => self.hours_per_week.winner().cloned(),
            Op::Onboarded(_) => self.onboarded.winner().cloned(),
            Op::MentorName(_) => self.mentor_name.winner().cloned(),
            Op::MentorContact(_) => self.mentor_contact.winner().cloned(),
            Op::StudyTimes(_) => self.study_times.winner().cloned(),
            Op::LearnerName(_) => self.learner_name.winner().cloned(),
            Op::LearnerLinks(_) => self.learner_links.winner().cloned(),
            Op::Source(id, _) => self.sources.get(id).and_then(|s| s.winner().cloned()),
            _ => None,
        }
    }

    /// Sets how the loaded curricula name milestones (see [`Names`]).
    pub fn set_names(&mut self, names: Names) {
        self.names = names;
    }

    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The records of `m` under every name it has had: its own entry with those of its earlier
    /// ids folded in (see [`Entry::absorb`]). `m` is taken by its current id.
    fn merged(&self, m: &MilestoneRef) -> Option<Cow<'_, Entry>> {
        let m = self.names.current(m);
        let earlier = self.names.earlier.get(m);
        let own = self.milestones.get(m);
        match earlier {
            None => own.map(Cow::Borrowed),
            Some(earlier) => {
                let mut entry = own.cloned().unwrap_or_default();
                let mut any = own.is_some();
                for old in earlier {
                    if let Some(e) = self.milestones.get(old) {
                        entry.absorb(e);
                        any = true;
                    }
                }
                any.then_some(Cow::Owned(entry))
            }
        }
    }

    /// The machines whose records were merged, by id.
    pub fn machines(&self) -> &BTreeMap<String, Machine> {
        &self.machines
    }

    /// The latest stamp of any record merged.
    pub fn latest(&self) -> Stamp {
        self.machines
            .values()
            .map(|m| m.last_seen)
            .max()
            .unwrap_or_default()
    }

    /// The key of the version of `m`'s notes that the state shows: what an edit of them is
    /// based on.
    pub fn notes_version(&self, m: &MilestoneRef) -> Option<Key> {
        self.merged(m)
            .and_then(|e| e.notes.latest().map(|(k, _)| k.clone()))
    }

    /// The keys of the concurrent notes of `m` that the state shows in `other_notes` (with
    /// `resolved` `None`), or of those the learner resolved whose texts are in `resolved`.
    pub fn other_notes_versions(&self, m: &MilestoneRef, resolved: Option<&[String]>) -> Vec<Key> {
        self.merged(m)
            .map(|e| e.notes.other_keys(resolved))
            .unwrap_or_default()
    }

    /// The key of the latest entry of the log equal to `activity`: what taking it back names.
    pub fn activity_key(&self, activity: &Activity) -> Option<Key> {
        self.activity
            .iter()
            .rev()
            .find(|(k, a)| {
                !self.activity_gone.contains(*k)
                    && (*a == activity || self.named_now(a).as_ref() == activity)
            })
            .map(|(k, _)| k.clone())
    }

    /// The entry of the log a record added under `key`, if it is still in the log.
    pub fn activity_at(&self, key: &Key) -> Option<&Activity> {
        self.activity
            .get(key)
            .filter(|_| !self.activity_gone.contains(key))
    }

    /// The key of the newest entry of the log, gone or not.
    pub fn newest_activity(&self) -> Option<&Key> {
        self.activity.keys().next_back()
    }

    /// The hours logged on `m` under every name it has had, as the merge sums them.
    pub fn hours(&self, m: &MilestoneRef) -> f64 {
        self.merged(m).map_or(0.0, |e| e.hours())
    }

    /// An entry of the log with the milestone it names by its current id.
    pub fn named_now<'a>(&self, a: &'a Activity) -> Cow<'a, Activity> {
        let milestone = match &a.event {
            Event::StatusChanged { milestone, .. }
            | Event::HoursLogged { milestone, .. }
            | Event::Reviewed { milestone, .. } => milestone,
            _ => return Cow::Borrowed(a),
        };
        let now = self.names.current(milestone);
        if now == milestone {
            return Cow::Borrowed(a);
        }
        let mut a = a.clone();
        match &mut a.event {
            Event::StatusChanged { milestone, .. }
            | Event::HoursLogged { milestone, .. }
            | Event::Reviewed { milestone, .. } => now.clone_into(milestone),
            _ => {}
        }
        Cow::Owned(a)
    }

    /// Whether a `state.ron` of this fingerprint was carried forward already.
    pub fn has_migrated(&self, fingerprint: u64) -> bool {
        self.migrated.contains(&fingerprint)
    }

    /// Ids of curricula whose latest record removed them.
    pub fn removed_sources(&self) -> BTreeSet<String> {
        self.sources
            .iter()
            .filter(|(_, r)| matches!(r.get(), Some(None)))
            .map(|(id, _)| id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Status;
    use crate::sync::op::{Kind, Step};

    fn tx(ms: u64, op: Op) -> Tx {
        Tx {
            t: Stamp { ms, n: 0 },
            h: 0,
            steps: vec![Step { op, after: None }],
            undo: None,
            what: String::new(),
            kind: Kind::Change,
        }
    }

    #[test]
    fn a_replica_round_trips_through_the_snapshot_form() {
        let mut r = Replica::default();
        let m = MilestoneRef::new("c", "m");
        r.apply("a", &tx(1, Op::Status(m.clone(), Status::Done)));
        r.apply("a", &tx(2, Op::Notes(m.clone(), "x".into(), None)));
        r.apply(
            "a",
            &tx(
                3,
                Op::Activity(Activity {
                    at: chrono::DateTime::default(),
                    event: Event::GoalAdopted { goal: "g".into() },
                }),
            ),
        );
        let bytes = postcard::to_stdvec(&r).expect("serializes");
        let back: Replica = postcard::from_bytes(&bytes).expect("deserializes");
        assert_eq!(back, r);
    }

    #[test]
    fn a_milestone_with_no_hours_logged_has_zero_not_minus_zero() {
        let mut r = Replica::default();
        let m = MilestoneRef::new("c", "m");
        r.apply("a", &tx(1, Op::Notes(m.clone(), "x".into(), None)));
        let state = r.state(&|_: &MilestoneRef| true);
        let hours = state.milestone(&m).map(|p| p.hours_logged);
        assert_eq!(hours, Some(0.0));
        assert!(hours.is_some_and(f64::is_sign_positive), "{hours:?}");
    }

    #[test]
    fn the_same_text_written_on_two_machines_is_no_conflict_before_or_after_an_edit() {
        let m = MilestoneRef::new("c", "m");
        let key = |ms, d: &str| Key {
            t: Stamp { ms, n: 0 },
            d: d.to_owned(),
            h: 0,
        };
        let notes = |text: &str, base: Option<Key>| Op::Notes(m.clone(), text.into(), base);
        // Both machines settle a conflict the same way, then one edits on.
        let records = [
            ("a", 1, notes("x", None)),
            ("b", 2, notes("x", None)),
            ("b", 3, notes("y", Some(key(2, "b")))),
        ];
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let mut r = Replica::default();
            for i in order {
                let (d, ms, op) = &records[i];
                r.apply(d, &tx(*ms, op.clone()));
            }
            let state = r.state(&|_: &MilestoneRef| true);
            let p = state.milestone(&m).unwrap();
            assert_eq!(p.notes, "y", "{order:?}");
            assert!(p.other_notes.is_empty(), "{order:?}: {:?}", p.other_notes);
        }
    }
}
