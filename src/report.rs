//! The Markdown progress report a learner sends their mentor before a check-in.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::curriculum::markdown::one_line as flat;
use crate::plan::{Outlook, local_day};
use crate::progress::{Event, MilestoneRef, State, Status};
use crate::workspace::Workspace;

/// The first day a report covers when the learner does not choose one: the day after the last
/// check-in before `today` (a check-in recorded today is the meeting the report is for, so it
/// does not empty the period), or the day of the first activity when there was no check-in.
pub fn default_since(state: &State, today: NaiveDate) -> NaiveDate {
    state
        .mentor
        .check_ins
        .iter()
        .map(|c| c.date)
        .filter(|d| *d < today)
        .max()
        .and_then(|d| d.succ_opt())
        .or_else(|| state.activity.iter().map(|a| local_day(a.at)).min())
        .unwrap_or(today)
        .min(today)
}

/// What happened to one milestone in the period.
#[derive(Default)]
struct Worked {
    /// Its status changed in the period.
    touched: bool,
    hours: f64,
}

/// Goals with projected dates; what was finished and worked on from `since` (see
/// [`default_since`] for `None`) to `today`, each with its curriculum, the hours logged on it in
/// the period, the learner's notes and evidence links; the learner's questions (lines of their
/// notes that end in "?"); the next steps agreed at the last check-in; and what the plan takes
/// on next in the learner's focus.
pub fn mentor_report(workspace: &Workspace, today: NaiveDate, since: Option<NaiveDate>) -> String {
    let state = &workspace.state();
    let since = since
        .unwrap_or_else(|| default_since(state, today))
        .min(today);
    let plan = workspace.plan(today);
    let mut md = String::new();
    // "Python for data work (AI Engineer)": the curriculum named beside every milestone, when
    // there is more than one to tell apart.
    let many = workspace.curricula().nth(1).is_some();
    let name_of = |r: &MilestoneRef| match workspace.curriculum(&r.curriculum) {
        Some(c) => {
            let title = c
                .milestone(&r.milestone)
                .map_or_else(|| r.milestone.clone(), |m| text(&m.title));
            if many {
                format!("{title} ({})", text(&c.title))
            } else {
                title
            }
        }
        None => r.to_string(),
    };

    let _ = writeln!(md, "# Progress report, {today}\n");
    if !state.mentor.name.is_empty() {
        let _ = writeln!(md, "For {}.\n", text(&state.mentor.name));
    }
    let last_check_in = state
        .mentor
        .check_ins
        .iter()
        .map(|c| c.date)
        .filter(|d| *d < today)
        .max();
    let period = if since == today {
        format!("Today, {today}")
    } else {
        format!("From {since} to {today}")
    };
    match last_check_in {
        Some(date) => {
            let _ = writeln!(md, "{period}; our last check-in was on {date}.\n");
        }
        None => {
            let _ = writeln!(md, "{period}; this is the first report.\n");
        }
    }

    let _ = writeln!(md, "## Focus\n");
    if state.focus.is_empty() {
        let _ = writeln!(md, "No focus area chosen yet.\n");
    } else {
        for f in &state.focus {
            let _ = writeln!(md, "- {}", text(&workspace.focus_title(f)));
        }
        let _ = writeln!(md, "\n{} hours a week.\n", state.hours_per_week);
    }

    let _ = writeln!(md, "## Goals\n");
    if state.goals.is_empty() {
        let _ = writeln!(md, "No goals adopted yet.\n");
    } else {
        // The verdict beside the goal, so that a narrow reader (a phone, a mail client, a
        // terminal) sees it before the columns that explain it.
        let _ = writeln!(
            md,
            "| Goal | Outlook | Target | Likely to late finish | Left |"
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
                "| {} | {outlook} | {} | {finish}{approx} | {} of {} milestones, {:.0} h |",
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

    // What happened in the period, from the activity log, in the order it first happened.
    let mut worked: BTreeMap<usize, (MilestoneRef, Worked)> = BTreeMap::new();
    let mut order: Vec<MilestoneRef> = Vec::new();
    let mut failed: Vec<&MilestoneRef> = Vec::new();
    for a in state.activity.iter().filter(|a| local_day(a.at) >= since) {
        let (milestone, hours, touched) = match &a.event {
            Event::StatusChanged { milestone, .. } => (milestone, 0.0, true),
            Event::HoursLogged { milestone, hours } => (milestone, *hours, false),
            Event::Reviewed {
                milestone,
                passed: false,
            } => {
                if !failed.contains(&milestone) {
                    failed.push(milestone);
                }
                continue;
            }
            _ => continue,
        };
        let at = match order.iter().position(|m| m == milestone) {
            Some(at) => at,
            None => {
                order.push(milestone.clone());
                order.len() - 1
            }
        };
        let entry = worked
            .entry(at)
            .or_insert_with(|| (milestone.clone(), Worked::default()));
        entry.1.hours += hours;
        entry.1.touched |= touched;
    }
    let total_hours = worked.values().fold(0.0, |sum, (_, w)| sum + w.hours);
    let mut finished = Vec::new();
    let mut in_progress = Vec::new();
    for (r, w) in worked.values() {
        match state.status(r) {
            Status::Done if w.touched => finished.push((r, w)),
            Status::Todo | Status::Skipped if w.hours == 0.0 => {}
            Status::Skipped => {}
            _ => in_progress.push((r, w)),
        }
    }
    let details = |md: &mut String, r: &MilestoneRef, w: &Worked| {
        if w.hours > 0.0 {
            let _ = writeln!(md, "  - Hours in this period: {}", hours(w.hours));
        }
        if let Some(p) = state.milestone(r) {
            for link in &p.evidence {
                let _ = writeln!(md, "  - Evidence: {}", markdown_link(link));
            }
            if !p.notes.trim().is_empty() {
                let _ = writeln!(md, "  - Notes: {}", text(&p.notes));
            }
        }
        for sign_off in state.sign_offs_of(r) {
            let _ = writeln!(md, "  - {}", text(&state.sign_off_words(sign_off)));
        }
    };
    let _ = writeln!(md, "## Done\n");
    if finished.is_empty() {
        let _ = writeln!(md, "Nothing finished in this period.\n");
    } else {
        for (r, w) in &finished {
            let _ = writeln!(md, "- {}", name_of(r));
            details(&mut md, r, w);
        }
        let _ = writeln!(md);
    }
    if !in_progress.is_empty() {
        let _ = writeln!(md, "## In progress\n");
        for (r, w) in &in_progress {
            let _ = writeln!(md, "- {} ({})", name_of(r), status_word(state.status(r)));
            details(&mut md, r, w);
        }
        let _ = writeln!(md);
    }
    let _ = writeln!(md, "Hours logged in this period: {}.\n", hours(total_hours));

    // Questions: every line of the learner's notes that asks one, on what they are working on.
    let mut questions = Vec::new();
    for r in finished
        .iter()
        .map(|(r, _)| *r)
        .chain(in_progress.iter().map(|(r, _)| *r))
    {
        if let Some(p) = state.milestone(r) {
            for line in p.notes.lines().map(str::trim).filter(|l| l.ends_with('?')) {
                questions.push(format!("- {} — {}", text(line), name_of(r)));
            }
        }
    }
    if !questions.is_empty() {
        let _ = writeln!(md, "## Questions for you\n");
        for q in questions {
            let _ = writeln!(md, "{q}");
        }
        let _ = writeln!(md);
    }
    if !failed.is_empty() {
        let _ = writeln!(md, "## Reviews I failed\n");
        let _ = writeln!(
            md,
            "Skills I had finished but could not do again when I checked; each has a refresher in my plan.\n"
        );
        for r in &failed {
            let _ = writeln!(md, "- {}", name_of(r));
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

    // The mentor's latest reply: what they signed off and said, whenever it was.
    if let Some(reply) = state.replies.iter().max_by_key(|r| r.date) {
        let _ = writeln!(
            md,
            "## From {}'s reply of {}\n",
            text(&reply.mentor),
            reply.date
        );
        for s in state.sign_offs.iter().filter(|s| s.packet == reply.packet) {
            let _ = writeln!(
                md,
                "- {}: {}",
                name_of(&s.milestone),
                text(&state.sign_off_words(s))
            );
        }
        for c in state.comments.iter().filter(|c| c.packet == reply.packet) {
            let _ = writeln!(
                md,
                "- Comment on {}: {}",
                name_of(&c.milestone),
                text(&c.text)
            );
        }
        let note = state
            .mentor
            .check_ins
            .iter()
            .find(|c| c.mentor == reply.mentor && c.date == reply.date);
        if let Some(c) = note.filter(|c| !c.notes.is_empty()) {
            let _ = writeln!(md, "- Note: {}", text(&c.notes));
        }
        let _ = writeln!(md);
    }

    if let Some(last) = state.mentor.check_ins.iter().max_by_key(|c| c.date)
        && !last.next_steps.is_empty()
    {
        if last.mentor.is_empty() {
            let _ = writeln!(md, "## Next steps we agreed on {}\n", last.date);
        } else {
            let _ = writeln!(
                md,
                "## Next steps from {}, {}\n",
                text(&last.mentor),
                last.date
            );
        }
        for step in &last.next_steps {
            let _ = writeln!(md, "- {}", text(step));
        }
        let _ = writeln!(md);
    }

    let _ = writeln!(md, "## Next up\n");
    if plan.next_up.is_empty() {
        let _ = writeln!(md, "Nothing is available right now.");
    }
    // The plan's order in the learner's focus: goal work first, then the rest of the focus.
    for r in plan.next_up.iter().take(5) {
        let _ = writeln!(md, "- {}", name_of(r));
    }
    md
}

/// A status in a sentence: [`Status::words`], lower case.
fn status_word(status: Status) -> String {
    status.words().to_lowercase()
}

/// Hours to the tenth, without a trailing ".0".
fn hours(h: f64) -> String {
    crate::plan::hours_words((h * 10.0).round() / 10.0)
}

fn escape_cell(cell: &str) -> String {
    text(cell).replace('|', "\\|")
}

/// A link as Markdown shows it: a link only when it is one (http or https, no spaces);
/// anything else is text.
pub(crate) fn markdown_link(link: &str) -> String {
    if crate::curriculum::is_openable_url(link) && !link.contains(['<', '>']) {
        format!("<{link}>")
    } else {
        text(link)
    }
}

/// Text from the learner's records or a curriculum, as text: on one line, with every character
/// Markdown would read as markup escaped, so that nothing another machine wrote becomes a
/// heading, a link or an image in the report.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in flat(s).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
