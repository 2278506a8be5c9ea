//! The list of sections and milestones: built from the filters, virtualised so that 10,000
//! rows scroll smoothly, and moved through by mouse or keyboard.

use egui::{RichText, Ui};

use super::{Browser, milestone};
use crate::plan::{self, Availability};
use crate::progress::{MilestoneRef, Status};
use crate::ui::command::Command;
use crate::ui::search::{Filters, Matcher};
use crate::ui::theme;
use crate::ui::ui_command::{Scope, UiCommand};
use crate::workspace::Workspace;

/// One line of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Row {
    Section {
        curriculum: usize,
        section: usize,
    },
    Milestone {
        curriculum: usize,
        section: usize,
        milestone: usize,
    },
}

const ROW_HEIGHT: f32 = 26.0;
/// The column of "Available", "Locked", "Review due" or "Changed": wide enough for the
/// longest of them.
const FLAG_WIDTH: f32 = 96.0;
/// The same column in a narrow list, where an icon stands for the word.
const COMPACT_FLAG_WIDTH: f32 = 18.0;
const STATUS_WIDTH: f32 = 72.0;
const KIND_WIDTH: f32 = 70.0;
const HOURS_WIDTH: f32 = 84.0;

pub(super) fn build_rows(workspace: &Workspace, filters: &Filters) -> (Vec<Row>, usize) {
    let matcher = Matcher::new(filters);
    let state = workspace.state();
    let mut rows = Vec::new();
    let mut shown = 0;
    for (ci, c) in workspace.curricula().enumerate() {
        let focus = matcher.focus_of(c, state);
        let progress = state.progress.get(&c.id);
        for (si, s) in c.sections.iter().enumerate() {
            let header = rows.len();
            for (mi, m) in s.milestones.iter().enumerate() {
                let status = progress
                    .and_then(|p| p.get(&m.id))
                    .map_or(Status::Todo, |p| p.status);
                if matcher.matches(m, status, focus.as_deref()) {
                    if rows.len() == header {
                        rows.push(Row::Section {
                            curriculum: ci,
                            section: si,
                        });
                    }
                    rows.push(Row::Milestone {
                        curriculum: ci,
                        section: si,
                        milestone: mi,
                    });
                    shown += 1;
                }
            }
        }
    }
    (rows, shown)
}

/// The next status when the row's status button is clicked or Space is pressed.
pub fn cycle(status: Status) -> Status {
    match status {
        Status::Todo => Status::Doing,
        Status::Doing => Status::Done,
        Status::Done | Status::Skipped => Status::Todo,
    }
}

fn row_ref(workspace: &Workspace, row: Row) -> Option<MilestoneRef> {
    let Row::Milestone {
        curriculum,
        section,
        milestone,
    } = row
    else {
        return None;
    };
    let c = workspace.curricula().nth(curriculum)?;
    let m = c.sections.get(section)?.milestones.get(milestone)?;
    Some(MilestoneRef::new(&c.id, &m.id))
}

pub(super) fn keyboard_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    browser: &mut Browser,
    commands: &mut Vec<Command>,
) {
    let focused = ui.memory(|m| m.focused());
    let on_row = focused.is_some_and(|id| browser.title_ids.contains(&id));
    if focused.is_some() && !on_row {
        return; // a text field or another control has the keyboard
    }
    let mut pressed = ui.input_mut(|i| UiCommand::consume(i, Scope::List));
    if on_row {
        pressed.extend(ui.input_mut(|i| UiCommand::consume(i, Scope::Row)));
    }
    for command in pressed {
        let down = match command {
            UiCommand::NextMilestone => true,
            UiCommand::PreviousMilestone => false,
            _ => {
                let Some(selected) = browser.selected.clone() else {
                    continue;
                };
                let current = workspace.state().status(&selected);
                let status = match command {
                    UiCommand::SetTodo => Status::Todo,
                    UiCommand::SetDoing => Status::Doing,
                    UiCommand::SetDone => Status::Done,
                    UiCommand::SetSkipped => Status::Skipped,
                    _ => cycle(current),
                };
                // A key does not start or finish a milestone its row calls Locked: it says
                // what the milestone still needs (its status button still can, on purpose).
                let starts = matches!(status, Status::Doing | Status::Done);
                let locked = workspace.milestone(&selected).is_some_and(|m| {
                    crate::plan::availability(&selected.curriculum, m, workspace.state())
                        == crate::plan::Availability::Locked
                });
                if starts && locked {
                    commands.push(Command::StillNeeds(selected));
                } else {
                    commands.push(Command::SetStatus {
                        milestone: selected,
                        status,
                    });
                }
                // The row keeps the keyboard through the change (its rows are made again).
                browser.focus_selected = true;
                continue;
            }
        };
        let current = selected_row(workspace, browser);
        let rows = &browser.rows;
        let candidates: Box<dyn Iterator<Item = usize>> = match (current, down) {
            (Some(i), true) => Box::new(i + 1..rows.len()),
            (Some(i), false) => Box::new((0..i).rev()),
            (None, _) => Box::new(0..rows.len()),
        };
        let next = candidates
            .into_iter()
            .find_map(|i| row_ref(workspace, rows[i]));
        if let Some(next) = next {
            browser.select(next);
            browser.focus_selected = true;
            // The arrow would also move egui's focus to whatever lies below; the selected
            // row takes it instead.
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
    }
}

/// The list row of the selected milestone, looked up once per selection or rebuild (a scan
/// of up to 100,000 rows is cheap once, not every frame).
pub(super) fn selected_row(workspace: &Workspace, browser: &mut Browser) -> Option<usize> {
    let selected = browser.selected.as_ref()?;
    if let Some((cached_for, row)) = &browser.selected_row
        && cached_for == selected
    {
        return *row;
    }
    let row = workspace.place(selected).and_then(|p| {
        let wanted = Row::Milestone {
            curriculum: p.curriculum,
            section: p.section,
            milestone: p.milestone,
        };
        browser.rows.iter().position(|r| *r == wanted)
    });
    browser.selected_row = Some((selected.clone(), row));
    row
}

pub(super) fn list_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    today: chrono::NaiveDate,
    browser: &mut Browser,
    commands: &mut Vec<Command>,
) {
    if browser.rows.is_empty() {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.label(RichText::new("No milestones match these filters.").strong());
            theme::caption(ui, "Clear the search or tick “Show everything”.");
        });
        return;
    }
    let spacing = ui.spacing().item_spacing.y;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("milestones")
        .auto_shrink([false, false]);
    let selected_index = selected_row(workspace, browser);
    if std::mem::take(&mut browser.scroll_to_selected)
        && let Some(i) = selected_index
    {
        let visible = &browser.visible_rows;
        // Keep a row of margin so the selection never sits half under the edge.
        if i <= visible.start || i + 2 >= visible.end {
            let above = (visible.len() / 2).min(i);
            scroll = scroll.vertical_scroll_offset((i - above) as f32 * (ROW_HEIGHT + spacing));
        }
    }
    let total_rows = browser.rows.len();
    let multi = workspace.curricula().nth(1).is_some();
    browser.title_ids.clear();
    scroll.show_rows(ui, ROW_HEIGHT, total_rows, |ui, range| {
        browser.visible_rows = range.clone();
        for i in range {
            let row = browser.rows[i];
            row_ui(
                ui,
                workspace,
                today,
                browser,
                row,
                multi,
                selected_index == Some(i),
                commands,
            );
        }
    });
}

#[allow(clippy::too_many_arguments)] // one row needs each of them; a struct would only rename them
fn row_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    today: chrono::NaiveDate,
    browser: &mut Browser,
    row: Row,
    multi: bool,
    is_selected: bool,
    commands: &mut Vec<Command>,
) {
    let width = ui.available_width();
    let size = egui::vec2(width, ROW_HEIGHT);
    match row {
        Row::Section {
            curriculum,
            section,
        } => {
            let Some(c) = workspace.curricula().nth(curriculum) else {
                return;
            };
            let Some(s) = c.sections.get(section) else {
                return;
            };
            ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Max), |ui| {
                ui.add(egui::Label::new(RichText::new(&s.title).size(15.0).strong()).truncate());
                if multi {
                    theme::caption(ui, c.title.as_str());
                }
            });
        }
        Row::Milestone { .. } => {
            let Some(r) = row_ref(workspace, row) else {
                return;
            };
            let Some((c, m)) = milestone(workspace, &r) else {
                return;
            };
            let status = workspace.state().status(&r);
            let availability = plan::availability(&c.id, m, workspace.state());
            let read_only = workspace.is_read_only();
            let mut select = false;
            if is_selected {
                // The one highlight of the selection: the whole row.
                let rect = egui::Rect::from_min_size(ui.cursor().min, size);
                let fill = ui.visuals().selection.bg_fill;
                ui.painter().rect_filled(rect, 4.0, fill);
            }
            // Narrow lists drop the kind column, then the hours, before the title gets too
            // short: the hours are what the plan is made of, the kind is in the detail pane.
            let wide = width >= 600.0;
            let hours_shown = width >= 430.0;
            ui.allocate_ui_with_layout(
                size,
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_size(size);
                    theme::icon_ui(
                        ui,
                        theme::Icon::Status(status),
                        theme::status_color(ui, status),
                    );
                    // The title first in reading order, then the status button after it.
                    // Exactly the columns to its right and the gaps before them: a row wider
                    // than the list would widen the list, and every row below it, a little.
                    let gap = ui.spacing().item_spacing.x;
                    let right_width = if wide {
                        STATUS_WIDTH + FLAG_WIDTH + KIND_WIDTH + HOURS_WIDTH + 4.0 * gap
                    } else if hours_shown {
                        STATUS_WIDTH + COMPACT_FLAG_WIDTH + HOURS_WIDTH + 3.0 * gap
                    } else {
                        STATUS_WIDTH + COMPACT_FLAG_WIDTH + 2.0 * gap
                    };
                    let title_width = (ui.available_width() - right_width).max(60.0);
                    // The growing atom after the title keeps it at the left of its column; a
                    // column of its own width cuts a long title short with "…". The selected
                    // row's one highlight is its fill: its title draws no frame of its own.
                    let mut title = egui::Button::new((m.title.as_str(), egui::Atom::grow()))
                        .truncate()
                        .frame_when_inactive(false)
                        .min_size(egui::vec2(title_width, ROW_HEIGHT - 4.0));
                    if is_selected {
                        title = title
                            .fill(egui::Color32::TRANSPARENT)
                            .stroke(egui::Stroke::NONE);
                    }
                    // Its id is the milestone's, not its place on screen: the row keeps the
                    // keyboard while the list around it is made again after a change.
                    let title = ui
                        .scope_builder(
                            egui::UiBuilder::new()
                                .scope_id(egui::Id::unique(("milestone-title", &r)))
                                .max_rect(egui::Rect::from_min_size(
                                    ui.cursor().min,
                                    egui::vec2(title_width, ROW_HEIGHT),
                                ))
                                .layout(egui::Layout::left_to_right(egui::Align::Center)),
                            |ui| ui.add(title),
                        )
                        .inner;
                    browser.title_ids.push(title.id);
                    if is_selected && std::mem::take(&mut browser.focus_selected) {
                        title.request_focus();
                    }
                    if title.clicked() {
                        select = true;
                        // The row clicked has the keyboard: its status keys act on it.
                        title.request_focus();
                    }
                    let status_button = egui::Button::new(theme::status_text(ui, status))
                        .min_size(egui::vec2(STATUS_WIDTH, 0.0));
                    let name = format!(
                        "{}: {} (click to move on)",
                        m.title,
                        theme::status_words(status)
                    );
                    let response = ui
                        .add_enabled(!read_only, status_button)
                        .on_hover_text("Click to move on: To do, Doing, Done");
                    let enabled = response.enabled();
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, enabled, &name)
                    });
                    if response.clicked() {
                        commands.push(Command::SetStatus {
                            milestone: r.clone(),
                            status: cycle(status),
                        });
                    }
                    let progress = workspace.state().milestone(&r);
                    let changed = progress.is_some_and(|p| p.changed.is_some());
                    let review_due = m.kind.is_reviewed()
                        && progress
                            .and_then(|p| p.schedule())
                            // Due by the memory model, then moved out of time away as the
                            // plan moves it (only asked of the few due by the model).
                            .is_some_and(|s| {
                                s.due <= today
                                    && crate::plan::Calendar::new(workspace.state(), today)
                                        .review_day(s.due)
                                        <= today
                            });
                    // The flag column keeps its width when empty (a Done row), so the kind
                    // and hours stay in their columns on every row.
                    let flag = if changed {
                        Some(("Changed", "Changed since you finished it"))
                    } else if review_due {
                        Some(("Review due", "Due for review: can you still do this?"))
                    } else {
                        None
                    };
                    let flag_width = if wide { FLAG_WIDTH } else { COMPACT_FLAG_WIDTH };
                    ui.allocate_ui_with_layout(
                        egui::vec2(flag_width, ROW_HEIGHT),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_min_size(egui::vec2(flag_width, ROW_HEIGHT));
                            if !wide {
                                // Room for the title first: the word becomes its icon.
                                let shown = if status.is_finished() {
                                    Availability::Done
                                } else {
                                    availability
                                };
                                theme::compact_flag_ui(ui, flag, shown);
                            } else if let Some((word, meaning)) = flag {
                                theme::flag_ui(ui, word, meaning);
                            } else if !status.is_finished() {
                                theme::availability_ui(ui, availability);
                            }
                        },
                    );
                    if wide {
                        ui.add_sized(
                            [KIND_WIDTH, ROW_HEIGHT],
                            egui::Label::new(RichText::new(m.kind.label()).color(theme::muted(ui))),
                        );
                    }
                    if hours_shown {
                        let own = workspace
                            .state()
                            .milestone(&r)
                            .and_then(|p| p.own_estimate_hours);
                        let words = plan::estimate_words(own, m.effort_hours);
                        let text = if own.is_some() {
                            RichText::new(words).color(theme::accent_of(ui))
                        } else {
                            RichText::new(words).color(theme::muted(ui))
                        };
                        // Cut short ("12.75 h (yo…") rather than widen the row.
                        ui.add_sized([HOURS_WIDTH, ROW_HEIGHT], egui::Label::new(text).truncate());
                    }
                },
            );
            if select {
                browser.selected = Some(r);
            }
        }
    }
}
