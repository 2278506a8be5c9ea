//! The desktop window: a thin layer over [`crate::workspace`].
//!
//! [`app`] is the shell (the frame loop, the command queue, undo and saving); [`command`] and
//! [`ui_command`] are the leaves every screen speaks through; each screen is its own module
//! with its own state: [`dashboard`], [`curricula`], [`mentor`], [`sharing`] (laying out
//! [`import`], [`export`] and [`manage`]), [`settings`] (with [`periods`]) and the guide's
//! [`onboarding`].

mod app;
mod checkin;
mod command;
mod curricula;
mod dashboard;
mod date_picker;
mod export;
mod file_dialog;
mod import;
mod manage;
mod markdown_view;
mod mentor;
mod notices;
mod onboarding;
mod periods;
mod portfolio;
mod prefs;
mod saver;
mod search;
mod settings;
mod sharing;
pub mod theme;
mod timer;
mod top_bar;
mod ui_command;
mod watch;

use std::path::PathBuf;

pub use crate::clock::Clock;
pub use app::{App, SAVE_DELAY};
pub use command::{Command, Screen};
pub use notices::{Banner, Toast};
pub use prefs::{MIN_WINDOW, UiPrefs, WindowPlace};
pub use theme::ThemeChoice;

/// The window icon, drawn for Waymark (a waymark flag on a path).
const ICON_PNG: &[u8] = include_bytes!("../../assets/waymark.png");

/// Opens the window on the data directory `data_dir`, at the size and place it had when it
/// last closed. Returns when the window closes.
pub fn run(data_dir: PathBuf, clock: Clock) -> eframe::Result {
    let device = crate::sync::device::current().map_or_else(|_| String::new(), |d| d.id);
    let mut viewport = UiPrefs::load(&data_dir, &device).viewport();
    // A broken icon is cosmetic: the window opens without it.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        // Waymark keeps the window's size in the machine's own ui.ron.
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native(
        "Waymark",
        options,
        Box::new(move |_cc| {
            let app = App::open(&data_dir, clock)?;
            Ok(Box::new(app))
        }),
    )
}
