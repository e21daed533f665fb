"""What a question asks for, from its wording (no LLM): a judgement (and which area), the
lead inspector, dates, what needs to improve, an aggregate over reports, or a general
question answered from passages."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

_RULES = json.loads((Path(__file__).resolve().parent.parent / "data" / "intents_answer.json").read_text())
_RX = {k: re.compile(v, re.IGNORECASE) for k, v in _RULES.items() if isinstance(v, str) and not k.startswith("_")}
_AREAS = {k: re.compile(v, re.IGNORECASE) for k, v in _RULES["areas"].items()}
_GRADES = {k: re.compile(v, re.IGNORECASE) for k, v in _RULES["grades"].items()}


@dataclass(frozen=True)
class Intent:
    kind: str  # judgement | lead_inspector | inspection_dates | published_date | improve | aggregate | history | general
    area: str = ""  # for judgement: overall, care_leavers, ...
    grade: str = ""  # for aggregate: the grade asked about


def areas_in(text: str) -> list[str]:
    """Judgement areas named in text, most specific first (care leavers before in care)."""
    found = []
    for area, rx in _AREAS.items():
        if rx.search(text) and not (area == "children_in_care" and "care_leavers" in found and not re.search(r"children in care|looked", text, re.I)):
            found.append(area)
    if "help_and_protection" in found and re.search(r"child protection (plan|conference|enquir)", text, re.I):
        found.remove("help_and_protection")
    return found


def grade_in(text: str) -> str:
    return next((g for g, rx in _GRADES.items() if rx.search(text)), "")


def classify(question: str, authorities: int = 0) -> Intent:
    """authorities: how many authorities the question names (aggregates name none or ask history)."""
    q = question
    if _RX["lead_inspector"].search(q):
        return Intent("lead_inspector")
    if _RX["published_date"].search(q):
        return Intent("published_date")
    if _RX["inspection_dates"].search(q):
        return Intent("inspection_dates")
    if _RX["improve"].search(q) and not _RX["aggregate"].search(q) and not (_asks_grade(q) and authorities):
        return Intent("improve")
    if authorities == 1 and _RX["history"].search(q) and (_RX["judgement"].search(q) or grade_in(q)):
        return Intent("history")
    if authorities == 0 and _RX["aggregate"].search(q) and (grade_in(q) or _RX["judgement"].search(q)):
        areas = areas_in(q)
        return Intent("aggregate", area=areas[0] if areas else "", grade=grade_in(q))  # "": overall, else any area
    if authorities >= 1 and (_RX["judgement"].search(q) or _asks_grade(q)):
        areas = [a for a in areas_in(q) if a != "overall"]
        return Intent("judgement", area=areas[0] if areas else "overall")
    return Intent("general")


def _asks_grade(q: str) -> bool:
    """"Was X good, outstanding, requires improvement or inadequate?" """
    return sum(1 for rx in _GRADES.values() if rx.search(q)) >= 2 or bool(re.search(r"\b(was|is|were) .{0,60}\b(outstanding|inadequate)\b\??$", q, re.I))


FACT_KINDS = ("lead_inspector", "published_date", "inspection_dates", "improve")


def also_asked(question: str, primary: Intent) -> list[Intent]:
    """Other facts one question asks for besides the primary intent ("Who led the inspection
    and what was the overall grade?")."""
    extra = [Intent(k) for k in FACT_KINDS if k != primary.kind and _RX[k].search(question)]
    if primary.kind != "judgement" and (_RX["judgement"].search(question) or _asks_grade(question)):
        areas = [a for a in areas_in(question) if a != "overall"]
        extra.append(Intent("judgement", area=areas[0] if areas else "overall"))
    if primary.kind == "improve" or any(i.kind == "improve" for i in extra):
        extra = [i for i in extra if i.kind != "judgement" or _RX["judgement"].search(question)]
    return extra
