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
from functools import cache
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
