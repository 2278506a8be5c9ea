//! The curricula: sections and milestones (virtualised, so 10,000 rows scroll smoothly), changed
//! by mouse or keyboard, and a detail pane for the selected milestone.

use std::ops::Range;

use egui::{Key, Modifiers, RichText, Ui};

use super::app::{App, Command, is_web_url};
use super::search::{self, Filters, Matcher};
use super::theme;
use crate::plan::{self, Availability};
use crate::progress::{FocusRef, MilestoneRef, Status};

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
    visible_rows: Range<usize>,
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

fn build_rows(app: &App, filters: &Filters) -> (Vec<Row>, usize) {
    let matcher = Matcher::new(filters);
    let state = &app.workspace.state;
    let mut rows = Vec::new();
    let mut shown = 0;
    for (ci, c) in app.workspace.curricula().enumerate() {
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

fn row_ref(app: &App, row: Row) -> Option<MilestoneRef> {
    let Row::Milestone {
        curriculum,
        section,
        milestone,
    } = row
    else {
        return None;
    };
    let c = app.workspace.curricula().nth(curriculum)?;
    let m = c.sections.get(section)?.milestones.get(milestone)?;
    Some(MilestoneRef::new(&c.id, &m.id))
}

pub fn curricula_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    if !app.browser.rows_valid {
        let (rows, shown) = build_rows(app, &app.browser.filters);
        app.browser.set_rows(rows, shown);
    }
    let areas: Vec<(FocusRef, String)> = app
        .workspace
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
    let browser = &mut app.browser;
    if search::filter_bar_ui(ui, &mut browser.filters, &mut browser.focus_search, &areas) {
        browser.invalidate();
    }
    let total: usize = app.workspace.curricula().map(|c| c.milestone_count()).sum();
    theme::caption(
        ui,
        format!(
            "{} of {total} milestones · Up and Down arrows move, Space cycles, keys 1–4 set To do / Doing / Done / Skipped",
            app.browser.shown_milestones
        ),
    );
    ui.add_space(4.0);
    keyboard_ui(ui, app, commands);

    egui::Panel::right("milestone_detail")
        .resizable(true)
        .default_size(380.0)
        .min_size(280.0)
        .frame(egui::Frame::new().inner_margin(egui::Margin {
            left: 12,
            ..Default::default()
        }))
        .show(ui, |ui| detail_ui(ui, app, commands));
    egui::CentralPanel::no_frame().show(ui, |ui| list_ui(ui, app, commands));
}

fn keyboard_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let (down, up, space, digit) = ui.input_mut(|i| {
        let digit = [Key::Num1, Key::Num2, Key::Num3, Key::Num4]
            .iter()
            .position(|k| i.consume_key(Modifiers::NONE, *k));
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::Space),
            digit,
        )
    });
    if down || up {
        let current = selected_row(app);
        let rows = &app.browser.rows;
        let candidates: Box<dyn Iterator<Item = usize>> = match (current, down) {
            (Some(i), true) => Box::new(i + 1..rows.len()),
            (Some(i), false) => Box::new((0..i).rev()),
            (None, _) => Box::new(0..rows.len()),
        };
        let next = candidates.into_iter().find_map(|i| row_ref(app, rows[i]));
        if let Some(next) = next {
            app.browser.select(next);
        }
    }
    if let Some(selected) = app.browser.selected.clone() {
        let current = app.workspace.state.status(&selected);
        let status = if space {
            Some(cycle(current))
        } else {
            digit.and_then(|d| Status::ALL.get(d).copied())
        };
        if let Some(status) = status {
            commands.push(Command::SetStatus {
                milestone: selected,
                status,
            });
        }
    }
}

/// The list row of the selected milestone, looked up once per selection or rebuild (a scan
/// of up to 100,000 rows is cheap once, not every frame).
fn selected_row(app: &mut App) -> Option<usize> {
    let selected = app.browser.selected.as_ref()?;
    if let Some((cached_for, row)) = &app.browser.selected_row
        && cached_for == selected
    {
        return *row;
    }
    let row = app.workspace.place(selected).and_then(|p| {
        let wanted = Row::Milestone {
            curriculum: p.curriculum,
            section: p.section,
            milestone: p.milestone,
        };
        app.browser.rows.iter().position(|r| *r == wanted)
    });
    app.browser.selected_row = Some((selected.clone(), row));
    row
}

fn list_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    if app.browser.rows.is_empty() {
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
    let selected_index = selected_row(app);
    if std::mem::take(&mut app.browser.scroll_to_selected)
        && let Some(i) = selected_index
    {
        let visible = &app.browser.visible_rows;
        // Keep a row of margin so the selection never sits half under the edge.
        if i <= visible.start || i + 2 >= visible.end {
            let above = (visible.len() / 2).min(i);
            scroll = scroll.vertical_scroll_offset((i - above) as f32 * (ROW_HEIGHT + spacing));
        }
    }
    let total_rows = app.browser.rows.len();
    let multi = app.workspace.curricula().nth(1).is_some();
    scroll.show_rows(ui, ROW_HEIGHT, total_rows, |ui, range| {
        app.browser.visible_rows = range.clone();
        for i in range {
            let row = app.browser.rows[i];
            row_ui(ui, app, row, multi, selected_index == Some(i), commands);
        }
    });
}

fn row_ui(
    ui: &mut Ui,
    app: &mut App,
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
            let Some(c) = app.workspace.curricula().nth(curriculum) else {
                return;
            };
            let Some(s) = c.sections.get(section) else {
                return;
            };
            ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Max), |ui| {
                ui.label(RichText::new(&s.title).size(15.0).strong());
                if multi {
                    theme::caption(ui, c.title.as_str());
                }
            });
        }
        Row::Milestone { .. } => {
            let Some(r) = row_ref(app, row) else {
                return;
            };
            let Some((c, m)) = app.milestone(&r) else {
                return;
            };
            let status = app.workspace.state.status(&r);
            let availability = plan::availability(&c.id, m, &app.workspace.state);
            let read_only = app.read_only();
            let mut select = false;
            if is_selected {
                let rect = egui::Rect::from_min_size(ui.cursor().min, size);
                let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.45);
                ui.painter().rect_filled(rect, 4.0, fill);
            }
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
                    let status_button = egui::Button::new(theme::status_text(ui, status))
                        .min_size(egui::vec2(72.0, 0.0));
                    if ui
                        .add_enabled(!read_only, status_button)
                        .on_hover_text("Click to move on: To do, Doing, Done")
                        .clicked()
                    {
                        commands.push(Command::SetStatus {
                            milestone: r.clone(),
                            status: cycle(status),
                        });
                    }
                    let right_width = 260.0_f32.min(ui.available_width() * 0.5);
                    let title_width = (ui.available_width() - right_width).max(40.0);
                    // The growing atom after the title keeps it at the left of its column.
                    let title = egui::Button::selectable(
                        is_selected,
                        (m.title.as_str(), egui::Atom::grow()),
                    )
                    .truncate()
                    .frame_when_inactive(false)
                    .min_size(egui::vec2(title_width, ROW_HEIGHT - 4.0));
                    if ui.add(title).clicked() {
                        select = true;
                    }
                    ui.add_sized(
                        [70.0, ROW_HEIGHT],
                        egui::Label::new(RichText::new(m.kind.label()).color(theme::muted(ui))),
                    );
                    let progress = app.workspace.state.milestone(&r);
                    let changed = progress.is_some_and(|p| p.changed.is_some());
                    let review_due = m.kind != crate::curriculum::Kind::Project
                        && progress
                            .and_then(|p| p.schedule())
                            .is_some_and(|s| s.due <= app.today());
                    ui.allocate_ui_with_layout(
                        egui::vec2(96.0, ROW_HEIGHT),
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
                            } else {
                                theme::availability_ui(ui, availability);
                            }
                        },
                    );
                    ui.add_sized(
                        [60.0, ROW_HEIGHT],
                        egui::Label::new(
                            RichText::new(effort_words(m.effort_hours)).color(theme::muted(ui)),
                        ),
                    );
                },
            );
            if select {
                app.browser.selected = Some(r);
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

fn detail_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    let Some(r) = app.browser.selected.clone() else {
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
    // Owned copies: the pane below also edits the browser's drafts.
    let Some((c, m)) = app.milestone(&r).map(|(c, m)| {
        (
            CurriculumHead {
                id: c.id.clone(),
                title: c.title.clone(),
            },
            m.clone(),
        )
    }) else {
        ui.label(format!("“{r}” is no longer in your curricula."));
        return;
    };
    let state = &app.workspace.state;
    let status = state.status(&r);
    let progress = state.milestone(&r).cloned().unwrap_or_default();
    let availability = plan::availability(&c.id, &m, state);
    let waiting: Vec<String> = if availability == Availability::Locked {
        m.requires
            .iter()
            .map(|id| MilestoneRef::new(&c.id, id.as_str()))
            .filter(|q| !state.status(q).is_finished())
            .filter_map(|q| app.milestone(&q).map(|(_, m)| m.title.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let read_only = app.read_only();
    egui::ScrollArea::vertical()
        .id_salt("detail")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(m.title.as_str());
            theme::caption(ui, format!("{} · {}", c.title, r));
            ui.horizontal(|ui| {
                ui.label(RichText::new(m.kind.label()).strong());
                ui.label("·");
                ui.label(effort_words(m.effort_hours));
                ui.label("·");
                theme::availability_ui(ui, availability);
            });
            if !waiting.is_empty() {
                theme::caption(ui, format!("Waiting for: {}", waiting.join(", ")));
            }
            ui.add_space(8.0);
            ui.add_enabled_ui(!read_only, |ui| {
                ui.horizontal(|ui| {
                    for s in Status::ALL {
                        let text = RichText::new(theme::status_words(s));
                        if ui.selectable_label(status == s, text).clicked() && status != s {
                            commands.push(Command::SetStatus {
                                milestone: r.clone(),
                                status: s,
                            });
                        }
                    }
                });
            });
            theme::status_ui(ui, status);
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
                        ui.label(format!("{} (not a web link: {})", res.title, res.url));
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
                        if theme::named_small_button(ui, "Remove", &format!("Remove {link}"))
                            .clicked()
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
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut app.browser.evidence_draft)
                                .hint_text("https://github.com/you/project")
                                .desired_width(200.0),
                        )
                        .labelled_by(label.id);
                    let submitted = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    if (ui.button("Add link").clicked() || submitted)
                        && !app.browser.evidence_draft.trim().is_empty()
                    {
                        commands.push(Command::AddEvidence {
                            milestone: r.clone(),
                            link: std::mem::take(&mut app.browser.evidence_draft),
                        });
                    }
                });
                ui.add_space(8.0);
                theme::card_title(ui, "Hours");
                ui.label(format!("{} h logged", round1(progress.hours_logged)));
                ui.horizontal(|ui| {
                    let label = ui.label("Hours to log");
                    ui.add(
                        egui::DragValue::new(&mut app.browser.hours_draft)
                            .range(0.0..=100.0)
                            .speed(0.25)
                            .suffix(" h"),
                    )
                    .labelled_by(label.id);
                    if ui.button("Log hours").clicked() && app.browser.hours_draft > 0.0 {
                        commands.push(Command::LogHours {
                            milestone: r.clone(),
                            hours: std::mem::take(&mut app.browser.hours_draft),
                        });
                    }
                });
                ui.add_space(8.0);
                estimate_ui(ui, &r, &m, progress.own_estimate_hours, commands);
            });
        });
}

/// The learner's own estimate of a milestone's hours, which the plan uses instead of the
/// curriculum's (or where the curriculum gives none, as a Markdown checklist's items).
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

struct CurriculumHead {
    id: String,
    title: String,
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
