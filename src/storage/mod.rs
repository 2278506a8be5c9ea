//! The data directory: where it is, atomic writes, the lock, the curricula's copies, and the
//! `state.ron` of data directories from before sync with its migrations.
//!
//! Layout: `machines/<id>/` (each machine's records, see [`journal`]), `curricula/<id>.<hash>.ron`
//! (a copy of every imported curriculum, named by its content), `waymark.lock` (held while an
//! instance may write), and from before sync `state.ron` and `curricula/<id>.ron`, still read.

mod atomic;
pub(crate) mod crc;
pub mod journal;
mod legacy;
pub mod memory;
mod state_file;

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use crate::curriculum::{self, Curriculum, Diagnostic, Invalid};

pub use atomic::write_atomic;
pub use journal::{Arrived, Journal, Problem, append_durably};
pub use legacy::{LoadedState, MAX_STATE_BYTES, SetAside, save_state_at};
pub use state_file::{state_from_ron, state_to_ron};

use legacy::{Capped, read_capped};

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
        "\"{id}\" is not a curriculum id (ids are 1-64 of a-z, 0-9 and -), so it names no file"
    )]
    InvalidId { id: String },
    #[error(
        "no data directory could be found for this platform; pass --data-dir or set WAYMARK_DATA_DIR"
    )]
    NoHome,
    #[error("{0}")]
    Device(String),
    #[error(
        "{path} is a link; Waymark writes nothing through a link inside its data folder. Move the link away (keep what it points to) and Waymark makes a file of its own"
    )]
    Link { path: PathBuf },
}

/// The data directory from `--data-dir`, else `WAYMARK_DATA_DIR`, else the platform's; a
/// relative path is made absolute, so that messages and Settings name the folder in full.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, StorageError> {
    let path = resolve_from(explicit, std::env::var_os("WAYMARK_DATA_DIR"))?;
    Ok(std::path::absolute(&path).unwrap_or(path))
}

/// [`resolve_data_dir`] with the environment passed in, so tests need not change the process's.
fn resolve_from(explicit: Option<&Path>, env: Option<OsString>) -> Result<PathBuf, StorageError> {
    if let Some(path) = explicit.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = env.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("org", "Waymark", "Waymark")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(StorageError::NoHome)
}

/// What a data directory's `.gitignore` leaves out of git: the lock (each machine's own), the
/// snapshots (caches each machine rebuilds from the records), temporary files.
const GITIGNORE: &str = "waymark.lock\nmachines/*/snapshot.postcard\n*.tmp\n";

/// The name of the lock file in the data directory.
const LOCK_FILE: &str = "waymark.lock";
/// How often, and how far apart, a held lock is tried again before the data is called in use.
const LOCK_TRIES: u32 = 5;
const LOCK_RETRY: std::time::Duration = std::time::Duration::from_millis(20);

pub(crate) fn io_at(path: &Path) -> impl FnOnce(io::Error) -> StorageError + '_ {
    move |source| StorageError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// An open data directory. Holds the lock unless opened read-only.
///
/// The root is kept as given, not canonicalized, so a data directory reached through a symlink
/// keeps the name the learner knows it by in every message.
#[derive(Debug)]
pub struct DataDir {
    root: PathBuf,
    read_only: bool,
    /// Locked with `File::try_lock`; the OS releases the lock when this closes on drop (or
    /// when the process dies, so a crash never leaves the data locked).
    _lock: Option<File>,
}

impl DataDir {
    /// Creates the directory if needed and takes the lock; [`StorageError::InUse`] when another
    /// instance holds it. Removes temporary files that an interrupted save left behind.
    pub fn open(root: &Path) -> Result<Self, StorageError> {
        fs::create_dir_all(root).map_err(io_at(root))?;
        let lock_path = root.join(LOCK_FILE);
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io_at(&lock_path))?;
        // A lock let go a moment ago can still be held for a moment: by an instance that is
        // closing, or by a process another thread of ours is starting (between its fork and
        // its exec it shares our open files). A few short tries tell that from a real owner.
        let mut tries = 0;
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if tries < LOCK_TRIES => {
                    tries += 1;
                    std::thread::sleep(LOCK_RETRY);
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StorageError::InUse {
                        path: root.to_path_buf(),
                    });
                }
                Err(TryLockError::Error(source)) => {
                    return Err(StorageError::Io {
                        path: lock_path,
                        source,
                    });
                }
            }
        }
        let data = Self {
            root: root.to_path_buf(),
            read_only: false,
            _lock: Some(lock),
        };
        data.write_gitignore()?;
        atomic::clean_stale_temps(&data.root)?;
        atomic::clean_stale_temps(&data.curricula_dir())?;
        Ok(data)
    }

    /// Opens without the lock; every write fails with [`StorageError::ReadOnly`]. Creates
    /// nothing: a directory that does not exist reads as empty.
    pub fn open_read_only(root: &Path) -> Result<Self, StorageError> {
        match fs::metadata(root) {
            Ok(meta) if !meta.is_dir() => {
                return Err(StorageError::Io {
                    path: root.to_path_buf(),
                    source: io::Error::new(io::ErrorKind::NotADirectory, "not a directory"),
                });
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StorageError::Io {
                    path: root.to_path_buf(),
                    source,
                });
            }
        }
        Ok(Self {
            root: root.to_path_buf(),
            read_only: true,
            _lock: None,
        })
    }

    /// Writes `.gitignore` in a data directory that has none: a folder kept in git carries the
    /// learner's records and curricula, not this machine's lock or its caches.
    fn write_gitignore(&self) -> Result<(), StorageError> {
        let path = self.root.join(".gitignore");
        if fs::symlink_metadata(&path).is_ok() {
            return Ok(());
        }
        write_atomic(&path, GITIGNORE.as_bytes())
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

    fn refuse_if_read_only(&self) -> Result<(), StorageError> {
        if self.read_only {
            return Err(StorageError::ReadOnly {
                path: self.root.clone(),
            });
        }
        Ok(())
    }

    /// Every curriculum in `curricula/` (sorted by file name), and the problems of those that did
    /// not load. A file must be named after the id it holds, as [`Self::save_curriculum`] names it.
    pub fn load_curricula(&self) -> (Vec<Curriculum>, Vec<Invalid>) {
        let dir = self.curricula_dir();
        let mut loaded = Vec::new();
        let mut invalid = Vec::new();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (loaded, invalid),
            Err(e) => {
                let name = dir.display().to_string();
                invalid.push(Invalid::one(Diagnostic::new(
                    &name,
                    format!("cannot read the folder: {e}"),
                )));
                return (loaded, invalid);
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(e) => invalid.push(Invalid::one(Diagnostic::new(
                    &dir.display().to_string(),
                    format!("cannot list the folder: {e}"),
                ))),
            }
        }
        paths.retain(|p| p.extension().is_some_and(|e| e == "ron"));
        paths.sort();
        for path in paths {
            match load_curriculum_file(&path) {
                Ok(c) => loaded.push(c),
                Err(e) => invalid.push(e),
            }
        }
        (loaded, invalid)
    }

    /// Ids of the copies in `curricula/` named `<id>.ron`, as data directories before sync
    /// named them (and as a learner may put one there by hand), sorted.
    pub fn curricula_by_id(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.curricula_dir()) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let id = name.strip_suffix(".ron")?.to_owned();
                curriculum::is_slug(&id).then_some(id)
            })
            .collect();
        ids.sort();
        ids
    }

    /// Stores a copy of an imported curriculum under a name made from its content,
    /// `curricula/<id>.<hash>.ron`, and returns that name. The same content always gets the
    /// same name and another content another, so a file is written once and never changed:
    /// two machines that import two revisions never write one file two ways.
    pub fn store_curriculum(&self, curriculum: &Curriculum) -> Result<String, StorageError> {
        self.refuse_if_read_only()?;
        if !curriculum::is_slug(&curriculum.id) {
            return Err(StorageError::InvalidId {
                id: curriculum.id.clone(),
            });
        }
        let text = curriculum::format::to_ron_within_limit(curriculum);
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let name = format!("{}.{hash:016x}.ron", curriculum.id);
        let dir = self.curricula_dir();
        let path = dir.join(&name);
        if !path.exists() {
            fs::create_dir_all(&dir).map_err(io_at(&dir))?;
            write_atomic(&path, text.as_bytes())?;
        }
        Ok(name)
    }

    /// The stored copy of curriculum `id`: the file `file` names (see
    /// [`Self::store_curriculum`]), or `curricula/<id>.ron` as data directories before sync
    /// named it.
    pub fn load_curriculum(&self, id: &str, file: Option<&str>) -> Result<Curriculum, Invalid> {
        let name = file.map_or_else(|| format!("{id}.ron"), str::to_owned);
        let fail = |message: &str| {
            Invalid::one(Diagnostic::new(
                &self.curricula_dir().join(&name).display().to_string(),
                message.to_owned(),
            ))
        };
        // Only a plain name that starts with the id: nothing outside curricula/.
        let plain = !name.contains(['/', '\\']) && name != "." && name != "..";
        if !curriculum::is_slug(id) || !plain || !name.starts_with(&format!("{id}.")) {
            return Err(fail("is not the name of a curriculum's copy"));
        }
        let path = self.curricula_dir().join(&name);
        if !path.exists() {
            return Err(fail(
                "is not here yet: the copy of an import made on another machine arrives with \
                 the rest of the synced folder",
            ));
        }
        load_curriculum_file(&path)
    }

    /// Stores a copy of an imported curriculum as `curricula/<id>.ron` (atomically).
    pub fn save_curriculum(&self, curriculum: &Curriculum) -> Result<PathBuf, StorageError> {
        self.refuse_if_read_only()?;
        let path = self.curriculum_path(&curriculum.id)?;
        let dir = self.curricula_dir();
        fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        write_atomic(
            &path,
            curriculum::format::to_ron_within_limit(curriculum).as_bytes(),
        )?;
        Ok(path)
    }

    /// Removes `curricula/<id>.ron`; one that is already gone is not an error.
    pub fn remove_curriculum(&self, id: &str) -> Result<(), StorageError> {
        self.refuse_if_read_only()?;
        let path = self.curriculum_path(id)?;
        match fs::remove_file(&path) {
            Ok(()) => {
                let dir = self.curricula_dir();
                atomic::sync_dir(&dir).map_err(io_at(&dir))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(StorageError::Io { path, source }),
        }
    }

    /// `curricula/<id>.ron`, only for an id that is a slug: a slug has no `/`, `\` or `..`, so
    /// no id can name a file outside the data directory.
    fn curriculum_path(&self, id: &str) -> Result<PathBuf, StorageError> {
        if !curriculum::is_slug(id) {
            return Err(StorageError::InvalidId { id: id.to_owned() });
        }
        Ok(self.curricula_dir().join(format!("{id}.ron")))
    }
}

/// Reads and parses one stored curriculum, checking its size before reading a byte.
fn load_curriculum_file(path: &Path) -> Result<Curriculum, Invalid> {
    let name = path.display().to_string();
    let fail = |message: String| Invalid::one(Diagnostic::new(&name, message));
    let meta = fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(fail("not a file".to_owned()));
    }
    let limit = curriculum::MAX_FILE_BYTES;
    if meta.len() > limit as u64 {
        return Err(fail(format!(
            "{} bytes, more than the {limit} a curriculum may have",
            meta.len()
        )));
    }
    // Read through the cap as well: the file may have grown since its size was checked.
    let bytes = match read_capped(path, limit) {
        Ok(Capped::Bytes(bytes)) => bytes,
        Ok(Capped::TooLarge) => {
            return Err(fail(format!(
                "more than the {limit} bytes a curriculum may have"
            )));
        }
        Ok(Capped::NotAFile) => return Err(fail("not a file".to_owned())),
        Err(e) => return Err(fail(format!("cannot read: {e}"))),
    };
    let parsed = curriculum::format::parse(&name, &bytes)?;
    // `<id>.ron`, or `<id>.<hash>.ron` (see `DataDir::store_curriculum`).
    let file = path.file_name().map(|s| s.to_string_lossy().into_owned());
    let stem = file.as_deref().and_then(|f| f.split('.').next());
    if stem != Some(parsed.id.as_str()) {
        return Err(fail(format!(
            "holds curriculum \"{}\" but is not named {}.ron, so it cannot be updated or removed",
            parsed.id, parsed.id
        )));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_data_dir_wins_over_the_environment() {
        let got = resolve_from(Some(Path::new("/x")), Some("/y".into())).unwrap();
        assert_eq!(got, PathBuf::from("/x"));
    }

    #[test]
    fn the_environment_is_used_when_no_data_dir_is_given() {
        let got = resolve_from(None, Some("/y".into())).unwrap();
        assert_eq!(got, PathBuf::from("/y"));
    }

    #[test]
    fn an_empty_environment_variable_falls_back_to_the_platform_directory() {
        let platform = directories::ProjectDirs::from("org", "Waymark", "Waymark")
            .map(|d| d.data_dir().to_path_buf());
        match (resolve_from(None, Some(OsString::new())), platform) {
            (Ok(got), Some(want)) => assert_eq!(got, want),
            (Err(StorageError::NoHome), None) => {}
            (got, want) => panic!("got {got:?}, platform has {want:?}"),
        }
    }
}
