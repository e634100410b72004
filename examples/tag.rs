//! Tags stdin, one document per line, and writes the result to stdout.
//!
//! ```text
//! echo "Presiden Joko Widodo tiba di Bandung." | cargo run --release --example tag
//! ```
//!
//! Run with `--help` for the options.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use tandai::{Entity, Gazetteer, Tagger, format};

const USAGE: &str = "\
usage: tag [OPTIONS] < INPUT > OUTPUT

Tags people (PER), places (LOC) and organizations (ORG) in Indonesian text.
Reads stdin line by line (each line is one document) and writes one result per line, in order.

options:
  --input text|jsonl     text (default): each line is a document;
                         jsonl: each line is a JSON object whose \"text\" is the document;
                         its other fields are copied to the output unchanged
  --format jsonl|conll|inline
                         jsonl (default): the input object (or {\"text\": line}) plus
                           \"entities\": [{text, label, start, end, byte_start, byte_end, source}],
                           start/end counting characters, end exclusive
                         conll: TOKEN<TAB>BIO per token, a blank line after each document
                         inline: the text with entities marked as [Jenewa]{LOC}
  --gazetteer PATH       add a gazetteer file (repeatable; format in gazetteers/README.md)
  --no-default-gazetteers
                         do not use the embedded gazetteers
  --ignore-case          match regardless of case (text without capitalization)
  -h, --help             print this help

exit status: 0 on success, 1 on bad input or a bad gazetteer, 2 on bad options";

#[derive(Clone, Copy, PartialEq)]
enum Input {
    Text,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Jsonl,
    Conll,
    Inline,
}

struct Options {
    input: Input,
    format: Format,
    gazetteers: Vec<String>,
    default_gazetteers: bool,
    ignore_case: bool,
}

/// Why the program stops early.
enum Failure {
    Usage(String),
    Input(String),
    /// stdout was closed (`tag | head -1`): stop quietly.
    ClosedOutput,
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
        default_gazetteers: true,
        ignore_case: false,
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
                    other => {
                        return Err(Failure::Usage(format!(
                            "--input takes text or jsonl, not {other:?}"
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
            "--gazetteer" => o.gazetteers.push(value("--gazetteer")?),
            "--no-default-gazetteers" | "--ignore-case" if inline_value.is_some() => {
                return Err(Failure::Usage(format!("{flag} takes no value")));
            }
            "--no-default-gazetteers" => o.default_gazetteers = false,
            "--ignore-case" => o.ignore_case = true,
            other => return Err(Failure::Usage(format!("unknown option {other:?}"))),
        }
    }
    if !o.default_gazetteers && o.gazetteers.is_empty() {
        return Err(Failure::Usage(
            "--no-default-gazetteers leaves nothing to tag with: add --gazetteer PATH".into(),
        ));
    }
    Ok(Some(o))
}

fn build_tagger(o: &Options) -> Result<Tagger, Failure> {
    let mut builder = Tagger::builder();
    builder
        .embedded_gazetteers(o.default_gazetteers)
        .ignore_case(o.ignore_case);
    for path in &o.gazetteers {
        builder.gazetteer(Gazetteer::from_path(path).map_err(|e| Failure::Input(e.to_string()))?);
    }
    builder.build().map_err(|e| Failure::Input(e.to_string()))
}

/// Writes `entities` as a JSON array.
fn entities_json(entities: &[Entity<'_>], out: &mut String) {
    out.push_str(&serde_json::to_string(entities).expect("entities serialize to JSON"));
}

/// The document of one input line, and for JSON input the object to extend.
fn read_document(
    line: &str,
    input: Input,
    line_no: u64,
) -> Result<(String, Option<&str>), Failure> {
    match input {
        Input::Text => Ok((line.to_string(), None)),
        Input::Jsonl => {
            let bad = |why: String| Failure::Input(format!("line {line_no}: {why}"));
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).map_err(|e| bad(format!("not a JSON object: {e}")))?;
            if object.contains_key("entities") {
                return Err(bad("the object already has an \"entities\" field".into()));
            }
            match object.get("text") {
                Some(serde_json::Value::String(text)) => Ok((text.clone(), Some(line.trim()))),
                Some(_) => Err(bad("\"text\" is not a string".into())),
                None => Err(bad("no \"text\" field".into())),
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
                    out.push_str(&serde_json::to_string(text).expect("a string serializes"));
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

fn run(o: &Options) -> Result<(), Failure> {
    let tagger = build_tagger(o)?;
    // Our own buffer, so we can see when stdin has nothing more waiting and flush then.
    let mut stdin = BufReader::with_capacity(1 << 16, io::stdin().lock());
    let mut stdout = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut buf = Vec::new();
    let mut result = String::new();
    let mut line_no: u64 = 0;
    loop {
        buf.clear();
        if stdin
            .read_until(b'\n', &mut buf)
            .map_err(|e| Failure::Input(format!("cannot read input: {e}")))?
            == 0
        {
            break;
        }
        line_no += 1;
        let line = std::str::from_utf8(&buf).map_err(|e| {
            Failure::Input(format!(
                "line {line_no}: invalid UTF-8 at byte {}",
                e.valid_up_to() + 1
            ))
        })?;
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (text, object) = read_document(line, o.input, line_no)?;
        let entities = tagger.tag(&text);
        result.clear();
        write_result(&text, object, &entities, o.format, &mut result);
        stdout.write_all(result.as_bytes())?;
        if stdin.buffer().is_empty() {
            stdout.flush()?;
        }
    }
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
    }
}
