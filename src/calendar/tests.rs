use chrono::{TimeZone as _, Weekday};
use icalendar::{CalendarDateTime, Component as _, DatePerhapsTime};

use super::*;
use crate::progress::{Period, StudyTimes};

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn state(hours: f64, days: &[Weekday]) -> State {
    State {
        hours_per_week: hours,
        study_times: StudyTimes {
            days: days.to_vec(),
            at: at(19, 0),
        },
        ..State::default()
    }
}

fn none(_: u64, _: u32) -> Vec<(MilestoneRef, String, f64)> {
    Vec::new()
}

/// Minutes per week, from this Monday.
fn weekly(sessions: &[Session], monday: NaiveDate) -> Vec<u32> {
    let mut weeks = vec![0; WEEKS as usize];
    for s in sessions {
        let week = (s.day() - monday).num_days() / 7;
        weeks[week as usize] += s.minutes;
    }
    weeks
}

#[test]
fn each_week_sums_to_its_hours_on_the_study_days_at_the_start_time() {
    let st = state(6.0, &[Weekday::Mon, Weekday::Wed, Weekday::Sat]);
    let monday = d("2026-12-07");
    let sessions = sessions(&st, monday, 6.0, none);
    assert_eq!(sessions.len(), 27);
    assert_eq!(weekly(&sessions, monday), vec![360; 9]);
    for s in &sessions {
        assert!(
            [Weekday::Mon, Weekday::Wed, Weekday::Sat].contains(&s.day().weekday()),
            "{s:?}"
        );
        assert_eq!(s.start.time(), at(19, 0));
        assert_eq!(s.minutes, 120);
    }
}

#[test]
fn this_week_starts_today_and_holds_what_the_weeks_plan_gives() {
    let st = state(7.0, &[Weekday::Mon, Weekday::Thu, Weekday::Sun]);
    // A Wednesday: Monday is past; Thursday and Sunday share the 5 h the week's plan has left.
    let sessions = sessions(&st, d("2026-12-09"), 5.0, none);
    let first: Vec<_> = sessions
        .iter()
        .take(2)
        .map(|s| (s.day(), s.minutes))
        .collect();
    assert_eq!(first, vec![(d("2026-12-10"), 150), (d("2026-12-13"), 150)]);
    // 7 h over three days: the odd minute goes to one of them, never lost.
    assert_eq!(weekly(&sessions, d("2026-12-07"))[1], 420);
}

#[test]
fn no_session_falls_in_time_away_and_a_week_holds_its_own_hours() {
    let mut st = state(6.0, &[Weekday::Mon, Weekday::Wed, Weekday::Sat]);
    st.periods
        .push(Period::away(d("2026-12-16"), d("2026-12-27")));
    let monday = d("2026-12-07");
    let sessions = sessions(&st, monday, 6.0, none);
    for s in &sessions {
        assert!(st.away_on(s.day()).is_none(), "{s:?} is in the time away");
    }
    let weeks = weekly(&sessions, monday);
    // The week of the 14th keeps Monday the 14th alone, with the two days before the time away.
    assert_eq!(
        weeks[1],
        (st.hours_in_week(d("2026-12-14")) * 60.0).round() as u32
    );
    assert_eq!(weeks[2], 0);
    assert_eq!(weeks[3], 360);
}

#[test]
fn a_long_session_ends_by_midnight() {
    let mut st = state(40.0, &[Weekday::Sat]);
    st.study_times.at = at(21, 30);
    let sessions = sessions(&st, d("2026-12-07"), 40.0, none);
    // 40 h on one day cannot be: a day holds 24 h, from midnight.
    assert_eq!(sessions[0].minutes, 24 * 60);
    assert_eq!(sessions[0].start.time(), at(0, 0));
    let mut st = state(6.0, &[Weekday::Sat]);
    st.study_times.at = at(21, 30);
    let s = &super::sessions(&st, d("2026-12-07"), 6.0, none)[0];
    assert_eq!((s.start.time(), s.end().time()), (at(18, 0), at(0, 0)));
}

fn sample() -> Calendar {
    let st = state(6.0, &[Weekday::Mon, Weekday::Wed, Weekday::Sat]);
    let m = MilestoneRef::new("python", "basics");
    let sessions = sessions(&st, d("2026-12-07"), 6.0, |_, minutes| {
        vec![(
            m.clone(),
            // Long, with characters of two, three and four bytes, and the characters text
            // escapes: folding must never split one.
            "Ünïcödé, “quotes”; back\\slash 学习计划 🚀 and a title long enough to be folded twice over"
                .to_owned(),
            f64::from(minutes) / 60.0,
        )]
    });
    Calendar {
        sessions,
        targets: vec![AllDay {
            uid: "target-ml-basics@waymark".into(),
            day: d("2027-03-01"),
            summary: "Target: ML basics".into(),
            description: "on track".into(),
        }],
        reviews: vec![AllDay {
            uid: "review-python-basics@waymark".into(),
            day: d("2026-12-09"),
            summary: "Review: Python basics".into(),
            description: String::new(),
        }],
    }
}

fn now(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, h, 0, 0).unwrap()
}

#[test]
fn the_file_has_crlf_line_ends_and_lines_folded_at_75_octets_on_character_boundaries() {
    let text = ics(&sample(), now(9));
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "a bare CR");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines.iter().all(|l| l.len() <= 75), "a line over 75 octets");
    // Folded lines exist (the title is long) and each continues with one space.
    assert!(lines.iter().any(|l| l.starts_with(' ')));
    // Unfolded, the text is whole: escaped as RFC 5545 asks.
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains(
        "SUMMARY:Study: Ünïcödé\\, “quotes”\\; back\\\\slash 学习计划 🚀 and a title long"
    ));
    assert!(unfolded.contains("DESCRIPTION:2 h: Ünïcödé"));
    assert!(unfolded.contains("(python/basics)\\nFrom your Waymark plan."));
}

#[test]
fn every_folded_line_is_at_most_75_octets_also_a_last_continuation_of_75() {
    // A value whose last continuation is 75 octets before its space: the crate wrote 76.
    for extra in 0..160 {
        let line = format!(
            "DESCRIPTION:{}",
            "ab".repeat(60) + &"é".repeat(extra % 7) + &"x".repeat(extra)
        );
        let folded = super::refold(&format!("{line}\r\n"));
        assert!(
            folded.split("\r\n").all(|l| l.len() <= 75),
            "{extra}: {folded:?}"
        );
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }
}

#[test]
fn the_file_reads_back_with_floating_sessions_reminders_and_all_day_events() {
    let calendar = sample();
    let text = ics(&calendar, now(9));
    let parsed: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<_> = parsed.events().collect();
    assert_eq!(events.len(), calendar.sessions.len() + 2);
    let mut minutes = 0;
    for (event, session) in events.iter().zip(&calendar.sessions) {
        let (
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(start))),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(end))),
        ) = (event.get_start(), event.get_end())
        else {
            panic!("not floating: {event:?}")
        };
        assert_eq!(start, session.start);
        minutes += (end - start).num_minutes();
        assert!(
            event
                .get_summary()
                .unwrap()
                .starts_with("Study: Ünïcödé, “quotes”; back\\slash")
        );
        let alarms: Vec<_> = event
            .components()
            .iter()
            .filter(|c| c.component_kind() == "VALARM")
            .collect();
        assert_eq!(alarms.len(), 1);
        assert_eq!(alarms[0].property_value("ACTION"), Some("DISPLAY"));
        assert_eq!(alarms[0].property_value("TRIGGER"), Some("-PT900S"));
    }
    assert_eq!(minutes, 9 * 360);
    let target = events
        .iter()
        .find(|e| e.get_uid() == Some("target-ml-basics@waymark"))
        .unwrap();
    assert_eq!(
        target.get_start(),
        Some(DatePerhapsTime::Date(d("2027-03-01")))
    );
    assert_eq!(
        target.get_end(),
        Some(DatePerhapsTime::Date(d("2027-03-02")))
    );
    assert!(text.contains("DTSTART;VALUE=DATE:20270301\r\n"));
    assert!(!text.contains("RRULE"));
}

#[test]
fn uids_are_the_same_in_two_exports_and_nothing_else_is_random() {
    let (first, second) = (ics(&sample(), now(9)), ics(&sample(), now(10)));
    let uids = |text: &str| -> Vec<String> {
        text.split("\r\n")
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(uids(&first), uids(&second));
    assert!(uids(&first).contains(&"study-20261207@waymark".to_owned()));
    let unique: std::collections::BTreeSet<_> = uids(&first).into_iter().collect();
    assert_eq!(unique.len(), uids(&first).len(), "a UID given twice");
    // Only DTSTAMP differs: no UID or time of the crate's own making.
    assert_eq!(ics(&sample(), now(9)), first);
    assert_eq!(
        first.replace("DTSTAMP:20261207T090000Z", ""),
        second.replace("DTSTAMP:20261207T100000Z", "")
    );
}

#[test]
fn the_calendar_is_refused_inside_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("machines")).unwrap();
    for inside in [
        data.join("study.ics"),
        data.join("machines/x.ics"),
        data.join("new/x.ics"),
    ] {
        assert!(
            matches!(
                check_path(&inside, &data),
                Err(CalendarError::InDataFolder(_))
            ),
            "{inside:?}"
        );
    }
    assert!(matches!(
        check_path(&data, &data),
        Err(CalendarError::Folder(_)) | Err(CalendarError::InDataFolder(_))
    ));
    assert!(check_path(&dir.path().join("study.ics"), &data).is_ok());
    #[cfg(unix)]
    {
        // A link to the data folder does not hide it.
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&data, &link).unwrap();
        assert!(check_path(&link.join("study.ics"), &data).is_err());
    }
}
