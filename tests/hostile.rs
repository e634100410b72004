//! Hostile, huge and concurrent input.
//!
//! Ordinary tests (run by `cargo test`): bad gazetteer files through `Gazetteer::from_path`,
//! one `Tagger` shared by eight threads, `Send + Sync` of the public types at compile time.
//!
//! The `#[ignore]`d tests are the big ones, for release mode:
//!
//! ```text
//! cargo test --release --test hostile -- --ignored --nocapture
//! ```
//!
//! They print each case's size, time and peak memory, and assert only what does not depend on
//! the machine's speed: time per MB of a big input within 4× of a small one measured in the
//! same test (8× for the runs of one character, at 16× the size; linear time), the CLI's peak RSS under a bound and not growing with the number of
//! lines (bounded memory), and exact entity and line counts. They run one at a time (a lock),
//! so their timings and memory readings do not disturb each other. On a 2-core machine they
//! take one to six minutes (plus the release build): 65 s on 2026-11-30 (the Intel Xeon VM of
//! README's tables).
//!
//! `TANDAI_HOSTILE_DIVIDE=N` divides the big inputs by N (a 10 MB line for `N=10`), for a quick
//! run, e.g. in CI; the small inputs they are compared with shrink alike.

#![cfg(all(feature = "embedded", feature = "serde"))]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tandai::{Entity, Error, ErrorKind, Gazetteer, Label, Span, Tagger, TaggerBuilder};

// ---- Compile-time: the public types can cross and be shared between threads, and survive a
// caught panic ---------------------------------------------------------------------------------

const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Tagger>();
    send_sync::<TaggerBuilder>();
    send_sync::<Gazetteer>();
    send_sync::<Entity<'static>>();
    send_sync::<Label>();
    send_sync::<Span>();
    send_sync::<Error>();
    send_sync::<tandai::ParseLabelError>();
    const fn unwind_safe<T: std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    unwind_safe::<Tagger>();
    unwind_safe::<Entity<'static>>();
    unwind_safe::<Gazetteer>();
};

// ---- Concurrency -----------------------------------------------------------------------------

fn sample_texts() -> Vec<String> {
    let base = [
        "Presiden Joko Widodo tiba di Bandung, Jawa Barat.",
        "JENEWA - Menlu Rusia tiba di Jenewa, Swiss, pada Jumat.",
        "banjir di surabaya dan semarang",
        "Komisi Pemberantasan Korupsi (KPK) memeriksa pejabat PT Maju Tbk. di Jakarta.",
        "İstanbul, MÜLLER, Straße — 👨‍👩‍👧 مرحبا Sumatera Utaranya",
        "",
    ];
    (0..400)
        .map(|i| {
            format!(
                "{} {i} {}",
                base[i % base.len()],
                base[(i * 7) % base.len()]
            )
        })
        .collect()
}

type Owned = Vec<(String, Label, Span, Span, String, Option<String>)>;

fn owned(entities: Vec<Entity<'_>>) -> Owned {
    entities
        .into_iter()
        .map(|e| {
            (
                e.as_str().to_string(),
                e.label(),
                e.byte_span(),
                e.char_span(),
                e.source().to_string(),
                e.canonical().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn one_tagger_shared_by_eight_threads_equals_sequential() {
    let mut gazetteer = Gazetteer::new("produk");
    gazetteer
        .insert("Teh Botol", Label::new("PRODUCT").unwrap())
        .unwrap();
    let taggers = [
        Tagger::embedded().clone(),
        Tagger::builder().ignore_case(true).build().unwrap(),
        Tagger::builder().gazetteer(gazetteer).build().unwrap(),
        Tagger::builder().rules(false).build().unwrap(),
    ];
    let texts = sample_texts();
    for tagger in &taggers {
        let sequential: Vec<Owned> = texts.iter().map(|t| owned(tagger.tag(t))).collect();
        let mut parallel: Vec<Option<Owned>> = vec![None; texts.len()];
        std::thread::scope(|scope| {
            let chunk = texts.len().div_ceil(8);
            for (k, (texts, results)) in texts
                .chunks(chunk)
                .zip(parallel.chunks_mut(chunk))
                .enumerate()
            {
                // Half of the threads share the tagger by reference, half own a clone.
                let clone = tagger.clone();
                scope.spawn(move || {
                    let tagger = if k % 2 == 0 { tagger } else { &clone };
                    for _ in 0..3 {
                        for (text, slot) in texts.iter().zip(results.iter_mut()) {
                            *slot = Some(owned(tagger.tag(text)));
                        }
                    }
                });
            }
        });
        let parallel: Vec<Owned> = parallel.into_iter().map(Option::unwrap).collect();
        assert_eq!(sequential, parallel);
        assert!(sequential.iter().any(|r| !r.is_empty()));
    }
}

#[test]
fn the_default_tagger_is_built_once_under_contention() {
    // Eight threads ask for it at once; all get the same one.
    let ptrs: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| scope.spawn(|| Tagger::embedded() as *const Tagger as usize))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(ptrs.windows(2).all(|w| w[0] == w[1]));
}

// ---- Bad gazetteers through Gazetteer::from_path ----------------------------------------------

/// A directory of this process for the files of one test, removed by [`remove_temp_dir`].
fn temp_dir(test: &str) -> PathBuf {
    let dir = temp_path(test);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn temp_path(test: &str) -> PathBuf {
    std::env::temp_dir()
        .join(format!("tandai-hostile-{}", std::process::id()))
        .join(test)
}

fn remove_temp_dir(test: &str) {
    let dir = temp_path(test);
    let _ = std::fs::remove_dir_all(&dir);
    // The process's directory goes with its last test's directory.
    let _ = std::fs::remove_dir(dir.parent().unwrap());
}

fn gazetteer_file(test: &str, name: &str, content: &[u8]) -> PathBuf {
    let path = temp_dir(test).join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn accepted_odd_gazetteer_files() {
    const TEST: &str = "accepted";
    let empty = Gazetteer::from_path(gazetteer_file(TEST, "kosong.txt", b"")).unwrap();
    assert!(empty.is_empty());
    assert_eq!(empty.name(), "kosong");
    // An empty gazetteer builds a tagger that finds nothing from it.
    let tagger = Tagger::builder()
        .embedded_gazetteers(false)
        .gazetteer(empty)
        .build()
        .unwrap();
    assert!(
        tagger
            .tag("Di Jenewa")
            .iter()
            .all(|e| !e.source().starts_with("gazetteer:"))
    );

    let bom_crlf = Gazetteer::from_path(gazetteer_file(
        TEST,
        "bom.txt",
        b"\xEF\xBB\xBF# label: LOC\r\nJenewa\r\nSwiss\r\n\r\nAS\tAmerika Serikat\r\n",
    ))
    .unwrap();
    let entries: Vec<_> = bom_crlf.iter().collect();
    assert_eq!(
        entries,
        [
            ("Jenewa", Label::LOC, None),
            ("Swiss", Label::LOC, None),
            ("AS", Label::LOC, Some("Amerika Serikat")),
        ]
    );
    // Only the first line may carry the BOM: the entry on line 1 here is "Jenewa".
    let bom_entry = Gazetteer::from_path(gazetteer_file(
        TEST,
        "bom2.txt",
        b"\xEF\xBB\xBFJenewa\t\tLOC\n",
    ))
    .unwrap();
    assert_eq!(bom_entry.iter().next().unwrap().0, "Jenewa");

    let duplicates = Gazetteer::from_path(gazetteer_file(
        TEST,
        "ganda.txt",
        b"# label: LOC\nJenewa\nJenewa\n  Jenewa  \nJenewa\t\tLOC\n",
    ))
    .unwrap();
    assert_eq!(duplicates.len(), 1);

    // A label the crate does not know is a custom label, not an error.
    let custom = Gazetteer::from_path(gazetteer_file(
        TEST,
        "produk.txt",
        b"# label: snack_2\nKeripik\n",
    ))
    .unwrap();
    assert_eq!(custom.iter().next().unwrap().1.as_str(), "SNACK_2");
    remove_temp_dir(TEST);
}

#[test]
fn rejected_gazetteer_files_name_path_and_line() {
    const TEST: &str = "rejected";
    let long_line = [
        b"# label: LOC\nJenewa\n".to_vec(),
        vec![b'a'; 10 << 20],
        b"\nSwiss\n".to_vec(),
    ]
    .concat();
    let long_comment = [b"# ".to_vec(), vec![b'x'; 10 << 20], b"\n".to_vec()].concat();
    let cases: [(&str, &[u8], usize, &str); 9] = [
        (
            "kontrol.txt",
            b"# label: LOC\nJene\x07wa\n",
            2,
            "control character U+0007",
        ),
        (
            "nul.txt",
            b"# label: LOC\nA\nB\x00\n",
            3,
            "control character U+0000",
        ),
        (
            "cr.txt",
            b"# label: LOC\nA\rB\n",
            2,
            "control character U+000D",
        ),
        ("label.txt", b"# label: NOT A LABEL\n", 1, "invalid label"),
        (
            "label2.txt",
            b"# label: LOC\nA\t\tL\xC3\x96C\n",
            2,
            "invalid label",
        ),
        ("tanpa.txt", b"Jenewa\n", 1, "no label"),
        (
            "konflik.txt",
            b"# label: LOC\nJenewa\nJenewa\t\tORG\n",
            3,
            "already listed as LOC",
        ),
        ("panjang.txt", &long_line, 3, "entry is 10485760 bytes long"),
        ("utf8.txt", b"# label: LOC\nBan\xffdung\n", 2, "not UTF-8"),
    ];
    for (name, content, line, needle) in cases {
        let path = gazetteer_file(TEST, name, content);
        let err = Gazetteer::from_path(&path).unwrap_err();
        assert_eq!(err.path(), Some(path.as_path()), "{name}");
        assert_eq!(err.line(), Some(line), "{name}: {err}");
        assert_eq!(err.kind(), ErrorKind::Parse, "{name}: {err}");
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("gazetteer {}, line {line}: ", path.display())),
            "{message}"
        );
        assert!(message.contains(needle), "{name}: {message}");
        assert!(message.len() < 300, "{name}: the message repeats the data");
    }
    // A 10 MB comment is only a comment.
    assert!(
        Gazetteer::from_path(gazetteer_file(TEST, "komentar.txt", &long_comment))
            .unwrap()
            .is_empty()
    );

    let dir = temp_dir(TEST).join("folder.txt");
    std::fs::create_dir_all(&dir).unwrap();
    let err = Gazetteer::from_path(&dir).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert_eq!(err.path(), Some(dir.as_path()));
    assert_eq!(err.line(), None, "{err}");
    assert!(err.to_string().contains("is a directory"), "{err}");

    let missing = temp_dir(TEST).join("tidak-ada.txt");
    let err = Gazetteer::from_path(&missing).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.to_string().contains("tidak-ada.txt"), "{err}");
    remove_temp_dir(TEST);
}

// ---- Huge input (ignored: release mode) -------------------------------------------------------

/// `n` divided by `TANDAI_HOSTILE_DIVIDE` (default 1), at least 1.
fn scaled(n: usize) -> usize {
    let divide: usize = std::env::var("TANDAI_HOSTILE_DIVIDE")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(1);
    (n / divide.max(1)).max(1)
}

/// The big tests run one at a time so that their times and memory readings are their own.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A `/proc/PID/status` memory field (`VmHWM`, `VmRSS`) of a process, in bytes.
fn status_field(pid: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Peak resident memory (`VmHWM`) of a process, in bytes.
fn peak_rss(pid: &str) -> Option<u64> {
    status_field(pid, "VmHWM:")
}

/// Resets this process's peak RSS to its current RSS (Linux 4.0+), so that the next reading is
/// the peak of what follows. Returns whether the reset worked.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

const MIB: f64 = (1 << 20) as f64;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / MIB
}

fn fmt_rss(rss: Option<u64>) -> String {
    rss.map_or("?".into(), |b| format!("{:.0} MB", b as f64 / MIB))
}

/// Tags `text` and reports size, time, entity count and the peak RSS while tagging: the
/// process's peak, and how far it rose above the resident memory before (memory that the
/// allocator kept from earlier cases is reused, so the rise is a lower bound).
fn timed_tag(case: &str, tagger: &Tagger, text: &str) -> (Duration, usize) {
    let reset = reset_peak_rss();
    let before = status_field("self", "VmRSS:");
    let start = Instant::now();
    let entities = tagger.tag(text);
    let took = start.elapsed();
    let count = entities.len();
    let rss = peak_rss("self");
    drop(entities);
    let rise = match (reset, before, rss) {
        (true, Some(b), Some(p)) => format!(" (+{:.0} MB)", p.saturating_sub(b) as f64 / MIB),
        (false, _, _) => " (peak of the whole run)".into(),
        _ => String::new(),
    };
    println!(
        "{case}: {:.1} MB in {:.3} s ({:.1} MB/s), {count} entities, peak RSS {}{rise}",
        mb(text.len()),
        took.as_secs_f64(),
        mb(text.len()) / took.as_secs_f64(),
        fmt_rss(rss),
    );
    (took, count)
}

/// `unit` repeated to at least `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// How many times the big case's time per byte is the small one's.
fn time_ratio(small: (usize, Duration), big: (usize, Duration)) -> f64 {
    let per_byte = |(bytes, took): (usize, Duration)| took.as_secs_f64() / bytes as f64;
    per_byte(big) / per_byte(small)
}

/// Asserts that the big case took at most 4× the small one's time per byte.
fn assert_linear(case: &str, small: (usize, Duration), big: (usize, Duration)) {
    assert_linear_within(case, small, big, 4.0);
}

/// Asserts that the big case took at most `limit` times the small one's time per byte.
fn assert_linear_within(case: &str, small: (usize, Duration), big: (usize, Duration), limit: f64) {
    let ratio = time_ratio(small, big);
    println!("{case}: time per MB of the big input / of the small one = {ratio:.2}");
    assert!(
        ratio < limit,
        "{case}: {:.1} MB took {ratio:.1}× as long per MB as {:.1} MB: not linear",
        mb(big.0),
        mb(small.0)
    );
}

const PARAGRAPH: &str = "JAKARTA - Presiden Joko Widodo bertemu Menlu Retno Marsudi di Bandung, \
    Jawa Barat, Senin. Komisi Pemberantasan Korupsi (KPK) memeriksa pejabat PT Maju Tbk. di \
    Jl. Sudirman; banjir melanda Semarang dan Sumatera Utaranya. Ma’ruf Amin ke İstanbul, \
    MÜLLER dari München, negara-negara Eropa dan Jakarta-Bandung 👨‍👩‍👧 مرحبا. ";

#[test]
#[ignore = "huge input: run in release mode with --ignored"]
fn a_100_mb_single_line_is_tagged_in_linear_time() {
    let _serial = serial();
    let tagger = Tagger::embedded();
    // A quick check first, so that quadratic time fails in seconds instead of running for hours.
    let quarter = repeat_to(PARAGRAPH, 256 << 10);
    tagger.tag(&quarter); // warm up: build the tagger, fault in the code
    let (quarter_took, _) = timed_tag("256 KB line", tagger, &quarter);
    let two = repeat_to(PARAGRAPH, 2 << 20);
    let (two_took, _) = timed_tag("2 MB line", tagger, &two);
    assert_linear(
        "2 MB line",
        (quarter.len(), quarter_took),
        (two.len(), two_took),
    );
    let small = repeat_to(PARAGRAPH, 1 << 20);
    let (small_took, small_count) = timed_tag("1 MB line", tagger, &small);
    let times = scaled(100);
    let big = PARAGRAPH.repeat(small.len() / PARAGRAPH.len() * times);
    let (big_took, big_count) = timed_tag(&format!("{times} MB line"), tagger, &big);
    assert_eq!(
        big_count,
        small_count * times,
        "the same paragraph {times}× as often gives {times}× the entities"
    );
    assert_linear(
        &format!("{times} MB line"),
        (small.len(), small_took),
        (big.len(), big_took),
    );
}

#[test]
#[ignore = "huge input: run in release mode with --ignored"]
fn one_entry_ten_million_times_on_one_line() {
    let _serial = serial();
    let tagger = Tagger::embedded();
    let (few, many) = (scaled(100_000), scaled(10_000_000));
    let small = "Jakarta ".repeat(few);
    tagger.tag(&small);
    let (small_took, small_count) = timed_tag(&format!("Jakarta ×{few}"), tagger, &small);
    assert_eq!(small_count, few);
    let big = "Jakarta ".repeat(many);
    let (big_took, big_count) = timed_tag(&format!("Jakarta ×{many}"), tagger, &big);
    assert_eq!(big_count, many);
    assert_linear(
        "Jakarta ×10M",
        (small.len(), small_took),
        (big.len(), big_took),
    );
    // An entry that is also a common word, with the evidence checks that come with it.
    let glued = "Batu-Batu Batu, ".repeat(scaled(1_000_000));
    let (took, _) = timed_tag("'Batu-Batu Batu, ' ×1M", tagger, &glued);
    let glued_small = "Batu-Batu Batu, ".repeat(scaled(10_000));
    let (small_took, _) = timed_tag("'Batu-Batu Batu, ' ×10k", tagger, &glued_small);
    assert_linear(
        "'Batu-Batu Batu, ' ×1M",
        (glued_small.len(), small_took),
        (glued.len(), took),
    );
}

#[test]
#[ignore = "huge input: run in release mode with --ignored"]
fn a_line_with_100_000_overlapping_candidates() {
    let _serial = serial();
    // Every prefix of "Sumatera Utara Sumatera Utara …" up to 16 words is an entry.
    const WORDS: usize = 16;
    let mut g = Gazetteer::new("prefiks");
    let mut entry = String::new();
    for i in 0..WORDS {
        if i > 0 {
            entry.push(' ');
        }
        entry.push_str(if i % 2 == 0 { "Sumatera" } else { "Utara" });
        g.insert(&entry, Label::LOC).unwrap();
    }
    let tagger = Tagger::builder()
        .embedded_gazetteers(false)
        .gazetteer(g)
        .build()
        .unwrap();
    let run = |pairs: usize| {
        let text = "Sumatera Utara ".repeat(pairs);
        // Each "Sumatera" starts up to 16 candidates: `pairs * 2 * 16 / 2` in all, about.
        let case = format!(
            "{} words, ~{} overlapping candidates",
            pairs * 2,
            pairs * WORDS
        );
        let (took, count) = timed_tag(&case, &tagger, &text);
        let entities = tagger.tag(&text);
        // Longest first, then leftmost: 16-word entities from the start, then what is left.
        assert_eq!(count, (pairs * 2).div_ceil(WORDS), "{case}");
        assert!(
            entities[..count - 1]
                .iter()
                .all(|e| e.as_str().split(' ').count() == WORDS),
            "{case}"
        );
        (text.len(), took)
    };
    let small = run(scaled(5_000));
    let big = run(scaled(50_000));
    assert_linear("100,000 words of overlapping candidates", small, big);
}

#[test]
#[ignore = "huge input: run in release mode with --ignored"]
fn pathological_runs_stay_linear() {
    let _serial = serial();
    let tagger = Tagger::embedded();
    let uncased = Tagger::builder().ignore_case(true).build().unwrap();
    let units = [
        ("one long word", "a"),
        ("combining marks", "e\u{301}\u{302}\u{303}"),
        ("only combining marks", "\u{301}"),
        ("regional indicators", "🇮🇩"),
        ("a ZWJ chain", "👨‍👩‍"),
        ("hyphens", "-"),
        ("words and hyphens", "Jakarta-"),
        ("periods", "."),
        ("an initialism", "A."),
        ("abbreviations", "Jl."),
        ("apostrophes", "’'"),
        ("NUL and controls", "\u{0}\u{7}\u{1b}"),
        ("non-breaking spaces", "Jawa\u{a0}"),
        ("right-to-left", "مرحبا \u{202e}"),
        ("open brackets then a name", "((((((((((Batu "),
        ("capitals", "JAKARTA BANDUNG "),
        ("words written like brands", "kata ZyxoraSocial "),
        ("persons after `The`", "kata The Zyxmirror, "),
        ("İ and ẞ", "İẞ"),
    ];
    for (name, unit) in units {
        for tagger in [tagger, &uncased] {
            // 16× the size: quadratic time would take 16× as long per MB. Linear time takes
            // up to about 3× as long per MB here: a piece per byte (`-` repeated) makes the big
            // text's vectors tens of megabytes, fresh from the system at every run, while the
            // small one reuses warm memory (on a loaded machine, more: 4.5× once in CI at 8×
            // the size, whence the margin below, still half of quadratic's 16×).
            let small = repeat_to(unit, scaled(1 << 20));
            let big = repeat_to(unit, scaled(16 << 20));
            tagger.tag(&small);
            let (mut small_took, _) = timed_tag(&format!("{name}, small"), tagger, &small);
            let (mut big_took, _) = timed_tag(&format!("{name}, 16× as big"), tagger, &big);
            // A hiccup of a busy machine can slow one run of a few milliseconds several times
            // over (the shrunk CI sizes): before calling a case quadratic, measure twice more
            // and keep each size's fastest run. Quadratic time stays slow every time.
            for _ in 0..2 {
                if time_ratio((small.len(), small_took), (big.len(), big_took)) < 4.0 {
                    break;
                }
                small_took = small_took.min(timed_tag(&format!("{name}, small"), tagger, &small).0);
                big_took = big_took.min(timed_tag(&format!("{name}, 16× as big"), tagger, &big).0);
            }
            assert_linear_within(name, (small.len(), small_took), (big.len(), big_took), 8.0);
        }
    }
}

// ---- The CLI with a million lines (ignored: release mode) -------------------------------------

fn tag_binary() -> PathBuf {
    // target/<profile>/deps/hostile-HASH → target/<profile>/examples/tag
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let path = profile_dir
        .join("examples")
        .join(format!("tag{}", std::env::consts::EXE_SUFFIX));
    // `cargo test --test hostile` builds no examples, and one left from an earlier build may be
    // stale: build it with the same profile (a no-op when it is up to date).
    let release = profile_dir.file_name().is_some_and(|n| n == "release");
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args(["build", "--quiet", "--example", "tag"])
        .env("CARGO_TARGET_DIR", profile_dir.parent().unwrap())
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if release {
        cargo.arg("--release");
    }
    let status = cargo.status().unwrap();
    assert!(status.success(), "cargo build --example tag failed");
    assert!(path.is_file(), "{} is missing", path.display());
    path
}

/// Feeds `lines` tiny lines to the CLI, reads every output line and checks its order, then
/// reads the CLI's peak RSS while it still waits for input. Returns (time, peak RSS).
fn cli_lines(lines: usize, args: &[&str]) -> (Duration, u64) {
    let binary = tag_binary();
    let start = Instant::now();
    let mut child = Command::new(binary)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut buf = Vec::with_capacity(1 << 16);
        for i in 0..lines {
            match i % 4 {
                0 => writeln!(buf, "Di Jenewa {i}"),
                1 => writeln!(buf, "{i}"),
                2 => writeln!(buf, "ke Bandung, Jawa Barat {i}"),
                _ => writeln!(buf, "İ {i}"),
            }
            .unwrap();
            if buf.len() > 60_000 {
                input.write_all(&buf).unwrap();
                buf.clear();
            }
        }
        input.write_all(&buf).unwrap();
        input.flush().unwrap();
        // Keep stdin open: the CLI stays alive until its memory has been read.
        input
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for i in 0..lines {
        line.clear();
        out.read_line(&mut line).unwrap();
        // Cheap order check without parsing every line as JSON.
        let suffix = format!(" {i}\",\"entities\":[");
        let bare = format!("{{\"text\":\"{i}\",\"entities\":[");
        assert!(
            line.contains(&suffix) || line.starts_with(&bare),
            "output line {} is out of order: {line}",
            i + 1
        );
        if i % 100_003 == 0 {
            serde_json::from_str::<serde_json::Value>(&line).unwrap();
        }
    }
    let took = start.elapsed();
    let rss = peak_rss(&child.id().to_string()).expect("/proc/PID/status has VmHWM");
    drop(writer.join().unwrap());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(rest, "", "more output lines than input lines");
    println!(
        "CLI {args:?}: {lines} lines in {:.2} s, peak RSS {:.1} MB",
        took.as_secs_f64(),
        rss as f64 / MIB
    );
    (took, rss)
}

#[test]
#[ignore = "huge input: run in release mode with --ignored"]
fn the_cli_streams_a_million_lines_in_bounded_memory() {
    let _serial = serial();
    for args in [&[][..], &["--threads", "2"]] {
        let (small_took, small_rss) = cli_lines(scaled(100_000), args);
        let (big_took, big_rss) = cli_lines(scaled(1_000_000), args);
        assert!(big_rss < 200 << 20, "peak RSS {big_rss} bytes for 1M lines");
        assert!(
            (big_rss as f64) < small_rss as f64 * 1.5,
            "peak RSS grows with the line count: {small_rss} → {big_rss}"
        );
        let ratio = (big_took.as_secs_f64() / 10.0) / small_took.as_secs_f64();
        println!("CLI {args:?}: time per line with 10× the lines / with 1× = {ratio:.2}");
        assert!(
            ratio < 4.0,
            "the CLI slows down with more lines: {ratio:.1}"
        );
    }
}

#[test]
#[ignore = "huge input: run in release mode with --ignored"]
fn the_cli_takes_a_32_mb_line() {
    let _serial = serial();
    let line = format!("{}\n", repeat_to(PARAGRAPH, scaled(32 << 20)));
    let path = temp_dir("cli-line").join("besar.txt");
    std::fs::write(&path, line.as_bytes()).unwrap();
    let binary = tag_binary();
    let start = Instant::now();
    let output = Command::new(binary)
        .args(["--format", "inline"])
        .stdin(std::fs::File::open(&path).unwrap())
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(output.status.success());
    assert_eq!(output.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    assert!(output.stdout.len() > line.len());
    println!(
        "CLI, one {:.1} MB line, inline format: {:.2} s, {:.0} MB out",
        mb(line.len()),
        took.as_secs_f64(),
        mb(output.stdout.len())
    );
    remove_temp_dir("cli-line");
}

#[cfg(target_os = "linux")]
#[test]
fn huge_test_helpers_read_memory() {
    // The ignored tests rely on these; check them here, cheaply.
    assert!(peak_rss("self").is_some_and(|b| b > 0));
    assert!(Path::new("/proc/self/status").is_file());
}
