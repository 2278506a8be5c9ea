//! The rules of every change, in one place: what may be changed, what the change makes (its
//! steps), what it is called, and what takes it back. The window and the command line only ask.

use chrono::{DateTime, Utc};

use super::mentoring::PortfolioChoice;
use super::{Change, Workspace, WorkspaceError};
use crate::curriculum::Kind as MilestoneKind;
use crate::plan::{day_words, hours_words};
use crate::progress::profile::{check_hours, check_hours_per_week};
use crate::progress::{
    Activity, AdoptedGoal, Event, MilestoneRef, Profile, ProfileError, Review, Status, StatusChange,
};
use crate::sync::Op;

/// A change checked and turned into steps.
pub(super) struct Planned {
    pub ops: Vec<Op>,
    pub what: String,
    pub log_offer: Option<(MilestoneRef, f64)>,
}

impl Planned {
    pub(super) fn new(ops: Vec<Op>, what: String) -> Self {
        Self {
            ops,
            what,
            log_offer: None,
        }
    }
}

/// Whether a milestone of this kind comes back for review (see
/// [`crate::curriculum::Kind::is_reviewed`]).
pub fn is_reviewable(kind: MilestoneKind) -> bool {
    kind.is_reviewed()
}

impl Workspace {
    pub(super) fn titled(&self, m: &MilestoneRef) -> String {
        format!("“{}”", self.title_of(m))
    }

    /// The steps that set a milestone's status, with its history and the log.
    pub(super) fn status_ops(
        &self,
        m: &MilestoneRef,
        to: Status,
        now: DateTime<Utc>,
        logged: bool,
    ) -> Vec<Op> {
        let from = self.state.status(m);
        let mut ops = vec![
            Op::Status(m.clone(), to),
            Op::History(
                m.clone(),
                StatusChange {
                    status: to,
                    at: now,
                },
                true,
            ),
        ];
        if logged {
            ops.push(Op::Activity(Activity {
                at: now,
                event: Event::StatusChanged {
                    milestone: m.clone(),
                    from,
                    to,
                },
            }));
        }
        ops
    }

    /// Checks a change that arrives in bursts and names it.
    pub(super) fn check_continuous(&self, change: &Change) -> Result<String, WorkspaceError> {
        Ok(match change {
            Change::SetNotes { milestone, notes } => {
                self.check_milestone(milestone)?;
                crate::progress::profile::check_long_text(notes, "the notes")?;
                format!("notes on {}", self.titled(milestone))
            }
            Change::SetEstimate { milestone, hours } => {
                self.check_milestone(milestone)?;
                if let Some(h) = hours {
                    check_hours(*h)?;
                }
                format!("your estimate of {}", self.titled(milestone))
            }
            Change::SetHoursPerWeek(h) => {
                check_hours_per_week(*h)?;
                // From the value recorded: a burst of dragging is one change, from where it began.
                let from = self.journal.replica().hours_per_week();
                format!(
                    "hours a week from {} to {}",
                    hours_words(from),
                    hours_words(*h)
                )
            }
            Change::SetMentor { name, contact } => {
                for text in [name, contact] {
                    if text.chars().any(char::is_control) || text.len() > 4096 {
                        return Err(ProfileError::Text("a mentor's name or contact".into()).into());
                    }
                }
                "your mentor's name and contact".to_owned()
            }
            Change::SetLearnerName(name) => {
                crate::progress::learner::check_name(name)?;
                "your name".to_owned()
            }
            _ => String::new(),
        })
    }

    /// Checks `change` by its rules and turns it into the steps it makes.
    pub(super) fn plan_change(
        &self,
        change: &Change,
        now: DateTime<Utc>,
    ) -> Result<Planned, WorkspaceError> {
        let st = &self.state;
        Ok(match change {
            Change::SetStatus { milestone, status } => {
                self.check_milestone(milestone)?;
                let what = format!("marked {} {status}", self.titled(milestone));
                if st.status(milestone) == *status {
                    return Ok(Planned::new(Vec::new(), what));
                }
                let logged = st.milestone(milestone).map_or(0.0, |p| p.hours_logged);
                // Done with nothing logged: the pace and this week learn nothing from it
                // unless its hours are logged, so the faces offer to log its estimate.
                let log_offer = (*status == Status::Done && logged == 0.0)
                    .then(|| self.estimate_of(milestone))
                    .flatten()
                    .filter(|h| *h > 0.0)
                    .map(|h| (milestone.clone(), h));
                Planned {
                    ops: self.status_ops(milestone, *status, now, true),
                    what,
                    log_offer,
                }
            }
            Change::Skip(milestones) => {
                for m in milestones {
                    self.check_milestone(m)?;
                }
                let todo: Vec<&MilestoneRef> = milestones
                    .iter()
                    .filter(|m| !st.status(m).is_finished())
                    .collect();
                let what = match todo.as_slice() {
                    [one] => format!("skipped {}", self.titled(one)),
                    many => format!("skipped {} milestones", many.len()),
                };
                let ops = todo
                    .into_iter()
                    .flat_map(|m| self.status_ops(m, Status::Skipped, now, true))
                    .collect();
                Planned::new(ops, what)
            }
            Change::LogHours { milestone, hours } => {
                self.check_milestone(milestone)?;
                let hours = check_hours(*hours)?;
                Planned::new(
                    vec![
                        Op::Hours(milestone.clone(), hours),
                        Op::Activity(Activity {
                            at: now,
                            event: Event::HoursLogged {
                                milestone: milestone.clone(),
                                hours,
                            },
                        }),
                    ],
                    format!(
                        "logged {} h on {}",
                        hours_words(hours),
                        self.titled(milestone)
                    ),
                )
            }
            Change::AddEvidence { milestone, link }
            | Change::RemoveEvidence { milestone, link } => {
                self.check_milestone(milestone)?;
                let add = matches!(change, Change::AddEvidence { .. });
                let link = link.trim();
                if add && !crate::curriculum::is_openable_url(link) {
                    return Err(WorkspaceError::NotALink(link.to_owned()));
                }
                let has = st
                    .milestone(milestone)
                    .is_some_and(|p| p.evidence.iter().any(|e| e == link));
                let what = format!(
                    "{} evidence {}",
                    if add { "added" } else { "removed" },
                    self.titled(milestone)
                );
                let ops = if has == add {
                    Vec::new()
                } else {
                    vec![Op::Evidence(milestone.clone(), link.to_owned(), add)]
                };
                Planned::new(ops, what)
            }
            Change::Review {
                milestone,
                passed,
                note,
            } => {
                self.check_milestone(milestone)?;
                if self
                    .milestone(milestone)
                    .is_some_and(|m| !is_reviewable(m.kind))
                {
                    return Err(WorkspaceError::NotReviewable(
                        milestone.clone(),
                        "projects are not reviewed, only skills and frameworks",
                    ));
                }
                if st.status(milestone) != Status::Done {
                    return Err(WorkspaceError::NotReviewable(
                        milestone.clone(),
                        "it is not done",
                    ));
                }
                Planned::new(
                    vec![
                        Op::Review(
                            milestone.clone(),
                            Review {
                                at: now,
                                passed: *passed,
                                note: note.clone(),
                            },
                            true,
                        ),
                        Op::Activity(Activity {
                            at: now,
                            event: Event::Reviewed {
                                milestone: milestone.clone(),
                                passed: *passed,
                            },
                        }),
                    ],
                    format!(
                        "review of {} ({})",
                        self.titled(milestone),
                        if *passed { "passed" } else { "failed" }
                    ),
                )
            }
            Change::ResolveChanged { milestone, reopen } => {
                self.check_milestone(milestone)?;
                if st.milestone(milestone).is_none_or(|p| p.changed.is_none()) {
                    return Err(WorkspaceError::NotChanged(milestone.clone()));
                }
                let mut ops = vec![Op::Changed(milestone.clone(), None)];
                if *reopen && st.status(milestone) != Status::Todo {
                    ops.extend(self.status_ops(milestone, Status::Todo, now, true));
                }
                let what = if *reopen {
                    format!("reopened {}", self.titled(milestone))
                } else {
                    format!("kept {} finished", self.titled(milestone))
                };
                Planned::new(ops, what)
            }
            Change::ResolveNotes { milestone, keep } => {
                self.check_milestone(milestone)?;
                let what = format!("notes from another machine on {}", self.titled(milestone));
                let Some(p) = st
                    .milestone(milestone)
                    .filter(|p| !p.other_notes.is_empty())
                else {
                    return Ok(Planned::new(Vec::new(), what));
                };
                let replica = self.journal.replica();
                let mut ops = vec![Op::NotesResolved(
                    milestone.clone(),
                    replica.other_notes_versions(milestone, None),
                )];
                if *keep {
                    let joined = crate::progress::join_notes(&p.notes, &p.other_notes);
                    if joined != p.notes {
                        ops.push(Op::Notes(
                            milestone.clone(),
                            joined,
                            replica.notes_version(milestone),
                        ));
                    }
                }
                Planned::new(ops, what)
            }
            Change::AddFocus(focus) | Change::RemoveFocus(focus) => {
                let add = matches!(change, Change::AddFocus(_));
                if add {
                    self.check_focus(focus)?;
                }
                let has = st.focus.contains(focus);
                // By title, as the learner chose it.
                let what = format!(
                    "{} “{}” {} your focus",
                    if add { "added" } else { "removed" },
                    self.focus_title(focus),
                    if add { "to" } else { "from" }
                );
                let ops = if has == add {
                    Vec::new()
                } else {
                    vec![Op::Focus(focus.clone(), add)]
                };
                Planned::new(ops, what)
            }
            Change::AdoptGoal {
                curriculum,
                goal,
                target,
            } => self.adopt_goal_ops(curriculum, goal, *target, now)?,
            Change::NewGoal {
                title,
                milestones,
                target,
                first,
            } => self.new_goal_ops(title, milestones, (*target, *first), now)?,
            Change::SetGoalTarget { goal, target } => {
                let mut profile = Profile::of(st);
                let from = st.goal(goal).map(|g| g.target);
                profile.set_target(goal, *target, crate::plan::local_day(now))?;
                let what = match from {
                    Some(from) => format!(
                        "target of “{}” from {} to {}",
                        self.goal_title(goal),
                        day_words(from),
                        day_words(*target)
                    ),
                    None => format!(
                        "target of “{}”: {}",
                        self.goal_title(goal),
                        day_words(*target)
                    ),
                };
                Planned::new(self.profile_ops(&profile), what)
            }
            Change::MoveGoal { goal, to } => {
                let mut profile = Profile::of(st);
                let from = st.goals.iter().position(|g| g.id == *goal);
                profile.move_goal(goal, *to)?;
                let way = if from.is_some_and(|from| *to < from) {
                    "earlier"
                } else {
                    "later"
                };
                Planned::new(
                    self.profile_ops(&profile),
                    format!(
                        "“{}” moved {way}: now {} of {} in your goals",
                        self.goal_title(goal),
                        to + 1,
                        profile.goals.len()
                    ),
                )
            }
            Change::DropGoal(goal) => {
                let mut profile = Profile::of(st);
                let dropped = profile.drop_goal(goal)?;
                Planned::new(
                    self.profile_ops(&profile),
                    format!("dropped the goal “{}”", dropped.title),
                )
            }
            Change::SetProfile {
                profile,
                known,
                what,
            } => {
                for m in known {
                    self.check_milestone(m)?;
                }
                check_hours_per_week(profile.hours_per_week)?;
                let mut ops = self.profile_ops(profile);
                // What the learner knew before starting is marked known: done, in its history,
                // and never in the log (it fills no week, streak or report).
                for m in known {
                    if !st.status(m).is_finished() {
                        ops.extend(self.status_ops(m, Status::Done, now, false));
                    }
                }
                Planned::new(ops, what.clone())
            }
            Change::SetStudyTimes(times) => {
                let times = times.clone().check()?;
                let what = format!(
                    "study days from {} to {}",
                    st.study_times.words(),
                    times.words()
                );
                if st.study_times == times {
                    return Ok(Planned::new(Vec::new(), what));
                }
                Planned::new(vec![Op::StudyTimes(times)], what)
            }
            Change::AddCheckIn(check_in) => Planned::new(
                vec![
                    Op::CheckIn(check_in.clone(), true),
                    Op::Activity(Activity {
                        at: now,
                        event: Event::CheckIn {
                            date: check_in.date,
                        },
                    }),
                ],
                format!("check-in of {}", check_in.date),
            ),
            Change::ReplaceCheckIn { index, check_in } => {
                let old = st
                    .mentor
                    .check_ins
                    .get(*index)
                    .ok_or(WorkspaceError::NoCheckIn(*index))?;
                let ops = if old == check_in {
                    Vec::new()
                } else {
                    vec![
                        Op::CheckIn(old.clone(), false),
                        Op::CheckIn(check_in.clone(), true),
                    ]
                };
                Planned::new(ops, format!("check-in of {}", check_in.date))
            }
            Change::DeleteCheckIn(index) => {
                let old = st
                    .mentor
                    .check_ins
                    .get(*index)
                    .ok_or(WorkspaceError::NoCheckIn(*index))?;
                Planned::new(
                    vec![Op::CheckIn(old.clone(), false)],
                    format!("deleted the check-in of {}", old.date),
                )
            }
            Change::SendPacket(packet) => self.packet_ops(packet)?,
            Change::TakeReply(reply) => self.reply_ops(reply, now)?,
            Change::StartTimer(milestone) => self.start_timer_ops(milestone, now)?,
            Change::StopTimer { run, hours, note } => {
                if !st.timers.contains(run) {
                    return Err(WorkspaceError::NoTimer(run.milestone.clone()));
                }
                let (ops, what) = self.stop_ops(run, *hours, note, now)?;
                Planned::new(ops, what)
            }
            Change::AddPeriod(_) | Change::ReplacePeriod { .. } | Change::RemovePeriod(_) => {
                self.period_ops(change)?
            }
            Change::SetLearner { name, links } => self.learner_ops(name, links)?,
            Change::SetNotesPrivate { milestone, private } => {
                self.portfolio_choice_ops(milestone, PortfolioChoice::NotesPrivate(*private))?
            }
            Change::SetPortfolioHidden { milestone, hidden } => {
                self.portfolio_choice_ops(milestone, PortfolioChoice::Hidden(*hidden))?
            }
            // Bursts, imports and removals take their own paths (see `apply`).
            Change::SetNotes { .. }
            | Change::SetEstimate { .. }
            | Change::SetHoursPerWeek(_)
            | Change::SetMentor { .. }
            | Change::SetLearnerName(_)
            | Change::Import { .. }
            | Change::RemoveCurriculum(_) => Planned::new(Vec::new(), String::new()),
        })
    }

    fn goal_title(&self, id: &str) -> String {
        self.state
            .goal(id)
            .map_or_else(|| id.to_owned(), |g| g.title.clone())
    }

    /// The steps that take the learner's profile (focus, goals, hours, onboarding) to `to`.
    pub(super) fn profile_ops(&self, to: &Profile) -> Vec<Op> {
        let st = &self.state;
        let mut ops = Vec::new();
        for f in st.focus.iter().filter(|f| !to.focus.contains(f)) {
            ops.push(Op::Focus(f.clone(), false));
        }
        for f in to.focus.iter().filter(|f| !st.focus.contains(f)) {
            ops.push(Op::Focus(f.clone(), true));
        }
        for g in &to.goals {
            if st.goal(&g.id) != Some(g) {
                ops.push(Op::Goal(g.id.clone(), Some(g.clone())));
            }
        }
        for g in st
            .goals
            .iter()
            .filter(|g| !to.goals.iter().any(|t| t.id == g.id))
        {
            ops.push(Op::Goal(g.id.clone(), None));
        }
        let ids = |goals: &[AdoptedGoal]| goals.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
        if ids(&st.goals) != ids(&to.goals) {
            ops.push(Op::GoalOrder(ids(&to.goals)));
        }
        if st.hours_per_week.to_bits() != to.hours_per_week.to_bits() {
            ops.push(Op::HoursPerWeek(to.hours_per_week));
        }
        if st.onboarded != to.onboarded {
            ops.push(Op::Onboarded(to.onboarded));
        }
        ops
    }

    /// What takes `ops` back: for each, the value the state shows now, last first. The log's
    /// new entries are taken back by their keys, which the undo finds in what was made.
    pub(super) fn inverse(&self, ops: &[Op]) -> Vec<Op> {
        let st = &self.state;
        let progress = |m: &MilestoneRef| st.milestone(m).cloned().unwrap_or_default();
        ops.iter()
            .rev()
            .filter_map(|op| {
                Some(match op {
                    Op::Status(m, _) => Op::Status(m.clone(), st.status(m)),
                    Op::Notes(m, _, _) => Op::Notes(m.clone(), progress(m).notes, None),
                    Op::NotesResolved(m, k) => Op::NotesReopened(m.clone(), k.clone()),
                    Op::NotesReopened(m, k) => Op::NotesResolved(m.clone(), k.clone()),
                    Op::Estimate(m, _) => Op::Estimate(m.clone(), progress(m).own_estimate_hours),
                    Op::Changed(m, _) => Op::Changed(m.clone(), progress(m).changed),
                    Op::NotesPrivate(m, _) => {
                        Op::NotesPrivate(m.clone(), progress(m).notes_private)
                    }
                    Op::PortfolioHidden(m, _) => {
                        Op::PortfolioHidden(m.clone(), progress(m).hidden_from_portfolio)
                    }
                    Op::LearnerName(_) => Op::LearnerName(st.learner.name.clone()),
                    Op::LearnerLinks(_) => Op::LearnerLinks(st.learner.links.clone()),
                    Op::Hours(m, h) => Op::Hours(m.clone(), -h),
                    Op::History(m, c, on) => Op::History(m.clone(), c.clone(), !on),
                    Op::Evidence(m, l, on) => Op::Evidence(m.clone(), l.clone(), !on),
                    Op::Review(m, r, on) => Op::Review(m.clone(), r.clone(), !on),
                    Op::Focus(f, on) => Op::Focus(f.clone(), !on),
                    Op::CheckIn(c, on) => Op::CheckIn(c.clone(), !on),
                    Op::Timer(t, on) => Op::Timer(t.clone(), !on),
                    Op::PacketSent(p, on) => Op::PacketSent(p.clone(), !on),
                    Op::ReplyTaken(r, on) => Op::ReplyTaken(r.clone(), !on),
                    Op::SignOff(s, on) => Op::SignOff(s.clone(), !on),
                    Op::MentorComment(c, on) => Op::MentorComment(c.clone(), !on),
                    Op::Period(p, on) => Op::Period(p.clone(), !on),
                    Op::Goal(id, _) => Op::Goal(id.clone(), st.goal(id).cloned()),
                    Op::GoalOrder(_) => {
                        Op::GoalOrder(st.goals.iter().map(|g| g.id.clone()).collect())
                    }
                    Op::HoursPerWeek(_) => Op::HoursPerWeek(st.hours_per_week),
                    Op::Onboarded(_) => Op::Onboarded(st.onboarded),
                    Op::MentorName(_) => Op::MentorName(st.mentor.name.clone()),
                    Op::MentorContact(_) => Op::MentorContact(st.mentor.contact.clone()),
                    Op::StudyTimes(_) => Op::StudyTimes(st.study_times.clone()),
                    Op::Source(id, _) => Op::Source(id.clone(), st.sources.get(id).cloned()),
                    Op::ActivityGone(k) => {
                        Op::Activity(self.journal.replica().activity_at(k)?.clone())
                    }
                    Op::Activity(_)
                    | Op::Machine(_)
                    | Op::Migrated(_)
                    | Op::LegacyHours(..)
                    | Op::LegacyActivity(..) => return None,
                })
            })
            .collect()
    }
}
