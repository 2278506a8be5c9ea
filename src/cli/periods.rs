//! Weeks that differ: `waymark away`, `waymark hours N --from DATE [--to DATE]` and
//! `waymark periods [remove N]`, each a change through the one write path.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::{CliError, Outcome, apply, open_read_only};
use crate::progress::Period;
use crate::progress::periods::{LAST_DAY, check_period};
use crate::progress::profile;
use crate::workspace::Change;

/// Adds `period` once it keeps the rules: a period refused writes nothing (exit 2).
fn add(
    data_dir: &Path,
    period: Period,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    check_period(&period)?;
    let (_, applied) = apply(data_dir, now, |_| Ok(Change::AddPeriod(period.clone())))?;
    writeln!(out, "{} ({})", applied.what, period.range_words())?;
    Ok(Outcome::Ok)
}

/// `waymark away FROM TO`: no study from FROM to TO, both days included.
pub(super) fn away(
    data_dir: &Path,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let period = Period::away(profile::parse_date(from)?, profile::parse_date(to)?);
    add(data_dir, period, now, out)
}

/// `waymark hours N --from DATE [--to DATE]`: other hours a week for a period; without
/// `--to`, from that day on.
pub(super) fn hours_for_period(
    data_dir: &Path,
    hours: &str,
    from: &str,
    to: Option<&str>,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let period = Period {
        hours_per_week: profile::parse_hours_per_week(hours)?,
        from: profile::parse_date(from)?,
        to: to.map(profile::parse_date).transpose()?.unwrap_or(LAST_DAY),
    };
    add(data_dir, period, now, out)
}

/// A period as `periods` and `status` list it: "21 Dec 2026 to 17 Jan 2027<TAB>away".
pub(super) fn period_line(period: &Period) -> String {
    let kind = if period.is_away() {
        "away".to_owned()
    } else {
        format!(
            "{} h a week",
            crate::plan::hours_words(period.hours_per_week)
        )
    };
    format!("{}\t{kind}", period.range_words())
}

/// `waymark periods`: every period, numbered in the order added (what `remove` takes), the
/// ones over marked so; `waymark periods remove N` removes one.
pub(super) fn periods(
    data_dir: &Path,
    remove: Option<&str>,
    today: NaiveDate,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    if let Some(number) = remove {
        let n: usize = number
            .trim()
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| {
                CliError::Failed(format!(
                    "\"{number}\" is not a period's number: `waymark periods` lists them"
                ))
            })?;
        let (_, applied) = apply(data_dir, now, |workspace| {
            if n > workspace.state().periods.len() {
                return Err(CliError::Refused(format!(
                    "there is no period {n}: `waymark periods` lists them"
                )));
            }
            Ok(Change::RemovePeriod(n - 1))
        })?;
        writeln!(out, "{}", applied.what)?;
        return Ok(Outcome::Ok);
    }
    let workspace = open_read_only(data_dir)?;
    let periods = &workspace.state().periods;
    if periods.is_empty() {
        writeln!(
            out,
            "No time away or weeks of other hours: `waymark away FROM TO` or `waymark hours N --from DATE --to DATE` adds one."
        )?;
    }
    for (i, p) in periods.iter().enumerate() {
        let over = if p.to < today { "\tover" } else { "" };
        writeln!(out, "{}\t{}{over}", i + 1, period_line(p))?;
    }
    Ok(Outcome::Ok)
}
