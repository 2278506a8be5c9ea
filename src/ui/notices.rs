//! What the window tells the learner: banners for what stays true until dealt with (a
//! read-only window, a save that failed), and toasts at the foot of the window for what just
//! happened ("Dropped the goal — Undo"), where they are seen however far a page is scrolled.
//! Toasts take their own strip at the foot, which the page gives up while they show, so they
//! never cover a control; each belongs to the screen it was said on and shows only there.

use egui::Ui;

use super::command::{Command, Screen};
use super::theme::{self, Severity};
use super::ui_command::UiCommand;

/// Something the learner must be told, shown above every screen until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub severity: Severity,
    pub text: String,
    pub dismissable: bool,
}

/// A short message about what just happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub severity: Severity,
    pub text: String,
    /// Offers Undo: the change it reports can be taken back.
    pub undo: bool,
    /// Input time after which it goes; errors stay until dismissed.
    until: Option<f64>,
    /// The screen it was said on, where alone it shows; `None` for every screen.
    pub screen: Option<Screen>,
}

/// How long a toast stays, in seconds: long enough to read and reach its Undo.
const TOAST_SECS: f64 = 10.0;
/// At most this many toasts at once; the oldest go first.
const MAX_TOASTS: usize = 3;

#[derive(Debug, Default)]
pub struct Toasts {
    next_id: u64,
    shown: Vec<Toast>,
}

impl Toasts {
    pub fn push(
        &mut self,
        now: f64,
        screen: Option<Screen>,
        severity: Severity,
        text: impl Into<String>,
        undo: bool,
    ) {
        self.next_id += 1;
        // Only the newest change can be undone by its toast.
        self.shown.iter_mut().for_each(|t| t.undo = false);
        self.shown.push(Toast {
            id: self.next_id,
            severity,
            text: text.into(),
            undo,
            until: (severity != Severity::Error).then_some(now + TOAST_SECS),
            screen,
        });
        if self.shown.len() > MAX_TOASTS {
            self.shown.remove(0);
        }
    }

    pub fn dismiss(&mut self, id: u64) {
        self.shown.retain(|t| t.id != id);
    }

    /// An undo or redo makes an offer to undo stale.
    pub fn forget_undo(&mut self) {
        self.shown.retain(|t| !t.undo);
    }

    pub fn shown(&self) -> &[Toast] {
        &self.shown
    }

    /// The toasts that belong on `screen`.
    fn on(&self, screen: Option<Screen>) -> impl Iterator<Item = &Toast> {
        self.shown
            .iter()
            .filter(move |t| t.screen.is_none() || screen.is_none() || t.screen == screen)
    }

    /// Drops the toasts whose time is up and asks for a frame when the next one's is.
    fn expire(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        self.shown
            .retain(|t| t.until.is_none_or(|until| until > now));
        if let Some(next) = self.shown.iter().filter_map(|t| t.until).reduce(f64::min) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64((next - now).max(0.0)));
        }
    }
}

pub fn banners_ui(ui: &mut Ui, banners: &[Banner], commands: &mut Vec<Command>) {
    for (i, banner) in banners.iter().enumerate() {
        theme::banner_frame(ui, banner.severity).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // The text beside the button, not on a line below an empty row.
            ui.horizontal_top(|ui| {
                let button = if banner.dismissable { 90.0 } else { 0.0 };
                let text_width = (ui.available_width() - button).max(120.0);
                ui.allocate_ui(egui::vec2(text_width, 0.0), |ui| {
                    ui.add(egui::Label::new(banner.text.as_str()).wrap());
                });
                if banner.dismissable
                    && ui
                        .with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                            ui.button("Dismiss").clicked()
                        })
                        .inner
                {
                    commands.push(Command::DismissBanner(i));
                }
            });
        });
        ui.add_space(6.0);
    }
}

/// An offer shown at the foot of the window with its own buttons.
pub struct Offer<'a> {
    pub text: &'a str,
    /// The button that accepts it and what it runs.
    pub accept: (&'a str, Command),
    pub decline: Command,
}

/// The toasts of `screen` and an offer, stacked in a strip at the foot of the window: shown
/// before the page, which then lays out above them.
/// Returns the strip's rectangle, when it shows.
pub fn toasts_ui(
    ui: &mut Ui,
    screen: Option<Screen>,
    toasts: &mut Toasts,
    offer: Option<Offer<'_>>,
    commands: &mut Vec<Command>,
) -> Option<egui::Rect> {
    toasts.expire(ui.ctx());
    if toasts.on(screen).next().is_none() && offer.is_none() {
        return None;
    }
    let strip = egui::Panel::bottom("toasts")
        .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::same(8)))
        .show(ui, |ui| {
            let width = (ui.available_width() - 16.0).clamp(200.0, 640.0);
            ui.vertical_centered(|ui| {
                ui.set_max_width(width);
                if let Some(offer) = offer {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_width(width);
                        ui.add(egui::Label::new(offer.text).wrap());
                        ui.horizontal(|ui| {
                            let (label, command) = offer.accept;
                            if theme::primary_button(ui, label).clicked() {
                                commands.push(command);
                            }
                            if ui.button("Not now").clicked() {
                                commands.push(offer.decline);
                            }
                        });
                    });
                    ui.add_space(6.0);
                }
                for toast in toasts.on(screen) {
                    theme::banner_frame(ui, toast.severity)
                        .fill(ui.visuals().window_fill)
                        .show(ui, |ui| {
                            ui.set_width(width);
                            ui.horizontal(|ui| {
                                let buttons = if toast.undo { 150.0 } else { 80.0 };
                                ui.allocate_ui(egui::vec2(width - buttons, 0.0), |ui| {
                                    ui.add(egui::Label::new(toast.text.as_str()).wrap());
                                });
                                // Left to right, so that a screen reader reads Undo, then Close.
                                // Named apart from the top bar's own Undo.
                                let undo = format!(
                                    "{} ({})",
                                    UiCommand::Undo.label(),
                                    UiCommand::Undo.shortcut_text()
                                );
                                if toast.undo
                                    && theme::named_small_button(ui, UiCommand::Undo.label(), &undo)
                                        .on_hover_text(UiCommand::Undo.tooltip())
                                        .clicked()
                                {
                                    commands.push(Command::Undo);
                                }
                                if theme::named_small_button(ui, "Close", "Close the message")
                                    .clicked()
                                {
                                    commands.push(Command::DismissToast(toast.id));
                                }
                            });
                        });
                    ui.add_space(6.0);
                }
            });
        });
    Some(strip.response.rect)
}
