//! ron's parse errors in words a curriculum author (not a Rust programmer) understands.

use ron::error::{Error as RonError, SpannedError};

use super::RECURSION_LIMIT;
use crate::curriculum::Diagnostic;
use crate::curriculum::validate::locate::{self, Pos};

/// Turns ron's error into the contract's `file:line:col: message`, in words a
/// curriculum author (not a Rust programmer) understands.
pub(super) fn ron_diagnostic(name: &str, text: &str, error: &SpannedError) -> Diagnostic {
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
