//! The data directory: where it is, atomic writes, the lock, and `state.ron` with its migrations.
//!
//! Layout: `state.ron` (the learner's data), `curricula/<id>.ron` (a copy of every imported
//! curriculum), `waymark.lock` (held while an instance may write).

use std::path::{Path, PathBuf};

use crate::curriculum::{Curriculum, Invalid};
use crate::progress::State;

/// What can go wrong with the data directory. Each names the path involved.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the data is in use by another running Waymark; close it first (or open read-only)"
    )]
    InUse { path: PathBuf },
    #[error("{path}: this Waymark was opened read-only because another instance holds the data")]
    ReadOnly { path: PathBuf },
    #[error(
        "no data directory could be found for this platform; pass --data-dir or set WAYMARK_DATA_DIR"
    )]
    NoHome,
}

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

/// The data directory from `--data-dir`, else `WAYMARK_DATA_DIR`, else the platform's.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, StorageError> {
    let _ = explicit;
    todo!("storage: helper C")
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename, fsync of the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let _ = (path, bytes);
    todo!("storage: helper C")
}

/// An open data directory. Holds the lock unless opened read-only.
#[derive(Debug)]
pub struct DataDir {
    root: PathBuf,
    read_only: bool,
    _lock: Option<std::fs::File>,
}

impl DataDir {
    /// Creates the directory if needed and takes the lock; [`StorageError::InUse`] when another
    /// instance holds it.
    pub fn open(root: &Path) -> Result<Self, StorageError> {
        let _ = root;
        todo!("storage: helper C")
    }

    /// Opens without the lock; every write fails with [`StorageError::ReadOnly`].
    pub fn open_read_only(root: &Path) -> Result<Self, StorageError> {
        let _ = root;
        todo!("storage: helper C")
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn state_path(&self) -> PathBuf {
        self.root.join("state.ron")
    }

    pub fn curricula_dir(&self) -> PathBuf {
        self.root.join("curricula")
    }

    /// Loads `state.ron`, migrating older formats. A missing file gives the default state. An
    /// unreadable one (bad RON, a newer format, invalid UTF-8) is renamed aside (when writable)
    /// and reported, and the default state is returned.
    pub fn load_state(&self) -> Result<LoadedState, StorageError> {
        todo!("storage: helper C")
    }

    /// Saves `state.ron` atomically.
    pub fn save_state(&self, state: &State) -> Result<(), StorageError> {
        let _ = state;
        todo!("storage: helper C")
    }

    /// Every curriculum in `curricula/`, and the problems of those that did not load.
    pub fn load_curricula(&self) -> (Vec<Curriculum>, Vec<Invalid>) {
        todo!("storage: helper C")
    }

    /// Stores a copy of an imported curriculum as `curricula/<id>.ron` (atomically).
    pub fn save_curriculum(&self, curriculum: &Curriculum) -> Result<PathBuf, StorageError> {
        let _ = curriculum;
        todo!("storage: helper C")
    }

    /// Removes `curricula/<id>.ron`.
    pub fn remove_curriculum(&self, id: &str) -> Result<(), StorageError> {
        let _ = id;
        todo!("storage: helper C")
    }
}

/// Serializes a state as `state.ron` holds it (with its `format` number).
pub fn state_to_ron(state: &State) -> String {
    let _ = state;
    todo!("storage: helper C")
}

/// Reads `state.ron` text, migrating older formats forward. `name` is what errors call the file.
pub fn state_from_ron(name: &str, text: &str) -> Result<State, String> {
    let _ = (name, text);
    todo!("storage: helper C")
}
