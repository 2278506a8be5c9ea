//! The learner's plan-level choices — focus, goals in order, the hours a week — and the rules
//! for changing them, which the window and the command line both go through.

use chrono::NaiveDate;

use super::{AdoptedGoal, FocusRef, State};

/// The most hours a week can hold.
pub const MAX_HOURS_PER_WEEK: f64 = 168.0;

/// The most hours one `log` may add: more than a month of full days is surely a typo.
pub const MAX_LOGGED_HOURS: f64 = 1_000.0;

/// A change to the profile that breaks a rule, worded for the learner.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ProfileError {
    #[error("{0} is not a number of hours a week: give one from 0 to 168")]
    HoursPerWeek(String),
    #[error("{0} is not a number of hours: give one above 0 and at most 1000")]
    Hours(String),
    #[error("\"{0}\" is not a date: write it as YYYY-MM-DD, for example 2027-03-01")]
    Date(String),
    #[error("the target {target} is in the past (today is {today})")]
    TargetInPast { target: NaiveDate, today: NaiveDate },
    #[error("unknown goal \"{0}\"")]
    UnknownGoal(String),
    #[error("goal \"{0}\" is adopted already")]
    AlreadyAdopted(String),
    #[error("{position} is not a place in your list of {count} goals")]
    Position { position: usize, count: usize },
    #[error("{0} holds control characters or is longer than 4096 bytes")]
    Text(String),
    #[error("that period cannot be: {0}")]
    Period(String),
    #[error(
        "\"{0}\" is not a name: give one line of at most {max} characters, without control characters",
        max = super::learner::MAX_NAME_CHARS
    )]
    Name(String),
    #[error("\"{0}\" is not a link: give an http or https address, such as https://github.com/you")]
    Link(String),
    #[error(
        "{0} links are too many: a portfolio shows at most {max}",
        max = super::learner::MAX_LINKS
    )]
    TooManyLinks(usize),
    #[error("{0} is not a list of study days: give one or more of mon,tue,wed,thu,fri,sat,sun")]
    StudyDays(String),
    #[error("{0} is not a start time: write it as HH:MM on a 24-hour clock, for example 19:00")]
    StartTime(String),
    #[error("{0} is {1} bytes long, more than the {2} a record may hold")]
    TooLong(String, usize, usize),
}

/// Checks text the learner writes (notes, a review's note, a check-in) against what a record
/// may hold, the limit every machine checks at the merge.
pub fn check_long_text(text: &str, what: &str) -> Result<(), ProfileError> {
    let max = crate::sync::wire::MAX_TEXT;
    if text.len() > max {
        return Err(ProfileError::TooLong(what.to_owned(), text.len(), max));
    }
    Ok(())
}

/// Reads a number of hours a week as the learner typed it: `6`, `7.5`.
pub fn parse_hours_per_week(text: &str) -> Result<f64, ProfileError> {
    let hours: f64 = text
        .trim()
        .parse()
        .map_err(|_| ProfileError::HoursPerWeek(format!("\"{text}\"")))?;
    check_hours_per_week(hours)
}

/// `hours` when it is a number of hours a week.
pub fn check_hours_per_week(hours: f64) -> Result<f64, ProfileError> {
    if hours.is_finite() && (0.0..=MAX_HOURS_PER_WEEK).contains(&hours) {
        Ok(hours)
    } else {
        Err(ProfileError::HoursPerWeek(hours.to_string()))
    }
}

/// Reads hours worked or estimated, as the learner typed them: above 0, at most 1000.
pub fn parse_hours(text: &str) -> Result<f64, ProfileError> {
    let hours: f64 = text
        .trim()
        .parse()
        .map_err(|_| ProfileError::Hours(format!("\"{text}\"")))?;
    check_hours(hours)
}

/// `hours` when it is a number of hours worked or estimated.
pub fn check_hours(hours: f64) -> Result<f64, ProfileError> {
    if hours.is_finite() && hours > 0.0 && hours <= MAX_LOGGED_HOURS {
        Ok(hours)
    } else {
        Err(ProfileError::Hours(hours.to_string()))
    }
}

/// Reads a date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, ProfileError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ProfileError::Date(text.to_owned()))
}

/// The learner's plan-level choices, small enough to keep before and after a change (for undo).
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub focus: Vec<FocusRef>,
    /// In the learner's order: the plan takes them first to last.
    pub goals: Vec<AdoptedGoal>,
    pub hours_per_week: f64,
    pub onboarded: bool,
}

impl Profile {
    pub fn of(state: &State) -> Self {
        Self {
            focus: state.focus.clone(),
            goals: state.goals.clone(),
            hours_per_week: state.hours_per_week,
            onboarded: state.onboarded,
        }
    }

    pub fn write(&self, state: &mut State) {
        state.focus.clone_from(&self.focus);
        state.goals.clone_from(&self.goals);
        state.hours_per_week = self.hours_per_week;
        state.onboarded = self.onboarded;
    }

    pub fn set_hours_per_week(&mut self, hours: f64) -> Result<(), ProfileError> {
        self.hours_per_week = check_hours_per_week(hours)?;
        Ok(())
    }

    /// Chooses a focus area; false when it was chosen already.
    pub fn add_focus(&mut self, focus: FocusRef) -> bool {
        if self.focus.contains(&focus) {
            return false;
        }
        self.focus.push(focus);
        true
    }

    /// Drops a focus area; false when it was not chosen.
    pub fn remove_focus(&mut self, focus: &FocusRef) -> bool {
        let before = self.focus.len();
        self.focus.retain(|f| f != focus);
        self.focus.len() != before
    }

    /// Adopts a goal, last in the learner's order.
    pub fn adopt(&mut self, goal: AdoptedGoal) -> Result<(), ProfileError> {
        if self.goals.iter().any(|g| g.id == goal.id) {
            return Err(ProfileError::AlreadyAdopted(goal.id));
        }
        self.goals.push(goal);
        Ok(())
    }

    fn goal_mut(&mut self, id: &str) -> Result<&mut AdoptedGoal, ProfileError> {
        self.goals
            .iter_mut()
            .find(|g| g.id == id)
            .ok_or_else(|| ProfileError::UnknownGoal(id.to_owned()))
    }

    /// Moves a goal's target; a target before `today` is refused.
    pub fn set_target(
        &mut self,
        id: &str,
        target: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), ProfileError> {
        if target < today {
            return Err(ProfileError::TargetInPast { target, today });
        }
        self.goal_mut(id)?.target = target;
        Ok(())
    }

    pub fn drop_goal(&mut self, id: &str) -> Result<AdoptedGoal, ProfileError> {
        let at = self
            .goals
            .iter()
            .position(|g| g.id == id)
            .ok_or_else(|| ProfileError::UnknownGoal(id.to_owned()))?;
        Ok(self.goals.remove(at))
    }

    /// Moves a goal to `position` (0 = first) in the learner's order.
    pub fn move_goal(&mut self, id: &str, position: usize) -> Result<(), ProfileError> {
        let count = self.goals.len();
        let at = self
            .goals
            .iter()
            .position(|g| g.id == id)
            .ok_or_else(|| ProfileError::UnknownGoal(id.to_owned()))?;
        if position >= count {
            return Err(ProfileError::Position {
                position: position + 1,
                count,
            });
        }
        let goal = self.goals.remove(at);
        self.goals.insert(position, goal);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn goal(id: &str) -> AdoptedGoal {
        AdoptedGoal {
            id: id.to_owned(),
            title: id.to_owned(),
            source: None,
            mentor_note: String::new(),
            milestones: Vec::new(),
            target: NaiveDate::MIN,
            adopted_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn hours_a_week_are_a_number_from_0_to_168() {
        assert_eq!(parse_hours_per_week(" 7.5 "), Ok(7.5));
        assert_eq!(parse_hours_per_week("0"), Ok(0.0));
        for bad in ["-3", "lots", "169", "NaN", "inf", ""] {
            assert!(parse_hours_per_week(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_hours_per_week("lots").map_err(|e| e.to_string()),
            Err("\"lots\" is not a number of hours a week: give one from 0 to 168".to_owned())
        );
    }

    #[test]
    fn logged_hours_are_above_0_and_at_most_1000() {
        assert_eq!(parse_hours("2.5"), Ok(2.5));
        for bad in ["0", "-1", "1001", "two", "NaN"] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn goals_move_in_the_learners_order_and_targets_are_never_in_the_past() {
        let mut p = Profile {
            focus: Vec::new(),
            goals: vec![goal("a"), goal("b"), goal("c")],
            hours_per_week: 6.0,
            onboarded: true,
        };
        p.move_goal("c", 0).unwrap();
        let ids: Vec<&str> = p.goals.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
        assert!(p.move_goal("c", 3).is_err());
        assert!(p.move_goal("x", 0).is_err());
        let today = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
        let past = NaiveDate::from_ymd_opt(2027, 1, 9).unwrap();
        assert_eq!(
            p.set_target("a", past, today),
            Err(ProfileError::TargetInPast {
                target: past,
                today
            })
        );
        assert_eq!(p.set_target("a", today, today), Ok(()));
        assert!(p.adopt(goal("a")).is_err());
    }
}
