//! The first-run conversation, driven by label as a learner would.

use crate::common;
use crate::date_picker;

use egui::accesskit::Role;
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
    h.get_by_label_contains("I'm Waymark's guide");

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

    // The mentor's note is folded under the goal until the learner opens it.
    assert!(
        h.query_by_label_contains("Pick a catalogue you know well")
            .is_none()
    );
    h.get_by_label("Why this goal").click();
    h.run();
    h.get_by_label_contains("Pick a catalogue you know well");
    assert!(
        h.query_by_label("Ship a chatbot").is_none(),
        "a goal of an area not chosen is not offered"
    );
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label_contains("Goal: Ship your first recommender — target ");
    h.get_by_label_contains("All of it is about ");
    h.get_by_label("Python for data work — Test Path"); // offered as already known
    h.get_by_label("Start my plan").click();
    h.run();

    let app = h.state();
    assert!(!app.is_onboarding());
    let state = &app.workspace().state();
    assert!(state.onboarded);
    assert!(state.focus.contains(&FocusRef {
        curriculum: common::CURRICULUM_ID.into(),
        focus: "recsys".into()
    }));
    let goal = state
        .goal("first-recommender")
        .expect("the suggested goal is adopted");
    // The default target is the plan's late finish at the learner's hours, rounded up to a
    // week: reachable, so not at risk.
    let forecast = app.plan().goal("first-recommender").unwrap();
    let late = forecast.late_finish.unwrap();
    assert!(goal.target >= late && (goal.target - late).num_days() < 7);
    assert_eq!((goal.target - common::today()).num_days() % 7, 0);
    assert_eq!(forecast.outlook, waymark::plan::Outlook::OnTrack);
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
fn a_target_picked_in_the_conversation_is_kept_and_the_plan_says_what_it_takes() {
    let dir = common::data_dir();
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label("Let's talk").click();
    h.run();
    h.get_by_label("Products people use every day").click();
    for _ in 0..4 {
        h.get_by_label("Next").click();
        h.run();
    }
    // A month earlier than the plan can reach.
    let name = "Target of “Ship your first recommender”";
    let reachable = date_picker::shown(&h, name);
    date_picker::open(&mut h, name);
    h.get_by_role_and_label(Role::Button, "Previous month")
        .click();
    h.run();
    date_picker::pick(&mut h, reachable - chrono::Months::new(1));
    h.get_by_label_contains("h a week to make");
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label_contains("earlier than the plan can reach");
    h.get_by_label("Start my plan").click();
    h.run();
    let app = h.state();
    let goal = app.workspace().state().goal("first-recommender").unwrap();
    let forecast = app.plan().goal("first-recommender").unwrap();
    assert_eq!(forecast.outlook, waymark::plan::Outlook::AtRisk);
    assert!(goal.target < forecast.late_finish.unwrap());
}

#[test]
fn the_defaults_of_the_conversation_end_with_no_goal_at_risk() {
    // The shipped curriculum, the mentor's defaults: products people use every day, 6 hours a
    // week, nothing known yet.
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness_of_height(common::open(dir.path()), 4000.0);
    h.get_by_label("Let's talk").click();
    h.run();
    h.get_by_label("Products people use every day").click();
    for _ in 0..5 {
        h.get_by_label("Next").click();
        h.run();
    }
    h.get_by_label("Start my plan").click();
    h.run();
    let app = h.state();
    let state = &app.workspace().state();
    assert_eq!(state.hours_per_week, 6.0);
    assert!(
        state.focus.len() <= 2,
        "at most two areas ticked: {:?}",
        state.focus
    );
    assert!(state.goals.len() >= 2);
    assert_eq!(app.plan().at_risk(), 0, "{:#?}", app.plan().goals);
    for f in &app.plan().goals {
        for before in &f.after {
            let first = app.plan().goal(before).unwrap();
            assert!(f.likely_finish >= first.likely_finish && f.late_finish >= first.late_finish);
        }
    }
    h.get_by_label("This week");
    assert!(h.query_by_label("At risk").is_none());
}

#[test]
fn skipping_the_conversation_counts_as_onboarded_and_it_can_be_reopened() {
    let dir = common::data_dir();
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label("Skip for now").click();
    h.run();
    assert!(!h.state().is_onboarding());
    assert!(h.state().workspace().state().onboarded);
    h.get_by_label("Plan my path").click();
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
    let state = &h.state().workspace().state();
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

#[test]
fn the_guide_is_named_apart_from_the_real_mentor_and_remembers_the_answers() {
    let dir = common::data_dir();
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label("Waymark's guide");
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Label, "Mentor")
            .is_none(),
        "the script does not speak as “Mentor”"
    );
    h.get_by_label("Let's talk").click();
    h.run();
    h.get_by_label("Products people use every day").click();
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Python").click();
    for _ in 0..3 {
        h.get_by_label("Next").click();
        h.run();
    }
    h.get_by_label("Start my plan").click();
    h.run();
    assert!(!h.state().is_onboarding());
    drop(h);

    // Reopened, in a new window even: the answers given are ticked.
    let mut h = common::harness(common::open(dir.path()));
    h.get_by_label("Plan my path").click();
    h.run();
    h.get_by_label("Let's talk").click();
    h.run();
    let ticked = |h: &egui_kittest::Harness<'static, waymark::ui::App>, label: &str| {
        h.get_by_label(label).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
    };
    assert!(ticked(&h, "Products people use every day"));
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Next").click();
    h.run();
    assert!(ticked(&h, "Python"));
}

/// Issue 19, as a Python developer who wants to build chatbots meets the guide: the answers
/// "Conversations" and "Python", the defaults, "Start my plan". The plan leads with a first
/// project of the chosen area within 16 weeks, adopts the whole path in its order, and knowing
/// Python is not progress made this week.
#[test]
fn a_python_developer_who_likes_conversations_gets_a_first_chatbot_in_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness_of_height(common::open(dir.path()), 4000.0);
    h.get_by_label("Let's talk").click();
    h.run();
    h.get_by_label("Conversations").click();
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Next").click(); // 6 hours a week
    h.run();
    h.get_by_label("Python").click();
    h.get_by_label("Next").click();
    h.run();
    let convai = h.get_by_label("Conversational AI: chatbots, voice assistants and LLMs");
    assert_eq!(
        convai.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the conversational area is suggested"
    );
    h.get_by_label("Next").click();
    h.run();
    // The path, in its order: the first chatbot first.
    h.get_by_label("Your first chatbot: answers from your own documents, with citations");
    h.get_by_label("Next").click();
    h.run();
    // The summary leads with the near win, then says what it marks known.
    h.get_by_label_contains("Your first project, “");
    h.get_by_label_contains("All of it is about ");
    h.get_by_label("Python fundamentals — AI Engineer");
    h.get_by_label("Start my plan").click();
    h.run();

    let app = h.state();
    let state = &app.workspace().state();
    let ids: Vec<&str> = state.goals.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids[0], "convai-first-chatbot", "{ids:?}");
    for id in [
        "core-foundations",
        "core-deep-learning",
        "convai-grounded-chatbot",
        "convai-llm-engineering",
    ] {
        assert!(ids.contains(&id), "{id} adopted: {ids:?}");
    }
    let plan = app.plan();
    assert_eq!(plan.at_risk(), 0);
    let first = plan.goal("convai-first-chatbot").unwrap();
    assert!(
        (first.likely_finish.unwrap() - common::today()).num_days() <= 16 * 7,
        "{first:?}"
    );
    let python = common::milestone("python-fundamentals");
    assert_eq!(state.status(&python), waymark::progress::Status::Done);
    assert!(
        !plan.week.items.iter().any(|i| i.milestone == python),
        "known before is not this week's work"
    );
    assert!(
        plan.activity.finished_this_week.is_empty() && plan.activity.streak_days == 0,
        "known before fills no streak or week"
    );
}

/// The guide fits the smallest window: its column starts on screen and its way on is in view
/// without scrolling, on every step.
#[test]
fn the_guide_fits_the_smallest_window_with_next_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let size = egui::vec2(640.0, 480.0);
    let mut h = common::harness_of_size(common::open(dir.path()), size);
    let in_view = |h: &egui_kittest::Harness<'static, waymark::ui::App>, label: &str| {
        let rect = h.get_by_label(label).rect();
        assert!(
            rect.min.x >= 0.0 && rect.min.y >= 0.0 && rect.max.x <= size.x && rect.max.y <= size.y,
            "{label} at {rect:?}"
        );
    };
    in_view(&h, "Let's talk");
    let intro = h.get_by_label_contains("I'm Waymark's guide").rect();
    assert!(intro.min.x >= 0.0, "{intro:?}");
    h.get_by_label("Let's talk").click();
    h.run();
    h.get_by_label("Data").click();
    for _ in 0..5 {
        // Every step's Next is on screen, however long the step's list.
        in_view(&h, "Next");
        h.get_by_label("Next").click();
        h.run();
    }
    in_view(&h, "Start my plan");
}
