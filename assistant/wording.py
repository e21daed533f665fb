"""How inspectors word praise and criticism: the positive and negative cues read clause by
clause, shared by the improvement tracker (``history/changes.py``) and the quiz's
"strength or concern?" key (``quiz/practice_questions.py``).

- :func:`polarity` -- positive / negative / both / neutral, clause by clause ("Although X has
  improved, too many ..." is both); a clause with a negative cue is negative whatever else it
  says, and phrases where a negative word is good news ("without delay", "no longer") are
  removed before a clause is read;
- :func:`evaluative_praise` -- the strong evaluative cues of praise ("effective", "timely",
  "benefit from", "high-quality"...), a stricter subset of the positive cues: a sentence that
  merely says something is "in place" or "offered" is positive but not an evaluation;
- :func:`criticism` -- the strong cues of criticism ("too many", "delay", "inconsistent", "not
  always"...), a stricter subset of the negative cues.
"""

from __future__ import annotations

import re

CONTRAST = re.compile(r"\b(?:but|however|although|though|whereas|while|despite|nevertheless|yet)\b|;", re.I)
CONCESSIVE = re.compile(r"^\W*(although|though|while|whilst|despite|even though)\b", re.I)
# A leading condition ("If a child is not able to remain at home, there is ..."): a hypothesis,
# not a finding, so its negative words are not criticism.
CONDITIONAL_LEAD = re.compile(r"^\W*(?:if|when|where|unless)\b[^,]*,\s*", re.I)
# Negative wording. Phrases where a negative word is good news ("without delay", "reducing
# drift", "no longer") are removed before the clause is read.
NOT_NEGATIVE = re.compile(
    r"\b(without (undue |unnecessary )?(delay|drift)|(reduc|minimis|prevent|avoid|tackl|address)\w* (the )?(risk of )?"
    r"(drift|delay|gaps?|concerns?|risks?|harm)( and (drift|delay))?|no longer|not only|concerns? (about|arise|are|were|regarding|for)|"
    r"safeguarding concerns?|when concerns|any concerns|needs? to change|what needs to|not in education|"
    r"where (sufficient )?progress is not|is not achieved|not at home|not (yet )?known to)\b",
    re.I,
)
# Less of something bad is good news: "fewer changes of social worker", "reducing potential
# delays", "caseloads have decreased" (removed like NOT_NEGATIVE, before any cue is read).
_BAD_THINGS = (
    r"delays?|drift|changes\ of\ social\ workers?|caseloads?|workloads?|turnover|agency\ (?:staff|workers?)|"
    r"vacanc(?:y|ies)|backlogs?|waiting(?:\ times?|\ lists?)?|repeat\ referrals|re-?referrals|missing\ episodes|"
    r"placement\ moves|exclusions|risks?|harm"
)
FEWER_OF_BAD = re.compile(
    r"""\b(?:reduc|fewer|decreas|lower|less|minimis|cut)\w*\s+(?:[\w-]+\s+){0,3}?(?:"""
    + _BAD_THINGS
    + r""")\b
    | \b(?:"""
    + _BAD_THINGS
    + r""")\s+(?:[\w-]+\s+){0,5}?(?:ha(?:ve|s)\s+)?(?:been\s+)?(?:reduc|decreas|fall|fell|dropp)\w*""",
    re.I | re.X,
)


def good_news_removed(text: str) -> str:
    """The text without the phrases where a negative word is good news (NOT_NEGATIVE, FEWER_OF_BAD)."""
    return FEWER_OF_BAD.sub(" ", NOT_NEGATIVE.sub(" ", text))


NEGATIVE = re.compile(
    r"\b(not|cannot|can['’]t|never|too|in ?consistent(ly)?|inconsistency|variable|variability|varied|weak(ness|nesses|er)?|"
    r"poor(ly|er)?|insufficient(ly)?|lack(s|ing|ed)?|limited|delay(s|ed)?|drift|gaps?|yet to|remains? (a )?(concern|weak|"
    r"inconsistent|variable|underdeveloped|an area)|less (effective|consistent|well|robust|timely)|fail(s|ed|ing|ure)?|"
    r"inadequate|ineffective|shortfalls?|under-?developed|unclear|backlogs?|high caseloads|unable|slow(ly)?|"
    r"requires? improvement|require[sd]? (further )?(strengthening|development|improvement)|only (a )?(small|minority|few)|"
    r"lapsed?|overdue|out of date|unallocated|missed|deteriorat\w*|declin\w*|instability|superficial|over-optimistic|"
    r"infancy|basic|wanting|absence|absent|unsuitable|inappropriate(ly)?|no)\b",
    re.I,
)
POSITIVE = re.compile(
    r"\b(improv(ed|ing|ement|ements)|strengthen(ed|ing)?|effective(ly)?|good|strong(er|ly)?|robust(ly)?|timely|"
    r"well(?! as)|consistent(ly)?|benefit(s|ing|ed)?|appropriate(ly)?|prompt(ly)?|high[- ]quality|embedded|better|"
    r"progress(ed)?|thorough(ly)?|clear(ly)?|swift(ly)?|positive(ly)?|secure[ds]?|sustained|established|no longer|"
    r"responsive|focused|purposeful|comprehensive|stable|stability|successful(ly)?|ensur(es|ed)|"
    r"impressive|exceptional|excellent|skilled|committed|helpful|valued|confident|supported|support(s|ive)|"
    r"help(s|ed)|enabl(es|ed|ing)|prioritised|routinely|regular(ly)?|carefully|proactive(ly)?|sensitive(ly)?|"
    r"increas(e|ed|ing)|reduc(ed|tion)|in place|well-\w+|detailed|tenacious(ly)?|creative(ly)?|dedicated|"
    r"understood|know (them|children|their)|attuned|meaningful|ambitious|accessible|actively|offered|available)\b",
    re.I,
)
# The evaluative subset of POSITIVE: words that judge quality, not ones that report activity.
PRAISE = re.compile(
    r"\b(effective(ly)?|timely|benefit(s|ing|ed)? from|strong(ly)?|robust(ly)?|high[- ]quality|thorough(ly)?|"
    r"purposeful(ly)?|comprehensive|impressive|exceptional(ly)?|excellent|skilled|skilful(ly)?|tenacious(ly)?|"
    r"creative(ly)?|sensitive(ly)?|meaningful|ambitious|swift(ly)?|prompt(ly)?|well[- ](planned|established|"
    r"embedded|supported|trained|managed|led|coordinated|targeted|considered|written|informed|attended|understood|"
    r"matched)|good quality|good understanding|very good|highly|insightful|child-centred|in a timely way|"
    r"at the right time|at pace|make good progress|making good progress|thrive|thriving)\b",
    re.I,
)

# a clause that opens by referring back ("..., though this is not consistent") speaks of what
# the clause before it spoke of (the tracker and the yes/no reader)
REFERS_BACK = re.compile(r"^\W*(?:this|these|it|they|that|those|such|which)\b", re.I)

# a sentence that goes on about the one before it: it opens with a link ("However, …", "Despite
# this, …", "While these improvements …") or refers back in its first words ("IROs believe this
# to be manageable"). The extractive answerer quotes it with the one before.
CONTINUES = re.compile(
    r"^(?:This|These|It|They|However|As\ a\ result|Consequently|For\ example|In\ addition|But|Despite\ this|"
    r"Despite\ these|Of\ these|Of\ those|Where|When\ this|While\ (?:this|these)|Although\ (?:this|these))\b",
    re.X,
)
SENTENCE_REFERS_BACK = re.compile(
    r"^(?:\S+\s+){1,3}?(?:this|these|that|it|them)\b(?!\s+(?:year|month|week|report|inspection|area|authority|"
    r"team|service|is\ why))",
    re.I,
)


# a sentence that goes on about the one before it by qualifying it ("However, …", "Despite this
# improvement, …"): the tracker reads its criticism as of the same matter
QUALIFIES = re.compile(
    r"^(?:However|But|Nevertheless|That said|Despite (?:this|these|the)|While (?:this|these)|Although (?:this|these)|"
    r"Even so)\b",
    re.I,
)


def continues(sentence: str) -> bool:
    """Whether a sentence goes on about the one before it."""
    return bool(CONTINUES.match(sentence) or SENTENCE_REFERS_BACK.match(sentence))


# The strong cues of criticism: a stricter subset of NEGATIVE (a bare "not" or "no" can be
# good news: "children do not wait").
CRITICISM = re.compile(
    r"\b(too (many|few|long|slow|often|much|late|early|high|variable)|in ?consistent(ly)?|inconsistency|"
    r"variable|variability|weak(ness|nesses|er)?|poor(ly|er)?|insufficient(ly)?|lack(s|ing)?|delay(s|ed)?|drift|"
    r"not (always|consistently|sufficiently|yet|effective(ly)?|timely|good enough|robust(ly)?|routinely|well|"
    r"enough|fully|clear(ly)?|regularly|thorough|given|made|being|receiving|receive|have|had|in place|"
    r"prompt(ly)?|appropriate(ly)?|adequate(ly)?|focused|purposeful|updated|completed|recorded|considered)|"
    r"fail(s|ed|ing|ure)?|ineffective|shortfalls?|under-?developed|unclear|backlogs?|overdue|out of date|"
    r"unallocated|missed|deteriorat\w*|superficial|over-optimistic|unsuitable|inappropriate(ly)?|"
    r"less (effective|consistent|well|robust|timely)|remains? (a )?(concern|weak|inconsistent|variable|an area)|"
    r"yet to|limited (impact|progress|evidence|understanding|oversight|management)|unable|"
    r"do(es)? not (always|consistently|sufficiently|receive|have|get|benefit|know|understand|reflect|include)|"
    r"are not|is not|were not|was not|have not|has not|had not)\b",
    re.I,
)


def clauses(sentence: str) -> list[str]:
    """The sentence cut at its contrasts ("but", "however", ";"), with a leading concessive
    clause ("Although X has improved, ...") on its own."""
    parts = CONTRAST.split(sentence)
    if CONCESSIVE.match(sentence) and "," in sentence:
        head, _, tail = sentence.partition(",")
        parts = [head, *CONTRAST.split(tail)]
    return [p for p in parts if p and p.strip()]


def negative_cue(clause: str) -> str:
    """The first negative cue of a clause once good-news phrases are removed ("" when none)."""
    m = NEGATIVE.search(good_news_removed(clause))
    return m.group(0) if m else ""


def positive_cue(clause: str) -> str:
    m = POSITIVE.search(clause)
    return m.group(0) if m else ""


def polarity(sentence: str, more_negative: re.Pattern | None = None) -> str:
    """positive / negative / both / neutral, clause by clause ("Although X improved, too
    many ..." is both). A clause with a negative cue (or one of ``more_negative``) is negative
    whatever else it says."""
    kinds = set()
    for clause in clauses(sentence):
        cleaned = good_news_removed(clause)
        if NEGATIVE.search(cleaned) or (more_negative is not None and more_negative.search(cleaned)):
            kinds.add("negative")
        elif positive_cue(clause) or FEWER_OF_BAD.search(clause):
            kinds.add("positive")
    if {"positive", "negative"} <= kinds:
        return "both"
    return next(iter(kinds)) if kinds else "neutral"


def criticism(sentence: str) -> str:
    """The first strong cue of criticism in the sentence, once good-news phrases are removed
    ("" when none)."""
    m = CRITICISM.search(good_news_removed(sentence))
    return m.group(0) if m else ""


def evaluative_praise(sentence: str) -> str:
    """The first strong cue of praise in the sentence ("" when none)."""
    m = PRAISE.search(sentence)
    return m.group(0) if m else ""
