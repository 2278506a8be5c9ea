//! The planner: availability, next-up order, goal forecasts.

use chrono::{DateTime, NaiveDate, Utc};
use waymark::curriculum::format;
use waymark::curriculum::{Curriculum, FocusArea, Kind, Milestone, Section};
use waymark::plan::{
    Availability, Index, Outlook, availability, finished_count, median_effort, plan, plan_with,
};
use waymark::progress::{AdoptedGoal, FocusRef, MilestoneRef, State, Status};
use waymark::workspace::{Origin, Workspace};

fn m(id: &str, effort: Option<f64>, requires: &[&str]) -> Milestone {
    Milestone {
        id: id.into(),
        title: id.into(),
        kind: Kind::Skill,
        effort_hours: effort,
        effort_hours_high: None,
        focus: Vec::new(),
        requires: requires.iter().map(|s| (*s).into()).collect(),
        summary: String::new(),
        mentor_tip: String::new(),
        resources: Vec::new(),
        renamed_from: Vec::new(),
    }
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
fn next_up_puts_goal_work_first_by_target_date() {
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
    // `d` pulls in its prerequisite `c`, which is the available part of the later goal.
    s.goals.push(goal("late", &["d"], day(90)));
    s.goals.push(goal("soon", &["b"], day(10)));
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
fn next_up_prefers_smaller_effort_then_document_order() {
    let c = curriculum(
        "core",
        vec![
            m("big", Some(40.0), &[]),
            m("unestimated", None, &[]),
            m("small", Some(1.0), &[]),
            m("small-too", Some(1.0), &[]),
            m("medium", Some(10.0), &[]),
        ],
    );
    // The median of 40, 1, 1, 10 is 5.5, so the unestimated one sorts between 1 and 10.
    let p = plan(&[&c], &State::default(), day(0));
    assert_eq!(
        ids(&p.next_up),
        ["small", "small-too", "unestimated", "medium", "big"]
    );
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
    assert_eq!(g.remaining_hours, 35.0);
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
    assert_eq!(g.remaining_hours, 4.0);
    assert!(g.approximate);

    // Only the remaining milestones decide whether the forecast is approximate.
    let mut s = state_with(&[("mystery", Status::Done)]);
    s.goals.push(goal("g", &["mystery"], day(365)));
    let g = plan(&[&c], &s, day(0)).goals.remove(0);
    assert_eq!(g.remaining_hours, 2.0);
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
    assert_eq!(g.remaining_hours, 0.0);
    assert!(g.approximate);
}

#[test]
fn goals_are_on_track_at_risk_reached_or_without_capacity() {
    let c = curriculum(
        "core",
        vec![m("a", Some(12.0), &[]), m("b", Some(6.0), &[])],
    );
    let mut s = state_with(&[("b", Status::Done)]);
    s.hours_per_week = 6.0;
    // 12 hours at 6 a week: 14 days.
    s.goals.push(goal("on-time", &["a"], day(14)));
    s.goals.push(goal("too-soon", &["a"], day(13)));
    s.goals.push(goal("finished", &["b"], day(1)));
    let p = plan(&[&c], &s, day(0));
    let on = p.goal("on-time").unwrap();
    assert_eq!(on.projected_finish, Some(day(14)));
    assert_eq!(on.outlook, Outlook::OnTrack);
    let risk = p.goal("too-soon").unwrap();
    assert_eq!(risk.projected_finish, Some(day(14)));
    assert_eq!(risk.outlook, Outlook::AtRisk);
    let done = p.goal("finished").unwrap();
    assert_eq!(done.outlook, Outlook::Reached);
    assert_eq!(done.remaining_milestones, 0);

    for weekly in [0.0, -3.0, f64::NAN, f64::INFINITY] {
        s.hours_per_week = weekly;
        let p = plan(&[&c], &s, day(0));
        let g = p.goal("on-time").unwrap();
        assert_eq!(g.outlook, Outlook::NoCapacity, "{weekly} hours a week");
        assert_eq!(g.projected_finish, None);
        assert_eq!(p.goal("finished").unwrap().outlook, Outlook::Reached);
    }
}

#[test]
fn milestones_shared_between_goals_are_worked_once_in_order_of_target_date() {
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
    // Adopted out of date order: the simulation follows the target dates.
    s.goals.push(goal("later", &["right"], day(100)));
    s.goals.push(goal("first", &["left"], day(50)));
    let p = plan(&[&c], &s, day(0));
    assert_eq!(
        p.goals[0].goal, "later",
        "forecasts stay in the order adopted"
    );
    let first = p.goal("first").unwrap();
    assert_eq!(first.remaining_hours, 14.0);
    assert_eq!(first.projected_finish, Some(day(14)));
    let later = p.goal("later").unwrap();
    assert_eq!(
        later.remaining_hours, 21.0,
        "its own remaining work still counts base"
    );
    // base + left + right = 28 hours, base counted once.
    assert_eq!(later.projected_finish, Some(day(28)));
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
    assert_eq!(g.remaining_hours, 3.0);
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
    assert_eq!(g.projected_finish, Some(NaiveDate::MAX));
    assert_eq!(g.outlook, Outlook::AtRisk);
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
        ["python", "rag", "y"],
        "the last change is seen"
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
        ws.apply_import(pending, false, false, now()).unwrap();
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
    let state = ws.state.clone();
    ws.restore_curriculum("extra", Some((first, Origin::Imported)), state)
        .unwrap();
    assert!(!ws.plan(day(0)).next_up.contains(&y), "so is its undo");
    ws.remove_curriculum("extra", now()).unwrap();
    assert!(!ws.plan(day(0)).next_up.contains(&x), "so is the removal");
}
