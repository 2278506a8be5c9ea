//! The commands that only look: `status`, `plan`, the reviews due, `report` and `export`.

use std::path::Path;

use chrono::NaiveDate;

use super::{CliError, Outcome, open_read_only};
use crate::plan::{self, Outlook, Plan, day_words, hours_words};
use crate::progress::MilestoneRef;
use crate::workspace::Workspace;

/// A goal's projection on one line, as `status` and `plan` print it (contract §4).
fn write_goal_line(
    workspace: &Workspace,
    forecast: &plan::GoalForecast,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let title = workspace
        .state()
        .goal(&forecast.goal)
        .map_or("", |g| g.title.as_str());
    let projected = match (forecast.likely_finish, forecast.late_finish) {
        (Some(likely), Some(late)) => format!("projected {likely} to {late}"),
        _ => "projected none".to_owned(),
    };
    writeln!(
        out,
        "goal: {}\t{title}\ttarget {}\t{projected}\t{}\t{:.0} h left",
        forecast.goal,
        forecast.target,
        forecast.outlook.words(),
        forecast.hours_left.likely
    )
}

/// What `status` and `plan` print after the goal lines: what is approximate, the advice for
/// each goal at risk, and the pace.
fn write_goal_notes(plan: &Plan, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for g in &plan.goals {
        if !g.after.is_empty() {
            writeln!(
                out,
                "after: {}\tplanned after {}, whose milestones it needs",
                g.goal,
                g.after.join(", ")
            )?;
        }
        if let Some(advice) = &g.advice {
            writeln!(out, "advice: {}\t{}", g.goal, advice.words(g.target))?;
        }
        if g.approximate && g.outlook != Outlook::Reached {
            writeln!(
                out,
                "approximate: {}\tsome milestones have no estimate and count at their curriculum's median",
                g.goal
            )?;
        }
        if g.missing > 0 {
            writeln!(
                out,
                "missing: {}\t{} of its milestones are in no loaded curriculum",
                g.goal, g.missing
            )?;
        }
    }
    writeln!(out, "pace: {}", plan.pace.words())?;
    writeln!(
        out,
        "consistency: {}",
        plan.activity.consistency_words(plan.hours_per_week)
    )
}

pub(super) fn status(
    data_dir: &Path,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let plan = workspace.plan(today);
    for c in workspace.curricula() {
        let (done, total) = plan::finished_count(c, workspace.state());
        writeln!(out, "{}\t{}\t{done}/{total}", c.id, c.title)?;
    }
    writeln!(out, "focus: {}/{}", plan.focus.finished, plan.focus.total)?;
    writeln!(out, "hours a week: {}", hours_words(plan.hours_per_week))?;
    for forecast in &plan.goals {
        write_goal_line(&workspace, forecast, out)?;
    }
    // Lines the contract's first version did not have come after its own.
    if plan.focus.chosen.is_empty() {
        writeln!(out, "focus area: none chosen, so everything is in focus")?;
    }
    for f in &plan.focus.chosen {
        let title = if workspace.curriculum(&f.curriculum).is_some() {
            workspace.focus_title(f)
        } else {
            "(not in any curriculum)".to_owned()
        };
        writeln!(out, "focus area: {f}\t{title}")?;
    }
    write_goal_notes(&plan, out)?;
    // The periods not over yet, by the number `waymark periods remove` takes.
    for (i, p) in workspace.state().periods.iter().enumerate() {
        if p.to >= today {
            writeln!(out, "period: {}	{}", i + 1, super::periods::period_line(p))?;
        }
    }
    writeln!(out, "reviews due: {}", plan.reviews.due_count)?;
    writeln!(
        out,
        "changed since you finished: {}",
        plan.reviews.changed.len()
    )?;
    for newer in workspace.newer_paths() {
        writeln!(out, "newer path: {}", newer.words())?;
    }
    for problem in workspace.sync_problems() {
        writeln!(out, "sync: {}", problem.text)?;
    }
    Ok(Outcome::Ok)
}

pub(super) fn plan_command(
    data_dir: &Path,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let plan = workspace.plan(today);
    let week = &plan.week;
    writeln!(
        out,
        "This week, from Monday {}: {} h planned of your {} h a week; {} h logged so far.",
        day_words(week.starts),
        hours_words(week.planned()),
        hours_words(week.budget),
        hours_words(week.logged)
    )?;
    if let Some(words) = week.away_words() {
        writeln!(out, "{words}")?;
    } else if week.budget <= 0.0 && plan.calendar.has_capacity() {
        writeln!(
            out,
            "No hours this week (`waymark periods` lists your time away and other hours)."
        )?;
    } else if week.budget <= 0.0 {
        writeln!(
            out,
            "Set the hours a week you have (`waymark hours N`) to get a plan."
        )?;
    } else if week.items.is_empty() {
        writeln!(
            out,
            "Nothing to plan: adopt a goal (`waymark goal adopt`) or choose a focus."
        )?;
    }
    for item in &week.items {
        let title = workspace
            .place(&item.milestone)
            .and_then(|p| workspace.milestone_at(p))
            .map_or_else(|| item.milestone.to_string(), |m| m.title.clone());
        let note = item.note();
        writeln!(
            out,
            "  {} h\t{}\t{title}\tlogged {} h\t{note}",
            hours_words(item.hours),
            item.milestone,
            hours_words(item.logged),
        )?;
    }
    writeln!(out)?;
    for forecast in &plan.goals {
        write_goal_line(&workspace, forecast, out)?;
    }
    write_goal_notes(&plan, out)?;
    Ok(Outcome::Ok)
}

pub(super) fn export(
    data_dir: &Path,
    id: &str,
    markdown: bool,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let text = if markdown {
        workspace.export_markdown(id)?
    } else {
        workspace.export_ron(id)?
    };
    out.write_all(text.as_bytes())?;
    Ok(Outcome::Ok)
}

pub(super) fn report(
    data_dir: &Path,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    out.write_all(workspace.report(today).as_bytes())?;
    Ok(Outcome::Ok)
}

/// A milestone's title, or its reference when no curriculum holds it.
fn title_of(workspace: &Workspace, r: &MilestoneRef) -> String {
    workspace
        .place(r)
        .and_then(|p| workspace.milestone_at(p))
        .map_or_else(|| r.to_string(), |m| m.title.clone())
}

pub(super) fn reviews(
    data_dir: &Path,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let plan = workspace.plan(today);
    let reviews = &plan.reviews;
    match reviews.due_count {
        1 => writeln!(out, "1 review due today.")?,
        n => writeln!(out, "{n} reviews due today.")?,
    }
    let line = |r: &plan::ReviewDue, out: &mut dyn std::io::Write| {
        let what = if r.lapsed {
            "refresher first: the last review failed"
        } else if r.reviews == 0 {
            "first review"
        } else {
            "review"
        };
        writeln!(
            out,
            "due: {}\t{}\t{}\tlast {}\t{what}",
            r.due,
            r.milestone,
            title_of(&workspace, &r.milestone),
            r.last
        )
    };
    for r in &reviews.due {
        line(r, out)?;
    }
    if reviews.due_count > reviews.due.len() {
        writeln!(out, "… and {} more.", reviews.due_count - reviews.due.len())?;
    }
    for r in reviews.upcoming.iter().take(5) {
        line(r, out)?;
    }
    if reviews.changed.is_empty() {
        writeln!(out, "Nothing you finished has changed.")?;
    }
    for r in &reviews.changed {
        let Some(changed) = workspace
            .state()
            .milestone(r)
            .and_then(|p| p.changed.as_ref())
        else {
            continue;
        };
        writeln!(
            out,
            "changed: {r}\t{}\trevision {} to {}",
            changed.after.title, changed.from_revision, changed.to_revision
        )?;
        let (was, is) = (&changed.before, &changed.after);
        for (part, before, after) in changed.parts() {
            use crate::progress::review::Part;
            match part {
                Part::Title | Part::Requires => writeln!(
                    out,
                    "  {}:\t{before}\t->\t{after}",
                    part.words().to_lowercase()
                )?,
                Part::DoneWhen => {
                    let line = crate::curriculum::markdown::one_line;
                    writeln!(out, "  summary was:\t{}", line(&was.summary))?;
                    writeln!(out, "  summary now:\t{}", line(&is.summary))?;
                }
                Part::Resources => {
                    for (title, url) in is.resources.iter().filter(|x| !was.resources.contains(x)) {
                        writeln!(out, "  new resource:\t{title}\t{url}")?;
                    }
                    for (title, url) in was.resources.iter().filter(|x| !is.resources.contains(x)) {
                        writeln!(out, "  resource gone:\t{title}\t{url}")?;
                    }
                }
            }
        }
        writeln!(
            out,
            "  keep it finished: waymark review {r} keep; do it again: waymark review {r} reopen"
        )?;
    }
    Ok(Outcome::Ok)
}

/// `waymark forecast GOAL`: a `DATE<TAB>NN%` line for each of [`plan::CHANCES`] (its 50% and
/// 90% dates are `status`'s likely and late dates), then `target DATE<TAB>chance NN%`, then the
/// cut line: how many of its remaining milestones end by the target, 90% sure.
pub(super) fn forecast(
    data_dir: &Path,
    goal: &str,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let plan = workspace.plan(today);
    let Some(f) = plan.goal(goal) else {
        return Err(CliError::Refused(format!("unknown goal \"{goal}\"")));
    };
    let calendar = &plan.calendar;
    if f.outlook == crate::plan::Outlook::Reached {
        writeln!(out, "{goal}: reached")?;
        return Ok(Outcome::Ok);
    }
    if !calendar.has_capacity() {
        writeln!(out, "{goal}: no hours a week set, so no date can be given")?;
        return Ok(Outcome::Ok);
    }
    for chance in crate::plan::CHANCES {
        if let Some(day) = f.date_at(chance, calendar) {
            writeln!(out, "{day}\t{:.0}%", chance * 100.0)?;
        }
    }
    if let Some(chance) = f.chance_by(f.target, calendar) {
        writeln!(
            out,
            "target {}\tchance {:.0}%",
            f.target,
            (chance * 100.0).floor()
        )?;
    }
    if let Some(cut) = &f.by_target {
        match &cut.first_out {
            None => writeln!(
                out,
                "cut line: all {} remaining milestones end by the target, 90% sure",
                cut.of
            )?,
            Some(first) => writeln!(
                out,
                "cut line: {} of {} remaining milestones end by the target, 90% sure; the first that does not: {first}",
                cut.fit, cut.of
            )?,
        }
    }
    Ok(Outcome::Ok)
}
