//! Unit tests of the Markdown mapping, one per row and rule of contract §2.

use super::ids::fnv1a_32;
use super::*;
use crate::curriculum::{Kind, MAX_FILE_BYTES, MAX_MILESTONES, Milestone, Resource, is_slug};

fn read(text: &str) -> MarkdownImport {
    read_named("path/to/intro.md", text)
}

fn read_named(name: &str, text: &str) -> MarkdownImport {
    match parse(name, text.as_bytes()) {
        Ok(import) => import,
        Err(e) => panic!("{e}"),
    }
}

fn refuse(text: &[u8]) -> String {
    match parse("bad.md", text) {
        Ok(import) => panic!("accepted: {:?}", import.curriculum),
        Err(e) => e.to_string(),
    }
}

fn all(import: &MarkdownImport) -> Vec<&Milestone> {
    import.curriculum.milestones().collect()
}

fn ids(import: &MarkdownImport) -> Vec<&str> {
    import
        .curriculum
        .milestones()
        .map(|m| m.id.as_str())
        .collect()
}

fn titles(import: &MarkdownImport) -> Vec<&str> {
    import
        .curriculum
        .milestones()
        .map(|m| m.title.as_str())
        .collect()
}

fn milestone<'a>(import: &'a MarkdownImport, id: &str) -> &'a Milestone {
    import
        .curriculum
        .milestone(id)
        .unwrap_or_else(|| panic!("no milestone {id} in {:?}", ids(import)))
}

#[test]
fn the_first_level_one_heading_is_the_title_and_the_file_stem_the_id() {
    let import = read("intro\n\n# AI *Engineer* Path\n\n# Second\n\n- [ ] Python\n");
    assert_eq!(import.curriculum.title, "AI Engineer Path");
    assert_eq!(import.curriculum.id, "intro");
    assert_eq!(import.curriculum.revision, 1);
    assert!(import.curriculum.focus_areas.is_empty());
    assert!(import.curriculum.goals.is_empty());
}

#[test]
fn without_a_level_one_heading_the_file_name_is_the_title() {
    let import = read_named("C:\\docs\\My Study Plan.v2.md", "- [ ] Python\n");
    assert_eq!(import.curriculum.title, "My Study Plan.v2");
    assert_eq!(import.curriculum.id, "my-study-plan-v2");
}

#[test]
fn a_file_stem_with_no_ascii_letter_gets_a_hash_id() {
    let import = read_named("学习计划.md", "- [ ] Python\n");
    assert_eq!(
        import.curriculum.id,
        format!("item-{:08x}", fnv1a_32("学习计划"))
    );
    assert_eq!(import.curriculum.title, "学习计划");
    let import = read_named(".md", "- [ ] Python\n");
    assert!(is_slug(&import.curriculum.id));
}

#[test]
fn the_prose_after_the_title_is_the_summary() {
    let import = read(
        "# Path\n\nFrom Python\nto shipping.\n\nSecond line.\n\n## A\n\nNot this.\n\n- [ ] x\n",
    );
    assert_eq!(
        import.curriculum.summary,
        "From Python to shipping.\nSecond line."
    );
}

#[test]
fn headings_of_level_two_or_deeper_start_sections_also_inside_list_items() {
    let text = "# Path\n\n- [ ] Before\n\n## Foundations\n\n- [ ] Python\n\n#### Deep\n\n- [ ] Stats\n- ### Week 2\n  - [ ] Torch\n";
    let import = read(text);
    let sections: Vec<(&str, &str, usize)> = import
        .curriculum
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str(), s.milestones.len()))
        .collect();
    assert_eq!(
        sections,
        [
            ("path", "Path", 1),
            ("foundations", "Foundations", 1),
            // A section keeps the headings it stands under: "Deep" is under "Foundations";
            // "Week 2" closes "Deep" (it is less deep) but stands under "Foundations" too.
            ("foundations-deep", "Foundations / Deep", 1),
            ("foundations-week-2", "Foundations / Week 2", 1)
        ]
    );
    assert_eq!(
        ids(&import),
        [
            "path-before",
            "foundations-python",
            "foundations-deep-stats",
            "foundations-week-2-torch"
        ]
    );
    // The ids these items had when a section was named by its own heading alone stay theirs,
    // as renames, so that a checklist imported then keeps its progress on re-import.
    let renamed: Vec<Vec<&str>> = all(&import)
        .iter()
        .map(|m| m.renamed_from.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        renamed,
        [vec![], vec![], vec!["deep-stats"], vec!["week-2-torch"]]
    );
}

#[test]
fn sections_without_milestones_are_left_out_and_section_ids_are_unique() {
    let import = read(
        "# P\n\n## Contents\n\n## Basics\n\n- [ ] a\n\n## Basics\n\n- [ ] b\n\n## License\n\nMIT\n",
    );
    let ids: Vec<&str> = import
        .curriculum
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["basics", "basics-2"]);
}

#[test]
fn task_items_at_any_depth_are_milestones_and_nesting_means_requires() {
    let text = "\
- [ ] Outer
  - [x] Inner
    - plain
      - [ ] Deepest
  - [ ] Second inner
- [ ] Next
";
    let import = read(text);
    assert_eq!(
        titles(&import),
        ["Outer", "Inner", "Deepest", "Second inner", "Next"]
    );
    let requires: Vec<Vec<&str>> = all(&import)
        .iter()
        .map(|m| m.requires.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        requires,
        [
            vec!["intro-inner", "intro-second-inner"],
            vec!["intro-deepest"],
            vec![],
            vec![],
            vec![]
        ]
    );
    assert_eq!(import.checked, ["intro-inner"]);
}

#[test]
fn loose_and_ordered_task_lists_count_too() {
    let import = read("1. [ ] One\n\n2. [X] Two\n\n   More about two.\n\n3. Not a task\n");
    assert_eq!(titles(&import), ["One", "Two"]);
    assert_eq!(milestone(&import, "intro-two").summary, "More about two.");
    assert_eq!(import.checked, ["intro-two"]);
}

#[test]
fn links_in_the_item_and_its_plain_bullets_become_resources() {
    let text = "\
- [ ] Learn [PyTorch](https://pytorch.org) basics
  - [Intro to tensors](https://example.org/t) (video)
  - Read [A](https://a.example) and [B](http://b.example)
  - [local notes](notes.md)
  - Practise daily
";
    let import = read(text);
    let m = milestone(&import, "intro-learn-pytorch-basics");
    assert_eq!(m.title, "Learn PyTorch basics");
    let resources: Vec<(&str, &str)> = m
        .resources
        .iter()
        .map(|r| (r.title.as_str(), r.url.as_str()))
        .collect();
    assert_eq!(
        resources,
        [
            ("PyTorch", "https://pytorch.org"),
            ("Intro to tensors (video)", "https://example.org/t"),
            ("A", "https://a.example"),
            ("B", "http://b.example"),
        ]
    );
    assert_eq!(m.summary, "local notes\nPractise daily");
}

#[test]
fn links_that_are_not_web_links_are_kept_as_text() {
    let import = read("- [ ] See [the chapter](#chapter-2) and <mailto:a@b.c>\n");
    let m = &all(&import)[0];
    assert!(m.resources.is_empty());
    assert_eq!(m.title, "See the chapter and mailto:a@b.c");
}

#[test]
fn a_link_without_text_is_titled_by_its_url() {
    let import = read("- [ ] Badge [![b](https://img.example/b.svg)](https://ci.example)\n");
    let m = &all(&import)[0];
    assert_eq!(m.title, "Badge");
    assert_eq!(
        m.resources,
        [Resource {
            title: "https://ci.example".into(),
            url: "https://ci.example".into()
        }]
    );
}

#[test]
fn plain_text_and_bullets_under_a_task_item_are_its_summary() {
    let text = "- [ ] Statistics\n\n  Means, variance\n  and tests.\n\n  > Take your time.\n\n  - Bayes\n    - priors\n  - [ ] Inner task\n    - inner note\n";
    let import = read(text);
    let m = milestone(&import, "intro-statistics");
    assert_eq!(
        m.summary,
        "Means, variance and tests.\nTake your time.\nBayes\npriors"
    );
    assert_eq!(milestone(&import, "intro-inner-task").summary, "inner note");
}

#[test]
fn code_tables_images_and_prose_make_no_milestones() {
    let text = "\
# P

Some prose with [ ] brackets.

```
- [ ] not a task in code
```

    - [ ] indented code

| a | b |
|---|---|
| [ ] x | - [ ] y |

![- [ ] alt](https://img.example/a.png)

<div>
- [ ] html
</div>

- [ ] The only task ![icon](https://img.example/i.png)
  ```
  - [ ] code in an item
  ```
";
    let import = read(text);
    assert_eq!(titles(&import), ["The only task"]);
    assert_eq!(all(&import)[0].summary, "");
}

#[test]
fn titles_lose_markup_but_inline_code_and_keep_at_most_200_characters() {
    let import = read("- [ ] **Bold** _it_ `code` ~~old~~ <b>html</b> a\\*b &amp;\n");
    assert_eq!(titles(&import), ["Bold it `code` old html a*b &"]);
    let long = format!("- [ ] {}\n", "é".repeat(300));
    let import = read(&long);
    assert_eq!(all(&import)[0].title.chars().count(), 200);
    assert!(is_slug(&all(&import)[0].id));
}

#[test]
fn items_without_visible_text_are_untitled() {
    let import = read("- [ ] ![only](https://img.example/x.png)\n- [ ] **\n");
    assert_eq!(titles(&import), ["Untitled", "**"]);
}

#[test]
fn ids_are_section_and_title_slugs_made_unique_in_document_order() {
    let text = "## Basics\n\n- [ ] Python!\n- [ ] Python?\n- [ ] python-2\n- [ ] 机器学习\n- [ ] 机器学习\n";
    let import = read(text);
    let hash = format!("item-{:08x}", fnv1a_32("机器学习"));
    assert_eq!(
        ids(&import),
        [
            "basics-python".to_owned(),
            "basics-python-2".to_owned(),
            "basics-python-2-2".to_owned(),
            format!("basics-{hash}"),
            format!("basics-{hash}-2"),
        ]
    );
}

#[test]
fn long_titles_give_ids_that_fit_64_characters_even_with_a_suffix() {
    let title = "word ".repeat(30);
    let text = format!("## {title}\n\n- [ ] {title}\n- [ ] {title}\n");
    let import = read(&text);
    for id in ids(&import) {
        assert!(is_slug(id), "{id}");
    }
    assert!(ids(&import)[1].ends_with("-2"));
}

#[test]
fn kind_follows_the_titles() {
    let text = "## Basics\n\n- [ ] Final PROJECT\n- [ ] Python\n\n## Libraries and tools\n\n- [ ] NumPy\n\n## Projects\n\n- [ ] Chatbot\n";
    let import = read(text);
    let kinds: Vec<Kind> = all(&import).iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Project, Kind::Skill, Kind::Framework, Kind::Project]
    );
}

#[test]
fn a_file_with_only_plain_list_items_imports_each_as_a_milestone() {
    let text = "# Awesome ML\n\n## Frameworks\n\n- [PyTorch](https://pytorch.org) - tensors.\n- JAX\n  - [Flax](https://flax.example)\n\n1. Ordered\n";
    let import = read(text);
    assert_eq!(
        titles(&import),
        ["PyTorch - tensors.", "JAX", "Flax", "Ordered"]
    );
    let jax = milestone(&import, "frameworks-jax");
    assert_eq!(jax.requires, ["frameworks-flax"]);
    assert_eq!(jax.kind, Kind::Framework);
    assert_eq!(
        milestone(&import, "frameworks-pytorch-tensors").resources[0].url,
        "https://pytorch.org"
    );
    assert!(import.checked.is_empty());
}

#[test]
fn a_file_with_no_milestone_is_refused() {
    let message = refuse(b"# Just prose\n\nNothing to do.\n\n```\n- [ ] code\n```\n");
    assert!(message.starts_with("bad.md: no milestone"), "{message}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    let message = refuse(&big);
    assert!(message.contains("at most"), "{message}");
}

#[test]
fn a_file_with_too_many_milestones_is_refused_at_the_first_extra_task_marker() {
    let text = "- [ ] a\n".repeat(MAX_MILESTONES + 1);
    let message = refuse(text.as_bytes());
    assert!(
        message.starts_with(&format!("bad.md:{}:3: more than", MAX_MILESTONES + 1)),
        "{message}"
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_line_and_column() {
    let message = refuse(b"# T\n\n- [ ] ok\n- [ ] b\xFFad\n");
    assert_eq!(message, "bad.md:4:8: the file is not valid UTF-8 text");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_fine() {
    let import = read_named(
        "x.md",
        "\u{feff}# Title\r\n\r\n- [ ] One\r\n  - [x] Two\r\n",
    );
    assert_eq!(import.curriculum.title, "Title");
    assert_eq!(ids(&import), ["title-one", "title-two"]);
    assert_eq!(import.checked, ["title-two"]);
}

#[test]
fn tabs_and_spaces_mixed_in_indentation_still_nest() {
    let import =
        read("- [ ] Outer\n\t- [ ] Tab child\n\t  - [ ] Mixed grandchild\n  \t- [ ] Tab sibling\n");
    assert_eq!(
        milestone(&import, "intro-outer").requires,
        ["intro-tab-child", "intro-tab-sibling"]
    );
    assert_eq!(
        milestone(&import, "intro-tab-child").requires,
        ["intro-mixed-grandchild"]
    );
}

#[test]
fn reimporting_an_edited_file_keeps_the_ids_of_unchanged_titles() {
    let before =
        read("## Basics\n\n- [ ] Python\n- [ ] Statistics\n\n## Models\n\n- [ ] Transformers\n");
    let after = read(
        "# New title\n\n## Basics\n\n- [ ] Git\n- [ ] Statistics\n  - [ ] Python\n- [ ] Linear algebra\n\n## Models\n\n- [ ] Transformers\n\n  Reworded summary.\n",
    );
    for id in ["basics-python", "basics-statistics", "models-transformers"] {
        assert!(before.curriculum.milestone(id).is_some());
        assert!(
            after.curriculum.milestone(id).is_some(),
            "{id} lost in {:?}",
            ids(&after)
        );
    }
}

fn round_trip(text: &str) {
    let first = read(text);
    let done = |id: &str| first.checked.iter().any(|c| c == id);
    let markdown = to_markdown(&first.curriculum, &done);
    let second = read(&markdown);
    assert_eq!(
        second.curriculum, first.curriculum,
        "exported as:\n{markdown}"
    );
    assert_eq!(second.checked, first.checked, "exported as:\n{markdown}");
}

#[test]
fn exporting_and_reimporting_a_markdown_curriculum_changes_nothing() {
    round_trip(
        "\
Preface item list:

- [ ] Set up *Python* & tools
  - [x] Install [uv](https://docs.astral.sh/uv/) (fast)
    - [ ] Learn `pip` basics\\
  - Use [git](https://git-scm.com) daily

# AI Engineer #1 <path>

From *Python* to shipping models.

Second paragraph: 1. item | pipe.

## Foundations & maths

- [ ] 1. Linear algebra [3Blue1Brown](https://www.3blue1brown.com/topics/linear-algebra) (video)
  - [ ] - Vectors
  - [ ] # Matrices
  - [ ] + Eigen_values *
    More text ~~here~~ and &amp; entity.

    Second paragraph of \\*summary\\*.

## 机器学习

- [ ] 学习 PyTorch
- [ ] 机器学习
- [ ] 机器学习
- [ ] Тензоры и градиенты
- [ ] التعلم العميق

## Projects

- [X] Capstone project [wiki](https://en.wikipedia.org/wiki/Capstone_(course)) [q](https://x.example/?a=1&b=2)
",
    );
}

#[test]
fn exporting_and_reimporting_an_awesome_list_changes_nothing() {
    round_trip(
        "# Awesome\n\n## Tools\n\n- [Ruff](https://docs.astral.sh/ruff/) - a linter.\n  - nested [thing](https://t.example)\n- Plain\n",
    );
}

#[test]
fn export_writes_what_markdown_cannot_hold_as_readable_text() {
    let mut curriculum = read("## Basics\n\n- [ ] Python\n- [ ] Stats\n").curriculum;
    curriculum.authors = vec!["Jane Mentor".into()];
    curriculum.license = "CC-BY-4.0".into();
    curriculum.goals.push(crate::curriculum::Goal {
        id: "first-model".into(),
        title: "Ship a model".into(),
        focus: None,
        mentor_note: "End to end.".into(),
        milestones: vec!["basics-python".into()],
        suggested_weeks: Some(6),
    });
    {
        let stats = &mut curriculum.sections[0].milestones[1];
        stats.requires = vec!["basics-python".into()];
        stats.effort_hours = Some(12.5);
        stats.mentor_tip = "Draw every distribution.".into();
        stats.kind = Kind::Framework;
    }
    let markdown = to_markdown(&curriculum, &|_| false);
    for expected in [
        "Requires: Python",
        "Effort: 12.5 hours",
        "Tip: Draw every distribution.",
        "Kind: Framework",
        "Authors: Jane Mentor",
        "License: CC-BY-4.0",
        "Goal first-model: Ship a model",
    ] {
        assert!(
            markdown.contains(expected),
            "{expected} missing from:\n{markdown}"
        );
    }
    let again = read(&markdown);
    assert_eq!(titles(&again), ["Python", "Stats"], "{markdown}");
    assert!(again.curriculum.goals.is_empty());
}

#[test]
fn export_marks_done_items_and_nests_requirements() {
    let curriculum = read("- [ ] A\n  - [ ] B\n- [ ] C\n").curriculum;
    let markdown = to_markdown(&curriculum, &|id| id == "intro-b");
    assert_eq!(
        markdown,
        "# intro\n\n## intro\n\n- [ ] A\n  - [x] B\n- [ ] C\n"
    );
}

#[test]
fn a_long_chain_of_requirements_exports_without_deep_nesting() {
    let mut curriculum = read("- [ ] start\n").curriculum;
    let section = &mut curriculum.sections[0];
    section.milestones.clear();
    for i in 0..1000 {
        let requires = if i + 1 < 1000 {
            vec![format!("m{}", i + 1)]
        } else {
            Vec::new()
        };
        section.milestones.push(Milestone {
            id: format!("m{i}"),
            title: format!("Step {i}"),
            kind: Kind::Skill,
            effort_hours: None,
            effort_hours_high: None,
            focus: Vec::new(),
            requires,
            summary: String::new(),
            mentor_tip: String::new(),
            resources: Vec::new(),
            renamed_from: Vec::new(),
            split_from: Vec::new(),
        });
    }
    let markdown = to_markdown(&curriculum, &|_| false);
    assert!(markdown.len() < 1000 * 200, "{} bytes", markdown.len());
    assert_eq!(read(&markdown).curriculum.milestone_count(), 1000);
}

#[test]
fn a_section_that_starts_inside_a_task_item_survives_export() {
    round_trip("# P\n\n- [ ] Outer\n  ## Later\n  - [ ] Inner\n- [ ] After\n");
    let import = read("# P\n\n- [ ] Outer\n  ## Later\n  - [ ] Inner\n- [ ] After\n");
    assert_eq!(milestone(&import, "p-outer").requires, ["later-inner"]);
}

#[test]
fn an_uppercase_url_scheme_is_written_in_lowercase() {
    let import = read("- [ ] Docs [site](HTTPS://Example.org/Path)\n");
    assert_eq!(all(&import)[0].resources[0].url, "https://Example.org/Path");
}

#[test]
fn links_the_contract_would_refuse_stay_text() {
    let import = read(
        "- [ ] Odd [spaced](<https://a b.example>) [hostless](https:///x) [ok](http://h.example)\n",
    );
    let m = &all(&import)[0];
    assert_eq!(m.title, "Odd spaced hostless ok");
    let urls: Vec<&str> = m.resources.iter().map(|r| r.url.as_str()).collect();
    assert_eq!(urls, ["http://h.example"]);
}
