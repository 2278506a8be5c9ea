//! Where things stand in a RON curriculum's text, found in one pass so errors can name a line.
//!
//! The index is built by a small lexer that knows just enough RON (strings, raw strings,
//! comments, brackets, `key:`) to follow the contract's nesting. The n-th `Milestone` it
//! sees is the n-th milestone of the parsed curriculum, so a rule broken by milestone n
//! is found without searching the text again. Any text is accepted (it may be Markdown,
//! or broken); [`SourceIndex::matches`] tells whether the shape fits a curriculum.

mod lexer;

use crate::curriculum::Curriculum;

pub use lexer::open_bracket_at;
use lexer::{Lexer, Token};

/// A 1-based line and column (in characters), as ron and compilers count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// The struct kinds of the contract whose fields errors point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Curriculum,
    FocusArea,
    Section,
    Milestone,
    Resource,
    Goal,
}

/// The fields worth remembering: those a rule can point at.
const KEYS: [&str; 13] = [
    "format",
    "id",
    "title",
    "effort_hours",
    "effort_hours_high",
    "focus",
    "requires",
    "renamed_from",
    "split_from",
    "url",
    "milestones",
    "sections",
    "focus_areas",
];
const RESOURCES: &str = "resources";
const GOALS: &str = "goals";

#[derive(Debug)]
struct Field {
    key: &'static str,
    /// The value's first token, or the key when no value followed.
    at: Pos,
    has_value: bool,
    /// Each string directly in a list value, in order.
    items: Vec<Pos>,
}

#[derive(Debug)]
struct StructSpan {
    at: Pos,
    fields: Vec<Field>,
}

impl StructSpan {
    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Positions of every contract struct and its interesting fields, in document order.
#[derive(Debug, Default)]
pub struct SourceIndex {
    curriculum: Vec<StructSpan>,
    focus_areas: Vec<StructSpan>,
    sections: Vec<StructSpan>,
    milestones: Vec<StructSpan>,
    resources: Vec<StructSpan>,
    goals: Vec<StructSpan>,
}

enum Frame {
    /// A contract struct; `key` is the field being read and `awaiting` whether its value
    /// has not started yet.
    Struct {
        kind: Kind,
        slot: usize,
        key: Option<&'static str>,
        awaiting: bool,
    },
    /// `Some(...)`: looks through to the frame below.
    Some,
    /// A list that is the value of `key` in the struct at `(kind, slot)`.
    List {
        owner: Option<(Kind, usize)>,
        key: Option<&'static str>,
    },
    /// Anything else: nothing inside is recorded.
    Opaque,
}

impl SourceIndex {
    /// Indexes `text` in one pass. Never fails: what it cannot follow it leaves out.
    pub fn build(text: &str) -> Self {
        let mut index = Self::default();
        let mut lx = Lexer {
            bytes: text.as_bytes(),
            i: 0,
            pos: Pos { line: 1, col: 1 },
        };
        let mut frames: Vec<Frame> = Vec::new();
        // The identifier just read (known key, or `Some`), kept until the next token.
        let mut pending: Option<(Option<&'static str>, bool, Pos)> = None;

        while let Some((at, token)) = lx.next_token() {
            let previous = pending.take();
            if let Some((_, _, p)) = previous
                && !matches!(token, Token::Colon | Token::Open(_))
            {
                // An identifier used as a value (`kind: Skill`) starts that value.
                index.value_starts(&mut frames, p, false);
            }
            match token {
                Token::Colon => {
                    if let Some((Some(key), _, key_at)) = previous {
                        index.start_field(&mut frames, key, key_at);
                    }
                }
                Token::Ident(key, is_some) => {
                    pending = Some((key, is_some, at));
                }
                Token::Open(open) => {
                    let start = previous.map_or(at, |(_, _, p)| p);
                    let is_some = previous.is_some_and(|(_, s, _)| s);
                    index.value_starts(&mut frames, start, false);
                    let frame = if open == b'(' && is_some {
                        Frame::Some
                    } else if open == b'(' {
                        index.open_struct(&frames, start)
                    } else if open == b'[' {
                        match innermost(&frames) {
                            Some(Frame::Struct {
                                kind, slot, key, ..
                            }) => Frame::List {
                                owner: Some((*kind, *slot)),
                                key: *key,
                            },
                            _ => Frame::List {
                                owner: None,
                                key: None,
                            },
                        }
                    } else {
                        Frame::Opaque
                    };
                    frames.push(frame);
                }
                Token::Close => {
                    frames.pop();
                }
                Token::Str => index.value_starts(&mut frames, at, true),
                Token::Other => index.value_starts(&mut frames, at, false),
                Token::Comma => {}
            }
        }
        index
    }

    fn spans(&self, kind: Kind) -> &Vec<StructSpan> {
        match kind {
            Kind::Curriculum => &self.curriculum,
            Kind::FocusArea => &self.focus_areas,
            Kind::Section => &self.sections,
            Kind::Milestone => &self.milestones,
            Kind::Resource => &self.resources,
            Kind::Goal => &self.goals,
        }
    }

    fn spans_mut(&mut self, kind: Kind) -> &mut Vec<StructSpan> {
        match kind {
            Kind::Curriculum => &mut self.curriculum,
            Kind::FocusArea => &mut self.focus_areas,
            Kind::Section => &mut self.sections,
            Kind::Milestone => &mut self.milestones,
            Kind::Resource => &mut self.resources,
            Kind::Goal => &mut self.goals,
        }
    }

    /// Which contract struct a `(` opens, judged by the list it stands in.
    fn open_struct(&mut self, frames: &[Frame], at: Pos) -> Frame {
        let kind = match frames.last() {
            None if self.curriculum.is_empty() => Some(Kind::Curriculum),
            Some(Frame::List {
                owner: Some((owner, _)),
                key: Some(key),
            }) => match (*owner, *key) {
                (Kind::Curriculum, "focus_areas") => Some(Kind::FocusArea),
                (Kind::Curriculum, "sections") => Some(Kind::Section),
                (Kind::Curriculum, GOALS) => Some(Kind::Goal),
                (Kind::Section, "milestones") => Some(Kind::Milestone),
                (Kind::Milestone, RESOURCES) => Some(Kind::Resource),
                _ => None,
            },
            _ => None,
        };
        match kind {
            Some(kind) => {
                let spans = self.spans_mut(kind);
                spans.push(StructSpan {
                    at,
                    fields: Vec::new(),
                });
                Frame::Struct {
                    kind,
                    slot: spans.len() - 1,
                    key: None,
                    awaiting: false,
                }
            }
            None => Frame::Opaque,
        }
    }

    fn start_field(&mut self, frames: &mut [Frame], key: &'static str, key_at: Pos) {
        if let Some(Frame::Struct {
            kind,
            slot,
            key: current,
            awaiting,
        }) = frames.last_mut()
        {
            *current = Some(key);
            *awaiting = true;
            if let Some(span) = self.spans_mut(*kind).get_mut(*slot)
                // A repeated key is a broken file; keep the first so lookups stay bounded.
                && span.field(key).is_none()
            {
                span.fields.push(Field {
                    key,
                    at: key_at,
                    has_value: false,
                    items: Vec::new(),
                });
            }
        }
    }

    /// Records that a value token starts at `at`: the value of the field being read, or,
    /// for a string directly in a list, the next item of that list.
    fn value_starts(&mut self, frames: &mut [Frame], at: Pos, is_string: bool) {
        let Some(top) = frames.iter_mut().rev().find(|f| !matches!(f, Frame::Some)) else {
            return;
        };
        match top {
            Frame::Struct {
                kind,
                slot,
                key: Some(key),
                awaiting,
            } if *awaiting => {
                *awaiting = false;
                if let Some(field) = self
                    .spans_mut(*kind)
                    .get_mut(*slot)
                    .and_then(|s| s.fields.iter_mut().find(|f| f.key == *key))
                    && !field.has_value
                {
                    field.at = at;
                    field.has_value = true;
                }
            }
            Frame::List {
                owner: Some((kind, slot)),
                key: Some(key),
            } if is_string => {
                if let Some(field) = self
                    .spans_mut(*kind)
                    .get_mut(*slot)
                    .and_then(|s| s.fields.iter_mut().find(|f| f.key == *key))
                {
                    field.items.push(at);
                }
            }
            _ => {}
        }
    }

    /// True when the text has exactly the curriculum's structs, so the n-th of each kind is
    /// the curriculum's n-th. Otherwise positions would point at the wrong thing.
    pub fn matches(&self, c: &Curriculum) -> bool {
        self.curriculum.len() == 1
            && self.focus_areas.len() == c.focus_areas.len()
            && self.sections.len() == c.sections.len()
            && self.milestones.len() == c.milestone_count()
            && self.resources.len() == c.milestones().map(|m| m.resources.len()).sum::<usize>()
            && self.goals.len() == c.goals.len()
    }

    /// Where the `n`-th struct of `kind` starts.
    pub fn start(&self, kind: Kind, n: usize) -> Option<Pos> {
        self.spans(kind).get(n).map(|s| s.at)
    }

    /// Where the value of `key` in the `n`-th struct of `kind` starts, else the struct.
    pub fn field(&self, kind: Kind, n: usize, key: &str) -> Option<Pos> {
        let span = self.spans(kind).get(n)?;
        Some(span.field(key).map_or(span.at, |f| f.at))
    }

    /// Where item `item` of the list `key` in the `n`-th struct of `kind` stands, else the field.
    pub fn item(&self, kind: Kind, n: usize, key: &str, item: usize) -> Option<Pos> {
        let span = self.spans(kind).get(n)?;
        match span.field(key) {
            Some(f) => Some(f.items.get(item).copied().unwrap_or(f.at)),
            None => Some(span.at),
        }
    }

    /// Where the value of the top-level curriculum's `key` starts.
    pub fn curriculum_field(&self, key: &str) -> Option<Pos> {
        self.curriculum.first()?.field(key).map(|f| f.at)
    }
}

fn innermost(frames: &[Frame]) -> Option<&Frame> {
    frames.iter().rev().find(|f| !matches!(f, Frame::Some))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// comment with "quotes" and Milestone(
Curriculum(
    format: 1,
    id: "c",
    /* nested /* block */ comment ( [ */
    sections: [
        (id: "s", title: r#"raw "title""#, milestones: [
            Milestone(id: "a", title: "A", kind: Skill),
            Milestone(
                id: "b",
                title: "B — é",
                requires: ["a", "zz"],
                effort_hours: Some(3),
                resources: [Resource(title: "T", url: "ftp://x")],
            ),
        ]),
    ],
    goals: [Goal(id: "g", title: "G", focus: Some("nlp"), milestones: ["b"])],
)
"##;

    #[test]
    fn finds_structs_fields_and_list_items_in_document_order() {
        let index = SourceIndex::build(TEXT);
        assert_eq!(
            index.curriculum_field("format"),
            Some(Pos { line: 3, col: 13 })
        );
        assert_eq!(index.sections.len(), 1);
        assert_eq!(index.milestones.len(), 2);
        assert_eq!(
            index.field(Kind::Milestone, 0, "id"),
            Some(Pos { line: 8, col: 27 })
        );
        assert_eq!(
            index.field(Kind::Milestone, 1, "id"),
            Some(Pos { line: 10, col: 21 })
        );
        assert_eq!(
            index.item(Kind::Milestone, 1, "requires", 1),
            Some(Pos { line: 12, col: 33 })
        );
        assert_eq!(
            index.field(Kind::Milestone, 1, "effort_hours"),
            Some(Pos { line: 13, col: 31 })
        );
        assert_eq!(
            index.field(Kind::Resource, 0, "url"),
            Some(Pos { line: 14, col: 55 })
        );
        assert_eq!(
            index.field(Kind::Goal, 0, "focus"),
            Some(Pos { line: 18, col: 46 })
        );
        assert_eq!(
            index.item(Kind::Goal, 0, "milestones", 0),
            Some(Pos { line: 18, col: 72 })
        );
        assert_eq!(index.start(Kind::Section, 0), Some(Pos { line: 7, col: 9 }));
    }

    #[test]
    fn any_text_is_indexed_without_panicking() {
        for text in [
            "",
            "(((",
            ")))]]",
            "\"unclosed",
            "r#\"x",
            "'",
            "/* open",
            "é(é:é)",
            "# Title\n- [ ] don't",
        ] {
            let _ = SourceIndex::build(text);
        }
    }
}
