//! End-to-end tests of the `tag` example binary, which `cargo test` builds next to the tests.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

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

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(tag_binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
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
    let path = temp_file(
        "produk.txt",
        "# label: PRODUCT\nTeh Botol\nindomie\tIndomie Goreng\n",
    );
    let p = path.to_str().unwrap();
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

#[test]
fn bad_options_print_usage_and_exit_2() {
    for args in [
        &["--bogus"][..],
        &["--format", "xml"],
        &["--input"],
        &["--no-default-gazetteers"],
        &["--ignore-case=yes"],
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

#[test]
fn closed_stdout_ends_quietly() {
    let mut child = Command::new(tag_binary())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
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
    assert!(status.success(), "exit {status:?}, stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
}
