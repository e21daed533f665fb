"""Which inspection of an authority a question means: latest (also "now", "still",
"currently"), previous ("the one before"), first, or next ("the following inspection")."""

from __future__ import annotations

import re

_DOC_LEAD = (
    r"(?:(?:ofsted|ilacs|full|standard|children'?s|childrens|social|care|services?|ever|graded|ofsted's)\s+){0,4}"
)
_DOC_NOUN = r"(?:inspections?|reports?|judge?ments?|ratings?|grades?|visits?|one|time)\b"
_DOC = _DOC_LEAD + _DOC_NOUN
_RECENCY_PATTERNS = (  # tried in this order; each match is masked before the next kind looks
    (
        "previous",
        re.compile(
            r"""
        \b(?:previous(?:ly)? | prior\b(?!\s+to\b) | preceding | penultimate | last[-\s]but[-\s]one
        | second[-\s](?:most[-\s]recent|latest|last|newest)
        | (?:before|prior\s+to|preceding)\s+(?:the\s+|its\s+|their\s+)?(?:latest|last|most\s+recent|current|newest)
          (?:\s+(?:one|inspection|report))?
        | (?:the\s+)?(?:one|inspection|report|time)\s+before(?!\s+(?:they|he|she|we|you|their|his|her|children|young
            |turning|leaving|reaching|the\s+age|age|\d))
          (?:\s+(?:that|it|this|then|(?:the\s+)?(?:latest|last|most\s+recent|current|newest)(?:\s+(?:one|inspection|report))?))?
        | before\s+(?:that|then)
        | earlier(?=\s+"""
            + _DOC
            + r"""))\b""",
            re.I | re.X,
        ),
    ),
    (
        "next",
        re.compile(
            r"""
        \b(?:next|following|subsequent|later)(?=\s+"""
            + _DOC
            + r""")
        | \b(?:the\s+)?(?:one|inspection|report|time)\s+after(?:\s+(?:that|it|this|then))?\b
        | \bafter\s+that\b""",
            re.I | re.X,
        ),
    ),
    (
        "first",
        re.compile(
            r"""
        \b(?:(?:very\s+)?first|earliest|oldest|initial|original)(?=\s+"""
            + _DOC
            + r""")
        | \bfirst\s+(?:ever\s+)?inspected\b
        | \b(?:earliest|oldest)\b(?!\s+(?:child|children|young|people|person|care|age|\w+\s+(?:child|children|young)))
        """,
            re.I | re.X,
        ),
    ),
    (
        "latest",
        re.compile(
            r"""
        \b(?:latest | newest | most\s+recent(?:ly)? | current(?:ly)? | most\s+up[-\s]to[-\s]date
        | up[-\s]to[-\s]date(?=\s+(?:ofsted\s+)?(?:rating|report|inspection|judgement|grade|result|info|information|picture|position|view))
        | now | still
        | these\s+days | nowadays | today | at\s+the\s+moment | at\s+present | presently
        | recent(?=\s+"""
            + _DOC
            + r""") | recently
        | last\s+(?:inspected|rated|judged|visited)
        | last(?=\s+"""
            + _DOC
            + r"""))\b""",
            re.I | re.X,
        ),
    ),
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
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    # "still" gives way to a step: "is it still good at the next inspection?" asks about the next
    still = {i for i, (s, e) in enumerate(spans) if re.fullmatch(r"still", text[s:e], re.I)}
    stepped = [k for i, k in enumerate(kinds) if i not in still]
    distinct = set(stepped if still and stepped else kinds)
    return (next(iter(distinct)) if len(distinct) == 1 else ""), spans
