//! The date picker: a calendar that says which month and year it shows, whose buttons and days
//! a screen reader can name, driven by pointer and keyboard; the goal's target and the
//! mentor's check-in date are picked with it.

use crate::common;

use std::path::Path;

use chrono::{Days, Months, NaiveDate};
use egui::Key;
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use waymark::ui::App;

type H = Harness<'static, App>;

const TARGET: &str = "Target of “Ship your first recommender”";

/// The calendar's heading for the month of `day`: "February 2027".
pub fn heading(day: NaiveDate) -> String {
    day.format("%B %Y").to_string()
}

/// What a screen reader hears for a day in the calendar: "Tuesday 9 February 2027".
pub fn day_name(day: NaiveDate) -> String {
    let name = day.format("%A %-d %B %Y").to_string();
    if day == common::today() {
        format!("{name}, today")
    } else {
        name
    }
}

/// The date the picker named `name` shows, read from its button's accessible name
/// ("Target of “…”: 9 February 2027").
pub fn shown(h: &H, name: &str) -> NaiveDate {
    let prefix = format!("{name}: ");
    let label = h
        .get_by_label_contains(&prefix)
        .accesskit_node()
        .label()
        .unwrap();
    let date = label.strip_prefix(&prefix).unwrap();
    NaiveDate::parse_from_str(date, "%d %B %Y").unwrap()
}

/// Opens the calendar of the picker named `name`.
pub fn open(h: &mut H, name: &str) {
    let date = shown(h, name);
    let button = format!("{name}: {}", date.format("%-d %B %Y"));
    h.get_by_role_and_label(Role::Button, &button)
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, &button).click();
    h.run();
    h.get_by_label(&heading(date));
}

/// Picks `day` in the open calendar, which must show its month.
pub fn pick(h: &mut H, day: NaiveDate) {
    h.get_by_role_and_label(Role::Button, &day_name(day))
        .click();
    h.run();
}

/// A learner on the dashboard with the recommender goal due 13 May 2026.
fn with_a_goal(root: &Path) -> H {
    {
        let (mut ws, _) = common::workspace(root);
        common::profile(&mut ws, |p| {
            p.hours_per_week = 10.0;
            p.focus = common::focus_on(&["recsys"]);
            p.goals.push(common::recommender_goal("", 70, 0));
        });
        ws.save().unwrap();
    }
    common::harness(common::open(root))
}

fn target(h: &H) -> NaiveDate {
    h.state().workspace().state().goals[0].target
}

#[test]
fn the_calendar_says_its_month_and_a_day_is_picked_by_its_full_date() {
    let dir = common::data_dir();
    let mut h = with_a_goal(dir.path());
    let before = target(&h);
    assert_eq!(before, NaiveDate::from_ymd_opt(2026, 5, 13).unwrap());
    assert_eq!(shown(&h, TARGET), before);

    open(&mut h, TARGET);
    h.get_by_label("May 2026");
    for weekday in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
        h.get_by_label(weekday);
    }
    let name = day_name(before);
    let selected = h.get_by_role_and_label(Role::Button, &name);
    // egui tells a screen reader a selected button is pressed.
    assert_eq!(selected.accesskit_node().toggled(), Some(Toggled::True));

    h.get_by_role_and_label(Role::Button, "Next month").click();
    h.run();
    h.get_by_label("June 2026");
    assert!(h.query_by_label("May 2026").is_none());

    let day = NaiveDate::from_ymd_opt(2026, 6, 9).unwrap();
    h.get_by_role_and_label(Role::Button, "Tuesday 9 June 2026");
    pick(&mut h, day);
    assert_eq!(target(&h), day);
    assert!(
        h.query_by_label("June 2026").is_none(),
        "picking a day closes the calendar"
    );
    h.get_by_role_and_label(Role::Button, &format!("{TARGET}: 9 June 2026"));
}

#[test]
fn the_year_buttons_move_a_year_and_days_before_the_earliest_cannot_be_picked() {
    let dir = common::data_dir();
    let mut h = with_a_goal(dir.path());
    open(&mut h, TARGET);
    h.get_by_role_and_label(Role::Button, "Next year").click();
    h.run();
    h.get_by_label("May 2027");
    h.get_by_role_and_label(Role::Button, "Previous year")
        .click();
    h.run();
    h.get_by_label("May 2026");

    // A target is never before today: March 2026 shows, February does not.
    h.get_by_role_and_label(Role::Button, "Previous month")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Previous month")
        .click();
    h.run();
    h.get_by_label("March 2026");
    let previous = h.get_by_role_and_label(Role::Button, "Previous month");
    assert!(previous.accesskit_node().is_disabled());
    let yesterday = h.get_by_role_and_label(Role::Button, "Tuesday 3 March 2026");
    assert!(yesterday.accesskit_node().is_disabled());
    let today = h.get_by_role_and_label(Role::Button, "Wednesday 4 March 2026, today");
    assert!(!today.accesskit_node().is_disabled());

    h.get_by_role_and_label(Role::Button, "Today").click();
    h.run();
    assert_eq!(target(&h), common::today());
}

#[test]
fn the_keyboard_moves_between_days_and_picks_one_and_escape_closes() {
    let dir = common::data_dir();
    let mut h = with_a_goal(dir.path());
    let before = target(&h);

    open(&mut h, TARGET);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("May 2026").is_none(), "Escape closes it");
    assert_eq!(target(&h), before);

    // Opened, the selected day has the keyboard: a week down, a day right, into June.
    open(&mut h, TARGET);
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.get_by_label("June 2026");
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(target(&h), before + Days::new(22));
    assert!(h.query_by_label("June 2026").is_none());

    // Page Up goes back a month.
    open(&mut h, TARGET);
    h.key_press(Key::PageUp);
    h.run();
    h.get_by_label("May 2026");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(target(&h), before + Days::new(22) - Months::new(1));
}

#[test]
fn the_check_in_date_is_picked_from_the_calendar_and_saved() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    common::show_screen(&mut h, "Mentor");
    assert_eq!(
        shown(&h, "Date"),
        common::today(),
        "a check-in is today's at first"
    );

    open(&mut h, "Date");
    h.get_by_role_and_label(Role::Button, "Previous month")
        .click();
    h.run();
    h.get_by_label("February 2026");
    let day = NaiveDate::from_ymd_opt(2026, 2, 20).unwrap();
    pick(&mut h, day);
    assert_eq!(shown(&h, "Date"), day);
    h.get_by_role_and_label(Role::Button, "Add check-in")
        .click();
    h.run();

    let check_ins = &h.state().workspace().state().mentor.check_ins;
    assert_eq!(check_ins.len(), 1);
    assert_eq!(check_ins[0].date, day);
    h.get_by_label("Friday 20 February 2026");
    assert_eq!(
        shown(&h, "Date"),
        common::today(),
        "the next check-in starts from today again"
    );
    common::wait_for_autosave(&mut h);
    assert_eq!(
        common::saved_state(dir.path()).mentor.check_ins[0].date,
        day
    );
}

#[test]
fn the_report_cannot_start_after_today() {
    let dir = common::data_dir();
    let mut h = common::harness(common::onboarded(dir.path(), &["recsys"], 6.0));
    common::show_screen(&mut h, "Mentor");
    let name = "The first day the report covers";
    open(&mut h, name);
    for _ in 0..24 {
        if h.query_by_label("March 2026").is_some() {
            break;
        }
        h.get_by_role_and_label(Role::Button, "Next month").click();
        h.run();
    }
    let tomorrow = h.get_by_role_and_label(Role::Button, "Thursday 5 March 2026");
    assert!(tomorrow.accesskit_node().is_disabled());
    let next = h.get_by_role_and_label(Role::Button, "Next month");
    assert!(next.accesskit_node().is_disabled());
    pick(&mut h, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    assert_eq!(
        shown(&h, name),
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    );
}
