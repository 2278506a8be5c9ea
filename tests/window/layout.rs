//! The window at every size: the top bar folds into a menu rather than drawing its buttons over
//! each other, cards stack, the curricula's detail pane goes under the list, nothing runs off the
//! right edge; the window's size is kept; a screen reader hears a named window and reads in
//! order.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use egui_kittest::{Harness, Node};
use waymark::ui::App;

type H = Harness<'static, App>;

const SMALL: egui::Vec2 = egui::vec2(640.0, 480.0);

fn small_window() -> (tempfile::TempDir, H) {
    let dir = common::data_dir();
    let h = common::harness_of_size(common::onboarded(dir.path(), &["recsys"], 6.0), SMALL);
    (dir, h)
}

/// The buttons of the top bar: those within its height.
fn top_bar_buttons(h: &H) -> Vec<(String, egui::Rect)> {
    h.get_all_by_role(Role::Button)
        .map(|b| (b.accesskit_node().label().unwrap_or_default(), b.rect()))
        .filter(|(_, rect)| rect.bottom() < 44.0)
        .collect()
}

#[test]
fn at_640_px_the_top_bar_folds_into_a_menu_and_nothing_in_it_overlaps() {
    let (_dir, mut h) = small_window();
    let buttons = top_bar_buttons(&h);
    let labels: Vec<&str> = buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert!(labels.contains(&"Menu"), "{labels:?}");
    assert!(
        !labels.contains(&"Import & export"),
        "the screens are in the menu: {labels:?}"
    );
    for (i, (a, ra)) in buttons.iter().enumerate() {
        for (b, rb) in &buttons[i + 1..] {
            assert!(!ra.intersects(*rb), "{a} {ra:?} is drawn over {b} {rb:?}");
        }
        assert!(ra.right() <= SMALL.x, "{a} runs off the window: {ra:?}");
    }
    // The menu holds every screen.
    h.get_by_role_and_label(Role::Button, "Menu").click();
    h.run();
    h.get_by_label("Import & export").click();
    h.run();
    assert_eq!(h.state().screen(), waymark::ui::Screen::Sharing);
}

#[test]
fn at_900_px_settings_does_not_run_under_search() {
    let dir = common::data_dir();
    let h = common::harness_of_size(
        common::onboarded(dir.path(), &["recsys"], 6.0),
        egui::vec2(900.0, 600.0),
    );
    let buttons = top_bar_buttons(&h);
    for (i, (a, ra)) in buttons.iter().enumerate() {
        for (b, rb) in &buttons[i + 1..] {
            assert!(!ra.intersects(*rb), "{a} {ra:?} is drawn over {b} {rb:?}");
        }
    }
}

/// The labels, links and buttons of the screen, with their rectangles.
fn widgets(h: &H) -> Vec<(String, egui::Rect)> {
    h.get_all(By::new().predicate(|n| {
        matches!(
            n.role(),
            Role::Label | Role::Button | Role::Link | Role::CheckBox
        )
    }))
    .map(|n| {
        let node = n.accesskit_node();
        (
            node.label().or_else(|| node.value()).unwrap_or_default(),
            n.rect(),
        )
    })
    .collect()
}

#[test]
fn at_640_and_900_px_nothing_on_any_screen_runs_off_the_right_edge() {
    for size in [SMALL, egui::vec2(900.0, 600.0)] {
        let dir = common::data_dir();
        let mut h = common::harness_of_size(common::onboarded(dir.path(), &["recsys"], 6.0), size);
        for screen in [
            "Dashboard",
            "Curricula",
            "Mentor",
            "Import & export",
            "Settings",
        ] {
            common::show_screen(&mut h, screen);
            h.key_press(egui::Key::Escape);
            h.run();
            for (label, rect) in widgets(&h) {
                assert!(
                    rect.right() <= size.x + 0.5,
                    "{screen} at {size:?}: “{label}” runs off the right edge: {rect:?}"
                );
            }
        }
    }
}

#[test]
fn a_long_goal_title_wraps_inside_its_column_and_does_not_run_under_the_other() {
    let dir = common::data_dir();
    {
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| {
            p.hours_per_week = 6.0;
            p.focus = common::focus_on(&["recsys"]);
            let mut goal = common::recommender_goal("", 400, 0);
            // The bundled path's longest goal title.
            goal.title =
                "Get through the interview loop: algorithms, product sense, papers and your story"
                    .into();
            p.goals.push(goal);
        });
        ws.save().unwrap();
    }
    let h = common::harness_of_size(common::open(dir.path()), egui::vec2(1180.0, 760.0));
    let other_column = h.get_by_label("Overall progress").rect().left();
    let week = h.get_by_label("This week").rect();
    assert!(week.right() < other_column, "two columns: {week:?}");
    let widgets = widgets(&h);
    assert!(
        widgets.iter().any(|(l, _)| l.starts_with("Get through")),
        "the goal is shown"
    );
    for (label, rect) in widgets {
        if rect.left() < other_column {
            assert!(
                rect.right() < other_column,
                "“{label}” {rect:?} runs under the other column at {other_column}"
            );
        }
    }
}

#[test]
fn the_dashboards_cards_stack_in_one_column_in_a_small_window() {
    let (_dir, h) = small_window();
    let week = h.get_by_label("This week").rect();
    let overall = h.get_by_label("Overall progress").rect();
    assert!(
        overall.top() > week.bottom(),
        "stacked: {week:?} then {overall:?}"
    );
    assert!((overall.left() - week.left()).abs() < 1.0);
}

#[test]
fn in_a_narrow_window_the_detail_pane_is_under_the_list_not_a_strip_beside_it() {
    let (_dir, mut h) = small_window();
    common::show_screen(&mut h, "Curricula");
    h.get_by_role_and_label(Role::Button, "Statistics").click();
    h.run();
    let row = h.get_by_role_and_label(Role::Button, "Statistics").rect();
    let detail = h.get_by_label("Distributions and tests.").rect();
    assert!(detail.top() > row.bottom(), "{row:?} then {detail:?}");
    assert!(
        row.width() > 200.0,
        "the list keeps room for titles: {row:?}"
    );
}

#[test]
fn the_window_reopens_at_the_size_and_place_it_had() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    let info = egui::ViewportInfo {
        inner_rect: Some(egui::Rect::from_min_size(
            egui::pos2(40.0, 70.0),
            egui::vec2(1024.0, 700.0),
        )),
        outer_rect: Some(egui::Rect::from_min_size(
            egui::pos2(40.0, 40.0),
            egui::vec2(1024.0, 730.0),
        )),
        ..Default::default()
    };
    h.input_mut()
        .viewports
        .insert(egui::ViewportId::ROOT, info.clone());
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    h.run();
    drop(h);
    let prefs = waymark::ui::UiPrefs::load(dir.path(), &common::device().id);
    let viewport = prefs.viewport();
    assert_eq!(viewport.inner_size, Some(egui::vec2(1024.0, 700.0)));
    assert_eq!(viewport.position, Some(egui::pos2(40.0, 40.0)));
    assert_eq!(
        viewport.min_inner_size,
        Some(egui::Vec2::from(waymark::ui::MIN_WINDOW))
    );
}

#[test]
fn a_screen_reader_hears_a_window_named_waymark() {
    let (_dir, h) = small_window();
    let root = h.root();
    assert_eq!(root.accesskit_node().role(), Role::Window);
    assert_eq!(root.accesskit_node().label().as_deref(), Some("Waymark"));
}

/// Where `label`'s node comes in the tree's reading order.
fn position(nodes: &[Node<'_>], label: &str) -> usize {
    nodes
        .iter()
        .position(|n| n.accesskit_node().label().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no “{label}”"))
}

#[test]
fn the_top_bar_reads_undo_before_redo() {
    let dir = common::data_dir();
    let h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    let buttons: Vec<Node<'_>> = h.get_all_by_role(Role::Button).collect();
    assert!(position(&buttons, "Search") < position(&buttons, "Undo"));
    assert!(position(&buttons, "Undo") < position(&buttons, "Redo"));
    assert!(position(&buttons, "Redo") < position(&buttons, "Plan my path"));
}

#[test]
fn every_curricula_row_reads_its_title_before_its_status_button() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    common::show_screen(&mut h, "Curricula");
    let buttons: Vec<Node<'_>> = h.get_all_by_role(Role::Button).collect();
    for title in [
        "Python for data work",
        "Statistics",
        "Collaborative filtering",
    ] {
        let status = format!("{title}: To do (click to move on)");
        assert!(
            position(&buttons, title) + 1 == position(&buttons, &status),
            "{title} is read just before its status button"
        );
    }
}

#[test]
fn emoji_in_imported_titles_have_glyphs() {
    let (_dir, h) = small_window();
    let font = egui::FontId::proportional(14.0);
    for emoji in ["📘", "📜", "✅", "🚀", "📚"] {
        assert!(
            h.ctx.fonts_mut(|f| f.has_glyphs(&font, emoji)),
            "{emoji} would be drawn as an empty box"
        );
    }
}

#[test]
fn this_weeks_rows_read_title_then_start_then_done() {
    let dir = common::data_dir();
    let h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    let nodes: Vec<Node<'_>> = h
        .get_all(By::new().predicate(|n| matches!(n.role(), Role::Link | Role::Button)))
        .collect();
    let title = nodes
        .iter()
        .position(|n| n.accesskit_node().role() == Role::Link)
        .unwrap();
    let (start, done) = (title + 1, title + 2);
    let label = |i: usize| nodes[i].accesskit_node().label().unwrap_or_default();
    assert_eq!(
        [label(start), label(done)],
        ["Start", "Done"],
        "after {}",
        label(title)
    );
    let (start, done) = (nodes[start].rect(), nodes[done].rect());
    assert!(start.right() <= done.left(), "seen in the order read");
}
