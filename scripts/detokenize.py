#!/usr/bin/env python3
"""Puts tokenized text back together as people write it, for checking tandai on such text.

The dev splits and the news corpus in ../shared are tokenized: spaces stand around punctuation
(`Go - Jek`, `( KPK )`, `Jakarta , Senin`). Users' text has none, and names with a hyphen or
in brackets are matched differently there. This joins, line by line: a space before `, . : ; ! ?
) ]` and after `( [` goes, a spaced hyphen between two letters or digits is glued (`Go-Jek`;
also a dash used between words, which real text would leave spaced: a few false joins), and an
apostrophe's `s`/`t` joins its word (`Children's`).

usage: python3 scripts/detokenize.py < ../shared/data/corpus/indosum_dev_news.txt > /tmp/detok.txt
"""
import re
import sys


def detokenize(line):
    line = re.sub(r" ([,.:;!?)\]])", r"\1", line)
    line = re.sub(r"([(\[]) ", r"\1", line)
    line = re.sub(r"(\w) - (\w)", r"\1-\2", line)
    return re.sub(r"(\w) ' (s|t)\b", r"\1'\2", line)


if __name__ == "__main__":
    for line in sys.stdin:
        sys.stdout.write(detokenize(line.rstrip("\n")) + "\n")
