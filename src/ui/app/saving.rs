//! Saving and arrivals: this machine's records handed to the saving thread a moment after the
//! last change (and before the window closes), and other machines' records merged when the
//! watcher sees their files change.

use std::time::Duration;

use super::App;
use crate::storage::{Problem, StorageError};
use crate::ui::notices::Banner;
use crate::ui::theme::Severity;

/// Wait this long after the last change before saving, so that typing does not write per key.
pub const SAVE_DELAY: Duration = Duration::from_secs(1);

/// The longest a burst of changes stays unsaved.
const MAX_UNSAVED_SECS: f64 = 10.0;

/// When the learner's changes are due on disk.
#[derive(Debug, Default)]
pub(super) struct Autosave {
    /// Input time of the first unsaved change.
    pub(super) unsaved_since: Option<f64>,
    /// Input time of the newest change.
    last_change: f64,
    /// A save failed: the records are to be saved again a moment from now.
    pub(super) retry: bool,
    /// The window moved or was resized: `ui.ron` is to be written (input time of the change).
    pub(super) prefs_changed: Option<f64>,
}

/// What is newly wrong in the synced folder, as one banner: said once, with where and why.
pub(super) fn problems_banner(news: &[Problem]) -> Option<Banner> {
    if news.is_empty() {
        return None;
    }
    let shown: Vec<&str> = news.iter().take(3).map(|p| p.text.as_str()).collect();
    let more = match news.len() {
        0..=3 => String::new(),
        n => format!(" (and {} more; Settings lists what lasts)", n - 3),
    };
    Some(Banner {
        severity: Severity::Warning,
        text: format!(
            "Something in the synced folder needs a look; everything else is here: {}{more}",
            shown.join("; ")
        ),
        dismissable: true,
    })
}

impl App {
    /// Notes a change for the autosave, and replans when the plan may differ.
    pub(super) fn changed(&mut self, ctx: &egui::Context, replan: bool) {
        let now = ctx.input(|i| i.time);
        self.autosave.unsaved_since.get_or_insert(now);
        // Debounce: every change pushes the save back; one wake-up when it is due.
        self.autosave.last_change = now;
        ctx.request_repaint_after(SAVE_DELAY);
        if replan {
            self.refresh();
        }
    }

    /// Hands this machine's records not yet on disk to the saving thread; the frame does not
    /// wait.
    pub(super) fn save_in_background(&mut self, ctx: &egui::Context) {
        if self.autosave.unsaved_since.take().is_none() || self.read_only() {
            return;
        }
        // The records of what changed: a few lines, whatever the history holds. An empty
        // hand-over asks the worker to write again what failed before.
        let lines = self.workspace.take_unwritten();
        let result = self.saver.save(lines, ctx);
        self.save_failed(result.err());
        self.keep_calendar_current();
    }

    /// Rewrites the calendar this machine keeps current, if any, after changes: a failure is a
    /// banner (once while it says the same), and costs only the copy.
    pub(super) fn keep_calendar_current(&mut self) {
        if let Some(Err(e)) = crate::calendar::refresh_kept(&self.workspace, (self.clock)()) {
            self.banner_once(
                Severity::Warning,
                format!("The calendar kept current was not updated: {e}"),
            );
        }
    }

    /// Hands what is unsaved to the saving thread now, without waiting for the autosave's
    /// pause (benchmarks time a change up to here).
    pub fn hand_over(&mut self, ctx: &egui::Context) {
        self.save_in_background(ctx);
    }

    /// Saves anything unsaved and waits until every save is on disk: before the window closes,
    /// before anything else writes this machine's records, and when a test reads the disk.
    pub fn finish_saves(&mut self, ctx: &egui::Context) {
        self.save_in_background(ctx);
        self.wait_for_saves();
        if self.autosave.prefs_changed.take().is_some() {
            self.save_prefs();
        }
        if !self.read_only() && !self.saver.is_busy() {
            // A snapshot that fails to write costs only time at the next opening.
            let _ = self.workspace.write_snapshot_if_due();
        }
    }

    /// Waits for the saves already handed over to the saving thread, so that a write made now
    /// lands after them (and a test can read what they wrote). Their errors become banners.
    pub fn wait_for_saves(&mut self) {
        for outcome in self.saver.wait() {
            self.saved(outcome);
        }
    }

    /// Takes in the saves the thread finished since the last frame, without waiting.
    pub(super) fn saves_finished(&mut self) {
        for outcome in self.saver.finished() {
            self.saved(outcome);
        }
    }

    fn saved(&mut self, outcome: Result<u64, StorageError>) {
        match outcome {
            Ok(len) => self.workspace.wrote(len),
            Err(e) => self.save_failed(Some(e)),
        }
    }

    /// Turns a failed save into a banner (once while it says the same) and has the records
    /// saved again a moment later: they stay in memory until a save works.
    pub(super) fn save_failed(&mut self, error: Option<StorageError>) {
        if let Some(e) = error {
            self.banner_once(
                Severity::Error,
                format!("Could not save your progress: {e}"),
            );
            self.autosave.retry = true;
        }
    }

    pub(super) fn autosave_ui(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Some(changed) = self.autosave.prefs_changed {
            if now >= changed + SAVE_DELAY.as_secs_f64() {
                self.autosave.prefs_changed = None;
                self.save_prefs();
            } else {
                ctx.request_repaint_after(SAVE_DELAY);
            }
        }
        let Some(first) = self.autosave.unsaved_since else {
            return;
        };
        // Saved a moment after the last change, and at least every few seconds of non-stop typing.
        let due =
            (self.autosave.last_change + SAVE_DELAY.as_secs_f64()).min(first + MAX_UNSAVED_SECS);
        if now >= due {
            self.save_in_background(ctx);
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
        }
    }

    /// Merges what other machines recorded, when the watcher saw their files change: this
    /// machine's changes are handed to the saving thread first, and a toast says what arrived
    /// ("Merged 12 changes from laptop"). Undo goes on: an undo of something another machine
    /// has changed since is refused, saying so.
    pub(super) fn merge_arrivals(&mut self, ctx: &egui::Context) {
        if self.watcher.is_none() && !self.read_only() {
            let id = self.workspace.device().id.clone();
            let root = self.workspace.data_dir().root().to_path_buf();
            self.watcher = Some(crate::ui::watch::Watcher::start(&root, &id, ctx.clone()));
        }
        if !self
            .watcher
            .as_ref()
            .is_some_and(crate::ui::watch::Watcher::take)
        {
            return;
        }
        if self.autosave.unsaved_since.is_some() {
            self.save_in_background(ctx);
        }
        match self.workspace.merge_others() {
            Ok((arrived, news)) => {
                self.banners.extend(problems_banner(&news));
                if !arrived.is_empty() {
                    let text = arrived
                        .iter()
                        .map(|(name, n)| {
                            format!(
                                "{n} {} from {name}",
                                if *n == 1 { "change" } else { "changes" }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.toast(ctx, Severity::Info, format!("Merged {text}."), false);
                    self.refresh();
                    self.keep_calendar_current();
                }
                // A burst recorded before the merge waits for the next save.
                if self.workspace.has_unwritten() {
                    self.changed(ctx, false);
                }
            }
            Err(e) => self.banners.push(Banner {
                severity: Severity::Error,
                text: format!("Could not read another machine's changes: {e}"),
                dismissable: true,
            }),
        }
    }
}
