//! The mentor's page: name and contact, check-ins (add, edit, delete, newest first, undoable
//! and saved), and the report for the next check-in.

use crate::common;
use crate::date_picker;

use std::path::Path;

use chrono::{Days, NaiveDate};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use waymark::progress::{CheckIn, Status};
use waymark::ui::App;
use waymark::workspace::Change;

type H = Harness<'static, App>;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A learner with a goal, some work done, a mentor and one past check-in.
pub(crate) fn with_a_mentor(root: &Path) {
    let (mut ws, _) = common::workspace(root);
    let now = common::now();
    common::profile(&mut ws, |p| {
        let _ = p;
    });
    common::profile(&mut ws, |p| p.focus = common::focus_on(&["recsys"]));
    common::profile(&mut ws, |p| {
        p.goals.push(common::recommender_goal("", 70, 20))
    });
    ws.apply(
        Change::SetStatus {
            milestone: (common::milestone("python")).clone(),
            status: Status::Done,
        },
        now - Days::new(3),
    )
    .unwrap();
    common::make(
        &mut ws,
        Change::SetMentor {
            name: "Grace".into(),
            contact: "grace@example.org".into(),
        },
        now,
    );
    common::make(
        &mut ws,
        Change::AddCheckIn(CheckIn {
            date: day(2, 18),
            notes: "Talked about pandas.".into(),
            next_steps: vec!["Finish the Python milestone".into()],
            mentor: String::new(),
        }),
        now,
    );
    ws.save().unwrap();
}

pub(crate) fn mentor_page(root: &Path) -> H {
    let mut h = common::harness(common::open(root).without_native_dialogs());
    h.get_by_label("Mentor").click();
    h.run();
    h
}

/// Clicks a button after scrolling it into view (the report sits low on the page).
pub(crate) fn click_button(h: &mut H, label: &str) {
    h.get_by_role_and_label(Role::Button, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

pub(crate) fn replace_text(h: &mut H, label: &str, text: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    let field = h.get_by_label(label);
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn the_mentors_name_and_contact_are_edited_and_saved() {
    let dir = common::data_dir();
    let mut h =
        common::harness(common::onboarded(dir.path(), &["recsys"], 6.0).without_native_dialogs());
    h.get_by_label("Mentor").click();
    h.run();
    replace_text(&mut h, "Name", "Ada Lovelace");
    replace_text(&mut h, "Contact", "ada@example.org");
    let mentor = &h.state().workspace().state().mentor;
    assert_eq!(mentor.name, "Ada Lovelace");
    assert_eq!(mentor.contact, "ada@example.org");
    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(dir.path());
    assert_eq!(saved.mentor.name, "Ada Lovelace");

    // The typed name undoes as one edit.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().workspace().state().mentor.name, "");
}

#[test]
fn a_check_in_is_added_listed_newest_first_edited_and_deleted_with_undo() {
    let dir = common::data_dir();
    with_a_mentor(dir.path());
    let mut h = mentor_page(dir.path());

    date_picker::open(&mut h, "Date");
    date_picker::pick(&mut h, day(3, 2));
    replace_text(&mut h, "Notes", "Reviewed statistics.");
    replace_text(&mut h, "Next steps", "Start collaborative filtering");
    h.get_by_role_and_label(Role::Button, "Add check-in")
        .click();
    h.run();

    let check_ins = &h.state().workspace().state().mentor.check_ins;
    assert_eq!(check_ins.len(), 2);
    assert_eq!(check_ins[1].date, day(3, 2));
    assert_eq!(check_ins[1].next_steps, ["Start collaborative filtering"]);
    let activity = &h.state().workspace().state().activity;
    assert!(matches!(
        activity.last().map(|a| &a.event),
        Some(waymark::progress::Event::CheckIn { date }) if date == &day(3, 2)
    ));

    // Newest first.
    let newer = h.get_by_label("Monday 2 March 2026").rect().top();
    let older = h.get_by_label("Wednesday 18 February 2026").rect().top();
    assert!(newer < older, "the newest check-in is on top");
    h.get_by_label("• Start collaborative filtering");

    h.get_by_label("Edit the check-in of 2026-02-18").click();
    h.run();
    replace_text(&mut h, "Check-in notes", "Talked about pandas and NumPy.");
    h.get_by_role_and_label(Role::Button, "Save check-in")
        .click();
    h.run();
    assert_eq!(
        h.state().workspace().state().mentor.check_ins[0].notes,
        "Talked about pandas and NumPy."
    );
    h.get_by_label("Talked about pandas and NumPy.");

    h.get_by_label("Delete the check-in of 2026-03-02 (Ctrl+Z undoes it)")
        .click();
    h.run();
    assert_eq!(h.state().workspace().state().mentor.check_ins.len(), 1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().workspace().state().mentor.check_ins.len(), 2);

    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(dir.path());
    assert_eq!(saved.mentor.check_ins.len(), 2);
    assert_eq!(
        saved.mentor.check_ins[0].notes,
        "Talked about pandas and NumPy."
    );
}

#[test]
fn the_report_for_the_next_check_in_holds_the_goals_and_is_saved() {
    let dir = common::data_dir();
    with_a_mentor(dir.path());
    let out = tempfile::tempdir().unwrap();
    let mut h = mentor_page(dir.path());
    h.get_by_role_and_label(Role::Button, "Prepare report")
        .click();
    h.run();
    // Shown rendered first: the goal's title as text, not as a Markdown table row.
    h.get_by_label("Ship your first recommender");
    h.get_by_label("Markdown").click();
    h.run();
    let report = h
        .get_by_role_and_label(Role::MultilineTextInput, "Report")
        .value()
        .unwrap();
    assert!(report.contains("## Goals"), "{report}");
    assert!(report.contains("Ship your first recommender"), "{report}");
    assert!(report.contains("For Grace."), "{report}");
    assert!(report.contains("Finish the Python milestone"), "{report}");

    let path = out.path().join("report.md");
    replace_text(&mut h, "Save report to", &path.display().to_string());
    click_button(&mut h, "Save");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), report);
    h.get_by_label_contains("Saved the report to");

    h.get_by_role_and_label(Role::Button, "Copy report")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Copy report").click();
    h.step();
    let copied = h.output().platform_output.commands.iter().any(|c| {
        matches!(c, egui::OutputCommand::CopyText(t) if t.contains("Ship your first recommender"))
    });
    assert!(copied, "the report was copied");
}

#[test]
fn snapshots_of_the_mentor_page_with_its_report() {
    common::snapshot_every_size_and_theme(
        "mentor",
        || {
            let dir = common::data_dir();
            with_a_mentor(dir.path());
            let app = common::open(dir.path()).without_native_dialogs();
            (dir, app)
        },
        |h| {
            common::show_screen(h, "Mentor");
            h.get_by_role_and_label(Role::Button, "Prepare report")
                .click();
            h.run();
        },
    );
}

#[test]
fn the_report_holds_notes_questions_and_hours_and_survives_a_check_in_today() {
    let dir = common::data_dir();
    with_a_mentor(dir.path());
    {
        let (mut ws, _) = common::workspace(dir.path());
        let python = common::milestone("python");
        ws.apply(
            Change::LogHours {
                milestone: python.clone(),
                hours: 4.5,
            },
            common::now() - Days::new(2),
        )
        .unwrap();
        common::make(
            &mut ws,
            Change::SetNotes {
                milestone: python.clone(),
                notes: "Pandas felt slow.\nShould I learn Polars instead?".into(),
            },
            common::now(),
        );
        common::make(
            &mut ws,
            Change::AddEvidence {
                milestone: python.clone(),
                link: "https://github.com/me/python".into(),
            },
            common::now(),
        );
        ws.save().unwrap();
    }
    let mut h = mentor_page(dir.path());
    // A check-in recorded today, after which the report is prepared for the next one.
    replace_text(&mut h, "Notes", "We met today.");
    click_button(&mut h, "Add check-in");
    click_button(&mut h, "Prepare report");
    h.get_by_label("Markdown").click();
    h.run();
    let report = h
        .get_by_role_and_label(Role::MultilineTextInput, "Report")
        .value()
        .unwrap();
    for part in [
        // One curriculum: its milestones need no "(Test Path)" beside them (the command
        // line's tests, with two, see it named).
        "- Python for data work\n",
        "Hours in this period: 4.5",
        "Evidence: <https://github.com/me/python>",
        "Notes: Pandas felt slow. Should I learn Polars instead?",
        "## Questions for you",
        "- Should I learn Polars instead? — Python for data work\n",
        "Hours logged in this period: 4.5",
    ] {
        assert!(report.contains(part), "{part:?} in:\n{report}");
    }
    assert!(
        !report.contains("Nothing finished in this period"),
        "a check-in today does not empty the period:\n{report}"
    );
}

/// The report's verdict on each goal (its outlook) is in view beside the goal at every window
/// width, on the page's own scrolling alone: a long row wraps in its columns instead of being
/// cut with "…" or pushed past the right edge.
#[test]
fn the_reports_verdict_on_each_goal_is_in_view_at_every_width() {
    const LONG: &str =
        "Ship a second recommender, with a write-up of what the first one taught you";
    for size in [
        egui::vec2(1600.0, 1000.0),
        egui::vec2(1000.0, 700.0),
        egui::vec2(640.0, 700.0),
    ] {
        let dir = common::data_dir();
        with_a_mentor(dir.path());
        {
            let (mut ws, _) = common::workspace(dir.path());
            common::profile(&mut ws, |p| {
                let mut goal = common::recommender_goal("", 400, 20);
                goal.id = "second-recommender".into();
                goal.title = LONG.into();
                p.goals.push(goal);
            });
            ws.save().unwrap();
        }
        let mut h =
            common::harness_of_size(common::open(dir.path()).without_native_dialogs(), size);
        common::show_screen(&mut h, "Mentor");
        click_button(&mut h, "Prepare report");
        for (goal, verdict) in [
            ("Ship your first recommender", "at risk"),
            (LONG, "on track"),
        ] {
            h.get_by_label(verdict).scroll_to_me();
            h.run();
            let verdict = h.get_by_label(verdict).rect();
            // The whole title, not one cut short.
            let goal = h.get_by_label(goal).rect();
            // The report's left edge: the goal is not scrolled away to bring the verdict in.
            let report = h.get_by_label("Rendered").rect();
            assert!(
                goal.left() >= report.left()
                    && verdict.left() > goal.right()
                    && verdict.right() <= size.x - 12.0,
                "at {size:?} the verdict {verdict:?} is beside its goal {goal:?}, both in the \
                 report (from x = {}) and the window",
                report.left()
            );
            assert!(
                verdict.top() < goal.bottom() && verdict.bottom() <= size.y,
                "at {size:?} the verdict {verdict:?} is on its goal's row {goal:?}, in view"
            );
        }
        let cut: Vec<String> = h
            .query_all_by_label_contains("…")
            .filter_map(|n| n.accesskit_node().label())
            .filter(|label| label != "Save as…" && label != "Browse…")
            .collect();
        assert!(cut.is_empty(), "at {size:?} cut short: {cut:?}");
    }
}
