//! The dashboard: this week's plan first, with one-click Start and Done; goals against their
//! targets (on track, at risk) in words, with what it takes when one is late; the streak and
//! recent activity.

use crate::common;
use crate::date_picker;

use std::path::Path;

use chrono::{Datelike as _, Days};
use egui::accesskit::Role;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use waymark::progress::Status;
use waymark::workspace::Change;
use waymark::workspace::Workspace;

/// Adopts the recommender goal with `target` and the given weekly hours.
fn with_goal(root: &Path, hours_per_week: f64, target_in_days: u64) {
    let (mut ws, _) = common::workspace(root);
    common::profile(&mut ws, |p| {
        let _ = p;
    });
    common::profile(&mut ws, |p| p.hours_per_week = hours_per_week);
    common::profile(&mut ws, |p| p.focus = common::focus_on(&["recsys"]));
    common::profile(&mut ws, |p| {
        p.goals.push(common::recommender_goal(
            "Pick a catalogue you know well.",
            target_in_days,
            0,
        ))
    });
    ws.save().unwrap();
}

#[test]
fn a_goal_that_will_finish_late_is_shown_at_risk_in_words() {
    let dir = common::data_dir();
    // 77 hours of work at 2 hours a week cannot be done in two weeks.
    with_goal(dir.path(), 2.0, 14);
    let h = common::harness(common::open(dir.path()));
    h.get_by_label("Ship your first recommender");
    h.get_by_label("At risk");
    assert!(h.query_by_label("On track").is_none());
    h.get_by_label_contains("h a week to make");
    h.get_by_label_contains(", or move the target to ");
}

#[test]
fn a_goal_with_enough_time_is_on_track() {
    let dir = common::data_dir();
    with_goal(dir.path(), 40.0, 120);
    let h = common::harness(common::open(dir.path()));
    h.get_by_label("On track");
    assert!(h.query_by_label("At risk").is_none());
    h.get_by_label_contains("Likely done ");
}

#[test]
fn each_remedy_for_a_late_goal_applies_with_one_click_and_undoes() {
    let dir = common::data_dir();
    with_goal(dir.path(), 10.0, 28);
    // Tall enough for the advice to stay in view above the toasts' strip.
    let mut h = common::harness_of_height(common::open(dir.path()), 1100.0);
    h.get_by_label("At risk");
    let advice = h.state().plan().goals[0]
        .advice
        .clone()
        .expect("a late goal has advice");
    let before = h.state().workspace().state().clone();

    // More hours a week: more than half as much again, so it asks first.
    let hours = advice.hours_per_week.expect("some hours a week make it");
    assert!(hours >= 15.0, "{hours}");
    let plan = format!("Plan {} h a week", waymark::plan::hours_words(hours));
    h.get_by_label(&plan).click();
    h.run();
    h.get_by_label_contains("times the 10 h a week you have now");
    assert_eq!(h.state().workspace().state().hours_per_week, 10.0);
    h.get_by_label("Keep 10 h a week").click();
    h.run();
    assert!(h.query_by_label_contains("times the 10 h").is_none());
    assert_eq!(h.state().workspace().state().hours_per_week, 10.0);
    h.get_by_label(&plan).click();
    h.run();
    h.get_by_label(&plan).click();
    h.run();
    assert_eq!(h.state().workspace().state().hours_per_week, hours);
    h.get_by_label("On track");
    let said = format!("from 10 to {}.", waymark::plan::hours_words(hours));
    h.get_by_label(&format!("Hours a week {said}"));
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().workspace().state().hours_per_week, 10.0);
    h.get_by_label(&format!("Undid: hours a week {said}"));
    h.get_by_label("At risk");

    // A later target.
    let from = waymark::plan::day_words(h.state().workspace().state().goals[0].target);
    let to = waymark::plan::day_words(advice.move_target_to);
    h.get_by_label(&format!("Move the target to {to}")).click();
    h.run();
    assert_eq!(
        h.state().workspace().state().goals[0].target,
        advice.move_target_to
    );
    h.get_by_label("On track");
    h.get_by_label(&format!(
        "Target of “Ship your first recommender” from {from} to {to}."
    ));
    h.get_by_label("Undo").click();
    h.run();
    h.get_by_label("At risk");

    // Skipping what the learner already knows.
    h.get_by_label("Choose what you already know…").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Python for data work")
        .click();
    h.get_by_role_and_label(Role::CheckBox, "Statistics")
        .click();
    h.run();
    h.get_by_label("Skip the 2 ticked").click();
    h.run();
    let state = &h.state().workspace().state();
    assert_eq!(state.status(&common::milestone("python")), Status::Skipped);
    assert_eq!(
        state.status(&common::milestone("statistics")),
        Status::Skipped
    );
    h.get_by_label("Undo").click();
    h.run();
    let state = &h.state().workspace().state();
    assert_eq!(state.status(&common::milestone("python")), Status::Todo);
    assert_eq!(state.status(&common::milestone("statistics")), Status::Todo);
    assert_eq!(
        state.activity.len(),
        before.activity.len(),
        "undo takes the log back too"
    );
}

#[test]
fn the_date_picker_sets_a_target_and_undo_puts_it_back() {
    let dir = common::data_dir();
    with_goal(dir.path(), 10.0, 49);
    let mut h = common::harness(common::open(dir.path()));
    let before = h.state().workspace().state().goals[0].target;
    let name = "Target of “Ship your first recommender”";
    date_picker::open(&mut h, name);
    h.get_by_role_and_label(Role::Button, "Next year").click();
    h.run();
    let year_later = before.with_year(before.year() + 1).unwrap();
    date_picker::pick(&mut h, year_later);
    let target = h.state().workspace().state().goals[0].target;
    assert_eq!(target, year_later);
    h.get_by_label("On track");
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().workspace().state().goals[0].target, before);
}

#[test]
fn this_week_starts_and_finishes_with_one_click() {
    let dir = common::data_dir();
    with_goal(dir.path(), 6.0, 120);
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label("This week");
    h.get_all_by_role_and_label(Role::Button, "Start")
        .next()
        .unwrap()
        .click();
    h.run();
    let python = common::milestone("python");
    assert_eq!(h.state().workspace().state().status(&python), Status::Doing);
    h.get_all_by_role_and_label(Role::Button, "Done")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().workspace().state().status(&python), Status::Done);
    // Python done unlocks statistics, which is now next up; the plot has a first point.
    assert!(
        h.state()
            .plan()
            .next_up
            .contains(&common::milestone("statistics"))
    );
    assert!(
        h.query_by_label_contains("Your progress curve starts")
            .is_none()
    );
    h.get_by_label("Python for data work: done");
}

#[test]
fn this_weeks_hours_the_weeks_on_plan_and_the_days_studied_come_from_the_log() {
    let dir = common::data_dir();
    {
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| p.hours_per_week = 6.0);
        let python = common::milestone("python");
        // Two weeks before this one: 3 h (on plan, half of 6 h) and 1 h (not).
        for (days_ago, hours) in [(16, 3.0), (9, 1.0)] {
            common::make(
                &mut ws,
                Change::LogHours {
                    milestone: python.clone(),
                    hours,
                },
                common::now() - Days::new(days_ago),
            );
        }
        for days_ago in [2, 1, 0] {
            ws.apply(
                Change::LogHours {
                    milestone: python.clone(),
                    hours: 1.5,
                },
                common::now() - Days::new(days_ago),
            )
            .unwrap();
        }
        ws.save().unwrap();
    }
    let h = common::harness(common::open(dir.path()));
    h.get_by_label(
        "1 of the last 2 weeks on plan (at least 3 h logged, half of your hours a week).",
    );
    // The heatmap of days: one image, said in a sentence.
    h.get_by_role_and_label(
        Role::Image,
        "Hours a day since 8 Sep 2025: 5 days with study, 8.5 h in all",
    );
    // Monday 2 March to Wednesday 4 March: the last three entries are this week.
    h.get_by_label_contains("4.5 h logged since Monday 2 Mar");
    assert_eq!(
        h.query_all_by_label("Logged 1.5 h on Python for data work")
            .count(),
        3,
        "recent activity lists each entry"
    );
}

#[test]
fn an_idle_window_does_not_repaint() {
    let dir = common::data_dir();
    with_goal(dir.path(), 6.0, 120);
    let mut h = common::harness(common::open(dir.path()));
    // `run` settles only when no repaint is pending; a window repainting every frame never would.
    let steps = h.run();
    assert!(steps <= 2, "settled in {steps} steps");
}

#[test]
fn overall_progress_counts_only_the_milestones_in_the_focus() {
    let dir = common::data_dir();
    let total = {
        let (mut ws, _) = common::workspace(dir.path());
        let c = ws.curriculum(common::CURRICULUM_ID).unwrap();
        let in_recsys = |m: &&waymark::curriculum::Milestone| {
            m.focus.is_empty() || m.focus.iter().any(|f| f == "recsys")
        };
        let total = c.milestones().filter(in_recsys).count();
        let outside = c.milestones().find(|m| !in_recsys(m)).unwrap().id.clone();
        assert!(total < c.milestone_count());
        common::profile(&mut ws, |p| {
            let _ = p;
        });
        common::profile(&mut ws, |p| p.focus = common::focus_on(&["recsys"]));
        for id in ["python", outside.as_str()] {
            ws.apply(
                Change::SetStatus {
                    milestone: (common::milestone(id)).clone(),
                    status: Status::Done,
                },
                common::now(),
            )
            .unwrap();
        }
        ws.save().unwrap();
        total
    };
    let mut h = common::harness(common::open(dir.path()));
    // The milestone outside the focus is done but not counted.
    h.get_by_label(&format!("1 of {total} milestones in your focus finished"));
    h.get_all_by_role_and_label(Role::Button, "Done")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label(&format!("2 of {total} milestones in your focus finished"));
}

/// Imports a curriculum of one milestone whose title is far longer than a next-up row; it has
/// no estimate, so it counts for no hours, and it is its curriculum's first, so it comes second
/// in next up (the curricula take turns).
fn import_long_title(root: &Path) {
    let text = "# Long titles\n\n## All\n\n\
                - [ ] A milestone whose title needs far more room than a row of next up has\n";
    let (mut ws, _) = common::workspace(root);
    let mut pending = ws
        .preview_import("long-titles.md", text.as_bytes())
        .unwrap();
    // Planned with the focus the test chooses (it has no focus areas of its own).
    pending.into_focus = true;
    ws.apply(
        Change::Import {
            pending: Box::new(pending),
            keep_checked: false,
            allow_older: false,
        },
        common::now(),
    )
    .unwrap();
}

#[test]
fn a_long_title_in_next_up_is_cut_short_before_its_buttons() {
    let dir = common::data_dir();
    // Hours enough for the week to reach it after the first milestone of the test path; the
    // checklist is imported into that focus.
    drop(common::onboarded(dir.path(), &["recsys"], 30.0));
    import_long_title(dir.path());
    let h = common::harness(common::open(dir.path()));
    let buttons: Vec<egui::Rect> = h
        .get_all_by_role(Role::Button)
        .filter(|b| {
            matches!(
                b.accesskit_node().label().as_deref(),
                Some("Start" | "Done")
            )
        })
        .map(|b| b.rect())
        .collect();
    // Cut short on screen, but a screen reader still reads the whole title.
    let long = h
        .get_by_label("A milestone whose title needs far more room than a row of next up has")
        .rect();
    let beside: Vec<_> = buttons
        .iter()
        .filter(|b| (b.center().y - long.center().y).abs() < 4.0)
        .collect();
    assert_eq!(beside.len(), 2, "the row has Start and Done");
    // A screen reader and the Tab key meet the title before the buttons that act on it.
    let order: Vec<egui::Rect> = h
        .get_all(By::new().predicate(|n| matches!(n.role(), Role::Link | Role::Button)))
        .map(|n| n.rect())
        .collect();
    let at = |rect: &egui::Rect| order.iter().position(|r| r == rect).unwrap();
    assert!(beside.iter().all(|button| at(&long) < at(button)));
    for button in beside {
        assert!(
            long.right() <= button.left(),
            "the title runs under a button: {long:?} against {button:?}"
        );
    }
}

#[test]
fn done_with_no_hours_logged_offers_to_log_the_estimate() {
    let dir = common::data_dir();
    with_goal(dir.path(), 6.0, 120);
    let mut h = common::harness(common::open(dir.path()));
    h.get_all_by_role_and_label(Role::Button, "Done")
        .next()
        .unwrap()
        .click();
    h.run();
    let python = common::milestone("python");
    h.get_by_label_contains("“Python for data work” is done, with no hours logged");
    h.get_by_label("Log 20 h").click();
    h.run();
    let p = h
        .state()
        .workspace()
        .state()
        .milestone(&python)
        .unwrap()
        .hours_logged;
    assert_eq!(p, 20.0);
    assert!(
        h.query_by_label("Log 20 h").is_none(),
        "the offer goes once answered"
    );
    h.get_by_label_contains("20 h logged since Monday");
    // Not now: nothing is logged.
    h.get_all_by_role_and_label(Role::Button, "Done")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Not now").click();
    h.run();
    let stats = common::milestone("statistics");
    assert_eq!(h.state().workspace().state().status(&stats), Status::Done);
    assert_eq!(
        h.state()
            .workspace()
            .state()
            .milestone(&stats)
            .unwrap()
            .hours_logged,
        0.0
    );
    assert!(h.query_by_label("Not now").is_none());
}

#[test]
fn the_dashboards_focus_count_is_the_plans() {
    let dir = common::data_dir();
    with_goal(dir.path(), 6.0, 120);
    {
        let (mut ws, _) = common::workspace(dir.path());
        for id in ["python", "git", "transformers"] {
            ws.apply(
                Change::SetStatus {
                    milestone: (common::milestone(id)).clone(),
                    status: Status::Done,
                },
                common::now(),
            )
            .unwrap();
        }
        ws.save().unwrap();
    }
    let h = common::harness(common::open(dir.path()));
    let (ws, _) = Workspace::open_read_only_as(dir.path(), common::device()).unwrap();
    let focus = ws.plan(common::today()).focus;
    assert_eq!(
        (focus.finished, focus.total),
        (2, 5),
        "transformers is outside recsys"
    );
    h.get_by_label(&format!(
        "{} of {} milestones in your focus finished",
        focus.finished, focus.total
    ));
}

#[test]
fn this_week_is_on_the_first_screen_of_a_small_window() {
    let dir = common::data_dir();
    with_goal(dir.path(), 6.0, 120);
    let h = common::harness_of_size(common::open(dir.path()), egui::vec2(800.0, 600.0));
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    let week = h.get_by_label("This week").rect();
    let first = h.get_by_label("Python for data work").rect();
    let done = h
        .get_all_by_role_and_label(Role::Button, "Done")
        .next()
        .unwrap()
        .rect();
    for rect in [week, first, done] {
        assert!(
            screen.contains_rect(rect),
            "{rect:?} is off the first screen"
        );
    }
    assert!(
        week.top()
            < h.get_by_label("Goals, in the order you work on them")
                .rect()
                .top()
    );
}

#[test]
fn a_goal_moves_earlier_in_the_learners_order_and_the_plan_follows() {
    let dir = common::data_dir();
    {
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| {
            let _ = p;
        });
        common::profile(&mut ws, |p| p.hours_per_week = 6.0);
        common::profile(&mut ws, |p| p.focus = common::focus_on(&["recsys", "chat"]));
        ws.save().unwrap();
        for goal in ["first-recommender", "first-chatbot"] {
            ws.apply(
                Change::AdoptGoal {
                    curriculum: (common::CURRICULUM_ID).to_owned(),
                    goal: (goal).to_owned(),
                    target: None,
                },
                common::now(),
            )
            .unwrap();
        }
        ws.save().unwrap();
    }
    let mut h = common::harness_of_height(common::open(dir.path()), 1400.0);
    let first = |h: &egui_kittest::Harness<'static, waymark::ui::App>| {
        h.state().plan().goals[0].goal.clone()
    };
    assert_eq!(first(&h), "first-recommender");
    h.get_by_label("Work on “Ship a chatbot” earlier").click();
    h.run();
    assert_eq!(first(&h), "first-chatbot");
    assert_eq!(h.state().workspace().state().goals[0].id, "first-chatbot");
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(first(&h), "first-recommender");
}

/// The scale the progress chart shows, from its accessible name.
fn chart_top(h: &egui_kittest::Harness<'static, waymark::ui::App>) -> f64 {
    let name = h
        .get_by_label_contains("Chart of milestones done")
        .accesskit_node()
        .label()
        .unwrap();
    name.rsplit(" to ").next().unwrap().parse().unwrap()
}

#[test]
fn the_progress_chart_rescales_when_more_milestones_are_done() {
    let dir = common::data_dir();
    with_goal(dir.path(), 6.0, 200);
    {
        let (mut ws, _) = common::workspace(dir.path());
        ws.apply(
            Change::SetStatus {
                milestone: (common::milestone("python")).clone(),
                status: Status::Done,
            },
            common::now() - Days::new(3),
        )
        .unwrap();
        ws.save().unwrap();
    }
    let mut h = common::harness_of_height(common::open(dir.path()), 1000.0);
    let before = chart_top(&h);
    assert!(before < 2.5, "one done: a scale of about 1 ({before})");
    for id in [
        "git",
        "statistics",
        "collaborative-filtering",
        "recommender-project",
    ] {
        let milestone = common::milestone(id);
        common::show_screen(&mut h, "Curricula");
        let title = h
            .state()
            .workspace()
            .place(&milestone)
            .and_then(|p| h.state().workspace().milestone_at(p))
            .map(|m| m.title.clone())
            .unwrap();
        h.get_by_role_and_label(Role::Button, &title).click();
        h.run();
        h.key_press(egui::Key::Num3);
        h.run();
    }
    common::show_screen(&mut h, "Dashboard");
    let after = chart_top(&h);
    assert!(
        after >= 5.0,
        "five done: the chart's scale reaches 5 without a restart ({after})"
    );
}

#[test]
fn dropping_a_goal_says_so_with_an_undo_at_the_foot_of_the_window() {
    let dir = common::data_dir();
    with_goal(dir.path(), 6.0, 200);
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label_contains("Drop “Ship your first recommender”")
        .click();
    h.run();
    assert!(h.state().workspace().state().goals.is_empty());
    let toast = h.get_by_label("Dropped the goal “Ship your first recommender”.");
    assert!(
        toast.rect().bottom() > 700.0,
        "at the foot of the window, wherever the page is scrolled: {:?}",
        toast.rect()
    );
    h.get_by_label("Undo (Ctrl+Z)").click();
    h.run();
    assert_eq!(
        h.state().workspace().state().goals.len(),
        1,
        "Undo brings it back"
    );
}

#[test]
fn a_review_due_is_answered_on_the_dashboard_and_undoes() {
    let dir = common::data_dir();
    {
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| {
            let _ = p;
        });
        common::profile(&mut ws, |p| p.hours_per_week = 6.0);
        ws.apply(
            Change::SetStatus {
                milestone: (common::milestone("python")).clone(),
                status: Status::Done,
            },
            common::now() - Days::new(8),
        )
        .unwrap();
        ws.save().unwrap();
    }
    let mut h = common::harness_of_height(common::open(dir.path()), 1400.0);
    // The review is in this week's plan, with its check; it is not listed twice.
    h.get_by_label_contains("The check: Syntax, functions, NumPy.");
    assert!(h.query_by_label("Reviews and changes").is_none());
    let python = common::milestone("python");
    h.get_by_label("I could not do “Python for data work” again")
        .click();
    h.run();
    let p = h
        .state()
        .workspace()
        .state()
        .milestone(&python)
        .unwrap()
        .clone();
    assert_eq!(p.reviews.len(), 1);
    assert!(!p.reviews[0].passed);
    assert_eq!(p.status, Status::Done, "a failed review never un-finishes");
    h.get_by_label_contains("refresher after a failed review");
    h.get_by_label_contains("Reviewed Python for data work: needs a refresher");
    // The refresher ends as a review does: its row answers it.
    h.get_by_label("I can still do “Python for data work”");
    h.get_by_label("Undo").click();
    h.run();
    let p = h
        .state()
        .workspace()
        .state()
        .milestone(&python)
        .unwrap()
        .clone();
    assert!(p.reviews.is_empty());
    h.get_all_by_label("I can still do “Python for data work”")
        .next()
        .unwrap()
        .click();
    h.run();
    assert!(
        h.state()
            .workspace()
            .state()
            .milestone(&python)
            .unwrap()
            .reviews[0]
            .passed
    );
    assert!(
        h.query_by_label("Reviews and changes").is_none(),
        "nothing left to review"
    );
}

#[test]
fn a_changed_milestone_is_kept_finished_or_reopened_and_both_undo() {
    let dir = common::data_dir();
    {
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| {
            let _ = p;
        });
        common::profile(&mut ws, |p| p.hours_per_week = 6.0);
        for id in ["python", "git"] {
            ws.apply(
                Change::SetStatus {
                    milestone: (common::milestone(id)).clone(),
                    status: Status::Done,
                },
                common::now(),
            )
            .unwrap();
        }
        ws.save().unwrap();
        let v2 = common::CURRICULUM
            .replace("revision: 1", "revision: 2")
            .replace("Syntax, functions, NumPy.", "Syntax, functions, NumPy and pandas.")
            .replace(
                r#"Milestone(id: "git", title: "Version control with git", kind: Framework, effort_hours: 5)"#,
                r#"Milestone(id: "git", title: "Version control with git", kind: Framework, effort_hours: 5, summary: "Branches and rebases.")"#,
            );
        let pending = ws.preview_import("ai-engineer.ron", v2.as_bytes()).unwrap();
        assert_eq!(pending.finished_changed, 2);
        ws.apply(
            Change::Import {
                pending: Box::new(pending),
                keep_checked: false,
                allow_older: false,
            },
            common::now(),
        )
        .unwrap();
    }
    let mut h = common::harness_of_height(common::open(dir.path()), 1400.0);
    h.get_by_label("What changed in “Python for data work”")
        .click();
    h.run();
    h.get_by_label("Syntax, functions, NumPy.");
    h.get_by_label("Syntax, functions, NumPy and pandas.");
    let python = common::milestone("python");
    let git = common::milestone("git");
    let changed = |h: &egui_kittest::Harness<'static, waymark::ui::App>, r| {
        h.state()
            .workspace()
            .state()
            .milestone(r)
            .unwrap()
            .changed
            .is_some()
    };
    h.get_by_label("Keep “Python for data work” finished")
        .click();
    h.run();
    assert!(!changed(&h, &python));
    assert_eq!(h.state().workspace().state().status(&python), Status::Done);
    h.get_by_label("Reopen “Version control with git” to do it again")
        .click();
    h.run();
    assert!(!changed(&h, &git));
    assert_eq!(h.state().workspace().state().status(&git), Status::Todo);
    h.get_by_label("Undo").click();
    h.run();
    assert!(changed(&h, &git));
    assert_eq!(h.state().workspace().state().status(&git), Status::Done);
    h.get_by_label("Undo").click();
    h.run();
    assert!(changed(&h, &python));
    // The curricula list marks it.
    h.get_by_label("Curricula").click();
    h.run();
    assert_eq!(h.query_all_by_label("Changed").count(), 2);
}

/// A learner who had revision 2 opens a Waymark that ships revision 3: the dashboard says once
/// what moved, and offers the new goal order without imposing it (issue 19).
#[test]
fn a_new_revision_says_once_what_moved_and_offers_the_new_goal_order() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut ws, _) = common::workspace(dir.path());
        let pending = ws
            .preview_import(
                "ai-engineer.ron",
                include_bytes!("../fixtures/ai-engineer-r2.ron"),
            )
            .unwrap();
        ws.apply(
            Change::Import {
                pending: Box::new(pending),
                keep_checked: false,
                allow_older: true,
            },
            common::now(),
        )
        .unwrap();
        common::profile(&mut ws, |p| {
            let _ = p;
        });
        ws.apply(
            Change::SetStatus {
                milestone: (common::milestone("python-data")).clone(),
                status: Status::Done,
            },
            common::now(),
        )
        .unwrap();
        ws.apply(
            Change::AdoptGoal {
                curriculum: ("ai-engineer").to_owned(),
                goal: ("core-foundations").to_owned(),
                target: None,
            },
            common::now(),
        )
        .unwrap();
        ws.save().unwrap();
        // Updating Waymark: what is loaded is the shipped revision.
        ws.apply(
            Change::RemoveCurriculum(("ai-engineer").to_owned()),
            common::now(),
        )
        .unwrap();
    }
    let mut h = common::harness_of_height(common::open(dir.path()), 1600.0);
    h.get_by_label("What's new in the path");
    h.get_by_label_contains("AI Engineer is now at revision 3");
    h.get_by_label_contains("counts as finished: you finished “Python for data work");
    assert_eq!(h.state().workspace().state().goals.len(), 1, "not imposed");
    h.get_by_label("Use the new goal order").click();
    h.run();
    let goals = h.state().workspace().state().goals.len();
    assert!(goals > 1, "the new path's goals: {goals}");
    assert!(h.query_by_label("What's new in the path").is_none(), "read");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace().state().goals.len(),
        1,
        "undo gives the old goals back"
    );
    common::wait_for_autosave(&mut h);
    drop(h);
    let h = common::harness_of_height(common::open(dir.path()), 1600.0);
    assert!(
        h.query_by_label("What's new in the path").is_none(),
        "said once"
    );
}

#[test]
fn moving_a_goal_says_where_it_went_in_a_toast_that_covers_nothing_and_stays_on_its_screen() {
    let dir = common::data_dir();
    with_goal(dir.path(), 10.0, 120);
    {
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| {
            p.goals.push(waymark::progress::AdoptedGoal {
                id: "statistics-goal".into(),
                title: "Statistics you can defend".into(),
                source: None,
                mentor_note: String::new(),
                milestones: vec![common::milestone("statistics")],
                target: common::today() + Days::new(300),
                adopted_at: common::now(),
            });
        });
        ws.save().unwrap();
    }
    let mut h = common::harness_of_height(common::open(dir.path()), 520.0);
    h.get_by_label("Work on “Statistics you can defend” earlier")
        .click();
    h.run();
    assert_eq!(h.state().workspace().state().goals[0].id, "statistics-goal");
    let said = "“Statistics you can defend” moved earlier: now 1 of 2 in your goals.";
    let toast = h.get_by_label(said).rect();
    // The toasts have a strip of their own at the foot, which the page gives up: the page
    // lays out above it, so no control of it is ever under a toast.
    let strip = h
        .state()
        .toast_strip()
        .expect("the toasts are a strip at the foot, not a layer over the page");
    assert!(strip.contains_rect(toast), "{toast:?} in {strip:?}");
    assert!(
        (strip.bottom() - 520.0).abs() < 1.0,
        "at the foot: {strip:?}"
    );
    let mut checked = 0;
    for button in h.get_all_by_role(Role::Button) {
        let label = button.accesskit_node().label().unwrap_or_default();
        let rect = button.rect();
        if strip.contains_rect(rect) {
            continue; // the toast's own Undo and Close
        }
        assert!(
            !rect.intersects(toast),
            "“{label}” {rect:?} is under the toast {toast:?}"
        );
        checked += 1;
    }
    assert!(checked > 10, "the page's buttons were looked at");
    // It belongs to the dashboard: not shown over another screen, shown again on return.
    common::show_screen(&mut h, "Settings");
    assert!(h.query_by_label(said).is_none());
    common::show_screen(&mut h, "Dashboard");
    h.get_by_label(said);
    // Its Undo puts the goal back, and says so.
    h.get_by_label("Undo (Ctrl+Z)").click();
    h.run();
    assert_eq!(
        h.state().workspace().state().goals[0].id,
        "first-recommender"
    );
    h.get_by_label(&format!("Undid: {said}"));
}

#[test]
fn with_no_goals_the_dashboard_points_at_the_guide_which_proposes_them() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    h.get_by_label(
        "No goals yet. Waymark's guide proposes goals for what you want to do, or make one of your own.",
    );
    assert!(h.query_by_label_contains("mentor").is_none());
    h.get_by_role_and_label(Role::Button, "Propose goals for me")
        .click();
    h.run();
    assert!(h.state().is_onboarding(), "the guide opened");
}

#[test]
fn a_goal_opens_to_its_chance_by_date_with_the_target_and_the_cut_line() {
    let dir = common::data_dir();
    // 77 hours of work at 6 hours a week in eight weeks: at risk, part of it by the target.
    with_goal(dir.path(), 6.0, 56);
    let mut h = common::harness_of_height(common::open(dir.path()), 1100.0);
    h.get_by_label("Chance by date of “Ship your first recommender”")
        .click();
    h.run();
    // Named for its goal, and still a disclosure a screen reader hears open.
    let header = h.get_by_label("Chance by date of “Ship your first recommender”");
    assert_eq!(header.accesskit_node().role(), Role::DisclosureTriangle);
    assert_eq!(header.accesskit_node().data().is_expanded(), Some(true));
    let plan = h.state().plan().clone();
    let f = plan.goal("first-recommender").unwrap();
    let (likely, late) = (f.likely_finish.unwrap(), f.late_finish.unwrap());
    let chance = f.chance_by(f.target, &plan.calendar).unwrap();
    let words = format!(
        "{:.0}% chance by the target, {}.",
        (chance * 100.0).floor(),
        waymark::plan::day_words(f.target)
    );
    h.get_by_label(&words);
    // The curve says, for a screen reader, the plan's two dates: the same as the card's.
    h.get_by_role_and_label(
        Role::Image,
        &format!(
            "Chance of finishing “Ship your first recommender” by each date: half by {}, 90% by {}; {words}",
            waymark::plan::day_words(likely),
            waymark::plan::day_words(late)
        ),
    );
    let cut = f.by_target.clone().unwrap();
    assert!(cut.fit < cut.of, "{cut:?}");
    h.get_by_label_contains(&format!(
        "By the target, 90% sure: {} of its {} remaining milestones.",
        cut.fit, cut.of
    ));
}
