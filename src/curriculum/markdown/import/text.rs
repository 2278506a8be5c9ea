//! Text as a curriculum holds it: titles and summaries made one line and cut to the
//! contract's length, links made resources, and the kind a title implies.

use crate::curriculum::{Kind, MAX_TITLE_CHARS, Resource};

/// `Project` where the item's or section's title says so, `Framework` for a section of
/// frameworks, libraries or tools, `Skill` otherwise: what a Markdown item's kind is on import,
/// and so what the export need not write.
pub(crate) fn implied_kind(section_title: &str, title: &str) -> Kind {
    let section = section_title.to_lowercase();
    if title.to_lowercase().contains("project") || section.contains("project") {
        Kind::Project
    } else if ["framework", "librar", "tool"]
        .iter()
        .any(|w| section.contains(w))
    {
        Kind::Framework
    } else {
        Kind::Skill
    }
}

pub(super) fn resource(text: &str, url: &str) -> Resource {
    let title = clean_title(text);
    // The scheme is case-insensitive; writing it in lowercase lets `HTTPS://…` from the web
    // pass the contract's http/https rule.
    let url = match url.find(':') {
        Some(colon) => {
            let (scheme, rest) = url.split_at(colon);
            format!("{}{rest}", scheme.to_ascii_lowercase())
        }
        None => url.to_owned(),
    };
    Resource {
        title: if title.is_empty() {
            clean_title(&url)
        } else {
            title
        },
        url,
    }
}

/// Whitespace runs made one space, control characters dropped, trimmed, cut to the
/// contract's title length.
pub(crate) fn clean_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_TITLE_CHARS * 4));
    push_words(text, MAX_TITLE_CHARS * 4, &mut out);
    if let Some((cut, _)) = out.char_indices().nth(MAX_TITLE_CHARS) {
        out.truncate(cut);
        out.truncate(out.trim_end().len());
    }
    out
}

/// Collapses every run of white space, line breaks included, to one space, and drops
/// control characters.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_words(text, usize::MAX, &mut out);
    out
}

/// The words of `text`, one space apart, until `out` holds `max_bytes`. Control characters
/// are dropped (contract §4): an escape sequence in a shared file is never sent on to the
/// terminal that prints it. The white space ones (tab, line breaks) separate words.
fn push_words(text: &str, max_bytes: usize, out: &mut String) {
    for word in text.split_whitespace() {
        if word.chars().all(char::is_control) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !c.is_control()));
        if out.len() >= max_bytes {
            break;
        }
    }
}

pub(super) fn push_piece(pieces: &mut Vec<String>, text: &str) {
    let piece = normalize(text);
    if !piece.is_empty() {
        pieces.push(piece);
    }
}

pub(super) fn push_summary(summary: &mut String, text: &str) {
    let piece = normalize(text);
    if piece.is_empty() {
        return;
    }
    if !summary.is_empty() {
        summary.push('\n');
    }
    summary.push_str(&piece);
}
