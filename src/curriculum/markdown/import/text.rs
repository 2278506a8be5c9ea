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

/// An estimate written in an item's title — `(4h)`, `(30 min)`, `~2 h`, `[3h]`, `(2-3 h)`,
/// `(1h 30m)` — as its likely hours and, for a range, its high end (contract §2). The last
/// one in the title counts; the title itself keeps the text as written.
pub(crate) fn estimate_in_title(title: &str) -> Option<(f64, Option<f64>)> {
    estimate_span(title).map(|(_, estimate)| estimate)
}

/// The title without its estimate ("Learn Python (4h)" is "Learn Python"): what stays the same
/// when a learner adds or changes one, so that the item is known again.
pub(crate) fn title_without_estimate(title: &str) -> String {
    match estimate_span(title) {
        Some((span, _)) => normalize(&format!("{}{}", &title[..span.start], &title[span.end..])),
        None => normalize(title),
    }
}

/// The "Effort: 4 hours" or "Effort: 4 hours (up to 6 when it goes badly)" line an export
/// writes under an item, read back as its estimate and taken out of the summary, so that an
/// exported checklist imports as it was.
pub(crate) fn take_effort_line(summary: &str) -> (String, Option<Estimate>) {
    let mut estimate = None;
    let mut kept: Vec<&str> = Vec::new();
    for line in summary.split('\n') {
        if estimate.is_none()
            && let Some(read) = effort_line(line)
        {
            estimate = Some(read);
            continue;
        }
        kept.push(line);
    }
    (kept.join("\n"), estimate)
}

fn effort_line(line: &str) -> Option<Estimate> {
    let rest = line.strip_prefix("Effort: ")?;
    let (hours, high) = match rest.split_once(" hours (up to ") {
        Some((hours, high)) => (hours, Some(high.strip_suffix(" when it goes badly)")?)),
        None => (rest.strip_suffix(" hours")?, None),
    };
    let hours: f64 = hours.parse().ok()?;
    let high: Option<f64> = high.map(str::parse).transpose().ok()?;
    let fits = |h: f64| h.is_finite() && h > 0.0 && h <= crate::curriculum::MAX_EFFORT_HOURS;
    (fits(hours) && high.is_none_or(|high| fits(high) && high >= hours)).then_some((hours, high))
}

/// Likely hours and, for a range, the high end.
type Estimate = (f64, Option<f64>);

/// [`estimate_in_title`] and the bytes of the title it was written in.
fn estimate_span(title: &str) -> Option<(std::ops::Range<usize>, Estimate)> {
    let mut found = None;
    for (at, open) in title.char_indices() {
        let start = at + open.len_utf8();
        let rest = &title[start..];
        let estimate = match open {
            '(' | '[' => {
                let close = if open == '(' { ')' } else { ']' };
                rest.find(close).and_then(|end| {
                    estimate_words(rest[..end].trim_start_matches('~'))
                        .map(|e| (at..start + end + close.len_utf8(), e))
                })
            }
            // A tilde starts an estimate when the words after it, up to the end of the title
            // or a separator, are one.
            '~' => {
                let end = rest
                    .find([',', ';', ')', ']', '(', '[', '—', '–'])
                    .unwrap_or(rest.len());
                estimate_words(&rest[..end]).map(|e| (at..start + end, e))
            }
            _ => None,
        };
        if estimate.is_some() {
            found = estimate;
        }
    }
    found.filter(|(_, (h, high))| {
        *h > 0.0
            && *h <= crate::curriculum::MAX_EFFORT_HOURS
            && high.is_none_or(|high| high <= crate::curriculum::MAX_EFFORT_HOURS)
    })
}

/// `4h`, `4 hours`, `30 min`, `1h 30m`, `2-3 h`, `1.5h`: hours, and the high end of a range.
fn estimate_words(text: &str) -> Option<(f64, Option<f64>)> {
    let text = text.trim();
    // A range: "2-3 h", "2–3 hours", "2 to 3 h"; the unit of the high end counts for both.
    for dash in ["-", "–", " to "] {
        if let Some((low, high)) = text.split_once(dash)
            && let Ok(low) = low.trim().replace(',', ".").parse::<f64>()
            && let Some(high) = duration(high)
        {
            // "2-3h 30m" has no one unit for its low end.
            if high_parts(high_text(text, dash)) > 1 {
                return None;
            }
            let scale = unit_scale(high.1)?;
            let low = low * scale;
            return (low <= high.0).then_some((low, Some(high.0).filter(|h| *h > low)));
        }
    }
    duration(text).map(|(hours, _)| (hours, None))
}

/// A sum of `NUMBER UNIT` parts ("1h 30m") in hours, and the last part's unit. A bare `m`
/// counts as minutes only after hours ("1h 30m"): alone, "(124M)" is a model's parameters
/// and "(3m)" may be months.
fn duration(text: &str) -> Option<(f64, &str)> {
    let mut rest = text.trim();
    let mut hours = 0.0;
    let mut last_unit: Option<&str> = None;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let number: f64 = rest[..digits].replace(',', ".").parse().ok()?;
        rest = rest[digits..].trim_start();
        let letters = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..letters];
        if unit.eq_ignore_ascii_case("m") && (unit == "M" || last_unit.is_none()) {
            return None;
        }
        hours += number * unit_scale(unit)?;
        last_unit = Some(unit);
        rest = rest[letters..].trim_start();
    }
    Some((hours, last_unit?))
}

fn high_text<'t>(text: &'t str, dash: &str) -> &'t str {
    text.split_once(dash).map_or("", |(_, high)| high)
}

/// How many `NUMBER UNIT` parts the text has.
fn high_parts(text: &str) -> usize {
    text.split(|c: char| c.is_ascii_alphabetic())
        .filter(|part| part.chars().any(|c| c.is_ascii_digit()))
        .count()
}

/// Hours per unit, for the units a title may use.
fn unit_scale(unit: &str) -> Option<f64> {
    match unit.to_ascii_lowercase().as_str() {
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(1.0),
        "m" | "min" | "mins" | "minute" | "minutes" => Some(1.0 / 60.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::estimate_in_title;

    #[test]
    fn an_estimate_in_a_title_is_read_in_the_forms_people_write() {
        let cases = [
            ("Learn Python (4h)", Some((4.0, None))),
            ("Learn Python (4 h)", Some((4.0, None))),
            ("Read the paper (30 min)", Some((0.5, None))),
            ("Statistics ~2 h", Some((2.0, None))),
            ("Statistics ~2h, then practice", Some((2.0, None))),
            ("Build a tiny app [3h]", Some((3.0, None))),
            ("Embeddings (1.5 hours)", Some((1.5, None))),
            ("Embeddings (1,5 h)", Some((1.5, None))),
            ("Fine-tune (2-3 h)", Some((2.0, Some(3.0)))),
            ("Fine-tune (2 to 3 hours)", Some((2.0, Some(3.0)))),
            ("Deploy (1h 30m)", Some((1.5, None))),
            ("Deploy (~45 minutes)", Some((0.75, None))),
            ("Deploy (1h30m)", Some((1.5, None))),
            // A bare "m" alone is not minutes: parameters, or months.
            ("Fine-tune GPT-2 (124M)", None),
            ("Phase 1 (3-6m)", None),
            ("Quick (45m)", None),
            ("Odd range (2-3h 30m)", None),
            ("Week 1 (basics) (6h)", Some((6.0, None))),
            // Not estimates: numbers without a unit, other units, words, nothing at all.
            ("Chapter (3)", None),
            ("Python 3 (basics)", None),
            ("Train for (2 days)", None),
            ("GPT-4 (h)", None),
            ("Zero (0h)", None),
            ("Huge (99999h)", None),
            ("Backwards (5-2 h)", None),
            ("Plain title", None),
            ("Unclosed (4h", None),
        ];
        for (title, want) in cases {
            assert_eq!(estimate_in_title(title), want, "{title}");
        }
    }

    #[test]
    fn an_exports_effort_line_is_read_back_and_leaves_the_summary() {
        use super::take_effort_line as take;
        assert_eq!(
            take("Effort: 40 hours (up to 60 when it goes badly)\nTip: start here\nTypes."),
            (
                "Tip: start here\nTypes.".to_owned(),
                Some((40.0, Some(60.0)))
            )
        );
        assert_eq!(
            take("Effort: 1.5 hours"),
            (String::new(), Some((1.5, None)))
        );
        for kept in [
            "Effort: lots of hours",
            "Effort: NaN hours",
            "Effort: -3 hours",
            "Effort: 4 hours (up to 2 when it goes badly)",
        ] {
            assert_eq!(take(kept), (kept.to_owned(), None), "{kept}");
        }
    }

    #[test]
    fn a_title_without_its_estimate_is_the_same_whatever_the_estimate() {
        use super::title_without_estimate as bare;
        assert_eq!(bare("Learn Python (4h)"), "Learn Python");
        assert_eq!(bare("Learn Python (6 h)"), "Learn Python");
        assert_eq!(bare("Learn Python"), "Learn Python");
        assert_eq!(
            bare("Statistics ~2 h, then practice"),
            "Statistics , then practice"
        );
        assert_eq!(bare("Café — ünïcode [3h] ✓"), "Café — ünïcode ✓");
    }
}
