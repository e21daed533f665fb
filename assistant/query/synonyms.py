"""People's words and acronyms for what the reports call otherwise: "EDT" is the emergency
duty team, "PA" a personal adviser, "lean on agency workers" a reliance on agency staff. The
vocabulary is data (``assistant/data/question_synonyms.json``); ``expand`` adds the reports'
wording to a question's search text.

    expand("who runs the EDT in coventry?")
    # "who runs the EDT in coventry? emergency duty team out-of-hours service"
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "question_synonyms.json"


@cache
def _pairs() -> dict[str, str]:
    return json.loads(DATA.read_text(encoding="utf-8"))["synonyms"]


@cache
def _table() -> tuple[tuple[re.Pattern, str], ...]:
    pairs = _pairs()
    return tuple(
        (re.compile(r"(?<![\w&-])" + re.escape(said).replace(r"\ ", r"[\s-]+") + r"s?(?![\w&-])", re.I), meant)
        for said, meant in pairs.items()
    )


def _initials(phrase: str) -> str:
    return "".join(w[0] for w in re.findall(r"[a-z]+", phrase.lower()))


@cache
def _acronyms() -> tuple[tuple[re.Pattern, str], ...]:
    """The acronyms the other way round: the reports use both "independent reviewing officer"
    and "IRO", so a question with the words is also searched with the acronym."""
    pairs = _pairs()
    return tuple(
        (re.compile(r"(?<![\w-])" + re.escape(meant).replace(r"\ ", r"[\s-]+") + r"s?(?![\w-])", re.I), said.upper())
        for said, meant in pairs.items()
        if said.isalpha() and len(said) <= 5 and len(meant.split()) > 1 and _initials(meant).startswith(said.lower())
    )


def expand(text: str) -> str:
    """text followed by the reports' wording of the words it uses that the reports word
    otherwise (each added once); text unchanged when it uses none."""
    added = [meant for rx, meant in _table() if rx.search(text) and meant.lower() not in text.lower()]
    added += [acronym for rx, acronym in _acronyms() if rx.search(text) and not re.search(rf"\b{acronym}", text, re.I)]
    return " ".join([text, *dict.fromkeys(added)])


SHORT_MEANING = 3  # words: a longer meaning is added to a search, not put in a question's place


@lru_cache(maxsize=4096)  # read once per question, not once per quoted sentence
def reworded(text: str) -> str:
    """text with the words the reports word otherwise replaced by the reports' wording, where
    that is short ("were kids put in b&b?" -> "were children put in bed and breakfast?")."""
    for (said, meant), (rx, _) in zip(_pairs().items(), _table()):
        if len(meant.split()) <= SHORT_MEANING and not meant.isupper():
            text = rx.sub(lambda m, said=said, meant=meant: _plural_kept(m.group(0), said, meant), text)
    return text


def _plural_kept(found: str, said: str, meant: str) -> str:
    """meant, plural when the question's word was: "PAs'" -> "personal advisers'"."""
    return meant + ("s" if found[-1:] in "sS" and said[-1:] != "s" else "")
