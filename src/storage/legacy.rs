//! The `state.ron` of data directories from before sync: read whole within a cap, set aside
//! when unreadable (never overwritten), and written atomically.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::{DataDir, StorageError, atomic, io_at, state_from_ron, state_to_ron, write_atomic};
use crate::progress::State;

/// A `state.ron` that could not be read, moved aside so that it is never overwritten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    /// Where the unreadable file now is.
    pub moved_to: PathBuf,
    /// Why it could not be read, with file:line:col where known.
    pub reason: String,
}

/// The state as loaded, and any unreadable file that was set aside on the way.
#[derive(Debug)]
pub struct LoadedState {
    pub state: State,
    pub set_aside: Option<SetAside>,
}

/// The largest `state.ron` read. Years of daily use write a few MiB; the cap exists so that a
/// runaway or hostile file (a device, a file that keeps growing) is refused before it fills
/// memory. A file over it is unreadable like any other: set aside whole, never overwritten.
pub const MAX_STATE_BYTES: usize = 256 * 1024 * 1024;

impl DataDir {
    /// Loads `state.ron`, migrating older formats. A missing file gives the default state. An
    /// unreadable one (bad RON, a newer format, invalid UTF-8, empty) is renamed aside (when
    /// writable) and reported, and the default state is returned. Read-only, it stays where it
    /// is and the report names it there.
    pub fn load_state(&self) -> Result<LoadedState, StorageError> {
        Ok(self.load_legacy_state(&|_| false)?.map_or_else(
            || LoadedState {
                state: State::default(),
                set_aside: None,
            },
            |(loaded, _)| loaded,
        ))
    }

    /// [`Self::load_state`] for a data directory from before sync: `None` when there is no
    /// `state.ron`, or when `carried` says the file of that fingerprint (FNV-1a of its bytes)
    /// was carried forward already, which is then not parsed at all. With the state, its
    /// fingerprint.
    pub fn load_legacy_state(
        &self,
        carried: &dyn Fn(u64) -> bool,
    ) -> Result<Option<(LoadedState, u64)>, StorageError> {
        let path = self.state_path();
        let bytes = match read_capped(&path, MAX_STATE_BYTES) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(StorageError::Io { path, source }),
        };
        let print = match &bytes {
            Capped::Bytes(bytes) => bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
            }),
            _ => 0,
        };
        if matches!(bytes, Capped::Bytes(_)) && carried(print) {
            return Ok(None);
        }
        let name = path.display().to_string();
        let reason = match bytes {
            // Like any file that cannot be read, an error and not a reset: nothing is set
            // aside, and the learner is told which path to look at.
            Capped::NotAFile => {
                return Err(StorageError::Io {
                    path,
                    source: io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "not a regular file (a folder, a pipe or a device); move it away to start afresh",
                    ),
                });
            }
            Capped::TooLarge => format!(
                "{name}: larger than {} MiB, more than a state file may be",
                MAX_STATE_BYTES / (1024 * 1024)
            ),
            Capped::Bytes(bytes) => match std::str::from_utf8(&bytes) {
                Ok(text) => match state_from_ron(&name, text) {
                    Ok(state) => {
                        return Ok(Some((
                            LoadedState {
                                state,
                                set_aside: None,
                            },
                            print,
                        )));
                    }
                    Err(reason) => reason,
                },
                Err(e) => {
                    let (line, col) = line_col(&bytes[..e.valid_up_to()]);
                    format!("{name}:{line}:{col}: not UTF-8 text")
                }
            },
        };
        let moved_to = if self.read_only {
            path
        } else {
            self.set_aside_state(&path)?
        };
        Ok(Some((
            LoadedState {
                state: State::default(),
                set_aside: Some(SetAside { moved_to, reason }),
            },
            print,
        )))
    }

    /// Renames an unreadable `state.ron` to `state.unreadable-YYYYMMDD-HHMMSS[-N].ron` (UTC)
    /// beside it. The name is checked free before the rename; holding the lock, no other
    /// Waymark can take it in between, so an earlier set-aside file is never overwritten.
    fn set_aside_state(&self, path: &Path) -> Result<PathBuf, StorageError> {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S").to_string();
        for n in 0..1000u32 {
            let name = if n == 0 {
                format!("state.unreadable-{stamp}.ron")
            } else {
                format!("state.unreadable-{stamp}-{n}.ron")
            };
            let candidate = self.root.join(name);
            match fs::symlink_metadata(&candidate) {
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    fs::rename(path, &candidate).map_err(io_at(path))?;
                    atomic::sync_dir(&self.root).map_err(io_at(&self.root))?;
                    return Ok(candidate);
                }
                Err(source) => {
                    return Err(StorageError::Io {
                        path: candidate,
                        source,
                    });
                }
            }
        }
        Err(StorageError::Io {
            path: path.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::AlreadyExists,
                "too many unreadable state files set aside this second",
            ),
        })
    }

    /// Saves `state.ron` atomically.
    pub fn save_state(&self, state: &State) -> Result<(), StorageError> {
        self.refuse_if_read_only()?;
        save_state_at(&self.state_path(), state)
    }
}

/// What [`read_capped`] found.
pub(super) enum Capped {
    Bytes(Vec<u8>),
    TooLarge,
    /// A folder, a FIFO, a device: opening a FIFO would wait for a writer forever, and a device
    /// may never end, so such a file is not opened at all.
    NotAFile,
}

/// Reads a regular file of at most `limit` bytes. The size is checked before reading and the
/// read stops one byte past the limit, so neither a huge file nor one still growing is ever
/// read whole into memory.
pub(super) fn read_capped(path: &Path, limit: usize) -> io::Result<Capped> {
    use std::io::Read as _;
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Ok(Capped::NotAFile);
    }
    if meta.len() > limit as u64 {
        return Ok(Capped::TooLarge);
    }
    let mut bytes = Vec::new();
    File::open(path)?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(if bytes.len() > limit {
        Capped::TooLarge
    } else {
        Capped::Bytes(bytes)
    })
}

/// The 1-based line and column (in characters) just after `before`.
fn line_col(before: &[u8]) -> (usize, usize) {
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Writes `state` to `path` as `state.ron`, atomically. For a writer that runs off the thread
/// that owns the [`DataDir`] (the window saves on a worker so a frame never waits for the disk);
/// the caller is the one who holds the lock.
pub fn save_state_at(path: &Path, state: &State) -> Result<(), StorageError> {
    let text = state_to_ron(state).map_err(|e| StorageError::Io {
        path: path.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidData, e),
    })?;
    write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_invalid_utf8_count_lines_and_characters() {
        assert_eq!(line_col(b""), (1, 1));
        assert_eq!(line_col(b"ab\ncd"), (2, 3));
        assert_eq!(line_col("é\nxé".as_bytes()), (2, 3));
    }
}
