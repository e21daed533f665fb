"""Domain terms of children's social care that a cloze question may blank out.

Each term is written in its usual form; :func:`variants` adds the singular/plural and
hyphenation variants a trainee may type. Longer (more specific) terms win over shorter ones
they contain ("child protection conferences" over "child protection").
"""

from __future__ import annotations

import re

TERMS: tuple[str, ...] = tuple(
    sorted(
        {
            # people and roles
            "care leavers",
            "personal advisers",
            "independent reviewing officers",
            "foster carers",
            "social workers",
            "team managers",
            "practice supervisors",
            "principal social worker",
            "virtual school",
            "virtual school head",
            "independent visitors",
            "advocates",
            "corporate parents",
            "kinship carers",
            "special guardians",
            "designated officer",
            "family support workers",
            "youth workers",
            "lead practitioners",
            "unaccompanied asylum-seeking children",
            "disabled children",
            "young carers",
            "agency staff",
            # meetings, plans and processes
            "strategy meetings",
            "strategy discussions",
            "child protection conferences",
            "child protection plans",
            "child protection enquiries",
            "core group meetings",
            "pathway plans",
            "care plans",
            "personal education plans",
            "health assessments",
            "return home interviews",
            "family group conferences",
            "pre-proceedings",
            "public law outline",
            "care proceedings",
            "court proceedings",
            "permanence plans",
            "later life letters",
            "life-story work",
            "direct work",
            "chronologies",
            "assessments",
            "supervision",
            "management oversight",
            "case audits",
            "audits",
            "quality assurance",
            "performance management",
            "self-evaluation",
            "step-down",
            "thresholds",
            "referrals",
            "re-referrals",
            "caseloads",
            "workloads",
            "early help",
            "front door",
            "multi-agency safeguarding hub",
            "emergency duty team",
            "out-of-hours service",
            "private fostering",
            "special guardianship orders",
            "staying put",
            "staying close",
            "local offer",
            "care leaver offer",
            "supported accommodation",
            "unregistered children's homes",
            "children's homes",
            "placement stability",
            "sufficiency",
            "corporate parenting",
            "corporate parenting board",
            "children in care council",
            "participation",
            "advocacy",
            "contextual safeguarding",
            "child criminal exploitation",
            "child sexual exploitation",
            "exploitation",
            "county lines",
            "domestic abuse",
            "neglect",
            "children missing education",
            "elective home education",
            "missing from home",
            "homelessness",
            "mental health",
            "emotional well-being",
            "education, employment or training",
            "apprenticeships",
            "recruitment and retention",
            "training",
            "adoption",
            "fostering",
            "permanence",
            "reunification",
            "section 47 enquiries",
            "parallel planning",
            "respite",
            "short breaks",
            "transition planning",
            "preparation for adulthood",
            "independent living skills",
        },
        key=lambda t: (-len(t), t),
    )
)

_IRREGULAR = {"children": "child", "people": "person"}


def _plural_last(term: str) -> str:
    """The singular of a plural term ("care leavers" -> "care leaver"); other terms unchanged
    (most are mass nouns: "supervision", "early help")."""
    head, _, last = term.rpartition(" ")
    if last in _IRREGULAR:
        new = _IRREGULAR[last]
    elif last.endswith("ies") and len(last) > 4:
        new = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        new = last[:-1]
    else:
        new = last
    return f"{head} {new}".strip()


def variants(term: str) -> list[str]:
    """The term as given, its singular/plural, and its hyphenated/unhyphenated forms."""
    forms = [term, _plural_last(term)]
    for f in list(forms):
        if "-" in f:
            forms += [f.replace("-", " "), f.replace("-", "")]
        if "\u2019" in f or "'" in f:
            forms += [f.replace("\u2019", "'"), f.replace("'", "\u2019")]
    out: list[str] = []
    for f in forms:
        if f.lower() not in (o.lower() for o in out):
            out.append(f)
    return out


def _pattern(term: str) -> str:
    parts = []
    for ch in term:
        if ch in "'\u2019":
            parts.append("['\u2019]")
        elif ch == "-":
            parts.append("[-\u2011 ]?")
        elif ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _forms_pattern(term: str) -> str:
    forms = sorted({term, _plural_last(term)}, key=len, reverse=True)
    return "(?:" + "|".join(_pattern(f) for f in forms) + ")"


# one alternation; longest terms first so a specific term wins over a term it contains
TERM_RE = re.compile(r"(?<![\w-])(?:" + "|".join(_forms_pattern(t) for t in TERMS) + r")(?![\w-])", re.IGNORECASE)
_TERM_RES = {t: re.compile(r"(?<![\w-])" + _forms_pattern(t) + r"(?![\w-])", re.IGNORECASE) for t in TERMS}


def find_terms(sentence: str) -> list[tuple[str, int, int]]:
    """(canonical term, start, end) of each domain term in the sentence, longest matches,
    left to right, not overlapping."""
    out = []
    for m in TERM_RE.finditer(sentence):
        term = canonical(m.group(0))
        if term:
            out.append((term, m.start(), m.end()))
    return out


def canonical(text: str) -> str:
    """The listed term that ``text`` is a form of ("" when none)."""
    for t in TERMS:
        if _TERM_RES[t].fullmatch(text):
            return t
    return ""


def occurrences(sentence: str, term: str) -> int:
    """How many times the term (any of its forms) occurs in the sentence, also inside longer terms."""
    return len(_TERM_RES[term].findall(sentence))
