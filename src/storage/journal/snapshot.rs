//! This machine's snapshot, `machines/<id>/snapshot.postcard`: its merge of everything it had
//! read, how far it had read each file, its undo history and the records it kept for a newer
//! Waymark, so that opening reads only what came since. A cache of its own, in postcard (a
//! compact binary form of serde, since RON reads tens of times slower), behind a header with
//! its format and a CRC-32 of the rest: one that is missing, of another format, damaged or
//! written by a Waymark it cannot read is rebuilt from the records, which are the data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Waiting;
use super::files::Mark;
use crate::sync::{Replica, UndoLog};

pub const SNAPSHOT_FILE: &str = "snapshot.postcard";

/// What opens every snapshot.
const MAGIC: &[u8; 8] = b"WAYMARK\x01";

/// The snapshot's own format: one that does not match is rebuilt from the records.
/// 5: causal values (`Lww`), keys with the record's fingerprint, the undo history, the records
/// kept for a newer Waymark, and a header with a checksum.
/// 6: the learner's name and links, each milestone's portfolio choices, the periods of time
/// away and other hours, study times, timers and the mentor loop's records (postcard reads
/// fields and variants by place, so a new field or `Op` variant is a new format, whatever the
/// Waymark's version says; a snapshot of 5 is rebuilt without being called damaged).
const FORMAT: u32 = 6;

/// The largest snapshot read.
pub const MAX_SNAPSHOT_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
pub struct Snapshot {
    /// The Waymark that wrote it.
    pub waymark: String,
    /// How far each file was read, by its name (a machine's id, or `<id>/<conflict copy>`).
    pub files: BTreeMap<String, Mark>,
    pub replica: Replica,
    pub undo: UndoLog,
    pub waiting: Vec<Waiting>,
}

/// Why a snapshot was not used.
#[derive(Debug, PartialEq, Eq)]
pub enum Unusable {
    /// Of another format, or by another Waymark: rebuilt, nothing to say.
    Other,
    /// Its checksum does not match: damaged on disk or in transit.
    Damaged,
}

pub fn encode(snapshot: &Snapshot) -> Result<Vec<u8>, String> {
    let body = postcard::to_stdvec(snapshot).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(body.len() + 16);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&crate::storage::crc::crc32(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

pub fn decode(bytes: &[u8]) -> Result<Snapshot, Unusable> {
    let header = bytes.get(..16).ok_or(Unusable::Other)?;
    if &header[..8] != MAGIC {
        return Err(Unusable::Other);
    }
    let word = |at: usize| {
        u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if word(8) != FORMAT {
        return Err(Unusable::Other);
    }
    let body = &bytes[16..];
    if crate::storage::crc::crc32(body) != word(12) {
        return Err(Unusable::Damaged);
    }
    let snapshot: Snapshot = postcard::from_bytes(body).map_err(|_| Unusable::Damaged)?;
    if snapshot.waymark != env!("CARGO_PKG_VERSION") {
        // Another version may have folded records differently: fold them again.
        return Err(Unusable::Other);
    }
    Ok(snapshot)
}
