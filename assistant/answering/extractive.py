"""General questions: choose the sentences that best answer the question from the top
passages (embedding similarity + keyword overlap) and quote them verbatim."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..chunking import split_sentences
from ..keyword import tokenize
from ..query.synonyms import expand, reworded
from ..records import Passage
from ..vocabulary import TEMPLATE_TEXT, not_prose
from ..wording import CRITICISM, continues
from .intent import NAME_ASKED

_LEAD = re.compile(r"^(?:\d{1,3}\.\s*(?=[A-Z‘“(])|[◼\uf06e•▪■●\uf0b7\uf0a7\uf0d8]\s*)")
# a numbered paragraph starting mid-line ("… good 36. Care leavers"), but not a number that
# ends a sentence ("reach the age of 18. This helps")
_NOT_BEFORE_NUMBER = "".join(
    rf"(?<!\b{w})" for w in "of to at by age aged than from and under over the in on with for about only least".split()
)
_PARA_START = re.compile(_NOT_BEFORE_NUMBER + r"\s(?=\d{1,3}\.\s?[A-Z‘“(])")
KEYWORD_WEIGHT = 0.25
ANSWER_TYPE_BONUS = 0.08  # a sentence holding the kind of answer asked for (a number, a name)
SPELT_BONUS = 0.3  # a sentence spelling out the acronym a "what does X stand for?" question asks
QUOTED_BONUS = 0.3  # a sentence holding the words a question quotes ("labelling kids as 'hard to engage'")
NAMING_BONUS = 0.15  # a sentence that names the asked thing, for "what is it called?" questions
RANK_WEIGHT = 0.05
FIGURE_RELATIVE = 0.7  # a "how many?" answer with no figure takes the best sentence this close that gives one
MIN_CHARS, MAX_CHARS = 40, 450
MIN_FRAGMENT = 80  # a sentence cut by the passage's end is quoted only when this long
MAX_EMBEDDED = 24  # sentences embedded per question
MIN_SHARE = 1e-4  # rarer words weigh no more than this share's
NAMING_REACH = 3  # sentences of its paragraph from a naming answer's sentence that may hold the name
NAMING_LOOKS = 2  # a "what is it called?" answer: the best sentences whose neighbours may hold the name


@dataclass(frozen=True)
class Scored:
    passage: Passage
    sentence: str  # verbatim (whitespace collapsed) from passage.text
    score: float
    similarity: float  # cosine of sentence and question
    overlap: float  # share of the question's keywords in the sentence


def candidate_sentences(passage: Passage) -> list[str]:
    """The passage's whole sentences; also its last one when the passage stops at a page end
    before the sentence does (quoted as far as the passage goes, verbatim)."""
    out = []
    lines = passage.text.rstrip().split("\n")
    for n, line in enumerate(lines):
        parts = [s for part in _PARA_START.split(line) for s in split_sentences(part)]
        for k, s in enumerate(parts):
            s = _LEAD.sub("", s).strip()
            last = n == len(lines) - 1 and k == len(parts) - 1
            whole = s.endswith((".", "?", "!", ")", "’", "”", ";"))
            if MIN_CHARS <= len(s) <= MAX_CHARS and (whole or (last and len(s) >= MIN_FRAGMENT)):
                out.append(s)
    return out


def score_sentences(
    question: str, topic: str, passages: list[Passage], embedder, limit: int = MAX_EMBEDDED, share=None
) -> list[Scored]:
    """The candidate sentences of the passages, best first. Only the `limit` sentences with
    the most keyword overlap (then passage rank) are embedded, to bound latency. share: a
    token -> the share of the reports' passages holding it (None: unknown); given, a rare word
    of the question counts for more in the ranking than a common one ("strategy meetings"
    over "child protection")."""
    qtok = set(tokenize(topic or question))
    # the question's words, and the same in the reports' words ("CSE": child sexual exploitation)
    alt = set(tokenize(reworded(topic or question)))

    shares = {t: share(t) for t in qtok | alt} if share else {}
    weight = {t: -math.log(max(known, MIN_SHARE)) if known else 1.0 for t, known in shares.items()}

    def weighted(asked: set[str], said: set[str]) -> float:
        total = sum(weight[t] for t in asked)
        return sum(weight[t] for t in asked & said) / total if total else 0.0

    cands = []
    for rank, p in enumerate(passages):
        for s in candidate_sentences(p):
            if TEMPLATE_TEXT.search(s) or not_prose(s):
                continue  # a cover page's title, the grading scale explained, a heading, contents
            stok = set(tokenize(s))
            overlap = max(len(qtok & stok) / len(qtok) if qtok else 0.0, len(alt & stok) / len(alt) if alt else 0.0)
            ranked = (overlap + max(weighted(qtok, stok), weighted(alt, stok))) / 2 if share else overlap
            cands.append((rank, p, s, overlap, ranked))
    if not cands:
        return []
    asked = asked_types(question)
    wants = [_ANSWER_TYPES[kind][1] for kind in asked]
    spelt = spelt_out(question)  # "what does SAFE stand for?": the words whose initials make it
    quoted = quoted_in(question)  # "labelling kids as 'hard to engage'": the words quoted, as said

    def bonus(s: str) -> float:
        return (
            ANSWER_TYPE_BONUS * any(_holds(rx, s) for rx in wants)
            + SPELT_BONUS * bool(spelt and spelt.search(s))
            + QUOTED_BONUS * bool(quoted and quoted.search(s))
        )

    cands = sorted(cands, key=lambda c: (-(c[4] + bonus(c[2])), c[0]))[:limit]
    # the sentences are weighed against what is asked, without the authority and the date (the
    # search is already narrowed to them; "Southend" in a sentence is no answer to "did southend
    # use b&b?"), in the reports' words too
    q = embedder.embed_query(expand(topic) if tokenize(topic or "") else question)
    vecs = embedder.embed_documents([c[2] for c in cands])
    sims = vecs @ np.asarray(q, dtype=np.float32)
    naming = "name" in asked
    things = asked_things(question) if naming else None
    scored = []
    for (rank, p, s, overlap, ranked), sim in zip(cands, sims):
        score = float(sim) + KEYWORD_WEIGHT * ranked + RANK_WEIGHT / (rank + 1) + bonus(s)
        if naming and overlap >= 0.5 and _NAMES_IT.search(s):  # "the front door, known as the SPOC"
            score += NAMING_BONUS
        elif things and things.search(s) and (_NAMES_IT.search(s) or _DEFINES.search(s) or _QUOTED_NAME.search(s)):
            # the kind of thing asked, named: "Pitstop is a foster care scheme…" for "name of the
            # short term foster care scheme?"; "initiatives such as ‘attachment aware schools’"
            score += NAMING_BONUS
        scored.append(Scored(p, s, score, float(sim), overlap))
    return sorted(scored, key=lambda x: -x.score)


# What kind of answer a question wants, and how a sentence that holds one looks: numbers for
# "how many / what proportion / how long", a named service or team for "what is it called",
# people or organisations for "who".
_ANSWER_TYPES = {
    "number": (
        re.compile(
            r"""\b(how\ many|how\ much|how\ long|how\ quickly|how\ (?:big|large|high|heavy|low|small)|what\ size|what\ (?:proportion|percentage|share|number|age|rate)
                          |number\ of|average|percent|per\ cent|from\ what\ age|by\ how\ much)\b""",
            re.I | re.X,
        ),
        re.compile(
            # a figure, not a year or a date's day ("inspected in May 2018" answers no "how many")
            r"(?<![\d,.])(?!(?:19|20)\d\d\b)\d[\d,.]*(?![\d,.])(?!\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
            # "one" as a count, not "One example of…"
            r"|%|\b(one(?!\s+(?:example|of|way|area|aspect|reason|feature|key|such|particular|notable|strength|weakness)\b)"
            r"|two|three|four|five|six|seven|eight|nine|ten|twelve|half|third|quarter|majority|minority|most|few)\b",
            re.I,
        ),
    ),
    "name": (
        re.compile(
            NAME_ASKED.pattern
            + r"""|\b(which\ (?:service|team|project|programme|hub|panel|board)|what\ (?:service|team|project|programme|hub|panel)
            |where(?:['’]s|\ is|\ are|\ do|\ does|\ can)?
            |(?:have|has|got|run|runs|offer|offers)\ (?:a|an|any)\ (?:[\w-]+\ ){0,3}?(?:team|service|project|programme|scheme|hub|unit|panel))\b""",
            re.I | re.X,
        ),
        re.compile(
            r"""(?<![.!?]\ )(?<!^)\b[A-Z][a-z]+(?:\ [A-Z][a-z]+)+|\b[A-Z]{3,}\b|[‘“'\"][A-Za-z]|\b(?:known|referred\ to)\ as\b
            | (?<![.!?]\ )(?<!^)\b[A-Z][\w'’-]+\ (?:team|service|project|programme|hub|panel|unit|scheme|model|group|house|centre)\b""",
            re.X,
        ),
    ),
    "duration": (
        re.compile(
            r"\b(how\ long|how\ quickly|how\ soon|waiting\ (?:times?|lists?)|wait(?:ed|s)?\ (?:for|before)|within\ how|timescales?)\b",
            re.I | re.X,
        ),
        re.compile(
            r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a\ few|several|\d+\ to\ \d+)\s+(?:working\s+)?(?:days?|weeks?|months?|years?|hours?)\b",
            re.I | re.X,
        ),
    ),
    "when": (
        re.compile(
            r"^\s*(?:and\s+|so\s+)?when\b|\b(?:what|which)\ year\b|\bhow\ long\ ago\b|\bsince\ when\b", re.I | re.X
        ),
        re.compile(
            r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
            r"|\b(?:since|recently|last\ year|this\ year)\b",
            re.X,
        ),
    ),
    # "any problems with the front door?": a sentence that finds fault
    "fault": (
        re.compile(
            r"\b(?:problems?|issues?|concerns?|weak(?:ness|nesses|er)?|shortcomings?|failings?|wrong|struggl\w*|gaps?)\b",
            re.I,
        ),
        CRITICISM,
    ),
    # "why…?", "what did ofsted put that down to?": a sentence that gives a cause
    "reason": (
        re.compile(
            r"""^\s*why\b|\bwhy\ (?:was|were|is|are|did|do|does|has|have)\b|\bput\ (?:that|this|it)\ down\ to\b|\bdown\ to\ what\b
            |\bwhat\ (?:was|is)\ the\ reason\b|\breasons?\ (?:for|why)\b|\bwhat\ (?:caused|led\ to|explains|drove)\b""",
            re.I | re.X,
        ),
        re.compile(
            r"""\b(?:because|due\ to|owing\ to|as\ a\ result\ of|result(?:s|ed)?\ (?:of|from)|underpin\w*|enabled\ by|thanks\ to
            |attributed\ to|contribut\w+\ to|driven\ by|stems?\ from|reflect(?:s|ing)?|means?\ that|so\ that)\b""",
            re.I | re.X,
        ),
    ),
    # "how much a week does sefton pay foster carers?": an amount of money
    "money": (
        re.compile(
            r"""\bhow\ much\b.*\b(?:pay|pays|paid|cost|costs|charge|allowances?|fees?|grants?|money|£|pounds|spend|spends|spent
            |worth|funding|invest\w*|put\ in)\b | \b(?:pay|pays|paid|allowances?|grants?|bursar(?:y|ies))\b.*\bhow\ much\b""",
            re.I | re.X,
        ),
        re.compile(r"£\s?\d|\b\d[\d,.]*\s?(?:pounds|million|m|k|bn|billion)\b", re.I),
    ),
    "who": (
        re.compile(r"^\s*who\b|\bwho\ (?:chairs|leads|runs|is\ responsible)", re.I | re.X),
        re.compile(
            r"""\b(chair|director|partnership|board|team|manager|officer|head\ of|lead\ member|chief\ executive
            | (?:delivered|provided|run|operated|managed|commissioned)\ (?:by|from|on\ behalf)|company|trust|charity|organisation)\b""",
            re.I | re.X,
        ),
    ),
}


_STANDS_FOR = re.compile(
    r"""\b(?:what\ (?:does|do|did|is)\ (?:the\ )?(?P<a>[A-Za-z]{2,8})\ (?:stand|short)\ for|what(?:\ is|['’]s)\ (?:the\ )?(?P<b>[A-Za-z]{2,8})\ short\ for
    |(?P<c>[A-Za-z]{2,8})\ stands?\ for\ what|(?:meaning|expansion)\ of\ (?:the\ )?(?P<d>[A-Z]{2,8})\b)""",
    re.I | re.X,
)
_SMALL_WORD = r"(?:of|and|the|for|to|in|on|with|at|from|by|&)"


def spelt_out(question: str) -> re.Pattern | None:
    """For "what does SAFE stand for?", a pattern of words whose initials spell the acronym
    ("safeguarding adolescents from exploitation"; small words may come between); else None."""
    m = _STANDS_FOR.search(question)
    if not m:
        return None
    letters = next(g for g in m.groups() if g)
    between = rf"[\s-]+(?:{_SMALL_WORD}[\s-]+)?"
    return re.compile(r"\b" + between.join(rf"{re.escape(c)}[\w'’]*" for c in letters.lower()), re.I)


_QUOTED = re.compile(r"(?<![\w'’])['\"‘“]([A-Za-z][\w\s'’-]{2,60}?)['\"’”](?![\w'’])")


def quoted_in(question: str) -> re.Pattern | None:
    """The words a question quotes ("'hard to engage'"), as a pattern over sentences (any
    quotation marks, any spacing); None when it quotes nothing."""
    found = [m.group(1).strip() for m in _QUOTED.finditer(question)]
    if not found:
        return None
    return re.compile("|".join(r"\b" + r"\s+".join(map(re.escape, f.split())) + r"\b" for f in found), re.I)


def asked_types(question: str) -> list[str]:
    """The kinds of answer a question asks for: "number", "name", "who" (none: a finding in general)."""
    return [kind for kind, (ask, _rx) in _ANSWER_TYPES.items() if ask.search(question)]


# the kinds of thing a "what is it called?" question asks the name of
_THING = (
    r"scheme|project|programme|initiative|service|team|group|panel|hub|council|forum|app|model|approach|unit"
    r"|pathway|charter|award|tool|partnership|network|pledge|club|centre|house|campaign|magazine|newsletter|website"
)
_THING_ASKED = re.compile(rf"\b({_THING})s?\b", re.I)
# a sentence that says what a named thing is: "Pitstop is a foster care scheme using…"
_DEFINES = re.compile(
    r"^(?:The\s+)?[‘“'\"]?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*[’”'\"]?\s+(?:is|was|are|were)\s+(?:an?|the)\s"
)
_QUOTED_NAME = re.compile(r"[‘“][A-Za-z][^’”]{1,40}[’”]")


def asked_things(question: str) -> re.Pattern | None:
    """The kinds of thing (scheme, group, service…) a naming question asks the name of, as a
    pattern over sentences; None when it names none."""
    found = {m.group(1).lower() for m in _THING_ASKED.finditer(question)}
    return re.compile(r"\b(?:" + "|".join(sorted(found)) + r")s?\b", re.I) if found else None


_COUNCIL = re.compile(r"\b(?:Council|Ofsted)\b")
# a sentence that gives something its name: what a "what is it called?" question wants
_NAMES_IT = re.compile(r"\b(?:known\ as|called|named|referred\ to\ as|branded\ as)\b|\(([A-Z]{2,})\)", re.X)


def pick(
    scored: list[Scored],
    max_sentences: int = 4,
    per_passage: int = 2,
    relative: float = 0.8,
    naming: bool = False,
    wanted: Sequence[str] = (),
    question: str = "",
) -> list[Scored]:
    """The best sentences: within `relative` of the best score, at most per_passage from one
    passage, no near-repeats; naming (a "what is it called?" question): when none of them
    names anything, the best one's neighbour in its paragraph that does ("The ‘Mockingbird’
    project is well established. Children and foster carers are matched together, …"); wanted
    (asked_types) holding "number" or "duration": when none of them gives a figure the question
    does not give, the best sentence close enough that does, or else the next sentence that goes
    on about one of them with one (_with_figure_after)."""
    if not scored:
        return []
    best = scored[0].score
    chosen: list[Scored] = []
    for s in scored:
        if len(chosen) >= max_sentences or s.score < best * relative:
            break
        if sum(1 for c in chosen if c.passage.chunk_id == s.passage.chunk_id) >= per_passage:
            continue
        words = set(s.sentence.lower().split())
        if any(
            len(words & set(c.sentence.lower().split())) / max(1, len(words | set(c.sentence.lower().split()))) > 0.7
            for c in chosen
        ):
            continue
        chosen.append(s)
    if naming and chosen and not any(_names_something(c.sentence) for c in chosen[:NAMING_LOOKS]):
        chosen = _with_named_neighbour(chosen)
    if "reason" in wanted and chosen and not any(_ANSWER_TYPES["reason"][1].search(c.sentence) for c in chosen):
        # "what did ofsted put that down to?": the best sentence close enough that gives a cause
        # takes the last place, even from a passage already quoted twice
        cause = next(
            (s for s in scored if s.score >= best * relative and _ANSWER_TYPES["reason"][1].search(s.sentence)), None
        )
        if cause is not None and cause not in chosen:
            chosen = [*chosen[: max_sentences - 1], cause]
    for kind in ("number", "duration"):
        figure = _ANSWER_TYPES[kind][1]
        if kind in wanted and chosen and not any(_new_figure(figure, c.sentence, question) for c in chosen):
            # the best sentence nearly close enough to be chosen that gives the figure takes the last
            # place ("With timescales over 40 weeks, …" for "how long was pre-proceedings work
            # dragging on?"); else the next sentence that goes on with one
            typed = next(
                (s for s in scored if s.score >= best * FIGURE_RELATIVE and _new_figure(figure, s.sentence, question)),
                None,
            )
            if typed is not None and typed not in chosen:
                chosen = [*chosen[: max_sentences - 1], typed]
            else:
                chosen = _with_figure_after(chosen, figure, question)
    return _with_continuations(chosen)


# a sentence going on about the one before it: "Ten children were living in such placements"
_GOES_ON = re.compile(r"\b(?:such|these|this|those|them|they|of\ whom|of\ which|it)\b", re.I | re.X)


def _new_figure(figure: re.Pattern, sentence: str, question: str) -> bool:
    """A figure in the sentence that the question does not give itself ("after the age of 18"
    answers no "how many stay put after 18?")."""
    given = {m.group(0).lower().rstrip(".,") for m in figure.finditer(question)}
    return any(m.group(0).lower().rstrip(".,") not in given for m in figure.finditer(sentence))


def _with_figure_after(chosen: list[Scored], figure: re.Pattern, question: str) -> list[Scored]:
    """A "how many?" answer none of whose sentences holds a figure: the first chosen sentence
    whose next one in its paragraph goes on about it with one ("…continues to use ‘fostering
    to adopt’ placements. Ten children were living in such placements…") gets that one after it."""
    for k, c in enumerate(chosen):
        sentences = candidate_sentences(c.passage)
        i = sentences.index(c.sentence) if c.sentence in sentences else -1
        # the next sentence, or the one after it when the next goes on about it too ("This is a
        # strong feature… Currently 52 young people are benefitting from this scheme…")
        for j in range(i + 1, min(i + 3, len(sentences)) if i >= 0 else 0):
            nxt = sentences[j]
            if not _GOES_ON.search(nxt):
                break
            if _new_figure(figure, nxt, question) and all(o.sentence != nxt for o in chosen):
                between = [
                    Scored(c.passage, t, c.score, c.similarity, c.overlap)
                    for t in sentences[i + 1 : j + 1]
                    if all(o.sentence != t for o in chosen)
                ]
                return [*chosen[: k + 1], *between, *chosen[k + 1 :]]
    return chosen


def gives_amount(chosen: Sequence[Scored]) -> bool:
    """Whether a quoted sentence gives an amount of money (what a "how much does it pay?" answer needs)."""
    return any(_ANSWER_TYPES["money"][1].search(c.sentence) for c in chosen)


def _holds(rx: re.Pattern, sentence: str) -> bool:
    """rx matches the sentence other than in the council's own name (no name asked for)."""
    return any(not _COUNCIL.search(m.group(0)) for m in rx.finditer(sentence))


def _names_something(sentence: str) -> bool:
    """A name in the sentence (a quoted or capitalised name, not the council's own)."""
    return _holds(_ANSWER_TYPES["name"][1], sentence)


_NUMBERED = re.compile(r"(?:^|\s)\d{1,3}\.\s(?=[A-Z‘“(])")


def _same_paragraph(passage: Passage, sentences: list[str], i: int) -> set[int]:
    """The indexes of the sentences in the numbered paragraph of sentence i (just i when the
    passage has no numbered paragraphs)."""
    text = " ".join(passage.text.split())
    at = text.find(sentences[i])
    if at < 0:
        return {i}
    starts = [m.end() for m in _NUMBERED.finditer(text)]
    begin = max((p for p in starts if p <= at), default=0)
    end = min((p for p in starts if p > at), default=len(text))
    return {j for j, s in enumerate(sentences) if begin <= text.find(s) < end}


def _with_named_neighbour(chosen: list[Scored]) -> list[Scored]:
    """chosen with a sentence that names something near one of its best NAMING_LOOKS: in its
    numbered paragraph, at most NAMING_REACH sentences away, nearest first ("The Care
    Leavers Independence Collective has a powerful voice. … Initiatives they have co-produced
    include transport cards…")."""
    for k, c in enumerate(chosen[:NAMING_LOOKS]):
        sentences = candidate_sentences(c.passage)
        if c.sentence not in sentences:
            continue
        i = sentences.index(c.sentence)
        paragraph = _same_paragraph(c.passage, sentences, i)
        nearest = sorted((j for j in paragraph - {i} if abs(j - i) <= NAMING_REACH), key=lambda j: (abs(j - i), j > i))
        for j in nearest:
            if _names_something(sentences[j]):
                if any(o.sentence == sentences[j] for o in chosen):
                    return chosen
                named = Scored(c.passage, sentences[j], c.score, c.similarity, c.overlap)
                return [*chosen[:k], named, *chosen[k:]] if j < i else [*chosen[: k + 1], named, *chosen[k + 1 :]]
    return chosen


def _with_continuations(chosen: list[Scored]) -> list[Scored]:
    """Each chosen sentence followed by the next sentence of its paragraph when that one
    completes it ("This means…", "However, …") or the chosen one ends with a colon."""
    out: list[Scored] = []
    for s in chosen:
        out.append(s)
        sentences = candidate_sentences(s.passage)
        if s.sentence not in sentences:
            continue
        i = sentences.index(s.sentence)
        if i + 1 < len(sentences) and (continues(sentences[i + 1]) or s.sentence.endswith(":")):
            nxt = sentences[i + 1]
            if all(c.sentence != nxt for c in chosen + out):
                out.append(Scored(s.passage, nxt, s.score, s.similarity, s.overlap))
    return out
