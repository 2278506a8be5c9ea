//! Where things stand in a RON curriculum's text, found in one pass so errors can name a line.
//!
//! The index is built by a small lexer that knows just enough RON (strings, raw strings,
//! comments, brackets, `key:`) to follow the contract's nesting. The n-th `Milestone` it
//! sees is the n-th milestone of the parsed curriculum, so a rule broken by milestone n
//! is found without searching the text again. Any text is accepted (it may be Markdown,
//! or broken); [`SourceIndex::matches`] tells whether the shape fits a curriculum.

use crate::curriculum::Curriculum;

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

struct Lexer<'a> {
    bytes: &'a [u8],
    i: usize,
    pos: Pos,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.i + ahead).copied()
    }

    fn bump(&mut self) {
        if let Some(&b) = self.bytes.get(self.i) {
            self.i += 1;
            if b == b'\n' {
                self.pos.line += 1;
                self.pos.col = 1;
            } else if b & 0xC0 != 0x80 {
                // Columns count characters: UTF-8 continuation bytes do not move them.
                self.pos.col += 1;
            }
        }
    }

    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    /// Skips a `/* */` comment, nested as RON allows; the opening `/*` is already consumed.
    fn skip_block_comment(&mut self) {
        let mut depth = 1usize;
        while let Some(b) = self.peek(0) {
            if b == b'/' && self.peek(1) == Some(b'*') {
                depth += 1;
                self.bump_n(2);
            } else if b == b'*' && self.peek(1) == Some(b'/') {
                depth -= 1;
                self.bump_n(2);
                if depth == 0 {
                    return;
                }
            } else {
                self.bump();
            }
        }
    }

    /// Skips a `"..."` string body; the opening quote is already consumed.
    fn skip_string(&mut self) {
        while let Some(b) = self.peek(0) {
            self.bump();
            match b {
                b'\\' => self.bump(),
                b'"' => return,
                _ => {}
            }
        }
    }

    /// Skips `#*"..."#*`; the leading `r` is already consumed.
    fn skip_raw_string(&mut self) {
        let mut hashes = 0usize;
        while self.peek(0) == Some(b'#') {
            hashes += 1;
            self.bump();
        }
        self.bump(); // the opening quote
        while let Some(b) = self.peek(0) {
            self.bump();
            if b == b'"' {
                let mut closing = 0usize;
                while closing < hashes && self.peek(0) == Some(b'#') {
                    closing += 1;
                    self.bump();
                }
                if closing == hashes {
                    return;
                }
            }
        }
    }

    /// True when a raw string (`r"`, `r#"`, `r##"` ...) starts `ahead` bytes from here.
    fn raw_string_at(&self, ahead: usize) -> bool {
        let mut k = ahead;
        while self.peek(k) == Some(b'#') {
            k += 1;
        }
        self.peek(k) == Some(b'"')
    }

    fn identifier(&mut self) -> &[u8] {
        let start = self.i;
        while self
            .peek(0)
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.bump();
        }
        &self.bytes[start..self.i]
    }

    /// The next token and where it starts; `None` at the end of the text.
    fn next_token(&mut self) -> Option<(Pos, Token)> {
        while let Some(b) = self.peek(0) {
            let at = self.pos;
            let token = match b {
                b if b.is_ascii_whitespace() => {
                    self.bump();
                    continue;
                }
                b'/' if self.peek(1) == Some(b'/') => {
                    while self.peek(0).is_some_and(|c| c != b'\n') {
                        self.bump();
                    }
                    continue;
                }
                b'/' if self.peek(1) == Some(b'*') => {
                    self.bump_n(2);
                    self.skip_block_comment();
                    continue;
                }
                b'"' => {
                    self.bump();
                    self.skip_string();
                    Token::Str
                }
                b'r' if self.raw_string_at(1) => {
                    self.bump();
                    self.skip_raw_string();
                    Token::Str
                }
                b'b' if self.peek(1) == Some(b'"') => {
                    self.bump_n(2);
                    self.skip_string();
                    Token::Str
                }
                b'b' if self.peek(1) == Some(b'r') && self.raw_string_at(2) => {
                    self.bump_n(2);
                    self.skip_raw_string();
                    Token::Str
                }
                b'\'' => {
                    self.bump();
                    if self.peek(0) == Some(b'\\') {
                        self.bump();
                    }
                    self.bump();
                    if self.peek(0) == Some(b'\'') {
                        self.bump();
                    }
                    Token::Other
                }
                b if b.is_ascii_alphabetic() || b == b'_' => {
                    if b == b'r' && self.peek(1) == Some(b'#') {
                        self.bump_n(2);
                    }
                    let ident = self.identifier();
                    let key = KEYS
                        .iter()
                        .chain([&RESOURCES, &GOALS])
                        .find(|k| k.as_bytes() == ident)
                        .copied();
                    Token::Ident(key, ident == b"Some")
                }
                b':' => {
                    self.bump();
                    Token::Colon
                }
                b'(' | b'[' | b'{' => {
                    self.bump();
                    Token::Open(b)
                }
                b')' | b']' | b'}' => {
                    self.bump();
                    Token::Close
                }
                _ => {
                    // Numbers, commas, signs, non-ASCII: one character at a time.
                    self.bump();
                    if b == b',' {
                        Token::Comma
                    } else {
                        while self
                            .peek(0)
                            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.')
                        {
                            self.bump();
                        }
                        Token::Other
                    }
                }
            };
            return Some((at, token));
        }
        None
    }
}

enum Token {
    Ident(Option<&'static str>, bool),
    Str,
    Colon,
    Open(u8),
    Close,
    Comma,
    Other,
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

/// The bracket (`(`, `[` or `{`) still open where a token at `at` would stand, so that a
/// parse error there can say which closing bracket would also have been right.
pub fn open_bracket_at(text: &str, at: Pos) -> Option<u8> {
    let mut lx = Lexer {
        bytes: text.as_bytes(),
        i: 0,
        pos: Pos { line: 1, col: 1 },
    };
    let mut open = Vec::new();
    while let Some((pos, token)) = lx.next_token() {
        if pos >= at {
            break;
        }
        match token {
            Token::Open(b) => open.push(b),
            Token::Close => {
                open.pop();
            }
            _ => {}
        }
    }
    open.last().copied()
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
