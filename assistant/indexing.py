"""Ingest: files -> pages -> metadata -> chunks -> embeddings -> store.

Incremental (a file whose sha256 is indexed is skipped; a changed one replaced), crash-safe
(see store.replace_report), and forgiving: a file that cannot be read is reported with a
plain reason and skipped; nothing already indexed is lost.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .chunking import chunk_report, embedding_text
from .corpus import ManifestIndex, read_manifest, sha256_file
from .embedding import Embedder, make_embedder
from .errors import ReportReadError
from .records import ReportMeta
from .reports.metadata import display_authority, extract_metadata
from .reports.readers import read_pages
from .settings import Settings
from .store import ChromaStore

METADATA_VERSION = 2  # bump when reports/metadata.py changes: records are refreshed, chunks kept
CHUNKING_VERSION = 1  # bump when chunking or reports/structure.py changes: reports are chunked and embedded again
IGNORED_SUFFIXES = {".csv", ".json", ".jsonl", ".part", ".gitkeep", ".ds_store"}


@dataclass
class IngestSummary:
    reports: int = 0  # newly indexed or replaced
    pages: int = 0
    chunks: int = 0
    skipped: int = 0  # unchanged, already indexed
    removed: int = 0  # pruned
    failed: list[tuple[str, str]] = field(default_factory=list)
    # metadata fields whose extractor raised (the report is indexed, the field left empty):
    # (path, field, error)
    extractor_errors: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def lines(self) -> list[str]:
        out = [
            f"Indexed {self.reports} report(s), {self.pages} pages, {self.chunks} chunks; "
            f"{self.skipped} unchanged skipped; {self.removed} removed; {len(self.failed)} failed; "
            f"{len(self.extractor_errors)} metadata extractor error(s); {self.seconds:.1f} s"
        ]
        out += [f"  FAILED {path}: {reason}" for path, reason in self.failed]
        out += [
            f"  EXTRACTOR ERROR {path}: field {name} left empty ({error})"
            for path, name, error in self.extractor_errors
        ]
        return out


def discover(folder: Path) -> list[Path]:
    """Every candidate report file below folder (hidden files and data files left out)."""
    if folder.is_file():
        return [folder]
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            p = Path(root) / name
            if name.startswith(".") or p.suffix.lower() in IGNORED_SUFFIXES or name.lower().startswith("readme"):
                continue
            files.append(p)
    return files


def report_id_for(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[:16]


class Progress:
    """A tqdm bar on a terminal, plain log lines otherwise."""

    def __init__(self, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.total = total
        self.start = time.time()
        self.bar = None
        self.last_log = 0.0
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=self.stream, dynamic_ncols=True)

    def update(self, done: int, pages: int, chunks: int, current: str) -> None:
        if self.bar is not None:
            self.bar.n = done
            self.bar.set_postfix(pages=pages, chunks=chunks, refresh=False)
            self.bar.refresh()
            return
        now = time.time()
        if now - self.last_log >= 10 or done == self.total:
            elapsed = now - self.start
            eta = elapsed / done * (self.total - done) if done else 0
            print(
                f"[ingest] {done}/{self.total} reports, {pages} pages, {chunks} chunks, "
                f"{elapsed:.0f} s elapsed, ETA {eta:.0f} s — {current}",
                file=self.stream,
                flush=True,
            )
            self.last_log = now

    def message(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def ingest(
    folder: str | Path,
    settings: Settings,
    embedder: Embedder | None = None,
    prune: bool = False,
    rebuild: bool = False,
    progress: bool = True,
    on_report: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Index every report below folder into the store named by settings."""
    started = time.time()
    folder = Path(folder)
    embedder = embedder or make_embedder(settings.model)
    store = ChromaStore(settings)
    if rebuild:
        store.drop()
    store.open(embedder.name, create=True)
    manifest = ManifestIndex(read_manifest(settings.manifest) + read_manifest(folder / "manifest.csv"))
    summary = IngestSummary()
    files = discover(folder)
    indexed = store.report_states()
    bar = Progress(len(files)) if progress else None
    for n, path in enumerate(files, 1):
        source = path.name if folder.is_file() else path.relative_to(folder).as_posix()
        try:
            _ingest_one(path, source, store, embedder, manifest, indexed, summary)
        except ReportReadError as e:
            summary.failed.append((str(path), e.reason))
            if bar:
                bar.message(f"FAILED {path}: {e.reason}")
        if bar:
            bar.update(n, summary.pages, summary.chunks, source)
        if on_report:
            on_report(source)
    if prune:
        for meta in store.reports():
            if meta.path and not Path(meta.path).exists():
                store.delete_report(meta.source)
                summary.removed += 1
    if bar:
        bar.close()
    summary.seconds = time.time() - started
    return summary


def _ingest_one(
    path: Path,
    source: str,
    store: ChromaStore,
    embedder: Embedder,
    manifest: ManifestIndex,
    indexed: dict[str, tuple[str, int, int]],
    summary: IngestSummary,
) -> None:
    try:
        sha = sha256_file(path)
    except OSError as e:
        raise ReportReadError(str(path), f"cannot open the file ({e.strerror or e})") from e
    indexed_sha, version, chunked = indexed.get(source, ("", 0, 0))
    unchanged = indexed_sha == sha and chunked >= CHUNKING_VERSION
    if unchanged and version >= METADATA_VERSION:
        summary.skipped += 1
        return
    pages = read_pages(path)
    row = manifest.lookup(source, sha)
    defaults = {"sha256": sha}
    if row:
        defaults.update(
            local_authority=display_authority(row.local_authority),
            published=row.publication_date,
            url=row.url,
            urn=row.urn,
        )
    errors: list[tuple[str, str]] = []
    meta = extract_metadata(pages, source=source, report_id=report_id_for(source), defaults=defaults, errors=errors)
    summary.extractor_errors += [(str(path), name, error) for name, error in errors]
    meta = ReportMeta.from_dict({**meta.to_dict(), "sha256": sha, "path": str(path.resolve()), "pages": len(pages)})
    if unchanged:  # only the metadata extractor changed: keep the chunks and embeddings
        store.update_report(meta, METADATA_VERSION, CHUNKING_VERSION)
        summary.skipped += 1
        return
    chunks = chunk_report(pages, meta)
    if not chunks:
        raise ReportReadError(str(path), "no text could be split into passages")
    t = time.time()
    vectors = embedder.embed_documents([embedding_text(c) for c in chunks])
    summary.embed_seconds += time.time() - t
    store.replace_report(meta, chunks, vectors, METADATA_VERSION, CHUNKING_VERSION)
    summary.reports += 1
    summary.pages += len(pages)
    summary.chunks += len(chunks)
