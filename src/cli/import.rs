//! `waymark validate` and `waymark import`: curriculum files checked, previewed and applied.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{CliError, Outcome, apply, open_read_only, warn};
use crate::curriculum::{self, ReadError};
use crate::workspace::{Change, PendingImport, Workspace, WorkspaceError, counted};

pub(super) fn validate(
    files: &[PathBuf],
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let mut outcome = Outcome::Ok;
    for path in files {
        let name = path.display().to_string();
        let parsed = curriculum::read_file(path)
            .and_then(|bytes| curriculum::parse(&name, &bytes).map_err(ReadError::Invalid));
        match parsed {
            Ok(c) => writeln!(
                out,
                "{name}: ok, \"{}\" revision {}, {} milestones",
                c.id,
                c.revision,
                c.milestone_count()
            )?,
            Err(ReadError::Invalid(invalid)) => {
                warn(format_args!("{invalid}"));
                if outcome == Outcome::Ok {
                    outcome = Outcome::Refused;
                }
            }
            Err(ReadError::Io(message)) => {
                warn(format_args!("{message}"));
                outcome = Outcome::Failed;
            }
        }
    }
    Ok(outcome)
}

/// What `waymark import` was told besides the file.
pub(super) struct ImportOptions {
    pub yes: bool,
    pub keep_checked: bool,
    pub allow_older: bool,
    /// Hours for each milestone without an estimate, as typed.
    pub hours_each: Option<String>,
}

pub(super) fn import(
    data_dir: &Path,
    file: &Path,
    options: &ImportOptions,
    now: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let &ImportOptions {
        yes,
        keep_checked,
        allow_older,
        ..
    } = options;
    let hours_each = options
        .hours_each
        .as_deref()
        .map(crate::progress::profile::parse_hours)
        .transpose()?;
    let name = file.display().to_string();
    let bytes = match curriculum::read_file(file) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(message)) => return Err(CliError::Failed(message)),
        Err(ReadError::Invalid(invalid)) => {
            warn(format_args!("{invalid}"));
            return Ok(Outcome::Refused);
        }
    };
    // Preview on a read-only view: nothing is written unless the user said --yes.
    let preview_of = |workspace: &Workspace| {
        let mut pending = workspace.preview_import(&name, &bytes)?;
        if let Some(hours) = hours_each {
            // Checked above: hours an estimate may be.
            let _ = pending.set_hours_each(hours);
        }
        Ok::<_, curriculum::Invalid>(pending)
    };
    let pending = match preview_of(&open_read_only(data_dir)?) {
        Ok(pending) => pending,
        Err(invalid) => {
            warn(format_args!("{invalid}"));
            return Ok(Outcome::Refused);
        }
    };
    write_preview(&pending, out)?;
    if hours_each.is_none() && pending.preview.old_revision.is_none() {
        let missing = pending.unestimated();
        if missing > 0 {
            writeln!(
                out,
                "--hours-each H gives each of the {} without an estimate H hours.",
                counted(missing, "milestone", "milestones")
            )?;
        }
    }
    if !yes {
        writeln!(out, "\nNothing was changed. Run again with --yes to apply.")?;
        return Ok(Outcome::Ok);
    }
    if pending.preview.is_no_op() && !keep_checked {
        writeln!(out, "\nNothing to do: this revision is already imported.")?;
        return Ok(Outcome::Ok);
    }
    if pending.preview.is_downgrade() && !allow_older {
        return Err(WorkspaceError::Downgrade {
            curriculum: pending.curriculum.id.clone(),
            old: pending.preview.old_revision.unwrap_or_default(),
            new: pending.preview.new_revision,
        }
        .into());
    }
    let (workspace, _) = apply(data_dir, now, |workspace| {
        // Preview again under the lock: the data may have changed since the read-only look.
        let pending = preview_of(workspace).map_err(|e| CliError::Refused(e.to_string()))?;
        Ok(Change::Import {
            pending: Box::new(pending),
            keep_checked,
            allow_older,
        })
    })?;
    writeln!(out, "\nApplied.")?;
    if pending.asks_for_focus(workspace.state()) {
        let id = &pending.curriculum.id;
        writeln!(
            out,
            "It is not in your focus yet: `waymark focus add {id}` plans it with the rest."
        )?;
    }
    Ok(Outcome::Ok)
}

/// Prints what an import would do, as the window's preview shows it.
pub fn write_preview(pending: &PendingImport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let c = &pending.curriculum;
    let p = &pending.preview;
    writeln!(out, "{} — \"{}\" revision {}", c.id, c.title, c.revision)?;
    if !c.authors.is_empty() {
        writeln!(out, "by {}", c.authors.join(", "))?;
    }
    writeln!(out, "{}", pending.count_words())?;
    writeln!(out, "{}", pending.estimate_words())?;
    writeln!(out, "{}", pending.kind_words())?;
    if p.old_revision.is_some() {
        if p.is_downgrade() {
            writeln!(
                out,
                "This is an OLDER revision than the one imported; applying it needs --allow-older."
            )?;
        }
        let list = |label: &str, ids: &[String], out: &mut dyn std::io::Write| {
            if ids.is_empty() {
                return Ok(());
            }
            writeln!(out, "  {label} ({}): {}", ids.len(), ids.join(", "))
        };
        list("added", &p.added, out)?;
        list("removed", &p.removed, out)?;
        if !p.renamed.is_empty() {
            let pairs: Vec<String> = p
                .renamed
                .iter()
                .map(|(a, b)| format!("{a} -> {b}"))
                .collect();
            writeln!(out, "  renamed ({}): {}", pairs.len(), pairs.join(", "))?;
        }
        list("changed", &p.changed, out)?;
        if pending.finished_changed > 0 {
            writeln!(
                out,
                "{} {} you finished {} changed; they stay finished and are flagged for you to look at.",
                pending.finished_changed,
                if pending.finished_changed == 1 {
                    "milestone"
                } else {
                    "milestones"
                },
                if pending.finished_changed == 1 {
                    "has"
                } else {
                    "have"
                }
            )?;
        }
        writeln!(
            out,
            "Progress kept on {} milestones; set aside on {} removed ones (it comes back if they return).",
            pending.progress_kept, pending.progress_set_aside
        )?;
    }
    if !pending.checked.is_empty() {
        writeln!(
            out,
            "The file has {} checked; --keep-checked counts them as done before this import.",
            counted(pending.checked.len(), "item", "items")
        )?;
    }
    Ok(())
}
