//! This machine: its id, kept outside the data directory (so that a synced folder never
//! carries it to another machine), and its name.

use std::path::PathBuf;

/// The environment variable that sets this machine's id (for tests and scripts).
pub const DEVICE_VAR: &str = "WAYMARK_DEVICE";

/// This machine as its records name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// 1–64 of `a-z`, `0-9` and `-`: the name of its folder under `machines/`.
    pub id: String,
    /// What the learner calls it ("laptop"): its host name.
    pub name: String,
    /// Where this machine keeps its memory of data directories (see
    /// [`crate::storage::memory`]); `None`: it remembers nothing between openings.
    pub memory_dir: Option<PathBuf>,
    /// The id was given (`WAYMARK_DEVICE`, or a test's): Waymark may not choose another.
    pub fixed: bool,
}

impl Device {
    /// A device with the id `id` (for tests); its name is the id, and it keeps no memory.
    pub fn named(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: id.to_owned(),
            memory_dir: None,
            fixed: true,
        }
    }

    /// The same device keeping its memory in `dir`.
    #[must_use]
    pub fn remembering_in(mut self, dir: &std::path::Path) -> Self {
        self.memory_dir = Some(dir.to_path_buf());
        self
    }

    /// A new id for this machine, kept for the next start, when another machine turned out to
    /// share its id (a copied home or data folder). `None` when the id was given, or cannot be
    /// kept.
    pub fn renew(&self) -> Option<Self> {
        if self.fixed {
            return None;
        }
        let made = format!("{}-{:06x}", slug(&self.name), random24());
        let path = id_file()?;
        std::fs::create_dir_all(path.parent()?).ok()?;
        crate::storage::write_atomic(&path, made.as_bytes()).ok()?;
        Some(Self {
            id: made,
            ..self.clone()
        })
    }
}

/// Why this machine's id could not be had.
#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    #[error("{DEVICE_VAR} is \"{0}\"; a machine's id is 1-64 of a-z, 0-9 and -")]
    BadId(String),
}

/// This machine: `WAYMARK_DEVICE` when set; else the id kept in the platform's local config
/// directory (made the first time, from the host name and a random part); else, when that
/// directory cannot be written, an id made from the host name alone.
pub fn current() -> Result<Device, DeviceError> {
    let host = host_name();
    if let Ok(id) = std::env::var(DEVICE_VAR)
        && !id.trim().is_empty()
    {
        let id = id.trim().to_owned();
        if !crate::curriculum::is_slug(&id) {
            return Err(DeviceError::BadId(id));
        }
        return Ok(Device {
            name: id.clone(),
            id,
            memory_dir: crate::storage::memory::default_dir(),
            fixed: true,
        });
    }
    let made = format!("{}-{:06x}", slug(&host), random24());
    let id = id_file()
        .and_then(|path| {
            if let Ok(text) = std::fs::read_to_string(&path)
                && crate::curriculum::is_slug(text.trim())
            {
                return Some(text.trim().to_owned());
            }
            std::fs::create_dir_all(path.parent()?).ok()?;
            crate::storage::write_atomic(&path, made.as_bytes()).ok()?;
            Some(made.clone())
        })
        .unwrap_or_else(|| slug(&host));
    Ok(Device {
        id,
        name: host,
        memory_dir: crate::storage::memory::default_dir(),
        fixed: false,
    })
}

fn id_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Waymark", "Waymark")
        .map(|dirs| dirs.config_local_dir().join("device"))
}

/// The host name, or "this machine".
fn host_name() -> String {
    let from_file = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_owned());
    from_file
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this machine".to_owned())
}

/// `text` as an id: lower-case letters and digits, runs of anything else as one `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_matches('-').chars().take(40).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "machine".to_owned()
    } else {
        out
    }
}

/// 24 bits that differ between machines and runs: the clock's nanoseconds mixed with the
/// process id. Not for secrets; only so that two machines of the same name get two ids.
fn random24() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mixed = (nanos as u64) ^ (u64::from(std::process::id()) << 32);
    let mixed = mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> 40) as u32 & 0x00ff_ffff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_become_ids() {
        assert_eq!(slug("Ada's MacBook Pro.local"), "ada-s-macbook-pro-local");
        assert_eq!(slug("---"), "machine");
        assert!(crate::curriculum::is_slug(&slug(&"x".repeat(100))));
    }
}
