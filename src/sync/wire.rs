//! How records are written and read: a format of their own, versioned apart from the domain's
//! types, and the trust boundary for every line another machine (or a restore, or a clone)
//! put in a file.
//!
//! **Format 1** is one change a line, as Waymark wrote them before this version:
//! `(t:(ms:…,n:…),op:Status((curriculum:"c",milestone:"m"),Done))`.
//!
//! **Format 2** is one change the learner made a line, with every value it set, what it had
//! seen of each, and what undoes it:
//! `(v:2,t:(ms:…,n:…),ops:[(op:Status(…),after:[(t:(…),d:"laptop",h:…)])],undo:[…],what:"…")`.
//!
//! Reading a line gives one of four [`Read`]s: a record whose every value keeps the rules the
//! commands enforce; a line of a newer format or with a kind of change this version does not
//! know (kept, and applied by the first Waymark that knows it); a line that is not a record (cut
//! short, garbled); or a record refused because a value breaks a rule (NaN hours, an id that is
//! not one, a link that is not http(s)). Only the first ever reaches the merge.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::hlc::{Key, Stamp};
use super::op::{Kind, Op, Step, Tx, TxId};
use crate::progress::{
    Activity, AdoptedGoal, Changed, CheckIn, CurriculumSource, Event, FocusRef, GoalSource,
    MilestoneRef, Review, Status, StatusChange,
};

/// The record format this version writes.
pub const FORMAT: u32 = 2;

/// The longest line read: a record holds one change the learner made, a few KiB at most; a
/// curriculum's update that flags hundreds of finished milestones stays well under this.
pub const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;

/// The most steps one record may hold.
const MAX_STEPS: usize = 100_000;
/// Text the learner writes (notes, a check-in, a review's note).
const MAX_TEXT: usize = 256 * 1024;
/// A name, a title, a contact, a link.
const MAX_SHORT: usize = 4096;

/// What a line is.
#[derive(Clone, Debug, PartialEq)]
pub enum Read {
    Tx(Tx),
    /// Written by a newer Waymark: a format or a kind of change this version does not know.
    Newer(String),
    /// Not a record: cut short or garbled.
    Garbled(String),
    /// A record whose values break a rule (the reason names it).
    Refused(String),
}

/// Why a record could not be written.
#[derive(Debug, thiserror::Error)]
#[error("the record of \"{what}\" could not be written: {reason}")]
pub struct WriteError {
    pub what: String,
    pub reason: String,
}

/// The fingerprint of a line (FNV-1a, 32 bits): part of its changes' keys.
pub fn fingerprint(line: &[u8]) -> u32 {
    line.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// `tx` as one line of format 2 with its newline, and the line's fingerprint (which `tx.h`
/// does not need to hold yet: it is made from the line).
pub fn to_line(tx: &Tx) -> Result<(String, u32), WriteError> {
    let line = LineV2 {
        v: FORMAT,
        t: tx.t,
        ops: tx
            .steps
            .iter()
            .map(|s| StepW {
                op: OpW::from(&s.op),
                after: s.after.clone().unwrap_or_default(),
            })
            .collect(),
        undo: tx
            .undo
            .as_ref()
            .map(|ops| ops.iter().map(OpW::from).collect()),
        what: tx.what.clone(),
        undoes: match tx.kind {
            Kind::Undo(id) => Some(id.into()),
            _ => None,
        },
        redoes: match tx.kind {
            Kind::Redo(id) => Some(id.into()),
            _ => None,
        },
    };
    // Strings with newlines are written with `\n` escapes, so a record is one line.
    let text = ron::to_string(&line).map_err(|e| WriteError {
        what: tx.what.clone(),
        reason: e.to_string(),
    })?;
    if text.contains('\n') || text.len() > MAX_LINE_BYTES {
        return Err(WriteError {
            what: tx.what.clone(),
            reason: format!("it would be {} bytes on more than one line", text.len()),
        });
    }
    let h = fingerprint(text.as_bytes());
    Ok((text + "\n", h))
}

/// Reads one line (without its newline).
pub fn read_line(line: &[u8]) -> Read {
    let Ok(text) = std::str::from_utf8(line) else {
        return Read::Garbled("not UTF-8 text".into());
    };
    let text = text.trim_end_matches('\r');
    if let Some(rest) = text.strip_prefix("(v:") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return match digits.parse::<u32>() {
            Ok(v) if v > FORMAT && is_whole(text) => Read::Newer(format!("a record of format {v}")),
            Ok(FORMAT) => match ron::from_str::<LineV2>(text) {
                Ok(line) => checked(line.into_tx(fingerprint(text.as_bytes()))),
                Err(e) => unreadable(&e.code, text),
            },
            _ => Read::Garbled("not a whole record".into()),
        };
    }
    match ron::from_str::<LineV1>(text) {
        Ok(line) => checked(line.into_tx()),
        Err(e) => unreadable(&e.code, text),
    }
}

/// Whether `text` is one whole RON value, whatever it holds: what a record of a newer Waymark
/// is, and a line cut short is not.
fn is_whole(text: &str) -> bool {
    ron::from_str::<ron::Value>(text).is_ok()
}

fn checked(tx: Result<Tx, String>) -> Read {
    match tx {
        Ok(tx) => Read::Tx(tx),
        Err(reason) => Read::Refused(reason),
    }
}

/// A line that did not parse: one naming a kind of change (or a value of one) this version
/// does not know was written by a newer Waymark; anything else is not a whole record.
fn unreadable(e: &ron::Error, text: &str) -> Read {
    match e {
        ron::Error::NoSuchEnumVariant { found, .. } if is_whole(text) => Read::Newer(format!(
            "a kind of change this Waymark does not know ({found})"
        )),
        _ => Read::Garbled("not a whole record".into()),
    }
}

// ---- The lines ---------------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
struct LineV1 {
    t: Stamp,
    op: OpW,
}

impl LineV1 {
    fn into_tx(self) -> Result<Tx, String> {
        Ok(Tx {
            t: self.t,
            h: 0,
            steps: vec![Step {
                op: self.op.into_op()?,
                after: None,
            }],
            undo: None,
            what: String::new(),
            kind: Kind::Change,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct LineV2 {
    v: u32,
    t: Stamp,
    ops: Vec<StepW>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    undo: Option<Vec<OpW>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    undoes: Option<TxIdW>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    redoes: Option<TxIdW>,
}

impl LineV2 {
    fn into_tx(self, h: u32) -> Result<Tx, String> {
        if self.ops.is_empty() || self.ops.len() > MAX_STEPS {
            return Err(format!("a record of {} changes", self.ops.len()));
        }
        let last = u32::try_from(self.ops.len() - 1).map_err(|_| "too many changes")?;
        if self.t.plus(last).is_none() {
            return Err("its changes' stamps would run past the counter".into());
        }
        text(&self.what, MAX_SHORT, "its description")?;
        let steps = self
            .ops
            .into_iter()
            .map(|s| {
                for k in &s.after {
                    key(k)?;
                }
                Ok(Step {
                    op: s.op.into_op()?,
                    after: Some(s.after),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let undo = self
            .undo
            .map(|ops| ops.into_iter().map(OpW::into_op).collect())
            .transpose()?;
        let kind = match (self.undoes, self.redoes) {
            (Some(id), None) => Kind::Undo(id.into()),
            (None, Some(id)) => Kind::Redo(id.into()),
            (None, None) => Kind::Change,
            (Some(_), Some(_)) => return Err("a record that is both an undo and a redo".into()),
        };
        Ok(Tx {
            t: self.t,
            h,
            steps,
            undo,
            what: self.what,
            kind,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct StepW {
    op: OpW,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    after: Vec<Key>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct TxIdW {
    t: Stamp,
    #[serde(default)]
    h: u32,
}

impl From<TxId> for TxIdW {
    fn from(id: TxId) -> Self {
        Self { t: id.t, h: id.h }
    }
}

impl From<TxIdW> for TxId {
    fn from(id: TxIdW) -> Self {
        Self { t: id.t, h: id.h }
    }
}

// ---- The values, as the files spell them ---------------------------------------------------

#[derive(Clone, Serialize, Deserialize)]
struct MilestoneW {
    curriculum: String,
    milestone: String,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
enum StatusW {
    Todo,
    Doing,
    Done,
    Skipped,
}

#[derive(Clone, Serialize, Deserialize)]
struct StatusChangeW {
    status: StatusW,
    at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize)]
struct ReviewW {
    at: DateTime<Utc>,
    passed: bool,
    #[serde(default)]
    note: String,
}

#[derive(Clone, Serialize, Deserialize)]
struct TextW {
    title: String,
    summary: String,
    resources: Vec<(String, String)>,
    requires: Vec<String>,
}

#[derive(Clone, Serialize, Deserialize)]
struct ChangedW {
    at: DateTime<Utc>,
    from_revision: u32,
    to_revision: u32,
    before: TextW,
    after: TextW,
}

#[derive(Clone, Serialize, Deserialize)]
struct FocusW {
    curriculum: String,
    focus: String,
}

#[derive(Clone, Serialize, Deserialize)]
struct GoalSourceW {
    curriculum: String,
    goal: String,
}

#[derive(Clone, Serialize, Deserialize)]
struct GoalW {
    id: String,
    title: String,
    #[serde(default)]
    source: Option<GoalSourceW>,
    #[serde(default)]
    mentor_note: String,
    milestones: Vec<MilestoneW>,
    target: NaiveDate,
    adopted_at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize)]
struct CheckInW {
    date: NaiveDate,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    next_steps: Vec<String>,
}

#[derive(Clone, Serialize, Deserialize)]
enum EventW {
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
struct ActivityW {
    at: DateTime<Utc>,
    event: EventW,
}

#[derive(Clone, Serialize, Deserialize)]
struct SourceW {
    origin: String,
    revision: u32,
    imported_at: DateTime<Utc>,
    #[serde(default)]
    file: Option<String>,
}

#[derive(Clone, Serialize, Deserialize)]
enum OpW {
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
        }
    }
}

// ---- Wire to domain: every value checked by the rules the commands enforce -----------------

/// The earliest and latest moments a record may name: dates outside them are a clock or a
/// file gone wrong, not a learner's day.
fn instant(at: DateTime<Utc>, what: &str) -> Result<DateTime<Utc>, String> {
    let year = chrono::Datelike::year(&at);
    if (1970..=2200).contains(&year) {
        Ok(at)
    } else {
        Err(format!("{what} is dated {at}"))
    }
}

fn date(d: NaiveDate, what: &str) -> Result<NaiveDate, String> {
    let year = chrono::Datelike::year(&d);
    if (1970..=2200).contains(&year) {
        Ok(d)
    } else {
        Err(format!("{what} is dated {d}"))
    }
}

fn text<'a>(s: &'a str, max: usize, what: &str) -> Result<&'a str, String> {
    if s.len() > max {
        return Err(format!("{what} is {} bytes, more than {max}", s.len()));
    }
    Ok(s)
}

/// A name on one line: no control characters (a newline in a title would become Markdown).
fn line_text(s: String, max: usize, what: &str) -> Result<String, String> {
    text(&s, max, what)?;
    if s.chars().any(char::is_control) {
        return Err(format!("{what} holds control characters"));
    }
    Ok(s)
}

fn slug(s: String, what: &str) -> Result<String, String> {
    if crate::curriculum::is_slug(&s) {
        Ok(s)
    } else {
        Err(format!("{what} \"{}\" is not an id", s.escape_debug()))
    }
}

/// A goal's id: a slug, or two joined by `-` (a curriculum's id and its goal's).
pub fn is_goal_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 130
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn goal_id(s: String) -> Result<String, String> {
    if is_goal_id(&s) {
        Ok(s)
    } else {
        Err(format!("\"{}\" is not a goal's id", s.escape_debug()))
    }
}

fn key(k: &Key) -> Result<(), String> {
    if crate::curriculum::is_slug(&k.d) || k.d.starts_with("legacy-") && k.d.len() <= 64 {
        Ok(())
    } else {
        Err(format!(
            "a change's machine \"{}\" is not an id",
            k.d.escape_debug()
        ))
    }
}

fn hours(h: f64, what: &str) -> Result<f64, String> {
    crate::progress::profile::check_hours(h).map_err(|e| format!("{what}: {e}"))
}

impl MilestoneW {
    fn into_ref(self) -> Result<MilestoneRef, String> {
        Ok(MilestoneRef::new(
            slug(self.curriculum, "a curriculum")?,
            slug(self.milestone, "a milestone")?,
        ))
    }
}

impl TextW {
    fn into_text(self) -> Result<crate::curriculum::update::MilestoneText, String> {
        text(&self.summary, MAX_TEXT, "a summary")?;
        if self.resources.len() > 1000 || self.requires.len() > 10_000 {
            return Err("a milestone's text lists too much".into());
        }
        Ok(crate::curriculum::update::MilestoneText {
            title: line_text(self.title, MAX_SHORT, "a title")?,
            summary: self.summary,
            resources: self
                .resources
                .into_iter()
                .map(|(t, u)| {
                    Ok((
                        line_text(t, MAX_SHORT, "a title")?,
                        line_text(u, MAX_SHORT, "a link")?,
                    ))
                })
                .collect::<Result<_, String>>()?,
            requires: self
                .requires
                .into_iter()
                .map(|r| slug(r, "a milestone"))
                .collect::<Result<_, _>>()?,
        })
    }
}

impl ActivityW {
    fn into_activity(self) -> Result<Activity, String> {
        let event = match self.event {
            EventW::StatusChanged {
                milestone,
                from,
                to,
            } => Event::StatusChanged {
                milestone: milestone.into_ref()?,
                from: from.into(),
                to: to.into(),
            },
            EventW::HoursLogged {
                milestone,
                hours: h,
            } => Event::HoursLogged {
                milestone: milestone.into_ref()?,
                hours: hours(h, "hours logged")?,
            },
            EventW::GoalAdopted { goal } => Event::GoalAdopted {
                goal: goal_id(goal)?,
            },
            EventW::GoalDropped { goal } => Event::GoalDropped {
                goal: goal_id(goal)?,
            },
            EventW::CurriculumImported {
                curriculum,
                revision,
            } => Event::CurriculumImported {
                curriculum: slug(curriculum, "a curriculum")?,
                revision,
            },
            EventW::CurriculumRemoved { curriculum } => Event::CurriculumRemoved {
                curriculum: slug(curriculum, "a curriculum")?,
            },
            EventW::CheckIn { date: d } => Event::CheckIn {
                date: date(d, "a check-in")?,
            },
            EventW::Reviewed { milestone, passed } => Event::Reviewed {
                milestone: milestone.into_ref()?,
                passed,
            },
        };
        Ok(Activity {
            at: instant(self.at, "an entry of the log")?,
            event,
        })
    }
}

impl OpW {
    fn into_op(self) -> Result<Op, String> {
        Ok(match self {
            Self::Status(m, s) => Op::Status(m.into_ref()?, s.into()),
            Self::Notes(m, t, base) => {
                text(&t, MAX_TEXT, "notes")?;
                if let Some(k) = &base {
                    key(k)?;
                }
                Op::Notes(m.into_ref()?, t, base)
            }
            Self::NotesResolved(m, keys) | Self::NotesReopened(m, keys) if keys.len() > 10_000 => {
                let _ = m;
                return Err(format!("{} notes resolved at once", keys.len()));
            }
            Self::NotesResolved(m, keys) => {
                keys.iter().try_for_each(key)?;
                Op::NotesResolved(m.into_ref()?, keys)
            }
            Self::NotesReopened(m, keys) => {
                keys.iter().try_for_each(key)?;
                Op::NotesReopened(m.into_ref()?, keys)
            }
            Self::Estimate(m, h) => Op::Estimate(
                m.into_ref()?,
                h.map(|h| hours(h, "an estimate")).transpose()?,
            ),
            Self::Changed(m, c) => Op::Changed(
                m.into_ref()?,
                c.map(|c| -> Result<Changed, String> {
                    Ok(Changed {
                        at: instant(c.at, "a change of a curriculum")?,
                        from_revision: c.from_revision,
                        to_revision: c.to_revision,
                        before: c.before.into_text()?,
                        after: c.after.into_text()?,
                    })
                })
                .transpose()?,
            ),
            Self::Hours(m, h) => {
                // Taking logged hours back (an undo) adds a negative amount.
                if !h.is_finite()
                    || h == 0.0
                    || h.abs() > crate::progress::profile::MAX_LOGGED_HOURS
                {
                    return Err(format!("{h} is not a number of hours logged"));
                }
                Op::Hours(m.into_ref()?, h)
            }
            Self::LegacyHours(m, h, print) => {
                if !h.is_finite() || !(0.0..=1_000_000.0).contains(&h) {
                    return Err(format!("{h} is not a number of hours logged"));
                }
                Op::LegacyHours(m.into_ref()?, h, print)
            }
            Self::Migrated(print) => Op::Migrated(print),
            Self::History(m, c, on) => Op::History(
                m.into_ref()?,
                StatusChange {
                    status: c.status.into(),
                    at: instant(c.at, "a change of status")?,
                },
                on,
            ),
            Self::Evidence(m, link, on) => {
                text(&link, MAX_SHORT, "a link")?;
                if !crate::curriculum::is_openable_url(&link) {
                    return Err(format!(
                        "evidence \"{}\" is not an http(s) link",
                        link.escape_debug()
                    ));
                }
                Op::Evidence(m.into_ref()?, link, on)
            }
            Self::Review(m, r, on) => {
                text(&r.note, MAX_TEXT, "a review's note")?;
                Op::Review(
                    m.into_ref()?,
                    Review {
                        at: instant(r.at, "a review")?,
                        passed: r.passed,
                        note: r.note,
                    },
                    on,
                )
            }
            Self::Focus(f, on) => Op::Focus(
                FocusRef {
                    curriculum: slug(f.curriculum, "a curriculum")?,
                    focus: slug(f.focus, "a focus area")?,
                },
                on,
            ),
            Self::Goal(id, g) => {
                let id = goal_id(id)?;
                let g = g
                    .map(|g| -> Result<AdoptedGoal, String> {
                        text(&g.mentor_note, MAX_TEXT, "a goal's mentor note")?;
                        if g.milestones.len() > 100_000 {
                            return Err("a goal of too many milestones".into());
                        }
                        Ok(AdoptedGoal {
                            id: goal_id(g.id)?,
                            title: line_text(g.title, MAX_SHORT, "a goal's title")?,
                            source: g
                                .source
                                .map(|s| -> Result<GoalSource, String> {
                                    Ok(GoalSource {
                                        curriculum: slug(s.curriculum, "a curriculum")?,
                                        goal: slug(s.goal, "a goal")?,
                                    })
                                })
                                .transpose()?,
                            mentor_note: g.mentor_note,
                            milestones: g
                                .milestones
                                .into_iter()
                                .map(MilestoneW::into_ref)
                                .collect::<Result<_, _>>()?,
                            target: date(g.target, "a goal's target")?,
                            adopted_at: instant(g.adopted_at, "a goal")?,
                        })
                    })
                    .transpose()?;
                if g.as_ref().is_some_and(|g| g.id != id) {
                    return Err(format!("goal \"{id}\" holds another goal's id"));
                }
                Op::Goal(id, g)
            }
            Self::GoalOrder(ids) => {
                if ids.len() > 10_000 {
                    return Err("an order of too many goals".into());
                }
                Op::GoalOrder(ids.into_iter().map(goal_id).collect::<Result<_, _>>()?)
            }
            Self::HoursPerWeek(h) => Op::HoursPerWeek(
                crate::progress::profile::check_hours_per_week(h)
                    .map_err(|e| format!("hours a week: {e}"))?,
            ),
            Self::Onboarded(b) => Op::Onboarded(b),
            Self::MentorName(n) => Op::MentorName(line_text(n, MAX_SHORT, "a mentor's name")?),
            Self::MentorContact(c) => {
                Op::MentorContact(line_text(c, MAX_SHORT, "a mentor's contact")?)
            }
            Self::CheckIn(c, on) => {
                text(&c.notes, MAX_TEXT, "a check-in's notes")?;
                if c.next_steps.len() > 1000 {
                    return Err("a check-in of too many next steps".into());
                }
                Op::CheckIn(
                    CheckIn {
                        date: date(c.date, "a check-in")?,
                        notes: c.notes,
                        next_steps: c
                            .next_steps
                            .into_iter()
                            .map(|s| line_text(s, MAX_SHORT, "a next step"))
                            .collect::<Result<_, _>>()?,
                    },
                    on,
                )
            }
            Self::Activity(a) => Op::Activity(a.into_activity()?),
            Self::ActivityGone(k) => {
                key(&k)?;
                Op::ActivityGone(k)
            }
            Self::LegacyActivity(a, print, nth) => {
                Op::LegacyActivity(a.into_activity()?, print, nth)
            }
            Self::Source(id, s) => Op::Source(
                slug(id, "a curriculum")?,
                s.map(|s| -> Result<CurriculumSource, String> {
                    let file = s
                        .file
                        .map(|f| {
                            let plain = !f.contains(['/', '\\']) && f != "." && f != "..";
                            if plain && f.ends_with(".ron") && f.len() <= 200 {
                                Ok(f)
                            } else {
                                Err(format!(
                                    "\"{}\" is not a curriculum's file",
                                    f.escape_debug()
                                ))
                            }
                        })
                        .transpose()?;
                    Ok(CurriculumSource {
                        origin: line_text(s.origin, MAX_SHORT, "where a curriculum came from")?,
                        revision: s.revision,
                        imported_at: instant(s.imported_at, "an import")?,
                        file,
                    })
                })
                .transpose()?,
            ),
            Self::Machine(name) => Op::Machine(line_text(name, 200, "a machine's name")?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(op: Op) -> Tx {
        Tx {
            t: Stamp {
                ms: 1_800_000_000_000,
                n: 3,
            },
            h: 0,
            steps: vec![Step {
                op,
                after: Some(vec![Key {
                    t: Stamp { ms: 1, n: 0 },
                    d: "laptop".into(),
                    h: 7,
                }]),
            }],
            undo: Some(vec![Op::Status(MilestoneRef::new("c", "m"), Status::Todo)]),
            what: "marked c/m done".into(),
            kind: Kind::Undo(TxId {
                t: Stamp { ms: 5, n: 1 },
                h: 9,
            }),
        }
    }

    #[test]
    fn a_record_is_one_line_and_reads_back_with_its_fingerprint() {
        let original = tx(Op::Notes(
            MilestoneRef::new("c", "m"),
            "two\nlines \"quoted\"".into(),
            None,
        ));
        let (line, h) = to_line(&original).unwrap();
        assert_eq!(line.matches('\n').count(), 1, "{line}");
        let body = line.trim_end_matches('\n');
        assert_eq!(h, fingerprint(body.as_bytes()));
        let Read::Tx(back) = read_line(body.as_bytes()) else {
            panic!("{line}")
        };
        assert_eq!(back, Tx { h, ..original });
        assert!(matches!(
            read_line(&body.as_bytes()[..body.len() / 2]),
            Read::Garbled(_)
        ));
    }

    #[test]
    fn a_line_of_the_first_format_still_reads() {
        let line = br#"(t:(ms:1767258000000,n:0),op:Status((curriculum:"ai-engineer",milestone:"python-fundamentals"),Done))"#;
        let Read::Tx(tx) = read_line(line) else {
            panic!()
        };
        assert_eq!(tx.h, 0);
        assert_eq!(tx.steps[0].after, None);
        assert_eq!(
            tx.steps[0].op,
            Op::Status(
                MilestoneRef::new("ai-engineer", "python-fundamentals"),
                Status::Done
            )
        );
    }

    #[test]
    fn a_kind_of_change_or_a_format_this_version_does_not_know_is_from_a_newer_waymark() {
        for line in [
            &br#"(t:(ms:1767258000000,n:0),op:Timer((curriculum:"c",milestone:"m"),3600))"#[..],
            br#"(t:(ms:1767258000000,n:0),op:Status((curriculum:"c",milestone:"m"),Paused))"#,
            br#"(v:3,t:(ms:1,n:0),stuff:[])"#,
            br#"(v:2,t:(ms:1767258000000,n:0),ops:[(op:Portfolio("x"))])"#,
        ] {
            assert!(
                matches!(read_line(line), Read::Newer(_)),
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn a_line_cut_short_inside_the_name_of_a_change_is_no_newer_record() {
        for line in [
            &b"(t:(ms:1,n:0),op:Stat"[..],
            b"(t:(ms:1,n:0),op:Timer((curriculum:\"c\"",
            b"(v:3,t:(ms:1,n:0),st",
        ] {
            assert!(
                matches!(read_line(line), Read::Garbled(_)),
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn values_that_break_a_commands_rules_are_refused() {
        let m = MilestoneRef::new("c", "m");
        for op in [
            Op::HoursPerWeek(f64::NAN),
            Op::HoursPerWeek(-5.0),
            Op::Hours(m.clone(), f64::INFINITY),
            Op::Estimate(m.clone(), Some(1e308)),
            Op::Evidence(
                m.clone(),
                "https://x.example/\n# Injected heading".into(),
                true,
            ),
            Op::Evidence(m.clone(), "javascript:alert(1)".into(), true),
            Op::Status(MilestoneRef::new("c", "../x"), Status::Done),
            Op::MentorName("a\u{1b}[2Jb".into()),
        ] {
            let (line, _) = to_line(&tx(op.clone())).unwrap();
            let read = read_line(line.trim_end().as_bytes());
            assert!(matches!(read, Read::Refused(_)), "{op:?}: {read:?}");
        }
    }
}
