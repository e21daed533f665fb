"""kill -9 the ingest at random points, rerun, and the index holds exactly the expected
chunks, with no duplicates; then a real Chroma server (`chroma run`) on localhost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from assistant.settings import Settings
from assistant.store import ChromaStore

from conftest import ROOT, SAMPLE, copy_reports, free_port

MODEL = "hash:128"  # model-free embedder: the test is about the store, and must be quick


def _ingest_cmd(folder, index):
    return [sys.executable, str(ROOT / "ingest.py"), str(folder), "--index", str(index), "--model", MODEL, "--quiet"]


def _state(index):
    s = Settings(index_path=str(index), model=MODEL)
    store = ChromaStore(s).open(MODEL)
    got = store._chunks.get(include=["metadatas"])
    return sorted(got["ids"]), sorted(store.report_shas().items())


@pytest.mark.corpus
def test_kill_minus_nine_at_random_points_then_rerun(corpus_dir, tmp_path):
    folder = copy_reports(corpus_dir, tmp_path / "reports", SAMPLE)
    reference = tmp_path / "reference"
    started = time.time()
    subprocess.run(_ingest_cmd(folder, reference), check=True, capture_output=True, timeout=600)
    duration = time.time() - started
    expected = _state(reference)
    assert len(expected[0]) > 200 and len(expected[1]) == len(SAMPLE)

    index = tmp_path / "index"
    rng = random.Random(7)
    kills, interrupted = 0, False
    for _ in range(5):
        proc = subprocess.Popen(_ingest_cmd(folder, index), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 0.95) * duration)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        if index.exists():
            try:
                interrupted |= _state(index) != expected
            except Exception:  # noqa: BLE001 - killed before the collections existed
                interrupted = True
    assert kills >= 1 and interrupted, "the ingest always finished before the kill: nothing was tested"
    subprocess.run(_ingest_cmd(folder, index), check=True, capture_output=True, timeout=600)
    ids, reports = _state(index)
    assert len(ids) == len(set(ids))  # no duplicates
    assert (ids, reports) == expected  # exactly the expected chunks and reports


@pytest.mark.server
def test_chroma_server_mode(corpus_dir, tmp_path, embedder):
    """Ingest and search through HttpClient against a real `chroma run` on localhost."""
    from assistant.indexing import ingest
    from assistant.retrieval import Retriever

    chroma = ROOT / ".venv" / "bin" / "chroma"
    exe = str(chroma) if chroma.exists() else "chroma"
    port = free_port()
    server = subprocess.Popen(
        [exe, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        settings = Settings.from_env(chroma_host="127.0.0.1", chroma_port=port, index_path=str(tmp_path / "unused"))
        store = ChromaStore(settings)
        for _ in range(60):
            try:
                store.client.heartbeat()
                break
            except Exception:  # noqa: BLE001 - server still starting
                store._client = None
                time.sleep(0.5)
        folder = copy_reports(corpus_dir, tmp_path / "reports", SAMPLE[:2])
        summary = ingest(folder, settings, embedder=embedder, progress=False)
        assert summary.reports == 2 and summary.exit_code == 0
        again = ingest(folder, settings, embedder=embedder, progress=False)
        assert again.skipped == 2
        retriever = Retriever.open(settings=settings, embedder=embedder)
        hits = retriever.search("What does Dorset need to improve?", k=3)
        assert (hits[0].citation.source, hits[0].citation.page) == (SAMPLE[0], 2)
        assert not (tmp_path / "unused").exists()  # nothing was written to an embedded index
    finally:
        server.terminate()
        server.wait(10)


def test_unreachable_server_message():
    from assistant.errors import StoreUnavailableError

    settings = Settings(chroma_host="127.0.0.1", chroma_port=free_port())
    with pytest.raises(StoreUnavailableError) as e:
        ChromaStore(settings).open("m")
    assert "Start it" in str(e.value)
