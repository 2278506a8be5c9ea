//! The study timer in the window: a strip under the top bar, on every screen, naming what runs
//! and for how long, with Stop; and, for a session too long to log on its own, the question
//! how long it really was. Repaints once a minute while a timer runs, never more.

use chrono::{DateTime, Local, Utc};
use egui::{RichText, Ui};

use super::command::Command;
use super::theme;
use crate::progress::TimerRun;
use crate::progress::timer::duration_words;
use crate::workspace::Workspace;

/// What the strip keeps between frames: the session it asks about, and the hours typed.
#[derive(Default)]
pub struct TimerUi {
    pub asking: Option<TimerRun>,
    hours: String,
    error: Option<String>,
}

impl TimerUi {
    /// Asks how long `run` really was (it ran longer than a session).
    pub fn ask(&mut self, run: TimerRun) {
        self.asking = Some(run);
        self.hours.clear();
        self.error = None;
    }
}

/// The strip: one line for each timer running, or nothing when none runs.
pub fn timer_strip_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    now: DateTime<Utc>,
    timer: &mut TimerUi,
    commands: &mut Vec<Command>,
) {
    let state = workspace.state();
    if timer
        .asking
        .as_ref()
        .is_some_and(|a| !state.timers.contains(a))
    {
        timer.asking = None;
    }
    if state.timers.is_empty() {
        return;
    }
    // The minutes shown change when a timer's next whole minute is up: wake then, not sooner.
    let to_next_minute = state
        .timers
        .iter()
        .map(|t| 60 - (now - t.started).num_seconds().rem_euclid(60))
        .min()
        .unwrap_or(60);
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs(
            u64::try_from(to_next_minute).unwrap_or(60),
        ));
    let enabled = !workspace.is_read_only();
    let this_machine = &workspace.device().id;
    // This machine's first. A synced folder could hold any number of them: a few, then how many more.
    const SHOWN: usize = 3;
    let mut timers: Vec<&TimerRun> = state.timers.iter().collect();
    timers.sort_by_key(|t| t.machine != *this_machine);
    for run in timers.into_iter().take(SHOWN) {
        let title = workspace.title_of(&run.milestone);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Timer").strong().color(theme::accent_of(ui)));
            ui.label(format!("“{title}”"));
            let mut when = format!(
                "since {} · {}",
                run.started.with_timezone(&Local).format("%H:%M"),
                duration_words(run.minutes(now))
            );
            if run.machine != *this_machine {
                when.push_str(&format!(
                    " · started on {}",
                    workspace.machine_name(&run.machine)
                ));
            }
            theme::caption(ui, when);
            ui.add_enabled_ui(enabled, |ui| {
                let name = format!("Stop the timer on “{title}” and log its time");
                if theme::named_small_button(ui, "Stop timer", &name).clicked() {
                    commands.push(Command::StopTimer {
                        run: run.clone(),
                        hours: None,
                    });
                }
            });
        });
        if timer.asking.as_ref() == Some(run) {
            ask_ui(ui, run, &title, now, timer, commands);
        }
    }
    if let Some(more) = state.timers.len().checked_sub(SHOWN).filter(|n| *n > 0) {
        theme::caption(
            ui,
            format!(
                "and {more} more timers running on your other machines (`waymark timer` lists them)"
            ),
        );
    }
}

/// A session longer than six hours: how many hours were studied (0: none).
fn ask_ui(
    ui: &mut Ui,
    run: &TimerRun,
    title: &str,
    now: DateTime<Utc>,
    timer: &mut TimerUi,
    commands: &mut Vec<Command>,
) {
    theme::banner_frame(ui, theme::Severity::Warning).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(format!(
            "The timer on “{title}” ran {}, longer than a study session. Was it left running? Say how many hours you studied.",
            duration_words(run.minutes(now))
        ));
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Hours studied");
            let edit = ui
                .add(egui::TextEdit::singleline(&mut timer.hours).desired_width(60.0))
                .labelled_by(label.id);
            let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Log them").clicked() || entered {
                match crate::progress::profile::check_hours(
                    timer.hours.trim().parse().unwrap_or(f64::NAN),
                ) {
                    Ok(hours) => {
                        commands.push(Command::StopTimer {
                            run: run.clone(),
                            hours: Some(hours),
                        });
                        timer.asking = None;
                    }
                    Err(_) => {
                        timer.error = Some(format!(
                            "“{}” is not a number of hours: type one like 1.5.",
                            timer.hours.trim()
                        ));
                    }
                }
            }
            if ui.button("Log nothing").clicked() {
                commands.push(Command::StopTimer {
                    run: run.clone(),
                    hours: Some(0.0),
                });
                timer.asking = None;
            }
            if ui.button("Keep it running").clicked() {
                timer.asking = None;
            }
        });
        if let Some(error) = &timer.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
    });
}
