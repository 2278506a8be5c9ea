//! A date picked from a month calendar that says which month and year it shows, with every
//! button named for a screen reader and the keyboard able to do what the pointer does.

use chrono::{Datelike as _, Days, Months, NaiveDate, Weekday};
use egui::{
    Align, Button, FocusDirection, Key, Label, Layout, Popup, PopupCloseBehavior, RichText, Role,
    Stroke, StrokeKind, Ui, Vec2, WidgetInfo,
};

use super::theme;

/// One day's cell in the calendar.
const CELL: Vec2 = Vec2::new(30.0, 24.0);
const CELL_GAP: f32 = 2.0;
/// Six weeks hold any month, and the popup keeps its size from month to month.
const WEEKS: u64 = 6;

/// A button showing a date ("9 Feb 2027") that opens a month calendar below it.
///
/// Days outside `earliest..=latest` cannot be picked. In the open calendar the arrow keys move
/// between days (Page Up and Page Down between months), Enter or Space picks one and Escape
/// closes it.
#[must_use]
pub struct DatePicker<'a> {
    id_salt: &'a str,
    name: &'a str,
    today: NaiveDate,
    earliest: NaiveDate,
    latest: NaiveDate,
}

/// What the open calendar shows, kept between frames.
#[derive(Clone, Copy, Debug)]
struct Shown {
    /// The first day of the month shown.
    month: NaiveDate,
    /// The day the keyboard is on.
    cursor: NaiveDate,
    /// Whether the cursor's day should take the keyboard focus when next drawn.
    focus_cursor: bool,
}

impl Shown {
    fn at(day: NaiveDate) -> Self {
        Self {
            month: first_of_month(day),
            cursor: day,
            focus_cursor: true,
        }
    }
}

impl<'a> DatePicker<'a> {
    /// `name` is what a screen reader hears for the button, before the date ("Target of
    /// “Foundations”"); `id_salt` tells this picker from others in the same place.
    pub fn new(id_salt: &'a str, name: &'a str, today: NaiveDate) -> Self {
        Self {
            id_salt,
            name,
            today,
            earliest: NaiveDate::MIN,
            latest: NaiveDate::MAX,
        }
    }

    pub fn earliest(mut self, earliest: NaiveDate) -> Self {
        self.earliest = earliest;
        self
    }

    pub fn latest(mut self, latest: NaiveDate) -> Self {
        self.latest = latest;
        self
    }

    /// Shows the button (and the calendar when open); returns the day picked, when it differs
    /// from `date`.
    pub fn show(self, ui: &mut Ui, date: NaiveDate) -> Option<NaiveDate> {
        let popup_id = ui.make_persistent_id(self.id_salt);
        let was_open = Popup::is_id_open(ui.ctx(), popup_id);
        let name = format!("{}: {}", self.name, date.format("%-d %B %Y"));
        let button = ui
            .add(Button::new(date.format("%-d %b %Y").to_string()).selected(was_open))
            .on_hover_text(self.name);
        let enabled = button.enabled();
        button.widget_info(|| WidgetInfo::labeled(Role::Button, enabled, &name));
        if button.clicked() && !was_open {
            let cursor = self.clamp(date);
            ui.data_mut(|d| d.insert_temp(popup_id, Shown::at(cursor)));
        }

        let mut picked = None;
        Popup::from_toggle_button_response(&button)
            .id(popup_id)
            .gap(4.0)
            .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
            .accessible_name(format!("Calendar: {}", self.name))
            .show(|ui| {
                let mut shown = ui
                    .data(|d| d.get_temp::<Shown>(popup_id))
                    .unwrap_or_else(|| Shown::at(date));
                picked = self.calendar_ui(ui, date, &mut shown);
                ui.data_mut(|d| d.insert_temp(popup_id, shown));
            });

        if picked.is_some() {
            Popup::close_id(ui.ctx(), popup_id);
        }
        let escaped = was_open && ui.input(|i| i.key_pressed(Key::Escape));
        if picked.is_some() || escaped {
            // Back where the learner was, so the keyboard goes on from the button.
            button.request_focus();
        }
        picked.filter(|&day| day != date)
    }

    fn calendar_ui(
        &self,
        ui: &mut Ui,
        selected: NaiveDate,
        shown: &mut Shown,
    ) -> Option<NaiveDate> {
        // Narrow padding, so that a two-digit day fits its cell.
        ui.spacing_mut().button_padding = Vec2::new(4.0, 2.0);
        let width = 7.0 * CELL.x + 6.0 * CELL_GAP;
        let month = shown.month;
        let (earlier, (), later) = three_parts_ui(
            ui,
            width,
            |ui| {
                let before = month.checked_sub_months(Months::new(1));
                step_button(ui, "<", "Previous month", self.shows_any(before)).then_some(before)
            },
            |ui| {
                ui.add(Label::new(RichText::new(month_words(month)).strong()));
            },
            |ui| {
                let after = month.checked_add_months(Months::new(1));
                step_button(ui, ">", "Next month", self.shows_any(after)).then_some(after)
            },
        );

        let picked = self.days_ui(ui, selected, shown);

        let (year_earlier, today, year_later) = three_parts_ui(
            ui,
            width,
            |ui| {
                let before = month.checked_sub_months(Months::new(12));
                let text = format!("< {}", month.year() - 1);
                step_button(ui, &text, "Previous year", self.shows_any(before)).then_some(before)
            },
            |ui| {
                let can = (self.earliest..=self.latest).contains(&self.today);
                ui.add_enabled(can, Button::new("Today")).clicked()
            },
            |ui| {
                let after = month.checked_add_months(Months::new(12));
                let text = format!("{} >", month.year() + 1);
                step_button(ui, &text, "Next year", self.shows_any(after)).then_some(after)
            },
        );

        let go_to = [earlier, later, year_earlier, year_later]
            .into_iter()
            .flatten()
            .flatten()
            .next();
        if let Some(month) = go_to {
            // The same day of the month where there is one, else the month's last.
            let day = shown.cursor.day().min(days_in_month(month));
            shown.month = month;
            shown.cursor = self.clamp(month.with_day(day).unwrap_or(month));
        }
        picked.or_else(|| today.then_some(self.today))
    }

    /// The weekday headings and the month's days, Monday first; returns the day picked.
    fn days_ui(&self, ui: &mut Ui, selected: NaiveDate, shown: &mut Shown) -> Option<NaiveDate> {
        let muted = theme::muted(ui);
        let accent = theme::accent_of(ui);
        let month = shown.month;
        let first = month - Days::new(u64::from(month.weekday().num_days_from_monday()));
        let mut picked = None;
        let mut focused = None;
        egui::Grid::new("days")
            .spacing([CELL_GAP, CELL_GAP])
            .min_col_width(CELL.x)
            .show(ui, |ui| {
                for weekday in first.iter_days().take(7) {
                    let text = RichText::new(weekday.format("%a").to_string()).small();
                    ui.add_sized(CELL, Label::new(text.color(muted)));
                }
                ui.end_row();
                for (index, day) in first.iter_days().take(7 * WEEKS as usize).enumerate() {
                    if index > 0 && index % 7 == 0 {
                        ui.end_row();
                    }
                    if day.month() != month.month() {
                        // The neighbouring months stay blank: one month at a time is shown.
                        ui.allocate_space(CELL);
                        continue;
                    }
                    let mut text = RichText::new(day.day().to_string());
                    if is_weekend(day) && day != selected {
                        text = text.color(muted);
                    }
                    let enabled = (self.earliest..=self.latest).contains(&day);
                    let response = ui
                        .push_id(day, |ui| {
                            ui.add_enabled(
                                enabled,
                                Button::new(text)
                                    .min_size(CELL)
                                    .frame_when_inactive(day == selected)
                                    .selected(day == selected),
                            )
                        })
                        .inner;
                    let mut name = day.format("%A %-d %B %Y").to_string();
                    if day == self.today {
                        name.push_str(", today");
                        ui.painter().rect_stroke(
                            response.rect,
                            4.0,
                            Stroke::new(1.5, accent),
                            StrokeKind::Inside,
                        );
                    }
                    response.widget_info(|| {
                        WidgetInfo::selected(Role::Button, enabled, day == selected, &name)
                    });
                    if shown.focus_cursor && day == shown.cursor {
                        response.request_focus();
                        shown.focus_cursor = false;
                    }
                    if response.has_focus() {
                        focused = Some(day);
                    }
                    if response.clicked() {
                        picked = Some(day);
                    }
                }
            });
        if let Some(day) = focused {
            self.keys(ui, day, shown);
        }
        picked
    }

    /// Moves the keyboard's day with the arrow keys (a day, a week) and Page Up and Page Down
    /// (a month), in place of egui's own moving of the focus between widgets.
    fn keys(&self, ui: &mut Ui, day: NaiveDate, shown: &mut Shown) {
        let moved = ui.input(|i| {
            if i.key_pressed(Key::ArrowLeft) {
                day.checked_sub_days(Days::new(1))
            } else if i.key_pressed(Key::ArrowRight) {
                day.checked_add_days(Days::new(1))
            } else if i.key_pressed(Key::ArrowUp) {
                day.checked_sub_days(Days::new(7))
            } else if i.key_pressed(Key::ArrowDown) {
                day.checked_add_days(Days::new(7))
            } else if i.key_pressed(Key::PageUp) {
                day.checked_sub_months(Months::new(1))
            } else if i.key_pressed(Key::PageDown) {
                day.checked_add_months(Months::new(1))
            } else {
                None
            }
        });
        if let Some(next) = moved {
            let next = self.clamp(next);
            ui.memory_mut(|m| m.move_focus(FocusDirection::None));
            *shown = Shown::at(next);
            ui.ctx().request_repaint();
        }
    }

    /// Whether any day of the month starting on `month` can be picked.
    fn shows_any(&self, month: Option<NaiveDate>) -> bool {
        month.is_some_and(|first| {
            let last = first.with_day(days_in_month(first)).unwrap_or(first);
            first <= self.latest && last >= self.earliest
        })
    }

    fn clamp(&self, day: NaiveDate) -> NaiveDate {
        day.clamp(self.earliest, self.latest.max(self.earliest))
    }
}

/// A small button whose text may be short ("<") but whose name says what it does.
fn step_button(ui: &mut Ui, text: &str, name: &str, enabled: bool) -> bool {
    let response = ui
        .add_enabled(enabled, Button::new(text))
        .on_hover_text(name);
    response.widget_info(|| WidgetInfo::labeled(Role::Button, enabled, name));
    response.clicked()
}

/// A row `width` wide: one part at the start, one at the end, one centred between them.
fn three_parts_ui<S, M, E>(
    ui: &mut Ui,
    width: f32,
    start: impl FnOnce(&mut Ui) -> S,
    middle: impl FnOnce(&mut Ui) -> M,
    end: impl FnOnce(&mut Ui) -> E,
) -> (S, M, E) {
    let height = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        Vec2::new(width, height),
        Layout::left_to_right(Align::Center),
        |ui| {
            let start = start(ui);
            let (end, middle) = ui
                .with_layout(Layout::right_to_left(Align::Center), |ui| {
                    let end = end(ui);
                    let middle = ui
                        .with_layout(Layout::top_down(Align::Center), middle)
                        .inner;
                    (end, middle)
                })
                .inner;
            (start, middle, end)
        },
    )
    .inner
}

/// "February 2027".
fn month_words(day: NaiveDate) -> String {
    day.format("%B %Y").to_string()
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn days_in_month(first: NaiveDate) -> u32 {
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .map_or(28, |last| last.day())
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn months_have_their_lengths_leap_years_too() {
        assert_eq!(days_in_month(day(2027, 2, 1)), 28);
        assert_eq!(days_in_month(day(2028, 2, 1)), 29);
        assert_eq!(days_in_month(day(2026, 12, 1)), 31);
        assert_eq!(days_in_month(day(2026, 4, 1)), 30);
    }

    #[test]
    fn a_month_is_shown_when_any_of_its_days_can_be_picked() {
        let picker = DatePicker::new("t", "t", day(2026, 3, 4)).earliest(day(2026, 3, 4));
        assert!(picker.shows_any(Some(day(2026, 3, 1))));
        assert!(!picker.shows_any(Some(day(2026, 2, 1))));
        let picker = picker.latest(day(2026, 5, 1));
        assert!(picker.shows_any(Some(day(2026, 5, 1))));
        assert!(!picker.shows_any(Some(day(2026, 6, 1))));
    }

    #[test]
    fn the_heading_says_month_and_year() {
        assert_eq!(month_words(day(2027, 2, 9)), "February 2027");
    }
}
