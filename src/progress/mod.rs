//! The learner's own data: focus, goals, capacity, statuses, notes, evidence, the activity log and the mentor.
//!
//! This is what `state.ron` holds (see [`crate::storage`] for how it is saved and migrated).
//! A curriculum belongs to its author; everything here belongs to the learner.

pub(crate) mod instant;
pub mod learner;
mod log;
pub mod mentoring;
pub mod periods;
pub mod profile;
pub mod review;
mod shared;
pub mod study_times;
pub mod timer;
pub mod update;

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use learner::Learner;
pub use log::ActivityLog;
pub use mentoring::{MentorComment, SentPacket, SignOff, TakenReply};
pub use periods::Period;
pub use profile::{Profile, ProfileError};
pub use review::{Changed, Review};
pub use shared::Shared;
pub use study_times::StudyTimes;
pub use timer::TimerRun;

/// The `format` number of `state.ron` that this Waymark writes.
pub const STATE_FORMAT: u32 = 1;

/// Names one milestone across curricula: `curriculum/milestone`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MilestoneRef {
    pub curriculum: String,
    pub milestone: String,
}

impl MilestoneRef {
    pub fn new(curriculum: impl Into<String>, milestone: impl Into<String>) -> Self {
        Self {
            curriculum: curriculum.into(),
            milestone: milestone.into(),
        }
    }

    /// Parses `curriculum/milestone`.
    pub fn parse(s: &str) -> Option<Self> {
        let (c, m) = s.split_once('/')?;
        (crate::curriculum::is_slug(c) && crate::curriculum::is_slug(m)).then(|| Self::new(c, m))
    }
}

impl fmt::Display for MilestoneRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.curriculum, self.milestone)
    }
}

/// Names one focus area of one curriculum, or (with an empty `focus`) the whole of a
/// curriculum that has no focus areas.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FocusRef {
    pub curriculum: String,
    pub focus: String,
}

impl FocusRef {
    /// All of `curriculum` in the focus: for a curriculum without focus areas (a Markdown
    /// import), which is out of the focus once the learner has chosen one until they say so.
    pub fn whole(curriculum: &str) -> Self {
        Self {
            curriculum: curriculum.to_owned(),
            focus: String::new(),
        }
    }

    pub fn is_whole(&self) -> bool {
        self.focus.is_empty()
    }
}

/// `CURRICULUM/AREA`, or `CURRICULUM` for a whole curriculum: the form the command line takes.
impl fmt::Display for FocusRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_whole() {
            write!(f, "{}", self.curriculum)
        } else {
            write!(f, "{}/{}", self.curriculum, self.focus)
        }
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    Todo,
    Doing,
    Done,
    Skipped,
}

impl Status {
    pub const ALL: [Self; 4] = [Self::Todo, Self::Doing, Self::Done, Self::Skipped];

    /// The word used on the command line and in the window: `todo`, `doing`, `done`, `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Todo => "todo",
            Self::Doing => "doing",
            Self::Done => "done",
            Self::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The words a learner reads for it: "To do", "Doing", "Done", "Skipped".
    pub fn words(self) -> &'static str {
        match self {
            Self::Todo => "To do",
            Self::Doing => "Doing",
            Self::Done => "Done",
            Self::Skipped => "Skipped",
        }
    }

    /// Done or skipped: nothing left to do, and what depends on it may start.
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Done | Self::Skipped)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change of status, with when it happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: Status,
    #[serde(with = "instant")]
    pub at: DateTime<Utc>,
}

/// The learner's progress on one milestone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MilestoneProgress {
    pub status: Status,
    /// Every change of status, oldest first.
    pub history: Vec<StatusChange>,
    pub notes: String,
    /// Links that show the work, for example a project's repository.
    pub evidence: Vec<String>,
    pub hours_logged: f64,
    /// The learner's own estimate of the milestone's hours, which the plan uses instead of
    /// the curriculum's (a Markdown checklist's items have none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_estimate_hours: Option<f64>,
    /// The reviews of a finished skill, oldest first (see [`review`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Set when an update changed the milestone after the learner finished it, until they keep
    /// it finished or reopen it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Changed>,
    /// Notes written on another machine at the same time as `notes`, kept for the learner to
    /// resolve (see [`crate::sync`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_notes: Vec<String>,
    /// The learner keeps their notes on it out of their portfolio.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub notes_private: bool,
    /// The learner keeps this finished project out of their portfolio.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden_from_portfolio: bool,
}

/// Notes with texts from other machines added below them, a blank line apart: what keeping
/// both of two concurrent edits gives.
pub fn join_notes(notes: &str, others: &[String]) -> String {
    let mut all = notes.trim_end().to_owned();
    for other in others {
        if !all.is_empty() {
            all.push_str("\n\n");
        }
        all.push_str(other.trim_end());
    }
    all
}

impl MilestoneProgress {
    /// True when nothing here is worth keeping (no status, notes, evidence, hours or estimate).
    pub fn is_blank(&self) -> bool {
        self.status == Status::Todo
            && self.history.is_empty()
            && self.notes.is_empty()
            && self.evidence.is_empty()
            && self.hours_logged == 0.0
            && self.own_estimate_hours.is_none()
            && self.reviews.is_empty()
            && self.changed.is_none()
            && self.other_notes.is_empty()
            && !self.notes_private
            && !self.hidden_from_portfolio
    }

    /// When it was last marked done (or skipped): the latest change to its current status,
    /// while that status is a finished one.
    pub fn finished_at(&self) -> Option<DateTime<Utc>> {
        if !self.status.is_finished() {
            return None;
        }
        self.history
            .iter()
            .rev()
            .find(|c| c.status == self.status)
            .map(|c| c.at)
    }
}

/// A goal the learner adopted: from a curriculum's mentor goals or written by the learner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdoptedGoal {
    /// Unique among the learner's goals.
    pub id: String,
    pub title: String,
    /// The curriculum goal this was adopted from; `None` for the learner's own goals.
    #[serde(default)]
    pub source: Option<GoalSource>,
    #[serde(default)]
    pub mentor_note: String,
    pub milestones: Vec<MilestoneRef>,
    pub target: NaiveDate,
    #[serde(with = "instant")]
    pub adopted_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalSource {
    pub curriculum: String,
    pub goal: String,
}

/// Something the learner did, for the log, the streak and the progress plot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    #[serde(with = "instant")]
    pub at: DateTime<Utc>,
    pub event: Event,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    StatusChanged {
        milestone: MilestoneRef,
        from: Status,
        to: Status,
    },
    HoursLogged {
        milestone: MilestoneRef,
        hours: f64,
    },
    GoalAdopted {
        goal: String,
    },
    GoalDropped {
        goal: String,
    },
    CurriculumImported {
        curriculum: String,
        revision: u32,
    },
    CurriculumRemoved {
        curriculum: String,
    },
    CheckIn {
        date: NaiveDate,
    },
    /// A review of a finished skill, passed or failed.
    Reviewed {
        milestone: MilestoneRef,
        passed: bool,
    },
}

/// The mentor and what was agreed with them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mentor {
    pub name: String,
    /// An email address, a handle or a link: however the learner reaches them.
    pub contact: String,
    /// Oldest first; the window shows them newest first.
    pub check_ins: Vec<CheckIn>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CheckIn {
    pub date: NaiveDate,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub next_steps: Vec<String>,
    /// The mentor whose reply it came from; empty for one the learner wrote down.
    #[serde(default)]
    pub mentor: String,
}

/// As text (RON), an empty `mentor` is left out, so that a check-in written before it is the
/// same text, and so the same set member (see [`crate::sync::canon`]), as it always was. The
/// compact snapshot, which is read by position, always holds all four.
impl Serialize for CheckIn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let with_mentor = !s.is_human_readable() || !self.mentor.is_empty();
        let mut st = s.serialize_struct("CheckIn", 3 + usize::from(with_mentor))?;
        st.serialize_field("date", &self.date)?;
        st.serialize_field("notes", &self.notes)?;
        st.serialize_field("next_steps", &self.next_steps)?;
        if with_mentor {
            st.serialize_field("mentor", &self.mentor)?;
        } else {
            st.skip_field("mentor")?;
        }
        st.end()
    }
}

/// Where an imported curriculum came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurriculumSource {
    /// The path or name it was imported from.
    pub origin: String,
    pub revision: u32,
    #[serde(with = "instant")]
    pub imported_at: DateTime<Utc>,
    /// The copy's file in the data directory's `curricula/`, named by its content so that no
    /// two machines ever write one file differently; `None` for a copy named after its id (as
    /// data directories before sync kept them).
    #[serde(default)]
    pub file: Option<String>,
}

/// Everything `state.ron` holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// The focus areas the learner chose.
    pub focus: Vec<FocusRef>,
    pub goals: Vec<AdoptedGoal>,
    /// The hours a week the learner can give.
    pub hours_per_week: f64,
    /// Progress per curriculum id, then per milestone id. Each curriculum's map is shared
    /// between copies of the state until changed (see [`Shared`]).
    pub progress: BTreeMap<String, Shared<BTreeMap<String, MilestoneProgress>>>,
    /// Progress on milestones an update removed, kept until they return.
    pub set_aside: BTreeMap<String, Shared<BTreeMap<String, MilestoneProgress>>>,
    /// Oldest first.
    pub activity: ActivityLog,
    pub mentor: Mentor,
    /// Imported curricula by id (bundled ones are not listed).
    pub sources: BTreeMap<String, CurriculumSource>,
    /// True once the learner has finished (or skipped) the first-run conversation.
    pub onboarded: bool,
    /// Time away and weeks with other hours, in the order they were added.
    pub periods: Vec<Period>,
    /// The study timers running, on this machine and others, oldest first.
    pub timers: Vec<TimerRun>,
    /// Check-in packets sent to the mentor, oldest first.
    pub packets: Vec<SentPacket>,
    /// Mentors' replies taken in, oldest first.
    pub replies: Vec<TakenReply>,
    /// Mentors' sign-offs of finished work, oldest first.
    pub sign_offs: Vec<SignOff>,
    /// Mentors' comments on milestones, oldest first.
    pub comments: Vec<MentorComment>,
    /// The days the learner studies on and when a session starts: the default until chosen.
    pub study_times: StudyTimes,
    /// The learner's name and public links, for their portfolio.
    pub learner: Learner,
}

impl Default for State {
    fn default() -> Self {
        Self {
            focus: Vec::new(),
            goals: Vec::new(),
            hours_per_week: 6.0,
            progress: BTreeMap::new(),
            set_aside: BTreeMap::new(),
            activity: ActivityLog::new(),
            mentor: Mentor::default(),
            sources: BTreeMap::new(),
            onboarded: false,
            periods: Vec::new(),
            timers: Vec::new(),
            packets: Vec::new(),
            replies: Vec::new(),
            sign_offs: Vec::new(),
            comments: Vec::new(),
            study_times: StudyTimes::default(),
            learner: Learner::default(),
        }
    }
}

impl State {
    pub fn milestone(&self, r: &MilestoneRef) -> Option<&MilestoneProgress> {
        self.progress.get(&r.curriculum)?.get(&r.milestone)
    }

    pub fn status(&self, r: &MilestoneRef) -> Status {
        self.milestone(r).map_or(Status::Todo, |p| p.status)
    }

    pub fn milestone_mut(&mut self, r: &MilestoneRef) -> &mut MilestoneProgress {
        self.progress
            .entry(r.curriculum.clone())
            .or_default()
            .entry(r.milestone.clone())
            .or_default()
    }

    /// Sets a status, recording the change in the milestone's history and the activity log.
    /// Returns false (and records nothing) when the status is already `status`.
    pub fn set_status(&mut self, r: &MilestoneRef, status: Status, now: DateTime<Utc>) -> bool {
        let progress = self.milestone_mut(r);
        let from = progress.status;
        if from == status {
            return false;
        }
        progress.status = status;
        progress.history.push(StatusChange { status, at: now });
        self.activity.push(Activity {
            at: now,
            event: Event::StatusChanged {
                milestone: r.clone(),
                from,
                to: status,
            },
        });
        true
    }

    /// Marks a milestone the learner knew before they started as done: its history records
    /// the change, and the activity log does not, because knowing it already is not progress
    /// made (it fills no week, streak, chart, recent activity or report period). Returns false
    /// (and records nothing) when it is finished already.
    pub fn mark_known(&mut self, r: &MilestoneRef, now: DateTime<Utc>) -> bool {
        let progress = self.milestone_mut(r);
        if progress.status.is_finished() {
            return false;
        }
        progress.status = Status::Done;
        progress.history.push(StatusChange {
            status: Status::Done,
            at: now,
        });
        true
    }

    /// Adds hours to a milestone's log. Negative or non-finite hours are ignored.
    pub fn log_hours(&mut self, r: &MilestoneRef, hours: f64, now: DateTime<Utc>) -> bool {
        if !hours.is_finite() || hours <= 0.0 {
            return false;
        }
        self.milestone_mut(r).hours_logged += hours;
        self.activity.push(Activity {
            at: now,
            event: Event::HoursLogged {
                milestone: r.clone(),
                hours,
            },
        });
        true
    }

    /// Sets or clears the learner's own estimate of a milestone; false when it was that already.
    pub fn set_own_estimate(&mut self, r: &MilestoneRef, hours: Option<f64>) -> bool {
        if self.milestone(r).and_then(|p| p.own_estimate_hours) == hours {
            return false;
        }
        self.milestone_mut(r).own_estimate_hours = hours;
        true
    }

    pub fn goal(&self, id: &str) -> Option<&AdoptedGoal> {
        self.goals.iter().find(|g| g.id == id)
    }

    pub fn is_focused(&self, curriculum: &str, focus: &str) -> bool {
        self.focus
            .iter()
            .any(|f| f.curriculum == curriculum && f.focus == focus)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + i64::from(h) * 3600, 0).unwrap_or_default()
    }

    #[test]
    fn a_check_in_without_a_mentor_is_the_text_it_was_and_the_snapshot_keeps_every_field() {
        let mut c = CheckIn {
            date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default(),
            notes: "n".into(),
            next_steps: vec!["s".into()],
            mentor: String::new(),
        };
        assert_eq!(
            ron::to_string(&c).unwrap_or_default(),
            r#"(date:"2027-03-01",notes:"n",next_steps:["s"])"#
        );
        for mentor in ["", "Ana Ruiz"] {
            c.mentor = mentor.into();
            let bytes = postcard::to_allocvec(&c).unwrap_or_default();
            assert_eq!(
                postcard::from_bytes::<CheckIn>(&bytes).ok(),
                Some(c.clone())
            );
            let text = ron::to_string(&c).unwrap_or_default();
            assert_eq!(ron::from_str::<CheckIn>(&text).ok(), Some(c.clone()));
        }
    }

    #[test]
    fn setting_a_status_records_history_and_activity() {
        let mut s = State::default();
        let r = MilestoneRef::new("core", "python");
        assert!(s.set_status(&r, Status::Doing, at(0)));
        assert!(s.set_status(&r, Status::Done, at(1)));
        assert!(
            !s.set_status(&r, Status::Done, at(2)),
            "no change, no record"
        );
        let p = s.milestone(&r).expect("progress exists");
        assert_eq!(p.status, Status::Done);
        assert_eq!(p.history.len(), 2);
        assert_eq!(s.activity.len(), 2);
    }

    #[test]
    fn milestone_refs_parse_only_slug_pairs() {
        assert_eq!(
            MilestoneRef::parse("core/python"),
            Some(MilestoneRef::new("core", "python"))
        );
        assert_eq!(MilestoneRef::parse("core"), None);
        assert_eq!(MilestoneRef::parse("core/../x"), None);
        assert_eq!(MilestoneRef::parse("Core/x"), None);
    }
}
