//! Importing a curriculum: a file chosen, typed or dropped on the window is read and previewed —
//! what it holds, section by section, and what it changes — before anything changes.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::command::{Command, ImportSource};
use super::file_dialog::IMPORT_EXTENSIONS;
use super::theme::{self, Severity};
use crate::curriculum::{self, Curriculum, MAX_FILE_BYTES, ReadError};
use crate::workspace::{PendingImport, Workspace};

/// A file read for import: its preview, or why it was refused.
#[derive(Debug)]
pub enum Opened {
    Preview(Box<Preview>),
    Refused { source: String, errors: String },
}

#[derive(Debug)]
pub struct Preview {
    pub pending: PendingImport,
    /// Count the Markdown file's `[x]` marks as the learner's own progress.
    pub keep_checked: bool,
    /// The learner's consent to import an older revision.
    pub allow_older: bool,
    /// Plan it with the learner's focus (a curriculum without focus areas; see
    /// [`PendingImport::asks_for_focus`]); on unless the learner unticks it.
    pub into_focus: bool,
    /// Give each milestone without an estimate `hours_each` (a new curriculum only); on when
    /// none has one, since the plan could not date it otherwise.
    pub give_hours: bool,
    pub hours_each: f64,
}

/// What a milestone without an estimate is given when the learner takes the offer as it is.
const HOURS_EACH: f64 = 2.0;

/// The import card's own state: nothing here is the learner's data.
#[derive(Debug, Default)]
pub struct Page {
    /// The always-available typed path, for where no file dialog can be shown.
    pub path: String,
    pub opened: Option<Opened>,
    /// The outcome of the last import, shown in the card.
    pub note: Option<(Severity, String)>,
}

impl Page {
    /// Reads `source` and shows its preview (or why it cannot be imported).
    pub fn open(&mut self, workspace: &Workspace, source: ImportSource) {
        self.note = None;
        self.opened = Some(match source {
            ImportSource::Path(path) => {
                self.path = path.display().to_string();
                let source = path.display().to_string();
                if !is_importable(&path) {
                    Opened::Refused {
                        errors: refuse_reason(&path),
                        source,
                    }
                } else {
                    match curriculum::read_file(&path) {
                        Ok(bytes) => open_bytes(workspace, &source, &bytes),
                        Err(ReadError::Io(reason)) => Opened::Refused {
                            source,
                            errors: reason,
                        },
                        Err(ReadError::Invalid(invalid)) => Opened::Refused {
                            source,
                            errors: invalid.to_string(),
                        },
                    }
                }
            }
            ImportSource::Bytes { name, bytes } => {
                if bytes.len() > MAX_FILE_BYTES {
                    Opened::Refused {
                        errors: format!(
                            "{name}: the file is larger than {} MiB, the most a curriculum may be",
                            MAX_FILE_BYTES / (1024 * 1024)
                        ),
                        source: name,
                    }
                } else {
                    open_bytes(workspace, &name, &bytes)
                }
            }
            ImportSource::Refused { source, reason } => Opened::Refused {
                source,
                errors: reason,
            },
        });
    }

    /// The shell applied the previewed import: `Ok` with what to say, or why nothing changed
    /// (the preview stays, to try again).
    pub fn applied(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                self.opened = None;
                self.note = Some((Severity::Info, text));
            }
            Err(e) => self.note = Some((Severity::Error, format!("Nothing was imported: {e}"))),
        }
    }
}

fn open_bytes(workspace: &Workspace, source: &str, bytes: &[u8]) -> Opened {
    match workspace.preview_import(source, bytes) {
        Ok(pending) => Opened::Preview(Box::new(Preview {
            give_hours: pending.unestimated() == pending.curriculum.milestone_count(),
            pending,
            keep_checked: false,
            allow_older: false,
            into_focus: true,
            hours_each: HOURS_EACH,
        })),
        Err(invalid) => Opened::Refused {
            source: source.to_owned(),
            errors: invalid.to_string(),
        },
    }
}

/// True when `path` ends in an extension Waymark imports.
pub fn is_importable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn refuse_reason(path: &Path) -> String {
    format!(
        "{}: Waymark imports curricula as .ron or .md (Markdown) files",
        path.display()
    )
}

/// Before the frame: the first file dropped on the window, as a preview to show.
pub fn dropped_file(ctx: &egui::Context) -> Option<Command> {
    let file = ctx.input(|i| i.raw.dropped_files.first().cloned())?;
    let path = file.path().to_path_buf();
    let source = if !is_importable(&path) {
        ImportSource::Refused {
            source: path.display().to_string(),
            reason: refuse_reason(&path),
        }
    } else if path.is_file() {
        ImportSource::Path(path)
    } else {
        // No readable path (a sandboxed drop): the bytes are all there is.
        match file.bytes() {
            Ok(bytes) => ImportSource::Bytes {
                name: path.display().to_string(),
                bytes,
            },
            Err(reason) => ImportSource::Refused {
                source: path.display().to_string(),
                reason,
            },
        }
    };
    Some(Command::PreviewImport(source))
}

/// While files are dragged over the window: says that dropping one previews its import.
pub fn drop_overlay_ui(ctx: &egui::Context) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_overlay"),
    ));
    let rect = ctx.content_rect();
    let dark = ctx.global_style().visuals.dark_mode;
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(150));
    painter.rect_stroke(
        rect.shrink(24.0),
        egui::CornerRadius::same(12),
        egui::Stroke::new(2.0, theme::accent(dark)),
        egui::StrokeKind::Inside,
    );
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop a .ron or .md curriculum to preview its import",
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

/// The import card, then the preview or the errors of the file opened.
pub fn import_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    page: &mut Page,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    import_card(ui, workspace, page, dialog_open, commands);
    match &mut page.opened {
        Some(Opened::Preview(preview)) => {
            ui.add_space(theme::CARD_GAP);
            if preview_card(ui, workspace, preview, commands) {
                page.opened = None;
            }
        }
        Some(Opened::Refused { source, errors }) => {
            ui.add_space(theme::CARD_GAP);
            if errors_card(ui, source, errors) {
                page.opened = None;
            }
        }
        None => {}
    }
}

fn import_card(
    ui: &mut Ui,
    workspace: &Workspace,
    page: &mut Page,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    let writable = !workspace.is_read_only();
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Import a curriculum");
        theme::caption(
            ui,
            "A .ron curriculum or a Markdown checklist (.md). Drop one on the window, choose it, or type its path. You see what changes before anything does.",
        );
        ui.add_space(6.0);
        if !writable {
            theme::caption(ui, "Importing needs a window that can save: this one is read-only.");
            return;
        }
        let label = if dialog_open {
            "Choosing a file…"
        } else {
            "Choose a file…"
        };
        if ui
            .add_enabled(!dialog_open, egui::Button::new(label))
            .on_hover_text(super::ui_command::UiCommand::Import.tooltip())
            .clicked()
        {
            commands.push(Command::BrowseImport);
        }
        ui.horizontal(|ui| {
            let label = ui.label("Path");
            let room = ui.available_width()
                - theme::button_width(ui, "Open")
                - ui.spacing().item_spacing.x;
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut page.path)
                        .hint_text("/home/you/curriculum.ron")
                        .desired_width(room.clamp(120.0, 560.0)),
                )
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let path = page.path.trim();
            if (ui
                .add_enabled(!path.is_empty(), egui::Button::new("Open"))
                .clicked()
                || entered)
                && !path.is_empty()
            {
                commands.push(Command::PreviewImport(ImportSource::Path(PathBuf::from(
                    path,
                ))));
            }
        });
        if let Some((severity, text)) = &page.note {
            ui.add_space(6.0);
            theme::note_ui(ui, *severity, text);
        }
    });
}

pub use crate::workspace::counted;

/// The most items one section lists in the preview; a longer one says how many more.
const ITEMS_SHOWN: usize = 200;
/// A file with at most this many items opens every section of the preview.
const OPEN_ALL_UP_TO: usize = 60;

/// The preview of the file opened; returns true when the learner cancelled it.
fn preview_card(
    ui: &mut Ui,
    workspace: &Workspace,
    preview: &mut Preview,
    commands: &mut Vec<Command>,
) -> bool {
    let mut closed = false;
    let Preview {
        pending,
        keep_checked,
        allow_older,
        into_focus,
        give_hours,
        hours_each,
    } = preview;
    let pending = &*pending;
    let c = &pending.curriculum;
    let p = &pending.preview;
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Preview");
        ui.label(RichText::new(&c.title).size(18.0).strong());
        let mut about = Vec::new();
        if !c.authors.is_empty() {
            about.push(format!("by {}", c.authors.join(", ")));
        }
        about.push(format!("revision {}", c.revision));
        about.push(format!("from {}", pending.origin));
        ui.add(
            egui::Label::new(RichText::new(about.join(" · ")).small().color(theme::muted(ui)))
                .wrap(),
        )
        .on_hover_text(format!("Curriculum id: {}", c.id));
        ui.add_space(4.0);
        ui.label(pending.count_words());
        ui.add(egui::Label::new(pending.estimate_words()).wrap());
        let unestimated = pending.unestimated();
        let offers_hours = p.old_revision.is_none() && unestimated > 0;
        if offers_hours {
            ui.horizontal_wrapped(|ui| {
                let check = ui.checkbox(
                    give_hours,
                    format!(
                        "Give each of the {} without an estimate",
                        counted(unestimated, "item", "items")
                    ),
                );
                ui.add_enabled(
                    *give_hours,
                    egui::DragValue::new(hours_each)
                        .range(0.25..=1000.0)
                        .speed(0.25)
                        .suffix(" h"),
                )
                .on_hover_text("Your own estimate for each, shown as yours; change it on any milestone.")
                .labelled_by(check.id);
            });
        }
        ui.add_space(6.0);
        let old = workspace.curriculum(&c.id);
        match p.old_revision {
            None => {
                ui.label(format!("{} Nothing you have changes.", pending.kind_words()));
            }
            Some(old_revision) => {
                ui.label(RichText::new(pending.kind_words()).strong());
                if p.is_no_op() {
                    ui.label("The same milestones as the copy you have.");
                }
                let new_title = |id: &str| title_in(Some(c), id);
                let old_title = |id: &str| title_in(old, id);
                // Titles for the few names shown only: a lookup per id of a 10,000-milestone
                // update, every frame, would freeze the window.
                let renamed = |(a, b): &(String, String)| match (old_title(a), new_title(b)) {
                    (old, new) if old == new => new,
                    (old, new) => format!("{old} (now {new})"),
                };
                egui::Grid::new("update_counts")
                    .num_columns(2)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        let rows: [(&str, usize, String); 4] = [
                            ("Added", p.added.len(), short_list(p.added.iter().map(|id| new_title(id)), p.added.len())),
                            ("Removed", p.removed.len(), short_list(p.removed.iter().map(|id| old_title(id)), p.removed.len())),
                            ("Renamed", p.renamed.len(), short_list(p.renamed.iter().map(renamed), p.renamed.len())),
                            ("Changed", p.changed.len(), short_list(p.changed.iter().map(|id| new_title(id)), p.changed.len())),
                        ];
                        for (label, count, names) in rows {
                            ui.label(format!("{label}: {count}"));
                            ui.add(egui::Label::new(names).wrap());
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
                ui.add(
                    egui::Label::new(format!(
                        "Your progress is kept on {} and set aside on {} (it comes back if they return).",
                        counted(pending.progress_kept, "milestone", "milestones"),
                        counted(pending.progress_set_aside, "removed one", "removed ones"),
                    ))
                    .wrap(),
                );
                if p.is_downgrade() {
                    ui.add_space(6.0);
                    theme::banner_frame(ui, Severity::Warning).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(format!(
                            "Revision {} is OLDER than the revision {old_revision} you have.",
                            p.new_revision
                        ));
                        ui.checkbox(allow_older, "Import the older revision anyway");
                    });
                }
            }
        }
        if !pending.checked.is_empty() {
            ui.add_space(6.0);
            ui.checkbox(
                keep_checked,
                format!(
                    "Count the file's {} [x] as done by me before now",
                    counted(pending.checked.len(), "checked item", "checked items")
                ),
            );
        }
        let asks_for_focus = pending.asks_for_focus(workspace.state());
        if asks_for_focus {
            ui.add_space(6.0);
            ui.checkbox(into_focus, "Plan it with my focus")
                .on_hover_text("It has no focus areas: once you have chosen a focus, a curriculum is planned with it only when you say so.");
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let allowed = !workspace.is_read_only() && (!p.is_downgrade() || *allow_older);
            let apply = ui.add_enabled_ui(allowed, |ui| theme::primary_button(ui, "Apply"));
            if apply.inner.clicked() {
                let mut pending = pending.clone();
                pending.into_focus = asks_for_focus && *into_focus;
                if offers_hours && *give_hours {
                    // The field's range keeps it to hours an estimate may be.
                    let _ = pending.set_hours_each(*hours_each);
                }
                commands.push(Command::ApplyImport {
                    pending: Box::new(pending),
                    keep_checked: *keep_checked,
                    allow_older: *allow_older,
                });
            }
            closed = ui.button("Cancel").clicked();
        });
        ui.add_space(8.0);
        contents_ui(ui, pending);
    });
    closed
}

/// What the file holds, section by section: each item's title, checked ones marked.
fn contents_ui(ui: &mut Ui, pending: &PendingImport) {
    let c = &pending.curriculum;
    theme::card_title(ui, "What it holds");
    let open = c.milestone_count() <= OPEN_ALL_UP_TO;
    // A checklist's items show their box as the file had it; a RON file's are plain items.
    let boxes = curriculum::is_markdown_name(&pending.origin);
    for section in &c.sections {
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            section.title,
            counted(section.milestones.len(), "item", "items")
        ))
        .id_salt(("import_section", &c.id, &section.id))
        .default_open(open)
        .show(ui, |ui| {
            for m in section.milestones.iter().take(ITEMS_SHOWN) {
                let checked = pending.checked.contains(&m.id);
                let mark = match (boxes, checked) {
                    (false, _) => "•",
                    (true, true) => "[x]",
                    (true, false) => "[ ]",
                };
                ui.add(egui::Label::new(format!("{mark} {}", m.title)).wrap())
                    .on_hover_text(format!("{} · id {}", m.kind.label(), m.id));
            }
            if section.milestones.len() > ITEMS_SHOWN {
                theme::caption(
                    ui,
                    format!("and {} more", section.milestones.len() - ITEMS_SHOWN),
                );
            }
        });
    }
}

/// The title of milestone `id` in `curriculum`, or the id where it has none.
fn title_in(curriculum: Option<&Curriculum>, id: &str) -> String {
    curriculum
        .and_then(|c| c.milestone(id))
        .map_or_else(|| id.to_owned(), |m| m.title.clone())
}

/// The first few of `count` names, so that a 10,000-milestone update stays one line; only
/// those few are asked of `names`.
fn short_list(names: impl Iterator<Item = String>, count: usize) -> String {
    const SHOWN: usize = 6;
    let mut text = names.take(SHOWN).collect::<Vec<_>>().join(", ");
    if count > SHOWN {
        text.push_str(&format!(" and {} more", count - SHOWN));
    }
    text
}

/// The errors of a file that cannot be imported; returns true when the learner closed them.
fn errors_card(ui: &mut Ui, source: &str, errors: &str) -> bool {
    let mut close = false;
    theme::banner_frame(ui, Severity::Error).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "This file cannot be imported");
        ui.add(egui::Label::new(format!("{source}: nothing was changed.")).wrap());
        ui.add_space(4.0);
        let lines = errors.lines().count().clamp(1, 12);
        let label = ui.label("Errors");
        // Read-only but selectable, so the learner can copy a line for the author.
        ui.add(
            egui::TextEdit::multiline(&mut { errors })
                .code_editor()
                .desired_rows(lines)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui.button("Copy errors").clicked() {
                ui.ctx().copy_text(errors.to_owned());
            }
            close = ui.button("Close").clicked();
        });
    });
    close
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ron_and_markdown_files_are_importable() {
        assert!(is_importable(Path::new("/tmp/path.ron")));
        assert!(is_importable(Path::new("list.MD")));
        assert!(is_importable(Path::new("list.markdown")));
        assert!(!is_importable(Path::new("photo.png")));
        assert!(!is_importable(Path::new("README")));
    }

    #[test]
    fn long_change_lists_are_cut_short() {
        let ids: Vec<String> = (0..10).map(|i| format!("m{i}")).collect();
        assert_eq!(
            short_list(ids.iter().cloned(), ids.len()),
            "m0, m1, m2, m3, m4, m5 and 4 more"
        );
        assert_eq!(short_list(ids.iter().take(2).cloned(), 2), "m0, m1");
    }

    #[test]
    fn counts_read_as_words() {
        assert_eq!(counted(1, "goal", "goals"), "1 goal");
        assert_eq!(counted(0, "goal", "goals"), "0 goals");
    }
}
