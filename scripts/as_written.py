#!/usr/bin/env python3
"""Dev-split accuracy on text as people write it, not as the corpora tokenize it.

The dev splits join their tokens with single spaces (`kata Joko Widodo ( Jokowi ) , Senin`), the
way `evaluate` and `../shared/tools/score_cli.py` feed them. Users write `kata Joko Widodo
(Jokowi), Senin` and `Go-Jek`. This joins each sentence's tokens as `scripts/detokenize.py`
joins lines (no space before `, . : ; ! ? ) ]`, none after `( [`, a hyphen between two words
glued to both, `' s` joined to its word), carries the gold spans along, tags the sentences with
the release `tag` example and scores exact spans as `evaluate` does. Comparing its figures with
`scripts/accuracy.py`'s shows what the spacing of the corpora hides.

usage:
  python3 scripts/as_written.py [--extra ARG ...] [--shared DIR] [--binary PATH] [--errors N]
  python3 scripts/as_written.py --spaced   # the corpus's spacing: the same F1 as accuracy.py
  (--extra is passed to tag, e.g. --extra=--model; nerp gets --ignore-case and PER,LOC)

Build first: cargo build --release --example tag
"""
import argparse
import collections
import json
import os
import subprocess
import sys

from conll import read_conll

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SETS = [
    ("idner-news-2k", [], ["PER", "LOC", "ORG"]),
    ("nerui", [], ["PER", "LOC", "ORG"]),
    ("nerugm", [], ["PER", "LOC", "ORG"]),
    ("nergrit", [], ["PER", "LOC", "ORG"]),
    ("nerp", ["--ignore-case"], ["PER", "LOC"]),
]
NO_SPACE_BEFORE = set(",.:;!?)]")
NO_SPACE_AFTER = set("([")


def is_word(token):
    return any(c.isalnum() for c in token)


def joins_previous(tokens, i):
    """Whether token i is written without a space before it."""
    token, previous = tokens[i][0], tokens[i - 1][0]
    if token in NO_SPACE_BEFORE or previous in NO_SPACE_AFTER:
        return True
    word_hyphen_word = lambda a, h, b: h == "-" and is_word(a) and is_word(b)  # noqa: E731
    if i + 1 < len(tokens) and word_hyphen_word(previous, token, tokens[i + 1][0]):
        return True
    if i >= 2 and word_hyphen_word(tokens[i - 2][0], previous, token):
        return True
    return token in ("s", "t") and previous == "'" and i >= 2 and is_word(tokens[i - 2][0])


def written(tokens, spaced=False):
    """The sentence as written (`spaced`: as the corpus has it) and each token's (start, end) in
    characters."""
    text, spans = "", []
    for i, (token, _) in enumerate(tokens):
        if i and (spaced or not joins_previous(tokens, i)):
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
    return text, spans


def gold(tokens, spans, labels):
    """Gold entities as (start, end, label), characters; `I-X` after another label starts one."""
    entities, current = [], None
    for (token, tag), (start, end) in zip(tokens, spans):
        if tag.startswith("I-") and current and current[2] == tag[2:]:
            current[1] = end
            continue
        if current:
            entities.append(tuple(current))
        current = [start, end, tag[2:]] if tag != "O" else None
    if current:
        entities.append(tuple(current))
    return {e for e in entities if e[2] in labels}


def tag(binary, lines, args):
    data = "".join(line + "\n" for line in lines)
    out = subprocess.run([binary, *args], input=data, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"tag failed: {out.stderr.strip()}")
    return [json.loads(line)["entities"] for line in out.stdout.splitlines()]


def score(name, sentences, predictions, labels, errors):
    counts = collections.Counter()
    missed, spurious = collections.Counter(), collections.Counter()
    for (text, truth), found in zip(sentences, predictions):
        guess = {(e["start"], e["end"], e["label"]) for e in found if e["label"] in labels}
        counts["gold"] += len(truth)
        counts["pred"] += len(guess)
        counts["right"] += len(truth & guess)
        missed.update(f"{text[s:e]}/{label}" for s, e, label in truth - guess)
        spurious.update(f"{text[s:e]}/{label}" for s, e, label in guess - truth)
    p = counts["right"] / counts["pred"] if counts["pred"] else 0.0
    r = counts["right"] / counts["gold"] if counts["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {counts['gold']} |")
    for kind, counter in (("missed", missed), ("spurious", spurious)):
        for text, n in counter.most_common(errors):
            print(f"    {kind} {n} {text}", file=sys.stderr)
    return f1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "examples", "tag"))
    ap.add_argument("--extra", action="append", default=[], help="an argument for tag")
    ap.add_argument("--spaced", action="store_true",
                    help="join tokens with single spaces, as evaluate does (checks this scorer)")
    ap.add_argument("--errors", type=int, default=0, help="list the N commonest misses and false alarms")
    o = ap.parse_args()
    if not os.path.exists(o.binary):
        sys.exit(f"{o.binary} is missing: cargo build --release --example tag")
    print("| dev set, as written | P | R | F1 | gold |\n|---|---|---|---|---|")
    for name, args, labels in SETS:
        path = os.path.join(o.shared, "data", "ner", name, "dev.conll")
        if not os.path.exists(path):
            print(f"skipped {name}: {path} is missing (../shared is not beside the checkout)", file=sys.stderr)
            continue
        sentences = []
        for tokens in read_conll(path):
            text, spans = written(tokens, o.spaced)
            sentences.append((text, gold(tokens, spans, labels)))
        predictions = tag(o.binary, [text for text, _ in sentences], args + o.extra)
        if o.errors:
            print(f"{name}:", file=sys.stderr)
        score(name, sentences, predictions, labels, o.errors)


if __name__ == "__main__":
    main()
