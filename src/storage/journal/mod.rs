//! The machines' files: `machines/<id>/changes.ron`, which only machine `<id>` writes, one
//! record a line, only ever appended to; and this machine's snapshot of its merge.
//!
//! Every other machine's file is untrusted input ([`files`] reads it safely, [`crate::sync::wire`]
//! checks every line): a line still being written (no newline yet) is left for the next read; a
//! line that is not a whole record, or whose values break a rule, is skipped and reported and
//! costs only itself; a line from a newer Waymark is kept, reported, and applied by the first
//! Waymark that knows it; a file that is not a regular file, is a link or is too large is
//! skipped with a warning, and this machine keeps working; a file that was replaced (restored
//! from a backup) is read again from its start. Conflict copies that Syncthing
//! (`changes.sync-conflict-….ron`) or Dropbox (`changes (… conflicted copy …).ron`) make are
//! merged like the file itself, and the owner appends the lines its own file lacks and removes
//! them.

mod files;
mod problems;
mod snapshot;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use files::{MAX_CHANGES_BYTES, Mark, append_durably, refuse_links};
pub use problems::Problem;
pub use snapshot::SNAPSHOT_FILE;

use super::memory::Memory;
use super::{StorageError, io_at};
use crate::sync::device::Device;
use crate::sync::wire::{self, Read};
use crate::sync::{Hlc, Op, Replica, Tx, UndoLog};

pub const MACHINES_DIR: &str = "machines";
pub const CHANGES_FILE: &str = "changes.ron";

/// Steps of records read past the snapshot before a new one is due.
const SNAPSHOT_AFTER: usize = 500;
/// The most records kept for a newer Waymark (a hostile file could hold millions).
const MAX_WAITING: usize = 10_000;
/// The most skipped lines described one by one.
const MAX_SKIPPED: usize = 1000;

/// A record this version cannot read, kept for the first Waymark that can.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub machine: String,
    pub line: String,
}

/// What a read of the machines' files found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arrived {
    /// Records merged per machine id.
    pub records: BTreeMap<String, usize>,
    /// Lines skipped: not whole records, or refused, each with its file and line.
    pub skipped: Vec<String>,
}

impl Arrived {
    pub fn total(&self) -> usize {
        self.records.values().sum()
    }
}

/// Every machine's records, merged, and this machine's place to append its own.
#[derive(Debug)]
pub struct Journal {
    root: PathBuf,
    device: Device,
    read_only: bool,
    replica: Replica,
    hlc: Hlc,
    undo: UndoLog,
    files: BTreeMap<String, Mark>,
    waiting: Vec<Waiting>,
    memory: Memory,
    /// Problems with files found by the latest reads, by id.
    file_problems: BTreeMap<String, Problem>,
    /// Skipped lines not yet reported.
    skipped: Vec<String>,
    /// Problems found since the last [`Self::take_news`]: told once.
    news: Vec<Problem>,
    /// Steps of the records read past the snapshot: steps, not records, since one record of a
    /// migration holds thousands.
    since_snapshot: usize,
    /// This machine found its id used by another (see [`Self::twin`]).
    twin: Option<String>,
    /// The wall clock at the latest read, for what counts as the future.
    wall_ms: u64,
}

impl Journal {
    /// Reads this machine's snapshot, then every record that came after it. Writes nothing.
    pub fn open(
        root: &Path,
        device: Device,
        read_only: bool,
        wall_ms: u64,
    ) -> Result<(Self, Arrived), StorageError> {
        let memory = Memory::open(device.memory_dir.as_deref(), root, &device.id);
        let mut journal = Self {
            root: root.to_path_buf(),
            device,
            read_only,
            replica: Replica::default(),
            hlc: Hlc::default(),
            undo: UndoLog::default(),
            files: BTreeMap::new(),
            waiting: Vec::new(),
            memory,
            file_problems: BTreeMap::new(),
            skipped: Vec::new(),
            news: Vec::new(),
            since_snapshot: 0,
            twin: None,
            wall_ms,
        };
        journal.read_snapshot();
        let arrived = journal.read(true)?;
        let latest = journal.replica.latest();
        journal.hlc.observe(latest, wall_ms);
        if let Some(shared) = journal.twin.clone() {
            journal.part_from_twin(&shared);
        }
        journal.tell();
        Ok((journal, arrived))
    }

    pub fn replica(&self) -> &Replica {
        &self.replica
    }

    pub fn undo_log(&self) -> &UndoLog {
        &self.undo
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

    fn read_snapshot(&mut self) {
        let path = self.dir_of(&self.device.id).join(SNAPSHOT_FILE);
        let bytes = match files::open_regular(&path) {
            files::Opened::File(mut file, len) if len <= snapshot::MAX_SNAPSHOT_BYTES => {
                let mut bytes = Vec::new();
                use std::io::Read as _;
                if file.read_to_end(&mut bytes).is_err() {
                    return;
                }
                bytes
            }
            _ => return,
        };
        match snapshot::decode(&bytes) {
            Ok(s) => {
                self.replica = s.replica;
                self.files = s.files;
                self.undo = s.undo;
                self.waiting = s.waiting;
            }
            Err(snapshot::Unusable::Damaged) => self.news.push(Problem {
                id: format!("snapshot:{}", crate::storage::crc::crc32(&bytes)),
                machine: None,
                text: format!(
                    "{} was damaged; it was rebuilt from the records, and nothing is lost",
                    path.display()
                ),
                lasting: false,
            }),
            Err(_) => {}
        }
    }

    /// Whether a new snapshot is due: records of many steps were read past the last one.
    pub fn snapshot_due(&self) -> bool {
        !self.read_only && self.since_snapshot >= SNAPSHOT_AFTER
    }

    /// Writes this machine's snapshot of the merge so far. Only when every record this machine
    /// made is on disk (the caller knows): a snapshot holding a record its file does not would
    /// keep it from every other machine.
    pub fn write_snapshot(&mut self) -> Result<(), StorageError> {
        let dir = self.dir_of(&self.device.id);
        let path = dir.join(SNAPSHOT_FILE);
        refuse_links(&self.root, &path)?;
        let bytes = snapshot::encode(&snapshot::Snapshot {
            waymark: env!("CARGO_PKG_VERSION").to_owned(),
            files: self.files.clone(),
            replica: self.replica.clone(),
            undo: self.undo.clone(),
            waiting: self.waiting.clone(),
        })
        .map_err(|e| StorageError::Io {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        super::write_atomic(&path, &bytes)?;
        self.since_snapshot = 0;
        Ok(())
    }

    /// Merges what other machines appended since the last read.
    pub fn read_others(&mut self, wall_ms: u64) -> Result<Arrived, StorageError> {
        self.wall_ms = wall_ms;
        let arrived = self.read(false)?;
        self.tell();
        Ok(arrived)
    }

    /// Whether any other machine's files differ from what was read, by their sizes alone: what
    /// the window's watcher asks every moment, reading nothing.
    pub fn others_changed(&self) -> bool {
        let unread = |key: &str, file: &Path| {
            fs::symlink_metadata(file)
                .is_ok_and(|m| m.len() != self.files.get(key).map_or(0, |mark| mark.read_to))
        };
        machine_dirs(&self.root).into_iter().any(|(id, dir)| {
            id != self.device.id
                && (unread(&id, &dir.join(CHANGES_FILE))
                    || files::conflict_copies(&dir, CHANGES_FILE)
                        .iter()
                        .any(|copy| unread(&copy_cursor(&id, copy), copy)))
        })
    }

    fn read(&mut self, own_too: bool) -> Result<Arrived, StorageError> {
        let mut arrived = Arrived::default();
        self.file_problems
            .retain(|_, p| !own_too && p.machine.as_deref() == Some(&self.device.id));
        let machines = self.root.join(MACHINES_DIR);
        if fs::symlink_metadata(&machines).is_ok_and(|m| m.file_type().is_symlink()) {
            self.file_problem(None, &machines, "is a link; Waymark follows no link inside its data folder, so no machine's changes were read");
            return Ok(arrived);
        }
        for (id, dir) in machine_dirs(&self.root) {
            let mine = id == self.device.id;
            if mine && !own_too || !mine && self.memory.now.ignored.contains(&id) {
                continue;
            }
            if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
                self.file_problem(
                    Some(&id),
                    &dir,
                    "is a link; Waymark follows no link inside its data folder, so it was not read",
                );
                continue;
            }
            let path = dir.join(CHANGES_FILE);
            let count = self.read_file(&id, &id, &path, mine)?;
            let mut copied = 0;
            for copy in files::conflict_copies(&dir, CHANGES_FILE) {
                copied += self.read_copy(&id, &path, &copy, mine)?;
            }
            if count + copied > 0 {
                *arrived.records.entry(id).or_default() += count + copied;
            }
        }
        arrived.skipped.clone_from(&self.skipped);
        Ok(arrived)
    }

    /// Reads the file `path` of machine `id` (its cursor kept under `cursor`) from where it was
    /// last read, and merges its records. Returns how many it merged.
    fn read_file(
        &mut self,
        id: &str,
        cursor: &str,
        path: &Path,
        mine: bool,
    ) -> Result<usize, StorageError> {
        let (mut file, len) = match files::open_regular(path) {
            files::Opened::Missing => return Ok(0),
            files::Opened::Refused(why) => {
                self.file_problem(Some(id), path, &why);
                return Ok(0);
            }
            files::Opened::File(file, len) => (file, len),
        };
        let mark = self.files.get(cursor).copied().unwrap_or_default();
        let read = match files::read_lines(&mut file, len, mark) {
            Ok(read) => read,
            Err(e) => {
                self.file_problem(Some(id), path, &format!("cannot be read: {e}"));
                return Ok(0);
            }
        };
        if read.replaced {
            self.news.push(Problem {
                id: format!("replaced:{}:{}", path.display(), read.mark.read_to),
                machine: Some(id.to_owned()),
                text: format!(
                    "{} no longer held what was read of it (restored from a backup, or copied \
                     again): it was read again from its start, and nothing is counted twice",
                    path.display()
                ),
                lasting: false,
            });
        }
        let count = self.take_lines(id, path, mine, read.lines);
        self.files.insert(cursor.to_owned(), read.mark);
        Ok(count)
    }

    /// Merges the lines read from `path`, a file of machine `id`; returns how many records.
    fn take_lines(
        &mut self,
        id: &str,
        path: &Path,
        mine: bool,
        lines: Vec<(Option<usize>, Vec<u8>, Read)>,
    ) -> usize {
        let mut count = 0;
        for (line_no, bytes, read) in lines {
            let place = match line_no {
                Some(n) => format!("{}:{n}", path.display()),
                None => path.display().to_string(),
            };
            match read {
                Read::Tx(tx) => {
                    // Only a record of this version's format can be another machine's under this
                    // one's id: an older Waymark's records carry no fingerprint, and one of them
                    // may be stamped ahead (a clock dragged by a record from the future).
                    if mine
                        && tx.h != 0
                        && self.memory.is_kept()
                        && self.memory.now.last_written.is_some_and(|last| tx.t > last)
                    {
                        self.twin = Some(id.to_owned());
                    }
                    self.merge(id, &tx);
                    if mine {
                        self.undo.took(id, &tx);
                    }
                    count += 1;
                }
                Read::Newer(_) => {
                    let line = String::from_utf8_lossy(&bytes).into_owned();
                    let waiting = Waiting {
                        machine: id.to_owned(),
                        line,
                    };
                    if self.waiting.len() < MAX_WAITING && !self.waiting.contains(&waiting) {
                        self.waiting.push(waiting);
                    }
                }
                Read::Garbled(why) | Read::Refused(why) => {
                    if self.skipped.len() < MAX_SKIPPED {
                        self.skipped.push(format!("{place}: {why}; skipped"));
                    }
                }
            }
        }
        count
    }

    /// Merges one record of machine `id`; a stamp from too far ahead leaves this clock alone.
    fn merge(&mut self, id: &str, tx: &Tx) {
        self.since_snapshot = self.since_snapshot.saturating_add(tx.steps.len().max(1));
        self.replica.apply(id, tx);
        self.hlc.observe(tx.last_stamp(), self.wall_ms);
    }

    /// Merges a conflict copy of machine `id`'s file `path` from where it was last read, and
    /// returns how many records it held. The owner appends the lines its own file lacks to that
    /// file (whole lines, so two machines that wrongly share an id lose nothing), then removes
    /// the copy, unless a line of it could not be read: then the copy stays, for the learner to
    /// look at. Another machine's copies are theirs to tidy.
    fn read_copy(
        &mut self,
        id: &str,
        path: &Path,
        copy: &Path,
        mine: bool,
    ) -> Result<usize, StorageError> {
        let name = copy_cursor(id, copy);
        let (mut file, len) = match files::open_regular(copy) {
            files::Opened::File(file, len) => (file, len),
            files::Opened::Missing => return Ok(0),
            files::Opened::Refused(why) => {
                self.file_problem(Some(id), copy, &why);
                return Ok(0);
            }
        };
        let mark = self.files.get(&name).copied().unwrap_or_default();
        let Ok(read) = files::read_lines(&mut file, len, mark) else {
            return Ok(0);
        };
        let garbled = read
            .lines
            .iter()
            .any(|(_, _, r)| matches!(r, Read::Garbled(_) | Read::Refused(_)));
        if mine {
            let own: BTreeSet<Vec<u8>> = match files::open_regular(path) {
                files::Opened::File(mut f, l) => files::read_lines(&mut f, l, Mark::default())
                    .map(|r| r.lines.into_iter().map(|(_, b, _)| b).collect())
                    .unwrap_or_default(),
                _ => BTreeSet::new(),
            };
            let mut missing = Vec::new();
            let mut foreign = false;
            for (_, bytes, r) in &read.lines {
                if matches!(r, Read::Tx(_) | Read::Newer(_)) && !own.contains(bytes) {
                    missing.extend_from_slice(bytes);
                    missing.push(b'\n');
                    // A record of this version that this machine's own file lacks was written
                    // by another machine under this machine's id.
                    foreign |= matches!(r, Read::Tx(tx) if tx.h != 0);
                }
            }
            if foreign && self.memory.is_kept() {
                self.twin = Some(id.to_owned());
            }
            if self.read_only {
                self.files.insert(name, read.mark);
            } else {
                if !missing.is_empty() {
                    refuse_links(&self.root, path)?;
                    let len = append_durably(path, &missing)?;
                    self.files.insert(id.to_owned(), files::mark_of(path, len));
                }
                if !garbled && fs::remove_file(copy).is_ok() {
                    self.files.remove(&name);
                } else {
                    self.files.insert(name, read.mark);
                }
            }
        } else {
            self.files.insert(name, read.mark);
        }
        let mut count = 0;
        for (_, _, r) in read.lines {
            if let Read::Tx(tx) = r {
                self.merge(id, &tx);
                count += 1;
            }
        }
        Ok(count)
    }

    /// Stamps `tx` as this machine's record at wall time `wall_ms` (its `t` and `h` are set
    /// here), merges it, and returns it with its line, for [`append_durably`] to this
    /// machine's file. A record that cannot be written is an error, and nothing is merged.
    pub fn record(&mut self, mut tx: Tx, wall_ms: u64) -> Result<(Tx, Vec<u8>), wire::WriteError> {
        let mut lines = Vec::new();
        let id = self.device.id.clone();
        if self.replica.machines().get(&id).and_then(|m| m.name())
            != Some(self.device.name.as_str())
        {
            let op = Op::Machine(self.device.name.clone());
            let after = self.replica.leaves_for(&id, &op);
            let name = Tx {
                t: self.hlc.tick(wall_ms),
                h: 0,
                steps: vec![crate::sync::Step {
                    op,
                    after: Some(after),
                }],
                undo: None,
                what: String::new(),
                kind: crate::sync::Kind::Change,
            };
            let (line, h) = wire::to_line(&name)?;
            let name = Tx { h, ..name };
            self.replica.apply(&id, &name);
            lines.extend_from_slice(line.as_bytes());
        }
        let count = u32::try_from(tx.steps.len()).unwrap_or(u32::MAX);
        tx.t = self.hlc.reserve(wall_ms, count);
        let (line, h) = wire::to_line(&tx)?;
        tx.h = h;
        self.replica.apply(&id, &tx);
        self.undo.took(&id, &tx);
        lines.extend_from_slice(line.as_bytes());
        // Remembered before the write: a record in this machine's file stamped after it was
        // written by another machine with the same id.
        self.memory.now.last_written = Some(tx.last_stamp());
        self.memory.save();
        Ok((tx, lines))
    }

    /// Notes that this machine's file is `len` bytes long after a write of its records, so the
    /// snapshot's mark covers them.
    pub fn wrote(&mut self, len: u64) {
        let path = self.changes_path();
        self.files
            .insert(self.device.id.clone(), files::mark_of(&path, len));
    }

    /// The machines whose records this machine leaves out (see [`Self::ignore`]).
    pub fn ignored(&self) -> &std::collections::BTreeSet<String> {
        &self.memory.now.ignored
    }

    /// Leaves machine `id`'s records out of this machine's merge (`ignore`), or takes them in
    /// again: a choice of this machine's, kept in its memory, for a machine that is gone or
    /// whose files are broken. Leaving one out makes the merge again from every other file.
    pub fn ignore(&mut self, id: &str, ignore: bool, wall_ms: u64) -> Result<(), StorageError> {
        let changed = if ignore {
            self.memory.now.ignored.insert(id.to_owned())
        } else {
            self.memory.now.ignored.remove(id)
        };
        if !changed {
            return Ok(());
        }
        self.memory.save();
        if ignore {
            // What it wrote is merged already: merge everything else again, from the files.
            self.replica = Replica::default();
            self.files.clear();
            self.undo = UndoLog::default();
            self.waiting.clear();
            self.hlc = Hlc::default();
        }
        self.wall_ms = wall_ms;
        self.read(true)?;
        self.since_snapshot = usize::MAX / 2;
        self.tell();
        Ok(())
    }

    /// Where this machine keeps the calendar current, if anywhere.
    pub fn kept_calendar(&self) -> Option<&std::path::Path> {
        self.memory.now.calendar.as_deref()
    }

    /// Whether this machine keeps a memory outside the data directory, where its own settings
    /// last.
    pub fn remembers(&self) -> bool {
        self.memory.is_kept()
    }

    /// Keeps the calendar current at `path` on this machine (or nowhere): remembered outside
    /// the data directory. False when this machine keeps no memory, so the choice cannot last.
    pub fn keep_calendar(&mut self, path: Option<std::path::PathBuf>) -> bool {
        if !self.memory.is_kept() {
            return false;
        }
        self.memory.now.calendar = path;
        self.memory.save();
        true
    }

    /// Records kept for a newer Waymark.
    pub fn waiting(&self) -> &[Waiting] {
        &self.waiting
    }
}

/// The name a conflict copy's cursor is kept under: its machine and its file name (a machine
/// id is a slug, so it holds no `/`).
fn copy_cursor(id: &str, copy: &Path) -> String {
    let file = copy.file_name().map(|n| n.to_string_lossy().into_owned());
    format!("{id}/{}", file.unwrap_or_default())
}

/// The machines' folders: `machines/<id>` for each id that is a slug (a link too: the reader
/// says why it is not read).
fn machine_dirs(root: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(root.join(MACHINES_DIR)) else {
        return Vec::new();
    };
    let mut dirs: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() || t.is_symlink()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            crate::curriculum::is_slug(&name).then(|| (name, e.path()))
        })
        .collect();
    dirs.sort();
    dirs
}
