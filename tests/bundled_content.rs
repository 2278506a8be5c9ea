//! The curriculum Waymark ships with keeps the promises the README makes about it.

use std::collections::{HashMap, HashSet};

use waymark::bundled;
use waymark::curriculum::{Curriculum, Kind, Milestone, format};

const SHIPPED_ID: &str = "ai-engineer";

/// Every bundled curriculum, each required to parse and validate.
fn bundled_curricula() -> Vec<Curriculum> {
    bundled::curricula()
        .into_iter()
        .zip(bundled::FILES)
        .map(|(parsed, (name, _))| match parsed {
            Ok(curriculum) => curriculum,
            Err(invalid) => panic!("bundled curriculum {name} is invalid:\n{invalid}"),
        })
        .collect()
}

fn shipped() -> Curriculum {
    bundled_curricula()
        .into_iter()
        .find(|c| c.id == SHIPPED_ID)
        .unwrap_or_else(|| panic!("no bundled curriculum with id {SHIPPED_ID:?}"))
}

fn index(c: &Curriculum) -> HashMap<&str, &Milestone> {
    c.milestones().map(|m| (m.id.as_str(), m)).collect()
}

/// Ids of `start` and everything it requires, directly or not.
fn with_prerequisites<'a>(
    start: impl IntoIterator<Item = &'a str>,
    by_id: &HashMap<&'a str, &'a Milestone>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    let mut todo: Vec<&str> = start.into_iter().collect();
    while let Some(id) = todo.pop() {
        if seen.insert(id) {
            let m = by_id[id];
            todo.extend(m.requires.iter().map(String::as_str));
        }
    }
    seen
}

fn hours<'a>(ms: impl IntoIterator<Item = &'a Milestone>) -> f64 {
    ms.into_iter().filter_map(|m| m.effort_hours).sum()
}

#[test]
fn every_bundled_curriculum_parses_and_validates() {
    let all = bundled_curricula();
    assert!(!all.is_empty(), "no curriculum is bundled");
    assert_eq!(all.len(), bundled::FILES.len());
    assert!(all.iter().any(|c| c.id == SHIPPED_ID));
}

#[test]
fn the_shipped_curriculum_is_big_enough_to_plan_a_career() {
    let c = shipped();
    assert!(
        c.milestone_count() >= 120,
        "only {} milestones",
        c.milestone_count()
    );
    assert!(
        c.focus_areas.len() >= 7,
        "only {} focus areas",
        c.focus_areas.len()
    );
    assert!(c.goals.len() >= 20, "only {} goals", c.goals.len());
}

#[test]
fn every_focus_area_has_its_own_projects_and_mentor_goals() {
    let c = shipped();
    for area in &c.focus_areas {
        let projects = c
            .milestones()
            .filter(|m| m.kind == Kind::Project && m.focus.contains(&area.id))
            .count();
        let goals = c
            .goals
            .iter()
            .filter(|g| g.focus.as_deref() == Some(area.id.as_str()))
            .count();
        assert!(
            projects >= 2,
            "focus area {} has {projects} projects",
            area.id
        );
        assert!(goals >= 3, "focus area {} has {goals} goals", area.id);
    }
}

#[test]
fn focus_projects_build_on_the_core_path() {
    let c = shipped();
    let by_id = index(&c);
    for project in c
        .milestones()
        .filter(|m| m.kind == Kind::Project && !m.focus.is_empty())
    {
        let before = with_prerequisites([project.id.as_str()], &by_id);
        assert!(
            before.iter().any(|id| by_id[id].focus.is_empty()),
            "project {} requires no core milestone",
            project.id
        );
    }
}

#[test]
fn every_milestone_is_estimated_explained_and_sourced() {
    let c = shipped();
    for m in c.milestones() {
        assert!(m.effort_hours.is_some(), "{} has no effort_hours", m.id);
        assert!(!m.summary.trim().is_empty(), "{} has no summary", m.id);
        assert!(!m.resources.is_empty(), "{} has no resource", m.id);
        for r in &m.resources {
            assert!(
                r.url.starts_with("https://"),
                "{}: resource {:?} is not https",
                m.id,
                r.url
            );
        }
    }
}

#[test]
fn most_milestones_carry_a_mentor_tip() {
    let c = shipped();
    let with_tip = c
        .milestones()
        .filter(|m| !m.mentor_tip.trim().is_empty())
        .count();
    let total = c.milestone_count();
    assert!(
        with_tip * 100 >= total * 60,
        "only {with_tip} of {total} milestones have a mentor tip"
    );
}

#[test]
fn every_goal_is_mentor_guided_and_scheduled() {
    let c = shipped();
    for g in &c.goals {
        assert!(
            !g.mentor_note.trim().is_empty(),
            "goal {} has no note",
            g.id
        );
        assert!(
            g.suggested_weeks.is_some_and(|w| w > 0),
            "goal {} has no suggested_weeks",
            g.id
        );
        assert!(!g.milestones.is_empty(), "goal {} lists no milestone", g.id);
    }
}

#[test]
fn effort_adds_up_to_a_plan_a_learner_can_believe() {
    let c = shipped();
    let core = hours(c.milestones().filter(|m| m.focus.is_empty()));
    assert!((600.0..=900.0).contains(&core), "core path is {core} hours");
    for area in &c.focus_areas {
        let own = hours(c.milestones().filter(|m| m.focus.contains(&area.id)));
        assert!(
            (150.0..=350.0).contains(&own),
            "focus area {} is {own} hours",
            area.id
        );
    }
}

#[test]
fn the_content_is_licensed_and_credited() {
    for c in bundled_curricula() {
        assert!(!c.license.trim().is_empty(), "{} has no license", c.id);
        assert!(
            c.authors.iter().any(|a| !a.trim().is_empty()),
            "{} has no author",
            c.id
        );
    }
}

#[test]
fn the_articles_topics_are_all_covered() {
    let c = shipped();
    // What a learner reads: every title and summary in the curriculum.
    let mut texts = vec![c.title.clone(), c.summary.clone()];
    texts.extend(
        c.focus_areas
            .iter()
            .flat_map(|f| [f.title.clone(), f.summary.clone()]),
    );
    texts.extend(c.sections.iter().map(|s| s.title.clone()));
    texts.extend(
        c.milestones()
            .flat_map(|m| [m.title.clone(), m.summary.clone()]),
    );
    texts.extend(c.goals.iter().map(|g| g.title.clone()));
    let all = texts.join("\n");
    let lower = all.to_lowercase();
    // R is one letter: look for it as a word of its own, in its original case.
    assert!(
        all.split(|ch: char| !ch.is_alphanumeric())
            .any(|word| word == "R"),
        "the R language is missing"
    );
    let topics: &[&[&str]] = &[
        &["python"],
        &["java"],
        &["c++"],
        &["linear algebra"],
        &["statistic"],
        &["probability"],
        &["linear regression"],
        &["decision tree"],
        &["rnn", "recurrent"],
        &["gan", "generative adversarial"],
        &["tensorflow"],
        &["pytorch"],
        &["theano"],
        &["recommend"],
        &["ads", "advertising"],
        &["chatbot", "conversational"],
        &["medical imaging"],
        &["data wrangling"],
        &["infrastructure"],
        &["communication"],
        &["critical thinking"],
        &["baseline"],
    ];
    for alternatives in topics {
        assert!(
            alternatives.iter().any(|t| lower.contains(t)),
            "no title or summary mentions {alternatives:?}"
        );
    }
}

#[test]
fn the_shipped_curriculum_survives_export_and_reimport() {
    let c = shipped();
    let written = format::to_ron(&c);
    let again = format::parse("exported.ron", written.as_bytes())
        .unwrap_or_else(|invalid| panic!("the export does not read back:\n{invalid}"));
    assert_eq!(again, c);
}
