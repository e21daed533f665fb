"""Staff feedback on answers: one JSON line per rating, appended to settings.feedback_path.

{"time": "2025-06-01T10:00:00+00:00", "question": "...", "answer": "...",
 "citations": [{"n": 1, "source": "...", "page": 2, ...}], "rating": "up", "comment": ""}
"""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path

from ..records import Answer

RATINGS = ("up", "down")
MAX_COMMENT = 2000
_LOCK = threading.Lock()


def feedback_record(answer: Answer, rating: str, comment: str = "") -> dict:
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {', '.join(RATINGS)}, not {rating!r}")
    return {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "question": answer.question,
        "answer": answer.text,
        "citations": answer.to_dict()["citations"],
        "rating": rating,
        "comment": (comment or "").strip()[:MAX_COMMENT],
    }


def record_feedback(path: str | Path, answer: Answer, rating: str, comment: str = "") -> dict:
    """Append one feedback line to path (created with its folder when missing); return it."""
    record = feedback_record(answer, rating, comment)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    p = Path(path)
    with _LOCK:
        p.parent.mkdir(parents=True, exist_ok=True)
        with p.open("a", encoding="utf-8") as f:
            f.write(line)
    return record
