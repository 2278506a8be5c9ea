//! Sharing in the window: importing with a preview (typed path, Ctrl+O, dropped files), undoing
//! an import on disk, refused files with their errors, exporting, and removing a curriculum.

use crate::common;
use crate::support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use waymark::progress::Status;
use waymark::ui::{App, Screen};
use waymark::workspace::Change;
use waymark::workspace::Workspace;

type H = Harness<'static, App>;

/// Revision 2 of the test curriculum: git renamed, statistics longer, containers replaced by
/// docker.
fn revision_2() -> String {
    common::CURRICULUM
        .replace("revision: 1", "revision: 2")
        .replace(
            r#"Milestone(id: "git","#,
            r#"Milestone(id: "version-control", renamed_from: ["git"],"#,
        )
        .replace(r#"effort_hours: 15,"#, r#"effort_hours: 18,"#)
        .replace(
            r#"Milestone(id: "containers", title: "Containers""#,
            r#"Milestone(id: "docker", title: "Docker""#,
        )
}

/// A second, small curriculum to import next to the test one.
const DATA_BASICS: &str = r#"
Curriculum(
    format: 1,
    id: "data-basics",
    revision: 1,
    title: "Data Basics",
    authors: ["Jane Mentor <jane@example.org>"],
    focus_areas: [FocusArea(id: "analysis", title: "Analysis")],
    sections: [
        Section(id: "tools", title: "Tools", milestones: [
            Milestone(id: "spreadsheets", title: "Spreadsheets", kind: Skill),
            Milestone(id: "sql", title: "SQL", kind: Skill, requires: ["spreadsheets"]),
        ]),
        Section(id: "reports", title: "Reports", milestones: [
            Milestone(id: "dashboard", title: "A dashboard", kind: Project, focus: ["analysis"],
                      requires: ["sql"]),
        ]),
    ],
    goals: [
        Goal(id: "first-dashboard", title: "Build a dashboard", focus: "analysis",
             milestones: ["dashboard"], suggested_weeks: 4),
    ],
)
"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn window(root: &Path) -> H {
    common::harness(common::onboarded(root, &["recsys"], 6.0).without_native_dialogs())
}

/// Opens `path` for import through the Import & export page's path field.
pub fn open_path(h: &mut H, path: &Path) {
    h.get_by_label("Import & export").click();
    h.run();
    let field = h.get_by_label("Path");
    field.focus();
    field.type_text(&path.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Open").click();
    h.run();
}

fn has_curriculum(h: &H, id: &str) -> bool {
    h.state().workspace().curriculum(id).is_some()
}

#[test]
fn importing_a_new_curriculum_previews_its_counts_then_applies_and_ctrl_z_takes_it_back() {
    let dir = common::data_dir();
    let files_dir = tempfile::tempdir().unwrap();
    let path = write(files_dir.path(), "data-basics.ron", DATA_BASICS);
    let mut h = window(dir.path());
    open_path(&mut h, &path);

    h.get_by_label("Data Basics");
    h.get_by_label("3 milestones in 2 sections, 1 goal, 1 focus area");
    h.get_by_label_contains("by Jane Mentor <jane@example.org>");
    h.get_by_label("A new curriculum. Nothing you have changes.");
    assert!(!has_curriculum(&h, "data-basics"), "nothing before Apply");
    assert!(!common::imported_on_disk(dir.path(), "data-basics"));

    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    assert!(has_curriculum(&h, "data-basics"));
    assert!(common::imported_on_disk(dir.path(), "data-basics"));
    let saved = common::saved_state(dir.path());
    assert_eq!(
        saved.sources["data-basics"].origin,
        path.display().to_string()
    );
    h.get_by_label_contains("Imported “Data Basics” revision 1");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        !has_curriculum(&h, "data-basics"),
        "undo takes it out of the window"
    );
    assert!(
        !common::imported_on_disk(dir.path(), "data-basics"),
        "and from what opens next time"
    );
    assert!(
        !common::saved_state(dir.path())
            .sources
            .contains_key("data-basics")
    );

    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    h.run();
    assert!(has_curriculum(&h, "data-basics"), "redo brings it back");
    assert!(common::imported_on_disk(dir.path(), "data-basics"));
    assert!(
        common::saved_state(dir.path())
            .sources
            .contains_key("data-basics")
    );
}

/// A learner with progress on python (done), git (done) and containers (doing).
fn with_progress(root: &Path) {
    let (mut ws, _) = common::workspace(root);
    let now = common::now();
    common::profile(&mut ws, |p| {
        let _ = p;
    });
    ws.apply(
        Change::SetStatus {
            milestone: (common::milestone("python")).clone(),
            status: Status::Done,
        },
        now,
    )
    .unwrap();
    ws.apply(
        Change::SetStatus {
            milestone: (common::milestone("git")).clone(),
            status: Status::Done,
        },
        now,
    )
    .unwrap();
    ws.apply(
        Change::SetStatus {
            milestone: (common::milestone("containers")).clone(),
            status: Status::Doing,
        },
        now,
    )
    .unwrap();
    ws.save().unwrap();
}

#[test]
fn an_update_preview_lists_what_changes_and_how_much_progress_is_kept() {
    let dir = common::data_dir();
    with_progress(dir.path());
    let files_dir = tempfile::tempdir().unwrap();
    let path = write(files_dir.path(), "test-v2.ron", &revision_2());
    let mut h = common::harness(common::open(dir.path()).without_native_dialogs());
    open_path(&mut h, &path);

    h.get_by_label("An update of revision 1 to revision 2.");
    h.get_by_label("Added: 1");
    h.get_by_label("Docker");
    h.get_by_label("Removed: 1");
    h.get_by_label("Containers");
    h.get_by_label("Renamed: 1");
    // By title, not by id: the id changed, the title did not.
    h.get_by_label("Version control with git");
    h.get_by_label("Changed: 1");
    h.get_by_label("Statistics");
    h.get_by_label_contains("kept on 2 milestones and set aside on 1 removed one");

    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    let state = &h.state().workspace().state();
    assert_eq!(
        state.status(&common::milestone("version-control")),
        Status::Done,
        "progress follows the rename"
    );
    assert!(state.set_aside[common::CURRICULUM_ID].contains_key("containers"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let ws = h.state().workspace();
    assert_eq!(ws.curriculum(common::CURRICULUM_ID).unwrap().revision, 1);
    assert_eq!(ws.state().status(&common::milestone("git")), Status::Done);
    assert_eq!(
        ws.state().status(&common::milestone("containers")),
        Status::Doing
    );
    let (reopened, _) = Workspace::open_read_only_as(dir.path(), common::device()).unwrap();
    let on_disk = reopened.curriculum(common::CURRICULUM_ID).unwrap();
    assert_eq!(
        on_disk.revision, 1,
        "undo puts revision 1 back for the next open"
    );
    let saved = common::saved_state(dir.path());
    assert_eq!(saved.status(&common::milestone("git")), Status::Done);
    assert!(
        saved
            .set_aside
            .get(common::CURRICULUM_ID)
            .is_none_or(|m| m.is_empty())
    );
}

#[test]
fn an_older_revision_needs_explicit_consent() {
    let dir = tempfile::tempdir().unwrap();
    common::write_curriculum(dir.path(), "ai-engineer.ron", &revision_2());
    let files_dir = tempfile::tempdir().unwrap();
    let path = write(files_dir.path(), "old.ron", common::CURRICULUM);
    let mut h = window(dir.path());
    open_path(&mut h, &path);

    h.get_by_label_contains("is OLDER than the revision 2 you have");
    common::wait_for_autosave(&mut h);
    let before = support::snapshot(dir.path());
    let apply = h.get_by_role_and_label(Role::Button, "Apply");
    assert!(
        apply.accesskit_node().is_disabled(),
        "Apply waits for consent"
    );
    apply.click();
    h.run();
    assert_eq!(
        h.state()
            .workspace()
            .curriculum(common::CURRICULUM_ID)
            .unwrap()
            .revision,
        2
    );
    common::wait_for_autosave(&mut h);
    assert_eq!(
        support::snapshot(dir.path()),
        before,
        "refused without consent: nothing written"
    );

    h.get_by_label("Import the older revision anyway").click();
    h.run();
    let apply = h.get_by_role_and_label(Role::Button, "Apply");
    assert!(!apply.accesskit_node().is_disabled());
    apply.click();
    h.run();
    assert_eq!(
        h.state()
            .workspace()
            .curriculum(common::CURRICULUM_ID)
            .unwrap()
            .revision,
        1
    );
}

#[test]
fn a_broken_file_lists_its_errors_with_line_and_column_and_changes_nothing() {
    let dir = common::data_dir();
    let files_dir = tempfile::tempdir().unwrap();
    let path = write(
        files_dir.path(),
        "broken.ron",
        "Curriculum(\n    format: 1,\n    id: \"broken\",\n    revision: oops,\n)\n",
    );
    let mut h = window(dir.path());
    common::wait_for_autosave(&mut h);
    let before = support::snapshot(dir.path());

    open_path(&mut h, &path);
    h.get_by_label("This file cannot be imported");
    let errors = h.get_by_role_and_label(Role::MultilineTextInput, "Errors");
    let text = errors.value().unwrap();
    let prefix = format!("{}:", path.display());
    let located = text.lines().any(|line| {
        line.strip_prefix(&prefix).is_some_and(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line_no = parts.next().unwrap_or("");
            let col = parts.next().unwrap_or("");
            !line_no.is_empty()
                && !col.is_empty()
                && line_no.chars().all(|c| c.is_ascii_digit())
                && col.chars().all(|c| c.is_ascii_digit())
        })
    });
    assert!(located, "errors name file:line:col: {text}");
    assert!(h.query_by_label("Apply").is_none(), "nothing to apply");

    common::wait_for_autosave(&mut h);
    assert_eq!(
        support::snapshot(dir.path()),
        before,
        "a refused import writes nothing"
    );
}

#[test]
fn copy_errors_puts_them_on_the_clipboard() {
    let dir = common::data_dir();
    let files_dir = tempfile::tempdir().unwrap();
    let path = write(files_dir.path(), "broken.ron", "Curriculum(\n");
    let mut h = window(dir.path());
    open_path(&mut h, &path);
    h.get_by_role_and_label(Role::Button, "Copy errors").click();
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(t) if t.contains("broken.ron:")));
    assert!(copied, "the errors were copied");
}

#[derive(Debug)]
struct BytesOnly {
    path: PathBuf,
    bytes: Vec<u8>,
}

impl egui::DroppedFile for BytesOnly {
    fn path(&self) -> &Path {
        &self.path
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        Ok(self.bytes.clone())
    }
}

#[derive(Debug)]
struct OnDisk(PathBuf);

impl egui::DroppedFile for OnDisk {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_markdown_checklist_can_count_its_checked_items_as_done() {
    let dir = common::data_dir();
    let mut h = window(dir.path());
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown/checked_marks.md");
    h.input_mut()
        .dropped_files
        .push(Arc::new(OnDisk(fixture.clone())));
    h.run();
    assert_eq!(
        h.state().screen(),
        Screen::Sharing,
        "a drop opens the preview"
    );
    h.get_by_label("Half-done checklist");
    let keep = h.get_by_label("Count the file's 3 checked items [x] as done by me before now");
    keep.click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();

    let ws = h.state().workspace();
    let c = ws
        .curricula()
        .find(|c| c.title == "Half-done checklist")
        .unwrap();
    let done = ws.state().progress[&c.id]
        .values()
        .filter(|p| p.status == Status::Done)
        .count();
    assert_eq!(done, 3);
}

#[test]
fn a_file_dropped_without_a_path_is_read_from_its_bytes() {
    let dir = common::data_dir();
    let mut h = window(dir.path());
    h.input_mut().dropped_files.push(Arc::new(BytesOnly {
        path: PathBuf::from("data-basics.ron"),
        bytes: DATA_BASICS.as_bytes().to_vec(),
    }));
    h.run();
    h.get_by_label("3 milestones in 2 sections, 1 goal, 1 focus area");
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    assert!(has_curriculum(&h, "data-basics"));
}

#[test]
fn dropping_a_file_that_is_not_a_curriculum_says_why_and_changes_nothing() {
    let dir = common::data_dir();
    let mut h = window(dir.path());
    let before = support::snapshot(dir.path());
    h.input_mut().dropped_files.push(Arc::new(BytesOnly {
        path: PathBuf::from("holiday.png"),
        bytes: vec![0x89, b'P', b'N', b'G'],
    }));
    h.run();
    h.get_by_label("This file cannot be imported");
    let errors = h.get_by_role_and_label(Role::MultilineTextInput, "Errors");
    assert!(errors.value().unwrap().contains(".ron or .md"));
    common::wait_for_autosave(&mut h);
    assert_eq!(support::snapshot(dir.path()), before);
}

#[test]
fn ctrl_o_never_freezes_the_window_and_the_typed_path_remains() {
    let dir = common::data_dir();
    let mut h = window(dir.path());
    let started = std::time::Instant::now();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    // The dialog answers on its own thread and asks for a frame whenever it does, so the
    // number of frames until the window settles depends on when that is: frames are run a
    // fixed few at a time, not until settled.
    h.run_steps(2);
    assert_eq!(h.state().screen(), Screen::Sharing);
    // Here the dialog has none to show.
    for _ in 0..50 {
        if h.query_by_label_contains("No file was chosen").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(2);
    }
    h.get_by_label_contains("type the file's path instead");
    assert!(started.elapsed().as_secs() < 5);
    h.get_by_label("Path");
}

#[test]
fn a_curriculum_exports_as_markdown_with_progress_and_as_ron() {
    let dir = common::data_dir();
    with_progress(dir.path());
    let out = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::open(dir.path()).without_native_dialogs());
    h.get_by_label("Import & export").click();
    h.run();
    // The fixture replaced the shipped curriculum, so it is the only one and chosen already.

    h.get_by_label("Markdown (a checklist with your progress)")
        .click();
    h.run();
    let md = out.path().join("test.md");
    let field = h.get_by_label("Save to");
    field.focus();
    field.type_text(&md.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("[x] Python for data work"), "{text}");
    assert!(text.contains("[ ] Statistics"), "{text}");

    h.get_by_label("RON (the full curriculum)").click();
    h.run();
    let ron = out.path().join("test.ron");
    let field = h.get_by_label("Save to");
    field.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field.type_text(&ron.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    let text = std::fs::read(&ron).unwrap();
    let back = waymark::curriculum::format::parse("test.ron", &text).unwrap();
    assert_eq!(back.id, common::CURRICULUM_ID);
    assert_eq!(back.milestone_count(), 8);
}

#[test]
fn removing_an_imported_curriculum_asks_first_keeps_progress_aside_and_undoes() {
    let dir = common::data_dir();
    common::write_curriculum(dir.path(), "data-basics.ron", DATA_BASICS);
    let sql = waymark::progress::MilestoneRef::new("data-basics", "sql");
    {
        let (mut ws, _) = common::workspace(dir.path());
        common::profile(&mut ws, |p| {
            let _ = p;
        });
        ws.apply(
            Change::SetStatus {
                milestone: sql.clone(),
                status: Status::Done,
            },
            common::now(),
        )
        .unwrap();
        ws.save().unwrap();
    }
    let mut h = common::harness(common::open(dir.path()).without_native_dialogs());
    h.get_by_label("Import & export").click();
    h.run();

    h.get_by_label("Remove “Data Basics”").click();
    h.run();
    assert!(has_curriculum(&h, "data-basics"), "not before confirming");
    h.get_by_label("Keep it").click();
    h.run();
    assert!(h.query_by_label("Yes, remove “Data Basics”").is_none());

    h.get_by_label("Remove “Data Basics”").click();
    h.run();
    h.get_by_label("Yes, remove “Data Basics”").click();
    h.run();
    assert!(!has_curriculum(&h, "data-basics"));
    assert!(!common::imported_on_disk(dir.path(), "data-basics"));
    let saved = common::saved_state(dir.path());
    assert!(
        saved.set_aside["data-basics"].contains_key("sql"),
        "progress kept aside"
    );
    assert!(!saved.sources.contains_key("data-basics"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(has_curriculum(&h, "data-basics"));
    assert!(common::imported_on_disk(dir.path(), "data-basics"));
    let saved = common::saved_state(dir.path());
    assert_eq!(saved.status(&sql), Status::Done);
    assert!(
        saved
            .set_aside
            .get("data-basics")
            .is_none_or(|m| m.is_empty())
    );
}

#[test]
fn removing_the_imported_copy_of_a_shipped_curriculum_brings_the_shipped_one_back() {
    let dir = common::data_dir();
    let mut h = window(dir.path());
    h.get_by_label("Import & export").click();
    h.run();
    h.get_by_label("Remove “Test Path”").click();
    h.run();
    h.get_by_label("Yes, remove “Test Path”").click();
    h.run();
    let ws = h.state().workspace();
    let (shipped, origin) = ws
        .curricula_with_origin()
        .find(|(c, _)| c.id == common::CURRICULUM_ID)
        .unwrap();
    assert_eq!(*origin, waymark::workspace::Origin::Bundled);
    assert_ne!(shipped.title, "Test Path");
    h.get_by_label("Comes with Waymark");
    assert!(!common::imported_on_disk(dir.path(), "ai-engineer"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let c = h
        .state()
        .workspace()
        .curriculum(common::CURRICULUM_ID)
        .unwrap();
    assert_eq!(c.title, "Test Path");
    assert!(common::imported_on_disk(dir.path(), "ai-engineer"));
}

/// `sections` × `per_section` milestones, each section a chain; `revision` is the curriculum's.
fn long_path(revision: u32, sections: usize, per_section: usize) -> String {
    let mut text = format!(
        "Curriculum(format: 1, id: \"long\", revision: {revision}, title: \"Long path\", sections: [\n"
    );
    for s in 0..sections {
        text.push_str(&format!(
            "Section(id: \"s{s}\", title: \"Part {s}\", milestones: [\n"
        ));
        for m in 0..per_section {
            let requires = if m == 0 {
                String::new()
            } else {
                format!("requires: [\"m{s}-{}\"], ", m - 1)
            };
            text.push_str(&format!(
                "Milestone(id: \"m{s}-{m}\", title: \"Step {s}.{m}\", effort_hours: 1, {requires}),\n"
            ));
        }
        text.push_str("]),\n");
    }
    text.push_str("])\n");
    text
}

#[test]
fn a_ten_thousand_milestone_update_previews_applies_and_undoes_quickly() {
    let dir = common::data_dir();
    let files_dir = tempfile::tempdir().unwrap();
    let first = write(files_dir.path(), "long.ron", &long_path(1, 100, 100));
    let second = write(files_dir.path(), "long-2.ron", &long_path(2, 50, 100));
    let mut h = window(dir.path());
    open_path(&mut h, &first);
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();

    let start = std::time::Instant::now();
    h.input_mut().dropped_files.push(Arc::new(OnDisk(second)));
    h.run();
    let preview = start.elapsed();
    h.get_by_label("Removed: 5000");
    h.get_by_label_contains("and 4994 more");

    let start = std::time::Instant::now();
    for _ in 0..20 {
        h.step();
    }
    let per_frame = start.elapsed() / 20;

    let start = std::time::Instant::now();
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    let apply = start.elapsed();
    assert_eq!(
        h.state()
            .workspace()
            .curriculum("long")
            .unwrap()
            .milestone_count(),
        5000
    );
    let start = std::time::Instant::now();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let undo = start.elapsed();
    assert_eq!(
        h.state()
            .workspace()
            .curriculum("long")
            .unwrap()
            .milestone_count(),
        10_000
    );
    println!(
        "10,000 milestones (debug build): read and preview {preview:?}, a frame with the preview {per_frame:?}, apply {apply:?}, undo {undo:?}"
    );
    assert!(preview.as_secs_f64() < 5.0, "preview took {preview:?}");
}

#[test]
fn snapshots_of_an_update_preview() {
    common::snapshot_every_size_and_theme(
        "import_preview",
        || {
            let dir = common::data_dir();
            with_progress(dir.path());
            let app = common::open(dir.path()).without_native_dialogs();
            (dir, app)
        },
        |h| {
            // Dropped by name only: a temporary directory's path would change the picture.
            h.input_mut().dropped_files.push(Arc::new(BytesOnly {
                path: PathBuf::from("test-v2.ron"),
                bytes: revision_2().into_bytes(),
            }));
            h.run();
            h.get_by_label("An update of revision 1 to revision 2.");
        },
    );
}

#[test]
fn the_outcome_of_an_export_is_said_in_the_export_card_not_at_the_top_of_the_page() {
    let dir = common::data_dir();
    let out = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    h.get_by_label("Import & export").click();
    h.run();
    let path = out.path().join("exported.ron");
    let field = h.get_by_label("Save to");
    field.focus();
    field.type_text(&path.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    assert!(path.exists());
    let note = h.get_by_label_contains("Exported “Test Path” to").rect();
    let button = h.get_by_role_and_label(Role::Button, "Export").rect();
    let import = h.get_by_label("Import a curriculum").rect();
    assert!(
        note.top() > button.top(),
        "the note is under the button that caused it: {note:?} after {button:?}"
    );
    assert!(note.top() > import.top(), "not at the top of the page");
}

#[test]
fn a_preview_lists_the_items_it_found_under_their_sections_by_title() {
    let dir = common::data_dir();
    let files_dir = tempfile::tempdir().unwrap();
    let path = write(
        files_dir.path(),
        "ml-journey.md",
        "# ML journey\n\n## Week 1 – Python Basics\n\n- [x] Variables and loops\n- [ ] Functions\n\n## Week 2 – Math\n\n- [ ] Vectors\n",
    );
    let mut h = window(dir.path());
    open_path(&mut h, &path);
    h.get_by_label("Week 1 – Python Basics (2 items)");
    h.get_by_label("[x] Variables and loops");
    h.get_by_label("[ ] Functions");
    h.get_by_label("Week 2 – Math (1 item)");
    h.get_by_label("[ ] Vectors");
    assert!(
        h.query_by_label_contains("author not named").is_none()
            && h.query_by_label_contains("\"ml-journey\"").is_none(),
        "no internal id where a title exists"
    );
}

#[test]
fn your_curricula_is_a_table_whose_name_column_keeps_a_long_title_on_one_line() {
    let dir = common::data_dir();
    let files_dir = tempfile::tempdir().unwrap();
    let title = "📘 Machine learning from the ground up, with projects";
    let path = write(
        files_dir.path(),
        "long.md",
        &format!("# {title}\n\n## Start\n\n- [ ] One\n"),
    );
    let mut h = window(dir.path());
    open_path(&mut h, &path);
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    h.get_by_label("Revision");
    let cell = h
        .get_all_by_label(title)
        .map(|n| n.rect())
        .max_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap();
    assert!(
        cell.height() < 24.0,
        "one line, not a syllable a line: {cell:?}"
    );
    assert!(cell.width() > 200.0, "{cell:?}");
}
