//! Noticing other machines' changes while the window is open: a thread looks at the sizes of
//! the machines' files and the curricula's copies every second and a half and wakes the window
//! when one changed.
//!
//! A poll rather than the platform's file events: the folders a sync tool fills are often on
//! file systems (network mounts, FUSE) where events are not delivered, and looking at a few
//! file sizes costs nothing measurable. The window is only woken when something changed, so an
//! idle window stays idle.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::storage::journal::MACHINES_DIR;

const EVERY: Duration = Duration::from_millis(1500);

pub(crate) struct Watcher {
    arrived: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl Watcher {
    /// Watches the files of every machine but `mine` under `root`.
    pub fn start(root: &Path, mine: &str, ctx: egui::Context) -> Self {
        let arrived = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (flag, halt) = (arrived.clone(), stop.clone());
        let (root, mine) = (root.to_path_buf(), mine.to_owned());
        // A watcher that cannot start leaves the window working; merging then waits for the
        // next time Waymark opens.
        let _ = std::thread::Builder::new()
            .name("waymark-watch".into())
            .spawn(move || {
                let mut last = sizes(&root, &mine);
                while !halt.load(Ordering::Relaxed) {
                    std::thread::sleep(EVERY);
                    let now = sizes(&root, &mine);
                    if now != last {
                        last = now;
                        flag.store(true, Ordering::Relaxed);
                        ctx.request_repaint();
                    }
                }
            });
        Self { arrived, stop }
    }

    /// True once after another machine's files changed.
    pub fn take(&self) -> bool {
        self.arrived.swap(false, Ordering::Relaxed)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Every other machine's files and their sizes, and the curricula's copies (one that another
/// machine imported may arrive after its records), sorted.
fn sizes(root: &Path, mine: &str) -> Vec<(PathBuf, u64)> {
    let mut found = Vec::new();
    if let Ok(copies) = std::fs::read_dir(root.join("curricula")) {
        for file in copies.filter_map(Result::ok) {
            if file.file_name().to_string_lossy().ends_with(".ron") {
                let len = file.metadata().map_or(0, |m| m.len());
                found.push((file.path(), len));
            }
        }
    }
    let Ok(machines) = std::fs::read_dir(root.join(MACHINES_DIR)) else {
        found.sort();
        return found;
    };
    for machine in machines.filter_map(Result::ok) {
        if machine.file_name().to_string_lossy() == mine {
            continue;
        }
        let Ok(files) = std::fs::read_dir(machine.path()) else {
            continue;
        };
        for file in files.filter_map(Result::ok) {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.starts_with("changes") && name.ends_with(".ron") {
                let len = file.metadata().map_or(0, |m| m.len());
                found.push((file.path(), len));
            }
        }
    }
    found.sort();
    found
}
