//! Settings: the theme, the weekly hours, and where the data lives.

use egui::{RichText, Ui};

use super::app::{App, Command, data_paths};
use super::theme::{self, ThemeChoice};

pub fn settings_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("settings")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(640.0);
            ui.heading("Settings");
            ui.add_space(theme::CARD_GAP);
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                theme::card_title(ui, "Appearance");
                ui.horizontal(|ui| {
                    for choice in ThemeChoice::ALL {
                        if ui.radio(app.theme() == choice, choice.label()).clicked() {
                            commands.push(Command::SetTheme(choice));
                        }
                    }
                });
            });
            ui.add_space(theme::CARD_GAP);
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                theme::card_title(ui, "Your time");
                ui.add_enabled_ui(!app.read_only(), |ui| {
                    ui.horizontal(|ui| {
                        let label = ui.label("Hours a week");
                        let mut hours = app.workspace.state.hours_per_week;
                        let response = ui
                            .add(
                                egui::DragValue::new(&mut hours)
                                    .range(0.0..=80.0)
                                    .speed(0.5)
                                    .suffix(" h"),
                            )
                            .labelled_by(label.id);
                        if response.changed() {
                            commands.push(Command::SetHoursPerWeek(hours));
                        }
                    });
                });
                theme::caption(ui, "Every goal's projected finish uses this.");
                ui.add_space(6.0);
                if ui.button("Talk to your mentor again").clicked() {
                    commands.push(Command::OpenOnboarding);
                }
            });
            ui.add_space(theme::CARD_GAP);
            theme::card_frame(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                theme::card_title(ui, "Your data");
                let (root, state) = data_paths(&app.workspace);
                ui.label("Everything Waymark keeps is in this folder:");
                ui.add(
                    egui::Label::new(RichText::new(root.display().to_string()).monospace())
                        .selectable(true),
                );
                theme::caption(ui, format!("Your progress: {}", state.display()));
                if app.read_only() {
                    ui.label(
                        RichText::new("This window is read-only: another Waymark holds the data.")
                            .strong(),
                    );
                } else if app.has_unsaved_changes() {
                    theme::caption(ui, "Saving…");
                } else {
                    theme::caption(ui, "All changes saved.");
                }
            });
        });
}
