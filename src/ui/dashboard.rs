//! The dashboard: this week's plan first, then each goal against its target with what it takes
//! when one is late, overall progress, the progress curve and recent activity. It draws the
//! plan; it computes nothing of its own.

use std::collections::HashSet;

use chrono::{Datelike, Days, Months, NaiveDate};
use egui::{RichText, Ui};
use egui_plot::{GridInput, GridMark};

use super::command::Command;
use super::theme;
use crate::plan::{self, GoalForecast, Outlook, Plan, day_words, hours_words, local_day};
use crate::progress::{Event, MilestoneRef, Status};
use crate::workspace::Workspace;

const RECENT: usize = 8;

/// The dashboard's own state: which goal's "what you already know" list is open, and what is
/// ticked in it.
#[derive(Debug, Default)]
pub struct Page {
    skipping: Option<String>,
    ticked: HashSet<MilestoneRef>,
}

pub fn dashboard_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    plan: &Plan,
    whats_new: Option<&crate::guide::WhatsNew>,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt("dashboard")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading("Your path");
                theme::caption(
                    ui,
                    format!("Today is {}", plan.today.format("%A %-d %B %Y")),
                );
            });
            ui.add_space(theme::CARD_GAP);
            if let Some(news) = whats_new {
                whats_new_ui(ui, workspace, news, commands);
                ui.add_space(theme::CARD_GAP);
            }
            if theme::is_narrow(ui) {
                week_ui(ui, workspace, plan, commands);
                ui.add_space(theme::CARD_GAP);
                overview_ui(ui, plan);
                ui.add_space(theme::CARD_GAP);
                reviews_ui(ui, workspace, plan, commands);
                goals_ui(ui, workspace, plan, page, commands);
                ui.add_space(theme::CARD_GAP);
                plot_ui(ui, plan);
                ui.add_space(theme::CARD_GAP);
                recent_ui(ui, workspace);
            } else {
                ui.columns_const(|[left, right]| {
                    week_ui(left, workspace, plan, commands);
                    left.add_space(theme::CARD_GAP);
                    goals_ui(left, workspace, plan, page, commands);
                    overview_ui(right, plan);
                    right.add_space(theme::CARD_GAP);
                    reviews_ui(right, workspace, plan, commands);
                    plot_ui(right, plan);
                    right.add_space(theme::CARD_GAP);
                    recent_ui(right, workspace);
                });
            }
        });
}

/// The title of a milestone, or its reference when no curriculum holds it.
fn title_of(workspace: &Workspace, r: &MilestoneRef) -> String {
    workspace
        .place(r)
        .and_then(|p| workspace.milestone_at(p))
        .map_or_else(|| r.to_string(), |m| m.title.clone())
}

fn goal_title<'w>(workspace: &'w Workspace, id: &'w str) -> &'w str {
    workspace.state().goal(id).map_or(id, |g| g.title.as_str())
}

/// This week: the milestones to work on now, in plan order, with the hours for each.
fn week_ui(ui: &mut Ui, workspace: &Workspace, plan: &Plan, commands: &mut Vec<Command>) {
    let week = &plan.week;
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "This week");
        theme::caption(
            ui,
            format!(
                "{} h planned of your {} h a week · {} h logged since Monday {}",
                hours_words(week.planned()),
                hours_words(week.budget),
                hours_words(week.logged),
                week.starts.format("%-d %b")
            ),
        );
        ui.add_space(4.0);
        if week.budget <= 0.0 {
            ui.label("Set the hours a week you have (in Settings) and the plan fills them.");
            return;
        }
        if week.items.is_empty() {
            ui.label("Nothing is waiting: adopt a goal, or pick any milestone in Curricula.");
            return;
        }
        let read_only = workspace.is_read_only();
        // Start before Done, as they are read and seen; a read-only window shows them disabled.
        let actions = |status: Status| -> &'static [(&'static str, Status)] {
            if status == Status::Todo {
                &[("Start", Status::Doing), ("Done", Status::Done)]
            } else {
                &[("Done", Status::Done)]
            }
        };
        let mut act = |milestone: &MilestoneRef, clicked: Option<Status>| {
            if let Some(status) = clicked {
                commands.push(Command::SetStatus {
                    milestone: milestone.clone(),
                    status,
                });
            }
        };
        let mut selected = None;
        let mut answered: Vec<(MilestoneRef, bool)> = Vec::new();
        for item in &week.items {
            let status = workspace.state().status(&item.milestone);
            let title = title_of(workspace, &item.milestone);
            let mut caption = item.note();
            if let Some(goal) = &item.goal {
                caption.push_str(&format!(" · for {}", goal_title(workspace, goal)));
            }
            let (opened, clicked) = match item.kind {
                plan::WeekKind::Review if !item.finished => {
                    let (opened, passed) = row_ui(
                        ui,
                        status,
                        &title,
                        &caption,
                        &REVIEW_ANSWERS,
                        !read_only,
                        &|label| Some(answer_name(label, &title)),
                    );
                    if let Some(passed) = passed {
                        answered.push((item.milestone.clone(), passed));
                    }
                    (opened, None)
                }
                _ => {
                    let buttons =
                        if !item.finished && item.available && item.kind == plan::WeekKind::Work {
                            actions(status)
                        } else {
                            &[]
                        };
                    row_ui(ui, status, &title, &caption, buttons, !read_only, &|_| None)
                }
            };
            act(&item.milestone, clicked);
            if opened {
                selected = Some(item.milestone.clone());
            }
        }
        // The week's hours are used up by what was done: say so, and what comes next.
        if week.items.iter().all(|i| i.finished)
            && let Some(next) = plan.next_up.first()
        {
            ui.add_space(4.0);
            ui.label("Your hours for this week are done. When you want more, this is next:");
            let status = workspace.state().status(next);
            let title = title_of(workspace, next);
            let (opened, clicked) = row_ui(
                ui,
                status,
                &title,
                "next up",
                actions(status),
                !read_only,
                &|_| None,
            );
            act(next, clicked);
            if opened {
                selected = Some(next.clone());
            }
        }
        for (milestone, passed) in answered {
            commands.push(Command::Review { milestone, passed });
        }
        if let Some(milestone) = selected {
            commands.push(Command::Select(milestone));
        }
    });
}

/// One row of a list: status, then the title as a link and a caption in the room the buttons
/// leave (cut short with "…"), then the buttons, right-aligned but laid out left to right. The
/// title comes first in reading and keyboard order, then the buttons as they are seen.
/// Returns whether the title was clicked, and what the clicked button stands for.
/// `name_of` gives a button the name a screen reader says, where its label alone would repeat
/// down the list ("Still can").
fn row_ui<T: Copy>(
    ui: &mut Ui,
    status: Status,
    title: &str,
    caption: &str,
    buttons: &[(&str, T)],
    enabled: bool,
    name_of: &dyn Fn(&str) -> Option<String>,
) -> (bool, Option<T>) {
    let mut opened = false;
    let mut clicked = None;
    ui.horizontal(|ui| {
        theme::status_ui(ui, status);
        let spacing = ui.spacing().item_spacing.x;
        // Room for the most buttons a row has, so that every title is cut at the same place.
        let room_for_buttons =
            theme::button_width(ui, "Done") + theme::button_width(ui, "Start") + 2.0 * spacing;
        let room = (ui.available_width() - room_for_buttons).max(80.0);
        let layout = egui::Layout::top_down(egui::Align::Min);
        ui.allocate_ui_with_layout(egui::vec2(room, 0.0), layout, |ui| {
            ui.set_max_width(room);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            opened = ui.link(title).on_hover_text("Show in Curricula").clicked();
            theme::caption(ui, caption);
        });
        let width: f32 = buttons
            .iter()
            .map(|(label, _)| theme::button_width(ui, label) + spacing)
            .sum();
        ui.add_space((ui.available_width() - width).max(0.0));
        ui.add_enabled_ui(enabled, |ui| {
            for (label, value) in buttons {
                let response = match name_of(label) {
                    Some(name) => theme::named_small_button(ui, label, &name),
                    None => ui.button(*label),
                };
                if response.clicked() {
                    clicked = Some(*value);
                }
            }
        });
    });
    (opened, clicked)
}

/// A review's two answers, as they are read: whether the learner can still do it.
const REVIEW_ANSWERS: [(&str, bool); 2] = [("Still can", true), ("Not yet", false)];

/// What a screen reader says for a review's answer, named for the skill it answers.
fn answer_name(label: &str, title: &str) -> String {
    if label == REVIEW_ANSWERS[0].0 {
        format!("I can still do “{title}”")
    } else {
        format!("I could not do “{title}” again")
    }
}

/// What settles a milestone that changed since it was finished.
const CHANGED_ANSWERS: [(&str, bool); 2] = [("Keep finished", false), ("Reopen", true)];

fn changed_name(label: &str, title: &str) -> String {
    if label == CHANGED_ANSWERS[0].0 {
        format!("Keep “{title}” finished")
    } else {
        format!("Reopen “{title}” to do it again")
    }
}

/// What is due for review today and what changed since the learner finished it, each one
/// click from its detail. Shown only when there is something.
fn reviews_ui(ui: &mut Ui, workspace: &Workspace, plan: &Plan, commands: &mut Vec<Command>) {
    let reviews = &plan.reviews;
    if reviews.due.is_empty() && reviews.changed.is_empty() {
        return;
    }
    let read_only = workspace.is_read_only();
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Reviews and changes");
        if !reviews.due.is_empty() {
            ui.label(match reviews.due_count {
                1 => "1 finished skill is due for review: can you still do it?".to_owned(),
                n => format!("{n} finished skills are due for review: can you still do them?"),
            });
        }
        for due in reviews.due.iter().take(5) {
            let title = title_of(workspace, &due.milestone);
            let done_when = workspace
                .place(&due.milestone)
                .and_then(|p| workspace.milestone_at(p))
                .map(|m| m.summary.clone())
                .unwrap_or_default();
            let caption = if due.lapsed {
                "after a refresher: the last review failed".to_owned()
            } else {
                format!("due {}", day_words(due.due))
            };
            let (opened, passed) = row_ui(
                ui,
                Status::Done,
                &title,
                &caption,
                &REVIEW_ANSWERS,
                !read_only,
                &|label| Some(answer_name(label, &title)),
            );
            if let Some(passed) = passed {
                commands.push(Command::Review {
                    milestone: due.milestone.clone(),
                    passed,
                });
            }
            if opened {
                commands.push(Command::Select(due.milestone.clone()));
            }
            if !done_when.is_empty() {
                theme::caption(
                    ui,
                    format!(
                        "The check: {}",
                        crate::curriculum::markdown::one_line(&done_when)
                    ),
                );
            }
        }
        for r in &reviews.changed {
            let Some(changed) = workspace
                .state()
                .milestone(r)
                .and_then(|p| p.changed.as_ref())
            else {
                continue;
            };
            ui.add_space(4.0);
            let title = title_of(workspace, r);
            let status = workspace.state().status(r);
            let caption = format!(
                "changed since you finished it (revision {} to {})",
                changed.from_revision, changed.to_revision
            );
            let (opened, reopen) = row_ui(
                ui,
                status,
                &title,
                &caption,
                &CHANGED_ANSWERS,
                !read_only,
                &|label| Some(changed_name(label, &title)),
            );
            if let Some(reopen) = reopen {
                commands.push(Command::ResolveChanged {
                    milestone: r.clone(),
                    reopen,
                });
            }
            if opened {
                commands.push(Command::Select(r.clone()));
            }
            egui::CollapsingHeader::new(format!("What changed in “{title}”"))
                .id_salt(("changed", r))
                .show(ui, |ui| changed_ui(ui, changed));
        }
    });
    ui.add_space(theme::CARD_GAP);
}

/// What an update changed, the text the learner finished beside the text now.
fn changed_ui(ui: &mut Ui, changed: &crate::progress::Changed) {
    egui::Grid::new("changed-grid")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("When you finished").strong());
            ui.label(RichText::new("Now").strong());
            ui.end_row();
            for (part, before, after) in changed.parts() {
                ui.label(part.words());
                ui.add(egui::Label::new(before).wrap());
                ui.add(egui::Label::new(after).wrap());
                ui.end_row();
            }
        });
}

/// Overall progress in the focus, the streak and the learner's pace.
fn overview_ui(ui: &mut Ui, plan: &Plan) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Overall progress");
        let focus = &plan.focus;
        ui.label(
            RichText::new(format!("{:.0} %", focus.fraction() * 100.0))
                .size(22.0)
                .strong(),
        );
        theme::progress_bar(ui, focus.fraction(), "Progress in your focus");
        ui.label(format!(
            "{} of {} milestones in your focus finished",
            focus.finished, focus.total
        ));
        ui.add_space(6.0);
        let days = plan.activity.streak_days;
        ui.label(if days == 0 {
            "No streak yet: do one small thing today to start one.".to_owned()
        } else {
            format!(
                "{days} {} in a row with some progress.",
                if days == 1 { "day" } else { "days" }
            )
        });
        ui.add_space(6.0);
        ui.add(egui::Label::new(plan.pace.words()).wrap());
    });
}

fn goals_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    plan: &Plan,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Goals, in the order you work on them");
        if plan.goals.is_empty() {
            ui.label("No goals yet. Talk to your mentor to adopt one.");
            return;
        }
        let count = workspace.state().goals.len();
        for (n, forecast) in plan.goals.iter().enumerate() {
            let Some(position) = workspace
                .state()
                .goals
                .iter()
                .position(|g| g.id == forecast.goal)
            else {
                continue;
            };
            if n > 0 {
                ui.separator();
            }
            goal_ui(
                ui,
                workspace,
                plan,
                forecast,
                (position, count),
                page,
                commands,
            );
        }
    });
}

fn goal_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    plan: &Plan,
    forecast: &GoalForecast,
    (position, count): (usize, usize),
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    let Some(goal) = workspace.state().goal(&forecast.goal) else {
        return;
    };
    let read_only = workspace.is_read_only();
    ui.horizontal_wrapped(|ui| {
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
    theme::progress_bar(ui, fraction, &format!("Progress of “{}”", goal.title));
    theme::caption(
        ui,
        format!("{done} of {} milestones done", forecast.total_milestones),
    );
    let about = if forecast.approximate { "about " } else { "" };
    let projection = match (
        forecast.outlook,
        forecast.likely_finish,
        forecast.late_finish,
    ) {
        (Outlook::Reached, ..) => "Every milestone is finished.".to_owned(),
        (Outlook::NoCapacity, ..) => {
            "Set your hours a week to see when you will finish.".to_owned()
        }
        (_, Some(likely), Some(late)) => format!(
            "Likely done {}, by {} if it goes badly ({about}{} h left).",
            day_words(likely),
            day_words(late),
            hours_words(forecast.hours_left.likely.round())
        ),
        _ => String::new(),
    };
    ui.add(egui::Label::new(projection).wrap());
    if !forecast.after.is_empty() {
        let names: Vec<&str> = forecast
            .after
            .iter()
            .map(|g| goal_title(workspace, g))
            .collect();
        theme::caption(
            ui,
            format!(
                "Planned after {}, whose milestones it needs.",
                names.join(", ")
            ),
        );
    }
    ui.add_enabled_ui(!read_only, |ui| {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Target");
            let name = format!("Target of “{}”", goal.title);
            if let Some(target) = theme::date_picker_ui(
                ui,
                &format!("target-{}", goal.id),
                goal.target,
                plan.today,
                &name,
            ) {
                commands.push(Command::SetGoalTarget {
                    goal: goal.id.clone(),
                    target,
                });
            }
            let _ = label;
            let earlier = format!("Work on “{}” earlier", goal.title);
            if position > 0 && theme::named_small_button(ui, "Earlier", &earlier).clicked() {
                commands.push(Command::MoveGoal {
                    goal: goal.id.clone(),
                    up: true,
                });
            }
            let later = format!("Work on “{}” later", goal.title);
            if position + 1 < count && theme::named_small_button(ui, "Later", &later).clicked() {
                commands.push(Command::MoveGoal {
                    goal: goal.id.clone(),
                    up: false,
                });
            }
            let drop = format!("Drop “{}” (Ctrl+Z undoes it)", goal.title);
            if theme::named_small_button(ui, "Drop goal", &drop).clicked() {
                commands.push(Command::DropGoal {
                    goal: goal.id.clone(),
                });
            }
        });
        if let Some(advice) = &forecast.advice {
            advice_ui(ui, workspace, forecast, advice, page, commands);
        }
    });
    if !goal.mentor_note.is_empty() {
        egui::CollapsingHeader::new("Mentor's note")
            .id_salt(("mentor-note", &goal.id))
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(RichText::new(format!("“{}”", goal.mentor_note)).italics())
                        .wrap(),
                );
            });
    }
}

/// What it takes to make a late goal's target, with a button that applies each remedy.
fn advice_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    forecast: &GoalForecast,
    advice: &plan::Advice,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    theme::banner_frame(ui, theme::Severity::Warning).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.add(egui::Label::new(advice.words(forecast.target)).wrap());
        ui.horizontal_wrapped(|ui| {
            if let Some(hours) = advice.hours_per_week
                && ui
                    .button(format!("Plan {} h a week", hours_words(hours)))
                    .clicked()
            {
                commands.push(Command::SetHoursPerWeek(hours));
            }
            if ui
                .button(format!(
                    "Move the target to {}",
                    day_words(advice.move_target_to)
                ))
                .clicked()
            {
                commands.push(Command::SetGoalTarget {
                    goal: forecast.goal.clone(),
                    target: advice.move_target_to,
                });
            }
            let open = page.skipping.as_deref() == Some(forecast.goal.as_str());
            if !advice.skippable.is_empty()
                && ui
                    .selectable_label(open, "Choose what you already know…")
                    .clicked()
            {
                page.skipping = (!open).then(|| forecast.goal.clone());
                page.ticked.clear();
            }
        });
        if page.skipping.as_deref() != Some(forecast.goal.as_str()) {
            return;
        }
        theme::caption(ui, "Tick what you could already show, and skip it:");
        for r in &advice.skippable {
            let mut on = page.ticked.contains(r);
            if ui.checkbox(&mut on, title_of(workspace, r)).changed() {
                if on {
                    page.ticked.insert(r.clone());
                } else {
                    page.ticked.remove(r);
                }
            }
        }
        let ticked: Vec<MilestoneRef> = advice
            .skippable
            .iter()
            .filter(|r| page.ticked.contains(r))
            .cloned()
            .collect();
        let label = format!("Skip the {} ticked", ticked.len());
        if ui
            .add_enabled(!ticked.is_empty(), egui::Button::new(label))
            .clicked()
        {
            commands.push(Command::SkipMilestones(ticked));
            page.skipping = None;
            page.ticked.clear();
        }
    });
}

fn plot_ui(ui: &mut Ui, plan: &Plan) {
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
    let shown = egui_plot::Plot::new("progress_over_time")
        .height(CHART_HEIGHT)
        .width(ui.available_width())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_axis_zoom_drag(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .sense(egui::Sense::hover())
        .default_x_bounds(x_min - 0.5, x_max + 0.5)
        .default_y_bounds(0.0, max as f64 * 1.1)
        // The bounds are the data's, every frame: a plot keeps the bounds it first showed in
        // its memory, and the line ran off the top after more milestones were done.
        .reset()
        .grid_spacing(GRID_MIN_POINTS as f32..=300.0)
        .grid_color(grid)
        .x_grid_spacer(day_marks)
        .y_grid_spacer(count_marks)
        .y_axis_formatter(|mark, _| count_label(mark.value))
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .formatter(|mark, _| day_label(mark))
                .label_spacing(40.0..=48.0)
                .tick_label_color(muted),
        ])
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

fn day_of(x: f64) -> Option<NaiveDate> {
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

fn recent_ui(ui: &mut Ui, workspace: &Workspace) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Recent activity");
        let state = &workspace.state();
        if state.activity.is_empty() {
            ui.label("Nothing yet — your changes will show here.");
            return;
        }
        for a in state.activity.iter().rev().take(RECENT) {
            let title = |r: &MilestoneRef| title_of(workspace, r);
            let what = match &a.event {
                Event::StatusChanged { milestone, to, .. } => {
                    format!(
                        "{}: {}",
                        title(milestone),
                        theme::status_words(*to).to_lowercase()
                    )
                }
                Event::HoursLogged { milestone, hours } => {
                    format!("Logged {} h on {}", hours_words(*hours), title(milestone))
                }
                Event::GoalAdopted { goal } => {
                    format!("Adopted the goal “{}”", goal_title(workspace, goal))
                }
                Event::GoalDropped { goal } => format!("Dropped a goal ({goal})"),
                Event::CurriculumImported {
                    curriculum,
                    revision,
                } => format!("Imported {curriculum} (revision {revision})"),
                Event::CurriculumRemoved { curriculum } => format!("Removed {curriculum}"),
                Event::Reviewed { milestone, passed } => format!(
                    "Reviewed {}: {}",
                    title(milestone),
                    if *passed {
                        "still solid"
                    } else {
                        "needs a refresher"
                    }
                ),
                Event::CheckIn { date } => {
                    format!("Check-in with your mentor on {}", day_words(*date))
                }
            };
            ui.horizontal_top(|ui| {
                theme::caption(ui, local_day(a.at).format("%-d %b").to_string());
                ui.add(egui::Label::new(what).wrap());
            });
        }
    });
}

/// "What's new in the path": what a new revision of a bundled curriculum brought, with the
/// new goal order offered, never imposed.
fn whats_new_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    news: &crate::guide::WhatsNew,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "What's new in the path");
        ui.add(
            egui::Label::new(format!(
                "{} is now at revision {}. Your {} finished {} stay finished.",
                news.title,
                news.revision,
                news.finished,
                if news.finished == 1 {
                    "milestone"
                } else {
                    "milestones"
                }
            ))
            .wrap(),
        );
        if !news.note.is_empty() {
            ui.add(egui::Label::new(&news.note).wrap());
        }
        for (part, whole) in &news.split {
            ui.add(
                egui::Label::new(format!(
                    "“{part}” counts as finished: you finished “{whole}”, which it was part of."
                ))
                .wrap(),
            );
        }
        if !news.aside.is_empty() {
            ui.add(
                egui::Label::new(format!(
                    "No longer in the path, your progress kept aside: {}.",
                    news.aside.join(", ")
                ))
                .wrap(),
            );
        }
        let read_only = workspace.is_read_only();
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            if let Some(profile) = &news.new_path {
                let goals = profile.goals.len();
                if ui
                    .add_enabled(!read_only, egui::Button::new("Use the new goal order"))
                    .on_hover_text(format!(
                        "Your goals become the new path's {goals} goals for your focus, in its order, each with a target you can reach; your own goals stay. Ctrl+Z takes it back."
                    ))
                    .clicked()
                {
                    commands.push(Command::UseNewPath(Box::new(profile.clone())));
                }
            }
            if ui
                .add_enabled(!read_only, egui::Button::new("Keep my goals"))
                .clicked()
            {
                commands.push(Command::DismissWhatsNew);
            }
        });
    });
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
