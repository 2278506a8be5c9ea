//! Hostile input for every reader: damaged, deeply nested, huge and oddly encoded curricula
//! (RON and Markdown) and state files. Each must give a value or a located error, quickly, on a
//! small stack, without reading more than its limit.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too: a panic is a failed test

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use waymark::curriculum::{self, Invalid, MAX_FILE_BYTES, MAX_MILESTONES, format, markdown};
use waymark::progress::{MilestoneRef, State, Status};
use waymark::storage::{self, DataDir};

/// A stack as small as a UI worker thread might have: any recursion that input can drive deep
/// overflows it long before it would overflow the main thread's.
const SMALL_STACK_BYTES: usize = 256 * 1024;

/// Longer than any reader needs in a debug build; a reader still busy then is taken as hung.
const HANG_AFTER: Duration = Duration::from_secs(60);

/// Runs `f` on a small stack and fails the test if it panics, overflows or does not finish.
fn guarded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .stack_size(SMALL_STACK_BYTES)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    match rx.recv_timeout(HANG_AFTER) {
        Ok(value) => {
            thread.join().unwrap();
            value
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: still running after {HANG_AFTER:?}")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: the reader panicked"),
    }
}

fn fixture(path: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A state with something in every field a learner fills, as `state.ron` holds it.
fn sample_state_ron() -> String {
    let mut state = State::default();
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap();
    for i in 0..6 {
        let r = MilestoneRef::new("path", format!("step-{i}"));
        let status = [Status::Doing, Status::Done, Status::Skipped][i % 3];
        state.set_status(&r, status, now);
        state.log_hours(&r, 1.5 + i as f64, now);
        state.milestone_mut(&r).notes = format!("notes «{i}» with \"quotes\" and\nlines");
        state.milestone_mut(&r).evidence = vec![format!("https://example.org/{i}")];
    }
    state.hours_per_week = 7.5;
    state.mentor.name = "Ada".to_owned();
    state.onboarded = true;
    storage::state_to_ron(&state).unwrap()
}

/// Whether an error from `state_from_ron` says where (`name:line:col:`) or what (a whole-file
/// problem, named by the file).
fn state_error_is_located(name: &str, e: &str) -> bool {
    let Some(rest) = e.strip_prefix(name).and_then(|r| r.strip_prefix(':')) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let placed = matches!(
        (parts.next(), parts.next()),
        (Some(l), Some(c)) if l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok()
    );
    placed || rest.contains("empty") || rest.contains("format")
}

fn assert_curriculum_error_is_located(name: &str, invalid: &Invalid) {
    assert!(!invalid.diagnostics.is_empty());
    for d in &invalid.diagnostics {
        assert_eq!(d.file, name);
        // A problem of the whole file ("the file is empty", "no milestone found") has no
        // place to point at; any other names its line or the id involved.
        let whole_file = d.message.contains("the file") || d.message.starts_with("no milestone");
        assert!(
            d.line.is_some() || d.message.contains('"') || whole_file,
            "neither placed nor named: {d}"
        );
    }
}

/// One way of breaking a file: what a bad download, a bad editor or an attacker makes.
#[derive(Clone, Debug)]
enum Mutation {
    Flip {
        at: usize,
        with: u8,
    },
    Truncate {
        at: usize,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        at: usize,
        len: usize,
    },
    /// Opens `depth` brackets (or quotes, or list items) at one place and never closes them.
    Nest {
        at: usize,
        open: &'static str,
        depth: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, with)| Mutation::Flip { at, with }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 1usize..256).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1usize..256).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (
            any::<usize>(),
            prop::sample::select(vec!["[", "(", "{", "Some(", "> ", "- ", "\n  - [ ] x"]),
            1usize..3000
        )
            .prop_map(|(at, open, depth)| Mutation::Nest { at, open, depth }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match *m {
        Mutation::Flip { at, with } => {
            if let Some(b) = bytes.get_mut(at % n) {
                *b ^= with;
            }
        }
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::Delete { at, len } => {
            let at = (at % n).min(bytes.len());
            let end = (at + len).min(bytes.len());
            bytes.drain(at..end);
        }
        Mutation::Duplicate { at, len } => {
            let at = (at % n).min(bytes.len());
            let end = (at + len).min(bytes.len());
            let copy = bytes[at..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Mutation::Nest { at, open, depth } => {
            let at = (at % n).min(bytes.len());
            let run = open.repeat(depth).into_bytes();
            bytes.splice(at..at, run);
        }
    }
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..5)
}

// 256 cases each by default; PROPTEST_CASES in the environment raises it (RELIABILITY.md has
// the counts run locally).
proptest! {
    #[test]
    fn a_damaged_ron_curriculum_gives_a_curriculum_or_a_located_error(
        base in prop::sample::select(vec!["ron/full.ron", "ron/minimal.ron", "ron/broken-rules.ron"]),
        ms in mutations(),
    ) {
        let mut bytes = fixture(base);
        for m in &ms {
            apply(&mut bytes, m);
        }
        let got = guarded("RON", move || format::parse("damaged.ron", &bytes));
        if let Err(invalid) = got {
            assert_curriculum_error_is_located("damaged.ron", &invalid);
        }
    }

    #[test]
    fn a_damaged_markdown_curriculum_gives_a_curriculum_or_a_located_error(
        base in prop::sample::select(vec![
            "markdown/awesome_list.md",
            "markdown/checked_marks.md",
            "markdown/code_and_tables.md",
            "markdown/headings_in_items.md",
            "markdown/links_with_notes.md",
            "markdown/mixed_indentation.md",
            "markdown/multilingual.md",
        ]),
        ms in mutations(),
    ) {
        let mut bytes = fixture(base);
        for m in &ms {
            apply(&mut bytes, m);
        }
        let got = guarded("Markdown", move || markdown::parse("damaged.md", &bytes));
        if let Err(invalid) = got {
            assert_curriculum_error_is_located("damaged.md", &invalid);
        }
    }

    #[test]
    fn a_damaged_state_file_gives_a_state_or_a_located_error(ms in mutations()) {
        let mut bytes = sample_state_ron().into_bytes();
        for m in &ms {
            apply(&mut bytes, m);
        }
        // state.ron is checked as UTF-8 before it is parsed (see the encoding test below).
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let got = guarded("state", move || storage::state_from_ron("state.ron", &text));
        if let Err(e) = got {
            prop_assert!(state_error_is_located("state.ron", &e), "not located: {}", e);
        }
    }
}

const MILLION: usize = 1_000_000;

#[test]
fn a_million_open_brackets_are_refused_without_deep_recursion_in_every_reader() {
    for open in ["[", "(", "{", "Some("] {
        let deep = open.repeat(MILLION);
        let ron =
            format!("Curriculum(format: 1, id: \"x\", revision: 1, title: \"X\", sections: {deep}");
        let got = guarded("RON", move || format::parse("deep.ron", ron.as_bytes()));
        assert_curriculum_error_is_located("deep.ron", &got.unwrap_err());

        for state in [
            format!("(format: 1, activity: {deep}"),
            format!("(format: 1, future: {deep}"),
            format!("(format: 2, future: {deep}"),
            deep.clone(),
        ] {
            let got = guarded("state", move || {
                storage::state_from_ron("state.ron", &state)
            });
            let e = got.unwrap_err();
            assert!(state_error_is_located("state.ron", &e), "{open}: {e}");
        }
    }
}

#[test]
fn a_million_nested_quotes_lists_and_links_in_markdown_do_not_recurse() {
    let cases = [
        format!("# Deep\n\n{}- [ ] a task\n", "> ".repeat(MILLION)),
        format!("# Deep\n\n{}[ ] a task\n", "- ".repeat(MILLION / 2)),
        format!("# Deep\n\n- [ ] {}x\n", "[".repeat(MILLION)),
        format!("# Deep\n\n- [ ] {}x\n", "*_".repeat(MILLION / 2)),
    ];
    for text in cases {
        // Any outcome but a panic, an overflow or a hang is fine: these are odd but readable.
        let got = guarded("Markdown", move || {
            markdown::parse("deep.md", text.as_bytes())
        });
        if let Err(invalid) = got {
            assert_curriculum_error_is_located("deep.md", &invalid);
        }
    }
}

#[test]
fn a_thousand_levels_of_indented_task_items_read_as_a_chain_of_requirements() {
    let mut text = String::from("# Deep\n\n");
    for level in 0..1000 {
        text.push_str(&" ".repeat(2 * level));
        text.push_str(&format!("- [ ] step {level}\n"));
    }
    let got = guarded("Markdown", move || {
        markdown::parse("deep.md", text.as_bytes())
    });
    match got {
        Ok(m) => assert!(m.curriculum.milestone_count() > 0),
        Err(invalid) => assert_curriculum_error_is_located("deep.md", &invalid),
    }
}

/// `count` milestones named m0, m1, … in one section, as RON.
fn ron_with_milestones(count: usize) -> String {
    let mut text = String::with_capacity(count * 40);
    text.push_str("Curriculum(format: 1, id: \"big\", revision: 1, title: \"Big\", sections: [Section(id: \"s\", title: \"S\", milestones: [\n");
    for i in 0..count {
        text.push_str(&format!("Milestone(id: \"m{i}\", title: \"M\"),\n"));
    }
    text.push_str("])])\n");
    text
}

#[test]
fn more_than_100000_milestones_are_refused_in_ron_and_markdown() {
    let over = MAX_MILESTONES + 1;
    let ron = ron_with_milestones(over);
    let e = guarded("RON", move || format::parse("big.ron", ron.as_bytes())).unwrap_err();
    assert!(e.to_string().contains(&MAX_MILESTONES.to_string()), "{e}");

    let mut md = String::from("# Big\n\n");
    for i in 0..over {
        md.push_str(&format!("- [ ] task {i}\n"));
    }
    let e = guarded("Markdown", move || markdown::parse("big.md", md.as_bytes())).unwrap_err();
    assert!(e.to_string().contains(&MAX_MILESTONES.to_string()), "{e}");
}

#[cfg(unix)]
#[test]
fn the_cli_reads_at_most_one_byte_past_16_mib_even_from_an_endless_file() {
    // /dev/zero never ends: reading it whole would never return.
    let got = guarded("read", || {
        waymark::curriculum::read_file(Path::new("/dev/zero"))
    });
    match got {
        Err(waymark::curriculum::ReadError::Invalid(e)) => {
            assert!(e.to_string().contains("larger than 16 MiB"), "{e}")
        }
        other => panic!("expected a size error, got {other:?}"),
    }
}

#[test]
fn the_cli_refuses_a_huge_sparse_file_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: 4 GiB that take no disk, and would take 4 GiB of memory if read whole.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    match waymark::curriculum::read_file(&path) {
        Err(waymark::curriculum::ReadError::Invalid(e)) => {
            assert!(e.to_string().contains("huge.ron"), "{e}")
        }
        other => panic!("expected a size error, got {other:?}"),
    }
}

#[test]
fn stored_curricula_over_16_mib_or_not_files_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::open(dir.path()).unwrap();
    let curricula = data.curricula_dir();
    std::fs::create_dir_all(&curricula).unwrap();
    std::fs::File::create(curricula.join("huge.ron"))
        .unwrap()
        .set_len(MAX_FILE_BYTES as u64 + 1)
        .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/zero", curricula.join("endless.ron")).unwrap();
    std::fs::create_dir(curricula.join("folder.ron")).unwrap();
    let (loaded, invalid) = guarded("load", move || data.load_curricula());
    assert!(loaded.is_empty());
    let text: Vec<String> = invalid.iter().map(ToString::to_string).collect();
    let expected = if cfg!(unix) { 3 } else { 2 };
    assert_eq!(text.len(), expected, "{text:#?}");
    assert!(
        text.iter()
            .any(|t| t.contains("huge.ron") && t.contains("16777216")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("folder.ron") && t.contains("not a file")),
        "{text:#?}"
    );
}

#[test]
fn a_state_file_over_256_mib_is_set_aside_unread() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::open(dir.path()).unwrap();
    let huge = storage::MAX_STATE_BYTES as u64 + 1;
    std::fs::File::create(data.state_path())
        .unwrap()
        .set_len(huge)
        .unwrap();
    let loaded = data.load_state().unwrap();
    let aside = loaded.set_aside.expect("a huge state is set aside");
    assert!(aside.reason.contains("256 MiB"), "{}", aside.reason);
    assert_eq!(std::fs::metadata(&aside.moved_to).unwrap().len(), huge);
    assert_eq!(loaded.state, State::default());
}

#[test]
fn curricula_with_a_bom_crlf_line_ends_nul_bytes_or_invalid_utf8() {
    let ron = fixture("ron/full.ron");
    let md = fixture("markdown/checked_marks.md");
    for (name, text) in [("x.ron", &ron), ("x.md", &md)] {
        let plain = curriculum::parse(name, text).unwrap();
        let crlf = String::from_utf8(text.clone())
            .unwrap()
            .replace('\n', "\r\n");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(crlf.as_bytes());
        let read_back = curriculum::parse(name, &bom).unwrap();
        assert_eq!(read_back.id, plain.id, "{name}: BOM and CRLF read the same");
        assert_eq!(
            read_back.milestone_count(),
            plain.milestone_count(),
            "{name}"
        );

        for hostile in [b"\0".as_slice(), b"\xFF\xFE", b"\xC3", b"\xED\xA0\x80"] {
            let mut bytes = text.clone();
            let at = bytes.len() / 2;
            bytes.splice(at..at, hostile.iter().copied());
            match curriculum::parse(name, &bytes) {
                // Markdown may read a NUL as text (CommonMark replaces it); never invalid UTF-8.
                Ok(_) => assert!(
                    name.ends_with(".md") && hostile == b"\0",
                    "{name} {hostile:?}"
                ),
                Err(e) => assert_curriculum_error_is_located(name, &e),
            }
        }
    }
}

#[test]
fn state_files_with_a_bom_crlf_line_ends_nul_bytes_or_invalid_utf8() {
    let text = sample_state_ron();
    let want = storage::state_from_ron("state.ron", &text).unwrap();
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(storage::state_from_ron("state.ron", &crlf).unwrap(), want);

    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::open(dir.path()).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(crlf.as_bytes());
    std::fs::write(data.state_path(), &bom).unwrap();
    let loaded = data.load_state().unwrap();
    assert!(loaded.set_aside.is_none(), "{:?}", loaded.set_aside);
    assert_eq!(
        loaded.state, want,
        "a BOM from a Windows editor is not damage"
    );

    for hostile in [b"\0".as_slice(), b"\xFF\xFE", b"\xC3", b"\xED\xA0\x80"] {
        let mut bytes = text.clone().into_bytes();
        let at = bytes.len() / 2;
        bytes.splice(at..at, hostile.iter().copied());
        std::fs::write(data.state_path(), &bytes).unwrap();
        let loaded = data.load_state().unwrap();
        let aside = loaded.set_aside.expect("damage is set aside");
        let name = data.state_path().display().to_string();
        assert!(
            state_error_is_located(&name, &aside.reason),
            "{}",
            aside.reason
        );
        assert_eq!(std::fs::read(&aside.moved_to).unwrap(), bytes);
    }
}
