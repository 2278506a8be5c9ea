//! Draws Markdown as the window's own text: headings, paragraphs, nested lists, tables, links,
//! emphasis and code. Enough for the mentor report, which Waymark writes itself.

use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

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

/// What a piece of Markdown needs to be drawn, read once and kept until the text or the fonts
/// change: the blocks, and the measured widths of every table's columns.
struct Prepared {
    key: u64,
    blocks: Vec<Block>,
    /// Per table, in order, the widths of its columns.
    columns: Vec<Vec<Column>>,
}

/// How wide a table column is with every cell on one line, and its longest word.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Column {
    natural: f32,
    narrowest: f32,
}

/// The room between two table columns.
const COLUMN_GAP: f32 = 12.0;

/// Draws `markdown`; returns the web link the learner clicked, if any.
///
/// The Markdown is read (and its tables measured) once and kept with this place in the window
/// until it changes, so a frame only lays out what it draws.
pub fn markdown_ui(ui: &mut Ui, markdown: &str) -> Option<String> {
    let prepared = prepared(ui, markdown);
    let mut clicked = None;
    let mut tables = prepared.columns.iter();
    for block in &prepared.blocks {
        match block {
            Block::Heading(level, spans) => {
                let size = match level {
                    HeadingLevel::H1 => 20.0,
                    HeadingLevel::H2 => 17.0,
                    _ => 15.0,
                };
                ui.add_space(if *level == HeadingLevel::H1 { 0.0 } else { 6.0 });
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
                    if *bullet {
                        ui.label("•");
                    }
                    ui.vertical(|ui| {
                        if let Some(url) = spans_ui(ui, spans) {
                            clicked = Some(url);
                        }
                    });
                });
            }
            Block::Table(rows) => {
                let columns = tables.next().map_or(&[][..], Vec::as_slice);
                if let Some(url) = table_ui(ui, rows, columns) {
                    clicked = Some(url);
                }
                ui.add_space(4.0);
            }
        }
    }
    clicked
}

/// The blocks and table measures of `markdown`, from this place's memory when the text and
/// fonts are the ones last drawn here.
fn prepared(ui: &Ui, markdown: &str) -> Arc<Prepared> {
    let style = ui.style();
    let body = egui::TextStyle::Body.resolve(style);
    let mono = egui::TextStyle::Monospace.resolve(style);
    let key = {
        let mut hasher = std::hash::DefaultHasher::new();
        (markdown, &body, &mono).hash(&mut hasher);
        hasher.finish()
    };
    let id = ui.scope_id().with("markdown_view");
    if let Some(kept) = ui.data(|d| d.get_temp::<Arc<Prepared>>(id))
        && kept.key == key
    {
        return kept;
    }
    let blocks = blocks(markdown);
    let columns = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(rows) => Some(measure(ui, rows)),
            _ => None,
        })
        .collect();
    let prepared = Arc::new(Prepared {
        key,
        blocks,
        columns,
    });
    ui.data_mut(|d| d.insert_temp(id, Arc::clone(&prepared)));
    prepared
}

/// The one-line and longest-word widths of each column of `rows`.
fn measure(ui: &Ui, rows: &[Vec<Vec<Span>>]) -> Vec<Column> {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut columns = vec![Column::default(); count];
    for row in rows {
        for (cell, column) in row.iter().zip(&mut columns) {
            let mut job = LayoutJob::default();
            for span in cell {
                let format = format_of(ui, span);
                for word in span.text.split_whitespace() {
                    let width = ui
                        .painter()
                        .layout_job(LayoutJob::single_section(word.to_owned(), format.clone()))
                        .size()
                        .x;
                    // A pixel to spare, so that a word as wide as its column stays whole.
                    column.narrowest = column.narrowest.max(width.ceil() + 1.0);
                }
                job.append(&span.text, 0.0, format);
            }
            let width = ui.painter().layout_job(job).size().x;
            column.natural = column.natural.max(width.ceil() + 1.0);
        }
    }
    columns
}

/// The width of each column when the table has `space` for its columns (gaps left out): the
/// one-line widths where they all fit. Else a column narrower than an even share of the room
/// keeps its one line (a date, a verdict), and the wider ones share the rest evenly, none
/// narrower than its longest word: long cells wrap onto more lines and every column, the
/// last one too, stays in view. Where not even the longest words fit, the columns shrink
/// alike and words break.
fn column_widths(columns: &[Column], space: f32) -> Vec<f32> {
    let space = space.max(0.0);
    let natural: f32 = columns.iter().map(|c| c.natural).sum();
    if natural <= space {
        return columns.iter().map(|c| c.natural).collect();
    }
    let least = |c: &Column| c.narrowest.min(c.natural);
    let narrowest: f32 = columns.iter().map(least).sum();
    if narrowest >= space {
        let scale = if narrowest > 0.0 {
            space / narrowest
        } else {
            0.0
        };
        return columns.iter().map(|c| least(c) * scale).collect();
    }
    let mut widths: Vec<Option<f32>> = vec![None; columns.len()];
    let mut left = space;
    // First the columns that fit whole in an even share, then those whose longest word is
    // wider than the share; each settled column makes the share of the others smaller or
    // larger, so both are settled until none changes.
    for fits in [true, false] {
        loop {
            let open = widths.iter().filter(|w| w.is_none()).count().max(1) as f32;
            let share = left / open;
            let settled = columns.iter().zip(&mut widths).find(|(c, w)| {
                w.is_none()
                    && if fits {
                        c.natural <= share
                    } else {
                        least(c) > share
                    }
            });
            let Some((c, w)) = settled else {
                break;
            };
            let width = if fits { c.natural } else { least(c) };
            *w = Some(width);
            left -= width;
        }
    }
    let open = widths.iter().filter(|w| w.is_none()).count().max(1) as f32;
    let share = left.max(0.0) / open;
    widths.into_iter().map(|w| w.unwrap_or(share)).collect()
}

/// A table whose columns share the width there is; a cell too long for its column wraps.
/// The first row is the header; every other row is striped as a grid is.
fn table_ui(ui: &mut Ui, rows: &[Vec<Vec<Span>>], columns: &[Column]) -> Option<String> {
    let mut clicked = None;
    let gaps = COLUMN_GAP * columns.len().saturating_sub(1) as f32;
    let widths = column_widths(columns, ui.available_width() - gaps);
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(COLUMN_GAP, 4.0);
        for (r, row) in rows.iter().enumerate() {
            let stripe = ui.painter().add(egui::Shape::Noop);
            let drawn = ui.horizontal_top(|ui| {
                for (c, width) in widths.iter().enumerate() {
                    let layout = egui::Layout::top_down(egui::Align::Min);
                    ui.allocate_ui_with_layout(egui::vec2(*width, 0.0), layout, |ui| {
                        ui.set_width(*width);
                        let Some(cell) = row.get(c) else {
                            return;
                        };
                        let url = if r == 0 {
                            let mut header = cell.clone();
                            header.iter_mut().for_each(|s| s.strong = true);
                            spans_ui(ui, &header)
                        } else {
                            spans_ui(ui, cell)
                        };
                        if let Some(url) = url {
                            clicked = Some(url);
                        }
                    });
                }
            });
            if r % 2 == 1 {
                let rect = drawn.response.rect.expand2(egui::vec2(4.0, 2.0));
                let fill = ui.visuals().faint_bg_color;
                ui.painter()
                    .set(stripe, egui::epaint::RectShape::filled(rect, 2.0, fill));
            }
        }
    });
    clicked
}

/// A run of spans as one label wrapped to the width there is, or as text and links where it
/// holds links.
fn spans_ui(ui: &mut Ui, spans: &[Span]) -> Option<String> {
    let mut clicked = None;
    if spans.iter().all(|s| s.link.is_none()) {
        let mut job = LayoutJob::default();
        for span in spans {
            job.append(&span.text, 0.0, format_of(ui, span));
        }
        job.wrap.max_width = ui.available_width();
        ui.add(egui::Label::new(job).wrap());
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

    #[test]
    fn columns_keep_one_line_where_they_fit_and_share_the_room_where_they_do_not() {
        let col = |natural, narrowest| Column { natural, narrowest };
        let columns = [
            col(200.0, 60.0),
            col(80.0, 80.0),
            col(300.0, 50.0),
            col(60.0, 30.0),
        ];
        assert_eq!(column_widths(&columns, 1000.0), [200.0, 80.0, 300.0, 60.0]);

        // Too narrow for one line each: every column keeps its longest word, the last one
        // too, and the whole fits.
        let widths = column_widths(&columns, 400.0);
        assert!(
            (widths.iter().sum::<f32>() - 400.0).abs() < 0.01,
            "{widths:?}"
        );
        for (w, c) in widths.iter().zip(&columns) {
            assert!(*w >= c.narrowest && *w <= c.natural, "{widths:?}");
        }
        // The narrow columns keep their one line; the two wide ones share the rest.
        assert_eq!(widths[1], 80.0, "{widths:?}");
        assert_eq!(widths[3], 60.0, "{widths:?}");
        assert!((widths[0] - widths[2]).abs() < 0.01, "{widths:?}");

        // Narrower than the longest words: they shrink alike and still fit.
        let widths = column_widths(&columns, 110.0);
        assert!(
            (widths.iter().sum::<f32>() - 110.0).abs() < 0.01,
            "{widths:?}"
        );
        assert!(widths.iter().all(|w| *w > 0.0), "{widths:?}");
    }
}
