"""Terms of art (``assistant/data/matter_terms.json``): a term is one unit of meaning, whatever
its wording. The tracker reads 'what needs to improve' items with them (history/tracker.py); a
yes/no answer needs the term the question names, not one of its words (answering/yes_no.py).

- :func:`terms_named` -- the terms a text names ("remain with their foster carers after 18" names
  staying put);
- :func:`matter_terms` -- the terms a later report must name to speak of an item's matter
  (children in care and care leavers only when the item names no other term);
- :func:`term_words` -- a text's words with a token per term it names, so that "staying put" and
  "remain living with their foster families" share a word;
- :func:`unify` -- an item's weighted matter words with the stems of each term it names (other
  than the populations) merged into that term's token, which weighs what they weighed. A
  sentence then holds the term's weight by naming it in any wording, and never by one of its
  words alone ('independent' of independent reviewing officers is not an independent visitor).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .keyword import tokenize
from .topic_words import TopicWords

TERMS = Path(__file__).resolve().parent / "data" / "matter_terms.json"
TOKEN = "term:"  # a term's token: never a stem (stems have no colon)


@cache
def _terms() -> tuple[tuple[TopicWords, ...], frozenset[int]]:
    data = json.loads(TERMS.read_text(encoding="utf-8"))
    groups = tuple(TopicWords(g[0], g[0], tuple(g)) for g in data["groups"])
    populations = frozenset(i for i, g in enumerate(groups) if g.name in data["populations"])
    return groups, populations


def terms_named(text: str, among: frozenset[int] | None = None) -> frozenset[int]:
    """The terms (indices of matter_terms.json's groups) the text names, among those given (all
    by default)."""
    groups = _terms()[0]
    return frozenset(i for i in (range(len(groups)) if among is None else among) if groups[i].mentions(text))


def populations() -> frozenset[int]:
    """The terms that say whom an item is about (children in care, care leavers), not what."""
    return _terms()[1]


def matter_terms(matter: str) -> frozenset[int]:
    """The terms the later report must name to speak of the matter: those the matter names,
    less the populations (children in care, care leavers) unless it names nothing else."""
    populations = _terms()[1]
    named = terms_named(matter)
    return frozenset(named - populations) or named


def term_words(text: str, among: frozenset[int] | None = None) -> frozenset[str]:
    """The text's stems and a token for each term (other than the populations) it names."""
    populations = _terms()[1]
    return frozenset(tokenize(text)) | {f"{TOKEN}{i}" for i in terms_named(text, among) - populations}


def unify(text: str, weights: dict[str, float]) -> dict[str, float]:
    """The matter's weighted words with each named term's stems (as worded in the text) merged
    into the term's token, which weighs their sum."""
    groups, populations = _terms()
    out = dict(weights)
    for i in sorted(terms_named(text) - populations):
        stems = {s for m in groups[i]._pattern.finditer(text) for s in tokenize(m.group(0))} & out.keys()
        if stems:
            out[f"{TOKEN}{i}"] = sum(out.pop(s) for s in stems)
    return out
