//! The curricula view: locked and available, status changes by mouse and keyboard, undo and
//! redo, the detail pane's notes, evidence and hours, search, and a 10,000-milestone list.

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use waymark::progress::Status;
use waymark::ui::App;
use waymark::workspace::Change;

fn curricula(h: &mut Harness<'static, App>) {
    h.get_by_label("Curricula").click();
    h.run();
}

fn select(h: &mut Harness<'static, App>, title: &str) {
    h.get_by_role_and_label(Role::Button, title).click();
    h.run();
}

fn status(h: &Harness<'static, App>, id: &str) -> Status {
    h.state().workspace().state().status(&common::milestone(id))
}

fn press(h: &mut Harness<'static, App>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

#[test]
fn a_milestone_is_locked_until_what_it_requires_is_done() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    // Statistics, collaborative filtering and the project wait on something.
    assert_eq!(h.query_all_by_label("Locked").count(), 3);
    select(&mut h, "Statistics");
    h.get_by_label("Waiting for: Python for data work");

    select(&mut h, "Python for data work");
    h.get_by_role_and_label(Role::Button, "Done").click();
    h.run();
    assert_eq!(status(&h, "python"), Status::Done);
    assert_eq!(
        h.query_all_by_label("Locked").count(),
        2,
        "statistics is now available"
    );
    select(&mut h, "Statistics");
    assert!(
        h.query_by_label("Waiting for: Python for data work")
            .is_none()
    );
}

#[test]
fn the_list_follows_the_focus_unless_everything_is_shown() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    h.get_by_role_and_label(Role::Button, "Collaborative filtering");
    assert!(
        h.query_by_role_and_label(Role::Button, "Transformers")
            .is_none()
    );
    h.get_by_label("Show everything").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Transformers");
}

#[test]
fn keys_move_the_selection_and_set_statuses_and_undo_redo_take_them_back() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(h.state().selected(), Some(&common::milestone("python")));
    press(&mut h, Modifiers::NONE, Key::Num3);
    assert_eq!(status(&h, "python"), Status::Done);
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::Space);
    assert_eq!(status(&h, "statistics"), Status::Doing);
    press(&mut h, Modifiers::NONE, Key::Num4);
    assert_eq!(status(&h, "statistics"), Status::Skipped);

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(status(&h, "statistics"), Status::Doing);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(status(&h, "statistics"), Status::Todo);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(status(&h, "statistics"), Status::Doing);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(status(&h, "python"), Status::Todo);
    let log = &h.state().workspace().state().activity;
    assert!(
        log.is_empty(),
        "undone changes leave no trace in the log: {log:?}"
    );
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(status(&h, "python"), Status::Done);

    // The buttons do the same.
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(status(&h, "python"), Status::Todo);
    h.get_by_label("Redo").click();
    h.run();
    assert_eq!(status(&h, "python"), Status::Done);
}

#[test]
fn clicking_a_rows_status_moves_it_on() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    // Each row's status button shows the status in words ("To do"), beside a painted icon,
    // and its name says which milestone it moves on.
    h.get_by_role_and_label(
        Role::Button,
        "Python for data work: To do (click to move on)",
    )
    .click();
    h.run();
    assert_eq!(status(&h, "python"), Status::Doing);
}

#[test]
fn notes_evidence_and_hours_are_kept_and_notes_undo_as_one_burst() {
    let dir = common::data_dir();
    // Tall enough that the detail pane's foot stays in view above the strip of toasts.
    let mut h = common::harness_of_height(common::onboarded(dir.path(), &["recsys"], 6.0), 1000.0);
    curricula(&mut h);
    select(&mut h, "Python for data work");
    h.get_by_label("Tip");
    h.get_by_label("Write a small script every day.");
    h.get_by_role_and_label(Role::Link, "The Python Tutorial");

    h.get_by_label("Notes").focus();
    h.run();
    h.get_by_label("Notes").type_text("pandas groupby is magic");
    h.run();
    let notes = |h: &Harness<'static, App>| {
        h.state()
            .workspace()
            .state()
            .milestone(&common::milestone("python"))
            .map(|p| p.notes.clone())
            .unwrap_or_default()
    };
    assert_eq!(notes(&h), "pandas groupby is magic");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(notes(&h), "", "the whole burst of typing undoes at once");
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(notes(&h), "pandas groupby is magic");

    h.get_by_label("Link").focus();
    h.get_by_label("Link")
        .type_text("https://github.com/me/notebooks");
    h.run();
    h.get_by_label("Add link").click();
    h.run();
    let evidence = |h: &Harness<'static, App>| {
        h.state()
            .workspace()
            .state()
            .milestone(&common::milestone("python"))
            .map(|p| p.evidence.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        evidence(&h),
        vec!["https://github.com/me/notebooks".to_owned()]
    );
    h.get_by_label("Remove https://github.com/me/notebooks")
        .click();
    h.run();
    assert!(evidence(&h).is_empty());
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(evidence(&h).len(), 1);

    h.get_by_label("Hours to log").set_value_accesskit(2.5);
    h.run();
    h.get_by_label("Log hours").click();
    h.run();
    let progress = h
        .state()
        .workspace()
        .state()
        .milestone(&common::milestone("python"))
        .cloned()
        .unwrap();
    assert_eq!(progress.hours_logged, 2.5);
    h.get_by_label("2.5 h logged");

    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(dir.path());
    let p = saved.milestone(&common::milestone("python")).unwrap();
    assert_eq!(p.notes, "pandas groupby is magic");
    assert_eq!(p.hours_logged, 2.5);
}

#[test]
fn ctrl_f_searches_by_text_from_any_screen() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    press(&mut h, Modifiers::COMMAND, Key::F);
    assert_eq!(h.state().screen(), waymark::ui::Screen::Curricula);
    assert!(h.get_by_label("Search milestones").is_focused());
    h.get_by_label("Search milestones").type_text("collab");
    h.run();
    h.get_by_role_and_label(Role::Button, "Collaborative filtering");
    assert!(
        h.query_by_role_and_label(Role::Button, "Statistics")
            .is_none()
    );
    h.get_by_label_contains("1 of ");
    h.get_by_label("Clear filters").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Statistics");
}

#[test]
fn a_search_that_matches_nothing_says_so() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Search milestones")
        .type_text("quantum basket weaving");
    h.run();
    h.get_by_label("No milestones match these filters.");
}

/// A curriculum of `sections` × `per_section` milestones, each requiring the one before.
fn big_curriculum(sections: usize, per_section: usize) -> String {
    let mut text = String::from(
        "Curriculum(format: 1, id: \"big\", revision: 1, title: \"Big\", sections: [\n",
    );
    let mut previous: Option<String> = None;
    for s in 0..sections {
        text.push_str(&format!(
            "Section(id: \"s{s}\", title: \"Section {s}\", milestones: [\n"
        ));
        for m in 0..per_section {
            let id = format!("m{s}-{m}");
            let requires = previous
                .as_ref()
                .map(|p| format!("requires: [\"{p}\"], "))
                .unwrap_or_default();
            text.push_str(&format!(
                "Milestone(id: \"{id}\", title: \"Milestone {s}.{m}\", effort_hours: 2, {requires}),\n"
            ));
            previous = Some(id);
        }
        text.push_str("]),\n");
    }
    text.push_str("])\n");
    text
}

#[test]
fn ten_thousand_milestones_lay_out_only_the_visible_rows() {
    let dir = tempfile::tempdir().unwrap();
    common::write_curriculum(dir.path(), "big.ron", &big_curriculum(100, 100));
    common::onboarded(dir.path(), &[], 6.0);
    let start = std::time::Instant::now();
    let mut h = common::harness(common::open(dir.path()));
    let startup = start.elapsed();
    println!("open and first frames with 10,000 milestones: {startup:?} (debug build)");
    assert!(startup.as_secs_f64() < 5.0, "startup took {startup:?}");
    // Only the big curriculum: the bundled ones would shift the rows.
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Search milestones").type_text("Milestone ");
    h.run();
    h.get_by_label_contains("10000 of ");
    // Enter leaves the search box (Esc would clear it) so that the arrows move the selection.
    h.key_press(Key::Enter);
    h.run();
    let rows = h.query_all_by_label_contains("Milestone ").count();
    assert!(rows > 10, "some rows are shown ({rows})");
    assert!(
        rows < 100,
        "only the visible rows are laid out, not 10,000 ({rows})"
    );

    // Frames stay fast with the whole list: move down through it by keyboard.
    let start = std::time::Instant::now();
    for _ in 0..40 {
        h.key_press(Key::ArrowDown);
        h.step();
    }
    h.run();
    let per_frame = start.elapsed() / 40;
    println!("40 keyboard moves through 10,000 rows: {per_frame:?} per frame (debug build)");
    let selected = h.state().selected().cloned().unwrap();
    assert_eq!(selected.milestone, "m0-39");
    h.get_by_role_and_label(Role::Button, "Milestone 0.39");
}

#[test]
fn the_learners_own_estimate_changes_the_plan_and_undoes() {
    let dir = common::data_dir();
    let mut h = common::harness_of_height(common::onboarded(dir.path(), &["chat"], 6.0), 1200.0);
    curricula(&mut h);
    // The chatbot project has no estimate: the plan counts it at the curriculum's median.
    select(&mut h, "Ship a chatbot");
    h.get_by_label_contains("The curriculum gives no estimate. You have not set one");
    let chatbot = common::milestone("chatbot-project");
    h.get_by_label("Hours you expect it to take")
        .set_value_accesskit(40.0);
    h.run();
    // The learner's number is shown as theirs: in the caption, the header and the list row.
    h.get_by_label_contains("You set 40 h; the plan uses it.");
    assert!(
        h.query_all_by_label("40 h (yours)").count() >= 2,
        "the detail header and the list row both say whose estimate it is"
    );
    let own = |h: &Harness<'static, App>| {
        h.state()
            .workspace()
            .state()
            .milestone(&chatbot)
            .and_then(|p| p.own_estimate_hours)
    };
    assert_eq!(own(&h), Some(40.0));
    assert_eq!(h.state().workspace().estimate_of(&chatbot), Some(40.0));
    h.get_by_label("Use the curriculum's").click();
    h.run();
    assert_eq!(own(&h), None);
    assert_eq!(h.query_all_by_label("40 h (yours)").count(), 0);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(own(&h), Some(40.0), "undo brings the estimate back");
}

/// The top of the detail pane's heading for `title`, if it is in view.
fn heading_top(h: &Harness<'static, App>, title: &str) -> Option<f32> {
    h.query_all_by_label(title)
        .filter(|n| n.accesskit_node().role() == Role::Label)
        .map(|n| n.rect().top())
        .next()
}

#[test]
fn the_detail_pane_opens_at_its_top_for_each_milestone() {
    let dir = common::data_dir();
    // Short enough that the pane scrolls.
    let mut h = common::harness_of_size(
        common::onboarded(dir.path(), &["recsys"], 6.0),
        egui::vec2(1280.0, 480.0),
    );
    curricula(&mut h);
    select(&mut h, "Python for data work");
    let top = heading_top(&h, "Python for data work").unwrap();
    h.get_by_role_and_label(Role::Button, "Log hours")
        .scroll_to_me();
    h.run();
    assert!(
        heading_top(&h, "Python for data work").is_none_or(|y| y < top - 50.0),
        "scrolled down the pane"
    );
    select(&mut h, "Version control with git");
    // Another milestone: its pane starts at its title, not half-way down.
    let y = heading_top(&h, "Version control with git").expect("its title is in view");
    assert!((y - top).abs() < 1.0, "at the top: {y} against {top}");
}

#[test]
fn a_skipped_milestone_shows_its_status_once_and_not_finished() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    select(&mut h, "Python for data work");
    press(&mut h, Modifiers::NONE, Key::Num4);
    assert_eq!(status(&h, "python"), Status::Skipped);
    assert_eq!(
        h.query_all_by_label("Skipped").count(),
        1,
        "the status is said once, in the detail pane's choice"
    );
    assert!(
        h.query_by_label("Finished").is_none(),
        "not “Skipped · Finished”"
    );
    h.get_by_role_and_label(
        Role::Button,
        "Python for data work: Skipped (click to move on)",
    );
}

#[test]
fn the_keyboard_focus_follows_the_one_selection() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    select(&mut h, "Python for data work");
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(h.state().selected(), Some(&common::milestone("git")));
    // The widget egui gives the keyboard to, found in the tree by its id.
    let focused = h.ctx.memory(|m| m.focused()).expect("a row has the focus");
    let focused: Vec<String> = h
        .get_all(
            egui_kittest::kittest::By::new().predicate(move |n| n.locate().0.0 == focused.value()),
        )
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(
        focused,
        ["Version control with git"],
        "the focus ring is on the selected row, not on the one clicked before"
    );
    let selected = h
        .query_all(egui_kittest::kittest::By::new().predicate(|n| n.is_selected() == Some(true)))
        .filter(|n| n.accesskit_node().role() == Role::Button)
        .count();
    assert_eq!(selected, 0, "rows mark the selection by their fill alone");
}

#[test]
fn the_detail_pane_names_the_curriculum_not_its_ids() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    select(&mut h, "Statistics");
    assert!(
        h.query_by_label_contains("ai-engineer/statistics")
            .is_none(),
        "no internal id where a title exists"
    );
    h.get_by_label("Test Path");
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else if e.file_name() != "waymark.lock" {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn notes_written_on_two_machines_at_once_are_both_shown_and_settled_with_undo() {
    let dir = common::data_dir();
    let root = dir.path();
    {
        let (mut ws, _) = common::workspace(root);
        common::profile(&mut ws, |p| {
            let _ = p;
        });
        common::profile(&mut ws, |p| p.focus = common::focus_on(&["recsys"]));
        ws.save().unwrap();
    }
    // The laptop, a copy of the shared folder, writes its notes before it sees this machine's.
    let laptop = tempfile::tempdir().unwrap();
    copy_tree(root, laptop.path());
    let python = common::milestone("python");
    let laptop_device = waymark::sync::device::Device::named("laptop");
    {
        let (mut ws, _) =
            waymark::workspace::Workspace::open_as(laptop.path(), laptop_device).unwrap();
        ws.set_clock(std::rc::Rc::new(common::now));
        common::make(
            &mut ws,
            Change::SetNotes {
                milestone: python.clone(),
                notes: "Written on the laptop".into(),
            },
            common::now(),
        );
        ws.save().unwrap();
    }
    {
        // A minute later, on this machine.
        let (mut ws, _) = common::workspace(root);
        ws.set_clock(std::rc::Rc::new(|| {
            common::now() + chrono::Duration::minutes(1)
        }));
        common::make(
            &mut ws,
            Change::SetNotes {
                milestone: python.clone(),
                notes: "Written here".into(),
            },
            common::now(),
        );
        ws.save().unwrap();
    }
    copy_tree(
        &laptop.path().join("machines/laptop"),
        &root.join("machines/laptop"),
    );

    let mut h = common::harness(common::open(root));
    curricula(&mut h);
    select(&mut h, "Python for data work");
    h.get_by_label("Another version of these notes");
    h.get_by_label("Written on the laptop");
    let notes = |h: &Harness<'static, App>| {
        let p = h.state().workspace().state().milestone(&python).cloned();
        p.map(|p| (p.notes, p.other_notes)).unwrap_or_default()
    };
    assert_eq!(
        notes(&h),
        (
            "Written here".into(),
            vec!["Written on the laptop".to_owned()]
        )
    );

    h.get_by_role_and_label(Role::Button, "Add it to the notes")
        .click();
    h.run();
    assert_eq!(
        notes(&h),
        ("Written here\n\nWritten on the laptop".into(), Vec::new())
    );
    assert!(
        h.query_by_label("Another version of these notes").is_none(),
        "settled, the banner goes"
    );
    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(root);
    let p = saved.milestone(&python).unwrap();
    assert_eq!(p.notes, "Written here\n\nWritten on the laptop");
    assert!(p.other_notes.is_empty(), "settled on disk");

    // Undo brings the other machine's text back, on disk too.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        notes(&h),
        (
            "Written here".into(),
            vec!["Written on the laptop".to_owned()]
        )
    );
    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(root);
    assert_eq!(
        saved.milestone(&python).unwrap().other_notes,
        ["Written on the laptop"]
    );

    h.get_by_role_and_label(Role::Button, "Drop it").click();
    h.run();
    assert_eq!(notes(&h), ("Written here".into(), Vec::new()));
    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(root);
    let p = saved.milestone(&python).unwrap();
    assert_eq!(p.notes, "Written here");
    assert!(p.other_notes.is_empty(), "settled for every machine");
}

#[test]
fn status_keys_act_only_on_the_row_that_has_the_keyboard() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    select(&mut h, "Python for data work");
    let before = h.state().workspace().state().progress.clone();
    // A click on the Notes heading instead of its box, then a sentence typed: nothing moves.
    h.get_by_role_and_label(Role::Label, "Notes").click();
    h.run();
    for key in [Key::Space, Key::Num3, Key::Num2, Key::Num4, Key::Space] {
        press(&mut h, Modifiers::NONE, key);
    }
    assert_eq!(status(&h, "python"), Status::Todo, "no key acted");
    assert_eq!(h.state().workspace().state().progress, before);
    // Back on the row: its keys act on it.
    select(&mut h, "Python for data work");
    press(&mut h, Modifiers::NONE, Key::Num2);
    assert_eq!(status(&h, "python"), Status::Doing);
}

#[test]
fn a_key_does_not_start_a_locked_milestone_and_says_what_it_still_needs() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    select(&mut h, "Collaborative filtering");
    press(&mut h, Modifiers::NONE, Key::Space);
    assert_eq!(status(&h, "collaborative-filtering"), Status::Todo);
    h.get_by_label_contains("“Collaborative filtering” is locked: it still needs “");
    press(&mut h, Modifiers::NONE, Key::Num3);
    assert_eq!(status(&h, "collaborative-filtering"), Status::Todo);
    // Skipping it is no start: that key acts.
    press(&mut h, Modifiers::NONE, Key::Num4);
    assert_eq!(status(&h, "collaborative-filtering"), Status::Skipped);
}

#[test]
fn a_done_row_keeps_its_kind_and_hours_in_the_same_columns_as_the_others() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    // Python is available; finishing it empties its Available/Locked cell.
    h.get_by_label("Python for data work: To do (click to move on)")
        .click();
    h.run();
    h.get_by_label("Python for data work: Doing (click to move on)")
        .click();
    h.run();
    assert_eq!(status(&h, "python"), Status::Done);
    let centre_of = |h: &Harness<'static, App>, label: &str| -> Vec<f32> {
        h.query_all_by_label(label)
            .map(|n| n.rect().center().x)
            .collect()
    };
    // The kind column: Python's "Skill" (done) and Statistics' "Skill" (locked) line up.
    let skills = centre_of(&h, "Skill");
    assert!(skills.len() >= 2, "{skills:?}");
    let frameworks = centre_of(&h, "Framework");
    assert!(!frameworks.is_empty());
    for x in skills.iter().chain(&frameworks) {
        assert!(
            (x - skills[0]).abs() < 1.0,
            "every kind is centred in one column: {skills:?} {frameworks:?}"
        );
    }
    // And the hours column.
    let python = centre_of(&h, "20 h");
    let statistics = centre_of(&h, "15 h");
    assert!(
        (python[0] - statistics[0]).abs() < 1.0,
        "{python:?} {statistics:?}"
    );
}

#[test]
fn at_1000_px_the_list_keeps_its_hours_and_drops_the_kind_first() {
    let dir = common::data_dir();
    let app = common::onboarded(dir.path(), &["recsys"], 6.0);
    let mut h = common::harness_of_size(app, egui::vec2(1000.0, 700.0));
    curricula(&mut h);
    select(&mut h, "Statistics");
    // The hours of each row are there; the kind is left to the detail pane's header.
    h.get_by_label("20 h");
    h.get_by_label("5 h");
    assert_eq!(
        h.query_all_by_label("Framework").count(),
        0,
        "git's kind is not a column at this width"
    );
    // A title keeps more than half the list: Locked is a lock, said and shown on hover.
    let title = h
        .get_by_role_and_label(Role::Button, "Python for data work")
        .rect();
    assert!(title.width() > 280.0, "{title:?}");
    assert_eq!(
        h.get_all_by_role_and_label(Role::Image, "Locked").count(),
        3,
        "statistics, collaborative filtering and the project wait on something"
    );
}

#[test]
fn a_search_that_hides_the_open_milestone_closes_it_and_esc_clears_the_search() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    curricula(&mut h);
    select(&mut h, "Statistics");
    assert!(heading_top(&h, "Statistics").is_some(), "the pane shows it");
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Search milestones").type_text("git");
    h.run();
    h.get_by_label_contains("1 of ");
    // Statistics is not in the list any more, so the pane does not show it either.
    assert_eq!(h.state().selected(), None);
    assert!(heading_top(&h, "Statistics").is_none());
    // Esc clears the search and leaves the keyboard in the box; a second Esc leaves it.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        h.get_by_label("Search milestones")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("")
    );
    h.get_by_label_contains("5 of ");
    h.get_by_label("Search milestones").type_text("py");
    h.run();
    h.get_by_label_contains("1 of ");
}
