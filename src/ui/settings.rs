//! Settings: the theme, the weekly hours, and where the data lives.

use std::time::Duration;

use egui::{RichText, Ui};

use super::app::{App, Command, data_paths};
use super::theme::{self, ThemeChoice};

const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+F", "Search the curricula"),
    ("Ctrl+O", "Import a curriculum"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Up, Down", "Move through the milestones"),
    (
        "Space",
        "Move the selected milestone on: To do, Doing, Done",
    ),
    ("1, 2, 3, 4", "Set To do, Doing, Done, Skipped"),
    ("Ctrl+Q", "Save and quit"),
];

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
                theme::card_title(ui, "Keyboard");
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .spacing([24.0, 4.0])
                    .show(ui, |ui| {
                        for (keys, what) in SHORTCUTS {
                            ui.label(egui::RichText::new(*keys).monospace());
                            ui.label(*what);
                            ui.end_row();
                        }
                    });
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
                    // A save that works wakes no one; look again shortly while this is shown.
                    ui.ctx().request_repaint_after(Duration::from_millis(200));
                } else {
                    theme::caption(ui, "All changes saved.");
                }
            });
        });
}
