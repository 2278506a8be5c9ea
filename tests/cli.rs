//! The command line as a user runs it: the real `waymark` binary on a temporary data directory.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too: a panic is a failed test

mod support;

use support::{snapshot, stderr, stdout, waymark, waymark_on};

use std::path::{Path, PathBuf};

const VALID: &str = r#"
Curriculum(
    format: 1,
    id: "tiny",
    revision: 1,
    title: "Tiny path",
    authors: ["A Mentor"],
    focus_areas: [FocusArea(id: "nlp", title: "NLP")],
    sections: [
        Section(id: "basics", title: "Basics", milestones: [
            Milestone(id: "python", title: "Python", effort_hours: 10),
            Milestone(id: "stats", title: "Statistics", effort_hours: 20, requires: ["python"]),
            Milestone(id: "old-name", title: "Text classifier", kind: Project, effort_hours: 30,
                      focus: ["nlp"], requires: ["stats"]),
        ]),
    ],
    goals: [Goal(id: "classifier", title: "Ship a classifier", focus: "nlp",
                 milestones: ["old-name"], suggested_weeks: 8)],
)
"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

struct Fixture {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    files: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let files = tmp.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    Fixture {
        _tmp: tmp,
        data,
        files,
    }
}

#[test]
fn validate_accepts_a_valid_file_and_exits_zero() {
    let f = fixture();
    let file = write(&f.files, "tiny.ron", VALID);
    let o = waymark(&f.data, &["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("3 milestones"), "{}", stdout(&o));
    assert!(
        !f.data.exists(),
        "validate never touches the data directory"
    );
}

#[test]
fn validate_reports_every_error_with_its_place_and_exits_one() {
    let f = fixture();
    let broken = VALID
        .replace(r#"requires: ["python"]"#, r#"requires: ["pyhton"]"#)
        .replace(r#"title: "Python""#, r#"title: """#);
    let file = write(&f.files, "broken.ron", &broken);
    let o = waymark(&f.data, &["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("pyhton"), "{err}");
    assert!(err.contains("broken.ron:"), "{err}");
    assert!(
        err.lines().count() >= 2,
        "both broken rules are reported: {err}"
    );
}

#[test]
fn validate_of_a_missing_file_is_an_io_error() {
    let f = fixture();
    let o = waymark(&f.data, &["validate", "/nonexistent/x.ron"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_two() {
    let f = fixture();
    assert_eq!(waymark(&f.data, &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        waymark(&f.data, &["mark", "tiny/python", "finished"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn status_on_a_fresh_data_directory_lists_the_bundled_curricula() {
    let f = fixture();
    let o = waymark(&f.data, &["status"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bundled = waymark::bundled::curricula();
    assert!(!bundled.is_empty());
    for c in bundled {
        let c = c.unwrap();
        assert!(
            stdout(&o).contains(&format!("{}\t{}\t0/{}", c.id, c.title, c.milestone_count())),
            "{}",
            stdout(&o)
        );
    }
}

#[test]
fn import_previews_without_yes_and_changes_nothing() {
    let f = fixture();
    let file = write(&f.files, "tiny.ron", VALID);
    let o = waymark(&f.data, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("3 milestones"), "{}", stdout(&o));
    assert!(stdout(&o).contains("--yes"));
    assert!(
        snapshot(&f.data).is_empty(),
        "nothing written without --yes"
    );
}

#[test]
fn import_mark_status_export_and_report_work_together() {
    let f = fixture();
    let file = write(&f.files, "tiny.ron", VALID);
    let o = waymark(&f.data, &["import", file.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let copies: Vec<String> = std::fs::read_dir(f.data.join("curricula"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        copies
            .iter()
            .any(|n| n.starts_with("tiny.") && n.ends_with(".ron")),
        "the import keeps a copy: {copies:?}"
    );

    let o = waymark(&f.data, &["mark", "tiny/python", "done"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = waymark(&f.data, &["status"]);
    assert!(
        stdout(&o).contains("tiny\tTiny path\t1/3"),
        "{}",
        stdout(&o)
    );

    let o = waymark(&f.data, &["export", "tiny"]);
    assert_eq!(o.status.code(), Some(0));
    let exported = write(&f.files, "exported.ron", &stdout(&o));
    let again = waymark::curriculum::parse("exported.ron", &std::fs::read(&exported).unwrap());
    let original = waymark::curriculum::parse("tiny.ron", VALID.as_bytes());
    assert_eq!(
        again.unwrap(),
        original.unwrap(),
        "export then import gives the same curriculum"
    );

    let o = waymark(&f.data, &["export", "tiny", "--markdown"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("- [x] Python"), "{}", stdout(&o));

    let o = waymark(&f.data, &["report"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("Python"),
        "the report lists what was done: {}",
        stdout(&o)
    );
}

#[test]
fn refused_commands_change_nothing_on_disk() {
    let f = fixture();
    let file = write(&f.files, "tiny.ron", VALID);
    assert_eq!(
        waymark(&f.data, &["import", file.to_str().unwrap(), "--yes"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        waymark(&f.data, &["mark", "tiny/python", "doing"])
            .status
            .code(),
        Some(0)
    );
    let before = snapshot(&f.data);

    let broken = write(
        &f.files,
        "tiny-broken.ron",
        &VALID.replace("format: 1", "format: 1, colour: 3"),
    );
    let refused: Vec<Vec<&str>> = vec![
        vec!["import", broken.to_str().unwrap(), "--yes"],
        vec!["mark", "tiny/nope", "done"],
        vec!["mark", "nope/python", "done"],
        vec!["mark", "not-a-ref", "done"],
        vec!["export", "nope"],
    ];
    for args in refused {
        let o = waymark(&f.data, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert_eq!(
            snapshot(&f.data),
            before,
            "{args:?} changed the data directory"
        );
    }
}

#[test]
fn a_misspelt_field_is_named_in_the_error() {
    let f = fixture();
    let file = write(
        &f.files,
        "typo.ron",
        &VALID.replace("effort_hours: 10", "efort_hours: 10"),
    );
    let o = waymark(&f.data, &["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("efort_hours"), "{}", stderr(&o));
    assert!(stderr(&o).contains("typo.ron:"), "{}", stderr(&o));
}

#[test]
fn a_newer_format_is_refused_as_coming_from_a_newer_waymark() {
    let f = fixture();
    let file = write(
        &f.files,
        "future.ron",
        &VALID.replace("format: 1", "format: 2"),
    );
    let o = waymark(&f.data, &["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("newer Waymark"), "{}", stderr(&o));
}

#[test]
fn an_update_keeps_progress_on_renamed_milestones_and_sets_removed_ones_aside() {
    let f = fixture();
    let v1 = write(&f.files, "tiny.ron", VALID);
    assert_eq!(
        waymark(&f.data, &["import", v1.to_str().unwrap(), "--yes"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        waymark(&f.data, &["mark", "tiny/old-name", "doing"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        waymark(&f.data, &["mark", "tiny/stats", "done"])
            .status
            .code(),
        Some(0)
    );

    let v2_text = VALID
        .replace("revision: 1", "revision: 2")
        .replace(
            r#"Milestone(id: "old-name", title: "Text classifier""#,
            r#"Milestone(id: "text-classifier", renamed_from: ["old-name"], title: "Text classifier""#,
        )
        .replace(r#"milestones: ["old-name"]"#, r#"milestones: ["text-classifier"]"#)
        .replace(
            r#"Milestone(id: "stats", title: "Statistics", effort_hours: 20, requires: ["python"]),"#,
            "",
        )
        .replace(r#"requires: ["stats"]"#, r#"requires: ["python"]"#);
    let v2 = write(&f.files, "tiny-v2.ron", &v2_text);
    let o = waymark(&f.data, &["import", v2.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let preview = stdout(&o);
    assert!(preview.contains("old-name -> text-classifier"), "{preview}");
    assert!(preview.contains("removed (1): stats"), "{preview}");

    assert_eq!(
        waymark(&f.data, &["import", v2.to_str().unwrap(), "--yes"])
            .status
            .code(),
        Some(0)
    );
    let o = waymark(&f.data, &["status"]);
    assert!(
        stdout(&o).contains("tiny\tTiny path\t0/2"),
        "{}",
        stdout(&o)
    );

    // The renamed milestone kept its status; the removed one comes back with v1.
    let o = waymark(&f.data, &["mark", "tiny/text-classifier", "doing"]);
    assert!(stdout(&o).contains("already doing"), "{}", stdout(&o));
    let o = waymark(&f.data, &["import", v1.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(1), "an older revision needs consent");
    let o = waymark(
        &f.data,
        &["import", v1.to_str().unwrap(), "--yes", "--allow-older"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = waymark(&f.data, &["status"]);
    assert!(
        stdout(&o).contains("tiny\tTiny path\t1/3"),
        "stats came back done: {}",
        stdout(&o)
    );
}

#[test]
fn markdown_imports_and_keep_checked_counts_marks_as_progress() {
    let f = fixture();
    let md = "# Study plan\n\n## Basics\n\n- [x] Learn Python\n- [ ] Learn statistics\n";
    let file = write(&f.files, "study-plan.md", md);
    let o = waymark(
        &f.data,
        &["import", file.to_str().unwrap(), "--yes", "--keep-checked"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = waymark(&f.data, &["status"]);
    assert!(
        stdout(&o).contains("study-plan\tStudy plan\t1/2"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_checklist_with_estimates_in_its_titles_is_planned_like_the_bundled_path() {
    let f = fixture();
    let today = "2027-01-05";
    let md = "# Study plan\n\n## Basics\n\n- [x] Learn Python (4h)\n- [ ] Learn statistics ~2 h\n- [ ] Build a tiny app [3h]\n- [ ] Read a paper (30 min)\n";
    let file = write(&f.files, "study-plan.md", md);
    let preview = ok(
        &f,
        today,
        &["import", file.to_str().unwrap(), "--yes", "--keep-checked"],
    );
    assert!(
        preview.contains("4 milestones in 1 section, 0 goals, 0 focus areas"),
        "{preview}"
    );
    // The estimates in the titles are its hours; the titles and ids stay as written.
    let ron = ok(&f, today, &["export", "study-plan"]);
    for (id, hours) in [
        ("basics-learn-python-4h", "4"),
        ("basics-learn-statistics-2-h", "2"),
        ("basics-build-a-tiny-app-3h", "3"),
        ("basics-read-a-paper-30-min", "0.5"),
    ] {
        let at = ron
            .find(&format!("id: \"{id}\""))
            .unwrap_or_else(|| panic!("{id}: {ron}"));
        let effort = ron[at..].find("effort_hours: ").unwrap() + at;
        assert!(
            ron[effort..].starts_with(&format!("effort_hours: {hours},")),
            "{id}: {}",
            &ron[effort..effort + 20]
        );
    }
    assert!(ron.contains("title: \"Build a tiny app [3h]\""), "{ron}");
    // The [x] is progress from before: done, but not this week's work.
    let plan = ok(&f, today, &["plan"]);
    assert!(!plan.contains("done this week"), "{plan}");

    // With a focus area chosen, the checklist is out of the focus until the learner says so.
    ok(&f, today, &["focus", "add", "ai-engineer/recsys"]);
    let status = ok(&f, today, &["status"]);
    assert!(!status.contains("focus area: study-plan"), "{status}");
    let whole = ok(&f, today, &["focus", "add", "study-plan"]);
    assert_eq!(whole, "study-plan: added to your focus\n");
    let status = ok(&f, today, &["status"]);
    assert!(
        status.contains("focus area: study-plan\tStudy plan (all of it)\n"),
        "{status}"
    );
    let report = ok(&f, today, &["report"]);
    assert!(report.contains("\n- Study plan (all of it)\n"), "{report}");
    // A curriculum with focus areas is not taken whole: it names them.
    let o = waymark_on(&f.data, today, &["focus", "add", "ai-engineer"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ai-engineer/recsys"), "{}", stderr(&o));

    // An own goal over two of its milestones is planned: dated, and in This week with its hours.
    let made = ok(
        &f,
        today,
        &[
            "goal",
            "new",
            "Finish my study plan",
            "--milestones",
            "study-plan/basics-learn-statistics-2-h,study-plan/basics-build-a-tiny-app-3h",
            "--target",
            "2027-02-01",
        ],
    );
    // Its id: "own-", the title's slug and four hex digits of the machine that made it.
    let (id, said) = made.split_once(": ").unwrap();
    assert_eq!(said, "made, target 2027-02-01\n");
    let mark = id.strip_prefix("own-finish-my-study-plan-").unwrap();
    assert!(
        mark.len() == 4 && mark.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    let line = goal_line(&ok(&f, today, &["status"]), id);
    assert_eq!(line[1], "Finish my study plan");
    assert_eq!(line[2], "target 2027-02-01");
    assert!(line[3].starts_with("projected 2027-01"), "{line:?}");
    assert_eq!(line[4], "on track");
    let plan = ok(&f, today, &["plan"]);
    assert!(
        plan.contains("2 h\tstudy-plan/basics-learn-statistics-2-h\tLearn statistics ~2 h\t"),
        "{plan}"
    );
    assert!(
        plan.contains("3 h\tstudy-plan/basics-build-a-tiny-app-3h\t"),
        "{plan}"
    );

    // A goal made is worked on first, as in the window; --last plans it after the others.
    let order = |f: &Fixture| -> Vec<String> {
        ok(f, today, &["status"])
            .lines()
            .filter_map(|l| l.strip_prefix("goal: "))
            .map(|l| l.split('\t').next().unwrap().to_owned())
            .collect()
    };
    let paper = "study-plan/basics-read-a-paper-30-min";
    let first = ok(
        &f,
        today,
        &["goal", "new", "Read first", "--milestones", paper],
    );
    let first = first.split(':').next().unwrap().to_owned();
    assert!(first.starts_with("own-read-first-"), "{first}");
    assert_eq!(order(&f), [first.as_str(), id]);
    ok(&f, today, &["undo"]);
    let last = ok(
        &f,
        today,
        &["goal", "new", "Read last", "--milestones", paper, "--last"],
    );
    let last = last.split(':').next().unwrap().to_owned();
    assert_eq!(order(&f), [id, last.as_str()]);
    ok(&f, today, &["undo"]);

    // Refused, each saying why, changing nothing.
    for (args, code, says) in [
        (
            vec!["x", "--milestones", "nope/nope"],
            1,
            "unknown curriculum \"nope\"",
        ),
        (
            vec!["  ", "--milestones", "study-plan/basics-learn-python-4h"],
            1,
            "a goal needs a title",
        ),
        (
            vec![
                "x",
                "--milestones",
                "study-plan/basics-learn-python-4h",
                "--target",
                "2020-01-01",
            ],
            2,
            "is in the past",
        ),
    ] {
        let mut all = vec!["goal", "new"];
        all.extend(args);
        let o = waymark_on(&f.data, today, &all);
        assert_eq!(o.status.code(), Some(code), "{all:?}");
        assert!(stderr(&o).contains(says), "{all:?}: {}", stderr(&o));
    }
    let undone = ok(&f, today, &["undo"]);
    assert!(
        undone.contains("made the goal “Finish my study plan” of 2 milestones"),
        "{undone}"
    );
    assert!(!ok(&f, today, &["status"]).contains(id));
    // The guide chooses focus areas again; the checklist put in focus whole stays there.
    ok(&f, today, &["onboard", "--likes", "conversations", "--yes"]);
    let status = ok(&f, today, &["status"]);
    assert!(status.contains("focus area: study-plan\t"), "{status}");
}

#[test]
fn a_checklist_without_estimates_gets_hours_each_at_import_and_keeps_them_through_an_update() {
    let f = fixture();
    let today = "2027-01-05";
    let file = write(
        &f.files,
        "reading.md",
        "# Reading\n\n- [ ] One paper\n- [ ] Another paper\n",
    );
    let preview = ok(&f, today, &["import", file.to_str().unwrap()]);
    assert!(preview.contains("None has an estimate"), "{preview}");
    assert!(
        preview
            .contains("--hours-each H gives each of the 2 milestones without an estimate H hours."),
        "{preview}"
    );
    let o = waymark_on(
        &f.data,
        today,
        &[
            "import",
            file.to_str().unwrap(),
            "--yes",
            "--hours-each",
            "lots",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        !ok(&f, today, &["status"]).contains("reading\t"),
        "bad hours import nothing"
    );
    let applied = ok(
        &f,
        today,
        &[
            "import",
            file.to_str().unwrap(),
            "--yes",
            "--hours-each",
            "1.5",
        ],
    );
    assert!(
        applied.contains(
            "None has an estimate in the file: each of the 2 gets yours, 1.5 h (3 h in all)."
        ),
        "{applied}"
    );
    // They are the learner's own estimates: the plan uses them, the curriculum does not say them.
    let ron = ok(&f, today, &["export", "reading"]);
    assert!(!ron.contains("effort_hours"), "{ron}");
    let made = ok(
        &f,
        today,
        &[
            "goal",
            "new",
            "Read",
            "--milestones",
            "reading/reading-one-paper,reading/reading-another-paper",
        ],
    );
    let id = made.split(':').next().unwrap().to_owned();
    let line = goal_line(&ok(&f, today, &["status"]), &id);
    assert_eq!(line[5], "3 h left", "{line:?}");
    // The file edited (an item given an estimate in its title, one added): the learner's own
    // estimates stay on their items, the item renamed included.
    std::fs::write(
        &file,
        "# Reading\n\n- [ ] One paper\n- [ ] Another paper (4h)\n- [ ] A third paper\n",
    )
    .unwrap();
    let update = ok(&f, today, &["import", file.to_str().unwrap(), "--yes"]);
    assert!(
        update.contains(
            "A new version of revision 1: the file changed, its revision number did not."
        ),
        "{update}"
    );
    assert!(update.contains("1 of 3 have estimates (4 h)"), "{update}");
    let line = goal_line(&ok(&f, today, &["status"]), &id);
    assert_eq!(
        line[5], "3 h left",
        "yours, 1.5 h each, still count: {line:?}"
    );
}

#[test]
fn a_checklist_exported_as_markdown_imports_as_it_was_with_its_estimates() {
    let f = fixture();
    let today = "2027-01-05";
    let file = write(
        &f.files,
        "plan.md",
        "# Plan\n\n## Basics\n\n- [ ] Learn Python (4h)\n- [ ] Read a paper\n\n  Take notes.\n",
    );
    ok(&f, today, &["import", file.to_str().unwrap(), "--yes"]);
    let exported = ok(&f, today, &["export", "plan", "--markdown"]);
    assert!(
        !exported.contains("Effort: 4 hours"),
        "the title says it already:\n{exported}"
    );
    let again = write(&f.files, "plan.md", &exported);
    let preview = ok(&f, today, &["import", again.to_str().unwrap()]);
    assert!(
        preview.contains("The same revision 1 as the copy you have."),
        "{preview}"
    );
    assert!(preview.contains("1 of 2 have estimates (4 h)"), "{preview}");
    // An export's Effort line (a curriculum whose titles do not say it) is its estimate.
    let written = write(
        &f.files,
        "other.md",
        "# Other\n\n- [ ] Read\n\n  Effort: 3 hours (up to 5 when it goes badly)\n\n  Slowly.\n",
    );
    ok(&f, today, &["import", written.to_str().unwrap(), "--yes"]);
    let ron = ok(&f, today, &["export", "other"]);
    assert!(ron.contains("effort_hours: 3,"), "{ron}");
    assert!(ron.contains("effort_hours_high: 5,"), "{ron}");
    assert!(ron.contains("summary: \"Slowly.\""), "{ron}");
}

#[test]
fn a_checklist_in_a_chosen_focus_before_the_upgrade_stays_in_it_after() {
    let f = fixture();
    let today = "2027-01-05";
    let file = write(&f.files, "plan.md", "# Plan\n\n- [ ] Read\n");
    ok(&f, today, &["import", file.to_str().unwrap(), "--yes"]);
    ok(&f, today, &["focus", "add", "ai-engineer/recsys"]);
    assert!(!ok(&f, today, &["status"]).contains("focus area: plan\t"));
    // As an older Waymark left this machine's account: it kept such a checklist in focus.
    let machines = f.data.join("machines");
    let about = std::fs::read_dir(&machines)
        .unwrap()
        .map(|e| e.unwrap().path().join("about.ron"))
        .find(|p| p.exists())
        .unwrap();
    let text = std::fs::read_to_string(&about).unwrap();
    assert!(text.contains("whole_focus:true"), "{text}");
    std::fs::write(&about, text.replace(",whole_focus:true", "")).unwrap();
    // Reading changes nothing; the first command that writes keeps it in focus, once.
    assert!(!ok(&f, today, &["status"]).contains("focus area: plan\t"));
    ok(&f, today, &["hours", "7"]);
    let status = ok(&f, today, &["status"]);
    assert!(
        status.contains("focus area: plan\tPlan (all of it)"),
        "{status}"
    );
    ok(&f, today, &["focus", "remove", "plan"]);
    ok(&f, today, &["hours", "6"]);
    assert!(!ok(&f, today, &["status"]).contains("focus area: plan\t"));
}

#[test]
fn changing_an_items_estimate_in_the_file_keeps_its_progress() {
    let f = fixture();
    let today = "2027-01-05";
    let file = write(
        &f.files,
        "plan.md",
        "# Plan\n\n## Basics\n\n- [ ] Learn Python (4h)\n- [ ] Learn statistics\n",
    );
    ok(&f, today, &["import", file.to_str().unwrap(), "--yes"]);
    ok(&f, today, &["mark", "plan/basics-learn-python-4h", "done"]);
    ok(&f, today, &["log", "plan/basics-learn-statistics", "1.5"]);
    // The estimate changed on one item and added to the other: new ids, the same items.
    std::fs::write(
        &file,
        "# Plan\n\n## Basics\n\n- [ ] Learn Python (6h)\n- [ ] Learn statistics ~3 h\n",
    )
    .unwrap();
    let update = ok(&f, today, &["import", file.to_str().unwrap(), "--yes"]);
    assert!(
        update.contains("basics-learn-python-4h -> basics-learn-python-6h"),
        "{update}"
    );
    assert!(update.contains("Progress kept on 2 milestones"), "{update}");
    let status = ok(&f, today, &["status"]);
    assert!(status.contains("plan\tPlan\t1/2"), "{status}");
    assert!(
        update.contains("basics-learn-statistics -> basics-learn-statistics-3-h"),
        "{update}"
    );
    let plan = ok(&f, today, &["plan"]);
    assert!(plan.contains("1.5 h logged so far"), "{plan}");
}

#[test]
fn a_second_writer_is_told_the_data_is_in_use() {
    let f = fixture();
    let _held = waymark::storage::DataDir::open(&f.data).unwrap();
    let file = write(&f.files, "tiny.ron", VALID);
    let o = waymark(&f.data, &["import", file.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("in use"), "{}", stderr(&o));
    // Reading still works while another instance holds the data.
    assert_eq!(waymark(&f.data, &["status"]).status.code(), Some(0));
}

#[test]
fn an_unreadable_state_file_is_kept_aside_and_reported() {
    let f = fixture();
    std::fs::create_dir_all(&f.data).unwrap();
    std::fs::write(f.data.join("state.ron"), "this is not RON (").unwrap();
    let o = waymark(&f.data, &["status"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("could not be read"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(f.data.join("state.ron")).unwrap(),
        b"this is not RON (",
        "a read-only command leaves the file where it is"
    );
    // A writing command sets the unreadable file aside under a new name, then saves.
    let c = waymark::bundled::curricula().remove(0).unwrap();
    let first = format!("{}/{}", c.id, c.milestones().next().unwrap().id);
    let o = waymark(&f.data, &["mark", &first, "doing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let aside: Vec<_> = std::fs::read_dir(&f.data)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("state.unreadable")
        })
        .collect();
    assert_eq!(aside.len(), 1, "the unreadable file is kept aside once");
    assert_eq!(
        std::fs::read(aside[0].path()).unwrap(),
        b"this is not RON ("
    );
    let o = waymark(&f.data, &["status"]);
    assert!(
        stderr(&o).is_empty(),
        "the new state reads cleanly: {}",
        stderr(&o)
    );
}

const TODAY: &str = "2027-03-01";

/// A data directory with the tiny curriculum imported, as if today were [`TODAY`].
fn learner() -> Fixture {
    let f = fixture();
    let file = write(&f.files, "tiny.ron", VALID);
    let o = waymark_on(&f.data, TODAY, &["import", file.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    f
}

/// Runs a command that must succeed, returning what it printed.
fn ok(f: &Fixture, today: &str, args: &[&str]) -> String {
    let o = waymark_on(&f.data, today, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// The `goal:` line of `status` for `goal`, split at its tabs.
fn goal_line(status: &str, goal: &str) -> Vec<String> {
    status
        .lines()
        .find(|l| l.starts_with(&format!("goal: {goal}\t")))
        .unwrap_or_else(|| panic!("no goal line for {goal} in:\n{status}"))
        .split('\t')
        .map(str::to_owned)
        .collect()
}

/// The likely and late dates of a `goal:` line.
fn projected(line: &[String]) -> (String, String) {
    let dates = line[3].strip_prefix("projected ").unwrap();
    let (likely, late) = dates.split_once(" to ").unwrap();
    (likely.to_owned(), late.to_owned())
}

/// The hours of each line of `plan`'s week.
fn week_hours(plan: &str) -> Vec<f64> {
    plan.lines()
        .filter(|l| l.starts_with("  "))
        .map(|l| l.trim().split(" h\t").next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn a_learner_sets_hours_focus_and_goals_and_the_plan_fills_the_week() {
    let f = learner();
    assert_eq!(ok(&f, TODAY, &["hours", "6"]), "hours a week: 6\n");
    assert!(ok(&f, TODAY, &["focus", "add", "tiny/nlp"]).contains("added to your focus"));
    let adopted = ok(&f, TODAY, &["goal", "adopt", "tiny/classifier"]);
    assert!(
        adopted.starts_with("classifier: adopted, target "),
        "{adopted}"
    );
    assert!(ok(&f, TODAY, &["goal", "adopt", "tiny/classifier"]).contains("already adopted"));

    let status = ok(&f, TODAY, &["status"]);
    let line = goal_line(&status, "classifier");
    assert_eq!(line[1], "Ship a classifier");
    assert_eq!(
        line[4], "on track",
        "a target the plan chose is reachable: {status}"
    );
    let target = line[2].strip_prefix("target ").unwrap().to_owned();
    let (likely, late) = projected(&line);
    assert!(likely <= late && late <= target, "{status}");
    assert!(line[5].ends_with(" h left"), "{status}");
    // The contract's order: curricula, focus, hours a week, then the goals.
    let heads: Vec<&str> = status
        .lines()
        .map(|l| l.split([':', '\t']).next().unwrap())
        .collect();
    let at = |h: &str| heads.iter().position(|x| *x == h).unwrap();
    assert!(at("tiny") < at("focus") && at("focus") < at("hours a week"));
    assert!(at("hours a week") < at("goal"));
    // The focus count is the plan's: everything of the tiny path is in the nlp focus.
    assert!(status.contains("\nfocus: 0/3\n"), "{status}");

    let plan = ok(&f, TODAY, &["plan"]);
    let hours = week_hours(&plan);
    assert_eq!(hours.iter().sum::<f64>(), 6.0, "the week is filled: {plan}");
    assert!(plan.contains("tiny/python\tPython"), "{plan}");
    assert!(plan.contains("goal: classifier\t"), "{plan}");

    let logged = ok(&f, TODAY, &["log", "tiny/python", "2.5"]);
    assert_eq!(logged, "tiny/python: 2.5 h logged, 2.5 h in all\n");
    let plan = ok(&f, TODAY, &["plan"]);
    assert!(plan.contains("2.5 h logged so far"), "{plan}");
    assert_eq!(week_hours(&plan).iter().sum::<f64>(), 6.0, "{plan}");

    assert!(ok(&f, TODAY, &["estimate", "tiny/stats", "8"]).contains("your estimate is 8 h"));
    assert!(
        ok(&f, TODAY, &["goal", "target", "classifier", "2027-04-01"])
            .contains("target 2027-04-01")
    );
    let status = ok(&f, TODAY, &["status"]);
    assert_eq!(goal_line(&status, "classifier")[4], "at risk");
    assert!(status.contains("advice: classifier\tNeeds "), "{status}");
    // The report's verdict sits beside its goal, before the columns that explain it.
    let report = ok(&f, TODAY, &["report"]);
    assert!(
        report.contains("| Goal | Outlook | Target | Likely to late finish | Left |\n"),
        "{report}"
    );
    assert!(
        report.contains("| Ship a classifier | **at risk** | 2027-04-01 | "),
        "{report}"
    );
    assert!(ok(&f, TODAY, &["goal", "drop", "classifier"]).contains("dropped"));
    assert!(!ok(&f, TODAY, &["status"]).contains("goal: classifier"));
}

#[test]
fn goals_are_planned_in_the_learners_order_which_the_learner_can_change() {
    let f = learner();
    let with_goals = VALID.replace(
        "goals: [",
        r#"goals: [Goal(id: "basics", title: "Basics", milestones: ["python"]),
                   Goal(id: "numbers", title: "Numbers", milestones: ["stats"]),"#,
    );
    let file = write(
        &f.files,
        "tiny.ron",
        &with_goals.replace("revision: 1", "revision: 2"),
    );
    ok(&f, TODAY, &["import", file.to_str().unwrap(), "--yes"]);
    ok(&f, TODAY, &["goal", "adopt", "tiny/classifier"]);
    ok(&f, TODAY, &["goal", "adopt", "tiny/basics"]);
    let status = ok(&f, TODAY, &["status"]);
    let order: Vec<&str> = status
        .lines()
        .filter_map(|l| l.strip_prefix("goal: "))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        order,
        ["basics", "classifier"],
        "classifier needs python, which basics names: {status}"
    );
    assert!(
        status.contains("after: classifier\tplanned after basics"),
        "{status}"
    );
    let (_, basics_late) = projected(&goal_line(&status, "basics"));
    let (_, classifier_late) = projected(&goal_line(&status, "classifier"));
    assert!(basics_late <= classifier_late);

    ok(&f, TODAY, &["goal", "adopt", "tiny/numbers"]);
    assert_eq!(
        ok(&f, TODAY, &["goal", "priority", "numbers", "1"]),
        "numbers: planned 1st\n"
    );
    let status = ok(&f, TODAY, &["status"]);
    let order: Vec<&str> = status
        .lines()
        .filter_map(|l| l.strip_prefix("goal: "))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    // First in the learner's order, but it needs python, which basics names.
    assert_eq!(order, ["basics", "numbers", "classifier"], "{status}");
    assert!(
        status.contains("after: numbers\tplanned after basics"),
        "{status}"
    );
}

#[test]
fn hours_logged_at_twice_the_estimates_move_the_dates_later() {
    let f = learner();
    ok(&f, TODAY, &["hours", "5"]);
    ok(
        &f,
        TODAY,
        &["goal", "adopt", "tiny/classifier", "--target", "2028-01-01"],
    );
    ok(&f, TODAY, &["mark", "tiny/python", "done"]);
    let before = projected(&goal_line(&ok(&f, TODAY, &["status"]), "classifier"));
    ok(&f, TODAY, &["log", "tiny/python", "20"]);
    let status = ok(&f, TODAY, &["status"]);
    let after = projected(&goal_line(&status, "classifier"));
    assert!(
        after.0 > before.0 && after.1 > before.1,
        "{before:?} -> {after:?}"
    );
    assert!(
        status.contains(
            "pace: You take about 1.1x the estimates so far: 1 finished milestone showed 2.0x"
        ),
        "{status}"
    );
    let plan = ok(&f, TODAY, &["plan"]);
    assert!(week_hours(&plan).iter().sum::<f64>() <= 5.0, "{plan}");
}

#[test]
fn marking_done_without_hours_says_how_to_log_the_estimate() {
    let f = learner();
    let said = ok(&f, TODAY, &["mark", "tiny/stats", "done"]);
    assert!(
        said.contains("`waymark log tiny/stats 20` logs that"),
        "{said}"
    );
    ok(&f, TODAY, &["log", "tiny/python", "3"]);
    let said = ok(&f, TODAY, &["mark", "tiny/python", "done"]);
    assert!(
        !said.contains("waymark log"),
        "hours are logged already: {said}"
    );
}

#[test]
fn waymark_today_sets_the_day_of_every_command() {
    let f = learner();
    ok(
        &f,
        TODAY,
        &["goal", "adopt", "tiny/classifier", "--target", "2030-01-01"],
    );
    let now = projected(&goal_line(&ok(&f, TODAY, &["status"]), "classifier"));
    let later = projected(&goal_line(&ok(&f, "2028-03-01", &["status"]), "classifier"));
    assert!(later.0 > now.0, "{now:?} {later:?}");
    assert!(later.0.starts_with("2028-"), "{later:?}");
    ok(&f, "2027-06-15", &["mark", "tiny/python", "doing"]);
    let records = support::records(&f.data);
    assert!(
        records.contains("2027-06-15T"),
        "the change is dated on that day: {records}"
    );
    let plan = ok(&f, "2027-06-15", &["plan"]);
    assert!(
        plan.starts_with("This week, from Monday 14 Jun 2027"),
        "{plan}"
    );
}

#[test]
fn bad_input_to_the_learners_commands_is_refused_as_specified_and_changes_nothing() {
    let f = learner();
    ok(&f, TODAY, &["goal", "adopt", "tiny/classifier"]);
    ok(&f, TODAY, &["hours", "6"]);
    let before = snapshot(&f.data);
    let refused: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["hours", "-3"], 2, "-3 is not a number of hours a week"),
        (
            vec!["hours", "lots"],
            2,
            "\"lots\" is not a number of hours a week",
        ),
        (vec!["hours", "169"], 2, "169 is not"),
        (
            vec!["focus", "add", "tiny/nope"],
            1,
            "unknown focus area \"tiny/nope\"",
        ),
        (
            vec!["focus", "add", "nope/nlp"],
            1,
            "unknown curriculum \"nope\"",
        ),
        (vec!["focus", "add", "nlp"], 1, "unknown curriculum \"nlp\""),
        (
            vec!["focus", "add", "tiny/nlp/x"],
            1,
            "is not CURRICULUM/AREA",
        ),
        (vec!["focus", "add", "tiny"], 1, "\"tiny\" has focus areas"),
        (
            vec!["goal", "adopt", "tiny/nope"],
            1,
            "unknown goal \"tiny/nope\"",
        ),
        (
            vec!["goal", "adopt", "nope/classifier"],
            1,
            "unknown curriculum",
        ),
        (
            vec!["goal", "adopt", "tiny/classifier", "--target", "2020-01-01"],
            2,
            "in the past",
        ),
        (
            vec!["goal", "adopt", "tiny/classifier", "--target", "soon"],
            2,
            "is not a date",
        ),
        (
            vec!["goal", "target", "nope", "2030-01-01"],
            1,
            "unknown goal \"nope\"",
        ),
        (
            vec!["goal", "target", "classifier", "2030-02-30"],
            2,
            "\"2030-02-30\" is not a date",
        ),
        (
            vec!["goal", "target", "classifier", "2027-02-28"],
            2,
            "is in the past (today is 2027-03-01)",
        ),
        (vec!["goal", "drop", "nope"], 1, "unknown goal"),
        (vec!["goal", "priority", "nope", "1"], 1, "unknown goal"),
        (
            vec!["goal", "priority", "classifier", "0"],
            2,
            "is not a place",
        ),
        (
            vec!["goal", "priority", "classifier", "2"],
            2,
            "is not a place in your list of 1 goals",
        ),
        (vec!["log", "tiny/nope", "3"], 1, "unknown milestone"),
        (
            vec!["log", "tiny/python", "-1"],
            2,
            "is not a number of hours",
        ),
        (
            vec!["log", "tiny/python", "lots"],
            2,
            "is not a number of hours",
        ),
        (
            vec!["log", "tiny/python", "0"],
            2,
            "is not a number of hours",
        ),
        (vec!["estimate", "tiny/nope", "3"], 1, "unknown milestone"),
        (
            vec!["estimate", "tiny/python", "many"],
            2,
            "is not a number of hours",
        ),
    ];
    for (args, code, says) in refused {
        let o = waymark_on(&f.data, TODAY, &args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert_eq!(
            snapshot(&f.data),
            before,
            "{args:?} changed the data directory"
        );
    }
    for command in [
        vec!["status"],
        vec!["mark", "tiny/python", "done"],
        vec!["hours", "3"],
    ] {
        let o = waymark_on(&f.data, "next tuesday", &command);
        assert_eq!(o.status.code(), Some(2), "{command:?}");
        assert!(stderr(&o).contains("WAYMARK_TODAY is \"next tuesday\", which is not a date"));
        assert_eq!(
            snapshot(&f.data),
            before,
            "{command:?} changed the data directory"
        );
    }
}

/// The date in a "next review YYYY-MM-DD" line.
fn next_review(said: &str) -> String {
    let at = said.find("next review ").map(|i| i + "next review ".len());
    at.and_then(|i| said.get(i..i + 10))
        .unwrap_or_else(|| panic!("no next review in {said}"))
        .to_owned()
}

#[test]
fn reviews_come_due_on_a_widening_schedule_and_a_failed_one_comes_back_sooner() {
    let f = learner();
    ok(&f, TODAY, &["hours", "6"]);
    ok(&f, TODAY, &["mark", "tiny/python", "done"]);
    // A week later, not before.
    assert!(ok(&f, "2027-03-07", &["review"]).starts_with("0 reviews due today."));
    let due = ok(&f, "2027-03-08", &["review"]);
    assert!(due.starts_with("1 review due today."), "{due}");
    assert!(
        due.contains("due: 2027-03-08\ttiny/python\tPython\tlast 2027-03-01\tfirst review"),
        "{due}"
    );
    assert!(ok(&f, "2027-03-08", &["status"]).contains("\nreviews due: 1\n"));
    let plan = ok(&f, "2027-03-08", &["plan"]);
    assert!(
        plan.contains(
            "0.25 h\ttiny/python\tPython\tlogged 0 h\treview: can you still do this? · 15 min"
        ),
        "{plan}"
    );

    let passed = ok(&f, "2027-03-08", &["review", "tiny/python", "pass"]);
    let second = next_review(&passed);
    assert_eq!(
        second, "2027-03-26",
        "the interval widens from 7 days to 18: {passed}"
    );
    assert!(ok(&f, "2027-03-25", &["review"]).starts_with("0 reviews due today."));
    assert!(ok(&f, "2027-03-26", &["review"]).starts_with("1 review due today."));

    let failed = ok(
        &f,
        "2027-03-26",
        &[
            "review",
            "tiny/python",
            "fail",
            "--note",
            "forgot comprehensions",
        ],
    );
    let third = next_review(&failed);
    assert!(
        third.as_str() < "2027-04-13",
        "a failed review comes back sooner: {failed}"
    );
    let plan = ok(&f, "2027-03-26", &["plan"]);
    assert!(
        plan.contains(
            "1.5 h\ttiny/python\tPython\tlogged 0 h\trefresher after a failed review · 1.5 h"
        ),
        "{plan}"
    );
    assert_eq!(week_hours(&plan).iter().sum::<f64>(), 6.0, "{plan}");
    assert!(
        support::records(&f.data).contains("forgot comprehensions"),
        "the note is kept"
    );
    let status = ok(&f, "2027-03-26", &["status"]);
    assert!(
        status.contains("tiny\tTiny path\t1/3"),
        "reviewing never un-finishes: {status}"
    );
    let report = ok(&f, "2027-03-26", &["report"]);
    assert!(
        report.contains("## Reviews I failed\n") && report.contains("- Python (Tiny path)\n"),
        "{report}"
    );
}

#[test]
fn only_finished_skills_are_reviewed_and_a_refused_review_changes_nothing() {
    let f = learner();
    ok(&f, TODAY, &["mark", "tiny/python", "done"]);
    ok(&f, TODAY, &["mark", "tiny/old-name", "done"]);
    let before = snapshot(&f.data);
    for (args, says) in [
        (
            vec!["review", "tiny/old-name", "pass"],
            "projects are not reviewed",
        ),
        (vec!["review", "tiny/stats", "pass"], "it is not done"),
        (vec!["review", "tiny/nope", "pass"], "unknown milestone"),
        (vec!["review", "nope/python", "fail"], "unknown curriculum"),
        (
            vec!["review", "tiny/python", "keep"],
            "has not changed since you finished it",
        ),
    ] {
        let o = waymark_on(&f.data, TODAY, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert_eq!(
            snapshot(&f.data),
            before,
            "{args:?} changed the data directory"
        );
    }
    let o = waymark_on(&f.data, TODAY, &["review", "tiny/python", "maybe"]);
    assert_eq!(o.status.code(), Some(2), "not an answer: {}", stderr(&o));
    assert_eq!(snapshot(&f.data), before);
}

#[test]
fn an_update_that_rewrites_a_finished_milestone_flags_it_until_the_learner_decides() {
    let f = learner();
    ok(&f, TODAY, &["mark", "tiny/python", "done"]);
    ok(&f, TODAY, &["mark", "tiny/stats", "done"]);
    let v2 = VALID
        .replace("revision: 1", "revision: 2")
        .replace(
            r#"Milestone(id: "python", title: "Python", effort_hours: 10),"#,
            r#"Milestone(id: "python", title: "Python", effort_hours: 12,
                summary: "Done when you can write a CLI with argparse.",
                resources: [Resource(title: "Tutorial", url: "https://docs.python.org/3/tutorial/")]),"#,
        )
        .replace(
            r#"Milestone(id: "stats", title: "Statistics", effort_hours: 20, requires: ["python"]),"#,
            r#"Milestone(id: "stats", title: "Statistics", effort_hours: 25, requires: ["python"], mentor_tip: "Reworded."),"#,
        );
    let file = write(&f.files, "tiny.ron", &v2);
    let preview = ok(&f, TODAY, &["import", file.to_str().unwrap()]);
    assert!(
        preview.contains("1 milestone you finished has changed; they stay finished"),
        "a new summary and resource flag it; new effort and a reworded tip do not: {preview}"
    );
    ok(&f, TODAY, &["import", file.to_str().unwrap(), "--yes"]);
    let listed = ok(&f, TODAY, &["review"]);
    assert!(
        listed.contains("changed: tiny/python\tPython\trevision 1 to 2"),
        "{listed}"
    );
    assert!(listed.contains("  summary was:\t\n"), "{listed}");
    assert!(
        listed.contains("  summary now:\tDone when you can write a CLI with argparse."),
        "{listed}"
    );
    assert!(
        listed.contains("  new resource:\tTutorial\thttps://docs.python.org/3/tutorial/"),
        "{listed}"
    );
    assert!(!listed.contains("changed: tiny/stats"), "{listed}");
    let status = ok(&f, TODAY, &["status"]);
    assert!(
        status.contains("tiny\tTiny path\t2/3"),
        "still finished: {status}"
    );
    assert!(
        status.contains("\nchanged since you finished: 1\n"),
        "{status}"
    );

    assert_eq!(
        ok(&f, TODAY, &["review", "tiny/python", "keep"]),
        "tiny/python: kept finished\n"
    );
    assert!(ok(&f, TODAY, &["review"]).contains("Nothing you finished has changed."));
    assert!(ok(&f, TODAY, &["status"]).contains("tiny\tTiny path\t2/3"));

    let v3 = v2
        .replace("revision: 2", "revision: 3")
        .replace("write a CLI", "write and test a CLI");
    let file = write(&f.files, "tiny.ron", &v3);
    ok(&f, TODAY, &["import", file.to_str().unwrap(), "--yes"]);
    assert_eq!(
        ok(&f, TODAY, &["review", "tiny/python", "reopen"]),
        "tiny/python: reopened, to do again\n"
    );
    assert!(ok(&f, TODAY, &["status"]).contains("tiny\tTiny path\t1/3"));
}

#[test]
fn version_prints_the_version_of_the_package() {
    let f = fixture();
    let o = waymark(&f.data, &["--version"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("waymark {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_every_command_of_the_contract() {
    let f = fixture();
    let o = waymark(&f.data, &["--help"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let help = stdout(&o);
    // Contract §4 and its extensions; clap lists each as "  NAME  what it does".
    for command in [
        "validate", "import", "status", "mark", "export", "report", "plan", "hours", "focus",
        "goal", "log", "estimate", "review",
    ] {
        assert!(
            help.lines().any(|l| l
                .strip_prefix("  ")
                .and_then(|l| l.strip_prefix(command))
                .is_some_and(|rest| rest.starts_with("  "))),
            "`{command}` is not listed in --help:\n{help}"
        );
    }
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_command_quietly() {
    let f = fixture();
    // The bundled curriculum's export is larger than a pipe holds (64 KiB on Linux), so the
    // writer is still writing when `head -1` has its line and goes.
    let whole = waymark(&f.data, &["export", "ai-engineer"]);
    assert_eq!(whole.status.code(), Some(0), "{}", stderr(&whole));
    assert!(
        whole.stdout.len() > 2 * 64 * 1024,
        "{} bytes",
        whole.stdout.len()
    );
    for args in [
        &["export", "ai-engineer"][..],
        &["export", "ai-engineer", "--markdown"],
    ] {
        let o = support::waymark_read_then_closed(&f.data, args, 1);
        assert_eq!(stderr(&o), "", "{args:?}");
        assert_eq!(o.status.code(), Some(0), "{args:?}");
    }
    // Closed before the first write: the text-for-people path ends as quietly.
    for args in [&["status"][..], &["report"], &["plan"]] {
        let o = support::waymark_read_then_closed(&f.data, args, 0);
        assert_eq!(stderr(&o), "", "{args:?}");
        assert_eq!(o.status.code(), Some(0), "{args:?}");
    }
}

/// Every byte a person's terminal would act on rather than show: C0 controls but newline and
/// tab, DEL, and the C1 controls (U+0080 to U+009F) that some terminals read as ESC [.
fn control_characters(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect()
}

#[test]
fn control_characters_in_imported_titles_never_reach_the_output() {
    let f = fixture();
    // Raw in the file, as a hostile or careless author would leave them: clear the screen,
    // set the clipboard (OSC 52, ended by BEL), a NUL, a C1 CSI.
    let hostile = VALID
        .replace(
            r#"title: "Tiny path""#,
            "title: \"Tiny\u{1b}[2J path\"",
        )
        .replace(
            r#"title: "Python""#,
            "title: \"Py\u{1b}]52;c;ZXZpbA==\u{7}thon\u{0}\", summary: \"line one\nline two\u{9b}31m\"",
        )
        .replace(r#"title: "Statistics""#, "title: \"Stat\tistics\"")
        .replace(
            r#"title: "Ship a classifier""#,
            "title: \"Ship\u{7} a classifier\u{1b}[0m\"",
        );
    let file = write(&f.files, "tiny.ron", &hostile);
    let preview = waymark(&f.data, &["import", file.to_str().unwrap(), "--yes"]);
    assert_eq!(preview.status.code(), Some(0), "{}", stderr(&preview));
    let md = "# Notes\u{1b}[1m from\u{7} a friend\n\n## Basics\u{0}\n\n- [ ] Read\u{1b}]0;owned\u{7} a paper\n  - \u{1b}[2Jwith care\n";
    let md_file = write(&f.files, "notes.md", md);
    let md_import = waymark(&f.data, &["import", md_file.to_str().unwrap(), "--yes"]);
    assert_eq!(md_import.status.code(), Some(0), "{}", stderr(&md_import));
    ok(&f, TODAY, &["goal", "adopt", "tiny/classifier"]);
    ok(&f, TODAY, &["mark", "tiny/python", "done"]);

    let mut seen = vec![stdout(&preview), stdout(&md_import)];
    for args in [
        &["export", "tiny"][..],
        &["export", "tiny", "--markdown"],
        &["export", "notes"],
        &["export", "notes", "--markdown"],
        &["status"],
        &["report"],
        &["plan"],
    ] {
        // Piped, as `waymark export … | less` or a CI log would take it.
        let o = waymark_on(&f.data, TODAY, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        for text in [stdout(&o), stderr(&o)] {
            assert_eq!(
                control_characters(&text),
                Vec::<char>::new(),
                "{args:?} printed:\n{text}"
            );
        }
        seen.push(stdout(&o));
    }
    let all = seen.join("\n");
    // What was around the control characters is kept; the escape sequences are inert text.
    for visible in [
        "Tiny[2J path",
        "Py]52;c;ZXZpbA==thon",
        "Ship a classifier[0m",
        "Notes[1m from a friend",
        "Read]0;owned a paper",
        "[2Jwith care",
    ] {
        assert!(all.contains(visible), "{visible:?} is not in:\n{all}");
    }
    let status = ok(&f, TODAY, &["status"]);
    assert!(
        status.contains("tiny\tTiny[2J path\t1/3"),
        "a title's tab would break the columns; it is a space:\n{status}"
    );
    let export = ok(&f, TODAY, &["export", "tiny"]);
    assert!(export.contains(r#"title: "Stat istics""#), "{export}");
    assert!(
        export.contains(r#""line one\nline two31m""#),
        "a summary keeps its line break:\n{export}"
    );
}

/// The guide from the terminal on the shipped curriculum (issue 19): what it lists, what it
/// proposes for a Python developer who wants to build chatbots, what `--yes` applies, and that
/// unknown answers change nothing.
#[test]
fn onboard_lists_its_answers_proposes_a_plan_and_applies_it_with_yes() {
    let f = fixture();
    let today = "2026-12-07";
    // No answers: the answers it takes, as two lines of ids.
    let listed = ok(&f, today, &["onboard"]);
    let mut lines = listed.lines();
    assert_eq!(
        lines.next(),
        Some("likes: products, research, conversations, infrastructure, data")
    );
    let knows = lines.next().unwrap();
    assert!(
        knows.starts_with("knows: python, git-shell, tests, sql"),
        "{knows}"
    );
    assert!(
        listed.contains("  focus ai-engineer/conversational-ai\t"),
        "{listed}"
    );
    assert!(!f.data.join("machines").exists(), "listing writes nothing");

    // A preview: the near win first, then every goal with its dates, what it marks known and
    // the whole commitment; nothing is written.
    let args = [
        "onboard",
        "--likes",
        "conversations",
        "--knows",
        "python",
        "--focus",
        "ai-engineer/conversational-ai",
        "--hours",
        "6",
    ];
    let preview = ok(&f, today, &args);
    assert!(preview.contains("hours a week: 6\n"), "{preview}");
    assert!(
        preview.contains("focus area: ai-engineer/conversational-ai\t"),
        "{preview}"
    );
    let first = preview
        .lines()
        .find(|l| l.starts_with("first project: "))
        .unwrap_or_else(|| panic!("no first project in:\n{preview}"));
    assert!(
        first.starts_with("first project: convai-first-chatbot\t"),
        "{first}"
    );
    let likely = first
        .split("\tlikely ")
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap();
    let likely = chrono::NaiveDate::parse_from_str(likely, "%Y-%m-%d").unwrap();
    let start = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    assert!(
        (likely - start).num_days() <= 12 * 7,
        "a first chatbot within 12 weeks at 6 h a week: {first}"
    );
    let goals: Vec<&str> = preview
        .lines()
        .filter(|l| l.starts_with("goal: "))
        .collect();
    assert!(goals.len() >= 8, "the whole path is adopted: {goals:?}");
    assert!(
        goals.iter().all(|l| l.contains("\ton track\t")),
        "{goals:?}"
    );
    let order: Vec<&str> = goals
        .iter()
        .map(|l| l["goal: ".len()..].split('\t').next().unwrap())
        .collect();
    assert_eq!(order[0], "convai-first-chatbot", "{order:?}");
    let at = |id: &str| order.iter().position(|g| *g == id).unwrap();
    assert!(
        at("core-deep-learning") < at("convai-llm-engineering"),
        "{order:?}"
    );
    assert!(
        preview.contains("known: ai-engineer/python-fundamentals\t"),
        "{preview}"
    );
    assert!(preview.contains("\nall of it: "), "{preview}");
    assert!(preview.contains("Nothing was changed."), "{preview}");
    assert!(
        !f.data.join("machines").exists(),
        "a preview writes nothing"
    );

    // The same, applied: status then shows the same goals with the same dates.
    let mut yes = args.to_vec();
    yes.push("--yes");
    let applied = ok(&f, today, &yes);
    assert!(applied.contains("Started your plan: "), "{applied}");
    let status = ok(&f, today, &["status"]);
    for line in &goals {
        assert!(status.contains(line), "status lacks {line:?}:\n{status}");
    }
    assert!(status.contains("hours a week: 6\n"), "{status}");
    // Knowing Python is not progress made this week.
    let plan = ok(&f, today, &["plan"]);
    assert!(!plan.contains("done this week"), "{plan}");
    let report = ok(&f, today, &["report"]);
    assert!(
        report.contains("Nothing finished in this period."),
        "{report}"
    );
}

#[test]
fn onboard_refuses_unknown_answers_and_writes_nothing() {
    let f = fixture();
    ok(&f, TODAY, &["status"]);
    let before = snapshot(&f.data);
    for args in [
        &["onboard", "--likes", "cooking"][..],
        &["onboard", "--knows", "cobol", "--yes"],
        &["onboard", "--focus", "ai-engineer/astrology", "--yes"],
        &["onboard", "--focus", "nonsense", "--yes"],
        &["onboard", "--likes", "data", "--hours", "200", "--yes"],
    ] {
        let o = waymark_on(&f.data, TODAY, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(!stderr(&o).trim().is_empty(), "{args:?} says why");
        assert_eq!(
            snapshot(&f.data),
            before,
            "{args:?} changed the data directory"
        );
    }
    let o = waymark_on(&f.data, TODAY, &["onboard", "--likes", "cooking"]);
    assert!(stderr(&o).contains("\"cooking\""), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("conversations"),
        "it says what it takes: {}",
        stderr(&o)
    );
}

#[test]
fn onboard_marks_known_only_what_an_answer_means() {
    let f = fixture();
    // pandas alone: Python for data work needs Python fundamentals, which stays to do.
    let preview = ok(
        &f,
        TODAY,
        &["onboard", "--knows", "pandas,sql", "--likes", "data"],
    );
    assert!(preview.contains("known: ai-engineer/sql\t"), "{preview}");
    assert!(
        !preview.contains("known: ai-engineer/python-data"),
        "{preview}"
    );
    assert!(
        preview.contains(
            "not marked: ai-engineer/numpy-pandas-basics\tneeds ai-engineer/python-fundamentals first"
        ),
        "{preview}"
    );
    assert!(
        !preview.contains("known: ai-engineer/llm-analytics"),
        "{preview}"
    );
}

#[test]
fn one_short_session_logged_on_a_long_milestone_does_not_swing_the_pace() {
    let f = fixture();
    let today = "2027-01-05";
    ok(
        &f,
        today,
        &["log", "ai-engineer/python-fundamentals", "3.5"],
    );
    ok(
        &f,
        today,
        &["mark", "ai-engineer/python-fundamentals", "done"],
    );
    let plan = ok(&f, today, &["plan"]);
    let pace = plan.lines().find(|l| l.starts_with("pace: ")).unwrap();
    assert!(
        pace.starts_with("pace: You take about as long as the estimates so far"),
        "{pace}"
    );
    assert!(pace.contains("looks like a partial log"), "{pace}");
}

#[test]
fn a_forecast_lists_the_chances_and_agrees_with_status() {
    let f = fixture();
    let today = "2027-01-05";
    ok(
        &f,
        today,
        &[
            "onboard",
            "--likes",
            "conversations",
            "--knows",
            "python",
            "--yes",
        ],
    );
    let status = ok(&f, today, &["status"]);
    let line = status
        .lines()
        .find(|l| l.starts_with("goal: ") && (l.contains("at risk") || l.contains("on track")))
        .unwrap();
    let fields: Vec<&str> = line.split('\t').collect();
    let goal = fields[0].strip_prefix("goal: ").unwrap();
    let target = fields[2].strip_prefix("target ").unwrap();
    let projected = fields[3].strip_prefix("projected ").unwrap();
    let (likely, late) = projected.split_once(" to ").unwrap();
    let forecast = ok(&f, today, &["forecast", goal]);
    let lines: Vec<&str> = forecast.lines().collect();
    let dates: Vec<(&str, &str)> = lines[..6]
        .iter()
        .map(|l| l.split_once('\t').unwrap())
        .collect();
    assert_eq!(
        dates.iter().map(|(_, p)| *p).collect::<Vec<_>>(),
        ["10%", "25%", "50%", "75%", "90%", "95%"]
    );
    assert!(dates.windows(2).all(|w| w[0].0 <= w[1].0), "{forecast}");
    assert_eq!(dates[2].0, likely, "50% is status's likely date");
    assert_eq!(dates[4].0, late, "90% is status's late date");
    assert!(
        lines[6].starts_with(&format!("target {target}\tchance ")),
        "{forecast}"
    );
    assert!(lines[7].starts_with("cut line: "), "{forecast}");
    let o = waymark_on(&f.data, today, &["forecast", "nope"]);
    assert_eq!(o.status.code(), Some(1));
}

// ---- The study timer (contract §4: `timer`, `WAYMARK_NOW`) ---------------------------------

/// Runs the binary as machine `device` at the moment `now` (`WAYMARK_NOW`, local time).
fn at_moment(data: &Path, device: &str, now: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .env("WAYMARK_DATA_DIR", data)
        .env("WAYMARK_STATE_DIR", support::state_dir_of(data))
        .env("WAYMARK_DEVICE", device)
        .env_remove("WAYMARK_TODAY")
        .env("WAYMARK_NOW", now)
        .output()
        .unwrap()
}

fn ok_at(data: &Path, device: &str, now: &str, args: &[&str]) -> String {
    let o = at_moment(data, device, now, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

const PY: &str = "ai-engineer/python-fundamentals";
const NUMPY: &str = "ai-engineer/numpy-pandas-basics";

#[test]
fn a_timer_started_at_nine_and_stopped_at_half_past_ten_logs_one_and_a_half_hours() {
    let f = fixture();
    let d = &f.data;
    let dev = support::DEVICE;
    assert_eq!(
        ok_at(d, dev, "2027-03-01T09:00", &["timer", "start", PY]),
        format!("{PY}: timer running since 09:00\n")
    );
    // Each command is a process of its own: the timer outlives quitting and a restart.
    assert_eq!(
        ok_at(d, dev, "2027-03-01T09:40", &["timer"]),
        format!("{PY}\tsince 09:00\t40 min\n")
    );
    assert_eq!(
        ok_at(
            d,
            dev,
            "2027-03-01T10:30",
            &["timer", "stop", "--note", "did the drills"]
        ),
        format!("{PY}: 1.5 h logged\n")
    );
    let o = at_moment(d, dev, "2027-03-01T10:31", &["timer"]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), String::new()));
    let plan = ok_at(d, dev, "2027-03-01T10:31", &["plan"]);
    assert!(plan.contains("1.5 h logged so far"), "{plan}");
    let notes = ok_at(d, dev, "2027-03-01T10:31", &["report"]);
    assert!(notes.contains("did the drills"), "{notes}");
    // A wrong session is taken back with undo: the timer runs again, nothing is logged.
    let undo = ok_at(d, dev, "2027-03-01T10:32", &["undo"]);
    assert!(undo.contains("logged 1.5 h"), "{undo}");
    assert_eq!(
        ok_at(d, dev, "2027-03-01T10:33", &["timer"]),
        format!("{PY}\tsince 09:00\t93 min\n")
    );
    let plan = ok_at(d, dev, "2027-03-01T10:33", &["plan"]);
    assert!(!plan.contains("1.5 h logged so far"), "{plan}");
}

#[test]
fn a_timer_started_on_the_laptop_is_stopped_on_the_desktop_and_both_log_what_they_measured() {
    let f = fixture();
    let d = &f.data;
    ok_at(d, "laptop", "2027-03-01T09:00", &["timer", "start", PY]);
    // Stopped on the desktop, which runs no timer of its own.
    assert_eq!(
        ok_at(d, "desktop", "2027-03-01T10:30", &["timer", "stop"]),
        format!("{PY}: 1.5 h logged\n")
    );
    assert_eq!(ok_at(d, "laptop", "2027-03-01T10:31", &["timer"]), "");
    // Two timers started before either machine saw the other's: both log when stopped.
    ok_at(d, "laptop", "2027-03-02T18:00", &["timer", "start", PY]);
    ok_at(d, "desktop", "2027-03-02T18:15", &["timer", "start", NUMPY]);
    let both = ok_at(d, "desktop", "2027-03-02T18:20", &["timer"]);
    assert_eq!(both.lines().count(), 2, "{both}");
    assert_eq!(
        ok_at(d, "desktop", "2027-03-02T19:00", &["timer", "stop"]),
        format!("{NUMPY}: 0.75 h logged\n")
    );
    assert_eq!(
        ok_at(d, "laptop", "2027-03-02T20:00", &["timer", "stop"]),
        format!("{PY}: 2 h logged\n")
    );
    let plan = ok_at(d, "laptop", "2027-03-02T20:01", &["plan"]);
    assert!(plan.contains("4.25 h logged so far"), "{plan}");
}

#[test]
fn starting_a_second_timer_stops_and_logs_the_first() {
    let f = fixture();
    let d = &f.data;
    let dev = support::DEVICE;
    ok_at(d, dev, "2027-03-01T09:00", &["timer", "start", PY]);
    assert_eq!(
        ok_at(d, dev, "2027-03-01T09:45", &["timer", "start", NUMPY]),
        format!("{PY}: 0.75 h logged\n{NUMPY}: timer running since 09:45\n")
    );
    assert_eq!(
        ok_at(d, dev, "2027-03-01T10:00", &["timer"]),
        format!("{NUMPY}\tsince 09:45\t15 min\n")
    );
    // Starting the one that runs changes nothing.
    assert_eq!(
        ok_at(d, dev, "2027-03-01T10:05", &["timer", "start", NUMPY]),
        format!("{NUMPY}: timer already running since 09:45\n")
    );
}

#[test]
fn a_forgotten_timer_logs_nothing_until_the_learner_says_how_long_it_was() {
    let f = fixture();
    let d = &f.data;
    let dev = support::DEVICE;
    ok_at(d, dev, "2027-03-01T09:00", &["timer", "start", PY]);
    let before = snapshot(d);
    let o = at_moment(d, dev, "2027-03-01T23:10", &["timer", "stop"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("has run 14 h 10 min")
            && stderr(&o).contains("waymark timer stop --hours H"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(d), before, "a refused stop writes nothing");
    for bad in ["-1", "lots", "NaN"] {
        let o = at_moment(
            d,
            dev,
            "2027-03-01T23:10",
            &["timer", "stop", "--hours", bad],
        );
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert_eq!(snapshot(d), before, "{bad}");
    }
    assert_eq!(
        ok_at(
            d,
            dev,
            "2027-03-01T23:11",
            &["timer", "stop", "--hours", "2.5"]
        ),
        format!("{PY}: 2.5 h logged\n")
    );
    // Nothing runs now: a stop is refused.
    let o = at_moment(d, dev, "2027-03-01T23:12", &["timer", "stop"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no timer runs"), "{}", stderr(&o));
}

#[test]
fn a_moment_that_is_not_one_is_refused() {
    let f = fixture();
    for bad in ["tomorrow at nine", "2301-01-01T10:00"] {
        let o = at_moment(&f.data, support::DEVICE, bad, &["timer", "start", PY]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("WAYMARK_NOW"), "{}", stderr(&o));
        assert!(!f.data.exists(), "{bad} wrote a data directory");
    }
}

#[test]
fn notes_and_evidence_from_the_command_line_and_what_they_refuse() {
    let f = fixture();
    let d = &f.data;
    let dev = support::DEVICE;
    let at = "2027-03-01T09:00";
    assert_eq!(
        ok_at(d, dev, at, &["note", PY, "Worked through chapter 3"]),
        format!("{PY}: notes set\n")
    );
    assert_eq!(
        ok_at(d, dev, at, &["note", PY, "Then the exercises", "--append"]),
        format!("{PY}: line added to the notes\n")
    );
    let link = "https://github.com/learner/drills";
    assert_eq!(
        ok_at(d, dev, at, &["evidence", "add", PY, link]),
        format!("{PY}: evidence added: {link}\n")
    );
    ok_at(d, dev, at, &["mark", PY, "done"]);
    let report = ok_at(d, dev, at, &["report"]);
    assert!(
        report.contains("Worked through chapter 3") && report.contains("Then the exercises"),
        "{report}"
    );
    assert!(report.contains(link), "{report}");
    let before = snapshot(d);
    for (args, code) in [
        (vec!["evidence", "add", PY, "javascript:alert(1)"], 2),
        (vec!["evidence", "add", PY, "ftp://example.org/x"], 2),
        (vec!["evidence", "add", "ai-engineer/no-such", link], 1),
        (vec!["note", "nowhere/python", "text"], 1),
        (vec!["note", "not-a-ref", "text"], 1),
    ] {
        let o = at_moment(d, dev, at, &args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert_eq!(snapshot(d), before, "{args:?} wrote to the data directory");
    }
    assert_eq!(
        ok_at(d, dev, at, &["evidence", "remove", PY, link]),
        format!("{PY}: evidence removed: {link}\n")
    );
    assert!(!ok_at(d, dev, at, &["report"]).contains(link));
}

// ---- The mentor loop (contract §4: `checkin`, `mentor`) -------------------------------------

const PROJECT: &str = "ai-engineer/project-first-llm-feature";

/// A learner who finished a project with evidence and a note holding markup, and sent a
/// packet: its path.
fn learner_sends(f: &Fixture, d: &Path) -> PathBuf {
    let at = "2027-03-01T09:00";
    let dev = support::DEVICE;
    ok_at(
        d,
        dev,
        at,
        &[
            "note",
            PROJECT,
            "Beat the baseline <script>alert(1)</script>",
        ],
    );
    ok_at(
        d,
        dev,
        at,
        &[
            "evidence",
            "add",
            PROJECT,
            "https://github.com/learner/feature",
        ],
    );
    ok_at(d, dev, at, &["log", PROJECT, "12"]);
    ok_at(d, dev, at, &["mark", PROJECT, "done"]);
    ok_at(d, dev, at, &["profile", "--name", "Ada Lovelace"]);
    ok_at(
        d,
        dev,
        at,
        &[
            "goal",
            "new",
            "Ship the feature",
            "--milestones",
            PROJECT,
            "--target",
            "2027-04-01",
        ],
    );
    let packet = f.files.join("checkin.md");
    let said = ok_at(
        d,
        dev,
        "2027-03-08T18:00",
        &[
            "checkin",
            "export",
            "--out",
            packet.to_str().unwrap(),
            "--ask",
            "Is this enough evaluation?",
            "--ask",
            "What is the ```waymark-checkin block for?",
        ],
    );
    assert!(said.starts_with("wrote check-in ck-"), "{said}");
    packet
}

/// The mentor, in a Waymark of their own, replies with a sign-off, a comment and a next step.
fn mentor_replies(f: &Fixture, packet: &Path) -> PathBuf {
    let mentor_data = f.files.join("mentor-data");
    let opened = ok_at(
        &mentor_data,
        "mentor",
        "2027-03-10T10:00",
        &["mentor", "open", packet.to_str().unwrap()],
    );
    assert!(
        opened.contains("Ada Lovelace's check-in")
            && opened.contains(PROJECT)
            && opened.contains("Is this enough evaluation?"),
        "{opened}"
    );
    // The goal's id, as the packet lists it, for a suggested target.
    let goal = opened
        .lines()
        .find(|l| l.contains("Ship the feature"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    let reply = f.files.join("reply.ron");
    // A target suggested for a goal the packet does not hold is refused.
    let o = at_moment(
        &mentor_data,
        "mentor",
        "2027-03-10T10:00",
        &[
            "mentor",
            "reply",
            packet.to_str().unwrap(),
            "--suggest-target",
            "someone-elses",
            "2027-06-01",
            "--mentor",
            "Ana Ruiz",
            "--out",
            reply.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!reply.exists());
    ok_at(
        &mentor_data,
        "mentor",
        "2027-03-10T10:00",
        &[
            "mentor",
            "reply",
            packet.to_str().unwrap(),
            "--sign-off",
            PROJECT,
            "--comment",
            PROJECT,
            "Add a held-out test set",
            "--note",
            "Solid first project.",
            "--next",
            "Write up the evaluation",
            "--suggest-target",
            &goal,
            "2027-06-01",
            "--mentor",
            "Ana Ruiz",
            "--out",
            reply.to_str().unwrap(),
        ],
    );
    // Opening and replying changed nothing of the mentor's own.
    assert!(
        !mentor_data.exists(),
        "the mentor's data directory was written"
    );
    reply
}

#[test]
fn a_check_in_goes_to_the_mentor_and_the_reply_comes_back_once_and_undoes() {
    let f = fixture();
    let d = &f.data;
    let dev = support::DEVICE;
    let packet = learner_sends(&f, d);
    let reply = mentor_replies(&f, &packet);
    let r = reply.to_str().unwrap();
    let at = "2027-03-11T08:00";
    // The preview changes nothing.
    let before = snapshot(d);
    let preview = ok_at(d, dev, at, &["checkin", "import", r]);
    assert!(preview.contains("Ana Ruiz signs off"), "{preview}");
    assert!(preview.contains("Add a held-out test set"), "{preview}");
    assert!(
        preview.contains("Suggests moving the target of “Ship the feature” to 1 Jun 2027"),
        "{preview}"
    );
    assert_eq!(snapshot(d), before);
    let took = ok_at(d, dev, at, &["checkin", "import", r, "--yes"]);
    assert!(took.contains("took in Ana Ruiz's reply"), "{took}");
    // Offered, not done: the target stands until the learner moves it.
    assert!(
        took.contains("waymark goal target own-ship-the-feature-"),
        "{took}"
    );
    assert!(ok_at(d, dev, at, &["status"]).contains("target 2027-04-01"));
    let report = ok_at(d, dev, at, &["report"]);
    for wanted in [
        "Signed off by Ana Ruiz on 10 Mar 2027",
        "Add a held-out test set",
        "Write up the evaluation",
        "Solid first project.",
    ] {
        assert!(report.contains(wanted), "{wanted}: {report}");
    }
    // The portfolio shows the sign-off and the comment with the project.
    let portfolio = ok_at(d, dev, at, &["portfolio", "--markdown"]);
    assert!(
        portfolio.contains("Ana Ruiz") && portfolio.contains("Add a held-out test set"),
        "{portfolio}"
    );
    // The learner's other machine, through the shared folder, sees it too.
    let elsewhere = ok_at(d, "desktop", at, &["report"]);
    assert!(
        elsewhere.contains("Signed off by Ana Ruiz on 10 Mar 2027"),
        "{elsewhere}"
    );
    // Again: nothing doubles, nothing is written.
    let taken = snapshot(d);
    let again = ok_at(d, dev, at, &["checkin", "import", r, "--yes"]);
    assert!(again.contains("Taken in already"), "{again}");
    assert_eq!(snapshot(d), taken);
    // Undone as one change; then it can be taken in again.
    ok_at(d, dev, at, &["undo"]);
    let report = ok_at(d, dev, at, &["report"]);
    assert!(!report.contains("Ana Ruiz"), "{report}");
    let took = ok_at(d, dev, at, &["checkin", "import", r, "--yes"]);
    assert!(took.contains("took in"), "{took}");
    // A project reopened reads as signed off on an earlier version.
    ok_at(d, dev, at, &["mark", PROJECT, "doing"]);
    let report = ok_at(d, dev, at, &["report"]);
    assert!(
        report.contains("signed off on an earlier version"),
        "{report}"
    );
}

#[test]
fn replies_that_are_not_this_learners_or_not_whole_are_refused_and_change_nothing() {
    let f = fixture();
    let d = &f.data;
    let dev = support::DEVICE;
    let packet = learner_sends(&f, d);
    let reply = mentor_replies(&f, &packet);
    let good = std::fs::read_to_string(&reply).unwrap();
    let at = "2027-03-11T08:00";
    // Another learner, who never sent that packet.
    let other = f.files.join("other-learner");
    ok_at(
        &other,
        dev,
        at,
        &[
            "checkin",
            "export",
            "--out",
            f.files.join("other.md").to_str().unwrap(),
        ],
    );
    let before = snapshot(&other);
    let o = at_moment(
        &other,
        dev,
        at,
        &["checkin", "import", reply.to_str().unwrap(), "--yes"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("never sent"), "{}", stderr(&o));
    assert_eq!(snapshot(&other), before);
    let mut junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    junk[10] = 0;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut short",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "cannot be read",
        ),
        ("binary", junk, "not a text file"),
        ("20 MB", vec![b' '; 20 * 1024 * 1024], "more than"),
        (
            "edited",
            good.replace("Add a held-out test set", "Perfect, no tests needed")
                .into_bytes(),
            "seal does not match",
        ),
        (
            "path-like id",
            good.replace(PROJECT, "../../etc/passwd").into_bytes(),
            "is not CURRICULUM/MILESTONE",
        ),
        (
            "newer",
            good.replace("waymark_reply: 1", "waymark_reply: 7")
                .into_bytes(),
            "newer Waymark",
        ),
        (
            "dated 1969",
            good.replace("written: \"2027-03-10\"", "written: \"1969-12-31\"")
                .into_bytes(),
            "it is dated 1969-12-31",
        ),
    ];
    let before = snapshot(d);
    for (name, bytes, why) in cases {
        let file = f.files.join(format!("{name}.ron"));
        std::fs::write(&file, &bytes).unwrap();
        let o = at_moment(
            d,
            dev,
            at,
            &["checkin", "import", file.to_str().unwrap(), "--yes"],
        );
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(why), "{name}: {}", stderr(&o));
        assert_eq!(snapshot(d), before, "{name} changed the data directory");
    }
}

/// The study sessions of an `.ics` file, read back by an iCalendar parser: (start, minutes).
fn calendar_sessions(text: &str) -> Vec<(chrono::NaiveDateTime, i64)> {
    use icalendar::{CalendarDateTime, Component as _, DatePerhapsTime};
    let parsed: icalendar::Calendar = text.parse().unwrap();
    parsed
        .events()
        .filter_map(|e| match (e.get_start()?, e.get_end()?) {
            (
                DatePerhapsTime::DateTime(CalendarDateTime::Floating(start)),
                DatePerhapsTime::DateTime(CalendarDateTime::Floating(end)),
            ) => {
                assert!(
                    e.components()
                        .iter()
                        .any(|c| c.component_kind() == "VALARM"),
                    "a session without a reminder"
                );
                Some((start, (end - start).num_minutes()))
            }
            _ => None,
        })
        .collect()
}

/// The all-day events of an `.ics` file: (UID, date, summary).
fn calendar_days(text: &str) -> Vec<(String, chrono::NaiveDate, String)> {
    use icalendar::{Component as _, DatePerhapsTime};
    let parsed: icalendar::Calendar = text.parse().unwrap();
    parsed
        .events()
        .filter_map(|e| match e.get_start()? {
            DatePerhapsTime::Date(day) => {
                Some((e.get_uid()?.to_owned(), day, e.get_summary()?.to_owned()))
            }
            DatePerhapsTime::DateTime(_) => None,
        })
        .collect()
}

#[test]
fn calendar_sessions_fall_on_the_study_days_sum_to_the_plan_and_targets_match_status() {
    use chrono::{Datelike as _, Weekday};
    let f = learner();
    let said = ok(
        &f,
        TODAY,
        &["hours", "6", "--days", "mon,wed,sat", "--at", "19:00"],
    );
    assert_eq!(said, "hours a week: 6\nstudy days: mon,wed,sat at 19:00\n");
    ok(&f, TODAY, &["focus", "add", "tiny/nlp"]);
    ok(&f, TODAY, &["goal", "adopt", "tiny/classifier"]);
    let file = f.files.join("study.ics");
    let said = ok(&f, TODAY, &["calendar", "--out", file.to_str().unwrap()]);
    assert_eq!(said, format!("wrote {}\n", file.display()));
    let text = std::fs::read_to_string(&file).unwrap();
    let sessions = calendar_sessions(&text);
    let monday: chrono::NaiveDate = TODAY.parse().unwrap();
    let mut weeks = [0i64; 9];
    for (start, minutes) in &sessions {
        assert!(
            [Weekday::Mon, Weekday::Wed, Weekday::Sat].contains(&start.weekday()),
            "{start}"
        );
        assert_eq!(start.time().to_string(), "19:00:00");
        weeks[((start.date() - monday).num_days() / 7) as usize] += minutes;
    }
    // This week holds what `plan` plans; each later week the hours a week.
    let planned: f64 = week_hours(&ok(&f, TODAY, &["plan"])).iter().sum();
    assert_eq!(weeks[0], (planned * 60.0).round() as i64);
    assert_eq!(weeks[1..], [360; 8]);
    assert_eq!(sessions.len(), 27);
    // The goal's target is the day `status` gives.
    let line = goal_line(&ok(&f, TODAY, &["status"]), "classifier");
    let target: chrono::NaiveDate = line[2].strip_prefix("target ").unwrap().parse().unwrap();
    let days = calendar_days(&text);
    assert!(
        days.contains(&(
            "target-classifier@waymark".to_owned(),
            target,
            "Target: Ship a classifier".to_owned()
        )),
        "{days:?}"
    );
    // The first session names the first milestone of the week's plan, and what this week
    // leaves of it (10 h, 6 of them this week) opens the next week.
    let summary_on = |start: &str| {
        use icalendar::Component as _;
        let parsed: icalendar::Calendar = text.parse().unwrap();
        parsed
            .events()
            .find(|e| e.property_value("DTSTART") == Some(start))
            .and_then(|e| e.property_value("SUMMARY").map(str::to_owned))
    };
    assert_eq!(
        summary_on("20270301T190000").as_deref(),
        Some("Study: Python")
    );
    assert_eq!(
        summary_on("20270308T190000").as_deref(),
        Some("Study: Python")
    );
    assert_eq!(
        summary_on("20270310T190000").as_deref(),
        Some("Study: Python")
    );
    // Statistics waits for Python, so it is not next up yet: the calendar names no guess.
    assert_eq!(
        summary_on("20270313T190000").as_deref(),
        Some("Study: what comes next in your plan")
    );
}

#[test]
fn calendar_uids_stay_the_same_across_two_exports_so_an_import_updates() {
    let f = learner();
    ok(&f, TODAY, &["focus", "add", "tiny/nlp"]);
    let (one, two) = (f.files.join("one.ics"), f.files.join("two.ics"));
    ok(&f, TODAY, &["calendar", "--out", one.to_str().unwrap()]);
    ok(&f, TODAY, &["log", "tiny/python", "1"]);
    ok(&f, TODAY, &["calendar", "--out", two.to_str().unwrap()]);
    let uids = |path: &Path| -> Vec<String> {
        std::fs::read_to_string(path)
            .unwrap()
            .split("\r\n")
            .filter_map(|l| l.strip_prefix("UID:"))
            .filter(|u| u.starts_with("study-"))
            .map(str::to_owned)
            .collect()
    };
    assert!(!uids(&one).is_empty());
    assert_eq!(uids(&one), uids(&two));
}

#[test]
fn bad_study_days_a_bad_start_or_a_calendar_in_the_data_folder_exit_2_and_change_nothing() {
    let f = learner();
    let before = snapshot(&f.data);
    for args in [
        &["hours", "--days", "mon,funday"][..],
        &["hours", "--days", ""],
        &["hours", "--at", "25:00"],
        &["hours", "6", "--at", "7pm"],
        &["hours"],
    ] {
        let o = waymark_on(&f.data, TODAY, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
    let inside = f.data.join("study.ics");
    for args in [
        ["calendar", "--out", inside.to_str().unwrap()],
        ["calendar", "--keep", inside.to_str().unwrap()],
    ] {
        let o = waymark_on(&f.data, TODAY, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("inside the data folder"),
            "{}",
            stderr(&o)
        );
    }
    assert!(!inside.exists());
    assert_eq!(snapshot(&f.data), before, "nothing changed on disk");
    // `hours N` alone is as it was.
    assert_eq!(ok(&f, TODAY, &["hours", "7"]), "hours a week: 7\n");
    assert_eq!(
        ok(&f, TODAY, &["hours", "--at", "6:45"]),
        "study days: mon,wed,fri at 06:45\n",
        "the default days stand until chosen"
    );
}

#[test]
fn the_calendar_kept_current_is_rewritten_after_every_change_and_is_this_machines_own() {
    let f = learner();
    ok(&f, TODAY, &["focus", "add", "tiny/nlp"]);
    let kept = f.files.join("kept.ics");
    assert_eq!(ok(&f, TODAY, &["calendar"]), "kept current: no\n");
    let said = ok(&f, TODAY, &["calendar", "--keep", kept.to_str().unwrap()]);
    assert_eq!(said, format!("kept current: {}\n", kept.display()));
    let week = |text: &str| -> i64 {
        calendar_sessions(text)
            .iter()
            .filter(|(s, _)| s.date() >= "2027-03-08".parse().unwrap())
            .filter(|(s, _)| s.date() < "2027-03-15".parse().unwrap())
            .map(|(_, m)| m)
            .sum()
    };
    assert_eq!(week(&std::fs::read_to_string(&kept).unwrap()), 360);
    ok(&f, TODAY, &["hours", "9", "--days", "tue"]);
    let text = std::fs::read_to_string(&kept).unwrap();
    assert_eq!(week(&text), 540, "rewritten after the change");
    // Nine hours from 19:00 would pass midnight: the session starts at 15:00.
    assert!(text.contains("DTSTART:20270309T150000"), "on the Tuesday");
    ok(&f, TODAY, &["undo"]);
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains("DTSTART:20270310T190000")
    );
    assert!(
        !support::records(&f.data).contains("kept.ics"),
        "the path is in no record"
    );
    assert_eq!(
        ok(&f, TODAY, &["calendar", "--keep-off"]),
        "kept current: no\n"
    );
    let before = std::fs::read(&kept).unwrap();
    ok(&f, TODAY, &["hours", "3"]);
    assert_eq!(std::fs::read(&kept).unwrap(), before, "no longer kept");
}

#[test]
fn calendar_holds_each_review_on_the_day_review_lists_it() {
    let f = learner();
    ok(&f, TODAY, &["log", "tiny/python", "10"]);
    ok(&f, TODAY, &["mark", "tiny/python", "done"]);
    let listed = ok(&f, TODAY, &["review"]);
    let due: chrono::NaiveDate = listed
        .lines()
        .find(|l| l.contains("\ttiny/python\t"))
        .and_then(|l| l.strip_prefix("due: "))
        .and_then(|l| l.split('\t').next())
        .unwrap_or_else(|| panic!("{listed}"))
        .parse()
        .unwrap();
    let file = f.files.join("study.ics");
    ok(&f, TODAY, &["calendar", "--out", file.to_str().unwrap()]);
    let days = calendar_days(&std::fs::read_to_string(&file).unwrap());
    assert!(
        days.contains(&(
            "review-tiny-python@waymark".to_owned(),
            due,
            "Review: Python".to_owned()
        )),
        "{days:?}"
    );
}

// ---- The learner's profile and portfolio (contract §4: `profile`, `portfolio`) -------------

/// The tiny path imported, its project done on 2027-03-10 with 2.5 h logged and a note that
/// tries to be markup.
fn finished_project() -> Fixture {
    let f = fixture();
    let file = write(&f.files, "tiny.ron", VALID);
    let day = "2027-03-10";
    for args in [
        &["import", file.to_str().unwrap(), "--yes"][..],
        &["timer", "start", "tiny/old-name"],
        &[
            "timer",
            "stop",
            "--hours",
            "2.5",
            "--note",
            "<script>alert('x')</script> & it worked",
        ],
        &["mark", "tiny/old-name", "done"],
        &["mark", "tiny/stats", "done"],
    ] {
        let o = waymark_on(&f.data, day, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    f
}

/// Checks that `html` is well formed (every element closed in order, void ones excepted) and
/// returns its tags in order, each as its name (`/h2` for a closing one) and its attributes.
fn html_tags(html: &str) -> Vec<(String, String)> {
    const VOID: [&str; 4] = ["meta", "br", "link", "img"];
    let mut tags = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let end = rest[at..].find('>').expect("every tag ends") + at;
        let tag = &rest[at + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with("!DOCTYPE") {
            continue;
        }
        let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(
            name.trim_start_matches('/')
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
                && !name.is_empty(),
            "a '<' that is not a tag: <{tag}>"
        );
        if let Some(closing) = name.strip_prefix('/') {
            assert_eq!(
                open.pop().as_deref(),
                Some(closing),
                "</{closing}> closes another"
            );
        } else if !VOID.contains(&name) {
            open.push(name.to_owned());
        }
        tags.push((name.to_owned(), attrs.to_owned()));
    }
    assert!(open.is_empty(), "left open: {open:?}");
    tags
}

#[test]
fn portfolio_writes_a_page_that_parses_with_its_language_headings_in_order_and_inert_notes() {
    let f = finished_project();
    let o = waymark_on(
        &f.data,
        "2027-03-11",
        &[
            "profile",
            "--name",
            "Ada <b>Lovelace</b>",
            "--link",
            "https://github.com/ada",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = f.files.join("site");
    let o = waymark_on(
        &f.data,
        "2027-03-11",
        &["portfolio", "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("index.html: 1 project"),
        "{}",
        stdout(&o)
    );
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let tags = html_tags(&html);
    assert_eq!(tags[0], ("html".to_owned(), "lang=\"en\"".to_owned()));
    let names: Vec<&str> = tags.iter().map(|(n, _)| n.as_str()).collect();
    for absent in ["script", "link", "img", "iframe", "object"] {
        assert!(!names.contains(&absent), "<{absent}> in {html}");
    }
    let headings: Vec<u32> = names
        .iter()
        .filter_map(|n| n.strip_prefix('h')?.parse().ok())
        .collect();
    assert_eq!(headings[0], 1, "{headings:?}");
    assert!(
        headings.windows(2).all(|w| w[1] <= w[0] + 1),
        "{headings:?}"
    );
    for (_, attrs) in &tags {
        if let Some(href) = attrs.strip_prefix("href=\"") {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{href}"
            );
        }
    }
    assert!(
        html.contains("<h1>Ada &lt;b&gt;Lovelace&lt;/b&gt;</h1>"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; it worked"),
        "{html}"
    );
    assert!(html.contains("<h3>Text classifier</h3>"), "{html}");
    assert!(
        html.contains("<time datetime=\"2027-03-10\">10 Mar 2027</time> · 2.5 h · Tiny path"),
        "{html}"
    );
    assert!(
        html.contains("<dt>Basics</dt>\n<dd>Statistics</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://github.com/ada\">"),
        "{html}"
    );
}

#[test]
fn portfolio_markdown_prints_the_same_for_a_readme_with_the_learners_text_escaped() {
    let f = finished_project();
    let o = waymark_on(&f.data, "2027-03-11", &["portfolio", "--markdown"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.starts_with("# Portfolio\n"), "{md}");
    assert!(md.contains("## Projects\n\n### Text classifier\n"), "{md}");
    assert!(
        md.contains("> \\<script\\>alert('x')\\</script\\> & it worked"),
        "{md}"
    );
    assert!(md.contains("- Basics: Statistics"), "{md}");
}

#[test]
fn portfolio_hide_and_private_notes_change_the_page_and_undo_takes_them_back() {
    let f = finished_project();
    let day = "2027-03-11";
    let list = |f: &Fixture| stdout(&waymark_on(&f.data, day, &["portfolio"]));
    assert_eq!(
        list(&f),
        "tiny/old-name\tText classifier\tfinished 2027-03-10\tshown\tnotes shown\n"
    );
    let o = waymark_on(
        &f.data,
        day,
        &["portfolio", "notes", "tiny/old-name", "private"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "kept your notes on “Text classifier” private\n");
    let md = stdout(&waymark_on(&f.data, day, &["portfolio", "--markdown"]));
    assert!(
        md.contains("### Text classifier") && !md.contains("it worked"),
        "{md}"
    );
    let o = waymark_on(&f.data, day, &["portfolio", "hide", "tiny/old-name"]);
    assert_eq!(stdout(&o), "hid “Text classifier” from your portfolio\n");
    assert!(list(&f).contains("\thidden\tnotes private"), "{}", list(&f));
    let md = stdout(&waymark_on(&f.data, day, &["portfolio", "--markdown"]));
    assert!(
        !md.contains("Text classifier") && md.contains("No finished projects"),
        "{md}"
    );
    let o = waymark_on(&f.data, day, &["undo"]);
    assert!(
        stdout(&o).contains("hid “Text classifier”"),
        "{}",
        stdout(&o)
    );
    assert!(list(&f).contains("\tshown\tnotes private"), "{}", list(&f));
}

#[test]
fn portfolio_choices_on_a_skill_or_an_unknown_milestone_are_refused_with_exit_one() {
    let f = finished_project();
    let before = snapshot(&f.data);
    for args in [
        &["portfolio", "hide", "tiny/stats"][..],
        &["portfolio", "notes", "tiny/nope", "private"],
    ] {
        let o = waymark_on(&f.data, "2027-03-11", args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(!stderr(&o).is_empty());
    }
    assert!(
        stderr(&waymark_on(
            &f.data,
            "2027-03-11",
            &["portfolio", "hide", "tiny/stats"]
        ))
        .contains("not a project")
    );
    assert_eq!(snapshot(&f.data), before, "a refusal writes nothing");
}

#[test]
fn profile_sets_the_name_and_links_and_refuses_a_bad_one_with_exit_two_writing_nothing() {
    let f = fixture();
    let day = "2027-03-11";
    let o = waymark_on(
        &f.data,
        day,
        &[
            "profile",
            "--name",
            " Ada Lovelace ",
            "--link",
            "https://github.com/ada",
            "--link",
            "https://ada.dev",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let shown = "name: Ada Lovelace\nlink: https://github.com/ada\nlink: https://ada.dev\n";
    assert_eq!(stdout(&o), shown);
    assert_eq!(stdout(&waymark_on(&f.data, day, &["profile"])), shown);
    let before = snapshot(&f.data);
    for args in [
        &["profile", "--link", "javascript:alert(1)"][..],
        &["profile", "--link", "github.com/ada"],
        &["profile", "--name", "Ada\u{1b}[2J"],
        &["profile", "--name", &"a".repeat(121)],
    ] {
        let o = waymark_on(&f.data, day, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
    assert_eq!(snapshot(&f.data), before, "a refusal writes nothing");
    // A name alone keeps the links; --no-links drops them; undo puts them back.
    let o = waymark_on(&f.data, day, &["profile", "--name", "Ada"]);
    assert_eq!(stdout(&o), shown.replace("Ada Lovelace", "Ada"));
    let o = waymark_on(&f.data, day, &["profile", "--no-links"]);
    assert_eq!(stdout(&o), "name: Ada\n");
    waymark_on(&f.data, day, &["undo"]);
    assert_eq!(
        stdout(&waymark_on(&f.data, day, &["profile"])),
        shown.replace("Ada Lovelace", "Ada")
    );
}

#[test]
fn portfolio_out_into_a_file_that_is_not_a_folder_is_exit_two_and_writes_nothing() {
    let f = finished_project();
    let file = write(&f.files, "taken", "not a folder");
    let o = waymark_on(
        &f.data,
        "2027-03-11",
        &["portfolio", "--out", file.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}

// ---- Weeks that differ ---------------------------------------------------------------------

/// A Monday, as the issue's check runs it.
const AWAY_TODAY: &str = "2026-12-07";

fn days_between(a: &str, b: &str) -> i64 {
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    (d(b) - d(a)).num_days()
}

#[test]
fn four_weeks_away_move_the_likely_finish_by_28_days_and_the_forecast_agrees() {
    let f = learner();
    ok(&f, AWAY_TODAY, &["hours", "6"]);
    ok(&f, AWAY_TODAY, &["goal", "adopt", "tiny/classifier"]);
    let before = projected(&goal_line(&ok(&f, AWAY_TODAY, &["status"]), "classifier"));
    let said = ok(&f, AWAY_TODAY, &["away", "2026-12-21", "2027-01-17"]);
    assert_eq!(
        said,
        "4 weeks away from 21 Dec 2026 (21 Dec 2026 to 17 Jan 2027)\n"
    );
    let status = ok(&f, AWAY_TODAY, &["status"]);
    let after = projected(&goal_line(&status, "classifier"));
    assert_eq!(
        days_between(&before.0, &after.0),
        28,
        "{before:?} {after:?}"
    );
    assert_eq!(
        days_between(&before.1, &after.1),
        28,
        "{before:?} {after:?}"
    );
    assert!(
        status.contains("period: 1\t21 Dec 2026 to 17 Jan 2027\taway\n"),
        "{status}"
    );
    // `forecast`'s 50% and 90% dates are status's likely and late dates, time away and all.
    let forecast = ok(&f, AWAY_TODAY, &["forecast", "classifier"]);
    assert!(
        forecast.contains(&format!("{}\t50%", after.0)),
        "{forecast}"
    );
    assert!(
        forecast.contains(&format!("{}\t90%", after.1)),
        "{forecast}"
    );
}

#[test]
fn a_week_away_plans_nothing_and_says_until_when() {
    let f = learner();
    ok(&f, AWAY_TODAY, &["hours", "6"]);
    ok(&f, AWAY_TODAY, &["goal", "adopt", "tiny/classifier"]);
    ok(&f, AWAY_TODAY, &["away", "2026-12-21", "2027-01-03"]);
    let plan = ok(&f, "2026-12-23", &["plan"]);
    assert!(
        plan.contains("You're away until Sun 3 Jan: nothing is planned this week.\n"),
        "{plan}"
    );
    assert!(week_hours(&plan).is_empty(), "{plan}");
    // A week of its usual hours before, and back after.
    assert!(!week_hours(&ok(&f, AWAY_TODAY, &["plan"])).is_empty());
    let back = ok(&f, "2027-01-04", &["plan"]);
    assert!(!back.contains("away"), "{back}");
    assert!(!week_hours(&back).is_empty(), "{back}");
}

#[test]
fn busy_weeks_are_listed_removed_and_undone() {
    let f = learner();
    ok(&f, AWAY_TODAY, &["hours", "6"]);
    assert_eq!(
        ok(
            &f,
            AWAY_TODAY,
            &["hours", "2", "--from", "2027-01-04", "--to", "2027-01-17"]
        ),
        "2 h a week for 2 weeks from 4 Jan 2027 (4 Jan 2027 to 17 Jan 2027)\n"
    );
    // Without --to: from that day on.
    assert_eq!(
        ok(&f, AWAY_TODAY, &["hours", "10", "--from", "2027-03-01"]),
        "10 h a week from 1 Mar 2027 on (from 1 Mar 2027 on)\n"
    );
    assert_eq!(
        ok(&f, AWAY_TODAY, &["periods"]),
        "1\t4 Jan 2027 to 17 Jan 2027\t2 h a week\n2\tfrom 1 Mar 2027 on\t10 h a week\n"
    );
    assert!(ok(&f, "2027-01-05", &["plan"]).contains("2 h planned of your 2 h a week"));
    assert_eq!(
        ok(&f, AWAY_TODAY, &["periods", "remove", "1"]),
        "removed 2 h a week for 2 weeks from 4 Jan 2027\n"
    );
    assert_eq!(
        ok(&f, AWAY_TODAY, &["periods"]),
        "1\tfrom 1 Mar 2027 on\t10 h a week\n"
    );
    ok(&f, AWAY_TODAY, &["undo"]);
    // Back, as the latest change to the set: listed after the one that stayed.
    assert_eq!(
        ok(&f, AWAY_TODAY, &["periods"]),
        "1\tfrom 1 Mar 2027 on\t10 h a week\n2\t4 Jan 2027 to 17 Jan 2027\t2 h a week\n"
    );
    // The usual hours a week are the learner's own still.
    assert!(ok(&f, AWAY_TODAY, &["status"]).contains("hours a week: 6\n"));
}

#[test]
fn refused_periods_exit_two_and_change_nothing_on_disk() {
    let f = learner();
    ok(&f, AWAY_TODAY, &["hours", "6"]);
    ok(&f, AWAY_TODAY, &["away", "2026-12-21", "2026-12-27"]);
    let before = snapshot(&f.data);
    for args in [
        &["away", "2027-01-17", "2026-12-21"][..],
        &["away", "2026-12-21", "someday"],
        &["away", "2026-02-30", "2026-03-02"],
        &["away", "1900-01-01", "2026-03-02"],
        &["hours", "5", "--from", "2027-01-10", "--to", "2027-01-01"],
        &["hours", "500", "--from", "2027-01-10"],
        &["hours", "-1", "--from", "2027-01-10"],
        &["hours", "5", "--from", "soon"],
        &["hours", "5", "--to", "2027-01-10"],
        &["periods", "remove", "zero"],
    ] {
        let o = waymark_on(&f.data, AWAY_TODAY, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?} says why");
        assert_eq!(snapshot(&f.data), before, "{args:?} wrote nothing");
    }
    let o = waymark_on(&f.data, AWAY_TODAY, &["periods", "remove", "2"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "an unknown period: {}",
        stderr(&o)
    );
    assert_eq!(snapshot(&f.data), before);
    let o = waymark_on(&f.data, AWAY_TODAY, &["away", "2027-01-17", "2026-12-21"]);
    assert!(
        stderr(&o).contains("it ends on 2026-12-21 before it starts on 2027-01-17"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_review_due_while_away_is_asked_for_after_the_break_by_every_command() {
    let f = learner();
    ok(&f, AWAY_TODAY, &["mark", "tiny/python", "done"]);
    let listed = |f: &Fixture| {
        let reviews = ok(f, AWAY_TODAY, &["review"]);
        reviews
            .lines()
            .find(|l| l.contains("\ttiny/python\t"))
            .map(|l| l["due: ".len().."due: YYYY-MM-DD".len()].to_owned())
            .unwrap_or_else(|| panic!("{reviews}"))
    };
    // Due a week after it was done, on the 14th.
    assert_eq!(listed(&f), "2026-12-14");
    ok(&f, AWAY_TODAY, &["away", "2026-12-10", "2026-12-20"]);
    // Four days into an eleven-day break: four days into the eleven after it.
    assert_eq!(listed(&f), "2026-12-25");
    // A review passed today comes due inside the break: it is asked for after it too, and
    // what `review` prints after the pass is what it lists.
    let passed = ok(&f, AWAY_TODAY, &["review", "tiny/python", "pass"]);
    let next = passed.trim_end().rsplit(' ').next().unwrap().to_owned();
    assert!(next.as_str() > "2026-12-20", "{passed}");
    assert_eq!(listed(&f), next);
}

#[test]
fn a_signed_off_project_renamed_by_an_update_keeps_its_sign_off_and_comment() {
    let f = fixture();
    let d = &f.data;
    let dev = support::DEVICE;
    let at = "2027-03-01T09:00";
    let v1 = write(&f.files, "tiny.ron", VALID);
    ok_at(d, dev, at, &["import", v1.to_str().unwrap(), "--yes"]);
    ok_at(d, dev, at, &["mark", "tiny/old-name", "done"]);
    let packet = f.files.join("checkin.md");
    ok_at(
        d,
        dev,
        at,
        &["checkin", "export", "--out", packet.to_str().unwrap()],
    );
    let reply = f.files.join("reply.ron");
    ok_at(
        &f.files.join("mentor"),
        "mentor",
        "2027-03-02T10:00",
        &[
            "mentor",
            "reply",
            packet.to_str().unwrap(),
            "--sign-off",
            "tiny/old-name",
            "--comment",
            "tiny/old-name",
            "Try a second baseline",
            "--mentor",
            "Ana Ruiz",
            "--out",
            reply.to_str().unwrap(),
        ],
    );
    ok_at(
        d,
        dev,
        at,
        &["checkin", "import", reply.to_str().unwrap(), "--yes"],
    );
    // Revision 2 renames the project.
    let v2_text = VALID
        .replace("revision: 1", "revision: 2")
        .replace(
            r#"Milestone(id: "old-name", title: "Text classifier""#,
            r#"Milestone(id: "text-classifier", renamed_from: ["old-name"], title: "Text classifier""#,
        )
        .replace(r#"milestones: ["old-name"]"#, r#"milestones: ["text-classifier"]"#);
    let v2 = write(&f.files, "tiny-v2.ron", &v2_text);
    ok_at(d, dev, at, &["import", v2.to_str().unwrap(), "--yes"]);
    let portfolio = ok_at(d, dev, at, &["portfolio", "--markdown"]);
    assert!(
        portfolio.contains("Ana Ruiz") && portfolio.contains("Try a second baseline"),
        "{portfolio}"
    );
    let report = ok_at(d, dev, at, &["report"]);
    assert!(
        report.contains("Signed off by Ana Ruiz on 2 Mar 2027"),
        "{report}"
    );
}
