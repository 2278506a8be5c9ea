//! Hours a day over the last six months, as a grid of days: a column a week, Monday at the
//! top, each day as dark as the hours logged on it. One image for a screen reader, which says
//! what it shows in a sentence; each day says its date and hours under the pointer.

use chrono::{Datelike, Days};
use egui::{Sense, Ui};

use crate::plan::{HEATMAP_WEEKS, Plan, day_words, hours_words};
use crate::ui::theme;

const CELL: f32 = 11.0;
const GAP: f32 = 2.0;

pub(super) fn heatmap_ui(ui: &mut Ui, plan: &Plan) {
    let monday = plan.activity.week_start;
    // As many weeks as fit, the latest always: a narrow card shows fewer months, and says so.
    let fit = ((ui.available_width() + GAP) / (CELL + GAP))
        .floor()
        .max(1.0) as u64;
    let weeks = HEATMAP_WEEKS.min(fit);
    let from = monday - Days::new((weeks - 1) * 7);
    let first = from;
    let days = &plan.activity.hours_by_day;
    let shown = || days.range(from..).map(|(_, h)| *h);
    let most = shown().fold(0.0_f64, f64::max);
    let total: f64 = shown().sum();
    let studied = shown().filter(|h| *h > 0.0).count();
    let size = egui::vec2(weeks as f32 * (CELL + GAP) - GAP, 7.0 * (CELL + GAP) - GAP);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let name = format!(
        "Hours a day since {}: {studied} {} with study, {} h in all",
        day_words(first),
        if studied == 1 { "day" } else { "days" },
        hours_words(total)
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    let painter = ui.painter_at(rect);
    let accent = theme::accent_of(ui);
    let empty = ui.visuals().faint_bg_color;
    let mut hovered = None;
    for week in 0..weeks {
        for weekday in 0..7u64 {
            let Some(day) = from.checked_add_days(Days::new(week * 7 + weekday)) else {
                continue;
            };
            if day > plan.today {
                continue;
            }
            let min =
                rect.min + egui::vec2(week as f32 * (CELL + GAP), weekday as f32 * (CELL + GAP));
            let cell = egui::Rect::from_min_size(min, egui::vec2(CELL, CELL));
            let hours = days.get(&day).copied().unwrap_or(0.0);
            let fill = if hours > 0.0 && most > 0.0 {
                // Never fainter than a quarter, so that a short session still shows.
                let share = 0.25 + 0.75 * (hours / most).min(1.0) as f32;
                accent.gamma_multiply(share)
            } else {
                empty
            };
            painter.rect_filled(cell, 2.0, fill);
            if response.hover_pos().is_some_and(|p| cell.contains(p)) {
                hovered = Some((day, hours));
                painter.rect_stroke(
                    cell,
                    2.0,
                    egui::Stroke::new(1.0, ui.visuals().strong_text_color()),
                    egui::StrokeKind::Outside,
                );
            }
        }
    }
    if let Some((day, hours)) = hovered {
        response.on_hover_text(format!(
            "{} {}: {} h",
            day.weekday(),
            day_words(day),
            hours_words(hours)
        ));
    }
}
