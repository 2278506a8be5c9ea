//! The learner's portfolio: the projects they finished, with what each built on, as a model
//! that the web page ([`html`]) and the Markdown ([`markdown`]) are written from.

pub mod html;
pub mod markdown;

use std::cmp::Reverse;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::curriculum::{Curriculum, Kind, Milestone};
use crate::progress::{MilestoneProgress, MilestoneRef, State, Status};
use crate::storage::StorageError;

/// What a portfolio shows: who the learner is and the projects they finished and did not hide.
#[derive(Clone, Debug, PartialEq)]
pub struct Portfolio {
    pub name: String,
    /// The learner's public links, in their order.
    pub links: Vec<String>,
    /// Newest finished first.
    pub projects: Vec<ProjectEntry>,
}

/// One finished project as the portfolio shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectEntry {
    pub milestone: MilestoneRef,
    pub title: String,
    /// The title of the curriculum it belongs to.
    pub curriculum: String,
    /// What the project is: its summary before its "Done when".
    pub summary: String,
    /// What finishing it meant: the summary's "Done when", when the curriculum gives one.
    pub done_when: Option<String>,
    /// The learner's notes; `None` when they keep them private or wrote none.
    pub notes: Option<String>,
    /// Links that show the work, as the learner gave them (the writers show a link that is not
    /// http or https as text).
    pub evidence: Vec<String>,
    pub hours_logged: f64,
    /// The learner's local day it was marked done.
    pub finished: Option<NaiveDate>,
    /// The milestones it requires (directly), by the curriculum's sections, in its order.
    pub built_on: Vec<SkillGroup>,
    /// The mentor's sign-off, once the mentor has given one.
    pub sign_off: Option<SignOff>,
}

/// Skills of one section of a curriculum.
#[derive(Clone, Debug, PartialEq)]
pub struct SkillGroup {
    pub section: String,
    pub skills: Vec<String>,
}

/// A mentor's word that a project is done, and what they said of it.
#[derive(Clone, Debug, PartialEq)]
pub struct SignOff {
    pub mentor: String,
    pub date: NaiveDate,
    pub comment: String,
}

/// A finished project and the learner's choices about it: what the window lists, hidden or not.
#[derive(Clone, Debug, PartialEq)]
pub struct FinishedProject {
    pub milestone: MilestoneRef,
    pub title: String,
    pub finished: Option<NaiveDate>,
    pub hidden: bool,
    pub notes_private: bool,
    pub has_notes: bool,
}

/// Every project marked done in the loaded curricula, newest first (those finished on one day
/// in the curricula's order), with its progress.
fn finished<'a>(
    curricula: &[&'a Curriculum],
    state: &'a State,
) -> Vec<(&'a Curriculum, &'a Milestone, &'a MilestoneProgress)> {
    let mut done: Vec<_> = curricula
        .iter()
        .copied()
        .flat_map(|c| c.milestones().map(move |m| (c, m)))
        .filter(|(_, m)| m.kind == Kind::Project)
        .filter_map(|(c, m)| {
            let p = state.milestone(&MilestoneRef::new(&c.id, &m.id))?;
            (p.status == Status::Done).then_some((c, m, p))
        })
        .collect();
    done.sort_by_key(|(_, _, p)| Reverse(p.finished_at()));
    done
}

fn finished_day(p: &MilestoneProgress) -> Option<NaiveDate> {
    p.finished_at().map(crate::plan::local_day)
}

/// The finished projects with the learner's choices about each, newest first.
pub fn finished_projects(curricula: &[&Curriculum], state: &State) -> Vec<FinishedProject> {
    finished(curricula, state)
        .into_iter()
        .map(|(c, m, p)| FinishedProject {
            milestone: MilestoneRef::new(&c.id, &m.id),
            title: m.title.clone(),
            finished: finished_day(p),
            hidden: p.hidden_from_portfolio,
            notes_private: p.notes_private,
            has_notes: !p.notes.trim().is_empty(),
        })
        .collect()
}

/// The latest mentor's sign-off of the work as it stands (one of an earlier version, reopened
/// since, is not shown), with what that mentor said of it in the same reply.
fn sign_off_of(state: &State, m: &MilestoneRef) -> Option<SignOff> {
    let s = state
        .sign_offs_of(m)
        .filter(|s| state.signs_current_work(s))
        .max_by_key(|s| s.date)?;
    let comment = state
        .comments_of(m)
        .filter(|c| c.packet == s.packet && c.mentor == s.mentor)
        .map(|c| c.text.trim())
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(SignOff {
        mentor: s.mentor.clone(),
        date: s.date,
        comment,
    })
}

impl Portfolio {
    /// The portfolio of the learner whose state this is: every finished project they did not
    /// hide, their notes on it unless they keep them private.
    pub fn build(curricula: &[&Curriculum], state: &State) -> Self {
        let projects = finished(curricula, state)
            .into_iter()
            .filter(|(_, _, p)| !p.hidden_from_portfolio)
            .map(|(c, m, p)| {
                let (summary, done_when) = m.done_when();
                ProjectEntry {
                    milestone: MilestoneRef::new(&c.id, &m.id),
                    title: m.title.clone(),
                    curriculum: c.title.clone(),
                    summary: summary.to_owned(),
                    done_when: done_when.map(str::to_owned),
                    notes: Some(p.notes.trim())
                        .filter(|n| !n.is_empty() && !p.notes_private)
                        .map(str::to_owned),
                    evidence: p.evidence.clone(),
                    hours_logged: p.hours_logged,
                    finished: finished_day(p),
                    built_on: built_on(c, m),
                    sign_off: sign_off_of(state, &MilestoneRef::new(&c.id, &m.id)),
                }
            })
            .collect();
        Self {
            name: state.learner.name.trim().to_owned(),
            links: state.learner.links.clone(),
            projects,
        }
    }
}

/// What `m` requires directly (what the project put to work; each of those names its own
/// prerequisites), grouped by the sections of `c` in its order.
fn built_on(c: &Curriculum, m: &Milestone) -> Vec<SkillGroup> {
    c.sections
        .iter()
        .filter_map(|s| {
            let skills: Vec<String> = s
                .milestones
                .iter()
                .filter(|r| m.requires.contains(&r.id))
                .map(|r| r.title.clone())
                .collect();
            (!skills.is_empty()).then(|| SkillGroup {
                section: s.title.clone(),
                skills,
            })
        })
        .collect()
}

/// The name of the page a portfolio is written to, in the folder the learner chose.
pub const PAGE_NAME: &str = "index.html";

/// Writes the portfolio's page into `dir` (made when missing), atomically: a reader sees the
/// page before or after, never half of it. Returns the page's path.
pub fn write_page(dir: &Path, portfolio: &Portfolio) -> Result<PathBuf, StorageError> {
    std::fs::create_dir_all(dir).map_err(crate::storage::io_at(dir))?;
    let path = dir.join(PAGE_NAME);
    crate::storage::write_atomic(&path, html::page(portfolio).as_bytes())?;
    Ok(path)
}

/// Hours to the tenth, without a trailing ".0": `16 h`, `2.5 h`.
pub(crate) fn hours_text(h: f64) -> String {
    format!("{} h", crate::plan::hours_words((h * 10.0).round() / 10.0))
}

/// The line under a project's title: when it was finished, the hours and its curriculum.
pub(crate) fn meta_line(p: &ProjectEntry) -> String {
    let mut parts = Vec::new();
    if let Some(day) = p.finished {
        parts.push(format!("Finished {}", crate::plan::day_words(day)));
    }
    if p.hours_logged > 0.0 {
        parts.push(hours_text(p.hours_logged));
    }
    parts.push(p.curriculum.clone());
    parts.join(" · ")
}

#[cfg(test)]
pub(crate) mod tests;
