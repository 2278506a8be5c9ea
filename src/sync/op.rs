//! The records a machine appends: one change each, one line of RON each.

use serde::{Deserialize, Serialize};

use super::hlc::{Key, Stamp};
use crate::progress::{
    Activity, AdoptedGoal, Changed, CheckIn, CurriculumSource, FocusRef, MilestoneRef, Review,
    Status, StatusChange,
};

/// One change to the learner's data. Single values are set whole (the last change wins);
/// elements of sets are added or removed by value; hours are amounts to add.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Op {
    Status(MilestoneRef, Status),
    /// The notes' new text, and the version (the key of the record that wrote it) the learner
    /// edited: `None` when the notes were empty.
    Notes(MilestoneRef, String, Option<Key>),
    /// Notes kept from concurrent edits that the learner has resolved, by their keys.
    NotesResolved(MilestoneRef, Vec<Key>),
    /// Resolved notes brought back (the resolution undone), by their keys.
    NotesReopened(MilestoneRef, Vec<Key>),
    Estimate(MilestoneRef, Option<f64>),
    Changed(MilestoneRef, Option<Changed>),
    /// Hours to add (negative: taken back).
    Hours(MilestoneRef, f64),
    /// Hours a data directory from before sync held for a milestone, with the fingerprint of
    /// that file's bytes: the latest such record wins, so a file carried forward twice (by two
    /// machines, or after an older Waymark wrote it again) counts its hours once.
    LegacyHours(MilestoneRef, f64, u64),
    /// A data directory's `state.ron` from before sync was carried forward (its fingerprint).
    Migrated(u64),
    History(MilestoneRef, StatusChange, bool),
    Evidence(MilestoneRef, String, bool),
    Review(MilestoneRef, Review, bool),
    Focus(FocusRef, bool),
    /// A goal adopted or changed (`Some`), or dropped (`None`).
    Goal(String, Option<AdoptedGoal>),
    /// The learner's order of their goals, by id.
    GoalOrder(Vec<String>),
    HoursPerWeek(f64),
    Onboarded(bool),
    MentorName(String),
    MentorContact(String),
    CheckIn(CheckIn, bool),
    /// Something the learner did, for the log: one element of the log, named by its record.
    Activity(Activity),
    /// An entry of the log taken back (undone), by the key of the record that added it.
    ActivityGone(Key),
    /// An entry of a log from before sync, with the entry's own fingerprint and which of the
    /// file's entries of the same moment it is: an entry carried forward twice (by two
    /// machines, or from a file an older Waymark wrote again) is added once.
    LegacyActivity(Activity, u64, u32),
    /// An imported curriculum (`Some`), or its removal (`None`).
    Source(String, Option<CurriculumSource>),
    /// The name of the machine whose records these are.
    Machine(String),
}

/// A line of a machine's file: a stamp and a change. The machine is the file's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub t: Stamp,
    pub op: Op,
}

impl Record {
    /// The record as one line of RON, with its newline.
    pub fn to_line(&self) -> String {
        // Strings with newlines are written with `\n` escapes, so a record is one line.
        let mut line = ron::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }

    /// A line read back; `None` for one that is not a whole record (cut short, or garbled).
    pub fn from_line(line: &str) -> Option<Self> {
        ron::from_str(line.trim_end()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_one_line_and_reads_back() {
        let record = Record {
            t: Stamp {
                ms: 1_700_000_000_000,
                n: 3,
            },
            op: Op::Notes(
                MilestoneRef::new("core", "python"),
                "two\nlines \"quoted\"".into(),
                None,
            ),
        };
        let line = record.to_line();
        assert_eq!(line.matches('\n').count(), 1, "{line}");
        assert!(line.ends_with('\n'));
        assert_eq!(Record::from_line(&line), Some(record));
        assert_eq!(
            Record::from_line(&line[..line.len() / 2]),
            None,
            "cut short"
        );
    }
}
