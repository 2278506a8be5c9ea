//! The portfolio's model and its two writers, on a small curriculum and a hand-made state.

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::progress::State;

const PATH: &str = r#"
Curriculum(
    format: 1,
    id: "tiny",
    revision: 1,
    title: "Tiny path",
    sections: [
        Section(id: "basics", title: "Basics", milestones: [
            Milestone(id: "python", title: "Python", effort_hours: 10),
            Milestone(id: "stats", title: "Statistics", effort_hours: 20, requires: ["python"]),
        ]),
        Section(id: "llms", title: "Working with LLMs", milestones: [
            Milestone(id: "prompts", title: "Prompts and their tests", effort_hours: 6),
            Milestone(id: "classifier", title: "Text classifier", kind: Project, effort_hours: 30,
                      requires: ["stats", "prompts"],
                      summary: "Label 50 emails and classify them. Done when the README compares it with a baseline."),
            Milestone(id: "agent", title: "An agent", kind: Project, effort_hours: 30,
                      requires: ["classifier"], summary: "An agent with two tools."),
        ]),
    ],
)
"#;

fn path() -> crate::curriculum::Curriculum {
    crate::curriculum::format::parse("tiny.ron", PATH.as_bytes()).expect("a valid curriculum")
}

fn at(day: u32) -> DateTime<Utc> {
    format!("2027-03-{day:02}T12:00:00Z")
        .parse()
        .expect("an instant")
}

fn m(id: &str) -> MilestoneRef {
    MilestoneRef::new("tiny", id)
}

/// Both projects done (the classifier first), with notes, evidence and hours on the classifier.
fn state() -> State {
    let mut st = State::default();
    st.set_status(&m("classifier"), Status::Done, at(2));
    st.set_status(&m("agent"), Status::Done, at(9));
    st.set_status(&m("python"), Status::Done, at(1));
    let p = st.milestone_mut(&m("classifier"));
    p.notes = "Rules won on cost.\n\nThe LLM won on recall.".into();
    p.evidence = vec!["https://github.com/ada/classifier".into()];
    p.hours_logged = 27.5;
    st.learner.name = "Ada Lovelace".into();
    st.learner.links = vec!["https://github.com/ada".into()];
    st
}

#[test]
fn a_finished_project_shows_what_done_meant_its_notes_hours_and_what_it_built_on_by_section() {
    let c = path();
    let portfolio = Portfolio::build(&[&c], &state());
    assert_eq!(portfolio.name, "Ada Lovelace");
    let titles: Vec<&str> = portfolio
        .projects
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["An agent", "Text classifier"],
        "newest first, skills left out"
    );
    let classifier = &portfolio.projects[1];
    assert_eq!(classifier.summary, "Label 50 emails and classify them.");
    assert_eq!(
        classifier.done_when.as_deref(),
        Some("Done when the README compares it with a baseline.")
    );
    assert_eq!(
        classifier.notes.as_deref(),
        Some("Rules won on cost.\n\nThe LLM won on recall.")
    );
    assert_eq!(classifier.hours_logged, 27.5);
    assert_eq!(classifier.finished, NaiveDate::from_ymd_opt(2027, 3, 2));
    assert_eq!(
        classifier.built_on,
        [
            SkillGroup {
                section: "Basics".into(),
                skills: vec!["Statistics".into()]
            },
            SkillGroup {
                section: "Working with LLMs".into(),
                skills: vec!["Prompts and their tests".into()]
            },
        ]
    );
    assert_eq!(classifier.sign_off, None);
    assert_eq!(portfolio.projects[0].done_when, None);
}

#[test]
fn a_hidden_project_and_private_notes_stay_out_of_the_portfolio_but_not_out_of_the_list() {
    let c = path();
    let mut st = state();
    st.milestone_mut(&m("agent")).hidden_from_portfolio = true;
    st.milestone_mut(&m("classifier")).notes_private = true;
    let portfolio = Portfolio::build(&[&c], &st);
    assert_eq!(portfolio.projects.len(), 1);
    assert_eq!(portfolio.projects[0].notes, None);
    let html = html::page(&portfolio);
    assert!(!html.contains("Rules won"), "{html}");
    assert!(!html.contains("An agent"), "{html}");
    let listed = finished_projects(&[&c], &st);
    assert_eq!(listed.len(), 2);
    assert!(listed[0].hidden && !listed[0].notes_private);
    assert!(listed[1].notes_private && listed[1].has_notes);
}

#[test]
fn the_learners_text_is_escaped_and_a_link_that_is_not_http_is_text_in_both_writers() {
    let c = path();
    let mut st = state();
    st.learner.name = "Ada <b>".into();
    let p = st.milestone_mut(&m("classifier"));
    p.notes = "<script>alert('x')</script> & [a](javascript:x)".into();
    p.evidence = vec![
        "javascript:alert(1)".into(),
        "https://example.org/?a=1&b=\"2\"".into(),
    ];
    let portfolio = Portfolio::build(&[&c], &st);
    let html = html::page(&portfolio);
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"),
        "{html}"
    );
    assert!(html.contains("<h1>Ada &lt;b&gt;</h1>"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(
        html.contains("<span class=\"plain\">javascript:alert(1)</span>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">"),
        "{html}"
    );
    let md = markdown::markdown(&portfolio);
    assert!(md.contains("# Ada \\<b\\>"), "{md}");
    assert!(md.contains("> \\<script\\>"), "{md}");
    assert!(md.contains("- javascript:alert(1)"), "{md}");
    assert!(!md.contains("<javascript"), "{md}");
    assert!(md.contains("\\[a\\](javascript:x)"), "{md}");
}

#[test]
fn a_mentors_sign_off_is_shown_with_their_name_date_and_comment() {
    let c = path();
    let mut portfolio = Portfolio::build(&[&c], &state());
    portfolio.projects[1].sign_off = Some(SignOff {
        mentor: "Grace <Hopper>".into(),
        date: NaiveDate::from_ymd_opt(2027, 3, 12).expect("a date"),
        comment: "Solid baseline.\nShip it.".into(),
    });
    let html = html::page(&portfolio);
    assert!(html.contains("<h4>Mentor&#39;s sign-off</h4>"), "{html}");
    assert!(
        html.contains("<p>Solid baseline.<br>\nShip it.</p>"),
        "{html}"
    );
    assert!(
        html.contains(
            "Signed off by Grace &lt;Hopper&gt; on <time datetime=\"2027-03-12\">12 Mar 2027</time>"
        ),
        "{html}"
    );
    assert_eq!(
        html.matches("sign-off").count(),
        1,
        "only the project signed off"
    );
    let md = markdown::markdown(&portfolio);
    assert!(
        md.contains("**Mentor's sign-off:** Grace \\<Hopper\\> on 12 Mar 2027\n\n> Solid baseline.\n> Ship it.\n"),
        "{md}"
    );
}

#[test]
fn headings_go_down_one_level_at_a_time_and_the_page_declares_its_language() {
    let c = path();
    let html = html::page(&Portfolio::build(&[&c], &state()));
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{html}"
    );
    let mut level = 0;
    for (at, _) in html.match_indices("<h") {
        let Some(n) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(n <= level + 1, "h{n} after h{level}: {html}");
        level = n;
    }
    assert_eq!(html.matches("<h1>").count(), 1);
    let md = markdown::markdown(&Portfolio::build(&[&c], &State::default()));
    assert!(md.starts_with("# Portfolio\n"), "{md}");
    assert!(md.contains("No finished projects to show yet."), "{md}");
}
