"""The text vocabulary of Ofsted reports, in one place: month names, bullet glyphs, grade names,
boilerplate, sentence splitting, and tokenising with a Snowball stemmer (PyStemmer).

Every module that reads report text (reports/, chunking, keyword search, quiz/, ui/) takes these
from here, so that "May", "•" or "requires improvement to be good" mean the same everywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma
import Stemmer

# -- months --------------------------------------------------------------------------------------
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_NUMBER = {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}  # "jan" -> 1 (keyed by the first 3 letters)
# A month as reports write it: the full name, "Sept", or a three-letter abbreviation (a regex
# alternation, to be wrapped in a group by the caller; longest first so "May" is not cut short).
MONTH_PATTERN = "|".join([*MONTHS, "Sept", *(m[:3] for m in MONTHS if len(m) > 3)])


def month_number(name: str) -> int:
    """ "May", "sept", "Dec" -> 5, 9, 12; 0 when it is not a month."""
    return MONTH_NUMBER.get((name or "").strip().lower()[:3], 0)


# -- bullets -------------------------------------------------------------------------------------
# Bullet glyphs of the reports' text layers: Unicode bullets and squares, and the private-use
# Wingdings/Symbol codes some report fonts use (U+F06E, U+F0B7, U+F0A7, U+F0D8).
BULLETS = "◼\uf06e•▪■●\uf0b7\uf0a7\uf0d8\u25aa\u2022\u2023\u2043\u2219"
# Second-level bullets: dashes, "o " and the private-use dash glyphs.
SUB_BULLETS = ("−", "–", "- ", "o ", "\uf02d", "\uf0be", "─", "―", "\u0336")
BULLET_PREFIX = re.compile(
    r"""^[\s
        \u25fc\u25aa\u25cf\u25a0\u2022\u2023\u2043\u2219   # bullets and squares
        \-\u2013                                         # dashes used as bullets
        \ue000-\uf8ff                                    # private-use glyphs of report fonts
    ]+""",
    re.VERBOSE,
)
# How to show PDF glyph artefacts on screen: pdfium's line-break hyphen marker and the
# private-use bullets, as what they stand for (the data keeps them verbatim).
DISPLAY_GLYPHS = str.maketrans({"\ufffe": "-", "\uf06e": "▪", "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢"})

# -- grades --------------------------------------------------------------------------------------
# Grades as written, lower case, longest first so "requires improvement to be good" wins over
# "requires improvement" (SIF's area grade; ILACS's is "... to be good").
GRADES = ("outstanding", "good", "requires improvement to be good", "requires improvement", "inadequate")
# A grade as written, for use inside other patterns (verbose only within its own group; the
# caller adds a capturing group and re.IGNORECASE as it needs).
GRADE_PATTERN = r"""(?x:
    requires?\s+improvement\s+to\s+be\s+good    # ILACS: "requires improvement to be good"
  | requires?\s+improvement                     # SIF areas; "services ... require improvement"
  | outstanding | good | inadequate
  | adequate                                    # pre-SIF (2012-13) grade
  | not\s+judged
)(?![a-z])"""
_GRADE_AT_END = re.compile(r"(" + GRADE_PATTERN + r")\W*$", re.IGNORECASE)


def normalise_grade(text: str) -> str:
    """A grade as written -> its canonical lower-case form: "Require  Improvement" ->
    "requires improvement"; "" when the text is not a grade."""
    words = " ".join((text or "").lower().split())
    words = re.sub(r"^require\b", "requires", words)
    return words if words in GRADES or words in ("adequate", "not judged") else ""


def grade_at_end(text: str) -> str:
    """The grade a judgement excerpt or statement ends with, normalised ("" when none)."""
    m = _GRADE_AT_END.search(" ".join((text or "").split()))
    return normalise_grade(m.group(1)) if m else ""


def display_grade(grade: str) -> str:
    """ "requires improvement to be good" -> "Requires improvement to be good"."""
    return grade[:1].upper() + grade[1:]


# -- boilerplate ---------------------------------------------------------------------------------
# Ofsted's back page (contact details, licence, alternative formats): a chunk holding it is
# never an answer.
BACK_PAGE = re.compile(
    r"""Textphone
      | ©\ Crown\ copyright | Crown\ copyright\ 20\d\d
      | enquiries@ofsted\.gov\.uk
      | If\ you\ would\ like\ a\ copy\ of\ this\ document\ in\ a\ different\ format
      | Office\ for\ Standards\ in\ Education,\ Children['’]s\ Services\ and\ Skills\ \(Ofsted\)\ regulates""",
    re.VERBOSE | re.IGNORECASE,
)
# Sentences about the inspection itself or its publication rather than about practice: never
# a finding to quote in a quiz.
ABOUT_THE_INSPECTION = re.compile(
    r"""ofsted | www\. | https?: | @ | licen[cs]e | crown\ copyright | telephone   # publication details
      | this\ report | (?:inspection\ )?judgements?\ mean                         # about the report
      | \bhmi\b | his\ majesty | her\ majesty                                     # the inspectors
      | inspectors?\ (?:looked|evaluated|sampled|spoke|met)                         # how they worked
      | this\ inspection\ was | the\ inspection\ (?:team|was)
      | under\ section | regulations\ \d | act\ \d{4}                             # legal references""",
    re.VERBOSE | re.IGNORECASE,
)

# the reports' template text, the same in every report of an era: a cover page's title and
# dates, the scale explained ("A good local authority leads effective services…"), no finding
TEMPLATE_TEXT = re.compile(
    r"""inspection\ of\ services\ for\ children\ in\ need\ of\ help\ and\ protection | it\ is\ ofsted['’]s\ expectation\ that
      | a\ good\ local\ authority\ leads\ effective\ services | inspection\ dates?: | report\ published: | lead\ inspector:
      | key\ judgement\ judgement\ grade""",
    re.VERBOSE | re.IGNORECASE,
)

# how an asker names where the answer should come from: "going by the 2014 report", "according to
# the latest inspection"
SOURCE_LEAD = r"going\s+(?:off|by)|according\s+to|based\s+on|judging\s+by|as\s+per"

# a contents page's line: titles each followed by their page number ("… achieving permanence 17
# Leadership, management and governance 29 The Local Safeguarding Children Board (LSCB) 35 …")
_CONTENTS_ENTRY = re.compile(r"[a-z)]\s\d{1,3}\s+[A-Z]")
# a heading: every word of its own capitalised ("The Local Safeguarding Children Board (LSCB)")
_OWN_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]{2,}")
_HEADING_SMALL = frozenset("and the for with from into its".split())


def not_prose(sentence: str) -> bool:
    """A heading or a contents page's line, not a sentence of a finding: never quoted as one."""
    if len(_CONTENTS_ENTRY.findall(sentence)) >= 2:
        return True
    return not any(w not in _HEADING_SMALL for w in _OWN_WORD.findall(sentence))


# -- sentences -----------------------------------------------------------------------------------
_SENTENCE_END = re.compile(
    r"""(?<=[.!?])               # after a full stop, question or exclamation mark
        ["'”’)]?                 # and a closing quote or bracket
        \s+
        (?=[A-Z0-9‘“"'(\u25fc])  # before what can start a sentence""",
    re.VERBOSE,
)
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|approx|vs|Mr|Mrs|Ms|Dr|No|St|para|paras)\.$", re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, whitespace collapsed; an abbreviation ("e.g.", "Dr.") does not end one."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(" ".join((text or "").split())):
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


# -- words -----------------------------------------------------------------------------------------
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words too common to tell passages apart (English stop words, plus "ofsted").
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each either every few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just many may me
might more most much must my myself neither no nor not now of off on once only onto or other our ours ourselves
out over own same shall she should so some such than that the their theirs them themselves then there these they
this those through to too under until up upon very was we well were what when where which while who whom whose
why will with within without would you your yours yourself yourselves ofsted s""".split()
)


# Words about asking, not about the matter: "i heard the report mentions some kind of…" (a word
# rare in the reports, "mentions", is no name of what is asked about).
ASKING_WORDS = frozenset(
    """mention mentions mentioned mentioning heard hear hearing say says said saying talk talks talked talking
refer refers referred referring remember recall think thought wonder wondering reckon apparently""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    """Snowball (Porter 2) stem: improvement/improvements/improving/improved -> improv."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Lower-case words, curly apostrophes straightened, possessive "'s" and contractions cut."""
    return [w.split("'")[0] for w in _WORD.findall((text or "").lower().replace("’", "'")) if w.split("'")[0]]


def tokenize(text: str) -> list[str]:
    """Stemmed content words: what keyword search indexes and matches."""
    return _stemmer().stemWords([w for w in words(text) if w not in STOPWORDS])


def content_words(text: str) -> frozenset[str]:
    """The set of stemmed content words of a text (no stop words, no one-letter words)."""
    return frozenset(t for t in tokenize(text) if len(t) > 1)


def lemma(word: str) -> str:
    """The dictionary form of an English word (simplemma): paid -> pay, broken -> break."""
    return simplemma.lemmatize(word, lang="en")


def content_lemmas(text: str) -> frozenset[str]:
    """content_words of the words' dictionary forms: "tax paid" and "pay tax" share "pay";
    "broken down" and "breakdowns" share "break…" by prefix (irregular forms the stemmer
    leaves apart)."""
    kept = [w for w in words(text) if w not in STOPWORDS]
    return frozenset(t for t in _stemmer().stemWords([lemma(w) for w in kept]) if len(t) > 1)
