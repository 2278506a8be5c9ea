//! Writes the benchmarks' generated curriculum to a file, to time the real binary and window
//! on it: `cargo run --release --example generate -- 10000 big.ron` (or `big.md` for the
//! Markdown form). The same fixed-seed generator as `cargo bench`, with six mentor goals.

#[path = "../benches/common/mod.rs"]
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(path)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: generate MILESTONES FILE.ron|FILE.md");
        return ExitCode::from(2);
    };
    let markdown = path.ends_with(".md");
    let curriculum = common::curriculum(n, if markdown { 0 } else { 6 });
    let text = if markdown {
        common::markdown(&curriculum)
    } else {
        common::ron(&curriculum)
    };
    match std::fs::write(path, text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
