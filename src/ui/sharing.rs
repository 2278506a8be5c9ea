//! Sharing: importing a curriculum (a file dialog, a typed path, or a dropped file) with a
//! preview before anything changes, and exporting a curriculum as RON or Markdown.
//!
//! File dialogs run on their own thread: a native dialog (or an XDG portal that never answers)
//! must not freeze the window. Where no dialog can be had, the typed path always works.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use egui::{RichText, Ui};

use super::app::{App, Command, Screen};
use super::history::{CurriculumChange, CurriculumCopy, Edit};
use super::manage;
use super::theme::{self, Severity};
use crate::curriculum::{self, MAX_FILE_BYTES, ReadError};
use crate::workspace::{PendingImport, Workspace};

/// The file endings Waymark imports.
pub const IMPORT_EXTENSIONS: [&str; 3] = ["ron", "md", "markdown"];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFormat {
    #[default]
    Ron,
    Markdown,
}

impl ExportFormat {
    pub const ALL: [Self; 2] = [Self::Ron, Self::Markdown];

    pub fn label(self) -> &'static str {
        match self {
            Self::Ron => "RON (the full curriculum)",
            Self::Markdown => "Markdown (a checklist with your progress)",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Ron => "ron",
            Self::Markdown => "md",
        }
    }
}

/// What a file dialog was opened for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Import,
    Export {
        curriculum: String,
        format: ExportFormat,
    },
    Report,
}

/// What the learner asked of the sharing screen (and the mentor page's report).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Opens the native "open file" dialog (Ctrl+O).
    Browse,
    /// Opens the native "save file" dialog.
    BrowseSave(Purpose),
    /// A dialog answered; `None` when nothing was chosen or no dialog could be shown.
    DialogClosed(Purpose, Option<PathBuf>),
    /// Reads a file for import and shows its preview.
    OpenPath(PathBuf),
    /// Previews bytes that arrived without a readable path (a dropped file on some platforms).
    OpenBytes {
        name: String,
        bytes: Vec<u8>,
    },
    /// Shows why a dropped or chosen file cannot be imported.
    Refuse {
        source: String,
        reason: String,
    },
    /// Applies the previewed import.
    Apply,
    /// Closes the preview or the errors without changing anything.
    Close,
    SetKeepChecked(bool),
    SetAllowOlder(bool),
    Export {
        curriculum: String,
        format: ExportFormat,
        path: PathBuf,
    },
    SaveReport(PathBuf),
    /// Asks to confirm removing a curriculum (`None`: the learner kept it).
    ConfirmRemove(Option<String>),
    /// Removes an imported curriculum (after the learner confirmed).
    Remove(String),
}

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
}

/// The sharing screen's own state: nothing here is the learner's data.
#[derive(Debug, Default)]
pub struct Sharing {
    /// The always-available typed path, for where no file dialog can be shown.
    pub import_path: String,
    /// The file dialog open now, answering on its own thread.
    dialog: Option<(Purpose, Receiver<Option<PathBuf>>)>,
    pub opened: Option<Opened>,
    /// The outcome of the last import, export or save.
    pub note: Option<(Severity, String)>,
    pub export_curriculum: Option<String>,
    pub export_format: ExportFormat,
    pub export_path: String,
    /// The curriculum whose removal waits for the learner's confirmation.
    pub confirm_remove: Option<String>,
    /// Where the mentor report is saved.
    pub report_path: String,
    /// Off: every dialog answers "nothing chosen" at once, as on a desktop without a portal.
    no_native_dialogs: bool,
}

impl App {
    /// Turns native file dialogs off (tests, and desktops where they misbehave): the dialog
    /// thread answers "nothing chosen" at once and the typed path remains.
    #[must_use]
    pub fn without_native_dialogs(mut self) -> Self {
        self.sharing.no_native_dialogs = true;
        self
    }
}

impl Sharing {
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }
}

/// Before the frame: a file dialog's answer and files dropped on the window become actions.
pub fn logic(app: &mut App, ctx: &egui::Context) {
    if let Some((purpose, rx)) = &app.sharing.dialog {
        match rx.try_recv() {
            Ok(path) => {
                let purpose = purpose.clone();
                app.sharing.dialog = None;
                app.push(Command::Share(Action::DialogClosed(purpose, path)));
            }
            Err(TryRecvError::Empty) => {}
            // The dialog's thread ended without answering: the platform has no dialog.
            Err(TryRecvError::Disconnected) => {
                let purpose = purpose.clone();
                app.sharing.dialog = None;
                app.push(Command::Share(Action::DialogClosed(purpose, None)));
            }
        }
    }
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    // One preview at a time: the first file dropped is the one shown.
    if let Some(file) = dropped.first() {
        let path = file.path().to_path_buf();
        let action = if !is_importable(&path) {
            Action::Refuse {
                source: path.display().to_string(),
                reason: refuse_reason(&path),
            }
        } else if path.is_file() {
            Action::OpenPath(path)
        } else {
            // No readable path (a sandboxed drop): the bytes are all there is.
            match file.bytes() {
                Ok(bytes) => Action::OpenBytes {
                    name: path.display().to_string(),
                    bytes,
                },
                Err(reason) => Action::Refuse {
                    source: path.display().to_string(),
                    reason,
                },
            }
        };
        app.push(Command::Share(action));
    }
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

/// Applies one sharing action.
pub fn run(app: &mut App, ctx: &egui::Context, action: Action) {
    match action {
        Action::Browse => {
            app.show(Screen::Sharing);
            spawn_dialog(app, ctx, Purpose::Import);
        }
        Action::BrowseSave(purpose) => spawn_dialog(app, ctx, purpose),
        Action::DialogClosed(purpose, path) => match (purpose, path) {
            (Purpose::Import, Some(path)) => {
                app.sharing.import_path = path.display().to_string();
                run(app, ctx, Action::OpenPath(path));
            }
            (Purpose::Export { curriculum, format }, Some(path)) => {
                app.sharing.export_path = path.display().to_string();
                run(
                    app,
                    ctx,
                    Action::Export {
                        curriculum,
                        format,
                        path,
                    },
                );
            }
            (Purpose::Report, Some(path)) => {
                app.sharing.report_path = path.display().to_string();
                run(app, ctx, Action::SaveReport(path));
            }
            (_, None) => {
                app.sharing.note = Some((
                    Severity::Info,
                    "No file was chosen. If no dialog appeared, type the file's path in the Path field instead."
                        .to_owned(),
                ));
            }
        },
        Action::OpenPath(path) => {
            app.show(Screen::Sharing);
            let source = path.display().to_string();
            app.sharing.note = None;
            app.sharing.opened = Some(if is_importable(&path) {
                match curriculum::read_file(&path) {
                    Ok(bytes) => open_bytes(&app.workspace, &source, &bytes),
                    Err(ReadError::Io(reason)) => Opened::Refused {
                        source,
                        errors: reason,
                    },
                    Err(ReadError::Invalid(invalid)) => Opened::Refused {
                        source,
                        errors: invalid.to_string(),
                    },
                }
            } else {
                Opened::Refused {
                    errors: refuse_reason(&path),
                    source,
                }
            });
        }
        Action::OpenBytes { name, bytes } => {
            app.show(Screen::Sharing);
            app.sharing.note = None;
            app.sharing.opened = Some(if bytes.len() > MAX_FILE_BYTES {
                Opened::Refused {
                    errors: format!(
                        "{name}: the file is larger than {} MiB, the most a curriculum may be",
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                    source: name,
                }
            } else {
                open_bytes(&app.workspace, &name, &bytes)
            });
        }
        Action::Refuse { source, reason } => {
            app.show(Screen::Sharing);
            app.sharing.note = None;
            app.sharing.opened = Some(Opened::Refused {
                source,
                errors: reason,
            });
        }
        Action::SetKeepChecked(keep) => {
            if let Some(Opened::Preview(p)) = &mut app.sharing.opened {
                p.keep_checked = keep;
            }
        }
        Action::SetAllowOlder(allow) => {
            if let Some(Opened::Preview(p)) = &mut app.sharing.opened {
                p.allow_older = allow;
            }
        }
        Action::Close => app.sharing.opened = None,
        Action::Apply => apply(app, ctx),
        Action::Export {
            curriculum,
            format,
            path,
        } => {
            let text = match format {
                ExportFormat::Ron => app.workspace.export_ron(&curriculum),
                ExportFormat::Markdown => app.workspace.export_markdown(&curriculum),
            };
            let written = text.map_err(|e| e.to_string()).and_then(|text| {
                crate::storage::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())
            });
            app.sharing.note = Some(match written {
                Ok(()) => (
                    Severity::Info,
                    format!("Exported \"{curriculum}\" to {}.", path.display()),
                ),
                Err(e) => (Severity::Error, format!("Could not export: {e}")),
            });
        }
        Action::SaveReport(path) => {
            let report = app.workspace.report(app.today());
            let written = crate::storage::write_atomic(&path, report.as_bytes());
            app.mentor_page.report = Some(report);
            app.mentor_page.note = Some(match written {
                Ok(()) => (
                    Severity::Info,
                    format!("Saved the report to {}.", path.display()),
                ),
                Err(e) => (Severity::Error, format!("Could not save the report: {e}")),
            });
        }
        Action::ConfirmRemove(id) => app.sharing.confirm_remove = id,
        Action::Remove(id) => remove(app, ctx, &id),
    }
}

fn open_bytes(workspace: &Workspace, source: &str, bytes: &[u8]) -> Opened {
    match workspace.preview_import(source, bytes) {
        Ok(pending) => Opened::Preview(Box::new(Preview {
            pending,
            keep_checked: false,
            allow_older: false,
        })),
        Err(invalid) => Opened::Refused {
            source: source.to_owned(),
            errors: invalid.to_string(),
        },
    }
}

/// The dialog runs on its own thread and answers through a channel polled before each frame.
fn spawn_dialog(app: &mut App, ctx: &egui::Context, purpose: Purpose) {
    if app.sharing.dialog.is_some() {
        return;
    }
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    let dialog = match &purpose {
        Purpose::Import => None,
        Purpose::Export { curriculum, format } => {
            Some((format!("{curriculum}.{}", format.extension()), *format))
        }
        Purpose::Report => Some(("progress-report.md".to_owned(), ExportFormat::Markdown)),
    };
    let native = !app.sharing.no_native_dialogs;
    let spawned = std::thread::Builder::new()
        .name("file dialog".to_owned())
        .spawn(move || {
            let path = match dialog {
                _ if !native => None,
                None => rfd::FileDialog::new()
                    .set_title("Import a curriculum")
                    .add_filter("Curriculum (RON or Markdown)", &IMPORT_EXTENSIONS)
                    .pick_file(),
                Some((name, format)) => rfd::FileDialog::new()
                    .set_title("Save as")
                    .set_file_name(name)
                    .add_filter(format.extension(), &[format.extension()])
                    .save_file(),
            };
            // The window may have closed meanwhile; nobody is left to tell.
            let _ = tx.send(path);
            ctx.request_repaint();
        });
    match spawned {
        Ok(_) => app.sharing.dialog = Some((purpose, rx)),
        Err(e) => {
            app.sharing.note = Some((
                Severity::Warning,
                format!("No file dialog could be opened ({e}); type the file's path instead."),
            ));
        }
    }
}

fn apply(app: &mut App, ctx: &egui::Context) {
    let Some(Opened::Preview(preview)) = app.sharing.opened.take() else {
        return;
    };
    let id = preview.pending.curriculum.id.clone();
    let title = preview.pending.curriculum.title.clone();
    let revision = preview.pending.curriculum.revision;
    let before = copy_of(&app.workspace, &id);
    // The import writes state.ron itself; it must land after any save still in flight.
    app.wait_for_saves();
    match app.workspace.apply_import(
        preview.pending.clone(),
        preview.keep_checked,
        preview.allow_older,
        app.now(),
    ) {
        Ok(()) => {
            let after = copy_of(&app.workspace, &id);
            record(
                app,
                ctx,
                CurriculumChange {
                    id,
                    before,
                    after,
                    what: "import",
                },
            );
            app.sharing.note = Some((
                Severity::Info,
                format!("Imported \"{title}\" revision {revision}. Ctrl+Z takes it back."),
            ));
        }
        Err(e) => {
            app.sharing.note = Some((Severity::Error, format!("Nothing was imported: {e}")));
            app.sharing.opened = Some(Opened::Preview(preview));
        }
    }
}

fn remove(app: &mut App, ctx: &egui::Context, id: &str) {
    app.sharing.confirm_remove = None;
    let before = copy_of(&app.workspace, id);
    app.wait_for_saves();
    match app.workspace.remove_curriculum(id, app.now()) {
        Ok(()) => {
            let after = copy_of(&app.workspace, id);
            record(
                app,
                ctx,
                CurriculumChange {
                    id: id.to_owned(),
                    before,
                    after,
                    what: "curriculum removal",
                },
            );
            app.sharing.note = Some((
                Severity::Info,
                format!("Removed \"{id}\"; its progress is kept aside. Ctrl+Z brings it back."),
            ));
        }
        Err(e) => app.sharing.note = Some((Severity::Error, format!("Not removed: {e}"))),
    }
}

fn copy_of(workspace: &Workspace, id: &str) -> CurriculumCopy {
    CurriculumCopy {
        curriculum: workspace
            .curricula_with_origin()
            .find(|(c, _)| c.id == id)
            .map(|(c, o)| (c.clone(), o.clone())),
        state: workspace.state.clone(),
    }
}

fn record(app: &mut App, ctx: &egui::Context, change: CurriculumChange) {
    app.perform_edit(ctx, Edit::Curriculum(Box::new(change)), false);
}

/// The disk side of undoing or redoing an import or removal: `copy` is what to go back to.
pub fn restore(app: &mut App, id: &str, copy: CurriculumCopy) {
    app.wait_for_saves();
    if let Err(e) = app
        .workspace
        .restore_curriculum(id, copy.curriculum, copy.state)
    {
        app.banners.push(super::app::Banner {
            severity: Severity::Error,
            text: format!("Could not restore \"{id}\" on disk: {e}"),
            dismissable: true,
        });
    }
}

/// What undoing (`undo = true`) or redoing `edit` must also put back on disk.
pub fn disk_side(edit: &Edit, undo: bool) -> Option<(String, CurriculumCopy)> {
    match edit {
        Edit::Curriculum(change) => Some((
            change.id.clone(),
            if undo {
                change.before.clone()
            } else {
                change.after.clone()
            },
        )),
        _ => None,
    }
}

/// The sharing screen: import, its preview, export, and the curricula in the workspace.
pub fn sharing_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("sharing")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(760.0);
            ui.heading("Import and export");
            ui.add_space(theme::CARD_GAP);
            if let Some((severity, text)) = &app.sharing.note {
                theme::banner_frame(ui, *severity).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.add(egui::Label::new(text.as_str()).wrap().selectable(true));
                });
                ui.add_space(theme::CARD_GAP);
            }
            import_card(ui, app, commands);
            ui.add_space(theme::CARD_GAP);
            match &app.sharing.opened {
                Some(Opened::Preview(preview)) => {
                    preview_card(ui, app, preview, commands);
                    ui.add_space(theme::CARD_GAP);
                }
                Some(Opened::Refused { source, errors }) => {
                    errors_card(ui, source, errors, commands);
                    ui.add_space(theme::CARD_GAP);
                }
                None => {}
            }
            export_card(ui, app, commands);
            ui.add_space(theme::CARD_GAP);
            manage::curricula_card(ui, app, commands);
        });
}

fn import_card(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    let writable = !app.read_only();
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Import a curriculum");
        theme::caption(
            ui,
            "A .ron curriculum or a Markdown checklist (.md). Drop one on the window, choose it, or type its path. You see what changes before anything does.",
        );
        ui.add_space(6.0);
        ui.add_enabled_ui(writable, |ui| {
            ui.horizontal(|ui| {
                let browsing = app.sharing.dialog_open();
                let label = if browsing {
                    "Choosing a file…"
                } else {
                    "Choose a file…"
                };
                if ui
                    .add_enabled(!browsing, egui::Button::new(label))
                    .on_hover_text("Ctrl+O")
                    .clicked()
                {
                    commands.push(Command::Share(Action::Browse));
                }
                ui.separator();
                let label = ui.label("Path");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut app.sharing.import_path)
                            .hint_text("/home/you/curriculum.ron")
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                let entered =
                    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let path = app.sharing.import_path.trim();
                if (ui
                    .add_enabled(!path.is_empty(), egui::Button::new("Open"))
                    .clicked()
                    || entered)
                    && !path.is_empty()
                {
                    commands.push(Command::Share(Action::OpenPath(PathBuf::from(path))));
                }
            });
        });
    });
}

fn count_line(ui: &mut Ui, c: &curriculum::Curriculum) {
    ui.label(format!(
        "{} in {}, {}, {}",
        counted(c.milestone_count(), "milestone", "milestones"),
        counted(c.sections.len(), "section", "sections"),
        counted(c.goals.len(), "goal", "goals"),
        counted(c.focus_areas.len(), "focus area", "focus areas"),
    ));
}

/// "1 goal", "2 goals".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn preview_card(ui: &mut Ui, app: &App, preview: &Preview, commands: &mut Vec<Command>) {
    let pending = &preview.pending;
    let c = &pending.curriculum;
    let p = &pending.preview;
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Preview");
        ui.label(RichText::new(&c.title).size(18.0).strong());
        let by = if c.authors.is_empty() {
            "author not named".to_owned()
        } else {
            format!("by {}", c.authors.join(", "))
        };
        theme::caption(
            ui,
            format!("{by} · \"{}\" revision {} · {}", c.id, c.revision, pending.origin),
        );
        ui.add_space(4.0);
        count_line(ui, c);
        ui.add_space(6.0);
        match p.old_revision {
            None => {
                ui.label("A new curriculum: nothing you have changes.");
            }
            Some(old) => {
                ui.label(
                    RichText::new(format!(
                        "An update of revision {old} to revision {}",
                        p.new_revision
                    ))
                    .strong(),
                );
                if p.is_no_op() {
                    ui.label("The same milestones as the copy you have.");
                }
                egui::Grid::new("update_counts")
                    .num_columns(2)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        let renamed: Vec<String> =
                            p.renamed.iter().map(|(a, b)| format!("{a} -> {b}")).collect();
                        for (label, ids) in [
                            ("Added", p.added.clone()),
                            ("Removed", p.removed.clone()),
                            ("Renamed", renamed),
                            ("Changed", p.changed.clone()),
                        ] {
                            ui.label(format!("{label}: {}", ids.len()));
                            ui.add(egui::Label::new(short_list(&ids)).wrap());
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
                ui.label(format!(
                    "Your progress is kept on {} and set aside on {} (it comes back if they return).",
                    counted(pending.progress_kept, "milestone", "milestones"),
                    counted(pending.progress_set_aside, "removed one", "removed ones"),
                ));
                if p.is_downgrade() {
                    ui.add_space(6.0);
                    theme::banner_frame(ui, Severity::Warning).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(format!(
                            "Revision {} is OLDER than the revision {old} you have.",
                            p.new_revision
                        ));
                        let mut allow = preview.allow_older;
                        if ui
                            .checkbox(&mut allow, "Import the older revision anyway")
                            .changed()
                        {
                            commands.push(Command::Share(Action::SetAllowOlder(allow)));
                        }
                    });
                }
            }
        }
        if !pending.checked.is_empty() {
            ui.add_space(6.0);
            let mut keep = preview.keep_checked;
            if ui
                .checkbox(
                    &mut keep,
                    format!(
                        "Count the file's {} checked items [x] as done by me",
                        pending.checked.len()
                    ),
                )
                .changed()
            {
                commands.push(Command::Share(Action::SetKeepChecked(keep)));
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let allowed = !app.read_only() && (!p.is_downgrade() || preview.allow_older);
            let apply = ui.add_enabled_ui(allowed, |ui| theme::primary_button(ui, "Apply"));
            if apply.inner.clicked() {
                commands.push(Command::Share(Action::Apply));
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::Share(Action::Close));
            }
        });
    });
}

/// The first few ids of a list, so that a 10,000-milestone update stays one line.
fn short_list(ids: &[String]) -> String {
    const SHOWN: usize = 6;
    let mut text = ids
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}

fn errors_card(ui: &mut Ui, source: &str, errors: &str, commands: &mut Vec<Command>) {
    theme::banner_frame(ui, Severity::Error).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "This file cannot be imported");
        ui.label(format!("{source}: nothing was changed."));
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
            if ui.button("Close").clicked() {
                commands.push(Command::Share(Action::Close));
            }
        });
    });
}

fn export_card(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Export a curriculum");
        let ids: Vec<(String, String)> = app
            .workspace
            .curricula()
            .map(|c| (c.id.clone(), c.title.clone()))
            .collect();
        if app
            .sharing
            .export_curriculum
            .as_ref()
            .is_none_or(|id| !ids.iter().any(|(i, _)| i == id))
        {
            app.sharing.export_curriculum = ids.first().map(|(id, _)| id.clone());
        }
        let Some(selected) = app.sharing.export_curriculum.clone() else {
            theme::caption(ui, "No curriculum to export yet.");
            return;
        };
        let selected_title = ids
            .iter()
            .find(|(id, _)| *id == selected)
            .map_or(selected.as_str(), |(_, t)| t.as_str())
            .to_owned();
        ui.horizontal(|ui| {
            let label = ui.label("Curriculum");
            egui::ComboBox::from_id_salt("export_curriculum")
                .selected_text(selected_title)
                .show_ui(ui, |ui| {
                    for (id, title) in &ids {
                        ui.selectable_value(
                            &mut app.sharing.export_curriculum,
                            Some(id.clone()),
                            title,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            for format in ExportFormat::ALL {
                ui.radio_value(&mut app.sharing.export_format, format, format.label());
            }
        });
        let format = app.sharing.export_format;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!app.sharing.dialog_open(), egui::Button::new("Save as…"))
                .clicked()
            {
                commands.push(Command::Share(Action::BrowseSave(Purpose::Export {
                    curriculum: selected.clone(),
                    format,
                })));
            }
            ui.separator();
            let label = ui.label("Save to");
            ui.add(
                egui::TextEdit::singleline(&mut app.sharing.export_path)
                    .hint_text(format!("/home/you/{selected}.{}", format.extension()))
                    .desired_width(300.0),
            )
            .labelled_by(label.id);
            let path = app.sharing.export_path.trim();
            if ui
                .add_enabled(!path.is_empty(), egui::Button::new("Export"))
                .clicked()
            {
                commands.push(Command::Share(Action::Export {
                    curriculum: selected.clone(),
                    format,
                    path: PathBuf::from(path),
                }));
            }
        });
    });
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
        assert_eq!(short_list(&ids), "m0, m1, m2, m3, m4, m5 and 4 more");
        assert_eq!(short_list(&ids[..2]), "m0, m1");
    }

    #[test]
    fn counts_read_as_words() {
        assert_eq!(counted(1, "goal", "goals"), "1 goal");
        assert_eq!(counted(0, "goal", "goals"), "0 goals");
    }
}
