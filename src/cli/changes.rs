//! The commands that change the learner's data, each one change through the one write path.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{CliError, GoalAction, Outcome, apply, apply_all, open_writable};
use crate::plan::{self, hours_words};
use crate::progress::profile::{self, ProfileError};
use crate::progress::{FocusRef, MilestoneRef, Status, StudyTimes, study_times};
use crate::workspace::{Change, Workspace};
use crate::{calendar, curriculum};

pub(super) fn parse_milestone(text: &str) -> Result<MilestoneRef, CliError> {
    MilestoneRef::parse(text).ok_or_else(|| {
        CliError::Refused(format!(
            "\"{text}\" is not CURRICULUM/MILESTONE (two ids separated by '/')"
        ))
    })
}

pub(super) fn mark(
    data_dir: &Path,
    milestone: &str,
    status: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let Some(status) = Status::parse(status) else {
        return Err(CliError::Failed(format!(
            "\"{status}\" is not a status: use todo, doing, done or skipped"
        )));
    };
    let (_, applied) = apply(data_dir, now, |_| {
        Ok(Change::SetStatus {
            milestone: r.clone(),
            status,
        })
    })?;
    if applied.changed {
        writeln!(out, "{r}: {status}")?;
    } else {
        writeln!(out, "{r}: already {status}")?;
    }
    let hint = applied.log_offer.map(|(_, h)| h);
    if let Some(hours) = hint {
        writeln!(
            out,
            "No hours are logged on it. If it took about its estimate, `waymark log {r} {}` logs that, so your pace and this week stay true.",
            hours_words(hours)
        )?;
    }
    Ok(Outcome::Ok)
}

/// What `waymark hours` was given: the hours a week, the study days, the start, or several.
pub(super) struct HoursGiven {
    pub hours: Option<String>,
    pub days: Option<String>,
    pub at: Option<String>,
}

pub(super) fn hours_command(
    data_dir: &Path,
    given: &HoursGiven,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    // Everything is read before anything is opened: a bad value writes nothing.
    let hours = given
        .hours
        .as_deref()
        .map(profile::parse_hours_per_week)
        .transpose()?;
    let days = given
        .days
        .as_deref()
        .map(study_times::parse_days)
        .transpose()?;
    let at = given.at.as_deref().map(study_times::parse_at).transpose()?;
    let times = |w: &Workspace| -> Result<Option<StudyTimes>, CliError> {
        if days.is_none() && at.is_none() {
            return Ok(None);
        }
        let held = &w.state().study_times;
        Ok(Some(
            StudyTimes {
                days: days.clone().unwrap_or_else(|| held.days.clone()),
                at: at.unwrap_or(held.at),
            }
            .check()?,
        ))
    };
    let (workspace, _) = apply_all(data_dir, now, |w| {
        let mut changes = Vec::new();
        if let Some(h) = hours {
            changes.push(Change::SetHoursPerWeek(h));
        }
        if let Some(t) = times(w)? {
            changes.push(Change::SetStudyTimes(t));
        }
        Ok(changes)
    })?;
    if let Some(h) = hours {
        writeln!(out, "hours a week: {}", hours_words(h))?;
    }
    if days.is_some() || at.is_some() {
        writeln!(out, "study days: {}", workspace.state().study_times.words())?;
    }
    Ok(Outcome::Ok)
}

/// `waymark calendar`: writes the calendar, keeps a copy current, or says where one is kept.
pub(super) fn calendar(
    data_dir: &Path,
    file: Option<&Path>,
    keep: Option<&Path>,
    keep_off: bool,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let failed = |e: calendar::CalendarError| CliError::Failed(e.to_string());
    // Checked before anything is opened: a refused path writes nothing.
    for path in file.iter().chain(keep.iter()) {
        calendar::check_path(path, data_dir).map_err(failed)?;
    }
    if keep.is_some() || keep_off {
        // This machine's own setting, but written with the data folder held, so that a
        // window open on it does not keep an older choice.
        let mut workspace = open_writable(data_dir)?;
        let kept = workspace.keep_calendar(keep, now).map_err(failed)?;
        match kept {
            Some(path) => writeln!(out, "kept current: {}", path.display())?,
            None => writeln!(out, "kept current: no")?,
        }
        if let Some(file) = file {
            calendar::write(&workspace, file, now).map_err(failed)?;
            writeln!(out, "wrote {}", file.display())?;
        }
        return Ok(Outcome::Ok);
    }
    let workspace = super::open_read_only(data_dir)?;
    match file {
        Some(file) => {
            calendar::write(&workspace, file, now).map_err(failed)?;
            writeln!(out, "wrote {}", file.display())?;
        }
        None => match workspace.kept_calendar() {
            Some(path) => writeln!(out, "kept current: {}", path.display())?,
            None => writeln!(out, "kept current: no")?,
        },
    }
    Ok(Outcome::Ok)
}

pub(super) fn focus(
    data_dir: &Path,
    action: &str,
    area: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    // CURRICULUM/AREA, or CURRICULUM alone for the whole of one without focus areas.
    let focus = match area.split_once('/') {
        Some((c, f)) if curriculum::is_slug(c) && curriculum::is_slug(f) => FocusRef {
            curriculum: c.to_owned(),
            focus: f.to_owned(),
        },
        None if curriculum::is_slug(area) => FocusRef::whole(area),
        _ => {
            return Err(CliError::Refused(format!(
                "\"{area}\" is not CURRICULUM/AREA (two ids separated by '/') or CURRICULUM"
            )));
        }
    };
    let add = action == "add";
    let (_, applied) = apply(data_dir, now, |_| {
        Ok(if add {
            Change::AddFocus(focus.clone())
        } else {
            Change::RemoveFocus(focus.clone())
        })
    })?;
    let changed = applied.changed;
    let what = match (add, changed) {
        (true, true) => "added to your focus",
        (true, false) => "already in your focus",
        (false, true) => "removed from your focus",
        (false, false) => "was not in your focus",
    };
    writeln!(out, "{area}: {what}")?;
    Ok(Outcome::Ok)
}

pub(super) fn goal(
    data_dir: &Path,
    action: GoalAction,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    match action {
        GoalAction::Adopt { goal, target } => {
            let Some((curriculum, id)) = goal.split_once('/') else {
                return Err(CliError::Refused(format!(
                    "\"{goal}\" is not CURRICULUM/GOAL (two ids separated by '/')"
                )));
            };
            let target = target.as_deref().map(profile::parse_date).transpose()?;
            let today = plan::local_day(now);
            let made = apply(data_dir, now, |w| {
                let offer = w.goal_offer(curriculum, id)?;
                if let Some(t) = target
                    && t < today
                {
                    return Err(ProfileError::TargetInPast { target: t, today }.into());
                }
                if w.state().goal(&offer.id).is_some() {
                    return Err(CliError::AlreadySo);
                }
                Ok(Change::AdoptGoal {
                    curriculum: curriculum.to_owned(),
                    goal: id.to_owned(),
                    target,
                })
            });
            match made {
                Ok((workspace, _)) => {
                    let offer = workspace.goal_offer(curriculum, id)?;
                    let target = workspace.state().goal(&offer.id).map(|g| g.target);
                    match target {
                        Some(t) => writeln!(out, "{}: adopted, target {t}", offer.id)?,
                        None => writeln!(out, "{}: adopted", offer.id)?,
                    }
                }
                Err(CliError::AlreadySo) => writeln!(out, "{goal}: already adopted")?,
                Err(e) => return Err(e),
            }
        }
        GoalAction::New {
            title,
            milestones,
            target,
            last,
        } => {
            let first = !last;
            let milestones = milestones
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(parse_milestone)
                .collect::<Result<Vec<_>, _>>()?;
            let target = target.as_deref().map(profile::parse_date).transpose()?;
            let (workspace, _) = apply(data_dir, now, |_| {
                Ok(Change::NewGoal {
                    title: title.clone(),
                    milestones: milestones.clone(),
                    target,
                    first,
                })
            })?;
            let goals = &workspace.state().goals;
            if let Some(goal) = if first { goals.first() } else { goals.last() } {
                writeln!(out, "{}: made, target {}", goal.id, goal.target)?;
            }
        }
        GoalAction::Target { goal, date } => {
            let target = profile::parse_date(&date)?;
            apply(data_dir, now, |_| {
                Ok(Change::SetGoalTarget {
                    goal: goal.clone(),
                    target,
                })
            })?;
            writeln!(out, "{goal}: target {target}")?;
        }
        GoalAction::Drop { goal } => {
            apply(data_dir, now, |_| Ok(Change::DropGoal(goal.clone())))?;
            writeln!(out, "{goal}: dropped")?;
        }
        GoalAction::Priority { goal, place } => {
            let position = place
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&p| p >= 1)
                .ok_or_else(|| {
                    CliError::Failed(format!(
                        "\"{place}\" is not a place: give 1 for the first goal"
                    ))
                })?;
            apply(data_dir, now, |_| {
                Ok(Change::MoveGoal {
                    goal: goal.clone(),
                    to: position - 1,
                })
            })?;
            writeln!(out, "{goal}: planned {}", ordinal(position))?;
        }
    }
    Ok(Outcome::Ok)
}

/// `waymark undo` and `waymark redo`: this machine's last change taken back (or put back),
/// said in the learner's words. Nothing to take back, or a value another machine changed since,
/// is refused (exit 1) and changes nothing.
pub(super) fn undo(
    data_dir: &Path,
    back: bool,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let mut workspace = open_writable(data_dir)?;
    let applied = if back {
        workspace.undo(now)?
    } else {
        workspace.redo(now)?
    };
    workspace.save()?;
    super::keep_calendar_current(&workspace, now);
    writeln!(
        out,
        "{}: {}",
        if back { "undid" } else { "redid" },
        applied.what
    )?;
    Ok(Outcome::Ok)
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(super) fn log(
    data_dir: &Path,
    milestone: &str,
    hours: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let hours = profile::parse_hours(hours)?;
    let (workspace, _) = apply(data_dir, now, |_| {
        Ok(Change::LogHours {
            milestone: r.clone(),
            hours,
        })
    })?;
    let total = workspace
        .state()
        .milestone(&r)
        .map_or(hours, |p| p.hours_logged);
    writeln!(
        out,
        "{r}: {} h logged, {} h in all",
        hours_words(hours),
        hours_words(total)
    )?;
    Ok(Outcome::Ok)
}

pub(super) fn note(
    data_dir: &Path,
    milestone: &str,
    text: &str,
    append: bool,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let text = text.trim();
    let (_, applied) = apply(data_dir, now, |ws| {
        let notes = match ws.state().milestone(&r).map(|p| p.notes.trim_end()) {
            Some(old) if append && !old.is_empty() => format!("{old}\n{text}"),
            _ => text.to_owned(),
        };
        Ok(Change::SetNotes {
            milestone: r.clone(),
            notes,
        })
    })?;
    let what = match (applied.changed, append) {
        (false, _) => "notes unchanged",
        (true, true) => "line added to the notes",
        (true, false) => "notes set",
    };
    writeln!(out, "{r}: {what}")?;
    Ok(Outcome::Ok)
}

pub(super) fn evidence(
    data_dir: &Path,
    add: bool,
    milestone: &str,
    url: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let link = url.trim().to_owned();
    let (_, applied) = apply(data_dir, now, |_| {
        Ok(if add {
            Change::AddEvidence {
                milestone: r.clone(),
                link: link.clone(),
            }
        } else {
            Change::RemoveEvidence {
                milestone: r.clone(),
                link: link.clone(),
            }
        })
    })?;
    let what = match (add, applied.changed) {
        (true, true) => "evidence added",
        (true, false) => "already has this evidence",
        (false, true) => "evidence removed",
        (false, false) => "had no such evidence",
    };
    writeln!(out, "{r}: {what}: {link}")?;
    Ok(Outcome::Ok)
}

pub(super) fn estimate(
    data_dir: &Path,
    milestone: &str,
    hours: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let hours = match hours.trim() {
        "none" => None,
        text => Some(profile::parse_hours(text)?),
    };
    apply(data_dir, now, |_| {
        Ok(Change::SetEstimate {
            milestone: r.clone(),
            hours,
        })
    })?;
    match hours {
        Some(h) => writeln!(out, "{r}: your estimate is {} h", hours_words(h))?,
        None => writeln!(out, "{r}: the curriculum's estimate counts again")?,
    }
    Ok(Outcome::Ok)
}

pub(super) fn review_one(
    data_dir: &Path,
    milestone: &str,
    answer: &str,
    note: Option<&str>,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let r = parse_milestone(milestone)?;
    let change = match answer {
        "pass" | "fail" => Change::Review {
            milestone: r.clone(),
            passed: answer == "pass",
            note: note.unwrap_or("").to_owned(),
        },
        "keep" | "reopen" => Change::ResolveChanged {
            milestone: r.clone(),
            reopen: answer == "reopen",
        },
        other => {
            return Err(CliError::Failed(format!(
                "\"{other}\" is not an answer: use pass, fail, keep or reopen"
            )));
        }
    };
    let (workspace, _) = apply(data_dir, now, |_| Ok(change.clone()))?;
    // The day the plan asks for it: out of any time away, as the plan's reviews are.
    let calendar = plan::Calendar::new(workspace.state(), crate::clock::local_day(now));
    let due = workspace
        .state()
        .milestone(&r)
        .and_then(|p| p.schedule())
        .map(|s| (calendar.review_day(s.due), s.lapsed));
    match (answer, due) {
        ("pass", Some((due, _))) => writeln!(out, "{r}: passed; next review {due}")?,
        ("fail", Some((due, _))) => writeln!(
            out,
            "{r}: failed; next review {due}, after a refresher in this week's plan"
        )?,
        ("keep", _) => writeln!(out, "{r}: kept finished")?,
        ("reopen", _) => writeln!(out, "{r}: reopened, to do again")?,
        _ => writeln!(out, "{r}: recorded")?,
    }
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_said_as_ordinals() {
        let said: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal).into();
        assert_eq!(
            said,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }
}
