//! The real `waymark` binary killed with SIGKILL at random moments while it saves a large
//! state, hundreds of times: every kill leaves a state that loads, with every acknowledged mark
//! and at most the one change that was in flight.
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
use waymark::storage;

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
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Reads `state.ron` as the next Waymark would, without setting anything aside.
fn load(data: &Path) -> State {
    let path = data.join("state.ron");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (a kill must never leave it missing or not UTF-8)",
            path.display()
        )
    });
    storage::state_from_ron("state.ron", &text)
        .unwrap_or_else(|e| panic!("a kill left a state that does not load: {e}"))
}

/// Temporary files in `data`: all of them, or (with `pid`) only those of one process, so a
/// stale one that an earlier kill left is not taken for this process's save.
fn temp_files(data: &Path, pid: Option<u32>) -> usize {
    let mine = pid.map(|p| format!(".waymark-{p}-"));
    std::fs::read_dir(data)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") && mine.as_ref().is_none_or(|m| n.contains(m.as_str())))
        .count()
}

/// Milestones in the test's own curriculum (the bundled ones change as they are written).
const MILESTONES: usize = 40;

/// Imports a curriculum of [`MILESTONES`] milestones into `data`; returns their refs.
fn import_drill(data: &Path) -> Vec<MilestoneRef> {
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
    let (mut ws, _) = waymark::workspace::Workspace::open(data).unwrap();
    let pending = ws.preview_import("drill.ron", ron.as_bytes()).unwrap();
    ws.apply_import(pending, false, false, Utc::now()).unwrap();
    (0..MILESTONES)
        .map(|i| MilestoneRef::new("drill", format!("step-{i}")))
        .collect()
}

/// Where in a run a kill is aimed.
enum Aim {
    Anywhere,
    DuringSave,
}

/// Polls until the child has a temporary file open (its save has begun): true, or it has
/// exited first: false.
fn wait_for_save(data: &Path, child: &mut Child) -> bool {
    loop {
        if temp_files(data, Some(child.id())) > 0 {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[test]
fn sigkill_at_random_moments_during_saves_loses_nothing_but_the_change_in_flight() {
    let kills_wanted = env_number("RELIABILITY_KILLS", 200);
    let mut rng = XorShift(env_number("RELIABILITY_SEED", 0x5EED_CAFE_F00D_1234) | 1);

    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let refs = import_drill(&data);

    // A long history: EVENTS status changes spread over the milestones.
    let mut state = load(&data);
    let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    for i in 0..EVENTS {
        let status = [Status::Doing, Status::Done, Status::Todo][(i / refs.len()) % 3];
        let at = start + chrono::Duration::minutes(i as i64);
        state.set_status(&refs[i % refs.len()], status, at);
    }
    let text = storage::state_to_ron(&state).unwrap();
    std::fs::write(data.join("state.ron"), &text).unwrap();
    let file_bytes = text.len();

    let mut expected: HashMap<MilestoneRef, Status> =
        refs.iter().map(|r| (r.clone(), state.status(r))).collect();
    let mut activity = state.activity.len();
    let first_events = state.activity.iter().take(100).cloned().collect::<Vec<_>>();
    assert!(state.activity.len() > EVENTS);

    // How long one whole `mark` takes here, and how long its save (from the temporary file's
    // appearance to the exit), so kills can land anywhere, or anywhere within a save.
    let timing = Instant::now();
    let r = &refs[0];
    let next = if expected[r] == Status::Done {
        Status::Doing
    } else {
        Status::Done
    };
    let mut child = spawn_mark(&data, r, next);
    let save_started = wait_for_save(&data, &mut child);
    let save_began_at = timing.elapsed();
    assert!(save_started, "the calibration run saved");
    assert!(child.wait().unwrap().success());
    let run = timing.elapsed();
    let save = (run - save_began_at).max(Duration::from_millis(1));
    expected.insert(r.clone(), next);
    activity += 1;
    assert_eq!(load(&data).activity.len(), activity);

    let (mut kills, mut completed, mut mid_write, mut landed) = (0u64, 0u64, 0u64, 0u64);
    let deadline = Instant::now() + Duration::from_secs(480);
    while kills < kills_wanted {
        assert!(Instant::now() < deadline, "too slow: {kills} kills so far");
        let r = refs[rng.below(refs.len() as u64) as usize].clone();
        let choices: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| *s != expected[&r])
            .collect();
        let target = choices[rng.below(choices.len() as u64) as usize];
        // One kill in four anywhere in the run; the others within the save, where a torn
        // write would happen.
        let aim = if rng.below(4) == 0 {
            Aim::Anywhere
        } else {
            Aim::DuringSave
        };
        let mut child = spawn_mark(&data, &r, target);
        match aim {
            Aim::Anywhere => {
                std::thread::sleep(Duration::from_micros(
                    rng.below(run.as_micros() as u64 * 11 / 10),
                ));
            }
            Aim::DuringSave => {
                if wait_for_save(&data, &mut child) {
                    std::thread::sleep(Duration::from_micros(
                        rng.below(save.as_micros() as u64 * 12 / 10),
                    ));
                }
            }
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

        let temps = temp_files(&data, Some(child.id()));
        let got = load(&data);
        if acknowledged {
            completed += 1;
            assert_eq!(got.status(&r), target, "an acknowledged mark is kept");
            assert_eq!(got.activity.len(), activity + 1);
            expected.insert(r.clone(), target);
            activity += 1;
        } else {
            kills += 1;
            if temps > 0 {
                mid_write += 1;
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
                assert_eq!(got.activity.len(), activity, "nothing half-written");
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

    // A kill can leave a temporary file; the next writer removes it, and reading is unaffected.
    let (_data, report) = waymark::workspace::Workspace::open(&data).unwrap();
    assert!(report.state_set_aside.is_none());
    assert_eq!(
        temp_files(&data, None),
        0,
        "stale temporary files are cleaned at open"
    );

    eprintln!(
        "{kills} kills ({mid_write} with a save in progress, {landed} after the rename), \
         {completed} runs finished first; state.ron {file_bytes} bytes; one mark took {run:?}, \
         its save {save:?}"
    );
    assert!(
        mid_write * 5 >= kills,
        "only {mid_write} of {kills} kills hit a save in progress; the test would prove little"
    );
}
