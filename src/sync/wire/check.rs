//! Wire to domain: every value read from a line checked by the rules the commands enforce.

use chrono::{DateTime, NaiveDate, Utc};

use super::values::{ActivityW, EventW, MilestoneW, OpW, TextW};
use super::{MAX_SHORT, MAX_TEXT};
use crate::progress::{
    Activity, AdoptedGoal, Changed, CheckIn, CurriculumSource, Event, FocusRef, GoalSource,
    MentorComment, MilestoneRef, Review, SentPacket, SignOff, StatusChange, TakenReply, TimerRun,
};
use crate::sync::hlc::Key;
use crate::sync::op::Op;

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

pub(super) fn text<'a>(s: &'a str, max: usize, what: &str) -> Result<&'a str, String> {
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

pub(super) fn key(k: &Key) -> Result<(), String> {
    if crate::curriculum::is_slug(&k.d) || k.d.starts_with("legacy-") && k.d.len() <= 64 {
        Ok(())
    } else {
        Err(format!(
            "a change's machine \"{}\" is not an id",
            k.d.escape_debug()
        ))
    }
}

fn packet_id(s: String) -> Result<String, String> {
    if crate::mentor::is_packet_id(&s) {
        Ok(s)
    } else {
        Err(format!(
            "\"{}\" is not a check-in packet's id",
            s.escape_debug()
        ))
    }
}

/// Exactly `len` lowercase hex digits.
fn hex_of(s: String, len: usize, what: &str) -> Result<String, String> {
    if s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(s)
    } else {
        Err(format!("{what} is not {len} hex digits"))
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
    pub(super) fn into_op(self) -> Result<Op, String> {
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
            Self::FocusWhole(c, on) => Op::Focus(FocusRef::whole(&slug(c, "a curriculum")?), on),
            Self::Goal(id, g) => {
                let id = goal_id(id)?;
                let g = g
                    .map(|g| -> Result<AdoptedGoal, String> {
                        text(&g.mentor_note, MAX_TEXT, "a goal's mentor note")?;
                        if g.milestones.len() > 100_000 {
                            return Err("a goal of too many milestones".into());
                        }
                        // What `goal new` refuses: a goal of the learner's own with no title
                        // or no milestone.
                        if g.title.trim().is_empty() {
                            return Err("a goal without a title".into());
                        }
                        if g.source.is_none() && g.milestones.is_empty() {
                            return Err("a goal of the learner's own without milestones".into());
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
                        mentor: line_text(c.mentor, MAX_SHORT, "a mentor's name")?,
                    },
                    on,
                )
            }
            Self::PacketSent(p, on) => Op::PacketSent(
                SentPacket {
                    id: packet_id(p.id)?,
                    key: hex_of(p.key, 64, "a packet's key")?,
                    sent_at: instant(p.sent_at, "a packet")?,
                    from: date(p.from, "a packet's period")?,
                    to: date(p.to, "a packet's period")?,
                },
                on,
            ),
            Self::ReplyTaken(r, on) => {
                if r.suggested_goals.len() > 1000 || r.suggested_targets.len() > 1000 {
                    return Err("a reply suggesting too many goals".into());
                }
                Op::ReplyTaken(
                    TakenReply {
                        packet: packet_id(r.packet)?,
                        seal: hex_of(r.seal, 64, "a reply's seal")?,
                        mentor: line_text(r.mentor, MAX_SHORT, "a mentor's name")?,
                        date: date(r.date, "a reply")?,
                        suggested_goals: r
                            .suggested_goals
                            .into_iter()
                            .map(|g| {
                                crate::mentor::goal_ref(&g)
                                    .map(|_| g.clone())
                                    .ok_or_else(|| {
                                        format!("\"{}\" is not CURRICULUM/GOAL", g.escape_debug())
                                    })
                            })
                            .collect::<Result<_, _>>()?,
                        suggested_targets: r
                            .suggested_targets
                            .into_iter()
                            .map(|(g, d)| Ok((goal_id(g)?, date(d, "a suggested target")?)))
                            .collect::<Result<_, String>>()?,
                    },
                    on,
                )
            }
            Self::SignOff(s, on) => Op::SignOff(
                SignOff {
                    milestone: s.milestone.into_ref()?,
                    mentor: line_text(s.mentor, MAX_SHORT, "a mentor's name")?,
                    date: date(s.date, "a sign-off")?,
                    packet: packet_id(s.packet)?,
                    finished_at: s
                        .finished_at
                        .map(|at| instant(at, "a finished milestone"))
                        .transpose()?,
                },
                on,
            ),
            Self::MentorComment(c, on) => {
                text(&c.text, MAX_TEXT, "a mentor's comment")?;
                Op::MentorComment(
                    MentorComment {
                        milestone: c.milestone.into_ref()?,
                        mentor: line_text(c.mentor, MAX_SHORT, "a mentor's name")?,
                        date: date(c.date, "a comment")?,
                        packet: packet_id(c.packet)?,
                        text: c.text,
                    },
                    on,
                )
            }
            Self::Timer(t, on) => {
                if !crate::curriculum::is_slug(&t.machine) {
                    return Err(format!(
                        "a timer's machine \"{}\" is not an id",
                        t.machine.escape_debug()
                    ));
                }
                Op::Timer(
                    TimerRun {
                        milestone: t.milestone.into_ref()?,
                        started: instant(t.started, "a timer")?,
                        machine: t.machine,
                    },
                    on,
                )
            }
            // By the rules `waymark profile` and Settings enforce.
            Self::LearnerName(n) => {
                crate::progress::learner::check_name(&n).map_err(|e| e.to_string())?;
                Op::LearnerName(n)
            }
            Self::LearnerLinks(links) => {
                crate::progress::learner::check_links(&links).map_err(|e| e.to_string())?;
                Op::LearnerLinks(links)
            }
            Self::NotesPrivate(m, b) => Op::NotesPrivate(m.into_ref()?, b),
            Self::PortfolioHidden(m, b) => Op::PortfolioHidden(m.into_ref()?, b),
            Self::Period(p, on) => {
                let period = crate::progress::Period {
                    from: p.from,
                    to: p.to,
                    hours_per_week: p.hours_per_week,
                };
                crate::progress::periods::check_period(&period)
                    .map_err(|e| format!("a period: {e}"))?;
                Op::Period(period, on)
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
            Self::StudyTimes(t) => {
                use crate::progress::study_times::{StudyTimes, day_from_name, parse_at};
                if t.days.len() > 7 {
                    return Err("study times of more than seven days".into());
                }
                // The rules `waymark hours --days --at` and Settings enforce, by the same check.
                let days = t
                    .days
                    .iter()
                    .map(|d| day_from_name(d))
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("study times: {e}"))?;
                let at = parse_at(&t.at).map_err(|e| format!("study times: {e}"))?;
                Op::StudyTimes(
                    StudyTimes { days, at }
                        .check()
                        .map_err(|e| format!("study times: {e}"))?,
                )
            }
        })
    }
}
