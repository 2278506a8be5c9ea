//! The desktop window: a thin layer over [`crate::workspace`].

use std::path::PathBuf;

/// Opens the window on the data directory `data_dir`. Returns when the window closes.
pub fn run(data_dir: PathBuf) -> eframe::Result {
    let _ = data_dir;
    todo!("the window: helper F")
}
