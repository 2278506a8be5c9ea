//! What tests share besides the window harness: running the real `waymark` binary on a data
//! directory, its output as text, and a data directory's files to compare before and after.
#![allow(dead_code)] // each test file uses a different part

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The machine the tests' commands run as, unless a test names another.
pub const DEVICE: &str = "test-machine";

/// Where the binary run on `data` keeps its memory outside the data directory (what it wrote,
/// what it told): beside it, so that no test reads another's.
pub fn state_dir_of(data: &Path) -> PathBuf {
    data.with_extension("memory")
}

/// Runs the binary with `args` on the data directory `data`.
pub fn waymark(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .env("WAYMARK_DATA_DIR", data)
        .env("WAYMARK_STATE_DIR", state_dir_of(data))
        .env("WAYMARK_DEVICE", DEVICE)
        .env_remove("WAYMARK_TODAY")
        .output()
        .expect("the binary runs")
}

/// Runs the binary as machine `device` (`WAYMARK_DEVICE`), as if today were `today`.
pub fn waymark_as(data: &Path, device: &str, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .env("WAYMARK_DATA_DIR", data)
        .env("WAYMARK_STATE_DIR", state_dir_of(data))
        .env("WAYMARK_DEVICE", device)
        .env("WAYMARK_TODAY", today)
        .output()
        .expect("the binary runs")
}

/// Every machine's records in `data`, one after another: what the data directory holds of the
/// learner's own data.
pub fn records(data: &Path) -> String {
    let mut all = String::new();
    let Ok(machines) = std::fs::read_dir(data.join("machines")) else {
        return all;
    };
    let mut dirs: Vec<PathBuf> = machines.filter_map(Result::ok).map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        all.push_str(&std::fs::read_to_string(dir.join("changes.ron")).unwrap_or_default());
    }
    all
}

/// Runs the binary with `args` on `data` as if today were `today` (`WAYMARK_TODAY`).
pub fn waymark_on(data: &Path, today: &str, args: &[&str]) -> Output {
    waymark_as(data, DEVICE, today, args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes, to compare a data directory before and after.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let path = e.expect("a directory entry").path();
            let kind = std::fs::symlink_metadata(&path)
                .expect("the entry's metadata")
                .file_type();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let bytes = std::fs::read(&path).expect("the file reads");
                files.insert(path, bytes);
            } else {
                // A FIFO, a link, a device: reading one may block or never end; its name is
                // what is compared.
                files.insert(path, Vec::new());
            }
        }
    }
    files
}

/// Runs the binary as `waymark ARGS | head -LINES` would: reads `lines` lines of its standard
/// output (none: the pipe is closed before it can write), closes the pipe, and waits.
pub fn waymark_read_then_closed(data: &Path, args: &[&str], lines: usize) -> Output {
    use std::io::BufRead as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .env("WAYMARK_DATA_DIR", data)
        .env("WAYMARK_STATE_DIR", state_dir_of(data))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut reader = std::io::BufReader::new(stdout);
    for _ in 0..lines {
        let mut line = String::new();
        reader.read_line(&mut line).expect("a line is read");
    }
    drop(reader);
    child.wait_with_output().expect("the binary ends")
}
