//! The machines' files: `machines/<id>/changes.ron`, which only machine `<id>` writes, one
//! record a line, only ever appended to; and `machines/<id>/snapshot.postcard`, that machine's own
//! compacted merge of everything it had read, so that opening reads only what came since.
//!
//! What sync tools do to files is expected: a line still being written (no newline yet) is
//! left for the next read; a line that is not a whole record (cut short by a kill or a power
//! cut) is skipped and reported, and costs only itself; conflict copies that Syncthing
//! (`changes.sync-conflict-….ron`) or Dropbox (`changes (… conflicted copy …).ron`) make are
//! merged like the file itself (merging is idempotent), and the owner appends their records to
//! its own file and removes them.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StorageError, io_at};
use crate::sync::device::Device;
use crate::sync::{Hlc, Op, Record, Replica};

pub const MACHINES_DIR: &str = "machines";
pub const CHANGES_FILE: &str = "changes.ron";
/// This machine's compacted merge: a cache of its own, in postcard (a compact binary form of
/// serde) since it is read at every open and RON reads tens of times slower; if it is missing,
/// stale or unreadable it is rebuilt from the records, which are the data.
pub const SNAPSHOT_FILE: &str = "snapshot.postcard";
/// The snapshot's own format: one that does not match is rebuilt from the records.
/// 2: a resolved concurrent note is a last-change-wins flag (it can be reopened).
/// 3: legacy hours are one last-change-wins value, not one amount per old file.
/// 4: notes keep the fingerprint of every text written.
const SNAPSHOT_FORMAT: u32 = 4;
/// Records read past the snapshot before opening writes a new one.
const SNAPSHOT_AFTER: usize = 500;

/// What a read of the machines' files found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arrived {
    /// Records merged per machine id.
    pub records: BTreeMap<String, usize>,
    /// Lines skipped: not whole records, with the file and line.
    pub skipped: Vec<String>,
}

impl Arrived {
    pub fn total(&self) -> usize {
        self.records.values().sum()
    }
}

#[derive(Serialize, Deserialize)]
struct Snapshot {
    format: u32,
    /// Bytes of each machine's `changes.ron` merged.
    cursors: BTreeMap<String, u64>,
    replica: Replica,
}

/// Every machine's records, merged, and this machine's place to append its own.
#[derive(Debug)]
pub struct Journal {
    root: PathBuf,
    device: Device,
    read_only: bool,
    replica: Replica,
    hlc: Hlc,
    cursors: BTreeMap<String, u64>,
}

impl Journal {
    /// Reads this machine's snapshot, then every record that came after it.
    pub fn open(
        root: &Path,
        device: Device,
        read_only: bool,
    ) -> Result<(Self, Arrived), StorageError> {
        let mut journal = Self {
            root: root.to_path_buf(),
            device,
            read_only,
            replica: Replica::default(),
            hlc: Hlc::default(),
            cursors: BTreeMap::new(),
        };
        if !read_only {
            // A snapshot's write that a kill cut short leaves its temporary file.
            let own = journal.dir_of(&journal.device.id);
            if own.is_dir() {
                super::atomic::clean_stale_temps(&own)?;
            }
        }
        if let Some(snapshot) = journal.read_snapshot() {
            journal.replica = snapshot.replica;
            journal.cursors = snapshot.cursors;
        }
        let arrived = journal.read(true)?;
        journal.hlc.observe(journal.replica.latest());
        if !read_only && arrived.total() >= SNAPSHOT_AFTER {
            // A snapshot that fails to write costs only time at the next open.
            let _ = journal.write_snapshot();
        }
        Ok((journal, arrived))
    }

    pub fn replica(&self) -> &Replica {
        &self.replica
    }

    /// Sets how the loaded curricula name milestones (see [`crate::sync::Names`]).
    pub fn set_names(&mut self, names: crate::sync::Names) {
        self.replica.set_names(names);
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    fn dir_of(&self, device: &str) -> PathBuf {
        self.root.join(MACHINES_DIR).join(device)
    }

    /// This machine's own file of changes.
    pub fn changes_path(&self) -> PathBuf {
        self.dir_of(&self.device.id).join(CHANGES_FILE)
    }

    fn read_snapshot(&self) -> Option<Snapshot> {
        let bytes = fs::read(self.dir_of(&self.device.id).join(SNAPSHOT_FILE)).ok()?;
        let snapshot: Snapshot = postcard::from_bytes(&bytes).ok()?;
        (snapshot.format == SNAPSHOT_FORMAT).then_some(snapshot)
    }

    /// Writes this machine's snapshot of the merge so far.
    pub fn write_snapshot(&self) -> Result<(), StorageError> {
        let snapshot = Snapshot {
            format: SNAPSHOT_FORMAT,
            cursors: self.cursors.clone(),
            replica: self.replica.clone(),
        };
        let bytes = postcard::to_stdvec(&snapshot).map_err(|e| StorageError::Io {
            path: self.dir_of(&self.device.id).join(SNAPSHOT_FILE),
            source: io::Error::other(e.to_string()),
        })?;
        let dir = self.dir_of(&self.device.id);
        fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        super::write_atomic(&dir.join(SNAPSHOT_FILE), &bytes)
    }

    /// Merges what other machines appended since the last read (and, at opening, this
    /// machine's own file too).
    pub fn read_others(&mut self) -> Result<Arrived, StorageError> {
        self.read(false)
    }

    /// Whether any other machine's files differ from what was read, by their sizes alone: what
    /// the window's watcher asks every moment, reading nothing.
    pub fn others_changed(&self) -> bool {
        let unread = |key: &str, file: &Path| {
            fs::metadata(file).is_ok_and(|m| m.len() != self.cursors.get(key).copied().unwrap_or(0))
        };
        machine_dirs(&self.root).into_iter().any(|(id, dir)| {
            id != self.device.id
                && (unread(&id, &dir.join(CHANGES_FILE))
                    || conflict_copies(&dir)
                        .iter()
                        .any(|copy| unread(&copy_cursor(&id, copy), copy)))
        })
    }

    fn read(&mut self, own_too: bool) -> Result<Arrived, StorageError> {
        let mut arrived = Arrived::default();
        for (id, dir) in machine_dirs(&self.root) {
            let mine = id == self.device.id;
            if mine && !own_too {
                continue;
            }
            let path = dir.join(CHANGES_FILE);
            let from = self.cursors.get(&id).copied().unwrap_or(0);
            let (records, read_to) = match read_records(&path, from, &mut arrived.skipped) {
                Ok(found) => found,
                Err(e) if e.kind() == io::ErrorKind::NotFound => (Vec::new(), 0),
                Err(source) => return Err(StorageError::Io { path, source }),
            };
            let count = records.len();
            for record in &records {
                self.replica.apply(&id, record);
                self.hlc.observe(record.t);
            }
            self.cursors.insert(id.clone(), read_to);
            let mut copied = 0;
            for copy in conflict_copies(&dir) {
                copied += self.read_copy(&id, &path, &copy, mine, &mut arrived.skipped)?;
            }
            if count + copied > 0 {
                *arrived.records.entry(id).or_default() += count + copied;
            }
        }
        Ok(arrived)
    }

    /// Merges a conflict copy of machine `id`'s file `path` from where it was last read, and
    /// returns how many records it held that were not merged before. The owner appends the
    /// records its own file lacks (by their stamps, unique to a machine) to that file, then
    /// removes the copy, unless a line of it could not be read: then the copy stays, for the
    /// learner to look at, and is not read again. Another machine's copies are theirs to tidy.
    fn read_copy(
        &mut self,
        id: &str,
        path: &Path,
        copy: &Path,
        mine: bool,
        skipped: &mut Vec<String>,
    ) -> Result<usize, StorageError> {
        let name = copy_cursor(id, copy);
        let from = self.cursors.get(&name).copied().unwrap_or(0);
        let before = skipped.len();
        let Ok((records, read_to)) = read_records(copy, from, skipped) else {
            return Ok(0);
        };
        let garbled = skipped.len() > before;
        let known = self.replica.machines().get(id).map(|m| m.last_seen);
        let new = records
            .iter()
            .filter(|r| known.is_none_or(|seen| r.t > seen))
            .count();
        if mine && !self.read_only {
            let own: std::collections::HashSet<_> = match read_records(path, 0, &mut Vec::new()) {
                Ok((own, _)) => own.into_iter().map(|r| r.t).collect(),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Default::default(),
                Err(source) => {
                    return Err(StorageError::Io {
                        path: path.to_path_buf(),
                        source,
                    });
                }
            };
            let missing: String = records
                .iter()
                .filter(|r| !own.contains(&r.t))
                .map(Record::to_line)
                .collect();
            if !missing.is_empty() {
                append_durably(path, missing.as_bytes())?;
                if let Ok(meta) = fs::metadata(path) {
                    self.cursors.insert(id.to_owned(), meta.len());
                }
            }
            if !garbled && fs::remove_file(copy).is_ok() {
                self.cursors.remove(&name);
            } else {
                self.cursors.insert(name, read_to);
            }
        } else {
            self.cursors.insert(name, read_to);
        }
        for record in &records {
            self.replica.apply(id, record);
            self.hlc.observe(record.t);
        }
        Ok(new)
    }

    /// Stamps `ops` as this machine's records at wall time `wall_ms`, merges them, and returns
    /// their lines, for [`append_durably`] to this machine's file.
    pub fn record(&mut self, ops: Vec<Op>, wall_ms: u64) -> Vec<u8> {
        let mut lines = String::new();
        let id = self.device.id.clone();
        if !self.replica.machines().contains_key(&id)
            || self.replica.machines()[&id].name() != Some(self.device.name.as_str())
        {
            let record = Record {
                t: self.hlc.tick(wall_ms),
                op: Op::Machine(self.device.name.clone()),
            };
            self.replica.apply(&id, &record);
            lines.push_str(&record.to_line());
        }
        for op in ops {
            let record = Record {
                t: self.hlc.tick(wall_ms),
                op,
            };
            self.replica.apply(&id, &record);
            lines.push_str(&record.to_line());
        }
        lines.into_bytes()
    }

    /// Notes that `bytes` were appended to this machine's file, so the snapshot's cursor
    /// covers them.
    pub fn written(&mut self, bytes: usize) {
        *self.cursors.entry(self.device.id.clone()).or_default() += bytes as u64;
    }
}

/// The name a conflict copy's cursor is kept under: its machine and its file name (a machine
/// id is a slug, so it holds no `/`).
fn copy_cursor(id: &str, copy: &Path) -> String {
    let file = copy.file_name().map(|n| n.to_string_lossy().into_owned());
    format!("{id}/{}", file.unwrap_or_default())
}

/// The machines' folders: `machines/<id>` for each id that is a slug.
fn machine_dirs(root: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(root.join(MACHINES_DIR)) else {
        return Vec::new();
    };
    let mut dirs: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            crate::curriculum::is_slug(&name).then(|| (name, e.path()))
        })
        .collect();
    dirs.sort();
    dirs
}

/// Conflict copies of `changes.ron` in `dir`, as Syncthing and Dropbox name them. A file a
/// sync tool is still writing has a temporary name of its own and is not one of them.
fn conflict_copies(dir: &Path) -> Vec<PathBuf> {
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
            name != CHANGES_FILE
                && name.starts_with("changes")
                && name.ends_with(".ron")
                && (name.contains(".sync-conflict-") || name.contains("conflicted copy"))
        })
        .collect();
    copies.sort();
    copies
}

/// The whole records in `path` from byte `from` on, and the byte after the last whole line.
/// A last line with no newline yet is left for the next read; a line that is not a record is
/// skipped and named in `skipped`.
fn read_records(
    path: &Path,
    from: u64,
    skipped: &mut Vec<String>,
) -> io::Result<(Vec<Record>, u64)> {
    // A folder, a pipe or a device where a file of changes should be: opening a pipe would
    // wait for a writer forever, so nothing that is not a regular file is opened.
    if !fs::metadata(path)?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a pipe or a device); move it away",
        ));
    }
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    // A file shorter than what was read of it was replaced (restored from a backup, checked
    // out again): read it whole; merging what was merged before changes nothing.
    let from = if from > len { 0 } else { from };
    file.seek(SeekFrom::Start(from))?;
    let mut bytes = Vec::with_capacity((len - from) as usize);
    file.read_to_end(&mut bytes)?;
    let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut records = Vec::new();
    let mut line_no = if from == 0 {
        0
    } else {
        // Only for messages: the line numbers of what came before.
        usize::MAX / 2
    };
    for line in bytes[..whole].split(|&b| b == b'\n') {
        line_no = line_no.wrapping_add(1);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(line).ok().and_then(Record::from_line) {
            Some(record) => records.push(record),
            None => skipped.push(if line_no < usize::MAX / 4 {
                format!("{}:{line_no}: not a whole record; skipped", path.display())
            } else {
                format!(
                    "{}: a line that is not a whole record; skipped",
                    path.display()
                )
            }),
        }
    }
    Ok((records, from + whole as u64))
}

/// What ends a line a write left cut short (see [`append_durably`]).
const CUT_SHORT: &[u8] = b" # cut short\n";

/// Appends `bytes` (whole lines) to `path` and makes them durable before returning. When the
/// file ends in a line cut short (a write that a kill or a full disk interrupted), that line is
/// ended first with [`CUT_SHORT`], so that it stays one skipped line, never swallows the records
/// after it, and is never completed into a record.
pub fn append_durably(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    if bytes.is_empty() {
        return Ok(());
    }
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
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(io_at(path))?;
    let len = file.metadata().map_err(io_at(path))?.len();
    // An empty file is new, or one whose first write failed: its name may not be durable yet.
    let created = len == 0;
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
        }
    }
    file.write_all(bytes).map_err(io_at(path))?;
    file.sync_data().map_err(io_at(path))?;
    if created {
        // The new file's name is durable only once its folder is, and so on up.
        super::atomic::sync_dir(dir).map_err(io_at(dir))?;
        for d in &made {
            if let Some(parent) = d.parent().filter(|p| !p.as_os_str().is_empty()) {
                super::atomic::sync_dir(parent).map_err(io_at(parent))?;
            }
        }
    }
    Ok(())
}
