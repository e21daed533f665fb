"""What a report says about itself: title, authority, dates, lead inspector, judgements,
and the "what needs to improve" list.

Three report layouts are handled, by era:

- pre-SIF (2012-2013): "Inspection of looked after children services", a "Record of main
  findings" table and an "Areas for improvement" list;
- SIF (2014-2018): "Children's services in X are ..." / "The overall judgement is ...", a
  numbered judgement list on page 1 and numbered "Recommendations";
- ILACS (2018-2025) and the 2026 reports: a "Judgement Grade" table on page 1, "Lead
  inspector:" near the top and a bulleted "What needs to improve?" list.

Everything here is plain line/regex work on the page text. No function raises on odd text:
a field that cannot be found is left "" (or empty).
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
from collections.abc import Callable
from typing import TypeVar

from ..records import Improvement, Judgement, Page, ReportMeta
from ..vocabulary import BULLETS, GRADE_PATTERN, MONTH_PATTERN, MONTHS, SUB_BULLETS, month_number, normalise_grade

T = TypeVar("T")
log = logging.getLogger(__name__)

__all__ = [
    "extract_metadata",
    "display_authority",
    "detect_framework",
    "extract_title",
    "extract_authority",
    "extract_inspection_dates",
    "extract_published",
    "extract_lead_inspector",
    "extract_judgements",
    "extract_improvements",
    "parse_date",
    "parse_date_range",
]

# --------------------------------------------------------------------------- constants

_MONTH_RE = MONTH_PATTERN
GRADE_RE = f"({GRADE_PATTERN})"  # one capturing group

FRAMEWORK_SIF = "SIF"
FRAMEWORK_ILACS = "ILACS"
FRAMEWORK_2026 = "2026"
FRAMEWORK_PRE_SIF = "pre-SIF"

# area -> label patterns, per layout. Patterns match whitespace-collapsed text.
TABLE_AREAS = (
    ("leaders", r"(?:The )?impact of leaders on (?:social work )?practice with children and families\.?"),
    ("help_and_protection", r"(?:The )?experiences and progress of children who need help and protection"),
    ("children_in_care", r"(?:The )?experiences and progress of children in care(?: and care leavers)?"),
    ("care_leavers", r"(?:The )?experiences and progress of (?:children )?care leavers"),
    ("overall", r"Overall effectiveness"),
)
SIF_AREAS = (
    ("help_and_protection", r"Children who need help and protection"),
    ("children_in_care", r"Children looked after and achieving permanence"),
    ("adoption", r"Adoption performance"),
    ("care_leavers", r"Experiences and progress of care leavers"),
    ("leaders", r"Leadership, management and governance"),
)
PRE_SIF_AREAS = (
    ("overall", r"Overall effectiveness"),
    ("leaders", r"Leadership and management"),
)
AREA_ORDER = ("overall", "leaders", "help_and_protection", "children_in_care", "adoption", "care_leavers", "lscb")

# Names whose small words stay lower case inside a display name.
_SMALL_WORDS = {"and", "of", "on", "upon", "with", "the", "in", "under", "by", "le"}


# --------------------------------------------------------------------------- public API


def extract_metadata(
    pages: list[Page],
    *,
    source: str,
    report_id: str = "",
    defaults: dict | None = None,
    errors: list[tuple[str, str]] | None = None,
) -> ReportMeta:
    """Read a report's metadata from its pages; manifest ``defaults`` win where given.

    ``defaults`` may carry ``local_authority`` (manifest name, title-cased here),
    ``published`` (ISO date), ``url``, ``urn`` and ``sha256``. An extractor that fails leaves
    its field empty; the failure is logged with the file and field and, when ``errors`` is
    given, appended to it as ``(field, "ExceptionType: message")`` (the ingest summary counts them).
    """
    defaults = defaults or {}
    pages = list(pages or [])

    def safe(field: str, fn: Callable[[], T], default: T) -> T:
        return _safe(fn, default, field=field, source=source, errors=errors)

    written, start, end = safe("inspection_dates", lambda: extract_inspection_dates(pages), ("", "", ""))
    published = (defaults.get("published") or "").strip() or safe("published", lambda: extract_published(pages), "")
    framework = safe("framework", lambda: detect_framework(pages, published=published, inspection_end=end), "")
    lead, lead_page = safe("lead_inspector", lambda: extract_lead_inspector(pages), ("", 1))
    authority = defaults.get("local_authority") or ""
    authority = (
        display_authority(authority) if authority else safe("local_authority", lambda: extract_authority(pages), "")
    )
    return ReportMeta(
        report_id=report_id,
        source=source,
        title=safe("title", lambda: extract_title(pages), ""),
        local_authority=authority,
        urn=str(defaults.get("urn") or ""),
        url=str(defaults.get("url") or ""),
        published=published,
        inspection_dates=written,
        inspection_start=start,
        inspection_end=end,
        lead_inspector=lead,
        lead_inspector_page=lead_page,
        framework=framework,
        judgements=safe("judgements", lambda: extract_judgements(pages, framework), ()),
        improvements=safe("improvements", lambda: extract_improvements(pages, framework), ()),
        pages=len(pages),
        sha256=str(defaults.get("sha256") or ""),
    )


def display_authority(name: str) -> str:
    """Title-case a manifest authority name: "kingston upon hull" -> "Kingston upon Hull"."""
    words = re.split(r"(\s+)", (name or "").strip())
    out = []
    for i, word in enumerate(words):
        if word.isspace() or not word:
            out.append(word)
            continue
        parts = word.split("-")
        cased = [
            _case_word(p, first=(i == 0 and j == 0), last=(j == len(parts) - 1 and j > 0)) for j, p in enumerate(parts)
        ]
        out.append("-".join(cased))
    return "".join(out)


def detect_framework(pages: list[Page], *, published: str = "", inspection_end: str = "") -> str:
    """ "ILACS", "2026", "SIF", "pre-SIF" or "" from the opening pages' layout."""
    head = _flat(" ".join(p.text for p in pages[:2]))
    if re.search(r"Judgement\s+Grade", head):
        year = _year(published) or _year(inspection_end)
        has_overall = re.search(r"Overall effectiveness\s*" + GRADE_RE, head, re.I)
        return FRAMEWORK_2026 if year >= 2026 or not has_overall else FRAMEWORK_ILACS
    if _sif_overall(head) or re.search(
        r"Inspection of services for children in need of help|Review of the effectiveness of the Local Safeguarding",
        head,
        re.I,
    ):
        return FRAMEWORK_SIF
    if re.search(r"Inspection of (?:safeguarding and )?looked after children|Record of main findings", head, re.I):
        return FRAMEWORK_PRE_SIF
    return ""


def extract_title(pages: list[Page]) -> str:
    """The first heading lines, e.g. "Inspection of Dorset local authority children's services"."""
    lines = _first_page_lines(pages)
    start = _title_start(lines)
    if start is None:
        return ""
    title = []
    for line in lines[start : start + 7]:
        if title and _ends_title(line):
            break
        title.append(line)
    return _strip_footnote(" ".join(title))


def extract_authority(pages: list[Page]) -> str:
    """The local authority's name as the report gives it, without "County Council" etc."""
    lines = _first_page_lines(pages)
    title = extract_title(pages)
    m = re.match(r"Inspection of (.+?)(?: local\s+authority)? children['’]s services$", title)
    if m and not re.match(r"(children|services|safeguarding|looked after|local authority)\b", m.group(1), re.I):
        return _strip_council(m.group(1))
    start = _title_start(lines)
    if start:  # SIF and early ILACS: the authority stands above the title, sometimes over two lines
        return _strip_council(" ".join(lines[:start]))
    if start == 0:  # pre-SIF: the council line follows the title
        council = next((ln for ln in lines[:8] if re.search(r"\bCouncil$", ln)), "")
        if council:
            return _strip_council(council)
    m = re.search(r"Children['’]s services in (.+?) (?:are|is|require)", _flat(_page_text(pages, 1)))
    return _strip_council(m.group(1)) if m else ""


def extract_inspection_dates(pages: list[Page]) -> tuple[str, str, str]:
    """(dates as written, start ISO, end ISO) from "Inspection dates: ..."."""
    lines = _first_page_lines(pages)
    for i, line in enumerate(lines[:15]):
        m = re.match(r"Inspection dates?\s*:?\s*(.+)$", line, re.I)
        if not m:
            continue
        written = m.group(1).strip()
        if not re.search(r"\d{4}$", written) and i + 1 < len(lines):
            written = f"{written} {lines[i + 1].strip()}"
        start, end = parse_date_range(written)
        return written, start, end
    return "", "", ""


def extract_published(pages: list[Page]) -> str:
    """ISO publication date from "Report published: 23 May 2014" / "Published: ...", else ""."""
    for page in pages[:2]:
        m = re.search(r"^(?:Report )?published:?\s*(.+)$", page.text, re.M | re.I)
        if m:
            return parse_date(m.group(1))
    return ""


def extract_lead_inspector(pages: list[Page]) -> tuple[str, int]:
    """(name, page) from "Lead inspector: X, His Majesty's Inspector" or "Reporting inspector X HMI"."""
    pattern = re.compile(r"^(Lead inspectors?(?: on site)?|Reporting inspector)\s*:?\s*(.+)$", re.I | re.M)
    for page in pages:
        for m in pattern.finditer(page.text):
            if m.group(1).lower() == "lead inspectors":  # "Rebecca Quested, His Majesty's Inspector, and Matthew Reed,"
                names = [_clean_inspector(n) for n in re.split(r",?\s+and\s+", _strip_hmi_titles(m.group(2)))]
                name = " and ".join(n for n in names if n)
            else:
                name = _clean_inspector(m.group(2))
            if name:
                return name, page.number
    return "", 1


def extract_judgements(pages: list[Page], framework: str = "") -> tuple[Judgement, ...]:
    """Judgements as written, one per area, in a stable area order."""
    framework = framework or detect_framework(pages)
    if framework in (FRAMEWORK_ILACS, FRAMEWORK_2026):
        found = _table_judgements(pages)
        for j in _heading_judgements(pages):
            found.setdefault(j.area, j)
    elif framework == FRAMEWORK_SIF:
        found = _sif_judgements(pages)
    elif framework == FRAMEWORK_PRE_SIF:
        found = _pre_sif_judgements(pages)
    else:
        found = {}
    return tuple(found[a] for a in AREA_ORDER if a in found)


def extract_improvements(pages: list[Page], framework: str = "") -> tuple[Improvement, ...]:
    """Items of the report's "what needs to improve" list, text verbatim (spaces collapsed)."""
    framework = framework or detect_framework(pages)
    if framework in (FRAMEWORK_ILACS, FRAMEWORK_2026):
        return _bulleted_improvements(pages)
    if framework == FRAMEWORK_SIF:
        return _numbered_improvements(pages)
    if framework == FRAMEWORK_PRE_SIF:
        return _pre_sif_improvements(pages)
    return _bulleted_improvements(pages) or _numbered_improvements(pages)


def parse_date(text: str) -> str:
    """ISO date from "23 May 2014", "2 Aug 2013" or "25/11/2016", else ""."""
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?\s+(\d{{4}})\b", text or "", re.I)
    if m:
        return _iso(m.group(3), m.group(2), m.group(1))
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text or "")
    if m and 1 <= int(m.group(2)) <= 12:
        return _iso(m.group(3), MONTHS[int(m.group(2)) - 1], m.group(1))
    return ""


def parse_date_range(text: str) -> tuple[str, str]:
    """(start ISO, end ISO) from "8 – 12 July 2013", "19 November 2018 to 30 November 2018",
    "30 September to 11 October 2024 and 13 to 16 January 2025"."""
    day_month_year = rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+({_MONTH_RE}))?(?:\s+(\d{{4}}))?"
    tokens = [[m.group(1), m.group(2), m.group(3)] for m in re.finditer(day_month_year, text or "", re.I)]
    if not tokens:
        return "", ""
    numeric = re.findall(r"\b\d{1,2}/\d{1,2}/\d{4}\b", text or "")
    if numeric:
        return parse_date(numeric[0]), parse_date(numeric[-1])
    month = year = None
    for token in reversed(tokens):  # later tokens carry the month/year that earlier ones leave out
        month = token[1] = token[1] or month
        year = token[2] = token[2] or year
    first, last = tokens[0], tokens[-1]
    return _iso(first[2], first[1], first[0]), _iso(last[2], last[1], last[0])


# --------------------------------------------------------------------------- judgements


def _table_judgements(pages: list[Page]) -> dict[str, Judgement]:
    """ILACS / 2026: the "Judgement Grade" table near the top of page 1."""
    for page in pages[:3]:
        m = re.search(r"Judgement\s+Grade", page.text)
        if not m:
            continue
        block = _flat(page.text[m.end() : m.end() + 900])[:650]
        return _match_areas(block, TABLE_AREAS, page.number, sep=r"\s*")
    return {}


def _heading_judgements(pages: list[Page]) -> list[Judgement]:
    """ILACS body headings: "The experiences and progress of ...: good"."""
    out = []
    for page in pages:
        flat = _flat(page.text)
        out.extend(_match_areas(flat, TABLE_AREAS[:-1], page.number, sep=r"\s*:\s*").values())
    return out


def _sif_judgements(pages: list[Page]) -> dict[str, Judgement]:
    """SIF: the overall sentence and the numbered judgement list on page 1, the LSCB anywhere."""
    found: dict[str, Judgement] = {}
    for page in pages[:2]:
        flat = _flat(page.text)
        overall = _sif_overall(flat, page.number)
        if overall and "overall" not in found:
            found["overall"] = overall
        for area, j in _match_areas(flat, SIF_AREAS, page.number, sep=r"\s*\d?\s*").items():
            found.setdefault(area, j)
    lscb = _lscb_judgement(pages)
    if lscb:
        found["lscb"] = lscb
    return found


_SIF_OVERALL = re.compile(
    r"(Children['’]s services in .{1,80}?|The overall judgement is(?: that children['’]s services?)?)"
    r"\s+(?:are|is|require|requires)?\s*" + GRADE_RE,
    re.I,
)
_LSCB = re.compile(
    r"(The (?:effectiveness of the )?(?:Local Safeguarding Children(?: Board)?|LSCB)(?: \(LSCB\))?)\s+"
    r"(?:is\s+)?" + GRADE_RE,
    re.I,
)


def _sif_overall(flat: str, page: int = 1) -> Judgement | None:
    """ "Children's services in X are good" / "The overall judgement is that ... require improvement"."""
    m = _SIF_OVERALL.search(flat)
    return Judgement("overall", m.group(1), _grade(m.group(2)), page) if m else None


def _lscb_judgement(pages: list[Page]) -> Judgement | None:
    for page in pages:
        m = _LSCB.search(_flat(page.text))
        if m:
            return Judgement("lscb", m.group(1), _grade(m.group(2)), page.number)
    return None


def _pre_sif_judgements(pages: list[Page]) -> dict[str, Judgement]:
    """2012-2013: the "Record of main findings" table (falls back to "Grade n (Adequate)")."""
    for page in pages:
        if "Record of main findings" in page.text:
            flat = _flat(page.text.split("Record of main findings", 1)[1])
            found = _match_areas(flat, PRE_SIF_AREAS, page.number, sep=r"\s*")
            if found:
                return found
    return {}


def _match_areas(flat: str, areas, page: int, *, sep: str) -> dict[str, Judgement]:
    found = {}
    for area, label_re in areas:
        m = re.search(rf"({label_re}){sep}{GRADE_RE}", flat, re.I)
        if m:
            found[area] = Judgement(area, m.group(1).rstrip(". "), _grade(m.group(2)), page)
    return found


def _grade(text: str) -> str:
    return normalise_grade(text)


# --------------------------------------------------------------------------- improvements

_ILACS_HEAD = re.compile(r"^What needs to improve\b[?:]?\s*\d*$", re.I)
_ILACS_STOP = re.compile(
    r"^(The experiences and progress|The impact of leaders|The effectiveness of leaders|\d+\.\s|Summary\b)", re.I
)
_FOOTNOTE = re.compile(r"^\d{1,2} [A-Z]")
_SIF_HEAD = re.compile(
    r"^(What does the local authority need to improve\??|Recommendations|Priority and immediate action)$", re.I
)
_SIF_STOP = re.compile(
    r"^(Summary for children|Inspection findings|The experiences and progress|Information about|"
    r"The local authority['’]s strengths|The local authority has the following strengths|"
    r"Executive summary|What does the LSCB|Contents|"
    r"The Local Safeguarding Children Board|Progress since the last inspection|Summary of findings)",
    re.I,
)
_SUBHEADINGS = re.compile(r"^(Areas for improvement|Priority and immediate action)$", re.I)
_NUMBERED = re.compile(r"^(\d{1,3})\.(?:\s+|(?=[A-Z]))(.*)$")
_NO_ACTIONS = re.compile(r"^There are no (?:areas for )?priority", re.I)


def _bulleted_improvements(pages: list[Page]) -> tuple[Improvement, ...]:
    """ILACS / 2026: bullets under "What needs to improve?" until the next section.

    A report that answers the heading with a paragraph instead of bullets gets that
    paragraph as its single item.
    """
    items: list[list] = []  # [page, [line, ...]]
    prose: list[list] = []  # lines before any bullet
    footnote_page = 0
    for page, line in _lines_after(pages, _ILACS_HEAD, max_page=8):
        if page == footnote_page or re.fullmatch(r"\d{1,2}", line):
            continue  # footnotes at the foot of the page, or a footnote marker on its own line
        if _FOOTNOTE.match(line):
            footnote_page = page
            continue
        if _starts_section(_ILACS_STOP, line):
            break
        bullet = _strip_bullet(line)
        if bullet is not None:
            items.append([page, [bullet]])
        elif items and _continues(items[-1][1], line):
            items[-1][1].append(line)
        elif items:
            break
        else:
            prose.append([page, line])
    if not items and prose:
        items = [[prose[0][0], [line for _, line in prose]]]
    return _improvements(items)


def _numbered_improvements(pages: list[Page]) -> tuple[Improvement, ...]:
    """SIF: the local authority's recommendations (not the LSCB's, which follow).

    Most SIF reports number them; early 2014 ones use bullets; a few number headings with
    bullets under each. Bullets under a numbered recommendation are part of it.
    """
    lines = _lines_after(pages, _SIF_HEAD, max_page=len(pages), min_page=2)
    items: list[list] = []
    number, style = 0, ""  # style: "numbered", "bullet" or "grouped" (numbered headings over bullets)
    for idx, (page, line) in enumerate(lines):
        numbered, bullet = _NUMBERED.match(line), _strip_bullet(line)
        if numbered and style != "bullet":
            if items and int(numbered.group(1)) != number + 1:
                break  # numbering jumped: the report's paragraphs, not the list
            number = int(numbered.group(1))
            if style != "grouped" and not _NO_ACTIONS.match(numbered.group(2)):
                style = "numbered"
                items.append([page, [numbered.group(2)]])
        elif bullet is not None and style == "numbered" and _is_heading_item(items[-1][1]):
            style = "grouped"
            items[-1] = [page, [bullet]]
        elif bullet is not None and style != "numbered":
            style = style or "bullet"
            items.append([page, [bullet]])
        elif numbered or (items and _starts_section(_SIF_STOP, line)):
            break
        elif _FOOTNOTE.match(line) or _SUBHEADINGS.match(line) or not items:
            continue  # footnotes; "Priority and immediate action" and subheadings before item 1
        elif _is_subheading(lines, idx, items[-1][1]):
            continue
        elif _continues(items[-1][1], line) or bullet is not None:
            items[-1][1].append(line)
        else:
            break
    return _improvements(items)


def _starts_section(pattern: re.Pattern, line: str) -> bool:
    """A heading that ends a list: matches ``pattern`` and does not start lower case."""
    return bool(pattern.match(line)) and not line[:1].islower()


def _is_heading_item(parts: list[str]) -> bool:
    """A numbered "item" that is only a short heading ("1. Quality and effectiveness of practice")."""
    return len(parts) == 1 and len(parts[0]) <= 80 and not parts[0].rstrip().endswith((".", ":", ")", ";", ","))


def _pre_sif_improvements(pages: list[Page]) -> tuple[Improvement, ...]:
    """2012-2013: bullets under "Areas for improvement" (Immediately / Within three months ...)."""
    lines = _lines_after(pages, re.compile(r"^Areas for improvement$", re.I), max_page=len(pages))
    items: list[list] = []
    for page, line in lines:
        bullet = _strip_bullet(line)
        if bullet is not None:
            items.append([page, [bullet]])
        elif re.match(r"^(Immediately|Within .+ months?)\s*:?$", line, re.I):
            continue
        elif not items and _NUMBERED.match(line):
            continue  # "22. In order to improve ... the local authority should take the following action."
        elif items and not _NUMBERED.match(line) and _continues(items[-1][1], line):
            items[-1][1].append(line)
        elif items:
            break
    return _improvements(items)


def _improvements(items: list[list]) -> tuple[Improvement, ...]:
    out = []
    for page, parts in items:
        text = _flat(" ".join(parts))
        if text:
            out.append(Improvement(text, page))
    return tuple(out)


def _lines_after(pages: list[Page], heading: re.Pattern, *, max_page: int, min_page: int = 1) -> list[tuple[int, str]]:
    """(page number, line) for the body lines after the first ``heading`` line."""
    out: list[tuple[int, str]] = []
    started = False
    for page in pages[:max_page]:
        body = _body_lines(page)
        searchable = page.number >= min_page and "Contents" not in body
        for line in body:
            if started:
                out.append((page.number, line))
            elif searchable and heading.match(line):
                started = True
    return out


def _continues(parts: list[str], line: str) -> bool:
    """Whether ``line`` carries on the current item rather than starting new text."""
    if line.startswith(SUB_BULLETS) or line[:1] in "(,;":
        return True
    previous = parts[-1].rstrip() if parts else ""
    ended = previous.endswith((".", ")", "!", "?", ".’", ".'"))
    return not ended or not line[:1].isupper()


def _is_subheading(lines: list, idx: int, current: list[str]) -> bool:
    """A short unnumbered line after a finished item, followed by a numbered item."""
    line = lines[idx][1]
    previous = current[-1].rstrip() if current else ""
    if not previous.endswith((".", ")")) or len(line) > 80 or not line[:1].isupper():
        return False
    for _, nxt in lines[idx + 1 : idx + 4]:
        if _NUMBERED.match(nxt) or _strip_bullet(nxt) is not None:
            return True
        if not (len(nxt) <= 80 and nxt[:1].isupper() and not nxt.endswith(".")):
            return False
    return False


def _strip_bullet(line: str) -> str | None:
    """The text after a bullet glyph, or None when the line has none."""
    if line[:1] and line[0] in BULLETS:
        return line[1:].strip()
    return None


# --------------------------------------------------------------------------- page text helpers

_HEADER_LINES = (
    re.compile(r"^\d{1,3}$"),
    re.compile(r"^Inspection of .{3,150}children['’]s (?:social care )?services(?: \d{1,3})?$"),
    re.compile(rf"^\d{{1,2}}(?: (?:{_MONTH_RE}))?(?: \d{{4}})? (?:to|–|-|and) .*\d{{4}},? \d{{1,3}}$"),
    re.compile(r"^.{3,80} Inspection of .{3,80} \d{1,3}$"),
    re.compile(r"^local authority children['’]s services$"),
)


def _body_lines(page: Page) -> list[str]:
    """Non-empty lines of a page without its running header (page number, title, dates)."""
    lines = [ln.strip() for ln in (page.text or "").split("\n") if ln.strip()]
    if page.number > 1:
        drop = 0
        while drop < min(3, len(lines)) and any(p.match(lines[drop]) for p in _HEADER_LINES):
            drop += 1
        lines = lines[drop:]
    return lines


def _first_page_lines(pages: list[Page]) -> list[str]:
    """Page 1's non-empty lines, without a leading page number or running header."""
    if not pages:
        return []
    lines = [ln.strip() for ln in pages[0].text.split("\n") if ln.strip()]
    while lines and re.fullmatch(r"\d{1,3}", lines[0]):
        lines.pop(0)
    # some reports repeat the running header ("Inspection of X ...", "11 July 2022") above the title
    for i, line in enumerate(lines[1:3], start=1):
        if _DATE_LINE.match(line) and i + 1 < len(lines) and lines[i + 1].startswith("Inspection of"):
            return lines[i + 1 :]
    return lines


_DATE_LINE = re.compile(rf"^[\d ]*(?:{_MONTH_RE})?[\w ]*\d{{4}}(?: \d{{1,3}})?$")


def _title_start(lines: list[str]) -> int | None:
    pattern = re.compile(r"(Re-?inspection of|Inspection of|Review of|Single inspection)", re.I)
    return next((i for i, line in enumerate(lines[:10]) if pattern.match(line)), None)


def _ends_title(line: str) -> bool:
    return bool(
        re.match(r"(Inspection dates?|(Lead|Reporting) inspector|Judgement|(Report )?published|Age group)", line, re.I)
        or re.search(r"\bCouncil$", line)
        or re.search(r"Children['’]s services in ", line)
    )


def _strip_footnote(text: str) -> str:
    return re.sub(r"(?<=[A-Za-z])\d{1,2}(?=\s|$)", "", text.strip())


def _strip_council(name: str) -> str:
    """ "Leicester City Council" -> "Leicester", "London Borough of Sutton" -> "Sutton"."""
    name = _flat(name)
    name = re.sub(
        r"^(?:the\s+)?(?:(?:London |Royal |Metropolitan )?Borough of|Council of the"
        r"|City of(?= \w+ (?:Metropolitan|Council)))\s+",
        "",
        name,
        flags=re.I,
    )
    suffix = r"\s+(?:Metropolitan|Borough|County|City|District|Unitary|Authority|Council|of)$"
    while re.search(suffix, name, re.I) and len(name.split()) > 1:
        name = re.sub(suffix, "", name, flags=re.I)
    return re.sub(r"^the\s+", "", name).strip()


def _strip_hmi_titles(text: str) -> str:
    return re.sub(r",?\s*(?:His|Her) Majesty['’]s Inspector,?", "", text, flags=re.I)


def _clean_inspector(text: str) -> str:
    """ "Sarah Canto, His Majesty's Inspector" / "Gary Lamb HMI" -> the name, else ""."""
    name = re.split(r",?\s*(?:His|Her) Majesty['’]s Inspector", text, maxsplit=1, flags=re.I)[0]
    name = re.sub(r",?\s*\(?(?:Senior\s+)?HMI\)?\.?\s*$", "", name.strip())
    name = re.sub(r",?\s*\(?(?:Social Care Regulatory Inspector|Ofsted Inspector)\)?$", "", name.strip(), flags=re.I)
    name = name.strip(" ,.;:")
    if not re.match(r"^[A-Z][\w’'\-. ]+$", name) or len(name.split()) > 5:
        return ""
    return name


def _page_text(pages: list[Page], number: int) -> str:
    return next((p.text for p in pages if p.number == number), "")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _case_word(word: str, *, first: bool, last: bool) -> str:
    if not word:
        return word
    lower = word.lower()
    if lower in _SMALL_WORDS and not first and not last:
        return lower
    if lower == "st":
        return "St"
    return lower[0].upper() + lower[1:]


def _iso(year, month, day) -> str:
    try:
        return _dt.date(int(year), month_number(str(month)), int(day)).isoformat()
    except (TypeError, ValueError):
        return ""


def _year(iso: str) -> int:
    return int(iso[:4]) if iso and iso[:4].isdigit() else 0


def _safe(
    fn: Callable[[], T], default: T, *, field: str, source: str, errors: list[tuple[str, str]] | None = None
) -> T:
    """Run one extractor. Odd text must never stop a batch, so a failure becomes ``default``,
    but never silently: it is logged with the file and field and recorded in ``errors``."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - any extractor bug: the report is still indexed, the bug reported
        log.warning(
            "metadata extractor failed for %s, field %s: %s: %s", source, field, type(e).__name__, e, exc_info=True
        )
        if errors is not None:
            errors.append((field, f"{type(e).__name__}: {e}"))
        return default
