//! What the learner asked for while a frame was drawn, as values: every screen pushes
//! [`Command`]s and the shell ([`super::app`]) applies them once, after the frame.
//!
//! A leaf: it names the domain's types and nothing of any screen, so that every screen can
//! depend on it and none on another.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::theme::ThemeChoice;
use crate::progress::{CheckIn, MilestoneRef, Period, Profile, Status};
use crate::workspace::PendingImport;

/// The screens reachable from the top bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Dashboard,
    Curricula,
    Mentor,
    Sharing,
    Settings,
}

impl Screen {
    pub const ALL: [Self; 5] = [
        Self::Dashboard,
        Self::Curricula,
        Self::Mentor,
        Self::Sharing,
        Self::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Dashboard => "Dashboard",
            Self::Curricula => "Curricula",
            Self::Mentor => "Mentor",
            Self::Sharing => "Import & export",
            Self::Settings => "Settings",
        }
    }
}

/// How a curriculum is exported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFormat {
    #[default]
    Ron,
    Markdown,
}

impl ExportFormat {
    pub const ALL: [Self; 2] = [Self::Ron, Self::Markdown];

    pub fn label(self) -> &'static str {
        match self {
            Self::Ron => "RON (the full curriculum)",
            Self::Markdown => "Markdown (a checklist with your progress)",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Ron => "ron",
            Self::Markdown => "md",
        }
    }
}

/// What a file dialog was opened for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Import,
    Export {
        curriculum: String,
        format: ExportFormat,
    },
    Report,
    /// Where the check-in packet for the mentor is saved.
    SaveCheckin,
    /// A mentor's reply to take in.
    OpenReply,
    /// (A mentor) a learner's check-in packet to open.
    OpenPacket,
    /// (A mentor) where the reply is saved.
    SaveReply,
    Calendar,
    /// A folder for the portfolio's page.
    Portfolio,
}

/// Where a curriculum to preview comes from: a file dialog, a typed path and a dropped file
/// all end in the same preview.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportSource {
    Path(PathBuf),
    /// Bytes that arrived without a readable path (a dropped file on some platforms).
    Bytes {
        name: String,
        bytes: Vec<u8>,
    },
    /// A file that cannot be a curriculum, and why.
    Refused {
        source: String,
        reason: String,
    },
}

/// What the first-run conversation decided, applied as one undoable change.
#[derive(Clone, Debug, PartialEq)]
pub struct GuideOutcome {
    /// The learner's focus, goals (with their targets) and hours a week, marked onboarded.
    pub profile: Profile,
    /// Milestones the learner already knows, to be marked done.
    pub known: Vec<MilestoneRef>,
    /// The answers given, so that the conversation opens with them next time.
    pub answers: GuideAnswers,
}

/// The answers of the conversation that the learner's profile does not hold.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct GuideAnswers {
    /// The labels of the interests ticked.
    pub interests: Vec<String>,
    /// The labels of the topics the learner said they know.
    pub known_topics: Vec<String>,
}

/// What the learner asked for while a frame was drawn; applied once, after the frame.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    SetStatus {
        milestone: MilestoneRef,
        status: Status,
    },
    LogHours {
        milestone: MilestoneRef,
        hours: f64,
    },
    SetNotes {
        milestone: MilestoneRef,
        notes: String,
    },
    AddEvidence {
        milestone: MilestoneRef,
        link: String,
    },
    RemoveEvidence {
        milestone: MilestoneRef,
        index: usize,
    },
    SetGoalTarget {
        goal: String,
        target: NaiveDate,
    },
    /// Moves a goal one place earlier (`up`) or later in the learner's order.
    MoveGoal {
        goal: String,
        up: bool,
    },
    DropGoal {
        goal: String,
    },
    /// Marks milestones the learner already knows as skipped, as one undoable change.
    SkipMilestones(Vec<MilestoneRef>),
    /// The learner's own estimate of a milestone's hours; `None` clears it.
    SetEstimate {
        milestone: MilestoneRef,
        hours: Option<f64>,
    },
    /// Closes the offer to log a milestone's estimate after it was marked done.
    DismissLogOffer,
    /// Answers a finished skill's review.
    Review {
        milestone: MilestoneRef,
        passed: bool,
    },
    /// Settles a milestone that changed since the learner finished it: kept finished, or
    /// (`reopen`) to do again.
    ResolveChanged {
        milestone: MilestoneRef,
        reopen: bool,
    },
    /// Settles notes written on two machines at once: the other version added below the notes
    /// (`keep`), or dropped.
    ResolveNotes {
        milestone: MilestoneRef,
        keep: bool,
    },
    SetHoursPerWeek(f64),
    /// A key tried to start or finish a Locked milestone: say what it still needs.
    StillNeeds(MilestoneRef),
    /// A remedy's hours a week, applied at once and said with its Undo (the field's own
    /// changes, made by dragging, are not).
    PlanHoursPerWeek(f64),
    FinishOnboarding(Box<GuideOutcome>),
    CloseOnboarding,
    /// The learner's goals redone in a new revision's path order (see
    /// [`crate::guide::new_path`]).
    UseNewPath(Box<crate::progress::Profile>),
    /// "What's new in the path" was read: not shown again for this revision.
    DismissWhatsNew,
    OpenOnboarding,
    /// The real mentor's name and contact.
    SetMentor {
        name: String,
        contact: String,
    },
    AddCheckIn(CheckIn),
    /// Replaces the check-in at this index of `state.mentor.check_ins` (oldest first).
    ReplaceCheckIn(usize, CheckIn),
    DeleteCheckIn(usize),
    /// Time away or a period of other hours a week.
    AddPeriod(Period),
    /// Replaces the period at this index of `state.periods` (in the order added).
    ReplacePeriod(usize, Period),
    RemovePeriod(usize),
    SaveReport(PathBuf),
    /// The days the learner studies on and when a session starts.
    SetStudyTimes(crate::progress::StudyTimes),
    /// Writes the calendar to a file.
    SaveCalendar(PathBuf),
    /// Keeps a copy of the calendar current at a path on this machine, or stops.
    KeepCalendar(Option<PathBuf>),
    Undo,
    Redo,
    Show(Screen),
    /// Shows the curricula with the search box focused.
    Search,
    Select(MilestoneRef),
    OpenUrl(String),
    SetTheme(ThemeChoice),
    DismissBanner(usize),
    DismissToast(u64),
    Quit,
    /// Opens the native "open file" dialog for an import (Ctrl+O).
    BrowseImport,
    /// Opens the native "save file" dialog.
    BrowseSave(Purpose),
    /// A dialog answered; `None` when nothing was chosen or no dialog could be shown.
    DialogClosed(Purpose, Option<PathBuf>),
    /// Reads a curriculum and shows what importing it would change.
    PreviewImport(ImportSource),
    ApplyImport {
        pending: Box<PendingImport>,
        keep_checked: bool,
        allow_older: bool,
    },
    Export {
        curriculum: String,
        format: ExportFormat,
        path: PathBuf,
    },
    /// Makes a goal of the learner's own.
    NewGoal {
        title: String,
        milestones: Vec<crate::progress::MilestoneRef>,
        target: Option<chrono::NaiveDate>,
        first: bool,
    },
    /// Writes a check-in packet to this path and records it sent.
    SendCheckin(PathBuf),
    /// Reads a mentor's reply and shows what taking it in would change.
    PreviewReply(PathBuf),
    /// Takes in the reply previewed.
    TakeReply,
    ClosePreviewReply,
    /// (A mentor) opens a learner's check-in packet, read-only.
    OpenPacket(PathBuf),
    /// (A mentor) writes the reply to the opened packet to this path.
    WriteReply(PathBuf),
    /// Adopts a curriculum's goal (one a mentor suggested), with a target the plan can reach.
    AdoptGoal {
        curriculum: String,
        goal: String,
    },
    /// Starts the study timer on a milestone.
    StartTimer(MilestoneRef),
    /// Stops a running timer and logs what it measured, or `hours` (`Some(0.0)`: nothing).
    /// A session too long to log on its own asks first.
    StopTimer {
        run: crate::progress::TimerRun,
        hours: Option<f64>,
    },
    /// Removes an imported curriculum (after the learner confirmed).
    RemoveCurriculum(String),
    /// Puts a focus area, or a whole curriculum without areas, in the focus or out of it.
    SetFocus {
        focus: crate::progress::FocusRef,
        on: bool,
    },
    /// Leaves a machine's changes out on this machine (`ignore`), or takes them in again.
    IgnoreMachine {
        id: String,
        ignore: bool,
    },
    /// The learner's name as their portfolio shows it (typed: a burst).
    SetLearnerName(String),
    /// The learner's public links, a link added or removed.
    SetLearnerLinks(Vec<String>),
    /// Keeps a finished project off the portfolio (`hidden`), or shows it.
    SetPortfolioHidden {
        milestone: MilestoneRef,
        hidden: bool,
    },
    /// Keeps the learner's notes on a project off the portfolio (`private`), or shows them.
    SetNotesPrivate {
        milestone: MilestoneRef,
        private: bool,
    },
    /// Writes the portfolio's page into this folder.
    WritePortfolio(PathBuf),
}
