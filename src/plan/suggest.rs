//! The scripted mentor's suggestions, which the first-run conversation shows: focus areas that
//! fit the kinds of work a learner likes, what they may know already, and which of the
//! curricula's goals to start with.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use crate::curriculum::{Curriculum, Kind};
use crate::progress::{AdoptedGoal, FocusRef, GoalSource, MilestoneRef, State};

/// Kinds of work, each with the words that find matching focus areas. Words, not ids, so that a
/// curriculum with different focus areas still gets sensible suggestions, or none.
pub const INTERESTS: [(&str, &[&str]); 5] = [
    (
        "Products people use every day",
        &[
            "recommend",
            "suggestion",
            "ads",
            "advert",
            "personaliz",
            "ranking",
            "search",
            "vision",
        ],
    ),
    (
        "Research",
        &[
            "research", "medical", "imaging", "vision", "deep", "nlp", "language",
        ],
    ),
    (
        "Conversations",
        &[
            "conversation",
            "chat",
            "dialog",
            "assistant",
            "nlp",
            "language",
            "llm",
            "speech",
        ],
    ),
    (
        "Infrastructure",
        &[
            "mlops",
            "infra",
            "deploy",
            "platform",
            "serving",
            "production",
            "security",
        ],
    ),
    (
        "Data",
        &[
            "data",
            "analytics",
            "business",
            "pipeline",
            "warehouse",
            "etl",
        ],
    ),
];

/// What the learner may know already, with the words that find those milestones.
pub const KNOWN_TOPICS: [(&str, &[&str]); 6] = [
    ("Python", &["python"]),
    ("Statistics and probability", &["statistic", "probabilit"]),
    (
        "Linear algebra and calculus",
        &["linear algebra", "calculus"],
    ),
    ("Machine learning basics", &["machine learning", "scikit"]),
    (
        "Deep learning",
        &["deep learning", "neural network", "pytorch"],
    ),
    ("SQL and data wrangling", &["sql", "pandas", "wrangling"]),
];

/// The most "already known" milestones offered at once; the rest can be marked later.
const MAX_KNOWN_MATCHES: usize = 24;

/// The most focus areas ticked at first: narrowing down is the point, and a mentor would not
/// start anyone on three areas at once.
pub const MAX_SUGGESTED_AREAS: usize = 2;

/// A focus area, and how well it fits what the learner said.
#[derive(Clone, Debug, PartialEq)]
pub struct FocusSuggestion {
    pub focus: FocusRef,
    pub title: String,
    pub summary: String,
    pub curriculum_title: String,
    /// Which of the learner's interests suggested it.
    pub because: Vec<&'static str>,
    /// How many of the learner's words it matched.
    pub score: usize,
    /// Ticked at first: among the closest matches, at most [`MAX_SUGGESTED_AREAS`].
    pub suggested: bool,
}

/// Every focus area of `curricula`, the closest to the learner's `interests` (one flag per
/// [`INTERESTS`] entry) first; ties keep the curricula's order.
pub fn suggest_focus<'c>(
    curricula: impl IntoIterator<Item = &'c Curriculum>,
    interests: &[bool],
) -> Vec<FocusSuggestion> {
    let chosen: Vec<(&'static str, &[&str])> = INTERESTS
        .iter()
        .zip(interests)
        .filter(|(_, on)| **on)
        .map(|((label, words), _)| (*label, *words))
        .collect();
    let mut all = Vec::new();
    for c in curricula {
        for f in &c.focus_areas {
            let haystack = format!("{} {} {}", f.id, f.title, f.summary).to_lowercase();
            let mut because = Vec::new();
            let mut score = 0;
            for (label, words) in &chosen {
                let hits = words.iter().filter(|w| mentions(&haystack, w)).count();
                if hits > 0 {
                    because.push(*label);
                    score += hits;
                }
            }
            all.push(FocusSuggestion {
                focus: FocusRef {
                    curriculum: c.id.clone(),
                    focus: f.id.clone(),
                },
                title: f.title.clone(),
                summary: f.summary.clone(),
                curriculum_title: c.title.clone(),
                because,
                score,
                suggested: false,
            });
        }
    }
    all.sort_by_key(|s| std::cmp::Reverse(s.score));
    let top = all.first().map_or(0, |s| s.score);
    for s in all.iter_mut().take(MAX_SUGGESTED_AREAS) {
        // Only the clearly closest: half the best score at least.
        s.suggested = s.score > 0 && s.score * 2 >= top;
    }
    all
}

/// A mentor goal of a curriculum, as the learner may adopt it.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalOffer {
    pub curriculum: String,
    /// The goal's id in its curriculum.
    pub goal: String,
    /// The id the learner's goal gets (see [`goal_offers`]).
    pub id: String,
    pub title: String,
    pub focus: Option<String>,
    pub mentor_note: String,
    pub milestones: Vec<MilestoneRef>,
    pub suggested_weeks: Option<u32>,
}

impl GoalOffer {
    /// The learner's goal, adopted `now` with `target`.
    pub fn adopt(&self, target: NaiveDate, now: DateTime<Utc>) -> AdoptedGoal {
        AdoptedGoal {
            id: self.id.clone(),
            title: self.title.clone(),
            source: Some(GoalSource {
                curriculum: self.curriculum.clone(),
                goal: self.goal.clone(),
            }),
            mentor_note: self.mentor_note.clone(),
            milestones: self.milestones.clone(),
            target,
            adopted_at: now,
        }
    }

    /// Whether the goal fits a focus: a goal with no focus area fits everyone.
    pub fn fits(&self, focus: &[FocusRef]) -> bool {
        match &self.focus {
            None => true,
            Some(f) => focus
                .iter()
                .any(|c| c.curriculum == self.curriculum && &c.focus == f),
        }
    }
}

/// Every mentor goal of `curricula`, in order. A goal keeps its own id as the learner's goal's
/// id; when an earlier curriculum has a goal of the same id, it is qualified as
/// `curriculum-goal`, so that the learner's goal ids stay unique.
pub fn goal_offers<'c>(curricula: impl IntoIterator<Item = &'c Curriculum>) -> Vec<GoalOffer> {
    let mut ids = HashSet::new();
    let mut offers = Vec::new();
    for c in curricula {
        for g in &c.goals {
            let id = if ids.insert(g.id.clone()) {
                g.id.clone()
            } else {
                format!("{}-{}", c.id, g.id)
            };
            offers.push(GoalOffer {
                curriculum: c.id.clone(),
                goal: g.id.clone(),
                id,
                title: g.title.clone(),
                focus: g.focus.clone(),
                mentor_note: g.mentor_note.clone(),
                milestones: g
                    .milestones
                    .iter()
                    .map(|m| MilestoneRef::new(&c.id, m))
                    .collect(),
                suggested_weeks: g.suggested_weeks,
            });
        }
    }
    offers
}

/// The goals a mentor suggests first among `offers` for `focus`: the first goal of each focus
/// area chosen, and the first goal of each curriculum that has no focus area, not all of them.
pub fn first_goals(offers: &[GoalOffer], focus: &[FocusRef]) -> Vec<usize> {
    let mut seen = HashSet::new();
    offers
        .iter()
        .enumerate()
        .filter(|(_, g)| g.fits(focus))
        .filter(|(_, g)| seen.insert((g.curriculum.clone(), g.focus.clone())))
        .map(|(i, _)| i)
        .collect()
}

/// A milestone the learner may already know.
#[derive(Clone, Debug, PartialEq)]
pub struct Known {
    pub milestone: MilestoneRef,
    /// "Python for data work — AI Engineer".
    pub title: String,
}

/// Skills and frameworks whose titles mention the topics the learner said they know (one flag
/// per [`KNOWN_TOPICS`] entry) and that are not finished yet; projects are never assumed.
pub fn known_milestones<'c>(
    curricula: impl IntoIterator<Item = &'c Curriculum>,
    state: &State,
    topics: &[bool],
) -> Vec<Known> {
    let words: Vec<&str> = KNOWN_TOPICS
        .iter()
        .zip(topics)
        .filter(|(_, on)| **on)
        .flat_map(|((_, words), _)| words.iter().copied())
        .collect();
    let mut known = Vec::new();
    if words.is_empty() {
        return known;
    }
    for c in curricula {
        for m in c.milestones() {
            if m.kind == Kind::Project {
                continue;
            }
            let title = m.title.to_lowercase();
            let r = MilestoneRef::new(&c.id, &m.id);
            if words.iter().any(|w| mentions(&title, w)) && !state.status(&r).is_finished() {
                known.push(Known {
                    milestone: r,
                    title: format!("{} — {}", m.title, c.title),
                });
                if known.len() == MAX_KNOWN_MATCHES {
                    return known;
                }
            }
        }
    }
    known
}

/// Whether `text` has a word starting with `keyword` ("ads" finds "ads" and "adsense", not
/// "loads"); a keyword with a space is looked up as a phrase.
fn mentions(text: &str, keyword: &str) -> bool {
    if keyword.contains(' ') {
        return text.contains(keyword);
    }
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| word.starts_with(keyword))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_match_word_starts_not_the_middle_of_words() {
        assert!(mentions("ads and ranking", "ads"));
        assert!(mentions("personalized feeds", "personaliz"));
        assert!(!mentions("loads of data", "ads"));
        assert!(mentions("intro to linear algebra", "linear algebra"));
    }

    #[test]
    fn at_most_two_areas_are_suggested_for_the_bundled_curriculum() {
        let curricula: Vec<Curriculum> = crate::bundled::curricula()
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        for (i, _) in INTERESTS.iter().enumerate() {
            let mut interests = [false; INTERESTS.len()];
            interests[i] = true;
            let all = suggest_focus(&curricula, &interests);
            let ticked = all.iter().filter(|s| s.suggested).count();
            assert!((1..=MAX_SUGGESTED_AREAS).contains(&ticked), "{i}: {ticked}");
        }
        let everything = suggest_focus(&curricula, &[true; INTERESTS.len()]);
        assert!(everything.iter().filter(|s| s.suggested).count() <= MAX_SUGGESTED_AREAS);
    }
}
