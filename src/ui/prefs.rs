//! The window's own preferences, kept in the data directory's `ui.ron` (`state.ron` holds the
//! learner's data, not how the window looks): the theme, the window's size and place, and the
//! guide's answers.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::command::GuideAnswers;
use super::theme::ThemeChoice;
use crate::storage::StorageError;

/// The smallest window in which every screen still fits.
pub const MIN_WINDOW: [f32; 2] = [640.0, 480.0];
/// A first window, before the learner has sized one.
pub const FIRST_WINDOW: [f32; 2] = [1180.0, 760.0];

/// Where the window was and how big, in points.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowPlace {
    pub width: f32,
    pub height: f32,
    /// The outer top-left corner, where the platform reports one.
    pub x: Option<f32>,
    pub y: Option<f32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiPrefs {
    pub theme: ThemeChoice,
    pub window: Option<WindowPlace>,
    pub guide: GuideAnswers,
    /// The revision of each bundled curriculum whose news this machine has shown, by id.
    pub seen_revisions: std::collections::BTreeMap<String, u32>,
}

const PREFS_FILE: &str = "ui.ron";

impl UiPrefs {
    /// The preferences of machine `device` in the data directory `root`: its own
    /// `machines/<id>/ui.ron` (each machine has its own screen, so its own window size, and a
    /// file only it writes), else the `ui.ron` a data directory from before sync kept at its
    /// root; defaults where there are none or they cannot be read (they are only how the
    /// window looks).
    pub fn load(root: &Path, device: &str) -> Self {
        [Self::path(root, device), root.join(PREFS_FILE)]
            .iter()
            .find_map(|path| {
                let text = std::fs::read_to_string(path).ok()?;
                ron::from_str(&text).ok()
            })
            .unwrap_or_default()
    }

    pub fn save(&self, root: &Path, device: &str) -> Result<(), StorageError> {
        let text = ron::to_string(self).unwrap_or_default();
        let path = Self::path(root, device);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(crate::storage::io_at(dir))?;
        }
        crate::storage::write_atomic(&path, text.as_bytes())
    }

    fn path(root: &Path, device: &str) -> std::path::PathBuf {
        root.join(crate::storage::journal::MACHINES_DIR)
            .join(device)
            .join(PREFS_FILE)
    }

    /// The window to open: the size and place it had, never below [`MIN_WINDOW`].
    pub fn viewport(&self) -> egui::ViewportBuilder {
        let size = self.window.map_or(FIRST_WINDOW, |w| {
            [w.width.max(MIN_WINDOW[0]), w.height.max(MIN_WINDOW[1])]
        });
        let mut viewport = egui::ViewportBuilder::default()
            .with_title("Waymark")
            .with_app_id("waymark")
            .with_inner_size(size)
            .with_min_inner_size(MIN_WINDOW);
        if let Some(WindowPlace {
            x: Some(x),
            y: Some(y),
            ..
        }) = self.window
        {
            viewport = viewport.with_position([x, y]);
        }
        viewport
    }

    /// Takes the window's size and place from what the platform reports; true when it moved
    /// or was resized.
    pub fn follow_window(&mut self, info: &egui::ViewportInfo) -> bool {
        let Some(inner) = info.inner_rect else {
            return false;
        };
        if info.minimized == Some(true) || inner.width() < 1.0 {
            return false;
        }
        let outer = info.outer_rect.map(|r| r.min);
        let place = WindowPlace {
            width: inner.width().round(),
            height: inner.height().round(),
            x: outer.map(|p| p.x.round()),
            y: outer.map(|p| p.y.round()),
        };
        if self.window == Some(place) {
            return false;
        }
        self.window = Some(place);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_reopens_at_the_size_and_place_it_had() {
        let mut prefs = UiPrefs::default();
        let info = egui::ViewportInfo {
            inner_rect: Some(egui::Rect::from_min_size(
                egui::pos2(110.0, 90.0),
                egui::vec2(900.0, 640.0),
            )),
            outer_rect: Some(egui::Rect::from_min_size(
                egui::pos2(100.0, 60.0),
                egui::vec2(920.0, 670.0),
            )),
            ..Default::default()
        };
        assert!(prefs.follow_window(&info));
        assert!(!prefs.follow_window(&info), "the same place is no change");
        let text = ron::to_string(&prefs).unwrap_or_default();
        let read: UiPrefs = ron::from_str(&text).unwrap_or_default();
        let viewport = read.viewport();
        assert_eq!(viewport.inner_size, Some(egui::vec2(900.0, 640.0)));
        assert_eq!(viewport.position, Some(egui::pos2(100.0, 60.0)));
        assert_eq!(viewport.min_inner_size, Some(egui::vec2(640.0, 480.0)));
    }

    #[test]
    fn a_window_is_never_opened_smaller_than_everything_needs() {
        let prefs = UiPrefs {
            window: Some(WindowPlace {
                width: 200.0,
                height: 100.0,
                x: None,
                y: None,
            }),
            ..UiPrefs::default()
        };
        assert_eq!(prefs.viewport().inner_size, Some(egui::vec2(640.0, 480.0)));
        assert_eq!(UiPrefs::default().viewport().position, None);
    }

    #[test]
    fn old_preferences_with_only_a_theme_still_load() {
        let read: UiPrefs = ron::from_str("(theme: Dark)").unwrap_or_default();
        assert_eq!(read.theme, ThemeChoice::Dark);
        assert_eq!(read.window, None);
    }
}
