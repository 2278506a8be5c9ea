//! The shared harness for the window's tests: fixtures, a fixed clock, and the one place where
//! the window size and the snapshot thresholds are set.

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use egui_kittest::{Harness, SnapshotOptions};
use tempfile::TempDir;
use waymark::progress::Profile;
use waymark::ui::App;
use waymark::workspace::Change;

/// Wednesday 4 March 2026, noon: every test's "now".
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 12, 0, 0).unwrap()
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
}

/// The fixture's id: that of the shipped curriculum, so that importing the fixture replaces it
/// (as the contract says an import with a bundled id does) and no test depends on the shipped
/// content.
pub const CURRICULUM_ID: &str = "ai-engineer";

/// A small curriculum with focus areas, prerequisites and mentor goals.
pub const CURRICULUM: &str = r#"
Curriculum(
    format: 1,
    id: "ai-engineer",
    revision: 1,
    title: "Test Path",
    summary: "A small path for the window's tests.",
    focus_areas: [
        FocusArea(id: "recsys", title: "Recommender systems",
                  summary: "The suggestions people see every day in products."),
        FocusArea(id: "chat", title: "Conversational assistants",
                  summary: "Chatbots and voice assistants."),
        FocusArea(id: "platform", title: "Model platform",
                  summary: "Deploying and serving models in production."),
    ],
    sections: [
        Section(id: "basics", title: "Basics", milestones: [
            Milestone(id: "python", title: "Python for data work", kind: Skill, effort_hours: 20,
                summary: "Syntax, functions, NumPy.",
                mentor_tip: "Write a small script every day.",
                resources: [Resource(title: "The Python Tutorial", url: "https://docs.python.org/3/tutorial/")]),
            Milestone(id: "statistics", title: "Statistics", kind: Skill, effort_hours: 15,
                requires: ["python"], summary: "Distributions and tests."),
            Milestone(id: "git", title: "Version control with git", kind: Framework, effort_hours: 5),
        ]),
        Section(id: "recommending", title: "Recommending", milestones: [
            Milestone(id: "collaborative-filtering", title: "Collaborative filtering", kind: Skill,
                effort_hours: 12, focus: ["recsys"], requires: ["statistics"]),
            Milestone(id: "recommender-project", title: "Build a recommender", kind: Project,
                effort_hours: 30, focus: ["recsys"], requires: ["collaborative-filtering"]),
        ]),
        Section(id: "conversation", title: "Conversation", milestones: [
            Milestone(id: "transformers", title: "Transformers", kind: Framework, effort_hours: 20,
                focus: ["chat"], requires: ["python"]),
            Milestone(id: "chatbot-project", title: "Ship a chatbot", kind: Project,
                focus: ["chat"], requires: ["transformers"]),
        ]),
        Section(id: "platform", title: "Platform", milestones: [
            Milestone(id: "containers", title: "Containers", kind: Framework, effort_hours: 8,
                focus: ["platform"]),
        ]),
    ],
    goals: [
        Goal(id: "first-recommender", title: "Ship your first recommender", focus: "recsys",
             mentor_note: "Pick a catalogue you know well: your own music or books.",
             milestones: ["recommender-project"], suggested_weeks: 10),
        Goal(id: "first-chatbot", title: "Ship a chatbot", focus: "chat",
             mentor_note: "Start with a narrow domain.",
             milestones: ["chatbot-project"], suggested_weeks: 8),
    ],
)
"#;

/// A data directory holding `CURRICULUM` as an imported curriculum.
pub fn data_dir() -> TempDir {
    assert!(
        CURRICULUM.contains(&format!("id: \"{CURRICULUM_ID}\"")),
        "the fixture carries CURRICULUM_ID"
    );
    let dir = tempfile::tempdir().unwrap();
    write_curriculum(dir.path(), "ai-engineer.ron", CURRICULUM);
    dir
}

pub fn write_curriculum(root: &Path, name: &str, text: &str) {
    let curricula = root.join("curricula");
    std::fs::create_dir_all(&curricula).unwrap();
    std::fs::write(curricula.join(name), text).unwrap();
}

/// The machine every window test runs as: what the window shows must not depend on the host.
pub fn device() -> waymark::sync::device::Device {
    waymark::sync::device::Device::named("test-machine")
}

/// The workspace on `root`, for writing, as [`device`].
pub fn workspace(
    root: &Path,
) -> (
    waymark::workspace::Workspace,
    waymark::workspace::OpenReport,
) {
    let (mut ws, report) = waymark::workspace::Workspace::open_as(root, device()).unwrap();
    // Its records stamped at the tests' "now", as the window's are: what the window shows of
    // them (a machine's last change) does not depend on the day the tests run.
    ws.set_clock(std::rc::Rc::new(now));
    (ws, report)
}

/// Opens the app on `root` with the fixed clock.
pub fn open(root: &Path) -> App {
    App::open_as(root, Box::new(now), device()).unwrap()
}

/// Opens the app and marks the learner as onboarded with `focus` in the test curriculum,
/// saving the state so the app starts on the dashboard.
pub fn onboarded(root: &Path, focus: &[&str], hours_per_week: f64) -> App {
    {
        let (mut ws, _) = workspace(root);
        profile(&mut ws, |p| {
            p.hours_per_week = hours_per_week;
            p.focus = focus_on(focus);
        });
        ws.save().unwrap();
    }
    open(root)
}

/// Makes `change` through the workspace's one write path, as of `at`.
pub fn make(ws: &mut waymark::workspace::Workspace, change: Change, at: DateTime<Utc>) {
    if let Err(e) = ws.apply(change, at) {
        panic!("the change was refused: {e}");
    }
}

/// Sets the learner's profile (focus, goals, hours a week) as `edit` says, onboarded.
pub fn profile(ws: &mut waymark::workspace::Workspace, edit: impl FnOnce(&mut Profile)) {
    let mut p = ws.profile();
    p.onboarded = true;
    edit(&mut p);
    let change = Change::SetProfile {
        profile: p,
        known: Vec::new(),
        what: "set up for a test".into(),
    };
    make(ws, change, now());
}

/// The window every test drives: one size, light theme unless the app says otherwise.
pub fn harness(app: App) -> Harness<'static, App> {
    harness_of_height(app, 800.0)
}

/// A window tall enough that long pages need no scrolling (widgets scrolled out of view are
/// not in the accessibility tree, so a test could not find them).
pub fn harness_of_height(app: App, height: f32) -> Harness<'static, App> {
    harness_of_size(app, egui::vec2(1280.0, height))
}

/// The window at `size`.
pub fn harness_of_size(app: App, size: egui::Vec2) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(size)
        // A frame asked for by a thread (a save finishing, in wall-clock time) may land in
        // the middle of `run` on a loaded machine: room for a few, not a failed test.
        .with_max_steps(12)
        .with_options(snapshot_options())
        .build_eframe(|_cc| app);
    harness.run();
    harness
}

/// The snapshot thresholds, set once for every snapshot test: software rendering (Mesa
/// llvmpipe through wgpu) anti-aliases text slightly differently from GPU drivers.
pub fn snapshot_options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(1.0).max_failed_pixels(40)
}

/// The sizes every screen is pictured at: the smallest window and a large one.
pub const SNAPSHOT_SIZES: [(&str, egui::Vec2); 2] = [
    ("small", egui::vec2(640.0, 480.0)),
    ("large", egui::vec2(1440.0, 900.0)),
];

/// Takes a snapshot through the shared options; `name` gets the size (see [`SNAPSHOT_SIZES`])
/// and the theme appended: `dashboard_small_dark`.
pub fn snapshot(harness: &mut Harness<'static, App>, name: &str) {
    let theme = match harness.state().theme() {
        waymark::ui::ThemeChoice::Dark => "dark",
        _ => "light",
    };
    let size = harness.ctx.content_rect().size();
    let size = SNAPSHOT_SIZES.iter().find(|(_, s)| *s == size).map_or_else(
        || format!("{}x{}", size.x, size.y),
        |(n, _)| (*n).to_owned(),
    );
    // No pointer in the picture, and no hover highlight under it.
    harness.remove_cursor();
    harness.run();
    harness.snapshot(format!("{name}_{size}_{theme}"));
}

/// Pictures a screen at every size of [`SNAPSHOT_SIZES`] in both themes: `open` opens the
/// window (on a data directory of its own), `drive` brings it to the screen.
pub fn snapshot_every_size_and_theme<D>(
    name: &str,
    open: impl Fn() -> (D, App),
    drive: impl Fn(&mut Harness<'static, App>),
) {
    // One set of results for the four pictures, so that all of them are compared (and
    // updated) before the test reports.
    let mut results = egui_kittest::SnapshotResults::new();
    for theme in [
        waymark::ui::ThemeChoice::Light,
        waymark::ui::ThemeChoice::Dark,
    ] {
        for (_, size) in SNAPSHOT_SIZES {
            let (_dir, app) = open();
            let mut h = harness_of_size(app.with_theme(theme), size);
            drive(&mut h);
            snapshot(&mut h, name);
            results.extend_harness(&mut h);
        }
    }
    results.unwrap();
}

/// Shows the screen labelled `label` through the top bar, or through its menu where a small
/// window folds the bar.
pub fn show_screen(h: &mut Harness<'static, App>, label: &str) {
    use egui_kittest::kittest::Queryable as _;
    if h.query_by_role_and_label(egui::accesskit::Role::Button, "Menu")
        .is_some()
    {
        h.get_by_role_and_label(egui::accesskit::Role::Button, "Menu")
            .click();
        h.run();
    }
    h.get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    h.run();
}

/// Advances the harness past the autosave delay, then waits for the saving thread to write.
pub fn wait_for_autosave(harness: &mut Harness<'static, App>) {
    let steps = (waymark::ui::SAVE_DELAY.as_secs_f32() / 0.25).ceil() as usize + 2;
    harness.run_steps(steps);
    harness.state_mut().wait_for_saves();
}

/// The state as saved on disk (not the app's copy): what a fresh Waymark makes of every
/// machine's records.
pub fn saved_state(root: &Path) -> waymark::progress::State {
    waymark::workspace::Workspace::open_read_only_as(root, device())
        .unwrap()
        .0
        .state()
        .clone()
}

/// Whether a fresh Waymark on `root` opens curriculum `id` from an imported copy.
pub fn imported_on_disk(root: &Path, id: &str) -> bool {
    let (ws, _) = waymark::workspace::Workspace::open_read_only_as(root, device()).unwrap();
    ws.curricula_with_origin()
        .any(|(c, o)| c.id == id && *o == waymark::workspace::Origin::Imported)
}

/// Every machine's records in the data directory, one file after another.
pub fn records(root: &Path) -> String {
    let mut all = String::new();
    let Ok(machines) = std::fs::read_dir(root.join("machines")) else {
        return all;
    };
    let mut dirs: Vec<_> = machines.filter_map(Result::ok).map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        all.push_str(&std::fs::read_to_string(dir.join("changes.ron")).unwrap_or_default());
    }
    all
}

/// The focus areas `areas` of the test curriculum, as the learner's focus.
pub fn focus_on(areas: &[&str]) -> Vec<waymark::progress::FocusRef> {
    areas
        .iter()
        .map(|f| waymark::progress::FocusRef {
            curriculum: CURRICULUM_ID.into(),
            focus: (*f).into(),
        })
        .collect()
}

/// The recommender goal as the learner adopts it, `adopted_days_ago` days before [`now`],
/// due `target_in_days` days after [`today`].
pub fn recommender_goal(
    mentor_note: &str,
    target_in_days: u64,
    adopted_days_ago: u64,
) -> waymark::progress::AdoptedGoal {
    waymark::progress::AdoptedGoal {
        id: "first-recommender".into(),
        title: "Ship your first recommender".into(),
        source: None,
        mentor_note: mentor_note.into(),
        milestones: vec![milestone("recommender-project")],
        target: today() + chrono::Days::new(target_in_days),
        adopted_at: now() - chrono::Days::new(adopted_days_ago),
    }
}

pub fn milestone(id: &str) -> waymark::progress::MilestoneRef {
    waymark::progress::MilestoneRef::new(CURRICULUM_ID, id)
}
