//! The desktop window: a thin layer over [`crate::workspace`].

mod app;
mod curricula;
mod dashboard;
mod history;
mod manage;
mod mentor;
mod onboarding;
mod saver;
mod search;
mod settings;
mod sharing;
pub mod theme;
mod watch;

use std::path::PathBuf;

pub use crate::clock::Clock;
pub use app::{App, Banner, Command, SAVE_DELAY, Screen, is_web_url};
pub use theme::ThemeChoice;

/// The window icon, drawn for Waymark (a waymark flag on a path).
const ICON_PNG: &[u8] = include_bytes!("../../assets/waymark.png");

/// Opens the window on the data directory `data_dir`. Returns when the window closes.
pub fn run(data_dir: PathBuf, clock: Clock) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Waymark")
        .with_app_id("waymark")
        .with_inner_size([1180.0, 760.0])
        .with_min_inner_size([720.0, 480.0]);
    // A broken icon is cosmetic: the window opens without it.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
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
