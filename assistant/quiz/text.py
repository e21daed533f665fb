"""Text helpers for the quiz builder: cleaning, sentences, content words, numbers, dates (the
shared vocabulary -- months, bullets, sentence splitting, stemming -- is assistant.vocabulary).

Everything here is deterministic and has no dependency on the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..vocabulary import ABOUT_THE_INSPECTION, BULLET_PREFIX, MONTH_PATTERN, MONTHS, split_sentences
from ..vocabulary import content_words as vocabulary_content_words

# -- cleaning -------------------------------------------------------------------------------

_ARTEFACTS = str.maketrans(
    {
        "\ufffe": "-",  # PDF line-break hyphen as extracted ("decision\ufffemaking")
        "\u00ad": "",  # soft hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u00a0": " ",
        "\u200b": "",
    }
)
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)


def clean(text: str) -> str:
    """Report text as a reader should see it: extraction artefacts fixed, whitespace collapsed."""
    return " ".join(text.translate(_ARTEFACTS).split())


def norm(text: str) -> str:
    """For comparisons: cleaned, lower case, straight quotes and hyphens, single spaces."""
    return clean(text).translate(_QUOTES).lower()


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` once both are normalised."""
    n = norm(needle).strip(" .")
    return bool(n) and n in norm(haystack)


def norm_prompt(text: str) -> str:
    """A prompt reduced to its words: two prompts that differ only in case, spacing or
    punctuation are the same question."""
    return " ".join(re.findall(r"[a-z0-9]+", norm(text)))


# -- words ----------------------------------------------------------------------------------


def content_words(text: str) -> frozenset[str]:
    """Stemmed words that carry meaning (no stop words, no one-letter words), of the cleaned text."""
    return vocabulary_content_words(norm(text))


def overlap(a: frozenset[str] | str, b: frozenset[str] | str) -> float:
    """Share of ``a``'s content words that also occur in ``b`` (0 when ``a`` has none)."""
    a = content_words(a) if isinstance(a, str) else a
    b = content_words(b) if isinstance(b, str) else b
    return len(a & b) / len(a) if a else 0.0


def similar(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    """Either text's words are mostly in the other."""
    return overlap(a, b) >= threshold or overlap(b, a) >= threshold


# -- sentences ------------------------------------------------------------------------------

_PARA_START = re.compile(r"^(\d{1,3})\.\s+(?=\S)")


@dataclass(frozen=True)
class Sentence:
    text: str  # cleaned
    paragraph: str  # the numbered paragraph it is in ("" when unknown)


def sentences(chunk_text: str, chunk_paragraph: str = "") -> list[Sentence]:
    """The sentences of a chunk, each with the numbered paragraph it belongs to.

    Lines are read one at a time: a line starting "12. " opens paragraph 12; bullet marks are
    dropped; lines before the first numbered line belong to the chunk's first paragraph only
    when that paragraph continues from an earlier chunk."""
    lines = [ln for ln in chunk_text.splitlines() if ln.strip()]
    numbered = [int(m.group(1)) for ln in lines if (m := _PARA_START.match(ln.strip()))]
    first_chunk_para = re.match(r"\d+", chunk_paragraph or "")
    if numbered:
        lead = first_chunk_para.group(0) if first_chunk_para and int(first_chunk_para.group(0)) < numbered[0] else ""
    else:
        lead = chunk_paragraph if chunk_paragraph and "-" not in chunk_paragraph else ""
    current = lead
    out: list[Sentence] = []
    for line in lines:
        line = line.strip()
        m = _PARA_START.match(line)
        if m:
            current = m.group(1)
            line = line[m.end() :]
        line = BULLET_PREFIX.sub("", line)
        for s in split_sentences(clean(line)):
            out.append(Sentence(s, current))
    return out


# -- what makes a sentence a usable finding --------------------------------------------------

# capitalised words allowed in a "generic" finding (acronyms of the trade)
GENERIC_CAPS = frozenset(
    """
MASH LADO PLO IRO IROs QARO UASC NEET SEND EHCP EHCPs CAMHS PA PAs LSCB DBS CSE CCE CIN
I National Framework Covid COVID-19 Covid-19 English
""".split()
)
EVALUATIVE = re.compile(
    r"\b(?:effective(?:ly)?|ineffective|strong(?:ly)?|robust(?:ly)?|timely|untimely|consistent(?:ly)?|"
    r"inconsistent(?:ly)?|thorough(?:ly)?|comprehensive|high[- ]quality|poor(?:ly)?|weak(?:ness|nesses)?|"
    r"insufficient(?:ly)?|sufficient(?:ly)?|not always|too long|too many|too slow|delay(?:s|ed)?|drift|"
    r"well|good|improv(?:ed|ing|ement)|appropriate(?:ly)?|inappropriate(?:ly)?|purposeful|exceptional|"
    r"swift(?:ly)?|prompt(?:ly)?|lack(?:s|ing)?|limited|variable|deteriorated|unclear|clear(?:ly)?|"
    r"skilled|knowledgeable|sensitive(?:ly)?|creative(?:ly)?|benefit(?:s|ed)?|struggle)\b",
    re.IGNORECASE,
)


def evaluative_score(sentence: str) -> int:
    return len(EVALUATIVE.findall(sentence))


def is_finding(sentence: str, min_words: int = 8, max_words: int = 45) -> bool:
    """A whole sentence that reads as an inspection finding (not a heading, fragment or
    boilerplate)."""
    n = len(sentence.split())
    if not (min_words <= n <= max_words):
        return False
    if not sentence[0].isupper() or not sentence.endswith("."):
        return False
    if ABOUT_THE_INSPECTION.search(sentence):
        return False
    if sentence.count("(") != sentence.count(")") or sentence.count("\u2018") > sentence.count("\u2019"):
        return False
    if re.search(r"\b(?:19|20)\d\d\b", sentence):  # dated statements age badly and give away the report
        return False
    return True


_ANAPHORIC = re.compile(
    r"^(?:this|these|that|those|it|its|they|their|he|she|however|therefore|despite|as a result|in addition|"
    r"additionally|also|furthermore|moreover|consequently|but|and|such|both|here|there|similarly|equally|"
    r"nevertheless|although|while|whilst|in contrast|conversely|other|others|some of)\b",
    re.IGNORECASE,
)


def stands_alone(sentence: str) -> bool:
    """The sentence does not lean on the one before ("This means ...", "However, ...")."""
    return not _ANAPHORIC.match(sentence)


def is_generic(sentence: str) -> bool:
    """No proper names (places, services, teams): the finding could come from any report."""
    toks = re.findall(r"[A-Za-z][A-Za-z'\u2019\-]*", sentence)
    if toks and len(toks[0]) > 1 and toks[0].isupper() and toks[0] not in GENERIC_CAPS:
        return False  # "BCT has ..."
    for t in toks[1:]:
        if t[0].isupper() and t not in GENERIC_CAPS and t.rstrip("s") not in GENERIC_CAPS:
            return False
    return "\u2018" not in sentence and '"' not in sentence


_XREF = re.compile(r"\s*\((?:[^()]*\b(?:National Framework|Outcome|Enabler|Principle)\b[^()]*)\)\s*$", re.IGNORECASE)


def strip_xref(text: str) -> str:
    """Drop a trailing "(National Framework, Outcome 2)" cross-reference."""
    return _XREF.sub("", text).strip()


# -- numbers --------------------------------------------------------------------------------

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
for _t, _tw in enumerate(_TENS):
    if _tw:
        NUMBER_WORDS[_tw] = _t * 10
        for _u in range(1, 10):
            NUMBER_WORDS[f"{_tw}-{_UNITS[_u]}"] = _t * 10 + _u
NUMBER_WORDS["hundred"] = 100


def number_to_words(n: int) -> str:
    for w, v in NUMBER_WORDS.items():
        if v == n and w != "hundred":
            return w
    return ""


_MONTH_RE = MONTH_PATTERN
_NUM_WORD_RE = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("zero", "one", "hundred")), key=len, reverse=True))
# a quantity: digits (with thousands commas, decimals, %), or a number word from two upwards
QUANTITY = re.compile(
    r"(?<![\w.,/-])(?:(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<pct>%| per ?cent)?|(?P<word>"
    + _NUM_WORD_RE
    + r"))(?![\w/]|\.\d|,\d)",
    re.IGNORECASE,
)
# what may follow a quantity for it to be a count worth asking about
COUNTABLE = re.compile(
    r"^\s*(?:\)|(?:[a-z\-]+\s+){0,2}(?:children|young people|people|social workers|workers|families|care leavers|"
    r"cases|days|weeks|months|hours|years|homes|staff|practitioners|managers|teams|referrals|assessments|plans|"
    r"placements|carers|foster carers|schools|agencies|adopters|adoptions|apprentices|posts|vacancies|"
    r"visits|beds|hubs|localities|sites|parents|mothers|babies|settings|meetings|conferences|"
    r"audits|allegations|households|providers|councillors|partners|units))\b",
    re.IGNORECASE,
)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:section|outcome|enabler|principle|paragraph|page|regulation|part|schedule|tier|level|stage|"
    r"year|aged|age|under|over the age of|key stage|phase|standard|of|per|rate|than)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    text: str  # as written, e.g. "90%", "twenty-one", "1,826"
    start: int
    end: int
    value: float
    percent: bool


def quantities(sentence: str) -> list[Quantity]:
    """Every number in the sentence that is not part of a date or a year."""
    out = []
    for m in QUANTITY.finditer(sentence):
        before, after = sentence[: m.start()], sentence[m.end() :]
        if m.group("digits"):
            raw = m.group("digits").replace(",", "")
            value = float(raw)
            if re.fullmatch(r"(?:19|20)\d\d", raw) and not m.group("pct"):
                continue  # a year
            if re.match(r"\s*(?:" + _MONTH_RE + r")\b", after) or re.search(r"(?:" + _MONTH_RE + r")\s*$", before):
                continue  # part of a date
            out.append(Quantity(m.group(0), m.start(), m.end(), value, bool(m.group("pct"))))
        else:
            out.append(Quantity(m.group(0), m.start(), m.end(), float(NUMBER_WORDS[m.group("word").lower()]), False))
    return out


def countable(sentence: str, q: Quantity) -> bool:
    """Whether the quantity counts something (or is a percentage) rather than naming a section."""
    if _NOT_A_COUNT_BEFORE.search(sentence[: q.start]):
        return False
    return q.percent or bool(COUNTABLE.match(sentence[q.end :]))


def number_answers(q: Quantity) -> tuple[str, ...]:
    """Accepted answers for a number: as written, in digits, in words, with and without %."""
    forms: list[str] = [q.text]
    value = int(q.value) if q.value == int(q.value) else q.value
    digits = f"{value:,}" if isinstance(value, int) else str(value)
    plain = str(value)
    if q.percent:
        forms += [f"{plain}%", f"{plain} per cent", f"{plain} percent", f"{plain}"]
    else:
        forms += [plain, digits]
        if isinstance(value, int):
            w = number_to_words(value)
            if w:
                forms += [w, w.replace("-", " ")]
    return unique_ci(forms)


def unique_ci(items) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for s in items:
        s = s.strip()
        k = s.lower()
        if s and k not in seen:
            seen.add(k)
            out.append(s)
    return tuple(out)


# -- dates ----------------------------------------------------------------------------------


def month_year(iso: str) -> str:
    """ "2025-05-09" -> "May 2025"."""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso[:4]
    return f"{MONTHS[d.month - 1]} {d.year}"


def date_range_answers(as_written: str, start: str, end: str) -> tuple[str, ...]:
    """Accepted ways of writing an inspection's dates: as written, "3 to 14 October 2022",
    "3-14 October 2022", "03/10/2022 to 14/10/2022", "2022-10-03 to 2022-10-14"."""
    forms = [clean(as_written)]
    try:
        a, b = date.fromisoformat(start), date.fromisoformat(end or start)
    except ValueError:
        return unique_ci(forms)
    ma, mb = MONTHS[a.month - 1], MONTHS[b.month - 1]
    if a == b:
        forms += [f"{a.day} {ma} {a.year}", f"{a:%d/%m/%Y}", a.isoformat()]
        return unique_ci(forms)
    full = f"{a.day} {ma} {a.year}", f"{b.day} {mb} {b.year}"
    if a.year == b.year and a.month == b.month:
        short = [
            f"{a.day} to {b.day} {mb} {b.year}",
            f"{a.day}-{b.day} {mb} {b.year}",
            f"{a.day} - {b.day} {mb} {b.year}",
        ]
    elif a.year == b.year:
        short = [f"{a.day} {ma} to {b.day} {mb} {b.year}", f"{a.day} {ma} - {b.day} {mb} {b.year}"]
    else:
        short = []
    forms += short + [
        f"{a.day} {ma} to {b.day} {mb} {b.year}" if a.year == b.year else "",
        f"{full[0]} to {full[1]}",
        f"{full[0]} - {full[1]}",
        f"{a:%d/%m/%Y} to {b:%d/%m/%Y}",
        f"{a:%d/%m/%Y} - {b:%d/%m/%Y}",
        f"{a.isoformat()} to {b.isoformat()}",
    ]
    return unique_ci(f for f in forms if f)


def possessive(name: str) -> str:
    """ "Dorset" -> "Dorset's" (Ofsted writes "Somerset's", "Isles of Scilly's" the same way)."""
    return f"{name}'s"
