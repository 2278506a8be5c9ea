//! Runs one operation once on the benchmarks' generated inputs, for instruction counts:
//! `valgrind --tool=callgrind --toggle-collect='waymark::plan::plan' target/release/examples/once plan 10000`
//! counts only the planner (see BENCHMARKS.md). Operations: `plan`, `plan-kept` (through an
//! index built beforehand; count `waymark::plan::plan_with`), `parse-ron`, `parse-md`.

#[path = "../benches/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(op), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: once plan|plan-kept|parse-ron|parse-md MILESTONES");
        return ExitCode::from(2);
    };
    match op.as_str() {
        "plan" => {
            let curriculum = common::curriculum(n, 6);
            let state = common::state(&curriculum, 30, 1_000);
            let plan = waymark::plan::plan(&[&curriculum], &state, common::today());
            black_box(plan);
        }
        "plan-kept" => {
            let curriculum = common::curriculum(n, 6);
            let state = common::state(&curriculum, 30, 1_000);
            let index = waymark::plan::Index::new(&[&curriculum]);
            let plan = waymark::plan::plan_with(&index, &[&curriculum], &state, common::today());
            black_box(plan);
        }
        "parse-ron" => {
            let text = common::ron(&common::curriculum(n, 6));
            let parsed = waymark::curriculum::format::parse("bench.ron", text.as_bytes());
            black_box(parsed.is_ok());
        }
        "parse-md" => {
            let text = common::markdown(&common::curriculum(n, 0));
            let parsed = waymark::curriculum::markdown::parse("bench-path.md", text.as_bytes());
            black_box(parsed.is_ok());
        }
        _ => {
            eprintln!("unknown operation {op}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
