//! The mentor loop in the window, on the Mentor page: the learner sends a check-in packet and
//! takes the reply in (a preview first); a mentor opens a learner's packet read-only beside a
//! reply form. The files are read and written by the domain ([`crate::mentor`]); this draws
//! and asks.

use std::collections::{BTreeMap, BTreeSet};

use egui::{RichText, Ui};

use super::command::{Command, Purpose};
use super::theme::{self, Severity};
use crate::mentor::{Answers, Packet, ReplyPreview};
use crate::workspace::Workspace;

/// What the cards keep between frames.
#[derive(Debug, Default)]
pub struct CheckinPage {
    /// The learner's questions, one a line.
    pub questions: String,
    pub packet_path: String,
    pub reply_path: String,
    pub preview: Option<ReplyPreview>,
    pub note: Option<(Severity, String)>,
    /// The mentor's side: the packet opened, and the reply being written.
    pub open_path: String,
    pub opened: Option<MentorDraft>,
}

/// A reply being written to an opened packet.
#[derive(Debug)]
pub struct MentorDraft {
    pub packet: Packet,
    pub sign_offs: BTreeSet<String>,
    pub comments: BTreeMap<String, String>,
    pub note: String,
    /// One a line.
    pub next_steps: String,
    pub mentor: String,
    /// New targets suggested, by goal id.
    pub targets: BTreeMap<String, chrono::NaiveDate>,
    /// Goals suggested for adopting, `CURRICULUM/GOAL`, one a line.
    pub goals: String,
    pub out_path: String,
    pub said: Option<(Severity, String)>,
}

impl MentorDraft {
    pub fn new(packet: Packet) -> Self {
        Self {
            packet,
            sign_offs: BTreeSet::new(),
            comments: BTreeMap::new(),
            note: String::new(),
            next_steps: String::new(),
            mentor: String::new(),
            targets: BTreeMap::new(),
            goals: String::new(),
            out_path: String::new(),
            said: None,
        }
    }

    pub fn answers(&self) -> Answers {
        Answers {
            mentor: self.mentor.clone(),
            sign_offs: self.sign_offs.iter().cloned().collect(),
            comments: self
                .comments
                .iter()
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(id, t)| (id.clone(), t.clone()))
                .collect(),
            note: self.note.clone(),
            next_steps: self.next_steps.lines().map(str::to_owned).collect(),
            suggested_goals: self
                .goals
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            suggested_targets: self.targets.iter().map(|(g, d)| (g.clone(), *d)).collect(),
        }
    }
}

/// A path field with its label, a Browse button for the dialog `purpose`, and the action:
/// true when the action was clicked; a click on Browse asks for the dialog.
fn path_row(
    ui: &mut Ui,
    label: &str,
    hint: &str,
    path: &mut String,
    browse: (Purpose, bool),
    action: &str,
    commands: &mut Vec<Command>,
) -> bool {
    let mut act = false;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(label);
        let width = (ui.available_width() - 170.0).clamp(140.0, 360.0);
        ui.add(
            egui::TextEdit::singleline(path)
                .hint_text(hint)
                .desired_width(width),
        )
        .labelled_by(l.id);
        let (purpose, dialog_open) = browse;
        if ui
            .add_enabled(!dialog_open, egui::Button::new("Browse…"))
            .on_hover_text(format!("Choose the file: {label}"))
            .clicked()
        {
            commands.push(Command::BrowseSave(purpose));
        }
        act = ui
            .add_enabled(!path.trim().is_empty(), egui::Button::new(action))
            .clicked();
    });
    act
}

/// The learner's card: send a packet, take a reply in, and the goals a mentor suggested.
pub fn learner_card(
    ui: &mut Ui,
    workspace: &Workspace,
    page: &mut CheckinPage,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Check in by file");
        theme::caption(
            ui,
            "Send your mentor a file with your report and your questions; their Waymark writes a reply you take in here. No server, no account.",
        );
        ui.add_space(4.0);
        let label = ui.label("Questions for your mentor (one a line)");
        ui.add(
            egui::TextEdit::multiline(&mut page.questions)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let enabled = !workspace.is_read_only();
        ui.add_enabled_ui(enabled, |ui| {
            if path_row(
                ui,
                "Save the check-in to",
                "/home/you/check-in.md",
                &mut page.packet_path,
                (Purpose::SaveCheckin, dialog_open),
                "Send to your mentor",
                commands,
            ) {
                commands.push(Command::SendCheckin(page.packet_path.trim().into()));
            }
            ui.add_space(6.0);
            if path_row(
                ui,
                "Your mentor's reply",
                "/home/you/reply.ron",
                &mut page.reply_path,
                (Purpose::OpenReply, dialog_open),
                "Preview the reply",
                commands,
            ) {
                commands.push(Command::PreviewReply(page.reply_path.trim().into()));
            }
        });
        if let Some(preview) = &page.preview {
            ui.add_space(6.0);
            preview_ui(ui, preview, enabled, commands);
        }
        if let Some((severity, text)) = &page.note {
            ui.add_space(4.0);
            theme::note_ui(ui, *severity, text);
        }
        suggestions_ui(ui, workspace, enabled, commands);
    });
}

fn preview_ui(ui: &mut Ui, preview: &ReplyPreview, enabled: bool, commands: &mut Vec<Command>) {
    theme::banner_frame(ui, Severity::Info).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let b = &preview.reply.body;
        ui.label(
            RichText::new(format!(
                "{}'s reply of {}",
                b.mentor,
                b.written.format("%-d %b %Y")
            ))
            .strong(),
        );
        for line in &preview.lines {
            ui.add(egui::Label::new(format!("• {line}")).wrap());
        }
        if !preview.left_out.is_empty() {
            theme::caption(
                ui,
                format!(
                    "Left out, not in your curricula: {}",
                    preview.left_out.join(", ")
                ),
            );
        }
        ui.horizontal_wrapped(|ui| {
            if preview.already {
                ui.label("You took this reply in already: nothing would change.");
            } else if ui
                .add_enabled(enabled, egui::Button::new("Take it in"))
                .clicked()
            {
                commands.push(Command::TakeReply);
            }
            if ui.button("Close the preview").clicked() {
                commands.push(Command::ClosePreviewReply);
            }
        });
    });
}

/// Goals the mentors suggested that the learner has not adopted, and targets they suggested
/// that the learner has not moved: offered, never done for them.
fn suggestions_ui(ui: &mut Ui, workspace: &Workspace, enabled: bool, commands: &mut Vec<Command>) {
    let state = workspace.state();
    let mut seen = BTreeSet::new();
    if let Some(reply) = state.replies.iter().max_by_key(|r| r.date) {
        for (goal, date) in &reply.suggested_targets {
            let Some(g) = state.goal(goal).filter(|g| g.target != *date) else {
                continue;
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{} suggests moving the target of “{}” to {}.",
                    reply.mentor,
                    g.title,
                    date.format("%-d %b %Y")
                ));
                let name = format!(
                    "Move the target of “{}” to {}",
                    g.title,
                    date.format("%-d %b %Y")
                );
                if ui
                    .add_enabled(enabled, egui::Button::new("Move it"))
                    .on_hover_text(&name)
                    .clicked()
                {
                    commands.push(Command::SetGoalTarget {
                        goal: goal.clone(),
                        target: *date,
                    });
                }
            });
        }
    }
    for reply in state.replies.iter().rev() {
        for goal in &reply.suggested_goals {
            let Some((c, g)) = crate::mentor::goal_ref(goal) else {
                continue;
            };
            let adopted = state.goals.iter().any(|a| {
                a.source
                    .as_ref()
                    .is_some_and(|s| s.curriculum == c && s.goal == g)
            });
            let Some(title) = workspace
                .curriculum(c)
                .and_then(|cur| cur.goals.iter().find(|x| x.id == g))
                .map(|x| x.title.clone())
            else {
                continue;
            };
            if adopted || !seen.insert(goal.clone()) {
                continue;
            }
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{} suggests the goal “{title}”.", reply.mentor));
                let name = format!("Adopt “{title}”");
                if ui
                    .add_enabled(enabled, egui::Button::new("Adopt"))
                    .on_hover_text(&name)
                    .clicked()
                {
                    commands.push(Command::AdoptGoal {
                        curriculum: c.to_owned(),
                        goal: g.to_owned(),
                    });
                }
            });
        }
    }
}

/// The mentor's card: open a learner's packet, read it, and write the reply.
pub fn mentor_card(
    ui: &mut Ui,
    page: &mut CheckinPage,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Open a learner's check-in");
        theme::caption(
            ui,
            "For mentors: read a learner's check-in and write your reply. Nothing of your own progress changes.",
        );
        ui.add_space(4.0);
        if path_row(
            ui,
            "The learner's check-in",
            "/home/you/check-in.md",
            &mut page.open_path,
            (Purpose::OpenPacket, dialog_open),
            "Open",
            commands,
        ) {
            commands.push(Command::OpenPacket(page.open_path.trim().into()));
        }
        let Some(draft) = &mut page.opened else {
            return;
        };
        ui.add_space(6.0);
        reply_form(ui, draft, dialog_open, commands);
    });
}

fn reply_form(
    ui: &mut Ui,
    draft: &mut MentorDraft,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    let p = &draft.packet;
    let name = if p.learner.is_empty() {
        "A learner".to_owned()
    } else {
        p.learner.clone()
    };
    ui.label(
        RichText::new(format!(
            "{name}'s check-in, {} to {}",
            p.from.format("%-d %b"),
            p.to.format("%-d %b %Y")
        ))
        .strong(),
    );
    for g in p.goals.clone() {
        let dates = match (g.likely, g.late) {
            (Some(l), Some(t)) => format!(
                "likely {}, late {}",
                l.format("%-d %b %Y"),
                t.format("%-d %b %Y")
            ),
            _ => "no projection".into(),
        };
        ui.add(
            egui::Label::new(format!(
                "Goal “{}”: target {}, {dates}, {}",
                g.title,
                g.target.format("%-d %b %Y"),
                g.outlook
            ))
            .wrap(),
        );
        ui.horizontal_wrapped(|ui| {
            let mut on = draft.targets.contains_key(&g.id);
            if ui
                .checkbox(&mut on, format!("Suggest a new target for “{}”", g.title))
                .changed()
            {
                if on {
                    draft
                        .targets
                        .insert(g.id.clone(), g.late.unwrap_or(g.target));
                } else {
                    draft.targets.remove(&g.id);
                }
            }
            if let Some(date) = draft.targets.get(&g.id).copied() {
                let name = format!("The new target for “{}”", g.title);
                let salt = format!("target-{}", g.id);
                if let Some(picked) = super::date_picker::DatePicker::new(&salt, &name, p.to)
                    .earliest(p.to)
                    .show(ui, date)
                {
                    draft.targets.insert(g.id.clone(), picked);
                }
            }
        });
    }
    for q in &p.questions {
        ui.add(egui::Label::new(format!("Asks: {q}")).wrap());
    }
    let lists = [
        ("Finished", p.finished.clone()),
        ("This week", p.this_week.clone()),
    ];
    for (title, list) in lists {
        ui.add_space(4.0);
        ui.label(RichText::new(title).strong());
        if list.is_empty() {
            theme::caption(ui, "Nothing.");
        }
        for m in &list {
            ui.horizontal_wrapped(|ui| {
                ui.label(m.title.as_str());
                theme::caption(
                    ui,
                    format!(
                        "{} · {} h · {}",
                        m.kind,
                        crate::plan::hours_words(m.hours),
                        m.id
                    ),
                );
            });
            if !m.notes.trim().is_empty() {
                theme::caption(ui, format!("Notes: {}", m.notes.trim()));
            }
            for link in &m.evidence {
                theme::caption(ui, format!("Evidence: {link}"));
            }
            ui.horizontal_wrapped(|ui| {
                if title == "Finished" {
                    let mut on = draft.sign_offs.contains(&m.id);
                    let label = format!("Sign off “{}”", m.title);
                    if ui.checkbox(&mut on, label).changed() {
                        if on {
                            draft.sign_offs.insert(m.id.clone());
                        } else {
                            draft.sign_offs.remove(&m.id);
                        }
                    }
                }
                let comment = draft.comments.entry(m.id.clone()).or_default();
                let l = ui.label("Comment");
                ui.add(
                    egui::TextEdit::singleline(comment)
                        .desired_width((ui.available_width() - 8.0).clamp(120.0, 360.0)),
                )
                .labelled_by(l.id)
                .on_hover_text(format!("Your comment on “{}”", m.title));
            });
        }
    }
    ui.add_space(6.0);
    egui::Grid::new("reply-form").num_columns(2).show(ui, |ui| {
        let l = ui.label("Your note");
        ui.add(egui::TextEdit::multiline(&mut draft.note).desired_rows(2))
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Next steps (one a line)");
        ui.add(egui::TextEdit::multiline(&mut draft.next_steps).desired_rows(2))
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Goals to suggest (CURRICULUM/GOAL, one a line)");
        ui.add(
            egui::TextEdit::multiline(&mut draft.goals)
                .desired_rows(1)
                .hint_text("ai-engineer/recsys-first-recommender"),
        )
        .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Your name");
        ui.add(egui::TextEdit::singleline(&mut draft.mentor).hint_text("Ana Ruiz"))
            .labelled_by(l.id);
        ui.end_row();
    });
    if path_row(
        ui,
        "Save the reply to",
        "/home/you/reply.ron",
        &mut draft.out_path,
        (Purpose::SaveReply, dialog_open),
        "Write the reply",
        commands,
    ) {
        commands.push(Command::WriteReply(draft.out_path.trim().into()));
    }
    if let Some((severity, text)) = &draft.said {
        theme::note_ui(ui, *severity, text);
    }
}
