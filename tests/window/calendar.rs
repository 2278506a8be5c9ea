//! The calendar in Settings: study days and the start time through the one write path, the
//! calendar file saved, and a copy kept current after every change.

use crate::common;

use chrono::Weekday;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use waymark::ui::App;

/// Types `text` as the sessions' start, over what is there, and presses Enter.
fn set_start(h: &mut egui_kittest::Harness<'static, App>, text: &str) {
    h.get_by_label("Sessions start at").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Sessions start at").type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn study_days_and_the_start_are_chosen_in_settings_and_the_calendar_is_saved_and_kept_current() {
    let dir = common::data_dir();
    let files = tempfile::tempdir().unwrap();
    let memory = tempfile::tempdir().unwrap();
    drop(common::onboarded(dir.path(), &["recsys"], 6.0));
    // A machine that remembers its own settings, as a real one does.
    let device = common::device().remembering_in(memory.path());
    let app = App::open_as(dir.path(), Box::new(common::now), device).unwrap();
    let mut h = common::harness_of_height(app, 1600.0);
    common::show_screen(&mut h, "Settings");
    let days = |h: &egui_kittest::Harness<'static, App>| {
        h.state().workspace().state().study_times.days.clone()
    };
    assert_eq!(
        days(&h),
        [Weekday::Mon, Weekday::Wed, Weekday::Fri],
        "the default"
    );
    h.get_by_role_and_label(Role::CheckBox, "Saturday").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Monday").click();
    h.run();
    assert_eq!(days(&h), [Weekday::Wed, Weekday::Fri, Weekday::Sat]);
    // A start that is no time is refused with the rule's words, and changes nothing.
    set_start(&mut h, "7pm");
    h.get_by_label_contains("is not a start time: write it as HH:MM");
    assert_eq!(
        h.state().workspace().state().study_times.at.to_string(),
        "19:00:00"
    );
    set_start(&mut h, "19:30");
    assert_eq!(
        h.state().workspace().state().study_times.words(),
        "wed,fri,sat at 19:30"
    );

    let path = files.path().join("study.ics");
    h.get_by_label("Calendar file").focus();
    h.run();
    h.get_by_label("Calendar file")
        .type_text(path.to_str().unwrap());
    h.run();
    h.get_by_role_and_label(Role::Button, "Save to this file")
        .click();
    h.run();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("DTSTART:20260304T193000\r\n"), "{text}");

    // Kept current: a change rewrites it once saved.
    h.get_by_role_and_label(Role::CheckBox, "Keep this file current after every change")
        .click();
    h.run();
    assert_eq!(h.state().workspace().kept_calendar(), Some(path.as_path()));
    h.get_by_role_and_label(Role::CheckBox, "Thursday").click();
    h.run();
    common::wait_for_autosave(&mut h);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("DTSTART:20260305T193000\r\n"),
        "a session on the Thursday"
    );
    drop(h);

    // Another machine sees the days, and keeps no calendar of this one's.
    let other = waymark::sync::device::Device::named("other-machine");
    let (ws, _) = waymark::workspace::Workspace::open_as(dir.path(), other).unwrap();
    assert_eq!(
        ws.state().study_times.days,
        [Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat]
    );
    assert_eq!(ws.kept_calendar(), None);
}

#[test]
fn the_last_study_day_cannot_be_unticked() {
    let dir = common::data_dir();
    let mut h = common::harness_of_height(common::onboarded(dir.path(), &["recsys"], 6.0), 1600.0);
    common::show_screen(&mut h, "Settings");
    for day in ["Monday", "Wednesday"] {
        h.get_by_role_and_label(Role::CheckBox, day).click();
        h.run();
    }
    let friday = h.get_by_role_and_label(Role::CheckBox, "Friday");
    assert!(friday.accesskit_node().is_disabled());
    assert_eq!(
        h.state().workspace().state().study_times.days,
        [Weekday::Fri]
    );
}
