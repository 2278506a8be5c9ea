//! The other machines as the workspace sees them: what they call themselves, merging what they
//! recorded, what is wrong in the synced folder, and leaving one out.

use chrono::{DateTime, Utc};

use super::{Workspace, WorkspaceError};
use crate::storage::{Problem, StorageError};

/// What a merge of other machines' records brought: how many records from each machine (by
/// name), and what is newly wrong in the synced folder.
pub type Merged = (Vec<(String, usize)>, Vec<Problem>);

/// A machine whose changes are merged, as the settings show it.
#[derive(Clone, Debug, PartialEq)]
pub struct MachineSeen {
    pub id: String,
    pub name: String,
    /// When its latest change was made.
    pub last_seen: Option<DateTime<Utc>>,
    /// This machine.
    pub this: bool,
    /// What is wrong with its files, if anything.
    pub problems: Vec<String>,
    /// Its records are left out on this machine.
    pub ignored: bool,
}

impl Workspace {
    /// What machine `id` calls itself ("laptop"), or its id when it never said.
    pub fn machine_name(&self, id: &str) -> String {
        self.journal
            .replica()
            .machines()
            .get(id)
            .and_then(|m| m.name())
            .map_or_else(|| id.to_owned(), str::to_owned)
    }

    /// Whether another machine's files changed since they were read (sizes alone: cheap).
    pub fn others_changed(&self) -> bool {
        self.journal.others_changed()
    }

    /// Merges what other machines recorded since their files were last read, and makes the
    /// state again from everything merged. The change in progress is recorded first. Returns
    /// how many records arrived from each machine (by name), and what is newly wrong.
    pub fn merge_others(&mut self) -> Result<Merged, StorageError> {
        if let Err(e) = self.commit_draft() {
            return Err(StorageError::Io {
                path: self.changes_path(),
                source: std::io::Error::other(e.to_string()),
            });
        }
        let arrived = self.journal.read_others(self.clock.bound_ms())?;
        let news = self.journal.take_news();
        self.peers = crate::sync::about::read_others(self.data.root(), &self.journal.device().id);
        if arrived.total() == 0 {
            // The copy of a curriculum whose records came earlier may have arrived since.
            if self.copies_arrived() {
                self.reload_curricula();
            }
            return Ok((Vec::new(), news));
        }
        // Another machine may have imported, updated or removed a curriculum.
        self.reload_curricula();
        let arrived = arrived
            .records
            .into_iter()
            .map(|(id, n)| (self.machine_name(&id), n))
            .collect();
        Ok((arrived, news))
    }

    /// What is wrong in the synced folder now (files not read, records waiting for a newer
    /// Waymark, a clock from the future): listed for as long as it lasts.
    pub fn sync_problems(&self) -> Vec<Problem> {
        self.journal.problems()
    }

    /// Leaves machine `id`'s records out of what this machine shows, or takes them in again
    /// (see [`Journal::ignore`]); the state is made again.
    pub fn ignore_machine(&mut self, id: &str, ignore: bool) -> Result<(), WorkspaceError> {
        if id == self.journal.device().id {
            return Ok(());
        }
        self.commit_draft()?;
        self.journal.ignore(id, ignore, self.clock.bound_ms())?;
        self.reload_curricula();
        Ok(())
    }

    /// This machine and every machine whose changes are merged, this one first.
    pub fn machines(&self) -> Vec<MachineSeen> {
        let this = self.journal.device();
        let problems = self.journal.problems();
        let about = |id: &str| -> Vec<String> {
            problems
                .iter()
                .filter(|p| p.machine.as_deref() == Some(id))
                .map(|p| p.text.clone())
                .collect()
        };
        let mut seen: Vec<MachineSeen> = self
            .journal
            .replica()
            .machines()
            .iter()
            .map(|(id, m)| MachineSeen {
                id: id.clone(),
                name: self.machine_name(id),
                last_seen: i64::try_from(m.last_seen.ms)
                    .ok()
                    .and_then(DateTime::from_timestamp_millis),
                this: *id == this.id,
                problems: about(id),
                ignored: self.journal.ignored().contains(id),
            })
            .collect();
        // A machine left out is listed still, so that it can be taken in again.
        for id in self.journal.ignored() {
            if !seen.iter().any(|m| m.id == *id) {
                seen.push(MachineSeen {
                    id: id.clone(),
                    name: id.clone(),
                    last_seen: None,
                    this: false,
                    problems: about(id),
                    ignored: true,
                });
            }
        }
        if !seen.iter().any(|m| m.this) {
            seen.push(MachineSeen {
                id: this.id.clone(),
                name: this.name.clone(),
                last_seen: None,
                this: true,
                problems: about(&this.id),
                ignored: false,
            });
        }
        seen.sort_by_key(|m| !m.this);
        seen
    }
}
