//! The commands that change the learner's data, each one change through the one write path.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{CliError, GoalAction, Outcome, apply, open_writable};
use crate::curriculum;
use crate::plan::{self, hours_words};
use crate::progress::profile::{self, ProfileError};
use crate::progress::{FocusRef, MilestoneRef, Status};
use crate::workspace::Change;

fn parse_milestone(text: &str) -> Result<MilestoneRef, CliError> {
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

pub(super) fn hours_command(
    data_dir: &Path,
    hours: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let hours = profile::parse_hours_per_week(hours)?;
    apply(data_dir, now, |_| Ok(Change::SetHoursPerWeek(hours)))?;
    writeln!(out, "hours a week: {}", hours_words(hours))?;
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
