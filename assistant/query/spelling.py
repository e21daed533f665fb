"""Misspelt key words of questions put right before the question is read: "requires
improvment", "inadequte", "assesments", "interveiw" -> the word the slots and kinds look for;
text-speak too ("how r kids doing" -> "how are kids doing").

Only words that are not English (rarer than ``COMMON_ZIPF`` in wordfreq) and close to one of
``KEY_WORDS`` (rapidfuzz ratio >= ``MIN_RATIO``) are changed; everything else is left as typed,
so a place name or an unusual word is never "corrected" into something else.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_RATIO = 85
COMMON_ZIPF = 2.5
# the words question understanding depends on: grades, areas of judgement, kinds of question
KEY_WORDS = tuple(
    """outstanding inadequate requires improvement improve improved judgement judged judgements inspection inspected
inspector inspections ofsted rating rated leavers looked adoption adopted fostering foster protection safeguarding
assessment assessments interview interviews exploitation placement placements leadership leaders management
effectiveness compared comparison previous latest recommendations weaknesses strengths""".split()
)
_WORD = re.compile(r"[A-Za-z]{5,}")
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


def correct(text: str) -> str:
    """The text with misspelt key words and text-speak replaced (case is not kept for a
    replaced word)."""
    text = _SHORTHAND.sub(lambda m: SHORTHAND[m.group(0).lower()], _GLUED_UNIT.sub(r"\1 ", text))
    return _WORD.sub(lambda m: _fix(m.group(0)), text)
