//! Native file dialogs on a thread of their own: a dialog (or an XDG portal that never answers)
//! must not freeze the window. Where no dialog can be had, every screen that uses one also
//! offers a typed path.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::command::{ExportFormat, Purpose};

/// The file endings Waymark imports.
pub const IMPORT_EXTENSIONS: [&str; 3] = ["ron", "md", "markdown"];

/// The dialog open now, if any; one at a time.
#[derive(Debug, Default)]
pub struct FileDialogs {
    open: Option<(Purpose, Receiver<Option<PathBuf>>)>,
    /// Off: every dialog answers "nothing chosen" at once, as on a desktop without a portal.
    pub no_native_dialogs: bool,
}

impl FileDialogs {
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Opens a dialog for `purpose`; the answer comes from [`Self::poll`]. An error says why
    /// no dialog could be opened.
    pub fn open(&mut self, ctx: &egui::Context, purpose: Purpose) -> Result<(), String> {
        if self.open.is_some() {
            return Ok(());
        }
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let save = match &purpose {
            Purpose::Import => None,
            Purpose::Export { curriculum, format } => {
                Some((format!("{curriculum}.{}", format.extension()), *format))
            }
            Purpose::Report => Some(("progress-report.md".to_owned(), ExportFormat::Markdown)),
            Purpose::Portfolio => None,
        };
        let folder = matches!(purpose, Purpose::Portfolio);
        let native = !self.no_native_dialogs;
        std::thread::Builder::new()
            .name("file dialog".to_owned())
            .spawn(move || {
                let path = match save {
                    _ if !native => None,
                    None if folder => rfd::FileDialog::new()
                        .set_title("Choose a folder for your portfolio")
                        .pick_folder(),
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
            })
            .map_err(|e| {
                format!("No file dialog could be opened ({e}); type the file's path instead.")
            })?;
        self.open = Some((purpose, rx));
        Ok(())
    }

    /// The dialog's answer once it has one: what it was for and the path chosen, if any.
    pub fn poll(&mut self) -> Option<(Purpose, Option<PathBuf>)> {
        let (purpose, rx) = self.open.as_ref()?;
        let answer = match rx.try_recv() {
            Ok(path) => path,
            Err(TryRecvError::Empty) => return None,
            // The dialog's thread ended without answering: the platform has no dialog.
            Err(TryRecvError::Disconnected) => None,
        };
        let purpose = purpose.clone();
        self.open = None;
        Some((purpose, answer))
    }
}
