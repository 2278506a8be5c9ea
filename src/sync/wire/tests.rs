//! The format's promises: a record is one line that reads back, old lines still read, newer
//! ones are kept, and values that break a rule are refused.

use super::*;
use crate::progress::{MilestoneRef, Status};
use crate::sync::op::Op;

fn tx(op: Op) -> Tx {
    Tx {
        t: Stamp {
            ms: 1_800_000_000_000,
            n: 3,
        },
        h: 0,
        steps: vec![Step {
            op,
            after: Some(vec![Key {
                t: Stamp { ms: 1, n: 0 },
                d: "laptop".into(),
                h: 7,
            }]),
        }],
        undo: Some(vec![Op::Status(MilestoneRef::new("c", "m"), Status::Todo)]),
        what: "marked c/m done".into(),
        kind: Kind::Undo(TxId {
            t: Stamp { ms: 5, n: 1 },
            h: 9,
        }),
    }
}

#[test]
fn a_record_is_one_line_and_reads_back_with_its_fingerprint() {
    let original = tx(Op::Notes(
        MilestoneRef::new("c", "m"),
        "two\nlines \"quoted\"".into(),
        None,
    ));
    let (line, h) = to_line(&original).unwrap();
    assert_eq!(line.matches('\n').count(), 1, "{line}");
    let body = line.trim_end_matches('\n');
    assert_eq!(h, fingerprint(body.as_bytes()));
    let Read::Tx(back) = read_line(body.as_bytes()) else {
        panic!("{line}")
    };
    assert_eq!(back, Tx { h, ..original });
    assert!(matches!(
        read_line(&body.as_bytes()[..body.len() / 2]),
        Read::Garbled(_)
    ));
}

#[test]
fn a_line_of_the_first_format_still_reads() {
    let line = br#"(t:(ms:1767258000000,n:0),op:Status((curriculum:"ai-engineer",milestone:"python-fundamentals"),Done))"#;
    let Read::Tx(tx) = read_line(line) else {
        panic!()
    };
    assert_eq!(tx.h, 0);
    assert_eq!(tx.steps[0].after, None);
    assert_eq!(
        tx.steps[0].op,
        Op::Status(
            MilestoneRef::new("ai-engineer", "python-fundamentals"),
            Status::Done
        )
    );
}

#[test]
fn a_kind_of_change_or_a_format_this_version_does_not_know_is_from_a_newer_waymark() {
    for line in [
        &br#"(t:(ms:1767258000000,n:0),op:Stopwatch((curriculum:"c",milestone:"m"),3600))"#[..],
        br#"(t:(ms:1767258000000,n:0),op:Status((curriculum:"c",milestone:"m"),Paused))"#,
        br#"(v:3,t:(ms:1,n:0),stuff:[])"#,
        br#"(v:2,t:(ms:1767258000000,n:0),ops:[(op:Portfolio("x"))])"#,
    ] {
        assert!(
            matches!(read_line(line), Read::Newer(_)),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
}

#[test]
fn a_line_cut_short_inside_the_name_of_a_change_is_no_newer_record() {
    for line in [
        &b"(t:(ms:1,n:0),op:Stat"[..],
        b"(t:(ms:1,n:0),op:Stopwatch((curriculum:\"c\"",
        b"(v:3,t:(ms:1,n:0),st",
    ] {
        assert!(
            matches!(read_line(line), Read::Garbled(_)),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
}

/// A goal of the learner's own, as `goal new` would record it.
fn own_goal(title: &str, milestones: Vec<MilestoneRef>) -> Op {
    Op::Goal(
        "own-x-0000".into(),
        Some(crate::progress::AdoptedGoal {
            id: "own-x-0000".into(),
            title: title.into(),
            source: None,
            mentor_note: String::new(),
            milestones,
            target: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            adopted_at: chrono::DateTime::<chrono::Utc>::default(),
        }),
    )
}

#[test]
fn values_that_break_a_commands_rules_are_refused() {
    let m = MilestoneRef::new("c", "m");
    for op in [
        Op::HoursPerWeek(f64::NAN),
        Op::HoursPerWeek(-5.0),
        Op::Hours(m.clone(), f64::INFINITY),
        Op::Estimate(m.clone(), Some(1e308)),
        Op::Evidence(
            m.clone(),
            "https://x.example/\n# Injected heading".into(),
            true,
        ),
        Op::Evidence(m.clone(), "javascript:alert(1)".into(), true),
        Op::Status(MilestoneRef::new("c", "../x"), Status::Done),
        Op::MentorName("a\u{1b}[2Jb".into()),
        own_goal("  ", vec![m.clone()]),
        own_goal("Mine", Vec::new()),
    ] {
        let (line, _) = to_line(&tx(op.clone())).unwrap();
        let read = read_line(line.trim_end().as_bytes());
        assert!(matches!(read, Read::Refused(_)), "{op:?}: {read:?}");
    }
}

#[test]
fn a_whole_curriculum_in_focus_is_a_record_of_its_own_that_older_versions_keep() {
    let whole = crate::progress::FocusRef::whole("study-plan");
    let original = tx(Op::Focus(whole, true));
    let (line, h) = to_line(&original).unwrap();
    assert!(
        line.contains("op:FocusWhole(\"study-plan\",true)"),
        "{line}"
    );
    let Read::Tx(back) = read_line(line.trim_end().as_bytes()) else {
        panic!("{line}")
    };
    assert_eq!(back, Tx { h, ..original });
    // The old variant with an empty area is what a version before it would refuse: this one
    // refuses it too, so that no machine ever writes it.
    let empty = br#"(t:(ms:1767258000000,n:0),op:Focus((curriculum:"c",focus:""),true))"#;
    assert!(matches!(read_line(empty), Read::Refused(_)));
}

#[test]
fn a_goal_of_the_learners_own_with_a_title_and_milestones_reads_back() {
    let op = own_goal("Mine", vec![MilestoneRef::new("c", "m")]);
    let (line, _) = to_line(&tx(op.clone())).unwrap();
    let Read::Tx(back) = read_line(line.trim_end().as_bytes()) else {
        panic!("{line}")
    };
    assert_eq!(back.steps[0].op, op);
}

#[test]
fn a_running_timer_reads_back_and_one_from_a_broken_clock_or_machine_is_refused() {
    let run = |started: &str, machine: &str| {
        Op::Timer(
            crate::progress::TimerRun {
                milestone: MilestoneRef::new("c", "m"),
                started: started.parse().unwrap(),
                machine: machine.into(),
            },
            true,
        )
    };
    let good = run("2027-03-01T09:00:00Z", "laptop");
    let (line, _) = to_line(&tx(good.clone())).unwrap();
    assert!(line.contains("op:Timer("), "{line}");
    let Read::Tx(back) = read_line(line.trim_end().as_bytes()) else {
        panic!("{line}")
    };
    assert_eq!(back.steps[0].op, good);
    for bad in [
        run("9999-03-01T09:00:00Z", "laptop"),
        run("2027-03-01T09:00:00Z", "../laptop"),
    ] {
        let (line, _) = to_line(&tx(bad.clone())).unwrap();
        let read = read_line(line.trim_end().as_bytes());
        assert!(matches!(read, Read::Refused(_)), "{bad:?}: {read:?}");
    }
}

#[test]
fn the_mentor_loops_records_read_back_and_hostile_ones_are_refused() {
    use crate::progress::{MentorComment, SentPacket, SignOff, TakenReply};
    let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    let at: chrono::DateTime<chrono::Utc> = "2027-03-01T09:00:00Z".parse().unwrap();
    let m = MilestoneRef::new("c", "m");
    let packet = SentPacket {
        id: "ck-0123456789abcdef".into(),
        key: "ab".repeat(32),
        sent_at: at,
        from: day,
        to: day,
    };
    let reply = TakenReply {
        packet: packet.id.clone(),
        seal: "cd".repeat(32),
        mentor: "Ana Ruiz".into(),
        date: day,
        suggested_goals: vec!["c/goal".into()],
        suggested_targets: vec![("own-x-0000".into(), day)],
    };
    let sign_off = SignOff {
        milestone: m.clone(),
        mentor: "Ana Ruiz".into(),
        date: day,
        packet: packet.id.clone(),
        finished_at: Some(at),
    };
    let comment = MentorComment {
        milestone: m.clone(),
        mentor: "Ana Ruiz".into(),
        date: day,
        packet: packet.id.clone(),
        text: "Add tests".into(),
    };
    for op in [
        Op::PacketSent(packet.clone(), true),
        Op::ReplyTaken(reply.clone(), true),
        Op::SignOff(sign_off.clone(), true),
        Op::MentorComment(comment.clone(), false),
    ] {
        let (line, _) = to_line(&tx(op.clone())).unwrap();
        let Read::Tx(back) = read_line(line.trim_end().as_bytes()) else {
            panic!("{line}")
        };
        assert_eq!(back.steps[0].op, op);
    }
    for bad in [
        Op::PacketSent(
            SentPacket {
                id: "../ck".into(),
                ..packet.clone()
            },
            true,
        ),
        Op::PacketSent(
            SentPacket {
                key: "zz".into(),
                ..packet
            },
            true,
        ),
        Op::ReplyTaken(
            TakenReply {
                suggested_goals: vec!["not a goal".into()],
                ..reply.clone()
            },
            true,
        ),
        Op::ReplyTaken(
            TakenReply {
                mentor: "Ana\u{1b}[2J".into(),
                ..reply.clone()
            },
            true,
        ),
        Op::ReplyTaken(
            TakenReply {
                suggested_targets: vec![("../goal".into(), day)],
                ..reply
            },
            true,
        ),
        Op::SignOff(
            SignOff {
                milestone: MilestoneRef::new("c", "../m"),
                ..sign_off
            },
            true,
        ),
        Op::MentorComment(
            MentorComment {
                text: "x".repeat(300 * 1024),
                ..comment
            },
            true,
        ),
    ] {
        let (line, _) = to_line(&tx(bad.clone())).unwrap();
        let read = read_line(line.trim_end().as_bytes());
        assert!(matches!(read, Read::Refused(_)), "{bad:?}: {read:?}");
    }
}

#[test]
fn study_times_are_a_record_of_their_own_checked_by_the_rules_the_commands_enforce() {
    use crate::progress::StudyTimes;
    let times = StudyTimes::parse("mon,wed,sat", "19:00").unwrap();
    let (line, _) = to_line(&tx(Op::StudyTimes(times.clone()))).unwrap();
    assert!(
        line.contains(r#"op:StudyTimes((days:["mon","wed","sat"],at:"19:00"))"#),
        "{line}"
    );
    let Read::Tx(back) = read_line(line.trim_end().as_bytes()) else {
        panic!("{line}")
    };
    assert_eq!(back.steps[0].op, Op::StudyTimes(times));
    // What `hours --days --at` refuses, another machine cannot record either.
    for bad in [
        r#"(days:[],at:"19:00")"#,
        r#"(days:["wed","mon"],at:"19:00")"#,
        r#"(days:["mon","mon"],at:"19:00")"#,
        r#"(days:["monday"],at:"19:00")"#,
        r#"(days:["mon"],at:"25:00")"#,
        r#"(days:["mon"],at:"19:00:30")"#,
    ] {
        let line = format!("(v:2,t:(ms:1767258000000,n:0),ops:[(op:StudyTimes({bad}))])");
        assert!(
            matches!(read_line(line.as_bytes()), Read::Refused(_)),
            "{line}"
        );
    }
}

#[test]
fn a_period_is_a_record_of_its_own_that_reads_back_and_older_versions_keep() {
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let away = crate::progress::Period::away(d("2026-12-21"), d("2027-01-17"));
    let original = tx(Op::Period(away, true));
    let (line, h) = to_line(&original).unwrap();
    assert!(line.contains("op:Period((from:\"2026-12-21\""), "{line}");
    let Read::Tx(back) = read_line(line.trim_end().as_bytes()) else {
        panic!("{line}")
    };
    assert_eq!(back, Tx { h, ..original });
    // A version from before periods does not know the variant: to it, the line is from a
    // newer Waymark (as any unknown variant is, see above), kept and not refused.
    let renamed = line.trim_end().replace("op:Period(", "op:Holiday(");
    assert!(matches!(read_line(renamed.as_bytes()), Read::Newer(_)));
}

#[test]
fn a_period_from_another_machine_is_checked_by_the_rules_the_commands_keep() {
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let period = |from: &str, to: &str, hours: f64| crate::progress::Period {
        from: d(from),
        to: d(to),
        hours_per_week: hours,
    };
    for bad in [
        period("2026-12-21", "2026-12-20", 0.0),
        period("2026-12-21", "2026-12-28", f64::NAN),
        period("2026-12-21", "2026-12-28", -1.0),
        period("2026-12-21", "2026-12-28", 169.0),
        period("1900-01-01", "2026-12-28", 0.0),
        period("2026-12-21", "2401-01-01", 0.0),
    ] {
        assert!(
            crate::progress::periods::check_period(&bad).is_err(),
            "{bad:?}"
        );
        let (line, _) = to_line(&tx(Op::Period(bad.clone(), true))).unwrap();
        let read = read_line(line.trim_end().as_bytes());
        assert!(matches!(read, Read::Refused(_)), "{bad:?}: {read:?}");
    }
    let good = period("2026-12-21", "2026-12-21", 168.0);
    let (line, _) = to_line(&tx(Op::Period(good, true))).unwrap();
    assert!(matches!(read_line(line.trim_end().as_bytes()), Read::Tx(_)));
}
