//! Parsing and validating curricula, RON and Markdown, at 1k, 10k and 100k milestones.
//!
//! Budget: linear (100k costs no more than ~12x 10k) and 10k under 100 ms. The inputs are
//! generated once per size, outside the timed loop, and checked to parse before timing; each
//! iteration parses and validates the bytes from scratch. Freeing the result is left out of the
//! timing (`iter_with_large_drop`): the app keeps what it parses, and at 100k milestones the
//! allocator's work to free a million small strings is a cost of the allocator, not of parsing.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::CpuTime;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use waymark::curriculum::{format, markdown};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn ron(c: &mut Criterion<CpuTime>) {
    let mut group = c.benchmark_group("parse_ron");
    for n in SIZES {
        let text = common::ron(&common::curriculum(n, 6));
        match format::parse("bench.ron", text.as_bytes()) {
            Ok(parsed) => assert_eq!(parsed.milestone_count(), n),
            Err(e) => panic!("the generated curriculum of {n} should be valid, but: {e}"),
        }
        eprintln!("parse_ron/{n}: {} bytes", text.len());
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter_with_large_drop(|| format::parse("bench.ron", black_box(text.as_bytes())));
        });
    }
    group.finish();
}

fn md(c: &mut Criterion<CpuTime>) {
    let mut group = c.benchmark_group("parse_markdown");
    for n in SIZES {
        let text = common::markdown(&common::curriculum(n, 0));
        match markdown::parse("bench-path.md", text.as_bytes()) {
            Ok(parsed) => assert_eq!(parsed.curriculum.milestone_count(), n),
            Err(e) => panic!("the generated Markdown of {n} should be valid, but: {e}"),
        }
        eprintln!("parse_markdown/{n}: {} bytes", text.len());
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter_with_large_drop(|| markdown::parse("bench-path.md", black_box(text.as_bytes())));
        });
    }
    group.finish();
}

fn config() -> Criterion<CpuTime> {
    Criterion::default()
        .with_measurement(CpuTime::new())
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = ron, md
}
criterion_main!(benches);
