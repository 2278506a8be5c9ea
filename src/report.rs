//! The Markdown progress report a learner sends their mentor before a check-in.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::curriculum::markdown::one_line;
use crate::plan::Outlook;
use crate::progress::{Event, MilestoneRef, Status};
use crate::workspace::Workspace;

/// Goals with projected dates, what was done since the last check-in, notes and evidence links,
/// and what the learner takes on next.
pub fn mentor_report(workspace: &Workspace, today: NaiveDate) -> String {
    let state = &workspace.state;
    let plan = workspace.plan(today);
    let mut md = String::new();
    let title_of = |r: &MilestoneRef| {
        workspace
            .curriculum(&r.curriculum)
            .and_then(|c| c.milestone(&r.milestone))
            .map_or_else(|| r.to_string(), |m| m.title.clone())
    };

    let _ = writeln!(md, "# Progress report, {today}\n");
    if !state.mentor.name.is_empty() {
        let _ = writeln!(md, "For {}.\n", state.mentor.name);
    }
    let last_check_in = state.mentor.check_ins.iter().map(|c| c.date).max();
    match last_check_in {
        Some(date) => {
            let _ = writeln!(md, "Since our last check-in on {date}.\n");
        }
        None => {
            let _ = writeln!(md, "This is the first report: everything so far.\n");
        }
    }

    let _ = writeln!(md, "## Focus\n");
    if state.focus.is_empty() {
        let _ = writeln!(md, "No focus area chosen yet.\n");
    } else {
        for f in &state.focus {
            let title = workspace
                .curriculum(&f.curriculum)
                .and_then(|c| c.focus_area(&f.focus))
                .map_or(f.focus.as_str(), |a| a.title.as_str());
            let _ = writeln!(md, "- {title}");
        }
        let _ = writeln!(md, "\n{} hours a week.\n", state.hours_per_week);
    }

    let _ = writeln!(md, "## Goals\n");
    if state.goals.is_empty() {
        let _ = writeln!(md, "No goals adopted yet.\n");
    } else {
        let _ = writeln!(
            md,
            "| Goal | Target | Likely to late finish | Left | Outlook |"
        );
        let _ = writeln!(md, "|---|---|---|---|---|");
        for f in &plan.goals {
            let Some(goal) = state.goal(&f.goal) else {
                continue;
            };
            let finish = match (f.likely_finish, f.late_finish) {
                (Some(likely), Some(late)) => format!("{likely} to {late}"),
                _ => "—".to_owned(),
            };
            let outlook = match f.outlook {
                Outlook::AtRisk => format!("**{}**", f.outlook.words()),
                other => other.words().to_owned(),
            };
            let approx = if f.approximate { " (approx.)" } else { "" };
            let _ = writeln!(
                md,
                "| {} | {} | {finish}{approx} | {} of {} milestones, {:.0} h | {outlook} |",
                escape_cell(&goal.title),
                goal.target,
                f.remaining_milestones,
                f.total_milestones,
                f.hours_left.likely
            );
        }
        let _ = writeln!(md, "\n{}", plan.pace.words());
        let _ = writeln!(md);
    }

    // What happened since the last check-in, from the activity log.
    let since =
        |at: chrono::DateTime<chrono::Utc>| last_check_in.is_none_or(|d| at.date_naive() > d);
    let mut finished: Vec<&MilestoneRef> = Vec::new();
    let mut started: Vec<&MilestoneRef> = Vec::new();
    let mut hours = 0.0;
    let mut failed: Vec<&MilestoneRef> = Vec::new();
    let mut seen = BTreeSet::new();
    for a in state.activity.iter().rev().filter(|a| since(a.at)) {
        match &a.event {
            Event::StatusChanged { milestone, .. } if seen.insert(milestone) => {
                match state.status(milestone) {
                    Status::Done => finished.push(milestone),
                    Status::Doing => started.push(milestone),
                    Status::Todo | Status::Skipped => {}
                }
            }
            Event::HoursLogged { hours: h, .. } => hours += h,
            Event::Reviewed {
                milestone,
                passed: false,
            } if !failed.contains(&milestone) => failed.push(milestone),
            _ => {}
        }
    }
    let _ = writeln!(md, "## Done\n");
    if finished.is_empty() {
        let _ = writeln!(md, "Nothing finished in this period.\n");
    }
    for r in finished.iter().rev() {
        let _ = writeln!(md, "- {}", title_of(r));
        if let Some(p) = state.milestone(r) {
            for link in &p.evidence {
                let _ = writeln!(md, "  - Evidence: <{link}>");
            }
            if !p.notes.trim().is_empty() {
                let _ = writeln!(md, "  - Notes: {}", one_line(&p.notes));
            }
        }
    }
    if !finished.is_empty() {
        let _ = writeln!(md);
    }
    if !started.is_empty() {
        let _ = writeln!(md, "## In progress\n");
        for r in started.iter().rev() {
            let _ = writeln!(md, "- {}", title_of(r));
            if let Some(p) = state.milestone(r).filter(|p| !p.notes.trim().is_empty()) {
                let _ = writeln!(md, "  - Notes: {}", one_line(&p.notes));
            }
        }
        let _ = writeln!(md);
    }
    if hours > 0.0 {
        let _ = writeln!(md, "Hours logged in this period: {hours:.1}.\n");
    }
    if !failed.is_empty() {
        let _ = writeln!(md, "## Reviews I failed\n");
        let _ = writeln!(
            md,
            "Skills I had finished but could not do again when I checked; each has a refresher in my plan.\n"
        );
        for r in failed.iter().rev() {
            let _ = writeln!(md, "- {}", title_of(r));
        }
        let _ = writeln!(md);
    }
    let due = plan.reviews.due_count;
    if due > 0 || !plan.reviews.changed.is_empty() {
        let _ = writeln!(
            md,
            "Reviews due: {due}. Finished milestones that changed since: {}.\n",
            plan.reviews.changed.len()
        );
    }

    if let Some(last) = state.mentor.check_ins.iter().max_by_key(|c| c.date)
        && !last.next_steps.is_empty()
    {
        let _ = writeln!(md, "## Next steps we agreed on {}\n", last.date);
        for step in &last.next_steps {
            let _ = writeln!(md, "- {step}");
        }
        let _ = writeln!(md);
    }

    let _ = writeln!(md, "## Next up\n");
    if plan.next_up.is_empty() {
        let _ = writeln!(md, "Nothing is available right now.");
    }
    for r in plan.next_up.iter().take(5) {
        let _ = writeln!(md, "- {}", title_of(r));
    }
    md
}

fn escape_cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}
