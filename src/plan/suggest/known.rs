//! What the topics a learner knows mean in the curricula: the milestones to mark known, and
//! those held back until what they require is known too.

use std::collections::HashSet;

use crate::curriculum::{Curriculum, Kind, Milestone};
use crate::progress::{MilestoneRef, State};

use super::answers::{KNOWN_TOPICS, KnownTopic};
use super::mentions;

/// The most "already known" milestones offered at once; the rest can be marked later.
const MAX_KNOWN_MATCHES: usize = 40;

/// A milestone the learner may already know.
#[derive(Clone, Debug, PartialEq)]
pub struct Known {
    pub milestone: MilestoneRef,
    /// "Python for data work — AI Engineer".
    pub title: String,
}

/// A milestone an answer names that is not marked known, because something it requires is
/// neither finished nor named by an answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    pub known: Known,
    /// The first prerequisite left unknown, and its title.
    pub needs: Known,
}

/// What the learner's answers mark known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KnownFind {
    /// Marked known: each of them only with everything it requires finished or known too.
    pub known: Vec<Known>,
    /// Named by an answer but held back, with what they still need.
    pub held: Vec<Held>,
}

/// What the topics the learner says they know (one flag per [`KNOWN_TOPICS`] entry) mean in
/// `curricula`: their milestones not finished yet, skills and frameworks only (a project is
/// never assumed), each kept only when every milestone it requires is finished or known too
/// (so "NumPy and pandas" alone never marks pandas known while Python stays to do).
pub fn known_milestones<'c>(
    curricula: impl IntoIterator<Item = &'c Curriculum>,
    state: &State,
    topics: &[bool],
) -> KnownFind {
    let chosen: Vec<&KnownTopic> = KNOWN_TOPICS
        .iter()
        .zip(topics)
        .filter(|(_, on)| **on)
        .map(|(t, _)| t)
        .collect();
    let mut find = KnownFind::default();
    if chosen.is_empty() {
        return find;
    }
    for c in curricula {
        let title = |m: &Milestone| format!("{} — {}", m.title, c.title);
        let mut candidates: Vec<&Milestone> = Vec::new();
        for topic in &chosen {
            let by_id: Vec<&Milestone> =
                topic.ids.iter().filter_map(|id| c.milestone(id)).collect();
            let matched: Vec<&Milestone> = if by_id.is_empty() {
                c.milestones()
                    .filter(|m| {
                        let t = m.title.to_lowercase();
                        topic.words.iter().any(|w| mentions(&t, w))
                    })
                    .collect()
            } else {
                by_id
            };
            for m in matched {
                if m.kind != Kind::Project && !candidates.iter().any(|x| x.id == m.id) {
                    candidates.push(m);
                }
            }
        }
        let finished = |id: &str| state.status(&MilestoneRef::new(&c.id, id)).is_finished();
        candidates.retain(|m| !finished(&m.id));
        // Drop, until none is left to drop, each whose prerequisite is neither finished nor a
        // candidate still.
        loop {
            let ids: HashSet<&str> = candidates.iter().map(|m| m.id.as_str()).collect();
            let blocked = candidates.iter().position(|m| {
                m.requires
                    .iter()
                    .any(|r| !finished(r) && !ids.contains(r.as_str()))
            });
            let Some(i) = blocked else { break };
            let m = candidates.remove(i);
            let needs = m
                .requires
                .iter()
                .find(|r| !finished(r) && !ids.contains(r.as_str()))
                .and_then(|r| c.milestone(r));
            if let Some(needs) = needs {
                find.held.push(Held {
                    known: Known {
                        milestone: MilestoneRef::new(&c.id, &m.id),
                        title: title(m),
                    },
                    needs: Known {
                        milestone: MilestoneRef::new(&c.id, &needs.id),
                        title: title(needs),
                    },
                });
            }
        }
        // In document order, as the curricula list them.
        for m in c.milestones() {
            if candidates.iter().any(|x| x.id == m.id) && find.known.len() < MAX_KNOWN_MATCHES {
                find.known.push(Known {
                    milestone: MilestoneRef::new(&c.id, &m.id),
                    title: title(m),
                });
            }
        }
    }
    find
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::suggest::tests::bundled;

    #[test]
    fn an_answer_never_marks_known_what_needs_something_still_unknown() {
        let curricula = bundled();
        let state = State::default();
        let only = |id: &str| {
            let mut on = [false; KNOWN_TOPICS.len()];
            on[KNOWN_TOPICS.iter().position(|t| t.id == id).unwrap_or(0)] = true;
            on
        };
        // NumPy and pandas alone: both need Python fundamentals, which stays unknown.
        let pandas = known_milestones(&curricula, &state, &only("pandas"));
        assert!(pandas.known.is_empty(), "{:?}", pandas.known);
        assert!(
            pandas
                .held
                .iter()
                .any(|h| h.needs.milestone.milestone == "python-fundamentals"),
            "{:?}",
            pandas.held
        );
        // SQL alone marks SQL, nothing else.
        let sql = known_milestones(&curricula, &state, &only("sql"));
        let ids: Vec<&str> = sql
            .known
            .iter()
            .map(|k| k.milestone.milestone.as_str())
            .collect();
        assert_eq!(ids, ["sql"]);
        // Python and pandas together: all three.
        let mut both = only("python");
        both[KNOWN_TOPICS
            .iter()
            .position(|t| t.id == "pandas")
            .unwrap_or(0)] = true;
        let ids: Vec<String> = known_milestones(&curricula, &state, &both)
            .known
            .into_iter()
            .map(|k| k.milestone.milestone)
            .collect();
        for id in ["python-fundamentals", "numpy-pandas-basics", "python-data"] {
            assert!(ids.iter().any(|x| x == id), "{id}: {ids:?}");
        }
    }
}
