//! One headless frame of the window (egui_kittest, no GPU) on the dashboard and the curricula
//! view, with a curriculum of 100 and of 10,000 milestones.
//!
//! Budget: the 10k frame costs at most 1.5x the 100 frame, and each stays under 2 ms of CPU.
//! A frame here is what the app does on every repaint: the egui pass over the whole window
//! (`Harness::step`, which also hands the AccessKit tree to the test harness) and the
//! tessellation of what it drew into meshes. Only painting on the GPU is left out. CPU time
//! of the thread, like the other benches.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use common::CpuTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use waymark::curriculum::format;
use waymark::ui::App;

/// A data directory with one imported curriculum of `n` milestones and an onboarded learner who
/// has done ~30% of it and adopted its six goals (the bundled curricula load beside it).
fn data_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let curriculum = common::curriculum(n, 6);
    let state = common::state(&curriculum, 30, 1_000);
    let curricula = dir.path().join("curricula");
    std::fs::create_dir_all(&curricula).expect("curricula/ is created");
    std::fs::write(
        curricula.join(format!("{}.ron", curriculum.id)),
        format::to_ron(&curriculum),
    )
    .expect("the curriculum is written");
    let text = waymark::storage::state_to_ron(&state).expect("the state serializes");
    std::fs::write(dir.path().join("state.ron"), text).expect("state.ron is written");
    dir
}

fn harness(root: &Path) -> Harness<'static, App> {
    let app = App::open(root, Box::new(common::now)).expect("the app opens");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|_cc| app);
    harness.run();
    harness
}

/// One frame: the egui pass and its tessellation.
fn frame(h: &mut Harness<'static, App>) {
    h.step();
    let output = h.output();
    let meshes = h
        .ctx
        .tessellate(output.shapes.clone(), output.pixels_per_point);
    black_box(meshes);
}

fn ui_frame(c: &mut Criterion<CpuTime>) {
    let mut group = c.benchmark_group("ui_frame");
    for n in [100, 10_000] {
        let dir = data_dir(n);
        let mut h = harness(dir.path());
        assert!(!h.state().is_onboarding(), "the learner is onboarded");
        let loaded = h.state().workspace().curriculum(common::CURRICULUM_ID);
        assert_eq!(
            loaded.map(|c| c.milestone_count()),
            Some(n),
            "the curriculum loaded"
        );
        group.bench_function(BenchmarkId::new("dashboard", n), |b| {
            b.iter(|| frame(&mut h))
        });

        h.get_by_label("Curricula").click();
        h.run();
        group.bench_function(BenchmarkId::new("curricula", n), |b| {
            b.iter(|| frame(&mut h))
        });
    }
    group.finish();
}

fn config() -> Criterion<CpuTime> {
    Criterion::default()
        .with_measurement(CpuTime::new())
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = ui_frame
}
criterion_main!(benches);
