//! Time off and busy weeks in Settings: added with the date picker, edited, removed, each said
//! with its Undo; and the dashboard's week in time away.

use crate::common;
use crate::date_picker;

use chrono::{Days, NaiveDate};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use waymark::progress::Period;

type H = egui_kittest::Harness<'static, waymark::ui::App>;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn periods(h: &H) -> Vec<Period> {
    h.state().workspace().state().periods.clone()
}

fn click(h: &mut H, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).click();
    h.run();
}

#[test]
fn time_off_is_added_edited_removed_and_undone_in_settings() {
    let dir = common::data_dir();
    let mut h = common::harness_of_height(common::onboarded(dir.path(), &["recsys"], 6.0), 1200.0);
    common::show_screen(&mut h, "Settings");
    h.get_by_label("None yet.");

    // Two weeks from today, for the week the form offers.
    let from = common::today() + Days::new(14);
    date_picker::open(&mut h, "First day");
    date_picker::pick(&mut h, from);
    assert_eq!(date_picker::shown(&h, "Last day"), from + Days::new(6));
    h.get_by_label("1 week away from 18 Mar 2026");
    click(&mut h, Role::Button, "Add period");
    assert_eq!(periods(&h), [Period::away(from, from + Days::new(6))]);
    h.get_by_label("18 Mar 2026 to 24 Mar 2026 · away");
    click(&mut h, Role::Button, "Undo");
    assert!(periods(&h).is_empty(), "undone");

    // The form is back to a week from today: added as it is, then made a busy week.
    click(&mut h, Role::Button, "Add period");
    let week = Period::away(common::today(), day("2026-03-10"));
    assert_eq!(periods(&h), std::slice::from_ref(&week));
    click(
        &mut h,
        Role::Button,
        "Edit 4 Mar 2026 to 10 Mar 2026 · away",
    );
    click(&mut h, Role::CheckBox, "Away: no study");
    h.get_by_role_and_label(Role::Slider, "Hours a week then")
        .set_value_accesskit(2.0);
    h.run();
    h.get_by_label("2 h a week for 1 week from 4 Mar 2026");
    click(&mut h, Role::Button, "Save period");
    let busy = Period {
        hours_per_week: 2.0,
        ..week
    };
    assert_eq!(periods(&h), std::slice::from_ref(&busy));
    // The usual hours are the learner's still.
    assert_eq!(h.state().workspace().state().hours_per_week, 6.0);

    click(
        &mut h,
        Role::Button,
        "Remove 4 Mar 2026 to 10 Mar 2026 · 2 h a week (Ctrl+Z undoes it)",
    );
    assert!(periods(&h).is_empty());
    click(&mut h, Role::Button, "Undo");
    assert_eq!(periods(&h), std::slice::from_ref(&busy));
    common::wait_for_autosave(&mut h);
    assert_eq!(common::saved_state(dir.path()).periods, [busy]);
}

#[test]
fn the_dashboard_says_youre_away_and_plans_nothing_in_a_week_away() {
    let dir = common::data_dir();
    {
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| {
            p.hours_per_week = 6.0;
            p.focus = common::focus_on(&["recsys"]);
            p.goals.push(common::recommender_goal("", 70, 20));
        });
        common::make(
            &mut ws,
            waymark::workspace::Change::AddPeriod(Period::away(
                day("2026-03-02"),
                day("2026-03-15"),
            )),
            common::now(),
        );
        ws.save().unwrap();
    }
    let h = common::harness(common::open(dir.path()));
    h.get_by_label("You're away until Sun 15 Mar: nothing is planned this week.");
    assert!(h.state().plan().week.items.is_empty());
    assert!(
        h.query_by_role_and_label(Role::Button, "Start").is_none(),
        "no work offered this week"
    );
}
