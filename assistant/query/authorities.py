"""Local authorities named in free text: canonical names from the manifest plus aliases
(assistant/data/authority_aliases.json), nicknames, and misspellings (fuzzy, rapidfuzz).

Recognition works on normalised words (case-folded, ``&`` = ``and``, hyphens, commas and full
stops ignored, possessive ``'s``/``’s`` dropped, ``saint`` = ``st``, ``upon`` = ``on``), scanning left to right
and taking the longest known phrase at each position, so "North Somerset" never also yields "Somerset",
and "Kentish" never yields "Kent" (whole words only).  Decisions:

* "Kingston" alone -> kingston upon thames; "Hull" -> kingston upon hull.
* Names covering several authorities map to all of them: "Northamptonshire"/"Northants" -> north and
  west northamptonshire; "Cumbria", "Cheshire", "Sussex", "Bedfordshire" likewise.
* Phrases such as "New York" are blocked (no authority).
* A town or district that is no authority names the authority responsible for its children's
  services (the file's "towns"): "Huddersfield" -> kirklees, "Bury St Edmunds" -> suffolk (not
  bury), "Newcastle-under-Lyme" -> staffordshire, "Soton" -> southampton.
* Words that are also ordinary English ("reading", "bath", "bury", "barking") count only
  when capitalised and not the first word of a sentence, or possessive ("reading's"), or followed by
  council/borough/children('s)/local authority; a capitalised first word also counts when followed by
  was/is/has/rated/judged...; lower case also when followed by rated/judged, or when the question
  names no other authority and speaks of inspections ("bury ofsted rating").
* A word that is no English word and no known name ("Birmingam", "Hertfordshre") is matched to the
  closest authority name when it is close enough (see ``fuzzy``).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .places import names_outside_england

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ALIASES_PATH = DATA_DIR / "authority_aliases.json"


def load_known_authorities(manifest_path) -> list[str]:
    """The distinct ``local_authority`` values of a manifest CSV, in first-seen order."""
    seen: dict[str, None] = {}
    with open(manifest_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("local_authority") or "").strip()
            if name:
                seen.setdefault(name, None)
    return list(seen)


_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’`][A-Za-z]+)*|&")
_POSSESSIVE_RE = re.compile(r"['’`]s$", re.I)
_WORD_SYNONYMS = {"saint": "st", "upon": "on", "&": "and"}

# context words that make an ambiguous English word (reading, bath...) an authority
_STRONG_CONTEXT = {
    "council",
    "borough",
    "children",
    "childrens",
    "child",
    "csc",
    "local",
    "la",
    "city",
    "county",
    "metropolitan",
    "royal",
}
_START_CONTEXT = {
    "was",
    "is",
    "has",
    "had",
    "were",
    "received",
    "got",
    "rated",
    "judged",
    "get",
    "gets",
    "achieved",
    "performed",
    "improved",
    "needs",
    "need",
    "does",
    "did",
}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_LOWER_CONTEXT = {"rated", "judged", "get", "got", "receive", "received", "score", "scored", "achieve", "achieved"}
# a question that speaks of inspections: there "bury", "reading", "bath" are places
_FIELD_WORDS = re.compile(
    r"\b(ofsted|inspect\w*|rat(ed|ing|ings)|judge?(d|ments?)|grade[ds]?|children'?s services|outstanding|good|inadequate|requires? improvement|compared?|versus|vs)\b",
    re.I,
)

# lower-case ordinary words ("bury", "reading", "bath") read as the word, not the place, after
# these words or before these
_VERB_BEFORE = {
    "to",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "did",
    "didnt",
    "dont",
    "not",
    "and",
    "or",
    "the",
    "a",
    "an",
    "of",
    "their",
    "his",
    "her",
    "my",
    "your",
    "our",
    "its",
    "for",
    "about",
    "in",
    "while",
    "by",
    "at",
    "on",
    "lip",
    "speed",
    "guided",
    "shared",
    "bubble",
    "hot",
    "mud",
    "blood",
    "bird",
    "steam",
}
_NOUN_AFTER = {
    "the",
    "a",
    "an",
    "it",
    "them",
    "him",
    "her",
    "their",
    "his",
    "our",
    "my",
    "your",
    "this",
    "that",
    "skills",
    "age",
    "ages",
    "level",
    "levels",
    "and",
    "or",
    "list",
    "lists",
    "material",
    "materials",
    "books",
    "book",
    "comprehension",
    "time",
    "times",
    "water",
    "room",
    "rooms",
    "mat",
    "mats",
    "tub",
    "toys",
    "up",
    "down",
    "going",
    "progress",
    "ability",
    "abilities",
    "attainment",
    "support",
    "scores",
    "well",
    "difficulties",
}
FUZZY_MIN, FUZZY_MIN_SHORT = 85, 90  # rapidfuzz ratio for misspelt names (phrases of 7+ / 5-6 characters)
COMMON_ZIPF = 3.0  # wordfreq: words at least this frequent in English are never taken as misspelt names


def _unusual(word: str) -> bool:
    """No common English word (so possibly a misspelt place name)."""
    from wordfreq import zipf_frequency

    return len(word) >= 4 and word.isalpha() and zipf_frequency(word, "en") < COMMON_ZIPF


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    raw: str
    norm: str
    possessive: bool


def _tokenize(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        low = raw.lower()
        possessive = bool(_POSSESSIVE_RE.search(low))
        if possessive:
            low = low[:-2]
        low = re.sub(r"['’`]", "", low)
        low = _WORD_SYNONYMS.get(low, low)
        toks.append(_Tok(m.start(), m.end(), raw, low, possessive))
    return toks


def _norm_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in _tokenize(phrase))


def _load_alias_data(path: Path = ALIASES_PATH) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


class AuthorityMatcher:
    """Finds canonical local-authority names in free text (see module docstring for the rules)."""

    def __init__(self, known: Iterable[str], aliases_path: Path | str | None = None):
        self.known: tuple[str, ...] = tuple(dict.fromkeys(k.strip() for k in known if k and k.strip()))
        data = _load_alias_data(Path(aliases_path) if aliases_path else ALIASES_PATH)
        known_set = set(self.known)
        by_lower = {k.lower(): k for k in self.known}
        table: dict[tuple[str, ...], tuple[str, ...]] = {}
        # aliases and towns first, canonical names last so that a canonical name always maps to itself
        for alias, target in (data.get("aliases", {}) | data.get("towns", {})).items():
            targets = [target] if isinstance(target, str) else list(target)
            resolved = tuple(by_lower.get(t.lower(), t) for t in targets)
            resolved = tuple(t for t in resolved if t in known_set)
            if targets and not resolved:
                continue  # alias for an authority this matcher does not know
            key = _norm_phrase(alias)
            if key:
                table[key] = resolved
        for name in self.known:
            key = _norm_phrase(name)
            if key:
                table[key] = (name,)
        self._table = table
        self._keys_by_len: dict[int, dict[tuple[str, ...], str]] = {}
        self._towns = towns = {_norm_phrase(t) for t in data.get("towns", {})} - {_norm_phrase(k) for k in self.known}
        for key, names in table.items():
            if names and key not in towns:  # misspellings are matched to authorities' names, not towns'
                self._keys_by_len.setdefault(len(key), {})[key] = " ".join(key)
        self._max_len = max((len(k) for k in table), default=1)
        # the words of places outside England are no slips of an authority's name ("north
        # lanarkshire" is no "lancashire")
        own = {w for key in table for w in key}
        self._elsewhere = {w for name in names_outside_england() for w in _norm_phrase(name)} - own
        self._sensitive = {w.lower() for w in data.get("case_sensitive", [])}
        self._prefixes = sorted((_norm_phrase(p) for p in data.get("prefixes", [])), key=len, reverse=True)
        self._suffixes = sorted((_norm_phrase(s) for s in data.get("suffixes", [])), key=len, reverse=True)

    # -- public
    def is_town(self, text: str) -> bool:
        """Whether text is a town's name (the file's "towns"), not an authority's or an alias."""
        return _norm_phrase(text) in self._towns

    def find(self, text: str, in_field: bool = False) -> tuple[str, ...]:
        """Canonical names mentioned in ``text``, in order of appearance, without duplicates.
        in_field: the text is known to be about inspections (a follow-up in a conversation),
        so lower-case ordinary words such as "bury" count as places."""
        out: dict[str, None] = {}
        for _s, _e, names in self.spans(text, in_field):
            for n in names:
                out.setdefault(n, None)
        return tuple(out)

    def spans(self, text: str, in_field: bool = False) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, canonical names) for each authority mention, character offsets into ``text``."""
        toks = _tokenize(text)
        norms = [t.norm for t in toks]
        n = len(toks)
        out = []
        i = 0
        while i < n:
            hit = self._match_at(norms, i)
            if hit is None:
                i += 1
                continue
            start_i, name_i, end_i, names = hit
            if (
                end_i - name_i == 1
                and norms[name_i] in self._sensitive
                and start_i == name_i
                and not (in_field or self._sensitive_ok(text, toks, name_i))
            ):
                i += 1
                continue
            # absorb a suffix such as "City Council" (not past a possessive)
            if not toks[end_i - 1].possessive:
                for suf in self._suffixes:
                    if tuple(norms[end_i : end_i + len(suf)]) == suf:
                        end_i += len(suf)
                        break
            if names:
                out.append((toks[start_i].start, toks[end_i - 1].end, names))
            i = end_i
        if not out:
            out = self._fuzzy_spans(toks)
        return out

    def _fuzzy_spans(self, toks: list[_Tok]) -> list[tuple[int, int, tuple[str, ...]]]:
        """Misspelt names ("Birmingam", "Hertfordshre"): a run of 1-3 words, at least one of
        them no English word, close to a known name (rapidfuzz ratio >= FUZZY_MIN, higher for
        short words) and beginning with the same letter. Used only when no name matched exactly."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        out = []
        i = 0
        while i < len(toks):
            best = None
            for length in (3, 2, 1):
                window = toks[i : i + length]
                if len(window) < length or not any(self._unusual(t.norm) for t in window):
                    continue
                phrase = " ".join(t.norm for t in window)
                if len(phrase) < 5:
                    continue
                cutoff = FUZZY_MIN if len(phrase) >= 7 else FUZZY_MIN_SHORT
                hit = process.extractOne(
                    phrase, self._keys_by_len.get(length, {}), scorer=fuzz.ratio, score_cutoff=cutoff
                )
                if hit and hit[0][:1] != phrase[:1]:
                    continue  # the first letter kept: "wessex" is no slip of "essex"
                if hit and (best is None or hit[1] > best[1]):
                    best = (length, hit[1], hit[2])
            if best is None and self._unusual(toks[i].norm) and len(toks[i].norm) >= 5:
                # one slip of a key inside a name ("swindom"), or a possessive without its
                # apostrophe ("hulls"): the first letter kept, one name only
                word = toks[i].norm
                near = {
                    k
                    for k in self._keys_by_len.get(1, {})
                    if k[0][0] == word[0] and (OSA.distance(word, k[0]) <= 1 if len(word) >= 6 else word == k[0] + "s")
                }
                if len(near) == 1:
                    best = (1, 100, near.pop())
            if best is None and self._unusual(toks[i].norm) and len(toks[i].norm) >= 4:
                # a clipped name ("sheff", "northants"-style short forms): the start of one name only
                starts = {k for k in self._keys_by_len.get(1, {}) if k[0].startswith(toks[i].norm)}
                if len(starts) == 1:
                    best = (1, 100, starts.pop())
            if best:
                length, _score, key = best
                out.append((toks[i].start, toks[i + length - 1].end, self._table[key]))
                i += length
            else:
                i += 1
        return out

    # -- internals
    def _unusual(self, word: str) -> bool:
        """No common English word and no word of a place outside England: maybe a slip of a name."""
        return _unusual(word) and word not in self._elsewhere

    def _lookup(self, norms: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
        for length in range(min(self._max_len, len(norms) - i), 0, -1):
            key = tuple(norms[i : i + length])
            if key in self._table:
                return i + length, self._table[key]
        return None

    def _match_at(self, norms: list[str], i: int):
        hit = self._lookup(norms, i)
        if hit is not None:
            return i, i, hit[0], hit[1]
        for pre in self._prefixes:
            if tuple(norms[i : i + len(pre)]) == pre:
                hit = self._lookup(norms, i + len(pre))
                if hit is not None:
                    return i, i + len(pre), hit[0], hit[1]
        return None

    @staticmethod
    def _sentence_start(text: str, tok: _Tok) -> bool:
        before = text[: tok.start].rstrip().rstrip("\"'“‘([")
        return not before or before[-1] in ".?!:;\n"

    def _sensitive_ok(self, text: str, toks: list[_Tok], j: int) -> bool:
        tok = toks[j]
        if tok.possessive:
            return True
        nxt = toks[j + 1].norm if j + 1 < len(toks) else ""
        if nxt in _STRONG_CONTEXT:
            return True
        if tok.raw[:1].isupper():
            if not self._sentence_start(text, tok):
                return True
            return nxt in _START_CONTEXT or j + 1 >= len(toks)
        if nxt in _LOWER_CONTEXT:
            return True
        # a place unless it reads as the verb or noun ("to bury", "reading skills"); in a
        # question about inspections or a comparison that is enough, otherwise the question
        # must name no other authority ("what were bury told to sort out")
        prev = toks[j - 1].norm if j > 0 else ""
        after = [t.norm for t in toks[j + 1 : j + 3]]
        if after[:1] and _YEAR.match(after[0]) or after[:1] == ["in"] and after[1:] and _YEAR.match(after[1]):
            return True  # a place in a year: "the front door service in reading in 2024", "bath 2019"
        if nxt in _NOUN_AFTER:
            return False
        if _FIELD_WORDS.search(text):
            return True
        return prev not in _VERB_BEFORE and not any(t.norm != tok.norm and self._lookup([t.norm], 0) for t in toks)
