//! Tags stdin, one document per line (or per block of lines, `--input paragraphs`), and writes
//! the result to stdout.
//!
//! ```text
//! echo "Presiden Joko Widodo tiba di Bandung." | cargo run --release --example tag
//! ```
//!
//! Run with `--help` for the options.
//!
//! How the lines flow: a reader thread reads stdin into numbered batches of whole lines (whole
//! documents with `--input paragraphs`; at most [`BATCH_LINES`] lines or [`BATCH_BYTES`] bytes,
//! or fewer when no more input is waiting, so an interactive line is answered at once) and puts them in a queue; at most four batches a worker
//! are in flight (read and not yet written), so memory stays bounded however long the input is
//! and however slow one batch is. `--threads N` worker threads share one `Tagger` and take
//! batches from the queue as they finish the last one (no thread waits for the others at a
//! batch's end); the main thread puts their results back in input order and writes them a whole
//! batch at a time, while the workers go on: output only ever ends in a whole line.
//!
//! SIGINT (Ctrl-C) stops the program with status 130 after writing, in order, the lines tagged
//! so far; output still ends in a whole line.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use tandai::{Entity, Gazetteer, Tagger, format};

const USAGE: &str = "\
usage: tag [OPTIONS] < INPUT > OUTPUT

Tags people (PER), places (LOC) and organizations (ORG) in Indonesian text.
Reads stdin line by line (each line is one document, unless --input paragraphs) and writes one
result per document, in order.

options:
  --input text|jsonl|paragraphs
                         text (default): each line is a document;
                         jsonl: each line is a JSON object whose \"text\" is the document;
                         its other fields are copied to the output unchanged;
                         paragraphs: blank lines separate documents, and each line of one is
                         a paragraph (a name found in one is known in the next: a surname
                         after the full name); one result per document
  --format jsonl|conll|inline
                         jsonl (default): the input object (or {\"text\": line}) plus
                           \"entities\": [{text, label, start, end, byte_start, byte_end, source}],
                           start/end counting characters, end exclusive
                         conll: TOKEN<TAB>BIO per token, a blank line after each document
                         inline: the text with entities marked as [Jenewa]{LOC}
  --gazetteer PATH       add a gazetteer file (repeatable; format in gazetteers/README.md)
  --no-default-gazetteers
                         do not use the embedded gazetteers
  --save-gazetteers PATH write the gazetteers, compiled, to PATH and exit (no input is read)
  --compiled-gazetteers PATH
                         use the gazetteers compiled into PATH by --save-gazetteers, which
                         must have been given the same --no-default-gazetteers and
                         --ignore-case; replaces --gazetteer; a large list loads far faster
  --ignore-case          match regardless of case (text without capitalization)
  --model                also run the learned layer (more accurate, slower; see README)
  --style CORPUS         the learned layer with one train corpus's conventions:
                         idner-news-2k, nerui, nerugm or nergrit (implies --model)
  --explain              the learned layer, and each name it found that no list or rule
                         proposed says why: \"evidence\" (implies --model)
  --no-rules             only the gazetteers' entries: no names guessed from cues, words or
                         the rest of the document (a list matcher's output, faster)
  --threads N            tag on N threads (default 1); the output order is the input order
  --skip-bad-lines       write an error record for a line that is not UTF-8 or not a valid
                         JSON object, and go on: {\"line\":N,\"error\":\"...\"} for jsonl,
                         a line '# error line N: ...' for conll and inline (for paragraphs,
                         N is the document's first line)
  -h, --help             print this help

An empty input line gives an empty entity list. Ctrl-C (SIGINT) writes the lines tagged so far,
in order, and exits with status 130; output never ends in half a line.

exit status: 0 on success (also when stdout is closed early), 1 on bad input or a bad gazetteer,
2 on bad options, 130 when interrupted";

/// A batch ends after this many lines...
const BATCH_LINES: usize = 1024;
/// ...or this many bytes of input, whichever comes first (a longer line is a batch of its own).
const BATCH_BYTES: usize = 4 << 20;
/// The most threads `--threads` accepts.
const MAX_THREADS: usize = 256;

/// Set by the SIGINT handler; the writer checks it before each batch.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Copy, PartialEq)]
enum Input {
    Text,
    Jsonl,
    /// Blocks of lines between blank lines, each one document.
    Paragraphs,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Jsonl,
    Conll,
    Inline,
}

#[derive(Clone)]
struct Options {
    input: Input,
    format: Format,
    gazetteers: Vec<String>,
    save_gazetteers: Option<String>,
    compiled_gazetteers: Option<String>,
    default_gazetteers: bool,
    ignore_case: bool,
    model: bool,
    style: Option<String>,
    explain: bool,
    rules: bool,
    threads: usize,
    skip_bad_lines: bool,
}

/// Why the program stops early.
enum Failure {
    Usage(String),
    Input(String),
    /// stdout was closed (`tag | head -1`): stop quietly.
    ClosedOutput,
    /// SIGINT: the lines tagged so far were written.
    Interrupted,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::ClosedOutput
        } else {
            Failure::Input(format!("cannot write output: {e}"))
        }
    }
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, Failure> {
    let mut o = Options {
        input: Input::Text,
        format: Format::Jsonl,
        gazetteers: Vec::new(),
        save_gazetteers: None,
        compiled_gazetteers: None,
        default_gazetteers: true,
        ignore_case: false,
        model: false,
        explain: false,
        style: None,
        rules: true,
        threads: 1,
        skip_bad_lines: false,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline_value
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--input" => {
                o.input = match value("--input")?.as_str() {
                    "text" => Input::Text,
                    "jsonl" => Input::Jsonl,
                    "paragraphs" => Input::Paragraphs,
                    other => {
                        return Err(Failure::Usage(format!(
                            "--input takes text, jsonl or paragraphs, not {other:?}"
                        )));
                    }
                }
            }
            "--format" => {
                o.format = match value("--format")?.as_str() {
                    "jsonl" => Format::Jsonl,
                    "conll" => Format::Conll,
                    "inline" => Format::Inline,
                    other => {
                        return Err(Failure::Usage(format!(
                            "--format takes jsonl, conll or inline, not {other:?}"
                        )));
                    }
                }
            }
            "--threads" => {
                let v = value("--threads")?;
                o.threads = match v.parse::<usize>() {
                    Ok(n) if (1..=MAX_THREADS).contains(&n) => n,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--threads takes a number from 1 to {MAX_THREADS}, not {v:?}"
                        )));
                    }
                }
            }
            "--gazetteer" => o.gazetteers.push(value("--gazetteer")?),
            "--save-gazetteers" => o.save_gazetteers = Some(value("--save-gazetteers")?),
            "--compiled-gazetteers" => {
                o.compiled_gazetteers = Some(value("--compiled-gazetteers")?)
            }
            "--style" => o.style = Some(value("--style")?),
            "--no-default-gazetteers"
            | "--ignore-case"
            | "--skip-bad-lines"
            | "--model"
            | "--explain"
            | "--no-rules"
                if inline_value.is_some() =>
            {
                return Err(Failure::Usage(format!("{flag} takes no value")));
            }
            "--no-default-gazetteers" => o.default_gazetteers = false,
            "--ignore-case" => o.ignore_case = true,
            "--model" => o.model = true,
            "--explain" => o.explain = true,
            "--no-rules" => o.rules = false,
            "--skip-bad-lines" => o.skip_bad_lines = true,
            other => return Err(Failure::Usage(format!("unknown option {other:?}"))),
        }
    }
    if !o.default_gazetteers && o.gazetteers.is_empty() && o.compiled_gazetteers.is_none() {
        return Err(Failure::Usage(
            "--no-default-gazetteers leaves nothing to tag with: add --gazetteer PATH".into(),
        ));
    }
    if !o.rules && (o.model || o.explain || o.style.is_some()) {
        return Err(Failure::Usage(
            "--no-rules cannot go with --model, --style or --explain: the learned layer reads the rules"
                .into(),
        ));
    }
    if o.compiled_gazetteers.is_some() && !o.gazetteers.is_empty() {
        return Err(Failure::Usage(
            "--compiled-gazetteers replaces --gazetteer: compile them together".into(),
        ));
    }
    Ok(Some(o))
}

fn build_tagger(o: &Options) -> Result<Tagger, Failure> {
    let mut builder = Tagger::builder();
    builder
        .embedded_gazetteers(o.default_gazetteers)
        .ignore_case(o.ignore_case)
        .model(o.model)
        .explain(o.explain)
        .rules(o.rules);
    if let Some(style) = &o.style {
        builder.style(style);
    }
    for path in &o.gazetteers {
        builder.gazetteer(Gazetteer::from_path(path).map_err(|e| Failure::Input(e.to_string()))?);
    }
    if let Some(path) = &o.compiled_gazetteers {
        builder.compiled_gazetteers(path);
    }
    let tagger = builder.build().map_err(|e| Failure::Input(e.to_string()))?;
    // The gazetteers' entries, and the tagger at exit, are left to the OS: freeing a million
    // small strings one by one took a second of a 1M-entry gazetteer's start.
    std::mem::forget(builder);
    Ok(tagger)
}

/// Writes `entities` as a JSON array.
/// The entities as JSON, the bytes serde_json writes for them (tests/cli.rs compares), written
/// by hand: serde_json escaped every key of every entity and showed in the profile.
fn entities_json(entities: &[Entity<'_>], out: &mut String) {
    out.push('[');
    for (k, e) in entities.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str("{\"text\":");
        push_json_string(e.as_str(), out);
        out.push_str(",\"label\":");
        push_json_string(e.label().as_str(), out);
        let (chars, bytes) = (e.char_span(), e.byte_span());
        for (key, n) in [
            (",\"start\":", chars.start),
            (",\"end\":", chars.end),
            (",\"byte_start\":", bytes.start),
            (",\"byte_end\":", bytes.end),
        ] {
            out.push_str(key);
            push_number(n, out);
        }
        out.push_str(",\"source\":");
        push_json_string(e.source(), out);
        if let Some(canonical) = e.canonical() {
            out.push_str(",\"canonical\":");
            push_json_string(canonical, out);
        }
        if let Some(evidence) = e.evidence() {
            out.push_str(",\"evidence\":");
            push_json_string(evidence, out);
        }
        out.push('}');
    }
    out.push(']');
}

/// The bytes a JSON string escapes: controls, `"` and `\`.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Appends `s` as a JSON string, escaped as serde_json escapes it. Whole lines go through
/// here, so runs that need no escape are copied at once (serde_json looked at every byte, and
/// showed in the profile).
fn push_json_string(s: &str, out: &mut String) {
    out.push('"');
    let mut rest = s;
    while let Some(at) = first_escaped(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            b => {
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Where the first byte JSON must escape is: eight bytes at a time while none of them is one
/// (most of any text), then byte by byte.
fn first_escaped(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of a byte of the result is set for some byte of `word` equal to zero, and
    // the result is zero when no byte is (the classic test, exact about "some").
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGH;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A byte below 0x20, by the same test (exact for bounds up to 0x80), or a quote or
        // a backslash.
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        let quote = has_zero(word ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
        if control | quote | backslash != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| ESCAPED[usize::from(b)])
        .map(|i| at + i)
}

/// Appends `n` in decimal (`write!` went through the formatting machinery for every number).
fn push_number(mut n: usize, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// The document of one input line, and for JSON input the object to extend.
fn read_document(line: &str, input: Input) -> Result<(Cow<'_, str>, Option<&str>), String> {
    match input {
        Input::Text | Input::Paragraphs => Ok((Cow::Borrowed(line), None)),
        Input::Jsonl => {
            let mut object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
            if object.contains_key("entities") {
                return Err("the object already has an \"entities\" field".into());
            }
            match object.remove("text") {
                Some(serde_json::Value::String(text)) => Ok((Cow::Owned(text), Some(line.trim()))),
                Some(_) => Err("\"text\" is not a string".into()),
                None => Err("no \"text\" field".into()),
            }
        }
    }
}

fn write_result(
    text: &str,
    object: Option<&str>,
    entities: &[Entity<'_>],
    format: Format,
    out: &mut String,
) {
    match format {
        Format::Jsonl => {
            match object {
                // `{...}` → `{..., "entities": [...]}`, keeping the input's fields byte for byte.
                Some(object) => {
                    let body = object
                        .strip_suffix('}')
                        .expect("a JSON object ends with }")
                        .trim_end();
                    out.push_str(body);
                    if !body.ends_with('{') {
                        out.push(',');
                    }
                }
                None => {
                    out.push_str("{\"text\":");
                    push_json_string(text, out);
                    out.push(',');
                }
            }
            out.push_str("\"entities\":");
            entities_json(entities, out);
            out.push_str("}\n");
        }
        Format::Conll => {
            out.push_str(&format::conll(text, entities));
            out.push('\n');
        }
        Format::Inline => {
            let _ = writeln!(out, "{}", format::inline(text, entities));
        }
    }
}

/// The record written in place of a bad line's result with `--skip-bad-lines`.
fn write_error(line_no: u64, why: &str, format: Format, out: &mut String) {
    match format {
        Format::Jsonl => {
            let why = serde_json::to_string(why).expect("a string serializes");
            let _ = writeln!(out, "{{\"line\":{line_no},\"error\":{why}}}");
        }
        // A blank line after it, like after every CoNLL document.
        Format::Conll => {
            let _ = writeln!(out, "# error line {line_no}: {why}\n");
        }
        Format::Inline => {
            let _ = writeln!(out, "# error line {line_no}: {why}");
        }
    }
}

/// Tags one raw input line (with its line break) into `out`, or says why it cannot.
fn tag_line(tagger: &Tagger, o: &Options, raw: &[u8], out: &mut String) -> Result<(), String> {
    let line = std::str::from_utf8(raw)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1))?;
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let (text, object) = read_document(line, o.input)?;
    let entities = tagger.tag(&text);
    write_result(&text, object, &entities, o.format, out);
    Ok(())
}

/// A batch of input documents (a line each, or a block of lines with `--input paragraphs`),
/// numbered in input order from 0.
struct Batch {
    number: u64,
    lines: Vec<Vec<u8>>,
    /// The input line each document starts on, from 1.
    first_lines: Vec<u64>,
}

/// A tagged batch: the output of its good lines, and where its bad lines were.
struct Tagged {
    number: u64,
    out: String,
    /// `(input line, offset in out, why)` of each bad document, in order.
    bad: Vec<(u64, usize, String)>,
}

/// Tags a batch into one output string (one allocation a batch, freed by the writer).
fn tag_batch(tagger: &Tagger, o: &Options, batch: Batch) -> Tagged {
    let bytes: usize = batch.lines.iter().map(Vec::len).sum();
    // The lines, escaped, and their entities: sized once instead of grown.
    let mut out = String::with_capacity(2 * bytes + 256 * batch.lines.len());
    let mut bad = Vec::new();
    for (i, raw) in batch.lines.iter().enumerate() {
        let at = out.len();
        if let Err(why) = tag_line(tagger, o, raw, &mut out) {
            out.truncate(at);
            bad.push((batch.first_lines[i], at, why));
        }
    }
    Tagged {
        number: batch.number,
        out,
        bad,
    }
}

/// What the writer (the main thread) hears.
enum Message {
    Tagged(Tagged),
    /// The input ended after this many batches.
    End(u64),
    /// Reading failed after this many batches.
    ReadError(u64, io::Error),
    /// Sent by the SIGINT handler to wake a writer that waits.
    Interrupt,
}

/// Reads stdin into numbered batches of whole lines for the workers until the end of input or
/// until nobody listens; then tells the writer how many batches there were. Each batch needs a
/// permit, which the writer gives back once it has written the batch.
fn read_batches(
    paragraphs: bool,
    to_workers: SyncSender<Batch>,
    to_writer: Sender<Message>,
    permits: Receiver<()>,
) {
    let mut stdin = BufReader::with_capacity(1 << 16, io::stdin().lock());
    let mut batch: Vec<Vec<u8>> = Vec::new();
    let mut first_lines: Vec<u64> = Vec::new();
    let mut bytes = 0;
    let mut number = 0;
    let mut line_no = 0u64;
    // With `--input paragraphs`: the document read so far and its first line.
    let mut block: Vec<u8> = Vec::new();
    let mut block_start = 0u64;
    loop {
        let mut line = Vec::new();
        let last = match stdin.read_until(b'\n', &mut line) {
            Ok(0) => Some(Message::End(0)),
            Ok(n) => {
                bytes += n;
                line_no += 1;
                None
            }
            Err(e) => Some(Message::ReadError(0, e)),
        };
        if !paragraphs {
            if last.is_none() {
                batch.push(line);
                first_lines.push(line_no);
            }
        } else if last.is_some() || line.iter().all(u8::is_ascii_whitespace) {
            // A blank line or the end ends the document, if one was begun (a read error drops
            // it, as it drops a line read in part).
            if !block.is_empty() && !matches!(last, Some(Message::ReadError(..))) {
                batch.push(std::mem::take(&mut block));
                first_lines.push(block_start);
            }
        } else {
            if block.is_empty() {
                block_start = line_no;
            } else if !block.ends_with(b"\n") {
                block.push(b'\n');
            }
            block.extend_from_slice(&line);
        }
        // Send a full batch, or a partial one when no more input is waiting (interactive use;
        // a document of paragraphs still being typed waits for its blank line).
        let send = last.is_some()
            || batch.len() >= BATCH_LINES
            || bytes >= BATCH_BYTES
            || stdin.buffer().is_empty();
        if send && !batch.is_empty() {
            bytes = 0;
            let lines = std::mem::take(&mut batch);
            let first_lines = std::mem::take(&mut first_lines);
            if permits.recv().is_err()
                || to_workers
                    .send(Batch {
                        number,
                        lines,
                        first_lines,
                    })
                    .is_err()
            {
                return;
            }
            number += 1;
        }
        if let Some(last) = last {
            let _ = to_writer.send(match last {
                Message::ReadError(_, e) => Message::ReadError(number, e),
                _ => Message::End(number),
            });
            return;
        }
    }
}

/// Tags batches from the shared queue until it is empty and closed, or the writer is gone.
fn work(tagger: &Tagger, o: &Options, queue: &Mutex<Receiver<Batch>>, to_writer: &Sender<Message>) {
    loop {
        // The lock is held only while taking a batch; a poisoned lock means a worker panicked,
        // and the panic already ends the program.
        let batch = match queue.lock().map(|q| q.recv()) {
            Ok(Ok(batch)) => batch,
            _ => return,
        };
        if to_writer
            .send(Message::Tagged(tag_batch(tagger, o, batch)))
            .is_err()
        {
            return;
        }
    }
}

fn run(o: &Options) -> Result<(), Failure> {
    // A panicking worker would leave the writer waiting for its batch: end the program instead
    // (the library does not panic on any input; this is the last line of defence).
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report(info);
        std::process::exit(101);
    }));
    let tagger: &'static Tagger = Box::leak(Box::new(build_tagger(o)?));
    if let Some(path) = &o.save_gazetteers {
        return tagger
            .save_gazetteers(path)
            .map_err(|e| Failure::Input(e.to_string()));
    }
    let o: &'static Options = Box::leak(Box::new(o.clone()));
    // Batches in flight, read but not yet written: at most four a worker, however slow one
    // batch is, so memory stays bounded.
    let in_flight = 4 * o.threads;
    let (to_workers, queue) = mpsc::sync_channel::<Batch>(in_flight);
    let (permit, permits) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = permit.send(());
    }
    let queue: &'static Mutex<Receiver<Batch>> = Box::leak(Box::new(Mutex::new(queue)));
    let (to_writer, from_workers) = mpsc::channel::<Message>();
    let wake = Mutex::new(to_writer.clone());
    ctrlc::set_handler(move || {
        INTERRUPTED.store(true, Ordering::SeqCst);
        if let Ok(wake) = wake.lock() {
            let _ = wake.send(Message::Interrupt);
        }
    })
    .map_err(|e| Failure::Input(format!("cannot handle SIGINT: {e}")))?;
    let reader_to_writer = to_writer.clone();
    let paragraphs = o.input == Input::Paragraphs;
    std::thread::spawn(move || read_batches(paragraphs, to_workers, reader_to_writer, permits));
    for _ in 0..o.threads {
        let to_writer = to_writer.clone();
        std::thread::spawn(move || work(tagger, o, queue, &to_writer));
    }
    drop(to_writer);
    write_in_order(o, &from_workers, &permit)
}

/// The writer: puts the tagged batches back in input order and writes them, whole lines only.
fn write_in_order(
    o: &Options,
    from_workers: &Receiver<Message>,
    permit: &SyncSender<()>,
) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    // Batches tagged ahead of their turn (at most the batches in flight).
    let mut waiting: BTreeMap<u64, Tagged> = BTreeMap::new();
    let mut next = 0u64;
    let mut end: Option<(u64, Option<io::Error>)> = None;
    loop {
        if INTERRUPTED.load(Ordering::SeqCst) {
            return Err(Failure::Interrupted);
        }
        while let Some(batch) = waiting.remove(&next) {
            write_batch(o, &batch, &mut stdout)?;
            next += 1;
            // The reader may read one more batch. (It may have stopped: then nobody waits.)
            let _ = permit.try_send(());
        }
        if let Some((batches, error)) = end.take_if(|(batches, _)| next >= *batches) {
            debug_assert_eq!(next, batches);
            return match error {
                Some(e) => Err(Failure::Input(format!("cannot read input: {e}"))),
                None => Ok(()),
            };
        }
        match from_workers.recv() {
            Ok(Message::Tagged(batch)) => {
                waiting.insert(batch.number, batch);
            }
            Ok(Message::End(batches)) => end = Some((batches, None)),
            Ok(Message::ReadError(batches, e)) => end = Some((batches, Some(e))),
            Ok(Message::Interrupt) => {}
            Err(_) => {
                return Err(Failure::Input("the input reader stopped".into()));
            }
        }
    }
}

/// Writes one tagged batch. A bad line becomes an error record with `--skip-bad-lines`;
/// otherwise the lines before it are written and the program stops.
fn write_batch(o: &Options, batch: &Tagged, stdout: &mut impl Write) -> Result<(), Failure> {
    let mut from = 0;
    for &(line_no, at, ref why) in &batch.bad {
        stdout.write_all(&batch.out.as_bytes()[from..at])?;
        from = at;
        if !o.skip_bad_lines {
            stdout.flush()?;
            return Err(Failure::Input(format!("line {line_no}: {why}")));
        }
        let mut record = String::new();
        write_error(line_no, why, o.format, &mut record);
        stdout.write_all(record.as_bytes())?;
    }
    stdout.write_all(&batch.out.as_bytes()[from..])?;
    stdout.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    let outcome = parse_args(std::env::args().skip(1)).and_then(|options| match options {
        None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(o) => run(&o),
    });
    match outcome {
        Ok(()) | Err(Failure::ClosedOutput) => ExitCode::SUCCESS,
        Err(Failure::Usage(why)) => {
            eprintln!("tag: {why}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(why)) => {
            eprintln!("tag: {why}");
            ExitCode::from(1)
        }
        Err(Failure::Interrupted) => ExitCode::from(130),
    }
}
