//! What Waymark's guide suggests: focus areas that fit the kinds of work a learner likes, what
//! they know already, and which of the curricula's goals to take, in which order. The window's
//! first-run conversation and `waymark onboard` both ask these functions (through
//! [`crate::guide`]), so the two cannot suggest different things.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use crate::curriculum::{Curriculum, Kind, Milestone};
use crate::progress::{AdoptedGoal, FocusRef, GoalSource, MilestoneRef, State};

/// A kind of work a learner may like. The words find matching focus areas: words, not ids, so
/// that a curriculum with other focus areas still gets sensible suggestions, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interest {
    /// What `waymark onboard --likes` takes.
    pub id: &'static str,
    pub label: &'static str,
    pub words: &'static [&'static str],
}

pub const INTERESTS: [Interest; 5] = [
    Interest {
        id: "products",
        label: "Products people use every day",
        words: &[
            "recommend",
            "suggestion",
            "ads",
            "advert",
            "personaliz",
            "ranking",
            "search",
            "vision",
        ],
    },
    Interest {
        id: "research",
        label: "Research",
        words: &[
            "research", "medical", "imaging", "vision", "deep", "nlp", "language",
        ],
    },
    Interest {
        id: "conversations",
        label: "Conversations",
        words: &[
            "conversation",
            "chat",
            "dialog",
            "assistant",
            "nlp",
            "language",
            "llm",
            "speech",
        ],
    },
    Interest {
        id: "infrastructure",
        label: "Infrastructure",
        words: &[
            "mlops",
            "infra",
            "deploy",
            "platform",
            "serving",
            "production",
            "security",
        ],
    },
    Interest {
        id: "data",
        label: "Data",
        words: &[
            "data",
            "analytics",
            "business",
            "pipeline",
            "warehouse",
            "etl",
        ],
    },
];

/// Something a learner may know already. In a curriculum that holds any of `ids`, the answer
/// means exactly those milestones; in one that holds none of them (an imported checklist), it
/// means the skills and frameworks whose titles mention one of `words`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownTopic {
    /// What `waymark onboard --knows` takes.
    pub id: &'static str,
    pub label: &'static str,
    pub ids: &'static [&'static str],
    pub words: &'static [&'static str],
}

pub const KNOWN_TOPICS: [KnownTopic; 12] = [
    KnownTopic {
        id: "python",
        label: "Python",
        ids: &["python-fundamentals"],
        words: &["python"],
    },
    KnownTopic {
        id: "git-shell",
        label: "Git and the shell",
        ids: &["dev-tooling"],
        words: &["git", "shell", "command line"],
    },
    KnownTopic {
        id: "tests",
        label: "Tests, packaging and code review",
        ids: &["software-engineering-ml"],
        words: &["pytest", "unit test", "packaging"],
    },
    KnownTopic {
        id: "sql",
        label: "SQL",
        ids: &["sql"],
        words: &["sql"],
    },
    KnownTopic {
        id: "algorithms",
        label: "Data structures and algorithms",
        ids: &["algorithms-data-structures"],
        words: &["algorithm", "data structure"],
    },
    KnownTopic {
        id: "containers",
        label: "Docker and containers",
        ids: &["containers"],
        words: &["docker", "container"],
    },
    KnownTopic {
        id: "pandas",
        label: "NumPy and pandas",
        ids: &["numpy-pandas-basics", "python-data"],
        words: &["numpy", "pandas"],
    },
    KnownTopic {
        id: "statistics",
        label: "Statistics and probability",
        ids: &[
            "probability",
            "statistics-descriptive",
            "hypothesis-testing",
        ],
        words: &["statistic", "probabilit"],
    },
    KnownTopic {
        id: "math",
        label: "Linear algebra and calculus",
        ids: &["linear-algebra", "calculus-gradients"],
        words: &["linear algebra", "calculus"],
    },
    KnownTopic {
        id: "ml",
        label: "Machine learning basics (scikit-learn)",
        ids: &[
            "ml-problem-framing",
            "baseline-first",
            "linear-regression",
            "logistic-regression",
            "model-evaluation",
            "decision-trees-ensembles",
            "scikit-learn",
        ],
        words: &["machine learning", "scikit"],
    },
    KnownTopic {
        id: "deep-learning",
        label: "Deep learning (PyTorch)",
        ids: &[
            "neural-networks-basics",
            "pytorch",
            "training-deep-networks",
            "cnns",
            "embeddings",
        ],
        words: &["deep learning", "neural network", "pytorch"],
    },
    KnownTopic {
        id: "llm-apis",
        label: "Calling LLM APIs and writing prompts",
        ids: &["llm-apis", "prompting-and-prompt-tests"],
        words: &["llm api", "prompt"],
    },
];

/// The most "already known" milestones offered at once; the rest can be marked later.
const MAX_KNOWN_MATCHES: usize = 40;

/// The most focus areas ticked at first: narrowing down is the point, and a mentor would not
/// start anyone on three areas at once.
pub const MAX_SUGGESTED_AREAS: usize = 2;

/// The answers of `ids` as flags over `all`, or the first id that is none of them.
pub fn flags<T, const N: usize>(
    all: &[T; N],
    id_of: impl Fn(&T) -> &'static str,
    ids: &[String],
) -> Result<[bool; N], String> {
    let mut on = [false; N];
    for id in ids {
        let i = all
            .iter()
            .position(|t| id_of(t) == id.as_str())
            .ok_or_else(|| id.clone())?;
        on[i] = true;
    }
    Ok(on)
}

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

/// A curriculum's goal, as the learner may adopt it.
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

/// Every goal of `curricula`, in order. A goal keeps its own id as the learner's goal's id;
/// when an earlier curriculum has a goal of the same id, it is qualified as
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

/// The goals that fit `focus`, in the order the guide proposes them: each project as soon as
/// what it needs is in place. Indices into `offers`.
///
/// A goal *needs* another when a milestone that the other names (the first goal, in the
/// curricula's order, to name it) is a prerequisite of its own milestones that it does not
/// name itself. Focus-area goals go first, in the curricula's order, each once every goal it
/// needs is placed; until the next one can go, the next goal of every focus (a core goal) that
/// it needs, or that the curriculum lists before it, is placed. What is left then follows in
/// the curricula's order. So a learner meets the first project of their area in weeks, and the
/// foundations each deeper project needs come just before it.
pub fn path_order(
    curricula: &[&Curriculum],
    offers: &[GoalOffer],
    focus: &[FocusRef],
) -> Vec<usize> {
    let fitting: Vec<usize> = (0..offers.len())
        .filter(|&i| offers[i].fits(focus))
        .collect();
    let by_id: HashMap<(&str, &str), &Milestone> = curricula
        .iter()
        .flat_map(|c| {
            c.milestones()
                .map(move |m| ((c.id.as_str(), m.id.as_str()), m))
        })
        .collect();
    // The first fitting goal naming each milestone.
    let mut named: HashMap<&MilestoneRef, usize> = HashMap::new();
    for &g in &fitting {
        for m in &offers[g].milestones {
            named.entry(m).or_insert(g);
        }
    }
    let needs: HashMap<usize, Vec<usize>> = fitting
        .iter()
        .map(|&g| {
            let own: HashSet<&MilestoneRef> = offers[g].milestones.iter().collect();
            let mut needed = Vec::new();
            for m in prerequisites(&by_id, &offers[g].milestones) {
                if own.contains(&m) {
                    continue;
                }
                if let Some(&a) = named.get(&m)
                    && a != g
                    && !needed.contains(&a)
                {
                    needed.push(a);
                }
            }
            (g, needed)
        })
        .collect();
    let transitive = |g: usize| {
        let mut all: HashSet<usize> = HashSet::new();
        let mut todo = vec![g];
        while let Some(x) = todo.pop() {
            for &a in needs.get(&x).into_iter().flatten() {
                if all.insert(a) {
                    todo.push(a);
                }
            }
        }
        all
    };
    let mut placed: HashSet<usize> = HashSet::new();
    let mut order = Vec::with_capacity(fitting.len());
    // Places `g` after every goal it needs (each of those first, in the curricula's order).
    fn place(
        g: usize,
        needs: &HashMap<usize, Vec<usize>>,
        placed: &mut HashSet<usize>,
        order: &mut Vec<usize>,
        busy: &mut Vec<usize>,
    ) {
        if placed.contains(&g) || busy.contains(&g) {
            return;
        }
        busy.push(g);
        let mut first: Vec<usize> = needs.get(&g).cloned().unwrap_or_default();
        first.sort_unstable();
        for a in first {
            place(a, needs, placed, order, busy);
        }
        busy.retain(|&x| x != g);
        placed.insert(g);
        order.push(g);
    }
    let mut busy = Vec::new();
    while order.len() < fitting.len() {
        let next_focus = fitting
            .iter()
            .copied()
            .find(|&g| !placed.contains(&g) && offers[g].focus.is_some());
        let Some(f) = next_focus else {
            let g = fitting
                .iter()
                .copied()
                .find(|g| !placed.contains(g))
                .unwrap_or_default();
            place(g, &needs, &mut placed, &mut order, &mut busy);
            continue;
        };
        let ready = needs
            .get(&f)
            .is_none_or(|n| n.iter().all(|a| placed.contains(a)));
        if ready {
            place(f, &needs, &mut placed, &mut order, &mut busy);
            continue;
        }
        let wanted = transitive(f);
        let core = fitting.iter().copied().find(|&g| {
            !placed.contains(&g) && offers[g].focus.is_none() && (wanted.contains(&g) || g < f)
        });
        place(
            core.unwrap_or(f),
            &needs,
            &mut placed,
            &mut order,
            &mut busy,
        );
    }
    order
}

/// Every milestone that `milestones` require, directly or not, and themselves.
fn prerequisites(
    by_id: &HashMap<(&str, &str), &Milestone>,
    milestones: &[MilestoneRef],
) -> Vec<MilestoneRef> {
    let mut seen: HashSet<MilestoneRef> = HashSet::new();
    let mut todo: Vec<MilestoneRef> = milestones.to_vec();
    let mut all = Vec::new();
    while let Some(r) = todo.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        if let Some(m) = by_id.get(&(r.curriculum.as_str(), r.milestone.as_str())) {
            todo.extend(
                m.requires
                    .iter()
                    .map(|x| MilestoneRef::new(&r.curriculum, x)),
            );
        }
        all.push(r);
    }
    all
}

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

    fn bundled() -> Vec<Curriculum> {
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

    #[test]
    fn answer_ids_are_slugs_and_unique() {
        let mut seen = HashSet::new();
        for id in INTERESTS
            .iter()
            .map(|i| i.id)
            .chain(KNOWN_TOPICS.iter().map(|t| t.id))
        {
            assert!(crate::curriculum::is_slug(id), "{id}");
            assert!(seen.insert(id), "{id} twice");
        }
    }

    #[test]
    fn every_known_topic_names_milestones_the_bundled_curriculum_holds() {
        let curricula = bundled();
        for topic in KNOWN_TOPICS {
            for id in topic.ids {
                assert!(
                    curricula.iter().any(|c| c.milestone(id).is_some()),
                    "{}: {id}",
                    topic.id
                );
            }
        }
    }

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
