//! A goal's forecast as a picture: the chance of finishing by each date, with the target
//! marked, the chance by it in words, and for a goal at risk the cut line — which of its
//! milestones end by the target with 90% confidence. The numbers are the plan's
//! (`GoalForecast::date_at`, `chance_by`, `by_target`), as `waymark forecast` prints them.

use chrono::Datelike;
use egui::Ui;

use super::chart::{calendar_plot, day_of};
use crate::plan::{GoalForecast, Outlook, Plan, day_words};
use crate::ui::theme;
use crate::workspace::Workspace;

const HEIGHT: f32 = 140.0;

pub(super) fn forecast_ui(ui: &mut Ui, workspace: &Workspace, plan: &Plan, f: &GoalForecast) {
    if matches!(f.outlook, Outlook::Reached | Outlook::NoCapacity) {
        return;
    }
    let calendar = &plan.calendar;
    let title = workspace
        .state()
        .goal(&f.goal)
        .map_or(f.goal.as_str(), |g| g.title.as_str());
    let header = egui::CollapsingHeader::new("Chance by date")
        .id_salt(("forecast", &f.goal))
        .show(ui, |ui| {
            // To 95%: the long tail past it would squeeze the part that matters.
            let points: Vec<[f64; 2]> = (1..=95)
                .filter_map(|percent| {
                    let chance = f64::from(percent) / 100.0;
                    let day = f.date_at(chance, calendar)?;
                    Some([f64::from(day.num_days_from_ce()), f64::from(percent)])
                })
                .collect();
            let (Some(first), Some(last)) = (points.first(), points.last()) else {
                return;
            };
            let target = f64::from(f.target.num_days_from_ce());
            let x_min = first[0].min(target) - 3.0;
            let x_max = last[0].max(target) + 3.0;
            let accent = theme::accent_of(ui);
            let muted = theme::muted(ui);
            let target_color = theme::outlook_color(ui, f.outlook);
            let chance = f.chance_by(f.target, calendar).unwrap_or(0.0);
            let shown = calendar_plot(("forecast-plot", &f.goal), HEIGHT, ui.available_width(), muted)
                .default_x_bounds(x_min, x_max)
                .default_y_bounds(0.0, 100.0)
                .y_grid_spacer(|_| {
                    [0.0, 25.0, 50.0, 75.0, 100.0]
                        .map(|value| egui_plot::GridMark {
                            value,
                            step_size: 25.0,
                        })
                        .to_vec()
                })
                .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
                .label_formatter(|position| {
                    let (egui_plot::HoverPosition::NearDataPoint { position, .. }
                    | egui_plot::HoverPosition::Elsewhere { position }) = position;
                    let day = day_of(position.x.round())?;
                    let by = f.chance_by(day, calendar)?;
                    Some(format!("{:.0}% by {}", by * 100.0, day_words(day)))
                })
                .show(ui, |plot| {
                    plot.line(
                        egui_plot::Line::new("Chance of finishing", points.clone())
                            .color(accent)
                            .width(2.0),
                    );
                    plot.vline(
                        egui_plot::VLine::new("Target", target)
                            .color(target_color)
                            .width(1.5),
                    );
                });
            let likely = f.date_at(0.5, calendar);
            let late = f.date_at(0.9, calendar);
            let words = format!(
                "{:.0}% chance by the target, {}.",
                (chance * 100.0).floor(),
                day_words(f.target)
            );
            let name = format!(
                "Chance of finishing “{title}” by each date: half by {}, 90% by {}; {words}",
                likely.map_or_else(String::new, day_words),
                late.map_or_else(String::new, day_words),
            );
            shown
                .response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
            ui.label(words);
            if let Some(cut) = &f.by_target
                && let Some(first_out) = &cut.first_out
            {
                ui.add(
                    egui::Label::new(format!(
                        "By the target, 90% sure: {} of its {} remaining milestones. “{}” and what comes after it would not make it.",
                        cut.fit,
                        cut.of,
                        workspace.title_of(first_out)
                    ))
                    .wrap(),
                );
            }
        });
    // Each goal has one: a screen reader hears whose it is.
    header.header_response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::DisclosureTriangle,
            true,
            format!("Chance by date of “{title}”"),
        )
    });
}
