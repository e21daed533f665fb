"""Shared fixtures: the shared corpus of real reports, small real indexes built from it."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

# A few real reports of each layout, used to build small test indexes.
SAMPLE = [
    "2532283_dorset/children's services inspection - 09 may 2025.pdf",  # ILACS, outstanding
    "2532283_dorset/children's services inspection - 19 november 2021.pdf",  # ILACS, good
    "80429_birmingham/children's services inspection - 23 may 2014.pdf",  # SIF
    "80429_birmingham/children's services inspection - 17 january 2019.pdf",  # ILACS, requires improvement
    "80555_somerset/children's services inspection - 17 june 2026.pdf",  # 2026, no overall grade
    "2637539_north northamptonshire/children's services inspection - 25 november 2022.pdf",
    "2637548_west northamptonshire/children's services inspection - 25 november 2022.pdf",
]
BROKEN = "80429_birmingham/children's services inspection - 19 october 2012.pdf"  # HTML saved as .pdf
# Every report of Birmingham, Leeds, Bury and Dorset (so "latest", "previous" and changes are
# true to the whole corpus for them), and the latest of Bradford and Hertfordshire: the
# conversation and paraphrase tests ask about these.
CONVERSATION = [
    "80429_birmingham/children's services inspection - 25 november 2016.pdf",
    "80429_birmingham/children's services inspection - 18 april 2023.pdf",
    "80481_leeds/children's services inspection - 27 march 2015.pdf",
    "80481_leeds/children's services inspection - 18 december 2018.pdf",
    "80481_leeds/children's services inspection - 09 may 2022.pdf",
    "80481_leeds/children's services inspection - 12 august 2025.pdf",
    "80443_bury/children's services inspection - 16 may 2016.pdf",
    "80443_bury/children's services inspection - 17 december 2021.pdf",
    "80443_bury/children's services inspection - 29 july 2025.pdf",
    "80449_bradford/children's services inspection - 21 may 2026.pdf",
    "80475_hertfordshire/children's services inspection - 10 march 2023.pdf",
]


def shared_corpus() -> Path | None:
    """CORPUS_MIRROR when set (even if wrong: corpus_dir then fails), else ../shared/ofsted-reports."""
    mirror = os.environ.get("CORPUS_MIRROR", "").strip()
    if mirror:
        return Path(mirror)
    default = ROOT.parent / "shared" / "ofsted-reports"
    return default if (default / "manifest.csv").is_file() else None


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus (see locate_corpus)."""
    return locate_corpus()


def locate_corpus() -> Path:
    """The shared corpus. A CORPUS_MIRROR that is set but wrong, or no corpus at all under CI,
    fails the tests that need it rather than skipping them."""
    path = shared_corpus()
    if path is not None and not (path / "manifest.csv").is_file():
        pytest.fail(
            f"CORPUS_MIRROR={path} holds no manifest.csv: point it at the shared ofsted-reports folder", pytrace=False
        )
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("shared corpus not found under CI (set CORPUS_MIRROR)", pytrace=False)
        pytest.skip("shared corpus not found (set CORPUS_MIRROR)")
    return path


BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str | None:
    """The first Chromium-family browser on PATH (Debian's chromium in CI)."""
    return next((path for path in map(shutil.which, BROWSER_NAMES) if path), None)


# Chromium flags for the browser tests: headless on a closed network, as root
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright (see browser_or_fail)."""
    executable = browser_or_fail()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


def browser_or_fail() -> str:
    """The browser's path for the browser tests; under CI (env CI set) a missing browser fails
    them, never skips them."""
    path = find_browser()
    if path is None:
        message = f"no browser found on PATH ({', '.join(BROWSER_NAMES)}): apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def free_port() -> int:
    """A free TCP port on localhost, for servers the tests start."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_reports(corpus: Path, dest: Path, names: list[str]) -> Path:
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / name, target)
    return dest


@pytest.fixture(scope="session")
def embedder():
    from assistant.embedding import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def sample_index(corpus_dir: Path, tmp_path_factory, embedder):
    """A real Chroma index of the sample reports (plus the broken file), built once."""
    from assistant.indexing import ingest
    from assistant.settings import Settings

    base = tmp_path_factory.mktemp("sample")
    reports = copy_reports(corpus_dir, base / "reports", [*SAMPLE, *CONVERSATION, BROKEN])
    settings = Settings.from_env(
        index_path=str(base / "index"), manifest=str(ROOT / "corpus" / "manifest.csv"), chroma_host=""
    )
    summary = ingest(reports, settings, embedder=embedder, progress=False)
    assert summary.reports == len(SAMPLE) + len(CONVERSATION), summary.lines()
    return settings, summary, reports


@pytest.fixture(scope="session")
def retriever(sample_index, embedder):
    from assistant.retrieval import Retriever

    settings, _, _ = sample_index
    return Retriever.open(settings=settings, embedder=embedder)
