//! The mentor loop as files, with no server: a check-in packet the learner sends
//! ([`Packet`]), and the mentor's reply ([`Reply`]) that comes back into the learner's plan.
//!
//! Both are documents with format numbers of their own, read as untrusted input: bounded in
//! size, refused whole when anything in them breaks a rule, and a reply is sealed with a key
//! only the packet carried, so that one edited or made up by anyone who never saw the packet
//! is refused.

mod packet;
mod reply;

pub use packet::{Packet, PacketGoal, PacketMilestone, build_packet};
pub(crate) use reply::verify;
pub use reply::{Answers, Reply, ReplyBody, ReplyPreview, preview_reply};

/// The `waymark_checkin` format this Waymark writes and reads.
pub const PACKET_FORMAT: u32 = 1;
/// The `waymark_reply` format this Waymark writes and reads.
pub const REPLY_FORMAT: u32 = 1;
/// The largest packet or reply read: far above any real one, far below what would hurt.
pub const MAX_DOCUMENT: usize = 4 * 1024 * 1024;

/// A packet or a reply that cannot be used, and why, in the reader's words.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum DocumentError {
    #[error("{what} is {size} bytes, more than the {max} a check-in file may be")]
    TooBig {
        what: String,
        size: usize,
        max: usize,
    },
    #[error("{0} is not a text file (it holds binary data)")]
    Binary(String),
    #[error("{what} cannot be read as {kind}: {at}: {message} (is it cut short, or not one?)")]
    Unreadable {
        what: String,
        kind: &'static str,
        at: String,
        message: String,
    },
    #[error(
        "{what} was written by a newer Waymark ({kind} format {format}; this one reads {known}): update Waymark to read it"
    )]
    Newer {
        what: String,
        kind: &'static str,
        format: u32,
        known: u32,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("cannot read {0}: {1}")]
    Io(String, String),
}

/// Reads a packet or a reply from disk, refusing one over [`MAX_DOCUMENT`] by its size before
/// reading it: a file a sync tool left at 20 GB is refused, not loaded.
pub fn read_document(path: &std::path::Path) -> Result<Vec<u8>, DocumentError> {
    let what = path.display().to_string();
    let meta =
        std::fs::metadata(path).map_err(|e| DocumentError::Io(what.clone(), e.to_string()))?;
    let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    if size > MAX_DOCUMENT {
        return Err(DocumentError::TooBig {
            what,
            size,
            max: MAX_DOCUMENT,
        });
    }
    std::fs::read(path).map_err(|e| DocumentError::Io(what, e.to_string()))
}

/// A day a record may hold: what every machine checks at the merge (years 1970 to 2200).
pub fn is_plannable(day: chrono::NaiveDate) -> bool {
    (1970..=2200).contains(&chrono::Datelike::year(&day))
}

/// Lowercase hex digits, `len` of them: a packet's key, a reply's seal.
pub fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A packet's id: `ck-` and 16 hex digits.
pub fn is_packet_id(s: &str) -> bool {
    s.len() == 19
        && s.starts_with("ck-")
        && s[3..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `CURRICULUM/GOAL` as two slugs.
pub fn goal_ref(s: &str) -> Option<(&str, &str)> {
    let (c, g) = s.split_once('/')?;
    (crate::curriculum::is_slug(c) && crate::curriculum::is_slug(g)).then_some((c, g))
}

/// `n` random bytes as lowercase hex, from the operating system's generator.
fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    // Without the system's generator, std's randomly seeded hasher mixed with the clock stands
    // in: never the same twice on one machine.
    if getrandom::fill(&mut bytes).is_err() {
        use std::hash::{BuildHasher as _, Hasher as _};
        let seed = std::collections::hash_map::RandomState::new();
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut h = seed.build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            h.write_usize(i);
            h.write_u32(std::process::id());
            let word = h.finish().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a document's bytes as text: bounded, UTF-8, no NUL.
fn text_of<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, DocumentError> {
    if bytes.len() > MAX_DOCUMENT {
        return Err(DocumentError::TooBig {
            what: what.to_owned(),
            size: bytes.len(),
            max: MAX_DOCUMENT,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => Ok(text),
        _ => Err(DocumentError::Binary(what.to_owned())),
    }
}

/// The format number a document says it has, under `field`, read before anything else so
/// that a newer document is named as such rather than as garbled.
fn format_of(text: &str, field: &str) -> Option<u32> {
    let at = text.find(field)?;
    let rest = text[at + field.len()..].trim_start().strip_prefix(':')?;
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn unreadable(what: &str, kind: &'static str, e: &ron::error::SpannedError) -> DocumentError {
    DocumentError::Unreadable {
        what: what.to_owned(),
        kind,
        at: format!("{}:{}", e.span.start.line, e.span.start.col),
        message: e.code.to_string(),
    }
}

/// One line of text from a document: no control characters, at most 4 KiB.
fn one_line(s: &str, what: &str) -> Result<(), DocumentError> {
    if s.len() > 4096 || s.chars().any(char::is_control) {
        return Err(DocumentError::Invalid(format!(
            "{what} holds control characters or is longer than 4096 bytes"
        )));
    }
    Ok(())
}

/// Text the learner or mentor wrote: at most what a record may hold.
fn long_text(s: &str, what: &str) -> Result<(), DocumentError> {
    crate::progress::profile::check_long_text(s, what)
        .map_err(|e| DocumentError::Invalid(e.to_string()))
}
