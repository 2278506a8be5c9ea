//! The RON curriculum format as a user meets it: files read, errors printed, files written.

use proptest::prelude::*;
use waymark::curriculum::format::{parse, to_ron};
use waymark::curriculum::{Curriculum, Invalid, Kind, MAX_FILE_BYTES, validate};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/ron/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse_ok(name: &str, text: &str) -> Curriculum {
    match parse(name, text.as_bytes()) {
        Ok(c) => c,
        Err(e) => panic!("{name} should parse, but:\n{e}"),
    }
}

fn errors(name: &str, bytes: &[u8]) -> Vec<String> {
    match parse(name, bytes) {
        Ok(c) => panic!("{name} should be refused, but parsed as {c:#?}"),
        Err(Invalid { diagnostics }) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

/// Runs `f` on a thread with a small stack, as a UI worker might have.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let thread = std::thread::Builder::new().stack_size(256 * 1024).spawn(f);
    match thread.map(std::thread::JoinHandle::join) {
        Ok(Ok(value)) => value,
        Ok(Err(_)) => panic!("the thread panicked (see its message above)"),
        Err(e) => panic!("cannot start a thread: {e}"),
    }
}

#[test]
fn the_bundled_curriculum_parses() {
    let text = include_str!("fixtures/ron/ai-engineer-core.ron");
    let c = parse_ok("ai-engineer-core.ron", text);
    assert_eq!(c.id, "ai-engineer-core");
    assert_eq!(c.revision, 3);
    assert_eq!(c.title, "AI Engineer — Core Path");
    let python = c.milestone("python").unwrap();
    assert_eq!(python.effort_hours, Some(30.0));
    assert_eq!(python.kind, Kind::Skill);
    assert_eq!(c.goals[0].focus.as_deref(), Some("nlp"));
    assert_eq!(c.goals[0].suggested_weeks, Some(10));
    for parsed in waymark::bundled::curricula() {
        if let Err(e) = parsed {
            panic!("a bundled curriculum is invalid:\n{e}");
        }
    }
}

#[test]
fn fields_left_out_take_the_contract_defaults() {
    let c = parse_ok("minimal.ron", &fixture("minimal.ron"));
    assert_eq!(c.summary, "");
    assert!(c.authors.is_empty());
    assert_eq!(c.license, "");
    assert!(c.focus_areas.is_empty());
    assert!(c.goals.is_empty());
    let m = c.milestone("first").unwrap();
    assert_eq!(m.kind, Kind::Skill);
    assert_eq!(m.effort_hours, None);
    assert!(m.focus.is_empty() && m.requires.is_empty() && m.resources.is_empty());
    assert!(m.renamed_from.is_empty());
    assert_eq!((m.summary.as_str(), m.mentor_tip.as_str()), ("", ""));
}

#[test]
fn every_field_is_read_whole_or_fractional_with_or_without_some() {
    let c = parse_ok("full.ron", &fixture("full.ron"));
    assert_eq!(
        c.summary,
        "Quotes \" and backslashes \\ survive.\nSo do newlines."
    );
    assert_eq!(c.authors.len(), 2);
    assert_eq!(c.focus_areas[1].summary, "");
    let hours: Vec<Option<f64>> = c.milestones().map(|m| m.effort_hours).collect();
    assert_eq!(hours, [Some(30.0), Some(12.5), Some(40.0), Some(0.5)]);
    let kinds: Vec<Kind> = c.milestones().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Skill, Kind::Skill, Kind::Framework, Kind::Project]
    );
    let stats = c.milestone("statistics").unwrap();
    assert_eq!(stats.title, r#"Statistics: "enough to be dangerous""#);
    assert_eq!(stats.renamed_from, ["stats", "probability"]);
    assert_eq!(c.sections[1].id, "tools");
    assert_eq!(c.goals[1].focus.as_deref(), Some("vision"));
    assert_eq!(c.goals[2].focus, None);
    assert_eq!(c.goals[2].suggested_weeks, None);
}

#[test]
fn effort_hours_may_be_an_integer_or_a_fraction() {
    let base = fixture("minimal.ron");
    for (written, read) in [("30", 30.0), ("1.5", 1.5), ("0", 0.0), ("10000", 10_000.0)] {
        let text = base.replace(
            "title: \"First step\"",
            &format!("title: \"First step\", effort_hours: {written}"),
        );
        let c = parse_ok("hours.ron", &text);
        assert_eq!(
            c.milestone("first").unwrap().effort_hours,
            Some(read),
            "{written}"
        );
    }
}

#[test]
fn effort_hours_high_is_read_written_and_placed_when_wrong() {
    let base = fixture("minimal.ron");
    let with = |fields: &str| {
        base.replace(
            "title: \"First step\"",
            &format!("title: \"First step\", {fields}"),
        )
    };
    let c = parse_ok(
        "range.ron",
        &with("effort_hours: 6, effort_hours_high: 14.5"),
    );
    let m = c.milestone("first").unwrap();
    assert_eq!(
        (m.effort_hours, m.effort_hours_high),
        (Some(6.0), Some(14.5))
    );
    let written = to_ron(&c);
    assert!(written.contains("effort_hours_high: 14.5"), "{written}");
    assert_eq!(parse_ok("again.ron", &written), c);

    let low = errors(
        "low.ron",
        with("effort_hours: 6, effort_hours_high: 4").as_bytes(),
    );
    assert_eq!(low.len(), 1, "{low:#?}");
    assert!(
        low[0].starts_with("low.ron:"),
        "placed by file:line:col: {low:#?}"
    );
    assert!(
        low[0].ends_with("milestone \"first\" has effort_hours_high 4; it must be at least effort_hours (6), since it is the figure for when it goes badly"),
        "{low:#?}"
    );
    let alone = errors("alone.ron", with("effort_hours_high: 4").as_bytes());
    assert!(alone[0].contains("it needs effort_hours"), "{alone:#?}");
}

#[test]
fn one_run_reports_every_broken_rule_with_its_place() {
    let got = errors("broken-rules.ron", fixture("broken-rules.ron").as_bytes());
    let want = fixture("broken-rules.expected");
    assert_eq!(got.join("\n"), want.trim_end(), "got:\n{}", got.join("\n"));
}

#[test]
fn a_parse_error_is_printed_as_file_line_col() {
    let text =
        fixture("minimal.ron").replace("title: \"Only section\",", "title: \"Only section\"");
    assert_eq!(
        errors("intro.ron", text.as_bytes()),
        ["intro.ron:11:13: expected ',' or ')'"]
    );

    let text = fixture("minimal.ron").replace("id: \"first\",", "id: \"first\" title: \"x\",");
    assert_eq!(
        errors("intro.ron", text.as_bytes())[0],
        "intro.ron:12:39: expected ',' or ')'"
    );
}

#[test]
fn a_misspelt_field_is_named_and_placed() {
    let got = errors(
        "misspelt-field.ron",
        fixture("misspelt-field.ron").as_bytes(),
    );
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with(
            "misspelt-field.ron:14:21: unknown field \"efort_hours\" in Milestone: misspelt, or from a newer Waymark?"
        ),
        "{got:?}"
    );
}

#[test]
fn a_file_from_a_newer_waymark_is_refused_as_newer() {
    let got = errors("future.ron", fixture("newer-format.ron").as_bytes());
    assert_eq!(
        got,
        ["future.ron:3:13: this file comes from a newer Waymark (format 2; this Waymark reads 1)"]
    );
}

#[test]
fn format_must_be_given_and_be_1() {
    let base = fixture("minimal.ron");
    let got = errors(
        "zero.ron",
        base.replace("format: 1", "format: 0").as_bytes(),
    );
    assert_eq!(
        got,
        ["zero.ron:3:13: format 0 is not a curriculum format; this Waymark reads format 1"]
    );
    let got = errors("none.ron", base.replace("format: 1,", "").as_bytes());
    assert_eq!(got.len(), 1);
    assert!(
        got[0].contains("Curriculum is missing its required field \"format\""),
        "{got:?}"
    );
}

#[test]
fn ids_and_titles_are_required_fields() {
    let base = fixture("minimal.ron");
    let got = errors(
        "t.ron",
        base.replace("title: \"First step\"", "").as_bytes(),
    );
    assert!(
        got[0].contains("Milestone is missing its required field \"title\""),
        "{got:?}"
    );
    let got = errors("t.ron", base.replace("id: \"first\",", "").as_bytes());
    assert!(
        got[0].contains("Milestone is missing its required field \"id\""),
        "{got:?}"
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let text = fixture("full.ron").replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    // full.ron has no string that spans lines, so CRLF changes nothing that is read.
    let c = parse("windows.ron", &bytes).unwrap();
    assert_eq!(c, parse_ok("full.ron", &fixture("full.ron")));

    // Places are still counted in lines, not in carriage returns.
    let broken = text.replace("revision: 7,", "revision: 7");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(broken.as_bytes());
    assert_eq!(
        errors("windows.ron", &bytes),
        ["windows.ron:6:5: expected ',' or ')'"]
    );
}

#[test]
fn invalid_utf8_is_placed_at_its_first_bad_byte() {
    let mut bytes = fixture("minimal.ron").into_bytes();
    let at = fixture("minimal.ron").find("Minimal\"").unwrap() + 3;
    bytes[at] = 0xFF;
    assert_eq!(
        errors("latin1.ron", &bytes),
        ["latin1.ron:6:16: invalid UTF-8 (byte 0xFF); a curriculum file is UTF-8 text"]
    );
}

#[test]
fn a_file_over_16_mib_is_refused_before_parsing() {
    let mut bytes = vec![b' '; MAX_FILE_BYTES + 1];
    bytes[0] = b'(';
    let got = errors("huge.ron", &bytes);
    assert_eq!(
        got,
        [
            "huge.ron: the file is 16777217 bytes; a curriculum may be at most 16 MiB (16777216 bytes)"
        ]
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let base = fixture("minimal.ron");
    // In a field this version knows, in one it does not, and in a newer file (read by
    // the lenient format probe, which skips unknown fields).
    let cases = [
        base.replace("revision: 1,", &format!("revision: 1, authors: {deep},")),
        base.replace("revision: 1,", &format!("revision: 1, future: {deep},")),
        base.replace("format: 1,", &format!("format: 2, future: {deep},")),
        base.replace(
            "revision: 1,",
            &format!("revision: 1, future: {},", "Some(".repeat(100_000)),
        ),
    ];
    for text in cases {
        let got = on_small_stack(move || parse("deep.ron", text.as_bytes()));
        let e = got.expect_err("deep nesting must be refused");
        assert!(e.diagnostics[0].line.is_some(), "{e}");
    }
}

#[test]
fn written_ron_reads_back_to_the_same_curriculum() {
    for name in ["minimal.ron", "full.ron"] {
        let c = parse_ok(name, &fixture(name));
        let written = to_ron(&c);
        assert_eq!(parse_ok("written.ron", &written), c, "{name}:\n{written}");
        assert_eq!(to_ron(&parse_ok("written.ron", &written)), written);
    }
    let bundled = parse_ok(
        "core.ron",
        include_str!("fixtures/ron/ai-engineer-core.ron"),
    );
    assert_eq!(parse_ok("written.ron", &to_ron(&bundled)), bundled);
}

#[test]
fn written_ron_has_the_contract_style() {
    let c = parse_ok("full.ron", &fixture("full.ron"));
    let written = to_ron(&c);
    assert!(
        written.starts_with("Curriculum(\n    format: 1,\n    id: \"full-example\",\n"),
        "{written}"
    );
    for name in ["FocusArea(", "Section(", "Milestone(", "Resource(", "Goal("] {
        assert!(written.contains(name), "{name} missing in\n{written}");
    }
    assert!(written.contains("kind: Framework"));
    assert!(written.contains("effort_hours: 30,\n"), "{written}");
    assert!(written.contains("effort_hours: 12.5,\n"), "{written}");
    assert!(
        written.contains("requires: [\"python\", \"statistics\"],\n"),
        "{written}"
    );
    assert!(written.contains("FocusArea(id: \"vision\", title: \"Computer Vision\"),\n"));
    assert!(
        written.contains("focus: \"nlp\""),
        "no Some(...) needed:\n{written}"
    );
    assert!(!written.contains("Some("), "{written}");
}

#[test]
fn tricky_text_and_numbers_survive_a_round_trip() {
    let mut c = parse_ok("minimal.ron", &fixture("minimal.ron"));
    // No NUL or other control character but tab and newline: reading drops them (contract §4).
    c.summary =
        "\"quoted\" \\ back \u{301}combining, tab\t, line\nbreak, r#\"raw\"# , emoji 🦀".to_owned();
    c.authors = vec!["Zoë <z@example.org>".to_owned(), String::new()];
    c.license = "/* not a comment */ // nor this".to_owned();
    for hours in [0.1, 1.0 / 3.0, 1e-7, 9_999.999_999, 0.0] {
        let m = &mut c.sections[0].milestones[0];
        m.effort_hours = Some(hours);
        m.mentor_tip = format!("{hours}");
        let back = parse_ok("written.ron", &to_ron(&c));
        assert_eq!(back, c, "{}", to_ron(&c));
    }
}

#[test]
fn a_100000_milestone_chain_is_read_and_checked() {
    let n = 100_000;
    let mut text = String::from(
        "Curriculum(format: 1, id: \"chain\", revision: 1, title: \"Chain\", sections: [\n\
         Section(id: \"all\", title: \"All\", milestones: [\n",
    );
    for i in 0..n {
        if i == 0 {
            text.push_str("Milestone(id: \"m0\", title: \"M 0\"),\n");
        } else {
            text.push_str(&format!(
                "Milestone(id: \"m{i}\", title: \"M {i}\", requires: [\"m{}\"]),\n",
                i - 1
            ));
        }
    }
    text.push_str("])])\n");
    let chain = text.clone();
    let c = on_small_stack(move || parse("chain.ron", chain.as_bytes()));
    let c = c.unwrap();
    assert_eq!(c.milestone_count(), n);

    // Closing the loop: one cycle, placed at the first milestone's `requires` entry.
    let closed = text.replacen(
        "Milestone(id: \"m0\", title: \"M 0\")",
        "Milestone(id: \"m0\", title: \"M 0\", requires: [\"m99999\"])",
        1,
    );
    let got = on_small_stack(move || errors("chain.ron", closed.as_bytes()));
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("chain.ron:3:46: requires forms a cycle: m0 -> m99999 -> m99998 -> ")
    );

    // Validation alone, without a source, needs no places.
    assert!(validate::check("chain.ron", &c, None).is_empty());

    // The largest curriculum, written out, is still a file Waymark accepts.
    let written = to_ron(&c);
    assert!(written.len() <= MAX_FILE_BYTES, "{} bytes", written.len());
    let back = on_small_stack(move || parse("written.ron", written.as_bytes()));
    assert_eq!(back.unwrap(), c);
}

/// One way of breaking a file: the kinds a truncated download, a bad editor or a fuzzer make.
#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, with: u8 },
    Truncate { at: usize },
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, with)| Mutation::Flip { at, with }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match *m {
        Mutation::Flip { at, with } => {
            let at = at % n;
            if let Some(b) = bytes.get_mut(at) {
                *b ^= with;
            }
        }
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Duplicate { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            let copy: Vec<u8> = bytes[at.min(end)..end].to_vec();
            bytes.splice(end..end, copy);
        }
    }
}

proptest! {
    // 256 cases by default; PROPTEST_CASES in the environment raises it.
    #[test]
    fn a_damaged_file_never_panics_and_every_error_is_placed_or_named(
        base in prop_oneof![Just("full.ron"), Just("broken-rules.ron"), Just("minimal.ron")],
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = fixture(base).into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Err(Invalid { diagnostics }) = parse("damaged.ron", &bytes) {
            prop_assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                prop_assert_eq!(&d.file, "damaged.ron");
                prop_assert!(
                    d.line.is_some() || d.message.contains('"'),
                    "neither placed nor named: {}", d
                );
            }
        }
    }
}
