//! The rules of what the learner shows others: check-in packets sent to the mentor, the
//! mentor's replies taken in, and the learner's name, links and portfolio choices. Part of
//! [`super::rules`].

use chrono::{DateTime, Utc};

use super::rules::Planned;
use super::{Workspace, WorkspaceError};
use crate::curriculum::Kind as MilestoneKind;
use crate::progress::{
    Activity, Event, MentorComment, MilestoneRef, SentPacket, SignOff, Status, TakenReply,
};
use crate::sync::Op;

/// A choice about a finished project in the portfolio.
#[derive(Clone, Copy)]
pub(super) enum PortfolioChoice {
    NotesPrivate(bool),
    Hidden(bool),
}

impl Workspace {
    /// Records a packet as sent, once.
    pub(super) fn packet_ops(&self, packet: &SentPacket) -> Result<Planned, WorkspaceError> {
        let st = &self.state;
        let ok = crate::mentor::is_packet_id(&packet.id)
            && crate::mentor::is_hex(&packet.key, 64)
            && crate::mentor::is_plannable(packet.from)
            && crate::mentor::is_plannable(packet.to);
        if !ok {
            return Err(crate::mentor::DocumentError::Invalid(format!(
                "\"{}\" is not a check-in packet",
                packet.id
            ))
            .into());
        }
        let what = format!("sent the check-in of {} to your mentor", packet.to);
        if st.packet(&packet.id).is_some() {
            return Ok(Planned::new(Vec::new(), what));
        }
        Ok(Planned::new(
            vec![Op::PacketSent(packet.clone(), true)],
            what,
        ))
    }

    /// The learner's name and public links.
    pub(super) fn learner_ops(
        &self,
        name: &str,
        links: &Vec<String>,
    ) -> Result<Planned, WorkspaceError> {
        let st = &self.state;
        let name = crate::progress::learner::check_name(name.trim())?;
        crate::progress::learner::check_links(links)?;
        let mut ops = Vec::new();
        if st.learner.name != name {
            ops.push(Op::LearnerName(name.to_owned()));
        }
        if st.learner.links != *links {
            ops.push(Op::LearnerLinks(links.clone()));
        }
        let what = match (st.learner.name != name, st.learner.links != *links) {
            (true, false) => "your name",
            (false, true) => "your public links",
            _ => "your name and public links",
        };
        Ok(Planned::new(ops, what.to_owned()))
    }

    /// The steps that take a mentor's reply in, after checking it answers a packet this learner
    /// sent, unedited (the same check the preview makes).
    pub(super) fn reply_ops(
        &self,
        reply: &crate::mentor::Reply,
        now: DateTime<Utc>,
    ) -> Result<Planned, WorkspaceError> {
        let st = &self.state;
        crate::mentor::verify(st, reply)?;
        let b = &reply.body;
        let what = format!("took in {}'s reply of {}", b.mentor, b.written);
        if st.replies.iter().any(|r| r.seal == reply.seal) {
            return Ok(Planned::new(Vec::new(), what));
        }
        let known = |id: &str| MilestoneRef::parse(id).filter(|r| self.milestone(r).is_some());
        let mut ops = vec![Op::ReplyTaken(
            TakenReply {
                packet: b.packet.clone(),
                seal: reply.seal.clone(),
                mentor: b.mentor.clone(),
                date: b.written,
                suggested_goals: b.suggested_goals.clone(),
                suggested_targets: b.suggested_targets.clone(),
            },
            true,
        )];
        // What is there already is not added again: its undo would take the one there away.
        for r in b.sign_offs.iter().filter_map(|id| known(id)) {
            let finished_at = st
                .milestone(&r)
                .filter(|p| p.status == Status::Done)
                .and_then(|p| p.finished_at());
            let sign_off = SignOff {
                milestone: r,
                mentor: b.mentor.clone(),
                date: b.written,
                packet: b.packet.clone(),
                finished_at,
            };
            if !st.sign_offs.contains(&sign_off) {
                ops.push(Op::SignOff(sign_off, true));
            }
        }
        for (r, text) in b
            .comments
            .iter()
            .filter_map(|(id, text)| Some((known(id)?, text)))
        {
            let comment = MentorComment {
                milestone: r,
                mentor: b.mentor.clone(),
                date: b.written,
                packet: b.packet.clone(),
                text: text.clone(),
            };
            if !st.comments.contains(&comment) {
                ops.push(Op::MentorComment(comment, true));
            }
        }
        let check_in = crate::progress::CheckIn {
            date: b.written,
            notes: b.note.clone(),
            next_steps: b.next_steps.clone(),
            mentor: b.mentor.clone(),
        };
        if (!b.note.is_empty() || !b.next_steps.is_empty())
            && !st.mentor.check_ins.contains(&check_in)
        {
            ops.push(Op::CheckIn(check_in, true));
            ops.push(Op::Activity(Activity {
                at: now,
                event: Event::CheckIn { date: b.written },
            }));
        }
        Ok(Planned::new(ops, what))
    }

    /// Keeps a finished project's notes private, or hides it from the portfolio (or undoes
    /// either).
    pub(super) fn portfolio_choice_ops(
        &self,
        milestone: &MilestoneRef,
        choice: PortfolioChoice,
    ) -> Result<Planned, WorkspaceError> {
        self.check_project(milestone)?;
        let p = self.state.milestone(milestone);
        let titled = self.titled(milestone);
        let (what, now, wanted, op) = match choice {
            PortfolioChoice::NotesPrivate(private) => (
                if private {
                    format!("kept your notes on {titled} private")
                } else {
                    format!("showed your notes on {titled} in your portfolio")
                },
                p.is_some_and(|p| p.notes_private),
                private,
                Op::NotesPrivate(milestone.clone(), private),
            ),
            PortfolioChoice::Hidden(hidden) => (
                if hidden {
                    format!("hid {titled} from your portfolio")
                } else {
                    format!("showed {titled} in your portfolio")
                },
                p.is_some_and(|p| p.hidden_from_portfolio),
                hidden,
                Op::PortfolioHidden(milestone.clone(), hidden),
            ),
        };
        let ops = if now == wanted { Vec::new() } else { vec![op] };
        Ok(Planned::new(ops, what))
    }

    /// A milestone the portfolio can show: one of kind project in a loaded curriculum.
    fn check_project(&self, m: &MilestoneRef) -> Result<(), WorkspaceError> {
        self.check_milestone(m)?;
        match self.milestone(m) {
            Some(milestone) if milestone.kind == MilestoneKind::Project => Ok(()),
            _ => Err(WorkspaceError::NotAProject(m.clone())),
        }
    }
}
