//! Saving and loading `state.ron` with 10k milestone statuses and 100k activity-log events.
//!
//! Budget: a save never blocks a frame, so it must run off the UI thread or take under 5 ms.
//! The window saves on a worker thread (`src/ui/saver.rs`); what its frame still pays is the
//! copy of the state it hands over (`clone`). The worker's side is measured too: `state_to_ron`
//! alone and the full atomic save (`DataDir::save_state`: serialize, write, fsync, rename).

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use waymark::storage::{self, DataDir};

const STATUSES: usize = 10_000;
const EVENTS: usize = 100_000;

fn storage(c: &mut Criterion) {
    let curriculum = common::curriculum(STATUSES, 6);
    // Every milestone has a status: ~30% done, the rest doing, so the map holds 10k entries.
    let mut state = common::state(&curriculum, 30, EVENTS);
    for m in curriculum.milestones() {
        state
            .progress
            .entry(curriculum.id.clone())
            .or_default()
            .entry(m.id.clone())
            .or_insert_with(|| waymark::progress::MilestoneProgress {
                status: waymark::progress::Status::Doing,
                history: vec![waymark::progress::StatusChange {
                    status: waymark::progress::Status::Doing,
                    at: common::now(),
                }],
                ..Default::default()
            });
    }
    let text = storage::state_to_ron(&state).expect("the state serializes");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = DataDir::open(dir.path()).expect("the data directory opens");

    let mut group = c.benchmark_group("state_10k_statuses_100k_events");
    group.bench_function("state_to_ron", |b| {
        b.iter(|| storage::state_to_ron(black_box(&state)));
    });
    group.bench_function("state_from_ron", |b| {
        b.iter(|| {
            let loaded = storage::state_from_ron("state.ron", black_box(&text));
            assert!(loaded.is_ok(), "the saved state reads back");
            loaded
        });
    });
    group.bench_function("save_state", |b| {
        b.iter(|| data.save_state(black_box(&state)).expect("the state saves"));
    });
    group.bench_function("load_state", |b| {
        b.iter(|| {
            let loaded = data.load_state().expect("the state loads");
            assert!(loaded.set_aside.is_none(), "the saved state is readable");
            loaded
        });
    });
    // What a save still costs the UI thread: the copy of the state it hands to the worker.
    group.bench_function("clone", |b| b.iter(|| black_box(&state).clone()));
    // And what the first change made while that save still runs costs: the progress map it
    // touches is still shared with the saving thread's copy, so it is copied then.
    let touched = waymark::progress::MilestoneRef::new(
        &curriculum.id,
        curriculum.milestones().next().map_or("", |m| m.id.as_str()),
    );
    group.bench_function("first_change_while_saving", |b| {
        b.iter_batched(
            || state.clone(),
            |mut mine| {
                mine.milestone_mut(&touched).hours_logged += 1.0;
                mine
            },
            criterion::BatchSize::SmallInput,
        );
    });
    // The same statuses without the activity log: what state.ron would cost if the log lived
    // in a file of its own that is only appended to.
    let statuses_only = waymark::progress::State {
        activity: waymark::progress::ActivityLog::new(),
        ..state.clone()
    };
    if let Ok(text) = storage::state_to_ron(&statuses_only) {
        eprintln!("state.ron without the activity log: {} bytes", text.len());
    }
    group.bench_function("state_to_ron_without_activity", |b| {
        b.iter(|| storage::state_to_ron(black_box(&statuses_only)));
    });
    group.finish();
    eprintln!(
        "state.ron: {} bytes for {} statuses and {} events",
        text.len(),
        state.progress.values().map(|p| p.len()).sum::<usize>(),
        state.activity.len()
    );
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = storage
}
criterion_main!(benches);
