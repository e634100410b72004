#!/usr/bin/env python3
"""Dev-split accuracy of tandai, and the guard CI runs against a committed baseline.

Runs the release `evaluate` example on every dev split in ../shared/data/ner (nerp with
--ignore-case and PER,LOC only, since it is lower case and has no ORG) and prints a Markdown
table of exact-span P/R/F1 per set and label.

usage:
  python3 scripts/accuracy.py                  # print the table
  python3 scripts/accuracy.py --check          # exit 1 if any set's micro F1 is more than
                                               # 0.01 below tests/data/accuracy_baseline.json
  python3 scripts/accuracy.py --write-baseline # store the current micro F1 per set
  [--shared DIR] [--binary PATH] [--extra ARG ...]  (--extra is passed to evaluate, e.g. --model)
  python3 scripts/accuracy.py --own-style      # the learned layer with each set's own style
                                               # (evaluate --style SET; nerp, which has none:
                                               # --model)

Build first: cargo build --release --example evaluate
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BASELINE = os.path.join(REPO, "tests", "data", "accuracy_baseline.json")
# (set, extra evaluate arguments)
SETS = [
    ("idner-news-2k", []),
    ("nerui", []),
    ("nerugm", []),
    ("nergrit", []),
    ("nerp", ["--ignore-case", "--labels", "PER,LOC"]),
]
TOLERANCE = 0.01


def evaluate(binary, shared, name, args, extra):
    path = os.path.join(shared, "data", "ner", name, "dev.conll")
    out = subprocess.run([binary, path, "--json", *args, *extra], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"evaluate failed on {name}: {out.stderr.strip()}")
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "examples", "evaluate"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--write-baseline", action="store_true")
    ap.add_argument("--extra", nargs="*", default=[])
    ap.add_argument("--own-style", action="store_true")
    args = ap.parse_args()
    if args.own_style and (args.check or args.write_baseline):
        sys.exit("--own-style only prints: the baseline is for the lists and rules")

    def extra_for(name):
        if not args.own_style:
            return args.extra
        return [*args.extra, "--model"] if name == "nerp" else [*args.extra, "--style", name]

    if not os.path.isdir(os.path.join(args.shared, "data", "ner")):
        print(f"SKIPPED: {args.shared}/data/ner is absent")
        return 0
    results = {name: evaluate(args.binary, args.shared, name, extra, extra_for(name)) for name, extra in SETS}

    print("| dev set | PER P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | micro P/R/F1 |")
    print("|---|---|---|---|---|")
    for name, _ in SETS:
        r = results[name]
        cell = lambda s: f"{s['p']:.3f} / {s['r']:.3f} / **{s['f1']:.3f}**" if s else "–"
        labels = r["labels"]
        row = [cell(labels.get(l)) for l in ("PER", "LOC", "ORG")] + [cell(r["micro"])]
        print(f"| {name} | " + " | ".join(row) + " |")

    micro = {name: round(results[name]["micro"]["f1"], 4) for name, _ in SETS}
    if args.write_baseline:
        with open(BASELINE, "w", encoding="utf-8") as f:
            json.dump(micro, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"wrote {os.path.relpath(BASELINE, REPO)}")
    if args.check:
        with open(BASELINE, encoding="utf-8") as f:
            baseline = json.load(f)
        drops = [
            f"{name}: micro F1 {micro[name]:.4f} < baseline {baseline[name]:.4f} - {TOLERANCE}"
            for name in baseline
            if micro.get(name, 0.0) < baseline[name] - TOLERANCE
        ]
        for d in drops:
            print("accuracy drop:", d)
        if drops:
            return 1
        print("accuracy: no dev set dropped more than", TOLERANCE, "below the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
