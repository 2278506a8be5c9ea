//! The RON file form of a curriculum (format 1), kept apart from the domain types.
//!
//! The `*File` types mirror the contract field by field; the domain types in
//! [`super`] are free to change without touching a published file. Reading is
//! strict: an unknown field, a missing id or title, or a newer `format` is an
//! error with a place, never something silently dropped or guessed.

mod ron_errors;
mod write;

use ron::extensions::Extensions;
use serde::Deserialize;

use super::validate::{self, locate::SourceIndex};
use super::{
    Curriculum, Diagnostic, FORMAT_VERSION, FocusArea, Goal, Invalid, Kind, MAX_FILE_BYTES,
    Milestone, Resource, Section,
};
use ron_errors::ron_diagnostic;

pub use write::{to_ron, to_ron_within_limit};

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
