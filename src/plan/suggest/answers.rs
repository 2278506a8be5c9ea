//! The guide's questions and the answers it offers: the kinds of work a learner may like and
//! the topics they may know already.

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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::plan::suggest::tests::bundled;

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
}
