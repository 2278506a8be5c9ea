//! The data directory under stress, through the real binary: unreadable state, a read-only or
//! full disk, a second instance, a symlinked directory, and ids that try to name other paths.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too: a panic is a failed test

mod support;

use support::{snapshot, stderr, waymark};

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::Utc;
use waymark::progress::{MilestoneRef, State, Status};
use waymark::storage::{self, DataDir};
use waymark::workspace::Change;
use waymark::workspace::Workspace;

/// A small curriculum of the test's own (the bundled ones change as they are written).
const DRILL: &str = r#"Curriculum(format: 1, id: "drill", revision: 1, title: "Drill",
    sections: [Section(id: "s", title: "Steps", milestones: [
        Milestone(id: "first", title: "First"),
        Milestone(id: "second", title: "Second", requires: ["first"]),
    ])])"#;

/// Imports [`DRILL`] into `data` with the real binary; returns its two milestones.
fn setup(data: &Path) -> (MilestoneRef, MilestoneRef) {
    let file = data.with_extension("drill.ron");
    std::fs::write(&file, DRILL).unwrap();
    let o = waymark(data, &["import", file.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::remove_file(&file).unwrap();
    (
        MilestoneRef::new("drill", "first"),
        MilestoneRef::new("drill", "second"),
    )
}

/// The state on disk, read without taking the lock: what every machine's records give.
fn saved(data: &Path) -> State {
    Workspace::open_read_only(data).unwrap().0.state().clone()
}

/// Pads the file of changes with a line of spaces (which reading skips) to the end of its last
/// page: small appends otherwise land in the page's slack, which a full tmpfs still has.
fn pad_to_page(data: &Path) {
    let path = changes(data);
    let len = std::fs::metadata(&path).unwrap().len() as usize;
    let pad = 4096 - len % 4096;
    if pad > 1 {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(&[b' '; 4096][..pad - 1]).unwrap();
        f.write_all(b"\n").unwrap();
    }
}

/// The file the tests' machine appends its changes to.
fn changes(data: &Path) -> PathBuf {
    data.join("machines")
        .join(support::DEVICE)
        .join("changes.ron")
}

fn set_aside_files(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("state.unreadable")
        })
        .collect()
}

#[test]
fn an_unreadable_state_lets_the_cli_start_and_is_kept_aside_byte_for_byte() {
    let first = MilestoneRef::new("drill", "first");
    let good = {
        let mut s = waymark::progress::State::default();
        s.set_status(&first, Status::Done, Utc::now());
        storage::state_to_ron(&s).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", good.as_bytes()[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("blank", b" \n\t\n".to_vec()),
        (
            "future",
            b"(format: 99, focus: [], something_new: true)".to_vec(),
        ),
        (
            "not utf-8",
            b"(format: 1, mentor: (name: \"\xFF\xFE\"))".to_vec(),
        ),
        ("nul bytes", b"(format: 1,\0\0\0)".to_vec()),
        ("not ron", b"<?xml version=\"1.0\"?><state/>".to_vec()),
        (
            "wrong types",
            b"(format: 1, hours_per_week: \"ten\")".to_vec(),
        ),
    ];
    for (what, bytes) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        setup(&data);
        std::fs::write(data.join("state.ron"), &bytes).unwrap();

        let o = waymark(&data, &["status"]);
        assert_eq!(o.status.code(), Some(0), "{what}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("could not be read"),
            "{what}: {}",
            stderr(&o)
        );
        assert!(stderr(&o).contains("state.ron"), "{what}: {}", stderr(&o));
        assert_eq!(
            std::fs::read(data.join("state.ron")).unwrap(),
            bytes,
            "{what}"
        );

        let o = waymark(&data, &["mark", &first.to_string(), "doing"]);
        assert_eq!(o.status.code(), Some(0), "{what}: {}", stderr(&o));
        let aside = set_aside_files(&data);
        assert_eq!(aside.len(), 1, "{what}: kept aside once");
        assert_eq!(
            std::fs::read(&aside[0]).unwrap(),
            bytes,
            "{what}: byte for byte"
        );
        assert!(
            stderr(&o).contains(&aside[0].display().to_string()),
            "{what}: the message says where it is kept: {}",
            stderr(&o)
        );
        let o = waymark(&data, &["status"]);
        assert!(
            stderr(&o).is_empty(),
            "{what}: the new state reads: {}",
            stderr(&o)
        );
    }
}

/// A tmpfs mounted for one test, unmounted when dropped. `None` (with a note) where mounting is
/// not permitted, so the test is skipped rather than failed on machines without root.
struct Mount {
    path: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Mount {
    fn tmpfs(size: &str) -> Option<Self> {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("mnt");
        std::fs::create_dir(&path).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("NOTE: cannot mount a tmpfs here (not root?); skipping this test");
            return None;
        }
        Some(Self { path, _tmp: tmp })
    }

    fn remount(&self, mode: &str) {
        let o = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.path)
            .output()
            .unwrap();
        assert!(o.status.success(), "remount {mode}: {}", stderr(&o));
    }

    /// Writes a file until the disk refuses more; returns its path.
    fn fill(&self) -> PathBuf {
        let filler = self.path.join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0xA5u8; 4096];
        loop {
            if let Err(e) = f.write_all(&chunk) {
                assert_eq!(e.raw_os_error(), Some(28), "ENOSPC expected, got {e}");
                break;
            }
        }
        // Small files still fit in a page's slack; use those up too.
        for i in 0.. {
            let fill = std::fs::write(self.path.join(format!("filler-{i}")), [0u8; 512]);
            if fill.is_err() {
                break;
            }
        }
        filler
    }

    fn free(&self) {
        for e in std::fs::read_dir(&self.path)
            .unwrap()
            .filter_map(Result::ok)
        {
            if e.file_name().to_string_lossy().starts_with("filler") {
                std::fs::remove_file(e.path()).unwrap();
            }
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        // Lazy, so a test that failed with a file still open does not leave the mount behind.
        let _ = Command::new("umount").arg("-l").arg(&self.path).output();
    }
}

#[test]
fn a_read_only_data_directory_gives_a_clear_error_and_changes_nothing() {
    let Some(mnt) = Mount::tmpfs("1m") else {
        return;
    };
    let data = mnt.path.join("data");
    let (first, second) = setup(&data);
    let o = waymark(&data, &["mark", &first.to_string(), "done"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = snapshot(&data);

    mnt.remount("ro");
    let o = waymark(&data, &["mark", &second.to_string(), "doing"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&data.display().to_string()),
        "names the path: {}",
        stderr(&o)
    );
    assert!(
        stderr(&o).to_lowercase().contains("read-only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&data), before, "nothing changed");
    // Reading still works.
    assert_eq!(waymark(&data, &["status"]).status.code(), Some(0));

    mnt.remount("rw");
    let o = waymark(&data, &["mark", &second.to_string(), "doing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let state = saved(&data);
    assert_eq!(state.status(&first), Status::Done);
    assert_eq!(state.status(&second), Status::Doing);
}

#[test]
fn a_full_disk_gives_a_clear_error_keeps_the_old_state_and_the_next_save_succeeds() {
    let Some(mnt) = Mount::tmpfs("64k") else {
        return;
    };
    let data = mnt.path.join("data");
    let (first, second) = setup(&data);
    let o = waymark(&data, &["mark", &first.to_string(), "done"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let state_path = changes(&data);
    pad_to_page(&data);
    let before = std::fs::read(&state_path).unwrap();

    mnt.fill();
    let o = waymark(&data, &["mark", &second.to_string(), "doing"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&state_path.display().to_string()),
        "names the file: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("No space left"), "{}", stderr(&o));
    assert!(
        std::fs::read(&state_path).unwrap().starts_with(&before),
        "every record written before is whole"
    );
    assert_eq!(
        saved(&data).status(&second),
        Status::Todo,
        "the failed mark is not there"
    );

    mnt.free();
    let o = waymark(&data, &["mark", &second.to_string(), "doing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let state = saved(&data);
    assert_eq!(state.status(&first), Status::Done);
    assert_eq!(state.status(&second), Status::Doing);
}

#[test]
fn a_save_that_fails_on_a_full_disk_keeps_the_change_in_memory_until_space_returns() {
    let Some(mnt) = Mount::tmpfs("64k") else {
        return;
    };
    let data = mnt.path.join("data");
    let (first, second) = setup(&data);
    let device = waymark::sync::device::Device::named(support::DEVICE);
    let (mut ws, _) = Workspace::open_as(&data, device.clone()).unwrap();
    assert!(
        ws.apply(
            Change::SetStatus {
                milestone: first.clone(),
                status: Status::Done
            },
            Utc::now()
        )
        .unwrap()
        .changed
    );
    ws.save().unwrap();
    pad_to_page(&data);
    let before = std::fs::read(changes(&data)).unwrap();

    mnt.fill();
    assert!(
        ws.apply(
            Change::SetStatus {
                milestone: second.clone(),
                status: Status::Doing
            },
            Utc::now()
        )
        .unwrap()
        .changed
    );
    let e = ws.save().unwrap_err();
    assert!(e.to_string().contains("changes.ron"), "{e}");
    assert_eq!(
        ws.state().status(&second),
        Status::Doing,
        "the mark is still in memory"
    );
    assert!(std::fs::read(changes(&data)).unwrap().starts_with(&before));

    mnt.free();
    ws.save().unwrap();
    drop(ws);
    let (ws, report) = Workspace::open_as(&data, device).unwrap();
    assert!(report.state_set_aside.is_none());
    assert_eq!(ws.state().status(&first), Status::Done);
    assert_eq!(ws.state().status(&second), Status::Doing);
}

#[test]
fn a_second_instance_is_refused_and_never_clobbers_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (first, second) = setup(&data);
    let o = waymark(&data, &["mark", &first.to_string(), "done"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = snapshot(&data);

    let held = DataDir::open(&data).unwrap();
    for args in [
        vec!["mark", &second.to_string(), "doing"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>(),
        vec!["mark".to_owned(), first.to_string(), "todo".to_owned()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = waymark(&data, &args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("in use"), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&data.display().to_string()),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(
        snapshot(&data),
        before,
        "byte for byte what the first instance had"
    );
    drop(held);
    let o = waymark(&data, &["mark", &second.to_string(), "doing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_data_directory_reached_through_a_symlink_works_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (first, _) = setup(&link);

    let md = tmp.path().join("notes.md");
    std::fs::write(
        &md,
        "# My notes\n\n- [ ] Read a paper\n- [x] Train a model\n",
    )
    .unwrap();
    let o = waymark(
        &link,
        &["import", md.to_str().unwrap(), "--yes", "--keep-checked"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = waymark(&link, &["mark", &first.to_string(), "done"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = waymark(&link, &["status"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("My notes"));

    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert!(changes(&real).is_file());
    assert_eq!(
        std::fs::read_dir(real.join("curricula")).unwrap().count(),
        2
    );
    assert_eq!(saved(&real).status(&first), Status::Done);
}

#[test]
fn ids_from_the_command_line_never_name_a_path_outside_the_data_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("deep").join("data");
    let o = waymark(&data, &["status"]);
    assert_eq!(o.status.code(), Some(0));
    let outside_before = snapshot(tmp.path());
    for args in [
        vec!["mark", "../x/y", "done"],
        vec!["mark", "../../etc/passwd", "done"],
        vec!["mark", "/etc/passwd", "done"],
        vec!["mark", "ai-engineer-core/../../x", "done"],
        vec!["mark", "..\\..\\x/y", "done"],
        vec!["export", "../../etc"],
        vec!["export", "/etc/passwd"],
        vec!["export", "..", "--markdown"],
        vec!["export", "curricula/../state"],
    ] {
        let o = waymark(&data, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?}: says why");
        assert!(o.stdout.is_empty(), "{args:?}: printed nothing it found");
    }
    assert_eq!(
        snapshot(tmp.path()),
        outside_before,
        "nothing written anywhere"
    );
}

#[test]
fn curricula_named_to_escape_are_refused_or_stored_under_a_slug() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let files = tmp.path().join("files");
    std::fs::create_dir_all(files.join("sub")).unwrap();
    for id in [
        "..",
        "../evil",
        "/etc/evil",
        "a/b",
        "a\\\\b",
        ".hidden",
        "CON",
        "x\\u{0}y",
    ] {
        let ron = format!(
            "Curriculum(format: 1, id: \"{id}\", revision: 1, title: \"T\", \
             sections: [Section(id: \"s\", title: \"S\", milestones: [Milestone(id: \"m\", title: \"M\")])])"
        );
        let path = files.join("evil.ron");
        std::fs::write(&path, ron).unwrap();
        let o = waymark(&data, &["import", path.to_str().unwrap(), "--yes"]);
        assert_eq!(o.status.code(), Some(1), "{id}: {}", stderr(&o));
    }
    // Markdown takes its id from the file's name or heading: hostile ones become slugs.
    for (name, heading) in [
        ("...md", "# ../../etc/passwd"),
        ("..%2f..%2fx.md", "# /root/.ssh"),
        ("sub/..md", "# ..\\..\\windows"),
    ] {
        let path = files.join(name);
        std::fs::write(&path, format!("{heading}\n\n- [ ] one\n")).unwrap();
        let o = waymark(&data, &["import", path.to_str().unwrap(), "--yes"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    }
    let stored: Vec<String> = std::fs::read_dir(data.join("curricula"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!stored.is_empty());
    for name in &stored {
        let (id, rest) = name.split_once('.').unwrap();
        assert!(waymark::curriculum::is_slug(id), "{name}");
        let hash = rest.strip_suffix(".ron").unwrap();
        assert!(
            hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{name}"
        );
    }
    // (This machine's memory is kept outside the data directory on purpose, and named by it.)
    let memory = support::state_dir_of(&data);
    let everything = snapshot(tmp.path());
    for path in everything.keys() {
        assert!(
            path.starts_with(&data) || path.starts_with(&files) || path.starts_with(&memory),
            "written outside: {}",
            path.display()
        );
    }
    // The stored ids cannot be used against storage either.
    let dir = DataDir::open(&data).unwrap();
    for id in ["..", "../state", "/etc/passwd", "a/b"] {
        assert!(dir.remove_curriculum(id).is_err(), "{id}");
    }
    assert!(changes(&data).is_file());
}

/// Bytes that a terminal acts on: C0 controls but newline and tab, DEL, and C1 controls.
fn has_terminal_controls(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn escape_sequences_in_a_curriculum_are_printed_as_text_not_sent_to_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // OSC 52 would set the clipboard, CSI 2J clear the screen, \u{9b} is the one-byte CSI.
    let hostile = r"Evil \u{1b}]52;c;ZWNobyBwd25lZA==\u{7}\u{1b}[2J\u{9b}31m\r";
    let ron = format!(
        "Curriculum(format: 1, id: \"evil\", revision: 1, title: \"{hostile}\", \
         sections: [Section(id: \"s\", title: \"S\", milestones: [Milestone(id: \"a\", title: \"A{hostile}\")])])"
    );
    let file = tmp.path().join("evil.ron");
    std::fs::write(&file, ron).unwrap();
    let bad_id = tmp.path().join("bad.ron");
    std::fs::write(
        &bad_id,
        format!(
            "Curriculum(format: 1, id: \"{hostile}\", revision: 1, title: \"x\", sections: [])"
        ),
    )
    .unwrap();

    let file = file.to_str().unwrap();
    // (arguments, whether the output shows the hostile text)
    for (args, shows_it) in [
        (vec!["import", file], true),
        (vec!["import", file, "--yes"], true),
        (vec!["validate", file], false),
        (vec!["validate", bad_id.to_str().unwrap()], true),
        (vec!["status"], true),
        (vec!["report"], true),
        (vec!["mark", "evil/a", "done"], false),
    ] {
        let o = waymark(&data, &args);
        assert!(
            !has_terminal_controls(&o.stdout),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert!(
            !has_terminal_controls(&o.stderr),
            "{args:?}: {}",
            stderr(&o)
        );
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
        if shows_it {
            // A title's control characters were dropped when it was read; the id's, which
            // is refused, is shown as an escape. What was around them is only text.
            assert!(
                all.contains("]52;c;ZWNobyBwd25lZA=="),
                "{args:?}: shown as text: {all}"
            );
        }
    }
    // An export piped to a file is data: it holds none of them either (contract §4).
    let o = waymark(&data, &["export", "evil", "--markdown"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!has_terminal_controls(&o.stdout));
    let markdown = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        markdown.contains(r"# Evil \]52;c;ZWNobyBwd25lZA==\[2J31m"),
        "{markdown}"
    );
    let o = waymark(&data, &["export", "evil"]);
    assert!(!has_terminal_controls(&o.stdout));
    let back = waymark::curriculum::format::parse("evil.ron", &o.stdout).unwrap();
    assert_eq!(back.title, "Evil ]52;c;ZWNobyBwd25lZA==[2J31m ");
}

/// Runs the binary, killing it (and failing) if it has not finished within 30 s.
#[cfg(unix)]
fn waymark_within(data: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .env("WAYMARK_DATA_DIR", data)
        .env("WAYMARK_STATE_DIR", support::state_dir_of(data))
        .env("WAYMARK_DEVICE", support::DEVICE)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("{args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_state_file_that_is_a_fifo_a_folder_or_a_device_is_a_clear_error_not_a_hang_or_a_reset() {
    type Make = fn(&Path);
    let makers: [(&str, Make); 3] = [
        ("fifo", |p| {
            let o = Command::new("mkfifo").arg(p).output().unwrap();
            assert!(o.status.success());
        }),
        ("folder", |p| std::fs::create_dir(p).unwrap()),
        ("device", |p| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap()
        }),
    ];
    type Where = fn(&Path) -> PathBuf;
    let files: [(&str, Where); 2] = [
        ("state.ron", |data| data.join("state.ron")),
        ("changes.ron", changes),
    ];
    for ((what, make), (file, path_of)) in makers
        .iter()
        .flat_map(|m| files.iter().map(move |f| (m, f)))
    {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        setup(&data);
        let target = path_of(&data);
        let _ = std::fs::remove_file(&target);
        make(&target);

        let before = snapshot(&data);
        for args in [vec!["status"], vec!["mark", "drill/first", "done"]] {
            let o = waymark_within(&data, &args);
            // A state file that cannot be read stops every command. This machine's own file
            // of changes that is not one is skipped with a warning by a command that only
            // reads (issue 21: nothing in the synced folder stops a machine), and refuses a
            // change, which would be written there.
            // (Here the records of the curriculum's import are in that file: the change is
            // refused as naming an unknown curriculum, exit 1, before any write is tried.)
            let own_file = *file == "changes.ron";
            let expected: &[i32] = match (own_file, args[0]) {
                (true, "status") => &[0],
                (true, _) => &[1, 2],
                (false, _) => &[2],
            };
            assert!(
                o.status.code().is_some_and(|c| expected.contains(&c)),
                "{what} {file} {args:?}: exit {:?}: {}",
                o.status.code(),
                stderr(&o)
            );
            let said = if *what == "device" && *file == "changes.ron" {
                "is a link"
            } else {
                "not a regular file"
            };
            assert!(stderr(&o).contains(said), "{what} {file}: {}", stderr(&o));
            let path = target.display().to_string();
            assert!(
                stderr(&o).contains(&path),
                "{what} {file}: names the path: {}",
                stderr(&o)
            );
        }
        assert!(
            set_aside_files(&data).is_empty(),
            "{what} {file}: not a reset"
        );
        assert!(
            std::fs::symlink_metadata(&target).is_ok(),
            "{what} {file}: still there"
        );
        assert_eq!(snapshot(&data), before, "{what} {file}: nothing changed");
    }
}

/// An update whose save fails (a full disk) is all or nothing: the window keeps the revision it
/// had and the learner's progress as it was, in memory and on disk, and works on once space
/// returns (issue 19; contract §3).
#[test]
fn an_update_applied_onto_a_full_disk_changes_nothing_the_learner_sees() {
    let Some(mnt) = Mount::tmpfs("256k") else {
        return;
    };
    let data = mnt.path.join("data");
    let (first, second) = setup(&data);
    let device = waymark::sync::device::Device::named(support::DEVICE);
    let (mut ws, _) = Workspace::open_as(&data, device).unwrap();
    assert!(
        ws.apply(
            Change::SetStatus {
                milestone: first.clone(),
                status: Status::Done
            },
            Utc::now()
        )
        .unwrap()
        .changed
    );
    ws.save().unwrap();
    // Revision 2 renames "first"; its copy is on disk already (an earlier preview, or another
    // machine), so what fails is the save of the update's records.
    let revision_2 = DRILL
        .replace("revision: 1", "revision: 2")
        .replace(
            r#"Milestone(id: "first", title: "First"),"#,
            r#"Milestone(id: "step-one", title: "First", renamed_from: ["first"]),"#,
        )
        .replace(r#"requires: ["first"]"#, r#"requires: ["step-one"]"#);
    let pending = ws
        .preview_import("drill.ron", revision_2.as_bytes())
        .unwrap();
    ws.data_dir().store_curriculum(&pending.curriculum).unwrap();
    pad_to_page(&data);
    let records_before = std::fs::read(changes(&data)).unwrap();

    mnt.fill();
    let e = ws
        .apply(
            Change::Import {
                pending: Box::new(pending),
                keep_checked: false,
                allow_older: false,
            },
            Utc::now(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("changes.ron"), "{e}");
    assert_eq!(
        ws.curriculum("drill").unwrap().revision,
        1,
        "the old revision stays"
    );
    assert_eq!(
        ws.state().status(&first),
        Status::Done,
        "progress as it was"
    );
    assert!(
        ws.state()
            .milestone(&MilestoneRef::new("drill", "step-one"))
            .is_none()
    );
    assert!(
        std::fs::read(changes(&data))
            .unwrap()
            .starts_with(&records_before),
        "every record written before is whole"
    );

    mnt.free();
    // It works on: the next change saves, and nothing of the failed update comes with it.
    assert!(
        ws.apply(
            Change::SetStatus {
                milestone: second.clone(),
                status: Status::Doing
            },
            Utc::now()
        )
        .unwrap()
        .changed
    );
    ws.save().unwrap();
    drop(ws);
    let (ws, _) = Workspace::open_read_only(&data).unwrap();
    assert_eq!(ws.curriculum("drill").unwrap().revision, 1);
    assert_eq!(ws.state().status(&first), Status::Done);
    assert_eq!(ws.state().status(&second), Status::Doing);
}
