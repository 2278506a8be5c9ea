//! The mentor's page: who the learner's real mentor is and how to reach them, the check-ins
//! (newest first) with what was agreed, and the progress report to send before the next one —
//! shown rendered, with its Markdown to copy or save.
//!
//! Every change to the learner's data goes through a [`Command`], so it is undoable and
//! autosaved like the rest; saving the report is this page's own job.

use std::path::Path;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::command::{Command, Purpose};
use super::date_picker::DatePicker;
use super::markdown_view;
use super::theme::{self, Severity};
use crate::progress::{CheckIn, Mentor};
use crate::workspace::Workspace;

/// A check-in being written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The day picked; `None` until one is, which means today.
    pub date: Option<NaiveDate>,
    pub notes: String,
    /// One step a line.
    pub next_steps: String,
    /// The mentor whose reply it came from (kept through an edit), or empty.
    pub mentor: String,
}

impl Draft {
    fn of(check_in: &CheckIn) -> Self {
        Self {
            date: Some(check_in.date),
            notes: check_in.notes.clone(),
            next_steps: check_in.next_steps.join("\n"),
            mentor: check_in.mentor.clone(),
        }
    }

    /// The check-in this draft describes; no date picked means `today`.
    pub fn check_in(&self, today: NaiveDate) -> CheckIn {
        CheckIn {
            date: self.date.unwrap_or(today),
            notes: self.notes.trim().to_owned(),
            next_steps: self
                .next_steps
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            mentor: self.mentor.clone(),
        }
    }
}

/// How the report is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportView {
    #[default]
    Rendered,
    Markdown,
}

/// The page's own state; the learner's data stays in `state.mentor`.
#[derive(Debug, Default)]
pub struct Page {
    pub draft: Draft,
    /// The check-in being edited: its index, the check-in as it was then, and the text.
    pub editing: Option<(usize, CheckIn, Draft)>,
    /// The report as last prepared.
    pub report: Option<String>,
    /// The first day of the period the report covers; `None` until the learner picks one
    /// (then: the day after the last check-in before today).
    pub since: Option<NaiveDate>,
    pub view: ReportView,
    /// Where the report is saved.
    pub path: String,
    pub note: Option<(Severity, String)>,
    /// The mentor loop's cards.
    pub checkin: super::checkin::CheckinPage,
}

impl Page {
    /// Saves the report as last prepared (preparing it first if need be) and says how it went.
    pub fn save_report(&mut self, workspace: &Workspace, today: NaiveDate, path: &Path) {
        let since = self
            .since
            .unwrap_or_else(|| default_since(workspace, today));
        let report = self
            .report
            .take()
            .unwrap_or_else(|| crate::report::mentor_report(workspace, today, Some(since)));
        let written = crate::storage::write_atomic(path, report.as_bytes());
        self.report = Some(report);
        self.path = path.display().to_string();
        self.note = Some(match written {
            Ok(()) => (
                Severity::Info,
                format!("Saved the report to {}.", path.display()),
            ),
            Err(e) => (Severity::Error, format!("Could not save the report: {e}")),
        });
    }
}

/// The period's first day when the learner has not picked one (see
/// [`crate::report::default_since`]).
pub fn default_since(workspace: &Workspace, today: NaiveDate) -> NaiveDate {
    crate::report::default_since(workspace.state(), today)
}

pub fn mentor_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    today: NaiveDate,
    page: &mut Page,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt("mentor")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Your mentor");
            theme::caption(
                ui,
                "The person who helps you along: what you agreed at each check-in, and the report for the next one.",
            );
            ui.add_space(theme::CARD_GAP);
            let read_only = workspace.is_read_only();
            let people = |ui: &mut Ui, page: &mut Page, commands: &mut Vec<Command>| {
                ui.add_enabled_ui(!read_only, |ui| {
                    details_card(ui, &workspace.state().mentor, commands);
                    ui.add_space(theme::CARD_GAP);
                    new_check_in_card(ui, today, page, commands);
                    ui.add_space(theme::CARD_GAP);
                    check_ins_card(ui, &workspace.state().mentor, today, page, commands);
                });
                ui.add_space(theme::CARD_GAP);
                super::checkin::learner_card(ui, workspace, &mut page.checkin, dialog_open, commands);
            };
            if theme::is_wide(ui) {
                ui.columns_const(|[left, right]| {
                    theme::column(left, |ui| people(ui, page, commands));
                    theme::column(right, |ui| {
                        report_card(ui, workspace, today, page, dialog_open, commands);
                        ui.add_space(theme::CARD_GAP);
                        super::checkin::mentor_card(ui, &mut page.checkin, dialog_open, commands);
                    });
                });
            } else {
                people(ui, page, commands);
                ui.add_space(theme::CARD_GAP);
                report_card(ui, workspace, today, page, dialog_open, commands);
                ui.add_space(theme::CARD_GAP);
                super::checkin::mentor_card(ui, &mut page.checkin, dialog_open, commands);
            }
        });
}

fn details_card(ui: &mut Ui, mentor: &Mentor, commands: &mut Vec<Command>) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Contact details");
        let mut name = mentor.name.clone();
        let mut contact = mentor.contact.clone();
        let mut changed = false;
        let width = (ui.available_width() - 90.0).clamp(160.0, 420.0);
        egui::Grid::new("mentor_details")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Name");
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut name)
                            .hint_text("Who mentors you")
                            .desired_width(width),
                    )
                    .labelled_by(label.id)
                    .changed();
                ui.end_row();
                let label = ui.label("Contact");
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut contact)
                            .hint_text("An email address, a handle or a link")
                            .desired_width(width),
                    )
                    .labelled_by(label.id)
                    .changed();
                ui.end_row();
            });
        if changed {
            commands.push(Command::SetMentor { name, contact });
        }
    });
}

fn new_check_in_card(ui: &mut Ui, today: NaiveDate, page: &mut Page, commands: &mut Vec<Command>) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Record a check-in");
        let check_in = draft_fields(ui, &mut page.draft, today, ["Date", "Notes", "Next steps"]);
        ui.add_space(4.0);
        if theme::primary_button(ui, "Add check-in").clicked() {
            commands.push(Command::AddCheckIn(check_in));
            page.draft = Draft::default();
        }
    });
}

/// The three fields of a check-in; `labels` name them (date, notes, next steps).
fn draft_fields(ui: &mut Ui, draft: &mut Draft, today: NaiveDate, labels: [&str; 3]) -> CheckIn {
    let width = (ui.available_width() - 110.0).clamp(160.0, 640.0);
    egui::Grid::new(labels[0])
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(labels[0]);
            let date = draft.date.unwrap_or(today);
            // The salt is the label: the new check-in's picker and an edited one's differ.
            if let Some(picked) = DatePicker::new(labels[0], labels[0], today).show(ui, date) {
                draft.date = Some(picked);
            }
            ui.end_row();
            let label = ui.label(labels[1]);
            ui.add(
                egui::TextEdit::multiline(&mut draft.notes)
                    .hint_text("What you talked about")
                    .desired_rows(2)
                    .desired_width(width),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(labels[2]);
            ui.add(
                egui::TextEdit::multiline(&mut draft.next_steps)
                    .hint_text("What you agreed to do next, one a line")
                    .desired_rows(2)
                    .desired_width(width),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    draft.check_in(today)
}

fn check_ins_card(
    ui: &mut Ui,
    mentor: &Mentor,
    today: NaiveDate,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Check-ins");
        let check_ins = &mentor.check_ins;
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
            match &mut page.editing {
                // An undo may have moved the list under the editor: edit only what was opened.
                Some((editing, original, draft)) if *editing == index && original == check_in => {
                    let edited = draft_fields(
                        ui,
                        draft,
                        today,
                        ["Check-in date", "Check-in notes", "Agreed next steps"],
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Save check-in").clicked() {
                            commands.push(Command::ReplaceCheckIn(index, edited));
                            page.editing = None;
                        }
                        if ui.button("Cancel").clicked() {
                            page.editing = None;
                        }
                    });
                }
                _ => {
                    // The date first, then its buttons: the order a screen reader reads.
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&date).strong());
                        if theme::named_small_button(
                            ui,
                            "Edit",
                            &format!("Edit the check-in of {}", check_in.date),
                        )
                        .clicked()
                        {
                            page.editing = Some((index, check_in.clone(), Draft::of(check_in)));
                        }
                        if theme::named_small_button(
                            ui,
                            "Delete",
                            &format!(
                                "Delete the check-in of {} (Ctrl+Z undoes it)",
                                check_in.date
                            ),
                        )
                        .clicked()
                        {
                            commands.push(Command::DeleteCheckIn(index));
                            page.editing = None;
                        }
                    });
                    if !check_in.notes.is_empty() {
                        ui.add(egui::Label::new(&check_in.notes).wrap().selectable(true));
                    }
                    if !check_in.next_steps.is_empty() {
                        theme::caption(ui, "Agreed next steps");
                        for step in &check_in.next_steps {
                            ui.add(egui::Label::new(format!("• {step}")).wrap());
                        }
                    }
                }
            }
        }
    });
}

fn report_card(
    ui: &mut Ui,
    workspace: &Workspace,
    today: NaiveDate,
    page: &mut Page,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Report for the next check-in");
        theme::caption(
            ui,
            "Your goals with projected dates, what you did in the period with your notes, evidence and hours, and what comes next.",
        );
        ui.add_space(4.0);
        let since = page.since.unwrap_or_else(|| default_since(workspace, today));
        let mut prepare = false;
        ui.horizontal_wrapped(|ui| {
            ui.label("Since");
            let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(today);
            // A report covers days that have been: no day after today can be picked.
            if let Some(picked) =
                DatePicker::new("report-since", "The first day the report covers", today)
                    .earliest(earliest)
                    .latest(today)
                    .show(ui, since)
            {
                page.since = Some(picked);
                prepare = page.report.is_some();
            }
            let label = if page.report.is_some() {
                "Prepare again"
            } else {
                "Prepare report"
            };
            prepare |= ui.button(label).clicked();
        });
        if prepare {
            let since = page.since.unwrap_or(since);
            page.report = Some(crate::report::mentor_report(workspace, today, Some(since)));
            page.note = None;
        }
        let Some(report) = &page.report else {
            return;
        };
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut page.view, ReportView::Rendered, "Rendered");
            ui.selectable_value(&mut page.view, ReportView::Markdown, "Markdown");
        });
        ui.add_space(4.0);
        match page.view {
            ReportView::Rendered => {
                egui::Frame::new()
                    .fill(ui.visuals().extreme_bg_color)
                    .corner_radius(egui::CornerRadius::same(6))
                    .inner_margin(egui::Margin::same(12))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        if let Some(url) = markdown_view::markdown_ui(ui, report) {
                            commands.push(Command::OpenUrl(url));
                        }
                    });
            }
            ReportView::Markdown => {
                let label = ui.label("Report");
                ui.add(
                    egui::TextEdit::multiline(&mut report.as_str())
                        .code_editor()
                        .desired_rows(report.lines().count().clamp(4, 30))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            }
        }
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button("Copy report").clicked() {
                ui.ctx().copy_text(report.clone());
            }
            if ui
                .add_enabled(!dialog_open, egui::Button::new("Save as…"))
                .clicked()
            {
                commands.push(Command::BrowseSave(Purpose::Report));
            }
            let label = ui.label("Save report to");
            let width = (ui.available_width() - 60.0).clamp(140.0, 360.0);
            ui.add(
                egui::TextEdit::singleline(&mut page.path)
                    .hint_text("/home/you/progress-report.md")
                    .desired_width(width),
            )
            .labelled_by(label.id);
            let path = page.path.trim();
            if ui
                .add_enabled(!path.is_empty(), egui::Button::new("Save"))
                .clicked()
            {
                commands.push(Command::SaveReport(path.into()));
            }
        });
        if let Some((severity, text)) = &page.note {
            ui.add_space(4.0);
            theme::note_ui(ui, *severity, text);
        }
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
            date: None,
            notes: " talked about pandas ".into(),
            next_steps: "finish statistics\n\n  start git  \n".into(),
            mentor: String::new(),
        };
        let check_in = draft.check_in(day(4));
        assert_eq!(check_in.date, day(4));
        assert_eq!(check_in.notes, "talked about pandas");
        assert_eq!(check_in.next_steps, ["finish statistics", "start git"]);
    }
}
