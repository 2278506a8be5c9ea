//! What each machine says of itself, in `machines/<id>/about.ron`: the Waymark that runs there
//! and the revisions of the curricula bundled with it. A learner upgrades one machine at a
//! time; a machine still on an older Waymark reads its newer neighbours' files to say why it
//! keeps some progress aside (the records name milestones of a revision it does not have).
//!
//! Another machine's file is untrusted input: it is read only when it is a regular file of at
//! most [`MAX_ABOUT_BYTES`], fields this version does not know are ignored, and a file that
//! does not parse is passed over. It only ever changes what a message says.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::storage::StorageError;
use crate::storage::journal::MACHINES_DIR;

pub const ABOUT_FILE: &str = "about.ron";

/// The largest `about.ron` read: a few curricula's revisions fit in a few hundred bytes.
pub const MAX_ABOUT_BYTES: u64 = 64 * 1024;

/// The format of `about.ron` this version writes.
const ABOUT_FORMAT: u32 = 1;

/// One machine's account of itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct About {
    pub format: u32,
    /// The Waymark version that wrote it.
    pub waymark: String,
    /// The revision of each curriculum bundled with that Waymark, by id.
    pub bundled: BTreeMap<String, u32>,
    /// That Waymark plans a curriculum without focus areas only when the learner put it in
    /// focus whole; the versions before kept one in any chosen focus. Absent (false) in a file
    /// an older version wrote.
    pub whole_focus: bool,
}

impl About {
    /// This Waymark, with the revisions of `bundled`.
    pub fn this<'c>(bundled: impl IntoIterator<Item = &'c crate::curriculum::Curriculum>) -> Self {
        Self {
            format: ABOUT_FORMAT,
            waymark: env!("CARGO_PKG_VERSION").to_owned(),
            whole_focus: true,
            bundled: bundled
                .into_iter()
                .map(|c| (c.id.clone(), c.revision))
                .collect(),
        }
    }
}

fn path(root: &Path, device: &str) -> std::path::PathBuf {
    root.join(MACHINES_DIR).join(device).join(ABOUT_FILE)
}

/// Writes this machine's account, when it says something new.
pub fn write_own(root: &Path, device: &str, about: &About) -> Result<(), StorageError> {
    let path = path(root, device);
    if read(&path).as_ref() == Some(about) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(crate::storage::io_at(dir))?;
    }
    let text = ron::to_string(about).map_err(|e| StorageError::Io {
        path: path.clone(),
        source: std::io::Error::other(e.to_string()),
    })?;
    crate::storage::write_atomic(&path, text.as_bytes())
}

/// This machine's own account as it was last written, by this or an older Waymark.
pub fn read_own(root: &Path, device: &str) -> Option<About> {
    read(&path(root, device))
}

/// A machine's account, when its file is a readable regular file of a sane size that parses.
fn read(path: &Path) -> Option<About> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() || meta.len() > MAX_ABOUT_BYTES {
        return None;
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .ok()?
        .take(MAX_ABOUT_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    ron::from_str(&text).ok()
}

/// Every other machine's account, by machine id.
pub fn read_others(root: &Path, own: &str) -> BTreeMap<String, About> {
    let Ok(entries) = std::fs::read_dir(root.join(MACHINES_DIR)) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let id = e.file_name().to_string_lossy().into_owned();
            (id != own && crate::curriculum::is_slug(&id)).then_some(id)
        })
        .filter_map(|id| read(&path(root, &id)).map(|about| (id, about)))
        .collect()
}
