//! The command line's words: every subcommand, argument and flag, as clap reads them.
//!
//! Nothing here names a type of the crate, so that the build script can read this file on its
//! own (for the shell completions and the man page) and they never drift from the commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "waymark",
    version,
    about = "Plan and track your path to becoming an AI engineer.",
    long_about = "Plan and track your path to becoming an AI engineer.\n\n\
                  With no command, opens the desktop app. Every command acts as if today were \
                  WAYMARK_TODAY (YYYY-MM-DD) when that is set."
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
        /// Give each milestone without an estimate your own estimate of H hours.
        #[arg(long, value_name = "H", allow_hyphen_values = true)]
        hours_each: Option<String>,
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
    /// Print this week's plan, then each goal's projection.
    Plan,
    /// Print a goal's chance of finishing by each date, its chance by the target, and which of
    /// its milestones end by the target, 90% sure.
    Forecast {
        #[arg(value_name = "GOAL")]
        goal: String,
    },
    /// Set the hours a week you have (0 to 168); with --from, other hours for a period only.
    Hours {
        #[arg(value_name = "N", allow_hyphen_values = true)]
        hours: String,
        /// The period's first day, YYYY-MM-DD: N hours a week from it (to --to, or on).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The period's last day, YYYY-MM-DD (needs --from).
        #[arg(long, value_name = "DATE", requires = "from")]
        to: Option<String>,
    },
    /// Time away: no study from FROM to TO (both days included, YYYY-MM-DD).
    Away {
        #[arg(value_name = "FROM")]
        from: String,
        #[arg(value_name = "TO")]
        to: String,
    },
    /// List your time away and periods of other hours, numbered; `remove N` removes one.
    Periods {
        #[arg(value_name = "ACTION", value_parser = ["remove"], requires = "number")]
        action: Option<String>,
        #[arg(value_name = "N")]
        number: Option<String>,
    },
    /// Choose or drop a focus area, or the whole of a curriculum without focus areas.
    Focus {
        #[arg(value_name = "ACTION", value_parser = ["add", "remove"])]
        action: String,
        #[arg(value_name = "CURRICULUM/AREA|CURRICULUM")]
        area: String,
    },
    /// Adopt, move, reorder or drop a goal.
    Goal {
        #[command(subcommand)]
        action: GoalAction,
    },
    /// Log hours worked on a milestone.
    Log {
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
        #[arg(value_name = "HOURS", allow_hyphen_values = true)]
        hours: String,
    },
    /// List the reviews due and what changed since you finished it; with a milestone, record
    /// a review (pass or fail) or settle a change (keep it finished, or reopen it).
    Review {
        #[arg(value_name = "CURRICULUM/MILESTONE", requires = "answer")]
        milestone: Option<String>,
        #[arg(value_name = "ANSWER", value_parser = ["pass", "fail", "keep", "reopen"])]
        answer: Option<String>,
        /// A note with a review: what you could or could not do.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Waymark's guide: with no answers, lists them; with answers, prints the plan it
    /// proposes (focus areas, goals with targets and dates, what it marks known, the whole
    /// commitment); --yes starts that plan.
    Onboard {
        /// Kinds of work you like, comma-separated ids (`waymark onboard` lists them).
        #[arg(long, value_name = "IDS")]
        likes: Option<String>,
        /// What you know already, comma-separated ids (`waymark onboard` lists them).
        #[arg(long, value_name = "IDS")]
        knows: Option<String>,
        /// Focus areas, comma-separated, in place of those your likes would tick.
        #[arg(long, value_name = "CURRICULUM/AREA,...")]
        focus: Option<String>,
        /// The hours a week you have (default 6).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        hours: Option<String>,
        /// Start the plan shown.
        #[arg(long)]
        yes: bool,
    },
    /// Take back this machine's last change, whichever face made it (also after a restart).
    Undo,
    /// Put back what the last undo took back.
    Redo,
    /// Set your own estimate of a milestone's hours ("none" clears it).
    Estimate {
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
        #[arg(value_name = "HOURS", allow_hyphen_values = true)]
        hours: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum GoalAction {
    /// Adopt one of a curriculum's goals; without --target, its target is one the plan can
    /// reach.
    Adopt {
        #[arg(value_name = "CURRICULUM/GOAL")]
        goal: String,
        /// The target date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        target: Option<String>,
    },
    /// Make a goal of your own over any milestones; prints its id. Without --target, its
    /// target is one the plan can reach.
    New {
        #[arg(value_name = "TITLE")]
        title: String,
        /// The milestones it is made of, comma-separated.
        #[arg(long, value_name = "CURRICULUM/MILESTONE,...", required = true)]
        milestones: String,
        /// The target date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        target: Option<String>,
        /// Plan it after your other goals (without it, it comes first, as in the window).
        #[arg(long)]
        last: bool,
    },
    /// Move an adopted goal's target (the goal's id as `status` prints it).
    Target {
        #[arg(value_name = "GOAL")]
        goal: String,
        #[arg(value_name = "DATE")]
        date: String,
    },
    /// Drop an adopted goal.
    Drop {
        #[arg(value_name = "GOAL")]
        goal: String,
    },
    /// Put an adopted goal at a place in your order (1 is planned first).
    Priority {
        #[arg(value_name = "GOAL")]
        goal: String,
        #[arg(value_name = "PLACE")]
        place: String,
    },
}
