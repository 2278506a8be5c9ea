//! The merge of every machine's records: conflict-free types per field (see [`super`]), and
//! the learner's [`State`] made from them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::hlc::{Key, Stamp};
use super::op::{Op, Record};
use crate::progress::{
    Activity, AdoptedGoal, Changed, CheckIn, CurriculumSource, FocusRef, Mentor, MilestoneProgress,
    MilestoneRef, Review, Shared, State, Status, StatusChange,
};

/// A single value where the last change wins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Reg<T> {
    v: T,
    k: Key,
}

fn set_reg<T>(slot: &mut Option<Reg<T>>, v: T, k: &Key) {
    if slot.as_ref().is_none_or(|r| *k > r.k) {
        *slot = Some(Reg { v, k: k.clone() });
    }
}

/// An element of a set by value: present or not as its last change says, ordered by that
/// change (so an element added again moves to the end, as it does in a list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Member<T> {
    v: T,
    present: bool,
    k: Key,
}

/// The key of an entry of a log from before sync: stamped with the entry's own time and `nth`,
/// which of the file's entries of that moment it is (so the old log keeps its order), and
/// named by `print`, the fingerprint of the entry itself ([`canon`]). The same on every machine
/// and for every file that holds the entry.
fn legacy_key(entry: &Activity, print: u64, nth: u32) -> Key {
    Key {
        t: Stamp {
            ms: u64::try_from(entry.at.timestamp_millis()).unwrap_or(0),
            n: nth,
        },
        d: format!("legacy-{print:016x}"),
    }
}

/// Elements by a hash of their value (FNV-1a of their RON text: the same on every machine).
type Set<T> = BTreeMap<u64, Member<T>>;

pub(crate) fn canon<T: Serialize>(value: &T) -> u64 {
    let text = ron::to_string(value).unwrap_or_default();
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn set_member<T: Serialize>(set: &mut Set<T>, v: T, present: bool, k: &Key) {
    let slot = set.entry(canon(&v)).or_insert_with(|| Member {
        v,
        present: !present,
        k: Key::default(),
    });
    if *k > slot.k {
        slot.present = present;
        slot.k = k.clone();
    }
}

/// Adds `other`'s elements to `set`; an element in both keeps its later change.
fn join<T: Clone>(set: &mut Set<T>, other: &Set<T>) {
    for (hash, member) in other {
        match set.get(hash) {
            Some(mine) if mine.k >= member.k => {}
            _ => {
                set.insert(*hash, member.clone());
            }
        }
    }
}

/// The present elements, in the order of their last change.
fn members<T: Clone>(set: &Set<T>) -> Vec<T> {
    // Sorted as small (stamp, machine, value) tuples: comparing them reads no member. Keys are
    // unique, so an unstable sort gives the one order.
    let mut present: Vec<(Stamp, &str, &T)> = set
        .values()
        .filter(|m| m.present)
        .map(|m| (m.k.t, m.k.d.as_str(), &m.v))
        .collect();
    present.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    present.into_iter().map(|(_, _, v)| v.clone()).collect()
}

/// Notes: every text written that no later write was based on (a *leaf*) is kept; the latest
/// is the notes, the others are concurrent edits for the learner to resolve, unless their text
/// is the latest's or one some write was based on (that text was seen: nothing to resolve).
/// All of it depends only on which writes there are, not on the order they arrived in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Notes {
    leaves: BTreeMap<Key, String>,
    /// Every version some write was based on.
    bases: BTreeSet<Key>,
    /// The fingerprint of every write's text, by its key.
    written: BTreeMap<Key, u64>,
    /// Whether the learner resolved a concurrent text, by its key: the last change wins, so
    /// undoing a resolution brings the text back on every machine.
    resolved: BTreeMap<Key, Reg<bool>>,
}

impl Notes {
    fn write(&mut self, text: String, base: Option<Key>, k: &Key) {
        self.written.insert(k.clone(), canon(&text));
        if let Some(base) = base {
            self.leaves.remove(&base);
            self.bases.insert(base);
        }
        if !self.bases.contains(k) {
            self.leaves.insert(k.clone(), text);
        }
    }

    fn latest(&self) -> Option<(&Key, &String)> {
        self.leaves.iter().next_back()
    }

    fn is_resolved(&self, k: &Key) -> bool {
        self.resolved.get(k).is_some_and(|r| r.v)
    }

    fn resolve(&mut self, keys: &[Key], resolved: bool, k: &Key) {
        for key in keys {
            let mut slot = self.resolved.remove(key);
            set_reg(&mut slot, resolved, k);
            self.resolved.extend(slot.map(|r| (key.clone(), r)));
        }
    }

    /// The concurrent texts other than the latest, with their keys, resolved or not.
    fn concurrent(&self) -> impl Iterator<Item = (&Key, &String)> {
        let latest = self.latest();
        let seen: BTreeSet<u64> = self
            .bases
            .iter()
            .filter_map(|b| self.written.get(b).copied())
            .collect();
        self.leaves.iter().filter(move |(k, t)| {
            latest.is_some_and(|(lk, lt)| *k != lk && !t.is_empty() && *t != lt)
                && !seen.contains(&canon(*t))
        })
    }

    fn others(&self) -> Vec<String> {
        let mut others: Vec<String> = Vec::new();
        for (_, t) in self.concurrent().filter(|(k, _)| !self.is_resolved(k)) {
            if !others.contains(t) {
                others.push(t.clone());
            }
        }
        others
    }

    /// The keys of the concurrent texts that are unresolved, or resolved and among `texts`.
    fn other_keys(&self, resolved: Option<&[String]>) -> Vec<Key> {
        self.concurrent()
            .filter(|(k, t)| match resolved {
                None => !self.is_resolved(k),
                Some(texts) => self.is_resolved(k) && texts.contains(t),
            })
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// One milestone's progress, merged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Entry {
    status: Option<Reg<Status>>,
    notes: Notes,
    estimate: Option<Reg<Option<f64>>>,
    changed: Option<Reg<Option<Changed>>>,
    hours: BTreeMap<Key, f64>,
    /// The hours a `state.ron` from before sync held: the latest carrying forward wins, so a
    /// file carried again (by a second machine, or after an older Waymark wrote it) counts once.
    legacy_hours: Option<Reg<f64>>,
    history: Set<StatusChange>,
    evidence: Set<String>,
    reviews: Set<Review>,
}

impl Entry {
    /// Folds in the records of `earlier`, an id this milestone had before a curriculum renamed
    /// it: the milestone's own name leads for single values (its status, notes, estimate and
    /// flag, when it has one) and the earlier name's stand in where it has none; sets are
    /// joined (the later change of an element wins) and hours are added, each record's once.
    /// A pure function of the two entries' records, so every machine folds them alike.
    fn absorb(&mut self, earlier: &Self) {
        if self.status.is_none() {
            self.status.clone_from(&earlier.status);
        }
        if self.notes.leaves.is_empty() {
            self.notes = earlier.notes.clone();
        }
        if self.estimate.is_none() {
            self.estimate.clone_from(&earlier.estimate);
        }
        if self.changed.is_none() {
            self.changed.clone_from(&earlier.changed);
        }
        self.hours
            .extend(earlier.hours.iter().map(|(k, h)| (k.clone(), *h)));
        match (&self.legacy_hours, &earlier.legacy_hours) {
            (None, Some(l)) => self.legacy_hours = Some(l.clone()),
            // Two ids' hours from before sync: both count, the earlier one as an amount.
            (Some(_), Some(l)) => {
                self.hours.insert(l.k.clone(), l.v);
            }
            _ => {}
        }
        join(&mut self.history, &earlier.history);
        join(&mut self.evidence, &earlier.evidence);
        join(&mut self.reviews, &earlier.reviews);
    }

    fn hours(&self) -> f64 {
        // Summed from 0.0: `Sum` for floats starts at -0.0, which shows as "-0 h logged".
        self.legacy_hours
            .iter()
            .map(|r| &r.v)
            .chain(self.hours.values())
            .fold(0.0, |sum, h| sum + h)
    }

    fn progress(&self) -> MilestoneProgress {
        MilestoneProgress {
            status: self.status.as_ref().map_or(Status::Todo, |r| r.v),
            history: members(&self.history),
            notes: self
                .notes
                .latest()
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
            evidence: members(&self.evidence),
            hours_logged: self.hours(),
            own_estimate_hours: self.estimate.as_ref().and_then(|r| r.v),
            reviews: members(&self.reviews),
            changed: self.changed.as_ref().and_then(|r| r.v.clone()),
            other_notes: self.notes.others(),
        }
    }
}

/// A machine whose records were merged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    name: Option<Reg<String>>,
    /// Its latest record. (No count of its records: a record merged twice, from a conflict
    /// copy, would count twice, and machines would show different counts.)
    pub last_seen: Stamp,
}

impl Machine {
    /// The name the machine gave itself, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|r| r.v.as_str())
    }
}

/// How the loaded curricula name the milestones that records may name otherwise (contract
/// §1): an earlier id a curriculum lists in `renamed_from` is the milestone it became, and a
/// milestone split off from another (`split_from`) counts as finished while that one is, until
/// the learner sets its own status. Taken from the curricula, not from the records, so a
/// rename needs no record at all: every machine that loads the same revision folds the same
/// records the same way, and one that loads an older revision still shows them under the old
/// id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    /// An earlier id to the milestone it became.
    renamed: BTreeMap<MilestoneRef, MilestoneRef>,
    /// A milestone to the earlier ids that became it.
    earlier: BTreeMap<MilestoneRef, Vec<MilestoneRef>>,
    /// A milestone to the milestones it was split off from (each as its current id).
    split: BTreeMap<MilestoneRef, Vec<MilestoneRef>>,
}

impl Names {
    /// The names `curricula` give.
    pub fn of<'c>(curricula: impl IntoIterator<Item = &'c crate::curriculum::Curriculum>) -> Self {
        let mut names = Self::default();
        let mut splits = Vec::new();
        for c in curricula {
            for m in c.milestones() {
                let now = MilestoneRef::new(&c.id, &m.id);
                for old in &m.renamed_from {
                    let old = MilestoneRef::new(&c.id, old);
                    names
                        .earlier
                        .entry(now.clone())
                        .or_default()
                        .push(old.clone());
                    names.renamed.insert(old, now.clone());
                }
                for from in &m.split_from {
                    splits.push((now.clone(), MilestoneRef::new(&c.id, from)));
                }
            }
        }
        for (now, from) in splits {
            let from = names.current(&from).clone();
            names.split.entry(now).or_default().push(from);
        }
        names
    }

    /// The id a milestone goes by now.
    pub fn current<'a>(&'a self, r: &'a MilestoneRef) -> &'a MilestoneRef {
        self.renamed.get(r).unwrap_or(r)
    }

    pub fn is_empty(&self) -> bool {
        self.renamed.is_empty() && self.split.is_empty()
    }
}

/// Every machine's records, merged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    milestones: BTreeMap<MilestoneRef, Entry>,
    focus: Set<FocusRef>,
    goals: BTreeMap<String, Reg<Option<AdoptedGoal>>>,
    goal_order: Option<Reg<Vec<String>>>,
    hours_per_week: Option<Reg<f64>>,
    onboarded: Option<Reg<bool>>,
    mentor_name: Option<Reg<String>>,
    mentor_contact: Option<Reg<String>>,
    check_ins: Set<CheckIn>,
    /// The log, in the order of the records that added its entries.
    activity: BTreeMap<Key, Activity>,
    activity_gone: BTreeSet<Key>,
    sources: BTreeMap<String, Reg<Option<CurriculumSource>>>,
    machines: BTreeMap<String, Machine>,
    migrated: BTreeSet<u64>,
    /// How the loaded curricula name milestones: set by the workspace, never merged or kept.
    #[serde(skip)]
    names: Names,
}

impl Replica {
    /// Merges one record of machine `device`. Commutative and idempotent.
    pub fn apply(&mut self, device: &str, record: &Record) {
        let k = Key {
            t: record.t,
            d: device.to_owned(),
        };
        let machine = self.machines.entry(device.to_owned()).or_default();
        machine.last_seen = machine.last_seen.max(record.t);
        match &record.op {
            Op::Machine(name) => set_reg(&mut machine.name, name.clone(), &k),
            Op::Status(m, v) => set_reg(&mut self.entry(m).status, *v, &k),
            Op::Notes(m, text, base) => self.entry(m).notes.write(text.clone(), base.clone(), &k),
            Op::NotesResolved(m, keys) => self.entry(m).notes.resolve(keys, true, &k),
            Op::NotesReopened(m, keys) => self.entry(m).notes.resolve(keys, false, &k),
            Op::Estimate(m, v) => set_reg(&mut self.entry(m).estimate, *v, &k),
            Op::Changed(m, v) => set_reg(&mut self.entry(m).changed, v.clone(), &k),
            Op::Hours(m, hours) => {
                self.entry(m).hours.insert(k, *hours);
            }
            Op::LegacyHours(m, hours, _) => set_reg(&mut self.entry(m).legacy_hours, *hours, &k),
            Op::Migrated(fingerprint) => {
                self.migrated.insert(*fingerprint);
            }
            Op::History(m, v, on) => set_member(&mut self.entry(m).history, v.clone(), *on, &k),
            Op::Evidence(m, v, on) => set_member(&mut self.entry(m).evidence, v.clone(), *on, &k),
            Op::Review(m, v, on) => set_member(&mut self.entry(m).reviews, v.clone(), *on, &k),
            Op::Focus(f, on) => set_member(&mut self.focus, f.clone(), *on, &k),
            Op::Goal(id, goal) => {
                let slot = self.goals.entry(id.clone()).or_insert_with(|| Reg {
                    v: None,
                    k: Key::default(),
                });
                if k > slot.k {
                    *slot = Reg { v: goal.clone(), k };
                }
            }
            Op::GoalOrder(ids) => set_reg(&mut self.goal_order, ids.clone(), &k),
            Op::HoursPerWeek(h) => set_reg(&mut self.hours_per_week, *h, &k),
            Op::Onboarded(b) => set_reg(&mut self.onboarded, *b, &k),
            Op::MentorName(n) => set_reg(&mut self.mentor_name, n.clone(), &k),
            Op::MentorContact(c) => set_reg(&mut self.mentor_contact, c.clone(), &k),
            Op::CheckIn(c, on) => set_member(&mut self.check_ins, c.clone(), *on, &k),
            Op::Activity(a) => {
                self.activity.insert(k, a.clone());
            }
            Op::ActivityGone(key) => {
                self.activity_gone.insert(key.clone());
            }
            Op::LegacyActivity(a, print, nth) => {
                self.activity.insert(legacy_key(a, *print, *nth), a.clone());
            }
            Op::Source(id, source) => {
                let slot = self.sources.entry(id.clone()).or_insert_with(|| Reg {
                    v: None,
                    k: Key::default(),
                });
                if k > slot.k {
                    *slot = Reg {
                        v: source.clone(),
                        k,
                    };
                }
            }
        }
    }

    fn entry(&mut self, m: &MilestoneRef) -> &mut Entry {
        self.milestones.entry(m.clone()).or_default()
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
    fn merged(&self, m: &MilestoneRef) -> Option<std::borrow::Cow<'_, Entry>> {
        let m = self.names.current(m);
        let earlier = self.names.earlier.get(m);
        let own = self.milestones.get(m);
        match earlier {
            None => own.map(std::borrow::Cow::Borrowed),
            Some(earlier) => {
                let mut entry = own.cloned().unwrap_or_default();
                let mut any = own.is_some();
                for old in earlier {
                    if let Some(e) = self.milestones.get(old) {
                        entry.absorb(e);
                        any = true;
                    }
                }
                any.then_some(std::borrow::Cow::Owned(entry))
            }
        }
    }

    /// The progress of `m` as the state shows it: its records under every name it has had,
    /// and, while it has no status of its own, the status of a milestone it was split off from
    /// once that one is finished.
    fn progress_of(&self, m: &MilestoneRef) -> Option<MilestoneProgress> {
        let merged = self.merged(m);
        let mut p = merged.as_deref().map(Entry::progress);
        let own_status = merged.as_deref().is_some_and(|e| e.status.is_some());
        if !own_status && let Some(sources) = self.names.split.get(m) {
            let finished = sources.iter().find_map(|s| {
                let source = self.merged(s)?;
                let status = source.status.as_ref()?.v;
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

    /// The hours logged on `m` under every name it has had, as the merge sums them.
    pub fn hours(&self, m: &MilestoneRef) -> f64 {
        self.merged(m).map_or(0.0, |e| e.hours())
    }

    /// An entry of the log with the milestone it names by its current id.
    fn named_now<'a>(&self, a: &'a Activity) -> std::borrow::Cow<'a, Activity> {
        use crate::progress::Event;
        let milestone = match &a.event {
            Event::StatusChanged { milestone, .. }
            | Event::HoursLogged { milestone, .. }
            | Event::Reviewed { milestone, .. } => milestone,
            _ => return std::borrow::Cow::Borrowed(a),
        };
        let now = self.names.current(milestone);
        if now == milestone {
            return std::borrow::Cow::Borrowed(a);
        }
        let mut a = a.clone();
        match &mut a.event {
            Event::StatusChanged { milestone, .. }
            | Event::HoursLogged { milestone, .. }
            | Event::Reviewed { milestone, .. } => now.clone_into(milestone),
            _ => {}
        }
        std::borrow::Cow::Owned(a)
    }

    /// Whether a `state.ron` of this fingerprint was carried forward already.
    pub fn has_migrated(&self, fingerprint: u64) -> bool {
        self.migrated.contains(&fingerprint)
    }

    /// Ids of curricula whose latest record removed them.
    pub fn removed_sources(&self) -> BTreeSet<String> {
        self.sources
            .iter()
            .filter(|(_, r)| r.v.is_none())
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// The imported curricula, as the merge has them: what the workspace loads.
    pub fn sources(&self) -> BTreeMap<String, CurriculumSource> {
        self.sources
            .iter()
            .filter_map(|(id, r)| r.v.clone().map(|s| (id.clone(), s)))
            .collect()
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
                && (self.milestones.contains_key(now) || earlier_first(&self.names, now) != Some(r))
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
        let mut goals: Vec<(&Key, &AdoptedGoal)> = self
            .goals
            .values()
            .filter_map(|r| r.v.as_ref().map(|g| (&r.k, g)))
            .collect();
        goals.sort_by(|a, b| a.0.cmp(b.0));
        let order: Vec<String> = self
            .goal_order
            .as_ref()
            .map(|r| r.v.clone())
            .unwrap_or_default();
        // The learner's order first; goals it does not name (adopted on another machine that
        // had not seen it) after, in the order they were adopted.
        goals.sort_by_key(|(_, g)| {
            order
                .iter()
                .position(|id| *id == g.id)
                .unwrap_or(usize::MAX)
        });
        let defaults = State::default();
        let goals = goals
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
            .collect();
        State {
            focus: members(&self.focus),
            goals,
            hours_per_week: self
                .hours_per_week
                .as_ref()
                .map_or(defaults.hours_per_week, |r| r.v),
            progress: progress
                .into_iter()
                .map(|(c, m)| (c, Shared::from(m)))
                .collect(),
            set_aside: set_aside
                .into_iter()
                .map(|(c, m)| (c, Shared::from(m)))
                .collect(),
            activity: self
                .activity
                .iter()
                .filter(|(k, _)| !self.activity_gone.contains(*k))
                .map(|(_, a)| self.named_now(a).into_owned())
                .collect(),
            mentor: Mentor {
                name: self
                    .mentor_name
                    .as_ref()
                    .map(|r| r.v.clone())
                    .unwrap_or_default(),
                contact: self
                    .mentor_contact
                    .as_ref()
                    .map(|r| r.v.clone())
                    .unwrap_or_default(),
                check_ins: {
                    // By date, as the window keeps them; those of one date in the order they
                    // were added (a stable sort of the record order).
                    let mut check_ins = members(&self.check_ins);
                    check_ins.sort_by_key(|c| c.date);
                    check_ins
                },
            },
            sources: self
                .sources
                .iter()
                .filter_map(|(id, r)| r.v.clone().map(|s| (id.clone(), s)))
                .collect(),
            onboarded: self.onboarded.as_ref().is_some_and(|r| r.v),
        }
    }
}

/// The first of the earlier ids of `now` that has records, which stands for them all when
/// `now` has none of its own.
fn earlier_first<'a>(names: &'a Names, now: &MilestoneRef) -> Option<&'a MilestoneRef> {
    names.earlier.get(now).and_then(|all| all.first())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Event, MilestoneRef};

    #[test]
    fn a_replica_round_trips_through_the_snapshot_form() {
        let mut r = Replica::default();
        let m = MilestoneRef::new("c", "m");
        let t = |ms| Stamp { ms, n: 0 };
        r.apply(
            "a",
            &Record {
                t: t(1),
                op: Op::Status(m.clone(), Status::Done),
            },
        );
        r.apply(
            "a",
            &Record {
                t: t(2),
                op: Op::Notes(m.clone(), "x".into(), None),
            },
        );
        r.apply(
            "a",
            &Record {
                t: t(3),
                op: Op::Activity(Activity {
                    at: chrono::DateTime::default(),
                    event: Event::GoalAdopted { goal: "g".into() },
                }),
            },
        );
        let bytes = postcard::to_stdvec(&r).expect("serializes");
        let back: Replica = postcard::from_bytes(&bytes).expect("deserializes");
        assert_eq!(back, r);
    }

    #[test]
    fn a_milestone_with_no_hours_logged_has_zero_not_minus_zero() {
        let mut r = Replica::default();
        let m = MilestoneRef::new("c", "m");
        r.apply(
            "a",
            &Record {
                t: Stamp { ms: 1, n: 0 },
                op: Op::Notes(m.clone(), "x".into(), None),
            },
        );
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
                let t = Stamp { ms: *ms, n: 0 };
                r.apply(d, &Record { t, op: op.clone() });
            }
            let state = r.state(&|_: &MilestoneRef| true);
            let p = state.milestone(&m).unwrap();
            assert_eq!(p.notes, "y", "{order:?}");
            assert!(p.other_notes.is_empty(), "{order:?}: {:?}", p.other_notes);
        }
    }
}
