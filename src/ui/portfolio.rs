//! The portfolio card of "Import & export": the finished projects it shows, each with whether
//! to hide it and whether to keep the notes private, and writing the page to a folder chosen in
//! a dialog or typed. Also Settings' "About you" card: the name and links the page shows.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::command::{Command, Purpose};
use super::theme::{self, Severity};
use crate::workspace::Workspace;

/// The portfolio card's own state.
#[derive(Debug, Default)]
pub struct Page {
    /// The folder typed for the page.
    pub folder: String,
    /// The outcome of the last writing, shown in the card.
    pub note: Option<(Severity, String)>,
}

impl Page {
    /// Writes the portfolio's page into `dir` and says how it went, in the card.
    pub fn write(&mut self, workspace: &Workspace, dir: &Path) {
        self.folder = dir.display().to_string();
        let portfolio = workspace.portfolio();
        self.note = Some(match crate::portfolio::write_page(dir, &portfolio) {
            Ok(page) => {
                let count = portfolio.projects.len();
                (
                    Severity::Info,
                    format!(
                        "Wrote your portfolio of {count} {} to {}. Open it in a browser, or put \
                         the folder on any web host.",
                        if count == 1 { "project" } else { "projects" },
                        page.display()
                    ),
                )
            }
            Err(e) => (Severity::Error, format!("Could not write it: {e}")),
        });
    }
}

const HIDE: &str = "Hide from portfolio";
const PRIVATE: &str = "Keep my notes private";

/// Names a project's checkbox for a screen reader with the project it is for ("Hide from
/// portfolio: Build a recommender"): every project has the two, and the visible words alone
/// would not say which. The name begins with the visible words, so a voice command that says
/// them still finds it.
fn named_for(response: &egui::Response, words: &str, checked: bool, title: &str) {
    let enabled = response.enabled();
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::accesskit::Role::CheckBox,
            enabled,
            checked,
            format!("{words}: {title}"),
        )
    });
}

pub fn portfolio_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    page: &mut Page,
    dialog_open: bool,
    commands: &mut Vec<Command>,
) {
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Your portfolio");
        theme::caption(
            ui,
            "A web page of the projects you finished, to show what you can build: it needs no \
             server and works offline. Your name and links are in Settings.",
        );
        ui.add_space(6.0);
        let projects = workspace.finished_projects();
        if projects.is_empty() {
            theme::caption(
                ui,
                "No finished project yet: a project marked done shows here.",
            );
        }
        let writable = !workspace.is_read_only();
        for p in &projects {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(&p.title).strong());
                if let Some(day) = p.finished {
                    theme::caption(ui, format!("finished {}", crate::plan::day_words(day)));
                }
            });
            ui.add_enabled_ui(writable, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let mut hidden = p.hidden;
                    let response = ui
                        .checkbox(&mut hidden, HIDE)
                        .on_hover_text("Leave this project off the page");
                    named_for(&response, HIDE, hidden, &p.title);
                    if response.changed() {
                        commands.push(Command::SetPortfolioHidden {
                            milestone: p.milestone.clone(),
                            hidden,
                        });
                    }
                    let mut private = p.notes_private;
                    let response = ui
                        .checkbox(&mut private, PRIVATE)
                        .on_hover_text("Show the project without your notes on it");
                    named_for(&response, PRIVATE, private, &p.title);
                    if response.changed() {
                        commands.push(Command::SetNotesPrivate {
                            milestone: p.milestone.clone(),
                            private,
                        });
                    }
                });
            });
        }
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(!dialog_open, egui::Button::new("Write my portfolio…"))
                .on_hover_text("Choose a folder; the page is written there as index.html")
                .clicked()
            {
                commands.push(Command::BrowseSave(Purpose::Portfolio));
            }
            if ui
                .button("Copy as Markdown")
                .on_hover_text("The same, for a GitHub profile README")
                .clicked()
            {
                let md = crate::portfolio::markdown::markdown(&workspace.portfolio());
                ui.ctx().copy_text(md);
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Folder");
            let room = ui.available_width()
                - theme::button_width(ui, "Write")
                - ui.spacing().item_spacing.x;
            ui.add(
                egui::TextEdit::singleline(&mut page.folder)
                    .hint_text("/home/you/portfolio")
                    .desired_width(room.clamp(120.0, 560.0)),
            )
            .labelled_by(label.id);
            let folder = page.folder.trim();
            if ui
                .add_enabled(!folder.is_empty(), egui::Button::new("Write"))
                .clicked()
            {
                commands.push(Command::WritePortfolio(PathBuf::from(folder)));
            }
        });
        if let Some((severity, text)) = &page.note {
            ui.add_space(6.0);
            theme::note_ui(ui, *severity, text);
        }
    });
}

/// Settings' "About you": the name and public links the portfolio shows. A link is checked by
/// the rule the command line uses before it is asked for, so that the field keeps what was
/// typed and says what is wrong.
pub fn about_you_card(ui: &mut Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
    let learner = &workspace.state().learner;
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "About you");
        theme::caption(ui, "Your portfolio shows your name and these links.");
        ui.add_enabled_ui(!workspace.is_read_only(), |ui| {
            let width = (ui.available_width() - 100.0).clamp(140.0, 420.0);
            ui.horizontal(|ui| {
                let label = ui.label("Your name");
                let mut name = learner.name.clone();
                if ui
                    .add(
                        egui::TextEdit::singleline(&mut name)
                            .hint_text("As a reader should see it")
                            .desired_width(width),
                    )
                    .labelled_by(label.id)
                    .changed()
                {
                    commands.push(Command::SetLearnerName(name));
                }
            });
            for (i, link) in learner.links.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(link);
                    let response = ui
                        .small_button("Remove")
                        .on_hover_text(format!("Remove {link}"));
                    // Named with its link for a screen reader: each link has one.
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::accesskit::Role::Button,
                            true,
                            format!("Remove {link}"),
                        )
                    });
                    if response.clicked() {
                        let mut links = learner.links.clone();
                        links.remove(i);
                        commands.push(Command::SetLearnerLinks(links));
                    }
                });
            }
            let id = ui.make_persistent_id("about_you_new_link");
            let (mut draft, mut problem) = ui.data_mut(|d| {
                d.get_temp::<(String, Option<String>)>(id)
                    .unwrap_or_default()
            });
            ui.horizontal(|ui| {
                let label = ui.label("Link");
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut draft)
                            .hint_text("https://github.com/you")
                            .desired_width(width),
                    )
                    .labelled_by(label.id);
                let entered =
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let add = ui
                    .add_enabled(!draft.trim().is_empty(), egui::Button::new("Add link"))
                    .clicked();
                if (add || entered) && !draft.trim().is_empty() {
                    let mut links = learner.links.clone();
                    links.push(draft.trim().to_owned());
                    match crate::progress::learner::check_links(&links) {
                        Ok(_) => {
                            commands.push(Command::SetLearnerLinks(links));
                            draft.clear();
                            problem = None;
                        }
                        Err(e) => problem = Some(e.to_string()),
                    }
                }
            });
            if let Some(text) = &problem {
                theme::note_ui(ui, Severity::Error, text);
            }
            ui.data_mut(|d| d.insert_temp(id, (draft, problem)));
        });
    });
}
