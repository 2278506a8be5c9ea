//! The command line (contract §4): each subcommand is a thin layer over [`crate::workspace`],
//! the plan and the profile's rules, the same functions the window calls.
//!
//! Exit codes: 0 success, 1 an invalid file or unknown id, 2 usage or I/O. A command that
//! fails changes nothing on disk: input is read and ids are checked before the data directory
//! is opened for writing. Output whose reader went away (`waymark export ID | head`) ends the
//! command quietly with 0, as ripgrep does: the reader had what it wanted.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, Utc};

mod args;
mod changes;
mod import;
mod mentor;
mod onboard;
mod output;
mod periods;
mod portfolio;
mod show;
mod timer;

pub use args::{
    Args, CheckinAction, Command, GoalAction, MentorAction, PortfolioAction, TimerAction,
};
pub use import::write_preview;
pub use output::{printable, warn};

use crate::clock::Clock;
use crate::plan;
use crate::progress::profile::ProfileError;
use crate::storage::StorageError;
use crate::workspace::{Applied, Change, OpenReport, Workspace, WorkspaceError};
use changes::{estimate, focus, goal, hours_command, log, mark, review_one, undo};
use import::{ImportOptions, import, validate};
use output::Printable;
use show::{export, forecast, plan_command, report, reviews, status};

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// An invalid file or an unknown id (exit 1).
    Refused,
    /// Usage or I/O (exit 2).
    Failed,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Ok => Self::SUCCESS,
            Outcome::Refused => Self::from(1),
            Outcome::Failed => Self::from(2),
        }
    }
}

/// Runs one subcommand on standard output, as the binary does.
pub fn main(command: Command, data_dir: &Path, clock: &Clock) -> ExitCode {
    // Exported files are data: piped, they keep every character (a curriculum holds no
    // control characters: they are dropped when it is read). Everything else, and an export
    // shown on a terminal, is text for a person to read.
    let raw = matches!(command, Command::Export { .. }) && !std::io::stdout().is_terminal();
    let mut out = Printable {
        inner: std::io::stdout().lock(),
        raw,
    };
    let outcome = run(command, data_dir, clock, &mut out);
    match out.flush() {
        Ok(()) => outcome.into(),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => outcome.into(),
        Err(e) => {
            warn(format_args!("waymark: {}", CliError::from(e)));
            Outcome::Failed.into()
        }
    }
}

/// Runs one subcommand, writing its normal output to `out` and problems to stderr.
pub fn run(
    command: Command,
    data_dir: &Path,
    clock: &Clock,
    out: &mut dyn std::io::Write,
) -> Outcome {
    let now = clock();
    let today = plan::local_day(now);
    let result = match command {
        Command::Validate { files } => validate(&files, out),
        Command::Import {
            file,
            yes,
            keep_checked,
            allow_older,
            hours_each,
        } => {
            let options = ImportOptions {
                yes,
                keep_checked,
                allow_older,
                hours_each,
            };
            import(data_dir, &file, &options, now, out)
        }
        Command::Status => status(data_dir, today, out),
        Command::Mark { milestone, status } => mark(data_dir, &milestone, &status, now, out),
        Command::Export {
            curriculum,
            markdown,
        } => export(data_dir, &curriculum, markdown, out),
        Command::Report => report(data_dir, today, out),
        Command::Plan => plan_command(data_dir, today, out),
        Command::Forecast { goal } => forecast(data_dir, &goal, today, out),
        Command::Hours {
            hours,
            days,
            at,
            from,
            to,
        } => match (from, hours) {
            (Some(from), Some(hours)) if days.is_none() && at.is_none() => {
                periods::hours_for_period(data_dir, &hours, &from, to.as_deref(), now, out)
            }
            (Some(_), _) => Err(CliError::Failed(
                "--from needs N, the hours a week for the period, and no --days or --at (set those in a command of their own)".into(),
            )),
            (None, hours) => {
                hours_command(data_dir, &changes::HoursGiven { hours, days, at }, now, out)
            }
        },
        Command::Calendar {
            out: file,
            keep,
            keep_off,
        } => changes::calendar(
            data_dir,
            file.as_deref(),
            keep.as_deref(),
            keep_off,
            now,
            out,
        ),
        Command::Away { from, to } => periods::away(data_dir, &from, &to, now, out),
        Command::Periods { number, .. } => {
            periods::periods(data_dir, number.as_deref(), today, now, out)
        }
        Command::Focus { action, area } => focus(data_dir, &action, &area, now, out),
        Command::Goal { action } => goal(data_dir, action, now, out),
        Command::Log { milestone, hours } => log(data_dir, &milestone, &hours, now, out),
        Command::Undo => undo(data_dir, true, now, out),
        Command::Redo => undo(data_dir, false, now, out),
        Command::Estimate { milestone, hours } => estimate(data_dir, &milestone, &hours, now, out),
        Command::Timer { action } => timer::timer(data_dir, action, now, out),
        Command::Checkin { action } => match action {
            CheckinAction::Export { out: file, ask } => {
                mentor::export(data_dir, file.as_deref(), &ask, (today, now), out)
            }
            CheckinAction::Import { file, yes } => mentor::import(data_dir, &file, yes, now, out),
        },
        Command::Mentor { action } => match action {
            MentorAction::Open { packet } => mentor::open(&packet, out),
            MentorAction::Reply {
                packet,
                sign_off,
                comment,
                note,
                next,
                suggest_goal,
                suggest_target,
                mentor: name,
                out: file,
            } => {
                let mut suggested_targets = Vec::new();
                for pair in suggest_target.chunks(2) {
                    let (goal, date) = (&pair[0], pair.get(1).map_or("", String::as_str));
                    match crate::progress::profile::parse_date(date) {
                        Ok(date) => suggested_targets.push((goal.clone(), date)),
                        Err(e) => {
                            warn(format_args!("waymark: {e}"));
                            return Outcome::Failed;
                        }
                    }
                }
                let answers = crate::mentor::Answers {
                    suggested_targets,
                    mentor: name,
                    sign_offs: sign_off,
                    comments: comment
                        .chunks(2)
                        .map(|p| (p[0].clone(), p.get(1).cloned().unwrap_or_default()))
                        .collect(),
                    note,
                    next_steps: next,
                    suggested_goals: suggest_goal,
                };
                let args = mentor::ReplyArgs {
                    packet: &packet,
                    answers,
                    out_file: &file,
                };
                mentor::reply(args, today, out)
            }
        },
        Command::Note {
            milestone,
            text,
            append,
        } => changes::note(data_dir, &milestone, &text, append, now, out),
        Command::Evidence {
            action,
            milestone,
            url,
        } => changes::evidence(data_dir, action == "add", &milestone, &url, now, out),
        Command::Profile {
            name,
            links,
            no_links,
        } => portfolio::profile(data_dir, name, links, no_links, now, out),
        Command::Portfolio {
            action,
            out: dir,
            markdown,
        } => portfolio::portfolio(data_dir, action, dir.as_deref(), markdown, now, out),
        Command::Onboard {
            likes,
            knows,
            focus,
            hours,
            yes,
        } => onboard::onboard(
            data_dir,
            &onboard::Given {
                likes,
                knows,
                focus,
                hours,
                yes,
            },
            (today, now),
            out,
        ),
        Command::Review {
            milestone,
            answer,
            note,
        } => match (milestone, answer) {
            (Some(m), Some(a)) => review_one(data_dir, &m, &a, note.as_deref(), now, out),
            _ => reviews(data_dir, today, out),
        },
    };
    result.unwrap_or_else(|e| match e {
        CliError::OutputClosed | CliError::AlreadySo => Outcome::Ok,
        CliError::Refused(_) => {
            warn(format_args!("waymark: {e}"));
            Outcome::Refused
        }
        CliError::Failed(_) => {
            warn(format_args!("waymark: {e}"));
            Outcome::Failed
        }
    })
}

/// A command's failure, already worded for the user.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Failed(String),
    /// Standard output's reader went away (`| head`): the command stops, quietly.
    #[error("the output was closed by its reader")]
    OutputClosed,
    /// What was asked is so already: nothing to change, which the command says itself.
    #[error("nothing to change")]
    AlreadySo,
}

impl From<StorageError> for CliError {
    fn from(e: StorageError) -> Self {
        Self::Failed(e.to_string())
    }
}

impl From<WorkspaceError> for CliError {
    fn from(e: WorkspaceError) -> Self {
        match e {
            WorkspaceError::Storage(e) => Self::Failed(e.to_string()),
            WorkspaceError::Profile(e) => e.into(),
            e @ (WorkspaceError::ReadOnly | WorkspaceError::Record(_)) => {
                Self::Failed(e.to_string())
            }
            e @ WorkspaceError::NotALink(_) => Self::Failed(e.to_string()),
            e @ WorkspaceError::NotAProject(_) => Self::Refused(format!(
                "{e}; `waymark portfolio` lists your finished projects"
            )),
            e @ WorkspaceError::TimerTooLong { .. } => Self::Refused(format!(
                "{e}: `waymark timer stop --hours H` logs H hours (0 logs nothing)"
            )),
            other => Self::Refused(other.to_string()),
        }
    }
}

impl From<ProfileError> for CliError {
    fn from(e: ProfileError) -> Self {
        match e {
            // An id that names nothing; everything else is input that is not what was asked.
            ProfileError::UnknownGoal(_) => {
                Self::Refused(format!("{e}; `waymark status` lists your goals"))
            }
            _ => Self::Failed(e.to_string()),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Self::OutputClosed;
        }
        Self::Failed(format!("cannot write the output: {e}"))
    }
}

fn report_open_problems(report: &OpenReport) {
    if let Some(aside) = &report.state_set_aside {
        warn(format_args!(
            "waymark: the saved state could not be read ({}); it is kept at {} and Waymark started from an empty state",
            aside.reason,
            aside.moved_to.display()
        ));
    }
    for invalid in &report.broken_curricula {
        warn(format_args!(
            "waymark: an imported curriculum did not load:\n{invalid}"
        ));
    }
    for problem in &report.sync_news {
        warn(format_args!("waymark: {}", problem.text));
    }
}

fn open_read_only(data_dir: &Path) -> Result<Workspace, CliError> {
    let (workspace, report) = Workspace::open_read_only(data_dir)?;
    report_open_problems(&report);
    Ok(workspace)
}

fn open_writable(data_dir: &Path) -> Result<Workspace, CliError> {
    let (workspace, report) = Workspace::open(data_dir)?;
    report_open_problems(&report);
    Ok(workspace)
}

/// Makes one change through the workspace's one write path and saves it. The data folder is
/// opened once, for writing; a change refused writes nothing. A data folder that was never
/// opened for writing is checked read-only first, so that a refusal does not make it.
fn apply(
    data_dir: &Path,
    now: DateTime<Utc>,
    make: impl Fn(&Workspace) -> Result<Change, CliError>,
) -> Result<(Workspace, Applied), CliError> {
    let (workspace, mut applied) = apply_all(data_dir, now, |w| Ok(vec![make(w)?]))?;
    Ok((workspace, applied.pop().unwrap_or_default()))
}

/// [`apply`] of several changes, each its own record; every one is checked before any is made.
fn apply_all(
    data_dir: &Path,
    now: DateTime<Utc>,
    make: impl Fn(&Workspace) -> Result<Vec<Change>, CliError>,
) -> Result<(Workspace, Vec<Applied>), CliError> {
    if !data_dir.join(".gitignore").exists() {
        let (workspace, _) = Workspace::open_read_only(data_dir)?;
        for change in make(&workspace)? {
            workspace.check(&change, now)?;
        }
    }
    let mut workspace = open_writable(data_dir)?;
    let changes = make(&workspace)?;
    for change in &changes {
        workspace.check(change, now)?;
    }
    let applied = changes
        .into_iter()
        .map(|change| workspace.apply(change, now))
        .collect::<Result<Vec<_>, _>>()?;
    workspace.save()?;
    keep_calendar_current(&workspace, now);
    Ok((workspace, applied))
}

/// Rewrites the calendar this machine keeps current after a change; a failure is said, and
/// costs only the copy (the change is saved).
fn keep_calendar_current(workspace: &Workspace, now: DateTime<Utc>) {
    if let Some(Err(e)) = crate::calendar::refresh_kept(workspace, now) {
        warn(format_args!(
            "waymark: the calendar kept current was not updated: {e}"
        ));
    }
}
