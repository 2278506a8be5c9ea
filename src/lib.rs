//! Waymark plans and tracks a learner's path to becoming an AI engineer.
//!
//! Data flows one way: file -> [`curriculum`] -> [`progress`] + [`plan`] -> `ui` or [`cli`].
//! Nothing under `curriculum`, `progress`, `plan` or `storage` knows egui.

pub mod bundled;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod curriculum;
pub mod guide;
pub mod mentor;
pub mod plan;
pub mod portfolio;
pub mod progress;
pub mod report;
pub mod storage;
pub mod sync;
pub mod ui;
pub mod workspace;
