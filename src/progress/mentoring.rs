//! What the mentor loop leaves in the learner's data: the check-in packets sent, the replies
//! taken in, and the sign-offs and comments those replies brought, each a record that syncs.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{MilestoneRef, State, Status, instant};

/// A check-in packet the learner sent: its id and the key that seals the mentor's reply to it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SentPacket {
    pub id: String,
    /// 64 hex digits: the reply's seal is keyed by it, so a reply cannot be edited or made up
    /// by someone who never saw the packet.
    pub key: String,
    #[serde(with = "instant")]
    pub sent_at: DateTime<Utc>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A mentor's reply taken in: once per reply (by its seal), undone as one change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TakenReply {
    pub packet: String,
    pub seal: String,
    pub mentor: String,
    pub date: NaiveDate,
    /// Goals the mentor suggests adopting, `CURRICULUM/GOAL`: offered, never adopted by the
    /// reply itself.
    pub suggested_goals: Vec<String>,
    /// Targets the mentor suggests moving: a goal's id and the date.
    #[serde(default)]
    pub suggested_targets: Vec<(String, NaiveDate)>,
}

/// A mentor's sign-off of a finished milestone, with the moment it had been finished: a
/// milestone reopened and finished again is the work of a later version.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SignOff {
    pub milestone: MilestoneRef,
    pub mentor: String,
    pub date: NaiveDate,
    pub packet: String,
    pub finished_at: Option<DateTime<Utc>>,
}

/// A mentor's comment on a milestone; it sits with the milestone's notes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MentorComment {
    pub milestone: MilestoneRef,
    pub mentor: String,
    pub date: NaiveDate,
    pub packet: String,
    pub text: String,
}

impl State {
    /// The sign-offs of `m`, oldest first.
    pub fn sign_offs_of<'a>(&'a self, m: &'a MilestoneRef) -> impl Iterator<Item = &'a SignOff> {
        self.sign_offs.iter().filter(move |s| s.milestone == *m)
    }

    /// The mentors' comments on `m`, oldest first.
    pub fn comments_of<'a>(
        &'a self,
        m: &'a MilestoneRef,
    ) -> impl Iterator<Item = &'a MentorComment> {
        self.comments.iter().filter(move |c| c.milestone == *m)
    }

    /// Whether `sign_off` signed the work as it stands: the milestone is still done, and was
    /// not reopened and finished again since.
    pub fn signs_current_work(&self, sign_off: &SignOff) -> bool {
        let p = self.milestone(&sign_off.milestone);
        p.is_some_and(|p| p.status == Status::Done && p.finished_at() == sign_off.finished_at)
    }

    /// "Signed off by Ana Ruiz on 10 Mar 2027", or "… signed off on an earlier version".
    pub fn sign_off_words(&self, sign_off: &SignOff) -> String {
        let date = sign_off.date.format("%-d %b %Y");
        if self.signs_current_work(sign_off) {
            format!("Signed off by {} on {date}", sign_off.mentor)
        } else {
            format!(
                "{} signed off on an earlier version ({date})",
                sign_off.mentor
            )
        }
    }

    /// The learner's name as a mentor and a portfolio show it.
    pub fn learner_name(&self) -> String {
        self.learner.name.trim().to_owned()
    }

    /// The packet sent with id `id`, if this learner sent it.
    pub fn packet(&self, id: &str) -> Option<&SentPacket> {
        self.packets.iter().find(|p| p.id == id)
    }
}
