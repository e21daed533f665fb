"""Ingest into a real Chroma index with the real embedding model: incremental, bad input
reported and skipped, prune, model recorded, exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import IndexMissingError, ModelMismatchError
from assistant.indexing import ingest
from assistant.settings import Settings
from assistant.store import ChromaStore

from conftest import BROKEN, CONVERSATION, ROOT, SAMPLE, copy_reports


def test_sample_index_has_every_report_and_reports_the_broken_file(sample_index):
    settings, summary, reports = sample_index
    assert summary.reports == len(SAMPLE) + len(CONVERSATION) and summary.chunks > 200
    assert [(Path(p).name, r) for p, r in summary.failed] == [
        (Path(BROKEN).name, "not a PDF: it is an HTML page saved with a .pdf name (re-download the report)")
    ]
    assert summary.exit_code == 1
    store = ChromaStore(settings).open(settings.model)
    assert sorted(store.report_shas()) == sorted(SAMPLE + CONVERSATION)
    assert store.count() == summary.chunks
    dorset = next(m for m in store.reports() if m.source == SAMPLE[0])
    assert dorset.local_authority == "Dorset" and dorset.published == "2025-05-09"
    assert dorset.url.startswith("https://files.ofsted.gov.uk/") and dorset.pages == 12
    chunk = store.get_chunks(where={"source": SAMPLE[0]})[0]
    assert chunk.page >= 1 and chunk.report_id == dorset.report_id


def _store_state(settings: Settings):
    store = ChromaStore(settings).open(settings.model)
    got = store._chunks.get(include=["metadatas"])
    return store, sorted(got["ids"]), [m["source"] for m in got["metadatas"]]


def test_incremental_replace_and_prune(corpus_dir, tmp_path, embedder):
    reports = copy_reports(corpus_dir, tmp_path / "reports", SAMPLE[:2])
    s = Settings.from_env(
        index_path=str(tmp_path / "index"), manifest=str(ROOT / "corpus" / "manifest.csv"), chroma_host=""
    )
    first = ingest(reports, s, embedder=embedder, progress=False)
    assert first.reports == 2 and first.exit_code == 0
    _, ids1, _ = _store_state(s)

    again = ingest(reports, s, embedder=embedder, progress=False)
    assert (again.reports, again.skipped) == (0, 2)
    assert _store_state(s)[1] == ids1

    # the 2025 file is replaced by other content: its chunks are replaced, no orphans
    target = reports / SAMPLE[0]
    shutil.copyfile(corpus_dir / SAMPLE[2], target)
    changed = ingest(reports, s, embedder=embedder, progress=False)
    assert (changed.reports, changed.skipped) == (1, 1)
    store, ids2, sources = _store_state(s)
    assert len(ids2) == len(set(ids2))
    assert sources.count(SAMPLE[0]) == changed.chunks

    # the file is deleted: --prune removes its chunks and record
    target.unlink()
    pruned = ingest(reports, s, embedder=embedder, progress=False, prune=True)
    assert pruned.removed == 1
    store, ids3, sources = _store_state(s)
    assert set(sources) == {SAMPLE[1]} and set(store.report_shas()) == {SAMPLE[1]}


def test_unchanged_report_keeps_exactly_its_chunks(corpus_dir, tmp_path, embedder):
    reports = copy_reports(corpus_dir, tmp_path / "r", SAMPLE[:2])
    s = Settings.from_env(index_path=str(tmp_path / "i"), chroma_host="")
    ingest(reports, s, embedder=embedder, progress=False)
    store = ChromaStore(s).open(s.model)
    before = sorted(c.id for c in store.get_chunks(where={"source": SAMPLE[1]}))
    shutil.copyfile(corpus_dir / SAMPLE[3], reports / SAMPLE[0])
    ingest(reports, s, embedder=embedder, progress=False)
    assert sorted(c.id for c in store.get_chunks(where={"source": SAMPLE[1]})) == before


def test_a_newer_chunker_chunks_indexed_reports_again(corpus_dir, tmp_path, embedder, monkeypatch):
    import assistant.indexing as indexing

    reports = copy_reports(corpus_dir, tmp_path / "r", SAMPLE[:1])
    s = Settings.from_env(index_path=str(tmp_path / "i"), chroma_host="")
    ingest(reports, s, embedder=embedder, progress=False)
    assert ingest(reports, s, embedder=embedder, progress=False).skipped == 1  # unchanged: skipped
    monkeypatch.setattr(indexing, "CHUNKING_VERSION", indexing.CHUNKING_VERSION + 1)
    again = ingest(reports, s, embedder=embedder, progress=False)
    assert (again.reports, again.skipped) == (1, 0) and again.chunks > 0
    store = ChromaStore(s).open(s.model)
    assert store.report_states()[SAMPLE[0]][2] == indexing.CHUNKING_VERSION
    assert ingest(reports, s, embedder=embedder, progress=False).skipped == 1


def test_model_is_recorded_and_mixing_is_refused(sample_index):
    settings, _, _ = sample_index
    with pytest.raises(ModelMismatchError) as e:
        ChromaStore(settings).open("some-other-model")
    assert "all-MiniLM-L6-v2" in str(e.value) and "--rebuild" in str(e.value)


def test_missing_index_message(tmp_path):
    with pytest.raises(IndexMissingError) as e:
        ChromaStore(Settings(index_path=str(tmp_path / "none"))).open("m")
    assert "python ingest.py" in str(e.value)


def test_cli_bad_inputs_exit_code_and_summary(corpus_dir, tmp_path):
    """Odd names, an HTML page saved as .pdf, a zero-byte file and an unsupported type:
    the good report ingests, each bad one is listed with its reason, exit code 1."""
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copyfile(corpus_dir / SAMPLE[1], folder / 'it\'s "odd" – ünïcode report.pdf')
    shutil.copyfile(corpus_dir / BROKEN, folder / "broken.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.xlsx").write_bytes(b"PK")
    index = tmp_path / "index"
    cmd = [sys.executable, str(ROOT / "ingest.py"), str(folder), "--index", str(index), "--model", "hash:64"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert "Indexed 1 report(s)" in run.stdout
    assert "broken.pdf: not a PDF" in run.stdout and "empty.pdf: the file is empty" in run.stdout
    assert "notes.xlsx: unsupported file type" in run.stdout
    # a second run: nothing new, still reports the bad files, the good one kept
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert "Indexed 0 report(s)" in again.stdout and "1 unchanged skipped" in again.stdout
    # mixing models is refused with exit code 2 and a message
    other = subprocess.run(cmd[:-1] + ["hash:32"], capture_output=True, text=True, timeout=300)
    assert other.returncode == 2 and "was built with the embedding model 'hash:64'" in other.stderr
