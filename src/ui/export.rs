//! Exporting a curriculum as RON (all of it) or as a Markdown checklist with the learner's
//! progress, to a file chosen in a dialog or typed.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::command::{Command, ExportFormat, Purpose};
use super::theme::{self, Severity};
use crate::workspace::Workspace;

/// The export card's own state.
#[derive(Debug, Default)]
pub struct Page {
    pub curriculum: Option<String>,
    pub format: ExportFormat,
    pub path: String,
    /// The outcome of the last export, shown in the card.
    pub note: Option<(Severity, String)>,
}

impl Page {
    /// Writes the export and says how it went, in the card.
    pub fn export(
        &mut self,
        workspace: &Workspace,
        curriculum: &str,
        format: ExportFormat,
        path: &Path,
    ) {
        self.path = path.display().to_string();
        self.note = Some(match write(workspace, curriculum, format, path) {
            Ok(()) => {
                let title = workspace
                    .curriculum(curriculum)
                    .map_or(curriculum, |c| c.title.as_str());
                (
                    Severity::Info,
                    format!("Exported “{title}” to {}.", path.display()),
                )
            }
            Err(e) => (Severity::Error, format!("Could not export: {e}")),
        });
    }
}

fn write(
    workspace: &Workspace,
    curriculum: &str,
    format: ExportFormat,
    path: &Path,
) -> Result<(), String> {
    let text = match format {
        ExportFormat::Ron => workspace.export_ron(curriculum),
        ExportFormat::Markdown => workspace.export_markdown(curriculum),
    }
    .map_err(|e| e.to_string())?;
    crate::storage::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())
}

pub fn export_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    page: &mut Page,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Export a curriculum");
        let curricula: Vec<(&str, &str)> = workspace
            .curricula()
            .map(|c| (c.id.as_str(), c.title.as_str()))
            .collect();
        if page
            .curriculum
            .as_ref()
            .is_none_or(|id| !curricula.iter().any(|(i, _)| i == id))
        {
            page.curriculum = curricula.first().map(|(id, _)| (*id).to_owned());
        }
        let Some(selected) = page.curriculum.clone() else {
            theme::caption(ui, "No curriculum to export yet.");
            return;
        };
        let selected_title = curricula
            .iter()
            .find(|(id, _)| *id == selected)
            .map_or(selected.as_str(), |(_, t)| t);
        ui.horizontal(|ui| {
            let label = ui.label("Curriculum");
            egui::ComboBox::from_id_salt("export_curriculum")
                .selected_text(selected_title)
                .truncate()
                .width((ui.available_width() - 8.0).min(420.0))
                .show_ui(ui, |ui| {
                    for (id, title) in &curricula {
                        ui.selectable_value(&mut page.curriculum, Some((*id).to_owned()), *title)
                            .on_hover_text(format!("Curriculum id: {id}"));
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal_wrapped(|ui| {
            for format in ExportFormat::ALL {
                ui.radio_value(&mut page.format, format, format.label());
            }
        });
        let format = page.format;
        if ui
            .add_enabled(!dialog_open, egui::Button::new("Save as…"))
            .clicked()
        {
            commands.push(Command::BrowseSave(Purpose::Export {
                curriculum: selected.clone(),
                format,
            }));
        }
        ui.horizontal(|ui| {
            let label = ui.label("Save to");
            let room = ui.available_width()
                - theme::button_width(ui, "Export")
                - ui.spacing().item_spacing.x;
            ui.add(
                egui::TextEdit::singleline(&mut page.path)
                    .hint_text(format!("/home/you/{selected}.{}", format.extension()))
                    .desired_width(room.clamp(120.0, 560.0)),
            )
            .labelled_by(label.id);
            let path = page.path.trim();
            if ui
                .add_enabled(!path.is_empty(), egui::Button::new("Export"))
                .clicked()
            {
                commands.push(Command::Export {
                    curriculum: selected.clone(),
                    format,
                    path: PathBuf::from(path),
                });
            }
        });
        if let Some((severity, text)) = &page.note {
            ui.add_space(6.0);
            theme::note_ui(ui, *severity, text);
        }
    });
}
