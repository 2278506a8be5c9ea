//! The command line as a user runs it: the real `waymark` binary on a temporary data directory.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too: a panic is a failed test

mod support;

use support::{snapshot, stderr, stdout, waymark};

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
    assert!(f.data.join("curricula/tiny.ron").exists());

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
