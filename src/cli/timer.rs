//! `waymark timer`: the study timer, one change through the one write path per start or stop.

use std::cell::Cell;
use std::path::Path;

use chrono::{DateTime, Local, Utc};

use super::changes::parse_milestone;
use super::{CliError, Outcome, TimerAction, apply, open_read_only};
use crate::progress::timer::hours_figure;
use crate::progress::{MilestoneRef, TimerRun};
use crate::workspace::Change;

pub(super) fn timer(
    data_dir: &Path,
    action: Option<TimerAction>,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    match action {
        None => show(data_dir, now, out),
        Some(TimerAction::Start { milestone }) => start(data_dir, &milestone, now, out),
        Some(TimerAction::Stop {
            milestone,
            note,
            hours,
        }) => {
            let only = milestone.as_deref().map(parse_milestone).transpose()?;
            let hours = hours.as_deref().map(parse_session_hours).transpose()?;
            stop(
                data_dir,
                only.as_ref(),
                hours,
                note.unwrap_or_default(),
                now,
                out,
            )
        }
    }
}

/// `CURRICULUM/MILESTONE<TAB>since HH:MM<TAB>N min`, one line for each timer running.
fn show(
    data_dir: &Path,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let timers = &workspace.state().timers;
    if timers.is_empty() {
        super::warn(format_args!(
            "No timer runs. `waymark timer start CURRICULUM/MILESTONE` starts one."
        ));
    }
    for t in timers {
        writeln!(
            out,
            "{}\tsince {}\t{} min",
            t.milestone,
            t.started.with_timezone(&Local).format("%H:%M"),
            t.minutes(now)
        )?;
    }
    Ok(Outcome::Ok)
}

fn start(
    data_dir: &Path,
    milestone: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let m = parse_milestone(milestone)?;
    let stopped: Cell<Option<(TimerRun, f64)>> = Cell::new(None);
    let (workspace, applied) = apply(data_dir, now, |ws| {
        let own = ws.state().timer_of(&ws.device().id);
        stopped.set(
            own.filter(|t| t.milestone != m)
                .map(|t| (t.clone(), t.hours(now))),
        );
        Ok(Change::StartTimer(m.clone()))
    })?;
    if let Some((run, hours)) = stopped.take().filter(|_| applied.changed) {
        logged(out, &run.milestone, hours)?;
    }
    let since = workspace
        .state()
        .timer_of(&workspace.device().id)
        .map_or(now, |t| t.started);
    let already = if applied.changed { "" } else { "already " };
    writeln!(
        out,
        "{m}: timer {already}running since {}",
        since.with_timezone(&Local).format("%H:%M")
    )?;
    Ok(Outcome::Ok)
}

fn stop(
    data_dir: &Path,
    only: Option<&MilestoneRef>,
    hours: Option<f64>,
    note: String,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let runs: Vec<TimerRun> = {
        let workspace = open_read_only(data_dir)?;
        let state = workspace.state();
        let runs = match only {
            Some(m) => state.timers.iter().filter(|t| t.milestone == *m).collect(),
            None => state.timers_to_stop(&workspace.device().id),
        };
        runs.into_iter().cloned().collect()
    };
    if runs.is_empty() {
        return Err(CliError::Refused(match only {
            Some(m) => format!("no timer runs on {m}; `waymark timer` lists those that run"),
            None => "no timer runs; `waymark timer start CURRICULUM/MILESTONE` starts one".into(),
        }));
    }
    if runs.len() > 1 && hours.is_some() {
        return Err(CliError::Failed(format!(
            "{} timers run ({}): give --hours for one of them at a time, by its CURRICULUM/MILESTONE",
            runs.len(),
            runs.iter()
                .map(|t| t.milestone.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    for run in runs {
        let logged_hours = hours.unwrap_or_else(|| run.hours(now));
        apply(data_dir, now, |_| {
            Ok(Change::StopTimer {
                run: run.clone(),
                hours,
                note: note.clone(),
            })
        })?;
        logged(out, &run.milestone, logged_hours)?;
    }
    Ok(Outcome::Ok)
}

fn logged(out: &mut dyn std::io::Write, m: &MilestoneRef, hours: f64) -> std::io::Result<()> {
    if hours > 0.0 {
        writeln!(out, "{m}: {} h logged", hours_figure(hours))
    } else {
        writeln!(out, "{m}: timer stopped, nothing logged")
    }
}

/// A session's hours: a number from 0 (nothing logged) up to what a log may hold.
fn parse_session_hours(text: &str) -> Result<f64, CliError> {
    let bad = || {
        CliError::Failed(format!(
            "\"{text}\" is not a number of hours: give one like 1.5, or 0 to log nothing"
        ))
    };
    let h: f64 = text.trim().parse().map_err(|_| bad())?;
    if h == 0.0 {
        return Ok(0.0);
    }
    crate::progress::profile::check_hours(h).map_err(|_| bad())
}
