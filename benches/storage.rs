//! Saving one change and opening the data directory, with 10 and with 100,000 recorded
//! changes before it.
//!
//! Budget: a save appends one machine's records and waits for the disk (fsync), costing the
//! same at 10 changes as at 100,000; opening with 100,000 recorded changes takes under 200 ms,
//! from this machine's snapshot. `open_from_records` is the same open with no snapshot: what
//! the first open on a new machine costs before it writes one.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use chrono::Days;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use waymark::curriculum::format;
use waymark::progress::{MilestoneRef, Status};
use waymark::sync::device::Device;
use waymark::workspace::Change;
use waymark::workspace::Workspace;

const DEVICE: &str = "bench-machine";

/// A data directory with a curriculum of 1,000 milestones and `changes` recorded changes (status
/// changes and hours logged, saved a hundred at a time as a session's bursts are), and this
/// machine's snapshot written by a writable open.
fn prepared(changes: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let curriculum = common::curriculum(1_000, 6);
    let (mut ws, _) =
        Workspace::open_as(dir.path(), Device::named(DEVICE)).expect("the data directory opens");
    let text = format::to_ron(&curriculum);
    let pending = ws
        .preview_import("bench.ron", text.as_bytes())
        .expect("the curriculum reads");
    ws.apply(
        Change::Import {
            pending: Box::new(pending),
            keep_checked: false,
            allow_older: false,
        },
        common::now(),
    )
    .expect("the curriculum imports");
    let ids: Vec<MilestoneRef> = curriculum
        .milestones()
        .map(|m| MilestoneRef::new(&curriculum.id, &m.id))
        .collect();
    let mut rng = common::Rng::new(7);
    for i in 0..changes {
        let r = &ids[rng.below(ids.len())];
        let at = common::now() + Days::new((i / 50) as u64);
        if i % 2 == 0 {
            let status = Status::ALL[rng.below(4)];
            ws.apply(
                Change::SetStatus {
                    milestone: r.clone(),
                    status,
                },
                at,
            )
            .expect("the change is made");
        } else {
            ws.apply(
                Change::LogHours {
                    milestone: r.clone(),
                    hours: 0.5,
                },
                at,
            )
            .expect("the change is made");
        }
        if i % 100 == 99 {
            ws.save().expect("the changes save");
        }
    }
    ws.save().expect("the changes save");
    drop(ws);
    // A writable open reads them all, and writes the snapshot as the window does when it
    // opens (a snapshot waits until every record this machine made is on disk).
    let (mut ws, _) = Workspace::open_as(dir.path(), Device::named(DEVICE)).expect("it opens");
    ws.write_snapshot_if_due().expect("the snapshot is written");
    assert!(
        snapshot(dir.path()).is_file() || changes < 500,
        "a snapshot was due"
    );
    drop(ws);
    dir
}

fn snapshot(root: &Path) -> std::path::PathBuf {
    root.join("machines").join(DEVICE).join("snapshot.postcard")
}

fn storage(c: &mut Criterion) {
    let mut group = c.benchmark_group("journal");
    for changes in [10, 100_000] {
        let dir = prepared(changes);
        let bytes = std::fs::metadata(dir.path().join("machines").join(DEVICE).join("changes.ron"))
            .map_or(0, |m| m.len());
        let snapshot_bytes = std::fs::metadata(snapshot(dir.path())).map_or(0, |m| m.len());
        eprintln!("{changes} changes: changes.ron {bytes} bytes, snapshot {snapshot_bytes} bytes");
        group.bench_function(BenchmarkId::new("open", changes), |b| {
            b.iter(|| {
                let (ws, report) =
                    Workspace::open_read_only_as(black_box(dir.path()), Device::named(DEVICE))
                        .expect("it opens");
                assert!(report.sync_news.is_empty());
                ws
            });
        });
        let (mut ws, _) = Workspace::open_as(dir.path(), Device::named(DEVICE)).expect("it opens");
        let r = ws.state().progress.keys().next().map(|c| {
            let id = ws
                .curriculum(c)
                .and_then(|c| c.milestones().next())
                .map(|m| m.id.clone());
            MilestoneRef::new(c, id.unwrap_or_default())
        });
        let r = r.expect("a milestone with progress");
        let mut n = 0u32;
        group.bench_function(BenchmarkId::new("save_one_change", changes), |b| {
            b.iter(|| {
                n += 1;
                let status = if n.is_multiple_of(2) {
                    Status::Done
                } else {
                    Status::Doing
                };
                ws.apply(
                    Change::SetStatus {
                        milestone: r.clone(),
                        status,
                    },
                    common::now(),
                )
                .expect("the change is made");
                ws.save().expect("the change saves");
            });
        });
        drop(ws);
        let _ = std::fs::remove_file(snapshot(dir.path()));
        group.bench_function(BenchmarkId::new("open_from_records", changes), |b| {
            b.iter(|| {
                Workspace::open_read_only_as(black_box(dir.path()), Device::named(DEVICE))
                    .expect("it opens")
            });
        });
    }
    group.finish();
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
