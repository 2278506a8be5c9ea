//! The command line (contract §4): each subcommand is a thin layer over [`crate::workspace`],
//! the plan and the profile's rules, the same functions the window calls.
//!
//! Exit codes: 0 success, 1 an invalid file or unknown id, 2 usage or I/O. A command that
//! fails changes nothing on disk: input is read and ids are checked before the data directory
//! is opened for writing. Output whose reader went away (`waymark export ID | head`) ends the
//! command quietly with 0, as ripgrep does: the reader had what it wanted.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::borrow::Cow;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};

mod args;
mod onboard;

pub use args::{Args, Command, GoalAction};

use crate::clock::Clock;
use crate::curriculum::{self, ReadError};
use crate::plan::{self, Outlook, Plan, day_words, hours_words};
use crate::progress::profile::{self, ProfileError};
use crate::progress::{FocusRef, MilestoneRef, Status};
use crate::storage::StorageError;
use crate::workspace::{Applied, Change, OpenReport, PendingImport, Workspace, WorkspaceError};

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
        } => import(data_dir, &file, yes, keep_checked, allow_older, now, out),
        Command::Status => status(data_dir, today, out),
        Command::Mark { milestone, status } => mark(data_dir, &milestone, &status, now, out),
        Command::Export {
            curriculum,
            markdown,
        } => export(data_dir, &curriculum, markdown, out),
        Command::Report => report(data_dir, today, out),
        Command::Plan => plan_command(data_dir, today, out),
        Command::Hours { hours } => hours_command(data_dir, &hours, now, out),
        Command::Focus { action, area } => focus(data_dir, &action, &area, now, out),
        Command::Goal { action } => goal(data_dir, action, now, out),
        Command::Log { milestone, hours } => log(data_dir, &milestone, &hours, now, out),
        Command::Undo => undo(data_dir, true, now, out),
        Command::Redo => undo(data_dir, false, now, out),
        Command::Estimate { milestone, hours } => estimate(data_dir, &milestone, &hours, now, out),
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

/// `text` with its control characters (all but newline and tab) written as `\u{..}` escapes.
///
/// Titles, ids and messages come from files anyone can write. Printed raw, an escape sequence
/// in one could move the cursor, rewrite earlier lines, retitle the window or (OSC 52) set the
/// clipboard of the learner's terminal; made visible, it is only text.
pub fn printable(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Prints a problem on stderr, through [`printable`]. A stderr that cannot be written to
/// (its reader gone too) leaves nowhere to say so, and is not worth a panic.
pub fn warn(text: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr(), "{}", printable(&text.to_string()));
}

/// Standard output through [`printable`], unless `raw`.
struct Printable<W> {
    inner: W,
    raw: bool,
}

impl<W: std::io::Write> std::io::Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.raw {
            return self.inner.write(buf);
        }
        // Whole `str`s arrive here (from `write!` and `write_all` of text), so a character is
        // never split between two calls; lossy decoding only guards the impossible case.
        self.inner
            .write_all(printable(&String::from_utf8_lossy(buf)).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
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

fn validate(files: &[PathBuf], out: &mut dyn std::io::Write) -> Result<Outcome, CliError> {
    let mut outcome = Outcome::Ok;
    for path in files {
        let name = path.display().to_string();
        let parsed = curriculum::read_file(path)
            .and_then(|bytes| curriculum::parse(&name, &bytes).map_err(ReadError::Invalid));
        match parsed {
            Ok(c) => writeln!(
                out,
                "{name}: ok, \"{}\" revision {}, {} milestones",
                c.id,
                c.revision,
                c.milestone_count()
            )?,
            Err(ReadError::Invalid(invalid)) => {
                warn(format_args!("{invalid}"));
                if outcome == Outcome::Ok {
                    outcome = Outcome::Refused;
                }
            }
            Err(ReadError::Io(message)) => {
                warn(format_args!("{message}"));
                outcome = Outcome::Failed;
            }
        }
    }
    Ok(outcome)
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
    if !data_dir.join(".gitignore").exists() {
        let (workspace, _) = Workspace::open_read_only(data_dir)?;
        workspace.check(&make(&workspace)?, now)?;
    }
    let mut workspace = open_writable(data_dir)?;
    let change = make(&workspace)?;
    let applied = workspace.apply(change, now)?;
    workspace.save()?;
    Ok((workspace, applied))
}

fn import(
    data_dir: &Path,
    file: &Path,
    yes: bool,
    keep_checked: bool,
    allow_older: bool,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let name = file.display().to_string();
    let bytes = match curriculum::read_file(file) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(message)) => return Err(CliError::Failed(message)),
        Err(ReadError::Invalid(invalid)) => {
            warn(format_args!("{invalid}"));
            return Ok(Outcome::Refused);
        }
    };
    // Preview on a read-only view: nothing is written unless the user said --yes.
    let preview_of = |workspace: &Workspace| workspace.preview_import(&name, &bytes);
    let pending = match preview_of(&open_read_only(data_dir)?) {
        Ok(pending) => pending,
        Err(invalid) => {
            warn(format_args!("{invalid}"));
            return Ok(Outcome::Refused);
        }
    };
    write_preview(&pending, out)?;
    if !yes {
        writeln!(out, "\nNothing was changed. Run again with --yes to apply.")?;
        return Ok(Outcome::Ok);
    }
    if pending.preview.is_no_op() && !keep_checked {
        writeln!(out, "\nNothing to do: this revision is already imported.")?;
        return Ok(Outcome::Ok);
    }
    if pending.preview.is_downgrade() && !allow_older {
        return Err(WorkspaceError::Downgrade {
            curriculum: pending.curriculum.id.clone(),
            old: pending.preview.old_revision.unwrap_or_default(),
            new: pending.preview.new_revision,
        }
        .into());
    }
    apply(data_dir, now, |workspace| {
        // Preview again under the lock: the data may have changed since the read-only look.
        let pending = preview_of(workspace).map_err(|e| CliError::Refused(e.to_string()))?;
        Ok(Change::Import {
            pending: Box::new(pending),
            keep_checked,
            allow_older,
        })
    })?;
    writeln!(out, "\nApplied.")?;
    Ok(Outcome::Ok)
}

/// Prints what an import would do, as the window's preview shows it.
pub fn write_preview(pending: &PendingImport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let c = &pending.curriculum;
    let p = &pending.preview;
    writeln!(out, "{} — \"{}\" revision {}", c.id, c.title, c.revision)?;
    if !c.authors.is_empty() {
        writeln!(out, "by {}", c.authors.join(", "))?;
    }
    writeln!(
        out,
        "{} milestones in {} sections, {} goals, {} focus areas",
        c.milestone_count(),
        c.sections.len(),
        c.goals.len(),
        c.focus_areas.len()
    )?;
    match p.old_revision {
        None => writeln!(out, "A new curriculum.")?,
        Some(old) => {
            writeln!(
                out,
                "An update of revision {old} to revision {}.",
                p.new_revision
            )?;
            if p.is_downgrade() {
                writeln!(
                    out,
                    "This is an OLDER revision than the one imported; applying it needs --allow-older."
                )?;
            }
            let list = |label: &str, ids: &[String], out: &mut dyn std::io::Write| {
                if ids.is_empty() {
                    return Ok(());
                }
                writeln!(out, "  {label} ({}): {}", ids.len(), ids.join(", "))
            };
            list("added", &p.added, out)?;
            list("removed", &p.removed, out)?;
            if !p.renamed.is_empty() {
                let pairs: Vec<String> = p
                    .renamed
                    .iter()
                    .map(|(a, b)| format!("{a} -> {b}"))
                    .collect();
                writeln!(out, "  renamed ({}): {}", pairs.len(), pairs.join(", "))?;
            }
            list("changed", &p.changed, out)?;
            if pending.finished_changed > 0 {
                writeln!(
                    out,
                    "{} {} you finished {} changed; they stay finished and are flagged for you to look at.",
                    pending.finished_changed,
                    if pending.finished_changed == 1 {
                        "milestone"
                    } else {
                        "milestones"
                    },
                    if pending.finished_changed == 1 {
                        "has"
                    } else {
                        "have"
                    }
                )?;
            }
            writeln!(
                out,
                "Progress kept on {} milestones; set aside on {} removed ones (it comes back if they return).",
                pending.progress_kept, pending.progress_set_aside
            )?;
        }
    }
    if !pending.checked.is_empty() {
        writeln!(
            out,
            "The file has {} checked items; --keep-checked counts them as done.",
            pending.checked.len()
        )?;
    }
    Ok(())
}

/// A goal's projection on one line, as `status` and `plan` print it (contract §4).
fn write_goal_line(
    workspace: &Workspace,
    forecast: &plan::GoalForecast,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let title = workspace
        .state()
        .goal(&forecast.goal)
        .map_or("", |g| g.title.as_str());
    let projected = match (forecast.likely_finish, forecast.late_finish) {
        (Some(likely), Some(late)) => format!("projected {likely} to {late}"),
        _ => "projected none".to_owned(),
    };
    writeln!(
        out,
        "goal: {}\t{title}\ttarget {}\t{projected}\t{}\t{:.0} h left",
        forecast.goal,
        forecast.target,
        forecast.outlook.words(),
        forecast.hours_left.likely
    )
}

/// What `status` and `plan` print after the goal lines: what is approximate, the advice for
/// each goal at risk, and the pace.
fn write_goal_notes(plan: &Plan, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for g in &plan.goals {
        if !g.after.is_empty() {
            writeln!(
                out,
                "after: {}\tplanned after {}, whose milestones it needs",
                g.goal,
                g.after.join(", ")
            )?;
        }
        if let Some(advice) = &g.advice {
            writeln!(out, "advice: {}\t{}", g.goal, advice.words(g.target))?;
        }
        if g.approximate && g.outlook != Outlook::Reached {
            writeln!(
                out,
                "approximate: {}\tsome milestones have no estimate and count at their curriculum's median",
                g.goal
            )?;
        }
        if g.missing > 0 {
            writeln!(
                out,
                "missing: {}\t{} of its milestones are in no loaded curriculum",
                g.goal, g.missing
            )?;
        }
    }
    writeln!(out, "pace: {}", plan.pace.words())
}

fn status(
    data_dir: &Path,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let plan = workspace.plan(today);
    for c in workspace.curricula() {
        let (done, total) = plan::finished_count(c, workspace.state());
        writeln!(out, "{}\t{}\t{done}/{total}", c.id, c.title)?;
    }
    writeln!(out, "focus: {}/{}", plan.focus.finished, plan.focus.total)?;
    writeln!(out, "hours a week: {}", hours_words(plan.hours_per_week))?;
    for forecast in &plan.goals {
        write_goal_line(&workspace, forecast, out)?;
    }
    // Lines the contract's first version did not have come after its own.
    if plan.focus.chosen.is_empty() {
        writeln!(out, "focus area: none chosen, so everything is in focus")?;
    }
    for f in &plan.focus.chosen {
        let title = workspace
            .curriculum(&f.curriculum)
            .and_then(|c| c.focus_area(&f.focus))
            .map_or("(not in any curriculum)", |a| a.title.as_str());
        writeln!(out, "focus area: {}/{}\t{title}", f.curriculum, f.focus)?;
    }
    write_goal_notes(&plan, out)?;
    writeln!(out, "reviews due: {}", plan.reviews.due_count)?;
    writeln!(
        out,
        "changed since you finished: {}",
        plan.reviews.changed.len()
    )?;
    for newer in workspace.newer_paths() {
        writeln!(out, "newer path: {}", newer.words())?;
    }
    for problem in workspace.sync_problems() {
        writeln!(out, "sync: {}", problem.text)?;
    }
    Ok(Outcome::Ok)
}

fn plan_command(
    data_dir: &Path,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let plan = workspace.plan(today);
    let week = &plan.week;
    writeln!(
        out,
        "This week, from Monday {}: {} h planned of your {} h a week; {} h logged so far.",
        day_words(week.starts),
        hours_words(week.planned()),
        hours_words(week.budget),
        hours_words(week.logged)
    )?;
    if week.budget <= 0.0 {
        writeln!(
            out,
            "Set the hours a week you have (`waymark hours N`) to get a plan."
        )?;
    } else if week.items.is_empty() {
        writeln!(
            out,
            "Nothing to plan: adopt a goal (`waymark goal adopt`) or choose a focus."
        )?;
    }
    for item in &week.items {
        let title = workspace
            .place(&item.milestone)
            .and_then(|p| workspace.milestone_at(p))
            .map_or_else(|| item.milestone.to_string(), |m| m.title.clone());
        let note = item.note();
        writeln!(
            out,
            "  {} h\t{}\t{title}\tlogged {} h\t{note}",
            hours_words(item.hours),
            item.milestone,
            hours_words(item.logged),
        )?;
    }
    writeln!(out)?;
    for forecast in &plan.goals {
        write_goal_line(&workspace, forecast, out)?;
    }
    write_goal_notes(&plan, out)?;
    Ok(Outcome::Ok)
}

fn parse_milestone(text: &str) -> Result<MilestoneRef, CliError> {
    MilestoneRef::parse(text).ok_or_else(|| {
        CliError::Refused(format!(
            "\"{text}\" is not CURRICULUM/MILESTONE (two ids separated by '/')"
        ))
    })
}

fn mark(
    data_dir: &Path,
    milestone: &str,
    status: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let Some(status) = Status::parse(status) else {
        return Err(CliError::Failed(format!(
            "\"{status}\" is not a status: use todo, doing, done or skipped"
        )));
    };
    let (_, applied) = apply(data_dir, now, |_| {
        Ok(Change::SetStatus {
            milestone: r.clone(),
            status,
        })
    })?;
    if applied.changed {
        writeln!(out, "{r}: {status}")?;
    } else {
        writeln!(out, "{r}: already {status}")?;
    }
    let hint = applied.log_offer.map(|(_, h)| h);
    if let Some(hours) = hint {
        writeln!(
            out,
            "No hours are logged on it. If it took about its estimate, `waymark log {r} {}` logs that, so your pace and this week stay true.",
            hours_words(hours)
        )?;
    }
    Ok(Outcome::Ok)
}

fn export(
    data_dir: &Path,
    id: &str,
    markdown: bool,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let text = if markdown {
        workspace.export_markdown(id)?
    } else {
        workspace.export_ron(id)?
    };
    out.write_all(text.as_bytes())?;
    Ok(Outcome::Ok)
}

fn report(
    data_dir: &Path,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    out.write_all(workspace.report(today).as_bytes())?;
    Ok(Outcome::Ok)
}

fn hours_command(
    data_dir: &Path,
    hours: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let hours = profile::parse_hours_per_week(hours)?;
    apply(data_dir, now, |_| Ok(Change::SetHoursPerWeek(hours)))?;
    writeln!(out, "hours a week: {}", hours_words(hours))?;
    Ok(Outcome::Ok)
}

fn focus(
    data_dir: &Path,
    action: &str,
    area: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let Some((curriculum, focus)) = area
        .split_once('/')
        .filter(|(c, f)| curriculum::is_slug(c) && curriculum::is_slug(f))
    else {
        return Err(CliError::Refused(format!(
            "\"{area}\" is not CURRICULUM/AREA (two ids separated by '/')"
        )));
    };
    let focus = FocusRef {
        curriculum: curriculum.to_owned(),
        focus: focus.to_owned(),
    };
    let add = action == "add";
    let (_, applied) = apply(data_dir, now, |_| {
        Ok(if add {
            Change::AddFocus(focus.clone())
        } else {
            Change::RemoveFocus(focus.clone())
        })
    })?;
    let changed = applied.changed;
    let what = match (add, changed) {
        (true, true) => "added to your focus",
        (true, false) => "already in your focus",
        (false, true) => "removed from your focus",
        (false, false) => "was not in your focus",
    };
    writeln!(out, "{area}: {what}")?;
    Ok(Outcome::Ok)
}

fn goal(
    data_dir: &Path,
    action: GoalAction,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    match action {
        GoalAction::Adopt { goal, target } => {
            let Some((curriculum, id)) = goal.split_once('/') else {
                return Err(CliError::Refused(format!(
                    "\"{goal}\" is not CURRICULUM/GOAL (two ids separated by '/')"
                )));
            };
            let target = target.as_deref().map(profile::parse_date).transpose()?;
            let today = plan::local_day(now);
            let made = apply(data_dir, now, |w| {
                let offer = w.goal_offer(curriculum, id)?;
                if let Some(t) = target
                    && t < today
                {
                    return Err(ProfileError::TargetInPast { target: t, today }.into());
                }
                if w.state().goal(&offer.id).is_some() {
                    return Err(CliError::AlreadySo);
                }
                Ok(Change::AdoptGoal {
                    curriculum: curriculum.to_owned(),
                    goal: id.to_owned(),
                    target,
                })
            });
            match made {
                Ok((workspace, _)) => {
                    let offer = workspace.goal_offer(curriculum, id)?;
                    let target = workspace.state().goal(&offer.id).map(|g| g.target);
                    match target {
                        Some(t) => writeln!(out, "{}: adopted, target {t}", offer.id)?,
                        None => writeln!(out, "{}: adopted", offer.id)?,
                    }
                }
                Err(CliError::AlreadySo) => writeln!(out, "{goal}: already adopted")?,
                Err(e) => return Err(e),
            }
        }
        GoalAction::Target { goal, date } => {
            let target = profile::parse_date(&date)?;
            apply(data_dir, now, |_| {
                Ok(Change::SetGoalTarget {
                    goal: goal.clone(),
                    target,
                })
            })?;
            writeln!(out, "{goal}: target {target}")?;
        }
        GoalAction::Drop { goal } => {
            apply(data_dir, now, |_| Ok(Change::DropGoal(goal.clone())))?;
            writeln!(out, "{goal}: dropped")?;
        }
        GoalAction::Priority { goal, place } => {
            let position = place
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&p| p >= 1)
                .ok_or_else(|| {
                    CliError::Failed(format!(
                        "\"{place}\" is not a place: give 1 for the first goal"
                    ))
                })?;
            apply(data_dir, now, |_| {
                Ok(Change::MoveGoal {
                    goal: goal.clone(),
                    to: position - 1,
                })
            })?;
            writeln!(out, "{goal}: planned {}", ordinal(position))?;
        }
    }
    Ok(Outcome::Ok)
}

/// `waymark undo` and `waymark redo`: this machine's last change taken back (or put back),
/// said in the learner's words. Nothing to take back, or a value another machine changed since,
/// is refused (exit 1) and changes nothing.
fn undo(
    data_dir: &Path,
    back: bool,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let mut workspace = open_writable(data_dir)?;
    let applied = if back {
        workspace.undo(now)?
    } else {
        workspace.redo(now)?
    };
    workspace.save()?;
    writeln!(
        out,
        "{}: {}",
        if back { "undid" } else { "redid" },
        applied.what
    )?;
    Ok(Outcome::Ok)
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn log(
    data_dir: &Path,
    milestone: &str,
    hours: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let hours = profile::parse_hours(hours)?;
    let (workspace, _) = apply(data_dir, now, |_| {
        Ok(Change::LogHours {
            milestone: r.clone(),
            hours,
        })
    })?;
    let total = workspace
        .state()
        .milestone(&r)
        .map_or(hours, |p| p.hours_logged);
    writeln!(
        out,
        "{r}: {} h logged, {} h in all",
        hours_words(hours),
        hours_words(total)
    )?;
    Ok(Outcome::Ok)
}

fn estimate(
    data_dir: &Path,
    milestone: &str,
    hours: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let hours = match hours.trim() {
        "none" => None,
        text => Some(profile::parse_hours(text)?),
    };
    apply(data_dir, now, |_| {
        Ok(Change::SetEstimate {
            milestone: r.clone(),
            hours,
        })
    })?;
    match hours {
        Some(h) => writeln!(out, "{r}: your estimate is {} h", hours_words(h))?,
        None => writeln!(out, "{r}: the curriculum's estimate counts again")?,
    }
    Ok(Outcome::Ok)
}

/// A milestone's title, or its reference when no curriculum holds it.
fn title_of(workspace: &Workspace, r: &MilestoneRef) -> String {
    workspace
        .place(r)
        .and_then(|p| workspace.milestone_at(p))
        .map_or_else(|| r.to_string(), |m| m.title.clone())
}

fn reviews(
    data_dir: &Path,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let plan = workspace.plan(today);
    let reviews = &plan.reviews;
    match reviews.due_count {
        1 => writeln!(out, "1 review due today.")?,
        n => writeln!(out, "{n} reviews due today.")?,
    }
    let line = |r: &plan::ReviewDue, out: &mut dyn std::io::Write| {
        let what = if r.lapsed {
            "refresher first: the last review failed"
        } else if r.reviews == 0 {
            "first review"
        } else {
            "review"
        };
        writeln!(
            out,
            "due: {}\t{}\t{}\tlast {}\t{what}",
            r.due,
            r.milestone,
            title_of(&workspace, &r.milestone),
            r.last
        )
    };
    for r in &reviews.due {
        line(r, out)?;
    }
    if reviews.due_count > reviews.due.len() {
        writeln!(out, "… and {} more.", reviews.due_count - reviews.due.len())?;
    }
    for r in reviews.upcoming.iter().take(5) {
        line(r, out)?;
    }
    if reviews.changed.is_empty() {
        writeln!(out, "Nothing you finished has changed.")?;
    }
    for r in &reviews.changed {
        let Some(changed) = workspace
            .state()
            .milestone(r)
            .and_then(|p| p.changed.as_ref())
        else {
            continue;
        };
        writeln!(
            out,
            "changed: {r}\t{}\trevision {} to {}",
            changed.after.title, changed.from_revision, changed.to_revision
        )?;
        let (was, is) = (&changed.before, &changed.after);
        for (part, before, after) in changed.parts() {
            use crate::progress::review::Part;
            match part {
                Part::Title | Part::Requires => writeln!(
                    out,
                    "  {}:\t{before}\t->\t{after}",
                    part.words().to_lowercase()
                )?,
                Part::DoneWhen => {
                    let line = crate::curriculum::markdown::one_line;
                    writeln!(out, "  summary was:\t{}", line(&was.summary))?;
                    writeln!(out, "  summary now:\t{}", line(&is.summary))?;
                }
                Part::Resources => {
                    for (title, url) in is.resources.iter().filter(|x| !was.resources.contains(x)) {
                        writeln!(out, "  new resource:\t{title}\t{url}")?;
                    }
                    for (title, url) in was.resources.iter().filter(|x| !is.resources.contains(x)) {
                        writeln!(out, "  resource gone:\t{title}\t{url}")?;
                    }
                }
            }
        }
        writeln!(
            out,
            "  keep it finished: waymark review {r} keep; do it again: waymark review {r} reopen"
        )?;
    }
    Ok(Outcome::Ok)
}

fn review_one(
    data_dir: &Path,
    milestone: &str,
    answer: &str,
    note: Option<&str>,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let change = match answer {
        "pass" | "fail" => Change::Review {
            milestone: r.clone(),
            passed: answer == "pass",
            note: note.unwrap_or("").to_owned(),
        },
        "keep" | "reopen" => Change::ResolveChanged {
            milestone: r.clone(),
            reopen: answer == "reopen",
        },
        other => {
            return Err(CliError::Failed(format!(
                "\"{other}\" is not an answer: use pass, fail, keep or reopen"
            )));
        }
    };
    let (workspace, _) = apply(data_dir, now, |_| Ok(change.clone()))?;
    let due = workspace
        .state()
        .milestone(&r)
        .and_then(|p| p.schedule())
        .map(|s| (s.due, s.lapsed));
    match (answer, due) {
        ("pass", Some((due, _))) => writeln!(out, "{r}: passed; next review {due}")?,
        ("fail", Some((due, _))) => writeln!(
            out,
            "{r}: failed; next review {due}, after a refresher in this week's plan"
        )?,
        ("keep", _) => writeln!(out, "{r}: kept finished")?,
        ("reopen", _) => writeln!(out, "{r}: reopened, to do again")?,
        _ => writeln!(out, "{r}: recorded")?,
    }
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_escapes_and_text_is_untouched() {
        assert!(matches!(printable("plain\ttext\nü"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            printable("\u{9b}\u{7}\r\u{7f}"),
            "\\u{9b}\\u{7}\\u{d}\\u{7f}"
        );
    }

    #[test]
    fn places_are_said_as_ordinals() {
        let said: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal).into();
        assert_eq!(
            said,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }
}
