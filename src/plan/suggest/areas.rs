//! Focus areas that fit the kinds of work a learner likes.

use crate::curriculum::Curriculum;
use crate::progress::FocusRef;

use super::answers::{INTERESTS, Interest};
use super::mentions;

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
    /// Which of the learner's interests suggested it, by label.
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
    let chosen: Vec<&Interest> = INTERESTS
        .iter()
        .zip(interests)
        .filter(|(_, on)| **on)
        .map(|(interest, _)| interest)
        .collect();
    let mut all = Vec::new();
    for c in curricula {
        for f in &c.focus_areas {
            let haystack = format!("{} {} {}", f.id, f.title, f.summary).to_lowercase();
            let mut because = Vec::new();
            let mut score = 0;
            for interest in &chosen {
                let hits = interest
                    .words
                    .iter()
                    .filter(|w| mentions(&haystack, w))
                    .count();
                if hits > 0 {
                    because.push(interest.label);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::suggest::tests::bundled;

    #[test]
    fn at_most_two_areas_are_suggested_for_the_bundled_curriculum() {
        let curricula = bundled();
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
