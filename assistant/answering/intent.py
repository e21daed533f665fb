"""What kind of question is asked, decided from its slots and wording (no LLM).

Slots (what the question names): judgement areas in everyday words (``areas_in``), a grade
(``grade_in``), the yes/no form (``is_yes_no``), the comparison form. Kinds:

* judgement           how an authority was judged (overall or one area); also yes/no forms
* lead_inspector, inspection_dates, published_date, improve   facts of one report
* change              how an authority's judgements moved between inspections ("did Leeds
                      improve between 2015 and 2018?", "has Bury got better since 2016?")
* comparison          two or more authorities side by side
* aggregate           which / how many authorities were judged a grade (in a period)
* transition          which authorities went from one grade to another, improved or got worse
* general             anything else: answered by quoting the reports

Rules decide first; when they find no kind, a nearest-neighbour vote over example phrasings
(``data/question_kinds.json``, embedded with the model already loaded) may pick a fact kind,
but only with a clear margin (``KNN_MIN_SIMILARITY``, ``KNN_MIN_SHARE``), so a doubtful
question stays general and gets a cited quoted answer rather than a wrong fact.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..vocabulary import SOURCE_LEAD

_BANK_PATH = Path(__file__).resolve().parent.parent / "data" / "question_kinds.json"
KNN_K = 5
KNN_MIN_SIMILARITY = 0.62  # cosine of the question and its nearest example
KNN_MIN_SHARE = 0.8  # share of the k nearest examples that agree

X = re.I | re.X

# --------------------------------------------------------------------------- slots

AREAS = {  # most specific first; everyday names included
    "care_leavers": re.compile(
        r"""\b(care[- ]?leavers? | leaving[- ]care | young\ people\ leaving\ care
        | care[- ]experienced | after[- ]care | leavers)\b""",
        X,
    ),
    "children_in_care": re.compile(
        r"""\b(children\ in\ care | kids\ in\ care | young\ people\ in\ care
        | looked[- ]after | children\ looked\ after | lac | cla | cic | permanence | in\ care
        | children\ (?:we|they)\ look\ after | fostered\ children | corporate\ parent\w*)\b""",
        X,
    ),
    "help_and_protection": re.compile(
        r"""\b(help\ and\ protection | help(?:ing)?\ and\ protect(?:ing|ion)?(?:\ (?:children|kids))? | need(?:ing|s)?\ (?:of\ )?help
        | child\ protection | protection\ of\ children | protect(?:ing|ion|s)? | front\ door | mash
        | multi[- ]agency\ safeguarding\ hub | early\ help | children\ in\ need | children\ at\ risk
        | safeguarding\ children)\b""",
        X,
    ),
    "leaders": re.compile(
        r"""\b(leaders? | leadership | management | managers | governance
        | impact\ of\ leaders | (?:how\ well\ )?(?:led|run|managed))\b""",
        X,
    ),
    "adoption": re.compile(r"\b(adoption|adopt(?:ed|ing)?)\b", X),
    "lscb": re.compile(r"\b(lscb|safeguarding\ children\ board|safeguarding\ board)\b", X),
    "overall": re.compile(r"\b(overall|in\ general|as\ a\ whole|overall\ effectiveness)\b", X),
}

# A grade word followed by a noun is an adjective, not a grade: "good oversight", "inadequate
# housing", "excellent support"; these words may follow a grade.
_AFTER_GRADE = r"""(?!\s+(?!(?:for|in|at|on|or|and|but|nor|now|still|then|overall|again|yet|as|by|according|to|with
    |across|since|before|after|last|this|that|these|those|nowadays|today|lately|currently|the|a|an|any|anymore|either|too|both|from|when|under|it|its|their|they
    |council|councils|authority|authorities|children|childrens|services?|one|ratings?|grades?|judgements?|judgments?
    |results?|score|ofsted|reports?|inspections?|verdict|is|was|were|are|rated|judged|graded|ever|there|here
    |back|again|every|each|like|level|status|label|straight|directly|immediately|later|next)\b)[a-z])"""
GRADES = {  # the order is the grade scale, best first
    "outstanding": re.compile(r"\b(outstanding|excellent)\b" + _AFTER_GRADE, X),
    "good": re.compile(
        # "good for" an area is a grade ("rated good for help and protection?"), not "good for children"
        r"(?<!to\ be\ )(?<!for\ )\bgood\b(?!\ (?:at|is|are|news|practice|quality|progress))"
        r"(?!\ for\ (?!(?:the\ )?(?:help|protection|child\ protection|children\ (?:in\ care|looked\ after|who\ need)"
        r"|care\ leavers|leaving\ care|leaders(?:hip)?|kids\ in\ care|looked\ after|adoption|permanence|overall)\b))"
        + _AFTER_GRADE,
        X,
    ),
    "requires improvement": re.compile(r"\b(requires?\ improvement|ri|needs?\ improvement)\b", X),
    "inadequate": re.compile(r"\b(inadequate|failing|failed|poor)\b" + _AFTER_GRADE, X),
}
GRADE_ORDER = tuple(GRADES)  # outstanding > good > requires improvement > inadequate
# "any good?", "up to scratch?", "decent?": asks whether the grade is good or better, not "good"
# (not the "ok" that opens a question: "ok and how many of their care leavers…?")
GOOD_OR_BETTER = "good or better"
GOOD_ENOUGH = re.compile(
    r"""\b(any\ good|decent|up\ to\ (?:scratch|standard|par|the\ mark)|(?<!^)(?<!^\s)(?:ok|okay|alright|all\ right)|good\ enough
    | doing\ (?:ok|okay|well|alright|fine) | in\ good\ shape | fit\ for\ purpose | acceptable
    | (?:rated|judged|graded|done|do|did|doing|score[sd]?)\ well)\b""",
    X,
)
# an area asked about in everyday words of how well it serves children: "are kids in care well
# looked after?" asks the area's judgement (not "are care leavers well supported into jobs?")
WELL_SERVED = re.compile(r"\bwell\ (?:looked\ after|cared\ for|supported|served|protected|safeguarded)\b", X)

# a grade below another: "was anything rated below good?" (grade "below good")
BELOW = re.compile(
    r"""\b(?:below|lower\ than|worse\ than|less\ than|short\ of|under
    | (?:was|were|is|are)n['’]?t | (?:was|were|is|are)\ not | not)\ (?:rated\ |judged\ |graded\ )?(?:a\ )?(outstanding|good|requires\ improvement)\b""",
    X,
)
# what a question grants rather than asks: "… even though overall wasn't good"
_GRANTED = re.compile(r"\b(?:even\ (?:though|if|with)|although|though|despite|given\ that)\b.*$", X)
# a question about every one of a report's judgements: "outstanding across the board?", "good in
# every single area?"
EVERY_AREA = re.compile(
    r"""\b(?:across\ the\ board | (?:in\ )?(?:every|each|all)\ (?:single\ )?(?:area|judgement|judgment|part|grade)s?
    | all\ (?:the\ )?(?:areas|judgements|judgments|grades|parts) | all\ round | everything)\b""",
    X,
)
# a question about any of a report's judgements, not the overall one alone
ANY_AREA = re.compile(
    r"""\b(?:anything|something|any\ (?:areas?|parts?|bits?|judgements?|judgments?|grades?|sections?)
    | any\ of\ (?:them|it|the\ (?:areas|judgements|judgments|grades|parts))
    | (?:which|what)\ (?:areas?|parts?|bits?|judgements?|judgments?))\b"""
    + "|"
    + EVERY_AREA.pattern,
    X,
)

# "did they pass?": not inadequate (people say a council "failed" its inspection when inadequate)
PASSED = re.compile(
    r"""\b(?:did|does|do|has|have|had)\b(?:\s+[\w'’-]+){0,6}?\s+pass(?:ed)?\b
    (?=\s+(?:its|their|the|this|that|his|her)?\s*(?:last\ |latest\ |recent\ |most\ recent\ |\d{4}\ )?
    (?:ofsted|inspection|children|test|exam)|\s*[?.!]*\s*$|\s+(?:in|at|back)\b)""",
    X,
)
ABOVE_INADEQUATE = "above inadequate"

# Direction words of change and comparison questions (the kinds and their yes/no answers).
WORSE = re.compile(
    r"""\b(worse|worst|lower|weaker|behind|declin\w*|deteriorat\w*|down\w*|slip\w*|drop\w*|fell|fall\w*
    | backwards?|lost|lose|losing|go(?:ne)?\ back)\b""",
    X,
)
BETTER = re.compile(
    r"\b(better|best|higher|stronger|ahead|outperform\w*|beat|improv\w*|upgraded|(?:go|goes|going|gone|went|move[sd]?|moving)\ up)\b",
    X,
)
SAME = re.compile(
    r"\b(same|equal(?:ly)?|identical|match(?:es|ed)?|keep|kept|maintain\w*|retain\w*|stay(?:ed|s)?|remain(?:ed|s)?|stuck|held|hold|hang)\b",
    X,
)
# a change question about every inspection, not only the last two
ALL_INSPECTIONS = re.compile(
    r"""\b(every\ (?:inspection|time)|each\ (?:inspection|time)|all\ (?:of\ )?(?:its|their|the)\ (?:inspections|reports)
    | over\ the\ years|across\ (?:its|their|the)|so\ far|history|always|stuck|since|three\ inspections|four\ inspections)\b""",
    X,
)
# "better than last time?": against the inspection before
THAN_BEFORE = re.compile(
    r"""\b(than\ (?:last\ time|before|previously|(?:the|its|their)\ (?:last|previous)\ (?:one|inspection|time)
        | (?:the|its|their)\ (?:one|inspection|report)\ before)
    | since\ (?:its|the|their)\ (?:last|previous) | last\ time | previous\ (?:one|inspection))\b""",
    X,
)
# the earlier report as what is asked about, not what this one is weighed against: "was the
# previous one better?" asks whether the earlier one was
BEFORE_ASKED = re.compile(
    r"\b(?:was|were|is)\ (?:the|its|their|that)\ (?:previous|earlier|prior|last)\ (?:one|inspection|report)\b", X
)


def than_before(question: str) -> bool:
    """Whether the question weighs its report against the one before ("better than last
    time?", "was that an improvement on the previous one?"), not asks about the one before."""
    return bool(THAN_BEFORE.search(question)) and not BEFORE_ASKED.search(question)


def areas_in(text: str) -> list[str]:
    """Judgement areas named in text, most specific first (care leavers before in care)."""
    found = []
    for area, rx in AREAS.items():
        if not rx.search(text):
            continue
        if (
            area == "children_in_care"
            and "care_leavers" in found
            and not re.search(r"children in care|looked|kids in care", text, re.I)
        ):
            continue
        found.append(area)
    if "help_and_protection" in found and re.search(r"child protection (plan|conference|enquir)", text, re.I):
        found.remove("help_and_protection")
    return found


def grades_in(text: str) -> list[str]:
    """Grades named in text, in the order they appear."""
    hits = sorted((m.start(), g) for g, rx in GRADES.items() for m in rx.finditer(text))
    return list(dict.fromkeys(g for _, g in hits))


def grade_in(text: str) -> str:
    g = grades_in(text)
    return g[0] if g else ""


def grade_rank(grade: str) -> int:
    """0 = inadequate ... 3 = outstanding; -1 unknown. "requires improvement to be good" is RI."""
    g = grade.lower()
    for i, name in enumerate(GRADE_ORDER):
        if g.startswith(name):
            return len(GRADE_ORDER) - 1 - i
    return -1


_YES_NO = re.compile(
    r"""(?:^|[:;,]\s*|\s[-–—]\s+|[.?!]\s+
    | (?:^|[:;]\s*|\s[-–—]\s+)\s*(?:back\s+)?(?:in|at|from|during|"""
    + SOURCE_LEAD
    + r""")\s+(?:the\s+)?(?:[\w'’]+\s+){0,3}?(?:report|inspection|\d{4}),?\s+  # "back in the 2015 report did…", "adopter - according to the 2017 inspection were there…"
    | \b(?:19|20)\d\d\s+(?=(?:does|do|did|is|are|was|were|has|have|had|can|could)\s)  # "wakefield local offer 2025 does…"
    | ^\s*(?:if|when|once|after)\s+.{3,80}?\s(?=(?:do|does|did|can|could|would|will|are|were|is|was)\s+(?:they|it|he|she|you|we|i|their|the)\b))  # "if a care leaver applies… do they…"
    \s*(?:so\s+|and\s+|but\s+|ok\s+|then\s+)?(?:is|was|are|were|has|have|had|did|does|do|got|any|is\ it\ true
    |would|will|can|could)\b""",
    X,
)
# a tag that makes a statement a yes/no question: "free gym - true or not?", "…, is that right?"
YES_NO_TAG = re.compile(
    r"""\b(?:true\ or\ (?:not|false)|yes\ or\ no|right\ or\ wrong|or\ not\b
    | (?:is|was)\ (?:that|this|it)\ (?:true|right|correct|so|the\ case)
    | am\ i\ right|do\ they\ or\ not|true\?)""",
    X,
)


_WH = re.compile(r"\b(what|which|who|whom|whose|why|how|when|where)\b", re.I)
# a closing clause asking what the report says, not what something is: "…? whats the 2024 ofsted say"
_ABOUT_THE_REPORT = re.compile(
    r"what(?:['’]?s|\s+(?:does|did|do|is|was))?\s+(?:the\s+)?(?:\d{4}\s+|latest\s+|last\s+)?"
    r"(?:ofsted|report|inspection|inspectors?)(?:\s+(?:report|inspection))?\s+(?:say|said|says|think|thought)\b",
    re.I,
)
# the question asked after a statement: "coventry got outstanding overall but which area wasn't?"
_WH_AFTER = re.compile(r"\b(?:but|so)\s+(?:what|which|who|why|how|when|where)\b", re.I)
SHORT_TAIL = 8  # words of a closing clause with a question mark and no question word: "free prescriptions included in the local offer?"


def is_yes_no(question: str) -> bool:
    """ "Is Birmingham still inadequate?", and a short closing clause with no question word:
    "Westminster and Kensington in 2016 - same grade?", "worcs inadequate in 2017?" """
    if _YES_NO.search(question) or YES_NO_TAG.search(question):
        return True
    tail = re.split(r"[-–—,:;]\s", question.strip())[-1]
    return (
        tail.endswith("?")
        and len(tail.split()) <= SHORT_TAIL
        and not _WH.search(question)
        and not _DATA_ASKED.search(tail)
    )


# a keyword question that asks for a figure, a name or a date, not whether: "hampshire 2014
# staying put numbers?", "croydon front door name?"
_DATA_ASKED = re.compile(
    r"(?<!same )(?<!different )\b(?:numbers?|figures?|stats|statistics|data|percentages?|proportions?|totals?|count"
    r"|names?|called|dates?)\W*$"
    r"|^\W*(?:the\ )?(?:names?|numbers?|figures?|dates?)\ of\b",  # "cambs 2014 - name of the children in care council?"
    re.I,
)


# a question offering alternatives asks which, not whether: "is the atlas team a police thing
# or a council thing?", "is it run by the police or by the council?" (not "or not", and not
# "missing or exploited children")
_ALTERNATIVES = re.compile(
    r"\bor\s+(?!not\b)(?:a|an|by|from|with|is\s+it|are\s+they|was\s+it|were\s+they|does\s+it|do\s+they)\b"
    # "or the" offers alternatives in a question about what something is ("is it the police or the
    # council?"), not in one about what is done ("can children talk to senior leaders or the
    # corporate parenting panel?": either will do)
    r"|^\s*(?:is|are|was|were)\b.*\bor\s+the\b",
    re.I,
)


def asks_yes_no(question: str, topic: str = "") -> bool:
    """is_yes_no on the question or on its topic (the question without the authority and
    date it opens with: "merton 2017 were many care leavers staying put?"), unless it offers
    alternatives."""
    last = re.split(r"[-–—,:;?]\s", question.strip())[-1].strip()
    if _ALTERNATIVES.search(question) or (_WH.match(last) and not _ABOUT_THE_REPORT.match(last)):
        return False  # "…, where are they now?", "… training? what's it called": the closing clause asks what
    if _WH_AFTER.search(question):
        return False  # "coventry got outstanding overall but which area wasn't outstanding?"
    return is_yes_no(question) or is_yes_no(topic.strip(" -–—:,;"))


# --------------------------------------------------------------------------- wording of kinds

_RX = {
    "lead_inspector": re.compile(
        r"""\b(lead\ inspector | hmi | who\ led | who\ headed | who\ was\ in\ charge | who\ inspected | who\ (?:did|carried\ out|conducted)\ the\ inspection
        | led\ (?:the|this|that|their|its)\ (?:ofsted\ )?inspection | led\ (?!to\b).{0,50}inspection
        | (?:who|which)\ .{0,25}inspector | who\ (?:were|are)\ (?:the\ )?inspectors | (?:lead\ )?inspectors?\ (?:was|were)\ (?:who|called|named|which)
        | name\ of\ the\ (?:lead\ )?inspector)\b""",
        X,
    ),
    "inspection_dates": re.compile(
        r"""\b(when\ was\ .{0,60}inspected | inspection\ dates? | dates?\ of\ the\ inspection
        | when\ did\ .{0,60}inspection\ (?:take\ place|happen|start|begin|end) | when\ did\ .{0,40}\binspect\b
        | (?:^|[,;:?!-]\s*)(?:and\ |so\ )?when\ .{0,40}inspectors?\ (?:actually\ |really\ |physically\ )?(?:visit|were\ on\ site|on\ site) | when\ did\ inspectors
        | when\ did\ ofsted\ .{0,20}(?:visit|inspect|go\ (?:in|into)|come) | when\ was\ .{0,40}(?:last\ )?visited
        | when\ (?:were|was)\ (?:the\ )?inspectors?\ (?:actually\ |really\ |physically\ )?(?:in|at|on|there|here|visiting|around)\b | what\ dates
        | when\b.{0,80}\binspect\w*\b.{0,60}\b(?:take\ place|happen|start|begin|end|carried\ out))""",
        X,
    ),
    "published_date": re.compile(
        r"\b(when\ was\ .{0,80}(?:report\ )?published|publication\ date|date\ .{0,20}published)", X
    ),
    # the "what needs to improve" list (not "did X improve", "its plans to improve")
    "improve": re.compile(
        r"""\b(needs?\ to\ (?:improve|do\ better|change|get\ better|work\ on|fix)
        | (?:needs?|needed|wants?|wanted)\ .{0,20}improv(?:ing|ement) | weakness(?:es)? | weak\ areas
        | must\ .{0,30}improve | should\ .{0,30}improve | (?:has|have|was|were)\ (?:been\ )?(?:told|asked)\ to
        | areas?\ (?:for|of|to)\ (?:improvement|development|improve) | improvements?\ (?:needed|required|areas?)
        | (?:what|which)\ (?:improvements?|recommendations?) | recommendations? | priority\ actions?
        | what\ (?:is|are)\ .{0,40}weakness(?:es)? | weakness(?:es)?\ (?:found|identified)
        | what\ .{0,40}(?:get|do)\ better | what\ .{0,30}(?:to\ )?fix | what\ (?:to|should\ they)\ improve
        | what\ (?:does|do|did|must|should)\ .{0,60}\bimprove(?:\ on)?\s*\??\s*$
        | (?:things|areas|what)\ .{0,20}(?:to\ )?improve\ on | sort(?:ed)?\ out | wanted\ .{0,15}fixed | (?:to\ )?get\ right
        | weak\ (?:spots?|points?|areas?) | shortcomings | criticis\w+ | areas?\ of\ concern | what\ went\ wrong)""",
        X,
    ),
    "judgement": re.compile(
        r"""\b(judge|judged|judgements?|judgments?|grade|graded|grading|rated|rating|ratings
        | (?:ofsted|inspectors?|they|you|we|did|do|does|to)\ rate | ^\s*rate  # the verb; "turnover rate" is a figure
        | overall\ effectiveness | outcome | result | results | verdict | score | scored
        | how\ (?:good|bad)\ (?:is|are|was|were) | how\ well\ (?:led|run|managed)\b | how\ did\ .{0,40}\ (?:do|fare|perform|get\ on)\b | how\ did\ .{0,40}\ go\s*\??\s*$
        | what\ did\ (?:ofsted|inspectors?|the\ inspectors?|they|the\ (?:inspection|report))\ .{0,40}(?:give|award)\b | what\ did\ .{0,40}\ (?:get|receive|achieve)\b(?!\s+(?!in\b|at\b|for\b|from\b|last\b|this\b|that\b|when\b|on\b|overall\b|then\b|\d)[a-z]) | (?<!council\ )(?<!authority\ )(?<!leaders\ )(?:gave|give|given|awarded?)\ (?!.{0,40}\b(?:funding|money|grants?|budgets?|resources|cash)\b).{0,40}\ for\b | how\ (?:is|are|was|were)\ .{0,40}\ (?:doing|performing|getting\ on|faring)\b
        | ofsted\ (?:think|thought|make|made)\ of | pass(?:ed)?\ or\ fail(?:ed)? | how\ did\ .{0,60}\ come\ out)\b""",
        X,
    ),
    "aggregate": re.compile(
        r"""\b((?:which|what|any|name\ (?:the|all)?|list\ (?:all\ |the\ )?)\ ?(?:[a-z-]+\ ){0,2}?(?:local\ )?(?:authorit(?:y|ies)|councils?|las?\b|places|areas|boroughs|counties|cities)
        | how\ many | what\ proportion | what\ share | number\ of\ (?:authorities|councils|reports|inspections)
        | (?:authorities|councils)\ (?:were|that\ were|judged|rated|got) | who\ (?:got|was\ judged|was\ rated))\b""",
        X,
    ),
    # one authority's judgements over time
    "change": re.compile(
        r"""\b(changed? | over\ time | history | trend | progress(?:ed)? | since\ (?:its|their|the)\ (?:last|previous)
        | where\ (?:is|are)\ (?:it|they|\w+)\ now | (?:what|how)\ about\ now | climb(?:ed|ing)?\ out\ of | (?:come|came|got|get)\ out\ of\ (?:inadequate|special\ measures) | (?:the\ )?next\ inspection | (?:the\ )?inspection\ after
        | (?:got|get|gotten|getting|become|became)\ (?:better|worse) | better | worse | went\ from | gone\ from
        | mov(?:e|ed|ing)\ (?:up|down) | go\ (?:up|down)
        | improved | improving | (?:did|has|have|does|do|is)\ .{0,40}\bimprove\b | improvement\ since | (?:was|is)\ (?:it|that|this|the\ \w+(?:\ \w+)?)\ an\ improvement | declined? | declining | deteriorat\w+ | went\ (?:up|down) | gone\ (?:up|down)
        | (?:up|down)graded | moved\ (?:up|down|from) | (?:(?:compared?|comparison)\ (?:to|with)|vs\.?|versus|against)\ (?:the\ |its\ |their\ )?(?:last|previous|before|most\ recent|latest|current|newest|now)
        | than\ (?:last\ time|before|previously) | same\ as\ (?:last\ time|before) | still | any\ better | all\ (?:of\ )?(?:its|their)\ (?:inspections|ratings|judgements)
        | each\ inspection | previous\ (?:ratings|judgements|inspections)
        | slip(?:ped|ping)? | downhill | drop(?:ped|s)?(?!\ ?-?\ ?(?:in|out|off)\b) | fell | fallen | bounced?\ back | turn(?:ed)?\ (?:it(?:self)?\ )?(?:a)?round | how\ far\ .{0,30}\bcome
        | journey | trajectory | what(?:'s|\ has)?\ happened | over\ the\ years | across\ (?:its|their|the)\ .{0,12}inspections
        | lost|lose|losing|keep(?!\ in\ touch)|kept(?!\ in\ touch)|maintain(?:ed)?|retain(?:ed)?|held\ on(?:to)?|hold\ on(?:to)?|hang\ on(?:to)?
        | stuck|backwards?|every\ inspection|each\ time|every\ time)\b""",
        X,
    ),
    "comparison": re.compile(
        r"""\b(compare[sd]? | comparison | versus | vs\.? | v\.? | against | side\ by\ side | difference\ between
        | which\ (?:is|was|one\ is|one\ was|of\ (?:them|these|the\ two))\ .{0,30}(?:better|higher|lower|worse|best|worst)
        | (?:better|higher|lower|worse)\ than | both | each\ of)\b""",
        X,
    ),
    "transition": re.compile(
        r"""\b((?:went|go|gone|moved?|jumped|improved|rose|fell|dropped|slipped|changed)\ (?:from|up\ from|down\ from)
        | from\ (?:outstanding|good|requires\ improvement|ri|inadequate)\ to
        | (?:got|gotten|getting|became)\ (?:better|worse) | improved | declined | went\ (?:up|down) | downgraded | upgraded)""",
        X,
    ),
}


@dataclass(frozen=True)
class Intent:
    kind: str  # judgement | lead_inspector | inspection_dates | published_date | improve | change | comparison | aggregate | transition | framework | general
    area: str = ""  # for judgement / change / comparison / aggregate: overall, care_leavers, ...
    grade: str = ""  # for aggregate: the grade asked about; for judgement yes/no: the grade asked; for framework: which
    yes_no: bool = False  # answer "Yes"/"No" first
    grades: tuple[str, ...] = ()  # for transition: (from, to), or ("better",) / ("worse",)
    confidence: float = 1.0  # 1 for rules; the neighbours' share for the embedding vote
    summary: bool = False  # "what did ofsted say about kent?": the judgements and what needs to improve
    any_area: bool = False  # "was anything rated below good?": every area's judgement, yes if any has the grade
    findings: bool = False  # "what did they say about care leavers?": the area's judgement, then its findings quoted


# the inspection frameworks, as people name them (ReportMeta.framework)
FRAMEWORKS = {
    "2026": re.compile(r"\b(?:2026|new(?:est)?|current|latest)\s+(?:inspection\s+)?framework\b", re.I),
    "ILACS": re.compile(r"\bILACS\b|\binspections?\s+of\s+local\s+authority\s+children['’]?s\s+services\b", re.I),
    "SIF": re.compile(r"\bSIF\b|\bsingle\s+inspection(?:\s+framework)?\b", re.I),
}


def framework_in(text: str) -> str:
    """The inspection framework a question names ("the new 2026 framework", "ILACS", "SIF"), or ""."""
    return next((name for name, rx in FRAMEWORKS.items() if rx.search(text)), "")


def _area(q: str) -> str:
    areas = [a for a in areas_in(q) if a != "overall"]
    return areas[0] if areas else "overall"


def _asks_grade(q: str) -> bool:
    """ "Was X good, outstanding, requires improvement or inadequate?", "Is X still inadequate?" """
    return bool(grades_in(q)) and (
        len(grades_in(q)) >= 2
        or is_yes_no(q)
        or bool(
            re.search(
                r"\b(was|is|were|are|got|get|rated|judged)\b.{0,60}\b(outstanding|inadequate|good|requires improvement)\b\s*\??\s*$",
                q,
                re.I,
            )
        )
    )


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_COMPARATIVE = re.compile(
    r"""\b(better|best|worse|worst|higher|highest|lower|lowest|stronger|weaker|same|different|differ(?:ence)?
    | ahead|behind|came\ out|come\ out|outperform\w*|beat)\b""",
    X,
)


def compares(question: str) -> bool:
    """Whether the question weighs one thing against another ("better than last time?",
    "changed since the previous one?"), not only points at it ("and the previous one?")."""
    return bool(
        _COMPARATIVE.search(question)
        or BETTER.search(question)
        or WORSE.search(question)
        or re.search(r"\b(chang\w*|compar\w*|progress\w*)", question, re.I)
    )


def _two_years(q: str) -> bool:
    """Whether the question names two different years ("Swindon 2019 vs 2023")."""
    return len(set(_YEAR.findall(q))) >= 2


def own_topic(topic: str, least: int = 2) -> bool:
    """Whether a question has a subject of its own beyond the change words and judgement
    areas ("has Bury cut back on agency workers since its last inspection?" is a finding);
    least: how many words of its own make a subject (one, in a keyword query: "care leavers neet %")."""
    return len(_own_words(_RX["comparison"].sub(" ", _RX["change"].sub(" ", topic)))) >= least


def _own_words(text: str) -> list[str]:
    """The words of text that are neither an area of judgement nor filler."""
    for rx in AREAS.values():
        text = rx.sub(" ", text)
    return [w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _CHANGE_FILLER]


_CHANGE_FILLER = set(
    """the and has have had did does was were are its their since last previous inspection inspections
report ofsted how what who been any more less than then now this that with for from into over time times
council councils authority services service children childrens social care things overall general got get gotten
become became done doing say said tell think between when where which there ever very really yet far come came
happen happened across two three four five versus compared did its it they them then what whats going gone ups downs
first latest recent most one ones performance perform performing performed rating ratings grade grades result results
requires require required improvement good outstanding inadequate still any rated judged kids kid childrens
summarise summarize summary overview sum nutshell like find found conclude county city borough district
bad badly way shape state place mess trouble struggling struggled these days lately nowadays today wise
remember remembered think thought heard hear believe recall seem seems seemed failing fail failed side sides bit
bits part parts anything wasnt werent isnt arent great full basically pass passed
area areas every each single all board round everything judgement judgements""".split()
)


# a question whether an authority has something: "does leeds have a MASH?", "is there a mash in birmingham?"
HAS_ONE = re.compile(r"\b(?:have|has|got|run|runs|use|uses|offer|offers|is\s+there|are\s+there)\s+(?:a|an|any)\b", re.I)


def bare(topic: str) -> bool:
    """Whether a question's topic holds nothing but filler and areas of judgement: "kirklees
    2019", "wigan ofsted", "how were kids in care looked after in medway back in 2013?"."""
    return not [w for w in _own_words(topic) if w != "back"]


def classify(question: str, authorities: int = 0, embedder=None, topic: str | None = None) -> Intent:
    """authorities: how many authorities the question names; topic: the question without
    its authority, date and recency phrases (QueryFilters.topic; None: not read, the whole
    question is used)."""
    q = question
    own = own_topic(q if topic is None else topic)
    yn = asks_yes_no(q, topic or "")
    if _RX["lead_inspector"].search(q):
        return Intent("lead_inspector")
    if _RX["published_date"].search(q):
        return Intent("published_date")
    if _RX["inspection_dates"].search(q):
        return Intent("inspection_dates")
    if authorities == 0 and _RX["aggregate"].search(q):
        grades = grades_in(q)
        if _RX["transition"].search(q):
            if len(grades) >= 2:
                return Intent("transition", grades=tuple(grades[:2]))
            worse = re.search(r"worse|declin|down|fell|dropped|slipped|deteriorat", q, re.I)
            return Intent("transition", grades=("worse",) if worse else ("better",), grade=grades[0] if grades else "")
        if grades or _RX["judgement"].search(q):
            areas = areas_in(q)
            return Intent("aggregate", area=areas[0] if areas else "", grade=grades[0] if grades else "")
        framework = framework_in(q)
        if framework:  # "which councils have been inspected under the new 2026 framework?"
            return Intent("framework", grade=framework)
    if authorities >= 2 and (
        _RX["comparison"].search(q) or _RX["judgement"].search(q) or _asks_grade(q) or _COMPARATIVE.search(q)
    ):
        return Intent("comparison", area=_area(q), yes_no=yn)
    if _RX["improve"].search(q) and not (_asks_grade(q) and authorities):
        return Intent("improve")
    changed = _RX["change"].search(q) or _two_years(q)
    still = re.search(r"\bstill\b", q, re.I) and not _STEP.search(q)  # not "still good at the next one?"
    figure = re.search(r"\b(?:numbers?|rate|proportion|percentage|share|count)\s+of\b", q, re.I)  # a finding's figure
    if authorities == 1 and changed and not (still and grades_in(q)) and not figure:
        if _RX["judgement"].search(q) or grades_in(q) or not own:
            return Intent("change", area=_area(q), yes_no=yn)
    on_topic = _DOING_ON.search(q)
    if on_topic and own_topic(on_topic.group(1), 1) and not _STRONG_JUDGEMENT.search(q):
        # "how were they doing on getting kids in care to the dentist?": a finding on that
        return _undecided(q, authorities, embedder)
    good_enough = bool(GOOD_ENOUGH.search(q)) or bool(
        WELL_SERVED.search(q) and areas_in(q) and not own_topic(WELL_SERVED.sub(" ", q if topic is None else topic), 1)
    )
    # not "was X's out of hours service good?"
    graded_subject = (_asks_grade(q) or good_enough or bool(PASSED.search(q))) and not (own and not areas_in(q))
    elsewhere = GRADED_ELSEWHERE.search(q) and not areas_in(q)
    if authorities >= 1 and (_RX["judgement"].search(q) or graded_subject) and not elsewhere:
        grade = _grade_asked(q, yn, good_enough)
        # "got outstanding overall but which area wasn't?": the other areas are asked about
        any_area = bool(ANY_AREA.search(q)) and not [a for a in areas_in(q) if a != "overall"]
        return Intent(
            "judgement", area=_area(q), yes_no=yn and bool(grade), grade=grade if yn else "", any_area=any_area
        )
    if (
        authorities >= 1
        and SUMMARY.search(q)
        and AREA_NAMED.search(q)
        and not _beyond_area(q if topic is None else topic)
    ):
        return Intent("judgement", area=_area(q), findings=True)  # "what did they say about care leavers there?"
    if authorities >= 1 and SUMMARY.search(q) and not areas_in(q) and not own_topic(q if topic is None else topic, 2):
        return Intent("judgement", area="overall", summary=True)  # "tell me about wigan's last inspection"
    keywords = authorities >= 1 and _KEYWORDS_ONLY.search(q) and not NAME_ASKED.search(q)
    if keywords and grades_in(q):  # "worcs inadequate in 2017?"
        asked = q.rstrip().endswith("?")
        return Intent("judgement", area=_area(q), yes_no=asked, grade=grades_in(q)[0] if asked else "")
    if (
        keywords
        and (areas_in(q) or re.search(r"\bofsted\b", q, re.I))
        and not own_topic(q if topic is None else topic, 1)
    ):
        return Intent("judgement", area=_area(q))  # "leeds front door ofsted 2018"
    return _undecided(q, authorities, embedder)


def _grade_asked(q: str, yes_no: bool, good_enough: bool) -> str:
    """The grade a judgement question asks about: "below good", "above inadequate" (did they
    pass?), "good or better" (any good?), a grade it names, or ""."""
    below = BELOW.search(_GRANTED.sub("", q))  # not "… even though overall wasn't good"
    if below:
        return f"below {below.group(1).lower()}"
    if yes_no and PASSED.search(q):
        return ABOVE_INADEQUATE
    if yes_no and good_enough:
        return GOOD_OR_BETTER
    named = grades_in(q)
    return named[0] if named else ""


def _undecided(q: str, authorities: int, embedder) -> Intent:
    """No rule decided: the nearest example phrasings' kind, for a question naming an authority
    (not for one asking what something is called: "what was the children in care council
    called?" asks a name, whatever area it names)."""
    if NAME_ASKED.search(q) and not grades_in(q):
        return Intent("general")
    if authorities >= 1 and embedder is not None:
        return _nearest_kind(q, embedder)
    return Intent("general")


_STEP = re.compile(
    r"\b(?:next|following|subsequent|previous|preceding)\b|\b(?:one|inspection|report|time)\s+(?:after|before)\b", re.I
)
# "how is X doing on <a topic>?": the topic, not the judgement, unless a judgement is named
_DOING_ON = re.compile(
    r"\bhow\b.{0,40}\b(?:doing|do|fare|faring|performing|getting\ on|get\ on)\s+(?:on|with|at|in\ terms\ of|when\ it\ comes\ to)\s+([^?]+)",
    X,
)
_STRONG_JUDGEMENT = re.compile(
    r"\b(judge[ds]?|judgements?|judgments?|grades?|graded|rated|ratings?|overall\ effectiveness|verdict)\b", X
)
# a grade or result of something the council runs, not of its children's services: "what grade
# did its new children's home get?", "what results did they get from the PAUSE project?"
GRADED_ELSEWHERE = re.compile(
    r"""\b(?:children['’]?s\ homes?|(?:residential|care|secure)\ (?:homes?|units?)|homes?\ (?:it|they)\ (?:runs?|opened)
    | nurser(?:y|ies)|hostels?|projects?|programmes?|pilots?|initiatives?|apps?|schemes?|trials?)\b""",
    X,
)
# a question about a whole report: "what did ofsted say about kent?", "tell me about wigan's last
# inspection", "summarise the latest report for bury"
SUMMARY = re.compile(
    r"""\b(what\ did\ (?:ofsted|the\ inspectors?|inspectors?|they|(?:the|its|their)\ (?:[\w'’-]+\ ){0,5}?(?:inspection|report))
        \ (?:say|find|found|conclude|think)
    | tell\ me\ about | summar(?:y|ise|ize)\ of | summar(?:ise|ize) | overview | sum\ up | in\ a\ nutshell
    | what\ (?:was|is)\ (?:the\ )?(?:[\w'’-]+\ ){0,4}?(?:inspection|report)\ like)\b""",
    X,
)
# an area of judgement named as such (not a part of one: "the front door" is a finding)
AREA_NAMED = re.compile(
    r"""\b(care[- ]?leavers? | leaving\ care | (?:children|kids|young\ people)\ in\ care | looked[- ]after\ children
    | help\ and\ protection | child\ protection | leadership | leaders | adoption)\b""",
    X,
)
_ABOUT = {"about", "inspectors", "inspector", "there", "regarding", "re", "on", "for"}


def _beyond_area(topic: str) -> bool:
    """Whether a question asks about more than an area of judgement ("what did they say about
    care leavers' housing?")."""
    return any(w not in _ABOUT for w in _own_words(topic))


# a question asking what something is called: "croydon front door name 2020", "what did
# newcastle's children in care council go by?"
NAME_ASKED = re.compile(r"\b(name[ds]?|called|call|go(?:es)?\ by|went\ by|known\ as)\b", X)
_KEYWORDS_ONLY = re.compile(
    r"^(?!.*\b(?:what|which|who|whom|whose|why|how|when|where|is|are|was|were|do|does|did|has|have|can|could|should|would|tell|describe|explain|list|show|give)\b)",
    re.I,
)

FACT_KINDS = ("lead_inspector", "published_date", "inspection_dates", "improve")


def also_asked(question: str, primary: Intent) -> list[Intent]:
    """Other facts one question asks for besides the primary intent ("Who led the inspection
    and what was the overall grade?")."""
    extra = [Intent(k) for k in FACT_KINDS if k != primary.kind and _RX[k].search(question)]
    if primary.summary and all(i.kind != "improve" for i in extra):
        extra.append(Intent("improve"))
    if primary.kind != "judgement" and (_RX["judgement"].search(question) or _asks_grade(question)):
        extra.append(Intent("judgement", area=_area(question)))
    if primary.kind == "judgement" and primary.area not in ("", "overall") and AREAS["overall"].search(question):
        extra.append(Intent("judgement", area="overall"))  # "overall grade and care leavers grade"
    if primary.kind == "improve" or any(i.kind == "improve" for i in extra):
        extra = [i for i in extra if i.kind != "judgement" or _RX["judgement"].search(question)]
    return extra


# --------------------------------------------------------------------------- embedding vote


class _Bank:
    """Example phrasings per kind, embedded once per embedder."""

    def __init__(self):
        raw = json.loads(_BANK_PATH.read_text(encoding="utf-8"))
        self.kinds = [k for k, examples in raw["kinds"].items() for _ in examples]
        self.texts = [e for examples in raw["kinds"].values() for e in examples]
        self._vectors: dict[int, np.ndarray] = {}

    def vectors(self, embedder) -> np.ndarray:
        key = id(embedder)
        if key not in self._vectors:
            self._vectors[key] = np.asarray(embedder.embed_documents(self.texts), dtype=np.float32)
        return self._vectors[key]


_bank: _Bank | None = None


def _nearest_kind(question: str, embedder) -> Intent:
    global _bank
    if _bank is None:
        _bank = _Bank()
    sims = _bank.vectors(embedder) @ np.asarray(embedder.embed_query(question), dtype=np.float32)
    top = np.argsort(-sims)[:KNN_K]
    votes: dict[str, int] = {}
    for i in top:
        votes[_bank.kinds[i]] = votes.get(_bank.kinds[i], 0) + 1
    kind, n = max(votes.items(), key=lambda kv: kv[1])
    share = n / len(top)
    if kind == "general" or share < KNN_MIN_SHARE or float(sims[top[0]]) < KNN_MIN_SIMILARITY:
        return Intent("general", confidence=share)
    if kind == "judgement":
        return Intent("judgement", area=_area(question), confidence=share)
    return Intent(kind, confidence=share)
