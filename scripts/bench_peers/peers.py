#!/usr/bin/env python3
"""One Python peer of tandai, one run, in this (fresh) process: the worker of scripts/bench-peers.

    VENV/bin/python peers.py --peer NAME GAZ.tsv TEXT

Adapted from ../shared/bench/bench_peers.py. GAZ.tsv is `name<TAB>LABEL` per line (what
`rawscan --dump-entries` writes); TEXT is UTF-8, one document (paragraph) per line.

The worker loads the names and the text (not timed), then times two phases with
time.perf_counter():

- build: from the names in memory to a ready matcher, including importing the library (and for
  spaCy, `spacy.blank("id")`);
- tag: every line of the text to a Python list of entities `(line, start, end, label)`, with
  whatever the peer needs to get there (word-boundary filter, overlap resolution).

It prints one JSON line: {"peer", "build_s", "tag_s", "matches", "text_bytes", "n_patterns",
"n_lines", "versions"}. The driver measures the process's peak RSS with wait4(2).

Peers (NAME):
  flashtext            FlashText KeywordProcessor, case-sensitive, clean name = label;
                       extract_keywords(span_info=True): its own whole-word (ASCII word
                       characters) longest match
  pyahocorasick        pyahocorasick Automaton.iter (every overlapping hit) + Unicode
                       whole-word filter + leftmost-longest among the whole-word hits, as
                       ../shared/bench does it
  spacy_phrasematcher  spaCy PhraseMatcher (ORTH) on spacy.blank("id"): patterns from
                       nlp.make_doc, text through nlp.pipe, matches as spans, util.filter_spans
  spacy_entityruler    spaCy entity_ruler pipe on spacy.blank("id") with phrase patterns
                       {"label", "pattern"}; text through nlp.pipe, entities from doc.ents
"""
import argparse
import json
import sys
import time


def load_gazetteer(path):
    """Names and labels of `name<TAB>LABEL` lines; a name listed twice keeps its first label."""
    names, labels, seen = [], [], set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or "\t" not in line:
                continue
            name, label = line.split("\t", 1)
            label = label.split("\t")[-1].strip()
            if name and name not in seen:
                seen.add(name)
                names.append(name)
                labels.append(label)
    return names, labels


def load_lines(path):
    """The text's size in bytes and its lines (without the final empty one)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return len(text.encode("utf-8")), lines


def is_word_char(c):
    return c.isalnum() or c == "_"


def is_whole_word(s, start, end):
    return (start == 0 or not is_word_char(s[start - 1])) and (end >= len(s) or not is_word_char(s[end]))


def leftmost_longest(candidates):
    """(start, end, payload) candidates -> non-overlapping, leftmost first, longest at a start."""
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen, last_end = [], -1
    for c in candidates:
        if c[0] >= last_end:
            chosen.append(c)
            last_end = c[1]
    return chosen


# Each peer: build(names, labels) -> state; tag(state, lines) -> [(line, start, end, label)].


def build_flashtext(names, labels):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=True)
    for name, label in zip(names, labels):
        kp.add_keyword(name, label)
    return kp


def tag_flashtext(kp, lines):
    entities = []
    for li, line in enumerate(lines):
        for label, start, end in kp.extract_keywords(line, span_info=True):
            entities.append((li, start, end, label))
    return entities


def build_pyahocorasick(names, labels):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for name, label in zip(names, labels):
        automaton.add_word(name, (len(name), label))
    automaton.make_automaton()
    return automaton


def tag_pyahocorasick(automaton, lines):
    entities = []
    for li, line in enumerate(lines):
        candidates = []
        for end, (length, label) in automaton.iter(line):
            start, stop = end - length + 1, end + 1
            if is_whole_word(line, start, stop):
                candidates.append((start, stop, label))
        for start, stop, label in leftmost_longest(candidates):
            entities.append((li, start, stop, label))
    return entities


def build_spacy_phrasematcher(names, labels):
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("id")
    matcher = PhraseMatcher(nlp.vocab)
    by_label = {}
    for name, label in zip(names, labels):
        by_label.setdefault(label, []).append(name)
    for label, label_names in by_label.items():
        matcher.add(label, [nlp.make_doc(name) for name in label_names])
    return nlp, matcher


def tag_spacy_phrasematcher(state, lines):
    from spacy.util import filter_spans

    nlp, matcher = state
    entities = []
    for li, doc in enumerate(nlp.pipe(lines)):
        for span in filter_spans(matcher(doc, as_spans=True)):
            entities.append((li, span.start_char, span.end_char, span.label_))
    return entities


def build_spacy_entityruler(names, labels):
    import spacy

    nlp = spacy.blank("id")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": name} for name, label in zip(names, labels)])
    return nlp


def tag_spacy_entityruler(nlp, lines):
    entities = []
    for li, doc in enumerate(nlp.pipe(lines)):
        for ent in doc.ents:
            entities.append((li, ent.start_char, ent.end_char, ent.label_))
    return entities


PEERS = {
    "flashtext": (build_flashtext, tag_flashtext),
    "pyahocorasick": (build_pyahocorasick, tag_pyahocorasick),
    "spacy_phrasematcher": (build_spacy_phrasematcher, tag_spacy_phrasematcher),
    "spacy_entityruler": (build_spacy_entityruler, tag_spacy_entityruler),
}


def installed_versions():
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version.split()[0]}
    for package in ("flashtext", "pyahocorasick", "spacy"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            pass
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peer", required=True, choices=sorted(PEERS))
    ap.add_argument("gazetteer")
    ap.add_argument("text")
    a = ap.parse_args()
    build, tag = PEERS[a.peer]
    names, labels = load_gazetteer(a.gazetteer)
    text_bytes, lines = load_lines(a.text)
    started = time.perf_counter()
    state = build(names, labels)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    entities = tag(state, lines)
    tag_s = time.perf_counter() - started
    print(json.dumps({
        "peer": a.peer, "build_s": build_s, "tag_s": tag_s, "matches": len(entities),
        "text_bytes": text_bytes, "n_patterns": len(names), "n_lines": len(lines),
        "versions": installed_versions(),
    }))


if __name__ == "__main__":
    main()
