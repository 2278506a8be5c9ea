//! What is wrong in the synced folder, and telling the learner of it once: the problems found,
//! what is new since they were last told, and a machine found writing under this one's id.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Journal;
use crate::storage::memory::Memory;
use crate::sync::hlc::MAX_AHEAD_MS;

/// Something wrong in the synced folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The same for as long as the problem lasts, so that it is told once.
    pub id: String,
    /// The machine it is about, by id.
    pub machine: Option<String>,
    pub text: String,
    /// Listed (by `status`, in Settings) for as long as it lasts; a skipped line is told once.
    pub lasting: bool,
}

impl Journal {
    pub(super) fn file_problem(&mut self, machine: Option<&str>, path: &Path, why: &str) {
        let id = format!("file:{}", path.display());
        self.file_problems.insert(
            id.clone(),
            Problem {
                id,
                machine: machine.map(str::to_owned),
                text: format!("{} {why}", path.display()),
                lasting: true,
            },
        );
    }

    /// This machine found its own file holding records it never wrote: another machine uses its
    /// id. When the id is Waymark's own choice, this machine takes a new one and writes under it
    /// from now on; both machines' changes stay, under the old id and the new.
    pub(super) fn part_from_twin(&mut self, shared: &str) {
        let renewed = if self.read_only {
            None
        } else {
            self.device.renew()
        };
        let text = match renewed {
            Some(renewed) => {
                let new_id = renewed.id.clone();
                let told = std::mem::take(&mut self.memory.now.told);
                self.device = renewed;
                self.memory = Memory::open(self.device.memory_dir.as_deref(), &self.root, &new_id);
                self.memory.now.told = told;
                self.undo.clear();
                format!(
                    "Another machine wrote as this one (\"{shared}\"): a home or data folder was copied. \
                     Both machines' changes are kept; this machine writes as \"{new_id}\" from now on."
                )
            }
            _ if self.read_only || !self.device.fixed => format!(
                "Another machine wrote as this one (\"{shared}\"): a home or data folder was copied. \
                 Both machines' changes are kept; this machine takes a new id the next time it \
                 saves a change."
            ),
            _ => format!(
                "Another machine writes as this one (\"{shared}\"): a home or data folder was copied, \
                 or WAYMARK_DEVICE is the same on both. Both machines' changes are kept; give one of \
                 them another id (WAYMARK_DEVICE) so that each writes a file of its own."
            ),
        };
        self.news.push(Problem {
            id: format!("twin:{shared}"),
            machine: Some(shared.to_owned()),
            text,
            lasting: false,
        });
    }

    /// What is wrong in the synced folder now, lasting problems only.
    pub fn problems(&self) -> Vec<Problem> {
        let names = |id: &str| {
            self.replica
                .machines()
                .get(id)
                .and_then(|m| m.name())
                .map_or_else(|| id.to_owned(), str::to_owned)
        };
        let mut all: Vec<Problem> = self.file_problems.values().cloned().collect();
        for id in &self.memory.now.ignored {
            all.push(Problem {
                id: format!("ignored:{id}"),
                machine: Some(id.clone()),
                text: format!(
                    "{}'s changes are left out on this machine, as you chose in Settings",
                    names(id)
                ),
                lasting: true,
            });
        }
        let mut waiting: BTreeMap<&str, usize> = BTreeMap::new();
        for w in &self.waiting {
            *waiting.entry(w.machine.as_str()).or_default() += 1;
        }
        for (machine, n) in waiting {
            all.push(Problem {
                id: format!("newer:{machine}:{n}"),
                machine: Some(machine.to_owned()),
                text: format!(
                    "{n} {} from a newer Waymark on {} {} waiting: update Waymark here to see {}",
                    if n == 1 { "change" } else { "changes" },
                    names(machine),
                    if n == 1 { "is" } else { "are" },
                    if n == 1 { "it" } else { "them" },
                ),
                lasting: true,
            });
        }
        for (id, m) in self.replica.machines() {
            if m.last_seen.ms > self.wall_ms.saturating_add(MAX_AHEAD_MS) {
                let when = chrono::DateTime::from_timestamp_millis(
                    i64::try_from(m.last_seen.ms).unwrap_or(i64::MAX),
                )
                .map_or_else(
                    || "beyond the year 262000".to_owned(),
                    |t| t.format("%Y-%m-%d").to_string(),
                );
                all.push(Problem {
                    id: format!("skew:{id}"),
                    machine: Some(id.clone()),
                    text: format!(
                        "a record from {} is dated {when}: its clock may be wrong. It does not set \
                         the order of later changes; change the value again here to settle it",
                        names(id)
                    ),
                    lasting: true,
                });
            }
        }
        all
    }

    /// Compares what is wrong now with what the learner was told: what is new goes to
    /// [`Self::take_news`] (once), what was fixed is forgotten (so it is told again if it comes
    /// back).
    pub(super) fn tell(&mut self) {
        let lasting = self.problems();
        let skipped: Vec<Problem> = std::mem::take(&mut self.skipped)
            .into_iter()
            .map(|text| Problem {
                id: format!("skipped:{text}"),
                machine: None,
                text,
                lasting: false,
            })
            .collect();
        let news: Vec<Problem> = self.news.drain(..).collect();
        let told = &self.memory.now.told;
        // What is wrong with this machine's own files is said at every opening: it stops the
        // machine's changes from being saved.
        let own = Some(self.device.id.as_str());
        let mut fresh: Vec<Problem> = lasting
            .iter()
            .chain(&skipped)
            .chain(&news)
            .filter(|p| !told.contains(&p.id) || (p.lasting && p.machine.as_deref() == own))
            .cloned()
            .collect();
        fresh.dedup_by(|a, b| a.id == b.id);
        let mut now_told: BTreeSet<String> = lasting.iter().map(|p| p.id.clone()).collect();
        // Lines skipped and one-off news stay told while this machine remembers them.
        now_told.extend(
            told.iter()
                .filter(|id| {
                    !id.starts_with("newer:")
                        && !id.starts_with("skew:")
                        && !id.starts_with("file:")
                })
                .cloned(),
        );
        now_told.extend(fresh.iter().map(|p| p.id.clone()));
        if now_told != *told {
            self.memory.now.told = now_told;
            self.memory.save();
        }
        self.news = fresh;
    }

    /// The problems found that the learner was not told of yet: said once, on stderr or in a
    /// banner. (A machine that keeps no memory tells them at every opening.)
    pub fn take_news(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.news)
    }

    /// Says something once, with the rest of what opening found.
    pub fn note(&mut self, text: String) {
        self.news.push(Problem {
            id: format!("note:{text}"),
            machine: None,
            text,
            lasting: false,
        });
    }
}
