//! The values as the files spell them, apart from the domain's types, and the domain's values
//! turned into them: what this machine writes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::progress::{Activity, Event, MilestoneRef, Status};
use crate::sync::hlc::Key;
use crate::sync::op::Op;

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct MilestoneW {
    pub(super) curriculum: String,
    pub(super) milestone: String,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
pub(super) enum StatusW {
    Todo,
    Doing,
    Done,
    Skipped,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct StatusChangeW {
    pub(super) status: StatusW,
    pub(super) at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct ReviewW {
    pub(super) at: DateTime<Utc>,
    pub(super) passed: bool,
    #[serde(default)]
    pub(super) note: String,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct TextW {
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) resources: Vec<(String, String)>,
    pub(super) requires: Vec<String>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct ChangedW {
    pub(super) at: DateTime<Utc>,
    pub(super) from_revision: u32,
    pub(super) to_revision: u32,
    pub(super) before: TextW,
    pub(super) after: TextW,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct FocusW {
    pub(super) curriculum: String,
    pub(super) focus: String,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct GoalSourceW {
    pub(super) curriculum: String,
    pub(super) goal: String,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct GoalW {
    pub(super) id: String,
    pub(super) title: String,
    #[serde(default)]
    pub(super) source: Option<GoalSourceW>,
    #[serde(default)]
    pub(super) mentor_note: String,
    pub(super) milestones: Vec<MilestoneW>,
    pub(super) target: NaiveDate,
    pub(super) adopted_at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct TimerW {
    pub(super) milestone: MilestoneW,
    pub(super) started: DateTime<Utc>,
    pub(super) machine: String,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct CheckInW {
    pub(super) date: NaiveDate,
    #[serde(default)]
    pub(super) notes: String,
    #[serde(default)]
    pub(super) next_steps: Vec<String>,
    /// Written only when there is one: a check-in without it is the line it always was.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(super) mentor: String,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct PacketW {
    pub(super) id: String,
    pub(super) key: String,
    pub(super) sent_at: DateTime<Utc>,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct ReplyW {
    pub(super) packet: String,
    pub(super) seal: String,
    pub(super) mentor: String,
    pub(super) date: NaiveDate,
    pub(super) suggested_goals: Vec<String>,
    #[serde(default)]
    pub(super) suggested_targets: Vec<(String, NaiveDate)>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct SignOffW {
    pub(super) milestone: MilestoneW,
    pub(super) mentor: String,
    pub(super) date: NaiveDate,
    pub(super) packet: String,
    pub(super) finished_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct CommentW {
    pub(super) milestone: MilestoneW,
    pub(super) mentor: String,
    pub(super) date: NaiveDate,
    pub(super) packet: String,
    pub(super) text: String,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct PeriodW {
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    pub(super) hours_per_week: f64,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) enum EventW {
    StatusChanged {
        milestone: MilestoneW,
        from: StatusW,
        to: StatusW,
    },
    HoursLogged {
        milestone: MilestoneW,
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
    Reviewed {
        milestone: MilestoneW,
        passed: bool,
    },
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct ActivityW {
    pub(super) at: DateTime<Utc>,
    pub(super) event: EventW,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct SourceW {
    pub(super) origin: String,
    pub(super) revision: u32,
    pub(super) imported_at: DateTime<Utc>,
    #[serde(default)]
    pub(super) file: Option<String>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) enum OpW {
    Status(MilestoneW, StatusW),
    Notes(MilestoneW, String, Option<Key>),
    NotesResolved(MilestoneW, Vec<Key>),
    NotesReopened(MilestoneW, Vec<Key>),
    Estimate(MilestoneW, Option<f64>),
    Changed(MilestoneW, Option<ChangedW>),
    Hours(MilestoneW, f64),
    LegacyHours(MilestoneW, f64, u64),
    Migrated(u64),
    History(MilestoneW, StatusChangeW, bool),
    Evidence(MilestoneW, String, bool),
    Review(MilestoneW, ReviewW, bool),
    Focus(FocusW, bool),
    Goal(String, Option<GoalW>),
    GoalOrder(Vec<String>),
    HoursPerWeek(f64),
    Onboarded(bool),
    MentorName(String),
    MentorContact(String),
    CheckIn(CheckInW, bool),
    Activity(ActivityW),
    ActivityGone(Key),
    LegacyActivity(ActivityW, u64, u32),
    Source(String, Option<SourceW>),
    Machine(String),
    /// The whole of a curriculum without focus areas in (or out of) the focus. A variant of
    /// its own, not `Focus` with an empty area: a Waymark from before it keeps the record as
    /// one from a newer version instead of refusing it as garbled.
    FocusWhole(String, bool),
    /// A study timer started (`true`) or stopped on a milestone.
    Timer(TimerW, bool),
    PacketSent(PacketW, bool),
    ReplyTaken(ReplyW, bool),
    SignOff(SignOffW, bool),
    MentorComment(CommentW, bool),
    /// The study days (`mon` … `sun`) and the start (`19:00`). A variant of its own: a Waymark
    /// from before it keeps the record as one from a newer version.
    StudyTimes(StudyTimesW),
    /// The learner's name, for their portfolio.
    LearnerName(String),
    /// The learner's public links, in order, for their portfolio.
    LearnerLinks(Vec<String>),
    /// The learner's notes on a milestone kept out of their portfolio (`true`) or shown.
    NotesPrivate(MilestoneW, bool),
    /// A finished project kept out of the learner's portfolio (`true`) or shown.
    PortfolioHidden(MilestoneW, bool),
    /// Time away or a period of other hours a week, added or removed. New in the version that
    /// plans around them: a Waymark from before keeps it as a record from a newer version.
    Period(PeriodW, bool),
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct StudyTimesW {
    pub(super) days: Vec<String>,
    pub(super) at: String,
}

// ---- Domain to wire: what this machine writes ----------------------------------------------

impl From<&MilestoneRef> for MilestoneW {
    fn from(m: &MilestoneRef) -> Self {
        Self {
            curriculum: m.curriculum.clone(),
            milestone: m.milestone.clone(),
        }
    }
}

impl From<Status> for StatusW {
    fn from(s: Status) -> Self {
        match s {
            Status::Todo => Self::Todo,
            Status::Doing => Self::Doing,
            Status::Done => Self::Done,
            Status::Skipped => Self::Skipped,
        }
    }
}

impl From<StatusW> for Status {
    fn from(s: StatusW) -> Self {
        match s {
            StatusW::Todo => Self::Todo,
            StatusW::Doing => Self::Doing,
            StatusW::Done => Self::Done,
            StatusW::Skipped => Self::Skipped,
        }
    }
}

impl From<&crate::curriculum::update::MilestoneText> for TextW {
    fn from(t: &crate::curriculum::update::MilestoneText) -> Self {
        Self {
            title: t.title.clone(),
            summary: t.summary.clone(),
            resources: t.resources.clone(),
            requires: t.requires.clone(),
        }
    }
}

impl From<&Activity> for ActivityW {
    fn from(a: &Activity) -> Self {
        let event = match &a.event {
            Event::StatusChanged {
                milestone,
                from,
                to,
            } => EventW::StatusChanged {
                milestone: milestone.into(),
                from: (*from).into(),
                to: (*to).into(),
            },
            Event::HoursLogged { milestone, hours } => EventW::HoursLogged {
                milestone: milestone.into(),
                hours: *hours,
            },
            Event::GoalAdopted { goal } => EventW::GoalAdopted { goal: goal.clone() },
            Event::GoalDropped { goal } => EventW::GoalDropped { goal: goal.clone() },
            Event::CurriculumImported {
                curriculum,
                revision,
            } => EventW::CurriculumImported {
                curriculum: curriculum.clone(),
                revision: *revision,
            },
            Event::CurriculumRemoved { curriculum } => EventW::CurriculumRemoved {
                curriculum: curriculum.clone(),
            },
            Event::CheckIn { date } => EventW::CheckIn { date: *date },
            Event::Reviewed { milestone, passed } => EventW::Reviewed {
                milestone: milestone.into(),
                passed: *passed,
            },
        };
        Self { at: a.at, event }
    }
}

impl From<&Op> for OpW {
    fn from(op: &Op) -> Self {
        match op {
            Op::Status(m, s) => Self::Status(m.into(), (*s).into()),
            Op::Notes(m, t, base) => Self::Notes(m.into(), t.clone(), base.clone()),
            Op::NotesResolved(m, keys) => Self::NotesResolved(m.into(), keys.clone()),
            Op::NotesReopened(m, keys) => Self::NotesReopened(m.into(), keys.clone()),
            Op::Estimate(m, h) => Self::Estimate(m.into(), *h),
            Op::Changed(m, c) => Self::Changed(
                m.into(),
                c.as_ref().map(|c| ChangedW {
                    at: c.at,
                    from_revision: c.from_revision,
                    to_revision: c.to_revision,
                    before: (&c.before).into(),
                    after: (&c.after).into(),
                }),
            ),
            Op::Hours(m, h) => Self::Hours(m.into(), *h),
            Op::LegacyHours(m, h, print) => Self::LegacyHours(m.into(), *h, *print),
            Op::Migrated(print) => Self::Migrated(*print),
            Op::History(m, c, on) => Self::History(
                m.into(),
                StatusChangeW {
                    status: c.status.into(),
                    at: c.at,
                },
                *on,
            ),
            Op::Evidence(m, link, on) => Self::Evidence(m.into(), link.clone(), *on),
            Op::Review(m, r, on) => Self::Review(
                m.into(),
                ReviewW {
                    at: r.at,
                    passed: r.passed,
                    note: r.note.clone(),
                },
                *on,
            ),
            Op::Focus(f, on) if f.is_whole() => Self::FocusWhole(f.curriculum.clone(), *on),
            Op::Focus(f, on) => Self::Focus(
                FocusW {
                    curriculum: f.curriculum.clone(),
                    focus: f.focus.clone(),
                },
                *on,
            ),
            Op::Goal(id, g) => Self::Goal(
                id.clone(),
                g.as_ref().map(|g| GoalW {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    source: g.source.as_ref().map(|s| GoalSourceW {
                        curriculum: s.curriculum.clone(),
                        goal: s.goal.clone(),
                    }),
                    mentor_note: g.mentor_note.clone(),
                    milestones: g.milestones.iter().map(MilestoneW::from).collect(),
                    target: g.target,
                    adopted_at: g.adopted_at,
                }),
            ),
            Op::GoalOrder(ids) => Self::GoalOrder(ids.clone()),
            Op::HoursPerWeek(h) => Self::HoursPerWeek(*h),
            Op::Onboarded(b) => Self::Onboarded(*b),
            Op::MentorName(n) => Self::MentorName(n.clone()),
            Op::MentorContact(c) => Self::MentorContact(c.clone()),
            Op::CheckIn(c, on) => Self::CheckIn(
                CheckInW {
                    date: c.date,
                    notes: c.notes.clone(),
                    next_steps: c.next_steps.clone(),
                    mentor: c.mentor.clone(),
                },
                *on,
            ),
            Op::PacketSent(p, on) => Self::PacketSent(
                PacketW {
                    id: p.id.clone(),
                    key: p.key.clone(),
                    sent_at: p.sent_at,
                    from: p.from,
                    to: p.to,
                },
                *on,
            ),
            Op::ReplyTaken(r, on) => Self::ReplyTaken(
                ReplyW {
                    packet: r.packet.clone(),
                    seal: r.seal.clone(),
                    mentor: r.mentor.clone(),
                    date: r.date,
                    suggested_goals: r.suggested_goals.clone(),
                    suggested_targets: r.suggested_targets.clone(),
                },
                *on,
            ),
            Op::SignOff(s, on) => Self::SignOff(
                SignOffW {
                    milestone: (&s.milestone).into(),
                    mentor: s.mentor.clone(),
                    date: s.date,
                    packet: s.packet.clone(),
                    finished_at: s.finished_at,
                },
                *on,
            ),
            Op::MentorComment(c, on) => Self::MentorComment(
                CommentW {
                    milestone: (&c.milestone).into(),
                    mentor: c.mentor.clone(),
                    date: c.date,
                    packet: c.packet.clone(),
                    text: c.text.clone(),
                },
                *on,
            ),
            Op::Timer(t, on) => Self::Timer(
                TimerW {
                    milestone: (&t.milestone).into(),
                    started: t.started,
                    machine: t.machine.clone(),
                },
                *on,
            ),
            Op::LearnerName(n) => Self::LearnerName(n.clone()),
            Op::LearnerLinks(l) => Self::LearnerLinks(l.clone()),
            Op::NotesPrivate(m, b) => Self::NotesPrivate(m.into(), *b),
            Op::PortfolioHidden(m, b) => Self::PortfolioHidden(m.into(), *b),
            Op::Period(p, on) => Self::Period(
                PeriodW {
                    from: p.from,
                    to: p.to,
                    hours_per_week: p.hours_per_week,
                },
                *on,
            ),
            Op::Activity(a) => Self::Activity(a.into()),
            Op::ActivityGone(k) => Self::ActivityGone(k.clone()),
            Op::LegacyActivity(a, print, nth) => Self::LegacyActivity(a.into(), *print, *nth),
            Op::Source(id, s) => Self::Source(
                id.clone(),
                s.as_ref().map(|s| SourceW {
                    origin: s.origin.clone(),
                    revision: s.revision,
                    imported_at: s.imported_at,
                    file: s.file.clone(),
                }),
            ),
            Op::Machine(name) => Self::Machine(name.clone()),
            Op::StudyTimes(t) => Self::StudyTimes(StudyTimesW {
                days: t
                    .days
                    .iter()
                    .map(|d| crate::progress::study_times::day_name(*d).to_owned())
                    .collect(),
                at: t.at.format("%H:%M").to_string(),
            }),
        }
    }
}
