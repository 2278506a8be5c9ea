//! Curriculum -> Markdown task list, written so that the importer reads it back unchanged.

use std::collections::HashMap;

use super::import::{UNTITLED, clean_title, is_web_url};
use crate::curriculum::{Curriculum, Kind, Milestone};

/// How deep requirements are shown by nesting; deeper ones are written as text, so that a
/// long chain of requirements cannot make the output grow with the square of its length.
pub(crate) const MAX_NESTING: usize = 64;

/// Where a milestone sits: its section and its place in it.
#[derive(Clone, Copy)]
struct Place {
    section: usize,
    position: usize,
    global: usize,
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
    let mut places: HashMap<&str, Place> = HashMap::with_capacity(milestones.len());
    let mut position_in_section = 0;
    let mut last_section = usize::MAX;
    for (global, (section, m)) in milestones.iter().enumerate() {
        if *section != last_section {
            last_section = *section;
            position_in_section = 0;
        }
        places.entry(m.id.as_str()).or_insert(Place {
            section: *section,
            position: position_in_section,
            global,
        });
        position_in_section += 1;
    }

    // A requirement is shown by nesting when it comes later in the same section and no
    // earlier milestone has nested it yet: exactly the shape the importer produces.
    let mut nested = vec![false; milestones.len()];
    let mut depth = vec![0usize; milestones.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); milestones.len()];
    let mut unnested: Vec<Vec<&str>> = vec![Vec::new(); milestones.len()];
    for (global, (section, m)) in milestones.iter().enumerate() {
        let Some(here) = places.get(m.id.as_str()).filter(|p| p.global == global) else {
            continue;
        };
        for required in &m.requires {
            let child = places.get(required.as_str()).filter(|p| {
                p.section == *section
                    && p.position > here.position
                    && !nested.get(p.global).copied().unwrap_or(true)
                    && depth.get(global).is_some_and(|d| d + 1 < MAX_NESTING)
            });
            match child {
                Some(child) => {
                    let child_depth = depth.get(global).map_or(0, |d| d + 1);
                    if let Some(slot) = nested.get_mut(child.global) {
                        *slot = true;
                    }
                    if let Some(slot) = depth.get_mut(child.global) {
                        *slot = child_depth;
                    }
                    if let Some(list) = children.get_mut(global) {
                        list.push(child.global);
                    }
                }
                None => {
                    if let Some(list) = unnested.get_mut(global) {
                        list.push(required.as_str());
                    }
                }
            }
        }
    }

    let title_of = |id: &str| -> String {
        places
            .get(id)
            .and_then(|p| milestones.get(p.global))
            .map_or_else(|| id.to_owned(), |(_, m)| one_line(&m.title))
    };
    let indent = " ".repeat(2 * (MAX_NESTING + 1));
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut global = 0;
    for section in &curriculum.sections {
        out.push_str("\n## ");
        escape_line(&or_untitled(&section.title), true, &mut out);
        out.push_str("\n\n");
        for _ in &section.milestones {
            let top = global;
            global += 1;
            if nested.get(top).copied().unwrap_or(false) {
                continue;
            }
            stack.push((top, 0));
            while let Some((g, level)) = stack.pop() {
                let Some((section_index, m)) = milestones.get(g) else {
                    continue;
                };
                let item_indent = indent.get(..2 * level).unwrap_or_default();
                let body_indent = indent.get(..2 * (level + 1)).unwrap_or_default();
                out.push_str(item_indent);
                out.push_str(if is_done(&m.id) { "- [x] " } else { "- [ ] " });
                escape_line(&or_untitled(&m.title), false, &mut out);
                out.push('\n');

                let section_title = curriculum
                    .sections
                    .get(*section_index)
                    .map_or("", |s| s.title.as_str());
                for line in extra_lines(m, section_title, unnested.get(g), &title_of) {
                    paragraph(&line, body_indent, &mut out);
                }
                for line in m.summary.lines() {
                    paragraph(line, body_indent, &mut out);
                }
                let kids = children.get(g).map_or(&[][..], Vec::as_slice);
                let web: Vec<_> = m.resources.iter().filter(|r| is_web_url(&r.url)).collect();
                let plain: Vec<_> = m.resources.iter().filter(|r| !is_web_url(&r.url)).collect();
                for r in &plain {
                    let text = format!("Resource: {} <{}>", one_line(&r.title), one_line(&r.url));
                    paragraph(&text, body_indent, &mut out);
                }
                for r in web {
                    out.push_str(body_indent);
                    out.push_str("- [");
                    let title = one_line(&r.title);
                    escape_line(&title, false, &mut out);
                    out.push_str("](");
                    link_destination(&r.url, &mut out);
                    out.push_str(")\n");
                }
                for &kid in kids.iter().rev() {
                    stack.push((kid, level + 1));
                }
            }
        }
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
    unnested: Option<&Vec<&str>>,
    title_of: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(hours) = m.effort_hours {
        lines.push(format!("Effort: {hours} hours"));
    }
    if m.kind != implied_kind(section_title, &m.title) {
        lines.push(format!("Kind: {}", m.kind.label()));
    }
    if !m.focus.is_empty() {
        lines.push(format!("Focus: {}", m.focus.join(", ")));
    }
    if let Some(ids) = unnested.filter(|ids| !ids.is_empty()) {
        let titles: Vec<String> = ids.iter().map(|id| title_of(id)).collect();
        lines.push(format!("Requires: {}", titles.join("; ")));
    }
    if !m.mentor_tip.trim().is_empty() {
        lines.push(format!("Mentor tip: {}", m.mentor_tip));
    }
    lines
}

fn implied_kind(section_title: &str, title: &str) -> Kind {
    let section = section_title.to_lowercase();
    if title.to_lowercase().contains("project") || section.contains("project") {
        Kind::Project
    } else if ["framework", "librar", "tool"].iter().any(|w| section.contains(w)) {
        Kind::Framework
    } else {
        Kind::Skill
    }
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
    if title.is_empty() { UNTITLED.to_owned() } else { title }
}

fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (count, word) in text.split_whitespace().enumerate() {
        if count > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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
    for (i, c) in text.char_indices() {
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
