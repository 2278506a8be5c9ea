//! The study timer in the window: started from This week and the detail pane, shown under the
//! top bar on every screen, stopped and logged, a forgotten one asked about, undone.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use waymark::ui::App;

use crate::common;

const PYTHON: &str = "Python for data work";

/// A learner with a goal (so This week lists Python first), and a window on a clock the test
/// moves.
fn window(root: &Path) -> (Harness<'static, App>, Rc<Cell<DateTime<Utc>>>) {
    {
        let (mut ws, _) = common::workspace(root);
        common::profile(&mut ws, |p| {
            p.hours_per_week = 6.0;
            p.focus = common::focus_on(&["recsys"]);
            p.goals
                .push(common::recommender_goal("Pick a catalogue.", 120, 0));
        });
        ws.save().unwrap();
    }
    reopen(root, common::now())
}

fn reopen(root: &Path, at: DateTime<Utc>) -> (Harness<'static, App>, Rc<Cell<DateTime<Utc>>>) {
    let clock = Rc::new(Cell::new(at));
    let c = clock.clone();
    let app = App::open_as(root, Box::new(move || c.get()), common::device()).unwrap();
    (common::harness(app), clock)
}

fn logged(h: &Harness<'static, App>) -> f64 {
    h.state()
        .workspace()
        .state()
        .milestone(&common::milestone("python"))
        .map_or(0.0, |p| p.hours_logged)
}

#[test]
fn a_timer_started_on_this_weeks_row_runs_in_the_top_bar_and_stop_logs_what_it_measured() {
    let dir = common::data_dir();
    let (mut h, clock) = window(dir.path());
    h.get_by_role_and_label(Role::Button, &format!("Start the timer on “{PYTHON}”"))
        .click();
    h.run();
    h.get_by_label_contains("0 min");
    // The row's button stops it now.
    assert_eq!(
        h.get_all_by_role_and_label(
            Role::Button,
            &format!("Stop the timer on “{PYTHON}” and log its time"),
        )
        .count(),
        2
    );
    clock.set(common::now() + Duration::minutes(90));
    // Another screen: the timer stays in sight.
    common::show_screen(&mut h, "Mentor");
    h.get_by_label_contains("1 h 30 min");
    h.get_all_by_role_and_label(
        Role::Button,
        &format!("Stop the timer on “{PYTHON}” and log its time"),
    )
    .next()
    .unwrap()
    .click();
    h.run();
    assert_eq!(logged(&h), 1.5);
    assert!(h.state().workspace().state().timers.is_empty());
    assert!(h.query_by_label_contains("1 h 30 min").is_none());
    h.get_by_label_contains("Logged 1.5 h on “Python for data work”");
    // A wrong session is taken back with Undo: the timer runs again and nothing is logged.
    h.get_all_by_role_and_label(Role::Button, "Undo")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(logged(&h), 0.0);
    h.get_by_label_contains("1 h 30 min");
}

#[test]
fn a_timer_outlives_the_window_and_is_stopped_from_the_detail_pane() {
    let dir = common::data_dir();
    let (mut h, _) = window(dir.path());
    common::show_screen(&mut h, "Curricula");
    h.get_all_by_label(PYTHON).next().unwrap().click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Start timer").click();
    h.run();
    common::wait_for_autosave(&mut h);
    drop(h);
    // Reopened 45 minutes later: it still runs.
    let (mut h, _) = reopen(dir.path(), common::now() + Duration::minutes(45));
    h.get_by_label_contains("45 min");
    common::show_screen(&mut h, "Curricula");
    h.get_all_by_label(PYTHON).next().unwrap().click();
    h.run();
    h.get_by_label_contains("Timer running since");
    h.get_by_role_and_label(Role::Button, "Stop timer").click();
    h.run();
    assert_eq!(logged(&h), 0.75);
}

#[test]
fn a_forgotten_timer_asks_how_long_the_session_was_before_it_logs() {
    let dir = common::data_dir();
    let (mut h, clock) = window(dir.path());
    h.get_by_role_and_label(Role::Button, &format!("Start the timer on “{PYTHON}”"))
        .click();
    h.run();
    clock.set(common::now() + Duration::hours(9));
    let stop = format!("Stop the timer on “{PYTHON}” and log its time");
    h.get_all_by_role_and_label(Role::Button, &stop)
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(logged(&h), 0.0, "nothing is logged before the learner says");
    h.get_by_label_contains("ran 9 h 00 min, longer than a study session");
    h.get_by_role_and_label(Role::TextInput, "Hours studied")
        .type_text("lots");
    h.run();
    h.get_by_role_and_label(Role::Button, "Log them").click();
    h.run();
    h.get_by_label_contains("is not a number of hours");
    assert_eq!(logged(&h), 0.0);
    // Kept running, then stopped again: asked again, with nothing typed.
    h.get_by_role_and_label(Role::Button, "Keep it running")
        .click();
    h.run();
    assert_eq!(h.state().workspace().state().timers.len(), 1);
    h.get_all_by_role_and_label(Role::Button, &stop)
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Hours studied")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Hours studied")
        .type_text("2.5");
    h.run();
    h.get_by_role_and_label(Role::Button, "Log them").click();
    h.run();
    assert_eq!(logged(&h), 2.5);
    assert!(h.state().workspace().state().timers.is_empty());
    // Another forgotten one, logged as nothing.
    h.get_by_role_and_label(Role::Button, &format!("Start the timer on “{PYTHON}”"))
        .click();
    h.run();
    clock.set(common::now() + Duration::hours(20));
    h.get_all_by_role_and_label(Role::Button, &stop)
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Log nothing").click();
    h.run();
    assert_eq!(logged(&h), 2.5);
    assert!(h.state().workspace().state().timers.is_empty());
    h.get_by_label_contains("nothing logged");
}
