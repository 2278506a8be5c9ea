//! A checklist of the learner's own, planned like the bundled path: imported into the focus,
//! adopted in an own goal with a target, and in This week with its hours.

use crate::common;

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use waymark::progress::FocusRef;
use waymark::ui::App;

type H = Harness<'static, App>;

const CHECKLIST: &str = "# Study plan\n\n## Basics\n\n- [x] Learn Python (4h)\n- [ ] Learn statistics ~2 h\n- [ ] Build a tiny app [3h]\n- [ ] Read a paper (30 min)\n";

fn import_through_the_window(h: &mut H, files: &Path, plan_with_focus: bool) {
    let path = files.join("study-plan.md");
    std::fs::write(&path, CHECKLIST).unwrap();
    crate::sharing::open_path(h, &path);
    // The preview says how much of it the plan can date, and offers to plan it.
    h.get_by_label("4 milestones in 1 section, 0 goals, 0 focus areas");
    h.get_by_label("All 4 have estimates, 9.5 h in all.");
    h.get_by_label("Count the file's 1 checked item [x] as done by me before now")
        .click();
    let focus = h.get_by_label("Plan it with my focus");
    if !plan_with_focus {
        focus.click();
    }
    h.run();
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
}

fn whole() -> FocusRef {
    FocusRef::whole("study-plan")
}

#[test]
fn a_checklist_is_imported_into_the_focus_made_a_goal_and_planned_this_week() {
    let dir = common::data_dir();
    let files = tempfile::tempdir().unwrap();
    {
        // A learner with a goal already, whose work fills the week.
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| {
            p.hours_per_week = 6.0;
            p.focus = common::focus_on(&["recsys"]);
            p.goals.push(common::recommender_goal("", 70, 1));
        });
        ws.save().unwrap();
    }
    let mut h =
        common::harness_of_height(common::open(dir.path()).without_native_dialogs(), 1100.0);
    import_through_the_window(&mut h, files.path(), true);
    let state = |h: &H| h.state().workspace().state().clone();
    assert!(state(&h).focus.contains(&whole()), "planned with the focus");
    assert_eq!(
        state(&h).status(&waymark::progress::MilestoneRef::new(
            "study-plan",
            "basics-learn-python-4h"
        )),
        waymark::progress::Status::Done
    );

    // An own goal of the checklist's section, with a target.
    h.get_by_label("Dashboard").click();
    h.run();
    // Recent activity names it by its title, not its id.
    h.get_by_label("Imported “Study plan” (revision 1)");
    h.get_by_role_and_label(Role::Button, "Make a goal of my own…")
        .click();
    h.run();
    h.get_by_label("It needs a title and at least one milestone.");
    let title = h.get_by_label("Title");
    title.focus();
    title.type_text("Finish my study plan");
    h.run();
    h.get_by_label("Add a section").click();
    h.run();
    h.get_by_label("Study plan › Basics (4)").click();
    h.run();
    h.get_by_label("In the goal: 4 milestones");
    // One taken out again by name.
    h.get_by_role_and_label(Role::Button, "Remove “Read a paper (30 min)”")
        .click();
    h.run();
    h.get_by_label("In the goal: 3 milestones");
    h.get_by_label("Set a target date").click();
    h.run();
    // A goal made now is worked on first, unless the learner says otherwise.
    assert_eq!(
        h.get_by_role_and_label(Role::CheckBox, "Work on it before my other goals")
            .accesskit_node()
            .toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    h.get_by_role_and_label(Role::Button, "Make the goal")
        .click();
    h.run();
    let banners: Vec<String> = h.state().banners().iter().map(|b| b.text.clone()).collect();
    assert!(banners.is_empty(), "{banners:?}");
    let goals = state(&h).goals;
    assert_eq!(goals.len(), 2);
    let goal = goals[0].clone();
    assert!(
        goal.id.starts_with("own-finish-my-study-plan-"),
        "{}",
        goal.id
    );
    assert_eq!(
        (goal.title.as_str(), goal.milestones.len()),
        ("Finish my study plan", 3)
    );
    assert_eq!(
        goal.target,
        common::today() + chrono::Days::new(56),
        "eight weeks, as the form proposed"
    );
    h.get_by_label_contains(
        "Made the goal “Finish my study plan” of 3 milestones, target 29 Apr 2026, first in your goals",
    );
    // The form closed; the goal is planned like the bundled ones, and its work is this week's.
    assert_eq!(h.query_all_by_label("Make the goal").count(), 0);
    h.get_by_label("Finish my study plan");
    h.get_by_label("Made the goal “Finish my study plan”");
    h.get_by_label("Learn statistics ~2 h");
    h.get_by_label_contains("2 h this week");
    h.get_by_label("Build a tiny app [3h]");
    h.get_by_label_contains("3 h this week");
}

#[test]
fn a_checklist_left_out_of_the_focus_is_put_in_from_the_list_of_curricula() {
    let dir = common::data_dir();
    let files = tempfile::tempdir().unwrap();
    let mut h = common::harness_of_height(
        common::onboarded(dir.path(), &["recsys"], 6.0).without_native_dialogs(),
        1100.0,
    );
    import_through_the_window(&mut h, files.path(), false);
    let in_focus = |h: &H| h.state().workspace().state().focus.contains(&whole());
    assert!(!in_focus(&h));
    let checkbox = h.get_by_label("“Study plan” in my focus");
    assert_eq!(checkbox.accesskit_node().role(), Role::CheckBox);
    checkbox.click();
    h.run();
    assert!(in_focus(&h));
    h.get_by_label_contains("Added “Study plan (all of it)” to your focus");
    h.get_by_label("“Study plan” in my focus").click();
    h.run();
    assert!(!in_focus(&h));
}

#[test]
fn a_checklist_without_estimates_is_offered_hours_for_each_item_at_import() {
    let dir = common::data_dir();
    let files = tempfile::tempdir().unwrap();
    let mut h = common::harness_of_height(
        common::onboarded(dir.path(), &["recsys"], 6.0).without_native_dialogs(),
        1100.0,
    );
    let path = files.path().join("reading.md");
    std::fs::write(&path, "# Reading\n\n- [ ] One paper\n- [ ] Another paper\n").unwrap();
    crate::sharing::open_path(&mut h, &path);
    h.get_by_label_contains("None has an estimate, so the plan cannot date them");
    // Offered, ticked: the plan could not date the file otherwise.
    let offer = "Give each of the 2 items without an estimate";
    assert_eq!(
        h.get_by_role_and_label(Role::CheckBox, offer)
            .accesskit_node()
            .toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    h.get_by_role_and_label(Role::SpinButton, offer)
        .set_value_accesskit(3.0);
    h.run();
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    // The learner's own estimates, shown as theirs; the curriculum's copy says none.
    let ws = h.state().workspace();
    let c = ws.curriculum("reading").unwrap();
    assert!(c.milestones().all(|m| m.effort_hours.is_none()));
    let own: Vec<Option<f64>> = c
        .milestones()
        .map(|m| {
            let r = waymark::progress::MilestoneRef::new("reading", &m.id);
            ws.state().milestone(&r).and_then(|p| p.own_estimate_hours)
        })
        .collect();
    assert_eq!(own, [Some(3.0), Some(3.0)]);
    h.get_by_label("Curricula").click();
    h.run();
    h.get_by_label("Show everything").click();
    h.run();
    assert_eq!(h.query_all_by_label("3 h (yours)").count(), 2);
}

#[test]
fn a_milestone_is_found_by_a_word_of_its_title_and_added_to_a_new_goal() {
    let dir = common::data_dir();
    let mut h = common::harness_of_height(common::onboarded(dir.path(), &["recsys"], 6.0), 1100.0);
    h.get_by_role_and_label(Role::Button, "Make a goal of my own…")
        .click();
    h.run();
    let find = h.get_by_label("Find a milestone");
    find.focus();
    find.type_text("filter");
    h.run();
    h.get_by_role_and_label(Role::Button, "Add “Collaborative filtering”")
        .click();
    h.run();
    h.get_by_label("In the goal: 1 milestone");
    // Found once it is in the goal no more.
    assert!(h.query_by_label("Add “Collaborative filtering”").is_none());
    h.get_by_label("No milestone not yet in the goal has that in its title.");
    let title = h.get_by_label("Title");
    title.focus();
    title.type_text("Filtering");
    h.run();
    h.get_by_role_and_label(Role::Button, "Make the goal")
        .click();
    h.run();
    let goals = &h.state().workspace().state().goals;
    assert_eq!(goals.len(), 1);
    assert_eq!(
        goals[0].milestones,
        [common::milestone("collaborative-filtering")]
    );
}
