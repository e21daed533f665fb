"""Misspelt key words of questions put right before the question is read: "requires
improvment", "inadequte", "assesments", "interveiw" -> the word the slots and kinds look for;
text-speak too ("how r kids doing" -> "how are kids doing").

Only words that are not English (rarer than ``COMMON_ZIPF`` in wordfreq) and close to one of
``KEY_WORDS`` (rapidfuzz ratio >= ``MIN_RATIO``) are changed; everything else is left as typed,
so a place name or an unusual word is never "corrected" into something else. Given the words
the reports use (``known``), a lower-case word that is neither English nor theirs, one slip
(a deletion, transposition, substitution or insertion) away from a common English word
(``TYPO_OF_ZIPF``), becomes that word: "agancy" -> "agency", "missng" -> "missing".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

MIN_RATIO = 85
COMMON_ZIPF = 2.5
TYPO_OF_ZIPF = 4.0  # a word one slip away from an English word this common is a typo of it
KNOWN_TYPO_OF_ZIPF = 3.0  # ... or from a word of the reports this common
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# the words question understanding depends on: grades, areas of judgement, kinds of question
KEY_WORDS = tuple(
    """outstanding inadequate requires improvement improve improved judgement judged judgements inspection inspected
inspector inspections ofsted rating rated leavers looked adoption adopted fostering foster protection safeguarding
assessment assessments interview interviews exploitation placement placements leadership leaders management
effectiveness compared comparison previous latest recommendations weaknesses strengths""".split()
)
_WORD = re.compile(r"[A-Za-z]{5,}(?![A-Za-z])(?!['’]t\b)")  # not the "weren" of "weren't"
# units people clip, also glued to a number ("72hrs")
UNITS = {"yrs": "years", "hrs": "hours", "wks": "weeks", "mths": "months", "mins": "minutes"}
# text-speak people type in a chat box: "how r kids in care doing"
SHORTHAND = {
    "r": "are",
    "u": "you",
    "ur": "your",
    "wat": "what",
    "wot": "what",
    "abt": "about",
    "hw": "how",
    "bout": "about",
    "hows": "how is",
    "how's": "how is",
    "how’s": "how is",
    "whats": "what is",
    **UNITS,
    # contractions of "did": "how'd they do?"
    **{f"{w}{a}d": f"{w} did" for w in ("how", "what", "where", "why") for a in "'’"},
}
_SHORTHAND = re.compile(r"(?<![\w'’&.-])(" + "|".join(SHORTHAND) + r")(?![\w'’&.-])", re.I)
_GLUED_UNIT = re.compile(r"\b(\d+)(?=(?:" + "|".join(UNITS) + r")\b)", re.I)  # "72hrs": "72 hrs"


@lru_cache(maxsize=4096)
def _fix(word: str) -> str:
    from rapidfuzz import fuzz, process
    from wordfreq import zipf_frequency

    low = word.lower()
    if low in KEY_WORDS or zipf_frequency(low, "en") >= COMMON_ZIPF:
        return word
    hit = process.extractOne(low, KEY_WORDS, scorer=fuzz.ratio, score_cutoff=MIN_RATIO)
    return hit[0] if hit else word


@lru_cache(maxsize=4096)
def _one_slip(word: str) -> tuple[tuple[float, str], ...]:
    """The English words one slip away from a rare word, most common first, with their frequency."""
    from wordfreq import zipf_frequency

    w = word.lower().strip("'’")
    if len(w) < 4 or not w.isalpha() or zipf_frequency(w, "en") >= COMMON_ZIPF:
        return ()
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(w)
    scored = ((zipf_frequency(e, "en"), e) for e in edits)
    return tuple(sorted((z, e) for z, e in scored if z >= KNOWN_TYPO_OF_ZIPF)[::-1])


def common_word_for(word: str, known: Callable[[str], bool] | None = None) -> str:
    """The most common English word one slip away from a rare word ("socail" -> "social",
    "assesment" -> "assessment"), or "" when there is none; given the reports' words, a less
    common word of theirs too ("turnvoer" -> "turnover")."""
    for z, e in _one_slip(word):
        if z >= TYPO_OF_ZIPF or (known is not None and known(e)):
            return e
    return ""


def _fix_typo(word: str, known: Callable[[str], bool], target: Callable[[str], bool]) -> str:
    fixed = _fix(word)
    if fixed != word or not word[:1].islower() or not _one_slip(word) or known(word):
        return fixed  # known() (the reports' words, the authorities) only for a rare word with a near one
    return common_word_for(word, target) or word


def correct(text: str, known: Callable[[str], bool] | None = None, target: Callable[[str], bool] | None = None) -> str:
    """The text with misspelt key words and text-speak replaced (case is not kept for a
    replaced word); given the words the reports use (known: kept as typed), lower-case slips of
    common English words too, and of the words target accepts (known when not given: a town is
    kept as typed, "soton", but no slip is read as one, "borchester" is no "dorchester")."""
    text = _SHORTHAND.sub(lambda m: SHORTHAND[m.group(0).lower()], _GLUED_UNIT.sub(r"\1 ", text))
    if known is None:
        return _WORD.sub(lambda m: _fix(m.group(0)), text)
    return _WORD.sub(lambda m: _fix_typo(m.group(0), known, target or known), text)
