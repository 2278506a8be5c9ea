//! The first-run conversation, driven by label as a learner would.

use crate::common;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use waymark::progress::FocusRef;

#[test]
fn a_first_run_conversation_ends_in_a_plan_with_suggested_focus_and_adopted_goals() {
    let dir = common::data_dir();
    let mut h = common::harness(common::open(dir.path()));
    assert!(
        h.state().is_onboarding(),
        "a first run opens the conversation"
    );
    h.get_by_label_contains("I'm your mentor");

    h.get_by_label("Let's talk").click();
    h.run();
    h.get_by_label("Products people use every day").click();
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Next").click(); // hours: keep the default
    h.run();
    h.get_by_label("Python").click();
    h.get_by_label("Next").click();
    h.run();

    // "Products people use every day" matches the recommender area by its summary.
    let suggestion = h.get_by_label("Recommender systems");
    assert_eq!(
        suggestion.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the matching area is suggested (ticked)"
    );
    assert_eq!(
        h.get_by_label("Model platform").accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::False),
        "an area that matches nothing the learner said is not"
    );
    h.get_by_label("Next").click();
    h.run();

    h.get_by_label_contains("Pick a catalogue you know well");
    assert!(
        h.query_by_label("Ship a chatbot").is_none(),
        "a goal of an area not chosen is not offered"
    );
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label_contains("Ship your first recommender — by");
    h.get_by_label("Python for data work — Test Path"); // offered as already known
    h.get_by_label("Start my plan").click();
    h.run();

    let app = h.state();
    assert!(!app.is_onboarding());
    let state = &app.workspace().state;
    assert!(state.onboarded);
    assert!(state.focus.contains(&FocusRef {
        curriculum: common::CURRICULUM_ID.into(),
        focus: "recsys".into()
    }));
    let goal = state
        .goal("first-recommender")
        .expect("the suggested goal is adopted");
    assert_eq!(
        goal.target,
        common::today() + chrono::Days::new(70),
        "default target is today plus the goal's suggested weeks"
    );
    assert_eq!(
        goal.mentor_note,
        "Pick a catalogue you know well: your own music or books."
    );
    assert_eq!(
        state.status(&common::milestone("python")),
        waymark::progress::Status::Done,
        "what the learner knows is marked done"
    );
    h.get_by_label("Ship your first recommender");

    common::wait_for_autosave(&mut h);
    let saved = common::saved_state(dir.path());
    assert!(saved.onboarded && saved.goal("first-recommender").is_some());
}

#[test]
fn the_mentor_suggests_nothing_when_no_area_matches_and_the_learner_still_picks() {
    let dir = common::data_dir();
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label("Let's talk").click();
    h.run();
    for _ in 0..3 {
        h.get_by_label("Next").click();
        h.run();
    }
    h.get_by_label_contains("None of the focus areas matched");
    h.get_by_label("Conversational assistants").click();
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Ship a chatbot");
}

#[test]
fn target_dates_move_by_a_week_before_adopting() {
    let dir = common::data_dir();
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label("Let's talk").click();
    h.run();
    h.get_by_label("Products people use every day").click();
    for _ in 0..4 {
        h.get_by_label("Next").click();
        h.run();
    }
    h.get_by_label("Move “Ship your first recommender” a week later")
        .click();
    h.run();
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Start my plan").click();
    h.run();
    let goal = h
        .state()
        .workspace()
        .state
        .goal("first-recommender")
        .unwrap()
        .clone();
    assert_eq!(goal.target, common::today() + chrono::Days::new(77));
}

#[test]
fn skipping_the_conversation_counts_as_onboarded_and_it_can_be_reopened() {
    let dir = common::data_dir();
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label("Skip for now").click();
    h.run();
    assert!(!h.state().is_onboarding());
    assert!(h.state().workspace().state.onboarded);
    h.get_by_label("Talk to your mentor").click();
    h.run();
    assert!(h.state().is_onboarding());
    h.get_by_label("Let's talk");
}

#[test]
fn the_shipped_curriculum_leads_from_conversation_to_a_plan() {
    // No fixture: only what ships with Waymark.
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness_of_height(common::open(dir.path()), 4000.0);
    h.get_by_label("Let's talk").click();
    h.run();
    h.get_by_label("Conversations").click();
    for _ in 0..3 {
        h.get_by_label("Next").click();
        h.run();
    }
    h.get_by_label_contains("these areas fit you best");
    assert!(
        h.query_all_by_label_contains("Suggested because you like: Conversations")
            .count()
            >= 1,
        "the shipped focus areas match the conversation keywords"
    );
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Start my plan").click();
    h.run();
    let state = &h.state().workspace().state;
    assert!(state.onboarded);
    assert!(!state.focus.is_empty(), "a focus was suggested and kept");
    assert!(
        !state.goals.is_empty(),
        "the mentor's goals for it were adopted"
    );
    assert!(state.goals.iter().all(|g| g.target > common::today()));
    assert!(
        !h.state().plan().goals.is_empty(),
        "every adopted goal gets a forecast"
    );
}
