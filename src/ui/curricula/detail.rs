//! The detail pane of the selected milestone: what it asks, its status, and the learner's
//! notes, evidence, hours and estimate.

use egui::{Key, RichText, Ui};

use super::{Browser, milestone};
use crate::curriculum::is_openable_url as is_web_url;
use crate::plan::{self, Availability};
use crate::progress::{MilestoneRef, Status};
use crate::ui::command::Command;
use crate::ui::theme;
use crate::workspace::Workspace;

pub(super) fn detail_ui(
    ui: &mut Ui,
    workspace: &Workspace,
    browser: &mut Browser,
    commands: &mut Vec<Command>,
) {
    let Some(r) = browser.selected.clone() else {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.label(RichText::new("Pick a milestone").strong());
            theme::caption(
                ui,
                "Its summary, its tip, resources and your notes show here.",
            );
        });
        return;
    };
    let Some((c, m)) = milestone(workspace, &r) else {
        ui.label(format!("“{r}” is no longer in your curricula."));
        return;
    };
    let state = &workspace.state();
    let status = state.status(&r);
    let progress = state.milestone(&r).cloned().unwrap_or_default();
    let availability = plan::availability(&c.id, m, state);
    let waiting: Vec<String> = if availability == Availability::Locked {
        m.requires
            .iter()
            .map(|id| MilestoneRef::new(&c.id, id.as_str()))
            .filter(|q| !state.status(q).is_finished())
            .filter_map(|q| milestone(workspace, &q).map(|(_, m)| m.title.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let read_only = workspace.is_read_only();
    // Another milestone opens the pane at its top, not where the last one was scrolled to.
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("detail")
        .auto_shrink([false, false]);
    if browser.detail_for.as_ref() != Some(&r) {
        browser.detail_for = Some(r.clone());
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(m.title.as_str()).heading()).wrap());
        ui.add(
            egui::Label::new(
                RichText::new(c.title.as_str())
                    .small()
                    .color(theme::muted(ui)),
            )
            .wrap(),
        )
        .on_hover_text(format!("Milestone id: {r}"));
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(m.kind.label()).strong());
            ui.label("·");
            let own = progress.own_estimate_hours;
            let hours = ui.label(plan::estimate_words(own, m.effort_hours));
            if own.is_some() {
                hours.on_hover_text(match m.effort_hours {
                    Some(h) => format!(
                        "Your estimate. The curriculum says {} h.",
                        plan::hours_words(h)
                    ),
                    None => "Your estimate. The curriculum gives none.".to_owned(),
                });
            }
            if !status.is_finished() {
                ui.label("·");
                theme::availability_ui(ui, availability);
            }
        });
        if !waiting.is_empty() {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("Waiting for: {}", waiting.join(", ")))
                        .small()
                        .color(theme::muted(ui)),
                )
                .wrap(),
            );
        }
        ui.add_space(8.0);
        // The status, once: the four choices with the current one selected.
        ui.add_enabled_ui(!read_only, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("Status");
                for s in Status::ALL {
                    let text = if status == s {
                        theme::status_text(ui, s).strong()
                    } else {
                        RichText::new(theme::status_words(s))
                    };
                    if ui.selectable_label(status == s, text).clicked() && status != s {
                        commands.push(Command::SetStatus {
                            milestone: r.clone(),
                            status: s,
                        });
                    }
                }
            });
        });
        ui.add_space(10.0);
        if !m.summary.is_empty() {
            ui.add(egui::Label::new(m.summary.as_str()).wrap());
            ui.add_space(8.0);
        }
        if !m.mentor_tip.is_empty() {
            theme::banner_frame(ui, theme::Severity::Info).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new("Tip").strong());
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
                    ui.add(
                        egui::Label::new(format!("{} (not a web link: {})", res.title, res.url))
                            .wrap(),
                    );
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
            if !progress.other_notes.is_empty() {
                ui.add_space(4.0);
                other_notes_ui(ui, &r, &progress.other_notes, commands);
            }
            mentor_words_ui(ui, state, &r);
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
                    if theme::named_small_button(ui, "Remove", &format!("Remove {link}")).clicked()
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
                let width = (ui.available_width() - 90.0).clamp(120.0, 420.0);
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut browser.evidence_draft)
                            .hint_text("https://github.com/you/project")
                            .desired_width(width),
                    )
                    .labelled_by(label.id);
                let submitted = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (ui.button("Add link").clicked() || submitted)
                    && !browser.evidence_draft.trim().is_empty()
                {
                    commands.push(Command::AddEvidence {
                        milestone: r.clone(),
                        link: std::mem::take(&mut browser.evidence_draft),
                    });
                }
            });
            ui.add_space(8.0);
            theme::card_title(ui, "Hours");
            ui.label(format!("{} h logged", round1(progress.hours_logged)));
            timer_ui(ui, workspace, &r, commands);
            ui.horizontal(|ui| {
                let label = ui.label("Hours to log");
                ui.add(
                    egui::DragValue::new(&mut browser.hours_draft)
                        .range(0.0..=100.0)
                        .speed(0.25)
                        .suffix(" h"),
                )
                .labelled_by(label.id);
                if ui.button("Log hours").clicked() && browser.hours_draft > 0.0 {
                    commands.push(Command::LogHours {
                        milestone: r.clone(),
                        hours: std::mem::take(&mut browser.hours_draft),
                    });
                }
            });
            ui.add_space(8.0);
            estimate_ui(ui, &r, m, progress.own_estimate_hours, commands);
        });
    });
}

/// What mentors said of this milestone: their sign-offs and comments, with the notes.
fn mentor_words_ui(ui: &mut Ui, state: &crate::progress::State, r: &MilestoneRef) {
    for sign_off in state.sign_offs_of(r) {
        let words = state.sign_off_words(sign_off);
        let color = if state.signs_current_work(sign_off) {
            theme::accent_of(ui)
        } else {
            theme::muted(ui)
        };
        ui.add(egui::Label::new(RichText::new(words).strong().color(color)).wrap());
    }
    for c in state.comments_of(r) {
        ui.add(
            egui::Label::new(format!(
                "{}, {}: {}",
                c.mentor,
                c.date.format("%-d %b %Y"),
                c.text
            ))
            .wrap(),
        );
    }
}

/// The study timer on this milestone: Start, or what runs and Stop.
fn timer_ui(ui: &mut Ui, workspace: &Workspace, r: &MilestoneRef, commands: &mut Vec<Command>) {
    let running = workspace.state().timer_on(r, &workspace.device().id);
    ui.add_enabled_ui(!workspace.is_read_only(), |ui| {
        ui.horizontal_wrapped(|ui| match running {
            Some(run) => {
                ui.label(format!(
                    "Timer running since {}",
                    run.started.with_timezone(&chrono::Local).format("%H:%M")
                ));
                if ui.button("Stop timer").clicked() {
                    commands.push(Command::StopTimer {
                        run: run.clone(),
                        hours: None,
                    });
                }
            }
            None => {
                if ui
                    .button("Start timer")
                    .on_hover_text("Time this session; Stop logs it here")
                    .clicked()
                {
                    commands.push(Command::StartTimer(r.clone()));
                }
            }
        });
    });
}

/// Notes written on two machines at once (contract §5): the newer edit is the notes, the other
/// is shown here until the learner adds it to them or drops it; both undo.
fn other_notes_ui(ui: &mut Ui, r: &MilestoneRef, others: &[String], commands: &mut Vec<Command>) {
    theme::banner_frame(ui, theme::Severity::Warning).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Another version of these notes").strong());
        theme::caption(
            ui,
            "These notes were edited on two machines before either saw the other's. The newer \
             edit is above; the other is here, kept until you choose.",
        );
        for text in others {
            ui.add_space(4.0);
            ui.add(egui::Label::new(text.as_str()).wrap());
        }
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Add it to the notes")
                .on_hover_text("Adds this text below the notes above")
                .clicked()
            {
                commands.push(Command::ResolveNotes {
                    milestone: r.clone(),
                    keep: true,
                });
            }
            if ui
                .button("Drop it")
                .on_hover_text("Keeps only the notes above (Undo brings this text back)")
                .clicked()
            {
                commands.push(Command::ResolveNotes {
                    milestone: r.clone(),
                    keep: false,
                });
            }
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
    // Whether the learner set one is said in words: the field shows the curriculum's
    // number until they do.
    let yours = match own {
        Some(h) => format!("You set {} h; the plan uses it.", plan::hours_words(h)),
        None if m.effort_hours.is_some() => {
            "You have not set one: the plan uses the curriculum's.".to_owned()
        }
        None => "You have not set one: the plan uses the curriculum's median.".to_owned(),
    };
    theme::caption(ui, format!("{curriculum} {yours}"));
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

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
