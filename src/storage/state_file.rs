//! The file form of `state.ron`: a versioned wrapper around [`State`], and the chain of forward migrations.
//!
//! The file is its own type per format number, apart from the domain's [`State`], so the domain
//! is free to change: when it does, the current file type is frozen under its number, a new one
//! takes its place, and one `migrate_N_to_M` function turns the old into the new.
//!
//! Why migrations work on typed structs and not on `ron::Value`: `ron::Value` does not keep enum
//! variant names, so a round trip through it would turn `StatusChanged(..)` or `Done` into
//! anonymous maps and units, corrupting the activity log. A typed old schema loses nothing.
//!
//! Unknown fields are tolerated, not denied. A newer Waymark that adds data it cares about bumps
//! [`STATE_FORMAT`], and older ones refuse the file by its number before looking at any field;
//! so tolerance never lets an older Waymark silently drop newer data. Within one format,
//! tolerance means a stray hand-edited field does not make the learner's whole file unreadable
//! and set aside.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::progress::{
    ActivityLog, AdoptedGoal, CurriculumSource, FocusRef, Mentor, MilestoneProgress, STATE_FORMAT,
    Shared, State,
};

/// Reads one format's text and brings it forward to today's [`State`]. Arguments: name, text.
type Reader = fn(&str, &str) -> Result<State, String>;

/// Every format this Waymark reads, with the reader that parses its file type and runs the
/// migrations after it. To add format 2: rename `StateFileV1` to a frozen copy, make the new file
/// type current, write `migrate_1_to_2`, have `read_v1` call it, and add `(2, read_v2)` here.
const READERS: &[(u32, Reader)] = &[(1, read_v1)];

/// Serializes a state as `state.ron` holds it, with its `format` number first.
///
/// Fails only if a value cannot be written as RON, which for the state's types should not
/// happen; the error is still returned rather than hidden.
pub fn state_to_ron(state: &State) -> Result<String, String> {
    let file = StateFileV1Ref {
        format: STATE_FORMAT,
        focus: &state.focus,
        goals: &state.goals,
        hours_per_week: state.hours_per_week,
        progress: &state.progress,
        set_aside: &state.set_aside,
        activity: &state.activity,
        mentor: &state.mentor,
        sources: &state.sources,
        onboarded: state.onboarded,
    };
    // Depth 3 keeps one milestone's progress on one line and an activity on a few, so a year of
    // use stays a file a person can still read and diff.
    let config = ron::ser::PrettyConfig::new().depth_limit(3);
    ron::ser::to_string_pretty(&file, config)
        .map_err(|e| format!("cannot write the state as RON: {e}"))
}

/// Reads `state.ron` text, migrating older formats forward. `name` is what errors call the file.
pub fn state_from_ron(name: &str, text: &str) -> Result<State, String> {
    // A byte order mark is what Notepad and other Windows editors put before a hand-edited
    // file; it is not damage, and RON would refuse it and have the whole state set aside.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The probe reads the whole file a second time (a year of activity is megabytes), so a
    // current file is read in one pass; anything else goes through the probe and its reader.
    if let Ok(file) = parse::<StateFileV1>(name, text)
        && file.format == STATE_FORMAT
    {
        return Ok(file.into_state());
    }
    read_with(name, text, STATE_FORMAT, READERS)
}

/// Reads the `format` number first, then hands the text to that format's reader. Separate from
/// [`state_from_ron`] so the dispatch can be tested with a reader table of the test's own.
fn read_with(
    name: &str,
    text: &str,
    current: u32,
    readers: &[(u32, Reader)],
) -> Result<State, String> {
    if text.trim().is_empty() {
        return Err(format!("{name}: the file is empty"));
    }
    let format = read_format(name, text)?;
    if format > current {
        return Err(format!(
            "{name}: written by a newer Waymark (state format {format}; this one reads up to \
             {current}); update Waymark to open it"
        ));
    }
    match readers.iter().find(|(f, _)| *f == format) {
        Some((_, read)) => read(name, text),
        None => Err(format!(
            "{name}: state format {format} is not one this Waymark reads (it reads {})",
            readers
                .iter()
                .map(|(f, _)| f.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Only the `format` number; every other field is skipped unread.
///
/// Named `State` like the file types, so a hand-written `State(format: 1, ..)` reads as well as
/// the unnamed `(format: 1, ..)` that Waymark writes.
#[derive(Deserialize)]
#[serde(rename = "State")]
struct FormatProbe {
    #[serde(default)]
    format: Option<u32>,
}

fn read_format(name: &str, text: &str) -> Result<u32, String> {
    // `format: 1` without `Some(..)` is how the file writes it; implicit Some lets the probe tell
    // an absent number from a present one.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let probe: FormatProbe = options.from_str(text).map_err(|e| located(name, &e))?;
    probe.format.ok_or_else(|| {
        format!(
            "{name}: no `format` number, so this is not a Waymark state file (or it is damaged)"
        )
    })
}

/// A RON error as `name:line:col: message`.
fn located(name: &str, e: &ron::error::SpannedError) -> String {
    format!(
        "{name}:{}:{}: {}",
        e.span.start.line, e.span.start.col, e.code
    )
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<T, String> {
    ron::from_str(text).map_err(|e| located(name, &e))
}

fn read_v1(name: &str, text: &str) -> Result<State, String> {
    parse::<StateFileV1>(name, text).map(StateFileV1::into_state)
}

/// `state.ron` in format 1, for writing: borrows the state so that saving a long activity log
/// does not copy it. Field for field the same as [`StateFileV1`].
#[derive(Serialize)]
#[serde(rename = "State")]
struct StateFileV1Ref<'a> {
    format: u32,
    focus: &'a [FocusRef],
    goals: &'a [AdoptedGoal],
    hours_per_week: f64,
    progress: &'a BTreeMap<String, Shared<BTreeMap<String, MilestoneProgress>>>,
    set_aside: &'a BTreeMap<String, Shared<BTreeMap<String, MilestoneProgress>>>,
    activity: &'a ActivityLog,
    mentor: &'a Mentor,
    sources: &'a BTreeMap<String, CurriculumSource>,
    onboarded: bool,
}

/// `state.ron` in format 1, for reading. A missing field takes the default state's value.
#[derive(Deserialize)]
#[serde(default, rename = "State")]
struct StateFileV1 {
    /// 0 when the file gives none, so that only a file that says it is current skips the probe.
    format: u32,
    focus: Vec<FocusRef>,
    goals: Vec<AdoptedGoal>,
    hours_per_week: f64,
    progress: BTreeMap<String, Shared<BTreeMap<String, MilestoneProgress>>>,
    set_aside: BTreeMap<String, Shared<BTreeMap<String, MilestoneProgress>>>,
    activity: ActivityLog,
    mentor: Mentor,
    sources: BTreeMap<String, CurriculumSource>,
    onboarded: bool,
}

impl Default for StateFileV1 {
    fn default() -> Self {
        let s = State::default();
        Self {
            format: 0,
            focus: s.focus,
            goals: s.goals,
            hours_per_week: s.hours_per_week,
            progress: s.progress,
            set_aside: s.set_aside,
            activity: s.activity,
            mentor: s.mentor,
            sources: s.sources,
            onboarded: s.onboarded,
        }
    }
}

impl StateFileV1 {
    fn into_state(self) -> State {
        State {
            focus: self.focus,
            goals: self.goals,
            hours_per_week: self.hours_per_week,
            progress: self.progress,
            set_aside: self.set_aside,
            activity: self.activity,
            mentor: self.mentor,
            sources: self.sources,
            onboarded: self.onboarded,
            periods: Vec::new(),
            timers: Vec::new(),
            packets: Vec::new(),
            replies: Vec::new(),
            sign_offs: Vec::new(),
            comments: Vec::new(),
            // A state.ron from before sync had no study days: the default stands.
            study_times: crate::progress::StudyTimes::default(),
            learner: crate::progress::Learner::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up format 0 that kept only the hours and a list of finished milestones, to show
    /// that an older file is parsed by its own type and carried forward by its migration.
    #[derive(Deserialize)]
    struct DummyV0 {
        hours: f64,
        done: Vec<String>,
    }

    fn migrate_dummy_0_to_1(v0: DummyV0) -> StateFileV1 {
        let mut v1 = StateFileV1 {
            hours_per_week: v0.hours,
            ..StateFileV1::default()
        };
        for id in v0.done {
            let p = v1
                .progress
                .entry("core".to_owned())
                .or_default()
                .entry(id)
                .or_default();
            p.status = crate::progress::Status::Done;
        }
        v1
    }

    fn read_dummy_v0(name: &str, text: &str) -> Result<State, String> {
        parse::<DummyV0>(name, text)
            .map(migrate_dummy_0_to_1)
            .map(StateFileV1::into_state)
    }

    const WITH_DUMMY: &[(u32, Reader)] = &[(0, read_dummy_v0), (1, read_v1)];

    #[test]
    fn an_older_format_is_carried_forward_by_its_migration() {
        let text = "(format: 0, hours: 3.5, done: [\"python\", \"git\"])";
        let state = read_with("state.ron", text, 1, WITH_DUMMY).unwrap();
        assert_eq!(state.hours_per_week, 3.5);
        let core = &state.progress["core"];
        assert_eq!(core.len(), 2);
        assert!(
            core.values()
                .all(|p| p.status == crate::progress::Status::Done)
        );
    }

    #[test]
    fn the_current_format_goes_to_its_own_reader_even_with_migrations_present() {
        let text = state_to_ron(&State {
            hours_per_week: 9.0,
            ..State::default()
        })
        .unwrap();
        let state = read_with("state.ron", &text, 1, WITH_DUMMY).unwrap();
        assert_eq!(state.hours_per_week, 9.0);
    }

    #[test]
    fn an_error_in_an_older_format_is_located_in_its_own_terms() {
        let text = "(format: 0,\n hours: \"many\", done: [])";
        let err = read_with("old.ron", text, 1, WITH_DUMMY).unwrap_err();
        assert!(err.starts_with("old.ron:2:"), "{err}");
    }

    #[test]
    fn format_zero_is_refused_by_this_waymark() {
        let err = state_from_ron("state.ron", "(format: 0)").unwrap_err();
        assert!(
            err.contains("state format 0 is not one this Waymark reads"),
            "{err}"
        );
    }

    #[test]
    fn a_file_without_a_format_number_is_refused() {
        let err = state_from_ron("state.ron", "(hours_per_week: 4.0)").unwrap_err();
        assert!(err.contains("no `format` number"), "{err}");
    }

    #[test]
    fn a_newer_format_is_refused_by_name() {
        let next = STATE_FORMAT + 1;
        let err = state_from_ron("s.ron", &format!("(format: {next}, brand_new: 1)")).unwrap_err();
        assert!(
            err.starts_with("s.ron: written by a newer Waymark"),
            "{err}"
        );
        assert!(err.contains(&format!("state format {next}")), "{err}");
    }

    #[test]
    fn unknown_fields_in_the_current_format_are_tolerated() {
        let state = state_from_ron(
            "s.ron",
            "(format: 1, hours_per_week: 2.0, note_to_self: \"hi\")",
        )
        .unwrap();
        assert_eq!(state.hours_per_week, 2.0);
    }

    #[test]
    fn a_state_written_with_its_struct_name_reads_too() {
        let state = state_from_ron("s.ron", "State(format: 1, hours_per_week: 3.0)").unwrap();
        assert_eq!(state.hours_per_week, 3.0);
    }

    #[test]
    fn bad_ron_is_reported_with_line_and_column() {
        let err = state_from_ron("s.ron", "(format: 1,\n  hours_per_week: ,\n)").unwrap_err();
        assert!(err.starts_with("s.ron:2:"), "{err}");
    }

    #[test]
    fn the_format_number_is_written_first() {
        let text = state_to_ron(&State::default()).unwrap();
        let first_field = text.lines().nth(1).unwrap().trim();
        assert_eq!(first_field, format!("format: {STATE_FORMAT},"));
    }
}
