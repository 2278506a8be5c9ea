//! The check-in packet: the learner's progress report in Markdown, for a mentor without
//! Waymark, with the same facts as data in a fenced `waymark-checkin` block at its end, for a
//! mentor with it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{DocumentError, PACKET_FORMAT, format_of, long_text, one_line, text_of, unreadable};
use crate::plan::local_day;
use crate::progress::{MilestoneRef, SentPacket, Status};
use crate::workspace::Workspace;

/// The fence that opens the packet's data.
const FENCE: &str = "```waymark-checkin";

/// What a packet holds, as the file spells it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Packet {
    pub waymark_checkin: u32,
    pub id: String,
    /// Seals the reply (see [`super::Reply`]).
    pub key: String,
    pub learner: String,
    #[serde(default)]
    pub links: Vec<String>,
    pub written: DateTime<Utc>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub goals: Vec<PacketGoal>,
    /// What was finished in the period.
    pub finished: Vec<PacketMilestone>,
    /// This week's plan.
    pub this_week: Vec<PacketMilestone>,
    /// Reviews due.
    pub reviews: Vec<PacketMilestone>,
    pub questions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PacketGoal {
    pub id: String,
    pub title: String,
    pub target: NaiveDate,
    pub likely: Option<NaiveDate>,
    pub late: Option<NaiveDate>,
    pub outlook: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PacketMilestone {
    /// `CURRICULUM/MILESTONE`: what `--sign-off` and `--comment` take.
    pub id: String,
    pub title: String,
    pub kind: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Hours logged on it (finished), or planned for it this week.
    pub hours: f64,
    pub finished: Option<NaiveDate>,
}

impl PacketMilestone {
    pub fn is_project(&self) -> bool {
        self.kind == crate::curriculum::Kind::Project.label()
    }

    pub fn milestone(&self) -> Option<MilestoneRef> {
        MilestoneRef::parse(&self.id)
    }
}

/// The packet the learner sends on `today`, asking `questions`: the period runs from the day
/// after the last packet sent (or the report's own start) to today. Returns the file's text
/// and what the learner's records keep of it.
pub fn build_packet(
    workspace: &Workspace,
    today: NaiveDate,
    now: DateTime<Utc>,
    questions: &[String],
) -> (String, Packet, SentPacket) {
    let state = workspace.state();
    let plan = workspace.plan(today);
    let from = state
        .packets
        .iter()
        .map(|p| p.to)
        .filter(|d| *d < today)
        .max()
        .and_then(|d| d.succ_opt())
        .unwrap_or_else(|| crate::report::default_since(state, today))
        .min(today);
    let entry = |r: &MilestoneRef, hours: f64| -> PacketMilestone {
        let p = state.milestone(r).cloned().unwrap_or_default();
        PacketMilestone {
            id: r.to_string(),
            title: workspace.title_of(r),
            kind: workspace
                .milestone(r)
                .map_or("Skill", |m| m.kind.label())
                .to_owned(),
            notes: p.notes.clone(),
            evidence: p.evidence.clone(),
            hours,
            finished: p.finished_at().map(local_day),
        }
    };
    let mut finished: Vec<(DateTime<Utc>, PacketMilestone)> = state
        .progress
        .iter()
        .flat_map(|(c, map)| map.iter().map(move |(m, p)| (MilestoneRef::new(c, m), p)))
        .filter(|(_, p)| p.status == Status::Done)
        .filter_map(|(r, p)| {
            let at = p.finished_at()?;
            (local_day(at) >= from).then(|| (at, entry(&r, p.hours_logged)))
        })
        .collect();
    finished.sort_by_key(|(at, _)| *at);
    let packet = Packet {
        waymark_checkin: PACKET_FORMAT,
        id: format!("ck-{}", super::random_hex(8)),
        key: super::random_hex(32),
        learner: state.learner_name(),
        links: state.learner.links.clone(),
        written: now,
        from,
        to: today,
        goals: plan
            .goals
            .iter()
            .filter_map(|f| {
                let g = state.goal(&f.goal)?;
                Some(PacketGoal {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    target: g.target,
                    likely: f.likely_finish,
                    late: f.late_finish,
                    outlook: f.outlook.words().to_owned(),
                })
            })
            .collect(),
        finished: finished.into_iter().map(|(_, m)| m).collect(),
        this_week: plan
            .week
            .items
            .iter()
            .map(|i| entry(&i.milestone, i.hours))
            .collect(),
        reviews: plan
            .reviews
            .due
            .iter()
            .map(|r| entry(&r.milestone, crate::plan::REVIEW_HOURS))
            .collect(),
        questions: questions
            .iter()
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty())
            .collect(),
    };
    let sent = SentPacket {
        id: packet.id.clone(),
        key: packet.key.clone(),
        sent_at: now,
        from,
        to: today,
    };
    let mut text = crate::report::mentor_report(workspace, today, Some(from));
    if !packet.questions.is_empty() {
        text.push_str("\n## Questions for you\n\n");
        for q in &packet.questions {
            text.push_str(&format!("- {}\n", crate::curriculum::markdown::one_line(q)));
        }
    }
    text.push_str(&format!(
        "\n---\n\nThis is a Waymark check-in ({}). If you use Waymark, open this file with \
         `waymark mentor open FILE` or its Mentor page to reply; the block below is for it.\n\n",
        packet.id
    ));
    text.push_str(FENCE);
    text.push('\n');
    let pretty = ron::ser::PrettyConfig::new();
    // A packet of plain values always serialises.
    text.push_str(&ron::ser::to_string_pretty(&packet, pretty).unwrap_or_default());
    text.push_str("\n```\n");
    (text, packet, sent)
}

impl Packet {
    /// Reads a packet from a file's bytes; `what` names the file in errors.
    pub fn read(bytes: &[u8], what: &str) -> Result<Self, DocumentError> {
        let text = text_of(bytes, what)?;
        // At the start of a line: RON writes a newline in a string as `\n`, so no text of the
        // learner's can start a line inside the block.
        let Some(start) = text.rfind(&format!("\n{FENCE}\n")).map(|i| i + 1) else {
            return Err(DocumentError::Invalid(format!(
                "{what} is not a Waymark check-in packet (it has no {FENCE} block)"
            )));
        };
        let body = &text[start + FENCE.len()..];
        let Some(end) = body.find("\n```") else {
            return Err(DocumentError::Unreadable {
                what: what.to_owned(),
                kind: "a check-in packet",
                at: "its end".into(),
                message: "the waymark-checkin block never ends".into(),
            });
        };
        let body = &body[..end];
        if let Some(format) = format_of(body, "waymark_checkin")
            && format > PACKET_FORMAT
        {
            return Err(DocumentError::Newer {
                what: what.to_owned(),
                kind: "check-in",
                format,
                known: PACKET_FORMAT,
            });
        }
        let packet: Self =
            ron::from_str(body).map_err(|e| unreadable(what, "a check-in packet", &e))?;
        packet.check(what)?;
        Ok(packet)
    }

    fn check(&self, what: &str) -> Result<(), DocumentError> {
        let bad = |why: String| DocumentError::Invalid(format!("{what}: {why}"));
        if self.waymark_checkin != PACKET_FORMAT {
            return Err(bad(format!("check-in format {}", self.waymark_checkin)));
        }
        if !super::is_packet_id(&self.id) {
            return Err(bad("its id is not a check-in packet's".into()));
        }
        let dates = [Some(self.from), Some(self.to)]
            .into_iter()
            .chain(
                self.goals
                    .iter()
                    .flat_map(|g| [Some(g.target), g.likely, g.late]),
            )
            .flatten();
        if let Some(day) = dates.into_iter().find(|d| !super::is_plannable(*d)) {
            return Err(bad(format!("it names the day {day}")));
        }
        if !super::is_hex(&self.key, 64) {
            return Err(bad("its key is not 64 hex digits".into()));
        }
        one_line(&self.learner, "the learner's name")?;
        if self.links.len() > 100
            || self
                .links
                .iter()
                .any(|l| l.len() > 4096 || !crate::curriculum::is_openable_url(l))
        {
            return Err(bad("its links are not http(s) links".into()));
        }
        let all = self
            .finished
            .iter()
            .chain(&self.this_week)
            .chain(&self.reviews);
        for m in all {
            if m.milestone().is_none() {
                return Err(bad(format!(
                    "\"{}\" is not CURRICULUM/MILESTONE",
                    m.id.escape_debug()
                )));
            }
            one_line(&m.title, "a milestone's title")?;
            long_text(&m.notes, "a milestone's notes")?;
        }
        for g in &self.goals {
            one_line(&g.title, "a goal's title")?;
        }
        for q in &self.questions {
            long_text(q, "a question")?;
        }
        Ok(())
    }

    /// Every milestone the packet names, once, in the order it names them.
    pub fn milestones(&self) -> Vec<&PacketMilestone> {
        let mut seen = std::collections::BTreeSet::new();
        self.finished
            .iter()
            .chain(&self.this_week)
            .chain(&self.reviews)
            .filter(|m| seen.insert(m.id.as_str()))
            .collect()
    }

    /// The packet as a mentor reads it in a terminal: each milestone with its id, the form
    /// `--sign-off` and `--comment` take.
    pub fn words(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let name = if self.learner.is_empty() {
            "A learner"
        } else {
            self.learner.as_str()
        };
        let _ = writeln!(
            s,
            "{name}'s check-in {} ({} to {})",
            self.id, self.from, self.to
        );
        let _ = writeln!(s, "\nGoals:");
        for g in &self.goals {
            let dates = match (g.likely, g.late) {
                (Some(l), Some(t)) => format!("likely {l}, late {t}"),
                _ => "no projection".into(),
            };
            let _ = writeln!(
                s,
                "  {}  {}: target {}, {dates}, {}",
                g.id, g.title, g.target, g.outlook
            );
        }
        let section = |s: &mut String, title: &str, list: &[PacketMilestone]| {
            let _ = writeln!(s, "\n{title}:");
            if list.is_empty() {
                let _ = writeln!(s, "  (none)");
            }
            for m in list {
                let project = if m.is_project() { " [project]" } else { "" };
                let _ = writeln!(
                    s,
                    "  {}  {}{project}, {} h",
                    m.id,
                    m.title,
                    crate::plan::hours_words(m.hours)
                );
                for line in m.notes.lines().filter(|l| !l.trim().is_empty()) {
                    let _ = writeln!(s, "      notes: {}", line);
                }
                for link in &m.evidence {
                    let _ = writeln!(s, "      evidence: {}", link);
                }
            }
        };
        section(&mut s, "Finished", &self.finished);
        section(&mut s, "This week", &self.this_week);
        section(&mut s, "Reviews due", &self.reviews);
        if !self.questions.is_empty() {
            let _ = writeln!(s, "\nQuestions:");
            for q in &self.questions {
                let _ = writeln!(s, "  - {}", q);
            }
        }
        s
    }
}
