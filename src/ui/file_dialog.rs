//! Native file dialogs on a thread of their own: a dialog (or an XDG portal that never answers)
//! must not freeze the window. Where no dialog can be had, every screen that uses one also
//! offers a typed path.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::command::Purpose;

/// The file endings Waymark imports.
pub const IMPORT_EXTENSIONS: [&str; 3] = ["ron", "md", "markdown"];

/// What a dialog asks for: a file to open (its title and the endings offered), or where to
/// save one (a suggested name and its ending).
enum Dialog {
    Open {
        title: &'static str,
        filter: &'static str,
        endings: &'static [&'static str],
    },
    Save {
        name: String,
        ending: &'static str,
    },
    /// A folder to write into.
    Folder {
        title: &'static str,
    },
}

impl Dialog {
    fn of(purpose: &Purpose) -> Self {
        let save = |name: &str, ending: &'static str| Self::Save {
            name: name.to_owned(),
            ending,
        };
        match purpose {
            Purpose::Import => Self::Open {
                title: "Import a curriculum",
                filter: "Curriculum (RON or Markdown)",
                endings: &IMPORT_EXTENSIONS,
            },
            Purpose::Export { curriculum, format } => save(
                &format!("{curriculum}.{}", format.extension()),
                format.extension(),
            ),
            Purpose::Report => save("progress-report.md", "md"),
            Purpose::Calendar => save("waymark-study-plan.ics", "ics"),
            Purpose::Portfolio => Self::Folder {
                title: "Choose a folder for your portfolio",
            },
            Purpose::SaveCheckin => save("check-in.md", "md"),
            Purpose::SaveReply => save("reply.ron", "ron"),
            Purpose::OpenReply => Self::Open {
                title: "Take in a mentor's reply",
                filter: "Waymark reply (RON)",
                endings: &["ron"],
            },
            Purpose::OpenPacket => Self::Open {
                title: "Open a learner's check-in",
                filter: "Waymark check-in (Markdown)",
                endings: &["md", "markdown"],
            },
        }
    }
}

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
        let dialog = Dialog::of(&purpose);
        let native = !self.no_native_dialogs;
        std::thread::Builder::new()
            .name("file dialog".to_owned())
            .spawn(move || {
                let path = match dialog {
                    _ if !native => None,
                    Dialog::Open {
                        title,
                        filter,
                        endings,
                    } => rfd::FileDialog::new()
                        .set_title(title)
                        .add_filter(filter, endings)
                        .pick_file(),
                    Dialog::Folder { title } => {
                        rfd::FileDialog::new().set_title(title).pick_folder()
                    }
                    Dialog::Save { name, ending } => rfd::FileDialog::new()
                        .set_title("Save as")
                        .set_file_name(name)
                        .add_filter(ending, &[ending])
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
