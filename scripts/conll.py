"""Reading the CoNLL files of ../shared/data/ner, one way for every script.

A file is `TOKEN<TAB>TAG` lines (the tag is the last TAB field) with a blank line between
sentences. A non-blank line without a TAB stops the script with an error naming the file and
line, so that no script silently drops or misreads part of a corpus.
"""
import sys


def read_conll(path):
    """Sentences as lists of (token, tag), in file order."""
    sentences, tokens = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if tokens:
                    sentences.append(tokens)
                    tokens = []
                continue
            if "\t" not in line:
                sys.exit(f"{path}:{number}: no TAB between token and tag")
            token, tag = line.rsplit("\t", 1)
            tokens.append((token, tag))
    if tokens:
        sentences.append(tokens)
    return sentences
