//! The window's tests, driven headless through `egui_kittest` by label and role.
//!
//! They are one test binary with a module per screen rather than a binary per screen: each
//! binary links eframe, wgpu and the harness, and seven such links cost CI minutes and
//! gigabytes of disk for nothing.
// Helpers outside #[test] fns are test code too (clippy.toml: tests may unwrap).
#![allow(clippy::unwrap_used)]

mod common;
#[path = "../support/mod.rs"]
mod support;

mod calendar;
mod checkin;
mod curricula;
mod dashboard;
mod date_picker;
mod layout;
mod mentor;
mod onboarding;
mod own_goals;
mod periods;
mod portfolio;
mod settings;
mod sharing;
mod snapshots;
mod timer;
