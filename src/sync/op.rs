//! What a record holds, as the domain sees it: one change the learner made (or its undo),
//! made of steps that each set one value. How records are written and read is [`super::wire`].

use super::hlc::{Key, Stamp};
use crate::progress::{
    Activity, AdoptedGoal, Changed, CheckIn, CurriculumSource, FocusRef, MilestoneRef, Period,
    Review, Status, StatusChange, StudyTimes, TimerRun,
};
use crate::progress::{MentorComment, SentPacket, SignOff, TakenReply};

/// One change to the learner's data. Single values are set whole (the last change wins);
/// elements of sets are added or removed by value; hours are amounts to add. (Serde only for
/// this machine's snapshot, a cache: the files' form is [`super::wire`].)
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    Status(MilestoneRef, Status),
    /// The notes' new text, and the version (the key of the record that wrote it) the learner
    /// edited: `None` when the notes were empty.
    Notes(MilestoneRef, String, Option<Key>),
    /// Notes kept from concurrent edits that the learner has resolved, by their keys.
    NotesResolved(MilestoneRef, Vec<Key>),
    /// Resolved notes brought back (the resolution undone), by their keys.
    NotesReopened(MilestoneRef, Vec<Key>),
    Estimate(MilestoneRef, Option<f64>),
    Changed(MilestoneRef, Option<Changed>),
    /// Hours to add (negative: taken back).
    Hours(MilestoneRef, f64),
    /// Hours a data directory from before sync held for a milestone, with the fingerprint of
    /// that file's bytes: the latest such record wins, so a file carried forward twice (by two
    /// machines, or after an older Waymark wrote it again) counts its hours once.
    LegacyHours(MilestoneRef, f64, u64),
    /// A data directory's `state.ron` from before sync was carried forward (its fingerprint).
    Migrated(u64),
    History(MilestoneRef, StatusChange, bool),
    Evidence(MilestoneRef, String, bool),
    Review(MilestoneRef, Review, bool),
    Focus(FocusRef, bool),
    /// A goal adopted or changed (`Some`), or dropped (`None`).
    Goal(String, Option<AdoptedGoal>),
    /// The learner's order of their goals, by id.
    GoalOrder(Vec<String>),
    HoursPerWeek(f64),
    Onboarded(bool),
    MentorName(String),
    MentorContact(String),
    CheckIn(CheckIn, bool),
    /// A study timer started (`true`) or stopped.
    Timer(TimerRun, bool),
    /// A check-in packet sent to the mentor (`false`: the sending undone).
    PacketSent(SentPacket, bool),
    /// A mentor's reply taken in, with its suggestions.
    ReplyTaken(TakenReply, bool),
    SignOff(SignOff, bool),
    MentorComment(MentorComment, bool),
    /// The learner's name, as their portfolio shows it.
    LearnerName(String),
    /// The learner's public links, in their order, as their portfolio shows them.
    LearnerLinks(Vec<String>),
    /// Whether the learner keeps their notes on a milestone out of their portfolio.
    NotesPrivate(MilestoneRef, bool),
    /// Whether the learner keeps a finished project out of their portfolio.
    PortfolioHidden(MilestoneRef, bool),
    /// A period of time away or of other hours a week, added or removed by value.
    Period(Period, bool),
    /// Something the learner did, for the log: one element of the log, named by its record.
    Activity(Activity),
    /// An entry of the log taken back (undone), by the key of the record that added it.
    ActivityGone(Key),
    /// An entry of a log from before sync, with the entry's own fingerprint and which of the
    /// file's entries of the same moment it is: an entry carried forward twice (by two
    /// machines, or from a file an older Waymark wrote again) is added once.
    LegacyActivity(Activity, u64, u32),
    /// An imported curriculum (`Some`), or its removal (`None`).
    Source(String, Option<CurriculumSource>),
    /// The name of the machine whose records these are.
    Machine(String),
    /// The days the learner studies on and when a session starts.
    StudyTimes(StudyTimes),
}

impl Op {
    /// The milestone this step changes, if it changes one.
    pub fn milestone(&self) -> Option<&MilestoneRef> {
        match self {
            Self::Status(m, _)
            | Self::Notes(m, _, _)
            | Self::NotesResolved(m, _)
            | Self::NotesReopened(m, _)
            | Self::Estimate(m, _)
            | Self::Changed(m, _)
            | Self::Hours(m, _)
            | Self::LegacyHours(m, _, _)
            | Self::History(m, _, _)
            | Self::Evidence(m, _, _)
            | Self::Review(m, _, _)
            | Self::NotesPrivate(m, _)
            | Self::PortfolioHidden(m, _) => Some(m),
            _ => None,
        }
    }
}

/// One step of a record: a change, and the changes to the same value that its machine had
/// seen (see [`super::lww`]). `None` for a record of format 1, which named none.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub op: Op,
    pub after: Option<Vec<Key>>,
}

/// A record of this machine, named for its undo and redo: its stamp and fingerprint.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct TxId {
    pub t: Stamp,
    pub h: u32,
}

/// What a record is to its machine's undo history.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    /// A change the learner made.
    #[default]
    Change,
    /// The undo of the record named.
    Undo(TxId),
    /// The redo of the record named (an undo).
    Redo(TxId),
}

/// One record: a line of a machine's file. Its steps are keyed by its stamp and their place:
/// the `i`-th step's key is `(t.plus(i), machine, h)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tx {
    pub t: Stamp,
    /// The fingerprint of the line (0 for format 1): part of every step's key.
    pub h: u32,
    pub steps: Vec<Step>,
    /// What puts the values back as they were before it, for this machine's undo; `None` when
    /// it cannot be undone (the machine's name, a migration).
    pub undo: Option<Vec<Op>>,
    /// What it did, in the learner's words ("marked Python fundamentals done").
    pub what: String,
    pub kind: Kind,
}

impl Tx {
    pub fn id(&self) -> TxId {
        TxId {
            t: self.t,
            h: self.h,
        }
    }

    /// The key of the `i`-th step, made by machine `device`.
    pub fn key(&self, device: &str, i: usize) -> Key {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        Key {
            t: self.t.plus(i).unwrap_or(self.t),
            d: device.to_owned(),
            h: self.h,
        }
    }

    /// The latest stamp of its steps.
    pub fn last_stamp(&self) -> Stamp {
        let n = u32::try_from(self.steps.len().saturating_sub(1)).unwrap_or(u32::MAX);
        self.t.plus(n).unwrap_or(self.t)
    }
}
