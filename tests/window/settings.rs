//! Settings and the data directory: theme switching, where the data lives, saving (debounced,
//! on Ctrl+Q), an unreadable state file, and a second window that must stay read-only.

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Modifiers, ViewportCommand, ViewportId};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use waymark::progress::Status;
use waymark::ui::ThemeChoice;

/// Marks Python done through the curricula's detail pane.
fn finish_python(h: &mut egui_kittest::Harness<'static, waymark::ui::App>) {
    h.get_by_label("Curricula").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Python for data work")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Done").click();
    h.run();
}

fn settings(h: &mut egui_kittest::Harness<'static, waymark::ui::App>) {
    h.get_by_label("Settings").click();
    h.run();
}

#[test]
fn the_theme_switches_and_is_remembered() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    settings(&mut h);
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(h.state().theme(), ThemeChoice::Dark);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    h.get_by_label("Light").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    h.get_by_label("Dark").click();
    h.run();
    drop(h);

    let h = common::harness(common::open(dir.path()));
    assert_eq!(h.state().theme(), ThemeChoice::Dark, "kept across restarts");
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn settings_show_where_the_data_lives_and_change_weekly_hours() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    settings(&mut h);
    h.get_by_label(&dir.path().display().to_string());
    let changes = h.state().workspace().changes_path();
    h.get_by_label_contains(&changes.display().to_string());
    h.get_by_role_and_label(Role::Slider, "Hours a week")
        .set_value_accesskit(12.0);
    h.run();
    assert_eq!(h.state().workspace().state().hours_per_week, 12.0);
}

#[test]
fn changes_are_saved_a_moment_after_the_last_one_not_per_frame() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    let before = common::records(dir.path());
    h.get_by_label("Curricula").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Python for data work")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Done").click();
    // Two frames (half a second of the harness's clock), not `run`: a frame asked for by
    // something else in between (a save finishing on its thread) would let the clock pass
    // the delay and make this test depend on the machine's load.
    h.step();
    h.step();
    assert!(h.state().has_unsaved_changes());
    assert_eq!(
        common::records(dir.path()),
        before,
        "not saved on the very frame of the change"
    );
    common::wait_for_autosave(&mut h);
    assert!(!h.state().has_unsaved_changes());
    let saved = common::saved_state(dir.path());
    assert_eq!(saved.status(&common::milestone("python")), Status::Done);
}

#[test]
fn ctrl_q_saves_and_closes_the_window() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    finish_python(&mut h);
    // One frame with the chord, so that this frame's output holds the window commands.
    h.input_mut().events.push(egui::Event::Key {
        key: Key::Q,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    });
    h.step();
    let commands = &h.output().viewport_output[&ViewportId::ROOT].commands;
    assert!(commands.contains(&ViewportCommand::Close), "{commands:?}");
    let saved = common::saved_state(dir.path());
    assert_eq!(
        saved.status(&common::milestone("python")),
        Status::Done,
        "saved before closing, without waiting for the autosave"
    );
}

#[test]
fn a_recorded_change_that_cannot_be_read_is_reported_with_its_line_and_the_rest_opens() {
    let dir = common::data_dir();
    let app = common::onboarded(dir.path(), &["recsys"], 6.0);
    let changes = app.workspace().changes_path();
    drop(app);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&changes)
        .unwrap();
    std::io::Write::write_all(&mut file, b"(t:(ms:1,n:0),op:Stat\n").unwrap();
    drop(file);
    let h = common::harness(common::open(dir.path()));
    h.get_by_label_contains("not a whole record; skipped");
    h.get_by_label_contains(&format!("{}:", changes.display()));
    assert_eq!(
        h.state().workspace().state().hours_per_week,
        6.0,
        "the rest is there"
    );
}

#[test]
fn an_unreadable_state_file_is_reported_with_where_it_went_and_the_app_starts() {
    let dir = common::data_dir();
    std::fs::write(
        dir.path().join("state.ron"),
        "State(focus: [ this is not RON",
    )
    .unwrap();
    let h = common::harness(common::open(dir.path()));
    let banner = h.state().banners().first().cloned().expect("a banner");
    assert!(banner.text.contains("could not be read"), "{}", banner.text);
    h.get_by_label_contains("could not be read");
    h.get_by_label_contains("moved to");
    // The app started fresh: the mentor greets a first run.
    assert!(h.state().is_onboarding());
    h.get_by_label("Let's talk");
    // The unreadable file was kept under the name the banner gives.
    let moved: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| banner.text.contains(&p.display().to_string()))
        .collect();
    assert_eq!(moved.len(), 1, "{}", banner.text);
    assert_eq!(
        std::fs::read_to_string(&moved[0]).unwrap(),
        "State(focus: [ this is not RON"
    );
}

#[test]
fn a_second_window_on_the_same_data_is_read_only_and_saves_nothing() {
    let dir = common::data_dir();
    let first = common::onboarded(dir.path(), &["recsys"], 6.0);
    let before = common::records(dir.path());
    let mut h = common::harness(common::open(dir.path()));
    assert!(h.state().workspace().is_read_only());
    h.get_by_label_contains("in use by another Waymark window");
    let done = h
        .get_all_by_role_and_label(Role::Button, "Done")
        .next()
        .unwrap();
    assert!(done.accesskit_node().is_disabled(), "edits are disabled");
    done.click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    common::wait_for_autosave(&mut h);
    assert_eq!(
        h.state()
            .workspace()
            .state()
            .status(&common::milestone("python")),
        Status::Todo
    );
    assert_eq!(
        common::records(dir.path()),
        before,
        "the read-only window wrote nothing"
    );
    drop(first);
}

/// Puts a folder with something in it where this machine's file of changes is, so that every
/// save's append fails; returns its path (remove it to let saves work again).
fn block_saving(h: &egui_kittest::Harness<'static, waymark::ui::App>) -> std::path::PathBuf {
    let changes = h.state().workspace().changes_path();
    let _ = std::fs::remove_file(&changes);
    std::fs::create_dir_all(changes.join("blocker")).unwrap();
    changes
}

#[test]
fn a_save_that_fails_in_the_background_is_reported_and_the_change_kept() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    let state = block_saving(&h);
    finish_python(&mut h);
    common::wait_for_autosave(&mut h);
    h.run();
    h.get_by_label_contains("Could not save your progress");
    assert_eq!(
        h.state()
            .workspace()
            .state()
            .status(&common::milestone("python")),
        Status::Done,
        "the change stays in memory"
    );
    // Once writing works again, the next change saves everything.
    std::fs::remove_dir_all(&state).unwrap();
    h.get_by_role_and_label(Role::Button, "Doing").click();
    h.run();
    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(dir.path());
    assert_eq!(saved.status(&common::milestone("python")), Status::Doing);
}

#[test]
fn a_failed_save_is_tried_again_without_another_change_and_reported_once() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    let state = block_saving(&h);
    finish_python(&mut h);
    // Two tries while the folder is in the way: both fail, one banner says so.
    for _ in 0..2 {
        common::wait_for_autosave(&mut h);
        h.run();
    }
    h.get_by_label_contains("Could not save your progress");
    let banners = h
        .state()
        .banners()
        .iter()
        .filter(|b| b.text.contains("Could not save"))
        .count();
    assert_eq!(banners, 1, "one banner, not one per try");
    assert!(
        h.state().has_unsaved_changes(),
        "the change is still to be saved"
    );
    // The disk works again: the next try saves it, with no new change asked of the learner.
    std::fs::remove_dir_all(&state).unwrap();
    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(dir.path());
    assert_eq!(saved.status(&common::milestone("python")), Status::Done);
    assert!(!h.state().has_unsaved_changes());
}

#[test]
fn the_hours_slider_is_wide_enough_to_drag() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    settings(&mut h);
    let slider = h.get_by_role_and_label(Role::Slider, "Hours a week").rect();
    assert!(slider.width() >= 160.0, "{slider:?}");
}

#[test]
fn a_second_window_says_read_only_once_and_offers_nothing_it_cannot_do() {
    let dir = common::data_dir();
    let first = common::onboarded(dir.path(), &["recsys"], 6.0);
    let mut h = common::harness(common::open(dir.path()));
    assert_eq!(h.state().banners().len(), 1, "{:?}", h.state().banners());
    assert_eq!(h.query_all_by_label_contains("Read-only").count(), 1);
    for hidden in ["Undo", "Redo", "Plan my path"] {
        assert!(
            h.query_by_label(hidden).is_none(),
            "{hidden} is not offered"
        );
    }
    h.get_by_label("Import & export").click();
    h.run();
    assert!(h.query_by_label("Choose a file…").is_none());
    h.get_by_label_contains("this one is read-only");
    drop(first);
}

#[test]
fn settings_name_this_machine_and_every_machine_whose_changes_are_merged() {
    let dir = common::data_dir();
    {
        let device = waymark::sync::device::Device::named("laptop");
        let (mut ws, _) = waymark::workspace::Workspace::open_as(dir.path(), device).unwrap();
        common::profile(&mut ws, |p| p.hours_per_week = 9.0);
        ws.save().unwrap();
    }
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    settings(&mut h);
    h.get_by_label("Machines");
    h.get_by_label("laptop");
    h.get_by_label_contains("(this machine)");
    assert!(h.query_all_by_label_contains("last change ").count() >= 2);
}
