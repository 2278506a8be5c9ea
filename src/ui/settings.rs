//! Settings: the theme, the weekly hours with time off and busy weeks, the study days and the
//! calendar, the keyboard (from the
//! one table of commands), and where the data lives.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use chrono::Weekday;

use super::command::{Command, Purpose};
use super::theme::{self, ThemeChoice};
use super::ui_command::{Scope, UiCommand};
use crate::progress::study_times::parse_at;
use crate::workspace::Workspace;

/// What the settings page keeps between frames: the calendar's path as typed.
#[derive(Debug, Default)]
pub struct Page {
    pub calendar_path: String,
    /// The path was filled in from where the calendar is kept (once, so it can be cleared).
    filled: bool,
    /// The start time as typed, while it is being typed.
    start_text: String,
    start_editing: bool,
    /// Why the start typed was not taken.
    start_error: Option<String>,
}

/// Whether the learner's changes are on disk, as the settings page says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saving {
    ReadOnly,
    Pending,
    Saved,
}

/// What the page shows that is not the workspace's.
#[derive(Clone, Copy, Debug)]
pub struct Shown {
    pub choice: ThemeChoice,
    pub saving: Saving,
    pub today: NaiveDate,
}

pub fn settings_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    shown: Shown,
    page: &mut Page,
    periods: &mut super::periods::Page,
    commands: &mut Vec<Command>,
) {
    let Shown {
        choice,
        saving,
        today,
    } = shown;
    if !page.filled {
        page.filled = true;
        if let Some(kept) = workspace.kept_calendar() {
            page.calendar_path = kept.display().to_string();
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("settings")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Settings");
            ui.add_space(theme::CARD_GAP);
            if theme::is_wide(ui) {
                ui.columns_const(|[left, right]| {
                    theme::column(left, |ui| {
                        appearance_card(ui, choice, commands);
                        ui.add_space(theme::CARD_GAP);
                        time_card(ui, workspace, today, periods, commands);
                        ui.add_space(theme::CARD_GAP);
                        calendar_card(ui, workspace, page, commands);
                        ui.add_space(theme::CARD_GAP);
                        data_card(ui, workspace, saving, commands);
                    });
                    theme::column(right, |ui| {
                        super::portfolio::about_you_card(ui, workspace, commands);
                        ui.add_space(theme::CARD_GAP);
                        keyboard_card(ui);
                    });
                });
            } else {
                appearance_card(ui, choice, commands);
                ui.add_space(theme::CARD_GAP);
                time_card(ui, workspace, today, periods, commands);
                ui.add_space(theme::CARD_GAP);
                calendar_card(ui, workspace, page, commands);
                ui.add_space(theme::CARD_GAP);
                super::portfolio::about_you_card(ui, workspace, commands);
                ui.add_space(theme::CARD_GAP);
                keyboard_card(ui);
                ui.add_space(theme::CARD_GAP);
                data_card(ui, workspace, saving, commands);
            }
        });
}

fn appearance_card(ui: &mut Ui, choice: ThemeChoice, commands: &mut Vec<Command>) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Appearance");
        ui.horizontal_wrapped(|ui| {
            for c in ThemeChoice::ALL {
                if ui.radio(choice == c, c.label()).clicked() {
                    commands.push(Command::SetTheme(c));
                }
            }
        });
    });
}

fn time_card(
    ui: &mut Ui,
    workspace: &Workspace,
    today: NaiveDate,
    periods: &mut super::periods::Page,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Your time");
        ui.add_enabled_ui(!workspace.is_read_only(), |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Hours a week");
                let mut hours = workspace.state().hours_per_week;
                let response = theme::hours_slider(ui, &mut hours, label.id);
                if response.changed() {
                    commands.push(Command::SetHoursPerWeek(hours));
                }
            });
        });
        theme::caption(ui, "Every goal's projected finish uses this.");
        if !workspace.is_read_only() {
            ui.add_space(6.0);
            if ui
                .button(UiCommand::PlanWithGuide.label())
                .on_hover_text(UiCommand::PlanWithGuide.tooltip())
                .clicked()
            {
                commands.push(Command::OpenOnboarding);
            }
        }
        super::periods::periods_ui(ui, workspace, today, periods, commands);
    });
}

/// The days of the week, as the study days' checkboxes name them.
const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "Monday"),
    (Weekday::Tue, "Tuesday"),
    (Weekday::Wed, "Wednesday"),
    (Weekday::Thu, "Thursday"),
    (Weekday::Fri, "Friday"),
    (Weekday::Sat, "Saturday"),
    (Weekday::Sun, "Sunday"),
];

/// The study days and the start time, and the calendar file: written once, or kept current.
fn calendar_card(ui: &mut Ui, workspace: &Workspace, page: &mut Page, commands: &mut Vec<Command>) {
    let times = &workspace.state().study_times;
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Your calendar");
        ui.add_enabled_ui(!workspace.is_read_only(), |ui| {
            ui.label("Study days");
            ui.horizontal_wrapped(|ui| {
                for (day, name) in DAYS {
                    let mut on = times.studies_on(day);
                    // The last day cannot be unticked: a calendar needs one.
                    let last = on && times.days.len() == 1;
                    let response = ui
                        .add_enabled(!last, egui::Checkbox::new(&mut on, name))
                        .on_disabled_hover_text("Keep at least one study day.");
                    if response.changed() {
                        let mut next = times.clone();
                        next.days.retain(|d| *d != day);
                        if on {
                            next.days.push(day);
                            next.days.sort_by_key(Weekday::num_days_from_monday);
                        }
                        commands.push(Command::SetStudyTimes(next));
                    }
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("Sessions start at");
                let shown = times.at.format("%H:%M").to_string();
                if !page.start_editing {
                    page.start_text.clone_from(&shown);
                }
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut page.start_text)
                            .desired_width(56.0)
                            .hint_text("19:00"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text("HH:MM on a 24-hour clock; Enter to set it");
                page.start_editing = response.has_focus();
                if response.changed() {
                    page.start_error = None;
                }
                if response.lost_focus() && page.start_text.trim() != shown {
                    // The rule `waymark hours --at` follows, and its words.
                    match parse_at(&page.start_text) {
                        Ok(at) => {
                            let mut next = times.clone();
                            next.at = at;
                            commands.push(Command::SetStudyTimes(next));
                        }
                        Err(e) => page.start_error = Some(e.to_string()),
                    }
                }
            });
            if let Some(error) = &page.start_error {
                theme::note_ui(ui, theme::Severity::Warning, error);
            }
        });
        theme::caption(
            ui,
            "The calendar puts each week's hours on these days, from this week to eight weeks \
             on, with your goals' targets and the reviews due.",
        );
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Calendar file");
            ui.add(
                egui::TextEdit::singleline(&mut page.calendar_path)
                    .hint_text("/home/you/study.ics")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        });
        let path = page.calendar_path.trim();
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Save calendar…")
                .on_hover_text("Choose where to save the calendar file (.ics)")
                .clicked()
            {
                commands.push(Command::BrowseSave(Purpose::Calendar));
            }
            if ui
                .add_enabled(!path.is_empty(), egui::Button::new("Save to this file"))
                .on_hover_text("Write the calendar to the file typed above")
                .clicked()
            {
                commands.push(Command::SaveCalendar(path.into()));
            }
        });
        let kept = workspace.kept_calendar();
        let mut keep = kept.is_some();
        let response = ui
            .add_enabled(
                !workspace.is_read_only() && (keep || !path.is_empty()),
                egui::Checkbox::new(&mut keep, "Keep this file current after every change"),
            )
            .on_hover_text(
                "For calendar apps that subscribe to a file (Thunderbird, Evolution). \
                 This machine's setting: other machines keep their own.",
            );
        if response.changed() {
            commands.push(Command::KeepCalendar(keep.then(|| path.into())));
        }
        if let Some(kept) = kept {
            theme::caption(ui, format!("Kept current: {}", kept.display()));
        }
    });
}

fn keyboard_card(ui: &mut Ui) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Keyboard");
        // One grid, so that both groups' keys line up.
        egui::Grid::new("shortcuts")
            .num_columns(2)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                for (scope, heading) in [
                    (Scope::Window, "Anywhere"),
                    (Scope::List, "In the curricula list"),
                    (Scope::Row, "On the milestone row that has the keyboard"),
                ] {
                    theme::caption(ui, heading);
                    ui.end_row();
                    for command in UiCommand::ALL
                        .iter()
                        .filter(|c| c.scope() == scope && !c.shortcuts().is_empty())
                    {
                        ui.label(RichText::new(command.shortcut_text()).monospace());
                        ui.add(egui::Label::new(command.description()).wrap());
                        ui.end_row();
                    }
                }
            });
    });
}

/// This machine's name, and every machine whose changes are merged, with when each was last
/// seen: what a learner checks when their laptop and desktop should agree.
fn machines_ui(ui: &mut Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.label(RichText::new("Machines").strong());
    egui::Grid::new("machines")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for m in workspace.machines() {
                let name = if m.this {
                    format!("{} (this machine)", m.name)
                } else {
                    m.name.clone()
                };
                ui.label(name)
                    .on_hover_text(format!("Machine id: {}", m.id));
                let seen = m.last_seen.map_or_else(
                    || "no changes yet".to_owned(),
                    |at| {
                        format!(
                            "last change {}",
                            crate::plan::local_day(at).format("%-d %b %Y")
                        )
                    },
                );
                let more = !m.problems.is_empty() || !m.this && !workspace.is_read_only();
                if !more {
                    ui.label(seen);
                    ui.end_row();
                    continue;
                }
                ui.vertical(|ui| {
                    ui.label(seen);
                    for problem in &m.problems {
                        theme::note_ui(ui, theme::Severity::Warning, problem);
                    }
                    if !m.this && !workspace.is_read_only() {
                        let (label, ignore) = if m.ignored {
                            ("Take its changes in again", false)
                        } else {
                            ("Leave this machine out", true)
                        };
                        let hint = if m.ignored {
                            "Its changes are merged again."
                        } else {
                            "For a machine that is gone or whose files are broken: its changes are \
                             left out here (not deleted), until you take them in again."
                        };
                        if ui.small_button(label).on_hover_text(hint).clicked() {
                            commands.push(Command::IgnoreMachine {
                                id: m.id.clone(),
                                ignore,
                            });
                        }
                    }
                });
                ui.end_row();
            }
        });
    theme::caption(
        ui,
        "Put this folder in Syncthing, Dropbox or a git repository to use Waymark on several \
         machines: each writes only its own files, and every change is merged.",
    );
}

fn data_card(ui: &mut Ui, workspace: &Workspace, saving: Saving, commands: &mut Vec<Command>) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Your data");
        let dir = workspace.data_dir();
        ui.label("Everything Waymark keeps is in this folder:");
        ui.add(
            egui::Label::new(RichText::new(dir.root().display().to_string()).monospace())
                .wrap()
                .selectable(true),
        );
        theme::caption(
            ui,
            format!(
                "This machine's changes: {}",
                workspace.changes_path().display()
            ),
        );
        machines_ui(ui, workspace, commands);
        // What is wrong in the synced folder that is no one machine's (a link where the
        // machines' folder should be, a damaged snapshot of this one).
        for problem in workspace
            .sync_problems()
            .iter()
            .filter(|p| p.machine.is_none())
        {
            theme::note_ui(ui, theme::Severity::Warning, &problem.text);
        }
        match saving {
            Saving::ReadOnly => {
                ui.label(
                    RichText::new("This window is read-only: another Waymark holds the data.")
                        .strong(),
                );
            }
            Saving::Pending => {
                theme::caption(ui, "Saving…");
                // A save that works wakes no one; look again shortly while this is shown.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(200));
            }
            Saving::Saved => theme::caption(ui, "All changes saved."),
        }
    });
}
