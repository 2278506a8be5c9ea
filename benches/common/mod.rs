//! Realistic generated curricula and learner states, shared by every benchmark.
//!
//! Shapes follow what a large shared curriculum looks like: sections of ~50 milestones, each
//! requiring one or two earlier milestones (mostly nearby, sometimes from an earlier section),
//! resources, summaries and mentor tips, a few renames, focus areas and goals spanning many
//! milestones. A fixed-seed generator keeps every run identical.
#![allow(dead_code)] // each bench uses a different part

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use waymark::curriculum::{Curriculum, FocusArea, Goal, Kind, Milestone, Resource, Section};
use waymark::progress::{
    Activity, AdoptedGoal, Event, GoalSource, MilestoneProgress, MilestoneRef, State, Status,
    StatusChange,
};

/// Milestones per section.
pub const SECTION_LEN: usize = 50;
/// The generated curriculum's id.
pub const CURRICULUM_ID: &str = "bench-path";

/// A small deterministic generator (SplitMix64): no crate, same numbers on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

// Short words: at 100k milestones a curriculum must still fit the 16 MiB file limit, which leaves
// ~160 bytes of RON per milestone.
const TOPICS: [&str; 16] = [
    "python", "stats", "algebra", "pandas", "numpy", "torch", "sql", "rag", "evals", "tokens",
    "vectors", "docker", "k8s", "prompts", "agents", "serving",
];
const FOCUS: [(&str, &str); 4] = [
    ("nlp", "Natural language processing"),
    ("vision", "Computer vision"),
    ("mlops", "Model platform"),
    ("recsys", "Recommender systems"),
];

fn milestone_id(i: usize) -> String {
    format!("{}-{i}", TOPICS[i % TOPICS.len()])
}

fn section_title(s: usize) -> String {
    format!(
        "Part {}: {} and {}",
        s + 1,
        TOPICS[s % TOPICS.len()],
        TOPICS[(s * 7 + 3) % TOPICS.len()]
    )
}

/// A curriculum of `n` milestones in sections of [`SECTION_LEN`], with `goals` mentor goals that
/// each name milestones spread over the whole path (so their prerequisite closures are large).
pub fn curriculum(n: usize, goals: usize) -> Curriculum {
    let mut rng = Rng::new(0x5eed ^ n as u64);
    let mut sections: Vec<Section> = Vec::with_capacity(n.div_ceil(SECTION_LEN));
    for i in 0..n {
        let s = i / SECTION_LEN;
        if i % SECTION_LEN == 0 {
            sections.push(Section {
                id: format!("s{s:05}"),
                title: section_title(s),
                milestones: Vec::with_capacity(SECTION_LEN),
            });
        }
        let topic = TOPICS[i % TOPICS.len()];
        let kind = match i % 10 {
            9 => Kind::Project,
            3 | 6 => Kind::Framework,
            _ => Kind::Skill,
        };
        // One or two earlier milestones: mostly the last few, sometimes from far back.
        let mut requires = Vec::new();
        if i > 0 {
            let wanted = 1 + usize::from(i > 1 && rng.chance(25));
            while requires.len() < wanted {
                let back = if rng.chance(80) {
                    1 + rng.below(i.min(8))
                } else {
                    1 + rng.below(i)
                };
                let id = milestone_id(i - back);
                if !requires.contains(&id) {
                    requires.push(id);
                }
            }
        }
        let resources = if rng.chance(5) {
            vec![Resource {
                title: format!("{topic} guide"),
                url: format!("https://learn.example.org/{topic}/{i}"),
            }]
        } else {
            Vec::new()
        };
        let focus = if rng.chance(10) {
            vec![FOCUS[rng.below(FOCUS.len())].0.to_owned()]
        } else {
            Vec::new()
        };
        let renamed_from = if i % 50 == 7 {
            vec![format!("old-{}", milestone_id(i))]
        } else {
            Vec::new()
        };
        let summary = if rng.chance(20) {
            format!("Use {topic} on a small real task.")
        } else {
            String::new()
        };
        let mentor_tip = if rng.chance(5) {
            "Explain it to someone.".to_owned()
        } else {
            String::new()
        };
        sections[s].milestones.push(Milestone {
            id: milestone_id(i),
            title: format!("{} {}", TOPICS[i % TOPICS.len()], i + 1),
            kind,
            effort_hours: rng.chance(80).then(|| 1.0 + rng.below(40) as f64 / 2.0),
            effort_hours_high: None,
            focus,
            requires,
            summary,
            mentor_tip,
            resources,
            renamed_from,
            split_from: Vec::new(),
        });
    }
    let goals = (0..goals)
        .map(|g| Goal {
            id: format!("goal-{g}"),
            title: format!("Goal {g}: ship a {} project", TOPICS[g % TOPICS.len()]),
            focus: Some(FOCUS[g % FOCUS.len()].0.to_owned()),
            mentor_note: "Finish it end to end, then tell me what surprised you.".to_owned(),
            milestones: goal_milestones(n, goals, g),
            suggested_weeks: Some(10 + g as u32),
        })
        .collect();
    Curriculum {
        id: CURRICULUM_ID.to_owned(),
        revision: 3,
        title: format!("Generated path of {n} milestones"),
        summary: "A generated curriculum for measuring Waymark.".to_owned(),
        authors: vec!["Bench Mentor <mentor@example.org>".to_owned()],
        license: "CC-BY-4.0".to_owned(),
        revision_note: String::new(),
        focus_areas: FOCUS
            .iter()
            .map(|(id, title)| FocusArea {
                id: (*id).to_owned(),
                title: (*title).to_owned(),
                summary: format!("Everything about {title}."),
            })
            .collect(),
        sections,
        goals,
    }
}

/// Goal `g` of `goals` names a handful of milestones ending at a growing share of the path, so
/// the later goals' prerequisite closures cover most of it.
fn goal_milestones(n: usize, goals: usize, g: usize) -> Vec<String> {
    let end = (n * (g + 1) / goals).max(1);
    (0..5)
        .map(|k| milestone_id(end.saturating_sub(1 + k * 3).min(n - 1)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

pub fn today() -> NaiveDate {
    now().date_naive()
}

/// A learner's state over `c`: `done_percent` of its milestones done (earlier ones first, as a
/// learner works down the path, with some scatter), each with its history; every mentor goal
/// adopted; and an activity log of `events` events.
pub fn state(c: &Curriculum, done_percent: usize, events: usize) -> State {
    let mut rng = Rng::new(0xa11ce);
    let n = c.milestone_count();
    let start = now() - chrono::Duration::days(400);
    let mut progress = BTreeMap::new();
    let cutoff = n * done_percent / 100;
    for (i, m) in c.milestones().enumerate() {
        // Mostly the front of the path, a little scatter at the edge.
        let finished = if i + n / 20 < cutoff {
            true
        } else if i < cutoff + n / 20 {
            rng.chance(50)
        } else {
            false
        };
        let status = if finished {
            if rng.chance(5) {
                Status::Skipped
            } else {
                Status::Done
            }
        } else if rng.chance(2) {
            Status::Doing
        } else {
            continue;
        };
        let at = start + chrono::Duration::minutes(i as i64 * 7);
        let mut history = vec![StatusChange {
            status: Status::Doing,
            at,
        }];
        if status != Status::Doing {
            history.push(StatusChange {
                status,
                at: at + chrono::Duration::hours(20),
            });
        }
        progress.insert(
            m.id.clone(),
            MilestoneProgress {
                status,
                history,
                notes: if rng.chance(20) {
                    "Took longer than planned; the exercises on page 3 helped.".to_owned()
                } else {
                    String::new()
                },
                evidence: if m.kind == Kind::Project {
                    vec![format!("https://git.example.org/learner/{}", m.id)]
                } else {
                    Vec::new()
                },
                hours_logged: rng.below(20) as f64 / 2.0,
                ..MilestoneProgress::default()
            },
        );
    }
    let ids: Vec<&str> = c.milestones().map(|m| m.id.as_str()).collect();
    let activity = (0..events)
        .map(|e| {
            let milestone = MilestoneRef::new(&c.id, ids[rng.below(ids.len())]);
            let at = start + chrono::Duration::seconds(e as i64 * 300);
            let event = if e % 3 == 2 {
                Event::HoursLogged {
                    milestone,
                    hours: 0.5 + rng.below(6) as f64 / 2.0,
                }
            } else {
                Event::StatusChanged {
                    milestone,
                    from: Status::Todo,
                    to: Status::Doing,
                }
            };
            Activity { at, event }
        })
        .collect();
    let goals = c
        .goals
        .iter()
        .enumerate()
        .map(|(g, goal)| AdoptedGoal {
            id: goal.id.clone(),
            title: goal.title.clone(),
            source: Some(GoalSource {
                curriculum: c.id.clone(),
                goal: goal.id.clone(),
            }),
            mentor_note: goal.mentor_note.clone(),
            milestones: goal
                .milestones
                .iter()
                .map(|m| MilestoneRef::new(&c.id, m))
                .collect(),
            target: today() + chrono::Days::new(60 + 30 * g as u64),
            adopted_at: start,
        })
        .collect();
    State {
        goals,
        hours_per_week: 8.0,
        progress: BTreeMap::from([(c.id.clone(), progress.into())]),
        activity,
        onboarded: true,
        ..State::default()
    }
}

/// `c` as a Markdown task list in the shape people publish: `##` sections, task items with
/// nested task items under them (the outer one requires the nested ones), plain bullets with a
/// summary and a link under each item, and some prose and a checked item here and there.
///
/// Holds exactly `c.milestone_count()` task items. The requires of `c` are not reproduced (the
/// Markdown form only has nesting); what matters for timing is the same number of items and links.
pub fn markdown(c: &Curriculum) -> String {
    let mut out = String::with_capacity(c.milestone_count() * 260);
    let _ = writeln!(out, "# {}\n\n{}\n", c.title, c.summary);
    for section in &c.sections {
        let _ = writeln!(
            out,
            "## {}\n\nWork through these in order.\n",
            section.title
        );
        // Groups of three: one outer item with two nested ones.
        for (k, m) in section.milestones.iter().enumerate() {
            let nested = k % 3 != 0;
            let indent = if nested { "  " } else { "" };
            let mark = if k % 11 == 4 { "x" } else { " " };
            let _ = writeln!(out, "{indent}- [{mark}] **{}**", m.title);
            let _ = writeln!(out, "{indent}  - {}", m.summary);
            for r in &m.resources {
                let _ = writeln!(out, "{indent}  - [{}]({})", r.title, r.url);
            }
        }
        out.push('\n');
    }
    out
}

/// `c` as RON: [`to_ron`](waymark::curriculum::format::to_ron)'s output with each line's
/// indentation removed. to_ron's own layout takes ~270 bytes a milestone (27 MB at 100k), over
/// the contract's 16 MiB limit; without the indentation 100k milestones fit, as they do in a
/// hand-written or machine-written file. The parser sees the same tokens either way.
pub fn ron(c: &Curriculum) -> String {
    let pretty = waymark::curriculum::format::to_ron(c);
    let mut out = String::with_capacity(pretty.len() / 2);
    for line in pretty.lines() {
        out.push_str(line.trim_start());
        out.push('\n');
    }
    out
}

/// CPU time of the benchmarking thread, so that figures taken on a machine shared with other
/// work (this project's is: two cores, several builds) measure Waymark, not the queue for a core.
///
/// Read from Linux's `/proc/thread-self/schedstat` (nanoseconds on the CPU; the kernel brings it
/// up to date at each tick, so one reading may lag by a few milliseconds, which is why every
/// sample here spans many of them). Elsewhere, or when the file cannot be read, it falls back to
/// wall-clock time and says so once.
pub struct CpuTime {
    from_kernel: bool,
}

impl CpuTime {
    pub fn new() -> Self {
        let from_kernel = thread_cpu_ns().is_some();
        if !from_kernel {
            eprintln!("note: no /proc/thread-self/schedstat here; measuring wall-clock time");
        }
        Self { from_kernel }
    }

    fn now_ns(&self) -> u64 {
        if self.from_kernel {
            thread_cpu_ns().unwrap_or(0)
        } else {
            static EPOCH: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
            let elapsed = EPOCH.get_or_init(std::time::Instant::now).elapsed();
            u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX)
        }
    }
}

fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Nanoseconds, like wall time, so criterion prints and scales them the same way.
static NANOSECONDS: criterion::measurement::WallTime = criterion::measurement::WallTime;

impl criterion::measurement::Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        self.now_ns()
    }

    fn end(&self, start: u64) -> u64 {
        self.now_ns().saturating_sub(start)
    }

    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }

    fn zero(&self) -> u64 {
        0
    }

    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }

    fn formatter(&self) -> &dyn criterion::measurement::ValueFormatter {
        criterion::measurement::Measurement::formatter(&NANOSECONDS)
    }
}

/// A buffer four times the size of this machine's last-level cache (32 MiB): writing it pushes
/// out whatever an earlier iteration left in the caches, so the next one starts cold, as a
/// call made once after a user's change does. Used in untimed setup (`iter_batched`).
pub struct Evictor(Vec<u8>);

impl Evictor {
    pub fn new() -> Self {
        Self(vec![0; 128 << 20])
    }

    pub fn evict(&mut self) {
        // One write per cache line is enough to claim it.
        for line in self.0.chunks_mut(64) {
            line[0] = line[0].wrapping_add(1);
        }
        std::hint::black_box(&self.0);
    }
}
