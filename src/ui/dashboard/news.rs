//! The "What's new in the path" card, shown once after a bundled curriculum is updated.

use egui::Ui;

use crate::ui::command::Command;
use crate::ui::theme;
use crate::workspace::Workspace;

/// "What's new in the path": what a new revision of a bundled curriculum brought, with the
/// new goal order offered, never imposed.
pub(super) fn whats_new_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    news: &crate::guide::WhatsNew,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "What's new in the path");
        ui.add(
            egui::Label::new(format!(
                "{} is now at revision {}. Your {} finished {} stay finished.",
                news.title,
                news.revision,
                news.finished,
                if news.finished == 1 {
                    "milestone"
                } else {
                    "milestones"
                }
            ))
            .wrap(),
        );
        if !news.note.is_empty() {
            ui.add(egui::Label::new(&news.note).wrap());
        }
        for (part, whole) in &news.split {
            ui.add(
                egui::Label::new(format!(
                    "“{part}” counts as finished: you finished “{whole}”, which it was part of."
                ))
                .wrap(),
            );
        }
        if !news.aside.is_empty() {
            ui.add(
                egui::Label::new(format!(
                    "No longer in the path, your progress kept aside: {}.",
                    news.aside.join(", ")
                ))
                .wrap(),
            );
        }
        let read_only = workspace.is_read_only();
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            if let Some(profile) = &news.new_path {
                let goals = profile.goals.len();
                if ui
                    .add_enabled(!read_only, egui::Button::new("Use the new goal order"))
                    .on_hover_text(format!(
                        "Your goals become the new path's {goals} goals for your focus, in its order, each with a target you can reach; your own goals stay. Ctrl+Z takes it back."
                    ))
                    .clicked()
                {
                    commands.push(Command::UseNewPath(Box::new(profile.clone())));
                }
            }
            if ui
                .add_enabled(!read_only, egui::Button::new("Keep my goals"))
                .clicked()
            {
                commands.push(Command::DismissWhatsNew);
            }
        });
    });
}
