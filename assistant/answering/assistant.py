"""Assistant: question (+ conversation) -> Answer with [n] citations.

The default answerer is extractive and deterministic (no LLM): judgement, inspector, date
and "needs to improve" questions are answered from the extracted report metadata, cited to
the page that states it; aggregate questions from the judgements table; other questions
by quoting the best sentences of the retrieved passages. It abstains when the evidence is
weak. An LLM answerer is optional (answering/llm.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ..catalog import in_range
from ..keyword import NAMED_SHARE, tokenize
from ..query import QueryFilters
from ..query.places import out_of_scope, outside_england, unknown_place
from ..query.regions import region_in
from ..query.spelling import correct
from ..query.synonyms import expand, reworded
from ..records import Answer, ReportMeta
from ..retrieval import Retriever
from ..vocabulary import ASKING_WORDS, content_words, words
from . import aggregate, yes_no
from .extractive import asked_types, gives_amount, pick, score_sentences
from .facts import TEMPLATES, Draft, Facts, human_date, when
from .intent import (
    ALL_INSPECTIONS,
    EVERY_AREA,
    HAS_ONE,
    NAME_ASKED,
    Intent,
    also_asked,
    areas_in,
    asks_yes_no,
    bare,
    classify,
    compares,
    framework_in,
    own_topic,
    than_before,
)

# Evidence for a general answer: cosine of the best sentence + OVERLAP_WEIGHT x the share of
# the question's keywords in it. Calibrated on on-topic and off-topic questions written for
# the purpose (tests/data/calibration_questions.jsonl), not on the dev questions.
OVERLAP_WEIGHT = 0.3
MIN_EVIDENCE = 0.56
MIN_EVIDENCE_OFF_FIELD = 0.8  # when the question has none of the field's words
# a field question about a named authority's report (the search is already narrowed to it)
MIN_EVIDENCE_NAMED = 0.45
PASSAGES_PER_ANSWER = 8  # passages a quoted answer chooses its sentences from
_DOMAIN = re.compile(
    r"\b("
    + "|".join(
        re.escape(t)
        for t in json.loads((Path(__file__).resolve().parent.parent / "data" / "domain_terms.json").read_text())[
            "terms"
        ]
    )
    + ")",
    re.I,
)
MAX_REPORTS_PER_ANSWER = 3
_ASKING = frozenset(tokenize(" ".join(ASKING_WORDS)))  # stems of the words about asking
# an inspection or report named by its year: "the 2019 inspection", "2019 ofsted report", "the
# inspection in 2019"
_INSPECTION_DATED = re.compile(
    r"\b(?:19|20)\d\d\s+(?:[\w'’]+\s+){0,2}?(?:inspection|report|ofsted|visit)s?\b"
    r"|\b(?:inspection|report|visit)\s+(?:of|in|from)\s+(?:\w+\s+)?(?:19|20)\d\d\b",
    re.I,
)
_FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|also|same for|and for|and what about|what of|ok and|now|same (?:question|again|thing|for)|how does that compare)\b|^\s*\w+( \w+){0,3}\?\s*$",
    re.I,
)
_FOLLOW_UP_NAME = re.compile(
    r"^\s*(?:and|what about|how about|and what about|same for|what of)\s+(?:the\s+)?([A-Za-z](?:(?!\d)[\w'’ -]){2,40}?)(?:['’]s)?\s*\??\s*$",
    re.I,
)
_RECENCY_OR_DATE = re.compile(
    r"\b(one|before|after|that|then|previous|latest|first|last|next|\d{4}|it|this|them|they|overall|now|still|currently|today|again|too|also|instead|earlier|later|since)\b",
    re.I,
)
# words of a follow-up that only points at another authority or year ("and cambridgeshire the same year?")
_FOLLOW_UP_FILLER = content_words(
    "and what about how same for also then there year time again please instead question thing "
    "use uses used using work works"
)
_SAME_TIME = re.compile(
    r"\b(?:(?:the\s+)?same\s+(?:year|time|date)|that\s+year|at\s+(?:that|the\s+same)\s+time)\b", re.I
)
# words of an earlier question that say nothing of its subject ("was … any good in 2019?")
_NOT_ABOUT = content_words(
    "what which who how when where why was were is are did does do has have had any good bad ok okay well poor "
    "tell say said find found ofsted inspectors inspection report about like enough really quite much many "
    "called call name named whats rating ratings rated grade grades graded judgement judgements judged result "
    "results overall latest recent effectiveness somewhere something anything thing " + " ".join(ASKING_WORDS)
)


def _about(topic: str) -> str:
    """The words of an earlier question's topic that name its subject: "was 's out of hours
    service any good in?" -> "out hours service"."""
    return " ".join(
        w for w in words(topic) if content_words(w) and not w.isdigit() and not content_words(w) <= _NOT_ABOUT
    )


# words that point back at what the earlier turn was about: "what is it called?", "what was that one called?"
_BACK_REFERENCE = re.compile(r"\b(?:it|its|that|this|these|those|they|them|their|one|ones)\b", re.I)


OWN_SUBJECT = 2  # words of its own that make what a follow-up asks the name of its own subject


def _refers_back(topic: str) -> bool:
    """Whether a follow-up is about the earlier turn's subject: any but a question asking the
    name of a thing it describes itself ("and what's the group for kids in care called there?",
    not "what is it called?" nor "what's the service called?"). Other follow-ups often leave
    the subject unsaid ("is there a phone line professionals can ring?" after the MASH)."""
    if not NAME_ASKED.search(topic) or _BACK_REFERENCE.search(topic):
        return True
    own = [w for w in _about(topic).split() if not content_words(w) <= _FOLLOW_UP_FILLER]
    return len(own) < OWN_SUBJECT


# a change asked of one dated inspection: the change into it from the one before ("did it get out
# of inadequate at the 2018 reinspection?"), unless asked against now ("better now than in 2014?",
# read as the latest) or since it
_AT_THAT_ONE = re.compile(
    r"\b(?:at|in|by|with)\s+(?:the|its|their|that)\s+(?:\d{4}\s+)?(?:re-?inspection|inspection|visit|report|one)\b|\bre-?inspect\w*",
    re.I,
)


# "when was that?", "when did that happen?", "when did they visit?": the inspection's dates; not
# "when did that go fully live?" (what the earlier turn found)
_WHEN_THAT = re.compile(
    r"^\s*(?:and\s+)?(?:roughly\s+|so\s+)?when\s+(?:was|were|did)\s+(?:that|it|this|they)\b"
    r"(?:\s+(?:inspection|report|one|visit))?"
    r"(?=\s*(?:[?.!]|$)|\s+(?:happen|take\s+place|visit|inspect|come|go\s+in|carried\s+out|done|on\s+site|there|published|out)\b)",
    re.I,
)
# "when was it set up?": the start of what the earlier turn found, not the inspection's dates
_STARTED = re.compile(
    r"\b(?:set\s+up|start\w*|launch\w*|introduc\w*|creat\w*|establish\w*|open\w*|begin|began|begun|form(?:ed)?"
    r"|commission\w*|brought\s+in|put\s+in\s+place|come\s+in|came\s+in)\b",
    re.I,
)


# a grade asked of every area: "outstanding across the board?"


def _same_dates(f: QueryFilters, earlier: QueryFilters) -> QueryFilters:
    """f asking about the period (or recency) the earlier turn asked about."""
    return replace(
        f,
        published_from=earlier.published_from,
        published_to=earlier.published_to,
        exact_date=earlier.exact_date,
        recency=earlier.recency,
        date_text=earlier.date_text,
    )


def evidence(s) -> float:
    """How well the best sentence supports answering at all (see MIN_EVIDENCE)."""
    return s.similarity + OVERLAP_WEIGHT * s.overlap


class Assistant:
    def __init__(self, retriever: Retriever, llm=None):
        self.retriever = retriever
        self.facts = Facts(retriever)
        self.llm = llm  # an optional LLMAnswerer

    @classmethod
    def open(cls, **kwargs) -> Assistant:
        """Open the index like Retriever.open(...) (same arguments and env settings); the LLM
        answerer is switched on when ASSISTANT_LLM_BASE_URL is set."""
        retriever = Retriever.open(**kwargs)
        llm = None
        if retriever.settings.llm_base_url:
            from .llm import LLMAnswerer

            llm = LLMAnswerer.from_settings(retriever.settings)
        return cls(retriever, llm)

    # -- public ---------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        history: Sequence[tuple[str, str]] = (),
        authority: str | list[str] | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
    ) -> Answer:
        """Answer a question. history: earlier (question, answer) turns, oldest first."""
        asked = question
        question = self._correct(question)  # misspelt words ("inadequte", "agancy")
        filters, intent = self.understand(question, history, authority, published_from, published_to)
        refusal = self._out_of_scope(question, filters, history)
        if refusal:
            return replace(refusal, question=asked)
        if intent.kind == "general" and history:
            # "and in bolton in 2014?" after a finding question asks that question of Bolton
            subject, earlier = self._subject(question, history)
            context = " ".join(q for q, _ in history)
            if subject != question:
                answer = self._answer(subject, replace(filters, topic=subject), intent, context=context)
            else:  # "who runs it?" after a question on the out-of-hours service: searched with it
                named = self.retriever.matcher.find(question, in_field=True)
                about = _about(earlier) if earlier and not named and _refers_back(filters.topic) else ""
                search = f"{question} {about}" if about else ""
                if about:  # its words count as the question's in the quoted sentences too
                    filters = replace(filters, topic=f"{filters.topic} {about}")
                answer = self._answer(question, filters, intent, context=context, search=search)
        else:
            answer = self._answer(question, filters, intent)
        if self.llm is not None and not answer.abstained and intent.kind == "general":
            *_, answer = self.llm.answer(self, question, filters, history, answer)
        return replace(answer, question=asked)

    def ask_stream(
        self,
        question: str,
        history: Sequence[tuple[str, str]] = (),
        authority=None,
        published_from=None,
        published_to=None,
    ) -> Iterator[str | Answer]:
        """Yield the answer text as it grows (str), then the final Answer. With an LLM the
        streamed text is the model's draft; the final Answer keeps only verified sentences."""
        filters, intent = self.understand(question, history, authority, published_from, published_to)
        if self.llm is not None and intent.kind == "general" and not self._out_of_scope(question, filters, history):
            extractive = self._answer(question, filters, intent)
            if not extractive.abstained:
                yield from self.llm.answer(self, question, filters, history, extractive)
                return
        answer = self.ask(question, history, authority, published_from, published_to)
        words = answer.text.split(" ")
        for i in range(0, len(words), 12):
            yield " ".join(words[: i + 12])
        yield answer

    def understand(
        self,
        question: str,
        history: Sequence[tuple[str, str]] = (),
        authority=None,
        published_from=None,
        published_to=None,
    ) -> tuple[QueryFilters, Intent]:
        """The question's filters and kind, with the conversation folded in: each earlier
        turn is resolved in order, and a follow-up builds on the turn before it."""
        state = None
        for past_q, _ in history:
            past_q = self._correct(past_q)
            state = self._merge(state, past_q, self._framework_period(past_q, self.retriever.understand(past_q)))
        question = self._correct(question)
        f = self.retriever.understand(question, authority, published_from, published_to)
        return self._merge(state, question, self._framework_period(question, f))

    def _framework_period(self, question: str, f: QueryFilters) -> QueryFilters:
        """ "at the time of the single inspection", "its ILACS inspection": for one authority and no
        date, the period of its reports under that framework."""
        framework = framework_in(question)
        if not framework or len(f.authorities) != 1 or f.has_date or f.recency:
            return f
        under = [m.published for m in self.retriever.catalog.history(f.authorities[0]) if m.framework == framework]
        if not under:
            return f
        return replace(f, published_from=min(under), published_to=max(under), date_text=f"the {framework} inspection")

    def _subject(self, question: str, history: Sequence[tuple[str, str]]) -> tuple[str, str]:
        """(what a finding question asks about, the latest earlier subject): the question's
        own words, or, for a follow-up that only names another authority or year ("what about
        stoke in 2019?"), the earlier subject: the words of the latest earlier question that
        had one, without its authority and date."""
        earlier = ""
        for past_q, _ in reversed(history):
            topic = self.retriever.understand(self._correct(past_q)).topic
            if content_words(topic) - _FOLLOW_UP_FILLER:
                earlier = topic
                break
        own = self.retriever.understand(self._correct(question)).topic
        if content_words(own) - _FOLLOW_UP_FILLER or not earlier:
            return question, earlier
        return earlier, earlier

    # -- routing --------------------------------------------------------------------------
    def _classify(self, question: str, f: QueryFilters) -> Intent:
        return classify(question, len(f.authorities), self.retriever.embedder, f.topic)

    def _merge(
        self, prev: tuple[QueryFilters, Intent] | None, question: str, f: QueryFilters
    ) -> tuple[QueryFilters, Intent]:
        """Follow-ups inherit what the earlier turn said: "And Leeds?" keeps the kind and area
        of question; "and the one before that?" moves along the same authority's history;
        "who led it?" keeps the authority and inspection."""
        intent = self._classify(question, f)
        if prev is None:
            if (
                intent.kind == "general"
                and f.authorities
                and bare(f.topic)
                and not asked_types(question)
                and not HAS_ONE.search(question)  # "does leeds have a MASH?" asks whether, not how it was judged
            ):
                intent = Intent("judgement", area="overall", summary=True)  # "kirklees 2019", "leeds ofsted?"
            return f, intent
        pf, pintent = prev
        follow_up = bool(_FOLLOW_UP.search(question))
        if not f.authorities and pf.authorities:
            named = self.retriever.matcher.find(question, in_field=True)  # "and bury?"
            if named:
                f = replace(f, authorities=named)
                intent = self._classify(question, f)
        if f.authorities:
            if (_SAME_TIME.search(question) or follow_up) and not (f.published_from or f.published_to or f.recency):
                dated = _same_dates(f, pf)
                # "and cambridgeshire the same year?"; "and wigan?" after "in harrow in 2017": the
                # same period when that authority has a report in it, else its latest
                if _SAME_TIME.search(question) or (
                    (pf.published_from or pf.published_to) and self.retriever.catalog.select(dated).reports
                ):
                    f = dated
                    if _SAME_TIME.search(question) and not self.retriever.catalog.select(f).reports:
                        f = self._nearest_in_time(f, pf)
            if (
                pf.authorities
                and re.search(r"\b(compare[sd]?|comparison|versus|vs)\b", question, re.I)
                and len(f.authorities) == 1
            ):
                f = replace(f, authorities=tuple(dict.fromkeys(pf.authorities + f.authorities)))
                return f, Intent("comparison", area=pintent.area or "overall")
            if follow_up and intent.kind == "general" and pintent.kind != "general" and not asked_types(question):
                areas = [a for a in areas_in(question) if a != "overall"]
                intent = replace(pintent, area=areas[0] if areas else pintent.area)
                if pintent.kind == "comparison":
                    intent = Intent("judgement", area=intent.area)
            return f, intent
        if not pf.authorities:
            return f, intent
        f = replace(f, authorities=pf.authorities[:1] if pintent.kind == "comparison" else pf.authorities)
        if than_before(question) and compares(question) and not (f.published_from or f.published_to):
            f = replace(f, recency="")  # "was that better than last time?": that one against the one before
        if f.recency in ("previous", "next") and not (f.published_from or f.published_to):
            f = self._step(pf, f)
        elif not (f.published_from or f.published_to or f.recency or f.exact_date):
            f = _same_dates(f, pf)
        intent = self._classify(question, f)
        own_dates = f.published_from or f.published_to
        if intent.kind == "change" and own_dates and (pf.published_from or pf.published_to) and not f.recency:
            # "cornwall overall 2019" then "did they keep that in 2024?": from the earlier date to this one
            lo = (
                min(d for d in (pf.published_from, f.published_from) if d)
                if (pf.published_from or f.published_from)
                else ""
            )
            hi = max(d for d in (pf.published_to, f.published_to) if d) if (pf.published_to or f.published_to) else ""
            f = replace(f, published_from=lo, published_to=hi, date_text=f"{pf.date_text} to {f.date_text}")
        # a follow-up keeps the earlier kind of question ("and in 2018?"), unless it asks for a
        # number, a name or a person ("what do they call their MASH?"); a short question that is
        # not worded as a follow-up keeps it only without a subject of its own ("were PAs'
        # caseloads ok?" is a finding)
        # ("what about kids who keep going missing and get drawn into gangs?" has a subject of its
        # own: three words of it make a finding, after a judgement question too)
        if (
            intent.kind == "general"
            and (follow_up or len(question.split()) <= 6)
            and not own_topic(f.topic, 2 if not follow_up else 3)
            and pintent.kind != "general"
            and not asked_types(question)
        ):
            areas = [a for a in areas_in(question) if a != "overall"]
            if pintent.kind in ("judgement", "change"):  # "and in 2018?" asks the same, yes/no included
                intent = replace(pintent, area=areas[0] if areas else pintent.area)
            elif pintent.kind == "comparison":
                intent = Intent("judgement", area=areas[0] if areas else pintent.area)
            elif not areas:
                intent = pintent
        if _WHEN_THAT.search(question) and not _STARTED.search(question):
            intent = Intent("inspection_dates")
        return f, intent

    def _nearest_in_time(self, f: QueryFilters, pf: QueryFilters) -> QueryFilters:
        """ "and bolton, around the same time?" when Bolton has no report in the earlier turn's
        period: its report published nearest to the one the earlier turn used."""
        catalog = self.retriever.catalog
        used = catalog.select(pf).reports
        theirs = [r for a in f.authorities for r in catalog.history(a) if r.published]
        if not used or not theirs:
            return f
        day = dt.date.fromisoformat(used[-1].published)
        near = min(theirs, key=lambda r: abs((dt.date.fromisoformat(r.published) - day).days))
        return replace(
            f,
            published_from=near.published,
            published_to=near.published,
            exact_date="",
            recency="",
            date_text=f"nearest in time to {human_date(used[-1].published)} (published {human_date(near.published)})",
        )

    def _step(self, pf: QueryFilters, f: QueryFilters) -> QueryFilters:
        """The report before / after the one the earlier turn used."""
        chosen = self.retriever.catalog.select(pf).reports
        if not chosen:
            return f
        ref = chosen[0] if f.recency == "previous" else chosen[-1]
        if f.recency == "previous":
            day = (dt.date.fromisoformat(ref.published) - dt.timedelta(days=1)).isoformat()
            return replace(
                f,
                published_from="",
                published_to=day,
                recency="latest",
                exact_date="",
                date_text=f"before {human_date(ref.published)}",
                stepped="previous",
            )
        day = (dt.date.fromisoformat(ref.published) + dt.timedelta(days=1)).isoformat()
        return replace(
            f,
            published_from=day,
            published_to="",
            recency="first",
            exact_date="",
            date_text=f"after {human_date(ref.published)}",
            stepped="next",
        )

    def _out_of_scope(self, question: str, f: QueryFilters, history=()) -> Answer | None:
        """Places that are not English authorities in the index, and topics the reports do not cover."""
        if history and not self.retriever.matcher.find(question, in_field=True):
            outside = outside_england(question)
            name = _FOLLOW_UP_NAME.match(question)
            if outside:
                return self._abstain(question, [TEMPLATES["out_of_scope"].format(reason=outside.reason)])
            if name and not (
                areas_in(name.group(1))
                or _DOMAIN.search(name.group(1))
                or _RECENCY_OR_DATE.search(name.group(1))
                or self._classify(name.group(1), f).kind != "general"
            ):
                return self._abstain(question, [f"No inspection report of {name.group(1)} is in the index."])
            return None
        if not f.authorities:
            outside = outside_england(question) or out_of_scope(question)
            if outside:
                return self._abstain(question, [TEMPLATES["out_of_scope"].format(reason=outside.reason)])
            unknown = unknown_place(question, self.retriever.matcher, self._known_word)
            if unknown:
                return self._abstain(
                    question,
                    [
                        f"No inspection report of {unknown} is in the index: it is not an "
                        "English local authority that Ofsted has inspected, as far as the index knows."
                    ],
                )
        elif outside := out_of_scope(question, in_field=bool(_DOMAIN.search(f.topic))):
            return self._abstain(question, [TEMPLATES["out_of_scope"].format(reason=outside.reason)])
        return None

    def _correct(self, question: str) -> str:
        """The question with misspelt key words, text-speak and slips of common words put right
        (not words the reports use, "neet", nor the names of authorities, "lincs")."""
        return correct(question, self._kept_as_typed, self._meant)

    def _kept_as_typed(self, word: str) -> bool:
        return self._known_word(word) or bool(self.retriever.matcher.find(word, in_field=True))

    def _meant(self, word: str) -> bool:
        """A word a slip may be read as: a known word, not a town ("borchester" is no "dorchester")."""
        return self._kept_as_typed(word) and not self.retriever.matcher.is_town(word)

    def _known_word(self, word: str) -> bool:
        """A word of the reports (so not an unknown place) or of the field's vocabulary."""
        return self.retriever.knows_word(word) or bool(_DOMAIN.match(word))

    def _answer(self, question: str, f: QueryFilters, intent: Intent, context: str = "", search: str = "") -> Answer:
        """context: the conversation's earlier questions (a follow-up is in the field if they
        are); search: the text to retrieve passages with, when not the question."""
        catalog = self.retriever.catalog
        selection = catalog.select(f)
        notes = list(selection.notes)
        if intent.kind in ("framework", "aggregate", "transition"):
            return self._national(question, f, intent, notes)
        if intent.kind == "change" and f.authorities:
            return self._change(question, f, intent)
        if selection.restricted and not selection.reports:
            # about events, not a judgement, and not of an inspection named by its year ("the
            # 2019 york ofsted inspection" that never was)
            finding = (intent.kind == "general" or intent.findings) and not _INSPECTION_DATED.search(question)
            if finding and f.authorities and (f.published_from or f.published_to):
                later = [r for a in f.authorities if (r := catalog.first_after(a, f.published_to or f.published_from))]
                if later:  # a date of events, not of publication: the next report describes them
                    note = TEMPLATES["event_date_note"].format(
                        period=f.date_text or "that period",
                        report=", ".join(f"{r.local_authority} ({when(r)})" for r in later),
                    )
                    f = replace(
                        f,
                        published_from=later[0].published,
                        published_to=later[-1].published,
                        recency="",
                        exact_date="",
                    )
                    if not intent.findings:
                        return self._general(question, f, [note], context, search)
                    selection, notes = catalog.select(f), [note]  # the area's judgement there, then its findings
            if not selection.reports:
                return self._abstain(question, notes, nearest=[r for a in f.authorities for r in catalog.history(a)])
        if intent.kind == "comparison" and selection.restricted:
            latest = {}
            for meta in selection.reports:
                latest[meta.local_authority] = meta
            named = [n.lower() for n in f.authorities]  # in the order the question names them
            chosen = sorted(
                latest.values(),
                key=lambda m: (
                    named.index(m.local_authority.lower()) if m.local_authority.lower() in named else len(named)
                ),
            )
            draft, graded = aggregate.compare(chosen, intent.area, self.facts)
            verdict = aggregate.compare_verdict(question, graded) if intent.yes_no else ""
            if verdict:
                draft.lines[0] = f"{TEMPLATES[verdict]} {draft.lines[0]}"
            return self._finish(question, draft, reports=chosen, notes=notes)
        if (
            intent.kind in ("judgement", "lead_inspector", "inspection_dates", "published_date", "improve")
            and selection.restricted
        ):
            reports = list(selection.reports)[-MAX_REPORTS_PER_ANSWER:]
            if intent.summary and not (f.published_from or f.published_to or f.recency):
                reports = reports[-1:]  # "what did ofsted say about kent?": its latest report
            draft = Draft([], [])
            intents = [intent, *also_asked(question, intent)]
            for meta in reports:
                for it in intents:
                    self._fact(meta, it, draft)
            if intent.kind == "judgement" and intent.yes_no and intent.grade and len(reports) == 1 and draft.citations:
                yes = self._has_grade(question, reports[0], intent)
                if yes is not None:
                    draft.lines[0] = f"{TEMPLATES['yes' if yes else 'no']} {draft.lines[0]}"
            if intent.findings and draft.citations:
                # the area's judgement, then what the report found on it, quoted
                meta = reports[-1]
                on = replace(f, published_from=meta.published, published_to=meta.published, recency="", exact_date="")
                found = self._general(question, on, notes, context, search, draft=draft)
                if not found.abstained:
                    return found
            if draft.citations or draft.lines:
                return self._finish(question, draft, reports=reports, notes=notes)
        return self._general(question, f, notes, context, search)

    @staticmethod
    def _has_grade(question: str, meta: ReportMeta, intent: Intent) -> bool | None:
        """A yes/no judgement question's answer from the report's grades; None: the grades
        say neither."""
        if intent.any_area and meta.judgements:  # "was anything rated below good?", "good in every area?"
            every = all if EVERY_AREA.search(question) else any
            return every(aggregate.grade_matches(a.grade, intent.grade) for a in meta.judgements)
        j = aggregate._judged(meta, intent.area or "overall")
        if j is not None:
            return aggregate.grade_matches(j.grade, intent.grade)
        if (intent.area or "overall") != "overall":
            return None
        # no overall grade (the 2026 framework): yes when every area has the grade asked
        # ("outstanding across the board?"), no when none has, else the list speaks
        matches = {aggregate.grade_matches(a.grade, intent.grade) for a in meta.judgements}
        if EVERY_AREA.search(question) and matches:
            matches = {all(matches)}
        return matches.pop() if len(matches) == 1 else None

    def _national(self, question: str, f: QueryFilters, intent: Intent, notes: list[str]) -> Answer:
        """Questions over all authorities, limited to a region ("which London boroughs…?") and,
        for grades, to a framework ("… under the single inspection framework"); each limit is
        said first."""
        catalog = self.retriever.catalog
        region = region_in(question)
        among = region.authorities if region else ()
        framework = framework_in(question) if intent.kind == "aggregate" else ""
        reports = [
            r
            for r in catalog.reports
            if (not among or r.local_authority.lower() in among) and (not framework or r.framework == framework)
        ]
        if intent.kind == "framework":
            draft = aggregate.inspected_under(reports, intent.grade, f, self.facts)
        elif intent.kind == "transition":
            draft = aggregate.transitions(catalog, intent.area, intent.grades, f, self.facts, among)
            notes = []
        elif intent.grade:
            draft = aggregate.judged(reports, intent.area, intent.grade, f, self.facts)
        else:
            draft = aggregate.counts(reports, intent.area, f)
        limits = [TEMPLATES["framework_note"].format(framework=framework)] if framework else []
        limits += [TEMPLATES["region_note"].format(region=region.name)] if region else []
        if limits and draft.lines:
            draft.lines[0] = " ".join([*reversed(limits), draft.lines[0]])
        return self._finish(question, draft, reports=(), notes=notes)

    def _change(self, question: str, f: QueryFilters, intent: Intent) -> Answer:
        catalog = self.retriever.catalog
        authority = f.authorities[0]
        reports = catalog.history(authority)
        if f.published_from or f.published_to:
            lo, hi = f.published_from or "0000", (f.published_to or "9999") + "~"
            inside = [r for r in reports if r.published and lo <= r.published <= hi]
            if len(f.date_ranges) >= 2:
                # "compare the 2019 and 2022 inspections": 2022's was published in January 2023
                named = {
                    r
                    for lo_, hi_ in f.date_ranges
                    for r in in_range(reports, replace(f, published_from=lo_, published_to=hi_, exact_date=""))
                }
                if len(named) > len(inside):
                    inside = sorted(named, key=lambda r: r.published)
            at = reports.index(inside[0]) if inside else -1
            if f.recency == "first" and f.published_from and not f.published_to and at > 0:
                inside = [reports[at - 1], inside[0]]  # "was the next one better?": against the one before
            elif f.stepped == "previous" and inside[-1] is not reports[-1]:
                # "was the one before that any better?": against the one the earlier turn was about
                inside = [inside[-1], reports[reports.index(inside[-1]) + 1]]
            elif len(inside) == 1 and than_before(question) and at > 0:
                inside = [reports[at - 1], *inside]  # "was that better than last time?"
            elif len(inside) == 1 and ALL_INSPECTIONS.search(question):
                inside = (
                    reports[at:] if inside[0] is not reports[-1] else reports[at - 1 :]
                )  # "over the years since 2019"
            elif (
                len(inside) == 1
                and at > 0
                and _AT_THAT_ONE.search(question)
                and f.recency != "latest"
                and f.published_to
            ):
                inside = [reports[at - 1], *inside]  # "did darlington get out of inadequate at the 2018 reinspection?"
            elif len(inside) == 1 and inside[0] is not reports[-1]:
                # "what did the next inspection say?": the one after; "better now than in 2014?": the latest
                after = reports[at + 1] if f.recency == "next" else reports[-1]
                inside = [*inside, after]
            elif len(inside) == 1 and len(reports) > 1:
                inside = [reports[-2], *inside]  # "since 2025" (the latest): from the one before
            reports = inside
        elif ALL_INSPECTIONS.search(question) and f.recency not in ("latest", "previous", "next"):
            pass  # "has Plymouth been stuck on requires improvement at every inspection?"
        elif f.recency != "first":
            reports = reports[-2:]
        if not reports:
            return self._abstain(
                question,
                [f"No report of {authority.title()} published in {f.date_text or 'that period'} is in the index."],
                nearest=catalog.history(authority),
            )
        draft, direction = aggregate.change(reports, intent.area, self.facts)
        # "was the one before that any better?" asks of the earlier report: better if it declined since
        asked_of = {"improved": "declined", "declined": "improved"} if f.stepped == "previous" else {}
        verdict = (
            aggregate.change_verdict(question, reports, intent.area, asked_of.get(direction, direction))
            if intent.yes_no
            else ""
        )
        if verdict:
            draft.lines[0] = f"{TEMPLATES[verdict]} {draft.lines[0]}"
        notes = [f"Compared the inspections published {', '.join(human_date(r.published) for r in reports)}."]
        return self._finish(question, draft, reports=reports, notes=notes)

    def _fact(self, meta: ReportMeta, intent: Intent, draft: Draft) -> None:
        if intent.kind == "judgement":
            if self.facts.judgement(meta, intent.area or "overall", draft) and (intent.summary or intent.any_area):
                self.facts.area_grades(meta, draft)  # the whole report: each area's grade too
        elif intent.kind == "lead_inspector":
            self.facts.lead_inspector(meta, draft)
        elif intent.kind in ("inspection_dates", "published_date"):
            self.facts.dates(meta, intent.kind, draft)
        elif intent.kind == "improve":
            self.facts.improvements(meta, draft)

    def _general(
        self,
        question: str,
        f: QueryFilters,
        notes: list[str],
        context: str = "",
        search: str = "",
        draft: Draft | None = None,
    ) -> Answer:
        """Quoted findings (draft: what the answer already says, the quotes go after it)."""
        f = self._naming_report(f, notes)
        # searched in the reports' words too: "EDT" is the emergency duty team (query/synonyms.py)
        searched = expand(search or question)
        r = self.retriever.retrieve(searched, k=PASSAGES_PER_ANSWER, filters=f)
        scored = score_sentences(
            searched, f.topic, list(r.passages), self.retriever.embedder, share=self.retriever.passage_share
        )
        if not scored or max(evidence(s) for s in scored[:3]) < self._evidence_needed(f, searched, context, scored):
            nearest = list({p.citation.report_id: p for p in r.passages}.values())
            metas = [
                self.retriever.catalog.by_id[p.citation.report_id]
                for p in nearest
                if p.citation.report_id in self.retriever.catalog.by_id
            ]
            return self._abstain(question, notes, nearest=metas[:3])
        wanted = asked_types(searched)
        chosen = pick(scored, naming="name" in wanted, wanted=wanted, question=searched)
        if "money" in wanted and not gives_amount(chosen):
            # "how much a week does sefton pay foster carers?": sentences on fostering that give
            # no amount are no answer
            return self._abstain(question, [*notes, TEMPLATES["no_amount"]])
        led = bool(draft and draft.lines)  # the answer already says something: no "Yes."/"No." before it
        draft = draft or Draft([], [])
        by_report: dict[str, list] = {}
        for s in chosen:
            by_report.setdefault(s.passage.citation.report_id, []).append(s)
        catalog = self.retriever.catalog
        reports = [catalog.by_id[rid] for rid in by_report if rid in catalog.by_id]
        for rid, sentences in by_report.items():
            meta = catalog.by_id.get(rid)
            lead = (
                TEMPLATES["findings_lead"].format(authority=meta.local_authority, when=when(meta))
                if meta
                else TEMPLATES["findings_lead_many"]
            )
            draft.lines.append(lead)
            for s in sentences:
                draft.lines.append(f"- {s.sentence} [{draft.add(s.passage, s.sentence)}]")
        findings = [s for s in chosen if not yes_no.listed_to_improve(s.sentence, s.passage.citation.heading)]
        places = [(s.passage.citation.report_id, s.passage.citation.page) for s in findings]
        said = (
            yes_no.verdict(f.topic or question, [s.sentence for s in findings], places)
            if asks_yes_no(question, f.topic)
            else ""
        )
        if said and not led:  # only when the quoted sentences say it (answering/yes_no.py)
            draft.lines[0] = f"{TEMPLATES[said]} {draft.lines[0]}"
        return self._finish(question, draft, reports=reports, notes=notes)

    def _evidence_needed(self, f: QueryFilters, searched: str, context: str, scored) -> float:
        """The evidence a quoted answer needs: less for a named authority's report when the
        question is in the field ("rhi": return home interview), or names a thing its best
        sentence names too ("what was operation owl in hillingdon?": 'Operation OWL' is no word
        of the field); more for a question with none of the field's words."""
        if f.authorities and set(self._rare_words(f.topic)) & set(tokenize(scored[0].sentence)):
            return MIN_EVIDENCE_NAMED
        if not (_DOMAIN.search(searched) or _DOMAIN.search(context)):
            return MIN_EVIDENCE_OFF_FIELD
        return MIN_EVIDENCE_NAMED if f.authorities else MIN_EVIDENCE

    def _rare_words(self, topic: str) -> dict[str, float]:
        """The topic's words (stems, in the reports' words: "kids" is rare in the reports,
        "children" is not) that fewer than NAMED_SHARE of passages hold, with their shares: the
        names of things ("Operation OWL", "the MOMO app")."""
        shares = {
            t: s
            for t in tokenize(reworded(topic))
            if t not in _ASKING and (s := self.retriever.passage_share(t)) is not None
        }
        return {t: s for t, s in shares.items() if s < NAMED_SHARE}

    def _naming_report(self, f: QueryFilters, notes: list[str]) -> QueryFilters:
        """A finding about something only an earlier report names ("the MOMO app"), asked with
        no date: the latest report that names it, not the latest report (with a note)."""
        if len(f.authorities) != 1 or f.published_from or f.published_to or f.recency:
            return f
        history = self.retriever.catalog.history(f.authorities[0])
        shares = self._rare_words(f.topic)
        if len(history) < 2 or not shares:
            return f
        key = min(shares, key=shares.__getitem__)
        naming = self.retriever.reports_mentioning(key)
        older = [m for m in history if m.report_id in naming]
        if not older or history[-1].report_id in naming:
            return f
        meta = older[-1]
        word = next((w for w in words(f.topic) if tokenize(w) == [key]), key)
        notes[:] = [n for n in notes if not n.startswith("Used the most recent")]
        notes.append(
            TEMPLATES["named_in_older_note"].format(word=word, report=f"{meta.local_authority} ({when(meta)})")
        )
        return replace(f, published_from=meta.published, published_to=meta.published)

    # -- results --------------------------------------------------------------------------
    def _finish(self, question: str, draft: Draft, reports, notes) -> Answer:
        if not draft.lines:
            return self._abstain(question, notes)
        return Answer(
            question=question,
            text="\n".join(draft.lines),
            citations=tuple(draft.citations),
            abstained=False,
            inspections=tuple(reports),
            notes=tuple(notes),
        )

    def _abstain(self, question: str, notes, nearest: Sequence[ReportMeta] = ()) -> Answer:
        lines = [TEMPLATES["abstain"]] + list(notes)
        if nearest:
            listed = ", ".join(f"{m.local_authority} ({when(m)})" for m in list(nearest)[-5:])
            lines.append(TEMPLATES["abstain_nearest"].format(reports=listed))
        return Answer(
            question=question, text=" ".join(lines), abstained=True, inspections=tuple(nearest), notes=tuple(notes)
        )

    # -- inspection history (assistant/history) --------------------------------------------
    def history(self, authority: str):
        """An authority's indexed inspections, oldest first, with cited judgements (History)."""
        from ..history import build_history

        return build_history(self.retriever, authority)

    def changes(self, authority: str, published_from: str | None = None, published_to: str | None = None):
        """What changed between two inspections (default the last two): cited judgement changes
        and the earlier "what needs to improve" items with their status (ChangeReport)."""
        from ..history import change_report

        return change_report(self.retriever, authority, published_from, published_to)
