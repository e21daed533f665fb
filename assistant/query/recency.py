"""Which inspection of an authority a question means: latest (also "now", "still",
"currently"), previous ("the one before"), first, or next ("the following inspection")."""
from __future__ import annotations

import re


_DOC_LEAD = r"(?:(?:ofsted|ilacs|full|standard|children'?s|childrens|social|care|services?|ever|graded|ofsted's)\s+){0,4}"
_DOC_NOUN = r"(?:inspections?|reports?|judge?ments?|ratings?|grades?|visits?|one|time)\b"
_DOC = _DOC_LEAD + _DOC_NOUN
_RECENCY_PATTERNS = (
    ("previous", re.compile(
        r"\b(?:previous(?:ly)?|prior(?!\s+to\b)|preceding|penultimate|last[-\s]but[-\s]one"
        r"|second[-\s](?:most[-\s]recent|latest|last|newest)"
        r"|(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:latest|last|most\s+recent|current|newest)(?:\s+(?:one|inspection|report))?"
        r"|before\s+that|earlier(?=\s+" + _DOC + r"))", re.I)),
    ("first", re.compile(
        r"\b(?:(?:very\s+)?first|earliest|oldest|initial|original)(?=\s+" + _DOC + r")"
        r"|\bfirst\s+(?:ever\s+)?inspected\b|\b(?:earliest|oldest)\b(?!\s+(?:child|children|young|people|person|care|age|\w+\s+(?:child|children|young)))",
        re.I)),
    ("latest", re.compile(
        r"\b(?:latest|newest|most\s+recent(?:ly)?|current(?:ly)?|up[-\s]to[-\s]date|now"
        r"|recent(?=\s+" + _DOC + r")|recently"
        r"|last\s+(?:inspected|rated|judged|visited)"
        r"|last(?=\s+" + _DOC + r"))",
        re.I)),
)


def _find_recency(text: str) -> tuple[str, list[tuple[int, int]]]:
    masked = text
    kinds: list[str] = []
    spans: list[tuple[int, int]] = []
    for kind, rx in _RECENCY_PATTERNS:
        for m in list(rx.finditer(masked)):
            if m.end() <= m.start():
                continue
            kinds.append(kind)
            spans.append((m.start(), m.end()))
            masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    distinct = set(kinds)
    return (kinds[0] if len(distinct) == 1 else ""), spans


