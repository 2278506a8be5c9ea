//! The command line (contract §4): each subcommand is a thin layer over [`crate::workspace`].
//!
//! Exit codes: 0 success, 1 an invalid file or unknown id, 2 usage or I/O. A command that
//! fails changes nothing on disk: files are read and ids checked before the data directory
//! is opened for writing.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::borrow::Cow;
use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, Utc};
use clap::{Parser, Subcommand};

use crate::curriculum::{self, Invalid, MAX_FILE_BYTES};
use crate::plan::Outlook;
use crate::progress::{MilestoneRef, Status};
use crate::storage::{self, StorageError};
use crate::workspace::{OpenReport, PendingImport, Workspace, WorkspaceError};

#[derive(Debug, Parser)]
#[command(
    name = "waymark",
    version,
    about = "Plan and track your path to becoming an AI engineer.",
    long_about = "Plan and track your path to becoming an AI engineer.\n\n\
                  With no command, opens the desktop app."
)]
pub struct Args {
    /// Where your progress lives (default: the platform's data directory).
    #[arg(long, global = true, env = "WAYMARK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check curricula (RON or Markdown) and print every error.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Import or update a curriculum: prints the preview, applies it only with --yes.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Apply the import.
        #[arg(long)]
        yes: bool,
        /// Count a Markdown file's [x] marks as your own progress.
        #[arg(long)]
        keep_checked: bool,
        /// Consent to importing an older revision than the one imported.
        #[arg(long)]
        allow_older: bool,
    },
    /// Print each curriculum's progress, the focus and each goal's projected finish.
    Status,
    /// Set a milestone's status: todo, doing, done or skipped.
    Mark {
        /// CURRICULUM/MILESTONE
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
        #[arg(value_name = "STATE", value_parser = ["todo", "doing", "done", "skipped"])]
        status: String,
    },
    /// Print a curriculum as RON (or Markdown) on stdout.
    Export {
        #[arg(value_name = "CURRICULUM")]
        curriculum: String,
        /// Print Markdown instead of RON.
        #[arg(long)]
        markdown: bool,
    },
    /// Print a Markdown progress report for your mentor.
    Report,
}

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

/// The binary's entry point: parses the arguments, runs a command or opens the window.
pub fn main() -> ExitCode {
    let args = Args::parse();
    let data_dir = match storage::resolve_data_dir(args.data_dir.as_deref()) {
        Ok(dir) => dir,
        Err(e) => {
            warn(format_args!("waymark: {e}"));
            return Outcome::Failed.into();
        }
    };
    let Some(command) = args.command else {
        return match crate::ui::run(data_dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                warn(format_args!("waymark: the window could not open: {e}"));
                Outcome::Failed.into()
            }
        };
    };
    // Exported files are data: piped, they keep every character. Everything else, and an
    // export shown on a terminal, is text for a person to read.
    let raw = matches!(command, Command::Export { .. }) && !std::io::stdout().is_terminal();
    let mut out = Printable {
        inner: std::io::stdout().lock(),
        raw,
    };
    let outcome = run(command, &data_dir, &mut out);
    if out.flush().is_err() {
        return Outcome::Failed.into();
    }
    outcome.into()
}

/// Runs one subcommand, writing its normal output to `out` and problems to stderr.
pub fn run(command: Command, data_dir: &Path, out: &mut dyn std::io::Write) -> Outcome {
    let result = match command {
        Command::Validate { files } => validate(&files, out),
        Command::Import {
            file,
            yes,
            keep_checked,
            allow_older,
        } => import(data_dir, &file, yes, keep_checked, allow_older, out),
        Command::Status => status(data_dir, out),
        Command::Mark { milestone, status } => mark(data_dir, &milestone, &status, out),
        Command::Export {
            curriculum,
            markdown,
        } => export(data_dir, &curriculum, markdown, out),
        Command::Report => report(data_dir, out),
    };
    result.unwrap_or_else(|e| {
        warn(format_args!("waymark: {e}"));
        match e {
            CliError::Refused(_) => Outcome::Refused,
            CliError::Failed(_) => Outcome::Failed,
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

/// Prints a problem on stderr, through [`printable`].
fn warn(text: std::fmt::Arguments<'_>) {
    eprintln!("{}", printable(&text.to_string()));
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
            other => Self::Refused(other.to_string()),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        Self::Failed(format!("cannot write the output: {e}"))
    }
}

/// Reads a curriculum file, refusing one over the size limit before reading it whole.
pub fn read_curriculum_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file =
        std::fs::File::open(path).map_err(|e| ReadError::Io(format!("{}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the file is too large.
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(format!("{}: {e}", path.display())))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::Invalid(Invalid::one(
            curriculum::Diagnostic::new(
                &path.display().to_string(),
                format!(
                    "the file is larger than {} MiB, the most a curriculum may be",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            ),
        )));
    }
    Ok(bytes)
}

/// Why a curriculum file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(String),
    Invalid(Invalid),
}

fn validate(files: &[PathBuf], out: &mut dyn std::io::Write) -> Result<Outcome, CliError> {
    let mut outcome = Outcome::Ok;
    for path in files {
        let name = path.display().to_string();
        let parsed = read_curriculum_file(path)
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

fn import(
    data_dir: &Path,
    file: &Path,
    yes: bool,
    keep_checked: bool,
    allow_older: bool,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let name = file.display().to_string();
    let bytes = match read_curriculum_file(file) {
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
    let mut workspace = open_writable(data_dir)?;
    // Preview again under the lock: the data may have changed since the read-only look.
    let pending = preview_of(&workspace).map_err(|e| CliError::Refused(e.to_string()))?;
    workspace.apply_import(pending, keep_checked, allow_older, Utc::now())?;
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

fn status(data_dir: &Path, out: &mut dyn std::io::Write) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let today = Local::now().date_naive();
    let plan = workspace.plan(today);
    for c in workspace.curricula() {
        let (done, total) = crate::plan::finished_count(c, &workspace.state);
        writeln!(out, "{}\t{}\t{done}/{total}", c.id, c.title)?;
    }
    let state = &workspace.state;
    if state.focus.is_empty() {
        writeln!(out, "focus: none chosen")?;
    }
    for f in &state.focus {
        let title = workspace
            .curriculum(&f.curriculum)
            .and_then(|c| c.focus_area(&f.focus))
            .map_or("(not in any curriculum)", |a| a.title.as_str());
        writeln!(out, "focus: {}/{}\t{title}", f.curriculum, f.focus)?;
    }
    writeln!(out, "hours a week: {}", state.hours_per_week)?;
    for (goal, forecast) in state.goals.iter().zip(&plan.goals) {
        let finish = forecast
            .projected_finish
            .map_or_else(|| "no finish date".to_owned(), |d| d.to_string());
        let outlook = match forecast.outlook {
            Outlook::Reached => "reached",
            Outlook::OnTrack => "on track",
            Outlook::AtRisk => "at risk",
            Outlook::NoCapacity => "no hours a week set",
        };
        let approx = if forecast.approximate {
            " (approximate)"
        } else {
            ""
        };
        writeln!(
            out,
            "goal: {}\t{}\ttarget {}\tprojected {finish}{approx}\t{outlook}\t{:.0} h left",
            goal.id, goal.title, goal.target, forecast.remaining_hours
        )?;
    }
    Ok(Outcome::Ok)
}

fn mark(
    data_dir: &Path,
    milestone: &str,
    status: &str,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let Some(r) = MilestoneRef::parse(milestone) else {
        return Err(CliError::Refused(format!(
            "\"{milestone}\" is not CURRICULUM/MILESTONE (two ids separated by '/')"
        )));
    };
    let Some(status) = Status::parse(status) else {
        return Err(CliError::Failed(format!(
            "\"{status}\" is not a status: use todo, doing, done or skipped"
        )));
    };
    // Check the id before anything is opened for writing, so a refusal touches nothing.
    open_read_only(data_dir)?.check_milestone(&r)?;
    let mut workspace = open_writable(data_dir)?;
    if workspace.mark(&r, status, Utc::now())? {
        workspace.save()?;
        writeln!(out, "{r}: {status}")?;
    } else {
        writeln!(out, "{r}: already {status}")?;
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

fn report(data_dir: &Path, out: &mut dyn std::io::Write) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    out.write_all(workspace.report(Local::now().date_naive()).as_bytes())?;
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
}
