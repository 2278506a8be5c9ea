//! The "Import & export" screen: it lays out the import card (with its preview), the export
//! card and the table of curricula, each from its own module.

use egui::Ui;

use super::command::Command;
use super::{export, import, manage, portfolio, theme};
use crate::workspace::Workspace;

/// The screen's own state: one part per card.
#[derive(Debug, Default)]
pub struct Page {
    pub import: import::Page,
    pub export: export::Page,
    pub manage: manage::Page,
    pub portfolio: portfolio::Page,
}

pub fn sharing_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    page: &mut Page,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt("sharing")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Import and export");
            ui.add_space(theme::CARD_GAP);
            if theme::is_wide(ui) {
                ui.columns_const(|[left, right]| {
                    theme::column(left, |ui| {
                        import::import_ui(ui, workspace, &mut page.import, dialog_open, commands);
                        ui.add_space(theme::CARD_GAP);
                        portfolio::portfolio_ui(
                            ui,
                            workspace,
                            &mut page.portfolio,
                            dialog_open,
                            commands,
                        );
                    });
                    theme::column(right, |ui| {
                        export::export_ui(ui, workspace, &mut page.export, dialog_open, commands);
                        ui.add_space(theme::CARD_GAP);
                        manage::curricula_ui(ui, workspace, &mut page.manage, commands);
                    });
                });
            } else {
                import::import_ui(ui, workspace, &mut page.import, dialog_open, commands);
                ui.add_space(theme::CARD_GAP);
                export::export_ui(ui, workspace, &mut page.export, dialog_open, commands);
                ui.add_space(theme::CARD_GAP);
                manage::curricula_ui(ui, workspace, &mut page.manage, commands);
                ui.add_space(theme::CARD_GAP);
                portfolio::portfolio_ui(ui, workspace, &mut page.portfolio, dialog_open, commands);
            }
        });
}
