//! The portfolio in the window: the card on "Import & export" that lists the finished projects
//! with their choices and writes the page, and Settings' name and links.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use waymark::progress::Status;
use waymark::ui::App;
use waymark::workspace::Change;

type H = Harness<'static, App>;

/// The recommender project done, with notes, and the learner's name set.
fn a_finished_project(root: &std::path::Path) {
    let (mut ws, _) = common::workspace(root);
    common::profile(&mut ws, |_| {});
    let project = common::milestone("recommender-project");
    common::make(
        &mut ws,
        Change::SetStatus {
            milestone: project.clone(),
            status: Status::Done,
        },
        common::now(),
    );
    common::make(
        &mut ws,
        Change::SetNotes {
            milestone: project,
            notes: "Matrix factorisation beat popularity by 9 points.".into(),
        },
        common::now(),
    );
    common::make(
        &mut ws,
        Change::SetLearner {
            name: "Ada Lovelace".into(),
            links: vec!["https://github.com/ada".into()],
        },
        common::now(),
    );
    ws.save().unwrap();
}

fn on_sharing(root: &std::path::Path) -> H {
    let mut h = common::harness_of_height(common::open(root).without_native_dialogs(), 1200.0);
    h.get_by_label("Import & export").click();
    h.run();
    h
}

fn progress(h: &H) -> waymark::progress::MilestoneProgress {
    h.state()
        .workspace()
        .state()
        .milestone(&common::milestone("recommender-project"))
        .cloned()
        .unwrap_or_default()
}

#[test]
fn the_portfolio_card_lists_a_finished_project_and_keeps_its_notes_private_when_asked() {
    let dir = common::data_dir();
    a_finished_project(dir.path());
    let mut h = on_sharing(dir.path());
    h.get_by_label("Build a recommender");
    h.get_by_role_and_label(Role::CheckBox, "Keep my notes private: Build a recommender")
        .click();
    h.run();
    assert!(progress(&h).notes_private);

    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("site");
    let field = h.get_by_label("Folder");
    field.focus();
    field.type_text(&folder.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Write").click();
    h.run();
    let html = std::fs::read_to_string(folder.join("index.html")).unwrap();
    assert!(html.contains("<h1>Ada Lovelace</h1>"), "{html}");
    assert!(html.contains("<h3>Build a recommender</h3>"), "{html}");
    assert!(!html.contains("Matrix factorisation"), "{html}");
    h.get_by_label_contains("Wrote your portfolio of 1 project to");

    // Hidden, it leaves the page but stays in the list, to be shown again.
    h.get_by_role_and_label(Role::CheckBox, "Hide from portfolio: Build a recommender")
        .click();
    h.run();
    assert!(progress(&h).hidden_from_portfolio);
    h.get_by_role_and_label(Role::Button, "Write").click();
    h.run();
    let html = std::fs::read_to_string(folder.join("index.html")).unwrap();
    assert!(!html.contains("Build a recommender"), "{html}");
    h.get_by_label("Build a recommender");
    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(dir.path());
    let p = saved
        .milestone(&common::milestone("recommender-project"))
        .unwrap();
    assert!(p.hidden_from_portfolio && p.notes_private, "recorded");
}

#[test]
fn without_a_finished_project_the_card_says_so() {
    let dir = common::data_dir();
    let h = on_sharing(dir.path());
    h.get_by_label_contains("No finished project yet");
    h.get_by_role_and_label(Role::Button, "Write my portfolio…");
    assert!(h.query_by_label_contains("Hide from portfolio").is_none());
}

#[test]
fn settings_set_the_name_and_links_and_refuse_a_link_that_is_not_http() {
    let dir = common::data_dir();
    let mut h = common::harness_of_height(common::onboarded(dir.path(), &[], 6.0), 1200.0);
    common::show_screen(&mut h, "Settings");
    let field = h.get_by_label("Your name");
    field.focus();
    field.type_text("Ada");
    h.run();
    assert_eq!(h.state().workspace().state().learner.name, "Ada");

    let field = h.get_by_label("Link");
    field.focus();
    field.type_text("javascript:alert(1)");
    h.run();
    h.get_by_role_and_label(Role::Button, "Add link").click();
    h.run();
    h.get_by_label_contains("is not a link");
    assert!(h.state().workspace().state().learner.links.is_empty());

    let field = h.get_by_label("Link");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field.type_text("https://github.com/ada");
    h.run();
    h.get_by_role_and_label(Role::Button, "Add link").click();
    h.run();
    assert_eq!(
        h.state().workspace().state().learner.links,
        ["https://github.com/ada"]
    );
    assert!(h.query_by_label_contains("is not a link").is_none());
    h.get_by_label("https://github.com/ada");
    h.get_by_role_and_label(Role::Button, "Remove https://github.com/ada")
        .click();
    h.run();
    assert!(h.state().workspace().state().learner.links.is_empty());
}

#[test]
fn snapshots_of_the_portfolio_card() {
    // At the large size only: at the small one the card is below the fold of its screen.
    let mut results = egui_kittest::SnapshotResults::new();
    for theme in [
        waymark::ui::ThemeChoice::Light,
        waymark::ui::ThemeChoice::Dark,
    ] {
        let dir = common::data_dir();
        a_finished_project(dir.path());
        let (_, size) = common::SNAPSHOT_SIZES[1];
        let mut h = common::harness_of_size(common::open(dir.path()).with_theme(theme), size);
        h.get_by_label("Import & export").click();
        h.run();
        common::snapshot(&mut h, "portfolio");
        results.extend_harness(&mut h);
    }
    results.unwrap();
}
