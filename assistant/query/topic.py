"""The keyword topic of a question: what is left when authority, date and recency phrases
and filler words ("Ofsted", "children's services inspection") are taken out."""

from __future__ import annotations

import re

from ..vocabulary import SOURCE_LEAD

_FILLER_RE = re.compile(
    r"\b(?:inspections?\s+of\s+local\s+authority\s+children['’]?s\s+services|ilacs"
    r"|ofsted['’]?s?"
    # not what a question asks who runs: "who runs children's services in reading?"
    r"|(?<!runs\s)(?<!run\s)(?<!delivers\s)(?<!deliver\s)(?<!delivering\s)(?<!running\s)(?<!provides\s)(?<!manages\s)"
    r"children['’]?s?['’]?\s+(?:social\s+care\s+)?services?(?:['’]s?)?"
    r"|inspections?(?:\s+reports?)?|inspected)\b",
    re.I,
)
# what the asker says about asking, before the question: "As a councillor I want to know:",
# "quick question -", "can you tell me", "adoptive parent here -", "housing officer asking -"
_PREAMBLE_RE = re.compile(
    r"""^\s*(?:
      (?:(?:as\ an?\ [\w' -]{2,40}?|hi|hello|ok|so),?\s+)?
      (?:i\ (?:want|need|would\ like|'d\ like|wanted)\ to\ know|can\ you\ tell\ me|could\ you\ tell\ me
      | please\ tell\ me|quick\ question|i\ was\ wondering|i'?m\ wondering)\b\s*[:,–—-]?
    | (?:an?\ )?[a-z][\w'’]*(?:\ [\w'’]+){0,3}\ (?:here|asking)\s*[:,–—-]
    )\s*""",
    re.I | re.X,
)
_DANGLING_RE = re.compile(
    r"(?:\b(?:in|of|the|for|from|at|on|published|dated|by|during|its|their|and|with|to|when|while|whilst)\s*)+(?=[?.!,;:]|$)",
    re.I,
)


_SENT = "\x00"
_BEFORE_SENT_RE = re.compile(
    r"(?:\b(?:the|a|an|of|in|for|at|on|from|about|by|during|its|their|published|dated|to|with|into|back)\s+)+\x00", re.I
)
_AFTER_SENT_RE = re.compile(r"\x00(?:\s+(?:of|published|dated)\b)+", re.I)


def _remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span with a sentinel (merged where they overlap)."""
    out = []
    pos = 0
    for s, e in sorted(spans):
        if s < pos:
            s = pos
        if e <= s:
            continue
        out.append(text[pos:s])
        out.append(f" {_SENT} ")
        pos = e
    out.append(text[pos:])
    return "".join(out)


# where the asker says the answer should come from, closing the question: "…? going by the 2014
# report", "according to the latest inspection" (its date is already read)
_SOURCE = rf"(?:{SOURCE_LEAD})\s+(?:the\s+|their\s+|its\s+)?[\w'’\s\x00]{{0,30}}?\b(?:report|inspection|ofsted)\b"
_SOURCE_RE = re.compile(
    rf"[,;:–—-]?\s*\b{_SOURCE}(?:\s+(?:of|in|for)\s+[\w'’\s\x00]{{0,30}})?\W*$",
    re.I,
)
_SOURCE_FIRST_RE = re.compile(rf"(^|[-–—:;,]\s)\s*{_SOURCE}[\s\x00]*[,;:–—-]?\s*", re.I)


def _clean_topic(text: str) -> str:
    text = _SOURCE_RE.sub("?" if text.rstrip().endswith("?") else "", _SOURCE_FIRST_RE.sub(r"\1", text))
    text = _FILLER_RE.sub(f" {_SENT} ", _PREAMBLE_RE.sub("", text))
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"\x00(?:\s*\x00)+", _SENT, text)
        text = _BEFORE_SENT_RE.sub(_SENT, text)
        text = _AFTER_SENT_RE.sub(_SENT, text)
    text = text.replace(_SENT, " ")
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([?.!,;:])", r"\1", text)
    prev = None
    while prev != text:
        prev = text
        text = _DANGLING_RE.sub("", text)
        text = re.sub(r"\s+([?.!,;:])", r"\1", text)
        text = re.sub(r"([,;:])\s*(?=[?.!,;:]|$)", "", text)
    text = re.sub(r"^[\s,;:.]+", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text
