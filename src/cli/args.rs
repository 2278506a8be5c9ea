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
    /// Set the hours a week you have (0 to 168), the days and time you study; with --from,
    /// other hours for a period only.
    Hours {
        #[arg(
            value_name = "N",
            allow_hyphen_values = true,
            required_unless_present_any = ["days", "at"]
        )]
        hours: Option<String>,
        /// The days you study, comma-separated: mon,tue,wed,thu,fri,sat,sun.
        #[arg(long, value_name = "DAYS")]
        days: Option<String>,
        /// When a study session starts, HH:MM (24-hour clock).
        #[arg(long, value_name = "HH:MM")]
        at: Option<String>,
        /// The period's first day, YYYY-MM-DD: N hours a week from it (to --to, or on).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The period's last day, YYYY-MM-DD (needs --from).
        #[arg(long, value_name = "DATE", requires = "from")]
        to: Option<String>,
    },
    /// Write your study plan as an iCalendar file: a session on each study day of this week
    /// and the next eight, each goal's target, the reviews due. With no option, says where a
    /// copy is kept current.
    Calendar {
        /// Write the calendar to FILE.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Keep a copy current at PATH on this machine, rewritten after every change (for
        /// calendar apps that subscribe to a file).
        #[arg(long, value_name = "PATH", conflicts_with = "keep_off")]
        keep: Option<std::path::PathBuf>,
        /// Stop keeping a copy current (the file stays as it is).
        #[arg(long)]
        keep_off: bool,
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
    /// Set a milestone's notes, or with --append add a line to them.
    Note {
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
        #[arg(value_name = "TEXT")]
        text: String,
        /// Add TEXT as a line below the notes instead of replacing them.
        #[arg(long)]
        append: bool,
    },
    /// Add or remove an evidence link (http or https) on a milestone.
    Evidence {
        #[arg(value_name = "ACTION", value_parser = ["add", "remove"])]
        action: String,
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
        #[arg(value_name = "URL")]
        url: String,
    },
    /// The learner's side of a check-in: send a packet to your mentor, take their reply in.
    Checkin {
        #[command(subcommand)]
        action: CheckinAction,
    },
    /// The mentor's side: read a learner's check-in packet, write a reply. Changes nothing of
    /// your own progress.
    Mentor {
        #[command(subcommand)]
        action: MentorAction,
    },
    /// Show the study timers running; `start` one on a milestone, `stop` one and log its time.
    Timer {
        #[command(subcommand)]
        action: Option<TimerAction>,
    },
    /// Set your name and the public links your portfolio shows; with neither, print them.
    Profile {
        /// Your name, as your portfolio shows it ("" clears it).
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// A public link (http or https), such as your GitHub profile; repeat it for more. The
        /// links given replace the ones you had, in the order given.
        #[arg(long = "link", value_name = "URL")]
        links: Vec<String>,
        /// Remove every public link.
        #[arg(long, conflicts_with = "links")]
        no_links: bool,
    },
    /// Your portfolio: with --out, write it as a web page (DIR/index.html); with --markdown,
    /// print it for a GitHub profile README; with neither, list the finished projects it
    /// shows. `hide`, `show` and `notes` choose what it shows.
    #[command(args_conflicts_with_subcommands = true)]
    Portfolio {
        #[command(subcommand)]
        action: Option<PortfolioAction>,
        /// Write the page into DIR as index.html (DIR is made when missing).
        #[arg(long, value_name = "DIR", conflicts_with = "markdown")]
        out: Option<PathBuf>,
        /// Print it as Markdown instead.
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PortfolioAction {
    /// Keep a finished project out of your portfolio.
    Hide {
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
    },
    /// Show a project you hid in your portfolio again.
    Show {
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
    },
    /// Keep your notes on a project out of your portfolio (private), or show them (shown).
    Notes {
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
        #[arg(value_name = "WHO_SEES_THEM", value_parser = ["private", "shown"])]
        notes: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CheckinAction {
    /// Write a check-in packet for your mentor (on stdout without --out) and record it sent.
    Export {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// A question for your mentor (as often as you like).
        #[arg(long, value_name = "TEXT")]
        ask: Vec<String>,
    },
    /// Show what a mentor's reply would change; take it in with --yes.
    Import {
        #[arg(value_name = "REPLY")]
        file: PathBuf,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MentorAction {
    /// Print a learner's check-in packet, each milestone with its CURRICULUM/MILESTONE id.
    Open {
        #[arg(value_name = "PACKET")]
        packet: PathBuf,
    },
    /// Write a reply to a learner's check-in packet.
    Reply {
        #[arg(value_name = "PACKET")]
        packet: PathBuf,
        /// Sign off a milestone the packet lists as finished.
        #[arg(long = "sign-off", value_name = "CURRICULUM/MILESTONE")]
        sign_off: Vec<String>,
        /// A comment on a milestone.
        #[arg(long, num_args = 2, value_names = ["CURRICULUM/MILESTONE", "TEXT"])]
        comment: Vec<String>,
        /// A note for the learner.
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        /// A next step (as often as you like).
        #[arg(long = "next", value_name = "TEXT")]
        next: Vec<String>,
        /// A curriculum's goal to suggest adopting.
        #[arg(long = "suggest-goal", value_name = "CURRICULUM/GOAL")]
        suggest_goal: Vec<String>,
        /// A new target to suggest for one of the learner's goals (its id as the packet lists
        /// it), YYYY-MM-DD.
        #[arg(long = "suggest-target", num_args = 2, value_names = ["GOAL", "DATE"])]
        suggest_target: Vec<String>,
        /// Your name, as the learner will see it.
        #[arg(long, value_name = "NAME", required = true)]
        mentor: String,
        #[arg(long, value_name = "FILE", required = true)]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TimerAction {
    /// Start the timer on a milestone (this machine's timer on another is stopped and logged).
    Start {
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: String,
    },
    /// Stop this machine's timer (or, when it runs none, those started elsewhere) and log the
    /// hours it measured. A session over 6 hours logs nothing without --hours.
    Stop {
        /// Only the timer on this milestone.
        #[arg(value_name = "CURRICULUM/MILESTONE")]
        milestone: Option<String>,
        /// A line to add to the milestone's notes.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Log H hours instead of the time measured (0 logs nothing).
        #[arg(long, value_name = "H", allow_hyphen_values = true)]
        hours: Option<String>,
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
