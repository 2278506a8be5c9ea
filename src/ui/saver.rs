//! Saving `state.ron` off the UI thread.
//!
//! Serializing and writing a long activity log takes hundreds of milliseconds, far more than a
//! frame. A frame hands a copy of the state (cheap: see [`crate::progress::ActivityLog`]) to one
//! worker thread and goes on. One worker means saves land in the order they were made; when
//! several are waiting, only the newest is written, since it holds everything the others do.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use crate::progress::State;
use crate::storage::{StorageError, save_state_at};

/// What the worker reports for each write: how many handed-over states it covered.
struct Outcome {
    saves: usize,
    result: Result<(), StorageError>,
}

pub(crate) struct Saver {
    path: PathBuf,
    worker: Option<Worker>,
    /// Saves handed over and not yet reported.
    pending: usize,
}

struct Worker {
    jobs: Sender<State>,
    outcomes: Receiver<Outcome>,
    thread: JoinHandle<()>,
}

impl Saver {
    /// Saves to `path`; the thread starts with the first save.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            worker: None,
            pending: 0,
        }
    }

    /// True while a handed-over state may not be on disk yet.
    pub fn is_busy(&self) -> bool {
        self.pending > 0
    }

    /// Hands `state` to the worker. `ctx` is woken if the save fails, so the window can say so.
    pub fn save(&mut self, state: State, ctx: &egui::Context) -> Result<(), StorageError> {
        let worker = match self.worker.take() {
            Some(worker) => worker,
            None => self.spawn(ctx.clone())?,
        };
        match worker.jobs.send(state) {
            Ok(()) => {
                self.worker = Some(worker);
                self.pending += 1;
                Ok(())
            }
            // The worker is gone (only a bug could make it panic): save on this thread instead.
            // This state holds everything the lost ones did, so it stands for them too.
            Err(mpsc::SendError(state)) => {
                self.pending = 0;
                save_state_at(&self.path, &state)
            }
        }
    }

    fn spawn(&self, ctx: egui::Context) -> Result<Worker, StorageError> {
        let (jobs, inbox) = mpsc::channel::<State>();
        let (report, outcomes) = mpsc::channel();
        let path = self.path.clone();
        let thread = std::thread::Builder::new()
            .name("waymark-save".into())
            .spawn(move || {
                while let Ok(mut state) = inbox.recv() {
                    let mut saves = 1;
                    // A newer state holds everything an older one does: write only the newest.
                    while let Ok(newer) = inbox.try_recv() {
                        state = newer;
                        saves += 1;
                    }
                    let result = save_state_at(&path, &state);
                    drop(state);
                    let failed = result.is_err();
                    if report.send(Outcome { saves, result }).is_err() {
                        return;
                    }
                    // Only a failure needs a frame of its own (for its banner): a save that
                    // worked changes nothing on screen, and a frame that no input asked for is
                    // a frame wasted.
                    if failed {
                        ctx.request_repaint();
                    }
                }
            })
            .map_err(|source| StorageError::Io {
                path: self.path.clone(),
                source,
            })?;
        Ok(Worker {
            jobs,
            outcomes,
            thread,
        })
    }

    /// The errors of saves that finished since the last call, without waiting.
    pub fn finished(&mut self) -> Vec<StorageError> {
        let mut errors = Vec::new();
        while let Some(worker) = &self.worker {
            match worker.outcomes.try_recv() {
                Ok(outcome) => self.count(outcome, &mut errors),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => self.lost(&mut errors),
            }
        }
        errors
    }

    /// Waits until every handed-over state is on disk (or has failed); returns the errors.
    pub fn wait(&mut self) -> Vec<StorageError> {
        let mut errors = self.finished();
        while self.pending > 0 {
            let Some(worker) = &self.worker else {
                self.pending = 0;
                break;
            };
            match worker.outcomes.recv() {
                Ok(outcome) => self.count(outcome, &mut errors),
                Err(_) => self.lost(&mut errors),
            }
        }
        errors
    }

    fn count(&mut self, outcome: Outcome, errors: &mut Vec<StorageError>) {
        self.pending = self.pending.saturating_sub(outcome.saves);
        errors.extend(outcome.result.err());
    }

    /// The worker stopped (only a bug could make it panic): what it had not written is lost,
    /// which the window must hear of, and the next save starts a new worker.
    fn lost(&mut self, errors: &mut Vec<StorageError>) {
        self.worker = None;
        if std::mem::take(&mut self.pending) > 0 {
            errors.push(StorageError::Io {
                path: self.path.clone(),
                source: std::io::Error::other("the saving thread stopped before writing"),
            });
        }
    }
}

impl Drop for Saver {
    /// Lets the last save finish: the process must not end with `state.ron` half-handed-over.
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            drop(worker.jobs);
            let _ = worker.thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::state_from_ron;

    fn saved(path: &std::path::Path) -> State {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        state_from_ron("state.ron", &text).unwrap_or_default()
    }

    /// A saver writing `state.ron` in a fresh temporary directory (kept alive by the caller).
    fn saver() -> (tempfile::TempDir, std::path::PathBuf, Saver, egui::Context) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("state.ron");
        let saver = Saver::new(path.clone());
        (dir, path, saver, egui::Context::default())
    }

    fn with_hours(hours: f64) -> State {
        State {
            hours_per_week: hours,
            ..State::default()
        }
    }

    #[test]
    fn the_newest_of_many_quick_saves_is_what_lands() {
        let (_dir, path, mut saver, ctx) = saver();
        for hours in 1..=50 {
            assert!(saver.save(with_hours(f64::from(hours)), &ctx).is_ok());
        }
        assert!(saver.is_busy());
        assert!(saver.wait().is_empty());
        assert!(!saver.is_busy(), "every handed-over save is accounted for");
        assert_eq!(saved(&path).hours_per_week, 50.0);
    }

    #[test]
    fn a_failed_save_is_reported_and_the_next_one_still_runs() {
        let (_dir, path, mut saver, ctx) = saver();
        std::fs::create_dir_all(path.join("blocker")).expect("a folder in the way");
        assert!(saver.save(with_hours(3.0), &ctx).is_ok());
        let errors = saver.wait();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().contains("state.ron"), "{}", errors[0]);
        std::fs::remove_dir_all(&path).expect("the folder goes");
        assert!(saver.save(with_hours(4.0), &ctx).is_ok());
        assert!(saver.wait().is_empty());
        assert_eq!(saved(&path).hours_per_week, 4.0);
    }

    #[test]
    fn dropping_the_saver_lets_the_last_save_finish() {
        let (_dir, path, mut saver, ctx) = saver();
        assert!(saver.save(with_hours(9.0), &ctx).is_ok());
        drop(saver);
        assert_eq!(saved(&path).hours_per_week, 9.0);
    }
}
