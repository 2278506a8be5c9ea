//! The domain of a curriculum: sections of milestones, focus areas and mentor goals.
//!
//! These types are what the rest of Waymark works with. The file form lives in
//! [`format`] (RON) and [`markdown`]; both convert into these types only after
//! [`validate`] has checked every rule of the contract.

pub mod diagnostic;
pub mod format;
pub mod markdown;
pub mod update;
pub mod validate;

pub use diagnostic::{Diagnostic, Invalid};

/// The contract's curriculum format version that this Waymark reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// The largest curriculum file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The most milestones one curriculum may hold.
pub const MAX_MILESTONES: usize = 100_000;
/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The largest `effort_hours`.
pub const MAX_EFFORT_HOURS: f64 = 10_000.0;

/// A validated curriculum.
#[derive(Clone, Debug, PartialEq)]
pub struct Curriculum {
    pub id: String,
    pub revision: u32,
    pub title: String,
    pub summary: String,
    pub authors: Vec<String>,
    pub license: String,
    /// What changed in this revision, for learners who had the one before (contract §1).
    pub revision_note: String,
    pub focus_areas: Vec<FocusArea>,
    pub sections: Vec<Section>,
    pub goals: Vec<Goal>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FocusArea {
    pub id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub milestones: Vec<Milestone>,
}

#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Kind {
    #[default]
    Skill,
    Framework,
    Project,
}

impl Kind {
    pub const ALL: [Self; 3] = [Self::Skill, Self::Framework, Self::Project];

    /// Whether a finished milestone of this kind comes back for review: skills and frameworks
    /// are what is learnt; a project is done once (contract §6). The one place this is said.
    pub fn is_reviewed(self) -> bool {
        self != Self::Project
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Skill => "Skill",
            Self::Framework => "Framework",
            Self::Project => "Project",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    /// The likely hours; `None` when the author gave no estimate.
    pub effort_hours: Option<f64>,
    /// The hours when it goes badly (about the 90th percentile); `None` when not given. Only
    /// with `effort_hours`, and at least as large (validation checks both).
    pub effort_hours_high: Option<f64>,
    /// Focus-area ids; empty means part of every focus.
    pub focus: Vec<String>,
    /// Ids of milestones in the same curriculum that come first.
    pub requires: Vec<String>,
    pub summary: String,
    pub mentor_tip: String,
    pub resources: Vec<Resource>,
    /// Earlier ids of this same milestone.
    pub renamed_from: Vec<String>,
    /// Milestones this one was split off from: while the learner has not set its status
    /// themselves, it counts as finished when one of those is (contract §1).
    pub split_from: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    pub title: String,
    pub url: String,
}

/// A mentor-guided goal as the curriculum's author wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub focus: Option<String>,
    pub mentor_note: String,
    pub milestones: Vec<String>,
    pub suggested_weeks: Option<u32>,
}

impl Curriculum {
    /// Every milestone in document order.
    pub fn milestones(&self) -> impl Iterator<Item = &Milestone> {
        self.sections.iter().flat_map(|s| s.milestones.iter())
    }

    pub fn milestone_count(&self) -> usize {
        self.sections.iter().map(|s| s.milestones.len()).sum()
    }

    /// Linear scan; build an index (see [`plan`](crate::plan)) for repeated look-ups.
    pub fn milestone(&self, id: &str) -> Option<&Milestone> {
        self.milestones().find(|m| m.id == id)
    }

    pub fn focus_area(&self, id: &str) -> Option<&FocusArea> {
        self.focus_areas.iter().find(|f| f.id == id)
    }

    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }
}

impl Milestone {
    /// True when the milestone belongs to `focus` (a milestone with no focus belongs to all).
    pub fn is_in_focus(&self, focus: &str) -> bool {
        self.focus.is_empty() || self.focus.iter().any(|f| f == focus)
    }

    /// Its summary split where the "Done when" sentence begins: what the milestone is, and what
    /// finishing it means, when the author wrote one (contract §6: a review checks against it).
    pub fn done_when(&self) -> (&str, Option<&str>) {
        let summary = self.summary.trim();
        let at = summary
            .match_indices("Done when")
            .map(|(at, _)| at)
            .find(|at| {
                summary[..*at]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
            });
        match at {
            Some(at) => (summary[..at].trim_end(), Some(&summary[at..])),
            None => (summary, None),
        }
    }
}

/// Whether `s` is a slug as the contract defines it: 1–64 of `a-z0-9-`, no leading or trailing `-`.
pub fn is_slug(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Whether a link may be opened or kept in a curriculum: the validator refuses any other, and
/// a window opening links should ask the same question. True for an absolute `http` or `https` URL with a host and no spaces or control characters.
pub fn is_openable_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return false;
    };
    let host = after_slashes
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Loads a curriculum from its bytes, choosing RON or Markdown by the file name's extension.
///
/// `name` is what errors call the file (usually its path as the user gave it).
pub fn parse(name: &str, bytes: &[u8]) -> Result<Curriculum, Invalid> {
    if is_markdown_name(name) {
        markdown::parse(name, bytes).map(|m| m.curriculum)
    } else {
        format::parse(name, bytes)
    }
}

/// Why a curriculum file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read; the message names it.
    Io(String),
    /// The file is larger than a curriculum may be.
    Invalid(Invalid),
}

/// Reads a curriculum file's bytes, refusing one over the size limit before reading it whole.
/// The thin wrapper around the disk that the command line, the window's file dialog and drag
/// and drop share; the parsers themselves take bytes.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read as _;
    let file =
        std::fs::File::open(path).map_err(|e| ReadError::Io(format!("{}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the file is too large.
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(format!("{}: {e}", path.display())))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::Invalid(Invalid::one(Diagnostic::new(
            &path.display().to_string(),
            format!(
                "the file is larger than {} MiB, the most a curriculum may be",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ))));
    }
    Ok(bytes)
}

/// True for `.md` and `.markdown` file names.
pub fn is_markdown_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_contract() {
        assert!(is_slug("ai-engineer-core"));
        assert!(is_slug("a"));
        assert!(is_slug(&"a".repeat(64)));
        assert!(!is_slug(&"a".repeat(65)));
        assert!(!is_slug(""));
        assert!(!is_slug("-a"));
        assert!(!is_slug("a-"));
        assert!(!is_slug("A"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug("é"));
    }

    #[test]
    fn only_http_and_https_links_with_a_host_may_be_opened() {
        assert!(is_openable_url("https://example.org/a?b#c"));
        assert!(is_openable_url("HTTP://example.org"));
        for hostile in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>",
            "ftp://example.org",
            "https:///no-host",
            "https:example.org",
            "https://example.org/a b",
            "https://example.org/\u{0}",
            "https://exa\nmple.org",
            "/etc/passwd",
            "../x",
            "",
        ] {
            assert!(!is_openable_url(hostile), "{hostile:?}");
        }
    }
}
