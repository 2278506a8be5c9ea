//! The progress chart: milestones done over time as a step line on a calendar grid.

use chrono::{Datelike, Days, Months, NaiveDate};
use egui::Ui;
use egui_plot::{GridInput, GridMark};

use crate::plan::Plan;
use crate::ui::theme;

pub(super) fn plot_ui(ui: &mut Ui, plan: &Plan) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Milestones done over time");
        let series = &plan.activity.done_over_time;
        if series.is_empty() {
            ui.label("Your progress curve starts with your first finished milestone.");
            return;
        }
        progress_chart_ui(ui, series, plan.today);
    });
}

/// The chart's height; its width is the card's, so the plot never resizes itself.
const CHART_HEIGHT: f32 = 180.0;

/// A step line of the running count over calendar days (x is the day number since the common
/// era), with nothing to drag, zoom or scroll: it only changes when the log does.
fn progress_chart_ui(ui: &mut Ui, series: &[(NaiveDate, i64)], today: NaiveDate) {
    let first = series.first().map_or(today, |(d, _)| *d);
    let last_day = today.max(series.last().map_or(today, |(d, _)| *d));
    let points = step_points(series, last_day);
    let corners: Vec<[f64; 2]> = series
        .iter()
        .map(|(d, n)| [f64::from(d.num_days_from_ce()), *n as f64])
        .collect();
    let max = series.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let done_now = series.last().map_or(0, |(_, n)| *n);
    // A week at least, so a first day's work is a step rather than a line at the edge.
    let x_min = f64::from(
        first
            .num_days_from_ce()
            .min(last_day.num_days_from_ce() - 7),
    );
    let x_max = f64::from(last_day.num_days_from_ce());
    let accent = theme::accent_of(ui);
    let muted = theme::muted(ui);
    let grid = ui.visuals().widgets.noninteractive.bg_stroke.color;
    let shown = calendar_plot(
        "progress_over_time",
        CHART_HEIGHT,
        ui.available_width(),
        muted,
    )
    .default_x_bounds(x_min - 0.5, x_max + 0.5)
    .default_y_bounds(0.0, max as f64 * 1.1)
    .grid_spacing(GRID_MIN_POINTS as f32..=300.0)
    .grid_color(grid)
    .y_grid_spacer(count_marks)
    .y_axis_formatter(|mark, _| count_label(mark.value))
    .label_formatter(|position| {
        let (egui_plot::HoverPosition::NearDataPoint { position, .. }
        | egui_plot::HoverPosition::Elsewhere { position }) = position;
        let day = day_of(position.x.round())?;
        Some(format!(
            "{} done by {}",
            done_by(series, day),
            day.format("%-d %b %Y")
        ))
    })
    .show(ui, |plot| {
        plot.line(
            egui_plot::Line::new("Milestones done", points)
                .color(accent)
                .width(2.0)
                .fill(0.0)
                .fill_alpha(0.15)
                // Points that share a day are a step, not a band to be merged.
                .allow_band(false),
        );
        // A dot where the count changed: a day's work shows even at the chart's right edge.
        plot.points(
            egui_plot::Points::new("Milestones done", corners)
                .color(accent)
                .radius(3.0),
        );
    });
    let words = format!(
        "{done_now} done as of {}, since your first on {}",
        last_day.format("%-d %b"),
        first.format("%-d %b %Y")
    );
    // What a screen reader hears for the chart: the words below it and the scale it shows.
    let top = shown.transform.bounds().max()[1];
    let name = format!("Chart of milestones done: {words}; the scale runs from 0 to {top:.1}");
    shown
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    theme::caption(ui, words);
}

/// A plot over calendar days that only shows: nothing to drag, zoom or scroll, a day, week,
/// month or year grid labelled below it, and its bounds the data's every frame (a plot keeps
/// the bounds it first showed in its memory, and a line ran off the top after more milestones
/// were done). The dashboard's charts start from it.
pub(super) fn calendar_plot<'a>(
    id: impl egui::AsIdSalt,
    height: f32,
    width: f32,
    label_color: egui::Color32,
) -> egui_plot::Plot<'a> {
    egui_plot::Plot::new(id)
        .height(height)
        .width(width)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_axis_zoom_drag(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .sense(egui::Sense::hover())
        .reset()
        .x_grid_spacer(day_marks)
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .formatter(|mark, _| day_label(mark))
                .label_spacing(40.0..=48.0)
                .tick_label_color(label_color),
        ])
}

/// The corners of the step line: flat until a day with a change, then straight up (or down),
/// and flat again to `last_day`.
fn step_points(series: &[(NaiveDate, i64)], last_day: NaiveDate) -> Vec<[f64; 2]> {
    let mut points = Vec::with_capacity(series.len() * 2 + 1);
    let mut count = 0.0;
    for (day, n) in series {
        let x = f64::from(day.num_days_from_ce());
        points.push([x, count]);
        count = *n as f64;
        points.push([x, count]);
    }
    points.push([f64::from(last_day.num_days_from_ce()), count]);
    points
}

/// The running count at the end of `day`: the last point on or before it.
fn done_by(series: &[(NaiveDate, i64)], day: NaiveDate) -> i64 {
    match series.partition_point(|(d, _)| *d <= day) {
        0 => 0,
        n => series[n - 1].1,
    }
}

pub(super) fn day_of(x: f64) -> Option<NaiveDate> {
    if !x.is_finite() || x < f64::from(i32::MIN) || x > f64::from(i32::MAX) {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(x as i32)
}

/// "4 Mar" under a day, week or month line; the year under the line of a 1 January that stands
/// for a year.
fn day_label(mark: GridMark) -> String {
    match day_of(mark.value) {
        Some(day) if mark.step_size >= YEAR => day.format("%Y").to_string(),
        Some(day) => day.format("%-d %b").to_string(),
        None => String::new(),
    }
}

fn count_label(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        String::new()
    }
}

/// egui_plot's default smallest grid spacing, the unit of `GridInput::base_step_size`.
const GRID_MIN_POINTS: f64 = 8.0;
/// Room for a label like "28 Feb" between two day lines.
const LABEL_MIN_POINTS: f64 = 56.0;
const WEEK: f64 = 7.0;
const MONTH: f64 = 30.0;
const YEAR: f64 = 365.0;
/// More marks than a chart this size can show apart; a bound for hostile date ranges.
const MAX_MARKS: usize = 400;

/// Grid lines on one calendar scale, labelled: every day, every Monday, every first of the
/// month or every 1 January, whichever is the finest that leaves room for a label between lines.
fn day_marks(input: GridInput) -> Vec<GridMark> {
    let (Some(lo), Some(hi)) = (
        day_of(input.bounds.0.ceil()),
        day_of(input.bounds.1.floor()),
    ) else {
        return Vec::new();
    };
    // `base_step_size` is the width of GRID_MIN_POINTS in days.
    let points_per_day = GRID_MIN_POINTS / input.base_step_size.max(f64::EPSILON);
    let fits = |days: f64| days * points_per_day >= LABEL_MIN_POINTS;
    let mark = |day: NaiveDate, step_size: f64| GridMark {
        value: f64::from(day.num_days_from_ce()),
        step_size,
    };
    if fits(1.0) {
        lo.iter_days()
            .take_while(|d| *d <= hi)
            .take(MAX_MARKS)
            .map(|d| mark(d, 1.0))
            .collect()
    } else if fits(WEEK) {
        let to_monday = (7 - lo.weekday().num_days_from_monday()) % 7;
        (lo + Days::new(u64::from(to_monday)))
            .iter_weeks()
            .take_while(|d| *d <= hi)
            .take(MAX_MARKS)
            .map(|d| mark(d, WEEK))
            .collect()
    } else {
        let (step, months) = if fits(MONTH) { (MONTH, 1) } else { (YEAR, 12) };
        let mut day = if step == YEAR {
            NaiveDate::from_ymd_opt(lo.year(), 1, 1)
        } else {
            lo.with_day(1)
        }
        .unwrap_or(lo);
        let mut marks = Vec::new();
        while day <= hi && marks.len() < MAX_MARKS {
            if day >= lo {
                marks.push(mark(day, step));
            }
            match day.checked_add_months(Months::new(months)) {
                Some(next) => day = next,
                None => break,
            }
        }
        marks
    }
}

/// Grid lines at whole counts: every 1, 5 and 10 times the smallest power of ten that keeps
/// them apart (never a fraction of a milestone).
fn count_marks(input: GridInput) -> Vec<GridMark> {
    let step = 10f64
        .powi(input.base_step_size.max(1.0).log10().ceil() as i32)
        .max(1.0);
    let (lo, hi) = input.bounds;
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .take(MAX_MARKS)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: if k % 10 == 0 {
                step * 10.0
            } else if k % 5 == 0 {
                step * 5.0
            } else {
                step
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("a valid day")
    }

    fn x(d: NaiveDate) -> f64 {
        f64::from(d.num_days_from_ce())
    }

    #[test]
    fn the_count_on_a_day_is_the_last_change_on_or_before_it() {
        let series = [(day(2), 1), (day(5), 3)];
        assert_eq!(done_by(&series, day(1)), 0);
        assert_eq!(done_by(&series, day(2)), 1);
        assert_eq!(done_by(&series, day(4)), 1);
        assert_eq!(done_by(&series, day(9)), 3);
    }

    #[test]
    fn the_step_line_rises_on_the_day_of_each_change_and_runs_on_to_the_last_day() {
        let points = step_points(&[(day(2), 1), (day(5), 3)], day(9));
        assert_eq!(
            points,
            vec![
                [x(day(2)), 0.0],
                [x(day(2)), 1.0],
                [x(day(5)), 1.0],
                [x(day(5)), 3.0],
                [x(day(9)), 3.0],
            ]
        );
    }

    #[test]
    fn days_are_labelled_like_4_mar_and_years_by_their_number() {
        let mark = |d: NaiveDate, step_size| GridMark {
            value: x(d),
            step_size,
        };
        assert_eq!(day_label(mark(day(4), 1.0)), "4 Mar");
        let new_year = NaiveDate::from_ymd_opt(2027, 1, 1).expect("a valid day");
        assert_eq!(day_label(mark(new_year, YEAR)), "2027");
        assert_eq!(
            day_label(GridMark {
                value: f64::NAN,
                step_size: 1.0
            }),
            ""
        );
    }

    #[test]
    fn grid_lines_fall_on_mondays_for_a_few_weeks_and_stay_bounded_for_centuries() {
        // Two weeks across about 550 points: a day is ~39 points, too narrow for a label.
        let weeks = day_marks(GridInput {
            bounds: (x(day(1)), x(day(15))),
            base_step_size: 14.0 / 550.0 * GRID_MIN_POINTS,
        });
        let mondays: Vec<_> = weeks.iter().filter_map(|m| day_of(m.value)).collect();
        assert_eq!(mondays, vec![day(2), day(9)]);
        let centuries = day_marks(GridInput {
            bounds: (0.0, 1_000_000.0),
            base_step_size: 1_000_000.0 / 550.0 * GRID_MIN_POINTS,
        });
        assert!(!centuries.is_empty() && centuries.len() <= MAX_MARKS);
        let counts = count_marks(GridInput {
            bounds: (0.0, 11_000.0),
            base_step_size: 11_000.0 / 150.0 * GRID_MIN_POINTS,
        });
        assert!(
            counts
                .iter()
                .all(|m| m.value.fract() == 0.0 && m.value % 1000.0 == 0.0)
        );
    }
}
