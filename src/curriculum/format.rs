//! The RON file form of a curriculum (format 1), kept apart from the domain types.
//!
//! The `*File` types mirror the contract field by field; the domain types in
//! [`super`] are free to change without touching a published file. Reading is
//! strict: an unknown field, a missing id or title, or a newer `format` is an
//! error with a place, never something silently dropped or guessed.

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::Deserialize;

use super::validate::{
    self,
    locate::{self, Pos, SourceIndex},
};
use super::{
    Curriculum, Diagnostic, FORMAT_VERSION, FocusArea, Goal, Invalid, Kind, MAX_FILE_BYTES,
    Milestone, Resource, Section,
};

/// How deep RON may nest. A curriculum needs 7 levels; the slack is for `Some(...)`
/// wrappers and for skipping unknown content in the format probe. Kept well under
/// ron's default so that even a small thread stack survives a hostile file.
const RECURSION_LIMIT: usize = 64;

/// A curriculum file as written; see the contract, §1.
#[derive(Debug, Deserialize)]
#[serde(rename = "Curriculum", deny_unknown_fields)]
struct CurriculumFile {
    format: u32,
    id: String,
    revision: u32,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    license: String,
    #[serde(default)]
    revision_note: String,
    #[serde(default)]
    focus_areas: Vec<FocusAreaFile>,
    #[serde(default)]
    sections: Vec<SectionFile>,
    #[serde(default)]
    goals: Vec<GoalFile>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "FocusArea", deny_unknown_fields)]
struct FocusAreaFile {
    id: String,
    title: String,
    #[serde(default)]
    summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Section", deny_unknown_fields)]
struct SectionFile {
    id: String,
    title: String,
    #[serde(default)]
    milestones: Vec<MilestoneFile>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Milestone", deny_unknown_fields)]
struct MilestoneFile {
    id: String,
    title: String,
    #[serde(default)]
    kind: Kind,
    #[serde(default)]
    effort_hours: Option<f64>,
    #[serde(default)]
    effort_hours_high: Option<f64>,
    #[serde(default)]
    focus: Vec<String>,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    mentor_tip: String,
    #[serde(default)]
    resources: Vec<ResourceFile>,
    #[serde(default)]
    renamed_from: Vec<String>,
    #[serde(default)]
    split_from: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Resource", deny_unknown_fields)]
struct ResourceFile {
    title: String,
    #[serde(default)]
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Goal", deny_unknown_fields)]
struct GoalFile {
    id: String,
    title: String,
    #[serde(default)]
    focus: Option<String>,
    #[serde(default)]
    mentor_note: String,
    #[serde(default)]
    milestones: Vec<String>,
    #[serde(default)]
    suggested_weeks: Option<u32>,
}

/// Reads only `format`, skipping everything else, so that a file from a newer Waymark
/// is refused for being newer rather than for the first field this version lacks.
#[derive(Deserialize)]
#[serde(rename = "Curriculum")]
struct FormatProbe {
    #[serde(default)]
    format: Option<u64>,
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// Parses and validates a RON curriculum. `name` is what errors call the file.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Curriculum, Invalid> {
    let text = decode(name, bytes)?;
    let options = ron_options();
    let newer = |format: u64| {
        Invalid::one(at_format(
            name,
            &SourceIndex::build(text),
            format!(
                "this file comes from a newer Waymark (format {format}; this Waymark reads {FORMAT_VERSION})"
            ),
        ))
    };

    // The probe reads the whole file a second time, so it runs only when the strict read
    // fails: a newer file is then refused for being newer, not for a field this version lacks.
    let file: CurriculumFile = match options.from_str(text) {
        Ok(file) => file,
        Err(e) => {
            if let Ok(FormatProbe {
                format: Some(format),
            }) = options.from_str::<FormatProbe>(text)
                && format > u64::from(FORMAT_VERSION)
            {
                return Err(newer(format));
            }
            return Err(Invalid::one(ron_diagnostic(name, text, &e)));
        }
    };
    let format = file.format;
    if format > FORMAT_VERSION {
        return Err(newer(u64::from(format)));
    }
    let curriculum = file.into_domain();
    // Most files are valid: only a file with problems pays for lexing it again to place them.
    if format == FORMAT_VERSION && validate::check_indexed(name, &curriculum, None).is_empty() {
        return Ok(curriculum);
    }
    let index = SourceIndex::build(text);
    let mut diagnostics = Vec::new();
    if format != FORMAT_VERSION {
        diagnostics.push(at_format(
            name,
            &index,
            format!(
                "format {format} is not a curriculum format; this Waymark reads format {FORMAT_VERSION}"
            ),
        ));
    }
    diagnostics.extend(validate::check_indexed(name, &curriculum, Some(&index)));
    if diagnostics.is_empty() {
        Ok(curriculum)
    } else {
        Err(Invalid { diagnostics })
    }
}

/// [`to_ron`], without its indentation when the indented text would pass the size limit, so
/// that what Waymark stores or exports it can always read back. Strings are written escaped
/// (no raw newlines), so every line break is between tokens and dropping indentation is safe.
pub fn to_ron_within_limit(curriculum: &Curriculum) -> String {
    let text = to_ron(curriculum);
    if text.len() <= super::MAX_FILE_BYTES {
        return text;
    }
    let mut compact = String::with_capacity(text.len() / 2);
    for line in text.lines() {
        compact.push_str(line.trim_start());
        compact.push('\n');
    }
    compact
}

/// Writes a curriculum as RON that [`parse`] reads back to the same curriculum.
///
/// The layout is the contract's: struct names, one field per line, short structs
/// (`FocusArea`, `Resource`) and lists of ids on one line. Empty optional fields are
/// left out; `kind` is always written so a reader sees it.
pub fn to_ron(curriculum: &Curriculum) -> String {
    let c = curriculum;
    let mut w = Writer::default();
    w.line(0, "Curriculum(");
    w.field(1, "format", &FORMAT_VERSION.to_string());
    w.field(1, "id", &quoted(&c.id));
    w.field(1, "revision", &c.revision.to_string());
    w.field(1, "title", &quoted(&c.title));
    w.text(1, "summary", &c.summary);
    w.ids(1, "authors", &c.authors);
    w.text(1, "license", &c.license);
    w.text(1, "revision_note", &c.revision_note);
    if !c.focus_areas.is_empty() {
        w.line(1, "focus_areas: [");
        for f in &c.focus_areas {
            let mut fields = format!("id: {}, title: {}", quoted(&f.id), quoted(&f.title));
            if !f.summary.is_empty() {
                fields.push_str(&format!(", summary: {}", quoted(&f.summary)));
            }
            w.line(2, &format!("FocusArea({fields}),"));
        }
        w.line(1, "],");
    }
    w.line(1, "sections: [");
    for s in &c.sections {
        w.line(2, "Section(");
        w.field(3, "id", &quoted(&s.id));
        w.field(3, "title", &quoted(&s.title));
        w.line(3, "milestones: [");
        for m in &s.milestones {
            w.milestone(4, m);
        }
        w.line(3, "],");
        w.line(2, "),");
    }
    w.line(1, "],");
    if !c.goals.is_empty() {
        w.line(1, "goals: [");
        for g in &c.goals {
            w.line(2, "Goal(");
            w.field(3, "id", &quoted(&g.id));
            w.field(3, "title", &quoted(&g.title));
            if let Some(focus) = &g.focus {
                w.field(3, "focus", &quoted(focus));
            }
            w.text(3, "mentor_note", &g.mentor_note);
            w.ids(3, "milestones", &g.milestones);
            if let Some(weeks) = g.suggested_weeks {
                w.field(3, "suggested_weeks", &weeks.to_string());
            }
            w.line(2, "),");
        }
        w.line(1, "],");
    }
    w.line(0, ")");
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn field(&mut self, depth: usize, key: &str, value: &str) {
        self.line(depth, &format!("{key}: {value},"));
    }

    fn text(&mut self, depth: usize, key: &str, value: &str) {
        if !value.is_empty() {
            self.field(depth, key, &quoted(value));
        }
    }

    fn ids(&mut self, depth: usize, key: &str, values: &[String]) {
        if !values.is_empty() {
            let list: Vec<String> = values.iter().map(|v| quoted(v)).collect();
            self.field(depth, key, &format!("[{}]", list.join(", ")));
        }
    }

    /// A milestone on one line when it is short and has no resources, else one field per line.
    fn milestone(&mut self, depth: usize, m: &Milestone) {
        let list = |values: &[String]| {
            let items: Vec<String> = values.iter().map(|v| quoted(v)).collect();
            format!("[{}]", items.join(", "))
        };
        let mut fields: Vec<(&str, String)> = vec![
            ("id", quoted(&m.id)),
            ("title", quoted(&m.title)),
            ("kind", m.kind.label().to_owned()),
        ];
        if let Some(hours) = m.effort_hours {
            fields.push(("effort_hours", number(hours)));
        }
        if let Some(hours) = m.effort_hours_high {
            fields.push(("effort_hours_high", number(hours)));
        }
        for (key, values) in [("focus", &m.focus), ("requires", &m.requires)] {
            if !values.is_empty() {
                fields.push((key, list(values)));
            }
        }
        for (key, text) in [("summary", &m.summary), ("mentor_tip", &m.mentor_tip)] {
            if !text.is_empty() {
                fields.push((key, quoted(text)));
            }
        }
        let renamed = (!m.renamed_from.is_empty()).then(|| list(&m.renamed_from));
        let split = (!m.split_from.is_empty()).then(|| list(&m.split_from));

        if m.resources.is_empty() {
            let mut one_line: Vec<String> =
                fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            if let Some(renamed) = &renamed {
                one_line.push(format!("renamed_from: {renamed}"));
            }
            if let Some(split) = &split {
                one_line.push(format!("split_from: {split}"));
            }
            let one_line = format!("Milestone({}),", one_line.join(", "));
            if depth * 4 + one_line.chars().count() <= ONE_LINE_CHARS {
                self.line(depth, &one_line);
                return;
            }
        }
        self.line(depth, "Milestone(");
        let inner = depth + 1;
        for (key, value) in &fields {
            self.field(inner, key, value);
        }
        if !m.resources.is_empty() {
            self.line(inner, "resources: [");
            for r in &m.resources {
                self.line(
                    inner + 1,
                    &format!(
                        "Resource(title: {}, url: {}),",
                        quoted(&r.title),
                        quoted(&r.url)
                    ),
                );
            }
            self.line(inner, "],");
        }
        if let Some(renamed) = &renamed {
            self.field(inner, "renamed_from", renamed);
        }
        if let Some(split) = &split {
            self.field(inner, "split_from", split);
        }
        self.line(depth, "),");
    }
}

/// The widest line `to_ron` writes a short milestone on.
const ONE_LINE_CHARS: usize = 100;

/// A RON string literal. ron's own escaping is used so that what it writes, it reads.
fn quoted(s: &str) -> String {
    // Serializing a `&str` cannot fail; Rust's debug escaping is the same escaping.
    ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// Whole hours as a plain integer (`30`, as people write them), others exactly.
fn number(hours: f64) -> String {
    if hours.fract() == 0.0 && hours.abs() <= 1e9 && !(hours == 0.0 && hours.is_sign_negative()) {
        format!("{hours:.0}")
    } else {
        // `Debug` is the shortest text that reads back to the same f64.
        format!("{hours:?}")
    }
}

/// Checks the size and the encoding, and strips a byte-order mark.
fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, Invalid> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Invalid::one(Diagnostic::new(
            name,
            format!(
                "the file is {} bytes; a curriculum may be at most 16 MiB ({MAX_FILE_BYTES} bytes)",
                bytes.len()
            ),
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by definition of `valid_up_to`.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let (line, col) = end_position(prefix);
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        Invalid::one(Diagnostic::at(
            name,
            line,
            col,
            format!("invalid UTF-8 (byte 0x{bad:02X}); a curriculum file is UTF-8 text"),
        ))
    })
}

/// The 1-based line and character column just after `prefix`.
fn end_position(prefix: &str) -> (usize, usize) {
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let line = 1 + prefix.bytes().filter(|&b| b == b'\n').count();
    let col = 1 + prefix[line_start..].chars().count();
    (line, col)
}

fn at_format(name: &str, index: &SourceIndex, message: String) -> Diagnostic {
    match index.curriculum_field("format") {
        Some(pos) => Diagnostic::at(name, pos.line, pos.col, message),
        None => Diagnostic::new(name, message),
    }
}

/// Turns ron's error into the contract's `file:line:col: message`, in words a
/// curriculum author (not a Rust programmer) understands.
fn ron_diagnostic(name: &str, text: &str, error: &SpannedError) -> Diagnostic {
    let at = Pos {
        line: error.span.start.line,
        col: error.span.start.col,
    };
    let message = match &error.code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field \"{found}\"{}: misspelt, or from a newer Waymark? (known fields: {})",
            outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default(),
            expected.join(", ")
        ),
        RonError::MissingStructField { field, outer } => format!(
            "{} is missing its required field \"{field}\"",
            outer.as_deref().unwrap_or("this struct")
        ),
        RonError::DuplicateStructField { field, outer } => format!(
            "field \"{field}\" is given twice{}",
            outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default()
        ),
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "unknown kind \"{found}\"; expected one of: {}",
            expected.join(", ")
        ),
        RonError::ExpectedDifferentStructName { expected, found } => {
            format!("expected {expected}(...) but found {found}(...)")
        }
        RonError::ExpectedNamedStructLike(name) if !name.is_empty() => {
            format!("expected {name}(...)")
        }
        RonError::ExpectedComma => match locate::open_bracket_at(text, at) {
            Some(b'(') => "expected ',' or ')'".to_owned(),
            Some(b'[') => "expected ',' or ']'".to_owned(),
            Some(b'{') => "expected ',' or '}'".to_owned(),
            _ => "expected ','".to_owned(),
        },
        RonError::ExpectedStructLikeEnd => "expected ',' or ')'".to_owned(),
        RonError::ExpectedArrayEnd => "expected ',' or ']'".to_owned(),
        RonError::ExpectedArray => "expected a list '[...]'".to_owned(),
        RonError::ExpectedStructLike => "expected '('".to_owned(),
        RonError::ExpectedMapColon => "expected ':'".to_owned(),
        RonError::ExpectedString => "expected a string \"...\"".to_owned(),
        RonError::ExpectedStringEnd => "this string is not closed: expected '\"'".to_owned(),
        RonError::ExpectedInteger => "expected a whole number".to_owned(),
        RonError::ExpectedFloat => "expected a number".to_owned(),
        RonError::IntegerOutOfBounds => "this number is out of range".to_owned(),
        RonError::Eof => "unexpected end of file".to_owned(),
        RonError::TrailingCharacters => {
            "unexpected text after the end of the curriculum".to_owned()
        }
        RonError::ExceededRecursionLimit => {
            format!("nested too deeply (more than {RECURSION_LIMIT} levels)")
        }
        RonError::UnclosedBlockComment => "this block comment is not closed".to_owned(),
        RonError::InvalidValueForType { expected, found } => {
            format!("expected {expected}, found {found}")
        }
        other => lowercase_first(&other.to_string()),
    };
    Diagnostic::at(name, at.line, at.col, message)
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A title, an author or a license as the domain holds it: control characters dropped, and
/// tabs and line breaks made spaces, so that no title can send an escape sequence to the
/// terminal that prints it or break the command line's tab-separated columns (contract §4).
/// Ids are left alone: one with a control character is not a slug, and validation says so.
fn one_line(text: String) -> String {
    if !text.chars().any(char::is_control) {
        return text;
    }
    text.chars()
        .filter_map(|c| match c {
            c if c.is_control() && c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A summary, a tip or a note: control characters dropped, but for the line breaks and tabs
/// it may be laid out with.
fn multi_line(text: String) -> String {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(hidden) {
        return text;
    }
    text.chars().filter(|&c| !hidden(c)).collect()
}

impl CurriculumFile {
    fn into_domain(self) -> Curriculum {
        Curriculum {
            id: self.id,
            revision: self.revision,
            title: one_line(self.title),
            summary: multi_line(self.summary),
            authors: self.authors.into_iter().map(one_line).collect(),
            license: one_line(self.license),
            revision_note: multi_line(self.revision_note),
            focus_areas: self
                .focus_areas
                .into_iter()
                .map(|f| FocusArea {
                    id: f.id,
                    title: one_line(f.title),
                    summary: multi_line(f.summary),
                })
                .collect(),
            sections: self
                .sections
                .into_iter()
                .map(|s| Section {
                    id: s.id,
                    title: one_line(s.title),
                    milestones: s
                        .milestones
                        .into_iter()
                        .map(MilestoneFile::into_domain)
                        .collect(),
                })
                .collect(),
            goals: self
                .goals
                .into_iter()
                .map(|g| Goal {
                    id: g.id,
                    title: one_line(g.title),
                    focus: g.focus,
                    mentor_note: multi_line(g.mentor_note),
                    milestones: g.milestones,
                    suggested_weeks: g.suggested_weeks,
                })
                .collect(),
        }
    }
}

impl MilestoneFile {
    fn into_domain(self) -> Milestone {
        Milestone {
            id: self.id,
            title: one_line(self.title),
            kind: self.kind,
            effort_hours: self.effort_hours,
            effort_hours_high: self.effort_hours_high,
            focus: self.focus,
            requires: self.requires,
            summary: multi_line(self.summary),
            mentor_tip: multi_line(self.mentor_tip),
            resources: self
                .resources
                .into_iter()
                .map(|r| Resource {
                    title: one_line(r.title),
                    url: r.url,
                })
                .collect(),
            renamed_from: self.renamed_from,
            split_from: self.split_from,
        }
    }
}
