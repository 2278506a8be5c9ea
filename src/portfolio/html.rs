//! The portfolio as one web page: no script, nothing from the network, its style inline (light
//! and dark by the reader's colour scheme, readable on a phone). Every piece of text is escaped,
//! and only an http or https link becomes a link.

use std::fmt::Write as _;

use super::{Portfolio, ProjectEntry, hours_text};

/// The page's style: system fonts, the reader's colour scheme, one column that fits a phone.
const STYLE: &str = "\
:root{color-scheme:light dark;--bg:#f7f6f2;--fg:#1c2229;--muted:#4f5965;--card:#fff;\
--line:#d5d9de;--accent:#0a58a8;--quote:#eef2f6}\n\
@media (prefers-color-scheme:dark){:root{--bg:#121519;--fg:#e5e8eb;--muted:#a7b0ba;\
--card:#1b1f25;--line:#343a43;--accent:#8cc0ff;--quote:#232932}}\n\
*{box-sizing:border-box}\n\
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n\
body{margin:0;background:var(--bg);color:var(--fg);\
font:1rem/1.6 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",sans-serif}\n\
header,main,footer{max-width:46rem;margin:0 auto;padding:1rem 1.1rem}\n\
header{padding-top:2rem}\n\
main{padding-top:0}\n\
h1{font-size:clamp(1.7rem,6vw,2.4rem);line-height:1.2;margin:0 0 .25rem}\n\
h2{font-size:1.35rem;margin:1.5rem 0 .5rem}\n\
h3{font-size:1.15rem;line-height:1.35;margin:0 0 .25rem}\n\
h4{font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;color:var(--muted);\
margin:1.1rem 0 .3rem}\n\
p{margin:.4rem 0}\n\
a{color:var(--accent);overflow-wrap:anywhere}\n\
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}\n\
ul{padding-left:1.2rem;margin:.3rem 0}\n\
.links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}\n\
.lede,.meta,footer{color:var(--muted)}\n\
.meta{font-size:.95rem;margin-top:0}\n\
article{background:var(--card);border:1px solid var(--line);border-radius:.7rem;\
padding:1.1rem 1.2rem;margin:1rem 0}\n\
dl{margin:.3rem 0}\n\
dt{font-weight:600}\n\
dd{margin:0 0 .4rem 0}\n\
blockquote{margin:.4rem 0;padding:.5rem .9rem;background:var(--quote);\
border-left:3px solid var(--accent);border-radius:.3rem}\n\
.plain{overflow-wrap:anywhere}\n\
footer{font-size:.9rem;padding-bottom:2rem}\n";

/// Text made safe in HTML: markup characters escaped, control characters dropped (a line break
/// or tab stays, as whitespace).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A link when `url` may be opened (http or https); anything else shown as text, never a link.
fn link(url: &str) -> String {
    if crate::curriculum::is_openable_url(url) {
        let url = escape(url);
        format!("<a href=\"{url}\">{url}</a>")
    } else {
        format!("<span class=\"plain\">{}</span>", escape(url))
    }
}

/// Text of several lines as paragraphs (a blank line apart), its lines kept.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<String> = para.lines().map(|l| escape(l.trim_end())).collect();
        let _ = writeln!(out, "<p>{}</p>", lines.join("<br>\n"));
    }
    out
}

/// The whole page, `index.html`.
pub fn page(p: &Portfolio) -> String {
    let mut html = String::new();
    let title = if p.name.is_empty() {
        "Portfolio".to_owned()
    } else {
        format!("{}: portfolio", escape(&p.name))
    };
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"Waymark\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n"
    );
    let heading = if p.name.is_empty() {
        "Portfolio".to_owned()
    } else {
        escape(&p.name)
    };
    let _ = writeln!(html, "<h1>{heading}</h1>");
    let _ = writeln!(
        html,
        "<p class=\"lede\">Projects on the way to becoming an AI engineer</p>"
    );
    if !p.links.is_empty() {
        let _ = writeln!(html, "<ul class=\"links\">");
        for l in &p.links {
            let _ = writeln!(html, "<li>{}</li>", link(l));
        }
        let _ = writeln!(html, "</ul>");
    }
    let _ = writeln!(html, "</header>\n<main>\n<h2>Projects</h2>");
    if p.projects.is_empty() {
        let _ = writeln!(html, "<p>No finished projects to show yet.</p>");
    }
    for project in &p.projects {
        project_html(&mut html, project);
    }
    let _ = writeln!(
        html,
        "</main>\n<footer>\n<p>Planned and tracked with Waymark.</p>\n</footer>\n</body>\n</html>"
    );
    html
}

fn project_html(html: &mut String, p: &ProjectEntry) {
    let _ = writeln!(html, "<article>\n<h3>{}</h3>", escape(&p.title));
    let mut meta = Vec::new();
    if let Some(day) = p.finished {
        meta.push(format!(
            "Finished <time datetime=\"{day}\">{}</time>",
            crate::plan::day_words(day)
        ));
    }
    if p.hours_logged > 0.0 {
        meta.push(hours_text(p.hours_logged));
    }
    meta.push(escape(&p.curriculum));
    let _ = writeln!(html, "<p class=\"meta\">{}</p>", meta.join(" · "));
    html.push_str(&paragraphs(&p.summary));
    if let Some(done) = &p.done_when {
        let _ = writeln!(html, "<h4>What done meant</h4>");
        html.push_str(&paragraphs(done));
    }
    if let Some(notes) = &p.notes {
        let _ = writeln!(html, "<h4>My notes</h4>");
        html.push_str(&paragraphs(notes));
    }
    if !p.evidence.is_empty() {
        let _ = writeln!(html, "<h4>Evidence</h4>\n<ul>");
        for e in &p.evidence {
            let _ = writeln!(html, "<li>{}</li>", link(e));
        }
        let _ = writeln!(html, "</ul>");
    }
    if !p.built_on.is_empty() {
        let _ = writeln!(html, "<h4>Built on</h4>\n<dl>");
        for group in &p.built_on {
            let _ = writeln!(html, "<dt>{}</dt>", escape(&group.section));
            for skill in &group.skills {
                let _ = writeln!(html, "<dd>{}</dd>", escape(skill));
            }
        }
        let _ = writeln!(html, "</dl>");
    }
    if let Some(s) = &p.sign_off {
        let _ = writeln!(html, "<h4>Mentor&#39;s sign-off</h4>");
        if !s.comment.trim().is_empty() {
            let _ = writeln!(
                html,
                "<blockquote>\n{}</blockquote>",
                paragraphs(&s.comment)
            );
        }
        let _ = writeln!(
            html,
            "<p>Signed off by {} on <time datetime=\"{}\">{}</time></p>",
            escape(&s.mentor),
            s.date,
            crate::plan::day_words(s.date)
        );
    }
    let _ = writeln!(html, "</article>");
}
