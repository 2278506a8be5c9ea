//! The small RON lexer the index reads with: just enough of RON (strings, raw strings,
//! comments, brackets, `key:`) to follow the contract's nesting, counting lines and columns.

use super::{GOALS, KEYS, Pos, RESOURCES};

pub(super) struct Lexer<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) i: usize,
    pub(super) pos: Pos,
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
    pub(super) fn next_token(&mut self) -> Option<(Pos, Token)> {
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

pub(super) enum Token {
    Ident(Option<&'static str>, bool),
    Str,
    Colon,
    Open(u8),
    Close,
    Comma,
    Other,
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
