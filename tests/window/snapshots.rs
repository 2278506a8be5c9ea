//! Pictures of the main screens in light and dark, compared with `tests/snapshots/`.
//! Rendered headless through wgpu (Mesa's software renderer on machines without a GPU).

use crate::common;

use std::path::Path;

use chrono::Days;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use waymark::progress::Status;
use waymark::ui::ThemeChoice;
use waymark::workspace::Workspace;

/// A learner a few weeks in: a focus, a goal, some work done and logged.
fn a_few_weeks_in(root: &Path) {
    let (mut ws, _) = Workspace::open(root).unwrap();
    let now = common::now();
    ws.state.onboarded = true;
    ws.state.hours_per_week = 5.0;
    ws.state.focus = common::focus_on(&["recsys"]);
    ws.state.goals.push(common::recommender_goal(
        "Pick a catalogue you know well: your own music or books.",
        70,
        20,
    ));
    let python = common::milestone("python");
    let git = common::milestone("git");
    let statistics = common::milestone("statistics");
    ws.state
        .set_status(&python, Status::Doing, now - Days::new(20));
    ws.state.log_hours(&python, 6.0, now - Days::new(18));
    ws.state
        .set_status(&python, Status::Done, now - Days::new(12));
    ws.state.set_status(&git, Status::Done, now - Days::new(5));
    ws.state
        .set_status(&statistics, Status::Doing, now - Days::new(1));
    ws.state.log_hours(&statistics, 2.0, now - Days::new(1));
    ws.state.log_hours(&statistics, 1.5, now);
    ws.state.milestone_mut(&statistics).notes = "Revisit the central limit theorem.".into();
    ws.save().unwrap();
}

fn onboarding(theme: ThemeChoice) {
    let dir = common::data_dir();
    let mut h = common::harness(common::open(dir.path()).with_theme(theme));
    common::snapshot(&mut h, "onboarding");
}

fn dashboard(theme: ThemeChoice) {
    let dir = common::data_dir();
    a_few_weeks_in(dir.path());
    let mut h = common::harness(common::open(dir.path()).with_theme(theme));
    common::snapshot(&mut h, "dashboard");
}

fn curricula(theme: ThemeChoice) {
    let dir = common::data_dir();
    a_few_weeks_in(dir.path());
    let mut h = common::harness(common::open(dir.path()).with_theme(theme));
    h.get_by_label("Curricula").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Statistics").click();
    h.run();
    common::snapshot(&mut h, "curricula");
}

#[test]
fn onboarding_in_light() {
    onboarding(ThemeChoice::Light);
}

#[test]
fn onboarding_in_dark() {
    onboarding(ThemeChoice::Dark);
}

#[test]
fn dashboard_in_light() {
    dashboard(ThemeChoice::Light);
}

#[test]
fn dashboard_in_dark() {
    dashboard(ThemeChoice::Dark);
}

#[test]
fn curricula_in_light() {
    curricula(ThemeChoice::Light);
}

#[test]
fn curricula_in_dark() {
    curricula(ThemeChoice::Dark);
}
