//! Criterion benches: building the default tagger (from its lists, and from their compiled
//! file), and tagging throughput in bytes per second on
//! the texts in `benches/texts/` (written for tandai; see benches/texts/README.md), without and
//! with the learned layer (`tag`, `tag/model`).
//!
//! `cargo bench --bench tag`; CI only compiles them (`cargo bench --no-run`).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tandai::Tagger;

const TEXTS: [(&str, &str); 3] = [
    ("id-short", include_str!("texts/id-short.txt")),
    ("id-news", include_str!("texts/id-news.txt")),
    ("id-long", include_str!("texts/id-long.txt")),
];

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(20);
    group.bench_function("embedded", |b| {
        b.iter(|| black_box(Tagger::builder().build().unwrap()))
    });
    // The same lists read from their compiled file (`Tagger::save_gazetteers`).
    let path = std::env::temp_dir().join(format!("tandai-bench-{}.tandai", std::process::id()));
    Tagger::embedded().save_gazetteers(&path).unwrap();
    group.bench_function("embedded-compiled", |b| {
        b.iter(|| {
            black_box(
                Tagger::builder()
                    .compiled_gazetteers(&path)
                    .build()
                    .unwrap(),
            )
        })
    });
    let _ = std::fs::remove_file(&path);
    group.finish();
}

fn tag(c: &mut Criterion) {
    let tagger = Tagger::embedded();
    let mut group = c.benchmark_group("tag");
    for (name, text) in TEXTS {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| black_box(tagger.tag(black_box(text))))
        });
    }
    group.finish();
}

/// The same texts with the learned layer on (`TaggerBuilder::model`).
#[cfg(feature = "model")]
fn tag_model(c: &mut Criterion) {
    let tagger = Tagger::builder().model(true).build().unwrap();
    let mut group = c.benchmark_group("tag/model");
    for (name, text) in TEXTS {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| black_box(tagger.tag(black_box(text))))
        });
    }
    group.finish();
}

#[cfg(not(feature = "model"))]
fn tag_model(_: &mut Criterion) {}

criterion_group!(benches, build, tag, tag_model);
criterion_main!(benches);
