//! Compiles every `curricula/*.ron` into the binary (a list for `src/bundled.rs`), and writes
//! the shell completions and man pages from the command line's own definition into
//! `$OUT_DIR/completions` and `$OUT_DIR/man`, where `tools/package-deb.sh` finds them.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use clap::CommandFactory as _;

// The clap definition alone: it names no type of the crate, so it compiles here too, and the
// completions and man pages can never describe commands the binary does not have.
#[allow(dead_code)] // the build script reads the definition, never parsed values
#[path = "src/cli/args.rs"]
mod args;

fn main() {
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned());
    let out_dir = Path::new(&out_dir);
    bundle_curricula(out_dir);
    println!("cargo::rerun-if-changed=src/cli/args.rs");
    if let Err(e) = write_completions(&out_dir.join("completions")) {
        panic!("cannot write the shell completions: {e}");
    }
    if let Err(e) = write_man_pages(&out_dir.join("man")) {
        panic!("cannot write the man pages: {e}");
    }
}

fn bundle_curricula(out_dir: &Path) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("curricula");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("&[\n");
    for name in &names {
        let path = dir.join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        // Relative to the manifest at compile time, so a target dir shared between checkouts
        // can never compile another checkout's curricula.
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/curricula/{name}\"))),"
        );
    }
    out.push(']');
    if let Err(e) = std::fs::write(out_dir.join("bundled.rs"), out) {
        panic!("cannot write the bundled curricula list: {e}");
    }
}

/// `waymark.bash`, `_waymark` (zsh) and `waymark.fish`.
fn write_completions(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut command = args::Args::command();
    for shell in [
        clap_complete::Shell::Bash,
        clap_complete::Shell::Zsh,
        clap_complete::Shell::Fish,
    ] {
        clap_complete::generate_to(shell, &mut command, "waymark", dir)?;
    }
    Ok(())
}

/// `waymark.1`, and a page per subcommand as git has them (`waymark-import.1`,
/// `waymark-goal-adopt.1`, …), each naming this version.
fn write_man_pages(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut command = args::Args::command().disable_help_subcommand(true);
    command.build();
    let source = format!("waymark {}", env!("CARGO_PKG_VERSION"));
    let mut pages = Vec::new();
    for sub in command.get_subcommands() {
        pages.push(sub.clone());
        pages.extend(sub.get_subcommands().cloned());
    }
    let mut see_also = Vec::new();
    for page in pages {
        let man = clap_mangen::Man::new(page)
            .source(source.clone())
            .manual("Waymark Manual");
        let name = man.get_filename();
        let mut file = std::fs::File::create(dir.join(&name))?;
        man.render(&mut file)?;
        file.flush()?;
        let stem = name.strip_suffix(".1").unwrap_or(&name);
        see_also.push(format!("\\fB{stem}\\fR(1)"));
    }

    let man = clap_mangen::Man::new(command)
        .source(source)
        .manual("Waymark Manual");
    let mut file = std::fs::File::create(dir.join(man.get_filename()))?;
    man.render_title(&mut file)?;
    man.render_name_section(&mut file)?;
    man.render_synopsis_section(&mut file)?;
    man.render_description_section(&mut file)?;
    man.render_options_section(&mut file)?;
    man.render_subcommands_section(&mut file)?;
    file.write_all(MAIN_PAGE_SECTIONS.as_bytes())?;
    // Not hyphenated: a page name cut in two cannot be typed as it reads.
    writeln!(file, ".SH \"SEE ALSO\"\n.nh\n{}\n.hy", see_also.join(",\n"))?;
    man.render_version_section(&mut file)?;
    file.flush()
}

/// What the generated page cannot know: the environment, the files and the exit codes
/// (README "The command line" and "Where your data lives", contract §4 and §5).
const MAIN_PAGE_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBWAYMARK_DATA_DIR\fR
The data directory, as \fB\-\-data\-dir\fR gives it.
.TP
\fBWAYMARK_TODAY\fR
A day, YYYY\-MM\-DD: every command and the window act as if today were that day.
.SH FILES
.TP
\fI~/.local/share/waymark/\fR
The data directory on Linux: \fIstate.ron\fR (your focus, goals, statuses, notes, hours and
activity), \fIcurricula/\fR (a copy of every imported curriculum), \fIui.ron\fR (the
window's theme) and \fIwaymark.lock\fR (held while a Waymark may write).
.SH "EXIT STATUS"
.TP
\fB0\fR
Success. Output cut short by its reader (a closed pipe, as in \fBwaymark export ID | head\fR)
ends quietly with 0 too.
.TP
\fB1\fR
An invalid file or an unknown id.
.TP
\fB2\fR
Usage or I/O: a number that is not a number of hours, a date that is not a date, a target
in the past, a file that cannot be read, data in use by another Waymark.
.PP
A command that fails changes nothing on disk.
"#;
