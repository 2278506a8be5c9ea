//! The planner: availability, next up, goal order, finish dates as ranges that learn from the
//! learner's pace, what it takes to make a target, and this week's plan.
//!
//! Most milestones here give `effort_hours_high` equal to `effort_hours`, so that their hours
//! are exact and the only spread left is the pace's own uncertainty: the likely figures are
//! then plain sums, and the tests that are about the spread set it themselves.

use chrono::{DateTime, NaiveDate, Utc};
use waymark::curriculum::format;
use waymark::curriculum::{Curriculum, FocusArea, Kind, Milestone, Section};
use waymark::plan::{
    Availability, Index, Outlook, Pace, availability, finished_count, median_effort, plan,
    plan_with, reachable_target,
};
use waymark::progress::{AdoptedGoal, FocusRef, MilestoneRef, State, Status};
use waymark::workspace::{Change, Workspace};

fn m(id: &str, effort: Option<f64>, requires: &[&str]) -> Milestone {
    Milestone {
        id: id.into(),
        title: id.into(),
        kind: Kind::Skill,
        effort_hours: effort,
        effort_hours_high: effort,
        focus: Vec::new(),
        requires: requires.iter().map(|s| (*s).into()).collect(),
        summary: String::new(),
        mentor_tip: String::new(),
        resources: Vec::new(),
        renamed_from: Vec::new(),
        split_from: Vec::new(),
    }
}

/// A milestone whose hours, when it goes badly, are `high`.
fn spread(mut milestone: Milestone, high: Option<f64>) -> Milestone {
    milestone.effort_hours_high = high;
    milestone
}

fn focused(mut milestone: Milestone, focus: &[&str]) -> Milestone {
    milestone.focus = focus.iter().map(|s| (*s).into()).collect();
    milestone
}

fn curriculum(id: &str, milestones: Vec<Milestone>) -> Curriculum {
    Curriculum {
        id: id.into(),
        revision: 1,
        title: id.into(),
        summary: String::new(),
        authors: Vec::new(),
        license: String::new(),
        revision_note: String::new(),
        focus_areas: vec![
            FocusArea {
                id: "rag".into(),
                title: "RAG".into(),
                summary: String::new(),
            },
            FocusArea {
                id: "vision".into(),
                title: "Vision".into(),
                summary: String::new(),
            },
        ],
        sections: vec![Section {
            id: "all".into(),
            title: "All".into(),
            milestones,
        }],
        goals: Vec::new(),
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date") + chrono::Days::new(u64::from(d))
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).expect("a valid time")
}

fn r(id: &str) -> MilestoneRef {
    MilestoneRef::new("core", id)
}

fn goal(id: &str, milestones: &[&str], target: NaiveDate) -> AdoptedGoal {
    AdoptedGoal {
        id: id.into(),
        title: id.into(),
        source: None,
        mentor_note: String::new(),
        milestones: milestones.iter().map(|m| r(m)).collect(),
        target,
        adopted_at: now(),
    }
}

fn state_with(statuses: &[(&str, Status)]) -> State {
    let mut s = State::default();
    for (id, st) in statuses {
        s.set_status(&r(id), *st, now());
    }
    s
}

fn assert_close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-9, "{got} is not {want}");
}

fn ids(refs: &[MilestoneRef]) -> Vec<&str> {
    refs.iter().map(|r| r.milestone.as_str()).collect()
}

#[test]
fn milestones_are_locked_until_everything_they_require_is_done_or_skipped() {
    let c = curriculum(
        "core",
        vec![
            m("python", Some(10.0), &[]),
            m("git", Some(2.0), &[]),
            m("numpy", Some(5.0), &["python"]),
            m("ml", Some(20.0), &["numpy", "git"]),
            m("ghost", Some(1.0), &["no-such-milestone"]),
        ],
    );
    let s = state_with(&[("python", Status::Done), ("git", Status::Skipped)]);
    let p = plan(&[&c], &s, day(0));
    let of = |id: &str| availability("core", c.milestone(id).unwrap(), &s);
    assert_eq!(of("python"), Availability::Done);
    assert_eq!(of("git"), Availability::Skipped);
    assert_eq!(of("numpy"), Availability::Available);
    assert_eq!(of("ml"), Availability::Locked);
    assert_eq!(
        of("ghost"),
        Availability::Locked,
        "an unknown requirement is never met"
    );
    assert_eq!(ids(&p.next_up), ["numpy"]);
}

#[test]
fn next_up_puts_goal_work_first_in_the_learners_order() {
    let c = curriculum(
        "core",
        vec![
            m("a", Some(1.0), &[]),
            m("b", Some(8.0), &[]),
            m("c", Some(8.0), &[]),
            m("d", Some(2.0), &["c"]),
        ],
    );
    let mut s = State::default();
    // `d` pulls in its prerequisite `c`, the available part of the learner's first goal; the
    // target dates do not decide the order, the learner does.
    s.goals.push(goal("first", &["d"], day(90)));
    s.goals.push(goal("second", &["b"], day(10)));
    let p = plan(&[&c], &s, day(0));
    assert_eq!(ids(&p.next_up), ["c", "b", "a"]);
    s.goals.swap(0, 1);
    let p = plan(&[&c], &s, day(0));
    assert_eq!(ids(&p.next_up), ["b", "c", "a"]);
}

#[test]
fn next_up_lists_started_milestones_before_untouched_ones() {
    let c = curriculum("core", vec![m("a", Some(1.0), &[]), m("b", Some(9.0), &[])]);
    let s = state_with(&[("b", Status::Doing)]);
    let p = plan(&[&c], &s, day(0));
    assert_eq!(ids(&p.next_up), ["b", "a"]);
}

#[test]
fn next_up_without_goals_follows_the_curriculums_own_order() {
    // "communication" is small and listed early, as a beginner's next up used to start with
    // it; the curriculum's goals say Python comes first, then the first project's path.
    let mut c = curriculum(
        "core",
        vec![
            m("communication", Some(14.0), &[]),
            m("statistics", Some(28.0), &[]),
            m("python", Some(40.0), &[]),
            m("llm-apis", Some(16.0), &["python"]),
            m("first-project", Some(16.0), &["llm-apis"]),
            m("unestimated", None, &[]),
        ],
    );
    let goal = |id: &str, focus: Option<&str>, milestones: &[&str]| waymark::curriculum::Goal {
        id: id.into(),
        title: id.into(),
        focus: focus.map(Into::into),
        mentor_note: String::new(),
        milestones: milestones.iter().map(|m| (*m).into()).collect(),
        suggested_weeks: None,
    };
    c.goals = vec![
        goal("vision-first", Some("vision"), &["statistics"]),
        goal("first-feature", None, &["first-project"]),
        goal("talk", None, &["communication"]),
    ];
    let p = plan(&[&c], &State::default(), day(0));
    // The goals that fit (no focus chosen: those for every focus), in the curriculum's order,
    // each milestone after what it requires; then the rest in document order.
    assert_eq!(
        ids(&p.next_up),
        ["python", "communication", "statistics", "unestimated"],
        "only what is available: python before what it unlocks"
    );
    let mut s = State::default();
    s.progress
        .entry("core".into())
        .or_default()
        .insert("python".into(), done_progress());
    let p = plan(&[&c], &s, day(0));
    assert_eq!(
        ids(&p.next_up),
        ["llm-apis", "communication", "statistics", "unestimated"]
    );
    // A milestone started comes first.
    s.progress
        .entry("core".into())
        .or_default()
        .insert("unestimated".into(), doing_progress());
    let p = plan(&[&c], &s, day(0));
    assert_eq!(ids(&p.next_up)[0], "unestimated");
    // With the vision area chosen, its goal fits too and comes in the curriculum's order.
    s.focus.push(FocusRef {
        curriculum: "core".into(),
        focus: "vision".into(),
    });
    let p = plan(&[&c], &s, day(0));
    assert_eq!(
        ids(&p.next_up),
        ["unestimated", "statistics", "llm-apis", "communication"]
    );
}

#[test]
fn next_up_takes_turns_between_curricula() {
    let a = curriculum(
        "a",
        vec![
            m("a1", Some(1.0), &[]),
            m("a2", Some(1.0), &[]),
            m("a3", Some(1.0), &[]),
        ],
    );
    let b = curriculum(
        "b",
        vec![m("b1", Some(50.0), &[]), m("b2", Some(50.0), &[])],
    );
    let p = plan(&[&a, &b], &State::default(), day(0));
    assert_eq!(ids(&p.next_up), ["a1", "b1", "a2", "b2", "a3"]);
}

fn done_progress() -> waymark::progress::MilestoneProgress {
    waymark::progress::MilestoneProgress {
        status: Status::Done,
        ..Default::default()
    }
}

fn doing_progress() -> waymark::progress::MilestoneProgress {
    waymark::progress::MilestoneProgress {
        status: Status::Doing,
        ..Default::default()
    }
}

#[test]
fn next_up_keeps_to_the_chosen_focus_but_always_includes_goal_work() {
    let c = curriculum(
        "core",
        vec![
            m("shared", Some(1.0), &[]),
            focused(m("retrieval", Some(2.0), &[]), &["rag"]),
            focused(m("cnn", Some(3.0), &[]), &["vision"]),
            focused(m("detection", Some(4.0), &[]), &["vision"]),
        ],
    );
    let mut s = State::default();
    let all = plan(&[&c], &s, day(0));
    assert_eq!(
        ids(&all.next_up),
        ["shared", "retrieval", "cnn", "detection"],
        "no focus chosen: everything"
    );

    s.focus.push(FocusRef {
        curriculum: "core".into(),
        focus: "rag".into(),
    });
    s.goals.push(goal("see", &["detection"], day(30)));
    let p = plan(&[&c], &s, day(0));
    assert_eq!(ids(&p.next_up), ["detection", "shared", "retrieval"]);
}

#[test]
fn remaining_effort_counts_every_prerequisite_not_yet_done() {
    let c = curriculum(
        "core",
        vec![
            m("python", Some(10.0), &[]),
            m("math", Some(20.0), &[]),
            m("numpy", Some(5.0), &["python"]),
            m("ml", Some(30.0), &["numpy", "math"]),
            m("unrelated", Some(100.0), &[]),
        ],
    );
    let mut s = state_with(&[("python", Status::Done), ("math", Status::Skipped)]);
    s.goals.push(goal("ml", &["ml"], day(365)));
    let p = plan(&[&c], &s, day(0));
    let g = p.goal("ml").unwrap();
    assert_close(g.hours_left.likely, 35.0);
    assert_eq!(g.remaining_milestones, 2);
    assert_eq!(g.total_milestones, 4);
    assert!(!g.approximate);
    assert_eq!(g.missing, 0);
}

#[test]
fn an_unestimated_milestone_counts_at_the_curriculum_median_and_marks_the_forecast_approximate() {
    let c = curriculum(
        "core",
        vec![
            m("a", Some(2.0), &[]),
            m("b", Some(4.0), &[]),
            m("c", Some(10.0), &[]),
            m("mystery", None, &["a"]),
        ],
    );
    assert_eq!(median_effort(&c), Some(4.0));
    let mut s = state_with(&[("a", Status::Done)]);
    s.goals.push(goal("g", &["mystery"], day(365)));
    let p = plan(&[&c], &s, day(0));
    let g = p.goal("g").unwrap();
    assert_close(g.hours_left.likely, 4.0);
    assert!(g.approximate);

    // Only the remaining milestones decide whether the forecast is approximate.
    let mut s = state_with(&[("mystery", Status::Done)]);
    s.goals.push(goal("g", &["mystery"], day(365)));
    let g = plan(&[&c], &s, day(0)).goals.remove(0);
    assert_close(g.hours_left.likely, 2.0);
    assert!(!g.approximate);
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_middle_two_and_none_without_estimates() {
    let even = curriculum(
        "core",
        vec![
            m("a", Some(1.0), &[]),
            m("b", Some(3.0), &[]),
            m("c", Some(5.0), &[]),
            m("d", Some(100.0), &[]),
        ],
    );
    assert_eq!(median_effort(&even), Some(4.0));
    let none = curriculum("core", vec![m("a", None, &[]), m("b", None, &["a"])]);
    assert_eq!(median_effort(&none), None);
    let mut s = State::default();
    s.goals.push(goal("g", &["b"], day(1)));
    let g = plan(&[&none], &s, day(0)).goals.remove(0);
    assert_eq!(g.hours_left.likely, 0.0);
    assert!(g.approximate);
}

#[test]
fn goals_are_on_track_when_the_late_finish_makes_the_target() {
    let c = curriculum(
        "core",
        vec![m("a", Some(12.0), &[]), m("b", Some(6.0), &[])],
    );
    let mut s = state_with(&[("b", Status::Done)]);
    s.hours_per_week = 6.0;
    s.goals.push(goal("probe", &["a"], day(1000)));
    let probe = plan(&[&c], &s, day(0)).goals.remove(0);
    // 12 hours at 6 a week: likely 14 days; late is later, by the pace's own uncertainty.
    assert_eq!(probe.likely_finish, Some(day(14)));
    let late = probe.late_finish.unwrap();
    assert!(late > day(14), "{late}");
    let days = |d: NaiveDate| (d - day(0)).num_days() as u32;

    s.goals.clear();
    s.goals.push(goal("on-time", &["a"], late));
    s.goals.push(goal("too-soon", &["a"], day(days(late) - 1)));
    s.goals.push(goal("finished", &["b"], day(1)));
    let p = plan(&[&c], &s, day(0));
    assert_eq!(p.goal("on-time").unwrap().outlook, Outlook::OnTrack);
    let risk = p.goal("too-soon").unwrap();
    assert_eq!(risk.late_finish, Some(late));
    assert_eq!(risk.outlook, Outlook::AtRisk);
    assert!(risk.advice.is_some(), "a goal at risk says what it takes");
    let done = p.goal("finished").unwrap();
    assert_eq!(done.outlook, Outlook::Reached);
    assert_eq!(done.remaining_milestones, 0);
    assert_eq!(p.at_risk(), 1);

    for weekly in [0.0, -3.0, f64::NAN, f64::INFINITY] {
        s.hours_per_week = weekly;
        let p = plan(&[&c], &s, day(0));
        let g = p.goal("on-time").unwrap();
        assert_eq!(g.outlook, Outlook::NoCapacity, "{weekly} hours a week");
        assert_eq!((g.likely_finish, g.late_finish), (None, None));
        assert_eq!(p.goal("finished").unwrap().outlook, Outlook::Reached);
        assert!(p.week.items.is_empty(), "no hours, no week");
    }
}

#[test]
fn milestones_shared_between_goals_are_worked_once_in_the_learners_order() {
    let c = curriculum(
        "core",
        vec![
            m("base", Some(7.0), &[]),
            m("left", Some(7.0), &["base"]),
            m("right", Some(14.0), &["base"]),
        ],
    );
    let mut s = State {
        hours_per_week: 7.0,
        ..State::default()
    };
    // The later target comes first in the learner's order, and the plan follows the learner.
    s.goals.push(goal("mine-first", &["right"], day(100)));
    s.goals.push(goal("then", &["left"], day(50)));
    let p = plan(&[&c], &s, day(0));
    assert_eq!(p.goals[0].goal, "mine-first");
    let first = p.goal("mine-first").unwrap();
    assert_close(first.hours_left.likely, 21.0);
    assert_eq!(first.likely_finish, Some(day(21)));
    let then = p.goal("then").unwrap();
    assert_close(then.hours_left.likely, 14.0);
    // base + right + left = 28 hours, base counted once.
    assert_eq!(then.likely_finish, Some(day(28)));
    assert!(
        then.after.is_empty(),
        "sharing a prerequisite is not needing a goal"
    );
}

#[test]
fn goal_milestones_missing_from_the_loaded_curricula_are_counted_apart() {
    let c = curriculum("core", vec![m("a", Some(3.0), &[])]);
    let mut s = State::default();
    let mut g = goal("g", &["a", "gone"], day(30));
    g.milestones
        .push(MilestoneRef::new("removed-curriculum", "x"));
    s.goals.push(g);
    let p = plan(&[&c], &s, day(0));
    let g = p.goal("g").unwrap();
    assert_eq!(g.missing, 2);
    assert_eq!(g.total_milestones, 1);
    assert_close(g.hours_left.likely, 3.0);
}

#[test]
fn finished_count_counts_done_and_skipped_milestones_of_the_curriculum() {
    let c = curriculum(
        "core",
        vec![m("a", None, &[]), m("b", None, &[]), m("c", None, &[])],
    );
    let s = state_with(&[
        ("a", Status::Done),
        ("b", Status::Skipped),
        ("c", Status::Doing),
        ("not-in-curriculum", Status::Done),
    ]);
    assert_eq!(finished_count(&c, &s), (2, 3));
}

#[test]
fn a_curriculum_of_100000_milestones_in_one_chain_plans_without_overflowing_the_stack() {
    let n = 100_000;
    let ids: Vec<String> = (0..n).map(|i| format!("m{i}")).collect();
    let milestones: Vec<Milestone> = (0..n)
        .map(|i| {
            let requires: Vec<&str> = if i == 0 {
                vec![]
            } else {
                vec![ids[i - 1].as_str()]
            };
            m(&ids[i], (i % 3 != 0).then_some(1.0), &requires)
        })
        .collect();
    let c = curriculum("core", milestones);
    let mut s = state_with(&[("m0", Status::Done)]);
    s.goals.push(goal("all", &[ids[n - 1].as_str()], day(10)));
    s.goals.push(goal("half", &[ids[n / 2].as_str()], day(5)));
    // Run on a small stack: recursion over the chain would overflow it.
    let p = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || plan(&[&c], &s, day(0)))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(ids_of(&p.next_up), ["m1"]);
    let all = p.goal("all").unwrap();
    assert_eq!(all.total_milestones, n);
    assert_eq!(all.remaining_milestones, n - 1);
    assert!(all.approximate);
    assert_eq!(all.outlook, Outlook::AtRisk);
}

fn ids_of(refs: &[MilestoneRef]) -> Vec<String> {
    refs.iter().map(|r| r.milestone.clone()).collect()
}

#[test]
fn a_projection_past_the_end_of_the_calendar_is_at_risk_not_a_panic() {
    let c = curriculum("core", vec![m("a", Some(10_000.0), &[])]);
    let mut s = State {
        hours_per_week: 1e-300,
        ..State::default()
    };
    s.goals.push(goal("g", &["a"], day(30)));
    let g = plan(&[&c], &s, day(0)).goals.remove(0);
    assert_eq!(g.late_finish, Some(NaiveDate::MAX));
    assert_eq!(g.outlook, Outlook::AtRisk);
    let advice = g.advice.expect("advice");
    assert_eq!(advice.move_target_to, NaiveDate::MAX);
}

/// The window asks `availability` about the rows it shows; the plan decides next-up with its
/// own pass over everything. With no goals and no focus chosen, next up is exactly the
/// milestones `availability` calls available.
#[test]
fn one_milestone_availability_agrees_with_the_plan() {
    let bundled = waymark::bundled::curricula();
    let c = bundled[0].as_ref().expect("the bundled curriculum parses");
    let mut s = State::default();
    // A deterministic scatter of finished milestones, about a third, front-loaded.
    for (i, m) in c.milestones().enumerate() {
        let status = match (i * 7919) % 10 {
            _ if i < 20 => Status::Done,
            0 | 1 => Status::Done,
            2 => Status::Skipped,
            3 => Status::Doing,
            _ => Status::Todo,
        };
        s.set_status(&MilestoneRef::new(&c.id, &m.id), status, now());
    }
    let p = plan(&[c], &s, day(0));
    let available: Vec<String> = c
        .milestones()
        .filter(|m| availability(&c.id, m, &s) == Availability::Available)
        .map(|m| m.id.clone())
        .collect();
    let mut next = ids_of(&p.next_up);
    next.sort();
    let mut expected = available.clone();
    expected.sort();
    assert!(!expected.is_empty() && expected.len() < c.milestone_count());
    assert_eq!(next, expected);
}

/// Validation refuses a milestone that requires itself, but the planner must not trip over
/// one (it looks each requirement up while the milestone itself is being added).
#[test]
fn a_milestone_that_requires_itself_is_never_available() {
    let c = curriculum(
        "core",
        vec![m("python", Some(1.0), &[]), m("loop", Some(1.0), &["loop"])],
    );
    let p = plan(&[&c], &State::default(), day(0));
    assert_eq!(ids(&p.next_up), ["python"]);
}

/// The same curricula planned through an index kept from the start and through a fresh one.
fn assert_same_plan(index: &Index, curricula: &[&Curriculum], s: &State) {
    let kept = plan_with(index, curricula, s, day(0));
    let fresh = plan(curricula, s, day(0));
    assert_eq!(kept.next_up, fresh.next_up);
    assert_eq!(kept.goals, fresh.goals);
    assert_eq!(kept.week, fresh.week);
    assert_eq!(kept.focus, fresh.focus);
}

#[test]
fn an_index_kept_across_progress_changes_plans_what_a_fresh_one_does() {
    let core = curriculum(
        "core",
        vec![
            m("python", Some(10.0), &[]),
            m("git", None, &[]),
            m("numpy", Some(5.0), &["python"]),
            focused(m("rag", Some(20.0), &["numpy", "git"]), &["rag"]),
            focused(m("cnn", Some(30.0), &["numpy"]), &["vision"]),
        ],
    );
    let extra = curriculum("extra", vec![m("x", Some(3.0), &[]), m("y", None, &["x"])]);
    let curricula = [&core, &extra];
    let index = Index::new(&curricula);
    let mut s = State {
        hours_per_week: 5.0,
        ..State::default()
    };
    s.goals.push(goal("rag", &["rag"], day(30)));
    s.focus.push(FocusRef {
        curriculum: "core".into(),
        focus: "rag".into(),
    });
    assert_same_plan(&index, &curricula, &s);
    let changes = [
        ("core", "python", Status::Done),
        ("core", "numpy", Status::Doing),
        ("extra", "x", Status::Done),
        ("core", "git", Status::Skipped),
        ("core", "numpy", Status::Done),
        ("core", "python", Status::Todo),
    ];
    for (c, id, status) in changes {
        s.set_status(&MilestoneRef::new(c, id), status, now());
        assert_same_plan(&index, &curricula, &s);
    }
    let p = plan_with(&index, &curricula, &s, day(0));
    assert_eq!(
        ids(&p.next_up),
        ["python", "rag"],
        "the last change is seen; `extra` has focus areas and none is chosen, so it is out of focus"
    );
}

#[test]
fn an_index_of_other_curricula_is_not_used() {
    let before = curriculum("core", vec![m("a", Some(1.0), &[])]);
    let after = curriculum(
        "core",
        vec![
            m("a", Some(1.0), &[]),
            m("b", Some(2.0), &["a"]),
            m("c", Some(3.0), &[]),
        ],
    );
    let index = Index::new(&[&before]);
    assert!(!index.fits(&[&after]));
    let s = state_with(&[("a", Status::Done)]);
    let p = plan_with(&index, &[&after], &s, day(0));
    assert_eq!(ids(&p.next_up), ["b", "c"]);

    // The same three milestones split into two sections: the kept index would look for the
    // second section's milestones where there are none.
    let mut resplit = after.clone();
    let moved = resplit.sections[0].milestones.split_off(2);
    resplit.sections.push(Section {
        id: "more".into(),
        title: "More".into(),
        milestones: moved,
    });
    let index = Index::new(&[&after]);
    assert!(!index.fits(&[&resplit]));
    let p = plan_with(&index, &[&resplit], &s, day(0));
    assert_eq!(ids(&p.next_up), ["b", "c"]);
}

#[test]
fn the_workspace_replans_over_curricula_imported_updated_or_removed_after_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(dir.path()).unwrap();
    let import = |ws: &mut Workspace, c: &Curriculum| {
        let text = format::to_ron(c);
        let pending = ws.preview_import("extra.ron", text.as_bytes()).unwrap();
        ws.apply(
            Change::Import {
                pending: Box::new(pending),
                keep_checked: false,
                allow_older: false,
            },
            now(),
        )
        .unwrap();
    };
    let [x, y] = ["x", "y"].map(|id| MilestoneRef::new("extra", id));
    let mut extra = curriculum("extra", vec![m("x", Some(3.0), &[]), m("y", None, &["x"])]);
    import(&mut ws, &extra);
    let next_up = ws.plan(day(0)).next_up;
    assert!(
        next_up.contains(&x) && !next_up.contains(&y),
        "the import is planned"
    );
    // The same ids and sizes, but `y` no longer waits for `x`: only a rebuilt index sees it.
    let first = extra.clone();
    extra.revision = 2;
    extra.sections[0].milestones[1].requires.clear();
    import(&mut ws, &extra);
    assert!(
        ws.plan(day(0)).next_up.contains(&y),
        "the update is planned"
    );
    // Undoing the update (what the window's Undo calls) brings the requirement back.
    let _ = first;
    ws.undo(now()).unwrap();
    assert!(!ws.plan(day(0)).next_up.contains(&y), "so is its undo");
    ws.apply(Change::RemoveCurriculum(("extra").to_owned()), now())
        .unwrap();
    assert!(!ws.plan(day(0)).next_up.contains(&x), "so is the removal");
}

fn hours_on(s: &mut State, id: &str, hours: f64) {
    s.log_hours(&r(id), hours, now());
}

#[test]
fn a_goal_that_needs_another_goals_milestones_is_planned_after_it_and_never_finishes_first() {
    let c = curriculum(
        "core",
        vec![
            m("python", Some(40.0), &[]),
            m("stats", Some(30.0), &[]),
            m("baseline", Some(5.0), &["python", "stats"]),
            m("ship", Some(5.0), &["baseline"]),
        ],
    );
    let mut s = State {
        hours_per_week: 10.0,
        ..State::default()
    };
    // Adopted dependent first: "ship" needs the foundations goal's milestones.
    s.goals.push(goal("ship", &["baseline", "ship"], day(400)));
    s.goals
        .push(goal("foundations", &["python", "stats"], day(400)));
    let p = plan(&[&c], &s, day(0));
    let order: Vec<&str> = p.goals.iter().map(|g| g.goal.as_str()).collect();
    assert_eq!(order, ["foundations", "ship"]);
    let (found, ship) = (p.goal("foundations").unwrap(), p.goal("ship").unwrap());
    assert_eq!(ship.after, ["foundations"]);
    assert!(found.after.is_empty());
    assert!(ship.likely_finish >= found.likely_finish);
    assert!(ship.late_finish >= found.late_finish);
    assert_eq!(found.likely_finish, Some(day(49)), "70 h at 10 h a week");
    assert_eq!(ship.likely_finish, Some(day(56)), "then 10 h more");
    assert_eq!(ids(&p.next_up)[..2], ["python", "stats"]);
}

#[test]
fn the_learners_order_decides_between_goals_that_need_nothing_of_each_other() {
    let c = curriculum(
        "core",
        vec![m("a", Some(20.0), &[]), m("b", Some(10.0), &[])],
    );
    let mut s = State {
        hours_per_week: 10.0,
        ..State::default()
    };
    s.goals.push(goal("ga", &["a"], day(400)));
    s.goals.push(goal("gb", &["b"], day(400)));
    let p = plan(&[&c], &s, day(0));
    assert_eq!(p.goal("gb").unwrap().likely_finish, Some(day(21)));
    let mut profile = waymark::progress::Profile::of(&s);
    profile.move_goal("gb", 0).unwrap();
    profile.write(&mut s);
    let p = plan(&[&c], &s, day(0));
    assert_eq!(p.goals[0].goal, "gb");
    assert_eq!(p.goal("gb").unwrap().likely_finish, Some(day(7)));
    assert_eq!(p.goal("ga").unwrap().likely_finish, Some(day(21)));
}

#[test]
fn ranges_widen_with_the_spread_of_the_estimates() {
    let narrow = curriculum("core", vec![spread(m("a", Some(20.0), &[]), Some(20.0))]);
    let wide = curriculum("core", vec![spread(m("a", Some(20.0), &[]), Some(60.0))]);
    let default = curriculum("core", vec![spread(m("a", Some(20.0), &[]), None)]);
    let mut s = State {
        hours_per_week: 10.0,
        ..State::default()
    };
    s.goals.push(goal("g", &["a"], day(400)));
    let of = |c: &Curriculum| plan(&[c], &s, day(0)).goals.remove(0);
    let (n, w, d) = (of(&narrow), of(&wide), of(&default));
    assert_eq!(
        n.likely_finish, w.likely_finish,
        "one milestone's median is its estimate"
    );
    assert!(w.late_finish > n.late_finish);
    assert!(
        w.hours_left.late > d.hours_left.late,
        "3x is wider than the default 2x"
    );
    assert!(d.hours_left.late > n.hours_left.late);
}

#[test]
fn many_milestones_of_the_same_estimate_spread_less_than_one_of_all_their_hours() {
    // Independent misses partly cancel: twenty 5-hour milestones are surer than one of 100.
    let many: Vec<Milestone> = (0..20)
        .map(|i| spread(m(&format!("m{i}"), Some(5.0), &[]), Some(10.0)))
        .collect();
    let names: Vec<String> = (0..20).map(|i| format!("m{i}")).collect();
    let many = curriculum("core", many);
    let one = curriculum(
        "core",
        vec![spread(m("all", Some(100.0), &[]), Some(200.0))],
    );
    let mut s = State::default();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    s.goals.push(goal("g", &refs, day(400)));
    let spread_of = |h: waymark::plan::Hours| h.late / h.likely;
    let many = plan(&[&many], &s, day(0)).goals.remove(0).hours_left;
    s.goals[0] = goal("g", &["all"], day(400));
    let one = plan(&[&one], &s, day(0)).goals.remove(0).hours_left;
    assert!(spread_of(many) < spread_of(one), "{many:?} {one:?}");
    assert!(
        many.likely > 100.0,
        "the median of a sum of skewed hours is above the sum of medians"
    );
}

#[test]
fn dates_move_later_when_the_learner_takes_longer_than_the_estimates() {
    let mut milestones: Vec<Milestone> = (0..20)
        .map(|i| m(&format!("done{i}"), Some(10.0), &[]))
        .collect();
    milestones.push(m("next", Some(30.0), &[]));
    let c = curriculum("core", milestones);
    let mut s = State {
        hours_per_week: 10.0,
        ..State::default()
    };
    s.goals.push(goal("g", &["next"], day(400)));
    let before = plan(&[&c], &s, day(0));
    assert_eq!(before.pace.milestones, 0);
    assert_eq!(before.pace.factor, 1.0);

    s.set_status(&r("done0"), Status::Done, now());
    hours_on(&mut s, "done0", 20.0);
    let one = plan(&[&c], &s, day(0));
    for i in 1..20 {
        let id = format!("done{i}");
        s.set_status(&r(&id), Status::Done, now());
        hours_on(&mut s, &id, 20.0);
    }
    let twenty = plan(&[&c], &s, day(0));

    // Shrinkage: one milestone at 2x moves the pace a few percent (Huber's threshold over the
    // prior's weight of four milestones); twenty that agree, most of the way.
    assert_eq!(one.pace.milestones, 1);
    assert!(
        (one.pace.factor - (0.25f64 / 4.0).exp()).abs() < 1e-6,
        "{:?}",
        one.pace
    );
    assert!(
        (twenty.pace.factor - 2f64.powf(20.0 / 24.0)).abs() < 1e-6,
        "{:?}",
        twenty.pace
    );
    assert!(
        twenty
            .pace
            .words()
            .starts_with("You take about 1.8x the estimates so far")
    );
    let g = |p: &waymark::plan::Plan| p.goals[0].clone();
    assert!(g(&one).likely_finish > g(&before).likely_finish);
    assert!(g(&twenty).likely_finish > g(&one).likely_finish);
    assert!(g(&twenty).late_finish > g(&before).late_finish);
    // The pace is surer with twenty: the range is narrower relative to its middle.
    let width = |p: &waymark::plan::Plan| g(p).hours_left.late / g(p).hours_left.likely;
    assert!(width(&twenty) < width(&before));
}

#[test]
fn a_done_milestone_without_hours_or_without_an_estimate_teaches_nothing_about_the_pace() {
    let c = curriculum(
        "core",
        vec![
            m("a", Some(10.0), &[]),
            m("b", None, &[]),
            m("c", Some(4.0), &[]),
        ],
    );
    let mut s = state_with(&[
        ("a", Status::Done),
        ("b", Status::Done),
        ("c", Status::Skipped),
    ]);
    hours_on(&mut s, "b", 30.0);
    hours_on(&mut s, "c", 30.0);
    assert_eq!(plan(&[&c], &s, day(0)).pace, Pace::default());
}

#[test]
fn the_learners_own_estimate_replaces_the_curriculums() {
    let c = curriculum("core", vec![m("a", None, &[]), m("b", Some(10.0), &[])]);
    let mut s = State::default();
    s.goals.push(goal("g", &["a"], day(400)));
    let before = plan(&[&c], &s, day(0)).goals.remove(0);
    assert!(before.approximate, "no estimate: the median counts");
    s.set_own_estimate(&r("a"), Some(3.0));
    let after = plan(&[&c], &s, day(0)).goals.remove(0);
    assert!(!after.approximate);
    assert_close(after.hours_left.likely, 3.0);
}

#[test]
fn hours_logged_on_an_unfinished_milestone_come_off_what_is_left_of_it() {
    let c = curriculum("core", vec![m("a", Some(10.0), &[])]);
    let mut s = state_with(&[("a", Status::Doing)]);
    s.goals.push(goal("g", &["a"], day(400)));
    hours_on(&mut s, "a", 4.0);
    assert_close(plan(&[&c], &s, day(0)).goals[0].hours_left.likely, 6.0);
    hours_on(&mut s, "a", 40.0);
    assert_close(plan(&[&c], &s, day(0)).goals[0].hours_left.likely, 1.0);
}

#[test]
fn a_reachable_target_is_the_late_finish_rounded_up_to_a_week_and_is_never_at_risk() {
    let c = curriculum(
        "core",
        vec![
            m("a", Some(13.0), &[]),
            m("b", Some(29.0), &["a"]),
            m("x", Some(3.0), &[]),
        ],
    );
    let mut s = State {
        hours_per_week: 6.0,
        ..State::default()
    };
    s.goals.push(goal("first", &["b"], NaiveDate::MAX));
    s.goals.push(goal("second", &["x"], NaiveDate::MAX));
    let p = plan(&[&c], &s, day(0));
    for (g, f) in s.goals.iter_mut().zip(&p.goals) {
        let target = reachable_target(f, day(0)).unwrap();
        assert!(target >= f.late_finish.unwrap());
        assert_eq!(
            (target - day(0)).num_days() % 7,
            0,
            "a whole number of weeks"
        );
        assert!((target - f.late_finish.unwrap()).num_days() < 7);
        g.target = target;
    }
    let p = plan(&[&c], &s, day(0));
    assert!(
        p.goals.iter().all(|g| g.outlook == Outlook::OnTrack),
        "{:#?}",
        p.goals
    );
}

#[test]
fn each_remedy_of_the_advice_puts_a_late_goal_back_on_track() {
    let c = curriculum(
        "core",
        vec![
            m("a", Some(30.0), &[]),
            m("b", Some(30.0), &["a"]),
            m("c", Some(30.0), &["b"]),
        ],
    );
    let mut s = state_with(&[("a", Status::Doing)]);
    s.hours_per_week = 6.0;
    s.goals.push(goal("g", &["c"], day(70)));
    let p = plan(&[&c], &s, day(0));
    let g = p.goal("g").unwrap();
    assert_eq!(g.outlook, Outlook::AtRisk);
    let advice = g.advice.clone().unwrap();
    let words = advice.words(g.target);
    assert!(words.starts_with("Needs "), "{words}");
    assert!(
        words.contains(
            " h a week to make 12 Mar 2026 even if it goes badly, or move the target to "
        ),
        "{words}"
    );
    assert!(
        words.ends_with(", or mark as skipped what you already know."),
        "{words}"
    );
    assert_eq!(
        ids(&advice.skippable),
        ["b", "c"],
        "a milestone already started is not offered as known"
    );

    let mut more_hours = s.clone();
    more_hours.hours_per_week = advice.hours_per_week.unwrap();
    assert_eq!(
        plan(&[&c], &more_hours, day(0)).goals[0].outlook,
        Outlook::OnTrack
    );
    let mut later = s.clone();
    later.goals[0].target = advice.move_target_to;
    assert_eq!(
        plan(&[&c], &later, day(0)).goals[0].outlook,
        Outlook::OnTrack
    );
    let mut skipped = s.clone();
    for id in ["a", "b"] {
        skipped.set_status(&r(id), Status::Skipped, now());
    }
    assert_eq!(
        plan(&[&c], &skipped, day(0)).goals[0].outlook,
        Outlook::OnTrack
    );
    // A target that has passed leaves no number of hours that makes it.
    let mut passed = s.clone();
    passed.goals[0].target = day(0);
    assert_eq!(
        plan(&[&c], &passed, day(0)).goals[0]
            .advice
            .clone()
            .unwrap()
            .hours_per_week,
        None
    );
}

#[test]
fn this_week_fills_the_hours_a_week_in_plan_order_and_never_passes_them() {
    let c = curriculum(
        "core",
        vec![
            m("a", Some(2.0), &[]),
            m("b", Some(3.0), &["a"]),
            m("c", Some(40.0), &["b"]),
            m("other", Some(1.0), &[]),
        ],
    );
    let mut s = State {
        hours_per_week: 6.5,
        ..State::default()
    };
    s.goals.push(goal("g", &["c"], day(400)));
    let p = plan(&[&c], &s, day(0));
    let week = &p.week;
    let items: Vec<(&str, f64, bool)> = week
        .items
        .iter()
        .map(|i| (i.milestone.milestone.as_str(), i.hours, i.available))
        .collect();
    assert_eq!(
        items,
        [("a", 2.0, true), ("b", 3.0, false), ("c", 1.5, false)]
    );
    assert_close(week.planned(), 6.5);
    assert!(week.items.iter().all(|i| i.goal.as_deref() == Some("g")));

    // With little goal work left the week goes on with the rest of the focus.
    s.goals[0] = goal("g", &["a"], day(400));
    let p = plan(&[&c], &s, day(0));
    let names: Vec<&str> = p
        .week
        .items
        .iter()
        .map(|i| i.milestone.milestone.as_str())
        .collect();
    assert_eq!(
        names,
        ["a", "other"],
        "b waits on a and is not next-up work"
    );
    assert!(p.week.planned() <= 6.5);
}

#[test]
fn this_week_says_when_its_hours_are_the_learners_own_estimate() {
    let c = curriculum("core", vec![m("a", Some(2.0), &[]), m("b", Some(3.0), &[])]);
    let mut s = State {
        hours_per_week: 6.0,
        ..State::default()
    };
    s.goals.push(goal("g", &["a", "b"], day(400)));
    s.set_own_estimate(&r("a"), Some(4.0));
    let p = plan(&[&c], &s, day(0));
    let notes: Vec<(&str, String)> = p
        .week
        .items
        .iter()
        .map(|i| (i.milestone.milestone.as_str(), i.note()))
        .collect();
    assert_eq!(
        notes,
        [
            ("a", "4 h this week, by your estimate".to_owned()),
            ("b", "2 h this week".to_owned())
        ]
    );
    assert_eq!(
        waymark::plan::estimate_words(Some(4.0), Some(2.0)),
        "4 h (yours)"
    );
    assert_eq!(waymark::plan::estimate_words(None, Some(2.5)), "2.5 h");
    assert_eq!(waymark::plan::estimate_words(None, None), "? h");
}

#[test]
fn this_week_keeps_what_was_done_and_logged_since_monday() {
    let c = curriculum(
        "core",
        vec![m("a", Some(2.0), &[]), m("b", Some(10.0), &[])],
    );
    let mut s = State {
        hours_per_week: 6.0,
        ..State::default()
    };
    s.goals.push(goal("g", &["a", "b"], day(400)));
    // `now()` is 2023-11-14, a Tuesday: plan on its Thursday.
    let thursday = NaiveDate::from_ymd_opt(2023, 11, 16).unwrap();
    s.set_status(&r("a"), Status::Done, now());
    hours_on(&mut s, "a", 2.5);
    hours_on(&mut s, "b", 1.0);
    let p = plan(&[&c], &s, thursday);
    let week = &p.week;
    assert_eq!(week.starts, NaiveDate::from_ymd_opt(2023, 11, 13).unwrap());
    assert_close(week.logged, 3.5);
    let a = &week.items[0];
    assert_eq!((a.milestone.milestone.as_str(), a.finished), ("a", true));
    assert_close(a.hours, 2.5);
    let b = &week.items[1];
    assert_close(b.logged, 1.0);
    assert_close(b.hours, 3.5);
    assert_close(week.planned(), 6.0);
    // A week later the same log is last week's.
    let p = plan(&[&c], &s, thursday + chrono::Days::new(7));
    let kinds: Vec<_> = p
        .week
        .items
        .iter()
        .map(|i| (i.milestone.milestone.as_str(), i.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("a", waymark::plan::WeekKind::Review),
            ("b", waymark::plan::WeekKind::Work)
        ],
        "a is due for its first review a week after it was done"
    );
    assert_close(p.week.logged, 0.0);
}

#[test]
fn the_focus_count_is_the_chosen_focus_of_every_curriculum() {
    let c = curriculum(
        "core",
        vec![
            m("shared", Some(1.0), &[]),
            focused(m("retrieval", Some(2.0), &[]), &["rag"]),
            focused(m("cnn", Some(3.0), &[]), &["vision"]),
        ],
    );
    let mut s = state_with(&[("shared", Status::Done), ("cnn", Status::Done)]);
    let p = plan(&[&c], &s, day(0));
    assert_eq!(
        (p.focus.finished, p.focus.total),
        (2, 3),
        "no focus: everything"
    );
    s.focus.push(FocusRef {
        curriculum: "core".into(),
        focus: "rag".into(),
    });
    let p = plan(&[&c], &s, day(0));
    assert_eq!((p.focus.finished, p.focus.total), (1, 2));
    // A whole-curriculum choice on one with areas (a peer's record) changes nothing.
    s.focus.push(FocusRef::whole("core"));
    let p = plan(&[&c], &s, day(0));
    assert_eq!((p.focus.finished, p.focus.total), (1, 2));
}

#[test]
fn due_reviews_and_refreshers_take_their_share_of_the_week_and_projects_are_never_reviewed() {
    let mut project = m("project", Some(10.0), &[]);
    project.kind = waymark::curriculum::Kind::Project;
    let mut milestones = vec![
        m("skill", Some(20.0), &[]),
        project,
        m("next", Some(50.0), &[]),
    ];
    for i in 0..20 {
        milestones.push(m(&format!("old{i}"), Some(2.0), &[]));
    }
    let c = curriculum("core", milestones);
    let mut s = State {
        hours_per_week: 5.0,
        ..State::default()
    };
    // Finished 2023-11-14 (a Tuesday): due a week later, on the 21st.
    for id in ["skill", "project"] {
        s.set_status(&r(id), Status::Done, now());
    }
    let monday = NaiveDate::from_ymd_opt(2023, 11, 20).unwrap();
    let p = plan(&[&c], &s, monday);
    assert_eq!(p.reviews.due_count, 0);
    assert_eq!(
        ids(&p
            .reviews
            .upcoming
            .iter()
            .map(|d| d.milestone.clone())
            .collect::<Vec<_>>()),
        ["skill"]
    );
    let first = &p.week.items[0];
    assert_eq!(
        (first.milestone.milestone.as_str(), first.kind, first.hours),
        ("skill", waymark::plan::WeekKind::Review, 0.25),
        "due by Sunday, so in this week"
    );
    let tuesday = monday + chrono::Days::new(1);
    let p = plan(&[&c], &s, tuesday);
    assert_eq!(p.reviews.due_count, 1);
    assert_eq!(p.reviews.due[0].due, tuesday);

    s.record_review(
        &r("skill"),
        false,
        "",
        waymark::clock::on_day(tuesday, now()),
    );
    let p = plan(&[&c], &s, tuesday);
    let first = &p.week.items[0];
    assert_eq!(first.kind, waymark::plan::WeekKind::Refresher);
    assert_eq!(
        first.hours, 2.0,
        "15% of 20 h is 3 h, and a refresher is at most 2"
    );
    assert!(p.reviews.upcoming[0].lapsed);
    assert!(p.week.planned() <= 5.0);

    // Twenty skills due at once take at most 30% of the week.
    for i in 0..20 {
        s.set_status(&r(&format!("old{i}")), Status::Done, now());
    }
    s.milestone_mut(&r("skill")).reviews.clear();
    let p = plan(&[&c], &s, tuesday);
    let reviewing: f64 = p
        .week
        .items
        .iter()
        .filter(|i| i.kind == waymark::plan::WeekKind::Review)
        .map(|i| i.hours)
        .sum();
    assert_close(reviewing, 1.5);
    assert_eq!(p.reviews.due_count, 21);
    assert!(
        p.week.items.iter().any(|i| i.milestone.milestone == "next"),
        "new work stays"
    );
}

#[test]
fn the_forecast_curve_rises_agrees_with_the_dates_and_cuts_at_the_target() {
    let mut milestones: Vec<Milestone> = (0..8)
        .map(|i| m(&format!("step{i}"), Some(10.0), &[]))
        .collect();
    milestones.push(m("first", Some(5.0), &[]));
    let c = curriculum("core", milestones);
    let mut s = State {
        hours_per_week: 10.0,
        ..State::default()
    };
    s.goals.push(goal("quick", &["first"], day(400)));
    let steps: Vec<String> = (0..8).map(|i| format!("step{i}")).collect();
    let steps: Vec<&str> = steps.iter().map(String::as_str).collect();
    // 80 h at 10 h a week is about eight weeks: a target in five is at risk.
    s.goals.push(goal("g", &steps, day(35)));
    let p = plan(&[&c], &s, day(0));
    for f in &p.goals {
        let dates: Vec<NaiveDate> = waymark::plan::CHANCES
            .iter()
            .map(|&c| f.date_at(c, &p.calendar).unwrap())
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        // Its 50% and 90% dates are the likely and late finish, exactly.
        assert_eq!(f.date_at(0.5, &p.calendar), f.likely_finish);
        assert_eq!(f.date_at(0.9, &p.calendar), f.late_finish);
    }
    let g = p.goal("g").unwrap();
    assert_eq!(g.outlook, waymark::plan::Outlook::AtRisk);
    let chance = g.chance_by(day(35), &p.calendar).unwrap();
    assert!(chance < 0.9, "at risk means under 90%: {chance}");
    assert!(g.date_at(chance, &p.calendar).unwrap() <= day(35));
    // The cut line: a prefix of the steps ends by the target, 90% sure; not all of them.
    let cut = g.by_target.clone().unwrap();
    assert_eq!(cut.of, 8);
    assert!(cut.fit > 0 && cut.fit < 8, "{cut:?}");
    let first_out = cut.first_out.unwrap();
    assert_eq!(first_out.milestone, format!("step{}", cut.fit));
    // The quick goal, on track, fits whole.
    let quick = p.goal("quick").unwrap().by_target.clone().unwrap();
    assert_eq!((quick.fit, quick.of, quick.first_out), (1, 1, None));
}

// ---- Weeks that differ: time away and other hours ------------------------------------------

fn away(from: u32, to: u32) -> waymark::progress::Period {
    waymark::progress::Period::away(day(from), day(to))
}

#[test]
fn four_weeks_away_move_every_projection_by_four_weeks() {
    let milestones: Vec<Milestone> = (0..6)
        .map(|i| spread(m(&format!("s{i}"), Some(10.0), &[]), Some(20.0)))
        .collect();
    let c = curriculum("core", milestones);
    let mut s = State {
        hours_per_week: 6.0,
        ..State::default()
    };
    s.goals
        .push(goal("g", &["s0", "s1", "s2", "s3", "s4", "s5"], day(90)));
    let before = plan(&[&c], &s, day(0));
    // Away from the third week for four weeks: every date after it moves by 28 days.
    s.periods.push(away(14, 41));
    let after = plan(&[&c], &s, day(0));
    let (b, a) = (before.goal("g").unwrap(), after.goal("g").unwrap());
    let moved = |x: Option<NaiveDate>, y: Option<NaiveDate>| (y.unwrap() - x.unwrap()).num_days();
    assert_eq!(moved(b.likely_finish, a.likely_finish), 28);
    assert_eq!(moved(b.late_finish, a.late_finish), 28);
    for chance in waymark::plan::CHANCES {
        assert_eq!(
            moved(
                b.date_at(chance, &before.calendar),
                a.date_at(chance, &after.calendar)
            ),
            28,
            "{chance}"
        );
    }
    // The forecast agrees with status's dates exactly, time away and all.
    assert_eq!(a.date_at(0.5, &after.calendar), a.likely_finish);
    assert_eq!(a.date_at(0.9, &after.calendar), a.late_finish);
    // The target the plan suggests moves with it; the hours it asks for count the break.
    assert_eq!(
        (reachable_target(a, day(0)).unwrap() - reachable_target(b, day(0)).unwrap()).num_days(),
        28
    );
    assert_eq!(b.outlook, Outlook::AtRisk);
    let (need_b, need_a) = (
        b.advice.as_ref().unwrap().hours_per_week.unwrap(),
        a.advice.as_ref().unwrap().hours_per_week.unwrap(),
    );
    assert!(need_a > need_b, "{need_b} then {need_a}");
}

#[test]
fn a_week_away_plans_nothing_and_says_until_when() {
    let c = curriculum(
        "core",
        vec![m("a", Some(10.0), &[]), m("b", Some(3.0), &[])],
    );
    let mut s = State {
        hours_per_week: 6.0,
        ..State::default()
    };
    s.goals.push(goal("g", &["a", "b"], day(400)));
    // 2026-01-05 is a Monday: away that week and the next day.
    let monday = day(4);
    s.periods.push(away(4, 11));
    let p = plan(&[&c], &s, monday + chrono::Days::new(2));
    assert_eq!(p.week.budget, 0.0);
    assert!(p.week.items.is_empty(), "{:?}", p.week.items);
    assert_eq!(p.week.away_until, Some(day(11)));
    assert_eq!(
        p.week.away_words().unwrap(),
        "You're away until Mon 12 Jan: nothing is planned this week."
    );
    // The week after: back on Tuesday, six days of six hours a week.
    let p = plan(&[&c], &s, monday + chrono::Days::new(7));
    assert_close(p.week.budget, 6.0 * 6.0 / 7.0);
    assert!(!p.week.items.is_empty());
    assert!(p.week.planned() <= p.week.budget + 1e-9);
    assert!(p.week.away_words().is_some(), "away on its Monday");
    let p = plan(&[&c], &s, monday + chrono::Days::new(8));
    assert_eq!(p.week.away_words(), None);
}

#[test]
fn reviews_due_while_away_are_spread_over_the_weeks_after_the_break() {
    let milestones: Vec<Milestone> = (0..8)
        .map(|i| m(&format!("k{i}"), Some(2.0), &[]))
        .collect();
    let c = curriculum("core", milestones);
    let mut s = State::default();
    // Finished on eight days in a row: due a week after each, all inside the break.
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for i in 0..8u32 {
        let done = start + chrono::Days::new(u64::from(i) * 3);
        s.set_status(
            &r(&format!("k{i}")),
            Status::Done,
            waymark::clock::on_day(done, now()),
        );
    }
    let without = plan(&[&c], &s, day(0));
    let due = |p: &waymark::plan::Plan| -> Vec<NaiveDate> {
        p.reviews.upcoming.iter().map(|r| r.due).collect()
    };
    assert_eq!(due(&without).len(), 8);
    // Away the four weeks that hold every due date.
    s.periods.push(away(7, 34));
    let with = plan(&[&c], &s, day(0));
    let moved = due(&with);
    let back = day(35);
    assert!(moved.iter().all(|&d| d >= back), "{moved:?}");
    assert!(moved.windows(2).all(|w| w[0] <= w[1]), "in their order");
    let first_day = moved.iter().filter(|&&d| d == back).count();
    assert_eq!(first_day, 1, "not heaped on the first day back: {moved:?}");
    assert!(
        *moved.last().unwrap() > back + chrono::Days::new(14),
        "{moved:?}"
    );
    // On the day back, only what fell due at the break's start is due.
    let p = plan(&[&c], &s, back);
    assert_eq!(p.reviews.due_count, 1);
}

#[test]
fn a_week_away_is_not_counted_against_weeks_on_plan() {
    let c = curriculum("core", vec![m("a", Some(100.0), &[])]);
    let mut s = State {
        hours_per_week: 4.0,
        ..State::default()
    };
    // Three hours logged on the Monday of each of the four weeks before 2026-01-26 but the
    // third.
    for week in [0u64, 1, 3] {
        let at = NaiveDate::from_ymd_opt(2025, 12, 29).unwrap() + chrono::Days::new(week * 7);
        s.log_hours(&r("a"), 3.0, waymark::clock::on_day(at, now()));
    }
    let today = NaiveDate::from_ymd_opt(2026, 1, 26).unwrap();
    let p = plan(&[&c], &s, today);
    assert_eq!(p.activity.weeks_on_plan(4.0), (3, 4));
    s.periods.push(waymark::progress::Period::away(
        NaiveDate::from_ymd_opt(2026, 1, 12).unwrap(),
        NaiveDate::from_ymd_opt(2026, 1, 18).unwrap(),
    ));
    let p = plan(&[&c], &s, today);
    assert_eq!(p.activity.weeks_on_plan(4.0), (3, 3));
}
