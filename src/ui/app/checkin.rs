//! The shell's part of the mentor loop: the check-in page's commands become files written and
//! read by [`crate::mentor`], and changes through the one write path.

use super::App;
use crate::mentor::{Packet, Reply, build_packet, preview_reply, read_document};
use crate::ui::checkin::MentorDraft;
use crate::ui::command::Command;
use crate::ui::theme::Severity;
use crate::workspace::Change;

impl App {
    pub(super) fn run_checkin(&mut self, ctx: &egui::Context, command: Command) {
        let today = self.today();
        let now = self.now();
        match command {
            Command::SendCheckin(path) => {
                let questions: Vec<String> = self
                    .pages
                    .mentor
                    .checkin
                    .questions
                    .lines()
                    .map(str::to_owned)
                    .collect();
                let (text, packet, sent) = build_packet(&self.workspace, today, now, &questions);
                self.pages.mentor.checkin.packet_path = path.display().to_string();
                // Recorded first, so that a refusal leaves any file at the path as it was.
                if self.change(ctx, Change::SendPacket(sent)).is_none() {
                    return;
                }
                let written = crate::storage::write_atomic(&path, text.as_bytes());
                let page = &mut self.pages.mentor.checkin;
                page.note = Some(match written {
                    Ok(()) => {
                        page.questions.clear();
                        (
                            Severity::Info,
                            format!(
                                "Saved your check-in ({} to {}) to {}. Send the file to your mentor; take their reply in here.",
                                packet.from.format("%-d %b"),
                                packet.to.format("%-d %b %Y"),
                                path.display()
                            ),
                        )
                    }
                    Err(e) => (Severity::Error, format!("Could not save the check-in: {e}")),
                });
            }
            Command::PreviewReply(path) => {
                let what = path.display().to_string();
                let read = read_document(&path)
                    .and_then(|bytes| preview_reply(&self.workspace, &bytes, &what));
                let page = &mut self.pages.mentor.checkin;
                page.reply_path = what;
                match read {
                    Ok(preview) => {
                        page.preview = Some(preview);
                        page.note = None;
                    }
                    Err(e) => {
                        page.preview = None;
                        page.note = Some((Severity::Error, format!("Not taken in: {e}")));
                    }
                }
            }
            Command::TakeReply => {
                if let Some(preview) = self.pages.mentor.checkin.preview.take() {
                    self.change_said(ctx, Change::TakeReply(Box::new(preview.reply)));
                }
            }
            Command::ClosePreviewReply => self.pages.mentor.checkin.preview = None,
            Command::OpenPacket(path) => {
                let what = path.display().to_string();
                let read = read_document(&path).and_then(|bytes| Packet::read(&bytes, &what));
                let page = &mut self.pages.mentor.checkin;
                page.open_path = what;
                match read {
                    Ok(packet) => {
                        page.opened = Some(MentorDraft::new(packet));
                        page.note = None;
                    }
                    Err(e) => {
                        page.opened = None;
                        page.note = Some((Severity::Error, format!("Could not open it: {e}")));
                    }
                }
            }
            Command::WriteReply(path) => {
                let Some(draft) = &mut self.pages.mentor.checkin.opened else {
                    return;
                };
                draft.out_path = path.display().to_string();
                let written = Reply::write(&draft.packet, &draft.answers(), today)
                    .map_err(|e| e.to_string())
                    .and_then(|(text, _)| {
                        crate::storage::write_atomic(&path, text.as_bytes())
                            .map_err(|e| e.to_string())
                    });
                draft.said = Some(match written {
                    Ok(()) => (
                        Severity::Info,
                        format!(
                            "Wrote your reply to {}. Send it back to the learner.",
                            path.display()
                        ),
                    ),
                    Err(e) => (Severity::Error, format!("No reply written: {e}")),
                });
            }
            Command::AdoptGoal { curriculum, goal } => {
                let change = Change::AdoptGoal {
                    curriculum,
                    goal,
                    target: None,
                };
                self.change_said(ctx, change);
            }
            _ => {}
        }
    }
}
