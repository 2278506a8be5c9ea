//! One headless frame of the window (egui_kittest, no GPU) on the dashboard and the curricula
//! view, with a curriculum of 100 and of 10,000 milestones.
//!
//! Budget: the 10k frame costs at most 1.5x the 100 frame, and each stays under 2 ms of CPU.
//! A frame here is what the app does on every repaint: the egui pass over the whole window
//! (`Harness::step`, which also hands the AccessKit tree to the test harness) and the
//! tessellation of what it drew into meshes. Only painting on the GPU is left out. CPU time
//! of the thread, like the other benches.
//!
//! `ui_change` is what one change costs the window's thread: "Done" on the dashboard's first
//! next-up milestone, through the command path and the domain's one write path, the replan,
//! the frames the window runs for it, and the hand-over of its record to the saving thread, at
//! 10,000 and 100,000 milestones. Budget (issue 20): under 4 ms at 10k (half a frame at
//! 120 Hz), under 25 ms at 100k.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use common::CpuTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use waymark::progress::Status;
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
        common::ron(&curriculum),
    )
    .expect("the curriculum is written");
    let text = waymark::storage::state_to_ron(&state).expect("the state serializes");
    std::fs::write(dir.path().join("state.ron"), text).expect("state.ron is written");
    dir
}

fn harness(root: &Path) -> Harness<'static, App> {
    let device = waymark::sync::device::Device::named("bench-machine");
    let app = App::open_as(root, Box::new(common::now), device).expect("the app opens");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|_cc| app);
    harness.run();
    harness
}

/// Checks that the window opened on the generated curriculum, onboarded.
fn assert_loaded(h: &Harness<'static, App>, n: usize) {
    assert!(!h.state().is_onboarding(), "the learner is onboarded");
    let loaded = h.state().workspace().curriculum(common::CURRICULUM_ID);
    assert_eq!(
        loaded.map(|c| c.milestone_count()),
        Some(n),
        "the curriculum loaded"
    );
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
        assert_loaded(&h, n);
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

fn done_count(h: &Harness<'static, App>) -> usize {
    let state = &h.state().workspace().state();
    let progress = state.progress.values().flat_map(|p| p.values());
    progress.filter(|p| p.status == Status::Done).count()
}

/// Clicks "Done" on the first next-up milestone and runs the window until it settles: the
/// change through the window's command path and the domain, the replan, the frames.
fn click_done(h: &mut Harness<'static, App>) {
    h.get_all_by_role_and_label(egui::accesskit::Role::Button, "Done")
        .next()
        .expect("next up lists a milestone")
        .click_accesskit();
    h.run();
}

fn ui_change(c: &mut Criterion<CpuTime>) {
    let mut group = c.benchmark_group("ui_change");
    group.sample_size(10);
    let cpu = CpuTime::new();
    for n in [10_000, 100_000] {
        let dir = data_dir(n);
        let mut h = harness(dir.path());
        assert_loaded(&h, n);
        let before = done_count(&h);
        click_done(&mut h);
        assert_eq!(done_count(&h), before + 1, "the click marked one more done");
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert_eq!(done_count(&h), before, "Ctrl+Z took it back");
        let ctx = h.ctx.clone();
        h.state_mut().finish_saves(&ctx);
        // One change: the click on Done, its replan and frames, and the hand-over of its record
        // to the saving thread. What takes it back again (the undo, the wait for the disk) is
        // done between the timed changes, untimed.
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_custom(|iters| {
                let mut total = 0;
                for _ in 0..iters {
                    let start = criterion::measurement::Measurement::start(&cpu);
                    click_done(&mut h);
                    h.state_mut().hand_over(&ctx);
                    total += criterion::measurement::Measurement::end(&cpu, start);
                    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
                    h.run();
                    h.state_mut().finish_saves(&ctx);
                }
                total
            })
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
    targets = ui_frame, ui_change
}
criterion_main!(benches);
