"""Trainers' words for a topic: "kids in care" is "children in care", "MASH" is "the front
door". The vocabulary is data (``assistant/data/topic_synonyms.json``); this module reads it.

    words = topic_words("kids in care")
    words.name      # "children in care"
    words.phrases   # ("children in care", "looked-after children", ...): what to search for
    words.mentions("Looked after children benefit from ...")   # True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

DATA = Path(__file__).with_name("data") / "topic_synonyms.json"


@dataclass(frozen=True)
class TopicWords:
    asked: str  # the phrase as given
    name: str  # the group's name, or the phrase when no group knows it
    phrases: tuple[str, ...]  # the asked phrase first, then the group's words

    @property
    def known(self) -> bool:
        return len(self.phrases) > 1

    @property
    def query(self) -> str:
        """What to search for: the phrase, with the topic's name when it is another wording
        ("kids in care children in care")."""
        if not self.known or _norm(self.name) in _norm(self.asked):
            return self.asked
        return f"{self.asked} {self.name}"

    @cached_property
    def _pattern(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + "|".join(_phrase_pattern(p) for p in self.phrases) + r")(?![\w-])", re.I)

    def mentions(self, text: str) -> bool:
        """Whether the text uses one of the topic's words."""
        return bool(self._pattern.search(text))


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\u2018\u2019']", "'", text).replace("\u2011", "-").lower().split())


def _phrase_pattern(phrase: str) -> str:
    out = []
    for word in _norm(phrase).split(" "):
        w = re.escape(word).replace("'", "['\u2019]").replace(r"\-", r"[-\u2011 ]?")
        out.append(w)
    return r"\s+".join(out) + r"s?" if not phrase.isupper() else r"\s+".join(out)


@cache
def groups() -> tuple[tuple[str, ...], ...]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(tuple(g) for g in data["topics"])


def topic_words(phrase: str) -> TopicWords:
    """The topic group the phrase names (exactly, or by containing one of its words, or by
    being contained in one); the phrase alone when no group knows it."""
    asked = " ".join(phrase.split())
    p = _norm(asked)
    if not p:
        raise ValueError("give a topic, e.g. 'return home interviews', 'care leavers' or 'front door'")
    best: tuple[int, tuple[str, ...]] | None = None
    for group in groups():
        for word in group:
            w = _norm(word)
            if w == p:
                score = 3
            elif re.search(r"(?<![\w-])" + re.escape(w) + r"s?(?![\w-])", p):
                score = 2
            elif len(p) >= 4 and re.search(r"(?<![\w-])" + re.escape(p) + r"(?![\w-])", w):
                score = 1
            else:
                continue
            if best is None or score > best[0]:
                best = (score, group)
    if best is None:
        return TopicWords(asked, asked, (asked,))
    group = best[1]
    return TopicWords(asked, group[0], tuple(dict.fromkeys([asked, *group])))
