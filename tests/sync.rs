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
use waymark::workspace::Workspace;

const DRILL: &str = r#"Curriculum(format: 1, id: "drill", revision: 1, title: "Drill",
    focus_areas: [FocusArea(id: "a", title: "A"), FocusArea(id: "b", title: "B")],
    sections: [Section(id: "s", title: "Steps", milestones: [
        Milestone(id: "m0", title: "Zero", effort_hours: 3),
        Milestone(id: "m1", title: "One", effort_hours: 4, requires: ["m0"]),
        Milestone(id: "m2", title: "Two", effort_hours: 5, focus: ["a"]),
        Milestone(id: "m3", title: "Three", effort_hours: 6, focus: ["b"]),
    ])])"#;

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
    Evidence(usize, u8),
    Weekly(u8),
    Focus(bool, bool),
    CheckIn(u8),
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
        (0..4usize, 0..3u8).prop_map(|(m, e)| Change::Evidence(m, e)),
        (1..20u8).prop_map(Change::Weekly),
        (any::<bool>(), any::<bool>()).prop_map(|(a, on)| Change::Focus(a, on)),
        (0..5u8).prop_map(Change::CheckIn),
    ]
}

fn step(machines: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..machines, change()).prop_map(|(m, c)| Step::Change(m, c)),
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
    ws.apply_import(pending, false, false, at(0)).unwrap();
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

/// Applies one change on machine `m`, saves it, and says what it adds to the counts.
fn apply(ws: &mut Workspace, change: &Change, n: u64, counts: &mut Counts) {
    let now = at(n);
    let s = &mut ws.state;
    match change {
        Change::Status(m, status) => {
            if s.set_status(&r(*m), *status, now) {
                counts.activity += 1;
            }
        }
        Change::Hours(m, h) => {
            s.log_hours(&r(*m), f64::from(*h), now);
            counts.activity += 1;
            *counts.hours.entry(r(*m)).or_default() += f64::from(*h);
        }
        Change::Notes(m, text) => s.milestone_mut(&r(*m)).notes = text.clone(),
        Change::Evidence(m, e) => {
            let link = format!("https://example.org/{m}/{e}");
            let p = s.milestone_mut(&r(*m));
            if !p.evidence.contains(&link) {
                p.evidence.push(link);
            }
        }
        Change::Weekly(h) => s.hours_per_week = f64::from(*h),
        Change::Focus(a, on) => {
            let f = FocusRef {
                curriculum: "drill".into(),
                focus: if *a { "a" } else { "b" }.into(),
            };
            s.focus.retain(|x| *x != f);
            if *on {
                s.focus.push(f);
            }
        }
        Change::CheckIn(d) => {
            let date = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap() + Days::new(u64::from(*d));
            let check_in = CheckIn {
                date,
                notes: format!("check-in {n}"),
                next_steps: Vec::new(),
            };
            s.mentor.check_ins.push(check_in);
            counts.check_ins += 1;
        }
    }
    ws.save().unwrap();
}

/// What every machine must end with, whatever the order the files arrived in.
#[derive(Default)]
struct Counts {
    activity: usize,
    check_ins: usize,
    hours: BTreeMap<MilestoneRef, f64>,
}

/// The parts of a state that machines must agree on.
fn essence(s: &State) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        s.progress, s.focus, s.goals, s.hours_per_week, s.mentor, s.activity
    )
}

fn run(machine_count: usize, steps: &[Step]) {
    let tmp = tempfile::tempdir().unwrap();
    let all = machines(tmp.path(), machine_count);
    // The import is in the log already.
    let mut counts = Counts {
        activity: all[0].open().state.activity.len(),
        ..Counts::default()
    };
    for (n, step) in steps.iter().enumerate() {
        match step {
            Step::Change(m, change) => {
                let mut ws = all[*m].open();
                apply(&mut ws, change, n as u64 + 1, &mut counts);
            }
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
    let states: Vec<State> = all.iter().map(|m| m.open().state).collect();
    let first = essence(&states[0]);
    for (i, s) in states.iter().enumerate() {
        assert_eq!(essence(s), first, "machine {i} disagrees");
    }
    let s = &states[0];
    assert_eq!(
        s.activity.len(),
        counts.activity,
        "every logged change is in the log"
    );
    assert_eq!(
        s.mentor.check_ins.len(),
        counts.check_ins,
        "every check-in is kept"
    );
    for (m, hours) in &counts.hours {
        let got = s.milestone(m).map_or(0.0, |p| p.hours_logged);
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

#[test]
fn a_conflict_copy_of_a_machines_own_file_is_merged_and_tidied_by_it() {
    let tmp = tempfile::tempdir().unwrap();
    let all = machines(tmp.path(), 2);
    let mut ws = all[0].open();
    apply(&mut ws, &Change::Hours(1, 3), 1, &mut Counts::default());
    drop(ws);
    // The machine's own file comes back from a sync tool as a conflict copy, holding a record
    // its file lost (restored from an older backup, say).
    let own = all[0].changes(&all[0].device);
    let bytes = std::fs::read(&own).unwrap();
    let copy = own.with_file_name("changes (laptop's conflicted copy 2027-01-01).ron");
    std::fs::write(&copy, &bytes).unwrap();
    // The file lost the whole last save: its hours and its log entry (the last two lines, and
    // the empty string after the last newline).
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    assert!(String::from_utf8_lossy(lines[lines.len() - 3]).contains("op:Hours("));
    let shorter: Vec<u8> = lines[..lines.len() - 3].join(&b'\n');
    std::fs::write(&own, [shorter, b"\n".to_vec()].concat()).unwrap();
    let ws = all[0].open();
    assert_eq!(ws.state.milestone(&r(1)).map(|p| p.hours_logged), Some(3.0));
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
        ws.state.milestone(&r(1)).map(|p| p.hours_logged),
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
        apply(
            &mut ws,
            &Change::Notes(2, text.into()),
            i as u64,
            &mut Counts::default(),
        );
    }
    deliver(&all[0], &all[1], &all[0].device, Delivery::Whole);
    deliver(&all[1], &all[0], &all[1].device, Delivery::Whole);
    let states: Vec<State> = all.iter().map(|m| m.open().state).collect();
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
    let p = ws.state.milestone_mut(&r(2));
    p.notes = "both, merged by hand".into();
    p.other_notes.clear();
    ws.save().unwrap();
    drop(ws);
    deliver(&all[0], &all[1], &all[0].device, Delivery::Whole);
    for m in &all {
        let s = m.open().state;
        let p = s.milestone(&r(2)).unwrap();
        assert_eq!(p.notes, "both, merged by hand");
        assert!(p.other_notes.is_empty(), "{}", m.device.id);
    }
}

#[test]
fn a_record_cut_short_is_skipped_and_reported_and_costs_only_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let all = machines(tmp.path(), 1);
    let mut ws = all[0].open();
    apply(&mut ws, &Change::Hours(0, 2), 1, &mut Counts::default());
    apply(&mut ws, &Change::Hours(1, 5), 2, &mut Counts::default());
    drop(ws);
    // A power cut in the middle of the last save, within its record of the hours.
    let path = all[0].changes(&all[0].device);
    let text = std::fs::read_to_string(&path).unwrap();
    let cut = text.rfind("op:Hours(").unwrap() + 12;
    std::fs::write(&path, &text[..cut]).unwrap();
    let (mut ws, report) = Workspace::open_as(&all[0].root, all[0].device.clone()).unwrap();
    assert!(
        report.skipped_records.is_empty(),
        "a line with no end yet waits"
    );
    assert_eq!(ws.state.milestone(&r(0)).map(|p| p.hours_logged), Some(2.0));
    assert_eq!(
        ws.state.milestone(&r(1)).map_or(0.0, |p| p.hours_logged),
        0.0
    );
    // The next save closes the cut line first: it becomes one skipped line, nothing more.
    apply(&mut ws, &Change::Hours(2, 1), 3, &mut Counts::default());
    drop(ws);
    let (ws, report) = Workspace::open_as(&all[0].root, all[0].device.clone()).unwrap();
    assert_eq!(
        report.skipped_records.len(),
        1,
        "{:?}",
        report.skipped_records
    );
    assert!(report.skipped_records[0].contains("changes.ron"));
    assert_eq!(ws.state.milestone(&r(2)).map(|p| p.hours_logged), Some(1.0));
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
    assert_eq!(ws.state.milestone(&r(0)).map(|p| p.hours_logged), Some(5.0));
    assert_eq!(ws.state.status(&r(2)), Status::Doing);
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
        let (ws, report) = Workspace::open_as(&data, Device::named("laptop")).unwrap();
        assert!(report.state_set_aside.is_none());
        assert!(
            report.broken_curricula.is_empty(),
            "{:?}",
            report.broken_curricula
        );
        let s = &ws.state;
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
    drop(Workspace::open_as(&desktop, Device::named("desktop")).unwrap());
    copy_dir(
        &desktop.join("machines/desktop"),
        &data.join("machines/desktop"),
    );
    let (ws, _) = Workspace::open_as(&data, Device::named("laptop")).unwrap();
    let py = MilestoneRef::new("ai-engineer", "python-fundamentals");
    assert_eq!(ws.state.milestone(&py).unwrap().hours_logged, 12.5);
    assert_eq!(ws.state.activity, expected.activity);
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
    assert_eq!(ws.state.milestone(&py).unwrap().hours_logged, 14.5);
    assert_eq!(ws.state.activity, older.activity);
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
    assert_eq!(ws.state.status(&r(3)), Status::Doing);
    assert_eq!(ws.state.milestone(&r(3)).unwrap().hours_logged, 1.5);
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
    ws.apply_import(pending, false, false, at(0)).unwrap();
    ws.state.log_hours(&r(1), 2.0, at(1));
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
    assert!(ws.merge_others().unwrap().is_empty(), "no new records");
    assert!(
        ws.curriculum("drill").is_some(),
        "the copy is read once there"
    );
    assert_eq!(ws.state.milestone(&r(1)).map(|p| p.hours_logged), Some(2.0));
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
    assert_eq!(ws.state.status(&r(3)), Status::Todo, "not acknowledged");
    apply(&mut ws, &Change::Hours(0, 1), 1, &mut Counts::default());
    drop(ws);
    let (ws, report) = Workspace::open_as(&all[0].root, all[0].device.clone()).unwrap();
    assert_eq!(
        ws.state.status(&r(3)),
        Status::Todo,
        "the next save did not complete it"
    );
    assert_eq!(
        report.skipped_records.len(),
        1,
        "{:?}",
        report.skipped_records
    );
    assert_eq!(ws.state.milestone(&r(0)).map(|p| p.hours_logged), Some(1.0));
}
