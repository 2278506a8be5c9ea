//! Writing this machine's records off the UI thread.
//!
//! A save is the lines of the records that changed since the last one; appending them and
//! waiting for the disk to have them (fsync) can take longer than a frame, so a frame hands
//! them to one worker thread and goes on. One worker means records land in the order they
//! were made. Lines that could not be written stay with the worker and go first at its next
//! write: a change is never dropped because one write failed.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use crate::storage::{StorageError, append_durably};

/// What the worker reports for each write: how many handed-over saves it covered, and the
/// file's length after them (or why they failed).
struct Outcome {
    saves: usize,
    result: Result<u64, StorageError>,
}

pub(crate) struct Saver {
    path: PathBuf,
    worker: Option<Worker>,
    /// Saves handed over and not yet reported.
    pending: usize,
}

struct Worker {
    jobs: Sender<Vec<u8>>,
    outcomes: Receiver<Outcome>,
    thread: JoinHandle<()>,
}

impl Saver {
    /// Appends to `path`; the thread starts with the first save.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            worker: None,
            pending: 0,
        }
    }

    /// True while a handed-over save may not be on disk yet.
    pub fn is_busy(&self) -> bool {
        self.pending > 0
    }

    /// Hands `lines` to the worker (empty: only to write again what failed before). `ctx` is
    /// woken if the write fails, so the window can say so.
    pub fn save(&mut self, lines: Vec<u8>, ctx: &egui::Context) -> Result<(), StorageError> {
        if lines.is_empty() && self.worker.is_none() {
            return Ok(());
        }
        let worker = match self.worker.take() {
            Some(worker) => worker,
            None => self.spawn(ctx.clone())?,
        };
        match worker.jobs.send(lines) {
            Ok(()) => {
                self.worker = Some(worker);
                self.pending += 1;
                Ok(())
            }
            // The worker is gone (only a bug could make it panic): write on this thread. What
            // the lost worker held is gone with it, and `lost` reports that.
            Err(mpsc::SendError(lines)) => {
                self.pending = 0;
                append_durably(&self.path, &lines).map(|_| ())
            }
        }
    }

    fn spawn(&self, ctx: egui::Context) -> Result<Worker, StorageError> {
        let (jobs, inbox) = mpsc::channel::<Vec<u8>>();
        let (report, outcomes) = mpsc::channel();
        let path = self.path.clone();
        let thread = std::thread::Builder::new()
            .name("waymark-save".into())
            .spawn(move || {
                // Lines not yet on disk: what failed before, then what came since.
                let mut unwritten: Vec<u8> = Vec::new();
                while let Ok(lines) = inbox.recv() {
                    unwritten.extend(lines);
                    let mut saves = 1;
                    while let Ok(more) = inbox.try_recv() {
                        unwritten.extend(more);
                        saves += 1;
                    }
                    let result = append_durably(&path, &unwritten);
                    let failed = result.is_err();
                    if !failed {
                        unwritten.clear();
                    }
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

    /// The outcomes of saves that finished since the last call (the file's length after them,
    /// or why they failed), without waiting.
    pub fn finished(&mut self) -> Vec<Result<u64, StorageError>> {
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

    /// Waits until every handed-over save is on disk (or has failed); returns their outcomes.
    pub fn wait(&mut self) -> Vec<Result<u64, StorageError>> {
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

    fn count(&mut self, outcome: Outcome, outcomes: &mut Vec<Result<u64, StorageError>>) {
        self.pending = self.pending.saturating_sub(outcome.saves);
        outcomes.push(outcome.result);
    }

    /// The worker stopped (only a bug could make it panic): what it had not written is lost,
    /// which the window must hear of, and the next save starts a new worker.
    fn lost(&mut self, errors: &mut Vec<Result<u64, StorageError>>) {
        self.worker = None;
        if std::mem::take(&mut self.pending) > 0 {
            errors.push(Err(StorageError::Io {
                path: self.path.clone(),
                source: std::io::Error::other("the saving thread stopped before writing"),
            }));
        }
    }
}

impl Drop for Saver {
    /// Lets the last write finish: the process must not end with records half-handed-over.
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

    /// A saver appending to a file in a fresh temporary directory (kept alive by the caller).
    fn saver() -> (tempfile::TempDir, std::path::PathBuf, Saver, egui::Context) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("machines").join("me").join("changes.ron");
        let saver = Saver::new(path.clone());
        (dir, path, saver, egui::Context::default())
    }

    fn lines(path: &std::path::Path) -> Vec<String> {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn saves_land_in_the_order_they_were_made() {
        let (_dir, path, mut saver, ctx) = saver();
        for n in 1..=50 {
            assert!(saver.save(format!("{n}\n").into_bytes(), &ctx).is_ok());
        }
        assert!(saver.wait().iter().all(Result::is_ok));
        assert!(!saver.is_busy(), "every handed-over save is accounted for");
        let expected: Vec<String> = (1..=50).map(|n| n.to_string()).collect();
        assert_eq!(lines(&path), expected);
    }

    #[test]
    fn a_failed_write_is_reported_and_its_lines_go_first_at_the_next() {
        let (_dir, path, mut saver, ctx) = saver();
        std::fs::create_dir_all(&path).expect("a folder in the way");
        assert!(saver.save(b"one\n".to_vec(), &ctx).is_ok());
        let errors: Vec<StorageError> = saver.wait().into_iter().filter_map(Result::err).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].to_string().contains("changes.ron"),
            "{}",
            errors[0]
        );
        std::fs::remove_dir_all(&path).expect("the folder goes");
        assert!(saver.save(b"two\n".to_vec(), &ctx).is_ok());
        assert!(saver.wait().iter().all(Result::is_ok));
        assert_eq!(lines(&path), ["one", "two"]);
    }

    #[test]
    fn dropping_the_saver_lets_the_last_write_finish() {
        let (_dir, path, mut saver, ctx) = saver();
        assert!(saver.save(b"last\n".to_vec(), &ctx).is_ok());
        drop(saver);
        assert_eq!(lines(&path), ["last"]);
    }
}
