//! Markdown curricula from the messy web: fixtures with exact counts, a 100,000-task file,
//! and mutated input that must never panic.

use std::fmt::Write as _;

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser};
use waymark::curriculum::markdown::{MarkdownImport, parse, to_markdown};
use waymark::curriculum::{Curriculum, Kind, Milestone, is_slug};
use waymark::workspace::Change;

fn fixture(file: &str) -> (String, String) {
    let path = format!(
        "{}/tests/fixtures/markdown/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (file.to_owned(), text)
}

fn import(file: &str) -> MarkdownImport {
    let (name, text) = fixture(file);
    let import = parse(&name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let markers = task_markers(&text);
    if markers > 0 {
        assert_eq!(
            import.curriculum.milestone_count(),
            markers,
            "{file}: one milestone per task item"
        );
    }
    for m in import.curriculum.milestones() {
        assert!(is_slug(&m.id), "{file}: {}", m.id);
    }
    import
}

/// Task items as a GitHub-flavoured parser counts them, independently of the importer.
fn task_markers(text: &str) -> usize {
    Parser::new_ext(text, Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES)
        .filter(|e| matches!(e, Event::TaskListMarker(_)))
        .count()
}

fn milestone<'a>(import: &'a MarkdownImport, id: &str) -> &'a Milestone {
    import.curriculum.milestone(id).unwrap_or_else(|| {
        let ids: Vec<&str> = import
            .curriculum
            .milestones()
            .map(|m| m.id.as_str())
            .collect();
        panic!("no {id} in {ids:?}")
    })
}

fn titles(import: &MarkdownImport) -> Vec<&str> {
    import
        .curriculum
        .milestones()
        .map(|m| m.title.as_str())
        .collect()
}

/// The curriculum as an export keeps it: Markdown has no place for `renamed_from` (the ids a
/// nested section's items had when sections were named by their own heading alone).
fn without_renames(curriculum: &Curriculum) -> Curriculum {
    let mut c = curriculum.clone();
    for m in c.sections.iter_mut().flat_map(|s| s.milestones.iter_mut()) {
        m.renamed_from.clear();
    }
    c
}

fn assert_round_trip(import: &MarkdownImport, name: &str) {
    let done = |id: &str| import.checked.iter().any(|c| c == id);
    let markdown = to_markdown(&import.curriculum, &done);
    let again = parse(name, markdown.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{markdown}"));
    assert_eq!(
        again.curriculum,
        without_renames(&import.curriculum),
        "exported as:\n{markdown}"
    );
    assert_eq!(again.checked, import.checked);
}

#[test]
fn headings_inside_list_items_start_sections() {
    let import = import("headings_in_items.md");
    assert_eq!(import.curriculum.milestone_count(), 5);
    let sections: Vec<(&str, usize)> = import
        .curriculum
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.milestones.len()))
        .collect();
    // "### Month two" is deeper than "## Month one": a part of it, named with its context.
    assert_eq!(sections, [("Month one", 2), ("Month one / Month two", 3)]);
    assert_eq!(
        milestone(&import, "month-one-month-two-probability-refresher").requires,
        ["month-one-month-two-conditional-probability"]
    );
    assert_eq!(
        milestone(&import, "month-one-month-two-probability-refresher").renamed_from,
        ["month-two-probability-refresher"],
        "the id it had before sections kept their context"
    );
    assert_eq!(
        milestone(&import, "month-one-month-two-month-end-review-project").kind,
        Kind::Project
    );
    assert_round_trip(&import, "headings_in_items.md");
}

#[test]
fn tabs_and_spaces_mixed_in_indentation_nest_as_commonmark_says() {
    let import = import("mixed_indentation.md");
    assert_eq!(import.curriculum.milestone_count(), 8);
    assert_eq!(
        milestone(&import, "basics-command-line").requires,
        [
            "basics-pipes-and-redirects",
            "basics-environment-variables",
            "basics-ssh-keys"
        ]
    );
    assert_eq!(
        milestone(&import, "basics-pipes-and-redirects").requires,
        ["basics-writing-small-shell-scripts"]
    );
    let git = milestone(&import, "basics-git");
    assert_eq!(git.requires, ["basics-branches"]);
    assert_eq!(git.summary, "plain note under git");
    assert_round_trip(&import, "mixed_indentation.md");
}

#[test]
fn links_followed_by_notes_become_resources_and_other_links_stay_text() {
    let import = import("links_with_notes.md");
    assert_eq!(import.curriculum.milestone_count(), 3);
    let backprop = milestone(
        &import,
        "deep-learning-backpropagation-by-hand-lecture-video",
    );
    assert_eq!(backprop.title, "Backpropagation by hand lecture (video)");
    let resources: Vec<(&str, &str)> = backprop
        .resources
        .iter()
        .map(|r| (r.title.as_str(), r.url.as_str()))
        .collect();
    assert_eq!(
        resources,
        [
            ("lecture", "https://lectures.example.org/backprop"),
            (
                "Worked notebook (code, 20 min)",
                "https://notebooks.example.org/bp.ipynb"
            ),
            ("Chapter 6 — read twice", "https://book.example.org/ch6"),
        ]
    );
    assert_eq!(
        backprop.summary,
        "Slides (local file, not a web link)\nTry deriving the gradient of softmax yourself."
    );
    let optimizers = milestone(&import, "deep-learning-optimizers-overview-article");
    assert_eq!(optimizers.resources[0].title, "Optimizers overview");
    let dropout = &import.curriculum.sections[0].milestones[2];
    assert_eq!(
        dropout.resources[0].url,
        "https://papers.example.org/dropout"
    );
    assert_round_trip(&import, "links_with_notes.md");
}

#[test]
fn checked_marks_are_reported_not_applied() {
    let import = import("checked_marks.md");
    assert_eq!(import.curriculum.milestone_count(), 6);
    assert_eq!(
        import.checked,
        [
            "half-done-checklist-install-python",
            "half-done-checklist-install-an-editor",
            "half-done-checklist-read-a-csv-file"
        ]
    );
    assert_round_trip(&import, "checked_marks.md");
}

#[test]
fn brackets_in_code_tables_html_and_images_are_not_tasks() {
    let import = import("code_and_tables.md");
    assert_eq!(titles(&import), ["Read chapter 1", "Train a small model"]);
    assert!(import.curriculum.milestones().all(|m| m.summary.is_empty()));
    assert_round_trip(&import, "code_and_tables.md");
}

#[test]
fn chinese_japanese_arabic_and_cyrillic_titles_get_stable_ids() {
    let import = import("multilingual.md");
    assert_eq!(import.curriculum.milestone_count(), 9);
    assert_eq!(import.curriculum.title, "人工智能工程师路线");
    assert_eq!(import.curriculum.summary, "先打基础，再做项目。");
    let ids: Vec<&str> = import
        .curriculum
        .milestones()
        .map(|m| m.id.as_str())
        .collect();
    assert!(ids.contains(&"python"), "{ids:?}");
    let hashed = ids
        .iter()
        .filter(|id| id.starts_with("item-") && id.len() == 13)
        .count();
    assert_eq!(hashed, 8, "{ids:?}");
    let again = import_again("multilingual.md");
    assert_eq!(again.curriculum, import.curriculum);
    assert_round_trip(&import, "multilingual.md");
}

fn import_again(file: &str) -> MarkdownImport {
    import(file)
}

#[test]
fn an_awesome_list_without_checkboxes_imports_every_item() {
    let import = import("awesome_list.md");
    assert_eq!(
        titles(&import),
        [
            "Tensor library - arrays on the GPU.",
            "Tiny trainer - training loops.",
            "Plugins",
            "Intro course (video)",
            "Study group notes"
        ]
    );
    assert_eq!(import.curriculum.summary, "A curated list, no checkboxes.");
    assert!(
        import
            .curriculum
            .milestones()
            .take(3)
            .all(|m| m.kind == Kind::Framework)
    );
    assert_round_trip(&import, "awesome_list.md");
}

#[test]
fn an_edited_file_keeps_the_ids_of_items_whose_titles_did_not_change() {
    let (name, text) = fixture("checked_marks.md");
    let before = parse(&name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let edited = text
        .replace(
            "- [ ] Share the script",
            "- [ ] Ask for a code review\n- [ ] Share the script",
        )
        .replace("Plot a histogram", "Plot a histogram and a boxplot")
        .replace("- [x] Install Python\n", "");
    let after = parse(&name, edited.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let kept: Vec<&str> = after
        .curriculum
        .milestones()
        .map(|m| m.id.as_str())
        .collect();
    for m in before.curriculum.milestones() {
        let changed = m.title == "Plot a histogram" || m.title == "Install Python";
        assert_eq!(
            kept.contains(&m.id.as_str()),
            !changed,
            "{} in {kept:?}",
            m.id
        );
    }
}

#[test]
fn a_file_of_100000_tasks_imports() {
    let mut text = String::with_capacity(100_000 * 40);
    text.push_str("# Big\n");
    for i in 0..100_000 {
        if i % 1000 == 0 {
            let _ = writeln!(text, "\n## Part {}\n", i / 1000);
        }
        let _ = writeln!(text, "- [ ] Task number {i} [doc](https://example.org/{i})");
    }
    let import = parse("big.md", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(import.curriculum.milestone_count(), 100_000);
    assert_eq!(import.curriculum.sections.len(), 100);
}

#[test]
fn a_file_of_100000_equal_titles_gets_unique_ids() {
    let text = "- [ ] Same\n".repeat(100_000);
    let import = parse("same.md", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let last = import.curriculum.milestones().last().map(|m| m.id.clone());
    assert_eq!(last.as_deref(), Some("same-same-100000"));
}

const SEEDS: [&str; 7] = [
    include_str!("fixtures/markdown/headings_in_items.md"),
    include_str!("fixtures/markdown/mixed_indentation.md"),
    include_str!("fixtures/markdown/links_with_notes.md"),
    include_str!("fixtures/markdown/checked_marks.md"),
    include_str!("fixtures/markdown/code_and_tables.md"),
    include_str!("fixtures/markdown/multilingual.md"),
    include_str!("fixtures/markdown/awesome_list.md"),
];

#[derive(Clone, Debug)]
enum Mutation {
    FlipByte { at: usize, bits: u8 },
    Truncate { at: usize },
    Duplicate { from: usize, len: usize, to: usize },
    NestLists { depth: usize, task: bool },
    NestQuotes { depth: usize },
}

fn mutation(max_depth: usize) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, bits)| Mutation::FlipByte { at, bits }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 0..400usize, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        (1..max_depth, any::<bool>()).prop_map(|(depth, task)| Mutation::NestLists { depth, task }),
        (1..max_depth).prop_map(|depth| Mutation::NestQuotes { depth }),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len().max(1);
    match *mutation {
        Mutation::FlipByte { at, bits } => {
            if let Some(b) = bytes.get_mut(at % len) {
                *b ^= bits;
            }
        }
        Mutation::Truncate { at } => bytes.truncate(at % len),
        Mutation::Duplicate { from, len: n, to } => {
            let from = from % len;
            let end = (from + n).min(bytes.len());
            let piece: Vec<u8> = bytes.get(from..end).map(<[u8]>::to_vec).unwrap_or_default();
            let to = (to % len).min(bytes.len());
            bytes.splice(to..to, piece);
        }
        Mutation::NestLists { depth, task } => {
            let mut nested = Vec::new();
            for level in 0..depth {
                nested.extend(std::iter::repeat_n(b' ', level * 2));
                nested.extend_from_slice(if task { b"- [ ] deep\n" } else { b"- deep\n" });
            }
            bytes.extend(nested);
        }
        Mutation::NestQuotes { depth } => {
            let mut nested: Vec<u8> = std::iter::repeat_n(b'>', depth).collect();
            nested.extend_from_slice(b" - [x] quoted\n");
            bytes.splice(0..0, nested);
        }
    }
}

proptest! {
    #[test]
    fn mutated_markdown_never_panics(
        seed in 0..SEEDS.len(),
        mutations in prop::collection::vec(mutation(300), 1..6),
    ) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Ok(import) = parse("mutated.md", &bytes) {
            prop_assert!(import.curriculum.milestone_count() > 0);
            for m in import.curriculum.milestones() {
                prop_assert!(is_slug(&m.id), "{}", m.id);
                prop_assert!(!m.title.is_empty() && m.title.chars().count() <= 200);
            }
            let text = String::from_utf8_lossy(&bytes);
            let markers = task_markers(text.trim_start_matches('\u{feff}'));
            if markers > 0 {
                prop_assert_eq!(import.curriculum.milestone_count(), markers);
            }
            let markdown = to_markdown(&import.curriculum, &|_| false);
            prop_assert!(parse("exported.md", markdown.as_bytes()).is_ok());
        }
    }

    /// Export keeps everything of a Markdown curriculum, up to the documented limit of
    /// 64 levels of nesting (hence the shallower nesting here).
    #[test]
    fn mutated_markdown_survives_export_and_reimport(
        seed in 0..SEEDS.len(),
        mutations in prop::collection::vec(mutation(60), 1..6),
    ) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Ok(import) = parse("mutated.md", &bytes) {
            let done = |id: &str| import.checked.iter().any(|c| c == id);
            let markdown = to_markdown(&import.curriculum, &done);
            let again = parse("mutated.md", markdown.as_bytes());
            prop_assert!(again.is_ok(), "{:?}", again);
            if let Ok(again) = again {
                prop_assert_eq!(&again.curriculum, &without_renames(&import.curriculum), "{}", markdown);
                prop_assert_eq!(&again.checked, &import.checked);
            }
        }
    }
}

/// The checklist as the importer named its sections before they kept their parent headings:
/// by their own heading alone. Dropping the parent headings ("## Week 1 – …") leaves every item
/// under its own sub-heading, as that naming saw it.
fn as_imported_before(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("## Week"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn a_section_keeps_the_headings_it_stands_under() {
    let import = import("ml_journey.md");
    let sections: Vec<&str> = import
        .curriculum
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        sections,
        [
            "Week 1 – Python Basics & Core Math / Week of Sun, Jun 1 - Sat, Jun 7",
            "Week 1 – Python Basics & Core Math / Week of Sun, Jun 8 - Sat, Jun 14",
            "Week 2 – Data Wrangling / Week of Sun, Jun 15 - Sat, Jun 21",
        ]
    );
    assert_eq!(
        import.curriculum.title,
        "📘 ML Journey: 12 weeks to a first model"
    );
}

#[test]
fn reimporting_a_checklist_imported_before_sections_kept_their_context_keeps_all_progress() {
    let (_, text) = fixture("ml_journey.md");
    let before = parse("ml-journey.md", as_imported_before(&text).as_bytes()).unwrap();
    let old_ids: Vec<String> = before
        .curriculum
        .sections
        .iter()
        .flat_map(|s| s.milestones.iter().map(|m| m.id.clone()))
        .collect();
    // The naming of then, spelled out: the sub-heading's slug and the item's.
    assert!(
        old_ids.contains(&"week-of-sun-jun-1-sat-jun-7-install-python-3-12-and-uv".to_owned()),
        "{old_ids:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let (mut ws, _) = waymark::workspace::Workspace::open(dir.path()).unwrap();
    let pending = ws
        .preview_import("ml-journey.md", as_imported_before(&text).as_bytes())
        .unwrap();
    ws.apply(
        Change::Import {
            pending: Box::new(pending),
            keep_checked: true,
            allow_older: false,
        },
        now,
    )
    .unwrap();
    // Progress on every item: a status, a note and hours.
    for (i, id) in old_ids.iter().enumerate() {
        let r = waymark::progress::MilestoneRef::new("ml-journey", id);
        ws.apply(
            Change::SetStatus {
                milestone: r.clone(),
                status: waymark::progress::Status::Doing,
            },
            now,
        )
        .unwrap();
        ws.apply(
            Change::LogHours {
                milestone: r.clone(),
                hours: 1.0 + i as f64,
            },
            now,
        )
        .unwrap();
        ws.apply(
            Change::SetNotes {
                milestone: r.clone(),
                notes: format!("note {i}"),
            },
            now,
        )
        .unwrap();
    }
    ws.save().unwrap();
    let kept: Vec<_> = old_ids
        .iter()
        .map(|id| {
            ws.state()
                .milestone(&waymark::progress::MilestoneRef::new("ml-journey", id))
                .cloned()
                .unwrap()
        })
        .collect();

    // Today's importer names the sections with their context, and so the ids differ.
    let pending = ws.preview_import("ml-journey.md", text.as_bytes()).unwrap();
    assert!(pending.preview.removed.is_empty(), "{:?}", pending.preview);
    assert_eq!(pending.progress_set_aside, 0);
    assert!(!pending.preview.renamed.is_empty());
    let renamed = pending.preview.renamed.clone();
    ws.apply(
        Change::Import {
            pending: Box::new(pending),
            keep_checked: false,
            allow_older: false,
        },
        now,
    )
    .unwrap();
    for (old, progress) in old_ids.iter().zip(&kept) {
        let new = renamed
            .iter()
            .find(|(o, _)| o == old)
            .map_or(old.as_str(), |(_, n)| n.as_str());
        let now_kept = ws
            .state()
            .milestone(&waymark::progress::MilestoneRef::new("ml-journey", new))
            .unwrap_or_else(|| panic!("{old} -> {new} lost its progress"));
        assert_eq!(now_kept.status, progress.status, "{new}");
        assert_eq!(now_kept.notes, progress.notes, "{new}");
        assert_eq!(now_kept.hours_logged, progress.hours_logged, "{new}");
    }
}

#[test]
fn export_keeps_inline_code() {
    let import = import("ml_journey.md");
    let markdown = to_markdown(&import.curriculum, &|_| false);
    assert!(
        markdown.contains("Install Python 3.12 and `uv`"),
        "{markdown}"
    );
    assert!(
        markdown.contains("Load a CSV with `pandas.read_csv`"),
        "{markdown}"
    );
    assert_round_trip(&import, "ml_journey.md");
}
