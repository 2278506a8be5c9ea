#!/usr/bin/env python3
"""Checks a Waymark RON curriculum against the contract's rules and prints its hours.

A stand-alone aid for curriculum authors (the Rust validator, `waymark validate`, is the
authority). It parses RON's struct/list/string/number subset that curricula use, checks ids,
references, cycles, titles, hours (likely `effort_hours` and high `effort_hours_high`) and URLs,
then prints, as Markdown tables, the likely and high hours of each section of the core path and
of each focus area, with the balance between focus areas and the share of round estimates.
The README's and CONTENT-README.md's tables are pasted from this output.
Usage: python3 tools/curriculum_stats.py curricula/ai-engineer.ron
"""

import math
import re
import sys
from collections import defaultdict

TOKEN = re.compile(
    r'\s+|//[^\n]*|/\*.*?\*/|(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?)'
    r"|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[()\[\]:,])",
    re.S,
)
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
FIELDS = {
    "Curriculum": {"format", "id", "revision", "title", "summary", "authors", "license",
                   "revision_note", "focus_areas", "sections", "goals"},
    "FocusArea": {"id", "title", "summary"},
    "Section": {"id", "title", "milestones"},
    "Milestone": {"id", "title", "kind", "effort_hours", "effort_hours_high", "focus", "requires", "summary",
                  "mentor_tip", "resources", "renamed_from", "split_from"},
    "Resource": {"title", "url"},
    "Goal": {"id", "title", "focus", "mentor_note", "milestones", "suggested_weeks"},
}


class Struct(dict):
    def __init__(self, name, fields, line):
        super().__init__(fields)
        self.name = name
        self.line = line


def tokenize(text):
    pos, line, out = 0, 1, []
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise SyntaxError(f"{line}: unexpected {text[pos]!r}")
        kind = m.lastgroup
        if kind:
            out.append((kind, m.group(kind), line))
        line += m.group(0).count("\n")
        pos = m.end()
    return out


def parse(tokens):
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else ("eof", "", -1)

    def take(expected=None):
        nonlocal pos
        tok = peek()
        if expected and tok[1] != expected:
            raise SyntaxError(f"{tok[2]}: expected {expected!r}, found {tok[1]!r}")
        pos += 1
        return tok

    def value():
        kind, text, line = take()
        if kind == "str":
            return bytes(text[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        if kind == "num":
            return float(text) if "." in text else int(text)
        if text == "[":
            items = []
            while peek()[1] != "]":
                items.append(value())
                if peek()[1] == ",":
                    take()
            take("]")
            return items
        if kind == "ident":
            if peek()[1] != "(":
                return text  # enum variant such as Skill
            take("(")
            fields = {}
            while peek()[1] != ")":
                _, name, fline = take()
                take(":")
                if name in fields:
                    raise SyntaxError(f"{fline}: field {name} given twice")
                fields[name] = value()
                if peek()[1] == ",":
                    take()
            take(")")
            return Struct(text, fields, line)
        raise SyntaxError(f"{line}: unexpected {text!r}")

    result = value()
    if pos != len(tokens):
        raise SyntaxError(f"{peek()[2]}: trailing input")
    return result


def check(c):
    errors = []

    def fields_ok(s):
        for name in s:
            if name not in FIELDS.get(s.name, ()):
                errors.append(f"{s.line}: unknown field {name} in {s.name}")

    def slug(kind, s):
        if not SLUG.match(s.get("id", "")):
            errors.append(f"{s.line}: {kind} id {s.get('id')!r} is not a slug")

    def title(s):
        t = s.get("title", "")
        if not t or len(t) > 200:
            errors.append(f"{s.line}: bad title length on {s.get('id', s.get('url'))}")

    fields_ok(c)
    if c.get("format") != 1:
        errors.append("format is not 1")
    slug("curriculum", c)
    title(c)
    focus_ids = set()
    for f in c.get("focus_areas", []):
        fields_ok(f), slug("focus area", f), title(f)
        if f["id"] in focus_ids:
            errors.append(f"{f.line}: duplicate focus area {f['id']}")
        focus_ids.add(f["id"])
    milestones, section_ids = {}, set()
    for s in c.get("sections", []):
        fields_ok(s), slug("section", s), title(s)
        if s["id"] in section_ids:
            errors.append(f"{s.line}: duplicate section {s['id']}")
        section_ids.add(s["id"])
        for m in s.get("milestones", []):
            fields_ok(m), slug("milestone", m), title(m)
            if m["id"] in milestones:
                errors.append(f"{m.line}: duplicate milestone {m['id']}")
            milestones[m["id"]] = m
            m["_section"] = s["id"]
    for m in milestones.values():
        for r in m.get("requires", []):
            if r not in milestones:
                errors.append(f"{m.line}: {m['id']} requires unknown {r}")
        for f in m.get("focus", []):
            if f not in focus_ids:
                errors.append(f"{m.line}: {m['id']} has unknown focus {f}")
        h = m.get("effort_hours")
        if h is not None and not 0 <= h <= 10000:
            errors.append(f"{m.line}: {m['id']} effort_hours {h} out of range")
        high = m.get("effort_hours_high")
        if high is not None:
            if h is None:
                errors.append(f"{m.line}: {m['id']} has effort_hours_high without effort_hours")
            elif not h <= high <= 10000:
                errors.append(f"{m.line}: {m['id']} effort_hours_high {high} is below {h} or too large")
        if m.get("kind", "Skill") not in ("Skill", "Framework", "Project"):
            errors.append(f"{m.line}: {m['id']} has unknown kind")
        for r in m.get("resources", []):
            fields_ok(r), title(r)
            if not r.get("url", "").startswith(("http://", "https://")):
                errors.append(f"{r.line}: bad url {r.get('url')!r}")
    goal_ids = set()
    for g in c.get("goals", []):
        fields_ok(g), slug("goal", g), title(g)
        if g["id"] in goal_ids:
            errors.append(f"{g.line}: duplicate goal {g['id']}")
        goal_ids.add(g["id"])
        if "focus" in g and g["focus"] not in focus_ids:
            errors.append(f"{g.line}: goal {g['id']} has unknown focus {g['focus']}")
        for mid in g.get("milestones", []):
            if mid not in milestones:
                errors.append(f"{g.line}: goal {g['id']} lists unknown milestone {mid}")
    # Cycle check without recursion: colour marks, explicit stack.
    colour = {}
    for start in milestones:
        if start in colour:
            continue
        stack = [(start, iter(milestones[start].get("requires", [])))]
        colour[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = 2
                stack.pop()
            elif child in milestones and colour.get(child) == 1:
                path = [n for n, _ in stack]
                cycle = path[path.index(child):] + [child]
                errors.append("cycle: " + " -> ".join(cycle))
            elif child in milestones and child not in colour:
                colour[child] = 1
                stack.append((child, iter(milestones[child].get("requires", []))))
    return errors, milestones


def closure(ids, milestones):
    seen, todo = set(), list(ids)
    while todo:
        mid = todo.pop()
        if mid in seen:
            continue
        seen.add(mid)
        todo.extend(milestones[mid].get("requires", []))
    return seen


ROUND = (10, 12, 15, 20)


def num(x):
    """1234.0 -> '1,234'; 2.5 -> '2.5'."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def report(c, milestones):
    likely = lambda ids: sum(milestones[i].get("effort_hours", 0) for i in ids)
    high = lambda ids: sum(milestones[i].get("effort_hours_high", milestones[i].get("effort_hours", 0)) for i in ids)
    core = [i for i, m in milestones.items() if not m.get("focus")]
    by_focus = defaultdict(list)
    for i, m in milestones.items():
        for f in m.get("focus", []):
            by_focus[f].append(i)
    goals_by_focus = defaultdict(int)
    for g in c.get("goals", []):
        goals_by_focus[g.get("focus")] += 1
    tips = sum(1 for m in milestones.values() if m.get("mentor_tip"))
    total = len(milestones)
    print(f"milestones: {total}  goals: {len(c.get('goals', []))}  "
          f"focus areas: {len(c.get('focus_areas', []))}  "
          f"mentor tips: {tips} ({100 * tips / max(total, 1):.0f}%)")
    print(f"core path: {len(core)} milestones, {num(likely(core))} h likely, {num(high(core))} h high "
          f"({likely(core) / 10:.0f} to {high(core) / 10:.0f} weeks at 10 h a week)")
    for field in ("effort_hours", "effort_hours_high"):
        n = sum(1 for m in milestones.values() if m.get(field) in ROUND)
        print(f"round estimates ({field} of 10, 12, 15 or 20 h): {n} of {total} ({100 * n / max(total, 1):.0f}%)")
    print()
    print("| section | milestones | likely hours | high hours |")
    print("|---|---|---|---|")
    for s in c.get("sections", []):
        ids = [m["id"] for m in s.get("milestones", []) if not m.get("focus")]
        if ids:
            print(f"| {s['title']} | {len(ids)} | {num(likely(ids))} | {num(high(ids))} |")
    print(f"| **core path** | **{len(core)}** | **{num(likely(core))}** | **{num(high(core))}** |")
    print()
    print("| focus area | milestones | projects | goals | likely hours | high hours | in its goals, likely | electives | core + focus, likely | core + focus, high |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    own = {}
    for f in c.get("focus_areas", []):
        ids = by_focus[f["id"]]
        projects = sum(1 for i in ids if milestones[i].get("kind") == "Project")
        # What the area's goals take (their milestones and prerequisites); the rest is elective.
        taken = set()
        for g in c.get("goals", []):
            if g.get("focus") == f["id"]:
                taken |= closure(g["milestones"], milestones)
        adopted = [i for i in ids if i in taken]
        electives = [i for i in ids if i not in taken]
        own[f["id"]] = likely(adopted)
        print(f"| {f['title']} | {len(ids)} | {projects} | {goals_by_focus[f['id']]} "
              f"| {num(likely(ids))} | {num(high(ids))} | {num(likely(adopted))} "
              f"| {', '.join(f'`{i}`' for i in electives) or 'none'} | {num(likely(core) + likely(ids))} "
              f"| {num(high(core) + high(ids))} |")
    if own:
        light, heavy = min(own, key=own.get), max(own, key=own.get)
        print()
        print(f"balance: what the areas' goals take ranges from {num(own[light])} h ({light}) to {num(own[heavy])} h ({heavy}), "
              f"a spread of {num(own[heavy] - own[light])} h or {100 * (own[heavy] / own[light] - 1):.0f}%")
    for f in c.get("focus_areas", []):
        ids = by_focus[f["id"]]
        outside = sorted(i for i in closure(ids, milestones) - set(ids) if milestones[i].get("focus"))
        if outside:
            print(f"{f['id']} needs milestones of other focus areas: {', '.join(outside)}")


# The planner's model (src/plan/range.rs): a milestone's hours are lognormal with its likely
# figure as the median and its high figure as the 90th percentile; a stretch of work sums them
# (Fenton-Wilkinson), and the learner's unknown pace widens the late figure only.
Z90 = 1.281551565545
PACE_SD = 0.8 / 2.0  # no finished milestone yet: MILESTONE_LOG_SD / sqrt(PRIOR_WEIGHT)


def moments(m):
    likely = m.get("effort_hours", 0)
    high = m.get("effort_hours_high", likely * 2)
    if likely <= 0:
        return 0.0, 0.0
    s2 = (math.log(high / likely) / Z90) ** 2
    mean = likely * math.exp(s2 / 2)
    return mean, mean * mean * math.expm1(s2)


def likely_hours(mean, var):
    if mean <= 0:
        return 0.0
    s2 = math.log1p(var / mean / mean)
    return math.exp(math.log(mean) - s2 / 2)


def fits(goal, focus):
    return "focus" not in goal or goal["focus"] in focus


def path_order(c, milestones, focus):
    """The goals that fit `focus`, in the order Waymark's guide proposes them (src/plan/suggest.rs,
    `path_order`): each project as soon as the goals it needs are placed."""
    goals = [g for g in c.get("goals", []) if fits(g, focus)]
    index = {g["id"]: k for k, g in enumerate(goals)}
    named = {}
    for g in goals:
        for mid in g["milestones"]:
            named.setdefault(mid, g["id"])
    needs = {}
    for g in goals:
        own = set(g["milestones"])
        needs[g["id"]] = sorted({named[m] for m in closure(g["milestones"], milestones)
                                 if m not in own and m in named and named[m] != g["id"]}, key=index.get)
    placed, order = set(), []

    def place(gid, busy=()):
        if gid in placed or gid in busy:
            return
        for a in needs[gid]:
            place(a, busy + (gid,))
        placed.add(gid)
        order.append(gid)

    def transitive(gid):
        seen, todo = set(), [gid]
        while todo:
            for a in needs[todo.pop()]:
                if a not in seen:
                    seen.add(a)
                    todo.append(a)
        return seen

    focus_goals = [g["id"] for g in goals if "focus" in g]
    while len(order) < len(goals):
        pending = [f for f in focus_goals if f not in placed]
        if not pending:
            place(next(g["id"] for g in goals if g["id"] not in placed))
            continue
        f = pending[0]
        if all(a in placed for a in needs[f]):
            place(f)
            continue
        wanted = transitive(f)
        core = next((g["id"] for g in goals if g["id"] not in placed and "focus" not in g
                     and (g["id"] in wanted or index[g["id"]] < index[f])), None)
        place(core or f)
    return [next(g for g in goals if g["id"] == gid) for gid in order]


def weeks_to_goals(c, milestones, focus, known, weekly):
    """{goal id: weeks until its likely finish} for the guide's proposal at `weekly` hours a week,
    with the milestones in `known` known: what `waymark onboard` then `waymark status` show."""
    done = set(known)
    seen, mean, var, floor, weeks = set(), 0.0, 0.0, 0.0, {}
    for g in path_order(c, milestones, focus):
        for mid in closure(g["milestones"], milestones):
            if mid in seen or mid in done:
                continue
            seen.add(mid)
            m, v = moments(milestones[mid])
            mean, var = mean + m, var + v
        floor = max(floor, likely_hours(mean, var))
        days = math.ceil(floor / weekly * 7 - 1e-9)
        weeks[g["id"]] = math.ceil(days / 7)
    return weeks


# The core goal that makes a learner ready to interview.
JOB_READY = "core-working-engineer"


def spiral(c, milestones):
    """Per focus area, the weeks to its first project, its first deeper project, the interview loop
    (the core's job-ready goal), its capstone and the whole path, at 6 and at 10 hours a week, for a
    learner who knows Python and a beginner."""
    print()
    print("| focus area | background | first project | deeper project | interview loop | capstone | whole path |")
    print("|---|---|---|---|---|---|---|")
    for f in c.get("focus_areas", []):
        own = [g for g in c.get("goals", []) if g.get("focus") == f["id"]]
        first, deeper, capstone = own[0]["id"], own[1]["id"], own[-1]["id"]
        for label, known in (("knows Python", ["python-fundamentals"]), ("beginner", [])):
            cells = []
            six = weeks_to_goals(c, milestones, [f["id"]], known, 6.0)
            ten = weeks_to_goals(c, milestones, [f["id"]], known, 10.0)
            for goal in (first, deeper, JOB_READY, capstone, None):
                pick = (lambda w: max(w.values())) if goal is None else (lambda w: w[goal])
                cells.append(f"{pick(six)} / {pick(ten)}")
            name = f["title"] if label == "knows Python" else ""
            print(f"| {name} | {label} | " + " | ".join(cells) + " |")
    print()
    print("Weeks until the likely finish that `waymark onboard --focus AREA --hours H` (and `--knows python`)")
    print("then `waymark status` show, at 6 / 10 hours a week. The deeper project is the area's second goal,")
    print(f"the interview loop the core's `{JOB_READY}` goal, the capstone the area's last goal (it needs the")
    print("core's ship-and-monitor project and responsible AI).")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: curriculum_stats.py FILE.ron")
    with open(sys.argv[1], encoding="utf-8") as fh:
        c = parse(tokenize(fh.read()))
    errors, milestones = check(c)
    for e in errors:
        print(f"{sys.argv[1]}:{e}", file=sys.stderr)
    report(c, milestones)
    if not errors and c.get("goals"):
        spiral(c, milestones)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
