//! The "Reviews and changes" card: skills due for review and milestones changed since finished.

use egui::{RichText, Ui};

use super::{row_ui, title_of};
use crate::plan::{Plan, day_words};
use crate::progress::Status;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::workspace::Workspace;

/// A review's two answers, as they are read: whether the learner can still do it.
pub(super) const REVIEW_ANSWERS: [(&str, bool); 2] = [("Still can", true), ("Not yet", false)];

/// What a screen reader says for a review's answer, named for the skill it answers.
pub(super) fn answer_name(label: &str, title: &str) -> String {
    if label == REVIEW_ANSWERS[0].0 {
        format!("I can still do “{title}”")
    } else {
        format!("I could not do “{title}” again")
    }
}

/// What a review checks: the milestone's "Done when", under its row.
pub(super) fn check_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    milestone: &crate::progress::MilestoneRef,
) {
    let done_when = workspace
        .place(milestone)
        .and_then(|p| workspace.milestone_at(p))
        .map(|m| crate::curriculum::markdown::one_line(&m.summary))
        .unwrap_or_default();
    if !done_when.is_empty() {
        // Under the row's title, where the eye already is.
        let indent = theme::status_width(ui, workspace.state().status(milestone));
        ui.horizontal_wrapped(|ui| {
            ui.add_space(indent);
            ui.spacing_mut().item_spacing.x = 0.0;
            theme::caption(ui, format!("The check: {done_when}"));
        });
    }
}

/// What settles a milestone that changed since it was finished.
const CHANGED_ANSWERS: [(&str, bool); 2] = [("Keep finished", false), ("Reopen", true)];

fn changed_name(label: &str, title: &str) -> String {
    if label == CHANGED_ANSWERS[0].0 {
        format!("Keep “{title}” finished")
    } else {
        format!("Reopen “{title}” to do it again")
    }
}

/// What is due for review today and what changed since the learner finished it, each one
/// click from its detail. Shown only when there is something.
pub(super) fn reviews_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    plan: &Plan,
    commands: &mut Vec<Command>,
) {
    let reviews = &plan.reviews;
    // What This week lists already is answered there: this card holds the rest, so that no
    // review shows twice.
    let in_week: std::collections::HashSet<&crate::progress::MilestoneRef> = plan
        .week
        .items
        .iter()
        .filter(|i| i.kind != crate::plan::WeekKind::Work)
        .map(|i| &i.milestone)
        .collect();
    let due: Vec<_> = reviews
        .due
        .iter()
        .filter(|d| !in_week.contains(&d.milestone))
        .collect();
    let due_count = reviews
        .due_count
        .saturating_sub(reviews.due.len() - due.len());
    if due.is_empty() && reviews.changed.is_empty() {
        return;
    }
    let read_only = workspace.is_read_only();
    theme::card_frame(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        theme::card_title(ui, "Reviews and changes");
        if !due.is_empty() {
            let more = if in_week.is_empty() { "" } else { " more" };
            ui.label(match due_count {
                1 => format!("1{more} finished skill is due for review: can you still do it?"),
                n => {
                    format!("{n}{more} finished skills are due for review: can you still do them?")
                }
            });
        }
        for due in due.iter().take(5) {
            let title = title_of(workspace, &due.milestone);
            let caption = if due.lapsed {
                "after a refresher: the last review failed".to_owned()
            } else {
                format!("due {}", day_words(due.due))
            };
            let (opened, passed) = row_ui(
                ui,
                Status::Done,
                &title,
                &caption,
                &REVIEW_ANSWERS,
                !read_only,
                &|label| Some(answer_name(label, &title)),
            );
            if let Some(passed) = passed {
                commands.push(Command::Review {
                    milestone: due.milestone.clone(),
                    passed,
                });
            }
            if opened {
                commands.push(Command::Select(due.milestone.clone()));
            }
            check_ui(ui, workspace, &due.milestone);
        }
        for r in &reviews.changed {
            let Some(changed) = workspace
                .state()
                .milestone(r)
                .and_then(|p| p.changed.as_ref())
            else {
                continue;
            };
            ui.add_space(4.0);
            let title = title_of(workspace, r);
            let status = workspace.state().status(r);
            let caption = format!(
                "changed since you finished it (revision {} to {})",
                changed.from_revision, changed.to_revision
            );
            let (opened, reopen) = row_ui(
                ui,
                status,
                &title,
                &caption,
                &CHANGED_ANSWERS,
                !read_only,
                &|label| Some(changed_name(label, &title)),
            );
            if let Some(reopen) = reopen {
                commands.push(Command::ResolveChanged {
                    milestone: r.clone(),
                    reopen,
                });
            }
            if opened {
                commands.push(Command::Select(r.clone()));
            }
            egui::CollapsingHeader::new(format!("What changed in “{title}”"))
                .id_salt(("changed", r))
                .show(ui, |ui| changed_ui(ui, changed));
        }
    });
    ui.add_space(theme::CARD_GAP);
}

/// What an update changed, the text the learner finished beside the text now.
fn changed_ui(ui: &mut Ui, changed: &crate::progress::Changed) {
    egui::Grid::new("changed-grid")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("When you finished").strong());
            ui.label(RichText::new("Now").strong());
            ui.end_row();
            for (part, before, after) in changed.parts() {
                ui.label(part.words());
                ui.add(egui::Label::new(before).wrap());
                ui.add(egui::Label::new(after).wrap());
                ui.end_row();
            }
        });
}
