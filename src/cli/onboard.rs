//! `waymark onboard`: Waymark's guide from the terminal. It asks [`crate::guide`] exactly what
//! the window's guide asks, so both propose the same plan for the same answers.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::{CliError, Outcome, open_read_only};
use crate::guide::{self, Answers, Proposal};
use crate::plan::hours_words;
use crate::plan::suggest::{INTERESTS, KNOWN_TOPICS};
use crate::progress::FocusRef;
use crate::progress::profile;
use crate::workspace::Workspace;

/// The answers as typed: comma-separated ids.
pub(super) struct Given {
    pub likes: Option<String>,
    pub knows: Option<String>,
    pub focus: Option<String>,
    pub hours: Option<String>,
    pub yes: bool,
}

fn split(text: Option<&str>) -> Vec<String> {
    text.into_iter()
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads the answers, refusing (exit 2) any the guide does not know.
fn answers(workspace: &Workspace, given: &Given) -> Result<Answers, CliError> {
    let mut answers = Answers::from_ids(
        &split(given.likes.as_deref()),
        &split(given.knows.as_deref()),
    )
    .map_err(|e| CliError::Failed(e.to_string()))?;
    if let Some(hours) = &given.hours {
        answers.hours_per_week = profile::parse_hours_per_week(hours)?;
    }
    if given.focus.is_some() {
        let mut focus = Vec::new();
        for text in split(given.focus.as_deref()) {
            let area = text
                .split_once('/')
                .map(|(c, f)| FocusRef {
                    curriculum: c.to_owned(),
                    focus: f.to_owned(),
                })
                .ok_or_else(|| CliError::Failed(format!("\"{text}\" is not CURRICULUM/AREA")))?;
            workspace
                .check_focus(&area)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            if !focus.contains(&area) {
                focus.push(area);
            }
        }
        answers.focus = Some(focus);
    }
    Ok(answers)
}

pub(super) fn onboard(
    data_dir: &Path,
    given: &Given,
    (today, now): (NaiveDate, DateTime<Utc>),
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    if given.likes.is_none()
        && given.knows.is_none()
        && given.focus.is_none()
        && given.hours.is_none()
    {
        return list(&workspace, out);
    }
    let answers = answers(&workspace, given)?;
    let proposal = guide::propose(&workspace, &answers, today, now);
    let guide_base = workspace;
    write(&guide_base, &proposal, out)?;
    if !given.yes {
        writeln!(
            out,
            "\nNothing was changed. Run again with --yes to start this plan."
        )?;
        return Ok(Outcome::Ok);
    }
    let (workspace, _) = super::apply(data_dir, now, |w| {
        Ok(guide::start(&guide::propose(w, &answers, today, now)))
    })?;
    let _ = workspace;
    let marked = guide::to_mark(&guide_base, &proposal.choices.known);
    writeln!(
        out,
        "\nStarted your plan: {} {}, {} {} marked known.",
        proposal.profile.goals.len(),
        plural(proposal.profile.goals.len(), "goal", "goals"),
        marked,
        plural(marked, "milestone", "milestones")
    )?;
    Ok(Outcome::Ok)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The answers the guide takes: a `likes:` and a `knows:` line of ids (contract §4), then
/// what each means and the focus areas `--focus` takes.
fn list(workspace: &Workspace, out: &mut dyn std::io::Write) -> Result<Outcome, CliError> {
    let ids = |all: Vec<&str>| all.join(", ");
    writeln!(
        out,
        "likes: {}",
        ids(INTERESTS.iter().map(|i| i.id).collect())
    )?;
    writeln!(
        out,
        "knows: {}",
        ids(KNOWN_TOPICS.iter().map(|t| t.id).collect())
    )?;
    writeln!(out)?;
    for interest in INTERESTS {
        writeln!(out, "  like {}\t{}", interest.id, interest.label)?;
    }
    for topic in KNOWN_TOPICS {
        writeln!(out, "  know {}\t{}", topic.id, topic.label)?;
    }
    for c in workspace.curricula() {
        for area in &c.focus_areas {
            writeln!(out, "  focus {}/{}\t{}", c.id, area.id, area.title)?;
        }
    }
    writeln!(
        out,
        "\nExample: waymark onboard --likes conversations --knows python --hours 6"
    )?;
    Ok(Outcome::Ok)
}

/// What the guide proposes, as its summary shows it: the near win first, then the whole plan.
fn write(
    workspace: &Workspace,
    proposal: &Proposal,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let profile = &proposal.profile;
    writeln!(out, "hours a week: {}", hours_words(profile.hours_per_week))?;
    if profile.focus.is_empty() {
        writeln!(out, "focus area: none chosen, so everything is in focus")?;
    }
    for f in &profile.focus {
        let title = workspace
            .curriculum(&f.curriculum)
            .and_then(|c| c.focus_area(&f.focus))
            .map_or("", |a| a.title.as_str());
        writeln!(out, "focus area: {}/{}\t{title}", f.curriculum, f.focus)?;
    }
    let title = |id: &str| {
        profile
            .goals
            .iter()
            .find(|g| g.id == id)
            .map_or("", |g| g.title.as_str())
    };
    let first = proposal.first_project(workspace);
    let focus_first = proposal.first_focus_project(workspace);
    for (label, forecast) in [
        ("first project", first),
        ("first focus project", focus_first),
    ] {
        if let Some(f) = forecast
            && (label == "first project" || first.is_none_or(|x| x.goal != f.goal))
            && let (Some(likely), Some(late)) = (f.likely_finish, f.late_finish)
        {
            writeln!(
                out,
                "{label}: {}\t{}\tlikely {likely}\tby {late} at the latest",
                f.goal,
                title(&f.goal)
            )?;
        }
    }
    for f in &proposal.plan.goals {
        let projected = match (f.likely_finish, f.late_finish) {
            (Some(likely), Some(late)) => format!("projected {likely} to {late}"),
            _ => "projected none".to_owned(),
        };
        writeln!(
            out,
            "goal: {}\t{}\ttarget {}\t{projected}\t{}\t{:.0} h left",
            f.goal,
            title(&f.goal),
            f.target,
            f.outlook.words(),
            f.hours_left.likely
        )?;
    }
    for k in &proposal.known.known {
        writeln!(out, "known: {}\t{}", k.milestone, k.title)?;
    }
    for held in &proposal.known.held {
        writeln!(
            out,
            "not marked: {}\tneeds {} first, which none of your answers covers",
            held.known.milestone, held.needs.milestone
        )?;
    }
    let hours = proposal.plan.goal_hours;
    let (likely, late) = proposal.plan.all_goals_finish();
    if let (Some(likely), Some(late)) = (likely, late) {
        writeln!(
            out,
            "all of it: {:.0} h likely, {:.0} h if it goes badly\tlikely done {likely}\tby {late} at the latest",
            hours.likely, hours.late
        )?;
    }
    Ok(())
}
