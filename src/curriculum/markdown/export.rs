//! Curriculum -> Markdown task list, written so that the importer reads it back unchanged.

use std::collections::HashMap;

use super::import::{UNTITLED, clean_title, implied_kind, normalize as one_line};
use crate::curriculum::{Curriculum, Milestone, is_openable_url};

/// How deep requirements are shown by nesting; deeper ones are written as text, so that a
/// long chain of requirements cannot make the output grow with the square of its length.
pub(crate) const MAX_NESTING: usize = 64;

/// Which requirements are shown by nesting, and how deep each item sits.
struct Layout {
    parent: Vec<Option<usize>>,
    depth: Vec<usize>,
}

/// A milestone is nested under the first milestone that requires it when the document order
/// stays as it is: the item comes later, and right inside its requirer's nested items. That
/// is exactly the shape the importer produces; anything else is written as text. One walk in
/// document order with the path of open items as a stack, so it is linear.
fn nesting(milestones: &[(usize, &Milestone)], places: &HashMap<&str, usize>) -> Layout {
    let mut parent: Vec<Option<usize>> = vec![None; milestones.len()];
    let mut depth = vec![0usize; milestones.len()];
    let mut open: Vec<usize> = Vec::new();
    for (g, (_, m)) in milestones.iter().enumerate() {
        let claimed = parent.get(g).copied().flatten();
        let mut level = 0;
        if let Some(p) = claimed {
            while open.last().is_some_and(|&top| top != p) {
                open.pop();
            }
            level = open.len();
            if open.is_empty() || level >= MAX_NESTING {
                if let Some(slot) = parent.get_mut(g) {
                    *slot = None;
                }
                level = 0;
            }
        }
        if level == 0 {
            open.clear();
        }
        if let Some(slot) = depth.get_mut(g) {
            *slot = level;
        }
        open.push(g);
        if places.get(m.id.as_str()) != Some(&g) {
            continue;
        }
        for required in &m.requires {
            if let Some(&child) = places.get(required.as_str())
                && child > g
                && let Some(slot @ None) = parent.get_mut(child)
            {
                *slot = Some(g);
            }
        }
    }
    Layout { parent, depth }
}

fn section_heading(title: &str, indent: &str, out: &mut String) {
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str("## ");
    escape_line(&or_untitled(title), true, out);
    out.push_str("\n\n");
}

pub(crate) fn write(curriculum: &Curriculum, is_done: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::new();
    out.push_str("# ");
    escape_line(&one_line(&curriculum.title), true, &mut out);
    out.push('\n');
    for line in curriculum.summary.lines() {
        paragraph(line, "", &mut out);
    }

    let milestones: Vec<(usize, &Milestone)> = curriculum
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, section)| section.milestones.iter().map(move |m| (s, m)))
        .collect();
    let mut places: HashMap<&str, usize> = HashMap::with_capacity(milestones.len());
    for (global, (_, m)) in milestones.iter().enumerate() {
        places.entry(m.id.as_str()).or_insert(global);
    }
    let layout = nesting(&milestones, &places);

    let title_of = |id: &str| -> String {
        places
            .get(id)
            .and_then(|&g| milestones.get(g))
            .map_or_else(|| id.to_owned(), |(_, m)| one_line(&m.title))
    };
    let indent = " ".repeat(2 * (MAX_NESTING + 1));
    let mut next_section = 0;
    for (g, (section_index, m)) in milestones.iter().enumerate() {
        let level = layout.depth.get(g).copied().unwrap_or(0);
        let item_indent = indent.get(..2 * level).unwrap_or_default();
        let body_indent = indent.get(..2 * (level + 1)).unwrap_or_default();
        // A section that starts under a nested item gets its heading inside that item,
        // which is where the importer found it.
        while next_section <= *section_index {
            if let Some(section) = curriculum.sections.get(next_section) {
                section_heading(&section.title, item_indent, &mut out);
            }
            next_section += 1;
        }
        out.push_str(item_indent);
        out.push_str(if is_done(&m.id) { "- [x] " } else { "- [ ] " });
        escape_line(&or_untitled(&m.title), false, &mut out);
        out.push('\n');

        let unnested: Vec<&str> = m
            .requires
            .iter()
            .filter(|r| {
                let child = places.get(r.as_str()).copied();
                child.and_then(|c| layout.parent.get(c).copied().flatten()) != Some(g)
            })
            .map(String::as_str)
            .collect();
        let section_title = curriculum
            .sections
            .get(*section_index)
            .map_or("", |s| s.title.as_str());
        for line in extra_lines(m, section_title, &unnested, &title_of) {
            paragraph(&line, body_indent, &mut out);
        }
        for line in m.summary.lines() {
            paragraph(line, body_indent, &mut out);
        }
        for r in m.resources.iter().filter(|r| !is_openable_url(&r.url)) {
            let text = format!("Resource: {} <{}>", one_line(&r.title), one_line(&r.url));
            paragraph(&text, body_indent, &mut out);
        }
        for r in m.resources.iter().filter(|r| is_openable_url(&r.url)) {
            out.push_str(body_indent);
            out.push_str("- [");
            escape_line(&one_line(&r.title), false, &mut out);
            out.push_str("](");
            link_destination(&r.url, &mut out);
            out.push_str(")\n");
        }
    }
    for section in curriculum.sections.iter().skip(next_section) {
        section_heading(&section.title, "", &mut out);
    }
    about(curriculum, &mut out);
    out
}

/// What Markdown has no place for, kept as readable text in the item's summary: effort,
/// the mentor's tip, a kind the titles do not imply, focus areas and requirements that are
/// not shown by nesting.
fn extra_lines(
    m: &Milestone,
    section_title: &str,
    unnested: &[&str],
    title_of: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut lines = Vec::new();
    // An estimate the title says already ("Learn Python (4h)") is not said twice; the
    // importer reads either back.
    let in_title = super::import::estimate_in_title(&m.title);
    let said = m
        .effort_hours
        .map(|h| (h, m.effort_hours_high.filter(|high| *high > h)));
    match (m.effort_hours, m.effort_hours_high) {
        _ if in_title.is_some() && in_title == said => {}
        (Some(hours), Some(high)) if high > hours => {
            lines.push(format!(
                "Effort: {hours} hours (up to {high} when it goes badly)"
            ));
        }
        (Some(hours), _) => lines.push(format!("Effort: {hours} hours")),
        (None, _) => {}
    }
    if m.kind != implied_kind(section_title, &m.title) {
        lines.push(format!("Kind: {}", m.kind.label()));
    }
    if !m.focus.is_empty() {
        lines.push(format!("Focus: {}", m.focus.join(", ")));
    }
    if !unnested.is_empty() {
        let titles: Vec<String> = unnested.iter().map(|id| title_of(id)).collect();
        lines.push(format!("Requires: {}", titles.join("; ")));
    }
    if !m.mentor_tip.trim().is_empty() {
        lines.push(format!("Tip: {}", m.mentor_tip));
    }
    lines
}

/// Authors, license, focus areas and goals, under a heading of their own: the importer makes
/// no milestones of them.
fn about(curriculum: &Curriculum, out: &mut String) {
    let mut lines = Vec::new();
    if !curriculum.authors.is_empty() {
        lines.push(format!("Authors: {}", curriculum.authors.join(", ")));
    }
    if !curriculum.license.trim().is_empty() {
        lines.push(format!("License: {}", curriculum.license));
    }
    for f in &curriculum.focus_areas {
        let mut line = format!("Focus area {}: {}", f.id, f.title);
        if !f.summary.trim().is_empty() {
            line.push_str(" — ");
            line.push_str(&f.summary);
        }
        lines.push(line);
    }
    for g in &curriculum.goals {
        let mut line = format!("Goal {}: {}", g.id, g.title);
        if let Some(focus) = &g.focus {
            line.push_str(&format!(" (focus {focus})"));
        }
        if let Some(weeks) = g.suggested_weeks {
            line.push_str(&format!(", in about {weeks} weeks"));
        }
        if !g.milestones.is_empty() {
            line.push_str(&format!("; milestones: {}", g.milestones.join(", ")));
        }
        if !g.mentor_note.trim().is_empty() {
            line.push_str(&format!(". Mentor's note: {}", g.mentor_note));
        }
        lines.push(line);
    }
    if lines.is_empty() {
        return;
    }
    out.push_str("\n## About this curriculum\n");
    for line in lines {
        paragraph(&line, "", out);
    }
}

fn or_untitled(title: &str) -> String {
    let title = clean_title(title);
    if title.is_empty() {
        UNTITLED.to_owned()
    } else {
        title
    }
}

/// A blank line, then `text` as one escaped paragraph at `indent`, then a blank line.
fn paragraph(text: &str, indent: &str, out: &mut String) {
    let line = one_line(text);
    if line.is_empty() {
        return;
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(indent);
    escape_line(&line, false, out);
    out.push_str("\n\n");
}

/// Escapes `text` so that Markdown shows exactly it, as the start of a line of inline text.
fn escape_line(text: &str, heading: bool, out: &mut String) {
    let leading_digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let list_number_end = (1..=9).contains(&leading_digits)
        && matches!(text.as_bytes().get(leading_digits), Some(b'.' | b')'));
    // Inline code (a run between two backticks) is written as it is: code again on import.
    let mut code_until = None;
    for (i, c) in text.char_indices() {
        if code_until.is_some_and(|end| i <= end) {
            out.push(c);
            continue;
        }
        if c == '`'
            && let Some(len) = text.get(i + 1..).and_then(|rest| rest.find('`'))
            && len > 0
        {
            code_until = Some(i + 1 + len);
            out.push(c);
            continue;
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            '#' => heading || i == 0,
            '-' | '+' | '=' => i == 0,
            '.' | ')' => list_number_end && i == leading_digits,
            '&' => looks_like_entity(text.get(i + 1..).unwrap_or_default()),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// True when the text after an `&` would read as a character reference (`&amp;`, `&#38;`).
fn looks_like_entity(after: &str) -> bool {
    let name = after
        .bytes()
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && after.as_bytes().get(name) == Some(&b';')
}

fn link_destination(url: &str, out: &mut String) {
    let needs_brackets = url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '<' | '>'));
    if needs_brackets {
        out.push('<');
    }
    for (i, c) in url.char_indices() {
        let escape = match c {
            '\\' | '<' | '>' => true,
            '&' => looks_like_entity(url.get(i + 1..).unwrap_or_default()),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    if needs_brackets {
        out.push('>');
    }
}
