//! The goal cards: each goal against its target, and what it takes when one is late.

use egui::{RichText, Ui};

use super::{Page, goal_title, title_of};
use crate::plan::{self, GoalForecast, Outlook, Plan, day_words, hours_words};
use crate::progress::MilestoneRef;
use crate::ui::command::Command;
use crate::ui::date_picker::DatePicker;
use crate::ui::theme;
use crate::workspace::Workspace;

pub(super) fn goals_ui(
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
            // What actually adopts goals: the guide, which proposes them for the focus, or
            // the learner's own.
            ui.label("No goals yet. Waymark's guide proposes goals for what you want to do, or make one of your own.");
            if !workspace.is_read_only() && page.new_goal.is_none() {
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Propose goals for me").clicked() {
                        commands.push(Command::OpenOnboarding);
                    }
                    if ui.button("Make a goal of my own…").clicked() {
                        page.new_goal = Some(super::new_goal::Form::default());
                    }
                });
            }
            new_goal_ui(ui, workspace, plan, page, commands);
            return;
        }
        // At the top, where a long list of goals does not hide it.
        if page.new_goal.is_none() {
            let clicked = ui
                .horizontal(|ui| {
                    !workspace.is_read_only() && ui.button("Make a goal of my own…").clicked()
                })
                .inner;
            if clicked {
                page.new_goal = Some(super::new_goal::Form::default());
            }
        } else {
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                new_goal_ui(ui, workspace, plan, page, commands);
            });
        }
        ui.add_space(4.0);
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

fn new_goal_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    plan: &Plan,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    let Some(form) = &mut page.new_goal else {
        return;
    };
    ui.add_space(4.0);
    if super::new_goal::form_ui(ui, workspace, plan.today, form, commands) {
        page.new_goal = None;
    }
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
    super::forecast::forecast_ui(ui, workspace, plan, forecast);
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
            ui.label("Target");
            let name = format!("Target of “{}”", goal.title);
            if let Some(target) = DatePicker::new(&format!("target-{}", goal.id), &name, plan.today)
                .earliest(plan.today)
                .show(ui, goal.target)
            {
                commands.push(Command::SetGoalTarget {
                    goal: goal.id.clone(),
                    target,
                });
            }
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
        egui::CollapsingHeader::new("Why this goal")
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
        let now = workspace.state().hours_per_week;
        let asking = page.confirming_hours.as_deref() == Some(forecast.goal.as_str());
        ui.horizontal_wrapped(|ui| {
            if let Some(hours) = advice.hours_per_week
                && !asking
                && ui
                    .button(format!("Plan {} h a week", hours_words(hours)))
                    .clicked()
            {
                if multiplies(now, hours) {
                    page.confirming_hours = Some(forecast.goal.clone());
                } else {
                    commands.push(Command::PlanHoursPerWeek(hours));
                }
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
        if let Some(hours) = advice.hours_per_week.filter(|_| asking) {
            ui.add(
                egui::Label::new(format!(
                    "That is {} times the {} h a week you have now. Plan {} h a week for every \
                     goal?",
                    times_words(hours / now),
                    hours_words(now),
                    hours_words(hours)
                ))
                .wrap(),
            );
            ui.horizontal_wrapped(|ui| {
                if theme::primary_button(ui, &format!("Plan {} h a week", hours_words(hours)))
                    .clicked()
                {
                    commands.push(Command::PlanHoursPerWeek(hours));
                    page.confirming_hours = None;
                }
                if ui
                    .button(format!("Keep {} h a week", hours_words(now)))
                    .clicked()
                {
                    page.confirming_hours = None;
                }
            });
        }
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

/// Whether going from `now` to `hours` a week multiplies the learner's commitment (half as
/// much again or more), which a remedy asks about before it changes it.
fn multiplies(now: f64, hours: f64) -> bool {
    hours >= now * 1.5 && hours - now >= 2.0
}

/// A factor as words: "2.5", "3".
fn times_words(factor: f64) -> String {
    hours_words((factor * 10.0).round() / 10.0)
}
