"""The improvement tracker: each "what needs to improve" item of an earlier report read against
the later report, with a status and the evidence it comes from.

How a status is decided (every step is shown with the item):

1. *Listed again* (``list_match``): the item and every item of the later report's own list are
   embedded in one batch. A later item *names the matter* as far as it holds the matter's
   weight (step 2), or the item holds the later item's (a narrower later item is mostly
   contained in the earlier one). It is the matter **listed again** when its cosine plus
   WORDS_WEIGHT x how far it names the matter is LISTED_SCORE or more (with a cosine of at
   least PARTIAL_COSINE), or when its cosine is LISTED_COSINE_ALONE or more. A later item that
   is only similar (cosine >= PARTIAL_COSINE, a content word in common: words every list item
   has, such as "children" or "quality", do not count) is a **loose** match: part of the matter
   may remain.
2. *The matter* (``matter_text``): the item without its purpose clause ("..., to ensure that",
   "so that", "in order to"...), whose distinctive words (not GENERIC, in at most COMMON_DF of
   all chunks) are weighted by their rarity across the index (inverse document frequency over
   all chunks, read off the BM25 index). Words are Snowball stems, so inflections match. A
   term of art the matter names (``assistant/data/matter_terms.json``: staying put, return home
   interviews, the front door...) is one word, whatever its wording (``terms_of_art.py``): its
   stems are merged into the term's token, which weighs what they weighed, so "remain living
   with their foster families" holds the weight of "staying put", and "independent" alone
   (of independent reviewing officers) holds none of "independent visitor".
3. *The later report's sentences on the matter*: every sentence of the later report (outside
   its own list and recommendations) holding at least MATTER_SHARE of the matter's weight,
   scored by its passage's stored vector against the item (cosine) plus WORDS_WEIGHT x that
   share; it is *on the matter* when its score is >= ON_SCORE. No sentence is embedded. When the
   matter names a term of art (``assistant/data/matter_terms.json``: independent visitors,
   staying put, needs analysis...) that the later report never names, its words there are on
   other matters ('independent' of independent reviewing officers, 'visitor' of health
   visitors): no sentence is on the matter. None: **not mentioned**, never a guess. An item
   that joins matters (``matter_parts``: "The quality of direct work ..., and life-story work
   ...", cut at ", and", ";" or a bullet) is also read on each of them: the READ best sentences on each
   part (its own weights, the same thresholds), since the best sentences on the whole item often
   speak of one part only. They are a check on 'addressed' only: criticism there turns it to
   **mixed**; they make no other status (a part's few words are often matched loosely).
4. *Their wording* (``wording_on``), read only in the clauses that speak of the matter (a
   sentence's other clauses often judge a neighbouring aspect), after a leading condition ("If
   a child is not able to ..., there is ...": a hypothesis, not a finding). A clause that opens
   by referring back to one on the matter ("..., though this is not consistent") is read for
   its criticism only. The cues are the shared ones of praise and criticism
   (``assistant/wording.py``) and more of inspectors' ways of criticising ("very brief",
   "further work required", "in its infancy", "needs to become", "is a challenge", "just below
   that of similar local authorities", "would welcome more", "more work to do", "fragility",
   "needs updating", "at an early stage of implementation"...), and more of their ways of
   praising, read in a clause with no other cue ("happen quickly", "of a high standard",
   "manageable", "in line with statutory guidance", "live in suitable accommodation"; not "have
   access to" or "is being addressed", which report an offer or work under way).

Status (``decide``): listed again -> **repeated**; else no sentence on the matter -> **not
mentioned**; else the READ best sentences decide (when the best one praises the matter, a critical
one scoring more than FAR_MARGIN below it is of a neighbouring matter and set aside, ``on_matter``):
both positive and critical -> **mixed**;
positive, none critical -> **addressed**, or **mixed** when the later list has a loose match, a
sentence on a part of the matter is critical, or one of the next best sentences (up to WIDE,
scoring WIDE_SCORE or more: the criticism often sits in another section) is (when in doubt,
not 'addressed'); only critical -> **repeated**; no judgement -> **mixed**. A sentence is read
with the next one of its passage when that one qualifies it ("While these improvements are
having a positive impact, further work is required ...": ``Tracker._wording``).

Thresholds were chosen on the even ids of tests/data/change_status_truth.jsonl, among
configurations giving no contradicted 'addressed' there (bench/changes.py reports both halves).
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from ..answering.facts import BULLET, Facts
from ..answering.quotes import collapse, loose_pattern
from ..chunking import split_sentences
from ..keyword import tokenize
from ..records import Improvement, Passage, ReportMeta
from ..terms_of_art import matter_terms, populations, term_words, terms_named, unify
from ..wording import CONDITIONAL_LEAD, QUALIFIES, REFERS_BACK, clauses, polarity
from .timeline import Cited

STATUSES = ("repeated", "addressed", "mixed", "not mentioned")

# listed again: a later list item naming the matter (either way round: it holds a share of the
# matter's weight, or the item holds a share of its own), scored like a sentence: its cosine to
# the item plus WORDS_WEIGHT x that share, LISTED_SCORE or more with a cosine of PARTIAL_COSINE
# or more; or a very high cosine alone
LISTED_SCORE = 0.75
LISTED_COSINE_ALONE = 0.7
# a loose match (similar, a content word in common, not naming the matter): part of it may be
# listed again, so it is never 'addressed'
PARTIAL_COSINE = 0.45
# a later list item naming the same term of art as the item's matter ("PEPs") is it listed again
# from this cosine
TERM_COSINE = 0.3
PARTIAL_WORDS = 1
# the later report's sentences on the matter: a sentence holding MATTER_SHARE of the weight of
# the matter's distinctive words is scored by its passage's stored cosine to the item plus
# WORDS_WEIGHT x that share (no sentence is embedded), and is on the matter when the score is
# ON_SCORE or more
MATTER_SHARE = 0.2
WORDS_WEIGHT = 0.8
ON_SCORE = 0.45
READ = 3  # sentences on the matter (best first) whose wording decides the status
# beyond them, the next best (up to WIDE in all) scoring WIDE_SCORE or more are a check on
# 'addressed': criticism there (not set aside as of a neighbouring matter) makes it 'mixed'
# ("praised for children in care, criticised for care leavers" sits in another section)
WIDE = 10
WIDE_SCORE = 0.6
# when the best of them praises the matter, criticism in one scoring more than FAR_MARGIN below it
# is of a neighbouring matter ("the quality of supervision and management oversight remains
# inconsistent" for "management oversight of private fostering", whose best sentence is "a
# dedicated panel provides effective oversight of privately fostered children")
FAR_MARGIN = 0.3
EVIDENCE_SHOWN = 3
COMMON_DF = 0.2  # a stem in more than this share of all chunks is not distinctive
CACHE_PAIRS = 64
CACHE_VECTORS = 20_000

BORING = frozenset(
    tokenize(
        "children child young people ensure improve improvement quality local authority all their effective "
        "effectively consistent consistently including"
    )
)
GENERIC = frozenset(
    tokenize(
        "children child young people person care leaver leavers looked ensure improve improvement quality social work "
        "worker workers practice service services effective effectively consistent consistently timely timeliness local "
        "authority authorities "
        "partner partners plan plans planning support supported need needs risk risks assess assessment assessments manager "
        "managers management all their family families help appropriate appropriately including range across within use "
        "make made provide provision good better sufficient sufficiently response respond responses impact level levels "
        "council trust further more increase continue develop development strengthen review"
    )
)
# not findings: the later report's own recommendations (imperatives), the national-framework
# note of 2026 reports, the judgement table, the cover page
NOT_EVIDENCE = re.compile(
    r"cross-referenced with the outcomes|Judgement grade|inspection dates|lead inspector|"
    r"^(Ensure|Improve|Strengthen|Develop|Increase|Review|Continue|Take action|Align|Provide|Reduce|"
    r"Establish|Embed|Work with|Undertake|Implement)\b",
    re.I,
)
_LEAD_VERBS = re.compile(
    r"^(ensure|ensuring|improve|improving|strengthen|develop|increase|the|that|to|take action to)\s+", re.I
)
# the purpose clause of an item ("..., to ensure that ...", "so that ..."): not its matter
_PURPOSE = re.compile(
    r",? (?:in order to|so that|so as to|to ensure|to make sure|to inform|to reduce|to support|to improve|"
    r"to enable|to meet|to prevent|to help|which|resulting in|ensuring|that they)\b.*",
    re.I | re.S,
)
_SENT_LEAD = re.compile(r"^(?:\d{1,3}\.\s*(?=[A-Z‘“(])|[◼\uf06e•▪■●\uf0b7\uf0a7\uf0d8]\s*)")
_PARA_START = re.compile(r"\s(?=\d{1,3}\.\s?[A-Z‘“(])")  # a numbered paragraph starting mid-line


@dataclass(frozen=True)
class Sentence:
    """A sentence of the later report on an earlier item's matter, with its wording read."""

    cited: Cited
    score: float  # its passage's stored cosine to the item + WORDS_WEIGHT x overlap
    overlap: float  # weighted share of the item's distinctive words it holds
    polarity: str  # "positive" | "negative" | "both" | "neutral" (of the clauses on the matter)
    part: bool = False  # on one part of an item joining matters: read as a check on 'addressed' only
    wide: bool = False  # beyond the READ best: read as a check on 'addressed' only


@dataclass(frozen=True)
class ListedAgain:
    item: Improvement
    cited: Cited | None
    cosine: float
    overlap: float
    partial: bool = False  # a looser match: the later list names part of the matter
    matter: float = 0.0  # weighted share of the item's matter words the later item holds
    contained: float = 0.0  # weighted share of the later item's matter words the item holds

    @property
    def names_matter(self) -> float:
        """How far the later item names the item's matter, either way round (a narrower later
        item is mostly contained in the earlier one)."""
        return max(self.matter, self.contained)

    @property
    def score(self) -> float:
        """Its cosine to the item plus WORDS_WEIGHT x how far it names the matter."""
        return self.cosine + WORDS_WEIGHT * self.names_matter


@dataclass(frozen=True)
class ItemStatus:
    item: Improvement
    cited: Cited | None  # the item in the earlier report
    status: str
    reason: str  # how the status was decided, in words
    listed_again: ListedAgain | None = None
    evidence: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class _Line:
    """A sentence of the later report, split and tokenised once per report."""

    row: int  # its chunk's row in the snapshot
    text: str
    words: frozenset[str]


def candidate_sentences(text: str) -> list[str]:
    """A passage's whole sentences (40-450 characters), verbatim, without paragraph numbers
    or bullets."""
    out = []
    for line in text.split("\n"):
        for s in (s for part in _PARA_START.split(line) for s in split_sentences(part)):
            s = _SENT_LEAD.sub("", s).strip()
            if 40 <= len(s) <= 450 and s.endswith((".", "?", "!", ")", "’", "”", ";")):
                out.append(s)
    return out


def query_text(item: str, max_words: int = 60) -> str:
    text = re.sub(r"\(.*?national framework\)", "", item, flags=re.I)
    text = re.sub(r"\(page \d+.*?\)", "", text, flags=re.I)
    text = _LEAD_VERBS.sub("", text.strip())
    return " ".join(text.split()[:max_words])


def matter_text(text: str) -> str:
    """The item's matter: its text without the purpose clause ("Ensure that strategy meetings
    are timely, to inform ..." -> "Ensure that strategy meetings are timely")."""
    core = _PURPOSE.sub("", text).strip()
    return core if tokenize(core) else text


# Criticism the shared cues (assistant/wording.py) do not catch, in inspectors' wording.
MORE_CRITICISM = re.compile(
    r"\b(very brief|brief in|little (opportunity|evidence|impact|reflection|challenge)|heavy caseloads|var(y|ies)|"
    r"(further|more|much) work (is |was )?(still )?(required|needed)|more (needs to|to) (be done|do)|still to be|decrease[ds]?|"
    r"fewer|in its infancy|too early|remains? (a )?(significant )?challeng\w*|(is|are|was|were|continues? to be) "
    r"(a|an) (\w+ )?challenge|(just |slightly |well )?below (that|those) of|below (the )?(national|england|average|"
    r"similar|comparable|statistical)|unwieldy|inflexible|over-reliance|"
    r"missed opportunit\w+|minority|needs? to (become|be (more|further|better)|improve|strengthen)|there remain|"
    r"unlikely to|"
    r"continues? to (address|develop|work on|strengthen|embed|tackle|need)|still (developing|being developed)|"
    r"in (the|its) early stages?|at an early stage of|remains? (a|an) \w+ challenge|unfit for purpose|"
    r"(more|further|much) work to (do|be done)|"
    r"would (welcome|like|benefit from) more|frustrat\w+|fragil\w+|(needs?|requires?) updating|late planning)\b",
    re.I,
)


# Praise the shared cues do not catch, in inspectors' wording: read in a clause with no cue of
# either kind ("return home interviews happen quickly and are of a high standard"). Not what
# only reports an offer or work under way ("have access to", "is being addressed").
MORE_PRAISE = re.compile(
    r"\b(quickly|(of|to) a (very )?high standard|diligent(ly)?|manageable|well attended|evidence[- ]based|"
    r"co-produced|valued by|at the right time|in suitable (accommodation|homes?|placements?)|"
    r"in line with (statutory |national )?(guidance|requirements)|(are|is) (?!being\b)(\w+ )?(met|addressed)|"
    r"impactful|at the (centre|heart) of|high level of)\b",
    re.I,
)


def _polarity(text: str) -> str:
    """The shared reading (with MORE_CRITICISM), and MORE_PRAISE in the clauses it finds neither
    praise nor criticism in."""
    kind = polarity(text, MORE_CRITICISM)
    if kind in ("positive", "negative") and any(
        polarity(c, MORE_CRITICISM) == "neutral" and MORE_PRAISE.search(c) for c in clauses(text)
    ):
        return "both" if kind == "negative" else kind
    if kind == "neutral" and MORE_PRAISE.search(text):
        return "positive"
    return kind


def wording(sentence: str) -> str:
    """positive / negative / both / neutral, clause by clause: the shared cues of praise and
    criticism, MORE_CRITICISM and MORE_PRAISE."""
    return _polarity(sentence)


# a clause whose subject is the one before ("X has worked to ensure consent is sought, but has
# more work to do"): it opens with the verb
_ELIDED_SUBJECT = re.compile(r"^\W*(?:has|have|had|is|are|was|were|needs?|remains?|requires?|lacks?)\b", re.I)


def wording_on(sentence: str, matter: set[str] | frozenset[str]) -> str:
    """The wording of a sentence read only in its clauses that hold a matter word (all of it when
    none does), once a leading condition ("If a child is not able to ..., ") is removed."""
    body = CONDITIONAL_LEAD.sub("", sentence) or sentence
    on, back = [], []
    for c in clauses(body):
        if matter & term_words(c):
            on.append(c)
        elif on and (REFERS_BACK.match(c) or _ELIDED_SUBJECT.match(c)):
            back.append(c)  # goes on about the matter: read for criticism only
    if not on:
        return wording(body)
    kind = _polarity(" ; ".join(on))
    if kind in ("positive", "neutral") and any(polarity(c, MORE_CRITICISM) == "negative" for c in back):
        return "both" if kind == "positive" else "negative"
    return kind


class Weights:
    """Inverse document frequency of stems over all chunks (from the BM25 index)."""

    def __init__(self, keyword_index):
        bm = keyword_index.bm25
        indptr = np.asarray(bm.scores["indptr"])
        self.n = max(1, int(bm.scores["num_docs"]))
        self.df = {t: int(indptr[i + 1] - indptr[i]) for t, i in bm.vocab_dict.items() if i + 1 < len(indptr)}

    def idf(self, stem: str) -> float:
        df = self.df.get(stem, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def distinctive(self, words: set[str]) -> dict[str, float]:
        return {
            w: self.idf(w)
            for w in words
            if w not in GENERIC and len(w) > 1 and not w.isdigit() and self.df.get(w, 0) <= COMMON_DF * self.n
        }


def share(weights: dict[str, float], words: set[str] | frozenset[str]) -> float:
    total = sum(weights.values())
    return sum(v for w, v in weights.items() if w in words) / total if total else 0.0


class Tracker:
    """Matches earlier items to the later report. One batch embeds every item of both lists;
    the later report's sentences are read off the retriever's snapshot (stored chunk vectors,
    BM25 statistics), so no passage or sentence is embedded. Results are cached per pair of
    reports (and index revision)."""

    _lock = threading.Lock()
    _cache: OrderedDict = OrderedDict()  # (snapshot, earlier, later) -> statuses
    _vector_cache: OrderedDict = OrderedDict()  # text -> embedding

    def __init__(self, retriever):
        self.retriever = retriever
        self.facts = Facts(retriever)
        self.embedder = retriever.embedder

    @classmethod
    def clear_cache(cls) -> None:
        with cls._lock:
            cls._cache.clear()
            cls._vector_cache.clear()

    # -- the later report, read once -----------------------------------------------------------
    def _snapshot(self):
        self.retriever.report_chunks("")  # refreshes the snapshot
        return self.retriever._snap

    def _weights(self, snap) -> Weights:
        w = getattr(snap, "_tracker_weights", None)
        if w is None:
            w = Weights(snap.keyword)
            snap._tracker_weights = w
        return w

    def _lines(self, snap, later: ReportMeta, among: frozenset[int]) -> list[_Line]:
        rows = snap.report_rows.get(later.report_id)
        if rows is None or not len(rows):
            return []
        listed = [collapse(i.text)[:60].lower() for i in later.improvements]
        out, seen = [], set()
        for row in rows[~snap.keyword.boilerplate[rows]]:
            for s in candidate_sentences(snap.chunks[row].text):
                low = collapse(s).lower()
                if s in seen or NOT_EVIDENCE.search(s) or any(x and x in low for x in listed):
                    continue
                seen.add(s)
                out.append(_Line(int(row), s, term_words(s, among)))
        return out

    # -- citing ---------------------------------------------------------------------------------
    def cite_item(self, meta: ReportMeta, item: Improvement) -> Cited | None:
        words = item.text.split()
        patterns = [BULLET + loose_pattern(" ".join(words[:n])) for n in (len(words), 30, 14, 8) if n <= len(words)]
        found = self.facts.find(meta, item.page, *patterns)
        return Cited(*found) if found else None

    def _cited_line(self, snap, line: _Line) -> Cited:
        c = snap.chunks[line.row]
        return Cited(Passage(c.text, 0.0, self.retriever.citation(c), c.id), line.text)

    # -- tracking -------------------------------------------------------------------------------
    def track(self, earlier: ReportMeta, later: ReportMeta) -> list[ItemStatus]:
        snap = self._snapshot()
        key = (id(snap), earlier.report_id, earlier.source, later.report_id, later.source)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        out = self._track(snap, earlier, later)
        with self._lock:
            self._cache[key] = out
            while len(self._cache) > CACHE_PAIRS:
                self._cache.popitem(last=False)
        return out

    def _vectors(self, texts: list[str]) -> np.ndarray:
        """Embeddings of texts, each embedded once per process (items recur across pairs)."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vector_cache))
        if missing:
            vecs = self.embedder.embed_documents(missing)
            with self._lock:
                for t, v in zip(missing, vecs):
                    self._vector_cache[t] = np.asarray(v, dtype=np.float32)
                while len(self._vector_cache) > CACHE_VECTORS:
                    self._vector_cache.popitem(last=False)
        with self._lock:
            return np.stack([self._vector_cache[t] for t in texts]) if texts else np.zeros((0, 0), np.float32)

    def _track(self, snap, earlier: ReportMeta, later: ReportMeta) -> list[ItemStatus]:
        items, later_items = list(earlier.improvements), list(later.improvements)
        if not items:
            return []
        weights = self._weights(snap)
        texts = [query_text(i.text) for i in items]
        later_texts = [query_text(i.text) for i in later_items]
        among = terms_named("\n".join(texts + later_texts))  # the terms either list names
        lines = self._lines(snap, later, among)
        vecs = self._vectors(texts + later_texts)  # one batch for both lists
        item_vecs, later_vecs = vecs[: len(texts)], vecs[len(texts) :]
        rows = np.asarray([ln.row for ln in lines], dtype=int)
        chunk_cos = snap.vectors[rows] @ item_vecs.T if len(rows) else np.zeros((0, len(items)), np.float32)
        matters = [self._matter(weights, t) for t in texts]
        later_matters = [self._matter(weights, t) for t in later_texts]
        later_words = [set(term_words(t, among)) - BORING for t in later_texts]
        later_terms = [matter_terms(matter_text(t)) - populations() for t in later_texts]  # not whom, what
        terms = [matter_terms(matter_text(t)) for t in texts]
        parts = [[(p, self._matter(weights, p), matter_terms(p)) for p in matter_parts(t)] for t in texts]
        # the terms of art the later report names (outside its own list)
        wanted = frozenset().union(*terms, *(pt for ps in parts for _, _, pt in ps))
        named = terms_named("\n".join(ln.text for ln in lines), wanted)
        out = []
        for k, (item, text, vec, matter) in enumerate(zip(items, texts, item_vecs, matters)):
            shares = np.asarray([share(matter, ln.words) for ln in lines], dtype=np.float32)
            scores = chunk_cos[:, k] + WORDS_WEIGHT * shares
            ranked = _best(shares >= MATTER_SHARE, scores, WIDE)
            best = ranked[:READ]
            if terms[k] and not terms[k] & named:
                best = []  # the later report never names the matter's term of art: its words are elsewhere
            wide = [j for j in ranked if j not in best and scores[j] >= WIDE_SCORE] if best else []
            close = [
                Sentence(
                    self._cited_line(snap, lines[j]),
                    float(scores[j]),
                    float(shares[j]),
                    self._wording(lines, j, matter.keys()),
                    wide=j in wide,
                )
                for j in best + wide
            ]
            seen = set(best + wide)
            for _, pmatter, pterms in parts[k] if best else ():
                # each matter an item joins is read too: the best sentences on it
                if not pmatter or (pterms and not pterms & named):
                    continue
                pshares = np.asarray([share(pmatter, ln.words) for ln in lines], dtype=np.float32)
                pscores = chunk_cos[:, k] + WORDS_WEIGHT * pshares
                for j in _best(pshares >= MATTER_SHARE, pscores):
                    if j not in seen:
                        seen.add(j)
                        close.append(
                            Sentence(
                                self._cited_line(snap, lines[j]),
                                float(pscores[j]),
                                float(pshares[j]),
                                wording_on(lines[j].text, pmatter.keys()),
                                part=True,
                            )
                        )
            words = set(term_words(text, among)) - BORING
            listed = self._listed_again(
                later, vec, words, matter, later_items, later_vecs, later_words, later_matters, terms[k], later_terms
            )
            out.append(self._status(earlier, item, listed, close))
        return out

    @staticmethod
    def _wording(lines: list[_Line], j: int, matter) -> str:
        """The wording of sentence j on the matter, and the criticism of the next sentence of its
        passage when that one goes on about it ("The offer of return home interviews has
        improved. While these improvements are having a positive impact, further work is
        required ...")."""
        kind = wording_on(lines[j].text, matter)
        nxt = lines[j + 1] if j + 1 < len(lines) and lines[j + 1].row == lines[j].row else None
        if nxt is None or kind in ("negative", "both") or not QUALIFIES.match(nxt.text):
            return kind
        if polarity(nxt.text, MORE_CRITICISM) in ("negative", "both"):
            return "both" if kind == "positive" else "negative"
        return kind

    @staticmethod
    def _matter(weights: Weights, text: str) -> dict[str, float]:
        """The distinctive words of the item's matter (of the whole item when it has none), each
        term of art it names as one word."""
        core = matter_text(text)
        words = weights.distinctive(set(tokenize(core)))
        return unify(core, words) if words else unify(text, weights.distinctive(set(tokenize(text))))

    def _listed_again(
        self, later, vec, words, matter, later_items, later_vecs, later_words, later_matters, terms, later_terms
    ) -> ListedAgain | None:
        if not later_items:
            return None
        best = None
        for li, cos, lw, lm, lt in zip(later_items, later_vecs @ vec, later_words, later_matters, later_terms):
            on, contained = share(matter, lw), share(lm, words)
            match = list_match(float(cos), max(on, contained), len(words & lw), bool(terms & lt))
            if not match:
                continue
            full, partial = match == "listed", match == "partial"
            overlap = len(words & lw) / len(words) if words else 0.0
            cand = ListedAgain(li, None, float(cos), overlap, partial, on, contained)
            if best is None or (full, cand.score) > (not best.partial, best.score):
                best = cand
        if best is None:
            return None
        cited = self.cite_item(later, best.item)
        return ListedAgain(best.item, cited, best.cosine, best.overlap, best.partial, best.matter, best.contained)

    def _status(
        self, earlier: ReportMeta, item: Improvement, listed: ListedAgain | None, close: list[Sentence]
    ) -> ItemStatus:
        status, reason = decide(listed, close)
        # the best sentences, and those on a part of the matter that criticise it (not those set
        # aside as on a neighbouring matter)
        close = on_matter(close)
        read = [s for s in close if not s.part and not s.wide][:EVIDENCE_SHOWN] + [
            s for s in close if (s.part or s.wide) and _critical(s)
        ]
        shown = () if status == "not mentioned" else tuple(read)
        return ItemStatus(item, self.cite_item(earlier, item), status, reason, listed, shown)


def list_match(cosine: float, names: float, common: int, term: bool = False) -> str:
    """How a later list item matches an earlier item: "listed" (the matter listed again: it names
    the matter and is similar, or is very similar, or names the same term of art and is
    somewhat similar: "personal education plans" / "the quality of PEPs"), "partial" (similar,
    sharing a content word, not naming the matter) or "" (no match)."""
    if cosine >= LISTED_COSINE_ALONE or (cosine >= PARTIAL_COSINE and cosine + WORDS_WEIGHT * names >= LISTED_SCORE):
        return "listed"
    if term and cosine >= TERM_COSINE:
        return "listed"
    return "partial" if cosine >= PARTIAL_COSINE and common >= PARTIAL_WORDS else ""


# an item joining matters ("The quality of direct work ..., and life-story work ..."): each is read
# or listing them as bullets ("..., including: ̶ sufficiency of accommodation ̶ assessment ...")
_PART_SPLIT = re.compile(r",\s+and\s+|;\s+|:?\s+[\u0336•▪◼]\s+")


def matter_parts(text: str) -> list[str]:
    """The matters an item's matter joins (at ", and" or ";"), when it joins two or more."""
    parts = [p for p in _PART_SPLIT.split(matter_text(text)) if tokenize(p)]
    return parts if len(parts) > 1 else []


def _best(held: np.ndarray, scores: np.ndarray, limit: int = READ) -> list[int]:
    """The `limit` best-scored sentences among those held, that score ON_SCORE or more."""
    on = np.flatnonzero(held & (scores >= ON_SCORE))
    return [int(j) for j in on[np.argsort(-scores[on], kind="stable")][:limit]]


def _critical(s: Sentence) -> bool:
    return s.polarity in ("negative", "both")


def on_matter(close: list[Sentence]) -> list[Sentence]:
    """The sentences read as on the matter (best first): when the best one praises it, a
    critical sentence scoring more than FAR_MARGIN below the best is of a neighbouring matter and
    set aside (sentences on a part of the matter are kept: they have their own best)."""
    main = [s for s in close if not s.part]
    if not main or main[0].polarity != "positive":
        return close
    floor = main[0].score - FAR_MARGIN
    return [s for s in close if s.part or s.score >= floor or not _critical(s)]


def decide(listed: ListedAgain | None, close: list[Sentence]) -> tuple[str, str]:
    """The status and its reason in words, from the later list's match and the sentences on
    the matter (best first). 'addressed' only when nothing read is critical."""
    kept = on_matter(close)
    aside = len(close) - len(kept)
    parts = [s for s in kept if s.part]  # on a part of the matter: a check on 'addressed' only
    wide = [s for s in kept if s.wide]  # beyond the best: a check on 'addressed' only
    close = [s for s in kept if not s.part and not s.wide]
    pos = any(s.polarity in ("positive", "both") for s in close)
    neg = any(_critical(s) for s in close)
    if listed is not None and not listed.partial:
        return (
            "repeated",
            f"the later report lists it again as needing to improve (similarity {listed.cosine:.2f}, "
            f"naming {listed.names_matter:.0%} of its matter)",
        )
    if not close:
        return "not mentioned", "nothing in the later report is close enough to this item"
    if pos and neg:
        return "mixed", "the later report's sentences on it are both positive and critical"
    if pos and listed is not None:
        return (
            "mixed",
            "the later report speaks of it positively, but its list has a similar item "
            f"(similarity {listed.cosine:.2f}): part of it may remain",
        )
    if pos and any(_critical(s) for s in parts):
        return "mixed", "the later report speaks of it positively, but criticises a part of it"
    if pos and any(_critical(s) for s in wide):
        return "mixed", "the later report speaks of it positively, but criticises it elsewhere"
    if pos:
        return "addressed", "the later report speaks of it positively, never critically, and does not list it again" + (
            " (criticism in sentences far less close to it than its best, which praises it, is of a neighbouring matter)"
            if aside
            else ""
        )
    if neg:
        return "repeated", "not listed again, but the later report's sentences on it are critical"
    return "mixed", "the later report mentions it without a clear judgement either way"
