//! Search and filters over the curricula (Ctrl+F): by text, kind, status and focus.

use egui::Ui;

use crate::curriculum::{Curriculum, Kind, Milestone};
use crate::plan::focus::{chosen_focus, in_focus};
use crate::progress::{FocusRef, State, Status};

use super::theme;

/// Which focus the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FocusFilter {
    /// The learner's chosen focus areas (everything when none is chosen).
    #[default]
    Mine,
    Everything,
    Area(FocusRef),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub text: String,
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    pub focus: FocusFilter,
}

/// A filter set up for one curriculum: its chosen focus ids and the lower-cased query.
pub struct Matcher<'a> {
    query: String,
    filters: &'a Filters,
}

impl<'a> Matcher<'a> {
    pub fn new(filters: &'a Filters) -> Self {
        Self {
            query: filters.text.trim().to_lowercase(),
            filters,
        }
    }

    /// The focus ids of `curriculum` that filter it; `None` shows all of it.
    pub fn focus_of(&self, curriculum: &Curriculum, state: &State) -> Option<Vec<String>> {
        match &self.filters.focus {
            FocusFilter::Everything => None,
            FocusFilter::Area(f) => Some(if f.curriculum == curriculum.id {
                vec![f.focus.clone()]
            } else {
                // An area of another curriculum hides this one entirely.
                Vec::new()
            }),
            FocusFilter::Mine => chosen_focus(curriculum, state),
        }
    }

    pub fn matches(&self, m: &Milestone, status: Status, focus: Option<&[String]>) -> bool {
        if self.filters.kind.is_some_and(|k| k != m.kind) {
            return false;
        }
        if self.filters.status.is_some_and(|s| s != status) {
            return false;
        }
        if !in_focus(m, focus) {
            return false;
        }
        self.query.is_empty()
            || m.title.to_lowercase().contains(&self.query)
            || m.id.contains(&self.query)
            || m.summary.to_lowercase().contains(&self.query)
    }
}

/// The search box and the filter pickers. Returns true when any filter changed.
pub fn filter_bar_ui(
    ui: &mut Ui,
    filters: &mut Filters,
    focus_search: &mut bool,
    areas: &[(FocusRef, String)],
) -> bool {
    let before = filters.clone();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search milestones");
        let search = ui.add(
            egui::TextEdit::singleline(&mut filters.text)
                .hint_text("Title, id or summary")
                .desired_width(220.0),
        );
        let search = search.labelled_by(label.id);
        // Esc clears a search and keeps the box; Esc in an empty box leaves it.
        let escaped = (search.has_focus() || search.lost_focus())
            && ui.input(|i| i.key_pressed(egui::Key::Escape));
        if escaped && !filters.text.is_empty() {
            filters.text.clear();
            search.request_focus();
        }
        if std::mem::take(focus_search) {
            search.request_focus();
        }
        ui.add_space(8.0);
        let label = ui.label("Kind");
        egui::ComboBox::from_id_salt("kind_filter")
            .selected_text(filters.kind.map_or("Any", Kind::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filters.kind, None, "Any");
                for kind in Kind::ALL {
                    ui.selectable_value(&mut filters.kind, Some(kind), kind.label());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Status");
        egui::ComboBox::from_id_salt("status_filter")
            .selected_text(filters.status.map_or("Any", theme::status_words))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filters.status, None, "Any");
                for status in Status::ALL {
                    ui.selectable_value(
                        &mut filters.status,
                        Some(status),
                        theme::status_words(status),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Focus");
        let focus_text = match &filters.focus {
            FocusFilter::Mine => "My focus".to_owned(),
            FocusFilter::Everything => "Everything".to_owned(),
            FocusFilter::Area(f) => areas
                .iter()
                .find(|(r, _)| r == f)
                .map_or_else(|| f.focus.clone(), |(_, t)| t.clone()),
        };
        egui::ComboBox::from_id_salt("focus_filter")
            .selected_text(focus_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filters.focus, FocusFilter::Mine, "My focus");
                ui.selectable_value(&mut filters.focus, FocusFilter::Everything, "Everything");
                for (r, title) in areas {
                    ui.selectable_value(&mut filters.focus, FocusFilter::Area(r.clone()), title);
                }
            })
            .response
            .labelled_by(label.id);
        let mut everything = filters.focus == FocusFilter::Everything;
        if ui.checkbox(&mut everything, "Show everything").changed() {
            filters.focus = if everything {
                FocusFilter::Everything
            } else {
                FocusFilter::Mine
            };
        }
        if *filters != Filters::default() && ui.button("Clear filters").clicked() {
            *filters = Filters::default();
        }
    });
    *filters != before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn milestone(id: &str, title: &str, kind: Kind, focus: &[&str]) -> Milestone {
        Milestone {
            id: id.into(),
            title: title.into(),
            kind,
            effort_hours: None,
            effort_hours_high: None,
            focus: focus.iter().map(|f| (*f).to_owned()).collect(),
            requires: Vec::new(),
            summary: "Learn it by building it.".into(),
            mentor_tip: String::new(),
            resources: Vec::new(),
            renamed_from: Vec::new(),
            split_from: Vec::new(),
        }
    }

    #[test]
    fn filters_combine_text_kind_status_and_focus() {
        let project = milestone("chatbot", "Ship a Chatbot", Kind::Project, &["chat"]);
        let skill = milestone("python", "Python", Kind::Skill, &[]);
        let mut filters = Filters {
            text: "chat".into(),
            ..Filters::default()
        };
        assert!(Matcher::new(&filters).matches(&project, Status::Todo, None));
        assert!(!Matcher::new(&filters).matches(&skill, Status::Todo, None));
        filters.text = "BUILDING".into();
        assert!(
            Matcher::new(&filters).matches(&skill, Status::Todo, None),
            "the summary counts, case aside"
        );
        filters.text.clear();
        filters.kind = Some(Kind::Project);
        assert!(!Matcher::new(&filters).matches(&skill, Status::Todo, None));
        filters.kind = None;
        filters.status = Some(Status::Done);
        assert!(!Matcher::new(&filters).matches(&skill, Status::Todo, None));
        assert!(Matcher::new(&filters).matches(&skill, Status::Done, None));
        filters.status = None;
        let recsys = vec!["recsys".to_owned()];
        assert!(!Matcher::new(&filters).matches(&project, Status::Todo, Some(&recsys)));
        assert!(
            Matcher::new(&filters).matches(&skill, Status::Todo, Some(&recsys)),
            "a milestone with no focus belongs to every focus"
        );
    }
}
