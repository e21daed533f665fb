"""Whether a quoted finding answers a yes/no question "yes" or "no", read from the wording
of the sentence against the question (no model): "Did Bury lean heavily on locum social
workers?" against "The use of locum social workers is minimal." is **no**.

A sentence speaks to the question only when it holds most of the question's content words
(``MIN_COVERAGE``); then, near those words (``WINDOW`` words):

- a **negation** ("not", "no", "never", "none", "without", "yet to") scoping the question's
  words means no ("there have not been any permanent exclusions", "has yet to achieve the
  target"), and so does a question's word with a negating prefix ("well developed" /
  "underdeveloped", "consistent" / "inconsistency", "enough" / "insufficient") and next to
  nothing ("only minimal reliance on agency staff") for a question with no stance of its own;
- otherwise the question's stance is compared with the sentence's, on four scales, and every
  signal must agree: **comparison** with a benchmark (more / higher than, above / below, in
  line with), **quantity** (most, many, heavily / minority, few, only four; a question about
  everyone, "all" or "always", is answered yes only by a sentence about everyone, not by
  "most" or "almost all"), **direction** (increased, gone up / reduced, cut back) and
  **evaluation** (promptly, properly, well / too long, shortage, inconsistent: the praise and
  criticism cues of ``wording.py``); a negated cue reads the other way ("not always", "not
  effective"); signals that all agree mean yes, all disagree no, some each way unclear;
- a sentence that asserts the question's words with no signal either way means yes ("they are
  always offered a return home interview"), unless the question has a stance of its own
  ("heavily", "enough"): then the words alone do not answer it.

The question is read in its own words and in the reports' words (``query/synonyms.py``: "b&b"
is bed and breakfast, "PA" a personal adviser), whichever speaks to the sentence more.

The sentence is read clause by clause ("but", "although", "however", ";"): the clause holding
most of the question's words decides, and another clause on the matter that says otherwise
makes it unclear ("offered to all children, although take-up is relatively low").

A question that is itself negative ("Has X stopped…?", "Isn't…?") or sentences that disagree
with one another give "" (unclear): the answer then quotes the report without a verdict, so a
"Yes"/"No" is only ever said when the quoted sentence says it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..query.synonyms import reworded
from ..terms_of_art import populations, terms_named
from ..vocabulary import content_lemmas, words
from ..wording import CRITICISM, PRAISE, REFERS_BACK
from .intent import YES_NO_TAG

MIN_COVERAGE = 0.5  # share of the question's content words the sentence must hold
CLOSE_COVERAGE = 0.2  # quoted sentences this close to the widest coverage must agree for a verdict
WINDOW = 6  # words between a cue and the question's word it bears on
NEGATION_REACH = 3  # words from a negation to the cue it turns: "not currently resourced sufficiently"

X = re.I | re.X
ENDED = r"(?:stopped|ceased|ended|closed)"  # what is no more: "the sessions have stopped"
NEGATION = re.compile(
    r"\b(not|no|never|none|nor|cannot|can't|won't|don't|doesn't|isn't|aren't|without|neither|nobody|nothing"
    r"|yet\ to|failed\ to|unable\ to|insufficiently|inadequately|no\ longer|(?:has|have|had)\ " + ENDED + r")\b",
    re.I,
)
# not a negation: "not only"; nor one under a risk, which says what may be, not what is ("care
# leavers at risk of not being in education or employment")
NOT_A_NEGATION = re.compile(
    r"\b(not only|not just|no doubt|nothing but|without (?:undue |unnecessary )?delay|(?:at|in) (?:risk|danger) of not)\b",
    re.I,
)
# a question that asks about an absence or an ending: its "no" would mean yes
NEGATIVE_QUESTION = re.compile(
    r"""\b(not|no|never|zero|(?:are|is|was|were|do|does|did|have|has|had|ca|wo|could|would|should)n['’]?t|stop(?:ped)?|no\ longer|moved?\ away\ from|ended|got\ rid|lack|absence\ of|without
    | fix(?:ed)?|solved?|resolved?|tackled?|overc[oa]me|sorted|addressed|dealt\ with)\b""",
    X,
)
# a sentence that says what is still needed does not say what is: "more work is needed to make sure that all…"
# or that something holds it back: "high caseloads limit personal advisers' ability to see care leavers regularly"
ASPIRATION = re.compile(
    r"""\b(?:is|are)\ (?:still\ )?needed\ to | (?<!the\ )\bneeds?\ to\ (?:be|ensure|make) | \b(?:action|work|plans?)\ to\ ensure
    | \b(?:limit|hamper|hinder|restrict|constrain)\w*\ (?:\S+\ ){0,3}?(?:ability|capacity)\b""",
    X,
)
# what is still to do: "they have more to do to extend children's involvement beyond…"
MORE_TO_DO = re.compile(
    r"\b(?:more|further|much|work)\ (?:work\ )?(?:still\ )?to\ do\b|\bwork\ is\ (?:still\ )?needed\b", X
)
# what is planned is not what is: "leaders plan to introduce the Mockingbird model" (a plan
# denied is a finding: "the LSCB does not have a plan to engage with young people and has not met…")
PLANNED = re.compile(
    r"""\b(?<!no\ )(?<!not\ have\ a\ )(?<!not\ have\ any\ )(?<!without\ a\ )(?:plans?|planned|planning|intends?|intended|intention|aims?|aimed|proposals?|proposed|hopes?)\ to
    | \bwill\ (?:be\ )?(?:introduc|launch|implement|roll|start|open|establish|set)\w*
    | \b(?:is|are)\ (?:being|yet\ to\ be)\ (?:introduc|launch|implement|roll|develop|set|establish|piloted)\w*""",
    X,
)
PLANS_ASKED = re.compile(r"\b(?:plan\w*|intend\w*|going\ to|aim\w*|future)\b", X)  # unless plans are asked about
# kept from happening: "aims to prevent children from being criminalised"
PREVENTS = re.compile(
    r"\b(?:prevent\w*|avoid\w*|divert\w*|stop\w*|protect\w*)\b(?:\W+\w+){0,6}?\W+from\b|\bavoid\w*\b", X
)
# words of the question whose opposite in the sentence is no answer by the words alone (a list:
# more pairs may come; "local" against "out of area" was too loose: "local gyms")
OPPOSITES = (
    (re.compile(r"\bpermanent(?:ly)?\b", re.I), re.compile(r"\b(agency|interim|locum|temporary|supply)\b", re.I)),
)
# everyone as a rule: "automatically let off council tax?", "not provided as standard"
AS_A_RULE = ("automatically", "routinely", "as standard", "by default")
_AS_A_RULE = "|".join(w.replace(" ", r"\ ") for w in AS_A_RULE)
HIGH = re.compile(
    r"""\b(most|many|majority|lots?(?:\ of)?|a\ lot|plenty|loads|all|always|every|almost\ all|nearly\ all|heavily|high|heavy|heavier|significant\ number
    | guaranteed|"""
    + _AS_A_RULE
    + r"""
    | considerable|substantial|extensive
    | large\ number|great\ deal|too\ much|too\ many|over-?reliance|over-?reliant|frequently|often|regularly|constantly|widely)\b""",
    X,
)
LOW = re.compile(
    r"""\b(few|little|minority|minimal|low|small\ number|rarely|seldom|hardly|limited|very\ few|handful|half
    | only\ (?:a|some|half|\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\ few|a\ small))\b""",
    X,
)
# a question about everyone: "most" or "the majority" does not answer it yes
UNIVERSAL = re.compile(r"\b(all|every|everyone|each|always|consistently|guaranteed|" + _AS_A_RULE + r")\b", re.I | re.X)
NOT_UNIVERSAL = re.compile(r"\b(almost|nearly|virtually)\s+(all|every|always)\b", re.I)
# comparisons with a benchmark: national averages, statistical neighbours, targets
MORE_THAN = re.compile(
    r"""\b(?:more|higher|greater|better|bigger|larger|faster|quicker)\b(?:\W+\w+){0,12}?\W+than\b
    | \b(?:above|exceed\w*|in\ excess\ of|outperform\w*|beat|beats|beating|beaten)\b""",
    X,
)
LESS_THAN = re.compile(
    r"""\b(?:less|lower|fewer|worse|smaller|slower)\b(?:\W+\w+){0,12}?\W+than\b | \bbelow\b""",
    X,
)
SAME_AS = re.compile(
    r"""\b(?:in\ line\ with|similar\ to|comparable\ (?:to|with)|the\ same\ as|on\ a\ par\ with)
    \ (?:that\ of\ )?(?:the\ |its\ |their\ )?(?:national|england|statistical|similar|regional|comparator|average|other)""",
    X,
)
# a sentence read clause by clause: "turnover is low, but it remains heavily dependent on agency staff"
CLAUSE_BREAK = re.compile(r",?\s+\b(?:but|although|though|whereas|however|while)\b,?\s+|;\s+|,\s+and\s+", re.I)
UP = re.compile(
    r"""\b(increas\w*|ris(?:e|en|es|ing)|rose|gone\ up|went\ up|go(?:ne)?\ up|grow\w*|grew|higher|expand\w*|more\ (?:children|staff|social)
    | improved|improving|(?:got|get|getting|become|became)\ better)\b""",
    X,
)
DOWN = re.compile(
    r"""\b(reduc\w*|decreas\w*|fall(?:en|ing|s)?|fell|drop\w*|cut(?:\ back)?|cuts|fewer|less|lower|halv\w*|declin\w*
    | down|worsened|(?:got|get|getting|become|became)\ worse|deteriorat\w*)\b""",
    X,
)
# evaluation words people use in questions, besides the report's own praise / criticism cues
GOOD = re.compile(
    r"""\b(properly|well|good|enough|sufficient\w*|quickly|promptly|on\ time|in\ time|fast|safe(?:ly)?|right|ok|okay
    | easy|easily|accessible|up\ to\ date
    | fine|manageable|reasonable|sensible|acceptable|adequate(?:ly)?|decent|alright|up\ to\ (?:scratch|standard|par))\b""",
    X,
)
BAD = re.compile(
    r"""\b(struggl\w*|problems?|problematic|issues?|too\ long|wait\w*\ (?:a\ )?long|(?:a\ )?long\ (?:time|wait)|late
    | difficult|difficulty|difficulties|hard\ to|out\ of\ date|outdated
    | slow\w*|badly|behind|shortages?|short\ of|shortfall|scarce|scarcity|unacceptabl[ey]
    | overloaded|overstretched|stretched|swamped|overwhelmed|snowed\ under)\b""",
    X,
)
# trouble of any kind: praise of one thing does not rule it out ("any problems with the front
# door?" is not answered "no" by "a good level of service at the front door")
_TROUBLE = r"problems?|problematic|issues?|concerns?|troubles?|wrong|weak(?:ness|nesses)?"
ANY_TROUBLE = re.compile(r"\b(" + _TROUBLE + r")\b", re.I)
# words of a question whose negation in the sentence answers it: "always" / "not always"
NEGATABLE = re.compile(
    r"\b(always|all|every|enough|sufficient|consistently|properly|everyone|each|" + _AS_A_RULE + r")\b", re.I | re.X
)
NEGATABLE_CLASSES = {"all": {"all", "every", "each", "everyone", *AS_A_RULE}, "enough": {"enough", "sufficient"}}
# the report's recommendations ("Ensure that…", the "what needs to improve" list) say what
# should be, not what is: they never vote
RECOMMENDATIONS_HEADING = re.compile(
    r"needs? to improve|recommendations?\b|priority actions?|areas? for (?:improvement|development)", re.I
)
# a sentence that states what is (a finite verb), not a list item naming what is to improve
STATES = re.compile(r"\b(?:is|are|was|were|has|have|had|does|do|did|can|cannot|will|would|remains?|continues?)\b", re.I)


def listed_to_improve(sentence: str, heading: str) -> bool:
    """A sentence of a "what needs to improve" list: under such a heading and stating nothing
    ("The quality of pathway plans."). A report whose later sections were not told apart keeps
    that heading over findings ("There is no active care leavers forum"): those still count."""
    return bool(RECOMMENDATIONS_HEADING.search(heading)) and (
        bool(RECOMMENDATION.search(sentence)) or not STATES.search(sentence)
    )


RECOMMENDATION = re.compile(
    r"^\W*(?:ensure|improve|strengthen|increase|develop|review|make sure|the local authority should)\b", re.I
)
# burdens: for these, more is worse ("caseloads are high" answers "were caseloads manageable?" no)
LOAD = content_lemmas("caseload workload turnover vacancy backlog delay")
CASELOAD = content_lemmas("caseload workload")
HEAVY = re.compile(r"\b(high|higher|heavy|heavier|large|excessive|too\ many|too\ much)\b", re.I | re.X)
LIGHT = re.compile(r"\b(low|lower|light|small|smaller)\b", re.I)
SCALES = ("comparison", "quantity", "direction", "evaluation")
_PAIRS = {"quantity": (HIGH, LOW), "direction": (UP, DOWN)}
_CUES = (MORE_THAN, LESS_THAN, SAME_AS, HIGH, LOW, UP, DOWN, GOOD, BAD, PRAISE, CRITICISM, NEGATION)


# words that point at the report rather than at what it found
_REFERENCE = content_lemmas(
    "inspection inspections inspected report reports time according per year years council authority local latest "
    "last previous recent recently since ever get got getting back then ago come came coming across "
    "actually really just even going"
)
# words nearly every finding holds: they do not show that a sentence speaks to the question
UBIQUITOUS = content_lemmas(
    "children child kids kid youngsters young people person care social work worker workers service services family"
)
# words that say whom a question is about, not what it asks of them: a sentence holding only
# these ("work with homeless 16- to 17-year-olds is compliant") does not say that the thing asked
# ("were homeless 16 and 17 year olds put in b&bs?") happens
WHOM = content_lemmas(
    "homeless year years old olds aged age teenager teenagers adolescent adolescents leaver leavers looked after "
    "adopter adopters carer carers foster parent parents mother mothers father fathers baby babies sibling siblings "
    "girl girls boy boys disabled disability unaccompanied asylum seeking"
)
# a word the question asks about with a negating prefix in the sentence ("well developed" /
# "underdeveloped", "consistent" / "inconsistency", "suitable" / "unsuitable") says the opposite
NEGATING_PREFIX = re.compile(r"^(?:under|poorly|non|dis|mis|ill|un|in|im|ir|il)-?(?=[a-z]{4})", re.I)
# words whose first letters only look like a negating prefix
NOT_PREFIXED = (
    "independ",
    "increas",
    "inform",
    "involv",
    "includ",
    "understand",
    "indicat",
    "insight",
    "intens",
    "intent",
    "interv",
    "interest",
    "discuss",
    "disclos",
    "distribut",
    "discharg",
    "immedi",
    "import",
    "improv",
    "impact",
    "illustr",
    "irregular",
    "untild",
)
# next to nothing: answers a plain "do they…?" no ("only minimal reliance on agency staff")
NEAR_NONE = re.compile(r"\b(minimal|negligible|hardly\ any|very\ few|very\ little|rarely|seldom)\b", re.I | re.X)
# a question whether any exist ("were any children living in unregistered homes?", "does durham
# have any…"): a few of them answers it yes, as a count does ("a small number of children live…")
ANY_EXIST = re.compile(
    r"\bany\b(?!\s+(?:good|better|worse|different|longer|more|less|use|help|point|sign|" + _TROUBLE + r")\b)",
    re.I,
)
SOME = re.compile(r"\b(?:(?:a\ )?(?:very\ )?(?:few|small\ number|handful|minority)|a\ number\ of|several|some)\b", X)

# a prefix joined to its word: "multi-agency" work is not agency staff
_PREFIXED = re.compile(r"\b(multi|inter|cross|non|sub|co)-(?=[a-z])", re.I)


def _joined(text: str) -> str:
    return _PREFIXED.sub(r"\1", text)


# an owner before what the question asks about: in "were PAs' caseloads ok?" the matter is the
# caseloads, and "well supported by their PAs" does not speak to it
_OWNER = re.compile(r"\b\w+(?:s['’]|['’]s)\s+(?=[a-z])", re.I)
_OWNED = re.compile(r"\b\w+(?:s['’]|['’]s)\s+([a-z]+)", re.I)  # what the owner has


def _content(text: str) -> set[str]:
    """The stemmed content words of text, without the stance cues, report references and owners."""
    text = _OWNER.sub(" ", text)
    for rx in _CUES:
        text = rx.sub(" ", text)
    return {w for w in content_lemmas(text) if w not in _REFERENCE and not w.isdigit()}


def _same(said: str, asked: str) -> bool:
    """A stem of the sentence (said) and one of the question (asked) are the same word: equal,
    sharing their first five letters, or a four-letter stem of the question and a longer word
    (asked "cases", said "caseloads"); a four-letter stem of the sentence matches only a form of
    the question's word, not a compound that begins with it (asked "caseloads", said "cases")."""
    if said == asked:
        return True
    if min(len(said), len(asked)) < 4 or said[:4] != asked[:4]:
        return False
    if said[:5] == asked[:5] or len(asked) == 4:
        return True
    return len(said) == 4 and len(asked) - len(said) <= 3


def _positions(text: str, targets: set[str]) -> list[int]:
    """Word positions of text whose stem matches one of the question's content words (or
    its negation by prefix: "underdeveloped" for "developed")."""
    return [i for i, w in enumerate(words(text)) if any(_same(s, t) for s in _stems(w) for t in targets)]


def _stems(word: str) -> frozenset[str]:
    """The word's stems, and those of the word without a negating prefix."""
    return content_lemmas(word) | content_lemmas(_unprefixed(word))


def _unprefixed(word: str) -> str:
    """word without a negating prefix ("inconsistent" -> "consistent"), or "" when it has none."""
    if word.lower().startswith(NOT_PREFIXED):
        return ""
    rest = NEGATING_PREFIX.sub("", word, count=1)
    return rest if rest != word else ""


def _negated_by_prefix(text: str, targets: set[str]) -> bool:
    """The text holds one of the question's words with a negating prefix, and not the word itself."""
    for w in words(text):
        rest = _unprefixed(w)
        if rest and any(_same(s, t) for s in content_lemmas(rest) for t in targets):
            if not any(_same(s, t) for s in content_lemmas(w) for t in targets):
                return True
    return False


def _cue_positions(rx: re.Pattern, text: str) -> list[int]:
    return [len(words(text[: m.start()])) for m in rx.finditer(text)]


def _signed(plus: list[int], minus: list[int], negations: list[int]) -> tuple[list[int], list[int]]:
    """Cue positions with the negated ones moved to the other side: "not always", "not effective"."""

    def negated(p: int) -> bool:
        return any(0 < p - n <= NEGATION_REACH for n in negations)

    return (
        [p for p in plus if not negated(p)] + [p for p in minus if negated(p)],
        [p for p in minus if not negated(p)] + [p for p in plus if negated(p)],
    )


def _mask(rx: re.Pattern, text: str) -> str:
    """text with rx's matches blanked out word for word (positions keep)."""
    return rx.sub(lambda m: re.sub(r"\w", "x", m.group(0)), text)


# an evaluation of all that follows it in the clause
QUICK_TO = re.compile(r"\b(?:quick|swift|prompt|fast)\s+(?:to|in)\b", re.I)
SLOW_TO = re.compile(r"\b(?:slow|too\s+slow|reluctant)\s+(?:to|in)\b", re.I)
# a question asking whether something stays inside a benchmark: "within guidance?", "no more than…?"
WITHIN = re.compile(
    r"""\b(?:within|no\ (?:more|higher)\ than|at\ or\ below|under)\b(?:\W+\w+){0,4}?\W+
    (?:guidance|guidelines?|recommend\w*|range|limits?|targets?|handbook|standards?|maximum|threshold)""",
    X,
)


def _comparison(text: str) -> str:
    """ "+" more / better than a benchmark, "-" less / worse, "=" in line with it, "?" both, ""."""
    found = {sign for sign, rx in (("+", MORE_THAN), ("-", LESS_THAN), ("=", SAME_AS)) if rx.search(text)}
    return found.pop() if len(found) == 1 else "?" if found else ""


def _near(cues: list[int], anchors: list[int], forward_only: bool = False) -> bool:
    return any(0 < a - c <= WINDOW if forward_only else abs(a - c) <= WINDOW for c in cues for a in anchors)


def _stance(rx_pair, text: str, anchors: list[int] | None) -> str:
    """ "+" / "-" / "" for one scale; anchors None: anywhere in text (the question)."""
    hi, lo = rx_pair
    pos = _cue_positions(hi, text)
    neg = _cue_positions(lo, text)
    if anchors is not None:
        pos, neg = _signed(pos, neg, _cue_positions(NEGATION, text))
        pos = [p for p in pos if _near([p], anchors)]
        neg = [p for p in neg if _near([p], anchors)]
    if pos and neg:
        return "?"
    return "+" if pos else "-" if neg else ""


def _evaluation(text: str, anchors: list[int] | None) -> str:
    """Praise / criticism (wording.py's cues and everyday ones) near the question's words;
    anchors None: anywhere (the question)."""
    plus = [p for rx in (PRAISE, GOOD) for p in _cue_positions(rx, text)]
    minus = [p for rx in (CRITICISM, BAD) for p in _cue_positions(rx, text)]
    if anchors is not None:
        plus, minus = _signed(plus, minus, _cue_positions(NEGATION, text))
        plus = [p for p in plus if _near([p], anchors)]
        minus = [p for p in minus if _near([p], anchors)]
        # "slow to take effective action to reduce caseloads": the cue governs all that follows
        plus += [p for p in _cue_positions(QUICK_TO, text) if any(a > p for a in anchors)]
        minus += [p for p in _cue_positions(SLOW_TO, text) if any(a > p for a in anchors)]
    return "?" if plus and minus else "+" if plus else "-" if minus else ""


def sentence_verdict(question: str, sentence: str) -> str:
    """ "yes" / "no" / "" (unclear, or the sentence does not speak to the question)."""
    said, _strength, _coverage = _read(question, sentence)
    return said if said in ("yes", "no") else ""


def _read(question: str, sentence: str) -> tuple[str, int, float]:
    """_read_as of the question in its own words and in the reports' words ("b&b": bed and
    breakfast), whichever speaks to the sentence more; "unclear" when the two disagree."""
    said = _read_as(question, sentence)
    other = reworded(question)
    if other == question:
        return said
    again = _read_as(other, reworded(sentence))  # both in the reports' words: "PA" is a personal adviser
    if said[0] in ("yes", "no") and again[0] in ("yes", "no") and said[0] != again[0]:
        return "unclear", 2, max(said[2], again[2])
    return max(said, again, key=lambda r: (r[1], r[2]))


# a question's concession is granted, not asked: "even with IROs carrying big caseloads, were
# reviews held on time?" asks about the reviews
CONCESSION = re.compile(
    r"(?:^|(?<=[:;\-–—]\s))\s*(?:even\s+(?:with|though|if|so)|despite|in\s+spite\s+of|although|though|given|while)\b[^,?]*,\s*",
    re.I,
)


# a named scheme the question names too ("the No Wrong Door approach", "the ‘Mockingbird’
# project"): its words are one name (the "no" of "No Wrong Door" negates nothing) and the
# matter asked about; the question's other words gloss it ("the mockingbird fostering model")
SCHEME = re.compile(
    r"""[‘“"](?P<quoted>[A-Za-z][\w'’&-]*(?:\s+[\w'’&-]+){0,4})[’”"]
    | (?<![.!?]\s)(?<!^)\b(?P<capital>[A-Z][\w'’&-]*(?:\s+(?:of\s+|and\s+|for\s+|the\s+|to\s+|&\s+)?[A-Z][\w'’&-]*){0,4})
      (?=\s+(?:project|approach|model|programme|scheme|service|team|hub|app|initiative|group|panel|pilot|framework|pathway|unit|house|centre)\b)""",
    re.X,
)
# an age or time the question hangs on, and a sentence that speaks of one
AGE_ASKED = re.compile(
    r"\b(?:before|by|until|till|after|from|at|over|under|turn(?:s|ing)?|reach(?:es|ing)?)\s+(?:they\s+(?:turn|reach|are)\s+|the\s+age\s+of\s+|age\s+)?\d{1,2}\b",
    re.I,
)
AGE_SAID = re.compile(
    r"\bbirthday|\bage[sd]?\b|\badult\w*|\b(?:early|earlier|later?|before|timely|time|soon|months?|weeks?|years?)\b",
    re.I,
)


def _age_unspoken(question: str, sentence: str) -> bool:
    """The question hangs on an age ("before they turn 18?") and the sentence speaks of neither
    that age nor of when ("transferred to a post-21 PA" is another age)."""
    asked = {m.group(0).split()[-1] for m in AGE_ASKED.finditer(question)}
    if not asked:
        return False
    said = set(re.findall(r"(?<![\d-])(\d{1,2})(?:th|st|nd|rd)?\b", sentence))
    return not (asked & said or AGE_SAID.search(sentence))


NAME = "qqname"  # what a named scheme is read as, in question and sentence alike
_QUOTE = re.compile(r"[‘“][^’”]{1,60}[’”]")
_GLOSS = re.compile(
    "(" + NAME + r"""\W+(?:\w+\W+)?)(?:for|with|that|which|who|where|to\ help|helping)\b.*$""", re.I | re.X
)


def _named_scheme(question: str, sentence: str) -> tuple[str, str]:
    """question and sentence with the scheme both name read as NAME (unchanged when none)."""
    for m in SCHEME.finditer(sentence):
        group = "quoted" if m.group("quoted") else "capital"
        name = m.group(group)
        said = re.compile(r"\b" + r"\W+".join(map(re.escape, name.lower().split())) + r"\b", re.I)
        if len(name) >= 4 and said.search(question):
            start, end = m.span(0 if group == "quoted" else group)
            # the gloss after the name is no stance of the question: "the no wrong door approach
            # for teenagers with lots of placement moves"
            asked = _GLOSS.sub(r"\1", said.sub(NAME, question))
            rest = f"{sentence[:start]}{NAME}{sentence[end:]}"
            if (
                group == "quoted"
            ):  # the other words it quotes are mentions too: "the phrases ‘hard to engage’ or ‘does not engage’"
                rest = _QUOTE.sub(" qqquote ", rest)
            return asked, rest
    return question, sentence


# what the asker adds about the question, not about the matter: "if they wanted", "asking about
# the 2018 inspection"
ASIDE = re.compile(
    r"""\bif\ (?:they|he|she|you|we|i)\ (?:want(?:ed)?|wish(?:ed)?|need(?:ed)?|like[d]?|chose|choose)(?:\ to)?\b
    | \b(?:just\ |i'?m\ )?(?:asking|wondering)(?:\ (?:about|re|regarding|for)\b.*)?\W*$""",
    X,
)
# the sentence's comment on what it reports, not a denial of it: "places care leavers in bed and
# breakfast accommodation, which is not appropriate" (read only when the question asks whether it
# happens, not whether it is good)
COMMENT = re.compile(
    r""",\s*which\s+(?:is|was|are|were)\s+(?:not\s+|never\s+)?(?:\w+\s+){0,2}?
    (?:appropriate|acceptable|suitable|safe|good\ practice|in\ (?:\w+\ )?best\ interests|inappropriate|unacceptable|unsuitable|unsafe)\b[^,.;]*""",
    X,
)
# a percentage: a share of the children, read as a quantity ("95% were offered" answers "most?")
PERCENT = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent\b)", re.I)
# a question asking whether something happens without a burden: "without having to wait?"
WITHOUT = re.compile(r"\bwithout\s+(?:having\s+to\s+|needing\s+to\s+|a\s+|any\s+)?(?P<verb>\w+)", re.I)


def _read_as(question: str, sentence: str) -> tuple[str, int, float]:
    """(verdict, strength, coverage): ("no" | "yes", 2) from a negation or stance signals,
    ("yes", 1) when the sentence only asserts the question's words, ("unclear", 2) when it
    speaks to the question with signals both ways, ("", 0) when it does not speak to it;
    coverage: the share of the question's distinctive words the sentence holds. The sentence
    is read in its clause that holds most of those words."""
    question = ASIDE.sub(" ", YES_NO_TAG.sub(" ", CONCESSION.sub(" ", question)))
    without = WITHOUT.search(question)
    if without and not NEGATIVE_QUESTION.search(WITHOUT.sub(" ", question)):
        # "can they get support without having to wait?" is "… and wait?" read the other way round,
        # only in a sentence that speaks of the waiting
        said, strength, coverage = _read_as(WITHOUT.sub(r" and \g<verb> ", question), sentence)
        verb = content_lemmas(without.group("verb"))
        speaks = any(_same(s, v) for w in words(sentence) for s in _stems(w) for v in verb)
        if speaks and strength == 2 and said in ("yes", "no"):
            return ("no" if said == "yes" else "yes"), 2, coverage
        return "", 0, coverage
    if not (GOOD.search(question) or BAD.search(question)):
        sentence = COMMENT.sub("", sentence)
    question, sentence = _named_scheme(_joined(question), _joined(sentence))  # word positions on these throughout
    if NEGATIVE_QUESTION.search(question) or RECOMMENDATION.search(sentence):
        return "", 0, 0.0
    targets = _content(question)
    if not targets:
        return "", 0, 0.0
    telling = (targets - UBIQUITOUS) or targets

    def covered(text: str) -> set[str]:
        stems = content_lemmas(text).union(*(content_lemmas(_unprefixed(w)) for w in words(text)))
        return {t for t in telling if any(_same(s, t) for s in stems)}

    held = covered(sentence)
    scheme = NAME in held
    if scheme:  # the named scheme is the matter, the rest of the question its gloss
        held = telling
    coverage = len(held) / len(telling)
    owned = {w for m in _OWNED.finditer(question) for w in content_lemmas(m.group(1))}
    owned |= {t for t in targets if any(t.startswith(b) for b in CASELOAD)}  # caseloads asked of are the matter
    if coverage < MIN_COVERAGE or (owned and not any(_same(s, o) for s in content_lemmas(sentence) for o in owned)):
        # "foster carers' allowances" needs the allowances, not the carers; "the caseload of
        # personal advisors" the caseloads, not "excellent relationships with their PAs"
        return "", 0, coverage
    if any(
        (a.search(question) and b.search(sentence) and not a.search(sentence))
        or (b.search(question) and a.search(sentence) and not b.search(sentence))
        for a, b in OPPOSITES
    ):
        return "unclear", 2, coverage  # "most posts filled by agency staff" for "…by permanent staff?"
    # the clauses that speak to the question: those holding one of its words; one holding all of
    # them speaks over those holding less than MIN_COVERAGE, unless they refer back to it ("the
    # staff turnover rate is low, but it is heavily dependent on agency staff": the second alone;
    # "… is applicable in Southwark, but this does not apply elsewhere": both)
    parts = [c for c in CLAUSE_BREAK.split(sentence) if c and covered(c)]
    if any(covered(c) == telling for c in parts):
        parts = [c for c in parts if len(covered(c)) >= MIN_COVERAGE * len(telling) or REFERS_BACK.match(c)]
    clauses = parts or [sentence]
    plans_asked = PLANS_ASKED.search(question)
    if any(ASPIRATION.search(c) or MORE_TO_DO.search(c) or (PLANNED.search(c) and not plans_asked) for c in clauses):
        return "", 0, coverage  # says what is wanted or what holds it back, not what is
    readings = [_stance_of(question, c, _positions(c, targets)) for c in clauses]
    # the clause with a signal decides over one that only repeats the words ("exemption is applicable
    # if they live in Southwark, but this does not apply to them if they live elsewhere"); among
    # equals, the clause holding most of the question's words
    said, strength = readings[max(range(len(clauses)), key=lambda i: (readings[i][1], len(covered(clauses[i]))))]
    if UNIVERSAL.search(question) and ("no", 2) in readings:
        return "no", 2, coverage  # "do all get it within 20 days?": "all get it, although for some… not within 20 days"
    if any(s in ("yes", "no", "both") and s != said and n == 2 for s, n in readings):
        # "offered to all children, although take-up is relatively low"; "progress in reducing
        # caseloads, but these remain too high in several teams" (a clause with signals both ways)
        return "unclear", 2, coverage
    if strength == 1 and _alone_says_nothing(question, sentence, held, coverage, scheme):
        return "", 0, coverage
    if _age_unspoken(question, sentence):
        # "do care leavers get to know their PA well before they turn 18?": praise of the PAs
        # that says nothing of when is no answer
        return "", 0, coverage
    return ("unclear" if said == "both" else said), strength, coverage


def _alone_says_nothing(question: str, sentence: str, held: set[str], coverage: float, scheme: bool) -> bool:
    """Whether a sentence that only repeats the question's words (no signal either way) gives
    no "yes": it holds half of them or fewer ("the Local Safeguarding Children Board (LSCB)"
    for "had the safeguarding board met with the living in care council?": the subject, not the
    matter; "partnerships rely on…" for "rely on agency workers?"); it names only whom the
    question is about ("work with homeless 16- to 17-year-olds is compliant" for "were they put
    in b&bs?"); it has the words of a term of art the question names, not the term ("an
    effective multi-agency response to safeguard children" is no multi-agency safeguarding hub;
    a named scheme is the matter itself); or it finds fault or says what is still to do
    anywhere ("a valuable service…, but its location makes it difficult to access" for "easy
    to get to?")."""
    if coverage <= MIN_COVERAGE or not held - WHOM - UBIQUITOUS:
        return True
    asked = terms_named(question) - populations()
    if not scheme and asked and not asked & terms_named(sentence):
        return True
    return any(rx.search(sentence) for rx in (CRITICISM, BAD, ASPIRATION, MORE_TO_DO, PREVENTS))


def _class(word: str) -> str:
    w = word.lower()
    return next((k for k, members in NEGATABLE_CLASSES.items() if w in members), w)


def _quantity(question: str, text: str, anchors: list[int] | None) -> str:
    """The quantity scale; a question about everyone ("all", "always") is answered "+" only
    by a sentence about everyone: "the majority" and "almost all" read "-"."""
    said = _stance(_PAIRS["quantity"], text, anchors)
    if anchors is not None and not said and (HIGH.search(question) or LOW.search(question)):
        # "were most offered one?" and "95% of children who had been missing were offered…"
        shares = [float(m.group(1)) for m in PERCENT.finditer(text) if _near([len(words(text[: m.start()]))], anchors)]
        if shares:
            said = "+" if min(shares) >= 50 else "-" if max(shares) < 50 else "?"
            if said == "+" and UNIVERSAL.search(question) and min(shares) < 100:
                return "-"  # "every child?" and 95%
    if anchors is None or said != "+" or not UNIVERSAL.search(question):
        return said
    everyone = [p for p in _cue_positions(UNIVERSAL, _mask(NOT_UNIVERSAL, text)) if _near([p], anchors)]
    return "+" if everyone else "-"


# the negated verb of what the question asks about, right after it: "bed and breakfast
# accommodation has not been used", "return home interviews are not offered", "the sessions
# have stopped"
NEGATED_VERB = re.compile(
    r"\b(?:(?:has|have|had|is|are|was|were|do|does|did|can|could|will|would)\s+(?:not|never)"
    r"|hasn't|haven't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|can't|cannot"
    r"|(?:has|have|had|is|are|was|were)\s+(?:now\s+)?(?:" + ENDED + r"|discontinued|no\s+longer))\b",
    re.I,
)
RELATIVE = re.compile(r"^(?:who|whose|whom|which|that|where|when|if|whether)$", re.I)
PREDICATE_REACH = 4  # words from the question's last word to the negated verb


def _negated_predicate(text: str, anchors: list[int]) -> bool:
    """The verb right after the question's words is negated ("X has not been used"), with no
    relative clause between them ("children who are not seen" is not about the children)."""
    ws = words(text)
    for p in _cue_positions(NEGATED_VERB, text):
        before = [a for a in anchors if 0 < p - a <= PREDICATE_REACH]
        if before and not any(RELATIVE.match(w) for w in ws[max(before) + 1 : p]):
            return True
    return False


def _stance_of(question: str, sentence: str, anchors: list[int]) -> tuple[str, int]:
    text = NOT_A_NEGATION.sub(lambda m: "x" * len(m.group(0)), sentence)
    negations = _cue_positions(NEGATION, text)
    if _near(negations, anchors, forward_only=True) or _negated_by_prefix(text, content_lemmas(question) - _REFERENCE):
        return "no", 2
    asked_words = {_class(m.group(0)) for m in NEGATABLE.finditer(question)}
    negated = [len(words(text[: m.start()])) for m in NEGATABLE.finditer(text) if _class(m.group(0)) in asked_words]
    if asked_words and any(0 < n - c <= 3 for c in negations for n in negated):
        return "no", 2  # "did they always…?" / "not always"; "every child?" / "not … all children"
    if asked_words and any(_class(_unprefixed(w)) in asked_words for w in words(text)):
        return "no", 2  # "enough foster carers?" / "insufficient foster carers"

    burden = any(t.startswith(b) or (len(t) >= 4 and b.startswith(t)) for t in _content(question) for b in LOAD)

    def read(name: str, text: str, near: list[int] | None) -> str:
        if name == "comparison":
            return "<=" if near is None and WITHIN.search(text) else _comparison(text)
        rest = _mask(MORE_THAN, _mask(LESS_THAN, text))  # "higher than average" is a comparison, not a rise
        if name == "evaluation":
            said = _evaluation(rest, near)
            if burden and near is not None:  # a burden's quantity is its evaluation: high is bad
                load = {"+": "-", "-": "+"}.get(_stance((HEAVY, LIGHT), rest, near), "")
                said = said or load if not (said and load and said != load) else "?"
            return said
        return _quantity(question, rest, near) if name == "quantity" else _stance(_PAIRS[name], rest, near)

    asked_by_scale = {name: read(name, question, None) for name in SCALES}
    stance = any(asked_by_scale.values())
    if not stance and _negated_predicate(text, anchors):
        return "no", 2  # "bed and breakfast accommodation has not been used" for "putting them in b&bs?"
    signals = []
    for name in SCALES:
        asked, said = asked_by_scale[name], read(name, text, anchors)
        if asked == "?" or said == "?":
            return "both", 2
        if not said:
            continue
        if name == "evaluation" and asked == "-" and said == "+" and ANY_TROUBLE.search(question) and not burden:
            return "both", 2  # praise here, perhaps trouble elsewhere: unclear
        if asked == "<=":  # inside a benchmark: below or in line with it is yes, above it no
            signals.append(said in ("-", "="))
        elif asked:
            signals.append(said == asked)
        elif stance:
            continue  # the question's own stance is on another scale
        elif (
            name == "quantity"
            and said == "-"
            and ANY_EXIST.search(question)
            and _near(_cue_positions(SOME, text), anchors)
        ):
            return "yes", 2  # "any children in unregistered homes?": "a small number of children are"
        elif name == "quantity" and said == "-" and _near(_cue_positions(NEAR_NONE, text), anchors):
            return "no", 2  # next to nothing: "only minimal reliance on agency staff"
        elif name == "comparison" or (name in ("quantity", "evaluation") and said == "-"):
            # "only a minority are offered", criticism, "higher than average": a plain
            # "do children get…?" is neither yes nor no
            return "unclear", 2
    if not signals:
        # a question with a stance ("heavily", "enough") is not answered by the words alone
        return ("", 0) if stance else ("yes", 1)
    if all(signals):
        return "yes", 2
    if not any(signals):
        return "no", 2
    return "both", 2  # signals each way: unclear, and it vetoes another clause's reading


def _nearby(a: tuple[str, int], b: tuple[str, int]) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) <= 1


def verdict(question: str, sentences: list[str], places: Sequence[tuple[str, int]] | None = None) -> str:
    """One verdict from the quoted sentences that speak to the question: those with a signal
    outrank those that only assert its words; "" when none speaks to it, when the strongest
    disagree, or when one is unclear. places: the report and page each sentence is quoted from
    (None: one page)."""
    alone = [_read(question, s) for s in sentences]
    read = [r for r in alone if r[0]]
    # the question's words split over two quoted sentences, neither saying anything
    # of it alone but its words ("There is good access to an independent visitor and advocacy
    # service. There is no waiting list, ...") for "was there a waiting list for independent
    # visitors?": read together, when quoted from one page or the next (a contents page and a
    # finding thirty pages on are no one finding)
    apart = [bool(places and not _nearby(places[i], places[i + 1])) for i in range(len(sentences) - 1)]
    for (a, b), ra, rb, far in zip(zip(sentences, sentences[1:]), alone, alone[1:], apart):
        if ra[1] < 2 and rb[1] < 2 and not far:
            joined = _read(question, f"{a} {b}")
            if joined[0] and joined[2] > max(ra[2], rb[2]):
                read.append(joined)
    if not read:
        return ""
    strongest, widest = max((strength, coverage) for _, strength, coverage in read)
    # the strongest readings that speak to the question nearly as fully as the widest one: a
    # sentence on "children missing from home" saying "not all" and one on "looked after
    # children" saying "all" do not settle "were all looked after children offered…?"
    found = {v for v, strength, coverage in read if strength == strongest and coverage >= widest - CLOSE_COVERAGE}
    # a weaker reading that speaks to the question as fully or more and says otherwise: "the
    # buildings are not welcoming to care leavers" does not answer "did care leavers design (help
    # write) their own guide?" no against "a booklet designed by care leavers"
    as_full = {v for v, _strength, coverage in read if coverage >= widest and v in ("yes", "no")}
    if as_full - found:
        return ""
    return found.pop() if len(found) == 1 and "unclear" not in found else ""
