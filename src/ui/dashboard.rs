//! The dashboard: overall progress, each goal against its target, what to do next, the progress
//! curve, this week's hours, the streak and recent activity.

use chrono::{Days, NaiveDate};
use egui::{RichText, Ui};

use super::app::{App, Command, weeks_from};
use super::curricula::{effort_words, round1};
use super::stats::local_day;
use super::theme;
use crate::plan::Outlook;
use crate::progress::{Event, Status};

/// How many "next up" items the dashboard lists.
const NEXT_UP: usize = 5;
const RECENT: usize = 8;

pub fn dashboard_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("dashboard")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Your path");
            theme::caption(
                ui,
                format!("Today is {}", app.derived.today.format("%A %-d %B %Y")),
            );
            ui.add_space(theme::CARD_GAP);
            summary_ui(ui, app);
            ui.add_space(theme::CARD_GAP);
            ui.columns(2, |columns| {
                let (left, right) = columns.split_at_mut(1);
                let left = &mut left[0];
                let right = &mut right[0];
                goals_ui(left, app, commands);
                left.add_space(theme::CARD_GAP);
                next_up_ui(left, app, commands);
                plot_ui(right, app);
                right.add_space(theme::CARD_GAP);
                recent_ui(right, app);
            });
        });
}

fn summary_ui(ui: &mut Ui, app: &App) {
    let (finished, total) = app.derived.overall;
    let stats = &app.derived.stats;
    let weekly = app.workspace.state.hours_per_week;
    ui.columns(3, |columns| {
        theme::card_frame(&columns[0]).show(&mut columns[0], |ui| {
            ui.set_width(ui.available_width());
            theme::card_title(ui, "Overall progress");
            let fraction = if total == 0 {
                0.0
            } else {
                finished as f32 / total as f32
            };
            ui.label(
                RichText::new(format!("{:.0} %", fraction * 100.0))
                    .size(22.0)
                    .strong(),
            );
            theme::progress_bar(ui, fraction);
            ui.label(format!(
                "{finished} of {total} milestones in your focus finished"
            ));
        });
        theme::card_frame(&columns[1]).show(&mut columns[1], |ui| {
            ui.set_width(ui.available_width());
            theme::card_title(ui, "This week");
            ui.label(
                RichText::new(format!("{} h", round1(stats.hours_this_week)))
                    .size(22.0)
                    .strong(),
            );
            ui.label(format!("of the {weekly} h a week you planned"));
        });
        theme::card_frame(&columns[2]).show(&mut columns[2], |ui| {
            ui.set_width(ui.available_width());
            theme::card_title(ui, "Streak");
            let days = stats.streak_days;
            ui.label(
                RichText::new(format!("{days} {}", if days == 1 { "day" } else { "days" }))
                    .size(22.0)
                    .strong(),
            );
            ui.label(if days == 0 {
                "Do one small thing today to start one."
            } else {
                "in a row with some progress"
            });
        });
    });
}

fn goals_ui(ui: &mut Ui, app: &App, commands: &mut Vec<Command>) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Goals");
        if app.derived.plan.goals.is_empty() {
            ui.label("No goals yet. Talk to your mentor to adopt one.");
            return;
        }
        let read_only = app.read_only();
        for forecast in &app.derived.plan.goals {
            let Some(goal) = app.workspace.state.goal(&forecast.goal) else {
                continue;
            };
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new(&goal.title).strong());
                theme::outlook_ui(ui, forecast.outlook);
            });
            let done = forecast
                .total_milestones
                .saturating_sub(forecast.remaining_milestones);
            let fraction = if forecast.total_milestones == 0 {
                1.0
            } else {
                done as f32 / forecast.total_milestones as f32
            };
            theme::progress_bar(ui, fraction);
            theme::caption(
                ui,
                format!("{done} of {} milestones done", forecast.total_milestones),
            );
            let about = if forecast.approximate { "about " } else { "" };
            let projection = match (forecast.outlook, forecast.projected_finish) {
                (Outlook::Reached, _) => "Every milestone is finished.".to_owned(),
                (Outlook::NoCapacity, _) => {
                    "Set your weekly hours to see when you will finish.".to_owned()
                }
                (_, Some(finish)) => format!(
                    "Projected to finish {} ({about}{} h left), target {}.",
                    day(finish),
                    round1(forecast.remaining_hours),
                    day(forecast.target)
                ),
                (_, None) => format!("Target {}.", day(forecast.target)),
            };
            ui.label(projection);
            if forecast.outlook == Outlook::AtRisk
                && let Some(finish) = forecast.projected_finish
            {
                let late = (finish - forecast.target).num_days();
                theme::caption(
                    ui,
                    format!("{late} days late at this pace: add hours a week or move the target."),
                );
            }
            ui.add_enabled_ui(!read_only, |ui| {
                ui.horizontal(|ui| {
                    let earlier = format!("Move “{}” a week earlier", goal.title);
                    if theme::named_small_button(ui, "Target −1 week", &earlier).clicked()
                        && let Some(target) = goal.target.checked_sub_days(Days::new(7))
                    {
                        commands.push(Command::SetGoalTarget {
                            goal: goal.id.clone(),
                            target,
                        });
                    }
                    let later = format!("Move “{}” a week later", goal.title);
                    if theme::named_small_button(ui, "Target +1 week", &later).clicked() {
                        commands.push(Command::SetGoalTarget {
                            goal: goal.id.clone(),
                            target: weeks_from(goal.target, 1),
                        });
                    }
                    let drop = format!("Drop “{}”", goal.title);
                    if theme::named_small_button(ui, "Drop goal", &drop).clicked() {
                        commands.push(Command::DropGoal {
                            goal: goal.id.clone(),
                        });
                    }
                });
            });
            if !goal.mentor_note.is_empty() {
                theme::caption(ui, format!("Mentor: “{}”", goal.mentor_note));
            }
            ui.separator();
        }
    });
}

fn next_up_ui(ui: &mut Ui, app: &App, commands: &mut Vec<Command>) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Next up");
        let next: Vec<_> = app.derived.next_up.iter().take(NEXT_UP).collect();
        if next.is_empty() {
            ui.label("Nothing is waiting: adopt a goal, or pick any milestone in Curricula.");
            return;
        }
        let read_only = app.read_only();
        for r in next {
            let Some((_, m)) = app.milestone(r) else {
                continue;
            };
            let status = app.workspace.state.status(r);
            ui.horizontal(|ui| {
                theme::status_ui(ui, status);
                if ui
                    .link(m.title.as_str())
                    .on_hover_text("Show in Curricula")
                    .clicked()
                {
                    commands.push(Command::Select(r.clone()));
                }
                theme::caption(
                    ui,
                    format!("{} · {}", m.kind.label(), effort_words(m.effort_hours)),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.add_enabled_ui(!read_only, |ui| {
                        if ui.button("Done").clicked() {
                            commands.push(Command::SetStatus {
                                milestone: r.clone(),
                                status: Status::Done,
                            });
                        }
                        if status == Status::Todo && ui.button("Start").clicked() {
                            commands.push(Command::SetStatus {
                                milestone: r.clone(),
                                status: Status::Doing,
                            });
                        }
                    });
                });
            });
        }
    });
}

fn plot_ui(ui: &mut Ui, app: &App) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Milestones done over time");
        let series = &app.derived.stats.done_over_time;
        if series.is_empty() {
            ui.label("Your progress curve starts with your first finished milestone.");
            return;
        }
        progress_chart_ui(ui, series, app.derived.today);
    });
}

/// A step chart of the running count, drawn with the painter.
///
/// egui_plot 0.37 is built on egui 0.36, so it cannot draw into this window's egui 0.37 `Ui`;
/// this stays until the crate moves to egui_plot 0.38.
fn progress_chart_ui(ui: &mut Ui, series: &[(NaiveDate, i64)], today: NaiveDate) {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), 180.0),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let text_color = visuals.weak_text_color();
    let grid = visuals.widgets.noninteractive.bg_stroke;
    let font = egui::FontId::proportional(11.0);
    let plot = egui::Rect::from_min_max(
        rect.min + egui::vec2(32.0, 8.0),
        rect.max - egui::vec2(8.0, 20.0),
    );
    let first = series.first().map_or(today, |(d, _)| *d);
    let last_day = today.max(series.last().map_or(today, |(d, _)| *d));
    let span_days = (last_day - first).num_days().max(1) as f32;
    let max = series.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f32;
    let to_screen = |day: NaiveDate, count: f32| {
        let x = plot.left() + plot.width() * ((day - first).num_days() as f32 / span_days);
        let y = plot.bottom() - plot.height() * (count / max);
        egui::pos2(x, y)
    };
    for frac in [0.0, 0.5, 1.0] {
        let y = plot.bottom() - plot.height() * frac;
        painter.hline(plot.x_range(), y, grid);
        painter.text(
            egui::pos2(plot.left() - 6.0, y),
            egui::Align2::RIGHT_CENTER,
            format!("{}", (max * frac).round()),
            font.clone(),
            text_color,
        );
    }
    for (day, align) in [
        (first, egui::Align2::LEFT_TOP),
        (last_day, egui::Align2::RIGHT_TOP),
    ] {
        painter.text(
            egui::pos2(to_screen(day, 0.0).x, plot.bottom() + 4.0),
            align,
            day.format("%-d %b").to_string(),
            font.clone(),
            text_color,
        );
    }
    let mut points = Vec::with_capacity(series.len() * 2 + 1);
    let mut count = 0.0;
    for (day, n) in series {
        points.push(to_screen(*day, count));
        count = *n as f32;
        points.push(to_screen(*day, count));
    }
    points.push(to_screen(last_day, count));
    let accent = theme::accent_of(ui);
    // The fill under a step line is a union of rectangles, drawn per step so it stays convex.
    for pair in points.windows(2) {
        if (pair[1].x - pair[0].x).abs() > 0.5 {
            painter.rect_filled(
                egui::Rect::from_min_max(
                    egui::pos2(pair[0].x, pair[0].y.min(pair[1].y)),
                    egui::pos2(pair[1].x, plot.bottom()),
                ),
                0.0,
                accent.gamma_multiply(0.15),
            );
        }
    }
    painter.add(egui::Shape::line(points, egui::Stroke::new(2.0, accent)));
    response.on_hover_text(format!(
        "{} milestones done by {}",
        count,
        last_day.format("%-d %b %Y")
    ));
}

fn day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

fn recent_ui(ui: &mut Ui, app: &App) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Recent activity");
        let state = &app.workspace.state;
        if state.activity.is_empty() {
            ui.label("Nothing yet — your changes will show here.");
            return;
        }
        for a in state.activity.iter().rev().take(RECENT) {
            let title = |r: &crate::progress::MilestoneRef| {
                app.milestone(r)
                    .map_or_else(|| r.to_string(), |(_, m)| m.title.clone())
            };
            let what = match &a.event {
                Event::StatusChanged { milestone, to, .. } => {
                    format!(
                        "{}: {}",
                        title(milestone),
                        theme::status_words(*to).to_lowercase()
                    )
                }
                Event::HoursLogged { milestone, hours } => {
                    format!("Logged {} h on {}", round1(*hours), title(milestone))
                }
                Event::GoalAdopted { goal } => format!("Adopted goal {goal}"),
                Event::GoalDropped { goal } => format!("Dropped goal {goal}"),
                Event::CurriculumImported {
                    curriculum,
                    revision,
                } => format!("Imported {curriculum} (revision {revision})"),
                Event::CurriculumRemoved { curriculum } => format!("Removed {curriculum}"),
                Event::CheckIn { date } => format!("Check-in with your mentor on {}", day(*date)),
            };
            ui.horizontal(|ui| {
                theme::caption(ui, local_day(a.at).format("%-d %b").to_string());
                ui.label(what);
            });
        }
    });
}
