"""The core records that flow through the pipeline.

reports -> Page, ReportMeta; chunking -> Chunk; retrieval -> Passage (with Citation);
answering -> Answer (with CitedQuote). Plain frozen dataclasses, no store types.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .vocabulary import GRADES  # noqa: F401 - re-exported: the grades as written


@dataclass(frozen=True)
class Page:
    """One page of a report: 1-based number and its text as extracted."""

    number: int
    text: str


@dataclass(frozen=True)
class Judgement:
    """One judgement as written in a report.

    area: canonical key (``overall``, ``help_and_protection``, ``children_in_care``,
    ``care_leavers``, ``leaders``, ``adoption``, ``lscb``);
    label: the area as the report words it; grade: lower-case grade as written
    (``good``, ``requires improvement to be good``, ...); page: 1-based.
    """

    area: str
    label: str
    grade: str
    page: int = 1


@dataclass(frozen=True)
class Improvement:
    """One item of a report's "what needs to improve" list."""

    text: str
    page: int


@dataclass(frozen=True)
class ReportMeta:
    """What a report says about itself, extracted from its text (plus the manifest)."""

    report_id: str
    source: str  # path as ingested (relative to the ingested folder)
    title: str = ""
    local_authority: str = ""  # display name, e.g. "Dorset"
    urn: str = ""
    url: str = ""
    published: str = ""  # ISO date, "" when unknown
    inspection_dates: str = ""  # as written, e.g. "17 March to 21 March 2025"
    inspection_start: str = ""  # ISO, "" when unknown
    inspection_end: str = ""
    lead_inspector: str = ""
    lead_inspector_page: int = 1
    framework: str = ""  # "SIF", "ILACS" or "2026"
    judgements: tuple[Judgement, ...] = ()
    improvements: tuple[Improvement, ...] = ()
    pages: int = 0
    sha256: str = ""
    path: str = ""  # absolute file path at ingest time (to serve the PDF)

    @property
    def year(self) -> int:
        return int(self.published[:4]) if self.published else 0

    @property
    def overall(self) -> Judgement | None:
        return self.judgement("overall")

    def judgement(self, area: str) -> Judgement | None:
        return next((j for j in self.judgements if j.area == area), None)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> ReportMeta:
        d = dict(d)
        d["judgements"] = tuple(Judgement(**j) for j in d.get("judgements", ()))
        d["improvements"] = tuple(Improvement(**i) for i in d.get("improvements", ()))
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass(frozen=True)
class Chunk:
    """A piece of a report small enough to embed, with everything needed to cite it."""

    id: str
    text: str
    report_id: str
    source: str
    page: int
    paragraph: str = ""  # "12" or "12-14", "" when the report numbers none here
    heading: str = ""
    local_authority: str = ""
    published: str = ""

    @property
    def year(self) -> int:
        return int(self.published[:4]) if self.published else 0


@dataclass(frozen=True)
class Citation:
    """Where a passage comes from, precisely enough for a reader to check it."""

    source: str
    report_id: str = ""
    title: str = ""
    local_authority: str = ""
    published: str = ""
    page: int = 0
    paragraph: str = ""
    heading: str = ""
    url: str = ""

    def label_parts(self, esc=str) -> list[str]:
        """["Dorset", "published 2025-05-09", "page 2", "paragraph 5"]; esc escapes the text
        parts for the output format (HTML, Markdown)."""
        parts = [esc(self.local_authority or self.title or self.source)]
        if self.published:
            parts.append(f"published {esc(self.published)}")
        if self.page:
            parts.append(f"page {self.page}")
        if self.paragraph:
            parts.append(f"paragraph {esc(self.paragraph)}")
        return parts

    def label(self) -> str:
        """Short human label: "Dorset, published 2025-05-09, page 2, paragraph 5"."""
        return ", ".join(self.label_parts())


@dataclass(frozen=True)
class Passage:
    """A retrieved piece of text with its relevance score and citation."""

    text: str
    score: float
    citation: Citation
    chunk_id: str = ""

    def to_dict(self) -> dict:
        """The JSON form (`assistant search --json`):
        {score, text, source, page, paragraph, local_authority, published, heading, url}."""
        c = self.citation
        return {
            "score": self.score,
            "text": self.text,
            "source": c.source,
            "page": c.page,
            "paragraph": c.paragraph,
            "local_authority": c.local_authority,
            "published": c.published,
            "heading": c.heading,
            "url": c.url,
        }


@dataclass(frozen=True)
class CitedQuote:
    """Citation number n: the exact quote used and the passage it comes from."""

    n: int
    quote: str
    passage: Passage

    def to_dict(self) -> dict:
        """{n, source, page, paragraph, local_authority, published, quote, url}."""
        c = self.passage.citation
        return {
            "n": self.n,
            "source": c.source,
            "page": c.page,
            "paragraph": c.paragraph,
            "local_authority": c.local_authority,
            "published": c.published,
            "quote": self.quote,
            "url": c.url,
        }


@dataclass(frozen=True)
class Answer:
    """An answer with ``[n]`` markers, the quotes they point to, and the reports used."""

    question: str
    text: str
    citations: tuple[CitedQuote, ...] = ()
    abstained: bool = False
    inspections: tuple[ReportMeta, ...] = field(default=())
    notes: tuple[str, ...] = ()  # e.g. "Used the most recent inspection (published 2025-05-09)."

    def to_dict(self) -> dict:
        """The one JSON form of an answer (CLI, the /ask API, feedback, the Markdown copy):
        {question, answer, abstained, notes, citations: [CitedQuote.to_dict()]}."""
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "notes": list(self.notes),
            "citations": [c.to_dict() for c in self.citations],
        }
