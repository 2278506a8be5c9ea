//! The shell's part of the learner's time: the study timer, time away and busy weeks, and the
//! study days and calendar file; each a change through the one write path or a file written by
//! [`crate::calendar`].

use super::App;
use crate::ui::command::Command;
use crate::ui::theme::Severity;
use crate::workspace::Change;

impl App {
    pub(super) fn run_time(&mut self, ctx: &egui::Context, command: Command) {
        let now = self.now();
        match command {
            Command::SetStudyTimes(times) => {
                self.change(ctx, Change::SetStudyTimes(times));
            }
            Command::SaveCalendar(path) => {
                let (severity, text) =
                    match crate::calendar::write(&self.workspace, &path, (self.clock)()) {
                        Ok(()) => (
                            Severity::Info,
                            format!("Saved the calendar to {}.", path.display()),
                        ),
                        Err(e) => (Severity::Error, format!("Could not save the calendar: {e}")),
                    };
                self.toast(ctx, severity, text, false);
            }
            Command::KeepCalendar(path) => {
                let (severity, text) = match self
                    .workspace
                    .keep_calendar(path.as_deref(), (self.clock)())
                {
                    Ok(Some(path)) => (
                        Severity::Info,
                        format!(
                            "The calendar at {} is kept current after every change.",
                            path.display()
                        ),
                    ),
                    Ok(None) => (
                        Severity::Info,
                        "The calendar file is no longer kept current.".to_owned(),
                    ),
                    Err(e) => (Severity::Error, format!("Could not keep the calendar: {e}")),
                };
                self.toast(ctx, severity, text, false);
            }
            Command::AddPeriod(period) => self.change_said(ctx, Change::AddPeriod(period)),
            Command::ReplacePeriod(index, period) => {
                self.change_said(ctx, Change::ReplacePeriod { index, period });
            }
            Command::RemovePeriod(index) => self.change_said(ctx, Change::RemovePeriod(index)),
            Command::StartTimer(milestone) => {
                // This machine's timer on another milestone stops first: when it ran too long
                // to log on its own, the learner says how long it was before the new one starts.
                let own = self
                    .workspace
                    .state()
                    .timer_of(&self.workspace.device().id)
                    .filter(|t| t.milestone != milestone && t.too_long(now))
                    .cloned();
                match own {
                    Some(run) => self.timer.ask(run),
                    None => self.change_said(ctx, Change::StartTimer(milestone)),
                }
            }
            Command::StopTimer { run, hours } => {
                if hours.is_none() && run.too_long(now) {
                    self.timer.ask(run);
                } else {
                    let change = Change::StopTimer {
                        run,
                        hours,
                        note: String::new(),
                    };
                    self.change_said(ctx, change);
                }
            }
            _ => {}
        }
    }
}
