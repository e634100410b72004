//! End-to-end tests of the `tag` example binary, which `cargo test` builds next to the tests.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

fn tag_binary() -> PathBuf {
    // target/<profile>/deps/cli-HASH → target/<profile>/examples/tag
    let exe = std::env::current_exe().unwrap();
    let path = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join(format!("tag{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is missing: run the tests with `cargo test`, which builds examples",
        path.display()
    );
    path
}

/// The tagger with `args`, all three streams piped.
fn spawn(args: &[&str]) -> Child {
    Command::new(tag_binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tandai-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// A small gazetteer, so that the tests of line handling do not wait for the embedded lists to
/// be compiled at every start (seconds in debug mode).
fn small_gazetteer() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    file_once(
        &PATH,
        "kecil.txt",
        "# label: LOC\nJenewa\nBandung\nJawa Barat\nSwiss\nRusia\n# label: PER\nJoko Widodo\n",
    )
}

/// The path of a temporary file written once, whichever test asks first.
fn file_once(path: &'static OnceLock<String>, name: &str, content: &str) -> &'static str {
    path.get_or_init(|| temp_file(name, content).to_str().unwrap().to_string())
}

/// A gazetteer with a label of its own and a canonical name, written once.
fn product_gazetteer() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    file_once(
        &PATH,
        "produk.txt",
        "# label: PRODUCT\nTeh Botol\nindomie\tIndomie Goreng\n",
    )
}

/// `run` with only the small gazetteer.
fn run_small(args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["--no-default-gazetteers", "--gazetteer", small_gazetteer()];
    all.extend_from_slice(args);
    run(&all, stdin)
}

#[test]
fn text_lines_become_json_lines_with_char_offsets() {
    let out = run(
        &[],
        "Menlu Rusia tiba di Jenewa.\n\nÉtienne ke Jenewa\n".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let first = &lines[0]["entities"];
    assert_eq!(first[0]["text"], "Rusia");
    assert_eq!(first[0]["label"], "LOC");
    assert_eq!(first[1]["text"], "Jenewa");
    assert_eq!(
        (first[1]["start"].as_u64(), first[1]["end"].as_u64()),
        (Some(20), Some(26))
    );
    assert_eq!(first[1]["source"], "gazetteer:loc");
    assert_eq!(lines[1], serde_json::json!({"text": "", "entities": []}));
    // `É` is one character but two bytes.
    let third = &lines[2]["entities"][0];
    assert_eq!(
        (third["start"].as_u64(), third["byte_start"].as_u64()),
        (Some(11), Some(12))
    );
}

#[test]
fn jsonl_input_keeps_other_fields_in_order() {
    let input =
        "{\"id\": 7, \"text\": \"Banjir di Surabaya\", \"meta\": {\"x\": 1.50}}\n{\"text\":\"\"}\n";
    let out = run(&["--input", "jsonl"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(
            "{\"id\": 7, \"text\": \"Banjir di Surabaya\", \"meta\": {\"x\": 1.50},\"entities\":[{"
        ),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "{\"text\":\"\",\"entities\":[]}");
}

#[test]
fn conll_and_inline_formats() {
    let out = run(&["--format", "conll"], b"Ke Amerika Serikat.\nDi Jenewa\n");
    assert_eq!(
        stdout(&out),
        "Ke\tO\nAmerika\tB-LOC\nSerikat\tI-LOC\n.\tO\n\nDi\tO\nJenewa\tB-LOC\n\n"
    );
    let out = run(&["--format=inline"], b"Ke Amerika Serikat.\n");
    assert_eq!(stdout(&out), "Ke [Amerika Serikat]{LOC}.\n");
}

#[test]
fn custom_gazetteers_and_ignore_case() {
    let p = product_gazetteer();
    let out = run(
        &[
            "--gazetteer",
            p,
            "--no-default-gazetteers",
            "--format",
            "inline",
        ],
        b"Teh Botol dan indomie di Jakarta\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "[Teh Botol]{PRODUCT} dan [indomie]{PRODUCT} di Jakarta\n"
    );
    let out = run(&["--gazetteer", p], b"Indomie di Jakarta\n");
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["entities"][0]["canonical"], "Indomie Goreng");
    assert_eq!(v["entities"][0]["source"], "gazetteer:produk");
    assert_eq!(v["entities"][1]["label"], "LOC");
    let out = run(
        &["--ignore-case", "--format", "inline"],
        b"banjir di surabaya\n",
    );
    assert_eq!(stdout(&out), "banjir di [surabaya]{LOC}\n");
}

/// `--save-gazetteers` writes what `--compiled-gazetteers` reads back: the same output as from
/// the lists themselves (canonical names and sources too), with the embedded lists or without.
#[test]
fn saved_gazetteers_tag_as_the_lists_do() {
    let produk = product_gazetteer();
    let text = b"Teh Botol dan indomie dari Jenewa dibawa ke Bandung, Jawa Barat.\n";
    for embedded in [false, true] {
        let saved = temp_file(&format!("saved-{embedded}.tandai"), "");
        let saved = saved.to_str().unwrap();
        let mut lists = vec!["--gazetteer", small_gazetteer(), "--gazetteer", produk];
        let mut compiled = vec!["--compiled-gazetteers", saved];
        if !embedded {
            lists.push("--no-default-gazetteers");
            compiled.push("--no-default-gazetteers");
        }
        let mut save = lists.clone();
        save.extend(["--save-gazetteers", saved]);
        let out = run(&save, b"not read\n");
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), "", "saving tags nothing");
        let direct = run(&lists, text);
        let again = run(&compiled, text);
        assert!(again.status.success(), "{}", stderr(&again));
        assert_eq!(stdout(&again), stdout(&direct));
        assert!(stdout(&again).contains("\"canonical\":\"Indomie Goreng\""));
        // Read with the other embedded setting: refused, naming the file.
        let mut other = compiled.clone();
        if embedded {
            other.push("--no-default-gazetteers");
        } else {
            other.retain(|a| *a != "--no-default-gazetteers");
        }
        let out = run(&other, text);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(saved), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("embedded gazetteers"),
            "{}",
            stderr(&out)
        );
    }
    // Not a compiled file: the file is named, and so is the problem.
    let out = run(&["--compiled-gazetteers", small_gazetteer()], b"x\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a compiled tandai gazetteer file"),
        "{}",
        stderr(&out)
    );
    let out = run(&["--compiled-gazetteers", "/no/such/file.tandai"], b"x\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/no/such/file.tandai"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_options_print_usage_and_exit_2() {
    for args in [
        &["--bogus"][..],
        &["--format", "xml"],
        &["--input"],
        &["--no-default-gazetteers"],
        &["--ignore-case=yes"],
        &["--threads", "0"],
        &["--threads", "many"],
        &["--threads=-1"],
        &["--threads"],
        &["--skip-bad-lines=yes"],
        &["--compiled-gazetteers", "a.tandai", "--gazetteer", "b.txt"],
        &["--save-gazetteers"],
        &["--no-rules", "--model"],
        &["--no-rules", "--style", "nerui"],
        &["--explain", "--no-rules"],
        &["--no-rules=yes"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("usage: tag"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = run(&["--help"], b"");
    assert!(out.status.success());
    assert!(stdout(&out).contains("--ignore-case"));
    assert!(stdout(&out).contains("--style CORPUS"));
}

#[test]
fn a_style_runs_the_model_and_an_unknown_one_is_an_error() {
    let text = b"Israel menyerang Gaza, kata juru bicara militer Israel.\n";
    let out = run(&["--style", "idner-news-2k", "--format", "inline"], text);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Israel menyerang [Gaza]{LOC}, kata juru bicara militer Israel.\n"
    );
    let out = run(&["--style", "twitter"], text);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no style \"twitter\" (its styles: idner-news-2k, nerui"),
        "{}",
        stderr(&out)
    );
    let out = run(&["--style"], text);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_input_names_the_line_and_exits_1() {
    let out = run(&[], b"Di Jenewa\nJakarta\nBa\xffd\nlagi\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 3: invalid UTF-8"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        stdout(&out).lines().count(),
        2,
        "lines before the bad one are written"
    );

    for (input, needle) in [
        (
            "{\"text\": \"a\"}\n{\"text\": 3}\n",
            "line 2: \"text\" is not a string",
        ),
        ("{\"id\": 1}\n", "line 1: no \"text\" field"),
        ("[1, 2]\n", "line 1: not a JSON object"),
        (
            "{\"text\": \"a\", \"entities\": []}\n",
            "line 1: the object already has",
        ),
    ] {
        let out = run(&["--input", "jsonl"], input.as_bytes());
        assert_eq!(out.status.code(), Some(1), "{input}");
        assert!(stderr(&out).contains(needle), "{input}: {}", stderr(&out));
    }
}

#[test]
fn bad_gazetteers_name_path_and_line() {
    let path = temp_file("rusak.txt", "# label: LOC\nBogor\nA\tB\tC\tD\n");
    let out = run(&["--gazetteer", path.to_str().unwrap()], b"x\n");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("rusak.txt, line 3") && err.contains("4 TAB-separated fields"),
        "{err}"
    );
    let out = run(&["--gazetteer", "/nonexistent/tandai.txt"], b"x\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/nonexistent/tandai.txt"),
        "{}",
        stderr(&out)
    );
}

/// Runs the tagger with `args` on a long input, closes its stdout after the first bytes, and
/// returns its exit status and stderr.
fn close_stdout_early(args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = b"Presiden Joko Widodo tiba di Bandung.\n".repeat(1000);
        for _ in 0..200 {
            if input.write_all(&line).is_err() {
                break;
            }
        }
    });
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    writer.join().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status, err)
}

#[test]
fn closed_stdout_ends_quietly() {
    let (status, err) = close_stdout_early(&[]);
    assert!(status.success(), "exit {status:?}, stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Deterministic input lines of every kind: sentences with names, empty lines, CRLF, non-ASCII,
/// long lines, punctuation only.
fn mixed_lines(n: usize) -> Vec<String> {
    let pieces = [
        "Presiden Joko Widodo tiba di Bandung, Jawa Barat.",
        "",
        "JENEWA - Menlu Rusia tiba di Jenewa, Swiss.",
        "banjir di surabaya",
        "Étienne ke İstanbul dan Müller ke München 👨‍👩‍👧",
        "negara-negara Jakarta-nya Ma’ruf Amin",
        "--- ... ''' ’’’",
        "مرحبا Jakarta \u{202E}Bandung\u{202C}",
        "Sumatera Utaranya",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut line = pieces[(state % pieces.len() as u64) as usize].to_string();
            if i % 97 == 0 {
                line = line.repeat(30);
            }
            line.push_str(&format!(" #{i}"));
            line
        })
        .collect()
}

#[test]
fn threads_keep_every_line_in_order() {
    let lines = mixed_lines(10_000);
    let mut input = String::new();
    for (i, line) in lines.iter().enumerate() {
        input.push_str(line);
        input.push_str(if i % 10 == 3 { "\r\n" } else { "\n" });
    }
    let one = run_small(&["--threads", "1"], input.as_bytes());
    assert!(one.status.success(), "{}", stderr(&one));
    let four = run_small(&["--threads=4"], input.as_bytes());
    assert!(four.status.success(), "{}", stderr(&four));
    assert!(
        one.stdout == four.stdout,
        "--threads 4 differs from --threads 1"
    );
    assert!(stdout(&four).contains("\"label\":\"PER\""));
    // The embedded lists too, on fewer lines (compiling them takes seconds in debug mode).
    let some: String = input.split_inclusive('\n').take(1000).collect();
    let embedded_one = run(&[], some.as_bytes());
    let embedded_four = run(&["--threads", "4"], some.as_bytes());
    assert!(embedded_one.status.success(), "{}", stderr(&embedded_one));
    assert!(
        embedded_one.stdout == embedded_four.stdout,
        "--threads 4 differs from --threads 1 with the embedded lists"
    );
    assert_eq!(stdout(&embedded_four).lines().count(), 1000);
    let out = stdout(&four);
    let got: Vec<&str> = out.lines().collect();
    assert_eq!(got.len(), lines.len(), "one output line per input line");
    for (i, (line, expected)) in got.iter().zip(&lines).enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["text"], expected.as_str(), "line {}", i + 1);
    }
    // Other formats keep the order too.
    let some: String = input.split_inclusive('\n').take(2000).collect();
    let conll_one = run_small(&["--format", "conll"], some.as_bytes());
    let conll_three = run_small(&["--format", "conll", "--threads", "3"], some.as_bytes());
    assert!(conll_one.stdout == conll_three.stdout);
    assert_eq!(
        stdout(&conll_three).matches("\n\n").count(),
        2000,
        "one blank line after each document"
    );
}

#[test]
fn paragraphs_make_one_document_of_the_lines_between_blank_lines() {
    // The surname in the second paragraph is the person of the first; alone, a line would not
    // say so.
    let first = "Menlu Armenia Zohrab Mnatsakanyan tiba di Baku.";
    let second = "Warga menyambut Mnatsakanyan di bandara.";
    let input = format!("\n\n{first}\r\n{second}\n \t\n{second}\n\n\nTanpa akhir baris");
    let surname = |v: &serde_json::Value| {
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["text"] == "Mnatsakanyan")
    };
    for threads in ["1", "2"] {
        let out = run(
            &["--input", "paragraphs", "--threads", threads],
            input.as_bytes(),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let docs: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(docs.len(), 3, "{}", stdout(&out));
        assert_eq!(docs[0]["text"], format!("{first}\r\n{second}"));
        assert!(surname(&docs[0]), "{}", docs[0]);
        // Offsets count from the document's start, across its line breaks.
        let found = docs[0]["entities"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(found["start"], first.chars().count() + 2 + 16);
        assert_eq!(docs[1]["text"], second);
        assert!(!surname(&docs[1]), "{}", docs[1]);
        assert_eq!(docs[2]["text"], "Tanpa akhir baris");
    }
    let lines = run(&[], input.as_bytes());
    assert_eq!(stdout(&lines).lines().count(), 9);

    // A bad document is named by its first line.
    let bad = b"A\n\nB\nC \xff\n\nD\n";
    let out = run(&["--input", "paragraphs"], bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 3: invalid UTF-8"),
        "{}",
        stderr(&out)
    );
    let out = run(&["--input", "paragraphs", "--skip-bad-lines"], bad);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("{\"line\":3,\"error\""),
        "{}",
        stdout(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 3);
}

#[test]
fn empty_lines_and_a_last_line_without_break() {
    let out = run_small(&["--threads", "2"], b"\n\r\nDi Jenewa");
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], serde_json::json!({"text": "", "entities": []}));
    assert_eq!(lines[1], serde_json::json!({"text": "", "entities": []}));
    assert_eq!(lines[2]["entities"][0]["text"], "Jenewa");
    assert!(stdout(&out).ends_with('\n'));
}

#[test]
fn skip_bad_lines_writes_an_error_record_in_place() {
    let input: &[u8] = b"Di Jenewa\nBa\xffd\n\nke Bandung\n";
    let out = run_small(&["--skip-bad-lines"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["entities"][0]["text"], "Jenewa");
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8 at byte 3"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], serde_json::json!({"text": "", "entities": []}));
    assert_eq!(lines[3]["entities"][0]["text"], "Bandung");

    let jsonl = "{\"text\": \"Di Jenewa\"}\n{\"text\": 3}\nnot json\n\n{\"id\": 1}\n[1]\n{\"text\": \"a\", \"entities\": []}\n{\"text\": \"ke Bandung\"}\n";
    let out = run_small(&["--input", "jsonl", "--skip-bad-lines"], jsonl.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 8);
    let errors: Vec<(u64, String)> = lines
        .iter()
        .filter(|v| v.get("error").is_some())
        .map(|v| {
            (
                v["line"].as_u64().unwrap(),
                v["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        (2, "\"text\" is not a string"),
        (3, "not a JSON object"),
        (4, "not a JSON object"),
        (5, "no \"text\" field"),
        (6, "not a JSON object"),
        (7, "already has an \"entities\" field"),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:?}");
    for ((line, why), (want_line, needle)) in errors.iter().zip(expected) {
        assert_eq!(*line, want_line);
        assert!(why.contains(needle), "line {line}: {why}");
    }
    assert_eq!(lines[7]["entities"][0]["text"], "Bandung");

    // The same with threads: error records stay in place.
    let many: Vec<u8> = (0..3000)
        .flat_map(|i| {
            if i % 7 == 0 {
                b"Ba\xffd\n".to_vec()
            } else {
                format!("Di Jenewa {i}\n").into_bytes()
            }
        })
        .collect();
    let out = run_small(&["--skip-bad-lines", "--threads", "4"], &many);
    assert!(out.status.success(), "{}", stderr(&out));
    for (i, line) in stdout(&out).lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if i % 7 == 0 {
            assert_eq!(v["line"], i as u64 + 1, "{line}");
        } else {
            assert_eq!(v["text"], format!("Di Jenewa {i}"), "{line}");
        }
    }
    assert_eq!(stdout(&out).lines().count(), 3000);
}

#[test]
fn skip_bad_lines_in_conll_and_inline() {
    let input: &[u8] = b"Di Jenewa\nBa\xffd\nke Bandung\n";
    let out = run_small(&["--skip-bad-lines", "--format", "conll"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Di\tO\nJenewa\tB-LOC\n\n# error line 2: invalid UTF-8 at byte 3\n\nke\tO\nBandung\tB-LOC\n\n"
    );
    let out = run_small(&["--skip-bad-lines", "--format", "inline"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Di [Jenewa]{LOC}\n# error line 2: invalid UTF-8 at byte 3\nke [Bandung]{LOC}\n"
    );
}

#[test]
fn without_skip_a_bad_line_stops_after_the_lines_before_it_even_with_threads() {
    let mut input: Vec<u8> = Vec::new();
    for i in 0..2500 {
        input.extend_from_slice(format!("Di Jenewa {i}\n").as_bytes());
    }
    input.extend_from_slice(b"{oops\xff\n");
    input.extend_from_slice(b"Di Jenewa lagi\n".repeat(100).as_slice());
    let out = run_small(&["--threads", "4"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 2501: invalid UTF-8"),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 2500);
    assert!(text.ends_with('\n'));
}

#[test]
fn no_rules_tags_the_lists_entries_alone() {
    let text = b"Kata Bupati Zorbanius Kwetlakar, banjir di Semarang surut.\n";
    let out = run(&["--no-rules"], text);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out);
    assert!(line.contains("\"text\":\"Semarang\""), "{line}");
    assert!(!line.contains("\"text\":\"Zorbanius"), "{line}");
    assert!(stdout(&run(&[], text)).contains("\"text\":\"Zorbanius Kwetlakar\""));
}

#[test]
fn new_options_are_documented() {
    let help = stdout(&run(&["--help"], b""));
    for option in [
        "--threads N",
        "--skip-bad-lines",
        "--no-rules",
        "paragraphs",
        "130",
    ] {
        assert!(help.contains(option), "--help lacks {option}");
    }
}

#[test]
fn closed_stdout_ends_quietly_with_threads() {
    let gazetteer = small_gazetteer();
    let (status, err) = close_stdout_early(&[
        "--no-default-gazetteers",
        "--gazetteer",
        gazetteer,
        "--threads",
        "4",
    ]);
    assert!(status.success(), "exit {status:?}, stderr: {err}");
    assert!(err.is_empty(), "{err}");
}

/// Sends SIGINT to a running `tag` and checks that it exits 130 after writing only whole lines,
/// in input order.
#[cfg(unix)]
fn interrupt_while_tagging(args: &[&str]) {
    use std::io::BufRead;

    let mut child = spawn(
        &[
            &["--no-default-gazetteers", "--gazetteer", small_gazetteer()],
            args,
        ]
        .concat(),
    );
    let mut input = child.stdin.take().unwrap();
    // Input keeps coming until the child stops reading, so SIGINT lands mid-stream.
    let writer = std::thread::spawn(move || {
        for i in 0..2_000_000u64 {
            let line = format!("Presiden Joko Widodo tiba di Bandung, Jawa Barat. #{i}\n");
            if input.write_all(line.as_bytes()).is_err() {
                return;
            }
        }
    });
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    // Read some output first: by then the SIGINT handler is installed.
    for _ in 0..2000 {
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        lines.push(line);
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert!(
        rest.is_empty() || rest.ends_with('\n'),
        "a half line: {rest:?}"
    );
    lines.extend(rest.lines().map(|l| format!("{l}\n")));
    assert!(
        lines.len() < 2_000_000,
        "SIGINT did not stop the input early"
    );
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("output line {} is not JSON ({e}): {line:?}", i + 1));
        let text = v["text"].as_str().unwrap();
        assert!(text.ends_with(&format!(" #{i}")), "line {}: {text}", i + 1);
    }
}

#[cfg(unix)]
#[test]
fn sigint_writes_whole_lines_and_exits_130() {
    interrupt_while_tagging(&[]);
    interrupt_while_tagging(&["--threads", "4"]);
}

#[cfg(unix)]
#[test]
fn sigint_while_waiting_for_input_exits_130() {
    let mut child = spawn(&["--no-default-gazetteers", "--gazetteer", small_gazetteer()]);
    let mut input = child.stdin.take().unwrap();
    input.write_all(b"Di Jenewa\n").unwrap();
    input.flush().unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut out, &mut first).unwrap();
    assert!(first.contains("Jenewa"), "{first}");
    // stdin stays open: the program waits for the next line when SIGINT comes.
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    drop(input);
    assert_eq!(status.code(), Some(130));
    assert_eq!(rest, "");
}

#[test]
fn bad_gazetteer_files_through_the_cli() {
    let files = std::env::temp_dir().join(format!("tandai-cli-bad-{}", std::process::id()));
    let gaz = |name: &str, content: &[u8]| {
        let dir = files.clone();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_string()
    };
    let tag_with = |path: &str, input: &str| {
        run(
            &[
                "--no-default-gazetteers",
                "--gazetteer",
                path,
                "--format",
                "inline",
            ],
            input.as_bytes(),
        )
    };
    // Accepted: empty, BOM + CRLF, duplicates.
    let empty = gaz("kosong.txt", b"");
    let out = tag_with(&empty, "Di Jenewa\n");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Di Jenewa\n");
    let bom = gaz(
        "bom.txt",
        b"\xEF\xBB\xBF# label: LOC\r\nJenewa\r\nJenewa\r\nSwiss\r\n",
    );
    let out = tag_with(&bom, "Di Jenewa, Swiss\n");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Di [Jenewa]{LOC}, [Swiss]{LOC}\n");

    // Rejected, naming the file and the line.
    let long = [
        b"# label: LOC\nJenewa\n".to_vec(),
        vec![b'a'; 10 << 20],
        b"\n".to_vec(),
    ]
    .concat();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "kontrol.txt",
            b"# label: LOC\nJene\x07wa\n",
            "line 2: control character U+0007",
        ),
        (
            "label.txt",
            b"# label: LOC\nJenewa\n# label: NOT A LABEL\n",
            "line 3: invalid label",
        ),
        (
            "label2.txt",
            b"# label: LOC\nJenewa\t\tL\xC3\x96C\n",
            "line 2: invalid label",
        ),
        ("panjang.txt", &long, "line 3: entry is 10485760 bytes long"),
        (
            "utf8.txt",
            b"# label: LOC\nBan\xffdung\n",
            "line 2: not UTF-8",
        ),
    ];
    for (name, content, needle) in cases {
        let path = gaz(name, content);
        let out = tag_with(&path, "Di Jenewa\n");
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr(&out);
        assert!(err.contains(&format!("{name}, {needle}")), "{name}: {err}");
        assert!(stdout(&out).is_empty(), "{name}");
    }
    let dir = std::env::temp_dir().join(format!("tandai-cli-dir-{}.txt", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = tag_with(dir.to_str().unwrap(), "Di Jenewa\n");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}: is a directory", dir.display())),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&files).unwrap();
}

#[test]
fn text_with_quotes_backslashes_and_control_characters_round_trips_through_json() {
    // Every ASCII control character but the line break, quotes, backslashes, DEL, non-ASCII.
    let mut line: String = (0u8..0x20)
        .filter(|&b| b != b'\n' && b != b'\r')
        .map(char::from)
        .collect();
    line.push_str("\"kata\" \\ Jenewa\u{7f} Ma’ruf \u{2028}");
    let out = run(&[], format!("{line}\n").as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let value: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
    assert_eq!(value["text"], line.as_str());
    // Escaped the way serde_json escapes, so the output does not change with the writer.
    let expected = serde_json::to_string(&line).unwrap();
    assert!(
        text.starts_with(&format!("{{\"text\":{expected},")),
        "{text}"
    );
}

#[test]
fn escapes_are_found_at_every_offset_among_any_bytes() {
    // Each character JSON escapes, alone among plain ASCII and non-ASCII text, at every
    // position of the eight-byte words the writer reads at once.
    let mut lines = Vec::new();
    for special in ['\u{1}', '\u{1f}', '\t', '"', '\\', '\u{8}'] {
        for at in 0..20 {
            let mut line: String = "abcdefghij0123456789".chars().take(at).collect();
            line.push(special);
            line.push_str("Ma’ruf ~\u{7f}xyz Jenewa ÀÉ");
            lines.push(line);
        }
    }
    lines.push("~}| \u{7f}\u{80}\u{ff}ÿ ! # $ % & ' ( ) 0 9 @ Z [ ] ^ _ ` z { ~".to_string());
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = run(&[], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    for (line, written) in lines.iter().zip(stdout(&out).lines()) {
        let expected = serde_json::to_string(line).unwrap();
        assert!(
            written.starts_with(&format!("{{\"text\":{expected},")),
            "{written}"
        );
    }
    assert_eq!(stdout(&out).lines().count(), lines.len());
}

#[cfg(feature = "model")]
#[test]
fn model_flag_turns_the_learned_layer_on() {
    let out = run(
        &["--model"],
        "Presiden Joko Widodo tiba di Bandung.\n".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(stdout(&out).trim_end()).unwrap();
    let sources: Vec<&str> = value["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert!(!sources.is_empty());
    assert!(
        sources.iter().all(|s| s.starts_with("model:")),
        "{sources:?}"
    );
}

#[cfg(feature = "model")]
#[test]
fn explain_flag_writes_the_evidence_of_the_models_own_names() {
    let input = "Ketua RT setempat, Zorbanius, mengatakan banjir surut.\n";
    let out = run(&["--explain"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(stdout(&out).trim_end()).unwrap();
    let entity = &value["entities"][0];
    assert_eq!(entity["source"], "model", "{value}");
    assert!(
        entity["evidence"]
            .as_str()
            .unwrap()
            .contains("\"Zorbanius\""),
        "{value}"
    );
    // Without it, no evidence.
    let out = run(&["--model"], input.as_bytes());
    assert!(!stdout(&out).contains("evidence"), "{}", stdout(&out));
    let out = run(&["--explain=yes"], input.as_bytes());
    assert!(!out.status.success());
}

#[test]
fn entities_are_written_as_serde_writes_them() {
    let lines = [
        "AS dan Tiongkok bertemu di Jenewa, kata Menlu Retno Marsudi.",
        "Kementerian Luar Negeri (Kemlu) menyebut \"PT Maju\" di İstanbul dan Ma’ruf Amin.",
        "",
    ];
    let out = run(&[], format!("{}\n", lines.join("\n")).as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for (line, json) in lines.iter().zip(text.lines()) {
        let expected = serde_json::to_string(&tandai::tag(line)).unwrap();
        assert!(
            json.ends_with(&format!(",\"entities\":{expected}}}")),
            "{json}\n{expected}"
        );
    }
    assert!(text.contains("\"canonical\":"), "{text}");
}
