//! What the learner may change, as values: the window and the command line both ask for a
//! [`Change`], and [`super::Workspace::apply`] is the one function that checks it, makes it,
//! records it for the other machines and keeps what undoes it.

use chrono::NaiveDate;

use super::PendingImport;
use crate::progress::{
    CheckIn, FocusRef, MilestoneRef, Period, Profile, ProfileError, Status, StudyTimes, TimerRun,
};
use crate::storage::StorageError;

/// One change the learner asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    SetStatus {
        milestone: MilestoneRef,
        status: Status,
    },
    /// Milestones the learner already knows, skipped (one change, one undo).
    Skip(Vec<MilestoneRef>),
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
        link: String,
    },
    /// The learner's own estimate of a milestone's hours; `None` clears it.
    SetEstimate {
        milestone: MilestoneRef,
        hours: Option<f64>,
    },
    Review {
        milestone: MilestoneRef,
        passed: bool,
        note: String,
    },
    /// Settles a milestone that changed since the learner finished it: kept finished, or
    /// (`reopen`) to do again.
    ResolveChanged {
        milestone: MilestoneRef,
        reopen: bool,
    },
    /// Settles notes written on two machines at once: the other versions added below the
    /// notes (`keep`), or dropped.
    ResolveNotes {
        milestone: MilestoneRef,
        keep: bool,
    },
    SetHoursPerWeek(f64),
    /// The days the learner studies on and when a session starts (the calendar's sessions).
    SetStudyTimes(StudyTimes),
    AddFocus(FocusRef),
    RemoveFocus(FocusRef),
    /// Adopts a curriculum's mentor goal, last in the learner's order, with `target` or one
    /// the plan can reach.
    AdoptGoal {
        curriculum: String,
        goal: String,
        target: Option<NaiveDate>,
    },
    /// The learner's own goal over any milestones of any curricula, first in their order
    /// (worked on before the others) or last, with `target` or one the plan can reach.
    NewGoal {
        title: String,
        milestones: Vec<MilestoneRef>,
        target: Option<NaiveDate>,
        first: bool,
    },
    SetGoalTarget {
        goal: String,
        target: NaiveDate,
    },
    /// Moves a goal to `to` (0 = first) in the learner's order.
    MoveGoal {
        goal: String,
        to: usize,
    },
    DropGoal(String),
    /// The learner's focus, goals, hours a week and onboarding at once, with the milestones
    /// they knew before starting marked known: what the guide decides, a new path's goal order,
    /// or closing the guide.
    SetProfile {
        profile: Profile,
        known: Vec<MilestoneRef>,
        what: String,
    },
    /// The real mentor's name and contact.
    SetMentor {
        name: String,
        contact: String,
    },
    AddCheckIn(CheckIn),
    /// Replaces the check-in at this index of the mentor's check-ins (oldest first).
    ReplaceCheckIn {
        index: usize,
        check_in: CheckIn,
    },
    DeleteCheckIn(usize),
    /// Time away (0 hours a week) or a period of other hours a week.
    AddPeriod(Period),
    /// Replaces the period at this index of the learner's periods (in the order added).
    ReplacePeriod {
        index: usize,
        period: Period,
    },
    RemovePeriod(usize),
    /// Applies a previewed import; a downgrade needs `allow_older`; `keep_checked` counts a
    /// Markdown file's `[x]` marks as done.
    Import {
        pending: Box<PendingImport>,
        keep_checked: bool,
        allow_older: bool,
    },
    /// Removes an imported curriculum; its progress is kept aside.
    RemoveCurriculum(String),
    /// Records a check-in packet as sent to the mentor, so that the reply to it can be taken in
    /// on any of the learner's machines.
    SendPacket(crate::progress::SentPacket),
    /// Takes a mentor's reply in as one change: sign-offs, comments, a check-in with the note
    /// and next steps; suggested goals are offered, not adopted.
    TakeReply(Box<crate::mentor::Reply>),
    /// Starts the study timer on a milestone; this machine's timer running on another is
    /// stopped and logged first.
    StartTimer(MilestoneRef),
    /// Stops a running timer and logs what it measured, or `hours` (`Some(0.0)`: nothing),
    /// adding `note` (when not empty) as a line of the milestone's notes.
    StopTimer {
        run: TimerRun,
        hours: Option<f64>,
        note: String,
    },
    /// The learner's name as their portfolio shows it, typed in Settings (a burst).
    SetLearnerName(String),
    /// The learner's name and public links at once: `waymark profile`, or a link added or
    /// removed in Settings.
    SetLearner {
        name: String,
        links: Vec<String>,
    },
    /// Keeps the learner's notes on a project out of their portfolio (`private`), or shows them.
    SetNotesPrivate {
        milestone: MilestoneRef,
        private: bool,
    },
    /// Keeps a finished project out of the learner's portfolio (`hidden`), or shows it again.
    SetPortfolioHidden {
        milestone: MilestoneRef,
        hidden: bool,
    },
}

impl Change {
    /// A change that arrives in bursts (typing, dragging): the burst is one record and one
    /// undo, written once the learner does something else or the window saves.
    pub fn is_continuous(&self) -> bool {
        matches!(
            self,
            Self::SetNotes { .. }
                | Self::SetEstimate { .. }
                | Self::SetHoursPerWeek(_)
                | Self::SetMentor { .. }
                | Self::SetLearnerName(_)
        )
    }

    /// Whether the plan (and the numbers drawn from the log) may differ after it.
    pub fn changes_the_plan(&self) -> bool {
        !matches!(
            self,
            Self::SetNotes { .. }
                | Self::AddEvidence { .. }
                | Self::RemoveEvidence { .. }
                | Self::ResolveNotes { .. }
                | Self::SetMentor { .. }
                | Self::SetStudyTimes(_)
                | Self::SetLearnerName(_)
                | Self::SetLearner { .. }
                | Self::SetNotesPrivate { .. }
                | Self::SetPortfolioHidden { .. }
        )
    }
}

/// What a change did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// What it did, in the learner's words ("marked “Python fundamentals” done"); what an undo
    /// says it took back.
    pub what: String,
    /// False when it changed nothing (it was so already): nothing was recorded.
    pub changed: bool,
    /// A milestone just done with no hours logged, and its estimate: logging it keeps the pace
    /// and this week true, so the faces offer it.
    pub log_offer: Option<(MilestoneRef, f64)>,
}

impl Applied {
    pub(super) fn unchanged(what: impl Into<String>) -> Self {
        Self {
            what: what.into(),
            changed: false,
            log_offer: None,
        }
    }
}

/// What a change or an undo refused, naming the id involved. The faces word the way out
/// (a command, a button); these say what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("unknown curriculum \"{0}\"")]
    UnknownCurriculum(String),
    #[error("unknown milestone \"{0}\"")]
    UnknownMilestone(MilestoneRef),
    #[error(
        "\"{curriculum}\" revision {new} is older than the imported revision {old}; importing it needs your consent"
    )]
    Downgrade {
        curriculum: String,
        old: u32,
        new: u32,
    },
    #[error("\"{0}\" is bundled with Waymark and cannot be removed")]
    Bundled(String),
    #[error("unknown focus area \"{0}\"")]
    UnknownFocus(String),
    #[error("\"{0}\" has focus areas: choose one of them ({1})")]
    HasFocusAreas(String, String),
    #[error("a goal needs {0}")]
    GoalNeeds(&'static str),
    #[error("unknown goal \"{0}\"")]
    UnknownMentorGoal(String),
    #[error("{0} is not reviewed: {1}")]
    NotReviewable(MilestoneRef, &'static str),
    #[error("{0} has not changed since you finished it")]
    NotChanged(MilestoneRef),
    #[error("\"{0}\" is not a link: evidence is an http or https address")]
    NotALink(String),
    #[error("there is no check-in {0}")]
    NoCheckIn(usize),
    #[error("{0} is not a project: only projects are in the portfolio")]
    NotAProject(MilestoneRef),
    #[error("no timer runs on {0}")]
    NoTimer(MilestoneRef),
    /// A session longer than [`crate::progress::timer::LONGEST_SESSION_HOURS`]: the learner
    /// says how long it really was.
    #[error(
        "the timer on {milestone} has run {}, longer than a session of 6 h: say how many hours it was",
        crate::progress::timer::duration_words(*minutes)
    )]
    TimerTooLong {
        milestone: MilestoneRef,
        minutes: i64,
    },
    #[error("{0}")]
    Document(#[from] crate::mentor::DocumentError),
    #[error("there is no period {0}")]
    NoPeriod(usize),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error("{machine} changed {what} since; nothing was taken back")]
    ChangedSince { machine: String, what: String },
    #[error("this data is open read-only: another Waymark holds it")]
    ReadOnly,
    #[error(transparent)]
    Record(#[from] crate::sync::wire::WriteError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}
