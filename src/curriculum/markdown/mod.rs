//! Markdown task lists -> curriculum (contract §2), and curriculum -> Markdown for export.
//!
//! Where the contract leaves a choice open, the importer decides so:
//! - The curriculum's `id` is the slug of the file name's stem; a stem with no ASCII letter or
//!   digit (`学习.md`, `.md`) gets `item-` and the FNV-1a hash of the stem, like titles do.
//!   Its `title` is the first non-empty level-1 heading, else the stem, else "Untitled curriculum".
//! - The curriculum's `summary` is the top-level prose right after that heading, up to the
//!   next heading, list or other block; one line per paragraph.
//! - An item or heading with no visible text (only an image, say) is titled "Untitled", so
//!   that every task item stays one milestone. Empty headings start no section, and sections
//!   that end up with no milestone are left out.
//! - A section's title is its heading after the headings it stands under ("Week 1 / Week of
//!   1 June"); where the heading alone gave a milestone another id, as it did before, that id
//!   is kept in `renamed_from`, so re-importing such a file keeps its progress.
//! - Inline code keeps its backticks in titles and summaries, so the export writes it as code.
//! - A milestone's id takes at most 32 characters from its section's slug, so the item's own
//!   title always shows in it; a section title with no ASCII letter or digit adds nothing.
//! - A plain bullet under a task item that holds one web link is a resource titled with the
//!   whole bullet's text (`[Intro](…) (video)` gives "Intro (video)"); with several links each
//!   link is a resource titled by its own text; without links the bullet is summary text.
//!   Links in later paragraphs of an item stay text in its summary. Only links the contract accepts
//!   (`http`/`https` with a host, no spaces) become resources; others are kept as text.
//! - A task item nested under another requires the nearest enclosing task item, also through
//!   plain items and block quotes between them.
//! - In the "awesome list" style (no task item in the file) every list item is a milestone,
//!   and nested list items are required by the item they are nested in, as tasks would be.

mod export;
mod ids;
mod import;

use super::{Curriculum, Invalid};

/// Collapses every run of white space, line breaks included, to one space (what a Markdown
/// line or table cell can hold).
pub(crate) use import::normalize as one_line;
/// A title made one line and cut to the contract's length; its slug for an id.
pub(crate) use {
    ids::fnv1a_32, ids::title_part, import::clean_title, import::title_without_estimate,
};

/// A curriculum read from Markdown, with the milestones the file had checked (`[x]`).
#[derive(Clone, Debug, PartialEq)]
pub struct MarkdownImport {
    pub curriculum: Curriculum,
    /// Ids of milestones whose task item was checked; the learner decides whether they count.
    pub checked: Vec<String>,
}

/// Parses a Markdown curriculum. `name` is the file name (its stem gives the id).
///
/// Refuses a file over the size limit (before reading it), one that is not UTF-8 (with the
/// line and column of the first bad byte), one with no milestone or too many, and one whose
/// result breaks a rule of the contract.
pub fn parse(name: &str, bytes: &[u8]) -> Result<MarkdownImport, Invalid> {
    let text = import::decode(name, bytes)?;
    let built = import::build(name, text)?;
    // No source text: the validator's index reads RON, so lexing Markdown for it cost time
    // and could never place a problem (the import's own errors carry their lines).
    let diagnostics = super::validate::check(name, &built.curriculum, None);
    if !diagnostics.is_empty() {
        return Err(Invalid { diagnostics });
    }
    Ok(MarkdownImport {
        curriculum: built.curriculum,
        checked: built.checked,
    })
}

/// Writes a curriculum as a Markdown task list; `is_done` decides which items are `[x]`.
///
/// A curriculum that came from Markdown comes back unchanged through [`parse`]: the same
/// ids, titles, sections, summaries, resources, and requirements as nesting. What Markdown
/// cannot hold is written as readable text, and a re-import keeps it only as text:
/// - effort, mentor tips, focus, a `kind` the titles do not imply, and requirements that
///   nesting cannot show (on a milestone earlier in the order, one already nested elsewhere,
///   one that would reorder the items, or deeper than 64 levels) become lines of the item's
///   summary;
/// - authors, license, focus areas and goals go under a closing "About this curriculum"
///   heading, which imports as nothing;
/// - `revision` and `renamed_from` are not written; a re-import starts at revision 1 and,
///   since Markdown ids come from titles, a RON curriculum's ids are not kept;
/// - sections without milestones are written as headings only, and vanish on re-import.
pub fn to_markdown(curriculum: &Curriculum, is_done: &dyn Fn(&str) -> bool) -> String {
    export::write(curriculum, is_done)
}

#[cfg(test)]
mod tests;
