#!/usr/bin/env python3
"""How much of the gold entities of each dev set the gazetteers hold (a measurement, not a build input).

    python3 scripts/coverage.py [--shared ../shared] [--gazetteers gazetteers] [--split dev]
                                [--curated gazetteers/curated]

Prints a Markdown table: per data set and label, the share of distinct gold entity strings and of
gold mentions that are an entry of that label in (a) the curated lists only and (b) all generated
lists. A gold string counts when its tokens joined by spaces, or rejoined as the name is written
(`Bangsa - Bangsa` -> `Bangsa-Bangsa`), is an entry. nerp is all lower case and is compared
case-insensitively. Standard library only.
"""

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_gazetteers import LABELS, REPO, gold_spans, rejoin  # noqa: E402
from conll import read_conll  # noqa: E402

SETS = ("idner-news-2k", "nergrit", "nerugm", "nerui", "nerp")
CURATED = ("per.txt", "loc.txt", "org.txt")
GENERATED = ("per.txt", "loc.txt", "org.txt", "per-wiki.txt", "loc-wiki.txt", "org-wiki.txt")


def load(gaz_dir, files):
    """{(entry, label)} from gazetteer files ('# label:' directive, ENTRY[<TAB>CANONICAL])."""
    out = set()
    for name in files:
        label = None
        for line in (gaz_dir / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                if line.startswith("# label:"):
                    label = line.split(":", 1)[1].strip()
                continue
            if line.strip():
                out.add((line.split("\t")[0], label))
    return out


def forms(tokens, fold):
    out = {" ".join(tokens)}
    joined = rejoin(tuple(tokens))
    if joined:
        out.add(joined)
    return {f.lower() for f in out} if fold else out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--gazetteers", default=str(REPO / "gazetteers"))
    ap.add_argument("--curated", default=str(REPO / "gazetteers" / "curated"))
    ap.add_argument("--split", default="dev", help="which split to measure (dev or train)")
    a = ap.parse_args()
    lists = {"curated": load(Path(a.curated), CURATED), "all": load(Path(a.gazetteers), GENERATED)}
    folded = {k: {(e.lower(), lab) for e, lab in v} for k, v in lists.items()}
    print("| set | label | gold strings | curated | all lists | gold mentions | curated | all lists |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for s in SETS:
        path = Path(a.shared) / "data" / "ner" / s / f"{a.split}.conll"
        if not path.exists():
            continue
        fold = s == "nerp"
        mentions = collections.defaultdict(list)  # label -> [frozenset of forms]
        for sent in read_conll(path):
            toks = [t for t, _ in sent]
            for start, end, label in gold_spans(sent):
                mentions[label].append(frozenset(forms(toks[start:end], fold)))
        for label in LABELS:
            ms = mentions.get(label, [])
            if not ms:
                continue
            distinct = set(ms)
            row = [s, label, str(len(distinct))]
            hits = {}
            for k in ("curated", "all"):
                have = folded[k] if fold else lists[k]
                hits[k] = (sum(1 for f in distinct if any((x, label) in have for x in f)),
                           sum(1 for f in ms if any((x, label) in have for x in f)))
            row += [f"{100 * hits[k][0] / len(distinct):.1f}%" for k in ("curated", "all")]
            row += [str(len(ms))] + [f"{100 * hits[k][1] / len(ms):.1f}%" for k in ("curated", "all")]
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
