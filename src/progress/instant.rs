//! How an instant is written: as RFC 3339 text in files people read (RON), as nanoseconds in
//! the compact snapshot, where parsing text dates was a tenth of the time an open took.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        at.serialize(s)
    } else {
        // Nanoseconds fit i64 until 2262; anything later is written as text.
        match at.timestamp_nanos_opt() {
            Some(nanos) => Compact::Nanos(nanos).serialize(s),
            None => Compact::Text(at.to_rfc3339()).serialize(s),
        }
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    if d.is_human_readable() {
        DateTime::<Utc>::deserialize(d)
    } else {
        match Compact::deserialize(d)? {
            Compact::Nanos(nanos) => Ok(DateTime::from_timestamp_nanos(nanos)),
            Compact::Text(text) => DateTime::parse_from_rfc3339(&text)
                .map(|t| t.with_timezone(&Utc))
                .map_err(serde::de::Error::custom),
        }
    }
}

#[derive(Serialize, Deserialize)]
enum Compact {
    Nanos(i64),
    Text(String),
}
