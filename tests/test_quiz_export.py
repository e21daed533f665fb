"""Quiz model and exporters: every format is parsed back and compared with the quiz.

GIFT is read by a small parser written here that follows Moodle's own reader
(question/format/gift/format.php: blank-line blocks, ``//`` comments, ``\\`` escapes with
placeholders, ``::name::``, ``[format]`` tags, ``=``/``~``/``%w%`` answers, ``#`` feedback,
``####`` general feedback, T/F, missing word). Aiken is read by Moodle's Aiken line rules.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from assistant.quiz.export import FILE_EXTENSIONS, FORMATS, KAHOOT_COLUMNS, cdata_safe, clip, export, skipped
from assistant.quiz.model import BLANK, Option, Question, Quiz, question_id, tf_options
from assistant.records import Citation

PHP_WS = " \t\n\r\0\x0b"  # what PHP's trim() strips

# Report text with everything a format might choke on.
SPECIAL = 'Leaders ~ managers = "good" # {1} : C:\\path\\n <script>alert("x")</script> & ]]> it\'s'

CIT = Citation(
    source="reports/dorset-2025.pdf",
    report_id="dorset-2025",
    title="Dorset ILACS inspection",
    local_authority="Dorset",
    published="2025-05-09",
    page=4,
    paragraph="12-14",
    heading="Help & protection: {early} <help>",
    url="https://files.ofsted.gov.uk/v1/file/50123456",
)
CIT2 = Citation(
    source="reports/x.pdf",
    local_authority="Kent",
    published="2024-01-02",
    page=2,
    paragraph="5",
    url="https://reports.ofsted.gov.uk/provider/44/80522",
)


def q(kind, prompt, options=(), answers=(), **kw):
    kw.setdefault("citation", CIT)
    kw.setdefault("explanation", f'The report says: "{SPECIAL}"\nSee paragraph 12.')
    return Question(
        id=question_id(kind, prompt, options, answers, kw["citation"]),
        kind=kind,
        prompt=prompt,
        options=tuple(options),
        answers=tuple(answers),
        **kw,
    )


MCQ = q(
    "mcq",
    f"Which judgement did the service get?\n{SPECIAL}",
    [
        Option("Good = 2 {x}", False),
        Option("%50% inadequate", False),  # looks like a GIFT weight
        Option("[markdown] ~ requires improvement", False),  # looks like a GIFT [format] tag
        Option('=Outstanding: #1 \\ <b>&"', True),
    ],
    topic="judgements: overall",
    quote=f"Inspectors found {SPECIAL}",
)
TF_TRUE = q("tf", f"A. Smith: the local authority's {SPECIAL}", tf_options(True), topic="tf")
TF_FALSE = q("tf", "Children in care ~ are seen = rarely.", tf_options(False), citation=None, explanation="")
CLOZE_MID = q(
    "cloze",
    f"Services were judged {BLANK} {{overall}}: see \\ para 3 & <b>.",
    answers=("requires improvement to be good", "RI"),
    topic="cloze",
)
CLOZE_END = q(
    "cloze",
    f"[Note] Overall effectiveness # was {BLANK}",
    answers=("good",),
    citation=CIT2,
    quote="Overall effectiveness: good",
)
SHORT = q(
    "short",
    f"Who inspects children's services?\n{SPECIAL}",
    answers=("Ofsted = regulator", "[HMI] inspector", "%10% people", "C:\\x", "[html]<b>"),
)
SHORT_ARROW = q("short", "What changed?", answers=("referral -> assessment",))
LONG = q(
    "mcq",
    "When inspectors looked at the quality of practice for children who need help and protection "
    "across the whole of the local authority area, what did they find most often?",
    [
        Option("=SUM(A1:A9) is what the spreadsheet would run if it were not protected", False),
        Option(
            "Social workers know their children well and visit them regularly, and the "
            "visits are purposeful and recorded well",
            True,
        ),
        Option("-1 fewer visits", False),
        Option("Nothing", False),
    ],
)
FIVE = q("mcq", "Pick one of five.", [Option(t, t == "c") for t in "abcde"])

ALL = (MCQ, TF_TRUE, TF_FALSE, CLOZE_MID, CLOZE_END, SHORT, SHORT_ARROW, LONG, FIVE)


@pytest.fixture
def quiz():
    return Quiz(
        title='Ofsted: "ILACS" {2025} / Dorset & <Kent>',
        questions=ALL,
        seed=7,
        selection={"authorities": ["Dorset", "Kent"], "kinds": ["mcq", "tf"]},
    )


def norm(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip(PHP_WS)


def one_line(text: str) -> str:
    return " ".join(text.split())


# ============================================================== a GIFT reader after Moodle's

_PRE = [
    ("\\:", "&&058;"),
    ("\\#", "&&035;"),
    ("\\=", "&&061;"),
    ("\\{", "&&123;"),
    ("\\}", "&&125;"),
    ("\\~", "&&126;"),
    ("\\n", "&&010"),
]
_POST = [
    ("&&058;", ":"),
    ("&&035;", "#"),
    ("&&061;", "="),
    ("&&123;", "{"),
    ("&&125;", "}"),
    ("&&126;", "~"),
    ("&&010", "\n"),
]
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(s):
    s = s.replace("\\\\", "&&092;")
    for a, b in _PRE:
        s = s.replace(a, b)
    return s.replace("&&092;", "\\")


def _post(s):
    for a, b in _POST:
        s = s.replace(a, b)
    return s


def _with_format(s, default="moodle"):
    fmt = default
    if s.startswith("["):
        end = s.find("]")
        name = s[1:end]
        if name in ("moodle", "html", "plain", "markdown"):
            fmt, s = name, s[end + 1 :]
    return _post(s).strip(PHP_WS), fmt


def _weight(a):
    """Moodle's answerweightparser: the number up to the next %, over 100."""
    a = a[1:]
    end = a.find("%")
    return float(a[:end]) / 100, a[end + 1 :]


def gift_read(lines):
    lines = [" " if ln.strip(PHP_WS).startswith("//") else ln.strip(PHP_WS) for ln in lines]
    text = "\n".join(lines).strip(PHP_WS)
    if not text:
        return None
    text = _pre(text)
    out = {"name": None}
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        assert end >= 0, "unterminated name"
        out["name"] = _post(text[:end]).strip(PHP_WS)
        text = text[end + 2 :].strip(PHP_WS)
    start, finish = text.find("{"), text.find("}")
    assert start >= 0 and finish >= 0, f"no answer block in {text!r}"
    answertext = text[start + 1 : finish].strip(PHP_WS)
    if text.endswith("}"):
        qtext = text[:start] + text[finish + 1 :]
    else:
        qtext = text[:start] + "_____" + text[finish + 1 :]
    sep = answertext.rfind("####")
    general = ""
    if sep >= 0:
        general = answertext[sep + 4 :]
        answertext = answertext[:sep].strip(PHP_WS)
    out["text"], out["format"] = _with_format(qtext)
    out["general"], _ = _with_format(general, out["format"])
    fmt = out["format"]

    def comment(a):
        bits = a.split("#", 1)
        ans, _ = _with_format(bits[0].strip(PHP_WS), fmt)
        fb = _with_format(bits[1].strip(PHP_WS), fmt)[0] if len(bits) > 1 else ""
        return ans, fb

    if answertext == "":
        out["type"] = "essay"
    elif answertext[0] == "#":
        out["type"] = "numerical"
    elif "~" in answertext:
        out["type"] = "multichoice"
        parts = answertext.replace("=", "~=").split("~")
        parts[0] = parts[0].strip(PHP_WS)
        if not parts[0]:
            parts.pop(0)
        out["answers"] = []
        for a in parts:
            a = a.strip(PHP_WS)
            if a[0] == "=":
                w, a = 1.0, a[1:]
            elif _WEIGHT.match(a):
                w, a = _weight(a)
            else:
                w = 0.0
            out["answers"].append((comment(a)[0], w))
    elif "=" in answertext and "->" in answertext:
        out["type"] = "match"
    else:
        check = answertext
        if answertext.find("#") > 0:
            check = answertext[: answertext.find("#")].strip(PHP_WS)
        if check in ("T", "TRUE", "F", "FALSE"):
            out["type"] = "truefalse"
            out["truth"] = comment(answertext.split("#", 2)[0])[0] in ("T", "TRUE")
        else:
            out["type"] = "shortanswer"
            parts = answertext.split("=")
            parts[0] = parts[0].strip(PHP_WS)
            if not parts[0]:
                parts.pop(0)
            out["answers"] = []
            for a in parts:
                a = a.strip(PHP_WS)
                w = 1.0
                if _WEIGHT.match(a):
                    w, a = _weight(a)
                out["answers"].append((comment(a)[0], w))
    return out


def gift_parse(text):
    """Blocks separated by blank lines, as Moodle's readquestions() splits them."""
    questions, block = [], []
    for line in text.split("\n") + [""]:
        if line.strip(PHP_WS) == "":
            if block:
                parsed = gift_read(block)
                if parsed:
                    questions.append(parsed)
            block = []
        else:
            block.append(line)
    return questions


def test_gift_reader_follows_moodle_examples():
    # The examples at the top of Moodle's format.php, plus escapes.
    mc = gift_parse("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")[0]
    assert mc["type"] == "multichoice" and mc["answers"][2] == ("no one", 1.0)
    mw = gift_parse("Grant is {~buried =entombed ~living} in Grant's tomb.")[0]
    assert mw["text"] == "Grant is _____ in Grant's tomb."
    tf = gift_parse("Grant is buried in Grant's tomb.{FALSE}")[0]
    assert tf["type"] == "truefalse" and tf["truth"] is False
    sa = gift_parse("Who's buried in Grant's tomb?{=no one =nobody}")[0]
    assert sa["type"] == "shortanswer" and [a for a, _ in sa["answers"]] == ["no one", "nobody"]
    esc = gift_parse("::a\\:b::x \\= y \\\\ z\\n2 {T}")[0]
    assert esc["name"] == "a:b" and esc["text"] == "x = y \\ z\n2"
    # Unescaped text really does break: the reader is strict enough to catch an exporter bug.
    broken = gift_parse("Score {1} #2 {=a ~b}")[0]
    assert broken["type"] == "shortanswer" and broken["text"] != "Score {1} #2"
    fixed = gift_parse("Score \\{1\\} \\#2 {=a ~b}")[0]
    assert fixed["text"] == "Score {1} #2" and fixed["answers"] == [("a", 1.0), ("b", 0.0)]


# ============================================================== GIFT


def _by_id(parsed):
    out = {}
    for p in parsed:
        m = re.search(r"\(([0-9a-f]{12})\)$", p["name"])
        assert m, p["name"]
        out[m.group(1)] = p
    return out


def test_gift_round_trip(quiz):
    text = export(quiz, "gift")
    assert "\n\n\n" not in text  # exactly one blank line between questions
    parsed = _by_id(gift_parse(text))
    assert set(parsed) == {x.id for x in ALL} - {SHORT_ARROW.id}
    assert skipped(quiz, "gift") == (SHORT_ARROW.id,)

    for x in quiz.questions:
        if x.id not in parsed:
            continue
        p = parsed[x.id]
        assert p["format"] == "plain"
        assert p["text"] == norm(x.prompt), x.kind
        assert p["name"].startswith("Q0") and x.id in p["name"]
        if x.kind == "mcq":
            assert p["type"] == "multichoice"
            assert p["answers"] == [(o.text, 1.0 if o.correct else 0.0) for o in x.options]
        elif x.kind == "tf":
            assert p["type"] == "truefalse" and p["truth"] is x.truth
        else:
            assert p["type"] == "shortanswer"
            assert p["answers"] == [(a, 1.0) for a in x.answers]
        if x.explanation:
            assert norm(x.explanation) in p["general"]
        if x.citation:
            assert x.citation.label() in p["general"] and x.citation.url in p["general"]


def test_gift_escapes_every_special_character(quiz):
    text = export(quiz, "gift")
    body = "\n".join(ln for ln in text.split("\n") if not ln.startswith("//"))
    # Outside answer-block syntax, no special character is left bare.
    unescaped = re.sub(r"\\[\\~=#{}:n]", "", body)
    assert "C:\\path" not in body and "C\\:\\\\path\\\\n" in body
    assert "<script>" in body  # GIFT keeps text as text; [plain] makes Moodle show it literally
    assert unescaped.count("::") == 2 * len(parse_names(text))
    # every citation comment is one line and precedes its question
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        if ln.startswith("::"):
            assert lines[i - 1].startswith("// ")


def parse_names(text):
    return [p["name"] for p in gift_parse(text)]


def test_gift_cloze_is_missing_word(quiz):
    text = export(quiz, "gift")
    line = next(ln for ln in text.split("\n") if CLOZE_MID.id in ln)
    # the answer block sits where the blank was, text continues after it
    assert "judged {=requires improvement to be good =RI" in line
    assert line.endswith("\\{overall\\}\\: see \\\\ para 3 & <b>.")
    end = next(ln for ln in text.split("\n") if CLOZE_END.id in ln)
    assert "was _____{=good" in end  # blank at the end: kept in the text, block after it


def test_gift_title_and_newlines_escaped():
    x = Question(id="abc", kind="tf", prompt="line one\nline two: {x}", options=tf_options(True), topic="a::b #1")
    text = export(Quiz(title="t", questions=(x,)), "gift")
    assert "::Q01 a\\:\\:b \\#1 (abc)::" in text
    assert "line one\\nline two\\: \\{x\\}{T" in text
    p = gift_parse(text)[0]
    assert p["name"] == "Q01 a::b #1 (abc)" and p["text"] == "line one\nline two: {x}"


# ============================================================== Moodle XML


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def html_to_text(fragment: str) -> str:
    tags = _Tags()
    tags.feed(fragment)
    assert set(tags.tags) <= {"p", "br", "blockquote", "a"}, tags.tags  # no report HTML got in
    fragment = fragment.replace("</p><p>", "\n\n").replace("<br>", "\n")
    fragment = re.sub(r"</?p>", "", fragment)
    return html.unescape(fragment)


def test_moodle_xml_parses_and_round_trips(quiz):
    text = export(quiz, "moodle-xml")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    cat, *questions = root.findall("question")
    assert cat.get("type") == "category"
    assert cat.findtext("category/text") == "$course$/top/" + one_line(quiz.title).replace("/", "//")
    assert len(questions) == len(ALL)
    types = {"mcq": "multichoice", "tf": "truefalse", "cloze": "shortanswer", "short": "shortanswer"}
    for x, el in zip(ALL, questions):
        assert el.get("type") == types[x.kind]
        assert x.id in el.findtext("name/text")
        qt = el.find("questiontext")
        assert qt.get("format") == "html"
        assert html_to_text(qt.findtext("text")) == norm(x.prompt)
        feedback = html_to_text(el.findtext("generalfeedback/text"))
        if x.explanation:
            assert norm(x.explanation) in feedback
        if x.citation:
            assert x.citation.url in feedback and f"page {x.citation.page}" in feedback
        answers = el.findall("answer")
        if x.kind == "mcq":
            assert el.findtext("single") == "true" and el.findtext("shuffleanswers") == "true"
            assert [(html_to_text(a.findtext("text")), a.get("fraction")) for a in answers] == [
                (o.text, "100" if o.correct else "0") for o in x.options
            ]
        elif x.kind == "tf":
            got = {a.findtext("text"): a.get("fraction") for a in answers}
            assert got == {"true": "100" if x.truth else "0", "false": "0" if x.truth else "100"}
        else:
            # short answers are compared with what students type: plain text, not HTML
            assert [a.findtext("text") for a in answers] == list(x.answers)
            assert {a.get("fraction") for a in answers} == {"100"}
    assert BLANK in questions[ALL.index(CLOZE_MID)].findtext("questiontext/text")


def test_moodle_xml_escapes_report_html(quiz):
    text = export(quiz, "moodle-xml")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert text.count("<![CDATA[") == text.count("]]>")  # no report ]]> closes a section early


def test_cdata_safe_splits_terminator():
    raw = "a]]>b]]>"
    doc = f"<t><![CDATA[{cdata_safe(raw)}]]></t>"
    assert ET.fromstring(doc).text == raw


# ============================================================== Aiken


def aiken_parse(text):
    """Moodle's Aiken rules: one line of question text, ``A) `` options, ``ANSWER: X``."""
    questions, cur = [], None
    for line in text.split("\n"):
        line = line.strip(PHP_WS)
        if len(line) < 2:
            continue
        if re.match(r"^[A-Z][).][ \t]", line):
            assert cur is not None, f"option before question: {line!r}"
            cur["options"].append(line[2:].strip(PHP_WS))
        elif line.startswith("ANSWER:"):
            letter = line.split(":", 1)[1].strip(PHP_WS)[:1]
            cur["answer"] = ord(letter) - ord("A")
            questions.append(cur)
            cur = None
        else:
            assert cur is None or not cur["options"], f"second question line: {line!r}"
            cur = {"text": line, "options": []}
    assert cur is None, "question without ANSWER line"
    return questions


def test_aiken_round_trip(quiz):
    text = export(quiz, "aiken")
    parsed = aiken_parse(text)
    kept = [x for x in ALL if x.kind in ("mcq", "tf")]
    assert len(parsed) == len(kept)
    assert set(skipped(quiz, "aiken")) == {CLOZE_MID.id, CLOZE_END.id, SHORT.id, SHORT_ARROW.id}
    for x, p in zip(kept, parsed):
        assert p["text"].replace("\u00a0", " ") == one_line(x.prompt)
        assert p["options"] == [one_line(o.text) for o in x.options]
        assert p["answer"] == x.correct_index()
    tf = parsed[kept.index(TF_TRUE)]
    assert tf["options"] == ["True", "False"] and tf["answer"] == 0
    assert parsed[kept.index(TF_FALSE)]["answer"] == 1
    # "A. Smith ..." must not have been read as an option
    assert tf["text"].startswith("A.\u00a0Smith")


def test_aiken_blank_line_between_questions(quiz):
    blocks = export(quiz, "aiken").strip().split("\n\n")
    assert len(blocks) == 5 and all(b.split("\n")[-1].startswith("ANSWER: ") for b in blocks)


# ============================================================== CSV


def test_kahoot_csv(quiz):
    rows = list(csv.reader(io.StringIO(export(quiz, "csv"))))
    assert tuple(rows[0]) == KAHOOT_COLUMNS and len(KAHOOT_COLUMNS) == 7
    kept = [x for x in ALL if x.kind in ("mcq", "tf") and len(x.options) <= 4]
    assert len(rows) - 1 == len(kept)
    assert set(skipped(quiz, "csv")) == {CLOZE_MID.id, CLOZE_END.id, SHORT.id, SHORT_ARROW.id, FIVE.id}
    for x, row in zip(kept, rows[1:]):
        assert len(row) == 7
        question, answers, limit, correct = row[0], row[1:5], row[5], row[6]
        assert len(question) <= 120 and all(len(a) <= 75 for a in answers)
        assert limit in {"5", "10", "20", "30", "60", "90", "120", "240"}
        assert [int(c) for c in correct.split(",")] == [i + 1 for i, o in enumerate(x.options) if o.correct]
        for got, want in zip([question] + answers, [x.prompt] + [o.text for o in x.options]):
            want = one_line(want)
            got = got[1:] if got.startswith("'") and want[:1] in "=+-@" else got
            if got.endswith("\u2026"):
                head = got[:-1]
                assert want.startswith(head) and len(want) > len(got)
                assert want[len(head)] in " ,;:.-\u2013\u2014"  # cut between words
            else:
                assert got == want
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)
    tf_row = rows[1 + kept.index(TF_FALSE)]
    assert tf_row[1:5] == ["True", "False", "", ""] and tf_row[6] == "2"


def test_clip_word_boundary():
    text = "word " * 40
    out = clip(text, 75)
    assert len(out) <= 75 and out.endswith("\u2026") and out[:-1].split() == ["word"] * len(out[:-1].split())
    assert clip("short", 75) == "short"
    assert clip("x" * 200, 120) == "x" * 119 + "\u2026"


def test_full_csv(quiz):
    rows = list(csv.DictReader(io.StringIO(export(quiz, "csv-full"))))
    assert len(rows) == len(ALL)
    for x, row in zip(ALL, rows):
        assert row["id"] == x.id and row["kind"] == x.kind
        assert row["prompt"] == x.prompt  # newlines and every character kept
        assert row["explanation"] == x.explanation
        if x.options:
            assert row["correct"] == "ABCDE"[x.correct_index()]
            want = [o.text for o in x.options]
            got = [row[f"option {c}"] for c in "ABCDE"[: len(want)]]
            assert [g[1:] if g.startswith("'") and w[:1] in "=+-@" else g for g, w in zip(got, want)] == want
        else:
            assert row["answers"].split("\n") == list(x.answers)
        c = x.citation
        if c:
            assert (row["page"], row["paragraph"], row["url"], row["published"]) == (
                str(c.page),
                c.paragraph,
                c.url,
                c.published,
            )
    assert "option E" in rows[0]


# ============================================================== JSON


def test_json_round_trip(quiz):
    text = export(quiz, "json")
    assert text == json.dumps(quiz.to_dict(), indent=2, ensure_ascii=False)
    back = Quiz.from_dict(json.loads(text))
    assert back == quiz
    assert back.questions[0].citation == CIT and isinstance(back.questions[0].options, tuple)


# ============================================================== Markdown


def test_markdown_handout(quiz):
    text = export(quiz, "md")
    assert text.startswith('# Ofsted: "ILACS" {2025} / Dorset &amp; &lt;Kent&gt;\n')
    questions, key = text.split("\n## Answer key\n")
    assert "## Questions" in questions
    for n in range(1, len(ALL) + 1):
        assert f"**{n}.**" in questions and f"**{n}.**" in key
    assert "- A) Good = 2 {x}" in questions
    assert '**1.** D) =Outstanding: #1 \\ &lt;b&gt;&amp;"' in key
    assert "**3.** B) False" in key
    assert "**4.** requires improvement to be good / RI" in key
    assert "Source: Dorset, published 2025-05-09, page 4, paragraph 12-14" in key
    assert "<https://files.ofsted.gov.uk/v1/file/50123456>" in key
    assert "> Inspectors found" in key  # the passage quoted
    assert "<script>" not in text and "<b>" not in text


def test_markdown_renders_without_report_html(quiz):
    MarkdownIt = pytest.importorskip("markdown_it").MarkdownIt
    text = export(quiz, "md")
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script" not in rendered and "&lt;script&gt;" in rendered
    # a report line starting like a heading does not become one
    x = Question(id="h", kind="tf", prompt="# Heading?\n- item", options=tf_options(True))
    md = export(Quiz(title="t", questions=(x,)), "md")
    out = MarkdownIt("commonmark").render(md)
    assert "<h1>Heading?" not in out and "<li>item" not in out


# ============================================================== model and registry


def test_model_rules():
    with pytest.raises(ValueError):
        Question(id="x", kind="mcq", prompt="p", options=(Option("a", True), Option("b", True)))
    with pytest.raises(ValueError):
        Question(id="x", kind="cloze", prompt="no blank", answers=("a",))
    with pytest.raises(ValueError):
        Question(id="x", kind="essay", prompt="p")
    with pytest.raises(ValueError):
        Question(id="x", kind="tf", prompt="p", options=(Option("Yes", True), Option("No", False)))
    assert MCQ.correct_options() == (MCQ.options[3],)
    assert question_id("tf", "p", tf_options(True)) == question_id("tf", "p", tf_options(True))
    assert question_id("tf", "p", tf_options(True)) != question_id("tf", "p", tf_options(False))
    hash(Quiz(title="t", questions=ALL, selection={"a": 1}))


def test_registry(quiz):
    assert set(FORMATS) == set(FILE_EXTENSIONS) == {"gift", "moodle-xml", "aiken", "csv", "csv-full", "json", "md"}
    for fmt in FORMATS:
        assert isinstance(export(quiz, fmt), str)
    with pytest.raises(ValueError):
        export(quiz, "docx")
    empty = Quiz(title="empty", questions=())
    for fmt in FORMATS:
        export(empty, fmt)


def test_kinds_for_format():
    from assistant.quiz.export import kinds_for_format

    assert kinds_for_format("gift", "mcq,tf,cloze,short") == (("mcq", "tf", "cloze", "short"), "")
    kinds, note = kinds_for_format("aiken", ["mcq", "tf", "cloze", "short"])
    assert kinds == ("mcq", "tf") and "cannot hold cloze, short" in note
    assert kinds_for_format("csv", ["tf"]) == (("tf",), "")
    with pytest.raises(ValueError, match="holds only mcq and tf"):
        kinds_for_format("aiken", ["cloze"])
