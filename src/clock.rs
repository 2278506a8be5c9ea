//! What time it is: the system clock, or the day `WAYMARK_TODAY` names, or the moment
//! `WAYMARK_NOW` names, for scripts and tests. Every command and the window take "now" from
//! here.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone as _, Utc};

/// The environment variable that sets today's date (`YYYY-MM-DD`).
pub const TODAY_VAR: &str = "WAYMARK_TODAY";

/// The environment variable that sets the moment, in local time (`YYYY-MM-DDTHH:MM`).
pub const NOW_VAR: &str = "WAYMARK_NOW";

/// `WAYMARK_TODAY` or `WAYMARK_NOW` holds something that is not a date or a moment.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadToday {
    #[error(
        "{TODAY_VAR} is \"{0}\", which is not a date from 1970 to 2200: write it as YYYY-MM-DD"
    )]
    Today(String),
    #[error(
        "{NOW_VAR} is \"{0}\", which is not a moment from 1970 to 2200: write it as YYYY-MM-DDTHH:MM"
    )]
    Now(String),
}

/// A source of "now".
pub type Clock = Box<dyn Fn() -> DateTime<Utc>>;

/// The clock every command and the window use: the system clock; stopped at the moment
/// `WAYMARK_NOW` names when that is set; else moved to the day `WAYMARK_TODAY` names when that
/// is set (keeping the time of day, so that what is logged in a session keeps its order).
pub fn from_env() -> Result<Clock, BadToday> {
    if let Ok(text) = std::env::var(NOW_VAR)
        && !text.trim().is_empty()
    {
        let at = parse_now(&text)
            .filter(|at| (1970..=2200).contains(&chrono::Datelike::year(at)))
            .ok_or_else(|| BadToday::Now(text.clone()))?;
        return Ok(Box::new(move || at));
    }
    match std::env::var(TODAY_VAR) {
        Ok(text) if !text.trim().is_empty() => {
            let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .ok()
                .filter(|d| (1970..=2200).contains(&chrono::Datelike::year(d)))
                .ok_or_else(|| BadToday::Today(text.clone()))?;
            Ok(Box::new(move || on_day(day, Utc::now())))
        }
        _ => Ok(Box::new(Utc::now)),
    }
}

/// A moment written `YYYY-MM-DDTHH:MM` (or with `:SS`) in the learner's time zone.
pub fn parse_now(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    // A moment in a daylight-saving gap (02:30 on the night clocks go forward) is taken an
    // hour later, as a wall clock would show it.
    let zoned = Local.from_local_datetime(&local);
    zoned
        .earliest()
        .or_else(|| {
            Local
                .from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|at| at.with_timezone(&Utc))
}

/// The calendar day of an instant, in the learner's time zone.
///
/// Finding the zone's offset for an instant costs a search of the time-zone rules, and a plan
/// asks for the day of every finished milestone and every logged event: the offset is kept per
/// hour of UTC (zones change their offset on the hour), so each hour is looked up once.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static OFFSETS: RefCell<HashMap<i64, i32>> = RefCell::new(HashMap::new());
    }
    let hour = at.timestamp().div_euclid(3600);
    let offset = OFFSETS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 1 << 16 {
            cache.clear();
        }
        *cache.entry(hour).or_insert_with(|| {
            use chrono::Offset as _;
            Local
                .offset_from_utc_datetime(&at.naive_utc())
                .fix()
                .local_minus_utc()
        })
    });
    (at + chrono::Duration::seconds(i64::from(offset))).date_naive()
}

/// The instant `now` would be if today were `day`, in the learner's time zone.
pub fn on_day(day: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    let time = now.with_timezone(&Local).time();
    Local
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .map_or_else(
            || day.and_time(time).and_utc(),
            |local| local.with_timezone(&Utc),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_day_is_the_time_zones_day() {
        for secs in (1_700_000_000..1_800_000_000).step_by(7_919_111) {
            let at = DateTime::from_timestamp(secs, 0).unwrap_or_default();
            assert_eq!(local_day(at), at.with_timezone(&Local).date_naive(), "{at}");
        }
    }

    #[test]
    fn a_moment_is_read_in_local_time() {
        let at = parse_now("2027-03-01T09:30").unwrap_or_default();
        assert_eq!(
            at.with_timezone(&Local).naive_local().to_string(),
            "2027-03-01 09:30:00"
        );
        assert!(parse_now("2027-03-01 09:30").is_none());
        assert!(parse_now("9:30").is_none());
    }

    #[test]
    fn a_moved_clock_keeps_the_time_of_day_on_the_day_given() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
        let now = Utc::now();
        let moved = on_day(day, now);
        assert_eq!(moved.with_timezone(&Local).date_naive(), day);
        assert_eq!(
            moved.with_timezone(&Local).time(),
            now.with_timezone(&Local).time()
        );
    }
}
