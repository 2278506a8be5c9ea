//! The RON file form of a curriculum (format 1), kept apart from the domain types.
//!
//! The `*File` types mirror the contract field by field; the domain types in
//! [`super`] are free to change without touching a published file. Reading is
//! strict: an unknown field, a missing id or title, or a newer `format` is an
//! error with a place, never something silently dropped or guessed.

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};

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
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Curriculum", deny_unknown_fields)]
struct CurriculumFile {
    format: u32,
    id: String,
    revision: u32,
    title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    authors: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    license: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    focus_areas: Vec<FocusAreaFile>,
    #[serde(default)]
    sections: Vec<SectionFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    goals: Vec<GoalFile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "FocusArea", deny_unknown_fields)]
struct FocusAreaFile {
    id: String,
    title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    summary: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Section", deny_unknown_fields)]
struct SectionFile {
    id: String,
    title: String,
    #[serde(default)]
    milestones: Vec<MilestoneFile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Milestone", deny_unknown_fields)]
struct MilestoneFile {
    id: String,
    title: String,
    #[serde(default)]
    kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    effort_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    focus: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    requires: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    mentor_tip: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    resources: Vec<ResourceFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    renamed_from: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Resource", deny_unknown_fields)]
struct ResourceFile {
    title: String,
    #[serde(default)]
    url: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Goal", deny_unknown_fields)]
struct GoalFile {
    id: String,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    focus: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    mentor_note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    milestones: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

    if let Ok(FormatProbe {
        format: Some(format),
    }) = options.from_str::<FormatProbe>(text)
        && format > u64::from(FORMAT_VERSION)
    {
        let index = SourceIndex::build(text);
        return Err(Invalid::one(at_format(
            name,
            &index,
            format!(
                "this file comes from a newer Waymark (format {format}; this Waymark reads {FORMAT_VERSION})"
            ),
        )));
    }

    let file: CurriculumFile = options
        .from_str(text)
        .map_err(|e| Invalid::one(ron_diagnostic(name, text, &e)))?;

    let index = SourceIndex::build(text);
    let mut diagnostics = Vec::new();
    if file.format != FORMAT_VERSION {
        diagnostics.push(at_format(
            name,
            &index,
            format!(
                "format {} is not a curriculum format; this Waymark reads format {FORMAT_VERSION}",
                file.format
            ),
        ));
    }
    let curriculum = file.into_domain();
    diagnostics.extend(validate::check_indexed(name, &curriculum, Some(&index)));
    if diagnostics.is_empty() {
        Ok(curriculum)
    } else {
        Err(Invalid { diagnostics })
    }
}

/// Writes a curriculum as RON that [`parse`] reads back to the same curriculum.
///
/// Empty optional fields are left out; `kind` is always written so a reader sees it.
pub fn to_ron(curriculum: &Curriculum) -> String {
    let file = CurriculumFile::from_domain(curriculum);
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .new_line("\n")
        .indentor("    ");
    match ron_options()
        .without_recursion_limit()
        .to_string_pretty(&file, pretty)
    {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Serializing plain strings, numbers and lists into a String cannot fail; should
        // ron ever disagree, the output says so instead of silently being empty.
        Err(e) => format!("// could not write this curriculum as RON: {e}\n"),
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

impl CurriculumFile {
    fn into_domain(self) -> Curriculum {
        Curriculum {
            id: self.id,
            revision: self.revision,
            title: self.title,
            summary: self.summary,
            authors: self.authors,
            license: self.license,
            focus_areas: self
                .focus_areas
                .into_iter()
                .map(|f| FocusArea {
                    id: f.id,
                    title: f.title,
                    summary: f.summary,
                })
                .collect(),
            sections: self
                .sections
                .into_iter()
                .map(|s| Section {
                    id: s.id,
                    title: s.title,
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
                    title: g.title,
                    focus: g.focus,
                    mentor_note: g.mentor_note,
                    milestones: g.milestones,
                    suggested_weeks: g.suggested_weeks,
                })
                .collect(),
        }
    }

    fn from_domain(c: &Curriculum) -> Self {
        Self {
            format: FORMAT_VERSION,
            id: c.id.clone(),
            revision: c.revision,
            title: c.title.clone(),
            summary: c.summary.clone(),
            authors: c.authors.clone(),
            license: c.license.clone(),
            focus_areas: c
                .focus_areas
                .iter()
                .map(|f| FocusAreaFile {
                    id: f.id.clone(),
                    title: f.title.clone(),
                    summary: f.summary.clone(),
                })
                .collect(),
            sections: c
                .sections
                .iter()
                .map(|s| SectionFile {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    milestones: s
                        .milestones
                        .iter()
                        .map(MilestoneFile::from_domain)
                        .collect(),
                })
                .collect(),
            goals: c
                .goals
                .iter()
                .map(|g| GoalFile {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    focus: g.focus.clone(),
                    mentor_note: g.mentor_note.clone(),
                    milestones: g.milestones.clone(),
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
            title: self.title,
            kind: self.kind,
            effort_hours: self.effort_hours,
            focus: self.focus,
            requires: self.requires,
            summary: self.summary,
            mentor_tip: self.mentor_tip,
            resources: self
                .resources
                .into_iter()
                .map(|r| Resource {
                    title: r.title,
                    url: r.url,
                })
                .collect(),
            renamed_from: self.renamed_from,
        }
    }

    fn from_domain(m: &Milestone) -> Self {
        Self {
            id: m.id.clone(),
            title: m.title.clone(),
            kind: m.kind,
            effort_hours: m.effort_hours,
            focus: m.focus.clone(),
            requires: m.requires.clone(),
            summary: m.summary.clone(),
            mentor_tip: m.mentor_tip.clone(),
            resources: m
                .resources
                .iter()
                .map(|r| ResourceFile {
                    title: r.title.clone(),
                    url: r.url.clone(),
                })
                .collect(),
            renamed_from: m.renamed_from.clone(),
        }
    }
}
