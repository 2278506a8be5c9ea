//! The mentor's reply: sign-offs, comments, a note, next steps and suggested goals, sealed with
//! the packet's key, and what taking it in would change, shown before it does.

use chrono::NaiveDate;
use hmac::{KeyInit as _, Mac as _};
use serde::{Deserialize, Serialize};

use super::{
    DocumentError, Packet, REPLY_FORMAT, format_of, goal_ref, long_text, one_line, text_of,
    unreadable,
};
use crate::progress::{MilestoneRef, SentPacket, State};
use crate::workspace::Workspace;

/// What the mentor answers, as the file spells it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub waymark_reply: u32,
    pub body: ReplyBody,
    /// HMAC-SHA-256 of the body's RON text, keyed by the packet's key, in hex.
    pub seal: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplyBody {
    /// The packet it answers.
    pub packet: String,
    pub learner: String,
    pub mentor: String,
    pub written: NaiveDate,
    /// Finished milestones signed off, `CURRICULUM/MILESTONE`.
    pub sign_offs: Vec<String>,
    /// `(CURRICULUM/MILESTONE, comment)`.
    pub comments: Vec<(String, String)>,
    pub note: String,
    pub next_steps: Vec<String>,
    /// Goals to adopt, `CURRICULUM/GOAL`.
    pub suggested_goals: Vec<String>,
    /// Targets to move: the learner's goal (by its id, as the packet lists it) and a date.
    #[serde(default)]
    pub suggested_targets: Vec<(String, NaiveDate)>,
}

/// What a mentor puts in a reply.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    pub mentor: String,
    pub sign_offs: Vec<String>,
    pub comments: Vec<(String, String)>,
    pub note: String,
    pub next_steps: Vec<String>,
    pub suggested_goals: Vec<String>,
    pub suggested_targets: Vec<(String, NaiveDate)>,
}

/// The most sign-offs, comments, next steps or suggestions one reply may hold.
const MAX_ITEMS: usize = 1000;

/// The body as the seal reads it: every field in a fixed order, each text as its length and
/// its UTF-8 bytes. Not the RON text: how a string is escaped there depends on the Unicode
/// tables of the compiler a Waymark was built with, and two Waymarks must agree exactly.
fn canonical(body: &ReplyBody) -> Vec<u8> {
    fn text(out: &mut Vec<u8>, s: &str) {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }
    fn count(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    let mut out = b"waymark-reply-1".to_vec();
    text(&mut out, &body.packet);
    text(&mut out, &body.learner);
    text(&mut out, &body.mentor);
    text(&mut out, &body.written.to_string());
    count(&mut out, body.sign_offs.len());
    for id in &body.sign_offs {
        text(&mut out, id);
    }
    count(&mut out, body.comments.len());
    for (id, comment) in &body.comments {
        text(&mut out, id);
        text(&mut out, comment);
    }
    text(&mut out, &body.note);
    count(&mut out, body.next_steps.len());
    for step in &body.next_steps {
        text(&mut out, step);
    }
    count(&mut out, body.suggested_goals.len());
    for goal in &body.suggested_goals {
        text(&mut out, goal);
    }
    count(&mut out, body.suggested_targets.len());
    for (goal, date) in &body.suggested_targets {
        text(&mut out, goal);
        text(&mut out, &date.to_string());
    }
    out
}

fn seal_of(key_hex: &str, body: &ReplyBody) -> Option<String> {
    let key: Vec<u8> = (0..key_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(key_hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).ok()?;
    mac.update(&canonical(body));
    Some(
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

impl Reply {
    /// The mentor's reply to `packet` on `today`: refused when it signs off what the packet
    /// does not list as finished, or names ids that are not ids.
    pub fn write(
        packet: &Packet,
        answers: &Answers,
        today: NaiveDate,
    ) -> Result<(String, Self), DocumentError> {
        let mentor = answers.mentor.trim();
        if mentor.is_empty() {
            return Err(DocumentError::Invalid(
                "a reply needs the mentor's name".into(),
            ));
        }
        for (goal, _) in &answers.suggested_targets {
            if !packet.goals.iter().any(|g| g.id == *goal) {
                return Err(DocumentError::Invalid(format!(
                    "\"{goal}\" is not one of the goals in this check-in"
                )));
            }
        }
        for id in &answers.sign_offs {
            if !packet.finished.iter().any(|m| m.id == *id) {
                return Err(DocumentError::Invalid(format!(
                    "\"{id}\" is not finished in this check-in: sign off what it lists as finished"
                )));
            }
        }
        let body = ReplyBody {
            packet: packet.id.clone(),
            learner: packet.learner.clone(),
            mentor: mentor.to_owned(),
            written: today,
            sign_offs: answers.sign_offs.clone(),
            comments: answers
                .comments
                .iter()
                .map(|(id, text)| (id.clone(), text.trim().to_owned()))
                .filter(|(_, text)| !text.is_empty())
                .collect(),
            note: answers.note.trim().to_owned(),
            next_steps: answers
                .next_steps
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            suggested_goals: answers.suggested_goals.clone(),
            suggested_targets: answers.suggested_targets.clone(),
        };
        check_body(&body, "the reply")?;
        let seal = seal_of(&packet.key, &body)
            .ok_or_else(|| DocumentError::Invalid("the packet's key is not hex".into()))?;
        let reply = Self {
            waymark_reply: REPLY_FORMAT,
            body,
            seal,
        };
        let pretty = ron::ser::PrettyConfig::new();
        let text = format!(
            "// A mentor's reply to Waymark check-in {}. Take it in with `waymark checkin import FILE`\n\
             // or Waymark's Mentor page. It is sealed: an edited reply is refused.\n{}\n",
            packet.id,
            ron::ser::to_string_pretty(&reply, pretty).unwrap_or_default()
        );
        Ok((text, reply))
    }

    /// Reads a reply from a file's bytes: its shape only (see [`verify`] for whose it is).
    pub fn read(bytes: &[u8], what: &str) -> Result<Self, DocumentError> {
        let text = text_of(bytes, what)?;
        if let Some(format) = format_of(text, "waymark_reply")
            && format > REPLY_FORMAT
        {
            return Err(DocumentError::Newer {
                what: what.to_owned(),
                kind: "reply",
                format,
                known: REPLY_FORMAT,
            });
        }
        let reply: Self =
            ron::from_str(text).map_err(|e| unreadable(what, "a mentor's reply", &e))?;
        if reply.waymark_reply != REPLY_FORMAT {
            return Err(DocumentError::Invalid(format!(
                "{what}: reply format {}",
                reply.waymark_reply
            )));
        }
        check_body(&reply.body, what)?;
        Ok(reply)
    }
}

/// The rules every reply keeps, whoever wrote it: ids are ids, names are one line, texts fit
/// in a record, and no list is endless.
fn check_body(body: &ReplyBody, what: &str) -> Result<(), DocumentError> {
    let bad = |why: String| DocumentError::Invalid(format!("{what}: {why}"));
    if !super::is_plannable(body.written) {
        return Err(bad(format!("it is dated {}", body.written)));
    }
    if !super::is_packet_id(&body.packet) {
        return Err(bad("it answers no check-in packet's id".into()));
    }
    one_line(&body.mentor, "the mentor's name")?;
    one_line(&body.learner, "the learner's name")?;
    let counts = [
        body.sign_offs.len(),
        body.comments.len(),
        body.next_steps.len(),
        body.suggested_goals.len(),
        body.suggested_targets.len(),
    ];
    if counts.iter().any(|n| *n > MAX_ITEMS) {
        return Err(bad(format!("it lists more than {MAX_ITEMS} of something")));
    }
    let milestone = |id: &str| {
        MilestoneRef::parse(id).ok_or_else(|| {
            bad(format!(
                "\"{}\" is not CURRICULUM/MILESTONE (two ids, lowercase letters, digits and '-')",
                id.escape_debug()
            ))
        })
    };
    for id in &body.sign_offs {
        milestone(id)?;
    }
    for (id, text) in &body.comments {
        milestone(id)?;
        long_text(text, "a comment")?;
    }
    long_text(&body.note, "the note")?;
    for step in &body.next_steps {
        one_line(step, "a next step")?;
    }
    for (goal, date) in &body.suggested_targets {
        if !crate::sync::wire::is_goal_id(goal) {
            return Err(bad(format!(
                "\"{}\" is not a goal's id",
                goal.escape_debug()
            )));
        }
        if !super::is_plannable(*date) {
            return Err(bad(format!("a target of {date}")));
        }
    }
    for goal in &body.suggested_goals {
        if goal_ref(goal).is_none() {
            return Err(bad(format!(
                "\"{}\" is not CURRICULUM/GOAL",
                goal.escape_debug()
            )));
        }
    }
    Ok(())
}

/// Whether `reply` answers a packet this learner sent, unedited: the packet it was sealed for.
pub(crate) fn verify<'s>(state: &'s State, reply: &Reply) -> Result<&'s SentPacket, DocumentError> {
    let Some(packet) = state.packet(&reply.body.packet) else {
        return Err(DocumentError::Invalid(format!(
            "this reply answers check-in {}, which you never sent (is it another learner's?)",
            reply.body.packet
        )));
    };
    if seal_of(&packet.key, &reply.body).as_deref() != Some(reply.seal.as_str()) {
        return Err(DocumentError::Invalid(
            "this reply was changed after the mentor wrote it: its seal does not match".into(),
        ));
    }
    Ok(packet)
}

/// What taking a reply in would change, in the learner's words, before it does.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyPreview {
    pub reply: Reply,
    /// One line for each thing it brings.
    pub lines: Vec<String>,
    /// Sign-offs and comments on milestones no curriculum of the learner's holds: left out.
    pub left_out: Vec<String>,
    /// Taken in already: taking it in again changes nothing.
    pub already: bool,
}

/// Reads `bytes` as a reply to one of this learner's packets and says what it would change.
pub fn preview_reply(
    workspace: &Workspace,
    bytes: &[u8],
    what: &str,
) -> Result<ReplyPreview, DocumentError> {
    let reply = Reply::read(bytes, what)?;
    let state = workspace.state();
    verify(state, &reply)?;
    let b = &reply.body;
    let mut lines = Vec::new();
    let mut left_out = Vec::new();
    let known = |id: &str| MilestoneRef::parse(id).filter(|r| workspace.milestone(r).is_some());
    for id in &b.sign_offs {
        match known(id) {
            Some(r) => lines.push(format!(
                "{} signs off “{}”",
                b.mentor,
                workspace.title_of(&r)
            )),
            None => left_out.push(id.clone()),
        }
    }
    for (id, text) in &b.comments {
        match known(id) {
            Some(r) => lines.push(format!(
                "A comment on “{}”: {}",
                workspace.title_of(&r),
                crate::curriculum::markdown::one_line(text)
            )),
            None => left_out.push(id.clone()),
        }
    }
    if !b.note.is_empty() {
        lines.push(format!(
            "A note: {}",
            crate::curriculum::markdown::one_line(&b.note)
        ));
    }
    for step in &b.next_steps {
        lines.push(format!("Next step: {step}"));
    }
    for goal in &b.suggested_goals {
        lines.push(format!(
            "Suggests the goal {goal} (offered; you choose whether to adopt it)"
        ));
    }
    for (goal, date) in &b.suggested_targets {
        let title = state.goal(goal).map_or(goal.as_str(), |g| g.title.as_str());
        lines.push(format!(
            "Suggests moving the target of “{title}” to {} (offered; you choose)",
            date.format("%-d %b %Y")
        ));
    }
    let already = state.replies.iter().any(|r| r.seal == reply.seal);
    Ok(ReplyPreview {
        reply,
        lines,
        left_out,
        already,
    })
}
