//! The top bar: the screens, then Search, Undo, Redo and the guide, in reading order. Below
//! [`FOLD_WIDTH`] the screens and commands fold into one menu, so that nothing is drawn over
//! anything else.

use egui::{RichText, Ui};

use super::command::{Command, Screen};
use super::theme;
use super::ui_command::UiCommand;

/// Below this width the bar folds into a menu.
pub const FOLD_WIDTH: f32 = 1000.0;

/// What the bar shows.
pub struct Bar {
    /// The screen shown; `None` while the guide's conversation is open.
    pub screen: Option<Screen>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub writable: bool,
}

pub fn top_bar_ui(ui: &mut Ui, bar: &Bar, commands: &mut Vec<Command>) {
    let folded = ui.ctx().content_rect().width() < FOLD_WIDTH;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("Waymark")
                .size(18.0)
                .strong()
                .color(theme::accent_of(ui)),
        );
        ui.add_space(12.0);
        if folded {
            menu_ui(ui, bar, commands);
            let here = bar.screen.map_or("Plan my path", Screen::label);
            ui.label(RichText::new(here).strong());
        } else {
            for screen in Screen::ALL {
                if ui
                    .selectable_label(bar.screen == Some(screen), screen.label())
                    .clicked()
                {
                    commands.push(Command::Show(screen));
                }
            }
        }
        // The commands, right-aligned but laid out left to right: read as they are seen.
        let mut buttons = Vec::new();
        if !folded {
            buttons.push((UiCommand::Search, true));
        }
        if bar.writable {
            buttons.push((UiCommand::Undo, bar.can_undo));
            buttons.push((UiCommand::Redo, bar.can_redo));
            if !folded {
                buttons.push((UiCommand::PlanWithGuide, true));
            }
        }
        let spacing = ui.spacing().item_spacing.x;
        let width: f32 = buttons
            .iter()
            .map(|(c, _)| theme::button_width(ui, c.label()) + spacing)
            .sum();
        ui.add_space((ui.available_width() - width).max(0.0));
        for (command, enabled) in buttons {
            if ui
                .add_enabled(enabled, egui::Button::new(command.label()))
                .on_hover_text(command.tooltip())
                .on_disabled_hover_text(command.tooltip())
                .clicked()
                && let Some(c) = command.command()
            {
                commands.push(c);
            }
        }
    });
}

/// Everything the wide bar shows, as one menu.
fn menu_ui(ui: &mut Ui, bar: &Bar, commands: &mut Vec<Command>) {
    ui.menu_button("Menu", |ui| {
        for screen in Screen::ALL {
            if ui
                .selectable_label(bar.screen == Some(screen), screen.label())
                .clicked()
            {
                commands.push(Command::Show(screen));
                ui.close();
            }
        }
        ui.separator();
        let mut items = vec![UiCommand::Search];
        if bar.writable {
            items.extend([UiCommand::Import, UiCommand::PlanWithGuide]);
        }
        items.push(UiCommand::Quit);
        for command in items {
            let button = egui::Button::new(command.label()).shortcut_text(command.shortcut_text());
            if ui
                .add(button)
                .on_hover_text(command.description())
                .clicked()
                && let Some(c) = command.command()
            {
                commands.push(c);
                ui.close();
            }
        }
    });
}
