//! Atomic file replacement: a temporary file beside the target, fsync, rename, fsync of the directory.
//!
//! A crash or SIGKILL at any moment leaves the target either whole and old or whole and new:
//! the bytes go to a temporary file first, are flushed to disk, and only then does one `rename`
//! swap it in. What a crash can leave behind is a stale temporary file, named so that
//! [`clean_stale_temps`] recognises it and nothing else mistakes it for data.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::StorageError;

/// Part of every temporary file's name: `.<target>.waymark-<pid>-<n>.tmp`.
const TEMP_MARK: &str = ".waymark-";
const TEMP_SUFFIX: &str = ".tmp";

/// Makes temporary names unique within this process; the pid makes them unique across processes.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename, fsync of the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    write_atomic_with(path, bytes, |_| Ok(()))
}

/// [`write_atomic`] with a hook run on the synced temporary file just before the rename, so
/// tests can fail the write at its last moment and check that nothing was harmed.
pub(super) fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<(), StorageError> {
    let at = |source: io::Error| StorageError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = parent_dir(path);
    let file_name = path.file_name().ok_or_else(|| {
        at(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file name",
        ))
    })?;
    let (temp, file) = create_temp(dir, &file_name.to_string_lossy()).map_err(at)?;

    let written = fill(file, bytes)
        .and_then(|()| before_rename(&temp))
        .and_then(|()| fs::rename(&temp, path));
    if let Err(e) = written {
        // The write already failed; that error is the one to report. A temporary file that
        // cannot be removed either is harmless (never read) and goes at the next open.
        let _ = fs::remove_file(&temp);
        return Err(at(e));
    }
    sync_dir(dir).map_err(|source| StorageError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

fn fill(mut file: File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

/// The directory a path is in; `.` for a bare file name.
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn create_temp(dir: &Path, target_name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    // A name can be taken only by a stale file from an earlier process that had the same pid;
    // a few tries step past it, and a directory full of them is an error, not a loop.
    let mut last = None;
    for _ in 0..16 {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{target_name}{TEMP_MARK}{pid}-{n}{TEMP_SUFFIX}"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

/// Whether a file name is one of [`write_atomic`]'s temporary files.
pub(super) fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX) && name.contains(TEMP_MARK)
}

/// Removes temporary files that an interrupted [`write_atomic`] left in `dir`. Only safe while
/// holding the data directory's lock, when no other Waymark can be mid-write there.
pub(super) fn clean_stale_temps(dir: &Path) -> Result<(), StorageError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StorageError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    for entry in entries.flatten() {
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && entry.file_name().to_str().is_some_and(is_temp_name) {
            // A stale temporary file is never read, so one that cannot be removed now does no
            // harm and is tried again at the next open.
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Flushes a directory's entries (a rename, a removal) to disk.
#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        // EINVAL: this file system cannot fsync a directory (some network and FUSE ones); the
        // rename has still happened, and there is nothing more to flush.
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
        other => other,
    }
}

/// Windows cannot open a directory as a `File` without flags std does not expose, and NTFS
/// journals the rename itself, so there is nothing to do here.
#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temps_in(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| is_temp_name(n))
            .collect()
    }

    #[test]
    fn a_failure_just_before_the_rename_keeps_the_old_file_and_removes_the_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.ron");
        fs::write(&target, b"old and whole").unwrap();
        let mut seen = Vec::new();
        let err = write_atomic_with(&target, b"new", |temp| {
            seen = fs::read(temp)?;
            Err(io::Error::other("injected failure"))
        })
        .unwrap_err();
        assert_eq!(seen, b"new", "the temporary file held the full new bytes");
        assert!(err.to_string().contains("state.ron"), "{err}");
        assert!(err.to_string().contains("injected failure"), "{err}");
        assert_eq!(fs::read(&target).unwrap(), b"old and whole");
        assert!(temps_in(dir.path()).is_empty());
    }

    #[test]
    fn a_successful_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.ron");
        fs::write(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert!(temps_in(dir.path()).is_empty());
    }

    #[test]
    fn temporary_names_are_recognised_and_ordinary_names_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let (temp, _file) = create_temp(dir.path(), "state.ron").unwrap();
        let name = temp.file_name().unwrap().to_str().unwrap();
        assert!(is_temp_name(name), "{name}");
        assert!(!is_temp_name("state.ron"));
        assert!(!is_temp_name(".notes.tmp"));
        assert!(!is_temp_name("waymark-1-2.tmp"));
    }

    #[test]
    fn two_temporary_files_for_one_target_never_share_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let (a, _fa) = create_temp(dir.path(), "state.ron").unwrap();
        let (b, _fb) = create_temp(dir.path(), "state.ron").unwrap();
        assert_ne!(a, b);
    }
}
