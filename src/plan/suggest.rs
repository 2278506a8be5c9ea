//! What Waymark's guide suggests: focus areas that fit the kinds of work a learner likes, what
//! they know already, and which of the curricula's goals to take, in which order. The window's
//! first-run conversation and `waymark onboard` both ask these functions (through
//! [`crate::guide`]), so the two cannot suggest different things.

mod answers;
mod areas;
mod goals;
mod known;
mod path;

pub use answers::{INTERESTS, Interest, KNOWN_TOPICS, KnownTopic, flags};
pub use areas::{FocusSuggestion, MAX_SUGGESTED_AREAS, suggest_focus};
pub use goals::{GoalOffer, goal_offers};
pub use known::{Held, Known, KnownFind, known_milestones};
pub use path::path_order;

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
    use crate::curriculum::Curriculum;

    pub(super) fn bundled() -> Vec<Curriculum> {
        crate::bundled::curricula()
            .into_iter()
            .filter_map(Result::ok)
            .collect()
    }

    #[test]
    fn keywords_match_word_starts_not_the_middle_of_words() {
        assert!(mentions("ads and ranking", "ads"));
        assert!(mentions("personalized feeds", "personaliz"));
        assert!(!mentions("loads of data", "ads"));
        assert!(mentions("intro to linear algebra", "linear algebra"));
    }
}
