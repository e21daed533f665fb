"""Export a :class:`~assistant.quiz.model.Quiz` to the formats learning platforms import.

``export(quiz, fmt)`` returns the file's text for ``fmt`` in :data:`FORMATS`:

- ``gift``       Moodle GIFT (import it as "GIFT format"; file ends ``.txt``);
- ``moodle-xml`` Moodle XML;
- ``aiken``      Aiken (mcq and true/false only);
- ``csv``        the Kahoot spreadsheet columns (mcq and true/false only, text cut to Kahoot's limits);
- ``csv-full``   every field, one row a question, for spreadsheets;
- ``json``       ``Quiz.to_dict()``, which ``Quiz.from_dict()`` reads back;
- ``md``         a printable handout with an answer key.

A format that cannot hold a question leaves it out: ``skipped(quiz, fmt)`` names those questions
and ``skipped_reasons(quiz, fmt)`` says why. Report text is plain text and may hold any
character; each exporter escapes what its format needs (GIFT backslash escapes, HTML inside
CDATA, Markdown with ``& < >`` as entities, spreadsheet cells that would start a formula get a
leading apostrophe). Write the CSV flavours with ``encoding="utf-8-sig"`` if Excel is to open
them. The Moodle XML and handout layouts are ``string.Template`` files in ``templates/``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape as xml_escape

from assistant.quiz.model import BLANK, TYPE_KINDS, Question, Quiz
from assistant.records import Citation

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).with_name("templates")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

KAHOOT_COLUMNS = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
KAHOOT_QUESTION_MAX = 120
KAHOOT_ANSWER_MAX = 75
KAHOOT_TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
KAHOOT_TIME_LIMIT = 30

ELLIPSIS = "\u2026"


# ---------------------------------------------------------------------------- shared helpers


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def _render(_template_name: str, /, **values) -> str:
    return _template(_template_name).substitute(**values)


def _newlines(text: str) -> str:
    """Normalise line ends to ``\\n`` and strip the ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space."""
    return " ".join(text.split())


def question_name(q: Question, number: int) -> str:
    """The name a platform shows for the question: ``Q03 topic (id)``."""
    label = one_line(q.topic) or q.kind
    return f"Q{number:02d} {label} ({q.id})" if q.id else f"Q{number:02d} {label}"


def citation_text(c: Citation | None, with_url: bool = True) -> str:
    """One line naming the source: the citation label, its heading and URL."""
    if c is None:
        return ""
    parts = [c.label()]
    if c.heading:
        parts.append(f'"{c.heading}"')
    text = ", ".join(parts)
    if with_url and c.url:
        text += f" \u2014 {c.url}"
    return one_line(text)


def _feedback_parts(q: Question) -> tuple[str, str]:
    """(explanation, quote-to-add): the quote is shown only when the explanation lacks it."""
    explanation = _newlines(q.explanation)
    quote = _newlines(q.quote)
    if quote and one_line(quote) in one_line(explanation):
        quote = ""
    return explanation, quote


def _split_blank(prompt: str) -> tuple[str, str]:
    before, _, after = prompt.partition(BLANK)
    return before, after


def _is_http(url: str) -> bool:
    return bool(re.match(r"https?://[^\s<>\"]+$", url or ""))


# ---------------------------------------------------------------------------- skipping


# Question kinds a format can hold; formats not listed hold every kind.
FORMAT_KINDS = {"aiken": ("mcq", "tf"), "csv": ("mcq", "tf")}


def kinds_for_format(fmt: str, kinds) -> tuple[tuple[str, ...], str]:
    """The requested kinds that ``fmt`` can hold, so that a quiz of N questions for it is made
    of N questions it keeps, and a note saying which kinds were left out ("" when none was).
    ValueError when the format holds none of them."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown quiz format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    kinds = tuple(k.strip().lower() for k in kinds if k and k.strip())
    allowed = FORMAT_KINDS.get(fmt)
    if allowed is None:
        return kinds, ""
    kept = tuple(k for k in kinds if TYPE_KINDS.get(k, k) in allowed)  # a type, or the kind it makes
    if not kept:
        raise ValueError(f"the {fmt} format holds only {' and '.join(allowed)} questions; choose one of those types")
    left = [k for k in kinds if TYPE_KINDS.get(k, k) not in allowed]
    return kept, (
        f"only {', '.join(kept)} questions were generated: the {fmt} format cannot hold {', '.join(left)}"
        if left
        else ""
    )


def skipped_reasons(quiz: Quiz, fmt: str) -> dict[str, str]:
    """Question id -> why ``fmt`` leaves that question out (empty when it keeps them all)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown quiz format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out: dict[str, str] = {}
    for q in quiz.questions:
        reason = _unsupported(q, fmt)
        if reason:
            out[q.id] = reason
    return out


def skipped(quiz: Quiz, fmt: str) -> tuple[str, ...]:
    """Ids of the questions ``fmt`` cannot represent (they are left out of its export)."""
    return tuple(skipped_reasons(quiz, fmt))


def _unsupported(q: Question, fmt: str) -> str:
    if fmt == "gift":
        # Moodle reads an answer block holding both "=" and "->" as a matching question.
        if q.kind in ("short", "cloze") and any("->" in a for a in q.answers):
            return 'an accepted answer contains "->", which GIFT reads as a matching question'
    elif fmt == "aiken":
        if q.kind not in ("mcq", "tf"):
            return f"Aiken holds only multiple-choice questions, not {q.kind}"
        if len(q.options) > len(LETTERS):
            return "more options than Aiken has letters"
        if one_line(q.prompt).startswith("ANSWER:"):
            return 'the question starts with "ANSWER:", which Aiken reads as the answer line'
    elif fmt == "csv":
        if q.kind not in ("mcq", "tf"):
            return f"the Kahoot template holds only quiz (choice) questions, not {q.kind}"
        if len(q.options) > 4:
            return "Kahoot allows at most four answers"
    return ""


def _kept(quiz: Quiz, fmt: str) -> list[Question]:
    reasons = skipped_reasons(quiz, fmt)
    if reasons:
        log.info(
            "%s export leaves out %d of %d questions: %s",
            fmt,
            len(reasons),
            len(quiz.questions),
            "; ".join(f"{k}: {v}" for k, v in reasons.items()),
        )
    return [q for q in quiz.questions if q.id not in reasons]


# ---------------------------------------------------------------------------- GIFT

_GIFT_SPECIAL = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
    }
)
_GIFT_WEIGHT = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")


def gift_escape(text: str) -> str:
    """Escape ``\\ ~ = # { } :`` with a backslash and write newlines as ``\\n`` (Moodle's repchar).

    Line ends are normalised but the text is not stripped (callers strip whole fields)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_GIFT_SPECIAL)


def _gift_text(text: str) -> str:
    """A whole field, escaped; a leading ``[`` would be read as a ``[format]`` tag, so a field
    that starts with one names its format first."""
    esc = gift_escape(_newlines(text))
    return "[plain]" + esc if esc.startswith("[") else esc


def _gift_answer(mark: str, text: str, weight: str | None = None) -> str:
    """``=text`` / ``~text``. Where Moodle looks for a ``%50%`` weight (after ``~`` in choices,
    after ``=`` in short answers) text that starts like one gets its weight written first."""
    body = _gift_text(text)
    if weight is not None and _GIFT_WEIGHT.match(body):
        body = f"%{weight}%" + body
    return mark + body


def _gift_feedback(q: Question) -> str:
    explanation, quote = _feedback_parts(q)
    parts = [p for p in (explanation, quote and f'"{quote}"') if p]
    source = citation_text(q.citation)
    if source:
        parts.append(f"Source: {source}")
    text = "\n\n".join(parts)
    return "####" + _gift_text(text) if text else ""


def _gift_question(q: Question, number: int) -> str:
    lines = []
    comment = citation_text(q.citation) or "no citation"
    lines.append(f"// {comment}")
    head = "::" + gift_escape(one_line(question_name(q, number))) + "::[plain]"
    feedback = _gift_feedback(q)
    if q.kind == "mcq":
        lines.append(head + gift_escape(_newlines(q.prompt)) + "{")
        for o in q.options:
            if o.correct:  # Moodle reads no weight after "=" in a choice question
                lines.append("\t" + _gift_answer("=", o.text))
            else:
                lines.append("\t" + _gift_answer("~", o.text, "0"))
        if feedback:
            lines.append("\t" + feedback)
        lines.append("}")
    elif q.kind == "tf":
        answer = "T" if q.truth else "F"
        lines.append(head + gift_escape(_newlines(q.prompt)) + "{" + answer + feedback + "}")
    elif q.kind == "short":
        lines.append(head + gift_escape(_newlines(q.prompt)) + "{")
        for a in q.answers:
            lines.append("\t" + _gift_answer("=", a, "100"))
        if feedback:
            lines.append("\t" + feedback)
        lines.append("}")
    else:  # cloze: Moodle's missing-word format puts the answer block where the blank is
        before, after = _split_blank(_newlines(q.prompt))
        block = "{" + " ".join(_gift_answer("=", a, "100") for a in q.answers)
        block += (" " + feedback if feedback else "") + "}"
        if after.strip():
            lines.append(head + gift_escape(before) + block + gift_escape(after))
        else:
            # A block at the very end is not a blank to Moodle; keep the blank in the text
            # instead, which imports to the same question text.
            lines.append(head + gift_escape(before + BLANK) + block)
    return "\n".join(lines)


def to_gift(quiz: Quiz) -> str:
    head = [f"// {one_line(quiz.title) or 'Quiz'}", f"// {len(quiz.questions)} questions"]
    for qid, reason in skipped_reasons(quiz, "gift").items():
        head.append(f"// left out {qid}: {reason}")
    kept = {id(q) for q in _kept(quiz, "gift")}  # logs what is left out
    blocks = ["\n".join(head)]
    # numbered by position in the quiz, so names match the other formats
    blocks += [_gift_question(q, n) for n, q in enumerate(quiz.questions, 1) if id(q) in kept]
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------------------- Moodle XML


def cdata_safe(text: str) -> str:
    """Text that can sit inside ``<![CDATA[...]]>``: any ``]]>`` is split across two sections."""
    return text.replace("]]>", "]]]]><![CDATA[>")


def html_text(text: str) -> str:
    """Plain text as an HTML fragment: escaped, paragraphs in ``<p>``, line breaks as ``<br>``."""
    paras = [p for p in re.split(r"\n\s*\n", _newlines(text)) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>" for p in paras
    )


def _xml_feedback(q: Question) -> str:
    explanation, quote = _feedback_parts(q)
    out = html_text(explanation)
    if quote:
        out += "<blockquote>" + html_text(quote) + "</blockquote>"
    c = q.citation
    if c is not None:
        source = html.escape(citation_text(c, with_url=False), quote=False)
        if c.url and _is_http(c.url):
            url = html.escape(c.url, quote=True)
            source += f' \u2014 <a href="{url}">{url}</a>'
        elif c.url:
            source += " \u2014 " + html.escape(c.url, quote=False)
        out += f"<p>Source: {source}</p>"
    return out


def _xml_answer(fraction: int, text: str, fmt: str = "html") -> str:
    if fmt == "html":
        body = "<![CDATA[" + cdata_safe(html.escape(one_line(text), quote=False)) + "]]>"
    else:  # compared with what the student types: plain text, XML-escaped
        body = xml_escape(_newlines(text))
    return _render("moodle_answer.xml", fraction=fraction, format=fmt, text=body).rstrip("\n")


def _xml_question(q: Question, number: int, shuffle: bool) -> str:
    if q.kind == "mcq":
        qtype, penalty = "multichoice", "0.3333333"
        answers = "\n".join(_xml_answer(100 if o.correct else 0, o.text) for o in q.options)
        body = _render("moodle_multichoice.xml", shuffle="true" if shuffle else "false", answers=answers)
    elif q.kind == "tf":
        qtype, penalty = "truefalse", "1.0000000"
        answers = "\n".join(
            (
                _xml_answer(100 if q.truth else 0, "true", "moodle_auto_format"),
                _xml_answer(0 if q.truth else 100, "false", "moodle_auto_format"),
            )
        )
        body = _render("moodle_truefalse.xml", answers=answers)
    else:  # short, and cloze as a short answer with the blank left in the text
        qtype, penalty = "shortanswer", "0.3333333"
        answers = "\n".join(_xml_answer(100, a, "moodle_auto_format") for a in q.answers)
        body = _render("moodle_shortanswer.xml", answers=answers)
    return _render(
        "moodle_question.xml",
        type=qtype,
        name=xml_escape(one_line(question_name(q, number))),
        questiontext=cdata_safe(html_text(q.prompt)),
        generalfeedback=cdata_safe(_xml_feedback(q)),
        penalty=penalty,
        body=body.rstrip("\n"),
    ).rstrip("\n")


def to_moodle_xml(quiz: Quiz, shuffle: bool = True) -> str:
    # Moodle category paths use "/" as a separator and "//" for a slash in a name.
    category = xml_escape(one_line(quiz.title or "Quiz").replace("/", "//"))
    questions = "\n\n".join(_xml_question(q, n, shuffle) for n, q in enumerate(quiz.questions, 1))
    return _render("moodle_quiz.xml", category=category, questions=questions)


# ---------------------------------------------------------------------------- Aiken

_AIKEN_OPTION = re.compile(r"^([A-Z][).])[ \t]")


def _aiken_question_line(prompt: str) -> str:
    line = one_line(prompt)
    # "A. Smith ..." would be read as an option; a no-break space after the label looks the
    # same to a reader but no longer matches Aiken's option pattern.
    m = _AIKEN_OPTION.match(line)
    if m:
        line = m.group(1) + "\u00a0" + line[m.end() :]
    return line


def to_aiken(quiz: Quiz) -> str:
    blocks = []
    for q in _kept(quiz, "aiken"):
        lines = [_aiken_question_line(q.prompt)]
        lines += [f"{LETTERS[i]}) {one_line(o.text)}" for i, o in enumerate(q.options)]
        lines.append(f"ANSWER: {LETTERS[q.correct_index()]}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


# ---------------------------------------------------------------------------- CSV

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with an ellipsis."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " ":  # the cut falls inside a word: go back to the previous space
        space = head.rfind(" ")
        if space > limit // 2:
            head = head[:space]
    return head.rstrip(" ,;:.-\u2013\u2014") + ELLIPSIS


def cell(text: str, limit: int | None = None) -> str:
    """A spreadsheet cell: clipped when ``limit`` is given, and never read as a formula."""
    value = clip(text, limit) if limit else text
    if value.startswith(_FORMULA_START):
        value = "'" + (clip(text, limit - 1) if limit else value)
    return value


def to_kahoot_csv(quiz: Quiz, time_limit: int = KAHOOT_TIME_LIMIT) -> str:
    if time_limit not in KAHOOT_TIME_LIMITS:
        raise ValueError(f"Kahoot time limit must be one of {KAHOOT_TIME_LIMITS}, not {time_limit}")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(KAHOOT_COLUMNS)
    for q in _kept(quiz, "csv"):
        answers = [cell(o.text, KAHOOT_ANSWER_MAX) for o in q.options]
        answers += [""] * (4 - len(answers))
        correct = ",".join(str(i + 1) for i, o in enumerate(q.options) if o.correct)
        writer.writerow([cell(q.prompt, KAHOOT_QUESTION_MAX), *answers, str(time_limit), correct])
    return buf.getvalue()


def full_csv_columns(quiz: Quiz) -> list[str]:
    n = max([4] + [len(q.options) for q in quiz.questions])
    return (
        ["id", "kind", "topic", "prompt"]
        + [f"option {LETTERS[i]}" for i in range(n)]
        + [
            "correct",
            "answers",
            "explanation",
            "quote",
            "report",
            "report_id",
            "local_authority",
            "published",
            "page",
            "paragraph",
            "heading",
            "url",
        ]
    )


def to_full_csv(quiz: Quiz) -> str:
    """Every field; accepted answers one a line in their cell; correct option as its letter."""
    columns = full_csv_columns(quiz)
    n = sum(c.startswith("option ") for c in columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for q in quiz.questions:
        c = q.citation or Citation(source="")
        options = [o.text for o in q.options] + [""] * (n - len(q.options))
        correct = "".join(LETTERS[i] for i, o in enumerate(q.options) if o.correct)
        row = [
            q.id,
            q.kind,
            q.topic,
            q.prompt,
            *options,
            correct,
            "\n".join(q.answers),
            q.explanation,
            q.quote,
            c.title or c.local_authority or c.source,
            c.report_id,
            c.local_authority,
            c.published,
            str(c.page) if c.page else "",
            c.paragraph,
            c.heading,
            c.url,
        ]
        writer.writerow([cell(v) for v in row])
    return buf.getvalue()


# ---------------------------------------------------------------------------- JSON


def to_json(quiz: Quiz) -> str:
    return json.dumps(quiz.to_dict(), indent=2, ensure_ascii=False)


# ---------------------------------------------------------------------------- Markdown

_MD_BLOCK_START = re.compile(r"^(\s*)([#>+*=|-]|\d+[.)])")


def md_escape(text: str, inline: bool = False) -> str:
    """Plain text for Markdown: ``& < >`` as entities (so no HTML gets through), and a
    backslash before anything at a line start that would make a heading, list or quote.

    ``inline``: the text continues a line already begun (an option after ``- A)``, a prompt
    after its number), so its first line needs no line-start escape."""
    lines = []
    for i, line in enumerate(_newlines(text).split("\n")):
        line = html.escape(line.strip(), quote=False)
        if i or not inline:
            line = _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line)
    # A single newline is a line break (two trailing spaces); blank lines stay paragraph breaks.
    out = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(line + ("  " if line and nxt else ""))
    return "\n".join(out)


def _md_quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in md_escape(text).split("\n"))


def _md_url(url: str) -> str:
    return f"<{url}>" if _is_http(url) else md_escape(url)


def _md_reference(c: Citation | None) -> str:
    if c is None:
        return "Source: not recorded."
    parts = c.label_parts(lambda text: md_escape(one_line(text), inline=True))
    if c.heading:
        parts.append(f"section \u201c{md_escape(one_line(c.heading), inline=True)}\u201d")
    text = "Source: " + ", ".join(parts)
    if c.url:
        text += f" \u2014 {_md_url(c.url)}"
    return text


def _md_options(q: Question) -> str:
    return "\n".join(f"- {LETTERS[i]}) {md_escape(one_line(o.text), inline=True)}" for i, o in enumerate(q.options))


def _md_answer(q: Question) -> str:
    if q.kind in ("mcq", "tf"):
        i = q.correct_index()
        return f"{LETTERS[i]}) {md_escape(one_line(q.options[i].text), inline=True)}"
    return " / ".join(md_escape(one_line(a), inline=True) for a in q.answers)


def to_markdown(quiz: Quiz) -> str:
    questions, answers = [], []
    for n, q in enumerate(quiz.questions, 1):
        if q.kind in ("mcq", "tf"):
            body = _md_options(q)
        elif q.kind == "cloze":
            body = "*Fill in the blank.*"
        else:
            body = "Answer: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"
        prompt = md_escape(q.prompt, inline=True)
        questions.append(_render("handout_question.md", number=n, prompt=prompt, body=body).strip())
        explanation, quote = _feedback_parts(q)
        text = "\n\n".join(p for p in (md_escape(explanation), quote and _md_quote(quote)) if p)
        answers.append(
            _render(
                "handout_answer.md",
                number=n,
                answer=_md_answer(q),
                explanation=text or "*No explanation recorded.*",
                reference=_md_reference(q.citation),
            ).strip()
        )
    count = len(quiz.questions)
    intro = f"{count} question{'s' if count != 1 else ''}, each drawn from a published Ofsted report."
    return (
        _render(
            "handout.md",
            title=md_escape(one_line(quiz.title or "Quiz"), inline=True),
            intro=intro,
            questions="\n\n".join(questions) or "*No questions.*",
            answers="\n\n".join(answers) or "*No questions.*",
        ).rstrip("\n")
        + "\n"
    )


# ---------------------------------------------------------------------------- registry

FORMATS: dict[str, Callable[..., str]] = {
    "gift": to_gift,
    "moodle-xml": to_moodle_xml,
    "aiken": to_aiken,
    "csv": to_kahoot_csv,
    "csv-full": to_full_csv,
    "json": to_json,
    "md": to_markdown,
}

# Moodle's file picker offers GIFT and Aiken files only when they end ".txt".
FILE_EXTENSIONS: dict[str, str] = {
    "gift": ".gift.txt",
    "moodle-xml": ".moodle.xml",
    "aiken": ".aiken.txt",
    "csv": ".kahoot.csv",
    "csv-full": ".csv",
    "json": ".json",
    "md": ".md",
}

MEDIA_TYPES: dict[str, str] = {
    "gift": "text/plain",
    "moodle-xml": "application/xml",
    "aiken": "text/plain",
    "csv": "text/csv",
    "csv-full": "text/csv",
    "json": "application/json",
    "md": "text/markdown",
}


def export(quiz: Quiz, fmt: str, **options) -> str:
    """The text of ``quiz`` in format ``fmt`` (see :data:`FORMATS`).

    Options: ``moodle-xml`` takes ``shuffle`` (default True); ``csv`` takes ``time_limit``
    (seconds, one of :data:`KAHOOT_TIME_LIMITS`). Questions the format cannot hold are left
    out and logged; ``skipped(quiz, fmt)`` lists them.
    """
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown quiz format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return writer(quiz, **options)
