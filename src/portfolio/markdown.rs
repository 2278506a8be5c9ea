//! The portfolio as Markdown, for a GitHub profile README: the same as the web page, with the
//! learner's text escaped so that none of it becomes markup, and only http or https links.

use std::fmt::Write as _;

use super::{Portfolio, ProjectEntry, meta_line};
use crate::report::{markdown_link as link, text};

/// Lines of the learner's text, each escaped, as a quote (a blank line between paragraphs).
fn quoted(md: &mut String, body: &str) {
    for line in body.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(md, ">");
        } else {
            let _ = writeln!(md, "> {}", text(line));
        }
    }
    let _ = writeln!(md);
}

pub fn markdown(p: &Portfolio) -> String {
    let mut md = String::new();
    let heading = if p.name.is_empty() {
        "Portfolio".to_owned()
    } else {
        text(&p.name)
    };
    let _ = writeln!(md, "# {heading}\n");
    let _ = writeln!(md, "Projects on the way to becoming an AI engineer.\n");
    if !p.links.is_empty() {
        for l in &p.links {
            let _ = writeln!(md, "- {}", link(l));
        }
        let _ = writeln!(md);
    }
    let _ = writeln!(md, "## Projects\n");
    if p.projects.is_empty() {
        let _ = writeln!(md, "No finished projects to show yet.\n");
    }
    for project in &p.projects {
        project_md(&mut md, project);
    }
    md
}

fn project_md(md: &mut String, p: &ProjectEntry) {
    let _ = writeln!(md, "### {}\n", text(&p.title));
    let _ = writeln!(md, "*{}*\n", text(&meta_line(p)));
    for para in p.summary.split("\n\n").filter(|s| !s.trim().is_empty()) {
        let _ = writeln!(md, "{}\n", text(para));
    }
    if let Some(done) = &p.done_when {
        let _ = writeln!(md, "**What done meant:** {}\n", text(done));
    }
    if let Some(notes) = &p.notes {
        let _ = writeln!(md, "**My notes:**\n");
        quoted(md, notes);
    }
    if !p.evidence.is_empty() {
        let _ = writeln!(md, "**Evidence:**\n");
        for e in &p.evidence {
            let _ = writeln!(md, "- {}", link(e));
        }
        let _ = writeln!(md);
    }
    if !p.built_on.is_empty() {
        let _ = writeln!(md, "**Built on:**\n");
        for group in &p.built_on {
            let skills: Vec<String> = group.skills.iter().map(|s| text(s)).collect();
            let _ = writeln!(md, "- {}: {}", text(&group.section), skills.join(", "));
        }
        let _ = writeln!(md);
    }
    if let Some(s) = &p.sign_off {
        let _ = writeln!(
            md,
            "**Mentor's sign-off:** {} on {}\n",
            text(&s.mentor),
            crate::plan::day_words(s.date)
        );
        if !s.comment.trim().is_empty() {
            quoted(md, &s.comment);
        }
    }
}
