//! The mentor loop from the terminal: the learner's `checkin export` and `checkin import`, and
//! the mentor's `mentor open` and `mentor reply`, which read and write files only.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::{CliError, Outcome, apply, open_read_only};
use crate::mentor::{Answers, DocumentError, Packet, Reply, build_packet, preview_reply};
use crate::storage::write_atomic;
use crate::workspace::Change;

impl From<DocumentError> for CliError {
    fn from(e: DocumentError) -> Self {
        match e {
            DocumentError::Io(..) => Self::Failed(e.to_string()),
            _ => Self::Refused(e.to_string()),
        }
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    Ok(crate::mentor::read_document(path)?)
}

/// `waymark checkin export [--out FILE] [--ask TEXT]...`
pub(super) fn export(
    data_dir: &Path,
    out_file: Option<&Path>,
    asks: &[String],
    (today, now): (NaiveDate, DateTime<Utc>),
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let workspace = open_read_only(data_dir)?;
    let (text, packet, sent) = build_packet(&workspace, today, now, asks);
    drop(workspace);
    // Recorded first, so that a refusal leaves any file at the path as it was; a packet recorded
    // but never written is one no reply will answer, and harms nothing.
    apply(data_dir, now, |_| Ok(Change::SendPacket(sent.clone())))?;
    if let Some(path) = out_file {
        write_atomic(path, text.as_bytes())?;
    }
    match out_file {
        Some(path) => writeln!(
            out,
            "wrote check-in {} ({} to {}) to {}",
            packet.id,
            packet.from,
            packet.to,
            path.display()
        )?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(Outcome::Ok)
}

/// `waymark checkin import REPLY [--yes]`
pub(super) fn import(
    data_dir: &Path,
    file: &Path,
    yes: bool,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let bytes = read_file(file)?;
    let what = file.display().to_string();
    let preview = {
        let workspace = open_read_only(data_dir)?;
        preview_reply(&workspace, &bytes, &what)?
    };
    let b = &preview.reply.body;
    writeln!(
        out,
        "{}'s reply of {} to check-in {}:",
        b.mentor, b.written, b.packet
    )?;
    for line in &preview.lines {
        writeln!(out, "  {line}")?;
    }
    if !preview.left_out.is_empty() {
        writeln!(
            out,
            "  left out, not in your curricula: {}",
            preview.left_out.join(", ")
        )?;
    }
    if preview.already {
        writeln!(out, "Taken in already: nothing to change.")?;
        return Ok(Outcome::Ok);
    }
    if !yes {
        writeln!(
            out,
            "Nothing changed yet: run it again with --yes to take it in."
        )?;
        return Ok(Outcome::Ok);
    }
    let reply = preview.reply.clone();
    let (_, applied) = apply(data_dir, now, |_| {
        Ok(Change::TakeReply(Box::new(reply.clone())))
    })?;
    writeln!(out, "{}", applied.what)?;
    for goal in &b.suggested_goals {
        writeln!(
            out,
            "To adopt the goal suggested: waymark goal adopt {goal}"
        )?;
    }
    for (goal, date) in &b.suggested_targets {
        writeln!(
            out,
            "To move the target suggested: waymark goal target {goal} {date}"
        )?;
    }
    Ok(Outcome::Ok)
}

/// `waymark mentor open PACKET`: changes nothing anywhere.
pub(super) fn open(file: &Path, out: &mut dyn std::io::Write) -> Result<Outcome, CliError> {
    let packet = Packet::read(&read_file(file)?, &file.display().to_string())?;
    out.write_all(packet.words().as_bytes())?;
    Ok(Outcome::Ok)
}

/// What `mentor reply` was given.
pub(super) struct ReplyArgs<'a> {
    pub packet: &'a Path,
    pub answers: Answers,
    pub out_file: &'a Path,
}

/// `waymark mentor reply PACKET …`: writes the reply file and nothing else.
pub(super) fn reply(
    args: ReplyArgs<'_>,
    today: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let packet = Packet::read(&read_file(args.packet)?, &args.packet.display().to_string())?;
    let (text, reply) = Reply::write(&packet, &args.answers, today)?;
    write_atomic(args.out_file, text.as_bytes())?;
    writeln!(
        out,
        "wrote the reply to check-in {} ({} sign-offs, {} comments, {} next steps) to {}",
        reply.body.packet,
        reply.body.sign_offs.len(),
        reply.body.comments.len(),
        reply.body.next_steps.len(),
        args.out_file.display()
    )?;
    Ok(Outcome::Ok)
}
