//! The "This week" card: the milestones to work on now, each a click from being started or done.

use egui::{RichText, Ui};

use super::reviews::{REVIEW_ANSWERS, answer_name};
use super::{goal_title, row_ui, title_of};
use crate::plan::{self, Plan, hours_words};
use crate::progress::{MilestoneRef, Status};
use crate::ui::command::Command;
use crate::ui::theme;
use crate::workspace::Workspace;

/// What a row's button does.
#[derive(Clone, Copy)]
enum Act {
    Status(Status),
    StartTimer,
    StopTimer,
}

/// The accessible names of a row's timer buttons, which say whose timer they start or stop.
fn timer_name(title: &str) -> impl Fn(&str) -> Option<String> + '_ {
    move |label: &str| match label {
        "Timer" => Some(format!("Start the timer on “{title}”")),
        "Stop" => Some(format!("Stop the timer on “{title}” and log its time")),
        _ => None,
    }
}

/// This week: the milestones to work on now, in plan order, with the hours for each.
pub(super) fn week_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    plan: &Plan,
    commands: &mut Vec<Command>,
) {
    let week = &plan.week;
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "This week");
        let logged = format!(
            "{} h logged since Monday {}",
            hours_words(week.logged),
            week.starts.format("%-d %b")
        );
        // A week away has no hours of its own: "of your 0 h a week" would read as a setting.
        let caption = if week.away_until.is_some() && week.budget <= 0.0 {
            logged
        } else {
            format!(
                "{} h planned of your {} h a week · {logged}",
                hours_words(week.planned()),
                hours_words(week.budget),
            )
        };
        theme::caption(ui, caption);
        ui.add_space(4.0);
        if let Some(words) = week.away_words() {
            ui.add(egui::Label::new(RichText::new(words).strong()).wrap());
            if week.budget <= 0.0 {
                return;
            }
        }
        if week.budget <= 0.0 && plan.calendar.has_capacity() {
            ui.label("No hours this week: see your time off and busy weeks in Settings.");
            return;
        }
        if week.budget <= 0.0 {
            ui.label("Set the hours a week you have (in Settings) and the plan fills them.");
            return;
        }
        if week.items.is_empty() {
            ui.label("Nothing is waiting: adopt a goal, or pick any milestone in Curricula.");
            return;
        }
        let read_only = workspace.is_read_only();
        let machine = &workspace.device().id;
        // Start before Done, as they are read and seen, then the timer; a read-only window
        // shows them disabled.
        let actions = |m: &MilestoneRef, status: Status| -> &'static [(&'static str, Act)] {
            let timed = workspace.state().timer_on(m, machine).is_some();
            match (status == Status::Todo, timed) {
                (true, _) => &[
                    ("Start", Act::Status(Status::Doing)),
                    ("Done", Act::Status(Status::Done)),
                    ("Timer", Act::StartTimer),
                ],
                (false, false) => &[
                    ("Done", Act::Status(Status::Done)),
                    ("Timer", Act::StartTimer),
                ],
                (false, true) => &[
                    ("Done", Act::Status(Status::Done)),
                    ("Stop", Act::StopTimer),
                ],
            }
        };
        let mut act = |milestone: &MilestoneRef, clicked: Option<Act>| match clicked {
            Some(Act::Status(status)) => commands.push(Command::SetStatus {
                milestone: milestone.clone(),
                status,
            }),
            Some(Act::StartTimer) => commands.push(Command::StartTimer(milestone.clone())),
            Some(Act::StopTimer) => {
                if let Some(run) = workspace.state().timer_on(milestone, machine) {
                    commands.push(Command::StopTimer {
                        run: run.clone(),
                        hours: None,
                    });
                }
            }
            None => {}
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
                // A refresher ends as a review does: can the learner do it again now?
                plan::WeekKind::Review | plan::WeekKind::Refresher if !item.finished => {
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
                    super::reviews::check_ui(ui, workspace, &item.milestone);
                    (opened, None)
                }
                _ => {
                    let buttons =
                        if !item.finished && item.available && item.kind == plan::WeekKind::Work {
                            actions(&item.milestone, status)
                        } else {
                            &[]
                        };
                    let names = timer_name(&title);
                    row_ui(ui, status, &title, &caption, buttons, !read_only, &names)
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
            let names = timer_name(&title);
            let (opened, clicked) = row_ui(
                ui,
                status,
                &title,
                "next up",
                actions(next, status),
                !read_only,
                &names,
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
