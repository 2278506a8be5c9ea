//! Curriculum updates: the preview diff, and the learner's progress carried across it.

use chrono::{DateTime, NaiveDate, Utc};
use waymark::curriculum::update::diff;
use waymark::curriculum::{Curriculum, Kind, Milestone, Resource, Section};
use waymark::progress::{AdoptedGoal, MilestoneRef, State, Status};
use waymark::workspace::Change;

fn m(id: &str) -> Milestone {
    Milestone {
        id: id.into(),
        title: format!("Learn {id}"),
        kind: Kind::Skill,
        effort_hours: Some(5.0),
        effort_hours_high: None,
        focus: Vec::new(),
        requires: Vec::new(),
        summary: String::new(),
        mentor_tip: String::new(),
        resources: Vec::new(),
        renamed_from: Vec::new(),
        split_from: Vec::new(),
    }
}

fn renamed(id: &str, from: &[&str]) -> Milestone {
    let mut milestone = m(id);
    milestone.renamed_from = from.iter().map(|s| (*s).into()).collect();
    milestone
}

fn curriculum(revision: u32, milestones: Vec<Milestone>) -> Curriculum {
    Curriculum {
        id: "core".into(),
        revision,
        title: "Core".into(),
        summary: String::new(),
        authors: Vec::new(),
        license: String::new(),
        revision_note: String::new(),
        focus_areas: Vec::new(),
        sections: vec![Section {
            id: "all".into(),
            title: "All".into(),
            milestones,
        }],
        goals: Vec::new(),
    }
}

fn at(h: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + h * 3600, 0).expect("a valid time")
}

fn r(id: &str) -> MilestoneRef {
    MilestoneRef::new("core", id)
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).into()).collect()
}

#[test]
fn a_first_import_adds_every_milestone_in_document_order() {
    let c = curriculum(3, vec![m("python"), m("git"), m("numpy")]);
    let p = diff(None, &c);
    assert_eq!(p.curriculum, "core");
    assert_eq!(p.old_revision, None);
    assert_eq!(p.new_revision, 3);
    assert_eq!(p.added, strings(&["python", "git", "numpy"]));
    assert!(p.removed.is_empty() && p.renamed.is_empty() && p.changed.is_empty());
    assert!(!p.is_no_op());
}

#[test]
fn the_diff_finds_added_removed_renamed_and_changed_milestones() {
    let mut old_ml = m("ml");
    old_ml.requires = strings(&["numpy"]);
    let mut old_tip = m("tip");
    old_tip.mentor_tip = "old".into();
    let old = curriculum(
        1,
        vec![
            m("python"),
            m("numpy"),
            old_ml,
            m("dropped"),
            m("legacy"),
            old_tip,
            m("links"),
        ],
    );

    let mut new_python = m("python");
    new_python.title = "Python, properly".into();
    // Requiring the renamed milestone by its new id is not a change.
    let mut new_ml = m("ml");
    new_ml.requires = strings(&["arrays"]);
    let mut new_tip = m("tip");
    new_tip.mentor_tip = "new".into();
    let mut new_links = m("links");
    new_links.resources.push(Resource {
        title: "Docs".into(),
        url: "https://example.org".into(),
    });
    let mut modern = renamed("modern", &["legacy"]);
    modern.title = "Learn legacy".into();
    let mut moved = renamed("arrays", &["numpy"]);
    moved.kind = Kind::Framework;
    let new = curriculum(
        2,
        vec![
            m("fresh"),
            new_python,
            moved,
            new_ml,
            modern,
            new_tip,
            new_links,
        ],
    );

    let p = diff(Some(&old), &new);
    assert_eq!(p.old_revision, Some(1));
    assert_eq!(p.new_revision, 2);
    assert_eq!(p.added, strings(&["fresh"]));
    assert_eq!(p.removed, strings(&["dropped"]));
    assert_eq!(
        p.renamed,
        vec![
            ("numpy".to_string(), "arrays".to_string()),
            ("legacy".to_string(), "modern".to_string()),
        ]
    );
    assert_eq!(p.changed, strings(&["python", "arrays", "tip", "links"]));
    assert!(!p.is_no_op());
    assert!(!p.is_downgrade());
}

#[test]
fn the_diff_follows_a_rename_through_an_id_both_revisions_remember() {
    // Revision 2 renamed `a` to `b`; revision 3 renamed it to `c` but only recorded `a`.
    let old = curriculum(2, vec![renamed("b", &["a"])]);
    let new = curriculum(3, vec![renamed("c", &["a"])]);
    let p = diff(Some(&old), &new);
    assert_eq!(p.renamed, vec![("b".to_string(), "c".to_string())]);
    assert!(p.added.is_empty() && p.removed.is_empty());
}

#[test]
fn an_unchanged_revision_is_a_no_op_and_an_older_one_a_downgrade() {
    let c = curriculum(4, vec![m("a"), renamed("b", &["old-b"])]);
    assert!(diff(Some(&c), &c).is_no_op());
    let older = curriculum(3, vec![m("a"), renamed("b", &["old-b"])]);
    assert!(diff(Some(&c), &older).is_downgrade());
}

fn worked(s: &mut State, id: &str, notes: &str) {
    s.set_status(&r(id), Status::Done, at(1));
    s.milestone_mut(&r(id)).notes = notes.into();
    s.milestone_mut(&r(id))
        .evidence
        .push(format!("https://git.example/{id}"));
}

fn adopted(milestones: &[&str]) -> AdoptedGoal {
    AdoptedGoal {
        id: "g".into(),
        title: "G".into(),
        source: None,
        mentor_note: String::new(),
        milestones: milestones.iter().map(|id| r(id)).collect(),
        target: NaiveDate::from_ymd_opt(2027, 1, 1).expect("a valid date"),
        adopted_at: at(0),
    }
}

#[test]
fn importing_an_update_keeps_progress_on_renamed_milestones() {
    let old = curriculum(1, vec![m("numpy"), m("git")]);
    let new = curriculum(2, vec![renamed("arrays", &["numpy"]), m("git")]);
    let mut s = State::default();
    worked(&mut s, "numpy", "broadcasting!");
    s.apply_update(&diff(Some(&old), &new), at(0));
    assert_eq!(s.milestone(&r("numpy")), None);
    let moved = s.milestone(&r("arrays")).unwrap();
    assert_eq!(moved.status, Status::Done);
    assert_eq!(moved.notes, "broadcasting!");
    assert_eq!(moved.history.len(), 1);
    assert!(s.set_aside.is_empty());
}

#[test]
fn merging_two_milestones_into_one_keeps_both_histories_notes_and_evidence() {
    let old = curriculum(1, vec![m("keep"), m("merged")]);
    let new = curriculum(2, vec![renamed("keep", &["merged"])]);
    let mut s = State::default();
    s.set_status(&r("keep"), Status::Doing, at(1));
    s.milestone_mut(&r("keep")).notes = "mine".into();
    s.set_status(&r("merged"), Status::Done, at(5));
    s.milestone_mut(&r("merged")).notes = "theirs".into();
    s.milestone_mut(&r("merged")).hours_logged = 3.0;
    s.milestone_mut(&r("keep")).hours_logged = 2.0;
    s.apply_update(&diff(Some(&old), &new), at(0));
    let p = s.milestone(&r("keep")).unwrap();
    assert_eq!(p.status, Status::Done, "the latest decision stands");
    assert_eq!(p.history.len(), 2);
    assert!(p.history[0].at < p.history[1].at);
    assert_eq!(p.notes, "mine\n\ntheirs");
    assert_eq!(p.hours_logged, 5.0);
    assert_eq!(s.milestone(&r("merged")), None);
}

#[test]
fn progress_on_a_removed_milestone_is_set_aside_and_returns_with_it() {
    let v1 = curriculum(1, vec![m("a"), m("b"), m("blank")]);
    let v2 = curriculum(2, vec![m("a")]);
    let v3 = curriculum(3, vec![m("a"), m("b")]);
    let mut s = State::default();
    worked(&mut s, "b", "kept");
    s.milestone_mut(&r("blank"));

    s.apply_update(&diff(Some(&v1), &v2), at(0));
    assert_eq!(s.milestone(&r("b")), None);
    assert_eq!(s.milestone(&r("blank")), None);
    let aside = &s.set_aside["core"];
    assert_eq!(aside["b"].notes, "kept");
    assert!(
        !aside.contains_key("blank"),
        "blank progress is not worth keeping"
    );

    s.apply_update(&diff(Some(&v2), &v3), at(0));
    assert_eq!(s.milestone(&r("b")).unwrap().notes, "kept");
    assert_eq!(s.status(&r("b")), Status::Done);
    assert!(s.set_aside.is_empty());
}

#[test]
fn removing_then_reimporting_a_curriculum_restores_its_progress() {
    let c = curriculum(1, vec![m("a"), m("b")]);
    let mut s = State::default();
    worked(&mut s, "a", "first");
    s.set_status(&r("b"), Status::Doing, at(2));

    s.set_aside_curriculum("core");
    assert!(!s.progress.contains_key("core"));
    assert_eq!(s.set_aside["core"].len(), 2);

    s.apply_update(&diff(None, &c), at(0));
    assert_eq!(s.milestone(&r("a")).unwrap().notes, "first");
    assert_eq!(s.status(&r("a")), Status::Done);
    assert_eq!(s.status(&r("b")), Status::Doing);
    assert!(s.set_aside.is_empty());
}

#[test]
fn setting_aside_a_curriculum_twice_merges_with_what_was_already_set_aside() {
    let v1 = curriculum(1, vec![m("a")]);
    let v2 = curriculum(2, vec![]);
    let mut s = State::default();
    worked(&mut s, "a", "old note");
    s.apply_update(&diff(Some(&v1), &v2), at(0));
    s.milestone_mut(&r("a")).notes = "new note".into();
    s.set_aside_curriculum("core");
    assert_eq!(s.set_aside["core"]["a"].notes, "new note\n\nold note");
    assert_eq!(s.set_aside["core"]["a"].evidence.len(), 1);
}

#[test]
fn goal_milestones_follow_renames() {
    let old = curriculum(1, vec![m("numpy"), m("pandas"), m("git")]);
    let new = curriculum(2, vec![renamed("arrays", &["numpy", "pandas"]), m("git")]);
    let mut s = State::default();
    s.goals.push(adopted(&["numpy", "git", "pandas"]));
    let mut other = adopted(&["numpy"]);
    other.id = "other-curriculum".into();
    other.milestones = vec![MilestoneRef::new("elsewhere", "numpy")];
    s.goals.push(other);
    s.apply_update(&diff(Some(&old), &new), at(0));
    assert_eq!(s.goals[0].milestones, vec![r("arrays"), r("git")]);
    assert_eq!(
        s.goals[1].milestones,
        vec![MilestoneRef::new("elsewhere", "numpy")],
        "another curriculum's milestone of the same name is left alone"
    );
}

#[test]
fn an_update_of_100000_renamed_milestones_carries_every_bit_of_progress() {
    let n = 100_000;
    let old = curriculum(1, (0..n).map(|i| m(&format!("old-{i}"))).collect());
    let new = curriculum(
        2,
        (0..n)
            .map(|i| {
                let mut next = renamed(&format!("new-{i}"), &[&format!("old-{i}")]);
                next.title = format!("Learn old-{i}");
                next
            })
            .collect(),
    );
    let mut s = State::default();
    for i in (0..n).step_by(2) {
        s.set_status(&r(&format!("old-{i}")), Status::Done, at(1));
    }
    let preview = diff(Some(&old), &new);
    assert_eq!(preview.renamed.len(), n);
    assert!(preview.added.is_empty() && preview.removed.is_empty() && preview.changed.is_empty());
    s.apply_update(&preview, at(0));
    assert_eq!(s.progress["core"].len(), n / 2);
    assert_eq!(s.status(&r("new-0")), Status::Done);
    assert_eq!(s.status(&r("new-1")), Status::Todo);
}

fn resource(title: &str) -> Resource {
    Resource {
        title: title.into(),
        url: format!("https://example.org/{title}"),
    }
}

/// `edit` applied to milestone `a` of revision 1, as revision 2.
fn revised(edit: impl Fn(&mut Milestone)) -> (Curriculum, Curriculum) {
    let mut a = m("a");
    a.resources = vec![resource("one"), resource("two")];
    a.requires = vec!["b".into()];
    let old = curriculum(1, vec![a, m("b"), m("c")]);
    let mut new = old.clone();
    new.revision = 2;
    edit(&mut new.sections[0].milestones[0]);
    (old, new)
}

/// A change to one milestone.
type Edit = fn(&mut Milestone);

#[test]
fn what_a_learner_finished_from_flags_a_milestone_and_the_rest_does_not() {
    let flags: [(&str, Edit); 5] = [
        ("title", |m| m.title = "Learn a, properly".into()),
        ("summary", |m| {
            m.summary = "Done when you can teach it.".into()
        }),
        ("a new resource", |m| m.resources.push(resource("three"))),
        ("a resource gone", |m| {
            m.resources.pop();
        }),
        ("requirements", |m| m.requires.push("c".into())),
    ];
    for (what, edit) in flags {
        let (old, new) = revised(edit);
        let preview = diff(Some(&old), &new);
        assert_eq!(preview.revised.len(), 1, "{what} flags it");
        assert_eq!(preview.revised[0].milestone, "a");
    }
    let quiet: [(&str, Edit); 5] = [
        ("the mentor tip", |m| m.mentor_tip = "Reworded.".into()),
        ("the effort", |m| m.effort_hours = Some(9.0)),
        ("the kind", |m| m.kind = Kind::Framework),
        ("the focus", |m| m.focus = vec!["nlp".into()]),
        ("resources reordered", |m| m.resources.reverse()),
    ];
    for (what, edit) in quiet {
        let (old, new) = revised(edit);
        let preview = diff(Some(&old), &new);
        assert!(
            preview.revised.is_empty(),
            "{what} does not flag it: {preview:?}"
        );
    }
}

#[test]
fn a_finished_milestone_keeps_its_status_flagged_until_kept_or_reopened() {
    let (old, new) = revised(|m| m.summary = "Done when you can teach it.".into());
    let mut s = State::default();
    s.set_status(&r("a"), Status::Done, at(0));
    s.set_status(&r("b"), Status::Doing, at(0));
    s.apply_update(&diff(Some(&old), &new), at(1));
    let p = s.milestone(&r("a")).unwrap();
    assert_eq!(p.status, Status::Done);
    let changed = p.changed.clone().expect("flagged");
    assert_eq!((changed.from_revision, changed.to_revision), (1, 2));
    assert_eq!(changed.before.summary, "");
    assert_eq!(changed.after.summary, "Done when you can teach it.");

    // A second update before the learner decided keeps what they finished.
    let mut third = new.clone();
    third.revision = 3;
    third.sections[0].milestones[0].summary = "Done when you can teach it twice.".into();
    s.apply_update(&diff(Some(&new), &third), at(2));
    let changed = s.milestone(&r("a")).unwrap().changed.clone().unwrap();
    assert_eq!(
        changed.before.summary, "",
        "what they finished stays the 'before'"
    );
    assert_eq!(changed.after.summary, "Done when you can teach it twice.");
    // And one back to what they finished clears the flag.
    let mut back = old.clone();
    back.revision = 4;
    s.apply_update(&diff(Some(&third), &back), at(3));
    assert!(s.milestone(&r("a")).unwrap().changed.is_none());

    s.apply_update(&diff(Some(&old), &new), at(4));
    assert!(s.keep_finished(&r("a")));
    assert_eq!(s.status(&r("a")), Status::Done);
    assert!(!s.keep_finished(&r("a")), "nothing left to keep");
    assert!(
        s.milestone(&r("b")).unwrap().changed.is_none(),
        "not finished: no flag"
    );
}

#[test]
fn the_flag_and_the_reviews_follow_a_renamed_milestone() {
    let old = curriculum(1, vec![m("a")]);
    let mut moved = renamed("a-new", &["a"]);
    moved.summary = "Done when it is renamed.".into();
    let new = curriculum(2, vec![moved]);
    let mut s = State::default();
    s.set_status(&r("a"), Status::Done, at(0));
    s.record_review(&r("a"), true, "fine", at(200));
    s.apply_update(&diff(Some(&old), &new), at(300));
    let p = s.milestone(&r("a-new")).unwrap();
    assert_eq!(p.status, Status::Done);
    assert_eq!(p.reviews.len(), 1);
    assert!(p.changed.is_some());
    assert!(s.milestone(&r("a")).is_none());
}

// ---------------------------------------------------------------------------------------------
// Progress across revisions without moving it (issue 19): records keep the names they were made
// under, and the curricula say what those are now.
// ---------------------------------------------------------------------------------------------

use waymark::sync::device::Device;
use waymark::workspace::Workspace;

const REVISION_2: &str = include_str!("fixtures/ai-engineer-r2.ron");

fn shipped_ref(id: &str) -> MilestoneRef {
    MilestoneRef::new("ai-engineer", id)
}

fn open(dir: &std::path::Path, device: &str) -> Workspace {
    Workspace::open_as(dir, Device::named(device))
        .expect("the workspace opens")
        .0
}

/// A data directory as a learner who used revision 2 left it: revision 2 loaded (imported here,
/// as it was bundled before), progress on a milestone revision 3 splits, on one it retires, on
/// one untouched, hours, notes, a review and an adopted goal.
fn revision_2_learner(dir: &std::path::Path) {
    let now = at(0);
    let mut ws = open(dir, "laptop");
    let pending = ws
        .preview_import("ai-engineer.ron", REVISION_2.as_bytes())
        .expect("revision 2 reads");
    ws.apply(
        Change::Import {
            pending: Box::new(pending),
            keep_checked: false,
            allow_older: true,
        },
        now,
    )
    .expect("revision 2 imports");
    for id in [
        "python-fundamentals",
        "python-data",
        "theano-history",
        "sql",
    ] {
        ws.apply(
            Change::SetStatus {
                milestone: (shipped_ref(id)).clone(),
                status: Status::Done,
            },
            now,
        )
        .expect("the change is made");
    }
    ws.apply(
        Change::LogHours {
            milestone: shipped_ref("python-data"),
            hours: 40.0,
        },
        now,
    )
    .expect("hours log");
    ws.apply(
        Change::SetNotes {
            milestone: (shipped_ref("llm-apis")).clone(),
            notes: "use the Responses API".into(),
        },
        now,
    )
    .expect("the change is made");
    ws.apply(
        Change::Review {
            milestone: (shipped_ref("sql")).clone(),
            passed: true,
            note: ("joins are fine").to_owned(),
        },
        at(1),
    )
    .expect("a review records");
    ws.apply(
        Change::AdoptGoal {
            curriculum: ("ai-engineer").to_owned(),
            goal: ("core-foundations").to_owned(),
            target: None,
        },
        now,
    )
    .expect("the goal adopts");
    ws.save().expect("the state saves");
}

#[test]
fn a_data_directory_made_with_revision_2_opens_on_revision_3_with_nothing_lost() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    revision_2_learner(dir.path());
    {
        // The learner updates Waymark: the revision 2 copy goes, the shipped revision 3 is
        // what is loaded. (Removing the imported copy is what brings the shipped one back.)
        let mut ws = open(dir.path(), "laptop");
        ws.apply(Change::RemoveCurriculum(("ai-engineer").to_owned()), at(2))
            .expect("the copy is removed");
    }
    let ws = open(dir.path(), "laptop");
    let c = ws
        .curriculum("ai-engineer")
        .expect("the shipped curriculum");
    assert_eq!(c.revision, 3);
    let state = &ws.state();
    for id in ["python-fundamentals", "python-data", "sql"] {
        assert_eq!(state.status(&shipped_ref(id)), Status::Done, "{id}");
    }
    // Split off from python-data, which the learner finished: finished too, no record needed.
    assert_eq!(
        state.status(&shipped_ref("numpy-pandas-basics")),
        Status::Done
    );
    let python_data = state
        .milestone(&shipped_ref("python-data"))
        .expect("progress");
    assert_eq!(python_data.hours_logged, 40.0);
    assert_eq!(
        state
            .milestone(&shipped_ref("llm-apis"))
            .map(|p| p.notes.as_str()),
        Some("use the Responses API")
    );
    assert_eq!(
        state
            .milestone(&shipped_ref("sql"))
            .map(|p| p.reviews.len()),
        Some(1)
    );
    // Retired, and kept aside rather than lost.
    assert_eq!(
        state.set_aside["ai-engineer"]["theano-history"].status,
        Status::Done
    );
    // Adopted goals stay adopted, as the learner adopted them.
    assert!(state.goal("core-foundations").is_some());
    // Quietly: no finished milestone is flagged as changed since.
    for (id, p) in state.progress["ai-engineer"].iter() {
        assert!(p.changed.is_none(), "{id} is flagged");
    }
    // What moved is told once, with the new goal order offered rather than applied.
    let today = NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date");
    let news = waymark::guide::whats_new(&ws, "ai-engineer", today, at(3)).expect("news");
    assert_eq!(news.revision, 3);
    assert!(!news.note.is_empty());
    assert!(
        news.split
            .iter()
            .any(|(part, _)| part.starts_with("NumPy and pandas basics")),
        "{:?}",
        news.split
    );
    assert_eq!(news.aside, ["theano-history"]);
    let new_path = news.new_path.expect("a new order is offered");
    assert!(new_path.goals.len() > 1);
    assert!(ws.state().goals.len() == 1, "nothing applied unasked");
}

#[test]
fn an_imported_update_flags_only_what_asks_more_of_the_learner() {
    let old = curriculum(1, {
        let mut a = m("whole");
        a.title = "The whole thing".into();
        let mut b = m("after");
        b.requires = strings(&["whole", "extra"]);
        vec![a, m("extra"), b]
    });
    let new = curriculum(2, {
        let mut part = m("part");
        part.split_from = strings(&["whole"]);
        let mut a = m("whole");
        a.title = "The whole thing".into();
        a.requires = strings(&["part"]);
        // Requires the part split off from what it required, and no longer "extra".
        let mut b = m("after");
        b.requires = strings(&["part"]);
        let mut more = m("more");
        more.requires = strings(&["whole", "brand-new"]);
        vec![part, a, m("extra"), b, m("brand-new"), more]
    });
    let p = diff(Some(&old), &new);
    let revised: Vec<&str> = p.revised.iter().map(|r| r.milestone.as_str()).collect();
    // "whole" now requires its own part: new, so flagged; "after" asks nothing new.
    assert_eq!(revised, ["whole"], "{:?}", p.revised);
}

/// Copies machine `device`'s folder and every curriculum copy from one data directory to
/// another, as a sync tool would.
fn deliver(from: &std::path::Path, to: &std::path::Path, device: &str) {
    let copy = |a: std::path::PathBuf, b: std::path::PathBuf| {
        std::fs::create_dir_all(&b).expect("a folder");
        for e in std::fs::read_dir(&a).expect("a folder").flatten() {
            let name = e.file_name();
            if name.to_string_lossy().ends_with(".postcard") {
                continue;
            }
            std::fs::copy(e.path(), b.join(name)).expect("a copy");
        }
    };
    copy(
        from.join("machines").join(device),
        to.join("machines").join(device),
    );
    copy(from.join("curricula"), to.join("curricula"));
}

#[test]
fn a_renaming_update_applied_on_two_machines_counts_no_hours_twice() {
    let rev = |revision: u32, id: &str, renamed_from: &[&str]| {
        let mut c = curriculum(revision, vec![renamed(id, renamed_from), m("other")]);
        c.id = "path".into();
        waymark::curriculum::format::to_ron(&c)
    };
    let path_ref = |id: &str| MilestoneRef::new("path", id);
    let (a, b) = (
        tempfile::tempdir().expect("a directory"),
        tempfile::tempdir().expect("a directory"),
    );
    {
        let mut ws = open(a.path(), "laptop");
        let pending = ws
            .preview_import("path.ron", rev(1, "old", &[]).as_bytes())
            .expect("reads");
        ws.apply(
            Change::Import {
                pending: Box::new(pending),
                keep_checked: false,
                allow_older: false,
            },
            at(0),
        )
        .expect("imports");
        ws.apply(
            Change::LogHours {
                milestone: path_ref("old"),
                hours: 5.0,
            },
            at(1),
        )
        .expect("logs");
        ws.apply(
            Change::SetStatus {
                milestone: (path_ref("old")).clone(),
                status: Status::Done,
            },
            at(1),
        )
        .expect("the change is made");
        ws.save().expect("saves");
    }
    deliver(a.path(), b.path(), "laptop");
    // Each machine applies the renaming update before seeing the other's.
    for dir in [a.path(), b.path()] {
        let device = if dir == a.path() { "laptop" } else { "desktop" };
        let mut ws = open(dir, device);
        assert_eq!(
            ws.state()
                .milestone(&path_ref("old"))
                .map(|p| p.hours_logged),
            Some(5.0)
        );
        let pending = ws
            .preview_import("path.ron", rev(2, "new", &["old"]).as_bytes())
            .expect("reads");
        assert_eq!(
            pending.preview.renamed,
            [("old".to_owned(), "new".to_owned())]
        );
        ws.apply(
            Change::Import {
                pending: Box::new(pending),
                keep_checked: false,
                allow_older: false,
            },
            at(2),
        )
        .expect("updates");
        assert_eq!(
            ws.state()
                .milestone(&path_ref("new"))
                .map(|p| p.hours_logged),
            Some(5.0)
        );
    }
    deliver(b.path(), a.path(), "desktop");
    deliver(a.path(), b.path(), "laptop");
    for (dir, device) in [(a.path(), "laptop"), (b.path(), "desktop")] {
        let ws = open(dir, device);
        let p = ws.state().milestone(&path_ref("new")).expect("progress");
        assert_eq!(p.hours_logged, 5.0, "{device}");
        assert_eq!(p.status, Status::Done, "{device}");
        assert!(ws.state().milestone(&path_ref("old")).is_none(), "{device}");
    }
}

#[test]
fn a_machine_on_an_older_waymark_keeps_a_newer_paths_progress_aside_and_says_why() {
    let dir = tempfile::tempdir().expect("a directory");
    {
        let mut ws = open(dir.path(), "desktop");
        ws.apply(
            Change::SetStatus {
                milestone: (shipped_ref("sql")).clone(),
                status: Status::Done,
            },
            at(0),
        )
        .expect("the change is made");
        ws.save().expect("saves");
    }
    // The laptop runs a Waymark whose path is a newer revision, with a milestone this one
    // does not know.
    let laptop = dir.path().join("machines").join("laptop");
    std::fs::create_dir_all(&laptop).expect("a folder");
    std::fs::write(
        laptop.join("about.ron"),
        r#"(format: 1, waymark: "9.0.0", bundled: {"ai-engineer": 99}, a_field_from_the_future: 1)"#,
    )
    .expect("writes");
    std::fs::write(
        laptop.join("changes.ron"),
        "(t:(ms:1767258000000,n:0),op:Status((curriculum:\"ai-engineer\",milestone:\"from-the-future\"),Done))\n",
    )
    .expect("writes");
    let ws = open(dir.path(), "desktop");
    let newer = ws.newer_paths();
    assert_eq!(newer.len(), 1, "{newer:?}");
    assert_eq!((newer[0].theirs, newer[0].ours, newer[0].aside), (99, 3, 1));
    assert!(
        newer[0].words().contains("laptop has a newer path"),
        "{}",
        newer[0].words()
    );
    assert_eq!(
        ws.state().set_aside["ai-engineer"]["from-the-future"].status,
        Status::Done
    );
    // This machine wrote what it runs with its records.
    let own = std::fs::read_to_string(dir.path().join("machines/desktop/about.ron"))
        .expect("its about.ron");
    assert!(own.contains("\"ai-engineer\":3"), "{own}");
    // A file that is not a small regular file is passed over.
    drop(ws);
    std::fs::remove_file(laptop.join("about.ron")).expect("removes");
    std::fs::create_dir(laptop.join("about.ron")).expect("a folder in its place");
    let ws = open(dir.path(), "desktop");
    assert!(ws.newer_paths().is_empty());
}
