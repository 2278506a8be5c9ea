//! Every rule of the contract, each broken rule reported with its place.
//!
//! One run reports every broken rule. All checks are linear in the size of the
//! curriculum: ids go into hash maps once, the `requires` graph is checked for cycles
//! without recursion, and places come from one pass over the source ([`locate`]).

pub mod locate;

use foldhash::{HashMap, HashMapExt, HashSet};

use self::locate::{Kind as At, Pos, SourceIndex};
use super::{
    Curriculum, Diagnostic, MAX_EFFORT_HOURS, MAX_MILESTONES, MAX_TITLE_CHARS, Milestone, is_slug,
};

const SLUG_RULE: &str =
    "an id is 1–64 characters of a-z, 0-9 and '-', not starting or ending with '-'";

/// Checks every rule on a converted curriculum. `source` is the file's text, used to find
/// the line of an offending id; Markdown imports may pass `None` or their own text.
pub fn check(name: &str, curriculum: &Curriculum, source: Option<&str>) -> Vec<Diagnostic> {
    let index = source.map(SourceIndex::build);
    check_indexed(name, curriculum, index.as_ref())
}

/// [`check`] with the source already indexed (the RON reader has built it anyway).
///
/// Positions are used only when the index has exactly the curriculum's shape; a text of
/// another form (Markdown) or another curriculum gives diagnostics without a line.
pub(crate) fn check_indexed(
    name: &str,
    curriculum: &Curriculum,
    index: Option<&SourceIndex>,
) -> Vec<Diagnostic> {
    let mut checker = Checker {
        name,
        c: curriculum,
        index: index.filter(|i| i.matches(curriculum)),
        out: Vec::new(),
    };
    checker.limits();
    checker.curriculum_itself();
    let focus_ids = checker.focus_areas();
    checker.sections();
    let milestone_ids = checker.milestone_ids();
    checker.milestones(&focus_ids, &milestone_ids);
    checker.renames(&milestone_ids);
    checker.splits(&milestone_ids);
    checker.goals(&focus_ids, &milestone_ids);
    checker.cycles(&milestone_ids);

    let mut out = checker.out;
    // Compiler order: file-wide problems first, then by place. The sort is stable, so
    // diagnostics without a place keep the order in which the rules were checked.
    out.sort_by_key(|d| (d.line.is_some(), d.line, d.col));
    out
}

struct Checker<'a> {
    name: &'a str,
    c: &'a Curriculum,
    index: Option<&'a SourceIndex>,
    out: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn report(&mut self, pos: Option<Pos>, message: String) {
        self.out.push(match pos {
            Some(p) => Diagnostic::at(self.name, p.line, p.col, message),
            None => Diagnostic::new(self.name, message),
        });
    }

    fn field(&self, kind: At, n: usize, key: &str) -> Option<Pos> {
        self.index.and_then(|i| i.field(kind, n, key))
    }

    fn item(&self, kind: At, n: usize, key: &str, item: usize) -> Option<Pos> {
        self.index.and_then(|i| i.item(kind, n, key, item))
    }

    fn slug(&mut self, what: &str, id: &str, pos: Option<Pos>) {
        if !is_slug(id) {
            self.report(pos, format!("{what} id \"{id}\" is not valid: {SLUG_RULE}"));
        }
    }

    /// `what` names the owner of the title; it is only written out for a problem, since a
    /// string per milestone is most of what checking a valid curriculum would allocate.
    fn title(&mut self, what: impl FnOnce() -> String, title: &str, pos: Option<Pos>) {
        if title.trim().is_empty() {
            self.report(pos, format!("{} has an empty title", what()));
        } else if title.len() > MAX_TITLE_CHARS {
            // Counting characters only when the bytes could be too many.
            let chars = title.chars().count();
            if chars > MAX_TITLE_CHARS {
                self.report(
                    pos,
                    format!(
                        "{} has a title of {chars} characters; at most {MAX_TITLE_CHARS} are allowed",
                        what()
                    ),
                );
            }
        }
    }

    /// Reports the second and later uses of an id among `ids`.
    fn unique(&mut self, what: &str, kind: At, ids: impl Iterator<Item = &'a str>) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (n, id) in ids.enumerate() {
            if let Some(&earlier) = first.get(id) {
                let place = self
                    .field(kind, earlier, "id")
                    .map(|p| format!(" (first at {}:{})", p.line, p.col))
                    .unwrap_or_default();
                let pos = self.field(kind, n, "id");
                self.report(
                    pos,
                    format!("{what} id \"{id}\" is used more than once{place}"),
                );
            } else {
                first.insert(id, n);
            }
        }
    }

    fn limits(&mut self) {
        let count = self.c.milestone_count();
        if count > MAX_MILESTONES {
            self.report(
                None,
                format!(
                    "the curriculum has {count} milestones; at most {MAX_MILESTONES} are allowed"
                ),
            );
        }
    }

    fn curriculum_itself(&mut self) {
        let c = self.c;
        let pos = self.field(At::Curriculum, 0, "id");
        self.slug("curriculum", &c.id, pos);
        let pos = self.field(At::Curriculum, 0, "title");
        self.title(|| format!("curriculum \"{}\"", c.id), &c.title, pos);
    }

    fn focus_areas(&mut self) -> HashSet<&'a str> {
        let c = self.c;
        for (n, f) in c.focus_areas.iter().enumerate() {
            let pos = self.field(At::FocusArea, n, "id");
            self.slug("focus area", &f.id, pos);
            let pos = self.field(At::FocusArea, n, "title");
            self.title(|| format!("focus area \"{}\"", f.id), &f.title, pos);
        }
        self.unique(
            "focus area",
            At::FocusArea,
            c.focus_areas.iter().map(|f| f.id.as_str()),
        );
        c.focus_areas.iter().map(|f| f.id.as_str()).collect()
    }

    fn sections(&mut self) {
        let c = self.c;
        for (n, s) in c.sections.iter().enumerate() {
            let pos = self.field(At::Section, n, "id");
            self.slug("section", &s.id, pos);
            let pos = self.field(At::Section, n, "title");
            self.title(|| format!("section \"{}\"", s.id), &s.title, pos);
        }
        self.unique(
            "section",
            At::Section,
            c.sections.iter().map(|s| s.id.as_str()),
        );
    }

    /// Every milestone id with its first milestone's document index; reports repeats.
    fn milestone_ids(&mut self) -> HashMap<&'a str, usize> {
        let c = self.c;
        let mut ids = HashMap::with_capacity(c.milestone_count());
        for (n, m) in c.milestones().enumerate() {
            ids.entry(m.id.as_str()).or_insert(n);
        }
        // Repeats are rare: the map is the same size as the list only when there are none.
        if ids.len() != c.milestone_count() {
            self.unique(
                "milestone",
                At::Milestone,
                c.milestones().map(|m| m.id.as_str()),
            );
        }
        ids
    }

    fn milestones(&mut self, focus_ids: &HashSet<&str>, milestone_ids: &HashMap<&str, usize>) {
        let c = self.c;
        let mut resource_n = 0;
        for (n, m) in c.milestones().enumerate() {
            let pos = self.field(At::Milestone, n, "id");
            self.slug("milestone", &m.id, pos);
            let what = || format!("milestone \"{}\"", m.id);
            let pos = self.field(At::Milestone, n, "title");
            self.title(what, &m.title, pos);

            if let Some(hours) = m.effort_hours
                && !(0.0..=MAX_EFFORT_HOURS).contains(&hours)
            {
                let pos = self.field(At::Milestone, n, "effort_hours");
                self.report(
                    pos,
                    format!(
                        "{} has effort_hours {hours}; it must be a number of hours from 0 to {MAX_EFFORT_HOURS}",
                        what()
                    ),
                );
            }
            if let Some(high) = m.effort_hours_high {
                let pos = self.field(At::Milestone, n, "effort_hours_high");
                let problem = match m.effort_hours {
                    _ if !(0.0..=MAX_EFFORT_HOURS).contains(&high) => Some(format!(
                        "it must be a number of hours from 0 to {MAX_EFFORT_HOURS}"
                    )),
                    None => Some("it needs effort_hours, the likely figure, beside it".to_owned()),
                    Some(likely) if high < likely => Some(format!(
                        "it must be at least effort_hours ({likely}), since it is the figure for when it goes badly"
                    )),
                    Some(_) => None,
                };
                if let Some(problem) = problem {
                    self.report(
                        pos,
                        format!("{} has effort_hours_high {high}; {problem}", what()),
                    );
                }
            }
            for (j, f) in m.focus.iter().enumerate() {
                if !focus_ids.contains(f.as_str()) {
                    let pos = self.item(At::Milestone, n, "focus", j);
                    self.report(pos, format!("{} has unknown focus area \"{f}\"", what()));
                }
            }
            for (j, r) in m.requires.iter().enumerate() {
                if !milestone_ids.contains_key(r.as_str()) {
                    let pos = self.item(At::Milestone, n, "requires", j);
                    self.report(
                        pos,
                        format!("{} requires unknown milestone \"{r}\"", what()),
                    );
                }
            }
            for r in &m.resources {
                self.resource(m, r, resource_n);
                resource_n += 1;
            }
        }
    }

    fn resource(&mut self, milestone: &Milestone, r: &super::Resource, n: usize) {
        let pos = self.field(At::Resource, n, "title");
        let id = &milestone.id;
        self.title(
            || format!("a resource of milestone \"{id}\""),
            &r.title,
            pos,
        );
        if !super::is_openable_url(&r.url) {
            let pos = self.field(At::Resource, n, "url");
            self.report(
                pos,
                format!(
                    "resource \"{}\" of milestone \"{id}\" has URL \"{}\"; only http and https URLs are allowed",
                    r.title, r.url
                ),
            );
        }
    }

    fn renames(&mut self, milestone_ids: &HashMap<&str, usize>) {
        let c = self.c;
        let milestones: Vec<&Milestone> = c.milestones().collect();
        let mut owner: HashMap<&str, usize> = HashMap::new();
        // The last milestone that listed each old id: a repeat in the same list is harmless
        // and is not reported twice.
        let mut last_lister: HashMap<&str, usize> = HashMap::new();
        for (n, m) in milestones.iter().enumerate() {
            for (j, old) in m.renamed_from.iter().enumerate() {
                if last_lister.insert(old.as_str(), n) == Some(n) {
                    continue;
                }
                let pos = self.item(At::Milestone, n, "renamed_from", j);
                if !is_slug(old) {
                    self.report(
                        pos,
                        format!(
                            "milestone \"{}\" lists \"{old}\" in renamed_from, which is not a valid id: {SLUG_RULE}",
                            m.id
                        ),
                    );
                }
                if milestone_ids.contains_key(old.as_str()) {
                    self.report(
                        pos,
                        format!(
                            "milestone \"{}\" lists \"{old}\" in renamed_from, but \"{old}\" is a milestone of this curriculum",
                            m.id
                        ),
                    );
                }
                match owner.get(old.as_str()) {
                    Some(&first) => {
                        let first_id = &milestones[first].id;
                        self.report(
                            pos,
                            format!(
                                "\"{old}\" is in the renamed_from of both milestone \"{first_id}\" and milestone \"{}\"; an old id can become only one milestone",
                                m.id
                            ),
                        );
                    }
                    None => {
                        owner.insert(old.as_str(), n);
                    }
                }
            }
        }
    }

    /// `split_from` names milestones of this file, or earlier ids a `renamed_from` lists: the
    /// milestones this one was split off from, never itself.
    fn splits(&mut self, milestone_ids: &HashMap<&str, usize>) {
        let c = self.c;
        let earlier: HashSet<&str> = c
            .milestones()
            .flat_map(|m| m.renamed_from.iter().map(String::as_str))
            .collect();
        for (n, m) in c.milestones().enumerate() {
            for (j, from) in m.split_from.iter().enumerate() {
                let pos = self.item(At::Milestone, n, "split_from", j);
                if !is_slug(from) {
                    self.report(
                        pos,
                        format!(
                            "milestone \"{}\" lists \"{from}\" in split_from, which is not a valid id: {SLUG_RULE}",
                            m.id
                        ),
                    );
                } else if *from == m.id {
                    self.report(
                        pos,
                        format!("milestone \"{}\" lists itself in split_from", m.id),
                    );
                } else if !milestone_ids.contains_key(from.as_str())
                    && !earlier.contains(from.as_str())
                {
                    self.report(
                        pos,
                        format!(
                            "milestone \"{}\" lists \"{from}\" in split_from, which is neither a milestone of this curriculum nor an earlier id in a renamed_from",
                            m.id
                        ),
                    );
                }
            }
        }
    }

    fn goals(&mut self, focus_ids: &HashSet<&str>, milestone_ids: &HashMap<&str, usize>) {
        let c = self.c;
        for (n, g) in c.goals.iter().enumerate() {
            let pos = self.field(At::Goal, n, "id");
            self.slug("goal", &g.id, pos);
            let what = || format!("goal \"{}\"", g.id);
            let pos = self.field(At::Goal, n, "title");
            self.title(what, &g.title, pos);
            if let Some(f) = &g.focus
                && !focus_ids.contains(f.as_str())
            {
                let pos = self.field(At::Goal, n, "focus");
                self.report(pos, format!("{} has unknown focus area \"{f}\"", what()));
            }
            for (j, m) in g.milestones.iter().enumerate() {
                if !milestone_ids.contains_key(m.as_str()) {
                    let pos = self.item(At::Goal, n, "milestones", j);
                    self.report(pos, format!("{} lists unknown milestone \"{m}\"", what()));
                }
            }
        }
        self.unique("goal", At::Goal, c.goals.iter().map(|g| g.id.as_str()));
    }

    /// Reports one cycle in each group of milestones that require each other, named
    /// `a -> b -> a`.
    ///
    /// The groups are the strongly connected components of the `requires` graph (Tarjan's
    /// algorithm with an explicit stack, so a 100,000-long chain cannot overflow ours).
    /// In a group of two or more, every milestone requires another of the same group, so
    /// following such edges from any of them must come back to one already seen: that loop
    /// is the cycle named. Each milestone is walked at most once.
    fn cycles(&mut self, milestone_ids: &HashMap<&str, usize>) {
        let milestones: Vec<&Milestone> = self.c.milestones().collect();
        // out.of(i): (milestone required by i, index of that entry in i's `requires`).
        let out = Edges::build(&milestones, milestone_ids);
        let group = strongly_connected(&out);

        let n = milestones.len();
        let mut group_size = vec![0usize; n];
        for &g in &group {
            group_size[g] += 1;
        }
        let mut reported = vec![false; n];
        let mut place_on_walk = vec![usize::MAX; n];
        let mut via = vec![0usize; n];
        for start in 0..n {
            let g = group[start];
            let in_group = |v: usize| out.of(v).iter().find(|&&(t, _)| group[t] == g).copied();
            let cyclic = group_size[g] > 1 || out.of(start).iter().any(|&(t, _)| t == start);
            if reported[g] || !cyclic {
                continue;
            }
            // One cycle per group is enough; the others share its milestones.
            reported[g] = true;
            let mut walk = Vec::new();
            let mut at = start;
            let cycle = loop {
                place_on_walk[at] = walk.len();
                walk.push(at);
                let Some((next, entry)) = in_group(at) else {
                    break Vec::new(); // cannot happen in a cyclic group
                };
                via[at] = entry;
                if place_on_walk[next] != usize::MAX {
                    break walk[place_on_walk[next]..].to_vec();
                }
                at = next;
            };
            self.report_cycle(&milestones, cycle, &via);
        }
    }

    fn report_cycle(&mut self, milestones: &[&Milestone], mut cycle: Vec<usize>, via: &[usize]) {
        let Some(first) = (0..cycle.len()).min_by_key(|&k| cycle[k]) else {
            return;
        };
        cycle.rotate_left(first);
        let mut names: Vec<&str> = cycle.iter().map(|&k| milestones[k].id.as_str()).collect();
        names.push(names.first().copied().unwrap_or_default());
        let pos = cycle
            .first()
            .and_then(|&k| self.item(At::Milestone, k, "requires", via[k]));
        self.report(
            pos,
            format!("requires forms a cycle: {}", names.join(" -> ")),
        );
    }
}

/// The `requires` graph in one allocation: node `v`'s edges are `edges[start[v]..start[v + 1]]`,
/// each `(milestone required, index of the entry in the milestone's requires)`.
struct Edges {
    start: Vec<usize>,
    edges: Vec<(usize, usize)>,
}

impl Edges {
    fn build(milestones: &[&Milestone], ids: &HashMap<&str, usize>) -> Self {
        let mut start = Vec::with_capacity(milestones.len() + 1);
        let mut edges = Vec::with_capacity(milestones.len() * 2);
        start.push(0);
        for m in milestones {
            edges.extend(
                m.requires
                    .iter()
                    .enumerate()
                    .filter_map(|(j, r)| ids.get(r.as_str()).map(|&t| (t, j))),
            );
            start.push(edges.len());
        }
        Self { start, edges }
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn of(&self, v: usize) -> &[(usize, usize)] {
        &self.edges[self.start[v]..self.start[v + 1]]
    }
}

/// The strongly connected component of every node, by Tarjan's algorithm run on an
/// explicit stack. `out.of(v)` lists `(target, _)` edges.
fn strongly_connected(out: &Edges) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = out.len();
    let mut order = vec![UNVISITED; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut group = vec![UNVISITED; n];
    let mut next_order = 0usize;
    let mut next_group = 0usize;
    // (node, how many of its edges are done)
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if order[root] != UNVISITED {
            continue;
        }
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        calls.push((root, 0));
        while let Some(&mut (v, ref mut done)) = calls.last_mut() {
            if let Some(&(w, _)) = out.of(v).get(*done) {
                *done += 1;
                if order[w] == UNVISITED {
                    order[w] = next_order;
                    low[w] = next_order;
                    next_order += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    group[w] = next_group;
                    if w == v {
                        break;
                    }
                }
                next_group += 1;
            }
        }
    }
    group
}

#[cfg(test)]
mod tests;
