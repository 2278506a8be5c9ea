//! Draws Markdown as the window's own text: headings, paragraphs, nested lists, tables, links,
//! emphasis and code. Enough for the mentor report, which Waymark writes itself.

use egui::text::LayoutJob;
use egui::{RichText, TextFormat, Ui};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// One run of inline text with its style.
#[derive(Clone, Debug, Default)]
struct Span {
    text: String,
    strong: bool,
    italic: bool,
    code: bool,
    link: Option<String>,
}

/// A block as read, ready to draw.
#[derive(Debug)]
enum Block {
    Heading(HeadingLevel, Vec<Span>),
    Paragraph {
        depth: usize,
        bullet: bool,
        spans: Vec<Span>,
    },
    Table(Vec<Vec<Vec<Span>>>),
}

/// Draws `markdown`; returns the web link the learner clicked, if any.
pub fn markdown_ui(ui: &mut Ui, markdown: &str) -> Option<String> {
    let mut clicked = None;
    for block in blocks(markdown) {
        match block {
            Block::Heading(level, spans) => {
                let size = match level {
                    HeadingLevel::H1 => 20.0,
                    HeadingLevel::H2 => 17.0,
                    _ => 15.0,
                };
                ui.add_space(if level == HeadingLevel::H1 { 0.0 } else { 6.0 });
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                ui.add(egui::Label::new(RichText::new(text).size(size).strong()).wrap());
                ui.add_space(2.0);
            }
            Block::Paragraph {
                depth,
                bullet,
                spans,
            } => {
                ui.horizontal_top(|ui| {
                    ui.add_space(depth.saturating_sub(1) as f32 * 18.0);
                    if bullet {
                        ui.label("•");
                    }
                    ui.vertical(|ui| {
                        if let Some(url) = spans_ui(ui, &spans, true) {
                            clicked = Some(url);
                        }
                    });
                });
            }
            Block::Table(rows) => {
                egui::ScrollArea::horizontal()
                    .id_salt(("markdown_table", ui.next_auto_id()))
                    .show(ui, |ui| {
                        egui::Grid::new(ui.next_auto_id())
                            .striped(true)
                            .spacing([12.0, 4.0])
                            .show(ui, |ui| {
                                for (r, row) in rows.iter().enumerate() {
                                    for cell in row {
                                        let mut cell = cell.clone();
                                        if r == 0 {
                                            cell.iter_mut().for_each(|s| s.strong = true);
                                        }
                                        // A cell keeps its words on one line; a wide
                                        // table scrolls sideways instead.
                                        if let Some(url) = spans_ui(ui, &cell, false) {
                                            clicked = Some(url);
                                        }
                                    }
                                    ui.end_row();
                                }
                            });
                    });
                ui.add_space(4.0);
            }
        }
    }
    clicked
}

/// A run of spans as one label (wrapped, or on one line), or as text and links where it holds
/// links.
fn spans_ui(ui: &mut Ui, spans: &[Span], wrap: bool) -> Option<String> {
    let mut clicked = None;
    if spans.iter().all(|s| s.link.is_none()) {
        let mut job = LayoutJob::default();
        for span in spans {
            job.append(&span.text, 0.0, format_of(ui, span));
        }
        let label = if wrap {
            job.wrap.max_width = ui.available_width();
            egui::Label::new(job).wrap()
        } else {
            egui::Label::new(job).extend()
        };
        ui.add(label);
        return None;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for span in spans {
            match &span.link {
                Some(url) => {
                    if ui.link(&span.text).on_hover_text(url).clicked() {
                        clicked = Some(url.clone());
                    }
                }
                None => {
                    let mut text = RichText::new(&span.text);
                    if span.strong {
                        text = text.strong();
                    }
                    if span.italic {
                        text = text.italics();
                    }
                    if span.code {
                        text = text.code();
                    }
                    ui.label(text);
                }
            }
        }
    });
    clicked.filter(|url| crate::curriculum::is_openable_url(url))
}

fn format_of(ui: &Ui, span: &Span) -> TextFormat {
    let style = ui.style();
    let font_id = if span.code {
        egui::TextStyle::Monospace.resolve(style)
    } else {
        egui::TextStyle::Body.resolve(style)
    };
    let color = if span.strong {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().text_color()
    };
    TextFormat {
        font_id,
        color,
        italics: span.italic,
        background: if span.code {
            ui.visuals().code_bg_color
        } else {
            egui::Color32::TRANSPARENT
        },
        ..Default::default()
    }
}

/// The blocks of `markdown`, one pass over pulldown-cmark's events.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut style = Span::default();
    let mut depth = 0usize;
    // Whether the current item's first block has been written (it gets the bullet).
    let mut item_started = Vec::<bool>::new();
    let mut heading = None;
    let mut table: Option<Vec<Vec<Vec<Span>>>> = None;
    let flush =
        |spans: &mut Vec<Span>, out: &mut Vec<Block>, depth: usize, items: &mut Vec<bool>| {
            if spans.iter().all(|s| s.text.trim().is_empty()) {
                spans.clear();
                return;
            }
            let bullet = items.last().is_some_and(|started| !started);
            if let Some(started) = items.last_mut() {
                *started = true;
            }
            out.push(Block::Paragraph {
                depth,
                bullet,
                spans: std::mem::take(spans),
            });
        };
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                out.push(Block::Heading(
                    heading.take().unwrap_or(HeadingLevel::H3),
                    std::mem::take(&mut spans),
                ));
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut spans, &mut out, depth, &mut item_started);
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) => item_started.push(false),
            Event::End(TagEnd::Item) => {
                flush(&mut spans, &mut out, depth, &mut item_started);
                item_started.pop();
            }
            Event::End(TagEnd::Paragraph) => flush(&mut spans, &mut out, depth, &mut item_started),
            Event::Start(Tag::Table(_)) => table = Some(Vec::new()),
            Event::End(TagEnd::Table) => {
                if let Some(rows) = table.take() {
                    out.push(Block::Table(rows));
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(rows) = &mut table {
                    rows.push(Vec::new());
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(row) = table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(std::mem::take(&mut spans));
                }
            }
            Event::Start(Tag::Strong) => style.strong = true,
            Event::End(TagEnd::Strong) => style.strong = false,
            Event::Start(Tag::Emphasis) => style.italic = true,
            Event::End(TagEnd::Emphasis) => style.italic = false,
            Event::Start(Tag::Link { dest_url, .. }) => style.link = Some(dest_url.into_string()),
            Event::End(TagEnd::Link) => style.link = None,
            Event::Text(text) => spans.push(Span {
                text: text.into_string(),
                ..style.clone()
            }),
            Event::Code(text) => spans.push(Span {
                text: text.into_string(),
                code: true,
                ..style.clone()
            }),
            Event::SoftBreak | Event::HardBreak => spans.push(Span {
                text: " ".to_owned(),
                ..style.clone()
            }),
            _ => {}
        }
    }
    flush(&mut spans, &mut out, depth, &mut item_started);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_as_headings_nested_items_and_a_table() {
        let md = "# Report\n\nFor Grace.\n\n## Done\n\n- Python\n  - Notes: `pandas` first\n\n| Goal | Target |\n|---|---|\n| Ship | 2026 |\n";
        let blocks = blocks(md);
        let kinds: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                Block::Heading(_, s) => format!("h:{}", s[0].text),
                Block::Paragraph {
                    depth,
                    bullet,
                    spans,
                } => format!(
                    "p{depth}{}:{}",
                    if *bullet { "•" } else { "" },
                    spans.iter().map(|s| s.text.as_str()).collect::<String>()
                ),
                Block::Table(rows) => format!("t:{}x{}", rows.len(), rows[0].len()),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "h:Report",
                "p0:For Grace.",
                "h:Done",
                "p1•:Python",
                "p2•:Notes: pandas first",
                "t:2x2"
            ]
        );
    }
}
