"""Report structure from page text: running headers removed, section headings,
numbered paragraphs and bullet items, as a flat list of blocks in reading order."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..records import Page
from ..vocabulary import BULLETS, grade_at_end

_PARA = re.compile(r"^(\d{1,3})\.(?:\s+|(?=[A-Z‘“(]))(\S.*)$")  # "34. Care" and "34.Care"
_BULLET = re.compile(rf"^[{re.escape(BULLETS + '–-')}]\s*(\S.*)$")  # bullets, or a dash used as one
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = (".", "?", "!", ":", ")", "”", "’", ";")


@dataclass
class Block:
    """A numbered paragraph, a bullet item or a run of text, on one page."""

    page: int
    text: str
    paragraph: str = ""
    heading: str = ""
    bullet: bool = False


def body_lines(pages: list[Page]) -> list[list[str]]:
    """Each page's lines with running headers/footers (repeated on many pages) removed."""
    lines = [[ln.strip() for ln in p.text.split("\n") if ln.strip()] for p in pages]
    edges = Counter()
    for ls in lines[1:]:
        for ln in set(ls[:3] + ls[-2:]):
            edges[_DIGITS.sub("#", ln)] += 1
    threshold = max(3, int(0.4 * max(1, len(pages) - 1)))
    repeated = {k for k, c in edges.items() if c >= threshold}
    out = []
    for i, ls in enumerate(lines):
        if i == 0:
            out.append(ls)
            continue
        head = [ln for ln in ls[:3] if _DIGITS.sub("#", ln) not in repeated]
        middle = ls[3:-2] if len(ls) > 5 else []
        tail_src = ls[-2:] if len(ls) > 5 else ls[3:]
        tail = [ln for ln in tail_src if _DIGITS.sub("#", ln) not in repeated]
        out.append(head + middle + tail)
    return out


def _heading_shape(line: str) -> bool:
    if len(line) > 90 or not line[0].isupper() or _PARA.match(line) or _BULLET.match(line):
        return False
    return not line.endswith((".", ",", ";"))


def _after_text_end(prev: str | None, prev_heading: bool) -> bool:
    return prev is None or prev_heading or prev.endswith(_SENTENCE_END) or _looks_like_heading(prev)


def _area_heading(group: list[str], nxt: str) -> bool:
    """A judgement area's heading ("...children in care: good") before its first numbered
    paragraph: a heading even where the line before it does not end a sentence (a bullet of
    the list above it that has no full stop)."""
    return bool(grade_at_end(" ".join(group))) and bool(_PARA.match(nxt))


def _looks_like_heading(line: str) -> bool:
    return line.endswith("?") and len(line) < 90


def split_blocks(pages: list[Page]) -> list[Block]:
    """Blocks in reading order; each carries its page, paragraph number and section heading."""
    blocks: list[Block] = []
    heading = ""
    expected = None  # next paragraph number we accept
    for page, lines in zip(pages, body_lines(pages)):
        current: Block | None = None
        prev: str | None = None
        prev_heading = False
        i = 0
        while i < len(lines):
            line = lines[i]
            m = _PARA.match(line)
            if m and (expected is None or int(m.group(1)) in (expected, 1)):
                expected = int(m.group(1)) + 1
                current = Block(page.number, line, paragraph=m.group(1), heading=heading)
                blocks.append(current)
            elif _BULLET.match(line) and len(line) > 3:
                current = Block(page.number, line, paragraph="", heading=heading, bullet=True)
                blocks.append(current)
            elif (
                _heading_shape(line)
                and (group := _heading_group(lines, i))
                and (
                    _after_text_end(prev, prev_heading)
                    or _area_heading(group, lines[i + len(group)] if i + len(group) < len(lines) else "")
                )
            ):
                i += len(group) - 1
                heading = " ".join(group).rstrip(":.").strip()
                current = Block(page.number, "\n".join(group), heading=heading)  # headings stay in the text
                blocks.append(current)
                prev, prev_heading = lines[i], True
                i += 1
                continue
            elif current is None:
                current = Block(page.number, line, heading=heading)
                blocks.append(current)
            else:
                current.text += "\n" + line
            prev, prev_heading = lines[i], False
            i += 1
    return blocks


def _continues(line: str) -> bool:
    """A wrapped heading's next line: lower case, short, not the end of a sentence."""
    return line[:1].islower() and len(line) < 60 and not line.endswith((".", ",", ";"))


def _grade_line(group: list[str], line: str) -> bool:
    """An area heading's grade, or the rest of it, on a line of its own: "...help and
    protection:" then "requires improvement to be good.", or "...who need help and" then
    "protection requires improvement to be good." (the full stop would otherwise read as body text, and the
    section before would carry over the whole area)."""
    words = " ".join(line.lower().rstrip(". ").split())
    grade = grade_at_end(" ".join([*group, line]))
    return len(line) < 60 and bool(grade) and (line[:1].islower() or grade.endswith(words))


def _heading_group(lines: list[str], i: int) -> list[str]:
    """The heading starting at line i with its wrapped continuation lines, or [] when what
    follows shows it is ordinary text. A heading is confirmed by a numbered paragraph or a
    bullet after it, by ending in '?' or ':', or by being short and followed by a new line
    that starts with a capital."""
    group = [lines[i]]
    j = i + 1
    while j < len(lines) and (_continues(lines[j]) or _grade_line(group, lines[j])):
        group.append(lines[j])
        j += 1
    if j < len(lines) and lines[j][:1].islower():
        return []
    text = " ".join(group)
    nxt = lines[j] if j < len(lines) else ""
    if _PARA.match(nxt) or _BULLET.match(nxt) or text.endswith(("?", ":")):
        return group
    if len(text) < 60 and (not nxt or nxt[:1].isupper()):
        return group
    return []
