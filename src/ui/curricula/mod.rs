//! The curricula: sections and milestones (virtualised, so 10,000 rows scroll smoothly), changed
//! by mouse or keyboard, and a detail pane for the selected milestone.

mod detail;
mod rows;

use std::ops::Range;

use egui::Ui;

use super::command::Command;
use super::search::{self, Filters};
use super::theme;
use super::ui_command::UiCommand;
use crate::curriculum::{Curriculum, Milestone};
use crate::progress::{FocusRef, MilestoneRef};
use crate::workspace::Workspace;
use detail::detail_ui;
use rows::{Row, build_rows, keyboard_ui, list_ui};

/// The list's own state: filters, the rows they leave, and the selection.
#[derive(Debug, Default)]
pub struct Browser {
    pub filters: Filters,
    rows: Vec<Row>,
    rows_valid: bool,
    /// Milestone rows shown, for "12 of 340".
    shown_milestones: usize,
    pub selected: Option<MilestoneRef>,
    /// Where `selected` sits in `rows`, for the selection it was found for.
    selected_row: Option<(MilestoneRef, Option<usize>)>,
    /// Set by Ctrl+F: the search box takes the keyboard on the next frame.
    pub focus_search: bool,
    scroll_to_selected: bool,
    /// Set when the keyboard moved the selection: its row takes the keyboard focus, so that
    /// the focus ring and the highlight are on one row.
    focus_selected: bool,
    /// The milestone the detail pane last showed: another one opens the pane at its top.
    detail_for: Option<MilestoneRef>,
    visible_rows: Range<usize>,
    /// The title buttons of the rows drawn last frame: the list's keys work while one of them
    /// has the keyboard focus, or nothing has it.
    title_ids: Vec<egui::Id>,
    evidence_draft: String,
    hours_draft: f64,
}

impl Browser {
    /// The rows depend on the state (the status filter); rebuild them after a change.
    pub fn invalidate(&mut self) {
        self.rows_valid = false;
        self.selected_row = None;
    }

    pub fn select(&mut self, milestone: MilestoneRef) {
        self.selected = Some(milestone);
        self.scroll_to_selected = true;
    }

    fn set_rows(&mut self, rows: Vec<Row>, shown: usize) {
        self.rows = rows;
        self.shown_milestones = shown;
        self.rows_valid = true;
        self.selected_row = None;
    }
}

/// The milestone a reference names, through the workspace's index.
fn milestone<'w>(
    workspace: &'w Workspace,
    r: &MilestoneRef,
) -> Option<(&'w Curriculum, &'w Milestone)> {
    let place = workspace.place(r)?;
    let curriculum = workspace.curricula().nth(place.curriculum)?;
    Some((curriculum, workspace.milestone_at(place)?))
}

/// Below this width the detail pane goes under the list rather than beside it.
const SIDE_BY_SIDE_WIDTH: f32 = 860.0;

pub fn curricula_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    today: chrono::NaiveDate,
    browser: &mut Browser,
    commands: &mut Vec<Command>,
) {
    if !browser.rows_valid {
        let (rows, shown) = build_rows(workspace, &browser.filters);
        browser.set_rows(rows, shown);
    }
    let areas: Vec<(FocusRef, String)> = workspace
        .curricula()
        .flat_map(|c| {
            c.focus_areas.iter().map(|f| {
                (
                    FocusRef {
                        curriculum: c.id.clone(),
                        focus: f.id.clone(),
                    },
                    f.title.clone(),
                )
            })
        })
        .collect();
    if search::filter_bar_ui(ui, &mut browser.filters, &mut browser.focus_search, &areas) {
        // The list the filters leave, now: the pane beside it never shows a milestone the
        // list no longer holds.
        let (rows, shown) = build_rows(workspace, &browser.filters);
        browser.set_rows(rows, shown);
        if rows::selected_row(workspace, browser).is_none() {
            browser.selected = None;
        }
    }
    let total: usize = workspace.curricula().map(|c| c.milestone_count()).sum();
    let keys = |c: UiCommand| c.shortcut_text();
    theme::caption(
        ui,
        format!(
            "{} of {total} milestones · {} and {} move, {} cycles, keys {}–{} set To do / Doing / Done / Skipped",
            browser.shown_milestones,
            keys(UiCommand::PreviousMilestone),
            keys(UiCommand::NextMilestone),
            keys(UiCommand::CycleStatus),
            keys(UiCommand::SetTodo),
            keys(UiCommand::SetSkipped),
        ),
    );
    ui.add_space(4.0);
    keyboard_ui(ui, workspace, browser, commands);

    if ui.available_width() >= SIDE_BY_SIDE_WIDTH {
        let width = ui.available_width();
        egui::Panel::right("milestone_detail")
            .resizable(true)
            .default_size((width * 0.42).clamp(340.0, 720.0))
            .min_size(300.0)
            .max_size(width * 0.6)
            .frame(egui::Frame::new().inner_margin(egui::Margin {
                left: 12,
                ..Default::default()
            }))
            .show(ui, |ui| detail_ui(ui, workspace, browser, commands));
    } else {
        // A narrow window: the list over the pane, each with room to read.
        let height = ui.available_height();
        egui::Panel::bottom("milestone_detail_below")
            .resizable(true)
            .default_size((height * 0.55).max(160.0))
            .min_size(120.0)
            .max_size((height - 100.0).max(120.0))
            .frame(egui::Frame::new().inner_margin(egui::Margin {
                top: 8,
                ..Default::default()
            }))
            .show(ui, |ui| detail_ui(ui, workspace, browser, commands));
    }
    egui::CentralPanel::no_frame().show(ui, |ui| list_ui(ui, workspace, today, browser, commands));
}
