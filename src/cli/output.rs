//! What the command line prints: text made safe for a terminal, on stdout and stderr.

use std::borrow::Cow;
use std::io::Write as _;

/// `text` with its control characters (all but newline and tab) written as `\u{..}` escapes.
///
/// Titles, ids and messages come from files anyone can write. Printed raw, an escape sequence
/// in one could move the cursor, rewrite earlier lines, retitle the window or (OSC 52) set the
/// clipboard of the learner's terminal; made visible, it is only text.
pub fn printable(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Prints a problem on stderr, through [`printable`]. A stderr that cannot be written to
/// (its reader gone too) leaves nowhere to say so, and is not worth a panic.
pub fn warn(text: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr(), "{}", printable(&text.to_string()));
}

/// Standard output through [`printable`], unless `raw`.
pub(super) struct Printable<W> {
    pub(super) inner: W,
    pub(super) raw: bool,
}

impl<W: std::io::Write> std::io::Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.raw {
            return self.inner.write(buf);
        }
        // Whole `str`s arrive here (from `write!` and `write_all` of text), so a character is
        // never split between two calls; lossy decoding only guards the impossible case.
        self.inner
            .write_all(printable(&String::from_utf8_lossy(buf)).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_escapes_and_text_is_untouched() {
        assert!(matches!(printable("plain\ttext\nü"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            printable("\u{9b}\u{7}\r\u{7f}"),
            "\\u{9b}\\u{7}\\u{d}\\u{7f}"
        );
    }
}
