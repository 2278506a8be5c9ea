//! The learner's own goal, made in the window: a title, milestones from any curriculum (a
//! whole section at once, or found by name), and a target or the one the plan can reach. The
//! rules (a title, at least one milestone, no target in the past) are the domain's
//! (`Change::NewGoal`); the form only gathers what it needs.

use std::collections::HashSet;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::progress::MilestoneRef;
use crate::ui::command::Command;
use crate::ui::date_picker::DatePicker;
use crate::ui::theme;
use crate::workspace::Workspace;

/// The most milestones a search lists: enough to pick from, few enough to read.
const FOUND_SHOWN: usize = 8;
/// The most picked milestones listed one by one; the rest are counted.
const PICKED_SHOWN: usize = 12;

/// Milestones a search found, with their titles.
type Found = Vec<(MilestoneRef, String)>;

/// What the form holds while the learner fills it in.
#[derive(Debug)]
pub struct Form {
    title: String,
    search: String,
    picked: Vec<MilestoneRef>,
    /// `picked` as a set: a section of 20,000 items is added in linear time.
    in_goal: HashSet<MilestoneRef>,
    /// Counts the changes to `picked`.
    edits: usize,
    /// The last search's results, for the words and the goal (its `edits`) they were found
    /// for: a search walks every title once per change, not once per frame.
    found: Option<(String, usize, Found)>,
    target: Option<NaiveDate>,
    /// Worked on before the other goals: a goal made now is what the learner wants next.
    first: bool,
}

impl Default for Form {
    fn default() -> Self {
        Self {
            title: String::new(),
            search: String::new(),
            picked: Vec::new(),
            in_goal: HashSet::new(),
            edits: 0,
            found: None,
            target: None,
            first: true,
        }
    }
}

impl Form {
    fn add(&mut self, r: MilestoneRef) {
        if self.in_goal.insert(r.clone()) {
            self.picked.push(r);
            self.edits += 1;
        }
    }

    fn remove(&mut self, i: usize) {
        let r = self.picked.remove(i);
        self.in_goal.remove(&r);
        self.edits += 1;
    }

    fn clear(&mut self) {
        self.picked.clear();
        self.in_goal.clear();
        self.edits += 1;
    }
}

/// The form; returns true when the learner cancelled it.
pub(super) fn form_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    today: NaiveDate,
    form: &mut Form,
    commands: &mut Vec<Command>,
) -> bool {
    let mut cancelled = false;
    ui.label(RichText::new("A goal of your own").strong());
    theme::caption(
        ui,
        "Any milestones of any curriculum, yours or Waymark's, planned like its goals.",
    );
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let label = ui.label("Title");
        ui.add(
            egui::TextEdit::singleline(&mut form.title)
                .hint_text("Finish my study plan")
                .desired_width((ui.available_width() - 8.0).clamp(120.0, 360.0)),
        )
        .labelled_by(label.id);
    });
    sections_ui(ui, workspace, form);
    search_ui(ui, workspace, form);
    picked_ui(ui, workspace, form);
    target_ui(ui, today, form);
    ui.checkbox(&mut form.first, "Work on it before my other goals")
        .on_hover_text("This week and next up take its milestones first; untick to plan it last.");
    ui.add_space(6.0);
    let title = form.title.trim();
    let ready = !title.is_empty() && !form.picked.is_empty();
    ui.horizontal(|ui| {
        let make = ui.add_enabled_ui(ready, |ui| theme::primary_button(ui, "Make the goal"));
        if make.inner.clicked() {
            commands.push(Command::NewGoal {
                title: title.to_owned(),
                milestones: form.picked.clone(),
                target: form.target,
                first: form.first,
            });
        }
        cancelled = ui.button("Cancel").clicked();
    });
    if !ready {
        theme::caption(
            ui,
            match (title.is_empty(), form.picked.is_empty()) {
                (true, true) => "It needs a title and at least one milestone.",
                (true, false) => "It needs a title.",
                _ => "It needs at least one milestone.",
            },
        );
    }
    cancelled
}

/// "Add a whole section": the quickest way to make a goal of an imported checklist.
fn sections_ui(ui: &mut Ui, workspace: &Workspace, form: &mut Form) {
    let mut chosen = None;
    ui.horizontal(|ui| {
        let label = ui.label("Add a section");
        egui::ComboBox::from_id_salt("new-goal-section")
            .selected_text("Choose…")
            .width((ui.available_width() - 8.0).clamp(120.0, 360.0))
            .show_ui(ui, |ui| {
                for c in workspace.curricula() {
                    for s in &c.sections {
                        let text = format!("{} › {} ({})", c.title, s.title, s.milestones.len());
                        if ui.selectable_label(false, text).clicked() {
                            chosen = Some(
                                s.milestones
                                    .iter()
                                    .map(|m| MilestoneRef::new(&c.id, &m.id))
                                    .collect::<Vec<_>>(),
                            );
                        }
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    for r in chosen.into_iter().flatten() {
        form.add(r);
    }
}

/// Milestones found by a word of their title, each added with a click.
fn search_ui(ui: &mut Ui, workspace: &Workspace, form: &mut Form) {
    ui.horizontal(|ui| {
        let label = ui.label("Find a milestone");
        ui.add(
            egui::TextEdit::singleline(&mut form.search)
                .hint_text("A word of its title")
                .desired_width((ui.available_width() - 8.0).clamp(120.0, 360.0)),
        )
        .labelled_by(label.id);
    });
    let needle = form.search.trim().to_lowercase();
    if needle.is_empty() {
        return;
    }
    let fresh = form
        .found
        .as_ref()
        .is_some_and(|(words, edits, _)| *words == needle && *edits == form.edits);
    if !fresh {
        let mut found = Vec::new();
        'all: for c in workspace.curricula() {
            for m in c.milestones() {
                if m.title.to_lowercase().contains(&needle) {
                    let r = MilestoneRef::new(&c.id, &m.id);
                    if !form.in_goal.contains(&r) {
                        found.push((r, m.title.clone()));
                        if found.len() == FOUND_SHOWN {
                            break 'all;
                        }
                    }
                }
            }
        }
        form.found = Some((needle, form.edits, found));
    }
    let found = form
        .found
        .as_ref()
        .map(|(_, _, found)| found.clone())
        .unwrap_or_default();
    if found.is_empty() {
        theme::caption(
            ui,
            "No milestone not yet in the goal has that in its title.",
        );
    }
    for (r, title) in found {
        ui.horizontal(|ui| {
            if theme::named_small_button(ui, "Add", &format!("Add “{title}”")).clicked() {
                form.add(r);
            }
            ui.add(egui::Label::new(title).truncate());
        });
    }
}

fn picked_ui(ui: &mut Ui, workspace: &Workspace, form: &mut Form) {
    if form.picked.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(format!(
        "In the goal: {}",
        crate::workspace::counted(form.picked.len(), "milestone", "milestones")
    ));
    let mut removed = None;
    for (i, r) in form.picked.iter().enumerate().take(PICKED_SHOWN) {
        let title = workspace.title_of(r);
        ui.horizontal(|ui| {
            if theme::named_small_button(ui, "Remove", &format!("Remove “{title}”")).clicked() {
                removed = Some(i);
            }
            ui.add(egui::Label::new(title).truncate());
        });
    }
    if form.picked.len() > PICKED_SHOWN {
        theme::caption(ui, format!("and {} more", form.picked.len() - PICKED_SHOWN));
    }
    if let Some(i) = removed {
        form.remove(i);
    }
    if ui
        .horizontal(|ui| ui.small_button("Remove them all").clicked())
        .inner
    {
        form.clear();
    }
}

fn target_ui(ui: &mut Ui, today: NaiveDate, form: &mut Form) {
    ui.add_space(4.0);
    let mut set = form.target.is_some();
    ui.checkbox(&mut set, "Set a target date");
    match (set, form.target) {
        (true, None) => form.target = today.checked_add_days(chrono::Days::new(8 * 7)),
        (false, Some(_)) => form.target = None,
        _ => {}
    }
    if let Some(target) = form.target {
        ui.horizontal(|ui| {
            ui.label("Target");
            if let Some(picked) =
                DatePicker::new("new-goal-target", "Target of the new goal", today)
                    .earliest(today)
                    .show(ui, target)
            {
                form.target = Some(picked);
            }
        });
    } else {
        theme::caption(
            ui,
            "Without one, Waymark sets the date the plan can reach at your hours a week.",
        );
    }
}
