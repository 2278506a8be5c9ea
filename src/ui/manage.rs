//! The curricula in the workspace: where each came from, its revision, and removing an imported
//! one (its progress is kept aside, and Ctrl+Z brings it back).

use egui::{RichText, Ui};

use super::app::{App, Command};
use super::sharing::Action;
use super::theme::{self, Severity};
use crate::workspace::Origin;

pub fn curricula_card(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    let writable = !app.read_only();
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Your curricula");
        let state = &app.workspace.state;
        egui::Grid::new("manage_curricula")
            .num_columns(4)
            .spacing([16.0, 8.0])
            .striped(true)
            .show(ui, |ui| {
                for (c, origin) in app.workspace.curricula_with_origin() {
                    ui.vertical(|ui| {
                        ui.label(RichText::new(&c.title).strong());
                        theme::caption(ui, format!("{} · {} milestones", c.id, c.milestone_count()));
                    });
                    ui.label(format!("Revision {}", c.revision));
                    match (origin, state.sources.get(&c.id)) {
                        (Origin::Bundled, _) => {
                            ui.label("Comes with Waymark");
                        }
                        (Origin::Imported, Some(source)) => {
                            ui.vertical(|ui| {
                                ui.add(
                                    egui::Label::new(format!("Imported from {}", source.origin))
                                        .truncate(),
                                )
                                .on_hover_text(&source.origin);
                                theme::caption(
                                    ui,
                                    format!(
                                        "on {} (revision {})",
                                        source.imported_at.format("%-d %B %Y"),
                                        source.revision
                                    ),
                                );
                            });
                        }
                        (Origin::Imported, None) => {
                            ui.label("Imported");
                        }
                    }
                    if *origin == Origin::Imported {
                        let confirming = app.sharing.confirm_remove.as_deref() == Some(&c.id);
                        ui.add_enabled_ui(writable, |ui| {
                            if confirming {
                                ui.horizontal(|ui| {
                                    if theme::named_small_button(
                                        ui,
                                        "Yes, remove",
                                        &format!("Yes, remove “{}”", c.title),
                                    )
                                    .clicked()
                                    {
                                        commands.push(Command::Share(Action::Remove(c.id.clone())));
                                    }
                                    if ui.small_button("Keep it").clicked() {
                                        commands.push(Command::Share(Action::ConfirmRemove(None)));
                                    }
                                });
                            } else if theme::named_small_button(
                                ui,
                                "Remove…",
                                &format!("Remove “{}”", c.title),
                            )
                            .clicked()
                            {
                                commands.push(Command::Share(Action::ConfirmRemove(Some(c.id.clone()))));
                            }
                        });
                    } else {
                        ui.label("");
                    }
                    ui.end_row();
                }
            });
        if let Some(id) = &app.sharing.confirm_remove {
            ui.add_space(6.0);
            theme::banner_frame(ui, Severity::Warning).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(format!(
                    "Remove \"{id}\"? Your progress on it is kept aside and comes back if you import it again; Ctrl+Z undoes the removal."
                ));
            });
        }
    });
}
