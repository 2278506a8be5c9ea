//! One test per rule of the contract: a curriculum that keeps it and one that breaks it.

use super::*;
use crate::curriculum::{FocusArea, Goal, Kind, Resource, Section};

fn milestone(id: &str, requires: &[&str]) -> Milestone {
    Milestone {
        id: id.to_owned(),
        title: format!("Title of {id}"),
        kind: Kind::Skill,
        effort_hours: Some(10.0),
        effort_hours_high: None,
        focus: Vec::new(),
        requires: requires.iter().map(|s| (*s).to_owned()).collect(),
        summary: String::new(),
        mentor_tip: String::new(),
        resources: vec![Resource {
            title: "Docs".to_owned(),
            url: "https://example.org/docs".to_owned(),
        }],
        renamed_from: Vec::new(),
        split_from: Vec::new(),
    }
}

fn valid() -> Curriculum {
    Curriculum {
        id: "core".to_owned(),
        revision: 1,
        title: "Core".to_owned(),
        summary: String::new(),
        authors: Vec::new(),
        license: String::new(),
        revision_note: String::new(),
        focus_areas: vec![FocusArea {
            id: "nlp".to_owned(),
            title: "NLP".to_owned(),
            summary: String::new(),
        }],
        sections: vec![
            Section {
                id: "basics".to_owned(),
                title: "Basics".to_owned(),
                milestones: vec![milestone("python", &[]), milestone("stats", &["python"])],
            },
            Section {
                id: "models".to_owned(),
                title: "Models".to_owned(),
                milestones: vec![milestone("rag", &["python", "stats"])],
            },
        ],
        goals: vec![Goal {
            id: "ship".to_owned(),
            title: "Ship it".to_owned(),
            focus: Some("nlp".to_owned()),
            mentor_note: String::new(),
            milestones: vec!["rag".to_owned()],
            suggested_weeks: Some(4),
        }],
    }
}

fn messages(c: &Curriculum) -> Vec<String> {
    check("t.ron", c, None)
        .into_iter()
        .map(|d| d.to_string())
        .collect()
}

fn ms(c: &mut Curriculum, n: usize) -> &mut Milestone {
    let mut left = n;
    for s in &mut c.sections {
        if left < s.milestones.len() {
            return &mut s.milestones[left];
        }
        left -= s.milestones.len();
    }
    panic!("no milestone {n}");
}

#[test]
fn a_valid_curriculum_has_no_diagnostics() {
    assert_eq!(messages(&valid()), Vec::<String>::new());
}

#[test]
fn every_kind_of_id_must_be_a_slug() {
    let mut c = valid();
    c.id = "Core".to_owned();
    c.focus_areas[0].id = "-nlp".to_owned();
    c.sections[0].id = "basics_1".to_owned();
    ms(&mut c, 0).id = String::new();
    c.goals[0].id = "a".repeat(65);
    let out = messages(&c);
    for what in [
        "curriculum id \"Core\"",
        "focus area id \"-nlp\"",
        "section id \"basics_1\"",
        "milestone id \"\"",
        "goal id \"aaaa",
    ] {
        assert!(
            out.iter()
                .any(|m| m.contains(what) && m.contains("is not valid")),
            "{what} not reported in {out:#?}"
        );
    }
}

#[test]
fn milestone_ids_are_unique_across_sections() {
    let mut c = valid();
    ms(&mut c, 2).id = "python".to_owned();
    let out = messages(&c);
    assert!(
        out.contains(&"t.ron: milestone id \"python\" is used more than once".to_owned()),
        "{out:#?}"
    );
}

#[test]
fn section_focus_area_and_goal_ids_are_unique() {
    let mut c = valid();
    c.sections[1].id = "basics".to_owned();
    c.focus_areas.push(c.focus_areas[0].clone());
    c.goals.push(c.goals[0].clone());
    let out = messages(&c);
    for what in [
        "section id \"basics\"",
        "focus area id \"nlp\"",
        "goal id \"ship\"",
    ] {
        assert!(
            out.iter()
                .any(|m| m.contains(what) && m.contains("more than once")),
            "{what}: {out:#?}"
        );
    }
}

#[test]
fn the_same_id_may_name_a_section_and_a_milestone() {
    let mut c = valid();
    c.sections[0].id = "python".to_owned();
    c.goals[0].id = "python".to_owned();
    assert_eq!(messages(&c), Vec::<String>::new());
}

#[test]
fn requires_must_name_a_milestone_of_the_curriculum() {
    let mut c = valid();
    ms(&mut c, 2).requires.push("embedings".to_owned());
    assert_eq!(
        messages(&c),
        ["t.ron: milestone \"rag\" requires unknown milestone \"embedings\""]
    );
}

#[test]
fn a_milestone_focus_must_be_a_defined_focus_area() {
    let mut c = valid();
    ms(&mut c, 0).focus = vec!["nlp".to_owned(), "vision".to_owned()];
    assert_eq!(
        messages(&c),
        ["t.ron: milestone \"python\" has unknown focus area \"vision\""]
    );
}

#[test]
fn a_goal_names_defined_milestones_and_focus() {
    let mut c = valid();
    c.goals[0].focus = Some("vision".to_owned());
    c.goals[0].milestones.push("nope".to_owned());
    assert_eq!(
        messages(&c),
        [
            "t.ron: goal \"ship\" has unknown focus area \"vision\"",
            "t.ron: goal \"ship\" lists unknown milestone \"nope\"",
        ]
    );
}

#[test]
fn a_goal_without_focus_is_valid() {
    let mut c = valid();
    c.goals[0].focus = None;
    c.goals[0].suggested_weeks = None;
    assert_eq!(messages(&c), Vec::<String>::new());
}

#[test]
fn a_renamed_from_id_must_not_be_a_live_milestone() {
    let mut c = valid();
    ms(&mut c, 2).renamed_from = vec!["retrieval".to_owned(), "python".to_owned()];
    let out = messages(&c);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert!(
        out[0].contains("milestone \"rag\" lists \"python\" in renamed_from"),
        "{out:#?}"
    );
}

#[test]
fn a_renamed_from_id_stands_in_only_one_list() {
    let mut c = valid();
    ms(&mut c, 1).renamed_from = vec!["old".to_owned()];
    ms(&mut c, 2).renamed_from = vec!["old".to_owned(), "old".to_owned()];
    let out = messages(&c);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert!(
        out[0].contains(
            "\"old\" is in the renamed_from of both milestone \"stats\" and milestone \"rag\""
        ),
        "{out:#?}"
    );
}

#[test]
fn renamed_from_ids_are_slugs() {
    let mut c = valid();
    ms(&mut c, 0).renamed_from = vec!["Old Python".to_owned()];
    let out = messages(&c);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert!(out[0].contains("\"Old Python\" in renamed_from, which is not a valid id"));
}

#[test]
fn a_cycle_is_named_from_its_first_milestone() {
    let mut c = valid();
    ms(&mut c, 0).requires = vec!["rag".to_owned()];
    assert_eq!(
        messages(&c),
        ["t.ron: requires forms a cycle: python -> rag -> python"]
    );
}

#[test]
fn a_milestone_requiring_itself_is_a_cycle() {
    let mut c = valid();
    ms(&mut c, 1).requires.push("stats".to_owned());
    assert_eq!(
        messages(&c),
        ["t.ron: requires forms a cycle: stats -> stats"]
    );
}

#[test]
fn separate_cycles_are_each_reported_once() {
    let mut c = valid();
    ms(&mut c, 0).requires = vec!["stats".to_owned()];
    // stats <-> python is one cycle; rag -> rag another; rag also leads into the first.
    ms(&mut c, 2).requires.push("rag".to_owned());
    let out = messages(&c);
    assert_eq!(
        out,
        [
            "t.ron: requires forms a cycle: python -> stats -> python",
            "t.ron: requires forms a cycle: rag -> rag",
        ]
    );
}

#[test]
fn titles_are_non_empty_and_at_most_200_characters() {
    let mut c = valid();
    c.title = " ".to_owned();
    c.focus_areas[0].title = "é".repeat(200); // 200 characters, 400 bytes: allowed
    c.sections[0].title = String::new();
    ms(&mut c, 0).title = "x".repeat(201);
    c.goals[0].title = String::new();
    ms(&mut c, 1).resources[0].title = String::new();
    let out = messages(&c);
    assert_eq!(
        out,
        [
            "t.ron: curriculum \"core\" has an empty title",
            "t.ron: section \"basics\" has an empty title",
            "t.ron: milestone \"python\" has a title of 201 characters; at most 200 are allowed",
            "t.ron: a resource of milestone \"stats\" has an empty title",
            "t.ron: goal \"ship\" has an empty title",
        ]
    );
}

#[test]
fn effort_hours_are_between_0_and_10000_and_finite() {
    for ok in [0.0, 1.5, 10_000.0] {
        let mut c = valid();
        ms(&mut c, 0).effort_hours = Some(ok);
        assert_eq!(messages(&c), Vec::<String>::new(), "{ok}");
    }
    for bad in [-1.0, 10_000.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut c = valid();
        ms(&mut c, 0).effort_hours = Some(bad);
        let out = messages(&c);
        assert_eq!(out.len(), 1, "{bad}: {out:#?}");
        assert!(
            out[0].contains("milestone \"python\" has effort_hours"),
            "{out:#?}"
        );
    }
}

#[test]
fn effort_hours_high_is_optional_needs_effort_hours_and_is_at_least_as_large() {
    for (likely, high) in [
        (Some(10.0), None),
        (Some(10.0), Some(10.0)),
        (Some(10.0), Some(25.5)),
    ] {
        let mut c = valid();
        ms(&mut c, 0).effort_hours = likely;
        ms(&mut c, 0).effort_hours_high = high;
        assert_eq!(messages(&c), Vec::<String>::new(), "{likely:?} {high:?}");
    }
    let cases = [
        (None, 12.0, "it needs effort_hours"),
        (Some(10.0), 9.5, "it must be at least effort_hours (10)"),
        (Some(10.0), 10_001.0, "from 0 to 10000"),
        (Some(10.0), f64::NAN, "from 0 to 10000"),
    ];
    for (likely, high, says) in cases {
        let mut c = valid();
        ms(&mut c, 0).effort_hours = likely;
        ms(&mut c, 0).effort_hours_high = Some(high);
        let out = messages(&c);
        assert_eq!(out.len(), 1, "{likely:?} {high}: {out:#?}");
        assert!(
            out[0].contains("milestone \"python\" has effort_hours_high") && out[0].contains(says),
            "{out:#?}"
        );
    }
}

#[test]
fn urls_are_http_or_https_only() {
    for ok in [
        "http://example.org",
        "HTTPS://Example.org/a?b#c",
        "https://x",
    ] {
        let mut c = valid();
        ms(&mut c, 0).resources[0].url = ok.to_owned();
        assert_eq!(messages(&c), Vec::<String>::new(), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        "JavaScript://x/%0aalert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "ftp://example.org",
        "//example.org",
        "https:/example.org",
        "https://",
        "https:///path",
        "https://exa mple.org",
        " https://example.org",
        "",
    ] {
        let mut c = valid();
        ms(&mut c, 0).resources[0].url = bad.to_owned();
        let out = messages(&c);
        assert_eq!(out.len(), 1, "{bad:?}: {out:#?}");
        assert!(
            out[0].contains("only http and https URLs are allowed"),
            "{out:#?}"
        );
    }
}

#[test]
fn more_than_100000_milestones_are_refused() {
    let mut c = valid();
    c.sections[0].milestones = (0..=MAX_MILESTONES)
        .map(|i| milestone(&format!("m{i}"), &[]))
        .collect();
    c.sections.truncate(1);
    c.goals.clear();
    let out = messages(&c);
    assert_eq!(
        out,
        ["t.ron: the curriculum has 100001 milestones; at most 100000 are allowed"]
    );
}

#[test]
fn one_run_reports_every_broken_rule() {
    let mut c = valid();
    c.id = "Bad".to_owned();
    ms(&mut c, 0).requires = vec!["missing".to_owned()];
    ms(&mut c, 1).effort_hours = Some(-2.0);
    ms(&mut c, 2).resources[0].url = "file:///x".to_owned();
    c.goals[0].milestones = vec!["gone".to_owned()];
    assert_eq!(messages(&c).len(), 5);
}

#[test]
fn a_long_chain_of_requires_is_checked_without_recursion() {
    let n = 100_000;
    let mut c = valid();
    c.sections.truncate(1);
    c.goals.clear();
    c.sections[0].milestones = (0..n)
        .map(|i| {
            let prev = format!("m{}", i.max(1) - 1);
            let requires: &[&str] = if i == 0 { &[] } else { &[prev.as_str()] };
            milestone(&format!("m{i}"), requires)
        })
        .collect();
    assert_eq!(messages(&c), Vec::<String>::new());

    // Closing the chain makes one cycle of every milestone.
    c.sections[0].milestones[0].requires = vec![format!("m{}", n - 1)];
    let out = messages(&c);
    assert_eq!(out.len(), 1);
    assert!(out[0].starts_with("t.ron: requires forms a cycle: m0 -> m99999 -> m99998"));
    assert!(out[0].ends_with("m1 -> m0"));
}

#[test]
fn places_come_from_the_source_when_it_matches() {
    let source = r#"Curriculum(
    format: 1, id: "core", revision: 1, title: "Core",
    sections: [
        Section(id: "s", title: "S", milestones: [
            Milestone(id: "a", title: "A"),
            Milestone(id: "rag", title: "RAG",
                requires: ["a", "embedings"]),
        ]),
    ],
)"#;
    let c = Curriculum {
        id: "core".to_owned(),
        revision: 1,
        title: "Core".to_owned(),
        summary: String::new(),
        authors: Vec::new(),
        license: String::new(),
        revision_note: String::new(),
        focus_areas: Vec::new(),
        sections: vec![Section {
            id: "s".to_owned(),
            title: "S".to_owned(),
            milestones: vec![
                Milestone {
                    resources: Vec::new(),
                    effort_hours: None,
                    effort_hours_high: None,
                    title: "A".to_owned(),
                    ..milestone("a", &[])
                },
                Milestone {
                    resources: Vec::new(),
                    effort_hours: None,
                    effort_hours_high: None,
                    title: "RAG".to_owned(),
                    ..milestone("rag", &["a", "embedings"])
                },
            ],
        }],
        goals: Vec::new(),
    };
    let out: Vec<String> = check("intro.ron", &c, Some(source))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        out,
        ["intro.ron:7:33: milestone \"rag\" requires unknown milestone \"embedings\""]
    );

    // A source of another shape (here: Markdown) gives no places, but the same message.
    let out: Vec<String> = check("intro.md", &c, Some("# Core\n- [ ] A\n"))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        out,
        ["intro.md: milestone \"rag\" requires unknown milestone \"embedings\""]
    );
}
