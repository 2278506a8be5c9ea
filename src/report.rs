//! The Markdown progress report a learner sends their mentor before a check-in.

use chrono::NaiveDate;

use crate::workspace::Workspace;

/// Goals with projected dates, what was done since the last check-in, notes and evidence.
pub fn mentor_report(workspace: &Workspace, today: NaiveDate) -> String {
    let _ = (workspace, today);
    todo!("report: lead")
}
