//! What this machine remembers of a data directory, kept outside it (a synced folder carries
//! nothing of it to another machine): the stamp of the last record it wrote to its own file, so
//! that records it never wrote there show that another machine uses its id (a copied home or
//! data folder); and which problems it has told the learner of, so that each is said once.
//!
//! Memory is help, not data: a file that cannot be read or written costs only a message said
//! twice, or a twin noticed later.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::sync::Stamp;

/// The environment variable that puts this machine's memory elsewhere (tests, portable use).
pub const STATE_DIR_VAR: &str = "WAYMARK_STATE_DIR";

/// The largest memory file read.
const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The stamp of the last record this machine wrote to its own file, set before the write.
    pub last_written: Option<Stamp>,
    /// The problems the learner was told of, by their ids, while they last.
    pub told: BTreeSet<String>,
    /// Machines whose records this machine leaves out (gone, or broken), by id: the learner's
    /// choice on this machine, undone by taking it back.
    pub ignored: BTreeSet<String>,
    /// Where this machine keeps a copy of the calendar current (see [`crate::calendar`]): a
    /// path on this machine, never in the synced folder, so never written by two machines.
    pub calendar: Option<PathBuf>,
}

/// This machine's memory of one data directory.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    path: Option<PathBuf>,
    pub now: Remembered,
}

/// Where memory is kept: `WAYMARK_STATE_DIR`, else the platform's local state directory.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(STATE_DIR_VAR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("org", "Waymark", "Waymark")?;
    Some(
        dirs.state_dir()
            .map_or_else(|| dirs.data_local_dir().join("state"), Path::to_path_buf),
    )
}

impl Memory {
    /// The memory kept in `dir` of data directory `root` as machine `device`; none without a
    /// `dir` (a test's machine remembers nothing between openings).
    pub fn open(dir: Option<&Path>, root: &Path, device: &str) -> Self {
        let Some(dir) = dir else {
            return Self::default();
        };
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let print = root
            .to_string_lossy()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        let path = dir.join(format!("{print:016x}-{device}.ron"));
        let now = std::fs::metadata(&path)
            .ok()
            .filter(|m| m.is_file() && m.len() <= MAX_BYTES)
            .and_then(|_| std::fs::read_to_string(&path).ok())
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default();
        Self {
            path: Some(path),
            now,
        }
    }

    /// Whether this machine keeps a memory at all.
    pub fn is_kept(&self) -> bool {
        self.path.is_some()
    }

    /// Writes the memory; a failure is ignored (see the module's note).
    pub fn save(&self) {
        let Some(path) = &self.path else {
            return;
        };
        let Ok(text) = ron::to_string(&self.now) else {
            return;
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = super::write_atomic(path, text.as_bytes());
    }
}
