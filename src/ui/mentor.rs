//! The mentor's page: who they are and how to reach them, the check-ins (newest first) with
//! what was agreed, and the progress report to send before the next one.
//!
//! Every change goes through a [`Command`], so it is undoable and autosaved like the rest.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::app::{App, Command};
use super::history::Edit;
use super::sharing::{self, Purpose};
use super::theme::{self, Severity};
use crate::progress::{Activity, CheckIn, Event, Mentor};

/// What the learner asked of the mentor's page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetDetails {
        name: String,
        contact: String,
    },
    AddCheckIn(CheckIn),
    /// Replaces the check-in at this index of `state.mentor.check_ins` (oldest first).
    ReplaceCheckIn(usize, CheckIn),
    DeleteCheckIn(usize),
    PrepareReport,
}

/// A check-in being written: text as typed, checked when it is added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub date: String,
    pub notes: String,
    /// One step a line.
    pub next_steps: String,
}

impl Draft {
    fn of(check_in: &CheckIn) -> Self {
        Self {
            date: check_in.date.to_string(),
            notes: check_in.notes.clone(),
            next_steps: check_in.next_steps.join("\n"),
        }
    }

    /// The check-in this draft describes; an empty date means `today`.
    pub fn check_in(&self, today: NaiveDate) -> Result<CheckIn, String> {
        let text = self.date.trim();
        let date = if text.is_empty() {
            today
        } else {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| format!("\"{text}\" is not a date like {today}"))?
        };
        Ok(CheckIn {
            date,
            notes: self.notes.trim().to_owned(),
            next_steps: self
                .next_steps
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// The page's own state; the learner's data stays in `state.mentor`.
#[derive(Debug, Default)]
pub struct Page {
    pub draft: Draft,
    /// The check-in being edited: its index, the check-in as it was then, and the text.
    pub editing: Option<(usize, CheckIn, Draft)>,
    /// The report as last prepared.
    pub report: Option<String>,
    pub note: Option<(Severity, String)>,
}

pub fn run(app: &mut App, ctx: &egui::Context, action: Action) {
    let before = app.workspace.state.mentor.clone();
    let mut after = before.clone();
    let mut log = None;
    // Typing a name arrives a letter at a time; undo takes back the whole word.
    let mut continuous = false;
    match action {
        Action::SetDetails { name, contact } => {
            after.name = name;
            after.contact = contact;
            continuous = true;
        }
        Action::AddCheckIn(check_in) => {
            log = Some(Activity {
                at: app.now(),
                event: Event::CheckIn {
                    date: check_in.date,
                },
            });
            insert_by_date(&mut after, check_in);
            app.mentor_page.draft = Draft::default();
        }
        Action::ReplaceCheckIn(index, check_in) => {
            if index < after.check_ins.len() {
                after.check_ins.remove(index);
                insert_by_date(&mut after, check_in);
            }
            app.mentor_page.editing = None;
        }
        Action::DeleteCheckIn(index) => {
            if index < after.check_ins.len() {
                after.check_ins.remove(index);
            }
            app.mentor_page.editing = None;
        }
        Action::PrepareReport => {
            app.mentor_page.report = Some(app.workspace.report(app.today()));
            app.mentor_page.note = None;
            return;
        }
    }
    if after != before {
        app.perform_edit(
            ctx,
            Edit::Mentor {
                before: Box::new(before),
                after: Box::new(after),
                log,
            },
            continuous,
        );
    }
}

/// Keeps the check-ins oldest first; a new one goes after those of the same day.
fn insert_by_date(mentor: &mut Mentor, check_in: CheckIn) {
    let at = mentor
        .check_ins
        .partition_point(|c| c.date <= check_in.date);
    mentor.check_ins.insert(at, check_in);
}

pub fn mentor_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("mentor")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(760.0);
            ui.heading("Your mentor");
            theme::caption(
                ui,
                "Who helps you along, what you agreed at each check-in, and the report for the next one.",
            );
            ui.add_space(theme::CARD_GAP);
            ui.add_enabled_ui(!app.read_only(), |ui| {
                details_card(ui, app, commands);
                ui.add_space(theme::CARD_GAP);
                new_check_in_card(ui, app, commands);
                ui.add_space(theme::CARD_GAP);
                check_ins_card(ui, app, commands);
            });
            ui.add_space(theme::CARD_GAP);
            report_card(ui, app, commands);
        });
}

fn details_card(ui: &mut Ui, app: &App, commands: &mut Vec<Command>) {
    let mentor = &app.workspace.state.mentor;
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Contact details");
        let mut name = mentor.name.clone();
        let mut contact = mentor.contact.clone();
        let mut changed = false;
        egui::Grid::new("mentor_details")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Name");
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut name)
                            .hint_text("Who mentors you")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id)
                    .changed();
                ui.end_row();
                let label = ui.label("Contact");
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut contact)
                            .hint_text("An email address, a handle or a link")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id)
                    .changed();
                ui.end_row();
            });
        if changed {
            commands.push(Command::Mentor(Action::SetDetails { name, contact }));
        }
    });
}

fn new_check_in_card(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    let today = app.today();
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Record a check-in");
        let draft = &mut app.mentor_page.draft;
        let parsed = draft_fields(ui, draft, today, ["Date", "Notes", "Next steps"]);
        if let Err(e) = &parsed {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
        ui.add_space(4.0);
        let clicked = ui
            .add_enabled_ui(parsed.is_ok(), |ui| {
                theme::primary_button(ui, "Add check-in")
            })
            .inner
            .clicked();
        if clicked && let Ok(check_in) = parsed {
            commands.push(Command::Mentor(Action::AddCheckIn(check_in)));
        }
    });
}

/// The three fields of a check-in; `labels` name them (date, notes, next steps).
fn draft_fields(
    ui: &mut Ui,
    draft: &mut Draft,
    today: NaiveDate,
    labels: [&str; 3],
) -> Result<CheckIn, String> {
    egui::Grid::new(labels[0])
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(labels[0]);
            ui.add(
                egui::TextEdit::singleline(&mut draft.date)
                    .hint_text(today.to_string())
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(labels[1]);
            ui.add(
                egui::TextEdit::multiline(&mut draft.notes)
                    .hint_text("What you talked about")
                    .desired_rows(2)
                    .desired_width(480.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(labels[2]);
            ui.add(
                egui::TextEdit::multiline(&mut draft.next_steps)
                    .hint_text("What you agreed to do next, one a line")
                    .desired_rows(2)
                    .desired_width(480.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    draft.check_in(today)
}

fn check_ins_card(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    let today = app.today();
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Check-ins");
        let check_ins = &app.workspace.state.mentor.check_ins;
        if check_ins.is_empty() {
            theme::caption(
                ui,
                "None yet. After you meet, record what you agreed above.",
            );
            return;
        }
        // Newest first; the same day keeps the later-recorded one on top.
        let mut order: Vec<usize> = (0..check_ins.len()).collect();
        order.sort_by(|a, b| check_ins[*b].date.cmp(&check_ins[*a].date).then(b.cmp(a)));
        for index in order {
            let check_in = &check_ins[index];
            let date = check_in.date.format("%A %-d %B %Y").to_string();
            ui.separator();
            match &mut app.mentor_page.editing {
                // An undo may have moved the list under the editor: edit only what was opened.
                Some((editing, original, draft)) if *editing == index && original == check_in => {
                    let parsed = draft_fields(
                        ui,
                        draft,
                        today,
                        ["Check-in date", "Check-in notes", "Agreed next steps"],
                    );
                    if let Err(e) = &parsed {
                        ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                    }
                    ui.horizontal(|ui| {
                        let save = ui
                            .add_enabled(parsed.is_ok(), egui::Button::new("Save check-in"))
                            .clicked();
                        if save && let Ok(check_in) = parsed {
                            commands.push(Command::Mentor(Action::ReplaceCheckIn(index, check_in)));
                        }
                        if ui.button("Cancel").clicked() {
                            app.mentor_page.editing = None;
                        }
                    });
                }
                _ => {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&date).strong());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if theme::named_small_button(
                                ui,
                                "Delete",
                                &format!("Delete the check-in of {}", check_in.date),
                            )
                            .clicked()
                            {
                                commands.push(Command::Mentor(Action::DeleteCheckIn(index)));
                            }
                            if theme::named_small_button(
                                ui,
                                "Edit",
                                &format!("Edit the check-in of {}", check_in.date),
                            )
                            .clicked()
                            {
                                app.mentor_page.editing =
                                    Some((index, check_in.clone(), Draft::of(check_in)));
                            }
                        });
                    });
                    if !check_in.notes.is_empty() {
                        ui.add(egui::Label::new(&check_in.notes).wrap().selectable(true));
                    }
                    if !check_in.next_steps.is_empty() {
                        theme::caption(ui, "Agreed next steps");
                        for step in &check_in.next_steps {
                            ui.label(format!("• {step}"));
                        }
                    }
                }
            }
        }
    });
}

fn report_card(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Report for the next check-in");
        theme::caption(
            ui,
            "Your goals with projected dates, what you did since the last check-in, your notes and evidence, and what comes next, in Markdown.",
        );
        ui.add_space(4.0);
        if let Some((severity, text)) = &app.mentor_page.note {
            theme::banner_frame(ui, *severity).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.add(egui::Label::new(text.as_str()).wrap().selectable(true));
            });
            ui.add_space(4.0);
        }
        let label = if app.mentor_page.report.is_some() {
            "Prepare again"
        } else {
            "Prepare report"
        };
        if ui.button(label).clicked() {
            commands.push(Command::Mentor(Action::PrepareReport));
        }
        let Some(report) = &app.mentor_page.report else {
            return;
        };
        ui.add_space(6.0);
        let label = ui.label("Report");
        ui.add(
            egui::TextEdit::multiline(&mut report.as_str())
                .code_editor()
                .desired_rows(report.lines().count().clamp(4, 24))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui.button("Copy report").clicked() {
                ui.ctx().copy_text(report.clone());
            }
            if ui
                .add_enabled(!app.sharing.dialog_open(), egui::Button::new("Save as…"))
                .clicked()
            {
                commands.push(Command::Share(sharing::Action::BrowseSave(Purpose::Report)));
            }
            ui.separator();
            let label = ui.label("Save report to");
            ui.add(
                egui::TextEdit::singleline(&mut app.sharing.report_path)
                    .hint_text("/home/you/progress-report.md")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
            let path = app.sharing.report_path.trim();
            if ui
                .add_enabled(!path.is_empty(), egui::Button::new("Save"))
                .clicked()
            {
                commands.push(Command::Share(sharing::Action::SaveReport(path.into())));
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    #[test]
    fn a_draft_reads_steps_one_a_line_and_defaults_to_today() {
        let draft = Draft {
            date: String::new(),
            notes: " talked about pandas ".into(),
            next_steps: "finish statistics\n\n  start git  \n".into(),
        };
        let check_in = draft.check_in(day(4)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check_in.date, day(4));
        assert_eq!(check_in.notes, "talked about pandas");
        assert_eq!(check_in.next_steps, ["finish statistics", "start git"]);
    }

    #[test]
    fn a_draft_with_a_wrong_date_says_what_a_date_looks_like() {
        let draft = Draft {
            date: "next tuesday".into(),
            ..Draft::default()
        };
        let err = draft.check_in(day(4)).err().unwrap_or_default();
        assert!(err.contains("2026-03-04"), "{err}");
    }

    #[test]
    fn check_ins_stay_oldest_first() {
        let mut mentor = Mentor::default();
        for d in [3, 1, 2] {
            insert_by_date(
                &mut mentor,
                CheckIn {
                    date: day(d),
                    notes: String::new(),
                    next_steps: Vec::new(),
                },
            );
        }
        let dates: Vec<NaiveDate> = mentor.check_ins.iter().map(|c| c.date).collect();
        assert_eq!(dates, [day(1), day(2), day(3)]);
    }
}
