"""The corpus: the manifest of known reports, and fetching them (download or local mirror)."""

from __future__ import annotations

import csv
import hashlib
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusFetchError


@dataclass(frozen=True)
class ManifestRow:
    urn: str
    local_authority: str
    url: str
    path: str  # relative path of the report file
    publication_date: str
    sha256: str
    demo: bool = False


def read_manifest(path: str | Path) -> list[ManifestRow]:
    path = Path(path)
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return [
            ManifestRow(
                urn=r.get("urn", ""),
                local_authority=r.get("local_authority", ""),
                url=r.get("url", ""),
                path=r.get("path", ""),
                publication_date=r.get("publication_date", ""),
                sha256=r.get("sha256", ""),
                demo=r.get("demo", "").strip() in ("1", "true", "yes"),
            )
            for r in csv.DictReader(f)
        ]


class ManifestIndex:
    """Look up a report file's manifest row by relative path or by content hash."""

    def __init__(self, rows: Iterable[ManifestRow]):
        rows = list(rows)
        self.by_path = {r.path: r for r in rows}
        self.by_sha = {r.sha256: r for r in rows if r.sha256}

    def lookup(self, rel_path: str, sha256: str) -> ManifestRow | None:
        return self.by_path.get(rel_path) or self.by_sha.get(sha256)


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class FetchResult:
    fetched: list[str]
    present: list[str]
    failed: list[tuple[str, str]]


def fetch(
    manifest: str | Path,
    dest: str | Path,
    include_all: bool = False,
    mirror: str | Path | None = None,
    log: Callable[[str], None] = print,
    timeout: float = 30.0,
) -> FetchResult:
    """Bring the listed reports (the demo subset unless include_all) into dest, from the
    mirror folder when given, else from their Ofsted URLs. sha256 is verified; files
    already present and intact are skipped."""
    rows = [r for r in read_manifest(manifest) if include_all or r.demo]
    if not rows:
        raise CorpusFetchError(f"No reports listed in {manifest}. Check the path (ASSISTANT_MANIFEST).")
    dest = Path(dest)
    result = FetchResult([], [], [])
    for row in rows:
        target = dest / row.path
        if target.is_file() and (not row.sha256 or sha256_file(target) == row.sha256):
            result.present.append(row.path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            if mirror:
                src = Path(mirror) / row.path
                if not src.is_file():
                    raise CorpusFetchError(f"not in the mirror {mirror}")
                shutil.copyfile(src, target.with_suffix(target.suffix + ".part"))
            else:
                _download(row.url, target.with_suffix(target.suffix + ".part"), timeout)
            part = target.with_suffix(target.suffix + ".part")
            if row.sha256 and sha256_file(part) != row.sha256:
                part.unlink(missing_ok=True)
                raise CorpusFetchError("sha256 does not match the manifest (file changed or corrupted)")
            part.replace(target)
            result.fetched.append(row.path)
            log(f"fetched {row.path}")
        except CorpusFetchError as e:
            result.failed.append((row.path, str(e)))
            log(f"FAILED {row.path}: {e}")
        except (urllib.error.URLError, OSError, TimeoutError) as e:
            reason = getattr(e, "reason", e)
            msg = (
                f"cannot download {row.url} ({reason}). If this machine is offline, copy the reports "
                "from a local folder instead: --mirror DIR or CORPUS_MIRROR=DIR"
            )
            result.failed.append((row.path, msg))
            log(f"FAILED {row.path}: {msg}")
            if isinstance(e, urllib.error.URLError) and not isinstance(e, urllib.error.HTTPError):
                # offline: every other download would fail the same way
                for other in rows[rows.index(row) + 1 :]:
                    if not (dest / other.path).is_file():
                        result.failed.append((other.path, "not attempted: offline"))
                break
    return result


def _download(url: str, target: Path, timeout: float) -> None:
    req = urllib.request.Request(url, headers={"User-Agent": "ofsted-assistant/0.1 (+corpus fetch)"})
    with urllib.request.urlopen(req, timeout=timeout) as resp, open(target, "wb") as out:
        shutil.copyfileobj(resp, out)
