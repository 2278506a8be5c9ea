//! The curricula in the workspace, as a table: where each came from, its revision, and removing
//! an imported one (its progress is kept aside, and Ctrl+Z brings it back).

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::theme::{self, Severity};
use crate::progress::FocusRef;
use crate::workspace::{Origin, Workspace};

/// The table's own state.
#[derive(Debug, Default)]
pub struct Page {
    /// The curriculum whose removal waits for the learner's confirmation.
    pub confirm_remove: Option<String>,
    /// The outcome of the last removal, shown under the table.
    pub note: Option<(Severity, String)>,
}

const ROW_HEIGHT: f32 = 44.0;

pub fn curricula_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    page: &mut Page,
    commands: &mut Vec<Command>,
) {
    let writable = !workspace.is_read_only();
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Your curricula");
        let state = &workspace.state();
        let rows: Vec<_> = workspace.curricula_with_origin().collect();
        let text_height = ui.text_style_height(&egui::TextStyle::Body);
        TableBuilder::new(ui)
            .id_salt("manage_curricula")
            .striped(true)
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            // The name takes what the others leave; the source is cut short first.
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(Column::auto())
            .column(Column::initial(150.0).at_least(90.0).clip(true))
            .column(Column::auto())
            .column(Column::auto())
            .header(text_height + 6.0, |mut header| {
                for title in ["Curriculum", "Revision", "Source", "In focus", ""] {
                    header.col(|ui| {
                        ui.label(RichText::new(title).strong());
                    });
                }
            })
            .body(|mut body| {
                for (c, origin) in rows {
                    body.row(ROW_HEIGHT, |mut row| {
                        row.col(|ui| {
                            ui.vertical(|ui| {
                                ui.add(
                                    egui::Label::new(RichText::new(&c.title).strong()).truncate(),
                                )
                                .on_hover_text(format!("{} · id {}", c.title, c.id));
                                theme::caption(
                                    ui,
                                    format!("{} · id {}", milestones(c.milestone_count()), c.id),
                                );
                            });
                        });
                        row.col(|ui| {
                            ui.label(c.revision.to_string());
                        });
                        row.col(|ui| match (origin, state.sources.get(&c.id)) {
                            (Origin::Bundled, _) => {
                                ui.label("Comes with Waymark");
                            }
                            (Origin::Imported, Some(source)) => {
                                ui.vertical(|ui| {
                                    ui.add(
                                        egui::Label::new(format!(
                                            "Imported from {}",
                                            source.origin
                                        ))
                                        .truncate(),
                                    )
                                    .on_hover_text(&source.origin);
                                    theme::caption(
                                        ui,
                                        format!(
                                            "on {} (revision {})",
                                            source.imported_at.format("%-d %B %Y"),
                                            source.revision
                                        ),
                                    );
                                });
                            }
                            (Origin::Imported, None) => {
                                ui.label("Imported");
                            }
                        });
                        row.col(|ui| {
                            // A curriculum without focus areas is in a chosen focus when the
                            // learner says so, here.
                            if state.focus.is_empty() {
                                ui.label(RichText::new("all").small().color(theme::muted(ui))).on_hover_text(
                                    "No focus chosen: everything is in focus.",
                                );
                                return;
                            }
                            if !c.focus_areas.is_empty() {
                                ui.label(RichText::new("by area").small().color(theme::muted(ui))).on_hover_text(
                                    "Its focus areas are chosen in Waymark's guide.",
                                );
                                return;
                            }
                            if !writable {
                                return;
                            }
                            let whole = FocusRef::whole(&c.id);
                            let was = state.focus.contains(&whole);
                            let mut on = was;
                            let response = ui.checkbox(&mut on, "").on_hover_text(
                                "Plan it with your focus: next up and This week take its milestones too.",
                            );
                            response.widget_info(|| {
                                egui::WidgetInfo::selected(
                                    egui::Role::CheckBox,
                                    true,
                                    on,
                                    format!("“{}” in my focus", c.title),
                                )
                            });
                            if on != was {
                                commands.push(Command::SetFocus { focus: whole, on });
                            }
                        });
                        row.col(|ui| {
                            if *origin != Origin::Imported || !writable {
                                return;
                            }
                            if page.confirm_remove.as_deref() == Some(&c.id) {
                                if theme::named_small_button(
                                    ui,
                                    "Yes, remove",
                                    &format!("Yes, remove “{}”", c.title),
                                )
                                .clicked()
                                {
                                    commands.push(Command::RemoveCurriculum(c.id.clone()));
                                }
                                if ui.small_button("Keep it").clicked() {
                                    page.confirm_remove = None;
                                }
                            } else if theme::named_small_button(
                                ui,
                                "Remove…",
                                &format!("Remove “{}”", c.title),
                            )
                            .clicked()
                            {
                                page.confirm_remove = Some(c.id.clone());
                                page.note = None;
                            }
                        });
                    });
                }
            });
        if let Some(id) = &page.confirm_remove {
            let title = workspace.curriculum(id).map_or(id.as_str(), |c| &c.title);
            ui.add_space(6.0);
            theme::note_ui(
                ui,
                Severity::Warning,
                &format!(
                    "Remove “{title}”? Your progress on it is kept aside and comes back if you import it again; Ctrl+Z undoes the removal."
                ),
            );
        } else if let Some((severity, text)) = &page.note {
            ui.add_space(6.0);
            theme::note_ui(ui, *severity, text);
        }
    });
}

fn milestones(n: usize) -> String {
    super::import::counted(n, "milestone", "milestones")
}
