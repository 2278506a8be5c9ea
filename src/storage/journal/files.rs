//! Reading and writing the machines' files safely: no link followed, nothing but a regular file
//! of a sane size opened, memory bounded whatever a file holds, and a file that was replaced
//! (restored from a backup, checked out again) told from one that only grew.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::storage::{StorageError, io_at};
use crate::sync::wire::{self, MAX_LINE_BYTES, Read};

/// The largest file of records read: years of daily use write a few MiB. A larger one (a
/// runaway, a sparse file of 100 GiB, a hostile one) is skipped whole, with a warning.
pub const MAX_CHANGES_BYTES: u64 = 256 * 1024 * 1024;

/// How many bytes before the read position a [`Mark`] keeps the checksum of.
const TAIL: u64 = 4096;

/// How far a file was read, and a checksum of the bytes just before that point: a file that
/// still holds them there only grew since; one that does not was replaced, and is read again
/// from its start (merging what was merged before changes nothing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub read_to: u64,
    pub tail: u32,
}

/// A file of records as it stands: missing, open, or not something to read (and why).
pub enum Opened {
    Missing,
    File(File, u64),
    Refused(String),
}

/// Opens `path` for reading when it is a regular file (no link, no folder, pipe or device) of at
/// most [`MAX_CHANGES_BYTES`].
pub fn open_regular(path: &Path) -> Opened {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Opened::Missing,
        Err(e) => return Opened::Refused(format!("cannot be read: {e}")),
    };
    if meta.file_type().is_symlink() {
        return Opened::Refused(
            "is a link; Waymark follows no link inside its data folder, so it was not read".into(),
        );
    }
    if !meta.is_file() {
        return Opened::Refused("is not a regular file (a folder, a pipe or a device)".into());
    }
    if meta.len() > MAX_CHANGES_BYTES {
        return Opened::Refused(format!(
            "is {} bytes, more than the {} MiB a file of changes may be",
            meta.len(),
            MAX_CHANGES_BYTES / (1024 * 1024)
        ));
    }
    let file = match no_follow(OpenOptions::new().read(true)).open(path) {
        Ok(file) => file,
        Err(e) => return Opened::Refused(format!("cannot be read: {e}")),
    };
    // What was opened may not be what was looked at a moment before.
    match file.metadata() {
        Ok(m) if m.is_file() && m.len() <= MAX_CHANGES_BYTES => Opened::File(file, m.len()),
        Ok(_) => Opened::Refused("changed into something that is not a file of changes".into()),
        Err(e) => Opened::Refused(format!("cannot be read: {e}")),
    }
}

/// Options that refuse to open a link (and, for reading, never wait on a pipe).
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options
}

/// The checksum of the [`TAIL`] bytes before `end` in `file`.
fn tail_of(file: &mut File, end: u64) -> io::Result<u32> {
    let start = end.saturating_sub(TAIL);
    let mut bytes = vec![0; usize::try_from(end - start).unwrap_or(0)];
    file.seek(SeekFrom::Start(start))?;
    file.read_exact(&mut bytes)?;
    Ok(crate::storage::crc::crc32(&bytes))
}

/// What reading one file gave.
#[derive(Debug, Default)]
pub struct FileRead {
    /// The lines, each as it reads, with its number when it is known.
    pub lines: Vec<(Option<usize>, Vec<u8>, Read)>,
    /// Where reading ends: after the last whole line.
    pub mark: Mark,
    /// The file did not hold what was read of it before: it was read from its start.
    pub replaced: bool,
}

/// Reads the whole lines of `file` (of length `len`) after `mark`, checking that the file still
/// holds what `mark` says was read. A last line with no newline yet is left for the next read;
/// a line longer than [`MAX_LINE_BYTES`] is not read into memory at all.
pub fn read_lines(file: &mut File, len: u64, mark: Mark) -> io::Result<FileRead> {
    // Shorter than what was read of it, or not holding it any more: replaced.
    let replaced =
        mark.read_to > len || (mark.read_to > 0 && tail_of(file, mark.read_to)? != mark.tail);
    let from = if replaced { 0 } else { mark.read_to };
    file.seek(SeekFrom::Start(from))?;
    let mut reader = BufReader::with_capacity(64 * 1024, (&*file).take(len - from));
    let mut out = FileRead {
        replaced,
        ..FileRead::default()
    };
    let mut at = from;
    let mut line_no = (from == 0).then_some(0usize);
    let mut line = Vec::new();
    loop {
        line.clear();
        let (taken, whole, too_long) = read_capped_line(&mut reader, &mut line)?;
        if taken == 0 || !whole {
            break;
        }
        at += taken;
        line_no = line_no.map(|n| n + 1);
        if too_long {
            out.lines.push((
                line_no,
                Vec::new(),
                Read::Garbled(format!("a line longer than {} MiB", MAX_LINE_BYTES >> 20)),
            ));
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let read = wire::read_line(&line);
        out.lines.push((line_no, std::mem::take(&mut line), read));
    }
    out.mark = Mark {
        read_to: at,
        tail: if at == 0 { 0 } else { tail_of(file, at)? },
    };
    Ok(out)
}

/// Reads one line into `line` (without its newline), keeping at most [`MAX_LINE_BYTES`] of it.
/// Returns the bytes taken from the reader, whether the line was ended by a newline, and
/// whether it was longer than the cap (then `line` holds nothing of use).
fn read_capped_line(
    reader: &mut impl io::BufRead,
    line: &mut Vec<u8>,
) -> io::Result<(u64, bool, bool)> {
    let mut taken = 0u64;
    let mut too_long = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((taken, false, too_long));
        }
        let (chunk, ended) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + chunk.len() > MAX_LINE_BYTES {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = ended.unwrap_or(chunk.len());
        taken += used as u64;
        reader.consume(used);
        if ended.is_some() {
            return Ok((taken, true, too_long));
        }
    }
}

/// Conflict copies of `changes.ron` in `dir`, as Syncthing and Dropbox name them. A file a
/// sync tool is still writing has a temporary name of its own and is not one of them.
pub fn conflict_copies(dir: &Path, changes: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name != changes
                && name.starts_with("changes")
                && name.ends_with(".ron")
                && (name.contains(".sync-conflict-") || name.contains("conflicted copy"))
        })
        .collect();
    copies.sort();
    copies
}

/// What ends a line a write left cut short (see [`append_durably`]).
const CUT_SHORT: &[u8] = b" # cut short\n";

/// Refuses a path inside the data directory that is a link (or under one): writing through it
/// would write outside the data directory, or somewhere no machine reads.
pub fn refuse_links(root: &Path, path: &Path) -> Result<(), StorageError> {
    let Ok(inside) = path.strip_prefix(root) else {
        return Ok(());
    };
    let mut at = root.to_path_buf();
    for part in inside.components() {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(StorageError::Link { path: at });
            }
            _ => {}
        }
    }
    Ok(())
}

/// Appends `bytes` (whole lines) to `path` and makes them durable before returning; returns the
/// file's length after them. When the file ends in a line cut short (a write that a kill or a
/// full disk interrupted), that line is ended first with [`CUT_SHORT`], so that it stays one
/// skipped line, never swallows the records after it, and is never completed into a record.
/// The file is never opened through a link.
pub fn append_durably(path: &Path, bytes: &[u8]) -> Result<u64, StorageError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    // The folders this makes (`machines/`, `machines/<id>/` at a machine's first save): each
    // new name is durable only once the folder holding it is synced.
    let mut made = Vec::new();
    let mut missing = Some(dir);
    while let Some(d) = missing.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        made.push(d);
        missing = d.parent();
    }
    fs::create_dir_all(dir).map_err(io_at(dir))?;
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path).map_err(|e| {
        if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            StorageError::Link {
                path: path.to_path_buf(),
            }
        } else {
            StorageError::Io {
                path: path.to_path_buf(),
                source: e,
            }
        }
    })?;
    let meta = file.metadata().map_err(io_at(path))?;
    if !meta.is_file() {
        return Err(StorageError::Io {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
        });
    }
    let len = meta.len();
    if bytes.is_empty() {
        return Ok(len);
    }
    // An empty file is new, or one whose first write failed: its name may not be durable yet.
    let created = len == 0;
    let mut written = 0u64;
    if len > 0 {
        let mut last = [0u8];
        file.seek(SeekFrom::Start(len - 1)).map_err(io_at(path))?;
        file.read_exact(&mut last).map_err(io_at(path))?;
        if last[0] != b'\n' {
            // A write cut short by a kill or a power cut: its line is ended so that it stays
            // unreadable. A bare newline could complete a record that was whole but for its
            // newline, and a change never acknowledged would appear later, over what was
            // shown since; text after a whole value is not RON, so the mark prevents that.
            file.write_all(CUT_SHORT).map_err(io_at(path))?;
            written += CUT_SHORT.len() as u64;
        }
    }
    file.write_all(bytes).map_err(io_at(path))?;
    file.sync_data().map_err(io_at(path))?;
    written += bytes.len() as u64;
    if created {
        // The new file's name is durable only once its folder is, and so on up.
        crate::storage::atomic::sync_dir(dir).map_err(io_at(dir))?;
        for d in &made {
            if let Some(parent) = d.parent().filter(|p| !p.as_os_str().is_empty()) {
                crate::storage::atomic::sync_dir(parent).map_err(io_at(parent))?;
            }
        }
    }
    Ok(len + written)
}

/// The [`Mark`] of a file this machine wrote to `len` bytes: where the next read starts.
pub fn mark_of(path: &Path, len: u64) -> Mark {
    let tail = File::open(path)
        .and_then(|mut f| tail_of(&mut f, len))
        .unwrap_or(0);
    Mark { read_to: len, tail }
}
