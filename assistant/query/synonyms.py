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
def _table() -> tuple[tuple[re.Pattern, str], ...]:
    pairs = json.loads(DATA.read_text(encoding="utf-8"))["synonyms"]
    return tuple(
        (re.compile(r"(?<![\w&-])" + re.escape(said).replace(r"\ ", r"[\s-]+") + r"s?(?![\w&-])", re.I), meant)
        for said, meant in pairs.items()
    )


def expand(text: str) -> str:
    """text followed by the reports' wording of the words it uses that the reports word
    otherwise (each added once); text unchanged when it uses none."""
    added = [meant for rx, meant in _table() if rx.search(text) and meant.lower() not in text.lower()]
    return " ".join([text, *dict.fromkeys(added)])
