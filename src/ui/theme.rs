//! Colours, spacing and words for statuses and outlooks, in one place so every screen agrees.

use egui::{Color32, CornerRadius, FontId, Margin, RichText, Stroke, TextStyle, Ui};
use serde::{Deserialize, Serialize};

use crate::plan::{Availability, Outlook};
use crate::progress::Status;

/// The learner's choice of light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    FollowSystem,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [Self; 3] = [Self::FollowSystem, Self::Light, Self::Dark];

    pub fn label(self) -> &'static str {
        match self {
            Self::FollowSystem => "Follow system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            Self::FollowSystem => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Sets the theme and Waymark's spacing and type on both the light and the dark style.
pub fn apply(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_theme(choice.preference());
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = 24.0;
        style
            .text_styles
            .insert(TextStyle::Heading, FontId::proportional(22.0));
        style
            .text_styles
            .insert(TextStyle::Body, FontId::proportional(14.0));
        style
            .text_styles
            .insert(TextStyle::Button, FontId::proportional(14.0));
        style
            .text_styles
            .insert(TextStyle::Small, FontId::proportional(11.5));
        style.visuals.selection.bg_fill = if style.visuals.dark_mode {
            Color32::from_rgb(0x2f, 0x5d, 0x8a)
        } else {
            Color32::from_rgb(0xc7, 0xdd, 0xf5)
        };
        style.visuals.selection.stroke = Stroke::new(1.0, accent(style.visuals.dark_mode));
        if !style.visuals.dark_mode {
            // Text fields and buttons are white or near-white on a near-white card: a border
            // shows where they are.
            style.visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(0xc4));
        }
        style.visuals.hyperlink_color = accent(style.visuals.dark_mode);
    });
}

pub const PAGE_MARGIN: f32 = 16.0;
pub const CARD_GAP: f32 = 12.0;

/// The one accent colour: links, progress, the plot.
pub fn accent(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x6c, 0xb4, 0xff)
    } else {
        Color32::from_rgb(0x1f, 0x6f, 0xc5)
    }
}

fn good(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x6e, 0xd0, 0x8a)
    } else {
        Color32::from_rgb(0x1e, 0x7d, 0x3a)
    }
}

fn warn(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xf2, 0xb6, 0x4c)
    } else {
        Color32::from_rgb(0xa3, 0x5c, 0x00)
    }
}

fn bad(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0x7b, 0x72)
    } else {
        Color32::from_rgb(0xb3, 0x26, 0x1e)
    }
}

pub fn muted(ui: &Ui) -> Color32 {
    ui.visuals().weak_text_color()
}

pub fn accent_of(ui: &Ui) -> Color32 {
    accent(ui.visuals().dark_mode)
}

/// The words for a status ([`Status::words`]); always shown next to its colour, never instead
/// of it.
pub fn status_words(status: Status) -> &'static str {
    status.words()
}

pub fn status_color(ui: &Ui, status: Status) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match status {
        Status::Todo => ui.visuals().text_color(),
        Status::Doing => accent(dark),
        Status::Done => good(dark),
        Status::Skipped => muted(ui),
    }
}

/// Small shapes painted next to words. Painted, not font glyphs: the bundled font has none of
/// these, and the words beside them carry the meaning anyway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Status(Status),
    Locked,
    Warning,
    Check,
}

const ICON_SIZE: f32 = 14.0;

pub fn icon_ui(ui: &mut Ui, icon: Icon, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ICON_SIZE, ICON_SIZE), egui::Sense::hover());
    let knockout = ui.visuals().extreme_bg_color;
    paint_icon(ui.painter(), rect, icon, color, knockout);
}

/// Paints `icon` in `rect`; `knockout` draws marks cut out of a filled shape.
pub fn paint_icon(
    painter: &egui::Painter,
    rect: egui::Rect,
    icon: Icon,
    color: Color32,
    knockout: Color32,
) {
    let c = rect.center();
    let r = rect.width().min(rect.height()) * 0.5 - 1.0;
    let stroke = Stroke::new(1.5, color);
    let check = |color: Color32| {
        painter.line(
            vec![
                c + egui::vec2(-r * 0.5, 0.0),
                c + egui::vec2(-r * 0.1, r * 0.4),
                c + egui::vec2(r * 0.55, -r * 0.45),
            ],
            Stroke::new(1.8, color),
        );
    };
    match icon {
        Icon::Status(Status::Todo) => {
            painter.circle_stroke(c, r, stroke);
        }
        Icon::Status(Status::Doing) => {
            painter.circle_stroke(c, r, stroke);
            // The left half filled: started, not finished.
            let half: Vec<egui::Pos2> = (0..=16)
                .map(|i| {
                    let a = std::f32::consts::FRAC_PI_2 + std::f32::consts::PI * i as f32 / 16.0;
                    c + egui::vec2(a.cos(), -a.sin()) * r
                })
                .collect();
            painter.add(egui::Shape::convex_polygon(half, color, Stroke::NONE));
        }
        Icon::Status(Status::Done) => {
            painter.circle_filled(c, r, color);
            check(knockout);
        }
        Icon::Status(Status::Skipped) => {
            painter.circle_stroke(c, r, stroke);
            painter.line_segment(
                [c + egui::vec2(-r, r) * 0.7, c + egui::vec2(r, -r) * 0.7],
                stroke,
            );
        }
        Icon::Check => check(color),
        Icon::Locked => {
            let body = egui::Rect::from_min_max(
                egui::pos2(c.x - r * 0.8, c.y - r * 0.1),
                egui::pos2(c.x + r * 0.8, c.y + r),
            );
            painter.circle_stroke(egui::pos2(c.x, c.y - r * 0.2), r * 0.5, stroke);
            painter.rect_filled(body, 2.0, color);
        }
        Icon::Warning => {
            let points = vec![
                egui::pos2(c.x, c.y - r),
                egui::pos2(c.x + r, c.y + r * 0.8),
                egui::pos2(c.x - r, c.y + r * 0.8),
            ];
            painter.add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
            painter.line_segment(
                [
                    egui::pos2(c.x, c.y - r * 0.35),
                    egui::pos2(c.x, c.y + r * 0.25),
                ],
                Stroke::new(1.6, knockout),
            );
            painter.circle_filled(egui::pos2(c.x, c.y + r * 0.55), 0.9, knockout);
        }
    }
}

/// The words of a status, in its colour.
pub fn status_text(ui: &Ui, status: Status) -> RichText {
    RichText::new(status_words(status)).color(status_color(ui, status))
}

/// A status as icon and words.
pub fn status_ui(ui: &mut Ui, status: Status) {
    let color = status_color(ui, status);
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        icon_ui(ui, Icon::Status(status), color);
        ui.label(status_text(ui, status));
    });
}

/// The width [`status_ui`] takes, with the gap after it: where a row's title starts, for a
/// line under the row to start there too.
pub fn status_width(ui: &Ui, status: Status) -> f32 {
    let galley = egui::WidgetText::from(status_words(status)).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        TextStyle::Body,
    );
    ICON_SIZE + 4.0 + galley.size().x + ui.spacing().item_spacing.x
}

/// Whether a milestone can be started, as icon and words.
pub fn availability_ui(ui: &mut Ui, availability: Availability) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        match availability {
            Availability::Locked => {
                icon_ui(ui, Icon::Locked, muted(ui));
                ui.label(RichText::new("Locked").color(muted(ui)));
            }
            Availability::Available => {
                ui.label(RichText::new("Available").color(good(dark)));
            }
            Availability::Done | Availability::Skipped => {
                ui.label(RichText::new("Finished").color(muted(ui)));
            }
        }
    });
}

/// An icon standing for a word where a row has no room for the word: the word is what a
/// screen reader says and what the pointer shows, with its meaning.
pub fn named_icon_ui(ui: &mut Ui, icon: Icon, color: Color32, word: &str, meaning: &str) {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ICON_SIZE, ICON_SIZE), egui::Sense::hover());
    let knockout = ui.visuals().extreme_bg_color;
    paint_icon(ui.painter(), rect, icon, color, knockout);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, word));
    response.on_hover_text(format!("{word}: {meaning}"));
}

/// [`availability_ui`] and [`flag_ui`] in a narrow row: a lock for Locked, a warning sign for
/// a flag, nothing for Available (a row without a lock is one the learner can start).
pub fn compact_flag_ui(ui: &mut Ui, flag: Option<(&str, &str)>, availability: Availability) {
    let dark = ui.visuals().dark_mode;
    match (flag, availability) {
        (Some((word, meaning)), _) => named_icon_ui(ui, Icon::Warning, warn(dark), word, meaning),
        (None, Availability::Locked) => named_icon_ui(
            ui,
            Icon::Locked,
            muted(ui),
            "Locked",
            "it needs another milestone first",
        ),
        _ => {}
    }
}

/// A finished milestone that asks for the learner's attention (due for review, or changed
/// since they finished it): an icon and a word, with what it means on hover.
pub fn flag_ui(ui: &mut Ui, word: &str, meaning: &str) {
    let color = warn(ui.visuals().dark_mode);
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        icon_ui(ui, Icon::Warning, color);
        ui.label(RichText::new(word).color(color))
            .on_hover_text(meaning);
    });
}

pub fn outlook_color(ui: &Ui, outlook: Outlook) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match outlook {
        Outlook::Reached | Outlook::OnTrack => good(dark),
        Outlook::AtRisk => bad(dark),
        Outlook::NoCapacity => warn(dark),
    }
}

/// An outlook as icon and words, in its colour.
pub fn outlook_ui(ui: &mut Ui, outlook: Outlook) {
    let color = outlook_color(ui, outlook);
    let text = RichText::new(outlook.label()).color(color).strong();
    // The icon and its word go together: in a wrapping row (after a long goal title) they
    // move to the next line as one rather than run past the row's end.
    let needed = ICON_SIZE
        + 4.0
        + egui::WidgetText::from(text.clone())
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                TextStyle::Body,
            )
            .size()
            .x;
    // (In a wrapping row `available_width` is the whole row's; what is left is up to the cursor.)
    let left = ui.max_rect().right() - ui.cursor().left();
    if ui.layout().main_wrap() && left < needed {
        ui.end_row();
    }
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let icon = match outlook {
            Outlook::Reached | Outlook::OnTrack => Icon::Check,
            Outlook::AtRisk | Outlook::NoCapacity => Icon::Warning,
        };
        icon_ui(ui, icon, color);
        ui.label(text);
    });
}

/// A banner's look by how serious it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

pub fn banner_frame(ui: &Ui, severity: Severity) -> egui::Frame {
    let dark = ui.visuals().dark_mode;
    let base = match severity {
        Severity::Info => accent(dark),
        Severity::Warning => warn(dark),
        Severity::Error => bad(dark),
    };
    egui::Frame::new()
        .fill(base.gamma_multiply(0.15))
        .stroke(Stroke::new(1.0, base))
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::symmetric(12, 8))
}

/// A card: the box every dashboard block and the detail pane sit in.
pub fn card_frame(ui: &Ui) -> egui::Frame {
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::same(14))
}

/// A small heading inside a card.
pub fn card_title(ui: &mut Ui, text: &str) -> egui::Response {
    let response = ui.label(RichText::new(text).size(16.0).strong());
    ui.add_space(4.0);
    response
}

/// Secondary text: hints and captions.
pub fn caption(ui: &mut Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).color(muted(ui)).small());
}

/// A small button whose accessible name says what it acts on ("Move “Goal” a week later"),
/// where the visible text alone ("+1 week") would repeat down a list.
pub fn named_small_button(ui: &mut Ui, text: &str, name: &str) -> egui::Response {
    let response = ui.small_button(text).on_hover_text(name);
    let enabled = response.enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    response
}

/// The one button on a screen that moves the learner forward, in the accent colour.
pub fn primary_button(ui: &mut Ui, text: &str) -> egui::Response {
    let dark = ui.visuals().dark_mode;
    let text_color = if dark {
        Color32::from_rgb(0x0b, 0x1a, 0x2b)
    } else {
        Color32::WHITE
    };
    ui.add(egui::Button::new(RichText::new(text).color(text_color).strong()).fill(accent(dark)))
}

/// The empty part of a progress bar: visible on a card in both themes (egui's default, the
/// text field colour, is white on a near-white card in the light theme).
pub fn track_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(0x0a)
    } else {
        Color32::from_gray(0xd4)
    }
}

/// A slim progress bar in the accent colour; the words go beside it, not on it. `name` is
/// what a screen reader hears for it.
pub fn progress_bar(ui: &mut Ui, fraction: f32, name: &str) {
    let dark = ui.visuals().dark_mode;
    ui.scope(|ui| {
        ui.visuals_mut().extreme_bg_color = track_color(dark);
        let response = ui.add(
            egui::ProgressBar::new(fraction)
                .fill(accent(dark))
                .desired_height(8.0)
                .corner_radius(CornerRadius::same(4)),
        );
        let name = format!("{name}: {:.0} %", fraction * 100.0);
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, &name));
    });
}

/// A message next to what caused it: the outcome of an import, an export or a save.
pub fn note_ui(ui: &mut Ui, severity: Severity, text: &str) {
    banner_frame(ui, severity).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.add(egui::Label::new(text).wrap().selectable(true));
    });
}

/// Room for the weekly hours slider to be set by dragging: about a pixel per step of half an
/// hour, whatever the window's width.
pub fn hours_slider_width(ui: &mut Ui) {
    let room = ui.available_width() - 80.0;
    ui.spacing_mut().slider_width = room.clamp(160.0, 360.0);
}

/// The hours-a-week slider, labelled by `label`: 0 to 60 h by the half hour, wide enough to
/// be set by dragging. The usual hours and a period's hours are set with the same one.
pub fn hours_slider(ui: &mut Ui, hours: &mut f64, label: egui::Id) -> egui::Response {
    hours_slider_width(ui);
    ui.add(
        egui::Slider::new(hours, 0.0..=60.0)
            .step_by(0.5)
            .suffix(" h"),
    )
    .labelled_by(label)
}

/// The width `ui.button(text)` takes.
pub fn button_width(ui: &Ui, text: &str) -> f32 {
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        TextStyle::Button,
    );
    galley.size().x + 2.0 * ui.spacing().button_padding.x
}

/// Whether a page this wide should lay its cards out in one column.
pub fn is_narrow(ui: &Ui) -> bool {
    ui.available_width() < NARROW_WIDTH
}

/// Below this width a page stacks its cards in one column.
pub const NARROW_WIDTH: f32 = 820.0;

/// One of `ui.columns`' columns, laid out top-down as a page is: egui's columns stretch every
/// widget to the column's width, and a lone button became a bar across it.
pub fn column(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), add);
}

/// Whether a page this wide should use two columns for cards that are usually one.
pub fn is_wide(ui: &Ui) -> bool {
    ui.available_width() >= WIDE_WIDTH
}

/// From this width the mentor, import and settings pages use two columns.
pub const WIDE_WIDTH: f32 = 1100.0;

#[cfg(test)]
mod tests {
    use super::*;

    /// How far apart two greys are, in the 0–255 scale of their brightest channel.
    fn distance(a: Color32, b: Color32) -> i32 {
        (i32::from(a.r()) - i32::from(b.r()))
            .abs()
            .max((i32::from(a.g()) - i32::from(b.g())).abs())
            .max((i32::from(a.b()) - i32::from(b.b())).abs())
    }

    #[test]
    fn the_empty_part_of_a_progress_bar_stands_out_from_its_card_in_both_themes() {
        for (dark, visuals) in [
            (false, egui::Visuals::light()),
            (true, egui::Visuals::dark()),
        ] {
            // A card is the panel with a faint overlay on it.
            let card = visuals.panel_fill;
            assert!(
                distance(track_color(dark), card) >= 16,
                "dark: {dark}, track {:?} on card {card:?}",
                track_color(dark)
            );
        }
    }
}
