//! The rules of the learner's time: the study timer, and periods of time away or of other
//! hours a week. Part of [`super::rules`]: each returns the steps a change makes, or why not.

use chrono::{DateTime, Utc};

use super::rules::Planned;
use super::{Change, Workspace, WorkspaceError};
use crate::progress::periods::check_period;
use crate::progress::profile::check_hours;
use crate::progress::{Activity, Event, MilestoneRef, Status, TimerRun, timer};
use crate::sync::Op;

impl Workspace {
    /// Starts the timer on `milestone`; this machine's timer on another is stopped first.
    pub(super) fn start_timer_ops(
        &self,
        milestone: &MilestoneRef,
        now: DateTime<Utc>,
    ) -> Result<Planned, WorkspaceError> {
        let st = &self.state;
        self.check_milestone(milestone)?;
        let machine = self.device().id.clone();
        let what = format!("started the timer on {}", self.titled(milestone));
        let mut ops = Vec::new();
        let mut words = Vec::new();
        if let Some(running) = st.timer_of(&machine) {
            if running.milestone == *milestone {
                return Ok(Planned::new(Vec::new(), what));
            }
            // One runs at a time on a machine: the one before is stopped and logged.
            let running = running.clone();
            let (stop, said) = self.stop_ops(&running, None, "", now)?;
            ops.extend(stop);
            words.push(said);
        }
        ops.push(Op::Timer(
            TimerRun {
                milestone: milestone.clone(),
                started: now,
                machine,
            },
            true,
        ));
        if st.status(milestone) == Status::Todo {
            ops.extend(self.status_ops(milestone, Status::Doing, now, true));
        }
        words.push(what);
        Ok(Planned::new(ops, words.join("; ")))
    }

    /// The steps that stop `run` and log what it measured (or `hours`), with the words said.
    pub(super) fn stop_ops(
        &self,
        run: &TimerRun,
        hours: Option<f64>,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<(Vec<Op>, String), WorkspaceError> {
        let m = &run.milestone;
        let hours = match hours {
            // Nothing to log: the timer is only taken away.
            Some(0.0) => 0.0,
            Some(h) => check_hours(h)?,
            None if run.too_long(now) => {
                return Err(WorkspaceError::TimerTooLong {
                    milestone: m.clone(),
                    minutes: run.minutes(now),
                });
            }
            None => run.hours(now),
        };
        let mut ops = vec![Op::Timer(run.clone(), false)];
        let what = if hours > 0.0 {
            ops.push(Op::Hours(m.clone(), hours));
            ops.push(Op::Activity(Activity {
                at: now,
                event: Event::HoursLogged {
                    milestone: m.clone(),
                    hours,
                },
            }));
            format!(
                "logged {} h on {}",
                timer::hours_figure(hours),
                self.titled(m)
            )
        } else {
            format!("stopped the timer on {}; nothing logged", self.titled(m))
        };
        let note = note.trim();
        if !note.is_empty() {
            let notes = self.state.milestone(m).map_or("", |p| p.notes.as_str());
            let notes = if notes.trim().is_empty() {
                note.to_owned()
            } else {
                format!("{}\n{note}", notes.trim_end())
            };
            crate::progress::profile::check_long_text(&notes, "the notes")?;
            ops.push(Op::Notes(
                m.clone(),
                notes,
                self.journal.replica().notes_version(m),
            ));
        }
        Ok((ops, what))
    }

    /// Adds, replaces or removes a period of time away or of other hours.
    pub(super) fn period_ops(&self, change: &Change) -> Result<Planned, WorkspaceError> {
        let st = &self.state;
        Ok(match change {
            Change::AddPeriod(period) => Planned::new(
                vec![Op::Period(check_period(period)?.clone(), true)],
                period.words(),
            ),
            Change::ReplacePeriod { index, period } => {
                check_period(period)?;
                let old = st
                    .periods
                    .get(*index)
                    .ok_or(WorkspaceError::NoPeriod(*index))?;
                let ops = if old == period {
                    Vec::new()
                } else {
                    vec![
                        Op::Period(old.clone(), false),
                        Op::Period(period.clone(), true),
                    ]
                };
                Planned::new(ops, period.words())
            }
            Change::RemovePeriod(index) => {
                let old = st
                    .periods
                    .get(*index)
                    .ok_or(WorkspaceError::NoPeriod(*index))?;
                Planned::new(
                    vec![Op::Period(old.clone(), false)],
                    format!("removed {}", old.words()),
                )
            }
            _ => Planned::new(Vec::new(), String::new()),
        })
    }
}
