//! The curricula: sections and milestones (virtualised, so 10,000 rows scroll smoothly), changed
//! by mouse or keyboard, and a detail pane for the selected milestone.

use std::ops::Range;

use egui::{Key, RichText, Ui};

use super::command::Command;
use super::search::{self, Filters, Matcher};
use super::theme;
use super::ui_command::{Scope, UiCommand};
use crate::curriculum::is_openable_url as is_web_url;
use crate::curriculum::{Curriculum, Milestone};
use crate::plan::{self, Availability};
use crate::progress::{FocusRef, MilestoneRef, Status};
use crate::workspace::Workspace;

/// One line of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
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

fn build_rows(workspace: &Workspace, filters: &Filters) -> (Vec<Row>, usize) {
    let matcher = Matcher::new(filters);
    let state = &workspace.state;
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
        browser.invalidate();
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

fn keyboard_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    browser: &mut Browser,
    commands: &mut Vec<Command>,
) {
    let focused = ui.memory(|m| m.focused());
    if focused.is_some_and(|id| !browser.title_ids.contains(&id)) {
        return;
    }
    let pressed = ui.input_mut(|i| UiCommand::consume(i, Scope::List));
    for command in pressed {
        let down = match command {
            UiCommand::NextMilestone => true,
            UiCommand::PreviousMilestone => false,
            _ => {
                let Some(selected) = browser.selected.clone() else {
                    continue;
                };
                let current = workspace.state.status(&selected);
                let status = match command {
                    UiCommand::SetTodo => Status::Todo,
                    UiCommand::SetDoing => Status::Doing,
                    UiCommand::SetDone => Status::Done,
                    UiCommand::SetSkipped => Status::Skipped,
                    _ => cycle(current),
                };
                commands.push(Command::SetStatus {
                    milestone: selected,
                    status,
                });
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
fn selected_row(workspace: &Workspace, browser: &mut Browser) -> Option<usize> {
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

fn list_ui(
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
            let status = workspace.state.status(&r);
            let availability = plan::availability(&c.id, m, &workspace.state);
            let read_only = workspace.is_read_only();
            let mut select = false;
            if is_selected {
                // The one highlight of the selection: the whole row.
                let rect = egui::Rect::from_min_size(ui.cursor().min, size);
                let fill = ui.visuals().selection.bg_fill;
                ui.painter().rect_filled(rect, 4.0, fill);
            }
            // Narrow lists drop the kind and effort columns before the title gets too short.
            let wide = width >= 560.0;
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
                    let right_width = if wide { 300.0 } else { 170.0 };
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
                    let title = ui
                        .allocate_ui_with_layout(
                            egui::vec2(title_width, ROW_HEIGHT),
                            egui::Layout::left_to_right(egui::Align::Center),
                            |ui| ui.add(title),
                        )
                        .inner;
                    browser.title_ids.push(title.id);
                    if is_selected && std::mem::take(&mut browser.focus_selected) {
                        title.request_focus();
                    }
                    if title.clicked() {
                        select = true;
                    }
                    let status_button = egui::Button::new(theme::status_text(ui, status))
                        .min_size(egui::vec2(72.0, 0.0));
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
                    let progress = workspace.state.milestone(&r);
                    let changed = progress.is_some_and(|p| p.changed.is_some());
                    let review_due = m.kind != crate::curriculum::Kind::Project
                        && progress
                            .and_then(|p| p.schedule())
                            .is_some_and(|s| s.due <= today);
                    ui.allocate_ui_with_layout(
                        egui::vec2(80.0, ROW_HEIGHT),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            if changed {
                                theme::flag_ui(ui, "Changed", "Changed since you finished it");
                            } else if review_due {
                                theme::flag_ui(
                                    ui,
                                    "Review due",
                                    "Due for review: can you still do this?",
                                );
                            } else if !status.is_finished() {
                                theme::availability_ui(ui, availability);
                            }
                        },
                    );
                    if wide {
                        ui.add_sized(
                            [70.0, ROW_HEIGHT],
                            egui::Label::new(RichText::new(m.kind.label()).color(theme::muted(ui))),
                        );
                        ui.add_sized(
                            [50.0, ROW_HEIGHT],
                            egui::Label::new(
                                RichText::new(effort_words(m.effort_hours)).color(theme::muted(ui)),
                            ),
                        );
                    }
                },
            );
            if select {
                browser.selected = Some(r);
            }
        }
    }
}

pub fn effort_words(hours: Option<f64>) -> String {
    match hours {
        Some(h) => format!("{h} h"),
        None => "? h".to_owned(),
    }
}

fn detail_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    browser: &mut Browser,
    commands: &mut Vec<Command>,
) {
    let Some(r) = browser.selected.clone() else {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.label(RichText::new("Pick a milestone").strong());
            theme::caption(
                ui,
                "Its summary, your mentor's tip, resources and your notes show here.",
            );
        });
        return;
    };
    let Some((c, m)) = milestone(workspace, &r) else {
        ui.label(format!("“{r}” is no longer in your curricula."));
        return;
    };
    let state = &workspace.state;
    let status = state.status(&r);
    let progress = state.milestone(&r).cloned().unwrap_or_default();
    let availability = plan::availability(&c.id, m, state);
    let waiting: Vec<String> = if availability == Availability::Locked {
        m.requires
            .iter()
            .map(|id| MilestoneRef::new(&c.id, id.as_str()))
            .filter(|q| !state.status(q).is_finished())
            .filter_map(|q| milestone(workspace, &q).map(|(_, m)| m.title.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let read_only = workspace.is_read_only();
    // Another milestone opens the pane at its top, not where the last one was scrolled to.
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("detail")
        .auto_shrink([false, false]);
    if browser.detail_for.as_ref() != Some(&r) {
        browser.detail_for = Some(r.clone());
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(m.title.as_str()).heading()).wrap());
        ui.add(
            egui::Label::new(
                RichText::new(c.title.as_str())
                    .small()
                    .color(theme::muted(ui)),
            )
            .wrap(),
        )
        .on_hover_text(format!("Milestone id: {r}"));
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(m.kind.label()).strong());
            ui.label("·");
            ui.label(effort_words(m.effort_hours));
            if !status.is_finished() {
                ui.label("·");
                theme::availability_ui(ui, availability);
            }
        });
        if !waiting.is_empty() {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("Waiting for: {}", waiting.join(", ")))
                        .small()
                        .color(theme::muted(ui)),
                )
                .wrap(),
            );
        }
        ui.add_space(8.0);
        // The status, once: the four choices with the current one selected.
        ui.add_enabled_ui(!read_only, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("Status");
                for s in Status::ALL {
                    let text = if status == s {
                        theme::status_text(ui, s).strong()
                    } else {
                        RichText::new(theme::status_words(s))
                    };
                    if ui.selectable_label(status == s, text).clicked() && status != s {
                        commands.push(Command::SetStatus {
                            milestone: r.clone(),
                            status: s,
                        });
                    }
                }
            });
        });
        ui.add_space(10.0);
        if !m.summary.is_empty() {
            ui.add(egui::Label::new(m.summary.as_str()).wrap());
            ui.add_space(8.0);
        }
        if !m.mentor_tip.is_empty() {
            theme::banner_frame(ui, theme::Severity::Info).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new("Mentor tip").strong());
                ui.add(egui::Label::new(m.mentor_tip.as_str()).wrap());
            });
            ui.add_space(8.0);
        }
        if !m.resources.is_empty() {
            theme::card_title(ui, "Resources");
            for res in &m.resources {
                if is_web_url(&res.url) {
                    if ui
                        .link(res.title.as_str())
                        .on_hover_text(res.url.as_str())
                        .clicked()
                    {
                        commands.push(Command::OpenUrl(res.url.clone()));
                    }
                } else {
                    ui.add(
                        egui::Label::new(format!("{} (not a web link: {})", res.title, res.url))
                            .wrap(),
                    );
                }
            }
            ui.add_space(8.0);
        }
        ui.add_enabled_ui(!read_only, |ui| {
            let label = theme::card_title(ui, "Notes");
            let mut notes = progress.notes.clone();
            let response = ui
                .add(
                    egui::TextEdit::multiline(&mut notes)
                        .hint_text("What you learned, what to ask your mentor…")
                        .desired_rows(4)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if response.changed() {
                commands.push(Command::SetNotes {
                    milestone: r.clone(),
                    notes,
                });
            }
            if !progress.other_notes.is_empty() {
                ui.add_space(4.0);
                other_notes_ui(ui, &r, &progress.other_notes, commands);
            }
            ui.add_space(8.0);
            theme::card_title(ui, "Evidence");
            for (i, link) in progress.evidence.iter().enumerate() {
                ui.horizontal(|ui| {
                    if is_web_url(link) {
                        if ui.link(link.as_str()).clicked() {
                            commands.push(Command::OpenUrl(link.clone()));
                        }
                    } else {
                        ui.label(link.as_str());
                    }
                    if theme::named_small_button(ui, "Remove", &format!("Remove {link}")).clicked()
                    {
                        commands.push(Command::RemoveEvidence {
                            milestone: r.clone(),
                            index: i,
                        });
                    }
                });
            }
            ui.horizontal(|ui| {
                let label = ui.label("Link");
                let width = (ui.available_width() - 90.0).clamp(120.0, 420.0);
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut browser.evidence_draft)
                            .hint_text("https://github.com/you/project")
                            .desired_width(width),
                    )
                    .labelled_by(label.id);
                let submitted = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (ui.button("Add link").clicked() || submitted)
                    && !browser.evidence_draft.trim().is_empty()
                {
                    commands.push(Command::AddEvidence {
                        milestone: r.clone(),
                        link: std::mem::take(&mut browser.evidence_draft),
                    });
                }
            });
            ui.add_space(8.0);
            theme::card_title(ui, "Hours");
            ui.label(format!("{} h logged", round1(progress.hours_logged)));
            ui.horizontal(|ui| {
                let label = ui.label("Hours to log");
                ui.add(
                    egui::DragValue::new(&mut browser.hours_draft)
                        .range(0.0..=100.0)
                        .speed(0.25)
                        .suffix(" h"),
                )
                .labelled_by(label.id);
                if ui.button("Log hours").clicked() && browser.hours_draft > 0.0 {
                    commands.push(Command::LogHours {
                        milestone: r.clone(),
                        hours: std::mem::take(&mut browser.hours_draft),
                    });
                }
            });
            ui.add_space(8.0);
            estimate_ui(ui, &r, m, progress.own_estimate_hours, commands);
        });
    });
}

/// The learner's own estimate of a milestone's hours, which the plan uses instead of the
/// curriculum's (or where the curriculum gives none, as a Markdown checklist's items).
/// Notes written on two machines at once (contract §5): the newer edit is the notes, the other
/// is shown here until the learner adds it to them or drops it; both undo.
fn other_notes_ui(ui: &mut Ui, r: &MilestoneRef, others: &[String], commands: &mut Vec<Command>) {
    theme::banner_frame(ui, theme::Severity::Warning).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Another version of these notes").strong());
        theme::caption(
            ui,
            "These notes were edited on two machines before either saw the other's. The newer \
             edit is above; the other is here, kept until you choose.",
        );
        for text in others {
            ui.add_space(4.0);
            ui.add(egui::Label::new(text.as_str()).wrap());
        }
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Add it to the notes")
                .on_hover_text("Adds this text below the notes above")
                .clicked()
            {
                commands.push(Command::ResolveNotes {
                    milestone: r.clone(),
                    keep: true,
                });
            }
            if ui
                .button("Drop it")
                .on_hover_text("Keeps only the notes above (Undo brings this text back)")
                .clicked()
            {
                commands.push(Command::ResolveNotes {
                    milestone: r.clone(),
                    keep: false,
                });
            }
        });
    });
}

fn estimate_ui(
    ui: &mut Ui,
    r: &MilestoneRef,
    m: &crate::curriculum::Milestone,
    own: Option<f64>,
    commands: &mut Vec<Command>,
) {
    theme::card_title(ui, "Your estimate");
    let curriculum = match (m.effort_hours, m.effort_hours_high) {
        (Some(likely), Some(high)) if high > likely => {
            format!("The curriculum says about {likely} h, up to {high} h if it goes badly.")
        }
        (Some(likely), _) => format!("The curriculum says about {likely} h."),
        (None, _) => "The curriculum gives no estimate.".to_owned(),
    };
    theme::caption(ui, curriculum);
    ui.horizontal(|ui| {
        let label = ui.label("Hours you expect it to take");
        let mut hours = own.or(m.effort_hours).unwrap_or(0.0);
        let response = ui
            .add(
                egui::DragValue::new(&mut hours)
                    .range(0.0..=crate::progress::profile::MAX_LOGGED_HOURS)
                    .speed(0.5)
                    .suffix(" h"),
            )
            .labelled_by(label.id);
        if response.changed() && hours > 0.0 {
            commands.push(Command::SetEstimate {
                milestone: r.clone(),
                hours: Some(hours),
            });
        }
        if own.is_some() && ui.button("Use the curriculum's").clicked() {
            commands.push(Command::SetEstimate {
                milestone: r.clone(),
                hours: None,
            });
        }
    });
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
