//! The real `waymark` binary killed with SIGKILL at random moments while it appends to a long
//! file of changes, hundreds of times: every kill leaves a data directory that opens, with every
//! acknowledged mark and at most the one change that was in flight.
//!
//! RELIABILITY_KILLS sets the number of kills (200 by default), RELIABILITY_SEED the seed.

#![cfg(unix)]
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too: a panic is a failed test

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use waymark::progress::{MilestoneRef, State, Status};
use waymark::workspace::Change;
use waymark::workspace::Workspace;

/// Activity events in the prepared state: a save writes over half a megabyte. More would make
/// a debug build spend seconds per run parsing (20,000 took 2 s a run here); the kills are aimed
/// at the save instead (see [`Aim`]).
const EVENTS: usize = 3_000;

/// A tiny xorshift generator: reproducible from its seed, and no new crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn spawn_mark(data: &Path, r: &MilestoneRef, status: Status) -> Child {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(["mark", &r.to_string(), status.as_str()])
        .env("WAYMARK_DATA_DIR", data)
        .env("WAYMARK_STATE_DIR", data.with_extension("memory"))
        .env("WAYMARK_DEVICE", DEVICE)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The machine the test's commands run as.
const DEVICE: &str = "kill-test";

/// What the next Waymark would show, read without the lock and without writing anything.
fn load(data: &Path) -> (State, usize) {
    let (ws, report) = Workspace::open_read_only(data)
        .unwrap_or_else(|e| panic!("a kill left a data directory that does not open: {e}"));
    (
        ws.state().clone(),
        report
            .sync_news
            .iter()
            .filter(|p| p.id.starts_with("skipped:"))
            .count(),
    )
}

fn changes(data: &Path) -> std::path::PathBuf {
    data.join("machines").join(DEVICE).join("changes.ron")
}

fn size(data: &Path) -> u64 {
    std::fs::metadata(changes(data)).map_or(0, |m| m.len())
}

/// Milestones in the test's own curriculum (the bundled ones change as they are written).
const MILESTONES: usize = 40;

/// Imports a curriculum of [`MILESTONES`] milestones into `data` and gives it a long history
/// of [`EVENTS`] status changes; returns its milestones.
fn prepare(data: &Path) -> Vec<MilestoneRef> {
    let mut ron = String::from(
        "Curriculum(format: 1, id: \"drill\", revision: 1, title: \"Drill\", \
         sections: [Section(id: \"s\", title: \"Steps\", milestones: [",
    );
    for i in 0..MILESTONES {
        ron.push_str(&format!(
            "Milestone(id: \"step-{i}\", title: \"Step {i}\"),"
        ));
    }
    ron.push_str("])])");
    let device = waymark::sync::device::Device::named(DEVICE);
    let (mut ws, _) = Workspace::open_as(data, device).unwrap();
    let pending = ws.preview_import("drill.ron", ron.as_bytes()).unwrap();
    ws.apply(
        Change::Import {
            pending: Box::new(pending),
            keep_checked: false,
            allow_older: false,
        },
        Utc::now(),
    )
    .unwrap();
    let refs: Vec<MilestoneRef> = (0..MILESTONES)
        .map(|i| MilestoneRef::new("drill", format!("step-{i}")))
        .collect();
    let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    for i in 0..EVENTS {
        let status = [Status::Doing, Status::Done, Status::Todo][(i / refs.len()) % 3];
        let at = start + chrono::Duration::minutes(i as i64);
        ws.apply(
            Change::SetStatus {
                milestone: (refs[i % refs.len()]).clone(),
                status,
            },
            at,
        )
        .unwrap();
        // Saved in batches, as the window saves a burst of changes.
        if i % 100 == 99 {
            ws.save().unwrap();
        }
    }
    ws.save().unwrap();
    refs
}

/// Where in a run a kill is aimed.
enum Aim {
    Anywhere,
    /// The moment the file of changes grows: the append is under way or just done.
    AtTheAppend,
}

/// Polls until the file of changes has grown past `from` (the append has begun): true, or
/// the child has exited first: false.
fn wait_for_append(data: &Path, from: u64, child: &mut Child) -> bool {
    loop {
        if size(data) > from {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::hint::spin_loop();
    }
}

#[test]
fn sigkill_at_random_moments_during_saves_loses_nothing_but_the_change_in_flight() {
    let kills_wanted = env_number("RELIABILITY_KILLS", 200);
    let mut rng = XorShift(env_number("RELIABILITY_SEED", 0x5EED_CAFE_F00D_1234) | 1);

    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let refs = prepare(&data);
    let (state, _) = load(&data);
    let file_bytes = size(&data);

    let mut expected: HashMap<MilestoneRef, Status> =
        refs.iter().map(|r| (r.clone(), state.status(r))).collect();
    let mut activity = state.activity.len();
    let first_events = state.activity.iter().take(100).cloned().collect::<Vec<_>>();
    assert!(state.activity.len() > EVENTS);

    // How long one whole `mark` takes here, so kills can land anywhere in it.
    let timing = Instant::now();
    let r = &refs[0];
    let next = if expected[r] == Status::Done {
        Status::Doing
    } else {
        Status::Done
    };
    let mut child = spawn_mark(&data, r, next);
    assert!(child.wait().unwrap().success());
    let run = timing.elapsed();
    expected.insert(r.clone(), next);
    activity += 1;
    assert_eq!(load(&data).0.activity.len(), activity);

    let (mut kills, mut completed, mut at_append, mut landed, mut torn) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    let deadline = Instant::now() + Duration::from_secs(480);
    while kills < kills_wanted {
        assert!(Instant::now() < deadline, "too slow: {kills} kills so far");
        let r = refs[rng.below(refs.len() as u64) as usize].clone();
        let choices: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| *s != expected[&r])
            .collect();
        let target = choices[rng.below(choices.len() as u64) as usize];
        // One kill in four anywhere in the run; the others as the append happens, where a
        // torn record would be.
        let aim = if rng.below(4) == 0 {
            Aim::Anywhere
        } else {
            Aim::AtTheAppend
        };
        let before = size(&data);
        let mut child = spawn_mark(&data, &r, target);
        let mut appending = false;
        match aim {
            Aim::Anywhere => {
                std::thread::sleep(Duration::from_micros(
                    rng.below(run.as_micros() as u64 * 11 / 10),
                ));
            }
            Aim::AtTheAppend => appending = wait_for_append(&data, before, &mut child),
        }
        let acknowledged = match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success(), "mark failed on its own: {status}");
                true
            }
            None => {
                child.kill().unwrap();
                child.wait().unwrap();
                false
            }
        };

        let (got, skipped) = load(&data);
        torn = torn.max(skipped as u64);
        if acknowledged {
            completed += 1;
            assert_eq!(got.status(&r), target, "an acknowledged mark is kept");
            assert_eq!(got.activity.len(), activity + 1);
            expected.insert(r.clone(), target);
            activity += 1;
        } else {
            kills += 1;
            if appending {
                at_append += 1;
            }
            let now = got.status(&r);
            if now == target {
                landed += 1;
                assert_eq!(got.activity.len(), activity + 1, "the change landed whole");
                expected.insert(r.clone(), target);
                activity += 1;
            } else {
                assert_eq!(
                    now, expected[&r],
                    "the old status stays when the change did not land"
                );
                assert_eq!(got.activity.len(), activity, "nothing half-applied");
            }
        }
        for other in &refs {
            assert_eq!(
                got.status(other),
                expected[other],
                "{other} changed by someone else's kill"
            );
        }
        assert_eq!(
            got.activity.iter().take(100).collect::<Vec<_>>(),
            first_events.iter().collect::<Vec<_>>(),
            "the old history is intact"
        );
    }

    // A kill during a snapshot's write can leave a temporary file; the next writer removes it.
    let device = waymark::sync::device::Device::named(DEVICE);
    let (_ws, report) = Workspace::open_as(&data, device).unwrap();
    assert!(report.state_set_aside.is_none());
    let temps = std::fs::read_dir(changes(&data).parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temps, 0, "stale temporary files are cleaned at open");

    eprintln!(
        "{kills} kills ({at_append} as the file grew, {landed} after the record was whole), \
         {completed} runs finished first; at most {torn} records cut short at once; \
         changes.ron {file_bytes} bytes at the start; one mark took {run:?}"
    );
    assert!(
        at_append * 5 >= kills,
        "only {at_append} of {kills} kills hit an append in progress; the test would prove little"
    );
}
