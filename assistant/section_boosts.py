"""Section-aware boosts for retrieval: when a question matches ``query``, passages whose section
heading matches ``heading``, whose text matches ``text``, or that stand on ``page``, rank higher.

Patterns are verbose regexes (``(?x)``: spaces and comments are not part of them), matched
case-insensitively.
"""

from __future__ import annotations

SECTION_BOOSTS: list[dict] = [
    {
        "name": "improve",
        "query": r"""(?x) \b(
              improve | improvements? | improving
            | recommendations? | priority\ actions?
            | areas?\ for\ (improvement|development)
            | needs?\ to\ (do|change|get\ better)
            | weakness(es)?
        )\b""",
        # the report's list of what to improve, by era: "What needs to improve", "Recommendations",
        # "Priority and immediate actions", "Areas for improvement"
        "heading": r"""(?x) improve | recommendation | priority\ and\ immediate | areas\ for\ (improvement|development)""",
    },
    {
        "name": "judgement",
        "query": r"""(?x) \b(
              judged? | judgements? | grades? | graded | rated | ratings?
            | overall\ effectiveness
            | lead\ inspector | who\ led | led\ the\ inspection     # the cover page names the lead inspector
            | inspection\ dates? | when\ was\ .*\ inspected         # ... and the inspection dates
        )\b""",
        "page": 1,  # judgements stand on the cover page
    },
    {
        "name": "area_statistics",
        # "how many children were on cp plans?": the report's own figures for the area
        "query": r"""(?x) \b(how\ many | number\ of | numbers? | how\ much) \b .{0,60}
            \b(children | kids | child\ protection | cp | looked\ after | lac | in\ care | in\ need | plans?) \b
            | \b(children | kids | child\ protection | cp | looked\ after | lac) \b .{0,40} \bnumbers?\b""",
        # SIF reports: "Child protection in this area", "Children looked after in this area",
        # "Children living in this area"; ILACS: "Information about this local authority area"
        "heading": r"""(?x) (child\ protection | children\ looked\ after | children\ living) \ in\ this\ area
            | information\ about\ this\ local\ authority""",
    },
    {
        "name": "lead_inspector",
        "query": r"""(?x) \b(
              lead\ inspector | who\ led | hmi
            | led\ (the|this|that)\ (ofsted\ )?inspection
            | which\ inspector
        )\b""",
        "text": r"\blead inspector\b",
    },
]
