//! The planner (availability, next up and every goal's projection) at 10k and 100k milestones.
//!
//! The state has ~30% of the path done and six adopted goals whose prerequisite closures span
//! from a sixth of the path to all of it. Budget: linear (100k no more than ~12x 10k).
//!
//! `plan_kept` is the planner as the window calls it after a status change: through an index
//! of the curricula kept from an earlier plan (`plan::plan_with`), so that only the learner's
//! progress is read afresh. `plan_change` is what the window runs after one change since
//! issue 20: through that index and the learner read at the last plan (`plan::plan_kept`),
//! only the changed milestone read again; each iteration toggles one milestone's status.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::CpuTime;
use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use waymark::curriculum::Curriculum;
use waymark::plan::{Index, LearnerCache, plan_kept, plan_with};
use waymark::progress::{MilestoneRef, State, Status};

/// The planner's inputs at `n` milestones: six adopted goals, 30% done, 1,000 log events.
fn inputs(n: usize) -> (Curriculum, State) {
    let curriculum = common::curriculum(n, 6);
    let state = common::state(&curriculum, 30, 1_000);
    (curriculum, state)
}

/// The warm loop: `plan` builds the index of the curricula in every call, `plan_kept` plans
/// through one built beforehand.
fn plan(c: &mut Criterion<CpuTime>) {
    let today = common::today();
    for (name, kept) in [("plan", false), ("plan_kept", true)] {
        let mut group = c.benchmark_group(name);
        for n in [10_000, 100_000] {
            let (curriculum, state) = inputs(n);
            let curricula = [&curriculum];
            let index = Index::new(&curricula);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_function(BenchmarkId::from_parameter(n), |b| {
                if kept {
                    b.iter(|| plan_with(&index, black_box(&curricula), black_box(&state), today));
                } else {
                    b.iter(|| waymark::plan::plan(black_box(&curricula), black_box(&state), today));
                }
            });
        }
        group.finish();
    }
}

/// One change and the plan after it, through the kept index and the kept learner; in
/// `plan_change_away`, with four weeks away and a busy month ahead (every date walks them).
fn plan_change(c: &mut Criterion<CpuTime>) {
    let today = common::today();
    for (name, away) in [("plan_change", false), ("plan_change_away", true)] {
        plan_change_of(c, name, away, today);
    }
}

fn plan_change_of(c: &mut Criterion<CpuTime>, name: &str, away: bool, today: chrono::NaiveDate) {
    let mut group = c.benchmark_group(name);
    for n in [10_000, 100_000] {
        let (curriculum, mut state) = inputs(n);
        if away {
            let day = |d: u64| today + chrono::Days::new(d);
            state
                .periods
                .push(waymark::progress::Period::away(day(14), day(41)));
            state.periods.push(waymark::progress::Period {
                from: day(42),
                to: day(72),
                hours_per_week: 2.0,
            });
        }
        let curricula = [&curriculum];
        let index = Index::new(&curricula);
        let mut kept = LearnerCache::default();
        plan_kept(&index, &mut kept, &curricula, &state, today);
        let last = curriculum.milestones().last().expect("a milestone");
        let r = MilestoneRef::new(&curriculum.id, &last.id);
        let mut done = false;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                done = !done;
                let status = if done { Status::Done } else { Status::Todo };
                state.milestone_mut(&r).status = status;
                kept.touch(&r);
                plan_kept(&index, &mut kept, black_box(&curricula), &state, today)
            });
        });
    }
    group.finish();
}

/// The same, each call starting with cold caches. In the loop above the 10k case's whole data
/// (~5 MB) stays in the caches from one call to the next and the 100k case's (~50 MB) cannot,
/// so that ratio compares a warm machine with a cold one. The app plans once after a change,
/// between frames that use the caches for other things: cold is its case, at both sizes.
/// Wall time, per call (thread CPU time is only updated at scheduler ticks): run on a quiet
/// machine.
fn plan_cold(c: &mut Criterion<WallTime>) {
    let mut group = c.benchmark_group("plan_cold");
    let mut evictor = common::Evictor::new();
    let today = common::today();
    for n in [10_000, 100_000] {
        let (curriculum, state) = inputs(n);
        let curricula = [&curriculum];
        let index = Index::new(&curricula);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_batched(
                || evictor.evict(),
                |()| waymark::plan::plan(black_box(&curricula), black_box(&state), today),
                BatchSize::PerIteration,
            );
        });
        group.bench_function(BenchmarkId::new("kept_index", n), |b| {
            b.iter_batched(
                || evictor.evict(),
                |()| plan_with(&index, black_box(&curricula), black_box(&state), today),
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

fn config() -> Criterion<CpuTime> {
    Criterion::default()
        .with_measurement(CpuTime::new())
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

fn config_cold() -> Criterion<WallTime> {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = plan, plan_change
}
criterion_group! {
    name = cold;
    config = config_cold();
    targets = plan_cold
}
criterion_main!(benches, cold);
