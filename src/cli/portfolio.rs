//! `waymark profile` and `waymark portfolio`: who the learner is to a reader, and the page (or
//! Markdown) of the projects they finished, with what it shows chosen through the write path.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::changes::parse_milestone;
use super::{CliError, Outcome, PortfolioAction, apply, open_read_only};
use crate::progress::learner::{check_links, check_name};
use crate::workspace::Change;

pub(super) fn profile(
    data_dir: &Path,
    name: Option<String>,
    links: Vec<String>,
    no_links: bool,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    if name.is_none() && links.is_empty() && !no_links {
        let workspace = open_read_only(data_dir)?;
        return print_profile(&workspace.state().learner, out);
    }
    // Checked before the data folder is opened, so that a refusal changes nothing.
    let name = name.map(|n| n.trim().to_owned());
    if let Some(name) = &name {
        check_name(name)?;
    }
    let links: Vec<String> = links.iter().map(|l| l.trim().to_owned()).collect();
    check_links(&links)?;
    let (workspace, _) = apply(data_dir, now, |ws| {
        let learner = &ws.state().learner;
        Ok(Change::SetLearner {
            name: name.clone().unwrap_or_else(|| learner.name.clone()),
            links: if no_links || !links.is_empty() {
                links.clone()
            } else {
                learner.links.clone()
            },
        })
    })?;
    print_profile(&workspace.state().learner, out)
}

/// `name: TEXT`, then a `link: URL` line for each link.
fn print_profile(
    learner: &crate::progress::Learner,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    writeln!(out, "name: {}", learner.name)?;
    for link in &learner.links {
        writeln!(out, "link: {link}")?;
    }
    Ok(Outcome::Ok)
}

pub(super) fn portfolio(
    data_dir: &Path,
    action: Option<PortfolioAction>,
    dir: Option<&Path>,
    markdown: bool,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let change = match action {
        Some(PortfolioAction::Hide { milestone }) => Some(Change::SetPortfolioHidden {
            milestone: parse_milestone(&milestone)?,
            hidden: true,
        }),
        Some(PortfolioAction::Show { milestone }) => Some(Change::SetPortfolioHidden {
            milestone: parse_milestone(&milestone)?,
            hidden: false,
        }),
        Some(PortfolioAction::Notes { milestone, notes }) => Some(Change::SetNotesPrivate {
            milestone: parse_milestone(&milestone)?,
            private: notes == "private",
        }),
        None => None,
    };
    if let Some(change) = change {
        let (_, applied) = apply(data_dir, now, |_| Ok(change.clone()))?;
        writeln!(out, "{}", applied.what)?;
        return Ok(Outcome::Ok);
    }
    let workspace = open_read_only(data_dir)?;
    if markdown {
        out.write_all(crate::portfolio::markdown::markdown(&workspace.portfolio()).as_bytes())?;
        return Ok(Outcome::Ok);
    }
    if let Some(dir) = dir {
        let portfolio = workspace.portfolio();
        let page = crate::portfolio::write_page(dir, &portfolio)?;
        let count = portfolio.projects.len();
        writeln!(
            out,
            "{}: {count} {}",
            page.display(),
            if count == 1 { "project" } else { "projects" }
        )?;
        return Ok(Outcome::Ok);
    }
    // What the page would show: a line per finished project, hidden ones too.
    let projects = workspace.finished_projects();
    if projects.is_empty() {
        super::warn(format_args!(
            "No finished project yet: a project marked done shows in your portfolio."
        ));
    }
    for p in projects {
        let finished = p.finished.map(|d| d.to_string()).unwrap_or_default();
        let notes = match (p.has_notes, p.notes_private) {
            (false, _) => "no notes",
            (true, true) => "notes private",
            (true, false) => "notes shown",
        };
        writeln!(
            out,
            "{}\t{}\tfinished {finished}\t{}\t{notes}",
            p.milestone,
            p.title,
            if p.hidden { "hidden" } else { "shown" }
        )?;
    }
    Ok(Outcome::Ok)
}
