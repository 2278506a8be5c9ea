//! The one pass over pulldown-cmark's events: task items become drafts, headings sections,
//! and the drafts a curriculum once the text ends.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::super::ids::{Uniquer, milestone_base, title_part};
use super::text::{
    clean_title, estimate_in_title, implied_kind, push_piece, push_summary, resource,
    take_effort_line,
};
use super::{Built, SECTION_PATH, UNTITLED, file_stem, line_col};
use crate::curriculum::{
    Curriculum, Diagnostic, Invalid, MAX_MILESTONES, Milestone, Resource, Section,
};

/// One milestone as read, before ids are given.
struct Draft {
    /// Index into `Reader::sections`; 0 is the section for items before the first heading.
    section: usize,
    title: String,
    checked: bool,
    /// Drafts nested directly under this one.
    requires: Vec<usize>,
    summary: String,
    resources: Vec<Resource>,
}

/// What a block of inline text is for; decided when the block opens.
#[derive(Clone, Copy)]
enum Purpose {
    /// The first text of the list item at this depth of `Reader::items`.
    ItemTitle(usize),
    /// Later text in an item: summary of the milestone that owns it, if any.
    ItemBody(Option<usize>),
    Heading(HeadingLevel),
    DocSummary,
    Nothing,
}

/// A paragraph, heading or the loose text of a tight list item, being collected.
struct TextBlock {
    purpose: Purpose,
    /// Opened by inline text in a tight list item rather than by a paragraph or heading.
    implicit: bool,
    text: String,
    /// http(s) links inside: url and the byte range of their text in `text`.
    links: Vec<(String, usize, usize)>,
}

struct ItemFrame {
    milestone: Option<usize>,
    /// The nearest milestone among this item and its ancestors.
    owner: Option<usize>,
    /// No block of this item has opened yet, so the next text is its title.
    awaiting_title: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Container {
    Item,
    Quote,
}

pub(super) struct Reader<'a> {
    name: &'a str,
    text: &'a str,
    /// No task item in the file: every list item is a milestone ("awesome list" style).
    every_item: bool,
    drafts: Vec<Draft>,
    /// Section titles, each with its parent headings' context ("Week 1 – Basics / Week of
    /// 1 June"); index 0 is the default section, titled after the document.
    sections: Vec<String>,
    /// Each section's own heading alone, as sections were named before they kept their
    /// parents' context: the ids it gave are kept as `renamed_from`, so that re-importing a
    /// checklist imported then keeps every status, note and hour.
    own_headings: Vec<String>,
    /// The headings the text is under now, outermost first (level 2 and deeper).
    open_headings: Vec<(HeadingLevel, String)>,
    current_section: usize,
    doc_title: Option<String>,
    doc_summary: Vec<String>,
    /// Top-level paragraphs right after the first H1 are the curriculum's summary.
    doc_summary_open: bool,
    items: Vec<ItemFrame>,
    containers: Vec<Container>,
    /// Inside code, tables, HTML or images, where text means nothing.
    ignored: usize,
    block: Option<TextBlock>,
    /// One entry per open link; `None` for links that are not collected.
    open_links: Vec<Option<(String, usize)>>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(name: &'a str, text: &'a str, every_item: bool) -> Self {
        Self {
            name,
            text,
            every_item,
            drafts: Vec::new(),
            sections: vec![String::new()],
            own_headings: vec![String::new()],
            open_headings: Vec::new(),
            current_section: 0,
            doc_title: None,
            doc_summary: Vec::new(),
            doc_summary_open: false,
            items: Vec::new(),
            containers: Vec::new(),
            ignored: 0,
            block: None,
            open_links: Vec::new(),
        }
    }

    pub(super) fn event(&mut self, event: Event<'_>, offset: usize) -> Result<(), Invalid> {
        match event {
            Event::Start(tag) => self.start(tag, offset)?,
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(block) = self.inline() {
                    block.text.push_str(&t);
                }
            }
            // Inline code keeps its backticks, so that an export writes it as code again; code
            // that holds a backtick itself is kept as its text.
            Event::Code(t) => {
                if let Some(block) = self.inline() {
                    if t.contains('`') {
                        block.text.push_str(&t);
                    } else {
                        block.text.push('`');
                        block.text.push_str(&t);
                        block.text.push('`');
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = self.inline() {
                    block.text.push(' ');
                }
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
            Event::Rule => self.block_starts(),
            Event::TaskListMarker(checked) => {
                if self
                    .items
                    .last()
                    .is_some_and(|item| item.milestone.is_none())
                {
                    self.new_milestone(checked, offset)?;
                }
                let _ = self.inline();
            }
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) -> Result<(), Invalid> {
        match tag {
            Tag::Paragraph => {
                self.close_implicit();
                self.doc_summary_open &= self.containers.is_empty();
                self.open_block(false, None);
            }
            Tag::Heading { level, .. } => {
                self.block_starts();
                self.block = Some(TextBlock {
                    purpose: Purpose::Heading(level),
                    implicit: false,
                    text: String::new(),
                    links: Vec::new(),
                });
            }
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) | Tag::DefinitionList => {
                self.block_starts();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_) | Tag::MetadataBlock(_) => {
                self.block_starts();
                self.ignored += 1;
            }
            Tag::List(_) => self.block_starts(),
            Tag::Item => {
                self.block_starts();
                let owner = self.items.last().and_then(|item| item.owner);
                self.items.push(ItemFrame {
                    milestone: None,
                    owner,
                    awaiting_title: true,
                });
                self.containers.push(Container::Item);
                if self.every_item {
                    self.new_milestone(false, offset)?;
                }
            }
            Tag::Image { .. } => self.ignored += 1,
            Tag::Link { dest_url, .. } => {
                let is_web = crate::curriculum::is_openable_url(&dest_url);
                let open = match self.inline() {
                    Some(block) if is_web => Some((dest_url.into_string(), block.text.len())),
                    _ => None,
                };
                self.open_links.push(open);
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.close_block(),
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition | TagEnd::DefinitionList => {
                self.close_implicit();
                self.containers.pop();
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Table | TagEnd::MetadataBlock(_) => {
                self.ignored = self.ignored.saturating_sub(1);
            }
            TagEnd::Image => self.ignored = self.ignored.saturating_sub(1),
            TagEnd::List(_) => self.close_implicit(),
            TagEnd::Item => {
                self.close_implicit();
                self.containers.pop();
                self.items.pop();
            }
            TagEnd::Link => {
                if let (Some(Some((url, start))), Some(block)) =
                    (self.open_links.pop(), self.block.as_mut())
                {
                    block.links.push((url, start, block.text.len()));
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    /// A block other than a paragraph starts: it ends any loose item text, ends the
    /// document's summary, and means the enclosing item's title (if any) has passed.
    fn block_starts(&mut self) {
        self.close_implicit();
        self.doc_summary_open = false;
        if let Some(item) = self.items.last_mut() {
            item.awaiting_title = false;
        }
    }

    /// The text block that inline content goes to, opening one for a tight item's text.
    fn inline(&mut self) -> Option<&mut TextBlock> {
        if self.ignored > 0 {
            return None;
        }
        if self.block.is_none() {
            self.open_block(true, None);
        }
        self.block.as_mut()
    }

    fn open_block(&mut self, implicit: bool, purpose: Option<Purpose>) {
        let purpose = purpose.unwrap_or_else(|| self.purpose_here());
        self.block = Some(TextBlock {
            purpose,
            implicit,
            text: String::new(),
            links: Vec::new(),
        });
    }

    fn purpose_here(&mut self) -> Purpose {
        let depth = self.items.len();
        match (self.containers.last(), self.items.last_mut()) {
            (Some(Container::Item), Some(item)) if item.awaiting_title => {
                item.awaiting_title = false;
                Purpose::ItemTitle(depth - 1)
            }
            (Some(_), Some(item)) => Purpose::ItemBody(item.owner),
            _ if self.doc_summary_open => Purpose::DocSummary,
            _ => Purpose::Nothing,
        }
    }

    fn close_implicit(&mut self) {
        if self.block.as_ref().is_some_and(|b| b.implicit) {
            self.close_block();
        }
    }

    fn new_milestone(&mut self, checked: bool, offset: usize) -> Result<(), Invalid> {
        if self.drafts.len() >= MAX_MILESTONES {
            let (line, col) = line_col(self.text, offset);
            return Err(Invalid::one(Diagnostic::at(
                self.name,
                line,
                col,
                format!(
                    "more than {MAX_MILESTONES} milestones; a curriculum may hold at most {MAX_MILESTONES}"
                ),
            )));
        }
        let index = self.drafts.len();
        self.drafts.push(Draft {
            section: self.current_section,
            title: String::new(),
            checked,
            requires: Vec::new(),
            summary: String::new(),
            resources: Vec::new(),
        });
        if let Some(item) = self.items.last_mut() {
            if let Some(outer) = item.owner.and_then(|o| self.drafts.get_mut(o)) {
                outer.requires.push(index);
            }
            item.milestone = Some(index);
            item.owner = Some(index);
        }
        Ok(())
    }

    fn close_block(&mut self) {
        let Some(block) = self.block.take() else {
            return;
        };
        self.open_links.clear();
        match block.purpose {
            Purpose::Heading(level) => {
                let title = clean_title(&block.text);
                if title.is_empty() {
                    return;
                }
                if level == HeadingLevel::H1 {
                    if self.doc_title.is_none() {
                        self.doc_title = Some(title);
                        self.doc_summary_open = self.containers.is_empty();
                    }
                } else {
                    // A heading closes those at its level and deeper, and stands under the rest.
                    self.open_headings.retain(|(open, _)| *open < level);
                    self.open_headings.push((level, title.clone()));
                    let path: Vec<&str> =
                        self.open_headings.iter().map(|(_, t)| t.as_str()).collect();
                    self.sections.push(clean_title(&path.join(SECTION_PATH)));
                    self.own_headings.push(title);
                    self.current_section = self.sections.len() - 1;
                }
            }
            Purpose::DocSummary => push_piece(&mut self.doc_summary, &block.text),
            Purpose::ItemTitle(depth) => {
                let Some(item) = self.items.get(depth) else {
                    return;
                };
                if let Some(draft) = item.milestone.and_then(|m| self.drafts.get_mut(m)) {
                    draft.title = clean_title(&block.text);
                    for (url, start, end) in &block.links {
                        let text = block.text.get(*start..*end).unwrap_or_default();
                        draft.resources.push(resource(text, url));
                    }
                } else if let Some(draft) = item.owner.and_then(|m| self.drafts.get_mut(m)) {
                    // A plain bullet under a task item: links make it a resource bullet,
                    // anything else is part of the summary.
                    if let [(url, _, _)] = block.links.as_slice() {
                        draft.resources.push(resource(&block.text, url));
                    } else if block.links.is_empty() {
                        push_summary(&mut draft.summary, &block.text);
                    } else {
                        for (url, start, end) in &block.links {
                            let text = block.text.get(*start..*end).unwrap_or_default();
                            draft.resources.push(resource(text, url));
                        }
                    }
                }
            }
            Purpose::ItemBody(owner) => {
                if let Some(draft) = owner.and_then(|m| self.drafts.get_mut(m)) {
                    push_summary(&mut draft.summary, &block.text);
                }
            }
            Purpose::Nothing => {}
        }
    }

    pub(super) fn finish(mut self) -> Result<Built, Invalid> {
        self.close_block();
        if self.drafts.is_empty() {
            return Err(Invalid::one(Diagnostic::new(
                self.name,
                "no milestone found: the file has no task items (`- [ ] …`) and no list items",
            )));
        }
        let stem = file_stem(self.name);
        let title = match self.doc_title.take() {
            Some(title) => title,
            None => match clean_title(stem) {
                t if t.is_empty() => "Untitled curriculum".to_owned(),
                t => t,
            },
        };
        if let Some(default) = self.sections.get_mut(0) {
            default.clone_from(&title);
        }
        if let Some(default) = self.own_headings.get_mut(0) {
            default.clone_from(&title);
        }

        for draft in &mut self.drafts {
            if draft.title.is_empty() {
                draft.title = UNTITLED.to_owned();
            }
        }
        // Ids in document order; drafts are already in it, and their sections only grow.
        let mut milestone_ids = Uniquer::default();
        let ids: Vec<String> = self
            .drafts
            .iter()
            .map(|d| {
                let section = self.sections.get(d.section).map_or("", String::as_str);
                milestone_ids.unique(milestone_base(section, &d.title))
            })
            .collect();
        // The ids the same items had when a section was named by its own heading alone.
        let mut earlier_ids = Uniquer::default();
        let earlier: Vec<String> = self
            .drafts
            .iter()
            .map(|d| {
                let section = self.own_headings.get(d.section).map_or("", String::as_str);
                earlier_ids.unique(milestone_base(section, &d.title))
            })
            .collect();
        let live: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
        let checked = self
            .drafts
            .iter()
            .zip(&ids)
            .filter(|(d, _)| d.checked)
            .map(|(_, id)| id.clone())
            .collect();

        let mut section_ids = Uniquer::default();
        let mut sections: Vec<Section> = Vec::new();
        let mut last_section = None;
        let section_titles = std::mem::take(&mut self.sections);
        for ((draft, id), earlier) in self.drafts.into_iter().zip(&ids).zip(&earlier) {
            let section_title = section_titles.get(draft.section).map_or("", String::as_str);
            if last_section != Some(draft.section) {
                last_section = Some(draft.section);
                sections.push(Section {
                    id: section_ids.unique(title_part(section_title)),
                    title: section_title.to_owned(),
                    milestones: Vec::new(),
                });
            }
            let kind = implied_kind(section_title, &draft.title);
            let requires = draft
                .requires
                .iter()
                .filter_map(|&i| ids.get(i).cloned())
                .collect();
            // "(4h)" in a title is its estimate; the title, and so the id, stay as written.
            // An export's "Effort:" line says it where the title does not.
            let (summary, effort_line) = take_effort_line(&draft.summary);
            let estimate = estimate_in_title(&draft.title).or(effort_line);
            if let Some(section) = sections.last_mut() {
                section.milestones.push(Milestone {
                    id: id.clone(),
                    title: draft.title,
                    kind,
                    effort_hours: estimate.map(|(hours, _)| hours),
                    effort_hours_high: estimate.and_then(|(_, high)| high),
                    focus: Vec::new(),
                    requires,
                    summary,
                    mentor_tip: String::new(),
                    resources: draft.resources,
                    // Never a live id: that would make two milestones one.
                    renamed_from: (earlier != id && !live.contains(earlier.as_str()))
                        .then(|| earlier.clone())
                        .into_iter()
                        .collect(),
                    split_from: Vec::new(),
                });
            }
        }

        let id = title_part(stem);
        Ok(Built {
            curriculum: Curriculum {
                id,
                revision: 1,
                title,
                summary: self.doc_summary.join("\n"),
                authors: Vec::new(),
                license: String::new(),
                revision_note: String::new(),
                focus_areas: Vec::new(),
                sections,
                goals: Vec::new(),
            },
            checked,
        })
    }
}
