//! Markdown task lists -> an unvalidated curriculum: one pass over pulldown-cmark's events.

mod reader;
mod text;

use pulldown_cmark::{Event, Options, Parser};

use crate::curriculum::{Curriculum, Diagnostic, Invalid, MAX_FILE_BYTES};
use reader::Reader;

pub(crate) use text::{
    clean_title, estimate_in_title, implied_kind, normalize, title_without_estimate,
};

/// What a curriculum read from Markdown holds before validation.
pub(crate) struct Built {
    pub curriculum: Curriculum,
    pub checked: Vec<String>,
}

/// Between a section's parent headings and its own in its title.
pub(crate) const SECTION_PATH: &str = " / ";

/// The title given to an item or heading with no visible text, so that every task item the
/// parser finds is still one milestone.
pub(crate) const UNTITLED: &str = "Untitled";

/// The parser options the importer reads with; the exporter escapes for the same set.
pub(crate) fn options() -> Options {
    Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Decodes the bytes (size limit, BOM, UTF-8 with a located error) into text.
pub(crate) fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, Invalid> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Invalid::one(Diagnostic::new(
            name,
            format!(
                "the file is {} bytes; a curriculum may be at most {MAX_FILE_BYTES} bytes",
                bytes.len()
            ),
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        // The prefix up to the error is valid UTF-8 by definition.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let (line, col) = line_col(valid, valid.len());
        Invalid::one(Diagnostic::at(
            name,
            line,
            col,
            "the file is not valid UTF-8 text",
        ))
    })
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let col = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The file name without directories and extension.
pub(crate) fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(dot) if dot > 0 => base.get(..dot).unwrap_or(base),
        _ => base,
    }
}

/// Reads the Markdown text into a curriculum without checking the contract's rules
/// (see [`super::parse`] for the mapping and the choices made where the contract is silent).
pub(crate) fn build(name: &str, text: &str) -> Result<Built, Invalid> {
    let has_tasks = Parser::new_ext(text, options()).any(|e| matches!(e, Event::TaskListMarker(_)));
    let mut reader = Reader::new(name, text, !has_tasks);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        reader.event(event, range.start)?;
    }
    reader.finish()
}
