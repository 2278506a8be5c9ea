//! The study timer: a session that runs on a milestone until it is stopped, on this machine or
//! another. A running timer is a record like any other, so it outlives the window, a crash and
//! a restart, and syncs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{MilestoneRef, State, instant};

/// A session longer than this logs nothing on its own: the learner says what it was.
pub const LONGEST_SESSION_HOURS: f64 = 6.0;

/// A timer running on a milestone, started on a machine.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TimerRun {
    pub milestone: MilestoneRef,
    #[serde(with = "instant")]
    pub started: DateTime<Utc>,
    /// The id of the machine it was started on.
    pub machine: String,
}

impl TimerRun {
    /// Whole minutes run by `now`; none when it was started after `now` (another machine's
    /// clock ahead of this one's).
    pub fn minutes(&self, now: DateTime<Utc>) -> i64 {
        (now - self.started).num_minutes().max(0)
    }

    /// The hours it has measured by `now`, to two decimals at most (90 minutes: 1.5).
    pub fn hours(&self, now: DateTime<Utc>) -> f64 {
        let seconds = (now - self.started).num_seconds().max(0);
        (seconds as f64 / 36.0).round() / 100.0
    }

    /// Whether it has run too long to log on its own (see [`LONGEST_SESSION_HOURS`]).
    pub fn too_long(&self, now: DateTime<Utc>) -> bool {
        self.hours(now) > LONGEST_SESSION_HOURS
    }
}

/// "1 h 05 min", "25 min": how long a timer has run, for the top bar and the CLI's words.
pub fn duration_words(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

/// Hours as the timer logs them: two decimals at most, no trailing zeros ("1.5", "0.25", "2").
pub fn hours_figure(hours: f64) -> String {
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

impl State {
    /// The timer running on machine `machine`, if any: one runs at a time on a machine.
    pub fn timer_of(&self, machine: &str) -> Option<&TimerRun> {
        self.timers.iter().find(|t| t.machine == machine)
    }

    /// The timers a stop on machine `machine` stops: its own, or, when it runs none, those
    /// running elsewhere (a timer started on the laptop can be stopped on the desktop).
    pub fn timers_to_stop(&self, machine: &str) -> Vec<&TimerRun> {
        match self.timer_of(machine) {
            Some(own) => vec![own],
            None => self.timers.iter().collect(),
        }
    }

    /// The timer running on `m` that this machine would stop, if any.
    pub fn timer_on(&self, m: &MilestoneRef, machine: &str) -> Option<&TimerRun> {
        self.timers_to_stop(machine)
            .into_iter()
            .find(|t| t.milestone == *m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_session_measures_its_hours_to_two_decimals() {
        let run = TimerRun {
            milestone: MilestoneRef::new("c", "m"),
            started: at("2026-12-07T09:00:00Z"),
            machine: "laptop".into(),
        };
        assert_eq!(run.hours(at("2026-12-07T10:30:00Z")), 1.5);
        assert_eq!(run.hours(at("2026-12-07T09:20:00Z")), 0.33);
        assert_eq!(run.minutes(at("2026-12-07T10:05:59Z")), 65);
        assert_eq!(run.hours(at("2026-12-07T08:00:00Z")), 0.0);
        assert!(!run.too_long(at("2026-12-07T15:00:00Z")));
        assert!(run.too_long(at("2026-12-07T15:01:00Z")));
        assert_eq!(hours_figure(1.5), "1.5");
        assert_eq!(hours_figure(2.0), "2");
        assert_eq!(hours_figure(0.25), "0.25");
        assert_eq!(duration_words(65), "1 h 05 min");
        assert_eq!(duration_words(25), "25 min");
    }

    #[test]
    fn a_stop_stops_this_machines_timer_or_those_elsewhere() {
        let run = |machine: &str, m: &str| TimerRun {
            milestone: MilestoneRef::new("c", m),
            started: at("2026-12-07T09:00:00Z"),
            machine: machine.into(),
        };
        let state = State {
            timers: vec![run("desktop", "a"), run("laptop", "b")],
            ..State::default()
        };
        assert_eq!(state.timers_to_stop("laptop"), vec![&run("laptop", "b")]);
        assert_eq!(state.timers_to_stop("phone").len(), 2);
        assert!(
            state
                .timer_on(&MilestoneRef::new("c", "a"), "laptop")
                .is_none()
        );
    }
}
