"""Quiz records: plain frozen dataclasses that the generator fills and the exporters read.

A ``Question`` is one of four kinds:

- ``mcq``   -- ``options`` holds the choices (normally four), exactly one ``correct``;
- ``tf``    -- ``options`` is ``(Option("True", ...), Option("False", ...))``, one correct
  (build it with :func:`tf_options`);
- ``cloze`` -- ``prompt`` holds one blank written ``_____`` (:data:`BLANK`), ``answers`` the
  accepted fillings;
- ``short`` -- ``answers`` holds the accepted answers.

Construction checks these rules and raises ``ValueError`` when one is broken, so an exporter
never meets a question it cannot make sense of. Lists are accepted and stored as tuples.
``to_dict()`` / ``from_dict()`` round-trip through JSON exactly.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields

from assistant.records import Citation

KINDS = ("mcq", "tf", "cloze", "short")
# The question types a user chooses, and the kind of question each makes: "strength" (strength
# or concern?) and "practice" (which practice fits the finding?) are multiple choice too.
TYPES = ("strength", "practice", "mcq", "tf", "cloze", "short")
TYPE_KINDS = {"strength": "mcq", "practice": "mcq", "mcq": "mcq", "tf": "tf", "cloze": "cloze", "short": "short"}
# recall of numbers and dates ("short") is opt-in
DEFAULT_TYPES = ("strength", "practice", "mcq", "tf", "cloze")
BLANK = "_____"  # five underscores: where a cloze answer goes
TF_TEXTS = ("True", "False")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False


@dataclass(frozen=True)
class Question:
    id: str  # stable hash, see question_id()
    kind: str  # "mcq" | "tf" | "cloze" | "short"
    prompt: str  # plain text, any characters
    options: tuple[Option, ...] = ()  # mcq / tf
    answers: tuple[str, ...] = ()  # cloze / short: accepted answers
    explanation: str = ""  # feedback, quotes the passage
    citation: Citation | None = None
    quote: str = ""  # the passage text the answer is in
    topic: str = ""

    def __post_init__(self) -> None:
        # Accept lists / dicts (e.g. from JSON) and store the frozen forms.
        opts = tuple(o if isinstance(o, Option) else Option(**o) for o in self.options)
        object.__setattr__(self, "options", opts)
        object.__setattr__(self, "answers", tuple(self.answers))
        if isinstance(self.citation, dict):
            object.__setattr__(self, "citation", Citation(**self.citation))
        problem = self._problem()
        if problem:
            raise ValueError(f"question {self.id or '?'} ({self.kind}): {problem}")

    def _problem(self) -> str:
        if self.kind not in KINDS:
            return f"kind must be one of {', '.join(KINDS)}"
        if not self.prompt.strip():
            return "empty prompt"
        if self.kind in ("mcq", "tf"):
            if self.answers:
                return "mcq/tf questions take options, not answers"
            if any(not o.text.strip() for o in self.options):
                return "empty option text"
            if len(self.correct_options()) != 1:
                return "needs exactly one correct option"
            if self.kind == "mcq" and len(self.options) < 2:
                return "mcq needs at least two options"
            if self.kind == "tf" and tuple(o.text for o in self.options) != TF_TEXTS:
                return 'tf options must be ("True", "False"); use tf_options()'
        else:
            if self.options:
                return "cloze/short questions take answers, not options"
            if not self.answers or any(not a.strip() for a in self.answers):
                return "needs at least one non-empty accepted answer"
            if self.kind == "cloze" and BLANK not in self.prompt:
                return f"cloze prompt needs a blank written {BLANK}"
        return ""

    def correct_options(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.correct)

    def correct_index(self) -> int:
        """0-based index of the correct option (mcq / tf); -1 when there are no options."""
        return next((i for i, o in enumerate(self.options) if o.correct), -1)

    @property
    def truth(self) -> bool | None:
        """For tf: whether the statement is true; None for other kinds."""
        if self.kind != "tf":
            return None
        return self.options[0].correct

    @property
    def type(self) -> str:
        """The question type it was made as (see TYPES): "strength", "practice" or its kind."""
        head = self.topic.split(":")[0].strip()
        return {"strength or concern": "strength", "practice fit": "practice"}.get(head, self.kind)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Question:
        known = {f.name for f in fields(cls)}
        d = {k: v for k, v in d.items() if k in known}
        d["options"] = tuple(Option(**o) for o in d.get("options", ()))
        d["answers"] = tuple(d.get("answers", ()))
        c = d.get("citation")
        if isinstance(c, dict):
            cknown = {f.name for f in fields(Citation)}
            d["citation"] = Citation(**{k: v for k, v in c.items() if k in cknown})
        return cls(**d)


@dataclass(frozen=True)
class Quiz:
    title: str
    questions: tuple[Question, ...]
    seed: int = 0
    selection: dict = field(default_factory=dict, hash=False)  # how the passages were chosen

    def __post_init__(self) -> None:
        object.__setattr__(self, "questions", tuple(self.questions))

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "seed": self.seed,
            "selection": dict(self.selection),
            "questions": [q.to_dict() for q in self.questions],
        }

    @classmethod
    def from_dict(cls, d: dict) -> Quiz:
        return cls(
            title=d.get("title", ""),
            questions=tuple(Question.from_dict(q) for q in d.get("questions", ())),
            seed=int(d.get("seed", 0)),
            selection=dict(d.get("selection") or {}),
        )


def tf_options(truth: bool) -> tuple[Option, Option]:
    """The two options of a true/false question whose statement is ``truth``."""
    return (Option("True", truth), Option("False", not truth))


def question_id(kind: str, prompt: str, options=(), answers=(), citation: Citation | None = None) -> str:
    """A stable 12-hex-digit id from what the question asks and where it comes from."""
    payload = json.dumps(
        {
            "kind": kind,
            "prompt": prompt,
            "options": [[o.text, o.correct] for o in options],
            "answers": list(answers),
            "citation": [citation.report_id or citation.source, citation.page, citation.paragraph]
            if citation
            else None,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:12]
