//! The one table of the window's commands with their labels and keyboard shortcuts (as rerun's
//! `UICommand`): the menu, the tooltips, the settings page and the key handlers all read it, so a
//! shortcut is defined once and said the same way everywhere.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::command::Command;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    Search,
    Import,
    Undo,
    Redo,
    PlanWithGuide,
    Quit,
    /// Keys of the curricula list, handled there.
    NextMilestone,
    PreviousMilestone,
    CycleStatus,
    SetTodo,
    SetDoing,
    SetDone,
    SetSkipped,
}

/// Where a command's keys work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window.
    Window,
    /// In the curricula list, while no other control has the keyboard.
    List,
    /// On the list row that has the keyboard (after a click on it, or the arrows): a status
    /// never changes after a click elsewhere, on a heading or a label.
    Row,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

impl UiCommand {
    pub const ALL: [Self; 13] = [
        Self::Search,
        Self::Import,
        Self::Undo,
        Self::Redo,
        Self::PlanWithGuide,
        Self::Quit,
        Self::NextMilestone,
        Self::PreviousMilestone,
        Self::CycleStatus,
        Self::SetTodo,
        Self::SetDoing,
        Self::SetDone,
        Self::SetSkipped,
    ];

    /// The words on a button or in the menu.
    pub fn label(self) -> &'static str {
        match self {
            Self::Search => "Search",
            Self::Import => "Import a curriculum…",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::PlanWithGuide => "Plan my path",
            Self::Quit => "Quit",
            Self::NextMilestone => "Next milestone",
            Self::PreviousMilestone => "Previous milestone",
            Self::CycleStatus => "Move the status on",
            Self::SetTodo => "Set To do",
            Self::SetDoing => "Set Doing",
            Self::SetDone => "Set Done",
            Self::SetSkipped => "Set Skipped",
        }
    }

    /// What it does, for a tooltip and the settings page.
    pub fn description(self) -> &'static str {
        match self {
            Self::Search => "Search the curricula",
            Self::Import => "Import a curriculum from a file",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo what was undone",
            Self::PlanWithGuide => {
                "Go through the planning questions again to change your focus, hours and goals"
            }
            Self::Quit => "Save and quit",
            Self::NextMilestone => "Select the next milestone in the list",
            Self::PreviousMilestone => "Select the previous milestone in the list",
            Self::CycleStatus => "Move the selected milestone on: To do, Doing, Done",
            Self::SetTodo => "Set the selected milestone to To do",
            Self::SetDoing => "Set the selected milestone to Doing",
            Self::SetDone => "Set the selected milestone to Done",
            Self::SetSkipped => "Set the selected milestone to Skipped",
        }
    }

    /// Every chord that runs it; the first is the one shown.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Self::Search => {
                const KEYS: &[KeyboardShortcut] = &[key(CTRL, Key::F)];
                KEYS
            }
            Self::Import => {
                const KEYS: &[KeyboardShortcut] = &[key(CTRL, Key::O)];
                KEYS
            }
            Self::Undo => {
                const KEYS: &[KeyboardShortcut] = &[key(CTRL, Key::Z)];
                KEYS
            }
            Self::Redo => {
                const KEYS: &[KeyboardShortcut] = &[key(CTRL_SHIFT, Key::Z), key(CTRL, Key::Y)];
                KEYS
            }
            Self::PlanWithGuide => &[],
            Self::Quit => {
                const KEYS: &[KeyboardShortcut] = &[key(CTRL, Key::Q)];
                KEYS
            }
            Self::NextMilestone => {
                const KEYS: &[KeyboardShortcut] = &[key(NONE, Key::ArrowDown)];
                KEYS
            }
            Self::PreviousMilestone => {
                const KEYS: &[KeyboardShortcut] = &[key(NONE, Key::ArrowUp)];
                KEYS
            }
            Self::CycleStatus => {
                const KEYS: &[KeyboardShortcut] = &[key(NONE, Key::Space)];
                KEYS
            }
            Self::SetTodo => {
                const KEYS: &[KeyboardShortcut] = &[key(NONE, Key::Num1)];
                KEYS
            }
            Self::SetDoing => {
                const KEYS: &[KeyboardShortcut] = &[key(NONE, Key::Num2)];
                KEYS
            }
            Self::SetDone => {
                const KEYS: &[KeyboardShortcut] = &[key(NONE, Key::Num3)];
                KEYS
            }
            Self::SetSkipped => {
                const KEYS: &[KeyboardShortcut] = &[key(NONE, Key::Num4)];
                KEYS
            }
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Self::Search
            | Self::Import
            | Self::Undo
            | Self::Redo
            | Self::PlanWithGuide
            | Self::Quit => Scope::Window,
            Self::NextMilestone | Self::PreviousMilestone => Scope::List,
            Self::CycleStatus
            | Self::SetTodo
            | Self::SetDoing
            | Self::SetDone
            | Self::SetSkipped => Scope::Row,
        }
    }

    /// The command it stands for in the window's scope; list keys act in the list.
    pub fn command(self) -> Option<Command> {
        match self {
            Self::Search => Some(Command::Search),
            Self::Import => Some(Command::BrowseImport),
            Self::Undo => Some(Command::Undo),
            Self::Redo => Some(Command::Redo),
            Self::PlanWithGuide => Some(Command::OpenOnboarding),
            Self::Quit => Some(Command::Quit),
            _ => None,
        }
    }

    /// The chords as a learner reads them: "Ctrl+Shift+Z or Ctrl+Y".
    pub fn shortcut_text(self) -> String {
        self.shortcuts()
            .iter()
            .map(|s| s.format(&egui::ModifierNames::NAMES, cfg!(target_os = "macos")))
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// "Undo the last change (Ctrl+Z)".
    pub fn tooltip(self) -> String {
        let keys = self.shortcut_text();
        if keys.is_empty() {
            self.description().to_owned()
        } else {
            format!("{} ({keys})", self.description())
        }
    }

    /// Consumes the key presses of the commands in `scope`, longest chord first (Ctrl+Shift+Z
    /// would otherwise also match Ctrl+Z), and returns the commands they ran.
    pub fn consume(input: &mut egui::InputState, scope: Scope) -> Vec<Self> {
        let mut chords: Vec<(KeyboardShortcut, Self)> = Self::ALL
            .iter()
            .filter(|c| c.scope() == scope)
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, *c)))
            .collect();
        chords.sort_by_key(|(s, _)| {
            std::cmp::Reverse(
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.alt)
                    + u8::from(s.modifiers.command),
            )
        });
        let mut ran = Vec::new();
        for (chord, command) in chords {
            if input.consume_shortcut(&chord) && !ran.contains(&command) {
                ran.push(command);
            }
        }
        ran
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_chord() {
        let mut seen = Vec::new();
        for c in UiCommand::ALL {
            for s in c.shortcuts() {
                assert!(!seen.contains(s), "{c:?} reuses {s:?}");
                seen.push(*s);
            }
        }
    }

    #[test]
    fn shortcuts_read_as_a_learner_types_them() {
        if cfg!(target_os = "macos") {
            return;
        }
        assert_eq!(UiCommand::Redo.shortcut_text(), "Ctrl+Shift+Z or Ctrl+Y");
        assert_eq!(UiCommand::Undo.tooltip(), "Undo the last change (Ctrl+Z)");
        assert_eq!(UiCommand::SetTodo.shortcut_text(), "1");
    }
}
