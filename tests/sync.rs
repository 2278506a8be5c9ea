//! Several machines, one learner: each machine's records reach the others the way sync tools
//! move files (whole, half-written, as conflict copies, through git), and every machine ends
//! with the same state and every change in it.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too: a panic is a failed test

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use support::{stderr, stdout, waymark_as};
use waymark::progress::{CheckIn, FocusRef, MilestoneRef, State, Status};
use waymark::sync::device::Device;
use waymark::workspace::Change as Edit;
use waymark::workspace::Workspace;

const DRILL: &str = r#"Curriculum(format: 1, id: "drill", revision: 1, title: "Drill",
    focus_areas: [FocusArea(id: "a", title: "A"), FocusArea(id: "b", title: "B")],
    sections: [Section(id: "s", title: "Steps", milestones: [
        Milestone(id: "m0", title: "Zero", effort_hours: 3),
        Milestone(id: "m1", title: "One", effort_hours: 4, requires: ["m0"]),
        Milestone(id: "m2", title: "Two", effort_hours: 5, focus: ["a"]),
        Milestone(id: "m3", title: "Three", effort_hours: 6, focus: ["b"]),
    ])],
    goals: [
        Goal(id: "g1", title: "First two", milestones: ["m0", "m1"]),
        Goal(id: "g2", title: "Area a", focus: "a", milestones: ["m2"]),
    ])"#;

fn at(n: u64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 1, 9, 0, 0).unwrap() + chrono::Duration::minutes(n as i64)
}

fn r(i: usize) -> MilestoneRef {
    MilestoneRef::new("drill", format!("m{}", i % 4))
}

/// What a machine does.
#[derive(Clone, Debug)]
enum Change {
    Status(usize, Status),
    Hours(usize, u8),
    Notes(usize, String),
    /// Adds (`true`) or removes an evidence link.
    Evidence(usize, u8, bool),
    Weekly(u8),
    Focus(bool, bool),
    CheckIn(u8),
    /// Deletes the check-in at this place, if there is one.
    DeleteCheckIn(u8),
    /// Adds time away starting so many days into February 2027, for a week.
    Away(u8),
    /// Removes the period at this place, if there is one.
    RemovePeriod(u8),
    /// Adopts (`true`) or drops goal `g1` or `g2`.
    Goal(bool, bool),
    Undo,
    Redo,
}

/// A line an attacker with write access to the synced folder puts in a machine file of its own,
/// the same in every machine's folder.
#[derive(Clone, Debug)]
enum Hostile {
    /// A status change dated 9999 with its counter at the end.
    FromTheFuture(usize, Status),
    /// Hours a week that are not a number.
    NotANumber,
    /// Hours logged that are negative and huge.
    NegativeHours(usize),
    /// A kind of change no Waymark knows.
    UnknownKind,
    /// Bytes that are no record.
    Garbage,
}

/// How a file reaches another machine.
#[derive(Clone, Copy, Debug)]
enum Delivery {
    Whole,
    /// A sync tool still writing it: a prefix, at least as long as what is there.
    Partly(u8),
    /// Beside the file, as Syncthing names a conflict copy.
    ConflictCopy,
}

#[derive(Clone, Debug)]
enum Step {
    Change(usize, Change),
    Hostile(Hostile),
    /// Machine `from`'s file goes to machine `to`'s folder.
    Deliver {
        from: usize,
        to: usize,
        how: Delivery,
    },
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..4usize, prop::sample::select(Status::ALL.to_vec()))
            .prop_map(|(m, s)| Change::Status(m, s)),
        (0..4usize, 1..8u8).prop_map(|(m, h)| Change::Hours(m, h)),
        (0..4usize, "[a-z]{0,6}").prop_map(|(m, t)| Change::Notes(m, t)),
        (0..4usize, 0..3u8, any::<bool>()).prop_map(|(m, e, on)| Change::Evidence(m, e, on)),
        (1..20u8).prop_map(Change::Weekly),
        (any::<bool>(), any::<bool>()).prop_map(|(a, on)| Change::Focus(a, on)),
        (0..5u8).prop_map(Change::CheckIn),
        (0..3u8).prop_map(Change::DeleteCheckIn),
        (0..5u8).prop_map(Change::Away),
        (0..3u8).prop_map(Change::RemovePeriod),
        (any::<bool>(), any::<bool>()).prop_map(|(g, on)| Change::Goal(g, on)),
        Just(Change::Undo),
        Just(Change::Redo),
    ]
}

fn hostile() -> impl Strategy<Value = Hostile> {
    prop_oneof![
        (0..4usize, prop::sample::select(Status::ALL.to_vec()))
            .prop_map(|(m, s)| Hostile::FromTheFuture(m, s)),
        Just(Hostile::NotANumber),
        (0..4usize).prop_map(Hostile::NegativeHours),
        Just(Hostile::UnknownKind),
        Just(Hostile::Garbage),
    ]
}

fn step(machines: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..machines, change()).prop_map(|(m, c)| Step::Change(m, c)),
        1 => hostile().prop_map(Step::Hostile),
        2 => (0..machines, 0..machines, prop_oneof![
            3 => Just(Delivery::Whole),
            1 => (0..255u8).prop_map(Delivery::Partly),
            1 => Just(Delivery::ConflictCopy),
        ]).prop_map(|(from, to, how)| Step::Deliver { from, to, how }),
    ]
}

/// One machine: its folder and its name.
struct Machine {
    root: PathBuf,
    device: Device,
}

impl Machine {
    fn open(&self) -> Workspace {
        Workspace::open_as(&self.root, self.device.clone())
            .unwrap()
            .0
    }

    fn changes(&self, of: &Device) -> PathBuf {
        self.root.join("machines").join(&of.id).join("changes.ron")
    }
}

/// `n` machines sharing one curriculum, imported on the first and copied to the others.
fn machines(tmp: &Path, n: usize) -> Vec<Machine> {
    let all: Vec<Machine> = (0..n)
        .map(|i| Machine {
            root: tmp.join(format!("machine-{i}")),
            device: Device::named(&format!("machine-{i}")),
        })
        .collect();
    let mut ws = all[0].open();
    let pending = ws.preview_import("drill.ron", DRILL.as_bytes()).unwrap();
    ws.apply(
        Edit::Import {
            pending: Box::new(pending),
            keep_checked: false,
            allow_older: false,
        },
        at(0),
    )
    .unwrap();
    drop(ws);
    for m in &all[1..] {
        copy_dir(&all[0].root.join("curricula"), &m.root.join("curricula"));
        deliver(&all[0], m, &all[0].device, Delivery::Whole);
    }
    all
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// Machine `of`'s file, from `from`'s folder to `to`'s, as `how` says.
fn deliver(from: &Machine, to: &Machine, of: &Device, how: Delivery) {
    let Ok(bytes) = std::fs::read(from.changes(of)) else {
        return;
    };
    let target = to.changes(of);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let there = std::fs::metadata(&target).map_or(0, |m| m.len() as usize);
    match how {
        Delivery::Whole => std::fs::write(&target, &bytes).unwrap(),
        Delivery::Partly(share) => {
            if bytes.len() > there {
                let len = there + (bytes.len() - there) * usize::from(share) / 255;
                std::fs::write(&target, &bytes[..len]).unwrap();
            }
        }
        Delivery::ConflictCopy => {
            let copy = target.with_file_name(format!(
                "changes.sync-conflict-20270101-090000-{}.ron",
                to.device.id.len() + bytes.len()
            ));
            std::fs::write(copy, &bytes).unwrap();
        }
    }
}

/// What one machine's change did to the additive parts of the state: what its undo takes
/// back and its redo puts back.
#[derive(Clone, Copy, Debug, Default)]
struct Effect {
    activity: i64,
    check_ins: i64,
    hours: Option<(usize, f64)>,
}

/// What every machine must end with, whatever the order the files arrived in: the log's
/// entries, the check-ins and the hours logged that honest machines' changes add up to.
#[derive(Default)]
struct Counts {
    activity: i64,
    check_ins: i64,
    /// A check-in was removed (deleted, or its adding undone): two machines may remove the
    /// same one before either sees the other, and it goes once, so only an upper bound holds.
    check_ins_removed: bool,
    hours: BTreeMap<MilestoneRef, f64>,
    /// Each machine's own undo and redo, as the test expects them.
    undo: Vec<Vec<Effect>>,
    redo: Vec<Vec<Effect>>,
}

impl Counts {
    fn add(&mut self, e: Effect, sign: f64) {
        let s = sign as i64;
        if s * e.check_ins < 0 {
            self.check_ins_removed = true;
        }
        self.activity += s * e.activity;
        self.check_ins += s * e.check_ins;
        if let Some((m, h)) = e.hours {
            *self.hours.entry(r(m)).or_default() += sign * h;
        }
    }
}

/// Applies one change on machine `machine` through the one write path, saves it, and keeps
/// what it adds to the counts.
fn apply(ws: &mut Workspace, machine: usize, change: &Change, n: u64, counts: &mut Counts) {
    let now = at(n);
    let made = match change {
        Change::Undo | Change::Redo => {
            let back = matches!(change, Change::Undo);
            let done = if back { ws.undo(now) } else { ws.redo(now) };
            ws.save().unwrap();
            match done {
                Ok(_) => {
                    let (from, to) = if back {
                        (&mut counts.undo, &mut counts.redo)
                    } else {
                        (&mut counts.redo, &mut counts.undo)
                    };
                    let effect = from[machine].pop().expect("the test's stack agrees");
                    to[machine].push(effect);
                    counts.add(effect, if back { -1.0 } else { 1.0 });
                }
                Err(
                    waymark::workspace::WorkspaceError::NothingToUndo
                    | waymark::workspace::WorkspaceError::NothingToRedo,
                ) => {
                    let stack = if back { &counts.undo } else { &counts.redo };
                    assert!(stack[machine].is_empty(), "the domain forgot a step");
                }
                // Another machine changed it since: nothing was taken back, and the stacks
                // stay as they are.
                Err(waymark::workspace::WorkspaceError::ChangedSince { .. }) => {}
                Err(e) => panic!("{e}"),
            }
            return;
        }
        Change::Status(m, status) => Edit::SetStatus {
            milestone: r(*m),
            status: *status,
        },
        Change::Hours(m, h) => Edit::LogHours {
            milestone: r(*m),
            hours: f64::from(*h),
        },
        Change::Notes(m, text) => Edit::SetNotes {
            milestone: r(*m),
            notes: text.clone(),
        },
        Change::Evidence(m, e, on) => {
            let link = format!("https://example.org/{m}/{e}");
            if *on {
                Edit::AddEvidence {
                    milestone: r(*m),
                    link,
                }
            } else {
                Edit::RemoveEvidence {
                    milestone: r(*m),
                    link,
                }
            }
        }
        Change::Weekly(h) => Edit::SetHoursPerWeek(f64::from(*h)),
        Change::Focus(a, on) => {
            let f = FocusRef {
                curriculum: "drill".into(),
                focus: if *a { "a" } else { "b" }.into(),
            };
            if *on {
                Edit::AddFocus(f)
            } else {
                Edit::RemoveFocus(f)
            }
        }
        Change::CheckIn(d) => {
            let date = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap() + Days::new(u64::from(*d));
            Edit::AddCheckIn(CheckIn {
                date,
                notes: format!("check-in {n}"),
                next_steps: Vec::new(),
                mentor: String::new(),
            })
        }
        Change::DeleteCheckIn(i) => {
            if usize::from(*i) >= ws.state().mentor.check_ins.len() {
                return;
            }
            Edit::DeleteCheckIn(usize::from(*i))
        }
        Change::Away(d) => {
            let from = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap() + Days::new(u64::from(*d));
            Edit::AddPeriod(waymark::progress::Period::away(from, from + Days::new(6)))
        }
        Change::RemovePeriod(i) => {
            if usize::from(*i) >= ws.state().periods.len() {
                return;
            }
            Edit::RemovePeriod(usize::from(*i))
        }
        Change::Goal(first, on) => {
            let id = if *first { "g1" } else { "g2" };
            let adopted = ws
                .state()
                .goals
                .iter()
                .find(|g| g.id.ends_with(id))
                .map(|g| g.id.clone());
            match (on, adopted) {
                (true, None) => Edit::AdoptGoal {
                    curriculum: "drill".into(),
                    goal: id.into(),
                    target: Some(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()),
                },
                (false, Some(goal)) => Edit::DropGoal(goal),
                _ => return,
            }
        }
    };
    let effect = match &made {
        Edit::SetStatus { .. } | Edit::AdoptGoal { .. } => Effect {
            activity: 1,
            ..Effect::default()
        },
        Edit::LogHours { milestone, hours } => Effect {
            activity: 1,
            hours: Some((milestone.milestone[1..].parse().unwrap(), *hours)),
            ..Effect::default()
        },
        Edit::AddCheckIn(_) => Effect {
            activity: 1,
            check_ins: 1,
            ..Effect::default()
        },
        Edit::DeleteCheckIn(_) => Effect {
            check_ins: -1,
            ..Effect::default()
        },
        _ => Effect::default(),
    };
    let applied = match ws.apply(made, now) {
        Ok(applied) => applied,
        // The import was undone on this machine: its milestones, goals and areas are gone
        // until it is redone, and changes to them are refused.
        Err(
            waymark::workspace::WorkspaceError::UnknownCurriculum(_)
            | waymark::workspace::WorkspaceError::UnknownMilestone(_)
            | waymark::workspace::WorkspaceError::UnknownFocus(_),
        ) => return,
        Err(e) => panic!("{e}"),
    };
    ws.save().unwrap();
    if applied.changed {
        counts.undo[machine].push(effect);
        counts.redo[machine].clear();
        counts.add(effect, 1.0);
    }
}

/// [`apply`] for a test of a few steps on one machine, whose counts no one checks.
fn apply_once(ws: &mut Workspace, change: &Change, n: u64) {
    let mut counts = Counts {
        undo: vec![Vec::new()],
        redo: vec![Vec::new()],
        ..Counts::default()
    };
    apply(ws, 0, change, n, &mut counts);
}

/// The lines an opening skipped, as it told them.
fn skipped(report: &waymark::workspace::OpenReport) -> Vec<String> {
    report
        .sync_news
        .iter()
        .filter(|p| p.id.starts_with("skipped:"))
        .map(|p| p.text.clone())
        .collect()
}

/// Puts `line` in machine `mallory`'s file, in every machine's folder.
fn plant(all: &[Machine], line: &str) {
    for m in all {
        let dir = m.root.join("machines").join("mallory");
        std::fs::create_dir_all(&dir).unwrap();
        let mut bytes = std::fs::read(dir.join("changes.ron")).unwrap_or_default();
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
        std::fs::write(dir.join("changes.ron"), bytes).unwrap();
    }
}

fn hostile_line(h: &Hostile, n: u64) -> String {
    let m = |i: usize| format!("(curriculum:\"drill\",milestone:\"m{}\")", i % 4);
    match h {
        Hostile::FromTheFuture(i, s) => format!(
            "(v:2,t:(ms:253402300799000,n:{}),ops:[(op:Status({},{s:?}))])",
            u32::MAX - u32::try_from(n).unwrap(),
            m(*i)
        ),
        Hostile::NotANumber => format!(
            "(t:(ms:{},n:0),op:HoursPerWeek(NaN))",
            1_798_000_000_000 + n
        ),
        Hostile::NegativeHours(i) => format!(
            "(t:(ms:{},n:0),op:Hours({},-100000.0))",
            1_798_000_000_000 + n,
            m(*i)
        ),
        Hostile::UnknownKind => format!(
            "(t:(ms:{},n:0),op:Stopwatch({},3600))",
            1_798_000_000_000 + n,
            m(0)
        ),
        Hostile::Garbage => "(t:(ms:1,n:\u{0}garbage".into(),
    }
}

/// The parts of a state that machines must agree on.
fn essence(s: &State) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        s.progress,
        s.set_aside,
        s.focus,
        s.goals,
        s.hours_per_week,
        s.mentor,
        s.activity,
        s.periods
    )
}

/// Plays `steps` on `machine_count` machines and checks they agree; returns how many machines
/// wrote a snapshot on the way.
fn run(machine_count: usize, steps: &[Step]) -> usize {
    let tmp = tempfile::tempdir().unwrap();
    let all = machines(tmp.path(), machine_count);
    // The import is in the log already.
    let mut counts = Counts {
        activity: i64::try_from(all[0].open().state().activity.len()).unwrap(),
        undo: vec![Vec::new(); machine_count],
        redo: vec![Vec::new(); machine_count],
        ..Counts::default()
    };
    // The import is the first machine's first step to undo.
    counts.undo[0].push(Effect {
        activity: 1,
        ..Effect::default()
    });
    for (n, step) in steps.iter().enumerate() {
        match step {
            Step::Change(m, change) => {
                let mut ws = all[*m].open();
                apply(&mut ws, *m, change, n as u64 + 1, &mut counts);
            }
            Step::Hostile(h) => plant(&all, &hostile_line(h, n as u64)),
            Step::Deliver { from, to, how } if from != to => {
                // Every machine's file that `from` holds travels, as a sync tool sends all.
                // A sync tool never sends a machine an older copy of its own file, except as a
                // conflict copy beside it.
                for of in &all {
                    let own = of.device == all[*to].device;
                    if own && !matches!(how, Delivery::ConflictCopy) {
                        continue;
                    }
                    deliver(&all[*from], &all[*to], &of.device, *how);
                }
                // The receiver merges at its next open, or live in the window: both are
                // `merge_others` after an open.
                let mut ws = all[*to].open();
                ws.merge_others().unwrap();
            }
            Step::Deliver { .. } => {}
        }
    }
    // In the end everything arrives whole.
    for to in &all {
        for of in &all {
            deliver(&all[of_index(&all, of)], to, &of.device, Delivery::Whole);
        }
    }
    let states: Vec<State> = all.iter().map(|m| m.open().state().clone()).collect();
    let first = essence(&states[0]);
    for (i, s) in states.iter().enumerate() {
        assert_eq!(essence(s), first, "machine {i} disagrees");
    }
    let s = &states[0];
    assert_eq!(
        i64::try_from(s.activity.len()).unwrap(),
        counts.activity,
        "every logged change is in the log, every undone one out of it"
    );
    let check_ins = i64::try_from(s.mentor.check_ins.len()).unwrap();
    if counts.check_ins_removed {
        assert!(check_ins >= counts.check_ins.max(0), "a check-in was lost");
    } else {
        assert_eq!(check_ins, counts.check_ins, "every check-in is kept");
    }
    assert!(
        s.hours_per_week.is_finite() && (0.0..=168.0).contains(&s.hours_per_week),
        "{}",
        s.hours_per_week
    );
    for (m, hours) in &counts.hours {
        // Set aside, when the import was undone on a machine: kept all the same.
        let aside = s
            .set_aside
            .get(&m.curriculum)
            .and_then(|a| a.get(&m.milestone));
        let got = s.milestone(m).or(aside).map_or(0.0, |p| p.hours_logged);
        assert!(
            (got - hours).abs() < 1e-9,
            "{m}: {got} hours, {hours} logged"
        );
    }
    // Conflict copies of a machine's own file are merged into it and tidied away by it.
    for m in &all {
        let dir = m.changes(&m.device);
        let Ok(entries) = std::fs::read_dir(dir.parent().unwrap()) else {
            continue; // this machine never wrote anything, and nothing came to its folder
        };
        let copies = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("sync-conflict"))
            .count();
        assert_eq!(copies, 0, "{} keeps its own conflict copies", m.device.id);
    }
    all.iter()
        .filter(|m| {
            m.changes(&m.device)
                .with_file_name("snapshot.postcard")
                .is_file()
        })
        .count()
}

fn of_index(all: &[Machine], of: &Machine) -> usize {
    all.iter().position(|m| m.device == of.device).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn two_machines_agree_whatever_order_their_files_arrive_in(
        steps in prop::collection::vec(step(2), 1..24)
    ) {
        run(2, &steps);
    }

    #[test]
    fn three_machines_agree_whatever_order_their_files_arrive_in(
        steps in prop::collection::vec(step(3), 1..24)
    ) {
        run(3, &steps);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Past the snapshot threshold: hundreds of records on three machines, so that snapshots
    /// are written between changes and opened with records after them, undo and redo among
    /// them, hostile lines mixed in.
    #[test]
    fn three_machines_agree_past_the_snapshot_threshold(
        steps in prop::collection::vec(step(3), 1100..1200)
    ) {
        let snapshots = run(3, &steps);
        prop_assert!(snapshots > 0, "no machine got as far as a snapshot");
    }
}

#[test]
fn a_conflict_copy_of_a_machines_own_file_is_merged_and_tidied_by_it() {
    let tmp = tempfile::tempdir().unwrap();
    let all = machines(tmp.path(), 2);
    let mut ws = all[0].open();
    apply_once(&mut ws, &Change::Hours(1, 3), 1);
    drop(ws);
    // The machine's own file comes back from a sync tool as a conflict copy, holding a record
    // its file lost (restored from an older backup, say).
    let own = all[0].changes(&all[0].device);
    let bytes = std::fs::read(&own).unwrap();
    let copy = own.with_file_name("changes (laptop's conflicted copy 2027-01-01).ron");
    std::fs::write(&copy, &bytes).unwrap();
    // The file lost the whole last save: its hours and its log entry, one record (the last
    // line, and the empty string after the last newline).
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    assert!(String::from_utf8_lossy(lines[lines.len() - 2]).contains("op:Hours("));
    let shorter: Vec<u8> = lines[..lines.len() - 2].join(&b'\n');
    std::fs::write(&own, [shorter, b"\n".to_vec()].concat()).unwrap();
    let ws = all[0].open();
    assert_eq!(
        ws.state().milestone(&r(1)).map(|p| p.hours_logged),
        Some(3.0)
    );
    assert!(!copy.exists(), "tidied away once merged");
    drop(ws);
    // Its records are in the file now, once: the copy's other records, which the file had,
    // are not appended again.
    let text = std::fs::read_to_string(&own).unwrap();
    assert_eq!(
        text.lines().count(),
        bytes.split(|b| *b == b'\n').count() - 1
    );
    let _ = std::fs::remove_file(own.with_file_name("snapshot.postcard"));
    let ws = all[0].open();
    assert_eq!(
        ws.state().milestone(&r(1)).map(|p| p.hours_logged),
        Some(3.0),
        "read from the file alone"
    );
}

#[test]
fn notes_edited_on_two_machines_at_once_keep_both_texts_for_the_learner() {
    let tmp = tempfile::tempdir().unwrap();
    let all = machines(tmp.path(), 2);
    for (i, text) in [(0, "from the laptop"), (1, "from the desktop")] {
        let mut ws = all[i].open();
        apply_once(&mut ws, &Change::Notes(2, text.into()), i as u64);
    }
    deliver(&all[0], &all[1], &all[0].device, Delivery::Whole);
    deliver(&all[1], &all[0], &all[1].device, Delivery::Whole);
    let states: Vec<State> = all.iter().map(|m| m.open().state().clone()).collect();
    assert_eq!(essence(&states[0]), essence(&states[1]));
    let p = states[0].milestone(&r(2)).unwrap();
    let mut both = vec![p.notes.clone()];
    both.extend(p.other_notes.clone());
    both.sort();
    assert_eq!(
        both,
        ["from the desktop", "from the laptop"],
        "neither text is dropped"
    );
    // The learner resolves it on one machine: the other text goes everywhere.
    let mut ws = all[0].open();
    ws.apply(
        Edit::ResolveNotes {
            milestone: r(2),
            keep: false,
        },
        at(9),
    )
    .unwrap();
    ws.apply(
        Edit::SetNotes {
            milestone: r(2),
            notes: "both, merged by hand".into(),
        },
        at(9),
    )
    .unwrap();
    ws.save().unwrap();
    drop(ws);
    deliver(&all[0], &all[1], &all[0].device, Delivery::Whole);
    for m in &all {
        let ws = m.open();
        let p = ws.state().milestone(&r(2)).unwrap();
        assert_eq!(p.notes, "both, merged by hand");
        assert!(p.other_notes.is_empty(), "{}", m.device.id);
    }
}

#[test]
fn a_record_cut_short_is_skipped_and_reported_and_costs_only_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let all = machines(tmp.path(), 1);
    let mut ws = all[0].open();
    apply_once(&mut ws, &Change::Hours(0, 2), 1);
    apply_once(&mut ws, &Change::Hours(1, 5), 2);
    drop(ws);
    // A power cut in the middle of the last save, within its record of the hours.
    let path = all[0].changes(&all[0].device);
    let text = std::fs::read_to_string(&path).unwrap();
    let cut = text.rfind("op:Hours(").unwrap() + 12;
    std::fs::write(&path, &text[..cut]).unwrap();
    let (mut ws, report) = Workspace::open_as(&all[0].root, all[0].device.clone()).unwrap();
    assert!(skipped(&report).is_empty(), "a line with no end yet waits");
    assert_eq!(
        ws.state().milestone(&r(0)).map(|p| p.hours_logged),
        Some(2.0)
    );
    assert_eq!(
        ws.state().milestone(&r(1)).map_or(0.0, |p| p.hours_logged),
        0.0
    );
    // The next save closes the cut line first: it becomes one skipped line, nothing more.
    apply_once(&mut ws, &Change::Hours(2, 1), 3);
    drop(ws);
    let (ws, report) = Workspace::open_as(&all[0].root, all[0].device.clone()).unwrap();
    assert_eq!(skipped(&report).len(), 1, "{:?}", skipped(&report));
    assert!(skipped(&report)[0].contains("changes.ron"));
    assert_eq!(
        ws.state().milestone(&r(2)).map(|p| p.hours_logged),
        Some(1.0)
    );
    drop(ws);
    // The command line says so too, with the file and line, and goes on.
    let o = waymark_as(&all[0].root, &all[0].device.id, "2027-01-04", &["status"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("changes.ron:") && stderr(&o).contains("not a whole record"),
        "{}",
        stderr(&o)
    );
}

/// Runs the binary on `dir` as machine `device` (on the day the CLI tests use), which must
/// succeed; its standard output.
fn ok_as(dir: &Path, device: &str, args: &[&str]) -> String {
    let o = waymark_as(dir, device, "2027-01-04", args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{device} {args:?}: {}",
        stderr(&o)
    );
    stdout(&o)
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Learner")
        .env("GIT_AUTHOR_EMAIL", "learner@example.org")
        .env("GIT_COMMITTER_NAME", "Learner")
        .env("GIT_COMMITTER_EMAIL", "learner@example.org")
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_git_repository_is_a_shared_folder_with_no_merge_conflicts() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed; skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let origin = tmp.path().join("origin.git");
    std::fs::create_dir(&origin).unwrap();
    git(&origin, &["init", "--bare", "-q", "-b", "main"]);
    let laptop = tmp.path().join("laptop");
    let desktop = tmp.path().join("desktop");
    git(
        tmp.path(),
        &["clone", "-q", origin.to_str().unwrap(), "laptop"],
    );
    let file = tmp.path().join("drill.ron");
    std::fs::write(&file, DRILL).unwrap();
    ok_as(
        &laptop,
        "laptop",
        &["import", file.to_str().unwrap(), "--yes"],
    );
    ok_as(&laptop, "laptop", &["mark", "drill/m0", "done"]);
    git(&laptop, &["add", "-A"]);
    git(&laptop, &["commit", "-q", "-m", "laptop"]);
    git(&laptop, &["push", "-q", "origin", "main"]);

    git(
        tmp.path(),
        &["clone", "-q", origin.to_str().unwrap(), "desktop"],
    );
    // Both machines change things before either sees the other's.
    ok_as(&desktop, "desktop", &["log", "drill/m0", "2"]);
    ok_as(&desktop, "desktop", &["hours", "9"]);
    ok_as(&laptop, "laptop", &["mark", "drill/m2", "doing"]);
    ok_as(&laptop, "laptop", &["log", "drill/m0", "3"]);
    git(&laptop, &["add", "-A"]);
    git(&laptop, &["commit", "-q", "-m", "laptop again"]);
    git(&laptop, &["push", "-q", "origin", "main"]);
    git(&desktop, &["add", "-A"]);
    git(&desktop, &["commit", "-q", "-m", "desktop"]);
    git(
        &desktop,
        &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
    );
    git(&desktop, &["push", "-q", "origin", "main"]);
    git(
        &laptop,
        &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
    );

    let on_laptop = ok_as(&laptop, "laptop", &["status"]);
    let on_desktop = ok_as(&desktop, "desktop", &["status"]);
    assert_eq!(on_laptop, on_desktop);
    assert!(on_laptop.contains("drill\tDrill\t1/4"), "{on_laptop}");
    assert!(on_laptop.contains("hours a week: 9"), "{on_laptop}");
    let (ws, _) = Workspace::open_read_only_as(&desktop, Device::named("desktop")).unwrap();
    assert_eq!(
        ws.state().milestone(&r(0)).map(|p| p.hours_logged),
        Some(5.0)
    );
    assert_eq!(ws.state().status(&r(2)), Status::Doing);
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&laptop)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&status.stdout).trim().is_empty(),
        "the lock and the snapshots stay out of git: {}",
        String::from_utf8_lossy(&status.stdout)
    );
}

#[test]
fn a_data_directory_of_the_previous_version_opens_with_nothing_lost() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data-format1");
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("curricula")).unwrap();
    std::fs::copy(fixture.join("state.ron"), data.join("state.ron")).unwrap();
    std::fs::copy(fixture.join("ui.ron"), data.join("ui.ron")).unwrap();
    copy_dir(&fixture.join("curricula"), &data.join("curricula"));
    let expected = waymark::storage::state_from_ron(
        "state.ron",
        &std::fs::read_to_string(fixture.join("state.ron")).unwrap(),
    )
    .unwrap();

    for round in 0..2 {
        let (mut ws, report) = Workspace::open_as(&data, Device::named("laptop")).unwrap();
        assert!(report.state_set_aside.is_none());
        assert!(
            report.broken_curricula.is_empty(),
            "{:?}",
            report.broken_curricula
        );
        let s = &ws.state();
        assert_eq!(s.progress, expected.progress, "round {round}");
        assert_eq!(s.goals, expected.goals);
        assert_eq!(s.focus, expected.focus);
        assert_eq!(s.hours_per_week, 7.5);
        assert_eq!(s.mentor, expected.mentor);
        assert_eq!(s.activity, expected.activity);
        assert!(s.onboarded);
        assert_eq!(
            s.sources["field-notes"].origin,
            "/home/learner/field-notes.md"
        );
        assert!(
            ws.curriculum("field-notes").is_some(),
            "the imported copy loads"
        );
        let py = MilestoneRef::new("ai-engineer", "python-fundamentals");
        let p = s.milestone(&py).unwrap();
        assert_eq!(
            p.notes,
            "Generators finally clicked.\nAsk about typing.Protocol."
        );
        assert_eq!(p.evidence, ["https://example.org/me/katas"]);
        assert_eq!(p.hours_logged, 12.5);
        // What opening carried forward is written with the first save (the window saves
        // as it opens; a command that changes something saves with its change).
        ws.save().unwrap();
    }
    assert!(data.join("state.ron").is_file(), "the old file is kept");
    let records = support::records(&data);
    assert!(
        records.contains("Migrated("),
        "carried forward into this machine's records"
    );
    // A second machine carries its own copy of the old folder forward before it sees the
    // first one's records, its state.ron with other bytes (git's autocrlf wrote CRLF line
    // ends); then the folders meet. Nothing counts twice.
    let desktop = tmp.path().join("desktop");
    std::fs::create_dir_all(desktop.join("curricula")).unwrap();
    let crlf = std::fs::read_to_string(fixture.join("state.ron"))
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(desktop.join("state.ron"), crlf).unwrap();
    copy_dir(&fixture.join("curricula"), &desktop.join("curricula"));
    Workspace::open_as(&desktop, Device::named("desktop"))
        .unwrap()
        .0
        .save()
        .unwrap();
    copy_dir(
        &desktop.join("machines/desktop"),
        &data.join("machines/desktop"),
    );
    let (ws, _) = Workspace::open_as(&data, Device::named("laptop")).unwrap();
    let py = MilestoneRef::new("ai-engineer", "python-fundamentals");
    assert_eq!(ws.state().milestone(&py).unwrap().hours_logged, 12.5);
    assert_eq!(ws.state().activity, expected.activity);
    drop(ws);

    // An older Waymark, still on one machine, writes state.ron again: two more hours and one
    // more log entry. Carried forward again, they count once, and the rest not twice.
    let mut older = expected.clone();
    older.log_hours(
        &py,
        2.0,
        Utc.with_ymd_and_hms(2026, 10, 8, 9, 0, 0).unwrap(),
    );
    std::fs::write(
        data.join("state.ron"),
        waymark::storage::state_to_ron(&older).unwrap(),
    )
    .unwrap();
    let (ws, _) = Workspace::open_as(&data, Device::named("laptop")).unwrap();
    assert_eq!(ws.state().milestone(&py).unwrap().hours_logged, 14.5);
    assert_eq!(ws.state().activity, older.activity);
}

#[test]
fn two_data_directories_stand_for_two_machines_through_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let file = tmp.path().join("drill.ron");
    std::fs::write(&file, DRILL).unwrap();
    ok_as(&a, "laptop", &["import", file.to_str().unwrap(), "--yes"]);
    // The shared folder reaches the second machine before it is used there.
    copy_dir(&a.join("curricula"), &b.join("curricula"));
    copy_dir(&a.join("machines/laptop"), &b.join("machines/laptop"));
    ok_as(&a, "laptop", &["mark", "drill/m0", "done"]);
    ok_as(&b, "desktop", &["mark", "drill/m3", "doing"]);
    ok_as(&b, "desktop", &["log", "drill/m3", "1.5"]);
    // Syncthing copies each machine's folder across, one of them half-way at first.
    let half = |from: &Path, to: &Path, device: &str, whole: bool| {
        let src = from.join("machines").join(device).join("changes.ron");
        let dst = to.join("machines").join(device).join("changes.ron");
        std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
        let bytes = std::fs::read(src).unwrap();
        let len = if whole { bytes.len() } else { bytes.len() - 20 };
        std::fs::write(dst, &bytes[..len]).unwrap();
    };
    half(&b, &a, "desktop", false);
    half(&a, &b, "laptop", true);
    let before = ok_as(&a, "laptop", &["status"]);
    // The record cut short waits; what arrived whole is there.
    assert!(before.contains("drill\tDrill\t1/4"), "{before}");
    half(&b, &a, "desktop", true);
    let on_a = ok_as(&a, "laptop", &["status"]);
    let on_b = ok_as(&b, "desktop", &["status"]);
    assert_eq!(on_a, on_b, "both show the same state");
    assert!(on_a.contains("drill\tDrill\t1/4"), "{on_a}");
    let (ws, _) = Workspace::open_read_only_as(&a, Device::named("laptop")).unwrap();
    assert_eq!(ws.state().status(&r(3)), Status::Doing);
    assert_eq!(ws.state().milestone(&r(3)).unwrap().hours_logged, 1.5);
    let names: Vec<String> = ws.machines().into_iter().map(|m| m.name).collect();
    assert_eq!(
        names,
        ["laptop", "desktop"],
        "this machine first, then the others"
    );
}

#[test]
fn a_curriculum_whose_copy_arrives_after_its_records_shows_at_the_next_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let laptop = Machine {
        root: tmp.path().join("laptop"),
        device: Device::named("laptop"),
    };
    let desktop = Machine {
        root: tmp.path().join("desktop"),
        device: Device::named("desktop"),
    };
    let mut ws = laptop.open();
    let pending = ws.preview_import("drill.ron", DRILL.as_bytes()).unwrap();
    ws.apply(
        Edit::Import {
            pending: Box::new(pending),
            keep_checked: false,
            allow_older: false,
        },
        at(0),
    )
    .unwrap();
    ws.apply(
        Edit::LogHours {
            milestone: (r(1)).clone(),
            hours: 2.0,
        },
        at(1),
    )
    .unwrap();
    ws.save().unwrap();
    drop(ws);
    // The records arrive first; the copy of the curriculum is still on its way.
    deliver(&laptop, &desktop, &laptop.device, Delivery::Whole);
    let (mut ws, report) = Workspace::open_as(&desktop.root, desktop.device.clone()).unwrap();
    assert!(ws.curriculum("drill").is_none());
    assert!(
        report
            .broken_curricula
            .iter()
            .any(|e| e.to_string().contains("is not here yet")),
        "{:?}",
        report.broken_curricula
    );
    copy_dir(
        &laptop.root.join("curricula"),
        &desktop.root.join("curricula"),
    );
    assert!(ws.merge_others().unwrap().0.is_empty(), "no new records");
    assert!(
        ws.curriculum("drill").is_some(),
        "the copy is read once there"
    );
    assert_eq!(
        ws.state().milestone(&r(1)).map(|p| p.hours_logged),
        Some(2.0)
    );
}

#[test]
fn a_record_whole_but_for_its_newline_is_never_completed_by_the_next_save() {
    let tmp = tempfile::tempdir().unwrap();
    let all = machines(tmp.path(), 1);
    let path = all[0].changes(&all[0].device);
    // A kill cut the last write just before its newline: the record looks whole.
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        r#"(t:(ms:1798800000000,n:0),op:Status((curriculum:"drill",milestone:"m3"),Done))"#,
    );
    std::fs::write(&path, text).unwrap();
    let mut ws = all[0].open();
    assert_eq!(ws.state().status(&r(3)), Status::Todo, "not acknowledged");
    apply_once(&mut ws, &Change::Hours(0, 1), 1);
    drop(ws);
    let (ws, report) = Workspace::open_as(&all[0].root, all[0].device.clone()).unwrap();
    assert_eq!(
        ws.state().status(&r(3)),
        Status::Todo,
        "the next save did not complete it"
    );
    assert_eq!(skipped(&report).len(), 1, "{:?}", skipped(&report));
    assert_eq!(
        ws.state().milestone(&r(0)).map(|p| p.hours_logged),
        Some(1.0)
    );
}

// ---- Issue 20: undo and redo from the command line, and records from a newer Waymark ------

/// Two data directories standing for two machines, with the drill curriculum imported on the
/// first and the folder copied to the second.
fn two_folders(tmp: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (tmp.join("a"), tmp.join("b"));
    let file = tmp.join("drill.ron");
    std::fs::write(&file, DRILL).unwrap();
    ok_as(&a, "laptop", &["import", file.to_str().unwrap(), "--yes"]);
    copy_dir(&a.join("curricula"), &b.join("curricula"));
    sync_machine(&a, &b, "laptop");
    (a, b)
}

/// Machine `device`'s file goes from folder `from` to folder `to`, whole.
fn sync_machine(from: &Path, to: &Path, device: &str) {
    let src = from.join("machines").join(device).join("changes.ron");
    let dst = to.join("machines").join(device);
    std::fs::create_dir_all(&dst).unwrap();
    std::fs::copy(src, dst.join("changes.ron")).unwrap();
}

fn said(dir: &Path, device: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let o = waymark_as(dir, device, "2027-01-04", args);
    (o.status.code(), stdout(&o), stderr(&o))
}

#[test]
fn undo_and_redo_from_the_command_line_take_back_this_machines_last_change_and_sync() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_folders(tmp.path());
    ok_as(&a, "laptop", &["mark", "drill/m0", "done"]);
    ok_as(&a, "laptop", &["log", "drill/m0", "2"]);
    // A restart between each: the history is in the records.
    let undid = ok_as(&a, "laptop", &["undo"]);
    assert!(undid.starts_with("undid: logged 2 h on “Zero”"), "{undid}");
    let undid = ok_as(&a, "laptop", &["undo"]);
    assert!(undid.starts_with("undid: marked “Zero” done"), "{undid}");
    assert!(ok_as(&a, "laptop", &["status"]).contains("drill\tDrill\t0/4"));
    // An undo is a change like any other: the other machine sees it.
    sync_machine(&a, &b, "laptop");
    assert!(ok_as(&b, "desktop", &["status"]).contains("drill\tDrill\t0/4"));
    let redid = ok_as(&a, "laptop", &["redo"]);
    assert!(redid.starts_with("redid: marked “Zero” done"), "{redid}");
    sync_machine(&a, &b, "laptop");
    assert!(ok_as(&b, "desktop", &["status"]).contains("drill\tDrill\t1/4"));
    // The desktop's own history is its own: it has nothing to take back.
    let (code, _, err) = said(&b, "desktop", &["undo"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("nothing to undo"), "{err}");
}

#[test]
fn an_undo_of_something_another_machine_changed_since_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_folders(tmp.path());
    ok_as(&a, "laptop", &["mark", "drill/m0", "done"]);
    sync_machine(&a, &b, "laptop");
    ok_as(&b, "desktop", &["mark", "drill/m0", "doing"]);
    sync_machine(&b, &a, "desktop");
    let before = support::snapshot(&a);
    let (code, _, err) = said(&a, "laptop", &["undo"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("desktop changed “Zero” since"), "{err}");
    assert_eq!(support::snapshot(&a), before, "nothing changed");
    assert!(ok_as(&a, "laptop", &["status"]).contains("drill\tDrill\t0/4"));
}

/// A record of a kind this version does not know, as a newer Waymark would write it.
const NEWER: &str = r#"(v:2,t:(ms:1798000000000,n:0),ops:[(op:Stopwatch((curriculum:"drill",milestone:"m0"),3600))],what:"a stopwatch")"#;

#[test]
fn a_record_from_a_newer_waymark_is_kept_reported_and_never_skipped_past_for_good() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_folders(tmp.path());
    // The desktop runs a newer Waymark: one record this version cannot read, between two
    // it can.
    ok_as(&b, "desktop", &["mark", "drill/m1", "doing"]);
    let file = b.join("machines/desktop/changes.ron");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(NEWER);
    text.push('\n');
    std::fs::write(&file, &text).unwrap();
    ok_as(&b, "desktop", &["mark", "drill/m2", "done"]);
    let planted = std::fs::read(&file).unwrap();
    sync_machine(&b, &a, "desktop");
    // Reported when it first arrives, and listed for as long as it waits.
    let (code, out, err) = said(&a, "laptop", &["status"]);
    assert_eq!(code, Some(0));
    assert!(
        err.contains(
            "1 change from a newer Waymark on desktop is waiting: update Waymark here to see it"
        ),
        "{err}"
    );
    assert!(
        out.contains("sync: 1 change from a newer Waymark on desktop"),
        "{out}"
    );
    assert!(
        out.contains("drill\tDrill\t1/4"),
        "the records around it count: {out}"
    );
    let (_, _, err) = said(&a, "laptop", &["status"]);
    assert!(!err.contains("newer Waymark"), "told once: {err}");
    // Hundreds of changes on this machine: a snapshot is written past it.
    many_changes(&a, 520);
    let snapshot = a.join("machines/laptop/snapshot.postcard");
    assert!(snapshot.is_file(), "a snapshot was written");
    let out = ok_as(&a, "laptop", &["status"]);
    assert!(
        out.contains("sync: 1 change from a newer Waymark on desktop"),
        "{out}"
    );
    // The other machine's file is untouched.
    assert_eq!(
        std::fs::read(a.join("machines/desktop/changes.ron")).unwrap(),
        planted
    );
    // A Waymark that can read it (another version: it does not use this one's snapshot)
    // reads the files again, this record among them.
    let mut bytes = std::fs::read(&snapshot).unwrap();
    let at = bytes
        .windows(5)
        .position(|w| w == env!("CARGO_PKG_VERSION").as_bytes())
        .unwrap();
    bytes[at] = b'9';
    std::fs::write(&snapshot, bytes).unwrap();
    let out = ok_as(&a, "laptop", &["status"]);
    assert!(
        out.contains("sync: 1 change from a newer Waymark on desktop"),
        "{out}"
    );
}

// ---- Issue 21: a synced folder is untrusted input ------------------------------------------

/// Puts `line` in machine `id`'s file in folder `dir`.
fn plant_in(dir: &Path, id: &str, line: &str) {
    let machine = dir.join("machines").join(id);
    std::fs::create_dir_all(&machine).unwrap();
    let path = machine.join("changes.ron");
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    text.push_str(line);
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_record_from_the_year_9999_does_not_freeze_later_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _) = two_folders(tmp.path());
    plant_in(
        &a,
        "broken",
        r#"(t:(ms:253402300799000,n:4294967295),op:Status((curriculum:"drill",milestone:"m0"),Done))"#,
    );
    plant_in(
        &a,
        "broken",
        r#"(t:(ms:253402300799000,n:4294967295),op:HoursPerWeek(12.0))"#,
    );
    let (_, out, err) = said(&a, "laptop", &["status"]);
    assert!(
        out.contains("drill\tDrill\t1/4") && out.contains("hours a week: 12"),
        "{out}"
    );
    assert!(
        err.contains("a record from broken is dated 9999-12-31"),
        "{err}"
    );
    ok_as(&a, "laptop", &["mark", "drill/m0", "todo"]);
    ok_as(&a, "laptop", &["hours", "4"]);
    let out = ok_as(&a, "laptop", &["status"]);
    assert!(out.contains("drill\tDrill\t0/4"), "{out}");
    assert!(out.contains("hours a week: 4"), "{out}");
    assert!(
        out.contains("sync: a record from broken is dated 9999-12-31"),
        "{out}"
    );
    // This machine's clock was not dragged: its own records are stamped today (they name the
    // record from the future only as what they saw).
    let own = std::fs::read_to_string(a.join("machines/laptop/changes.ron")).unwrap();
    assert!(
        own.lines().all(|l| !l.starts_with("(v:2,t:(ms:2534")),
        "{own}"
    );
    // A fresh machine that reads the same files agrees.
    let c = tmp.path().join("c");
    copy_dir(&a.join("curricula"), &c.join("curricula"));
    for id in ["laptop", "broken"] {
        sync_machine(&a, &c, id);
    }
    let fresh = ok_as(&c, "fresh", &["status"]);
    assert!(
        fresh.contains("drill\tDrill\t0/4") && fresh.contains("hours a week: 4"),
        "{fresh}"
    );
}

#[test]
fn no_link_in_the_data_folder_is_followed_and_the_folder_itself_may_be_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _) = two_folders(tmp.path());
    let outside = tmp.path().join("outside.txt");
    std::fs::write(&outside, "keep me\n").unwrap();
    // This machine's file a link to a file elsewhere: refused, with the path and what to do.
    let own = a.join("machines/laptop/changes.ron");
    let kept = std::fs::read(&own).unwrap();
    std::fs::rename(&own, tmp.path().join("kept.ron")).unwrap();
    std::os::unix::fs::symlink(&outside, &own).unwrap();
    let (code, _, err) = said(&a, "laptop", &["mark", "drill/m0", "done"]);
    assert!(code == Some(1) || code == Some(2), "{err}");
    assert!(
        err.contains(&own.display().to_string()) && err.contains("is a link"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me\n");
    std::fs::remove_file(&own).unwrap();
    std::fs::write(&own, &kept).unwrap();
    // This machine's folder a link: refused too, and nothing written through it.
    let dir = a.join("machines/laptop");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::rename(&dir, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &dir).unwrap();
    let before = std::fs::read(elsewhere.join("changes.ron")).unwrap();
    let (code, _, err) = said(&a, "laptop", &["hours", "3"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is a link"), "{err}");
    assert_eq!(
        std::fs::read(elsewhere.join("changes.ron")).unwrap(),
        before
    );
    std::fs::remove_file(&dir).unwrap();
    std::fs::rename(&elsewhere, &dir).unwrap();
    // The data folder itself a link (into Dropbox, say) works as ever.
    let link = tmp.path().join("dropbox-link");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    ok_as(&link, "laptop", &["mark", "drill/m0", "done"]);
    assert!(ok_as(&a, "laptop", &["status"]).contains("drill\tDrill\t1/4"));
}

#[test]
fn a_peer_file_restored_from_a_backup_then_grown_is_read_again_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_folders(tmp.path());
    ok_as(&b, "desktop", &["mark", "drill/m0", "done"]);
    let backup = std::fs::read(b.join("machines/desktop/changes.ron")).unwrap();
    ok_as(&b, "desktop", &["mark", "drill/m1", "done"]);
    ok_as(&b, "desktop", &["mark", "drill/m2", "done"]);
    sync_machine(&b, &a, "desktop");
    assert!(ok_as(&a, "laptop", &["status"]).contains("drill\tDrill\t3/4"));
    // The desktop's file is restored from the backup, and the desktop goes on from it: the
    // file grows past where the laptop had read, with other records there.
    std::fs::write(b.join("machines/desktop/changes.ron"), &backup).unwrap();
    ok_as(&b, "desktop", &["log", "drill/m3", "1"]);
    ok_as(&b, "desktop", &["log", "drill/m3", "2"]);
    ok_as(&b, "desktop", &["log", "drill/m3", "4"]);
    ok_as(&b, "desktop", &["hours", "11"]);
    sync_machine(&b, &a, "desktop");
    let laptop = ok_as(&a, "laptop", &["status"]);
    let c = tmp.path().join("c");
    copy_dir(&a.join("curricula"), &c.join("curricula"));
    sync_machine(&a, &c, "laptop");
    sync_machine(&b, &c, "desktop");
    let fresh = ok_as(&c, "laptop", &["status"]);
    assert_eq!(laptop, fresh, "the laptop sees what a fresh machine sees");
    assert!(laptop.contains("hours a week: 11"), "{laptop}");
}

#[test]
fn a_broken_peer_file_is_skipped_with_a_warning_and_this_machine_works_on() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _) = two_folders(tmp.path());
    // A folder where a file should be.
    std::fs::create_dir_all(a.join("machines/folder/changes.ron")).unwrap();
    // A link to a device that never ends.
    std::fs::create_dir_all(a.join("machines/zero")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", a.join("machines/zero/changes.ron")).unwrap();
    // A sparse file of 100 GiB.
    std::fs::create_dir_all(a.join("machines/huge")).unwrap();
    let huge = std::fs::File::create(a.join("machines/huge/changes.ron")).unwrap();
    huge.set_len(100 * 1024 * 1024 * 1024).unwrap();
    drop(huge);
    // Under a 4 GB memory limit, as the issue replays it.
    let run = |args: &str| {
        let o = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "ulimit -v 4000000; exec {} {args}",
                env!("CARGO_BIN_EXE_waymark")
            ))
            .env("WAYMARK_DATA_DIR", &a)
            .env("WAYMARK_STATE_DIR", support::state_dir_of(&a))
            .env("WAYMARK_DEVICE", "laptop")
            .env("WAYMARK_TODAY", "2027-01-04")
            .output()
            .unwrap();
        (o.status.code(), stdout(&o), stderr(&o))
    };
    let (code, out, err) = run("status");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("drill\tDrill\t0/4"), "{out}");
    for (machine, why) in [
        ("folder", "is not a regular file"),
        ("zero", "is a link"),
        ("huge", "more than the 256 MiB"),
    ] {
        assert!(
            err.contains(&format!("machines/{machine}/changes.ron")) && err.contains(why),
            "{machine}: {err}"
        );
        assert!(
            out.contains(&format!("machines/{machine}/changes.ron")),
            "{out}"
        );
    }
    let (code, _, err) = run("mark drill/m0 done");
    assert_eq!(code, Some(0), "{err}");
    assert!(ok_as(&a, "laptop", &["status"]).contains("drill\tDrill\t1/4"));
}

#[test]
fn values_that_break_the_rules_are_refused_at_the_merge_and_text_stays_text() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _) = two_folders(tmp.path());
    let m = r#"(curriculum:"drill",milestone:"m0")"#;
    for line in [
        "(t:(ms:1798000000000,n:0),op:HoursPerWeek(NaN))".to_owned(),
        "(t:(ms:1798000000001,n:0),op:HoursPerWeek(-5.0))".to_owned(),
        format!("(t:(ms:1798000000002,n:0),op:Estimate({m},Some(1e308)))"),
        format!("(t:(ms:1798000000003,n:0),op:Hours({m},NaN))"),
        format!("(t:(ms:1798000000004,n:0),op:Status({m},Done))"),
        format!(
            "(t:(ms:1798000000005,n:0),op:Evidence({m},\"https://example.org/x\\n# Injected heading\",true))"
        ),
    ] {
        plant_in(&a, "mallory", &line);
    }
    let (_, out, err) = said(&a, "laptop", &["status"]);
    assert!(out.contains("hours a week: 6"), "{out}");
    assert!(!out.contains("NaN"), "{out}");
    assert!(
        out.contains("drill\tDrill\t1/4"),
        "a valid record counts: {out}"
    );
    assert!(
        err.contains("hours a week: ") && err.contains("skipped"),
        "{err}"
    );
    let report = ok_as(&a, "laptop", &["report"]);
    assert!(!report.contains("\n# Injected"), "{report}");
    let plan = ok_as(&a, "laptop", &["plan"]);
    assert!(!plan.contains("NaN"), "{plan}");
}

#[test]
fn a_damaged_snapshot_is_rebuilt_from_the_records_and_shows_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _) = two_folders(tmp.path());
    many_changes(&a, 520);
    let snapshot = a.join("machines/laptop/snapshot.postcard");
    let good = std::fs::read(&snapshot).unwrap();
    let expect = |cmd: &str| ok_as(&a, "laptop", &[cmd]);
    let baseline: Vec<String> = ["status", "plan", "report"].map(expect).into();
    let mut told = 0;
    for flip in 0..60usize {
        let mut bytes = good.clone();
        let bit = (flip * 7919 + 13) % (bytes.len() * 8);
        bytes[bit / 8] ^= 1 << (bit % 8);
        std::fs::write(&snapshot, &bytes).unwrap();
        for (i, cmd) in ["status", "plan", "report"].into_iter().enumerate() {
            let (code, out, err) = said(&a, "laptop", &[cmd]);
            assert_eq!(code, Some(0), "flip {flip} {cmd}: {err}");
            assert_eq!(
                out, baseline[i],
                "flip {flip}: {cmd} shows what the records say"
            );
            if err.contains("snapshot.postcard was damaged") {
                told += 1;
            }
        }
    }
    assert!(told >= 50, "said (once per damage) {told} times");
}

#[test]
fn a_data_folder_copied_whole_to_a_second_machine_loses_nothing_and_is_told() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _) = two_folders(tmp.path());
    // A home folder cloned: the data folder, this machine's id and its memory, all copied.
    let home_a = tmp.path().join("home-a");
    let home_b = tmp.path().join("home-b");
    let run = |dir: &Path, home: &Path, args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(args)
            .env("WAYMARK_DATA_DIR", dir)
            .env("WAYMARK_STATE_DIR", home.join("state"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env_remove("WAYMARK_DEVICE")
            .env("WAYMARK_TODAY", "2027-01-04")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        (stdout(&o), stderr(&o))
    };
    run(&a, &home_a, &["mark", "drill/m0", "done"]);
    let b = tmp.path().join("b-clone");
    copy_dir_all(&a, &b);
    copy_dir_all(&home_a, &home_b);
    run(&a, &home_a, &["mark", "drill/m1", "done"]);
    run(&b, &home_b, &["mark", "drill/m2", "done"]);
    // The sync tool meets two versions of one file: one wins, the other is a conflict copy.
    let id = std::fs::read_to_string(home_a.join("config/waymark/device"))
        .unwrap_or_default()
        .trim()
        .to_owned();
    assert!(!id.is_empty());
    let theirs = std::fs::read(b.join("machines").join(&id).join("changes.ron")).unwrap();
    std::fs::write(
        a.join("machines")
            .join(&id)
            .join("changes.sync-conflict-20270104-120000-B.ron"),
        theirs,
    )
    .unwrap();
    let (out, err) = run(&a, &home_a, &["status"]);
    assert!(out.contains("drill\tDrill\t3/4"), "all three kept: {out}");
    assert!(err.contains("Another machine wrote as this one"), "{err}");
    // The next change made here is made under a new id.
    run(&a, &home_a, &["hours", "7"]);
    let renewed = std::fs::read_to_string(home_a.join("config/waymark/device")).unwrap();
    assert_ne!(
        renewed.trim(),
        id,
        "this machine writes under a new id from now on"
    );
    run(&a, &home_a, &["mark", "drill/m3", "done"]);
    assert!(
        a.join("machines")
            .join(renewed.trim())
            .join("changes.ron")
            .is_file()
    );
    let (out, _) = run(&a, &home_a, &["status"]);
    assert!(out.contains("drill\tDrill\t4/4"), "{out}");
}

/// `n` changes on the laptop in folder `dir`, made as the window makes them and saved: past
/// the point where a snapshot is written.
fn many_changes(dir: &Path, n: usize) {
    let (mut ws, _) = Workspace::open_as(dir, Device::named("laptop")).unwrap();
    for i in 0..n {
        let status = [Status::Doing, Status::Done, Status::Todo, Status::Skipped][i % 4];
        ws.apply(
            Edit::SetStatus {
                milestone: r(3 - i % 3),
                status,
            },
            at(i as u64),
        )
        .unwrap();
    }
    ws.save().unwrap();
    drop(ws);
    // The snapshot is written at the opening that reads them, with its first save.
    let (mut ws, _) = Workspace::open_as(dir, Device::named("laptop")).unwrap();
    ws.apply(Edit::SetHoursPerWeek(7.0), at(0)).unwrap();
    ws.save().unwrap();
}

fn copy_dir_all(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let kind = e.file_type().unwrap();
        if kind.is_dir() {
            copy_dir_all(&e.path(), &to.join(e.file_name()));
        } else if kind.is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn a_history_carried_forward_in_few_records_still_gets_a_snapshot() {
    // A state.ron from before sync with a long log: carried forward as a handful of records of
    // hundreds of steps each. What makes a snapshot due is the steps read, not the records.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let mut legacy = State {
        hours_per_week: 6.0,
        onboarded: true,
        ..State::default()
    };
    for i in 0..900 {
        legacy.activity.push(waymark::progress::Activity {
            at: at(i),
            event: waymark::progress::Event::HoursLogged {
                milestone: MilestoneRef::new("ai-engineer", "python-basics"),
                hours: 0.5,
            },
        });
    }
    let text = waymark::storage::state_to_ron(&legacy).unwrap();
    std::fs::write(data.join("state.ron"), text).unwrap();
    let snapshot = data.join("machines/laptop/snapshot.postcard");
    {
        let (mut ws, _) = Workspace::open_as(&data, Device::named("laptop")).unwrap();
        ws.save().unwrap();
    }
    let records = std::fs::read_to_string(data.join("machines/laptop/changes.ron")).unwrap();
    assert!(
        records.lines().count() < 10,
        "a few records: {records:.200}"
    );
    assert!(
        !snapshot.exists(),
        "none yet: the records were written, not read"
    );
    let (mut ws, _) = Workspace::open_as(&data, Device::named("laptop")).unwrap();
    assert_eq!(ws.state().activity.len(), 900);
    ws.write_snapshot_if_due().unwrap();
    assert!(
        snapshot.is_file(),
        "900 steps read past no snapshot make one due"
    );
}

#[test]
fn study_days_set_on_one_machine_show_on_another_and_the_calendar_kept_current_stays_home() {
    use waymark::progress::StudyTimes;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("synced");
    let kept = tmp.path().join("laptop-home").join("study.ics");
    std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
    let times = StudyTimes::parse("tue,thu", "07:30").unwrap();
    {
        let laptop = Device::named("laptop").remembering_in(&tmp.path().join("laptop-state"));
        let (mut ws, _) = Workspace::open_as(&root, laptop).unwrap();
        ws.apply(Edit::SetStudyTimes(times.clone()), at(1)).unwrap();
        assert_eq!(
            ws.keep_calendar(Some(&kept), at(1)).unwrap(),
            Some(kept.clone())
        );
        ws.save().unwrap();
        assert_eq!(ws.state().study_times, times);
    }
    assert!(kept.exists());
    let desktop = Device::named("desktop").remembering_in(&tmp.path().join("desktop-state"));
    let (ws, _) = Workspace::open_as(&root, desktop).unwrap();
    assert_eq!(
        ws.state().study_times,
        times,
        "the choice reached the desktop"
    );
    assert_eq!(
        ws.kept_calendar(),
        None,
        "the laptop's path is the laptop's own"
    );
    // Nothing in the synced folder names the path: it lives in the laptop's state folder.
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    !text.contains("laptop-home"),
                    "{} names the path",
                    path.display()
                );
            }
        }
    }
    // A path in the synced folder is refused: two machines would both write it.
    drop(ws);
    let laptop = Device::named("laptop").remembering_in(&tmp.path().join("laptop-state"));
    let (mut ws, _) = Workspace::open_as(&root, laptop).unwrap();
    assert_eq!(
        ws.kept_calendar(),
        Some(kept.as_path()),
        "remembered on the laptop"
    );
    assert!(
        ws.keep_calendar(Some(&root.join("study.ics")), at(2))
            .is_err()
    );
    assert_eq!(
        ws.kept_calendar(),
        Some(kept.as_path()),
        "a refusal changes nothing"
    );
    assert!(!root.join("study.ics").exists());
}

#[test]
fn time_away_added_on_one_machine_moves_the_plan_on_the_other() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = two_folders(tmp.path());
    ok_as(&a, "laptop", &["goal", "adopt", "drill/g1"]);
    sync_machine(&a, &b, "laptop");
    let before = ok_as(&b, "desktop", &["status"]);
    let added = ok_as(&a, "laptop", &["away", "2027-01-11", "2027-02-07"]);
    assert!(
        added.starts_with("4 weeks away from 11 Jan 2027"),
        "{added}"
    );
    sync_machine(&a, &b, "laptop");
    let after = ok_as(&b, "desktop", &["status"]);
    assert!(
        after.contains("period: 1\t11 Jan 2027 to 7 Feb 2027\taway"),
        "{after}"
    );
    assert_ne!(before, after);
    // And its removal, made on the other machine, comes back to the first.
    ok_as(&b, "desktop", &["periods", "remove", "1"]);
    sync_machine(&b, &a, "desktop");
    let listed = ok_as(&a, "laptop", &["periods"]);
    assert!(listed.starts_with("No time away"), "{listed}");
}
