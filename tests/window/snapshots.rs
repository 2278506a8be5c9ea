//! Pictures of the main screens at the smallest and a large window, in light and dark,
//! compared with `tests/snapshots/` (the import preview and the mentor page are pictured in
//! their own modules). Rendered headless through wgpu (Mesa's software renderer on machines
//! without a GPU).

use crate::common;

use std::path::Path;

use chrono::Days;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use waymark::progress::Status;
use waymark::workspace::Change;

/// A learner a few weeks in: a focus, a goal, some work done and logged.
fn a_few_weeks_in(root: &Path) {
    let (mut ws, _) = common::workspace(root);
    let now = common::now();
    common::profile(&mut ws, |p| {
        let _ = p;
    });
    common::profile(&mut ws, |p| p.hours_per_week = 5.0);
    common::profile(&mut ws, |p| p.focus = common::focus_on(&["recsys"]));
    common::profile(&mut ws, |p| {
        p.goals.push(common::recommender_goal(
            "Pick a catalogue you know well: your own music or books.",
            70,
            20,
        ))
    });
    let python = common::milestone("python");
    let git = common::milestone("git");
    let statistics = common::milestone("statistics");
    ws.apply(
        Change::SetStatus {
            milestone: python.clone(),
            status: Status::Doing,
        },
        now - Days::new(20),
    )
    .unwrap();
    ws.apply(
        Change::LogHours {
            milestone: python.clone(),
            hours: 6.0,
        },
        now - Days::new(18),
    )
    .unwrap();
    ws.apply(
        Change::SetStatus {
            milestone: python.clone(),
            status: Status::Done,
        },
        now - Days::new(12),
    )
    .unwrap();
    ws.apply(
        Change::SetStatus {
            milestone: git.clone(),
            status: Status::Done,
        },
        now - Days::new(5),
    )
    .unwrap();
    ws.apply(
        Change::SetStatus {
            milestone: statistics.clone(),
            status: Status::Doing,
        },
        now - Days::new(1),
    )
    .unwrap();
    ws.apply(
        Change::LogHours {
            milestone: statistics.clone(),
            hours: 2.0,
        },
        now - Days::new(1),
    )
    .unwrap();
    ws.apply(
        Change::LogHours {
            milestone: statistics.clone(),
            hours: 1.5,
        },
        now,
    )
    .unwrap();
    common::make(
        &mut ws,
        Change::SetNotes {
            milestone: statistics.clone(),
            notes: "Revisit the central limit theorem.".into(),
        },
        common::now(),
    );
    ws.save().unwrap();
}

fn a_few_weeks_in_app() -> (tempfile::TempDir, waymark::ui::App) {
    let dir = common::data_dir();
    a_few_weeks_in(dir.path());
    let app = common::open(dir.path());
    (dir, app)
}

#[test]
fn snapshots_of_the_first_run() {
    common::snapshot_every_size_and_theme(
        "onboarding",
        || {
            let dir = common::data_dir();
            let app = common::open(dir.path());
            (dir, app)
        },
        |_| {},
    );
}

#[test]
fn snapshots_of_the_dashboard() {
    common::snapshot_every_size_and_theme("dashboard", a_few_weeks_in_app, |_| {});
}

#[test]
fn snapshots_of_the_study_timer_in_the_top_bar() {
    common::snapshot_every_size_and_theme("timer", a_few_weeks_in_app, |h| {
        h.get_all_by_label_contains("Start the timer on")
            .next()
            .unwrap()
            .click();
        h.run();
    });
}

#[test]
fn snapshots_of_the_curricula_with_a_milestone_open() {
    common::snapshot_every_size_and_theme("curricula", a_few_weeks_in_app, |h| {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
        h.run();
        h.key_press(egui::Key::Escape);
        h.run();
        h.get_by_role_and_label(Role::Button, "Statistics").click();
        h.run();
    });
}

/// Two weeks away and a busy month, as the settings page lists them.
fn with_time_off(root: &Path) {
    let (mut ws, _) = common::workspace(root);
    let day = |d: u64| common::today() + Days::new(d);
    for period in [
        waymark::progress::Period::away(day(20), day(33)),
        waymark::progress::Period {
            from: day(40),
            to: day(69),
            hours_per_week: 2.5,
        },
    ] {
        common::make(&mut ws, Change::AddPeriod(period), common::now());
    }
    ws.save().unwrap();
}

/// A data directory at a path that is the same on every run, so that the settings page, which
/// shows where the data lives, looks the same in every picture.
struct FixedDir(std::path::PathBuf);

impl Drop for FixedDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn snapshots_of_the_settings() {
    let open = || {
        let dir = FixedDir(std::env::temp_dir().join("waymark-settings-snapshot"));
        let _ = std::fs::remove_dir_all(&dir.0);
        std::fs::create_dir_all(&dir.0).unwrap();
        common::write_curriculum(&dir.0, "ai-engineer.ron", common::CURRICULUM);
        a_few_weeks_in(&dir.0);
        with_time_off(&dir.0);
        let app = common::open(&dir.0);
        (dir, app)
    };
    common::snapshot_every_size_and_theme("settings", open, |h| {
        common::show_screen(h, "Settings");
    });
}

#[test]
fn snapshots_of_the_calendar_of_a_goals_target() {
    common::snapshot_every_size_and_theme("date_picker", a_few_weeks_in_app, |h| {
        crate::date_picker::open(h, "Target of “Ship your first recommender”");
    });
}

#[test]
fn snapshots_of_a_goals_chance_by_date() {
    common::snapshot_every_size_and_theme("forecast", a_few_weeks_in_app, |h| {
        let header = "Chance by date of “Ship your first recommender”";
        h.get_by_label(header).scroll_to_me();
        h.run();
        h.get_by_label(header).click();
        h.run();
        h.get_by_label_contains("Chance of finishing “Ship your first recommender”")
            .scroll_to_me();
        h.run();
    });
}
