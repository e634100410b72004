//! Criterion benches over the news corpus (`../shared/data/corpus/indosum_dev_news.txt`, one
//! paragraph per line), in bytes per second: each stage alone, the whole tagger in both modes,
//! the whole-document and batch paths, and the limit (a raw Aho-Corasick scan over the same
//! entries, no tokenizing, matches only counted).
//!
//! `cargo bench --bench pipeline`. The corpus is not part of the crate: without it the benches
//! say so and measure nothing. `TANDAI_CORPUS=PATH` points them at another text.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use tandai::stages::Stages;
use tandai::{Gazetteer, Tagger};

fn corpus() -> Option<(PathBuf, String)> {
    let path = std::env::var_os("TANDAI_CORPUS").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/data/corpus/indosum_dev_news.txt")
        },
        PathBuf::from,
    );
    match std::fs::read_to_string(&path) {
        Ok(text) => Some((path, text)),
        Err(e) => {
            eprintln!(
                "benches/pipeline: skipped, cannot read the corpus {}: {e}",
                path.display()
            );
            None
        }
    }
}

/// The entries of the embedded gazetteers: the same files `src/embedded.rs` compiles in.
fn embedded_entries() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
    ["per", "loc", "org", "per-wiki", "loc-wiki", "org-wiki"]
        .iter()
        .flat_map(|name| {
            let g = Gazetteer::from_path(dir.join(format!("{name}.txt"))).unwrap();
            g.iter().map(|(e, _, _)| e.to_string()).collect::<Vec<_>>()
        })
        .collect()
}

/// Benches `tagger` tagging each of `lines` as its own document, as the CLI does.
fn line_by_line(g: &mut BenchmarkGroup<'_, WallTime>, name: &str, tagger: &Tagger, lines: &[&str]) {
    g.bench_function(name, |b| {
        b.iter(|| {
            lines
                .iter()
                .map(|l| tagger.tag(black_box(l)).len())
                .sum::<usize>()
        })
    });
}

fn group<'c>(c: &'c mut Criterion, name: &str, bytes: usize) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group
}

fn pipeline(c: &mut Criterion) {
    let Some((_, text)) = corpus() else { return };
    let lines: Vec<&str> = text.lines().collect();
    let tagger = Tagger::embedded();

    let mut g = group(c, "stage", text.len());
    let mut stages = Stages::default();
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            lines
                .iter()
                .map(|l| stages.tokens(black_box(l)))
                .sum::<usize>()
        })
    });
    g.bench_function("match", |b| {
        b.iter(|| {
            lines
                .iter()
                .map(|l| stages.candidates(tagger, black_box(l)))
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = group(c, "corpus", text.len());
    line_by_line(&mut g, "tag", tagger, &lines);
    // The lists alone (`TaggerBuilder::rules(false)`): the work the peers do.
    let lists_only = Tagger::builder().rules(false).build().unwrap();
    line_by_line(&mut g, "tag-no-rules", &lists_only, &lines);
    g.bench_function("tag-document", |b| {
        b.iter(|| tagger.tag(black_box(&text)).len())
    });
    g.bench_function("tag-batch", |b| {
        b.iter(|| tagger.tag_batch(black_box(&lines)).len())
    });
    #[cfg(feature = "model")]
    {
        let model = Tagger::builder().model(true).build().unwrap();
        line_by_line(&mut g, "tag-model", &model, &lines);
    }
    g.finish();

    let mut g = group(c, "limit", text.len());
    let raw = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(embedded_entries())
        .unwrap();
    g.bench_function("raw-scan", |b| {
        b.iter(|| raw.find_iter(black_box(&text)).count())
    });
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
