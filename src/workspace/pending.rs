//! A file read for import before anything is applied: what it holds, what it would change,
//! and what the learner adds to it (their focus, their own estimates); and what a Markdown
//! checklist's update keeps that the file cannot say itself.

use crate::curriculum::update::UpdatePreview;
use crate::curriculum::{Curriculum, markdown};
use crate::progress::State;

/// A file read for import, and what applying it would change. Nothing is applied yet.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub curriculum: Curriculum,
    pub preview: UpdatePreview,
    /// Milestones the Markdown file had checked (`[x]`); empty for RON.
    pub checked: Vec<String>,
    /// The path or name it came from.
    pub origin: String,
    /// How many milestones of the current revision have progress that the update keeps.
    pub progress_kept: usize,
    /// How many milestones with progress the update sets aside.
    pub progress_set_aside: usize,
    /// How many milestones the learner finished would be flagged as changed since then.
    pub finished_changed: usize,
    /// Put the whole curriculum in the learner's focus as it is imported: for one without
    /// focus areas, which is out of a chosen focus until the learner says so. False from
    /// [`Workspace::preview_import`]; the faces set it when the learner asks.
    pub into_focus: bool,
    /// The learner's own estimate for each milestone without one ([`Self::set_hours_each`]).
    pub hours_each: Option<f64>,
}

/// "1 goal", "2 goals".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl PendingImport {
    /// Whether the learner is asked to put it in their focus: a curriculum without focus
    /// areas, not in a focus they have chosen (see [`crate::plan::focus::chosen_focus`]).
    pub fn asks_for_focus(&self, state: &State) -> bool {
        self.curriculum.focus_areas.is_empty()
            && !state.focus.is_empty()
            && !state
                .focus
                .contains(&crate::progress::FocusRef::whole(&self.curriculum.id))
    }

    /// "4 milestones in 1 section, 0 goals, 0 focus areas": what the file holds.
    pub fn count_words(&self) -> String {
        let c = &self.curriculum;
        format!(
            "{} in {}, {}, {}",
            counted(c.milestone_count(), "milestone", "milestones"),
            counted(c.sections.len(), "section", "sections"),
            counted(c.goals.len(), "goal", "goals"),
            counted(c.focus_areas.len(), "focus area", "focus areas"),
        )
    }

    /// What the import is: "A new curriculum.", "An update of revision 1 to revision 2.", or,
    /// for a file edited without a new revision number (a Markdown checklist always has 1),
    /// "A new version of revision 1: the file changed, its revision number did not."
    pub fn kind_words(&self) -> String {
        let p = &self.preview;
        match p.old_revision {
            None => "A new curriculum.".to_owned(),
            Some(old) if old == p.new_revision && p.is_no_op() => {
                format!("The same revision {old} as the copy you have.")
            }
            Some(old) if old == p.new_revision => format!(
                "A new version of revision {old}: the file changed, its revision number did not."
            ),
            Some(old) => format!(
                "An update of revision {old} to revision {}.",
                p.new_revision
            ),
        }
    }

    /// How many of its milestones have no estimate.
    pub fn unestimated(&self) -> usize {
        self.curriculum
            .milestones()
            .filter(|m| m.effort_hours.is_none())
            .count()
    }

    /// Gives every milestone without an estimate the learner's own estimate of `hours` as it
    /// is imported: what the learner is offered when a curriculum has none to date it by.
    /// The estimate is theirs (shown as theirs, never exported as the author's). Refused hours
    /// are those an estimate may not be.
    pub fn set_hours_each(&mut self, hours: f64) -> Result<(), crate::progress::ProfileError> {
        self.hours_each = Some(crate::progress::profile::check_hours(hours)?);
        Ok(())
    }

    /// How much of it the plan can date: "All 4 have estimates, 9.5 h in all.", or which lack
    /// one and what the plan does about them.
    pub fn estimate_words(&self) -> String {
        let (mut with, mut hours, mut total) = (0, 0.0, 0);
        for m in self.curriculum.milestones() {
            total += 1;
            if let Some(h) = m.effort_hours {
                with += 1;
                hours += h;
            }
        }
        let words = crate::plan::hours_words;
        let others = total - with;
        match (with, self.hours_each) {
            _ if with == total && total == 1 => {
                format!("Its one milestone has an estimate, {} h.", words(hours))
            }
            _ if with == total => format!("All {total} have estimates, {} h in all.", words(hours)),
            (0, None) => "None has an estimate, so the plan cannot date them: give each one an estimate, or set your own on each milestone.".to_owned(),
            (0, Some(each)) => format!(
                "None has an estimate in the file: each of the {total} gets yours, {} h ({} h in all).",
                words(each),
                words(each * others as f64)
            ),
            (_, None) => format!(
                "{with} of {total} have estimates ({} h); the plan counts the others at their median.",
                words(hours)
            ),
            (_, Some(each)) => format!(
                "{with} of {total} have estimates ({} h); the other {others} get yours, {} h each.",
                words(hours),
                words(each)
            ),
        }
    }
}

/// What a Markdown checklist's update keeps that the file cannot say itself:
/// - an item whose estimate the learner added or changed ("Learn Python" → "Learn Python
///   (4h)") has a new id, the slug of its title; it is the same item, so it is known as renamed
///   from the old one (its section the same, its title the same without the estimate), and
///   its progress follows it;
/// - an estimate set at an earlier import stays where the new file gives none, or every
///   update would drop it.
pub(super) fn follow_estimate_edits(old: &Curriculum, new: &mut Curriculum) {
    use std::collections::{HashMap, HashSet};
    let new_ids: HashSet<String> = new.milestones().map(|m| m.id.clone()).collect();
    let old_ids: HashSet<&str> = old.milestones().map(|m| m.id.as_str()).collect();
    let key = |section: &str, title: &str| {
        (
            section.to_owned(),
            markdown::title_without_estimate(title).to_lowercase(),
        )
    };
    // The old items the new file no longer names, by section and bare title.
    let mut gone: HashMap<(String, String), &str> = HashMap::new();
    for s in &old.sections {
        for m in s.milestones.iter().filter(|m| !new_ids.contains(&m.id)) {
            gone.insert(key(&s.id, &m.title), m.id.as_str());
        }
    }
    // An old id another item already says it was renamed from is not given twice.
    let claimed: HashSet<String> = new
        .milestones()
        .flat_map(|m| m.renamed_from.iter().cloned())
        .collect();
    gone.retain(|_, id| !claimed.contains(*id));
    let before: HashMap<&str, (Option<f64>, Option<f64>)> = old
        .milestones()
        .map(|m| (m.id.as_str(), (m.effort_hours, m.effort_hours_high)))
        .collect();
    for s in &mut new.sections {
        for m in &mut s.milestones {
            if !old_ids.contains(m.id.as_str())
                && let Some(was) = gone.remove(&key(&s.id, &m.title))
            {
                m.renamed_from.push(was.to_owned());
            }
            if m.effort_hours.is_none() {
                let earlier = std::iter::once(m.id.as_str())
                    .chain(m.renamed_from.iter().map(String::as_str))
                    .find_map(|id| before.get(id));
                if let Some(&(hours, high)) = earlier {
                    m.effort_hours = hours;
                    m.effort_hours_high = high;
                }
            }
        }
    }
}
