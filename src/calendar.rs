//! The study plan as a calendar (iCalendar, RFC 5545): a session on each study day of this week
//! and the next eight, each goal's target and the reviews due, for any calendar app.
//!
//! What goes in it is decided here, once: the window's button, `waymark calendar` and the copy
//! kept current all write [`ics`] of [`Calendar::of`]. A week's hours come only from the plan
//! (this week) and [`State::hours_in_week`] / [`State::hours_on`] / [`State::away_on`] (later
//! weeks), so time away and busy weeks shape the sessions as they shape the plan.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike as _, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use icalendar::{Alarm, Component as _, EventLike as _, Trigger};

use crate::plan::{Plan, WeekKind, hours_words};
use crate::progress::{MilestoneRef, State};
use crate::workspace::Workspace;

/// How many weeks the calendar holds: this one and the next eight.
pub const WEEKS: u64 = 9;

/// How long before a session its reminder shows.
pub const REMINDER_MINUTES: i64 = 15;

/// The longest a day's session is: it ends by midnight.
const DAY_MINUTES: u32 = 24 * 60;

/// One study session: a day's share of its week's hours, from the start time.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub start: NaiveDateTime,
    pub minutes: u32,
    /// What the plan puts in it, in plan order: the milestone and its hours in this session.
    pub work: Vec<(MilestoneRef, String, f64)>,
}

impl Session {
    pub fn day(&self) -> NaiveDate {
        self.start.date()
    }

    pub fn end(&self) -> NaiveDateTime {
        self.start + TimeDelta::minutes(i64::from(self.minutes))
    }

    /// `Study: Python fundamentals` or `Study: Python fundamentals and 2 more`.
    pub fn summary(&self) -> String {
        match self.work.as_slice() {
            [] => "Study: what comes next in your plan".to_owned(),
            [(_, title, _)] => format!("Study: {title}"),
            [(_, title, _), rest @ ..] => format!("Study: {title} and {} more", rest.len()),
        }
    }

    fn description(&self) -> String {
        let mut lines: Vec<String> = self
            .work
            .iter()
            .map(|(m, title, hours)| format!("{} h: {title} ({m})", hours_words(*hours)))
            .collect();
        if lines.is_empty() {
            lines.push("Your plan has nothing listed for this session yet.".to_owned());
        }
        lines.push("From your Waymark plan.".to_owned());
        lines.join("\n")
    }
}

/// A day-long event: a goal's target or a review due.
#[derive(Clone, Debug, PartialEq)]
pub struct AllDay {
    pub uid: String,
    pub day: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// What the calendar file holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Calendar {
    pub sessions: Vec<Session>,
    pub targets: Vec<AllDay>,
    pub reviews: Vec<AllDay>,
}

/// A piece of planned work to be placed in sessions, in plan order.
struct Work {
    milestone: MilestoneRef,
    title: String,
    hours: f64,
}

impl Calendar {
    /// The calendar of the learner's plan from `today`.
    pub fn of(workspace: &Workspace, plan: &Plan, today: NaiveDate) -> Self {
        let state = workspace.state();
        let title = |m: &MilestoneRef| workspace.title_of(m);
        // This week: the week's plan, less what was logged on it. Later weeks: what comes next,
        // each at its estimate less what was logged.
        let mut this_week: Vec<Work> = plan
            .week
            .items
            .iter()
            .filter(|i| !i.finished && i.hours > i.logged)
            .map(|i| Work {
                milestone: i.milestone.clone(),
                title: match i.kind {
                    WeekKind::Work => title(&i.milestone),
                    WeekKind::Review => format!("review {}", title(&i.milestone)),
                    WeekKind::Refresher => format!("refresher on {}", title(&i.milestone)),
                },
                hours: i.hours - i.logged,
            })
            .collect();
        // What this week gives a milestone is not left for later weeks; the rest of it is.
        let this_week_gives = |m: &MilestoneRef| -> f64 {
            plan.week
                .items
                .iter()
                .filter(|i| i.milestone == *m && i.kind == WeekKind::Work && !i.finished)
                .map(|i| (i.hours - i.logged).max(0.0))
                .sum()
        };
        let mut later: Vec<Work> = plan
            .next_up
            .iter()
            .filter_map(|m| {
                let logged = state.milestone(m).map_or(0.0, |p| p.hours_logged);
                let estimate = workspace.estimate_of(m).unwrap_or(1.0);
                let hours = estimate - logged - this_week_gives(m);
                (hours > 0.05).then(|| Work {
                    milestone: m.clone(),
                    title: title(m),
                    hours,
                })
            })
            .collect();
        let this_week_hours = this_week.iter().map(|w| w.hours).sum::<f64>();
        let sessions = if this_week.is_empty() && later.is_empty() {
            // The plan has nothing left to do: no session to sit through.
            Vec::new()
        } else {
            sessions(state, today, this_week_hours, |week, minutes| {
                let queue = if week == 0 {
                    &mut this_week
                } else {
                    &mut later
                };
                take(queue, minutes)
            })
        };
        let targets = plan
            .goals
            .iter()
            .filter_map(|g| {
                let goal = state.goal(&g.goal)?;
                let dates = match (g.likely_finish, g.late_finish) {
                    (Some(likely), Some(late)) => {
                        format!("Likely done {likely}, by {late} at the latest.")
                    }
                    _ => String::new(),
                };
                Some(AllDay {
                    uid: format!("target-{}@waymark", goal.id),
                    day: g.target,
                    summary: format!("Target: {}", goal.title),
                    description: format!(
                        "The target of your goal “{}” ({}): {}. {dates}",
                        goal.title,
                        goal.id,
                        g.outlook.words()
                    )
                    .trim_end()
                    .to_owned(),
                })
            })
            .collect();
        let last = today + Days::new(WEEKS * 7);
        let reviews = plan
            .reviews
            .due
            .iter()
            .chain(&plan.reviews.upcoming)
            .filter(|r| r.due < last)
            .map(|r| AllDay {
                uid: format!(
                    "review-{}-{}@waymark",
                    r.milestone.curriculum, r.milestone.milestone
                ),
                // An overdue review is due today.
                day: r.due.max(today),
                summary: format!("Review: {}", title(&r.milestone)),
                description: format!(
                    "Can you still do “{}” ({})? Last {}.",
                    title(&r.milestone),
                    r.milestone,
                    r.last
                ),
            })
            .collect();
        Self {
            sessions,
            targets,
            reviews,
        }
    }
}

/// Takes `minutes` of work off the front of `queue`: what a session holds.
fn take(queue: &mut Vec<Work>, minutes: u32) -> Vec<(MilestoneRef, String, f64)> {
    let mut left = f64::from(minutes) / 60.0;
    let mut taken = Vec::new();
    while left > 1e-9 && !queue.is_empty() {
        let first = &mut queue[0];
        let hours = first.hours.min(left);
        taken.push((first.milestone.clone(), first.title.clone(), hours));
        first.hours -= hours;
        left -= hours;
        if first.hours <= 1e-9 {
            queue.remove(0);
        }
    }
    taken
}

/// The sessions of this week (from `today`, holding `this_week_hours`) and the next eight
/// (each holding [`State::hours_in_week`]): one on each study day that is not time away and
/// has hours, at the start time, the week's minutes shared by each day's hours. `work` names
/// what a session of week `n` (0 is this one) of so many minutes holds.
pub fn sessions(
    state: &State,
    today: NaiveDate,
    this_week_hours: f64,
    mut work: impl FnMut(u64, u32) -> Vec<(MilestoneRef, String, f64)>,
) -> Vec<Session> {
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let times = &state.study_times;
    let mut sessions = Vec::new();
    for week in 0..WEEKS {
        let start = monday + Days::new(week * 7);
        let days: Vec<(NaiveDate, f64)> = (0..7)
            .map(|i| start + Days::new(i))
            .filter(|d| *d >= today && times.studies_on(d.weekday()))
            .filter(|d| state.away_on(*d).is_none())
            .map(|d| (d, state.hours_on(d)))
            .filter(|(_, h)| *h > 0.0)
            .collect();
        let hours = if week == 0 {
            this_week_hours
        } else {
            state.hours_in_week(start)
        };
        for ((day, _), minutes) in days.iter().zip(share(hours, &days)) {
            if minutes == 0 {
                continue;
            }
            let latest = NaiveTime::MIN + TimeDelta::minutes(i64::from(DAY_MINUTES - minutes));
            sessions.push(Session {
                start: day.and_time(times.at.min(latest)),
                minutes,
                work: work(week, minutes),
            });
        }
    }
    sessions
}

/// The week's `hours` in whole minutes, shared by the days in proportion to each day's hours
/// (the largest remainders get the odd minutes), so that they sum to the week's minutes
/// exactly; a day holds at most 24 hours.
fn share(hours: f64, days: &[(NaiveDate, f64)]) -> Vec<u32> {
    let weight: f64 = days.iter().map(|(_, h)| h).sum();
    if days.is_empty() || weight <= 0.0 || !hours.is_finite() || hours <= 0.0 {
        return vec![0; days.len()];
    }
    let total = (hours * 60.0)
        .round()
        .min(f64::from(DAY_MINUTES) * days.len() as f64) as u32;
    let exact: Vec<f64> = days
        .iter()
        .map(|(_, h)| f64::from(total) * h / weight)
        .collect();
    let mut minutes: Vec<u32> = exact.iter().map(|m| m.floor() as u32).collect();
    let mut order: Vec<usize> = (0..days.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    let mut left = total.saturating_sub(minutes.iter().sum());
    for &i in order.iter().cycle().take(days.len() * 2) {
        if left == 0 {
            break;
        }
        if minutes[i] < DAY_MINUTES {
            minutes[i] += 1;
            left -= 1;
        }
    }
    minutes
}

/// The calendar as an iCalendar file: floating local times (the learner's evening is 19:00
/// wherever they are), a reminder before each session, stable UIDs (a session's is its day),
/// lines ended with CRLF and folded at 75 octets. `now` is the DTSTAMP.
pub fn ics(calendar: &Calendar, now: DateTime<Utc>) -> String {
    let mut cal = icalendar::Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Waymark//Waymark study plan//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("X-WR-CALNAME", "Waymark study plan"));
    for s in &calendar.sessions {
        let uid = format!("study-{}@waymark", s.day().format("%Y%m%d"));
        let summary = s.summary();
        // The crate gives a reminder a random UID and the wall clock's DTSTAMP unless told:
        // both are set, so that an export is the same bytes for the same plan and clock.
        let alarm = Alarm::display(
            &summary,
            Trigger::before_start(TimeDelta::minutes(REMINDER_MINUTES)),
        )
        .uid(&format!("reminder-{uid}"))
        .timestamp(now)
        .done();
        cal.push(
            icalendar::Event::new()
                .uid(&uid)
                .timestamp(now)
                .summary(&summary)
                .description(&s.description())
                .starts(icalendar::CalendarDateTime::Floating(s.start))
                .ends(icalendar::CalendarDateTime::Floating(s.end()))
                .alarm(alarm)
                .done(),
        );
    }
    for a in calendar.targets.iter().chain(&calendar.reviews) {
        cal.push(
            icalendar::Event::new()
                .uid(&a.uid)
                .timestamp(now)
                .summary(&a.summary)
                .description(&a.description)
                .starts(a.day)
                .ends(a.day + Days::new(1))
                .add_property("TRANSP", "TRANSPARENT")
                .done(),
        );
    }
    refold(&cal.done().to_string())
}

/// Folds content lines as RFC 5545 §3.1 asks: at most 75 octets a line, the break's CRLF not
/// counted, a continuation's leading space counted, never inside a character. The crate folds
/// too, but lets a last continuation of exactly 75 octets through as 76 (its space not
/// counted), so its folding is undone and done again here.
fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut room = LIMIT;
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (head, tail) = rest.split_at(cut);
            out.push_str(head);
            out.push_str("\r\n ");
            rest = tail;
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

/// The learner's calendar file as of `now`.
pub fn for_workspace(workspace: &Workspace, now: DateTime<Utc>) -> String {
    let today = crate::plan::local_day(now);
    let plan = workspace.plan(today);
    ics(&Calendar::of(workspace, &plan, today), now)
}

/// What refuses a path for the calendar.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error(
        "{0} is inside the data folder, which other machines sync: keep the calendar outside it"
    )]
    InDataFolder(PathBuf),
    #[error("{0} is a folder: give a file's path, such as study.ics")]
    Folder(PathBuf),
    #[error("{0} names no file")]
    NoFile(PathBuf),
    #[error(
        "this machine has no folder of its own for settings (set WAYMARK_STATE_DIR), so it cannot keep a calendar current"
    )]
    NoMemory,
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
}

/// Checks a path the calendar may be written to: a file, outside the synced data folder (a
/// file there would be written by two machines, and a calendar kept current rewrites it at
/// every change).
pub fn check_path(path: &Path, data_dir: &Path) -> Result<PathBuf, CalendarError> {
    if path.file_name().is_none() {
        return Err(CalendarError::NoFile(path.to_path_buf()));
    }
    if path.is_dir() {
        return Err(CalendarError::Folder(path.to_path_buf()));
    }
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .components()
            .collect::<PathBuf>()
    };
    // Resolved through links where the folders exist, so that a link does not hide the data
    // folder; as written where they do not.
    let resolve = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = parent.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        match std::fs::canonicalize(&dir) {
            Ok(dir) => p.file_name().map_or(dir.clone(), |f| dir.join(f)),
            Err(_) => absolute(p),
        }
    };
    let file = resolve(path);
    let data = std::fs::canonicalize(data_dir).unwrap_or_else(|_| absolute(data_dir));
    if file.starts_with(&data) || absolute(path).starts_with(absolute(data_dir)) {
        return Err(CalendarError::InDataFolder(path.to_path_buf()));
    }
    Ok(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Writes the calendar to `path` atomically, after [`check_path`].
pub fn write(workspace: &Workspace, path: &Path, now: DateTime<Utc>) -> Result<(), CalendarError> {
    let path = check_path(path, workspace.data_dir().root())?;
    crate::storage::write_atomic(&path, for_workspace(workspace, now).as_bytes())?;
    Ok(())
}

/// Rewrites the copy this machine keeps current, if it keeps one: what both faces call after
/// every change they save. `None` when no copy is kept.
pub fn refresh_kept(
    workspace: &Workspace,
    now: DateTime<Utc>,
) -> Option<Result<PathBuf, CalendarError>> {
    let path = workspace.kept_calendar()?.to_path_buf();
    Some(write(workspace, &path, now).map(|()| path))
}

#[cfg(test)]
mod tests;
