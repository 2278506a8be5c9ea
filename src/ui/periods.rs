//! Time off and busy weeks, in Settings beside the hours a week: the learner's periods with an
//! edit and a remove for each, and a form that adds one. Every change is a [`Command`], so it
//! is said with its Undo and checked by the same rule as `waymark away`.

use chrono::{Days, NaiveDate};
use egui::{RichText, Ui};

use super::command::Command;
use super::date_picker::DatePicker;
use super::theme::{self, Severity};
use crate::plan::hours_words;
use crate::progress::Period;
use crate::progress::periods::{LAST_DAY, check_period};
use crate::workspace::Workspace;

/// A period being written.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// `None` until picked: today.
    from: Option<NaiveDate>,
    /// `None` until picked: a week from the first day.
    to: Option<NaiveDate>,
    away: bool,
    /// The hours a week of a busy (or free) period; `None` until set: the usual ones.
    hours: Option<f64>,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            from: None,
            to: None,
            away: true,
            hours: None,
        }
    }
}

impl Draft {
    fn of(period: &Period) -> Self {
        Self {
            from: Some(period.from),
            to: Some(period.to),
            away: period.is_away(),
            hours: (!period.is_away()).then_some(period.hours_per_week),
        }
    }

    fn period(&self, today: NaiveDate, usual: f64) -> Period {
        let from = self.from.unwrap_or(today);
        Period {
            from,
            to: self
                .to
                .unwrap_or_else(|| from.checked_add_days(Days::new(6)).unwrap_or(from)),
            hours_per_week: if self.away {
                0.0
            } else {
                self.hours.unwrap_or(usual)
            },
        }
    }
}

/// What the card keeps between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    draft: Draft,
    /// The period opened for editing: its place, and what it was (an undo may move the list).
    editing: Option<(usize, Period)>,
}

/// "21 Dec 2026 to 17 Jan 2027 · away", "from 1 Mar 2027 on · 10 h a week".
fn row_words(period: &Period, today: NaiveDate) -> String {
    let kind = if period.is_away() {
        "away".to_owned()
    } else {
        format!("{} h a week", hours_words(period.hours_per_week))
    };
    let over = if period.to < today { " · over" } else { "" };
    format!("{} · {kind}{over}", period.range_words())
}

pub(super) fn periods_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    today: NaiveDate,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    ui.add_space(8.0);
    ui.label(RichText::new("Time off and busy weeks").strong());
    theme::caption(
        ui,
        "Time away plans nothing and moves every finish; a busy or free period has its own \
         hours a week.",
    );
    let periods = &workspace.state().periods;
    let read_only = workspace.is_read_only();
    // Editing what is no longer there (an undo, another machine) ends the edit.
    if let Some((index, was)) = &page.editing
        && periods.get(*index) != Some(was)
    {
        page.editing = None;
    }
    if periods.is_empty() {
        theme::caption(ui, "None yet.");
    }
    for (index, period) in periods.iter().enumerate() {
        let words = row_words(period, today);
        ui.horizontal_wrapped(|ui| {
            ui.label(&words);
            ui.add_enabled_ui(!read_only, |ui| {
                if theme::named_small_button(ui, "Edit", &format!("Edit {words}")).clicked() {
                    page.editing = Some((index, period.clone()));
                    page.draft = Draft::of(period);
                }
                if theme::named_small_button(
                    ui,
                    "Remove",
                    &format!("Remove {words} (Ctrl+Z undoes it)"),
                )
                .clicked()
                {
                    commands.push(Command::RemovePeriod(index));
                    if page.editing.as_ref().is_some_and(|(i, _)| *i == index) {
                        page.editing = None;
                        page.draft = Draft::default();
                    }
                }
            });
        });
    }
    if read_only {
        return;
    }
    ui.add_space(4.0);
    let usual = workspace.state().hours_per_week;
    form_ui(ui, today, usual, page, commands);
}

fn form_ui(
    ui: &mut Ui,
    today: NaiveDate,
    usual: f64,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    let draft = &mut page.draft;
    let period = draft.period(today, usual);
    egui::Grid::new("period_form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("First day");
            if let Some(day) = DatePicker::new("period_from", "First day", today)
                .latest(LAST_DAY)
                .show(ui, period.from)
            {
                draft.from = Some(day);
                // A week by default from the new first day, until a last day is picked.
                if draft.to.is_some_and(|to| to < day) {
                    draft.to = None;
                }
            }
            ui.end_row();
            ui.label("Last day");
            if let Some(day) = DatePicker::new("period_to", "Last day", today)
                .earliest(period.from)
                .latest(LAST_DAY)
                .show(ui, period.to)
            {
                draft.to = Some(day);
            }
            ui.end_row();
            ui.label("Kind");
            ui.checkbox(&mut draft.away, "Away: no study");
            ui.end_row();
            let label = ui.label("Hours a week then");
            let mut hours = draft.hours.unwrap_or(usual);
            ui.add_enabled_ui(!draft.away, |ui| {
                let response = theme::hours_slider(ui, &mut hours, label.id);
                if response.changed() {
                    draft.hours = Some(hours);
                }
            });
            ui.end_row();
        });
    let period = draft.period(today, usual);
    let problem = check_period(&period).err();
    if let Some(problem) = &problem {
        theme::note_ui(ui, Severity::Warning, &problem.to_string());
    } else {
        theme::caption(ui, period.words());
    }
    ui.horizontal(|ui| {
        let (label, editing) = match &page.editing {
            Some((index, _)) => ("Save period", Some(*index)),
            None => ("Add period", None),
        };
        let add = ui.add_enabled(problem.is_none(), egui::Button::new(label));
        if add.clicked() {
            commands.push(match editing {
                Some(index) => Command::ReplacePeriod(index, period),
                None => Command::AddPeriod(period),
            });
            page.editing = None;
            page.draft = Draft::default();
        }
        if editing.is_some() && ui.button("Cancel").clicked() {
            page.editing = None;
            page.draft = Draft::default();
        }
    });
}
