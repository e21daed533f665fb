"""The English region a national question is limited to: "which London boroughs were rated
outstanding?", "how many councils in the north east are inadequate?". The regions, their
authorities and the words people use for them are data (``data/regions.json``).

    region_in("which london boroughs were rated outstanding in 2019?")
    # Region(name="London", authorities=("barking and dagenham", ...))
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "regions.json"


@dataclass(frozen=True)
class Region:
    name: str
    authorities: tuple[str, ...]  # canonical names, as in the manifest


@lru_cache(maxsize=1)
def _regions() -> tuple[tuple[re.Pattern, Region], ...]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))["regions"]
    return tuple(
        (re.compile(r"\b(?:" + "|".join(r["words"]) + r")\b", re.I), Region(name, tuple(r["authorities"])))
        for name, r in raw.items()
    )


def region_in(text: str) -> Region | None:
    """The first region the text names, or None."""
    for rx, region in _regions():
        if rx.search(text):
            return region
    return None
