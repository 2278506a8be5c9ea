//! Writing a curriculum as RON in the contract's layout, so that what Waymark writes it reads
//! back the same.

use crate::curriculum::{Curriculum, FORMAT_VERSION, Milestone};

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

/// Writes a curriculum as RON that [`parse`](super::parse) reads back to the same curriculum.
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
