//! How records are written and read: a format of their own, versioned apart from the domain's
//! types, and the trust boundary for every line another machine (or a restore, or a clone)
//! put in a file.
//!
//! **Format 1** is one change a line, as Waymark wrote them before this version:
//! `(t:(ms:…,n:…),op:Status((curriculum:"c",milestone:"m"),Done))`.
//!
//! **Format 2** is one change the learner made a line, with every value it set, what it had
//! seen of each, and what undoes it:
//! `(v:2,t:(ms:…,n:…),ops:[(op:Status(…),after:[(t:(…),d:"laptop",h:…)])],undo:[…],what:"…")`.
//!
//! Reading a line gives one of four [`Read`]s: a record whose every value keeps the rules the
//! commands enforce; a line of a newer format or with a kind of change this version does not
//! know (kept, and applied by the first Waymark that knows it); a line that is not a record (cut
//! short, garbled); or a record refused because a value breaks a rule (NaN hours, an id that is
//! not one, a link that is not http(s)). Only the first ever reaches the merge.

use serde::{Deserialize, Serialize};

use super::hlc::{Key, Stamp};
use super::op::{Kind, Step, Tx, TxId};

mod check;
#[cfg(test)]
mod tests;
mod values;

pub use check::is_goal_id;
use check::{key, text};
use values::OpW;

/// The record format this version writes.
pub const FORMAT: u32 = 2;

/// The longest line read or written: a record holds one change the learner made, a few KiB
/// mostly; the largest is a curriculum's update that flags every finished milestone of a path
/// of 100,000 with its text before and after (about 20 MiB for 30,000 of them). A change
/// whose record would be longer is refused with an error, and changes nothing.
pub const MAX_LINE_BYTES: usize = 32 * 1024 * 1024;

/// The most steps one record may hold.
const MAX_STEPS: usize = 100_000;
/// Text the learner writes (notes, a check-in, a review's note).
pub(crate) const MAX_TEXT: usize = 256 * 1024;
/// A name, a title, a contact, a link.
const MAX_SHORT: usize = 4096;

/// What a line is.
#[derive(Clone, Debug, PartialEq)]
pub enum Read {
    Tx(Tx),
    /// Written by a newer Waymark: a format or a kind of change this version does not know.
    Newer(String),
    /// Not a record: cut short or garbled.
    Garbled(String),
    /// A record whose values break a rule (the reason names it).
    Refused(String),
}

/// Why a record could not be written.
#[derive(Debug, thiserror::Error)]
#[error("the record of \"{what}\" could not be written: {reason}")]
pub struct WriteError {
    pub what: String,
    pub reason: String,
}

/// The fingerprint of a line (FNV-1a, 32 bits): part of its changes' keys.
pub fn fingerprint(line: &[u8]) -> u32 {
    line.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// `tx` as one line of format 2 with its newline, and the line's fingerprint (which `tx.h`
/// does not need to hold yet: it is made from the line).
pub fn to_line(tx: &Tx) -> Result<(String, u32), WriteError> {
    let line = LineV2 {
        v: FORMAT,
        t: tx.t,
        ops: tx
            .steps
            .iter()
            .map(|s| StepW {
                op: OpW::from(&s.op),
                after: s.after.clone().unwrap_or_default(),
            })
            .collect(),
        undo: tx
            .undo
            .as_ref()
            .map(|ops| ops.iter().map(OpW::from).collect()),
        what: tx.what.clone(),
        undoes: match tx.kind {
            Kind::Undo(id) => Some(id.into()),
            _ => None,
        },
        redoes: match tx.kind {
            Kind::Redo(id) => Some(id.into()),
            _ => None,
        },
    };
    // Strings with newlines are written with `\n` escapes, so a record is one line.
    let text = ron::to_string(&line).map_err(|e| WriteError {
        what: tx.what.clone(),
        reason: e.to_string(),
    })?;
    if text.contains('\n') || text.len() > MAX_LINE_BYTES {
        return Err(WriteError {
            what: tx.what.clone(),
            reason: format!("it would be {} bytes on more than one line", text.len()),
        });
    }
    let h = fingerprint(text.as_bytes());
    Ok((text + "\n", h))
}

/// Reads one line (without its newline).
pub fn read_line(line: &[u8]) -> Read {
    let Ok(text) = std::str::from_utf8(line) else {
        return Read::Garbled("not UTF-8 text".into());
    };
    let text = text.trim_end_matches('\r');
    if let Some(rest) = text.strip_prefix("(v:") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return match digits.parse::<u32>() {
            Ok(v) if v > FORMAT && is_whole(text) => Read::Newer(format!("a record of format {v}")),
            Ok(FORMAT) => match ron::from_str::<LineV2>(text) {
                Ok(line) => checked(line.into_tx(fingerprint(text.as_bytes()))),
                Err(e) => unreadable(&e.code, text),
            },
            _ => Read::Garbled("not a whole record".into()),
        };
    }
    match ron::from_str::<LineV1>(text) {
        Ok(line) => checked(line.into_tx()),
        Err(e) => unreadable(&e.code, text),
    }
}

/// Whether `text` is one whole RON value, whatever it holds: what a record of a newer Waymark
/// is, and a line cut short is not.
fn is_whole(text: &str) -> bool {
    ron::from_str::<ron::Value>(text).is_ok()
}

fn checked(tx: Result<Tx, String>) -> Read {
    match tx {
        Ok(tx) => Read::Tx(tx),
        Err(reason) => Read::Refused(reason),
    }
}

/// A line that did not parse: one naming a kind of change (or a value of one) this version
/// does not know was written by a newer Waymark; anything else is not a whole record.
fn unreadable(e: &ron::Error, text: &str) -> Read {
    match e {
        ron::Error::NoSuchEnumVariant { found, .. } if is_whole(text) => Read::Newer(format!(
            "a kind of change this Waymark does not know ({found})"
        )),
        _ => Read::Garbled("not a whole record".into()),
    }
}

// ---- The lines ---------------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
struct LineV1 {
    t: Stamp,
    op: OpW,
}

impl LineV1 {
    fn into_tx(self) -> Result<Tx, String> {
        Ok(Tx {
            t: self.t,
            h: 0,
            steps: vec![Step {
                op: self.op.into_op()?,
                after: None,
            }],
            undo: None,
            what: String::new(),
            kind: Kind::Change,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct LineV2 {
    v: u32,
    t: Stamp,
    ops: Vec<StepW>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    undo: Option<Vec<OpW>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    undoes: Option<TxIdW>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    redoes: Option<TxIdW>,
}

impl LineV2 {
    fn into_tx(self, h: u32) -> Result<Tx, String> {
        if self.ops.is_empty() || self.ops.len() > MAX_STEPS {
            return Err(format!("a record of {} changes", self.ops.len()));
        }
        let last = u32::try_from(self.ops.len() - 1).map_err(|_| "too many changes")?;
        if self.t.plus(last).is_none() {
            return Err("its changes' stamps would run past the counter".into());
        }
        text(&self.what, MAX_SHORT, "its description")?;
        let steps = self
            .ops
            .into_iter()
            .map(|s| {
                for k in &s.after {
                    key(k)?;
                }
                Ok(Step {
                    op: s.op.into_op()?,
                    after: Some(s.after),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let undo = self
            .undo
            .map(|ops| ops.into_iter().map(OpW::into_op).collect())
            .transpose()?;
        let kind = match (self.undoes, self.redoes) {
            (Some(id), None) => Kind::Undo(id.into()),
            (None, Some(id)) => Kind::Redo(id.into()),
            (None, None) => Kind::Change,
            (Some(_), Some(_)) => return Err("a record that is both an undo and a redo".into()),
        };
        Ok(Tx {
            t: self.t,
            h,
            steps,
            undo,
            what: self.what,
            kind,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct StepW {
    op: OpW,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    after: Vec<Key>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct TxIdW {
    t: Stamp,
    #[serde(default)]
    h: u32,
}

impl From<TxId> for TxIdW {
    fn from(id: TxId) -> Self {
        Self { t: id.t, h: id.h }
    }
}

impl From<TxIdW> for TxId {
    fn from(id: TxIdW) -> Self {
        Self { t: id.t, h: id.h }
    }
}
